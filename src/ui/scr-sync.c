/*
 * scr-sync.c - the sync screen (同步): this copy, the copies it exchanges
 * with, and bundle files for a USB stick.
 *
 * At the top this copy's node number and its key whole (read aloud or
 * copied to the copy that enrols it); then the enrolled peers in the list
 * widget, with the last bundle each way and what each has not yet
 * acknowledged; then what this copy holds of each origin.  Enter on a
 * peer offers what can be done with it (write a bundle for it, read a
 * bundle file, change or revoke its enrolment); F6 enrols a new one in a
 * small form checked by core as `zsdesk node enroll` is.  Only the city
 * office and administrators see the screen; only administrators enrol.
 * The stats of the last exchange stay on the screen until it closes.
 */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conflicts-desk.h"
#include "forms.h"
#include "i18n.h"
#include "sync.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* The fields of the enrolment form, in order. */
enum { EF_NODE, EF_KEY, EF_DISTRICT, EF_OFFICERS, EF_PEER, EF_REASON, EF_COUNT };

/* The fields of forms/node.form, in the order of the enum. */
static const char *const enrol_names[EF_COUNT] = {"node",     "key",  "district",
						  "officers", "peer", "reason"};

/* The actions Enter offers on a peer. */
static const char *const peer_actions[] = {N_("Write a bundle file for this copy"),
					   N_("Read a bundle file"), N_("Change the enrolment"),
					   N_("Revoke this copy")};
#define NPEER_ACTIONS (int)(sizeof peer_actions / sizeof *peer_actions)

struct origin {
	unsigned node;
	uint64_t have;
};

struct sstate {
	struct zs *z;
	bool denied;            /* the officer may not see it: only the refusal */
	char refusal[1200];
	struct zs_node_info me;
	struct zs_peer *p;
	size_t np;
	struct origin *o;
	size_t no;
	struct list list;
	int w[7];
	char last[600];         /* what the last exchange did */
	bool last_error;
	/* the enrolment form, when open */
	bool form;
	bool form_change;       /* changing an enrolled peer (its node fixed) */
	struct form nf;                 /* forms/node.form */
	bool nf_ok;
	char nf_err[600];               /* why it could not be read */
	const struct form_field *ff[EF_COUNT];
	struct editor ed[EF_COUNT];
	int focus;
	char form_err[1400];
	int err_field;
	int cur_row, cur_col;
	/* a choice from a list opened here */
	bool pending;
	char chosen[256];
	char path[1024];        /* the last bundle file named */
	char why[UI_TEXT_BYTES]; /* a revocation's reason being typed */
};

static const enum action sync_bar[] = {ACT_HELP, ACT_ENTER, ACT_NEW, ACT_REFRESH, ACT_CANCEL,
				       ACT_JUMP, ACT_NONE};

/* Keeps one peer. */
static void keep_peer(void *ctx, const struct zs_peer *p)
{
	struct sstate *s = ctx;
	s->p = xreallocarray(s->p, s->np + 1, sizeof *s->p);
	s->p[s->np++] = *p;
}

/* Keeps one origin of the summary. */
static void keep_origin(void *ctx, unsigned node, uint64_t have)
{
	struct sstate *s = ctx;
	s->o = xreallocarray(s->o, s->no + 1, sizeof *s->o);
	s->o[s->no++] = (struct origin){node, have};
}

/* Reads this copy, its peers and its summary again. */
static int load(struct sstate *s)
{
	free(s->p);
	free(s->o);
	s->p = NULL;
	s->o = NULL;
	s->np = s->no = 0;
	int rc = zs_node_show(s->z, &s->me);
	if (rc == ZS_OK)
		rc = zs_node_list(s->z, keep_peer, s);
	if (rc == ZS_OK)
		rc = zs_sync_summary(s->z, keep_origin, s);
	return rc;
}

/* The number of rows. */
static size_t sync_count(void *ctx, size_t want, bool *more)
{
	struct sstate *s = ctx;
	(void)want;
	*more = false;
	return s->np;
}

/* A peer's district by its name; "all" for none. */
static void district_name(struct zs *z, uint64_t d, char *buf, size_t n)
{
	if (!d) {
		snprintf(buf, n, "%s", _("all"));
		return;
	}
	struct rec r;
	rec_init(&r);
	if (zs_get(z, KIND_DISTRICT, d, &r) == ZS_OK)
		snprintf(buf, n, "%s", rec_text(&r, "name", ""));
	else
		snprintf(buf, n, "%" PRIu64, d);
	rec_free(&r);
}

/* Draws one peer. */
static void sync_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct sstate *s = ctx;
	const struct zs_peer *p = &s->p[i];
	char num[16], dist[128], pend[24];
	snprintf(num, sizeof num, "%u", p->node);
	district_name(s->z, p->district, dist, sizeof dist);
	snprintf(pend, sizeof pend, "%" PRIu64, p->pending);
	int attr = selected ? term_attr(ATTR_SELECT) : p->revoked ? term_attr(ATTR_DIM) : (int)A_NORMAL;
	char name[200], in[24], out[24];
	snprintf(name, sizeof name, "%s%s%s", p->name, p->revoked ? " " : "",
		 p->revoked ? _("(revoked)") : "");
	/* The year goes: the columns are narrow at 80. */
	snprintf(in, sizeof in, "%s", strlen(p->last_in) == 16 ? p->last_in + 5 : *p->last_in ? p->last_in : "-");
	snprintf(out, sizeof out, "%s", strlen(p->last_out) == 16 ? p->last_out + 5 : *p->last_out ? p->last_out : "-");
	const char *row[7] = {num, name, dist, *p->officers ? p->officers : _("any"), in, out, pend};
	draw_row(y, x + w, s->w, 1u << 0 | 1u << 6, row, 7, attr);
}

static const struct list_ops sync_ops = {
	.count = sync_count,
	.draw = sync_row,
};

/* Opens the sync screen (or its refusal). */
static void *sync_open(struct app *a, const void *arg)
{
	(void)arg;
	struct sstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->nf_ok = form_load("node", &s->nf, s->nf_err, sizeof s->nf_err) == 0;
	for (int i = 0; i < EF_COUNT; i++) {
		for (int j = 0; s->nf_ok && j < s->nf.nf && !s->ff[i]; j++)
			if (!strcmp(s->nf.f[j].name, enrol_names[i]))
				s->ff[i] = &s->nf.f[j];
		if (s->nf_ok && !s->ff[i]) {
			snprintf(s->nf_err, sizeof s->nf_err, _("node.form has no field %s"),
				 enrol_names[i]);
			s->nf_ok = false;
		}
	}
	for (int i = 0; i < EF_COUNT; i++) {
		size_t max = s->nf_ok && s->ff[i]->def->maxlen > 0 ? (size_t)s->ff[i]->def->maxlen : 500;
		editor_init(&s->ed[i], max);
		editor_limit_bytes(&s->ed[i], max * 4);
	}
	s->err_field = -1;
	list_init(&s->list, &sync_ops, s, false);
	if (zs_sync_may_see(s->z) != ZS_OK) {
		s->denied = true;
		desk_error_text(zs_last_error(s->z), s->refusal, sizeof s->refusal);
		app_message(a, true, "%s", s->refusal);
		return s;
	}
	if (load(s) != ZS_OK)
		app_fail(a, s->z);
	list_reset(&s->list);
	return s;
}

/* Frees the state. */
static void sync_close(void *st)
{
	struct sstate *s = st;
	for (int i = 0; i < EF_COUNT; i++)
		editor_free(&s->ed[i]);
	if (s->nf_ok)
		form_free(&s->nf);
	list_free(&s->list);
	free(s->p);
	free(s->o);
	free(s);
}

/* Draws the enrolment form: a label, the field and its hint per row. */
static void draw_form(struct sstate *s, int top, int rows, int cols)
{
	int y = top;
	draw_text(y++, 2, s->form_change ? _("Change the enrolment of a copy") : form_title(&s->nf),
		  cols - 4, false, A_BOLD);
	y++;
	int lw = 0;
	for (int i = 0; i < EF_COUNT; i++)
		if (text_width(form_field_label(s->ff[i])) > lw)
			lw = text_width(form_field_label(s->ff[i]));
	int fx = 4 + lw + 2, fw = cols - fx - 2;
	s->cur_row = s->cur_col = -1;
	for (int i = 0; i < EF_COUNT && y + 1 < top + rows; i++) {
		bool focus = i == s->focus;
		draw_text(y, 2, focus ? ">" : " ", 1, false, term_attr(ATTR_ACCENT));
		draw_text(y, 4, form_field_label(s->ff[i]), lw, true,
			  i == s->err_field ? term_attr(ATTR_ERROR) : (int)A_NORMAL);
		wchar_t view[256];
		int cc = editor_view(&s->ed[i], fw, view, 256);
		bool locked = s->form_change && i == EF_NODE;
		draw_wide(y, fx, view, fw, true,
			  locked ? term_attr(ATTR_DIM) : focus ? term_attr(ATTR_FOCUS) : term_attr(ATTR_FIELD));
		if (focus) {
			s->cur_row = y;
			s->cur_col = fx + cc;
		}
		y++;
		draw_text(y++, fx, form_field_help(s->ff[i]), fw, false, term_attr(ATTR_DIM));
	}
	if (y < top + rows)
		draw_text(y++, 4, _("F2 enrols, Tab goes to the next field, Esc cancels."), cols - 6,
			  false, A_NORMAL);
	if (*s->form_err && y < top + rows)
		draw_text(y, 2, s->form_err, cols - 4, false, term_attr(ATTR_ERROR));
}

/* Draws this copy, the peers and what this copy holds. */
static void sync_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct sstate *s = st;
	if (s->denied) {
		draw_text(top + 1, 2, s->refusal, cols - 4, false, term_attr(ATTR_ERROR));
		return;
	}
	if (s->form) {
		draw_form(s, top, rows, cols);
		return;
	}
	bool all = app_full_paint(a);
	int end = top + rows;
	if (all) {
		char line[256];
		snprintf(line, sizeof line, _("This copy: node %u"), s->me.node);
		draw_text(top, 2, line, cols - 4, false, term_attr(ATTR_ACCENT));
		snprintf(line, sizeof line, _("Key %s"), *s->me.key ? s->me.key : _("none yet (zsdesk node init)"));
		draw_text(top + 1, 2, line, cols - 4, false, A_NORMAL);
		static const char *const heads[] = {N_("Node"),	 N_("Name"),	      N_("District"),
						    N_("Officers"),  N_("Last in"), N_("Last out"),
						    N_("Pending")};
		int w[7] = {5, 0, 8, 0, 11, 11, 7};
		int rest = cols - 2 - (w[0] + w[2] + w[4] + w[5] + w[6]) - 2 * 6;
		w[1] = rest > 8 ? rest * 3 / 5 : 4;
		w[3] = rest - w[1] > 4 ? rest - w[1] : 4;
		memcpy(s->w, w, sizeof w);
		int x = 1;
		for (int c = 0; c < 7; c++) {
			draw_cell(top + 3, x, _(heads[c]), w[c], c == 0 || c == 6, A_BOLD);
			x += w[c] + 2;
		}
	}
	/* The peers take what the summary and the last exchange (two rows,
	 * wrapped) leave. */
	int tail = 2 + (*s->last ? 3 : 0);
	int lrows = end - (top + 4) - tail;
	if (lrows < 1)
		lrows = 1;
	list_draw(&s->list, top + 4, 0, lrows, cols, all);
	if (!all)
		return;
	int y = top + 4;
	if (s->np == 0)
		draw_text(y, 2, _("No copy enrolled yet: F6 enrols one."), cols - 4, false,
			  term_attr(ATTR_DIM));
	y = top + 4 + lrows + 1;
	if (y < end) {
		char line[1024];
		size_t l = (size_t)snprintf(line, sizeof line, "%s", _("Held here, by origin:"));
		for (size_t i = 0; i < s->no && l + 1 < sizeof line; i++)
			l += (size_t)snprintf(line + l, sizeof line - l, _("  node %u up to %" PRIu64),
					      s->o[i].node, s->o[i].have);
		if (!s->no)
			snprintf(line + l, sizeof line - l, "  %s", _("nothing yet"));
		draw_text(y, 2, line, cols - 4, false, A_NORMAL);
	}
	int attr = s->last_error ? term_attr(ATTR_ERROR) : term_attr(ATTR_ACCENT);
	const char *rest = s->last;
	for (y += 2; *rest && y < end; y++) {
		/* The second row takes the rest, cut if it must be. */
		size_t take = y + 1 < end ? text_fit(rest, cols - 4, NULL) : strlen(rest);
		if (rest[take] && rest[take] != ' ') /* break between words where there are any */
			for (size_t i = take; i > take / 2; i--)
				if (rest[i - 1] == ' ') {
					take = i;
					break;
				}
		char piece[sizeof s->last];
		snprintf(piece, sizeof piece, "%.*s", (int)(take ? take : strlen(rest)), rest);
		draw_text(y, 2, piece, cols - 4, false, attr);
		rest += take ? take : strlen(rest);
		while (*rest == ' ')
			rest++;
	}
}

/* Where the cursor goes: the field being typed in the form. */
static void sync_cursor(void *st, int *row, int *col)
{
	struct sstate *s = st;
	*row = s->form ? s->cur_row : -1;
	*col = s->form ? s->cur_col : -1;
}

/* Opens the enrolment form, empty or with peer p's enrolment. */
static void open_form(struct sstate *s, const struct zs_peer *p)
{
	for (int i = 0; i < EF_COUNT; i++)
		editor_set(&s->ed[i], "");
	s->form_change = p != NULL;
	if (p) {
		char num[16], dist[128] = "";
		snprintf(num, sizeof num, "%u", p->node);
		if (p->district)
			district_name(s->z, p->district, dist, sizeof dist);
		editor_set(&s->ed[EF_NODE], num);
		editor_set(&s->ed[EF_KEY], p->key);
		editor_set(&s->ed[EF_DISTRICT], dist);
		editor_set(&s->ed[EF_OFFICERS], p->officers);
		editor_set(&s->ed[EF_PEER], p->name);
	}
	s->form = true;
	s->focus = p ? EF_DISTRICT : EF_NODE;
	s->form_err[0] = '\0';
	s->err_field = -1;
}

/* Says what is wrong with field f of the form and puts the cursor there. */
static bool form_fail(struct sstate *s, int f, const char *msg)
{
	snprintf(s->form_err, sizeof s->form_err, "%s: %s", form_field_label(s->ff[f]), msg);
	s->err_field = f;
	s->focus = f;
	return false;
}

/* Checks the form and enrols; false (with the problem shown) when not. */
static bool save_form(struct app *a, struct sstate *s)
{
	char *t[EF_COUNT];
	for (int i = 0; i < EF_COUNT; i++)
		t[i] = editor_text(&s->ed[i]);
	struct zs_peer p;
	memset(&p, 0, sizeof p);
	bool ok = false;
	char *end = NULL;
	/* Each field as its kind in the form says (what any form checks). */
	for (int i = 0; i < EF_COUNT; i++) {
		char msg[600];
		struct rec scratch;
		rec_init(&scratch);
		int v = *t[i] ? zs_field_set_def(s->z, s->nf.kind, &scratch, s->ff[i]->def, t[i], msg,
						 sizeof msg)
			      : 0;
		rec_free(&scratch);
		if (!*t[i] && s->ff[i]->required)
			snprintf(msg, sizeof msg, "%s", _("is required"));
		if (v < 0 || (!*t[i] && s->ff[i]->required)) {
			/* The field is named on the form line already. */
			size_t nl = strlen(enrol_names[i]);
			bool named = !strncmp(msg, enrol_names[i], nl) && !strncmp(msg + nl, ": ", 2);
			form_fail(s, i, named ? msg + nl + 2 : msg);
			for (int j = 0; j < EF_COUNT; j++)
				free(t[j]);
			return false;
		}
	}
	unsigned long node = *t[EF_NODE] ? strtoul(t[EF_NODE], &end, 10) : 0;
	size_t hex = strspn(t[EF_KEY], "0123456789abcdefABCDEF");
	if (!*t[EF_NODE] || *end || node < 1 || node > 65535) {
		char m[200];
		snprintf(m, sizeof m, _("a node number is 1 to 65535, not %s"), t[EF_NODE]);
		form_fail(s, EF_NODE, m);
	} else if (node == s->me.node) {
		form_fail(s, EF_NODE, _("that is this copy's own number"));
	} else if (strlen(t[EF_KEY]) != 64 || hex != 64) {
		form_fail(s, EF_KEY, _("a node key is 64 hex digits, as `zsdesk node show` prints it"));
	} else if (*t[EF_DISTRICT] && zs_resolve(s->z, KIND_DISTRICT, t[EF_DISTRICT], &p.district) != ZS_OK) {
		char m[300];
		snprintf(m, sizeof m, _("there is no district %s"), t[EF_DISTRICT]);
		form_fail(s, EF_DISTRICT, m);
	} else {
		p.node = (unsigned)node;
		snprintf(p.key, sizeof p.key, "%s", t[EF_KEY]);
		snprintf(p.officers, sizeof p.officers, "%s", t[EF_OFFICERS]);
		snprintf(p.name, sizeof p.name, "%s", t[EF_PEER]);
		if (zs_node_enroll(s->z, &p, *t[EF_REASON] ? t[EF_REASON] : NULL) != ZS_OK) {
			char m[1200];
			const struct zs_err *e = zs_last_error(s->z);
			desk_error_text(e, m, sizeof m);
			/* Core words these for the command line's options. */
			const char *msg = !strncmp(m, "--officers: ", 12) ? m + 12
					  : !strncmp(m, "--key: ", 7)	  ? m + 7
									  : m;
			int f = strstr(m, "officer") ? EF_OFFICERS
				: strstr(m, "key")   ? EF_KEY
				: e->status == ZS_DENIED ? EF_NODE
							 : EF_REASON;
			form_fail(s, f, msg);
		} else {
			ok = true;
			app_message(a, false, _("Node %u enrolled: its bundles are accepted from now on."),
				    p.node);
		}
	}
	for (int i = 0; i < EF_COUNT; i++)
		free(t[i]);
	return ok;
}

/* Handles a key in the enrolment form. */
static int form_handle(struct app *a, struct sstate *s, const struct key *k)
{
	switch (k->action) {
	case ACT_CANCEL:
		s->form = false;
		return R_ALL;
	case ACT_SAVE:
		if (save_form(a, s)) {
			s->form = false;
			if (load(s) != ZS_OK)
				app_fail(a, s->z);
			list_reload(&s->list);
		}
		return R_ALL;
	case ACT_ENTER:
		if (s->focus == EF_COUNT - 1) {
			struct key save = {ACT_SAVE, 0, ""};
			return form_handle(a, s, &save);
		}
		/* fall through */
	case ACT_NEXT:
	case ACT_DOWN:
		s->focus = (s->focus + 1) % EF_COUNT;
		if (s->form_change && s->focus == EF_NODE)
			s->focus++;
		return R_BODY;
	case ACT_PREV:
	case ACT_UP:
		s->focus = (s->focus + EF_COUNT - 1) % EF_COUNT;
		if (s->form_change && s->focus == EF_NODE)
			s->focus = EF_COUNT - 1;
		return R_BODY;
	default:
		if (s->form_change && s->focus == EF_NODE)
			return R_NONE;
		return keys_edit(&s->ed[s->focus], k) == EDIT_NONE ? R_NONE : R_BODY;
	}
}

/* Receives a choice from the list of a peer's actions. */
static void chosen(void *ctx, const char *text)
{
	struct sstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Writes a bundle for peer p to a file the officer names. */
static void write_bundle(struct app *a, struct sstate *s, const struct zs_peer *p)
{
	char q[200], tmp[1100];
	if (!*s->path || strlen(s->path) < 5 || strcmp(s->path + strlen(s->path) - 4, ".zsb"))
		snprintf(s->path, sizeof s->path, "node%u-for%u.zsb", s->me.node, p->node);
	snprintf(q, sizeof q, _("Write the bundle for node %u to the file:"), p->node);
	if (!app_prompt(a, q, s->path, sizeof s->path) || !*s->path)
		return;
	struct stat sb;
	if (stat(s->path, &sb) == 0) {
		char ask[1200];
		snprintf(ask, sizeof ask, _("%s exists. Write over it?"), s->path);
		if (!app_confirm(a, ask))
			return;
	}
	if (snprintf(tmp, sizeof tmp, "%s.part", s->path) >= (int)sizeof tmp) {
		app_message(a, true, "%s", _("The file name is too long."));
		return;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		snprintf(s->last, sizeof s->last, _("Cannot write %s: %s"), tmp, strerror(err));
		s->last_error = true;
		app_message(a, true, "%s", s->last);
		return;
	}
	struct zs_sync_stats st;
	memset(&st, 0, sizeof st);
	int rc = zs_sync_export(s->z, p->node, f, &st);
	bool ok = rc == ZS_OK && fflush(f) == 0 && fsync(fileno(f)) == 0;
	int err = errno;
	fclose(f);
	if (!ok || rename(tmp, s->path) != 0) {
		err = ok ? errno : err;
		unlink(tmp);
		if (rc != ZS_OK)
			desk_error_text(zs_last_error(s->z), s->last, sizeof s->last);
		else
			snprintf(s->last, sizeof s->last, _("Cannot write %s: %s"), s->path, strerror(err));
		s->last_error = true;
		app_message(a, true, "%s", s->last);
		return;
	}
	snprintf(s->last, sizeof s->last,
		 _("Written %s: %" PRIu64 " operations for node %u in %" PRIu64 " batches, %" PRIu64
		   " bytes (%" PRIu64 " withheld: not of its district)."),
		 s->path, st.ops, p->node, st.batches, st.bytes, st.withheld);
	s->last_error = false;
	app_message(a, false, _("Bundle written to %s."), s->path);
}

/* Reads a bundle file the officer names and applies it. */
static void read_bundle(struct app *a, struct sstate *s)
{
	if (!app_prompt(a, _("Read the bundle file:"), s->path, sizeof s->path) || !*s->path)
		return;
	FILE *f = fopen(s->path, "rbe");
	if (!f) {
		snprintf(s->last, sizeof s->last, _("Cannot read %s: %s"), s->path, strerror(errno));
		s->last_error = true;
		app_message(a, true, "%s", s->last);
		return;
	}
	struct zs_sync_stats st;
	memset(&st, 0, sizeof st);
	int rc = zs_sync_import(s->z, f, &st);
	fclose(f);
	size_t l = 0;
	s->last[0] = '\0';
	if (st.from && (st.batches || rc == ZS_OK))
		l = (size_t)snprintf(s->last, sizeof s->last,
				     _("From node %u: %" PRIu64 " batches, %" PRIu64
				       " operations applied, %" PRIu64 " already held, %" PRIu64
				       " conflicts, %" PRIu64 " refused."),
				     st.from, st.batches, st.applied, st.held, st.conflicts, st.refused);
	if (rc != ZS_OK && l + 2 < sizeof s->last) {
		desk_error_text(zs_last_error(s->z), s->last + l + (l ? 1 : 0),
				sizeof s->last - l - (l ? 1 : 0));
		if (l)
			s->last[l] = ' ';
	}
	s->last_error = rc != ZS_OK;
	if (s->last_error)
		app_message(a, true, "%s", s->last);
	else
		app_message(a, false, _("Bundle %s read."), s->path);
	if (load(s) != ZS_OK)
		app_fail(a, s->z);
	list_reload(&s->list);
}

/* Carries out the action chosen on the selected peer. */
static void peer_action(struct app *a, struct sstate *s, const char *label)
{
	size_t sel;
	if (!list_selected(&s->list, &sel))
		return;
	struct zs_peer p = s->p[sel];
	int i;
	for (i = 0; i < NPEER_ACTIONS && strcmp(_(peer_actions[i]), label); i++)
		;
	char q[200];
	char *why = s->why; /* kept when refused, for the next try */
	switch (i) {
	case 0:
		write_bundle(a, s, &p);
		break;
	case 1:
		read_bundle(a, s);
		break;
	case 2:
		if (zs_node_may_manage(s->z) != ZS_OK)
			app_fail(a, s->z);
		else if (!s->nf_ok)
			app_message(a, true, "%s", s->nf_err);
		else
			open_form(s, &p);
		break;
	case 3:
		if (zs_node_may_manage(s->z) != ZS_OK) {
			app_fail(a, s->z);
			break;
		}
		snprintf(q, sizeof q, _("Reason for revoking node %u:"), p.node);
		if (!app_prompt(a, q, why, sizeof s->why))
			break;
		if (!*why)
			app_message(a, true, "%s", _("A revocation needs a reason, for the audit log."));
		else if (zs_node_revoke(s->z, p.node, why) != ZS_OK)
			app_fail(a, s->z);
		else {
			app_message(a, false, _("Node %u revoked: its bundles are refused from now on."),
				    p.node);
			why[0] = '\0';
		}
		if (load(s) != ZS_OK)
			app_fail(a, s->z);
		list_reload(&s->list);
		break;
	default:
		break;
	}
}

/* Handles a key. */
static int sync_handle(struct app *a, void *st, const struct key *k)
{
	struct sstate *s = st;
	if (s->denied)
		return k->action == ACT_CANCEL ? R_CLOSE : R_NONE;
	if (s->form)
		return form_handle(a, s, k);
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_NEW:
		if (zs_node_may_manage(s->z) != ZS_OK)
			app_fail(a, s->z);
		else if (!s->nf_ok)
			app_message(a, true, "%s", s->nf_err);
		else
			open_form(s, NULL);
		return R_ALL;
	case ACT_ENTER: {
		static const char *items[NPEER_ACTIONS];
		if (!s->np) {
			read_bundle(a, s);
			return R_ALL;
		}
		for (int i = 0; i < NPEER_ACTIONS; i++)
			items[i] = _(peer_actions[i]);
		s->pending = true;
		s->chosen[0] = '\0';
		struct pick_arg pa = {KIND_PROJECT, NULL, "", chosen, s, items, NPEER_ACTIONS, NULL};
		app_push(a, &scr_pick, &pa);
		return R_ALL;
	}
	case ACT_REFRESH:
		if (s->pending) {
			s->pending = false;
			if (*s->chosen) {
				char label[256];
				snprintf(label, sizeof label, "%s", s->chosen);
				s->chosen[0] = '\0';
				peer_action(a, s, label);
				return R_ALL;
			}
		}
		if (load(s) != ZS_OK)
			app_fail(a, s->z);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

/* This copy's node in the title. */
static const char *sync_subtitle(void *st, char *buf, size_t n)
{
	struct sstate *s = st;
	if (s->denied)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, _("node %u"), s->me.node);
	return buf;
}

static const struct bar_label sync_labels[] = {
	{ACT_ENTER, N_("Actions")}, {ACT_NEW, N_("Enrol a copy")}, {ACT_NONE, NULL}};

const struct screen_def scr_sync = {
	.name = "sync",
	.title = N_("Sync"),
	.bar = sync_bar,
	.open = sync_open,
	.draw = sync_draw,
	.handle = sync_handle,
	.close = sync_close,
	.cursor = sync_cursor,
	.subtitle = sync_subtitle,
	.labels = sync_labels,
};

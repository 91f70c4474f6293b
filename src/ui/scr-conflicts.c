/*
 * scr-conflicts.c - the conflict queue (冲突): fields changed on two
 * copies apart, and the officer's choice between them.
 *
 * The list is core's queue (zs_conflict_list), every copy in the same
 * order, each row the record by its name, the fields, and both values.
 * Enter shows one conflict whole: both values with who changed them, when
 * (the clock stamp as local time) and on which copy, and three choices -
 * keep A, keep B, or type a new value, which core checks as the field's
 * form would (zs_field_set inside zs_conflict_resolve).  A refused value
 * stays typed for the next try.  Opened from a project page, the queue
 * holds that record's conflicts only.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflicts-desk.h"
#include "i18n.h"
#include "sync.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* The names of the enrolled peers, to say which copy a change came from. */
struct peer_name {
	unsigned node;
	char name[128];
};

struct cstate {
	struct zs *z;
	struct list list;
	struct zs_sync_conflict *v;
	size_t n;
	char (*recname)[160]; /* each conflict's record, by its name */
	bool one_record;      /* only the conflicts of kind/id */
	enum kind kind;
	uint64_t id;
	bool open;   /* one conflict shown whole, with the choices */
	size_t cur;  /* which */
	int choice;  /* 0 keep A, 1 keep B, 2 type a new value */
	char typed[UI_TEXT_BYTES]; /* the new value typed last, kept when refused */
	char typed_for[9];         /* the conflict it was typed for */
	struct peer_name *peers;
	size_t npeers;
	size_t hidden; /* conflicts of fields the officer may not see */
	int w[5];
};

static const enum action conflicts_bar[] = {ACT_HELP, ACT_ENTER, ACT_REFRESH, ACT_CANCEL, ACT_JUMP,
					    ACT_NONE};

/* Keeps one conflict of the queue. */
static void keep(void *ctx, const struct zs_sync_conflict *c)
{
	struct cstate *s = ctx;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = *c;
}

/* Keeps the name of one peer. */
static void keep_peer(void *ctx, const struct zs_peer *p)
{
	struct cstate *s = ctx;
	s->peers = xreallocarray(s->peers, s->npeers + 1, sizeof *s->peers);
	s->peers[s->npeers].node = p->node;
	snprintf(s->peers[s->npeers].name, sizeof s->peers[s->npeers].name, "%s", p->name);
	s->npeers++;
}

/* Reads the queue again (this record's part when one_record). */
static int load(struct cstate *s)
{
	free(s->v);
	free(s->recname);
	s->v = NULL;
	s->recname = NULL;
	s->n = 0;
	int rc = s->one_record ? (zs_conflicts_of(s->z, s->kind, s->id, keep, s),
				  zs_last_error(s->z)->status)
			       : zs_conflict_list_seen(s->z, keep, s, &s->hidden);
	s->recname = xcalloc(s->n ? s->n : 1, sizeof *s->recname);
	for (size_t i = 0; i < s->n; i++) {
		struct rec r;
		char idb[32];
		rec_init(&r);
		zs_id_text(s->v[i].record, idb, sizeof idb);
		if (zs_get(s->z, s->v[i].kind, s->v[i].record, &r) == ZS_OK && *rec_text(&r, "name", ""))
			snprintf(s->recname[i], sizeof s->recname[i], "%s %s", idb,
				 rec_text(&r, "name", ""));
		else
			snprintf(s->recname[i], sizeof s->recname[i], "%s", idb);
		rec_free(&r);
	}
	return rc;
}

/* The fields of a conflict by their labels ("产业, 阶段"). */
static void field_labels(const struct zs_sync_conflict *c, char *buf, size_t n)
{
	char fl[128];
	snprintf(fl, sizeof fl, "%s", c->fields);
	buf[0] = '\0';
	char *save = NULL;
	for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s", l ? ", " : "", zs_field_label(c->kind, f));
	}
}

/* Who made one side's change, when and on which copy. */
static void side_who(struct cstate *s, const struct zs_sync_conflict *c, int i, char *buf, size_t n)
{
	char when[20], who[128] = "";
	struct rec o;
	rec_init(&o);
	if (c->side[i].who && zs_get(s->z, KIND_OFFICER, c->side[i].who, &o) == ZS_OK)
		snprintf(who, sizeof who, "%s", rec_text(&o, "name", ""));
	rec_free(&o);
	const char *peer = "";
	for (size_t p = 0; p < s->npeers; p++)
		if (s->peers[p].node == c->side[i].node)
			peer = s->peers[p].name;
	zs_hlc_text(c->side[i].hlc, when);
	snprintf(buf, n, _("%s, %s, node %u%s%s"), *who ? who : _("unknown officer"), when,
		 c->side[i].node, *peer ? " " : "", peer);
}

/* The number of rows. */
static size_t conflicts_count(void *ctx, size_t want, bool *more)
{
	struct cstate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Draws one conflict: record, fields, A, B (shown). */
static void conflicts_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct cstate *s = ctx;
	const struct zs_sync_conflict *c = &s->v[i];
	char labels[256];
	field_labels(c, labels, sizeof labels);
	int attr = selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
	const char *row[5] = {c->id, s->recname[i], labels, c->side[0].value, c->side[1].value};
	draw_row(y, x + w, s->w, 0, row, 5, attr);
}

static const struct list_ops conflicts_ops = {
	.count = conflicts_count,
	.draw = conflicts_row,
};

/* Opens the queue; arg: NULL for all, or the record whose conflicts. */
static void *conflicts_open(struct app *a, const void *arg)
{
	struct cstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	if (arg) {
		const struct conflicts_arg *ca = arg;
		s->one_record = true;
		s->kind = ca->kind;
		s->id = ca->id;
	}
	zs_node_list(s->z, keep_peer, s);
	if (load(s) != ZS_OK)
		app_fail(a, s->z);
	list_init(&s->list, &conflicts_ops, s, false);
	if (s->one_record && s->n == 1) {
		/* One conflict of the record: straight to the choice. */
		s->open = true;
		s->cur = 0;
		s->choice = 0;
	}
	return s;
}

/* Frees the state. */
static void conflicts_close(void *st)
{
	struct cstate *s = st;
	list_free(&s->list);
	free(s->v);
	free(s->recname);
	free(s->peers);
	free(s);
}

/* Draws one conflict whole with the three choices. */
static void draw_one(struct cstate *s, int top, int rows, int cols)
{
	const struct zs_sync_conflict *c = &s->v[s->cur];
	char line[1200], labels[256], who[512];
	int y = top, end = top + rows;
	field_labels(c, labels, sizeof labels);
	snprintf(line, sizeof line, "%s  %s", _(schema_kind(c->kind)->label), s->recname[s->cur]);
	draw_text(y++, 2, line, cols - 4, false, A_BOLD);
	snprintf(line, sizeof line, _("Fields: %s   (conflict %s)"), labels, c->id);
	draw_text(y++, 2, line, cols - 4, false, A_NORMAL);
	if (c->sides > 2 && y < end) {
		snprintf(line, sizeof line,
			 _("%u changes were made apart; A and B are the two latest."), c->sides);
		draw_text(y++, 2, line, cols - 4, false, term_attr(ATTR_DIM));
	}
	y++;
	for (int i = 0; i < 2 && y + 1 < end; i++) {
		draw_text(y, 2, i ? _("B (shown now)") : "A", 14, false, term_attr(ATTR_ACCENT));
		/* The value whole: as many rows as it takes, up to four. */
		const char *v = c->side[i].value;
		int vw = cols - 20;
		for (int part = 0; part < 4 && *v && y < end; part++) {
			size_t take = text_fit(v, vw - 1, NULL);
			if (!take)
				take = strlen(v);
			char piece[600];
			snprintf(piece, sizeof piece, "%.*s", (int)take, v);
			draw_text(y, 18, piece, vw, false, A_NORMAL);
			v += take;
			y++;
		}
		if (!*c->side[i].value)
			y++;
		side_who(s, c, i, who, sizeof who);
		if (y < end)
			draw_text(y++, 18, who, cols - 20, false, term_attr(ATTR_DIM));
		y++;
	}
	char a[700], b[700], n[300];
	snprintf(a, sizeof a, _("a  Keep A: %s"), c->side[0].value);
	snprintf(b, sizeof b, _("b  Keep B: %s"), c->side[1].value);
	snprintf(n, sizeof n, _("n  Type a new value for %s"),
		 zs_field_label(c->kind, strtok(strcpy(labels, c->fields), ", ")));
	const char *items[3] = {a, b, n};
	for (int i = 0; i < 3 && y < end; i++, y++) {
		int attr = i == s->choice ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
		draw_text(y, 2, i == s->choice ? ">" : " ", 1, false, term_attr(ATTR_ACCENT));
		draw_text(y, 4, items[i], cols - 6, true, attr);
	}
}

/* Draws the heading and the queue, or the one conflict. */
static void conflicts_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct cstate *s = st;
	if (s->open && s->cur < s->n) {
		draw_one(s, top, rows, cols);
		return;
	}
	static const char *const heads[] = {N_("Conflict"), N_("Record"), N_("Fields"), N_("A"),
					    N_("B (shown)")};
	int w[5] = {8, 0, 10, 0, 0};
	int rest = cols - 2 - w[0] - w[2] - 2 * 4;
	w[1] = rest * 2 / 5;
	w[3] = (rest - w[1]) / 2;
	w[4] = rest - w[1] - w[3];
	memcpy(s->w, w, sizeof w);
	int x = 1;
	for (int c = 0; c < 5; c++) {
		draw_text(top, x, _(heads[c]), w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	list_draw(&s->list, top + 1, 0, rows - 1 - (s->hidden ? 2 : 0), cols, app_full_paint(a));
	if (s->n == 0)
		draw_text(top + 1, 2, _("No open conflicts: every copy agrees."), cols - 4, false,
			  term_attr(ATTR_DIM));
	if (s->hidden && app_full_paint(a)) {
		char line[256];
		snprintf(line, sizeof line,
			 _("%zu more of other districts' records, not shown: their officers resolve them."),
			 s->hidden);
		draw_text(top + rows - 1, 2, line, cols - 4, false, term_attr(ATTR_DIM));
	}
}

/* Resolves the open conflict by the choice made; true when it was. */
static bool resolve(struct app *a, struct cstate *s)
{
	const struct zs_sync_conflict *c = &s->v[s->cur];
	char labels[256], q[400], id[9];
	snprintf(id, sizeof id, "%s", c->id);
	field_labels(c, labels, sizeof labels);
	int rc;
	char shown[UI_TEXT_BYTES];
	if (s->choice < 2) {
		snprintf(shown, sizeof shown, "%s", c->side[s->choice].value);
		rc = zs_conflict_resolve(s->z, id, s->choice ? 'B' : 'A', NULL);
	} else {
		char first[64];
		snprintf(first, sizeof first, "%.*s", (int)strcspn(c->fields, ", "), c->fields);
		if (strcmp(s->typed_for, id) != 0) {
			snprintf(s->typed, sizeof s->typed, "%s", c->side[1].value);
			snprintf(s->typed_for, sizeof s->typed_for, "%s", id);
		}
		snprintf(q, sizeof q, _("New value for %s:"), zs_field_label(c->kind, first));
		if (!app_prompt(a, q, s->typed, sizeof s->typed))
			return false;
		snprintf(shown, sizeof shown, "%s", s->typed);
		rc = zs_conflict_resolve(s->z, id, 0, s->typed);
	}
	if (rc != ZS_OK) {
		app_fail(a, s->z);
		return false;
	}
	s->typed[0] = s->typed_for[0] = '\0';
	app_message(a, false, _("Conflict %s resolved: %s is now %s; the choice goes to every copy."),
		    id, labels, shown);
	return true;
}

/* Handles a key: Enter opens a conflict, and in one chooses. */
static int conflicts_handle(struct app *a, void *st, const struct key *k)
{
	struct cstate *s = st;
	size_t sel;
	if (s->open) {
		int pick = -1;
		switch (k->action) {
		case ACT_CANCEL:
			s->open = false;
			if (s->one_record && s->n <= 1)
				return R_CLOSE;
			return R_ALL;
		case ACT_UP:
		case ACT_PREV:
			s->choice = (s->choice + 2) % 3;
			return R_BODY;
		case ACT_DOWN:
		case ACT_NEXT:
			s->choice = (s->choice + 1) % 3;
			return R_BODY;
		case ACT_ENTER:
			pick = s->choice;
			break;
		case ACT_NONE:
			pick = k->ch == 'a' || k->ch == 'A'   ? 0
			       : k->ch == 'b' || k->ch == 'B' ? 1
			       : k->ch == 'n' || k->ch == 'N' ? 2
							      : -1;
			break;
		default:
			return R_NONE;
		}
		if (pick < 0)
			return R_NONE;
		s->choice = pick;
		if (resolve(a, s)) {
			s->open = false;
			if (load(s) != ZS_OK)
				app_fail(a, s->z);
			list_reload(&s->list);
		}
		return R_ALL;
	}
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (list_selected(&s->list, &sel)) {
			s->open = true;
			s->cur = sel;
			s->choice = 0;
		}
		return R_ALL;
	case ACT_REFRESH:
		if (load(s) != ZS_OK)
			app_fail(a, s->z);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		if (r >= 0 && list_selected(&s->list, &sel)) {
			char who[2][512], hint[1200];
			side_who(s, &s->v[sel], 0, who[0], sizeof who[0]);
			side_who(s, &s->v[sel], 1, who[1], sizeof who[1]);
			snprintf(hint, sizeof hint, "A: %s  B: %s", who[0], who[1]);
			app_hint_rest(a, hint);
		}
		return r < 0 ? R_NONE : r;
	}
	}
}

/* How many are open. */
static const char *conflicts_subtitle(void *st, char *buf, size_t n)
{
	struct cstate *s = st;
	snprintf(buf, n, _("%zu open"), s->n);
	return buf;
}

static const struct bar_label conflicts_labels[] = {{ACT_ENTER, N_("Open and resolve")},
						    {ACT_NONE, NULL}};

const struct screen_def scr_conflicts = {
	.name = "conflicts",
	.title = N_("Conflicts"),
	.bar = conflicts_bar,
	.open = conflicts_open,
	.draw = conflicts_draw,
	.handle = conflicts_handle,
	.close = conflicts_close,
	.labels = conflicts_labels,
	.subtitle = conflicts_subtitle,
};

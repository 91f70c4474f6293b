/*
 * scr-decisions.c - city decisions (市级待决事项): what waits for the city
 * office.  First the claims: a project of an enterprise whose first talk
 * another district already holds waits in the register as a claim (one
 * exclusive first talk per enterprise); then the open disputes between
 * two districts' projects.
 *
 * Enter offers the actions of the row: grant or refuse a claim, with a
 * reason; decide a dispute; or open the project.  Whether the officer may
 * decide is core's to say: every officer sees the rows they may see, and
 * an action they may not take answers with core's refusal.  What was
 * typed is kept when the save fails, and offered again on the next try.
 * The rows are read from the store only when drawn, by the list widget.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* Rows of the list: a section's title, its column heads, its records,
 * or a line saying it is empty. */
enum drow_kind { DROW_TITLE, DROW_HEADS, DROW_CLAIM, DROW_DISPUTE, DROW_NONE };

struct drow {
	enum drow_kind kind;
	uint64_t id; /* the project (claims) or the issue (disputes) */
};

struct dstate {
	struct zs *z;
	struct list list;
	struct drow *rows;
	size_t n, cap;
	size_t nclaims, ndisputes;
	int w[5];           /* column widths for the terminal's width */
	char chosen[128];   /* the action chosen from the pick list */
	uint64_t typed_for; /* the record the kept text was typed for */
	char typed[UI_TEXT_BYTES];
};

static const enum action decisions_bar[] = {ACT_HELP, ACT_ENTER, ACT_REFRESH, ACT_CANCEL,
					    ACT_JUMP, ACT_NONE};

/* The actions Enter offers on a claim and on a dispute. */
enum dact { DACT_GRANT, DACT_REFUSE, DACT_DECIDE, DACT_OPEN };
struct dact_def {
	enum dact act;
	const char *label;  /* N_() */
	const char *prompt; /* N_(), NULL: nothing to ask */
};
static const struct dact_def claim_acts[] = {
	{DACT_GRANT, N_("Grant (this district gets its own first talk)"), N_("Reason to grant:")},
	{DACT_REFUSE, N_("Refuse (the first district keeps it)"), N_("Reason to refuse:")},
	{DACT_OPEN, N_("Open the project"), NULL},
};
static const struct dact_def dispute_acts[] = {
	{DACT_DECIDE, N_("Decide"), N_("Decision:")},
	{DACT_OPEN, N_("Open the project"), NULL},
};
#define NCLAIM_ACTS (int)(sizeof claim_acts / sizeof *claim_acts)
#define NDISPUTE_ACTS (int)(sizeof dispute_acts / sizeof *dispute_acts)

/* Adds a row, making room for it. */
static void add(struct dstate *s, enum drow_kind kind, uint64_t id)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xreallocarray(s->rows, s->cap, sizeof *s->rows);
	}
	s->rows[s->n++] = (struct drow){kind, id};
}

/* Reads the claims waiting in the register and the open disputes the
 * officer may see. */
static void load(struct dstate *s)
{
	s->n = 0;
	size_t cap = 256, n;
	uint64_t *ids = NULL;
	for (;;) {
		ids = xreallocarray(ids, cap, sizeof *ids);
		if ((n = zs_register(s->z, "claim", ids, cap)) < cap)
			break;
		cap *= 4;
	}
	add(s, DROW_TITLE, 0);
	add(s, DROW_HEADS, 0);
	for (size_t i = 0; i < n; i++)
		add(s, DROW_CLAIM, ids[i]);
	s->nclaims = n;
	if (!n)
		add(s, DROW_NONE, 0);
	add(s, DROW_TITLE, 1);
	add(s, DROW_HEADS, 1);
	s->ndisputes = 0;
	struct zs_filter f = {.open_issues = true};
	struct zs_cursor c = {0};
	struct rec r;
	rec_init(&r);
	while (!c.done) {
		n = zs_list(s->z, KIND_ISSUE, &f, &c, ids, cap);
		for (size_t i = 0; i < n; i++)
			if (zs_get(s->z, KIND_ISSUE, ids[i], &r) == ZS_OK &&
			    rec_bool(&r, "dispute", false)) {
				add(s, DROW_DISPUTE, ids[i]);
				s->ndisputes++;
			}
	}
	rec_free(&r);
	if (!s->ndisputes)
		add(s, DROW_NONE, 1);
	free(ids);
}

/* The number of rows. */
static size_t decisions_count(void *ctx, size_t want, bool *more)
{
	struct dstate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Only claims and disputes can be selected. */
static bool decisions_selectable(void *ctx, size_t i)
{
	struct dstate *s = ctx;
	return s->rows[i].kind == DROW_CLAIM || s->rows[i].kind == DROW_DISPUTE;
}

/* A project's district as the desk shows it ("" when it cannot be read). */
static void project_district(struct zs *z, uint64_t id, char *buf, size_t n)
{
	struct rec p;
	rec_init(&p);
	buf[0] = '\0';
	if (zs_get(z, KIND_PROJECT, id, &p) == ZS_OK)
		zs_field_text(z, KIND_PROJECT, &p, "district", buf, n);
	rec_free(&p);
}

/* The cells of a claim: number, project, enterprise, district, and the
 * project holding the first talk with its district. */
static void claim_cells(struct dstate *s, const struct rec *r, uint64_t id, char v[5][512])
{
	zs_id_text(id, v[0], sizeof v[0]);
	snprintf(v[1], sizeof v[1], "%s", rec_text(r, "name", ""));
	zs_field_text(s->z, KIND_PROJECT, r, "enterprise_name", v[2], sizeof v[2]);
	zs_field_text(s->z, KIND_PROJECT, r, "district", v[3], sizeof v[3]);
	char name[256], dist[128], num[32];
	uint64_t of = (uint64_t)rec_int(r, "ft_claim_of", 0);
	zs_field_text(s->z, KIND_PROJECT, r, "ft_claim_of", name, sizeof name);
	project_district(s->z, of, dist, sizeof dist);
	/* The number always; the name where the officer may read it. */
	zs_id_text(of, num, sizeof num);
	snprintf(v[4], sizeof v[4], "%s%s%s%s%s%s", of ? num : "", of && *name ? " " : "", name,
		 *dist ? " (" : "", dist, *dist ? ")" : "");
}

/* The cells of a dispute: number, the two projects, their districts and
 * what it is about. */
static void dispute_cells(struct dstate *s, const struct rec *r, uint64_t id, char v[5][512])
{
	zs_id_text(id, v[0], sizeof v[0]);
	zs_field_text(s->z, KIND_ISSUE, r, "project", v[1], sizeof v[1]);
	zs_field_text(s->z, KIND_ISSUE, r, "other_project", v[2], sizeof v[2]);
	char a[128], b[128];
	project_district(s->z, (uint64_t)rec_int(r, "project", 0), a, sizeof a);
	project_district(s->z, (uint64_t)rec_int(r, "other_project", 0), b, sizeof b);
	snprintf(v[3], sizeof v[3], "%s/%s", a, b);
	snprintf(v[4], sizeof v[4], "%s", rec_text(r, "description", ""));
}

/* The cells of row i, a claim or a dispute; false when it cannot be read. */
static bool cells_of(struct dstate *s, size_t i, char v[5][512])
{
	const struct drow *row = &s->rows[i];
	bool claim = row->kind == DROW_CLAIM;
	if (!claim && row->kind != DROW_DISPUTE)
		return false;
	struct rec r;
	rec_init(&r);
	bool ok = zs_get(s->z, claim ? KIND_PROJECT : KIND_ISSUE, row->id, &r) == ZS_OK;
	if (ok && claim)
		claim_cells(s, &r, row->id, v);
	else if (ok)
		dispute_cells(s, &r, row->id, v);
	rec_free(&r);
	return ok;
}

/* Draws one row: a section's title or heads, a claim, a dispute. */
static void decisions_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct dstate *s = ctx;
	const struct drow *row = &s->rows[i];
	draw_blank(y, x, w, A_NORMAL);
	if (row->kind == DROW_TITLE) {
		char t[256];
		if (row->id)
			snprintf(t, sizeof t, _("Open disputes between districts: %zu"),
				 s->ndisputes);
		else
			snprintf(t, sizeof t, _("Claims waiting in the first-talk register: %zu"),
				 s->nclaims);
		draw_text(y, x + 1, t, w - 2, false, term_attr(ATTR_ACCENT));
		return;
	}
	if (row->kind == DROW_NONE) {
		draw_text(y, x + 2, row->id ? _("No dispute is open.") : _("No claim is waiting."),
			  w - 4, false, term_attr(ATTR_DIM));
		return;
	}
	if (row->kind == DROW_HEADS) {
		static const char *const claim_heads[] = {N_("No."), N_("Project"),
							  N_("Enterprise"), N_("District"),
							  N_("First talk held by")};
		static const char *const dispute_heads[] = {N_("No."), N_("Project"),
							    N_("Other project"), N_("Districts"),
							    N_("About")};
		const char *const *heads = row->id ? dispute_heads : claim_heads;
		const char *cells[5];
		for (int c = 0; c < 5; c++)
			cells[c] = _(heads[c]);
		draw_row(y, x + w, s->w, 0, cells, 5, A_BOLD);
		return;
	}
	char v[5][512];
	if (!cells_of(s, i, v))
		return;
	const char *cells[5] = {v[0], v[1], v[2], v[3], v[4]};
	draw_row(y, x + w, s->w, 1u, cells, 5, selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL);
}

static const struct list_ops decisions_ops = {
	.count = decisions_count,
	.draw = decisions_row,
	.selectable = decisions_selectable,
};

/* Opens the screen. */
static void *decisions_open(struct app *a, const void *arg)
{
	(void)arg;
	struct dstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	load(s);
	list_init(&s->list, &decisions_ops, s, false);
	list_reset(&s->list);
	return s;
}

/* Frees the state. */
static void decisions_close(void *st)
{
	struct dstate *s = st;
	list_free(&s->list);
	free(s->rows);
	free(s);
}

/* Draws the list over the whole area; the selected row is shown whole on
 * the message line, as its cells may be cut. */
static void decisions_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct dstate *s = st;
	int w[5] = {5, 16, 16, 13, cols - 1 - 5 - 16 - 16 - 13 - 8};
	if (w[4] < 10)
		w[4] = 10;
	memcpy(s->w, w, sizeof s->w);
	list_draw(&s->list, top, 0, rows, cols, app_full_paint(a));
	size_t sel;
	char v[5][512];
	if (!list_selected(&s->list, &sel) || !cells_of(s, sel, v))
		return;
	bool cut = false;
	for (int c = 0; c < 5; c++)
		cut |= text_width(v[c]) > w[c];
	if (cut) {
		char whole[5 * 514];
		snprintf(whole, sizeof whole, "%s  %s  %s  %s  %s", v[0], v[1], v[2], v[3], v[4]);
		app_hint(a, whole);
	}
}

/* Receives the action chosen from the pick list. */
static void action_chosen(void *ctx, const char *text)
{
	struct dstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* The name of a project, for a message. */
static void project_name(struct zs *z, uint64_t id, char *buf, size_t n)
{
	struct rec p;
	rec_init(&p);
	buf[0] = '\0';
	if (zs_get(z, KIND_PROJECT, id, &p) == ZS_OK)
		snprintf(buf, n, "%s", rec_text(&p, "name", ""));
	rec_free(&p);
}

/* The actions of a row, and how many there are. */
static const struct dact_def *acts_of(const struct drow *row, int *n)
{
	bool claim = row->kind == DROW_CLAIM;
	*n = claim ? NCLAIM_ACTS : NDISPUTE_ACTS;
	return claim ? claim_acts : dispute_acts;
}

/* Carries out the chosen action on the selected row, asking for its text;
 * the text is kept for the next try when core refuses. */
static void act(struct app *a, struct dstate *s)
{
	size_t sel;
	if (!list_selected(&s->list, &sel))
		return;
	const struct drow *row = &s->rows[sel];
	bool claim = row->kind == DROW_CLAIM;
	int nacts;
	const struct dact_def *acts = acts_of(row, &nacts);
	for (int i = 0; i < nacts; i++) {
		enum dact what = acts[i].act;
		if (strcmp(_(acts[i].label), s->chosen))
			continue;
		uint64_t pid = row->id;
		if (what == DACT_OPEN) {
			struct rec r;
			rec_init(&r);
			if (!claim && zs_get(s->z, KIND_ISSUE, row->id, &r) == ZS_OK)
				pid = (uint64_t)rec_int(&r, "project", 0);
			rec_free(&r);
			app_push(a, &scr_detail, &pid);
			return;
		}
		if (s->typed_for != row->id)
			s->typed[0] = '\0';
		s->typed_for = row->id;
		if (!app_prompt(a, _(acts[i].prompt), s->typed, sizeof s->typed))
			return;
		int rc = what == DACT_DECIDE ? zs_dispute_decide(s->z, row->id, s->typed)
			 : zs_first_talk_decide(s->z, row->id,
						what == DACT_GRANT ? ZS_FT_GRANT : ZS_FT_REFUSE,
						s->typed);
		if (rc != ZS_OK) {
			app_fail(a, s->z);
			return;
		}
		char name[256], num[32];
		zs_id_text(row->id, num, sizeof num);
		project_name(s->z, row->id, name, sizeof name);
		if (what == DACT_GRANT)
			app_message(a, false,
				    _("Saved: the claim of %s %s is granted, its district has its "
				      "own first talk."),
				    num, name);
		else if (what == DACT_REFUSE)
			app_message(a, false,
				    _("Saved: the claim of %s %s is refused, the first district "
				      "keeps the first talk."),
				    num, name);
		else
			app_message(a, false,
				    _("Saved: dispute %s is decided, the decision is written on "
				      "both projects."),
				    num);
		s->typed[0] = '\0';
		s->typed_for = 0;
		return;
	}
}

/* Handles a key: Enter offers the actions of the selected row. */
static int decisions_handle(struct app *a, void *st, const struct key *k)
{
	struct dstate *s = st;
	size_t sel;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (list_selected(&s->list, &sel)) {
			static const char *items[NCLAIM_ACTS + NDISPUTE_ACTS];
			int n;
			const struct dact_def *acts = acts_of(&s->rows[sel], &n);
			for (int i = 0; i < n; i++)
				items[i] = _(acts[i].label);
			s->chosen[0] = '\0';
			enum kind of = s->rows[sel].kind == DROW_CLAIM ? KIND_PROJECT : KIND_ISSUE;
			struct pick_arg pa = {of, NULL, "", action_chosen, s, items, n, NULL};
			app_push(a, &scr_pick, &pa);
		}
		return R_ALL;
	case ACT_REFRESH:
		if (s->chosen[0]) {
			act(a, s);
			s->chosen[0] = '\0';
		}
		load(s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

static const struct bar_label decisions_labels[] = {{ACT_ENTER, N_("Act")}, {ACT_NONE, NULL}};

const struct screen_def scr_decisions = {
	.name = "decisions",
	.title = N_("City decisions"),
	.bar = decisions_bar,
	.open = decisions_open,
	.draw = decisions_draw,
	.handle = decisions_handle,
	.close = decisions_close,
	.labels = decisions_labels,
};

/*
 * scr-issues.c - enterprise issues (企业诉求): the open ones, with their
 * level and the last working day of that level, overdue first in the
 * eye; Enter offers the actions (respond, note, ask the enterprise,
 * resume, resolve, escalate, record the meeting's decision).
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"

#define MAXROWS 5000

struct istate {
	struct zs *z;
	uint64_t ids[MAXROWS];
	int n, sel, top, page;
	bool mine;
	char chosen[128];
};

static const enum action issues_bar[] = {ACT_HELP, ACT_ENTER, ACT_NEW, ACT_FILTER, ACT_REFRESH,
					 ACT_CANCEL, ACT_JUMP, ACT_NONE};

/* The actions offered on Enter, in order. */
static const struct {
	const char *label;
	enum zs_issue_action act;
	const char *prompt;
} acts[] = {
	{N_("Respond"), ZS_ISSUE_RESPOND, N_("What was done or answered:")},
	{N_("Add a note"), ZS_ISSUE_NOTE, N_("Note:")},
	{N_("Ask the enterprise (clock stops)"), ZS_ISSUE_ASK, N_("What the enterprise is asked:")},
	{N_("Enterprise answered (clock goes on)"), ZS_ISSUE_RESUME, N_("Their answer:")},
	{N_("Resolve"), ZS_ISSUE_RESOLVE, N_("Outcome:")},
	{N_("Escalate"), ZS_ISSUE_ESCALATE, N_("Reason to escalate:")},
	{N_("Record the meeting's decision"), ZS_ISSUE_DECIDE, N_("Decision:")},
};
#define NACTS (int)(sizeof acts / sizeof *acts)

/* Reads the open issues (mine, or all I may see). */
static void load(struct istate *s)
{
	struct zs_filter f = {.open_issues = true};
	struct zs_cursor c = {0};
	if (s->mine)
		f.owner = zs_me(s->z);
	s->n = 0;
	while (!c.done && s->n < MAXROWS)
		s->n += (int)zs_list(s->z, KIND_ISSUE, &f, &c, s->ids + s->n, (size_t)(MAXROWS - s->n));
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
}

/* Opens the list (arg "mine": only issues I took). */
static void *issues_open(struct app *a, const void *arg)
{
	struct istate *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->z = app_zs(a);
	s->mine = arg && !strcmp(arg, "mine");
	load(s);
	return s;
}

/* Frees the state. */
static void issues_close(void *st)
{
	free(st);
}

/* Draws the list. */
static void issues_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct istate *s = st;
	(void)a;
	static const char *const heads[] = {N_("No."), N_("Project"), N_("Category"), N_("Level"),
					    N_("Status"), N_("Due")};
	int w[6] = {5, cols - 5 - 10 - 18 - 12 - 10 - 12, 10, 18, 12, 10};
	if (w[1] < 10)
		w[1] = 10;
	s->page = rows - 2;
	draw_text(top, 1, s->mine ? _("Issues I took") : _("Open issues"), cols - 2, true,
		  term_attr(ATTR_ACCENT));
	int x = 1;
	for (int c = 0; c < 6; c++) {
		draw_text(top + 1, x, _(heads[c]), w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + s->page)
		s->top = s->sel - s->page + 1;
	date_t today = clock_today();
	for (int i = 0; i < s->page; i++) {
		int k = s->top + i, y = top + 2 + i;
		draw_blank(y, 0, cols, A_NORMAL);
		if (k >= s->n) {
			if (k == 0)
				draw_text(y, 2, _("No open issue."), cols - 4, false, term_attr(ATTR_DIM));
			continue;
		}
		struct rec r;
		rec_init(&r);
		if (zs_get(s->z, KIND_ISSUE, s->ids[k], &r) != ZS_OK)
			continue;
		char v[6][256];
		zs_id_text(s->ids[k], v[0], sizeof v[0]);
		zs_field_text(s->z, KIND_ISSUE, &r, "project", v[1], sizeof v[1]);
		zs_field_text(s->z, KIND_ISSUE, &r, "category", v[2], sizeof v[2]);
		zs_field_text(s->z, KIND_ISSUE, &r, "level", v[3], sizeof v[3]);
		zs_field_text(s->z, KIND_ISSUE, &r, "status", v[4], sizeof v[4]);
		date_t due = zs_issue_due(s->z, &r);
		v[5][0] = '\0';
		if (due)
			date_format(due, v[5]);
		rec_free(&r);
		int attr = k == s->sel		    ? term_attr(ATTR_SELECT)
			   : due && due < today ? term_attr(ATTR_ERROR)
						: (int)A_NORMAL;
		const char *row[6] = {v[0], v[1], v[2], v[3], v[4], v[5]};
		draw_row(y, cols, w, 1u, row, 6, attr);
	}
}

/* Receives the action chosen for the selected issue. */
static void action_chosen(void *ctx, const char *text)
{
	struct istate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Carries out the chosen action, asking for its text. */
static void act(struct app *a, struct istate *s)
{
	for (int i = 0; i < NACTS; i++) {
		if (strcmp(_(acts[i].label), s->chosen))
			continue;
		char text[UI_TEXT_BYTES] = "", owner[256] = "";
		if (!app_prompt(a, _(acts[i].prompt), text, sizeof text))
			return;
		if (acts[i].act == ZS_ISSUE_DECIDE &&
		    !app_prompt(a, _("Who carries the decision out:"), owner, sizeof owner))
			return;
		if (zs_issue_act(s->z, s->ids[s->sel], acts[i].act, text, owner) != ZS_OK)
			app_message(a, true, "%s", zs_error(s->z));
		else
			app_message(a, false, _("%s: done."), _(acts[i].label));
	}
}

/* Handles a key. */
static int issues_handle(struct app *a, void *st, const struct key *k)
{
	struct istate *s = st;
	if (keys_move(&s->sel, s->n, s->page, k))
		return R_BODY;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_FILTER: /* mine / all */
		s->mine = !s->mine;
		load(s);
		return R_BODY;
	case ACT_NEW: {
		struct form_arg fa = {"issue", 0, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		return R_ALL;
	}
	case ACT_ENTER:
		if (s->sel < s->n) {
			static const char *items[NACTS];
			for (int i = 0; i < NACTS; i++)
				items[i] = _(acts[i].label);
			s->chosen[0] = '\0';
			struct pick_arg pa = {KIND_ISSUE, NULL, "", action_chosen, s, items, NACTS};
			app_push(a, &scr_pick, &pa);
		}
		return R_ALL;
	case ACT_REFRESH:
		if (s->chosen[0]) {
			act(a, s);
			s->chosen[0] = '\0';
		}
		load(s);
		return R_ALL;
	default:
		return R_NONE;
	}
}

static const struct bar_label issues_labels[] = {
	{ACT_FILTER, N_("Mine/all")}, {ACT_ENTER, N_("Act")}, {ACT_NEW, N_("New issue")},
	{ACT_NONE, NULL}};

const struct screen_def scr_issues = {
	.name = "issues",
	.title = N_("Enterprise issues"),
	.bar = issues_bar,
	.open = issues_open,
	.draw = issues_draw,
	.handle = issues_handle,
	.close = issues_close,
	.labels = issues_labels,
};

/*
 * scr-issues.c - enterprise issues (企业诉求): the open ones, with their
 * level and the last working day of that level, overdue first in the
 * eye; Enter offers the actions (respond, note, ask the enterprise,
 * resume, resolve, escalate, record the meeting's decision).  The list
 * widget keeps the selection and draws only what a key changed; an issue
 * is read from the store only when its row is drawn.
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

/* Which issues the list shows. */
enum issues_mode {
	ISSUES_OPEN,    /* every open issue I may see */
	ISSUES_MINE,    /* those I took */
	ISSUES_WAITING, /* those waiting on me (the home screen's count) */
	ISSUES_OVERDUE, /* of those, the overdue ones */
};

struct istate {
	struct zs *z;
	struct list list;
	uint64_t *ids;
	size_t n, cap;
	enum issues_mode mode;
	int w[6]; /* column widths for the terminal's width */
	date_t today;
	char chosen[128];
};

static const enum action issues_bar[] = {ACT_HELP, ACT_ENTER, ACT_NEW, ACT_FILTER, ACT_REFRESH,
					 ACT_CANCEL, ACT_JUMP, ACT_PRINT, ACT_NONE};

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
	if (s->mode == ISSUES_WAITING || s->mode == ISSUES_OVERDUE) {
		enum zs_home_row which = s->mode == ISSUES_OVERDUE ? ZS_HOME_OVERDUE : ZS_HOME_MY_ISSUES;
		while ((s->n = zs_home_list(s->z, which, s->ids, s->cap)) > s->cap) {
			s->cap = s->n + 64;
			s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		}
		return;
	}
	struct zs_filter f = {.open_issues = true};
	struct zs_cursor c = {0};
	if (s->mode == ISSUES_MINE)
		f.owner = zs_me(s->z);
	s->n = 0;
	while (!c.done) {
		if (s->n + 256 > s->cap) {
			s->cap = (s->n + 256) * 2;
			s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		}
		s->n += zs_list(s->z, KIND_ISSUE, &f, &c, s->ids + s->n, s->cap - s->n);
	}
}

/* The number of rows. */
static size_t issues_count(void *ctx, size_t want, bool *more)
{
	struct istate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Draws one issue: overdue ones in the error look. */
static void issues_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct istate *s = ctx;
	struct rec r;
	rec_init(&r);
	if (zs_get(s->z, KIND_ISSUE, s->ids[i], &r) != ZS_OK) {
		draw_blank(y, x, w, A_NORMAL);
		return;
	}
	char v[6][256];
	zs_id_text(s->ids[i], v[0], sizeof v[0]);
	zs_field_text(s->z, KIND_ISSUE, &r, "project", v[1], sizeof v[1]);
	zs_field_text(s->z, KIND_ISSUE, &r, "category", v[2], sizeof v[2]);
	zs_field_text(s->z, KIND_ISSUE, &r, "level", v[3], sizeof v[3]);
	zs_field_text(s->z, KIND_ISSUE, &r, "status", v[4], sizeof v[4]);
	date_t due = zs_issue_due(s->z, &r);
	v[5][0] = '\0';
	if (due)
		date_format(due, v[5]);
	rec_free(&r);
	int attr = selected		  ? term_attr(ATTR_SELECT)
		   : due && due < s->today ? term_attr(ATTR_ERROR)
					   : (int)A_NORMAL;
	const char *row[6] = {v[0], v[1], v[2], v[3], v[4], v[5]};
	draw_row(y, x + w, s->w, 1u, row, 6, attr);
}

static const struct list_ops issues_ops = {
	.count = issues_count,
	.draw = issues_row,
};

/* Opens the list (arg "mine": only issues I took; "waiting": those
 * waiting on me; "overdue": of those, the overdue ones). */
static void *issues_open(struct app *a, const void *arg)
{
	struct istate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->mode = !arg			       ? ISSUES_OPEN
		  : !strcmp(arg, "mine")       ? ISSUES_MINE
		  : !strcmp(arg, "waiting")    ? ISSUES_WAITING
		  : !strcmp(arg, "overdue")    ? ISSUES_OVERDUE
					       : ISSUES_OPEN;
	load(s);
	list_init(&s->list, &issues_ops, s, false);
	return s;
}

/* Frees the state. */
static void issues_close(void *st)
{
	struct istate *s = st;
	list_free(&s->list);
	free(s->ids);
	free(s);
}

/* Draws the title, the heading and the list. */
static void issues_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct istate *s = st;
	static const char *const heads[] = {N_("No."), N_("Project"), N_("Category"), N_("Level"),
					    N_("Status"), N_("Due")};
	/* Narrower columns on a narrow terminal, so that the due date shows. */
	int w[6] = {5, cols - 5 - 10 - 18 - 12 - 10 - 12, 10, 18, 12, 10};
	if (w[1] < 12) {
		w[2] = 8;
		w[3] = 10;
		w[4] = 8;
		w[1] = cols - 1 - 5 - 8 - 10 - 8 - 10 - 10;
		if (w[1] < 6)
			w[1] = 6;
	}
	memcpy(s->w, w, sizeof s->w);
	s->today = clock_today();
	static const char *const titles[] = {N_("Open issues"), N_("Issues I took"),
					     N_("Issues waiting on me"),
					     N_("Overdue issues waiting on me")};
	draw_text(top, 1, _(titles[s->mode]), cols - 2, true,
		  term_attr(ATTR_ACCENT));
	int x = 1;
	for (int c = 0; c < 6; c++) {
		draw_text(top + 1, x, _(heads[c]), w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	list_draw(&s->list, top + 2, 0, rows - 2, cols, app_full_paint(a));
	if (s->n == 0)
		draw_text(top + 2, 2, _("No open issue."), cols - 4, false, term_attr(ATTR_DIM));
}

/* Receives the action chosen for the selected issue. */
static void action_chosen(void *ctx, const char *text)
{
	struct istate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

int issue_action_items(const char **items, int max)
{
	int n = 0;
	for (; n < NACTS && n < max; n++)
		items[n] = _(acts[n].label);
	return n;
}

bool issue_act_by_label(struct app *a, struct zs *z, uint64_t id, const char *label)
{
	for (int i = 0; i < NACTS; i++) {
		if (strcmp(_(acts[i].label), label))
			continue;
		char text[UI_TEXT_BYTES] = "", owner[UI_TEXT_BYTES] = "";
		if (!app_prompt(a, _(acts[i].prompt), text, sizeof text))
			return false;
		if (acts[i].act == ZS_ISSUE_DECIDE &&
		    !app_prompt_max(a, _("Who carries the decision out:"), owner, sizeof owner,
				    (size_t)schema_field(KIND_ISSUE, "decision_owner")->maxlen))
			return false;
		if (zs_issue_act(z, id, acts[i].act, text, owner) != ZS_OK) {
			app_fail(a, z);
			return false;
		}
		char said[256];
		if (acts[i].act == ZS_ISSUE_ESCALATE &&
		    zs_issue_level_text(z, id, said, sizeof said) == ZS_OK)
			app_message(a, false, _("Escalate: %s."), said);
		else
			app_message(a, false, _("%s: done."), _(acts[i].label));
		return true;
	}
	return false;
}

/* The last entry of the list Enter offers: the issue's own page. */
#define PAGE_ITEM N_("Open the issue page")

/* Carries out the chosen action on the selected issue, asking for its text. */
static void act(struct app *a, struct istate *s)
{
	size_t sel;
	if (!list_selected(&s->list, &sel))
		return;
	if (!strcmp(s->chosen, _(PAGE_ITEM))) {
		static uint64_t id;
		id = s->ids[sel];
		app_push(a, &scr_issue, &id);
		return;
	}
	issue_act_by_label(a, s->z, s->ids[sel], s->chosen);
}

/* Handles a key: Enter offers the actions, F12 switches mine and all. */
static int issues_handle(struct app *a, void *st, const struct key *k)
{
	struct istate *s = st;
	size_t sel;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_PRINT: /* the supervision sheet (督办单) of the selected issue */
		if (list_selected(&s->list, &sel)) {
			char name[64], idb[32];
			snprintf(name, sizeof name, "issue-%s.txt",
				 zs_id_text(s->ids[sel], idb, sizeof idb));
			desk_print(a, ZS_PRINT_ISSUE, s->ids[sel], name);
		}
		return R_ALL;
	case ACT_FILTER: /* mine / all */
		s->mode = s->mode == ISSUES_OPEN ? ISSUES_MINE : ISSUES_OPEN;
		load(s);
		list_reset(&s->list);
		return R_BODY;
	case ACT_NEW: {
		struct form_arg fa = {"issue", 0, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		return R_ALL;
	}
	case ACT_ENTER:
		if (list_selected(&s->list, &sel)) {
			static const char *items[NACTS + 1];
			int n = issue_action_items(items, NACTS);
			items[n++] = _(PAGE_ITEM);
			s->chosen[0] = '\0';
			struct pick_arg pa = {KIND_ISSUE, NULL, "", action_chosen, s, items, n, NULL};
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

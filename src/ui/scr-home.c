/*
 * scr-home.c - the home screen: who I am, today, my open work, the menu.
 *
 * One list (the list widget): the counts of my work (Enter opens the
 * matching list) and the entries of the menu with their transaction
 * codes, from the table of screens.  The counts are recomputed when the
 * screen comes back and every few minutes.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "conflicts-desk.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* Rows of the list: the counts of my work, a blank, the menu's heading,
 * then the menu entries. */
enum row_kind { ROW_WORK, ROW_BLANK, ROW_HEAD, ROW_MENU };

struct item {
	enum row_kind kind;
	const char *label;
	uint64_t count;     /* ROW_WORK */
	const char *target; /* app_open_by_name() name */
	const char *code;   /* ROW_MENU: the transaction code */
};

#define MAX_ITEMS 32

struct hstate {
	struct zs_home h;
	size_t unread; /* new entries of my inbox */
	uint64_t conflicts; /* open conflicts between copies (a row when any) */
	struct zs *z;
	struct list list;
	struct item it[MAX_ITEMS];
	int n, label_w;
	bool compact; /* a short terminal: no who-line, no blank rows */
	char note[512]; /* the calendar's warning, on the message line */
};

static const enum action home_bar[] = {ACT_HELP, ACT_JUMP, ACT_LANG, ACT_MENU, ACT_QUIT, ACT_NONE};

/* Builds the rows from the counts and the table of screens (again after a
 * change of language, as the labels change with it). */
static void build(struct hstate *s)
{
	struct {
		const char *label;
		uint64_t count;
		const char *target;
	} work[] = {
		{N_("Projects I manage"), s->h.my_projects, "mine"},
		{N_("Enterprise issues waiting on me"), s->h.my_issues, "waiting"},
		{N_("Of those, overdue"), s->h.overdue, "overdue"},
		{N_("First-talk periods ending within 14 days"), s->h.ft_ending, "ft-ending"},
		{N_("First-talk periods over: due for transfer"), s->h.ft_lapsed, "ft-lapsed"},
		{N_("Major projects without a service manager"), s->h.unmanaged_major, "unmanaged"},
		{rec_int(zs_me_rec(s->z), "district", 0) ? N_("Projects of my district")
							 : N_("Projects in the library"),
		 s->h.district_projects, "library"},
	};
	int n = 0;
	for (size_t i = 0; i < sizeof work / sizeof *work && n < MAX_ITEMS; i++)
		s->it[n++] = (struct item){ROW_WORK, _(work[i].label), work[i].count, work[i].target, NULL};
	if (zs_sees_all(s->z)) /* the city office and administrators decide these */
		s->it[n++] = (struct item){ROW_WORK, _("Claims and disputes waiting for the city"),
					   s->h.city_waiting, "decisions", NULL};
	if (s->conflicts) /* a field changed on two copies apart: someone chooses */
		s->it[n++] = (struct item){ROW_WORK, _("Conflicts between copies to resolve"),
					   s->conflicts, "conflicts", NULL};
	char end[11];
	snprintf(s->note, sizeof s->note,
		 _("The calendar ends on %s: the city office adds next year's holidays"),
		 date_format(s->h.calendar_end, end));
	if (!s->compact)
		s->it[n++] = (struct item){ROW_BLANK, "", 0, NULL, NULL};
	s->it[n++] = (struct item){ROW_HEAD, _("Menu"), 0, NULL, NULL};
	/* The inbox is announced on the heading of my work (a row of its
	 * own would push the menu off a 80x24 screen); Ctrl-G WDDB and F10
	 * open it. */
	/* Nor home (this screen) nor quit (Ctrl-Q on the key bar): the menu
	 * fits a 80x24 screen; F10 and Ctrl-G still list them. */
	for (int i = 0; i < ui_nscreens && n < MAX_ITEMS; i++)
		if (ui_screens[i].code && strcmp(ui_screens[i].name, "inbox") != 0 &&
		    strcmp(ui_screens[i].name, "conflicts") != 0 && /* a count row of its own */
		    strcmp(ui_screens[i].name, "home") != 0 && strcmp(ui_screens[i].name, "quit") != 0)
			s->it[n++] = (struct item){ROW_MENU, ui_screen_title(&ui_screens[i]), 0,
						   ui_screens[i].name, ui_screens[i].code};
	s->n = n;
	s->label_w = 0;
	for (int i = 0; i < n; i++)
		if (s->it[i].target && text_width(s->it[i].label) > s->label_w)
			s->label_w = text_width(s->it[i].label);
}

/* The number of rows. */
static size_t home_count(void *ctx, size_t want, bool *more)
{
	struct hstate *s = ctx;
	(void)want;
	*more = false;
	return (size_t)s->n;
}

/* Only work counts and menu entries can be selected. */
static bool home_selectable(void *ctx, size_t i)
{
	struct hstate *s = ctx;
	return s->it[i].target != NULL;
}

/* Draws one row: a marker, the label, and the count or the code. */
static void home_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct hstate *s = ctx;
	const struct item *it = &s->it[i];
	draw_blank(y, x, w, A_NORMAL);
	if (it->kind == ROW_BLANK)
		return;
	if (it->kind == ROW_HEAD) {
		draw_text(y, x + 2, it->label, w - 4, false, A_BOLD);
		return;
	}
	int lw = s->label_w > w - 20 ? w - 20 : s->label_w;
	int attr = selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
	char num[32];
	if (it->kind == ROW_WORK)
		snprintf(num, sizeof num, "%llu", (unsigned long long)it->count);
	else
		snprintf(num, sizeof num, "%s", it->code);
	/* The blank marker of the other rows is plain: in the accent it cost
	 * some 25 bytes a row on the first screen and looked the same. */
	draw_text(y, x + 2, selected ? ">" : " ", 1, false,
		  selected ? term_attr(ATTR_ACCENT) : (int)A_NORMAL);
	/* A screen the officer may not use (同步 for a desk officer) is
	 * greyed: it opens only to say who may. */
	if (it->kind == ROW_MENU && !selected && it->target && !strcmp(it->target, "sync") &&
	    zs_sync_may_see(s->z) != ZS_OK)
		attr = term_attr(ATTR_DIM);
	draw_text(y, x + 4, it->label, lw + 2, true, attr);
	draw_text(y, x + 6 + lw, num, 10, true, it->kind == ROW_MENU ? term_attr(ATTR_DIM) : attr);
}

static const struct list_ops home_ops = {
	.count = home_count,
	.draw = home_row,
	.selectable = home_selectable,
};

/* Opens the home screen and counts the work. */
static void *home_open(struct app *a, const void *arg)
{
	(void)arg;
	struct hstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	if (zs_counts_stale(s->z)) {
		/* Once after an upgrade: the counts and search keys are made
		 * again, minutes at a million projects. */
		draw_text(LINES - 2, 0,
			  _("Bringing the counts and search keys up to this version, once "
			    "(minutes for a million projects)..."),
			  COLS, true, term_attr(ATTR_DIM));
		refresh();
	}
	if (zs_home(s->z, &s->h) != ZS_OK)
		app_fail(a, s->z);
	zs_inbox(s->z, 14, false, NULL, 0, &s->unread);
	s->conflicts = zs_conflict_count_seen(s->z);
	build(s);
	list_init(&s->list, &home_ops, s, false);
	s->list.wrap = true;
	list_reset(&s->list);
	return s;
}

/* Frees the state. */
static void home_close(void *st)
{
	struct hstate *s = st;
	list_free(&s->list);
	free(s);
}

/* Draws the heading of my work, with what is new in my inbox at the
 * right ("待办 3 条新 WDDB"). */
static void draw_heading(struct hstate *s, int y, int cols)
{
	int w = draw_text(y, 2, _("My work"), cols - 4, false, A_BOLD);
	if (!s->unread)
		return;
	char note[128];
	snprintf(note, sizeof note, _("Inbox: %zu new (WDDB)"), s->unread);
	int nw = text_width(note);
	if (2 + w + 4 + nw < cols - 2)
		draw_text(y, 6 + s->label_w - nw + 10 > 2 + w + 4 ? 6 + s->label_w + 10 - nw : 2 + w + 4,
			  note, nw, false, term_attr(ATTR_ACCENT));
}

/* Draws the home screen: who and when, then the list under "My work". */
static void home_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct hstate *s = st;
	static const char *const wd_zh[] = {"", "星期一", "星期二", "星期三", "星期四",
					    "星期五", "星期六", "星期日"};
	static const char *const wd_en[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
					    "Friday", "Saturday", "Sunday"};
	bool all = app_full_paint(a);
	/* On a short terminal the whole menu still shows: first the blank
	 * rows around the who-line go, then the blank row before the menu,
	 * then the who-line. */
	int n = s->n + (s->compact ? 1 : 0); /* rows with the blank one */
	int gap = rows - 4 >= n ? 1 : 0;
	bool compact = rows - 2 < n;
	bool who_line = rows - 1 >= n;
	if (compact != s->compact) {
		s->compact = compact;
		build(s);
		list_reset(&s->list);
		all = true;
	}
	int list_top = who_line ? top + 2 + 2 * gap : top + 1;
	if (all && !who_line) {
		draw_heading(s, top, cols);
		build(s);
	} else if (all) {
		char who[256], name[64], role[64], dist[64], day[64], today[11];
		const struct rec *me = zs_me_rec(s->z);
		zs_field_text(s->z, KIND_OFFICER, me, "name", name, sizeof name);
		zs_field_text(s->z, KIND_OFFICER, me, "role", role, sizeof role);
		zs_field_text(s->z, KIND_OFFICER, me, "district", dist, sizeof dist);
		snprintf(who, sizeof who, "%s  %s  %s", name, role,
			 *dist ? dist : i18n_pick(zs_profile(s->z)->name_zh, zs_profile(s->z)->name_en));
		date_t d = clock_today();
		snprintf(day, sizeof day, "%s %s", date_format(d, today),
			 i18n_pick(wd_zh[date_weekday(d)], wd_en[date_weekday(d)]));
		draw_text(top + gap, 2, who, cols - 4, false, term_attr(ATTR_ACCENT));
		int dw = text_width(day);
		if (dw + text_width(who) + 6 < cols)
			draw_text(top + gap, cols - dw - 2, day, dw, false, A_NORMAL);
		draw_heading(s, list_top - 1, cols);
		build(s);
	}
	list_draw(&s->list, list_top, 0, rows - (list_top - top), cols, all);
	/* On a screen too short for the whole menu, its last row says that
	 * more entries are below (Down or End scrolls to them). */
	if (s->list.h > 0 && s->list.top + (size_t)s->list.h < (size_t)s->n) {
		const char *more = _("more below");
		int mw = text_width(more);
		if (cols > mw + 40)
			draw_text(s->list.y + s->list.h - 1, cols - mw - 2, more, mw, false,
				  term_attr(ATTR_DIM));
	}
	if (s->h.calendar_short)
		app_hint(a, s->note);
}

/* Handles a key: Enter opens the selected count's list or menu entry,
 * digits choose menu entries, ":" opens the jump box. */
static int home_handle(struct app *a, void *st, const struct key *k)
{
	struct hstate *s = st;
	size_t sel;
	switch (k->action) {
	case ACT_ENTER:
		if (list_selected(&s->list, &sel))
			app_open_by_name(a, s->it[sel].target);
		return R_ALL;
	case ACT_REFRESH:
		zs_home(s->z, &s->h);
		zs_inbox(s->z, 14, false, NULL, 0, &s->unread);
		s->conflicts = zs_conflict_count_seen(s->z);
		build(s);
		list_reload(&s->list);
		return R_BODY;
	case ACT_CANCEL:
		return R_NONE; /* home is the bottom: Esc does nothing, Ctrl-Q leaves */
	case ACT_NONE:
		if (k->ch == ':') {
			app_push(a, &scr_jump, NULL);
			return R_ALL;
		}
		if (k->ch == 'q')
			return R_QUIT;
		if (k->ch >= '1' && k->ch <= '9') {
			int m = k->ch - '1', seen = 0;
			for (int i = 0; i < s->n; i++)
				if (s->it[i].kind == ROW_MENU && seen++ == m) {
					list_select(&s->list, (size_t)i);
					app_open_by_name(a, s->it[i].target);
					return R_ALL;
				}
		}
		return R_NONE;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

const struct screen_def scr_home = {
	.name = "home",
	.title = N_("Home"),
	.bar = home_bar,
	.open = home_open,
	.draw = home_draw,
	.handle = home_handle,
	.close = home_close,
};

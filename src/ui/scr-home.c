/*
 * scr-home.c - the home screen: who I am, today, my open work, the menu.
 *
 * One list: the counts of my work (Enter opens the matching list) and
 * the entries of the menu with their transaction codes.  The counts are
 * recomputed when the screen comes back and every few minutes.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"

struct hstate {
	struct zs_home h;
	int sel;
	struct zs *z;
};

/* Rows of the list: work counts then menu entries. */
struct item {
	const char *label;
	uint64_t count;
	const char *target; /* app_open_by_name() name, or NULL */
	const char *code;
};

static const enum action home_bar[] = {ACT_HELP, ACT_JUMP, ACT_LANG, ACT_MENU, ACT_QUIT, ACT_NONE};

/* Builds the list; returns its length. */
static int items(struct hstate *s, struct item *it, int max)
{
	int n = 0;
	struct {
		const char *label;
		uint64_t count;
		const char *target;
	} work[] = {
		{N_("Projects I manage"), s->h.my_projects, "mine"},
		{N_("Enterprise issues waiting on me"), s->h.my_issues, "issues"},
		{N_("Of those, overdue"), s->h.overdue, "issues"},
		{N_("First-talk periods ending within 14 days"), s->h.ft_ending, "register"},
		{N_("First-talk periods over: due for transfer"), s->h.ft_lapsed, "register"},
		{N_("Major projects without a service manager"), s->h.unmanaged_major, "unmanaged"},
		{rec_int(zs_me_rec(s->z), "district", 0) ? N_("Projects of my district")
							 : N_("Projects in the library"),
		 s->h.district_projects, "library"},
	};
	for (size_t i = 0; i < sizeof work / sizeof *work && n < max; i++, n++)
		it[n] = (struct item){_(work[i].label), work[i].count, work[i].target, NULL};
	for (int i = 0; i < ui_njump_entries && n < max; i++, n++)
		it[n] = (struct item){i18n_pick(ui_jump_entries[i].zh, _(ui_jump_entries[i].en)),
				      UINT64_MAX, ui_jump_entries[i].target, ui_jump_entries[i].code};
	return n;
}

/* Opens the home screen and counts the work. */
static void *home_open(struct app *a, const void *arg)
{
	(void)arg;
	struct hstate *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->z = app_zs(a);
	if (zs_home(s->z, &s->h) != ZS_OK)
		app_message(a, true, "%s", zs_error(s->z));
	s->sel = 0;
	return s;
}

/* Frees the state. */
static void home_close(void *st)
{
	free(st);
}

/* Draws the home screen. */
static void home_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct hstate *s = st;
	(void)a;
	static const char *const wd_zh[] = {"", "星期一", "星期二", "星期三", "星期四",
					    "星期五", "星期六", "星期日"};
	static const char *const wd_en[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
					    "Friday", "Saturday", "Sunday"};
	for (int y = top; y < top + rows; y++)
		draw_blank(y, 0, cols, A_NORMAL);
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
	draw_text(top + 1, 2, who, cols - 4, false, term_attr(ATTR_ACCENT));
	int dw = text_width(day);
	if (dw + text_width(who) + 6 < cols)
		draw_text(top + 1, cols - dw - 2, day, dw, false, A_NORMAL);

	struct item it[32];
	int n = items(s, it, 32);
	int y = top + 3;
	draw_text(y++, 2, _("My work"), cols - 4, false, A_BOLD);
	int lw = 0;
	for (int i = 0; i < n; i++)
		if (text_width(it[i].label) > lw)
			lw = text_width(it[i].label);
	if (lw > cols - 20)
		lw = cols - 20;
	for (int i = 0; i < n && y < top + rows; i++) {
		if (it[i].count == UINT64_MAX && (i == 0 || it[i - 1].count != UINT64_MAX)) {
			y++;
			draw_text(y++, 2, _("Menu"), cols - 4, false, A_BOLD);
		}
		int attr = i == s->sel ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
		char num[32];
		if (it[i].count != UINT64_MAX)
			snprintf(num, sizeof num, "%llu", (unsigned long long)it[i].count);
		else
			snprintf(num, sizeof num, "%s", it[i].code);
		draw_text(y, 2, i == s->sel ? ">" : " ", 1, false, term_attr(ATTR_ACCENT));
		draw_text(y, 4, it[i].label, lw + 2, true, it[i].target ? attr : term_attr(ATTR_DIM));
		draw_text(y, 6 + lw, num, 10, true, it[i].count == UINT64_MAX ? term_attr(ATTR_DIM) : attr);
		y++;
	}
}

/* Handles a key. */
static int home_handle(struct app *a, void *st, const struct key *k)
{
	struct hstate *s = st;
	struct item it[32];
	int n = items(s, it, 32);
	switch (k->action) {
	case ACT_UP:
	case ACT_PREV:
		do
			s->sel = (s->sel + n - 1) % n;
		while (!it[s->sel].target);
		return R_BODY;
	case ACT_DOWN:
	case ACT_NEXT:
		do
			s->sel = (s->sel + 1) % n;
		while (!it[s->sel].target);
		return R_BODY;
	case ACT_ENTER:
		if (it[s->sel].target)
			app_open_by_name(a, it[s->sel].target);
		return R_ALL;
	case ACT_REFRESH:
		zs_home(s->z, &s->h);
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
			/* Digits choose menu entries. */
			int m = k->ch - '1', seen = 0;
			for (int i = 0; i < n; i++)
				if (it[i].count == UINT64_MAX && seen++ == m) {
					s->sel = i;
					app_open_by_name(a, it[i].target);
					return R_ALL;
				}
		}
		return R_NONE;
	default:
		return R_NONE;
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

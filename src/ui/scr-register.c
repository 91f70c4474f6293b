/*
 * scr-register.c - the first-talk register (首谈登记): projects whose
 * district has exclusive talks, soonest end first, and those whose period
 * ended with no progress, due for transfer (流转).
 *
 * Enter opens the project; F9 transfers the selected project (the city
 * office): choose the district, give the reason.  The rows are read from
 * the store only when drawn, by the list widget, which also keeps the
 * selection and redraws only the rows a move touched.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "may.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct rstate {
	struct zs *z;
	struct list list;
	uint64_t *ids;
	size_t n, cap;
	const char *only; /* NULL: the whole register; "ending", "lapsed": a home count's rows */
	int w[6]; /* column widths for the terminal's width */
	date_t today;
	char chosen[128];
	bool asking;
};

static const enum action register_bar[] = {ACT_HELP, ACT_STAGE, ACT_REFRESH, ACT_CANCEL, ACT_JUMP,
					   ACT_NONE};

/* Puts the ids of one status (or one home count) after the first s->n,
 * making room for all of them. */
static void load_part(struct rstate *s, const char *status, int home)
{
	size_t got;
	for (;;) {
		size_t room = s->cap - s->n;
		got = home >= 0 ? zs_home_list(s->z, (enum zs_home_row)home, s->ids + s->n, room)
				: zs_register(s->z, status, s->ids + s->n, room);
		if (got < room || (home >= 0 && got == room))
			break;
		s->cap = (s->n + got) * 2 + 256;
		s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
	}
	s->n += got;
}

/* Reads the register: running periods, then lapsed ones (or only the
 * rows of a home count). */
static void load(struct rstate *s)
{
	s->n = 0;
	if (!s->cap) {
		s->cap = 1024;
		s->ids = xreallocarray(NULL, s->cap, sizeof *s->ids);
	}
	if (s->only && !strcmp(s->only, "ending")) {
		load_part(s, NULL, ZS_HOME_FT_ENDING);
	} else if (s->only && !strcmp(s->only, "lapsed")) {
		load_part(s, NULL, ZS_HOME_FT_LAPSED);
	} else {
		load_part(s, "active", -1);
		load_part(s, "lapsed", -1);
	}
}

/* The number of rows. */
static size_t register_count(void *ctx, size_t want, bool *more)
{
	struct rstate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Draws one project of the register: lapsed periods in the error look. */
static void register_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct rstate *s = ctx;
	struct rec r;
	rec_init(&r);
	if (zs_get(s->z, KIND_PROJECT, s->ids[i], &r) != ZS_OK) {
		draw_blank(y, x, w, A_NORMAL);
		return;
	}
	char v[6][256];
	date_t until = 0;
	zs_id_text(s->ids[i], v[0], sizeof v[0]);
	snprintf(v[1], sizeof v[1], "%s", rec_text(&r, "name", ""));
	zs_field_text(s->z, KIND_PROJECT, &r, "ft_district", v[2], sizeof v[2]);
	snprintf(v[3], sizeof v[3], "%s", rec_text(&r, "ft_until", ""));
	v[4][0] = '\0';
	bool lapsed = !strcmp(rec_text(&r, "ft_status", ""), "lapsed");
	if (!lapsed && date_parse(v[3], &until) == 0)
		snprintf(v[4], sizeof v[4], "%d", (int)(until - s->today));
	zs_field_text(s->z, KIND_PROJECT, &r, "ft_status", v[5], sizeof v[5]);
	rec_free(&r);
	int attr = selected ? term_attr(ATTR_SELECT) : lapsed ? term_attr(ATTR_ERROR) : (int)A_NORMAL;
	const char *row[6] = {v[0], v[1], v[2], v[3], v[4], v[5]};
	draw_row(y, x + w, s->w, (1u << 0) | (1u << 4), row, 6, attr);
}

static const struct list_ops register_ops = {
	.count = register_count,
	.draw = register_row,
};

/* Opens the register. */
static void *register_open(struct app *a, const void *arg)
{
	struct rstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->only = arg;
	load(s);
	list_init(&s->list, &register_ops, s, false);
	return s;
}

/* Frees the state. */
static void register_close(void *st)
{
	struct rstate *s = st;
	list_free(&s->list);
	free(s->ids);
	free(s);
}

/* Draws the register: the heading, then the list. */
static void register_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct rstate *s = st;
	static const char *const heads[] = {N_("No."), N_("Project name"), N_("First-talk district"),
					    N_("Exclusive until"), N_("Days left"), N_("First talk")};
	int w[6] = {6, cols - 6 - 10 - 12 - 6 - 14 - 11, 10, 12, 6, 14};
	if (w[1] < 12)
		w[1] = 12;
	memcpy(s->w, w, sizeof s->w);
	s->today = clock_today();
	int x = 1;
	for (int c = 0; c < 6; c++) {
		draw_text(top, x, _(heads[c]), w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	list_draw(&s->list, top + 1, 0, rows - 1, cols, app_full_paint(a));
	if (s->n == 0)
		draw_text(top + 1, 2, _("No project is in the first-talk register."), cols - 4, false,
			  term_attr(ATTR_DIM));
}

/* Receives the district chosen for a transfer. */
static void district_chosen(void *ctx, const char *text)
{
	struct rstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Handles a key: Enter opens the project, F9 transfers it. */
static int register_handle(struct app *a, void *st, const struct key *k)
{
	struct rstate *s = st;
	size_t sel;
	bool any = list_selected(&s->list, &sel);
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (any)
			app_push(a, &scr_detail, &s->ids[sel]);
		return R_ALL;
	case ACT_STAGE: /* F9: transfer (流转) */
		if (any && zs_may_transfer(s->z, s->ids[sel]) != ZS_OK) {
			/* Refused before the district and reason are asked. */
			app_fail(a, s->z);
		} else if (any) {
			s->chosen[0] = '\0';
			s->asking = true;
			struct pick_arg pa = {KIND_PROJECT, schema_field(KIND_PROJECT, "district"), "",
					      district_chosen, s, NULL, 0, NULL};
			app_push(a, &scr_pick, &pa);
		}
		return R_ALL;
	case ACT_REFRESH:
		if (s->asking && s->chosen[0] && any) {
			char reason[UI_TEXT_BYTES] = "";
			uint64_t to;
			s->asking = false;
			if (zs_resolve(s->z, KIND_DISTRICT, s->chosen, &to) != ZS_OK)
				app_fail(a, s->z);
			else if (app_prompt(a, _("Reason for the transfer:"), reason, sizeof reason) &&
				 zs_transfer(s->z, s->ids[sel], to, &(struct zs_transfer_opts){reason, NULL, -1, false}) != ZS_OK)
				app_fail(a, s->z);
			else if (*reason)
				app_message(a, false, _("Transferred to %s."), s->chosen);
		}
		s->asking = false;
		load(s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

static const struct bar_label register_labels[] = {{ACT_STAGE, N_("Transfer")}, {ACT_NONE, NULL}};

/* Which home count the rows are, after the title. */
static const char *register_subtitle(void *st, char *buf, size_t n)
{
	struct rstate *s = st;
	const char *what = !s->only			    ? ""
			   : !strcmp(s->only, "ending") ? _("First-talk periods ending within 14 days")
							: _("First-talk periods over: due for transfer");
	snprintf(buf, n, "%s", what);
	return buf;
}

const struct screen_def scr_register = {
	.name = "register",
	.title = N_("First-talk register"),
	.bar = register_bar,
	.open = register_open,
	.draw = register_draw,
	.handle = register_handle,
	.close = register_close,
	.labels = register_labels,
	.subtitle = register_subtitle,
};

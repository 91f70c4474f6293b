/*
 * scr-followups.c - a follow-up log (跟进记录): a project's, an
 * enterprise's, or the officer's own, latest contact first.
 *
 * The upper part is the list widget, one contact a row; the lower part
 * shows the selected contact whole (who took part, what was said and
 * agreed, the next step), wrapped, so nothing is cut.  F6 logs a new
 * contact on the same project or enterprise, F7 corrects one's own entry
 * (core asks the reason), Enter opens the entry's project or enterprise.
 * The rows are read from core's log index only when drawn.
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

struct fustate {
	struct zs *z;
	struct list list;
	enum kind of; /* whose log: KIND_PROJECT, KIND_ENTERPRISE or KIND_OFFICER */
	uint64_t id;
	char whose[256]; /* the project's or enterprise's name, for the title */
	uint64_t *ids;
	size_t n, cap;
	int w[5];
	char value[32]; /* the project or enterprise a new entry is about */
};

static const enum action followups_bar[] = {ACT_HELP, ACT_ENTER, ACT_NEW,    ACT_EDIT,
					    ACT_REFRESH, ACT_CANCEL, ACT_JUMP, ACT_NONE};

/* Reads the ids of the log, all of them (a log is short beside the library). */
static void load(struct fustate *s)
{
	size_t total = 0;
	if (!s->cap) {
		s->cap = 256;
		s->ids = xreallocarray(NULL, s->cap, sizeof *s->ids);
	}
	s->n = zs_followups(s->z, s->of, s->id, 0, s->ids, s->cap, &total);
	if (total > s->cap) {
		s->cap = total + 64;
		s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		s->n = zs_followups(s->z, s->of, s->id, 0, s->ids, s->cap, NULL);
	}
}

/* The number of rows. */
static size_t followups_count(void *ctx, size_t want, bool *more)
{
	struct fustate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Draws one contact: day and time, kind, who logged it, what was said. */
static void followups_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct fustate *s = ctx;
	struct rec r;
	rec_init(&r);
	if (zs_get(s->z, KIND_FOLLOWUP, s->ids[i], &r) != ZS_OK) {
		draw_blank(y, x, w, A_NORMAL);
		return;
	}
	char v[5][512];
	snprintf(v[0], sizeof v[0], "%s", rec_text(&r, "date", ""));
	snprintf(v[1], sizeof v[1], "%s", rec_text(&r, "time", ""));
	zs_field_text(s->z, KIND_FOLLOWUP, &r, "type", v[2], sizeof v[2]);
	zs_field_text(s->z, KIND_FOLLOWUP, &r, "author", v[3], sizeof v[3]);
	if (s->of != KIND_PROJECT && rec_find(&r, "project")) {
		char p[256];
		zs_field_text(s->z, KIND_FOLLOWUP, &r, "project", p, sizeof p);
		snprintf(v[4], sizeof v[4], "[%s] %s", p, rec_text(&r, "summary", ""));
	} else {
		snprintf(v[4], sizeof v[4], "%s", rec_text(&r, "summary", ""));
	}
	rec_free(&r);
	const char *row[5] = {v[0], v[1], v[2], v[3], v[4]};
	draw_row(y, x + w, s->w, 0, row, 5, selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL);
}

static const struct list_ops followups_ops = {
	.count = followups_count,
	.draw = followups_row,
};

/* Opens a log: of a project or an enterprise (arg), or the officer's own
 * (arg NULL). */
static void *followups_open(struct app *a, const void *varg)
{
	const struct followups_arg *arg = varg;
	struct fustate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->of = arg ? arg->of : KIND_OFFICER;
	s->id = arg ? arg->id : zs_me(s->z);
	if (s->of != KIND_OFFICER) {
		struct rec r;
		rec_init(&r);
		if (zs_get(s->z, s->of, s->id, &r) != ZS_OK) {
			app_fail(a, s->z);
			rec_free(&r);
			free(s);
			return NULL;
		}
		snprintf(s->whose, sizeof s->whose, "%s", rec_text(&r, "name", ""));
		rec_free(&r);
	}
	load(s);
	list_init(&s->list, &followups_ops, s, false);
	return s;
}

/* Frees the state. */
static void followups_close(void *st)
{
	struct fustate *s = st;
	list_free(&s->list);
	free(s->ids);
	free(s);
}

/* Draws "label：text" from row y on, wrapped to cols; returns the next row
 * (never past end). */
static int draw_wrapped(int y, int end, int cols, const char *label, const char *text)
{
	if (!text || !*text || y >= end)
		return y;
	char *all = xasprintf("%s%s%s", label, i18n_pick("：", ": "), text);
	const char *p = all;
	while (*p && y < end) {
		int used = 0;
		size_t b = text_fit(p, cols - 3, &used);
		if (b == 0)
			break;
		char *line = xasprintf("%.*s", (int)b, p);
		/* The last row that fits ends in '>' when text is left. */
		draw_text(y, 2, line, cols - 3, false, A_NORMAL);
		if (y == end - 1 && p[b])
			draw_text(y, cols - 2, ">", 1, false, A_NORMAL);
		free(line);
		p += b;
		y++;
	}
	free(all);
	return y;
}

/* Draws the selected contact whole below the list. */
static void draw_entry(struct fustate *s, int y, int end, int cols)
{
	size_t sel;
	if (!list_selected(&s->list, &sel))
		return;
	struct rec r;
	rec_init(&r);
	if (zs_get(s->z, KIND_FOLLOWUP, s->ids[sel], &r) != ZS_OK)
		return;
	char v[1024], head[2000], idb[32], who[256], kind[128], date[40];
	zs_field_text(s->z, KIND_FOLLOWUP, &r, "type", kind, sizeof kind);
	zs_field_text(s->z, KIND_FOLLOWUP, &r, "author", who, sizeof who);
	snprintf(date, sizeof date, "%s%s%s", rec_text(&r, "date", ""),
		 rec_find(&r, "time") ? " " : "", rec_text(&r, "time", ""));
	zs_field_text(s->z, KIND_FOLLOWUP, &r, rec_find(&r, "project") ? "project" : "enterprise", v,
		      sizeof v);
	snprintf(head, sizeof head, "%s  %s  %s  %s  (%s %s)", date, kind, v, who, _("No."),
		 zs_id_text(s->ids[sel], idb, sizeof idb));
	draw_text(y++, 1, head, cols - 2, false, A_BOLD);
	static const char *const fields[] = {"officers", "contacts", "summary", "agreed"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		y = draw_wrapped(y, end, cols, zs_field_label(KIND_FOLLOWUP, fields[i]),
				 zs_field_text(s->z, KIND_FOLLOWUP, &r, fields[i], v, sizeof v));
	if (rec_find(&r, "next_step")) {
		char next[1200];
		snprintf(next, sizeof next, "%s%s%s", rec_text(&r, "next_step", ""),
			 rec_find(&r, "next_date") ? "  " : "", rec_text(&r, "next_date", ""));
		y = draw_wrapped(y, end, cols, zs_field_label(KIND_FOLLOWUP, "next_step"), next);
	}
	rec_free(&r);
}

/* Draws the heading, the list and the selected contact. */
static void followups_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct fustate *s = st;
	static const char *const heads[] = {N_("Date"), N_("Time"), N_("Kind of contact"),
					    N_("Logged by"), N_("What was said")};
	int w[5] = {10, 5, 8, 8, 0};
	w[4] = cols - 2 - (w[0] + w[1] + w[2] + w[3]) - 2 * 4;
	if (w[4] < 10)
		w[4] = 10;
	memcpy(s->w, w, sizeof s->w);
	int listrows = rows / 2 > 4 ? rows / 2 : rows - 1;
	int x = 1;
	for (int c = 0; c < 5; c++) {
		draw_text(top, x, _(heads[c]), w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	list_draw(&s->list, top + 1, 0, listrows - 1, cols, app_full_paint(a));
	if (s->n == 0) {
		char none[256];
		snprintf(none, sizeof none, _("No follow-up yet; %s logs one."), keys_name(ACT_NEW));
		draw_text(top + 1, 2, none, cols - 4, false, term_attr(ATTR_DIM));
	}
	if (!app_full_paint(a))
		for (int y = top + listrows; y < top + rows; y++)
			draw_blank(y, 0, cols, A_NORMAL);
	draw_entry(s, top + listrows, top + rows, cols);
}

/* Opens the form for a new contact on the same project or enterprise. */
static void new_entry(struct app *a, struct fustate *s)
{
	struct form_arg fa = {"followup", 0, NULL, NULL, NULL};
	if (s->of == KIND_PROJECT || s->of == KIND_ENTERPRISE) {
		char idb[32];
		snprintf(s->value, sizeof s->value, "%s", zs_id_text(s->id, idb, sizeof idb));
		fa.field = s->of == KIND_PROJECT ? "project" : "enterprise";
		fa.value = s->value;
	}
	app_push(a, &scr_form, &fa);
}

/* Handles a key. */
static int followups_handle(struct app *a, void *st, const struct key *k)
{
	struct fustate *s = st;
	size_t sel;
	bool any = list_selected(&s->list, &sel);
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_NEW:
		new_entry(a, s);
		return R_ALL;
	case ACT_EDIT:
		if (any) {
			struct rec r;
			rec_init(&r);
			bool mine = zs_get(s->z, KIND_FOLLOWUP, s->ids[sel], &r) == ZS_OK &&
				    rec_int(&r, "author", 0) == (int64_t)zs_me(s->z);
			rec_free(&r);
			if (!mine) {
				app_message(a, true, _("Only the officer who logged it corrects an entry; "
						       "%s logs a new one."),
					    keys_name(ACT_NEW));
				return R_CHROME;
			}
			struct form_arg fa = {"followup", s->ids[sel], NULL, NULL, NULL};
			app_push(a, &scr_form, &fa);
		}
		return R_ALL;
	case ACT_ENTER:
		if (any) {
			struct rec r;
			rec_init(&r);
			if (zs_get(s->z, KIND_FOLLOWUP, s->ids[sel], &r) == ZS_OK) {
				static uint64_t id;
				id = (uint64_t)rec_int(&r, "project", 0);
				if (id && s->of != KIND_PROJECT) {
					app_push(a, &scr_detail, &id);
				} else if (s->of != KIND_ENTERPRISE) {
					id = (uint64_t)rec_int(&r, "enterprise", 0);
					if (id)
						app_push(a, &scr_enterprise, &id);
				}
			}
			rec_free(&r);
		}
		return R_ALL;
	case ACT_REFRESH:
	case ACT_LANG:
		load(s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		/* A move shows another contact below: the body is drawn again. */
		return r < 0 ? R_NONE : r == R_ROWS ? R_BODY : r;
	}
	}
}

/* Whose log it is, after the title. */
static const char *followups_subtitle(void *st, char *buf, size_t n)
{
	struct fustate *s = st;
	if (s->of == KIND_OFFICER)
		snprintf(buf, n, "%s  %zu", _("Logged by me"), s->n);
	else
		snprintf(buf, n, "%s  %zu", s->whose, s->n);
	return buf;
}

static const struct bar_label followups_labels[] = {
	{ACT_NEW, N_("New entry")}, {ACT_EDIT, N_("Correct")}, {ACT_ENTER, N_("Open its page")},
	{ACT_NONE, NULL}};

const struct screen_def scr_followups = {
	.name = "followups",
	.title = N_("Follow-ups"),
	.bar = followups_bar,
	.open = followups_open,
	.draw = followups_draw,
	.handle = followups_handle,
	.close = followups_close,
	.subtitle = followups_subtitle,
	.labels = followups_labels,
};

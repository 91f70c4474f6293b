/*
 * scr-library.c - the project library: a list over any number of
 * projects, searched as you type.
 *
 * Ids are fetched a page ahead of what is shown, through core's bounded
 * listing, and only the rows on screen are read and formatted (kept in a
 * small cache), so a million projects scroll like ten.  Typing goes to
 * the search box: Chinese text, pinyin initials, full pinyin or a credit
 * code, re-run on every keystroke.  Filters (district, stage, industry,
 * manager, amount) and the order (newest, oldest, largest, smallest)
 * combine with the search.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "i18n.h"
#include "money.h"
#include "ui.h"
#include "utf8.h"

#define NCOLS 8
#define CACHE 128

struct row {
	uint64_t id;
	char cell[NCOLS][160];
};

struct lstate {
	struct zs *z;
	struct zs_filter f;
	char stage[32], industry[64];
	struct editor search;
	char searched[256];
	struct zs_cursor cur;
	uint64_t *ids;
	size_t n, cap;
	size_t sel, top;
	int page;
	struct row cache[CACHE];
	int cur_row, cur_col;
	int pending_filter; /* a filter chosen from the filter list, to ask for next */
	char chosen[256];
};

static const enum action library_bar[] = {ACT_HELP,   ACT_NEW,    ACT_EDIT,   ACT_SORT,	ACT_FILTER,
					  ACT_REFRESH, ACT_CANCEL, ACT_JUMP,   ACT_NONE};

/* Columns: field, label, relative width, right-aligned, minimum columns
 * of the terminal to be shown. */
static const struct {
	const char *field;
	const char *label;
	int weight, min_width;
	bool right;
	int min_cols;
} columns[NCOLS] = {
	{NULL, N_("No."), 0, 6, true, 0},
	{"name", N_("Project name"), 4, 16, false, 0},
	{"enterprise_name", N_("Enterprise"), 3, 12, false, 100},
	{"industry", N_("Industry"), 2, 8, false, 120},
	{"investment", N_("Total investment"), 0, 16, true, 0},
	{"district", N_("District"), 1, 8, false, 0},
	{"stage", N_("Stage"), 1, 8, false, 0},
	{"manager", N_("Service manager"), 1, 6, false, 90},
};

/* Clears loaded ids and cache: the query changed. */
static void reset(struct lstate *s)
{
	s->n = 0;
	s->sel = s->top = 0;
	enum zs_order order = s->cur.order;
	memset(&s->cur, 0, sizeof s->cur);
	s->cur.order = order;
	for (int i = 0; i < CACHE; i++)
		s->cache[i].id = 0;
}

/* Loads ids until index want is available (or the end). */
static void load_until(struct lstate *s, size_t want)
{
	char *text = editor_text(&s->search);
	snprintf(s->searched, sizeof s->searched, "%s", text);
	free(text);
	s->f.text = s->searched[0] ? s->searched : NULL;
	while (s->n <= want && !s->cur.done) {
		size_t chunk = want - s->n + 64;
		if (s->n + chunk > s->cap) {
			s->cap = (s->n + chunk) * 2;
			uint64_t *p = realloc(s->ids, s->cap * sizeof *p);
			if (!p)
				abort();
			s->ids = p;
		}
		s->n += zs_list(s->z, KIND_PROJECT, &s->f, &s->cur, s->ids + s->n, chunk);
	}
}

/* The display row of a project, from the cache or the store. */
static struct row *row_of(struct lstate *s, uint64_t id)
{
	struct row *r = &s->cache[id % CACHE];
	if (r->id == id)
		return r;
	struct rec rec;
	rec_init(&rec);
	r->id = 0;
	if (zs_get(s->z, KIND_PROJECT, id, &rec) != ZS_OK)
		return NULL;
	zs_id_text(id, r->cell[0], sizeof r->cell[0]);
	for (int c = 1; c < NCOLS; c++)
		zs_field_text(s->z, KIND_PROJECT, &rec, columns[c].field, r->cell[c], sizeof r->cell[c]);
	rec_free(&rec);
	r->id = id;
	return r;
}

/* Opens the library: everything, or (arg "mine") my projects. */
static void *library_open(struct app *a, const void *arg)
{
	struct lstate *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->z = app_zs(a);
	editor_init(&s->search, 60);
	if (arg && !strcmp(arg, "mine"))
		s->f.manager = zs_me(s->z);
	else
		s->f.district = (uint64_t)rec_int(zs_me_rec(s->z), "district", 0);
	s->f.unmanaged = arg && !strcmp(arg, "unmanaged");
	reset(s);
	return s;
}

/* Frees the state. */
static void library_close(void *st)
{
	struct lstate *s = st;
	editor_free(&s->search);
	free(s->ids);
	free(s);
}

/* Short description of the filters and order for the top line. */
static void describe(struct lstate *s, char *buf, size_t n)
{
	static const char *const orders[] = {N_("newest first"), N_("oldest first"),
					     N_("largest first"), N_("smallest first")};
	size_t used = 0;
	char v[128];
	struct rec tmp;
	rec_init(&tmp);
	buf[0] = '\0';
	if (s->f.district) {
		rec_set_int(&tmp, "district", (int64_t)s->f.district);
		used += (size_t)snprintf(buf + used, n - used, "%s ",
					 zs_field_text(s->z, KIND_PROJECT, &tmp, "district", v, sizeof v));
	}
	if (s->f.manager && used < n) {
		rec_set_int(&tmp, "manager", (int64_t)s->f.manager);
		used += (size_t)snprintf(buf + used, n - used, "%s ",
					 zs_field_text(s->z, KIND_PROJECT, &tmp, "manager", v, sizeof v));
	}
	if (s->f.stage && used < n) {
		rec_set_text(&tmp, "stage", s->f.stage);
		used += (size_t)snprintf(buf + used, n - used, "%s ",
					 zs_field_text(s->z, KIND_PROJECT, &tmp, "stage", v, sizeof v));
	}
	if (s->f.industry && used < n)
		used += (size_t)snprintf(buf + used, n - used, "%s ", s->f.industry);
	if (s->f.unmanaged && used < n)
		used += (size_t)snprintf(buf + used, n - used, "%s ", _("no manager"));
	if (s->f.min_amount && used < n)
		used += (size_t)snprintf(buf + used, n - used, ">=%s ",
					 money_format(s->f.min_amount, CURRENCY_CNY, MONEY_AUTO, v, sizeof v));
	if (s->f.max_amount && used < n)
		used += (size_t)snprintf(buf + used, n - used, "<=%s ",
					 money_format(s->f.max_amount, CURRENCY_CNY, MONEY_AUTO, v, sizeof v));
	if (used < n)
		snprintf(buf + used, n - used, "%s", _(orders[s->cur.order]));
	rec_free(&tmp);
}

/* Column widths for the terminal width. */
static void widths(int cols, int *w)
{
	int fixed = 0, weights = 0, shown = 0;
	for (int c = 0; c < NCOLS; c++) {
		w[c] = cols >= columns[c].min_cols ? columns[c].min_width : 0;
		if (w[c]) {
			fixed += w[c];
			weights += columns[c].weight;
			shown++;
		}
	}
	int spare = cols - fixed - (shown - 1) * 2 - 1;
	for (int c = 0; c < NCOLS && spare > 0 && weights; c++)
		if (w[c] && columns[c].weight)
			w[c] += spare * columns[c].weight / weights;
}

/* Draws the search line, the header and the rows. */
static void library_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct lstate *s = st;
	(void)a;
	s->page = rows - 3 > 1 ? rows - 3 : 1;
	load_until(s, s->top + (size_t)s->page);
	if (s->sel >= s->n && s->n)
		s->sel = s->n - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)s->page)
		s->top = s->sel - (size_t)s->page + 1;

	/* Search line: box, then filters and count at the right. */
	int lx = draw_text(top, 1, _("Search:"), 20, false, term_attr(ATTR_ACCENT)) + 2;
	int boxw = cols / 3 > 12 ? cols / 3 : 12;
	wchar_t view[256];
	int cc = editor_view(&s->search, boxw, view, 256);
	draw_wide(top, lx, view, boxw, true, term_attr(ATTR_FIELD));
	s->cur_row = top;
	s->cur_col = lx + cc;
	char desc[512], count[64], info[600];
	describe(s, desc, sizeof desc);
	if (s->n == 0 && s->cur.done)
		snprintf(count, sizeof count, "%s", _("none"));
	else
		snprintf(count, sizeof count, "%zu/%zu%s", s->n ? s->sel + 1 : 0, s->n,
			 s->cur.done ? "" : "+");
	snprintf(info, sizeof info, "%s  %s", desc, count);
	int ix = lx + boxw + 2;
	draw_text(top, ix, info, cols - ix - 1, true, term_attr(ATTR_DIM));

	int w[NCOLS];
	widths(cols, w);
	int x = 1;
	for (int c = 0; c < NCOLS; c++) {
		if (!w[c])
			continue;
		char h[128];
		text_pad(h, sizeof h, _(columns[c].label), w[c], columns[c].right);
		draw_text(top + 1, x, h, w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	if (x - 2 < cols)
		draw_blank(top + 1, x - 2 > 0 ? x - 2 : 0, cols - x + 2, A_NORMAL);
	for (int i = 0; i < s->page && i + 2 < rows; i++) {
		size_t k = s->top + (size_t)i;
		int y = top + 2 + i;
		struct row *r = k < s->n ? row_of(s, s->ids[k]) : NULL;
		if (!r) {
			draw_blank(y, 0, cols, A_NORMAL);
			if (k == 0 && s->cur.done)
				draw_text(y, 2, s->searched[0] ? _("Nothing matches; try fewer characters or other filters.")
							       : _("No projects here yet: F6 enters one."),
					  cols - 4, false, term_attr(ATTR_DIM));
			continue;
		}
		int attr = k == s->sel ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
		draw_blank(y, 0, 1, attr);
		x = 1;
		for (int c = 0; c < NCOLS; c++) {
			if (!w[c])
				continue;
			char cell[512];
			text_pad(cell, sizeof cell, r->cell[c], w[c], columns[c].right);
			draw_text(y, x, cell, w[c], true, attr);
			if (x + w[c] < cols)
				draw_text(y, x + w[c], "  ", cols - x - w[c], false, attr);
			x += w[c] + 2;
		}
		if (x - 2 < cols)
			draw_blank(y, x - 2, cols - x + 2, attr);
	}
}

/* Cursor in the search box. */
static void library_cursor(void *st, int *row, int *col)
{
	struct lstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Filters the filter list offers, in order. */
static const char *filter_names[] = {N_("District"), N_("Stage"),	     N_("Industry"),
				     N_("Service manager"), N_("Minimum amount"), N_("Maximum amount"),
				     N_("Clear all filters")};
#define NFILTERS (int)(sizeof filter_names / sizeof *filter_names)

/* Receives the filter chosen from the filter list. */
static void filter_chosen(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	for (int i = 0; i < NFILTERS; i++)
		if (!strcmp(_(filter_names[i]), text))
			s->pending_filter = i + 1;
}

/* Receives a value for the pending filter. */
static void value_chosen(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Applies a chosen value to filter number f (1-based). */
static void apply_filter(struct app *a, struct lstate *s, int f, const char *text)
{
	struct rec tmp;
	char msg[512];
	rec_init(&tmp);
	static const char *const fields[] = {"district", "stage", "industry", "manager"};
	if (f >= 1 && f <= 4) {
		const char *field = fields[f - 1];
		const struct field_def *def = schema_field(KIND_PROJECT, field);
		struct field_def any = *def;
		any.flags &= ~(unsigned)FIELD_SYSTEM;
		if (zs_field_set_def(s->z, KIND_PROJECT, &tmp, &any, text, msg, sizeof msg) < 0) {
			app_message(a, true, "%s", msg);
		} else if (f == 1) {
			s->f.district = (uint64_t)rec_int(&tmp, field, 0);
		} else if (f == 4) {
			s->f.manager = (uint64_t)rec_int(&tmp, field, 0);
		} else if (f == 2) {
			snprintf(s->stage, sizeof s->stage, "%s", rec_text(&tmp, field, ""));
			s->f.stage = s->stage;
		} else {
			snprintf(s->industry, sizeof s->industry, "%s", rec_text(&tmp, field, ""));
			s->f.industry = s->industry;
		}
	}
	rec_free(&tmp);
}

/* Asks for the value of filter f (1-based) after the filter list closed. */
static void ask_filter(struct app *a, struct lstate *s, int f)
{
	static const char *const fields[] = {"district", "stage", "industry", "manager"};
	if (f == NFILTERS) {
		memset(&s->f, 0, sizeof s->f);
		app_message(a, false, "%s", _("All filters cleared."));
	} else if (f >= 5) {
		char buf[64] = "";
		if (app_prompt(a, f == 5 ? _("Minimum amount (e.g. 1亿):") : _("Maximum amount (e.g. 10亿):"),
			       buf, sizeof buf)) {
			int64_t v = 0;
			enum currency cur = CURRENCY_CNY;
			if (*buf && money_parse(buf, &v, &cur, 0) != MONEY_OK) {
				app_message(a, true, _("%s is not an amount; write e.g. 5000 (万元) or 1.5亿"),
					    buf);
				return;
			}
			if (cur == CURRENCY_USD) {
				struct rec tmp;
				rec_init(&tmp);
				rec_set_int(&tmp, "investment", v);
				rec_set_text(&tmp, "currency", "USD");
				v = zs_amount_cny(s->z, &tmp);
				rec_free(&tmp);
			}
			*(f == 5 ? &s->f.min_amount : &s->f.max_amount) = v;
		}
	} else {
		s->chosen[0] = '\0';
		struct pick_arg pa = {KIND_PROJECT, schema_field(KIND_PROJECT, fields[f - 1]), "",
				      value_chosen, s, NULL, 0};
		app_push(a, &scr_pick, &pa);
		s->pending_filter = -f; /* the value comes back on the next refresh */
		return;
	}
	reset(s);
}

/* Handles a key. */
static int library_handle(struct app *a, void *st, const struct key *k)
{
	struct lstate *s = st;
	size_t page = (size_t)(s->page > 1 ? s->page : 1);
	switch (k->action) {
	case ACT_CANCEL:
		if (s->search.len) {
			editor_set(&s->search, "");
			reset(s);
			return R_BODY;
		}
		return R_CLOSE;
	case ACT_UP:
	case ACT_PREV:
		if (s->sel > 0)
			s->sel--;
		return R_BODY;
	case ACT_DOWN:
	case ACT_NEXT:
		load_until(s, s->sel + 1);
		if (s->sel + 1 < s->n)
			s->sel++;
		return R_BODY;
	case ACT_PGUP:
		s->sel = s->sel > page ? s->sel - page : 0;
		s->top = s->top > page ? s->top - page : 0;
		return R_BODY;
	case ACT_PGDN:
		load_until(s, s->sel + 2 * page);
		s->sel = s->sel + page < s->n ? s->sel + page : (s->n ? s->n - 1 : 0);
		s->top += page;
		if (s->top > s->sel)
			s->top = s->sel;
		return R_BODY;
	case ACT_HOME:
		s->sel = s->top = 0;
		return R_BODY;
	case ACT_END:
		load_until(s, SIZE_MAX - 1);
		s->sel = s->n ? s->n - 1 : 0;
		return R_BODY;
	case ACT_ENTER:
		if (s->sel < s->n)
			app_push(a, &scr_detail, &s->ids[s->sel]);
		return R_ALL;
	case ACT_EDIT:
		if (s->sel < s->n) {
			struct form_arg fa = {"project", s->ids[s->sel], NULL, NULL, NULL};
			app_push(a, &scr_form, &fa);
		}
		return R_ALL;
	case ACT_NEW: {
		struct form_arg fa = {"intake", 0, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		return R_ALL;
	}
	case ACT_SORT:
		s->cur.order = (enum zs_order)((s->cur.order + 1) % 4);
		reset(s);
		return R_BODY;
	case ACT_FILTER: {
		static const char *items[NFILTERS];
		for (int i = 0; i < NFILTERS; i++)
			items[i] = _(filter_names[i]);
		struct pick_arg pa = {KIND_PROJECT, NULL, "", filter_chosen, s, items, NFILTERS};
		s->pending_filter = 0;
		app_push(a, &scr_pick, &pa);
		return R_ALL;
	}
	case ACT_REFRESH:
		/* Back from another screen, or asked: read again. */
		if (s->pending_filter > 0) {
			int f = s->pending_filter;
			s->pending_filter = 0;
			ask_filter(a, s, f);
		} else if (s->pending_filter < 0) {
			int f = -s->pending_filter;
			s->pending_filter = 0;
			if (s->chosen[0]) {
				apply_filter(a, s, f, s->chosen);
				reset(s);
			}
		} else {
			size_t sel = s->sel;
			reset(s);
			load_until(s, sel);
			s->sel = sel < s->n ? sel : (s->n ? s->n - 1 : 0);
		}
		return R_ALL;
	case ACT_SEARCH:
		return R_BODY; /* the search box always has the keys */
	default: {
		int ed = keys_edit(&s->search, k);
		if (ed == EDIT_MOVED)
			return R_BODY;
		if (ed != EDIT_CHANGED)
			return R_NONE;
		break;
	}
	}
	/* The search text changed: run it again from the top. */
	reset(s);
	return R_BODY;
}

const struct screen_def scr_library = {
	.name = "library",
	.title = N_("Project library"),
	.bar = library_bar,
	.open = library_open,
	.draw = library_draw,
	.handle = library_handle,
	.close = library_close,
	.cursor = library_cursor,
};

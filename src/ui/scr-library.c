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
 * combine with the search.  The list widget keeps the selection and the
 * page, asks this file for rows (the count callback fetches ids on
 * demand) and repaints only the two rows a move touched.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "money.h"
#include "pinyin.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#include "library.h"

/* While drawing, a search looks at candidates for at most this long; the
 * rest of the page comes between keys (library_idle), so a key is
 * answered at once however deep the matches lie among a million. */
#define SLICE_MS 12
#define SLICE_CANDIDATES 400

/* Milliseconds of a steady clock. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const enum action library_bar[] = {ACT_HELP,   ACT_NEW,    ACT_EDIT,   ACT_SORT,	ACT_FILTER,
					  ACT_REFRESH, ACT_CANCEL, ACT_JUMP,   ACT_MARK,	ACT_STAGE,
					  ACT_IMPORT, ACT_NONE};

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

/* Forgets the loaded ids and the cache: the rows are to be fetched again. */
void library_forget(struct lstate *s)
{
	s->n = 0;
	enum zs_order order = s->cur.order;
	memset(&s->cur, 0, sizeof s->cur);
	s->cur.order = order;
	for (int i = 0; i < CACHE; i++)
		s->cache[i].id = 0;
}

/* The query changed: fetch again from the first row. */
void library_reset(struct lstate *s)
{
	library_forget(s);
	list_reset(&s->list);
}

/* Loads ids until index want is available (or the end). */
static void load_until(struct lstate *s, size_t want)
{
	s->f.text = s->searched[0] ? s->searched : NULL;
	if (s->n == 0 && s->pin && !s->cur.started) {
		if (s->cap == 0) {
			s->cap = 64;
			s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		}
		s->ids[s->n++] = s->pin;
	}
	while (s->n <= want && !s->cur.done) {
		if (s->deadline && now_ms() >= s->deadline)
			break; /* the rest between keys */
		/* While drawing, small steps so that the deadline is kept. */
		s->cur.budget = s->deadline ? SLICE_CANDIDATES : 0;
		/* A page ahead; End asks for everything, a few thousand at a time. */
		size_t chunk = want - s->n < 4096 ? want - s->n + 64 : 4096;
		if (s->n + chunk > s->cap) {
			s->cap = (s->n + chunk) * 2;
			s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		}
		size_t got = zs_list(s->z, KIND_PROJECT, &s->f, &s->cur, s->ids + s->n, chunk);
		/* The project offered first is not listed twice. */
		size_t base = s->n, keep = s->n;
		for (size_t i = 0; i < got; i++)
			if (!s->pin || s->ids[base + i] != s->pin)
				s->ids[keep++] = s->ids[base + i];
		s->n = keep;
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
		desk_field_text(s->z, KIND_PROJECT, &rec, columns[c].field, r->cell[c],
				sizeof r->cell[c]);
	rec_free(&rec);
	r->id = id;
	return r;
}

/* The ids fetched so far, fetching until row want exists. */
static size_t library_count(void *ctx, size_t want, bool *more)
{
	struct lstate *s = ctx;
	load_until(s, want);
	*more = !s->cur.done;
	return s->n;
}

/* Orders ids. */
static int cmp_id(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Draws one project: a mark, its cells padded to the column widths. */
static void library_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct lstate *s = ctx;
	struct row *r = row_of(s, s->ids[i]);
	/* The selected row is marked by its number in the highlight, not the
	 * whole row: a move then changes the cells of two numbers (some 60
	 * bytes on the line), not two rows of Chinese text (some 300). */
	int attr = selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
	int cols = x + w;
	if (!r) {
		draw_blank(y, x, w, A_NORMAL);
		return;
	}
	bool marked = s->nmarked && bsearch(&s->ids[i], s->marked, s->nmarked, sizeof *s->marked,
					       cmp_id);
	draw_text(y, x, marked ? "*" : " ", 1, true, marked ? attr | (int)A_BOLD : attr);
	x++;
	bool first = true;
	for (int c = 0; c < NCOLS; c++) {
		if (!s->w[c])
			continue;
		draw_cell(y, x, r->cell[c], s->w[c], columns[c].right, first ? attr : (int)A_NORMAL);
		first = false;
		if (x + s->w[c] < cols)
			draw_text(y, x + s->w[c], "  ", cols - x - s->w[c], false, A_NORMAL);
		x += s->w[c] + 2;
	}
	if (x - 2 < cols)
		draw_blank(y, x - 2, cols - x + 2, A_NORMAL);
}

/* Takes the text of the search box and searches again from the top. */
static void library_search(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	snprintf(s->searched, sizeof s->searched, "%s", text);
	/* Digits of a project number: that project first. */
	char digits[32];
	size_t b = strspn(text, " "), e = b + strspn(text + b, "0123456789");
	uint64_t id;
	struct rec r;
	s->pin = 0;
	if (e > b && e - b < sizeof digits && text[e + strspn(text + e, " ")] == '\0') {
		snprintf(digits, sizeof digits, "%.*s", (int)(e - b), text + b);
		rec_init(&r);
		if (zs_id_parse(digits, &id) == 0 && zs_get(s->z, KIND_PROJECT, id, &r) == ZS_OK)
			s->pin = id;
		rec_free(&r);
	}
	library_forget(s);
}

static const struct list_ops library_ops = {
	.count = library_count,
	.draw = library_row,
	.filter = library_search,
};

/* Opens the library: everything, or (arg "mine") my projects, or (arg
 * "unmanaged") the major projects without a service manager. */
static void *library_open(struct app *a, const void *arg)
{
	struct lstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	list_init(&s->list, &library_ops, s, true);
	if (arg && !strcmp(arg, "mine"))
		s->f.manager = zs_me(s->z);
	else
		s->f.district = (uint64_t)rec_int(zs_me_rec(s->z), "district", 0);
	s->f.unmanaged = arg && !strcmp(arg, "unmanaged");
	/* The newest project has the widest number. */
	struct zs_cursor c = {0};
	uint64_t newest = 0;
	char idb[32];
	s->idw = zs_list(s->z, KIND_PROJECT, NULL, &c, &newest, 1)
			 ? (int)strlen(zs_id_text(newest, idb, sizeof idb))
			 : 0;
	library_reset(s);
	return s;
}

/* Frees the state. */
static void library_close(void *st)
{
	struct lstate *s = st;
	list_free(&s->list);
	free(s->ids);
	free(s->marked);
	free(s->report);
	free(s->report_items);
	free(s->saved_names);
	free(s->saved_items);
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
		used += (size_t)snprintf(buf + used, n - used, "%s", _(orders[s->cur.order]));
	if (s->nmarked && used < n)
		snprintf(buf + used, n - used, _("  %zu marked"), s->nmarked);
	rec_free(&tmp);
}

/* The widest label of a profile list in the desk's language, at most max. */
static int widest(const struct profile_list *l, int min, int max)
{
	int w = min;
	for (int i = 0; i < l->n; i++)
		if (text_width(profile_label(&l->v[i])) > w)
			w = text_width(profile_label(&l->v[i]));
	return w > max ? max : w;
}

/* Lays the shown columns (on[c]) out in cols: each at its minimum (the
 * number as wide as the widest number, district and stage as their
 * widest label), the project name then raised to name_floor as far as
 * the spare columns allow, and what is left shared by weight. */
static void lay(int cols, const bool *on, const int *min, int name_floor, int *w)
{
	int fixed = 0, weights = 0, shown = 0;
	for (int c = 0; c < NCOLS; c++) {
		w[c] = on[c] ? min[c] : 0;
		if (on[c]) {
			fixed += w[c];
			weights += columns[c].weight;
			shown++;
		}
	}
	int spare = cols - fixed - (shown - 1) * 2 - 1;
	if (name_floor > w[1] && spare > 0) {
		int give = name_floor - w[1] < spare ? name_floor - w[1] : spare;
		w[1] += give;
		spare -= give;
	}
	for (int c = 0; c < NCOLS && spare > 0 && weights; c++)
		if (w[c] && columns[c].weight)
			w[c] += spare * columns[c].weight / weights;
}

/* Column widths for the terminal width.  The enterprise column shows at
 * any width while searching (a match may be on its name); the other
 * optional ones where the terminal is wide enough, and only while the
 * project name keeps at least the columns it has at 80. */
static void widths(struct lstate *s, int cols, bool searching, int *w)
{
	const struct profile *p = zs_profile(s->z);
	int min[NCOLS];
	bool on[NCOLS];
	for (int c = 0; c < NCOLS; c++) {
		min[c] = columns[c].min_width;
		on[c] = columns[c].min_cols == 0 || (searching && c == 2);
	}
	/* A list of one district (an officer's own, or filtered so): every
	 * row would say the same district, which the search line names
	 * already; its columns go to the names. */
	if (s->f.district)
		on[5] = false;
	if (s->idw > min[0])
		min[0] = s->idw;
	min[5] = widest(&p->districts, min[5], 10);
	min[6] = widest(&p->stages, min[6], 14);
	int base[NCOLS];
	lay(cols < 80 ? cols : 80, on, min, 0, base);
	int name_min = base[1];
	static const int optional[] = {7, 2, 3}; /* by the width they need */
	for (size_t i = 0; i < sizeof optional / sizeof *optional; i++) {
		int c = optional[i];
		if (on[c] || cols < columns[c].min_cols)
			continue;
		on[c] = true;
		lay(cols, on, min, name_min, w);
		if (w[1] < name_min)
			on[c] = false;
	}
	lay(cols, on, min, name_min, w);
}

/* True when a project shown matches the search by something other than
 * its name (its enterprise's name or credit code): the enterprise column
 * is then shown, at any width. */
static bool matched_elsewhere(struct lstate *s, int rows)
{
	if (!s->searched[0])
		return false;
	load_until(s, s->list.top + (size_t)rows);
	for (size_t i = s->list.top; i < s->n && i < s->list.top + (size_t)rows; i++) {
		struct row *r = row_of(s, s->ids[i]);
		if (!r)
			continue;
		char words[256], *save = NULL;
		snprintf(words, sizeof words, "%s", s->searched);
		for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
			if (!strcasestr(r->cell[1], w) && !pinyin_match(r->cell[1], w) &&
			    strspn(w, "0123456789") != strlen(w))
				return true;
	}
	return false;
}

/* Draws the search line, the header and the rows. */
static void draw_library(struct app *a, struct lstate *s, int top, int rows, int cols)
{
	bool all = app_full_paint(a);
	widths(s, cols, matched_elsewhere(s, rows - 3), s->w);
	list_draw(&s->list, top + 2, 0, rows - 3 > 1 ? rows - 3 : 1, cols, all);
	s->page_end = s->list.top + (size_t)(rows - 3 > 1 ? rows - 3 : 1);
	/* The selected row whole on the message line when a cell of it is cut. */
	size_t sel;
	struct row *r = list_selected(&s->list, &sel) ? row_of(s, s->ids[sel]) : NULL;
	bool cut = false;
	for (int c = 0; r && c < NCOLS; c++)
		cut |= s->w[c] && text_width(r->cell[c]) > s->w[c];
	if (cut) {
		char whole[NCOLS * 170];
		size_t used = 0;
		whole[0] = '\0';
		for (int c = 0; c < NCOLS && used < sizeof whole; c++)
			if (*r->cell[c] && s->w[c])
				used += (size_t)snprintf(whole + used, sizeof whole - used, "%s%s",
							 used ? "  " : "", r->cell[c]);
		app_hint_rest(a, whole);
	}

	/* Search line: box, then filters and count at the right. */
	int lx = draw_text(top, 1, _("Search:"), 20, false, term_attr(ATTR_ACCENT)) + 2;
	int boxw = cols / 3 > 12 ? cols / 3 : 12;
	wchar_t view[256];
	int cc = editor_view(&s->list.filter, boxw, view, 256);
	draw_wide(top, lx, view, boxw, true, term_attr(ATTR_FIELD));
	s->cur_row = top;
	s->cur_col = lx + cc;
	char desc[512], count[64], info[600];
	describe(s, desc, sizeof desc);
	if (s->n == 0 && s->cur.done)
		snprintf(count, sizeof count, "%s", _("none"));
	else
		snprintf(count, sizeof count, "%zu/%zu%s", s->n ? s->list.sel + 1 : 0, s->n,
			 s->cur.done ? "" : "+");
	snprintf(info, sizeof info, "%s  %s", desc, count);
	int ix = lx + boxw + 2;
	draw_text(top, ix, info, cols - ix - 1, true, term_attr(ATTR_DIM));
	if (!all)
		return;

	int x = 1;
	for (int c = 0; c < NCOLS; c++) {
		if (!s->w[c])
			continue;
		draw_cell(top + 1, x, _(columns[c].label), s->w[c], columns[c].right, A_BOLD);
		x += s->w[c] + 2;
	}
	if (x - 2 < cols)
		draw_blank(top + 1, x - 2 > 0 ? x - 2 : 0, cols - x + 2, A_NORMAL);
	if (s->n == 0 && s->cur.done)
		draw_text(top + 2, 2, s->searched[0] ? _("Nothing matches; try fewer characters or other filters.")
						    : _("No projects here yet: F6 enters one."),
			  cols - 4, false, term_attr(ATTR_DIM));
}

/* Cursor in the search box. */
static void library_cursor(void *st, int *row, int *col)
{
	struct lstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Marks the selected project, or takes its mark away. */
static void toggle_mark(struct lstate *s, uint64_t id)
{
	uint64_t *at = s->nmarked ? bsearch(&id, s->marked, s->nmarked, sizeof *s->marked, cmp_id)
				  : NULL;
	if (at) {
		memmove(at, at + 1, (size_t)(s->marked + s->nmarked - at - 1) * sizeof *at);
		s->nmarked--;
		return;
	}
	if (s->nmarked == MARK_MAX)
		return;
	if (!s->marked)
		s->marked = xreallocarray(NULL, MARK_MAX, sizeof *s->marked);
	size_t i = 0;
	while (i < s->nmarked && s->marked[i] < id)
		i++;
	memmove(s->marked + i + 1, s->marked + i, (s->nmarked - i) * sizeof *s->marked);
	s->marked[i] = id;
	s->nmarked++;
}

/* Handles a key: Enter opens the project, F7 edits it, F11 sorts, F12
 * filters, Insert marks, F9 acts on the marked; moves and typing are the
 * list's and its search box's. */
static int library_handle(struct app *a, void *st, const struct key *k)
{
	struct lstate *s = st;
	size_t sel;
	switch (k->action) {
	case ACT_CANCEL:
		if (s->list.filter.len) {
			list_set_filter(&s->list, "");
			return R_BODY;
		}
		return R_CLOSE;
	case ACT_ENTER:
		if (list_selected(&s->list, &sel))
			app_push(a, &scr_detail, &s->ids[sel]);
		return R_ALL;
	case ACT_EDIT:
		if (list_selected(&s->list, &sel)) {
			struct form_arg fa = {"project", s->ids[sel], NULL, NULL, NULL};
			app_push(a, &scr_form, &fa);
		}
		return R_ALL;
	case ACT_ENTERPRISE: /* the selected project's enterprise page */
		if (list_selected(&s->list, &sel)) {
			struct rec r;
			rec_init(&r);
			static uint64_t eid;
			eid = zs_get(s->z, KIND_PROJECT, s->ids[sel], &r) == ZS_OK
				      ? (uint64_t)rec_int(&r, "enterprise", 0)
				      : 0;
			rec_free(&r);
			if (eid)
				app_push(a, &scr_enterprise, &eid);
		}
		return R_ALL;
	case ACT_NEW: {
		struct form_arg fa = {"intake", 0, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		return R_ALL;
	}
	case ACT_SORT:
		s->cur.order = (enum zs_order)((s->cur.order + 1) % 4);
		library_reset(s);
		return R_BODY;
	case ACT_FILTER:
		library_filter_menu(a, s);
		return R_ALL;
	case ACT_MARK:
		if (list_selected(&s->list, &sel)) {
			toggle_mark(s, s->ids[sel]);
			if (s->nmarked == MARK_MAX)
				app_message(a, true, _("At most %d projects can be marked at once."),
					    MARK_MAX);
			list_key(&s->list, &(struct key){.action = ACT_DOWN});
		}
		return R_ALL;
	case ACT_STAGE:
		/* F9: an action on the marked projects. */
		return library_bulk_menu(a, s);
	case ACT_REFRESH:
		/* Back from another screen, or asked: read again. */
		if (!library_pending(a, s)) {
			library_forget(s);
			list_reload(&s->list);
		}
		return R_ALL;
	case ACT_IMPORT:
		desk_import(a, KIND_PROJECT);
		return R_ALL;
	case ACT_SEARCH:
		return R_BODY; /* the search box always has the keys */
	case ACT_LANG:
		for (int i = 0; i < CACHE; i++)
			s->cache[i].id = 0; /* the rows in the other language */
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

/* "我的项目" or "未配备服务管家的重大项目" after the title while the list is
 * that one (the filter may widen it later). */
static const char *library_subtitle(void *st, char *buf, size_t n)
{
	struct lstate *s = st;
	const char *what = s->f.unmanaged			 ? _("Major projects without a service manager")
			   : s->f.manager && s->f.manager == zs_me(s->z) ? _("My projects")
									 : "";
	snprintf(buf, n, "%s", what);
	return buf;
}

/* Draws the library with what a slice of loading finds; the rest of the
 * page comes between keys. */
static void library_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct lstate *s = st;
	s->deadline = now_ms() + SLICE_MS;
	draw_library(a, s, top, rows, cols);
	s->deadline = 0;
}

/* Between keys: loads on until the page shown is full (or the search is
 * done), a slice at a time; redraw flags, or -1 when nothing is left. */
static int library_idle(struct app *a, void *st)
{
	struct lstate *s = st;
	(void)a;
	if (s->cur.done || s->n > s->page_end)
		return -1;
	size_t had = s->n;
	s->deadline = now_ms() + SLICE_MS;
	load_until(s, s->page_end);
	s->deadline = 0;
	/* New rows, or the count became final: show them. */
	return s->n != had || s->cur.done || s->n > s->page_end ? R_BODY : R_NONE;
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
	.subtitle = library_subtitle,
	.idle = library_idle,
};

/*
 * scr-libs.c - the libraries beside the project library: target
 * enterprises (目标企业清单), promotion events (推介活动库), space and land
 * carriers (空间资源载体), policies (政策清单), experts (专家库),
 * intermediaries and ambassadors, visit plans (走访计划) - one screen for
 * each, made from its kind.
 *
 * The columns are the kind's listed fields; typing goes to the search box
 * (Chinese, pinyin initials, full pinyin), and ids are fetched from core's
 * bounded listing a page ahead of what is shown, so a long library
 * scrolls like a short one.  Below the list, what core warns of the
 * selected row: an event's clashes with other districts' events, the
 * other districts chasing a target enterprise.  F6 opens the kind's form
 * for a new row, F7 or Enter the selected row's, Esc i imports a
 * spreadsheet after a preview.  The policy list has its own key bar:
 * Esc a files a district's policy with the city office (备案), and the
 * city office accepts it or returns it with a reason.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#define NCOLS 9
#define PAGE 64

struct lbstate {
	struct zs *z;
	enum kind k;
	const char *form; /* the kind's form: its name */
	struct list list; /* its filter box is the search box */
	char text[256];
	struct zs_cursor cur;
	uint64_t *ids;
	size_t n, cap;
	const char *col[NCOLS]; /* field names; col[0] is the number */
	int ncol, w[NCOLS];
	int cur_row, cur_col;
	uint64_t answering; /* the filed policy the city office is answering */
	int answer;         /* chosen from the answers' list: 1 accept, 2 return */
};

static const enum action libs_bar[] = {ACT_HELP, ACT_NEW,	ACT_EDIT, ACT_REFRESH,
				       ACT_CANCEL, ACT_JUMP, ACT_IMPORT, ACT_NONE};
static const enum action policies_bar[] = {ACT_HELP,   ACT_NEW,	 ACT_EDIT,   ACT_FILING, ACT_REFRESH,
					   ACT_CANCEL, ACT_JUMP, ACT_IMPORT, ACT_NONE};

/* The city office's answers to a filed policy, in order. */
static const char *answer_names[] = {N_("Accept the policy"), N_("Return it, saying why")};

/* Fetches ids until row want exists or the list ends. */
static size_t libs_count(void *ctx, size_t want, bool *more)
{
	struct lbstate *s = ctx;
	struct zs_filter f = {0};
	f.text = s->text;
	while (s->n <= want && !s->cur.done) {
		if (s->n + PAGE > s->cap) {
			s->cap = s->n + PAGE * 4;
			s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
		}
		s->n += zs_list(s->z, s->k, &f, &s->cur, s->ids + s->n, PAGE);
	}
	*more = !s->cur.done;
	return s->n;
}

/* Forgets the rows: they are fetched again from the top. */
static void libs_restart(struct lbstate *s)
{
	s->n = 0;
	memset(&s->cur, 0, sizeof s->cur);
}

/* Draws one row: its number and listed fields. */
static void libs_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct lbstate *s = ctx;
	struct rec r;
	rec_init(&r);
	char v[NCOLS][256];
	const char *row[NCOLS];
	bool got = i < s->n && zs_get(s->z, s->k, s->ids[i], &r) == ZS_OK;
	for (int c = 0; c < s->ncol; c++) {
		v[c][0] = '\0';
		if (!got)
			;
		else if (c == 0)
			zs_id_text(s->ids[i], v[c], sizeof v[c]);
		else
			desk_field_text(s->z, s->k, &r, s->col[c], v[c], sizeof v[c]);
		row[c] = v[c];
	}
	rec_free(&r);
	(void)w;
	draw_row(y, x + w, s->w, 1u, row, s->ncol,
		 selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL);
}

/* The search box holds text: the rows are fetched again. */
static void libs_filter(void *ctx, const char *text)
{
	struct lbstate *s = ctx;
	snprintf(s->text, sizeof s->text, "%s", text);
	libs_restart(s);
}

static const struct list_ops libs_ops = {
	.count = libs_count,
	.draw = libs_row,
	.filter = libs_filter,
};

/* Opens the library of the kind named by arg ("target", "event", "carrier"). */
static void *libs_open(struct app *a, const void *arg)
{
	int k = arg ? schema_kind_by_name(arg) : -1;
	if (k < 0 || !zs_is_library((enum kind)k))
		return NULL;
	struct lbstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->k = (enum kind)k;
	s->form = schema_kind(s->k)->name;
	const struct kind_def *kd = schema_kind(s->k);
	s->col[s->ncol++] = "id";
	for (int i = 0; i < kd->nfields && s->ncol < NCOLS; i++)
		if (kd->fields[i].flags & FIELD_LISTED)
			s->col[s->ncol++] = kd->fields[i].name;
	list_init(&s->list, &libs_ops, s, true);
	return s;
}

static void libs_close(void *st)
{
	struct lbstate *s = st;
	list_free(&s->list);
	free(s->ids);
	free(s);
}

/* Column widths for cols: the number, short fields by their type, the
 * rest shared by the texts; columns that do not fit are left out. */
static void widths(struct lbstate *s, int cols)
{
	int fixed = 0, ntext = 0;
	for (int c = 0; c < s->ncol; c++) {
		const struct field_def *f = c ? schema_field(s->k, s->col[c]) : NULL;
		int w = !f			 ? 5
			: f->type == FT_DATE	 ? 10
			: f->type == FT_BOOL	 ? 4
			: f->type == FT_DECIMAL	 ? 9
			: f->type == FT_CHOICE	 ? 10
			: f->type == FT_REF	 ? 10
			: f->type == FT_MULTI	 ? 14
						 : 0;
		s->w[c] = w;
		fixed += w + 2;
		ntext += w == 0;
	}
	/* The name takes two shares of what is left, other texts one. */
	int left = cols - 2 - fixed, shares = ntext + (ntext > 0);
	for (int c = 0; c < s->ncol; c++)
		if (!s->w[c]) {
			int share = shares ? left / shares : 8;
			s->w[c] = (strcmp(s->col[c], "name") ? 1 : 2) * (share > 8 ? share : 8);
		}
	/* Drop columns from the right until the row fits. */
	int total = -2;
	for (int c = 0; c < s->ncol; c++)
		total += s->w[c] + 2;
	for (int c = s->ncol - 1; c > 1 && total > cols - 2; c--) {
		total -= s->w[c] + 2;
		s->w[c] = 0;
	}
	/* What the shares left over (their rounding, the columns dropped)
	 * goes to the name, so that it is cut as little as can be. */
	for (int c = 1; c < s->ncol && total < cols - 2; c++)
		if (s->w[c] && !strcmp(s->col[c], "name")) {
			s->w[c] += cols - 2 - total;
			break;
		}
}

/* Draws the warnings of the selected row in the rows from y to end. */
static void draw_warnings(struct lbstate *s, int y, int end, int cols)
{
	size_t sel;
	struct rec r;
	rec_init(&r);
	if (y >= end || !list_selected(&s->list, &sel) || sel >= s->n ||
	    zs_get(s->z, s->k, s->ids[sel], &r) != ZS_OK) {
		rec_free(&r);
		return;
	}
	char w[4][ZS_WARN_BYTES];
	size_t n = zs_lib_warnings(s->z, s->k, s->ids[sel], &r, w, 4);
	rec_free(&r);
	for (size_t i = 0; i < n && i < 4 && y < end; i++, y++)
		draw_text(y, 1, w[i], cols - 2, true, term_attr(ATTR_ERROR));
}

static void libs_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct lbstate *s = st;
	bool all = app_full_paint(a);
	widths(s, cols);
	int listrows = rows - 5 > 1 ? rows - 5 : 1;
	list_draw(&s->list, top + 2, 0, listrows, cols, all);
	/* Search line: the box, then how many. */
	int lx = draw_text(top, 1, _("Search:"), 20, false, term_attr(ATTR_ACCENT)) + 2;
	int boxw = cols / 3 > 12 ? cols / 3 : 12;
	wchar_t view[256];
	int cc = editor_view(&s->list.filter, boxw, view, 256);
	draw_wide(top, lx, view, boxw, true, term_attr(ATTR_FIELD));
	s->cur_row = top;
	s->cur_col = lx + cc;
	char count[64];
	if (s->n == 0 && s->cur.done)
		snprintf(count, sizeof count, "%s", _("none"));
	else
		snprintf(count, sizeof count, "%zu/%zu%s", s->n ? s->list.sel + 1 : 0, s->n,
			 s->cur.done ? "" : "+");
	int ix = lx + boxw + 2;
	draw_text(top, ix, count, cols - ix - 1, true, term_attr(ATTR_DIM));
	/* The warnings of the selected row, below the list. */
	for (int y = top + 2 + listrows; y < top + rows; y++)
		draw_blank(y, 0, cols, A_NORMAL);
	draw_warnings(s, top + 3 + listrows, top + rows, cols);
	if (!all)
		return;
	int x = 1;
	for (int c = 0; c < s->ncol; c++) {
		if (!s->w[c])
			continue;
		const char *label = c ? zs_field_label(s->k, s->col[c]) : _("No.");
		draw_cell(top + 1, x, label, s->w[c], c == 0, A_BOLD);
		x += s->w[c] + 2;
	}
	if (x - 2 < cols)
		draw_blank(top + 1, x - 2 > 0 ? x - 2 : 0, cols - x + 2, A_NORMAL);
	if (s->n == 0 && s->cur.done) {
		char none[256];
		snprintf(none, sizeof none, "%s",
			 s->text[0] ? _("Nothing matches; try fewer characters or other filters.")
				    : _("Nothing here yet: F6 enters one."));
		draw_text(top + 2, 2, none, cols - 4, false, term_attr(ATTR_DIM));
	}
}

static void libs_cursor(void *st, int *row, int *col)
{
	struct lbstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Receives the city office's answer chosen from its list. */
static void answer_chosen(void *ctx, const char *text)
{
	struct lbstate *s = ctx;
	for (int i = 0; i < 2; i++)
		if (!strcmp(_(answer_names[i]), text))
			s->answer = i + 1;
}

/* Esc a on policy id: a district files it with the city office; a filed
 * one the city office answers (the list of answers, then answer()). */
static void filing(struct app *a, struct lbstate *s, uint64_t id)
{
	struct rec r;
	rec_init(&r);
	if (zs_get(s->z, KIND_POLICY, id, &r) != ZS_OK) {
		rec_free(&r);
		app_fail(a, s->z);
		return;
	}
	char q[1024];
	const char *name = rec_text(&r, "name", "");
	if (!strcmp(rec_text(&r, "filing", ""), "filed")) {
		if (!zs_sees_all(s->z)) {
			app_message(a, false, _("%s was filed on %s and awaits the city office."), name,
				    rec_text(&r, "filed_on", ""));
		} else {
			static const char *items[2];
			for (int i = 0; i < 2; i++)
				items[i] = _(answer_names[i]);
			s->answering = id;
			s->answer = 0;
			struct pick_arg pa = {KIND_POLICY, NULL, "", answer_chosen, s, items, 2, NULL};
			app_push(a, &scr_pick, &pa);
		}
		rec_free(&r);
		return;
	}
	snprintf(q, sizeof q, _("File %s with the city office (备案)?"), name);
	rec_free(&r);
	if (!app_confirm(a, q))
		return;
	if (zs_policy_file(s->z, id) != ZS_OK)
		app_fail(a, s->z);
	else
		app_message(a, false, "%s", _("Filed with the city office; it awaits their answer."));
}

/* The city office's answer chosen: accept (a note may go with it) or
 * return (with the reason). */
static void answer(struct app *a, struct lbstate *s)
{
	static char note[UI_TEXT_BYTES];
	bool accept = s->answer == 1;
	s->answer = 0;
	if (!app_prompt_max(a, accept ? _("A note for the district (may be empty):")
				      : _("Why it is returned:"),
			    note, sizeof note, UI_TEXT_MAX))
		return;
	if (zs_policy_answer(s->z, s->answering, accept, note) != ZS_OK) {
		app_fail(a, s->z);
		return;
	}
	note[0] = '\0';
	app_message(a, false, "%s",
		    accept ? _("Accepted: the district sees it on the policy.")
			   : _("Returned to the district with the reason."));
}

static int libs_handle(struct app *a, void *st, const struct key *k)
{
	struct lbstate *s = st;
	size_t sel;
	bool any = list_selected(&s->list, &sel) && sel < s->n;
	switch (k->action) {
	case ACT_CANCEL:
		if (s->text[0]) {
			list_set_filter(&s->list, "");
			list_reset(&s->list);
			return R_ALL;
		}
		return R_CLOSE;
	case ACT_NEW: {
		struct form_arg fa = {s->form, 0, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		return R_ALL;
	}
	case ACT_EDIT:
	case ACT_ENTER:
		if (any) {
			struct form_arg fa = {s->form, s->ids[sel], NULL, NULL, NULL};
			app_push(a, &scr_form, &fa);
		}
		return R_ALL;
	case ACT_IMPORT:
		desk_import(a, s->k);
		return R_ALL;
	case ACT_FILING:
		if (s->k != KIND_POLICY)
			return R_NONE;
		if (any)
			filing(a, s, s->ids[sel]);
		libs_restart(s);
		list_reload(&s->list);
		return R_ALL;
	case ACT_REFRESH:
		if (s->answer)
			answer(a, s);
		/* fall through */
	case ACT_LANG:
		libs_restart(s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		/* A move shows the warnings of another row below. */
		return r < 0 ? R_NONE : r == R_ROWS ? R_BODY : r;
	}
	}
}

/* The library's name (as the table of screens calls it) and how many rows. */
static const char *libs_subtitle(void *st, char *buf, size_t n)
{
	struct lbstate *s = st;
	static const struct {
		enum kind k;
		const char *zh, *en;
	} names[] = {
		{KIND_TARGET, "目标企业清单", N_("Target enterprises")},
		{KIND_EVENT, "推介活动库", N_("Promotion events")},
		{KIND_CARRIER, "空间资源载体", N_("Space and land carriers")},
		{KIND_POLICY, "政策清单", N_("Policies")},
		{KIND_EXPERT, "专家库", N_("Expert pool")},
		{KIND_AGENCY, "中介与招商大使", N_("Intermediaries and ambassadors")},
		{KIND_VISIT, "走访计划", N_("Visit plans")},
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].k == s->k)
			snprintf(buf, n, "%s", i18n_pick(names[i].zh, _(names[i].en)));
	return buf;
}

static const struct bar_label libs_labels[] = {
	{ACT_NEW, N_("New entry")}, {ACT_EDIT, N_("Edit")}, {ACT_NONE, NULL}};

const struct screen_def scr_libs = {
	.name = "libs",
	.title = "",
	.bar = libs_bar,
	.open = libs_open,
	.draw = libs_draw,
	.handle = libs_handle,
	.close = libs_close,
	.cursor = libs_cursor,
	.subtitle = libs_subtitle,
	.labels = libs_labels,
};

/* The policy list: the libraries' screen with the filing key. */
const struct screen_def scr_policies = {
	.name = "libs",
	.title = "",
	.bar = policies_bar,
	.open = libs_open,
	.draw = libs_draw,
	.handle = libs_handle,
	.close = libs_close,
	.cursor = libs_cursor,
	.subtitle = libs_subtitle,
	.labels = libs_labels,
};

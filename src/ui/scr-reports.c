/*
 * scr-reports.c - reports (报表): the city office's numbers on the desk.
 *
 * The same computation as `zsdesk report` (core's zs_report_run) shown two
 * ways: charts - a bar per district (completion of its targets, or the
 * report's own measure), the city's stage funnel and a sparkline of twelve
 * months of utilised capital - and the plain table, every column of it,
 * with the formulas below, for screen readers and copying.  Tab switches
 * between them; F12 chooses the report, F11 the kind of period,
 * Ctrl-PgUp and Ctrl-PgDn (or [ and ], on terminals without them) go to
 * the period before and after; A shows a past period as of today, with
 * the corrections made since, or again as its end saw it; Left and Right
 * move across the table's columns.
 *
 * Charts use braille cells (East Asian width neutral, one column
 * everywhere), never block elements, whose width is ambiguous in Chinese
 * locales; on a terminal that is not UTF-8 (GB18030, vt100) they are
 * ASCII.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "exchange.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* Rows of a list report (the clearing list) read for the screen: its
 * total is shown exact below them. */
#define SCREEN_ROWS 200

/* Rows of the list. */
enum rrow_kind { RROW_HEADS, RROW_DATA, RROW_BLANK, RROW_FUNNEL, RROW_TREND, RROW_NOTE };

struct rrow {
	enum rrow_kind kind;
	size_t i; /* the report row, funnel step or note */
};

struct rstate {
	struct zs *z;
	struct list list;
	struct zs_report rep;
	bool have;
	int which;                 /* zs_report_names[which] */
	enum zs_period_kind kind;
	struct zs_period period;
	bool table;                /* the plain table, not the charts */
	bool today;                /* as of today, not as the period's end saw it */
	int col0;                  /* first column shown after the district */
	struct rrow *rows;
	size_t n, cap;
	int w[ZS_REPORT_COLS];     /* width of each column */
	unsigned numeric;          /* columns of numbers: right-aligned */
	char chosen[128];
	bool ascii;
};

static const enum action reports_bar[] = {ACT_HELP, ACT_SAVE, ACT_NEXT, ACT_FILTER, ACT_SORT,
					  ACT_NEXT_STEP, ACT_PREV_STEP, ACT_CANCEL, ACT_NONE};

static void add(struct rstate *s, enum rrow_kind kind, size_t i)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xreallocarray(s->rows, s->cap, sizeof *s->rows);
	}
	s->rows[s->n++] = (struct rrow){kind, i};
}

/* The column a chart row shows beside its bar: the completion, rate or
 * amount the bar is of. */
static int bar_column(const struct zs_report *r)
{
	for (int c = 0; c < r->ncols; c++)
		if (!strcmp(r->keys[c], "domestic_rate") || !strcmp(r->keys[c], "registration_rate") ||
		    !strcmp(r->keys[c], "amount"))
			return c;
	return -1;
}

/* True for a report of districts with a measure to draw: the others
 * (lists of projects or officers) are shown as their table. */
static bool chartable(const struct rstate *s)
{
	return s->have && !strcmp(s->rep.keys[0], "district") && bar_column(&s->rep) >= 0;
}

/* The plain table: asked for, or the only way the report is shown. */
static bool as_table(const struct rstate *s)
{
	return s->table || !chartable(s);
}

/* The day the report is seen as of (0: the end of its period). */
static date_t seen_on(const struct rstate *s)
{
	return s->today && s->period.to < clock_today() ? clock_today() : 0;
}

/* A report's number as the desk shows it: the whole part in groups of
 * three ("1204004" as "1,204,004", "12345.6789" as "12,345.6789"); any
 * other text as it is.  The report itself keeps plain numbers for the
 * export. */
static const char *grouped(const char *v, char *buf, size_t n)
{
	const char *p = v + (*v == '-');
	size_t whole = strspn(p, "0123456789");
	if (whole < 4 || (p[whole] && (p[whole] != '.' || strspn(p + whole + 1, "0123456789") !=
								strlen(p + whole + 1))) ||
	    strlen(v) + whole / 3 + 1 > n)
		return v;
	size_t o = 0;
	if (*v == '-')
		buf[o++] = '-';
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = p[i];
	}
	snprintf(buf + o, n - o, "%s", p + whole);
	return buf;
}

/* Runs the report for the period and lays out the rows. */
static void load(struct app *a, struct rstate *s)
{
	if (s->have)
		zs_report_free(&s->rep);
	s->have = zs_report_run(s->z, zs_report_names[s->which], &s->period, 0, seen_on(s),
				SCREEN_ROWS, &s->rep) == ZS_OK;
	s->n = 0;
	if (!s->have) {
		app_fail(a, s->z);
		return;
	}
	struct zs_report *r = &s->rep;
	for (int c = 0; c < r->ncols; c++) {
		/* A cell is cut at 18 columns; a heading, which says what the
		 * column is (实际利用内资（万元）), not before 20. */
		int w = 0, hw = text_width(_(r->labels[c]));
		for (size_t i = 0; i < r->nrows; i++) {
			char g[64];
			int cw = text_width(grouped(r->cells[i * (size_t)r->ncols + (size_t)c], g, sizeof g));
			if (cw > w)
				w = cw;
		}
		w = w > 18 ? 18 : w;
		if (hw > w)
			w = hw > 20 ? 20 : hw;
		s->w[c] = w < 4 ? 4 : w;
	}
	if (s->col0 >= r->ncols)
		s->col0 = 1;
	s->numeric = 0;
	for (int c = 1; c < r->ncols; c++) {
		bool num = true;
		for (size_t i = 0; num && i < r->nrows; i++) {
			const char *v = r->cells[i * (size_t)r->ncols + (size_t)c];
			num = strspn(v, "0123456789.,%/-") == strlen(v);
		}
		if (num)
			s->numeric |= 1u << c;
	}
	add(s, RROW_HEADS, 0);
	for (size_t i = 0; i < r->nrows; i++)
		add(s, RROW_DATA, i);
	if (as_table(s)) {
		add(s, RROW_BLANK, 0);
		for (size_t i = 0; i < r->nnotes; i++)
			add(s, RROW_NOTE, i);
		return;
	}
	if (r->nfunnel) {
		add(s, RROW_BLANK, 0);
		for (int i = 0; i < r->nfunnel; i++)
			add(s, RROW_FUNNEL, (size_t)i);
	}
	add(s, RROW_BLANK, 0);
	add(s, RROW_TREND, 0);
	for (size_t i = r->first_correction; i < r->nnotes; i++)
		add(s, RROW_NOTE, i);
}

static size_t reports_count(void *ctx, size_t want, bool *more)
{
	struct rstate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

static bool reports_selectable(void *ctx, size_t i)
{
	struct rstate *s = ctx;
	return s->rows[i].kind == RROW_DATA || s->rows[i].kind == RROW_NOTE;
}

/* A bar of value out of max in w columns: braille, two steps a cell; or
 * '#' and '+' in ASCII.  Writes into buf (UTF-8). */
static void bar(bool ascii, int64_t value, int64_t max, int w, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	if (max <= 0 || value <= 0 || w <= 0)
		return;
	int64_t halves = (int64_t)((__int128)value * (2 * w) / max);
	if (halves == 0)
		halves = 1;
	for (int c = 0; c < w && len + 4 < n; c++) {
		int64_t left = halves - 2 * (int64_t)c;
		const char *cell = left >= 2 ? (ascii ? "#" : "\xe2\xa3\xbf")  /* ⣿ */
				   : left == 1 ? (ascii ? "+" : "\xe2\xa1\x87") /* ⡇ */
					       : NULL;
		if (!cell)
			break;
		size_t k = strlen(cell);
		memcpy(buf + len, cell, k);
		len += k;
	}
	buf[len] = '\0';
}

/* A sparkline of n values: one cell each, four heights of braille (or
 * ASCII "_.-=#"). */
static void sparkline(bool ascii, const int64_t *v, int nv, char *buf, size_t n)
{
	static const char *const braille[] = {"\xe2\xa0\x80", "\xe2\xa3\x80", "\xe2\xa3\xa4",
					      "\xe2\xa3\xb6", "\xe2\xa3\xbf"}; /* ⠀⣀⣤⣶⣿ */
	static const char *const plain[] = {" ", "_", ".", "-", "#"};
	int64_t max = 0;
	for (int i = 0; i < nv; i++)
		if (v[i] > max)
			max = v[i];
	size_t len = 0;
	for (int i = 0; i < nv; i++) {
		int level = max > 0 && v[i] > 0 ? 1 + (int)((__int128)v[i] * 3 / max) : 0;
		if (level > 4)
			level = 4;
		const char *c = ascii ? plain[level] : braille[level];
		size_t k = strlen(c);
		if (len + k + 1 >= n)
			break;
		memcpy(buf + len, c, k);
		len += k;
	}
	buf[len] = '\0';
}

/* The columns shown in the table view: the district, then from col0 on
 * as many as fit in cols. */
static void table_widths(struct rstate *s, int cols, int *w)
{
	const struct zs_report *r = &s->rep;
	int used = 1 + s->w[0] + 2;
	for (int c = 0; c < r->ncols; c++)
		w[c] = 0;
	w[0] = s->w[0];
	for (int c = s->col0; c < r->ncols; c++) {
		if (used + s->w[c] > cols)
			break;
		w[c] = s->w[c];
		used += s->w[c] + 2;
	}
}

/* The largest bar value of the report's rows (not the city's total). */
static int64_t bar_max(const struct zs_report *r)
{
	int64_t m = 0;
	for (size_t i = 0; i < r->nrows; i++)
		if (r->bar[i] > m && strcmp(r->cells[i * (size_t)r->ncols], _("City total")))
			m = r->bar[i];
	return m;
}


static void reports_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct rstate *s = ctx;
	const struct rrow *row = &s->rows[i];
	const struct zs_report *r = &s->rep;
	int attr = selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
	draw_blank(y, x, w, attr);
	char buf[512];
	switch (row->kind) {
	case RROW_BLANK:
		return;
	case RROW_NOTE:
		draw_text(y, x + 1, r->notes[row->i], w - 2, false, attr);
		return;
	case RROW_FUNNEL: {
		int64_t max = 0;
		for (int k = 0; k < r->nfunnel; k++)
			if (r->funnel[k] > max)
				max = r->funnel[k];
		int lw = 14;
		draw_cell(y, x + 1, _(r->funnel_labels[row->i]), lw, false, A_NORMAL);
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)r->funnel[row->i]);
		draw_cell(y, x + 1 + lw + 1, num, 7, true, A_NORMAL);
		bar(s->ascii, r->funnel[row->i], max, w - lw - 12, buf, sizeof buf);
		draw_text(y, x + lw + 11, buf, w - lw - 12, false, term_attr(ATTR_ACCENT));
		return;
	}
	case RROW_TREND: {
		char line[1024];
		sparkline(s->ascii, r->trend, 12, buf, sizeof buf);
		snprintf(line, sizeof line, "%s  %s", _("Utilised capital, last 12 months:"), buf);
		draw_text(y, x + 1, line, w - 2, false, A_NORMAL);
		return;
	}
	case RROW_HEADS:
	case RROW_DATA:
		break;
	}
	if (as_table(s)) {
		int cw[ZS_REPORT_COLS];
		const char *cells[ZS_REPORT_COLS];
		static char g[ZS_REPORT_COLS][64];
		table_widths(s, w, cw);
		unsigned right = row->kind == RROW_DATA ? s->numeric : 0;
		for (int c = 0; c < r->ncols; c++)
			cells[c] = row->kind == RROW_HEADS ? _(r->labels[c])
				   : s->numeric & (1u << c)
					   ? grouped(r->cells[row->i * (size_t)r->ncols + (size_t)c],
						     g[c], sizeof g[c])
					   : r->cells[row->i * (size_t)r->ncols + (size_t)c];
		draw_row(y, x + w, cw, right, cells, r->ncols,
			 row->kind == RROW_HEADS ? (int)A_BOLD : attr);
		return;
	}
	/* Charts: district, bar, the value it is of. */
	int vc = bar_column(r);
	int nw = 14, vw = 12, bw = w - nw - vw - 6;
	if (row->kind == RROW_HEADS) {
		draw_cell(y, x + 1, _(r->labels[0]), nw, false, A_BOLD);
		draw_cell(y, x + 1 + nw + 2, _(r->labels[vc]), bw + vw + 2, false, A_BOLD);
		return;
	}
	const char *name = r->cells[row->i * (size_t)r->ncols];
	draw_cell(y, x + 1, name, nw, false, attr);
	if (strcmp(name, _("City total"))) {
		bar(s->ascii, r->bar[row->i], bar_max(r), bw, buf, sizeof buf);
		draw_text(y, x + 1 + nw + 2, buf, bw, false,
			  selected ? attr : term_attr(ATTR_ACCENT));
	}
	char g[64];
	draw_cell(y, x + w - vw - 1, grouped(r->cells[row->i * (size_t)r->ncols + (size_t)vc], g, sizeof g),
		  vw, true, attr);
}

static const struct list_ops reports_ops = {
	.count = reports_count,
	.draw = reports_row,
	.selectable = reports_selectable,
};

static void *reports_open(struct app *a, const void *arg)
{
	(void)arg;
	struct rstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	const char *term = getenv("TERM");
	s->ascii = !term_utf8() || !term || !strncmp(term, "vt", 2) || !strcmp(term, "linux");
	s->kind = ZS_PERIOD_MONTH;
	s->col0 = 1;
	zs_period_parse(s->kind, NULL, &s->period);
	list_init(&s->list, &reports_ops, s, false);
	load(a, s);
	list_reset(&s->list);
	return s;
}

static void reports_close(void *st)
{
	struct rstate *s = st;
	list_free(&s->list);
	if (s->have)
		zs_report_free(&s->rep);
	free(s->rows);
	free(s);
}

static const char *kind_name(enum zs_period_kind k)
{
	switch (k) {
	case ZS_PERIOD_MONTH:
		return _("month");
	case ZS_PERIOD_QUARTER:
		return _("quarter");
	case ZS_PERIOD_HALF:
		return _("half year");
	default:
		return _("year");
	}
}

static void reports_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct rstate *s = st;
	if (app_full_paint(a)) {
		char line[512];
		char day[11];
		date_t as_of = s->today && s->period.to < clock_today() ? clock_today()
				: s->period.to < clock_today()		   ? s->period.to
									   : clock_today();
		snprintf(line, sizeof line, "%s  %s: %s  %s %s  %s  %s",
			 _(zs_report_title(zs_report_names[s->which])), kind_name(s->kind),
			 s->period.name, _("as of"), date_format(as_of, day),
			 as_table(s) ? _("[table]") : _("[charts]"),
			 _("[ ] period before, after; A as of today or as it stood"));
		draw_text(top, 1, line, cols - 2, true, term_attr(ATTR_ACCENT));
	}
	list_draw(&s->list, top + 1, 0, rows - 1, cols, app_full_paint(a));
	size_t sel;
	if (!s->have || !list_selected(&s->list, &sel))
		return;
	const struct rrow *row = &s->rows[sel];
	if (row->kind == RROW_NOTE) {
		if (text_width(s->rep.notes[row->i]) > cols - 2)
			app_hint(a, s->rep.notes[row->i]);
	} else if (row->kind == RROW_DATA) {
		/* The whole row, label by label, for what the screen cuts. */
		char whole[2048];
		size_t len = 0;
		whole[0] = '\0';
		for (int c = 0; c < s->rep.ncols && len < sizeof whole - 1; c++) {
			const char *v = s->rep.cells[row->i * (size_t)s->rep.ncols + (size_t)c];
			if (!*v)
				continue;
			int k = snprintf(whole + len, sizeof whole - len, c ? "  %s %s" : "%s%s",
					 c ? _(s->rep.labels[c]) : "", v);
			if (k < 0)
				break;
			len += (size_t)k;
		}
		app_hint(a, whole);
	}
}

static void report_chosen(void *ctx, const char *text)
{
	struct rstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Moves the period by step periods of its kind. */
static bool step_period(struct rstate *s, int step)
{
	if (step > 0 && s->period.to >= clock_today())
		return false; /* the current period: nothing has happened after it */
	date_t d = step > 0 ? s->period.to + 1 : s->period.from - 1;
	int y, m, dd;
	date_ymd(d, &y, &m, &dd);
	char text[32];
	switch (s->kind) {
	case ZS_PERIOD_MONTH:
		snprintf(text, sizeof text, "%04d-%02d", y, m);
		break;
	case ZS_PERIOD_QUARTER:
		snprintf(text, sizeof text, "%04d-Q%d", y, (m + 2) / 3);
		break;
	case ZS_PERIOD_HALF:
		snprintf(text, sizeof text, "%04d-H%d", y, (m + 5) / 6);
		break;
	default:
		snprintf(text, sizeof text, "%04d", y);
		break;
	}
	struct zs_period p;
	if (zs_period_parse(s->kind, text, &p) == 0)
		s->period = p;
	return true;
}

/* Moves the period by step, or says that this is the current one. */
static void move_period(struct app *a, struct rstate *s, int step)
{
	if (!step_period(s, step)) {
		app_message(a, false, "%s", _("This is the current period; there is none after it yet."));
		return;
	}
	load(a, s);
	list_reload(&s->list);
}

/* Writes the report shown - every row of a list, not only those read
 * for the screen - to a file the officer names, through the writer of
 * `zsdesk report --format xlsx|csv`: XLSX, or CSV or TSV in the desk's
 * character set, by the name's ending.  The name offered is the
 * report's and the period's, in the current directory (the home one
 * when that cannot be written). */
static void export_report(struct app *a, struct rstate *s)
{
	if (!s->have)
		return;
	const char *name = zs_report_names[s->which], *home = getenv("HOME");
	bool here = access(".", W_OK) == 0 || !home || !*home;
	char path[1024], full[1200];
	snprintf(path, sizeof path, "%s%s%s-%s.xlsx", here ? "" : home, here ? "" : "/", name,
		 s->period.name);
	if (!app_prompt(a, _("Write the report to the file (.xlsx, .csv or .tsv):"), path,
			sizeof path) ||
	    !*path)
		return;
	if (path[0] == '~' && path[1] == '/' && home)
		snprintf(full, sizeof full, "%s%s", home, path + 1);
	else
		snprintf(full, sizeof full, "%s", path);
	const char *dot = strrchr(full, '.');
	int fmt = dot && !strchr(dot, '/') ? xfmt_parse(dot + 1) : -1;
	if (fmt != XF_XLSX && fmt != XF_CSV && fmt != XF_TSV) {
		app_message(a, true, _("%s: name the file .xlsx, .csv or .tsv"), path);
		return;
	}
	struct stat st;
	if (stat(full, &st) == 0) {
		char q[1300];
		snprintf(q, sizeof q, _("%s exists. Write over it?"), full);
		if (!app_confirm(a, q))
			return;
	}
	struct zs_report all;
	const struct zs_report *r = &s->rep;
	if (s->rep.total > s->rep.nrows) { /* a list read a page for the screen */
		if (zs_report_run(s->z, name, &s->period, 0, seen_on(s), 0, &all) != ZS_OK) {
			app_fail(a, s->z);
			return;
		}
		r = &all;
	}
	char err[1024];
	enum xenc enc = charset_is_utf8() ? XE_UTF8 : XE_GB18030;
	if (xreport(r, name, (enum xfmt)fmt, enc, full, err, sizeof err))
		app_message(a, true, _("Cannot write %s: %s"), full, err);
	else
		app_message(a, false, _("%zu rows written to %s (%s)."), r->nrows, full,
			    fmt == XF_XLSX ? "XLSX" : charset_name());
	if (r == &all)
		zs_report_free(&all);
}

static int reports_handle(struct app *a, void *st, const struct key *k)
{
	struct rstate *s = st;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_SAVE:
		export_report(a, s);
		return R_ALL;
	case ACT_NEXT:
		s->table = !s->table;
		load(a, s);
		list_reset(&s->list);
		return R_ALL;
	case ACT_FILTER: {
		static const char *items[16];
		int n = 0;
		for (; zs_report_names[n] && n < 16; n++)
			items[n] = _(zs_report_title(zs_report_names[n]));
		s->chosen[0] = '\0';
		struct pick_arg pa = {KIND_PROJECT, NULL, "", report_chosen, s, items, n, NULL};
		app_push(a, &scr_pick, &pa);
		return R_ALL;
	}
	case ACT_SORT: {
		s->kind = (enum zs_period_kind)((s->kind + 1) % 4);
		struct zs_period p;
		zs_period_parse(s->kind, NULL, &p);
		/* The period of the new kind holding the end of the old one. */
		int y, m, dd;
		date_ymd(s->period.to, &y, &m, &dd);
		char text[32];
		if (s->kind == ZS_PERIOD_MONTH)
			snprintf(text, sizeof text, "%04d-%02d", y, m);
		else if (s->kind == ZS_PERIOD_QUARTER)
			snprintf(text, sizeof text, "%04d-Q%d", y, (m + 2) / 3);
		else if (s->kind == ZS_PERIOD_HALF)
			snprintf(text, sizeof text, "%04d-H%d", y, (m + 5) / 6);
		else
			snprintf(text, sizeof text, "%04d", y);
		if (zs_period_parse(s->kind, text, &p) == 0)
			s->period = p;
		load(a, s);
		list_reload(&s->list);
		return R_ALL;
	}
	case ACT_NEXT_STEP:
	case ACT_PREV_STEP:
		move_period(a, s, k->action == ACT_NEXT_STEP ? 1 : -1);
		return R_ALL;
	case ACT_ENTER: {
		/* A list of projects: Enter opens the selected one. */
		size_t sel;
		int idc = -1;
		for (int c = 0; s->have && c < s->rep.ncols; c++)
			if (!strcmp(s->rep.keys[c], "id"))
				idc = c;
		if (idc < 0 || !list_selected(&s->list, &sel) || s->rows[sel].kind != RROW_DATA)
			return R_NONE;
		const char *id = s->rep.cells[s->rows[sel].i * (size_t)s->rep.ncols + (size_t)idc];
		if (!*id)
			return R_NONE;
		char go[64];
		snprintf(go, sizeof go, "project:%s", id);
		app_goto(a, go);
		return R_ALL;
	}
	case ACT_LEFT:
	case ACT_RIGHT:
		if (!as_table(s) || !s->have)
			return R_NONE;
		if (k->action == ACT_RIGHT && s->col0 + 1 < s->rep.ncols)
			s->col0++;
		else if (k->action == ACT_LEFT && s->col0 > 1)
			s->col0--;
		return R_BODY;
	case ACT_REFRESH:
		for (int i = 0; s->chosen[0] && zs_report_names[i]; i++)
			if (!strcmp(s->chosen, _(zs_report_title(zs_report_names[i])))) {
				s->which = i;
				s->col0 = 1;
			}
		s->chosen[0] = '\0';
		load(a, s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		if (k->action == ACT_NONE && (k->ch == L'a' || k->ch == L'A')) {
			s->today = !s->today;
			load(a, s);
			list_reload(&s->list);
			return R_ALL;
		}
		if (k->action == ACT_NONE && (k->ch == L'[' || k->ch == L']')) {
			move_period(a, s, k->ch == L']' ? 1 : -1);
			return R_ALL;
		}
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

static const struct bar_label reports_labels[] = {{ACT_SAVE, N_("Export")},
						  {ACT_NEXT, N_("Charts/table")},
						  {ACT_FILTER, N_("Report")},
						  {ACT_SORT, N_("Period")},
						  {ACT_NEXT_STEP, N_("Next")},
						  {ACT_PREV_STEP, N_("Before")},
						  {ACT_NONE, NULL}};

const struct screen_def scr_reports = {
	.name = "reports",
	.title = N_("Reports"),
	.bar = reports_bar,
	.open = reports_open,
	.draw = reports_draw,
	.handle = reports_handle,
	.close = reports_close,
	.labels = reports_labels,
};

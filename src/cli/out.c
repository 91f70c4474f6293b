/*
 * out.c - listings as an aligned table, TSV, CSV or JSON.
 *
 * Rows are collected first so that table columns can be sized by display
 * width (a Chinese character takes two columns); the other formats are
 * for programs and print every value whole.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_COL_WIDTH 40

struct out {
	int ncols;
	const char *const *keys;
	const char *const *labels;
	char **cells; /* rows * ncols */
	size_t rows, cap;
};

/* Begins a listing of ncols columns. */
struct out *out_begin(int ncols, const char *const *keys, const char *const *labels)
{
	struct out *o = xcalloc(1, sizeof *o);
	o->ncols = ncols;
	o->keys = keys;
	o->labels = labels;
	return o;
}

/* Adds one row, copying its cells. */
void out_row(struct out *o, const char *const *cells)
{
	if (o->rows == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->cells = xreallocarray(o->cells, o->cap * (size_t)o->ncols, sizeof *o->cells);
	}
	for (int i = 0; i < o->ncols; i++)
		o->cells[o->rows * (size_t)o->ncols + (size_t)i] = xstrdup(cells[i] ? cells[i] : "");
	o->rows++;
}

/* Prints UTF-8 text in the user's character set. */
void out_text(const char *s)
{
	charset_fputs(s, stdout);
}

/* Appends s to a growing line buffer. */
static void add(char **line, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*line = xrealloc(*line, *cap);
	}
	memcpy(*line + *len, s, n + 1);
	*len += n;
}

/* Appends s quoted as a CSV field when needed. */
static void add_csv(char **line, size_t *len, size_t *cap, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		add(line, len, cap, s);
		return;
	}
	add(line, len, cap, "\"");
	for (const char *p = s; *p; p++) {
		char c[3] = {*p, 0, 0};
		if (*p == '"')
			c[1] = '"';
		add(line, len, cap, c);
	}
	add(line, len, cap, "\"");
}

/* Appends s as a JSON string. */
static void add_json(char **line, size_t *len, size_t *cap, const char *s)
{
	add(line, len, cap, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char c[8];
		if (*p == '"' || *p == '\\')
			snprintf(c, sizeof c, "\\%c", *p);
		else if (*p == '\n')
			snprintf(c, sizeof c, "\\n");
		else if (*p == '\t')
			snprintf(c, sizeof c, "\\t");
		else if (*p < 0x20)
			snprintf(c, sizeof c, "\\u%04x", *p);
		else
			snprintf(c, sizeof c, "%c", *p);
		add(line, len, cap, c);
	}
	add(line, len, cap, "\"");
}

/* True for a number, an id or an amount ("12,345.6万元"); not for codes
 * that happen to start with digits. */
static bool numeric_cell(const char *s)
{
	static const char *const units[] = {"万元", "万美元", "亿元", "亿美元", "元", "美元", "%"};
	const char *p = s + (*s == '-');
	size_t digits = strspn(p, "0123456789,.-");
	if (digits == 0 || !(*p >= '0' && *p <= '9'))
		return false;
	if (!p[digits])
		return digits <= 12;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strcmp(p + digits, units[i]))
			return true;
	return false;
}

/* True when every non-empty cell of column c is numeric. */
static bool numeric_column(const struct out *o, int c)
{
	bool any = false;
	for (size_t r = 0; r < o->rows; r++) {
		const char *s = o->cells[r * (size_t)o->ncols + (size_t)c];
		if (!*s)
			continue;
		if (!numeric_cell(s))
			return false;
		any = true;
	}
	return any;
}

/* Prints the table format. */
static void print_table(struct out *o)
{
	int *w = xcalloc((size_t)o->ncols, sizeof *w);
	bool *right = xcalloc((size_t)o->ncols, sizeof *right);
	char *line = NULL, cell[512];
	size_t len = 0, cap = 0;
	for (int c = 0; c < o->ncols; c++) {
		w[c] = text_width(_(o->labels[c]));
		for (size_t r = 0; r < o->rows; r++) {
			int cw = text_width(o->cells[r * (size_t)o->ncols + (size_t)c]);
			if (cw > w[c])
				w[c] = cw;
		}
		if (w[c] > MAX_COL_WIDTH)
			w[c] = MAX_COL_WIDTH;
		right[c] = numeric_column(o, c);
	}
	for (size_t r = 0; r <= o->rows; r++) {
		len = 0;
		add(&line, &len, &cap, "");
		for (int c = 0; c < o->ncols; c++) {
			const char *s = r == 0 ? _(o->labels[c]) : o->cells[(r - 1) * (size_t)o->ncols + (size_t)c];
			bool last = c == o->ncols - 1;
			if (last && !right[c]) {
				/* No padding after the last column; still cut it. */
				int used;
				size_t n = text_fit(s, MAX_COL_WIDTH, &used);
				snprintf(cell, sizeof cell, "%.*s", (int)n, s);
			} else {
				text_pad(cell, sizeof cell, s, w[c], right[c]);
			}
			add(&line, &len, &cap, cell);
			if (!last)
				add(&line, &len, &cap, "  ");
		}
		add(&line, &len, &cap, "\n");
		out_text(line);
	}
	free(line);
	free(w);
	free(right);
}

/* Frees a listing without printing it. */
void out_free(struct out *o)
{
	for (size_t i = 0; i < o->rows * (size_t)o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
	free(o);
}

/* Prints a listing in the chosen format and frees it. */
int out_end(struct out *o)
{
	const char *fmt = cli.format ? cli.format : "table";
	char *line = NULL;
	size_t len = 0, cap = 0;
	if (!strcmp(fmt, "table")) {
		print_table(o);
	} else if (!strcmp(fmt, "json")) {
		out_text("[");
		for (size_t r = 0; r < o->rows; r++) {
			len = 0;
			add(&line, &len, &cap, r ? ",\n {" : "\n {");
			for (int c = 0; c < o->ncols; c++) {
				if (c)
					add(&line, &len, &cap, ", ");
				add_json(&line, &len, &cap, o->keys[c]);
				add(&line, &len, &cap, ": ");
				add_json(&line, &len, &cap, o->cells[r * (size_t)o->ncols + (size_t)c]);
			}
			add(&line, &len, &cap, "}");
			out_text(line);
		}
		out_text(o->rows ? "\n]\n" : "]\n");
	} else {
		bool csv = !strcmp(fmt, "csv");
		for (size_t r = 0; r <= o->rows; r++) {
			len = 0;
			add(&line, &len, &cap, "");
			for (int c = 0; c < o->ncols; c++) {
				const char *s = r == 0 ? o->keys[c] : o->cells[(r - 1) * (size_t)o->ncols + (size_t)c];
				if (c)
					add(&line, &len, &cap, csv ? "," : "\t");
				if (csv) {
					add_csv(&line, &len, &cap, s);
				} else {
					char *clean = xstrdup(s);
					for (char *p = clean; *p; p++)
						if (*p == '\t' || *p == '\n' || *p == '\r')
							*p = ' ';
					add(&line, &len, &cap, clean);
					free(clean);
				}
			}
			add(&line, &len, &cap, csv ? "\r\n" : "\n");
			out_text(line);
		}
	}
	free(line);
	out_free(o);
	fflush(stdout);
	return ferror(stdout) ? cli_error(EXIT_FAIL, "%s", _("cannot write the output")) : EXIT_OK;
}

/* Prints one record as label and value lines, or for programs. */
int out_record(struct zs *z, enum kind k, const struct rec *r, uint64_t id)
{
	static const char *const keys[] = {"field", "label", "value"};
	static const char *const labels[] = {N_("Field"), N_("Label"), N_("Value")};
	const struct kind_def *kd = schema_kind(k);
	char val[2048], idb[32];
	const char *fmt = cli.format ? cli.format : "table";
	struct out *o = out_begin(3, keys, labels);
	const char *row[3] = {"id", "ID", zs_id_text(id, idb, sizeof idb)};
	out_row(o, row);
	for (int i = 0; i < kd->nfields; i++) {
		if (!rec_find(r, kd->fields[i].name))
			continue;
		row[0] = kd->fields[i].name;
		row[1] = _(kd->fields[i].label);
		row[2] = zs_field_text(z, k, r, kd->fields[i].name, val, sizeof val);
		out_row(o, row);
	}
	for (size_t i = 0; i < r->n; i++) {
		if (schema_field(k, r->f[i].name))
			continue;
		row[0] = row[1] = r->f[i].name;
		row[2] = zs_field_text(z, k, r, r->f[i].name, val, sizeof val);
		out_row(o, row);
	}
	if (strcmp(fmt, "table") != 0)
		return out_end(o);
	/* Table: "label  value" with labels aligned by display width. */
	int w = 0;
	for (size_t i = 0; i < o->rows; i++) {
		int lw = text_width(o->cells[i * 3 + 1]);
		if (lw > w)
			w = lw;
	}
	for (size_t i = 0; i < o->rows; i++) {
		char label[256];
		text_pad(label, sizeof label, o->cells[i * 3 + 1], w, false);
		charset_printf(stdout, "%s  %s\n", label, o->cells[i * 3 + 2]);
	}
	out_free(o);
	return EXIT_OK;
}

/* Lists records by id with the columns their kind lists. */
int out_records(struct zs *z, enum kind k, const uint64_t *ids, size_t n)
{
	const struct kind_def *kd = schema_kind(k);
	const char *keys[32], *labels[32];
	const char *names[32];
	int nc = 0;
	keys[nc] = "id";
	labels[nc] = "ID";
	names[nc++] = NULL;
	for (int i = 0; i < kd->nfields && nc < 32; i++)
		if (kd->fields[i].flags & FIELD_LISTED) {
			keys[nc] = kd->fields[i].name;
			labels[nc] = kd->fields[i].label;
			names[nc++] = kd->fields[i].name;
		}
	struct out *o = out_begin(nc, keys, labels);
	char vals[32][512];
	const char *row[32];
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		if (zs_get(z, k, ids[i], &r) != ZS_OK)
			continue;
		zs_id_text(ids[i], vals[0], sizeof vals[0]);
		row[0] = vals[0];
		for (int c = 1; c < nc; c++)
			row[c] = zs_field_text(z, k, &r, names[c], vals[c], sizeof vals[c]);
		out_row(o, row);
	}
	rec_free(&r);
	return out_end(o);
}

/*
 * out.c - listings as an aligned table, TSV, CSV or JSON.
 *
 * Rows are collected first so that table columns can be sized by display
 * width (a Chinese character takes two columns); the other formats are
 * for programs and print every value whole.
 *
 * Values come from the database, and a database written by an older
 * zsdesk (or by hand) may hold control characters: an Esc, a BEL or a C1
 * control would clear the reader's screen, retitle the window or write to
 * the clipboard.  So no value reaches the terminal raw: each format shows
 * them in its own escapes (esc_add), and out_text, the one way out to
 * stdout, escapes whatever is left but line breaks and tabs.  CSV cells
 * that a spreadsheet would run as a formula get a leading quote.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "cli.h"
#include "exchange.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_COL_WIDTH 40

/* How esc_add shows a character that must not reach a terminal raw. */
enum esc {
	ESC_SHOW, /* for people: \e, \t, \n, \xHH, \u0085 as text */
	ESC_TEXT, /* ESC_SHOW, but line breaks and tabs pass: whole lines */
	ESC_CSV,  /* ESC_SHOW, but a line break passes: it is quoted */
	ESC_TSV,  /* reversible: \\, \t, \n, \r and \xHH for each byte */
	ESC_JSON, /* JSON string contents: \" \\ \n \t and \u00XX */
};

struct out {
	int ncols;
	const char *const *keys;
	const char *const *labels;
	char **cells; /* rows * ncols */
	size_t rows, cap;
	const char *sheet;   /* the XLSX sheet's name (NULL: "zsdesk") */
	char *const *notes; /* lines for a second sheet (XLSX) */
	size_t nnotes;
};

void out_sheet(struct out *o, const char *name, char *const *notes, size_t nnotes)
{
	o->sheet = name;
	o->notes = notes;
	o->nnotes = nnotes;
}

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

/* Appends n bytes of s to a growing line buffer. */
static void add_n(char **line, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*line = xrealloc(*line, *cap);
	}
	memcpy(*line + *len, s, n);
	*len += n;
	(*line)[*len] = '\0';
}

/* Appends s to a growing line buffer. */
static void add(char **line, size_t *len, size_t *cap, const char *s)
{
	add_n(line, len, cap, s, strlen(s));
}

/* True for a character a terminal acts on instead of showing: C0 and C1
 * controls, DEL, and the bidirectional overrides and isolates. */
static bool esc_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Appends s with every unsafe character (and, for programs, every
 * character the format reserves) escaped as style says; returns true
 * when something was escaped. */
static bool esc_add(char **line, size_t *len, size_t *cap, const char *s, enum esc style)
{
	size_t n = strlen(s);
	bool changed = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool invalid = cp == 0xFFFD && k == 1; /* a stray byte, not U+FFFD */
		char e[32] = "";
		if (style == ESC_JSON) {
			if (cp == '"' || cp == '\\')
				snprintf(e, sizeof e, "\\%c", (char)cp);
			else if (cp == '\n')
				snprintf(e, sizeof e, "\\n");
			else if (cp == '\t')
				snprintf(e, sizeof e, "\\t");
			else if (cp == '\r')
				snprintf(e, sizeof e, "\\r");
			else if (invalid)
				snprintf(e, sizeof e, "\\ufffd"); /* JSON is text: no raw bytes */
			else if (esc_unsafe(cp))
				snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
		} else if (style == ESC_TSV) {
			if (cp == '\\')
				snprintf(e, sizeof e, "\\\\");
			else if (cp == '\t')
				snprintf(e, sizeof e, "\\t");
			else if (cp == '\n')
				snprintf(e, sizeof e, "\\n");
			else if (cp == '\r')
				snprintf(e, sizeof e, "\\r");
			else if (invalid || esc_unsafe(cp))
				for (size_t b = 0; b < k; b++)
					snprintf(e + 4 * b, sizeof e - 4 * b, "\\x%02x",
						 (unsigned char)s[i + b]);
		} else {
			bool crlf = cp == '\r' && i + 1 < n && s[i + 1] == '\n';
			bool pass = (style == ESC_TEXT && (cp == '\n' || cp == '\t' || crlf)) ||
				    (style == ESC_CSV && (cp == '\n' || crlf));
			if (pass)
				e[0] = '\0';
			else if (cp == 0x1B)
				snprintf(e, sizeof e, "\\e");
			else if (cp == '\n')
				snprintf(e, sizeof e, "\\n");
			else if (cp == '\t')
				snprintf(e, sizeof e, "\\t");
			else if (cp == '\r')
				snprintf(e, sizeof e, "\\r");
			else if (invalid || (cp < 0x80 && esc_unsafe(cp)))
				snprintf(e, sizeof e, "\\x%02x", (unsigned char)s[i]);
			else if (esc_unsafe(cp))
				snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
		}
		if (*e) {
			add(line, len, cap, e);
			changed = true;
		} else {
			add_n(line, len, cap, s + i, k);
		}
		i += k;
	}
	return changed;
}

/* Newly allocated copy of s with control characters shown as escapes,
 * for one line on the terminal. */
char *out_visible(const char *s)
{
	char *line = NULL;
	size_t len = 0, cap = 0;
	add(&line, &len, &cap, "");
	esc_add(&line, &len, &cap, s, ESC_SHOW);
	return line;
}

/* Prints UTF-8 text in the user's character set, control characters
 * escaped but for line breaks and tabs. */
void out_text(const char *s)
{
	char *line = NULL;
	size_t len = 0, cap = 0;
	add(&line, &len, &cap, "");
	esc_add(&line, &len, &cap, s, ESC_TEXT);
	charset_fputs(line, stdout);
	free(line);
}

/* True for a plain number ("-5", "12,345.60"): a spreadsheet reads it as
 * a number, never as a formula. */
static bool csv_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789,");
	if (digits == 0 || !(*p >= '0' && *p <= '9'))
		return false;
	p += digits;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		p += 1 + strspn(p + 1, "0123456789");
	return *p == '\0';
}

/* Appends s as a CSV field: control characters escaped (a line break
 * stays, inside quotes), a leading quote before what a spreadsheet would
 * run as a formula (= + - @ Tab CR, OWASP), quoted when needed. */
static void add_csv(char **line, size_t *len, size_t *cap, const char *s)
{
	char *cell = NULL;
	size_t clen = 0, ccap = 0;
	add(&cell, &clen, &ccap, *s && strchr("=+-@\t\r", *s) && !csv_number(s) ? "'" : "");
	bool escaped = esc_add(&cell, &clen, &ccap, s, ESC_CSV);
	if (!escaped && !strpbrk(cell, ",\"\r\n")) {
		add(line, len, cap, cell);
		free(cell);
		return;
	}
	add(line, len, cap, "\"");
	for (const char *p = cell; *p; p++)
		add_n(line, len, cap, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	add(line, len, cap, "\"");
	free(cell);
}

/* Appends s as a JSON string. */
static void add_json(char **line, size_t *len, size_t *cap, const char *s)
{
	add(line, len, cap, "\"");
	esc_add(line, len, cap, s, ESC_JSON);
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

/* Replaces every cell of o by its copy for people (ESC_SHOW), so that
 * widths are measured on what is printed. */
static void out_show_cells(struct out *o)
{
	for (size_t i = 0; i < o->rows * (size_t)o->ncols; i++) {
		char *v = out_visible(o->cells[i]);
		free(o->cells[i]);
		o->cells[i] = v;
	}
}

/* Frees a listing without printing it. */
void out_free(struct out *o)
{
	for (size_t i = 0; i < o->rows * (size_t)o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
	free(o);
}

/* True when every non-empty cell of column c is a plain number. */
static bool plain_column(const struct out *o, int c)
{
	bool any = false;
	for (size_t r = 0; r < o->rows; r++) {
		const char *s = o->cells[r * (size_t)o->ncols + (size_t)c];
		const char *p = s + (*s == '-');
		if (!*s)
			continue;
		if (!*p || strspn(p, "0123456789.") != strlen(p) || strlen(p) > 12 || *p == '.')
			return false;
		any = true;
	}
	return any;
}

/* Writes a listing through the exchange writer: XLSX, or a text format
 * in another encoding than UTF-8 (--encoding); frees it. */
static int out_exchange(struct out *o, const char *fmt)
{
	int enc = cli.encoding ? xenc_parse(cli.encoding) : XE_UTF8;
	if (enc < 0) {
		out_free(o);
		return cli_error(EXIT_USAGE, _("--encoding takes utf-8, utf-8-bom or gb18030, not %s"),
				 cli.encoding);
	}
	if (!strcmp(fmt, "xlsx") && isatty(STDOUT_FILENO)) {
		out_free(o);
		return cli_error(EXIT_USAGE, "%s",
				 _("an XLSX file is not for the terminal: send it to a file (> FILE.xlsx)"));
	}
	char err[1024];
	struct xw *w = xw_open((enum xfmt)xfmt_parse(fmt), (enum xenc)enc, NULL, err, sizeof err);
	if (!w) {
		out_free(o);
		return cli_error(EXIT_FAIL, "%s", err);
	}
	struct xcol *cols = xcalloc((size_t)o->ncols, sizeof *cols);
	for (int c = 0; c < o->ncols; c++) {
		cols[c].key = o->keys[c];
		snprintf(cols[c].label, sizeof cols[c].label, "%s", _(o->labels[c]));
		cols[c].type = plain_column(o, c) ? XT_NUMBER : XT_TEXT;
	}
	/* The listings' header is the keys, as in their CSV and TSV. */
	int bad = xw_table(w, o->sheet ? o->sheet : "zsdesk", o->ncols, cols, strcmp(fmt, "xlsx") != 0);
	for (size_t r = 0; r < o->rows && !bad; r++)
		bad = xw_row(w, (const char *const *)&o->cells[r * (size_t)o->ncols]);
	free(cols);
	if (!bad && o->nnotes && !strcmp(fmt, "xlsx")) {
		struct xcol note = {.key = "note", .type = XT_TEXT};
		snprintf(note.label, sizeof note.label, "%s", _("Notes"));
		bad = xw_table(w, "notes", 1, &note, false);
		for (size_t i = 0; i < o->nnotes && !bad; i++)
			bad = xw_row(w, (const char *const *)&o->notes[i]);
	}
	out_free(o);
	if (bad) {
		xw_abort(w);
		return cli_error(EXIT_FAIL, "%s", _("cannot write the output"));
	}
	if (xw_close(w, err, sizeof err) < 0)
		return cli_error(EXIT_FAIL, "%s", err);
	return EXIT_OK;
}

/* Prints a listing in the chosen format and frees it. */
int out_end(struct out *o)
{
	const char *fmt = cli.format ? cli.format : "table";
	char *line = NULL;
	size_t len = 0, cap = 0;
	if (!strcmp(fmt, "xlsx") || (strcmp(fmt, "table") && cli.encoding))
		return out_exchange(o, fmt);
	if (!strcmp(fmt, "table")) {
		out_show_cells(o);
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
				if (csv)
					add_csv(&line, &len, &cap, s);
				else
					esc_add(&line, &len, &cap, s, ESC_TSV);
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
		/* A ledger (dated entries joined by "、") goes to programs as stored,
		 * "date|stage|district|recorded", for them to recompute. */
		if (kd->fields[i].type == FT_LIST && strcmp(fmt, "table") && zs_is_ledger(row[0]))
			row[2] = rec_value_str(&rec_find(r, row[0])->v, val, sizeof val);
		else
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
	out_show_cells(o);
	int w = 0;
	for (size_t i = 0; i < o->rows; i++) {
		int lw = text_width(o->cells[i * 3 + 1]);
		if (lw > w)
			w = lw;
	}
	for (size_t i = 0; i < o->rows; i++) {
		char label[256];
		text_pad(label, sizeof label, o->cells[i * 3 + 1], w, false);
		char *line = xasprintf("%s  %s\n", label, o->cells[i * 3 + 2]);
		out_text(line);
		free(line);
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

/*
 * write.c - one table writer for XLSX, CSV, TSV and JSON.
 *
 * Text formats are built in a buffer of whole rows and converted to the
 * file's encoding a chunk at a time (one iconv per chunk, never per
 * cell), so a million rows stream at the speed of the disk.  XLSX goes
 * through libxlsxwriter in its constant-memory mode: rows are written as
 * they come; the first rows are held back only to size the columns by
 * display width (a Chinese character is two), because widths must be set
 * before the rows.  XLSX cells are typed; what a spreadsheet would run as
 * a formula is written as a string there, and gets a leading quote in the
 * text formats (OWASP: = + - @ Tab CR).  Control characters never reach
 * a file raw: they are written as visible escapes (\e, \x07).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "charset.h"
#include "exchange.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#define CHUNK (256u << 10) /* text flushed in chunks of this size */
#define SAMPLE 200         /* rows held back to size XLSX columns */
#define MAX_WIDTH 60       /* widest XLSX column, in character cells */

struct xw {
	enum xfmt fmt;
	enum xenc enc;
	FILE *f;
	char *path;    /* the file written, or NULL for standard output */
	char *tmp;     /* XLSX to standard output: the file copied out */
	bool failed;
	char *buf;     /* text formats: rows not yet written */
	size_t len, cap;
	int ncols;
	struct xcol *cols;
	bool keys;
	uint64_t rows; /* rows of the current table */
	bool any_table;
	/* XLSX */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date;
	char **held;   /* SAMPLE rows * ncols cells, until widths are set */
	size_t nheld;
	bool sized;
};

int xfmt_parse(const char *s)
{
	static const char *const names[] = {"csv", "tsv", "json", "xlsx"};
	for (int i = 0; s && i < 4; i++)
		if (!strcasecmp(s, names[i]))
			return i;
	return -1;
}

int xenc_parse(const char *s)
{
	if (!s)
		return -1;
	char b[32];
	size_t n = 0;
	for (const char *p = s; *p && n + 1 < sizeof b; p++)
		if (*p != '-' && *p != '_')
			b[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	b[n] = '\0';
	if (!strcmp(b, "utf8"))
		return XE_UTF8;
	if (!strcmp(b, "utf8bom") || !strcmp(b, "utf8sig"))
		return XE_UTF8_BOM;
	if (!strcmp(b, "gb18030"))
		return XE_GB18030;
	return -1;
}

/* Appends n bytes to the text buffer. */
static void put_n(struct xw *w, const char *s, size_t n)
{
	if (w->len + n + 1 > w->cap) {
		w->cap = (w->len + n + 1) * 2;
		w->buf = xrealloc(w->buf, w->cap);
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void put(struct xw *w, const char *s)
{
	put_n(w, s, strlen(s));
}

/* Writes the text buffer out in the file's encoding. */
static int flush_text(struct xw *w)
{
	if (!w->len)
		return 0;
	if (w->enc == XE_GB18030) {
		size_t outlen;
		char *out = charset_convert("UTF-8", "GB18030", w->buf, w->len, &outlen);
		if (!out) {
			w->failed = true;
			return -1;
		}
		if (fwrite(out, 1, outlen, w->f) != outlen)
			w->failed = true;
		free(out);
	} else if (fwrite(w->buf, 1, w->len, w->f) != w->len) {
		w->failed = true;
	}
	w->len = 0;
	return w->failed ? -1 : 0;
}

/* True for a character that must not reach a terminal or a sheet raw. */
static bool unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* ASCII a format must escape besides the controls (needs_clean_or). */
enum { ALSO_COMMA = 1, ALSO_QUOTE = 2, ALSO_BACKSLASH = 4 };

/* True when s holds a byte that may start an unsafe character (C0, DEL,
 * the lead bytes of C1 and of the overrides, or a byte that is not
 * UTF-8), or one of the ASCII characters also names: the fast way past
 * clean text. */

static bool needs_clean_or(const char *s, unsigned also, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char b = *p;
		if (b < 0x80) {
			if (b < 0x20 || b == 0x7F || (b == ',' && (also & ALSO_COMMA)) ||
			    (b == '"' && (also & ALSO_QUOTE)) || (b == '\\' && (also & ALSO_BACKSLASH)))
				return true;
			p++;
			continue;
		}
		size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
		if (!k || b >= 0xF5)
			return true; /* a stray byte */
		for (size_t i = 1; i < k; i++)
			if ((p[i] & 0xC0) != 0x80)
				return true;
		if (b == 0xC2 && p[1] < 0xA0)
			return true; /* C1 */
		if (b == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
				  (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
			return true; /* the overrides and isolates */
		p += k;
	}
	if (len)
		*len = (size_t)(p - (const unsigned char *)s);
	return false;
}

/* True when s holds a byte that may start an unsafe character. */
static bool needs_clean(const char *s)
{
	return needs_clean_or(s, 0, NULL);
}

/* Newly allocated copy of s with control characters as visible escapes;
 * line breaks (and tabs when tabs is true) pass. */
static char *clean(const char *s, bool tabs)
{
	size_t n = strlen(s), cap = n + 1, used = 0;
	if (!needs_clean(s))
		return xmemdup(s, n + 1);
	char *out = xmalloc(cap);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool invalid = cp == 0xFFFD && k == 1;
		char e[16] = "";
		if (cp == '\n' || (cp == '\r' && i + 1 < n && s[i + 1] == '\n') || (tabs && cp == '\t'))
			;
		else if (cp == 0x1B)
			snprintf(e, sizeof e, "\\e");
		else if (invalid || (cp < 0x80 && unsafe(cp)))
			snprintf(e, sizeof e, "\\x%02x", (unsigned char)s[i]);
		else if (unsafe(cp))
			snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
		size_t add = *e ? strlen(e) : k;
		if (used + add + 1 > cap) {
			cap = (used + add + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + used, *e ? e : s + i, add);
		used += add;
		i += k;
	}
	out[used] = '\0';
	return out;
}

/* True for a plain number: "-5", "12345.6" (never a formula). */
static bool plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t d = strspn(p, "0123456789");
	if (!d)
		return false;
	p += d;
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	return *p == '\0' && p[-1] != '.';
}

/* True for a text a spreadsheet would run as a formula. */
static bool formula_like(const char *s)
{
	switch (*s) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return !plain_number(s);
	default:
		return false;
	}
}

/* Appends one CSV field. */
static void put_csv(struct xw *w, const char *s)
{
	size_t n;
	if (!formula_like(s) && !needs_clean_or(s, ALSO_COMMA | ALSO_QUOTE, &n)) {
		put_n(w, s, n); /* the common cell: nothing to quote or escape */
		return;
	}
	char *c = clean(s, true);
	bool quote = strpbrk(c, ",\"\r\n") != NULL || formula_like(c);
	if (!quote && !formula_like(c)) {
		put(w, c);
		free(c);
		return;
	}
	put(w, "\"");
	if (formula_like(c))
		put(w, "'");
	for (const char *p = c; *p; p++)
		put_n(w, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	put(w, "\"");
	free(c);
}

/* Appends one TSV field: tabs and line breaks as \t \n \r, a backslash
 * doubled (the listings' reversible TSV). */
static void put_tsv(struct xw *w, const char *s)
{
	size_t n;
	if (!formula_like(s) && !needs_clean_or(s, ALSO_BACKSLASH, &n)) {
		put_n(w, s, n); /* the common cell: nothing to escape */
		return;
	}
	char *c = clean(s, true);
	if (formula_like(c))
		put(w, "'");
	for (const char *p = c; *p; p++) {
		const char *e = *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" :
				 *p == '\\' ? "\\\\" : NULL;
		if (e)
			put(w, e);
		else
			put_n(w, p, 1);
	}
	free(c);
}

/* Appends s as a JSON string. */
static void put_json_string(struct xw *w, const char *s)
{
	put(w, "\"");
	size_t n;
	if (!needs_clean_or(s, ALSO_QUOTE | ALSO_BACKSLASH, &n)) {
		put_n(w, s, n);
		put(w, "\"");
		return;
	}
	n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		char e[16] = "";
		if (cp == '"' || cp == '\\')
			snprintf(e, sizeof e, "\\%c", (char)cp);
		else if (cp == '\n')
			snprintf(e, sizeof e, "\\n");
		else if (cp == '\t')
			snprintf(e, sizeof e, "\\t");
		else if (cp == '\r')
			snprintf(e, sizeof e, "\\r");
		else if (cp == 0xFFFD && k == 1)
			snprintf(e, sizeof e, "\\ufffd");
		else if (unsafe(cp))
			snprintf(e, sizeof e, "\\u%04x", (unsigned)cp);
		if (*e)
			put(w, e);
		else
			put_n(w, s + i, k);
		i += k;
	}
	put(w, "\"");
}

struct xw *xw_open(enum xfmt fmt, enum xenc enc, const char *path, char *err, size_t n)
{
	struct xw *w = xcalloc(1, sizeof *w);
	w->fmt = fmt;
	w->enc = fmt == XF_XLSX ? XE_UTF8 : enc;
	if (path)
		w->path = xstrdup(path);
	if (fmt == XF_XLSX) {
		const char *target = path;
		if (path) {
			/* Say now, not after a million rows, that the file cannot
			 * be made (libxlsxwriter creates it only at the end). */
			FILE *probe = fopen(path, "wb");
			if (!probe) {
				snprintf(err, n, _("cannot write %s: %s"), path, strerror(errno));
				free(w->path);
				free(w);
				return NULL;
			}
			fclose(probe);
		}
		if (!path) {
			/* libxlsxwriter writes a file: make one of our own, then copy. */
			const char *dir = getenv("TMPDIR");
			w->tmp = xasprintf("%s/zsdesk-export-XXXXXX", dir && *dir ? dir : "/tmp");
			int fd = mkstemp(w->tmp);
			if (fd < 0) {
				snprintf(err, n, _("cannot make a temporary file in %s: %s"),
					 dir && *dir ? dir : "/tmp", strerror(errno));
				free(w->tmp);
				free(w);
				return NULL;
			}
			close(fd);
			target = w->tmp;
		}
		/* The sheet's XML goes to a temporary file first (a gigabyte
		 * for a million projects): where TMPDIR says, as for every
		 * other program, which libxlsxwriter's tmpfile() ignores. */
		const char *tmpdir = getenv("TMPDIR");
		lxw_workbook_options o = {.constant_memory = LXW_TRUE,
					  .tmpdir = tmpdir && *tmpdir ? (char *)tmpdir : NULL,
					  .use_zip64 = LXW_TRUE};
		w->wb = workbook_new_opt(target, &o);
		if (!w->wb) {
			snprintf(err, n, _("cannot write %s"), path ? path : w->tmp);
			if (w->tmp)
				unlink(w->tmp);
			free(w->tmp);
			free(w->path);
			free(w);
			return NULL;
		}
		w->bold = workbook_add_format(w->wb);
		format_set_bold(w->bold);
		format_set_text_wrap(w->bold);
		format_set_align(w->bold, LXW_ALIGN_VERTICAL_TOP);
		w->date = workbook_add_format(w->wb);
		format_set_num_format(w->date, "yyyy-mm-dd");
		return w;
	}
	w->f = path ? fopen(path, "wb") : stdout;
	if (!w->f) {
		snprintf(err, n, _("cannot write %s: %s"), path, strerror(errno));
		free(w->path);
		free(w);
		return NULL;
	}
	if (w->enc == XE_UTF8_BOM)
		put(w, "\xEF\xBB\xBF");
	return w;
}

/* Sets the XLSX column widths from the header and the rows held back,
 * then writes those rows. */
static void xlsx_size(struct xw *w);

/* Writes one XLSX row of cells at row r. */
static void xlsx_row(struct xw *w, lxw_row_t r, const char *const *cells)
{
	for (int c = 0; c < w->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		if (!*s)
			continue;
		enum xtype t = w->cols[c].type;
		if (t == XT_NUMBER && plain_number(s)) {
			worksheet_write_number(w->ws, r, (lxw_col_t)c, strtod(s, NULL), NULL);
			continue;
		}
		if (t == XT_DATE && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
		    strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
		    strspn(s + 8, "0123456789") == 2) {
			lxw_datetime dt = {atoi(s), atoi(s + 5), atoi(s + 8), 0, 0, 0};
			worksheet_write_datetime(w->ws, r, (lxw_col_t)c, &dt, w->date);
			continue;
		}
		if (!needs_clean(s)) {
			worksheet_write_string(w->ws, r, (lxw_col_t)c, s, NULL);
			continue;
		}
		char *v = clean(s, true);
		worksheet_write_string(w->ws, r, (lxw_col_t)c, v, NULL);
		free(v);
	}
}

static void xlsx_size(struct xw *w)
{
	if (w->sized)
		return;
	w->sized = true;
	for (int c = 0; c < w->ncols; c++) {
		int wd = text_width(w->keys ? w->cols[c].key : w->cols[c].label);
		if (wd > 24)
			wd = 24; /* long headers wrap */
		for (size_t r = 0; r < w->nheld; r++) {
			const char *s = w->held[r * (size_t)w->ncols + (size_t)c];
			const char *nl = strchr(s, '\n');
			int cw = nl ? MAX_WIDTH : text_width(s);
			if (w->cols[c].type == XT_DATE && *s)
				cw = 10;
			if (cw > wd)
				wd = cw;
		}
		if (wd > MAX_WIDTH)
			wd = MAX_WIDTH;
		worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, wd + 2.0, NULL);
	}
	for (size_t r = 0; r < w->nheld; r++) {
		xlsx_row(w, (lxw_row_t)(r + 1), (const char *const *)&w->held[r * (size_t)w->ncols]);
		for (int c = 0; c < w->ncols; c++)
			free(w->held[r * (size_t)w->ncols + (size_t)c]);
	}
	free(w->held);
	w->held = NULL;
	w->nheld = 0;
}

/* Ends the current table: XLSX filters over what was written, JSON's
 * closing bracket. */
static void end_table(struct xw *w)
{
	if (!w->any_table)
		return;
	if (w->fmt == XF_XLSX) {
		xlsx_size(w);
		worksheet_autofilter(w->ws, 0, 0, (lxw_row_t)w->rows, (lxw_col_t)(w->ncols - 1));
	} else if (w->fmt == XF_JSON) {
		put(w, w->rows ? "\n]\n" : "]\n");
	}
	free(w->cols);
	w->cols = NULL;
}

int xw_table(struct xw *w, const char *name, int ncols, const struct xcol *cols, bool keys)
{
	end_table(w);
	w->any_table = true;
	w->ncols = ncols;
	w->cols = (struct xcol *)(void *)xmemdup(cols, (size_t)ncols * sizeof *cols);
	w->keys = keys || w->fmt == XF_JSON;
	w->rows = 0;
	w->sized = false;
	if (w->fmt == XF_XLSX) {
		/* Sheet names: at most 31 characters, none of []:*?/\ . */
		char sheet[128];
		size_t used = 0;
		sheet[0] = '\0';
		for (const char *p = name; *p && used + 4 < sizeof sheet;) {
			uint32_t cp;
			size_t k = utf8_decode(p, strlen(p), &cp);
			if (cp < 0x80 && cp && strchr("[]:*?/\\", (int)cp))
				sheet[used++] = '_';
			else {
				memcpy(sheet + used, p, k);
				used += k;
			}
			p += k;
			sheet[used] = '\0';
			if (utf8_count(sheet, used) >= 31)
				break;
		}
		w->ws = workbook_add_worksheet(w->wb, sheet);
		if (!w->ws)
			w->ws = workbook_add_worksheet(w->wb, NULL);
		if (!w->ws)
			return -1;
		worksheet_freeze_panes(w->ws, 1, 0);
		worksheet_set_row(w->ws, 0, LXW_DEF_ROW_HEIGHT * 2, NULL);
		for (int c = 0; c < ncols; c++)
			worksheet_write_string(w->ws, 0, (lxw_col_t)c,
					       w->keys ? cols[c].key : cols[c].label, w->bold);
		w->held = xcalloc(SAMPLE * (size_t)ncols, sizeof *w->held);
		return 0;
	}
	if (w->fmt == XF_JSON) {
		put(w, "[");
		return 0;
	}
	for (int c = 0; c < ncols; c++) {
		if (c)
			put(w, w->fmt == XF_CSV ? "," : "\t");
		const char *h = w->keys ? cols[c].key : cols[c].label;
		if (w->fmt == XF_CSV)
			put_csv(w, h);
		else
			put_tsv(w, h);
	}
	put(w, w->fmt == XF_CSV ? "\r\n" : "\n");
	return w->len >= CHUNK ? flush_text(w) : 0;
}

int xw_row(struct xw *w, const char *const *cells)
{
	if (w->failed)
		return -1;
	w->rows++;
	if (w->fmt == XF_XLSX) {
		if (!w->sized && w->nheld < SAMPLE) {
			for (int c = 0; c < w->ncols; c++)
				w->held[w->nheld * (size_t)w->ncols + (size_t)c] =
					xstrdup(cells[c] ? cells[c] : "");
			w->nheld++;
			return 0;
		}
		xlsx_size(w);
		xlsx_row(w, (lxw_row_t)w->rows, cells);
		return 0;
	}
	if (w->fmt == XF_JSON) {
		put(w, w->rows > 1 ? ",\n {" : "\n {");
		for (int c = 0; c < w->ncols; c++) {
			const char *s = cells[c] ? cells[c] : "";
			if (c)
				put(w, ", ");
			put_json_string(w, w->cols[c].key);
			put(w, ": ");
			if (!*s)
				put(w, "null");
			else if (w->cols[c].type == XT_NUMBER && plain_number(s))
				put(w, s);
			else
				put_json_string(w, s);
		}
		put(w, "}");
	} else {
		for (int c = 0; c < w->ncols; c++) {
			const char *s = cells[c] ? cells[c] : "";
			if (c)
				put(w, w->fmt == XF_CSV ? "," : "\t");
			if (w->fmt == XF_CSV)
				put_csv(w, s);
			else
				put_tsv(w, s);
		}
		put(w, w->fmt == XF_CSV ? "\r\n" : "\n");
	}
	return w->len >= CHUNK ? flush_text(w) : 0;
}

/* Frees what the writer holds (not the file). */
static void xw_free(struct xw *w)
{
	if (w->held) {
		for (size_t i = 0; i < w->nheld * (size_t)w->ncols; i++)
			free(w->held[i]);
		free(w->held);
	}
	free(w->cols);
	free(w->buf);
	free(w->path);
	free(w->tmp);
	free(w);
}

/* Copies the file at path to standard output. */
static int copy_out(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return -1;
	char b[1 << 16];
	size_t k;
	int rc = 0;
	while ((k = fread(b, 1, sizeof b, in)) > 0)
		if (fwrite(b, 1, k, stdout) != k)
			rc = -1;
	fclose(in);
	return fflush(stdout) || rc ? -1 : 0;
}

int xw_close(struct xw *w, char *err, size_t n)
{
	int rc = 0;
	if (!w->any_table) {
		static const struct xcol none = {"", "", XT_TEXT};
		xw_table(w, "-", 0, &none, true);
	}
	end_table(w);
	if (w->fmt == XF_XLSX) {
		lxw_error e = workbook_close(w->wb);
		if (e != LXW_NO_ERROR) {
			snprintf(err, n, _("cannot write %s: %s"), w->path ? w->path : w->tmp,
				 lxw_strerror(e));
			rc = -1;
		} else if (w->tmp && copy_out(w->tmp) < 0) {
			snprintf(err, n, "%s", _("cannot write the output"));
			rc = -1;
		}
		if (w->tmp)
			unlink(w->tmp);
		if (rc && w->path)
			unlink(w->path);
		xw_free(w);
		return rc;
	}
	flush_text(w);
	if (fflush(w->f) || ferror(w->f))
		w->failed = true;
	if (w->path && fclose(w->f))
		w->failed = true;
	if (w->failed) {
		snprintf(err, n, _("cannot write %s"), w->path ? w->path : _("the output"));
		if (w->path)
			unlink(w->path);
		rc = -1;
	}
	xw_free(w);
	return rc;
}

void xw_abort(struct xw *w)
{
	if (!w)
		return;
	if (w->fmt == XF_XLSX) {
		workbook_close(w->wb);
		if (w->tmp)
			unlink(w->tmp);
	} else if (w->path) {
		fclose(w->f);
	}
	if (w->path)
		unlink(w->path);
	xw_free(w);
}

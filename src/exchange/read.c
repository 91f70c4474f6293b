/*
 * read.c - the files officers hand in: XLSX, CSV and TSV, as rows of
 * UTF-8 cells.
 *
 * CSV and TSV come in UTF-8, UTF-8 with a byte-order mark (Excel's "CSV
 * UTF-8") or GB18030 (Excel and WPS on a Chinese Windows); the encoding is
 * found from the bytes unless given.  Fields follow RFC 4180: quoted
 * fields may hold commas, quotes and line breaks; a line may end in CRLF
 * or LF.  XLSX is a ZIP of XML parts: libzip opens it, expat reads the
 * workbook (sheet names), the shared strings, the styles (which cells
 * are dates) and the sheet, streaming, so a large sheet is never a tree
 * in memory.  Cells keep their column even when empty cells are left out
 * of the XML.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <expat.h>
#include <zip.h>

#include "charset.h"
#include "exchange.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#define READ_MAX (1024u << 20) /* the largest file read: 1 GiB */

/* Adds a cell to a row. */
static void row_add(struct xrow *r, char *cell, size_t col)
{
	if (col >= r->n) {
		r->cells = xreallocarray(r->cells, col + 1, sizeof *r->cells);
		for (size_t i = r->n; i <= col; i++)
			r->cells[i] = NULL;
		r->n = col + 1;
	}
	free(r->cells[col]);
	r->cells[col] = cell;
}

/* Adds a row to a sheet. */
static struct xrow *sheet_add(struct xsheet *s, long line)
{
	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->rows = xreallocarray(s->rows, s->cap, sizeof *s->rows);
	}
	struct xrow *r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

void xsheet_free(struct xsheet *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		for (size_t j = 0; j < s->rows[i].n; j++)
			free(s->rows[i].cells[j]);
		free(s->rows[i].cells);
	}
	free(s->rows);
	memset(s, 0, sizeof *s);
}

const char *xrow_cell(const struct xrow *r, size_t col)
{
	return col < r->n && r->cells[col] ? r->cells[col] : "";
}

/* Reads a whole regular file; NULL with the reason in err. */
static char *slurp(const char *path, size_t *len, char *err, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, n, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > READ_MAX) {
		snprintf(err, n, _("%s is not a file zsdesk can read (a regular file of at most 1 GiB)"),
			 path);
		fclose(f);
		return NULL;
	}
	char *buf = xmalloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	buf[*len] = '\0';
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, n, _("cannot read %s"), path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- CSV and TSV ---- */

/* Undoes the escapes of zsdesk's TSV (\t \n \r \\) in place. */
static void tsv_unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			char c = p[1];
			char r = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == '\\' ? '\\' : 0;
			if (r) {
				*o++ = r;
				p++;
				continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
}

/* Splits UTF-8 text into rows by RFC 4180 with separator sep. */
static void parse_delimited(const char *t, size_t len, char sep, struct xsheet *out)
{
	size_t i = 0;
	long line = 1;
	char *cell = NULL;
	size_t clen = 0, ccap = 0;
	while (i < len) {
		struct xrow *r = sheet_add(out, line);
		size_t col = 0;
		for (;;) {
			bool quoted = false, tsv_escaped = sep == '\t';
			clen = 0;
			if (i < len && t[i] == '"') {
				quoted = true;
				tsv_escaped = false;
				i++;
			}
			for (; i < len; i++) {
				char c = t[i];
				if (quoted) {
					if (c == '"') {
						if (i + 1 < len && t[i + 1] == '"') {
							i++;
						} else {
							quoted = false;
							continue;
						}
					} else if (c == '\n') {
						line++;
					}
				} else if (c == sep || c == '\n' || (c == '\r' && i + 1 < len && t[i + 1] == '\n') ||
					   (c == '\r' && i + 1 == len)) {
					break;
				}
				if (clen + 2 > ccap) {
					ccap = (clen + 2) * 2;
					cell = xrealloc(cell, ccap);
				}
				cell[clen++] = c;
			}
			char *v = xmemdup(cell ? cell : "", clen + 1);
			v[clen] = '\0';
			/* A quoted CRLF inside a cell is a line break like LF. */
			char *o = v;
			for (char *p = v; *p; p++)
				if (!(*p == '\r' && p[1] == '\n'))
					*o++ = *p;
			*o = '\0';
			if (tsv_escaped)
				tsv_unescape(v);
			row_add(r, v, col++);
			if (i < len && t[i] == sep) {
				i++;
				continue;
			}
			if (i < len && t[i] == '\r')
				i++;
			if (i < len && t[i] == '\n')
				i++;
			line++;
			break;
		}
	}
	free(cell);
}

/* Reads a CSV or TSV file. */
static int read_delimited(const char *path, enum xfmt fmt, int enc, struct xsheet *out,
			  enum xenc *used, char *err, size_t n)
{
	size_t len;
	char *raw = slurp(path, &len, err, n);
	if (!raw)
		return -1;
	char *text = raw;
	size_t tlen = len;
	if (memchr(raw, '\0', len)) {
		snprintf(err, n, _("%s holds NUL bytes: is it UTF-16 text? Save it as CSV UTF-8 or "
				   "CSV (GB18030)"),
			 path);
		free(raw);
		return -1;
	}
	bool bom = len >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3);
	if (enc < 0)
		enc = bom ? XE_UTF8_BOM : utf8_valid(raw, len) ? XE_UTF8 : XE_GB18030;
	if (enc == XE_GB18030) {
		text = charset_convert("GB18030", "UTF-8", raw, len, &tlen);
		if (!text) {
			snprintf(err, n, _("%s is neither UTF-8 nor GB18030 text"), path);
			free(raw);
			return -1;
		}
		free(raw);
		raw = text;
	} else {
		if (bom) {
			text += 3;
			tlen -= 3;
		}
		if (!utf8_valid(text, tlen)) {
			snprintf(err, n, _("%s is not UTF-8 text: give --encoding gb18030"), path);
			free(raw);
			return -1;
		}
	}
	*used = (enum xenc)enc;
	char sep = fmt == XF_TSV ? '\t' : ',';
	if (fmt != XF_TSV) {
		/* A .csv that is really tab-separated (Excel's "Text"): the first
		 * line says. */
		size_t tabs = 0, commas = 0;
		for (size_t i = 0; i < tlen && text[i] != '\n'; i++)
			tabs += text[i] == '\t', commas += text[i] == ',';
		if (tabs > commas)
			sep = '\t';
	}
	parse_delimited(text, tlen, sep, out);
	free(raw);
	return 0;
}

/* ---- XLSX ---- */

/* Reads one part of the ZIP; NULL when missing. */
static char *zip_part(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > READ_MAX)
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *buf = xmalloc((size_t)st.size + 1);
	zip_int64_t got = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return NULL;
	}
	buf[st.size] = '\0';
	if (len)
		*len = (size_t)st.size;
	return buf;
}

/* The local name of an XML element ("x:sheet" -> "sheet"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

/* An attribute by local name, or NULL. */
static const char *attr(const char **a, const char *name)
{
	for (; a && *a; a += 2)
		if (!strcmp(local(a[0]), name))
			return a[1];
	return NULL;
}

struct xml {
	/* workbook */
	char **sheet_names, **sheet_rids;
	size_t nsheets;
	char **rel_ids, **rel_targets;
	size_t nrels;
	/* shared strings */
	char **strings;
	size_t nstrings, scap;
	bool in_si, in_t, in_rph;
	/* styles */
	bool in_xfs, in_numfmts;
	int *xf_fmt;
	size_t nxf;
	int date_fmts[256]; /* custom number formats that are dates */
	size_t ndate;
	/* sheet */
	struct xsheet *out;
	struct xrow *row;
	size_t col;
	char type[16];
	int style;
	bool in_v, in_is;
	/* text being gathered */
	char *text;
	size_t tlen, tcap;
};

static void text_add(struct xml *x, const char *s, int len)
{
	if (x->tlen + (size_t)len + 1 > x->tcap) {
		x->tcap = (x->tlen + (size_t)len + 1) * 2;
		x->text = xrealloc(x->text, x->tcap);
	}
	memcpy(x->text + x->tlen, s, (size_t)len);
	x->tlen += (size_t)len;
	x->text[x->tlen] = '\0';
}

static char *text_take(struct xml *x)
{
	char *s = xmemdup(x->text ? x->text : "", x->tlen + 1);
	s[x->tlen] = '\0';
	x->tlen = 0;
	return s;
}

static void XMLCALL wb_start(void *ud, const char *name, const char **a)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "sheet")) {
		x->sheet_names = xreallocarray(x->sheet_names, x->nsheets + 1, sizeof(char *));
		x->sheet_rids = xreallocarray(x->sheet_rids, x->nsheets + 1, sizeof(char *));
		x->sheet_names[x->nsheets] = xstrdup(attr(a, "name") ? attr(a, "name") : "");
		x->sheet_rids[x->nsheets++] = xstrdup(attr(a, "id") ? attr(a, "id") : "");
	} else if (!strcmp(l, "Relationship")) {
		x->rel_ids = xreallocarray(x->rel_ids, x->nrels + 1, sizeof(char *));
		x->rel_targets = xreallocarray(x->rel_targets, x->nrels + 1, sizeof(char *));
		x->rel_ids[x->nrels] = xstrdup(attr(a, "Id") ? attr(a, "Id") : "");
		x->rel_targets[x->nrels++] = xstrdup(attr(a, "Target") ? attr(a, "Target") : "");
	}
}

static void XMLCALL ss_start(void *ud, const char *name, const char **a)
{
	struct xml *x = ud;
	const char *l = local(name);
	(void)a;
	if (!strcmp(l, "si")) {
		x->in_si = true;
		x->tlen = 0;
	} else if (!strcmp(l, "t") && x->in_si && !x->in_rph) {
		x->in_t = true;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = true; /* phonetic runs are not the text */
	}
}

static void XMLCALL ss_end(void *ud, const char *name)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "si")) {
		if (x->nstrings == x->scap) {
			x->scap = x->scap ? x->scap * 2 : 1024;
			x->strings = xreallocarray(x->strings, x->scap, sizeof(char *));
		}
		x->strings[x->nstrings++] = text_take(x);
		x->in_si = false;
	} else if (!strcmp(l, "t")) {
		x->in_t = false;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = false;
	}
}

static void XMLCALL gather(void *ud, const char *s, int len)
{
	struct xml *x = ud;
	if (x->in_t || x->in_v)
		text_add(x, s, len);
}

/* True for a number format that shows a date. */
static bool is_date_format(const char *code)
{
	bool quoted = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[') {
			const char *e = strchr(p, ']');
			if (!e)
				break;
			p = e;
		} else if (!quoted && strchr("dmyDMY", *p))
			return true;
	}
	return strstr(code, "年") || strstr(code, "月") || strstr(code, "日");
}

static void XMLCALL st_start(void *ud, const char *name, const char **a)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "numFmts"))
		x->in_numfmts = true;
	else if (!strcmp(l, "cellXfs"))
		x->in_xfs = true;
	else if (!strcmp(l, "numFmt") && x->in_numfmts) {
		const char *id = attr(a, "numFmtId"), *code = attr(a, "formatCode");
		if (id && code && is_date_format(code) && x->ndate < 256)
			x->date_fmts[x->ndate++] = atoi(id);
	} else if (!strcmp(l, "xf") && x->in_xfs) {
		const char *id = attr(a, "numFmtId");
		x->xf_fmt = xreallocarray(x->xf_fmt, x->nxf + 1, sizeof *x->xf_fmt);
		x->xf_fmt[x->nxf++] = id ? atoi(id) : 0;
	}
}

static void XMLCALL st_end(void *ud, const char *name)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "numFmts"))
		x->in_numfmts = false;
	else if (!strcmp(l, "cellXfs"))
		x->in_xfs = false;
}

/* True when style s shows dates. */
static bool style_is_date(const struct xml *x, int s)
{
	if (s < 0 || (size_t)s >= x->nxf)
		return false;
	int f = x->xf_fmt[s];
	if ((f >= 14 && f <= 22) || (f >= 27 && f <= 36) || (f >= 45 && f <= 47) ||
	    (f >= 50 && f <= 58))
		return true;
	for (size_t i = 0; i < x->ndate; i++)
		if (x->date_fmts[i] == f)
			return true;
	return false;
}

/* The column of a cell reference ("AB12" -> 27). */
static size_t ref_col(const char *r, size_t next)
{
	if (!r || !(*r >= 'A' && *r <= 'Z'))
		return next;
	size_t c = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++)
		c = c * 26 + (size_t)(*r - 'A' + 1);
	return c - 1;
}

static void XMLCALL sh_start(void *ud, const char *name, const char **a)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "row")) {
		const char *r = attr(a, "r");
		long line = r ? atol(r) : (long)x->out->nrows + 1;
		x->row = sheet_add(x->out, line);
		x->col = 0;
	} else if (!strcmp(l, "c") && x->row) {
		x->col = ref_col(attr(a, "r"), x->col);
		snprintf(x->type, sizeof x->type, "%s", attr(a, "t") ? attr(a, "t") : "n");
		x->style = attr(a, "s") ? atoi(attr(a, "s")) : -1;
		x->tlen = 0;
	} else if (!strcmp(l, "v")) {
		x->in_v = true;
	} else if (!strcmp(l, "is")) {
		x->in_is = true;
	} else if (!strcmp(l, "t") && x->in_is) {
		x->in_t = true;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = true;
		x->in_t = false;
	}
}

/* YYYY-MM-DD of an Excel serial day (1900 system: day 25569 is
 * 1970-01-01; days before 1 March 1900 count the 29 February that never
 * was). */
static void serial_date(double v, char *out, size_t n)
{
	long serial = v > 0 && v < 3e6 ? (long)v : 0;
	long z = serial - (serial < 61 ? 25568 : 25569) + 719468; /* days from 0000-03-01 */
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, n, "%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
}

static void XMLCALL sh_end(void *ud, const char *name)
{
	struct xml *x = ud;
	const char *l = local(name);
	if (!strcmp(l, "c") && x->row) {
		char *v = text_take(x);
		if (!strcmp(x->type, "s")) {
			long i = atol(v);
			free(v);
			v = xstrdup(i >= 0 && (size_t)i < x->nstrings ? x->strings[i] : "");
		} else if (!strcmp(x->type, "b")) {
			char *b = xstrdup(strcmp(v, "1") ? _("no") : _("yes"));
			free(v);
			v = b;
		} else if (!strcmp(x->type, "n") && *v && style_is_date(x, x->style)) {
			char d[64];
			serial_date(strtod(v, NULL), d, sizeof d);
			free(v);
			v = xstrdup(d);
		}
		row_add(x->row, v, x->col);
		x->col++;
	} else if (!strcmp(l, "v")) {
		x->in_v = false;
	} else if (!strcmp(l, "is")) {
		x->in_is = false;
	} else if (!strcmp(l, "t")) {
		x->in_t = false;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = false;
	} else if (!strcmp(l, "row")) {
		x->row = NULL;
	}
}

/* Parses an XML part with the handlers; false when it is not XML. */
static bool parse_xml(const char *buf, size_t len, struct xml *x, XML_StartElementHandler s,
		      XML_EndElementHandler e)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, s, e);
	XML_SetCharacterDataHandler(p, gather);
	bool ok = XML_Parse(p, buf, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok;
}

/* Parses part name of the ZIP with the handlers as it is inflated, a
 * chunk at a time (a sheet of a million rows is never in memory whole);
 * false when it is missing or not XML. */
static bool parse_part(zip_t *z, const char *name, struct xml *x, XML_StartElementHandler s,
		       XML_EndElementHandler e)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return false;
	XML_Parser p = XML_ParserCreate("UTF-8");
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, s, e);
	XML_SetCharacterDataHandler(p, gather);
	bool ok = true;
	char buf[1 << 16];
	for (;;) {
		zip_int64_t got = zip_fread(f, buf, sizeof buf);
		if (got < 0) {
			ok = false;
			break;
		}
		if (XML_Parse(p, buf, (int)got, got == 0) != XML_STATUS_OK) {
			ok = false;
			break;
		}
		if (got == 0)
			break;
	}
	XML_ParserFree(p);
	zip_fclose(f);
	return ok;
}

static void xml_free(struct xml *x)
{
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheet_names[i]);
		free(x->sheet_rids[i]);
	}
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rel_ids[i]);
		free(x->rel_targets[i]);
	}
	for (size_t i = 0; i < x->nstrings; i++)
		free(x->strings[i]);
	free(x->sheet_names);
	free(x->sheet_rids);
	free(x->rel_ids);
	free(x->rel_targets);
	free(x->strings);
	free(x->xf_fmt);
	free(x->text);
}

/* Reads sheet (a name, a number from 1, or NULL for the first) of an
 * XLSX file. */
static int read_xlsx(const char *path, const char *sheet, struct xsheet *out, char *err, size_t n)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		snprintf(err, n, _("%s is not an XLSX file (it cannot be opened as one)"), path);
		return -1;
	}
	struct xml x;
	memset(&x, 0, sizeof x);
	size_t len;
	char *wb = zip_part(z, "xl/workbook.xml", &len);
	char *rels = zip_part(z, "xl/_rels/workbook.xml.rels", NULL);
	int rc = -1;
	if (!wb || !rels || !parse_xml(wb, len, &x, wb_start, NULL) ||
	    !parse_xml(rels, strlen(rels), &x, wb_start, NULL) || !x.nsheets) {
		snprintf(err, n, _("%s is not an XLSX workbook zsdesk can read"), path);
		goto out;
	}
	size_t which = 0;
	if (sheet) {
		char *end;
		long no = strtol(sheet, &end, 10);
		which = x.nsheets;
		for (size_t i = 0; i < x.nsheets; i++)
			if (!strcmp(x.sheet_names[i], sheet))
				which = i;
		if (which == x.nsheets && !*end && no >= 1 && (size_t)no <= x.nsheets)
			which = (size_t)no - 1;
		if (which == x.nsheets) {
			char names[512] = "";
			size_t used = 0;
			for (size_t i = 0; i < x.nsheets && used + 1 < sizeof names; i++)
				used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
							 i ? ", " : "", x.sheet_names[i]);
			snprintf(err, n, _("%s has no sheet %s; its sheets: %s"), path, sheet, names);
			goto out;
		}
	}
	const char *target = NULL;
	for (size_t i = 0; i < x.nrels; i++)
		if (!strcmp(x.rel_ids[i], x.sheet_rids[which]))
			target = x.rel_targets[i];
	char part[1024];
	if (!target) {
		snprintf(err, n, _("%s is not an XLSX workbook zsdesk can read"), path);
		goto out;
	}
	if (target[0] == '/')
		snprintf(part, sizeof part, "%s", target + 1);
	else
		snprintf(part, sizeof part, "xl/%s", target);
	parse_part(z, "xl/sharedStrings.xml", &x, ss_start, ss_end);
	parse_part(z, "xl/styles.xml", &x, st_start, st_end);
	x.out = out;
	x.in_t = x.in_v = false;
	if (!parse_part(z, part, &x, sh_start, sh_end)) {
		snprintf(err, n, _("%s: the sheet %s cannot be read"), path, x.sheet_names[which]);
		goto out;
	}
	rc = 0;
out:
	free(wb);
	free(rels);
	xml_free(&x);
	zip_close(z);
	return rc;
}

int xread(const char *path, enum xfmt fmt, int enc, const char *sheet, struct xsheet *out,
	  enum xenc *used, char *err, size_t n)
{
	memset(out, 0, sizeof *out);
	*used = XE_UTF8;
	if (fmt == XF_JSON) {
		snprintf(err, n, "%s", _("import reads xlsx, csv and tsv files"));
		return -1;
	}
	int rc = fmt == XF_XLSX ? read_xlsx(path, sheet, out, err, n)
				: read_delimited(path, fmt, enc, out, used, err, n);
	if (rc)
		xsheet_free(out);
	return rc;
}

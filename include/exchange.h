/*
 * exchange.h - tables in and out of zsdesk: the files officers keep in
 * Excel and WPS.
 *
 * A level of its own between core and the front ends.  Out: a table
 * writer for XLSX (libxlsxwriter: typed cells, frozen header, filters,
 * widths), CSV (RFC 4180, CRLF), TSV and JSON, in UTF-8, UTF-8 with a
 * byte-order mark or GB18030, and the export of a whole kind of record
 * in raw machine values.  In: readers of the same files and the import,
 * which sends every row through the entry session, as the desk does.
 * Nothing here touches the store; everything goes through core.
 */
#ifndef ZSDESK_EXCHANGE_H
#define ZSDESK_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

enum xfmt { XF_CSV, XF_TSV, XF_JSON, XF_XLSX };
enum xenc { XE_UTF8, XE_UTF8_BOM, XE_GB18030 };

/* How a column's cells are written: text stays text (credit codes,
 * phones and ids never become 9.1E+17), numbers are plain numbers in the
 * column's unit, dates are YYYY-MM-DD. */
enum xtype { XT_TEXT, XT_NUMBER, XT_DATE };

struct xcol {
	const char *key;  /* machine name: "investment_cny" */
	char label[160];  /* the header people read: "总投资（万元）" */
	enum xtype type;
};

/* Reads a format name (csv, tsv, json, xlsx); -1 when unknown. */
int xfmt_parse(const char *s);

/* Reads an encoding name (utf-8, utf-8-bom, gb18030; case and the dash
 * do not matter); -1 when unknown. */
int xenc_parse(const char *s);

struct xw;

/* Opens a writer of format fmt in encoding enc (ignored for XLSX, which
 * is always UTF-8) to path, or to standard output when path is NULL.
 * NULL with the reason in err. */
struct xw *xw_open(enum xfmt fmt, enum xenc enc, const char *path, char *err, size_t n);

/* Begins a table (an XLSX sheet named name) of ncols columns and writes
 * its header: labels, or keys when keys is true (JSON always uses keys).
 * Returns 0, or -1 when the file cannot be written. */
int xw_table(struct xw *w, const char *name, int ncols, const struct xcol *cols, bool keys);

/* Writes one row of ncols UTF-8 cells ("" for empty).  A number cell
 * that is not a plain number and a date that is not YYYY-MM-DD are
 * written as text.  Returns 0 or -1. */
int xw_row(struct xw *w, const char *const *cells);

/* Finishes the file and frees the writer; 0, or -1 with the reason in
 * err (nothing useful was written). */
int xw_close(struct xw *w, char *err, size_t n);

/* Frees a writer after a failure, removing a file it created. */
void xw_abort(struct xw *w);

/* Writes report r as a table named name (its XLSX sheet; the notes on a
 * second sheet "notes" in XLSX) in format fmt and encoding enc to path
 * (standard output when NULL).  0, or -1 with the reason in err. */
int xreport(const struct zs_report *r, const char *name, enum xfmt fmt, enum xenc enc,
	    const char *path, char *err, size_t n);

/* The columns of an export of kind k (at most max); returns how many. */
int xexport_columns(struct zs *z, enum kind k, struct xcol *cols, int max);

/* Writes every record of kind k the officer may see to w as one table,
 * in id order, in raw machine values; progress (may be NULL) is called
 * with the rows written so far and the table's size now and then.
 * Returns ZS_OK or a status (zs_last_error, or err for the file). */
int xexport(struct zs *z, enum kind k, struct xw *w, bool keys,
	    void (*progress)(void *ctx, uint64_t done, uint64_t total), void *ctx, char *err,
	    size_t n);

/* ---- reading ---- */

/* One row of a file read: its cells (NULL or "" for empty) and the line
 * (CSV) or row number (XLSX) it began on. */
struct xrow {
	char **cells;
	size_t n;
	long line;
};

struct xsheet {
	struct xrow *rows;
	size_t nrows, cap;
};

/* Reads the file at path of format fmt (XLSX: sheet, a name or a number
 * from 1, NULL for the first; CSV and TSV: encoding enc, or -1 to find it
 * from the bytes) into out as UTF-8 rows; *used receives the encoding.
 * 0, or -1 with the reason in err. */
int xread(const char *path, enum xfmt fmt, int enc, const char *sheet, struct xsheet *out,
	  enum xenc *used, char *err, size_t n);

/* Cell col of row r, "" when it has none. */
const char *xrow_cell(const struct xrow *r, size_t col);

/* Frees what xread read. */
void xsheet_free(struct xsheet *s);

/* ---- importing ---- */

/* What became of a row. */
enum xaction { XA_ADD, XA_UPDATE, XA_SAME, XA_DUP, XA_REJECT, XA_COUNT };

struct xresult {
	long line;          /* where it began in the file */
	size_t row;         /* its index in the sheet read */
	enum xaction action;
	uint64_t id;        /* the record added or updated */
	char name[256];
	char *msg;          /* why it was refused, and warnings; NULL: none */
};

struct ximport {
	long header_line;   /* the header row, as the file numbers it */
	size_t header_row;  /* its index in the sheet */
	struct xresult *rows;
	size_t nrows;
	size_t count[XA_COUNT];
	char **ignored;     /* headers of the columns no field takes */
	size_t nignored;
};

/* Imports the rows of sheet s as records of kind k (projects,
 * enterprises, officers, districts), each through the entry session, all
 * in one transaction that is kept when commit is true (else a dry run:
 * res says what would happen).  why goes into the audit log.  ZS_OK (the
 * rows' fates in res, rejected ones too), or a status with the reason in
 * err when nothing could be imported. */
int ximport(struct zs *z, enum kind k, const struct xsheet *s, bool commit, const char *why,
	    struct ximport *res, char *err, size_t n);

/* Frees what ximport filled in. */
void ximport_free(struct ximport *res);

/* The format an import reads path in, by its extension: XLSX, TSV, or
 * CSV (also for .txt and none: a TSV header is found by the reader);
 * -1 for JSON, which is written but not read. */
int ximport_format(const char *path);

/* The rejected-rows file beside path: "x.csv" -> "x-rejected.csv";
 * newly allocated. */
char *xrejected_path(const char *path);

/* Writes the header of sheet s and the rows res rejected, each with its
 * reason in a last column, to out in format fmt and encoding enc (the
 * input's).  0, or -1 with the reason in err. */
int xrejected_write(const char *out, enum xfmt fmt, enum xenc enc, const struct xsheet *s,
		    const struct ximport *res, char *err, size_t n);

#endif

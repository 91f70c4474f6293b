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

/* The columns of an export of kind k (at most max); returns how many. */
int xexport_columns(struct zs *z, enum kind k, struct xcol *cols, int max);

/* Writes every record of kind k the officer may see to w as one table,
 * in id order, in raw machine values; progress (may be NULL) is called
 * with the rows written so far and the table's size now and then.
 * Returns ZS_OK or a status (zs_last_error, or err for the file). */
int xexport(struct zs *z, enum kind k, struct xw *w, bool keys,
	    void (*progress)(void *ctx, uint64_t done, uint64_t total), void *ctx, char *err,
	    size_t n);

#endif

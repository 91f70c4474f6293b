/*
 * rejected.c - the rows an import left out, written back for the officer
 * to fix and import again: the file's own header with a reason column,
 * in the input's format and encoding.  The command line and the desk
 * write it the same way.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "i18n.h"
#include "xalloc.h"

int ximport_format(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	if (!dot || (slash && dot < slash))
		return XF_CSV;
	int fmt = xfmt_parse(dot + 1);
	if (fmt == XF_JSON)
		return -1;
	/* .txt and the like: CSV or, when the header says, TSV. */
	return fmt < 0 ? XF_CSV : fmt;
}

char *xrejected_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	if (!dot || (slash && dot < slash))
		return xasprintf("%s-rejected", path);
	return xasprintf("%.*s-rejected%s", (int)(dot - path), path, dot);
}

int xrejected_write(const char *out, enum xfmt fmt, enum xenc enc, const struct xsheet *s,
                    const struct ximport *res, char *err, size_t n)
{
	const struct xrow *h = &s->rows[res->header_row];
	size_t ncols = h->n;
	for (size_t i = 0; i < res->nrows; i++)
		if (res->rows[i].action == XA_REJECT && s->rows[res->rows[i].row].n > ncols)
			ncols = s->rows[res->rows[i].row].n;
	struct xcol *cols = xcalloc(ncols + 1, sizeof *cols);
	for (size_t c = 0; c < ncols; c++) {
		cols[c].key = xrow_cell(h, c);
		snprintf(cols[c].label, sizeof cols[c].label, "%s", xrow_cell(h, c));
	}
	cols[ncols].key = "reason";
	snprintf(cols[ncols].label, sizeof cols[ncols].label, "%s", _("Why it was not imported"));
	struct xw *w = xw_open(fmt, enc, out, err, n);
	if (!w) {
		free(cols);
		return -1;
	}
	const char **row = xcalloc(ncols + 1, sizeof *row);
	int bad = xw_table(w, _("Rejected"), (int)ncols + 1, cols, false);
	for (size_t i = 0; i < res->nrows && !bad; i++) {
		const struct xresult *r = &res->rows[i];
		if (r->action != XA_REJECT)
			continue;
		for (size_t c = 0; c < ncols; c++)
			row[c] = xrow_cell(&s->rows[r->row], c);
		row[ncols] = r->msg ? r->msg : "";
		bad = xw_row(w, row);
	}
	free(row);
	free(cols);
	if (bad) {
		xw_abort(w);
		snprintf(err, n, _("cannot write %s"), out);
		return -1;
	}
	return xw_close(w, err, n) < 0 ? -1 : 0;
}

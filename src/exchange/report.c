/*
 * report.c - a report of the city office's numbers written to a file:
 * the one writer `zsdesk report --format xlsx` (or a text format in
 * another encoding) and the desk's Reports screen share.
 *
 * The table goes on a sheet named after the report, numbers as numbers
 * where every cell of a column is one; in XLSX the formulas and notes go
 * on a second sheet, in the text formats they stay with the caller.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "i18n.h"
#include "xalloc.h"

/* True when every non-empty cell of column c is a plain number. */
static bool plain_column(const struct zs_report *r, int c)
{
	bool any = false;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *s = r->cells[i * (size_t)r->ncols + (size_t)c];
		const char *p = s + (*s == '-');
		if (!*s)
			continue;
		if (!*p || strspn(p, "0123456789.") != strlen(p) || strlen(p) > 12 || *p == '.')
			return false;
		any = true;
	}
	return any;
}

int xreport(const struct zs_report *r, const char *name, enum xfmt fmt, enum xenc enc,
	    const char *path, char *err, size_t n)
{
	struct xw *w = xw_open(fmt, enc, path, err, n);
	if (!w)
		return -1;
	struct xcol *cols = xcalloc((size_t)r->ncols + 1, sizeof *cols);
	for (int c = 0; c < r->ncols; c++) {
		cols[c].key = r->keys[c];
		snprintf(cols[c].label, sizeof cols[c].label, "%s", _(r->labels[c]));
		cols[c].type = plain_column(r, c) ? XT_NUMBER : XT_TEXT;
	}
	/* The header is the keys in the text formats, as the listings' are. */
	int bad = xw_table(w, name, r->ncols, cols, fmt != XF_XLSX);
	for (size_t i = 0; i < r->nrows && !bad; i++)
		bad = xw_row(w, (const char *const *)&r->cells[i * (size_t)r->ncols]);
	free(cols);
	if (!bad && r->nnotes && fmt == XF_XLSX) {
		struct xcol note = {.key = "note", .type = XT_TEXT};
		snprintf(note.label, sizeof note.label, "%s", _("Notes"));
		bad = xw_table(w, "notes", 1, &note, false);
		for (size_t i = 0; i < r->nnotes && !bad; i++)
			bad = xw_row(w, (const char *const *)&r->notes[i]);
	}
	if (bad) {
		xw_abort(w);
		snprintf(err, n, "%s", _("cannot write the output"));
		return -1;
	}
	return xw_close(w, err, n);
}

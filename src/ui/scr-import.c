/*
 * scr-import.c - a spreadsheet into a library, seen before it is taken:
 * the preview of zsdesk import in the desk.
 *
 * Opening the screen reads the file and runs the import as a dry run
 * (exchange's ximport, every row through the entry session, the whole
 * transaction dropped), so the list shows exactly what F2 would do: the
 * rows rejected, each with why, then the rows to add, to update, and
 * those unchanged or repeated in the file.  F2 runs the import for real
 * - the good rows in one transaction - writes the rejected rows with
 * their reasons beside the file, in its format and encoding, as the
 * command line does, and shows what became of each row.  The list is the
 * shared list widget; below it, the selected row's whole message.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct istate {
	struct zs *z;
	enum kind k;
	char *path;    /* as typed, ~ expanded */
	enum xfmt fmt; /* the file's format, and its encoding as read */
	enum xenc enc;
	struct xsheet sheet;
	struct ximport res;
	size_t *order;  /* rows of res in the order shown */
	bool done;      /* imported: F2 does nothing more */
	char *rejected; /* where the rejected rows went, once written */
	struct list list;
	int w[5]; /* line, action, number, name, message */
};

static const enum action import_bar[] = {ACT_SAVE, ACT_CANCEL, ACT_HELP, ACT_NONE};

/* Labels of what became of a row (the command line's words). */
static const char *const acts[XA_COUNT] = {N_("add"), N_("update"), N_("unchanged"),
                                           N_("duplicate"), N_("rejected")};

/* Orders the rows: rejected first (what needs the officer), then added,
 * updated, unchanged and repeated, each in the file's order. */
static void sort_rows(struct istate *s)
{
	static const enum xaction rank[] = {XA_REJECT, XA_ADD, XA_UPDATE, XA_SAME, XA_DUP};
	free(s->order);
	s->order = xcalloc(s->res.nrows + 1, sizeof *s->order);
	size_t n = 0;
	for (size_t r = 0; r < sizeof rank / sizeof *rank; r++)
		for (size_t i = 0; i < s->res.nrows; i++)
			if (s->res.rows[i].action == rank[r])
				s->order[n++] = i;
}

static size_t import_count(void *ctx, size_t want, bool *more)
{
	struct istate *s = ctx;
	(void)want;
	*more = false;
	return s->res.nrows;
}

/* Draws one row: line, what becomes of it, the record's number and name,
 * and the message. */
static void import_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct istate *s = ctx;
	(void)x;
	const struct xresult *r = &s->res.rows[s->order[i]];
	char line[24], idb[32] = "";
	snprintf(line, sizeof line, "%ld", r->line);
	/* A dry run's new rows have numbers the real import may not give. */
	if (r->id && (s->done || r->action != XA_ADD))
		zs_id_text(r->id, idb, sizeof idb);
	const char *cells[5] = {line, _(acts[r->action]), idb, r->name, r->msg ? r->msg : ""};
	int attr = selected                 ? term_attr(ATTR_SELECT)
	           : r->action == XA_REJECT ? term_attr(ATTR_ERROR)
	                                    : (int)A_NORMAL;
	draw_row(y, w, s->w, 1u | 4u, cells, 5, attr);
}

static const struct list_ops import_ops = {
    .count = import_count,
    .draw = import_row,
};

/* Frees the state. */
static void import_close(void *st)
{
	struct istate *s = st;
	list_free(&s->list);
	xsheet_free(&s->sheet);
	ximport_free(&s->res);
	free(s->order);
	free(s->path);
	free(s->rejected);
	free(s);
}

/* Runs the import (commit: for real, else a dry run): ZS_OK, or a status
 * with the reason on the message line (no row could be looked at, or,
 * with rows, nothing was saved). */
static int run(struct app *a, struct istate *s, bool commit)
{
	char err[1024];
	const char *base = strrchr(s->path, '/');
	char *why = xasprintf(_("imported from %s"), base ? base + 1 : s->path);
	ximport_free(&s->res);
	int rc = ximport(s->z, s->k, &s->sheet, commit, why, &s->res, err, sizeof err);
	free(why);
	sort_rows(s);
	if (rc != ZS_OK && !s->res.nrows)
		app_message(a, true, "%s", err);
	else if (rc != ZS_OK)
		app_message(a, true, _("nothing was saved: %s"), err);
	return rc;
}

/* Opens the preview of the file arg->path holds: read, and imported as a
 * dry run. */
static void *import_open(struct app *a, const void *arg)
{
	const struct import_arg *ia = arg;
	int fmt = ximport_format(ia->path);
	if (fmt < 0) {
		app_message(a, true, "%s", _("import reads xlsx, csv and tsv files"));
		return NULL;
	}
	struct istate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->k = ia->k;
	s->fmt = (enum xfmt)fmt;
	s->path = xstrdup(ia->path);
	char err[1024];
	if (xread(s->path, s->fmt, -1, NULL, &s->sheet, &s->enc, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		free(s->path);
		free(s);
		return NULL;
	}
	if (run(a, s, false) != ZS_OK && !s->res.nrows) {
		xsheet_free(&s->sheet);
		ximport_free(&s->res);
		free(s->order);
		free(s->path);
		free(s);
		return NULL;
	}
	list_init(&s->list, &import_ops, s, false);
	if (s->res.nignored) {
		char cols[512] = "";
		size_t used = 0;
		for (size_t i = 0; i < s->res.nignored && used < sizeof cols - 1; i++)
			used += (size_t)snprintf(cols + used, sizeof cols - used, "%s%s",
			                         i ? ", " : "", s->res.ignored[i]);
		app_message(a, false, _("Columns zsdesk does not take, ignored: %s"), cols);
	}
	return s;
}

/* What the import came to, or would come to, in one line. */
static void summary(struct istate *s, char *buf, size_t n)
{
	const size_t *c = s->res.count;
	snprintf(buf, n,
	         s->done
	             ? _("%zu added, %zu updated, %zu unchanged, %zu duplicate, %zu rejected")
	             : _("%zu to add, %zu to update, %zu unchanged, %zu duplicate, %zu rejected"),
	         c[XA_ADD], c[XA_UPDATE], c[XA_SAME], c[XA_DUP], c[XA_REJECT]);
}

/* Draws text over at most lines rows from y, broken where a row is full. */
static void draw_wrapped(int y, int lines, int cols, const char *text, int attr)
{
	for (int i = 0; i < lines; i++) {
		size_t cut = *text ? text_fit(text, cols, NULL) : 0;
		if (i == lines - 1 && text[cut])
			cut = strlen(text); /* the last row ends in the cut sign */
		char *part = xasprintf("%.*s", (int)cut, text);
		draw_text(y + i, 1, part, cols, true, attr);
		free(part);
		text += cut;
	}
}

static void import_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct istate *s = st;
	bool all = app_full_paint(a);
	/* Line, action and number are short; the name and message share
	 * the rest, the message a little more. */
	s->w[0] = 6;
	s->w[1] = 8;
	s->w[2] = 7;
	int left = cols - 2 - (6 + 8 + 7) - 8;
	s->w[3] = left * 2 / 5 > 8 ? left * 2 / 5 : 8;
	s->w[4] = left - s->w[3] > 8 ? left - s->w[3] : 8;
	int listrows = rows - 7 > 1 ? rows - 7 : 1;
	list_draw(&s->list, top + 3, 0, listrows, cols, all);
	size_t sel;
	const struct xresult *r =
	    list_selected(&s->list, &sel) ? &s->res.rows[s->order[sel]] : NULL;
	/* The selected row's whole message: a reason is often longer than
	 * its column. */
	int below = top + 3 + listrows;
	draw_blank(below, 0, cols, A_NORMAL);
	char msg[2048] = "";
	if (r && r->msg)
		snprintf(msg, sizeof msg, _("Line %ld: %s"), r->line, r->msg);
	draw_wrapped(below + 1, top + rows - below - 2 > 0 ? top + rows - below - 2 : 0, cols - 2,
	             msg, r && r->action == XA_REJECT ? term_attr(ATTR_ERROR) : (int)A_NORMAL);
	char hint[1024];
	if (s->done && s->rejected)
		snprintf(hint, sizeof hint, _("The rejected rows and why are in %s"), s->rejected);
	else if (s->done)
		snprintf(hint, sizeof hint, "%s", _("Imported. Esc goes back."));
	else
		snprintf(hint, sizeof hint, "%s",
		         _("F2 imports the rows to add and to update; Esc goes back without "
		           "importing."));
	draw_text(top + rows - 1, 1, hint, cols - 2, true, term_attr(ATTR_DIM));
	if (!all)
		return;
	const char *base = strrchr(s->path, '/');
	char head[1024];
	snprintf(head, sizeof head,
	         s->done ? _("%s: imported") : _("%s: preview, nothing saved yet"),
	         base ? base + 1 : s->path);
	draw_text(top, 1, head, cols - 2, true, term_attr(ATTR_ACCENT));
	char sum[512];
	summary(s, sum, sizeof sum);
	draw_text(top + 1, 1, sum, cols - 2, true, A_NORMAL);
	const char *heads[5] = {_("Line"), _("Action"), _("No."), _("Name"), _("Message")};
	draw_row(top + 2, cols, s->w, 1u | 4u, heads, 5, A_BOLD);
}

/* F2: the import for real, and the rejected rows written beside the file. */
static int import_commit(struct app *a, struct istate *s)
{
	if (s->done) {
		app_message(a, false, "%s", _("Imported already: Esc goes back."));
		return R_CHROME;
	}
	int rc = run(a, s, true);
	list_reset(&s->list);
	if (rc != ZS_OK)
		return R_ALL; /* nothing saved: F2 may try again */
	s->done = true;
	char sum[512];
	summary(s, sum, sizeof sum);
	if (s->res.count[XA_REJECT]) {
		char err[1024];
		char *out = xrejected_path(s->path);
		if (xrejected_write(out, s->fmt, s->enc, &s->sheet, &s->res, err, sizeof err) < 0) {
			app_message(a, true, _("%s; the rejected rows could not be written: %s"),
			            sum, err);
			free(out);
			return R_ALL;
		}
		s->rejected = out;
	}
	app_message(a, s->res.count[XA_REJECT] != 0, "%s", sum);
	return R_ALL;
}

static int import_handle(struct app *a, void *st, const struct key *k)
{
	struct istate *s = st;
	switch (k->action) {
	case ACT_SAVE:
		return import_commit(a, s);
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_LANG:
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		/* A move shows another row's message below. */
		return r < 0 ? R_NONE : r == R_ROWS ? R_BODY : r;
	}
	}
}

static const struct bar_label import_labels[] = {{ACT_SAVE, N_("Import")}, {ACT_NONE, NULL}};

const struct screen_def scr_import = {
    .name = "import",
    .title = N_("Import"),
    .bar = import_bar,
    .open = import_open,
    .draw = import_draw,
    .handle = import_handle,
    .close = import_close,
    .labels = import_labels,
};

void desk_import(struct app *a, enum kind k)
{
	static char path[4096];
	char q[256];
	snprintf(q, sizeof q, "%s",
	         _("Spreadsheet to import (XLSX, CSV or TSV; the first sheet of a workbook):"));
	if (!app_prompt(a, q, path, sizeof path))
		return;
	/* Blanks around a pasted path, and ~ for the home directory. */
	char *p = path;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n && p[n - 1] == ' ')
		p[--n] = '\0';
	if (!*p) {
		app_message(a, true, "%s", _("No file named: type the path of a spreadsheet."));
		return;
	}
	const char *home = getenv("HOME");
	char *full =
	    p[0] == '~' && p[1] == '/' && home ? xasprintf("%s%s", home, p + 1) : xstrdup(p);
	/* A sheet of many rows takes a while to check: say so at once. */
	char said[1024];
	snprintf(said, sizeof said, _("Reading %s and checking every row..."), full);
	draw_text(LINES - 2, 0, said, COLS, true, term_attr(ATTR_DIM));
	refresh();
	struct import_arg ia = {k, full};
	app_push(a, &scr_import, &ia);
	free(full);
}

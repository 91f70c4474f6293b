/*
 * library.h - the project library's state, shared by its screen
 * (scr-library.c) and its filters and actions on marked projects
 * (library-acts.c).  Private to src/ui.
 */
#ifndef ZSDESK_UI_LIBRARY_H
#define ZSDESK_UI_LIBRARY_H

#include "ui.h"

#define NCOLS 8
#define CACHE 128
struct row {
	uint64_t id;
	char cell[NCOLS][160];
};

struct lstate {
	struct zs *z;
	struct zs_filter f;
	char stage[32], industry[64];
	struct list list; /* its filter box is the search box */
	char searched[256];
	struct zs_cursor cur;
	uint64_t *ids;
	size_t n, cap;
	int w[NCOLS]; /* column widths for the terminal's width */
	struct row cache[CACHE];
	int cur_row, cur_col;
	int pending_filter; /* a filter chosen from the filter list, to ask for next */
	char chosen[256];
	uint64_t pin;  /* the project whose number is typed: offered first */
	int idw;       /* columns of the widest project number */
	uint64_t *marked; /* projects marked for an action on several (Insert), sorted */
	size_t nmarked;
	int pending_bulk; /* a bulk action chosen from its list, to carry out next */
	char filter_text[256]; /* a saved filter's search text */
	char (*report)[300];   /* the report of the last bulk action */
	const char **report_items;
	size_t nreport;
	char (*saved_names)[ZS_FILTER_NAME_BYTES]; /* my saved filters, for their list */
	const char **saved_items;
	long long deadline; /* while drawing: loading stops then (0: never) */
	size_t page_end;    /* rows the page shown needs */
};

/* The most projects one bulk action takes in the desk (its report is a
 * list of at most 512 rows; the command line takes more). */
#define MARK_MAX 500

/* Forgets the loaded ids and the cache: the rows are to be fetched again. */
void library_forget(struct lstate *s);

/* Starts the list again from its top (new filters, order or search). */
void library_reset(struct lstate *s);

/* F12: opens the list of filters. */
void library_filter_menu(struct app *a, struct lstate *s);

/* F9: opens the list of actions on the marked projects; redraw flags. */
int library_bulk_menu(struct app *a, struct lstate *s);

/* Back from a list opened by a filter or a bulk action: carries on with
 * what was chosen.  false when nothing was pending. */
bool library_pending(struct app *a, struct lstate *s);

#endif

/*
 * form.h - what the form engine (scr-form.c) and its drafts and save
 * questions (form-save.c) share: the state of an open form.
 */
#ifndef ZSDESK_UI_FORM_H
#define ZSDESK_UI_FORM_H

#include <stdbool.h>

#include "entry.h"
#include "forms.h"
#include "ui.h"

struct fstate {
	struct form form;
	char name[64];
	uint64_t id;       /* record edited; 0 for new */
	struct zs_entry *en; /* the record being filled in (core's entry session) */
	struct editor *ed;
	char **err;        /* per field: the problem, or NULL */
	bool *warn;        /* per field: the problem is only a warning */
	int step, focus, scroll;
	char live[512]; /* what is wrong with the text being typed, so far */
	bool dirty;
	char draftpath[4400];
	int cur_row, cur_col;
	bool picked; /* a value was chosen from a list: go on to the next field */
	int review_top, review_rows; /* the review step's first field shown, rows it has */
	struct zs *z;
};

/* Writes the draft file (only when something was typed). */
void form_save_draft(struct fstate *s);

/* The draft a form opened by the officer writes: the record's own, or a
 * new record's - an earlier draft of the form offered first.  Returns the
 * draft to load, or NULL; s->draftpath is set either way. */
const char *form_choose_draft(struct app *a, struct fstate *s);

/* Applies one line of a draft to the form s (a draft_load callback). */
void form_draft_value(void *s, const char *name, const char *value);

/* Counts the form among those open (their drafts are not offered), and
 * takes it off again. */
void form_opened(struct fstate *s);
void form_closed(struct fstate *s);

/* Keeps the values of the form's "copy" fields for the next record. */
void form_save_last(struct app *a, struct fstate *s);

/* Enter on an empty "copy" field: the value of the previous record. */
bool form_copy_previous(struct app *a, struct fstate *s);

/* Asks about the claim warning of a new project; true to save. */
bool form_ask_claims(struct app *a, struct fstate *s);

/* The warnings of saving a library record (an event's clash, a target
 * chased by another district) or a project's carrier, asked about; true
 * to save (form-save.c). */
bool form_ask_library(struct app *a, struct fstate *s);

/* Saves the entry, asking about each field others changed too; a core
 * status. */
int form_save_entry(struct app *a, struct fstate *s);

/* The projects of a claim warning as one line (form-save.c). */
char *form_claims_text(const struct zs_claim *c, size_t n, char *buf, size_t len);

#endif

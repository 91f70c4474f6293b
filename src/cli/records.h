/*
 * records.h - the verbs every kind of record shares on the command line
 * (records.c), ready for the verb tables of the record commands.
 *
 * Each takes the record kind from the command's table entry and the name
 * for its messages from the verb, so a command lists them and writes only
 * the verbs of its own.
 */
#ifndef ZSDESK_CLI_RECORDS_H
#define ZSDESK_CLI_RECORDS_H

#include "cli.h"

/* The verbs: words of a begin with the verb; each returns an exit code. */
int rec_add(struct zs *z, struct args *a);
int rec_edit(struct zs *z, struct args *a);
int rec_show(struct zs *z, struct args *a);
int rec_list(struct zs *z, struct args *a);
int rec_history(struct zs *z, struct args *a);
int rec_undo(struct zs *z, struct args *a);

/* Lists records of kind k as the list options of a say, matching text
 * too when it is not NULL; returns an exit code. */
int rec_list_kind(struct zs *z, struct args *a, enum kind k, const char *text);

/* The ids of kind k the list options of a select (--saved NAME, the
 * filters, --sort, --before, --limit with def as its default), matching
 * text too when not NULL, into a new array *ids of *n; an exit code. */
int rec_select(struct zs *z, struct args *a, enum kind k, const char *text, long def,
	       uint64_t **ids, size_t *n);

/* Saves the new record typed into e (why for the audit log) and prints
 * its id; returns an exit code. */
int rec_entry_save(struct zs *z, struct zs_entry *e, const char *why);

/* Prints the claim warning of the entry's project (new, or re-pointed to
 * another enterprise); returns how many projects it names. */
size_t rec_warn_claims(struct zs_entry *e);

/* Prints the warnings of saving the library record (or project) of kind
 * k in e (id 0 when new); an event that clashes is refused unless a
 * says --confirm.  Returns 0 or an exit code. */
int rec_warn_library(struct zs *z, struct args *a, struct zs_entry *e, enum kind k, uint64_t id);

/* Options of rec_edit, and of the lists of the kinds other than projects. */
extern const struct cli_option rec_edit_options[], rec_page_options[];

/* Options of rec_undo. */
extern const struct cli_option rec_undo_options[];

#endif

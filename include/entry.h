/*
 * entry.h - a record being filled in: the one way typed text becomes a
 * saved record.
 *
 * The desk's forms, `zsdesk project add/edit` and the other record
 * commands (and, later, import rows and synced edits) all go through an
 * entry: set a field from what was typed and hear the verdict, see the
 * claim warning, and save - as an intake (a project with its enterprise),
 * an issue opened at the first level of the ladder, a new record or an
 * update merged with what others saved meanwhile.  Front ends only draw,
 * read keys and print; none of them decides a workflow.
 */
#ifndef ZSDESK_ENTRY_H
#define ZSDESK_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

struct zs_entry;

/* Another district's (or another talk's) project of the enterprise being
 * entered: what the officer must see before entering it again. */
struct zs_claim {
	uint64_t id;
	char project[256], enterprise[256], district[64], stage[64]; /* display texts */
};

/* Starts filling in a record of kind k: a new one (id 0) or record id as
 * it is now.  NULL when the record cannot be read (zs_last_error says). */
struct zs_entry *zs_entry_new(struct zs *z, enum kind k, uint64_t id);

/* Frees an entry (nothing is saved). */
void zs_entry_free(struct zs_entry *e);

/* The record the entry fills for kind k: its own kind, or a project's
 * enterprise (entered and saved with a new project, shown beside an
 * existing one); NULL for any other kind. */
struct rec *zs_entry_rec(struct zs_entry *e, enum kind k);

/* The id of the record (0 until a new one is saved). */
uint64_t zs_entry_id(const struct zs_entry *e);

/* Makes an update fail with ZS_CONFLICT when anyone saved the record
 * since the entry began, instead of merging (`--expect-version`). */
void zs_entry_strict(struct zs_entry *e);

/* Sets field f of the kind k record from typed text (empty removes it).
 * Returns 0, 1 for a warning (kept as typed) or -1 for an error (nothing
 * changed); msg says what, naming the field as label (the form's label;
 * NULL: the built-in one). */
int zs_entry_set(struct zs_entry *e, enum kind k, const struct field_def *f, const char *label,
		 const char *text, char *msg, size_t n);

/* As zs_entry_set for a field by name: a built-in one, or else a city's
 * own field kept as text; -1 with a message when zsdesk keeps the field
 * itself or the name is not one. */
int zs_entry_set_name(struct zs_entry *e, enum kind k, const char *field, const char *text,
		      char *msg, size_t n);

/* As zs_entry_set without keeping anything: the verdict on text being
 * typed. */
int zs_entry_try(struct zs_entry *e, enum kind k, const struct field_def *f, const char *label,
		 const char *text, char *msg, size_t n);

/* The text of field f as understood (在谈 for "talks", 15,000万元 for
 * "1.5亿"). */
char *zs_entry_text(struct zs_entry *e, enum kind k, const struct field_def *f, char *buf,
		    size_t n);

/* After the enterprise's credit code or name was typed on a new project:
 * brings the enterprise on file in (its fields replace those typed) and
 * returns true, or false when none matches or it is in already. */
bool zs_entry_find_enterprise(struct zs_entry *e, const char *typed);

/* The claim warning of a new project, or of one whose enterprise was
 * changed: the projects of the enterprise entered so far (by credit code,
 * name - also in another form: a place in brackets or in front, a branch -
 * or enterprise field) that are in another district or in talks.  Fills out (up to max) and returns how
 * many; they are recorded with the project when it is saved. */
size_t zs_entry_claims(struct zs_entry *e, struct zs_claim *out, size_t max);

/* Saves the entry: an intake when a new project comes with its
 * enterprise, an issue opened on the first level when it is a new issue,
 * else a new record or an update (why goes into the audit log).  An
 * update meets the saves others made since the entry began: changes to
 * other fields merge by themselves; when both changed a field
 * differently, the fields are listed in c (up to max, *nc of them) and
 * ZS_CONFLICT is returned: keep yours by saving again, or take theirs
 * first with zs_entry_take_theirs().  On other failures
 * zs_last_error() names the field at fault. */
int zs_entry_save(struct zs_entry *e, const char *why, struct zs_conflict *c, size_t max,
		  size_t *nc);

/* True when the last save took in changes others saved meanwhile. */
bool zs_entry_merged(const struct zs_entry *e);

/* After ZS_CONFLICT: takes the value the other officer saved for field. */
void zs_entry_take_theirs(struct zs_entry *e, const char *field);

#endif

/*
 * rec.h - a record: an ordered set of named fields with simple values.
 *
 * Every kind of record (project, enterprise, officer, ...) is one of
 * these, so the store can encode, diff, journal and merge records without
 * knowing what they mean, and a field a city adds to a form is kept like a
 * built-in one.  A value is null, an integer, a boolean, a UTF-8 text, a
 * list of texts, or raw CBOR that this version does not understand and
 * writes back unchanged.  Each field remembers the hybrid-logical-clock
 * stamp of its last change, which the journal and sync compare.
 */
#ifndef ZSDESK_REC_H
#define ZSDESK_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rec_type { REC_NULL, REC_INT, REC_BOOL, REC_TEXT, REC_LIST, REC_RAW };

struct rec_value {
	enum rec_type type;
	int64_t i;      /* REC_INT, REC_BOOL */
	char *s;        /* REC_TEXT (NUL-terminated), REC_RAW bytes */
	size_t len;     /* bytes of s */
	char **items;   /* REC_LIST: n NUL-terminated texts */
	size_t n;
};

struct rec_field {
	char *name;
	struct rec_value v;
	uint64_t stamp; /* HLC of the last change; 0 = when the record was made */
};

struct rec {
	struct rec_field *f;
	size_t n, cap;
	uint64_t version; /* 0 for a record never saved, then 1, 2, ... */
	uint64_t created; /* HLC stamp of creation */
};

/* Empties r (keeping nothing) so that it can be filled again. */
void rec_init(struct rec *r);

/* Frees everything r owns and leaves it empty. */
void rec_free(struct rec *r);

/* Deep copy of src into dst (dst is overwritten, not freed first). */
void rec_copy(struct rec *dst, const struct rec *src);

/* The field called name, or NULL. */
struct rec_field *rec_find(const struct rec *r, const char *name);

/* Sets name to a copy of v (adding the field when missing); a REC_NULL
 * value removes the field.  The field's stamp is left as it was. */
void rec_set(struct rec *r, const char *name, const struct rec_value *v);

/* Appends item to the list field name (made when missing): the trails a
 * record keeps (pre-report filings, credit entries, issue steps). */
void rec_list_append(struct rec *r, const char *name, const char *item);

/* Shorthands of rec_set for each kind of value; a NULL or empty text and
 * an empty list remove the field. */
void rec_set_int(struct rec *r, const char *name, int64_t i);
void rec_set_bool(struct rec *r, const char *name, bool b);
void rec_set_text(struct rec *r, const char *name, const char *s);
void rec_set_list(struct rec *r, const char *name, char *const *items, size_t n);

/* Removes the field called name if present. */
void rec_unset(struct rec *r, const char *name);

/* The text of name, or def when it is missing or not a text. */
const char *rec_text(const struct rec *r, const char *name, const char *def);

/* The integer of name, or def when it is missing or not an integer. */
int64_t rec_int(const struct rec *r, const char *name, int64_t def);

/* The boolean of name, or def. */
bool rec_bool(const struct rec *r, const char *name, bool def);

/* True when the two values are equal. */
bool rec_value_equal(const struct rec_value *a, const struct rec_value *b);

/* Deep copy of v into out. */
void rec_value_copy(struct rec_value *out, const struct rec_value *v);

/* Frees what v owns and makes it REC_NULL. */
void rec_value_free(struct rec_value *v);

/* Writes a short text form of v into buf (lists joined by "、", raw as
 * "<n bytes>"); returns buf. */
char *rec_value_str(const struct rec_value *v, char *buf, size_t n);

#endif

/*
 * entry.c - the one entry session: typed text to a saved record.
 *
 * An entry holds the record being filled in, the enterprise a new project
 * is entered with, the record as it was read (the base of a merge) and
 * the claims the officer was shown.  It sits above the verbs: it decides
 * which of them a save is (intake, opening an issue, create, update) so
 * no front end has to, and it keeps the retry of a merge in one place.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

struct zs_entry {
	struct zs *z;
	enum kind kind;
	uint64_t id;       /* 0 until a new record is saved */
	struct rec r;      /* the record being filled in */
	struct rec ent;    /* a new project's enterprise (intake) */
	bool with_ent;     /* a field of ent was set */
	uint64_t eid;      /* the enterprise on file brought in, or 0 */
	struct rec base;   /* the record as read: the base of a merge */
	char claims[256];  /* ids of the projects the officer was shown */
	bool strict;       /* no merge: any save in between is a conflict */
	bool merged;       /* the last save took in others' changes */
};

struct zs_entry *zs_entry_new(struct zs *z, enum kind k, uint64_t id)
{
	struct zs_entry *e = xcalloc(1, sizeof *e);
	e->z = z;
	e->kind = k;
	e->id = id;
	rec_init(&e->r);
	rec_init(&e->ent);
	rec_init(&e->base);
	if (id && zs_get(z, k, id, &e->r) != ZS_OK) {
		zs_entry_free(e);
		return NULL;
	}
	rec_copy(&e->base, &e->r);
	if (id && k == KIND_PROJECT) {
		/* Shown beside the project; saved only with a new one. */
		e->eid = (uint64_t)rec_int(&e->r, "enterprise", 0);
		if (e->eid)
			zs_get(z, KIND_ENTERPRISE, e->eid, &e->ent);
	}
	return e;
}

void zs_entry_free(struct zs_entry *e)
{
	if (!e)
		return;
	rec_free(&e->r);
	rec_free(&e->ent);
	rec_free(&e->base);
	free(e);
}

struct rec *zs_entry_rec(struct zs_entry *e, enum kind k)
{
	if (k == e->kind)
		return &e->r;
	if (k == KIND_ENTERPRISE && e->kind == KIND_PROJECT)
		return &e->ent;
	return NULL;
}

uint64_t zs_entry_id(const struct zs_entry *e)
{
	return e->id;
}

void zs_entry_strict(struct zs_entry *e)
{
	e->strict = true;
}

/* Rewords "Label: what" as the front end labels the field. */
static void relabel(char *msg, size_t n, const char *label)
{
	if (!label || !strncmp(msg, label, strlen(label)))
		return;
	char *colon = strstr(msg, ": ");
	char body[512];
	snprintf(body, sizeof body, "%s", colon ? colon + 2 : msg);
	snprintf(msg, n, "%.100s: %s", label, body);
}

/* True when text is what reference field f of r shows now: given back
 * unchanged it keeps the record it names (two officers may share a
 * name, and resolving the name again could pick the other). */
static bool same_ref(struct zs_entry *e, enum kind k, struct rec *r, const struct field_def *f,
		     const char *text)
{
	if (!f || f->type != FT_REF || !text || !rec_find(r, f->name))
		return false;
	char shown[256];
	zs_field_text_def(e->z, k, r, f, shown, sizeof shown);
	return !strcmp(shown, text);
}

/* Sets or tries field f of the k record; keep says which. */
static int set(struct zs_entry *e, enum kind k, const struct field_def *f, const char *label,
	       const char *text, char *msg, size_t n, bool keep)
{
	struct rec *r = zs_entry_rec(e, k);
	msg[0] = '\0';
	if (!r) {
		snprintf(msg, n, _("%s: not a field of this record"), label ? label : f->name);
		return -1;
	}
	if (same_ref(e, k, r, f, text))
		return 0;
	struct rec scratch;
	if (!keep)
		rec_copy(&scratch, r);
	int rc = zs_field_set_def(e->z, k, keep ? r : &scratch, f, text, msg, n);
	if (!keep)
		rec_free(&scratch);
	if (rc)
		relabel(msg, n, label);
	if (keep && rc >= 0 && k == KIND_ENTERPRISE && e->kind != KIND_ENTERPRISE)
		e->with_ent = true;
	return rc;
}

int zs_entry_set(struct zs_entry *e, enum kind k, const struct field_def *f, const char *label,
		 const char *text, char *msg, size_t n)
{
	return set(e, k, f, label, text, msg, n, true);
}

int zs_entry_try(struct zs_entry *e, enum kind k, const struct field_def *f, const char *label,
		 const char *text, char *msg, size_t n)
{
	return set(e, k, f, label, text, msg, n, false);
}

int zs_entry_set_name(struct zs_entry *e, enum kind k, const char *field, const char *text,
		      char *msg, size_t n)
{
	const struct field_def *f = schema_field(k, field);
	if (f && (f->flags & FIELD_SYSTEM)) {
		snprintf(msg, n, _("%s is kept by zsdesk and cannot be set here"), field);
		return -1;
	}
	struct rec *r = zs_entry_rec(e, k);
	if (!r) {
		snprintf(msg, n, _("%s: not a field of this record"), field);
		return -1;
	}
	if (same_ref(e, k, r, f, text))
		return 0;
	/* Not a built-in field: a city's own, kept as text (zs_field_set). */
	int rc = zs_field_set(e->z, k, r, field, text, msg, n);
	if (rc >= 0 && k == KIND_ENTERPRISE && e->kind != KIND_ENTERPRISE)
		e->with_ent = true;
	return rc;
}

char *zs_entry_text(struct zs_entry *e, enum kind k, const struct field_def *f, char *buf,
		    size_t n)
{
	struct rec *r = zs_entry_rec(e, k);
	if (!r) {
		buf[0] = '\0';
		return buf;
	}
	return zs_field_text_def(e->z, k, r, f, buf, n);
}

bool zs_entry_find_enterprise(struct zs_entry *e, const char *typed)
{
	uint64_t eid;
	if (e->kind != KIND_PROJECT || e->id || !typed || !*typed ||
	    zs_resolve(e->z, KIND_ENTERPRISE, typed, &eid) != ZS_OK || eid == e->eid)
		return false;
	struct rec ent;
	rec_init(&ent);
	if (zs_get(e->z, KIND_ENTERPRISE, eid, &ent) != ZS_OK) {
		rec_free(&ent);
		return false;
	}
	rec_free(&e->ent);
	e->ent = ent;
	e->eid = eid;
	e->with_ent = true;
	return true;
}

size_t zs_entry_claims(struct zs_entry *e, struct zs_claim *out, size_t max)
{
	e->claims[0] = '\0';
	/* A new project, or one re-pointed to another enterprise. */
	if (e->kind != KIND_PROJECT ||
	    (e->id && rec_int(&e->r, "enterprise", 0) == rec_int(&e->base, "enterprise", 0)))
		return 0;
	struct zs *z = e->z;
	struct rec named;
	rec_init(&named);
	const struct rec *ent = &e->ent;
	if (!e->with_ent || e->id) {
		/* The command line names the enterprise by its field. */
		zs_get(z, KIND_ENTERPRISE, (uint64_t)rec_int(&e->r, "enterprise", 0), &named);
		ent = &named;
	}
	uint64_t ids[16];
	size_t n = zs_claims(z, rec_text(ent, "credit_code", NULL), rec_text(ent, "name", NULL),
			     (uint64_t)rec_int(&e->r, "district", 0), ids, max < 16 ? max : 16);
	rec_free(&named);
	size_t kept = 0, used = 0;
	for (size_t i = 0; i < n; i++) {
		struct rec p;
		rec_init(&p);
		if (zs_get(z, KIND_PROJECT, ids[i], &p) != ZS_OK) {
			rec_free(&p);
			continue;
		}
		struct zs_claim *c = &out[kept++];
		c->id = ids[i];
		snprintf(c->project, sizeof c->project, "%s", rec_text(&p, "name", ""));
		snprintf(c->enterprise, sizeof c->enterprise, "%s", rec_text(&p, "enterprise_name", ""));
		zs_field_text(z, KIND_PROJECT, &p, "district", c->district, sizeof c->district);
		zs_field_text(z, KIND_PROJECT, &p, "stage", c->stage, sizeof c->stage);
		rec_free(&p);
		char idb[32];
		zs_id_text(ids[i], idb, sizeof idb);
		if (used + strlen(idb) + 2 < sizeof e->claims)
			used += (size_t)snprintf(e->claims + used, sizeof e->claims - used, "%s%s",
						 used ? "," : "", idb);
	}
	return kept;
}

/* Updates the record, merging with the saves others made since it was
 * read; same-field conflicts go to c. */
static int update(struct zs_entry *e, const char *why, struct zs_conflict *c, size_t max,
		  size_t *nc)
{
	struct zs *z = e->z;
	int rc = zs_save(z, e->kind, &e->id, &e->r, "update", why);
	for (int tries = 0; rc == ZS_CONFLICT && !e->strict && tries < 20; tries++) {
		/* Someone saved between our read and our write: merge on top
		 * of the record as it is now (zs_merge moves base there). */
		rc = zs_merge(z, e->kind, e->id, &e->base, &e->r, c, max, nc);
		e->merged = true;
		if (rc == ZS_CONFLICT)
			return zs_fail(z, ZS_CONFLICT, "%s",
				       _("someone else changed the same fields after you opened "
					 "the record"));
		if (rc == ZS_OK)
			rc = zs_save(z, e->kind, &e->id, &e->r, "update", why);
	}
	return rc;
}

int zs_entry_save(struct zs_entry *e, const char *why, struct zs_conflict *c, size_t max,
		  size_t *nc)
{
	struct zs *z = e->z;
	size_t none;
	if (!nc)
		nc = &none;
	*nc = 0;
	e->merged = false;
	int rc;
	if (e->kind == KIND_PROJECT && !e->id && e->with_ent) {
		uint64_t eid = e->eid, pid = 0;
		char field[64];
		if (e->claims[0])
			rec_set_text(&e->r, "claim_seen", e->claims);
		rc = zs_intake(z, &eid, &e->ent, &pid, &e->r, field, sizeof field);
		if (rc == ZS_OK) {
			e->eid = eid;
			e->id = pid;
		}
	} else if (!e->id) {
		if (e->kind == KIND_PROJECT && e->claims[0])
			rec_set_text(&e->r, "claim_seen", e->claims);
		uint64_t id = 0;
		rc = e->kind == KIND_ISSUE ? zs_issue_open(z, &id, &e->r)
					   : zs_save(z, e->kind, &id, &e->r, "create", why);
		if (rc == ZS_OK)
			e->id = id;
	} else {
		if (e->kind == KIND_PROJECT && e->claims[0])
			rec_set_text(&e->r, "claim_seen", e->claims);
		rc = update(e, why, c, max, nc);
	}
	if (rc == ZS_OK) {
		rec_free(&e->base);
		rec_copy(&e->base, &e->r);
	}
	return rc;
}

bool zs_entry_merged(const struct zs_entry *e)
{
	return e->merged;
}

void zs_entry_take_theirs(struct zs_entry *e, const char *field)
{
	/* After a merge the base is the record as others left it. */
	const struct rec_field *f = rec_find(&e->base, field);
	if (f)
		rec_set(&e->r, field, &f->v);
	else
		rec_unset(&e->r, field);
}

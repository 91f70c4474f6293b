/*
 * followup.c - the follow-up log (跟进记录 / 走访记录) of projects and
 * enterprises: calls, visits and meetings, read newest first.
 *
 * An entry is a record of its own kind, written through the one save
 * path like any other (save.c fills its enterprise, district and author;
 * access.c lets only its author correct it, with a reason, and the audit
 * log keeps the old text).  Three unique indexes order the entries by
 * the day and time they took place under their project, their enterprise
 * and their author, so a log is one backwards walk of a key range however
 * large the library grows; the officer sees the entries of their
 * district's projects and those their district logged, the city office
 * all.
 */
#include <config.h>

#include <string.h>

#include "internal.h"

struct walk {
	struct zs *z;
	struct store_txn *t;
	unsigned char prefix[8];
	bool project_log;  /* the log of one project ... */
	bool project_seen; /* ... which the officer may read whole */
	size_t skip, max, stored, total;
	uint64_t *ids;
};

/* Takes one entry of the key range, newest first; stops past its end. */
static int walk_one(void *ctx, const void *key, size_t klen, uint64_t id)
{
	struct walk *w = ctx;
	if (klen < 8 || memcmp(key, w->prefix, 8) != 0)
		return 1;
	if (!w->project_seen) {
		struct rec f, p;
		rec_init(&f);
		rec_init(&p);
		bool seen = false;
		if (store_get(w->t, &w->z->tables[KIND_FOLLOWUP], id, &f) == STORE_OK) {
			int64_t pid = rec_int(&f, "project", 0);
			bool has = pid > 0 && store_get(w->t, &w->z->tables[KIND_PROJECT],
							(uint64_t)pid, &p) == STORE_OK;
			seen = access_followup_visible(w->z, &f, has ? &p : NULL);
		}
		rec_free(&f);
		rec_free(&p);
		if (!seen)
			return 0;
	}
	if (w->total >= w->skip && w->stored < w->max)
		w->ids[w->stored++] = id;
	w->total++;
	return 0;
}

size_t zs_followups(struct zs *z, enum kind of, uint64_t id, size_t skip, uint64_t *ids,
		    size_t max, size_t *total)
{
	struct walk w = {.z = z, .skip = skip, .max = max, .ids = ids};
	if (total)
		*total = 0;
	zs_fail_clear(z);
	if (of != KIND_PROJECT && of != KIND_ENTERPRISE && of != KIND_OFFICER) {
		zs_fail(z, ZS_INVALID, "%s",
			"zs_followups: a project's, an enterprise's or an officer's log");
		return 0;
	}
	if (store_read(z->st, &w.t)) {
		zs_from_store(z, STORE_ERROR);
		return 0;
	}
	w.project_log = of == KIND_PROJECT;
	if (zs_sees_all(z)) {
		w.project_seen = true;
	} else if (w.project_log) {
		struct rec p;
		rec_init(&p);
		w.project_seen = store_get(w.t, &z->tables[KIND_PROJECT], id, &p) == STORE_OK &&
				 access_project_mine(z, &p);
		rec_free(&p);
	}
	unsigned char from[31];
	zs_be64(w.prefix, id);
	memcpy(from, w.prefix, 8);
	memset(from + 8, 0xFF, sizeof from - 8);
	int ix = of == KIND_PROJECT	 ? IX_FOLLOWUP_PROJECT
		 : of == KIND_ENTERPRISE ? IX_FOLLOWUP_ENTERPRISE
					 : IX_FOLLOWUP_AUTHOR;
	int rc = store_index_scan(w.t, &z->tables[KIND_FOLLOWUP], ix, from, sizeof from, true,
				  walk_one, &w);
	store_done(w.t);
	if (rc)
		zs_from_store(z, rc);
	if (total)
		*total = w.total;
	return w.stored;
}

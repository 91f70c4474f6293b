/*
 * scan.c - whole tables: every record of a kind in batches (exports),
 * and many saves in one transaction (imports).
 *
 * An export reads a whole table; reading it a record per transaction
 * would cost a transaction (and a guard) per record, and holding one
 * transaction while the caller writes a file would pin old pages for as
 * long as the disk or the pipe takes.  So records are copied out in
 * batches, one short read transaction each, ascending by id, and only
 * those the officer may see whole: a desk officer's export holds the
 * projects and issues of their district, as their listings do.
 */
#include <config.h>

#include <string.h>

#include "internal.h"

/* True when the officer may see issue r: its project (or, for a dispute,
 * the other project) is theirs. */
static bool issue_visible(struct zs *z, struct store_txn *t, const struct rec *r)
{
	if (zs_sees_all(z))
		return true;
	struct rec p;
	rec_init(&p);
	bool mine = store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(r, "project", 0), &p) ==
			    STORE_OK &&
		    access_project_mine(z, &p);
	if (!mine && rec_bool(r, "dispute", false) &&
	    store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(r, "other_project", 0), &p) ==
		    STORE_OK)
		mine = access_project_mine(z, &p);
	rec_free(&p);
	return mine;
}

size_t zs_scan(struct zs *z, enum kind k, uint64_t *after, uint64_t *ids, struct rec *recs,
	       size_t max)
{
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return 0;
	struct store_iter *it = store_iter_records(t, &z->tables[k]);
	size_t n = 0;
	uint64_t id, from = *after + 1;
	bool on = from && store_iter_seek_up(it, from, &id);
	/* Bound the work of one call, as zs_list does. */
	for (size_t looked = 0; on && n < max && looked < max * 8;
	     looked++, on = store_iter_next_up(it, &id)) {
		from = id + 1;
		*after = id;
		rec_free(&recs[n]);
		if (store_get(t, &z->tables[k], id, &recs[n]) != STORE_OK)
			continue;
		if (k == KIND_PROJECT && !access_project_mine(z, &recs[n]))
			continue;
		if (k == KIND_ISSUE && !issue_visible(z, t, &recs[n]))
			continue;
		access_redact(z, k, id, &recs[n]);
		ids[n++] = id;
	}
	if (!on)
		*after = UINT64_MAX; /* nothing after: done */
	store_iter_free(it);
	store_done(t);
	return n;
}

int zs_together(struct zs *z, bool commit, int (*fn)(void *ctx), void *ctx)
{
	zs_fail_clear(z);
	int rc = store_together(z->st, commit, fn, ctx);
	return rc == STORE_OK ? ZS_OK : zs_from_store(z, rc);
}

int zs_codes(struct zs *z, enum kind k,
	     int (*fn)(void *ctx, const void *code, size_t len, uint64_t id), void *ctx)
{
	if (k != KIND_DISTRICT && k != KIND_OFFICER && k != KIND_ENTERPRISE)
		return zs_fail(z, ZS_INVALID, "%s", "zs_codes: a kind without a code");
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	/* Index 0 of each of these kinds is its unique code (tables.c). */
	rc = store_index_scan(t, &z->tables[k], 0, NULL, 0, false, fn, ctx);
	store_done(t);
	return rc == STORE_OK ? ZS_OK : zs_from_store(z, rc);
}

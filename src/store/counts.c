/*
 * counts.c - signed totals under byte keys, kept in the write transaction
 * of the records they sum (the reports' per-month deltas live here).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

int store_counts_add(struct store_txn *t, const void *key, size_t len, int64_t delta)
{
	if (delta == 0)
		return STORE_OK;
	if (len == 0 || len > STORE_MAX_KEY)
		return env_fail(t->s, STORE_ERROR, "%s", _("a count key is empty or too long"));
	if (!t->s->has_counts)
		return env_fail(t->s, STORE_ERROR, "%s", _("the database has no counts (read-only)"));
	MDB_val k = {len, (void *)key}, d;
	int64_t v = 0;
	int rc = mdb_get(t->txn, t->s->counts, &k, &d);
	if (rc == 0 && d.mv_size == 8)
		v = (int64_t)be64_get(d.mv_data);
	else if (rc && rc != MDB_NOTFOUND)
		return env_mdb_fail(t, rc, N_("reading a count"));
	v += delta;
	if (v == 0) {
		rc = mdb_del(t->txn, t->s->counts, &k, NULL);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	} else {
		unsigned char b[8];
		be64_put(b, (uint64_t)v);
		MDB_val nv = {8, b};
		/* A new key after every other (a count kept by ascending ids) is
		 * appended: pages are filled, not split in half. */
		rc = rc == MDB_NOTFOUND ? mdb_put(t->txn, t->s->counts, &k, &nv, MDB_APPEND) : MDB_KEYEXIST;
		if (rc == MDB_KEYEXIST) {
			k.mv_size = len;
			k.mv_data = (void *)key;
			rc = mdb_put(t->txn, t->s->counts, &k, &nv, 0);
		}
	}
	return rc ? env_mdb_fail(t, rc, N_("updating a count")) : STORE_OK;
}

int store_counts_scan(struct store_txn *t, const void *from, size_t fromlen, const void *to,
		      size_t tolen, int (*fn)(void *ctx, const void *key, size_t klen, int64_t v),
		      void *ctx)
{
	if (!t->s->has_counts)
		return STORE_OK; /* an older database opened read-only: none yet */
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->counts, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading counts"));
	MDB_val k = {fromlen, (void *)from}, d;
	rc = mdb_cursor_get(c, &k, &d, fromlen ? MDB_SET_RANGE : MDB_FIRST);
	while (rc == 0) {
		if (to) {
			size_t n = k.mv_size < tolen ? k.mv_size : tolen;
			int cmp = memcmp(k.mv_data, to, n);
			if (cmp > 0 || (cmp == 0 && k.mv_size >= tolen))
				break;
		}
		int64_t v = d.mv_size == 8 ? (int64_t)be64_get(d.mv_data) : 0;
		if (fn(ctx, k.mv_data, k.mv_size, v))
			break;
		rc = mdb_cursor_get(c, &k, &d, MDB_NEXT);
	}
	mdb_cursor_close(c);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : env_mdb_fail(t, rc, N_("reading counts"));
}

int store_counts_clear(struct store_txn *t)
{
	if (!t->s->has_counts)
		return env_fail(t->s, STORE_ERROR, "%s", _("the database has no counts (read-only)"));
	int rc = mdb_drop(t->txn, t->s->counts, 0);
	return rc ? env_mdb_fail(t, rc, N_("clearing counts")) : STORE_OK;
}

struct store_counts_cursor {
	struct store_txn *t;
	MDB_cursor *c;
};

struct store_counts_cursor *store_counts_cursor(struct store_txn *t)
{
	if (!t->s->has_counts)
		return NULL;
	struct store_counts_cursor *cc = xcalloc(1, sizeof *cc);
	cc->t = t;
	if (mdb_cursor_open(t->txn, t->s->counts, &cc->c)) {
		free(cc);
		return NULL;
	}
	return cc;
}

bool store_counts_at(struct store_counts_cursor *cc, const void *from, size_t fromlen,
		     const void **key, size_t *klen, int64_t *v)
{
	if (!cc)
		return false;
	/* A cursor already on a page holding the key looks there first, so
	 * nearby keys read one after another cost little. */
	MDB_val k = {fromlen, (void *)from}, d;
	if (mdb_cursor_get(cc->c, &k, &d, MDB_SET_RANGE))
		return false;
	*key = k.mv_data;
	*klen = k.mv_size;
	*v = d.mv_size == 8 ? (int64_t)be64_get(d.mv_data) : 0;
	return true;
}

void store_counts_cursor_free(struct store_counts_cursor *cc)
{
	if (!cc)
		return;
	mdb_cursor_close(cc->c);
	free(cc);
}

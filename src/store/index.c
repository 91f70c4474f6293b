/*
 * index.c - secondary indexes: the keys of a record, and reading indexes.
 *
 * A table's owner lists a record's keys through a callback; they are
 * gathered into a keyset so that a save touches only the entries that
 * differ between the old record and the new.  A unique index maps a key
 * to one id; a posting index keeps every id under a key as sorted 8-byte
 * duplicates, which LMDB can count and seek without reading the records.
 * Iterators step downwards, newest id first, because lists show the most
 * recent records first and stop after a page.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

/* store_emit_fn that collects keys into a keyset. */
static void keyset_emit(void *ctx, int index, const void *key, size_t len)
{
	struct keyset *ks = ctx;
	if (len == 0 || len > STORE_MAX_KEY)
		return;
	for (size_t i = 0; i < ks->n; i++)
		if (ks->k[i].index == index && ks->k[i].len == len &&
		    memcmp(ks->data.p + ks->k[i].off, key, len) == 0)
			return;
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 64;
		ks->k = xreallocarray(ks->k, ks->cap, sizeof *ks->k);
	}
	ks->k[ks->n].index = index;
	ks->k[ks->n].off = ks->data.len;
	ks->k[ks->n].len = len;
	ks->n++;
	buf_add(&ks->data, key, len);
}

void keyset_collect(struct keyset *ks, const struct store_table *tab, const struct rec *r,
		    uint64_t id)
{
	tab->keys(r, id, keyset_emit, ks, tab->ctx);
}

void keyset_free(struct keyset *ks)
{
	free(ks->k);
	buf_free(&ks->data);
	memset(ks, 0, sizeof *ks);
}

/* True when ks holds the key at position i of other. */
static bool keyset_has(const struct keyset *ks, const struct keyset *other, size_t i)
{
	for (size_t j = 0; j < ks->n; j++)
		if (ks->k[j].index == other->k[i].index && ks->k[j].len == other->k[i].len &&
		    memcmp(ks->data.p + ks->k[j].off, other->data.p + other->k[i].off,
			   ks->k[j].len) == 0)
			return true;
	return false;
}

/* Ids mostly arrive in increasing order; appending them (MDB_APPENDDUP)
 * fills pages instead of splitting them in half, which halves the size of
 * the indexes.  The append is tried first (one descent of the tree); an id
 * out of order, or one already there, is put in its place. */
int index_put_posting(struct store_txn *t, MDB_dbi dbi, const MDB_val *k, uint64_t id)
{
	unsigned char idb[8];
	be64_put(idb, id);
	MDB_val key = *k, nd = {8, idb};
	int rc = mdb_put(t->txn, dbi, &key, &nd, MDB_APPENDDUP);
	if (rc == MDB_KEYEXIST) {
		key = *k;
		rc = mdb_put(t->txn, dbi, &key, &nd, MDB_NODUPDATA);
	}
	return rc == MDB_KEYEXIST ? 0 : rc;
}

/* Adds or removes one index entry. */
static int index_apply(struct store_txn *t, const struct store_table *tab, int index,
		       const void *key, size_t len, uint64_t id, bool add)
{
	unsigned char idb[8];
	be64_put(idb, id);
	MDB_dbi dbi = t->s->idx[tab->no][index];
	MDB_val k = {len, (void *)key}, d = {8, idb};
	int rc;
	if (!add) {
		rc = mdb_del(t->txn, dbi, &k, &d);
		if (rc && rc != MDB_NOTFOUND)
			return env_mdb_fail(t, rc, N_("updating an index"));
		return STORE_OK;
	}
	if (tab->indexes[index].unique) {
		MDB_val cur;
		rc = mdb_get(t->txn, dbi, &k, &cur);
		if (rc == 0 && (cur.mv_size != 8 || be64_get(cur.mv_data) != id)) {
			env_fail(t->s, STORE_EXISTS, "%s.%s", tab->name, tab->indexes[index].name);
			t->s->clash = index;
			return STORE_EXISTS;
		}
		if (rc == 0)
			return STORE_OK;
		rc = mdb_put(t->txn, dbi, &k, &d, 0);
	} else {
		rc = index_put_posting(t, dbi, &k, id);
	}
	return rc ? env_mdb_fail(t, rc, N_("updating an index")) : STORE_OK;
}

int index_update(struct store_txn *t, const struct store_table *tab, uint64_t id,
		 const struct rec *old, const struct rec *r)
{
	struct keyset ko = {0}, kn = {0};
	int rc = STORE_OK;
	if (old)
		keyset_collect(&ko, tab, old, id);
	keyset_collect(&kn, tab, r, id);
	/* Remove the entries only the old record had, then add the new ones. */
	for (size_t i = 0; i < ko.n && rc == STORE_OK; i++)
		if (!keyset_has(&kn, &ko, i))
			rc = index_apply(t, tab, ko.k[i].index, ko.data.p + ko.k[i].off, ko.k[i].len,
					 id, false);
	for (size_t i = 0; i < kn.n && rc == STORE_OK; i++)
		if (!keyset_has(&ko, &kn, i))
			rc = index_apply(t, tab, kn.k[i].index, kn.data.p + kn.k[i].off, kn.k[i].len,
					 id, true);
	keyset_free(&ko);
	keyset_free(&kn);
	return rc;
}

int store_index_add(struct store_txn *t, const struct store_table *tab, int index,
		    const void *key, size_t len, uint64_t id)
{
	if (len == 0 || len > STORE_MAX_KEY || tab->indexes[index].unique)
		return STORE_OK;
	MDB_val k = {len, (void *)key};
	int rc = index_put_posting(t, t->s->idx[tab->no][index], &k, id);
	return rc ? env_mdb_fail(t, rc, N_("updating an index")) : STORE_OK;
}

int store_unique_get(struct store_txn *t, const struct store_table *tab, int index,
		     const void *key, size_t len, uint64_t *id)
{
	if (len == 0 || len > STORE_MAX_KEY)
		return STORE_NOTFOUND;
	MDB_val k = {len, (void *)key}, d;
	int rc = mdb_get(t->txn, t->s->idx[tab->no][index], &k, &d);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND
					  : env_mdb_fail(t, rc, N_("reading an index"));
	*id = d.mv_size == 8 ? be64_get(d.mv_data) : 0;
	return STORE_OK;
}

int store_index_scan(struct store_txn *t, const struct store_table *tab, int index,
		     const void *from, size_t fromlen, bool backwards,
		     int (*fn)(void *ctx, const void *key, size_t klen, uint64_t id), void *ctx)
{
	MDB_cursor *c;
	MDB_val k = {fromlen, (void *)from}, d;
	int rc = mdb_cursor_open(t->txn, t->s->idx[tab->no][index], &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading an index"));
	bool dups = !tab->indexes[index].unique;
	if (!from || !fromlen) {
		rc = mdb_cursor_get(c, &k, &d, backwards ? MDB_LAST : MDB_FIRST);
	} else {
		rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
		if (backwards) {
			/* Step back to the last key <= from. */
			if (rc == MDB_NOTFOUND)
				rc = mdb_cursor_get(c, &k, &d, MDB_LAST);
			else if (rc == 0) {
				size_t n = k.mv_size < fromlen ? k.mv_size : fromlen;
				int cmp = memcmp(k.mv_data, from, n);
				if (cmp > 0 || (cmp == 0 && k.mv_size > fromlen))
					rc = mdb_cursor_get(c, &k, &d, MDB_PREV_NODUP);
			}
			if (rc == 0 && dups)
				rc = mdb_cursor_get(c, &k, &d, MDB_LAST_DUP);
		}
	}
	while (rc == 0) {
		uint64_t id = d.mv_size == 8 ? be64_get(d.mv_data) : 0;
		if (fn(ctx, k.mv_data, k.mv_size, id))
			break;
		rc = mdb_cursor_get(c, &k, &d, backwards ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 || rc == MDB_NOTFOUND)
		return STORE_OK;
	return env_mdb_fail(t, rc, N_("reading an index"));
}

/* Where an iterator stands: before its first id, on an id, or past its last. */
enum iter_at { ITER_START, ITER_ON, ITER_END };

struct store_iter {
	MDB_cursor *cur;
	bool postings;
	MDB_val key;
	unsigned char keybuf[STORE_MAX_KEY];
	uint64_t count;
	enum iter_at at;
	uint64_t last; /* the id the cursor is on, when at == ITER_ON */
};

struct store_iter *store_iter_postings(struct store_txn *t, const struct store_table *tab,
				       int index, const void *key, size_t len)
{
	if (len == 0 || len > sizeof ((struct store_iter *)0)->keybuf)
		return NULL;
	struct store_iter *it = xcalloc(1, sizeof *it);
	if (mdb_cursor_open(t->txn, t->s->idx[tab->no][index], &it->cur)) {
		free(it);
		return NULL;
	}
	memcpy(it->keybuf, key, len);
	it->key.mv_size = len;
	it->key.mv_data = it->keybuf;
	it->postings = true;
	MDB_val k = it->key, d;
	size_t count = 0;
	if (mdb_cursor_get(it->cur, &k, &d, MDB_SET) || mdb_cursor_count(it->cur, &count)) {
		store_iter_free(it);
		return NULL;
	}
	it->count = count;
	return it;
}

struct store_iter *store_iter_records(struct store_txn *t, const struct store_table *tab)
{
	struct store_iter *it = xcalloc(1, sizeof *it);
	if (mdb_cursor_open(t->txn, t->s->rec[tab->no], &it->cur)) {
		free(it);
		return NULL;
	}
	it->count = store_count(t, tab);
	return it;
}

/* Notes where a seek left the iterator; returns found. */
static bool iter_land(struct store_iter *it, bool found, uint64_t id)
{
	it->at = found ? ITER_ON : ITER_END;
	it->last = id;
	return found;
}

bool store_iter_seek(struct store_iter *it, uint64_t below, uint64_t *id)
{
	unsigned char b[8];
	be64_put(b, below);
	MDB_val k, d;
	int rc;
	/* The AND of posting lists asks each list again for the id it stands
	 * on, or for the next one down, most of the time: from where the
	 * cursor stands that is an answer or a few steps back, where a seek
	 * descends the tree from its root again. */
	if (it->at == ITER_ON && below == it->last) {
		*id = below;
		return true;
	}
	if (it->at == ITER_ON && below < it->last) {
		for (int step = 0; step < 4; step++) {
			k = it->key;
			rc = mdb_cursor_get(it->cur, &k, &d, it->postings ? MDB_PREV_DUP : MDB_PREV);
			if (rc == MDB_NOTFOUND)
				return iter_land(it, false, 0); /* nothing below the first */
			if (!it->postings)
				d = k;
			if (rc || d.mv_size != 8)
				break;
			uint64_t v = be64_get(d.mv_data);
			it->last = v; /* the cursor is on v now */
			if (v <= below) {
				*id = v;
				return iter_land(it, true, v);
			}
		}
	}
	if (it->postings) {
		/* First dup >= below, then back one if it is greater. */
		k = it->key;
		d.mv_size = 8;
		d.mv_data = b;
		rc = mdb_cursor_get(it->cur, &k, &d, MDB_GET_BOTH_RANGE);
		if (rc == MDB_NOTFOUND) {
			k = it->key;
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET);
			if (!rc)
				rc = mdb_cursor_get(it->cur, &k, &d, MDB_LAST_DUP);
		} else if (rc == 0 && be64_get(d.mv_data) > below) {
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_PREV_DUP);
		}
	} else {
		k.mv_size = 8;
		k.mv_data = b;
		rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_LAST);
		else if (rc == 0 && be64_get(k.mv_data) > below)
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_PREV);
		d = k;
	}
	if (rc || d.mv_size != 8)
		return iter_land(it, false, 0);
	*id = be64_get(d.mv_data);
	return iter_land(it, *id <= below, *id);
}

bool store_iter_seek_up(struct store_iter *it, uint64_t above, uint64_t *id)
{
	unsigned char b[8];
	be64_put(b, above);
	MDB_val k, d;
	int rc;
	if (it->postings) {
		k = it->key;
		d.mv_size = 8;
		d.mv_data = b;
		rc = mdb_cursor_get(it->cur, &k, &d, MDB_GET_BOTH_RANGE);
	} else {
		k.mv_size = 8;
		k.mv_data = b;
		rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET_RANGE);
		d = k;
	}
	if (rc || d.mv_size != 8)
		return iter_land(it, false, 0);
	*id = be64_get(d.mv_data);
	return iter_land(it, *id >= above, *id);
}

bool store_iter_next_up(struct store_iter *it, uint64_t *id)
{
	if (!it || it->at != ITER_ON)
		return false;
	MDB_val k = it->key, d;
	int rc = mdb_cursor_get(it->cur, &k, &d, it->postings ? MDB_NEXT_DUP : MDB_NEXT);
	if (!it->postings)
		d = k;
	if (rc == 0 && d.mv_size == 8 && be64_get(d.mv_data) > it->last) {
		*id = be64_get(d.mv_data);
		return iter_land(it, true, *id);
	}
	if (rc == MDB_NOTFOUND || it->last == UINT64_MAX)
		return iter_land(it, false, 0);
	return store_iter_seek_up(it, it->last + 1, id);
}

/* The cursor already stands on the last id, so the next one is one step
 * back; a seek is the fallback should the step not land below it. */
bool store_iter_next(struct store_iter *it, uint64_t *id)
{
	if (!it || it->at == ITER_END)
		return false;
	if (it->at == ITER_START)
		return store_iter_seek(it, UINT64_MAX, id);
	MDB_val k = it->key, d;
	int rc = mdb_cursor_get(it->cur, &k, &d, it->postings ? MDB_PREV_DUP : MDB_PREV);
	if (!it->postings)
		d = k;
	if (rc == 0 && d.mv_size == 8 && be64_get(d.mv_data) < it->last) {
		*id = be64_get(d.mv_data);
		return iter_land(it, true, *id);
	}
	if (rc == MDB_NOTFOUND || it->last == 0)
		return iter_land(it, false, 0);
	return store_iter_seek(it, it->last - 1, id);
}

uint64_t store_iter_count(struct store_iter *it)
{
	return it->count;
}

void store_iter_free(struct store_iter *it)
{
	if (!it)
		return;
	mdb_cursor_close(it->cur);
	free(it);
}

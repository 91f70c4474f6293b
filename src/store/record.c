/*
 * record.c - records by id: reading, the one write path, ids and the clock.
 *
 * store_put() is the only way a record changes.  It keeps the record, its
 * index entries (index.c) and its journal and audit entries (log.c) in one
 * transaction, so none of them can disagree with the others; it stamps
 * each changed field with the hybrid logical clock kept here, which is
 * what lets the log give every past value back without storing it twice.
 *
 * Sequential ids are written with MDB_APPEND so that pages fill up instead
 * of splitting in half, which keeps a million projects small.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

int store_get(struct store_txn *t, const struct store_table *tab, uint64_t id, struct rec *r)
{
	unsigned char kb[8];
	be64_put(kb, id);
	MDB_val k = {8, kb}, d;
	int rc = mdb_get(t->txn, t->s->rec[tab->no], &k, &d);
	if (rc == MDB_NOTFOUND) {
		rec_free(r);
		return STORE_NOTFOUND;
	}
	if (rc)
		return env_mdb_fail(t, rc, N_("reading"));
	char err[128];
	if (codec_decode(d.mv_data, d.mv_size, r, err, sizeof err) < 0)
		return env_fail(t->s, STORE_ERROR, _("record %s %llu is damaged: %s"), tab->name,
				(unsigned long long)id, err);
	return STORE_OK;
}

int store_get_fields(struct store_txn *t, const struct store_table *tab, uint64_t id,
		     const char *const *names, struct rec *r)
{
	unsigned char kb[8];
	be64_put(kb, id);
	MDB_val k = {8, kb}, d;
	int rc = mdb_get(t->txn, t->s->rec[tab->no], &k, &d);
	if (rc == MDB_NOTFOUND) {
		rec_free(r);
		return STORE_NOTFOUND;
	}
	if (rc)
		return env_mdb_fail(t, rc, N_("reading"));
	if (codec_decode_fields(d.mv_data, d.mv_size, names, r) < 0)
		return env_fail(t->s, STORE_ERROR, _("record %s %llu is damaged: %s"), tab->name,
				(unsigned long long)id, "malformed CBOR");
	return STORE_OK;
}

uint64_t record_counter_next(struct store_txn *t, const char *key)
{
	uint64_t v = 0;
	env_meta_get_u64(t->s, t->txn, key, &v);
	if (env_meta_put_u64(t->s, t->txn, key, v + 1))
		return 0;
	return v + 1;
}

uint64_t store_next_id(struct store_txn *t, const struct store_table *tab)
{
	char key[64];
	snprintf(key, sizeof key, "seq.%s", tab->name);
	uint64_t seq = record_counter_next(t, key);
	return seq ? STORE_ID(t->s->node, seq) : 0;
}

uint64_t store_count(struct store_txn *t, const struct store_table *tab)
{
	MDB_stat st;
	if (mdb_stat(t->txn, t->s->rec[tab->no], &st))
		return 0;
	return st.ms_entries;
}

uint64_t record_hlc_next(struct store_txn *t)
{
	return record_hlc_after(t, 0);
}

uint64_t record_hlc_after(struct store_txn *t, uint64_t floor)
{
	uint64_t last = 0;
	env_meta_get_u64(t->s, t->txn, "hlc", &last);
	if (floor > last)
		last = floor;
	uint64_t now = (uint64_t)t->s->now_ms() << 16;
	uint64_t h = now > last ? now : last + 1;
	/* The low byte names the copy (its node number's), so that no two
	 * copies below node 256 ever give the same stamp: sync tells changes
	 * apart by their stamps. */
	uint64_t mine = (h & ~(uint64_t)0xFF) | (t->s->node & 0xFF);
	h = mine >= h ? mine : mine + 0x100;
	int rc = env_meta_put_u64(t->s, t->txn, "hlc", h);
	if (rc) {
		env_mdb_fail(t, rc, N_("writing"));
		return 0;
	}
	return h;
}

/* Puts a record, with MDB_APPEND when its key is the largest so far. */
static int put_record(struct store_txn *t, MDB_dbi dbi, uint64_t id, const struct buf *b)
{
	unsigned char kb[8];
	be64_put(kb, id);
	MDB_val k = {8, kb}, d = {b->len, b->p}, last, ld;
	MDB_cursor *c;
	unsigned flags = 0;
	int rc = mdb_cursor_open(t->txn, dbi, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("writing"));
	rc = mdb_cursor_get(c, &last, &ld, MDB_LAST);
	if (rc == MDB_NOTFOUND || (rc == 0 && last.mv_size == 8 && be64_get(last.mv_data) < id))
		flags = MDB_APPEND;
	rc = mdb_cursor_put(c, &k, &d, flags);
	mdb_cursor_close(c);
	return rc ? env_mdb_fail(t, rc, N_("writing")) : STORE_OK;
}

int store_put(struct store_txn *t, const struct store_table *tab, uint64_t id, struct rec *r,
	      const struct store_who *who)
{
	struct rec old;
	t->s->clash = -1;
	rec_init(&old);
	int rc = store_get(t, tab, id, &old);
	bool exists = rc == STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if ((exists ? old.version : 0) != r->version) {
		rec_free(&old);
		return env_fail(t->s, STORE_CONFLICT, "%s %llu", tab->name, (unsigned long long)id);
	}
	/* Which fields change?  An operation of another copy that wins a
	 * field whose value is already the same still leaves its stamp. */
	bool changed = !exists, applying = store_origin_pending(t);
	for (size_t i = 0; i < r->n && !changed; i++) {
		struct rec_field *o = rec_find(&old, r->f[i].name);
		changed = !o || !rec_value_equal(&o->v, &r->f[i].v) ||
			  (applying && r->f[i].stamp > o->stamp);
	}
	for (size_t i = 0; i < old.n && !changed; i++)
		changed = !rec_find(r, old.f[i].name);
	if (!changed) {
		rec_free(&old);
		return STORE_OK; /* an applied operation journals itself (store_origin_note) */
	}
	/* r is the caller's: on failure it must be as it came in, so that a
	 * corrected save is not taken for a conflict. */
	uint64_t was_version = r->version, was_created = r->created;
	uint64_t *was_stamps = xcalloc(r->n ? r->n : 1, sizeof *was_stamps);
	for (size_t i = 0; i < r->n; i++)
		was_stamps[i] = r->f[i].stamp;
	/* A change made here on a value stamped ahead of this clock (another
	 * copy's, whose clock runs fast) must still come after it. */
	uint64_t floor = 0;
	for (size_t i = 0; i < r->n && exists && !applying; i++) {
		struct rec_field *o = rec_find(&old, r->f[i].name);
		if (o && !rec_value_equal(&o->v, &r->f[i].v) && o->stamp > floor)
			floor = o->stamp;
	}
	for (size_t i = 0; i < old.n && !applying; i++)
		if (!rec_find(r, old.f[i].name) && old.f[i].stamp > floor)
			floor = old.f[i].stamp;
	uint64_t hlc = applying ? sync_stamp(t) : record_hlc_after(t, floor);
	if (!hlc) {
		free(was_stamps);
		rec_free(&old);
		return t->full ? STORE_FULL : STORE_ERROR;
	}
	r->version = exists ? old.version + 1 : 1;
	r->created = exists ? old.created : hlc;
	for (size_t i = 0; i < r->n; i++) {
		struct rec_field *o = exists ? rec_find(&old, r->f[i].name) : NULL;
		bool same = o && rec_value_equal(&o->v, &r->f[i].v);
		if (same && applying && was_stamps[i] > o->stamp)
			r->f[i].stamp = was_stamps[i];
		else
			r->f[i].stamp = same ? o->stamp : hlc;
	}

	rc = index_update(t, tab, id, exists ? &old : NULL, r);
	if (rc == STORE_OK) {
		struct buf b = {0};
		codec_encode(r, &b);
		rc = put_record(t, t->s->rec[tab->no], id, &b);
		buf_free(&b);
	}
	if (rc == STORE_OK)
		rc = log_append(t, tab, id, exists ? &old : NULL, r, hlc, who);
	if (rc != STORE_OK) {
		r->version = was_version;
		r->created = was_created;
		for (size_t i = 0; i < r->n; i++)
			r->f[i].stamp = was_stamps[i];
	}
	free(was_stamps);
	rec_free(&old);
	return rc;
}


/*
 * sync.c - the journal as a stream of operations between copies.
 *
 * Every journal entry is an operation with an origin: the copy (node)
 * that made it and that copy's own sequence number for it, so the
 * operations of one origin form a gapless run 1, 2, 3, ... on every copy
 * that holds them.  log.by_origin finds them by (node, sequence); the
 * summary of a copy is, per origin, the highest sequence it holds
 * (meta "have.<node>"; for this copy's own operations "seq.origin").
 *
 * An operation of another copy is applied by the ordinary write path
 * (store_put, or store_origin_note when it changes nothing here) inside a
 * transaction marked with store_txn_origin(): the journal entry then
 * keeps the origin's node, sequence and clock stamp and the operation's
 * own bytes, so that it can be passed on unchanged to a third copy.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

/* How far ahead of the local clock a stamp may be and still move it. */
#define SYNC_SKEW_MS (10LL * 60 * 1000)

uint64_t sync_stamp(struct store_txn *t)
{
	if (!t->origin || t->origin_used)
		return record_hlc_next(t);
	uint64_t h = t->origin->hlc, last = 0;
	int64_t now = t->s->now_ms();
	if (STORE_HLC_MS(h) <= now + SYNC_SKEW_MS) {
		env_meta_get_u64(t->s, t->txn, "hlc", &last);
		if (h > last) {
			int rc = env_meta_put_u64(t->s, t->txn, "hlc", h);
			if (rc) {
				env_mdb_fail(t, rc, N_("writing"));
				return 0;
			}
		}
	}
	return h ? h : 1;
}

/* This copy's own origin counter, started from the log counter on a
 * database written before copies were numbered apart. */
static int own_seq(struct store_txn *t, uint64_t *v)
{
	if (env_meta_get_u64(t->s, t->txn, "seq.origin", v) == 0)
		return 0;
	*v = 0;
	env_meta_get_u64(t->s, t->txn, "seq.log", v);
	return 0;
}

int sync_entry_origin(struct store_txn *t, uint64_t *node, uint64_t *oseq, const void **op,
		      size_t *oplen)
{
	uint64_t v;
	bool fresh = env_meta_get_u64(t->s, t->txn, "seq.origin", &v) != 0;
	if (fresh) {
		/* Every entry so far is this copy's: the log counter, less the
		 * entry being written. */
		v = 0;
		env_meta_get_u64(t->s, t->txn, "seq.log", &v);
		v = v ? v - 1 : 0;
	}
	if (t->origin && !t->origin_used) {
		int rc = fresh ? env_meta_put_u64(t->s, t->txn, "seq.origin", v) : 0;
		if (rc) {
			env_mdb_fail(t, rc, N_("writing the log"));
			return -1;
		}
		t->origin_used = true;
		*node = t->origin->node;
		*oseq = t->origin->seq;
		*op = t->origin->op;
		*oplen = t->origin->oplen;
		return 0;
	}
	int rc = env_meta_put_u64(t->s, t->txn, "seq.origin", v + 1);
	if (rc) {
		env_mdb_fail(t, rc, N_("writing the log"));
		return -1;
	}
	*node = t->s->node;
	*oseq = v + 1;
	*op = NULL;
	*oplen = 0;
	return 0;
}

/* The key of log.by_origin. */
static void origin_key(unsigned char k[16], uint64_t node, uint64_t oseq)
{
	be64_put(k, node);
	be64_put(k + 8, oseq);
}

int sync_index_entry(struct store_txn *t, uint64_t node, uint64_t oseq, uint64_t seq)
{
	if (t->origin && t->origin->replay && t->origin->node == node && t->origin->seq == oseq)
		return STORE_OK;
	unsigned char kb[16], vb[8];
	origin_key(kb, node, oseq);
	be64_put(vb, seq);
	MDB_val k = {16, kb}, d = {8, vb};
	int rc = mdb_put(t->txn, t->s->by_origin, &k, &d, MDB_NOOVERWRITE);
	if (rc == MDB_KEYEXIST)
		return env_fail(t->s, STORE_ERROR, _("operation %llu of node %llu is already held"),
				(unsigned long long)oseq, (unsigned long long)node);
	if (rc)
		return env_mdb_fail(t, rc, N_("writing the log"));
	if (node == t->s->node)
		return STORE_OK;
	char key[32];
	snprintf(key, sizeof key, "have.%llu", (unsigned long long)node);
	uint64_t have = 0;
	env_meta_get_u64(t->s, t->txn, key, &have);
	if (oseq == have + 1 && (rc = env_meta_put_u64(t->s, t->txn, key, oseq)))
		return env_mdb_fail(t, rc, N_("writing the log"));
	return STORE_OK;
}

void store_txn_origin(struct store_txn *t, const struct store_origin *o)
{
	t->origin = o;
	t->origin_used = false;
}

bool store_origin_pending(const struct store_txn *t)
{
	return t->origin && !t->origin_used;
}

int store_origin_note(struct store_txn *t, uint64_t actor, const char *op, const char *why)
{
	return log_append_note(t, actor, op, why);
}

uint64_t store_have(struct store_txn *t, unsigned node)
{
	uint64_t v = 0;
	if (node == t->s->node) {
		own_seq(t, &v);
		return v;
	}
	char key[32];
	snprintf(key, sizeof key, "have.%u", node);
	env_meta_get_u64(t->s, t->txn, key, &v);
	return v;
}

int store_summary(struct store_txn *t, int (*fn)(void *ctx, unsigned node, uint64_t have),
		  void *ctx)
{
	int stop = fn(ctx, t->s->node, store_have(t, t->s->node));
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->meta, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading"));
	static const char prefix[] = "have.";
	MDB_val k = {sizeof prefix - 1, (void *)prefix}, d;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); rc == 0 && !stop;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
		if (k.mv_size <= sizeof prefix - 1 || memcmp(k.mv_data, prefix, sizeof prefix - 1))
			break;
		char num[24] = "";
		size_t n = k.mv_size - (sizeof prefix - 1);
		if (n >= sizeof num || d.mv_size != 8)
			continue;
		memcpy(num, (char *)k.mv_data + sizeof prefix - 1, n);
		unsigned node = (unsigned)strtoul(num, NULL, 10);
		if (node && node != t->s->node)
			stop = fn(ctx, node, be64_get(d.mv_data));
	}
	mdb_cursor_close(c);
	return STORE_OK;
}

int store_ops_scan(struct store_txn *t, unsigned node, uint64_t after,
		   int (*fn)(void *ctx, uint64_t oseq, uint64_t seq), void *ctx)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->by_origin, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading the log"));
	unsigned char kb[16];
	origin_key(kb, node, after + 1);
	MDB_val k = {16, kb}, d;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
		if (k.mv_size != 16 || be64_get(k.mv_data) != node)
			break;
		if (fn(ctx, be64_get((char *)k.mv_data + 8), be64_get(d.mv_data)))
			break;
	}
	mdb_cursor_close(c);
	return STORE_OK;
}

/* Finds the raw bytes of the "op" item of journal entry jd, if any. */
static bool stored_op(const MDB_val *jd, const unsigned char **p, size_t *n)
{
	struct codec_reader r = {jd->mv_data, jd->mv_size, 0};
	uint64_t m;
	if (codec_read_map(&r, &m) < 0)
		return false;
	for (uint64_t i = 0; i < m; i++) {
		const char *k;
		size_t kl;
		if (codec_read_text(&r, &k, &kl) < 0)
			return false;
		size_t at = r.pos;
		if (codec_skip(&r) < 0)
			return false;
		if (codec_key_is(k, kl, "op")) {
			*p = r.p + at;
			*n = r.pos - at;
			return true;
		}
	}
	return false;
}

/* Encodes a text into b, or nothing when s is NULL. */
static void put_kv_text(struct buf *b, const char *k, const char *s)
{
	codec_put_text(b, k, strlen(k));
	codec_put_text(b, s, strlen(s));
}

int store_op_bytes(struct store_txn *t, uint64_t seq, unsigned char **out, size_t *outlen)
{
	unsigned char kb[8];
	be64_put(kb, seq);
	MDB_val k = {8, kb}, jd;
	int rc = mdb_get(t->txn, t->s->journal, &k, &jd);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND : env_mdb_fail(t, rc, N_("reading the log"));
	const unsigned char *p;
	size_t n;
	if (stored_op(&jd, &p, &n)) {
		*out = (unsigned char *)xmemdup(p, n);
		*outlen = n;
		return STORE_OK;
	}
	struct store_log e;
	memset(&e, 0, sizeof e);
	if (log_decode_journal(&jd, &e) < 0)
		return env_fail(t->s, STORE_ERROR, _("log entry %llu is damaged"),
				(unsigned long long)seq);
	bool note = !strcmp(e.table, STORE_MAINTENANCE);
	if (!note) {
		store_log_free(&e);
		if ((rc = store_log_get(t, seq, &e)) != STORE_OK)
			return rc;
	} else {
		MDB_val ad;
		if (mdb_get(t->txn, t->s->audit, &k, &ad) || log_decode_audit(&ad, &e) < 0) {
			store_log_free(&e);
			return env_fail(t->s, STORE_ERROR, _("log entry %llu is damaged"),
					(unsigned long long)seq);
		}
	}
	struct buf b = {0};
	codec_put_map(&b, 10 + (e.why != NULL) + !note);
	codec_put_text(&b, "node", 4);
	codec_put_uint(&b, e.node);
	codec_put_text(&b, "seq", 3);
	codec_put_uint(&b, e.origin_seq);
	codec_put_text(&b, "hlc", 3);
	codec_put_uint(&b, e.hlc);
	put_kv_text(&b, "table", e.table);
	codec_put_text(&b, "id", 2);
	codec_put_uint(&b, e.id);
	codec_put_text(&b, "version", 7);
	codec_put_uint(&b, e.version);
	codec_put_text(&b, "who", 3);
	codec_put_uint(&b, e.actor);
	codec_put_text(&b, "at", 2);
	codec_put_int(&b, e.at);
	put_kv_text(&b, "what", e.op);
	if (e.why)
		put_kv_text(&b, "why", e.why);
	codec_put_text(&b, "created", 7);
	codec_put_bool(&b, e.created);
	if (!note) {
		codec_put_text(&b, "set", 3);
		codec_put_array(&b, e.n);
		for (size_t i = 0; i < e.n; i++) {
			codec_put_array(&b, 4);
			codec_put_text(&b, e.c[i].field, strlen(e.c[i].field));
			codec_put_uint(&b, e.c[i].replaced);
			const struct rec_value *v[2] = {&e.c[i].new, &e.c[i].old};
			for (int s = 0; s < 2; s++) {
				if (v[s]->type == REC_NULL)
					codec_put_null(&b);
				else
					codec_encode_value(v[s], &b);
			}
		}
	}
	store_log_free(&e);
	*out = b.p;
	*outlen = b.len;
	return STORE_OK;
}

/* Copies a text item into dst (size n); -1 when it is not a text or too long. */
static int read_text_to(struct codec_reader *r, char *dst, size_t n)
{
	const char *s;
	size_t len;
	if (codec_read_text(r, &s, &len) < 0 || len >= n || memchr(s, '\0', len))
		return -1;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

int store_op_decode(const void *p, size_t n, struct store_log *e)
{
	memset(e, 0, sizeof *e);
	struct codec_reader r = {p, n, 0};
	uint64_t m;
	if (codec_read_map(&r, &m) < 0)
		return -1;
	for (uint64_t i = 0; i < m; i++) {
		const char *k;
		size_t kl;
		if (codec_read_text(&r, &k, &kl) < 0)
			goto bad;
		int rc = 0;
		if (codec_key_is(k, kl, "node"))
			rc = codec_read_uint(&r, &e->node);
		else if (codec_key_is(k, kl, "seq"))
			rc = codec_read_uint(&r, &e->origin_seq);
		else if (codec_key_is(k, kl, "hlc"))
			rc = codec_read_uint(&r, &e->hlc);
		else if (codec_key_is(k, kl, "table"))
			rc = read_text_to(&r, e->table, sizeof e->table);
		else if (codec_key_is(k, kl, "id"))
			rc = codec_read_uint(&r, &e->id);
		else if (codec_key_is(k, kl, "version"))
			rc = codec_read_uint(&r, &e->version);
		else if (codec_key_is(k, kl, "who"))
			rc = codec_read_uint(&r, &e->actor);
		else if (codec_key_is(k, kl, "at"))
			rc = codec_read_int(&r, &e->at);
		else if (codec_key_is(k, kl, "what"))
			rc = read_text_to(&r, e->op, sizeof e->op);
		else if (codec_key_is(k, kl, "why")) {
			const char *w;
			size_t wl;
			if ((rc = codec_read_text(&r, &w, &wl)) == 0) {
				free(e->why);
				e->why = xmemdup(w, wl);
			}
		} else if (codec_key_is(k, kl, "created")) {
			struct rec_value v;
			rc = codec_read_value(&r, &v);
			e->created = rc == 0 && v.type == REC_BOOL && v.i;
			rec_value_free(&v);
		} else if (codec_key_is(k, kl, "set")) {
			uint64_t cnt;
			if (codec_read_array(&r, &cnt) < 0 || cnt > n)
				goto bad;
			for (uint64_t j = 0; j < cnt; j++) {
				uint64_t three;
				const char *f;
				size_t fl;
				if (codec_read_array(&r, &three) < 0 || three != 4 ||
				    codec_read_text(&r, &f, &fl) < 0 || fl == 0 || fl > 63 ||
				    memchr(f, '\0', fl))
					goto bad;
				e->c = xreallocarray(e->c, e->n + 1, sizeof *e->c);
				struct store_change *c = &e->c[e->n++];
				memset(c, 0, sizeof *c);
				c->field = xmemdup(f, fl);
				if (codec_read_uint(&r, &c->replaced) < 0 ||
				    codec_read_value(&r, &c->new) < 0 ||
				    codec_read_value(&r, &c->old) < 0)
					goto bad;
			}
		} else
			rc = codec_skip(&r);
		if (rc < 0)
			goto bad;
	}
	if (r.pos != n || !e->node || !e->origin_seq || !e->hlc || !e->table[0])
		goto bad;
	return 0;
bad:
	store_log_free(e);
	return -1;
}

/* Indexes every journal entry written before log.by_origin existed. */
static int backfill(struct store_txn *t)
{
	MDB_stat st;
	if (mdb_stat(t->txn, t->s->by_origin, &st) == 0 && st.ms_entries > 0)
		return STORE_OK;
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->journal, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading the log"));
	MDB_val k, d;
	uint64_t own = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
		struct store_log e;
		memset(&e, 0, sizeof e);
		if (k.mv_size != 8 || log_decode_journal(&d, &e) < 0) {
			store_log_free(&e);
			continue;
		}
		unsigned char kb[16], vb[8];
		origin_key(kb, e.node, e.origin_seq);
		memcpy(vb, k.mv_data, 8);
		MDB_val ok = {16, kb}, ov = {8, vb};
		int prc = mdb_put(t->txn, t->s->by_origin, &ok, &ov, MDB_NOOVERWRITE);
		if (e.node == t->s->node && e.origin_seq > own)
			own = e.origin_seq;
		store_log_free(&e);
		if (prc && prc != MDB_KEYEXIST) {
			mdb_cursor_close(c);
			return env_mdb_fail(t, prc, N_("writing the log"));
		}
	}
	mdb_cursor_close(c);
	uint64_t v;
	if (env_meta_get_u64(t->s, t->txn, "seq.origin", &v) != 0 &&
	    (rc = env_meta_put_u64(t->s, t->txn, "seq.origin", own)))
		return env_mdb_fail(t, rc, N_("writing"));
	return STORE_OK;
}

int store_sync_ready(struct store_txn *t)
{
	return backfill(t);
}

int store_sync_renumber(struct store_txn *t, unsigned node)
{
	int rc = backfill(t);
	if (rc)
		return rc;
	unsigned old = t->s->node;
	/* No operation of the new number may be held already. */
	unsigned char kb[16];
	origin_key(kb, node, 0);
	MDB_cursor *c;
	MDB_val k = {16, kb}, d;
	if ((rc = mdb_cursor_open(t->txn, t->s->by_origin, &c)))
		return env_mdb_fail(t, rc, N_("reading the log"));
	rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	bool taken = rc == 0 && k.mv_size == 16 && be64_get(k.mv_data) == node;
	mdb_cursor_close(c);
	if (taken)
		return env_fail(t->s, STORE_EXISTS,
				_("node %u has already made changes held in this copy; choose another number"),
				node);
	uint64_t own = store_have(t, old);
	char key[32];
	snprintf(key, sizeof key, "have.%u", old);
	if ((rc = env_meta_put_u64(t->s, t->txn, key, own)) ||
	    (rc = env_meta_put_u64(t->s, t->txn, "seq.origin", 0)) ||
	    (rc = env_meta_put_u64(t->s, t->txn, "node", node)))
		return env_mdb_fail(t, rc, N_("writing"));
	snprintf(key, sizeof key, "have.%u", node);
	MDB_val dk = {strlen(key), key};
	mdb_del(t->txn, t->s->meta, &dk, NULL);
	t->s->node = node;
	return STORE_OK;
}

int store_nested(struct store_txn *t, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	struct store_txn c = *t;
	int rc = mdb_txn_begin(t->s->env, t->txn, 0, &c.txn);
	if (rc)
		return env_mdb_fail(t, rc, N_("writing"));
	int r = fn(&c, ctx);
	if (r == STORE_OK) {
		rc = mdb_txn_commit(c.txn);
		if (rc)
			return env_mdb_fail(t, rc, N_("writing"));
		t->origin_used = c.origin_used;
	} else {
		mdb_txn_abort(c.txn);
		t->full |= c.full;
	}
	return r;
}

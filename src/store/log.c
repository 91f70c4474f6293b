/*
 * log.c - the journal and the audit log: writing, reading, history.
 *
 * Every write appends one journal entry (what changed, stamped by the
 * clock, for copies to exchange) and one audit entry (who, when, why and
 * the old values, for people), under the same sequence number.  A value
 * is never stored twice: an entry names the fields it set, and their new
 * values are found by walking back from the record (log_load), which is
 * also how store_check_table() proves the log and the records agree.
 *
 * The future sync will live here too: exporting the journal entries a
 * copy has not seen, and applying entries from another copy by their
 * stamps.  Entries already carry node, origin seq and clock for that.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

int log_append(struct store_txn *t, const struct store_table *tab, uint64_t id,
	       const struct rec *old, const struct rec *r, uint64_t hlc,
	       const struct store_who *who)
{
	struct store *s = t->s;
	uint64_t seq = record_counter_next(t, "seq.log");
	if (!seq)
		return env_mdb_fail(t, MDB_MAP_FULL, N_("writing the log"));
	size_t nchg = 0, nold = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct rec_field *o = old ? rec_find(old, r->f[i].name) : NULL;
		if (!o || !rec_value_equal(&o->v, &r->f[i].v) || o->stamp != r->f[i].stamp) {
			nchg++;
			nold += o != NULL;
		}
	}
	for (size_t i = 0; old && i < old->n; i++)
		if (!rec_find(r, old->f[i].name)) {
			nchg++;
			nold++;
		}

	uint64_t onode, oseq;
	const void *op;
	size_t oplen;
	if (sync_entry_origin(t, &onode, &oseq, &op, &oplen))
		return t->full ? STORE_FULL : STORE_ERROR;
	struct buf j = {0}, a = {0};
	codec_put_map(&j, 7 + (op != NULL));
	codec_put_text(&j, "node", 4);
	codec_put_uint(&j, onode);
	codec_put_text(&j, "seq", 3);
	codec_put_uint(&j, oseq);
	if (op) {
		codec_put_text(&j, "op", 2);
		buf_add(&j, op, oplen);
	}
	codec_put_text(&j, "hlc", 3);
	codec_put_uint(&j, hlc);
	codec_put_text(&j, "table", 5);
	codec_put_text(&j, tab->name, strlen(tab->name));
	codec_put_text(&j, "id", 2);
	codec_put_uint(&j, id);
	codec_put_text(&j, "version", 7);
	codec_put_uint(&j, r->version);
	if (old) {
		codec_put_text(&j, "set", 3);
		codec_put_array(&j, nchg);
	} else {
		codec_put_text(&j, "created", 7);
		codec_put_bool(&j, 1);
	}

	codec_put_map(&a, 6 + (who->why != NULL));
	codec_put_text(&a, "who", 3);
	codec_put_uint(&a, who->actor);
	codec_put_text(&a, "at", 2);
	codec_put_int(&a, s->now_ms() / 1000); /* the wall clock: the HLC may run ahead */
	codec_put_text(&a, "op", 2);
	codec_put_text(&a, who->op, strlen(who->op));
	codec_put_text(&a, "table", 5);
	codec_put_text(&a, tab->name, strlen(tab->name));
	codec_put_text(&a, "id", 2);
	codec_put_uint(&a, id);
	if (who->why) {
		codec_put_text(&a, "why", 3);
		codec_put_text(&a, who->why, strlen(who->why));
	}
	codec_put_text(&a, "old", 3);
	codec_put_map(&a, nold);

	for (size_t i = 0; i < r->n; i++) {
		struct rec_field *o = old ? rec_find(old, r->f[i].name) : NULL;
		if (!old || (o && rec_value_equal(&o->v, &r->f[i].v) && o->stamp == r->f[i].stamp))
			continue;
		codec_put_array(&j, 2);
		codec_put_text(&j, r->f[i].name, strlen(r->f[i].name));
		codec_put_uint(&j, o ? o->stamp : 0);
		if (o) {
			codec_put_text(&a, o->name, strlen(o->name));
			codec_encode_value(&o->v, &a);
		}
	}
	for (size_t i = 0; old && i < old->n; i++) {
		if (rec_find(r, old->f[i].name))
			continue;
		codec_put_array(&j, 2);
		codec_put_text(&j, old->f[i].name, strlen(old->f[i].name));
		codec_put_uint(&j, old->f[i].stamp);
		codec_put_text(&a, old->f[i].name, strlen(old->f[i].name));
		codec_encode_value(&old->f[i].v, &a);
	}

	unsigned char kb[8], rk[9], ak[8];
	be64_put(kb, seq);
	MDB_val k = {8, kb}, jd = {j.len, j.p}, ad = {a.len, a.p};
	int rc = mdb_put(t->txn, s->journal, &k, &jd, MDB_APPEND);
	if (!rc)
		rc = mdb_put(t->txn, s->audit, &k, &ad, MDB_APPEND);
	rk[0] = (unsigned char)tab->code;
	be64_put(rk + 1, id);
	be64_put(ak, who->actor);
	MDB_val rkv = {9, rk}, akv = {8, ak};
	if (!rc)
		rc = index_put_posting(t, s->by_record, &rkv, seq);
	if (!rc)
		rc = index_put_posting(t, s->by_actor, &akv, seq);
	buf_free(&j);
	buf_free(&a);
	if (rc)
		return env_mdb_fail(t, rc, N_("writing the log"));
	return sync_index_entry(t, onode, oseq, seq);
}

int log_append_note(struct store_txn *t, uint64_t actor, const char *op, const char *why)
{
	struct store *s = t->s;
	uint64_t hlc = sync_stamp(t);
	uint64_t seq = hlc ? record_counter_next(t, "seq.log") : 0;
	if (!seq)
		return env_mdb_fail(t, MDB_MAP_FULL, N_("writing the log"));
	static const char table[] = STORE_MAINTENANCE;
	uint64_t onode, oseq;
	const void *oop;
	size_t ooplen;
	if (sync_entry_origin(t, &onode, &oseq, &oop, &ooplen))
		return t->full ? STORE_FULL : STORE_ERROR;
	struct buf j = {0}, a = {0};
	codec_put_map(&j, 6 + (oop != NULL));
	codec_put_text(&j, "node", 4);
	codec_put_uint(&j, onode);
	codec_put_text(&j, "seq", 3);
	codec_put_uint(&j, oseq);
	if (oop) {
		codec_put_text(&j, "op", 2);
		buf_add(&j, oop, ooplen);
	}
	codec_put_text(&j, "hlc", 3);
	codec_put_uint(&j, hlc);
	codec_put_text(&j, "table", 5);
	codec_put_text(&j, table, sizeof table - 1);
	codec_put_text(&j, "id", 2);
	codec_put_uint(&j, STORE_ID(onode, 0));
	codec_put_text(&j, "version", 7);
	codec_put_uint(&j, 0);

	codec_put_map(&a, 6 + (why != NULL));
	codec_put_text(&a, "who", 3);
	codec_put_uint(&a, actor);
	codec_put_text(&a, "at", 2);
	codec_put_int(&a, s->now_ms() / 1000);
	codec_put_text(&a, "op", 2);
	codec_put_text(&a, op, strlen(op));
	codec_put_text(&a, "table", 5);
	codec_put_text(&a, table, sizeof table - 1);
	codec_put_text(&a, "id", 2);
	codec_put_uint(&a, STORE_ID(onode, 0));
	if (why) {
		codec_put_text(&a, "why", 3);
		codec_put_text(&a, why, strlen(why));
	}
	codec_put_text(&a, "old", 3);
	codec_put_map(&a, 0);

	unsigned char kb[8], rk[9] = {0}, ak[8];
	be64_put(kb, seq);
	be64_put(ak, actor);
	MDB_val k = {8, kb}, jd = {j.len, j.p}, ad = {a.len, a.p}, rkv = {9, rk}, akv = {8, ak};
	int rc = mdb_put(t->txn, s->journal, &k, &jd, MDB_APPEND);
	if (!rc)
		rc = mdb_put(t->txn, s->audit, &k, &ad, MDB_APPEND);
	if (!rc)
		rc = index_put_posting(t, s->by_record, &rkv, seq);
	if (!rc)
		rc = index_put_posting(t, s->by_actor, &akv, seq);
	buf_free(&j);
	buf_free(&a);
	if (rc)
		return env_mdb_fail(t, rc, N_("writing the log"));
	return sync_index_entry(t, onode, oseq, seq);
}

/* Writes one maintenance note (store_write's callback). */
struct note_ctx {
	uint64_t actor;
	const char *op, *why;
};

/* Appends the note of ctx in the write transaction t. */
static int note_txn(struct store_txn *t, void *vctx)
{
	const struct note_ctx *c = vctx;
	return log_append_note(t, c->actor, c->op, c->why);
}

int store_note(struct store *s, uint64_t actor, const char *op, const char *why)
{
	struct note_ctx c = {actor, op, why};
	return store_write(s, note_txn, &c);
}

uint64_t store_note_count(struct store_txn *t)
{
	unsigned char rk[9] = {0};
	MDB_val k = {9, rk}, d;
	MDB_cursor *c;
	size_t n = 0;
	if (mdb_cursor_open(t->txn, t->s->by_record, &c))
		return 0;
	if (mdb_cursor_get(c, &k, &d, MDB_SET) == 0)
		mdb_cursor_count(c, &n);
	mdb_cursor_close(c);
	return n;
}

/* Copies a text item of the reader into dst (size n). */
static int read_text_into(struct codec_reader *r, char *dst, size_t n)
{
	const char *s;
	size_t len;
	if (codec_read_text(r, &s, &len) < 0)
		return -1;
	if (len >= n)
		len = n - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

/* Finds or adds the change of field name in e. */
static struct store_change *log_change(struct store_log *e, const char *name, size_t len)
{
	for (size_t i = 0; i < e->n; i++)
		if (strlen(e->c[i].field) == len && memcmp(e->c[i].field, name, len) == 0)
			return &e->c[i];
	e->c = xreallocarray(e->c, e->n + 1, sizeof *e->c);
	struct store_change *c = &e->c[e->n++];
	memset(c, 0, sizeof *c);
	c->field = xmemdup(name, len);
	return c;
}

int log_decode_journal(const MDB_val *d, struct store_log *e)
{
	struct codec_reader r = {d->mv_data, d->mv_size, 0};
	uint64_t n;
	if (codec_read_map(&r, &n) < 0)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		const char *k;
		size_t kl;
		if (codec_read_text(&r, &k, &kl) < 0)
			return -1;
		int rc = 0;
		if (codec_key_is(k, kl, "node"))
			rc = codec_read_uint(&r, &e->node);
		else if (codec_key_is(k, kl, "seq"))
			rc = codec_read_uint(&r, &e->origin_seq);
		else if (codec_key_is(k, kl, "hlc"))
			rc = codec_read_uint(&r, &e->hlc);
		else if (codec_key_is(k, kl, "table"))
			rc = read_text_into(&r, e->table, sizeof e->table);
		else if (codec_key_is(k, kl, "id"))
			rc = codec_read_uint(&r, &e->id);
		else if (codec_key_is(k, kl, "version"))
			rc = codec_read_uint(&r, &e->version);
		else if (codec_key_is(k, kl, "created")) {
			struct rec_value v;
			rc = codec_read_value(&r, &v);
			e->created = rc == 0 && v.type == REC_BOOL && v.i;
			rec_value_free(&v);
		} else if (codec_key_is(k, kl, "set")) {
			uint64_t m;
			if (codec_read_array(&r, &m) < 0)
				return -1;
			for (uint64_t j = 0; j < m; j++) {
				uint64_t two;
				const char *f;
				size_t fl;
				if (codec_read_array(&r, &two) < 0 || two != 2 ||
				    codec_read_text(&r, &f, &fl) < 0)
					return -1;
				struct store_change *c = log_change(e, f, fl);
				if (codec_read_uint(&r, &c->replaced) < 0)
					return -1;
			}
		} else
			rc = codec_skip(&r);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int log_decode_audit(const MDB_val *d, struct store_log *e)
{
	struct codec_reader r = {d->mv_data, d->mv_size, 0};
	uint64_t n;
	if (codec_read_map(&r, &n) < 0)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		const char *k;
		size_t kl;
		if (codec_read_text(&r, &k, &kl) < 0)
			return -1;
		int rc = 0;
		if (codec_key_is(k, kl, "who"))
			rc = codec_read_uint(&r, &e->actor);
		else if (codec_key_is(k, kl, "at"))
			rc = codec_read_int(&r, &e->at);
		else if (codec_key_is(k, kl, "op"))
			rc = read_text_into(&r, e->op, sizeof e->op);
		else if (codec_key_is(k, kl, "why")) {
			const char *w;
			size_t wl;
			if ((rc = codec_read_text(&r, &w, &wl)) == 0) {
				free(e->why);
				e->why = xmemdup(w, wl);
			}
		} else if (codec_key_is(k, kl, "old")) {
			uint64_t m;
			if (codec_read_map(&r, &m) < 0)
				return -1;
			for (uint64_t j = 0; j < m; j++) {
				const char *f;
				size_t fl;
				if (codec_read_text(&r, &f, &fl) < 0)
					return -1;
				struct store_change *c = log_change(e, f, fl);
				rec_value_free(&c->old);
				if (codec_read_value(&r, &c->old) < 0)
					return -1;
			}
		} else
			rc = codec_skip(&r);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Reads the journal and audit halves of entry seq, without new values. */
static int log_raw(struct store_txn *t, uint64_t seq, struct store_log *e)
{
	unsigned char kb[8];
	be64_put(kb, seq);
	MDB_val k = {8, kb}, jd, ad;
	memset(e, 0, sizeof *e);
	e->seq = seq;
	int rc = mdb_get(t->txn, t->s->journal, &k, &jd);
	if (!rc)
		rc = mdb_get(t->txn, t->s->audit, &k, &ad);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND
					  : env_mdb_fail(t, rc, N_("reading the log"));
	if (log_decode_journal(&jd, e) < 0 || log_decode_audit(&ad, e) < 0) {
		store_log_free(e);
		return env_fail(t->s, STORE_ERROR, _("log entry %llu is damaged"),
				(unsigned long long)seq);
	}
	return STORE_OK;
}

void store_log_free(struct store_log *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->c[i].field);
		rec_value_free(&e->c[i].old);
		rec_value_free(&e->c[i].new);
	}
	free(e->c);
	free(e->why);
	memset(e, 0, sizeof *e);
}

/* Reports a fault of a record's log through fn, if given. */
#define LOG_FAULT(fn, ctx, ...)                                                                   \
	do {                                                                                      \
		if (fn) {                                                                         \
			char m_[256];                                                             \
			snprintf(m_, sizeof m_, __VA_ARGS__);                                     \
			fn(ctx, m_);                                                              \
		}                                                                                 \
		faults++;                                                                         \
	} while (0)

/*
 * Gives each entry its new values by walking back from the record: the
 * value an entry set is the record's (if nothing changed the field since)
 * or the old value kept by the next entry that changed it.  On the way it
 * checks that stamps, versions and old values agree; returns the faults.
 */
static uint64_t log_materialize(struct store_log *e, size_t n, const struct rec *cur,
				void (*fault)(void *ctx, const char *msg), void *ctx)
{
	uint64_t faults = 0;
	struct rec st;
	rec_copy(&st, cur);
	if (n == 0 || e[n - 1].version != cur->version)
		LOG_FAULT(fault, ctx, "version %llu has no journal entry",
			  (unsigned long long)cur->version);
	for (size_t i = n; i-- > 0;) {
		if (e[i].version != i + 1)
			LOG_FAULT(fault, ctx, "journal entry %llu has version %llu, not %zu",
				  (unsigned long long)e[i].seq, (unsigned long long)e[i].version,
				  i + 1);
		if (e[i].created) {
			if (i != 0)
				LOG_FAULT(fault, ctx, "created again at journal entry %llu",
					  (unsigned long long)e[i].seq);
			for (size_t j = 0; j < st.n; j++) {
				struct store_change *c =
					log_change(&e[i], st.f[j].name, strlen(st.f[j].name));
				rec_value_copy(&c->new, &st.f[j].v);
				if (st.f[j].stamp != e[i].hlc)
					LOG_FAULT(fault, ctx, "field %s has no journal entry", st.f[j].name);
			}
			continue;
		}
		if (i == 0)
			LOG_FAULT(fault, ctx, "%s", "the first journal entry is not a creation");
		for (size_t j = 0; j < e[i].n; j++) {
			struct store_change *c = &e[i].c[j];
			struct rec_field *f = rec_find(&st, c->field);
			if (f) {
				rec_value_copy(&c->new, &f->v);
				if (f->stamp != e[i].hlc)
					LOG_FAULT(fault, ctx, "field %s: journal entry %llu is not its last change",
						  c->field, (unsigned long long)e[i].seq);
			}
			if (c->replaced == 0) {
				rec_unset(&st, c->field);
			} else if (c->old.type == REC_NULL) {
				LOG_FAULT(fault, ctx, "field %s: the audit log lacks its old value at %llu",
					  c->field, (unsigned long long)e[i].seq);
				rec_unset(&st, c->field);
			} else {
				rec_set(&st, c->field, &c->old);
				rec_find(&st, c->field)->stamp = c->replaced;
			}
		}
	}
	rec_free(&st);
	return faults;
}

struct seq_list {
	uint64_t *v;
	size_t n;
};

/* Reads the seqs of a record's log entries, oldest first. */
static int log_seqs(struct store_txn *t, const struct store_table *tab, uint64_t id,
		    struct seq_list *l)
{
	unsigned char rk[9];
	rk[0] = (unsigned char)tab->code;
	be64_put(rk + 1, id);
	MDB_val k = {9, rk}, d;
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->by_record, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading the log"));
	l->v = NULL;
	l->n = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = be64_get(d.mv_data);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? STORE_OK : env_mdb_fail(t, rc, N_("reading the log"));
}

int log_load(struct store_txn *t, const struct store_table *tab, uint64_t id,
	     const struct rec *cur, struct store_log **out, size_t *n,
	     void (*fault)(void *ctx, const char *msg), void *ctx, uint64_t *faults)
{
	struct seq_list l = {NULL, 0};
	int rc = log_seqs(t, tab, id, &l);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	struct store_log *e = xcalloc(l.n ? l.n : 1, sizeof *e);
	size_t got = 0;
	for (; got < l.n; got++)
		if ((rc = log_raw(t, l.v[got], &e[got])) != STORE_OK)
			break;
	free(l.v);
	if (rc == STORE_OK) {
		uint64_t f = log_materialize(e, got, cur, fault, ctx);
		if (faults)
			*faults += f;
	} else if (faults) {
		(*faults)++;
		if (fault)
			fault(ctx, store_error(t->s));
	}
	*out = e;
	*n = got;
	return rc;
}

int store_history(struct store_txn *t, const struct store_table *tab, uint64_t id,
		  struct store_log **entries, size_t *n)
{
	struct rec cur;
	rec_init(&cur);
	int rc = store_get(t, tab, id, &cur);
	if (rc == STORE_OK)
		rc = log_load(t, tab, id, &cur, entries, n, NULL, NULL, NULL);
	rec_free(&cur);
	return rc;
}

int store_log_get(struct store_txn *t, uint64_t seq, struct store_log *out)
{
	struct store_log raw;
	int rc = log_raw(t, seq, &raw);
	if (rc)
		return rc;
	const struct store_table *tab = NULL;
	for (int i = 0; i < t->s->ntables; i++)
		if (!strcmp(t->s->tables[i].name, raw.table))
			tab = &t->s->tables[i];
	uint64_t id = raw.id;
	store_log_free(&raw);
	if (!tab)
		return env_fail(t->s, STORE_ERROR, _("log entry %llu names an unknown table"),
				(unsigned long long)seq);
	struct store_log *e;
	size_t n;
	rc = store_history(t, tab, id, &e, &n);
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		if (e[i].seq == seq && rc == STORE_OK)
			*out = e[i];
		else
			store_log_free(&e[i]);
	}
	free(e);
	if (rc == STORE_OK && out->seq != seq)
		rc = STORE_NOTFOUND;
	return rc;
}

int store_log_scan(struct store_txn *t, uint64_t actor, bool by_actor, uint64_t from,
		   int (*fn)(void *ctx, const struct store_log *e), void *ctx)
{
	MDB_cursor *c;
	unsigned char ak[8], kb[8];
	be64_put(ak, actor);
	be64_put(kb, from);
	MDB_val k = {8, by_actor ? ak : kb}, d;
	int rc = mdb_cursor_open(t->txn, by_actor ? t->s->by_actor : t->s->journal, &c);
	if (rc)
		return env_mdb_fail(t, rc, N_("reading the log"));
	if (by_actor) {
		rc = mdb_cursor_get(c, &k, &d, MDB_SET);
		if (rc == 0 && from) {
			MDB_val dv = {8, kb};
			rc = mdb_cursor_get(c, &k, &dv, MDB_GET_BOTH_RANGE);
			d = dv;
		}
	} else {
		rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	}
	while (rc == 0) {
		uint64_t seq = be64_get(by_actor ? d.mv_data : k.mv_data);
		struct store_log e;
		if (log_raw(t, seq, &e) == STORE_OK) {
			int stop = fn(ctx, &e);
			store_log_free(&e);
			if (stop)
				break;
		}
		rc = mdb_cursor_get(c, &k, &d, by_actor ? MDB_NEXT_DUP : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc == 0 || rc == MDB_NOTFOUND)
		return STORE_OK;
	return env_mdb_fail(t, rc, N_("reading the log"));
}

uint64_t store_log_count(struct store_txn *t)
{
	MDB_stat st;
	return mdb_stat(t->txn, t->s->journal, &st) ? 0 : st.ms_entries;
}


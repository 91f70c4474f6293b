/*
 * verify.c - checking the store from the outside.
 *
 * The checks trust nothing they read: every record is decoded, its index
 * keys are listed again by the table's own function and looked up one by
 * one, index sizes are compared with what the records give, and the log
 * is walked back to each record (log_load) so that a missing or altered
 * entry shows.  Faults are reported, never repaired.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"

struct check_ctx {
	struct store_txn *t;
	const struct store_table *tab;
	void (*problem)(void *ctx, const char *msg);
	void *pctx;
	uint64_t faults;
	uint64_t id;
	uint64_t *expected; /* per index */
};

/* Reports one fault. */
static void fault(struct check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fault(struct check_ctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->faults++;
	if (c->problem && c->faults <= 100)
		c->problem(c->pctx, msg);
}

/* Reports a fault of the record being checked, prefixed with its name. */
static void check_record_fault(void *vctx, const char *msg)
{
	struct check_ctx *c = vctx;
	fault(c, "%s %llu: %s", c->tab->name, (unsigned long long)STORE_ID_SEQ(c->id), msg);
	c->faults--; /* fault() counted it; log_load counts it too */
}

/* Checks that the record's indexes exist, via a keyset. */
static void check_keys(struct check_ctx *c, uint64_t id, const struct rec *r)
{
	struct keyset ks = {0};
	keyset_collect(&ks, c->tab, r, id);
	unsigned char idb[8];
	be64_put(idb, id);
	for (size_t i = 0; i < ks.n; i++) {
		int ix = ks.k[i].index;
		MDB_val k = {ks.k[i].len, ks.data.p + ks.k[i].off}, d = {8, idb};
		MDB_dbi dbi = c->t->s->idx[c->tab->no][ix];
		int rc;
		c->expected[ix]++;
		if (c->tab->indexes[ix].unique) {
			MDB_val got;
			rc = mdb_get(c->t->txn, dbi, &k, &got);
			if (rc == 0 && (got.mv_size != 8 || be64_get(got.mv_data) != id))
				rc = MDB_NOTFOUND;
		} else {
			MDB_cursor *cur;
			rc = mdb_cursor_open(c->t->txn, dbi, &cur);
			if (!rc) {
				rc = mdb_cursor_get(cur, &k, &d, MDB_GET_BOTH);
				mdb_cursor_close(cur);
			}
		}
		if (rc)
			fault(c, _("%s %llu: index %s lacks one of its entries"), c->tab->name,
			      (unsigned long long)id, c->tab->indexes[ix].name);
	}
	keyset_free(&ks);
}

uint64_t store_check_table(struct store_txn *t, const struct store_table *tab,
			   void (*problem)(void *ctx, const char *msg), void *ctx)
{
	uint64_t expected[STORE_MAX_INDEXES] = {0};
	struct check_ctx c = {.t = t, .tab = tab, .problem = problem, .pctx = ctx,
			      .expected = expected};
	MDB_cursor *cur;
	MDB_val k, d;
	struct rec r;
	rec_init(&r);
	if (mdb_cursor_open(t->txn, t->s->rec[tab->no], &cur)) {
		fault(&c, "%s", _("cannot read the records"));
		return c.faults;
	}
	int rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST);
	for (; rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		if (k.mv_size != 8) {
			fault(&c, _("%s: a key is not an id"), tab->name);
			continue;
		}
		uint64_t id = be64_get(k.mv_data);
		char err[128];
		if (codec_decode(d.mv_data, d.mv_size, &r, err, sizeof err) < 0) {
			fault(&c, _("%s %llu is damaged: %s"), tab->name, (unsigned long long)id, err);
			continue;
		}
		check_keys(&c, id, &r);
		struct store_log *e;
		size_t n;
		c.id = id;
		log_load(t, tab, id, &r, &e, &n, check_record_fault, &c, &c.faults);
		for (size_t i = 0; i < n; i++)
			store_log_free(&e[i]);
		free(e);
	}
	mdb_cursor_close(cur);
	rec_free(&r);
	for (int i = 0; i < tab->nindexes; i++) {
		MDB_stat st;
		if (mdb_stat(t->txn, t->s->idx[tab->no][i], &st) == 0 && st.ms_entries != expected[i])
			fault(&c, _("index %s.%s has %llu entries where the records give %llu"),
			      tab->name, tab->indexes[i].name, (unsigned long long)st.ms_entries,
			      (unsigned long long)expected[i]);
	}
	return c.faults;
}

uint64_t store_check_log(struct store_txn *t, void (*problem)(void *ctx, const char *msg),
			 void *ctx)
{
	struct check_ctx c = {.t = t, .problem = problem, .pctx = ctx};
	MDB_stat js, as, rs, xs;
	uint64_t last = 0;
	env_meta_get_u64(t->s, t->txn, "seq.log", &last);
	if (mdb_stat(t->txn, t->s->journal, &js) || mdb_stat(t->txn, t->s->audit, &as) ||
	    mdb_stat(t->txn, t->s->by_record, &rs) || mdb_stat(t->txn, t->s->by_actor, &xs)) {
		fault(&c, "%s", _("cannot read the log"));
		return c.faults;
	}
	if (js.ms_entries != last || as.ms_entries != last)
		fault(&c, _("the log should hold %llu entries: journal has %llu, audit %llu"),
		      (unsigned long long)last, (unsigned long long)js.ms_entries,
		      (unsigned long long)as.ms_entries);
	if (rs.ms_entries != js.ms_entries || xs.ms_entries != js.ms_entries)
		fault(&c, _("the log indexes hold %llu and %llu entries for %llu journal entries"),
		      (unsigned long long)rs.ms_entries, (unsigned long long)xs.ms_entries,
		      (unsigned long long)js.ms_entries);
	/* Journal and audit must have the same keys, in order. */
	MDB_cursor *jc, *ac;
	MDB_val jk, jd, ak, ad;
	if (mdb_cursor_open(t->txn, t->s->journal, &jc) ||
	    mdb_cursor_open(t->txn, t->s->audit, &ac)) {
		fault(&c, "%s", _("cannot read the log"));
		return c.faults;
	}
	int r1 = mdb_cursor_get(jc, &jk, &jd, MDB_FIRST);
	int r2 = mdb_cursor_get(ac, &ak, &ad, MDB_FIRST);
	uint64_t prev_hlc = 0;
	while (r1 == 0 && r2 == 0) {
		if (jk.mv_size != 8 || ak.mv_size != 8 || be64_get(jk.mv_data) != be64_get(ak.mv_data)) {
			fault(&c, "%s", _("journal and audit entries do not pair up"));
			break;
		}
		struct store_log e;
		memset(&e, 0, sizeof e);
		if (log_decode_journal(&jd, &e) < 0 || log_decode_audit(&ad, &e) < 0)
			fault(&c, _("log entry %llu is damaged"),
			      (unsigned long long)be64_get(jk.mv_data));
		else if (!strcmp(e.table, STORE_MAINTENANCE) &&
			 (STORE_ID_SEQ(e.id) != 0 || e.version != 0 || e.created || e.n != 0))
			fault(&c, _("log entry %llu: a maintenance entry names a record"),
			      (unsigned long long)be64_get(jk.mv_data));
		else if (e.hlc <= prev_hlc && e.node == t->s->node)
			fault(&c, _("log entry %llu: clock went backwards"),
			      (unsigned long long)be64_get(jk.mv_data));
		if (e.node == t->s->node)
			prev_hlc = e.hlc;
		store_log_free(&e);
		r1 = mdb_cursor_get(jc, &jk, &jd, MDB_NEXT);
		r2 = mdb_cursor_get(ac, &ak, &ad, MDB_NEXT);
	}
	mdb_cursor_close(jc);
	mdb_cursor_close(ac);
	return c.faults;
}

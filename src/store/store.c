/*
 * store.c - records, indexes and the log on LMDB.
 *
 * This is the only file that includes <lmdb.h>.  Every write goes through
 * store_put(), which keeps records, their indexes, the journal and the
 * audit log consistent inside one transaction; store_check_*() verify that
 * from the outside.  The layout is described in include/store.h.
 *
 * Sequential ids are written with MDB_APPEND so that pages fill up instead
 * of splitting in half, which keeps a million projects small.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <lmdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "codec.h"
#include "i18n.h"
#include "store.h"

#define MAX_INDEXES 16

struct store {
	MDB_env *env;
	MDB_dbi meta, journal, audit, by_record, by_actor;
	struct store_table *tables;
	int ntables;
	MDB_dbi rec[32];
	MDB_dbi idx[32][MAX_INDEXES];
	unsigned node;
	int64_t (*now_ms)(void);
	bool readonly;
	char err[512];
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	bool write;
	bool full; /* a write hit MDB_MAP_FULL */
};

struct store_iter {
	MDB_cursor *cur;
	bool postings;
	MDB_val key;
	unsigned char keybuf[511];
	uint64_t count;
};

/* Writes v big-endian into p. */
static void be64_put(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

/* Reads a big-endian 64-bit integer from p. */
static uint64_t be64_get(const void *q)
{
	const unsigned char *p = q;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Records msg (printf-style) as the error of s and returns status. */
static int seterr(struct store *s, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int seterr(struct store *s, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return status;
}

/* Translates an LMDB error of a write into a status, noting a full map. */
static int mdberr(struct store_txn *t, int rc, const char *what)
{
	if (rc == MDB_MAP_FULL || rc == MDB_TXN_FULL || rc == ENOSPC) {
		t->full = true;
		return STORE_FULL;
	}
	if (rc == MDB_NOTFOUND)
		return STORE_NOTFOUND;
	return seterr(t->s, STORE_ERROR, _("database error while %s: %s"), _(what), mdb_strerror(rc));
}

const char *store_error(const struct store *s)
{
	return s->err;
}

unsigned store_node(const struct store *s)
{
	return s->node;
}

struct store *store_of(struct store_txn *t)
{
	return t->s;
}

/* Milliseconds since the epoch by the real clock. */
static int64_t real_now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Opens (or creates, in a write transaction) every sub-database. */
static int open_dbis(struct store *s, MDB_txn *txn, unsigned flags)
{
	int rc;
	if ((rc = mdb_dbi_open(txn, "meta", flags, &s->meta)) ||
	    (rc = mdb_dbi_open(txn, "journal", flags, &s->journal)) ||
	    (rc = mdb_dbi_open(txn, "audit", flags, &s->audit)) ||
	    (rc = mdb_dbi_open(txn, "log.by_record", flags | MDB_DUPSORT | MDB_DUPFIXED,
			       &s->by_record)) ||
	    (rc = mdb_dbi_open(txn, "log.by_actor", flags | MDB_DUPSORT | MDB_DUPFIXED,
			       &s->by_actor)))
		return rc;
	for (int i = 0; i < s->ntables; i++) {
		struct store_table *tab = &s->tables[i];
		if ((rc = mdb_dbi_open(txn, tab->name, flags, &s->rec[i])))
			return rc;
		for (int j = 0; j < tab->nindexes; j++) {
			char name[128];
			snprintf(name, sizeof name, "%s.%s", tab->name, tab->indexes[j].name);
			unsigned f = flags;
			if (!tab->indexes[j].unique)
				f |= MDB_DUPSORT | MDB_DUPFIXED;
			if ((rc = mdb_dbi_open(txn, name, f, &s->idx[i][j])))
				return rc;
		}
	}
	return 0;
}

/* Reads an unsigned meta value inside a raw transaction. */
static int meta_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t *v)
{
	MDB_val k = {strlen(key), (void *)key}, d;
	int rc = mdb_get(txn, s->meta, &k, &d);
	if (rc)
		return rc;
	if (d.mv_size != 8)
		return MDB_INCOMPATIBLE;
	*v = be64_get(d.mv_data);
	return 0;
}

/* Writes an unsigned meta value inside a raw transaction. */
static int meta_put_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t v)
{
	unsigned char b[8];
	be64_put(b, v);
	MDB_val k = {strlen(key), (void *)key}, d = {8, b};
	return mdb_put(txn, s->meta, &k, &d, 0);
}

int store_open(const char *dir, const struct store_opts *opts, struct store_table *tables,
	       int ntables, struct store **out, char *err, size_t errlen)
{
	struct store_opts none = {0};
	struct store *s = calloc(1, sizeof *s);
	int rc;
	MDB_txn *txn = NULL;

	if (!opts)
		opts = &none;
	*out = NULL;
	if (!s || ntables > 32) {
		snprintf(err, errlen, "%s", _("out of memory"));
		free(s);
		return STORE_ERROR;
	}
	s->tables = tables;
	s->ntables = ntables;
	s->now_ms = opts->now_ms ? opts->now_ms : real_now_ms;
	s->readonly = opts->readonly;
	for (int i = 0; i < ntables; i++) {
		tables[i].no = i;
		if (tables[i].nindexes > MAX_INDEXES) {
			snprintf(err, errlen, "too many indexes on %s", tables[i].name);
			free(s);
			return STORE_ERROR;
		}
	}
	/* A shared database lives in a setgid directory: whatever the umask of
	 * the officer who happens to create a file in it, the group must be
	 * able to write. */
	struct stat dsb;
	if (stat(dir, &dsb) == 0 && (dsb.st_mode & S_ISGID)) {
		mode_t old = umask(0);
		umask(old & 007);
	}
	if (!opts->readonly && mkdir(dir, 0777) < 0 && errno != EEXIST) {
		snprintf(err, errlen, _("cannot create the database directory %s: %s"), dir,
			 strerror(errno));
		free(s);
		return STORE_ERROR;
	}
	if ((rc = mdb_env_create(&s->env)) ||
	    (rc = mdb_env_set_maxreaders(s->env, opts->max_readers ? opts->max_readers : 1024)) ||
	    (rc = mdb_env_set_maxdbs(s->env, 8 + 32 * (MAX_INDEXES + 1))) ||
	    (rc = mdb_env_set_mapsize(s->env, opts->map_size ? opts->map_size
							   : STORE_DEFAULT_MAP_SIZE)))
		goto fail;
	/* MDB_NOTLS: a reader slot belongs to a transaction, not a thread, so
	 * a callback may read while a scan's transaction is open. */
	unsigned flags = MDB_NOTLS | (opts->readonly ? MDB_RDONLY : 0);
	if (opts->nosync)
		flags |= MDB_NOSYNC;
	rc = mdb_env_open(s->env, dir, flags, 0666);
	if (rc) {
		if (rc == ENOENT)
			snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"),
				 dir, dir);
		else if (rc == EACCES)
			snprintf(err, errlen, _("no permission to open the database in %s"), dir);
		else
			snprintf(err, errlen, _("cannot open the database in %s: %s"), dir,
				 mdb_strerror(rc));
		mdb_env_close(s->env);
		free(s);
		return STORE_ERROR;
	}
	int dead = 0;
	mdb_reader_check(s->env, &dead);

	/* Open the sub-databases; create what is missing in a write txn. */
	if ((rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn)))
		goto fail;
	rc = open_dbis(s, txn, 0);
	if (rc == MDB_NOTFOUND && !opts->readonly) {
		mdb_txn_abort(txn);
		if ((rc = mdb_txn_begin(s->env, NULL, 0, &txn)))
			goto fail;
		if ((rc = open_dbis(s, txn, MDB_CREATE)))
			goto fail;
		uint64_t v;
		if (meta_u64(s, txn, "format", &v) == MDB_NOTFOUND &&
		    ((rc = meta_put_u64(s, txn, "format", STORE_FORMAT)) ||
		     (rc = meta_put_u64(s, txn, "node", 1))))
			goto fail;
	} else if (rc == MDB_NOTFOUND) {
		mdb_txn_abort(txn);
		snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"),
			 dir, dir);
		mdb_env_close(s->env);
		free(s);
		return STORE_ERROR;
	} else if (rc) {
		goto fail;
	}
	uint64_t v = 0;
	if (meta_u64(s, txn, "format", &v) == 0 && v > STORE_FORMAT) {
		mdb_txn_abort(txn);
		snprintf(err, errlen,
			 _("the database in %s was written by a newer zsdesk (store format %llu)"),
			 dir, (unsigned long long)v);
		mdb_env_close(s->env);
		free(s);
		return STORE_ERROR;
	}
	s->node = meta_u64(s, txn, "node", &v) == 0 ? (unsigned)v : 1;
	uint64_t want = 0;
	meta_u64(s, txn, "map_size", &want);
	if ((rc = mdb_txn_commit(txn))) {
		txn = NULL;
		goto fail;
	}
	if (!opts->map_size && want) {
		/* The size chosen at init (or by zsdesk mapsize), never below
		 * what the file already holds. */
		MDB_envinfo info;
		MDB_stat st;
		mdb_env_info(s->env, &info);
		mdb_env_stat(s->env, &st);
		uint64_t used = (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
		mdb_env_set_mapsize(s->env, want > used ? want : used);
	}
	*out = s;
	return STORE_OK;
fail:
	if (txn)
		mdb_txn_abort(txn);
	snprintf(err, errlen, _("cannot open the database in %s: %s"), dir, mdb_strerror(rc));
	mdb_env_close(s->env);
	free(s);
	return rc == MDB_MAP_FULL ? STORE_FULL : STORE_ERROR;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (!s->readonly)
		mdb_env_sync(s->env, 1); /* a bulk load (MDB_NOSYNC) is made durable here */
	mdb_env_close(s->env);
	free(s);
}

int store_set_map_size(struct store *s, uint64_t bytes)
{
	MDB_txn *txn;
	MDB_envinfo info;
	MDB_stat st;
	mdb_env_info(s->env, &info);
	mdb_env_stat(s->env, &st);
	uint64_t used = (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
	if (bytes < used)
		return seterr(s, STORE_ERROR, _("the database already holds %llu MiB; choose more"),
			      (unsigned long long)(used >> 20));
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (!rc && !(rc = meta_put_u64(s, txn, "map_size", bytes)))
		rc = mdb_txn_commit(txn);
	else if (!rc)
		mdb_txn_abort(txn);
	if (!rc)
		rc = mdb_env_set_mapsize(s->env, bytes);
	if (rc)
		return seterr(s, STORE_ERROR, "%s", mdb_strerror(rc));
	return STORE_OK;
}

int store_set_node(struct store *s, unsigned node)
{
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (!rc && !(rc = meta_put_u64(s, txn, "node", node)))
		rc = mdb_txn_commit(txn);
	else if (!rc)
		mdb_txn_abort(txn);
	if (rc)
		return seterr(s, STORE_ERROR, "%s", mdb_strerror(rc));
	s->node = node;
	return STORE_OK;
}

int store_read(struct store *s, struct store_txn **out)
{
	struct store_txn *t = calloc(1, sizeof *t);
	if (!t)
		return seterr(s, STORE_ERROR, "%s", _("out of memory"));
	int rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &t->txn);
	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &t->txn);
	}
	if (rc == MDB_READERS_FULL) {
		int dead = 0;
		mdb_reader_check(s->env, &dead);
		rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &t->txn);
	}
	if (rc) {
		free(t);
		return seterr(s, STORE_ERROR, _("cannot read the database: %s"), mdb_strerror(rc));
	}
	t->s = s;
	*out = t;
	return STORE_OK;
}

void store_done(struct store_txn *t)
{
	if (!t)
		return;
	mdb_txn_abort(t->txn);
	free(t);
}

/* Says, in s's error, that the database is full and what to do. */
static int full_message(struct store *s, int rc)
{
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	if (rc == ENOSPC)
		return seterr(s, STORE_FULL,
			      _("the disk is full: this change was not saved, everything saved "
				"before is safe; free some space and save again"));
	return seterr(s, STORE_FULL,
		      _("the database is full (map size %llu MiB): this change was not saved, "
			"everything saved before is safe; raise the size with "
			"'zsdesk mapsize SIZE' and save again"),
		      (unsigned long long)(info.me_mapsize >> 20));
}

int store_write(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	if (s->readonly)
		return seterr(s, STORE_ERROR, "%s", _("the database is open read-only"));
	for (int attempt = 0; attempt < 2; attempt++) {
		struct store_txn t = {.s = s, .write = true};
		int rc = mdb_txn_begin(s->env, NULL, 0, &t.txn);
		if (rc == MDB_MAP_RESIZED) {
			mdb_env_set_mapsize(s->env, 0);
			rc = mdb_txn_begin(s->env, NULL, 0, &t.txn);
		}
		if (rc)
			return seterr(s, STORE_ERROR, _("cannot write to the database: %s"),
				      mdb_strerror(rc));
		int r = fn(&t, ctx);
		if (r != STORE_OK) {
			mdb_txn_abort(t.txn);
			if (r == STORE_FULL && t.full) {
				mdb_env_set_mapsize(s->env, 0);
				if (attempt == 0)
					continue;
				return full_message(s, MDB_MAP_FULL);
			}
			return r;
		}
		rc = mdb_txn_commit(t.txn);
		if (rc == 0)
			return STORE_OK;
		if (rc == MDB_MAP_FULL || rc == ENOSPC) {
			mdb_env_set_mapsize(s->env, 0);
			if (attempt == 0 && rc == MDB_MAP_FULL)
				continue;
			return full_message(s, rc);
		}
		return seterr(s, STORE_ERROR, _("cannot save to the database: %s"), mdb_strerror(rc));
	}
	return full_message(s, MDB_MAP_FULL);
}

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
		return mdberr(t, rc, N_("reading"));
	char err[128];
	if (codec_decode(d.mv_data, d.mv_size, r, err, sizeof err) < 0)
		return seterr(t->s, STORE_ERROR, _("record %s %llu is damaged: %s"), tab->name,
			      (unsigned long long)id, err);
	return STORE_OK;
}

/* ---- meta ---- */

int store_meta_get(struct store_txn *t, const char *key, char **text)
{
	MDB_val k = {strlen(key), (void *)key}, d;
	int rc = mdb_get(t->txn, t->s->meta, &k, &d);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND : mdberr(t, rc, N_("reading"));
	*text = malloc(d.mv_size + 1);
	if (!*text)
		return STORE_ERROR;
	memcpy(*text, d.mv_data, d.mv_size);
	(*text)[d.mv_size] = '\0';
	return STORE_OK;
}

int store_meta_put(struct store_txn *t, const char *key, const char *text)
{
	MDB_val k = {strlen(key), (void *)key}, d = {strlen(text), (void *)text};
	int rc = mdb_put(t->txn, t->s->meta, &k, &d, 0);
	return rc ? mdberr(t, rc, N_("writing")) : STORE_OK;
}

int store_meta_get_u64(struct store_txn *t, const char *key, uint64_t *v)
{
	int rc = meta_u64(t->s, t->txn, key, v);
	return rc == MDB_NOTFOUND ? STORE_NOTFOUND : rc ? mdberr(t, rc, N_("reading")) : STORE_OK;
}

int store_meta_put_u64(struct store_txn *t, const char *key, uint64_t v)
{
	int rc = meta_put_u64(t->s, t->txn, key, v);
	return rc ? mdberr(t, rc, N_("writing")) : STORE_OK;
}

/* Increments the counter called key and returns its new value (0 on error). */
static uint64_t counter_next(struct store_txn *t, const char *key)
{
	uint64_t v = 0;
	meta_u64(t->s, t->txn, key, &v);
	if (meta_put_u64(t->s, t->txn, key, v + 1))
		return 0;
	return v + 1;
}

uint64_t store_next_id(struct store_txn *t, const struct store_table *tab)
{
	char key[64];
	snprintf(key, sizeof key, "seq.%s", tab->name);
	uint64_t seq = counter_next(t, key);
	return seq ? STORE_ID(t->s->node, seq) : 0;
}

uint64_t store_count(struct store_txn *t, const struct store_table *tab)
{
	MDB_stat st;
	if (mdb_stat(t->txn, t->s->rec[tab->no], &st))
		return 0;
	return st.ms_entries;
}

/* Next stamp of the hybrid logical clock, stored in meta "hlc". */
static uint64_t hlc_next(struct store_txn *t)
{
	uint64_t last = 0;
	meta_u64(t->s, t->txn, "hlc", &last);
	uint64_t now = (uint64_t)t->s->now_ms() << 16;
	uint64_t h = now > last ? now : last + 1;
	meta_put_u64(t->s, t->txn, "hlc", h);
	return h;
}

/* ---- index keys of a record ---- */

struct keyset {
	struct {
		int index;
		size_t off, len;
	} *k;
	size_t n, cap;
	struct buf data;
};

/* store_emit_fn that collects keys into a keyset. */
static void keyset_emit(void *ctx, int index, const void *key, size_t len)
{
	struct keyset *ks = ctx;
	if (len == 0 || len > 511)
		return;
	for (size_t i = 0; i < ks->n; i++)
		if (ks->k[i].index == index && ks->k[i].len == len &&
		    memcmp(ks->data.p + ks->k[i].off, key, len) == 0)
			return;
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 64;
		void *p = realloc(ks->k, ks->cap * sizeof *ks->k);
		if (!p)
			abort();
		ks->k = p;
	}
	ks->k[ks->n].index = index;
	ks->k[ks->n].off = ks->data.len;
	ks->k[ks->n].len = len;
	ks->n++;
	buf_add(&ks->data, key, len);
}

/* Frees a keyset. */
static void keyset_free(struct keyset *ks)
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

/* Adds id to the posting list of key k.  Ids mostly arrive in increasing
 * order; appending them (MDB_APPENDDUP) fills pages instead of splitting
 * them in half, which halves the size of the indexes. */
static int put_posting(struct store_txn *t, MDB_dbi dbi, MDB_val *k, uint64_t id)
{
	unsigned char idb[8];
	be64_put(idb, id);
	MDB_val key = *k, d, nd = {8, idb};
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, dbi, &c);
	if (rc)
		return rc;
	unsigned flags = MDB_NODUPDATA;
	rc = mdb_cursor_get(c, &key, &d, MDB_SET_KEY);
	if (rc == 0)
		rc = mdb_cursor_get(c, &key, &d, MDB_LAST_DUP);
	if (rc == 0 && d.mv_size == 8 && be64_get(d.mv_data) < id)
		flags = MDB_APPENDDUP;
	key = *k;
	rc = mdb_cursor_put(c, &key, &nd, flags);
	mdb_cursor_close(c);
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
		return rc && rc != MDB_NOTFOUND ? mdberr(t, rc, N_("updating an index")) : STORE_OK;
	}
	if (tab->indexes[index].unique) {
		MDB_val cur;
		rc = mdb_get(t->txn, dbi, &k, &cur);
		if (rc == 0 && (cur.mv_size != 8 || be64_get(cur.mv_data) != id))
			return seterr(t->s, STORE_EXISTS, "%s.%s", tab->name, tab->indexes[index].name);
		if (rc == 0)
			return STORE_OK;
		rc = mdb_put(t->txn, dbi, &k, &d, 0);
	} else {
		rc = put_posting(t, dbi, &k, id);
	}
	return rc ? mdberr(t, rc, N_("updating an index")) : STORE_OK;
}

/* ---- the log ---- */

/* Appends the journal and audit entries of one write and indexes them. */
static int log_append(struct store_txn *t, const struct store_table *tab, uint64_t id,
		      const struct rec *old, const struct rec *r, uint64_t hlc,
		      const struct store_who *who)
{
	struct store *s = t->s;
	uint64_t seq = counter_next(t, "seq.log");
	if (!seq)
		return mdberr(t, MDB_MAP_FULL, N_("writing the log"));
	size_t nchg = 0, nold = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct rec_field *o = old ? rec_find(old, r->f[i].name) : NULL;
		if (!o || !rec_value_equal(&o->v, &r->f[i].v)) {
			nchg++;
			nold += o != NULL;
		}
	}
	for (size_t i = 0; old && i < old->n; i++)
		if (!rec_find(r, old->f[i].name)) {
			nchg++;
			nold++;
		}

	struct buf j = {0}, a = {0};
	codec_put_map(&j, 7);
	codec_put_text(&j, "node", 4);
	codec_put_uint(&j, s->node);
	codec_put_text(&j, "seq", 3);
	codec_put_uint(&j, seq);
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
		if (!old || (o && rec_value_equal(&o->v, &r->f[i].v)))
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
	MDB_val k = {8, kb}, jd = {j.len, j.p}, ad = {a.len, a.p}, sv = {8, kb};
	int rc = mdb_put(t->txn, s->journal, &k, &jd, MDB_APPEND);
	if (!rc)
		rc = mdb_put(t->txn, s->audit, &k, &ad, MDB_APPEND);
	rk[0] = (unsigned char)tab->code;
	be64_put(rk + 1, id);
	be64_put(ak, who->actor);
	MDB_val rkv = {9, rk}, akv = {8, ak};
	(void)sv;
	if (!rc)
		rc = put_posting(t, s->by_record, &rkv, seq);
	if (!rc)
		rc = put_posting(t, s->by_actor, &akv, seq);
	buf_free(&j);
	buf_free(&a);
	return rc ? mdberr(t, rc, N_("writing the log")) : STORE_OK;
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
		return mdberr(t, rc, N_("writing"));
	rc = mdb_cursor_get(c, &last, &ld, MDB_LAST);
	if (rc == MDB_NOTFOUND || (rc == 0 && last.mv_size == 8 && be64_get(last.mv_data) < id))
		flags = MDB_APPEND;
	rc = mdb_cursor_put(c, &k, &d, flags);
	mdb_cursor_close(c);
	return rc ? mdberr(t, rc, N_("writing")) : STORE_OK;
}

int store_put(struct store_txn *t, const struct store_table *tab, uint64_t id, struct rec *r,
	      const struct store_who *who)
{
	struct rec old;
	rec_init(&old);
	int rc = store_get(t, tab, id, &old);
	bool exists = rc == STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if ((exists ? old.version : 0) != r->version) {
		rec_free(&old);
		return seterr(t->s, STORE_CONFLICT, "%s %llu", tab->name, (unsigned long long)id);
	}
	/* Which fields change? */
	bool changed = !exists;
	for (size_t i = 0; i < r->n && !changed; i++) {
		struct rec_field *o = rec_find(&old, r->f[i].name);
		changed = !o || !rec_value_equal(&o->v, &r->f[i].v);
	}
	for (size_t i = 0; i < old.n && !changed; i++)
		changed = !rec_find(r, old.f[i].name);
	if (!changed) {
		rec_free(&old);
		return STORE_OK;
	}
	/* r is the caller's: on failure it must be as it came in, so that a
	 * corrected save is not taken for a conflict. */
	uint64_t was_version = r->version, was_created = r->created;
	uint64_t *was_stamps = malloc((r->n ? r->n : 1) * sizeof *was_stamps);
	if (!was_stamps)
		abort();
	for (size_t i = 0; i < r->n; i++)
		was_stamps[i] = r->f[i].stamp;
	uint64_t hlc = hlc_next(t);
	r->version = exists ? old.version + 1 : 1;
	r->created = exists ? old.created : hlc;
	for (size_t i = 0; i < r->n; i++) {
		struct rec_field *o = exists ? rec_find(&old, r->f[i].name) : NULL;
		r->f[i].stamp = o && rec_value_equal(&o->v, &r->f[i].v) ? o->stamp : hlc;
	}

	/* Index entries: remove those only the old record had, add the new. */
	struct keyset ko = {0}, kn = {0};
	if (exists)
		tab->keys(&old, id, keyset_emit, &ko);
	tab->keys(r, id, keyset_emit, &kn);
	rc = STORE_OK;
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

/* ---- reading indexes ---- */

int store_unique_get(struct store_txn *t, const struct store_table *tab, int index,
		     const void *key, size_t len, uint64_t *id)
{
	if (len == 0 || len > 511)
		return STORE_NOTFOUND;
	MDB_val k = {len, (void *)key}, d;
	int rc = mdb_get(t->txn, t->s->idx[tab->no][index], &k, &d);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND : mdberr(t, rc, N_("reading an index"));
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
		return mdberr(t, rc, N_("reading an index"));
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
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : mdberr(t, rc, N_("reading an index"));
}

struct store_iter *store_iter_postings(struct store_txn *t, const struct store_table *tab,
				       int index, const void *key, size_t len)
{
	if (len == 0 || len > sizeof ((struct store_iter *)0)->keybuf)
		return NULL;
	struct store_iter *it = calloc(1, sizeof *it);
	if (!it || mdb_cursor_open(t->txn, t->s->idx[tab->no][index], &it->cur)) {
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
	struct store_iter *it = calloc(1, sizeof *it);
	if (!it || mdb_cursor_open(t->txn, t->s->rec[tab->no], &it->cur)) {
		free(it);
		return NULL;
	}
	it->count = store_count(t, tab);
	return it;
}

bool store_iter_seek(struct store_iter *it, uint64_t below, uint64_t *id)
{
	unsigned char b[8];
	be64_put(b, below);
	MDB_val k, d;
	int rc;
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
		return false;
	*id = be64_get(d.mv_data);
	return *id <= below;
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
		return false;
	*id = be64_get(d.mv_data);
	return *id >= above;
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

/* ---- reading the log ---- */

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
	struct store_change *c = realloc(e->c, (e->n + 1) * sizeof *c);
	if (!c)
		abort();
	e->c = c;
	c = &e->c[e->n++];
	memset(c, 0, sizeof *c);
	c->field = malloc(len + 1);
	if (!c->field)
		abort();
	memcpy(c->field, name, len);
	c->field[len] = '\0';
	return c;
}

/* Decodes a journal entry into e (field names and replaced stamps). */
static int decode_journal(const MDB_val *d, struct store_log *e)
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

/* Decodes an audit entry into e (who, when, why and the old values). */
static int decode_audit(const MDB_val *d, struct store_log *e)
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
				e->why = strndup(w, wl);
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
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND : mdberr(t, rc, N_("reading the log"));
	if (decode_journal(&jd, e) < 0 || decode_audit(&ad, e) < 0) {
		store_log_free(e);
		return seterr(t->s, STORE_ERROR, _("log entry %llu is damaged"),
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
		return mdberr(t, rc, N_("reading the log"));
	l->v = NULL;
	l->n = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		uint64_t *p = realloc(l->v, (l->n + 1) * sizeof *p);
		if (!p)
			abort();
		l->v = p;
		l->v[l->n++] = be64_get(d.mv_data);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? STORE_OK : mdberr(t, rc, N_("reading the log"));
}

/* Loads and materializes a record's entries; faults (may be NULL) counts
 * the inconsistencies found. */
static int log_load(struct store_txn *t, const struct store_table *tab, uint64_t id,
		    const struct rec *cur, struct store_log **out, size_t *n,
		    void (*fault)(void *ctx, const char *msg), void *ctx, uint64_t *faults)
{
	struct seq_list l = {NULL, 0};
	int rc = log_seqs(t, tab, id, &l);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	struct store_log *e = calloc(l.n ? l.n : 1, sizeof *e);
	if (!e)
		abort();
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
		return seterr(t->s, STORE_ERROR, _("log entry %llu names an unknown table"),
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
		return mdberr(t, rc, N_("reading the log"));
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
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : mdberr(t, rc, N_("reading the log"));
}

uint64_t store_log_count(struct store_txn *t)
{
	MDB_stat st;
	return mdb_stat(t->txn, t->s->journal, &st) ? 0 : st.ms_entries;
}

int store_copy(struct store *s, const char *dest)
{
	if (mkdir(dest, 0777) < 0 && errno != EEXIST)
		return seterr(s, STORE_ERROR, _("cannot create %s: %s"), dest, strerror(errno));
	int rc = mdb_env_copy2(s->env, dest, MDB_CP_COMPACT);
	if (rc)
		return seterr(s, rc == ENOSPC ? STORE_FULL : STORE_ERROR, _("cannot copy to %s: %s"),
			      dest, mdb_strerror(rc));
	/* The copy must be on disk before anyone relies on it. */
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dest);
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fsync(fd) < 0) {
		if (fd >= 0)
			close(fd);
		return seterr(s, STORE_ERROR, _("cannot copy to %s: %s"), dest, strerror(errno));
	}
	close(fd);
	return STORE_OK;
}

uint64_t store_bytes(struct store_txn *t)
{
	MDB_envinfo info;
	MDB_stat st;
	mdb_env_info(t->s->env, &info);
	mdb_env_stat(t->s->env, &st);
	return (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
}

/* ---- verification ---- */

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
	c->tab->keys(r, id, keyset_emit, &ks);
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
	uint64_t expected[MAX_INDEXES] = {0};
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
	meta_u64(t->s, t->txn, "seq.log", &last);
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
		if (decode_journal(&jd, &e) < 0 || decode_audit(&ad, &e) < 0)
			fault(&c, _("log entry %llu is damaged"),
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

/*
 * env.c - the LMDB environment: opening, the map size, transactions, meta.
 *
 * Everything that touches the environment as a whole lives here, so the
 * other files of the store only see open transactions.  A write runs as a
 * callback (store_write) rather than begin/commit pairs because a full map
 * must abort, pick up a size another process may have set, and run the
 * same work again from its inputs; only the caller's function can be run
 * twice.  Errors are kept in the handle as one message (store_error) and,
 * for unique clashes, the number of the index (store_clash_index).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "xalloc.h"

int env_fail(struct store *s, int status, const char *fmt, ...)
{
	va_list ap;
	s->clash = -1;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return status;
}

int env_mdb_fail(struct store_txn *t, int rc, const char *what)
{
	if (rc == MDB_MAP_FULL || rc == MDB_TXN_FULL || rc == ENOSPC) {
		t->full = true;
		return STORE_FULL;
	}
	if (rc == MDB_NOTFOUND)
		return STORE_NOTFOUND;
	return env_fail(t->s, STORE_ERROR, _("database error while %s: %s"), _(what),
			mdb_strerror(rc));
}

const char *store_error(const struct store *s)
{
	return s->err;
}

int store_clash_index(const struct store *s)
{
	return s->clash;
}

unsigned store_node(const struct store *s)
{
	return s->node;
}

struct store *store_of(struct store_txn *t)
{
	return t->s;
}

struct store_table *store_table(struct store_txn *t, int no)
{
	return &t->s->tables[no];
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

int env_meta_get_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t *v)
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

int env_meta_put_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t v)
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
	struct store *s;
	int rc;
	MDB_txn *txn = NULL;

	if (!opts)
		opts = &none;
	*out = NULL;
	if (ntables > STORE_MAX_TABLES) {
		snprintf(err, errlen, "too many tables (at most %d)", STORE_MAX_TABLES);
		return STORE_ERROR;
	}
	s = xcalloc(1, sizeof *s);
	s->clash = -1;
	s->tables = tables;
	s->ntables = ntables;
	s->now_ms = opts->now_ms ? opts->now_ms : real_now_ms;
	s->readonly = opts->readonly;
	for (int i = 0; i < ntables; i++) {
		tables[i].no = i;
		if (tables[i].nindexes > STORE_MAX_INDEXES) {
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
	    (rc = mdb_env_set_maxdbs(s->env, 8 + STORE_MAX_TABLES * (STORE_MAX_INDEXES + 1))) ||
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
		if (env_meta_get_u64(s, txn, "format", &v) == MDB_NOTFOUND &&
		    ((rc = env_meta_put_u64(s, txn, "format", STORE_FORMAT)) ||
		     (rc = env_meta_put_u64(s, txn, "node", 1))))
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
	if (env_meta_get_u64(s, txn, "format", &v) == 0 && v > STORE_FORMAT) {
		mdb_txn_abort(txn);
		snprintf(err, errlen,
			 _("the database in %s was written by a newer zsdesk (store format %llu)"),
			 dir, (unsigned long long)v);
		mdb_env_close(s->env);
		free(s);
		return STORE_ERROR;
	}
	s->node = env_meta_get_u64(s, txn, "node", &v) == 0 ? (unsigned)v : 1;
	uint64_t want = 0;
	env_meta_get_u64(s, txn, "map_size", &want);
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
		return env_fail(s, STORE_ERROR,
				_("the database already holds %llu MiB; choose more"),
				(unsigned long long)(used >> 20));
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (!rc && !(rc = env_meta_put_u64(s, txn, "map_size", bytes)))
		rc = mdb_txn_commit(txn);
	else if (!rc)
		mdb_txn_abort(txn);
	if (!rc)
		rc = mdb_env_set_mapsize(s->env, bytes);
	if (rc)
		return env_fail(s, STORE_ERROR, "%s", mdb_strerror(rc));
	return STORE_OK;
}

int store_set_node(struct store *s, unsigned node)
{
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (!rc && !(rc = env_meta_put_u64(s, txn, "node", node)))
		rc = mdb_txn_commit(txn);
	else if (!rc)
		mdb_txn_abort(txn);
	if (rc)
		return env_fail(s, STORE_ERROR, "%s", mdb_strerror(rc));
	s->node = node;
	return STORE_OK;
}

int store_read(struct store *s, struct store_txn **out)
{
	struct store_txn *t = xcalloc(1, sizeof *t);
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
		return env_fail(s, STORE_ERROR, _("cannot read the database: %s"),
				mdb_strerror(rc));
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
		return env_fail(s, STORE_FULL,
				_("the disk is full: this change was not saved, everything saved "
				  "before is safe; free some space and save again"));
	return env_fail(s, STORE_FULL,
			_("the database is full (map size %llu MiB): this change was not saved, "
			  "everything saved before is safe; raise the size with "
			  "'zsdesk mapsize SIZE' and save again"),
			(unsigned long long)(info.me_mapsize >> 20));
}

int store_write(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	if (s->readonly)
		return env_fail(s, STORE_ERROR, "%s", _("the database is open read-only"));
	for (int attempt = 0; attempt < 2; attempt++) {
		struct store_txn t = {.s = s, .write = true};
		s->clash = -1;
		int rc = mdb_txn_begin(s->env, NULL, 0, &t.txn);
		if (rc == MDB_MAP_RESIZED) {
			mdb_env_set_mapsize(s->env, 0);
			rc = mdb_txn_begin(s->env, NULL, 0, &t.txn);
		}
		if (rc)
			return env_fail(s, STORE_ERROR, _("cannot write to the database: %s"),
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
		return env_fail(s, STORE_ERROR, _("cannot save to the database: %s"),
				mdb_strerror(rc));
	}
	return full_message(s, MDB_MAP_FULL);
}

/* ---- meta ---- */

int store_meta_get(struct store_txn *t, const char *key, char **text)
{
	MDB_val k = {strlen(key), (void *)key}, d;
	int rc = mdb_get(t->txn, t->s->meta, &k, &d);
	if (rc)
		return rc == MDB_NOTFOUND ? STORE_NOTFOUND : env_mdb_fail(t, rc, N_("reading"));
	*text = xmemdup(d.mv_data, d.mv_size);
	return STORE_OK;
}

int store_meta_put(struct store_txn *t, const char *key, const char *text)
{
	MDB_val k = {strlen(key), (void *)key}, d = {strlen(text), (void *)text};
	int rc = mdb_put(t->txn, t->s->meta, &k, &d, 0);
	return rc ? env_mdb_fail(t, rc, N_("writing")) : STORE_OK;
}

int store_meta_get_u64(struct store_txn *t, const char *key, uint64_t *v)
{
	int rc = env_meta_get_u64(t->s, t->txn, key, v);
	if (rc == MDB_NOTFOUND)
		return STORE_NOTFOUND;
	return rc ? env_mdb_fail(t, rc, N_("reading")) : STORE_OK;
}

int store_meta_put_u64(struct store_txn *t, const char *key, uint64_t v)
{
	int rc = env_meta_put_u64(t->s, t->txn, key, v);
	return rc ? env_mdb_fail(t, rc, N_("writing")) : STORE_OK;
}

int store_copy(struct store *s, const char *dest)
{
	if (mkdir(dest, 0777) < 0 && errno != EEXIST)
		return env_fail(s, STORE_ERROR, _("cannot create %s: %s"), dest, strerror(errno));
	int rc = mdb_env_copy2(s->env, dest, MDB_CP_COMPACT);
	if (rc)
		return env_fail(s, rc == ENOSPC ? STORE_FULL : STORE_ERROR,
				_("cannot copy to %s: %s"), dest, mdb_strerror(rc));
	/* The copy must be on disk before anyone relies on it. */
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dest);
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fsync(fd) < 0) {
		if (fd >= 0)
			close(fd);
		return env_fail(s, STORE_ERROR, _("cannot copy to %s: %s"), dest, strerror(errno));
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


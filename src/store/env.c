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
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
	if (rc == MDB_MAP_FULL || rc == MDB_TXN_FULL || env_disk_full(t->s->dir, rc) ||
	    (rc == MDB_BAD_TXN && t->full)) {
		t->full = true;
		return STORE_FULL;
	}
	if (rc == MDB_NOTFOUND)
		return STORE_NOTFOUND;
	return env_fail(t->s, STORE_ERROR, _("database error while %s: %s"), _(what),
			mdb_strerror(rc));
}

bool env_disk_full(const char *dir, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		return true;
	if (e != EIO || !dir)
		return false;
	/* LMDB turns a short write into EIO: a full disk when next to no
	 * room is left. */
	struct statvfs vfs;
	return statvfs(dir, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < (256u << 10);
}

/* Opens path with flags (O_NOFOLLOW added), creating it with mode; makes
 * sure its blocks up to size are allocated (keep: without growing the
 * file).  Returns 0 or an errno value. */
static int prepare_file(const char *path, int flags, mode_t mode, off_t size, bool keep)
{
	int fd = open(path, flags | O_RDWR | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return errno == EEXIST ? 0 : errno;
	struct stat sb;
	int rc = fstat(fd, &sb) < 0 ? errno : 0;
	if (!rc && !S_ISREG(sb.st_mode))
		rc = EINVAL;
	if (!rc && keep)
		rc = fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, size) < 0 ? errno : 0;
	else if (!rc && (sb.st_size < size || (uint64_t)sb.st_blocks * 512 < (uint64_t)sb.st_size))
		rc = posix_fallocate(fd, 0, sb.st_size > size ? sb.st_size : size);
	if (rc == EOPNOTSUPP || rc == ENOSYS)
		rc = 0; /* the filesystem cannot say in advance */
	close(fd);
	return rc;
}

int env_prepare_files(const char *dir, unsigned maxreaders, mode_t mode, bool data)
{
	char path[4096];
	struct stat sb;
	/* The lock file: LMDB's header and one 64-byte slot per reader, with
	 * room to spare (a larger file only gives more slots). */
	off_t lock_size = (off_t)maxreaders * 64 + 4096;
	snprintf(path, sizeof path, "%s/lock.mdb", dir);
	if (lstat(path, &sb) < 0 || (uint64_t)sb.st_blocks * 512 < (uint64_t)sb.st_size ||
	    sb.st_size < 4096) {
		int rc = prepare_file(path, O_CREAT, mode, lock_size, false);
		if (rc)
			return rc;
	}
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	if (data && lstat(path, &sb) < 0 && errno == ENOENT)
		return prepare_file(path, O_CREAT | O_EXCL, mode, 64 << 10, true);
	return 0;
}

int env_gate(const char *dir, bool restore)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc;
	while ((rc = flock(fd, (restore ? LOCK_EX | LOCK_NB : LOCK_SH))) < 0 && errno == EINTR)
		;
	if (rc < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* True when a map of bytes can be used here: not above the limit, and the
 * file can be mapped at that size in this process's address space. */
static bool map_fits(MDB_env *env, uint64_t bytes)
{
	int fd;
	if (bytes > STORE_MAX_MAP_SIZE || bytes != (size_t)bytes || mdb_env_get_fd(env, &fd))
		return false;
	void *p = mmap(NULL, (size_t)bytes, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return false;
	munmap(p, (size_t)bytes);
	return true;
}

/* Bytes the data file holds: LMDB's last page and page size. */
static uint64_t used_bytes(MDB_env *env)
{
	MDB_envinfo info;
	MDB_stat st;
	mdb_env_info(env, &info);
	mdb_env_stat(env, &st);
	return (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
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
			       &s->by_actor)) ||
	    (rc = mdb_dbi_open(txn, "log.by_origin", flags, &s->by_origin)))
		return rc;
	/* The counts came later: a database made before them opens read-only
	 * without them (they read as none), and gets them on a writable open. */
	rc = mdb_dbi_open(txn, "counts", flags, &s->counts);
	s->has_counts = rc == 0;
	if (rc == MDB_NOTFOUND && s->readonly)
		rc = 0;
	if (rc)
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

/* Opens the environment as store_open() says (the guard is up). */
static int open_env(const char *dir, const struct store_opts *opts, struct store_table *tables,
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
	unsigned readers = opts->max_readers ? opts->max_readers : 1024;
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	for (int i = 0; i < 2; i++) {
		char path[4096];
		struct stat lsb;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (lstat(path, &lsb) == 0 && !S_ISREG(lsb.st_mode)) {
			snprintf(err, errlen, _("%s is not a plain file (a symbolic link?); refusing to use it"),
				 path);
			free(s);
			return STORE_ERROR;
		}
	}
	if (!opts->readonly) {
		mode_t um = umask(0);
		umask(um);
		rc = env_prepare_files(dir, readers, 0666 & ~um, true);
		if (rc && rc != EACCES && rc != EROFS) {
			bool full = env_disk_full(dir, rc);
			if (full)
				snprintf(err, errlen,
					 _("the disk is full: cannot make the database files in %s; "
					   "free some space and try again"),
					 dir);
			else
				snprintf(err, errlen, _("cannot open the database in %s: %s"), dir,
					 strerror(rc));
			free(s);
			return full ? STORE_FULL : STORE_ERROR;
		}
	}
	if ((rc = mdb_env_create(&s->env)) ||
	    (rc = mdb_env_set_assert(s->env, guard_assert)) ||
	    (rc = mdb_env_set_maxreaders(s->env, readers)) ||
	    (rc = mdb_env_set_maxdbs(s->env, 8 + STORE_MAX_TABLES * (STORE_MAX_INDEXES + 1))) ||
	    (rc = mdb_env_set_mapsize(s->env, opts->map_size ? opts->map_size
							   : STORE_DEFAULT_MAP_SIZE)))
		goto fail;
	/* MDB_NOTLS: a reader slot belongs to a transaction, not a thread, so
	 * a callback may read while a scan's transaction is open. */
	unsigned flags = MDB_NOTLS | (opts->readonly ? MDB_RDONLY : 0);
	/* MDB_NORDAHEAD: a record read faults in its own pages, not the
	 * 128 KiB the kernel reads around them - on a file of gigabytes most
	 * reads are single records, and a cold start or a busy server
	 * should not pull in a hundred times what it reads. */
	flags |= MDB_NORDAHEAD;
	if (opts->nosync)
		flags |= MDB_NOSYNC;
	int gate = env_gate(dir, false);
	rc = mdb_env_open(s->env, dir, flags, 0666);
	if (gate >= 0)
		close(gate); /* open: a restore now waits for this process to close */
	if (rc) {
		if (rc == ENOENT)
			snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"),
				 dir, dir);
		else if (rc == EACCES)
			snprintf(err, errlen, _("no permission to open the database in %s"), dir);
		else if (env_disk_full(dir, rc))
			snprintf(err, errlen,
				 _("the disk is full: cannot make the database files in %s; free some "
				   "space and try again"),
				 dir);
		else
			snprintf(err, errlen, _("cannot open the database in %s: %s"), dir,
				 mdb_strerror(rc));
		mdb_env_close(s->env);
		free(s);
		return env_disk_full(dir, rc) ? STORE_FULL : STORE_ERROR;
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
		MDB_dbi meta;
		bool older = mdb_dbi_open(txn, "meta", 0, &meta) == 0;
		mdb_txn_abort(txn);
		mdb_env_close(s->env);
		free(s);
		if (older && !opts->nosync) {
			/* A database of an older zsdesk lacks a newer table: made once
			 * by a writable open, then opened read-only as asked. */
			struct store_opts w = *opts;
			struct store *ws;
			w.readonly = false;
			w.nosync = true; /* marks the one retry */
			if (store_open(dir, &w, tables, ntables, &ws, err, errlen) == STORE_OK) {
				store_close(ws);
				return store_open(dir, opts, tables, ntables, out, err, errlen);
			}
			snprintf(err, errlen,
				 _("the database in %s was made by an older zsdesk and lacks a table "
				   "this one keeps: open it once as its owner with a command that "
				   "changes something"),
				 dir);
			return STORE_ERROR;
		}
		snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"),
			 dir, dir);
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
		 * what the file already holds.  A size that cannot be mapped
		 * here would leave LMDB without a map: use the file's size and
		 * say so (a later write then says the map is full and how to
		 * set a size that works). */
		uint64_t used = used_bytes(s->env);
		uint64_t size = want > used ? want : used;
		if (!map_fits(s->env, size)) {
			fprintf(stderr,
				_("zsdesk: warning: the map size kept in %s (%llu MiB) cannot be used "
				  "here; using the file's size (%llu MiB) until 'zsdesk mapsize SIZE' "
				  "sets one that can\n"),
				dir, (unsigned long long)(want >> 20), (unsigned long long)(used >> 20));
			size = used;
		}
		if ((rc = mdb_env_set_mapsize(s->env, size)))
			goto fail;
	}
	s->dir = xstrdup(dir);
	*out = s;
	return STORE_OK;
fail:
	if (txn)
		mdb_txn_abort(txn);
	snprintf(err, errlen, _("cannot open the database in %s: %s"), dir, mdb_strerror(rc));
	mdb_env_close(s->env);
	free(s);
	return rc == MDB_MAP_FULL || env_disk_full(dir, rc) ? STORE_FULL : STORE_ERROR;
}

int store_open(const char *dir, const struct store_opts *opts, struct store_table *tables,
	       int ntables, struct store **out, char *err, size_t errlen)
{
	guard_enter();
	int rc = open_env(dir, opts, tables, ntables, out, err, errlen);
	guard_leave();
	return rc;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	guard_enter();
	if (!s->readonly)
		mdb_env_sync(s->env, 1); /* a bulk load (MDB_NOSYNC) is made durable here */
	mdb_env_close(s->env);
	guard_leave();
	free(s->dir);
	free(s);
}

const char *store_dir(const struct store *s)
{
	return s->dir;
}

int store_set_map_size(struct store *s, uint64_t bytes)
{
	MDB_txn *txn;
	MDB_stat st;
	mdb_env_stat(s->env, &st);
	uint64_t used = used_bytes(s->env);
	if (st.ms_psize && bytes % st.ms_psize)
		return env_fail(s, STORE_ERROR, _("the size must be a multiple of %u bytes (the page size)"),
				st.ms_psize);
	if (bytes < used)
		return env_fail(s, STORE_ERROR,
				_("the database already holds %llu MiB; choose more"),
				(unsigned long long)(used >> 20));
	if (bytes > STORE_MAX_MAP_SIZE)
		return env_fail(s, STORE_ERROR, _("the size may be at most %llu GiB"),
				(unsigned long long)(STORE_MAX_MAP_SIZE >> 30));
	if (!map_fits(s->env, bytes))
		return env_fail(s, STORE_ERROR,
				_("a map of %llu MiB does not fit in this process's address space; "
				  "choose less"),
				(unsigned long long)(bytes >> 20));
	guard_enter();
	/* The map first: a database whose kept size could not be used is
	 * mapped at its file's size and may have no room for the meta write. */
	int rc = mdb_env_set_mapsize(s->env, bytes);
	if (!rc && !(rc = mdb_txn_begin(s->env, NULL, 0, &txn))) {
		if (!(rc = env_meta_put_u64(s, txn, "map_size", bytes)))
			rc = mdb_txn_commit(txn);
		else
			mdb_txn_abort(txn);
	}
	guard_leave();
	if (rc)
		return env_fail(s, rc == MDB_MAP_FULL || env_disk_full(s->dir, rc) ? STORE_FULL
										  : STORE_ERROR,
				"%s", mdb_strerror(rc));
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
	guard_enter(); /* the guard covers the begin, which reads the meta pages */
	if (s->outer && !s->in_child) {
		/* Inside store_together: read what the writes so far left. */
		t->s = s;
		t->txn = s->outer;
		t->borrowed = true;
		*out = t;
		return STORE_OK;
	}
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
		guard_leave();
		free(t);
		return env_fail(s, STORE_ERROR, _("cannot read the database: %s"),
				mdb_strerror(rc));
	}
	t->s = s;
	*out = t;
	return STORE_OK; /* the guard stays up until store_done */
}

void store_done(struct store_txn *t)
{
	if (!t)
		return;
	if (!t->borrowed)
		mdb_txn_abort(t->txn);
	free(t);
	guard_leave();
}

/* Says, in s's error, that the database is full and what to do. */
static int full_message(struct store *s, int rc)
{
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	if (rc != MDB_MAP_FULL)
		return env_fail(s, STORE_FULL,
				_("the disk is full: this change was not saved, everything saved "
				  "before is safe; free some space and save again"));
	return env_fail(s, STORE_FULL,
			_("the database is full (map size %llu MiB): this change was not saved, "
			  "everything saved before is safe; raise the size with "
			  "'zsdesk mapsize SIZE' and save again"),
			(unsigned long long)(info.me_mapsize >> 20));
}

/* Runs one write of store_together as a nested transaction: a failure
 * undoes this write alone; its work joins the outer transaction. */
static int child_txn(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	struct store_txn t = {.s = s, .write = true};
	s->clash = -1;
	int rc = mdb_txn_begin(s->env, s->outer, 0, &t.txn);
	if (rc)
		return env_fail(s, STORE_ERROR, _("cannot write to the database: %s"),
				mdb_strerror(rc));
	s->in_child = true;
	int r = fn(&t, ctx);
	s->in_child = false;
	if (r != STORE_OK) {
		mdb_txn_abort(t.txn);
		return r == STORE_FULL && t.full ? full_message(s, MDB_MAP_FULL) : r;
	}
	rc = mdb_txn_commit(t.txn);
	if (rc == MDB_MAP_FULL || rc == MDB_TXN_FULL || env_disk_full(s->dir, rc))
		return full_message(s, rc == MDB_TXN_FULL ? MDB_MAP_FULL : rc);
	if (rc)
		return env_fail(s, STORE_ERROR, _("cannot save to the database: %s"),
				mdb_strerror(rc));
	return STORE_OK;
}

int store_together(struct store *s, bool commit, int (*fn)(void *ctx), void *ctx)
{
	if (s->readonly)
		return env_fail(s, STORE_ERROR, "%s", _("the database is open read-only"));
	if (s->outer)
		return fn(ctx) ? STORE_ERROR : STORE_OK; /* already together */
	guard_enter();
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, 0, &txn);
	}
	if (rc) {
		guard_leave();
		return env_fail(s, STORE_ERROR, _("cannot write to the database: %s"),
				mdb_strerror(rc));
	}
	s->outer = txn;
	int r = fn(ctx);
	s->outer = NULL;
	if (r || !commit) {
		mdb_txn_abort(txn);
		guard_leave();
		return r ? env_fail(s, STORE_ERROR, "%s", _("nothing was saved")) : STORE_OK;
	}
	rc = mdb_txn_commit(txn);
	guard_leave();
	if (rc == MDB_MAP_FULL || env_disk_full(s->dir, rc))
		return full_message(s, rc);
	if (rc)
		return env_fail(s, STORE_ERROR, _("cannot save to the database: %s"),
				mdb_strerror(rc));
	return STORE_OK;
}

/* Runs store_write()'s work (the guard is up). */
static int write_txn(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	if (s->readonly)
		return env_fail(s, STORE_ERROR, "%s", _("the database is open read-only"));
	if (s->outer)
		return child_txn(s, fn, ctx);
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
		/* A failed commit aborts the transaction itself (LMDB frees it). */
		rc = mdb_txn_commit(t.txn);
		if (rc == 0)
			return STORE_OK;
		if (rc == MDB_MAP_FULL || env_disk_full(s->dir, rc) || (rc == MDB_BAD_TXN && t.full)) {
			mdb_env_set_mapsize(s->env, 0);
			if (attempt == 0 && rc == MDB_MAP_FULL)
				continue;
			return full_message(s, rc == MDB_BAD_TXN ? MDB_MAP_FULL : rc);
		}
		return env_fail(s, STORE_ERROR, _("cannot save to the database: %s"),
				mdb_strerror(rc));
	}
	return full_message(s, MDB_MAP_FULL);
}

int store_write(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx)
{
	guard_enter();
	int rc = write_txn(s, fn, ctx);
	guard_leave();
	return rc;
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

/* Gives up a copy into dest that failed with errno value e: removes the
 * partial file (and the directory when it was made here). */
static int copy_fail(struct store *s, const char *dest, bool made, int e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dest);
	unlink(path);
	if (made)
		rmdir(dest);
	if (e == MDB_MAP_FULL || env_disk_full(dest, e))
		return env_fail(s, STORE_FULL,
				_("the disk is full: no copy was made in %s; free some space and try "
				  "again"),
				dest);
	return env_fail(s, STORE_ERROR, _("cannot copy to %s: %s"), dest, mdb_strerror(e));
}

int store_copy(struct store *s, const char *dest)
{
	struct stat sb;
	bool made = false;
	if (lstat(dest, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			return env_fail(s, STORE_ERROR, _("%s is not a directory"), dest);
		if (sb.st_uid != geteuid())
			return env_fail(s, STORE_ERROR,
					_("%s belongs to someone else; choose a directory of your own"),
					dest);
	} else if (mkdir(dest, 0700) < 0) {
		return env_fail(s, STORE_ERROR, _("cannot create %s: %s"), dest, strerror(errno));
	} else {
		made = true;
	}
	/* Never world-readable, whatever the umask or the parent's group. */
	if (chmod(dest, 0700) < 0 || chown(dest, getuid(), getgid()) < 0)
		return copy_fail(s, dest, made, errno);
	mode_t um = umask(077);
	guard_enter();
	int rc = mdb_env_copy2(s->env, dest, MDB_CP_COMPACT);
	guard_leave();
	umask(um);
	if (rc)
		return copy_fail(s, dest, made, rc);
	/* The copy must be on disk before anyone relies on it. */
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dest);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchown(fd, getuid(), getgid()) < 0 || fchmod(fd, 0600) < 0 || fsync(fd) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return copy_fail(s, dest, made, e);
	}
	close(fd);
	if ((fd = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
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


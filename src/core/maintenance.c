/*
 * maintenance.c - backup, restore, check and the map size: the whole file.
 *
 * These are the operations on the database as a whole rather than on a
 * record, so each asks access for its own act (a backup copies every
 * district: administrators and the city office; restore, check and the
 * map size: administrators) and leaves a maintenance entry in the audit
 * log saying who did what, and where to.
 *
 * The check walks the file in a child process: a damaged page can stop
 * LMDB by a signal, and a check exists to report damage, so the child
 * sends each fault down a pipe and the parent turns a child that died into
 * one more fault.  A restore decides who may run it before touching
 * anything - an administrator of the database in place, or, when that
 * cannot even be opened, root or the directory's owner - asking a child
 * too, for the same reason; it copies and checks the backup aside and
 * leaves the swap itself to the store, which does it under LMDB's lock.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "internal.h"
#include "priv.h"

struct problem_ctx {
	void (*problem)(void *ctx, const char *msg);
	void *ctx;
	uint64_t faults;
};

/* Reports a domain fault. */
static void report(struct problem_ctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct problem_ctx *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->faults++;
	if (p->problem)
		p->problem(p->ctx, msg);
}

/* Checks the references of every record of kind k. */
static void check_refs(struct store_txn *t, enum kind k, struct problem_ctx *p)
{
	const struct kind_def *kd = schema_kind(k);
	struct store_iter *it = store_iter_records(t, store_table(t, k));
	uint64_t id;
	struct rec r, other;
	rec_init(&r);
	rec_init(&other);
	while (store_iter_next(it, &id)) {
		if (store_get(t, store_table(t, k), id, &r) == STORE_OK) {
			for (int i = 0; i < kd->nfields; i++) {
				const struct field_def *f = &kd->fields[i];
				int64_t ref = f->type == FT_REF ? rec_int(&r, f->name, 0) : 0;
				if (ref > 0 &&
				    store_get(t, store_table(t, f->ref), (uint64_t)ref, &other) != STORE_OK)
					report(p, _("%s %llu: %s points at a missing %s"), kd->name,
					       (unsigned long long)STORE_ID_SEQ(id), f->name,
					       schema_kind(f->ref)->name);
				else if (ref > 0 && k == KIND_PROJECT && f->ref == KIND_ENTERPRISE &&
					 strcmp(rec_text(&other, "name", ""),
						rec_text(&r, "enterprise_name", "")) != 0)
					report(p, _("project %llu: its enterprise name is out of date"),
					       (unsigned long long)STORE_ID_SEQ(id));
			}
		}
	}
	rec_free(&r);
	rec_free(&other);
	store_iter_free(it);
}

/* Walks the whole database in this process; the number of faults. */
static uint64_t check_walk(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx)
{
	struct problem_ctx p = {problem, ctx, 0};
	struct store_txn *t;
	if (store_read(z->st, &t)) {
		report(&p, "%s", store_error(z->st));
		return p.faults;
	}
	for (int k = 0; k < KIND_COUNT; k++) {
		p.faults += store_check_table(t, &z->tables[k], problem, ctx);
		check_refs(t, k, &p);
	}
	p.faults += store_check_log(t, problem, ctx);
	store_done(t);
	return p.faults;
}

/* Writes all n bytes of p to fd; false when it cannot. */
static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Sends one fault down the pipe whose descriptor ctx points at. */
static void pipe_problem(void *ctx, const char *msg)
{
	write_all(*(int *)ctx, msg, strlen(msg) + 1);
}

/* Reads what a child sent down fd (NUL-ended strings) and gives each to
 * fn; returns when the child closes its end. */
static void read_child(int fd, void (*fn)(void *ctx, const char *msg), void *ctx)
{
	char buf[8192];
	size_t have = 0;
	for (;;) {
		ssize_t got = read(fd, buf + have, sizeof buf - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		have += (size_t)got;
		size_t start = 0;
		for (size_t i = 0; i < have; i++)
			if (buf[i] == '\0') {
				fn(ctx, buf + start);
				start = i + 1;
			}
		if (start == 0 && have == sizeof buf) { /* an endless message: cut it */
			buf[have - 1] = '\0';
			fn(ctx, buf);
			start = have;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
	}
}

/* Starts a child process with a pipe to the parent: returns its pid (0 in
 * the child, with *fd its writing end and standard error quiet), or -1. */
static pid_t fork_child(int *fd)
{
	int p[2];
	fflush(NULL);
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		*fd = p[1];
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (null >= 0)
			dup2(null, 2);
		return 0;
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

/* Waits for child pid; its exit status, or -1 when a signal ended it. */
static int wait_child(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct relay {
	void (*problem)(void *ctx, const char *msg);
	void *ctx;
	uint64_t faults, told;
	bool done;
};

/* Takes one message of the checking child: a fault, or (after "\1") the
 * number of faults it found. */
static void relay_message(void *vctx, const char *msg)
{
	struct relay *r = vctx;
	if (msg[0] == '\1') {
		r->faults = strtoull(msg + 1, NULL, 10);
		r->done = true;
		return;
	}
	r->told++;
	if (r->problem)
		r->problem(r->ctx, msg);
}

uint64_t zs_check(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx)
{
	int fd;
	pid_t pid = fork_child(&fd);
	if (pid < 0)
		return check_walk(z, problem, ctx);
	if (pid == 0) {
		uint64_t f = check_walk(z, pipe_problem, &fd);
		char end[32];
		int n = snprintf(end, sizeof end, "\1%llu", (unsigned long long)f);
		write_all(fd, end, (size_t)n + 1);
		_exit(0);
	}
	struct relay r = {problem, ctx, 0, 0, false};
	read_child(fd, relay_message, &r);
	close(fd);
	int st = wait_child(pid);
	if (r.done && st == 0)
		return r.faults;
	char msg[512];
	snprintf(msg, sizeof msg,
		 _("the database file is damaged: the check stopped after %llu faults (%s); "
		   "restore the last backup (zsdesk restore)"),
		 (unsigned long long)r.told,
		 st < 0 ? _("killed by a signal") : _("the file cannot be read"));
	if (problem)
		problem(ctx, msg);
	return r.told + 1;
}

/* The login of the account running this process. */
static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "?";
}

/* Leaves the audit entry of maintenance operation op; a full database
 * cannot take it, which must not stop a backup or a check from working. */
static void note(struct zs *z, const char *op, const char *why)
{
	store_note(z->st, z->me, op, why);
}

/* What a child found out about the database in place. */
enum probe { PROBE_ADMIN, PROBE_DENIED, PROBE_UNOPENABLE };

static enum probe probe_current(const char *dir, const char *as, char *msg, size_t n);

/* True for root and for the owner of directory dir. */
static bool owns_dir(const char *dir)
{
	struct stat sb;
	return getuid() == 0 || (stat(dir, &sb) == 0 && sb.st_uid == getuid());
}

struct counts_ctx {
	struct zs *z;
	uint64_t n;
	bool changed;
};

static int counts_txn(struct store_txn *t, void *vctx)
{
	struct counts_ctx *c = vctx;
	return tally_rebuild(c->z, t, &c->n, &c->changed);
}

int zs_check_database(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx,
		      uint64_t *faults)
{
	*faults = 0;
	if (!z->me) {
		/* A session without an officer (so that a database whose
		 * officers are damaged can be checked): an administrator, or
		 * root or the directory's owner. */
		char why[1024];
		const char *dir = store_dir(z->st);
		if (probe_current(dir, NULL, why, sizeof why) != PROBE_ADMIN && !owns_dir(dir))
			return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
					    *why ? why : _("only an administrator may check the database"));
	} else if (access_check(z, ACCESS_MAINTAIN, NULL)) {
		return ZS_DENIED;
	}
	zs_search_ready(z); /* an older database's search keys, before they are checked */
	*faults = zs_check(z, problem, ctx);
	/* The reports' counts: made again from the projects; a difference is
	 * a fault, and the counts are right from now on. */
	struct counts_ctx cc = {z, 0, false};
	int rc = store_write(z->st, counts_txn, &cc);
	if (rc) {
		(*faults)++;
		problem(ctx, store_error(z->st));
	} else if (cc.changed) {
		(*faults)++;
		problem(ctx, _("the reports' counts differed from the projects; they were made again"));
	}
	char why[64];
	if (*faults)
		snprintf(why, sizeof why, _("%llu faults"), (unsigned long long)*faults);
	else
		snprintf(why, sizeof why, "%s", _("clean"));
	note(z, "check", why);
	return ZS_OK;
}

uint64_t zs_maintenance_count(struct zs *z)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	uint64_t n = store_note_count(t);
	store_done(t);
	return n;
}

int zs_set_map_size(struct zs *z, uint64_t bytes)
{
	if (access_check(z, ACCESS_MAINTAIN, NULL))
		return ZS_DENIED;
	int rc = store_set_map_size(z->st, bytes);
	if (rc)
		return zs_fail(z, rc == STORE_FULL ? ZS_FULL : ZS_ERROR, "%s", store_error(z->st));
	char why[64];
	snprintf(why, sizeof why, "%llu MiB", (unsigned long long)(bytes >> 20));
	note(z, "mapsize", why);
	return ZS_OK;
}

int zs_backup(struct zs *z, const char *dest)
{
	if (access_check(z, ACCESS_BACKUP, NULL))
		return ZS_DENIED;
	int rc = store_copy(z->st, dest);
	if (rc)
		return zs_fail(z, rc == STORE_FULL ? ZS_FULL : ZS_ERROR, "%s", store_error(z->st));
	char full[PATH_MAX];
	note(z, "backup", realpath(dest, full) ? full : dest);
	return ZS_OK;
}

void zs_on_damage(void (*fn)(void))
{
	store_on_damage(fn);
}

/* Asks a child process whether the account (or --as login as) is an
 * administrator of the database in dir; the refusal into msg. */
static enum probe probe_current(const char *dir, const char *as, char *msg, size_t n)
{
	int fd;
	pid_t pid = fork_child(&fd);
	*msg = '\0';
	if (pid < 0)
		return PROBE_UNOPENABLE;
	if (pid == 0) {
		struct zs *z;
		char err[1024];
		struct zs_open_opts any = {.readonly = true, .anonymous = true};
		if (zs_open(dir, &any, &z, err, sizeof err) != ZS_OK)
			_exit(PROBE_UNOPENABLE);
		uint64_t schema_ok = zs_count(z, KIND_OFFICER);
		zs_close(z);
		if (!schema_ok)
			_exit(PROBE_UNOPENABLE);
		struct zs_open_opts me = {.readonly = true, .as = as};
		if (zs_open(dir, &me, &z, err, sizeof err) != ZS_OK) {
			write_all(fd, err, strlen(err) + 1);
			_exit(PROBE_DENIED);
		}
		if (access_check(z, ACCESS_MAINTAIN, NULL)) {
			write_all(fd, z->err.msg, strlen(z->err.msg) + 1);
			_exit(PROBE_DENIED);
		}
		_exit(PROBE_ADMIN);
	}
	char buf[1024];
	ssize_t got, have = 0;
	while ((got = read(fd, buf + have, sizeof buf - 1 - (size_t)have)) > 0 ||
	       (got < 0 && errno == EINTR))
		if (got > 0)
			have += got;
	buf[have] = '\0';
	close(fd);
	snprintf(msg, n, "%s", buf);
	int st = wait_child(pid);
	return st == PROBE_ADMIN ? PROBE_ADMIN : st == PROBE_DENIED ? PROBE_DENIED : PROBE_UNOPENABLE;
}

/* Opens dir read-only and checks it in a child; the faults (or -1 when it
 * will not open, the reason in err) and its projects in *projects. */
static long check_dir(const char *dir, uint64_t *projects, char *err, size_t errlen)
{
	struct zs *z;
	struct zs_open_opts o = {.anonymous = true, .readonly = true};
	if (zs_open(dir, &o, &z, err, errlen) != ZS_OK)
		return -1;
	long faults = (long)zs_check(z, NULL, NULL);
	*projects = zs_count(z, KIND_PROJECT);
	zs_close(z);
	return faults;
}

/* zs_restore, with the set-id group held when dir is the server's. */
static int restore(const char *dir, const char *backup, const struct zs_restore_opts *o,
		   struct zs_restore_result *res, char *err, size_t errlen)
{
	memset(res, 0, sizeof *res);
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	bool exists = lstat(path, &sb) == 0;
	if (exists && !o->replace) {
		snprintf(err, errlen,
			 _("%s holds a database; restore with --replace (the old one is kept "
			   "beside it)"),
			 dir);
		return ZS_INVALID;
	}
	/* Who may: an administrator of the database in place; when it cannot
	 * be opened at all, root or the owner of its directory. */
	char why[1024];
	enum probe pr = exists ? probe_current(dir, o->as, why, sizeof why) : PROBE_UNOPENABLE;
	if (pr == PROBE_DENIED) {
		snprintf(err, errlen, "%s", *why ? why : _("only an administrator may restore"));
		return ZS_DENIED;
	}
	if (pr == PROBE_UNOPENABLE && getuid() != 0 &&
	    !(stat(dir, &sb) == 0 ? sb.st_uid == getuid() : errno == ENOENT)) {
		snprintf(err, errlen,
			 _("the database in %s cannot be opened; only root or the owner of the "
			   "directory may restore it"),
			 dir);
		return ZS_DENIED;
	}
	char stage[4096];
	int rc = store_restore_stage(dir, backup, stage, sizeof stage, err, errlen);
	if (rc)
		return rc == STORE_FULL ? ZS_FULL : ZS_ERROR;
	char cerr[1024];
	long faults = check_dir(stage, &res->projects, cerr, sizeof cerr);
	if (faults != 0) {
		store_restore_unstage(stage);
		if (faults < 0)
			snprintf(err, errlen, _("%s is not a good backup (%s); nothing was changed"),
				 backup, cerr);
		else
			snprintf(err, errlen,
				 _("%s is not a good backup (%ld faults); nothing was changed"), backup,
				 faults);
		return ZS_INVALID;
	}
	rc = store_restore_swap(dir, stage, o->wait, res->kept, sizeof res->kept, err, errlen);
	store_restore_unstage(stage);
	if (rc) {
		res->busy = rc == STORE_BUSY;
		return rc == STORE_FULL ? ZS_FULL : ZS_ERROR;
	}
	uint64_t projects;
	faults = check_dir(dir, &projects, cerr, sizeof cerr);
	if (faults != 0) {
		snprintf(err, errlen, _("the restored database in %s does not check clean; the old one "
					"is %s"),
			 dir, *res->kept ? res->kept : "-");
		return ZS_ERROR;
	}
	/* The audit entry, in the restored database, under the officer of
	 * this account there if there is one. */
	struct zs *z;
	struct zs_open_opts me = {.as = o->as}, any = {.anonymous = true};
	char rwhy[8400], oerr[1024];
	char full[PATH_MAX];
	snprintf(rwhy, sizeof rwhy, _("from %s; the replaced database is kept as %s"),
		 realpath(backup, full) ? full : backup, *res->kept ? res->kept : "-");
	if (zs_open(dir, &me, &z, oerr, sizeof oerr) != ZS_OK) {
		size_t l = strlen(rwhy);
		snprintf(rwhy + l, sizeof rwhy - l, _("; by %s"), login_name());
		if (zs_open(dir, &any, &z, oerr, sizeof oerr) != ZS_OK)
			z = NULL;
	}
	if (z) {
		note(z, "restore", rwhy);
		zs_close(z);
	}
	return ZS_OK;
}

int zs_restore(const char *dir, const char *backup, const struct zs_restore_opts *o,
	       struct zs_restore_result *res, char *err, size_t errlen)
{
	/* The server's directory is reached only through the program's
	 * group; who may restore is asked of the database inside first. */
	struct stat sb;
	bool server = priv_setid() && lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		      sb.st_gid == priv_group();
	if (server && priv_raise() < 0)
		server = false;
	int rc = restore(dir, backup, o, res, err, errlen);
	if (server)
		priv_drop();
	return rc;
}
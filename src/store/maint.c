/*
 * maint.c - putting a backup in place of a live database.
 *
 * Renaming data.mdb and deleting lock.mdb under running sessions loses
 * their saves: a session keeps writing the file it mapped, and a new one
 * reads a lock file whose transaction number belongs to the old file.  So
 * a restore takes the lock LMDB itself uses to learn whether it is the
 * first opener - an exclusive fcntl lock on the first byte of lock.mdb,
 * which every process holding the environment open keeps shared - and only
 * then swaps the files.  While it is held nobody has the database open and
 * anyone who tries waits in mdb_env_open.  Before letting go, the restore
 * opens the environment itself: LMDB sees a first opener and sets the lock
 * file up afresh from the new data file, so the waiting sessions start on
 * the restored state.  lock.mdb is never deleted (a waiting opener holds
 * it open) and never followed through a symbolic link.
 *
 * The copy is made first, without the lock, into a private directory
 * (mkdtemp) beside the database so that the swap is one rename on the same
 * filesystem and the lock is held only for that; the caller checks the
 * staged copy before the swap.  Every zsdesk also holds a gate (a flock on
 * the directory) while it opens the environment; the restore closes it while
 * it waits, so that a stream of new sessions cannot keep it waiting for ever.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"

/* The mode, owner and group a new data file of dir gets: those of the
 * database it replaces, else the directory's group with 0660 (setgid, a
 * shared database) or 0600. */
static void target_ids(const char *dir, mode_t *mode, uid_t *uid, gid_t *gid)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	*uid = (uid_t)-1;
	if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		*mode = sb.st_mode & 0660;
		*uid = sb.st_uid;
		*gid = sb.st_gid;
	} else if (stat(dir, &sb) == 0) {
		*mode = (sb.st_mode & S_ISGID) ? 0660 : 0600;
		*gid = sb.st_gid;
	} else {
		*mode = 0600;
		*gid = (gid_t)-1;
	}
	if (!(*mode & 0600))
		*mode |= 0600;
}

/* Syncs directory dir (after a rename in it). */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

void store_restore_unstage(const char *stage)
{
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	char path[4200];
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", stage, files[i]);
		unlink(path);
	}
	rmdir(stage);
}

int store_restore_stage(const char *dir, const char *from, char *stage, size_t n, char *err,
			size_t errlen)
{
	char src[4096], dst[4200];
	mode_t mode;
	uid_t uid;
	gid_t gid;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		snprintf(err, errlen, _("cannot create %s: %s"), dir, strerror(errno));
		return STORE_ERROR;
	}
	target_ids(dir, &mode, &uid, &gid);
	snprintf(src, sizeof src, "%s/data.mdb", from);
	int in = open(src, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (in < 0 || fstat(in, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, _("%s holds no backup: %s"), from,
			 in < 0 ? strerror(errno) : _("data.mdb is not a file"));
		if (in >= 0)
			close(in);
		return STORE_ERROR;
	}
	snprintf(stage, n, "%s/.restore-XXXXXX", dir);
	if (!mkdtemp(stage)) {
		snprintf(err, errlen, _("cannot make a staging directory in %s: %s"), dir,
			 strerror(errno));
		close(in);
		return STORE_ERROR;
	}
	snprintf(dst, sizeof dst, "%s/data.mdb", stage);
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = out < 0 ? errno : 0;
	static char buf[1 << 16];
	while (!e) {
		ssize_t got = read(in, buf, sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			e = got < 0 ? errno : 0;
			break;
		}
		for (ssize_t off = 0; off < got && !e;) {
			ssize_t w = write(out, buf + off, (size_t)(got - off));
			if (w < 0 && errno != EINTR)
				e = errno;
			else if (w > 0)
				off += w;
		}
	}
	close(in);
	if (!e && (fchown(out, getuid() == 0 ? uid : (uid_t)-1, gid) < 0 ||
		   fchmod(out, mode) < 0 || fsync(out) < 0))
		e = errno;
	if (out >= 0 && close(out) < 0 && !e)
		e = errno;
	if (e) {
		store_restore_unstage(stage);
		if (env_disk_full(dir, e)) {
			snprintf(err, errlen,
				 _("the disk is full: cannot copy the backup into %s; nothing was "
				   "changed; free some space and try again"),
				 dir);
			return STORE_FULL;
		}
		snprintf(err, errlen, _("cannot copy %s into %s: %s"), from, dir, strerror(e));
		return STORE_ERROR;
	}
	return STORE_OK;
}

/* Counts the processes holding a lock on the file of fd, from /proc/locks
 * (Linux); 0 when that cannot be read. */
static unsigned count_holders(int fd)
{
	struct stat sb;
	FILE *f = fopen("/proc/locks", "r");
	if (!f || fstat(fd, &sb) < 0) {
		if (f)
			fclose(f);
		return 0;
	}
	pid_t pids[256];
	unsigned n = 0;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		unsigned maj, min;
		unsigned long long ino;
		long pid;
		char kind[16], adv[16], rw[16];
		/* "1: POSIX  ADVISORY  READ 1234 fd:01:5678 0 0"; waiters have "->". */
		if (strstr(line, "->") ||
		    sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%llu", kind, adv, rw, &pid, &maj, &min,
			   &ino) != 7)
			continue;
		if (ino != (unsigned long long)sb.st_ino || makedev(maj, min) != sb.st_dev ||
		    pid == getpid())
			continue;
		bool seen = false;
		for (unsigned i = 0; i < n && !seen; i++)
			seen = pids[i] == (pid_t)pid;
		if (!seen && n < 256)
			pids[n++] = (pid_t)pid;
	}
	fclose(f);
	return n;
}

/* Takes LMDB's exclusive lock on lock file fd, trying for wait_s seconds;
 * 0, or the number of processes holding it (at least 1). */
static unsigned take_lock(int fd, unsigned wait_s)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 1;
	struct timespec start, now, nap = {0, 50 * 1000 * 1000};
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (fcntl(fd, F_SETLK, &fl) == 0)
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= (time_t)wait_s) {
			unsigned n = count_holders(fd);
			return n ? n : 1;
		}
		nanosleep(&nap, NULL);
	}
}

/* Links (or, where links are refused, renames) data to a new name
 * data.mdb.before-restore-STAMP[-N] in dir; its path into kept. */
static int keep_old(const char *dir, const char *data, char *kept, size_t keptlen)
{
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	for (int i = 0; i < 100; i++) {
		if (i == 0)
			snprintf(kept, keptlen, "%s/data.mdb.before-restore-%s", dir, stamp);
		else
			snprintf(kept, keptlen, "%s/data.mdb.before-restore-%s-%d", dir, stamp, i);
		if (link(data, kept) == 0)
			return 0;
		if (errno == EEXIST)
			continue;
		if (errno == EPERM || errno == ENOTSUP || errno == EMLINK)
			return rename(data, kept) < 0 ? errno : 0;
		return errno;
	}
	return EEXIST;
}

/* Opens the environment in dir once while this process holds the
 * exclusive lock: LMDB takes itself for the first opener and sets the lock
 * file up from the data file now in place; closing it lets go of every
 * lock this process has on the file. */
static int reset_lock_file(const char *dir)
{
	MDB_env *env;
	int rc = mdb_env_create(&env);
	if (rc)
		return rc;
	mdb_env_set_maxreaders(env, 1024);
	mdb_env_set_assert(env, guard_assert);
	guard_enter();
	rc = mdb_env_open(env, dir, MDB_NOTLS, 0600);
	guard_leave();
	mdb_env_close(env);
	return rc;
}

int store_restore_swap(const char *dir, const char *stage, unsigned wait_s, char *kept,
		       size_t keptlen, char *err, size_t errlen)
{
	char lock[4096], data[4096], staged[4200];
	mode_t mode;
	uid_t uid;
	gid_t gid;
	*kept = '\0';
	target_ids(dir, &mode, &uid, &gid);
	snprintf(lock, sizeof lock, "%s/lock.mdb", dir);
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	snprintf(staged, sizeof staged, "%s/data.mdb", stage);
	int e = env_prepare_files(dir, 1024, mode, false);
	if (e == EEXIST)
		e = 0;
	int fd = e ? -1 : open(lock, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		e = e ? e : fd < 0 ? errno : EINVAL;
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, _("cannot use the lock file %s: %s"), lock,
			 e == ELOOP ? _("it is a symbolic link") : strerror(e));
		return env_disk_full(dir, e) ? STORE_FULL : STORE_ERROR;
	}
	if (getuid() == 0 && uid != (uid_t)-1 && fchown(fd, uid, gid) < 0) {
		/* the lock file keeps its owner: LMDB only needs it writable */
	}
	/* Close the gate, so that sessions starting now wait for the restore
	 * instead of keeping it waiting; those open are waited for. */
	struct timespec nap = {0, 20 * 1000 * 1000};
	int gate = -1;
	for (unsigned i = 0; i <= wait_s * 50 && (gate = env_gate(dir, true)) < 0; i++)
		if (i < wait_s * 50)
			nanosleep(&nap, NULL);
	unsigned busy = gate < 0 ? 1 : take_lock(fd, wait_s);
	if (gate < 0)
		busy = count_holders(fd) ? count_holders(fd) : 1;
	if (busy) {
		if (gate >= 0)
			close(gate);
		close(fd);
		snprintf(err, errlen,
			 ngettext("%u other process has the database in %s open; nothing was changed",
				  "%u other processes have the database in %s open; nothing was "
				  "changed",
				  busy),
			 busy, dir);
		return STORE_BUSY;
	}
	/* Nobody has the database open, and anyone who tries waits. */
	struct stat db;
	int rc = STORE_OK;
	if (lstat(data, &db) == 0 && S_ISREG(db.st_mode) && (e = keep_old(dir, data, kept, keptlen))) {
		snprintf(err, errlen, _("cannot set the old database aside: %s"), strerror(e));
		rc = STORE_ERROR;
	} else if (rename(staged, data) < 0) {
		snprintf(err, errlen, _("cannot put the backup in place: %s"), strerror(errno));
		rc = STORE_ERROR;
	} else {
		sync_dir(dir);
		if ((e = reset_lock_file(dir))) {
			snprintf(err, errlen,
				 _("the backup is in place but does not open: %s; the old database "
				   "is %s"),
				 mdb_strerror(e), *kept ? kept : "-");
			rc = STORE_ERROR;
		}
	}
	close(fd); /* with reset_lock_file's close, the last of this process's locks */
	close(gate);
	return rc;
}

/*
 * cmd-backup.c - zsdesk backup and zsdesk restore.
 *
 * A backup is a compacted, consistent copy made while others go on
 * working (LMDB copies from a read transaction), checked before it is
 * called good.  A restore checks the backup first and keeps the database
 * it replaces beside it.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Prints one fault of a checked copy. */
static void problem(void *ctx, const char *msg)
{
	(void)ctx;
	cli_warn("%s", msg);
}

/* Opens dir and verifies it; returns the faults (or -1 when it will not
 * open), with the number of projects in *projects. */
static long verify(const char *dir, uint64_t *projects)
{
	struct zs *z;
	char err[1024];
	struct zs_open_opts o = {.anonymous = true, .readonly = true};
	if (zs_open(dir, &o, &z, err, sizeof err) != ZS_OK) {
		cli_error(EXIT_FAIL, "%s", err);
		return -1;
	}
	long faults = (long)zs_check(z, problem, NULL);
	*projects = zs_count(z, KIND_PROJECT);
	zs_close(z);
	return faults;
}

/* Copies the open database into a new directory and checks the copy. */
static int backup_run(struct zs *z, struct args *a)
{
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk backup DEST (a new directory)"));
	const char *dest = a->pos[0];
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/data.mdb", dest);
	if (stat(path, &sb) == 0)
		return cli_error(EXIT_FAIL, _("%s already holds a database; choose a new directory"),
				 dest);
	int st = zs_backup(z, dest);
	if (st != ZS_OK)
		return cli_fail(z);
	uint64_t projects = 0;
	long faults = verify(dest, &projects);
	if (faults != 0)
		return cli_error(EXIT_FAIL, _("the copy in %s does not check clean: do not rely on it"),
				 dest);
	charset_printf(stdout, _("backup in %s: %llu projects, checked\n"), dest,
		       (unsigned long long)projects);
	return EXIT_OK;
}

/* Checks a backup and puts it in place of the database (no database is
 * open: the one it replaces may be damaged or missing). */
static int restore_run(struct zs *unused, struct args *a)
{
	bool replace = args_flag(a, "replace");
	(void)unused;
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk restore BACKUP --db DIR [--replace]"));
	const char *from = a->pos[0], *dir = cli_db_dir();
	uint64_t projects = 0;
	if (verify(from, &projects) != 0)
		return cli_error(EXIT_FAIL, _("%s is not a good backup; nothing was changed"), from);
	char data[4096], lock[4096], keep[4200], src[4096];
	struct stat sb;
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	snprintf(lock, sizeof lock, "%s/lock.mdb", dir);
	snprintf(src, sizeof src, "%s/data.mdb", from);
	bool exists = stat(data, &sb) == 0;
	if (exists && !replace)
		return cli_error(EXIT_FAIL,
				 _("%s holds a database; stop every zsdesk using it, then restore with "
				   "--replace (the old one is kept beside it)"),
				 dir);
	if (!exists && mkdir(dir, 0777) < 0 && errno != EEXIST)
		return cli_error(EXIT_FAIL, _("cannot create %s: %s"), dir, strerror(errno));
	/* Copy the backup next to the database, then swap in one rename. */
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s/data.mdb.restoring", dir);
	FILE *in = fopen(src, "rb"), *out = in ? fopen(tmp, "wb") : NULL;
	char buf[1 << 16];
	size_t n;
	bool ok = in && out;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in) && fflush(out) == 0 && fsync(fileno(out)) == 0;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	if (!ok) {
		unlink(tmp);
		return cli_error(EXIT_FAIL, _("cannot copy %s into %s: %s"), from, dir, strerror(errno));
	}
	if (exists) {
		char stamp[32];
		time_t now = time(NULL);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
		snprintf(keep, sizeof keep, "%s/data.mdb.before-restore-%s", dir, stamp);
		if (rename(data, keep) < 0) {
			unlink(tmp);
			return cli_error(EXIT_FAIL, _("cannot set the old database aside: %s"),
					 strerror(errno));
		}
	}
	if (rename(tmp, data) < 0)
		return cli_error(EXIT_FAIL, _("cannot put the backup in place: %s"), strerror(errno));
	unlink(lock); /* readers of the old file are gone; LMDB makes a new one */
	if (verify(dir, &projects) != 0)
		return cli_error(EXIT_FAIL, _("the restored database in %s does not check clean"), dir);
	if (exists)
		charset_printf(stdout, _("restored %llu projects into %s; the old database is %s\n"),
			       (unsigned long long)projects, dir, keep);
	else
		charset_printf(stdout, _("restored %llu projects into %s\n"),
			       (unsigned long long)projects, dir);
	return EXIT_OK;
}

const struct command cmd_backup = {
	.name = "backup",
	.summary = N_("Make a compacted, checked copy of the database while others work"),
	.flags = CMD_DATABASE | CMD_ANONYMOUS,
	.usage = "DEST",
	.run = backup_run,
};

static const struct cli_option restore_options[] = {
	{"replace", NULL, N_("replace the database there (it is kept beside it)")},
	{NULL, NULL, NULL},
};

const struct command cmd_restore = {
	.name = "restore",
	.summary = N_("Check a backup and put it in place (the replaced database is kept)"),
	.usage = "BACKUP --db DIR [--replace]",
	.run = restore_run,
	.options = restore_options,
};

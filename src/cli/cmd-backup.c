/*
 * cmd-backup.c - zsdesk backup and zsdesk restore.
 *
 * A backup is a compacted, consistent copy made while others go on
 * working (LMDB copies from a read transaction), checked before it is
 * called good; it belongs to the account that made it and nobody else may
 * read it.  A restore is core's (zs_restore): it refuses while sessions
 * have the database open, or waits for them with --wait, and keeps the
 * database it replaces beside it.  Both leave an entry in the audit log.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	if (lstat(path, &sb) == 0)
		return cli_error(EXIT_FAIL, _("%s already holds a database; choose a new directory"),
				 dest);
	int st = zs_backup(z, dest);
	if (st != ZS_OK)
		return cli_fail(z);
	uint64_t projects = 0;
	long faults = verify(dest, &projects);
	/* Checking opened the copy, which made a lock file: the copy is
	 * complete without it. */
	snprintf(path, sizeof path, "%s/lock.mdb", dest);
	unlink(path);
	if (faults != 0)
		return cli_error(EXIT_FAIL, _("the copy in %s does not check clean: do not rely on it"),
				 dest);
	charset_printf(stdout, _("backup in %s: %llu projects, checked\n"), dest,
		       (unsigned long long)projects);
	return EXIT_OK;
}

/* Reads --wait SECONDS (0 when absent); -1 when it is not a number. */
static long wait_seconds(const struct args *a)
{
	const char *w = args_get(a, "wait");
	if (!w)
		return 0;
	char *end;
	long v = strtol(w, &end, 10);
	if (!*w || *end || v < 0 || v > 86400)
		return -1;
	return v;
}

/* Checks a backup and puts it in place of the database (no database is
 * open here: the one it replaces may be damaged or missing). */
static int restore_run(struct zs *unused, struct args *a)
{
	(void)unused;
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk restore BACKUP --db DIR [--replace] [--wait SECONDS]"));
	long wait = wait_seconds(a);
	if (wait < 0)
		return cli_error(EXIT_USAGE, _("--wait takes a number of seconds, not %s"),
				 args_get(a, "wait"));
	const char *from = a->pos[0], *dir = cli_db_dir();
	struct zs_restore_opts o = {.as = cli.as, .wait = (unsigned)wait,
				    .replace = args_flag(a, "replace")};
	struct zs_restore_result res;
	char err[2048];
	int st = zs_restore(dir, from, &o, &res, err, sizeof err);
	if (st != ZS_OK && res.busy)
		return cli_error(EXIT_FAIL, "%s%s", err,
				 _("; wait until they have finished, or give --wait SECONDS"));
	if (st != ZS_OK)
		return cli_error(cli_exit_of(st), "%s", err);
	if (*res.kept)
		charset_printf(stdout, _("restored %llu projects into %s; the old database is %s\n"),
			       (unsigned long long)res.projects, dir, res.kept);
	else
		charset_printf(stdout, _("restored %llu projects into %s\n"),
			       (unsigned long long)res.projects, dir);
	return EXIT_OK;
}

const struct command cmd_backup = {
	.name = "backup",
	.summary = N_("Make a compacted, checked copy of the database while others work "
		      "(administrators, city office)"),
	.flags = CMD_DATABASE,
	.usage = "DEST",
	.run = backup_run,
};

static const struct cli_option restore_options[] = {
	{"replace", NULL, N_("replace the database there (it is kept beside it)")},
	{"wait", "SECONDS", N_("wait this long for the sessions using it to finish")},
	{NULL, NULL, NULL},
};

const struct command cmd_restore = {
	.name = "restore",
	.summary = N_("Check a backup and put it in place (the replaced database is kept); "
		      "administrators"),
	.usage = "BACKUP --db DIR [--replace] [--wait SECONDS]",
	.run = restore_run,
	.options = restore_options,
};

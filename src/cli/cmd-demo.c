/*
 * cmd-demo.c - zsdesk demo: a demo city to try zsdesk on and to measure it.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Shows progress on a terminal. */
static void progress(void *ctx, uint64_t done)
{
	uint64_t total = *(uint64_t *)ctx;
	if (isatty(2))
		fprintf(stderr, "\r%llu / %llu", (unsigned long long)done, (unsigned long long)total);
	if (isatty(2) && done == total)
		fputc('\n', stderr);
}

/* Runs zsdesk demo. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "demo"))
		return EXIT_OK;
	const char *ns = args_get(a, "projects");
	uint64_t n = 1000;
	if (ns) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(ns, &end, 10);
		if (!*ns || *end || errno || *ns == '-' || v > 100000000ULL)
			return cli_error(EXIT_USAGE,
					 _("--projects takes a number from 0 to 100000000, not %s"), ns);
		n = v;
	}
	struct zs_init_opts o = {.profile = args_get(a, "profile"), .single_user = true};
	if ((rc = args_done(a, "demo")))
		return rc;
	char err[1024];
	int st = zs_init(cli_db_dir(), &o, err, sizeof err);
	if (st != ZS_OK && st != ZS_EXISTS) /* a demo may go on in a demo database */
		return cli_error(EXIT_FAIL, "%s", err);
	struct zs *z;
	struct zs_open_opts oo = {.as = cli.as, .bulk = true};
	if (zs_open(cli_db_dir(), &oo, &z, err, sizeof err) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", err);
	st = zs_demo(z, n, progress, &n);
	/* A bulk load leaves the pages its big transactions freed; a compacted
	 * copy put in place of the file gives the size a user will see. */
	char tmp[4096], from[4200], to[4200];
	snprintf(tmp, sizeof tmp, "%s/.compact", cli_db_dir());
	snprintf(from, sizeof from, "%s/data.mdb", tmp);
	snprintf(to, sizeof to, "%s/data.mdb", cli_db_dir());
	if (st == ZS_OK)
		st = zs_backup(z, tmp);
	if (st != ZS_OK) {
		rc = cli_error(cli_exit_of(st), "%s", zs_error(z));
		zs_close(z);
		return rc;
	}
	zs_close(z);
	if (rename(from, to) < 0)
		return cli_error(EXIT_FAIL, _("cannot put the compacted copy in place: %s"),
				 strerror(errno));
	snprintf(from, sizeof from, "%s/lock.mdb", tmp);
	unlink(from);
	rmdir(tmp);
	charset_printf(stdout, _("demo city with %llu projects in %s\n"), (unsigned long long)n,
		       cli_db_dir());
	return rc;
}

const struct command cmd_demo = {
	"demo",
	"demo --db DIR [--projects N] [--profile beijing|jiaxing]",
	N_("Make a demo city: districts, officers, enterprises, projects, issues"),
	run,
};

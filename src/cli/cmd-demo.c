/*
 * cmd-demo.c - zsdesk demo: a demo city to try zsdesk on and to measure it.
 *
 * A demo is loaded in bulk (no fsync per commit) and then compacted, so
 * that its size is the one a real city of that size would have.
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

/* Makes (or goes on filling) a demo city, then compacts it. */
static int demo_run(struct zs *unused, struct args *a)
{
	int rc = EXIT_OK;
	(void)unused;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("demo takes no word %s"), a->pos[0]);
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
		rc = cli_fail(z);
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

static const struct cli_option demo_options[] = {
	{"projects", "N", N_("how many projects (default 1000)")},
	{"profile", "NAME", N_("the city profile: beijing or jiaxing")},
	{NULL, NULL, NULL},
};

/* It creates and opens the database itself, for a bulk load. */
const struct command cmd_demo = {
	.name = "demo",
	.summary = N_("Make a demo city: districts, officers, enterprises, projects, issues"),
	.usage = "--db DIR [--projects N] [--profile beijing|jiaxing]",
	.run = demo_run,
	.options = demo_options,
};

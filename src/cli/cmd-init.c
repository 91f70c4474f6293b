/*
 * cmd-init.c - zsdesk init: a new database with a city profile.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Parses a size like 64G, 512M or a byte count; 0 on error. */
uint64_t cli_parse_size(const char *s);
uint64_t cli_parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (!*s || errno || end == s || *s == '-')
		return 0;
	uint64_t mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1ULL << 10;
	else if (*end == 'M' || *end == 'm')
		mul = 1ULL << 20;
	else if (*end == 'G' || *end == 'g')
		mul = 1ULL << 30;
	else if (*end == 'T' || *end == 't')
		mul = 1ULL << 40;
	else if (*end)
		return 0;
	if (*end && end[1] && strcmp(end + 1, "iB") && strcmp(end + 1, "B"))
		return 0;
	if (n > (1ULL << 50) / mul)
		return 0;
	return n * mul;
}

/* Runs zsdesk init. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "single-user|shared");
	if (rc)
		return rc;
	if (cli_wants_help(a, "init"))
		return EXIT_OK;
	struct zs_init_opts o = {0};
	o.profile = args_get(a, "profile");
	o.single_user = args_flag(a, "single-user");
	bool shared = args_flag(a, "shared");
	o.group = args_get(a, "group");
	if (shared != (o.group != NULL))
		return cli_error(EXIT_USAGE, "%s", _("--shared goes with --group GROUP"));
	o.admin_name = args_get(a, "name");
	const char *ms = args_get(a, "map-size");
	if (ms && ((o.map_size = cli_parse_size(ms)) < (1ULL << 20)))
		return cli_error(EXIT_USAGE, _("--map-size takes a size like 64G or 512M, not %s"), ms);
	if ((rc = args_done(a, "init")))
		return rc;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("init takes no word %s (the directory goes with --db)"),
				 a->pos[0]);
	char err[1024];
	int st = zs_init(cli_db_dir(), &o, err, sizeof err);
	if (st != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", err);
	charset_printf(stdout, _("created the database in %s\n"), cli_db_dir());
	return EXIT_OK;
}

const struct command cmd_init = {
	"init",
	"init --db DIR [--profile beijing|jiaxing|FILE] [--single-user | --shared --group GROUP] "
	"[--name NAME] [--map-size SIZE]",
	N_("Create a database for a city, with you as its administrator"),
	run,
};

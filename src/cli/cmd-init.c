/*
 * cmd-init.c - zsdesk init: a new database with a city profile.
 *
 * The account that runs it (or the one --admin names) becomes the first
 * administrator; an init that was cut off leaves nothing behind, so it
 * can simply be run again.  A shared database is made by root in the
 * server's directory, owned by the system group zsdesk is setgid to.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Creates the database with the profile and options of a. */
static int init_run(struct zs *unused, struct args *a)
{
	struct zs_init_opts o = {0};
	(void)unused;
	o.profile = args_get(a, "profile");
	o.single_user = args_flag(a, "single-user");
	o.group = args_get(a, "group");
	if (args_flag(a, "shared") && !o.group)
		o.group = "zsdesk";
	if (o.group && !args_flag(a, "shared"))
		return cli_error(EXIT_USAGE, "%s", _("--group goes with --shared"));
	o.admin_name = args_get(a, "name");
	o.admin = args_get(a, "admin");
	const char *ms = args_get(a, "map-size");
	if (ms && ((o.map_size = cli_parse_size(ms)) < (1ULL << 20)))
		return cli_error(EXIT_USAGE, _("--map-size takes a size like 64G or 512M, not %s"), ms);
	if (a->npos)
		return cli_error(EXIT_USAGE, _("init takes no word %s (the directory goes with --db)"),
				 a->pos[0]);
	char err[1024];
	int st = zs_init(cli_db_dir(), &o, err, sizeof err);
	if (st != ZS_OK)
		return cli_error(cli_exit_of(st), "%s", err);
	charset_printf(stdout, _("created the database in %s\n"), cli_db_dir());
	return EXIT_OK;
}

static const struct cli_option init_options[] = {
	{"profile", "NAME", N_("the city profile: beijing, jiaxing or a file")},
	{"single-user", NULL, N_("one owner who may act as any officer")},
	{"shared", NULL, N_("a server's database: officers log in with their own accounts")},
	{"group", "GROUP", N_("the system group that owns it (default zsdesk; no officer in it)")},
	{"admin", "LOGIN", N_("the account of the first administrator (default: you)")},
	{"name", "NAME", N_("the first administrator's name")},
	{"map-size", "SIZE", N_("how large the database may grow, e.g. 64G")},
	{NULL, NULL, NULL},
};

/* It creates the database, so it opens none. */
const struct command cmd_init = {
	.name = "init",
	.summary = N_("Create a database for a city, with you as its administrator"),
	.usage = "--db DIR [--profile beijing|jiaxing|FILE] [--single-user | --shared [--group "
		 "GROUP]] [--admin LOGIN] [--name NAME] [--map-size SIZE]",
	.run = init_run,
	.options = init_options,
};

/*
 * cmd-run.c - zsdesk with no command: the full-screen desk.
 */
#include <config.h>

#include "charset.h"
#include "desk.h"
#include "i18n.h"
#include "records.h"

/* Opens the desk on the database. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "run"))
		return EXIT_OK;
	if ((rc = args_done(a, "run")))
		return rc;
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	rc = app_run(z, cli_db_dir());
	zs_close(z);
	return rc;
}

const struct command cmd_run = {
	"run",
	"run [--db DIR] [--as LOGIN] [--lang zh|en] [--charset NAME]",
	N_("Open the full-screen desk (also: zsdesk with no command)"),
	run,
};

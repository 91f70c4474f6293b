/*
 * cmd-district.c - zsdesk district: the districts and their parks.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

/* Runs a district subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "district"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s", _("district what? list, show, add, edit or history"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	if ((rc = rec_cmd_verbs(z, a, KIND_DISTRICT, "district", a->pos[0])) == -1)
		rc = cli_error(EXIT_USAGE, _("district has no %s (list, show, add, edit, history)"),
			       a->pos[0]);
	zs_close(z);
	return rc;
}

const struct command cmd_district = {
	"district",
	"district list\n"
	"       zsdesk district show NAME|CODE|ID\n"
	"       zsdesk district add --code CODE --name NAME [--name-en N] [--parks P,P]\n"
	"       zsdesk district edit NAME|CODE|ID --FIELD VALUE...",
	N_("List and change districts and their parks"),
	run,
};

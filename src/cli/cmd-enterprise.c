/*
 * cmd-enterprise.c - zsdesk enterprise: the enterprise library.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

/* Runs an enterprise subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "enterprise"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s", _("enterprise what? add, list, show, edit or history"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	if ((rc = rec_cmd_verbs(z, a, KIND_ENTERPRISE, "enterprise", a->pos[0])) == -1)
		rc = cli_error(EXIT_USAGE, _("enterprise has no %s (add, list, show, edit, history)"),
			       a->pos[0]);
	zs_close(z);
	return rc;
}

const struct command cmd_enterprise = {
	"enterprise",
	"enterprise add --name NAME [--credit-code CODE] [--types T,T] [--FIELD VALUE...]\n"
	"       zsdesk enterprise list [--search TEXT] [--limit N] [--before ID]\n"
	"       zsdesk enterprise show ID|CODE|NAME\n"
	"       zsdesk enterprise edit ID [--expect-version V] --FIELD VALUE...\n"
	"       zsdesk enterprise history ID",
	N_("Add, list, show and change enterprises"),
	run,
};

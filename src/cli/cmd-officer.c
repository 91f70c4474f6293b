/*
 * cmd-officer.c - zsdesk officer: the people who use zsdesk.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

/* Runs an officer subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "officer"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s", _("officer what? add, list, show, edit or history"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	if ((rc = rec_cmd_verbs(z, a, KIND_OFFICER, "officer", a->pos[0])) == -1)
		rc = cli_error(EXIT_USAGE, _("officer has no %s (add, list, show, edit, history)"),
			       a->pos[0]);
	zs_close(z);
	return rc;
}

const struct command cmd_officer = {
	"officer",
	"officer add --login LOGIN --name NAME --role desk|manager|lead|city|admin "
	"[--district D] [--industries I,I] [--phone P]\n"
	"       zsdesk officer list [--district D]\n"
	"       zsdesk officer show LOGIN|ID\n"
	"       zsdesk officer edit LOGIN|ID [--active no] --FIELD VALUE...\n"
	"       zsdesk officer history LOGIN|ID",
	N_("Add, list and change officers (administrators only)"),
	run,
};

/*
 * cmd-project.c - zsdesk project: the project library from the command line.
 */
#include <config.h>

#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* zsdesk project stage ID STAGE [--date D] [--reason R] */
static int project_stage(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project stage ID STAGE"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	const char *ds = args_get(a, "date"), *why = args_get(a, "reason");
	date_t d = 0;
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--date: not a date: %s (write e.g. 2026-11-22)"), ds);
	int rc = args_done(a, "project stage");
	if (rc)
		return rc;
	int st = zs_project_stage(z, id, a->pos[2], d, why);
	if (st != ZS_OK)
		return cli_error(cli_exit_of(st), "%s", zs_error(z));
	return EXIT_OK;
}

/* Runs a project subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "project"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s",
				 _("project what? add, list, show, edit, stage or history"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	const char *verb = a->pos[0];
	if (!strcmp(verb, "stage"))
		rc = project_stage(z, a);
	else if ((rc = rec_cmd_verbs(z, a, KIND_PROJECT, "project", verb)) == -1)
		rc = cli_error(EXIT_USAGE, _("project has no %s (add, list, show, edit, stage, history)"),
			       verb);
	zs_close(z);
	return rc;
}

const struct command cmd_project = {
	"project",
	"project add --name NAME --enterprise E --industry I --investment AMOUNT --district D "
	"[--FIELD VALUE...]\n"
	"       zsdesk project list [--district D] [--stage S] [--industry I] [--manager M] "
	"[--enterprise E] [--min AMOUNT] [--max AMOUNT] [--search TEXT] [--limit N] [--before ID]\n"
	"       zsdesk project show ID\n"
	"       zsdesk project edit ID [--expect-version V] [--reason WHY] --FIELD VALUE...\n"
	"       zsdesk project stage ID STAGE [--date DATE] [--reason WHY]\n"
	"       zsdesk project history ID",
	N_("Add, list, show, change and move projects through their stages"),
	run,
};

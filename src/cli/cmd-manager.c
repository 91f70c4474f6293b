/*
 * cmd-manager.c - zsdesk manager: suggest and assign service managers.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "records.h"

/* zsdesk manager suggest PROJECT */
static int suggest(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"officer", "name", "district", "industry", "workload"};
	static const char *const labels[] = {"ID", N_("Name"), N_("Same district"),
					     N_("Knows the industry"), N_("Projects managed")};
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk manager suggest PROJECT"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	struct zs_suggestion s[20];
	size_t n = zs_suggest_managers(z, id, s, 20);
	struct out *o = out_begin(5, keys, labels);
	for (size_t i = 0; i < n; i++) {
		struct rec r;
		char v[5][128];
		rec_init(&r);
		zs_get(z, KIND_OFFICER, s[i].officer, &r);
		zs_id_text(s[i].officer, v[0], sizeof v[0]);
		snprintf(v[1], sizeof v[1], "%s", rec_text(&r, "name", ""));
		snprintf(v[2], sizeof v[2], "%s", s[i].same_district ? _("yes") : _("no"));
		snprintf(v[3], sizeof v[3], "%s", s[i].knows_industry ? _("yes") : _("no"));
		snprintf(v[4], sizeof v[4], "%llu", (unsigned long long)s[i].workload);
		const char *row[5] = {v[0], v[1], v[2], v[3], v[4]};
		out_row(o, row);
		rec_free(&r);
	}
	return out_end(o);
}

/* zsdesk manager assign PROJECT OFFICER [--reason WHY] */
static int assign(struct zs *z, struct args *a)
{
	uint64_t pid, oid;
	const char *why = args_get(a, "reason");
	int rc = args_done(a, "manager assign");
	if (rc)
		return rc;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk manager assign PROJECT OFFICER [--reason WHY]"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &pid) != ZS_OK ||
	    zs_resolve(z, KIND_OFFICER, a->pos[2], &oid) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	int st = zs_assign_manager(z, pid, oid, why);
	if (st != ZS_OK)
		return cli_error(cli_exit_of(st), "%s", zs_error(z));
	return EXIT_OK;
}

/* Runs a manager subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "manager"))
		return EXIT_OK;
	if (a->npos == 0 || (strcmp(a->pos[0], "suggest") && strcmp(a->pos[0], "assign")))
		return cli_error(EXIT_USAGE, "%s", _("manager suggest, or manager assign"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	if (!strcmp(a->pos[0], "suggest"))
		rc = args_done(a, "manager suggest") ? EXIT_USAGE : suggest(z, a);
	else
		rc = assign(z, a);
	zs_close(z);
	return rc;
}

const struct command cmd_manager = {
	"manager",
	"manager suggest PROJECT\n"
	"       zsdesk manager assign PROJECT OFFICER [--reason WHY]",
	N_("Suggest service managers for a project, and assign or hand over"),
	run,
};

/*
 * cmd-manager.c - zsdesk manager: suggest and assign service managers.
 *
 * The core ranks the officers and records the hand-over; this file prints
 * the ranking and passes the choice on.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "records.h"

/* Lists the officers who would suit a project as its service manager. */
static int suggest(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"officer", "name", "district", "industry", "workload"};
	static const char *const labels[] = {"ID", N_("Name"), N_("Same district"),
					     N_("Knows the industry"), N_("Projects managed")};
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk manager suggest PROJECT"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
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

/* Makes an officer the service manager of a project. */
static int assign(struct zs *z, struct args *a)
{
	uint64_t pid, oid;
	const char *why = args_get(a, "reason");
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk manager assign PROJECT OFFICER [--reason WHY]"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &pid) != ZS_OK ||
	    zs_resolve(z, KIND_OFFICER, a->pos[2], &oid) != ZS_OK)
		return cli_fail(z);
	int st = zs_assign_manager(z, pid, oid, why);
	if (st != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option assign_options[] = {
	{"reason", "WHY", N_("why, kept in the history")},
	{NULL, NULL, NULL},
};

static const struct cli_verb manager_verbs[] = {
	{"suggest", "PROJECT", N_("Officers who would suit the project, best first"), suggest,
	 NULL, CMD_DATABASE | CMD_READONLY},
	{"assign", "PROJECT OFFICER [--reason WHY]",
	 N_("Make an officer the project's service manager (or hand over)"), assign,
	 assign_options, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_manager = {
	.name = "manager",
	.summary = N_("Suggest service managers for a project, and assign or hand over"),
	.verbs = manager_verbs,
};

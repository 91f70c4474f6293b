/*
 * cmd-dispute.c - zsdesk dispute: disputes between districts (招商争议),
 * raised by either, decided by the city office or the joint meeting
 * (seed 003 §十四), with the decision written on both projects.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"
#include "xalloc.h"

/* Raises a dispute of one project against another district's. */
static int dispute_raise(struct zs *z, struct args *a)
{
	const char *pa = args_get(a, "project"), *pb = args_get(a, "other");
	if (a->npos != 1 || !pa || !pb)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk dispute raise --project P --other Q --reason WHY"));
	uint64_t p, q, id;
	if (zs_resolve(z, KIND_PROJECT, pa, &p) != ZS_OK || zs_resolve(z, KIND_PROJECT, pb, &q) != ZS_OK ||
	    zs_dispute_raise(z, p, q, args_get(a, "reason"), &id) != ZS_OK)
		return cli_fail(z);
	char idb[32];
	charset_printf(stdout, "%s\n", zs_id_text(id, idb, sizeof idb));
	return EXIT_OK;
}

/* Decides a dispute: zsdesk dispute decide ID DECISION. */
static int dispute_decide(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk dispute decide ID DECISION"));
	if (zs_id_parse(a->pos[1], &id) < 0)
		return cli_error(EXIT_USAGE, _("%s is not an issue number"), a->pos[1]);
	if (zs_dispute_decide(z, id, a->pos[2]) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Lists the disputes the officer may see, open ones (or all with --all). */
static int dispute_list(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"id", "project", "other", "status", "opened_on",
					   "description", "decision"};
	static const char *const labels[] = {"ID",	    N_("Project"),     N_("Other project"),
					     N_("Status"),  N_("Opened"),      N_("Description"),
					     N_("Decision")};
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk dispute list [--all]"));
	struct zs_filter f = {.open_issues = !args_flag(a, "all")};
	struct zs_cursor c = {0};
	struct out *o = out_begin(7, keys, labels);
	uint64_t ids[256];
	while (!c.done) {
		size_t n = zs_list(z, KIND_ISSUE, &f, &c, ids, 256);
		for (size_t i = 0; i < n; i++) {
			struct rec r;
			rec_init(&r);
			if (zs_get(z, KIND_ISSUE, ids[i], &r) == ZS_OK && rec_bool(&r, "dispute", false)) {
				char v[7][512];
				static const char *const fields[] = {NULL, "project", "other_project",
								     "status", "opened_on",
								     "description", "decision"};
				zs_id_text(ids[i], v[0], sizeof v[0]);
				for (int k = 1; k < 7; k++)
					zs_field_text(z, KIND_ISSUE, &r, fields[k], v[k], sizeof v[k]);
				const char *row[7] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
				out_row(o, row);
			}
			rec_free(&r);
		}
	}
	return out_end(o);
}

static const struct cli_option raise_options[] = {
	{"project", "P", N_("your district's project")},
	{"other", "Q", N_("the other district's project")},
	{"reason", "WHY", N_("what the dispute is about")},
	{NULL, NULL, NULL},
};

static const struct cli_option list_options[] = {
	{"all", NULL, N_("decided ones too")},
	{NULL, NULL, NULL},
};

static const struct cli_verb dispute_verbs[] = {
	{"raise", "--project P --other Q --reason WHY",
	 N_("Raise a dispute with another district about a project"), dispute_raise, raise_options,
	 CMD_DATABASE},
	{"list", "[--all]", N_("The disputes you may see"), dispute_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"decide", "ID DECISION", N_("Decide a dispute (city office, joint meeting)"),
	 dispute_decide, NULL, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_dispute = {
	.name = "dispute",
	.summary = N_("Disputes between districts (招商争议): raise, list, decide"),
	.verbs = dispute_verbs,
};

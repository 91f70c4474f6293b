/*
 * cmd-project.c - zsdesk project: the project library from the command line.
 *
 * Listing, showing, editing and history are the verbs all records share
 * (records.c); adding is project_add here because a new project may name
 * an enterprise that another district already works with.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "money.h"
#include "records.h"
#include "xalloc.h"

/* Moves a project to another stage: zsdesk project stage ID STAGE. */
static int project_stage(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project stage ID STAGE"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
	const char *ds = args_get(a, "date"), *why = args_get(a, "reason");
	bool no_credit = args_flag(a, "no-credit");
	date_t d = 0;
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--date: not a date: %s (write e.g. 2026-11-22)"), ds);
	int st = zs_project_move(z, id, a->pos[2], d, why, no_credit);
	if (st != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* zsdesk project add: the fields, an optional first stage (lead or
 * talks), and the claim warning when the enterprise is known elsewhere. */
static int project_add(struct zs *z, struct args *a)
{
	const char *stage = args_get(a, "stage");
	struct zs_entry *e = zs_entry_new(z, KIND_PROJECT, 0);
	int rc = cli_fields(e, a);
	if (!rc && a->npos > 1)
		rc = cli_error(EXIT_USAGE, _("project add: unexpected word %s"), a->pos[1]);
	if (!rc && stage) {
		const struct profile *p = zs_profile(z);
		const struct profile_item *it = profile_find(&p->stages, stage);
		if (!it || (!profile_stage_is(p, it->code, STAGE_LEAD) &&
			    !profile_stage_is(p, it->code, STAGE_TALKS)))
			rc = cli_error(EXIT_FAIL, "%s",
				       _("a new project starts as a lead (线索) or in talks (在谈)"));
		else
			rec_set_text(zs_entry_rec(e, KIND_PROJECT), "stage", it->code);
	}
	/* Districts must not bid against each other for one project. */
	size_t nc = rc ? 0 : rec_warn_claims(e);
	if (!rc)
		rc = rec_warn_library(z, a, e, KIND_PROJECT, 0); /* a carrier promised twice */
	if (!rc)
		rc = rec_entry_save(z, e, nc ? _("saved after the claim warning") : NULL);
	zs_entry_free(e);
	return rc;
}

/* Files the pre-report of a project today: zsdesk project prereport ID. */
static int project_prereport(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk project prereport ID [--signing DATE] [--parties TEXT]"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
	const char *ds = args_get(a, "signing");
	date_t d = 0;
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--signing: not a date: %s (write e.g. 2026-11-22)"), ds);
	if (zs_prereport(z, id, d, args_get(a, "parties")) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Records the legality review of a project's agreement. */
static int project_review(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project review ID --by WHO"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK ||
	    zs_legality_review(z, id, args_get(a, "by")) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Puts a project on the city's key-project list, or takes it off. */
static int project_key(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 3 || (strcmp(a->pos[2], "yes") && strcmp(a->pos[2], "no")))
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project key ID yes|no"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK ||
	    zs_first_talk_decide(z, id, strcmp(a->pos[2], "yes") ? ZS_KEY_REMOVE : ZS_KEY_ADD,
				 NULL) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* The projects a bulk verb acts on: --ids, or the list options (a
 * filter, a search or a saved filter is required: never the whole
 * library by accident). */
static int bulk_ids(struct zs *z, struct args *a, uint64_t **ids, size_t *n)
{
	const char *list = args_get(a, "ids");
	static const char *const narrowing[] = {"district", "manager", "enterprise", "stage",
						"industry", "min",     "max",	     "search",
						"saved",    "unmanaged"};
	bool narrowed = false;
	for (size_t i = 0; i < sizeof narrowing / sizeof *narrowing; i++)
		narrowed |= args_get(a, narrowing[i]) != NULL || args_flag(a, narrowing[i]);
	if (list && narrowed)
		return cli_error(EXIT_USAGE, "%s", _("give either --ids or filters, not both"));
	if (!list && !narrowed)
		return cli_error(EXIT_USAGE, "%s",
				 _("which projects? give --ids ID,ID... or filters (--district, "
				   "--stage, --search, --saved NAME, ...)"));
	if (!list)
		return rec_select(z, a, KIND_PROJECT, NULL, 200, ids, n);
	size_t cap = 16;
	*n = 0;
	*ids = xreallocarray(NULL, cap, sizeof **ids);
	char word[64];
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ", ");
		if (len) {
			snprintf(word, sizeof word, "%.*s", (int)len, p);
			if (*n == cap)
				*ids = xreallocarray(*ids, cap *= 2, sizeof **ids);
			if (len >= sizeof word || zs_resolve(z, KIND_PROJECT, word, &(*ids)[*n]) != ZS_OK) {
				free(*ids);
				*ids = NULL;
				return len >= sizeof word ? cli_error(EXIT_USAGE, _("--ids: %.20s... is not a project"), p)
							  : cli_fail(z);
			}
			++*n;
		}
		p += len + strspn(p + len, ", ");
	}
	return 0;
}

/* Prints what became of each project of a bulk verb; an exit code. */
static int bulk_report(struct zs *z, const uint64_t *ids, size_t n,
		       const struct zs_bulk_result *res, size_t failed)
{
	static const char *const keys[] = {"id", "name", "result"};
	static const char *const labels[] = {N_("No."), N_("Project name"), N_("Result")};
	struct out *o = out_begin(3, keys, labels);
	for (size_t i = 0; i < n; i++) {
		char idb[32];
		struct rec r;
		rec_init(&r);
		zs_get(z, KIND_PROJECT, ids[i], &r);
		const char *row[3] = {zs_id_text(ids[i], idb, sizeof idb), rec_text(&r, "name", ""),
				      res[i].status == ZS_OK ? _("done") : res[i].msg};
		out_row(o, row);
		rec_free(&r);
	}
	int rc = out_end(o);
	if (rc == EXIT_OK && failed)
		return cli_error(EXIT_FAIL, _("%zu of %zu projects were left as they were (the reason "
					      "is beside each)"),
				 failed, n);
	return rc;
}

/* Moves the chosen projects to a stage, each on its own:
 * zsdesk project bulk-stage STAGE (--ids ...|filters) --reason WHY. */
static int project_bulk_stage(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk project bulk-stage STAGE (--ids ID,ID... | filters) "
				   "--reason WHY"));
	uint64_t *ids;
	size_t n;
	int rc = bulk_ids(z, a, &ids, &n);
	if (rc)
		return rc;
	struct zs_bulk_result *res = xcalloc(n ? n : 1, sizeof *res);
	size_t failed = zs_bulk_stage(z, ids, n, a->pos[1], args_get(a, "reason"), res);
	if (failed && failed == n && res[0].hint == ZS_HINT_REASON && !args_get(a, "reason"))
		rc = cli_fail(z);
	else
		rc = bulk_report(z, ids, n, res, failed);
	free(res);
	free(ids);
	return rc;
}

/* Makes an officer the service manager of the chosen projects:
 * zsdesk project bulk-assign OFFICER (--ids ...|filters) --reason WHY. */
static int project_bulk_assign(struct zs *z, struct args *a)
{
	uint64_t officer;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk project bulk-assign OFFICER (--ids ID,ID... | "
				   "filters) --reason WHY"));
	if (zs_resolve(z, KIND_OFFICER, a->pos[1], &officer) != ZS_OK)
		return cli_fail(z);
	uint64_t *ids;
	size_t n;
	int rc = bulk_ids(z, a, &ids, &n);
	if (rc)
		return rc;
	struct zs_bulk_result *res = xcalloc(n ? n : 1, sizeof *res);
	size_t failed = zs_bulk_assign(z, ids, n, officer, args_get(a, "reason"), res);
	if (failed && failed == n && res[0].hint == ZS_HINT_REASON && !args_get(a, "reason"))
		rc = cli_fail(z);
	else
		rc = bulk_report(z, ids, n, res, failed);
	free(res);
	free(ids);
	return rc;
}

static const struct cli_option bulk_options[] = {
	{"ids", "ID,ID...", N_("these projects")},
	{"reason", "WHY", N_("why (required), kept in the history of each project")},
	{"saved", "NAME", N_("the projects of my saved filter NAME")},
	CLI_PROJECT_FILTERS,
	{"limit", "N", N_("at most N (default 200)")},
	{NULL, NULL, NULL},
};

/* Reads an amount of money in currency cur (a bare number in 万), with a
 * leading minus for a correction; an exit code. */
static int amount_option(const char *name, const char *s, enum currency cur, int64_t *amount)
{
	bool neg = false;
	while (*s == ' ')
		s++;
	if (*s == '-') {
		neg = true;
		s++;
	} else if (!strncmp(s, "\xef\xbc\x8d", 3)) { /* a full-width minus */
		neg = true;
		s += 3;
	}
	enum currency c = cur;
	enum money_error me = money_parse(s, amount, &c, 1);
	if (me == MONEY_CURRENCY)
		return cli_error(EXIT_FAIL, _("--%s: the amount is in %s here"), name,
				 cur == CURRENCY_USD ? _("美元 (foreign capital)") : _("元"));
	if (me != MONEY_OK)
		return cli_error(EXIT_FAIL,
				 _("--%s: not an amount: %s (write e.g. 500, 1.5亿 or 300万美元)"), name,
				 s);
	if (neg)
		*amount = -*amount;
	return 0;
}

/* Records money that moved on a project: zsdesk project money ID. */
static int project_money(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk project money ID --measure funds|foreign|domestic "
				   "--amount AMOUNT --source TEXT [--date DATE] [--reason WHY]"));
	const char *m = args_get(a, "measure"), *am = args_get(a, "amount"),
		   *ds = args_get(a, "date");
	if (!m)
		return cli_error(EXIT_USAGE, "%s", _("--measure: funds, foreign or domestic"));
	if (!am)
		return cli_error(EXIT_USAGE, "%s", _("--amount: how much"));
	int64_t amount;
	int rc = amount_option("amount", am, strcmp(m, "foreign") ? CURRENCY_CNY : CURRENCY_USD,
			       &amount);
	if (rc)
		return rc;
	date_t d = clock_today();
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--date: not a date: %s (write e.g. 2026-11-22)"), ds);
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK ||
	    zs_money_add(z, id, m, amount, d, args_get(a, "source"), args_get(a, "reason")) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option money_options[] = {
	{"measure", "M",
	 N_("funds (到位资金, 万元), foreign (实际利用外资, 万美元) or domestic (实际利用内资, 万元)")},
	{"amount", "AMOUNT", N_("how much; a negative amount corrects an earlier entry")},
	{"date", "DATE", N_("the day the money moved (default: today)")},
	{"source", "TEXT", N_("where the figure comes from, e.g. 银行进账单")},
	{"reason", "WHY", N_("why (needed for a correction)")},
	{NULL, NULL, NULL},
};

static const struct cli_option review_options[] = {
	{"by", "WHO", N_("who reviewed the agreement, e.g. 市司法局")},
	{NULL, NULL, NULL},
};

static const struct cli_option add_options[] = {
	{"stage", "lead|talks", N_("the first stage (default: lead)")},
	{NULL, NULL, NULL},
};

static const struct cli_option list_options[] = {
	CLI_PROJECT_FILTERS,
	{"sort", "ORDER", N_("newest (the default), oldest, amount or amount-asc")},
	{"limit", "N", N_("at most N (default 50)")},
	{"before", "ID", N_("the page after the one ending at ID")},
	{"saved", "NAME", N_("my saved filter NAME (the options given narrow it)")},
	{NULL, NULL, NULL},
};

static const struct cli_option stage_options[] = {
	{"date", "DATE", N_("the day it happened (default: today)")},
	{"reason", "WHY", N_("why (needed to move back, out or away)")},
	{"no-credit", NULL,
	 N_("city office: record a signing without its pre-report, for no credit")},
	{NULL, NULL, NULL},
};

static const struct cli_option prereport_options[] = {
	{"signing", "DATE", N_("the planned signing date")},
	{"parties", "TEXT", N_("who signs with whom")},
	{NULL, NULL, NULL},
};

static const struct cli_verb project_verbs[] = {
	{"add",
	 "--name NAME --enterprise E --industry I --investment AMOUNT --district D "
	 "[--stage lead|talks] [--FIELD VALUE...]",
	 N_("Add a project; prints its id"), project_add, add_options, CMD_DATABASE | CMD_FIELDS},
	{"list",
	 "[--district D] [--stage S] [--industry I] [--manager M] [--enterprise E] [--min AMOUNT] "
	 "[--max AMOUNT] [--unmanaged] [--search TEXT] [--sort ORDER] [--limit N] [--before ID] "
	 "[--saved NAME]",
	 N_("List projects, newest first, 50 at a time"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"show", "ID", N_("Show one project"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"edit", "ID [--expect-version V] [--reason WHY] --FIELD VALUE...", N_("Change a project"),
	 rec_edit, rec_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"stage", "ID STAGE [--date DATE] [--reason WHY] [--no-credit]",
	 N_("Move a project to another stage"), project_stage, stage_options, CMD_DATABASE},
	{"prereport", "ID [--signing DATE] [--parties TEXT]",
	 N_("File the signing pre-report of a project today"),
	 project_prereport, prereport_options, CMD_DATABASE},
	{"history", "ID", N_("The changes of a project"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"undo", "ID --change N --reason WHY",
	 N_("Undo one change of a project: its old values as a new edit"), rec_undo,
	 rec_undo_options, CMD_DATABASE},
	{"review", "ID --by WHO", N_("Record the legality review (合法性审查) of its agreement"),
	 project_review, review_options, CMD_DATABASE},
	{"key", "ID yes|no", N_("Put it on the city's key-project list (city office), or off"),
	 project_key, NULL, CMD_DATABASE},
	{"bulk-stage", "STAGE (--ids ID,ID... | filters) --reason WHY",
	 N_("Move several projects to a stage, each through the rules on its own"),
	 project_bulk_stage, bulk_options, CMD_DATABASE},
	{"bulk-assign", "OFFICER (--ids ID,ID... | filters) --reason WHY",
	 N_("Make an officer the service manager of several projects"), project_bulk_assign,
	 bulk_options, CMD_DATABASE},
	{"money", "ID --measure funds|foreign|domestic --amount AMOUNT --source TEXT [--date DATE] "
		  "[--reason WHY]",
	 N_("Record money that moved: funds in place, utilised foreign or domestic capital"),
	 project_money, money_options, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_project = {
	.name = "project",
	.summary = N_("Add, list, show, change and move projects through their stages"),
	.kind = KIND_PROJECT,
	.verbs = project_verbs,
};

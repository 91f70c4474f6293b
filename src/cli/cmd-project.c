/*
 * cmd-project.c - zsdesk project: the project library from the command line.
 *
 * Listing, showing, editing and history are the verbs all records share
 * (records.c); adding is project_add here because a new project may name
 * an enterprise that another district already works with.
 */
#include <config.h>

#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "money.h"
#include "records.h"

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
	{"district", "D", N_("only projects of this district")},
	{"stage", "S", N_("only projects at this stage")},
	{"industry", "I", N_("only projects of this industry")},
	{"manager", "M", N_("only projects with this service manager")},
	{"enterprise", "E", N_("only projects of this enterprise")},
	{"min", "AMOUNT", N_("only projects of at least this investment")},
	{"max", "AMOUNT", N_("only projects of at most this investment")},
	{"unmanaged", NULL, N_("only major projects without a service manager")},
	{"search", "TEXT", N_("only those matching the text (Chinese, pinyin or code)")},
	{"sort", "ORDER", N_("newest (the default), oldest, amount or amount-asc")},
	{"limit", "N", N_("at most N (default 50)")},
	{"before", "ID", N_("the page after the one ending at ID")},
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
	 "[--max AMOUNT] [--unmanaged] [--search TEXT] [--sort ORDER] [--limit N] [--before ID]",
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
	{"review", "ID --by WHO", N_("Record the legality review (合法性审查) of its agreement"),
	 project_review, review_options, CMD_DATABASE},
	{"key", "ID yes|no", N_("Put it on the city's key-project list (city office), or off"),
	 project_key, NULL, CMD_DATABASE},
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

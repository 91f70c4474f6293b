/*
 * cmd-audit.c - zsdesk audit: the audit log, by officer and date.
 *
 * The access rules of the core decide whose entries an officer sees; this
 * file only filters and prints them.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "records.h"

struct audit_out {
	struct zs *z;
	struct out *o;
};

/* One row per audit entry. */
static int audit_row(void *ctx, const struct zs_audit *a)
{
	struct audit_out *ao = ctx;
	char seq[24], when[20], who[64] = "", id[32], fields[1024] = "";
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)a->seq);
	datetime_format(a->at * 1000, when);
	struct rec r;
	rec_init(&r);
	if (a->actor && zs_get(ao->z, KIND_OFFICER, a->actor, &r) == ZS_OK)
		snprintf(who, sizeof who, "%s", rec_text(&r, "login", ""));
	rec_free(&r);
	zs_id_text(a->id, id, sizeof id);
	size_t used = 0;
	for (size_t i = 0; i < a->n && used < sizeof fields; i++)
		used += (size_t)snprintf(fields + used, sizeof fields - used, "%s%s", i ? "," : "",
					 a->fields[i]);
	const char *row[8] = {seq, when, who, a->op, a->table, id, fields, a->why ? a->why : ""};
	out_row(ao->o, row);
	return 0;
}

/* Lists the audit log with the filters of a. */
static int audit_run(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"seq", "at", "who", "op", "table", "id", "fields", "why"};
	static const char *const labels[] = {N_("No."), N_("When"),  N_("Who"),    N_("Action"),
					     N_("Kind"), N_("Record"), N_("Fields"), N_("Reason")};
	const char *who = args_get(a, "officer"), *from = args_get(a, "from"), *to = args_get(a, "to");
	int rc;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("audit takes no word %s"), a->pos[0]);
	struct zs_audit_filter f = {0};
	if ((from && date_parse(from, &f.from) < 0) || (to && date_parse(to, &f.to) < 0))
		return cli_error(EXIT_FAIL, "%s", _("--from and --to take dates like 2026-11-22"));
	if (who && zs_resolve(z, KIND_OFFICER, who, &f.actor) != ZS_OK)
		return cli_error(EXIT_FAIL, "--officer: %s", zs_error(z));
	struct audit_out ao = {z, out_begin(8, keys, labels)};
	if (zs_audit_list(z, &f, audit_row, &ao) != ZS_OK) {
		out_free(ao.o);
		rc = cli_fail(z);
	} else {
		rc = out_end(ao.o);
	}
	return rc;
}

static const struct cli_option audit_options[] = {
	{"officer", "LOGIN", N_("only what this officer did")},
	{"from", "DATE", N_("from this day on")},
	{"to", "DATE", N_("up to this day")},
	{NULL, NULL, NULL},
};

const struct command cmd_audit = {
	.name = "audit",
	.summary = N_("The audit log: who changed what and when (your own, or everyone's for the "
		      "city office)"),
	.flags = CMD_DATABASE | CMD_READONLY,
	.usage = "[--officer LOGIN] [--from DATE] [--to DATE]",
	.run = audit_run,
	.options = audit_options,
};

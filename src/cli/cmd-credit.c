/*
 * cmd-credit.c - zsdesk credit: the credit (赋分) of each district over a
 * period, from the credit ledgers of the first-talk register.
 */
#include <config.h>

#include <stdio.h>

#include "charset.h"
#include "i18n.h"
#include "money.h"
#include "records.h"

/* Reads the date option name into d (0 when not given); an exit code. */
static int date_option(struct args *a, const char *name, date_t *d)
{
	const char *s = args_get(a, name);
	*d = 0;
	if (s && date_parse(s, d) < 0)
		return cli_error(EXIT_USAGE, _("--%s: not a date: %s (write e.g. 2026-11-22)"), name, s);
	return 0;
}

/* Lists the credit of each district over the period. */
static int credit_run(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"district", "projects", "shares", "amount"};
	static const char *const labels[] = {N_("District"), N_("Projects"), N_("Shares (%)"),
					     N_("Credited investment")};
	date_t from, to;
	int rc = date_option(a, "from", &from);
	if (!rc)
		rc = date_option(a, "to", &to);
	if (rc)
		return rc;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("credit takes no word %s"), a->pos[0]);
	uint64_t district = 0;
	const char *d = args_get(a, "district");
	if (d && zs_resolve(z, KIND_DISTRICT, d, &district) != ZS_OK)
		return cli_fail(z);
	struct zs_credit rows[256];
	size_t n = zs_credit_sum(z, from, to, district, rows, 256);
	struct out *o = out_begin(4, keys, labels);
	for (size_t i = 0; i < n; i++) {
		char name[128], projects[24], shares[24], amount[48];
		struct rec dr;
		rec_init(&dr);
		if (zs_get(z, KIND_DISTRICT, rows[i].district, &dr) == ZS_OK)
			snprintf(name, sizeof name, "%s",
				 i18n_pick(rec_text(&dr, "name", ""), rec_text(&dr, "name_en", "")));
		else
			snprintf(name, sizeof name, "%llu", (unsigned long long)rows[i].district);
		rec_free(&dr);
		snprintf(projects, sizeof projects, "%llu", (unsigned long long)rows[i].projects);
		snprintf(shares, sizeof shares, "%llu", (unsigned long long)rows[i].share_sum);
		money_format(rows[i].amount, CURRENCY_CNY, MONEY_AUTO, amount, sizeof amount);
		const char *row[4] = {name, projects, shares, amount};
		out_row(o, row);
	}
	return out_end(o);
}

static const struct cli_option credit_options[] = {
	{"from", "DATE", N_("credit that arose on this day or later")},
	{"to", "DATE", N_("credit that arose on this day or earlier")},
	{"district", "D", N_("only this district")},
	{NULL, NULL, NULL},
};

const struct command cmd_credit = {
	.name = "credit",
	.summary = N_("Credit (赋分) of each district over a period, from the first-talk register"),
	.flags = CMD_DATABASE | CMD_READONLY,
	.usage = "[--from DATE] [--to DATE] [--district D]",
	.run = credit_run,
	.options = credit_options,
};

/*
 * cmd-target.c - zsdesk target: the districts' annual targets, set by the
 * city office (实际利用内资 and 外资, and the profile's classes of
 * projects).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "money.h"
#include "records.h"

/* Reads a year: 2000..2100; an exit code. */
static int year_of(const char *s, int *year)
{
	char *end;
	long y = s ? strtol(s, &end, 10) : 0;
	if (!s || *end || y < 2000 || y > 2100)
		return cli_error(EXIT_USAGE, _("not a year: %s (write e.g. 2026)"), s ? s : "");
	*year = (int)y;
	return 0;
}

/* zsdesk target set DISTRICT YEAR [--domestic AMOUNT] [--foreign AMOUNT]
 * [--class CODE=N ...] [--reason WHY] */
static int target_set(struct zs *z, struct args *a)
{
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk target set DISTRICT YEAR [--domestic AMOUNT] "
				   "[--foreign AMOUNT] [--class CODE=N]"));
	int year, rc = year_of(a->pos[2], &year);
	if (rc)
		return rc;
	uint64_t d;
	if (zs_resolve(z, KIND_DISTRICT, a->pos[1], &d) != ZS_OK)
		return cli_fail(z);
	const char *dom = args_get(a, "domestic"), *fx = args_get(a, "foreign"),
		   *cls = args_get(a, "class"), *why = args_get(a, "reason");
	if (!dom && !fx && !cls)
		return cli_error(EXIT_USAGE, "%s",
				 _("say which target: --domestic, --foreign or --class CODE=N"));
	const struct {
		const char *text, *measure;
		enum currency cur;
	} money[2] = {{dom, "domestic", CURRENCY_CNY}, {fx, "foreign", CURRENCY_USD}};
	for (int i = 0; i < 2; i++) {
		if (!money[i].text)
			continue;
		int64_t v;
		enum currency c = money[i].cur;
		if (money_parse(money[i].text, &v, &c, 1) != MONEY_OK)
			return cli_error(EXIT_FAIL, _("--%s: not an amount: %s (write e.g. 50亿 or 3亿美元)"),
					 money[i].measure, money[i].text);
		if (zs_target_set(z, d, year, money[i].measure, v, why) != ZS_OK)
			return cli_fail(z);
	}
	if (cls) {
		const char *eq = strchr(cls, '=');
		char *end;
		long n = eq ? strtol(eq + 1, &end, 10) : -1;
		if (!eq || eq == cls || !eq[1] || *end || n < 0)
			return cli_error(EXIT_USAGE, _("--class: write CODE=N, e.g. fortune500=2: %s"),
					 cls);
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)(eq - cls), cls);
		if (zs_target_set(z, d, year, code, n, why) != ZS_OK)
			return cli_fail(z);
	}
	return EXIT_OK;
}

/* zsdesk target list [YEAR] */
static int target_list(struct zs *z, struct args *a)
{
	int year;
	if (a->npos > 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk target list [YEAR]"));
	if (a->npos == 2) {
		int rc = year_of(a->pos[1], &year);
		if (rc)
			return rc;
	} else {
		int y, m, dd;
		date_ymd(clock_today(), &y, &m, &dd);
		year = y;
	}
	const struct profile *p = zs_profile(z);
	int nc = 3 + p->target_classes.n;
	const char **keys = calloc((size_t)nc, sizeof *keys), **labels = calloc((size_t)nc, sizeof *labels);
	keys[0] = "district";
	labels[0] = N_("District");
	keys[1] = "domestic";
	labels[1] = N_("Domestic capital (万元)");
	keys[2] = "foreign";
	labels[2] = N_("Foreign capital (万美元)");
	for (int i = 0; i < p->target_classes.n; i++) {
		keys[3 + i] = p->target_classes.v[i].code;
		labels[3 + i] = i18n_pick(p->target_classes.v[i].zh, p->target_classes.v[i].en);
	}
	struct out *o = out_begin(nc, keys, labels);
	struct zs_filter f = {0};
	struct zs_cursor c = {.order = ZS_OLDEST};
	uint64_t ids[64];
	char cells[16][48];
	const char *row[16];
	while (!c.done) {
		size_t n = zs_list(z, KIND_DISTRICT, &f, &c, ids, 64);
		for (size_t i = 0; i < n; i++) {
			struct rec d;
			rec_init(&d);
			if (zs_get(z, KIND_DISTRICT, ids[i], &d) != ZS_OK)
				continue;
			snprintf(cells[0], sizeof cells[0], "%s",
				 i18n_pick(rec_text(&d, "name", ""), rec_text(&d, "name_en", "")));
			for (int k = 1; k < nc && k < 16; k++) {
				int64_t v = zs_target_of(&d, year, keys[k]);
				if (v < 0)
					cells[k][0] = '\0';
				else if (k < 3)
					money_format(v, k == 1 ? CURRENCY_CNY : CURRENCY_USD, MONEY_PLAIN,
						     cells[k], sizeof cells[k]);
				else
					snprintf(cells[k], sizeof cells[k], "%lld", (long long)v);
			}
			for (int k = 0; k < nc && k < 16; k++)
				row[k] = cells[k];
			out_row(o, row);
			rec_free(&d);
		}
	}
	int rc = out_end(o);
	free(keys);
	free(labels);
	return rc;
}

static const struct cli_option set_options[] = {
	{"domestic", "AMOUNT", N_("actually utilised domestic capital (实际利用内资), 万元")},
	{"foreign", "AMOUNT", N_("actually utilised foreign capital (实际利用外资), 万美元")},
	{"class", "CODE=N", N_("a number of projects of a class the profile names")},
	{"reason", "WHY", N_("why (kept in the audit log)")},
	{NULL, NULL, NULL},
};

static const struct cli_verb target_verbs[] = {
	{"set", "DISTRICT YEAR [--domestic AMOUNT] [--foreign AMOUNT] [--class CODE=N] [--reason WHY]",
	 N_("Set a district's targets for a year (city office)"), target_set, set_options,
	 CMD_DATABASE},
	{"list", "[YEAR]", N_("The targets of every district for a year (default: this year)"),
	 target_list, NULL, CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_target = {
	.name = "target",
	.summary = N_("The districts' annual targets (实际利用内资, 外资), set by the city office"),
	.verbs = target_verbs,
};

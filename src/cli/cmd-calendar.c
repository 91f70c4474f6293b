/*
 * cmd-calendar.c - zsdesk calendar: the working-day calendar.
 *
 * Deadlines count working days, so the city's holidays and make-up days
 * are data that the office keeps up to date here.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Lists the holidays and make-up working days, of one year or all. */
static int cal_show(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"date", "kind", "name"};
	static const char *const labels[] = {N_("Date"), N_("Kind"), N_("Name")};
	const char *y = args_get(a, "year");
	const struct calendar *c = zs_calendar(z);
	struct out *o = out_begin(3, keys, labels);
	for (int i = 0; i < c->n; i++) {
		char d[11];
		date_format(c->d[i].date, d);
		if (y && strncmp(d, y, strlen(y)))
			continue;
		const char *row[3] = {d, c->d[i].workday ? _("working day") : _("holiday"),
				      c->d[i].name};
		out_row(o, row);
	}
	return out_end(o);
}

/* Marks a date a holiday, a working day, or an ordinary day again. */
static int cal_set(struct zs *z, struct args *a)
{
	const char *name = args_get(a, "name");
	date_t d;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk calendar set DATE holiday|workday|normal [--name N]"));
	if (date_parse(a->pos[1], &d) < 0)
		return cli_error(EXIT_FAIL, _("not a date: %s (write e.g. 2026-11-22)"), a->pos[1]);
	if (zs_calendar_set(z, d, a->pos[2], name) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Prints the date N working days after DATE. */
static int cal_add(struct zs *z, struct args *a)
{
	date_t d;
	char *end = NULL;
	long n = a->npos == 3 ? strtol(a->pos[2], &end, 10) : -1;
	if (a->npos != 3 || *end || n < 0 || n > 3650)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk calendar add DATE WORKING-DAYS"));
	if (date_parse(a->pos[1], &d) < 0)
		return cli_error(EXIT_FAIL, _("not a date: %s (write e.g. 2026-11-22)"), a->pos[1]);
	char out[11];
	charset_printf(stdout, "%s\n", date_format(calendar_add(zs_calendar(z), d, (int)n), out));
	return EXIT_OK;
}

static const struct cli_option show_options[] = {
	{"year", "YEAR", N_("only this year")},
	{NULL, NULL, NULL},
};

static const struct cli_option set_options[] = {
	{"name", "NAME", N_("the holiday's name")},
	{NULL, NULL, NULL},
};

static const struct cli_verb calendar_verbs[] = {
	{"show", "[--year YEAR]", N_("List the holidays and make-up working days"), cal_show,
	 show_options, CMD_DATABASE | CMD_READONLY},
	{"set", "DATE holiday|workday|normal [--name NAME]",
	 N_("Make a date a holiday, a make-up working day, or ordinary again"), cal_set,
	 set_options, CMD_DATABASE},
	{"add", "DATE WORKING-DAYS", N_("The date so many working days later"), cal_add, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_calendar = {
	.name = "calendar",
	.summary = N_("The working-day calendar: holidays and make-up working days"),
	.verbs = calendar_verbs,
};

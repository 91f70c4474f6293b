/*
 * cmd-calendar.c - zsdesk calendar: the working-day calendar.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* zsdesk calendar show [--year Y] */
static int cal_show(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"date", "kind", "name"};
	static const char *const labels[] = {N_("Date"), N_("Kind"), N_("Name")};
	const char *y = args_get(a, "year");
	int rc = args_done(a, "calendar show");
	if (rc)
		return rc;
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

/* zsdesk calendar set DATE holiday|workday|normal [--name N] */
static int cal_set(struct zs *z, struct args *a)
{
	const char *name = args_get(a, "name");
	int rc = args_done(a, "calendar set");
	if (rc)
		return rc;
	date_t d;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk calendar set DATE holiday|workday|normal [--name N]"));
	if (date_parse(a->pos[1], &d) < 0)
		return cli_error(EXIT_FAIL, _("not a date: %s (write e.g. 2026-11-22)"), a->pos[1]);
	if (zs_calendar_set(z, d, a->pos[2], name) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	return EXIT_OK;
}

/* zsdesk calendar add DATE N: the date N working days later. */
static int cal_add(struct zs *z, struct args *a)
{
	date_t d;
	int rc = args_done(a, "calendar add");
	if (rc)
		return rc;
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

/* Runs a calendar subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "calendar"))
		return EXIT_OK;
	const char *v = a->npos ? a->pos[0] : "";
	if (strcmp(v, "show") && strcmp(v, "set") && strcmp(v, "add"))
		return cli_error(EXIT_USAGE, "%s", _("calendar show, set or add"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	rc = !strcmp(v, "show") ? cal_show(z, a) : !strcmp(v, "set") ? cal_set(z, a) : cal_add(z, a);
	zs_close(z);
	return rc;
}

const struct command cmd_calendar = {
	"calendar",
	"calendar show [--year YEAR]\n"
	"       zsdesk calendar set DATE holiday|workday|normal [--name NAME]\n"
	"       zsdesk calendar add DATE WORKING-DAYS",
	N_("The working-day calendar: holidays and make-up working days"),
	run,
};

/*
 * cmd-report.c - zsdesk report: the city office's numbers for a period,
 * as a table (or csv, tsv, json) with the formulas below it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "exchange.h"
#include "i18n.h"
#include "records.h"

/* Writes r in a file format (XLSX, or a text format in --encoding) to
 * standard output through the writer the desk's export uses; its notes
 * on a sheet of XLSX, else on standard error.  Frees r. */
static int report_file(struct zs_report *r, const char *name, const char *fmt)
{
	int enc = cli.encoding ? xenc_parse(cli.encoding) : XE_UTF8;
	int rc = EXIT_OK;
	char err[1024];
	if (enc < 0)
		rc = cli_error(EXIT_USAGE, _("--encoding takes utf-8, utf-8-bom or gb18030, not %s"),
			       cli.encoding);
	else if (!strcmp(fmt, "xlsx") && isatty(STDOUT_FILENO))
		rc = cli_error(EXIT_USAGE, "%s",
			       _("an XLSX file is not for the terminal: send it to a file (> FILE.xlsx)"));
	else if (xreport(r, name, (enum xfmt)xfmt_parse(fmt), (enum xenc)enc, NULL, err, sizeof err))
		rc = cli_error(EXIT_FAIL, "%s", err);
	else if (strcmp(fmt, "xlsx"))
		for (size_t i = 0; i < r->nnotes; i++) {
			char *v = out_visible(r->notes[i]);
			fprintf(stderr, "%s\n", v);
			free(v);
		}
	zs_report_free(r);
	return rc;
}

static int report_run(struct zs *z, struct args *a)
{
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk report NAME [--month|--quarter|--half|--year P] "
				   "[--district D] [--as-of DATE]; NAME is bulletin, evaluation, "
				   "rates, clearing, credit, escalation, workload, changes or "
				   "keyprojects"));
	static const struct {
		const char *opt;
		enum zs_period_kind kind;
		const char *example;
	} kinds[] = {{"month", ZS_PERIOD_MONTH, "2026-10"},
		     {"quarter", ZS_PERIOD_QUARTER, "2026-Q3"},
		     {"half", ZS_PERIOD_HALF, "2026-H1"},
		     {"year", ZS_PERIOD_YEAR, "2026"}};
	const char *given = NULL;
	enum zs_period_kind kind = ZS_PERIOD_MONTH;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		const char *v = args_get(a, kinds[i].opt);
		if (!v)
			continue;
		if (given)
			return cli_error(EXIT_USAGE, "%s",
					 _("one period: --month, --quarter, --half or --year"));
		given = v;
		kind = kinds[i].kind;
	}
	struct zs_period p;
	if (zs_period_parse(kind, given, &p) < 0)
		return cli_error(EXIT_USAGE, _("--%s: not a period: %s (write e.g. %s)"),
				 kinds[kind].opt, given, kinds[kind].example);
	uint64_t district = 0;
	const char *d = args_get(a, "district"), *as = args_get(a, "as-of");
	if (d && zs_resolve(z, KIND_DISTRICT, d, &district) != ZS_OK)
		return cli_fail(z);
	date_t as_of = 0;
	if (as && date_parse(as, &as_of) < 0)
		return cli_error(EXIT_USAGE, _("--as-of: not a date: %s (write e.g. 2026-11-22)"), as);
	/* A list (clearing) prints a page unless asked for more: its total
	 * is exact either way. */
	const char *lim = args_get(a, "limit");
	char *end = NULL;
	long long limit = lim ? strtoll(lim, &end, 10) : 100;
	if (lim && (!*lim || *end || limit < 0))
		return cli_error(EXIT_USAGE, _("--limit: a number of rows, 0 for all: %s"), lim);
	struct zs_report r;
	if (zs_report_run(z, a->pos[0], &p, district, as_of, (size_t)limit, &r) != ZS_OK)
		return cli_fail(z);
	const char *fmt = cli.format;
	bool table = !fmt || !strcmp(fmt, "table");
	if (fmt && (!strcmp(fmt, "xlsx") || (!table && cli.encoding)))
		return report_file(&r, a->pos[0], fmt);
	if (table) {
		out_text(r.title);
		out_text("\n");
	}
	struct out *o = out_begin(r.ncols, r.keys, r.labels);
	bool xlsx = fmt && !strcmp(fmt, "xlsx");
	if (xlsx) /* the formulas and notes on a sheet of their own */
		out_sheet(o, a->pos[0], r.notes, r.nnotes);
	for (size_t i = 0; i < r.nrows; i++)
		out_row(o, (const char *const *)&r.cells[i * (size_t)r.ncols]);
	int rc = out_end(o);
	if (table)
		for (size_t i = 0; i < r.nnotes; i++) {
			out_text(r.notes[i]);
			out_text("\n");
		}
	else if (!xlsx)
		for (size_t i = 0; i < r.nnotes; i++) {
			char *v = out_visible(r.notes[i]);
			fprintf(stderr, "%s\n", v);
			free(v);
		}
	zs_report_free(&r);
	return rc;
}

static const struct cli_option report_options[] = {
	{"month", "YYYY-MM", N_("the month (default: this month)")},
	{"quarter", "YYYY-QN", N_("the quarter, e.g. 2026-Q3")},
	{"half", "YYYY-HN", N_("the half year, e.g. 2026-H1")},
	{"year", "YYYY", N_("the year")},
	{"district", "D", N_("only this district")},
	{"limit", "N", N_("a list's rows (clearing): the first N (default 100; 0: all)")},
	{"as-of", "DATE",
	 N_("the numbers as they stood on this day (default: the end of the period), with the "
	    "corrections made since listed")},
	{NULL, NULL, NULL},
};

const struct command cmd_report = {
	.name = "report",
	.summary = N_("The city office's numbers (bulletin, evaluation, rates, clearing, credit, "
		      "issues, workload, changes, key projects) as of any day"),
	.flags = CMD_DATABASE | CMD_READONLY,
	.usage = "NAME [--month|--quarter|--half|--year P] [--district D] [--as-of DATE] [--limit N]",
	.run = report_run,
	.options = report_options,
};

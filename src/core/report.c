/*
 * report.c - the city office's numbers: the monthly bulletin, the rates,
 * credit, as of the end of any period.
 *
 * Every number comes from the per-month counts tally.c keeps in the
 * write transaction of each change: the state at the end of a period is a
 * running sum over the counts of the months up to it, the flows of a
 * period the sum of its months.  A correction recorded after the period
 * ended counts only when the report is asked for as of a later day, and is
 * then listed below the table.  Amounts are whole 元 and 美元, printed in
 * 万 without rounding; rates are integer divisions in hundredths of a
 * percent.
 *
 * This file runs a report by its name; the sums are in report-sums.c and
 * each report in its own file (report.h says which).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "money.h"
#include "report.h"
#include "xalloc.h"

const char *const zs_report_names[] = {"bulletin", "evaluation", "rates",	  "clearing", "credit",
				       "escalation", "workload", "changes", "keyprojects", NULL};

const char *zs_report_title(const char *name)
{
	if (!strcmp(name, "bulletin"))
		return N_("Monthly bulletin (月通报)");
	if (!strcmp(name, "rates"))
		return N_("Rates (履约率、注册率、开工率、投产率)");
	if (!strcmp(name, "credit"))
		return N_("First talk and credit (首谈与赋分)");
	if (!strcmp(name, "evaluation"))
		return N_("Evaluation (考核评价)");
	if (!strcmp(name, "clearing"))
		return N_("Clearing list (以清促用)");
	if (!strcmp(name, "escalation"))
		return N_("Enterprise issues (企业诉求办理)");
	if (!strcmp(name, "workload"))
		return N_("Service managers' workload (服务管家)");
	if (!strcmp(name, "changes"))
		return N_("What changed (项目动态)");
	if (!strcmp(name, "keyprojects"))
		return N_("Key projects' progress (重点项目季检查)");
	return NULL;
}

/* True for the reports whose rows are the districts (first column). */
static bool counted_rows(const char *name)
{
	return !strcmp(name, "bulletin") || !strcmp(name, "evaluation") || !strcmp(name, "rates") ||
	       !strcmp(name, "credit") || !strcmp(name, "escalation");
}

/* Drops the rows of every district but the one called name. */
static void keep_rows(struct zs_report *r, const char *name)
{
	size_t kept = 0, nc = (size_t)r->ncols;
	for (size_t i = 0; i < r->nrows; i++) {
		bool keep = !strcmp(r->cells[i * nc], name);
		for (size_t c = 0; c < nc; c++) {
			char *v = r->cells[i * nc + c];
			if (keep)
				r->cells[kept * nc + c] = v;
			else
				free(v);
		}
		if (keep)
			r->bar[kept++] = r->bar[i];
	}
	r->nrows = kept;
}

int zs_report_run(struct zs *z, const char *name, const struct zs_period *p, uint64_t district,
		  date_t as_of, size_t limit, struct zs_report *out)
{
	zs_counts_ready(z);
	memset(out, 0, sizeof *out);
	zs_fail_clear(z);
	if (!zs_report_title(name))
		return zs_fail(z, ZS_INVALID,
			       _("no report called %s: bulletin, evaluation, rates, clearing, credit, "
				 "escalation, workload, changes or keyprojects"),
			       name);
	date_t today = clock_today();
	if (as_of == 0)
		as_of = p->to < today ? p->to : today;
	else if (as_of < p->to && as_of < today)
		return zs_fail(z, ZS_INVALID, "%s",
			       _("--as-of: a day on or after the end of the period (the report "
				 "shows the numbers as they stood on that day)"));
	else if (as_of > today)
		return zs_fail(z, ZS_INVALID, "%s", _("--as-of cannot be in the future"));
	if (!strcmp(name, "escalation")) /* from the issues' counts (report-escalation.c) */
		return report_escalation(z, p, district, as_of, out);
	struct sums s;
	/* Every district is summed - ranks and totals are the city's - and
	 * the rows of the others are dropped at the end when one is asked. */
	int rc = report_sums_read(z, p, 0, as_of, &s);
	if (rc) {
		report_sums_free(&s);
		return rc;
	}
	const char *only = NULL;
	for (int i = 0; district && i < s.nd; i++)
		if (s.d[i].id == district)
			only = s.d[i].name;
	if (district && !only) {
		report_sums_free(&s);
		return zs_fail(z, ZS_NOTFOUND, "%s", _("no such district"));
	}
	char a[11], b[11], c[11];
	snprintf(out->title, sizeof out->title, "%s %s (%s - %s, %s %s)", _(zs_report_title(name)),
		 p->name, date_format(p->from, a), date_format(p->to, b), _("as of"),
		 date_format(as_of, c));
	bool counted = true; /* from the counts, as of any day */
	if (!strcmp(name, "bulletin"))
		report_bulletin(&s, p, out);
	else if (!strcmp(name, "rates"))
		report_rates(&s, out);
	else if (!strcmp(name, "evaluation"))
		report_evaluation(z, &s, p, as_of, out);
	else if (!strcmp(name, "clearing"))
		report_clearing(z, district, as_of, limit, out), counted = false;
	else if (!strcmp(name, "workload"))
		report_workload(z, district, as_of, out), counted = false;
	else if (!strcmp(name, "changes"))
		report_changes(z, district, p, as_of, out), counted = false;
	else if (!strcmp(name, "keyprojects"))
		report_keyprojects(z, district, p, as_of, out), counted = false;
	else
		report_credit(&s, out);
	if (only && counted_rows(name))
		keep_rows(out, only);
	out->first_correction = out->nnotes;
	if (as_of > p->to && counted) {
		if (s.ncorr == 0)
			note(out, "%s", _("No corrections were recorded after the period ended."));
		for (size_t i = 0; i < s.ncorr; i++)
			note(out, "%s", s.corr[i]);
	}
	report_sums_free(&s);
	return ZS_OK;
}

void zs_report_free(struct zs_report *r)
{
	for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r->bar);
	memset(r, 0, sizeof *r);
}

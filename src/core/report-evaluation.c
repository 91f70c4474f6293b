/*
 * report-evaluation.c - the half-year and annual check and evaluation (001 §三 §四,
 * 004 三(一)): completion, ranks this year and the year before, flags,
 * quality shares.
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

/* ---- evaluation (001 §三 §四, 004 三(一)) ---- */

/* The ranks (1 = first) of the districts of s for the year of its end, by
 * the bulletin's rule, into rank[]; completion of each target (or -1). */
static void ranks_of(const struct sums *s, int year, int *rank, int64_t (*rate)[2])
{
	struct rank *rk = xcalloc((size_t)s->nd + 1, sizeof *rk);
	for (int i = 0; i < s->nd; i++) {
		const struct dist *d = &s->d[i];
		int64_t tdom = zs_target_of(&d->rec, year, "domestic"),
			tfor = zs_target_of(&d->rec, year, "foreign");
		int64_t rdom = tdom > 0 ? rate_bp(d->ytd[TM_DOMESTIC], tdom) : -1,
			rfor = tfor > 0 ? rate_bp(d->ytd[TM_FOREIGN], tfor) : -1;
		rate[i][0] = rdom;
		rate[i][1] = rfor;
		rk[i].d = i;
		rk[i].has = rdom >= 0 || rfor >= 0;
		rk[i].score = rdom >= 0 && rfor >= 0 ? (rdom + rfor) / 2 : rdom >= 0 ? rdom : rfor;
		rk[i].amount = d->ytd[TM_DOMESTIC] + d->ytd[TM_FOREIGN_CNY];
	}
	qsort(rk, (size_t)s->nd, sizeof *rk, rank_cmp);
	for (int i = 0; i < s->nd; i++)
		rank[rk[i].d] = i + 1;
	free(rk);
}

static const char *const eval_keys[] = {
	"district",	    "domestic_ytd", "domestic_target", "domestic_rate", "foreign_ytd",
	"foreign_target",   "foreign_rate", "registration_rate", "rank",	   "rank_before",
	"flag",		    "outside_mfg",  "outside_mfg_share", "mfg_foreign_share",
	"hitech_foreign_share"};
static const char *const eval_labels[] = {
	N_("District"),
	N_("Domestic capital (万元)"),
	N_("Domestic target"),
	N_("Domestic completion"),
	N_("Foreign capital (万美元)"),
	N_("Foreign target"),
	N_("Foreign completion"),
	N_("Registration rate"),
	N_("Rank"),
	N_("Rank a year before"),
	N_("Flag"),
	N_("Manufacturing from outside the city"),
	N_("Their share of new projects"),
	N_("Manufacturing share of foreign capital"),
	N_("High-tech share of foreign capital"),
};

void report_evaluation(struct zs *z, struct sums *s, const struct zs_period *p, date_t as_of,
		       struct zs_report *r)
{
	cols(r, eval_keys, eval_labels, 15);
	/* Then a column per class of project the profile sets targets of:
	 * signed from January, over the year's target where one is set. */
	const struct profile_list *cl = &z->prof.target_classes;
	int ncl = 0;
	for (int k = 0; k < cl->n && k < TM_CLASSES && r->ncols < ZS_REPORT_COLS; k++) {
		r->keys[r->ncols] = cl->v[k].code;
		r->labels[r->ncols++] = i18n_pick(cl->v[k].zh, cl->v[k].en);
		ncl++;
	}
	int y, m, dd;
	date_ymd(p->to, &y, &m, &dd);
	/* The same period a year before, as it stood at its end. */
	struct zs_period before = *p;
	before.from = date_add_months(p->from, -12);
	before.to = date_add_months(p->to + 1, -12) - 1;
	struct sums b;
	int nd = s->nd;
	int *rank = xcalloc((size_t)nd + 1, sizeof *rank), *rank_b = xcalloc((size_t)nd + 1, sizeof *rank_b);
	int64_t (*rate)[2] = xcalloc((size_t)nd + 1, sizeof *rate),
		(*rate_b)[2] = xcalloc((size_t)nd + 1, sizeof *rate_b);
	ranks_of(s, y, rank, rate);
	bool have_b = report_sums_read(z, &before, 0, before.to, &b) == ZS_OK && b.nd == nd;
	if (have_b)
		ranks_of(&b, y - 1, rank_b, rate_b);
	const struct profile *prof = s->prof;
	int sp = role_pos(prof, STAGE_SIGNED), rp = role_pos(prof, STAGE_REGISTERED),
	    fp = role_pos(prof, STAGE_FUNDED), stp = role_pos(prof, STAGE_STARTED),
	    pp = role_pos(prof, STAGE_PRODUCTION);
	bool over = as_of >= p->to; /* the period is over: targets are met or missed */
	bool year = p->kind == ZS_PERIOD_YEAR;
	for (int i = 0; i < nd; i++) {
		struct dist *d = &s->d[i];
		size_t row = row_add(r);
		int64_t tdom = zs_target_of(&d->rec, y, "domestic"),
			tfor = zs_target_of(&d->rec, y, "foreign");
		cell(r, row, 0, "%s", d->name);
		money_cell(r, row, 1, d->ytd[TM_DOMESTIC], CURRENCY_CNY);
		if (tdom >= 0)
			money_cell(r, row, 2, tdom, CURRENCY_CNY);
		else
			cell(r, row, 2, "%s", "");
		rate_cell(r, row, 3, rate[i][0]);
		money_cell(r, row, 4, d->ytd[TM_FOREIGN], CURRENCY_USD);
		if (tfor >= 0)
			money_cell(r, row, 5, tfor, CURRENCY_USD);
		else
			cell(r, row, 5, "%s", "");
		rate_cell(r, row, 6, rate[i][1]);
		int64_t st[5] = {sp >= 0 ? d->state[sp] : 0, rp >= 0 ? d->state[rp] : 0,
				 fp >= 0 ? d->state[fp] : 0, stp >= 0 ? d->state[stp] : 0,
				 pp >= 0 ? d->state[pp] : 0};
		rate_cell(r, row, 7, rate_bp(st[1] + st[2] + st[3] + st[4],
					     st[0] + st[1] + st[2] + st[3] + st[4]));
		cell(r, row, 8, "%d", rank[i]);
		if (have_b)
			cell(r, row, 9, "%d", rank_b[i]);
		else
			cell(r, row, 9, "%s", "");
		char flag[256] = "";
		/* A year's target is met when the year is over; a half year is
		 * judged against half the target. */
		int64_t share = year ? 10000 : 5000;
		bool missed_dom = over && rate[i][0] >= 0 && rate[i][0] < share,
		     missed_for = over && rate[i][1] >= 0 && rate[i][1] < share;
		bool missed_for_b = have_b && over && rate_b[i][1] >= 0 && rate_b[i][1] < share;
		if (missed_dom || missed_for)
			snprintf(flag, sizeof flag, "%s",
				 year ? _("target missed: no award (不评优)") : _("target missed"));
		if (year && rank[i] == nd && have_b && rank_b[i] == nd && nd > 1) {
			size_t n = strlen(flag);
			snprintf(flag + n, sizeof flag - n, "%s%s", n ? ", " : "",
				 _("last two years: talk (约谈)"));
		}
		if (year && missed_for && missed_for_b) {
			size_t n = strlen(flag);
			snprintf(flag + n, sizeof flag - n, "%s%s", n ? ", " : "",
				 _("foreign target missed two years: talk (约谈)"));
		}
		if (!year && s->nd > 3 && rank[i] > nd - 3) {
			size_t n = strlen(flag);
			snprintf(flag + n, sizeof flag - n, "%s%s", n ? ", " : "",
				 _("bottom three: talk (约谈)"));
		}
		cell(r, row, 10, "%s", flag);
		cell(r, row, 11, "%lld", (long long)d->ytd[TM_NEW_OUTSIDE_MFG]);
		rate_cell(r, row, 12, rate_bp(d->ytd[TM_NEW_OUTSIDE_MFG], d->ytd[TM_NEW]));
		rate_cell(r, row, 13, rate_bp(d->ytd[TM_FOREIGN_MFG], d->ytd[TM_FOREIGN]));
		rate_cell(r, row, 14, rate_bp(d->ytd[TM_FOREIGN_HITECH], d->ytd[TM_FOREIGN]));
		for (int k = 0; k < ncl; k++) {
			int64_t tg = zs_target_of(&d->rec, y, cl->v[k].code);
			if (tg >= 0)
				cell(r, row, 15 + k, "%lld/%lld", (long long)d->ytd[TM_CLASS + k],
				     (long long)tg);
			else
				cell(r, row, 15 + k, "%lld", (long long)d->ytd[TM_CLASS + k]);
		}
		r->bar[row] = rate[i][0] > 0 ? rate[i][0] : 0;
	}
	if (have_b)
		report_sums_free(&b);
	free(rank);
	free(rank_b);
	free(rate);
	free(rate_b);
	note(r, "%s", _("Completion and rank as in the bulletin, from January to the end of the "
			"period; a year before: the same period of the year before, as it stood at "
			"its end."));
	note(r, "%s", _("Quality (Jiaxing, 004 三(一)), from January to the end: manufacturing "
			"projects from outside the city (市外制造业项目) entered, and their share of "
			"the projects entered; the shares of utilised foreign capital of "
			"manufacturing projects (advanced manufacturing or from outside the city) and "
			"of high-tech foreign projects - by the projects' attributes as they were "
			"on the day of each entry."));
	if (ncl)
		note(r, "%s", _("Classes of projects (004 一(二)): the projects signed from January "
				"that were of the class when signed, as the profile's [target_classes] "
				"says, over the year's target where the city set one."));
	note(r, "%s", _("Year (Jiaxing, 004 三(一)): a district that missed a target is not "
			"awarded; last place two years running, or the foreign target missed two "
			"years running, brings a talk (约谈).  Half year (001 §四): a target is "
			"missed below half of it; the bottom three are talked to."));
}


/*
 * report-bulletin.c - the monthly bulletin (月通报; 001 §三, 000 §二十二, 004 三(一))
 * and the credit of the first talk per district, from the sums.
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

static const char *const bulletin_keys[] = {
	"district", "lead",	      "talks",		"signed",	"registered",
	"funded",   "started",	      "production",	"exited",	"new",
	"domestic", "domestic_ytd",   "domestic_target", "domestic_rate", "foreign",
	"foreign_ytd", "foreign_target", "foreign_rate", "funds",	"rank",
	"flag", "utilised_ytd", "landing"};
static const char *const bulletin_labels[] = {
	N_("District"),
	N_("Reserve"),
	N_("In talks"),
	N_("Signed"),
	N_("Registered"),
	N_("Funds in place"),
	N_("Started"),
	N_("In production"),
	N_("Exited"),
	N_("New projects"),
	N_("Domestic capital (万元)"),
	N_("Domestic, year to date"),
	N_("Domestic target"),
	N_("Domestic completion"),
	N_("Foreign capital (万美元)"),
	N_("Foreign, year to date"),
	N_("Foreign target"),
	N_("Foreign completion"),
	N_("Funds in place (万元)"),
	N_("Rank"),
	N_("Flag"),
	N_("Utilised, year to date, in 元 (万元)"),
	N_("Expected to land in six months"),
};

static const enum stage_role bulletin_roles[] = {STAGE_LEAD,   STAGE_TALKS,	STAGE_SIGNED,
						  STAGE_REGISTERED, STAGE_FUNDED, STAGE_STARTED,
						  STAGE_PRODUCTION, STAGE_EXITED};

void report_bulletin(struct sums *s, const struct zs_period *p, struct zs_report *r)
{
	const struct profile *prof = s->prof;
	cols(r, bulletin_keys, bulletin_labels, 23);
	int64_t tot_landing = 0;
	int y, m, dd;
	date_ymd(p->to, &y, &m, &dd);
	struct rank *rk = xcalloc((size_t)s->nd + 1, sizeof *rk);
	int64_t tot_state[8] = {0}, tot[TM_COUNT] = {0}, tot_ytd[TM_COUNT] = {0};
	int64_t tot_tdom = 0, tot_tfor = 0;
	bool any_tdom = false, any_tfor = false;
	for (int i = 0; i < s->nd; i++) {
		struct dist *d = &s->d[i];
		int64_t tdom = zs_target_of(&d->rec, y, "domestic"),
			tfor = zs_target_of(&d->rec, y, "foreign");
		int64_t rdom = tdom > 0 ? rate_bp(d->ytd[TM_DOMESTIC], tdom) : -1,
			rfor = tfor > 0 ? rate_bp(d->ytd[TM_FOREIGN], tfor) : -1;
		rk[i].d = i;
		rk[i].has = rdom >= 0 || rfor >= 0;
		rk[i].score = rdom >= 0 && rfor >= 0 ? (rdom + rfor) / 2 : rdom >= 0 ? rdom : rfor;
		rk[i].amount = d->ytd[TM_DOMESTIC] + d->ytd[TM_FOREIGN_CNY];
		size_t row = row_add(r);
		cell(r, row, 0, "%s", d->name);
		for (int k = 0; k < 8; k++) {
			int64_t v = state_of(d, prof, bulletin_roles[k]);
			tot_state[k] += v;
			cell(r, row, 1 + k, "%lld", (long long)v);
		}
		cell(r, row, 9, "%lld", (long long)d->period[TM_NEW]);
		money_cell(r, row, 10, d->period[TM_DOMESTIC], CURRENCY_CNY);
		money_cell(r, row, 11, d->ytd[TM_DOMESTIC], CURRENCY_CNY);
		if (tdom >= 0)
			money_cell(r, row, 12, tdom, CURRENCY_CNY), tot_tdom += tdom, any_tdom = true;
		else
			cell(r, row, 12, "%s", "");
		rate_cell(r, row, 13, rdom);
		money_cell(r, row, 14, d->period[TM_FOREIGN], CURRENCY_USD);
		money_cell(r, row, 15, d->ytd[TM_FOREIGN], CURRENCY_USD);
		if (tfor >= 0)
			money_cell(r, row, 16, tfor, CURRENCY_USD), tot_tfor += tfor, any_tfor = true;
		else
			cell(r, row, 16, "%s", "");
		rate_cell(r, row, 17, rfor);
		money_cell(r, row, 18, d->period[TM_FUNDS], CURRENCY_CNY);
		for (int k = TM_NEW; k < TM_COUNT; k++) {
			tot[k] += d->period[k];
			tot_ytd[k] += d->ytd[k];
		}
		for (int k = 0; k < 12; k++)
			r->trend[k] += d->trend[k];
		/* Behind the year's pace: completion below the share of the
		 * year gone by. */
		bool behind = (tdom > 0 && (__int128)d->ytd[TM_DOMESTIC] * 12 < (__int128)tdom * m) ||
			      (tfor > 0 && (__int128)d->ytd[TM_FOREIGN] * 12 < (__int128)tfor * m);
		cell(r, row, 20, "%s", behind ? _("behind target") : "");
		money_cell(r, row, 21, rk[i].amount, CURRENCY_CNY);
		cell(r, row, 22, "%lld", (long long)d->landing);
		tot_landing += d->landing;
		r->bar[row] = rdom > 0 ? rdom : 0; /* the chart shows domestic completion */
	}
	qsort(rk, (size_t)s->nd, sizeof *rk, rank_cmp);
	for (int i = 0; i < s->nd; i++) {
		size_t row = (size_t)rk[i].d;
		cell(r, row, 19, "%d", i + 1);
		if (s->nd > 3 && i >= s->nd - 3) {
			const char *old = r->cells[row * (size_t)r->ncols + 20];
			cell(r, row, 20, "%s%s%s", _("bottom three"), *old ? ", " : "", old);
		}
	}
	free(rk);
	if (s->nd > 1) {
		size_t row = row_add(r);
		cell(r, row, 0, "%s", _("City total"));
		for (int k = 0; k < 8; k++)
			cell(r, row, 1 + k, "%lld", (long long)tot_state[k]);
		cell(r, row, 9, "%lld", (long long)tot[TM_NEW]);
		money_cell(r, row, 10, tot[TM_DOMESTIC], CURRENCY_CNY);
		money_cell(r, row, 11, tot_ytd[TM_DOMESTIC], CURRENCY_CNY);
		if (any_tdom)
			money_cell(r, row, 12, tot_tdom, CURRENCY_CNY);
		else
			cell(r, row, 12, "%s", "");
		rate_cell(r, row, 13, tot_tdom > 0 ? rate_bp(tot_ytd[TM_DOMESTIC], tot_tdom) : -1);
		money_cell(r, row, 14, tot[TM_FOREIGN], CURRENCY_USD);
		money_cell(r, row, 15, tot_ytd[TM_FOREIGN], CURRENCY_USD);
		if (any_tfor)
			money_cell(r, row, 16, tot_tfor, CURRENCY_USD);
		else
			cell(r, row, 16, "%s", "");
		rate_cell(r, row, 17, tot_tfor > 0 ? rate_bp(tot_ytd[TM_FOREIGN], tot_tfor) : -1);
		money_cell(r, row, 18, tot[TM_FUNDS], CURRENCY_CNY);
		cell(r, row, 19, "%s", "");
		cell(r, row, 20, "%s", "");
		money_cell(r, row, 21, tot_ytd[TM_DOMESTIC] + tot_ytd[TM_FOREIGN_CNY], CURRENCY_CNY);
		cell(r, row, 22, "%lld", (long long)tot_landing);
	}
	r->nfunnel = 0;
	for (int k = 1; k < 7; k++) {
		r->funnel[r->nfunnel] = tot_state[k];
		r->funnel_labels[r->nfunnel++] = bulletin_labels[1 + k];
	}
	note(r, "%s", _("Stage columns: projects at that stage at the end of the period.  New, "
			"utilised capital and funds in place: entries dated in the period."));
	note(r, "%s", _("Completion = utilised capital from January to the end of the period / "
			"the year's target (foreign capital in 美元).  Rank: by completion (the "
			"mean of the two where both targets are set), then by utilised capital "
			"(foreign converted at the profile's rate of each entry's date)."));
	note(r, "%s", _("Expected to land in six months (半年内有望落地): projects not yet "
			"registered whose planned registration (or else expected signing) falls in "
			"the six months after the end of the period, as planned today."));
	note(r, "%s", _("Behind target: completion below the share of the year gone by (month / "
			"12).  Bottom three: the last three of the ranking, for a talk (约谈)."));
}

static const char *const credit_keys[] = {"district", "projects", "shares", "amount"};
static const char *const credit_labels[] = {N_("District"), N_("Projects"), N_("Shares (%)"),
					    N_("Credited investment (万元)")};

void report_credit(struct sums *s, struct zs_report *r)
{
	cols(r, credit_keys, credit_labels, 4);
	int64_t t[3] = {0};
	for (int i = 0; i <= s->nd; i++) {
		int64_t v[3];
		if (i < s->nd) {
			const struct dist *d = &s->d[i];
			v[0] = d->period[TM_CREDIT_N];
			v[1] = d->period[TM_CREDIT_SHARE];
			v[2] = d->period[TM_CREDIT_AMOUNT];
			for (int k = 0; k < 3; k++)
				t[k] += v[k];
		} else {
			if (s->nd < 2)
				break;
			memcpy(v, t, sizeof v);
		}
		size_t row = row_add(r);
		cell(r, row, 0, "%s", i < s->nd ? s->d[i].name : _("City total"));
		cell(r, row, 1, "%lld", (long long)v[0]);
		cell(r, row, 2, "%lld", (long long)v[1]);
		money_cell(r, row, 3, v[2], CURRENCY_CNY);
		r->bar[row] = v[2];
	}
	note(r, "%s", _("Credit arises when a project enters the first-talk register, is pushed "
			"to the city or transferred; each district's share follows the profile "
			"(equal, reassigned or split).  Credited investment = investment × share."));
}


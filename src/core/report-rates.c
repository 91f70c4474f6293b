/*
 * report-rates.c - the rates of 003 §十六 and 004 三(一) per district, from the
 * sums.
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

static const char *const rates_keys[] = {
	"district",	 "signed_plus",	    "registered_plus", "registration_rate", "started_plus",
	"start_rate",	 "production",	    "production_rate", "funds_total",	    "contracts",
	"contracts_kept", "fulfilment_rate", "start_due",	"started_on_time",  "on_time_start_rate",
	"funds_promised", "funds_promised_in", "funds_rate"};
static const char *const rates_labels[] = {
	N_("District"),
	N_("Signed or beyond"),
	N_("Registered or beyond"),
	N_("Registration rate"),
	N_("Started or beyond"),
	N_("Start rate"),
	N_("In production"),
	N_("Production rate"),
	N_("Funds in place, all (万元)"),
	N_("Contracts due"),
	N_("Contracts kept"),
	N_("Contract fulfilment rate"),
	N_("Promised starts due"),
	N_("Started on time"),
	N_("On-time start rate"),
	N_("Contract investment due (万元)"),
	N_("Of it in place (万元)"),
	N_("Funds in place rate"),
};

enum { NV = 11 };

void report_rates(struct sums *s, struct zs_report *r)
{
	const struct profile *prof = s->prof;
	cols(r, rates_keys, rates_labels, 18);
	int sp = role_pos(prof, STAGE_SIGNED), rp = role_pos(prof, STAGE_REGISTERED),
	    fp = role_pos(prof, STAGE_FUNDED), stp = role_pos(prof, STAGE_STARTED),
	    pp = role_pos(prof, STAGE_PRODUCTION);
	int64_t t[NV] = {0};
	for (int i = 0; i <= s->nd; i++) {
		/* signed+, registered+, started+, production, funds, then the
		 * contracts' promises as they stood at the end */
		int64_t v[NV];
		if (i < s->nd) {
			struct dist *d = &s->d[i];
			int64_t sg = sp >= 0 ? d->state[sp] : 0, rg = rp >= 0 ? d->state[rp] : 0,
				fd = fp >= 0 ? d->state[fp] : 0, st = stp >= 0 ? d->state[stp] : 0,
				pr = pp >= 0 ? d->state[pp] : 0;
			v[0] = sg + rg + fd + st + pr;
			v[1] = rg + fd + st + pr;
			v[2] = st + pr;
			v[3] = pr;
			v[4] = d->total[TM_FUNDS];
			v[5] = d->total[TM_CONTRACTS];
			v[6] = d->total[TM_CONTRACTS_KEPT];
			v[7] = d->total[TM_START_DUE];
			v[8] = d->total[TM_START_ON_TIME];
			v[9] = d->total[TM_FUNDS_PROMISED];
			v[10] = d->total[TM_FUNDS_PROMISED_IN];
			for (int k = 0; k < NV; k++)
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
		rate_cell(r, row, 3, rate_bp(v[1], v[0]));
		cell(r, row, 4, "%lld", (long long)v[2]);
		rate_cell(r, row, 5, rate_bp(v[2], v[0]));
		cell(r, row, 6, "%lld", (long long)v[3]);
		rate_cell(r, row, 7, rate_bp(v[3], v[0]));
		money_cell(r, row, 8, v[4], CURRENCY_CNY);
		cell(r, row, 9, "%lld", (long long)v[5]);
		cell(r, row, 10, "%lld", (long long)v[6]);
		rate_cell(r, row, 11, rate_bp(v[6], v[5]));
		cell(r, row, 12, "%lld", (long long)v[7]);
		cell(r, row, 13, "%lld", (long long)v[8]);
		rate_cell(r, row, 14, rate_bp(v[8], v[7]));
		money_cell(r, row, 15, v[9], CURRENCY_CNY);
		money_cell(r, row, 16, v[10], CURRENCY_CNY);
		rate_cell(r, row, 17, rate_bp(v[10], v[9]));
		r->bar[row] = rate_bp(v[1], v[0]);
	}
	note(r, "%s", _("Signed or beyond = projects at 签约, 注册, 资金到位, 开工 or 投产 at the "
			"end of the period (exited and transferred ones are not)."));
	note(r, "%s", _("Registration rate (签约项目注册率) = registered or beyond / signed or "
			"beyond."));
	note(r, "%s", _("Start rate = started or in production / signed or beyond.  Production "
			"rate (投产率) = in production / signed or beyond."));
	note(r, "%s", _("Funds in place, all = every entry of funds in place dated up to the end "
			"of the period."));
	note(r, "%s", _("Contract fulfilment rate (合同履约率) = contracts that kept every promise "
			"fallen due by the end of the period (investment in place by its day, "
			"construction started by its day) / contracts with a promise fallen due."));
	note(r, "%s", _("On-time start rate (如期开工率) = contracts started (开工 or 投产) on or "
			"before the start day they promise / contracts whose promised start day "
			"is on or before the end of the period."));
	note(r, "%s", _("Funds in place rate (资金到位率) = funds in place up to the end of the "
			"period, each contract's at most its investment / the contract investment "
			"(in 元 at the rate of its day) of the contracts whose promised day is on or "
			"before the end."));
}

/*
 * rules.c - the city's rules, applied: first-talk register, transfer with
 * shared credit, the signing pre-report, and the clock (zsdesk tick).
 *
 * Every threshold, period and share comes from the policy profile; this
 * file only knows the shape of the rules (domain.md: seed 002 §五, seed
 * 004 §二.3, seed 003 §十六).  Time rules are applied by zs_tick(), which
 * brings the database up to "now" and can run any number of times: a rule
 * that has fired leaves the record in a state where it does not fire again.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "money.h"

/* True when a project reaches a threshold given in 元 and/or 美元: a total
 * in its own currency, or foreign capital in 美元.  Where the profile
 * gives no 美元 threshold, a 美元 total counts in 元 at the profile's rate
 * ("总投资1亿元以上" holds whatever the currency). */
static bool reaches(const struct profile *p, const struct rec *r, int64_t cny, int64_t usd)
{
	int64_t v = rec_int(r, "investment", 0);
	bool in_usd = !strcmp(rec_text(r, "currency", "CNY"), "USD");
	int64_t fc = rec_int(r, "foreign_capital", 0);
	if (!in_usd && cny && v >= cny)
		return true;
	if (usd && ((in_usd && v >= usd) || fc >= usd))
		return true;
	if (in_usd && !usd && cny && zs_amount_at(p->usd_rate, r) >= cny)
		return true;
	return false;
}

bool rules_first_talk_size(const struct profile *p, const struct rec *r)
{
	if (p->ft_strategic && rec_bool(r, "strategic", false))
		return true;
	return reaches(p, r, p->ft_threshold_cny, p->ft_threshold_usd);
}

/* True when the project is a major one (needs a named service manager). */
bool zs_major(const struct zs *z, const struct rec *r)
{
	return reaches(&z->prof, r, z->prof.major_threshold_cny, z->prof.major_threshold_usd);
}

/* Position of a stage in the profile's list (-1 when absent). */
static int stage_pos(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->stages.n; i++)
		if (!strcmp(p->stages.v[i].code, code))
			return i;
	return -1;
}

void rules_after_stage(struct zs *z, struct rec *r, const char *from, date_t date)
{
	const struct profile *p = &z->prof;
	const char *to = rec_text(r, "stage", "lead");
	const char *ft = rec_text(r, "ft_status", NULL);
	char d[11];
	/* Entering talks at or above the threshold: registered with the city,
	 * the reporting district exclusive for the profile's months. */
	if (!strcmp(to, "talks") && !ft && p->ft_months && rules_first_talk_size(p, r)) {
		rec_set_text(r, "ft_registered", date_format(date, d));
		rec_set_int(r, "ft_district", rec_int(r, "district", 0));
		rec_set_text(r, "ft_until", date_format(date_add_months(date, p->ft_months), d));
		rec_set_text(r, "ft_status", "active");
		char credit[32];
		snprintf(credit, sizeof credit, "%lld:100", (long long)rec_int(r, "district", 0));
		char *items[1] = {credit};
		rec_set_list(r, "credit", items, 1);
		return;
	}
	/* Progress beyond talks ends the watch on the register; so does
	 * leaving (退出) or going back to a lead. */
	if (ft && (!strcmp(ft, "active") || !strcmp(ft, "lapsed"))) {
		if (!strcmp(to, "exited") || !strcmp(to, "lead"))
			rec_set_text(r, "ft_status", "closed");
		else if (stage_pos(p, to) > stage_pos(p, "talks") && strcmp(to, "transferred"))
			rec_set_text(r, "ft_status", "progressed");
	}
	(void)from;
}

int rules_pre_report(struct zs *z, const struct rec *r, date_t date, char *msg, size_t n)
{
	const struct profile *p = &z->prof;
	if (!p->pre_lead_days || (!p->pre_threshold_cny && !p->pre_threshold_usd))
		return 0;
	if (!reaches(p, r, p->pre_threshold_cny, p->pre_threshold_usd))
		return 0;
	date_t filed;
	if (date_parse(rec_text(r, "pre_report", ""), &filed) == 0 &&
	    filed <= date - p->pre_lead_days)
		return 0;
	char a[32], b[32];
	money_format(p->pre_threshold_cny, CURRENCY_CNY, MONEY_AUTO, a, sizeof a);
	money_format(p->pre_threshold_usd, CURRENCY_USD, MONEY_AUTO, b, sizeof b);
	snprintf(msg, n,
		 _("signing pre-report (重大签约项目预报): a signing of %s or %s or more must be "
		   "reported to the city %d days ahead; report it (zsdesk project prereport), or the "
		   "city office records the signing without credit (--no-credit)"),
		 a, b, p->pre_lead_days);
	return -1;
}

/* ---- transfer (流转) ---- */

int zs_transfer(struct zs *z, uint64_t id, uint64_t to, const char *reason, int keep_percent)
{
	const char *role = rec_text(&z->me_rec, "role", "");
	if (z->me && strcmp(role, "city") && strcmp(role, "admin"))
		return zs_fail(z, ZS_DENIED, "%s", _("only the city office transfers projects"));
	if (!reason || !*reason)
		return zs_fail(z, ZS_INVALID, "%s", _("a transfer needs a reason (--reason)"));
	struct rec r, d;
	rec_init(&r);
	rec_init(&d);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	if ((rc = zs_get(z, KIND_DISTRICT, to, &d)) != ZS_OK) {
		rec_free(&r);
		return rc;
	}
	rec_free(&d);
	uint64_t from = (uint64_t)rec_int(&r, "district", 0);
	if (from == to) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the project is in that district already"));
	}
	const struct profile *p = &z->prof;
	if (keep_percent >= 0 && p->ft_credit != CREDIT_SPLIT) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s",
			       _("this city's profile does not split credit by percentage (--keep)"));
	}
	int first = p->ft_credit == CREDIT_SPLIT ? (keep_percent >= 0 ? keep_percent
									: p->ft_split_first)
						 : 0;
	if (first < 0 || first > 100) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the share kept must be 0 to 100 percent"));
	}
	char a[40], b[40];
	char *credit[2] = {a, b};
	size_t nc = 2;
	switch (p->ft_credit) {
	case CREDIT_REASSIGN: /* the city gives the project to the new district */
		snprintf(a, sizeof a, "%llu:100", (unsigned long long)to);
		nc = 1;
		break;
	case CREDIT_EQUAL: /* both districts count it in full */
		snprintf(a, sizeof a, "%llu:100", (unsigned long long)from);
		snprintf(b, sizeof b, "%llu:100", (unsigned long long)to);
		break;
	case CREDIT_SPLIT: /* shared by percentage */
		snprintf(a, sizeof a, "%llu:%d", (unsigned long long)from, first);
		snprintf(b, sizeof b, "%llu:%d", (unsigned long long)to, 100 - first);
		break;
	}
	rec_set_list(&r, "credit", credit, nc);
	rec_set_int(&r, "transferred_from", (int64_t)from);
	rec_set_int(&r, "district", (int64_t)to);
	rec_set_text(&r, "transfer_reason", reason);
	rec_unset(&r, "park"); /* parks belong to the old district */
	rec_unset(&r, "manager");
	if (rec_find(&r, "ft_status"))
		rec_set_text(&r, "ft_status", "transferred");
	rc = zs_save(z, KIND_PROJECT, &id, &r, "transfer", reason);
	rec_free(&r);
	return rc;
}

/* ---- the register ---- */

struct reg_scan {
	const char *prefix;
	size_t plen;
	uint64_t *ids;
	size_t n, max;
};

/* Collects ids of a first-talk status, in order of their end date. */
static int reg_hit(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct reg_scan *s = vctx;
	if (klen < s->plen || memcmp(key, s->prefix, s->plen) != 0 || s->n >= s->max)
		return 1;
	s->ids[s->n++] = id;
	return 0;
}

size_t zs_register(struct zs *z, const char *status, uint64_t *ids, size_t max)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "%s|", status);
	struct reg_scan s = {prefix, strlen(prefix), ids, 0, max};
	store_index_scan(t, &zs_tables[KIND_PROJECT], IX_PROJECT_FIRSTTALK, prefix, s.plen, false,
			 reg_hit, &s);
	if (!zs_sees_all(z)) {
		/* A district sees its own part of the register. */
		size_t kept = 0;
		struct rec r;
		rec_init(&r);
		for (size_t i = 0; i < s.n; i++)
			if (store_get(t, &zs_tables[KIND_PROJECT], ids[i], &r) == STORE_OK &&
			    access_project_mine(z, &r))
				ids[kept++] = ids[i];
		rec_free(&r);
		s.n = kept;
	}
	store_done(t);
	return s.n;
}

/* ---- the clock ---- */

/* Lapses every first-talk exclusivity that ended before today. */
static int tick_first_talk(struct zs *z, date_t today, struct zs_tick *out)
{
	uint64_t ids[512];
	for (;;) {
		size_t n = zs_register(z, "active", ids, 512), changed = 0;
		for (size_t i = 0; i < n; i++) {
			struct rec r;
			rec_init(&r);
			date_t until;
			if (zs_get(z, KIND_PROJECT, ids[i], &r) != ZS_OK ||
			    date_parse(rec_text(&r, "ft_until", ""), &until) < 0) {
				rec_free(&r);
				continue;
			}
			if (until >= today) {
				/* In order of end date: the rest run on too. */
				rec_free(&r);
				return ZS_OK;
			}
			{
				const char *st = rec_text(&r, "stage", "");
				rec_set_text(&r, "ft_status", !strcmp(st, "talks") ? "lapsed"
							      : !strcmp(st, "exited") || !strcmp(st, "lead")
								      ? "closed"
								      : "progressed");
				int rc = zs_save(z, KIND_PROJECT, &ids[i], &r, "tick",
						 _("first-talk exclusivity ended"));
				if (rc) {
					rec_free(&r);
					return rc;
				}
				out->lapsed++;
				changed++;
			}
			rec_free(&r);
		}
		/* Sorted by end date: stop at the first one still running. */
		if (n < 512 || changed == 0)
			return ZS_OK;
	}
}

int zs_tick(struct zs *z, struct zs_tick *out)
{
	struct zs_tick none;
	if (!out)
		out = &none;
	memset(out, 0, sizeof *out);
	date_t today = clock_today();
	int rc = tick_first_talk(z, today, out);
	if (rc == ZS_OK)
		rc = issues_tick(z, today, out);
	return rc;
}

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
#include "utf8.h"
#include "xalloc.h"

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
	/* "Strategic" counts once the city office has recognised it. */
	if ((p->ft_covers & COVER_STRATEGIC) && p->ft_strategic && rec_bool(r, "strategic", false) &&
	    rec_bool(r, "strategic_confirmed", false))
		return true;
	/* Membership of the key-project list (Chongqing: 市级重点招商项目). */
	if ((p->ft_covers & COVER_KEY) && rec_bool(r, "key_project", false))
		return true;
	return (p->ft_covers & PRE_AMOUNT) && (p->ft_threshold_cny || p->ft_threshold_usd) &&
	       reaches(p, r, p->ft_threshold_cny, p->ft_threshold_usd);
}

date_t rules_ft_until(const struct profile *p, const struct calendar *cal, date_t from)
{
	date_t until;
	switch (p->ft_unit) {
	case PERIOD_DECIDED:
		return 0;
	case PERIOD_DAYS:
		until = from + p->ft_months;
		break;
	case PERIOD_WORKDAYS:
		until = calendar_add(cal, from, p->ft_months);
		break;
	default:
		until = date_add_months(from, p->ft_months);
		break;
	}
	if (p->ft_holiday_end && cal && !calendar_workday(cal, until))
		until = calendar_add(cal, until, 1); /* ends the next working day */
	return until;
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

/* True when stage code is talks or further on (not out, not away). */
static bool in_play(const struct profile *p, const char *code)
{
	return !profile_stage_is(p, code, STAGE_EXITED) &&
	       !profile_stage_is(p, code, STAGE_TRANSFERRED) &&
	       stage_pos(p, code) >= stage_pos(p, profile_stage(p, STAGE_TALKS));
}

/* Sets a list field from n items. */
static void set_list(struct rec *r, const char *field, char **items, size_t n)
{
	if (n)
		rec_set_list(r, field, items, n);
	else
		rec_unset(r, field);
}

void rules_credit_shares(const struct profile *p, struct rec *r)
{
	const struct rec_field *f = rec_find(r, "credit_ledger");
	if (!f || f->v.type != REC_LIST || rec_find(r, "no_credit")) {
		rec_unset(r, "credit");
		return;
	}
	/* Entries "date|district|kind|keep", oldest first. */
	uint64_t ds[64];
	int share[64];
	size_t n = 0;
	uint64_t first = 0, last = 0;
	int keep = p->ft_split_first;
	for (size_t i = 0; i < f->v.n; i++) {
		char date[16], kind[16];
		unsigned long long d;
		int k = -1;
		if (sscanf(f->v.items[i], "%15[^|]|%llu|%15[^|]|%d", date, &d, kind, &k) < 3)
			continue;
		if (!first)
			first = d;
		if (strcmp(kind, "push") != 0)
			last = d;
		if (!strcmp(kind, "transfer") && k >= 0)
			keep = k;
		size_t j = 0;
		while (j < n && ds[j] != d)
			j++;
		if (j == n && n < 64) {
			ds[n] = d;
			share[n++] = 0;
		}
		if (j < n && p->ft_credit != CREDIT_SPLIT &&
		    (p->ft_credit == CREDIT_EQUAL || !strcmp(kind, "push")))
			share[j] = 100;
	}
	for (size_t j = 0; j < n; j++) {
		if (p->ft_credit == CREDIT_REASSIGN && ds[j] == last)
			share[j] = 100;
		if (p->ft_credit == CREDIT_SPLIT)
			share[j] = first == last ? (ds[j] == last ? 100 : 0)
				   : ds[j] == first ? keep
				   : ds[j] == last  ? 100 - keep
						    : 0;
	}
	char bufs[64][40];
	char *items[64];
	size_t m = 0;
	for (size_t j = 0; j < n; j++)
		if (share[j] > 0) {
			snprintf(bufs[m], sizeof bufs[m], "%llu:%d", (unsigned long long)ds[j], share[j]);
			items[m] = bufs[m];
			m++;
		}
	set_list(r, "credit", items, m);
}

void rules_credit_add(const struct profile *p, struct rec *r, uint64_t district, const char *kind,
		      int keep, date_t date)
{
	char d[11];
	char *entry = xasprintf("%s|%llu|%s|%d", date_format(date, d), (unsigned long long)district,
				kind, keep);
	rec_list_append(r, "credit_ledger", entry);
	free(entry);
	rules_credit_shares(p, r);
}

void rules_first_talk(const struct profile *p, const struct calendar *cal, struct rec *r,
		      const struct rec *old, date_t date, uint64_t claim_of)
{
	if (!p->ft_months)
		return;
	const char *stage = rec_text(r, "stage", profile_stage(p, STAGE_LEAD));
	const char *ft = rec_text(r, "ft_status", NULL);
	bool talks = profile_stage_is(p, stage, STAGE_TALKS);
	char d[11];
	if (!ft && in_play(p, stage) && rules_first_talk_size(p, r)) {
		/* Registered on every path: entering talks, a lead put straight
		 * to 签约, an amount raised past the line while in talks. */
		uint64_t district = (uint64_t)rec_int(r, "district", 0);
		rec_set_text(r, "ft_registered", date_format(date, d));
		rec_set_int(r, "ft_district", (int64_t)district);
		if (claim_of) {
			/* Another district holds this enterprise's first talk: the
			 * city office decides (one exclusivity per enterprise). */
			rec_set_text(r, "ft_status", "claim");
			rec_set_int(r, "ft_claim_of", (int64_t)claim_of);
			return;
		}
		date_t until = rules_ft_until(p, cal, date);
		rec_set_text(r, "ft_until", until ? date_format(until, d) : NULL);
		rec_set_text(r, "ft_status", talks ? "active" : "progressed");
		rules_credit_add(p, r, district, "first", -1, date);
		return;
	}
	if (!ft)
		return;
	if (!strcmp(ft, "active") || !strcmp(ft, "lapsed")) {
		/* Progress beyond talks ends the watch; so does leaving (退出)
		 * or going back to a lead. */
		if (profile_stage_is(p, stage, STAGE_EXITED) || profile_stage_is(p, stage, STAGE_LEAD))
			rec_set_text(r, "ft_status", "closed");
		else if (in_play(p, stage) && !talks)
			rec_set_text(r, "ft_status", "progressed");
	} else if ((!strcmp(ft, "progressed") || !strcmp(ft, "closed")) && talks && p->ft_rewatch &&
		   old && !profile_stage_is(p, rec_text(old, "stage", ""), STAGE_TALKS)) {
		/* Back in talks (签约 or 退出 -> 在谈): watched again, a new
		 * exclusive period from today, as the profile says. */
		date_t until = rules_ft_until(p, cal, date);
		rec_set_text(r, "ft_until", until ? date_format(until, d) : NULL);
		rec_set_text(r, "ft_status", "active");
	}
}

bool rules_pre_report_needed(const struct profile *p, const struct rec *r)
{
	if (!p->pre_lead_days)
		return false;
	if ((p->pre_covers & PRE_LANDMARK) && rec_bool(r, "landmark", false))
		return true;
	if ((p->pre_covers & COVER_KEY) && rec_bool(r, "key_project", false))
		return true;
	return (p->pre_covers & PRE_AMOUNT) && (p->pre_threshold_cny || p->pre_threshold_usd) &&
	       reaches(p, r, p->pre_threshold_cny, p->pre_threshold_usd);
}

bool rules_passes_signing(const struct profile *p, const char *from, const char *to)
{
	if (profile_stage_is(p, to, STAGE_EXITED) || profile_stage_is(p, to, STAGE_TRANSFERRED))
		return false;
	int s = stage_pos(p, profile_stage(p, STAGE_SIGNED));
	int a = profile_stage_is(p, from, STAGE_EXITED) || profile_stage_is(p, from, STAGE_TRANSFERRED)
			? -1
			: stage_pos(p, from);
	return a < s && stage_pos(p, to) >= s;
}

int rules_pre_report(struct zs *z, const struct rec *r, date_t date, char *msg, size_t n)
{
	const struct profile *p = &z->prof;
	if (!rules_pre_report_needed(p, r))
		return 0;
	/* Filed (by the system's clock) at least the lead time before the
	 * signing: a filing cannot be dated back. */
	date_t filed;
	if (date_parse(rec_text(r, "pre_report", ""), &filed) == 0 &&
	    filed <= date - p->pre_lead_days)
		return 0;
	char a[32], b[32];
	money_format(p->pre_threshold_cny, CURRENCY_CNY, MONEY_AUTO, a, sizeof a);
	money_format(p->pre_threshold_usd, CURRENCY_USD, MONEY_AUTO, b, sizeof b);
	if ((p->pre_covers & PRE_LANDMARK) && rec_bool(r, "landmark", false))
		snprintf(msg, n,
			 _("signing pre-report (重大签约项目预报): a landmark project's signing must be "
			   "reported to the city %d days ahead"),
			 p->pre_lead_days);
	else
		snprintf(msg, n,
			 _("signing pre-report (重大签约项目预报): a signing of %s or %s or more must "
			   "be reported to the city %d days ahead"),
			 a, b, p->pre_lead_days);
	return -1;
}


/* Position of the issue's level in the ladder (0 when unknown). */
static int level_pos(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->escalation.n; i++)
		if (!strcmp(p->escalation.v[i].code, code))
			return i;
	return 0;
}

void rules_issue_step(struct rec *r, const char *level, date_t date)
{
	char d[11];
	char *entry = xasprintf("%s|%s", level, date_format(date, d));
	rec_list_append(r, "steps", entry);
	free(entry);
	rec_set_text(r, "level", level);
	rec_set_text(r, "level_since", d);
}

bool rules_issue_climb(const struct profile *p, struct rec *r, date_t date)
{
	int lv = level_pos(p, rec_text(r, "level", ""));
	if (lv + 1 >= p->escalation.n)
		return false;
	rules_issue_step(r, p->escalation.v[lv + 1].code, date);
	rec_unset(r, "paused_days");
	rec_unset(r, "needs_city");
	return true;
}

date_t rules_issue_due(const struct profile *p, const struct calendar *cal, const struct rec *r,
		       date_t today)
{
	if (!p->escalation.n)
		return 0;
	date_t since;
	if (date_parse(rec_text(r, "level_since", ""), &since) < 0)
		return 0;
	int lv = level_pos(p, rec_text(r, "level", ""));
	int days = p->escalation.v[lv].days + (int)rec_int(r, "paused_days", 0);
	/* Waiting on the enterprise: the clock stands, counting to today. */
	date_t paused;
	if (!strcmp(rec_text(r, "status", "open"), "waiting") &&
	    date_parse(rec_text(r, "paused_since", ""), &paused) == 0)
		days += calendar_between(cal, paused, today);
	return calendar_add(cal, since, days);
}

/* The amount of a project in 元, foreign amounts at the profile's rate:
 * the order of the amount index and of --min and --max. */
int64_t zs_amount_at(int64_t rate, const struct rec *r)
{
	int64_t v = rec_int(r, "investment", 0);
	if (!strcmp(rec_text(r, "currency", "CNY"), "USD"))
		v = v / 10000 * rate + v % 10000 * rate / 10000;
	return v;
}

const char *rules_text_fault(enum text_fault f)
{
	switch (f) {
	case TEXT_CLEAN:
		return "";
	case TEXT_INVALID:
		return _("not valid text in this character set");
	case TEXT_CONTROL:
		return _("holds a control character (such as Esc, Tab or a line break): type only "
			 "what should be shown");
	case TEXT_BIDI:
		return _("holds a text-direction override, which can disguise what it says");
	case TEXT_INVISIBLE:
		return _("has no visible character");
	}
	return "";
}

int rules_note_check(struct zs *z, const char *what, const char *text)
{
	if (!text)
		return ZS_OK;
	enum text_fault tf = text_check(text, true);
	if (tf != TEXT_CLEAN && tf != TEXT_INVISIBLE)
		return zs_fail(z, ZS_INVALID, "%s: %s", what, rules_text_fault(tf));
	size_t n = utf8_count(text, strlen(text));
	if (n > RULES_NOTE_MAX)
		return zs_fail(z, ZS_INVALID, _("%s: at most %d characters (this has %zu)"), what,
			       RULES_NOTE_MAX, n);
	return ZS_OK;
}

/* ---- dates around the rules (review of 2026-11-30) ---- */

/* How far back a date of a stage or a follow-up may go: older is a typo
 * of the year, not a record. */
#define RULES_PAST_YEARS 10

/* How long before a project was entered its follow-ups may be dated: the
 * talks that led to entering it. */
#define RULES_LEAD_IN_DAYS 90

int rules_date_too_old(struct zs *z, const char *what, date_t d)
{
	if (d >= date_add_months(clock_today(), -12 * RULES_PAST_YEARS))
		return 0;
	char a[11];
	return zs_fail(z, ZS_INVALID, _("%s: %s is more than %d years ago; check the year"), what,
		       date_format(d, a), RULES_PAST_YEARS);
}

date_t rules_signed_on(const struct profile *p, const struct rec *r)
{
	int sp = stage_pos(p, profile_stage(p, STAGE_SIGNED));
	const struct rec_field *f = rec_find(r, "stages");
	for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++) {
		/* date|stage|district|recorded */
		char buf[128];
		snprintf(buf, sizeof buf, "%s", f->v.items[i]);
		char *bar = strchr(buf, '|');
		if (!bar)
			continue;
		*bar = '\0';
		char *stage = bar + 1, *end = strchr(stage, '|');
		if (end)
			*end = '\0';
		date_t d;
		if (in_play(p, stage) && stage_pos(p, stage) >= sp && date_parse(buf, &d) == 0)
			return d;
	}
	date_t d;
	const char *now = rec_text(r, "stage", "");
	if (in_play(p, now) && stage_pos(p, now) >= sp &&
	    date_parse(rec_text(r, "stage_date", ""), &d) == 0)
		return d;
	return 0;
}

/* A field's label in the officer's language. */
static const char *label_of(enum kind k, const char *field)
{
	const struct field_def *f = schema_field(k, field);
	return f ? _(f->label) : field;
}

/* True when field name of r differs from old's (or old is NULL and r has it). */
static bool changed(const struct rec *old, const struct rec *r, const char *name)
{
	const struct rec_field *a = old ? rec_find(old, name) : NULL, *b = rec_find(r, name);
	if (!a || !b)
		return a != b;
	return !rec_value_equal(&a->v, &b->v);
}

/* A project's registration date: a signed project's, not before its
 * signing. */
static int registration_check(struct zs *z, const struct rec *old, const struct rec *r)
{
	const struct profile *p = &z->prof;
	date_t reg, sig;
	char a[11], b[11];
	if (!changed(old, r, "registered_on") ||
	    date_parse(rec_text(r, "registered_on", ""), &reg) != 0)
		return ZS_OK;
	const char *stage = rec_text(r, "stage", profile_stage(p, STAGE_LEAD));
	const char *label = label_of(KIND_PROJECT, "registered_on");
	if (rules_date_too_old(z, label, reg))
		return zs_fail_field(z, "registered_on");
	if (stage_pos(p, stage) < stage_pos(p, profile_stage(p, STAGE_SIGNED)) &&
	    !profile_stage_is(p, stage, STAGE_EXITED) && !profile_stage_is(p, stage, STAGE_TRANSFERRED)) {
		zs_fail(z, ZS_INVALID,
			_("%s: a project is registered after it is signed, and this one is not "
			  "signed yet; record the signing first (stage 签约)"),
			label);
		return zs_fail_field(z, "registered_on");
	}
	sig = rules_signed_on(p, r);
	if (sig && reg < sig) {
		zs_fail(z, ZS_INVALID, _("%s: %s is before the signing on %s"), label,
			date_format(reg, a), date_format(sig, b));
		return zs_fail_field(z, "registered_on");
	}
	return ZS_OK;
}

int rules_save_check(struct zs *z, struct store_txn *t, enum kind k, const struct rec *old,
		     const struct rec *r)
{
	char a[11], b[11];
	date_t d, from;
	if (k == KIND_PROJECT)
		return registration_check(z, old, r);
	if (k == KIND_ISSUE && changed(old, r, "need_by") &&
	    date_parse(rec_text(r, "need_by", ""), &d) == 0) {
		if (date_parse(rec_text(r, "opened_on", ""), &from) != 0)
			from = clock_today();
		if (d < from) {
			zs_fail(z, ZS_INVALID, _("%s: %s is before the issue was opened (%s)"),
				label_of(KIND_ISSUE, "need_by"), date_format(d, a),
				date_format(from, b));
			return zs_fail_field(z, "need_by");
		}
	}
	if (k == KIND_FOLLOWUP && changed(old, r, "date") &&
	    date_parse(rec_text(r, "date", ""), &d) == 0) {
		const char *label = label_of(KIND_FOLLOWUP, "date");
		if (rules_date_too_old(z, label, d))
			return zs_fail_field(z, "date");
		struct rec p;
		rec_init(&p);
		int64_t pid = rec_int(r, "project", 0);
		if (pid > 0 && store_get(t, &z->tables[KIND_PROJECT], (uint64_t)pid, &p) == STORE_OK &&
		    date_parse(rec_text(&p, "created_on", ""), &from) == 0 &&
		    d < from - RULES_LEAD_IN_DAYS) {
			zs_fail(z, ZS_INVALID,
				_("%s: %s is more than %d days before project %s was entered (%s); "
				  "log it on the enterprise, without the project"),
				label, date_format(d, a), RULES_LEAD_IN_DAYS, rec_text(&p, "name", ""),
				date_format(from, b));
			rec_free(&p);
			return zs_fail_field(z, "date");
		}
		rec_free(&p);
	}
	return ZS_OK;
}

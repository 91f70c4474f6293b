/*
 * tally.c - the per-month deltas the reports read, kept by the write path.
 *
 * A project holds its facts as append-only lists: "stages" (date | stage |
 * district | recorded on), one entry each time its stage or district
 * changes, and "money" (date | measure | amount | district | recorded on |
 * source), one entry per sum of money that moved, corrections being new
 * entries.  Each fact adds to a count of a month, a district and a
 * measure; a save adds to the counts the facts of the record as saved and
 * takes away those of the record as it was, in the same transaction.  So
 * the state at the end of any month is a running sum over a few thousand
 * counts, never a scan of projects.
 *
 * A fact recorded in a later month than the one it belongs to is a
 * correction: it is counted apart, under the day it was recorded, so a
 * report can say what the numbers were at the end of a period and list
 * what was corrected since.
 *
 *   'M' month (u32 yyyymm) measure (u8) district code        on time
 *   'L' recorded (u32 yyyymmdd) month (u32) measure code     corrections
 *   'P' until, planned start, from (u32 yyyymmdd each) id (u64) district code
 *                                                             clearing list
 *   'p' planned month (u32 yyyymm) district code               those still open
 *   'X' expected landing (u32 yyyymmdd) district code        to land soon
 *   'K' listed on (u32 yyyymmdd) project id (u64)              key projects
 *   'W' day (u32 yyyymmdd) officer id (u64)                    managed from then
 *   'S' measure district code                                  today's state
 *   'J' 'W' 'D' 'E'                                   issues (issue-tally.c)
 *   'F'                               first talks by officer (ft-tally.c)
 *   0xFF                         a project's names as bits (search-bits.c)
 *
 * Districts are named by their code in the lists and the keys, so the
 * lists read plainly and the keys sort by month first.  The keys, and a
 * project's attributes as they were on a day, are made in tally-keys.c.
 */
#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "linefile.h"
#include "money.h"
#include "xalloc.h"

struct fact {
	unsigned char key[TALLY_KEY_MAX];
	size_t len;
	int64_t v;
};

struct facts {
	struct fact *f;
	size_t n, cap;
};

static void fact_add(struct facts *fs, date_t eff, date_t rec, const char *district, int measure,
		     int64_t v)
{
	if (v == 0 || !district || !*district)
		return;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	struct fact *f = &fs->f[fs->n++];
	f->len = tally_key(f->key, eff, rec, district, measure);
	f->v = v;
}

/* Splits a list entry at '|' into at most max parts (the last keeps the
 * rest); returns the number of parts.  buf receives the copy cut up. */
static int split(const char *s, char *buf, size_t n, char **parts, int max)
{
	snprintf(buf, n, "%s", s);
	int k = 0;
	char *p = buf;
	parts[k++] = p;
	while (k < max && (p = strchr(p, '|'))) {
		*p++ = '\0';
		parts[k++] = p;
	}
	return k;
}

/* The code of district id, read in t into buf ("" when there is none). */
static const char *district_code(struct store_txn *t, const struct store_table *dtab, uint64_t id,
				 char *buf, size_t n)
{
	struct rec d;
	rec_init(&d);
	buf[0] = '\0';
	if (id && store_get(t, dtab, id, &d) == STORE_OK)
		snprintf(buf, n, "%s", rec_text(&d, "code", ""));
	rec_free(&d);
	return buf;
}

/* A count of today's state: 'S' measure district code. */
static void state_add(struct facts *fs, int measure, const char *district, int64_t v)
{
	if (!*district)
		return;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	struct fact *f = &fs->f[fs->n++];
	size_t dl = strlen(district);
	if (dl > TALLY_CODE_MAX)
		dl = TALLY_CODE_MAX;
	f->key[0] = 'S';
	f->key[1] = (unsigned char)measure;
	memcpy(f->key + 2, district, dl);
	f->len = 2 + dl;
	f->v = v;
}

/* The day district d's credit on r arose: its last ledger entry (0 if none). */
static date_t credited_on(const struct rec *r, uint64_t d)
{
	const struct rec_field *f = rec_find(r, "credit_ledger");
	date_t on = 0;
	for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++) {
		char date[16];
		unsigned long long who;
		date_t x;
		if (sscanf(f->v.items[i], "%15[^|]|%llu", date, &who) == 2 && who == d &&
		    date_parse(date, &x) == 0)
			on = x;
	}
	return on;
}

/* True when project r (of enterprise e) is of a class whose rule is
 * "type = T" or "min = AMOUNT". */
static bool of_class(const char *rule, const struct rec *r, const struct rec *e)
{
	char buf[128], *key, *val;
	bool yes = false;
	snprintf(buf, sizeof buf, "%s", rule);
	if (linefile_split(buf, &key, &val) < 0)
		return false;
	if (!strcmp(key, "type")) {
		const struct rec_field *f = rec_find(e, "types");
		for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++)
			yes |= !strcmp(f->v.items[i], val);
	} else if (!strcmp(key, "min")) {
		int64_t min;
		enum currency cur = CURRENCY_CNY;
		if (money_parse(val, &min, &cur, 0) == MONEY_OK) {
			bool usd = !strcmp(rec_text(r, "currency", "CNY"), "USD");
			int64_t v = rec_int(r, "investment", 0);
			if (cur == CURRENCY_USD)
				yes = (usd && v >= min) || rec_int(r, "foreign_capital", 0) >= min;
			else
				yes = !usd && !strcmp(rec_text(r, "capital_type", "domestic"), "domestic") &&
				      v >= min;
		}
	}
	return yes;
}

/* A count of the projects an officer manages, from day on ('W' day officer). */
static void managed_add(struct facts *fs, date_t day, uint64_t officer, int64_t v)
{
	if (!officer || !v)
		return;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	struct fact *f = &fs->f[fs->n++];
	f->key[0] = 'W';
	put_u32(f->key + 1, day_code(day));
	zs_be64(f->key + 5, officer);
	f->len = 13;
	f->v = v;
}

/* Who managed project r from when: its first service manager from the
 * day it was entered, then each change kept in attrs on its day. */
static void managed_facts(const struct rec *r, int sign, struct facts *fs)
{
	date_t created;
	if (date_parse(rec_text(r, "created_on", ""), &created))
		return;
	const struct rec_field *af = rec_find(r, "attrs");
	bool first = true;
	for (size_t k = 0; af && af->v.type == REC_LIST && k < af->v.n; k++) {
		char buf[256], *parts[4];
		date_t d;
		if (split(af->v.items[k], buf, sizeof buf, parts, 4) < 4 ||
		    strcmp(parts[1], "manager") || date_parse(parts[0], &d))
			continue;
		uint64_t before = strtoull(parts[2], NULL, 10), after = strtoull(parts[3], NULL, 10);
		if (first)
			managed_add(fs, created, before, sign);
		first = false;
		managed_add(fs, d, before, -sign);
		managed_add(fs, d, after, sign);
	}
	if (first)
		managed_add(fs, created, (uint64_t)rec_int(r, "manager", 0), sign);
}

/* The district code of project r on day: that of its last stage entry on
 * or before it (the first one before any), else the district it is in. */
static void district_on(struct store_txn *t, const struct store_table *dtab, const struct rec *r,
			date_t day, char *out, size_t n)
{
	const struct rec_field *sf = rec_find(r, "stages");
	char buf[256], *parts[4];
	out[0] = '\0';
	for (size_t i = 0; sf && sf->v.type == REC_LIST && i < sf->v.n; i++) {
		date_t d;
		if (split(sf->v.items[i], buf, sizeof buf, parts, 4) < 4 || date_parse(parts[0], &d))
			continue;
		if (d <= day || !*out)
			snprintf(out, n, "%s", parts[2]);
	}
	if (!*out)
		district_code(t, dtab, (uint64_t)rec_int(r, "district", 0), out, n);
}

struct paid {
	date_t on, recorded;
	int64_t amount;
};

static int paid_cmp(const void *a, const void *b)
{
	const struct paid *x = a, *y = b;
	return (x->on > y->on) - (x->on < y->on);
}

/* The facts of the signed contract's promises (003 §十六): its investment
 * in place by a day, construction started by a day.  Each counts in the
 * month its promise falls due; what was kept is decided by what is dated
 * on or before that day, and a fact recorded later is a correction. */
static void contract_facts(struct zs *z, struct store_txn *t, const struct rec *r, int sign,
			   struct facts *fs)
{
	const struct profile *p = &z->prof;
	int64_t promised = rec_int(r, "contract_investment", 0);
	date_t fby = 0, sby = 0;
	bool hf = promised > 0 && date_parse(rec_text(r, "contract_funds_by", ""), &fby) == 0;
	bool hs = date_parse(rec_text(r, "contract_start", ""), &sby) == 0;
	if (!hf && !hs)
		return;
	char buf[256], *parts[6];
	/* Started: the first stage entry at 开工 or 投产, dated as tally
	 * counts it (never before the entry before it). */
	date_t started = 0, started_rec = 0, floor = 0;
	const struct rec_field *sf = rec_find(r, "stages");
	for (size_t i = 0; sf && sf->v.type == REC_LIST && i < sf->v.n && !started; i++) {
		date_t d, rec;
		if (split(sf->v.items[i], buf, sizeof buf, parts, 4) < 4 || date_parse(parts[0], &d) ||
		    date_parse(parts[3], &rec))
			continue;
		if (d < floor)
			d = floor;
		floor = d;
		if (profile_stage_is(p, parts[1], STAGE_STARTED) ||
		    profile_stage_is(p, parts[1], STAGE_PRODUCTION))
			started = d, started_rec = rec;
	}
	char dist[TALLY_CODE_MAX + 1];
	bool kept_f = false, kept_s = false;
	date_t rec_f = fby;
	if (hf) {
		if (!strcmp(rec_text(r, "currency", "CNY"), "USD"))
			promised = tally_usd_to_cny(p, promised, fby);
		district_on(t, &z->tables[KIND_DISTRICT], r, fby, dist, sizeof dist);
		fact_add(fs, fby, fby, dist, TM_FUNDS_PROMISED, sign * promised);
		/* Funds in place, in date order: what is in place, at most the
		 * promise, counted from the promised day on. */
		const struct rec_field *mf = rec_find(r, "money");
		struct paid *pd = xcalloc(mf && mf->v.type == REC_LIST ? mf->v.n + 1 : 1, sizeof *pd);
		size_t np = 0;
		for (size_t i = 0; mf && mf->v.type == REC_LIST && i < mf->v.n; i++) {
			date_t d, rec;
			if (split(mf->v.items[i], buf, sizeof buf, parts, 6) < 5 ||
			    strcmp(parts[1], "funds") || date_parse(parts[0], &d) ||
			    date_parse(parts[4], &rec))
				continue;
			pd[np].on = d;
			pd[np].recorded = rec;
			pd[np++].amount = strtoll(parts[2], NULL, 10);
		}
		qsort(pd, np, sizeof *pd, paid_cmp);
		int64_t sum = 0, was = 0, by_day = 0;
		for (size_t i = 0; i < np; i++) {
			sum += pd[i].amount;
			int64_t now = sum < 0 ? 0 : sum > promised ? promised : sum;
			date_t on = pd[i].on > fby ? pd[i].on : fby;
			fact_add(fs, on, pd[i].recorded, dist, TM_FUNDS_PROMISED_IN, sign * (now - was));
			was = now;
			if (pd[i].on <= fby) {
				by_day = sum;
				if (pd[i].recorded > rec_f)
					rec_f = pd[i].recorded;
			}
		}
		free(pd);
		kept_f = by_day >= promised;
	}
	if (hs) {
		kept_s = started && started <= sby;
		district_on(t, &z->tables[KIND_DISTRICT], r, sby, dist, sizeof dist);
		fact_add(fs, sby, sby, dist, TM_START_DUE, sign);
		if (kept_s)
			fact_add(fs, sby, started_rec, dist, TM_START_ON_TIME, sign);
	}
	/* The contract: counted when its first promise falls due; kept while
	 * every promise fallen due was. */
	date_t first = hf && (!hs || fby <= sby) ? fby : sby;
	bool kept_first = first == fby && hf ? kept_f : kept_s;
	date_t rec_first = first == fby && hf ? rec_f : started_rec;
	district_on(t, &z->tables[KIND_DISTRICT], r, first, dist, sizeof dist);
	fact_add(fs, first, first, dist, TM_CONTRACTS, sign);
	if (kept_first)
		fact_add(fs, first, rec_first, dist, TM_CONTRACTS_KEPT, sign);
	if (hf && hs) {
		date_t second = first == fby ? sby : fby;
		bool kept_all = kept_f && kept_s;
		date_t rec_all = rec_f > started_rec ? rec_f : started_rec;
		district_on(t, &z->tables[KIND_DISTRICT], r, second, dist, sizeof dist);
		if (kept_all != kept_first)
			fact_add(fs, second, kept_all ? rec_all : second, dist, TM_CONTRACTS_KEPT,
				 kept_all ? sign : -sign);
	}
}

/* The facts of a project record. */
static void facts_of(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *r, int sign,
		     struct facts *fs)
{
	const struct profile *p = &z->prof;
	const struct store_table *dtab = &z->tables[KIND_DISTRICT];
	const struct rec_field *sf = rec_find(r, "stages");
	char buf[256], *parts[6], first[TALLY_CODE_MAX + 1] = "", prev_d[TALLY_CODE_MAX + 1] = "";
	date_t created;
	if (sf && sf->v.type == REC_LIST && sf->v.n) {
		int prev = -1;
		date_t floor = 0, signed_on = 0, signed_rec = 0;
		char signed_d[TALLY_CODE_MAX + 1] = "";
		for (size_t i = 0; i < sf->v.n; i++) {
			date_t d, rec;
			if (split(sf->v.items[i], buf, sizeof buf, parts, 4) < 4 ||
			    date_parse(parts[0], &d) || date_parse(parts[3], &rec))
				continue;
			/* A stage dated before the one before it (a project
			 * entered after it was signed) counts from the day of
			 * that one: nothing is counted before it was known. */
			if (d < floor)
				d = floor;
			floor = d;
			int pos = tally_stage_pos(p, parts[1]);
			if (!*first)
				snprintf(first, sizeof first, "%s", parts[2]);
			if (prev >= 0)
				fact_add(fs, d, rec, prev_d, TM_STAGE + prev, -sign);
			if (pos >= 0)
				fact_add(fs, d, rec, parts[2], TM_STAGE + pos, sign);
			prev = pos;
			snprintf(prev_d, sizeof prev_d, "%s", parts[2]);
			/* The first time it is at or past the signing: a project
			 * of the classes the districts have targets of. */
			if (!signed_on && pos >= 0 && p->target_classes.n &&
			    rules_passes_signing(p, p->stages.v[0].code, parts[1])) {
				signed_on = d;
				signed_rec = rec;
				snprintf(signed_d, sizeof signed_d, "%s", parts[2]);
			}
		}
		if (signed_on) {
			struct rec e;
			rec_init(&e);
			store_get(t, &z->tables[KIND_ENTERPRISE], (uint64_t)rec_int(r, "enterprise", 0),
				  &e);
			struct rec then; /* the project as it was when it was signed */
			rec_init(&then);
			tally_attrs_on(r, signed_on, &then);
			for (int k = 0; k < p->target_classes.n && k < TM_CLASSES; k++)
				if (p->target_classes.v[k].klass &&
				    of_class(p->target_classes.v[k].klass, &then, &e))
					fact_add(fs, signed_on, signed_rec, signed_d, TM_CLASS + k, sign);
			rec_free(&then);
			rec_free(&e);
		}
	} else if (rec_find(r, "stage")) {
		/* A record saved before stage histories were kept: its stage as
		 * of its stage date. */
		date_t d;
		int pos = tally_stage_pos(p, rec_text(r, "stage", ""));
		district_code(t, dtab, (uint64_t)rec_int(r, "district", 0), first, sizeof first);
		if (pos >= 0 && date_parse(rec_text(r, "stage_date", ""), &d) == 0)
			fact_add(fs, d, d, first, TM_STAGE + pos, sign);
	}
	/* Jiaxing's quality indicators (004 三(一)) weigh a fact by the
	 * project's attributes as they were on its day. */
	struct rec then;
	rec_init(&then);
	if (date_parse(rec_text(r, "created_on", ""), &created) == 0) {
		fact_add(fs, created, created, first, TM_NEW, sign);
		tally_attrs_on(r, created, &then);
		if (rec_bool(&then, "outside_mfg", false))
			fact_add(fs, created, created, first, TM_NEW_OUTSIDE_MFG, sign);
	}
	const struct rec_field *mf = rec_find(r, "money");
	for (size_t i = 0; mf && mf->v.type == REC_LIST && i < mf->v.n; i++) {
		date_t d, rec;
		if (split(mf->v.items[i], buf, sizeof buf, parts, 6) < 5 || date_parse(parts[0], &d) ||
		    date_parse(parts[4], &rec))
			continue;
		int m = tally_money_measure(parts[1]);
		int64_t amount = strtoll(parts[2], NULL, 10);
		if (m < 0)
			continue;
		fact_add(fs, d, rec, parts[3], m, sign * amount);
		if (m == TM_FOREIGN)
			fact_add(fs, d, rec, parts[3], TM_FOREIGN_CNY,
				 sign * tally_usd_to_cny(p, amount, d));
		if (m != TM_FOREIGN)
			continue;
		rec_free(&then);
		rec_init(&then);
		tally_attrs_on(r, d, &then);
		if (rec_bool(&then, "advanced_mfg", false) || rec_bool(&then, "outside_mfg", false))
			fact_add(fs, d, rec, parts[3], TM_FOREIGN_MFG, sign * amount);
		if (rec_bool(&then, "hightech_foreign", false))
			fact_add(fs, d, rec, parts[3], TM_FOREIGN_HITECH, sign * amount);
	}
	rec_free(&then);
	contract_facts(z, t, r, sign, fs);
	if (id)
		managed_facts(r, sign, fs);
	/* Credit (赋分) of the first-talk register, in the month it arose. */
	const struct rec_field *cf = rec_find(r, "credit");
	if (rec_find(r, "ft_status") && cf && cf->v.type == REC_LIST) {
		for (size_t i = 0; i < cf->v.n; i++) {
			char *colon, code[TALLY_CODE_MAX + 1];
			uint64_t d = strtoull(cf->v.items[i], &colon, 10);
			int share = *colon == ':' ? atoi(colon + 1) : 100;
			date_t on = credited_on(r, d);
			if (!on || !*district_code(t, dtab, d, code, sizeof code))
				continue;
			/* The investment as it was on the day the credit arose. */
			rec_init(&then);
			tally_attrs_on(r, on, &then);
			int64_t amount = zs_amount_at(p->usd_rate ? p->usd_rate : PROFILE_USD_RATE, &then);
			rec_free(&then);
			fact_add(fs, on, on, code, TM_CREDIT_N, sign);
			fact_add(fs, on, on, code, TM_CREDIT_SHARE, sign * share);
			fact_add(fs, on, on, code, TM_CREDIT_AMOUNT,
				 sign * (amount / 100 * share + amount % 100 * share / 100));
		}
	}
	/* Today's state the home screen counts, by district: first talks
	 * due for transfer, major projects without an active manager. */
	char here[TALLY_CODE_MAX + 1];
	const char *stage = rec_text(r, "stage", "");
	district_code(t, dtab, (uint64_t)rec_int(r, "district", 0), here, sizeof here);
	if (!strcmp(rec_text(r, "ft_status", ""), "lapsed"))
		state_add(fs, TS_FT_LAPSED, here, sign);
	if (zs_major(z, r) && tables_live(p, r) && !tables_managed(z, t, r))
		state_add(fs, TS_UNMANAGED, here, sign);
	/* Not yet registered, with a planned registration (or else an
	 * expected signing): expected to land (有望落地) on that day. */
	date_t land;
	if (id && *here &&
	    (profile_stage_is(p, stage, STAGE_LEAD) || profile_stage_is(p, stage, STAGE_TALKS) ||
	     profile_stage_is(p, stage, STAGE_SIGNED)) &&
	    (date_parse(rec_text(r, "planned_registration", ""), &land) == 0 ||
	     date_parse(rec_text(r, "expected_sign", ""), &land) == 0)) {
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? fs->cap * 2 : 32;
			fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
		}
		struct fact *f = &fs->f[fs->n++];
		size_t dl = strlen(here);
		f->key[0] = 'X';
		put_u32(f->key + 1, day_code(land));
		memcpy(f->key + 5, here, dl);
		f->len = 5 + dl;
		f->v = sign;
	}
	/* On the key-project list (重点项目), under the day it was listed. */
	date_t listed;
	if (id && rec_bool(r, "key_project", false)) {
		if (date_parse(rec_text(r, "key_project_on", ""), &listed))
			listed = 0;
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? fs->cap * 2 : 32;
			fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
		}
		struct fact *f = &fs->f[fs->n++];
		f->key[0] = 'K';
		put_u32(f->key + 1, listed ? day_code(listed) : 1);
		zs_be64(f->key + 5, id);
		f->len = 13;
		f->v = sign;
	}
	/* Signed, not started, with a planned start: a candidate for the
	 * clearing list from the day it was signed (registered or funded)
	 * to the day it left those stages, kept under that day so the list
	 * of any day is read from the keys alone. */
	date_t ps;
	if (id && date_parse(rec_text(r, "planned_start", ""), &ps) == 0) {
		uint32_t from = 0, until = TALLY_OPEN;
		bool known = sf && sf->v.type == REC_LIST && sf->v.n;
		date_t floor = 0;
		for (size_t i = 0; known && i < sf->v.n && until == TALLY_OPEN; i++) {
			date_t d;
			if (split(sf->v.items[i], buf, sizeof buf, parts, 4) < 4 ||
			    date_parse(parts[0], &d))
				continue;
			if (d < floor)
				d = floor;
			floor = d;
			bool cand = profile_stage_is(p, parts[1], STAGE_SIGNED) ||
				    profile_stage_is(p, parts[1], STAGE_REGISTERED) ||
				    profile_stage_is(p, parts[1], STAGE_FUNDED);
			if (cand && !from)
				from = day_code(d);
			else if (!cand && from)
				until = day_code(d);
		}
		if (!known && (profile_stage_is(p, stage, STAGE_SIGNED) ||
			       profile_stage_is(p, stage, STAGE_REGISTERED) ||
			       profile_stage_is(p, stage, STAGE_FUNDED)))
			from = 1; /* kept before histories were: a candidate all along */
		if (from && *here) {
			if (fs->n == fs->cap) {
				fs->cap = fs->cap ? fs->cap * 2 : 32;
				fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
			}
			struct fact *f = &fs->f[fs->n++];
			size_t dl = strlen(here);
			f->key[0] = 'P';
			put_u32(f->key + 1, until);
			put_u32(f->key + 5, day_code(ps));
			put_u32(f->key + 9, from);
			zs_be64(f->key + 13, id);
			memcpy(f->key + 21, here, dl);
			f->len = 21 + dl;
			f->v = sign;
			if (until == TALLY_OPEN) {
				/* and counted by planned month, for the total */
				if (fs->n == fs->cap) {
					fs->cap *= 2;
					fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
				}
				f = &fs->f[fs->n++];
				f->key[0] = 'p';
				put_u32(f->key + 1, day_code(ps) / 100);
				memcpy(f->key + 5, here, dl);
				f->len = 5 + dl;
				f->v = sign;
			}
		}
	}
}

static int fact_cmp(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Adds the facts gathered to the counts, those of one key summed first. */
static int facts_apply(struct store_txn *t, struct facts *fs)
{
	if (fs->n)
		qsort(fs->f, fs->n, sizeof *fs->f, fact_cmp);
	int rc = STORE_OK;
	for (size_t i = 0; i < fs->n && rc == STORE_OK;) {
		size_t j = i;
		int64_t sum = 0;
		while (j < fs->n && fact_cmp(&fs->f[i], &fs->f[j]) == 0)
			sum += fs->f[j++].v;
		rc = store_counts_add(t, fs->f[i].key, fs->f[i].len, sum);
		i = j;
	}
	free(fs->f);
	fs->f = NULL;
	fs->n = fs->cap = 0;
	return rc;
}

int tally_manager(struct zs *z, struct store_txn *t, uint64_t officer, bool was, bool now)
{
	if (was == now)
		return STORE_OK;
	unsigned char key[8];
	zs_be64(key, officer);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT], IX_PROJECT_MANAGER,
						    key, 8);
	struct facts fs = {0};
	struct rec r;
	rec_init(&r);
	char here[TALLY_CODE_MAX + 1];
	uint64_t id;
	while (store_iter_next(it, &id))
		if (store_get(t, &z->tables[KIND_PROJECT], id, &r) == STORE_OK &&
		    zs_major(z, &r) && tables_live(&z->prof, &r) &&
		    *district_code(t, &z->tables[KIND_DISTRICT], (uint64_t)rec_int(&r, "district", 0),
				   here, sizeof here))
			state_add(&fs, TS_UNMANAGED, here, now ? -1 : 1);
	rec_free(&r);
	store_iter_free(it);
	return facts_apply(t, &fs);
}

int tally_project(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
		  const struct rec *new)
{
	struct facts fs = {0};
	if (old)
		facts_of(z, t, id, old, -1, &fs);
	if (new)
		facts_of(z, t, id, new, 1, &fs);
	return facts_apply(t, &fs);
}

void tally_note_stage(struct zs *z, struct store_txn *t, struct rec *r, const struct rec *old,
		      date_t today)
{
	const struct profile *p = &z->prof;
	const struct store_table *dtab = &z->tables[KIND_DISTRICT];
	char d[11], rd[11], line[128], dist[TALLY_CODE_MAX + 1], odist[TALLY_CODE_MAX + 1];
	tally_note_attrs(r, old, today);
	const char *stage = rec_text(r, "stage", profile_stage(p, STAGE_LEAD));
	district_code(t, dtab, (uint64_t)rec_int(r, "district", 0), dist, sizeof dist);
	date_t sd;
	if (date_parse(rec_text(r, "stage_date", ""), &sd))
		sd = today;
	const struct rec_field *sf = rec_find(r, "stages");
	if (!sf && old && rec_find(old, "stage")) {
		/* Kept before histories were: it begins with the stage as it was. */
		date_t od;
		if (date_parse(rec_text(old, "stage_date", ""), &od))
			od = today;
		district_code(t, dtab, (uint64_t)rec_int(old, "district", 0), odist, sizeof odist);
		snprintf(line, sizeof line, "%s|%s|%s|%s", date_format(od, d),
			 rec_text(old, "stage", ""), odist, date_format(od, rd));
		rec_list_append(r, "stages", line);
		sf = rec_find(r, "stages");
	}
	if (sf && sf->v.type == REC_LIST && sf->v.n) {
		char buf[256], *parts[4];
		if (split(sf->v.items[sf->v.n - 1], buf, sizeof buf, parts, 4) == 4) {
			bool moved = strcmp(parts[1], stage) != 0;
			bool away = strcmp(parts[2], dist) != 0;
			if (!moved && !away)
				return;
			if (!moved)
				sd = today; /* a transfer: from today */
		}
	}
	snprintf(line, sizeof line, "%s|%s|%s|%s", date_format(sd, d), stage, dist,
		 date_format(today, rd));
	rec_list_append(r, "stages", line);
}

/* ---- rebuilding ---- */

struct snapshot {
	struct fact *f;
	size_t n, cap;
};

static int snap_one(void *ctx, const void *key, size_t len, int64_t v)
{
	struct snapshot *s = ctx;
	if (len > TALLY_KEY_MAX)
		len = TALLY_KEY_MAX;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->f = xrealloc(s->f, s->cap * sizeof *s->f);
	}
	memcpy(s->f[s->n].key, key, len);
	s->f[s->n].len = len;
	s->f[s->n++].v = v;
	return 0;
}

int tally_rebuild(struct zs *z, struct store_txn *t, uint64_t *projects, bool *changed)
{
	const struct store_table *ptab = &z->tables[KIND_PROJECT];
	struct snapshot before = {0}, after = {0};
	*changed = false;
	*projects = 0;
	int rc = store_counts_scan(t, NULL, 0, NULL, 0, snap_one, &before);
	if (rc == STORE_OK)
		rc = store_counts_clear(t);
	struct store_iter *it = rc == STORE_OK ? store_iter_records(t, ptab) : NULL;
	uint64_t id;
	struct rec r;
	rec_init(&r);
	while (rc == STORE_OK && store_iter_next(it, &id)) {
		rc = store_get(t, ptab, id, &r);
		if (rc == STORE_OK)
			rc = tally_project(z, t, id, NULL, &r);
		if (rc == STORE_OK)
			rc = ft_tally(z, t, id, NULL, &r); /* ft-tally.c */
		if (rc == STORE_OK)
			rc = search_bits_tally(t, id, NULL, &r); /* search-bits.c */
		(*projects)++;
	}
	rec_free(&r);
	store_iter_free(it);
	if (rc == STORE_OK)
		rc = issue_tally_all(z, t); /* and the issues' (issue-tally.c) */
	if (rc == STORE_OK)
		rc = store_counts_scan(t, NULL, 0, NULL, 0, snap_one, &after);
	*changed = before.n != after.n;
	for (size_t i = 0; !*changed && i < before.n; i++)
		*changed = fact_cmp(&before.f[i], &after.f[i]) != 0 || before.f[i].v != after.f[i].v;
	free(before.f);
	free(after.f);
	if (rc == STORE_OK)
		rc = store_meta_put(t, "counts", TALLY_VERSION);
	return rc;
}

/*
 * report-sums.c - the periods and the sums every report of the city
 * office's numbers is made from, as of the end of any period.
 *
 * Every number comes from the per-month counts tally.c keeps in the
 * write transaction of each change: the state at the end of a period is a
 * running sum over the counts of the months up to it, the flows of a
 * period the sum of its months.  A correction recorded after the period
 * ended counts only when the report is asked for as of a later day, and is
 * then listed below the table.  Amounts are whole 元 and 美元, printed in
 * 万 without rounding; rates are integer divisions in hundredths of a
 * percent.
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

/* ---- periods ---- */

static date_t month_end(int y, int m)
{
	return date_add_months(date_from_ymd(y, m, 1), 1) - 1;
}

int zs_period_parse(enum zs_period_kind kind, const char *s, struct zs_period *p)
{
	int y, n = 0, d;
	char tail;
	memset(p, 0, sizeof *p);
	p->kind = kind;
	if (!s) {
		date_ymd(clock_today(), &y, &n, &d);
		n = kind == ZS_PERIOD_QUARTER ? (n + 2) / 3 : kind == ZS_PERIOD_HALF ? (n + 5) / 6 : n;
	} else if (kind == ZS_PERIOD_YEAR) {
		if (sscanf(s, "%4d%c", &y, &tail) != 1)
			return -1;
	} else if (kind == ZS_PERIOD_QUARTER && (sscanf(s, "%4d-Q%d%c", &y, &n, &tail) == 2 ||
						 sscanf(s, "%4d-q%d%c", &y, &n, &tail) == 2)) {
		/* 2026-Q3 */
	} else if (kind == ZS_PERIOD_HALF && (sscanf(s, "%4d-H%d%c", &y, &n, &tail) == 2 ||
					      sscanf(s, "%4d-h%d%c", &y, &n, &tail) == 2)) {
		/* 2026-H1 */
	} else if (sscanf(s, "%4d-%d%c", &y, &n, &tail) != 2) {
		return -1;
	}
	int max = kind == ZS_PERIOD_MONTH ? 12 : kind == ZS_PERIOD_QUARTER ? 4 : 2;
	if (y < 2000 || y > 2100 || (kind != ZS_PERIOD_YEAR && (n < 1 || n > max)))
		return -1;
	int first, last;
	switch (kind) {
	case ZS_PERIOD_MONTH:
		first = last = n;
		snprintf(p->name, sizeof p->name, "%04d-%02d", y, n);
		break;
	case ZS_PERIOD_QUARTER:
		first = 3 * n - 2, last = 3 * n;
		snprintf(p->name, sizeof p->name, "%04d-Q%d", y, n);
		break;
	case ZS_PERIOD_HALF:
		first = 6 * n - 5, last = 6 * n;
		snprintf(p->name, sizeof p->name, "%04d-H%d", y, n);
		break;
	default:
		first = 1, last = 12;
		snprintf(p->name, sizeof p->name, "%04d", y);
		break;
	}
	p->from = date_from_ymd(y, first, 1);
	p->to = month_end(y, last);
	return 0;
}

/* ---- the sums ---- */


static int month_index(uint32_t yyyymm)
{
	return (int)(yyyymm / 100) * 12 + (int)(yyyymm % 100) - 1;
}


static struct dist *find_dist(struct sums *s, const char *code)
{
	for (int i = 0; i < s->nd; i++)
		if (!strcmp(s->d[i].code, code))
			return &s->d[i];
	return NULL;
}

/* The name of a measure in the officer's language. */
static const char *measure_name(const struct profile *p, int m)
{
	if (m < TM_NEW)
		return m < p->stages.n ? i18n_pick(p->stages.v[m].zh, p->stages.v[m].en) : "?";
	switch (m) {
	case TM_NEW:
		return _("new projects");
	case TM_FUNDS:
		return _("funds in place");
	case TM_FOREIGN:
		return _("utilised foreign capital");
	case TM_FOREIGN_CNY:
		return _("utilised foreign capital (in 元)");
	case TM_DOMESTIC:
		return _("utilised domestic capital");
	}
	return "?";
}

static void add_entry(struct sums *s, const struct tally_entry *e, int64_t v)
{
	struct dist *d = find_dist(s, e->district);
	if (!d || e->measure >= TM_COUNT)
		return;
	if (e->recorded > s->end_day) {
		/* Corrected after the period ended: counted as of a later day,
		 * and listed. */
		char amount[64], line[512];
		if (e->measure == TM_FOREIGN_CNY)
			goto count;
		if (e->measure < TM_NEW || e->measure == TM_NEW)
			snprintf(amount, sizeof amount, "%+lld", (long long)v);
		else
			money_format(v < 0 ? -v : v,
				     e->measure == TM_FOREIGN ? CURRENCY_USD : CURRENCY_CNY, MONEY_WAN,
				     amount + 1, sizeof amount - 1),
				amount[0] = v < 0 ? '-' : '+';
		snprintf(line, sizeof line, _("Corrected on %04u-%02u-%02u: %s, %04u-%02u, %s %s"),
			 e->recorded / 10000, e->recorded / 100 % 100, e->recorded % 100, d->name,
			 e->month / 100, e->month % 100, measure_name(s->prof, e->measure), amount);
		s->corr = xrealloc(s->corr, (s->ncorr + 1) * sizeof *s->corr);
		s->corr[s->ncorr++] = xstrdup(line);
	}
count:
	if (e->measure < TM_NEW) {
		d->state[e->measure] += v;
		return;
	}
	d->total[e->measure] += v;
	if (e->month >= s->from_m)
		d->period[e->measure] += v;
	if (e->month >= s->year_m)
		d->ytd[e->measure] += v;
	int back = s->to_index - month_index(e->month);
	if (back >= 0 && back < 12 && (e->measure == TM_DOMESTIC || e->measure == TM_FOREIGN_CNY))
		d->trend[11 - back] += v;
}

static int scan_one(void *ctx, const void *key, size_t len, int64_t v)
{
	struct sums *s = ctx;
	struct tally_entry e;
	if (tally_key_read(key, len, &e) == 0 && e.month <= s->to_m)
		add_entry(s, &e, v);
	return 0;
}


/* Adds the projects expected to land on a day ('X' day district) to their
 * district. */
static int landing_one(void *ctx, const void *key, size_t len, int64_t v)
{
	struct sums *s = ctx;
	const unsigned char *k = key;
	if (len < 6 || k[0] != 'X' || v <= 0)
		return 0;
	char code[TALLY_CODE_MAX + 1];
	size_t dl = len - 5;
	if (dl > TALLY_CODE_MAX)
		return 0;
	memcpy(code, k + 5, dl);
	code[dl] = '\0';
	struct dist *d = find_dist(s, code);
	if (d)
		d->landing += v;
	return 0;
}

/* Reads the districts (all, or one) and sums the counts into them. */
int report_sums_read(struct zs *z, const struct zs_period *p, uint64_t only, date_t as_of,
		     struct sums *s)
{
	memset(s, 0, sizeof *s);
	s->prof = &z->prof;
	int y, m, dd;
	date_ymd(p->to, &y, &m, &dd);
	s->to_m = (uint32_t)(y * 100 + m);
	s->year_m = (uint32_t)(y * 100 + 1);
	s->to_index = y * 12 + m - 1;
	date_ymd(p->from, &y, &m, &dd);
	s->from_m = (uint32_t)(y * 100 + m);
	s->end_day = day_code(p->to);
	s->as_of_day = day_code(as_of);
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	struct store_iter *it = store_iter_records(t, &z->tables[KIND_DISTRICT]);
	uint64_t id;
	uint64_t *ids = NULL;
	size_t n = 0;
	while (store_iter_next(it, &id)) {
		ids = xrealloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = id;
	}
	store_iter_free(it);
	s->d = xcalloc(n ? n : 1, sizeof *s->d);
	/* Oldest first: the profile's order. */
	for (size_t i = n; i-- > 0;) {
		if (only && ids[i] != only)
			continue;
		struct dist *d = &s->d[s->nd];
		rec_init(&d->rec);
		if (store_get(t, &z->tables[KIND_DISTRICT], ids[i], &d->rec) != STORE_OK)
			continue;
		d->id = ids[i];
		snprintf(d->code, sizeof d->code, "%s", rec_text(&d->rec, "code", ""));
		snprintf(d->name, sizeof d->name, "%s",
			 i18n_pick(rec_text(&d->rec, "name", ""), rec_text(&d->rec, "name_en", "")));
		s->nd++;
	}
	free(ids);
	unsigned char to[5] = {'M'};
	put_u32(to + 1, s->to_m + 1);
	rc = store_counts_scan(t, "M", 1, to, 5, scan_one, s);
	if (rc == STORE_OK) {
		unsigned char lto[5] = {'L'};
		put_u32(lto + 1, s->as_of_day + 1);
		rc = store_counts_scan(t, "L", 1, lto, 5, scan_one, s);
	}
	if (rc == STORE_OK) {
		/* Expected to land in the six months after the period. */
		unsigned char xfrom[5] = {'X'}, xto[5] = {'X'};
		put_u32(xfrom + 1, day_code(p->to + 1));
		put_u32(xto + 1, day_code(date_add_months(p->to, 6)) + 1);
		rc = store_counts_scan(t, xfrom, 5, xto, 5, landing_one, s);
	}
	store_done(t);
	return zs_from_store(z, rc);
}

void report_sums_free(struct sums *s)
{
	for (int i = 0; i < s->nd; i++)
		rec_free(&s->d[i].rec);
	free(s->d);
	for (size_t i = 0; i < s->ncorr; i++)
		free(s->corr[i]);
	free(s->corr);
}


/* ---- counts of a database older than them ---- */

struct ready {
	struct zs *z;
	uint64_t n;
	bool changed;
};

static int ready_txn(struct store_txn *t, void *vctx)
{
	struct ready *c = vctx;
	char *v = NULL;
	bool ok = store_meta_get(t, "counts", &v) == STORE_OK && !strcmp(v, TALLY_VERSION);
	free(v);
	return ok ? STORE_OK : tally_rebuild(c->z, t, &c->n, &c->changed);
}

void zs_counts_ready(struct zs *z)
{
	struct store_txn *t;
	char *v = NULL;
	bool ok = true;
	if (store_read(z->st, &t) == STORE_OK) {
		ok = store_meta_get(t, "counts", &v) == STORE_OK && !strcmp(v, TALLY_VERSION);
		store_done(t);
	}
	free(v);
	if (ok)
		return;
	/* Made once, by the first session that may write (a read-only one
	 * reads what there is). */
	struct ready c = {z, 0, false};
	store_write(z->st, ready_txn, &c);
}


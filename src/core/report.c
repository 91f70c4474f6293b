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
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "money.h"
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

struct dist {
	uint64_t id;
	char code[TALLY_CODE_MAX + 1];
	char name[128];
	struct rec rec;
	int64_t state[TM_NEW];  /* projects at each stage at the end */
	int64_t period[TM_COUNT]; /* flows of the period */
	int64_t ytd[TM_COUNT];    /* flows from January to the end */
	int64_t total[TM_COUNT];  /* flows from the start to the end */
	int64_t trend[12];        /* utilised capital (元) of the last twelve months */
	int64_t landing;          /* projects expected to land within six months */
};

struct sums {
	const struct profile *prof;
	struct dist *d;
	int nd;
	uint32_t from_m, to_m, year_m; /* yyyymm */
	int to_index;                  /* y * 12 + m - 1 of the end */
	uint32_t end_day, as_of_day;   /* yyyymmdd */
	struct zs_report *out;
	char **corr;
	size_t ncorr;
};

static int month_index(uint32_t yyyymm)
{
	return (int)(yyyymm / 100) * 12 + (int)(yyyymm % 100) - 1;
}

static uint32_t day_code(date_t d)
{
	int y, m, dd;
	date_ymd(d, &y, &m, &dd);
	return (uint32_t)(y * 10000 + m * 100 + dd);
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

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
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
static int sums_read(struct zs *z, const struct zs_period *p, uint64_t only, date_t as_of,
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

static void sums_free(struct sums *s)
{
	for (int i = 0; i < s->nd; i++)
		rec_free(&s->d[i].rec);
	free(s->d);
	for (size_t i = 0; i < s->ncorr; i++)
		free(s->corr[i]);
	free(s->corr);
}

/* ---- building the table ---- */

static void cols(struct zs_report *r, const char *const *keys, const char *const *labels, int n)
{
	r->ncols = n;
	for (int i = 0; i < n; i++) {
		r->keys[i] = keys[i];
		r->labels[i] = labels[i];
	}
}

/* A new row; its cells are filled with cell(). */
static size_t row_add(struct zs_report *r)
{
	r->cells = xrealloc(r->cells, (r->nrows + 1) * (size_t)r->ncols * sizeof *r->cells);
	for (int c = 0; c < r->ncols; c++)
		r->cells[r->nrows * (size_t)r->ncols + (size_t)c] = NULL;
	r->bar = xrealloc(r->bar, (r->nrows + 1) * sizeof *r->bar);
	r->bar[r->nrows] = 0;
	return r->nrows++;
}

static void cell(struct zs_report *r, size_t row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cell(struct zs_report *r, size_t row, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	free(r->cells[row * (size_t)r->ncols + (size_t)col]);
	r->cells[row * (size_t)r->ncols + (size_t)col] = s;
}

static void note(struct zs_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct zs_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
	r->notes[r->nnotes++] = s;
}

/* An amount in 万 of its currency, exact ("12345.6789"; "" for none). */
static void money_cell(struct zs_report *r, size_t row, int col, int64_t v, enum currency cur)
{
	char buf[64];
	bool neg = v < 0;
	money_format(neg ? -v : v, cur, MONEY_PLAIN, buf, sizeof buf);
	cell(r, row, col, "%s%s", neg ? "-" : "", buf);
}

/* num / den in hundredths of a percent (floor); -1 when den is 0. */
static int64_t rate_bp(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	__int128 x = (__int128)num * 10000;
	__int128 q = x / den;
	if (x % den && (x < 0))
		q--;
	return (int64_t)q;
}

static void rate_cell(struct zs_report *r, size_t row, int col, int64_t bp)
{
	if (bp < 0)
		cell(r, row, col, "%s", "");
	else
		cell(r, row, col, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

/* Position of the stage playing role, or -1. */
static int role_pos(const struct profile *p, enum stage_role role)
{
	const char *code = profile_stage(p, role);
	return code ? tally_stage_pos(p, code) : -1;
}

static int64_t state_of(const struct dist *d, const struct profile *p, enum stage_role role)
{
	int pos = role_pos(p, role);
	return pos >= 0 ? d->state[pos] : 0;
}

/* Order of the ranking: districts with a target first, by completion,
 * then by utilised capital, then by code. */
struct rank {
	int d;
	bool has;
	int64_t score, amount;
};

static int rank_cmp(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;
	if (x->has != y->has)
		return x->has ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount > y->amount ? -1 : 1;
	return x->d - y->d;
}

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

static void bulletin(struct sums *s, const struct zs_period *p, struct zs_report *r)
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

static const char *const rates_keys[] = {"district",   "signed_plus",	 "registered_plus",
					 "registration_rate", "started_plus", "start_rate",
					 "production", "production_rate", "funds_total"};
static const char *const rates_labels[] = {
	N_("District"),	       N_("Signed or beyond"), N_("Registered or beyond"),
	N_("Registration rate"), N_("Started or beyond"), N_("Start rate"),
	N_("In production"),     N_("Production rate"),   N_("Funds in place, all (万元)"),
};

static void rates(struct sums *s, struct zs_report *r)
{
	const struct profile *prof = s->prof;
	cols(r, rates_keys, rates_labels, 9);
	int sp = role_pos(prof, STAGE_SIGNED), rp = role_pos(prof, STAGE_REGISTERED),
	    fp = role_pos(prof, STAGE_FUNDED), stp = role_pos(prof, STAGE_STARTED),
	    pp = role_pos(prof, STAGE_PRODUCTION);
	int64_t t[5] = {0};
	for (int i = 0; i <= s->nd; i++) {
		int64_t v[5]; /* signed+, registered+, started+, production, funds */
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
			for (int k = 0; k < 5; k++)
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
}

static const char *const credit_keys[] = {"district", "projects", "shares", "amount"};
static const char *const credit_labels[] = {N_("District"), N_("Projects"), N_("Shares (%)"),
					    N_("Credited investment (万元)")};

static void credit(struct sums *s, struct zs_report *r)
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

static void evaluation(struct zs *z, struct sums *s, const struct zs_period *p, date_t as_of,
		       struct zs_report *r)
{
	cols(r, eval_keys, eval_labels, 15);
	/* Then a column per class of project the profile sets targets of:
	 * signed from January, over the year's target where one is set. */
	const struct profile_list *cl = &z->prof.target_classes;
	int ncl = 0;
	for (int k = 0; k < cl->n && k < TM_COUNT - TM_CLASS && r->ncols < ZS_REPORT_COLS; k++) {
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
	bool have_b = sums_read(z, &before, 0, before.to, &b) == ZS_OK && b.nd == nd;
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
		sums_free(&b);
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
			"of high-tech foreign projects - by the projects' attributes as they are "
			"now."));
	if (ncl)
		note(r, "%s", _("Classes of projects (004 一(二)): the projects signed from January "
				"that are of the class as the profile's [target_classes] says, over "
				"the year's target where the city set one."));
	note(r, "%s", _("Year (Jiaxing, 004 三(一)): a district that missed a target is not "
			"awarded; last place two years running, or the foreign target missed two "
			"years running, brings a talk (约谈).  Half year (001 §四): a target is "
			"missed below half of it; the bottom three are talked to."));
}

/* ---- the clearing list (以清促用, 003 §八) ---- */

static const char *const clearing_keys[] = {"id",	     "project", "district", "stage",
					    "planned_start", "months"};
static const char *const clearing_labels[] = {N_("No."),	   N_("Project"), N_("District"),
					      N_("Stage"),	   N_("Planned start"),
					      N_("Months late")};

struct candidates {
	uint64_t *ids;
	size_t n, cap;
};

static int candidate(void *ctx, const void *key, size_t len, int64_t v)
{
	struct candidates *c = ctx;
	const unsigned char *k = key;
	if (len != 13 || v <= 0)
		return 0;
	uint64_t id = 0;
	for (int i = 0; i < 8; i++)
		id = id << 8 | k[5 + i];
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->ids = xrealloc(c->ids, c->cap * sizeof *c->ids);
	}
	c->ids[c->n++] = id;
	return 0;
}

static void clearing(struct zs *z, uint64_t only, date_t as_of, struct zs_report *r)
{
	cols(r, clearing_keys, clearing_labels, 6);
	const struct profile *prof = &z->prof;
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	/* The candidates kept by tally.c under their planned start: only
	 * those planned to start the profile's months before today or
	 * earlier are read. */
	date_t line = date_add_months(as_of, -prof->clearing_months);
	unsigned char to[5] = {'P'};
	put_u32(to + 1, day_code(line) + 1);
	struct candidates c = {0};
	store_counts_scan(t, "P", 1, to, 5, candidate, &c);
	struct rec p;
	rec_init(&p);
	for (size_t k = 0; k < c.n; k++) {
		uint64_t id = c.ids[k];
		date_t ps;
		if (store_get(t, &z->tables[KIND_PROJECT], id, &p) != STORE_OK ||
		    date_parse(rec_text(&p, "planned_start", ""), &ps) || ps > line ||
		    (only && (uint64_t)rec_int(&p, "district", 0) != only) ||
		    !access_project_mine(z, &p))
			continue;
		size_t row = row_add(r);
		char num[32], text[128];
		zs_id_text(id, num, sizeof num);
		cell(r, row, 0, "%s", num);
		cell(r, row, 1, "%s", rec_text(&p, "name", ""));
		zs_field_text(z, KIND_PROJECT, &p, "district", text, sizeof text);
		cell(r, row, 2, "%s", text);
		zs_field_text(z, KIND_PROJECT, &p, "stage", text, sizeof text);
		cell(r, row, 3, "%s", text);
		cell(r, row, 4, "%s", date_format(ps, text));
		int y1, m1, d1, y2, m2, d2;
		date_ymd(ps, &y1, &m1, &d1);
		date_ymd(as_of, &y2, &m2, &d2);
		int months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1);
		cell(r, row, 5, "%d", months);
		r->bar[row] = months;
	}
	free(c.ids);
	rec_free(&p);
	store_done(t);
	note(r, _("Signed, registered or funded projects not started %d months or more after "
		  "their planned start, on the day of the report: for follow-up or exit (an exit is "
		  "a stage move with its reason, filed with the city office)."),
	     prof->clearing_months);
}

/* ---- service managers' workload ---- */

static void workload(struct zs *z, uint64_t only, struct zs_report *r)
{
	static const char *const keys[] = {"officer", "district", "active", "projects",
					   "open_issues"};
	static const char *const labels[] = {N_("Officer"), N_("District"), N_("Active"),
					     N_("Projects managed"), N_("Issues taken, open")};
	cols(r, keys, labels, 5);
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	struct store_iter *it = store_iter_records(t, &z->tables[KIND_OFFICER]);
	uint64_t id;
	struct rec o, is;
	rec_init(&o);
	rec_init(&is);
	uint64_t *ids = NULL;
	size_t n = 0;
	while (store_iter_next(it, &id)) {
		ids = xrealloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = id;
	}
	store_iter_free(it);
	for (size_t i = n; i-- > 0;) {
		if (store_get(t, &z->tables[KIND_OFFICER], ids[i], &o) != STORE_OK ||
		    (only && (uint64_t)rec_int(&o, "district", 0) != only))
			continue;
		unsigned char key[8];
		zs_be64(key, ids[i]);
		struct store_iter *pi = store_iter_postings(t, &z->tables[KIND_PROJECT],
							    IX_PROJECT_MANAGER, key, 8);
		uint64_t projects = pi ? store_iter_count(pi) : 0;
		store_iter_free(pi);
		if (!projects && strcmp(rec_text(&o, "role", ""), "manager"))
			continue;
		struct store_iter *ii = store_iter_postings(t, &z->tables[KIND_ISSUE], IX_ISSUE_OWNER,
							    key, 8);
		uint64_t iid, open = 0;
		while (store_iter_next(ii, &iid))
			if (store_get(t, &z->tables[KIND_ISSUE], iid, &is) == STORE_OK &&
			    strcmp(rec_text(&is, "status", "open"), "resolved"))
				open++;
		store_iter_free(ii);
		size_t row = row_add(r);
		char text[128];
		cell(r, row, 0, "%s", rec_text(&o, "name", ""));
		zs_field_text(z, KIND_OFFICER, &o, "district", text, sizeof text);
		cell(r, row, 1, "%s", text);
		zs_field_text(z, KIND_OFFICER, &o, "active", text, sizeof text);
		cell(r, row, 2, "%s", text);
		cell(r, row, 3, "%llu", (unsigned long long)projects);
		cell(r, row, 4, "%llu", (unsigned long long)open);
		r->bar[row] = (int64_t)projects;
	}
	free(ids);
	rec_free(&o);
	rec_free(&is);
	store_done(t);
	note(r, "%s", _("As they stand today: the projects each officer is service manager of, "
			"in every stage, and the enterprise issues they took that are not resolved."));
}

/* ---- what changed: new projects, stage moves and big edits ---- */

struct first_seq {
	int64_t at;
};

static int first_at(void *ctx, const struct store_log *e)
{
	struct first_seq *f = ctx;
	f->at = e->at;
	return 1;
}

/* The first log seq written at from_at (seconds, as the log keeps them)
 * or later (count + 1 when none). */
static uint64_t seq_from(struct store_txn *t, int64_t from_at)
{
	uint64_t lo = 1, hi = store_log_count(t) + 1;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		struct first_seq f = {INT64_MAX};
		store_log_scan(t, 0, false, mid, first_at, &f);
		if (f.at < from_at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct changed {
	int64_t to_at;
	uint64_t *ids;
	char (*what)[64]; /* the big fields an entry changed, "|"-joined */
	size_t n, cap;
};

static int changed_one(void *ctx, const struct store_log *e)
{
	struct changed *c = ctx;
	if (e->at > c->to_at)
		return 1;
	if (strcmp(e->table, "project"))
		return 0;
	static const char *const big[] = {"investment", "foreign_capital", "district", "name",
					  "enterprise"};
	char what[64] = "";
	for (size_t i = 0; i < e->n; i++)
		for (size_t k = 0; k < sizeof big / sizeof *big; k++)
			if (!e->created && !strcmp(e->c[i].field, big[k]) &&
			    strlen(what) + strlen(big[k]) + 2 < sizeof what) {
				strcat(what, "|");
				strcat(what, big[k]);
			}
	size_t j;
	for (j = 0; j < c->n && c->ids[j] != e->id; j++)
		;
	if (j == c->n) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->ids = xrealloc(c->ids, c->cap * sizeof *c->ids);
			c->what = xrealloc(c->what, c->cap * sizeof *c->what);
		}
		c->ids[c->n] = e->id;
		c->what[c->n++][0] = '\0';
	}
	if (*what && strlen(c->what[j]) + strlen(what) < sizeof c->what[j] &&
	    !strstr(c->what[j], what))
		strcat(c->what[j], what);
	return 0;
}

static void changes(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
		    struct zs_report *r)
{
	static const char *const keys[] = {"date", "district", "id", "project", "change"};
	static const char *const labels[] = {N_("Date"), N_("District"), N_("No."), N_("Project"),
					     N_("Change")};
	cols(r, keys, labels, 5);
	date_t to = p->to < as_of ? p->to : as_of;
	/* The log says when in seconds since the epoch; days begin at local
	 * midnight. */
	int64_t day_s = 86400, off = (int64_t)clock_offset() * 60;
	int64_t from_at = (int64_t)p->from * day_s - off, to_at = (int64_t)(to + 1) * day_s - off - 1;
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	struct changed c = {to_at, NULL, NULL, 0, 0};
	store_log_scan(t, 0, false, seq_from(t, from_at), changed_one, &c);
	struct rec pr;
	rec_init(&pr);
	char from_s[11], to_s[11];
	date_format(p->from, from_s);
	date_format(to, to_s);
	for (size_t i = 0; i < c.n; i++) {
		if (store_get(t, &z->tables[KIND_PROJECT], c.ids[i], &pr) != STORE_OK ||
		    !access_project_mine(z, &pr) ||
		    (only && (uint64_t)rec_int(&pr, "district", 0) != only))
			continue;
		char num[32], dist[128];
		zs_id_text(c.ids[i], num, sizeof num);
		zs_field_text(z, KIND_PROJECT, &pr, "district", dist, sizeof dist);
		const char *created = rec_text(&pr, "created_on", "");
		if (strcmp(created, from_s) >= 0 && strcmp(created, to_s) <= 0) {
			size_t row = row_add(r);
			cell(r, row, 0, "%s", created);
			cell(r, row, 1, "%s", dist);
			cell(r, row, 2, "%s", num);
			cell(r, row, 3, "%s", rec_text(&pr, "name", ""));
			cell(r, row, 4, "%s", _("new project"));
		}
		/* Stage moves recorded in the period, from the stage history. */
		const struct rec_field *sf = rec_find(&pr, "stages");
		for (size_t k = 1; sf && sf->v.type == REC_LIST && k < sf->v.n; k++) {
			char a[256], b[256];
			snprintf(a, sizeof a, "%s", sf->v.items[k - 1]);
			snprintf(b, sizeof b, "%s", sf->v.items[k]);
			char *pa[4] = {a}, *pb[4] = {b};
			for (int x = 1; x < 4; x++) {
				pa[x] = pa[x - 1] ? strchr(pa[x - 1], '|') : NULL;
				pb[x] = pb[x - 1] ? strchr(pb[x - 1], '|') : NULL;
				if (pa[x])
					*pa[x]++ = '\0';
				if (pb[x])
					*pb[x]++ = '\0';
			}
			if (!pb[3] || !pa[3] || strcmp(pb[3], from_s) < 0 || strcmp(pb[3], to_s) > 0)
				continue;
			const struct profile_item *sa = profile_find(&z->prof.stages, pa[1]),
						  *sb = profile_find(&z->prof.stages, pb[1]);
			size_t row = row_add(r);
			cell(r, row, 0, "%s", pb[3]);
			cell(r, row, 1, "%s", dist);
			cell(r, row, 2, "%s", num);
			cell(r, row, 3, "%s", rec_text(&pr, "name", ""));
			if (strcmp(pa[2], pb[2]))
				cell(r, row, 4, _("transferred: %s to %s"), pa[2], pb[2]);
			else
				cell(r, row, 4, _("stage: %s to %s, dated %s"),
				     sa ? i18n_pick(sa->zh, sa->en) : pa[1],
				     sb ? i18n_pick(sb->zh, sb->en) : pb[1], pb[0]);
		}
		if (*c.what[i]) {
			size_t row = row_add(r);
			char fields[256] = "";
			char tmp[64];
			snprintf(tmp, sizeof tmp, "%s", c.what[i] + 1);
			for (char *f = strtok(tmp, "|"); f; f = strtok(NULL, "|")) {
				size_t n = strlen(fields);
				snprintf(fields + n, sizeof fields - n, "%s%s", n ? ", " : "",
					 zs_field_label(KIND_PROJECT, f));
			}
			cell(r, row, 0, "%s", to_s);
			cell(r, row, 1, "%s", dist);
			cell(r, row, 2, "%s", num);
			cell(r, row, 3, "%s", rec_text(&pr, "name", ""));
			cell(r, row, 4, _("changed: %s"), fields);
		}
	}
	rec_free(&pr);
	free(c.ids);
	free(c.what);
	store_done(t);
	note(r, _("Changes recorded from %s to %s: projects entered, stage moves (with the date "
		  "they were dated), transfers, and changes of name, enterprise, investment, foreign "
		  "capital or district (the project's history says from what)."),
	     from_s, to_s);
}

/* ---- the quarterly check of key projects (001 §三) ---- */

static void keyprojects(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
			struct zs_report *r)
{
	static const char *const keys[] = {"id", "project", "district", "from", "to", "moved"};
	static const char *const labels[] = {N_("No."),	 N_("Project"), N_("District"),
					     N_("At the start"), N_("At the end"), N_("Moved")};
	cols(r, keys, labels, 6);
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	struct store_iter *it = store_iter_records(t, &z->tables[KIND_PROJECT]);
	uint64_t id;
	struct rec pr;
	rec_init(&pr);
	date_t end = p->to < as_of ? p->to : as_of;
	size_t moved = 0, total = 0;
	while (store_iter_next(it, &id)) {
		if (store_get(t, &z->tables[KIND_PROJECT], id, &pr) != STORE_OK ||
		    !rec_bool(&pr, "key_project", false) || !access_project_mine(z, &pr) ||
		    (only && (uint64_t)rec_int(&pr, "district", 0) != only))
			continue;
		/* The stage before the quarter and at its end, from the history. */
		const struct rec_field *sf = rec_find(&pr, "stages");
		char before[32] = "", after[32] = "";
		date_t floor = 0;
		for (size_t k = 0; sf && sf->v.type == REC_LIST && k < sf->v.n; k++) {
			char e[256];
			snprintf(e, sizeof e, "%s", sf->v.items[k]);
			char *st = strchr(e, '|');
			if (!st)
				continue;
			*st++ = '\0';
			char *bar = strchr(st, '|');
			if (bar)
				*bar = '\0';
			date_t d;
			if (date_parse(e, &d))
				continue;
			if (d < floor) /* counted from the stage before it, as tally.c does */
				d = floor;
			floor = d;
			if (d < p->from)
				snprintf(before, sizeof before, "%s", st);
			if (d <= end)
				snprintf(after, sizeof after, "%s", st);
		}
		const struct profile_item *a = profile_find(&z->prof.stages, before),
					  *b = profile_find(&z->prof.stages, after);
		size_t row = row_add(r);
		char num[32], dist[128];
		zs_id_text(id, num, sizeof num);
		zs_field_text(z, KIND_PROJECT, &pr, "district", dist, sizeof dist);
		cell(r, row, 0, "%s", num);
		cell(r, row, 1, "%s", rec_text(&pr, "name", ""));
		cell(r, row, 2, "%s", dist);
		cell(r, row, 3, "%s", a ? i18n_pick(a->zh, a->en) : _("(not yet entered)"));
		cell(r, row, 4, "%s", b ? i18n_pick(b->zh, b->en) : "");
		bool m = strcmp(before, after) != 0;
		cell(r, row, 5, "%s", m ? _("yes") : _("no"));
		r->bar[row] = m;
		moved += m;
		total++;
	}
	rec_free(&pr);
	store_iter_free(it);
	store_done(t);
	note(r, _("Key projects (重点项目) through 前期在谈, 签约注册, 资金到位, 开建开业: the stage "
		  "before the period and at its end, from each project's stage history; %zu of %zu "
		  "moved."),
	     moved, total);
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

int zs_report_run(struct zs *z, const char *name, const struct zs_period *p, uint64_t district,
		  date_t as_of, struct zs_report *out)
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
	int rc = sums_read(z, p, 0, as_of, &s);
	if (rc) {
		sums_free(&s);
		return rc;
	}
	const char *only = NULL;
	for (int i = 0; district && i < s.nd; i++)
		if (s.d[i].id == district)
			only = s.d[i].name;
	if (district && !only) {
		sums_free(&s);
		return zs_fail(z, ZS_NOTFOUND, "%s", _("no such district"));
	}
	char a[11], b[11], c[11];
	snprintf(out->title, sizeof out->title, "%s %s (%s - %s, %s %s)", _(zs_report_title(name)),
		 p->name, date_format(p->from, a), date_format(p->to, b), _("as of"),
		 date_format(as_of, c));
	bool counted = true; /* from the counts, as of any day */
	if (!strcmp(name, "bulletin"))
		bulletin(&s, p, out);
	else if (!strcmp(name, "rates"))
		rates(&s, out);
	else if (!strcmp(name, "evaluation"))
		evaluation(z, &s, p, as_of, out);
	else if (!strcmp(name, "clearing"))
		clearing(z, district, as_of, out), counted = false;
	else if (!strcmp(name, "workload"))
		workload(z, district, out), counted = false;
	else if (!strcmp(name, "changes"))
		changes(z, district, p, as_of, out), counted = false;
	else if (!strcmp(name, "keyprojects"))
		keyprojects(z, district, p, as_of, out), counted = false;
	else
		credit(&s, out);
	if (only && counted_rows(name))
		keep_rows(out, only);
	out->first_correction = out->nnotes;
	if (as_of > p->to && counted) {
		if (s.ncorr == 0)
			note(out, "%s", _("No corrections were recorded after the period ended."));
		for (size_t i = 0; i < s.ncorr; i++)
			note(out, "%s", s.corr[i]);
	}
	sums_free(&s);
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

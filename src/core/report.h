/*
 * report.h - what the files of the reports share inside core: the sums
 * of the counts over a period (report-sums.c), the helpers that build a
 * report's table, and each report's function (report-*.c), run by
 * zs_report_run (report.c).
 */
#ifndef ZS_CORE_REPORT_H
#define ZS_CORE_REPORT_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "money.h"
#include "xalloc.h"

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

/* Reads the districts (all, or one) and sums the counts of period p as
 * they stood on as_of into s (report-sums.c). */
int report_sums_read(struct zs *z, const struct zs_period *p, uint64_t only, date_t as_of,
		     struct sums *s);

/* Frees what report_sums_read filled in. */
void report_sums_free(struct sums *s);

/* ---- building the table ---- */

static inline void cols(struct zs_report *r, const char *const *keys, const char *const *labels, int n)
{
	r->ncols = n;
	for (int i = 0; i < n; i++) {
		r->keys[i] = keys[i];
		r->labels[i] = labels[i];
	}
}

/* A new row; its cells are filled with cell(). */
static inline size_t row_add(struct zs_report *r)
{
	r->cells = xrealloc(r->cells, (r->nrows + 1) * (size_t)r->ncols * sizeof *r->cells);
	for (int c = 0; c < r->ncols; c++)
		r->cells[r->nrows * (size_t)r->ncols + (size_t)c] = NULL;
	r->bar = xrealloc(r->bar, (r->nrows + 1) * sizeof *r->bar);
	r->bar[r->nrows] = 0;
	return r->nrows++;
}

static inline void cell(struct zs_report *r, size_t row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static inline void cell(struct zs_report *r, size_t row, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	free(r->cells[row * (size_t)r->ncols + (size_t)col]);
	r->cells[row * (size_t)r->ncols + (size_t)col] = s;
}

static inline void note(struct zs_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void note(struct zs_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
	r->notes[r->nnotes++] = s;
}

/* An amount in 万 of its currency, exact ("12345.6789"; "" for none). */
static inline void money_cell(struct zs_report *r, size_t row, int col, int64_t v, enum currency cur)
{
	char buf[64];
	bool neg = v < 0;
	money_format(neg ? -v : v, cur, MONEY_PLAIN, buf, sizeof buf);
	cell(r, row, col, "%s%s", neg ? "-" : "", buf);
}

/* num / den in hundredths of a percent (floor); -1 when den is 0. */
static inline int64_t rate_bp(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	__int128 x = (__int128)num * 10000;
	__int128 q = x / den;
	if (x % den && (x < 0))
		q--;
	return (int64_t)q;
}

static inline void rate_cell(struct zs_report *r, size_t row, int col, int64_t bp)
{
	if (bp < 0)
		cell(r, row, col, "%s", "");
	else
		cell(r, row, col, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

/* Position of the stage playing role, or -1. */
static inline int role_pos(const struct profile *p, enum stage_role role)
{
	const char *code = profile_stage(p, role);
	return code ? tally_stage_pos(p, code) : -1;
}

static inline int64_t state_of(const struct dist *d, const struct profile *p, enum stage_role role)
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

static inline int rank_cmp(const void *a, const void *b)
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

/* The reports, each filling r (report-bulletin.c, report-rates.c,
 * report-evaluation.c, report-lists.c). */
void report_bulletin(struct sums *s, const struct zs_period *p, struct zs_report *r);
void report_credit(struct sums *s, struct zs_report *r);
void report_rates(struct sums *s, struct zs_report *r);
void report_evaluation(struct zs *z, struct sums *s, const struct zs_period *p, date_t as_of,
		       struct zs_report *r);
void report_clearing(struct zs *z, uint64_t only, date_t as_of, size_t limit, struct zs_report *r);
void report_workload(struct zs *z, uint64_t only, date_t as_of, struct zs_report *r);
void report_changes(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
		    struct zs_report *r);
void report_keyprojects(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
			struct zs_report *r);

#endif

/*
 * credit.c - credit (赋分) summed per district and period.
 *
 * Credit arises only through the first-talk register and transfers, so
 * the register's index is the whole set to read: every project with a
 * first-talk status, not every project of the city.  A district's credit
 * counts in the period of the day it arose (its ledger entry).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

struct credit_scan {
	struct zs *z;
	struct store_txn *t;
	date_t from, to;
	uint64_t district;
	struct zs_credit *rows;
	size_t n, max;
	struct rec r;
};

/* The row of district d, added when new (NULL when rows are full). */
static struct zs_credit *row_of(struct credit_scan *s, uint64_t d)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].district == d)
			return &s->rows[i];
	if (s->n == s->max)
		return NULL;
	struct zs_credit *c = &s->rows[s->n++];
	memset(c, 0, sizeof *c);
	c->district = d;
	return c;
}

/* The day district d's credit on r arose: its last ledger entry. */
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

/* Adds one project of the register to the sums. */
static int credit_hit(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct credit_scan *s = vctx;
	(void)key;
	(void)klen;
	if (store_get(s->t, &s->z->tables[KIND_PROJECT], id, &s->r) != STORE_OK)
		return 0;
	const struct rec_field *f = rec_find(&s->r, "credit");
	for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++) {
		char *colon;
		uint64_t d = strtoull(f->v.items[i], &colon, 10);
		int share = *colon == ':' ? atoi(colon + 1) : 100;
		date_t on = credited_on(&s->r, d);
		if ((s->district && d != s->district) || (s->from && on < s->from) ||
		    (s->to && on > s->to))
			continue;
		/* The investment as it was on the day the credit arose. */
		struct rec then;
		rec_init(&then);
		tally_attrs_on(&s->r, on, &then);
		int64_t amount = zs_amount_cny(s->z, &then);
		rec_free(&then);
		struct zs_credit *c = row_of(s, d);
		if (!c)
			return 1;
		c->projects++;
		c->share_sum += share;
		c->amount += amount / 100 * share + amount % 100 * share / 100;
	}
	return 0;
}

/* Orders rows by credited amount, largest first. */
static int by_amount(const void *a, const void *b)
{
	const struct zs_credit *x = a, *y = b;
	return x->amount < y->amount ? 1 : x->amount > y->amount ? -1 : 0;
}

size_t zs_credit_sum(struct zs *z, date_t from, date_t to, uint64_t district, struct zs_credit *rows,
		     size_t max)
{
	struct credit_scan s = {z, NULL, from, to, district, rows, 0, max, {0}};
	if (store_read(z->st, &s.t))
		return 0;
	rec_init(&s.r);
	store_index_scan(s.t, &z->tables[KIND_PROJECT], IX_PROJECT_FIRSTTALK, NULL, 0, false,
			 credit_hit, &s);
	rec_free(&s.r);
	store_done(s.t);
	qsort(rows, s.n, sizeof *rows, by_amount);
	return s.n;
}

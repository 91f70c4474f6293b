/*
 * ft-tally.c - the first-talk register by officer, kept by the write path.
 *
 * The inbox reminds an officer of the first talks ending soon of the
 * projects they manage or entered.  Reading the whole register up to a
 * day to find the few that are theirs cost a record read per project
 * (thousands at a million projects, on every start of the desk); instead
 * each save of a project keeps, in the counts table and in the same
 * transaction, one key per such officer of each active first talk:
 *
 *   'F' officer id (u64) end of exclusivity (u32 yyyymmdd) project id (u64)
 *
 * so an officer's reminders are one range read.  `zsdesk check` makes
 * them again with the other counts (tally.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xalloc.h"

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The officers of project r's reminder and its end day; how many (0-2). */
static int officers_of(const struct rec *r, uint64_t who[2], uint32_t *until)
{
	date_t d;
	if (strcmp(rec_text(r, "ft_status", ""), "active") ||
	    date_parse(rec_text(r, "ft_until", ""), &d) < 0)
		return 0;
	*until = issue_tally_day(d);
	int n = 0;
	uint64_t m = (uint64_t)rec_int(r, "manager", 0), c = (uint64_t)rec_int(r, "created_by", 0);
	if (m)
		who[n++] = m;
	if (c && c != m)
		who[n++] = c;
	return n;
}

static int add(struct store_txn *t, uint64_t officer, uint32_t until, uint64_t id, int sign)
{
	unsigned char k[21];
	k[0] = 'F';
	zs_be64(k + 1, officer);
	put_u32(k + 9, until);
	zs_be64(k + 13, id);
	return store_counts_add(t, k, sizeof k, sign);
}

int ft_tally(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
	     const struct rec *new)
{
	(void)z;
	uint64_t a[2], b[2];
	uint32_t ua = 0, ub = 0;
	int na = old ? officers_of(old, a, &ua) : 0, nb = new ? officers_of(new, b, &ub) : 0;
	if (na == nb && ua == ub && (na == 0 || (a[0] == b[0] && (na == 1 || a[1] == b[1]))))
		return STORE_OK; /* unchanged: nothing to write */
	int rc = STORE_OK;
	for (int i = 0; i < na && rc == STORE_OK; i++)
		rc = add(t, a[i], ua, id, -1);
	for (int i = 0; i < nb && rc == STORE_OK; i++)
		rc = add(t, b[i], ub, id, 1);
	return rc;
}

struct ft_scan {
	uint32_t to;
	struct ft_mine *v;
	size_t n, cap;
};

static int one(void *vctx, const void *key, size_t len, int64_t v)
{
	struct ft_scan *s = vctx;
	const unsigned char *k = key;
	if (len != 21 || k[0] != 'F' || get_u32(k + 9) > s->to)
		return 1;
	if (v <= 0)
		return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n].until = get_u32(k + 9);
	s->v[s->n++].id = (uint64_t)get_u32(k + 13) << 32 | get_u32(k + 17);
	return 0;
}

size_t ft_tally_mine(struct store_txn *t, uint64_t officer, date_t from, date_t to,
		     struct ft_mine **out)
{
	unsigned char f[13], e[9];
	f[0] = e[0] = 'F';
	zs_be64(f + 1, officer);
	zs_be64(e + 1, officer + 1);
	put_u32(f + 9, issue_tally_day(from));
	struct ft_scan s = {issue_tally_day(to), NULL, 0, 0};
	store_counts_scan(t, f, sizeof f, officer == UINT64_MAX ? "G" : (const char *)e,
			  officer == UINT64_MAX ? 1 : sizeof e, one, &s);
	*out = s.v;
	return s.n;
}

/*
 * issue-tally.c - counts of enterprise issues, kept by the write path.
 *
 * The home screen's "waiting on me" and "overdue", the inbox's unread
 * count, `zsdesk tick` and the escalation report used to read every open
 * issue.  Instead each save of an issue (and each transfer of its project
 * to another district) adds to counts in the same transaction what the
 * issue is as saved and takes away what it was, beside the project counts
 * (tally.c), so the numbers are range reads over a few keys:
 *
 *   'J' level NUL owner (u64) district code NUL dispute (u8) late (u32)
 *       open issues, by the day they are late from: the earlier of the
 *       level's due day and the day the enterprise needs it (0: never)
 *   'W' issue id (u64)
 *       issues waiting on the enterprise: their clock stands, so whether
 *       they are late depends on today; they are few and read one by one
 *   'D' due day (u32) issue id (u64)
 *       open issues by their level's due day: what `zsdesk tick` climbs
 *       (none at the top level, nor at the leaders' meeting once put
 *       before the city office: the clock has nothing more to do there)
 *   'E' month (u32) what (u8) level NUL district code
 *       issues resolved in a month (what 0) and of them in time (1), by
 *       the level they were resolved at and their project's district
 *
 * Days are yyyymmdd and months yyyymm, big-endian, as in tally.c.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xalloc.h"

struct ifact {
	unsigned char key[ISSUE_TALLY_KEY_MAX];
	size_t len;
	int64_t v;
};

struct ifacts {
	struct ifact *f;
	size_t n, cap;
};

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) << 32 | get_u32(p + 4);
}

uint32_t issue_tally_day(date_t d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return (uint32_t)(y * 10000 + m * 100 + day);
}

static struct ifact *ifact_new(struct ifacts *fs, int64_t v)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->f = xreallocarray(fs->f, fs->cap, sizeof *fs->f);
	}
	struct ifact *f = &fs->f[fs->n++];
	f->len = 0;
	f->v = v;
	return f;
}

/* Appends a string and its NUL, cut to max bytes. */
static void put_str(struct ifact *f, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max)
		n = max;
	memcpy(f->key + f->len, s, n);
	f->len += n;
	f->key[f->len++] = '\0';
}

/* The code of the district of the issue's project ("" when none). */
void issue_tally_district(struct zs *z, struct store_txn *t, const struct rec *is, char *buf,
			  size_t n)
{
	struct rec p, d;
	rec_init(&p);
	rec_init(&d);
	buf[0] = '\0';
	uint64_t pid = (uint64_t)rec_int(is, "project", 0);
	if (pid && store_get(t, &z->tables[KIND_PROJECT], pid, &p) == STORE_OK) {
		uint64_t did = (uint64_t)rec_int(&p, "district", 0);
		if (did && store_get(t, &z->tables[KIND_DISTRICT], did, &d) == STORE_OK)
			snprintf(buf, n, "%s", rec_text(&d, "code", ""));
	}
	rec_free(&p);
	rec_free(&d);
}

/* The facts of issue id as r, of district code dist, with sign. */
static void facts_of(struct zs *z, uint64_t id, const struct rec *r, const char *dist, int sign,
		     struct ifacts *fs)
{
	const char *status = rec_text(r, "status", "open");
	const char *level = rec_text(r, "level", "");
	if (!strcmp(status, "resolved")) {
		date_t on;
		if (date_parse(rec_text(r, "resolved_on", ""), &on) < 0 &&
		    date_parse(rec_text(r, "level_since", ""), &on) < 0)
			return;
		uint32_t month = issue_tally_day(on) / 100;
		for (int what = 0; what < 2; what++) {
			if (what == 1 && !rec_bool(r, "resolved_in_time", false))
				break;
			struct ifact *f = ifact_new(fs, sign);
			f->key[f->len++] = 'E';
			put_u32(f->key + f->len, month);
			f->len += 4;
			f->key[f->len++] = (unsigned char)what;
			put_str(f, level, ISSUE_TALLY_CODE_MAX);
			put_str(f, dist, ISSUE_TALLY_CODE_MAX);
		}
		return;
	}
	if (!strcmp(status, "waiting")) {
		struct ifact *f = ifact_new(fs, sign);
		f->key[f->len++] = 'W';
		zs_be64(f->key + f->len, id);
		f->len += 8;
		return;
	}
	/* Open: its level's due day does not move while it is open. */
	date_t due = rules_issue_due(&z->prof, &z->cal, r, 0), need = 0;
	date_parse(rec_text(r, "need_by", ""), &need);
	date_t late = due && need ? (due < need ? due : need) : due ? due : need;
	struct ifact *f = ifact_new(fs, sign);
	f->key[f->len++] = 'J';
	put_str(f, level, ISSUE_TALLY_CODE_MAX);
	zs_be64(f->key + f->len, (uint64_t)rec_int(r, "owner", 0));
	f->len += 8;
	put_str(f, dist, ISSUE_TALLY_CODE_MAX);
	f->key[f->len++] = rec_bool(r, "dispute", false);
	put_u32(f->key + f->len, late ? issue_tally_day(late) : 0);
	f->len += 4;
	/* What the clock can still do to it (tick.c): climb a level, or put
	 * the leaders' meeting's issue without a decision before the city. */
	const struct profile *p = &z->prof;
	bool top = !p->escalation.n || !strcmp(p->escalation.v[p->escalation.n - 1].code, level);
	bool parked = profile_level_is(p, level, LEVEL_MEETING) && !rec_find(r, "decision") &&
		      rec_bool(r, "needs_city", false);
	if (due && !top && !parked) {
		f = ifact_new(fs, sign);
		f->key[f->len++] = 'D';
		put_u32(f->key + f->len, issue_tally_day(due));
		zs_be64(f->key + f->len + 4, id);
		f->len += 12;
	}
}

static int ifact_cmp(const void *a, const void *b)
{
	const struct ifact *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Adds the facts to the counts, those of one key summed first (an
 * unchanged issue adds nothing). */
static int apply(struct store_txn *t, struct ifacts *fs)
{
	if (fs->n)
		qsort(fs->f, fs->n, sizeof *fs->f, ifact_cmp);
	int rc = STORE_OK;
	for (size_t i = 0; i < fs->n && rc == STORE_OK;) {
		size_t j = i;
		int64_t sum = 0;
		while (j < fs->n && ifact_cmp(&fs->f[i], &fs->f[j]) == 0)
			sum += fs->f[j++].v;
		rc = store_counts_add(t, fs->f[i].key, fs->f[i].len, sum);
		i = j;
	}
	free(fs->f);
	memset(fs, 0, sizeof *fs);
	return rc;
}

int issue_tally(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
		const struct rec *new)
{
	struct ifacts fs = {0};
	char dist[ISSUE_TALLY_CODE_MAX + 1];
	if (old) {
		issue_tally_district(z, t, old, dist, sizeof dist);
		facts_of(z, id, old, dist, -1, &fs);
	}
	if (new) {
		issue_tally_district(z, t, new, dist, sizeof dist);
		facts_of(z, id, new, dist, 1, &fs);
	}
	return apply(t, &fs);
}

int issue_tally_moved(struct zs *z, struct store_txn *t, uint64_t project, const char *from,
		      const char *to)
{
	if (!strcmp(from, to))
		return STORE_OK;
	unsigned char key[8];
	zs_be64(key, project);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_ISSUE], IX_ISSUE_PROJECT,
						    key, 8);
	struct ifacts fs = {0};
	struct rec r;
	rec_init(&r);
	uint64_t id;
	while (it && store_iter_next(it, &id))
		if (store_get(t, &z->tables[KIND_ISSUE], id, &r) == STORE_OK) {
			facts_of(z, id, &r, from, -1, &fs);
			facts_of(z, id, &r, to, 1, &fs);
		}
	rec_free(&r);
	store_iter_free(it);
	return apply(t, &fs);
}

int issue_tally_all(struct zs *z, struct store_txn *t)
{
	const struct store_table *tab = &z->tables[KIND_ISSUE];
	struct store_iter *it = store_iter_records(t, tab);
	struct rec r;
	rec_init(&r);
	uint64_t id;
	int rc = STORE_OK;
	while (rc == STORE_OK && it && store_iter_next(it, &id))
		if (store_get(t, tab, id, &r) == STORE_OK)
			rc = issue_tally(z, t, id, NULL, &r);
	rec_free(&r);
	store_iter_free(it);
	return rc;
}

/* ---- reading ---- */

struct open_scan {
	void (*each)(void *ctx, const struct issue_count *c);
	void *ctx;
	size_t plen;
	const char *level; /* the level asked, or NULL for all */
};

static int open_one(void *vctx, const void *key, size_t len, int64_t v)
{
	struct open_scan *s = vctx;
	const unsigned char *k = key;
	if (len < 1 || k[0] != 'J')
		return 1;
	struct issue_count c;
	size_t i = 1;
	const unsigned char *nul = memchr(k + i, 0, len - i);
	if (!nul)
		return 0;
	size_t ll = (size_t)(nul - (k + i));
	if (s->level && (strlen(s->level) != ll || memcmp(k + i, s->level, ll)))
		return 1; /* past the level asked */
	if (ll > ISSUE_TALLY_CODE_MAX || len < i + ll + 1 + 8 + 1 + 1 + 4)
		return 0;
	memcpy(c.level, k + i, ll);
	c.level[ll] = '\0';
	i += ll + 1;
	c.owner = get_u64(k + i);
	i += 8;
	nul = memchr(k + i, 0, len - i);
	if (!nul)
		return 0;
	size_t dl = (size_t)(nul - (k + i));
	if (dl > ISSUE_TALLY_CODE_MAX || len != i + dl + 1 + 1 + 4)
		return 0;
	memcpy(c.district, k + i, dl);
	c.district[dl] = '\0';
	i += dl + 1;
	c.dispute = k[i++] != 0;
	c.late_from = get_u32(k + i);
	c.n = v;
	s->each(s->ctx, &c);
	return 0;
}

int issue_tally_open(struct store_txn *t, const char *level, const uint64_t *owner,
		     void (*each)(void *ctx, const struct issue_count *c), void *ctx)
{
	unsigned char from[1 + ISSUE_TALLY_CODE_MAX + 1 + 8];
	size_t n = 0;
	from[n++] = 'J';
	if (level) {
		size_t ll = strlen(level);
		if (ll > ISSUE_TALLY_CODE_MAX)
			ll = ISSUE_TALLY_CODE_MAX;
		memcpy(from + n, level, ll);
		n += ll;
		from[n++] = '\0';
		if (owner) {
			zs_be64(from + n, *owner);
			n += 8;
		}
	}
	unsigned char to[sizeof from];
	memcpy(to, from, n);
	/* The end of the range: the prefix with its last byte one higher
	 * (an owner of all ones has no end: read to the level's end). */
	size_t tn = n;
	while (tn > 0 && to[tn - 1] == 0xff)
		tn--;
	if (tn)
		to[tn - 1]++;
	struct open_scan s = {each, ctx, n, level};
	return store_counts_scan(t, from, n, tn ? to : NULL, tn, open_one, &s);
}

struct id_scan {
	unsigned char tag;
	uint32_t before; /* 'D': only due days before this one */
	uint64_t *ids;
	size_t n, cap;
};

static int id_one(void *vctx, const void *key, size_t len, int64_t v)
{
	struct id_scan *s = vctx;
	const unsigned char *k = key;
	if (len < 1 || k[0] != s->tag)
		return 1;
	size_t at = s->tag == 'D' ? 5 : 1;
	if (len != at + 8 || v <= 0)
		return 0;
	if (s->tag == 'D' && get_u32(k + 1) >= s->before)
		return 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->ids = xreallocarray(s->ids, s->cap, sizeof *s->ids);
	}
	s->ids[s->n++] = get_u64(k + at);
	return 0;
}

size_t issue_tally_waiting(struct store_txn *t, uint64_t **ids)
{
	struct id_scan s = {'W', 0, NULL, 0, 0};
	store_counts_scan(t, "W", 1, "X", 1, id_one, &s);
	*ids = s.ids;
	return s.n;
}

size_t issue_tally_due_before(struct store_txn *t, date_t day, uint64_t **ids)
{
	struct id_scan s = {'D', issue_tally_day(day), NULL, 0, 0};
	store_counts_scan(t, "D", 1, "E", 1, id_one, &s);
	*ids = s.ids;
	return s.n;
}

struct resolved_scan {
	uint32_t to;
	void (*each)(void *ctx, const char *level, const char *district, bool in_time, int64_t n);
	void *ctx;
};

static int resolved_one(void *vctx, const void *key, size_t len, int64_t v)
{
	struct resolved_scan *s = vctx;
	const unsigned char *k = key;
	if (len < 7 || k[0] != 'E' || get_u32(k + 1) > s->to)
		return 1;
	const unsigned char *p = k + 6, *end = k + len;
	const unsigned char *a = memchr(p, 0, (size_t)(end - p));
	if (!a)
		return 0;
	const unsigned char *b = memchr(a + 1, 0, (size_t)(end - a - 1));
	if (!b || b + 1 != end)
		return 0;
	s->each(s->ctx, (const char *)p, (const char *)(a + 1), k[5] != 0, v);
	return 0;
}

int issue_tally_resolved(struct store_txn *t, date_t from, date_t to,
			 void (*each)(void *ctx, const char *level, const char *district,
				      bool in_time, int64_t n),
			 void *ctx)
{
	unsigned char f[5];
	f[0] = 'E';
	put_u32(f + 1, issue_tally_day(from) / 100);
	struct resolved_scan s = {issue_tally_day(to) / 100, each, ctx};
	return store_counts_scan(t, f, 5, "F", 1, resolved_one, &s);
}

static int any_one(void *vctx, const void *key, size_t len, int64_t v)
{
	bool *any = vctx;
	(void)len;
	*any = v > 0 && ((const unsigned char *)key)[0] == 'D';
	return 1;
}

bool issue_tally_due_after(struct store_txn *t, date_t day)
{
	unsigned char f[5];
	bool any = false;
	f[0] = 'D';
	put_u32(f + 1, issue_tally_day(day) + 1);
	store_counts_scan(t, f, 5, "E", 1, any_one, &any);
	return any;
}

/*
 * home.c - the counts of an officer's home screen.
 *
 * Each count comes from a posting list (how many ids it holds is free),
 * from the counts of today's state the write path keeps (tally.c: first
 * talks due for transfer, major projects without an active manager;
 * issue-tally.c: open issues by level, owner, district and the day they
 * are late from), or,
 * where a rule of today's date must be applied, from walking a list
 * scoped to the officer's district, so the home screen stays instant on
 * a million projects.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xalloc.h"

/* Ids in a posting list keyed by an id. */
static uint64_t count_id(struct store_txn *t, enum kind k, int ix, uint64_t id)
{
	unsigned char key[8];
	zs_be64(key, id);
	struct store_iter *it = store_iter_postings(t, store_table(t, k), ix, key, 8);
	uint64_t n = it ? store_iter_count(it) : 0;
	store_iter_free(it);
	return n;
}

/* Whether I act on issues at level l: as the profile says, or service
 * manager, district lead, then the city office. */
static bool level_mine(struct zs *z, int l)
{
	const char *role = rec_text(&z->me_rec, "role", "");
	const char *actor = z->prof.escalation.v[l].klass;
	return actor ? !strcmp(role, actor) || !strcmp(role, "admin")
	       : l == 0 ? true
	       : l == 1 ? !strcmp(role, "lead")
			: !strcmp(role, "city") || !strcmp(role, "admin");
}

/* Whether issue r at level l waits on me: at the first level those I took
 * (首接负责), at the second those of my district (district leads), above
 * that the city office's; and whether it is late today. */
static bool waits_on_me(struct zs *z, struct store_txn *t, int l, const struct rec *r,
			uint64_t district, bool *late)
{
	struct rec p;
	bool counts = l > 1;
	if (l == 0)
		counts = (uint64_t)rec_int(r, "owner", 0) == z->me;
	else if (l == 1) {
		rec_init(&p);
		counts = store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(r, "project", 0),
				   &p) == STORE_OK &&
			 (uint64_t)rec_int(&p, "district", 0) == district;
		rec_free(&p);
	}
	date_t today = clock_today(), need = 0, due = zs_issue_due(z, r);
	date_parse(rec_text(r, "need_by", ""), &need);
	*late = (due && due < today) || (need && need < today);
	return counts;
}

/* Issues waiting on me; overdue: past the level's time limit or the date
 * the enterprise needs.  Counts them (all, overdue) and puts up to max of
 * them (only the overdue ones when overdue_only) in ids. */
static void waiting_issues(struct zs *z, struct store_txn *t, bool overdue_only, uint64_t *ids,
			   size_t max, uint64_t *all, uint64_t *overdue,
			   void (*each)(void *, uint64_t, const struct rec *), void *ctx)
{
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	struct rec r;
	rec_init(&r);
	const struct profile_list *lv = &z->prof.escalation;
	*all = *overdue = 0;
	for (int l = 0; l < lv->n; l++) {
		if (!level_mine(z, l))
			continue;
		struct store_iter *it = store_iter_postings(t, &z->tables[KIND_ISSUE], IX_ISSUE_OPEN,
							    lv->v[l].code, strlen(lv->v[l].code));
		uint64_t id;
		bool late;
		while (store_iter_next(it, &id)) {
			if (store_get(t, &z->tables[KIND_ISSUE], id, &r) != STORE_OK ||
			    !waits_on_me(z, t, l, &r, district, &late))
				continue;
			uint64_t n = overdue_only ? *overdue : *all;
			if (ids && n < max && (late || !overdue_only))
				ids[n] = id;
			if (each)
				each(ctx, id, &r);
			++*all;
			if (late)
				++*overdue;
		}
		store_iter_free(it);
	}
	rec_free(&r);
}

/* What the counts of open issues add up to for me at one level. */
struct mine {
	int l;
	const char *district; /* my district's code */
	bool disputes;        /* only disputes (the city office's count) */
	uint32_t today;
	uint64_t all, overdue;
};

static void mine_one(void *vctx, const struct issue_count *c)
{
	struct mine *m = vctx;
	if ((m->l == 1 && strcmp(c->district, m->district)) || (m->disputes && !c->dispute) ||
	    c->n <= 0)
		return;
	m->all += (uint64_t)c->n;
	if (c->late_from && c->late_from < m->today)
		m->overdue += (uint64_t)c->n;
}

/* The level of an issue's code in the profile, or -1. */
static int level_of(const struct profile *p, const char *code)
{
	for (int l = 0; l < p->escalation.n; l++)
		if (!strcmp(p->escalation.v[l].code, code))
			return l;
	return -1;
}

/* The same counts as waiting_issues (or, with disputes, the disputes at
 * levels from up), from the counts the write path keeps: a few keys per
 * level, and the issues waiting on the enterprise read one by one. */
static void count_issues(struct zs *z, struct store_txn *t, bool disputes, int from,
			 uint64_t *all, uint64_t *overdue)
{
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	char code[ISSUE_TALLY_CODE_MAX + 1] = "";
	struct rec d;
	rec_init(&d);
	if (district && store_get(t, &z->tables[KIND_DISTRICT], district, &d) == STORE_OK)
		snprintf(code, sizeof code, "%s", rec_text(&d, "code", ""));
	rec_free(&d);
	const struct profile_list *lv = &z->prof.escalation;
	*all = *overdue = 0;
	for (int l = from; l < lv->n; l++) {
		if (!disputes && !level_mine(z, l))
			continue;
		struct mine m = {disputes ? 2 : l, code, disputes, issue_tally_day(clock_today()), 0, 0};
		issue_tally_open(t, lv->v[l].code, !disputes && l == 0 ? &z->me : NULL, mine_one, &m);
		*all += m.all;
		*overdue += m.overdue;
	}
	uint64_t *ids;
	size_t n = issue_tally_waiting(t, &ids);
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		bool late;
		int l;
		if (store_get(t, &z->tables[KIND_ISSUE], ids[i], &r) != STORE_OK ||
		    (l = level_of(&z->prof, rec_text(&r, "level", ""))) < from)
			continue;
		if (disputes ? !rec_bool(&r, "dispute", false)
			     : !level_mine(z, l) || !waits_on_me(z, t, l, &r, district, &late))
			continue;
		++*all;
		if (!disputes && late)
			++*overdue;
	}
	rec_free(&r);
	free(ids);
}

struct prefix_count {
	const char *prefix;
	size_t plen;
	uint64_t n;
};

/* Counts index entries while their key starts with the prefix. */
static int prefix_hit(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct prefix_count *c = vctx;
	(void)id;
	if (klen < c->plen || memcmp(key, c->prefix, c->plen) != 0)
		return 1;
	c->n++;
	return 0;
}

/* What waits for the city office: claims in the first-talk register and
 * open disputes.  A dispute is raised at the level below the leaders'
 * meeting (or the first, where there is none) and only climbs, so only
 * the open issues from there up are read. */
static uint64_t city_waiting(struct zs *z, struct store_txn *t)
{
	struct prefix_count c = {"claim|", 6, 0};
	store_index_scan(t, &z->tables[KIND_PROJECT], IX_PROJECT_FIRSTTALK, c.prefix, c.plen, false,
			 prefix_hit, &c);
	const struct profile_list *lv = &z->prof.escalation;
	int from = 0;
	for (int l = 1; l < lv->n; l++)
		if (profile_level_is(&z->prof, lv->v[l].code, LEVEL_MEETING)) {
			from = l - 1;
			break;
		}
	uint64_t disputes, late;
	count_issues(z, t, true, from, &disputes, &late);
	return c.n + disputes;
}

/* The first-talk register as the home screen counts it: ending within 14
 * days (or, lapsed, due for transfer), in my district or everywhere. */
static size_t register_rows(struct zs *z, bool lapsed, uint64_t *ids, size_t max)
{
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	date_t today = clock_today();
	size_t cap = 4096, n, got = 0;
	uint64_t *all = NULL;
	for (;;) {
		all = xreallocarray(all, cap, sizeof *all);
		n = lapsed ? zs_register(z, "lapsed", all, cap)
			   : zs_register_until(z, "active", today + 14, all, cap);
		if (n < cap)
			break;
		cap *= 4;
	}
	if (!district) {
		/* Every district's: the index says it all, no record is read. */
		for (size_t i = 0; i < n && i < max; i++)
			ids[i] = all[i];
		free(all);
		return n;
	}
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		if (zs_get(z, KIND_PROJECT, all[i], &r) != ZS_OK)
			continue;
		if ((uint64_t)rec_int(&r, "district", 0) != district)
			continue;
		if (got < max)
			ids[got] = all[i];
		got++;
	}
	rec_free(&r);
	free(all);
	return got;
}

size_t zs_home_list(struct zs *z, enum zs_home_row which, uint64_t *ids, size_t max)
{
	if (which == ZS_HOME_FT_ENDING || which == ZS_HOME_FT_LAPSED)
		return register_rows(z, which == ZS_HOME_FT_LAPSED, ids, max);
	struct store_txn *t;
	uint64_t all = 0, overdue = 0;
	if (store_read(z->st, &t))
		return 0;
	waiting_issues(z, t, which == ZS_HOME_OVERDUE, ids, max, &all, &overdue, NULL, NULL);
	store_done(t);
	return which == ZS_HOME_OVERDUE ? overdue : all;
}

void zs_home_issues(struct zs *z, void (*each)(void *, uint64_t, const struct rec *), void *ctx)
{
	struct store_txn *t;
	uint64_t all = 0, overdue = 0;
	if (store_read(z->st, &t))
		return;
	waiting_issues(z, t, false, NULL, 0, &all, &overdue, each, ctx);
	store_done(t);
}

struct state_sum {
	unsigned char measure;
	const char *district; /* a code, or NULL for every district */
	uint64_t n;
};

/* Adds up the counts of today's state ('S' measure district) tally.c
 * keeps: one key for a district, a few for the city. */
static int state_hit(void *vctx, const void *key, size_t klen, int64_t v)
{
	struct state_sum *c = vctx;
	const unsigned char *k = key;
	if (klen < 2 || k[0] != 'S' || k[1] != c->measure)
		return 1;
	if (!c->district ||
	    (klen - 2 == strlen(c->district) && !memcmp(k + 2, c->district, klen - 2)))
		c->n += v > 0 ? (uint64_t)v : 0;
	return 0;
}

static uint64_t state_count(struct store_txn *t, int measure, const char *district)
{
	unsigned char from[2] = {'S', (unsigned char)measure};
	struct state_sum c = {(unsigned char)measure, district, 0};
	store_counts_scan(t, from, 2, NULL, 0, state_hit, &c);
	return c.n;
}

int zs_home(struct zs *z, struct zs_home *h)
{
	struct store_txn *t;
	memset(h, 0, sizeof *h);
	zs_counts_ready(z);
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	date_t today = clock_today();
	h->calendar_end = calendar_end(&z->cal);
	h->calendar_short = h->calendar_end && today + 30 > h->calendar_end;
	if (z->me)
		h->my_projects = count_id(t, KIND_PROJECT, IX_PROJECT_MANAGER, z->me);
	h->district_projects = district ? count_id(t, KIND_PROJECT, IX_PROJECT_DISTRICT, district)
					: store_count(t, &z->tables[KIND_PROJECT]);
	count_issues(z, t, false, 0, &h->my_issues, &h->overdue);
	if (zs_sees_all(z))
		h->city_waiting = city_waiting(z, t);
	/* The first-talk register, by status and end date: ending within 14
	 * days, and lapsed (due for transfer), in my district or everywhere. */
	store_done(t);
	h->ft_ending = register_rows(z, false, NULL, 0); /* exact, however many */
	/* Lapsed first talks and major projects without an active manager:
	 * counts kept in the write transactions (tally.c), exact, no scan. */
	if (store_read(z->st, &t) == STORE_OK) {
		char code[64] = "";
		struct rec d;
		rec_init(&d);
		if (district && store_get(t, &z->tables[KIND_DISTRICT], district, &d) == STORE_OK)
			snprintf(code, sizeof code, "%s", rec_text(&d, "code", ""));
		rec_free(&d);
		h->ft_lapsed = state_count(t, TS_FT_LAPSED, district ? code : NULL);
		h->unmanaged_major = state_count(t, TS_UNMANAGED, district ? code : NULL);
		store_done(t);
	}
	return ZS_OK;
}

void home_issue_count(struct zs *z, struct store_txn *t, uint64_t *all)
{
	uint64_t overdue;
	count_issues(z, t, false, 0, all, &overdue);
}

bool home_issue_waits(struct zs *z, struct store_txn *t, const struct rec *r)
{
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	int l = level_of(&z->prof, rec_text(r, "level", ""));
	bool late;
	return l >= 0 && strcmp(rec_text(r, "status", "open"), "resolved") != 0 &&
	       level_mine(z, l) && waits_on_me(z, t, l, r, district, &late);
}

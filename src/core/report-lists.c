/*
 * report-lists.c - the reports that list projects or officers rather than
 * districts: the clearing list, the managers' workload, what changed, the
 * key projects' quarterly check.
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

/* ---- the clearing list (以清促用, 003 §八) ---- */

static const char *const clearing_keys[] = {"id",	     "project", "district", "stage",
					    "planned_start", "months"};
static const char *const clearing_labels[] = {N_("No."),	   N_("Project"), N_("District"),
					      N_("Stage"),	   N_("Planned start"),
					      N_("Months late")};

struct candidate {
	uint32_t planned, from;
	uint64_t id;
};

struct candidates {
	struct candidate *c;
	size_t n, cap;
	size_t total; /* every candidate counted */
	size_t keep;  /* keep no more than this many (0: keep all) */
	bool stop;    /* and then stop reading */
	bool count;   /* count those found into total */
	uint32_t line, as_of; /* yyyymmdd */
	char only[2][TALLY_CODE_MAX + 1]; /* the districts asked for and seen ("" any) */
};

/* True when a key of tally's clearing list ('P' until planned from id
 * code) is of a project that was a candidate on the day, planned to
 * start by the line, of the districts asked for. */
static bool candidate_of(const struct candidates *c, const unsigned char *k, size_t len,
			 int64_t v, uint32_t *planned, uint32_t *from)
{
	if (len < 21 || len > 21 + TALLY_CODE_MAX || v <= 0)
		return false;
	*planned = (uint32_t)k[5] << 24 | (uint32_t)k[6] << 16 | (uint32_t)k[7] << 8 | k[8];
	*from = (uint32_t)k[9] << 24 | (uint32_t)k[10] << 16 | (uint32_t)k[11] << 8 | k[12];
	if (*planned > c->line || *from > c->as_of)
		return false;
	for (int i = 0; i < 2; i++)
		if (*c->only[i] && (strlen(c->only[i]) != len - 21 || memcmp(c->only[i], k + 21, len - 21)))
			return false;
	return true;
}

/* Counts a candidate's key, and keeps it while fewer than keep are kept
 * (or always when keep is 0); stops at keep when stop is set. */
static int candidate(void *ctx, const void *key, size_t len, int64_t v)
{
	struct candidates *c = ctx;
	const unsigned char *k = key;
	uint32_t planned, from;
	if (!candidate_of(c, k, len, v, &planned, &from))
		return 0;
	c->total += c->count;
	if (c->keep && c->n >= c->keep)
		return c->stop;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->c = xrealloc(c->c, c->cap * sizeof *c->c);
	}
	uint64_t id = 0;
	for (int i = 0; i < 8; i++)
		id = id << 8 | k[13 + i];
	c->c[c->n].planned = planned;
	c->c[c->n].from = from;
	c->c[c->n++].id = id;
	return 0;
}

/* Counts a candidate's key, keeping none. */
static int counted(void *ctx, const void *key, size_t len, int64_t v)
{
	struct candidates *c = ctx;
	uint32_t planned, from;
	c->total += candidate_of(c, key, len, v, &planned, &from);
	return 0;
}

/* Adds a count of candidates still open ('p' planned month code) of
 * the districts asked for to the total. */
static int open_month(void *ctx, const void *key, size_t len, int64_t v)
{
	struct candidates *c = ctx;
	const unsigned char *k = key;
	if (len < 5 || len > 5 + TALLY_CODE_MAX || v <= 0)
		return 0;
	for (int i = 0; i < 2; i++)
		if (*c->only[i] && (strlen(c->only[i]) != len - 5 || memcmp(c->only[i], k + 5, len - 5)))
			return 0;
	c->total += (size_t)v;
	return 0;
}

static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->planned != y->planned)
		return x->planned < y->planned ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The code of district id into out ("" when there is none). */
static void code_of(struct store_txn *t, struct zs *z, uint64_t id, char *out, size_t n)
{
	struct rec d;
	rec_init(&d);
	out[0] = '\0';
	if (id && store_get(t, &z->tables[KIND_DISTRICT], id, &d) == STORE_OK)
		snprintf(out, n, "%s", rec_text(&d, "code", ""));
	rec_free(&d);
}

/* The stage code of project p on day (from its history; its stage now
 * when it has none). */
static void stage_on(const struct rec *p, date_t day, char *out, size_t n)
{
	const struct rec_field *sf = rec_find(p, "stages");
	snprintf(out, n, "%s", rec_text(p, "stage", ""));
	date_t floor = 0;
	for (size_t k = 0; sf && sf->v.type == REC_LIST && k < sf->v.n; k++) {
		char e[256];
		snprintf(e, sizeof e, "%s", sf->v.items[k]);
		char *st = strchr(e, '|'), *bar;
		date_t d;
		if (!st)
			continue;
		*st++ = '\0';
		if (date_parse(e, &d))
			continue;
		if ((bar = strchr(st, '|')))
			*bar = '\0';
		if (d < floor)
			d = floor;
		floor = d;
		if (d <= day)
			snprintf(out, n, "%s", st);
	}
}

void report_clearing(struct zs *z, uint64_t only, date_t as_of, size_t limit, struct zs_report *r)
{
	cols(r, clearing_keys, clearing_labels, 6);
	const struct profile *prof = &z->prof;
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	/* The candidates tally.c keeps by the day they stopped being one:
	 * only those that still were on the day are read, from the keys
	 * alone; the records of the page listed are read last. */
	date_t line = date_add_months(as_of, -prof->clearing_months);
	struct candidates c = {.line = day_code(line), .as_of = day_code(as_of)};
	code_of(t, z, only, c.only[0], sizeof c.only[0]);
	if (!zs_sees_all(z)) {
		uint64_t mine = (uint64_t)rec_int(&z->me_rec, "district", 0);
		code_of(t, z, mine, c.only[1], sizeof c.only[1]);
		if (!mine || !*c.only[1])
			snprintf(c.only[1], sizeof c.only[1], "%s", "\n"); /* no district: none */
	}
	/* Those that stopped being candidates after the day (few): all of
	 * them; then those that still are, in the order of their planned
	 * start, up to the line - counted all, the first limit kept. */
	unsigned char from[5] = {'P'}, open[5] = {'P'}, to[9] = {'P'};
	put_u32(from + 1, day_code(as_of) + 1);
	put_u32(open + 1, TALLY_OPEN);
	put_u32(to + 1, TALLY_OPEN);
	put_u32(to + 5, c.line + 1);
	if (!only || *c.only[0]) {
		c.count = true;
		store_counts_scan(t, from, 5, open, 5, candidate, &c);
		if (!limit || as_of < clock_today()) {
			/* Every one (or a past day's, when some open today may
			 * have come to it later): each key read. */
			c.keep = limit ? c.n + limit : 0;
			store_counts_scan(t, open, 5, to, 9, candidate, &c);
		} else {
			/* Today's page: the first limit, then the total from
			 * the counts of the months before the line's and the
			 * keys of its month. */
			c.count = false;
			c.keep = c.n + limit;
			c.stop = true;
			store_counts_scan(t, open, 5, to, 9, candidate, &c);
			unsigned char mto[5] = {'p'}, mfrom[9] = {'P'};
			put_u32(mto + 1, c.line / 100);
			store_counts_scan(t, "p", 1, mto, 5, open_month, &c);
			put_u32(mfrom + 1, TALLY_OPEN);
			put_u32(mfrom + 5, c.line / 100 * 100);
			store_counts_scan(t, mfrom, 9, to, 9, counted, &c);
		}
	}
	qsort(c.c, c.n, sizeof *c.c, candidate_cmp);
	r->total = c.total;
	size_t upto = limit && limit < c.n ? limit : c.n;
	struct rec p;
	rec_init(&p);
	for (size_t k = 0; k < upto; k++) {
		uint64_t id = c.c[k].id;
		if (store_get(t, &z->tables[KIND_PROJECT], id, &p) != STORE_OK)
			continue;
		size_t row = row_add(r);
		char num[32], text[128];
		date_t ps = date_from_ymd((int)(c.c[k].planned / 10000), (int)(c.c[k].planned / 100 % 100),
					  (int)(c.c[k].planned % 100));
		zs_id_text(id, num, sizeof num);
		cell(r, row, 0, "%s", num);
		cell(r, row, 1, "%s", rec_text(&p, "name", ""));
		zs_field_text(z, KIND_PROJECT, &p, "district", text, sizeof text);
		cell(r, row, 2, "%s", text);
		char code[64];
		stage_on(&p, as_of, code, sizeof code);
		const struct profile_item *st = profile_find(&prof->stages, code);
		cell(r, row, 3, "%s", st ? i18n_pick(st->zh, st->en) : code);
		cell(r, row, 4, "%s", date_format(ps, text));
		int y1, m1, d1, y2, m2, d2;
		date_ymd(ps, &y1, &m1, &d1);
		date_ymd(as_of, &y2, &m2, &d2);
		int months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1);
		cell(r, row, 5, "%d", months);
		r->bar[row] = months;
	}
	free(c.c);
	rec_free(&p);
	store_done(t);
	note(r, _("Signed, registered or funded projects not started %d months or more after "
		  "their planned start, on the day of the report: for follow-up or exit (an exit is "
		  "a stage move with its reason, filed with the city office)."),
	     prof->clearing_months);
	if (upto < c.total)
		note(r, _("Projects on the list: %zu; the first %zu listed, the longest late first."),
		     c.total, upto);
	else
		note(r, _("Projects on the list: %zu."), c.total);
}

/* ---- service managers' workload ---- */

static int id_asc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

struct managed {
	uint64_t *ids; /* the officers, in ascending order */
	int64_t *n;    /* the projects each managed */
	size_t count;
};

/* The position of officer id in m (m->count when it is not there). */
static size_t managed_find(const struct managed *m, uint64_t id)
{
	size_t lo = 0, hi = m->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->count && m->ids[lo] == id ? lo : m->count;
}

/* Adds a count of projects managed from a day ('W' day officer) to the
 * officer's. */
static int managed_one(void *ctx, const void *key, size_t len, int64_t v)
{
	struct managed *m = ctx;
	const unsigned char *k = key;
	if (len != 13)
		return 0;
	uint64_t id = 0;
	for (int i = 0; i < 8; i++)
		id = id << 8 | k[5 + i];
	size_t at = managed_find(m, id);
	if (at < m->count)
		m->n[at] += v;
	return 0;
}

void report_workload(struct zs *z, uint64_t only, date_t as_of, struct zs_report *r)
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
	/* A past day: the projects each managed then, from the counts tally
	 * keeps of who managed what from when; today: the index. */
	bool past = as_of < clock_today();
	struct managed m = {NULL, NULL, n};
	if (past) {
		m.ids = xcalloc(n + 1, sizeof *m.ids);
		m.n = xcalloc(n + 1, sizeof *m.n);
		for (size_t i = 0; i < n; i++)
			m.ids[i] = ids[i];
		qsort(m.ids, n, sizeof *m.ids, id_asc);
		unsigned char to[5] = {'W'};
		put_u32(to + 1, day_code(as_of) + 1);
		store_counts_scan(t, "W", 1, to, 5, managed_one, &m);
	}
	for (size_t i = n; i-- > 0;) {
		if (store_get(t, &z->tables[KIND_OFFICER], ids[i], &o) != STORE_OK ||
		    (only && (uint64_t)rec_int(&o, "district", 0) != only))
			continue;
		unsigned char key[8];
		zs_be64(key, ids[i]);
		uint64_t projects = 0;
		if (past) {
			size_t k = managed_find(&m, ids[i]);
			projects = k < m.count && m.n[k] > 0 ? (uint64_t)m.n[k] : 0;
		} else {
			struct store_iter *pi = store_iter_postings(t, &z->tables[KIND_PROJECT],
								    IX_PROJECT_MANAGER, key, 8);
			projects = pi ? store_iter_count(pi) : 0;
			store_iter_free(pi);
		}
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
	free(m.ids);
	free(m.n);
	rec_free(&o);
	rec_free(&is);
	store_done(t);
	note(r, "%s", _("Projects managed: those each officer was service manager of on the day "
			"of the report, in every stage.  Issues taken, open: the enterprise issues "
			"they took that are not resolved, as they stand today."));
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
	size_t *hash, hcap; /* position + 1 of each id in ids, by its hash */
};

/* Slot of id in the open-addressed table of c (its size a power of two). */
static size_t changed_slot(const struct changed *c, uint64_t id)
{
	size_t mask = c->hcap - 1, h = (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 17) & mask;
	while (c->hash[h] && c->ids[c->hash[h] - 1] != id)
		h = (h + 1) & mask;
	return h;
}

/* The position of id among the projects seen (c->n when it is new). */
static size_t changed_find(const struct changed *c, uint64_t id)
{
	if (!c->hcap)
		return c->n;
	size_t h = changed_slot(c, id);
	return c->hash[h] ? c->hash[h] - 1 : c->n;
}

/* Remembers that id is at position j, growing the table at half full. */
static void changed_put(struct changed *c, uint64_t id, size_t j)
{
	if (2 * (j + 1) > c->hcap) {
		free(c->hash);
		c->hcap = c->hcap ? c->hcap * 2 : 1024;
		c->hash = xcalloc(c->hcap, sizeof *c->hash);
		for (size_t k = 0; k < j; k++)
			c->hash[changed_slot(c, c->ids[k])] = k + 1;
	}
	c->hash[changed_slot(c, id)] = j + 1;
}

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
	size_t j = changed_find(c, e->id);
	if (j == c->n) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->ids = xrealloc(c->ids, c->cap * sizeof *c->ids);
			c->what = xrealloc(c->what, c->cap * sizeof *c->what);
		}
		c->ids[c->n] = e->id;
		c->what[c->n++][0] = '\0';
		changed_put(c, e->id, j);
	}
	if (*what && strlen(c->what[j]) + strlen(what) < sizeof c->what[j] &&
	    !strstr(c->what[j], what))
		strcat(c->what[j], what);
	return 0;
}

void report_changes(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
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
	struct changed c = {to_at, NULL, NULL, 0, 0, NULL, 0};
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
	free(c.hash);
	store_done(t);
	note(r, _("Changes recorded from %s to %s: projects entered, stage moves (with the date "
		  "they were dated), transfers, and changes of name, enterprise, investment, foreign "
		  "capital or district (the project's history says from what)."),
	     from_s, to_s);
}

/* ---- the quarterly check of key projects (001 §三) ---- */

struct listed {
	uint64_t *ids;
	size_t n, cap;
};

/* Keeps the id of a key ('K' listed-on id) of tally's key projects. */
static int key_listed(void *ctx, const void *key, size_t len, int64_t v)
{
	struct listed *l = ctx;
	const unsigned char *k = key;
	if (len != 13 || v <= 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->ids = xrealloc(l->ids, l->cap * sizeof *l->ids);
	}
	uint64_t id = 0;
	for (int i = 0; i < 8; i++)
		id = id << 8 | k[5 + i];
	l->ids[l->n++] = id;
	return 0;
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x < y) - (x > y); /* newest first, as the records are read */
}

void report_keyprojects(struct zs *z, uint64_t only, const struct zs_period *p, date_t as_of,
			struct zs_report *r)
{
	static const char *const keys[] = {"id", "project", "district", "from", "to", "moved"};
	static const char *const labels[] = {N_("No."),	 N_("Project"), N_("District"),
					     N_("At the start"), N_("At the end"), N_("Moved")};
	cols(r, keys, labels, 6);
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return;
	/* The key projects tally.c keeps under the day they were listed:
	 * those listed by the end of the period. */
	date_t end = p->to < as_of ? p->to : as_of;
	unsigned char to[5] = {'K'};
	put_u32(to + 1, day_code(end) + 1);
	struct listed kl = {0};
	store_counts_scan(t, "K", 1, to, 5, key_listed, &kl);
	qsort(kl.ids, kl.n, sizeof *kl.ids, id_cmp);
	struct rec pr;
	rec_init(&pr);
	size_t moved = 0, total = 0;
	for (size_t i = 0; i < kl.n; i++) {
		uint64_t id = kl.ids[i];
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
	free(kl.ids);
	store_done(t);
	note(r, _("Key projects (重点项目) through 前期在谈, 签约注册, 资金到位, 开建开业: the stage "
		  "before the period and at its end, from each project's stage history; %zu of %zu "
		  "moved."),
	     moved, total);
}


/*
 * inbox.c - my inbox (我的待办): what came to me since I last looked.
 *
 * Nothing is stored for the inbox but the officer's own read marks: the
 * entries are worked out each time from the records through the indexes
 * the home screen reads (issues open at the levels I act on, the
 * first-talk register by end date, the projects I manage by the manager
 * index, claims by the register's status), so the cost follows what is
 * mine, not the size of the library.  An entry's key names the record
 * and the state that made it new (an issue's level, a period's end, the
 * clock stamp of an assignment); opening it marks that key read, and a
 * later escalation or a new assignment is a new key, unread again.  The
 * marks live in the store's meta table under "inbox.<officer id>": the
 * store's clock stamp at the last "mark all read" and the keys read one
 * by one since, pruned to the entries that still exist.  They are the officer's
 * own bookkeeping, not a record: no journal or audit entry is written.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

struct entries {
	struct zs_inbox_entry *v;
	size_t n, cap;
};

/* Appends an entry and returns it, zeroed. */
static struct zs_inbox_entry *push(struct entries *e)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
	}
	memset(&e->v[e->n], 0, sizeof *e->v);
	return &e->v[e->n++];
}

/* One issue waiting on me, at the level it is at now. */
struct issue_ctx {
	struct zs *z;
	struct entries *e;
};

static void issue_entry(void *vctx, uint64_t id, const struct rec *r)
{
	struct issue_ctx *c = vctx;
	struct entries *e = c->e;
	if (!zs_sees_all(c->z)) {
		/* An officer of a district: only what zs_get lets them see. */
		struct rec seen;
		rec_init(&seen);
		int rc = zs_get(c->z, KIND_ISSUE, id, &seen);
		rec_free(&seen);
		if (rc != ZS_OK)
			return;
	}
	struct zs_inbox_entry *x = push(e);
	x->what = ZS_INBOX_ISSUE;
	x->kind = KIND_ISSUE;
	x->id = id;
	x->project = (uint64_t)rec_int(r, "project", 0);
	snprintf(x->level, sizeof x->level, "%s", rec_text(r, "level", ""));
	if (date_parse(rec_text(r, "level_since", ""), &x->date) < 0)
		date_parse(rec_text(r, "opened_on", ""), &x->date);
	char idb[32];
	snprintf(x->key, sizeof x->key, "issue:%s:%s", zs_id_text(id, idb, sizeof idb), x->level);
}

/* Issues waiting on me: each record is read once, as home counts them. */
static void add_issues(struct zs *z, struct entries *e)
{
	struct issue_ctx c = {z, e};
	zs_home_issues(z, issue_entry, &c);
}

/* True when project r is mine for the first-talk reminders: I manage it
 * or entered it, or I lead its district. */
static bool my_project(struct zs *z, const struct rec *r)
{
	if (!z->me)
		return false;
	if ((uint64_t)rec_int(r, "manager", 0) == z->me ||
	    (uint64_t)rec_int(r, "created_by", 0) == z->me)
		return true;
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	return district && !strcmp(rec_text(&z->me_rec, "role", ""), "lead") &&
	       (uint64_t)rec_int(r, "district", 0) == district;
}

/* First-talk periods of my projects ending within days: mine by the
 * counts of the register by officer, or for a lead, the register read
 * soonest end first and left at the first that ends later. */
static void add_ending(struct zs *z, struct entries *e, int days)
{
	size_t cap = 4096, n;
	uint64_t *ids = NULL;
	date_t today = clock_today();
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	struct store_txn *t;
	if (!(district && !strcmp(rec_text(&z->me_rec, "role", ""), "lead")) &&
	    store_read(z->st, &t) == STORE_OK) {
		/* Not a lead: only projects I manage or entered, which the
		 * counts keep by officer and end day (ft-tally.c). */
		struct ft_mine *v = NULL;
		n = z->me ? ft_tally_mine(t, z->me, today, today + days, &v) : 0;
		store_done(t);
		ids = xreallocarray(NULL, n ? n : 1, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = v[i].id;
		free(v);
	} else {
		for (;;) {
			ids = xreallocarray(ids, cap, sizeof *ids);
			n = zs_register_until(z, "active", today + days, ids, cap);
			if (n < cap)
				break;
			cap *= 4;
		}
	}
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		date_t until;
		if (zs_get(z, KIND_PROJECT, ids[i], &r) != ZS_OK ||
		    date_parse(rec_text(&r, "ft_until", ""), &until) < 0)
			continue;
		if (until > today + days)
			break;
		if (until < today || !my_project(z, &r))
			continue;
		struct zs_inbox_entry *x = push(e);
		x->what = ZS_INBOX_FT_ENDING;
		x->kind = KIND_PROJECT;
		x->id = x->project = ids[i];
		x->date = until;
		char idb[32];
		snprintf(x->key, sizeof x->key, "ft:%s:%s", zs_id_text(ids[i], idb, sizeof idb),
			 rec_text(&r, "ft_until", ""));
	}
	rec_free(&r);
	free(ids);
}

/* The projects I manage, each with the moment it was given to me: the
 * clock stamp of its manager field (or of the record, when it was
 * entered with me as its manager), read through the manager index with
 * no history - a manager of thousands of projects costs thousands of
 * record reads, nothing more.  New when given after the last "all read". */
static void add_assigned(struct zs *z, struct entries *e, uint64_t mark)
{
	struct store_txn *t;
	if (!z->me || store_read(z->st, &t) != STORE_OK)
		return;
	unsigned char key[8];
	zs_be64(key, z->me);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT], IX_PROJECT_MANAGER,
						    key, 8);
	struct rec r;
	rec_init(&r);
	uint64_t id;
	while (it && store_iter_next(it, &id)) {
		if (store_get(t, &z->tables[KIND_PROJECT], id, &r) != STORE_OK)
			continue;
		const struct rec_field *f = rec_find(&r, "manager");
		if (!f || (uint64_t)rec_int(&r, "manager", 0) != z->me)
			continue;
		uint64_t stamp = f->stamp ? f->stamp : r.created;
		struct zs_inbox_entry *x = push(e);
		x->what = ZS_INBOX_ASSIGNED;
		x->kind = KIND_PROJECT;
		x->id = x->project = id;
		/* A stamp is 48 bits of milliseconds and 16 of counter. */
		x->date = (date_t)(((int64_t)(stamp >> 16) / 1000 + clock_offset() * 60) / 86400);
		x->seq = stamp;
		x->unread = stamp > mark;
		char idb[32];
		snprintf(x->key, sizeof x->key, "assign:%s:%llu", zs_id_text(id, idb, sizeof idb),
			 (unsigned long long)stamp);
	}
	rec_free(&r);
	store_iter_free(it);
	store_done(t);
}

/* Claims in the first-talk register waiting for the city office. */
static void add_claims(struct zs *z, struct entries *e)
{
	const char *role = rec_text(&z->me_rec, "role", "");
	if (!zs_sees_all(z) || (strcmp(role, "city") && strcmp(role, "admin")))
		return;
	size_t cap = 256, n;
	uint64_t *ids = NULL;
	for (;;) {
		ids = xreallocarray(ids, cap, sizeof *ids);
		n = zs_register(z, "claim", ids, cap);
		if (n < cap)
			break;
		cap *= 4;
	}
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		if (zs_get(z, KIND_PROJECT, ids[i], &r) != ZS_OK)
			continue;
		struct zs_inbox_entry *x = push(e);
		x->what = ZS_INBOX_CLAIM;
		x->kind = KIND_PROJECT;
		x->id = x->project = ids[i];
		date_parse(rec_text(&r, "ft_registered", ""), &x->date);
		char idb[32];
		snprintf(x->key, sizeof x->key, "claim:%s", zs_id_text(ids[i], idb, sizeof idb));
	}
	rec_free(&r);
	free(ids);
}

/* The officer's read marks: the store's clock stamp at the last "all
 * read" and the keys read since, sorted. */
struct marks {
	uint64_t mark;
	char **keys;
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The meta key of my marks. */
static void marks_name(const struct zs *z, char *buf, size_t n)
{
	snprintf(buf, n, "inbox.%llu", (unsigned long long)z->me);
}

/* Parses the stored marks ("mark N" then a key per line). */
static void marks_parse(struct marks *m, const char *text)
{
	memset(m, 0, sizeof *m);
	if (!text)
		return;
	size_t cap = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!strncmp(p, "mark ", 5))
			m->mark = strtoull(p + 5, NULL, 10);
		else if (len) {
			if (m->n == cap) {
				cap = cap ? cap * 2 : 32;
				m->keys = xreallocarray(m->keys, cap, sizeof *m->keys);
			}
			m->keys[m->n++] = xmemdup(p, len);
		}
		p += len + (nl ? 1 : 0);
	}
	qsort(m->keys, m->n, sizeof *m->keys, cmp_str);
}

static void marks_free(struct marks *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	memset(m, 0, sizeof *m);
}

static bool marks_has(const struct marks *m, const char *key)
{
	return m->n && bsearch(&key, m->keys, m->n, sizeof *m->keys, cmp_str) != NULL;
}

/* Reads my marks. */
static void marks_read(struct zs *z, struct marks *m)
{
	struct store_txn *t;
	char name[48], *text = NULL;
	marks_name(z, name, sizeof name);
	memset(m, 0, sizeof *m);
	if (store_read(z->st, &t) != STORE_OK)
		return;
	if (store_meta_get(t, name, &text) == STORE_OK)
		marks_parse(m, text);
	free(text);
	store_done(t);
}

/* Newest first; unread before read on the same day. */
static int cmp_entry(const void *a, const void *b)
{
	const struct zs_inbox_entry *x = a, *y = b;
	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	if (x->unread != y->unread)
		return x->unread ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/* Every entry of my inbox, with its read mark, newest first. */
static void collect(struct zs *z, int days, struct entries *e, struct marks *m)
{
	marks_read(z, m);
	add_issues(z, e);
	add_ending(z, e, days);
	size_t from = e->n;
	add_assigned(z, e, m->mark);
	add_claims(z, e);
	for (size_t i = 0; i < e->n; i++) {
		bool assigned = i >= from && e->v[i].what == ZS_INBOX_ASSIGNED;
		e->v[i].unread = (assigned ? e->v[i].unread : true) && !marks_has(m, e->v[i].key);
	}
	if (e->n > 1)
		qsort(e->v, e->n, sizeof *e->v, cmp_entry);
}

/* The unread count alone (the home screen's): the issues waiting on me
 * from the counts the write path keeps, less those I read at the level
 * they are at (each read mark's issue read once), and the rest of the
 * entries as collect() makes them.  For an officer who sees every
 * district: one of a district also needs each issue's visibility. */
static size_t count_unread(struct zs *z, int days)
{
	struct entries e = {0};
	struct marks m;
	marks_read(z, &m);
	add_ending(z, &e, days);
	size_t from = e.n, nu = 0;
	add_assigned(z, &e, m.mark);
	add_claims(z, &e);
	for (size_t i = 0; i < e.n; i++) {
		bool assigned = i >= from && e.v[i].what == ZS_INBOX_ASSIGNED;
		nu += (assigned ? e.v[i].unread : true) && !marks_has(&m, e.v[i].key);
	}
	free(e.v);
	struct store_txn *t;
	if (store_read(z->st, &t) == STORE_OK) {
		uint64_t issues = 0;
		home_issue_count(z, t, &issues);
		struct rec r;
		rec_init(&r);
		for (size_t i = 0; i < m.n && issues; i++) {
			char idt[48], *colon;
			uint64_t id;
			if (strncmp(m.keys[i], "issue:", 6))
				continue;
			snprintf(idt, sizeof idt, "%s", m.keys[i] + 6);
			if (!(colon = strrchr(idt, ':')))
				continue;
			*colon = '\0';
			if (zs_id_parse(idt, &id) == 0 &&
			    store_get(t, &z->tables[KIND_ISSUE], id, &r) == STORE_OK &&
			    !strcmp(rec_text(&r, "level", ""), colon + 1) && home_issue_waits(z, t, &r))
				issues--;
		}
		rec_free(&r);
		store_done(t);
		nu += (size_t)issues;
	}
	marks_free(&m);
	return nu;
}

size_t zs_inbox(struct zs *z, int days, bool all, struct zs_inbox_entry *out, size_t max,
		size_t *unread)
{
	if (!out && !all && unread && zs_sees_all(z)) {
		*unread = count_unread(z, days);
		return *unread;
	}
	struct entries e = {0};
	struct marks m;
	collect(z, days, &e, &m);
	size_t got = 0, nu = 0;
	for (size_t i = 0; i < e.n; i++) {
		if (e.v[i].unread)
			nu++;
		if (!all && !e.v[i].unread)
			continue;
		if (out && got < max)
			out[got] = e.v[i];
		got++;
	}
	if (unread)
		*unread = nu;
	marks_free(&m);
	free(e.v);
	return got;
}

struct mark_ctx {
	const char *name, *text;
};

/* Writes my marks in a write transaction. */
static int mark_txn(struct store_txn *t, void *vctx)
{
	struct mark_ctx *c = vctx;
	return store_meta_put(t, c->name, c->text);
}

int zs_inbox_mark(struct zs *z, int days, const char *key)
{
	if (!z->me)
		return zs_fail(z, ZS_DENIED, "%s", _("only an officer has an inbox"));
	struct entries e = {0};
	struct marks m;
	collect(z, days, &e, &m);
	uint64_t mark = m.mark;
	if (!key) {
		/* Everything up to the store's clock now is read. */
		struct store_txn *t;
		if (store_read(z->st, &t) == STORE_OK) {
			if (store_meta_get_u64(t, "hlc", &mark) != STORE_OK)
				mark = m.mark;
			store_done(t);
		}
	}
	/* The keys kept: those of entries that still exist and were read
	 * (all of them when everything is marked read), and key. */
	size_t cap = 64, used = 0;
	char *text = xmalloc(cap);
	used = (size_t)snprintf(text, cap, "mark %llu\n", (unsigned long long)mark);
	for (size_t i = 0; i < e.n; i++) {
		const char *k = e.v[i].key;
		bool keep = !key || marks_has(&m, k) || !strcmp(k, key);
		if (!keep)
			continue;
		size_t len = strlen(k);
		if (used + len + 2 > cap) {
			cap = (used + len + 2) * 2;
			text = xrealloc(text, cap);
		}
		memcpy(text + used, k, len);
		used += len;
		text[used++] = '\n';
		text[used] = '\0';
	}
	char name[48];
	marks_name(z, name, sizeof name);
	struct mark_ctx c = {name, text};
	int rc = store_write(z->st, mark_txn, &c);
	free(text);
	marks_free(&m);
	free(e.v);
	return zs_from_store(z, rc);
}

void zs_inbox_describe(struct zs *z, const struct zs_inbox_entry *x, char *what, size_t wn,
		       char *name, size_t nn, char *detail, size_t dn)
{
	static const char *const labels[] = {N_("Issue waiting on me"), N_("First talk ending"),
					     N_("Assigned to me"), N_("Claim for the city")};
	snprintf(what, wn, "%s", _(labels[x->what]));
	struct rec r;
	rec_init(&r);
	name[0] = detail[0] = '\0';
	if (zs_get(z, KIND_PROJECT, x->project, &r) == ZS_OK)
		snprintf(name, nn, "%s", rec_text(&r, "name", ""));
	char d[11] = "";
	if (x->date)
		date_format(x->date, d);
	switch (x->what) {
	case ZS_INBOX_ISSUE: {
		struct rec is;
		char lvl[64] = "", cat[64] = "";
		rec_init(&is);
		if (zs_get(z, KIND_ISSUE, x->id, &is) == ZS_OK) {
			zs_field_text(z, KIND_ISSUE, &is, "level", lvl, sizeof lvl);
			zs_field_text(z, KIND_ISSUE, &is, "category", cat, sizeof cat);
		}
		rec_free(&is);
		snprintf(detail, dn, _("%s, %s since %s"), cat, lvl, d);
		break;
	}
	case ZS_INBOX_FT_ENDING:
		snprintf(detail, dn, _("exclusive until %s"), d);
		break;
	case ZS_INBOX_ASSIGNED:
		snprintf(detail, dn, _("service manager since %s"), d);
		break;
	case ZS_INBOX_CLAIM: {
		char by[256] = "";
		zs_field_text(z, KIND_PROJECT, &r, "district", by, sizeof by);
		snprintf(detail, dn, _("claimed by %s on %s"), by, d);
		break;
	}
	}
	rec_free(&r);
}

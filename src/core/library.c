/*
 * library.c - what the libraries beside the project library check and
 * warn of at saving: target enterprises (目标企业清单), promotion events
 * (推介活动库), space and land carriers (空间资源载体), policies, experts,
 * intermediaries and visit plans (走访计划).
 *
 * Each is a record kind of its own written through the one save path;
 * their index keys are in tables.c, who writes a row in access.c (its
 * district's officers and the city office), the verbs in libverbs.c.
 * Here: the district a new row takes; the warnings a save shows first and
 * records - two districts chasing one enterprise, two districts' events
 * at the same region and industry within the profile's number of days, a
 * carrier promised to two live projects - and the lists of those the city
 * office and the districts concerned look through; a carrier's city list
 * and reserve; an event's plan reason; a visit plan's quarter, ticked off
 * by a follow-up.  Every check walks one index range, so it costs the same
 * however large a library grows.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "internal.h"
#include "normalize.h"

/* A carrier of this many 亩 (times 100) goes on the city's list ... */
#define CITY_LIST_MU 10000
/* ... and of this many is held in reserve and never split. */
#define RESERVE_MU 20000

/* The label of built-in field f of kind k, translated. */
static const char *label(enum kind k, const char *f)
{
	const struct field_def *d = schema_field(k, f);
	return d ? _(d->label) : f;
}

/* The name of district d, or "the city office" for none. */
static void district_name(struct zs *z, struct store_txn *t, int64_t d, char *buf, size_t n)
{
	struct rec r;
	rec_init(&r);
	if (d > 0 && store_get(t, &z->tables[KIND_DISTRICT], (uint64_t)d, &r) == STORE_OK)
		snprintf(buf, n, "%s", rec_text(&r, "name", "?"));
	else
		snprintf(buf, n, "%s", _("the city office"));
	rec_free(&r);
}

/* Appends one warning to out. */
static void warn(char (*out)[ZS_WARN_BYTES], size_t max, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void warn(char (*out)[ZS_WARN_BYTES], size_t max, size_t *n, const char *fmt, ...)
{
	if (*n < max) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(out[*n], ZS_WARN_BYTES, fmt, ap);
		va_end(ap);
	}
	(*n)++;
}

struct clash_walk {
	struct zs *z;
	struct store_txn *t;
	uint64_t self;
	const struct rec *r;
	char group[400]; /* industry, region, country: the events that may clash */
	size_t glen;
	char last[11]; /* the last day of the window */
	uint64_t ids[64];
	size_t n;
};

/* One event of the group's window: another district's clashes. */
static int clash_one(void *ctx, const void *key, size_t klen, uint64_t id)
{
	struct clash_walk *w = ctx;
	const char *k = key;
	if (klen < w->glen + 10 || memcmp(k, w->group, w->glen) != 0 ||
	    memcmp(k + w->glen, w->last, 10) > 0)
		return 1;
	if (id == w->self || w->n == sizeof w->ids / sizeof *w->ids)
		return 0;
	struct rec o;
	rec_init(&o);
	if (store_get(w->t, &w->z->tables[KIND_EVENT], id, &o) == STORE_OK &&
	    rec_int(&o, "district", 0) != rec_int(w->r, "district", 0))
		w->ids[w->n++] = id;
	rec_free(&o);
	return 0;
}

/* The events of other districts clashing with event r (id self): up to
 * 64 ids into w->ids. */
static void event_clashes(struct zs *z, struct store_txn *t, uint64_t self, const struct rec *r,
			  struct clash_walk *w)
{
	memset(w, 0, sizeof *w);
	w->z = z;
	w->t = t;
	w->self = self;
	w->r = r;
	date_t d;
	int days = z->prof.event_clash_days;
	if (days <= 0 || date_parse(rec_text(r, "date", ""), &d) < 0)
		return;
	w->glen = library_event_group(r, w->group, sizeof w->group - 11);
	if (!w->glen)
		return;
	date_format(d - days, w->group + w->glen); /* from the first day of the window */
	date_format(d + days, w->last);
	store_index_scan(t, &z->tables[KIND_EVENT], IX_EVENT_CLASH, w->group, w->glen + 10, false,
			 clash_one, w);
}

/* The other districts' live target rows of the enterprise of r (by
 * folded name and credit code): up to max ids. */
static size_t target_others(struct zs *z, struct store_txn *t, uint64_t self, const struct rec *r,
			    uint64_t *ids, size_t max)
{
	char keys[2][256];
	library_folded(KIND_TARGET, r, keys[0], sizeof keys[0]);
	const char *code = rec_text(r, "credit_code", "");
	snprintf(keys[1], sizeof keys[1], "%s%s", *code ? "#" : "", code);
	size_t n = 0;
	for (int k = 0; k < 2; k++) {
		if (!keys[k][0])
			continue;
		struct store_iter *it = store_iter_postings(t, &z->tables[KIND_TARGET], IX_LIB_KEY,
							    keys[k], strlen(keys[k]));
		uint64_t id;
		struct rec o;
		rec_init(&o);
		for (int seen = 0; it && store_iter_next(it, &id) && n < max && seen < 10000; seen++) {
			bool dup = id == self;
			for (size_t i = 0; i < n && !dup; i++)
				dup = ids[i] == id;
			if (!dup && store_get(t, &z->tables[KIND_TARGET], id, &o) == STORE_OK &&
			    rec_int(&o, "district", 0) != rec_int(r, "district", 0) &&
			    strcmp(rec_text(&o, "status", ""), "dropped") != 0)
				ids[n++] = id;
		}
		rec_free(&o);
		store_iter_free(it);
	}
	return n;
}

/* The other live projects promised carrier c: up to max ids. */
static size_t carrier_projects(struct zs *z, struct store_txn *t, uint64_t self, int64_t c,
			       uint64_t *ids, size_t max)
{
	size_t n = 0;
	if (c <= 0)
		return 0;
	unsigned char key[8];
	zs_be64(key, (uint64_t)c);
	struct store_iter *it =
		store_iter_postings(t, &z->tables[KIND_PROJECT], IX_PROJECT_CARRIER, key, 8);
	uint64_t id;
	struct rec p;
	rec_init(&p);
	while (it && n < max && store_iter_next(it, &id))
		if (id != self && store_get(t, &z->tables[KIND_PROJECT], id, &p) == STORE_OK &&
		    tables_live(&z->prof, &p))
			ids[n++] = id;
	rec_free(&p);
	store_iter_free(it);
	return n;
}

/* The warnings of saving r (kind k, number id or 0) inside t. */
static size_t warnings(struct zs *z, struct store_txn *t, enum kind k, uint64_t id,
		       const struct rec *r, char (*out)[ZS_WARN_BYTES], size_t max)
{
	size_t n = 0;
	char dn[128], idb[32];
	struct rec o;
	rec_init(&o);
	if (k == KIND_EVENT) {
		struct clash_walk w;
		event_clashes(z, t, id, r, &w);
		for (size_t i = 0; i < w.n; i++)
			if (store_get(t, &z->tables[KIND_EVENT], w.ids[i], &o) == STORE_OK) {
				district_name(z, t, rec_int(&o, "district", 0), dn, sizeof dn);
				warn(out, max, &n,
				     _("clash: event %s %s of %s on %s, same region and industry "
				       "within %d days"),
				     zs_id_text(w.ids[i], idb, sizeof idb), rec_text(&o, "name", ""), dn,
				     rec_text(&o, "date", ""), z->prof.event_clash_days);
			}
	} else if (k == KIND_TARGET) {
		uint64_t ids[16];
		size_t m = target_others(z, t, id, r, ids, 16);
		for (size_t i = 0; i < m; i++)
			if (store_get(t, &z->tables[KIND_TARGET], ids[i], &o) == STORE_OK) {
				district_name(z, t, rec_int(&o, "district", 0), dn, sizeof dn);
				warn(out, max, &n, _("%s is also chased by %s (target %s)"),
				     rec_text(r, "name", ""), dn, zs_id_text(ids[i], idb, sizeof idb));
			}
	} else if (k == KIND_PROJECT && tables_live(&z->prof, r)) {
		uint64_t ids[16];
		size_t m = carrier_projects(z, t, id, rec_int(r, "carrier", 0), ids, 16);
		for (size_t i = 0; i < m; i++)
			if (store_get(t, &z->tables[KIND_PROJECT], ids[i], &o) == STORE_OK) {
				district_name(z, t, rec_int(&o, "district", 0), dn, sizeof dn);
				warn(out, max, &n,
				     _("the carrier is already promised to project %s %s (%s)"),
				     zs_id_text(ids[i], idb, sizeof idb), rec_text(&o, "name", ""), dn);
			}
	}
	rec_free(&o);
	return n;
}

size_t zs_lib_warnings(struct zs *z, enum kind k, uint64_t id, const struct rec *r,
		       char (*out)[ZS_WARN_BYTES], size_t max)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	struct rec copy;
	rec_copy(&copy, r);
	if (!rec_find(&copy, "district") && rec_int(&z->me_rec, "district", 0) > 0 &&
	    k != KIND_PROJECT)
		rec_set_int(&copy, "district", rec_int(&z->me_rec, "district", 0));
	size_t n = warnings(z, t, k, id, &copy, out, max);
	rec_free(&copy);
	store_done(t);
	return n;
}

/* Fails on field with the message. */
static int fail_on(struct zs *z, const char *field, const char *msg)
{
	zs_fail(z, ZS_INVALID, "%s: %s", label(KIND_CARRIER, field), msg);
	zs_fail_field(z, field);
	return STORE_ERROR;
}

int library_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r)
{
	if (!rec_find(r, "district") && r->version == 0 && rec_int(&z->me_rec, "district", 0) > 0)
		rec_set_int(r, "district", rec_int(&z->me_rec, "district", 0));
	char w[8][ZS_WARN_BYTES], seen[300] = "";
	size_t n = warnings(z, t, k, id, r, w, 8), used = 0;
	for (size_t i = 0; i < n && i < 8 && used < sizeof seen; i++)
		used += (size_t)snprintf(seen + used, sizeof seen - used, "%s%s", used ? "; " : "",
					 w[i]);
	if (used >= sizeof seen) { /* cut on a whole character */
		size_t cut = sizeof seen - 1;
		while (cut > 0 && ((unsigned char)seen[cut] & 0xC0) == 0x80)
			cut--;
		seen[cut] = '\0';
	}
	if (k == KIND_EVENT) {
		if (!rec_bool(r, "in_plan", true) && !*rec_text(r, "plan_reason", ""))
			return zs_fail(z, ZS_INVALID, "%s: %s",
				       label(KIND_EVENT, "plan_reason"),
				       _("an event outside the year's plan needs a reason")),
			       zs_fail_field(z, "plan_reason"), STORE_ERROR;
		rec_set_text(r, "clash_seen", seen);
	} else if (k == KIND_TARGET) {
		rec_set_text(r, "shared_seen", seen);
	} else if (k == KIND_VISIT) {
		/* The quarter as 2026Q4 (2026q4, 2026-Q4 and 2026年第4季度 read too). */
		const char *q = rec_text(r, "quarter", "");
		int y = 0, qn = 0, end = 0;
		char tail[16] = "";
		if ((sscanf(q, "%4d%*1[Qq]%1d%n", &y, &qn, &end) == 2 && !q[end]) ||
		    (sscanf(q, "%4d-%*1[Qq]%1d%n", &y, &qn, &end) == 2 && !q[end]) ||
		    (sscanf(q, "%4d年第%1d季度%n", &y, &qn, &end) == 2 && !q[end])) {
			snprintf(tail, sizeof tail, "%04dQ%d", y, qn);
		}
		if (!tail[0] || y < 2000 || y > 2100 || qn < 1 || qn > 4)
			return zs_fail(z, ZS_INVALID, "%s: %s", label(KIND_VISIT, "quarter"),
				       _("a quarter looks like 2026Q4")),
			       zs_fail_field(z, "quarter"), STORE_ERROR;
		rec_set_text(r, "quarter", tail);
	} else if (k == KIND_CARRIER) {
		/* The contiguous plot in 亩: as typed, else a plot's own area. */
		int64_t mu = rec_int(r, "contiguous", -1);
		if (mu < 0 && !strcmp(rec_text(r, "type", ""), "plot"))
			mu = !strcmp(rec_text(r, "area_unit", ""), "mu")
				     ? rec_int(r, "area", 0)
				     : rec_int(r, "area", 0) * 3 / 2000; /* 1亩 = 2000/3 m² */
		rec_set_bool(r, "city_list", mu >= CITY_LIST_MU);
		rec_set_bool(r, "reserve", mu >= RESERVE_MU);
		int64_t from = rec_int(r, "split_from", 0);
		struct rec o;
		rec_init(&o);
		bool reserved = from > 0 && (uint64_t)from != id &&
				store_get(t, &z->tables[KIND_CARRIER], (uint64_t)from, &o) == STORE_OK &&
				rec_bool(&o, "reserve", false);
		if (id && store_get(t, &z->tables[KIND_CARRIER], id, &o) == STORE_OK &&
		    rec_bool(&o, "reserve", false) && mu < RESERVE_MU) {
			rec_free(&o);
			return fail_on(z, "contiguous",
				       _("a plot of 200亩 or more is never split: it is held in reserve"));
		}
		rec_free(&o);
		if (reserved)
			return fail_on(z, "split_from",
				       _("that plot is held in reserve (200亩 or more) and is never "
					 "split"));
		if ((uint64_t)from == id && id)
			return fail_on(z, "split_from", _("a carrier is not split from itself"));
	}
	return STORE_OK;
}

/* ---- the lists of clashes ---- */

/* True when the officer is concerned by a row of district d. */
static bool concerned(struct zs *z, int64_t d)
{
	return zs_sees_all(z) || (d > 0 && d == rec_int(&z->me_rec, "district", 0));
}

struct pairs_walk {
	struct zs *z;
	struct store_txn *t;
	enum kind k;
	int (*fn)(void *, const struct zs_pair *);
	void *ctx;
	char key[256];
	size_t klen;
	uint64_t ids[64];
	size_t n;
	size_t count;
	bool stop;
};

/* Reports a pair when the officer is concerned by either side. */
static void report(struct pairs_walk *w, uint64_t a, uint64_t b, uint64_t about, int64_t da,
		   int64_t db)
{
	if (w->stop || !(concerned(w->z, da) || concerned(w->z, db)))
		return;
	struct zs_pair p = {a, b, about};
	w->count++;
	if (w->fn(w->ctx, &p))
		w->stop = true;
}

/* The pairs of one group of target rows under one key. */
static void target_group(struct pairs_walk *w)
{
	struct rec a, b;
	rec_init(&a);
	rec_init(&b);
	for (size_t i = 0; i < w->n && !w->stop; i++) {
		if (store_get(w->t, &w->z->tables[KIND_TARGET], w->ids[i], &a) != STORE_OK ||
		    !strcmp(rec_text(&a, "status", ""), "dropped"))
			continue;
		for (size_t j = i + 1; j < w->n && !w->stop; j++)
			if (store_get(w->t, &w->z->tables[KIND_TARGET], w->ids[j], &b) == STORE_OK &&
			    strcmp(rec_text(&b, "status", ""), "dropped") != 0 &&
			    rec_int(&a, "district", 0) != rec_int(&b, "district", 0))
				report(w, w->ids[j], w->ids[i], 0, rec_int(&a, "district", 0),
				       rec_int(&b, "district", 0));
	}
	rec_free(&a);
	rec_free(&b);
	w->n = 0;
}

/* One key of the target rows' name index, in key order: groups them. */
static int target_step(void *ctx, const void *key, size_t klen, uint64_t id)
{
	struct pairs_walk *w = ctx;
	if (w->stop)
		return 1;
	if (klen > 0 && ((const char *)key)[0] == '#')
		return 0; /* credit codes: the names say it (and once) */
	if (klen != w->klen || memcmp(key, w->key, klen) != 0) {
		target_group(w);
		w->klen = klen < sizeof w->key ? klen : sizeof w->key;
		memcpy(w->key, key, w->klen);
	}
	if (w->n < sizeof w->ids / sizeof *w->ids)
		w->ids[w->n++] = id;
	return 0;
}

/* One event: the clashes after it within the window. */
static int event_step(void *ctx, const void *key, size_t klen, uint64_t id)
{
	struct pairs_walk *w = ctx;
	(void)key;
	(void)klen;
	struct rec r;
	rec_init(&r);
	if (store_get(w->t, &w->z->tables[KIND_EVENT], id, &r) == STORE_OK) {
		struct clash_walk c;
		event_clashes(w->z, w->t, id, &r, &c);
		struct rec o;
		rec_init(&o);
		for (size_t i = 0; i < c.n && !w->stop; i++) {
			/* Each pair once: from the earlier event, or the lower number on one day. */
			if (store_get(w->t, &w->z->tables[KIND_EVENT], c.ids[i], &o) != STORE_OK)
				continue;
			int cmp = strcmp(rec_text(&o, "date", ""), rec_text(&r, "date", ""));
			if (cmp > 0 || (cmp == 0 && c.ids[i] > id))
				report(w, id, c.ids[i], 0, rec_int(&r, "district", 0),
				       rec_int(&o, "district", 0));
		}
		rec_free(&o);
	}
	rec_free(&r);
	return w->stop;
}

/* One project naming a carrier, in carrier order: groups them. */
static int carrier_step(void *ctx, const void *key, size_t klen, uint64_t id)
{
	struct pairs_walk *w = ctx;
	if (w->stop)
		return 1;
	if (klen != 8)
		return 0;
	if (w->klen != 8 || memcmp(key, w->key, 8) != 0) {
		uint64_t c = 0;
		for (int i = 0; i < 8; i++)
			c = c << 8 | (unsigned char)w->key[i];
		struct rec a, b;
		rec_init(&a);
		rec_init(&b);
		for (size_t i = 0; w->klen == 8 && i < w->n && !w->stop; i++) {
			if (store_get(w->t, &w->z->tables[KIND_PROJECT], w->ids[i], &a) != STORE_OK ||
			    !tables_live(&w->z->prof, &a))
				continue;
			for (size_t j = i + 1; j < w->n && !w->stop; j++)
				if (store_get(w->t, &w->z->tables[KIND_PROJECT], w->ids[j], &b) ==
					    STORE_OK &&
				    tables_live(&w->z->prof, &b))
					report(w, w->ids[j], w->ids[i], c, rec_int(&a, "district", 0),
					       rec_int(&b, "district", 0));
		}
		rec_free(&a);
		rec_free(&b);
		w->n = 0;
		w->klen = 8;
		memcpy(w->key, key, 8);
	}
	if (w->n < sizeof w->ids / sizeof *w->ids)
		w->ids[w->n++] = id;
	return 0;
}

size_t zs_lib_pairs(struct zs *z, enum kind k, int (*fn)(void *ctx, const struct zs_pair *p),
		    void *ctx)
{
	struct pairs_walk w = {.z = z, .k = k, .fn = fn, .ctx = ctx};
	zs_fail_clear(z);
	if (k != KIND_EVENT && k != KIND_TARGET && k != KIND_CARRIER) {
		zs_fail(z, ZS_INVALID, "%s", "zs_lib_pairs: events, targets or carriers");
		return 0;
	}
	if (store_read(z->st, &w.t)) {
		zs_from_store(z, STORE_ERROR);
		return 0;
	}
	int rc;
	if (k == KIND_EVENT) {
		rc = store_index_scan(w.t, &z->tables[KIND_EVENT], IX_EVENT_DATE, "", 0, false,
				      event_step, &w);
	} else if (k == KIND_TARGET) {
		rc = store_index_scan(w.t, &z->tables[KIND_TARGET], IX_LIB_KEY, "", 0, false,
				      target_step, &w);
		target_group(&w);
	} else {
		rc = store_index_scan(w.t, &z->tables[KIND_PROJECT], IX_PROJECT_CARRIER, "", 0, false,
				      carrier_step, &w);
		unsigned char end[8];
		memset(end, 0xFF, 8);
		if (!w.stop && w.klen == 8)
			carrier_step(&w, end, 8, 0); /* the last group */
	}
	store_done(w.t);
	if (rc)
		zs_from_store(z, rc);
	return w.count;
}


/* ---- visit plans ticked off by follow-ups ---- */

/* The quarter of a day as 2026Q4. */
static void quarter_of(const char *date, char out[8])
{
	int y = 0, m = 0;
	out[0] = '\0';
	if (sscanf(date, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
		snprintf(out, 8, "%04dQ%d", y, (m - 1) / 3 + 1);
}

int library_tick_visits(struct zs *z, struct store_txn *t, uint64_t fid, const struct rec *f)
{
	struct rec e, v;
	rec_init(&e);
	rec_init(&v);
	int64_t eid = rec_int(f, "enterprise", 0);
	char q[8], folded[256];
	quarter_of(rec_text(f, "date", ""), q);
	if (eid <= 0 || !q[0] ||
	    store_get(t, &z->tables[KIND_ENTERPRISE], (uint64_t)eid, &e) != STORE_OK) {
		rec_free(&e);
		return STORE_OK;
	}
	normalize_company(rec_text(&e, "name", ""), folded, sizeof folded);
	rec_free(&e);
	if (!*folded)
		return STORE_OK;
	uint64_t ids[64], id;
	size_t n = 0;
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_VISIT], IX_LIB_KEY, folded,
						    strlen(folded));
	while (it && n < 64 && store_iter_next(it, &id))
		ids[n++] = id;
	store_iter_free(it);
	int rc = STORE_OK;
	char why[64], idb[32];
	snprintf(why, sizeof why, "%s %s", _("Follow-up"), zs_id_text(fid, idb, sizeof idb));
	struct store_who who = {z->me, "tick", why};
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		if (store_get(t, &z->tables[KIND_VISIT], ids[i], &v) != STORE_OK ||
		    rec_find(&v, "visited_on") || strcmp(rec_text(&v, "quarter", ""), q) != 0 ||
		    rec_int(&v, "district", 0) != rec_int(f, "district", 0))
			continue;
		rec_set_text(&v, "visited_on", rec_text(f, "date", ""));
		rec_set_int(&v, "followup", (int64_t)fid);
		rc = store_put(t, &z->tables[KIND_VISIT], ids[i], &v, &who);
	}
	rec_free(&v);
	return rc;
}


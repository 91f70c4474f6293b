/*
 * sync-conflict.c - the conflict queue as officers see it: listing,
 * counting and resolving (a resolution is an operation that travels).
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* ---- the conflict queue ---- */

/* The values of a side as a record. */
static void side_rec(const struct side *sv, struct rec *r)
{
	rec_init(r);
	for (const char *p = sv->vals.text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *tab = memchr(p, '\t', len);
		if (tab) {
			char f[64];
			snprintf(f, sizeof f, "%.*s", (int)(tab - p), p);
			struct rec_value v;
			sync_value_dec(tab + 1, len - (size_t)(tab + 1 - p), &v);
			if (v.type != REC_NULL)
				rec_set(r, f, &v);
			rec_value_free(&v);
		}
		p += len + (nl != NULL);
	}
}

/* The field names of a side, ", "-separated, into buf. */
static void side_fields(const struct side *sv, char *buf, size_t n)
{
	buf[0] = '\0';
	for (const char *p = sv->vals.text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *tab = memchr(p, '\t', len);
		size_t l = strlen(buf);
		if (tab)
			snprintf(buf + l, n - l, "%s%.*s", l ? ", " : "", (int)(tab - p), p);
		p += len + (nl != NULL);
	}
}

/* B, the latest side, and A, the latest whose values differ from B's;
 * false when all hold the same values (nothing to choose). */
static bool pick_ab(const struct sides *sd, size_t ab[2])
{
	if (sd->n < 2)
		return false;
	ab[1] = sd->n - 1;
	const char *b = sd->v[ab[1]].vals.text ? sd->v[ab[1]].vals.text : "";
	for (size_t i = sd->n - 1; i-- > 0;)
		if (strcmp(sd->v[i].vals.text ? sd->v[i].vals.text : "", b)) {
			ab[0] = i;
			return true;
		}
	return false;
}

/* Parses a conflict's meta text into c: A and B are the two latest sides. */
static void conflict_parse(struct zs *z, const char *key, const char *text,
                           struct zs_sync_conflict *c)
{
	memset(c, 0, sizeof *c);
	sync_conflict_id(key, c->id);
	char table[32] = "";
	unsigned long long id = 0;
	sscanf(key, "conflict.%31[^.].%llu.", table, &id);
	int k = schema_kind_by_name(table);
	c->kind = k >= 0 ? (enum kind)k : KIND_PROJECT;
	c->record = id;
	struct sides sd = {NULL, 0};
	sync_sides_parse(text, &sd);
	size_t ab[2];
	c->sides = pick_ab(&sd, ab) ? (unsigned)sd.n : 0;
	if (c->sides) {
		char all[128];
		side_fields(&sd.v[ab[1]], all, sizeof all);
		struct rec r[2];
		for (int i = 0; i < 2; i++) {
			const struct side *sv = &sd.v[ab[i]];
			c->side[i].hlc = sv->hlc;
			c->side[i].node = sv->node;
			c->side[i].who = sv->who;
			side_rec(sv, &r[i]);
		}
		/* The fields whose values differ, as shown; all when none do. */
		for (int pass = 0; pass < 2 && !c->fields[0]; pass++) {
			char fl[128];
			snprintf(fl, sizeof fl, "%s", all);
			char *save = NULL;
			for (char *f = strtok_r(fl, ", ", &save); f;
			     f = strtok_r(NULL, ", ", &save)) {
				const struct rec_field *fa = rec_find(&r[0], f),
				                       *fb = rec_find(&r[1], f);
				static const struct rec_value none = {0};
				if (pass == 0 &&
				    rec_value_equal(fa ? &fa->v : &none, fb ? &fb->v : &none))
					continue;
				size_t l = strlen(c->fields);
				snprintf(c->fields + l, sizeof c->fields - l, "%s%s", l ? ", " : "",
				         f);
				for (int i = 0; i < 2; i++) {
					char buf[256];
					zs_field_text(z, c->kind, &r[i], f, buf, sizeof buf);
					size_t vl = strlen(c->side[i].value);
					snprintf(c->side[i].value + vl,
					         sizeof c->side[i].value - vl, "%s%s",
					         vl ? " " : "", *buf ? buf : "-");
				}
			}
		}
		rec_free(&r[0]);
		rec_free(&r[1]);
	}
	sync_sides_free(&sd);
}

struct list_ctx {
	struct zs *z;
	void (*fn)(void *ctx, const struct zs_sync_conflict *c);
	void *ctx;
	uint64_t n;
	const char *want; /* an id to find, or NULL */
	char key[160];
	char *text;
};

static int by_conflict_id(const void *a, const void *b)
{
	return strcmp(((const struct zs_sync_conflict *)a)->id,
	              ((const struct zs_sync_conflict *)b)->id);
}

/* Visits each open conflict (meta keys "conflict." with text). */
static int visit_conflicts(struct zs *z, struct list_ctx *lc)
{
	struct zs_sync_conflict *found = NULL;
	size_t nfound = 0;
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	/* Meta is read by key: walk the records that could be in conflict is
	 * too slow, so conflict keys are listed in "conflicts" as lines. */
	char *all = NULL;
	if (store_meta_get(t, "conflicts", &all) == STORE_OK) {
		for (char *s = all; *s;) {
			char *nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			char *text;
			if (*s && store_meta_get(t, s, &text) == STORE_OK) {
				if (*text) {
					struct zs_sync_conflict c;
					conflict_parse(z, s, text, &c);
					if (c.sides < 2) {
						free(text);
						s = nl ? nl + 1 : s + strlen(s);
						continue;
					}
					lc->n++;
					if (lc->fn) {
						found =
						    xreallocarray(found, nfound + 1, sizeof *found);
						found[nfound++] = c;
					}
					if (lc->want && !strcmp(lc->want, c.id) && !lc->text) {
						snprintf(lc->key, sizeof lc->key, "%s", s);
						lc->text = xstrdup(text);
					}
				}
				free(text);
			}
			s = nl ? nl + 1 : s + strlen(s);
		}
		free(all);
	}
	store_done(t);
	/* In the same order on every copy. */
	if (nfound)
		qsort(found, nfound, sizeof *found, by_conflict_id);
	for (size_t i = 0; i < nfound; i++)
		lc->fn(lc->ctx, &found[i]);
	free(found);
	return ZS_OK;
}

/* sync_catch_up in a transaction of its own (store_write's callback). */
static int catch_txn(struct store_txn *t, void *vctx)
{
	return sync_catch_up(vctx, t);
}

/* Brings this copy's own writes into the queue before it is read; a
 * copy opened read-only reads it as it stands. */
static void queue_current(struct zs *z)
{
	struct zs_sync_stats st;
	memset(&st, 0, sizeof st);
	struct apply_ctx c = {z, NULL, &st, {0}, ZS_OK};
	store_write(z->st, catch_txn, &c);
}

int zs_conflict_list(struct zs *z, void (*fn)(void *ctx, const struct zs_sync_conflict *c),
                     void *ctx)
{
	zs_fail_clear(z);
	queue_current(z);
	struct list_ctx lc = {z, fn, ctx, 0, NULL, "", NULL};
	return visit_conflicts(z, &lc);
}

uint64_t zs_conflict_count(struct zs *z)
{
	struct list_ctx lc = {z, NULL, NULL, 0, NULL, "", NULL};
	visit_conflicts(z, &lc);
	return lc.n;
}

struct resolve_ctx {
	struct zs *z;
	const char *key, *why;
};

/* The resolution that changes no value: a note that travels. */
static int resolve_note_txn(struct store_txn *t, void *vctx)
{
	struct resolve_ctx *c = vctx;
	int rc = sync_settle(t, c->why);
	if (!rc)
		rc = store_origin_note(t, c->z->me, "resolve", c->why);
	return rc;
}

/* Clears the conflict here after a resolution that saved a value. */
static int resolve_clear_txn(struct store_txn *t, void *vctx)
{
	struct resolve_ctx *c = vctx;
	return sync_settle(t, c->why);
}

int zs_conflict_resolve(struct zs *z, const char *id, char take, const char *value)
{
	zs_fail_clear(z);
	queue_current(z);
	struct list_ctx lc = {z, NULL, NULL, 0, id, "", NULL};
	int rc = visit_conflicts(z, &lc);
	if (rc)
		return rc;
	if (!lc.text)
		return zs_fail(z, ZS_NOTFOUND, _("there is no open conflict %s"), id);
	char table[32] = "", field[64] = "";
	unsigned long long rid = 0;
	sscanf(lc.key, "conflict.%31[^.].%llu.%63s", table, &rid, field);
	int k = schema_kind_by_name(table);
	struct sides sd = {NULL, 0};
	sync_sides_parse(lc.text, &sd);
	char why[1024];
	int wl = snprintf(why, sizeof why, "conflict %s %llu %s", table, rid, field);
	for (size_t i = 0; i < sd.n && wl < (int)sizeof why - 24; i++)
		wl += snprintf(why + wl, sizeof why - (size_t)wl, " %" PRIu64, sd.v[i].hlc);
	struct rec r;
	rec_init(&r);
	size_t ab[2];
	if (k < 0 || !pick_ab(&sd, ab) || (rc = zs_get(z, (enum kind)k, rid, &r)) != ZS_OK) {
		free(lc.text);
		rec_free(&r);
		sync_sides_free(&sd);
		return k < 0 ? zs_fail(z, ZS_ERROR, "%s", _("the conflict names an unknown table"))
		       : rc  ? rc
		             : zs_fail(z, ZS_NOTFOUND, _("there is no open conflict %s"), id);
	}
	struct rec before;
	rec_copy(&before, &r);
	if (take == 'A' || take == 'B') {
		struct rec chosen;
		side_rec(&sd.v[ab[take == 'B']], &chosen);
		char fl[128];
		side_fields(&sd.v[ab[1]], fl, sizeof fl);
		char *save = NULL;
		for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
			const struct rec_field *cf = rec_find(&chosen, f);
			if (cf)
				rec_set(&r, f, &cf->v);
			else
				rec_unset(&r, f);
		}
		rec_free(&chosen);
	} else {
		char msg[512];
		if (zs_field_set(z, (enum kind)k, &r, field, value, msg, sizeof msg) < 0) {
			free(lc.text);
			rec_free(&r);
			rec_free(&before);
			sync_sides_free(&sd);
			zs_fail(z, ZS_INVALID, "%s", msg);
			return zs_fail_field(z, field);
		}
	}
	sync_sides_free(&sd);
	free(lc.text);
	bool same = before.n == r.n;
	for (size_t i = 0; i < r.n && same; i++) {
		const struct rec_field *b = rec_find(&before, r.f[i].name);
		same = b && rec_value_equal(&b->v, &r.f[i].v);
	}
	rec_free(&before);
	struct resolve_ctx rcx = {z, lc.key, why};
	if (same) {
		rec_free(&r);
		rc = store_write(z->st, resolve_note_txn, &rcx);
		return rc ? zs_from_store(z, rc) : ZS_OK;
	}
	uint64_t rid64 = rid;
	rc = zs_save(z, (enum kind)k, &rid64, &r, "resolve", why);
	rec_free(&r);
	if (rc)
		return rc;
	rc = store_write(z->st, resolve_clear_txn, &rcx);
	return rc ? zs_from_store(z, rc) : ZS_OK;
}

/*
 * find.c - finding records from what a user typed, and the claim warning's lookup.
 */
#include <config.h>

#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "utf8.h"
#include "pinyin.h"
#include "normalize.h"
#include "creditcode.h"

size_t zs_claims(struct zs *z, const char *credit_code, const char *name, uint64_t district,
		 uint64_t *ids, size_t max)
{
	struct store_txn *t;
	size_t n = 0;
	if (store_read(z->st, &t))
		return 0;
	uint64_t ents[64];
	size_t ne = 0;
	char code[CREDITCODE_MAX], folded[256];
	if (credit_code && *credit_code) {
		creditcode_check(credit_code, code, NULL);
		if (store_unique_get(t, &z->tables[KIND_ENTERPRISE], IX_ENTERPRISE_CODE, code,
				     strlen(code), &ents[ne]) == STORE_OK)
			ne++;
	}
	/* A near-identical name: the same once spaces, brackets and the legal
	 * form (有限公司, 股份...) are folded away. */
	if (name && normalize_company(name, folded, sizeof folded) > 0) {
		struct store_iter *it = store_iter_postings(t, &z->tables[KIND_ENTERPRISE],
							    IX_ENTERPRISE_NAME, folded, strlen(folded));
		uint64_t id;
		while (ne < 64 && store_iter_next(it, &id)) {
			bool seen = false;
			for (size_t i = 0; i < ne; i++)
				seen |= ents[i] == id;
			if (!seen)
				ents[ne++] = id;
		}
		store_iter_free(it);
	}
	struct rec r;
	rec_init(&r);
	/* The same enterprise under another form of its name: a place in
	 * brackets or in front, a branch.  Found through the name search and
	 * confirmed on the core of each name. */
	char core[256], other[256];
	if (name && normalize_core(name, core, sizeof core) >= 6) {
		struct zs_filter f = {.text = core};
		struct zs_cursor c = {0};
		uint64_t found[64];
		size_t nf = 0;
		for (int rounds = 0; !c.done && nf < 64 && rounds < 50; rounds++)
			nf += zs_list(z, KIND_ENTERPRISE, &f, &c, found + nf, 64 - nf);
		for (size_t i = 0; i < nf && ne < 64; i++) {
			bool seen = false;
			for (size_t j = 0; j < ne; j++)
				seen |= ents[j] == found[i];
			if (seen || store_get(t, &z->tables[KIND_ENTERPRISE], found[i], &r) != STORE_OK)
				continue;
			normalize_core(rec_text(&r, "name", ""), other, sizeof other);
			if (!strcmp(core, other))
				ents[ne++] = found[i];
		}
	}
	for (size_t e = 0; e < ne && n < max; e++) {
		unsigned char key[8];
		zs_be64(key, ents[e]);
		struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT],
							    IX_PROJECT_ENTERPRISE, key, 8);
		uint64_t id;
		while (n < max && store_iter_next(it, &id)) {
			if (store_get(t, &z->tables[KIND_PROJECT], id, &r) == STORE_OK) {
				const char *st = rec_text(&r, "stage", "");
				bool gone = profile_stage_is(&z->prof, st, STAGE_EXITED);
				bool elsewhere = (uint64_t)rec_int(&r, "district", 0) != district;
				if (!gone && (elsewhere || profile_stage_is(&z->prof, st, STAGE_TALKS)))
					ids[n++] = id;
			}
		}
		store_iter_free(it);
	}
	rec_free(&r);
	store_done(t);
	return n;
}

/* ---- finding records from what a user typed ---- */

struct match_ctx {
	uint64_t id;
	int hits;
	const char *text;
	struct zs *z;
	enum kind k;
};

/* Scans a small table for a record whose name matches. */
static int scan_by_name(struct zs *z, enum kind k, const char *text, uint64_t *id)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return zs_from_store(z, STORE_ERROR);
	struct store_iter *it = store_iter_records(t, &z->tables[k]);
	uint64_t cur, hit = 0;
	int hits = 0, exact = 0;
	struct rec r;
	rec_init(&r);
	while (store_iter_next(it, &cur)) {
		if (store_get(t, &z->tables[k], cur, &r) == STORE_OK) {
			const char *name = rec_text(&r, "name", "");
			const char *en = rec_text(&r, "name_en", "");
			const char *abbr = rec_text(&r, "abbr", "");
			const char *code = rec_text(&r, "code", "");
			const char *login = rec_text(&r, "login", "");
			if (!strcmp(name, text) || !strcasecmp(en, text) || !strcasecmp(abbr, text) ||
			    !strcmp(code, text) || !strcmp(login, text)) {
				hit = cur;
				exact++;
			} else if (!exact && (pinyin_match(name, text) && strlen(text) > 1)) {
				if (!hits || hit != cur)
					hits++;
				hit = cur;
			}
		}
		if (exact)
			break;
	}
	rec_free(&r);
	store_iter_free(it);
	store_done(t);
	if (exact || hits == 1) {
		*id = hit;
		return ZS_OK;
	}
	if (hits > 1)
		return zs_fail(z, ZS_NOTFOUND, _("%s matches %d %ss; be more precise"), text, hits,
			       _(schema_kind(k)->label));
	return zs_fail(z, ZS_NOTFOUND, _("no %s called %s"), _(schema_kind(k)->label), text);
}

int zs_resolve(struct zs *z, enum kind k, const char *text, uint64_t *id)
{
	struct rec r;
	uint64_t cand;
	rec_init(&r);
	if (zs_id_parse(text, &cand) == 0) {
		int g = zs_get(z, k, cand, &r);
		rec_free(&r);
		if (g == ZS_OK) {
			*id = cand;
			return ZS_OK;
		}
		if (g == ZS_DENIED)
			return g; /* it exists, and zs_error says whose it is */
	}
	if (k == KIND_DISTRICT || k == KIND_OFFICER)
		return scan_by_name(z, k, text, id);
	if (k == KIND_ENTERPRISE) {
		struct store_txn *t;
		char code[CREDITCODE_MAX], folded[256];
		if (store_read(z->st, &t))
			return zs_from_store(z, STORE_ERROR);
		creditcode_check(text, code, NULL);
		int rc = store_unique_get(t, &z->tables[k], IX_ENTERPRISE_CODE, code, strlen(code),
					  id);
		if (rc != STORE_OK && normalize_company(text, folded, sizeof folded) > 0) {
			/* A unique (folded) name. */
			struct store_iter *it = store_iter_postings(
				t, &z->tables[k], IX_ENTERPRISE_NAME, folded, strlen(folded));
			if (it && store_iter_count(it) == 1 && store_iter_seek(it, UINT64_MAX, id))
				rc = STORE_OK;
			else if (it && store_iter_count(it) > 1)
				rc = -2;
			store_iter_free(it);
		}
		store_done(t);
		if (rc == STORE_OK)
			return ZS_OK;
		if (rc != -2) {
			/* Part of a name, or its pinyin: fine when only one matches. */
			struct zs_filter f = {.text = text};
			struct zs_cursor c = {0};
			uint64_t hits[2];
			size_t n = 0;
			while (!c.done && n < 2)
				n += zs_list(z, KIND_ENTERPRISE, &f, &c, hits + n, 2 - n);
			if (n == 1) {
				*id = hits[0];
				return ZS_OK;
			}
			if (n > 1)
				rc = -2;
		}
		if (rc == -2)
			return zs_fail(z, ZS_NOTFOUND,
				       _("several enterprises are called %s; give the credit code or "
					 "the id"),
				       text);
		return zs_fail(z, ZS_NOTFOUND,
			       _("no enterprise with the credit code or name %s; add it with "
				 "'zsdesk enterprise add'"),
			       text);
	}
	if (zs_is_library(k)) {
		/* A library row by its name, part of it or its pinyin: when only one matches. */
		struct zs_filter f = {.text = text};
		struct zs_cursor c = {0};
		uint64_t hits[2];
		size_t n = 0;
		while (!c.done && n < 2)
			n += zs_list(z, k, &f, &c, hits + n, 2 - n);
		if (n == 1) {
			*id = hits[0];
			return ZS_OK;
		}
		if (n > 1)
			return zs_fail(z, ZS_NOTFOUND, _("several %ss match %s; give the number"),
				       _(schema_kind(k)->label), text);
	}
	return zs_fail(z, ZS_NOTFOUND, _("no %s %s"), _(schema_kind(k)->label), text);
}

/* ---- the register ---- */

struct reg_scan {
	const char *prefix;
	size_t plen;
	uint64_t *ids;
	size_t n, max;
	const char *until; /* the last end date wanted (YYYY-MM-DD), or NULL */
};

/* Collects ids of a first-talk status, in order of their end date. */
static int reg_hit(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct reg_scan *s = vctx;
	if (klen < s->plen || memcmp(key, s->prefix, s->plen) != 0 || s->n >= s->max)
		return 1;
	if (s->until) {
		/* Keys hold the end date as text: they sort as the days. */
		size_t dl = klen - s->plen, ul = strlen(s->until);
		int c = memcmp((const char *)key + s->plen, s->until, dl < ul ? dl : ul);
		if (c > 0 || (c == 0 && dl > ul))
			return 1;
	}
	s->ids[s->n++] = id;
	return 0;
}

static size_t register_read(struct zs *z, const char *status, const char *until, uint64_t *ids,
			    size_t max);

size_t zs_register(struct zs *z, const char *status, uint64_t *ids, size_t max)
{
	return register_read(z, status, NULL, ids, max);
}

size_t zs_register_until(struct zs *z, const char *status, date_t until, uint64_t *ids,
			 size_t max)
{
	char day[16];
	date_format(until, day);
	return register_read(z, status, day, ids, max);
}

static size_t register_read(struct zs *z, const char *status, const char *until, uint64_t *ids,
			    size_t max)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "%s|", status);
	struct reg_scan s = {prefix, strlen(prefix), ids, 0, max, until};
	store_index_scan(t, &z->tables[KIND_PROJECT], IX_PROJECT_FIRSTTALK, prefix, s.plen, false,
			 reg_hit, &s);
	if (!zs_sees_all(z)) {
		/* A district sees its own part of the register. */
		size_t kept = 0;
		struct rec r;
		rec_init(&r);
		for (size_t i = 0; i < s.n; i++)
			if (store_get(t, &z->tables[KIND_PROJECT], ids[i], &r) == STORE_OK &&
			    access_project_mine(z, &r))
				ids[kept++] = ids[i];
		rec_free(&r);
		s.n = kept;
	}
	store_done(t);
	return s.n;
}

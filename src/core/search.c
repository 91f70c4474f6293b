/*
 * search.c - listing and finding projects among a million.
 *
 * A query becomes a small tree of posting lists - AND for "all of these
 * tokens", OR for "any of these readings" - over the indexes, walked from
 * the newest id down.  Each list is sorted, so the tree finds the next
 * candidate by seeking, never by reading everything; a candidate is then
 * verified against its record (substring, or pinyin_match), so the
 * indexes only have to be generous, not exact.
 *
 * Search tokens of a name (index "<table>.search"), kept few because they
 * are most of the store's size:
 *   'h' + two consecutive characters of the folded name (normalize_search;
 *       enterprise names without their legal form) - Chinese and ASCII;
 *   'i' + the first letters of two consecutive characters ("ibj"), for
 *       every combination of readings - pinyin initials, and full pinyin
 *       through its syllables' initials ("beijing" = bei|jing -> "bj").
 * One-character queries have no token: they scan newest first and verify,
 * which fills a page at once for any common character or letter.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "creditcode.h"
#include "internal.h"
#include "xalloc.h"
#include "normalize.h"
#include "pinyin.h"
#include "utf8.h"

#define MAX_CHARS 96

/* ---- query trees ---- */

enum qop { Q_LIST, Q_AND, Q_OR, Q_ARRAY };

struct qnode {
	enum qop op;
	struct store_iter *it;
	struct qnode **kids;
	int n;
	uint64_t *arr; /* Q_ARRAY: ascending ids */
	size_t narr;
};

/* A new node. */
static struct qnode *qnew(enum qop op)
{
	struct qnode *q = xcalloc(1, sizeof *q);
	q->op = op;
	return q;
}

/* Adds kid to q (a NULL kid is an empty list). */
static void qadd(struct qnode *q, struct qnode *kid)
{
	struct qnode **k = xrealloc(q->kids, (size_t)(q->n + 1) * sizeof *k);
	q->kids = k;
	q->kids[q->n++] = kid;
}

/* Frees a tree. */
static void qfree(struct qnode *q)
{
	if (!q)
		return;
	store_iter_free(q->it);
	for (int i = 0; i < q->n; i++)
		qfree(q->kids[i]);
	free(q->kids);
	free(q->arr);
	free(q);
}

/* The nearest id in q's set: the largest <= x going down, the smallest
 * >= x going up; false when there is none. */
static bool qseek(struct qnode *q, uint64_t x, bool up, uint64_t *out)
{
	if (!q)
		return false;
	switch (q->op) {
	case Q_LIST:
		return q->it && (up ? store_iter_seek_up(q->it, x, out) : store_iter_seek(q->it, x, out));
	case Q_ARRAY: {
		size_t lo = 0, hi = q->narr; /* first index with arr > x (down) or >= x (up) */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (up ? q->arr[mid] < x : q->arr[mid] <= x)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (up) {
			if (lo == q->narr)
				return false;
			*out = q->arr[lo];
			return true;
		}
		if (lo == 0)
			return false;
		*out = q->arr[lo - 1];
		return true;
	}
	case Q_OR: {
		bool any = false;
		uint64_t best = 0, y;
		for (int i = 0; i < q->n; i++)
			if (qseek(q->kids[i], x, up, &y) && (!any || (up ? y < best : y > best))) {
				best = y;
				any = true;
			}
		*out = best;
		return any;
	}
	case Q_AND: {
		/* Move x until every list holds it; x only ever moves one way. */
		if (q->n == 0)
			return false;
		for (;;) {
			bool stable = true;
			for (int i = 0; i < q->n; i++) {
				uint64_t y;
				if (!qseek(q->kids[i], x, up, &y))
					return false;
				if (y != x) {
					x = y;
					stable = false;
				}
			}
			if (stable) {
				*out = x;
				return true;
			}
		}
	}
	}
	return false;
}

/* True when id is in q's set. */
static bool qhas(struct qnode *q, uint64_t id)
{
	uint64_t y;
	return qseek(q, id, false, &y) && y == id;
}

/* A posting list of index ix for key (NULL when the key has no ids). */
static struct qnode *qlist(struct store_txn *t, enum kind k, int ix, const void *key,
			   size_t len)
{
	struct store_iter *it = store_iter_postings(t, store_table(t, k), ix, key, len);
	if (!it)
		return NULL;
	struct qnode *q = qnew(Q_LIST);
	q->it = it;
	return q;
}

/* A posting list keyed by an id. */
static struct qnode *qlist_id(struct store_txn *t, enum kind k, int ix, uint64_t id)
{
	unsigned char b[8];
	zs_be64(b, id);
	return qlist(t, k, ix, b, 8);
}

/* AND of the 'h' tokens of a folded query (all must exist). */
static struct qnode *text_plan(struct store_txn *t, enum kind k, int ix, const uint32_t *cps,
			       int n)
{
	char tok[16];
	struct qnode *q = qnew(Q_AND);
	for (int i = 0; i + 1 < n; i++) {
		tok[0] = 'h';
		size_t len = 1 + utf8_encode(cps[i], tok + 1);
		len += utf8_encode(cps[i + 1], tok + len);
		struct qnode *l = qlist(t, k, ix, tok, len);
		if (!l) {
			qfree(q);
			return NULL; /* some pair never occurs: no match */
		}
		qadd(q, l);
	}
	return q;
}

/* AND of the initials pairs of ini[0..n); NULL when a pair never occurs. */
static struct qnode *initials_plan(struct store_txn *t, enum kind k, int ix, const char *ini,
				   size_t n)
{
	char tok[3] = {'i', 0, 0};
	struct qnode *and = qnew(Q_AND);
	for (size_t i = 0; i + 1 < n; i++) {
		tok[1] = ini[i];
		tok[2] = ini[i + 1];
		struct qnode *l = qlist(t, k, ix, tok, 3);
		if (!l) {
			qfree(and);
			return NULL;
		}
		qadd(and, l);
	}
	return and;
}

struct seg {
	char ini[MAX_CHARS][MAX_CHARS]; /* initials string of each segmentation */
	size_t len[MAX_CHARS];
	int n;
};

/* Splits q[p..] into whole syllables (the last may be cut short), adding
 * each split's initials to s; at most MAX_CHARS splits. */
static void segment(const char *q, size_t n, size_t p, char *ini, size_t depth, struct seg *s)
{
	if (s->n >= MAX_CHARS || depth >= MAX_CHARS)
		return;
	if (p == n) {
		memcpy(s->ini[s->n], ini, depth);
		s->len[s->n++] = depth;
		return;
	}
	ini[depth] = q[p];
	for (size_t len = 6; len >= 1; len--) {
		if (p + len > n)
			continue;
		if (pinyin_is_syllable(q + p, len))
			segment(q, n, p + len, ini, depth + 1, s);
	}
	/* Or just its first letter, as when initials follow full pinyin
	 * ("guangqijc"); i, u and v begin no syllable. */
	if (!strchr("iuv", q[p]) && !pinyin_is_syllable(q + p, 1))
		segment(q, n, p + 1, ini, depth + 1, s);
	/* A last piece that only begins a syllable ("beij" = bei|j...). */
	const char *longer[1];
	if (n - p <= 5 && pinyin_syllables_with_prefix(q + p, n - p, longer, 1) > 0 &&
	    !pinyin_is_syllable(q + p, n - p)) {
		memcpy(s->ini[s->n], ini, depth + 1);
		s->len[s->n++] = depth + 1;
	}
}

/* Pinyin plan for a lower-case ASCII query: the query as initials, or
 * the initials of each way to read it as syllables.  NULL when only a
 * scan can tell (a single syllable). */
static struct qnode *pinyin_plan(struct store_txn *t, enum kind k, int ix, const char *q,
				 bool *scan)
{
	size_t n = strlen(q);
	struct qnode *or = qnew(Q_OR);
	struct qnode *l = initials_plan(t, k, ix, q, n);
	if (l)
		qadd(or, l);
	static struct seg s; /* large; search runs on one thread */
	char ini[MAX_CHARS];
	s.n = 0;
	if (n < MAX_CHARS)
		segment(q, n, 0, ini, 0, &s);
	for (int i = 0; i < s.n; i++) {
		if (s.len[i] < 2) {
			*scan = true; /* one syllable: any name with it */
			continue;
		}
		bool dup = false;
		for (int j = 0; j < i && !dup; j++)
			dup = s.len[j] == s.len[i] && !memcmp(s.ini[j], s.ini[i], s.len[i]);
		if (dup || (s.len[i] == n && !memcmp(s.ini[i], q, n)))
			continue;
		if ((l = initials_plan(t, k, ix, s.ini[i], s.len[i])))
			qadd(or, l);
	}
	return or;
}

/* Rarest first. */
static int cmp_rarity(const void *a, const void *b)
{
	uint64_t x = store_iter_count((*(struct qnode *const *)a)->it),
		 y = store_iter_count((*(struct qnode *const *)b)->it);
	return x < y ? -1 : x > y;
}

/* A project matching word w has, for some way of reading it, every run
 * of three of its initials among its names' trigram keys (as its bits,
 * search-bits.c): the OR over the readings of the AND of their trigram
 * lists.  NULL when no reading has all its lists. */
static struct qnode *tri_plan(struct store_txn *t, const struct search_word *w)
{
	struct qnode *or = qnew(Q_OR);
	for (int s = 0; s < w->nseq; s++) {
		struct qnode *and = qnew(Q_AND);
		for (size_t i = 0; i + 2 < w->len[s]; i++) {
			char k[4] = {'t', w->seq[s][i], w->seq[s][i + 1], w->seq[s][i + 2]};
			bool dup = false;
			for (size_t j = 0; j < i && !dup; j++)
				dup = !memcmp(w->seq[s] + j, k + 1, 3);
			if (dup)
				continue;
			struct qnode *l = qlist(t, KIND_PROJECT, IX_PROJECT_SEARCH, k, 4);
			if (!l) {
				qfree(and);
				and = NULL;
				break;
			}
			qadd(and, l);
		}
		if (!and)
			continue;
		qsort(and->kids, (size_t)and->n, sizeof *and->kids, cmp_rarity);
		qadd(or, and);
	}
	if (!or->n) {
		qfree(or);
		return NULL;
	}
	return or;
}

/* Ids of projects whose enterprise's credit code starts with code. */
struct code_ctx {
	struct store_txn *t;
	const char *prefix;
	size_t plen;
	uint64_t *ids;
	size_t n, cap;
};

/* Collects enterprises by credit-code prefix. */
static int code_hit(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct code_ctx *c = vctx;
	if (klen < c->plen || memcmp(key, c->prefix, c->plen) != 0 || c->n >= 10000)
		return 1;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		uint64_t *p = xrealloc(c->ids, c->cap * sizeof *p);
		c->ids = p;
	}
	c->ids[c->n++] = id;
	return 0;
}

/* Ascending comparison of ids. */
static int cmp_id(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static bool has_cjk(const char *s);

/* Stops at the first enterprise whose credit code starts with the prefix. */
static int code_any(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct code_ctx *c = vctx;
	(void)id;
	if (klen >= c->plen && memcmp(key, c->prefix, c->plen) == 0)
		c->n = 1;
	return 1;
}

/* True when some enterprise's credit code starts with the code q reads
 * as: only then can a candidate match q by its credit code, and be worth
 * reading its enterprise for (most words typed are names, and reading an
 * enterprise for every candidate doubled the cost of a search). */
static bool code_possible(struct store_txn *t, const char *q)
{
	char code[CREDITCODE_MAX];
	if (has_cjk(q) || strlen(q) < 4)
		return false;
	creditcode_check(q, code, NULL);
	struct code_ctx c = {t, code, strlen(code), NULL, 0, 0};
	if (c.plen < 4)
		return false;
	store_index_scan(t, store_table(t, KIND_ENTERPRISE), IX_ENTERPRISE_CODE, code, c.plen, false,
			 code_any, &c);
	return c.n > 0;
}

/* Node of projects (or enterprises) with a credit code starting with q. */
static struct qnode *code_plan(struct store_txn *t, enum kind k, const char *q)
{
	char code[CREDITCODE_MAX];
	creditcode_check(q, code, NULL);
	struct code_ctx c = {t, code, strlen(code), NULL, 0, 0};
	if (c.plen < 4)
		return NULL;
	store_index_scan(t, store_table(t, KIND_ENTERPRISE), IX_ENTERPRISE_CODE, code, c.plen, false,
			 code_hit, &c);
	if (!c.n)
		return NULL;
	struct qnode *node = qnew(Q_ARRAY);
	if (k == KIND_ENTERPRISE) {
		node->arr = c.ids;
		node->narr = c.n;
	} else {
		/* Projects of those enterprises. */
		for (size_t i = 0; i < c.n; i++) {
			struct qnode *l = qlist_id(t, KIND_PROJECT, IX_PROJECT_ENTERPRISE, c.ids[i]);
			uint64_t below = UINT64_MAX, id;
			while (l && node->narr < 10000 && qseek(l, below, false, &id)) {
				uint64_t *p = xrealloc(node->arr, (node->narr + 1) * sizeof *p);
				node->arr = p;
				node->arr[node->narr++] = id;
				if (id == 0)
					break;
				below = id - 1;
			}
			qfree(l);
		}
		free(c.ids);
		qsort(node->arr, node->narr, sizeof *node->arr, cmp_id);
	}
	return node;
}

/* True when the folded query has a non-ASCII character. */
static bool has_cjk(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Builds the plan of a search text; NULL means "scan everything". */
static struct qnode *text_query(struct store_txn *t, enum kind k, const char *folded,
				bool *nothing)
{
	int ix = k == KIND_PROJECT    ? IX_PROJECT_SEARCH
		 : zs_is_library(k) ? library_ix(k, IX_LIB_SEARCH)
				    : IX_ENTERPRISE_SEARCH;
	uint32_t cps[MAX_CHARS];
	int n = 0;
	size_t len = strlen(folded);
	for (size_t i = 0; i < len && n < MAX_CHARS;)
		i += utf8_decode(folded + i, len - i, &cps[n++]);
	*nothing = false;
	if (has_cjk(folded)) {
		if (n < 2)
			return NULL; /* one character: scan and verify */
		struct qnode *q = text_plan(t, k, ix, cps, n);
		*nothing = q == NULL;
		return q;
	}
	if (n < 2)
		return NULL; /* one letter: every name matches; verify while scanning */
	struct qnode *or = qnew(Q_OR);
	struct qnode *txt = text_plan(t, k, ix, cps, n);
	if (txt)
		qadd(or, txt);
	bool scan = false;
	qadd(or, pinyin_plan(t, k, ix, folded, &scan));
	struct qnode *code = len >= 4 && !zs_is_library(k) ? code_plan(t, k, folded) : NULL;
	if (code)
		qadd(or, code);
	if (scan) {
		qfree(or);
		return NULL;
	}
	return or;
}

/* ---- verification ---- */

/* True when the folded text of s contains folded q. */
static bool contains(const char *s, const char *q)
{
	char f[512];
	normalize_search(s, f, sizeof f);
	return strstr(f, q) != NULL;
}

/* Does the record match the search text? */
static bool text_matches(struct zs *z, struct store_txn *t, enum kind k, const struct rec *r,
			 const char *folded, bool try_code)
{
	const char *names[2] = {rec_text(r, "name", ""),
				k == KIND_PROJECT ? rec_text(r, "enterprise_name", "") : ""};
	bool ascii = !has_cjk(folded);
	for (int i = 0; i < 2; i++) {
		if (contains(names[i], folded))
			return true;
		if (ascii && pinyin_match(names[i], folded))
			return true;
	}
	if (try_code && ascii && strlen(folded) >= 4) {
		char code[CREDITCODE_MAX];
		creditcode_check(folded, code, NULL);
		const char *own = NULL;
		struct rec e;
		rec_init(&e);
		if (k == KIND_ENTERPRISE || k == KIND_TARGET)
			own = rec_text(r, "credit_code", NULL);
		else if (zs_is_library(k))
			own = NULL;
		else if (store_get(t, &z->tables[KIND_ENTERPRISE],
				   (uint64_t)rec_int(r, "enterprise", 0), &e) == STORE_OK)
			own = rec_text(&e, "credit_code", NULL);
		bool hit = own && strncmp(own, code, strlen(code)) == 0;
		rec_free(&e);
		if (hit)
			return true;
	}
	(void)z;
	return false;
}

int64_t zs_amount_cny(const struct zs *z, const struct rec *r)
{
	return zs_amount_at(z->prof.usd_rate, r);
}

/* Does the record pass the filters that the plan did not apply? */
static bool filters_match(const struct zs *z, struct store_txn *t, const struct zs_filter *f,
			  const struct rec *r)
{
	if (f->unmanaged &&
	    (!zs_major(z, r) || !tables_live(&z->prof, r) || tables_managed(z, t, r)))
		return false;
	if (!f->min_amount && !f->max_amount)
		return true;
	int64_t v = zs_amount_cny(z, r);
	if (f->min_amount && v < f->min_amount)
		return false;
	if (f->max_amount && v > f->max_amount)
		return false;
	return true;
}

/* Builds the AND of a filter's index lists and search text; *empty when
 * nothing can match; *all when the plan holds no list (every record). */
static struct qnode *plan(struct zs *z, struct store_txn *t, enum kind k,
			  const struct zs_filter *f, const char *folded, bool *empty, bool *all)
{
	struct qnode *and = qnew(Q_AND);
	*empty = false;
	if (k == KIND_PROJECT) {
		struct {
			int ix;
			uint64_t id;
			const char *text;
		} parts[] = {
			{IX_PROJECT_DISTRICT, f->district, NULL},
			{IX_PROJECT_MANAGER, f->manager, NULL},
			{IX_PROJECT_ENTERPRISE, f->enterprise, NULL},
			{IX_PROJECT_STAGE, 0, f->stage},
			{IX_PROJECT_INDUSTRY, 0, f->industry},
		};
		for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
			struct qnode *l = NULL;
			if (parts[i].id)
				l = qlist_id(t, k, parts[i].ix, parts[i].id);
			else if (parts[i].text && *parts[i].text)
				l = qlist(t, k, parts[i].ix, parts[i].text, strlen(parts[i].text));
			else
				continue;
			if (!l)
				*empty = true;
			else
				qadd(and, l);
		}
	} else if (zs_is_library(k) && f->district) {
		struct qnode *l = qlist_id(t, k, library_ix(k, IX_LIB_DISTRICT), f->district);
		if (!l)
			*empty = true;
		else
			qadd(and, l);
	} else if (k == KIND_OFFICER && f->district) {
		struct qnode *l = qlist_id(t, k, IX_OFFICER_DISTRICT, f->district);
		if (!l)
			*empty = true;
		else
			qadd(and, l);
	} else if (k == KIND_ISSUE) {
		struct qnode *l;
		if (f->project) {
			if (!(l = qlist_id(t, k, IX_ISSUE_PROJECT, f->project)))
				*empty = true;
			else
				qadd(and, l);
		}
		if (f->owner) {
			if (!(l = qlist_id(t, k, IX_ISSUE_OWNER, f->owner)))
				*empty = true;
			else
				qadd(and, l);
		}
		if (f->open_issues) {
			/* Open issues are indexed by their level. */
			struct qnode *or = qnew(Q_OR);
			const struct profile_list *lv = &z->prof.escalation;
			for (int i = 0; i < lv->n; i++)
				if ((l = qlist(t, k, IX_ISSUE_OPEN, lv->v[i].code, strlen(lv->v[i].code))))
					qadd(or, l);
			if (or->n)
				qadd(and, or);
			else {
				qfree(or);
				*empty = true;
			}
		}
	}
	if (*folded && (k == KIND_PROJECT || k == KIND_ENTERPRISE || zs_is_library(k))) {
		/* Each word of the search narrows it (folded words are kept
		 * apart by single spaces, see fold_words). */
		char word[256];
		for (const char *w = folded; *w;) {
			size_t len = strcspn(w, " ");
			snprintf(word, sizeof word, "%.*s", (int)len, w);
			bool nothing;
			struct qnode *q = text_query(t, k, word, &nothing);
			if (nothing)
				*empty = true;
			else if (q)
				qadd(and, q);
			w += len;
			w += *w == ' ';
		}
	}
	*all = and->n == 0;
	if (*all) {
		struct qnode *every = qnew(Q_LIST);
		every->it = store_iter_records(t, &z->tables[k]);
		qadd(and, every);
	}
	return and;
}

struct amount_scan {
	struct zs *z;
	struct store_txn *t;
	enum kind k;
	const struct zs_filter *f;
	const char *folded;
	struct qnode *and;
	bool all, desc;
	unsigned codes;
	const struct bits_plan *bp;
	struct zs_cursor *c;
	uint64_t *ids;
	size_t max, got, budget;
	struct rec r;
	bool stopped;
};

/* The words of a project search that the names' bits can rule out. */
struct bits_plan {
	struct search_word *w;
	int n;
	struct store_counts_cursor *cc;
};

/* Verifies a candidate: plan, filters and text. */
static bool candidate_ok(struct zs *z, struct store_txn *t, enum kind k, const struct zs_filter *f,
			 const char *folded, unsigned codes, const struct bits_plan *bp,
			 struct rec *r, uint64_t id)
{
	if (k == KIND_ISSUE && !zs_sees_all(z)) {
		/* Issues of the officer's district's projects only. */
		struct rec p;
		rec_init(&p);
		bool got = store_get(t, &z->tables[KIND_ISSUE], id, r) == STORE_OK;
		bool mine = got &&
			    store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(r, "project", 0),
				      &p) == STORE_OK &&
			    access_project_mine(z, &p);
		/* A dispute is the other district's business too. */
		if (got && !mine && rec_bool(r, "dispute", false) &&
		    store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(r, "other_project", 0),
			      &p) == STORE_OK)
			mine = access_project_mine(z, &p);
		rec_free(&p);
		if (!mine)
			return false;
	}
	bool text = *folded && (k == KIND_PROJECT || k == KIND_ENTERPRISE || zs_is_library(k));
	if (!text && !f->min_amount && !f->max_amount && !f->unmanaged)
		return true;
	/* The text alone is checked on the fields it is matched against,
	 * read without decoding the rest of the record. */
	static const char *const text_fields[] = {"name", "enterprise_name", "credit_code",
						  "enterprise", NULL};
	bool only_text = !f->min_amount && !f->max_amount && !f->unmanaged;
	uint64_t bits[2];
	if (text && bp && bp->n && search_bits_get(bp->cc, id, bits))
		for (int i = 0; i < bp->n; i++)
			if (!search_word_may_match(&bp->w[i], bits))
				return false; /* cannot match: not read */
	if ((only_text ? store_get_fields(t, &z->tables[k], id, text_fields, r)
		       : store_get(t, &z->tables[k], id, r)) != STORE_OK ||
	    !filters_match(z, t, f, r))
		return false;
	char word[256];
	int wi = 0;
	for (const char *w = text ? folded : ""; *w; wi++) {
		size_t len = strcspn(w, " ");
		snprintf(word, sizeof word, "%.*s", (int)len, w);
		if (!text_matches(z, t, k, r, word, wi >= 32 || (codes >> wi & 1u)))
			return false;
		w += len;
		w += *w == ' ';
	}
	return true;
}

/* True when every space-separated word of s is letters, digits and
 * hyphens with a digit in it: a code typed in groups ("9111 0105-..."),
 * to be searched as one word. */
static bool code_groups(const char *s)
{
	bool digit = false, any = false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ') {
			if (any && !digit)
				return false;
			any = digit = false;
		} else if (c >= '0' && c <= '9') {
			any = digit = true;
		} else if (isalpha(c) || c == '-') {
			any = true;
		} else {
			return false;
		}
	}
	return !any || digit;
}

/* Folds a search text into its words, each folded and kept apart by one
 * space (a code typed in groups stays one word). */
static void fold_words(const char *text, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	if (code_groups(text)) {
		normalize_search(text, out, cap);
		return;
	}
	char *copy = xstrdup(text), *save = NULL;
	/* Full-width spaces separate words too. */
	for (char *p; (p = strstr(copy, "\xe3\x80\x80"));)
		memcpy(p, "   ", 3);
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char f[256];
		if (!normalize_search(w, f, sizeof f))
			continue;
		if (o + strlen(f) + 2 > cap)
			break;
		o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " " : "", f);
	}
	free(copy);
}

/* Callback of the amount index walk. */
static int amount_step(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct amount_scan *s = vctx;
	if (klen != 8)
		return 0;
	uint64_t amount = 0;
	for (int i = 0; i < 8; i++)
		amount = amount << 8 | ((const unsigned char *)key)[i];
	struct zs_cursor *c = s->c;
	/* Resume after the last position given out. */
	if (c->started && amount == c->amount && (s->desc ? id >= c->id : id <= c->id))
		return 0;
	if (s->desc ? (s->f->min_amount && (int64_t)amount < s->f->min_amount)
		    : (s->f->max_amount && (int64_t)amount > s->f->max_amount)) {
		c->done = true;
		return 1;
	}
	if (s->budget-- == 0 || s->got == s->max) {
		s->stopped = true;
		return 1;
	}
	c->started = true;
	c->amount = amount;
	c->id = id;
	if ((s->all || qhas(s->and, id)) &&
	    candidate_ok(s->z, s->t, s->k, s->f, s->folded, s->codes, s->bp, &s->r, id))
		s->ids[s->got++] = id;
	return 0;
}

size_t zs_list(struct zs *z, enum kind k, const struct zs_filter *f, struct zs_cursor *c,
	       uint64_t *ids, size_t max)
{
	struct zs_filter none = {0}, scoped;
	struct store_txn *t;
	size_t got = 0;
	if (!f)
		f = &none;
	if (k == KIND_PROJECT && !zs_sees_all(z)) {
		/* A district's officers list their district's projects only. */
		uint64_t mine = (uint64_t)rec_int(&z->me_rec, "district", 0);
		if (!mine || (f->district && f->district != mine)) {
			c->done = true;
			return 0;
		}
		scoped = *f;
		scoped.district = mine;
		f = &scoped;
	}
	if (c->done || max == 0 || store_read(z->st, &t))
		return 0;
	char folded[256] = "";
	if (f->text && *f->text)
		fold_words(f->text, folded, sizeof folded);
	bool empty, all;
	struct qnode *and = plan(z, t, k, f, folded, &empty, &all);
	/* The words that some credit code begins with (bit i: word i). */
	unsigned codes = 0;
	if (k == KIND_PROJECT || k == KIND_ENTERPRISE) {
		char word[256];
		int wi = 0;
		for (const char *w = folded; *w && wi < 32; wi++) {
			size_t len = strcspn(w, " ");
			snprintf(word, sizeof word, "%.*s", (int)len, w);
			if (code_possible(t, word))
				codes |= 1u << wi;
			w += len;
			w += *w == ' ';
		}
	}
	/* Words of letters (not a credit code's beginning) are first checked
	 * against the bits of the project's names (search-bits.c). */
	struct bits_plan bp = {NULL, 0, NULL};
	if (k == KIND_PROJECT && *folded) {
		char word[256];
		int wi = 0;
		for (const char *w = folded; *w && wi < 32; wi++) {
			size_t len = strcspn(w, " ");
			snprintf(word, sizeof word, "%.*s", (int)len, w);
			if (!(codes >> wi & 1u) && !has_cjk(word)) {
				bp.w = xreallocarray(bp.w, (size_t)bp.n + 1, sizeof *bp.w);
				search_word_plan(&bp.w[bp.n], word);
				if (!bp.w[bp.n].off)
					bp.n++;
			}
			w += len;
			w += *w == ' ';
		}
	}
	if (bp.n)
		bp.cc = store_counts_cursor(t);
	/* The same words through the trigram keys: the rarest lists first,
	 * so that a word few names have is answered in a few reads. */
	if (bp.n && !empty && search_tri_ready(t))
		for (int i = 0; i < bp.n && !empty; i++) {
			struct qnode *tri = tri_plan(t, &bp.w[i]);
			if (!tri) {
				empty = true;
				break;
			}
			qadd(and, tri);
			memmove(and->kids + 1, and->kids, (size_t)(and->n - 1) * sizeof *and->kids);
			and->kids[0] = tri;
			all = false;
		}
	/* Verification may reject candidates: bound the work of one call so
	 * that a screen stays responsive; the cursor says where to go on. */
	size_t budget = c->budget ? c->budget : 200000;
	struct rec r;
	rec_init(&r);
	if (empty) {
		c->done = true;
	} else if (k == KIND_PROJECT && (c->order == ZS_AMOUNT_DESC || c->order == ZS_AMOUNT_ASC)) {
		struct amount_scan s = {z, t, k, f, folded, and, all, c->order == ZS_AMOUNT_DESC,
					codes, &bp, c, ids, max, 0, budget, {0}, false};
		unsigned char from[8];
		uint64_t start = c->started ? c->amount
				 : s.desc   ? (f->max_amount ? (uint64_t)f->max_amount : UINT64_MAX)
					    : (uint64_t)f->min_amount;
		zs_be64(from, start);
		store_index_scan(t, &z->tables[k], IX_PROJECT_AMOUNT, from, 8, s.desc, amount_step,
				 &s);
		if (!s.stopped)
			c->done = true;
		got = s.got;
		rec_free(&s.r);
	} else {
		bool up = c->order == ZS_OLDEST;
		uint64_t pos = c->started ? c->id : up ? 0 : UINT64_MAX, id;
		while (got < max && budget-- > 0) {
			if (!qseek(and, pos, up, &id)) {
				c->done = true;
				break;
			}
			c->started = true;
			c->id = id;
			if (candidate_ok(z, t, k, f, folded, codes, &bp, &r, id))
				ids[got++] = id;
			if (up ? id == UINT64_MAX : id <= 1) {
				c->done = true;
				break;
			}
			pos = up ? id + 1 : id - 1;
		}
		c->id = pos;
		if (!c->done && !qseek(and, pos, up, &id))
			c->done = true;
	}
	rec_free(&r);
	store_counts_cursor_free(bp.cc);
	free(bp.w);
	qfree(and);
	store_done(t);
	return got;
}

/*
 * search-bits.c - a project's names in 127 bits, so that a search by
 * pinyin initials rules out most candidates without reading them.
 *
 * The search indexes hold pairs of initials ("bj", "jk", "kj"); a query of
 * four letters is the AND of three pairs, and on a million projects
 * thousands hold all three without having them in a row: each had to be
 * read to find that out (a page fault and a decode each: a "bjkj" that
 * matches nothing took about 100 ms).  So every project also keeps, in the
 * counts table and in the write transaction of its save, the bits of its
 * name and its enterprise's name:
 *
 *   0xFF project id (u64) bits 0-63 (u64)   ->   bits 64-125, and bit 62 set
 *
 * (after every other count, so that projects saved in the order of their
 * ids append their bits at the end: full pages, not pages split in half)
 *
 * where each run of three characters sets the bit of its three first
 * letters, for every reading (as pinyin_match reads the name: punctuation
 * is skipped, anything without a reading or a letter breaks the run), of
 * the name as stored and as folded for search.  A query word's letters are
 * cut into the syllables they can be read as; if every way of reading
 * them has a run of three letters whose bit is not set, the project cannot
 * match and is not read.  A project without bits (a database older than
 * them, read-only) is read as before.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "normalize.h"
#include "pinyin.h"
#include "utf8.h"

#define SEARCH_BITS_TAG 0xFF

/* v big-endian into p (as zs_be64, which is in tables.c: tables.c takes
 * the trigram keys from this file, so this file calls nothing of it). */
static void put_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static unsigned tri_bit(char a, char b, char c)
{
	uint32_t h = ((uint32_t)(unsigned char)a * 131u + (unsigned char)b) * 131u + (unsigned char)c;
	h *= 2654435761u;
	return (h >> 13) % 126u;
}

static void set_bit(uint64_t bits[2], unsigned b)
{
	bits[b / 64] |= UINT64_C(1) << (b % 64);
}

static bool has_bit(const uint64_t bits[2], unsigned b)
{
	return bits[b / 64] >> (b % 64) & 1u;
}

/* Calls fn for the first letters of every run of three of name, for
 * every reading. */
static void name_runs(const char *name, void (*fn)(void *ctx, char a, char b, char c),
		      void *ctx)
{
	char w[3][PINYIN_MAX_READINGS];
	int wn[3] = {0, 0, 0}, have = 0;
	size_t len = strlen(name), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t step = utf8_decode(name + i, len - i, &cp);
		i += step ? step : 1;
		char ini[PINYIN_MAX_READINGS];
		int n = pinyin_char_initials(cp, ini);
		if (n == 0)
			continue;
		if (n < 0) {
			have = 0;
			continue;
		}
		memcpy(w[0], w[1], sizeof w[0]);
		memcpy(w[1], w[2], sizeof w[0]);
		memcpy(w[2], ini, sizeof w[0]);
		wn[0] = wn[1];
		wn[1] = wn[2];
		wn[2] = n;
		if (++have < 3)
			continue;
		for (int a = 0; a < wn[0]; a++)
			for (int b = 0; b < wn[1]; b++)
				for (int c = 0; c < wn[2]; c++)
					fn(ctx, w[0][a], w[1][b], w[2][c]);
	}
}

static void bit_of_run(void *ctx, char a, char b, char c)
{
	set_bit(ctx, tri_bit(a, b, c));
}

/* Adds the runs of three of name to bits. */
static void name_bits(const char *name, uint64_t bits[2])
{
	name_runs(name, bit_of_run, bits);
}

void search_bits_of(const struct rec *r, uint64_t bits[2])
{
	const char *names[2] = {rec_text(r, "name", ""), rec_text(r, "enterprise_name", "")};
	char folded[512];
	bits[0] = bits[1] = 0;
	for (int i = 0; i < 2; i++) {
		name_bits(names[i], bits);
		normalize_search(names[i], folded, sizeof folded);
		name_bits(folded, bits);
	}
	bits[1] |= UINT64_C(1) << 62; /* never zero (a count of zero is no key), never negative */
}

/* ---- the trigram keys ---- */

struct tri_emit {
	store_emit_fn emit;
	void *ctx;
	int ix;
};

static void key_of_run(void *vctx, char a, char b, char c)
{
	struct tri_emit *e = vctx;
	char k[4] = {'t', a, b, c};
	e->emit(e->ctx, e->ix, k, 4);
}

void search_tri_keys(const struct rec *r, int ix, store_emit_fn emit, void *ctx)
{
	const char *names[2] = {rec_text(r, "name", ""), rec_text(r, "enterprise_name", "")};
	struct tri_emit e = {emit, ctx, ix};
	char folded[512];
	for (int i = 0; i < 2; i++) {
		name_runs(names[i], key_of_run, &e);
		normalize_search(names[i], folded, sizeof folded);
		name_runs(folded, key_of_run, &e);
	}
}

bool search_tri_ready(struct store_txn *t)
{
	char *v = NULL;
	bool ok = store_meta_get(t, "search_tri", &v) == STORE_OK && !strcmp(v, SEARCH_TRI_VERSION);
	free(v);
	return ok;
}

struct tri_add {
	struct store_txn *t;
	const struct store_table *tab;
	uint64_t id;
	int rc;
};

static void tri_add_one(void *vctx, int index, const void *key, size_t len)
{
	struct tri_add *a = vctx;
	if (a->rc == STORE_OK)
		a->rc = store_index_add(a->t, a->tab, index, key, len, a->id);
}

int search_tri_rebuild(struct zs *z, struct store_txn *t, uint64_t *projects)
{
	const struct store_table *tab = &z->tables[KIND_PROJECT];
	struct store_iter *it = store_iter_records(t, tab);
	struct tri_add a = {t, tab, 0, STORE_OK};
	struct rec r;
	uint64_t id;
	rec_init(&r);
	/* Oldest first: each key's ids are appended in order. */
	bool more = it && store_iter_seek_up(it, 0, &id);
	while (more && a.rc == STORE_OK) {
		a.rc = store_get_fields(t, tab, id, (const char *const[]){"name", "enterprise_name",
									  NULL},
					&r);
		a.id = id;
		if (a.rc == STORE_OK)
			search_tri_keys(&r, IX_PROJECT_SEARCH, tri_add_one, &a);
		(*projects)++;
		more = store_iter_next_up(it, &id);
	}
	rec_free(&r);
	store_iter_free(it);
	return a.rc == STORE_OK ? store_meta_put(t, "search_tri", SEARCH_TRI_VERSION) : a.rc;
}

struct tri_ready {
	struct zs *z;
	uint64_t n;
};

static int tri_ready_txn(struct store_txn *t, void *vctx)
{
	struct tri_ready *c = vctx;
	c->n = 0;
	return search_tri_ready(t) ? STORE_OK : search_tri_rebuild(c->z, t, &c->n);
}

void zs_search_ready(struct zs *z)
{
	struct store_txn *t;
	bool ok = true;
	if (store_read(z->st, &t) == STORE_OK) {
		ok = search_tri_ready(t);
		store_done(t);
	}
	/* Made once, by the first session that may write; until then a
	 * search goes without them, as before. */
	struct tri_ready c = {z, 0};
	if (!ok && store_write(z->st, tri_ready_txn, &c) == STORE_OK && c.n) {
		char why[96];
		snprintf(why, sizeof why, _("search keys made for %llu projects"),
			 (unsigned long long)c.n);
		store_note(z->st, z->me, "search", why);
	}
}

static size_t bits_key(unsigned char *k, uint64_t id, const uint64_t bits[2])
{
	k[0] = SEARCH_BITS_TAG;
	put_be64(k + 1, id);
	put_be64(k + 9, bits[0]);
	return 17;
}

int search_bits_tally(struct store_txn *t, uint64_t id, const struct rec *old,
		      const struct rec *new)
{
	uint64_t a[2] = {0, 0}, b[2] = {0, 0};
	if (old)
		search_bits_of(old, a);
	if (new)
		search_bits_of(new, b);
	if (a[0] == b[0] && a[1] == b[1])
		return STORE_OK;
	unsigned char k[17];
	int rc = STORE_OK;
	if (old)
		rc = store_counts_add(t, k, bits_key(k, id, a), -(int64_t)a[1]);
	if (new && rc == STORE_OK)
		rc = store_counts_add(t, k, bits_key(k, id, b), (int64_t)b[1]);
	return rc;
}

bool search_bits_get(struct store_counts_cursor *cc, uint64_t id, uint64_t bits[2])
{
	unsigned char from[9];
	const unsigned char *k;
	const void *key;
	size_t len;
	int64_t v;
	from[0] = SEARCH_BITS_TAG;
	put_be64(from + 1, id);
	if (!store_counts_at(cc, from, 9, &key, &len, &v))
		return false;
	k = key;
	if (len != 17 || memcmp(k, from, 9) || v == 0)
		return false;
	uint64_t lo = 0;
	for (int i = 9; i < 17; i++)
		lo = lo << 8 | k[i];
	bits[0] = lo;
	bits[1] = (uint64_t)v;
	return true;
}

/* ---- a query word ---- */

/* Collects the first letters of every way of cutting q[p..] into single
 * letters and whole syllables (the last possibly a syllable's beginning),
 * as pinyin_match may read it. */
static void cuts(struct search_word *w, const char *q, size_t qlen, size_t p, char *seq,
		 size_t n)
{
	if (w->off)
		return;
	if (p == qlen) {
		if (n < 3) {
			w->off = true; /* too short to rule anything out */
			return;
		}
		if (w->nseq == SEARCH_SEQ_MAX) {
			w->off = true;
			return;
		}
		memcpy(w->seq[w->nseq], seq, n);
		w->len[w->nseq++] = n;
		return;
	}
	seq[n] = q[p];
	cuts(w, q, qlen, p + 1, seq, n + 1);
	for (size_t m = 2; m <= 6 && p + m <= qlen && !w->off; m++)
		if (pinyin_is_syllable(q + p, m))
			cuts(w, q, qlen, p + m, seq, n + 1);
	/* The query may end inside a reading: the rest is a syllable's start. */
	const char *syl[1];
	if (qlen - p >= 2 && !w->off && pinyin_syllables_with_prefix(q + p, qlen - p, syl, 1) > 0)
		cuts(w, q, qlen, qlen, seq, n + 1);
}

void search_word_plan(struct search_word *w, const char *word)
{
	char q[SEARCH_WORD_MAX + 1], seq[SEARCH_WORD_MAX];
	memset(w, 0, sizeof *w);
	size_t n = pinyin_query_letters(word, q, sizeof q);
	if (n == SIZE_MAX || n < 3) {
		w->off = true;
		return;
	}
	cuts(w, q, n, 0, seq, 0);
}

bool search_word_may_match(const struct search_word *w, const uint64_t bits[2])
{
	if (w->off)
		return true;
	for (int s = 0; s < w->nseq; s++) {
		bool all = true;
		for (size_t i = 0; all && i + 2 < w->len[s]; i++)
			all = has_bit(bits, tri_bit(w->seq[s][i], w->seq[s][i + 1], w->seq[s][i + 2]));
		if (all)
			return true;
	}
	return false;
}

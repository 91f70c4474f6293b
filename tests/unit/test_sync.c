/*
 * test_sync.c - operations between copies at the store (store.h, sync):
 * the wire form of an operation and its round trip, applying another
 * copy's operation with its origin kept (and passed on byte for byte),
 * the summaries, a far-future stamp that does not drag the clock, and
 * renumbering a copied database.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "rec.h"
#include "store.h"
#include "suites.h"

static void keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx, void *tab_ctx)
{
	(void)id;
	(void)tab_ctx;
	const char *code = rec_text(r, "code", NULL);
	if (code)
		emit(ctx, 0, code, strlen(code));
}

static const struct store_index ix[] = {{"code", true}};
static struct store_table tabs_a[1] = {{"thing", 'T', ix, 1, keys, 0, NULL}};
static struct store_table tabs_b[1] = {{"thing", 'T', ix, 1, keys, 0, NULL}};

static char base[64], dir_a[128], dir_b[128];
static struct store *a, *b;
static int64_t now_a = 1795000000000LL, now_b = 1795000000000LL;

static int64_t clock_a(void)
{
	return now_a;
}

static int64_t clock_b(void)
{
	return now_b;
}

static void setup(void)
{
	fixture_mkdtemp(base, sizeof base, "sync");
	snprintf(dir_a, sizeof dir_a, "%s/a", base);
	snprintf(dir_b, sizeof dir_b, "%s/b", base);
	char err[256];
	struct store_opts oa = {.map_size = 32 << 20, .nosync = true, .now_ms = clock_a};
	struct store_opts ob = {.map_size = 32 << 20, .nosync = true, .now_ms = clock_b};
	ck_assert_int_eq(store_open(dir_a, &oa, tabs_a, 1, &a, err, sizeof err), STORE_OK);
	ck_assert_int_eq(store_open(dir_b, &ob, tabs_b, 1, &b, err, sizeof err), STORE_OK);
	ck_assert_int_eq(store_set_node(b, 2), STORE_OK);
}

static void teardown(void)
{
	store_close(a);
	store_close(b);
	fixture_rmtree(base);
}

struct put_ctx {
	struct store_table *tab;
	uint64_t id;
	struct rec *r;
	const struct store_origin *origin;
};

static int put_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	if (!c->id)
		c->id = store_next_id(t, c->tab);
	store_txn_origin(t, c->origin);
	int rc = store_put(t, c->tab, c->id, c->r, &(struct store_who){7, "update", NULL});
	if (rc == STORE_OK && c->origin && store_origin_pending(t))
		rc = store_origin_note(t, 7, "merged", NULL);
	return rc;
}

/* Saves r in s (a new record when id is 0); returns the id. */
static uint64_t put(struct store *s, struct store_table *tab, uint64_t id, struct rec *r,
		    const struct store_origin *o)
{
	struct put_ctx c = {tab, id, r, o};
	ck_assert_int_eq(store_write(s, put_txn, &c), STORE_OK);
	return c.id;
}

struct seqs {
	uint64_t oseq[16], seq[16];
	int n;
};

static int collect(void *vctx, uint64_t oseq, uint64_t seq)
{
	struct seqs *s = vctx;
	s->oseq[s->n] = oseq;
	s->seq[s->n++] = seq;
	return s->n == 16;
}

/* The wire bytes of origin node's operation number oseq held in s. */
static unsigned char *op_of(struct store *s, unsigned node, uint64_t oseq, size_t *n)
{
	struct store_txn *t;
	ck_assert_int_eq(store_read(s, &t), STORE_OK);
	struct seqs q = {{0}, {0}, 0};
	store_ops_scan(t, node, oseq - 1, collect, &q);
	ck_assert_int_ge(q.n, 1);
	ck_assert_uint_eq(q.oseq[0], oseq);
	unsigned char *p = NULL;
	ck_assert_int_eq(store_op_bytes(t, q.seq[0], &p, n), STORE_OK);
	store_done(t);
	return p;
}

/* Applies operation bytes p in s as store_put of the values it sets. */
static void apply(struct store *s, struct store_table *tab, const unsigned char *p, size_t n)
{
	struct store_log e;
	ck_assert_int_eq(store_op_decode(p, n, &e), 0);
	struct store_txn *t;
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(store_read(s, &t), STORE_OK);
	int got = store_get(t, tab, e.id, &r);
	store_done(t);
	if (got != STORE_OK)
		rec_init(&r);
	for (size_t i = 0; i < e.n; i++)
		rec_set(&r, e.c[i].field, &e.c[i].new);
	struct store_origin o = {e.node, e.origin_seq, e.hlc, p, n, false};
	put(s, tab, e.id, &r, &o);
	rec_free(&r);
	store_log_free(&e);
}

START_TEST(test_op_round_trip)
{
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "code", "A1");
	rec_set_int(&r, "n", 1);
	uint64_t id = put(a, tabs_a, 0, &r, NULL);
	uint64_t stamp = rec_find(&r, "n")->stamp;
	rec_set_int(&r, "n", 2);
	put(a, tabs_a, id, &r, NULL);
	size_t n;
	unsigned char *p = op_of(a, 1, 1, &n);
	struct store_log e;
	ck_assert_int_eq(store_op_decode(p, n, &e), 0);
	ck_assert_uint_eq(e.node, 1);
	ck_assert_uint_eq(e.origin_seq, 1);
	ck_assert_str_eq(e.table, "thing");
	ck_assert_uint_eq(e.id, id);
	ck_assert(e.created);
	ck_assert_uint_eq(e.n, 2);
	store_log_free(&e);
	free(p);
	p = op_of(a, 1, 2, &n);
	ck_assert_int_eq(store_op_decode(p, n, &e), 0);
	ck_assert(!e.created);
	ck_assert_uint_eq(e.actor, 7);
	ck_assert_str_eq(e.op, "update");
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.c[0].field, "n");
	ck_assert_int_eq(e.c[0].new.i, 2);
	ck_assert_int_eq(e.c[0].old.i, 1);
	ck_assert_uint_eq(e.c[0].replaced, stamp);
	store_log_free(&e);
	/* Any byte cut off, and the bytes are not an operation. */
	for (size_t cut = 1; cut < n; cut += 7)
		ck_assert_int_eq(store_op_decode(p, n - cut, &e), -1);
	free(p);
	rec_free(&r);
}
END_TEST

START_TEST(test_apply_keeps_origin)
{
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "code", "A1");
	rec_set_int(&r, "n", 1);
	uint64_t id = put(a, tabs_a, 0, &r, NULL);
	rec_free(&r);
	size_t n;
	unsigned char *p = op_of(a, 1, 1, &n);
	apply(b, tabs_b, p, n);
	struct store_txn *t;
	ck_assert_int_eq(store_read(b, &t), STORE_OK);
	ck_assert_uint_eq(store_have(t, 1), 1);
	ck_assert_uint_eq(store_have(t, 2), 0);
	struct rec got;
	rec_init(&got);
	ck_assert_int_eq(store_get(t, tabs_b, id, &got), STORE_OK);
	ck_assert_int_eq(rec_int(&got, "n", 0), 1);
	/* The stamp is the origin's, not b's clock. */
	struct store_log e;
	store_op_decode(p, n, &e);
	ck_assert_uint_eq(rec_find(&got, "n")->stamp, e.hlc);
	store_log_free(&e);
	rec_free(&got);
	store_done(t);
	/* Passed on byte for byte. */
	size_t n2;
	unsigned char *p2 = op_of(b, 1, 1, &n2);
	ck_assert_uint_eq(n2, n);
	ck_assert(memcmp(p, p2, n) == 0);
	free(p2);
	/* b's own writes are numbered on their own, from 1. */
	rec_init(&r);
	rec_set_text(&r, "code", "B1");
	put(b, tabs_b, 0, &r, NULL);
	rec_free(&r);
	ck_assert_int_eq(store_read(b, &t), STORE_OK);
	ck_assert_uint_eq(store_have(t, 2), 1);
	store_done(t);
	free(p);
}
END_TEST

START_TEST(test_op_that_changes_nothing)
{
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "code", "A1");
	put(a, tabs_a, 0, &r, NULL);
	size_t n;
	unsigned char *p = op_of(a, 1, 1, &n);
	apply(b, tabs_b, p, n);
	/* The same values again from another number: journaled, held. */
	struct store_log e;
	store_op_decode(p, n, &e);
	struct store_origin o = {1, 2, e.hlc + 1, p, n, false};
	struct rec same;
	rec_init(&same);
	struct store_txn *t;
	ck_assert_int_eq(store_read(b, &t), STORE_OK);
	store_get(t, tabs_b, e.id, &same);
	store_done(t);
	put(b, tabs_b, e.id, &same, &o);
	ck_assert_int_eq(store_read(b, &t), STORE_OK);
	ck_assert_uint_eq(store_have(t, 1), 2);
	store_done(t);
	store_log_free(&e);
	rec_free(&same);
	rec_free(&r);
	free(p);
}
END_TEST

START_TEST(test_far_future_does_not_drag)
{
	now_a = 1795000000000LL + 86400000LL * 365; /* a year ahead */
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "code", "A1");
	put(a, tabs_a, 0, &r, NULL);
	rec_free(&r);
	now_a = 1795000000000LL;
	size_t n;
	unsigned char *p = op_of(a, 1, 1, &n);
	apply(b, tabs_b, p, n);
	free(p);
	rec_init(&r);
	rec_set_text(&r, "code", "B1");
	put(b, tabs_b, 0, &r, NULL);
	uint64_t h = rec_find(&r, "code")->stamp;
	ck_assert_int_lt(STORE_HLC_MS(h), now_b + 1000);
	rec_free(&r);
}
END_TEST

static int renumber_txn(struct store_txn *t, void *vctx)
{
	return store_sync_renumber(t, *(unsigned *)vctx);
}

START_TEST(test_renumber)
{
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "code", "A1");
	put(a, tabs_a, 0, &r, NULL);
	rec_free(&r);
	unsigned node = 1;
	ck_assert_int_eq(store_write(a, renumber_txn, &node), STORE_EXISTS);
	node = 5;
	ck_assert_int_eq(store_write(a, renumber_txn, &node), STORE_OK);
	ck_assert_uint_eq(store_node(a), 5);
	struct store_txn *t;
	ck_assert_int_eq(store_read(a, &t), STORE_OK);
	ck_assert_uint_eq(store_have(t, 1), 1);
	ck_assert_uint_eq(store_have(t, 5), 0);
	store_done(t);
	rec_init(&r);
	rec_set_text(&r, "code", "A2");
	uint64_t id = put(a, tabs_a, 0, &r, NULL);
	ck_assert_uint_eq(STORE_ID_NODE(id), 5);
	rec_free(&r);
	ck_assert_int_eq(store_read(a, &t), STORE_OK);
	ck_assert_uint_eq(store_have(t, 5), 1);
	store_done(t);
}
END_TEST

Suite *sync_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc = tcase_create("operations");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_op_round_trip);
	tcase_add_test(tc, test_apply_keeps_origin);
	tcase_add_test(tc, test_op_that_changes_nothing);
	tcase_add_test(tc, test_far_future_does_not_drag);
	tcase_add_test(tc, test_renumber);
	suite_add_tcase(s, tc);
	return s;
}

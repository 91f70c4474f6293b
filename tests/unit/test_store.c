/*
 * test_store.c - the embedded database (store.h) with a table of its own.
 *
 * A tiny "thing" table with a unique index (code) and a posting index
 * (city) lives in a fresh directory under /tmp for each test.  The tests
 * cover creating and updating records with their stamps and log entries,
 * optimistic concurrency, unique clashes (by name and number), indexes
 * following updates, iterators, the table's ctx for key functions,
 * ids, meta values, history, the consistency checks, the clock, a full
 * map, reopening and copying.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rec.h"
#include "store.h"
#include "fixture.h"
#include "suites.h"

enum { IX_CODE, IX_CITY };

/* Index keys of a thing: its code (unique) and its city (postings). */
static void thing_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
		       void *tab_ctx)
{
	const char *code = rec_text(r, "code", NULL);
	const char *city = rec_text(r, "city", NULL);
	(void)id;
	(void)tab_ctx;
	if (code)
		emit(ctx, IX_CODE, code, strlen(code));
	if (city)
		emit(ctx, IX_CITY, city, strlen(city));
}

/* Index keys of a thing as a buggy later version would list them. */
static void thing_keys_changed(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			       void *tab_ctx)
{
	thing_keys(r, id, emit, ctx, tab_ctx);
	emit(ctx, IX_CITY, "extra", 5);
}

/* The second table has no index at all. */
static void no_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
		    void *tab_ctx)
{
	(void)tab_ctx;
	(void)r;
	(void)id;
	(void)emit;
	(void)ctx;
}

static const struct store_index thing_ix[] = {{"code", true}, {"city", false}};
static struct store_table tables[2] = {
	{"thing", 'T', thing_ix, 2, thing_keys, 0, NULL},
	{"other", 'X', NULL, 0, no_keys, 0, NULL},
};
#define THING (&tables[0])
#define OTHER (&tables[1])

/* Map size of the test databases: small enough for valgrind. */
#define TEST_MAP (64ULL << 20)

static char basedir[64];
static char tmpdir[96];
static char dbdir[128];
static struct store *st;
static int64_t fake_now;

/* The clock the tests control. */
static int64_t test_clock(void)
{
	return fake_now;
}


/* Makes the directory under /tmp that holds every database of a test
 * case; runs in the parent process, before the tests are forked. */
static void base_setup(void)
{
	fixture_mkdtemp(basedir, sizeof basedir, "store");
}

/* Removes that directory, with what failed tests (whose teardown does
 * not run) left behind. */
static void base_teardown(void)
{
	fixture_rmtree(basedir);
}

/* Opens the store in dbdir with the test clock and map size. */
static int open_store(uint64_t map_size, struct store **out)
{
	char err[512] = "";
	struct store_opts o = {.map_size = map_size, .nosync = true, .now_ms = test_clock};
	int rc = store_open(dbdir, &o, tables, 2, out, err, sizeof err);
	ck_assert_msg(rc == STORE_OK, "open %s: %s", dbdir, err);
	return rc;
}

/* A fresh temporary directory; the database goes in a subdirectory that
 * does not exist yet, so opening must create it. */
static void setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/t-XXXXXX", basedir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbdir, sizeof dbdir, "%s/db", tmpdir);
	fake_now = 1795000000000LL; /* 2026-11 */
	tables[0].keys = thing_keys;
	open_store(TEST_MAP, &st);
}

/* Closes the store and removes the directory. */
static void teardown(void)
{
	store_close(st);
	st = NULL;
	fixture_rmtree(tmpdir);
}

struct put_ctx {
	const struct store_table *tab;
	uint64_t id;
	struct rec *r;
	const struct store_who *who;
	bool new_id; /* take the next id inside the transaction */
	uint64_t base; /* the record's version as read: each try starts there */
};

/* Write transaction: store_put of the context's record, as callers do it
 * (store.h: a retried fn starts from its inputs). */
static int put_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	if (c->r)
		c->r->version = c->base;
	if (c->new_id)
		c->id = store_next_id(t, c->tab);
	return store_put(t, c->tab, c->id, c->r, c->who);
}

/* Saves r as id of tab in its own write transaction. */
static int put(const struct store_table *tab, uint64_t id, struct rec *r, const char *op,
	       const char *why)
{
	struct store_who who = {42, op, why};
	struct put_ctx c = {tab, id, r, &who, false, r->version};
	int rc = store_write(st, put_txn, &c);
	if (rc)
		r->version = c.base;
	return rc;
}

/* Write transaction that hands out one id. */
static int id_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	c->id = store_next_id(t, c->tab);
	return c->id ? STORE_OK : STORE_ERROR;
}

/* The next id of tab. */
static uint64_t next_id(const struct store_table *tab)
{
	struct put_ctx c = {tab, 0, NULL, NULL, true, 0};
	ck_assert_int_eq(store_write(st, id_txn, &c), STORE_OK);
	return c.id;
}

/* Makes a thing record. */
static void make_thing(struct rec *r, const char *code, const char *city, int64_t n)
{
	rec_init(r);
	rec_set_text(r, "code", code);
	rec_set_text(r, "city", city);
	rec_set_int(r, "n", n);
}

/* Creates a thing and returns its id. */
static uint64_t create_thing(const char *code, const char *city, int64_t n)
{
	struct rec r;
	make_thing(&r, code, city, n);
	uint64_t id = next_id(THING);
	ck_assert_int_eq(put(THING, id, &r, "create", NULL), STORE_OK);
	ck_assert_uint_eq(r.version, 1);
	rec_free(&r);
	return id;
}

/* Reads record id of tab into r; returns the status. */
static int get(const struct store_table *tab, uint64_t id, struct rec *r)
{
	struct store_txn *t;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	int rc = store_get(t, tab, id, r);
	store_done(t);
	return rc;
}

/* Number of log entries. */
static uint64_t log_count(void)
{
	struct store_txn *t;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	uint64_t n = store_log_count(t);
	store_done(t);
	return n;
}

/* Looks code up in the unique index; 0 when absent. */
static uint64_t by_code(const char *code)
{
	struct store_txn *t;
	uint64_t id = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	int rc = store_unique_get(t, THING, IX_CODE, code, strlen(code), &id);
	store_done(t);
	ck_assert(rc == STORE_OK || rc == STORE_NOTFOUND);
	return rc == STORE_OK ? id : 0;
}

/* Ids of one posting list, newest first, through the iterator; returns the count. */
static size_t postings(const char *city, uint64_t *ids, size_t max)
{
	struct store_txn *t;
	size_t n = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	struct store_iter *it = store_iter_postings(t, THING, IX_CITY, city, strlen(city));
	uint64_t below = UINT64_MAX, id;
	while (it && n < max && store_iter_seek(it, below, &id)) {
		ids[n++] = id;
		below = id - 1;
	}
	if (it)
		ck_assert_uint_eq(store_iter_count(it), n);
	store_iter_free(it);
	store_done(t);
	return n;
}

struct problems {
	int n;
	char first[256];
};

/* Collects the problems a check reports. */
static void problem(void *ctx, const char *msg)
{
	struct problems *p = ctx;
	if (p->n++ == 0)
		snprintf(p->first, sizeof p->first, "%s", msg);
}

/* Runs both checks on s and asserts they find nothing. */
static void assert_clean(struct store *s)
{
	struct store_txn *t;
	struct problems p = {0, ""};
	ck_assert_int_eq(store_read(s, &t), STORE_OK);
	uint64_t f = store_check_table(t, THING, problem, &p) + store_check_table(t, OTHER, problem, &p);
	f += store_check_log(t, problem, &p);
	store_done(t);
	ck_assert_msg(f == 0 && p.n == 0, "%llu faults, first: %s", (unsigned long long)f, p.first);
}

START_TEST(test_open_creates)
{
	struct stat sb;
	char path[256];
	/* setup opened a directory that did not exist. */
	ck_assert_int_eq(stat(dbdir, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	snprintf(path, sizeof path, "%s/data.mdb", dbdir);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(store_node(st), 1);
	struct store_txn *t;
	uint64_t v = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_meta_get_u64(t, "format", &v), STORE_OK);
	ck_assert_uint_eq(v, STORE_FORMAT);
	ck_assert_int_eq(store_meta_get_u64(t, "node", &v), STORE_OK);
	ck_assert_uint_eq(v, 1);
	ck_assert_uint_eq(store_count(t, THING), 0);
	ck_assert_uint_eq(store_count(t, OTHER), 0);
	ck_assert_uint_eq(store_log_count(t), 0);
	store_done(t);
	assert_clean(st);
	/* Every sub-database exists: a read-only open (which creates
	 * nothing) succeeds. */
	char err[512] = "";
	struct store *ro;
	struct store_opts o = {.map_size = TEST_MAP, .readonly = true};
	ck_assert_int_eq(store_open(dbdir, &o, tables, 2, &ro, err, sizeof err), STORE_OK);
	ck_assert_int_eq(store_read(ro, &t), STORE_OK);
	ck_assert_uint_eq(store_count(t, THING), 0);
	store_done(t);
	store_close(ro);
	/* No database and no way to make one: an error that says where. */
	snprintf(path, sizeof path, "%s/missing/deeper", tmpdir);
	err[0] = '\0';
	ck_assert_int_eq(store_open(path, NULL, tables, 2, &ro, err, sizeof err), STORE_ERROR);
	ck_assert_ptr_null(ro);
	ck_assert_msg(strstr(err, path) != NULL, "message \"%s\" does not name the directory", err);
	snprintf(path, sizeof path, "%s/empty", tmpdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	err[0] = '\0';
	ck_assert_int_eq(store_open(path, &o, tables, 2, &ro, err, sizeof err), STORE_ERROR);
	ck_assert(err[0] != '\0');
}
END_TEST

START_TEST(test_create_update)
{
	struct rec r, back;
	make_thing(&r, "A1", "北京", 1);
	rec_set_text(&r, "note", "首谈");
	uint64_t id = next_id(THING);
	ck_assert_int_eq(put(THING, id, &r, "create", NULL), STORE_OK);
	ck_assert_uint_eq(r.version, 1);
	ck_assert_uint_ne(r.created, 0);
	ck_assert_int_ge(STORE_HLC_MS(r.created), fake_now);
	for (size_t i = 0; i < r.n; i++)
		ck_assert_uint_eq(r.f[i].stamp, r.created);
	ck_assert_uint_eq(log_count(), 1);
	rec_init(&back);
	ck_assert_int_eq(get(THING, id, &back), STORE_OK);
	ck_assert_uint_eq(back.version, 1);
	ck_assert_uint_eq(back.created, r.created);
	ck_assert_uint_eq(back.n, 4);
	ck_assert_str_eq(rec_text(&back, "city", ""), "北京");
	ck_assert_str_eq(rec_text(&back, "note", ""), "首谈");
	uint64_t created = r.created;

	/* An update restamps only what changed. */
	fake_now += 1000;
	rec_set_int(&r, "n", 2);
	ck_assert_int_eq(put(THING, id, &r, "update", NULL), STORE_OK);
	ck_assert_uint_eq(r.version, 2);
	ck_assert_uint_eq(r.created, created);
	ck_assert_uint_gt(rec_find(&r, "n")->stamp, created);
	ck_assert_uint_eq(rec_find(&r, "code")->stamp, created);
	ck_assert_uint_eq(rec_find(&r, "note")->stamp, created);
	ck_assert_uint_eq(log_count(), 2);
	ck_assert_int_eq(get(THING, id, &back), STORE_OK);
	ck_assert_uint_eq(back.version, 2);
	ck_assert_uint_eq(back.created, created);
	ck_assert_int_eq(rec_int(&back, "n", 0), 2);
	ck_assert_uint_eq(rec_find(&back, "n")->stamp, rec_find(&r, "n")->stamp);
	ck_assert_uint_eq(rec_find(&back, "city")->stamp, created);

	/* Saving the same values writes nothing at all. */
	struct store_txn *t;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	uint64_t hlc_before = 0;
	store_meta_get_u64(t, "hlc", &hlc_before);
	store_done(t);
	ck_assert_int_eq(put(THING, id, &back, "update", NULL), STORE_OK);
	ck_assert_uint_eq(back.version, 2);
	ck_assert_uint_eq(log_count(), 2);
	ck_assert_int_eq(get(THING, id, &back), STORE_OK);
	ck_assert_uint_eq(back.version, 2);
	uint64_t hlc_after = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	store_meta_get_u64(t, "hlc", &hlc_after);
	ck_assert_uint_eq(store_count(t, THING), 1);
	store_done(t);
	ck_assert_uint_eq(hlc_after, hlc_before);
	rec_free(&r);
	rec_free(&back);
	assert_clean(st);
}
END_TEST

START_TEST(test_conflict)
{
	uint64_t id = create_thing("A1", "北京", 1);
	struct rec mine, theirs;
	rec_init(&mine);
	rec_init(&theirs);
	ck_assert_int_eq(get(THING, id, &mine), STORE_OK);
	ck_assert_int_eq(get(THING, id, &theirs), STORE_OK);
	rec_set_int(&theirs, "n", 2);
	ck_assert_int_eq(put(THING, id, &theirs, "update", NULL), STORE_OK);
	ck_assert_uint_eq(theirs.version, 2);
	/* Mine was read at version 1. */
	rec_set_int(&mine, "n", 3);
	ck_assert_int_eq(put(THING, id, &mine, "update", NULL), STORE_CONFLICT);
	ck_assert(store_error(st)[0] != '\0');
	ck_assert_uint_eq(log_count(), 2);
	struct rec back;
	rec_init(&back);
	ck_assert_int_eq(get(THING, id, &back), STORE_OK);
	ck_assert_int_eq(rec_int(&back, "n", 0), 2);
	ck_assert_uint_eq(back.version, 2);
	/* A "new" record whose id is taken, or an old one that is gone. */
	struct rec fresh;
	make_thing(&fresh, "B1", "上海", 1);
	ck_assert_int_eq(put(THING, id, &fresh, "create", NULL), STORE_CONFLICT);
	fresh.version = 4;
	ck_assert_int_eq(put(THING, next_id(THING), &fresh, "update", NULL), STORE_CONFLICT);
	ck_assert_uint_eq(log_count(), 2);
	ck_assert_uint_eq(by_code("B1"), 0);
	rec_free(&fresh);
	rec_free(&mine);
	rec_free(&theirs);
	rec_free(&back);
	assert_clean(st);
}
END_TEST

START_TEST(test_exists)
{
	uint64_t a = create_thing("A1", "北京", 1);
	struct rec r;
	make_thing(&r, "A1", "上海", 2);
	uint64_t b = next_id(THING);
	ck_assert_int_eq(put(THING, b, &r, "create", NULL), STORE_EXISTS);
	ck_assert_msg(strstr(store_error(st), "thing.code") != NULL, "message: %s", store_error(st));
	ck_assert_int_eq(store_clash_index(st), IX_CODE);
	ck_assert_uint_eq(log_count(), 1);
	ck_assert_uint_eq(by_code("A1"), a);
	uint64_t ids[4];
	ck_assert_uint_eq(postings("上海", ids, 4), 0);
	struct rec back;
	rec_init(&back);
	ck_assert_int_eq(get(THING, b, &back), STORE_NOTFOUND);
	rec_free(&r);

	/* An update that would clash changes nothing either. */
	uint64_t c = create_thing("C1", "广州", 3);
	ck_assert_int_eq(get(THING, c, &back), STORE_OK);
	rec_set_text(&back, "code", "A1");
	rec_set_text(&back, "city", "深圳");
	ck_assert_int_eq(put(THING, c, &back, "update", NULL), STORE_EXISTS);
	ck_assert_uint_eq(log_count(), 2);
	ck_assert_uint_eq(by_code("A1"), a);
	ck_assert_uint_eq(by_code("C1"), c);
	ck_assert_uint_eq(postings("广州", ids, 4), 1);
	ck_assert_uint_eq(postings("深圳", ids, 4), 0);
	ck_assert_int_eq(get(THING, c, &back), STORE_OK);
	ck_assert_str_eq(rec_text(&back, "code", ""), "C1");
	ck_assert_uint_eq(back.version, 1);
	rec_free(&back);
	assert_clean(st);
}
END_TEST

START_TEST(test_exists_then_fixed)
{
	/* After a refused save the caller's record is still the one it had:
	 * fixing the clashing value and saving again must work. */
	create_thing("A1", "北京", 1);
	struct rec r;
	make_thing(&r, "A1", "上海", 2);
	uint64_t b = next_id(THING);
	ck_assert_int_eq(put(THING, b, &r, "create", NULL), STORE_EXISTS);
	ck_assert_msg(r.version == 0, "a refused store_put left r.version at %llu",
		      (unsigned long long)r.version);
	rec_set_text(&r, "code", "B1");
	int rc = put(THING, b, &r, "create", NULL);
	ck_assert_msg(rc == STORE_OK, "saving the fixed record gave %d (%s)", rc, store_error(st));
	ck_assert_uint_eq(by_code("B1"), b);
	rec_free(&r);
}
END_TEST

/* Collected entries of an index scan. */
struct scan {
	int n, stop_after;
	char key[16][16];
	uint64_t id[16];
};

/* store_index_scan callback that records each entry. */
static int scan_fn(void *vctx, const void *key, size_t klen, uint64_t id)
{
	struct scan *s = vctx;
	ck_assert_int_lt(s->n, 16);
	ck_assert_uint_lt(klen, 16);
	memcpy(s->key[s->n], key, klen);
	s->key[s->n][klen] = '\0';
	s->id[s->n] = id;
	s->n++;
	return s->stop_after && s->n >= s->stop_after;
}

/* Scans an index of THING from from (NULL = an end); returns the entries. */
static struct scan do_scan(int ix, const char *from, bool backwards, int stop_after)
{
	struct scan s;
	struct store_txn *t;
	memset(&s, 0, sizeof s);
	s.stop_after = stop_after;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_index_scan(t, THING, ix, from, from ? strlen(from) : 0, backwards,
					  scan_fn, &s),
			 STORE_OK);
	store_done(t);
	return s;
}

/* Asserts one scanned entry. */
static void assert_entry(const struct scan *s, int i, const char *key, uint64_t id)
{
	ck_assert_int_gt(s->n, i);
	ck_assert_str_eq(s->key[i], key);
	ck_assert_uint_eq(s->id[i], id);
}

START_TEST(test_indexes_follow)
{
	uint64_t id[5];
	id[0] = create_thing("k1", "a", 0);
	id[1] = create_thing("k2", "a", 0);
	id[2] = create_thing("k3", "b", 0);
	id[3] = create_thing("k4", "c", 0);
	id[4] = create_thing("k5", "c", 0);
	for (int i = 1; i < 5; i++)
		ck_assert_uint_gt(id[i], id[i - 1]);
	uint64_t got[8];
	ck_assert_uint_eq(postings("a", got, 8), 2);
	ck_assert_uint_eq(got[0], id[1]);
	ck_assert_uint_eq(got[1], id[0]);
	ck_assert_uint_eq(postings("zz", got, 8), 0);

	/* Seeking in a posting list: the largest id at or below. */
	struct store_txn *t;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	struct store_iter *it = store_iter_postings(t, THING, IX_CITY, "c", 1);
	ck_assert_ptr_nonnull(it);
	ck_assert_uint_eq(store_iter_count(it), 2);
	uint64_t x = 0;
	ck_assert(store_iter_seek(it, UINT64_MAX, &x));
	ck_assert_uint_eq(x, id[4]);
	ck_assert(store_iter_seek(it, id[4], &x));
	ck_assert_uint_eq(x, id[4]);
	ck_assert(store_iter_seek(it, id[4] - 1, &x));
	ck_assert_uint_eq(x, id[3]);
	ck_assert(store_iter_seek(it, id[2], &x) == false);
	ck_assert(store_iter_seek(it, 0, &x) == false);
	ck_assert(store_iter_seek(it, UINT64_MAX, &x));
	ck_assert_uint_eq(x, id[4]);
	store_iter_free(it);
	ck_assert_ptr_null(store_iter_postings(t, THING, IX_CITY, "nowhere", 7));
	ck_assert_ptr_null(store_iter_postings(t, THING, IX_CITY, "", 0));
	/* All records, the same way. */
	it = store_iter_records(t, THING);
	ck_assert_ptr_nonnull(it);
	ck_assert_uint_eq(store_iter_count(it), 5);
	ck_assert(store_iter_seek(it, UINT64_MAX, &x));
	ck_assert_uint_eq(x, id[4]);
	ck_assert(store_iter_seek(it, id[2], &x));
	ck_assert_uint_eq(x, id[2]);
	ck_assert(store_iter_seek(it, id[0] - 1, &x) == false);
	store_iter_free(it);
	store_done(t);

	/* Forward and backward scans, from either end or from a key. */
	struct scan s = do_scan(IX_CITY, NULL, false, 0);
	ck_assert_int_eq(s.n, 5);
	assert_entry(&s, 0, "a", id[0]);
	assert_entry(&s, 1, "a", id[1]);
	assert_entry(&s, 2, "b", id[2]);
	assert_entry(&s, 3, "c", id[3]);
	assert_entry(&s, 4, "c", id[4]);
	s = do_scan(IX_CITY, NULL, true, 0);
	ck_assert_int_eq(s.n, 5);
	assert_entry(&s, 0, "c", id[4]);
	assert_entry(&s, 1, "c", id[3]);
	assert_entry(&s, 2, "b", id[2]);
	assert_entry(&s, 3, "a", id[1]);
	assert_entry(&s, 4, "a", id[0]);
	s = do_scan(IX_CITY, "b", false, 0);
	ck_assert_int_eq(s.n, 3);
	assert_entry(&s, 0, "b", id[2]);
	assert_entry(&s, 2, "c", id[4]);
	s = do_scan(IX_CITY, "b", true, 0);
	ck_assert_int_eq(s.n, 3);
	assert_entry(&s, 0, "b", id[2]);
	assert_entry(&s, 1, "a", id[1]);
	assert_entry(&s, 2, "a", id[0]);
	s = do_scan(IX_CITY, "c", true, 0);
	ck_assert_int_eq(s.n, 5);
	assert_entry(&s, 0, "c", id[4]);
	s = do_scan(IX_CITY, "bb", false, 0);
	ck_assert_int_eq(s.n, 2);
	assert_entry(&s, 0, "c", id[3]);
	s = do_scan(IX_CITY, "bb", true, 0);
	ck_assert_int_eq(s.n, 3);
	assert_entry(&s, 0, "b", id[2]);
	s = do_scan(IX_CITY, "0", true, 0);
	ck_assert_int_eq(s.n, 0);
	s = do_scan(IX_CITY, "zz", false, 0);
	ck_assert_int_eq(s.n, 0);
	s = do_scan(IX_CITY, "zz", true, 0);
	ck_assert_int_eq(s.n, 5);
	assert_entry(&s, 0, "c", id[4]);
	s = do_scan(IX_CITY, NULL, false, 2);
	ck_assert_int_eq(s.n, 2);
	s = do_scan(IX_CODE, "k2", false, 0);
	ck_assert_int_eq(s.n, 4);
	assert_entry(&s, 0, "k2", id[1]);
	assert_entry(&s, 3, "k5", id[4]);
	s = do_scan(IX_CODE, "k3", true, 0);
	ck_assert_int_eq(s.n, 3);
	assert_entry(&s, 0, "k3", id[2]);
	assert_entry(&s, 2, "k1", id[0]);

	/* An update moves both index entries. */
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(get(THING, id[0], &r), STORE_OK);
	rec_set_text(&r, "code", "k9");
	rec_set_text(&r, "city", "c");
	ck_assert_int_eq(put(THING, id[0], &r, "update", NULL), STORE_OK);
	ck_assert_uint_eq(by_code("k1"), 0);
	ck_assert_uint_eq(by_code("k9"), id[0]);
	ck_assert_uint_eq(postings("a", got, 8), 1);
	ck_assert_uint_eq(got[0], id[1]);
	ck_assert_uint_eq(postings("c", got, 8), 3);
	ck_assert_uint_eq(got[0], id[4]);
	ck_assert_uint_eq(got[2], id[0]);
	/* Removing the field removes its entry; the old code is free again. */
	rec_unset(&r, "city");
	ck_assert_int_eq(put(THING, id[0], &r, "update", NULL), STORE_OK);
	ck_assert_uint_eq(postings("c", got, 8), 2);
	create_thing("k1", "d", 0);
	s = do_scan(IX_CITY, NULL, false, 0);
	ck_assert_int_eq(s.n, 5);
	rec_free(&r);
	assert_clean(st);
}
END_TEST

/* Ids of an iterator through store_iter_next, as callers loop; returns the count. */
static size_t iter_all(struct store_iter *it, uint64_t *ids, size_t max)
{
	size_t n = 0;
	uint64_t id;
	while (n < max && store_iter_next(it, &id))
		ids[n++] = id;
	return n;
}

START_TEST(test_iter_next)
{
	struct store_txn *t;
	uint64_t got[400], x = 0;

	/* Empty: a table without records, and the NULL of a key without postings. */
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	struct store_iter *it = store_iter_records(t, THING);
	ck_assert_ptr_nonnull(it);
	ck_assert(!store_iter_next(it, &x));
	ck_assert(!store_iter_next(it, &x));
	store_iter_free(it);
	it = store_iter_postings(t, THING, IX_CITY, "a", 1);
	ck_assert_ptr_null(it);
	ck_assert(!store_iter_next(it, &x));
	store_done(t);

	/* One. */
	uint64_t one = create_thing("one", "a", 0);
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	it = store_iter_postings(t, THING, IX_CITY, "a", 1);
	ck_assert_uint_eq(iter_all(it, got, 400), 1);
	ck_assert_uint_eq(got[0], one);
	ck_assert(!store_iter_next(it, &x));
	store_iter_free(it);
	it = store_iter_records(t, THING);
	ck_assert_uint_eq(iter_all(it, got, 400), 1);
	ck_assert_uint_eq(got[0], one);
	store_iter_free(it);
	store_done(t);

	/* Many, over more than one page: every id once, newest first, the
	 * same as seeking below each id in turn. */
	uint64_t id[300];
	for (int i = 0; i < 300; i++) {
		char code[16];
		snprintf(code, sizeof code, "m%d", i);
		id[i] = create_thing(code, i % 3 ? "b" : "c", i);
	}
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	it = store_iter_postings(t, THING, IX_CITY, "b", 1);
	size_t n = iter_all(it, got, 400);
	ck_assert_uint_eq(n, 200);
	ck_assert_uint_eq(n, store_iter_count(it));
	for (size_t i = 0, j = 300; i < n; i++) {
		while (--j % 3 == 0)
			;
		ck_assert_uint_eq(got[i], id[j]);
	}
	store_iter_free(it);
	uint64_t seek[400];
	ck_assert_uint_eq(postings("b", seek, 400), 200);
	ck_assert(memcmp(got, seek, 200 * sizeof *got) == 0);
	it = store_iter_records(t, THING);
	n = iter_all(it, got, 400);
	ck_assert_uint_eq(n, 301);
	for (size_t i = 0; i < 300; i++)
		ck_assert_uint_eq(got[i], id[299 - i]);
	ck_assert_uint_eq(got[300], one);
	store_iter_free(it);

	/* After a seek, next goes on below what the seek found; after seek_up
	 * too; a seek that finds nothing ends it, a new seek starts again. */
	it = store_iter_records(t, THING);
	ck_assert(store_iter_seek(it, id[150], &x));
	ck_assert_uint_eq(x, id[150]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, id[149]);
	ck_assert(store_iter_seek(it, id[10], &x));
	ck_assert_uint_eq(x, id[10]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, id[9]);
	ck_assert(store_iter_seek_up(it, id[1], &x));
	ck_assert_uint_eq(x, id[1]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, id[0]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, one);
	ck_assert(!store_iter_next(it, &x));
	ck_assert(!store_iter_next(it, &x));
	ck_assert(store_iter_seek(it, UINT64_MAX, &x));
	ck_assert_uint_eq(x, id[299]);
	ck_assert(!store_iter_seek(it, one - 1, &x));
	ck_assert(!store_iter_next(it, &x));
	ck_assert(!store_iter_seek_up(it, id[299] + 1, &x));
	ck_assert(!store_iter_next(it, &x));
	store_iter_free(it);
	it = store_iter_postings(t, THING, IX_CITY, "c", 1);
	ck_assert(store_iter_seek(it, id[4], &x));
	ck_assert_uint_eq(x, id[3]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, id[0]);
	ck_assert(!store_iter_next(it, &x));
	ck_assert(store_iter_seek_up(it, id[4], &x));
	ck_assert_uint_eq(x, id[6]);
	ck_assert(store_iter_next(it, &x));
	ck_assert_uint_eq(x, id[3]);
	store_iter_free(it);

	/* Seeks from where the cursor stands (the id it is on, one or a few
	 * below, far below, below the first, after a seek_up) find what a
	 * seek on a fresh iterator finds, in records and postings. */
	static const char *const keys[] = {NULL, "b", "c"};
	for (int k = 0; k < 3; k++) {
		struct store_iter *held =
			keys[k] ? store_iter_postings(t, THING, IX_CITY, keys[k], 1) : store_iter_records(t, THING);
		uint64_t below = id[299] + 5;
		for (int step = 0; step < 200 && below > 0; step++) {
			if (step == 60) /* from the other side once */
				store_iter_seek_up(held, id[100], &x);
			uint64_t a = 0, b = 0;
			struct store_iter *fresh = keys[k] ? store_iter_postings(t, THING, IX_CITY, keys[k], 1)
							   : store_iter_records(t, THING);
			bool fa = store_iter_seek(held, below, &a), fb = store_iter_seek(fresh, below, &b);
			store_iter_free(fresh);
			ck_assert_msg(fa == fb && (!fa || a == b),
				      "list %d, seek below %llu: held %d %llu, fresh %d %llu", k,
				      (unsigned long long)below, fa, (unsigned long long)a, fb,
				      (unsigned long long)b);
			/* again at once (the id it stands on), then 0, 1, 2, 5 or 9 below */
			below = step % 4 == 0 ? below : below - (uint64_t)(step % 5 == 0 ? 9 : step % 3 + 1);
			if (below > id[299] + 5)
				break;
		}
		ck_assert(!store_iter_seek(held, 0, &x) || x == 0);
		store_iter_free(held);
	}
	store_done(t);
}
END_TEST

/* The prefix the pair table's keys take from the table's ctx. */
static const char pair_prefix[] = "p:";

/* Index keys of a pair: its city (postings) and, unique, the table's
 * prefix followed by its tag. */
static void pair_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
		      void *tab_ctx)
{
	const char *city = rec_text(r, "city", NULL);
	const char *tag = rec_text(r, "tag", NULL);
	(void)id;
	if (city)
		emit(ctx, 0, city, strlen(city));
	if (tag) {
		char key[64];
		snprintf(key, sizeof key, "%s%s", (const char *)tab_ctx, tag);
		emit(ctx, 1, key, strlen(key));
	}
}

struct pair_put {
	const struct store_table *tab;
	uint64_t id;
	const char *tag;
	int status; /* returned instead of putting, when not STORE_OK */
};

/* Write transaction that creates pair id with a tag. */
static int pair_txn(struct store_txn *t, void *vctx)
{
	struct pair_put *c = vctx;
	if (c->status != STORE_OK)
		return c->status;
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "city", "x");
	rec_set_text(&r, "tag", c->tag);
	struct store_who who = {1, "create", NULL};
	int rc = store_put(t, c->tab, c->id, &r, &who);
	rec_free(&r);
	return rc;
}

START_TEST(test_table_ctx_and_clash)
{
	static const struct store_index pair_ix[] = {{"city", false}, {"tag", true}};
	struct store_table pair[1] = {
		{"pair", 'P', pair_ix, 2, pair_keys, 0, (void *)pair_prefix}};
	char dir[160], err[512] = "";
	struct store *ps;
	struct store_opts o = {.map_size = TEST_MAP, .nosync = true, .now_ms = test_clock};
	snprintf(dir, sizeof dir, "%s/pair", tmpdir);
	ck_assert_int_eq(store_open(dir, &o, pair, 1, &ps, err, sizeof err), STORE_OK);
	ck_assert_int_eq(store_clash_index(ps), -1);

	/* The key function gets the table's ctx. */
	struct pair_put c = {pair, 1, "t1", STORE_OK};
	ck_assert_int_eq(store_write(ps, pair_txn, &c), STORE_OK);
	ck_assert_int_eq(store_clash_index(ps), -1);
	struct store_txn *t;
	uint64_t id = 0;
	ck_assert_int_eq(store_read(ps, &t), STORE_OK);
	ck_assert_int_eq(store_unique_get(t, pair, 1, "p:t1", 4, &id), STORE_OK);
	ck_assert_uint_eq(id, 1);
	ck_assert_int_eq(store_unique_get(t, pair, 1, "t1", 2, &id), STORE_NOTFOUND);
	store_done(t);

	/* A clash on the second index says which, as a number and by name. */
	c.id = 2;
	ck_assert_int_eq(store_write(ps, pair_txn, &c), STORE_EXISTS);
	ck_assert_int_eq(store_clash_index(ps), 1);
	ck_assert_str_eq(store_error(ps), "pair.tag");

	/* Any later call that does not clash clears it. */
	c.tag = "t2";
	ck_assert_int_eq(store_write(ps, pair_txn, &c), STORE_OK);
	ck_assert_int_eq(store_clash_index(ps), -1);
	c.tag = "t1";
	c.id = 3;
	ck_assert_int_eq(store_write(ps, pair_txn, &c), STORE_EXISTS);
	ck_assert_int_eq(store_clash_index(ps), 1);
	c.status = STORE_EXISTS; /* the caller's own refusal, not an index's */
	ck_assert_int_eq(store_write(ps, pair_txn, &c), STORE_EXISTS);
	ck_assert_int_eq(store_clash_index(ps), -1);
	store_close(ps);
}
END_TEST

START_TEST(test_next_id)
{
	uint64_t a = next_id(THING), b = next_id(THING), c = next_id(THING);
	ck_assert_uint_eq(a, STORE_ID(1, 1));
	ck_assert_uint_eq(a, (1ULL << 48) | 1);
	ck_assert_uint_eq(b, STORE_ID(1, 2));
	ck_assert_uint_eq(c, STORE_ID(1, 3));
	ck_assert_uint_eq(STORE_ID_NODE(c), 1);
	ck_assert_uint_eq(STORE_ID_SEQ(c), 3);
	/* Each table counts on its own. */
	ck_assert_uint_eq(next_id(OTHER), STORE_ID(1, 1));
	/* Another copy's node goes into the high bits. */
	ck_assert_int_eq(store_set_node(st, 7), STORE_OK);
	ck_assert_uint_eq(store_node(st), 7);
	uint64_t d = next_id(THING);
	ck_assert_uint_eq(d, STORE_ID(7, 4));
	ck_assert_uint_eq(STORE_ID_NODE(d), 7);
	ck_assert_uint_eq(STORE_ID_SEQ(d), 4);
	ck_assert_uint_gt(d, c);
	store_close(st);
	open_store(TEST_MAP, &st);
	ck_assert_uint_eq(store_node(st), 7);
	ck_assert_uint_eq(next_id(THING), STORE_ID(7, 5));
}
END_TEST

/* Write transaction that puts the meta values of the meta test. */
static int meta_txn(struct store_txn *t, void *vctx)
{
	int rc;
	(void)vctx;
	if ((rc = store_meta_put(t, "profile", "[city]\nname = 北京市\n")) ||
	    (rc = store_meta_put(t, "owner", "first")) || (rc = store_meta_put(t, "owner", "second")) ||
	    (rc = store_meta_put_u64(t, "schema", 3)) ||
	    (rc = store_meta_put_u64(t, "big", UINT64_MAX)))
		return rc;
	return STORE_OK;
}

START_TEST(test_meta)
{
	struct store_txn *t;
	char *text = NULL;
	uint64_t v = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_meta_get(t, "profile", &text), STORE_NOTFOUND);
	ck_assert_int_eq(store_meta_get_u64(t, "schema", &v), STORE_NOTFOUND);
	store_done(t);
	ck_assert_int_eq(store_write(st, meta_txn, NULL), STORE_OK);
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_meta_get(t, "profile", &text), STORE_OK);
	ck_assert_str_eq(text, "[city]\nname = 北京市\n");
	free(text);
	ck_assert_int_eq(store_meta_get(t, "owner", &text), STORE_OK);
	ck_assert_str_eq(text, "second");
	free(text);
	ck_assert_int_eq(store_meta_get_u64(t, "schema", &v), STORE_OK);
	ck_assert_uint_eq(v, 3);
	ck_assert_int_eq(store_meta_get_u64(t, "big", &v), STORE_OK);
	ck_assert(v == UINT64_MAX);
	/* A text that is not 8 bytes is no number. */
	ck_assert_int_ne(store_meta_get_u64(t, "owner", &v), STORE_OK);
	store_done(t);
	/* Meta values are not log entries. */
	ck_assert_uint_eq(log_count(), 0);
}
END_TEST

static int counts_txn(struct store_txn *t, void *ctx)
{
	(void)ctx;
	int rc;
	if ((rc = store_counts_add(t, "Ma", 2, 5)) || (rc = store_counts_add(t, "Ma", 2, -2)) ||
	    (rc = store_counts_add(t, "Mb", 2, -7)) || (rc = store_counts_add(t, "Mc", 2, 4)) ||
	    (rc = store_counts_add(t, "Mc", 2, -4)) || (rc = store_counts_add(t, "N", 1, 1)) ||
	    (rc = store_counts_add(t, "Mz", 2, 0)))
		return rc;
	return STORE_OK;
}

struct seen {
	char keys[8][8];
	int64_t v[8];
	int n;
};

static int counts_seen(void *ctx, const void *key, size_t len, int64_t v)
{
	struct seen *s = ctx;
	if (s->n < 8 && len < 8) {
		memcpy(s->keys[s->n], key, len);
		s->keys[s->n][len] = '\0';
		s->v[s->n++] = v;
	}
	return 0;
}

static int counts_clear_txn(struct store_txn *t, void *ctx)
{
	(void)ctx;
	return store_counts_clear(t);
}

START_TEST(test_counts)
{
	ck_assert_int_eq(store_write(st, counts_txn, NULL), STORE_OK);
	struct store_txn *t;
	struct seen s = {0};
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	/* From "M" up to (not including) "N": a total back at zero is gone,
	 * a negative one kept, an addition of zero wrote nothing. */
	ck_assert_int_eq(store_counts_scan(t, "M", 1, "N", 1, counts_seen, &s), STORE_OK);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.keys[0], "Ma");
	ck_assert(s.v[0] == 3);
	ck_assert_str_eq(s.keys[1], "Mb");
	ck_assert(s.v[1] == -7);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_counts_scan(t, NULL, 0, NULL, 0, counts_seen, &s), STORE_OK);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.keys[2], "N");
	store_done(t);
	/* Counts are not log entries. */
	ck_assert_uint_eq(log_count(), 0);
	ck_assert_int_eq(store_write(st, counts_clear_txn, NULL), STORE_OK);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_counts_scan(t, NULL, 0, NULL, 0, counts_seen, &s), STORE_OK);
	store_done(t);
	ck_assert_int_eq(s.n, 0);
}
END_TEST

/* Finds the change of field in a log entry, or NULL. */
static const struct store_change *change_of(const struct store_log *e, const char *field)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->c[i].field, field))
			return &e->c[i];
	return NULL;
}

/* Asserts a value is the text want (NULL: no value). */
static void assert_text(const struct rec_value *v, const char *want)
{
	if (!want) {
		ck_assert_int_eq(v->type, REC_NULL);
		return;
	}
	ck_assert_int_eq(v->type, REC_TEXT);
	ck_assert_str_eq(v->s, want);
}

START_TEST(test_history)
{
	struct rec r;
	make_thing(&r, "H1", "北京", 1);
	rec_set_text(&r, "note", "旧备注");
	uint64_t id = next_id(THING);
	create_thing("other", "x", 0); /* an unrelated record in between */
	ck_assert_int_eq(put(THING, id, &r, "create", "first contact"), STORE_OK);
	uint64_t s1 = r.created;
	fake_now += 60000;
	rec_set_int(&r, "n", 2);
	ck_assert_int_eq(put(THING, id, &r, "update", NULL), STORE_OK);
	uint64_t s2 = rec_find(&r, "n")->stamp;
	fake_now += 60000;
	rec_unset(&r, "note");
	ck_assert_int_eq(put(THING, id, &r, "update", "note was wrong"), STORE_OK);
	fake_now += 60000;
	rec_set_text(&r, "note", "新备注");
	rec_set_text(&r, "city", "上海");
	ck_assert_int_eq(put(THING, id, &r, "move", NULL), STORE_OK);
	ck_assert_uint_eq(r.version, 4);

	struct store_txn *t;
	struct store_log *e = NULL;
	size_t n = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_history(t, THING, id, &e, &n), STORE_OK);
	store_done(t);
	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(e[i].version, i + 1);
		ck_assert_uint_eq(e[i].id, id);
		ck_assert_uint_eq(e[i].actor, 42);
		ck_assert_str_eq(e[i].table, "thing");
		ck_assert_uint_eq(e[i].node, 1);
		if (i)
			ck_assert_uint_gt(e[i].seq, e[i - 1].seq);
		if (i)
			ck_assert_uint_gt(e[i].hlc, e[i - 1].hlc);
	}
	/* 1: created with every field. */
	ck_assert(e[0].created);
	ck_assert_str_eq(e[0].op, "create");
	ck_assert_str_eq(e[0].why, "first contact");
	ck_assert_uint_eq(e[0].hlc, s1);
	ck_assert_int_eq(e[0].at, STORE_HLC_MS(s1) / 1000);
	ck_assert_uint_eq(e[0].n, 4);
	assert_text(&change_of(&e[0], "code")->new, "H1");
	assert_text(&change_of(&e[0], "note")->new, "旧备注");
	assert_text(&change_of(&e[0], "city")->new, "北京");
	ck_assert_int_eq(change_of(&e[0], "n")->new.i, 1);
	ck_assert_int_eq(change_of(&e[0], "n")->old.type, REC_NULL);
	/* 2: n from 1 to 2, nothing else. */
	ck_assert(!e[1].created);
	ck_assert_ptr_null(e[1].why);
	ck_assert_uint_eq(e[1].n, 1);
	const struct store_change *c = change_of(&e[1], "n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->old.type, REC_INT);
	ck_assert_int_eq(c->old.i, 1);
	ck_assert_int_eq(c->new.type, REC_INT);
	ck_assert_int_eq(c->new.i, 2);
	ck_assert_uint_eq(c->replaced, s1);
	ck_assert_uint_eq(e[1].hlc, s2);
	/* 3: the note removed. */
	ck_assert_str_eq(e[2].why, "note was wrong");
	ck_assert_uint_eq(e[2].n, 1);
	c = change_of(&e[2], "note");
	ck_assert_ptr_nonnull(c);
	assert_text(&c->old, "旧备注");
	assert_text(&c->new, NULL);
	ck_assert_uint_eq(c->replaced, s1);
	/* 4: the note back with another text, and the city. */
	ck_assert_str_eq(e[3].op, "move");
	ck_assert_uint_eq(e[3].n, 2);
	c = change_of(&e[3], "note");
	ck_assert_ptr_nonnull(c);
	assert_text(&c->old, NULL);
	assert_text(&c->new, "新备注");
	ck_assert_uint_eq(c->replaced, 0);
	c = change_of(&e[3], "city");
	ck_assert_ptr_nonnull(c);
	assert_text(&c->old, "北京");
	assert_text(&c->new, "上海");
	ck_assert_uint_eq(c->replaced, s1);

	/* One entry from the middle, by its number. */
	struct store_log one;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_log_get(t, e[1].seq, &one), STORE_OK);
	ck_assert_uint_eq(one.seq, e[1].seq);
	ck_assert_uint_eq(one.version, 2);
	ck_assert_uint_eq(one.n, 1);
	ck_assert_str_eq(one.c[0].field, "n");
	ck_assert_int_eq(one.c[0].old.i, 1);
	ck_assert_int_eq(one.c[0].new.i, 2);
	store_log_free(&one);
	ck_assert_int_eq(store_log_get(t, e[2].seq, &one), STORE_OK);
	assert_text(&one.c[0].old, "旧备注");
	ck_assert_str_eq(one.why, "note was wrong");
	store_log_free(&one);
	ck_assert_int_eq(store_log_get(t, 9999, &one), STORE_NOTFOUND);
	ck_assert_uint_eq(store_log_count(t), 5);
	store_done(t);
	for (size_t i = 0; i < n; i++)
		store_log_free(&e[i]);
	free(e);
	rec_free(&r);
	assert_clean(st);
}
END_TEST

START_TEST(test_check_detects)
{
	create_thing("A1", "北京", 1);
	create_thing("A2", "上海", 2);
	assert_clean(st);
	/* Reopened with a key function that lists one more key per record,
	 * the index no longer matches and the check says so. */
	store_close(st);
	tables[0].keys = thing_keys_changed;
	open_store(TEST_MAP, &st);
	struct store_txn *t;
	struct problems p = {0, ""};
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	uint64_t f = store_check_table(t, THING, problem, &p);
	store_done(t);
	ck_assert_uint_ge(f, 2);
	ck_assert_int_ge(p.n, 2);
	ck_assert_msg(strstr(p.first, "city") != NULL, "first problem: %s", p.first);
	tables[0].keys = thing_keys;
}
END_TEST

START_TEST(test_hlc_fixed_clock)
{
	/* The clock stands still, then goes back by a day: stamps still rise. */
	uint64_t prev = 0;
	for (int i = 0; i < 30; i++) {
		char code[16];
		snprintf(code, sizeof code, "c%d", i);
		if (i == 20)
			fake_now -= 86400000;
		uint64_t id = create_thing(code, "x", i);
		struct rec r;
		rec_init(&r);
		ck_assert_int_eq(get(THING, id, &r), STORE_OK);
		ck_assert_uint_gt(r.created, prev);
		ck_assert_int_ge(STORE_HLC_MS(r.created), 1795000000000LL);
		prev = r.created;
		rec_free(&r);
	}
	struct store_txn *t;
	uint64_t h = 0;
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_int_eq(store_meta_get_u64(t, "hlc", &h), STORE_OK);
	store_done(t);
	ck_assert_uint_eq(h, prev);
	/* Also across a reopen. */
	store_close(st);
	open_store(TEST_MAP, &st);
	uint64_t id = create_thing("after", "x", 0);
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(get(THING, id, &r), STORE_OK);
	ck_assert_uint_gt(r.created, prev);
	rec_free(&r);
	assert_clean(st);
}
END_TEST

START_TEST(test_real_clock)
{
	store_close(st);
	char err[512] = "";
	struct store_opts o = {.map_size = TEST_MAP, .nosync = true};
	ck_assert_int_eq(store_open(dbdir, &o, tables, 2, &st, err, sizeof err), STORE_OK);
	/* time() reads a coarse clock that can lag the store's by a tick
	 * across a second's edge: read the same clock the store does. */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t before = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	uint64_t id = create_thing("now", "x", 0);
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t after = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + 1000; /* HLC lead */
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(get(THING, id, &r), STORE_OK);
	ck_assert_int_ge(STORE_HLC_MS(r.created), before);
	ck_assert_int_le(STORE_HLC_MS(r.created), after);
	rec_free(&r);
}
END_TEST

/* Write transaction that creates a filler record from a copy of the
 * context's record, so that a retry starts from the same state. */
static int fill_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	struct rec tmp;
	rec_copy(&tmp, c->r);
	uint64_t id = store_next_id(t, c->tab);
	int rc = store_put(t, c->tab, id, &tmp, c->who);
	if (rc == STORE_OK)
		c->id = id;
	rec_free(&tmp);
	return rc;
}

/* Makes the i-th filler record. */
static void filler(struct rec *r, int i)
{
	char code[32], note[400];
	make_thing(r, "", "fill", i);
	snprintf(code, sizeof code, "f%06d", i);
	rec_set_text(r, "code", code);
	memset(note, 'a' + i % 26, sizeof note - 1);
	note[sizeof note - 1] = '\0';
	rec_set_text(r, "note", note);
}

/* Fills the store until a write fails; returns the status and the ids. */
static int fill(uint64_t *ids, int max, int *count)
{
	struct store_who who = {1, "create", NULL};
	int rc = STORE_OK;
	*count = 0;
	while (rc == STORE_OK && *count < max) {
		struct rec r;
		filler(&r, *count);
		struct put_ctx c = {THING, 0, &r, &who, false, r.version};
		rc = store_write(st, fill_txn, &c);
		if (rc == STORE_OK)
			ids[(*count)++] = c.id;
		rec_free(&r);
	}
	return rc;
}

/* Reopens the store with a 1 MiB map on a new database. */
static void reopen_small(void)
{
	store_close(st);
	fixture_rmtree(dbdir);
	open_store(1 << 20, &st);
}

START_TEST(test_full_keeps_data)
{
	enum { MAX = 20000 };
	static uint64_t ids[MAX];
	int n;
	reopen_small();
	int rc = fill(ids, MAX, &n);
	ck_assert_int_ne(rc, STORE_OK);
	ck_assert_int_lt(n, MAX);
	ck_assert_int_gt(n, 50);
	ck_assert(store_error(st)[0] != '\0');
	/* Every record saved before is there and whole. */
	struct store_txn *t;
	struct rec r, want;
	rec_init(&r);
	ck_assert_int_eq(store_read(st, &t), STORE_OK);
	ck_assert_uint_eq(store_count(t, THING), (uint64_t)n);
	ck_assert_uint_eq(store_log_count(t), (uint64_t)n);
	for (int i = 0; i < n; i++) {
		filler(&want, i);
		ck_assert_int_eq(store_get(t, THING, ids[i], &r), STORE_OK);
		ck_assert_str_eq(rec_text(&r, "code", ""), rec_text(&want, "code", "-"));
		ck_assert_str_eq(rec_text(&r, "note", ""), rec_text(&want, "note", "-"));
		ck_assert_int_eq(rec_int(&r, "n", -1), i);
		rec_free(&want);
	}
	store_done(t);
	rec_free(&r);
	assert_clean(st);
	/* Reopened with room to spare, work goes on. */
	store_close(st);
	open_store(8 << 20, &st);
	assert_clean(st);
	ck_assert_uint_eq(by_code("f000000"), ids[0]);
	create_thing("more", "x", 1);
	assert_clean(st);
}
END_TEST

START_TEST(test_full_status)
{
	enum { MAX = 20000 };
	static uint64_t ids[MAX];
	int n;
	reopen_small();
	int rc = fill(ids, MAX, &n);
	ck_assert_msg(rc == STORE_FULL, "a full map gave status %d after %d records: %s", rc, n,
		      store_error(st));
	ck_assert_msg(strstr(store_error(st), "full") != NULL, "message: %s", store_error(st));
}
END_TEST

START_TEST(test_full_retry_plain_put)
{
	/* The way core saves: store_put on the caller's record inside
	 * store_write, whose retry after a full map runs it a second time. */
	enum { MAX = 20000 };
	static uint64_t ids[MAX];
	int n;
	reopen_small();
	fill(ids, MAX, &n);
	struct rec r;
	filler(&r, n);
	struct store_who who = {1, "create", NULL};
	struct put_ctx c = {THING, 0, &r, &who, true, r.version};
	int rc = store_write(st, put_txn, &c);
	ck_assert_msg(rc == STORE_FULL, "saving into a full map gave status %d: %s", rc,
		      store_error(st));
	rec_free(&r);
}
END_TEST

START_TEST(test_reopen)
{
	uint64_t a = create_thing("A1", "北京", 1);
	uint64_t b = create_thing("B1", "上海", 2);
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(get(THING, b, &r), STORE_OK);
	rec_set_int(&r, "n", 3);
	ck_assert_int_eq(put(THING, b, &r, "update", NULL), STORE_OK);
	store_close(st);
	open_store(TEST_MAP, &st);
	ck_assert_uint_eq(log_count(), 3);
	ck_assert_uint_eq(by_code("A1"), a);
	ck_assert_int_eq(get(THING, b, &r), STORE_OK);
	ck_assert_uint_eq(r.version, 2);
	ck_assert_int_eq(rec_int(&r, "n", 0), 3);
	ck_assert_uint_eq(next_id(THING), STORE_ID(1, 3));
	assert_clean(st);
	rec_free(&r);
}
END_TEST

START_TEST(test_copy)
{
	uint64_t a = create_thing("A1", "北京", 1);
	create_thing("B1", "上海", 2);
	char dest[256];
	snprintf(dest, sizeof dest, "%s/copy", tmpdir);
	ck_assert_int_eq(store_copy(st, dest), STORE_OK);
	/* Writing on after the copy does not change it. */
	create_thing("C1", "广州", 3);
	char err[512] = "";
	struct store *cp;
	struct store_opts o = {.map_size = TEST_MAP, .nosync = true, .now_ms = test_clock};
	ck_assert_int_eq(store_open(dest, &o, tables, 2, &cp, err, sizeof err), STORE_OK);
	assert_clean(cp);
	struct store_txn *t;
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(store_read(cp, &t), STORE_OK);
	ck_assert_uint_eq(store_count(t, THING), 2);
	ck_assert_uint_eq(store_log_count(t), 2);
	ck_assert_int_eq(store_get(t, THING, a, &r), STORE_OK);
	ck_assert_str_eq(rec_text(&r, "city", ""), "北京");
	uint64_t id = 0;
	ck_assert_int_eq(store_unique_get(t, THING, IX_CODE, "A1", 2, &id), STORE_OK);
	ck_assert_uint_eq(id, a);
	store_done(t);
	store_close(cp);
	rec_free(&r);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("records");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_creates);
	tcase_add_test(tc, test_create_update);
	tcase_add_test(tc, test_conflict);
	tcase_add_test(tc, test_exists);
	tcase_add_test(tc, test_exists_then_fixed);
	tcase_add_test(tc, test_next_id);
	tcase_add_test(tc, test_meta);
	tcase_add_test(tc, test_counts);
	suite_add_tcase(s, tc);
	tc = tcase_create("indexes");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_indexes_follow);
	tcase_add_test(tc, test_iter_next);
	tcase_add_test(tc, test_table_ctx_and_clash);
	suite_add_tcase(s, tc);
	tc = tcase_create("log");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_check_detects);
	tcase_add_test(tc, test_hlc_fixed_clock);
	tcase_add_test(tc, test_real_clock);
	suite_add_tcase(s, tc);
	tc = tcase_create("full");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_full_keeps_data);
	tcase_add_test(tc, test_full_status);
	tcase_add_test(tc, test_full_retry_plain_put);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reopen);
	tcase_add_test(tc, test_copy);
	suite_add_tcase(s, tc);
	return s;
}

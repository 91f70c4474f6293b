/*
 * test_codec.c - records to CBOR and back (codec.h, rec.h).
 *
 * Round trips of every kind of value and of the bookkeeping keys, raw
 * CBOR this version does not understand kept byte for byte, rejection of
 * malformed input with a reason, the log reader, and a fuzz-ish loop over
 * random and damaged bytes that must never crash the decoder.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/codec.h"
#include "rec.h"
#include "suites.h"
/* A second time on purpose: the guard must cover the whole header. */
#include "../../src/store/codec.h"

/* A small deterministic generator (splitmix64) for the fuzz loops. */
static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Appends literal bytes to b. */
static void put_bytes(struct buf *b, const char *bytes, size_t n)
{
	buf_add(b, bytes, n);
}

/* Appends a short CBOR text (under 24 bytes) with a hand-made header. */
static void put_key(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	unsigned char h = (unsigned char)(0x60 + n);
	ck_assert_uint_lt(n, 24);
	buf_add(b, &h, 1);
	buf_add(b, s, n);
}

/* Encodes r into a fresh buffer. */
static struct buf encode(const struct rec *r)
{
	struct buf b = {0};
	codec_encode(r, &b);
	return b;
}

/* Decodes bytes that must be a valid record into r. */
static void decode_ok(const void *p, size_t n, struct rec *r)
{
	char err[128] = "";
	int rc = codec_decode(p, n, r, err, sizeof err);
	ck_assert_msg(rc == 0, "decode failed: %s", err);
}

/* Decodes bytes that must be rejected; checks the reason and that r is left empty. */
static void decode_bad(const void *p, size_t n, const char *want_in_err)
{
	struct rec r;
	char err[128] = "";
	rec_init(&r);
	rec_set_int(&r, "stale", 1);
	int rc = codec_decode(p, n, &r, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(err[0] != '\0', "no reason given for %zu bad bytes", n);
	if (want_in_err)
		ck_assert_msg(strstr(err, want_in_err), "reason \"%s\" lacks \"%s\"", err,
			      want_in_err);
	ck_assert_uint_eq(r.n, 0);
	rec_free(&r);
}

/* A record with one field of every kind and some stamps. */
static void sample_rec(struct rec *r)
{
	char *items[] = {"中关村科学城", "CBD", "亦庄"};
	rec_init(r);
	rec_set_int(r, "zero", 0);
	rec_set_int(r, "pos", 150000000);
	rec_set_int(r, "neg", -42);
	rec_set_int(r, "min", INT64_MIN);
	rec_set_int(r, "max", INT64_MAX);
	rec_set_int(r, "small_neg", -24);
	rec_set_bool(r, "yes", true);
	rec_set_bool(r, "no", false);
	rec_set_text(r, "name", "北京华芯半导体有限公司");
	rec_set_text(r, "ascii", "ABC Co., Ltd.");
	rec_set_list(r, "parks", items, 3);
	r->version = 7;
	r->created = 0x0001020304050000ULL;
	for (size_t i = 0; i < r->n; i++)
		r->f[i].stamp = r->created;
	rec_find(r, "pos")->stamp = r->created + 5;
	rec_find(r, "parks")->stamp = r->created + 9;
}

/* Asserts two records hold the same fields, values, stamps and header. */
static void assert_same_rec(const struct rec *a, const struct rec *b)
{
	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->version, b->version);
	ck_assert_uint_eq(a->created, b->created);
	for (size_t i = 0; i < a->n; i++) {
		ck_assert_str_eq(a->f[i].name, b->f[i].name);
		ck_assert_msg(rec_value_equal(&a->f[i].v, &b->f[i].v), "field %s differs",
			      a->f[i].name);
		ck_assert_uint_eq(a->f[i].stamp, b->f[i].stamp);
	}
}

START_TEST(test_roundtrip_values)
{
	struct rec r, back;
	sample_rec(&r);
	rec_init(&back);
	struct buf b = encode(&r);
	decode_ok(b.p, b.len, &back);
	assert_same_rec(&r, &back);
	ck_assert_int_eq(rec_int(&back, "zero", -1), 0);
	ck_assert_int_eq(rec_int(&back, "pos", 0), 150000000);
	ck_assert_int_eq(rec_int(&back, "neg", 0), -42);
	ck_assert(rec_int(&back, "min", 0) == INT64_MIN);
	ck_assert(rec_int(&back, "max", 0) == INT64_MAX);
	ck_assert_int_eq(rec_int(&back, "small_neg", 0), -24);
	ck_assert(rec_bool(&back, "yes", false) == true);
	ck_assert(rec_bool(&back, "no", true) == false);
	ck_assert_str_eq(rec_text(&back, "name", ""), "北京华芯半导体有限公司");
	ck_assert_str_eq(rec_text(&back, "ascii", ""), "ABC Co., Ltd.");
	const struct rec_field *f = rec_find(&back, "parks");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->v.type, REC_LIST);
	ck_assert_uint_eq(f->v.n, 3);
	ck_assert_str_eq(f->v.items[0], "中关村科学城");
	ck_assert_str_eq(f->v.items[1], "CBD");
	ck_assert_str_eq(f->v.items[2], "亦庄");
	/* Field order is kept. */
	ck_assert_str_eq(back.f[0].name, "zero");
	ck_assert_str_eq(back.f[back.n - 1].name, "parks");
	/* Encoding the decoded record gives the same bytes. */
	struct buf b2 = encode(&back);
	ck_assert_uint_eq(b2.len, b.len);
	ck_assert_mem_eq(b2.p, b.p, b.len);
	buf_free(&b);
	buf_free(&b2);
	rec_free(&r);
	rec_free(&back);
}
END_TEST

START_TEST(test_int_encodings)
{
	/* The shortest CBOR heads, as RFC 8949 prescribes. */
	static const struct {
		int64_t v;
		const char *bytes;
		size_t n;
	} cases[] = {
		{0, "\x00", 1},
		{23, "\x17", 1},
		{24, "\x18\x18", 2},
		{-1, "\x20", 1},
		{-24, "\x37", 1},
		{-25, "\x38\x18", 2},
		{INT64_MAX, "\x1b\x7f\xff\xff\xff\xff\xff\xff\xff", 9},
		{INT64_MIN, "\x3b\x7f\xff\xff\xff\xff\xff\xff\xff", 9},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = {0};
		struct rec_value v = {.type = REC_INT, .i = cases[i].v}, back;
		codec_encode_value(&v, &b);
		ck_assert_uint_eq(b.len, cases[i].n);
		ck_assert_mem_eq(b.p, cases[i].bytes, cases[i].n);
		ck_assert_uint_eq(codec_decode_value(b.p, b.len, &back), cases[i].n);
		ck_assert_int_eq(back.type, REC_INT);
		ck_assert(back.i == cases[i].v);
		rec_value_free(&back);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_value_roundtrip)
{
	char *items[] = {"甲", "", "丙"};
	struct rec_value vals[] = {
		{.type = REC_NULL},
		{.type = REC_BOOL, .i = 1},
		{.type = REC_BOOL, .i = 0},
		{.type = REC_TEXT, .s = "嘉兴南湖", .len = strlen("嘉兴南湖")},
		{.type = REC_TEXT, .s = "", .len = 0},
		{.type = REC_LIST, .items = items, .n = 3},
		{.type = REC_LIST, .items = NULL, .n = 0},
		{.type = REC_RAW, .s = "\xa1\x61\x61\x01", .len = 4},
	};
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
		struct buf b = {0};
		struct rec_value back;
		codec_encode_value(&vals[i], &b);
		/* Trailing bytes are not consumed: the count is exact. */
		buf_add(&b, "\xff\xff", 2);
		size_t used = codec_decode_value(b.p, b.len, &back);
		ck_assert_uint_eq(used, b.len - 2);
		ck_assert_msg(rec_value_equal(&vals[i], &back), "value %zu changed", i);
		char s1[64], s2[64];
		ck_assert_str_eq(rec_value_str(&vals[i], s1, sizeof s1),
				 rec_value_str(&back, s2, sizeof s2));
		rec_value_free(&back);
		buf_free(&b);
	}
	/* Nothing, or a lone break, is no value. */
	struct rec_value v;
	ck_assert_uint_eq(codec_decode_value("", 0, &v), 0);
	ck_assert_uint_eq(codec_decode_value("\xff", 1, &v), 0);
	ck_assert_uint_eq(codec_decode_value("\x62\x61", 2, &v), 0);
}
END_TEST

START_TEST(test_empty_removed)
{
	struct rec r, back;
	char *one[] = {"x"};
	rec_init(&r);
	rec_init(&back);
	rec_set_list(&r, "tags", one, 1);
	rec_set_text(&r, "name", "名");
	ck_assert_uint_eq(r.n, 2);
	rec_set_list(&r, "tags", NULL, 0);
	rec_set_text(&r, "name", "");
	rec_set_list(&r, "never", NULL, 0);
	rec_set_text(&r, "nothing", NULL);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(rec_find(&r, "tags"));
	rec_set_int(&r, "kept", 1);
	struct rec_value null = {.type = REC_NULL};
	rec_set(&r, "kept", &null);
	ck_assert_uint_eq(r.n, 0);
	r.version = 1;
	r.created = 99;
	struct buf b = encode(&r);
	decode_ok(b.p, b.len, &back);
	ck_assert_uint_eq(back.n, 0);
	ck_assert_uint_eq(back.version, 1);
	ck_assert_uint_eq(back.created, 99);
	buf_free(&b);
	rec_free(&r);
	rec_free(&back);
}
END_TEST

/* Builds a record by hand, in the encoder's own key order, with items this
 * version does not understand (floats, maps, mixed arrays, 2^64-1, tags). */
static struct buf handmade_record(unsigned format)
{
	struct buf b = {0};
	put_bytes(&b, "\xd9\xd9\xf7", 3);
	put_bytes(&b, "\xaa", 1); /* map of 10 pairs */
	put_key(&b, "_f");
	unsigned char f = (unsigned char)format;
	buf_add(&b, &f, 1);
	put_key(&b, "_v");
	put_bytes(&b, "\x03", 1);
	put_key(&b, "_c");
	put_bytes(&b, "\x19\x01\x00", 3); /* 256 */
	put_key(&b, "price");
	put_bytes(&b, "\xf9\x3e\x00", 3); /* half float 1.5 */
	put_key(&b, "pi");
	put_bytes(&b, "\xfb\x40\x09\x21\xf9\xf0\x1b\x86\x6e", 9);
	put_key(&b, "name");
	put_key(&b, "海宁");
	put_key(&b, "nested");
	put_bytes(&b, "\xa2\x61\x61\x01\x61\x62\x82\x01\x02", 9); /* {"a":1,"b":[1,2]} */
	put_key(&b, "mixed");
	put_bytes(&b, "\x82\x01\x61\x78", 4); /* [1, "x"] */
	put_key(&b, "huge");
	put_bytes(&b, "\x1b\xff\xff\xff\xff\xff\xff\xff\xff", 9); /* 2^64-1 */
	put_key(&b, "when");
	put_bytes(&b, "\xc1\x1a\x65\x53\xf1\x00", 6); /* tag 1 (epoch time) */
	return b;
}

START_TEST(test_raw_preserved)
{
	struct buf in = handmade_record(1);
	struct rec r;
	rec_init(&r);
	decode_ok(in.p, in.len, &r);
	ck_assert_uint_eq(r.n, 7);
	ck_assert_uint_eq(r.version, 3);
	ck_assert_uint_eq(r.created, 256);
	static const struct {
		const char *name, *bytes;
		size_t n;
	} raw[] = {
		{"price", "\xf9\x3e\x00", 3},
		{"pi", "\xfb\x40\x09\x21\xf9\xf0\x1b\x86\x6e", 9},
		{"nested", "\xa2\x61\x61\x01\x61\x62\x82\x01\x02", 9},
		{"mixed", "\x82\x01\x61\x78", 4},
		{"huge", "\x1b\xff\xff\xff\xff\xff\xff\xff\xff", 9},
		{"when", "\xc1\x1a\x65\x53\xf1\x00", 6},
	};
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		const struct rec_field *f = rec_find(&r, raw[i].name);
		ck_assert_msg(f != NULL, "%s lost", raw[i].name);
		ck_assert_msg(f->v.type == REC_RAW, "%s has type %d", raw[i].name, f->v.type);
		ck_assert_uint_eq(f->v.len, raw[i].n);
		ck_assert_mem_eq(f->v.s, raw[i].bytes, raw[i].n);
		ck_assert_uint_eq(f->stamp, 256);
	}
	ck_assert_str_eq(rec_text(&r, "name", ""), "海宁");
	/* decode -> encode gives the very same bytes. */
	struct buf out = encode(&r);
	ck_assert_uint_eq(out.len, in.len);
	ck_assert_mem_eq(out.p, in.p, in.len);
	/* Changing a known field keeps the raw ones. */
	rec_set_text(&r, "name", "海盐");
	struct buf out2 = encode(&r);
	struct rec again;
	rec_init(&again);
	decode_ok(out2.p, out2.len, &again);
	ck_assert_str_eq(rec_text(&again, "name", ""), "海盐");
	ck_assert_mem_eq(rec_find(&again, "nested")->v.s, "\xa2\x61\x61\x01\x61\x62\x82\x01\x02", 9);
	buf_free(&in);
	buf_free(&out);
	buf_free(&out2);
	rec_free(&r);
	rec_free(&again);
}
END_TEST

START_TEST(test_stamps)
{
	struct rec r, back;
	sample_rec(&r);
	rec_init(&back);
	/* A stamp of 0 means "when the record was made". */
	rec_find(&r, "neg")->stamp = 0;
	struct buf b = encode(&r);
	/* Walk the map with the reader: "_m" holds exactly the two later stamps. */
	struct codec_reader rd = {b.p, b.len, 0};
	uint64_t n, m = 0;
	ck_assert_int_eq(codec_read_map(&rd, &n), 0);
	ck_assert_uint_eq(n, r.n + 4);
	int found_m = 0;
	for (uint64_t i = 0; i < n; i++) {
		const char *k;
		size_t kl;
		ck_assert_int_eq(codec_read_text(&rd, &k, &kl), 0);
		if (!codec_key_is(k, kl, "_m")) {
			ck_assert_int_eq(codec_skip(&rd), 0);
			continue;
		}
		found_m = 1;
		ck_assert_int_eq(codec_read_map(&rd, &m), 0);
		ck_assert_uint_eq(m, 2);
		for (uint64_t j = 0; j < m; j++) {
			const char *f;
			size_t fl;
			uint64_t st;
			ck_assert_int_eq(codec_read_text(&rd, &f, &fl), 0);
			ck_assert_int_eq(codec_read_uint(&rd, &st), 0);
			if (codec_key_is(f, fl, "pos"))
				ck_assert_uint_eq(st, r.created + 5);
			else if (codec_key_is(f, fl, "parks"))
				ck_assert_uint_eq(st, r.created + 9);
			else
				ck_abort_msg("unexpected stamp for %.*s", (int)fl, f);
		}
	}
	ck_assert_int_eq(found_m, 1);
	ck_assert_uint_eq(rd.pos, b.len);
	decode_ok(b.p, b.len, &back);
	ck_assert_uint_eq(rec_find(&back, "pos")->stamp, r.created + 5);
	ck_assert_uint_eq(rec_find(&back, "parks")->stamp, r.created + 9);
	ck_assert_uint_eq(rec_find(&back, "neg")->stamp, r.created);
	ck_assert_uint_eq(rec_find(&back, "name")->stamp, r.created);
	ck_assert_uint_eq(back.version, 7);
	ck_assert_uint_eq(back.created, r.created);
	buf_free(&b);
	/* Without later stamps there is no "_m" at all. */
	for (size_t i = 0; i < r.n; i++)
		r.f[i].stamp = r.created;
	b = encode(&r);
	rd = (struct codec_reader){b.p, b.len, 0};
	ck_assert_int_eq(codec_read_map(&rd, &n), 0);
	ck_assert_uint_eq(n, r.n + 3);
	buf_free(&b);
	rec_free(&r);
	rec_free(&back);
}
END_TEST

START_TEST(test_self_describe)
{
	struct rec r;
	rec_init(&r);
	struct buf b = encode(&r);
	ck_assert_uint_ge(b.len, 4);
	ck_assert_mem_eq(b.p, "\xd9\xd9\xf7", 3);
	ck_assert_int_eq(b.p[3], 0xa3); /* _f, _v, _c */
	buf_free(&b);
	sample_rec(&r);
	b = encode(&r);
	ck_assert_mem_eq(b.p, "\xd9\xd9\xf7", 3);
	/* The header fields come first, in order, with their values. */
	struct codec_reader rd = {b.p, b.len, 0};
	uint64_t n, u;
	const char *k;
	size_t kl;
	ck_assert_int_eq(codec_read_map(&rd, &n), 0);
	ck_assert_int_eq(codec_read_text(&rd, &k, &kl), 0);
	ck_assert(codec_key_is(k, kl, "_f"));
	ck_assert_int_eq(codec_read_uint(&rd, &u), 0);
	ck_assert_uint_eq(u, CODEC_FORMAT);
	ck_assert_int_eq(codec_read_text(&rd, &k, &kl), 0);
	ck_assert(codec_key_is(k, kl, "_v"));
	ck_assert_int_eq(codec_read_uint(&rd, &u), 0);
	ck_assert_uint_eq(u, 7);
	ck_assert_int_eq(codec_read_text(&rd, &k, &kl), 0);
	ck_assert(codec_key_is(k, kl, "_c"));
	ck_assert_int_eq(codec_read_uint(&rd, &u), 0);
	ck_assert_uint_eq(u, r.created);
	buf_free(&b);
	rec_free(&r);
	/* A map without the tag is a record too. */
	struct rec back;
	rec_init(&back);
	decode_ok("\xa1\x62_v\x05", 5, &back);
	ck_assert_uint_eq(back.version, 5);
	ck_assert_uint_eq(back.n, 0);
	rec_free(&back);
}
END_TEST

START_TEST(test_reject_malformed)
{
	decode_bad("", 0, NULL);
	decode_bad("\xd9\xd9\xf7", 3, NULL);
	decode_bad("\xd9\xd9", 2, NULL);
	/* Not a map: an array, an integer, a text, another tag. */
	decode_bad("\x80", 1, "map");
	decode_bad("\xd9\xd9\xf7\x82\x01\x02", 6, "map");
	decode_bad("\x05", 1, "map");
	decode_bad("\x63" "abc", 4, "map");
	decode_bad("\xc1\xa0", 2, "map");
	/* Key not a text. */
	decode_bad("\xa1\x01\x02", 3, "key");
	decode_bad("\xd9\xd9\xf7\xa1\x41\x61\x02", 7, "key");
	/* Header values must be unsigned integers. */
	decode_bad("\xa1\x62_v\x20", 4, NULL);
	decode_bad("\xa1\x62_c\x61x", 5, NULL);
	/* Malformed stamps. */
	decode_bad("\xa1\x62_m\x01", 4, NULL);
	decode_bad("\xa1\x62_m\xa1\x01\x01", 6, NULL);
	decode_bad("\xa1\x62_m\xa1\x61x\x61y", 7, NULL);
	/* A map claiming more pairs than it has. */
	decode_bad("\xa2\x61" "a\x01", 4, NULL);
	decode_bad("\xbb\xff\xff\xff\xff\xff\xff\xff\xff", 9, NULL);
	/* A text longer than the data. */
	decode_bad("\xa1\x61" "a\x6a" "abc", 6, NULL);
	/* Trailing bytes after a valid record. */
	struct rec r;
	sample_rec(&r);
	struct buf b = encode(&r);
	buf_add(&b, "\x00", 1);
	decode_bad(b.p, b.len, "trailing");
	b.len--;
	unsigned char *copy = malloc(b.len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, b.p, b.len);
	buf_add(&b, copy, b.len); /* two records back to back */
	free(copy);
	decode_bad(b.p, b.len, "trailing");
	buf_free(&b);
	rec_free(&r);
	/* A newer encoding format. */
	struct buf h = handmade_record(CODEC_FORMAT + 1);
	decode_bad(h.p, h.len, "newer");
	buf_free(&h);
	/* Nesting deeper than anyone writes, as a field value. */
	struct buf deep = {0};
	put_bytes(&deep, "\xa1\x61" "d", 3);
	for (int i = 0; i < 100000; i++)
		put_bytes(&deep, "\x81", 1);
	put_bytes(&deep, "\x01", 1);
	decode_bad(deep.p, deep.len, NULL);
	deep.len = 3;
	for (int i = 0; i < 100000; i++)
		put_bytes(&deep, "\x9f", 1);
	decode_bad(deep.p, deep.len, NULL);
	buf_free(&deep);
}
END_TEST

START_TEST(test_truncations)
{
	/* Every proper prefix of a valid record is rejected with a reason. */
	struct rec r;
	sample_rec(&r);
	struct buf b = encode(&r);
	struct buf h = handmade_record(1);
	for (size_t n = 0; n < b.len; n++)
		decode_bad(b.p, n, NULL);
	for (size_t n = 0; n < h.len; n++)
		decode_bad(h.p, n, NULL);
	buf_free(&b);
	buf_free(&h);
	rec_free(&r);
}
END_TEST

/* Decodes arbitrary bytes; when they are accepted, checks that the record
 * encodes to something that decodes again to the same shape. */
static void fuzz_one(const unsigned char *p, size_t n)
{
	struct rec r;
	char err[128];
	rec_init(&r);
	err[0] = '\0';
	if (codec_decode(p, n, &r, err, sizeof err) == 0) {
		struct buf b = encode(&r);
		struct rec again;
		rec_init(&again);
		ck_assert_msg(codec_decode(b.p, b.len, &again, err, sizeof err) == 0,
			      "re-encoded record rejected: %s", err);
		ck_assert_uint_eq(again.n, r.n);
		ck_assert_uint_eq(again.version, r.version);
		ck_assert_uint_eq(again.created, r.created);
		rec_free(&again);
		buf_free(&b);
	} else {
		ck_assert_msg(err[0] != '\0', "rejected without a reason");
		ck_assert_uint_eq(r.n, 0);
	}
	rec_free(&r);
	/* The value decoder and the reader must survive the same bytes. */
	struct rec_value v;
	if (codec_decode_value(p, n, &v) > 0)
		rec_value_free(&v);
	struct codec_reader rd = {p, n, 0};
	uint64_t u;
	int64_t i;
	const char *s;
	size_t sl;
	codec_read_map(&rd, &u);
	codec_read_text(&rd, &s, &sl);
	codec_read_int(&rd, &i);
	if (codec_read_value(&rd, &v) == 0)
		rec_value_free(&v);
	while (rd.pos < n && codec_skip(&rd) == 0)
		;
	ck_assert_uint_le(rd.pos, n);
}

START_TEST(test_fuzz_random)
{
	uint64_t seed = 20261122;
	unsigned char p[64];
	/* Interesting first bytes make the decoder go deeper than noise would. */
	static const unsigned char heads[] = {0xd9, 0xa1, 0xa2, 0xa5, 0xbf, 0x9f, 0x81, 0x61};
	for (int round = 0; round < 4000; round++) {
		size_t n = (size_t)(rnd(&seed) % sizeof p);
		for (size_t i = 0; i < n; i++)
			p[i] = (unsigned char)rnd(&seed);
		if (n > 3 && round % 2) {
			p[0] = heads[rnd(&seed) % sizeof heads];
			if (p[0] == 0xd9) {
				p[1] = 0xd9;
				p[2] = 0xf7;
			}
		}
		fuzz_one(p, n);
	}
}
END_TEST

START_TEST(test_fuzz_damaged)
{
	uint64_t seed = 55799;
	struct rec r;
	sample_rec(&r);
	struct buf good[2] = {encode(&r), handmade_record(1)};
	unsigned char *p = malloc(good[0].len + good[1].len);
	ck_assert_ptr_nonnull(p);
	for (int round = 0; round < 4000; round++) {
		const struct buf *g = &good[round % 2];
		size_t n = g->len;
		memcpy(p, g->p, n);
		/* Flip a few bytes, then maybe cut the end off. */
		int flips = 1 + (int)(rnd(&seed) % 3);
		for (int f = 0; f < flips; f++)
			p[rnd(&seed) % n] = (unsigned char)rnd(&seed);
		if (rnd(&seed) % 2)
			n = (size_t)(rnd(&seed) % (n + 1));
		fuzz_one(p, n);
	}
	/* Pure random truncations of intact records are always rejected. */
	for (int round = 0; round < 2000; round++) {
		const struct buf *g = &good[round % 2];
		size_t n = (size_t)(rnd(&seed) % g->len);
		decode_bad(g->p, n, NULL);
	}
	free(p);
	buf_free(&good[0]);
	buf_free(&good[1]);
	rec_free(&r);
}
END_TEST

START_TEST(test_reader)
{
	struct buf b = {0};
	codec_put_map(&b, 5);
	codec_put_text(&b, "seq", 3);
	codec_put_uint(&b, 1234567890123ULL);
	codec_put_text(&b, "at", 2);
	codec_put_int(&b, -1700000000);
	codec_put_text(&b, "set", 3);
	codec_put_array(&b, 2);
	codec_put_text(&b, "名称", strlen("名称"));
	codec_put_bool(&b, 1);
	codec_put_text(&b, "skip", 4);
	codec_put_map(&b, 1);
	codec_put_text(&b, "x", 1);
	codec_put_array(&b, 3);
	codec_put_null(&b);
	codec_put_bytes(&b, "\x00\x01", 2);
	codec_put_int(&b, -5);
	codec_put_text(&b, "big", 3);
	codec_put_uint(&b, UINT64_MAX);

	struct codec_reader r = {b.p, b.len, 0};
	uint64_t n, u;
	int64_t i;
	const char *s;
	size_t sl;
	/* Reading the wrong kind fails and leaves the position alone. */
	ck_assert_int_eq(codec_read_array(&r, &n), -1);
	ck_assert_int_eq(codec_read_uint(&r, &u), -1);
	ck_assert_int_eq(codec_read_text(&r, &s, &sl), -1);
	ck_assert_uint_eq(r.pos, 0);
	ck_assert_int_eq(codec_read_map(&r, &n), 0);
	ck_assert_uint_eq(n, 5);

	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert(codec_key_is(s, sl, "seq"));
	ck_assert(!codec_key_is(s, sl, "se"));
	ck_assert(!codec_key_is(s, sl, "seqs"));
	size_t before = r.pos;
	ck_assert_int_eq(codec_read_text(&r, &s, &sl), -1);
	ck_assert_uint_eq(r.pos, before);
	ck_assert_int_eq(codec_read_uint(&r, &u), 0);
	ck_assert_uint_eq(u, 1234567890123ULL);

	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert(codec_key_is(s, sl, "at"));
	before = r.pos;
	ck_assert_int_eq(codec_read_uint(&r, &u), -1);
	ck_assert_uint_eq(r.pos, before);
	ck_assert_int_eq(codec_read_int(&r, &i), 0);
	ck_assert(i == -1700000000);

	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert(codec_key_is(s, sl, "set"));
	ck_assert_int_eq(codec_read_array(&r, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert_uint_eq(sl, strlen("名称"));
	ck_assert_mem_eq(s, "名称", sl);
	struct rec_value v;
	ck_assert_int_eq(codec_read_value(&r, &v), 0);
	ck_assert_int_eq(v.type, REC_BOOL);
	ck_assert_int_eq(v.i, 1);
	rec_value_free(&v);

	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert(codec_key_is(s, sl, "skip"));
	ck_assert_int_eq(codec_skip(&r), 0);

	ck_assert_int_eq(codec_read_text(&r, &s, &sl), 0);
	ck_assert(codec_key_is(s, sl, "big"));
	before = r.pos;
	ck_assert_int_eq(codec_read_int(&r, &i), -1); /* beyond int64 */
	ck_assert_uint_eq(r.pos, before);
	ck_assert_int_eq(codec_read_uint(&r, &u), 0);
	ck_assert(u == UINT64_MAX);
	ck_assert_uint_eq(r.pos, b.len);
	/* At the end every read fails. */
	ck_assert_int_eq(codec_read_uint(&r, &u), -1);
	ck_assert_int_eq(codec_read_map(&r, &n), -1);
	ck_assert_int_eq(codec_read_value(&r, &v), -1);
	ck_assert_int_eq(codec_skip(&r), -1);
	buf_free(&b);

	/* A tagged map is read through its tag; a map claiming more than the
	 * data can hold is refused. */
	struct codec_reader t = {(const unsigned char *)"\xd9\xd9\xf7\xa2", 4, 0};
	ck_assert_int_eq(codec_read_map(&t, &n), 0);
	ck_assert_uint_eq(n, 2);
	struct codec_reader big = {(const unsigned char *)"\xba\x00\x10\x00\x00", 5, 0};
	ck_assert_int_eq(codec_read_map(&big, &n), -1);
	ck_assert_uint_eq(big.pos, 0);
	struct codec_reader arr = {(const unsigned char *)"\x9a\x00\x10\x00\x00", 5, 0};
	ck_assert_int_eq(codec_read_array(&arr, &n), -1);
	/* Skipping indefinite items, tags and nested maps. */
	struct codec_reader ind = {
		(const unsigned char *)"\x9f\x01\xbf\x61" "a\x02\xff\xff\xc1\x1a\x01\x02\x03\x04\x07", 15, 0};
	ck_assert_int_eq(codec_skip(&ind), 0);
	ck_assert_uint_eq(ind.pos, 8);
	ck_assert_int_eq(codec_skip(&ind), 0);
	ck_assert_uint_eq(ind.pos, 14);
	ck_assert_int_eq(codec_read_uint(&ind, &u), 0);
	ck_assert_uint_eq(u, 7);
	/* A break where an item should be. */
	struct codec_reader brk = {(const unsigned char *)"\xff", 1, 0};
	ck_assert_int_eq(codec_skip(&brk), -1);
}
END_TEST

START_TEST(test_rec_helpers)
{
	struct rec r, c;
	rec_init(&r);
	rec_set_text(&r, "name", "旧");
	rec_set_text(&r, "name", "新");
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(rec_text(&r, "name", ""), "新");
	ck_assert_int_eq(rec_int(&r, "name", -9), -9);	   /* not an integer */
	ck_assert(rec_bool(&r, "missing", true) == true);
	ck_assert_str_eq(rec_text(&r, "missing", "def"), "def");
	char *items[] = {"a", "b"};
	rec_set_list(&r, "l", items, 2);
	rec_copy(&c, &r);
	ck_assert_uint_eq(c.n, 2);
	rec_set_text(&r, "name", "改");
	ck_assert_str_eq(rec_text(&c, "name", ""), "新");
	char buf[32];
	ck_assert_str_eq(rec_value_str(&rec_find(&c, "l")->v, buf, sizeof buf), "a、b");
	rec_unset(&c, "name");
	ck_assert_uint_eq(c.n, 1);
	ck_assert_str_eq(c.f[0].name, "l");
	rec_free(&r);
	rec_free(&c);
}
END_TEST

Suite *codec_suite(void)
{
	Suite *s = suite_create("codec");
	TCase *tc = tcase_create("roundtrip");
	tcase_add_test(tc, test_roundtrip_values);
	tcase_add_test(tc, test_int_encodings);
	tcase_add_test(tc, test_value_roundtrip);
	tcase_add_test(tc, test_empty_removed);
	tcase_add_test(tc, test_raw_preserved);
	tcase_add_test(tc, test_stamps);
	tcase_add_test(tc, test_self_describe);
	tcase_add_test(tc, test_rec_helpers);
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_reject_malformed);
	tcase_add_test(tc, test_truncations);
	tcase_add_test(tc, test_fuzz_random);
	tcase_add_test(tc, test_fuzz_damaged);
	suite_add_tcase(s, tc);
	tc = tcase_create("reader");
	tcase_add_test(tc, test_reader);
	suite_add_tcase(s, tc);
	return s;
}

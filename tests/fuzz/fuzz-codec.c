/*
 * fuzz-codec.c - libFuzzer target for the record codec (codec.h, rec.h).
 *
 * The input is taken as stored record bytes:
 *  - codec_decode must accept or refuse it without a memory error; when it
 *    accepts, codec_encode of the record must decode again to the same
 *    version, creation stamp, fields (names, values, stamps) in the same
 *    order;
 *  - codec_decode_value on the bytes, and a re-encode of what it returns,
 *    must agree the same way;
 *  - a codec_reader walked over the bytes with every read function must
 *    stay inside them and always make progress.
 * A broken round trip aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/codec.h"
#include "rec.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(stderr, "fuzz-codec: " __VA_ARGS__);                                      \
		fputc('\n', stderr);                                                              \
		abort();                                                                          \
	} while (0)

/* True when no two fields of r share a name (the stamps map "_m" is keyed by
 * name, so with duplicates a stamp can only reach the first of them). */
static int names_unique(const struct rec *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = i + 1; j < r->n; j++)
			if (!strcmp(r->f[i].name, r->f[j].name))
				return 0;
	return 1;
}

/* Aborts unless a and b hold the same record. */
static void same_rec(const struct rec *a, const struct rec *b)
{
	if (a->version != b->version)
		FAIL("round trip changed _v: %llu -> %llu", (unsigned long long)a->version,
		     (unsigned long long)b->version);
	if (a->created != b->created)
		FAIL("round trip changed _c: %llu -> %llu", (unsigned long long)a->created,
		     (unsigned long long)b->created);
	if (a->n != b->n)
		FAIL("round trip changed the field count: %zu -> %zu", a->n, b->n);
	int stamps = names_unique(a);
	for (size_t i = 0; i < a->n; i++) {
		const struct rec_field *x = &a->f[i], *y = &b->f[i];
		if (strcmp(x->name, y->name))
			FAIL("round trip renamed field %zu: \"%s\" -> \"%s\"", i, x->name, y->name);
		if (!rec_value_equal(&x->v, &y->v))
			FAIL("round trip changed the value of \"%s\" (type %d -> %d)", x->name,
			     (int)x->v.type, (int)y->v.type);
		if (stamps && x->stamp != y->stamp)
			FAIL("round trip changed the stamp of \"%s\": %llu -> %llu", x->name,
			     (unsigned long long)x->stamp, (unsigned long long)y->stamp);
	}
}

/* Touches every byte a value owns, so that ASan sees a bad length. */
static size_t touch_value(const struct rec_value *v)
{
	size_t h = 0;
	switch (v->type) {
	case REC_TEXT:
		if (v->s[v->len] != '\0')
			FAIL("a text value is not NUL-terminated");
		/* fall through */
	case REC_RAW:
		for (size_t i = 0; i < v->len; i++)
			h += (unsigned char)v->s[i];
		break;
	case REC_LIST:
		for (size_t i = 0; i < v->n; i++)
			h += strlen(v->items[i]);
		break;
	default:
		break;
	}
	char s[64];
	rec_value_str(v, s, sizeof s);
	return h + strlen(s);
}

/* Re-encodes a value decoded by codec_decode_value and checks it reads back
 * the same. */
static void value_round_trip(const struct rec_value *v)
{
	struct buf b = {0};
	struct rec_value w;
	codec_encode_value(v, &b);
	size_t used = codec_decode_value(b.p, b.len, &w);
	if (used != b.len)
		FAIL("a re-encoded value does not decode (%zu of %zu bytes)", used, b.len);
	if (!rec_value_equal(v, &w))
		FAIL("value round trip changed type %d -> %d", (int)v->type, (int)w.type);
	rec_value_free(&w);
	buf_free(&b);
}

/* Walks a reader over the bytes, trying each read in turn. */
static void walk(const uint8_t *data, size_t size)
{
	struct codec_reader r = {data, size, 0};
	for (int step = 0; step < 4096 && r.pos < r.len; step++) {
		size_t before = r.pos;
		uint64_t u;
		int64_t i;
		const char *s;
		size_t n;
		struct rec_value v;
		int kind = (data[before] + step) % 7, done = 0;
		for (int k = 0; k < 7 && !done; k++) {
			switch ((kind + k) % 7) {
			case 0:
				done = codec_read_map(&r, &u) == 0;
				break;
			case 1:
				done = codec_read_array(&r, &u) == 0;
				break;
			case 2:
				done = codec_read_uint(&r, &u) == 0;
				break;
			case 3:
				done = codec_read_int(&r, &i) == 0;
				break;
			case 4:
				done = codec_read_text(&r, &s, &n) == 0;
				if (done) {
					if ((const uint8_t *)s < data || n > size ||
					    (const uint8_t *)s + n > data + size)
						FAIL("codec_read_text points outside the input");
					if (codec_key_is(s, n, "_v") && n != 2)
						FAIL("codec_key_is");
				}
				break;
			case 5:
				done = codec_read_value(&r, &v) == 0;
				if (done) {
					touch_value(&v);
					rec_value_free(&v);
				}
				break;
			case 6:
				/* codec_skip may stop part-way on malformed input
				 * (its callers give up then); start again from before. */
				done = codec_skip(&r) == 0;
				if (!done)
					r.pos = before;
				break;
			}
			if (!done && r.pos != before)
				FAIL("a failed read moved the reader from %zu to %zu", before, r.pos);
		}
		if (!done)
			break;
		if (r.pos > r.len)
			FAIL("reader ran past the end: %zu > %zu", r.pos, r.len);
		if (r.pos == before)
			FAIL("a successful read did not advance the reader at %zu", before);
	}
	/* codec_skip over the whole input, item after item. */
	r.pos = 0;
	while (r.pos < r.len) {
		size_t before = r.pos;
		if (codec_skip(&r) < 0)
			break;
		if (r.pos <= before || r.pos > r.len)
			FAIL("codec_skip moved from %zu to %zu of %zu", before, r.pos, r.len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[128];
	struct rec r, r2;
	rec_init(&r);
	rec_init(&r2);
	err[0] = '\0';
	if (codec_decode(data, size, &r, err, sizeof err) == 0) {
		for (size_t i = 0; i < r.n; i++)
			touch_value(&r.f[i].v);
		struct buf b = {0};
		codec_encode(&r, &b);
		if (codec_decode(b.p, b.len, &r2, err, sizeof err) != 0)
			FAIL("an encoded record does not decode: %s", err);
		same_rec(&r, &r2);
		/* A second encoding of the same record is the same bytes. */
		if (names_unique(&r)) {
			struct buf b2 = {0};
			codec_encode(&r2, &b2);
			if (b2.len != b.len || memcmp(b.p, b2.p, b.len))
				FAIL("encoding is not deterministic");
			buf_free(&b2);
		}
		/* Copies survive too. */
		struct rec c;
		rec_copy(&c, &r);
		same_rec(&r, &c);
		rec_free(&c);
		buf_free(&b);
	} else {
		if (r.n != 0 || r.f != NULL)
			FAIL("a refused record was not left empty");
		if (!memchr(err, '\0', sizeof err) || !err[0])
			FAIL("a refused record has no reason");
	}
	rec_free(&r);
	rec_free(&r2);

	struct rec_value v;
	size_t used = codec_decode_value(data, size, &v);
	if (used > size)
		FAIL("codec_decode_value used %zu of %zu bytes", used, size);
	if (used) {
		touch_value(&v);
		value_round_trip(&v);
		rec_value_free(&v);
	}

	walk(data, size);
	return 0;
}

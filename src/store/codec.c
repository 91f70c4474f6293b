/*
 * codec.c - records to CBOR and back, with libcbor.
 *
 * Encoding uses libcbor's header encoders (no allocation); decoding drives
 * libcbor's streaming decoder one item at a time, so reading a record costs
 * no more allocations than the strings it holds.  That matters for a full
 * scan of a million projects.  Items this version does not understand are
 * skipped structurally and kept as raw bytes, so an older zsdesk rewrites a
 * newer record without losing its fields.
 */
#include <cbor.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "xalloc.h"

#define SELF_DESCRIBE_TAG 55799

void buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* Appends the header that one of libcbor's encoders writes. */
#define PUT(b, call)                                                                              \
	do {                                                                                      \
		unsigned char hdr_[16];                                                           \
		size_t n_ = call;                                                                 \
		buf_add((b), hdr_, n_);                                                           \
	} while (0)

void codec_put_uint(struct buf *b, uint64_t u)
{
	PUT(b, cbor_encode_uint(u, hdr_, sizeof hdr_));
}

void codec_put_int(struct buf *b, int64_t i)
{
	if (i >= 0)
		PUT(b, cbor_encode_uint((uint64_t)i, hdr_, sizeof hdr_));
	else
		PUT(b, cbor_encode_negint((uint64_t)(-(i + 1)), hdr_, sizeof hdr_));
}

void codec_put_text(struct buf *b, const char *s, size_t n)
{
	PUT(b, cbor_encode_string_start(n, hdr_, sizeof hdr_));
	buf_add(b, s, n);
}

void codec_put_bytes(struct buf *b, const void *p, size_t n)
{
	PUT(b, cbor_encode_bytestring_start(n, hdr_, sizeof hdr_));
	buf_add(b, p, n);
}

void codec_put_map(struct buf *b, size_t n)
{
	PUT(b, cbor_encode_map_start(n, hdr_, sizeof hdr_));
}

void codec_put_array(struct buf *b, size_t n)
{
	PUT(b, cbor_encode_array_start(n, hdr_, sizeof hdr_));
}

void codec_put_bool(struct buf *b, int v)
{
	PUT(b, cbor_encode_bool(v != 0, hdr_, sizeof hdr_));
}

void codec_put_null(struct buf *b)
{
	PUT(b, cbor_encode_null(hdr_, sizeof hdr_));
}

void codec_encode_value(const struct rec_value *v, struct buf *out)
{
	switch (v->type) {
	case REC_NULL:
		codec_put_null(out);
		break;
	case REC_INT:
		codec_put_int(out, v->i);
		break;
	case REC_BOOL:
		codec_put_bool(out, (int)v->i);
		break;
	case REC_TEXT:
		codec_put_text(out, v->s, v->len);
		break;
	case REC_LIST:
		codec_put_array(out, v->n);
		for (size_t i = 0; i < v->n; i++)
			codec_put_text(out, v->items[i], strlen(v->items[i]));
		break;
	case REC_RAW:
		buf_add(out, v->s, v->len);
		break;
	}
}

void codec_encode(const struct rec *r, struct buf *out)
{
	size_t stamped = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].stamp && r->f[i].stamp != r->created)
			stamped++;
	PUT(out, cbor_encode_tag(SELF_DESCRIBE_TAG, hdr_, sizeof hdr_));
	codec_put_map(out, r->n + 3 + (stamped > 0));
	codec_put_text(out, "_f", 2);
	codec_put_uint(out, CODEC_FORMAT);
	codec_put_text(out, "_v", 2);
	codec_put_uint(out, r->version);
	codec_put_text(out, "_c", 2);
	codec_put_uint(out, r->created);
	if (stamped) {
		codec_put_text(out, "_m", 2);
		codec_put_map(out, stamped);
		for (size_t i = 0; i < r->n; i++) {
			if (!r->f[i].stamp || r->f[i].stamp == r->created)
				continue;
			codec_put_text(out, r->f[i].name, strlen(r->f[i].name));
			codec_put_uint(out, r->f[i].stamp);
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		codec_put_text(out, r->f[i].name, strlen(r->f[i].name));
		codec_encode_value(&r->f[i].v, out);
	}
}

/* ---- decoding: one item header at a time ---- */

enum tok_kind {
	TOK_UINT, TOK_NEGINT, TOK_BYTES, TOK_TEXT, TOK_ARRAY, TOK_MAP, TOK_TAG,
	TOK_BOOL, TOK_NULL, TOK_UNDEF, TOK_FLOAT, TOK_INDEF, TOK_BREAK,
};

struct tok {
	enum tok_kind kind;
	uint64_t u;           /* integer, length, tag, bool */
	const unsigned char *p; /* string bytes */
};

#define TOK_CB_INT(name, type)                                                                    \
	static void name(void *ctx, type v)                                                       \
	{                                                                                         \
		struct tok *t = ctx;                                                              \
		t->kind = TOK_UINT;                                                               \
		t->u = v;                                                                         \
	}
TOK_CB_INT(cb_u8, uint8_t)
TOK_CB_INT(cb_u16, uint16_t)
TOK_CB_INT(cb_u32, uint32_t)
TOK_CB_INT(cb_u64, uint64_t)

#define TOK_CB_NEG(name, type)                                                                    \
	static void name(void *ctx, type v)                                                       \
	{                                                                                         \
		struct tok *t = ctx;                                                              \
		t->kind = TOK_NEGINT;                                                             \
		t->u = v;                                                                         \
	}
TOK_CB_NEG(cb_n8, uint8_t)
TOK_CB_NEG(cb_n16, uint16_t)
TOK_CB_NEG(cb_n32, uint32_t)
TOK_CB_NEG(cb_n64, uint64_t)

/* Definite byte string. */
static void cb_bytes(void *ctx, cbor_data p, size_t n)
{
	struct tok *t = ctx;
	t->kind = TOK_BYTES;
	t->p = p;
	t->u = n;
}

/* Definite text string. */
static void cb_text(void *ctx, cbor_data p, size_t n)
{
	struct tok *t = ctx;
	t->kind = TOK_TEXT;
	t->p = p;
	t->u = n;
}

/* Definite array header. */
static void cb_array(void *ctx, size_t n)
{
	struct tok *t = ctx;
	t->kind = TOK_ARRAY;
	t->u = n;
}

/* Definite map header. */
static void cb_map(void *ctx, size_t n)
{
	struct tok *t = ctx;
	t->kind = TOK_MAP;
	t->u = n;
}

/* Tag header. */
static void cb_tag(void *ctx, uint64_t v)
{
	struct tok *t = ctx;
	t->kind = TOK_TAG;
	t->u = v;
}

/* Boolean. */
static void cb_bool(void *ctx, bool v)
{
	struct tok *t = ctx;
	t->kind = TOK_BOOL;
	t->u = v;
}

/* Null. */
static void cb_null(void *ctx)
{
	((struct tok *)ctx)->kind = TOK_NULL;
}

/* Undefined. */
static void cb_undef(void *ctx)
{
	((struct tok *)ctx)->kind = TOK_UNDEF;
}

/* Any indefinite-length start (string, bytes, array, map). */
static void cb_indef(void *ctx)
{
	((struct tok *)ctx)->kind = TOK_INDEF;
}

/* The break that ends an indefinite item. */
static void cb_break(void *ctx)
{
	((struct tok *)ctx)->kind = TOK_BREAK;
}

/* Half and single floats. */
static void cb_float(void *ctx, float f)
{
	(void)f;
	((struct tok *)ctx)->kind = TOK_FLOAT;
}

/* Double floats. */
static void cb_double(void *ctx, double d)
{
	(void)d;
	((struct tok *)ctx)->kind = TOK_FLOAT;
}

static const struct cbor_callbacks tok_callbacks = {
	.uint8 = cb_u8, .uint16 = cb_u16, .uint32 = cb_u32, .uint64 = cb_u64,
	.negint8 = cb_n8, .negint16 = cb_n16, .negint32 = cb_n32, .negint64 = cb_n64,
	.byte_string = cb_bytes, .byte_string_start = cb_indef,
	.string = cb_text, .string_start = cb_indef,
	.array_start = cb_array, .indef_array_start = cb_indef,
	.map_start = cb_map, .indef_map_start = cb_indef,
	.tag = cb_tag, .float2 = cb_float, .float4 = cb_float, .float8 = cb_double,
	.undefined = cb_undef, .null = cb_null, .boolean = cb_bool, .indef_break = cb_break,
};

/* Reads one item header at *pos; returns 0, or -1 on malformed input. */
static int tok_next(const unsigned char *data, size_t len, size_t *pos, struct tok *t)
{
	if (*pos >= len)
		return -1;
	struct cbor_decoder_result r =
		cbor_stream_decode(data + *pos, len - *pos, &tok_callbacks, t);
	if (r.status != CBOR_DECODER_FINISHED || r.read == 0)
		return -1;
	*pos += r.read;
	return 0;
}

/* Skips one whole item at *pos (nesting bounded by depth). */
static int tok_skip(const unsigned char *data, size_t len, size_t *pos, int depth)
{
	struct tok t;
	if (depth > 64 || tok_next(data, len, pos, &t) < 0)
		return -1;
	switch (t.kind) {
	case TOK_ARRAY:
	case TOK_MAP: {
		uint64_t n = t.kind == TOK_MAP ? t.u * 2 : t.u;
		if (n > len)
			return -1;
		for (uint64_t i = 0; i < n; i++)
			if (tok_skip(data, len, pos, depth + 1) < 0)
				return -1;
		return 0;
	}
	case TOK_TAG:
		return tok_skip(data, len, pos, depth + 1);
	case TOK_INDEF:
		for (;;) {
			size_t save = *pos;
			struct tok b;
			if (tok_next(data, len, pos, &b) < 0)
				return -1;
			if (b.kind == TOK_BREAK)
				return 0;
			*pos = save;
			if (tok_skip(data, len, pos, depth + 1) < 0)
				return -1;
		}
	case TOK_BREAK:
		return -1;
	default:
		return 0;
	}
}

size_t codec_decode_value(const void *data, size_t len, struct rec_value *v)
{
	const unsigned char *d = data;
	size_t pos = 0;
	struct tok t;
	memset(v, 0, sizeof *v);
	if (tok_next(d, len, &pos, &t) < 0)
		return 0;
	switch (t.kind) {
	case TOK_UINT:
		if (t.u > INT64_MAX)
			goto raw;
		v->type = REC_INT;
		v->i = (int64_t)t.u;
		return pos;
	case TOK_NEGINT:
		if (t.u > INT64_MAX)
			goto raw;
		v->type = REC_INT;
		v->i = -1 - (int64_t)t.u;
		return pos;
	case TOK_BOOL:
		v->type = REC_BOOL;
		v->i = (int64_t)t.u;
		return pos;
	case TOK_NULL:
		v->type = REC_NULL;
		return pos;
	case TOK_TEXT:
		v->type = REC_TEXT;
		v->s = xmemdup(t.p, t.u);
		v->len = t.u;
		return pos;
	case TOK_ARRAY: {
		/* A list of texts, or anything else kept raw. */
		size_t start = pos;
		if (t.u > len)
			return 0;
		char **items = t.u ? xcalloc(t.u, sizeof *items) : NULL;
		size_t i;
		for (i = 0; i < t.u; i++) {
			struct tok e;
			if (tok_next(d, len, &pos, &e) < 0 || e.kind != TOK_TEXT)
				break;
			items[i] = xmemdup(e.p, e.u);
		}
		if (i == t.u) {
			v->type = REC_LIST;
			v->items = items;
			v->n = t.u;
			return pos;
		}
		for (size_t j = 0; j < i; j++)
			free(items[j]);
		free(items);
		(void)start;
		goto raw;
	}
	default:
		goto raw;
	}
raw:
	pos = 0;
	if (tok_skip(d, len, &pos, 0) < 0)
		return 0;
	memset(v, 0, sizeof *v);
	v->type = REC_RAW;
	v->s = xmemdup(d, pos);
	v->len = pos;
	return pos;
}

/* Sets *err to msg and returns -1. */
static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

/* Field stamps read from "_m", applied once every field is known. */
struct stamps {
	char **name;
	uint64_t *v;
	size_t n, cap;
};

/* Frees the stamps read. */
static void stamps_free(struct stamps *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->name[i]);
	free(st->name);
	free(st->v);
	memset(st, 0, sizeof *st);
}

/* Reads a map of field name -> stamp ("_m"). */
static int decode_stamps(const unsigned char *d, size_t len, size_t *pos, uint64_t n,
			 struct stamps *st)
{
	for (uint64_t i = 0; i < n; i++) {
		struct tok k, s;
		if (tok_next(d, len, pos, &k) < 0 || k.kind != TOK_TEXT || memchr(k.p, 0, k.u) ||
		    tok_next(d, len, pos, &s) < 0 || s.kind != TOK_UINT)
			return -1;
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 16;
			st->name = xreallocarray(st->name, st->cap, sizeof *st->name);
			st->v = xreallocarray(st->v, st->cap, sizeof *st->v);
		}
		st->name[st->n] = xmemdup(k.p, k.u);
		st->v[st->n++] = s.u;
	}
	return 0;
}

int codec_decode(const void *data, size_t len, struct rec *r, char *err, size_t errlen)
{
	const unsigned char *d = data;
	size_t pos = 0;
	struct tok t;
	struct stamps st = {0};
	const char *why = NULL;

	rec_free(r);
	if (tok_next(d, len, &pos, &t) < 0)
		return fail(err, errlen, "empty or malformed CBOR");
	if (t.kind == TOK_TAG && t.u == SELF_DESCRIBE_TAG && tok_next(d, len, &pos, &t) < 0)
		return fail(err, errlen, "malformed CBOR after the self-describe tag");
	if (t.kind != TOK_MAP)
		return fail(err, errlen, "a record must be a CBOR map");
	if (t.u > len)
		return fail(err, errlen, "record map longer than its data");
	uint64_t nf = t.u;
	for (uint64_t i = 0; i < nf && !why; i++) {
		struct tok k;
		if (tok_next(d, len, &pos, &k) < 0 || k.kind != TOK_TEXT) {
			why = "record key is not a text";
			break;
		}
		if (memchr(k.p, 0, k.u)) {
			why = "record key holds a NUL byte";
			break;
		}
		if (k.u == 2 && k.p[0] == '_' && (k.p[1] == 'f' || k.p[1] == 'v' || k.p[1] == 'c')) {
			struct tok u;
			if (tok_next(d, len, &pos, &u) < 0 || u.kind != TOK_UINT)
				why = "record header value is not an unsigned integer";
			else if (k.p[1] == 'f' && u.u > CODEC_FORMAT)
				why = "record written by a newer format";
			else if (k.p[1] == 'v')
				r->version = u.u;
			else if (k.p[1] == 'c')
				r->created = u.u;
			continue;
		}
		if (k.u == 2 && k.p[0] == '_' && k.p[1] == 'm') {
			struct tok m;
			if (tok_next(d, len, &pos, &m) < 0 || m.kind != TOK_MAP || m.u > len ||
			    decode_stamps(d, len, &pos, m.u, &st) < 0)
				why = "malformed field stamps";
			continue;
		}
		struct rec_value v;
		size_t used = codec_decode_value(d + pos, len - pos, &v);
		if (used == 0) {
			why = "malformed field value";
			break;
		}
		pos += used;
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->f = xreallocarray(r->f, r->cap, sizeof *r->f);
		}
		struct rec_field *f = &r->f[r->n++];
		f->name = xmemdup(k.p, k.u);
		f->v = v;
		f->stamp = 0;
	}
	if (!why && pos != len)
		why = "trailing bytes after the record";
	if (why) {
		stamps_free(&st);
		rec_free(r);
		return fail(err, errlen, why);
	}
	/* Stamps come in the order of the fields they stamp, mostly: look
	 * on from the last one found before searching all (a search each
	 * would make decoding grow with the square of the fields). */
	for (size_t i = 0, at = 0; i < st.n && r->n; i++) {
		size_t j = at;
		while (strcmp(r->f[j].name, st.name[i]) != 0) {
			j = (j + 1) % r->n;
			if (j == at)
				break;
		}
		if (!strcmp(r->f[j].name, st.name[i])) {
			r->f[j].stamp = st.v[i];
			at = (j + 1) % r->n;
		}
	}
	stamps_free(&st);
	for (size_t i = 0; i < r->n; i++)
		if (!r->f[i].stamp)
			r->f[i].stamp = r->created;
	return 0;
}

int codec_decode_fields(const void *data, size_t len, const char *const *names, struct rec *r)
{
	const unsigned char *d = data;
	size_t pos = 0, want = 0, found = 0;
	struct tok t;
	while (names[want])
		want++;
	rec_free(r);
	if (tok_next(d, len, &pos, &t) < 0)
		return -1;
	if (t.kind == TOK_TAG && t.u == SELF_DESCRIBE_TAG && tok_next(d, len, &pos, &t) < 0)
		return -1;
	if (t.kind != TOK_MAP || t.u > len)
		return -1;
	/* Only the fields asked are decoded; the rest are skipped over, and
	 * the reading stops once every field asked has been found. */
	for (uint64_t i = 0, nf = t.u; i < nf && found < want; i++) {
		struct tok k;
		if (tok_next(d, len, &pos, &k) < 0 || k.kind != TOK_TEXT)
			return rec_free(r), -1;
		size_t w = 0;
		while (names[w] && (strlen(names[w]) != k.u || memcmp(names[w], k.p, k.u)))
			w++;
		if (!names[w]) {
			if (tok_skip(d, len, &pos, 0) < 0)
				return rec_free(r), -1;
			continue;
		}
		struct rec_value v;
		size_t used = codec_decode_value(d + pos, len - pos, &v);
		if (used == 0)
			return rec_free(r), -1;
		pos += used;
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 4;
			r->f = xreallocarray(r->f, r->cap, sizeof *r->f);
		}
		struct rec_field *f = &r->f[r->n++];
		f->name = xmemdup(k.p, k.u);
		f->v = v;
		f->stamp = 0;
		found++;
	}
	return 0;
}

/* ---- a reader for the maps of the log ---- */

int codec_read_map(struct codec_reader *r, uint64_t *n)
{
	struct tok t;
	size_t pos = r->pos;
	if (tok_next(r->p, r->len, &pos, &t) < 0)
		return -1;
	if (t.kind == TOK_TAG && t.u == SELF_DESCRIBE_TAG && tok_next(r->p, r->len, &pos, &t) < 0)
		return -1;
	if (t.kind != TOK_MAP || t.u > r->len)
		return -1;
	r->pos = pos;
	*n = t.u;
	return 0;
}

int codec_read_array(struct codec_reader *r, uint64_t *n)
{
	struct tok t;
	size_t pos = r->pos;
	if (tok_next(r->p, r->len, &pos, &t) < 0 || t.kind != TOK_ARRAY || t.u > r->len)
		return -1;
	r->pos = pos;
	*n = t.u;
	return 0;
}

int codec_read_uint(struct codec_reader *r, uint64_t *u)
{
	struct tok t;
	size_t pos = r->pos;
	if (tok_next(r->p, r->len, &pos, &t) < 0 || t.kind != TOK_UINT)
		return -1;
	r->pos = pos;
	*u = t.u;
	return 0;
}

int codec_read_int(struct codec_reader *r, int64_t *i)
{
	struct tok t;
	size_t pos = r->pos;
	if (tok_next(r->p, r->len, &pos, &t) < 0 || (t.kind != TOK_UINT && t.kind != TOK_NEGINT) ||
	    t.u > INT64_MAX)
		return -1;
	r->pos = pos;
	*i = t.kind == TOK_UINT ? (int64_t)t.u : -1 - (int64_t)t.u;
	return 0;
}

int codec_read_text(struct codec_reader *r, const char **s, size_t *n)
{
	struct tok t;
	size_t pos = r->pos;
	if (tok_next(r->p, r->len, &pos, &t) < 0 || t.kind != TOK_TEXT)
		return -1;
	r->pos = pos;
	*s = (const char *)t.p;
	*n = t.u;
	return 0;
}

int codec_read_value(struct codec_reader *r, struct rec_value *v)
{
	size_t used = codec_decode_value(r->p + r->pos, r->len - r->pos, v);
	if (!used)
		return -1;
	r->pos += used;
	return 0;
}

int codec_skip(struct codec_reader *r)
{
	return tok_skip(r->p, r->len, &r->pos, 0);
}

int codec_key_is(const char *s, size_t n, const char *key)
{
	return strlen(key) == n && memcmp(s, key, n) == 0;
}

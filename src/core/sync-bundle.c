/*
 * sync-bundle.c - writing a bundle: its signed, checksummed, compressed
 * frames, and the operations a peer lacks (see sync-int.h for the form).
 */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* ---- frames ---- */

/* Compresses, checksums, signs and writes one frame. */
static int frame_write(struct zs *z, FILE *out, char kind, unsigned sender, unsigned receiver,
                       unsigned number, const unsigned char *raw, size_t rawlen,
                       const unsigned char *sk, uint64_t *bytes)
{
	size_t cap = ZSTD_compressBound(rawlen);
	unsigned char *f = xmalloc(FRAME_HEAD + cap + FRAME_TAIL);
	size_t zl = ZSTD_compress(f + FRAME_HEAD, cap, raw, rawlen, 9);
	if (ZSTD_isError(zl)) {
		free(f);
		return zs_fail(z, ZS_ERROR, _("cannot compress a batch: %s"),
		               ZSTD_getErrorName(zl));
	}
	memcpy(f, "ZSB1", 4);
	f[4] = (unsigned char)kind;
	f[5] = 1;
	f[6] = f[7] = 0;
	put32(f + 8, sender);
	put32(f + 12, receiver);
	put32(f + 16, number);
	put32(f + 20, (uint32_t)rawlen);
	put32(f + 24, (uint32_t)zl);
	size_t body = FRAME_HEAD + zl;
	crypto_generichash(f + body, 32, f, body, NULL, 0);
	crypto_sign_detached(f + body + 32, NULL, f, body, sk);
	size_t total = body + FRAME_TAIL;
	bool ok = fwrite(f, 1, total, out) == total;
	free(f);
	if (!ok)
		return zs_fail(z, ZS_ERROR, "%s", _("cannot write the bundle"));
	*bytes += total;
	return ZS_OK;
}

/* Reads exactly n bytes; the number read. */
static size_t read_full(FILE *in, void *p, size_t n)
{
	return fread(p, 1, n, in);
}

/* Reads one frame and checks its form, checksum, sender and signature;
 * FRAME_EOF at a clean end of input; FRAME_BAD with the reason recorded. */
int sync_frame_read(struct zs *z, struct store_txn *t, FILE *in, struct frame *fr, uint64_t *bytes,
                    unsigned batch)
{
	unsigned char head[FRAME_HEAD];
	memset(fr, 0, sizeof *fr);
	size_t got = read_full(in, head, sizeof head);
	if (got == 0)
		return FRAME_EOF;
	if (memcmp(head, "ZSB1", got < 4 ? got : 4) != 0)
		return zs_fail(z, ZS_INVALID, _("batch %u is not a zsdesk sync batch"), batch),
		       FRAME_BAD;
	if (got != sizeof head)
		return zs_fail(z, ZS_INVALID,
		               _("the bundle ends in the middle of batch %u (cut off on the way?)"),
		               batch),
		       FRAME_BAD;
	if (head[5] != 1)
		return zs_fail(z, ZS_INVALID,
		               _("batch %u is of a newer bundle format (%u): update zsdesk"), batch,
		               head[5]),
		       FRAME_BAD;
	uint32_t rawlen = get32(head + 20), zl = get32(head + 24);
	if (zl > FRAME_MAX || rawlen > FRAME_MAX)
		return zs_fail(z, ZS_INVALID, _("batch %u is damaged (its length)"), batch),
		       FRAME_BAD;
	unsigned char *f = xmalloc(FRAME_HEAD + zl + FRAME_TAIL);
	memcpy(f, head, FRAME_HEAD);
	got = read_full(in, f + FRAME_HEAD, zl + FRAME_TAIL);
	if (got != zl + FRAME_TAIL) {
		free(f);
		return zs_fail(z, ZS_INVALID,
		               _("the bundle ends in the middle of batch %u (cut off on the way?)"),
		               batch),
		       FRAME_BAD;
	}
	*bytes += FRAME_HEAD + zl + FRAME_TAIL;
	size_t body = FRAME_HEAD + zl;
	unsigned char sum[32];
	crypto_generichash(sum, 32, f, body, NULL, 0);
	fr->kind = (char)f[4];
	fr->sender = get32(f + 8);
	fr->receiver = get32(f + 12);
	fr->number = get32(f + 16);
	int st = FRAME_BAD;
	struct zs_peer p;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	if (sodium_memcmp(sum, f + body, 32) != 0)
		zs_fail(z, ZS_INVALID, _("batch %u is damaged: its checksum does not match"),
		        batch);
	else if (sync_peer_get(t, fr->sender, &p) != STORE_OK)
		zs_fail(z, ZS_DENIED,
		        _("the bundle comes from node %u, which is not enrolled here"), fr->sender);
	else if (p.revoked)
		zs_fail(z, ZS_DENIED,
		        _("the bundle comes from node %u, whose enrolment is revoked"), fr->sender);
	else if (sodium_hex2bin(pk, sizeof pk, p.key, strlen(p.key), NULL, NULL, NULL) != 0 ||
	         crypto_sign_verify_detached(f + body + 32, f, body, pk) != 0)
		zs_fail(z, ZS_DENIED,
		        _("batch %u was altered: it is not signed by the key of node %u"), batch,
		        fr->sender);
	else if (fr->receiver && fr->receiver != store_node(z->st))
		zs_fail(z, ZS_INVALID, _("the bundle is for node %u; this copy is node %u"),
		        fr->receiver, store_node(z->st));
	else {
		fr->raw = xmalloc(rawlen ? rawlen : 1);
		size_t out = ZSTD_decompress(fr->raw, rawlen, f + FRAME_HEAD, zl);
		if (ZSTD_isError(out) || out != rawlen) {
			free(fr->raw);
			fr->raw = NULL;
			zs_fail(z, ZS_INVALID, _("batch %u is damaged: it does not decompress"),
			        batch);
		} else {
			fr->rawlen = rawlen;
			st = FRAME_OK;
		}
	}
	free(f);
	return st;
}

/* ---- export ---- */

struct export_ctx {
	struct zs *z;
	struct store_txn *t;
	FILE *out;
	struct zs_sync_stats *st;
	unsigned peer;
	struct zs_peer p;
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	struct {
		unsigned char *p;
		size_t len, cap;
	} raw;
	unsigned nops, number;
	unsigned origin;
	bool stop; /* the origin's run is broken here (an operation withheld) */
	int err;
};

static void raw_add(struct export_ctx *c, const void *p, size_t n)
{
	if (c->raw.len + n > c->raw.cap) {
		c->raw.cap = (c->raw.len + n) * 2;
		c->raw.p = xrealloc(c->raw.p, c->raw.cap);
	}
	memcpy(c->raw.p + c->raw.len, p, n);
	c->raw.len += n;
}

/* Writes the operations gathered as one batch. */
static int flush_batch(struct export_ctx *c)
{
	if (!c->nops)
		return ZS_OK;
	int rc = frame_write(c->z, c->out, 'O', store_node(c->z->st), c->peer, ++c->number,
	                     c->raw.p, c->raw.len, c->sk, &c->st->bytes);
	c->st->batches++;
	c->raw.len = 0;
	c->nops = 0;
	return rc;
}

/* The district a record belongs to, for a peer that holds one district:
 * 0 for records every copy holds (officers, districts, enterprises). */
static uint64_t record_district(struct zs *z, struct store_txn *t, enum kind k, uint64_t id)
{
	struct rec r;
	rec_init(&r);
	uint64_t d = 0;
	if (k == KIND_PROJECT && store_get(t, &z->tables[k], id, &r) == STORE_OK)
		d = (uint64_t)rec_int(&r, "district", 0);
	else if (k == KIND_ISSUE && store_get(t, &z->tables[k], id, &r) == STORE_OK) {
		uint64_t pid = (uint64_t)rec_int(&r, "project", 0);
		if (store_get(t, &z->tables[KIND_PROJECT], pid, &r) == STORE_OK)
			d = (uint64_t)rec_int(&r, "district", 0);
	}
	rec_free(&r);
	return d;
}

/* A placeholder for an operation the peer may not hold: it keeps the run
 * of the origin gapless there, and is never passed on.  Encodes it with
 * e's origin. */
static void withheld_op(const struct store_log *e, unsigned char **out, size_t *n)
{
	/* A tiny CBOR map built by hand: {"node","seq","hlc","table","what"}. */
	unsigned char b[128];
	size_t p = 0;
	b[p++] = 0xa5;
#define KEY(s)                                                                                     \
	do {                                                                                       \
		size_t l_ = strlen(s);                                                             \
		b[p++] = (unsigned char)(0x60 | l_);                                               \
		memcpy(b + p, s, l_);                                                              \
		p += l_;                                                                           \
	} while (0)
#define U64(v)                                                                                     \
	do {                                                                                       \
		uint64_t v_ = (v);                                                                 \
		b[p++] = 0x1b;                                                                     \
		for (int i_ = 7; i_ >= 0; i_--)                                                    \
			b[p++] = (unsigned char)(v_ >> (8 * i_));                                  \
	} while (0)
	KEY("node");
	U64(e->node);
	KEY("seq");
	U64(e->origin_seq);
	KEY("hlc");
	U64(e->hlc);
	KEY("table");
	KEY("maintenance");
	KEY("what");
	KEY("withheld");
#undef KEY
#undef U64
	*out = (unsigned char *)xmemdup(b, p);
	*n = p;
}

/* Adds one operation of the origin being exported. */
static int export_one(void *vctx, uint64_t oseq, uint64_t seq)
{
	struct export_ctx *c = vctx;
	unsigned char *op = NULL;
	size_t n = 0;
	if (store_op_bytes(c->t, seq, &op, &n) != STORE_OK) {
		c->err = zs_from_store(c->z, STORE_ERROR);
		return 1;
	}
	struct store_log e;
	if (store_op_decode(op, n, &e) < 0) {
		free(op);
		c->err = zs_fail(c->z, ZS_ERROR, _("operation %" PRIu64 " of node %u is damaged"),
		                 oseq, c->origin);
		return 1;
	}
	if (!strcmp(e.op, "withheld")) {
		/* What this copy never held is not passed on: the peer gets
		 * the rest of this origin's run from a copy that has it. */
		store_log_free(&e);
		free(op);
		c->stop = true;
		return 1;
	}
	int k = schema_kind_by_name(e.table);
	if (c->p.district && k >= 0) {
		uint64_t d = record_district(c->z, c->t, (enum kind)k, e.id);
		if (d && d != c->p.district) {
			free(op);
			withheld_op(&e, &op, &n);
			c->st->withheld++;
		}
	}
	store_log_free(&e);
	unsigned char len[4];
	put32(len, (uint32_t)n);
	raw_add(c, len, 4);
	raw_add(c, op, n);
	free(op);
	c->nops++;
	c->st->ops++;
	if (c->nops >= BATCH_OPS || c->raw.len >= BATCH_RAW) {
		if ((c->err = flush_batch(c)) != ZS_OK)
			return 1;
	}
	return 0;
}

/* The summary as the header's text. */

static int head_one(void *vctx, unsigned node, uint64_t have)
{
	struct head_ctx *h = vctx;
	char line[64];
	int n = snprintf(line, sizeof line, "have %u %" PRIu64 "\n", node, have);
	if (h->len + (size_t)n + 1 > h->cap) {
		h->cap = (h->len + (size_t)n + 1) * 2;
		h->text = xrealloc(h->text, h->cap);
	}
	memcpy(h->text + h->len, line, (size_t)n + 1);
	h->len += (size_t)n;
	return 0;
}

/* Writes the header: this copy's summary, signed. */
int sync_write_header(struct zs *z, struct store_txn *t, FILE *out, unsigned peer,
                      const unsigned char *sk, uint64_t *bytes)
{
	struct head_ctx h = {NULL, 0, 0};
	sync_lit_add(&h, "");
	store_summary(t, head_one, &h);
	int rc = frame_write(z, out, 'H', store_node(z->st), peer, 0, (unsigned char *)h.text,
	                     h.len, sk, bytes);
	free(h.text);
	return rc;
}

struct origins {
	unsigned *v;
	size_t n;
};

static int origin_one(void *vctx, unsigned node, uint64_t have)
{
	(void)have;
	struct origins *o = vctx;
	o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
	o->v[o->n++] = node;
	return 0;
}

int sync_stamp_txn(struct store_txn *t, void *vctx)
{
	struct stamp_ctx *c = vctx;
	struct zs_peer p;
	if (sync_peer_get(t, c->peer, &p) != STORE_OK)
		return STORE_OK;
	sync_now_text(c->in ? p.last_in : p.last_out, sizeof p.last_in);
	int rc = sync_peer_put(t, &p);
	for (const char *s = c->acks; s && *s && !rc;) {
		unsigned node;
		unsigned long long have;
		if (sscanf(s, "have %u %llu", &node, &have) == 2) {
			char key[48];
			snprintf(key, sizeof key, "ack.%u.%u", c->peer, node);
			rc = store_meta_put_u64(t, key, have);
		}
		const char *nl = strchr(s, '\n');
		s = nl ? nl + 1 : "";
	}
	return rc;
}

int zs_sync_export(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st)
{
	zs_fail_clear(z);
	if (sync_need_sync(z))
		return ZS_DENIED;
	return sync_export_for(z, peer, out, st);
}

/* zs_sync_export once the officer may. */
int sync_export_for(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st)
{
	struct export_ctx c;
	memset(&c, 0, sizeof c);
	c.z = z;
	c.out = out;
	c.st = st;
	c.peer = peer;
	st->from = store_node(z->st);
	st->to = peer;
	int rc = store_read(z->st, &c.t);
	if (rc)
		return zs_from_store(z, rc);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	if (!sync_own_keys(c.t, pk, c.sk)) {
		store_done(c.t);
		return zs_fail(
		    z, ZS_INVALID, "%s",
		    _("this copy has no node key yet: an administrator runs `zsdesk node init`"));
	}
	if (sync_peer_get(c.t, peer, &c.p) != STORE_OK) {
		store_done(c.t);
		return zs_fail(z, ZS_NOTFOUND,
		               _("node %u is not enrolled here: `zsdesk node enroll` it first"),
		               peer);
	}
	if (c.p.revoked) {
		store_done(c.t);
		return zs_fail(z, ZS_DENIED, _("node %u is revoked: nothing is sent to it"), peer);
	}
	rc = sync_write_header(z, c.t, out, peer, c.sk, &st->bytes);
	struct origins o = {NULL, 0};
	store_summary(c.t, origin_one, &o);
	for (size_t i = 0; i < o.n && rc == ZS_OK; i++) {
		if (o.v[i] == peer)
			continue; /* its own come back to it from nowhere */
		c.origin = o.v[i];
		c.stop = false;
		store_ops_scan(c.t, o.v[i], sync_acked(c.t, peer, o.v[i]), export_one, &c);
		rc = c.err;
	}
	free(o.v);
	if (rc == ZS_OK)
		rc = flush_batch(&c);
	if (rc == ZS_OK)
		rc = frame_write(z, out, 'E', store_node(z->st), peer, c.number + 1,
		                 (const unsigned char *)"", 0, c.sk, &st->bytes);
	sodium_memzero(c.sk, sizeof c.sk);
	free(c.raw.p);
	store_done(c.t);
	if (rc == ZS_OK && fflush(out) != 0)
		rc = zs_fail(z, ZS_ERROR, "%s", _("cannot write the bundle"));
	if (rc == ZS_OK) {
		struct stamp_ctx sc = {peer, false, NULL};
		store_write(z->st, sync_stamp_txn, &sc);
		st->complete = true;
	}
	return rc;
}

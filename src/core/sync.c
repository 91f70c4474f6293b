/*
 * sync.c - node keys, enrolment, bundles, and the merge of operations.
 *
 * A bundle is a run of frames, each one
 *   "ZSB1" kind(1) version(1) 0(2) sender(4) receiver(4) number(4)
 *   rawlen(4) zlen(4) | zstd bytes | BLAKE2b-256 of all before | Ed25519
 *   signature of all before
 * (integers big-endian).  Kind 'H' opens it: the sender's summary, one
 * line "have NODE SEQ" per origin, which the receiver keeps as what the
 * sender acknowledges.  Kind 'O' holds operations, each a 4-byte length
 * and its bytes (store_op_bytes); each is applied in one transaction.
 * Kind 'E' ends it.  The checksum tells a damaged batch from a forged one.
 *
 * Peers, keys and the conflict queue live in meta: "node.pk", "node.sk"
 * (hex), "peer.<n>" (lines "key value"), "ack.<peer>.<origin>",
 * "conflict.<table>.<id>.<field>" and "resolved.<table>.<id>.<field>.<stamp>".
 */
#include <config.h>

#include <arpa/inet.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zstd.h>

#include "i18n.h"
#include "internal.h"
#include "sync.h"
#include "xalloc.h"

#define FRAME_HEAD 28
#define FRAME_TAIL (32 + crypto_sign_BYTES)
#define BATCH_OPS 500
#define BATCH_RAW (512 * 1024)
#define FRAME_MAX (64u * 1024 * 1024)

/* ---- small helpers ---- */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Now as "YYYY-MM-DD HH:MM" (local time of the machine). */
static void now_text(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* Fails unless the officer is an administrator. */
static int need_admin(struct zs *z)
{
	if (access_is_admin(z))
		return ZS_OK;
	return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
			    _("only an administrator manages this copy's node and its peers"));
}

/* Fails unless the officer may exchange the whole copy. */
static int need_sync(struct zs *z)
{
	if (access_is_city(z))
		return ZS_OK;
	return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
			    _("only an administrator or the city office exchanges this copy with others"));
}

/* ---- peers ---- */

/* Parses meta text of a peer into p. */
static void peer_parse(const char *text, unsigned node, struct zs_peer *p)
{
	memset(p, 0, sizeof *p);
	p->node = node;
	const char *s = text;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		const char *sp = memchr(s, ' ', len);
		if (sp) {
			size_t kl = (size_t)(sp - s), vl = len - kl - 1;
			const char *v = sp + 1;
#define FIELD(name, dst)                                                                 \
	if (kl == strlen(name) && !memcmp(s, name, kl)) {                                \
		snprintf(dst, sizeof dst, "%.*s", (int)vl, v);                           \
	}
			FIELD("key", p->key)
			FIELD("officers", p->officers)
			FIELD("name", p->name)
			FIELD("in", p->last_in)
			FIELD("out", p->last_out)
#undef FIELD
			if (kl == 8 && !memcmp(s, "district", 8))
				p->district = strtoull(v, NULL, 10);
			if (kl == 5 && !memcmp(s, "state", 5))
				p->revoked = vl == 7 && !memcmp(v, "revoked", 7);
		}
		s += len + (nl != NULL);
	}
}

/* Writes p as meta text. */
static int peer_put(struct store_txn *t, const struct zs_peer *p)
{
	char key[32], text[1024];
	snprintf(key, sizeof key, "peer.%u", p->node);
	snprintf(text, sizeof text, "key %s\ndistrict %" PRIu64 "\nofficers %s\nname %s\nstate %s\nin %s\nout %s\n",
		 p->key, p->district, p->officers, p->name, p->revoked ? "revoked" : "active",
		 p->last_in, p->last_out);
	return store_meta_put(t, key, text);
}

/* Reads peer node; STORE_NOTFOUND when it is not enrolled. */
static int peer_get(struct store_txn *t, unsigned node, struct zs_peer *p)
{
	char key[32], *text;
	snprintf(key, sizeof key, "peer.%u", node);
	int rc = store_meta_get(t, key, &text);
	if (rc)
		return rc;
	peer_parse(text, node, p);
	free(text);
	return STORE_OK;
}

/* This copy's secret key; false when it has none. */
static bool own_keys(struct store_txn *t, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		     unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	char *hp = NULL, *hs = NULL;
	bool ok = store_meta_get(t, "node.pk", &hp) == STORE_OK &&
		  store_meta_get(t, "node.sk", &hs) == STORE_OK &&
		  sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, hp, strlen(hp), NULL, NULL, NULL) == 0 &&
		  sodium_hex2bin(sk, crypto_sign_SECRETKEYBYTES, hs, strlen(hs), NULL, NULL, NULL) == 0;
	if (hs)
		sodium_memzero(hs, strlen(hs));
	free(hp);
	free(hs);
	return ok;
}

int zs_node_show(struct zs *z, struct zs_node_info *out)
{
	zs_fail_clear(z);
	memset(out, 0, sizeof *out);
	out->node = store_node(z->st);
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	char *hp;
	if (store_meta_get(t, "node.pk", &hp) == STORE_OK) {
		snprintf(out->key, sizeof out->key, "%s", hp);
		free(hp);
	}
	store_done(t);
	return ZS_OK;
}

struct init_ctx {
	struct zs *z;
	unsigned node;
	char pk[65];
};

/* Makes the key pair (and the new number) in one transaction. */
static int init_txn(struct store_txn *t, void *vctx)
{
	struct init_ctx *c = vctx;
	int rc = c->node ? store_sync_renumber(t, c->node) : store_sync_ready(t);
	if (rc)
		return rc;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char hs[2 * crypto_sign_SECRETKEYBYTES + 1];
	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(c->pk, sizeof c->pk, pk, sizeof pk);
	sodium_bin2hex(hs, sizeof hs, sk, sizeof sk);
	sodium_memzero(sk, sizeof sk);
	rc = store_meta_put(t, "node.pk", c->pk);
	if (!rc)
		rc = store_meta_put(t, "node.sk", hs);
	sodium_memzero(hs, sizeof hs);
	char why[160];
	snprintf(why, sizeof why, "node %u key %.16s", store_node(store_of(t)), c->pk);
	if (!rc)
		rc = store_origin_note(t, c->z->me, "node-init", why);
	return rc;
}

int zs_node_init(struct zs *z, unsigned node, struct zs_node_info *out)
{
	zs_fail_clear(z);
	if (need_admin(z))
		return ZS_DENIED;
	if (node > 0xFFFF)
		return zs_fail(z, ZS_INVALID, _("a node number is 1 to 65535, not %u"), node);
	struct init_ctx c = {z, node, ""};
	int rc = store_write(z->st, init_txn, &c);
	if (rc == STORE_EXISTS)
		return zs_fail(z, ZS_EXISTS, "%s", store_error(z->st));
	if (rc)
		return zs_from_store(z, rc);
	out->node = store_node(z->st);
	snprintf(out->key, sizeof out->key, "%s", c.pk);
	return ZS_OK;
}

struct enroll_ctx {
	struct zs *z;
	const struct zs_peer *p;
	const char *op, *why;
	bool revoke;
};

/* Writes an enrolment or revocation and its audit entry. */
static int enroll_txn(struct store_txn *t, void *vctx)
{
	struct enroll_ctx *c = vctx;
	struct zs_peer p, old;
	bool had = peer_get(t, c->p->node, &old) == STORE_OK;
	if (c->revoke) {
		if (!had)
			return zs_fail(c->z, ZS_NOTFOUND, _("node %u is not enrolled"), c->p->node),
			       STORE_ERROR;
		p = old;
		p.revoked = true;
	} else {
		p = *c->p;
		if (had) {
			snprintf(p.last_in, sizeof p.last_in, "%s", old.last_in);
			snprintf(p.last_out, sizeof p.last_out, "%s", old.last_out);
		}
	}
	int rc = peer_put(t, &p);
	char why[2300];
	snprintf(why, sizeof why, "node %u key %.16s district %" PRIu64 " officers %s%s%s", p.node,
		 p.key, p.district, *p.officers ? p.officers : "-", c->why ? ": " : "",
		 c->why ? c->why : "");
	if (!rc)
		rc = store_origin_note(t, c->z->me, c->op, why);
	return rc;
}

/* Checks the logins of a comma-separated list; ZS_OK or ZS_INVALID. */
static int check_officers(struct zs *z, const char *list)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *s = strtok(buf, ","); s; s = strtok(NULL, ",")) {
		uint64_t id;
		if (zs_resolve(z, KIND_OFFICER, s, &id) != ZS_OK)
			return zs_fail(z, ZS_INVALID, _("--officers: there is no officer %s"), s);
	}
	return ZS_OK;
}

int zs_node_enroll(struct zs *z, const struct zs_peer *p, const char *why)
{
	zs_fail_clear(z);
	if (need_admin(z))
		return ZS_DENIED;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	size_t got = 0;
	if (p->node < 1 || p->node > 0xFFFF)
		return zs_fail(z, ZS_INVALID, _("a node number is 1 to 65535, not %u"), p->node);
	if (p->node == store_node(z->st))
		return zs_fail(z, ZS_INVALID, _("node %u is this copy itself"), p->node);
	if (strlen(p->key) != 64 ||
	    sodium_hex2bin(pk, sizeof pk, p->key, 64, NULL, &got, NULL) != 0 || got != sizeof pk)
		return zs_fail(z, ZS_INVALID, "%s",
			       _("--key: a node key is 64 hex digits, as `zsdesk node show` prints it"));
	if (check_officers(z, p->officers))
		return ZS_INVALID;
	if (why && rules_note_check(z, _("Reason"), why))
		return ZS_INVALID;
	struct enroll_ctx c = {z, p, "node-enroll", why, false};
	int rc = store_write(z->st, enroll_txn, &c);
	if (rc == STORE_ERROR && z->err.status != ZS_OK)
		return z->err.status;
	return rc ? zs_from_store(z, rc) : ZS_OK;
}

int zs_node_revoke(struct zs *z, unsigned node, const char *why)
{
	zs_fail_clear(z);
	if (need_admin(z))
		return ZS_DENIED;
	if (why && rules_note_check(z, _("Reason"), why))
		return ZS_INVALID;
	struct zs_peer p = {.node = node};
	struct enroll_ctx c = {z, &p, "node-revoke", why, true};
	int rc = store_write(z->st, enroll_txn, &c);
	if (rc == STORE_ERROR && z->err.status != ZS_OK)
		return z->err.status;
	return rc ? zs_from_store(z, rc) : ZS_OK;
}

/* What the peer has not acknowledged of origin. */
static uint64_t acked(struct store_txn *t, unsigned peer, unsigned origin)
{
	char key[48];
	uint64_t v = 0;
	snprintf(key, sizeof key, "ack.%u.%u", peer, origin);
	store_meta_get_u64(t, key, &v);
	return v;
}

struct pending_ctx {
	struct store_txn *t;
	unsigned peer;
	uint64_t n;
};

/* Adds what the peer lacks of one origin. */
static int pending_one(void *vctx, unsigned node, uint64_t have)
{
	struct pending_ctx *c = vctx;
	uint64_t a = acked(c->t, c->peer, node);
	if (node != c->peer && have > a)
		c->n += have - a;
	return 0;
}

int zs_node_list(struct zs *z, void (*fn)(void *ctx, const struct zs_peer *p), void *ctx)
{
	zs_fail_clear(z);
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	for (unsigned n = 1; n <= 0xFFFF; n++) {
		struct zs_peer p;
		if (peer_get(t, n, &p) != STORE_OK)
			continue;
		struct pending_ctx pc = {t, n, 0};
		store_summary(t, pending_one, &pc);
		p.pending = pc.n;
		fn(ctx, &p);
	}
	store_done(t);
	return ZS_OK;
}

struct summary_ctx {
	void (*fn)(void *ctx, unsigned node, uint64_t have);
	void *ctx;
};

static int summary_one(void *vctx, unsigned node, uint64_t have)
{
	struct summary_ctx *c = vctx;
	c->fn(c->ctx, node, have);
	return 0;
}

int zs_sync_summary(struct zs *z, void (*fn)(void *ctx, unsigned node, uint64_t have),
		    void *ctx)
{
	zs_fail_clear(z);
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	struct summary_ctx c = {fn, ctx};
	store_summary(t, summary_one, &c);
	store_done(t);
	return ZS_OK;
}

struct head_ctx {
	char *text;
	size_t len, cap;
};

static void lit_add(struct head_ctx *b, const char *s);

/* ---- frames ---- */

struct frame {
	char kind;
	unsigned sender, receiver, number;
	unsigned char *raw; /* decompressed */
	size_t rawlen;
};

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
		return zs_fail(z, ZS_ERROR, _("cannot compress a batch: %s"), ZSTD_getErrorName(zl));
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

enum frame_status { FRAME_OK, FRAME_EOF, FRAME_BAD };

/* Reads one frame and checks its form, checksum, sender and signature;
 * FRAME_EOF at a clean end of input; FRAME_BAD with the reason recorded. */
static int frame_read(struct zs *z, struct store_txn *t, FILE *in, struct frame *fr,
		      uint64_t *bytes, unsigned batch)
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
		return zs_fail(z, ZS_INVALID, _("batch %u is damaged (its length)"), batch), FRAME_BAD;
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
		zs_fail(z, ZS_INVALID, _("batch %u is damaged: its checksum does not match"), batch);
	else if (peer_get(t, fr->sender, &p) != STORE_OK)
		zs_fail(z, ZS_DENIED, _("the bundle comes from node %u, which is not enrolled here"),
			fr->sender);
	else if (p.revoked)
		zs_fail(z, ZS_DENIED, _("the bundle comes from node %u, whose enrolment is revoked"),
			fr->sender);
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
			zs_fail(z, ZS_INVALID, _("batch %u is damaged: it does not decompress"), batch);
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
 * of the origin gapless there, and is never passed on. */
static void withheld_op(const struct store_log *e, unsigned char **out, size_t *n);

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
static int write_header(struct zs *z, struct store_txn *t, FILE *out, unsigned peer,
			const unsigned char *sk, uint64_t *bytes)
{
	struct head_ctx h = {NULL, 0, 0};
	lit_add(&h, "");
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

/* Marks when a bundle last went to (or came from) a peer. */
struct stamp_ctx {
	unsigned peer;
	bool in;
	const char *acks; /* the header's text, for an import */
};

static int stamp_txn(struct store_txn *t, void *vctx)
{
	struct stamp_ctx *c = vctx;
	struct zs_peer p;
	if (peer_get(t, c->peer, &p) != STORE_OK)
		return STORE_OK;
	now_text(c->in ? p.last_in : p.last_out, sizeof p.last_in);
	int rc = peer_put(t, &p);
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

static int export_for(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st);

int zs_sync_export(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st)
{
	zs_fail_clear(z);
	if (need_sync(z))
		return ZS_DENIED;
	return export_for(z, peer, out, st);
}

/* zs_sync_export once the officer may. */
static int export_for(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st)
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
	if (!own_keys(c.t, pk, c.sk)) {
		store_done(c.t);
		return zs_fail(z, ZS_INVALID, "%s",
			       _("this copy has no node key yet: an administrator runs `zsdesk node init`"));
	}
	if (peer_get(c.t, peer, &c.p) != STORE_OK) {
		store_done(c.t);
		return zs_fail(z, ZS_NOTFOUND,
			       _("node %u is not enrolled here: `zsdesk node enroll` it first"), peer);
	}
	if (c.p.revoked) {
		store_done(c.t);
		return zs_fail(z, ZS_DENIED, _("node %u is revoked: nothing is sent to it"), peer);
	}
	rc = write_header(z, c.t, out, peer, c.sk, &st->bytes);
	struct origins o = {NULL, 0};
	store_summary(c.t, origin_one, &o);
	for (size_t i = 0; i < o.n && rc == ZS_OK; i++) {
		if (o.v[i] == peer)
			continue; /* its own come back to it from nowhere */
		c.origin = o.v[i];
		c.stop = false;
		store_ops_scan(c.t, o.v[i], acked(c.t, peer, o.v[i]), export_one, &c);
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
		store_write(z->st, stamp_txn, &sc);
		st->complete = true;
	}
	return rc;
}

/* ---- values as text in meta (the conflict queue) ---- */

/* Appends s to b escaping backslash, tab and newline. */
static void esc_add(struct head_ctx *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char e[3] = {s[i], 0, 0};
		if (s[i] == '\\' || s[i] == '\t' || s[i] == '\n' || s[i] == '\x1f') {
			e[0] = '\\';
			e[1] = s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' : s[i] == '\\' ? '\\' : 'u';
		}
		size_t l = strlen(e);
		if (b->len + l + 1 > b->cap) {
			b->cap = (b->len + l + 1) * 2 + 64;
			b->text = xrealloc(b->text, b->cap);
		}
		memcpy(b->text + b->len, e, l + 1);
		b->len += l;
	}
}

static void lit_add(struct head_ctx *b, const char *s)
{
	size_t l = strlen(s);
	if (b->len + l + 1 > b->cap) {
		b->cap = (b->len + l + 1) * 2 + 64;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, l + 1);
	b->len += l;
}

/* A value as "type:payload" (n null, i int, b bool, t text, l list, r raw). */
static void value_enc(struct head_ctx *b, const struct rec_value *v)
{
	char num[32];
	switch (v ? v->type : REC_NULL) {
	case REC_NULL:
		lit_add(b, "n:");
		break;
	case REC_INT:
	case REC_BOOL:
		snprintf(num, sizeof num, "%c:%" PRId64, v->type == REC_INT ? 'i' : 'b', v->i);
		lit_add(b, num);
		break;
	case REC_TEXT:
		lit_add(b, "t:");
		esc_add(b, v->s, v->len);
		break;
	case REC_LIST:
		lit_add(b, "l:");
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				lit_add(b, "\\u");
			esc_add(b, v->items[i], strlen(v->items[i]));
		}
		break;
	case REC_RAW:
		lit_add(b, "r:");
		break;
	}
}

/* Unescapes s[0..n) into a new string. */
static char *unesc(const char *s, size_t n)
{
	char *o = xmalloc(n + 1), *p = o;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*p++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i] == 'u' ? '\x1f' : s[i];
		} else
			*p++ = s[i];
	}
	*p = '\0';
	return o;
}

/* Decodes value_enc's text s[0..n) into v. */
static void value_dec(const char *s, size_t n, struct rec_value *v)
{
	memset(v, 0, sizeof *v);
	if (n < 2)
		return;
	char *x = unesc(s + 2, n - 2);
	switch (s[0]) {
	case 'i':
	case 'b':
		v->type = s[0] == 'i' ? REC_INT : REC_BOOL;
		v->i = strtoll(x, NULL, 10);
		free(x);
		break;
	case 't':
		v->type = REC_TEXT;
		v->s = x;
		v->len = strlen(x);
		break;
	case 'l': {
		v->type = REC_LIST;
		for (char *q = x, *e; q; q = e ? e + 1 : NULL) {
			e = strchr(q, '\x1f');
			if (e)
				*e = '\0';
			v->items = xreallocarray(v->items, v->n + 1, sizeof *v->items);
			v->items[v->n++] = xstrdup(q);
		}
		free(x);
		break;
	}
	default:
		free(x);
		break;
	}
}

/* ---- merge ---- */

/* Fields that change together and merge as one: a stage, its date and
 * the first-talk state the rules derive from them; an amount and its
 * currency. */
static const char *const groups[][8] = {
	{"stage", "stage_date", "ft_registered", "ft_district", "ft_until", "ft_status",
	 "ft_claim_of", NULL},
	{"investment", "currency", NULL},
};

/* The group of field f (its first member names it), or f itself. */
static const char *group_of(const char *f, int *gi)
{
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
		for (int i = 0; groups[g][i]; i++)
			if (!strcmp(groups[g][i], f)) {
				*gi = (int)g;
				return groups[g][0];
			}
	*gi = -1;
	return f;
}

/* The operation that last set field f of a record: its stamp, node and author. */
static void last_setter(struct store_txn *t, const struct store_table *tab, uint64_t id,
			int gi, const char *f, uint64_t *hlc, unsigned *node, uint64_t *who)
{
	struct store_log *e = NULL;
	size_t n = 0;
	*node = 0;
	*who = 0;
	store_history(t, tab, id, &e, &n);
	for (size_t i = n; i-- > 0;) {
		bool sets = e[i].created;
		for (size_t j = 0; j < e[i].n && !sets; j++) {
			int gj;
			sets = gi >= 0 ? (group_of(e[i].c[j].field, &gj), gj == gi)
				       : !strcmp(e[i].c[j].field, f);
		}
		if (sets) {
			*hlc = e[i].hlc;
			*node = (unsigned)e[i].node;
			*who = e[i].actor;
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		store_log_free(&e[i]);
	free(e);
}

/* The id shown for a conflict key: the same on every copy. */
static void conflict_id(const char *key, char id[9])
{
	unsigned char h[4];
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
	sodium_bin2hex(id, 9, h, sizeof h);
}

/* True when a resolution has already settled stamp hlc of field f. */
static bool resolved(struct store_txn *t, const char *table, uint64_t id, const char *f,
		     uint64_t hlc)
{
	char key[160], *v;
	snprintf(key, sizeof key, "resolved.%s.%" PRIu64 ".%s.%" PRIu64, table, id, f, hlc);
	if (store_meta_get(t, key, &v) != STORE_OK)
		return false;
	free(v);
	return true;
}

struct apply_ctx {
	struct zs *z;
	struct frame *fr;
	struct zs_sync_stats *st;
	struct zs_peer sender;
	int err;
};

/* Tells the caller of an import about one operation. */
static void say(struct apply_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct apply_ctx *c, const char *fmt, ...)
{
	if (!c->st->note)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	c->st->note(c->st->note_ctx, line);
}

/* The sides of one conflict: each change kept, earliest first. */
struct side {
	uint64_t hlc, who;
	unsigned node;
	struct head_ctx vals; /* lines "field\tvalue" (value_enc) */
};

struct sides {
	struct side *v;
	size_t n;
};

static void sides_free(struct sides *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].vals.text);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Adds a side unless one of the same stamp and node is there; keeps
 * them in order of stamp, then node. */
static struct side *sides_add(struct sides *s, uint64_t hlc, unsigned node, uint64_t who)
{
	size_t at = 0;
	while (at < s->n && (s->v[at].hlc < hlc || (s->v[at].hlc == hlc && s->v[at].node < node)))
		at++;
	if (at < s->n && s->v[at].hlc == hlc && s->v[at].node == node)
		return NULL;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
	s->n++;
	memset(&s->v[at], 0, sizeof s->v[at]);
	s->v[at].hlc = hlc;
	s->v[at].node = node;
	s->v[at].who = who;
	lit_add(&s->v[at].vals, "");
	return &s->v[at];
}

/* Reads a conflict's text: "S hlc node who" lines, each followed by its
 * "S.field\tvalue" lines (S a letter). */
static void sides_parse(const char *text, struct sides *s)
{
	struct side *cur = NULL;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 2 && p[1] == ' ') {
			unsigned long long h = 0, w = 0;
			unsigned node = 0;
			sscanf(p + 2, "%llu %u %llu", &h, &node, &w);
			cur = sides_add(s, h, node, w);
		} else if (len > 2 && p[1] == '.' && cur) {
			char *line = xmemdup(p + 2, len - 2);
			lit_add(&cur->vals, line);
			lit_add(&cur->vals, "\n");
			free(line);
		}
		p += len + (nl != NULL);
	}
}

/* The text of the sides, lettered A, B, ... */
static char *sides_text(const struct sides *s)
{
	struct head_ctx b = {NULL, 0, 0};
	lit_add(&b, "");
	for (size_t i = 0; i < s->n; i++) {
		char letter = (char)('A' + (i < 26 ? i : 25));
		char line[96];
		snprintf(line, sizeof line, "%c %" PRIu64 " %u %" PRIu64 "\n", letter, s->v[i].hlc,
			 s->v[i].node, s->v[i].who);
		lit_add(&b, line);
		const char *v = s->v[i].vals.text;
		while (v && *v) {
			const char *nl = strchr(v, '\n');
			size_t len = nl ? (size_t)(nl - v) + 1 : strlen(v);
			char *one = xmemdup(v, len);
			char pre[3] = {letter, '.', 0};
			lit_add(&b, pre);
			lit_add(&b, one);
			free(one);
			v += len;
		}
	}
	return b.text;
}

/* Parses a resolution's reason "conflict TABLE ID FIELD STAMP..." and
 * settles it here: the sides it names are marked resolved and leave the
 * queue; a side it did not know (made meanwhile elsewhere) stays. */
static int settle(struct store_txn *t, const char *why)
{
	char table[32], field[64];
	unsigned long long id;
	int used = 0;
	if (!why || sscanf(why, "conflict %31s %llu %63s%n", table, &id, field, &used) != 3)
		return STORE_OK;
	char key[160], *text = NULL;
	snprintf(key, sizeof key, "conflict.%s.%llu.%s", table, id, field);
	struct sides sd = {NULL, 0};
	if (store_meta_get(t, key, &text) == STORE_OK)
		sides_parse(text, &sd);
	free(text);
	int rc = STORE_OK;
	for (const char *p = why + used; *p && !rc;) {
		char *end;
		unsigned long long h = strtoull(p, &end, 10);
		if (end == p)
			break;
		p = end;
		snprintf(key, sizeof key, "resolved.%s.%llu.%s.%llu", table, id, field, h);
		rc = store_meta_put(t, key, "1");
		for (size_t i = 0; i < sd.n; i++)
			if (sd.v[i].hlc == h) {
				free(sd.v[i].vals.text);
				memmove(sd.v + i, sd.v + i + 1, (sd.n - i - 1) * sizeof *sd.v);
				sd.n--;
				break;
			}
	}
	snprintf(key, sizeof key, "conflict.%s.%llu.%s", table, id, field);
	if (!rc && sd.n < 1) {
		rc = store_meta_put(t, key, "");
	} else if (!rc) {
		char *nt = sides_text(&sd);
		rc = store_meta_put(t, key, nt);
		free(nt);
	}
	sides_free(&sd);
	return rc;
}

/* Adds the key of a conflict to the list of them ("conflicts"). */
static int list_conflict(struct store_txn *t, const char *key)
{
	char *all = NULL;
	if (store_meta_get(t, "conflicts", &all) != STORE_OK)
		all = xstrdup("");
	char line[168], nline[170];
	snprintf(line, sizeof line, "%s\n", key);
	snprintf(nline, sizeof nline, "\n%s", line);
	int rc = STORE_OK;
	if (strncmp(all, line, strlen(line)) != 0 && !strstr(all, nline)) {
		char *more = xmalloc(strlen(all) + strlen(line) + 1);
		strcpy(more, all);
		strcat(more, line);
		rc = store_meta_put(t, "conflicts", more);
		free(more);
	}
	free(all);
	return rc;
}

/* Marks stamp hlc of a group of a record as superseded: a later change
 * saw it, or a resolution chose between it and others. */
static int supersede(struct store_txn *t, const char *table, uint64_t id, const char *g,
		     uint64_t hlc)
{
	char key[160];
	snprintf(key, sizeof key, "resolved.%s.%" PRIu64 ".%s.%" PRIu64, table, id, g, hlc);
	return store_meta_put(t, key, "1");
}

/* Appends the values of a group's fields (from the operation where it
 * sets them, else from cur) to a side. */
static void side_values(struct side *sv, const char *const *fields, const struct rec *cur,
			const struct store_log *e)
{
	for (int i = 0; fields[i]; i++) {
		const struct rec_field *f = rec_find(cur, fields[i]);
		const struct rec_value *v = f ? &f->v : NULL;
		for (size_t j = 0; e && j < e->n; j++)
			if (!strcmp(e->c[j].field, fields[i]))
				v = e->c[j].new.type == REC_NULL ? NULL : &e->c[j].new;
		lit_add(&sv->vals, fields[i]);
		lit_add(&sv->vals, "\t");
		value_enc(&sv->vals, v);
		lit_add(&sv->vals, "\n");
	}
}

/* Number of different values among the sides. */
static size_t distinct_sides(const struct sides *sd)
{
	size_t n = 0;
	for (size_t i = 0; i < sd->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(sd->v[i].vals.text ? sd->v[i].vals.text : "",
				       sd->v[j].vals.text ? sd->v[j].vals.text : "");
		n += !seen;
	}
	return n;
}

/* Keeps the changes of a group that no later change has seen (its heads)
 * after operation e: what e saw is superseded, e joins the others.  Two
 * or more heads are a conflict.  The heads are those of the whole set of
 * operations held, so every copy that holds the same ones has the same
 * queue, whatever order they came in. */
static int track_heads(struct apply_ctx *c, struct store_txn *t, enum kind k, uint64_t id,
		       const char *gname, int gi, const struct rec *cur, const struct store_log *e,
		       uint64_t cur_hlc, uint64_t holder)
{
	const char *one[2] = {gname, NULL};
	const char *const *fields = gi >= 0 ? groups[gi] : one;
	const char *table = zs_tables[k].name;
	uint64_t replaced = 0;
	for (size_t j = 0; j < e->n; j++) {
		int gj;
		if (!strcmp(group_of(e->c[j].field, &gj), gname) && e->c[j].replaced > replaced)
			replaced = e->c[j].replaced;
	}
	int rc = STORE_OK;
	char key[160], *old = NULL;
	snprintf(key, sizeof key, "conflict.%s.%" PRIu64 ".%s", table, id, gname);
	struct sides sd = {NULL, 0};
	bool had = store_meta_get(t, key, &old) == STORE_OK && *old;
	if (had)
		sides_parse(old, &sd);
	free(old);
	/* What e saw is superseded.  Marked only when it is not here yet
	 * (e came first by another way), so that it is not taken for a head
	 * when it comes; a mark per edit would fill meta for nothing. */
	bool known = !replaced || replaced == cur_hlc;
	for (size_t i = 0; i < sd.n && !known; i++)
		known = sd.v[i].hlc == replaced;
	if (!known && (rc = supersede(t, table, id, gname, replaced)))
		return rc;
	bool e_live = !resolved(t, table, id, gname, e->hlc);
	if (!had && e_live && cur_hlc && cur_hlc != replaced &&
	    !resolved(t, table, id, gname, cur_hlc)) {
		/* The value held so far is a head of its own. */
		unsigned node;
		uint64_t who, h = cur_hlc;
		last_setter(t, &c->z->tables[k], id, gi, gname, &h, &node, &who);
		struct side *sv = sides_add(&sd, cur_hlc, node, who);
		if (sv)
			side_values(sv, fields, cur, NULL);
	}
	for (size_t i = sd.n; i-- > 0;)
		if ((replaced && sd.v[i].hlc == replaced) ||
		    resolved(t, table, id, gname, sd.v[i].hlc)) {
			free(sd.v[i].vals.text);
			memmove(sd.v + i, sd.v + i + 1, (sd.n - i - 1) * sizeof *sd.v);
			sd.n--;
		}
	size_t before = had ? 2 : 1;
	if (e_live) {
		struct side *sv = sides_add(&sd, e->hlc, (unsigned)e->node, e->actor);
		if (sv)
			side_values(sv, fields, cur, e);
	}
	/* The heads are written out unless they are just the change that
	 * holds the field now (holder), which the record itself tells. */
	if (sd.n >= 2 || (sd.n == 1 && sd.v[0].hlc != holder)) {
		char *text = sides_text(&sd);
		rc = store_meta_put(t, key, text);
		free(text);
		if (!rc)
			rc = list_conflict(t, key);
		if (!rc && sd.n >= 2 && distinct_sides(&sd) >= 2 && before < 2) {
			char cid[9], idt[32];
			conflict_id(key, cid);
			zs_id_text(id, idt, sizeof idt);
			c->st->conflicts++;
			say(c, _("conflict %s: %s %s, %s changed on two copies"), cid, table, idt, gname);
		}
	} else if (had) {
		rc = store_meta_put(t, key, "");
	}
	sides_free(&sd);
	return rc;
}

struct catch_ctx {
	struct apply_ctx *c;
	struct store_txn *t;
	uint64_t last;
	int rc;
};

/* True when group g of a record has an open entry in the queue. */
static bool has_entry(struct store_txn *t, const char *table, uint64_t id, const char *g)
{
	char key[160], *text = NULL;
	snprintf(key, sizeof key, "conflict.%s.%" PRIu64 ".%s", table, id, g);
	bool open = store_meta_get(t, key, &text) == STORE_OK && *text;
	free(text);
	return open;
}

/* Brings one of this copy's own writes into the conflict queue. */
static int catch_one(void *vctx, const struct store_log *raw)
{
	struct catch_ctx *cc = vctx;
	struct zs *z = cc->c->z;
	cc->last = raw->seq;
	int k = schema_kind_by_name(raw->table);
	if (raw->node != store_node(z->st) || raw->created || k < 0 || !raw->n)
		return 0;
	/* Only groups with an open entry: the others have one head. */
	bool any = false;
	for (size_t i = 0; i < raw->n && !any; i++) {
		int gi;
		any = has_entry(cc->t, raw->table, raw->id, group_of(raw->c[i].field, &gi));
	}
	if (!any)
		return 0;
	struct store_log e;
	struct rec cur;
	rec_init(&cur);
	if (store_log_get(cc->t, raw->seq, &e) != STORE_OK) {
		rec_free(&cur);
		return 0;
	}
	if (store_get(cc->t, &z->tables[k], raw->id, &cur) != STORE_OK) {
		store_log_free(&e);
		rec_free(&cur);
		return 0;
	}
	bool *done = xcalloc(e.n ? e.n : 1, sizeof *done);
	for (size_t i = 0; i < e.n && !cc->rc; i++) {
		if (done[i])
			continue;
		int gi;
		const char *g = group_of(e.c[i].field, &gi);
		for (size_t j = i; j < e.n; j++) {
			int gj;
			if (!strcmp(group_of(e.c[j].field, &gj), g))
				done[j] = true;
		}
		uint64_t holder = 0;
		for (size_t j = 0; j < e.n; j++) {
			int gj;
			const struct rec_field *f = rec_find(&cur, e.c[j].field);
			if (!strcmp(group_of(e.c[j].field, &gj), g) && f && f->stamp > holder)
				holder = f->stamp;
		}
		if (has_entry(cc->t, raw->table, raw->id, g))
			cc->rc = track_heads(cc->c, cc->t, (enum kind)k, raw->id, g, gi, &cur, &e, 0,
					     holder);
	}
	free(done);
	rec_free(&cur);
	store_log_free(&e);
	return cc->rc != 0;
}

/* The conflict queue follows this copy's own writes too (an officer's
 * edit of a field in conflict supersedes the side it saw): the writes
 * since the last look ("heads.seq") are brought in. */
static int catch_up(struct apply_ctx *c, struct store_txn *t)
{
	uint64_t from = 0, last = 0;
	store_meta_get_u64(t, "seq.log", &last);
	if (store_meta_get_u64(t, "heads.seq", &from) != STORE_OK || from > last)
		return store_meta_put_u64(t, "heads.seq", last);
	if (from == last)
		return STORE_OK;
	struct catch_ctx cc = {c, t, from, STORE_OK};
	int rc = store_log_scan(t, 0, false, from + 1, catch_one, &cc);
	if (!rc)
		rc = cc.rc;
	if (!rc)
		rc = store_meta_put_u64(t, "heads.seq", last);
	return rc;
}

/* Swaps the session's officer for the author of an operation, so that
 * the save path checks what the author may do; returns false when the
 * author is not an officer here. */
static bool become(struct zs *z, struct store_txn *t, uint64_t who, uint64_t *saved_me,
		   struct rec *saved_rec)
{
	*saved_me = z->me;
	*saved_rec = z->me_rec;
	rec_init(&z->me_rec);
	z->me = who;
	if (!who)
		return true;
	return store_get(t, &z->tables[KIND_OFFICER], who, &z->me_rec) == STORE_OK;
}

static void unbecome(struct zs *z, uint64_t saved_me, struct rec *saved_rec)
{
	rec_free(&z->me_rec);
	z->me = saved_me;
	z->me_rec = *saved_rec;
}

/* True when login-list officers (of an enrolment) names the officer id. */
static bool among(struct zs *z, struct store_txn *t, const char *officers, uint64_t who)
{
	if (!*officers || !who)
		return true;
	struct rec r;
	rec_init(&r);
	bool found = false;
	if (store_get(t, &z->tables[KIND_OFFICER], who, &r) == STORE_OK) {
		const char *login = rec_text(&r, "login", "");
		char buf[512];
		snprintf(buf, sizeof buf, "%s", officers);
		char *save = NULL;
		for (char *s = strtok_r(buf, ",", &save); s && !found; s = strtok_r(NULL, ",", &save))
			found = !strcmp(s, login);
	}
	rec_free(&r);
	return found;
}

struct merge_ctx {
	struct apply_ctx *c;
	struct store_log *e;
	enum kind k;
	uint64_t conflicts;
	const unsigned char *op;
	size_t oplen;
};

/* The meta key of the changes kept for a record not here yet. */
static void stash_key(char *key, size_t n, const char *table, uint64_t id)
{
	snprintf(key, n, "absent.%s.%" PRIu64, table, id);
}

/* Keeps operation op (hex, one a line) until its record comes. */
static int stash(struct store_txn *t, const struct store_log *e, const unsigned char *op,
		 size_t n)
{
	char key[96], *old = NULL;
	stash_key(key, sizeof key, e->table, e->id);
	if (store_meta_get(t, key, &old) != STORE_OK)
		old = xstrdup("");
	size_t ol = strlen(old);
	char *text = xmalloc(ol + 2 * n + 2);
	memcpy(text, old, ol);
	sodium_bin2hex(text + ol, 2 * n + 1, op, n);
	strcpy(text + ol + 2 * n, "\n");
	int rc = store_meta_put(t, key, text);
	free(text);
	free(old);
	return rc;
}

static int merge_txn(struct store_txn *t, void *vctx);

/* Applies the changes kept for record id of table, now that it is here. */
static int unstash(struct apply_ctx *c, struct store_txn *t, const char *table, uint64_t id)
{
	char key[96], *text = NULL;
	stash_key(key, sizeof key, table, id);
	if (store_meta_get(t, key, &text) != STORE_OK)
		return STORE_OK;
	int rc = store_meta_put(t, key, "");
	for (char *p = text; *p && rc == STORE_OK;) {
		char *nl = strchr(p, '\n');
		size_t hl = nl ? (size_t)(nl - p) : strlen(p);
		unsigned char *op = xmalloc(hl / 2 + 1);
		size_t n = 0;
		struct store_log e;
		if (sodium_hex2bin(op, hl / 2 + 1, p, hl, NULL, &n, NULL) == 0 &&
		    store_op_decode(op, n, &e) == 0) {
			int k = schema_kind_by_name(e.table);
			struct store_origin o = {e.node, e.origin_seq, e.hlc, op, n, true};
			store_txn_origin(t, &o);
			struct merge_ctx m = {c, &e, (enum kind)k, 0, op, n};
			if (k >= 0 && store_nested(t, merge_txn, &m) == STORE_OK)
				c->st->conflicts += m.conflicts;
			zs_fail_clear(c->z);
			store_txn_origin(t, NULL);
			store_log_free(&e);
		}
		free(op);
		p = nl ? nl + 1 : p + hl;
	}
	free(text);
	return rc;
}

/* Merges operation e into its record and saves the result, in a nested
 * transaction that leaves nothing behind when the save is refused. */
static int merge_txn(struct store_txn *t, void *vctx)
{
	struct merge_ctx *m = vctx;
	struct apply_ctx *c = m->c;
	struct store_log *e = m->e;
	struct zs *z = c->z;
	int k = (int)m->k;
	const struct store_table *tab = &z->tables[k];
	char idt[32];
	zs_id_text(e->id, idt, sizeof idt);
	uint64_t before = c->st->conflicts;
	int rc;
	struct rec cur, r;
	rec_init(&cur);
	rc = store_get(t, tab, e->id, &cur);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	bool exists = rc == STORE_OK;
	rc = STORE_OK;
	if (exists)
		rec_copy(&r, &cur);
	else
		rec_init(&r);
	if (!exists && !e->created) {
		/* A change of a record not here yet (made where it came first)
		 * or never (another district's): kept, and applied when the
		 * record comes. */
		rec_free(&cur);
		rec_free(&r);
		rc = stash(t, e, m->op, m->oplen);
		if (!rc)
			rc = store_origin_note(t, e->actor, "absent", NULL);
		return rc;
	}
	bool *done = xcalloc(e->n ? e->n : 1, sizeof *done);
	for (size_t i = 0; i < e->n && rc == STORE_OK; i++) {
		if (done[i])
			continue;
		int gi;
		const char *gname = group_of(e->c[i].field, &gi);
		/* Did the operation see the current value(s) of the group, and
		 * is it later than them?  The later change holds the field on
		 * every copy (by stamp, then node), whatever order they came in. */
		bool saw = true, differs = false;
		uint64_t cur_hlc = 0;
		for (size_t j = i; j < e->n; j++) {
			int gj;
			if (strcmp(group_of(e->c[j].field, &gj), gname))
				continue;
			done[j] = true;
			const struct rec_field *f = rec_find(&cur, e->c[j].field);
			uint64_t stamp = f ? (f->stamp ? f->stamp : cur.created) : 0;
			if (f && stamp > cur_hlc)
				cur_hlc = stamp;
			static const struct rec_value none = {0};
			const struct rec_value *cv = f ? &f->v : &none;
			if (exists && !(stamp == e->c[j].replaced || (!f && e->c[j].replaced == 0)))
				saw = false;
			if (!rec_value_equal(cv, &e->c[j].new))
				differs = true;
		}
		bool take = !exists || e->hlc > cur_hlc;
		if (exists && e->hlc == cur_hlc) {
			unsigned cur_node = 0;
			uint64_t cur_who = 0, sh = cur_hlc;
			last_setter(t, tab, e->id, gi, gname, &sh, &cur_node, &cur_who);
			take = e->node > cur_node;
		}
		(void)saw;
		(void)differs;
		if (exists)
			rc = track_heads(c, t, (enum kind)k, e->id, gname, gi, &cur, e, cur_hlc,
					 take ? e->hlc : cur_hlc);
		if (take)
			for (size_t j = 0; j < e->n; j++) {
				int gj;
				if (strcmp(group_of(e->c[j].field, &gj), gname))
					continue;
				rec_set(&r, e->c[j].field, &e->c[j].new);
				struct rec_field *f = rec_find(&r, e->c[j].field);
				if (f)
					f->stamp = e->hlc; /* kept even where the value is the same */
			}
	}
	free(done);
	if (rc == STORE_OK) {
		uint64_t saved_me;
		struct rec saved_rec;
		bool known = become(z, t, e->actor, &saved_me, &saved_rec);
		if (!known) {
			unbecome(z, saved_me, &saved_rec);
			zs_fail(z, ZS_DENIED, _("officer %" PRIu64 " is not an officer here"), e->actor);
			rc = STORE_ERROR;
		} else {
			r.version = exists ? cur.version : 0;
			zs_fail_clear(z);
			rc = save_apply(z, t, (enum kind)k, e->id, &r, e->op[0] ? e->op : "sync", e->why);
			unbecome(z, saved_me, &saved_rec);
			if (rc == STORE_OK && store_origin_pending(t))
				rc = store_origin_note(t, e->actor, "merged", NULL);
			if (rc == STORE_OK && !exists)
				rc = unstash(c, t, e->table, e->id);
		}
	}
	m->conflicts = c->st->conflicts - before;
	c->st->conflicts = before;
	rec_free(&cur);
	rec_free(&r);
	return rc;
}

/* Applies a change of the working-day calendar ("set DATE KIND [NAME]"),
 * made by the city office of another copy, to this copy's calendar. */
static int apply_calendar(struct apply_ctx *c, struct store_txn *t, const struct store_log *e)
{
	struct zs *z = c->z;
	char ds[16] = "", kind[16] = "";
	int used = 0;
	date_t d;
	uint64_t saved_me;
	struct rec saved_rec;
	bool known = become(z, t, e->actor, &saved_me, &saved_rec);
	bool may = known && access_check(z, ACCESS_CALENDAR, NULL) == ZS_OK;
	unbecome(z, saved_me, &saved_rec);
	zs_fail_clear(z);
	if (!e->why || sscanf(e->why, "set %15s %15s%n", ds, kind, &used) != 2 ||
	    date_parse(ds, &d) < 0 || !may) {
		c->st->refused++;
		say(c, _("refused: a calendar change by officer %" PRIu64), e->actor);
		return store_origin_note(t, e->actor, "refused", e->why);
	}
	const char *name = e->why[used] == ' ' ? e->why + used + 1 : NULL;
	struct calendar cal;
	memset(&cal, 0, sizeof cal);
	char *text = NULL, err[256];
	if (store_meta_get(t, "calendar", &text) == STORE_OK && text)
		calendar_parse(&cal, text, err, sizeof err);
	free(text);
	calendar_set(&cal, d, kind, name && *name ? name : NULL);
	text = calendar_text(&cal);
	int rc = store_meta_put(t, "calendar", text);
	free(text);
	calendar_free(&cal);
	if (!rc)
		rc = store_origin_note(t, e->actor, "calendar", e->why);
	return rc;
}

/* Applies one operation e (bytes op) inside transaction t. */
static int apply_op(struct apply_ctx *c, struct store_txn *t, struct store_log *e,
		    const unsigned char *op, size_t oplen)
{
	struct zs *z = c->z;
	struct store_origin o = {e->node, e->origin_seq, e->hlc, op, oplen, false};
	store_txn_origin(t, &o);
	/* A stamp far ahead is taken (it orders the change) but does not
	 * move this copy's clock (the store's rule); the officer is told. */
	int64_t ahead = STORE_HLC_MS(e->hlc) - clock_now_ms();
	if (ahead > 10 * 60 * 1000 && !c->st->ahead++)
		say(c, _("node %u's clock is %lld minutes ahead of this one: its changes are taken, "
			 "this clock is not moved; set its date and time"),
		    (unsigned)e->node, (long long)(ahead / 60000));
	int k = schema_kind_by_name(e->table);
	int rc = STORE_OK;
	if (!strcmp(e->op, "resolve") && (rc = settle(t, e->why)))
		return rc;
	if (k < 0 && !strcmp(e->op, "calendar")) {
		rc = apply_calendar(c, t, e);
		store_txn_origin(t, NULL);
		if (rc == STORE_OK)
			c->st->applied++;
		return rc;
	}
	if (k < 0 || !strcmp(e->op, "withheld")) {
		rc = store_origin_note(t, e->actor, e->op[0] ? e->op : "sync", e->why);
		store_txn_origin(t, NULL);
		if (rc == STORE_OK)
			c->st->applied++;
		return rc;
	}
	/* The origin's officers only: a laptop speaks for those enrolled with it. */
	struct zs_peer origin;
	bool enrolled = peer_get(t, (unsigned)e->node, &origin) == STORE_OK;
	char idt[32];
	zs_id_text(e->id, idt, sizeof idt);
	if (enrolled && !among(z, t, origin.officers, e->actor)) {
		c->st->refused++;
		say(c, _("refused: %s %s by officer %" PRIu64 ", who is not enrolled with node %u"),
		    e->table, idt, e->actor, (unsigned)e->node);
		rc = store_origin_note(t, e->actor, "refused", NULL);
		store_txn_origin(t, NULL);
		return rc;
	}
	struct merge_ctx m = {c, e, (enum kind)k, 0, op, oplen};
	rc = store_nested(t, merge_txn, &m);
	if (rc == STORE_OK) {
		c->st->conflicts += m.conflicts;
		c->st->applied++;
	} else if (rc != STORE_FULL && !(rc == STORE_ERROR && z->err.status == ZS_OK)) {
		/* The author may not do this here, or it clashes with a record
		 * this copy has (a credit code taken): journal it as refused. */
		c->st->refused++;
		if (rc == STORE_EXISTS)
			say(c, _("refused: %s %s by officer %" PRIu64 ": %s"), e->table, idt, e->actor,
			    _("a record with the same unique value exists here"));
		else
			say(c, _("refused: %s %s by officer %" PRIu64 ": %s"), e->table, idt, e->actor,
			    zs_error(z));
		zs_fail_clear(z);
		rc = store_origin_note(t, e->actor, "refused", NULL);
	}
	store_txn_origin(t, NULL);
	return rc;
}

/* Applies one batch in one transaction (store_write's callback). */
static int batch_txn(struct store_txn *t, void *vctx)
{
	struct apply_ctx *c = vctx;
	struct frame *fr = c->fr;
	uint64_t applied = c->st->applied, held = c->st->held, conflicts = c->st->conflicts,
		 refused = c->st->refused;
	c->st->applied = applied;
	size_t pos = 0;
	int rc = catch_up(c, t);
	while (pos < fr->rawlen && rc == STORE_OK) {
		if (fr->rawlen - pos < 4)
			return zs_fail(c->z, ZS_INVALID, _("batch %u is damaged"), fr->number),
			       STORE_ERROR;
		uint32_t n = get32(fr->raw + pos);
		pos += 4;
		if (n > fr->rawlen - pos)
			return zs_fail(c->z, ZS_INVALID, _("batch %u is damaged"), fr->number),
			       STORE_ERROR;
		struct store_log e;
		if (store_op_decode(fr->raw + pos, n, &e) < 0)
			return zs_fail(c->z, ZS_INVALID, _("batch %u holds a damaged operation"),
				       fr->number),
			       STORE_ERROR;
		uint64_t have = store_have(t, (unsigned)e.node);
		if (e.node > 0xFFFF) {
			zs_fail(c->z, ZS_INVALID, _("batch %u holds a damaged operation"), fr->number);
			rc = STORE_ERROR;
		} else if (e.origin_seq <= have) {
			c->st->held++;
		} else if (e.node == store_node(c->z->st)) {
			/* Only this copy makes its own changes: taking one would
			 * take its number from the next it makes. */
			zs_fail(c->z, ZS_INVALID,
				_("batch %u holds a change in the name of this copy (node %u) that it "
				  "never made"),
				fr->number, (unsigned)e.node);
			rc = STORE_ERROR;
		} else if (e.origin_seq != have + 1) {
			zs_fail(c->z, ZS_INVALID,
				_("the bundle skips operations of node %u (it has %" PRIu64
				  ", this copy holds up to %" PRIu64 "): make a new bundle for this copy"),
				(unsigned)e.node, e.origin_seq, have);
			rc = STORE_ERROR;
		} else {
			rc = apply_op(c, t, &e, fr->raw + pos, n);
		}
		store_log_free(&e);
		pos += n;
	}
	if (rc != STORE_OK) {
		/* Nothing of the batch stays: the counts neither. */
		c->st->applied = applied;
		c->st->held = held;
		c->st->conflicts = conflicts;
		c->st->refused = refused;
	}
	return rc;
}

/* Reads the header frame: the sender's summary.  ZS_OK with the frame. */
static int read_header(struct zs *z, FILE *in, struct frame *fr, struct zs_sync_stats *st)
{
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	int f = frame_read(z, t, in, fr, &st->bytes, 0);
	store_done(t);
	if (f == FRAME_EOF)
		return zs_fail(z, ZS_INVALID, "%s", _("the bundle is empty"));
	if (f != FRAME_OK)
		return z->err.status;
	if (fr->kind != 'H') {
		free(fr->raw);
		return zs_fail(z, ZS_INVALID, "%s", _("the bundle does not begin with its header"));
	}
	st->from = fr->sender;
	st->to = store_node(z->st);
	return ZS_OK;
}

/* Imports the rest of a bundle after its header. */
static int import_body(struct zs *z, FILE *in, struct frame *head, struct zs_sync_stats *st)
{
	struct apply_ctx c = {z, NULL, st, {0}, ZS_OK};
	char *acks = xmemdup(head->raw, head->rawlen);
	struct stamp_ctx sc = {head->sender, true, acks};
	int rc = store_write(z->st, stamp_txn, &sc);
	free(acks);
	if (rc)
		return zs_from_store(z, rc);
	for (unsigned batch = 1;; batch++) {
		struct store_txn *t;
		if ((rc = store_read(z->st, &t)))
			return zs_from_store(z, rc);
		struct frame fr;
		int f = frame_read(z, t, in, &fr, &st->bytes, batch);
		store_done(t);
		if (f == FRAME_EOF)
			return zs_fail(z, ZS_INVALID,
				       _("the bundle ends before its end mark (cut off on the way?): "
					 "%" PRIu64 " batches applied; import the rest again"),
				       st->batches);
		if (f != FRAME_OK)
			return z->err.status;
		if (fr.sender != head->sender) {
			free(fr.raw);
			return zs_fail(z, ZS_INVALID, _("batch %u comes from another node (%u)"), batch,
				       fr.sender);
		}
		if (fr.kind == 'E') {
			free(fr.raw);
			st->complete = true;
			return ZS_OK;
		}
		if (fr.kind != 'O') {
			free(fr.raw);
			return zs_fail(z, ZS_INVALID, _("batch %u is of an unknown kind"), batch);
		}
		c.fr = &fr;
		zs_fail_clear(z);
		rc = store_write(z->st, batch_txn, &c);
		free(fr.raw);
		if (rc == STORE_ERROR && z->err.status != ZS_OK)
			return z->err.status;
		if (rc)
			return zs_from_store(z, rc);
		st->batches++;
	}
}

/* zs_sync_import once the officer may; from: the only sender taken (0 any). */
static int import_from(struct zs *z, FILE *in, struct zs_sync_stats *st, unsigned from)
{
	struct frame head;
	int rc = read_header(z, in, &head, st);
	if (rc)
		return rc;
	if (from && head.sender != from) {
		free(head.raw);
		return zs_fail(z, ZS_DENIED, _("the bundle comes from node %u, not %u"), head.sender,
			       from);
	}
	rc = import_body(z, in, &head, st);
	free(head.raw);
	return rc;
}

int zs_sync_import(struct zs *z, FILE *in, struct zs_sync_stats *st)
{
	zs_fail_clear(z);
	if (need_sync(z))
		return ZS_DENIED;
	return import_from(z, in, st, 0);
}

/* ---- both ways over one connection ---- */

/* Writes a greeting: a header to whoever answers (receiver 0) and an end. */
static int greet(struct zs *z, FILE *out, uint64_t *bytes)
{
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	if (!own_keys(t, pk, sk)) {
		store_done(t);
		return zs_fail(z, ZS_INVALID, "%s",
			       _("this copy has no node key yet: an administrator runs `zsdesk node init`"));
	}
	rc = write_header(z, t, out, 0, sk, bytes);
	sodium_memzero(sk, sizeof sk);
	store_done(t);
	if (rc == ZS_OK && fflush(out) != 0)
		rc = zs_fail(z, ZS_ERROR, "%s", _("the connection was lost"));
	return rc;
}

int zs_sync_exchange(struct zs *z, FILE *in, FILE *out, struct zs_sync_stats *got,
		     struct zs_sync_stats *sent)
{
	zs_fail_clear(z);
	if (need_sync(z))
		return ZS_DENIED;
	int rc = greet(z, out, &sent->bytes);
	if (rc)
		return rc;
	rc = zs_sync_import(z, in, got);
	if (rc)
		return rc;
	return zs_sync_export(z, got->from, out, sent);
}

int zs_sync_serve(struct zs *z, FILE *in, FILE *out, struct zs_sync_stats *got,
		  struct zs_sync_stats *sent)
{
	zs_fail_clear(z);
	struct frame hello;
	int rc = read_header(z, in, &hello, got);
	if (rc)
		return rc;
	/* On a server the officers of a laptop sync it as themselves: one
	 * enrolled with that node may, as may the city office. */
	if (!access_is_city(z)) {
		struct store_txn *t;
		struct zs_peer p;
		bool mine = false;
		if (store_read(z->st, &t) == STORE_OK) {
			mine = peer_get(t, hello.sender, &p) == STORE_OK && *p.officers &&
			       among(z, t, p.officers, z->me);
			store_done(t);
		}
		if (!mine) {
			free(hello.raw);
			return need_sync(z);
		}
	}
	/* What the caller holds tells what to send it. */
	char *acks = xmemdup(hello.raw, hello.rawlen);
	struct stamp_ctx sc = {hello.sender, true, acks};
	rc = store_write(z->st, stamp_txn, &sc);
	free(acks);
	free(hello.raw);
	if (rc)
		return zs_from_store(z, rc);
	unsigned sender = hello.sender;
	rc = export_for(z, sender, out, sent);
	if (rc)
		return rc;
	memset(got, 0, sizeof *got);
	return import_from(z, in, got, sender);
}

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
			value_dec(tab + 1, len - (size_t)(tab + 1 - p), &v);
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
	conflict_id(key, c->id);
	char table[32] = "";
	unsigned long long id = 0;
	sscanf(key, "conflict.%31[^.].%llu.", table, &id);
	int k = schema_kind_by_name(table);
	c->kind = k >= 0 ? (enum kind)k : KIND_PROJECT;
	c->record = id;
	struct sides sd = {NULL, 0};
	sides_parse(text, &sd);
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
			for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
				const struct rec_field *fa = rec_find(&r[0], f), *fb = rec_find(&r[1], f);
				static const struct rec_value none = {0};
				if (pass == 0 && rec_value_equal(fa ? &fa->v : &none, fb ? &fb->v : &none))
					continue;
				size_t l = strlen(c->fields);
				snprintf(c->fields + l, sizeof c->fields - l, "%s%s", l ? ", " : "", f);
				for (int i = 0; i < 2; i++) {
					char buf[256];
					zs_field_text(z, c->kind, &r[i], f, buf, sizeof buf);
					size_t vl = strlen(c->side[i].value);
					snprintf(c->side[i].value + vl, sizeof c->side[i].value - vl, "%s%s",
						 vl ? " " : "", *buf ? buf : "-");
				}
			}
		}
		rec_free(&r[0]);
		rec_free(&r[1]);
	}
	sides_free(&sd);
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
						found = xreallocarray(found, nfound + 1, sizeof *found);
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

/* catch_up in a transaction of its own (store_write's callback). */
static int catch_txn(struct store_txn *t, void *vctx)
{
	return catch_up(vctx, t);
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
	int rc = settle(t, c->why);
	if (!rc)
		rc = store_origin_note(t, c->z->me, "resolve", c->why);
	return rc;
}

/* Clears the conflict here after a resolution that saved a value. */
static int resolve_clear_txn(struct store_txn *t, void *vctx)
{
	struct resolve_ctx *c = vctx;
	return settle(t, c->why);
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
	sides_parse(lc.text, &sd);
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
		sides_free(&sd);
		return k < 0 ? zs_fail(z, ZS_ERROR, "%s", _("the conflict names an unknown table"))
			     : rc ? rc : zs_fail(z, ZS_NOTFOUND, _("there is no open conflict %s"), id);
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
			sides_free(&sd);
			zs_fail(z, ZS_INVALID, "%s", msg);
			return zs_fail_field(z, field);
		}
	}
	sides_free(&sd);
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

/* ---- placeholders ---- */

/* Encodes a placeholder with e's origin: what the peer must not hold. */
static void withheld_op(const struct store_log *e, unsigned char **out, size_t *n)
{
	/* A tiny CBOR map built by hand: {"node","seq","hlc","table","what"}. */
	unsigned char b[128];
	size_t p = 0;
	b[p++] = 0xa5;
#define KEY(s)                                                                               \
	do {                                                                                 \
		size_t l_ = strlen(s);                                                       \
		b[p++] = (unsigned char)(0x60 | l_);                                         \
		memcpy(b + p, s, l_);                                                        \
		p += l_;                                                                     \
	} while (0)
#define U64(v)                                                                               \
	do {                                                                                 \
		uint64_t v_ = (v);                                                           \
		b[p++] = 0x1b;                                                               \
		for (int i_ = 7; i_ >= 0; i_--)                                              \
			b[p++] = (unsigned char)(v_ >> (8 * i_));                            \
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

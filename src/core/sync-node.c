/*
 * sync-node.c - this copy's node and key pair, and the peers it enrolls.
 *
 * Peers and keys live in meta: "node.pk", "node.sk" (hex), "peer.<n>"
 * (lines "key value") and "ack.<peer>.<origin>" (what a peer acknowledged).
 */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* ---- small helpers ---- */

/* Now as "YYYY-MM-DD HH:MM" (local time of the machine). */
void sync_now_text(char *buf, size_t n)
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
int sync_need_sync(struct zs *z)
{
	if (access_is_city(z))
		return ZS_OK;
	return zs_fail_hint(
	    z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
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
#define FIELD(name, dst)                                                                           \
	if (kl == strlen(name) && !memcmp(s, name, kl)) {                                          \
		snprintf(dst, sizeof dst, "%.*s", (int)vl, v);                                     \
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
int sync_peer_put(struct store_txn *t, const struct zs_peer *p)
{
	char key[32], text[1024];
	snprintf(key, sizeof key, "peer.%u", p->node);
	snprintf(text, sizeof text,
	         "key %s\ndistrict %" PRIu64 "\nofficers %s\nname %s\nstate %s\nin %s\nout %s\n",
	         p->key, p->district, p->officers, p->name, p->revoked ? "revoked" : "active",
	         p->last_in, p->last_out);
	return store_meta_put(t, key, text);
}

/* Reads peer node; STORE_NOTFOUND when it is not enrolled. */
int sync_peer_get(struct store_txn *t, unsigned node, struct zs_peer *p)
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
bool sync_own_keys(struct store_txn *t, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                   unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	char *hp = NULL, *hs = NULL;
	bool ok =
	    store_meta_get(t, "node.pk", &hp) == STORE_OK &&
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
	if (node > ZS_NODE_MAX)
		return zs_fail(z, ZS_INVALID, _("a node number is 1 to %u, not %u"), ZS_NODE_MAX, node);
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
	bool had = sync_peer_get(t, c->p->node, &old) == STORE_OK;
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
	int rc = sync_peer_put(t, &p);
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
	if (p->node < 1 || p->node > ZS_NODE_MAX)
		return zs_fail(z, ZS_INVALID, _("a node number is 1 to %u, not %u"), ZS_NODE_MAX,
			       p->node);
	if (p->node == store_node(z->st))
		return zs_fail(z, ZS_INVALID, _("node %u is this copy itself"), p->node);
	if (strlen(p->key) != 64 ||
	    sodium_hex2bin(pk, sizeof pk, p->key, 64, NULL, &got, NULL) != 0 || got != sizeof pk)
		return zs_fail(
		    z, ZS_INVALID, "%s",
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
uint64_t sync_acked(struct store_txn *t, unsigned peer, unsigned origin)
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
	uint64_t a = sync_acked(c->t, c->peer, node);
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
		if (sync_peer_get(t, n, &p) != STORE_OK)
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

int zs_sync_summary(struct zs *z, void (*fn)(void *ctx, unsigned node, uint64_t have), void *ctx)
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

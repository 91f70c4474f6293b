/*
 * sync-wire.c - reading a bundle, and both ways over one connection
 * (`zsdesk sync ssh` and `zsdesk sync serve`).
 */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* Reads the header frame: the sender's summary.  ZS_OK with the frame. */
static int read_header(struct zs *z, FILE *in, struct frame *fr, struct zs_sync_stats *st)
{
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	int f = sync_frame_read(z, t, in, fr, &st->bytes, 0);
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
	int rc = store_write(z->st, sync_stamp_txn, &sc);
	free(acks);
	if (rc)
		return zs_from_store(z, rc);
	for (unsigned batch = 1;; batch++) {
		struct store_txn *t;
		if ((rc = store_read(z->st, &t)))
			return zs_from_store(z, rc);
		struct frame fr;
		int f = sync_frame_read(z, t, in, &fr, &st->bytes, batch);
		store_done(t);
		if (f == FRAME_EOF)
			return zs_fail(
			    z, ZS_INVALID,
			    _("the bundle ends before its end mark (cut off on the way?): "
			      "%" PRIu64 " batches applied; import the rest again"),
			    st->batches);
		if (f != FRAME_OK)
			return z->err.status;
		if (fr.sender != head->sender) {
			free(fr.raw);
			return zs_fail(z, ZS_INVALID, _("batch %u comes from another node (%u)"),
			               batch, fr.sender);
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
		rc = store_write(z->st, sync_batch_txn, &c);
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
		return zs_fail(z, ZS_DENIED, _("the bundle comes from node %u, not %u"),
		               head.sender, from);
	}
	rc = import_body(z, in, &head, st);
	free(head.raw);
	return rc;
}

int zs_sync_import(struct zs *z, FILE *in, struct zs_sync_stats *st)
{
	zs_fail_clear(z);
	if (sync_need_sync(z))
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
	if (!sync_own_keys(t, pk, sk)) {
		store_done(t);
		return zs_fail(
		    z, ZS_INVALID, "%s",
		    _("this copy has no node key yet: an administrator runs `zsdesk node init`"));
	}
	rc = sync_write_header(z, t, out, 0, sk, bytes);
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
	if (sync_need_sync(z))
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
			mine = sync_peer_get(t, hello.sender, &p) == STORE_OK && *p.officers &&
			       sync_among(z, t, p.officers, z->me);
			store_done(t);
		}
		if (!mine) {
			free(hello.raw);
			return sync_need_sync(z);
		}
	}
	/* What the caller holds tells what to send it. */
	char *acks = xmemdup(hello.raw, hello.rawlen);
	struct stamp_ctx sc = {hello.sender, true, acks};
	rc = store_write(z->st, sync_stamp_txn, &sc);
	free(acks);
	free(hello.raw);
	if (rc)
		return zs_from_store(z, rc);
	unsigned sender = hello.sender;
	rc = sync_export_for(z, sender, out, sent);
	if (rc)
		return rc;
	memset(got, 0, sizeof *got);
	return import_from(z, in, got, sender);
}

/*
 * sync-int.h - what the files of sync share (sync-node.c, sync-bundle.c,
 * sync-heads.c, sync-apply.c, sync-wire.c, sync-conflict.c).
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
 * Peers and keys live in meta (sync-node.c), the conflict queue too
 * (sync-heads.c).
 */
#ifndef ZSDESK_SYNC_INT_H
#define ZSDESK_SYNC_INT_H

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "internal.h"
#include "sync.h"

#define FRAME_HEAD 28
#define FRAME_TAIL (32 + crypto_sign_BYTES)
#define BATCH_OPS 500
#define BATCH_RAW (512 * 1024)
#define FRAME_MAX (64u * 1024 * 1024)

static inline void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct head_ctx {
	char *text;
	size_t len, cap;
};

struct frame {
	char kind;
	unsigned sender, receiver, number;
	unsigned char *raw; /* decompressed */
	size_t rawlen;
};

enum frame_status { FRAME_OK, FRAME_EOF, FRAME_BAD };

/* Marks when a bundle last went to (or came from) a peer. */
struct stamp_ctx {
	unsigned peer;
	bool in;
	const char *acks; /* the header's text, for an import */
};

struct apply_ctx {
	struct zs *z;
	struct frame *fr;
	struct zs_sync_stats *st;
	struct zs_peer sender;
	int err;
};

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

/* sync-node.c */
uint64_t sync_acked(struct store_txn *t, unsigned peer, unsigned origin);
int sync_need_sync(struct zs *z);
void sync_now_text(char *buf, size_t n);
bool sync_own_keys(struct store_txn *t, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                   unsigned char sk[crypto_sign_SECRETKEYBYTES]);
int sync_peer_get(struct store_txn *t, unsigned node, struct zs_peer *p);
int sync_peer_put(struct store_txn *t, const struct zs_peer *p);

/* sync-heads.c */
int sync_catch_up(struct apply_ctx *c, struct store_txn *t);
void sync_conflict_id(const char *key, char id[9]);
const char *sync_group_of(const char *f, int *gi);
void sync_last_setter(struct store_txn *t, const struct store_table *tab, uint64_t id, int gi,
                      const char *f, uint64_t *hlc, unsigned *node, uint64_t *who);
void sync_lit_add(struct head_ctx *b, const char *s);
void sync_say(struct apply_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sync_settle(struct store_txn *t, const char *why);
void sync_sides_free(struct sides *s);
void sync_sides_parse(const char *text, struct sides *s);
int sync_track_heads(struct apply_ctx *c, struct store_txn *t, enum kind k, uint64_t id,
                     const char *gname, int gi, const struct rec *cur, const struct store_log *e,
                     uint64_t cur_hlc, uint64_t holder);
void sync_value_dec(const char *s, size_t n, struct rec_value *v);

/* sync-bundle.c */
int sync_export_for(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st);
int sync_frame_read(struct zs *z, struct store_txn *t, FILE *in, struct frame *fr, uint64_t *bytes,
                    unsigned batch);
int sync_stamp_txn(struct store_txn *t, void *vctx);
int sync_write_header(struct zs *z, struct store_txn *t, FILE *out, unsigned peer,
                      const unsigned char *sk, uint64_t *bytes);

/* sync-apply.c */
bool sync_among(struct zs *z, struct store_txn *t, const char *officers, uint64_t who);
int sync_batch_txn(struct store_txn *t, void *vctx);

#endif

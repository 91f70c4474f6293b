/*
 * store-int.h - what the files of the store share and nobody else sees.
 *
 * The store is cut by job: env.c (the environment and transactions),
 * record.c (records, counters, the clock), index.c (index keys and
 * reading indexes), log.c (journal and audit), verify.c (the checks) and
 * codec.c (the bytes of a record).  They share the handle, the
 * transaction and a few functions each, declared here under the file
 * that defines them.  Only files under src/store include this header,
 * and with it <lmdb.h>; the rest of zsdesk sees store.h alone.
 */
#ifndef ZSDESK_STORE_INT_H
#define ZSDESK_STORE_INT_H

#include <lmdb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "codec.h"
#include "store.h"

#define STORE_MAX_TABLES 32
#define STORE_MAX_INDEXES 16
#define STORE_MAX_KEY 511 /* LMDB's longest key */

struct store {
	MDB_env *env;
	MDB_dbi meta, journal, audit, by_record, by_actor, counts;
	MDB_dbi by_origin; /* origin node (8) + origin seq (8) -> log seq (sync.c) */
	bool has_counts; /* false for an older database opened read-only */
	struct store_table *tables;
	int ntables;
	MDB_dbi rec[STORE_MAX_TABLES];
	MDB_dbi idx[STORE_MAX_TABLES][STORE_MAX_INDEXES];
	unsigned node;
	int64_t (*now_ms)(void);
	bool readonly;
	int clash; /* index of the last unique clash, -1 when none */
	char *dir; /* where it was opened */
	MDB_txn *outer; /* store_together: the transaction every write joins */
	bool in_child;  /* a write of store_together is running */
	char err[512];
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	bool write;
	bool full; /* a write hit MDB_MAP_FULL */
	bool borrowed; /* a read of store_together's transaction: not ours to end */
	const struct store_origin *origin; /* an operation of another copy being applied */
	bool origin_used; /* its journal entry is written */
};

/* Writes v big-endian into p. */
static inline void be64_put(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

/* Reads a big-endian 64-bit integer from q. */
static inline uint64_t be64_get(const void *q)
{
	const unsigned char *p = q;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* ---- env.c ---- */

/* Records a printf-style message as the error of s and returns status. */
int env_fail(struct store *s, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Turns an LMDB error met while doing what into a status, noting a full map. */
int env_mdb_fail(struct store_txn *t, int rc, const char *what);

/* Reads an unsigned meta value in a raw transaction; returns an LMDB code. */
int env_meta_get_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t *v);

/* Writes an unsigned meta value in a raw transaction; returns an LMDB code. */
int env_meta_put_u64(struct store *s, MDB_txn *txn, const char *key, uint64_t v);

/* Creates dir/lock.mdb when missing (O_NOFOLLOW, mode) and makes sure
 * every block LMDB will map for maxreaders readers is allocated, so that a
 * full disk gives ENOSPC here rather than SIGBUS later; with data, likewise
 * the first pages of a new dir/data.mdb.  Returns 0 or an errno value. */
int env_prepare_files(const char *dir, unsigned maxreaders, mode_t mode, bool data);

/* The gate of dir's database: a flock on the directory that every opener
 * holds shared while it opens the environment and a restore holds
 * exclusive while it waits for the sessions already open to close, so
 * that new ones cannot keep it waiting for ever.  Opening waits for a
 * restore; a restore (restore true) does not wait.  Returns the descriptor
 * to close to let go, or -1. */
int env_gate(const char *dir, bool restore);

/* True when errno value e, met writing, means the disk is full (ENOSPC,
 * EDQUOT, or LMDB's EIO for a short write when dir's filesystem has next
 * to no room left). */
bool env_disk_full(const char *dir, int e);

/* ---- guard.c ---- */

/* Marks the start of store access: a fault from here to guard_leave() is
 * taken for a damaged file.  Installs the handlers when needed. */
void guard_enter(void);

/* Marks the end of store access begun by guard_enter(). */
void guard_leave(void);

/* LMDB's assertion callback: the file is damaged. */
void guard_assert(MDB_env *env, const char *msg);

/* ---- record.c ---- */

/* Next stamp of the hybrid logical clock, stored in meta "hlc"; 0 when
 * it could not be stored (the transaction then reports why). */
uint64_t record_hlc_next(struct store_txn *t);

/* As record_hlc_next, and later than floor (a stamp the write replaces). */
uint64_t record_hlc_after(struct store_txn *t, uint64_t floor);

/* Increments the meta counter key and returns its new value (0 on error). */
uint64_t record_counter_next(struct store_txn *t, const char *key);

/* ---- index.c ---- */

/* The index keys of one record, without repeats. */
struct keyset {
	struct {
		int index;
		size_t off, len;
	} *k;
	size_t n, cap;
	struct buf data;
};

/* Fills ks (zeroed by the caller) with the index keys tab gives r. */
void keyset_collect(struct keyset *ks, const struct store_table *tab, const struct rec *r,
		    uint64_t id);

/* Frees what ks holds and zeroes it. */
void keyset_free(struct keyset *ks);

/* Moves record id's index entries from those of old (NULL when new) to
 * those of r; a unique key held by another record gives STORE_EXISTS. */
int index_update(struct store_txn *t, const struct store_table *tab, uint64_t id,
		 const struct rec *old, const struct rec *r);

/* Adds id to the posting list of key k in dbi; returns an LMDB code. */
int index_put_posting(struct store_txn *t, MDB_dbi dbi, const MDB_val *k, uint64_t id);

/* ---- log.c ---- */

/* Appends the journal and audit entries of one write (old is NULL for a
 * creation) and indexes them by record and by actor. */
int log_append(struct store_txn *t, const struct store_table *tab, uint64_t id,
	       const struct rec *old, const struct rec *r, uint64_t hlc,
	       const struct store_who *who);

/* Appends the journal and audit entries of a maintenance operation (the
 * pseudo table STORE_MAINTENANCE, id 0) and indexes them. */
int log_append_note(struct store_txn *t, uint64_t actor, const char *op, const char *why);

/* Decodes a journal entry into e: field names and replaced stamps. */
int log_decode_journal(const MDB_val *d, struct store_log *e);

/* Decodes an audit entry into e: who, when, why and the old values. */
int log_decode_audit(const MDB_val *d, struct store_log *e);

/* Reads a record's entries, oldest first, and gives them their new values
 * from cur; each fault found goes to fault (may be NULL) and is counted in
 * faults (may be NULL).  The caller frees *out even on failure. */
int log_load(struct store_txn *t, const struct store_table *tab, uint64_t id,
	     const struct rec *cur, struct store_log **out, size_t *n,
	     void (*fault)(void *ctx, const char *msg), void *ctx, uint64_t *faults);

/* ---- sync.c ---- */

/* The stamp of the write being made: the applied operation's (the local
 * clock catches up with it unless it lies far ahead), else the next of
 * this copy's clock; 0 when it could not be stored. */
uint64_t sync_stamp(struct store_txn *t);

/* The origin of the journal entry being appended: node, origin sequence
 * and the operation's own bytes (NULL for this copy's own writes). */
int sync_entry_origin(struct store_txn *t, uint64_t *node, uint64_t *oseq, const void **op,
		      size_t *oplen);

/* Indexes journal entry seq by its origin and advances the summary. */
int sync_index_entry(struct store_txn *t, uint64_t node, uint64_t oseq, uint64_t seq);

#endif

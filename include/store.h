/*
 * store.h - the embedded database: one LMDB environment per directory.
 *
 * The store knows records (rec.h), tables of records keyed by 64-bit ids,
 * the secondary indexes a table declares, and the log; it does not know
 * what a project is.  A table's owner gives a function that lists the
 * index keys of a record, and the store keeps every index in the same
 * write transaction as the record, so they never disagree.
 *
 * Layout (named LMDB sub-databases; every integer big-endian, so LMDB's
 * default memcmp order is numeric order; no custom comparators):
 *
 *   meta                 text key -> value.  "format" (store layout, u64),
 *                        "schema" (u64, owned by core), "node" (u64 id of
 *                        this copy), "hlc" (last clock stamp), "seq.<table>"
 *                        and "seq.log" (last numbers handed out), "map_size",
 *                        and whatever core keeps there (profile, owner).
 *   <table>              id (8 bytes) -> record (src/store/codec.h).
 *                        An id is node << 48 | sequence, so copies that
 *                        work offline never hand out the same id.
 *   <table>.<index>      unique index: key bytes -> id (8 bytes);
 *                        posting index: key bytes -> ids (DUPSORT|DUPFIXED,
 *                        8-byte values, ascending).
 *   journal              log seq (8) -> CBOR map, one per write, for sync:
 *                        {"node","seq","hlc","table","id","version",
 *                         "created": true  (version 1: every field), or
 *                         "set": [[field, replaced stamp], ...]}
 *                        ("seq" is the writer's own number).
 *   audit                log seq (8) -> CBOR map, same seq as the journal
 *                        entry: {"who","at","op","table","id","why",
 *                        "old": {field: old value}}; never rewritten.
 *
 * No value is stored twice: the value an entry set is in the record (if
 * the field has not changed since) or in the "old" of the next entry that
 * changed the field.  store_history() puts them back together; the
 * stamps make every step checkable (store_check_table).
 * A maintenance operation that changes no record (backup, restore, check,
 * mapsize) is logged as an entry of the pseudo table "maintenance" (code
 * 0, id sequence 0, version 0, neither "created" nor "set"; "why" says what, e.g.
 * the backup's destination), so the audit log shows who did it and when.
 *   log.by_record        table code (1) + id (8) -> log seqs.
 *   log.by_actor         actor id (8) -> log seqs.
 *   counts               key bytes (core's) -> signed 64-bit total, 8 bytes
 *                        big-endian two's complement; a total that comes
 *                        back to 0 is deleted.  Core keeps them in the
 *                        same write transaction as the records they sum
 *                        (the per-month deltas of the reports) and can
 *                        rebuild them from the records.
 *
 * The clock is a hybrid logical clock: 48 bits of milliseconds since the
 * epoch and 16 bits of counter, never going backwards in one copy; the
 * counter's low byte is the copy's node number (mod 256), so copies do not
 * give the same stamp.
 *
 * No transaction is held while a user thinks: callers copy records out,
 * close the transaction, and save later with the version they read
 * (optimistic concurrency, STORE_CONFLICT when someone saved first).
 */
#ifndef ZSDESK_STORE_H
#define ZSDESK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rec.h"

#define STORE_FORMAT 1

#define STORE_ID(node, seq) (((uint64_t)(node) << 48) | (uint64_t)(seq))
#define STORE_ID_NODE(id) ((unsigned)((id) >> 48))
#define STORE_ID_SEQ(id) ((id) & 0xFFFFFFFFFFFFULL)

enum store_status {
	STORE_OK = 0,
	STORE_NOTFOUND,
	STORE_CONFLICT, /* the record changed since it was read */
	STORE_EXISTS,   /* a unique index already holds the key */
	STORE_FULL,     /* the map or the disk is full; nothing was written */
	STORE_ERROR,    /* anything else; the message says what */
	STORE_BUSY,     /* others have the database open (restore) */
};

struct store;
struct store_txn;
struct store_iter;

/* An index a table keeps: name (sub-database "<table>.<name>") and kind. */
struct store_index {
	const char *name;
	bool unique;
};

/* Receives one index key of a record. */
typedef void (*store_emit_fn)(void *ctx, int index, const void *key, size_t len);

/* Lists the index keys of record id by calling emit(emit_ctx, ...) once per
 * key; table_ctx is the table's ctx (what the keys depend on besides the
 * record, such as an exchange rate). */
typedef void (*store_keys_fn)(const struct rec *r, uint64_t id, store_emit_fn emit,
			      void *emit_ctx, void *table_ctx);

/* A table of records.  code is a byte naming it in the log, fixed
 * forever; keys() lists the index keys of a record and is given ctx. */
struct store_table {
	const char *name;
	char code;
	const struct store_index *indexes;
	int nindexes;
	store_keys_fn keys;
	int no;    /* set by store_open */
	void *ctx; /* passed to keys() as its last argument */
};

struct store_opts {
	uint64_t map_size;     /* bytes; 0 = the stored or default size */
	unsigned max_readers;  /* 0 = 1024 */
	bool nosync;           /* for bulk loads that are redone on failure */
	bool readonly;
	int64_t (*now_ms)(void); /* clock for stamps; NULL = real time */
};

#define STORE_DEFAULT_MAP_SIZE (64ULL << 30)

/* ---- the environment and transactions (src/store/env.c) ---- */

/* Opens (creating when missing) the database in dir with these tables,
 * clears stale readers left by killed processes, and creates missing
 * sub-databases.  Returns STORE_OK or an error with a message in err. */
int store_open(const char *dir, const struct store_opts *opts, struct store_table *tables,
	       int ntables, struct store **out, char *err, size_t errlen);

/* Closes the database. */
void store_close(struct store *s);

/* The last error message of s (after a failed call). */
const char *store_error(const struct store *s);

/* The index that refused the last store_put() (or the store_write() around
 * it) with STORE_EXISTS, as its position in the table's indexes; -1 when
 * that call did not fail so.  store_error() names it as "table.index". */
int store_clash_index(const struct store *s);

/* This copy's node number (1 when made by init). */
unsigned store_node(const struct store *s);

/* Sets and keeps the map size (bytes) of the database; other processes
 * pick it up when they next find the map full.  The size must be a
 * multiple of the page size, at least the file's size, at most
 * STORE_MAX_MAP_SIZE and mappable here; else STORE_ERROR saying why. */
int store_set_map_size(struct store *s, uint64_t bytes);

/* Sets this copy's node number (only meaningful on a fresh database). */
int store_set_node(struct store *s, unsigned node);

/* Begins a read transaction. */
int store_read(struct store *s, struct store_txn **out);

/* Ends a read transaction. */
void store_done(struct store_txn *t);

/* Runs fn in a write transaction and commits it.  A full map aborts the
 * transaction, picks up a size another process may have set, and retries
 * once (so fn must start from its inputs each time: store_put leaves a
 * record at the new version); then STORE_FULL with a message that says
 * what to do.  Whatever fn returns other than STORE_OK aborts the
 * transaction and is returned. */
int store_write(struct store *s, int (*fn)(struct store_txn *t, void *ctx), void *ctx);

/* The database a transaction belongs to. */
struct store *store_of(struct store_txn *t);

/* Table number no of those given to store_open, for code that holds a
 * transaction and not the array. */
struct store_table *store_table(struct store_txn *t, int no);

/* Reads meta value key as text (a new string for the caller to free);
 * STORE_NOTFOUND if absent. */
int store_meta_get(struct store_txn *t, const char *key, char **text);

/* Writes meta value key as text. */
int store_meta_put(struct store_txn *t, const char *key, const char *text);

/* Reads meta value key as an unsigned number; STORE_NOTFOUND if absent. */
int store_meta_get_u64(struct store_txn *t, const char *key, uint64_t *v);

/* Writes meta value key as an unsigned number. */
int store_meta_put_u64(struct store_txn *t, const char *key, uint64_t v);

/* Writes a compacted copy of the environment into directory dest (which
 * must not exist, or be an empty directory of the caller's); readers and
 * writers may go on meanwhile.  The copy belongs to the caller's own user
 * and group, the directory mode 0700 and the file 0600 whatever the umask. */
int store_copy(struct store *s, const char *dest);

/* Space used by the environment's sub-databases in bytes (pages * size). */
uint64_t store_bytes(struct store_txn *t);

/* ---- records (src/store/record.c) ---- */

/* Reads the record id of table into r (re-initialised). */
int store_get(struct store_txn *t, const struct store_table *tab, uint64_t id, struct rec *r);

/* The same with only the fields named in names (NULL-ended) read, the
 * others skipped without decoding (no stamps, version or creation):
 * for checking a few fields of many records. */
int store_get_fields(struct store_txn *t, const struct store_table *tab, uint64_t id,
		     const char *const *names, struct rec *r);

/* Who makes a change, and why, for the audit log. */
struct store_who {
	uint64_t actor;   /* officer id, 0 for the system */
	const char *op;   /* "create", "update", "stage", ... */
	const char *why;  /* reason given, or NULL */
};

/* Saves r as record id.  r->version must be the version it was read at
 * (0 for a new record), else STORE_CONFLICT.  Changed fields are stamped,
 * indexes updated, one journal and one audit entry appended; r receives
 * the new version and stamps.  No change at all writes nothing.  A unique
 * key held by another record gives STORE_EXISTS (see store_clash_index). */
int store_put(struct store_txn *t, const struct store_table *tab, uint64_t id, struct rec *r,
	      const struct store_who *who);

/* Hands out the next id of table (node << 48 | sequence). */
uint64_t store_next_id(struct store_txn *t, const struct store_table *tab);

/* Number of records in table. */
uint64_t store_count(struct store_txn *t, const struct store_table *tab);

/* ---- indexes and iterators (src/store/index.c) ---- */

/* Looks key up in a unique index. */
int store_unique_get(struct store_txn *t, const struct store_table *tab, int index,
		     const void *key, size_t len, uint64_t *id);

/* Calls fn for every entry of an index from key from (inclusive) onwards,
 * or downwards when backwards, until fn returns non-zero; from may be NULL
 * for the first (or last) entry.  For posting indexes each id is an entry
 * of its own. */
int store_index_scan(struct store_txn *t, const struct store_table *tab, int index,
		     const void *from, size_t fromlen, bool backwards,
		     int (*fn)(void *ctx, const void *key, size_t klen, uint64_t id), void *ctx);

/* Iterator over the ids of one posting list (NULL when the key has none);
 * it steps downwards, newest id first. */
struct store_iter *store_iter_postings(struct store_txn *t, const struct store_table *tab,
				       int index, const void *key, size_t len);

/* Iterator over all record ids of a table; it steps downwards. */
struct store_iter *store_iter_records(struct store_txn *t, const struct store_table *tab);

/* Adds id under key to the posting index (derived data made again for a
 * database older than it); an id already there is left as it is. */
int store_index_add(struct store_txn *t, const struct store_table *tab, int index,
		    const void *key, size_t len, uint64_t id);

/* Gives the next id downwards: the largest at first, then the largest
 * below the id last given by next, seek or seek_up; false when there is
 * none, after a seek that found nothing, and for a NULL iterator, so
 *   while (store_iter_next(it, &id)) ...
 * visits every id. */
bool store_iter_next(struct store_iter *it, uint64_t *id);

/* Finds the largest id <= below; false when there is none. */
bool store_iter_seek(struct store_iter *it, uint64_t below, uint64_t *id);

/* Finds the smallest id >= above; false when there is none. */
bool store_iter_seek_up(struct store_iter *it, uint64_t above, uint64_t *id);

/* Gives the next id upwards after a seek_up or next_up landed on one:
 * one step of the cursor (the way exports read a table in id order);
 * false at the end or when the iterator stands on none. */
bool store_iter_next_up(struct store_iter *it, uint64_t *id);

/* Runs fn with every store_write it makes joined in one transaction:
 * each write is a nested transaction that a failure undoes alone, reads
 * see the writes made so far, and all of them are committed together at
 * the end - or none when fn returns non-zero or commit is false (a dry
 * run).  STORE_OK, or the status of a commit that failed. */
int store_together(struct store *s, bool commit, int (*fn)(void *ctx), void *ctx);

/* Number of ids the iterator can yield. */
uint64_t store_iter_count(struct store_iter *it);

/* Frees an iterator (NULL is fine). */
void store_iter_free(struct store_iter *it);

/* ---- the journal and audit log (src/store/log.c) ---- */

/* One change of one field in a log entry. */
struct store_change {
	char *field;
	struct rec_value old, new;
	uint64_t replaced; /* stamp of the value replaced, 0 when new */
};

/* A log entry: the journal and audit entries of one write. */
struct store_log {
	uint64_t seq, node, origin_seq, hlc, id, version, actor;
	bool created;
	int64_t at;
	char table[32], op[24];
	char *why;
	struct store_change *c;
	size_t n;
};

/* Reads log entry seq with its old and new values. */
int store_log_get(struct store_txn *t, uint64_t seq, struct store_log *e);

/* Reads every log entry of a record, oldest first, with old and new
 * values; free each with store_log_free() and the array with free(). */
int store_history(struct store_txn *t, const struct store_table *tab, uint64_t id,
		  struct store_log **entries, size_t *n);

/* Frees what a log entry owns. */
void store_log_free(struct store_log *e);

/* Calls fn with each log entry from seq from on (field names, replaced
 * stamps and old values; no new values), oldest first - all of them, or
 * (by_actor) those of one actor - until fn returns non-zero. */
int store_log_scan(struct store_txn *t, uint64_t actor, bool by_actor, uint64_t from,
		   int (*fn)(void *ctx, const struct store_log *e), void *ctx);

/* Number of log entries. */
uint64_t store_log_count(struct store_txn *t);

/* ---- counts (src/store/counts.c) ---- */

/* Adds delta to the total under key (a missing total is 0) in a write
 * transaction. */
int store_counts_add(struct store_txn *t, const void *key, size_t len, int64_t delta);

/* Calls fn for every total whose key is >= from and < to (in key order;
 * to may be NULL for the end) until fn returns non-zero. */
int store_counts_scan(struct store_txn *t, const void *from, size_t fromlen, const void *to,
		      size_t tolen, int (*fn)(void *ctx, const void *key, size_t klen, int64_t v),
		      void *ctx);

/* Deletes every total (before a rebuild). */
int store_counts_clear(struct store_txn *t);

/* A cursor over the counts of read transaction t, for many lookups in a
 * row (NULL when there are no counts); freed before t ends. */
struct store_counts_cursor *store_counts_cursor(struct store_txn *t);

/* The first count at or after from: its key (valid while t is) and value;
 * false when there is none. */
bool store_counts_at(struct store_counts_cursor *cc, const void *from, size_t fromlen,
		     const void **key, size_t *klen, int64_t *v);

void store_counts_cursor_free(struct store_counts_cursor *cc);

/* ---- verification (src/store/verify.c) ---- */

/* Verifies table: every record decodes, every index entry it should have
 * is there and no other, and its log entries lead to it step by step.
 * Calls problem() for each fault found; returns the number of faults. */
uint64_t store_check_table(struct store_txn *t, const struct store_table *tab,
			   void (*problem)(void *ctx, const char *msg), void *ctx);

/* Verifies the log: journal and audit hold the same seqs, both indexes
 * point at entries of their record and actor.  Returns faults found. */
uint64_t store_check_log(struct store_txn *t, void (*problem)(void *ctx, const char *msg),
			 void *ctx);

/* ---- maintenance: audit notes, copies, restore (src/store/maint.c) ---- */

/* The pseudo table of maintenance entries in the log. */
#define STORE_MAINTENANCE "maintenance"

/* Appends a journal and audit entry for a maintenance operation op
 * ("backup", "restore", "check", "mapsize") by actor that changes no
 * record; why says what it did (NULL for nothing). */
int store_note(struct store *s, uint64_t actor, const char *op, const char *why);

/* Number of maintenance entries in the log (included in store_log_count). */
uint64_t store_note_count(struct store_txn *t);

/* The directory the database was opened in. */
const char *store_dir(const struct store *s);

/* Copies the data file of backup directory from into a new private
 * directory beside dir's database (made with mkdtemp, the file with
 * O_EXCL|O_NOFOLLOW, mode and group those of dir's database whatever the
 * umask) and syncs it; the staging directory's path goes into stage
 * (size n).  Nothing in dir is touched. */
int store_restore_stage(const char *dir, const char *from, char *stage, size_t n, char *err,
			size_t errlen);

/* Removes a staging directory made by store_restore_stage. */
void store_restore_unstage(const char *stage);

/* Puts the staged copy in place of dir's database while holding LMDB's own
 * exclusive lock on dir/lock.mdb (opened O_NOFOLLOW, never deleted): when
 * other processes have the database open it waits up to wait_s seconds and
 * then gives STORE_BUSY saying how many they are.  The replaced file is
 * kept as data.mdb.before-restore-STAMP (its path into kept, "" when there
 * was none); the lock file is set up afresh for the new file before the
 * lock is released, so the next opener sees the restored state. */
int store_restore_swap(const char *dir, const char *stage, unsigned wait_s, char *kept,
		       size_t keptlen, char *err, size_t errlen);

/* The largest map size zsdesk accepts (bytes). */
#define STORE_MAX_MAP_SIZE (1ULL << 40)

/* ---- a damaged file (src/store/guard.c) ---- */

/* The exit status of a process stopped by a damaged database file. */
#define STORE_EXIT_DAMAGED 5

/* Sets fn to run (async-signal-safe, e.g. giving the terminal back) when
 * a damaged file stops the process; NULL for none. */
void store_on_damage(void (*fn)(void));

/* Hybrid logical clock stamp to milliseconds since the epoch. */
#define STORE_HLC_MS(h) ((int64_t)((h) >> 16))

/* ---- sync: operations between copies (src/store/sync.c) ---- */

/* An operation of another copy being applied: its origin node, that
 * node's sequence number for it, its clock stamp, and its encoding
 * (store_op_bytes), kept in the journal entry so it travels on as is. */
struct store_origin {
	uint64_t node, seq, hlc;
	const void *op;
	size_t oplen;
	bool replay; /* held already (journaled when it could not apply): the
		      * entry is written, the summary and index left alone */
};

/* Marks the writes of t as the application of o (NULL: this copy's own
 * again): the first journal entry written (store_put, store_origin_note)
 * carries o's origin and stamp; later ones are this copy's own. */
void store_txn_origin(struct store_txn *t, const struct store_origin *o);

/* True while the operation of store_txn_origin has no journal entry yet. */
bool store_origin_pending(const struct store_txn *t);

/* Journals the pending operation when it changed no record here (an
 * operation that lost every field, or a maintenance note of its origin);
 * without one pending, a note of this copy in t, as store_note() does
 * in a transaction of its own. */
int store_origin_note(struct store_txn *t, uint64_t actor, const char *op, const char *why);

/* The highest sequence of node's operations this copy holds (all below it
 * too). */
uint64_t store_have(struct store_txn *t, unsigned node);

/* Calls fn for this copy and then for each origin it holds operations of,
 * with store_have(), until fn returns non-zero. */
int store_summary(struct store_txn *t, int (*fn)(void *ctx, unsigned node, uint64_t have),
		  void *ctx);

/* Calls fn with each held operation of node numbered above after, in
 * order, with its log seq, until fn returns non-zero. */
int store_ops_scan(struct store_txn *t, unsigned node, uint64_t after,
		   int (*fn)(void *ctx, uint64_t oseq, uint64_t seq), void *ctx);

/* The encoding of log entry seq as an operation (CBOR: node, seq, hlc,
 * table, id, version, who, at, what, why, created, set: [[field,
 * replaced stamp, new value or null, old value or null]]); *out is the
 * caller's to free. */
int store_op_bytes(struct store_txn *t, uint64_t seq, unsigned char **out, size_t *outlen);

/* Decodes an operation into e (origin_seq, node, hlc, table, id, version,
 * actor, at, op, why, created, and c[] with field, new and replaced);
 * 0, or -1 for bytes that are not one.  Free e with store_log_free(). */
int store_op_decode(const void *p, size_t n, struct store_log *e);

/* Runs fn in a transaction nested in write transaction t: what fn wrote
 * stays when it returns STORE_OK and is undone otherwise (an operation
 * refused half-way through its indexes leaves nothing). */
int store_nested(struct store_txn *t, int (*fn)(struct store_txn *t, void *ctx), void *ctx);

/* Indexes the journal by origin when it was written before sync (once). */
int store_sync_ready(struct store_txn *t);

/* Makes this copy node number node (a copy of another database becoming
 * a copy of its own): what it holds of the old number is remembered, its
 * own operations start again at 1.  STORE_EXISTS when node's operations
 * are held here already. */
int store_sync_renumber(struct store_txn *t, unsigned node);

#endif

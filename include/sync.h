/*
 * sync.h - copies of one city's database that work apart and converge.
 *
 * Each copy (the city's, a district server, an officer's laptop) is a
 * node: a number that prefixes the ids it hands out, and an Ed25519 key
 * pair (libsodium) kept in the database, whose file only the database's
 * owner (or group, on a server) can read.  A copy exchanges with the peers
 * it has enrolled: their key, their district (a laptop holds only its
 * district's projects and issues) and the officers who work on them.
 *
 * What travels is the journal: every operation with its origin node and
 * that node's sequence number, in batches that are compressed (zstd),
 * checksummed and signed by the sender.  Applying an operation merges it
 * field by field (sync.c): a change made on the value it replaced wins; two
 * changes of one field made apart are both kept in the conflict queue, the
 * later (by clock stamp, then node) shown until an officer resolves it.
 */
#ifndef ZSDESK_SYNC_H
#define ZSDESK_SYNC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core.h"

/* The highest node number: a change's clock stamp carries the number of
 * the copy that made it in one byte (store.h), so that no two copies give
 * the same stamp; a larger number would share its byte with a smaller. */
#define ZS_NODE_MAX 255

/* This copy: its node number and public key (64 hex digits, "" before
 * zs_node_init). */
struct zs_node_info {
	unsigned node;
	char key[65];
};

/* An enrolled peer. */
struct zs_peer {
	unsigned node;
	char key[65];
	uint64_t district;   /* 0: every district (the city, a district server of all) */
	char officers[512];  /* logins, comma-separated; "" for any */
	char name[128];
	bool revoked;
	char last_in[24], last_out[24]; /* when a bundle last came from it / went to it */
	uint64_t pending;    /* operations it has not acknowledged */
};

/* Reads this copy's node number and public key. */
int zs_node_show(struct zs *z, struct zs_node_info *out);

/* Makes this copy's key pair (a new one each time), and with node != 0
 * makes the copy node number node: how a copy of the city's database
 * becomes a laptop of its own (administrators). */
int zs_node_init(struct zs *z, unsigned node, struct zs_node_info *out);

/* Enrolls peer p (node, key, district, officers, name) or changes its
 * enrolment; an audited operation (administrators). */
int zs_node_enroll(struct zs *z, const struct zs_peer *p, const char *why);

/* Revokes a peer: its bundles are refused from now on (administrators). */
int zs_node_revoke(struct zs *z, unsigned node, const char *why);

/* Calls fn for each enrolled peer, by node number. */
int zs_node_list(struct zs *z, void (*fn)(void *ctx, const struct zs_peer *p), void *ctx);

/* Calls fn with each origin node this copy holds operations of and the
 * highest sequence held. */
int zs_sync_summary(struct zs *z, void (*fn)(void *ctx, unsigned node, uint64_t have),
		    void *ctx);

/* What an exchange did. */
struct zs_sync_stats {
	unsigned from, to;          /* sender and receiver of the bundle */
	uint64_t batches, ops;      /* batches and operations read or written */
	uint64_t applied, held;     /* applied here; already held (skipped) */
	uint64_t conflicts, refused, withheld;
	uint64_t ahead;             /* changes stamped far ahead of this clock */
	uint64_t bytes;             /* bundle bytes */
	bool complete;              /* the bundle's end was reached */
	/* Called with one line for each operation refused and each conflict
	 * found (may be NULL). */
	void (*note)(void *ctx, const char *line);
	void *note_ctx;
};

/* Writes to out the operations peer lacks (by what it last acknowledged),
 * signed batches ending in an end mark.  Administrators and the city
 * office. */
int zs_sync_export(struct zs *z, unsigned peer, FILE *out, struct zs_sync_stats *st);

/* Reads a bundle from in and applies it batch by batch, each in one
 * transaction; stops at the end mark (or the end of the file, which is
 * reported as incomplete).  Refuses a bundle of an unknown or revoked
 * node, one for another node, and one altered on the way, saying which
 * batch.  Importing again changes nothing. */
int zs_sync_import(struct zs *z, FILE *in, struct zs_sync_stats *st);

/* Both ways over a connection to another copy's `zsdesk sync serve`:
 * sends a signed greeting, imports what the other side sends, then sends
 * what it lacks (zs_sync_export for it).  in/out are the connection. */
int zs_sync_exchange(struct zs *z, FILE *in, FILE *out, struct zs_sync_stats *got,
		     struct zs_sync_stats *sent);

/* The other side of zs_sync_exchange, on in/out (stdin and stdout). */
int zs_sync_serve(struct zs *z, FILE *in, FILE *out, struct zs_sync_stats *got,
		  struct zs_sync_stats *sent);

/* One entry of the conflict queue. */
struct zs_sync_conflict {
	char id[9];          /* the same on every copy */
	enum kind kind;
	uint64_t record;
	char fields[128];    /* "stage, stage_date" */
	struct {
		uint64_t hlc, who;
		unsigned node;
		char value[512]; /* as shown */
	} side[2];           /* A, B: the two latest; B is the value shown until
			      * resolved */
	unsigned sides;      /* changes kept in all (a third copy's too) */
};

/* Calls fn for each open conflict. */
int zs_conflict_list(struct zs *z, void (*fn)(void *ctx, const struct zs_sync_conflict *c),
		     void *ctx);

/* Number of open conflicts. */
uint64_t zs_conflict_count(struct zs *z);

/* Resolves conflict id by taking side 'A' or 'B', or (take 0) the text
 * value for its first field; the resolution is an operation that travels
 * and clears the conflict on every copy. */
int zs_conflict_resolve(struct zs *z, const char *id, char take, const char *value);

#endif

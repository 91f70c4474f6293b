/*
 * conflicts-desk.h - what the desk's sync and conflict screens ask of core
 * beyond sync.h: who may see a copy's sync, the conflicts of one record,
 * and a clock stamp as a time people read.
 */
#ifndef ZSDESK_CONFLICTS_DESK_H
#define ZSDESK_CONFLICTS_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "sync.h"

/* ZS_OK when the officer may see this copy's node, its peers and
 * exchange bundles (administrators and the city office); else fails
 * ZS_DENIED saying who may. */
int zs_sync_may_see(struct zs *z);

/* ZS_OK when the officer may enrol and revoke peers (administrators);
 * else fails ZS_DENIED saying who may. */
int zs_node_may_manage(struct zs *z);

/* As zs_conflict_list, only the conflicts whose fields the officer may
 * see (another district's project keeps its figures to itself); the
 * number left out goes to *hidden when hidden is not NULL. */
int zs_conflict_list_seen(struct zs *z, void (*fn)(void *ctx, const struct zs_sync_conflict *c),
			  void *ctx, size_t *hidden);

/* The number of open conflicts the officer may see: zs_conflict_count
 * for the city office and administrators (no record is read), else the
 * conflicts of zs_conflict_list_seen. */
uint64_t zs_conflict_count_seen(struct zs *z);

/* Calls fn for each open conflict of record id of kind k that the
 * officer may see, in the queue's order; returns how many (0 on failure
 * too, with the failure kept). */
size_t zs_conflicts_of(struct zs *z, enum kind k, uint64_t id,
		       void (*fn)(void *ctx, const struct zs_sync_conflict *c), void *ctx);

/* Writes clock stamp hlc as local "YYYY-MM-DD HH:MM" into buf (at least
 * 17 bytes); "-" for 0. */
char *zs_hlc_text(uint64_t hlc, char *buf);

#endif

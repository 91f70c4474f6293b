/*
 * conflicts-desk.c - the questions the desk's sync and conflict screens
 * ask that sync.c does not answer on its own.
 *
 * Kept apart from sync.c so that the exchange itself stays one concern:
 * these only read (the queue through zs_conflict_list, the officer's role
 * through access), and word the refusals a screen shows before the
 * officer types anything.  A district's officer sees only the conflicts
 * of fields the officer may see of the record (access_redact's view): a
 * conflict's two values are as private as the field itself.
 */
#include <config.h>

#include <string.h>

#include "conflicts-desk.h"
#include "datetime.h"
#include "i18n.h"
#include "internal.h"
#include "store.h"

int zs_sync_may_see(struct zs *z)
{
	zs_fail_clear(z);
	if (access_is_city(z))
		return ZS_OK;
	return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
			    _("only an administrator or the city office sees this copy's sync "
			      "and exchanges it with others"));
}

int zs_node_may_manage(struct zs *z)
{
	zs_fail_clear(z);
	if (access_is_admin(z))
		return ZS_OK;
	return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
			    _("only an administrator enrols and revokes the copies this one "
			      "exchanges with"));
}

static bool visible(struct zs *z, const struct zs_sync_conflict *c);

struct of_ctx {
	struct zs *z;
	enum kind k;
	uint64_t id;
	void (*fn)(void *ctx, const struct zs_sync_conflict *c);
	void *ctx;
	size_t n;
};

/* Passes on the conflicts of the one record. */
static void of_one(void *vctx, const struct zs_sync_conflict *c)
{
	struct of_ctx *o = vctx;
	if (c->kind != o->k || c->record != o->id || !visible(o->z, c))
		return;
	o->n++;
	if (o->fn)
		o->fn(o->ctx, c);
}

size_t zs_conflicts_of(struct zs *z, enum kind k, uint64_t id,
		       void (*fn)(void *ctx, const struct zs_sync_conflict *c), void *ctx)
{
	struct of_ctx o = {z, k, id, fn, ctx, 0};
	if (zs_conflict_list(z, of_one, &o) != ZS_OK)
		return 0;
	return o.n;
}

/* True when the officer may see every field of conflict c: the record
 * is read as stored, each field of the conflict put in if it is empty
 * there, and the officer's view applied (access_redact); a field it takes
 * out is another district's to see. */
static bool visible(struct zs *z, const struct zs_sync_conflict *c)
{
	if (zs_sees_all(z))
		return true;
	struct rec probe, shown;
	rec_init(&probe);
	rec_init(&shown);
	/* An issue of another district's project is not read at all. */
	if (c->kind == KIND_ISSUE && zs_get(z, c->kind, c->record, &shown) != ZS_OK) {
		rec_free(&shown);
		zs_fail_clear(z);
		return false;
	}
	rec_free(&shown);
	struct store_txn *t;
	if (store_read(z->st, &t) != STORE_OK)
		return false;
	int rc = store_get(t, &z->tables[c->kind], c->record, &probe);
	store_done(t);
	if (rc != STORE_OK) {
		rec_free(&probe);
		return false;
	}
	char fl[128];
	snprintf(fl, sizeof fl, "%s", c->fields);
	char *save = NULL;
	for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save))
		if (!rec_find(&probe, f))
			rec_set_text(&probe, f, "-");
	access_redact(z, c->kind, c->record, &probe);
	bool all = true;
	snprintf(fl, sizeof fl, "%s", c->fields);
	save = NULL;
	for (char *f = strtok_r(fl, ", ", &save); f && all; f = strtok_r(NULL, ", ", &save))
		all = rec_find(&probe, f) != NULL;
	rec_free(&probe);
	return all;
}

struct seen_ctx {
	struct zs *z;
	void (*fn)(void *ctx, const struct zs_sync_conflict *c);
	void *ctx;
	size_t hidden;
};

/* Passes on a conflict the officer may see; counts the others. */
static void seen_one(void *vctx, const struct zs_sync_conflict *c)
{
	struct seen_ctx *s = vctx;
	if (visible(s->z, c))
		s->fn(s->ctx, c);
	else
		s->hidden++;
}

int zs_conflict_list_seen(struct zs *z, void (*fn)(void *ctx, const struct zs_sync_conflict *c),
			  void *ctx, size_t *hidden)
{
	struct seen_ctx s = {z, fn, ctx, 0};
	int rc = zs_conflict_list(z, seen_one, &s);
	if (hidden)
		*hidden = s.hidden;
	return rc;
}

/* Counts a conflict (zs_conflict_count_seen). */
static void count_one(void *ctx, const struct zs_sync_conflict *c)
{
	(void)c;
	(*(uint64_t *)ctx)++;
}

uint64_t zs_conflict_count_seen(struct zs *z)
{
	if (zs_sees_all(z))
		return zs_conflict_count(z);
	uint64_t n = 0;
	if (zs_conflict_list_seen(z, count_one, &n, NULL) != ZS_OK)
		return 0;
	return n;
}

char *zs_hlc_text(uint64_t hlc, char *buf)
{
	if (!hlc) {
		strcpy(buf, "-");
		return buf;
	}
	/* The stamp is milliseconds since the epoch above 16 bits of count. */
	return datetime_format((int64_t)(hlc >> 16), buf);
}

/*
 * conflicts-desk.c - the questions the desk's sync and conflict screens
 * ask that sync.c does not answer on its own.
 *
 * Kept apart from sync.c so that the exchange itself stays one concern:
 * these only read (the queue through zs_conflict_list, the officer's role
 * through access), and word the refusals a screen shows before the
 * officer types anything.
 */
#include <config.h>

#include <string.h>

#include "conflicts-desk.h"
#include "datetime.h"
#include "i18n.h"
#include "internal.h"

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

struct of_ctx {
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
	if (c->kind != o->k || c->record != o->id)
		return;
	o->n++;
	if (o->fn)
		o->fn(o->ctx, c);
}

size_t zs_conflicts_of(struct zs *z, enum kind k, uint64_t id,
		       void (*fn)(void *ctx, const struct zs_sync_conflict *c), void *ctx)
{
	struct of_ctx o = {k, id, fn, ctx, 0};
	if (zs_conflict_list(z, of_one, &o) != ZS_OK)
		return 0;
	return o.n;
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

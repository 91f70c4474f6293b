/*
 * history.c - a record's history and the audit log, as officers read them.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "money.h"

/* ---- history ---- */

/* Display text of one value of a field. */
static void value_text(struct zs *z, enum kind k, const char *field, const struct rec_value *v,
		       const char *currency, char *buf, size_t n)
{
	struct rec tmp;
	rec_init(&tmp);
	rec_set(&tmp, field, v);
	if (currency && strcmp(field, "currency") != 0)
		rec_set_text(&tmp, "currency", currency);
	zs_field_text(z, k, &tmp, field, buf, n);
	rec_free(&tmp);
}

int zs_history(struct zs *z, enum kind k, uint64_t id,
	       int (*fn)(void *ctx, const struct zs_history *h), void *ctx)
{
	struct store_txn *t;
	struct store_log *entries = NULL;
	size_t got = 0;
	struct rec own;
	rec_init(&own);
	if (k == KIND_PROJECT || k == KIND_ISSUE || k == KIND_FOLLOWUP) {
		/* The history of what one may not see whole is not shown. */
		int g = zs_get(z, k, id, &own);
		bool whole = g == ZS_OK && (k != KIND_PROJECT || access_project_mine(z, &own));
		rec_free(&own);
		if (g != ZS_OK)
			return g;
		if (!whole)
			return zs_fail(z, ZS_DENIED, "%s",
				       _("this project belongs to another district"));
	}
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	rc = store_history(t, &z->tables[k], id, &entries, &got);
	store_done(t);
	for (size_t i = 0; i < got && rc == STORE_OK; i++) {
		struct store_log *e = &entries[i];
		struct zs_history h = {e->seq, e->actor, e->at, e->op, e->why, NULL, e->n};
		h.c = xcalloc(e->n ? e->n : 1, sizeof *h.c);
		const char *cur = NULL;
		for (size_t j = 0; j < e->n; j++)
			if (!strcmp(e->c[j].field, "currency") && e->c[j].new.type == REC_TEXT)
				cur = e->c[j].new.s;
		h.n = 0;
		for (size_t j = 0; j < e->n; j++) {
			/* The reports' note of a change the history shows itself. */
			if (!strcmp(e->c[j].field, "attrs"))
				continue;
			struct zs_change *hc = &h.c[h.n++];
			hc->field = e->c[j].field;
			value_text(z, k, e->c[j].field, &e->c[j].old, cur, hc->old, sizeof hc->old);
			value_text(z, k, e->c[j].field, &e->c[j].new, cur, hc->new, sizeof hc->new);
		}
		int stop = fn(ctx, &h);
		free(h.c);
		if (stop)
			break;
	}
	for (size_t i = 0; i < got; i++)
		store_log_free(&entries[i]);
	free(entries);
	return zs_from_store(z, rc);
}

struct audit_ctx {
	struct zs *z;
	const struct zs_audit_filter *f;
	int (*fn)(void *ctx, const struct zs_audit *a);
	void *ctx;
	uint64_t shown;
};

/* Passes one log entry on when it is within the filter. */
static int audit_entry(void *vctx, const struct store_log *e)
{
	struct audit_ctx *c = vctx;
	int64_t day = (e->at + clock_offset() * 60) / 86400;
	if (c->f->from && day < c->f->from)
		return 0;
	if (c->f->to && day > c->f->to)
		return 1; /* the log is in time order */
	struct zs_audit a = {e->seq, e->actor, e->at, e->op, e->table, e->id, e->why, NULL, e->n};
	static const char *const all[] = {"*"};
	const char *names[256];
	for (size_t i = 0; i < e->n && i < 256; i++)
		names[i] = e->c[i].field;
	a.fields = names;
	if (a.n > 256)
		a.n = 256;
	if (e->created) {
		a.fields = (const char **)all; /* a creation sets every field */
		a.n = 1;
	}
	c->shown++;
	return c->fn(c->ctx, &a);
}

int zs_audit_list(struct zs *z, const struct zs_audit_filter *f,
		  int (*fn)(void *ctx, const struct zs_audit *a), void *ctx)
{
	struct zs_audit_filter mine = *f;
	if (!zs_sees_all(z)) {
		/* Officers read their own trail; the city office reads everyone's. */
		if (f->actor && f->actor != z->me)
			return zs_fail(z, ZS_DENIED, "%s",
				       _("only the city office reads other officers' trails"));
		mine.actor = z->me;
	}
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	struct audit_ctx c = {z, &mine, fn, ctx, 0};
	rc = store_log_scan(t, mine.actor, mine.actor != 0, 0, audit_entry, &c);
	store_done(t);
	return zs_from_store(z, rc);
}

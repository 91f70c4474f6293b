/*
 * undo.c - taking back one change of a record's history.
 *
 * An undo is not a rewind: it is a new edit, with its own reason and its
 * own entry in the audit log, that puts back the values one change
 * replaced.  It is refused when any of those fields has changed since
 * (someone built on the change; the officer decides by hand), and it
 * goes through the rules an edit or a stage move meets - a stage put back
 * passes the same gates as a move, an amount put back the same
 * thresholds - because it is saved through them.  Only the fields an
 * officer sets are put back; what zsdesk keeps itself (first-talk
 * register, credit, names copied from other records) follows from the
 * save.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

bool zs_undo_op(const char *op)
{
	return op && (!strcmp(op, "update") || !strcmp(op, "stage") || !strncmp(op, "undo:", 5));
}

/* True when field of kind k is one an undo puts back: typed by an
 * officer (a built-in field zsdesk does not keep, or a city's own), or
 * the stage. */
static bool restorable(enum kind k, const char *field)
{
	const struct field_def *f = schema_field(k, field);
	if (k == KIND_PROJECT && !strcmp(field, "stage"))
		return true;
	return !f || !(f->flags & FIELD_SYSTEM);
}

/* Reads log entry seq of record id into e; ZS_NOTFOUND when it is not
 * one of the record's. */
static int read_change(struct zs *z, enum kind k, uint64_t id, uint64_t seq, struct store_log *e)
{
	struct store_txn *t;
	struct store_log *all = NULL;
	size_t n = 0;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	rc = store_history(t, &z->tables[k], id, &all, &n);
	store_done(t);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		if (rc == STORE_OK && all[i].seq == seq) {
			*e = all[i];
			found = true;
		} else {
			store_log_free(&all[i]);
		}
	}
	free(all);
	if (rc)
		return zs_from_store(z, rc);
	if (!found) {
		char idb[32];
		return zs_fail(z, ZS_NOTFOUND,
			       _("change %llu is not a change of %s %s; its history lists the "
				 "changes by number"),
			       (unsigned long long)seq, _(schema_kind(k)->label),
			       zs_id_text(id, idb, sizeof idb));
	}
	return ZS_OK;
}

/* The undo, once, on the record as read now. */
static int undo_once(struct zs *z, enum kind k, uint64_t id, const struct store_log *e,
		     const char *reason)
{
	struct rec cur;
	rec_init(&cur);
	int rc = zs_get(z, k, id, &cur);
	if (rc) {
		rec_free(&cur);
		return rc;
	}
	if (k == KIND_PROJECT && !access_project_mine(z, &cur)) {
		rec_free(&cur);
		return zs_fail(z, ZS_DENIED, "%s",
			       _("this project belongs to another district: its changes are undone "
				 "there"));
	}
	/* Every field the change set must still hold what it set. */
	struct rec set, gone;
	rec_init(&set);
	rec_init(&gone);
	const char *stage = NULL;
	size_t kept = 0;
	for (size_t i = 0; i < e->n && rc == ZS_OK; i++) {
		const struct store_change *c = &e->c[i];
		if (!restorable(k, c->field))
			continue;
		const struct rec_field *now = rec_find(&cur, c->field);
		struct rec_value none = {0};
		if (!rec_value_equal(now ? &now->v : &none, &c->new)) {
			char val[256];
			zs_field_text(z, k, &cur, c->field, val, sizeof val);
			rc = zs_fail(z, ZS_INVALID,
				     _("%s was changed again after change %llu (it is now %s): the "
				       "undo is refused; change it by hand if it is still wrong"),
				     zs_field_label(k, c->field), (unsigned long long)e->seq,
				     *val ? val : "-");
			zs_fail_field(z, c->field);
			break;
		}
		kept++;
		if (!strcmp(c->field, "stage") && c->old.type == REC_TEXT)
			stage = c->old.s;
		else if (c->old.type == REC_NULL)
			rec_set_int(&gone, c->field, 1);
		else
			rec_set(&set, c->field, &c->old);
	}
	if (rc == ZS_OK && !kept)
		rc = zs_fail(z, ZS_INVALID,
			     _("change %llu changed only what zsdesk keeps itself: nothing to undo"),
			     (unsigned long long)e->seq);
	char op[24];
	snprintf(op, sizeof op, "undo:%llu", (unsigned long long)e->seq);
	if (rc == ZS_OK && stage) {
		/* A stage put back is a move, with every gate of a move. */
		rc = project_move_with(z, id, stage, reason, &set, &gone, op);
	} else if (rc == ZS_OK) {
		for (size_t i = 0; i < set.n; i++)
			rec_set(&cur, set.f[i].name, &set.f[i].v);
		for (size_t i = 0; i < gone.n; i++)
			rec_unset(&cur, gone.f[i].name);
		rc = zs_save(z, k, &id, &cur, op, reason);
	}
	rec_free(&set);
	rec_free(&gone);
	rec_free(&cur);
	return rc;
}

int zs_undo(struct zs *z, enum kind k, uint64_t id, uint64_t seq, const char *reason)
{
	if (!reason || !*reason)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("undoing a change needs a reason"));
	int rc = rules_note_check(z, _("Reason"), reason);
	if (rc)
		return rc;
	struct store_log e;
	memset(&e, 0, sizeof e);
	if ((rc = read_change(z, k, id, seq, &e)) != ZS_OK)
		return rc;
	if (e.created)
		rc = zs_fail(z, ZS_INVALID,
			     _("change %llu entered the record; a record's entry is not undone"),
			     (unsigned long long)seq);
	else if (!zs_undo_op(e.op))
		rc = zs_fail(z, ZS_INVALID,
			     _("change %llu is not an edit or a stage move; only those are undone "
			       "(the others have their own actions)"),
			     (unsigned long long)seq);
	/* Someone saved the record meanwhile: look at it again, as it is now. */
	else
		for (int tries = 0; tries < ZS_RETRIES; tries++) {
			zs_fail_clear(z);
			rc = undo_once(z, k, id, &e, reason);
			if (rc != ZS_CONFLICT)
				break;
		}
	store_log_free(&e);
	return rc;
}

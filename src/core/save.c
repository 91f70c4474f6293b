/*
 * save.c - the one write path: validate, fill, check access, write, merge.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "normalize.h"
#include "creditcode.h"

/* ---- saving ---- */

struct save_ctx {
	struct zs *z;
	enum kind k;
	uint64_t id;
	struct rec *r;
	const char *op, *why;
	uint64_t base_id, base_version; /* as the caller had them */
};

/* Puts the id and version back as the caller had them: before each try
 * of a transaction, and after one that did not commit. */
static void save_rewind(struct save_ctx *c)
{
	c->id = c->base_id;
	c->r->version = c->base_version;
}

/* Rewrites the denormalised enterprise name of its projects. */
static int rename_projects(struct zs *z, struct store_txn *t, uint64_t eid, const char *name)
{
	unsigned char key[8];
	zs_be64(key, eid);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT],
						    IX_PROJECT_ENTERPRISE, key, 8);
	uint64_t pid;
	int rc = STORE_OK;
	struct store_who who = {z->me, "update", "enterprise renamed"};
	/* Collect first: updating while iterating would move the cursor. */
	uint64_t *ids = NULL;
	size_t n = 0;
	while (store_iter_next(it, &pid)) {
		uint64_t *p = xrealloc(ids, (n + 1) * sizeof *ids);
		ids = p;
		ids[n++] = pid;
	}
	store_iter_free(it);
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		struct rec p;
		rec_init(&p);
		rc = store_get(t, &z->tables[KIND_PROJECT], ids[i], &p);
		if (rc == STORE_OK && strcmp(rec_text(&p, "enterprise_name", ""), name) != 0) {
			struct rec was;
			rec_init(&was);
			rec_set_text(&was, "name", rec_text(&p, "name", ""));
			rec_set_text(&was, "enterprise_name", rec_text(&p, "enterprise_name", ""));
			rec_set_text(&p, "enterprise_name", name);
			rc = store_put(t, &z->tables[KIND_PROJECT], ids[i], &p, &who);
			if (rc == STORE_OK) /* the search's bits of its names (search-bits.c) */
				rc = search_bits_tally(t, ids[i], &was, &p);
			rec_free(&was);
		}
		rec_free(&p);
	}
	free(ids);
	return rc;
}

/* The project of another district holding an active first talk for
 * enterprise eid, or 0. */
static uint64_t exclusive_elsewhere(struct zs *z, struct store_txn *t, uint64_t eid,
				    uint64_t self, uint64_t district)
{
	unsigned char key[8];
	zs_be64(key, eid);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT],
						    IX_PROJECT_ENTERPRISE, key, 8);
	uint64_t pid, found = 0;
	struct rec p;
	rec_init(&p);
	while (!found && store_iter_next(it, &pid))
		if (pid != self && store_get(t, &z->tables[KIND_PROJECT], pid, &p) == STORE_OK &&
		    !strcmp(rec_text(&p, "ft_status", ""), "active") &&
		    (uint64_t)rec_int(&p, "district", 0) != district)
			found = pid;
	rec_free(&p);
	store_iter_free(it);
	return found;
}

/* The day a first talk registered on this save counts from: the stage
 * date when the stage changed now, else today. */
static date_t first_talk_date(const struct rec *r, const struct rec *old)
{
	date_t d;
	bool moved = !old || strcmp(rec_text(old, "stage", ""), rec_text(r, "stage", "")) != 0;
	if (moved && date_parse(rec_text(r, "stage_date", ""), &d) == 0)
		return d;
	return clock_today();
}

/* Fills what zsdesk keeps of a follow-up: its project's enterprise and
 * district (the author's district when it is about an enterprise only),
 * today when no date was given, and on a new one who logged it and when. */
static int prepare_followup(struct zs *z, struct store_txn *t, struct rec *r, const char *today)
{
	int64_t pid = rec_int(r, "project", 0);
	if (pid > 0) {
		struct rec p;
		rec_init(&p);
		int rc = store_get(t, &z->tables[KIND_PROJECT], (uint64_t)pid, &p);
		if (rc == STORE_NOTFOUND)
			return zs_fail(z, ZS_INVALID, "%s: %s", zs_field_label(KIND_FOLLOWUP, "project"),
				       _("no such project")),
			       zs_fail_field(z, "project"), STORE_ERROR;
		if (rc)
			return rc;
		int64_t eid = rec_int(&p, "enterprise", 0), given = rec_int(r, "enterprise", 0);
		if (given > 0 && eid > 0 && given != eid) {
			zs_fail(z, ZS_INVALID, _("%s: project %s is of %s, not of this enterprise"),
				zs_field_label(KIND_FOLLOWUP, "enterprise"), rec_text(&p, "name", ""),
				rec_text(&p, "enterprise_name", ""));
			rec_free(&p);
			return zs_fail_field(z, "enterprise"), STORE_ERROR;
		}
		if (eid > 0)
			rec_set_int(r, "enterprise", eid);
		if (rec_int(&p, "district", 0) > 0)
			rec_set_int(r, "district", rec_int(&p, "district", 0));
		rec_free(&p);
	} else if (r->version == 0 && rec_int(&z->me_rec, "district", 0) > 0) {
		rec_set_int(r, "district", rec_int(&z->me_rec, "district", 0));
	}
	if (!rec_find(r, "date"))
		rec_set_text(r, "date", today);
	if (r->version == 0) {
		if (z->me)
			rec_set_int(r, "author", (int64_t)z->me);
		rec_set_text(r, "logged_on", today);
	}
	return STORE_OK;
}

int model_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r)
{
	char today[11];
	date_format(clock_today(), today);
	if (k == KIND_PROJECT) {
		struct rec e;
		rec_init(&e);
		int rc = store_get(t, &z->tables[KIND_ENTERPRISE], (uint64_t)rec_int(r, "enterprise", 0),
				   &e);
		if (rc == STORE_NOTFOUND)
			return zs_fail(z, ZS_INVALID, "%s: %s", zs_field_label(k, "enterprise"),
				       _("no such enterprise")),
			       STORE_ERROR;
		if (rc)
			return rc;
		rec_set_text(r, "enterprise_name", rec_text(&e, "name", ""));
		rec_free(&e);
		if (!rec_find(r, "stage"))
			rec_set_text(r, "stage", profile_stage(&z->prof, STAGE_LEAD));
		if (!rec_find(r, "stage_date"))
			rec_set_text(r, "stage_date", today);
		struct rec old;
		rec_init(&old);
		bool had = id && r->version && store_get(t, &z->tables[k], id, &old) == STORE_OK;
		uint64_t claim_of = 0;
		if (!rec_find(r, "ft_status"))
			claim_of = exclusive_elsewhere(z, t, (uint64_t)rec_int(r, "enterprise", 0), id,
						       (uint64_t)rec_int(r, "district", 0));
		rules_first_talk(&z->prof, &z->cal, r, had ? &old : NULL, first_talk_date(r, had ? &old : NULL),
				 claim_of);
		tally_note_stage(z, t, r, had ? &old : NULL, clock_today());
		rec_free(&old);
		if (!rec_find(r, "currency"))
			rec_set_text(r, "currency", "CNY");
		if (!rec_find(r, "capital_type"))
			rec_set_text(r, "capital_type", rec_find(r, "foreign_capital") ||
								!strcmp(rec_text(r, "currency", ""), "USD")
							    ? "foreign"
							    : "domestic");
		if (r->version == 0) {
			if (z->me)
				rec_set_int(r, "created_by", (int64_t)z->me);
			rec_set_text(r, "created_on", today);
		}
	} else if (k == KIND_FOLLOWUP) {
		return prepare_followup(z, t, r, today);
	} else if (zs_is_library(k)) {
		return library_prepare(z, t, k, id, r);
	} else if (k == KIND_OFFICER && !rec_find(r, "active")) {
		rec_set_bool(r, "active", true);
	}
	return STORE_OK;
}

/* Gathers what access decides a save on, inside transaction t, and asks
 * it; ZS_OK or ZS_DENIED. */
static int save_access(struct zs *z, struct store_txn *t, enum kind k, uint64_t id,
		       const struct rec *r)
{
	if (zs_sees_all(z) && k != KIND_FOLLOWUP)
		return ZS_OK;
	struct rec old, project;
	rec_init(&old);
	rec_init(&project);
	struct access_save a = {k, NULL, r, NULL, false};
	if (id && store_get(t, &z->tables[k], id, &old) == STORE_OK)
		a.old = &old;
	if ((k == KIND_ISSUE || k == KIND_FOLLOWUP) && store_get(t, &z->tables[KIND_PROJECT],
					 (uint64_t)rec_int(r, "project", 0), &project) == STORE_OK)
		a.project = &project;
	if (k == KIND_ENTERPRISE && a.old) {
		unsigned char key[8];
		zs_be64(key, id);
		struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT],
							    IX_PROJECT_ENTERPRISE, key, 8);
		uint64_t pid;
		struct rec p;
		rec_init(&p);
		while (!a.shared && store_iter_next(it, &pid)) {
			a.shared = store_get(t, &z->tables[KIND_PROJECT], pid, &p) == STORE_OK &&
				   !access_project_mine(z, &p);
		}
		rec_free(&p);
		store_iter_free(it);
	}
	int rc = access_check_save(z, &a);
	rec_free(&old);
	rec_free(&project);
	return rc;
}

/* What every save writes once access has allowed it: the fields zsdesk
 * derives, the record with its indexes and log, and what follows from
 * the change (an enterprise's new name in its projects).  The one tail
 * of zs_save, zs_intake and sync's save_apply. */
/* A project transferred to another district: its issues' counts follow
 * (the project as saved is in the store; the one it was is not). */
static int save_issues_moved(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *was)
{
	char from[ISSUE_TALLY_CODE_MAX + 1] = "", to[ISSUE_TALLY_CODE_MAX + 1];
	struct rec d, is;
	rec_init(&d);
	rec_init(&is);
	if (store_get(t, &z->tables[KIND_DISTRICT], (uint64_t)rec_int(was, "district", 0), &d) ==
	    STORE_OK)
		snprintf(from, sizeof from, "%s", rec_text(&d, "code", ""));
	rec_set_int(&is, "project", (int64_t)id);
	issue_tally_district(z, t, &is, to, sizeof to);
	rec_free(&d);
	rec_free(&is);
	return issue_tally_moved(z, t, id, from, to);
}

static int save_write(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r,
		      const char *op, const char *why)
{
	const struct store_table *tab = &z->tables[k];
	int rc = model_prepare(z, t, k, id, r);
	if (rc)
		return rc;
	char *oldname = NULL;
	if (k == KIND_ENTERPRISE && r->version) {
		struct rec old;
		rec_init(&old);
		if (store_get(t, tab, id, &old) == STORE_OK)
			oldname = xstrdup(rec_text(&old, "name", ""));
		rec_free(&old);
	}
	struct store_who who = {z->me, op, why};
	struct rec before;
	rec_init(&before);
	bool had = (k == KIND_PROJECT || k == KIND_OFFICER || k == KIND_ISSUE) && r->version &&
		   store_get(t, tab, id, &before) == STORE_OK;
	rc = store_put(t, tab, id, r, &who);
	/* The reports' counts change in the same transaction as the record;
	 * a database older than them gets them all now (this record too). */
	char *cv = NULL;
	bool current = (k != KIND_PROJECT && k != KIND_OFFICER && k != KIND_ISSUE) ||
		       (store_meta_get(t, "counts", &cv) == STORE_OK && !strcmp(cv, TALLY_VERSION));
	free(cv);
	if (rc == STORE_OK && !current) {
		uint64_t n;
		bool changed;
		rc = tally_rebuild(z, t, &n, &changed);
	} else if (rc == STORE_OK && k == KIND_PROJECT) {
		rc = tally_project(z, t, id, had ? &before : NULL, r);
		if (rc == STORE_OK)
			rc = ft_tally(z, t, id, had ? &before : NULL, r);
		if (rc == STORE_OK)
			rc = search_bits_tally(t, id, had ? &before : NULL, r);
		if (rc == STORE_OK && had && rec_int(&before, "district", 0) != rec_int(r, "district", 0))
			rc = save_issues_moved(z, t, id, &before);
	} else if (rc == STORE_OK && k == KIND_ISSUE) {
		rc = issue_tally(z, t, id, had ? &before : NULL, r);
	} else if (rc == STORE_OK && k == KIND_OFFICER && had) {
		rc = tally_manager(z, t, id, rec_bool(&before, "active", true), rec_bool(r, "active", true));
	}
	rec_free(&before);
	if (rc == STORE_OK && oldname && strcmp(oldname, rec_text(r, "name", "")) != 0)
		rc = rename_projects(z, t, id, rec_text(r, "name", ""));
	free(oldname);
	return rc;
}

/* The service-manager rule and those of rules_save_check against the
 * record as stored. */
static int save_rules(struct zs *z, struct store_txn *t, enum kind k, uint64_t id,
		      const struct rec *r)
{
	struct rec old;
	rec_init(&old);
	bool had = id && store_get(t, &z->tables[k], id, &old) == STORE_OK;
	int rc = k == KIND_PROJECT ? access_manager_check(z, t, had ? &old : NULL, r) : ZS_OK;
	if (rc == ZS_OK)
		rc = rules_save_check(z, t, k, had ? &old : NULL, r);
	rec_free(&old);
	return rc;
}

/* The write transaction of zs_save. */
static int save_txn(struct store_txn *t, void *vctx)
{
	struct save_ctx *c = vctx;
	struct zs *z = c->z;
	save_rewind(c);
	int rc = save_access(z, t, c->k, c->id, c->r);
	if (rc == ZS_OK)
		rc = save_rules(z, t, c->k, c->id, c->r);
	if (rc)
		return STORE_ERROR; /* z->err says why */
	if (c->id == 0)
		c->id = store_next_id(t, &z->tables[c->k]);
	rc = save_write(z, t, c->k, c->id, c->r, c->op, c->why);
	/* a visit plan done: its own edit, which travels as one (so it is not
	 * in save_write, which operations applied from other copies share) */
	if (rc == STORE_OK && c->k == KIND_FOLLOWUP)
		rc = library_tick_visits(z, t, c->id, c->r);
	return rc;
}

int save_apply(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r,
	       const char *op, const char *why)
{
	if (save_access(z, t, k, id, r))
		return STORE_ERROR; /* z->err says why */
	return save_write(z, t, k, id, r, op, why);
}

/* The message of a unique-index clash naming the value and its owner. */
static int exists_text(struct zs *z, enum kind k, const struct rec *r, int ix, const char *idx)
{
	if (k == KIND_ENTERPRISE && ix == IX_ENTERPRISE_CODE) {
		const char *code = rec_text(r, "credit_code", "");
		uint64_t other;
		char idb[32] = "?";
		if (zs_resolve(z, KIND_ENTERPRISE, code, &other) == ZS_OK)
			zs_id_text(other, idb, sizeof idb);
		return zs_fail(z, ZS_EXISTS, _("an enterprise with credit code %s already exists (%s)"),
			       code, idb);
	}
	if (k == KIND_OFFICER)
		return zs_fail(z, ZS_EXISTS, _("the login %s is taken"), rec_text(r, "login", ""));
	if (k == KIND_DISTRICT)
		return zs_fail(z, ZS_EXISTS, _("a district with this code or name exists: %s"),
			       rec_text(r, "name", ""));
	return zs_fail(z, ZS_EXISTS, _("a record with the same %s exists"), idx);
}

/* A failure for a unique-index clash, with the index that clashed. */
static int exists_message(struct zs *z, enum kind k, const struct rec *r)
{
	int ix = store_clash_index(z->st);
	const char *idx = store_error(z->st);
	int rc = exists_text(z, k, r, ix, idx);
	z->err.index = ix;
	return rc;
}

int zs_save(struct zs *z, enum kind k, uint64_t *id, struct rec *r, const char *op,
	    const char *why)
{
	char field[64], msg[512];
	zs_fail_clear(z);
	/* The city office sets a district's targets (op "target", facts.c);
	 * everything else of officers and districts is the administrators'. */
	bool target = k == KIND_DISTRICT && op && !strcmp(op, "target");
	if (target && access_check(z, ACCESS_TARGETS, NULL))
		return ZS_DENIED;
	if (!target && (k == KIND_OFFICER || k == KIND_DISTRICT) &&
	    access_check(z, ACCESS_PEOPLE, NULL))
		return ZS_DENIED;
	if (rules_note_check(z, _("Reason"), why))
		return zs_fail_field(z, "reason");
	if (k == KIND_FOLLOWUP && *id && (!why || !*why))
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("a correction of a follow-up needs a reason; it is kept in the "
				      "history"));
	if (*id && !zs_sees_all(z)) {
		/* Refused for whose it is before anything is said of its fields. */
		struct store_txn *t;
		if (store_read(z->st, &t) == STORE_OK) {
			int a = save_access(z, t, k, *id, r);
			store_done(t);
			if (a != ZS_OK)
				return a;
		}
	}
	if (zs_validate(z, k, r, field, sizeof field, msg, sizeof msg) < 0) {
		zs_fail(z, ZS_INVALID, "%s", msg);
		return zs_fail_field(z, field);
	}
	if (k == KIND_OFFICER && *id && *id == z->me &&
	    (!rec_bool(r, "active", true) || strcmp(rec_text(r, "role", ""), "admin") != 0 ||
	     strcmp(rec_text(r, "login", ""), rec_text(&z->me_rec, "login", "")) != 0))
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
				    _("you cannot take away your own login, role or access"));
	struct save_ctx c = {z, k, *id, r, op ? op : (*id ? "update" : "create"), why, *id,
			     r->version};
	int rc = store_write(z->st, save_txn, &c);
	if (rc)
		save_rewind(&c);
	if (rc == STORE_ERROR && z->err.status != ZS_OK)
		return z->err.status; /* model_prepare or access said what */
	if (rc == STORE_EXISTS)
		return exists_message(z, k, r);
	if (rc)
		return zs_from_store(z, rc);
	*id = c.id;
	return ZS_OK;
}

struct intake_ctx {
	struct save_ctx ent, proj;
};

/* Saves the enterprise (new or changed) and then the project that names
 * it, in one transaction: both or neither. */
static int intake_txn(struct store_txn *t, void *vctx)
{
	struct intake_ctx *c = vctx;
	save_rewind(&c->proj);
	int rc = save_txn(t, &c->ent);
	if (rc)
		return rc;
	rec_set_int(c->proj.r, "enterprise", (int64_t)c->ent.id);
	return save_txn(t, &c->proj);
}

int zs_intake(struct zs *z, uint64_t *eid, struct rec *ent, uint64_t *pid, struct rec *proj,
	      char *field, size_t fieldlen)
{
	char msg[512], f[64];
	field[0] = '\0';
	zs_fail_clear(z);
	if (zs_validate(z, KIND_ENTERPRISE, ent, f, sizeof f, msg, sizeof msg) < 0) {
		snprintf(field, fieldlen, "enterprise.%s", f);
		zs_fail(z, ZS_INVALID, "%s", msg);
		return zs_fail_field(z, field);
	}
	/* The enterprise is filled in by the transaction; check the rest. */
	if (!rec_find(proj, "enterprise"))
		rec_set_int(proj, "enterprise", *eid ? (int64_t)*eid : 1);
	int bad = zs_validate(z, KIND_PROJECT, proj, field, fieldlen, msg, sizeof msg);
	if (!*eid)
		rec_unset(proj, "enterprise");
	if (bad < 0) {
		zs_fail(z, ZS_INVALID, "%s", msg);
		return zs_fail_field(z, field);
	}
	struct intake_ctx c = {{z, KIND_ENTERPRISE, *eid, ent, *eid ? "update" : "create", "intake",
				*eid, ent->version},
			       {z, KIND_PROJECT, 0, proj, "create", "intake", 0, proj->version}};
	int rc = store_write(z->st, intake_txn, &c);
	if (rc) {
		save_rewind(&c.ent);
		save_rewind(&c.proj);
	}
	if (rc == STORE_ERROR && z->err.status != ZS_OK)
		return z->err.status;
	if (rc == STORE_EXISTS) {
		snprintf(field, fieldlen, "enterprise.credit_code");
		exists_message(z, KIND_ENTERPRISE, ent);
		return zs_fail_field(z, field);
	}
	if (rc)
		return zs_from_store(z, rc);
	*eid = c.ent.id;
	*pid = c.proj.id;
	return ZS_OK;
}

int zs_merge(struct zs *z, enum kind k, uint64_t id, struct rec *base, struct rec *mine,
	     struct zs_conflict *out, size_t max, size_t *n)
{
	struct rec cur;
	rec_init(&cur);
	*n = 0;
	int rc = zs_get(z, k, id, &cur);
	if (rc)
		return rc;
	/* Every field either side may have: mine's, then the current one's. */
	struct rec merged;
	rec_copy(&merged, &cur);
	const struct rec *sides[2] = {mine, &cur};
	for (int side = 0; side < 2; side++)
		for (size_t i = 0; i < sides[side]->n; i++) {
			const char *f = sides[side]->f[i].name;
			const struct rec_field *b = rec_find(base, f), *m = rec_find(mine, f),
					       *c = rec_find(&cur, f);
			static const struct rec_value none = {0};
			const struct rec_value *bv = b ? &b->v : &none, *mv = m ? &m->v : &none,
					       *cv = c ? &c->v : &none;
			bool i_changed = !rec_value_equal(bv, mv), they_changed = !rec_value_equal(bv, cv);
			if (side == 1 && m)
				continue; /* seen from mine already */
			if (i_changed && !they_changed) {
				rec_set(&merged, f, mv); /* my change stands */
			} else if (i_changed && they_changed && !rec_value_equal(mv, cv)) {
				/* Both changed it, differently: the officer chooses. */
				if (*n < max) {
					struct zs_conflict *x = &out[*n];
					snprintf(x->field, sizeof x->field, "%s", f);
					struct rec t;
					rec_init(&t);
					rec_set(&t, f, mv);
					zs_field_text(z, k, &t, f, x->mine, sizeof x->mine);
					rec_free(&t);
					zs_field_text(z, k, &cur, f, x->theirs, sizeof x->theirs);
				}
				(*n)++;
				rec_set(&merged, f, mv); /* kept as mine until chosen */
			}
		}
	merged.version = cur.version;
	/* The next merge, should yet another save come first, starts here. */
	rec_free(base);
	*base = cur;
	rec_free(mine);
	*mine = merged;
	return *n ? zs_fail(z, ZS_CONFLICT, "%s", _("someone else changed the same fields"))
		  : ZS_OK;
}

/*
 * assign.c - service managers (服务管家): who should follow a project.
 *
 * Suggestions weigh, in this order, the project's district, the officer's
 * industries and their open workload (projects they manage now, read off
 * the manager index for free), service managers before desk officers when
 * all else is equal; officers of the city (no district) come after;
 * another district's officers and inactive officers are never suggested
 * or assigned.  A district lead, the city office or an administrator
 * assigns; a handover names its reason, which the audit log keeps.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

/* Projects an officer manages now. */
static uint64_t workload(struct zs *z, struct store_txn *t, uint64_t officer)
{
	unsigned char key[8];
	zs_be64(key, officer);
	struct store_iter *it = store_iter_postings(t, &z->tables[KIND_PROJECT], IX_PROJECT_MANAGER,
						    key, 8);
	uint64_t n = 0, id;
	struct rec p;
	rec_init(&p);
	/* Live projects only: an exited or transferred one is no work. */
	while (store_iter_next(it, &id))
		n += store_get(t, &z->tables[KIND_PROJECT], id, &p) == STORE_OK && tables_live(&z->prof, &p);
	rec_free(&p);
	store_iter_free(it);
	return n;
}

/* True when the officer's industries include ind. */
static bool knows(const struct rec *o, const char *ind)
{
	const struct rec_field *f = rec_find(o, "industries");
	for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++)
		if (!strcmp(f->v.items[i], ind))
			return true;
	return false;
}

/* Best first: higher score, then lighter workload, then lower id. */
static int cmp_suggestion(const void *a, const void *b)
{
	const struct zs_suggestion *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->workload != y->workload)
		return x->workload < y->workload ? -1 : 1;
	if (x->manager != y->manager)
		return x->manager ? -1 : 1;
	return x->officer < y->officer ? -1 : x->officer > y->officer;
}

size_t zs_suggest_managers(struct zs *z, uint64_t project, struct zs_suggestion *out,
			   size_t max)
{
	struct rec p, o;
	rec_init(&p);
	rec_init(&o);
	if (zs_get(z, KIND_PROJECT, project, &p) != ZS_OK || !access_project_mine(z, &p)) {
		rec_free(&p);
		return 0; /* another district's project: its lead decides */
	}
	struct store_txn *t;
	if (store_read(z->st, &t)) {
		rec_free(&p);
		return 0;
	}
	int64_t district = rec_int(&p, "district", 0);
	const char *ind = rec_text(&p, "industry", "");
	struct zs_suggestion *all = NULL;
	size_t n = 0;
	struct store_iter *it = store_iter_records(t, &z->tables[KIND_OFFICER]);
	uint64_t id;
	while (store_iter_next(it, &id)) {
		if (store_get(t, &z->tables[KIND_OFFICER], id, &o) == STORE_OK &&
		    rec_bool(&o, "active", true)) {
			const char *role = rec_text(&o, "role", "");
			bool manager = !strcmp(role, "manager"), desk = !strcmp(role, "desk");
			bool here = rec_int(&o, "district", 0) == district;
			/* Another district's officer cannot be named (access_manager_check). */
			if ((manager || desk) && zs_manager_eligible(&o, district)) {
				struct zs_suggestion *s = xrealloc(all, (n + 1) * sizeof *s);
				all = s;
				s = &all[n++];
				s->officer = id;
				s->workload = workload(z, t, id);
				s->same_district = here;
				s->knows_industry = knows(&o, ind);
				/* District first, then industry; workload and then the
				 * manager's role break ties (cmp_suggestion). */
				s->score = (here ? 4 : 0) + (s->knows_industry ? 2 : 0);
				s->manager = manager;
			}
		}
	}
	store_iter_free(it);
	store_done(t);
	rec_free(&p);
	rec_free(&o);
	qsort(all, n, sizeof *all, cmp_suggestion);
	if (n > max)
		n = max;
	if (n)
		memcpy(out, all, n * sizeof *all);
	free(all);
	return n;
}

/* The assignment, once, on the record as read now. */
static int assign_once(struct zs *z, uint64_t project, uint64_t officer, const char *reason)
{
	struct rec p, o;
	rec_init(&p);
	rec_init(&o);
	int rc = zs_get(z, KIND_PROJECT, project, &p);
	if (rc)
		return rc;
	if ((rc = access_check(z, ACCESS_ASSIGN, &p)) != ZS_OK) {
		rec_free(&p);
		return rc;
	}
	if ((rc = zs_get(z, KIND_OFFICER, officer, &o)) != ZS_OK) {
		rec_free(&p);
		return rc;
	}
	rec_free(&o);
	/* Who may be named is checked where every save of a project is
	 * (access_manager_check, inside the write). */
	int64_t before = rec_int(&p, "manager", 0);
	if (before == (int64_t)officer) {
		rec_free(&p);
		return zs_fail(z, ZS_INVALID, "%s", _("that officer already manages the project"));
	}
	if (before && (!reason || !*reason)) {
		rec_free(&p);
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s", _("a handover needs a reason"));
	}
	rec_set_int(&p, "manager", (int64_t)officer);
	rc = zs_save(z, KIND_PROJECT, &project, &p, before ? "handover" : "assign", reason);
	rec_free(&p);
	return rc;
}

int zs_assign_manager(struct zs *z, uint64_t project, uint64_t officer, const char *reason)
{
	/* Someone saved the record meanwhile: read it again and apply the
	 * change, with its rules, to what it is now. */
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = assign_once(z, project, officer, reason);
	return rc;
}

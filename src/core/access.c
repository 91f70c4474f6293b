/*
 * access.c - who sees and changes what: roles and districts.
 *
 * Desk officers, service managers and district leads see and change the
 * projects (and enterprise issues) of their own district; of another
 * district's projects they see only what the claim warning needs - the
 * enterprise, the district and the stage.  The city office and
 * administrators see everything.  Only administrators manage officers,
 * districts, profiles and calendars.  Every role check of core is one
 * of the questions below, so the commands and the screens obey the same
 * rules; a session with no officer (zsdesk check, init) is the system
 * and may do all.  This file decides from records it is given and reads
 * nothing itself: the save path gathers the facts (the record as stored,
 * whether an enterprise has other districts' projects) and asks.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

/* Fields of another district's project an officer may see. */
static const char *const visible[] = {"enterprise", "enterprise_name", "district", "stage"};

/* Fields of another officer that officers outside the city office see:
 * enough to name and choose a service manager, not how to reach them. */
static const char *const officer_visible[] = {"name", "role", "district", "industries",
					      "active"};

/* Removes every field of r but the n names in keep. */
static void keep_only(struct rec *r, const char *const *keep, size_t n)
{
	for (size_t i = r->n; i-- > 0;) {
		bool kept = false;
		for (size_t j = 0; j < n; j++)
			kept |= !strcmp(r->f[i].name, keep[j]);
		if (!kept)
			rec_unset(r, r->f[i].name);
	}
}

bool zs_sees_all(const struct zs *z)
{
	const char *role = rec_text(&z->me_rec, "role", "");
	return !z->me || !strcmp(role, "city") || !strcmp(role, "admin");
}

bool access_project_mine(const struct zs *z, const struct rec *project)
{
	return zs_sees_all(z) ||
	       (rec_int(&z->me_rec, "district", 0) &&
		rec_int(project, "district", 0) == rec_int(&z->me_rec, "district", 0));
}

/* True when the officer's district is credited with the project: it sees
 * the project it is scored on, though it may not change it. */
static bool credited(const struct zs *z, const struct rec *project)
{
	const struct rec_field *f = rec_find(project, "credit");
	int64_t mine = rec_int(&z->me_rec, "district", 0);
	for (size_t i = 0; mine && f && f->v.type == REC_LIST && i < f->v.n; i++)
		if (strtoll(f->v.items[i], NULL, 10) == mine)
			return true;
	return false;
}

void access_redact(const struct zs *z, enum kind k, uint64_t id, struct rec *r)
{
	if (k == KIND_PROJECT && !access_project_mine(z, r) && !credited(z, r)) {
		keep_only(r, visible, sizeof visible / sizeof *visible);
		r->version = 0; /* nor when it was last changed */
	} else if (k == KIND_OFFICER && !zs_sees_all(z) && id != z->me) {
		keep_only(r, officer_visible, sizeof officer_visible / sizeof *officer_visible);
	}
}

/* True unless the officer works in a city office of one capital (Tianjin:
 * 合作交流办 domestic, 商务局 foreign) and the project is of the other. */
static bool office_handles(const struct zs *z, const struct rec *project)
{
	const char *office = rec_text(&z->me_rec, "office", NULL);
	const struct profile_item *it = office ? profile_find(&z->prof.city_offices, office) : NULL;
	if (!it || !it->klass || !strcmp(it->klass, "all"))
		return true;
	return !strcmp(it->klass, rec_text(project, "capital_type", "domestic"));
}

bool access_is_admin(const struct zs *z)
{
	return !z->me || !strcmp(rec_text(&z->me_rec, "role", ""), "admin");
}

bool access_is_city(const struct zs *z)
{
	return zs_sees_all(z);
}

bool access_is_lead_of(const struct zs *z, const struct rec *project)
{
	return !strcmp(rec_text(&z->me_rec, "role", ""), "lead") &&
	       rec_int(&z->me_rec, "district", 0) == rec_int(project, "district", 0);
}

int access_assign_denied(struct zs *z)
{
	return zs_fail(z, ZS_DENIED, "%s",
		       _("service manager: only the project's district lead (or the city office) "
			 "names or changes it; ask your district lead"));
}

int access_check(struct zs *z, enum access_act act, const struct rec *project)
{
	switch (act) {
	case ACCESS_PEOPLE:
		if (access_is_admin(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
				    _("only an administrator may change officers and districts"));
	case ACCESS_MAP_SIZE:
		if (access_is_admin(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
				    _("only an administrator may resize the database"));
	case ACCESS_CALENDAR:
		if (access_is_city(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("only the city office keeps the calendar"));
	case ACCESS_TRANSFER:
		if (access_is_city(z) && project && !office_handles(z, project))
			return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
					    _("this project's capital is handled by the other city "
					      "office"));
		if (access_is_city(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("only the city office transfers projects"));
	case ACCESS_NO_CREDIT:
		if (access_is_city(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("only the city office records a signing without credit"));
	case ACCESS_BACKUP:
		if (access_is_city(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
				    _("only an administrator or the city office may back up the "
				      "database"));
	case ACCESS_MAINTAIN:
		if (access_is_admin(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_ADMIN, "%s",
				    _("only an administrator may restore, check or resize the "
				      "database or change its profile"));
	case ACCESS_ASSIGN:
		if (access_is_city(z) || (project && access_is_lead_of(z, project)))
			return ZS_OK;
		return access_assign_denied(z);
	case ACCESS_TARGETS:
		if (access_is_city(z))
			return ZS_OK;
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("only the city office sets the districts' targets"));
	}
	return ZS_OK;
}

/* True when r says nothing old does not (an intake naming a known
 * enterprise saves it as it is). */
static bool unchanged(const struct rec *old, const struct rec *r)
{
	bool same = old && old->n == r->n;
	for (size_t i = 0; same && i < r->n; i++) {
		const struct rec_field *f = rec_find(old, r->f[i].name);
		same = f && rec_value_equal(&f->v, &r->f[i].v);
	}
	return same;
}

bool access_followup_visible(const struct zs *z, const struct rec *f, const struct rec *project)
{
	int64_t mine = rec_int(&z->me_rec, "district", 0);
	return zs_sees_all(z) || (project && access_project_mine(z, project)) ||
	       (mine && rec_int(f, "district", 0) == mine);
}

/* A library's row: its district's officers, or the city office. */
int access_library_save(struct zs *z, enum kind k, const struct rec *old, const struct rec *r)
{
	if (zs_sees_all(z))
		return ZS_OK;
	int64_t mine = rec_int(&z->me_rec, "district", 0);
	if (!mine || (old && rec_int(old, "district", 0) != mine) ||
	    (rec_find(r, "district") && rec_int(r, "district", 0) != mine)) {
		zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY,
			     _("%s: a district's officers write their own district's rows; "
			       "the city office writes all"),
			     _(schema_field(k, "district")->label));
		/* The field to correct, for a form's cursor. */
		return zs_fail_field(z, "district");
	}
	return ZS_OK;
}


int access_check_save(struct zs *z, const struct access_save *s)
{
	if (s->kind == KIND_FOLLOWUP && s->old && z->me &&
	    rec_int(s->old, "author", 0) != (int64_t)z->me)
		/* A log is its author's word: others add an entry of their own. */
		return zs_fail(z, ZS_DENIED, "%s",
			       _("only the officer who logged a follow-up may correct it; add a "
				 "new entry instead"));
	if (zs_sees_all(z))
		return ZS_OK;
	if (zs_is_library(s->kind))
		return access_library_save(z, s->kind, s->old, s->r);
	if (s->kind == KIND_PROJECT) {
		if (s->old && access_project_mine(z, s->old) && !access_project_mine(z, s->r)) {
			/* One's own project given another district: a transfer. */
			zs_fail(z, ZS_DENIED, "%s",
				_("District: moving a project to another district is a transfer "
				  "(流转), which only the city office makes (firsttalk transfer); "
				  "ask the city office"));
			return zs_fail_field(z, "district");
		}
		if ((s->old && !access_project_mine(z, s->old)) || !access_project_mine(z, s->r)) {
			zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				     _("this project belongs to another district: only its "
				       "own officers and the city office may change it"));
			/* A new project named another district: that field is the
			 * one to correct. */
			return !s->old ? zs_fail_field(z, "district") : ZS_DENIED;
		}
	} else if (s->kind == KIND_ENTERPRISE && s->old && !unchanged(s->old, s->r)) {
		/* An enterprise is shared: a district changes it only when all
		 * its projects are the district's own. */
		if (s->shared)
			return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
					    _("this enterprise has projects in other districts: ask "
					      "the city office to change it"));
	} else if (s->kind == KIND_ISSUE) {
		if (!s->project || !access_project_mine(z, s->project))
			return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
					    _("this issue is about another district's project"));
	} else if (s->kind == KIND_FOLLOWUP && rec_find(s->r, "project")) {
		if (!s->project || !access_project_mine(z, s->project))
			return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
					    _("this project belongs to another district: its own "
					      "officers log its follow-ups"));
	}
	return ZS_OK;
}

/* ---- the service manager (the rule of assign.c, on every save) ---- */

static bool manager_role(const char *role)
{
	return !strcmp(role, "manager") || !strcmp(role, "desk") || !strcmp(role, "lead");
}

bool zs_manager_eligible(const struct rec *o, int64_t district)
{
	int64_t his = rec_int(o, "district", 0);
	return rec_bool(o, "active", true) && manager_role(rec_text(o, "role", "")) &&
	       (!district || !his || his == district);
}

/* The one rule of a project's service manager, whichever path sets it
 * (assignment, the edit form, project edit, import, undo, bulk): only the
 * project's district lead or the city office names one, and the one named
 * is an active service manager, desk officer or district lead of the
 * project's district or of the city (no district).  Clearing the manager
 * is the same people's decision.  Called inside the save's transaction. */
int access_manager_check(struct zs *z, struct store_txn *t, const struct rec *old, const struct rec *r)
{
	int64_t was = old ? rec_int(old, "manager", 0) : 0, now = rec_int(r, "manager", 0);
	if (was == now)
		return ZS_OK;
	if (!access_is_city(z) && !access_is_lead_of(z, r) && !(old && access_is_lead_of(z, old)))
		return access_assign_denied(z);
	if (!now)
		return ZS_OK;
	struct rec o, d;
	rec_init(&o);
	rec_init(&d);
	if (store_get(t, &z->tables[KIND_OFFICER], (uint64_t)now, &o) != STORE_OK)
		return zs_fail(z, ZS_INVALID, "%s", _("service manager: no such officer"));
	int rc = ZS_OK;
	const char *role = rec_text(&o, "role", "");
	if (!rec_bool(&o, "active", true))
		rc = zs_fail(z, ZS_INVALID,
			     _("%s is inactive and cannot take projects: a service manager is an "
			       "active officer"),
			     rec_text(&o, "name", ""));
	else if (!manager_role(role))
		rc = zs_fail(z, ZS_INVALID,
			     _("%s cannot be a service manager: only a service manager, desk "
			       "officer or district lead of the project's district can"),
			     rec_text(&o, "name", ""));
	else if (rec_int(&o, "district", 0) && rec_int(&o, "district", 0) != rec_int(r, "district", 0)) {
		store_get(t, &z->tables[KIND_DISTRICT], (uint64_t)rec_int(r, "district", 0), &d);
		rc = zs_fail(z, ZS_INVALID,
			     _("%s works in another district: the service manager is an officer of "
			       "the project's district (%s) or of the city"),
			     rec_text(&o, "name", ""), rec_text(&d, "name", ""));
	}
	rec_free(&o);
	rec_free(&d);
	return rc;
}

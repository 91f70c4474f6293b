/*
 * issues.c - enterprise issues (企业诉求) and their escalation ladder.
 *
 * An issue sits at one level of the profile's ladder (service manager,
 * district, city coordination office, leaders' meeting, supervision) with
 * a time limit in working days counted from the day it reached the level,
 * by the official calendar; waiting on the enterprise stops the clock.
 * When the limit passes, zs_tick() moves it up by itself, once per level
 * and never twice for the same lapse.  Every action is a saved change with
 * its operation and reason, so the project's history is the trail.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

date_t zs_issue_due(struct zs *z, const struct rec *r)
{
	return rules_issue_due(&z->prof, &z->cal, r, clock_today());
}

int zs_issue_open(struct zs *z, uint64_t *id, struct rec *r)
{
	char today[11];
	const struct profile *p = &z->prof;
	date_format(clock_today(), today);
	if (!p->escalation.n)
		return zs_fail(z, ZS_INVALID, "%s", _("the profile has no escalation levels"));
	rec_set_text(r, "status", "open");
	if (z->me)
		rec_set_int(r, "owner", (int64_t)z->me); /* first contact leads (首接负责) */
	rec_set_text(r, "opened_on", today);
	rules_issue_step(r, p->escalation.v[0].code, clock_today());
	*id = 0;
	return zs_save(z, KIND_ISSUE, id, r, "open", NULL);
}

/* Who may take issue r up one level by hand (seed 000 §八 §二十, 003 §十二:
 * the ladder): the officers of its district to the district leadership;
 * beyond it, the district's lead or the city office (the district decides
 * to ask the city); to the leaders' meeting, the city office, which
 * resolves what it can itself first.  The clock takes overdue issues up
 * by itself (zs_tick) whoever they are with. */
static int escalate_who(struct zs *z, const struct rec *r)
{
	const struct profile *p = &z->prof;
	int lv = -1;
	for (int i = 0; i < p->escalation.n; i++)
		if (!strcmp(p->escalation.v[i].code, rec_text(r, "level", "")))
			lv = i;
	if (lv < 0 || lv + 1 >= p->escalation.n || access_is_city(z))
		return ZS_OK; /* the top of the ladder is said by the caller */
	const struct profile_item *to = &p->escalation.v[lv + 1];
	if (profile_level_is(p, to->code, LEVEL_MEETING))
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY,
				    _("escalating to %s: only the city office brings an issue to the "
				      "leaders' meeting, after trying to resolve it itself"),
				    profile_label(to));
	if (lv + 1 < 2)
		return ZS_OK;
	struct rec pr;
	rec_init(&pr);
	bool lead = zs_get(z, KIND_PROJECT, (uint64_t)rec_int(r, "project", 0), &pr) == ZS_OK &&
		    access_is_lead_of(z, &pr);
	rec_free(&pr);
	if (lead)
		return ZS_OK;
	return zs_fail(z, ZS_DENIED,
		       _("escalating to %s: the district lead decides to take an issue beyond the "
			 "district (or the clock does, when the district's time has passed); ask "
			 "your district lead"),
		       profile_label(to));
}

int zs_issue_level_text(struct zs *z, uint64_t id, char *buf, size_t n)
{
	struct rec r;
	rec_init(&r);
	int rc = zs_get(z, KIND_ISSUE, id, &r);
	if (rc == ZS_OK) {
		const struct profile_item *lv = profile_find(&z->prof.escalation, rec_text(&r, "level", ""));
		date_t due = zs_issue_due(z, &r);
		char d[11];
		if (due)
			snprintf(buf, n, _("escalated to %s, to be handled by %s"), lv ? profile_label(lv) : "",
				 date_format(due, d));
		else
			snprintf(buf, n, _("escalated to %s"), lv ? profile_label(lv) : "");
	}
	rec_free(&r);
	return rc;
}

/* The action, once, on the record as read now. */
static int act_once(struct zs *z, uint64_t id, enum zs_issue_action act, const char *text,
		 const char *who)
{
	if (rules_note_check(z, _("Owner"), who))
		return zs_fail_field(z, "decision_owner");
	struct rec r;
	char today[11];
	date_t now = clock_today();
	date_format(now, today);
	rec_init(&r);
	int rc = zs_get(z, KIND_ISSUE, id, &r);
	if (rc)
		return rc;
	const char *status = rec_text(&r, "status", "open");
	const char *level = rec_text(&r, "level", "");
	const char *op = NULL, *why = text && *text ? text : NULL;
	bool closed = !strcmp(status, "resolved");
	if (closed && act != ZS_ISSUE_NOTE) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the issue is resolved; add a note or open a new one"));
	}
	switch (act) {
	case ZS_ISSUE_RESPOND:
	case ZS_ISSUE_NOTE:
		if (!why) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("write what was done or said"));
		}
		rec_set_text(&r, "last_note", why);
		op = act == ZS_ISSUE_RESPOND ? "respond" : "note";
		break;
	case ZS_ISSUE_ASK:
		if (!strcmp(status, "waiting")) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("the issue already waits on the enterprise"));
		}
		rec_set_text(&r, "status", "waiting");
		rec_set_text(&r, "paused_since", today);
		if (why)
			rec_set_text(&r, "last_note", why);
		op = "ask";
		break;
	case ZS_ISSUE_RESUME: {
		date_t since;
		if (strcmp(status, "waiting") != 0 ||
		    date_parse(rec_text(&r, "paused_since", ""), &since) < 0) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("the issue is not waiting on the enterprise"));
		}
		/* The days spent waiting do not count against the time limit. */
		rec_set_int(&r, "paused_days",
			    rec_int(&r, "paused_days", 0) + calendar_between(&z->cal, since, now));
		rec_unset(&r, "paused_since");
		rec_set_text(&r, "status", "open");
		if (why)
			rec_set_text(&r, "last_note", why);
		op = "resume";
		break;
	}
	case ZS_ISSUE_RESOLVE:
		if (!why) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("say how it was resolved"));
		}
		if ((profile_level_is(&z->prof, level, LEVEL_MEETING) ||
		     profile_level_is(&z->prof, level, LEVEL_SUPERVISION)) &&
		    !rec_find(&r, "decision")) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s",
				       _("the meeting's decision comes first (decide), then supervision"));
		}
		rec_set_text(&r, "outcome", why);
		rec_set_text(&r, "status", "resolved");
		rec_unset(&r, "paused_since");
		{
			char on[11];
			/* In time or not: the due day of the level it was resolved at. */
			date_t due = zs_issue_due(z, &r);
			rec_set_text(&r, "resolved_on", date_format(clock_today(), on));
			if (due)
				rec_set_bool(&r, "resolved_in_time", clock_today() <= due);
		}
		op = "resolve";
		break;
	case ZS_ISSUE_ESCALATE:
		if (!why) {
			rec_free(&r);
			return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
					    _("escalating needs a reason"));
		}
		if (profile_level_is(&z->prof, level, LEVEL_MEETING) && !rec_find(&r, "decision")) {
			/* 督办 supervises a decision: there is none to supervise yet. */
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s",
				       _("the leaders' meeting records its decision (decide) before "
					 "supervision"));
		}
		if ((rc = escalate_who(z, &r)) != ZS_OK) {
			rec_free(&r);
			return rc;
		}
		if (!rules_issue_climb(&z->prof, &r, now)) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("the issue is at the top of the ladder"));
		}
		rec_set_text(&r, "status", "open");
		rec_unset(&r, "paused_since");
		op = "escalate";
		break;
	case ZS_ISSUE_DECIDE:
		if (!profile_level_is(&z->prof, level, LEVEL_MEETING)) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s",
				       _("decisions are recorded at the leaders' coordination meeting level"));
		}
		if (!why || !who || !*who) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("a decision needs its text and its owner"));
		}
		rec_set_text(&r, "decision", why);
		rec_set_text(&r, "decision_owner", who);
		/* The decision is supervised to completion from today. */
		rules_issue_climb(&z->prof, &r, now);
		op = "decide";
		break;
	}
	rc = zs_save(z, KIND_ISSUE, &id, &r, op, why);
	rec_free(&r);
	return rc;
}

int zs_issue_act(struct zs *z, uint64_t id, enum zs_issue_action act, const char *text,
		 const char *who)
{
	/* Someone saved the record meanwhile: read it again and apply the
	 * change, with its rules, to what it is now. */
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = act_once(z, id, act, text, who);
	return rc;
}


/* The first level a dispute goes to: the one below the leaders' meeting
 * (the city office), or the first. */
static int dispute_level(const struct profile *p)
{
	for (int i = 1; i < p->escalation.n; i++)
		if (profile_level_is(p, p->escalation.v[i].code, LEVEL_MEETING))
			return i - 1;
	return 0;
}

int zs_dispute_raise(struct zs *z, uint64_t project, uint64_t other, const char *reason,
		     uint64_t *id)
{
	const struct profile *p = &z->prof;
	struct rec a, b;
	rec_init(&a);
	rec_init(&b);
	int rc = zs_get(z, KIND_PROJECT, project, &a);
	if (rc == ZS_OK)
		rc = zs_get(z, KIND_PROJECT, other, &b);
	bool split = rc == ZS_OK && rec_int(&a, "district", 0) != rec_int(&b, "district", 0);
	rec_free(&a);
	rec_free(&b);
	if (rc)
		return rc;
	if (!split)
		return zs_fail(z, ZS_INVALID, "%s",
			       _("a dispute (招商争议) is between two districts' projects"));
	if (!reason || !*reason)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("say what the dispute is about"));
	if (!p->escalation.n || !p->issue_categories.n)
		return zs_fail(z, ZS_INVALID, "%s", _("the profile has no escalation levels"));
	const struct profile_item *cat = profile_find(&p->issue_categories, "dispute");
	if (!cat)
		cat = profile_find(&p->issue_categories, "other");
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "project", (int64_t)project);
	rec_set_int(&r, "other_project", (int64_t)other);
	rec_set_bool(&r, "dispute", true);
	rec_set_text(&r, "category", cat ? cat->code : p->issue_categories.v[0].code);
	rec_set_text(&r, "description", reason);
	rec_set_text(&r, "status", "open");
	if (z->me)
		rec_set_int(&r, "owner", (int64_t)z->me);
	char today[11];
	rec_set_text(&r, "opened_on", date_format(clock_today(), today));
	/* Settled above the districts: the city office, then the meeting. */
	rules_issue_step(&r, p->escalation.v[dispute_level(p)].code, clock_today());
	*id = 0;
	rc = zs_save(z, KIND_ISSUE, id, &r, "dispute", reason);
	rec_free(&r);
	return rc;
}

/* Writes the decision of dispute id onto one of its projects. */
static int mark_project(struct zs *z, uint64_t pid, uint64_t id, const char *decision)
{
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++) {
		struct rec p;
		rec_init(&p);
		if ((rc = zs_get(z, KIND_PROJECT, pid, &p)) == ZS_OK) {
			char idb[32];
			char *text = xasprintf("%s: %s", zs_id_text(id, idb, sizeof idb), decision);
			rec_set_text(&p, "dispute_decision", text);
			free(text);
			rc = zs_save(z, KIND_PROJECT, &pid, &p, "dispute", decision);
		}
		rec_free(&p);
	}
	return rc;
}

int zs_dispute_decide(struct zs *z, uint64_t id, const char *decision)
{
	if (!access_is_city(z))
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("a dispute is decided by the city office or the joint meeting"));
	if (!decision || !*decision)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("a decision needs its text"));
	int rc = rules_note_check(z, _("Decision"), decision);
	if (rc)
		return rc;
	struct rec r;
	rec_init(&r);
	if ((rc = zs_get(z, KIND_ISSUE, id, &r)) != ZS_OK)
		return rc;
	if (!rec_bool(&r, "dispute", false) || !strcmp(rec_text(&r, "status", ""), "resolved")) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("no open dispute with that number"));
	}
	uint64_t a = (uint64_t)rec_int(&r, "project", 0), b = (uint64_t)rec_int(&r, "other_project", 0);
	const char *who = rec_text(&z->me_rec, "name", "");
	rec_set_text(&r, "decision", decision);
	rec_set_text(&r, "decision_owner", *who ? who : "city");
	rec_set_text(&r, "outcome", decision);
	{
		char on[11];
		date_t due = zs_issue_due(z, &r);
		rec_set_text(&r, "resolved_on", date_format(clock_today(), on));
		if (due)
			rec_set_bool(&r, "resolved_in_time", clock_today() <= due);
	}
	rec_set_text(&r, "status", "resolved");
	rec_unset(&r, "needs_city");
	rc = zs_save(z, KIND_ISSUE, &id, &r, "decide", decision);
	rec_free(&r);
	/* The decision stands on both projects. */
	if (rc == ZS_OK)
		rc = mark_project(z, a, id, decision);
	if (rc == ZS_OK)
		rc = mark_project(z, b, id, decision);
	return rc;
}

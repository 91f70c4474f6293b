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


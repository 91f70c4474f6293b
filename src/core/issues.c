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

/* Position of the issue's level in the ladder (0 when unknown). */
static int level_pos(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->escalation.n; i++)
		if (!strcmp(p->escalation.v[i].code, code))
			return i;
	return 0;
}

date_t zs_issue_due(struct zs *z, const struct rec *r)
{
	const struct profile *p = &z->prof;
	if (!p->escalation.n)
		return 0;
	date_t since;
	if (date_parse(rec_text(r, "level_since", ""), &since) < 0)
		return 0;
	int lv = level_pos(p, rec_text(r, "level", ""));
	int days = p->escalation.v[lv].days + (int)rec_int(r, "paused_days", 0);
	/* Waiting on the enterprise: the clock stands, counting to today. */
	date_t paused;
	if (!strcmp(rec_text(r, "status", "open"), "waiting") &&
	    date_parse(rec_text(r, "paused_since", ""), &paused) == 0)
		days += calendar_between(&z->cal, paused, clock_today());
	return calendar_add(&z->cal, since, days);
}

int zs_issue_open(struct zs *z, uint64_t *id, struct rec *r)
{
	char today[11];
	const struct profile *p = &z->prof;
	date_format(clock_today(), today);
	if (!p->escalation.n)
		return zs_fail(z, ZS_INVALID, "%s", _("the profile has no escalation levels"));
	rec_set_text(r, "level", p->escalation.v[0].code);
	rec_set_text(r, "status", "open");
	if (z->me)
		rec_set_int(r, "owner", (int64_t)z->me); /* first contact leads (首接负责) */
	rec_set_text(r, "opened_on", today);
	rec_set_text(r, "level_since", today);
	*id = 0;
	return zs_save(z, KIND_ISSUE, id, r, "open", NULL);
}

/* Moves r one level up from today (or from date); false at the top. */
static bool climb(struct zs *z, struct rec *r, date_t date)
{
	const struct profile *p = &z->prof;
	int lv = level_pos(p, rec_text(r, "level", ""));
	if (lv + 1 >= p->escalation.n)
		return false;
	char d[11];
	rec_set_text(r, "level", p->escalation.v[lv + 1].code);
	rec_set_text(r, "level_since", date_format(date, d));
	rec_unset(r, "paused_days");
	return true;
}

int zs_issue_act(struct zs *z, uint64_t id, enum zs_issue_action act, const char *text,
		 const char *who)
{
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
		if (!strcmp(level, "meeting") && !rec_find(&r, "decision")) {
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
			return zs_fail(z, ZS_INVALID, "%s", _("escalating needs a reason"));
		}
		if (!climb(z, &r, now)) {
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s", _("the issue is at the top of the ladder"));
		}
		rec_set_text(&r, "status", "open");
		rec_unset(&r, "paused_since");
		op = "escalate";
		break;
	case ZS_ISSUE_DECIDE:
		if (strcmp(level, "meeting") != 0) {
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
		climb(z, &r, now);
		op = "decide";
		break;
	}
	rc = zs_save(z, KIND_ISSUE, &id, &r, op, why);
	rec_free(&r);
	return rc;
}

int issues_tick(struct zs *z, date_t today, struct zs_tick *out)
{
	struct zs_cursor c = {0};
	uint64_t ids[256];
	int rc = ZS_OK;
	/* Every open or waiting issue (the open index leaves resolved ones out). */
	struct zs_filter f = {.open_issues = true};
	while (rc == ZS_OK && !c.done) {
		size_t n = zs_list(z, KIND_ISSUE, &f, &c, ids, 256);
		for (size_t i = 0; i < n && rc == ZS_OK; i++) {
			struct rec r;
			rec_init(&r);
			if (zs_get(z, KIND_ISSUE, ids[i], &r) != ZS_OK ||
			    !strcmp(rec_text(&r, "status", "open"), "waiting")) {
				rec_free(&r);
				continue;
			}
			int climbed = 0;
			date_t due;
			while ((due = zs_issue_due(z, &r)) && due < today) {
				/* Escalated the working day after its limit, so a
				 * second tick finds nothing to do. */
				if (!climb(z, &r, calendar_add(&z->cal, due + 1, 0)))
					break;
				climbed++;
			}
			if (climbed) {
				char why[128];
				snprintf(why, sizeof why, _("time limit passed: up %d level(s)"), climbed);
				rc = zs_save(z, KIND_ISSUE, &ids[i], &r, "escalate", why);
				out->escalated += (uint64_t)climbed;
			}
			rec_free(&r);
		}
	}
	return rc;
}

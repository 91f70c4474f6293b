/*
 * tick.c - the clock: applies every time rule up to today (zsdesk tick).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

/* ---- the clock ---- */

/* Lapses every first-talk exclusivity that ended before today. */
static int tick_first_talk(struct zs *z, date_t today, struct zs_tick *out)
{
	uint64_t ids[512];
	for (;;) {
		size_t n = zs_register(z, "active", ids, 512), changed = 0;
		for (size_t i = 0; i < n; i++) {
			struct rec r;
			rec_init(&r);
			date_t until;
			if (zs_get(z, KIND_PROJECT, ids[i], &r) != ZS_OK ||
			    date_parse(rec_text(&r, "ft_until", ""), &until) < 0) {
				rec_free(&r);
				continue;
			}
			if (until >= today) {
				/* In order of end date: the rest run on too. */
				rec_free(&r);
				return ZS_OK;
			}
			{
				const char *st = rec_text(&r, "stage", "");
				rec_set_text(&r, "ft_status", profile_stage_is(&z->prof, st, STAGE_TALKS) ? "lapsed"
							      : profile_stage_is(&z->prof, st, STAGE_EXITED) ||
								profile_stage_is(&z->prof, st, STAGE_LEAD)
								      ? "closed"
								      : "progressed");
				int rc = zs_save(z, KIND_PROJECT, &ids[i], &r, "tick",
						 _("first-talk exclusivity ended"));
				if (rc) {
					rec_free(&r);
					return rc;
				}
				out->lapsed++;
				changed++;
			}
			rec_free(&r);
		}
		/* Sorted by end date: stop at the first one still running. */
		if (n < 512 || changed == 0)
			return ZS_OK;
	}
}

/* Brings one issue up to today: a wait on the enterprise longer than the
 * profile allows ends by itself; each level whose limit passed is climbed
 * in a step (and a saved change) of its own, dated the working day after
 * the limit; the leaders' meeting is not passed without its decision -
 * the issue is put before the city office instead. */
static int tick_issue(struct zs *z, const struct profile *p, uint64_t id, date_t today,
		      struct zs_tick *out)
{
	struct rec r;
	rec_init(&r);
	int rc = ZS_OK;
	if (zs_get(z, KIND_ISSUE, id, &r) != ZS_OK) {
		rec_free(&r);
		return ZS_OK;
	}
	date_t since;
	if (!strcmp(rec_text(&r, "status", "open"), "waiting")) {
		if (p->wait_limit_days &&
		    date_parse(rec_text(&r, "paused_since", ""), &since) == 0 &&
		    calendar_between(&z->cal, since, today) > p->wait_limit_days) {
			rec_set_int(&r, "paused_days", rec_int(&r, "paused_days", 0) + p->wait_limit_days);
			rec_unset(&r, "paused_since");
			rec_set_text(&r, "status", "open");
			rc = zs_save(z, KIND_ISSUE, &id, &r, "resume",
				     _("the wait on the enterprise reached the profile's limit"));
			out->resumed++;
		}
		rec_free(&r);
		return rc;
	}
	date_t due, end = calendar_end(&z->cal);
	if ((due = rules_issue_due(p, &z->cal, &r, today)) && end && due > end)
		out->calendar_short = true; /* counted past the official holidays known */
	while (rc == ZS_OK && (due = rules_issue_due(p, &z->cal, &r, today)) && due < today) {
		const char *level = rec_text(&r, "level", "");
		if (profile_level_is(p, level, LEVEL_MEETING) && !rec_find(&r, "decision")) {
			if (!rec_bool(&r, "needs_city", false)) {
				rec_set_bool(&r, "needs_city", true);
				rc = zs_save(z, KIND_ISSUE, &id, &r, "escalate",
					     _("time limit passed at the leaders' meeting: before the "
					       "city office, awaiting a decision"));
				out->to_city++;
			}
			break;
		}
		char from[64], why[160];
		snprintf(from, sizeof from, "%s", level);
		if (!rules_issue_climb(p, &r, calendar_add(&z->cal, due + 1, 0)))
			break;
		snprintf(why, sizeof why, _("time limit passed at %s"), from);
		rc = zs_save(z, KIND_ISSUE, &id, &r, "escalate", why);
		out->escalated++;
	}
	rec_free(&r);
	return rc;
}

/* Escalates every issue whose time ran out, one level per lapse: those
 * whose level's time limit ended before today (the counts keep them by
 * that day, issue-tally.c) and those waiting on the enterprise - no other
 * issue is read. */
static int tick_issues(struct zs *z, date_t today, struct zs_tick *out)
{
	const struct profile *p = &z->prof;
	uint64_t *due = NULL, *waiting = NULL;
	size_t ndue = 0, nwaiting = 0;
	struct store_txn *t;
	int rc = zs_from_store(z, store_read(z->st, &t));
	if (rc)
		return rc;
	ndue = issue_tally_due_before(t, today, &due);
	nwaiting = issue_tally_waiting(t, &waiting);
	date_t end = calendar_end(&z->cal);
	if (end && issue_tally_due_after(t, end))
		out->calendar_short = true; /* counted past the official holidays known */
	store_done(t);
	for (size_t i = 0; i < ndue && rc == ZS_OK; i++)
		rc = tick_issue(z, p, due[i], today, out);
	for (size_t i = 0; i < nwaiting && rc == ZS_OK; i++)
		rc = tick_issue(z, p, waiting[i], today, out);
	free(due);
	free(waiting);
	return rc;
}

int zs_tick(struct zs *z, struct zs_tick *out)
{
	struct zs_tick none;
	if (!out)
		out = &none;
	memset(out, 0, sizeof *out);
	date_t today = clock_today();
	zs_counts_ready(z); /* the issues by due day (a database older than them) */
	out->calendar_end = calendar_end(&z->cal);
	/* An exclusive period of months reaching past the calendar held. */
	if (out->calendar_end && z->prof.ft_months &&
	    rules_ft_until(&z->prof, &z->cal, today) > out->calendar_end)
		out->calendar_short = true;
	int rc = tick_first_talk(z, today, out);
	if (rc == ZS_OK)
		rc = tick_issues(z, today, out);
	return rc;
}


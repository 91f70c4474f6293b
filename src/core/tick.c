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

/* Escalates every issue whose time ran out, one level per lapse. */
static int tick_issues(struct zs *z, date_t today, struct zs_tick *out)
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
			while ((due = rules_issue_due(&z->prof, &z->cal, &r, today)) && due < today) {
				/* Escalated the working day after its limit, so a
				 * second tick finds nothing to do. */
				if (!rules_issue_climb(&z->prof, &r, calendar_add(&z->cal, due + 1, 0)))
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

int zs_tick(struct zs *z, struct zs_tick *out)
{
	struct zs_tick none;
	if (!out)
		out = &none;
	memset(out, 0, sizeof *out);
	date_t today = clock_today();
	int rc = tick_first_talk(z, today, out);
	if (rc == ZS_OK)
		rc = tick_issues(z, today, out);
	return rc;
}


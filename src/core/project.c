/*
 * project.c - what is done to a project: stage moves, pre-reports, transfers.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "money.h"

/* ---- stages ---- */

/* Position of a stage in the profile's list, or -1. */
static int stage_index(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->stages.n; i++)
		if (!strcmp(p->stages.v[i].code, code))
			return i;
	return -1;
}

int zs_project_stage(struct zs *z, uint64_t id, const char *stage, date_t date,
		     const char *reason)
{
	return zs_project_move(z, id, stage, date, reason, false);
}

/* The stage move, once, on the record as read now. */
static int move_once(struct zs *z, uint64_t id, const char *stage, date_t date, const char *reason,
		    bool no_credit)
{
	struct rec r;
	rec_init(&r);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	const struct profile_item *it = profile_find(&z->prof.stages, stage);
	if (!it) {
		char hint[512];
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, _("%s is not a stage: %s"), stage,
			       fields_choice_hint(z, schema_field(KIND_PROJECT, "stage"), hint, sizeof hint));
	}
	char from[32];
	snprintf(from, sizeof from, "%s", rec_text(&r, "stage", profile_stage(&z->prof, STAGE_LEAD)));
	int a = stage_index(&z->prof, from), b = stage_index(&z->prof, it->code);
	bool terminal = profile_stage_is(&z->prof, it->code, STAGE_EXITED) ||
			profile_stage_is(&z->prof, it->code, STAGE_TRANSFERRED);
	const char *fail = NULL;
	enum zs_hint hint = ZS_HINT_NONE;
	char rule[768];
	if (date == 0)
		date = clock_today();
	if (!strcmp(from, it->code))
		fail = _("the project is already at this stage");
	else if ((terminal || b < a || profile_stage_is(&z->prof, from, STAGE_EXITED)) && (!reason || !*reason))
		fail = _("moving a project back, out (退出) or away (流转) needs a reason"),
		hint = ZS_HINT_REASON;
	else if (date > clock_today())
		fail = _("the stage date cannot be in the future");
	else if (rules_passes_signing(&z->prof, from, it->code) &&
		 rules_pre_report(z, &r, date, rule, sizeof rule) < 0) {
		/* Every move that reaches or passes the signing meets the gate:
		 * 在谈 straight to 注册 or 开工 too. */
		if (!no_credit) {
			fail = rule;
			hint = ZS_HINT_PREREPORT;
		} else if (access_check(z, ACCESS_NO_CREDIT, NULL) != ZS_OK) {
			rec_free(&r);
			return ZS_DENIED;
		} else if (!reason || !*reason) {
			fail = _("recording a signing without credit needs a reason");
			hint = ZS_HINT_REASON;
		} else {
			/* Signed without the pre-report: no district earns it. */
			rec_set_text(&r, "no_credit", reason);
			rec_unset(&r, "credit");
		}
	}
	if (fail) {
		rc = zs_fail_hint(z, ZS_INVALID, hint, "%s", fail);
		rec_free(&r);
		return rc;
	}
	char d[11];
	rec_set_text(&r, "stage", it->code);
	rec_set_text(&r, "stage_date", date_format(date, d));
	if (profile_stage_is(&z->prof, it->code, STAGE_EXITED))
		rec_set_text(&r, "exit_reason", reason);
	rules_after_stage(z, &r, from, date);
	rc = zs_save(z, KIND_PROJECT, &id, &r, "stage", reason);
	rec_free(&r);
	return rc;
}

int zs_project_move(struct zs *z, uint64_t id, const char *stage, date_t date, const char *reason,
		    bool no_credit)
{
	/* Someone saved the record meanwhile: read it again and apply the
	 * change, with its rules, to what it is now. */
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = move_once(z, id, stage, date, reason, no_credit);
	return rc;
}

/* The pre-report, once, on the record as read now: filed today by the
 * system's clock, with the planned signing date, the amount and the
 * parties; every filing is kept. */
static int prereport_once(struct zs *z, uint64_t id, date_t signing, const char *parties)
{
	struct rec r;
	char today[11], plan[11] = "", amount[48];
	rec_init(&r);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	date_format(clock_today(), today);
	if (signing && signing < clock_today()) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s",
			       _("the planned signing date of a pre-report is today or later"));
	}
	if ((rc = rules_note_check(z, _("Parties"), parties)) != ZS_OK) {
		rec_free(&r);
		return rc;
	}
	if (signing)
		date_format(signing, plan);
	snprintf(amount, sizeof amount, "%lld %s", (long long)rec_int(&r, "investment", 0),
		 rec_text(&r, "currency", "CNY"));
	rec_set_text(&r, "pre_report", today);
	rec_set_text(&r, "pre_report_sign", signing ? plan : NULL);
	rec_set_text(&r, "pre_report_parties", parties && *parties ? parties : NULL);
	/* The filings, oldest first: filed | planned signing | amount | parties. */
	const struct rec_field *f = rec_find(&r, "pre_reports");
	size_t n = f && f->v.type == REC_LIST ? f->v.n : 0;
	char **items = xcalloc(n + 1, sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = f->v.items[i];
	char *entry = xasprintf("%s|%s|%s|%s", today, plan, amount, parties ? parties : "");
	items[n] = entry;
	struct rec_value v = {.type = REC_LIST, .items = items, .n = n + 1};
	rec_set(&r, "pre_reports", &v);
	free(entry);
	free(items);
	rc = zs_save(z, KIND_PROJECT, &id, &r, "prereport", NULL);
	rec_free(&r);
	return rc;
}

int zs_prereport(struct zs *z, uint64_t id, date_t signing, const char *parties)
{
	/* Someone saved the record meanwhile: read it again and apply the
	 * change, with its rules, to what it is now. */
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = prereport_once(z, id, signing, parties);
	return rc;
}

/* ---- transfer (流转) ---- */

/* The transfer, once, on the record as read now. */
static int transfer_once(struct zs *z, uint64_t id, uint64_t to, const char *reason, int keep_percent)
{
	int rc = access_check(z, ACCESS_TRANSFER, NULL);
	if (rc)
		return rc;
	if (!reason || !*reason)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s", _("a transfer needs a reason"));
	struct rec r, d;
	rec_init(&r);
	rec_init(&d);
	rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	if ((rc = zs_get(z, KIND_DISTRICT, to, &d)) != ZS_OK) {
		rec_free(&r);
		return rc;
	}
	rec_free(&d);
	uint64_t from = (uint64_t)rec_int(&r, "district", 0);
	if (from == to) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the project is in that district already"));
	}
	const struct profile *p = &z->prof;
	if (keep_percent >= 0 && p->ft_credit != CREDIT_SPLIT) {
		rec_free(&r);
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_KEEP, "%s",
				    _("this city's profile does not split credit by percentage"));
	}
	int first = p->ft_credit == CREDIT_SPLIT ? (keep_percent >= 0 ? keep_percent
									: p->ft_split_first)
						 : 0;
	if (first < 0 || first > 100) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the share kept must be 0 to 100 percent"));
	}
	char a[40], b[40];
	char *credit[2] = {a, b};
	size_t nc = 2;
	switch (p->ft_credit) {
	case CREDIT_REASSIGN: /* the city gives the project to the new district */
		snprintf(a, sizeof a, "%llu:100", (unsigned long long)to);
		nc = 1;
		break;
	case CREDIT_EQUAL: /* both districts count it in full */
		snprintf(a, sizeof a, "%llu:100", (unsigned long long)from);
		snprintf(b, sizeof b, "%llu:100", (unsigned long long)to);
		break;
	case CREDIT_SPLIT: /* shared by percentage */
		snprintf(a, sizeof a, "%llu:%d", (unsigned long long)from, first);
		snprintf(b, sizeof b, "%llu:%d", (unsigned long long)to, 100 - first);
		break;
	}
	rec_set_list(&r, "credit", credit, nc);
	rec_set_int(&r, "transferred_from", (int64_t)from);
	rec_set_int(&r, "district", (int64_t)to);
	rec_set_text(&r, "transfer_reason", reason);
	rec_unset(&r, "park"); /* parks belong to the old district */
	rec_unset(&r, "manager");
	if (rec_find(&r, "ft_status"))
		rec_set_text(&r, "ft_status", "transferred");
	rc = zs_save(z, KIND_PROJECT, &id, &r, "transfer", reason);
	rec_free(&r);
	return rc;
}

int zs_transfer(struct zs *z, uint64_t id, uint64_t to, const char *reason, int keep_percent)
{
	/* Someone saved the record meanwhile: read it again and apply the
	 * change, with its rules, to what it is now. */
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = transfer_once(z, id, to, reason, keep_percent);
	return rc;
}

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

/* True, with the rule in msg, when a stage dated date comes before the
 * date of the stage the project is at or before the day it was entered:
 * allowed with a reason, which the history keeps. */
static bool back_dated(const struct rec *r, date_t date, char *msg, size_t n)
{
	date_t at, entered;
	char a[11], b[11];
	if (date_parse(rec_text(r, "created_on", ""), &entered) == 0 && date < entered) {
		snprintf(msg, n,
			 _("the stage date %s is before the project was entered (%s): a "
			   "back-dated stage needs a reason, kept in the history"),
			 date_format(date, a), date_format(entered, b));
		return true;
	}
	if (date_parse(rec_text(r, "stage_date", ""), &at) == 0 && date < at) {
		snprintf(msg, n,
			 _("the stage date %s is before the date of the present stage (%s): "
			   "a back-dated stage needs a reason, kept in the history"),
			 date_format(date, a), date_format(at, b));
		return true;
	}
	return false;
}

/* The stage move, once, on the record as read now; the fields of also
 * are set and those named in gone removed in the same save (either may
 * be NULL), logged as op. */
static int move_once(struct zs *z, uint64_t id, const char *stage, date_t date, const char *reason,
		    bool no_credit, const struct rec *also, const struct rec *gone, const char *op)
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
	else if (rules_date_too_old(z, _("Stage date"), date)) {
		rec_free(&r);
		return ZS_INVALID;
	} else if ((!reason || !*reason) && back_dated(&r, date, rule, sizeof rule))
		fail = rule, hint = ZS_HINT_REASON;
	else if (rules_passes_signing(&z->prof, from, it->code) && z->prof.legality_review &&
		 !rec_find(&r, "legality_review"))
		fail = _("legality review (合法性审查): an agreement is reviewed before it is signed; "
			 "record the review first (project review)");
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
	for (size_t i = 0; also && i < also->n; i++)
		rec_set(&r, also->f[i].name, &also->f[i].v);
	for (size_t i = 0; gone && i < gone->n; i++)
		rec_unset(&r, gone->f[i].name);
	rc = zs_save(z, KIND_PROJECT, &id, &r, op, reason);
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
		rc = move_once(z, id, stage, date, reason, no_credit, NULL, NULL, "stage");
	return rc;
}

int project_move_with(struct zs *z, uint64_t id, const char *stage, const char *reason,
		      const struct rec *also, const struct rec *gone, const char *op)
{
	return move_once(z, id, stage, 0, reason, false, also, gone, op);
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
	char *entry = xasprintf("%s|%s|%s|%s", today, plan, amount, parties ? parties : "");
	rec_list_append(&r, "pre_reports", entry);
	free(entry);
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
static int transfer_once(struct zs *z, uint64_t id, uint64_t to, const struct zs_transfer_opts *o)
{
	int rc = access_check(z, ACCESS_TRANSFER, NULL);
	if (rc)
		return rc;
	if (!o->reason || !*o->reason)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s", _("a transfer needs a reason"));
	if ((rc = rules_note_check(z, _("Decision"), o->decision)) != ZS_OK)
		return rc;
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
	if ((rc = access_check(z, ACCESS_TRANSFER, &r)) != ZS_OK) {
		rec_free(&r);
		return rc;
	}
	uint64_t from = (uint64_t)rec_int(&r, "district", 0);
	const struct profile *p = &z->prof;
	const char *ft = rec_text(&r, "ft_status", "");
	bool decided = o->decision && *o->decision;
	const char *fail = NULL;
	char until[64];
	snprintf(until, sizeof until, "%s", rec_text(&r, "ft_until", ""));
	if (from == to)
		fail = _("the project is in that district already");
	else if (o->keep >= 0 && p->ft_credit != CREDIT_SPLIT)
		rc = zs_fail_hint(z, ZS_INVALID, ZS_HINT_KEEP, "%s",
				  _("this city's profile does not split credit by percentage"));
	else if (o->keep > 100)
		fail = _("the share kept must be 0 to 100 percent");
	else if (!decided && p->ft_transfer_decided)
		rc = zs_fail(z, ZS_INVALID, "%s",
			     _("in this city a transfer (续谈) is decided by the joint meeting "
			       "(联席会议): record its decision (--decision)"));
	else if (!decided && (!strcmp(ft, "active") || !strcmp(ft, "claim")))
		rc = zs_fail(z, ZS_INVALID,
			     _("the project is in its exclusive first talk (until %s): it is "
			       "transferred after the period lapses, or on a decision the city "
			       "office records (--decision)"),
			     until);
	else if (!decided && !*ft)
		rc = zs_fail(z, ZS_INVALID, "%s",
			     _("the project is not in the first-talk register: a transfer needs a "
			       "decision the city office records (--decision)"));
	if (fail)
		rc = zs_fail(z, ZS_INVALID, "%s", fail);
	if (rc) {
		rec_free(&r);
		return rc;
	}
	date_t today = clock_today();
	/* The ledger keeps every district the project passed through; the
	 * profile's rule makes the shares of it. */
	if (!rec_find(&r, "credit_ledger"))
		rules_credit_add(p, &r, from, "first", -1, today);
	if (o->pushed)
		rules_credit_add(p, &r, from, "push", -1, today);
	rules_credit_add(p, &r, to, "transfer", p->ft_credit == CREDIT_SPLIT
						     ? (o->keep >= 0 ? o->keep : p->ft_split_first)
						     : -1,
			 today);
	rec_set_int(&r, "transferred_from", (int64_t)from);
	rec_set_int(&r, "district", (int64_t)to);
	rec_set_text(&r, "transfer_reason", o->reason);
	if (decided)
		rec_set_text(&r, "ft_decision", o->decision);
	rec_unset(&r, "park"); /* parks belong to the old district */
	rec_unset(&r, "manager");
	rec_set_text(&r, "ft_status", "transferred"); /* in the register from now on */
	rc = zs_save(z, KIND_PROJECT, &id, &r, "transfer", o->reason);
	rec_free(&r);
	return rc;
}

int zs_transfer(struct zs *z, uint64_t id, uint64_t to, const struct zs_transfer_opts *o)
{
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = transfer_once(z, id, to, o);
	return rc;
}

/* A city decision on a project's first talk, once, on the record as read
 * now: set records strategic_confirmed or decides a claim. */
static int decide_once(struct zs *z, uint64_t id, enum zs_ft_decision what, const char *reason)
{
	int rc = access_check(z, ACCESS_TRANSFER, NULL);
	if (rc)
		return rc;
	if ((what == ZS_FT_GRANT || what == ZS_FT_REFUSE) && (!reason || !*reason))
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("a decision on a claim needs a reason"));
	if ((rc = rules_note_check(z, _("Reason"), reason)) != ZS_OK)
		return rc;
	struct rec r;
	rec_init(&r);
	if ((rc = zs_get(z, KIND_PROJECT, id, &r)) != ZS_OK)
		return rc;
	const char *ft = rec_text(&r, "ft_status", "");
	if ((rc = access_check(z, ACCESS_TRANSFER, &r)) != ZS_OK) {
		rec_free(&r);
		return rc;
	}
	if ((what == ZS_FT_GRANT || what == ZS_FT_REFUSE) && strcmp(ft, "claim") != 0) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("the project has no claim waiting for the city"));
	}
	date_t today = clock_today();
	char d[11];
	switch (what) {
	case ZS_KEY_ADD:
	case ZS_KEY_REMOVE:
		/* The key-project list (项目化、清单化): who put it there, when. */
		rec_set_bool(&r, "key_project", what == ZS_KEY_ADD);
		rec_set_int(&r, "key_project_by", (int64_t)z->me);
		rec_set_text(&r, "key_project_on", date_format(today, d));
		break;
	case ZS_FT_STRATEGIC:
	case ZS_FT_NOT_STRATEGIC:
		rec_set_bool(&r, "strategic_confirmed", what == ZS_FT_STRATEGIC);
		if (what == ZS_FT_STRATEGIC)
			rec_set_bool(&r, "strategic", true);
		break;
	case ZS_FT_GRANT:
		/* The city gives this district its own exclusive first talk. */
		rec_set_text(&r, "ft_status", "active");
		rec_set_text(&r, "ft_registered", date_format(today, d));
		date_t until = rules_ft_until(&z->prof, &z->cal, today);
		rec_set_text(&r, "ft_until", until ? date_format(until, d) : NULL);
		rules_credit_add(&z->prof, &r, (uint64_t)rec_int(&r, "district", 0), "first", -1, today);
		rec_set_text(&r, "ft_decision", reason);
		break;
	case ZS_FT_REFUSE:
		rec_set_text(&r, "ft_status", "closed");
		rec_set_text(&r, "ft_decision", reason);
		break;
	}
	rc = zs_save(z, KIND_PROJECT, &id, &r, "decide", reason);
	rec_free(&r);
	return rc;
}

int zs_first_talk_decide(struct zs *z, uint64_t id, enum zs_ft_decision what, const char *reason)
{
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = decide_once(z, id, what, reason);
	return rc;
}

/* The legality review, once, on the record as read now. */
static int review_once(struct zs *z, uint64_t id, const char *by)
{
	int rc = rules_note_check(z, _("Reviewed by"), by);
	if (rc)
		return rc;
	if (!by || !*by)
		return zs_fail(z, ZS_INVALID, "%s",
			       _("say who reviewed the agreement (e.g. 市司法局)"));
	struct rec r;
	char d[11];
	rec_init(&r);
	if ((rc = zs_get(z, KIND_PROJECT, id, &r)) != ZS_OK)
		return rc;
	rec_set_text(&r, "legality_review", date_format(clock_today(), d));
	rec_set_text(&r, "legality_reviewer", by);
	rc = zs_save(z, KIND_PROJECT, &id, &r, "review", by);
	rec_free(&r);
	return rc;
}

int zs_legality_review(struct zs *z, uint64_t id, const char *by)
{
	int rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = review_once(z, id, by);
	return rc;
}

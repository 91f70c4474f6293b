/*
 * facts.c - the facts the city office's numbers are made of: a project's
 * money ledger and the districts' annual targets.
 *
 * Both are append-only lists saved through the one write path, so the
 * audit log has every entry and the reports' counts (tally.c) change in
 * the same transaction.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

/* The ledger entry, once, on the record as read now. */
static int money_once(struct zs *z, uint64_t id, const char *measure, int64_t amount, date_t date,
		      const char *source, const char *reason)
{
	struct rec r, d;
	rec_init(&r);
	rec_init(&d);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	const char *stage = rec_text(&r, "stage", "");
	if (profile_stage_is(&z->prof, stage, STAGE_LEAD) ||
	    profile_stage_is(&z->prof, stage, STAGE_TALKS)) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s",
			       _("money is recorded for a project that has been signed; this one is "
				 "still a lead or in talks"));
	}
	date_t first;
	const struct rec_field *sf = rec_find(&r, "stages");
	if (sf && sf->v.type == REC_LIST && sf->v.n && date_parse(sf->v.items[0], &first) == 0 &&
	    date < first) {
		char a[11], b[11];
		rec_free(&r);
		return zs_fail_field(z, (zs_fail(z, ZS_INVALID,
						 _("--date: %s is before the project was entered (%s)"),
						 date_format(date, a), date_format(first, b)),
					 "date"));
	}
	rc = zs_get(z, KIND_DISTRICT, (uint64_t)rec_int(&r, "district", 0), &d);
	if (rc) {
		rec_free(&r);
		return rc;
	}
	char day[11], today[11];
	char *entry = xasprintf("%s|%s|%lld|%s|%s|%s", date_format(date, day), measure,
				(long long)amount, rec_text(&d, "code", ""),
				date_format(clock_today(), today), source);
	rec_list_append(&r, "money", entry);
	free(entry);
	rc = zs_save(z, KIND_PROJECT, &id, &r, "money", reason && *reason ? reason : source);
	rec_free(&r);
	rec_free(&d);
	return rc;
}

int zs_money_add(struct zs *z, uint64_t id, const char *measure, int64_t amount, date_t date,
		 const char *source, const char *reason)
{
	zs_fail_clear(z);
	if (!measure || tally_money_measure(measure) < 0)
		return zs_fail_field(z, (zs_fail(z, ZS_INVALID, "%s",
						 _("--measure: funds (到位资金), foreign (实际利用外资) "
						   "or domestic (实际利用内资)")),
					 "measure"));
	if (amount == 0)
		return zs_fail_field(z, (zs_fail(z, ZS_INVALID, "%s",
						 _("--amount: an amount other than zero")),
					 "amount"));
	if (amount < 0 && (!reason || !*reason))
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("a negative amount corrects an earlier entry: say why"));
	if (date > clock_today())
		return zs_fail_field(z, (zs_fail(z, ZS_INVALID, "%s",
						 _("--date: money that moved cannot be dated in the "
						   "future")),
					 "date"));
	if (!source || !*source)
		return zs_fail_field(z, (zs_fail(z, ZS_INVALID, "%s",
						 _("--source: say where the figure comes from (e.g. "
						   "银行进账单, 商务部外资统计)")),
					 "source"));
	int rc = rules_note_check(z, _("Source"), source);
	if (!rc && strlen(source) > 600)
		rc = zs_fail(z, ZS_INVALID, "%s", _("--source: at most 200 characters"));
	if (rc)
		return zs_fail_field(z, "source");
	rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++)
		rc = money_once(z, id, measure, amount, date, source, reason);
	return rc;
}

/* True for a target measure: the two capitals and the profile's classes. */
static bool target_measure(const struct profile *p, const char *m)
{
	if (!strcmp(m, "domestic") || !strcmp(m, "foreign"))
		return true;
	for (int i = 0; i < p->target_classes.n; i++)
		if (!strcmp(p->target_classes.v[i].code, m))
			return true;
	return false;
}

int zs_target_set(struct zs *z, uint64_t district, int year, const char *measure, int64_t amount,
		  const char *reason)
{
	zs_fail_clear(z);
	int rc = access_check(z, ACCESS_TARGETS, NULL);
	if (rc)
		return rc;
	if (year < 2000 || year > 2100)
		return zs_fail(z, ZS_INVALID, _("%d is not a year a target is set for"), year);
	if (!measure || !target_measure(&z->prof, measure)) {
		char list[512] = "domestic, foreign";
		for (int i = 0; i < z->prof.target_classes.n; i++) {
			size_t n = strlen(list);
			snprintf(list + n, sizeof list - n, ", %s", z->prof.target_classes.v[i].code);
		}
		return zs_fail(z, ZS_INVALID, _("%s is not a target of this city: one of %s"),
			       measure ? measure : "", list);
	}
	if (amount < 0)
		return zs_fail(z, ZS_INVALID, "%s", _("a target cannot be negative"));
	rc = ZS_CONFLICT;
	for (int tries = 0; rc == ZS_CONFLICT && tries < ZS_RETRIES; tries++) {
		struct rec d;
		rec_init(&d);
		if ((rc = zs_get(z, KIND_DISTRICT, district, &d)) != ZS_OK)
			return rc;
		char today[11];
		char *entry = xasprintf("%d|%s|%lld|%s", year, measure, (long long)amount,
					date_format(clock_today(), today));
		rec_list_append(&d, "targets", entry);
		free(entry);
		uint64_t id = district;
		rc = zs_save(z, KIND_DISTRICT, &id, &d, "target", reason);
		rec_free(&d);
	}
	return rc;
}

int64_t zs_target_of(const struct rec *district, int year, const char *measure)
{
	const struct rec_field *f = rec_find(district, "targets");
	int64_t v = -1;
	size_t ml = strlen(measure);
	for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++) {
		const char *s = f->v.items[i];
		char *end;
		long y = strtol(s, &end, 10);
		if (y != year || *end != '|' || strncmp(end + 1, measure, ml) || end[1 + ml] != '|')
			continue;
		v = strtoll(end + 2 + ml, NULL, 10); /* the latest setting stands */
	}
	return v;
}

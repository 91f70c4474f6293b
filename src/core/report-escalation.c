/*
 * report-escalation.c - enterprise issues per level and district
 * (zsdesk report escalation): open, overdue, resolved in the period and
 * of them in time.
 *
 * Everything comes from the counts the write path keeps (issue-tally.c):
 * open issues by level, district and the day they are late from, and
 * issues resolved per month, level and district; only the issues waiting
 * on the enterprise (their clock stands, so lateness depends on the day)
 * are read one by one.  No issue or project is scanned.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

struct esc {
	const struct profile *prof;
	int nl, nd;
	char (*code)[ISSUE_TALLY_CODE_MAX + 1]; /* the districts' codes */
	char (*name)[128];
	uint64_t *id;
	int64_t (*c)[4]; /* [district * nl + level]: open, overdue, resolved, in time */
	uint32_t as_of;  /* yyyymmdd */
};

static int level_at(const struct esc *e, const char *code)
{
	for (int l = 0; l < e->nl; l++)
		if (!strcmp(e->prof->escalation.v[l].code, code))
			return l;
	return -1;
}

static int district_at(const struct esc *e, const char *code)
{
	for (int i = 0; i < e->nd; i++)
		if (!strcmp(e->code[i], code))
			return i;
	return -1;
}

static int64_t *slot(struct esc *e, const char *level, const char *district)
{
	int l = level_at(e, level), d = district_at(e, district);
	return l < 0 || d < 0 ? NULL : e->c[d * e->nl + l];
}

static void open_one(void *ctx, const struct issue_count *c)
{
	struct esc *e = ctx;
	int64_t *x = slot(e, c->level, c->district);
	if (!x)
		return;
	x[0] += c->n;
	if (c->late_from && c->late_from < e->as_of)
		x[1] += c->n;
}

static void resolved_one(void *ctx, const char *level, const char *district, bool in_time,
			 int64_t n)
{
	int64_t *x = slot(ctx, level, district);
	if (x)
		x[in_time ? 3 : 2] += n;
}

static void put(struct zs_report *r, size_t row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void put(struct zs_report *r, size_t row, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	free(r->cells[row * (size_t)r->ncols + (size_t)col]);
	r->cells[row * (size_t)r->ncols + (size_t)col] = s;
}

static size_t row_add(struct zs_report *r)
{
	r->cells = xreallocarray(r->cells, (r->nrows + 1) * (size_t)r->ncols, sizeof *r->cells);
	for (int c = 0; c < r->ncols; c++)
		r->cells[r->nrows * (size_t)r->ncols + (size_t)c] = NULL;
	r->bar = xreallocarray(r->bar, r->nrows + 1, sizeof *r->bar);
	r->bar[r->nrows] = 0;
	return r->nrows++;
}

/* The districts, oldest first (the profile's order, as the other reports). */
static void districts(struct zs *z, struct store_txn *t, struct esc *e)
{
	struct store_iter *it = store_iter_records(t, &z->tables[KIND_DISTRICT]);
	uint64_t id, *ids = NULL;
	size_t n = 0;
	while (it && store_iter_next(it, &id)) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = id;
	}
	store_iter_free(it);
	e->code = xcalloc(n ? n : 1, sizeof *e->code);
	e->name = xcalloc(n ? n : 1, sizeof *e->name);
	e->id = xcalloc(n ? n : 1, sizeof *e->id);
	struct rec d;
	rec_init(&d);
	for (size_t i = n; i-- > 0;) {
		if (store_get(t, &z->tables[KIND_DISTRICT], ids[i], &d) != STORE_OK)
			continue;
		e->id[e->nd] = ids[i];
		snprintf(e->code[e->nd], sizeof e->code[e->nd], "%s", rec_text(&d, "code", ""));
		snprintf(e->name[e->nd], sizeof e->name[e->nd], "%s",
			 i18n_pick(rec_text(&d, "name", ""), rec_text(&d, "name_en", "")));
		e->nd++;
	}
	rec_free(&d);
	free(ids);
}

int report_escalation(struct zs *z, const struct zs_period *p, uint64_t only, date_t as_of,
		      struct zs_report *r)
{
	static const char *const keys[] = {"district", "level",	 "open",
					   "overdue",  "resolved", "in_time"};
	static const char *const labels[] = {N_("District"), N_("Level"),
					     N_("Open"),     N_("Overdue"),
					     N_("Resolved in the period"), N_("Of them in time")};
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	struct esc e = {&z->prof, z->prof.escalation.n, 0, NULL, NULL, NULL, NULL,
			issue_tally_day(as_of)};
	districts(z, t, &e);
	const char *name = NULL;
	for (int i = 0; only && i < e.nd; i++)
		if (e.id[i] == only)
			name = e.name[i];
	if (only && !name) {
		store_done(t);
		free(e.code), free(e.name), free(e.id);
		return zs_fail(z, ZS_NOTFOUND, "%s", _("no such district"));
	}
	e.c = xcalloc((size_t)e.nd * (size_t)e.nl + 1, sizeof *e.c);
	rc = issue_tally_open(t, NULL, NULL, open_one, &e);
	if (rc == STORE_OK)
		rc = issue_tally_resolved(t, p->from, p->to, resolved_one, &e);
	/* Waiting on the enterprise: open, late by the day's clock. */
	uint64_t *ids;
	size_t n = issue_tally_waiting(t, &ids);
	struct rec is;
	rec_init(&is);
	char dist[ISSUE_TALLY_CODE_MAX + 1];
	for (size_t i = 0; i < n; i++) {
		if (store_get(t, &z->tables[KIND_ISSUE], ids[i], &is) != STORE_OK)
			continue;
		issue_tally_district(z, t, &is, dist, sizeof dist);
		int64_t *x = slot(&e, rec_text(&is, "level", ""), dist);
		if (!x)
			continue;
		date_t due = rules_issue_due(&z->prof, &z->cal, &is, clock_today()), need = 0;
		date_parse(rec_text(&is, "need_by", ""), &need);
		x[0]++;
		x[1] += (due && due < as_of) || (need && need < as_of);
	}
	rec_free(&is);
	free(ids);
	store_done(t);
	if (rc) {
		free(e.c), free(e.code), free(e.name), free(e.id);
		return zs_from_store(z, rc);
	}
	char a[11], b[11], c[11];
	snprintf(r->title, sizeof r->title, "%s %s (%s - %s, %s %s)",
		 _("Enterprise issues (企业诉求办理)"), p->name, date_format(p->from, a),
		 date_format(p->to, b), _("as of"), date_format(as_of, c));
	r->ncols = 6;
	for (int i = 0; i < 6; i++) {
		r->keys[i] = keys[i];
		r->labels[i] = labels[i];
	}
	const struct profile_list *lv = &z->prof.escalation;
	for (int i = 0; i < e.nd; i++) {
		if (only && e.id[i] != only)
			continue;
		for (int l = 0; l < e.nl; l++) {
			int64_t *x = e.c[i * e.nl + l];
			size_t row = row_add(r);
			put(r, row, 0, "%s", e.name[i]);
			put(r, row, 1, "%s", i18n_pick(lv->v[l].zh, lv->v[l].en));
			put(r, row, 2, "%lld", (long long)x[0]);
			put(r, row, 3, "%lld", (long long)x[1]);
			put(r, row, 4, "%lld", (long long)x[2]);
			put(r, row, 5, "%lld", (long long)x[3]);
			r->bar[row] = x[0];
		}
	}
	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof *r->notes);
	r->notes[r->nnotes++] = xstrdup(
		_("Open and overdue: issues as they stand today (overdue on the day the report is "
		  "as of: past the working days of their level or the day the enterprise needs "
		  "it).  Resolved in the period: issues resolved at that level on a day of the "
		  "period; in time: within the working days of that level."));
	r->first_correction = r->nnotes;
	free(e.c), free(e.code), free(e.name), free(e.id);
	return ZS_OK;
}

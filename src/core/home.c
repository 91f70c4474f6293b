/*
 * home.c - the counts of an officer's home screen.
 *
 * Each count comes from a posting list (how many ids it holds is free) or,
 * where a rule must be applied, from walking a list scoped to the
 * officer's district with a bound on the work, so the home screen stays
 * instant on a million projects.
 */
#include <config.h>

#include <string.h>

#include "internal.h"

/* Ids in a posting list keyed by an id. */
static uint64_t count_id(struct store_txn *t, enum kind k, int ix, uint64_t id)
{
	unsigned char key[8];
	zs_be64(key, id);
	struct store_iter *it = store_iter_postings(t, &zs_tables[k], ix, key, 8);
	uint64_t n = it ? store_iter_count(it) : 0;
	store_iter_free(it);
	return n;
}

/* True when a project in talks reaches the first-talk threshold. */
static bool first_talk_size(const struct profile *p, const struct rec *r)
{
	int64_t v = rec_int(r, "investment", 0);
	bool usd = !strcmp(rec_text(r, "currency", "CNY"), "USD");
	int64_t fc = rec_int(r, "foreign_capital", 0);
	if (p->ft_strategic && rec_bool(r, "strategic", false))
		return true;
	if (!usd && p->ft_threshold_cny && v >= p->ft_threshold_cny)
		return true;
	if (p->ft_threshold_usd && ((usd && v >= p->ft_threshold_usd) || fc >= p->ft_threshold_usd))
		return true;
	return false;
}

int zs_home(struct zs *z, struct zs_home *h)
{
	struct store_txn *t;
	memset(h, 0, sizeof *h);
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	uint64_t district = (uint64_t)rec_int(&z->me_rec, "district", 0);
	date_t today = clock_today();
	if (z->me)
		h->my_projects = count_id(t, KIND_PROJECT, IX_PROJECT_MANAGER, z->me);
	h->district_projects = district ? count_id(t, KIND_PROJECT, IX_PROJECT_DISTRICT, district)
					: store_count(t, &zs_tables[KIND_PROJECT]);
	/* Issues this officer owns: open ones, and those past their date. */
	unsigned char key[8];
	zs_be64(key, z->me);
	struct store_iter *it = z->me ? store_iter_postings(t, &zs_tables[KIND_ISSUE],
							    IX_ISSUE_OWNER, key, 8)
				      : NULL;
	uint64_t below = UINT64_MAX, id;
	struct rec r;
	rec_init(&r);
	while (it && store_iter_seek(it, below, &id)) {
		if (store_get(t, &zs_tables[KIND_ISSUE], id, &r) == STORE_OK &&
		    strcmp(rec_text(&r, "status", "open"), "resolved") != 0) {
			h->my_issues++;
			date_t need;
			if (date_parse(rec_text(&r, "need_by", ""), &need) == 0 && need < today)
				h->overdue++;
		}
		if (id == 0)
			break;
		below = id - 1;
	}
	store_iter_free(it);
	/* First-talk exclusivity ending within 14 days, in the district. */
	const struct profile *p = &z->prof;
	struct store_iter *talks =
		store_iter_postings(t, &zs_tables[KIND_PROJECT], IX_PROJECT_STAGE, "talks", 5);
	struct store_iter *dist = NULL;
	if (district) {
		zs_be64(key, district);
		dist = store_iter_postings(t, &zs_tables[KIND_PROJECT], IX_PROJECT_DISTRICT, key, 8);
	}
	below = UINT64_MAX;
	int budget = 100000;
	while (talks && p->ft_months && budget-- > 0 && store_iter_seek(talks, below, &id)) {
		if (dist) {
			uint64_t d2;
			if (!store_iter_seek(dist, id, &d2))
				break;
			if (d2 != id) {
				below = d2; /* skip to the district's next project */
				continue;
			}
		}
		if (store_get(t, &zs_tables[KIND_PROJECT], id, &r) == STORE_OK && first_talk_size(p, &r)) {
			date_t since;
			if (date_parse(rec_text(&r, "stage_date", ""), &since) == 0) {
				date_t until = date_add_months(since, p->ft_months);
				if (until >= today && until <= today + 14)
					h->ft_ending++;
			}
		}
		if (id == 0)
			break;
		below = id - 1;
	}
	store_iter_free(talks);
	store_iter_free(dist);
	rec_free(&r);
	store_done(t);
	return ZS_OK;
}

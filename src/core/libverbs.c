/*
 * libverbs.c - the verbs of the libraries that go through the save path:
 * a district's policy filed (备案) with the city office and its answer,
 * the links of policies and projects, and the row of a library an
 * import matches.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

/* Reads policy id into r, or fails. */
static int get_policy(struct zs *z, uint64_t id, struct rec *r)
{
	rec_init(r);
	return zs_get(z, KIND_POLICY, id, r);
}

int zs_policy_file(struct zs *z, uint64_t id)
{
	struct rec r;
	int rc = get_policy(z, id, &r);
	if (rc == ZS_OK && rec_int(&r, "district", 0) <= 0)
		rc = zs_fail(z, ZS_INVALID, "%s",
			     _("only a district's own policy is filed (备案) with the city office"));
	else if (rc == ZS_OK && !zs_sees_all(z) &&
		 rec_int(&r, "district", 0) != rec_int(&z->me_rec, "district", 0))
		rc = zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				  _("a district files its own policies only"));
	else if (rc == ZS_OK && !strcmp(rec_text(&r, "filing", ""), "filed"))
		rc = zs_fail(z, ZS_INVALID, "%s", _("the policy is filed already, awaiting the city office"));
	if (rc == ZS_OK) {
		char today[11];
		date_format(clock_today(), today);
		rec_set_text(&r, "filing", "filed");
		rec_set_text(&r, "filed_on", today);
		rec_unset(&r, "answered_on");
		rec_unset(&r, "answered_by");
		rec_unset(&r, "answer");
		rc = zs_save(z, KIND_POLICY, &id, &r, "file", NULL);
	}
	rec_free(&r);
	return rc;
}

int zs_policy_answer(struct zs *z, uint64_t id, bool accept, const char *answer)
{
	if (!access_is_city(z))
		return zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				    _("only the city office accepts or returns a filed policy"));
	if (!accept && (!answer || !*answer))
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("a policy is returned with the reason"));
	if (rules_note_check(z, _("Reason"), answer))
		return zs_fail_field(z, "reason");
	struct rec r;
	int rc = get_policy(z, id, &r);
	if (rc == ZS_OK && strcmp(rec_text(&r, "filing", ""), "filed") != 0)
		rc = zs_fail(z, ZS_INVALID, "%s", _("the policy is not filed, or answered already"));
	if (rc == ZS_OK) {
		char today[11];
		date_format(clock_today(), today);
		rec_set_text(&r, "filing", accept ? "accepted" : "returned");
		rec_set_text(&r, "answered_on", today);
		if (z->me)
			rec_set_int(&r, "answered_by", (int64_t)z->me);
		rec_set_text(&r, "answer", answer);
		rc = zs_save(z, KIND_POLICY, &id, &r, accept ? "accept" : "return", answer);
	}
	rec_free(&r);
	return rc;
}

int zs_policy_link(struct zs *z, uint64_t policy, uint64_t project, bool link)
{
	struct rec p, r;
	int rc = get_policy(z, policy, &p);
	rec_free(&p);
	if (rc)
		return rc;
	for (int tries = 0; tries < ZS_RETRIES; tries++) {
		rec_init(&r);
		rc = zs_get(z, KIND_PROJECT, project, &r);
		if (rc) {
			rec_free(&r);
			return rc;
		}
		const struct rec_field *f = rec_find(&r, "policies");
		char want[32];
		zs_id_text(policy, want, sizeof want);
		char **items = xcalloc((f && f->v.type == REC_LIST ? f->v.n : 0) + 1, sizeof *items);
		size_t n = 0;
		bool had = false;
		for (size_t i = 0; f && f->v.type == REC_LIST && i < f->v.n; i++) {
			if (!strcmp(f->v.items[i], want))
				had = true;
			else
				items[n++] = f->v.items[i];
		}
		if (link)
			items[n++] = want;
		if (had == link) {
			free(items);
			rec_free(&r);
			return zs_fail(z, ZS_INVALID, "%s",
				       link ? _("the policy is linked to the project already")
					    : _("the policy is not linked to the project"));
		}
		rec_set_list(&r, "policies", items, n);
		free(items);
		rc = zs_save(z, KIND_PROJECT, &project, &r, link ? "link policy" : "unlink policy",
			     NULL);
		rec_free(&r);
		if (rc != ZS_CONFLICT)
			return rc;
	}
	return rc;
}

size_t zs_policy_projects(struct zs *z, uint64_t policy, uint64_t *ids, size_t max)
{
	struct store_txn *t;
	size_t n = 0;
	if (store_read(z->st, &t))
		return 0;
	unsigned char key[8];
	zs_be64(key, policy);
	struct store_iter *it =
		store_iter_postings(t, &z->tables[KIND_PROJECT], IX_PROJECT_POLICY, key, 8);
	uint64_t id;
	struct rec p;
	rec_init(&p);
	while (it && n < max && store_iter_next(it, &id))
		if (store_get(t, &z->tables[KIND_PROJECT], id, &p) == STORE_OK &&
		    access_project_mine(z, &p))
			ids[n++] = id;
	rec_free(&p);
	store_iter_free(it);
	store_done(t);
	return n;
}

/* ---- the row an import matches ---- */

uint64_t zs_lib_find(struct zs *z, enum kind k, const char *name, const char *date,
		     const char *district)
{
	if (!zs_is_library(k) || !name || !*name)
		return 0;
	struct rec want;
	rec_init(&want);
	char msg[256];
	rec_set_text(&want, "name", name);
	if (date && *date && zs_field_set(z, k, &want, "date", date, msg, sizeof msg) < 0) {
		rec_free(&want);
		return 0;
	}
	uint64_t d = 0;
	if (district && *district) {
		if (zs_resolve(z, KIND_DISTRICT, district, &d) != ZS_OK) {
			rec_free(&want);
			zs_fail_clear(z);
			return 0;
		}
	} else if (!zs_sees_all(z)) {
		d = (uint64_t)rec_int(&z->me_rec, "district", 0);
	}
	char folded[256];
	library_folded(k, &want, folded, sizeof folded);
	struct store_txn *t;
	uint64_t found = 0, id;
	int hits = 0;
	if (!*folded || store_read(z->st, &t)) {
		rec_free(&want);
		return 0;
	}
	struct store_iter *it = store_iter_postings(t, &z->tables[k], library_ix(k, IX_LIB_KEY),
						    folded, strlen(folded));
	struct rec r;
	rec_init(&r);
	while (it && hits < 2 && store_iter_next(it, &id))
		if (store_get(t, &z->tables[k], id, &r) == STORE_OK &&
		    (!d || rec_int(&r, "district", 0) == (int64_t)d) &&
		    (!rec_find(&want, "date") ||
		     !strcmp(rec_text(&r, "date", ""), rec_text(&want, "date", "")))) {
			found = id;
			hits++;
		}
	rec_free(&r);
	store_iter_free(it);
	store_done(t);
	rec_free(&want);
	return hits == 1 ? found : 0;
}

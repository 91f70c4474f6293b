/*
 * access.c - who sees and changes what: roles and districts.
 *
 * Desk officers, service managers and district leads see and change the
 * projects (and enterprise issues) of their own district; of another
 * district's projects they see only what the claim warning needs - the
 * enterprise, the district and the stage.  The city office and
 * administrators see everything.  Only administrators manage officers,
 * districts, profiles and calendars (checked where those are saved).
 * Everything is decided here, in core, so the commands and the screens
 * obey the same rules; a session with no officer (zsdesk check, init)
 * is the system and sees all.
 */
#include <config.h>

#include <string.h>

#include "i18n.h"
#include "internal.h"

/* Fields of another district's project an officer may see. */
static const char *const visible[] = {"enterprise", "enterprise_name", "district", "stage"};

bool zs_sees_all(const struct zs *z)
{
	const char *role = rec_text(&z->me_rec, "role", "");
	return !z->me || !strcmp(role, "city") || !strcmp(role, "admin");
}

bool access_project_mine(const struct zs *z, const struct rec *project)
{
	return zs_sees_all(z) ||
	       (rec_int(&z->me_rec, "district", 0) &&
		rec_int(project, "district", 0) == rec_int(&z->me_rec, "district", 0));
}

void access_redact(const struct zs *z, enum kind k, struct rec *r)
{
	if (k != KIND_PROJECT || access_project_mine(z, r))
		return;
	for (size_t i = r->n; i-- > 0;) {
		bool keep = false;
		for (size_t j = 0; j < sizeof visible / sizeof *visible; j++)
			keep |= !strcmp(r->f[i].name, visible[j]);
		if (!keep)
			rec_unset(r, r->f[i].name);
	}
}

/* True when r says nothing the stored record does not (an intake naming
 * a known enterprise saves it as it is). */
static bool unchanged(struct store_txn *t, enum kind k, uint64_t id, const struct rec *r)
{
	struct rec old;
	rec_init(&old);
	bool same = store_get(t, &zs_tables[k], id, &old) == STORE_OK && old.n == r->n;
	for (size_t i = 0; same && i < r->n; i++) {
		const struct rec_field *f = rec_find(&old, r->f[i].name);
		same = f && rec_value_equal(&f->v, &r->f[i].v);
	}
	rec_free(&old);
	return same;
}

int access_check_save(struct zs *z, struct store_txn *t, enum kind k, uint64_t id,
		      const struct rec *r)
{
	if (zs_sees_all(z))
		return ZS_OK;
	if (k == KIND_PROJECT) {
		struct rec old;
		rec_init(&old);
		bool theirs = id && store_get(t, &zs_tables[KIND_PROJECT], id, &old) == STORE_OK &&
			      !access_project_mine(z, &old);
		rec_free(&old);
		if (theirs || !access_project_mine(z, r))
			return z->denied = true, zs_fail(z, ZS_DENIED, "%s",
				       _("this project belongs to another district: only its own "
					 "officers and the city office may change it"));
	} else if (k == KIND_ENTERPRISE && id && !unchanged(t, k, id, r)) {
		/* An enterprise is shared: a district changes it only when all
		 * its projects are the district's own. */
		unsigned char key[8];
		zs_be64(key, id);
		struct store_iter *it = store_iter_postings(t, &zs_tables[KIND_PROJECT],
							    IX_PROJECT_ENTERPRISE, key, 8);
		uint64_t below = UINT64_MAX, pid;
		bool others = false;
		struct rec p;
		rec_init(&p);
		while (!others && it && store_iter_seek(it, below, &pid)) {
			others = store_get(t, &zs_tables[KIND_PROJECT], pid, &p) == STORE_OK &&
				 !access_project_mine(z, &p);
			if (pid == 0)
				break;
			below = pid - 1;
		}
		rec_free(&p);
		store_iter_free(it);
		if (others)
			return z->denied = true, zs_fail(z, ZS_DENIED, "%s",
				       _("this enterprise has projects in other districts: ask the city "
					 "office to change it"));
	} else if (k == KIND_ISSUE) {
		struct rec p;
		rec_init(&p);
		int rc = store_get(t, &zs_tables[KIND_PROJECT], (uint64_t)rec_int(r, "project", 0), &p);
		bool mine = rc == STORE_OK && access_project_mine(z, &p);
		rec_free(&p);
		if (!mine)
			return z->denied = true, zs_fail(z, ZS_DENIED, "%s",
				       _("this issue is about another district's project"));
	}
	return ZS_OK;
}

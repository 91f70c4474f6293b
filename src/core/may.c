/*
 * may.c - "may I?" questions the desk asks before it opens a form or asks
 * a question (may.h).  They only read: the record as stored and the
 * officer's role and district, through the same access rules the save
 * applies, so that what they allow the save allows too.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "may.h"
#include "rec.h"

/* The project as stored into r (ZS_OK), or the failure of reading it. */
static int stored_project(struct zs *z, uint64_t id, struct rec *r)
{
	rec_init(r);
	return zs_get(z, KIND_PROJECT, id, r);
}

int zs_may_edit(struct zs *z, enum kind k, uint64_t id)
{
	zs_fail_clear(z);
	if (k != KIND_PROJECT || !id || zs_sees_all(z))
		return ZS_OK;
	struct rec p;
	int rc = stored_project(z, id, &p);
	if (rc == ZS_OK && !access_project_mine(z, &p))
		rc = zs_fail_hint(z, ZS_DENIED, ZS_HINT_ASK_CITY, "%s",
				  _("this project belongs to another district: only its own "
				    "officers and the city office may change it"));
	rec_free(&p);
	return rc;
}

int zs_may_stage(struct zs *z, uint64_t id)
{
	return zs_may_edit(z, KIND_PROJECT, id);
}

int zs_may_transfer(struct zs *z, uint64_t id)
{
	zs_fail_clear(z);
	if (!id)
		return access_check(z, ACCESS_TRANSFER, NULL);
	struct rec p;
	int rc = stored_project(z, id, &p);
	if (rc == ZS_OK)
		rc = access_check(z, ACCESS_TRANSFER, &p);
	rec_free(&p);
	return rc;
}

bool zs_may_start_with(enum kind k, const char *field, const char *code)
{
	if (k != KIND_PROJECT || strcmp(field, "stage"))
		return true;
	return !strcmp(code, "lead") || !strcmp(code, "talks");
}

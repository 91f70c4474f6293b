/*
 * bulk.c - one action on many projects: move stage, assign a manager.
 *
 * Each project goes through the very verb an officer would use on it
 * alone (zs_project_move, zs_assign_manager), with its rules and its own
 * save: a project that fails is left exactly as it was and the others go
 * on, and the caller gets, per project, the failure as a record (status,
 * field, hint, message) to report.  One reason, required, goes into the
 * history of every project changed.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

/* Keeps the outcome of one project's action in res. */
static bool keep(struct zs *z, uint64_t id, int rc, struct zs_bulk_result *res)
{
	const struct zs_err *e = zs_last_error(z);
	res->id = id;
	res->status = rc;
	res->hint = rc ? e->hint : ZS_HINT_NONE;
	snprintf(res->field, sizeof res->field, "%s", rc ? e->field : "");
	snprintf(res->msg, sizeof res->msg, "%s", rc ? e->msg : "");
	return rc != ZS_OK;
}

/* The reason every bulk action needs, checked once for all. */
static int bulk_reason(struct zs *z, const char *reason)
{
	if (!reason || !*reason)
		return zs_fail_hint(z, ZS_INVALID, ZS_HINT_REASON, "%s",
				    _("an action on several projects needs a reason, given once "
				      "for all"));
	return rules_note_check(z, _("Reason"), reason);
}

size_t zs_bulk_stage(struct zs *z, const uint64_t *ids, size_t n, const char *stage,
		     const char *reason, struct zs_bulk_result *res)
{
	int rc = bulk_reason(z, reason);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		int r = rc ? rc : zs_project_move(z, ids[i], stage, 0, reason, false);
		if (rc)
			bulk_reason(z, reason); /* the same refusal for each */
		failed += keep(z, ids[i], r, &res[i]);
	}
	return failed;
}

size_t zs_bulk_assign(struct zs *z, const uint64_t *ids, size_t n, uint64_t officer,
		      const char *reason, struct zs_bulk_result *res)
{
	int rc = bulk_reason(z, reason);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		int r = rc ? rc : zs_assign_manager(z, ids[i], officer, reason);
		if (rc)
			bulk_reason(z, reason);
		failed += keep(z, ids[i], r, &res[i]);
	}
	return failed;
}

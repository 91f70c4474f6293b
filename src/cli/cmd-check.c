/*
 * cmd-check.c - zsdesk check: verify the database from end to end.
 *
 * Administrators only, and recorded in the audit log.  The walk runs in a
 * child process (zs_check), so a damaged file is reported as a fault
 * instead of stopping zsdesk.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Prints one fault. */
static void problem(void *ctx, const char *msg)
{
	(void)ctx;
	charset_printf(stdout, "%s\n", msg);
}

/* Checks the database and prints each fault, or a summary when clean. */
static int check_run(struct zs *z, struct args *a)
{
	int rc = EXIT_OK;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("check takes no word %s"), a->pos[0]);
	uint64_t faults;
	unsigned long long notes = zs_maintenance_count(z);
	unsigned long long entries = zs_log_count(z) - notes;
	if (zs_check_database(z, problem, NULL, &faults) != ZS_OK)
		return cli_fail(z);
	if (faults) {
		rc = cli_error(EXIT_FAIL, _("%llu faults found"), (unsigned long long)faults);
	} else {
		unsigned long long total = 0;
		for (int k = 0; k < KIND_COUNT; k++)
			total += zs_count(z, k);
		charset_printf(stdout, _("ok: %llu records, %llu projects, %llu log entries (and %llu "
					 "of maintenance); indexes, journal and audit log agree\n"),
			       total, (unsigned long long)zs_count(z, KIND_PROJECT), entries, notes);
	}
	return rc;
}

const struct command cmd_check = {
	.name = "check",
	.summary = N_("Verify records, indexes, journal and audit log (administrators)"),
	.flags = CMD_DATABASE | CMD_ANONYMOUS,
	.usage = "[--db DIR]",
	.run = check_run,
};

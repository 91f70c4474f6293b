/*
 * cmd-check.c - zsdesk check: verify the database from end to end.
 *
 * It opens without an officer, so that a database whose officers are
 * damaged can still be checked.
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
	uint64_t faults = zs_check(z, problem, NULL);
	if (faults) {
		rc = cli_error(EXIT_FAIL, _("%llu faults found"), (unsigned long long)faults);
	} else {
		unsigned long long total = 0;
		for (int k = 0; k < KIND_COUNT; k++)
			total += zs_count(z, k);
		charset_printf(stdout, _("ok: %llu records, %llu projects, %llu log entries; indexes, "
					 "journal and audit log agree\n"),
			       total, (unsigned long long)zs_count(z, KIND_PROJECT),
			       (unsigned long long)zs_log_count(z));
	}
	return rc;
}

const struct command cmd_check = {
	.name = "check",
	.summary = N_("Verify records, indexes, journal and audit log"),
	.flags = CMD_DATABASE | CMD_ANONYMOUS,
	.usage = "[--db DIR]",
	.run = check_run,
};

/*
 * cmd-check.c - zsdesk check: verify the database from end to end.
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

/* Runs zsdesk check. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "check"))
		return EXIT_OK;
	if ((rc = args_done(a, "check")))
		return rc;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("check takes no word %s"), a->pos[0]);
	struct zs *z = cli_open(true);
	if (!z)
		return EXIT_FAIL;
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
	zs_close(z);
	return rc;
}

const struct command cmd_check = {
	"check",
	"check [--db DIR]",
	N_("Verify records, indexes, journal and audit log"),
	run,
};

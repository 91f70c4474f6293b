/*
 * cmd-tick.c - zsdesk tick: apply every time rule up to now.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Runs zsdesk tick. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "tick"))
		return EXIT_OK;
	if ((rc = args_done(a, "tick")))
		return rc;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("tick takes no word %s"), a->pos[0]);
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	struct zs_tick t;
	if (zs_tick(z, &t) != ZS_OK)
		rc = cli_error(EXIT_FAIL, "%s", zs_error(z));
	else
		charset_printf(stdout, _("first-talk periods ended: %llu; issue levels escalated: %llu\n"),
			       (unsigned long long)t.lapsed, (unsigned long long)t.escalated);
	zs_close(z);
	return rc;
}

const struct command cmd_tick = {
	"tick",
	"tick",
	N_("Apply every time rule up to now (first-talk lapses, escalations); safe to repeat"),
	run,
};

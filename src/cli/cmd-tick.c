/*
 * cmd-tick.c - zsdesk tick: apply every time rule up to now.
 *
 * The desk applies the rules as it opens; this is for a timer on a server
 * where nobody opens the desk for days.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Applies the time rules and says what they changed. */
static int tick_run(struct zs *z, struct args *a)
{
	int rc = EXIT_OK;
	if (a->npos)
		return cli_error(EXIT_USAGE, _("tick takes no word %s"), a->pos[0]);
	struct zs_tick t;
	if (zs_tick(z, &t) != ZS_OK)
		rc = cli_fail(z);
	else
		charset_printf(stdout,
			       _("first-talk periods ended: %llu; issue levels escalated: %llu; "
				 "issues put before the city: %llu; waits ended: %llu\n"),
			       (unsigned long long)t.lapsed, (unsigned long long)t.escalated,
			       (unsigned long long)t.to_city, (unsigned long long)t.resumed);
	if (!rc && t.calendar_short) {
		char end[11];
		cli_warn(_("a time limit runs past %s, the last day of the working-day calendar "
			   "held: add next year's holidays (zsdesk calendar set DATE holiday --name "
			   "NAME; the State Council publishes them each November)"),
			 t.calendar_end ? date_format(t.calendar_end, end) : "?");
	}
	return rc;
}

const struct command cmd_tick = {
	.name = "tick",
	.summary = N_("Apply every time rule up to now (first-talk lapses, escalations); safe to "
		      "repeat"),
	.flags = CMD_DATABASE,
	.usage = "",
	.run = tick_run,
};

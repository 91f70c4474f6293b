/*
 * cmd-run.c - zsdesk with no command: the full-screen desk.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Opens the desk; this release works through the commands. */
static int run(struct args *a)
{
	(void)a;
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	char name[64];
	zs_field_text(z, KIND_OFFICER, zs_me_rec(z), "name", name, sizeof name);
	charset_printf(stdout,
		       _("zsdesk %s: %s, %llu projects.\nThis release works through its commands; "
			 "the full-screen desk comes in the next one.\nStart with: zsdesk help, "
			 "zsdesk project list, zsdesk search TEXT\n"),
		       PACKAGE_VERSION, name, (unsigned long long)zs_count(z, KIND_PROJECT));
	zs_close(z);
	return EXIT_OK;
}

const struct command cmd_run = {
	"run",
	"run [--db DIR] [--as LOGIN]",
	N_("Open the full-screen desk (also: zsdesk with no command)"),
	run,
};

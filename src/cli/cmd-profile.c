/*
 * cmd-profile.c - zsdesk profile: the city rules in use and on offer.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Lists the profiles shipped in the data directory. */
static int profile_list(void)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/profiles", profile_datadir());
	DIR *d = opendir(dir);
	if (!d)
		return cli_error(EXIT_FAIL, _("cannot read %s"), dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 8 && !strcmp(e->d_name + n - 8, ".profile"))
			charset_printf(stdout, "%.*s\n", (int)(n - 8), e->d_name);
	}
	closedir(d);
	return EXIT_OK;
}

/* Prints a summary of the profile in use. */
static int profile_show(void)
{
	struct zs *z = cli_open(true);
	if (!z)
		return EXIT_FAIL;
	out_text(zs_profile(z)->text);
	zs_close(z);
	return EXIT_OK;
}

/* Runs zsdesk profile. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "profile"))
		return EXIT_OK;
	if ((rc = args_done(a, "profile")))
		return rc;
	if (a->npos == 1 && !strcmp(a->pos[0], "list"))
		return profile_list();
	if (a->npos == 1 && !strcmp(a->pos[0], "show"))
		return profile_show();
	return cli_error(EXIT_USAGE, "%s", _("profile list, or profile show"));
}

const struct command cmd_profile = {
	"profile",
	"profile list\n       zsdesk profile show",
	N_("List the shipped city profiles, or print the one in use"),
	run,
};

/*
 * cmd-profile.c - zsdesk profile: the city rules in use and on offer.
 *
 * Listing reads the data directory only, so it works before any database
 * exists; showing opens the database without an officer.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Fails when the verb has words after it. */
static int no_words(const struct args *a)
{
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("%s: unexpected word %s (values go with --options)"),
				 a->name, a->pos[1]);
	return 0;
}

/* Lists the profiles shipped in the data directory. */
static int profile_list(struct zs *unused, struct args *a)
{
	(void)unused;
	if (no_words(a))
		return EXIT_USAGE;
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

/* Prints the profile in use. */
static int profile_show(struct zs *z, struct args *a)
{
	if (no_words(a))
		return EXIT_USAGE;
	out_text(zs_profile(z)->text);
	return EXIT_OK;
}

static const struct cli_verb profile_verbs[] = {
	{"list", "", N_("List the city profiles shipped with zsdesk"), profile_list, NULL, 0},
	{"show", "", N_("Print the profile of the database"), profile_show, NULL,
	 CMD_DATABASE | CMD_READONLY | CMD_ANONYMOUS},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_profile = {
	.name = "profile",
	.summary = N_("List the shipped city profiles, or print the one in use"),
	.verbs = profile_verbs,
};

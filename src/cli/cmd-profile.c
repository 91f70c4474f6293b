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

/* Prints what a profile may say: every section and setting. */
static int profile_format(struct zs *unused, struct args *a)
{
	(void)unused;
	if (no_words(a))
		return EXIT_USAGE;
	out_text(_("A city profile: [section] headers, \"key = value\" settings, list lines\n"
		   "\"code | 中文 | English | ...\"; \"#\" starts a comment; an empty value means\n"
		   "\"no such rule\"; the parser refuses what it does not know, naming the line.\n"
		   "\n"
		   "[city]           code, name, name_en, usd_rate\n"
		   "[first_talk]     covers = amount, strategic, key; threshold, threshold_usd;\n"
		   "                 exclusive = N months | N days | N working days | until decided\n"
		   "                 (or exclusive_months = N; 0: no first talk); strategic = yes|no;\n"
		   "                 credit = reassign | equal | split; split_first_percent;\n"
		   "                 transfer = lapsed | decided; rewatch = yes|no;\n"
		   "                 holiday_end = next_working_day | as_is\n"
		   "[pre_report]     threshold, threshold_usd, lead_days, covers = amount, landmark, key\n"
		   "[signing_gates]  legality_review = yes|no\n"
		   "[major]          threshold, threshold_usd\n"
		   "[stages]         code | 中文 | English\n"
		   "[stage_roles]    lead, talks, signed, registered, funded, started, production,\n"
		   "                 exited, transferred = a stage code\n"
		   "[escalation]     code | 中文 | English | working days [| role that acts]\n"
		   "[level_roles]    meeting, supervision = a level code\n"
		   "[issue_rules]    wait_limit_days\n"
		   "[events]         clash_days (promotion events this near clash)\n"
		   "[rates]          YYYY-MM = 7.10 (元 per 美元 from that month on)\n"
		   "[roles]          code | 中文 | English\n"
		   "[city_offices]   code | 中文 | English | domestic | foreign | all\n"
		   "[districts]      code | 中文 | English | short code | parks, ... |\n"
		   "                 parent = code | group = 片区 | class = C\n"
		   "[industries] [channels] [enterprise_types] [issue_categories]\n"
		   "                 code | 中文 | English\n"));
	return EXIT_OK;
}

static const struct cli_verb profile_verbs[] = {
	{"format", "", N_("What a profile may say: every section and setting"), profile_format,
	 NULL, 0},
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

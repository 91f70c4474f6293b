/*
 * cmd-search.c - zsdesk search: find projects (or enterprises) by Chinese
 * text, pinyin initials, full pinyin or credit code.
 *
 * A search is the listing of `project list --search TEXT` (records.c), so
 * both always print the same rows; only the text is a word here.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

/* Lists the projects (or enterprises) that match the text. */
static int search_run(struct zs *z, struct args *a)
{
	if (a->npos != 1 || !*a->pos[0])
		return cli_error(EXIT_USAGE, "%s",
				 _("search takes one text: zsdesk search 北京科技 (or bjkj, beijing, "
				   "a credit code); quote it if it has spaces"));
	enum kind k = args_flag(a, "enterprises") ? KIND_ENTERPRISE : KIND_PROJECT;
	/* The listing of project list --search TEXT. */
	return rec_list_kind(z, a, k, a->pos[0]);
}

static const struct cli_option search_options[] = {
	{"enterprises", NULL, N_("find enterprises instead of projects")},
	{"limit", "N", N_("at most N (default 50)")},
	{"before", "ID", N_("the page after the one ending at ID")},
	{"sort", "ORDER", N_("newest, oldest, amount or amount-asc")},
	{"district", "D", N_("only projects of this district")},
	{"stage", "S", N_("only projects at this stage")},
	{"industry", "I", N_("only projects of this industry")},
	{"manager", "M", N_("only projects with this service manager")},
	{"enterprise", "E", N_("only projects of this enterprise")},
	{"min", "AMOUNT", N_("only projects of at least this investment")},
	{"max", "AMOUNT", N_("only projects of at most this investment")},
	{"unmanaged", NULL, N_("only major projects without a service manager")},
	{NULL, NULL, NULL},
};

const struct command cmd_search = {
	.name = "search",
	.summary = N_("Find projects by name, enterprise, pinyin (bjkj, beijing) or credit code"),
	.flags = CMD_DATABASE | CMD_READONLY,
	.kind = KIND_PROJECT,
	.usage = "TEXT [--enterprises] [--limit N]",
	.run = search_run,
	.options = search_options,
};

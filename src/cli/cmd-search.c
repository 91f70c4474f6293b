/*
 * cmd-search.c - zsdesk search: find projects (or enterprises) by Chinese
 * text, pinyin initials, full pinyin or credit code.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"

/* Runs zsdesk search. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "enterprises");
	if (rc)
		return rc;
	if (cli_wants_help(a, "search"))
		return EXIT_OK;
	if (a->npos != 1 || !*a->pos[0])
		return cli_error(EXIT_USAGE, "%s",
				 _("search takes one text: zsdesk search 北京科技 (or bjkj, beijing, "
				   "a credit code); quote it if it has spaces"));
	enum kind k = args_flag(a, "enterprises") ? KIND_ENTERPRISE : KIND_PROJECT;
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	/* Reuse the listing with --search TEXT. */
	a->opt_name[a->nopts] = "search";
	a->opt_val[a->nopts++] = a->pos[0];
	a->npos = 0;
	rc = rec_cmd_list(z, a, k, "search");
	zs_close(z);
	return rc;
}

const struct command cmd_search = {
	"search",
	"search TEXT [--enterprises] [--limit N]",
	N_("Find projects by name, enterprise, pinyin (bjkj, beijing) or credit code"),
	run,
};

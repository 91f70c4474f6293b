/*
 * cmd-filter.c - zsdesk filter: my saved filters of the project library.
 *
 * A saved filter is a name for the options of `zsdesk project list`
 * (and the desk's library filters); `project list --saved NAME` and the
 * bulk verbs open it again.  Core keeps them (savedfilter.c).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"
#include "xalloc.h"

/* Saves the list options given as my filter NAME. */
static int filter_save(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk filter save NAME [--district D] [--stage S] ..."));
	struct zs_filter f = {0};
	static const char *const names[] = {"district", "manager", "enterprise", "stage",
					    "industry", "min",     "max"};
	char msg[512];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = args_get(a, names[i]);
		if (v && zs_filter_set(z, &f, names[i], v, msg, sizeof msg) < 0)
			return cli_error(EXIT_FAIL, "--%s: %s", names[i], msg);
	}
	f.text = args_get(a, "search");
	f.unmanaged = args_flag(a, "unmanaged");
	enum zs_order order = ZS_NEWEST;
	const char *sort = args_get(a, "sort");
	if (sort) {
		static const char *const orders[] = {"newest", "oldest", "amount", "amount-asc"};
		size_t i;
		for (i = 0; i < 4 && strcmp(sort, orders[i]); i++)
			;
		if (i == 4)
			return cli_error(EXIT_USAGE, "%s",
					 _("--sort takes newest, oldest, amount or amount-asc"));
		order = (enum zs_order)i;
	}
	if (zs_filter_save(z, a->pos[1], &f, order) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Lists the names of my saved filters. */
static int filter_list(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"name"};
	static const char *const labels[] = {N_("Name")};
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, _("filter list: unexpected word %s"), a->pos[1]);
	size_t n = zs_filter_names(z, NULL, 0);
	char (*names)[ZS_FILTER_NAME_BYTES] = xcalloc(n ? n : 1, sizeof *names);
	n = zs_filter_names(z, names, n);
	struct out *o = out_begin(1, keys, labels);
	for (size_t i = 0; i < n; i++) {
		const char *row[1] = {names[i]};
		out_row(o, row);
	}
	free(names);
	return out_end(o);
}

/* Deletes my saved filter NAME. */
static int filter_delete(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk filter delete NAME"));
	return zs_filter_delete(z, a->pos[1]) == ZS_OK ? EXIT_OK : cli_fail(z);
}

static const struct cli_option save_options[] = {
	CLI_PROJECT_FILTERS,
	{"sort", "ORDER", N_("newest (the default), oldest, amount or amount-asc")},
	{NULL, NULL, NULL},
};

static const struct cli_verb filter_verbs[] = {
	{"save", "NAME [--district D] [--stage S] [--industry I] [--manager M] [--enterprise E] "
		 "[--min AMOUNT] [--max AMOUNT] [--unmanaged] [--search TEXT] [--sort ORDER]",
	 N_("Save these filters of the project library under a name (mine alone)"), filter_save,
	 save_options, CMD_DATABASE},
	{"list", "", N_("The names of my saved filters"), filter_list, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"delete", "NAME", N_("Delete my saved filter NAME"), filter_delete, NULL, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_filter = {
	.name = "filter",
	.summary = N_("My saved filters of the project library: save, list, delete"),
	.kind = KIND_PROJECT,
	.verbs = filter_verbs,
};

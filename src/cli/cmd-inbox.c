/*
 * cmd-inbox.c - zsdesk inbox: what came to me since I last looked (我的待办).
 *
 * The entries are worked out by core (inbox.c) from the records; this
 * file prints them and sets the officer's read marks.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"
#include "xalloc.h"

/* Reads --days (default 14); -1 on a bad value. */
static int days_option(const struct args *a)
{
	const char *s = args_get(a, "days");
	if (!s)
		return 14;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < 0 || n > 366)
		return -1;
	return (int)n;
}

/* Lists my inbox; marks it read when asked. */
static int inbox_run(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"new",  "what",   "record", "id",
					   "name", "detail", "date",   "key"};
	static const char *const labels[] = {N_("New"),	   N_("What"),	 N_("Record"), N_("No."),
					     N_("Project"), N_("Detail"), N_("Date"),   N_("Key")};
	if (a->npos)
		return cli_error(EXIT_USAGE, _("inbox takes no word %s"), a->pos[0]);
	int days = days_option(a);
	if (days < 0)
		return cli_error(EXIT_USAGE, "%s", _("--days takes a number of days from 0 to 366"));
	const char *one = args_get(a, "read");
	if (one) {
		size_t n = zs_inbox(z, days, true, NULL, 0, NULL);
		struct zs_inbox_entry *all = xreallocarray(NULL, n ? n : 1, sizeof *all);
		n = zs_inbox(z, days, true, all, n, NULL);
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = !strcmp(all[i].key, one);
		free(all);
		if (!found)
			return cli_error(EXIT_FAIL,
					 _("--read: %s is not an entry of your inbox (the key column "
					   "of zsdesk inbox --all --format tsv names them)"),
					 one);
		return zs_inbox_mark(z, days, one) == ZS_OK ? EXIT_OK : cli_fail(z);
	}
	bool all = args_flag(a, "all");
	size_t n = zs_inbox(z, days, all, NULL, 0, NULL);
	struct zs_inbox_entry *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	n = zs_inbox(z, days, all, v, n, NULL);
	struct out *o = out_begin(8, keys, labels);
	for (size_t i = 0; i < n; i++) {
		char what[128], name[256], detail[512], id[32], date[11] = "";
		zs_inbox_describe(z, &v[i], what, sizeof what, name, sizeof name, detail,
				  sizeof detail);
		zs_id_text(v[i].id, id, sizeof id);
		if (v[i].date)
			date_format(v[i].date, date);
		const char *row[8] = {v[i].unread ? "*" : "", what,
				      _(schema_kind(v[i].kind)->label), id, name, detail, date,
				      v[i].key};
		out_row(o, row);
	}
	free(v);
	int rc = out_end(o);
	if (rc == EXIT_OK && args_flag(a, "mark-read") && zs_inbox_mark(z, days, NULL) != ZS_OK)
		return cli_fail(z);
	return rc;
}

static const struct cli_option inbox_options[] = {
	{"all", NULL, N_("also the entries already read")},
	{"mark-read", NULL, N_("after listing, mark everything read")},
	{"read", "KEY", N_("mark one entry read (its key, as the list gives it)")},
	{"days", "N", N_("first-talk periods ending within N days (default 14)")},
	{NULL, NULL, NULL},
};

const struct command cmd_inbox = {
	.name = "inbox",
	.summary = N_("My inbox (我的待办): issues waiting on me, first talks ending, projects "
		      "given to me, claims for the city"),
	.flags = CMD_DATABASE,
	.usage = "[--all] [--mark-read] [--read KEY] [--days N]",
	.run = inbox_run,
	.options = inbox_options,
};

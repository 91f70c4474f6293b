/*
 * cmd-followup.c - zsdesk followup: the follow-up log (跟进记录) of
 * projects and enterprises - calls, visits, meetings.
 *
 * Adding, correcting, showing and the history are the verbs all records
 * share (records.c); the list is a project's or an enterprise's log,
 * latest contact first, read from core's log index.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"
#include "xalloc.h"

/* Logs a follow-up from the --FIELD options (core dates it today unless
 * --date says) and prints its id. */
static int followup_add(struct zs *z, struct args *a)
{
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("%s: unexpected word %s (values go with --options)"),
				 a->name, a->pos[1]);
	struct zs_entry *e = zs_entry_new(z, KIND_FOLLOWUP, 0);
	int rc = cli_fields(e, a);
	if (!rc)
		rc = rec_entry_save(z, e, NULL);
	zs_entry_free(e);
	return rc;
}

/* Reads a number option between lo and hi (def when absent); -1 when bad. */
static long number_option(const struct args *a, const char *name, long def, long lo, long hi)
{
	const char *s = args_get(a, name);
	if (!s)
		return def;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < lo || n > hi)
		return -1;
	return n;
}

/* Lists the log of a project or an enterprise, latest contact first. */
static int followup_list(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"id",	  "date",      "time",	    "type",
					   "project",	  "enterprise", "author",   "summary",
					   "next_step",	  "next_date"};
	static const char *const labels[] = {"ID",	     N_("Date"),	  N_("Time"),
					     N_("Kind of contact"), N_("Project"),	  N_("Enterprise"),
					     N_("Logged by"),	     N_("What was said"), N_("Next step"),
					     N_("Next step by")};
	const char *p = args_get(a, "project"), *e = args_get(a, "enterprise"),
		   *who = args_get(a, "officer");
	bool mine = args_flag(a, "mine");
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("followup list: unexpected word %s"), a->pos[1]);
	if ((p != NULL) + (e != NULL) + (who != NULL) + mine != 1)
		return cli_error(EXIT_USAGE, "%s",
				 _("followup list: give one of --project P, --enterprise E, --officer LOGIN "
				   "or --mine"));
	long limit = number_option(a, "limit", 50, 1, 1000000);
	long skip = number_option(a, "skip", 0, 0, 100000000);
	if (limit < 0)
		return cli_error(EXIT_USAGE, "%s", _("--limit takes a number from 1 to 1000000"));
	if (skip < 0)
		return cli_error(EXIT_USAGE, "%s", _("--skip takes a number from 0 up"));
	enum kind of = p ? KIND_PROJECT : e ? KIND_ENTERPRISE : KIND_OFFICER;
	const char *which = p ? p : e ? e : who;
	uint64_t id = zs_me(z);
	if (which && zs_resolve(z, of, which, &id) != ZS_OK)
		return cli_error(EXIT_FAIL, "--%s: %s", p ? "project" : e ? "enterprise" : "officer",
				 zs_error(z));
	uint64_t *ids = xreallocarray(NULL, (size_t)limit, sizeof *ids);
	size_t n = zs_followups(z, of, id, (size_t)skip, ids, (size_t)limit, NULL);
	if (zs_last_error(z)->status != ZS_OK) {
		free(ids);
		return cli_fail(z);
	}
	struct out *o = out_begin(10, keys, labels);
	for (size_t i = 0; i < n; i++) {
		struct rec r;
		rec_init(&r);
		if (zs_get(z, KIND_FOLLOWUP, ids[i], &r) != ZS_OK)
			continue;
		char v[10][2048];
		const char *row[10];
		zs_id_text(ids[i], v[0], sizeof v[0]);
		for (int k = 1; k < 10; k++) {
			zs_field_text(z, KIND_FOLLOWUP, &r, keys[k], v[k], sizeof v[k]);
			row[k] = v[k];
		}
		row[0] = v[0];
		out_row(o, row);
		rec_free(&r);
	}
	free(ids);
	return out_end(o);
}

static const struct cli_option list_options[] = {
	{"project", "P", N_("the log of this project")},
	{"enterprise", "E", N_("the log of this enterprise and its projects")},
	{"officer", "LOGIN", N_("the entries this officer logged")},
	{"mine", NULL, N_("the entries you logged")},
	{"limit", "N", N_("at most N entries (50 unless given)")},
	{"skip", "N", N_("leave out the N latest first (the next page)")},
	{NULL, NULL, NULL},
};

static const struct cli_option edit_options[] = {
	{"reason", "WHY", N_("why the entry is corrected (required), kept in the history")},
	{"expect-version", "V", N_("fail if the entry is no longer at version V")},
	{NULL, NULL, NULL},
};

static const struct cli_verb followup_verbs[] = {
	{"add",
	 "--project P|--enterprise E --type T [--date DATE] [--time HH:MM] --summary TEXT "
	 "[--FIELD VALUE...]",
	 N_("Log a call, visit or meeting; prints its id"), followup_add, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"list", "--project P|--enterprise E|--officer LOGIN|--mine [--limit N] [--skip N]",
	 N_("The log of a project or an enterprise, latest contact first"), followup_list,
	 list_options, CMD_DATABASE | CMD_READONLY},
	{"show", "ID", N_("Show one entry whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"edit", "ID --reason WHY --FIELD VALUE...",
	 N_("Correct your own entry, with a reason (others add a new entry)"), rec_edit,
	 edit_options, CMD_DATABASE | CMD_FIELDS},
	{"history", "ID", N_("The corrections of an entry"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_followup = {
	.name = "followup",
	.summary = N_("The follow-up log of projects and enterprises: calls, visits, meetings"),
	.kind = KIND_FOLLOWUP,
	.verbs = followup_verbs,
};

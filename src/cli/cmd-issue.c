/*
 * cmd-issue.c - zsdesk issue: enterprise issues (企业诉求) and their
 * escalation, from opening to resolution.
 *
 * The actions on an open issue (respond, note, ask, ...) are one verb each
 * in the table, all run by issue_act; the core decides who may take which.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

static const struct {
	const char *verb;
	enum zs_issue_action act;
} actions[] = {
	{"respond", ZS_ISSUE_RESPOND}, {"note", ZS_ISSUE_NOTE},       {"ask", ZS_ISSUE_ASK},
	{"resume", ZS_ISSUE_RESUME},   {"resolve", ZS_ISSUE_RESOLVE}, {"escalate", ZS_ISSUE_ESCALATE},
	{"decide", ZS_ISSUE_DECIDE},
};

/* Opens an issue from the --FIELD options and prints its id. */
static int issue_open(struct zs *z, struct args *a)
{
	struct zs_entry *e = zs_entry_new(z, KIND_ISSUE, 0);
	int rc = cli_fields(e, a);
	if (!rc && a->npos > 1)
		rc = cli_error(EXIT_USAGE, _("issue open: unexpected word %s"), a->pos[1]);
	if (!rc)
		rc = rec_entry_save(z, e, NULL);
	zs_entry_free(e);
	return rc;
}

/* Lists issues, with the days they are due by. */
static int issue_list(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"id", "project", "category", "level", "status",
					   "opened_on", "due", "need_by", "owner"};
	static const char *const labels[] = {"ID", N_("Project"), N_("Category"), N_("Level"),
					     N_("Status"), N_("Opened on"), N_("Due"),
					     N_("Needed by"), N_("First-contact officer")};
	struct zs_filter f = {0};
	const char *p = args_get(a, "project");
	if (p && zs_resolve(z, KIND_PROJECT, p, &f.project) != ZS_OK)
		return cli_error(EXIT_FAIL, "--project: %s", zs_error(z));
	if (args_flag(a, "mine"))
		f.owner = zs_me(z);
	f.open_issues = args_flag(a, "open") || args_flag(a, "overdue");
	bool overdue = args_flag(a, "overdue");
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("issue list: unexpected word %s"), a->pos[1]);
	struct out *o = out_begin(9, keys, labels);
	struct zs_cursor c = {0};
	uint64_t ids[256];
	date_t today = clock_today();
	while (!c.done) {
		size_t n = zs_list(z, KIND_ISSUE, &f, &c, ids, 256);
		for (size_t i = 0; i < n; i++) {
			struct rec r;
			rec_init(&r);
			if (zs_get(z, KIND_ISSUE, ids[i], &r) != ZS_OK)
				continue;
			date_t due = strcmp(rec_text(&r, "status", ""), "resolved") ? zs_issue_due(z, &r) : 0;
			if (overdue && !(due && due < today)) {
				rec_free(&r);
				continue;
			}
			char v[9][256];
			zs_id_text(ids[i], v[0], sizeof v[0]);
			zs_field_text(z, KIND_ISSUE, &r, "project", v[1], sizeof v[1]);
			zs_field_text(z, KIND_ISSUE, &r, "category", v[2], sizeof v[2]);
			zs_field_text(z, KIND_ISSUE, &r, "level", v[3], sizeof v[3]);
			zs_field_text(z, KIND_ISSUE, &r, "status", v[4], sizeof v[4]);
			snprintf(v[5], sizeof v[5], "%s", rec_text(&r, "opened_on", ""));
			v[6][0] = '\0';
			if (due)
				date_format(due, v[6]);
			snprintf(v[7], sizeof v[7], "%s", rec_text(&r, "need_by", ""));
			zs_field_text(z, KIND_ISSUE, &r, "owner", v[8], sizeof v[8]);
			const char *row[9];
			for (int k = 0; k < 9; k++)
				row[k] = v[k];
			out_row(o, row);
			rec_free(&r);
		}
	}
	return out_end(o);
}

/* Takes one action on an issue: zsdesk issue VERB ID [TEXT]. */
static int issue_act(struct zs *z, struct args *a)
{
	const char *verb = a->verb->name, *owner = args_get(a, "owner");
	size_t i = 0, n = sizeof actions / sizeof *actions;
	uint64_t id;
	while (i < n && strcmp(verb, actions[i].verb))
		i++;
	if (i == n)
		return cli_error(EXIT_USAGE, _("issue has no %s (see zsdesk issue --help)"), verb);
	if (a->npos < 2 || a->npos > 3)
		return cli_error(EXIT_USAGE, _("usage: zsdesk issue %s ID [TEXT]"), verb);
	if (zs_resolve(z, KIND_ISSUE, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
	if (zs_issue_act(z, id, actions[i].act, a->npos == 3 ? a->pos[2] : NULL, owner) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option list_options[] = {
	{"project", "P", N_("only the issues of this project")},
	{"mine", NULL, N_("only the issues you first took")},
	{"open", NULL, N_("only the issues not resolved")},
	{"overdue", NULL, N_("only the open issues past their due day")},
	{NULL, NULL, NULL},
};

static const struct cli_option act_options[] = {
	{"owner", "WHO", N_("who carries out the decision (with decide)")},
	{NULL, NULL, NULL},
};

/* Each action is a verb; its name is the key into actions[] above. */
static const struct cli_verb issue_verbs[] = {
	{"open", "--project P --category C --description TEXT [--need-by DATE]",
	 N_("Open an issue of a project; prints its id"), issue_open, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"list", "[--project P] [--mine] [--open] [--overdue]",
	 N_("List issues with the day each is due"), issue_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"show", "ID", N_("Show one issue"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("The changes of an issue"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"respond", "ID TEXT", N_("Record what was done or answered"), issue_act, act_options,
	 CMD_DATABASE},
	{"note", "ID TEXT", N_("Add a note to the trail"), issue_act, act_options, CMD_DATABASE},
	{"ask", "ID TEXT", N_("Ask the enterprise; the clock stops"), issue_act, act_options,
	 CMD_DATABASE},
	{"resume", "ID TEXT", N_("The enterprise answered; the clock goes on"), issue_act,
	 act_options, CMD_DATABASE},
	{"resolve", "ID TEXT", N_("Close the issue with the outcome"), issue_act, act_options,
	 CMD_DATABASE},
	{"escalate", "ID TEXT", N_("Take the issue up one level, with a reason"), issue_act,
	 act_options, CMD_DATABASE},
	{"decide", "ID DECISION --owner WHO",
	 N_("Record the leaders' decision and who carries it out"), issue_act, act_options,
	 CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_issue = {
	.name = "issue",
	.summary = N_("Enterprise issues: open, follow, escalate over working days, resolve"),
	.kind = KIND_ISSUE,
	.verbs = issue_verbs,
};

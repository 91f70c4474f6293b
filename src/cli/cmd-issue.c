/*
 * cmd-issue.c - zsdesk issue: enterprise issues (企业诉求) and their
 * escalation, from opening to resolution.
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

/* zsdesk issue open --project P --category C --description D [--need-by DATE] */
static int issue_open(struct zs *z, struct args *a)
{
	struct rec r;
	rec_init(&r);
	int rc = cli_fields(z, a, KIND_ISSUE, &r);
	if (!rc)
		rc = args_done(a, "issue open");
	if (!rc && a->npos > 1)
		rc = cli_error(EXIT_USAGE, _("issue open: unexpected word %s"), a->pos[1]);
	if (!rc) {
		char field[64], msg[512];
		uint64_t id = 0;
		if (zs_validate(z, KIND_ISSUE, &r, field, sizeof field, msg, sizeof msg) < 0)
			rc = cli_error(EXIT_FAIL, "%s", msg);
		else if (zs_issue_open(z, &id, &r) != ZS_OK)
			rc = cli_error(EXIT_FAIL, "%s", zs_error(z));
		else {
			char idb[32];
			charset_printf(stdout, "%s\n", zs_id_text(id, idb, sizeof idb));
		}
	}
	rec_free(&r);
	return rc;
}

/* zsdesk issue list [--project P] [--mine] [--open] [--overdue] */
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
	int rc = args_done(a, "issue list");
	if (rc)
		return rc;
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

/* Runs an issue subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "mine|open|overdue");
	if (rc)
		return rc;
	if (cli_wants_help(a, "issue"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s",
				 _("issue what? open, list, show, history, respond, note, ask, resume, "
				   "resolve, escalate or decide"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	const char *verb = a->pos[0];
	rc = -1;
	if (!strcmp(verb, "open"))
		rc = issue_open(z, a);
	else if (!strcmp(verb, "list"))
		rc = issue_list(z, a);
	else if (!strcmp(verb, "show"))
		rc = rec_cmd_show(z, a, KIND_ISSUE, "issue show");
	else if (!strcmp(verb, "history"))
		rc = rec_cmd_history(z, a, KIND_ISSUE, "issue history");
	for (size_t i = 0; rc == -1 && i < sizeof actions / sizeof *actions; i++) {
		if (strcmp(verb, actions[i].verb))
			continue;
		uint64_t id;
		const char *owner = args_get(a, "owner");
		if ((rc = args_done(a, verb)))
			break;
		if (a->npos < 2 || a->npos > 3)
			rc = cli_error(EXIT_USAGE, _("usage: zsdesk issue %s ID [TEXT]"), verb);
		else if (zs_resolve(z, KIND_ISSUE, a->pos[1], &id) != ZS_OK)
			rc = cli_error(EXIT_FAIL, "%s", zs_error(z));
		else if (zs_issue_act(z, id, actions[i].act, a->npos == 3 ? a->pos[2] : NULL, owner) !=
			 ZS_OK)
			rc = cli_error(EXIT_FAIL, "%s", zs_error(z));
		else
			rc = EXIT_OK;
	}
	if (rc == -1)
		rc = cli_error(EXIT_USAGE, _("issue has no %s (see zsdesk issue --help)"), verb);
	zs_close(z);
	return rc;
}

const struct command cmd_issue = {
	"issue",
	"issue open --project P --category C --description TEXT [--need-by DATE]\n"
	"       zsdesk issue list [--project P] [--mine] [--open] [--overdue]\n"
	"       zsdesk issue show|history ID\n"
	"       zsdesk issue respond|note|ask|resume|resolve|escalate ID TEXT\n"
	"       zsdesk issue decide ID DECISION --owner WHO",
	N_("Enterprise issues: open, follow, escalate over working days, resolve"),
	run,
};

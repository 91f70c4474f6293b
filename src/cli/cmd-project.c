/*
 * cmd-project.c - zsdesk project: the project library from the command line.
 */
#include <config.h>

#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* zsdesk project stage ID STAGE [--date D] [--reason R] */
static int project_stage(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project stage ID STAGE"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	const char *ds = args_get(a, "date"), *why = args_get(a, "reason");
	bool no_credit = args_flag(a, "no-credit");
	date_t d = 0;
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--date: not a date: %s (write e.g. 2026-11-22)"), ds);
	int rc = args_done(a, "project stage");
	if (rc)
		return rc;
	int st = zs_project_move(z, id, a->pos[2], d, why, no_credit);
	if (st != ZS_OK)
		return cli_error(cli_exit_of(st), "%s", zs_error(z));
	return EXIT_OK;
}

/* zsdesk project add: the fields, an optional first stage (lead or
 * talks), and the claim warning when the enterprise is known elsewhere. */
static int project_add(struct zs *z, struct args *a)
{
	const char *stage = args_get(a, "stage");
	struct rec r;
	rec_init(&r);
	int rc = cli_fields(z, a, KIND_PROJECT, &r);
	if (!rc)
		rc = args_done(a, "project add");
	if (!rc && a->npos > 1)
		rc = cli_error(EXIT_USAGE, _("project add: unexpected word %s"), a->pos[1]);
	if (!rc && stage) {
		const struct profile_item *it = profile_find(&zs_profile(z)->stages, stage);
		if (!it || (strcmp(it->code, "lead") && strcmp(it->code, "talks")))
			rc = cli_error(EXIT_FAIL, "%s",
				       _("a new project starts as a lead (线索) or in talks (在谈)"));
		else
			rec_set_text(&r, "stage", it->code);
	}
	if (rc) {
		rec_free(&r);
		return rc;
	}
	/* Districts must not bid against each other for one project. */
	struct rec e;
	rec_init(&e);
	uint64_t claims[16];
	size_t nc = 0;
	if (zs_get(z, KIND_ENTERPRISE, (uint64_t)rec_int(&r, "enterprise", 0), &e) == ZS_OK)
		nc = zs_claims(z, rec_text(&e, "credit_code", NULL), rec_text(&e, "name", NULL),
			       (uint64_t)rec_int(&r, "district", 0), claims, 16);
	rec_free(&e);
	if (nc) {
		char seen[256] = "", idb[32];
		size_t used = 0;
		for (size_t i = 0; i < nc; i++) {
			struct rec p;
			char dist[64], st[64];
			rec_init(&p);
			if (zs_get(z, KIND_PROJECT, claims[i], &p) != ZS_OK)
				continue;
			zs_field_text(z, KIND_PROJECT, &p, "district", dist, sizeof dist);
			zs_field_text(z, KIND_PROJECT, &p, "stage", st, sizeof st);
			cli_warn(_("the enterprise already has project %s %s (%s, %s)"),
				 zs_id_text(claims[i], idb, sizeof idb), rec_text(&p, "enterprise_name", ""), dist, st);
			used += (size_t)snprintf(seen + used, sizeof seen - used, "%s%s", used ? "," : "",
						 idb);
			rec_free(&p);
		}
		rec_set_text(&r, "claim_seen", seen);
	}
	return rec_cmd_create(z, KIND_PROJECT, &r, nc ? _("saved after the claim warning") : NULL);
}

/* zsdesk project prereport ID [--date D] */
static int project_prereport(struct zs *z, struct args *a)
{
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk project prereport ID [--date DATE]"));
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	const char *ds = args_get(a, "date");
	date_t d = 0;
	if (ds && date_parse(ds, &d) < 0)
		return cli_error(EXIT_FAIL, _("--date: not a date: %s (write e.g. 2026-11-22)"), ds);
	int rc = args_done(a, "project prereport");
	if (rc)
		return rc;
	if (zs_prereport(z, id, d) != ZS_OK)
		return cli_error(EXIT_FAIL, "%s", zs_error(z));
	return EXIT_OK;
}

/* Runs a project subcommand. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "no-credit|unmanaged");
	if (rc)
		return rc;
	if (cli_wants_help(a, "project"))
		return EXIT_OK;
	if (a->npos == 0)
		return cli_error(EXIT_USAGE, "%s",
				 _("project what? add, list, show, edit, stage, prereport or history"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	const char *verb = a->pos[0];
	if (!strcmp(verb, "stage"))
		rc = project_stage(z, a);
	else if (!strcmp(verb, "add"))
		rc = project_add(z, a);
	else if (!strcmp(verb, "prereport"))
		rc = project_prereport(z, a);
	else if ((rc = rec_cmd_verbs(z, a, KIND_PROJECT, "project", verb)) == -1)
		rc = cli_error(EXIT_USAGE,
			       _("project has no %s (add, list, show, edit, stage, prereport, history)"),
			       verb);
	zs_close(z);
	return rc;
}

const struct command cmd_project = {
	"project",
	"project add --name NAME --enterprise E --industry I --investment AMOUNT --district D "
	"[--stage lead|talks] [--FIELD VALUE...]\n"
	"       zsdesk project list [--district D] [--stage S] [--industry I] [--manager M] "
	"[--enterprise E] [--min AMOUNT] [--max AMOUNT] [--unmanaged] [--search TEXT] [--sort ORDER] "
	"[--limit N] [--before ID]\n"
	"       zsdesk project show ID\n"
	"       zsdesk project edit ID [--expect-version V] [--reason WHY] --FIELD VALUE...\n"
	"       zsdesk project stage ID STAGE [--date DATE] [--reason WHY] [--no-credit]\n"
	"       zsdesk project prereport ID [--date DATE]\n"
	"       zsdesk project history ID",
	N_("Add, list, show, change and move projects through their stages"),
	run,
};

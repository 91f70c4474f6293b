/*
 * cmd-library.c - zsdesk prospect, event, carrier, policy, expert, agency
 * and visit: the libraries beside the project library (target
 * enterprises 目标企业清单, promotion events 推介活动库, space and land
 * carriers 空间资源载体, policies 政策清单, experts 专家库, intermediaries
 * and ambassadors 中介、招商大使, visit plans 走访计划).
 *
 * Adding, changing, showing, listing and the history are the verbs all
 * records share (records.c), which print the warnings core gives before
 * a save (an event's clash needs --confirm); each library adds the list
 * of its clashes as the city office and the districts concerned see it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"

static const struct cli_option list_options[] = {
	{"search", "TEXT", N_("only those matching the text (Chinese, pinyin initials or full pinyin)")},
	{"district", "D", N_("only those of this district")},
	{"sort", "ORDER", N_("newest (the default) or oldest")},
	{"limit", "N", N_("at most N (from 1 to 1000000)")},
	{"before", "ID", N_("the page after the one ending at ID")},
	{NULL, NULL, NULL},
};

static const struct cli_option event_add_options[] = {
	{"confirm", NULL, N_("save although it clashes with other districts' events")},
	{NULL, NULL, NULL},
};

static const struct cli_option event_edit_options[] = {
	{"confirm", NULL, N_("save although it clashes with other districts' events")},
	{"expect-version", "V", N_("fail if the record is no longer at version V")},
	{"reason", "WHY", N_("why, kept in the history and the audit log")},
	{NULL, NULL, NULL},
};

/* Text of field f of record id of kind k, into buf ("" when unreadable). */
static const char *cell(struct zs *z, enum kind k, uint64_t id, const char *f, char *buf, size_t n)
{
	struct rec r;
	rec_init(&r);
	buf[0] = '\0';
	if (!strcmp(f, "id"))
		zs_id_text(id, buf, n);
	else if (zs_get(z, k, id, &r) == ZS_OK)
		zs_field_text(z, k, &r, f, buf, n);
	rec_free(&r);
	return buf;
}

struct pair_out {
	struct zs *z;
	struct out *o;
	enum kind k; /* of a and b */
	const char *const *fields; /* of a, then of b */
	int nf;
	bool about; /* a first column: the carrier */
};

/* One clash: a row of both sides. */
static int pair_row(void *ctx, const struct zs_pair *p)
{
	struct pair_out *po = ctx;
	char v[12][512];
	const char *row[12];
	int c = 0;
	if (po->about) {
		zs_id_text(p->about, v[c], sizeof v[c]);
		row[c] = v[c];
		c++;
		row[c] = cell(po->z, KIND_CARRIER, p->about, "name", v[c], sizeof v[c]);
		c++;
	}
	for (int side = 0; side < 2; side++)
		for (int i = 0; i < po->nf; i++, c++)
			row[c] = cell(po->z, po->k, side ? p->b : p->a, po->fields[i], v[c], sizeof v[c]);
	out_row(po->o, row);
	return 0;
}

/* Lists the clashes of kind k: cols keys and labels of one side. */
static int pairs(struct zs *z, struct args *a, enum kind k, enum kind of,
		 const char *const *fields, const char *const *labels, int nf)
{
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("%s: unexpected word %s"), a->name, a->pos[1]);
	const char *keys[12], *lab[12];
	char kb[12][40];
	int c = 0;
	bool about = k == KIND_CARRIER;
	if (about) {
		keys[c] = "carrier", lab[c++] = N_("Carrier");
		keys[c] = "carrier_name", lab[c++] = N_("Carrier name");
	}
	for (int side = 0; side < 2; side++)
		for (int i = 0; i < nf; i++, c++) {
			snprintf(kb[c], sizeof kb[c], "%s%s", side ? "other_" : "", fields[i]);
			keys[c] = kb[c];
			lab[c] = labels[i];
		}
	struct out *o = out_begin(c, keys, lab);
	struct pair_out po = {z, o, of, fields, nf, about};
	zs_lib_pairs(z, k, pair_row, &po);
	if (zs_last_error(z)->status != ZS_OK) {
		out_end(o);
		return cli_fail(z);
	}
	return out_end(o);
}

static int event_clashes(struct zs *z, struct args *a)
{
	static const char *const f[] = {"id", "name", "date", "district", "region", "industry"};
	static const char *const l[] = {"ID", N_("Event"), N_("Date"), N_("Organiser"),
					N_("Target region"), N_("Industry")};
	return pairs(z, a, KIND_EVENT, KIND_EVENT, f, l, 6);
}

static int target_shared(struct zs *z, struct args *a)
{
	static const char *const f[] = {"id", "name", "district", "status", "chain"};
	static const char *const l[] = {"ID", N_("Enterprise name"), N_("Chasing district"),
					N_("Status"), N_("Industry chain")};
	return pairs(z, a, KIND_TARGET, KIND_TARGET, f, l, 5);
}

static int carrier_promised(struct zs *z, struct args *a)
{
	static const char *const f[] = {"id", "name", "district", "stage"};
	static const char *const l[] = {"ID", N_("Project name"), N_("District"), N_("Stage")};
	return pairs(z, a, KIND_CARRIER, KIND_PROJECT, f, l, 4);
}

static const struct cli_verb target_verbs[] = {
	{"add", "--name N --chain C --status S [--class C,...] [--FIELD VALUE...]",
	 N_("Add an enterprise your district is chasing; prints its id"), rec_add, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"edit", "ID --FIELD VALUE...", N_("Change a target enterprise"), rec_edit,
	 rec_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"show", "ID", N_("Show one whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"list", "[--search TEXT] [--district D] [--limit N]",
	 N_("List them, newest first, searched by Chinese or pinyin"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("Every change of one, who and when"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"shared", "", N_("Enterprises chased by two districts (yours, or all for the city office)"),
	 target_shared, NULL, CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct cli_verb event_verbs[] = {
	{"add",
	 "--name N --date DATE --region R --industry I --in-plan yes|no [--plan-reason WHY] "
	 "[--confirm] [--FIELD VALUE...]",
	 N_("Add a promotion event; one clashing with another district's needs --confirm"), rec_add,
	 event_add_options, CMD_DATABASE | CMD_FIELDS},
	{"edit", "ID [--confirm] --FIELD VALUE...", N_("Change a promotion event"), rec_edit,
	 event_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"show", "ID", N_("Show one whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"list", "[--search TEXT] [--district D] [--limit N]",
	 N_("List them, newest first, searched by Chinese or pinyin"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("Every change of one, who and when"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"clashes", "",
	 N_("Events of two districts at the same region and industry within the profile's days"),
	 event_clashes, NULL, CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct cli_verb carrier_verbs[] = {
	{"add", "--name N --type park|plot|building --area A --area-unit mu|sqm "
		"--availability A [--contiguous MU] [--FIELD VALUE...]",
	 N_("Add a park, plot or building; prints its id"), rec_add, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"edit", "ID --FIELD VALUE...", N_("Change a carrier"), rec_edit, rec_edit_options,
	 CMD_DATABASE | CMD_FIELDS},
	{"show", "ID", N_("Show one whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"list", "[--search TEXT] [--district D] [--limit N]",
	 N_("List them, newest first, searched by Chinese or pinyin"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("Every change of one, who and when"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"promised", "", N_("Carriers promised to two live projects"), carrier_promised, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

/* The policy named by word 1 of a, or an exit code. */
static int policy_id(struct zs *z, struct args *a, int words, uint64_t *id)
{
	if (a->npos < 2)
		return cli_error(EXIT_USAGE, "%s", _("which policy? give its number or name"));
	if (a->npos > words)
		return cli_error(EXIT_USAGE, _("%s: unexpected word %s"), a->name, a->pos[words]);
	if (zs_resolve(z, KIND_POLICY, a->pos[1], id) != ZS_OK)
		return cli_fail(z);
	return 0;
}

static int policy_file(struct zs *z, struct args *a)
{
	uint64_t id;
	int rc = policy_id(z, a, 2, &id);
	if (rc)
		return rc;
	return zs_policy_file(z, id) == ZS_OK ? EXIT_OK : cli_fail(z);
}

static int policy_answer(struct zs *z, struct args *a, bool accept)
{
	uint64_t id;
	int rc = policy_id(z, a, 2, &id);
	if (rc)
		return rc;
	return zs_policy_answer(z, id, accept, args_get(a, "reason")) == ZS_OK ? EXIT_OK
										  : cli_fail(z);
}

static int policy_accept(struct zs *z, struct args *a)
{
	return policy_answer(z, a, true);
}

static int policy_return(struct zs *z, struct args *a)
{
	return policy_answer(z, a, false);
}

static int policy_link_verb(struct zs *z, struct args *a, bool link)
{
	uint64_t id, project;
	int rc = policy_id(z, a, 2, &id);
	if (rc)
		return rc;
	const char *p = args_get(a, "project");
	if (!p)
		return cli_error(EXIT_USAGE, _("%s: which project? give --project P"), a->name);
	if (zs_resolve(z, KIND_PROJECT, p, &project) != ZS_OK)
		return cli_error(EXIT_FAIL, "--project: %s", zs_error(z));
	return zs_policy_link(z, id, project, link) == ZS_OK ? EXIT_OK : cli_fail(z);
}

static int policy_link(struct zs *z, struct args *a)
{
	return policy_link_verb(z, a, true);
}

static int policy_unlink(struct zs *z, struct args *a)
{
	return policy_link_verb(z, a, false);
}

/* The projects linked to a policy that the officer may see. */
static int policy_projects(struct zs *z, struct args *a)
{
	uint64_t id;
	int rc = policy_id(z, a, 2, &id);
	if (rc)
		return rc;
	uint64_t *ids = calloc(100000, sizeof *ids);
	if (!ids)
		return cli_error(EXIT_FAIL, "%s", _("out of memory"));
	size_t n = zs_policy_projects(z, id, ids, 100000);
	rc = out_records(z, KIND_PROJECT, ids, n);
	free(ids);
	return rc;
}

static const struct cli_option reason_options[] = {
	{"reason", "WHY", N_("the city office's answer (required to return it)")},
	{NULL, NULL, NULL},
};

static const struct cli_option link_options[] = {
	{"project", "P", N_("the project (number)")},
	{NULL, NULL, NULL},
};

static const struct cli_verb policy_verbs[] = {
	{"add", "--name N --level national|provincial|municipal|county [--FIELD VALUE...]",
	 N_("Add a policy; a district's own is then filed with the city office"), rec_add, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"edit", "ID --FIELD VALUE...", N_("Change a policy"), rec_edit, rec_edit_options,
	 CMD_DATABASE | CMD_FIELDS},
	{"show", "ID", N_("Show one whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"list", "[--search TEXT] [--district D] [--limit N]",
	 N_("List them, newest first, searched by Chinese or pinyin"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("Every change of one, who and when"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"file", "ID", N_("File (备案) your district's policy with the city office"), policy_file,
	 NULL, CMD_DATABASE},
	{"accept", "ID [--reason TEXT]", N_("The city office accepts a filed policy"),
	 policy_accept, reason_options, CMD_DATABASE},
	{"return", "ID --reason WHY", N_("The city office returns a filed policy, saying why"),
	 policy_return, reason_options, CMD_DATABASE},
	{"link", "ID --project P", N_("Link the policy to a project"), policy_link, link_options,
	 CMD_DATABASE},
	{"unlink", "ID --project P", N_("Take the link to a project away"), policy_unlink,
	 link_options, CMD_DATABASE},
	{"projects", "ID", N_("The projects the policy is linked to (yours, or all for the city)"),
	 policy_projects, NULL, CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct cli_verb source_verbs[] = {
	{"add", "--name N [--FIELD VALUE...]", N_("Add one; prints its id"), rec_add, NULL,
	 CMD_DATABASE | CMD_FIELDS},
	{"edit", "ID --FIELD VALUE...", N_("Change one"), rec_edit, rec_edit_options,
	 CMD_DATABASE | CMD_FIELDS},
	{"show", "ID", N_("Show one whole"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"list", "[--search TEXT] [--district D] [--limit N]",
	 N_("List them, newest first, searched by Chinese or pinyin"), rec_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"history", "ID", N_("Every change of one, who and when"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_policy = {
	.name = "policy",
	.summary = N_("Policies (政策清单): searchable, linked to projects, a district's filed (备案)"),
	.kind = KIND_POLICY,
	.verbs = policy_verbs,
};

const struct command cmd_expert = {
	.name = "expert",
	.summary = N_("The expert pool (专家库): lead sources a project can name"),
	.kind = KIND_EXPERT,
	.verbs = source_verbs,
};

const struct command cmd_agency = {
	.name = "agency",
	.summary = N_("Intermediaries, agencies and investment ambassadors (中介、招商大使)"),
	.kind = KIND_AGENCY,
	.verbs = source_verbs,
};

const struct command cmd_visit = {
	.name = "visit",
	.summary = N_("Visit plans (走访计划), ticked off by follow-ups"),
	.kind = KIND_VISIT,
	.verbs = source_verbs,
};

const struct command cmd_prospect = {
	.name = "prospect",
	.summary = N_("Target enterprises (目标企业清单) the districts are chasing"),
	.kind = KIND_TARGET,
	.verbs = target_verbs,
};

const struct command cmd_event = {
	.name = "event",
	.summary = N_("Promotion events (推介活动库), with clash detection"),
	.kind = KIND_EVENT,
	.verbs = event_verbs,
};

const struct command cmd_carrier = {
	.name = "carrier",
	.summary = N_("Space and land carriers (空间资源载体): parks, plots, buildings"),
	.kind = KIND_CARRIER,
	.verbs = carrier_verbs,
};

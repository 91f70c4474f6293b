/*
 * cmd-conflict.c - zsdesk conflict: changes of one field made on two copies.
 *
 * Neither change is lost: both are kept in the queue, the later shown
 * until an officer chooses one or gives a new value; the resolution is an
 * operation like any other and clears the conflict on every copy.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "conflicts-desk.h"
#include "i18n.h"
#include "records.h"
#include "sync.h"

/* One row of conflict list. */
static void list_one(void *ctx, const struct zs_sync_conflict *c)
{
	char rec[32], a[48], b[48];
	zs_id_text(c->record, rec, sizeof rec);
	snprintf(a, sizeof a, "%u", c->side[0].node);
	snprintf(b, sizeof b, "%u", c->side[1].node);
	/* The fields by their labels. */
	char labels[256] = "", fl[128];
	snprintf(fl, sizeof fl, "%s", c->fields);
	char *save = NULL;
	for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
		size_t l = strlen(labels);
		snprintf(labels + l, sizeof labels - l, "%s%s", l ? ", " : "",
			 zs_field_label(c->kind, f));
	}
	const char *row[8] = {c->id, _(schema_kind(c->kind)->label), rec, labels, c->side[0].value, a,
			      c->side[1].value, b};
	out_row(ctx, row);
}

/* Lists the open conflicts. */
static int conflict_list(struct zs *z, struct args *a)
{
	(void)a;
	static const char *const keys[] = {"id", "kind", "record", "fields", "a", "a_node", "b", "b_node"};
	static const char *const labels[] = {N_("Conflict"), N_("Kind"), N_("Record"),
					     N_("Fields"), N_("A"), N_("A node"),
					     N_("B (shown)"), N_("B node")};
	struct out *o = out_begin(8, keys, labels);
	/* An officer sees the conflicts of the fields he may see: two values
	 * of another district's project are as private as the project. */
	size_t hidden = 0;
	if (zs_conflict_list_seen(z, list_one, o, &hidden) != ZS_OK) {
		out_free(o);
		return cli_fail(z);
	}
	int rc = out_end(o);
	if (hidden)
		charset_printf(stderr, _("conflicts of other districts' records, not shown: %zu\n"),
			       hidden);
	return rc;
}

/* Resolves one conflict. */
static int conflict_resolve(struct zs *z, struct args *a)
{
	const char *take = args_get(a, "take"), *value = args_get(a, "value");
	if (a->npos != 2 || (!take) == (!value) ||
	    (take && strcmp(take, "A") && strcmp(take, "B") && strcmp(take, "a") && strcmp(take, "b")))
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk conflict resolve ID --take A|B, or --value VALUE"));
	char t = take ? (char)(take[0] & ~0x20) : 0;
	if (zs_conflict_resolve(z, a->pos[1], t, value) != ZS_OK)
		return cli_fail(z);
	charset_printf(stdout, _("conflict %s resolved\n"), a->pos[1]);
	return EXIT_OK;
}

static const struct cli_option resolve_options[] = {
	{"take", "A|B", N_("keep the value of side A or B")},
	{"value", "VALUE", N_("a new value for the field instead")},
	{NULL, NULL, NULL},
};

static const struct cli_verb conflict_verbs[] = {
	{"list", "", N_("Fields changed on two copies apart, with both values"), conflict_list,
	 NULL, CMD_DATABASE},
	{"resolve", "ID --take A|B | --value VALUE",
	 N_("Choose a value; the choice travels to every copy"), conflict_resolve,
	 resolve_options, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_conflict = {
	.name = "conflict",
	.summary = N_("The conflict queue: one field changed on two copies"),
	.verbs = conflict_verbs,
};

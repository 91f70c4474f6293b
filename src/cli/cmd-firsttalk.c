/*
 * cmd-firsttalk.c - zsdesk firsttalk: the first-talk register (首谈制) and
 * transfers (流转).
 *
 * The register is the core's; this file prints it with the days left and
 * passes a transfer on, with the share of credit the first district keeps.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "records.h"
#include "xalloc.h"

/* Lists the first-talk register, by default what is running or due. */
static int ft_list(struct zs *z, struct args *a)
{
	static const char *const keys[] = {"id", "name", "district", "registered", "until",
					   "days_left", "status", "investment"};
	static const char *const labels[] = {"ID",		   N_("Project name"),
					     N_("First-talk district"), N_("First talk registered"),
					     N_("Exclusive until"),   N_("Days left"),
					     N_("First talk"),	   N_("Total investment")};
	const char *status = args_get(a, "status");
	if (a->npos > 1)
		return cli_error(EXIT_USAGE, _("firsttalk list: unexpected word %s"), a->pos[1]);
	static const char *const all[] = {"active", "lapsed", "transferred", "progressed", "closed"};
	int from = 0, to = 2; /* the register: running and due for transfer */
	if (status) {
		for (from = 0; from < 5 && strcmp(all[from], status); from++)
			;
		if (!strcmp(status, "all")) {
			from = 0;
			to = 5;
		} else if (from == 5) {
			return cli_error(EXIT_USAGE, "%s",
					 _("--status takes active, lapsed, transferred, progressed, closed "
					   "or all"));
		} else {
			to = from + 1;
		}
	}
	struct out *o = out_begin(8, keys, labels);
	uint64_t *ids = xreallocarray(NULL, 100000, sizeof *ids);
	date_t today = clock_today();
	for (int s = from; s < to; s++) {
		size_t n = zs_register(z, all[s], ids, 100000);
		for (size_t i = 0; i < n; i++) {
			struct rec r;
			rec_init(&r);
			if (zs_get(z, KIND_PROJECT, ids[i], &r) != ZS_OK)
				continue;
			char v[8][256];
			date_t until = 0;
			zs_id_text(ids[i], v[0], sizeof v[0]);
			snprintf(v[1], sizeof v[1], "%s", rec_text(&r, "name", ""));
			zs_field_text(z, KIND_PROJECT, &r, "ft_district", v[2], sizeof v[2]);
			snprintf(v[3], sizeof v[3], "%s", rec_text(&r, "ft_registered", ""));
			snprintf(v[4], sizeof v[4], "%s", rec_text(&r, "ft_until", ""));
			v[5][0] = '\0';
			if (s == 0 && date_parse(v[4], &until) == 0)
				snprintf(v[5], sizeof v[5], "%d", (int)(until - today));
			zs_field_text(z, KIND_PROJECT, &r, "ft_status", v[6], sizeof v[6]);
			zs_field_text(z, KIND_PROJECT, &r, "investment", v[7], sizeof v[7]);
			const char *row[8];
			for (int k = 0; k < 8; k++)
				row[k] = v[k];
			out_row(o, row);
			rec_free(&r);
		}
	}
	free(ids);
	return out_end(o);
}

/* Transfers a project whose first talk lapsed to another district. */
static int ft_transfer(struct zs *z, struct args *a)
{
	uint64_t id, to;
	const char *dist = args_get(a, "to"), *why = args_get(a, "reason"),
		   *keep = args_get(a, "keep");
	if (a->npos != 2 || !dist)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk firsttalk transfer ID --to DISTRICT --reason WHY"));
	int pct = -1;
	if (keep) {
		char *end;
		long v = strtol(keep, &end, 10);
		if (!*keep || *end || v < 0 || v > 100)
			return cli_error(EXIT_USAGE, "%s", _("--keep takes a percentage from 0 to 100"));
		pct = (int)v;
	}
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK ||
	    zs_resolve(z, KIND_DISTRICT, dist, &to) != ZS_OK)
		return cli_fail(z);
	if (zs_transfer(z, id, to, why, pct) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option list_options[] = {
	{"status", "S", N_("active, lapsed, transferred, progressed, closed or all")},
	{NULL, NULL, NULL},
};

static const struct cli_option transfer_options[] = {
	{"to", "DISTRICT", N_("the district that takes the project on")},
	{"reason", "WHY", N_("why, kept in the history")},
	{"keep", "PERCENT", N_("the share of credit the first district keeps")},
	{NULL, NULL, NULL},
};

static const struct cli_verb firsttalk_verbs[] = {
	{"list", "[--status active|lapsed|transferred|progressed|closed|all]",
	 N_("The register with the days left to each first talk"), ft_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"transfer", "ID --to DISTRICT --reason WHY [--keep PERCENT]",
	 N_("Transfer a project to another district"), ft_transfer, transfer_options,
	 CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_firsttalk = {
	.name = "firsttalk",
	.summary = N_("The first-talk register with days left, and transfers to another district"),
	.verbs = firsttalk_verbs,
};

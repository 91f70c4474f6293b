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
	static const char *const all[] = {"active",	 "lapsed", "claim",
					  "transferred", "progressed", "closed"};
	const int nall = (int)(sizeof all / sizeof *all);
	int from = 0, to = 3; /* the register: running, due for transfer, claims */
	if (status) {
		for (from = 0; from < nall && strcmp(all[from], status); from++)
			;
		if (!strcmp(status, "all")) {
			from = 0;
			to = nall;
		} else if (from == nall) {
			return cli_error(EXIT_USAGE, "%s",
					 _("--status takes active, lapsed, claim, transferred, progressed, "
					   "closed or all"));
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
			bool over = s == 0 && date_parse(v[4], &until) == 0 && until < today;
			if (s == 0 && until && !over)
				snprintf(v[5], sizeof v[5], "%d", (int)(until - today));
			/* As of now: a period over is due for transfer even before
			 * the clock (zsdesk tick) has run. */
			if (over)
				rec_set_text(&r, "ft_status", "lapsed");
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
	struct zs_transfer_opts o = {why, args_get(a, "decision"), pct, args_flag(a, "pushed")};
	if (zs_transfer(z, id, to, &o) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* A city decision on a first talk: zsdesk firsttalk decide ID WHAT. */
static int ft_decide(struct zs *z, struct args *a)
{
	static const struct {
		const char *word;
		enum zs_ft_decision what;
	} whats[] = {{"strategic", ZS_FT_STRATEGIC},
		     {"not-strategic", ZS_FT_NOT_STRATEGIC},
		     {"grant", ZS_FT_GRANT},
		     {"refuse", ZS_FT_REFUSE}};
	uint64_t id;
	if (a->npos != 3)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk firsttalk decide ID strategic|not-strategic|grant|"
				   "refuse [--reason WHY]"));
	size_t i = 0;
	while (i < sizeof whats / sizeof *whats && strcmp(whats[i].word, a->pos[2]))
		i++;
	if (i == sizeof whats / sizeof *whats)
		return cli_error(EXIT_USAGE, _("%s is not a decision: strategic, not-strategic, grant "
					       "or refuse"),
				 a->pos[2]);
	if (zs_resolve(z, KIND_PROJECT, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
	if (zs_first_talk_decide(z, id, whats[i].what, args_get(a, "reason")) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option list_options[] = {
	{"status", "S", N_("active, lapsed, claim, transferred, progressed, closed or all")},
	{NULL, NULL, NULL},
};

static const struct cli_option transfer_options[] = {
	{"to", "DISTRICT", N_("the district that takes the project on")},
	{"reason", "WHY", N_("why, kept in the history")},
	{"keep", "PERCENT", N_("the share of credit the first district keeps")},
	{"decision", "TEXT", N_("the city's recorded decision (while the first talk is exclusive)")},
	{"pushed", NULL, N_("the district pushed the project to the city: credited as its own")},
	{NULL, NULL, NULL},
};

static const struct cli_option decide_options[] = {
	{"reason", "WHY", N_("why (needed to grant or refuse a claim)")},
	{NULL, NULL, NULL},
};

static const struct cli_verb firsttalk_verbs[] = {
	{"list", "[--status active|lapsed|claim|transferred|progressed|closed|all]",
	 N_("The register with the days left to each first talk"), ft_list, list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"transfer", "ID --to DISTRICT --reason WHY [--keep PERCENT] [--decision TEXT] [--pushed]",
	 N_("Transfer a project to another district"), ft_transfer, transfer_options,
	 CMD_DATABASE},
	{"decide", "ID strategic|not-strategic|grant|refuse [--reason WHY]",
	 N_("The city office recognises a strategic project or decides a claim"), ft_decide,
	 decide_options, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_firsttalk = {
	.name = "firsttalk",
	.summary = N_("The first-talk register with days left, and transfers to another district"),
	.verbs = firsttalk_verbs,
};

/*
 * cmd-district.c - zsdesk district: the districts and their parks.
 *
 * Every verb is one that all records share (records.c); this file only
 * declares them, with the district's kind.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

static const struct cli_verb district_verbs[] = {
	{"list", "", N_("List the districts in the order they were made"), rec_list,
	 rec_page_options, CMD_DATABASE | CMD_READONLY},
	{"show", "NAME|CODE|ID", N_("Show one district"), rec_show, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"add", "--code CODE --name NAME [--name-en N] [--parks P,P]", N_("Add a district"),
	 rec_add, NULL, CMD_DATABASE | CMD_FIELDS},
	{"edit", "NAME|CODE|ID --FIELD VALUE...", N_("Change a district or its parks"), rec_edit,
	 rec_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"history", "NAME|CODE|ID", N_("The changes of a district"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_district = {
	.name = "district",
	.summary = N_("List and change districts and their parks"),
	.kind = KIND_DISTRICT,
	.verbs = district_verbs,
};

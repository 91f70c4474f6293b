/*
 * cmd-officer.c - zsdesk officer: the people who use zsdesk.
 *
 * Every verb is one that all records share (records.c); the core lets
 * only administrators change officers, so nothing here checks roles.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

static const struct cli_option officer_list_options[] = {
	{"district", "D", N_("only the officers of this district")},
	{"search", "TEXT", N_("only those matching the text")},
	{"sort", "ORDER", N_("newest or oldest (the default: in the order they were made)")},
	{"limit", "N", N_("at most N")},
	{"before", "ID", N_("the page after the one ending at ID")},
	{NULL, NULL, NULL},
};

static const struct cli_verb officer_verbs[] = {
	{"add",
	 "--login LOGIN --name NAME --role desk|manager|lead|city|admin [--district D] "
	 "[--industries I,I] [--phone P]",
	 N_("Add an officer; prints the id"), rec_add, NULL, CMD_DATABASE | CMD_FIELDS},
	{"list", "[--district D]", N_("List the officers"), rec_list, officer_list_options,
	 CMD_DATABASE | CMD_READONLY},
	{"show", "LOGIN|ID", N_("Show one officer"), rec_show, NULL, CMD_DATABASE | CMD_READONLY},
	{"edit", "LOGIN|ID [--active no] --FIELD VALUE...", N_("Change an officer, or retire one"),
	 rec_edit, rec_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"history", "LOGIN|ID", N_("The changes of an officer"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_officer = {
	.name = "officer",
	.summary = N_("Add, list and change officers (administrators only)"),
	.kind = KIND_OFFICER,
	.verbs = officer_verbs,
};

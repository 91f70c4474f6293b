/*
 * cmd-enterprise.c - zsdesk enterprise: the enterprise library.
 *
 * Every verb is one that all records share (records.c); this file only
 * declares them, with the enterprise's kind.
 */
#include <config.h>

#include "i18n.h"
#include "records.h"

static const struct cli_verb enterprise_verbs[] = {
	{"add", "--name NAME [--credit-code CODE] [--types T,T] [--FIELD VALUE...]",
	 N_("Add an enterprise; prints its id"), rec_add, NULL, CMD_DATABASE | CMD_FIELDS},
	{"list", "[--search TEXT] [--limit N] [--before ID]", N_("List enterprises, newest first"),
	 rec_list, rec_page_options, CMD_DATABASE | CMD_READONLY},
	{"show", "ID|CODE|NAME", N_("Show one enterprise"), rec_show, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"edit", "ID [--expect-version V] --FIELD VALUE...", N_("Change an enterprise"), rec_edit,
	 rec_edit_options, CMD_DATABASE | CMD_FIELDS},
	{"history", "ID", N_("The changes of an enterprise"), rec_history, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"undo", "ID --change N --reason WHY",
	 N_("Undo one change of an enterprise: its old values as a new edit"), rec_undo,
	 rec_undo_options, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_enterprise = {
	.name = "enterprise",
	.summary = N_("Add, list, show and change enterprises"),
	.kind = KIND_ENTERPRISE,
	.verbs = enterprise_verbs,
};

/*
 * records.c - the verbs that every kind of record shares on the command
 * line: add, edit, show, list and history.
 *
 * cmd-project.c, cmd-enterprise.c, cmd-officer.c, cmd-district.c and
 * cmd-issue.c are thin: their tables name these verbs, their kind and
 * options, and add their own verbs.  Options are checked against the
 * tables before a verb runs; what is left here is their values.
 */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "i18n.h"
#include "money.h"
#include "records.h"
#include "xalloc.h"

const struct cli_option rec_edit_options[] = {
	{"expect-version", "V", N_("fail if the record is no longer at version V")},
	{"reason", "WHY", N_("why, kept in the history and the audit log")},
	{NULL, NULL, NULL},
};

const struct cli_option rec_undo_options[] = {
	{"change", "N", N_("the number of the change, as its history lists it")},
	{"reason", "WHY", N_("why (required), kept in the history and the audit log")},
	{NULL, NULL, NULL},
};

const struct cli_option rec_page_options[] = {
	{"search", "TEXT", N_("only those matching the text (Chinese, pinyin or code)")},
	{"sort", "ORDER", N_("newest (the default) or oldest")},
	{"limit", "N", N_("at most N (from 1 to 1000000)")},
	{"before", "ID", N_("the page after the one ending at ID")},
	{NULL, NULL, NULL},
};

/* Fails with a usage error when the command has more words than want. */
static int words(struct args *a, int want, const char *cmd)
{
	if (a->npos > want)
		return cli_error(EXIT_USAGE, _("%s: unexpected word %s (values go with --options)"), cmd,
				 a->pos[want]);
	return 0;
}

/* Adds a record of the command's kind from the --FIELD options. */
int rec_add(struct zs *z, struct args *a)
{
	if (words(a, 1, a->name))
		return EXIT_USAGE;
	struct zs_entry *e = zs_entry_new(z, a->cmd->kind, 0);
	int rc = cli_fields(e, a);
	if (!rc)
		rc = rec_warn_library(z, a, e, a->cmd->kind, 0);
	if (!rc)
		rc = rec_entry_save(z, e, NULL);
	zs_entry_free(e);
	return rc;
}

int rec_warn_library(struct zs *z, struct args *a, struct zs_entry *e, enum kind k, uint64_t id)
{
	char w[16][ZS_WARN_BYTES];
	if (!zs_is_library(k) && k != KIND_PROJECT)
		return 0;
	size_t n = zs_lib_warnings(z, k, id, zs_entry_rec(e, k), w, 16);
	for (size_t i = 0; i < n && i < 16; i++)
		cli_warn("%s", w[i]);
	if (n && k == KIND_EVENT && !args_flag(a, "confirm"))
		return cli_error(EXIT_FAIL,
				 _("not saved: the event clashes with %zu event(s) of other districts; "
				   "agree with their organisers, then save it again with --confirm"),
				 n);
	return 0;
}

/* Prints the claim warning of the entry's project; returns how many. */
size_t rec_warn_claims(struct zs_entry *e)
{
	struct zs_claim c[16];
	size_t nc = zs_entry_claims(e, c, 16);
	for (size_t i = 0; i < nc; i++) {
		char idb[32];
		cli_warn(_("the enterprise already has project %s %s (%s, %s)"),
			 zs_id_text(c[i].id, idb, sizeof idb), c[i].enterprise, c[i].district,
			 c[i].stage);
	}
	return nc;
}

/* Saves a new record typed into e and prints its id. */
int rec_entry_save(struct zs *z, struct zs_entry *e, const char *why)
{
	if (zs_entry_save(e, why, NULL, 0, NULL) != ZS_OK)
		return cli_fail(z);
	char idb[32];
	charset_printf(stdout, "%s\n", zs_id_text(zs_entry_id(e), idb, sizeof idb));
	return EXIT_OK;
}

/* Reads the id in word i of a, or fails. */
static int want_id(struct zs *z, struct args *a, int i, enum kind k, uint64_t *id)
{
	if (a->npos <= i)
		return cli_error(EXIT_USAGE, _("which %s? give its id"), _(schema_kind(k)->label));
	if (zs_resolve(z, k, a->pos[i], id) != ZS_OK)
		return cli_fail(z);
	return 0;
}

/* Fails with a usage error when a has no --FIELD VALUE or --set: an
 * edit that changes nothing is a mistake, not a success. */
static int some_field(const struct args *a)
{
	for (int i = 0; i < a->nopts; i++)
		if (!a->opts[i].decl)
			return 0;
	return cli_error(EXIT_USAGE,
			 _("%s: nothing to change; give the fields with --FIELD VALUE or --set "
			   "NAME=VALUE (the fields are listed by zsdesk %s --help)"),
			 a->name, a->name);
}

/* Changes a record from the --FIELD options, merging with a save that
 * came in between. */
int rec_edit(struct zs *z, struct args *a)
{
	enum kind k = a->cmd->kind;
	uint64_t id;
	int rc = words(a, 2, a->name);
	if (!rc && a->npos > 1)
		rc = some_field(a);
	if (!rc)
		rc = want_id(z, a, 1, k, &id);
	if (rc)
		return rc;
	struct zs_entry *e = zs_entry_new(z, k, id);
	if (!e)
		return cli_fail(z);
	/* --expect-version V: fail if the record changed since the caller read V. */
	const char *expect = args_get(a, "expect-version");
	if (expect) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(expect, &end, 10);
		unsigned long long now = zs_entry_rec(e, k)->version;
		zs_entry_strict(e);
		if (!*expect || *end || errno)
			rc = cli_error(EXIT_USAGE, _("--expect-version takes a number, not %s"), expect);
		else if (v != now)
			rc = cli_error(EXIT_CONFLICT,
				       _("the record is at version %llu, not %llu: someone saved it "
					 "in between; look at it again and redo the change"),
				       now, v);
	}
	if (!rc)
		rc = cli_fields(e, a);
	if (!rc)
		rec_warn_claims(e); /* a project re-pointed to another enterprise */
	if (!rc)
		rc = rec_warn_library(z, a, e, k, id);
	/* Someone saved between our read and our write: different fields
	 * merge by themselves; the same field is a conflict to report. */
	struct zs_conflict c[16];
	size_t n = 0;
	if (!rc && zs_entry_save(e, args_get(a, "reason"), c, 16, &n) != ZS_OK) {
		for (size_t i = 0; i < n && i < 16; i++)
			cli_warn(_("%s: yours %s, now %s"), zs_field_label(k, c[i].field), c[i].mine,
				 c[i].theirs);
		rc = cli_fail(z);
	}
	zs_entry_free(e);
	return rc;
}

/* Prints one record. */
int rec_show(struct zs *z, struct args *a)
{
	enum kind k = a->cmd->kind;
	uint64_t id;
	int rc = words(a, 2, a->name);
	if (!rc)
		rc = want_id(z, a, 1, k, &id);
	if (rc)
		return rc;
	struct rec r;
	rec_init(&r);
	if (zs_get(z, k, id, &r) != ZS_OK)
		return cli_fail(z);
	rc = out_record(z, k, &r, id);
	rec_free(&r);
	return rc;
}

struct hist_out {
	struct zs *z;
	enum kind k;
	struct out *o;
};

/* Adds the rows of one history entry. */
static int hist_row(void *ctx, const struct zs_history *h)
{
	struct hist_out *ho = ctx;
	char when[20], who[64] = "", seq[24];
	datetime_format(h->at * 1000, when);
	struct rec off;
	rec_init(&off);
	if (h->actor && zs_get(ho->z, KIND_OFFICER, h->actor, &off) == ZS_OK)
		snprintf(who, sizeof who, "%s", rec_text(&off, "name", ""));
	rec_free(&off);
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)h->seq);
	static const struct {
		const char *op, *label;
	} ops[] = {{"create", N_("created")}, {"update", N_("changed")}, {"stage", N_("stage")}};
	const char *op = h->op;
	char undo[64];
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (!strcmp(ops[i].op, h->op))
			op = _(ops[i].label);
	if (!strncmp(h->op, "undo:", 5)) {
		snprintf(undo, sizeof undo, _("undo of %s"), h->op + 5);
		op = undo;
	}
	for (size_t i = 0; i < h->n; i++) {
		const char *row[8] = {seq, when, who, op, zs_field_label(ho->k, h->c[i].field),
				      h->c[i].old, h->c[i].new, h->why ? h->why : ""};
		out_row(ho->o, row);
	}
	return 0;
}

/* Lists the changes of one record. */
int rec_history(struct zs *z, struct args *a)
{
	enum kind k = a->cmd->kind;
	static const char *const keys[] = {"seq", "at", "who", "op", "field", "old", "new", "why"};
	static const char *const labels[] = {N_("No."),	    N_("When"),	    N_("Who"),
					     N_("Action"),  N_("Field"),    N_("Old value"),
					     N_("New value"), N_("Reason")};
	uint64_t id;
	int rc = words(a, 2, a->name);
	if (!rc)
		rc = want_id(z, a, 1, k, &id);
	if (rc)
		return rc;
	struct hist_out ho = {z, k, out_begin(8, keys, labels)};
	if (zs_history(z, k, id, hist_row, &ho) != ZS_OK) {
		out_free(ho.o);
		return cli_fail(z);
	}
	return out_end(ho.o);
}

/* Undoes one change of a record: zsdesk KIND undo ID --change N --reason WHY. */
int rec_undo(struct zs *z, struct args *a)
{
	enum kind k = a->cmd->kind;
	uint64_t id;
	int rc = words(a, 2, a->name);
	if (!rc)
		rc = want_id(z, a, 1, k, &id);
	if (rc)
		return rc;
	const char *n = args_get(a, "change");
	char *end;
	errno = 0;
	unsigned long long seq = n ? strtoull(n, &end, 10) : 0;
	if (!n || !*n || *end || errno || !seq || *n == '-')
		return cli_error(EXIT_USAGE,
				 _("--change takes the number of a change, as `zsdesk %s history %s` "
				   "lists it"),
				 a->name, a->pos[1]);
	if (zs_undo(z, k, id, seq, args_get(a, "reason")) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

/* Parses --limit (default def); returns -1 on a bad value. */
static long parse_limit(const struct args *a, long def)
{
	const char *s = args_get(a, "limit");
	if (!s)
		return def;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < 1 || n > 1000000)
		return -1;
	return n;
}

/* Lists the records of the command's kind. */
int rec_list(struct zs *z, struct args *a)
{
	return rec_list_kind(z, a, a->cmd->kind, NULL);
}

/* Lists records of kind k with the filters, order and page of a. */
int rec_list_kind(struct zs *z, struct args *a, enum kind k, const char *text)
{
	if (words(a, 1, a->name))
		return EXIT_USAGE;
	uint64_t *ids;
	size_t n;
	int rc = rec_select(z, a, k, text, k == KIND_PROJECT || k == KIND_ENTERPRISE ? 50 : 100000,
			    &ids, &n);
	if (rc)
		return rc;
	/* Short reference lists read best in the order they were made. */
	if ((k == KIND_DISTRICT || k == KIND_OFFICER) && !args_get(a, "sort"))
		for (size_t i = 0; i < n / 2; i++) {
			uint64_t x = ids[i];
			ids[i] = ids[n - 1 - i];
			ids[n - 1 - i] = x;
		}
	rc = out_records(z, k, ids, n);
	free(ids);
	return rc;
}

/* The ids of kind k that the filters, saved filter, order and page of a
 * select (at most --limit, else def); an exit code. */
int rec_select(struct zs *z, struct args *a, enum kind k, const char *text, long def,
	       uint64_t **out, size_t *nout)
{
	const char *cmd = a->name;
	struct zs_filter f = {0};
	struct zs_cursor cursor = {0};
	char saved_text[256];
	*out = NULL;
	*nout = 0;
	/* A saved filter first; the options given narrow or change it. */
	const char *saved = args_get(a, "saved");
	if (saved) {
		if (k != KIND_PROJECT)
			return cli_error(EXIT_USAGE, _("%s does not take --saved"), cmd);
		if (zs_filter_load(z, saved, &f, &cursor.order, saved_text, sizeof saved_text) != ZS_OK)
			return cli_fail(z);
	}
	/* Filters, read as core reads them wherever an officer types one. */
	static const char *const names[] = {"district", "manager", "enterprise", "stage",
					    "industry", "min", "max"};
	char msg[512];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = args_get(a, names[i]);
		if (!v)
			continue;
		if (k != KIND_PROJECT && !((k == KIND_OFFICER || zs_is_library(k)) && i == 0))
			return cli_error(EXIT_USAGE, _("%s does not take --%s"), cmd, names[i]);
		if (zs_filter_set(z, &f, names[i], v, msg, sizeof msg) < 0)
			return cli_error(EXIT_FAIL, "--%s: %s", names[i], msg);
	}
	if (text || args_get(a, "search"))
		f.text = text ? text : args_get(a, "search");
	if (args_flag(a, "unmanaged"))
		f.unmanaged = true;
	if (f.unmanaged && k != KIND_PROJECT)
		return cli_error(EXIT_USAGE, _("%s does not take --unmanaged"), cmd);
	long limit = parse_limit(a, def);
	if (limit < 0)
		return cli_error(EXIT_USAGE, "%s", _("--limit takes a number from 1 to 1000000"));
	const char *before = args_get(a, "before");
	if (before) {
		uint64_t b;
		if (zs_id_parse(before, &b) < 0)
			return cli_error(EXIT_USAGE, _("--before takes an id, not %s"), before);
		cursor.started = true;
		cursor.id = b - 1;
	}
	const char *sort = args_get(a, "sort");
	if (sort) {
		static const char *const orders[] = {"newest", "oldest", "amount", "amount-asc"};
		size_t i;
		for (i = 0; i < 4 && strcmp(sort, orders[i]); i++)
			;
		if (i == 4 || (i >= 2 && k != KIND_PROJECT) || (before && i != 0))
			return cli_error(EXIT_USAGE, "%s",
					 _("--sort takes newest, oldest, amount or amount-asc (amount "
					   "for projects; --before with newest only)"));
		cursor.order = (enum zs_order)i;
	}
	uint64_t *ids = xreallocarray(NULL, (size_t)limit, sizeof *ids);
	size_t n = 0;
	/* zs_list bounds its work per call; keep calling until done. */
	while (n < (size_t)limit && !cursor.done)
		n += zs_list(z, k, &f, &cursor, ids + n, (size_t)limit - n);
	*out = ids;
	*nout = n;
	return 0;
}

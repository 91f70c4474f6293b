/*
 * cmd-import.c - zsdesk import KIND FILE: an officer's spreadsheet into
 * the database.
 *
 * Reading the file, matching its columns and sending each row through
 * the entry session is exchange's (xread, ximport); this file reads the
 * options, prints what became of every row (the preview of a dry run is
 * the same listing) and writes the rejected rows, with their reasons, in
 * the input's own format and encoding for the officer to fix and import
 * again.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "exchange.h"
#include "i18n.h"
#include "xalloc.h"

/* zsdesk import KIND FILE [--sheet S] [--dry-run] [--rejected FILE]. */
static int import_run(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk import projects|enterprises|officers|districts|prospects|events|"
				   "carriers|policies|experts|agencies|visits FILE [--sheet S] [--dry-run] "
				   "[--rejected FILE]"));
	int k = cli_exchange_kind(a->pos[0]);
	if (k < 0 || k == KIND_ISSUE)
		return cli_error(EXIT_USAGE,
				 _("import takes projects, enterprises, officers, districts, prospects, events, "
				   "carriers, policies, experts, agencies or visits, not %s"),
				 a->pos[0]);
	const char *path = a->pos[1];
	const char *saved_format = cli.format;
	/* --format names the input's format here; the listing is a table
	 * unless a format for programs was asked. */
	int fmt = cli.format && xfmt_parse(cli.format) == XF_XLSX ? XF_XLSX : ximport_format(path);
	if (fmt < 0)
		return cli_error(EXIT_USAGE, "%s", _("import reads xlsx, csv and tsv files"));
	if (fmt == XF_XLSX && cli.format && !strcmp(cli.format, "xlsx"))
		cli.format = NULL;
	int enc = -1;
	if (cli.encoding && (enc = xenc_parse(cli.encoding)) < 0)
		return cli_error(EXIT_USAGE,
				 _("--encoding takes utf-8, utf-8-bom or gb18030, not %s"), cli.encoding);
	struct xsheet s;
	enum xenc used;
	char err[1024];
	if (xread(path, (enum xfmt)fmt, enc, args_get(a, "sheet"), &s, &used, err, sizeof err) < 0)
		return cli_error(EXIT_FAIL, "%s", err);
	bool dry = args_flag(a, "dry-run");
	char *why = xasprintf(_("imported from %s"), path);
	struct ximport res;
	int rc = ximport(z, (enum kind)k, &s, !dry, why, &res, err, sizeof err);
	free(why);
	if (rc != ZS_OK && !res.nrows) {
		xsheet_free(&s);
		ximport_free(&res);
		return cli_error(cli_exit_of(rc), "%s", err);
	}
	static const char *const keys[] = {"line", "action", "id", "name", "message"};
	static const char *const labels[] = {N_("Line"), N_("Action"), N_("No."), N_("Name"),
					     N_("Message")};
	static const char *const acts[XA_COUNT] = {N_("add"), N_("update"), N_("unchanged"),
						   N_("duplicate"), N_("rejected")};
	/* For people, one line a row with its whole message (a table would
	 * cut the reasons); for programs, a listing. */
	bool people = !cli.format || !strcmp(cli.format, "table");
	struct out *o = people ? NULL : out_begin(5, keys, labels);
	for (size_t i = 0; i < res.nrows; i++) {
		const struct xresult *r = &res.rows[i];
		char line[24], idb[32] = "";
		snprintf(line, sizeof line, "%ld", r->line);
		if (r->id && !(dry && r->action == XA_ADD))
			zs_id_text(r->id, idb, sizeof idb);
		const char *row[5] = {line, _(acts[r->action]), idb, r->name, r->msg ? r->msg : ""};
		if (o) {
			out_row(o, row);
			continue;
		}
		char *text = xasprintf(_("line %s: %s"), line, row[1]);
		if (*idb || *r->name) {
			char *t = xasprintf("%s %s%s%s", text, idb, *idb && *r->name ? " " : "", r->name);
			free(text);
			text = t;
		}
		if (r->msg) {
			char *t = xasprintf("%s: %s", text, r->msg);
			free(text);
			text = t;
		}
		char *shown = out_visible(text);
		charset_printf(stdout, "%s\n", shown);
		free(shown);
		free(text);
	}
	int orc = o ? out_end(o) : EXIT_OK;
	cli.format = saved_format;
	for (size_t i = 0; i < res.nignored; i++)
		cli_warn(_("column %s is not one zsdesk takes: ignored"), res.ignored[i]);
	int out_rc = EXIT_OK;
	char *rej = NULL;
	if (res.count[XA_REJECT]) {
		const char *given = args_get(a, "rejected");
		rej = given ? xstrdup(given) : xrejected_path(path);
		if (xrejected_write(rej, (enum xfmt)fmt, used, &s, &res, err, sizeof err) < 0)
			out_rc = cli_error(EXIT_FAIL, "%s", err);
	}
	char sum[1024];
	snprintf(sum, sizeof sum,
		 dry ? _("dry run, nothing saved: %zu to add, %zu to update, %zu unchanged, %zu "
			 "duplicate, %zu rejected")
		     : _("%zu added, %zu updated, %zu unchanged, %zu duplicate, %zu rejected"),
		 res.count[XA_ADD], res.count[XA_UPDATE], res.count[XA_SAME], res.count[XA_DUP],
		 res.count[XA_REJECT]);
	charset_printf(stderr, "zsdesk: %s\n", sum);
	if (rej && out_rc == EXIT_OK)
		charset_printf(stderr, _("zsdesk: the rejected rows and why are in %s\n"), rej);
	free(rej);
	if (rc != ZS_OK) {
		cli_error(cli_exit_of(rc), _("nothing was saved: %s"), err);
		out_rc = cli_exit_of(rc);
	}
	size_t res_rejected = res.count[XA_REJECT];
	xsheet_free(&s);
	ximport_free(&res);
	if (orc)
		return orc;
	if (out_rc)
		return out_rc;
	/* Rows were left out: scripts must notice. */
	return res_rejected ? EXIT_FAIL : EXIT_OK;
}

static const struct cli_option import_options[] = {
	{"sheet", "S", N_("the sheet of an XLSX file: its name or number (default: the first)")},
	{"dry-run", NULL, N_("show what would be added, updated and rejected; save nothing")},
	{"rejected", "FILE", N_("where the rejected rows go (default: FILE-rejected beside the "
				"input)")},
	{NULL, NULL, NULL},
};

const struct command cmd_import = {
	.name = "import",
	.summary = N_("Takes in a spreadsheet (XLSX, CSV, TSV) of projects, enterprises, officers "
		      "or districts"),
	.flags = CMD_DATABASE,
	.usage = "projects|enterprises|officers|districts|prospects|events|carriers|policies|experts|"
		 "agencies|visits FILE [--sheet S] [--encoding "
		 "utf-8|utf-8-bom|gb18030] [--dry-run] [--rejected FILE]",
	.run = import_run,
	.options = import_options,
};

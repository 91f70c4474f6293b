/*
 * cmd-export.c - zsdesk export KIND: a whole table for Excel, WPS or a
 * program.
 *
 * The format is --format, else the output file's extension, else CSV;
 * the work is exchange's (xexport); this file reads the options, shows
 * the progress on a terminal and says what went wrong.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "charset.h"
#include "cli.h"
#include "exchange.h"
#include "i18n.h"

/* The kind named by word s: "projects", "project", ... or -1. */
int cli_exchange_kind(const char *s)
{
	static const struct {
		const char *name;
		enum kind k;
	} kinds[] = {{"projects", KIND_PROJECT},	{"project", KIND_PROJECT},
		     {"enterprises", KIND_ENTERPRISE},	{"enterprise", KIND_ENTERPRISE},
		     {"issues", KIND_ISSUE},		{"issue", KIND_ISSUE},
		     {"officers", KIND_OFFICER},	{"officer", KIND_OFFICER},
		     {"districts", KIND_DISTRICT},	{"district", KIND_DISTRICT},
		     {"prospects", KIND_TARGET},	{"prospect", KIND_TARGET},
		     {"events", KIND_EVENT},		{"event", KIND_EVENT},
		     {"carriers", KIND_CARRIER},	{"carrier", KIND_CARRIER},
		     {"policies", KIND_POLICY},		{"policy", KIND_POLICY},
		     {"experts", KIND_EXPERT},		{"expert", KIND_EXPERT},
		     {"agencies", KIND_AGENCY},		{"agency", KIND_AGENCY},
		     {"visits", KIND_VISIT},		{"visit", KIND_VISIT}};
	for (size_t i = 0; s && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(s, kinds[i].name))
			return (int)kinds[i].k;
	return -1;
}

/* The format: --format, else the extension of path, else CSV; -1 for
 * one an export cannot write. */
int cli_exchange_format(const char *path)
{
	if (cli.format)
		return xfmt_parse(cli.format);
	const char *dot = path ? strrchr(path, '.') : NULL;
	int f = dot ? xfmt_parse(dot + 1) : -1;
	return f < 0 ? XF_CSV : f;
}

struct progress {
	bool tty;
	double last;
};

static double now_seconds(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

/* Shows rows written so far on a terminal, five times a second at most. */
static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;
	double t = now_seconds();
	if (!p->tty || (t - p->last < 0.2 && done < total))
		return;
	p->last = t;
	char line[160];
	snprintf(line, sizeof line, _("zsdesk: %llu of %llu rows written"),
		 (unsigned long long)done, (unsigned long long)total);
	fputs("\r", stderr);
	charset_fputs(line, stderr);
	fflush(stderr);
}

/* zsdesk export KIND [--output FILE] [--encoding E] [--keys]. */
static int export_run(struct zs *z, struct args *a)
{
	if (a->npos != 1)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk export projects|enterprises|issues|officers|districts|"
				   "prospects|events|carriers|policies|experts|agencies|visits "
				   "[--output FILE]"));
	int k = cli_exchange_kind(a->pos[0]);
	if (k < 0)
		return cli_error(EXIT_USAGE,
				 _("export takes projects, enterprises, issues, officers, districts, "
				   "prospects, events, carriers, policies, experts, agencies or visits, "
				   "not %s"),
				 a->pos[0]);
	const char *path = args_get(a, "output");
	if (path && !*path)
		return cli_error(EXIT_USAGE, "%s", _("--output needs a file name"));
	int fmt = cli_exchange_format(path);
	if (fmt < 0)
		return cli_error(EXIT_USAGE, _("export writes xlsx, csv, tsv or json, not %s"),
				 cli.format);
	int enc = cli.encoding ? xenc_parse(cli.encoding) : XE_UTF8;
	if (enc < 0)
		return cli_error(EXIT_USAGE,
				 _("--encoding takes utf-8, utf-8-bom or gb18030, not %s"), cli.encoding);
	if (fmt == XF_XLSX && !path && isatty(STDOUT_FILENO))
		return cli_error(EXIT_USAGE, "%s",
				 _("an XLSX file is not for the terminal: give --output FILE.xlsx"));
	char err[1024];
	struct xw *w = xw_open((enum xfmt)fmt, (enum xenc)enc, path, err, sizeof err);
	if (!w)
		return cli_error(EXIT_FAIL, "%s", err);
	struct progress p = {isatty(STDERR_FILENO) != 0, now_seconds()};
	err[0] = '\0';
	int rc = xexport(z, (enum kind)k, w, args_flag(a, "keys"), show_progress, &p, err, sizeof err);
	if (p.tty)
		fputs("\n", stderr);
	if (rc != ZS_OK) {
		xw_abort(w);
		return *err ? cli_error(EXIT_FAIL, "%s", err) : cli_fail(z);
	}
	if (xw_close(w, err, sizeof err) < 0)
		return cli_error(EXIT_FAIL, "%s", err);
	return EXIT_OK;
}

static const struct cli_option export_options[] = {
	{"output", "FILE", N_("write to FILE (its extension chooses the format) instead of the "
			      "standard output")},
	{"keys", NULL, N_("machine names in the header row instead of the labels")},
	{NULL, NULL, NULL},
};

const struct command cmd_export = {
	.name = "export",
	.summary = N_("A whole table as XLSX, CSV, TSV or JSON, for Excel, WPS or a program"),
	.flags = CMD_DATABASE | CMD_READONLY,
	.usage = "projects|enterprises|issues|officers|districts|prospects|events|carriers|policies|"
		 "experts|agencies|visits "
		 "[--output FILE] [--format "
		 "xlsx|csv|tsv|json] [--encoding utf-8|utf-8-bom|gb18030] [--keys]",
	.run = export_run,
	.options = export_options,
};

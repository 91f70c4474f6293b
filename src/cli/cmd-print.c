/*
 * cmd-print.c - zsdesk print: printable sheets as plain text pages.
 *
 * Core lays the sheet out (print.c); this file writes it to standard
 * output or to a file, in the character set of --charset (GB18030 for an
 * old printer driver or office machine, UTF-8 by default).  A file that
 * exists is not written over unless --force says so.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Writes text (UTF-8) to path in the user's character set; an exit code. */
static int write_file(const char *path, const char *text, bool force)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0)
		return cli_error(EXIT_FAIL, errno == EEXIST ? _("%s exists; give --force to write over it")
							    : _("cannot write %s: %s"),
				 path, strerror(errno));
	char *bytes = charset_from_utf8(text);
	size_t len = strlen(bytes), done = 0;
	while (done < len) {
		ssize_t w = write(fd, bytes + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int err = done < len ? errno : 0;
	if (close(fd) < 0 && !err)
		err = errno;
	free(bytes);
	if (err || done < len)
		return cli_error(EXIT_FAIL, _("cannot write %s: %s"), path, strerror(err ? err : EIO));
	return EXIT_OK;
}

/* Lays one sheet out and writes it: zsdesk print SHEET ID [--output FILE]. */
static int print_sheet(struct zs *z, struct args *a, enum zs_print_what what, enum kind k)
{
	uint64_t id;
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, _("usage: zsdesk print %s ID [--output FILE] [--force]"),
				 a->pos[0]);
	if (zs_resolve(z, k, a->pos[1], &id) != ZS_OK)
		return cli_fail(z);
	size_t pages;
	char *text = zs_print(z, what, id, ZS_PRINT_WIDTH, ZS_PRINT_LINES, &pages);
	if (!text)
		return cli_fail(z);
	const char *path = args_get(a, "output");
	int rc = EXIT_OK;
	if (path)
		rc = write_file(path, text, args_flag(a, "force"));
	else
		charset_fputs(text, stdout);
	free(text);
	return rc;
}

static int print_project(struct zs *z, struct args *a)
{
	return print_sheet(z, a, ZS_PRINT_PROJECT, KIND_PROJECT);
}

static int print_prereport(struct zs *z, struct args *a)
{
	return print_sheet(z, a, ZS_PRINT_PREREPORT, KIND_PROJECT);
}

static int print_issue(struct zs *z, struct args *a)
{
	return print_sheet(z, a, ZS_PRINT_ISSUE, KIND_ISSUE);
}

static const struct cli_option print_options[] = {
	{"output", "FILE", N_("write the pages to FILE instead of standard output")},
	{"force", NULL, N_("write over FILE if it exists")},
	{NULL, NULL, NULL},
};

static const struct cli_verb print_verbs[] = {
	{"project", "ID [--output FILE] [--force]",
	 N_("A project's page: fields, stage history, issues, changes"), print_project,
	 print_options, CMD_DATABASE | CMD_READONLY},
	{"prereport", "ID [--output FILE] [--force]",
	 N_("The signing pre-report sheet (重大签约项目预报表) of a project"), print_prereport,
	 print_options, CMD_DATABASE | CMD_READONLY},
	{"issue", "ID [--output FILE] [--force]",
	 N_("The supervision sheet (督办单) of an enterprise issue"), print_issue, print_options,
	 CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_print = {
	.name = "print",
	.summary = N_("Printable sheets: A4 pages of 80 columns, with page N of M and form feeds"),
	.verbs = print_verbs,
};

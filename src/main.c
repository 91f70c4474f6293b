/*
 * main.c - start-up: locale, character set, clock and language; then the
 * one fork between the command line (cli/cli.c) and the full-screen desk.
 *
 * The command table reads the whole line first, opening nothing; only
 * here does a line that asks for the desk (no command, options only, or
 * `run`) open the database and hand it to the desk, so no command file
 * knows the desk exists.
 */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "desk.h"
#include "i18n.h"
#include "priv.h"
#include "utf8.h"
#include "xalloc.h"

/* Opens the database as the desk's table entry says and runs the desk. */
static int desk(const struct command *c)
{
	struct zs *z = cli_open(c->flags);
	if (!z)
		return EXIT_FAIL;
	int rc = app_run(z, cli_db_dir());
	zs_close(z);
	return rc;
}

/* Starts zsdesk: a command, or the desk. */
int main(int argc, char **argv)
{
	char err[256];
	priv_init(); /* first: the set-id group is held only where it is needed */
	setlocale(LC_ALL, "");
	text_init();
	/* --charset must be known before the arguments are converted. */
	const char *cs = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--charset=", 10))
			cs = argv[i] + 10;
		else if (!strcmp(argv[i], "--charset") && i + 1 < argc)
			cs = argv[i + 1];
	}
	if (charset_init(cs) < 0)
		charset_init(NULL);
	i18n_init(NULL);
	if (clock_init(err, sizeof err) < 0) {
		fprintf(stderr, "zsdesk: %s\n", err);
		return EXIT_USAGE;
	}
	/* Arguments arrive in the user's character set; zsdesk works in UTF-8. */
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	for (int i = 1; i < argc; i++) {
		args[i - 1] = charset_to_utf8(argv[i]);
		if (!args[i - 1]) {
			fprintf(stderr, _("zsdesk: argument %d is not valid %s text\n"), i, charset_name());
			return EXIT_USAGE;
		}
	}
	struct args a;
	int rc = cli_read(&a, argc - 1, args);
	if (a.cmd && (a.cmd->flags & CMD_DESK))
		rc = desk(a.cmd);
	else if (a.cmd)
		rc = cli_run(&a);
	args_free(&a);
	fflush(stdout);
	return rc;
}

/*
 * main.c - start-up: locale, character set, clock and language, then the
 * command table (cli/cli.c) or the full-screen desk.
 */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "i18n.h"
#include "utf8.h"

int main(int argc, char **argv)
{
	char err[256];
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
	char **args = calloc((size_t)argc + 1, sizeof *args);
	if (!args)
		return EXIT_FAIL;
	for (int i = 1; i < argc; i++) {
		args[i - 1] = charset_to_utf8(argv[i]);
		if (!args[i - 1]) {
			fprintf(stderr, _("zsdesk: argument %d is not valid %s text\n"), i, charset_name());
			return EXIT_USAGE;
		}
	}
	int rc = cli_main(argc - 1, args);
	fflush(stdout);
	return rc;
}

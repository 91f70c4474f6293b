/*
 * fuzz-args.c - libFuzzer target for the command line parser of the CLI
 * (args_parse, args_get, args_flag, args_done in src/cli/cli.c).
 *
 * The input is split at NUL bytes into at most 32 words; the first is the
 * command name, as cli_main takes it, and the rest goes to args_parse with
 * each flag list the commands use.  Every option parsed must be found again
 * by args_get, args_done must refuse options no one asked for and accept
 * them once asked, and every word and value must point into argv.
 * The parser prints its errors on stderr, which is sent to /dev/null here
 * (the FILE only: the sanitizers' reports still reach descriptor 2).
 *
 * cli.c refers to the command table and to the database; the stubs at the
 * end stand in for them in this fuzz build only, and cli_main (which opens
 * databases) is never called.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(fuzz_err, "fuzz-args: " __VA_ARGS__);                                     \
		fputc('\n', fuzz_err);                                                            \
		abort();                                                                          \
	} while (0)

#define MAXWORDS 32

static FILE *fuzz_err;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_err = stderr;
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		stderr = null;
		stdout = null;
	}
	return 0;
}

/* True when p points into one of the words. */
static int in_words(const char *p, char **w, int n)
{
	for (int i = 0; i < n; i++)
		if (p >= w[i] && p <= w[i] + strlen(w[i]))
			return 1;
	return 0;
}

/* Option lists of the commands (see args_parse calls in src/cli), and odd ones. */
static const char *const flag_lists[] = {
	"", "no-credit", "single-user|shared", "mine|open|overdue", "enterprises", "replace",
	"|", "||help|", "yes|", "name|investment",
};

static void one(char **words, int nw, const char *flags)
{
	struct args a;
	int argc = nw > 0 ? nw - 1 : 0;
	char **argv = nw > 0 ? words + 1 : words;
	memset(&a, 0, sizeof a);
	int rc = args_parse(&a, argc, argv, flags);
	if (rc != 0) {
		if (rc != EXIT_USAGE)
			FAIL("args_parse returned %d", rc);
		args_free(&a);
		return;
	}
	if (a.nopts < 0 || a.nopts > 64 || a.npos < 0 || a.npos > 32)
		FAIL("args_parse counted %d options and %d words", a.nopts, a.npos);
	for (int i = 0; i < a.npos; i++)
		if (!in_words(a.pos[i], argv, argc))
			FAIL("word %d does not point into argv", i);
	for (int i = 0; i < a.nopts; i++) {
		if (!a.opt_name[i])
			FAIL("option %d has no name", i);
		if (a.opt_val[i] && !in_words(a.opt_val[i], argv, argc))
			FAIL("the value of --%s does not point into argv", a.opt_name[i]);
	}
	/* The commands ask for a few names first ... */
	const char *v = args_get(&a, "name");
	if (v)
		(void)strlen(v);
	args_get(&a, "investment");
	args_flag(&a, "yes");
	args_get(&a, "");
	cli_wants_help(&a, "project");
	/* ... then refuse whatever is left. */
	int left = 0;
	for (int i = 0; i < a.nopts; i++)
		left |= !a.opt_used[i];
	rc = args_done(&a, a.argc >= 0 && nw > 0 ? words[0] : "");
	if ((rc != 0) != left)
		FAIL("args_done returned %d with%s options unasked", rc, left ? "" : " no");
	for (int i = 0; i < a.nopts; i++)
		if (!args_get(&a, a.opt_name[i]))
			FAIL("args_get does not find --%s", a.opt_name[i]);
	if (args_done(&a, "project") != 0)
		FAIL("args_done refuses options that were asked for");
	args_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words[MAXWORDS + 1];
	int nw = 0;
	size_t i = 0;
	while (i <= size && nw < MAXWORDS) {
		const uint8_t *end = memchr(data + i, '\0', size - i);
		size_t n = end ? (size_t)(end - (data + i)) : size - i;
		/* Each word in its own allocation, so that reading past one is seen. */
		words[nw] = malloc(n + 1);
		memcpy(words[nw], data + i, n);
		words[nw][n] = '\0';
		nw++;
		i += n + 1;
		if (!end)
			break;
	}
	words[nw] = NULL;
	for (size_t k = 0; k < sizeof flag_lists / sizeof *flag_lists; k++) {
		/* args_parse does not change argv, but check that it does not. */
		one(words, nw, flag_lists[k]);
	}
	cli_db_dir();
	for (int k = 0; k < nw; k++)
		free(words[k]);
	return 0;
}

/* ---- stubs for the fuzz build only: cli.c's command table and the
 * database functions it calls; none of them is reached by the code above
 * except cli_usage's look-up of command names. ---- */

static int stub_run(struct args *a)
{
	(void)a;
	return EXIT_OK;
}

#define STUB_COMMAND(var, name) const struct command var = {name, name " ...", "stub", stub_run}
STUB_COMMAND(cmd_init, "init");
STUB_COMMAND(cmd_demo, "demo");
STUB_COMMAND(cmd_project, "project");
STUB_COMMAND(cmd_enterprise, "enterprise");
STUB_COMMAND(cmd_officer, "officer");
STUB_COMMAND(cmd_district, "district");
STUB_COMMAND(cmd_search, "search");
STUB_COMMAND(cmd_check, "check");
STUB_COMMAND(cmd_profile, "profile");
STUB_COMMAND(cmd_mapsize, "mapsize");
STUB_COMMAND(cmd_run, "run");
STUB_COMMAND(cmd_issue, "issue");
STUB_COMMAND(cmd_firsttalk, "firsttalk");
STUB_COMMAND(cmd_manager, "manager");
STUB_COMMAND(cmd_calendar, "calendar");
STUB_COMMAND(cmd_tick, "tick");
STUB_COMMAND(cmd_audit, "audit");
STUB_COMMAND(cmd_backup, "backup");
STUB_COMMAND(cmd_restore, "restore");

int zs_open(const char *dir, const struct zs_open_opts *o, struct zs **out, char *err,
	    size_t errlen)
{
	(void)dir;
	(void)o;
	*out = NULL;
	snprintf(err, errlen, "stub: no database in the fuzz build");
	return ZS_ERROR;
}

int zs_field_set(struct zs *z, enum kind k, struct rec *r, const char *field, const char *text,
		 char *msg, size_t msglen)
{
	(void)z;
	(void)k;
	(void)r;
	(void)field;
	(void)text;
	snprintf(msg, msglen, "stub");
	return -1;
}

/*
 * fuzz-args.c - libFuzzer target for whole command lines, read against
 * the real command table (cli_read in src/cli/cli.c with every cmd-*.c).
 *
 * The input is split at NUL bytes into at most 400 words, each in its own
 * allocation so that reading past one is seen; they go to cli_read as
 * main.c passes them: global options, command, verb, options and words.
 * cli_read opens nothing, so no database is needed; commands are never
 * run.  When it accepts a line, every option must be one that the command
 * or its verb declares (a flag without a value, an option with one), or a
 * field of the verb's kind for a verb that takes fields; every word and
 * value must point into the input; a command with verbs must have its verb
 * first; args_get must find the last value of each declared option.  Help
 * and errors are printed to /dev/null (the FILEs only: the sanitizers'
 * reports still reach descriptor 2).
 *
 * LLVMFuzzerInitialize also checks the tables once: inside one command an
 * option name is a flag everywhere or takes a value everywhere, since the
 * line is split before its verb is known.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "schema.h"
#include "utf8.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(fuzz_err, "fuzz-args: " __VA_ARGS__);                                     \
		fputc('\n', fuzz_err);                                                            \
		abort();                                                                          \
	} while (0)

#define MAXWORDS 400

static FILE *fuzz_err;

static const struct command *const all[] = {
	&cmd_init,     &cmd_demo,	&cmd_project, &cmd_enterprise, &cmd_officer,
	&cmd_district, &cmd_search,	&cmd_issue,   &cmd_firsttalk,  &cmd_manager,
	&cmd_calendar, &cmd_tick,	&cmd_audit,   &cmd_check,      &cmd_backup,
	&cmd_restore,  &cmd_profile, &cmd_mapsize,
};

/* Fails when option name is declared in c both as a flag and with a value. */
static void same_kind(const struct command *c, const struct cli_option *o)
{
	const struct cli_option *tables[64];
	size_t n = 0;
	tables[n++] = c->options;
	for (const struct cli_verb *v = c->verbs; v && v->name && n < 64; v++)
		tables[n++] = v->options;
	for (size_t i = 0; i < n; i++)
		for (const struct cli_option *p = tables[i]; p && p->name; p++)
			if (!strcmp(p->name, o->name) && !p->arg != !o->arg)
				FAIL("%s: --%s is a flag in one place and takes a value in another",
				     c->name, o->name);
}

/* Checks every option of every command with same_kind. */
static void check_tables(void)
{
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		const struct command *c = all[i];
		for (const struct cli_option *o = c->options; o && o->name; o++)
			same_kind(c, o);
		for (const struct cli_verb *v = c->verbs; v && v->name; v++)
			for (const struct cli_option *o = v->options; o && o->name; o++)
				same_kind(c, o);
	}
}

/* Sends stdout and stderr to /dev/null and checks the tables. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_err = stderr;
	text_init();
	check_tables();
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		stderr = null;
		stdout = null;
	}
	return 0;
}

/* True when p points into one of the words. */
static int in_words(const char *p, char *const *w, int n)
{
	for (int i = 0; i < n; i++)
		if (p >= w[i] && p <= w[i] + strlen(w[i]))
			return 1;
	return 0;
}

/* True when o is an entry of table t (which may be NULL). */
static int in_table(const struct cli_option *o, const struct cli_option *t)
{
	for (; t && t->name; t++)
		if (o == t)
			return 1;
	return 0;
}

/* True when name, written with dashes, is a field of kind k or "set". */
static int is_field(enum kind k, const char *name)
{
	char field[64];
	if (!strcmp(name, "set"))
		return 1;
	if (strlen(name) >= sizeof field)
		return 0;
	for (size_t i = 0; i <= strlen(name); i++)
		field[i] = name[i] == '-' ? '_' : name[i];
	return schema_field(k, field) != NULL;
}

/* Checks what cli_read made of one accepted line. */
static void check_line(const struct args *a, char *const *words, int nw)
{
	const struct command *c = a->cmd;
	if (a->nopts < 0 || a->npos < 0 || a->nopts + a->npos > nw)
		FAIL("%d options and %d words from %d words", a->nopts, a->npos, nw);
	if (c->verbs && (!a->verb || a->npos < 1 || strcmp(a->pos[0], a->verb->name)))
		FAIL("%s: no verb, or not the first word", c->name);
	if (!c->verbs && a->verb)
		FAIL("%s has no verbs but one was found", c->name);
	unsigned flags = a->verb ? a->verb->flags : c->flags;
	for (int i = 0; i < a->npos; i++)
		if (!in_words(a->pos[i], words, nw))
			FAIL("word %d does not point into the line", i);
	for (int i = 0; i < a->nopts; i++) {
		const struct arg_opt *o = &a->opts[i];
		if (!o->name)
			FAIL("option %d has no name", i);
		if (o->val && !in_words(o->val, words, nw))
			FAIL("the value of --%s does not point into the line", o->name);
		if (o->decl) {
			if (!in_table(o->decl, c->options) &&
			    !(a->verb && in_table(o->decl, a->verb->options)))
				FAIL("%s: --%s is not declared there", a->name, o->name);
			if (strcmp(o->decl->name, o->name))
				FAIL("--%s is declared as --%s", o->name, o->decl->name);
			if (!o->decl->arg != !o->val)
				FAIL("%s: --%s %s a value", a->name, o->name,
				     o->val ? "has" : "lacks");
			const char *v = args_get(a, o->name);
			int last = i;
			for (int j = i + 1; j < a->nopts; j++)
				if (a->opts[j].decl && !strcmp(a->opts[j].name, o->name))
					last = j;
			const char *want = a->opts[last].val ? a->opts[last].val : "";
			if (v != want && strcmp(v ? v : "(null)", want))
				FAIL("args_get(--%s) is not its last value", o->name);
		} else {
			if (!(flags & CMD_FIELDS) || !is_field(c->kind, o->name))
				FAIL("%s: --%s is neither declared nor a field", a->name, o->name);
			if (!o->val)
				FAIL("%s: the field --%s has no value", a->name, o->name);
		}
	}
}

/* Reads one NUL-separated command line. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words[MAXWORDS + 1], *line[MAXWORDS + 1];
	int nw = 0;
	size_t i = 0;
	while (i <= size && nw < MAXWORDS) {
		const uint8_t *end = memchr(data + i, '\0', size - i);
		size_t n = end ? (size_t)(end - (data + i)) : size - i;
		words[nw] = malloc(n + 1);
		memcpy(words[nw], data + i, n);
		words[nw][n] = '\0';
		nw++;
		i += n + 1;
		if (!end)
			break;
	}
	words[nw] = NULL;
	/* cli_read reorders the array it is given (global options out). */
	memcpy(line, words, sizeof *line * (size_t)(nw + 1));
	struct args a;
	int rc = cli_read(&a, nw, line);
	if (rc != EXIT_OK && rc != EXIT_USAGE)
		FAIL("cli_read returned %d", rc);
	if (a.cmd && rc != EXIT_OK)
		FAIL("cli_read failed (%d) but left a command to run", rc);
	if (a.cmd)
		check_line(&a, words, nw);
	if (cli.db && !in_words(cli.db, words, nw))
		FAIL("--db does not point into the line");
	cli_db_dir();
	args_free(&a);
	memset(&cli, 0, sizeof cli); /* it points into the words */
	for (int k = 0; k < nw; k++)
		free(words[k]);
	return 0;
}

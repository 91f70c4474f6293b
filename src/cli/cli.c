/*
 * cli.c - the command table, option parsing and the shared helpers of
 * every command.
 *
 * Global options (--db, --format, --as, --lang, --charset) may stand
 * anywhere on the line; the rest belongs to the command.  Every error is
 * one line on stderr beginning "zsdesk: " and a documented exit code.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "i18n.h"

struct cli_global cli;

static const struct command *const commands[] = {
	&cmd_init,    &cmd_demo,   &cmd_project, &cmd_enterprise, &cmd_officer,
	&cmd_district, &cmd_search, &cmd_issue,	  &cmd_firsttalk,  &cmd_manager,
	&cmd_calendar, &cmd_tick,   &cmd_audit,	  &cmd_check,	   &cmd_backup,
	&cmd_restore,  &cmd_profile, &cmd_mapsize, &cmd_run,
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

int cli_error(int code, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	charset_printf(stderr, "zsdesk: %s\n", msg);
	return code;
}

void cli_warn(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	charset_printf(stderr, "zsdesk: %s: %s\n", _("warning"), msg);
}

int cli_exit_of(int st)
{
	switch (st) {
	case ZS_OK:
		return EXIT_OK;
	case ZS_CONFLICT:
		return EXIT_CONFLICT;
	case ZS_FULL:
		return EXIT_FULL;
	default:
		return EXIT_FAIL;
	}
}

/* True when name is listed in the "|"-separated flags. */
static bool is_flag(const char *flags, const char *name, size_t len)
{
	const char *p = flags;
	while (p && *p) {
		size_t n = strcspn(p, "|");
		if (n == len && !strncmp(p, name, len))
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

int args_parse(struct args *a, int argc, char **argv, const char *flags)
{
	memset(a, 0, sizeof *a);
	a->argc = argc;
	a->argv = argv;
	bool words_only = false;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!words_only && !strcmp(s, "--")) {
			words_only = true;
			continue;
		}
		if (!words_only && s[0] == '-' && s[1] == '-' && s[2]) {
			const char *name = s + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			if (a->nopts == 64)
				return cli_error(EXIT_USAGE, "%s", _("too many options"));
			char *n = strndup(name, len);
			int o = a->nopts++; /* counted at once: args_free frees it */
			a->opt_name[o] = n;
			a->opt_owned[o] = true;
			a->opt_val[o] = NULL;
			if (eq) {
				a->opt_val[o] = eq + 1;
			} else if (!is_flag(flags, name, len) && strcmp(n, "help")) {
				if (i + 1 >= argc)
					return cli_error(EXIT_USAGE, _("option --%s needs a value"), n);
				a->opt_val[o] = argv[++i];
			}
			continue;
		}
		if (!words_only && s[0] == '-' && s[1] && s[1] != '-' && !(s[1] >= '0' && s[1] <= '9'))
			return cli_error(EXIT_USAGE, _("unknown option %s (options begin with --)"), s);
		if (a->npos == 32)
			return cli_error(EXIT_USAGE, "%s", _("too many words on the command line"));
		a->pos[a->npos++] = s;
	}
	return 0;
}

void args_free(struct args *a)
{
	for (int i = 0; i < a->nopts; i++)
		if (a->opt_owned[i])
			free((char *)a->opt_name[i]);
	a->nopts = 0;
}

const char *args_get(struct args *a, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < a->nopts; i++)
		if (!strcmp(a->opt_name[i], name)) {
			a->opt_used[i] = true;
			v = a->opt_val[i] ? a->opt_val[i] : "";
		}
	return v;
}

bool args_flag(struct args *a, const char *name)
{
	return args_get(a, name) != NULL;
}

int args_done(struct args *a, const char *cmd)
{
	for (int i = 0; i < a->nopts; i++)
		if (!a->opt_used[i])
			return cli_error(EXIT_USAGE, _("%s does not take --%s (see zsdesk %s --help)"),
					 cmd, a->opt_name[i], cmd);
	return 0;
}

const char *cli_db_dir(void)
{
	static char path[4096];
	if (cli.db && *cli.db)
		return cli.db;
	const char *env = getenv("ZSDESK_DB");
	if (env && *env)
		return env;
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/zsdesk", xdg);
	else
		snprintf(path, sizeof path, "%s/.local/share/zsdesk",
			 getenv("HOME") ? getenv("HOME") : ".");
	return path;
}

struct zs *cli_open(bool anonymous)
{
	struct zs *z;
	char err[1024];
	struct zs_open_opts o = {.as = cli.as, .anonymous = anonymous};
	if (zs_open(cli_db_dir(), &o, &z, err, sizeof err) != ZS_OK) {
		cli_error(EXIT_FAIL, "%s", err);
		return NULL;
	}
	return z;
}

/* Finds a command by name. */
static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

int cli_usage(const char *name)
{
	const struct command *c = find_command(name);
	if (!c)
		return EXIT_USAGE;
	charset_printf(stdout, "%s: zsdesk %s\n\n%s\n", _("Usage"), c->usage, _(c->summary));
	charset_printf(stdout, "\n%s\n",
		       _("Global options: --db DIR  --format table|tsv|csv|json  --as LOGIN  "
			 "--lang zh|en  --charset NAME"));
	return EXIT_OK;
}

bool cli_wants_help(struct args *a, const char *name)
{
	if (!args_flag(a, "help") && !(a->npos > 0 && !strcmp(a->pos[a->npos - 1], "help")))
		return false;
	cli_usage(name);
	return true;
}

int cli_fields(struct zs *z, struct args *a, enum kind k, struct rec *r)
{
	char msg[1024];
	int bad = 0;
	for (int i = 0; i < a->nopts; i++) {
		char field[64];
		const char *val = a->opt_val[i];
		const char *name = a->opt_name[i];
		if (a->opt_used[i])
			continue; /* taken by the command itself */
		if (!strcmp(name, "set")) {
			const char *eq = val ? strchr(val, '=') : NULL;
			if (!eq)
				return cli_error(EXIT_USAGE, "%s", _("--set takes NAME=VALUE"));
			snprintf(field, sizeof field, "%.*s", (int)(eq - val), val);
			val = eq + 1;
			const struct field_def *f = schema_field(k, field);
			if (f && (f->flags & FIELD_SYSTEM))
				return cli_error(EXIT_USAGE,
						 _("%s is kept by zsdesk and cannot be set here"), field);
		} else {
			snprintf(field, sizeof field, "%s", name);
			for (char *p = field; *p; p++)
				if (*p == '-')
					*p = '_';
			const struct field_def *f = schema_field(k, field);
			if (!f)
				continue;
			if (f->flags & FIELD_SYSTEM)
				return cli_error(EXIT_USAGE,
						 _("--%s is kept by zsdesk and cannot be set here"),
						 name);
		}
		a->opt_used[i] = true;
		if (!val)
			return cli_error(EXIT_USAGE, _("option --%s needs a value"), name);
		int rc = zs_field_set(z, k, r, field, val, msg, sizeof msg);
		if (rc < 0) {
			cli_error(EXIT_FAIL, "%s", msg);
			bad = 1;
		} else if (rc > 0) {
			cli_warn("%s", msg);
		}
	}
	return bad ? EXIT_FAIL : 0;
}

/* Prints every command with its summary. */
static int help_all(void)
{
	charset_printf(stdout, "%s\n\n", _("zsdesk - the investment promotion desk (招商工作台)"));
	charset_printf(stdout, "%s\n", _("Usage: zsdesk [COMMAND] [OPTIONS]"));
	charset_printf(stdout, "%s\n\n", _("Without a command, zsdesk opens the full-screen desk."));
	for (size_t i = 0; i < NCOMMANDS; i++)
		charset_printf(stdout, "  %-12s %s\n", commands[i]->name, _(commands[i]->summary));
	charset_printf(stdout, "\n%s\n",
		       _("Global options: --db DIR  --format table|tsv|csv|json  --as LOGIN  "
			 "--lang zh|en  --charset NAME"));
	charset_printf(stdout, "%s\n", _("Each command has --help.  See zsdesk(1) and README.md."));
	return EXIT_OK;
}

/* Removes global options from argv (in place); returns the new argc or -1. */
static int take_globals(int argc, char **argv)
{
	static const char *const names[] = {"db", "format", "as", "lang", "charset"};
	const char **slots[] = {&cli.db, &cli.format, &cli.as, &cli.lang, &cli.charset};
	int out = 0;
	for (int i = 0; i < argc; i++) {
		bool taken = false;
		if (!strcmp(argv[i], "--"))
			break;
		for (size_t k = 0; k < sizeof names / sizeof *names && !taken; k++) {
			size_t len = strlen(names[k]);
			if (strncmp(argv[i], "--", 2) || strncmp(argv[i] + 2, names[k], len))
				continue;
			const char *rest = argv[i] + 2 + len;
			if (*rest == '=') {
				*slots[k] = rest + 1;
				taken = true;
			} else if (*rest == '\0') {
				if (i + 1 >= argc) {
					cli_error(EXIT_USAGE, _("option --%s needs a value"), names[k]);
					return -1;
				}
				*slots[k] = argv[++i];
				taken = true;
			}
		}
		if (!taken)
			argv[out++] = argv[i];
	}
	for (int i = out; i < argc; i++)
		argv[i] = NULL;
	/* Keep what followed "--". */
	return out;
}

int cli_main(int argc, char **argv)
{
	int n = take_globals(argc, argv);
	if (n < 0)
		return EXIT_USAGE;
	if (cli.lang && i18n_set(cli.lang) < 0)
		return cli_error(EXIT_USAGE, _("--lang takes zh or en, not %s"), cli.lang);
	if (cli.charset && charset_init(cli.charset) < 0)
		return cli_error(EXIT_USAGE, _("unknown character set %s"), cli.charset);
	if (cli.format && strcmp(cli.format, "table") && strcmp(cli.format, "tsv") &&
	    strcmp(cli.format, "csv") && strcmp(cli.format, "json"))
		return cli_error(EXIT_USAGE, _("--format takes table, tsv, csv or json, not %s"),
				 cli.format);
	if (n == 0)
		return cmd_run.run(&(struct args){0});
	if (argv[0][0] == '-' && argv[0][1] == '-' && strcmp(argv[0], "--help") &&
	    strcmp(argv[0], "--version")) {
		/* Options only ("zsdesk --db DIR --as x"): the desk, with them. */
		struct args a = {0};
		a.argc = n;
		a.argv = argv;
		return cmd_run.run(&a);
	}
	const char *name = argv[0];
	if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
		if (n > 1 && find_command(argv[1]))
			return cli_usage(argv[1]);
		return help_all();
	}
	if (!strcmp(name, "version") || !strcmp(name, "--version")) {
		charset_printf(stdout, "zsdesk %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	const struct command *c = find_command(name);
	if (!c)
		return cli_error(EXIT_USAGE, _("unknown command %s (see zsdesk help)"), name);
	struct args a;
	memset(&a, 0, sizeof a);
	a.argc = n - 1;
	a.argv = argv + 1;
	int rc = c->run(&a);
	args_free(&a);
	return rc;
}

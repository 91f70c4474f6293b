/*
 * cli.c - the command table, the one prologue every command shares, and
 * the helpers of the command files.
 *
 * A command line is read in one place against what the table declares:
 * global options (--db, --format, --as, --lang, --charset) may stand
 * anywhere; the first word names the command and, for commands with
 * verbs, the next names the verb; every other --option must be declared
 * by the command, by its verb, or be a field of the verb's kind.  Reading
 * opens nothing, so the fuzzer drives it whole.  Running then opens the
 * database as the entry says, calls the command's function and closes.
 * Help is printed from the same tables.  Every error is one line on
 * stderr beginning "zsdesk: " and a documented exit code.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cli.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"
#include "priv.h"

struct cli_global cli;

/* The desk has a table entry for help only: main.c opens it. */
static const struct command cmd_desk = {
	.name = "run",
	.summary = N_("Open the full-screen desk (also: zsdesk with no command)"),
	.flags = CMD_DESK | CMD_DATABASE,
	.usage = "[--db DIR] [--as LOGIN] [--lang zh|en] [--charset NAME]",
};

static const struct command *const commands[] = {
	&cmd_init,     &cmd_demo,    &cmd_project, &cmd_enterprise, &cmd_officer,
	&cmd_district, &cmd_search,  &cmd_issue,   &cmd_firsttalk,  &cmd_manager,
	&cmd_calendar, &cmd_tick,    &cmd_credit,  &cmd_dispute, &cmd_audit,   &cmd_check,	    &cmd_backup,
	&cmd_restore,  &cmd_profile, &cmd_mapsize, &cmd_desk,
	&cmd_followup, &cmd_inbox,    &cmd_filter,  &cmd_print, &cmd_export, &cmd_import,
	&cmd_node,     &cmd_sync,     &cmd_conflict,
	&cmd_target,   &cmd_report,
	&cmd_prospect, &cmd_event,    &cmd_carrier,
	&cmd_policy,   &cmd_expert,   &cmd_agency,  &cmd_visit,
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const char global_help[] = N_("Global options: --db DIR  --format table|tsv|csv|json|xlsx  "
				     "--encoding utf-8|utf-8-bom|gb18030  --as LOGIN  --lang zh|en  "
				     "--charset NAME");

/* Prints "zsdesk: msg" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *shown = out_visible(msg); /* names and reasons come from the database */
	charset_printf(stderr, "zsdesk: %s\n", shown);
	free(shown);
	return code;
}

/* Prints "zsdesk: warning: msg" to stderr. */
void cli_warn(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *shown = out_visible(msg);
	charset_printf(stderr, "zsdesk: %s: %s\n", _("warning"), shown);
	free(shown);
}

/* Maps a core status to the documented exit code. */
/* What to do about a failure, worded for the command line, by hint. */
static const char *const cli_hints[] = {
	[ZS_HINT_REASON] = N_(" (give --reason WHY)"),
	[ZS_HINT_PREREPORT] = N_("; report it first (zsdesk project prereport ID), or the city "
				 "office records the signing without credit (--no-credit --reason "
				 "WHY)"),
	[ZS_HINT_KEEP] = N_(" (leave out --keep)"),
	[ZS_HINT_ASK_CITY] = N_("; ask the city office"),
	[ZS_HINT_ASK_ADMIN] = N_("; ask an administrator"),
};

int cli_fail(struct zs *z)
{
	const struct zs_err *e = zs_last_error(z);
	const char *hint = e->hint > 0 && e->hint < sizeof cli_hints / sizeof *cli_hints
				   ? cli_hints[e->hint]
				   : NULL;
	return cli_error(cli_exit_of(e->status), "%s%s", e->msg, hint ? _(hint) : "");
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

/* Finds the database directory: --db, $ZSDESK_DB, or the default. */
const char *cli_db_dir(void)
{
	static char path[4096];
	if (cli.db && *cli.db)
		return cli.db;
	const char *env = priv_getenv("ZSDESK_DB");
	if (env && *env)
		return env;
	if (priv_setid())
		return SHAREDDIR; /* the server's database, whoever runs it */
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/zsdesk", xdg);
	else
		snprintf(path, sizeof path, "%s/.local/share/zsdesk",
			 getenv("HOME") ? getenv("HOME") : ".");
	return path;
}

/* Opens the database as flags (CMD_*) say, or prints why not. */
struct zs *cli_open(unsigned flags)
{
	struct zs *z;
	char err[1024];
	struct zs_open_opts o = {
		.as = cli.as,
		.anonymous = (flags & CMD_ANONYMOUS) != 0,
		.readonly = (flags & CMD_READONLY) != 0,
	};
	if (zs_open(cli_db_dir(), &o, &z, err, sizeof err) != ZS_OK) {
		cli_error(EXIT_FAIL, "%s", err);
		return NULL;
	}
	return z;
}

/* Parses a size like 64G, 512M or a byte count; 0 on error. */
uint64_t cli_parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (!*s || errno || end == s || *s == '-')
		return 0;
	uint64_t mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1ULL << 10;
	else if (*end == 'M' || *end == 'm')
		mul = 1ULL << 20;
	else if (*end == 'G' || *end == 'g')
		mul = 1ULL << 30;
	else if (*end == 'T' || *end == 't')
		mul = 1ULL << 40;
	else if (*end)
		return 0;
	if (*end && end[1] && strcmp(end + 1, "iB") && strcmp(end + 1, "B"))
		return 0;
	if (n > (1ULL << 50) / mul)
		return 0;
	return n * mul;
}

/* ---- the table ---- */

/* Finds a command by name. */
static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

/* Finds a verb of c by name. */
static const struct cli_verb *find_verb(const struct command *c, const char *name)
{
	for (const struct cli_verb *v = c->verbs; v && v->name; v++)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

/* Finds the option called name (len bytes) in a table that may be NULL. */
static const struct cli_option *find_option(const struct cli_option *t, const char *name,
					    size_t len)
{
	for (; t && t->name; t++)
		if (strlen(t->name) == len && !strncmp(t->name, name, len))
			return t;
	return NULL;
}

/* True when name (len bytes, dashes for underscores) is a field of kind k
 * or "set": what a CMD_FIELDS verb takes besides its options. */
static bool is_field(enum kind k, const char *name, size_t len)
{
	char field[64];
	if (len == 3 && !strncmp(name, "set", 3))
		return true;
	if (len >= sizeof field)
		return false;
	for (size_t i = 0; i < len; i++)
		field[i] = name[i] == '-' ? '_' : name[i];
	field[len] = '\0';
	return schema_field(k, field) != NULL;
}

/* Flags of what runs: the verb's, or the command's. */
static unsigned run_flags(const struct command *c, const struct cli_verb *v)
{
	return v ? v->flags : c->flags;
}

/* Finds option name (len bytes) anywhere in c (command or any verb), so
 * that the line can be split before its verb is known. */
static const struct cli_option *command_option(const struct command *c, const char *name,
					       size_t len, bool *field)
{
	const struct cli_option *o = find_option(c->options, name, len);
	*field = false;
	for (const struct cli_verb *v = c->verbs; !o && v && v->name; v++)
		o = find_option(v->options, name, len);
	if (o)
		return o;
	if (run_flags(c, NULL) & CMD_FIELDS)
		*field = is_field(c->kind, name, len);
	for (const struct cli_verb *v = c->verbs; !*field && v && v->name; v++)
		*field = (v->flags & CMD_FIELDS) && is_field(c->kind, name, len);
	return NULL;
}

/* ---- help, from the tables ---- */

/* Prints every command with its summary. */
static void help_all(void)
{
	charset_printf(stdout, "%s\n\n", _("zsdesk - the investment promotion desk (招商工作台)"));
	charset_printf(stdout, "%s\n", _("Usage: zsdesk [COMMAND] [OPTIONS]"));
	charset_printf(stdout, "%s\n\n", _("Without a command, zsdesk opens the full-screen desk."));
	for (size_t i = 0; i < NCOMMANDS; i++)
		charset_printf(stdout, "  %-12s %s\n", commands[i]->name, _(commands[i]->summary));
	charset_printf(stdout, "\n%s\n", _(global_help));
	charset_printf(stdout, "%s\n", _("Each command has --help.  See zsdesk(1) and README.md."));
}

/* Prints one usage line: "Usage: zsdesk WORDS USAGE" or its continuation. */
static void usage_line(bool first, const char *words, const char *usage)
{
	if (first)
		charset_printf(stdout, "%s: ", _("Usage"));
	else
		charset_printf(stdout, "%*s", text_width(_("Usage")) + 2, "");
	charset_printf(stdout, "zsdesk %s%s%s\n", words, usage && *usage ? " " : "",
		       usage ? usage : "");
}

/* Prints the options of table t, one per line with its help. */
static void help_options(const struct cli_option *t)
{
	for (; t && t->name; t++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", t->name, t->arg ? " " : "",
			 t->arg ? t->arg : "");
		charset_printf(stdout, "  %-24s %s\n", left, _(t->help));
	}
}

/* Prints the fields of kind k as the options --FIELD VALUE of a verb. */
static void help_fields(enum kind k)
{
	const struct kind_def *d = schema_kind(k);
	int col = 2;
	charset_printf(stdout, "  %-24s %s\n", "--FIELD VALUE", _("set a field; the fields are:"));
	charset_printf(stdout, "   ");
	for (int i = 0; i < d->nfields; i++) {
		char name[64];
		if (d->fields[i].flags & FIELD_SYSTEM)
			continue;
		snprintf(name, sizeof name, "%s", d->fields[i].name);
		for (char *p = name; *p; p++)
			if (*p == '_')
				*p = '-';
		if (col + (int)strlen(name) > 76) {
			charset_printf(stdout, "\n   ");
			col = 2;
		}
		charset_printf(stdout, " --%s", name);
		col += (int)strlen(name) + 3;
	}
	charset_printf(stdout, "\n  %-24s %s\n", "--set NAME=VALUE",
		       _("set a field of the city's own"));
}

/* Prints the help of command c, or of its verb v. */
static void help_command(const struct command *c, const struct cli_verb *v)
{
	char words[64];
	if (v) {
		snprintf(words, sizeof words, "%s %s", c->name, v->name);
		usage_line(true, words, v->usage);
	} else if (!c->verbs) {
		usage_line(true, c->name, c->usage);
	}
	for (const struct cli_verb *w = v ? NULL : c->verbs; w && w->name; w++) {
		snprintf(words, sizeof words, "%s %s", c->name, w->name);
		usage_line(w == c->verbs, words, w->usage);
	}
	charset_printf(stdout, "\n%s\n", _(v ? v->summary : c->summary));
	if (c->verbs && !v) {
		charset_printf(stdout, "\n");
		for (const struct cli_verb *w = c->verbs; w->name; w++)
			charset_printf(stdout, "  %-12s %s\n", w->name, _(w->summary));
	}
	unsigned flags = run_flags(c, v);
	bool fields = (flags & CMD_FIELDS) && (v || !c->verbs);
	if ((v && v->options) || c->options || fields) {
		charset_printf(stdout, "\n%s\n", _("Options:"));
		if (v)
			help_options(v->options);
		help_options(c->options);
		if (fields)
			help_fields(c->kind);
	}
	charset_printf(stdout, "\n%s\n", _(global_help));
	if (c->verbs && !v)
		charset_printf(stdout, _("Each verb has --help: zsdesk %s %s --help\n"), c->name,
			       c->verbs[0].name);
}

/* ---- reading a command line ---- */

/* Removes global options from argv (in place); returns the new argc or -1. */
static int take_globals(int argc, char **argv)
{
	static const char *const names[] = {"db", "format", "as", "lang", "charset", "encoding"};
	const char **slots[] = {&cli.db, &cli.format, &cli.as, &cli.lang, &cli.charset, &cli.encoding};
	int out = 0, i;
	for (i = 0; i < argc; i++) {
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
	/* Keep "--" and what follows it for the command. */
	while (i < argc)
		argv[out++] = argv[i++];
	return out;
}

/* Splits the words of command c into options and words; sets *help when
 * --help was among them.  Unknown options are kept to be refused once the
 * verb is known. */
static int split(struct args *a, const struct command *c, int argc, char **argv, bool *help)
{
	bool words_only = false;
	a->opts = xcalloc((size_t)argc + 1, sizeof *a->opts);
	a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
	a->owned = xcalloc((size_t)argc + 1, sizeof *a->owned);
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!words_only && !strcmp(s, "--")) {
			words_only = true;
			continue;
		}
		if (!words_only && s[0] == '-' && s[1] == '-' && s[2]) {
			const char *name = s + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			bool field;
			if (len == 4 && !strncmp(name, "help", 4)) {
				*help = true;
				continue;
			}
			const struct cli_option *d = command_option(c, name, len, &field);
			struct arg_opt *o = &a->opts[a->nopts++];
			o->decl = d;
			if (d) {
				o->name = d->name;
			} else {
				a->owned[a->nowned] = xmemdup(name, len);
				o->name = a->owned[a->nowned++];
			}
			if (eq) {
				if (d && !d->arg)
					return cli_error(EXIT_USAGE, _("--%s takes no value"), d->name);
				o->val = eq + 1;
			} else if (d ? d->arg != NULL : field) {
				if (i + 1 >= argc)
					return cli_error(EXIT_USAGE, _("option --%s needs a value"),
							 o->name);
				o->val = argv[++i];
			}
			continue;
		}
		if (!words_only && s[0] == '-' && s[1] && s[1] != '-' && !(s[1] >= '0' && s[1] <= '9'))
			return cli_error(EXIT_USAGE, _("unknown option %s (options begin with --)"), s);
		a->pos[a->npos++] = s;
	}
	if (a->npos > 0 && !strcmp(a->pos[a->npos - 1], "help"))
		*help = true;
	return 0;
}

/* True when option o may be given to the verb (or command) read into a;
 * points o at the declaration that applies, or at none for a field. */
static bool allowed(const struct args *a, struct arg_opt *o)
{
	size_t len = strlen(o->name);
	const struct cli_option *d = find_option(a->cmd->options, o->name, len);
	if (!d && a->verb)
		d = find_option(a->verb->options, o->name, len);
	o->decl = d;
	if (d)
		return true;
	return (run_flags(a->cmd, a->verb) & CMD_FIELDS) && is_field(a->cmd->kind, o->name, len);
}

/* Joins the verb names of c with ", " into buf. */
static char *verb_list(const struct command *c, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (const struct cli_verb *v = c->verbs; v->name && used < size; v++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", v->name);
	return buf;
}

/* Reads the words after command c into a: verb, options, words. */
static int read_command(struct args *a, const struct command *c, int argc, char **argv)
{
	bool help = false;
	char verbs[256];
	int rc = split(a, c, argc, argv, &help);
	if (rc)
		return rc;
	if (c->verbs && a->npos > 0)
		a->verb = find_verb(c, a->pos[0]);
	snprintf(a->name, sizeof a->name, "%s%s%s", c->name, a->verb ? " " : "",
		 a->verb ? a->verb->name : "");
	if (help) {
		help_command(c, a->verb);
		return EXIT_OK;
	}
	if (c->verbs && a->npos == 0)
		return cli_error(EXIT_USAGE, _("%s what? %s (see zsdesk %s --help)"), c->name,
				 verb_list(c, verbs, sizeof verbs), c->name);
	if (c->verbs && !a->verb)
		return cli_error(EXIT_USAGE, _("%s has no %s (%s)"), c->name, a->pos[0],
				 verb_list(c, verbs, sizeof verbs));
	a->cmd = c;
	for (int i = 0; i < a->nopts; i++)
		if (!allowed(a, &a->opts[i])) {
			a->cmd = NULL;
			return cli_error(EXIT_USAGE, _("%s does not take --%s (see zsdesk %s --help)"),
					 a->name, a->opts[i].name, a->name);
		}
	if ((c->flags & CMD_DESK) && a->npos > 0) {
		a->cmd = NULL;
		return cli_error(EXIT_USAGE, _("%s takes no word %s"), c->name, a->pos[0]);
	}
	return EXIT_OK;
}

/* Reads a whole command line against the table, opening nothing. */
int cli_read(struct args *a, int argc, char **argv)
{
	memset(a, 0, sizeof *a);
	int n = take_globals(argc, argv);
	if (n < 0)
		return EXIT_USAGE;
	if (cli.lang && i18n_set(cli.lang) < 0)
		return cli_error(EXIT_USAGE, _("--lang takes zh or en, not %s"), cli.lang);
	if (cli.charset && charset_init(cli.charset) < 0)
		return cli_error(EXIT_USAGE, _("unknown character set %s"), cli.charset);
	if (cli.format && strcmp(cli.format, "table") && strcmp(cli.format, "tsv") &&
	    strcmp(cli.format, "csv") && strcmp(cli.format, "json") && strcmp(cli.format, "xlsx"))
		return cli_error(EXIT_USAGE, _("--format takes table, tsv, csv, json or xlsx, not %s"),
				 cli.format);
	/* No command, or options only ("zsdesk --as x"): the desk. */
	if (n == 0 || (argv[0][0] == '-' && argv[0][1] == '-' && strcmp(argv[0], "--help") &&
		       strcmp(argv[0], "--version")))
		return read_command(a, &cmd_desk, n, argv);
	const char *name = argv[0];
	if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
		const struct command *c = n > 1 ? find_command(argv[1]) : NULL;
		if (c)
			help_command(c, n > 2 ? find_verb(c, argv[2]) : NULL);
		else
			help_all();
		return EXIT_OK;
	}
	if (!strcmp(name, "version") || !strcmp(name, "--version")) {
		charset_printf(stdout, "zsdesk %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	const struct command *c = find_command(name);
	if (!c)
		return cli_error(EXIT_USAGE, _("unknown command %s (see zsdesk help)"), name);
	return read_command(a, c, n - 1, argv + 1);
}

/* Runs what cli_read found: the prologue and epilogue of every command. */
int cli_run(struct args *a)
{
	unsigned flags = run_flags(a->cmd, a->verb);
	int (*run)(struct zs *, struct args *) = a->verb ? a->verb->run : a->cmd->run;
	struct zs *z = NULL;
	if ((flags & CMD_DATABASE) && !(z = cli_open(flags)))
		return EXIT_FAIL;
	int rc = run(z, a);
	if (z)
		zs_close(z);
	return rc;
}

/* Frees what cli_read allocated. */
void args_free(struct args *a)
{
	for (int i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->opts);
	free(a->pos);
	a->owned = NULL;
	a->opts = NULL;
	a->pos = NULL;
	a->nowned = a->nopts = a->npos = 0;
}

/* Finds the value of the last option called name ("" for a flag). */
const char *args_get(const struct args *a, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < a->nopts; i++)
		if (a->opts[i].decl && !strcmp(a->opts[i].name, name))
			v = a->opts[i].val ? a->opts[i].val : "";
	return v;
}

/* True when flag name was given. */
bool args_flag(const struct args *a, const char *name)
{
	return args_get(a, name) != NULL;
}

/* Refuses a field zsdesk keeps itself (given as option or --set name),
 * saying where a project's stage is moved. */
static int system_field(enum kind k, const char *field, const char *given)
{
	if (k == KIND_PROJECT && (!strcmp(field, "stage") || !strcmp(field, "stage_date")))
		return cli_error(EXIT_USAGE,
				 _("%s: a project's stage moves with `zsdesk project stage ID STAGE "
				   "[--date DATE]`, which checks the stage's rules, not by an edit"),
				 given);
	return cli_error(EXIT_USAGE, _("%s is kept by zsdesk and cannot be set here"), given);
}

/* Sets the --FIELD and --set options of a in the entry (of the command's
 * kind). */
int cli_fields(struct zs_entry *e, const struct args *a)
{
	char msg[1024];
	enum kind k = a->cmd->kind;
	int bad = 0;
	for (int i = 0; i < a->nopts; i++) {
		char field[64];
		const char *val = a->opts[i].val;
		const char *name = a->opts[i].name;
		if (a->opts[i].decl)
			continue; /* taken by the command itself */
		if (!strcmp(name, "set")) {
			const char *eq = val ? strchr(val, '=') : NULL;
			if (!eq)
				return cli_error(EXIT_USAGE, "%s", _("--set takes NAME=VALUE"));
			snprintf(field, sizeof field, "%.*s", (int)(eq - val), val);
			val = eq + 1;
			const struct field_def *f = schema_field(k, field);
			if (f && (f->flags & FIELD_SYSTEM))
				return system_field(k, field, field);
		} else {
			snprintf(field, sizeof field, "%s", name);
			for (char *p = field; *p; p++)
				if (*p == '-')
					*p = '_';
			const struct field_def *f = schema_field(k, field);
			if (!f)
				continue;
			if (f->flags & FIELD_SYSTEM) {
				char opt[80];
				snprintf(opt, sizeof opt, "--%s", name);
				return system_field(k, field, opt);
			}
		}
		if (!val)
			return cli_error(EXIT_USAGE, _("option --%s needs a value"), name);
		int rc = zs_entry_set_name(e, k, field, val, msg, sizeof msg);
		if (rc < 0) {
			cli_error(EXIT_FAIL, "%s", msg);
			bad = 1;
		} else if (rc > 0) {
			cli_warn("%s", msg);
		}
	}
	return bad ? EXIT_FAIL : 0;
}

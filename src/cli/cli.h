/*
 * cli.h - what the command files share: the command table, options,
 * output in four formats, and opening the database.
 *
 * Each command lives in its own file as one table entry (with its verbs
 * and their options) and the functions they name.  Everything a command
 * would otherwise repeat - reading its options, refusing unknown ones,
 * --help, opening and closing the database - is done once in cli.c from
 * what the entry declares, so dispatch, `zsdesk help`, COMMAND --help and
 * the fuzzer all read the same tables.
 */
#ifndef ZSDESK_CLI_H
#define ZSDESK_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "entry.h"

/* Exit codes, documented in README.md and zsdesk(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,     /* not found, invalid, denied, damaged */
	EXIT_USAGE = 2,    /* the command line itself is wrong */
	EXIT_CONFLICT = 3, /* someone saved first */
	EXIT_FULL = 4,     /* database or disk full; nothing saved */
};

/* What a command or verb needs before it runs (struct command, struct
 * cli_verb): the prologue in cli.c reads these, never the command. */
enum {
	CMD_DATABASE = 1 << 0,  /* opens the database (as the officer at the keyboard) */
	CMD_ANONYMOUS = 1 << 1, /* with CMD_DATABASE: no officer needed (check, backup) */
	CMD_READONLY = 1 << 2,  /* with CMD_DATABASE: opens it read-only */
	CMD_FIELDS = 1 << 3,    /* takes --FIELD VALUE and --set NAME=VALUE of its kind */
	CMD_DESK = 1 << 4,      /* the full-screen desk: main.c opens it, the table helps */
};

/* One option of a command or verb: --name VALUE (or --name=VALUE), or
 * the flag --name when arg is NULL.  Tables end with a NULL name. */
struct cli_option {
	const char *name; /* without the dashes: "expect-version" */
	const char *arg;  /* the value's placeholder ("DATE"), or NULL for a flag */
	const char *help; /* one line, N_() */
};

struct args;

/* One verb of a command ("project stage"): the words after the command
 * name begin with it.  Tables end with a NULL name. */
struct cli_verb {
	const char *name;
	const char *usage;   /* what follows "zsdesk project stage " */
	const char *summary; /* one line, N_() */
	int (*run)(struct zs *z, struct args *a); /* z is NULL without CMD_DATABASE */
	const struct cli_option *options; /* its own; NULL for none */
	unsigned flags;      /* CMD_* */
};

/* One command: a table entry in its own cmd-*.c file. */
struct command {
	const char *name;
	const char *summary; /* one line, N_() */
	unsigned flags;      /* CMD_*, for a command without verbs */
	enum kind kind;      /* the records its CMD_FIELDS verbs take fields of */
	const char *usage;   /* what follows "zsdesk NAME ", without verbs */
	int (*run)(struct zs *z, struct args *a); /* without verbs */
	const struct cli_option *options; /* taken by the command and every verb */
	const struct cli_verb *verbs;     /* NULL: the command has none */
};

/* One option as given on the command line. */
struct arg_opt {
	const char *name;              /* the declared name, "set", or a field name */
	const char *val;               /* points into argv; NULL for a flag */
	const struct cli_option *decl; /* NULL for --FIELD VALUE and --set */
};

/* A command line read against the table: the command, its verb, its
 * options and its words (which begin with the verb). */
struct args {
	const struct command *cmd;     /* NULL when nothing is left to run */
	const struct cli_verb *verb;   /* NULL for a command without verbs */
	char name[64];                 /* "project stage", for messages */
	struct arg_opt *opts;
	int nopts;
	const char **pos;
	int npos;
	char **owned; /* field names copied out of "--name=value" */
	int nowned;
};

/* Options every command takes. */
struct cli_global {
	const char *db;
	const char *format; /* table, tsv, csv, json */
	const char *as;
	const char *lang;
	const char *charset;
	const char *encoding; /* of tsv, csv, json and export files */
};

extern struct cli_global cli;

/* Reads a command line (global options, command, verb, options and
 * words) against the command table, opening nothing.  Help, the version
 * and errors are printed here and leave a->cmd NULL; otherwise a->cmd is
 * the command to run.  Returns the exit code so far.  Call args_free
 * after. */
int cli_read(struct args *a, int argc, char **argv);

/* Runs the command read into a: opens the database as its table entry
 * says, runs it, closes.  Returns the exit code. */
int cli_run(struct args *a);

/* Frees what cli_read allocated. */
void args_free(struct args *a);

/* Value of option name (the last one given), "" for a flag, or NULL. */
const char *args_get(const struct args *a, const char *name);

/* True when flag name was given. */
bool args_flag(const struct args *a, const char *name);

/* Parses a size like 64G, 512M or a byte count; 0 on error. */
uint64_t cli_parse_size(const char *s);

/* Prints "zsdesk: msg" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "zsdesk: warning: msg" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the last failure of core with what to do about it, worded for
 * the command line ("--reason WHY"); returns its exit code. */
int cli_fail(struct zs *z);

/* Exit code for a core status. */
int cli_exit_of(int zs_status);

/* The database directory: --db, $ZSDESK_DB, or the default. */
const char *cli_db_dir(void);

/* Opens the database as flags (CMD_ANONYMOUS, CMD_READONLY) say;
 * prints the error and returns NULL on failure. */
struct zs *cli_open(unsigned flags);

/* Sets every --FIELD option of a (and --set NAME=VALUE) in r, a record
 * of the command's kind; prints errors and warnings.  Returns 0, or an
 * exit code. */
int cli_fields(struct zs_entry *e, const struct args *a);

/* ---- output ---- */

/* The options that narrow a list of projects, for the option tables of
 * project list, the bulk verbs and filter save. */
#define CLI_PROJECT_FILTERS                                                                    \
	{"district", "D", N_("only projects of this district")},                                   \
	{"stage", "S", N_("only projects at this stage")},                                         \
	{"industry", "I", N_("only projects of this industry")},                                   \
	{"manager", "M", N_("only projects with this service manager")},                           \
	{"enterprise", "E", N_("only projects of this enterprise")},                               \
	{"min", "AMOUNT", N_("only projects of at least this investment")},                        \
	{"max", "AMOUNT", N_("only projects of at most this investment")},                         \
	{"unmanaged", NULL, N_("only major projects without a service manager")},                  \
	{"search", "TEXT", N_("only those matching the text (Chinese, pinyin or code)")}

struct out;

/* Begins a listing with ncols columns: keys (for json/csv headers) and
 * labels (for the table header). */
struct out *out_begin(int ncols, const char *const *keys, const char *const *labels);

/* Adds one row of ncols texts. */
void out_row(struct out *o, const char *const *cells);

/* Names the listing's sheet (XLSX; name as xlsxwriter allows: at most 31
 * characters, none of []:*?/\) and gives it notes, which XLSX writes on a
 * second sheet and other formats leave to the caller.  The texts must
 * outlive out_end(). */
void out_sheet(struct out *o, const char *name, char *const *notes, size_t nnotes);

/* Prints the listing in the chosen format and frees it. */
int out_end(struct out *o);

/* Frees a listing without printing it. */
void out_free(struct out *o);

/* Prints one record as "label  value" lines (or json/tsv/csv). */
int out_record(struct zs *z, enum kind k, const struct rec *r, uint64_t id);

/* Lists records of kind k by ids with the kind's listed columns. */
int out_records(struct zs *z, enum kind k, const uint64_t *ids, size_t n);

/* Prints UTF-8 text in the user's character set; control characters
 * (C0 but line breaks and tabs, DEL, C1, bidirectional overrides) are
 * printed as escapes such as \e, never raw. */
void out_text(const char *s);

/* Newly allocated copy of s for one line on a terminal: control
 * characters shown as \e, \n, \t, \xHH or \u0085. */
char *out_visible(const char *s);

/* The command table, one entry defined by each cmd-*.c. */
extern const struct command cmd_init, cmd_demo, cmd_project, cmd_enterprise, cmd_officer,
	cmd_district, cmd_search, cmd_check, cmd_profile, cmd_mapsize, cmd_issue, cmd_firsttalk,
	cmd_manager, cmd_calendar, cmd_tick, cmd_credit, cmd_dispute, cmd_audit, cmd_backup,
	cmd_restore, cmd_export, cmd_import, cmd_node, cmd_sync, cmd_conflict;
extern const struct command cmd_followup, cmd_inbox, cmd_filter, cmd_print, cmd_target, cmd_report;
extern const struct command cmd_prospect, cmd_event, cmd_carrier;
extern const struct command cmd_policy, cmd_expert, cmd_agency, cmd_visit;

/* The kind an export or import names ("projects", "project", ...), or -1
 * (cmd-export.c). */
int cli_exchange_kind(const char *s);

/* The file format of an export or import: --format, else the extension
 * of path, else CSV; -1 for one it cannot be (cmd-export.c). */
int cli_exchange_format(const char *path);

#endif

/*
 * cli.h - what the command files share: the command table, options,
 * output in four formats, and opening the database.
 *
 * Each command lives in its own file as one table entry and one function,
 * so `zsdesk help` and dispatch come from the same table.
 */
#ifndef ZSDESK_CLI_H
#define ZSDESK_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"

/* Exit codes, documented in README.md and zsdesk(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,     /* not found, invalid, denied, damaged */
	EXIT_USAGE = 2,    /* the command line itself is wrong */
	EXIT_CONFLICT = 3, /* someone saved first */
	EXIT_FULL = 4,     /* database or disk full; nothing saved */
};

/* Parsed command line of one command: options and positional words. */
struct args {
	int argc;
	char **argv; /* after the command name, UTF-8 */
	const char *opt_name[64];
	const char *opt_val[64];
	bool opt_used[64];
	bool opt_owned[64]; /* opt_name was allocated by args_parse */
	int nopts;
	const char *pos[32];
	int npos;
};

/* Options every command takes. */
struct cli_global {
	const char *db;
	const char *format; /* table, tsv, csv, json */
	const char *as;
	const char *lang;
	const char *charset;
};

extern struct cli_global cli;

struct command {
	const char *name;
	const char *usage;   /* "project add --name NAME ..." */
	const char *summary; /* one line, translated */
	int (*run)(struct args *a);
};

/* Splits argv into options (--name VALUE, --name=VALUE, flags) and words.
 * flags lists the options that take no value ("yes|single-user"). */
int args_parse(struct args *a, int argc, char **argv, const char *flags);

/* Frees what args_parse allocated. */
void args_free(struct args *a);

/* Value of option name (marking it used), or NULL. */
const char *args_get(struct args *a, const char *name);

/* True when flag name was given. */
bool args_flag(struct args *a, const char *name);

/* Fails with a usage error for the first option no one asked about. */
int args_done(struct args *a, const char *cmd);

/* Prints "zsdesk: msg" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "zsdesk: warning: msg" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit code for a core status. */
int cli_exit_of(int zs_status);

/* The database directory: --db, $ZSDESK_DB, or the default. */
const char *cli_db_dir(void);

/* Opens the database; prints the error and returns NULL on failure. */
struct zs *cli_open(bool anonymous);

/* Prints the usage of a command and returns EXIT_OK (for --help). */
int cli_usage(const char *name);

/* True when --help was given: prints the usage. */
bool cli_wants_help(struct args *a, const char *name);

/* Sets every --FIELD option of a that names a field of kind k (or --set
 * NAME=VALUE) in r; prints errors and warnings.  Returns 0, or an exit
 * code. */
int cli_fields(struct zs *z, struct args *a, enum kind k, struct rec *r);

/* ---- output ---- */

struct out;

/* Begins a listing with ncols columns: keys (for json/csv headers) and
 * labels (for the table header). */
struct out *out_begin(int ncols, const char *const *keys, const char *const *labels);

/* Adds one row of ncols texts. */
void out_row(struct out *o, const char *const *cells);

/* Prints the listing in the chosen format and frees it. */
int out_end(struct out *o);

/* Frees a listing without printing it. */
void out_free(struct out *o);

/* Prints one record as "label  value" lines (or json/tsv/csv). */
int out_record(struct zs *z, enum kind k, const struct rec *r, uint64_t id);

/* Lists records of kind k by ids with the kind's listed columns. */
int out_records(struct zs *z, enum kind k, const uint64_t *ids, size_t n);

/* Prints UTF-8 text in the user's character set. */
void out_text(const char *s);

/* The command table, defined by each cmd-*.c. */
extern const struct command cmd_init, cmd_demo, cmd_project, cmd_enterprise, cmd_officer,
	cmd_district, cmd_search, cmd_check, cmd_profile, cmd_mapsize, cmd_run, cmd_issue,
	cmd_firsttalk, cmd_manager, cmd_calendar, cmd_tick, cmd_audit, cmd_backup, cmd_restore;

/* Runs a command line; returns the exit code. */
int cli_main(int argc, char **argv);

#endif

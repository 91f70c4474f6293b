/*
 * cmd-sync.c - zsdesk sync: bring copies to the same state.
 *
 * One stream, two carriers: a bundle file (a USB stick) made by export and
 * read by import, or a connection through the system's ssh to `zsdesk
 * sync serve` on the other copy, talking over its standard input and
 * output as git and rsync do - no daemon, no port of zsdesk's own.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "priv.h"
#include "records.h"
#include "sync.h"

/* Prints a line an import has to say (a refusal, a conflict). */
static void note(void *ctx, const char *line)
{
	(void)ctx;
	char *shown = out_visible(line);
	charset_printf(stderr, "zsdesk: %s\n", shown);
	free(shown);
}

/* Writes what the peer lacks to FILE ("-": standard output). */
static int sync_export(struct zs *z, struct args *a)
{
	const char *for_ = args_get(a, "for");
	char *end = NULL;
	unsigned long peer = for_ ? strtoul(for_, &end, 10) : 0;
	if (a->npos != 2 || !for_ || !*for_ || *end || peer < 1 || peer > 65535)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk sync export --for NODE FILE"));
	const char *path = a->pos[1];
	bool to_stdout = !strcmp(path, "-");
	char tmp[4096];
	FILE *f = stdout;
	if (!to_stdout) {
		if (snprintf(tmp, sizeof tmp, "%s.part", path) >= (int)sizeof tmp)
			return cli_error(EXIT_USAGE, "%s", _("the file name is too long"));
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 || !(f = fdopen(fd, "wb"))) {
			if (fd >= 0)
				close(fd);
			return cli_error(EXIT_FAIL, _("cannot write %s: %s"), tmp, strerror(errno));
		}
	}
	struct zs_sync_stats st;
	memset(&st, 0, sizeof st);
	int rc = zs_sync_export(z, (unsigned)peer, f, &st);
	if (!to_stdout) {
		bool ok = rc == ZS_OK && fflush(f) == 0 && fsync(fileno(f)) == 0;
		fclose(f);
		if (!ok || rename(tmp, path) != 0) {
			unlink(tmp);
			if (rc == ZS_OK)
				return cli_error(EXIT_FAIL, _("cannot write %s: %s"), path, strerror(errno));
		}
	}
	if (rc != ZS_OK)
		return cli_fail(z);
	charset_printf(to_stdout ? stderr : stdout,
			_("%" PRIu64 " operations for node %u in %" PRIu64 " batches, %" PRIu64
			  " bytes (%" PRIu64 " withheld: not of its district)\n"),
			st.ops, st.to, st.batches, st.bytes, st.withheld);
	return EXIT_OK;
}

/* Prints what an import did. */
static void report_import(FILE *f, const struct zs_sync_stats *st)
{
	charset_printf(f,
			_("from node %u: %" PRIu64 " batches, %" PRIu64 " operations applied, %" PRIu64
			  " already held, %" PRIu64 " conflicts, %" PRIu64 " refused\n"),
			st->from, st->batches, st->applied, st->held, st->conflicts, st->refused);
}

/* Reads a bundle from FILE ("-": standard input). */
static int sync_import(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk sync import FILE"));
	const char *path = a->pos[1];
	FILE *f = stdin;
	if (strcmp(path, "-") && !(f = fopen(path, "rbe")))
		return cli_error(EXIT_FAIL, _("cannot read %s: %s"), path, strerror(errno));
	struct zs_sync_stats st;
	memset(&st, 0, sizeof st);
	st.note = note;
	int rc = zs_sync_import(z, f, &st);
	if (f != stdin)
		fclose(f);
	if (st.from && (st.batches || rc == ZS_OK))
		report_import(stdout, &st);
	return rc == ZS_OK ? EXIT_OK : cli_fail(z);
}

/* One row of the summary. */
static void status_one(void *ctx, unsigned node, uint64_t have)
{
	char n[16], h[24];
	snprintf(n, sizeof n, "%u", node);
	snprintf(h, sizeof h, "%" PRIu64, have);
	const char *row[2] = {n, h};
	out_row(ctx, row);
}

/* Prints, per origin node, the highest operation held. */
static int sync_status(struct zs *z, struct args *a)
{
	(void)a;
	static const char *const keys[] = {"origin", "held"};
	static const char *const labels[] = {N_("Origin node"), N_("Operations held")};
	struct out *o = out_begin(2, keys, labels);
	if (zs_sync_summary(z, status_one, o) != ZS_OK) {
		out_free(o);
		return cli_fail(z);
	}
	return out_end(o);
}

/* True when s is safe to pass to a remote shell as a word. */
static bool plain_word(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./~+-@", *s))
			return false;
	return true;
}

/* Closes every descriptor but standard input, output and error, before
 * ssh runs: the database's files (opened with the set-id group's rights)
 * must not stay open in a program the officer controls. */
static void close_others(void)
{
#ifdef HAVE_CLOSEFROM
	closefrom(3);
#else
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		close(fd);
#endif
}

/* Exchanges with the copy at [USER@]HOST[:DBDIR] through ssh. */
static int sync_ssh(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk sync ssh [USER@]HOST[:DBDIR]"));
	char host[512], dir[1024] = "";
	snprintf(host, sizeof host, "%s", a->pos[1]);
	char *colon = strchr(host, ':');
	if (colon) {
		snprintf(dir, sizeof dir, "%s", colon + 1);
		*colon = '\0';
	}
	if (!plain_word(host) || (*dir && !plain_word(dir)))
		return cli_error(EXIT_USAGE, _("%s is not a plain [USER@]HOST[:DBDIR]"), a->pos[1]);
	const char *ssh = priv_getenv("ZSDESK_SSH"), *remote = priv_getenv("ZSDESK_REMOTE");
	if (!ssh || !*ssh)
		ssh = "ssh";
	if (!remote || !*remote)
		remote = "zsdesk";
	if (!plain_word(remote))
		return cli_error(EXIT_USAGE, _("ZSDESK_REMOTE is not a plain program name: %s"), remote);
	int to[2], from[2];
	if (pipe(to) < 0 || pipe(from) < 0)
		return cli_error(EXIT_FAIL, _("cannot start ssh: %s"), strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		return cli_error(EXIT_FAIL, _("cannot start ssh: %s"), strerror(errno));
	if (pid == 0) {
		priv_drop();
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		close_others();
		const char *argv[10];
		int n = 0;
		argv[n++] = ssh;
		argv[n++] = "-e";
		argv[n++] = "none";
		argv[n++] = "--";
		argv[n++] = host;
		char cmd[2048];
		snprintf(cmd, sizeof cmd, "%s sync serve%s%s", remote, *dir ? " --db " : "", dir);
		argv[n++] = cmd;
		argv[n] = NULL;
		execvp(ssh, (char *const *)argv);
		fprintf(stderr, "zsdesk: cannot run %s: %s\n", ssh, strerror(errno));
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	signal(SIGPIPE, SIG_IGN);
	FILE *out = fdopen(to[1], "wb"), *in = fdopen(from[0], "rb");
	struct zs_sync_stats got, sent;
	memset(&got, 0, sizeof got);
	memset(&sent, 0, sizeof sent);
	got.note = note;
	int rc = zs_sync_exchange(z, in, out, &got, &sent);
	fclose(out);
	fclose(in);
	int status = 0;
	waitpid(pid, &status, 0);
	if (got.from && (got.batches || got.complete))
		report_import(stdout, &got);
	if (rc != ZS_OK)
		return cli_fail(z);
	charset_printf(stdout, _("to node %u: %" PRIu64 " operations in %" PRIu64 " batches, %" PRIu64 " bytes\n"),
		       sent.to, sent.ops, sent.batches, sent.bytes);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return cli_error(EXIT_FAIL, "%s",
				 _("the other copy did not confirm the exchange; run it again"));
	return EXIT_OK;
}

/* The other side of sync ssh, on standard input and output. */
static int sync_serve(struct zs *z, struct args *a)
{
	(void)a;
	struct zs_sync_stats got, sent;
	memset(&got, 0, sizeof got);
	memset(&sent, 0, sizeof sent);
	got.note = note;
	signal(SIGPIPE, SIG_IGN);
	if (zs_sync_serve(z, stdin, stdout, &got, &sent) != ZS_OK)
		return cli_fail(z);
	return EXIT_OK;
}

static const struct cli_option export_options[] = {
	{"for", "NODE", N_("the enrolled node the bundle is for")},
	{NULL, NULL, NULL},
};

static const struct cli_verb sync_verbs[] = {
	{"export", "--for NODE FILE", N_("Write the changes NODE lacks to a bundle file (- for standard output)"),
	 sync_export, export_options, CMD_DATABASE},
	{"import", "FILE", N_("Apply a bundle (- for standard input); again changes nothing"),
	 sync_import, NULL, CMD_DATABASE},
	{"status", "", N_("Per origin node, the operations this copy holds"), sync_status, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"ssh", "[USER@]HOST[:DBDIR]", N_("Exchange both ways with another copy through ssh"),
	 sync_ssh, NULL, CMD_DATABASE},
	{"serve", "", N_("The other side of sync ssh, on standard input and output"), sync_serve,
	 NULL, CMD_DATABASE},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_sync = {
	.name = "sync",
	.summary = N_("Exchange changes with other copies: by file or over ssh"),
	.verbs = sync_verbs,
};

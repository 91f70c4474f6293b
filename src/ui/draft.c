/*
 * draft.c - what an officer typed survives a dropped connection.
 *
 * A draft is a small text file per form and record in the user's state
 * directory ($XDG_STATE_HOME/zsdesk/drafts, else ~/.local/state/...):
 * DBKEY-FORM-ID.draft for a record, DBKEY-FORM-nN.draft for each new
 * record (numbered, so that a second intake never replaces the first); one
 * "name=value" line per field with \n, \\ escaped; it is written to a
 * temporary file, synced and renamed, so a crash mid-write leaves the old
 * draft whole.  The database path is hashed into the file name, so drafts
 * of different databases never mix.  Drafts are read through the one
 * reader of line files (raw: a value keeps its blanks).  No curses here.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linefile.h"
#include "ui.h"

/* The drafts directory, created when missing (0700: drafts are private). */
static void draft_dir(char *buf, size_t n)
{
	const char *state = getenv("XDG_STATE_HOME");
	char base[3800];
	if (state && *state)
		snprintf(base, sizeof base, "%s", state);
	else
		snprintf(base, sizeof base, "%s/.local/state", getenv("HOME") ? getenv("HOME") : "/tmp");
	snprintf(buf, n, "%s/zsdesk/drafts", base);
	/* mkdir -p */
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", buf);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0700);
			*p = '/';
		}
	mkdir(tmp, 0700);
}

/* FNV-1a of the database's real path, as 16 hex digits. */
static void db_key(const char *dbdir, char out[17])
{
	char real[4096];
	const char *p = realpath(dbdir, real) ? real : dbdir;
	uint64_t h = 1469598103934665603ULL;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Path of the draft of a form for a database (in the user's state dir). */
void draft_path(const char *dbdir, const char *form, uint64_t id, char *buf, size_t n)
{
	char dir[4096], key[17];
	draft_dir(dir, sizeof dir);
	db_key(dbdir, key);
	snprintf(buf, n, "%s/%s-%s-%llu.draft", dir, key, form, (unsigned long long)id);
}

/* The highest number of a new-record draft of form on this database. */
static unsigned long draft_last_number(const char *dir, const char *key, const char *form)
{
	DIR *d = opendir(dir);
	unsigned long max = 0;
	if (!d)
		return 0;
	char prefix[128];
	snprintf(prefix, sizeof prefix, "%s-%s-n", key, form);
	size_t pl = strlen(prefix);
	for (struct dirent *e; (e = readdir(d));) {
		unsigned long n;
		if (!strncmp(e->d_name, prefix, pl) && sscanf(e->d_name + pl, "%lu.draft", &n) == 1 &&
		    n > max)
			max = n;
	}
	closedir(d);
	return max;
}

/* Path of a new draft of a form for a new record: a number no draft of
 * this database has, nor any handed out before in this process. */
void draft_path_new(const char *dbdir, const char *form, char *buf, size_t n)
{
	static unsigned long next = 1;
	char dir[4096], key[17];
	draft_dir(dir, sizeof dir);
	db_key(dbdir, key);
	unsigned long num = draft_last_number(dir, key, form) + 1;
	if (num < next)
		num = next;
	next = num + 1;
	snprintf(buf, n, "%s/%s-%s-n%lu.draft", dir, key, form, num);
}

/* Writes s with newlines and backslashes escaped. */
static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
}

/* Writes field=value lines to path, atomically and synced; 0 or -1. */
int draft_save(const char *path, const char *const *names, const char *const *values, int n)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return -1;
	}
	fputs("# zsdesk draft\n", f);
	for (int i = 0; i < n; i++) {
		if (!values[i] || !*values[i])
			continue;
		fprintf(f, "%s=", names[i]);
		put_escaped(f, values[i]);
		fputc('\n', f);
	}
	int rc = fflush(f) == 0 && fsync(fd) == 0 ? 0 : -1;
	fclose(f);
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

/* Undoes put_escaped() in place. */
static void unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1] == 'n') {
			*o++ = '\n';
			p++;
		} else if (*p == '\\' && p[1] == '\\') {
			*o++ = '\\';
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* Reads a draft, calling fn for each field; -1 when there is none. */
int draft_load(const char *path, void (*fn)(void *ctx, const char *name, const char *value),
	       void *ctx)
{
	char err[512];
	char *text = linefile_read(path, err, sizeof err);
	if (!text)
		return -1;
	struct linefile lf;
	char *line;
	linefile_init(&lf, path, text);
	lf.raw = true; /* values keep their blanks and any "#" */
	while ((line = linefile_next(&lf))) {
		char *eq = line[0] == '#' ? NULL : strchr(line, '=');
		if (eq) {
			*eq = '\0';
			unescape(eq + 1);
			fn(ctx, line, eq + 1);
		}
		free(line);
	}
	free(text);
	return 0;
}

/* Whether a draft (mtime, path) is newer than the best so far: the later
 * written, and of two written in the same millisecond (a hang-up saves
 * every open form at once) the later numbered. */
bool draft_newer(long long mtime, const char *path, long long best, const char *best_path)
{
	return mtime > best || (mtime == best && strverscmp(path, best_path) > 0);
}

/* Lists the drafts of a database through fn; how many there are. */
int draft_list(const char *dbdir,
	       void (*fn)(void *ctx, const char *path, const char *form, uint64_t id,
			  long long mtime_ms),
	       void *ctx)
{
	char dir[4096], key[17];
	draft_dir(dir, sizeof dir);
	db_key(dbdir, key);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int count = 0;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 24 || strncmp(e->d_name, key, 16) || e->d_name[16] != '-' ||
		    strcmp(e->d_name + n - 6, ".draft"))
			continue;
		char form[64];
		unsigned long long id;
		const char *rest = e->d_name + 17;
		const char *dash = strrchr(rest, '-');
		if (!dash || dash - rest >= (long)sizeof form)
			continue;
		snprintf(form, sizeof form, "%.*s", (int)(dash - rest), rest);
		unsigned long num;
		if (strlen(form) > 5 && !strcmp(form + strlen(form) - 5, "-last"))
			continue; /* the values last saved, for "copy" fields */
		if (dash[1] == 'n' && sscanf(dash + 2, "%lu.draft", &num) == 1)
			id = 0; /* a new record's */
		else if (sscanf(dash + 1, "%llu.draft", &id) != 1)
			continue;
		char path[4400];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) < 0)
			continue;
		fn(ctx, path, form, id,
		   (long long)sb.st_mtim.tv_sec * 1000 + sb.st_mtim.tv_nsec / 1000000);
		count++;
	}
	closedir(d);
	return count;
}

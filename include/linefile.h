/*
 * linefile.h - the one reader of zsdesk's line files.
 *
 * Forms, city profiles, calendars, the user's key file and drafts are
 * all text files of one line per entry.  This reader takes them in one
 * way: whole files read with a size limit (a FIFO or /dev/zero is refused,
 * not waited on or swallowed), lines numbered, comments and blanks
 * handled, and every complaint worded "FILE line N: what is wrong" in
 * one place.
 */
#ifndef ZSDESK_LINEFILE_H
#define ZSDESK_LINEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest line file zsdesk reads (a profile is about 8 KiB). */
#define LINEFILE_MAX (4u << 20)

struct linefile {
	const char *name; /* shown in messages; NULL: "line N: ..." only */
	const char *p;    /* where the next line starts; NULL at the end */
	int lineno;       /* number of the line last returned */
	bool raw;         /* lines as they are: no trim, no "#" comments */
};

/* Starts reading text (NUL-terminated, not copied); name is for messages. */
void linefile_init(struct linefile *lf, const char *name, const char *text);

/* The next line, newly allocated: trimmed of blanks (ASCII and the
 * full-width space) and of a "#" comment unless lf->raw, without its
 * line end (\n or \r\n); "" for a blank line; NULL when the text is used
 * up. */
char *linefile_next(struct linefile *lf);

/* Writes "NAME line N: message" (or "line N: message") into err and
 * returns -1. */
int linefile_error(const struct linefile *lf, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Splits "key = value" in place: *key and *val point into line, both
 * trimmed of ASCII blanks.  Returns -1 when there is no "=". */
int linefile_split(char *line, char **key, char **val);

/* Reads the regular file at path (at most LINEFILE_MAX bytes) into a new
 * NUL-terminated string.  NULL with a message in err when it cannot be
 * opened, is not a regular file, is too large or holds a NUL byte. */
char *linefile_read(const char *path, char *err, size_t errlen);

#endif

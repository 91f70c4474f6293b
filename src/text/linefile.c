/*
 * linefile.c - reading zsdesk's line files in one way.
 *
 * The parsers of forms, profiles, calendars, key files and drafts only
 * say what a line means; reading, numbering, trimming, comments and the
 * shape of error messages live here.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "linefile.h"
#include "normalize.h"
#include "xalloc.h"

void linefile_init(struct linefile *lf, const char *name, const char *text)
{
	lf->name = name;
	lf->p = text;
	lf->lineno = 0;
	lf->raw = false;
}

char *linefile_next(struct linefile *lf)
{
	if (!lf->p || (!*lf->p && lf->lineno > 0))
		return NULL;
	if (!*lf->p) {
		lf->p = NULL;
		return NULL;
	}
	const char *s = lf->p;
	const char *e = strchr(s, '\n');
	size_t len = e ? (size_t)(e - s) : strlen(s);
	lf->p = e ? e + 1 : NULL;
	lf->lineno++;
	if (len && s[len - 1] == '\r')
		len--;
	if (lf->raw)
		return xmemdup(s, len);
	const char *hash = memchr(s, '#', len);
	return text_trim(s, hash ? (size_t)(hash - s) : len);
}

int linefile_error(const struct linefile *lf, char *err, size_t errlen, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (lf->name)
		snprintf(err, errlen, _("%s line %d: %s"), lf->name, lf->lineno, what);
	else
		snprintf(err, errlen, _("line %d: %s"), lf->lineno, what);
	return -1;
}

/* Moves past ASCII blanks at the start and cuts them at the end. */
static char *strip(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

int linefile_split(char *line, char **key, char **val)
{
	char *eq = strchr(line, '=');
	if (!eq)
		return -1;
	*eq = '\0';
	*key = strip(line);
	*val = strip(eq + 1);
	return 0;
}

char *linefile_read(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, _("%s is not a regular file"), path);
		close(fd);
		return NULL;
	}
	if (st.st_size > (off_t)LINEFILE_MAX) {
		snprintf(err, errlen, _("%s is larger than %u KiB"), path, LINEFILE_MAX >> 10);
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) { /* the file grew while being read */
			if (cap > LINEFILE_MAX) {
				snprintf(err, errlen, _("%s is larger than %u KiB"), path,
					 LINEFILE_MAX >> 10);
				free(buf);
				close(fd);
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		snprintf(err, errlen, _("%s is not a text file"), path);
		free(buf);
		return NULL;
	}
	return buf;
}

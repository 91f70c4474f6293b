/*
 * charset.c - iconv at the edges.
 *
 * The only file that includes <iconv.h>.  An ASCII ("C") locale is taken
 * as UTF-8: terminals today are, and printing UTF-8 loses nothing, whereas
 * converting to ASCII would turn every name into question marks.
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "xalloc.h"

static char user_cs[64] = "UTF-8";
static bool user_utf8 = true;

int charset_init(const char *name)
{
	const char *cs = name && *name ? name : nl_langinfo(CODESET);
	if (!cs || !*cs || strcasecmp(cs, "ANSI_X3.4-1968") == 0 || strcasecmp(cs, "ASCII") == 0 ||
	    strcasecmp(cs, "US-ASCII") == 0 || strcasecmp(cs, "POSIX") == 0)
		cs = "UTF-8";
	if (strcasecmp(cs, "UTF8") == 0)
		cs = "UTF-8";
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	snprintf(user_cs, sizeof user_cs, "%s", cs);
	user_utf8 = strcasecmp(cs, "UTF-8") == 0;
	return 0;
}

const char *charset_name(void)
{
	return user_cs;
}

bool charset_is_utf8(void)
{
	return user_utf8;
}

char *charset_convert(const char *from, const char *to, const char *s, size_t len,
		      size_t *outlen)
{
	bool lossy = strstr(to, "//TRANSLIT") != NULL;
	char tobuf[80];
	snprintf(tobuf, sizeof tobuf, "%s", to);
	char *slash = strstr(tobuf, "//");
	if (slash)
		*slash = '\0';
	iconv_t cd = iconv_open(tobuf, from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 4 + 16, used = 0;
	char *out = xmalloc(cap);
	char *in = (char *)s;
	size_t left = len;
	while (out) {
		char *o = out + used;
		size_t room = cap - used - 1;
		size_t r = iconv(cd, &in, &left, &o, &room);
		used = (size_t)(o - out);
		if (r != (size_t)-1) {
			/* Flush any shift state. */
			room = cap - used - 1;
			o = out + used;
			iconv(cd, NULL, NULL, &o, &room);
			used = (size_t)(o - out);
			break;
		}
		if (errno == E2BIG) {
			cap *= 2;
			out = xrealloc(out, cap);
		} else if (lossy && (errno == EILSEQ || errno == EINVAL) && left > 0) {
			/* Replace what the target cannot hold and go on. */
			out[used++] = '?';
			do {
				in++;
				left--;
			} while (left && ((unsigned char)*in & 0xC0) == 0x80);
		} else {
			free(out);
			out = NULL;
		}
	}
	iconv_close(cd);
	if (!out)
		return NULL;
	out[used] = '\0';
	if (outlen)
		*outlen = used;
	return out;
}

char *charset_to_utf8(const char *s)
{
	if (user_utf8)
		return xstrdup(s);
	return charset_convert(user_cs, "UTF-8", s, strlen(s), NULL);
}

char *charset_from_utf8(const char *s)
{
	if (user_utf8)
		return xstrdup(s);
	char to[80];
	snprintf(to, sizeof to, "%s//TRANSLIT", user_cs);
	return charset_convert("UTF-8", to, s, strlen(s), NULL);
}

void charset_fputs(const char *s, FILE *f)
{
	if (user_utf8) {
		fputs(s, f);
		return;
	}
	char *c = charset_from_utf8(s);
	fputs(c ? c : s, f);
	free(c);
}

void charset_printf(FILE *f, const char *fmt, ...)
{
	char small[1024], *p = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		p = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	charset_fputs(p, f);
	if (p != small)
		free(p);
}

/*
 * charset.h - the one door between UTF-8 and the user's character set.
 *
 * zsdesk keeps and processes text as UTF-8 only.  Where a terminal or a
 * file speaks GB18030 (or GBK, which it contains), text is converted here
 * with iconv, once, at the edge: command-line arguments coming in, output
 * going out, files read and written.
 */
#ifndef ZSDESK_CHARSET_H
#define ZSDESK_CHARSET_H

#include <stdbool.h>
#include <stdio.h>

/* Chooses the user's character set: name (e.g. "GB18030", "UTF-8"), or
 * NULL for the locale's.  Returns 0, or -1 when iconv does not know it. */
int charset_init(const char *name);

/* The character set in use, e.g. "UTF-8" or "GB18030". */
const char *charset_name(void);

/* True when the user's character set is UTF-8 (no conversion needed). */
bool charset_is_utf8(void);

/* Newly allocated UTF-8 text from the user's bytes s, or NULL when s is
 * not valid in that character set. */
char *charset_to_utf8(const char *s);

/* Newly allocated bytes in the user's character set for UTF-8 s;
 * characters it cannot hold become '?'. */
char *charset_from_utf8(const char *s);

/* Converts between any two character sets; newly allocated, NULL when the
 * input is invalid; *outlen receives the byte count if not NULL. */
char *charset_convert(const char *from, const char *to, const char *s, size_t len,
		      size_t *outlen);

/* Writes UTF-8 s to f in the user's character set. */
void charset_fputs(const char *s, FILE *f);

/* printf to f in the user's character set. */
void charset_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

/*
 * utf8.h - UTF-8 decoding, encoding and terminal display width.
 *
 * zsdesk keeps every string as UTF-8 in memory and on disk; wide
 * characters appear only where a buffer is edited (the field editor) and
 * columns are computed on demand from libc's wcwidth().  A width of -1
 * (unprintable, or a locale that does not know the character) counts as
 * one column so that a stray byte can never make a row shorter.
 */
#ifndef ZSDESK_UTF8_H
#define ZSDESK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Makes width computation independent of a non-Unicode LC_CTYPE (e.g. "C"):
 * call once at start-up after setlocale(). */
void text_init(void);

/* Decodes one code point from s (len bytes available); returns the bytes
 * consumed (at least 1 when len > 0).  Invalid or truncated sequences yield
 * U+FFFD and consume one byte. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (at most 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);

/* What makes a text unfit to store (text_check). */
enum text_fault {
	TEXT_CLEAN,
	TEXT_INVALID,   /* not well-formed UTF-8 */
	TEXT_CONTROL,   /* a C0 or C1 control character or DEL (a line break
			 * is one unless multiline) */
	TEXT_BIDI,      /* a bidirectional override or isolate (U+202A-202E,
			 * U+2066-2069) */
	TEXT_INVISIBLE, /* nothing but blanks and invisible characters
			 * (zero-width spaces, joiners, fillers) */
};

/* Checks a text before it is stored: control characters would reach a
 * reader's terminal or spreadsheet, overrides disguise what a name says,
 * and an invisible name is no name.  Empty text is clean. */
enum text_fault text_check(const char *s, bool multiline);

/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* Display columns of one code point: 0 for combining marks, 2 for wide
 * (CJK) characters, 1 otherwise (libc's -1 counts as 1). */
int text_cpwidth(uint32_t cp);

/* Display columns of a NUL-terminated UTF-8 string. */
int text_width(const char *s);

/* Display columns of s[0..len). */
int text_width_n(const char *s, size_t len);

/* Longest prefix of s (in bytes) whose width is at most cols, never
 * splitting a character or separating a base from its combining marks;
 * its width is stored in *used when used is not NULL. */
size_t text_fit(const char *s, int cols, int *used);

/* Writes s into out (capacity cap bytes, NUL-terminated), truncated to
 * cols columns and padded with spaces to exactly cols columns (left
 * aligned, or right aligned when right is true).  Returns out. */
char *text_pad(char *out, size_t cap, const char *s, int cols, bool right);

/* Newly allocated wide copy of UTF-8 s; its length in *n when n != NULL. */
wchar_t *text_to_wide(const char *s, size_t *n);

/* Newly allocated UTF-8 copy of the n wide characters at w. */
char *text_from_wide(const wchar_t *w, size_t n);

#endif

/*
 * utf8.c - UTF-8 decoding, encoding and terminal display width.
 *
 * Decoding is strict (RFC 3629: no overlongs, no surrogates, nothing above
 * U+10FFFF) and never fails: each bad byte becomes one U+FFFD, so a corrupt
 * record still displays and its width is still bounded by its byte count.
 *
 * Widths come from libc's wcwidth(), which reads LC_CTYPE.  Under a
 * non-Unicode locale such as "C" or "POSIX" wcwidth() answers -1 for every
 * non-ASCII character, which would make each Chinese character one column
 * wide and break every table.  An ASCII locale is taken as UTF-8 anyway
 * (charset.c: terminals today are), so text_init() switches LC_CTYPE alone
 * to a Unicode locale; messages, collation and numbers stay as the user's
 * locale says.  Should no such locale exist, nothing changes and CJK
 * characters count one column each.
 * Wide strings are plain UCS-4, as wchar_t is on glibc in every locale.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* wcwidth() */
#endif

#include "utf8.h"
#include "xalloc.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Switches LC_CTYPE (only) to a Unicode locale when the current one does
 * not know that U+4E2D (中) is two columns wide.  It is the process's
 * global LC_CTYPE, not a per-thread locale, so that later setlocale()
 * calls (the message language) keep working as usual. */
void text_init(void)
{
	static const char *const tries[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"};
	if (wcwidth((wchar_t)0x4E2D) == 2)
		return;
	for (size_t i = 0; i < sizeof tries / sizeof *tries; i++)
		if (setlocale(LC_CTYPE, tries[i]) && wcwidth((wchar_t)0x4E2D) == 2)
			return;
}

/* True when byte b is a UTF-8 continuation byte within [lo, hi]. */
static bool utf8_cont(unsigned char b, unsigned char lo, unsigned char hi)
{
	return b >= lo && b <= hi;
}

/* Decodes one code point strictly; any malformed start yields U+FFFD for
 * exactly one byte, and an empty input yields 0 bytes and code point 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b = u[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	/* Table 3-7 of the Unicode standard: the second byte's range depends on
	 * the lead byte, which rules out overlongs, surrogates and > U+10FFFF. */
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	uint32_t v;
	if (b >= 0xC2 && b <= 0xDF) {
		need = 2;
		v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 3;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 4;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (len < need || !utf8_cont(u[1], lo, hi)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	v = (v << 6) | (u[1] & 0x3F);
	for (size_t i = 2; i < need; i++) {
		if (!utf8_cont(u[i], 0x80, 0xBF)) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	*cp = v;
	return need;
}

/* Encodes cp; surrogates and values above U+10FFFF are written as U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4])
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Validates by decoding: a U+FFFD that took one byte was an error unless the
 * input really held the three bytes of U+FFFD (which take three). */
bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			return false;
		i += k;
	}
	return true;
}

/* Counts decoding steps, so each invalid byte counts as one code point. */
size_t utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

/* Width from wcwidth(): 0 stays 0 (combining marks, zero-width characters
 * and NUL, which a terminal does not draw), -1 becomes 1. */
int text_cpwidth(uint32_t cp)
{
	if (cp > 0x10FFFF)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Display columns of a NUL-terminated string; NULL counts as empty. */
int text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

/* Sums the widths of the decoded code points of s[0..len). */
int text_width_n(const char *s, size_t len)
{
	size_t i = 0;
	int w = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		w += text_cpwidth(cp);
	}
	return w;
}

/* Length in bytes of the grapheme-like cluster at s (a code point and the
 * zero-width code points after it), its width stored in *w. */
static size_t text_cluster(const char *s, size_t len, int *w)
{
	uint32_t cp;
	size_t i = utf8_decode(s, len, &cp);
	*w = text_cpwidth(cp);
	while (i < len) {
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (text_cpwidth(cp) != 0)
			break;
		i += k;
	}
	return i;
}

/* Longest whole-cluster prefix of s[0..len) at most cols wide and at most
 * maxbytes long; its width goes to *used. */
static size_t text_fit_bytes(const char *s, size_t len, int cols, size_t maxbytes, int *used)
{
	size_t i = 0;
	int w = 0;
	while (i < len) {
		int cw;
		size_t k = text_cluster(s + i, len - i, &cw);
		if (w + cw > cols || i + k > maxbytes)
			break;
		i += k;
		w += cw;
	}
	*used = w;
	return i;
}

/* Whole-cluster prefix of s at most cols wide; cols <= 0 fits nothing. */
size_t text_fit(const char *s, int cols, int *used)
{
	int w = 0;
	size_t n = 0;
	if (s && cols > 0)
		n = text_fit_bytes(s, strlen(s), cols, (size_t)-1, &w);
	if (used)
		*used = w;
	return n;
}

/* Fits s (NULL counting as empty) to cols and pads it, leaving out (and padding in place of) a
 * double-width character that would straddle the limit; when cap is too
 * small for cols columns the result is shorter, cut at a cluster boundary. */
char *text_pad(char *out, size_t cap, const char *s, int cols, bool right)
{
	if (cap == 0)
		return out;
	if (!s)
		s = "";
	if (cols <= 0) {
		out[0] = '\0';
		return out;
	}
	int used;
	size_t room = cap - 1;
	size_t nb = text_fit_bytes(s, strlen(s), cols, room, &used);
	size_t pad = (size_t)(cols - used);
	if (pad > room - nb)
		pad = room - nb;
	if (right) {
		memset(out, ' ', pad);
		memcpy(out + pad, s, nb);
	} else {
		memcpy(out, s, nb);
		memset(out + nb, ' ', pad);
	}
	out[nb + pad] = '\0';
	return out;
}

/* Decodes s into a NUL-terminated UCS-4 array; invalid bytes become U+FFFD. */
wchar_t *text_to_wide(const char *s, size_t *n)
{
	size_t len = s ? strlen(s) : 0;
	wchar_t *w = xreallocarray(NULL, utf8_count(s, len) + 1, sizeof *w);
	size_t i = 0, k = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		w[k++] = (wchar_t)cp;
	}
	w[k] = L'\0';
	if (n)
		*n = k;
	return w;
}

/* Encodes n wide characters as a NUL-terminated UTF-8 string; values that
 * are not Unicode scalar values become U+FFFD. */
char *text_from_wide(const wchar_t *w, size_t n)
{
	if (n > ((size_t)-1 - 1) / 4)
		return NULL;
	char *s = xmalloc(n * 4 + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = w[i] < 0 ? UTF8_REPLACEMENT : (uint32_t)w[i];
		k += utf8_encode(cp, s + k);
	}
	s[k] = '\0';
	return s;
}

/* True for a character that shows nothing: blanks, zero-width spaces and
 * joiners, the word joiner, the byte-order mark, soft hyphen, fillers. */
static bool invisible(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x00A0 || cp == 0x00AD ||
	       cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x180E ||
	       (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0x3164 || cp == 0xFEFF ||
	       cp == 0xFFA0;
}

enum text_fault text_check(const char *s, bool multiline)
{
	size_t len = strlen(s);
	if (!utf8_valid(s, len))
		return TEXT_INVALID;
	bool seen = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if ((cp < 0x20 && !(multiline && cp == '\n')) || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return TEXT_CONTROL;
		if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return TEXT_BIDI;
		seen |= !invisible(cp);
	}
	return len && !seen ? TEXT_INVISIBLE : TEXT_CLEAN;
}

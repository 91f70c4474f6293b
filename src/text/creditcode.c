/*
 * creditcode.c - the unified social credit code (统一社会信用代码) of
 * GB 32100-2015 and the older identifiers it replaced.
 *
 * Codes reach zsdesk typed through a Chinese input method, pasted from
 * web pages and spreadsheets, or copied from scanned licences, so the
 * input is normalised before anything is judged: full-width forms are
 * folded to ASCII, letters upper-cased, and the spaces and hyphens people
 * use to group the characters are dropped.  Classification then looks at
 * the length first, because the length is what tells a current code from
 * the 15-digit business registration number (工商注册号) and the 9-character
 * organisation code (组织机构代码, GB 11714-1997) that officers still meet in
 * old files.  A wrong check digit is reported, with the expected one, for
 * both the 18-character code and the organisation code; it is never treated
 * as a hard error (see creditcode.h).
 */
#include "creditcode.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* The 31 characters of GB 32100-2015; a character's value is its index. */
static const char creditcode_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Length of a unified social credit code. */
#define CREDITCODE_LEN 18

/* Value of c in the GB 32100 character set, or -1 when c is not in it. */
static int creditcode_value(char c)
{
	if (c == '\0')
		return -1;
	const char *p = strchr(creditcode_charset, c);
	return p ? (int)(p - creditcode_charset) : -1;
}

/* Check character over the first 17 characters: the weight of position i
 * (from 1) is 3^(i-1) mod 31 and the check value is 31 - (sum mod 31),
 * with 31 read as 0. */
char creditcode_check_digit(const char *first17)
{
	if (!first17)
		return 0;
	int sum = 0, weight = 1;
	for (int i = 0; i < CREDITCODE_LEN - 1; i++) {
		int v = creditcode_value(first17[i]);
		if (v < 0)
			return 0;
		sum += v * weight;
		weight = weight * 3 % 31;
	}
	return creditcode_charset[(31 - sum % 31) % 31];
}

/* Value of c in the organisation code's 0-9A-Z set, or -1. */
static int creditcode_org_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

/* Check character of a GB 11714 organisation code from its first 8
 * characters (weights 3 7 9 10 5 8 4 2, check 11 - sum mod 11, where 10 is
 * 'X' and 11 is '0'), or 0 when one of them is outside 0-9A-Z. */
static char creditcode_org_check(const char *first8)
{
	static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		int v = creditcode_org_value(first8[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	int c = 11 - sum % 11;
	if (c == 10)
		return 'X';
	if (c == 11)
		return '0';
	return (char)('0' + c);
}

/* Normalised ASCII form of one code point, or 0 when it is to be dropped:
 * full-width forms (U+FF01..U+FF5E and the ideographic space U+3000) fold to
 * ASCII, ASCII white space and hyphens vanish, letters go upper case, and
 * any other non-ASCII character becomes '?' so that it is counted and
 * reported as a bad character. */
static char creditcode_fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	else if (cp == 0x3000)
		cp = ' ';
	if (cp == ' ' || cp == '-' || cp == '\t' || cp == '\r' || cp == '\n')
		return 0;
	if (cp >= 'a' && cp <= 'z')
		return (char)(cp - 'a' + 'A');
	if (cp >= 0x80)
		return '?';
	return (char)cp;
}

/* Normalises, then classifies by length; *expected receives the expected
 * check character whenever one can be computed (so also for a right code)
 * and 0 otherwise. */
enum creditcode_status creditcode_check(const char *code, char out[CREDITCODE_MAX], char *expected)
{
	size_t len = code ? strlen(code) : 0, n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(code + i, len - i, &cp);
		char c = creditcode_fold(cp);
		if (c == 0)
			continue;
		if (n < CREDITCODE_MAX - 1)
			out[n] = c;
		n++;
	}
	out[n < CREDITCODE_MAX - 1 ? n : CREDITCODE_MAX - 1] = '\0';
	if (expected)
		*expected = 0;

	if (n == CREDITCODE_LEN) {
		for (size_t i = 0; i < n; i++)
			if (creditcode_value(out[i]) < 0)
				return CREDITCODE_BAD_CHAR;
		char want = creditcode_check_digit(out);
		if (expected)
			*expected = want;
		return out[17] == want ? CREDITCODE_OK : CREDITCODE_BAD_CHECK;
	}
	if (n == 15 && strspn(out, "0123456789") == 15)
		return CREDITCODE_OLD_REGNO;
	if (n == 9 && creditcode_org_value(out[8]) >= 0) {
		char want = creditcode_org_check(out);
		if (want != 0) {
			if (expected)
				*expected = want;
			return out[8] == want ? CREDITCODE_OLD_ORGCODE : CREDITCODE_BAD_CHECK;
		}
	}
	return CREDITCODE_BAD_LENGTH;
}

/* Only a wrong length or a character outside the set stops a code. */
bool creditcode_is_error(enum creditcode_status status)
{
	return status == CREDITCODE_BAD_LENGTH || status == CREDITCODE_BAD_CHAR;
}

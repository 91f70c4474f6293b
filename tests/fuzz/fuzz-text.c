/*
 * fuzz-text.c - libFuzzer target for the text functions: money.h,
 * creditcode.h, datetime.h, normalize.h, pinyin.h and utf8.h.
 *
 * The input, NUL-terminated, is given to each parser, and what parses is
 * formatted and parsed again (money in each style and currency, dates);
 * folding and matching are checked for their documented properties
 * (bounded output, idempotence, a name matches its own initials and
 * spelling); the UTF-8 decoder must step through any bytes and give back
 * exactly the bytes of valid text.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "creditcode.h"
#include "datetime.h"
#include "money.h"
#include "normalize.h"
#include "pinyin.h"
#include "utf8.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(stderr, "fuzz-text: " __VA_ARGS__);                                       \
		fputc('\n', stderr);                                                              \
		abort();                                                                          \
	} while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "");
	text_init();
	return 0;
}

/* Money: every currency / fixed combination, then each style back. */
static void money(const char *s)
{
	static const enum money_style styles[] = {MONEY_WAN, MONEY_AUTO, MONEY_PLAIN};
	for (int c = 0; c < 2; c++)
		for (int fixed = 0; fixed < 2; fixed++) {
			enum currency cur = c ? CURRENCY_USD : CURRENCY_CNY;
			int64_t amount = -1;
			if (money_parse(s, &amount, &cur, fixed) != MONEY_OK)
				continue;
			if (amount < 0 || amount > 1000000000000000LL)
				FAIL("money_parse gave %lld", (long long)amount);
			if (fixed && cur != (c ? CURRENCY_USD : CURRENCY_CNY))
				FAIL("money_parse changed a fixed currency");
			for (size_t k = 0; k < 3; k++) {
				char buf[64];
				money_format(amount, cur, styles[k], buf, sizeof buf);
				int64_t again = -1;
				enum currency c2 = cur;
				enum money_error e = money_parse(buf, &again, &c2, 1);
				if (e != MONEY_OK || again != amount || c2 != cur)
					FAIL("money round trip: \"%s\" -> %lld -> \"%s\" (style %zu) -> "
					     "error %d, %lld",
					     s, (long long)amount, buf, k, (int)e, (long long)again);
				/* Short buffers: cut at a character, always terminated. */
				for (size_t n = 1; n < 12; n++) {
					char small[12];
					memset(small, 'x', sizeof small);
					money_format(amount, cur, styles[k], small, n);
					size_t l = strnlen(small, n);
					if (l >= n || !utf8_valid(small, l) || strncmp(small, buf, l))
						FAIL("money_format into %zu bytes", n);
				}
			}
		}
	/* Never with a NULL currency either. */
	int64_t a;
	money_parse(s, &a, NULL, 0);
	money_parse(s, NULL, NULL, 1);
}

static void creditcode(const char *s, size_t size)
{
	char out[CREDITCODE_MAX], expected = 'z';
	memset(out, 'x', sizeof out);
	enum creditcode_status st = creditcode_check(s, out, &expected);
	size_t l = strnlen(out, sizeof out);
	if (l >= sizeof out)
		FAIL("creditcode_check left out unterminated");
	creditcode_is_error(st);
	if (st == CREDITCODE_OK) {
		char again[CREDITCODE_MAX];
		if (l != 18 || creditcode_check(out, again, NULL) != CREDITCODE_OK ||
		    strcmp(out, again) || expected != out[17])
			FAIL("a right code is not right once normalised");
	}
	if (size >= 17)
		creditcode_check_digit(s);
}

static void dates(const char *s)
{
	date_t d;
	if (date_parse(s, &d) == 0) {
		char buf[11], buf2[11];
		date_t d2;
		date_format(d, buf);
		if (date_parse(buf, &d2) != 0 || d2 != d)
			FAIL("date round trip: \"%s\" -> \"%s\"", s, buf);
		int y, m, day;
		date_ymd(d, &y, &m, &day);
		if (date_from_ymd(y, m, day) != d)
			FAIL("date_ymd and date_from_ymd disagree");
		for (int k = -25; k <= 25; k += 7) {
			date_t e = date_add_months(d, k);
			date_format(e, buf2);
			int w = date_weekday(e);
			if (w < 1 || w > 7)
				FAIL("weekday %d", w);
		}
	}
	int64_t ms;
	if (datetime_parse(s, &ms) == 0) {
		char buf[32];
		datetime_format(ms, buf);
		int y;
		int64_t again;
		if (sscanf(buf, "%4d", &y) == 1 && y >= 1900 && y <= 2999 && ms >= 0) {
			if (datetime_parse(buf, &again) != 0 || again != ms - ms % 60000)
				FAIL("datetime round trip: \"%s\" -> \"%s\"", s, buf);
		}
	}
}

static void folding(const char *s)
{
	static const size_t caps[] = {1, 2, 5, 16, 4096};
	char out[4096], again[4096];
	for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
		size_t n = normalize_search(s, out, caps[i]);
		if (n >= caps[i] || strlen(out) != n || !utf8_valid(out, n))
			FAIL("normalize_search into %zu bytes", caps[i]);
		n = normalize_company(s, out, caps[i]);
		if (n >= caps[i] || strlen(out) != n || !utf8_valid(out, n))
			FAIL("normalize_company into %zu bytes", caps[i]);
	}
	if (strlen(s) < 1000) {
		size_t n = normalize_search(s, out, sizeof out);
		size_t m = normalize_search(out, again, sizeof again);
		if (m != n || strcmp(out, again))
			FAIL("normalize_search is not idempotent: \"%s\" -> \"%s\"", out, again);
		n = normalize_company(s, out, sizeof out);
		m = normalize_company(out, again, sizeof again);
		if (m != n || strcmp(out, again))
			FAIL("normalize_company is not idempotent: \"%s\" -> \"%s\"", out, again);
	}
}

/* True when s[0..n) begins or ends with a blank that text_trim removes. */
static int blank_end(const char *s, size_t n)
{
	static const char blanks[] = " \t\r\n";
	if (!n)
		return 0;
	if (memchr(blanks, s[0], 4) || memchr(blanks, s[n - 1], 4))
		return 1;
	return n >= 3 && (!memcmp(s, "\u3000", 3) || !memcmp(s + n - 3, "\u3000", 3));
}

static void trim(const char *s)
{
	size_t len = strlen(s);
	char *t = text_trim(s, len);
	size_t n = strlen(t);
	if (n > len || blank_end(t, n) || !strstr(s, t))
		FAIL("text_trim(\"%s\") gave \"%s\"", s, t);
	char *u = text_trim(t, n);
	if (strcmp(t, u))
		FAIL("text_trim is not idempotent");
	free(u);
	free(t);
	/* A prefix only: never reads past n. */
	t = text_trim(s, len / 2);
	free(t);
}

/* True when every character of s has a reading or is an ASCII letter or
 * digit, so that its own initials and spelling must match it. */
static int plain_name(const char *s)
{
	size_t len = strlen(s), i = 0;
	if (!len || !utf8_valid(s, len))
		return 0;
	while (i < len) {
		uint32_t cp;
		const char *r[PINYIN_MAX_READINGS];
		i += utf8_decode(s + i, len - i, &cp);
		if (!(cp < 0x80 && ((cp >= '0' && cp <= '9') || (cp | 0x20) - 'a' < 26u)) &&
		    pinyin_readings(cp, r, PINYIN_MAX_READINGS) == 0)
			return 0;
	}
	return 1;
}

static void pinyin(const char *s, size_t size)
{
	pinyin_match(s, "bjkj");
	pinyin_match(s, "beijing");
	pinyin_match("北京中关村科技（集团）有限公司·ABC 123", s);
	pinyin_match(s, s);
	char ini[1024], full[4096];
	size_t ni = pinyin_initials(s, ini, sizeof ini);
	size_t nf = pinyin_full(s, full, sizeof full);
	if (ni != strlen(ini) || nf != strlen(full))
		FAIL("pinyin_initials/pinyin_full length");
	if (plain_name(s) && ni < 500 && nf < 500) {
		if (!pinyin_match(s, ini))
			FAIL("\"%s\" does not match its initials \"%s\"", s, ini);
		if (!pinyin_match(s, full))
			FAIL("\"%s\" does not match its spelling \"%s\"", s, full);
	}
	pinyin_initials(s, ini, 1);
	pinyin_full(s, full, 3);
	pinyin_is_syllable(s, size < 8 ? size : 8);
	const char *syl[16];
	int k = pinyin_syllables_with_prefix(s, size < 7 ? size : 7, syl, 16);
	for (int i = 0; i < k; i++)
		if (strncmp(syl[i], s, size < 7 ? size : 7) || !pinyin_is_syllable(syl[i], strlen(syl[i])))
			FAIL("pinyin_syllables_with_prefix");
}

static void utf8(const uint8_t *data, size_t size, const char *s)
{
	const char *p = (const char *)data;
	size_t i = 0, count = 0;
	int valid = 1;
	char *re = malloc(size * 4 + 4);
	size_t rn = 0;
	while (i < size) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, size - i, &cp);
		if (k < 1 || k > 4 || k > size - i)
			FAIL("utf8_decode consumed %zu of %zu bytes", k, size - i);
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			FAIL("utf8_decode gave U+%X", (unsigned)cp);
		if (cp == 0xFFFD && k == 1)
			valid = 0;
		rn += utf8_encode(cp, re + rn);
		i += k;
		count++;
	}
	if (utf8_count(p, size) != count)
		FAIL("utf8_count");
	if (utf8_valid(p, size) != valid)
		FAIL("utf8_valid disagrees with utf8_decode");
	if (valid && (rn != size || memcmp(re, data, size)))
		FAIL("valid UTF-8 does not encode back to its bytes");
	free(re);

	/* Widths and fitting (on the text up to its first NUL). */
	size_t len = strlen(s);
	int w = text_width(s);
	if (w < 0 || w != text_width_n(s, len))
		FAIL("text_width");
	static const int cols[] = {-1, 0, 1, 2, 3, 7, 80};
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
		int used = -5;
		size_t n = text_fit(s, cols[c], &used);
		if (n > len || used < 0 || (cols[c] > 0 && used > cols[c]) ||
		    text_width_n(s, n) != used)
			FAIL("text_fit(%d) gave %zu bytes, %d columns", cols[c], n, used);
		static const size_t caps[] = {1, 2, 4, 9, 300};
		for (size_t k = 0; k < sizeof caps / sizeof *caps; k++)
			for (int right = 0; right < 2; right++) {
				char out[300];
				text_pad(out, caps[k], s, cols[c], right);
				size_t ol = strnlen(out, caps[k]);
				if (ol >= caps[k])
					FAIL("text_pad overran %zu bytes", caps[k]);
				if (cols[c] > 0 && text_width(out) > cols[c])
					FAIL("text_pad(%d) is %d columns wide", cols[c], text_width(out));
				if (cols[c] > 0 && caps[k] == 300 && len < 100 &&
				    text_width(out) != cols[c])
					FAIL("text_pad(%d) is %d columns wide", cols[c], text_width(out));
			}
	}
	size_t wn;
	wchar_t *wide = text_to_wide(s, &wn);
	if (wide) {
		char *back = text_from_wide(wide, wn);
		if (back && utf8_valid(s, len) && strcmp(back, s))
			FAIL("text_to_wide / text_from_wide round trip");
		free(back);
		free(wide);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	money(s);
	creditcode(s, size);
	dates(s);
	folding(s);
	trim(s);
	pinyin(s, size);
	utf8(data, size, s);
	free(s);
	return 0;
}

/*
 * money.c - amounts in 元 and 美元 as exact integers.
 *
 * Registers, contracts and officers all count in 万 (and 亿 for large
 * projects), yet sums and comparisons must be exact, so amounts are kept as
 * whole currency units in an int64_t and text is converted with integer
 * arithmetic only: the decimal digits are scanned, not converted through
 * strtod().  The parser takes what officers actually type or paste - ASCII
 * or full-width digits, 千分位 commas (ASCII or full-width), spaces, a unit
 * (万, 亿, 元, 万元, 亿元, 美元, 万美元, 亿美元) and currency marks before or
 * after the number (USD, US$, $, CNY, RMB, ¥, ￥) - and refuses whatever it
 * would have to guess at: a sign, commas that do not group by three (12,5
 * may be a European 12.5), or decimals finer than one unit.  Currency marks
 * only name the currency; the number stays in 万 unless 元/美元 or 亿 says
 * otherwise, as everywhere else in zsdesk.  The formatter writes exactly
 * the digits needed, so money_parse(money_format(x)) == x for every style.
 */
#include "money.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

/* The largest amount accepted, in units. */
#define MONEY_LIMIT 1000000000000000ULL

/* No currency named in the text (otherwise an enum currency value). */
#define MONEY_NAMED_NONE (-1)

/* Cursor over the text being parsed. */
struct money_scan {
	const char *s;
	size_t len;
	size_t pos;
};

/* Code point at the cursor after folding (full-width ASCII to ASCII, U+3000
 * to a space, ￥ to ¥, ASCII letters to upper case), 0 at the end; its byte
 * length goes to *nb. */
static uint32_t money_peek(const struct money_scan *sc, size_t *nb)
{
	uint32_t cp;
	*nb = utf8_decode(sc->s + sc->pos, sc->len - sc->pos, &cp);
	if (*nb == 0)
		return 0;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	else if (cp == 0x3000)
		cp = ' ';
	else if (cp == 0xFFE5)
		cp = 0xA5;
	if (cp >= 'a' && cp <= 'z')
		cp -= 'a' - 'A';
	return cp;
}

/* Moves the cursor past spaces and tabs. */
static void money_skip_spaces(struct money_scan *sc)
{
	size_t nb;
	uint32_t c;
	while ((c = money_peek(sc, &nb)) == ' ' || c == '\t')
		sc->pos += nb;
}

/* Advances past word (UTF-8, upper-case ASCII letters) when the folded text
 * at the cursor spells it, and reports whether it did. */
static bool money_accept(struct money_scan *sc, const char *word)
{
	struct money_scan t = *sc;
	size_t wlen = strlen(word), i = 0;
	while (i < wlen) {
		uint32_t want;
		size_t nb;
		i += utf8_decode(word + i, wlen - i, &want);
		if (money_peek(&t, &nb) != want || nb == 0)
			return false;
		t.pos += nb;
	}
	sc->pos = t.pos;
	return true;
}

/* Currency named by a mark (USD, US$, $, CNY, RMB, ¥) at the cursor, which
 * is advanced past it, or MONEY_NAMED_NONE. */
static int money_mark(struct money_scan *sc)
{
	static const struct {
		const char *word;
		enum currency cur;
	} marks[] = {
	    {"US$", CURRENCY_USD}, {"USD", CURRENCY_USD}, {"$", CURRENCY_USD},
	    {"CNY", CURRENCY_CNY}, {"RMB", CURRENCY_CNY}, {"¥", CURRENCY_CNY},
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (money_accept(sc, marks[i].word))
			return (int)marks[i].cur;
	return MONEY_NAMED_NONE;
}

/* Records currency c as named by the text; false when it contradicts a
 * currency named earlier in the same text. */
static bool money_name(int *named, int c)
{
	if (c == MONEY_NAMED_NONE)
		return true;
	if (*named != MONEY_NAMED_NONE && *named != c)
		return false;
	*named = c;
	return true;
}

/* Moves past a minus sign (and the spaces after it), noting it in
 * *negative; false on a plus sign or a second minus. */
static bool money_sign(struct money_scan *sc, bool *negative)
{
	size_t nb;
	uint32_t c = money_peek(sc, &nb);
	if (c == '+' || (c == '-' && *negative))
		return false;
	if (c == '-') {
		*negative = true;
		sc->pos += nb;
		money_skip_spaces(sc);
	}
	return true;
}

/* The digits of a number as scanned: the integer part (saturated once past
 * the limit), the first eight decimals scaled to eight digits, and how many
 * decimals there are up to the last non-zero one. */
struct money_digits {
	uint64_t whole;
	bool huge;
	uint64_t frac8;
	int frac_sig;
};

/* Scans digits with optional comma grouping and an optional decimal part;
 * false on a syntax error. */
static bool money_number(struct money_scan *sc, struct money_digits *d)
{
	size_t nb;
	uint32_t c;
	int ndig = 0, group = 0, gsize = 0, first = 0;
	bool grouped = false;
	memset(d, 0, sizeof *d);
	for (;;) {
		c = money_peek(sc, &nb);
		if (c >= '0' && c <= '9') {
			if (d->whole > MONEY_LIMIT)
				d->huge = true;
			else
				d->whole = d->whole * 10 + (c - '0');
			ndig++;
			group++;
		} else if (c == ',') {
			/* Groups of three (1,000,000) or of four as officers write
			 * 万 (1,0000万), the same all along. */
			if (ndig == 0 || group == 0 || (!grouped && group > 4))
				return false;
			if (!grouped)
				first = group;
			else if (!gsize && (group == 3 || group == 4) && first <= group)
				gsize = group;
			else if (group != gsize)
				return false;
			grouped = true;
			group = 0;
		} else {
			break;
		}
		sc->pos += nb;
	}
	if (ndig == 0 ||
	    (grouped && (gsize ? group != gsize : (group != 3 && group != 4) || first > group)))
		return false;
	if (c != '.')
		return true;
	sc->pos += nb;
	int nfrac = 0;
	while ((c = money_peek(sc, &nb)) >= '0' && c <= '9') {
		nfrac++;
		if (nfrac <= 8)
			d->frac8 = d->frac8 * 10 + (c - '0');
		if (c != '0')
			d->frac_sig = nfrac;
		sc->pos += nb;
	}
	if (nfrac == 0)
		return false;
	for (int i = nfrac; i < 8; i++)
		d->frac8 *= 10;
	return true;
}

/* Value of a Chinese digit (一 壹 两 ... 九 玖, 零 〇), or -1. */
static int cn_digit(uint32_t c)
{
	static const uint32_t d[][3] = {
		{0x96F6, 0x3007, 0}, {0x4E00, 0x58F9, 0}, {0x4E8C, 0x8D30, 0x4E24},
		{0x4E09, 0x53C1, 0}, {0x56DB, 0x8086, 0}, {0x4E94, 0x4F0D, 0},
		{0x516D, 0x9646, 0}, {0x4E03, 0x67D2, 0}, {0x516B, 0x634C, 0},
		{0x4E5D, 0x7396, 0},
	};
	for (int i = 0; i < 10; i++)
		for (int j = 0; j < 3; j++)
			if (d[i][j] && d[i][j] == c)
				return i;
	return -1;
}

/* Value of a Chinese unit below 万 (十 拾 百 佰 千 仟), or 0. */
static int cn_small(uint32_t c)
{
	return c == 0x5341 || c == 0x62FE ? 10 : c == 0x767E || c == 0x4F70 ? 100
	       : c == 0x5343 || c == 0x4EDF				? 1000
										: 0;
}

/* Rewrites an amount written in Chinese numerals (一亿, 壹亿元, 三千五百万
 * 美元, 3千万) as digits in 元 or 美元 into buf; false when s is not one. */
static bool money_chinese(const char *s, char *buf, size_t n)
{
	uint64_t total = 0, section = 0, number = 0;
	bool chinese = false, any = false;
	size_t i = 0, len = strlen(s);
	while (i < len) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);
		int d = cn_digit(c), u = cn_small(c);
		if (d >= 0) {
			number = (uint64_t)d;
			chinese = any = true;
		} else if (c >= '0' && c <= '9') {
			number = number * 10 + (c - '0');
			any = true;
		} else if (u) {
			section += (number ? number : 1) * (uint64_t)u;
			number = 0;
			chinese = any = true;
		} else if (c == 0x4E07) { /* 万 */
			section += number;
			total += (section ? section : 1) * 10000;
			section = number = 0;
			any = true;
		} else if (c == 0x4EBF) { /* 亿 */
			section += number;
			total = (total + (section ? section : 1)) * 100000000;
			section = number = 0;
			any = true;
		} else {
			break;
		}
		if (total > (uint64_t)1 << 60)
			return false;
		i += k;
	}
	if (!chinese || !any)
		return false;
	total += section + number;
	const char *rest = s + i;
	bool usd = strstr(rest, "美元") != NULL;
	snprintf(buf, n, "%llu%s", (unsigned long long)total, usd ? "美元" : "元");
	return !*rest || !strcmp(rest, "元") || !strcmp(rest, "美元") || !strcmp(rest, "人民币") ||
	       !strcmp(rest, "元人民币");
}

/* Parses [sign] [mark] [sign] number [万|亿] [元|美元|mark] with spaces
 * between the parts; errors are reported in the order syntax, currency,
 * range, precision, and *amount and *cur are written only on success. */
enum money_error money_parse(const char *s, int64_t *amount, enum currency *cur, int fixed)
{
	char cn[64];
	if (s && money_chinese(s, cn, sizeof cn))
		s = cn;
	struct money_scan sc = {s ? s : "", s ? strlen(s) : 0, 0};
	bool negative = false;
	int named = MONEY_NAMED_NONE;

	money_skip_spaces(&sc);
	if (sc.pos == sc.len)
		return MONEY_EMPTY;
	if (!money_sign(&sc, &negative))
		return MONEY_SYNTAX;
	named = money_mark(&sc);
	money_skip_spaces(&sc);
	if (!money_sign(&sc, &negative))
		return MONEY_SYNTAX;

	struct money_digits d;
	if (!money_number(&sc, &d))
		return MONEY_SYNTAX;
	money_skip_spaces(&sc);

	int power = -1;
	if (money_accept(&sc, "万"))
		power = 4;
	else if (money_accept(&sc, "亿"))
		power = 8;
	money_skip_spaces(&sc);
	if (money_accept(&sc, "美元")) {
		if (!money_name(&named, CURRENCY_USD))
			return MONEY_CURRENCY;
		if (power < 0)
			power = 0;
	} else if (money_accept(&sc, "元")) {
		if (!money_name(&named, CURRENCY_CNY))
			return MONEY_CURRENCY;
		if (power < 0)
			power = 0;
	} else if (!money_name(&named, money_mark(&sc))) {
		return MONEY_CURRENCY;
	}
	if (power < 0)
		power = 4;
	money_skip_spaces(&sc);
	if (sc.pos != sc.len)
		return MONEY_SYNTAX;

	enum currency want = cur ? *cur : CURRENCY_CNY;
	if (named != MONEY_NAMED_NONE) {
		if (fixed && cur && (int)*cur != named)
			return MONEY_CURRENCY;
		want = (enum currency)named;
	}
	if (negative)
		return MONEY_RANGE;

	uint64_t mult = 1;
	for (int i = 0; i < power; i++)
		mult *= 10;
	if (d.huge || d.whole > MONEY_LIMIT / mult)
		return MONEY_RANGE;
	if (d.frac_sig > power)
		return MONEY_PRECISION;
	uint64_t units = d.whole * mult + d.frac8 / (MONEY_YI_UNITS / mult);
	if (units > MONEY_LIMIT)
		return MONEY_RANGE;

	if (amount)
		*amount = (int64_t)units;
	if (cur)
		*cur = want;
	return MONEY_OK;
}

/* Appends v in decimal to p, with a comma every three digits when grouped,
 * and returns the new end. */
static char *money_put_whole(char *p, uint64_t v, bool grouped)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n > 0) {
		*p++ = digits[--n];
		if (grouped && n > 0 && n % 3 == 0)
			*p++ = ',';
	}
	return p;
}

/* Appends "." and the width-digit fraction r with its trailing zeros
 * dropped (nothing when r is 0), and returns the new end. */
static char *money_put_frac(char *p, uint64_t r, int width)
{
	if (r == 0)
		return p;
	while (r % 10 == 0) {
		r /= 10;
		width--;
	}
	*p++ = '.';
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + r % 10);
		r /= 10;
	}
	return p + width;
}

/* Formats into a local buffer, then copies as much as fits in buf without
 * splitting a UTF-8 character. */
char *money_format(int64_t amount, enum currency cur, enum money_style style, char *buf, size_t n)
{
	char tmp[64], *p = tmp;
	uint64_t u = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
	bool usd = cur == CURRENCY_USD;

	if (n == 0)
		return buf;
	if (amount < 0)
		*p++ = '-';
	if (style == MONEY_AUTO && u >= (uint64_t)MONEY_YI_UNITS) {
		p = money_put_whole(p, u / MONEY_YI_UNITS, true);
		p = money_put_frac(p, u % MONEY_YI_UNITS, 8);
		strcpy(p, usd ? "亿美元" : "亿元");
	} else {
		p = money_put_whole(p, u / MONEY_WAN_UNITS, style != MONEY_PLAIN);
		p = money_put_frac(p, u % MONEY_WAN_UNITS, 4);
		if (style == MONEY_PLAIN)
			*p = '\0';
		else
			strcpy(p, usd ? "万美元" : "万元");
	}

	size_t len = strlen(tmp);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)tmp[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	return buf;
}

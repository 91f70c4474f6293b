/*
 * money.h - amounts in 元 and 美元 as exact integers.
 *
 * Officers think in 万元 (and 亿元 for large sums) and foreign capital in
 * 万美元; the store keeps whole currency units in a 64-bit integer, so
 * "1.5亿" is 150000000 and no amount ever passes through floating point.
 */
#ifndef ZSDESK_MONEY_H
#define ZSDESK_MONEY_H

#include <stddef.h>
#include <stdint.h>

enum currency { CURRENCY_CNY, CURRENCY_USD };

enum money_error {
	MONEY_OK,
	MONEY_EMPTY,      /* nothing but spaces */
	MONEY_SYNTAX,     /* not a number with an optional unit */
	MONEY_PRECISION,  /* finer than one currency unit (1元 / 1美元) */
	MONEY_RANGE,      /* negative or beyond 10^15 units */
	MONEY_CURRENCY,   /* a unit of the other currency where one is fixed */
};

/* Parses an amount such as "5000", "5,000.5万", "1.5亿元", "300万美元",
 * "1亿美元", "USD 300万" or full-width digits.  A bare number is in 万 of
 * *cur (which also receives the currency the text names, if any).  When
 * fixed is non-zero, naming the other currency is MONEY_CURRENCY. */
enum money_error money_parse(const char *s, int64_t *amount, enum currency *cur, int fixed);

enum money_style {
	MONEY_WAN,   /* "12,345.6万元" - always in 万, as registers print */
	MONEY_AUTO,  /* "1.2345亿元" at or above one 亿, else as MONEY_WAN */
	MONEY_PLAIN, /* "12345.6" - number of 万 with no separators or unit */
};

/* Formats amount (units of cur) into buf (size n); trailing zero decimals
 * are dropped.  Returns buf. */
char *money_format(int64_t amount, enum currency cur, enum money_style style, char *buf, size_t n);

/* Units in one 万 and in one 亿. */
#define MONEY_WAN_UNITS 10000LL
#define MONEY_YI_UNITS 100000000LL

#endif

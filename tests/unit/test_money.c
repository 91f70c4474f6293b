/*
 * test_money.c - parsing and formatting of exact money amounts.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "suites.h"

#define SENTINEL INT64_C(-777)

/* Parses s with starting currency cur0 and checks the outcome. */
static void check_parse(const char *s, enum currency cur0, int fixed, enum money_error want,
                        int64_t want_amount, enum currency want_cur)
{
	int64_t amount = SENTINEL;
	enum currency cur = cur0;
	enum money_error e = money_parse(s, &amount, &cur, fixed);
	ck_assert_msg(e == want, "\"%s\": error %d, want %d", s ? s : "(null)", (int)e, (int)want);
	if (want == MONEY_OK) {
		ck_assert_msg(amount == want_amount, "\"%s\": %lld, want %lld", s,
		              (long long)amount, (long long)want_amount);
		ck_assert_msg(cur == want_cur, "\"%s\": currency %d", s, (int)cur);
	} else {
		/* Nothing is written on failure. */
		ck_assert(amount == SENTINEL);
		ck_assert(cur == cur0);
	}
}

/* Shorthands: a CNY field and a USD field, neither fixed. */
static void ok_cny(const char *s, int64_t amount)
{
	check_parse(s, CURRENCY_CNY, 0, MONEY_OK, amount, CURRENCY_CNY);
}

static void ok_usd(const char *s, int64_t amount)
{
	check_parse(s, CURRENCY_CNY, 0, MONEY_OK, amount, CURRENCY_USD);
}

static void fails(const char *s, enum money_error want)
{
	check_parse(s, CURRENCY_CNY, 0, want, 0, CURRENCY_CNY);
}

START_TEST(test_parse_units)
{
	ok_cny("5000", 50000000);
	ok_cny("5000万", 50000000);
	ok_cny("5000万元", 50000000);
	ok_cny("5,000.5万", 50005000);
	ok_cny("1亿元", 100000000);
	ok_cny("10亿元", 1000000000);
	ok_cny("30亿元", 3000000000);
	ok_cny("1.5亿", 150000000);
	ok_cny("1.5亿元", 150000000);
	ok_cny("12,000.5", 120005000);
	ok_cny("300元", 300);
	ok_cny("5.00元", 5);
	ok_cny("0", 0);
	ok_cny("0万元", 0);
	ok_cny("0.0001万", 1);
	ok_cny("1.50000万", 15000);
	ok_cny("1.00000001亿", 100000001);
	ok_cny("0.00000001亿元", 1);
	ok_cny("007", 70000);
	ok_usd("300万美元", 3000000);
	ok_usd("1亿美元", 100000000);
	ok_usd("0.5万美元", 5000);
	ok_usd("300美元", 300);
	ok_usd("2.5亿美元", 250000000);
	/* A bare number follows the field's currency. */
	check_parse("1.5亿", CURRENCY_USD, 0, MONEY_OK, 150000000, CURRENCY_USD);
	check_parse("300", CURRENCY_USD, 1, MONEY_OK, 3000000, CURRENCY_USD);
}
END_TEST

START_TEST(test_parse_marks)
{
	ok_usd("USD 300万", 3000000);
	ok_usd("USD300万", 3000000);
	ok_usd("usd 300万", 3000000);
	ok_usd("US$300万", 3000000);
	ok_usd("$300万", 3000000);
	ok_usd("$ 300", 3000000);
	ok_usd("300万 USD", 3000000);
	ok_usd("300万USD", 3000000);
	ok_usd("300 $", 3000000);
	ok_usd("$300万美元", 3000000);
	ok_usd("USD 1.2亿", 120000000);
	ok_cny("CNY 5000万", 50000000);
	ok_cny("RMB5000万元", 50000000);
	ok_cny("rmb 5000", 50000000);
	ok_cny("¥5000万", 50000000);
	ok_cny("￥5000万", 50000000);
	ok_cny("￥ 300元", 300);
	ok_cny("5000万 CNY", 50000000);
	ok_cny("5000 RMB", 50000000);
	ok_cny("5000万￥", 50000000);
	/* The text's currency replaces the field's when not fixed. */
	check_parse("CNY 1亿", CURRENCY_USD, 0, MONEY_OK, 100000000, CURRENCY_CNY);
	check_parse("300万美元", CURRENCY_USD, 1, MONEY_OK, 3000000, CURRENCY_USD);
	check_parse("¥1亿", CURRENCY_CNY, 1, MONEY_OK, 100000000, CURRENCY_CNY);
}
END_TEST

START_TEST(test_parse_forms)
{
	ok_cny("５０００万元", 50000000);
	ok_cny("５，０００．５万", 50005000);
	ok_cny("１．５亿", 150000000);
	ok_cny("12，000.5", 120005000);
	ok_cny("1,234,567", 12345670000);
	ok_cny("1，234,567万", 12345670000);
	ok_cny("  5000  ", 50000000);
	ok_cny("\t5000 万 元 ", 50000000);
	ok_cny("　５０００　万元　", 50000000);
	ok_cny("1.5 亿元", 150000000);
	ok_usd("ＵＳＤ　３００万", 3000000);
	ok_usd("＄３００万", 3000000);
}
END_TEST

START_TEST(test_parse_errors)
{
	fails("", MONEY_EMPTY);
	fails("   ", MONEY_EMPTY);
	fails("　\t ", MONEY_EMPTY);
	fails(NULL, MONEY_EMPTY);

	/* As officers write them: 万-groups of four, Chinese numerals. */
	ok_cny("1,0000万", 100000000);
	ok_cny("1,2345,6789元", 123456789);
	ok_cny("一亿", 100000000);
	ok_cny("壹亿元", 100000000);
	ok_cny("三千五百万", 35000000);
	ok_cny("一亿二千万", 120000000);
	ok_cny("3千万", 30000000);
	ok_cny("十万元", 100000);
	ok_usd("五千万美元", 50000000);
	fails("1,0000,000", MONEY_SYNTAX);
	fails("12345,678", MONEY_SYNTAX);
	fails("一亿欧元", MONEY_SYNTAX);
	fails("abc", MONEY_SYNTAX);
	fails("万", MONEY_SYNTAX);
	fails("USD", MONEY_SYNTAX);
	fails("5万万", MONEY_SYNTAX);
	fails("5亿万", MONEY_SYNTAX);
	fails("5 5", MONEY_SYNTAX);
	fails("5x", MONEY_SYNTAX);
	fails("5万元x", MONEY_SYNTAX);
	fails("5元元", MONEY_SYNTAX);
	fails("5万元美元", MONEY_SYNTAX);
	fails("1,00", MONEY_SYNTAX);
	fails("12,5", MONEY_SYNTAX);
	fails("1234,567", MONEY_SYNTAX);
	fails(",123", MONEY_SYNTAX);
	fails("1,234,56", MONEY_SYNTAX);
	fails("1,,234", MONEY_SYNTAX);
	fails("1,234,", MONEY_SYNTAX);
	fails("1.2,345", MONEY_SYNTAX);
	fails("5.", MONEY_SYNTAX);
	fails(".5", MONEY_SYNTAX);
	fails("5..5", MONEY_SYNTAX);
	fails("5.5.5", MONEY_SYNTAX);
	fails("+5", MONEY_SYNTAX);
	fails("--5", MONEY_SYNTAX);
	fails("5-", MONEY_SYNTAX);
	fails("5e3", MONEY_SYNTAX);
	fails("0x10", MONEY_SYNTAX);
	ok_cny("五千万", 50000000); /* Chinese numerals, as officers write them */
	fails("5\xFF", MONEY_SYNTAX);
	fails("$$5", MONEY_SYNTAX);

	fails("0.00001万", MONEY_PRECISION);
	fails("0.5元", MONEY_PRECISION);
	fails("1.000000001亿", MONEY_PRECISION);
	fails("0.12345万美元", MONEY_PRECISION);
	fails("1.23456", MONEY_PRECISION);

	fails("-5万", MONEY_RANGE);
	fails("-0", MONEY_RANGE);
	fails("－5万", MONEY_RANGE);
	fails("- 5", MONEY_RANGE);
	fails("-$5", MONEY_RANGE);
	fails("USD -5", MONEY_RANGE);
	fails("10000000.00000001亿", MONEY_RANGE);
	fails("100000000001万", MONEY_RANGE);
	fails("1000000000000001元", MONEY_RANGE);
	fails("99999999999999999999999999", MONEY_RANGE);
	fails("18446744073709551616亿", MONEY_RANGE);
	fails("99999999999999999999.00001万", MONEY_RANGE);

	check_parse("300万美元", CURRENCY_CNY, 1, MONEY_CURRENCY, 0, CURRENCY_CNY);
	check_parse("USD 300万", CURRENCY_CNY, 1, MONEY_CURRENCY, 0, CURRENCY_CNY);
	check_parse("300万元", CURRENCY_USD, 1, MONEY_CURRENCY, 0, CURRENCY_USD);
	check_parse("¥300", CURRENCY_USD, 1, MONEY_CURRENCY, 0, CURRENCY_USD);
	/* Contradicting marks in the same text. */
	fails("USD 300万元", MONEY_CURRENCY);
	fails("¥300美元", MONEY_CURRENCY);
	fails("$300 RMB", MONEY_CURRENCY);
}
END_TEST

START_TEST(test_parse_limits)
{
	ok_cny("10000000亿", INT64_C(1000000000000000));
	ok_cny("10,000,000亿元", INT64_C(1000000000000000));
	ok_cny("100000000000万", INT64_C(1000000000000000));
	ok_cny("1000000000000000元", INT64_C(1000000000000000));
	ok_cny("99999999999.9999万", INT64_C(999999999999999));
	ok_cny("0000000000000000000000001元", 1);
	/* One unit past the limit formats but does not parse. */
	char buf[64];
	money_format(INT64_C(1000000000000001), CURRENCY_CNY, MONEY_AUTO, buf, sizeof buf);
	ck_assert_str_eq(buf, "10,000,000.00000001亿元");
	fails(buf, MONEY_RANGE);
	/* NULL outputs are allowed. */
	ck_assert_int_eq(money_parse("5000", NULL, NULL, 0), MONEY_OK);
	ck_assert_int_eq(money_parse("300万美元", NULL, NULL, 1), MONEY_OK);
}
END_TEST

/* Formats amount and compares with want. */
static void check_format(int64_t amount, enum currency cur, enum money_style style,
                         const char *want)
{
	char buf[64];
	ck_assert_ptr_eq(money_format(amount, cur, style, buf, sizeof buf), buf);
	ck_assert_str_eq(buf, want);
}

START_TEST(test_format)
{
	check_format(123456000, CURRENCY_CNY, MONEY_WAN, "12,345.6万元");
	check_format(3000000, CURRENCY_USD, MONEY_WAN, "300万美元");
	check_format(0, CURRENCY_CNY, MONEY_WAN, "0万元");
	check_format(1, CURRENCY_CNY, MONEY_WAN, "0.0001万元");
	check_format(5000, CURRENCY_USD, MONEY_WAN, "0.5万美元");
	check_format(9999, CURRENCY_CNY, MONEY_WAN, "0.9999万元");
	check_format(10000000, CURRENCY_CNY, MONEY_WAN, "1,000万元");
	check_format(150000000, CURRENCY_CNY, MONEY_WAN, "15,000万元");
	check_format(12345678901, CURRENCY_CNY, MONEY_WAN, "1,234,567.8901万元");
	check_format(INT64_C(1000000000000000), CURRENCY_CNY, MONEY_WAN, "100,000,000,000万元");

	check_format(123450000, CURRENCY_CNY, MONEY_AUTO, "1.2345亿元");
	check_format(100000000, CURRENCY_USD, MONEY_AUTO, "1亿美元");
	check_format(3000000000, CURRENCY_CNY, MONEY_AUTO, "30亿元");
	check_format(123456789, CURRENCY_CNY, MONEY_AUTO, "1.23456789亿元");
	check_format(99999999, CURRENCY_CNY, MONEY_AUTO, "9,999.9999万元");
	check_format(50000000, CURRENCY_CNY, MONEY_AUTO, "5,000万元");
	check_format(3000000, CURRENCY_USD, MONEY_AUTO, "300万美元");
	check_format(INT64_C(1000000000000000), CURRENCY_CNY, MONEY_AUTO, "10,000,000亿元");
	check_format(INT64_C(123456700000000), CURRENCY_USD, MONEY_AUTO, "1,234,567亿美元");

	check_format(123456000, CURRENCY_CNY, MONEY_PLAIN, "12345.6");
	check_format(123456000, CURRENCY_USD, MONEY_PLAIN, "12345.6");
	check_format(0, CURRENCY_CNY, MONEY_PLAIN, "0");
	check_format(1, CURRENCY_CNY, MONEY_PLAIN, "0.0001");
	check_format(INT64_C(1000000000000000), CURRENCY_CNY, MONEY_PLAIN, "100000000000");

	/* Negative amounts never come from money_parse but still print. */
	check_format(-50000, CURRENCY_CNY, MONEY_WAN, "-5万元");
	check_format(-150000000, CURRENCY_CNY, MONEY_AUTO, "-1.5亿元");
	check_format(INT64_MIN, CURRENCY_CNY, MONEY_PLAIN, "-922337203685477.5808");
	check_format(INT64_MAX, CURRENCY_USD, MONEY_AUTO, "92,233,720,368.54775807亿美元");
}
END_TEST

START_TEST(test_format_small_buffer)
{
	char buf[16];
	/* "12,345.6万元" is 14 bytes: 万 and 元 are 3 bytes each. */
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 15), "12,345.6万元");
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 14), "12,345.6万");
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 12), "12,345.6万");
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 11), "12,345.6");
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 5), "12,3");
	ck_assert_str_eq(money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 1), "");
	buf[0] = 'x';
	money_format(123456000, CURRENCY_CNY, MONEY_WAN, buf, 0);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

/* Formats x in every style and currency and parses it back. */
static void check_round_trip(int64_t x)
{
	static const enum money_style styles[] = {MONEY_WAN, MONEY_AUTO, MONEY_PLAIN};
	static const enum currency curs[] = {CURRENCY_CNY, CURRENCY_USD};
	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < 2; j++) {
			char buf[64];
			money_format(x, curs[j], styles[i], buf, sizeof buf);
			int64_t back = SENTINEL;
			enum currency cur = curs[j];
			enum money_error e = money_parse(buf, &back, &cur, 1);
			/* A plain test first: ck_assert_msg costs a message to the
			 * runner even when it passes. */
			if (e != MONEY_OK || back != x || cur != curs[j])
				ck_abort_msg("%lld -> \"%s\" -> error %d, %lld", (long long)x, buf,
				             (int)e, (long long)back);
		}
	}
}

START_TEST(test_round_trip)
{
	/* Around every power of ten, and the limit itself. */
	for (int64_t p = 1; p <= INT64_C(1000000000000000); p *= 10) {
		check_round_trip(p - 1);
		check_round_trip(p);
		if (p < INT64_C(1000000000000000))
			check_round_trip(p + 1);
	}
	check_round_trip(150000000);
	check_round_trip(3000000000);
	for (int64_t x = 0; x < 20000; x++)
		check_round_trip(x);
	for (int64_t x = 99990000; x < 100010000; x++)
		check_round_trip(x);
	/* Pseudo-random amounts spread over all magnitudes up to 10^15. */
	uint64_t seed = 88172645463325252ULL;
	for (int i = 0; i < 200000; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		uint64_t mod = 10;
		for (int d = (int)(seed % 15); d > 0; d--)
			mod *= 10;
		check_round_trip((int64_t)((seed >> 8) % (mod + 1)));
	}
}
END_TEST

/* The money suite. */
Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_units);
	tcase_add_test(tc, test_parse_marks);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_parse_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_small_buffer);
	tcase_add_test(tc, test_round_trip);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

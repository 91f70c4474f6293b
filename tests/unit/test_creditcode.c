/*
 * test_creditcode.c - normalisation and classification of credit codes.
 *
 * The "published" codes below appear widely in public registers and
 * validator examples; their check characters were recomputed independently
 * of creditcode.c before being used here.
 */
#include <string.h>

#include "creditcode.h"
#include "suites.h"

/* Checks code's status, normalised form and reported expected character. */
static void check_code(const char *code, enum creditcode_status want, const char *want_out,
                       char want_expected)
{
	char out[CREDITCODE_MAX];
	char expected = '?';
	enum creditcode_status st = creditcode_check(code, out, &expected);
	ck_assert_msg(st == want, "%s: status %d, want %d", code, (int)st, (int)want);
	ck_assert_str_eq(out, want_out);
	ck_assert_int_eq(expected, want_expected);
}

static const char *const published[] = {
    "91350100M000100Y43", "914403001922038216", "91110000802100433B", "91330100799655058B",
    "9144030071526726XG", "91110000100010433L", "91110000710925462X", "91310000MA1FL1MMXL",
};

START_TEST(test_valid)
{
	for (size_t i = 0; i < sizeof published / sizeof published[0]; i++) {
		const char *c = published[i];
		check_code(c, CREDITCODE_OK, c, c[17]);
		ck_assert_int_eq(creditcode_check_digit(c), c[17]);
	}
	char out[CREDITCODE_MAX];
	ck_assert_int_eq(creditcode_check("91350100M000100Y43", out, NULL), CREDITCODE_OK);
}
END_TEST

START_TEST(test_check_digit)
{
	ck_assert_int_eq(creditcode_check_digit("91350100M000100Y4"), '3');
	ck_assert_int_eq(creditcode_check_digit("00000000000000000"), '0');
	ck_assert_int_eq(creditcode_check_digit("12100000400000000"), 'W');
	ck_assert_int_eq(creditcode_check_digit("91110000MA01ABCDE"), 'X');
	ck_assert_int_eq(creditcode_check_digit("91350100O000100Y4"), 0); /* O */
	ck_assert_int_eq(creditcode_check_digit("91350100m000100Y4"), 0); /* not normalised */
	ck_assert_int_eq(creditcode_check_digit("9135010"), 0);           /* too short */
	ck_assert_int_eq(creditcode_check_digit(NULL), 0);
}
END_TEST

START_TEST(test_constructed)
{
	/* Builds codes from a small generator, appends the check character and
	 * verifies that every single-character substitution is caught. */
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	unsigned seed = 20151001;
	for (int round = 0; round < 200; round++) {
		char code[19];
		for (int i = 0; i < 17; i++) {
			seed = seed * 1103515245u + 12345u;
			code[i] = cs[(seed >> 16) % 31];
		}
		code[17] = creditcode_check_digit(code);
		code[18] = '\0';
		ck_assert_int_ne(code[17], 0);
		check_code(code, CREDITCODE_OK, code, code[17]);
		for (int pos = 0; pos < 18; pos++) {
			char bad[19];
			memcpy(bad, code, sizeof bad);
			bad[pos] = bad[pos] == 'Y' ? '0' : cs[strchr(cs, bad[pos]) - cs + 1];
			char out[CREDITCODE_MAX], exp = 0;
			ck_assert_int_eq(creditcode_check(bad, out, &exp), CREDITCODE_BAD_CHECK);
			ck_assert_int_eq(exp, creditcode_check_digit(bad));
		}
	}
}
END_TEST

START_TEST(test_bad_check)
{
	check_code("914403001922038217", CREDITCODE_BAD_CHECK, "914403001922038217", '6');
	check_code("91350100M000100Y44", CREDITCODE_BAD_CHECK, "91350100M000100Y44", '3');
	/* Two adjacent characters swapped. */
	check_code("91350100M000010Y43", CREDITCODE_BAD_CHECK, "91350100M000010Y43",
	           creditcode_check_digit("91350100M000010Y4"));
	char out[CREDITCODE_MAX];
	ck_assert_int_eq(creditcode_check("914403001922038217", out, NULL), CREDITCODE_BAD_CHECK);
}
END_TEST

START_TEST(test_bad_length)
{
	check_code("", CREDITCODE_BAD_LENGTH, "", 0);
	check_code("  - ", CREDITCODE_BAD_LENGTH, "", 0);
	check_code(NULL, CREDITCODE_BAD_LENGTH, "", 0);
	check_code("91350100M000100Y4", CREDITCODE_BAD_LENGTH, "91350100M000100Y4", 0);
	check_code("91350100M000100Y433", CREDITCODE_BAD_LENGTH, "91350100M000100Y433", 0);
	/* Over-long input is truncated to CREDITCODE_MAX - 1 characters. */
	check_code("91350100M000100Y43 91350100M000100Y43", CREDITCODE_BAD_LENGTH,
	           "91350100M000100Y439", 0);
	/* 15 characters that are not all digits, 9 that are not an org code. */
	check_code("44030110309741A", CREDITCODE_BAD_LENGTH, "44030110309741A", 0);
	check_code("8021004#3", CREDITCODE_BAD_LENGTH, "8021004#3", 0);
	check_code("80210043#", CREDITCODE_BAD_LENGTH, "80210043#", 0);
}
END_TEST

START_TEST(test_bad_char)
{
	check_code("91350100M000100O43", CREDITCODE_BAD_CHAR, "91350100M000100O43", 0);
	check_code("9135010IM000100Y43", CREDITCODE_BAD_CHAR, "9135010IM000100Y43", 0);
	check_code("91350100Z000100Y43", CREDITCODE_BAD_CHAR, "91350100Z000100Y43", 0);
	check_code("91350100S000100Y43", CREDITCODE_BAD_CHAR, "91350100S000100Y43", 0);
	check_code("91350100V000100Y43", CREDITCODE_BAD_CHAR, "91350100V000100Y43", 0);
	check_code("91350100M000100Y4#", CREDITCODE_BAD_CHAR, "91350100M000100Y4#", 0);
	/* A Chinese character counts as one (bad) character. */
	check_code("91350100中000100Y43", CREDITCODE_BAD_CHAR, "91350100?000100Y43", 0);
	check_code("91350100M000100Y4\xFF", CREDITCODE_BAD_CHAR, "91350100M000100Y4?", 0);
}
END_TEST

START_TEST(test_normalise)
{
	check_code("９１３５０１００Ｍ０００１００Ｙ４３", CREDITCODE_OK, "91350100M000100Y43",
	           '3');
	check_code("９１３５０１００ｍ０００１００ｙ４３", CREDITCODE_OK, "91350100M000100Y43",
	           '3');
	check_code("91350100m000100y43", CREDITCODE_OK, "91350100M000100Y43", '3');
	check_code("9135 0100 M000 100Y 43", CREDITCODE_OK, "91350100M000100Y43", '3');
	check_code("913501-00M000-100Y43", CREDITCODE_OK, "91350100M000100Y43", '3');
	check_code(" 91350100M000100Y43\n", CREDITCODE_OK, "91350100M000100Y43", '3');
	check_code("\t9144 0300 1922 0382 16", CREDITCODE_OK, "914403001922038216", '6');
	check_code("913501００Ｍ000１００y４３", CREDITCODE_OK, "91350100M000100Y43", '3');
	/* Ideographic space and full-width hyphen are dropped too. */
	check_code("91350100　M000100Y43", CREDITCODE_OK, "91350100M000100Y43", '3');
	check_code("91350100－M000100Y43", CREDITCODE_OK, "91350100M000100Y43", '3');
}
END_TEST

START_TEST(test_old_regno)
{
	check_code("440301103097413", CREDITCODE_OLD_REGNO, "440301103097413", 0);
	check_code("4403 0110 3097 413", CREDITCODE_OLD_REGNO, "440301103097413", 0);
	check_code("４４０３０１１０３０９７４１３", CREDITCODE_OLD_REGNO, "440301103097413", 0);
	check_code("110000000000000", CREDITCODE_OLD_REGNO, "110000000000000", 0);
}
END_TEST

START_TEST(test_old_orgcode)
{
	check_code("80210043-3", CREDITCODE_OLD_ORGCODE, "802100433", '3');
	check_code("192203821", CREDITCODE_OLD_ORGCODE, "192203821", '1');
	check_code("71526726-X", CREDITCODE_OLD_ORGCODE, "71526726X", 'X');
	check_code("71526726-x", CREDITCODE_OLD_ORGCODE, "71526726X", 'X');
	check_code("10000004-0", CREDITCODE_OLD_ORGCODE, "100000040", '0');
	/* Letters the credit code excludes are fine in an organisation code. */
	check_code("MA01ABCD-5", CREDITCODE_OLD_ORGCODE, "MA01ABCD5", '5');
	check_code("ｍａ０１ａｂｃｄ－５", CREDITCODE_OLD_ORGCODE, "MA01ABCD5", '5');
	/* A wrong organisation-code check is reported like a credit code's. */
	check_code("19220382-2", CREDITCODE_BAD_CHECK, "192203822", '1');
	check_code("10000004-X", CREDITCODE_BAD_CHECK, "10000004X", '0');
	check_code("71526726-0", CREDITCODE_BAD_CHECK, "715267260", 'X');
}
END_TEST

START_TEST(test_is_error)
{
	ck_assert(!creditcode_is_error(CREDITCODE_OK));
	ck_assert(!creditcode_is_error(CREDITCODE_BAD_CHECK));
	ck_assert(creditcode_is_error(CREDITCODE_BAD_LENGTH));
	ck_assert(creditcode_is_error(CREDITCODE_BAD_CHAR));
	ck_assert(!creditcode_is_error(CREDITCODE_OLD_REGNO));
	ck_assert(!creditcode_is_error(CREDITCODE_OLD_ORGCODE));
}
END_TEST

/* The credit code suite. */
Suite *creditcode_suite(void)
{
	Suite *s = suite_create("creditcode");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_check_digit);
	tcase_add_test(tc, test_constructed);
	tcase_add_test(tc, test_bad_check);
	tcase_add_test(tc, test_bad_length);
	tcase_add_test(tc, test_bad_char);
	tcase_add_test(tc, test_normalise);
	tcase_add_test(tc, test_old_regno);
	tcase_add_test(tc, test_old_orgcode);
	tcase_add_test(tc, test_is_error);
	suite_add_tcase(s, tc);
	return s;
}

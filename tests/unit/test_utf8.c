/*
 * test_utf8.c - decoding, encoding and display width.
 *
 * Widths are checked through text_init() (run as a fixture) so that the
 * suite gives the same answers under LANG=C as under a UTF-8 locale.
 */
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "utf8.h"

/* Decodes s (len bytes) once, checking the code point and byte count. */
static void check_decode(const char *s, size_t len, uint32_t want_cp, size_t want_n)
{
	uint32_t cp = 0;
	size_t n = utf8_decode(s, len, &cp);
	ck_assert_uint_eq(n, want_n);
	ck_assert_uint_eq(cp, want_cp);
}

START_TEST(test_decode_valid)
{
	check_decode("A", 1, 0x41, 1);
	check_decode("\xC3\xA9", 2, 0xE9, 2);
	check_decode("中", 3, 0x4E2D, 3);
	check_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4);
	check_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
	check_decode("\xEF\xBF\xBD", 3, 0xFFFD, 3);
	check_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);
	check_decode("\xEE\x80\x80", 3, 0xE000, 3);
	check_decode("ab", 2, 'a', 1);
}
END_TEST

START_TEST(test_decode_invalid)
{
	check_decode("\x80", 1, 0xFFFD, 1); /* lone continuation */
	check_decode("\xBF\x80", 2, 0xFFFD, 1);
	check_decode("\xC0\x80", 2, 0xFFFD, 1);         /* overlong NUL */
	check_decode("\xC1\xBF", 2, 0xFFFD, 1);         /* overlong */
	check_decode("\xE0\x80\x80", 3, 0xFFFD, 1);     /* overlong */
	check_decode("\xE0\x9F\xBF", 3, 0xFFFD, 1);     /* overlong */
	check_decode("\xF0\x80\x80\x80", 4, 0xFFFD, 1); /* overlong */
	check_decode("\xF0\x8F\xBF\xBF", 4, 0xFFFD, 1); /* overlong */
	check_decode("\xED\xA0\x80", 3, 0xFFFD, 1);     /* surrogate D800 */
	check_decode("\xED\xBF\xBF", 3, 0xFFFD, 1);     /* surrogate DFFF */
	check_decode("\xF4\x90\x80\x80", 4, 0xFFFD, 1); /* above U+10FFFF */
	check_decode("\xF5\x80\x80\x80", 4, 0xFFFD, 1);
	check_decode("\xFE", 1, 0xFFFD, 1);
	check_decode("\xFF", 1, 0xFFFD, 1);
	check_decode("\xC3Z", 2, 0xFFFD, 1); /* bad continuation */
	check_decode("\xE4\xB8Z", 3, 0xFFFD, 1);
}
END_TEST

START_TEST(test_decode_truncated)
{
	check_decode("中", 2, 0xFFFD, 1);
	check_decode("中", 1, 0xFFFD, 1);
	check_decode("\xC3\xA9", 1, 0xFFFD, 1);
	check_decode("\xF0\x9F\x98\x80", 3, 0xFFFD, 1);
	check_decode("", 0, 0, 0);
	/* Each byte of a truncated sequence becomes one U+FFFD. */
	ck_assert_uint_eq(utf8_count("\xE4\xB8", 2), 2);
	ck_assert(!utf8_valid("\xE4\xB8", 2));
}
END_TEST

START_TEST(test_encode)
{
	char b[4];
	ck_assert_uint_eq(utf8_encode(0x41, b), 1);
	ck_assert_int_eq(b[0], 'A');
	ck_assert_uint_eq(utf8_encode(0xE9, b), 2);
	ck_assert(memcmp(b, "\xC3\xA9", 2) == 0);
	ck_assert_uint_eq(utf8_encode(0x4E2D, b), 3);
	ck_assert(memcmp(b, "中", 3) == 0);
	ck_assert_uint_eq(utf8_encode(0x1F600, b), 4);
	ck_assert(memcmp(b, "\xF0\x9F\x98\x80", 4) == 0);
	ck_assert_uint_eq(utf8_encode(0xD800, b), 3);
	ck_assert(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
	ck_assert_uint_eq(utf8_encode(0x110000, b), 3);
	ck_assert(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
}
END_TEST

START_TEST(test_encode_decode_all)
{
	/* Plain comparisons in the loop: each ck_assert costs a message to
	 * the runner, too slow for 1.1 million code points. */
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char b[4];
		uint32_t back = 0;
		size_t n = utf8_encode(cp, b);
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (n != want || utf8_decode(b, n, &back) != n || back != cp || !utf8_valid(b, n))
			ck_abort_msg("U+%04X does not round-trip", (unsigned)cp);
	}
}
END_TEST

START_TEST(test_valid_count)
{
	const char *s = "招商引资 abc \xF0\x9F\x98\x80";
	ck_assert(utf8_valid(s, strlen(s)));
	ck_assert_uint_eq(utf8_count(s, strlen(s)), 10);
	ck_assert(utf8_valid("", 0));
	ck_assert(utf8_valid("\xEF\xBF\xBD", 3));
	ck_assert(!utf8_valid("a\x80", 2));
	ck_assert(!utf8_valid("\xC0\xAF", 2));
	ck_assert(!utf8_valid("\xED\xA0\x80", 3));
	ck_assert(!utf8_valid("\xF4\x90\x80\x80", 4));
	ck_assert_uint_eq(utf8_count("a\x80z", 3), 3);
	ck_assert_uint_eq(utf8_count("", 0), 0);
}
END_TEST

START_TEST(test_cpwidth)
{
	ck_assert_int_eq(text_cpwidth('A'), 1);
	ck_assert_int_eq(text_cpwidth(' '), 1);
	ck_assert_int_eq(text_cpwidth(0x4E2D), 2); /* 中 */
	ck_assert_int_eq(text_cpwidth(0x3001), 2); /* 、 */
	ck_assert_int_eq(text_cpwidth(0xFF0C), 2); /* ， */
	ck_assert_int_eq(text_cpwidth(0xFF08), 2); /* （ */
	ck_assert_int_eq(text_cpwidth(0x3000), 2); /* ideographic space */
	ck_assert_int_eq(text_cpwidth(0xFF21), 2); /* Ａ */
	ck_assert_int_eq(text_cpwidth(0x0301), 0); /* combining acute */
	ck_assert_int_eq(text_cpwidth(0x200B), 0); /* zero width space */
	ck_assert_int_eq(text_cpwidth(0xE9), 1);
	ck_assert_int_eq(text_cpwidth(0x07), 1); /* control: -1 counts as 1 */
	ck_assert_int_eq(text_cpwidth(0x7F), 1);
	ck_assert_int_eq(text_cpwidth(0xFFFD), 1);
	ck_assert_int_eq(text_cpwidth(0xD800), 1);
	ck_assert_int_eq(text_cpwidth(0x110000), 1);
	ck_assert_int_eq(text_cpwidth(0xFFFFFFFF), 1);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width(NULL), 0);
	ck_assert_int_eq(text_width("zsdesk"), 6);
	ck_assert_int_eq(text_width("招商引资"), 8);
	ck_assert_int_eq(text_width("（注册资本）"), 12);
	ck_assert_int_eq(text_width("e\xCC\x81"), 1);
	ck_assert_int_eq(text_width("caf\xC3\xA9 cafe\xCC\x81"), 9);
	ck_assert_int_eq(text_width("A中b，c"), 7);
	ck_assert_int_eq(text_width("5000万元"), 8);
	ck_assert_int_eq(text_width("a\x80z"), 3);
	ck_assert_int_eq(text_width("\t"), 1);
	ck_assert_int_eq(text_width_n("中文", 3), 2);
	ck_assert_int_eq(text_width_n("中文", 4), 3); /* 中 + one stray byte */
	ck_assert_int_eq(text_width_n("a\0b", 3), 2);
}
END_TEST

START_TEST(test_fit)
{
	int used = -1;
	ck_assert_uint_eq(text_fit("ab中文", 3, &used), 2);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit("ab中文", 4, &used), 5);
	ck_assert_int_eq(used, 4);
	ck_assert_uint_eq(text_fit("ab中文", 5, &used), 5);
	ck_assert_int_eq(used, 4);
	ck_assert_uint_eq(text_fit("ab中文", 6, &used), 8);
	ck_assert_int_eq(used, 6);
	ck_assert_uint_eq(text_fit("ab中文", 99, &used), 8);
	ck_assert_uint_eq(text_fit("中文", 1, &used), 0);
	ck_assert_int_eq(used, 0);
	ck_assert_uint_eq(text_fit("abc", 0, &used), 0);
	ck_assert_int_eq(used, 0);
	ck_assert_uint_eq(text_fit("abc", -3, NULL), 0);
	ck_assert_uint_eq(text_fit("", 5, &used), 0);
	/* The combining mark stays with its base ... */
	ck_assert_uint_eq(text_fit("ae\xCC\x81z", 2, &used), 4);
	ck_assert_int_eq(used, 2);
	/* ... and never starts the remainder. */
	ck_assert_uint_eq(text_fit("ae\xCC\x81\xCC\x82z", 1, &used), 1);
	ck_assert_int_eq(used, 1);
	ck_assert_uint_eq(text_fit("中\xCC\x81文", 3, &used), 5);
	ck_assert_int_eq(used, 2);
	ck_assert_uint_eq(text_fit("abc", 2, NULL), 2);
}
END_TEST

START_TEST(test_pad)
{
	char buf[64];
	ck_assert_str_eq(text_pad(buf, sizeof buf, "中文", 6, false), "中文  ");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "中文", 6, true), "  中文");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "abc", 3, false), "abc");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "abcdef", 3, true), "abc");
	/* 字 would straddle column 5: a space takes its place. */
	ck_assert_str_eq(text_pad(buf, sizeof buf, "中文字", 5, false), "中文 ");
	ck_assert_int_eq(text_width(buf), 5);
	ck_assert_str_eq(text_pad(buf, sizeof buf, "中文字", 5, true), " 中文");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "a中", 2, false), "a ");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "", 3, false), "   ");
	ck_assert_str_eq(text_pad(buf, sizeof buf, NULL, 2, false), "  ");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "abc", 0, false), "");
	ck_assert_str_eq(text_pad(buf, sizeof buf, "e\xCC\x81", 2, true), " e\xCC\x81");
	for (int cols = 0; cols < 12; cols++) {
		text_pad(buf, sizeof buf, "项目A：新能源", cols, cols % 2);
		ck_assert_int_eq(text_width(buf), cols);
		ck_assert(utf8_valid(buf, strlen(buf)));
	}
}
END_TEST

START_TEST(test_pad_small_buffer)
{
	char buf[8];
	/* Room for 7 bytes: 中文 (6 bytes) and one space. */
	ck_assert_str_eq(text_pad(buf, sizeof buf, "中文字", 6, false), "中文 ");
	ck_assert_str_eq(text_pad(buf, 4, "中文", 4, false), "中");
	ck_assert_str_eq(text_pad(buf, 3, "中文", 4, true), "  ");
	ck_assert_str_eq(text_pad(buf, 1, "中文", 4, false), "");
	buf[0] = 'x';
	text_pad(buf, 0, "中文", 4, false);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

START_TEST(test_wide_round_trip)
{
	const char *s = "外资项目 A1：\xF0\x9F\x98\x80 cafe\xCC\x81";
	size_t n = 0;
	wchar_t *w = text_to_wide(s, &n);
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(n, utf8_count(s, strlen(s)));
	ck_assert_uint_eq(n, 15);
	ck_assert_int_eq(w[0], 0x5916);
	ck_assert_int_eq(w[8], 0x1F600);
	ck_assert_int_eq(w[n], 0);
	char *back = text_from_wide(w, n);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(back, s);
	free(back);
	free(w);

	w = text_to_wide("a\xFFz", &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(w[1], 0xFFFD);
	free(w);

	w = text_to_wide("", &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(w[0], 0);
	free(w);

	const wchar_t bad[] = {L'x', (wchar_t)0xD800, (wchar_t)0x110000, (wchar_t)-1, 0x4E2D};
	back = text_from_wide(bad, 5);
	ck_assert_str_eq(back, "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD中");
	free(back);
	back = text_from_wide(L"中文", 1);
	ck_assert_str_eq(back, "中");
	free(back);
}
END_TEST

/* The UTF-8 suite; text_init() runs first so widths ignore LANG=C. */
Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("codec");
	tcase_add_test(tc, test_decode_valid);
	tcase_add_test(tc, test_decode_invalid);
	tcase_add_test(tc, test_decode_truncated);
	tcase_add_test(tc, test_encode);
	tcase_add_test(tc, test_encode_decode_all);
	tcase_add_test(tc, test_valid_count);
	tcase_add_test(tc, test_wide_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("width");
	tcase_add_checked_fixture(tc, text_init, NULL);
	tcase_add_test(tc, test_cpwidth);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_pad);
	tcase_add_test(tc, test_pad_small_buffer);
	suite_add_tcase(s, tc);
	return s;
}

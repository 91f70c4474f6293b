/*
 * test_pinyin.c - readings, syllables, initials, full pinyin and pinyin_match.
 *
 * The readings checked here are those of Unihan (see src/text/gen-pinyin.py);
 * match cases cover first letters, whole and partial readings, polyphonic
 * characters, mixed ASCII/CJK names, skipped punctuation and characters
 * that break a run.
 */
#include <stdio.h>
#include <string.h>

#include "pinyin.h"
#include "suites.h"

/* True when one of the readings of cp is reading. */
static bool has_reading(uint32_t cp, const char *reading)
{
	const char *r[PINYIN_MAX_READINGS];
	int n = pinyin_readings(cp, r, PINYIN_MAX_READINGS);
	for (int i = 0; i < n; i++)
		if (strcmp(r[i], reading) == 0)
			return true;
	return false;
}

START_TEST(test_readings_single)
{
	const char *r[PINYIN_MAX_READINGS];
	ck_assert_int_eq(pinyin_readings(0x5317, r, PINYIN_MAX_READINGS), 1); /* 北 */
	ck_assert_str_eq(r[0], "bei");
	ck_assert_int_eq(pinyin_readings(0x4eac, r, PINYIN_MAX_READINGS), 1); /* 京 */
	ck_assert_str_eq(r[0], "jing");
	ck_assert_int_eq(pinyin_readings(0x3400, r, PINYIN_MAX_READINGS), 1); /* 㐀, ext. A */
	ck_assert_str_eq(r[0], "qiu");
	ck_assert_int_eq(pinyin_readings(0x20000, r, PINYIN_MAX_READINGS), 1); /* 𠀀, ext. B */
	ck_assert_str_eq(r[0], "he");
	ck_assert_int_gt(pinyin_readings(0x9fa5, r, PINYIN_MAX_READINGS), 0); /* 龥 */
}
END_TEST

START_TEST(test_readings_umlaut)
{
	const char *r[PINYIN_MAX_READINGS];
	ck_assert_int_gt(pinyin_readings(0x7eff, r, PINYIN_MAX_READINGS), 0); /* 绿 */
	ck_assert_str_eq(r[0], "lv");
	ck_assert_int_gt(pinyin_readings(0x5973, r, PINYIN_MAX_READINGS), 0); /* 女 */
	ck_assert_str_eq(r[0], "nv");
	ck_assert(!has_reading(0x5973, "ru")); /* archaic 汝 reading left out */
}
END_TEST

START_TEST(test_readings_polyphonic)
{
	const char *r[PINYIN_MAX_READINGS];
	ck_assert_int_ge(pinyin_readings(0x957f, r, PINYIN_MAX_READINGS), 2); /* 长 */
	ck_assert_str_eq(r[0], "zhang");
	ck_assert_str_eq(r[1], "chang");
	ck_assert_int_ge(pinyin_readings(0x91cd, r, PINYIN_MAX_READINGS), 2); /* 重 */
	ck_assert_str_eq(r[0], "zhong");
	ck_assert(has_reading(0x91cd, "chong"));
	ck_assert_int_ge(pinyin_readings(0x5355, r, PINYIN_MAX_READINGS), 3); /* 单 */
	ck_assert_str_eq(r[0], "dan");
	ck_assert(has_reading(0x5355, "chan"));
	/* 和 reads he, hu, huo in today's dictionaries. */
	ck_assert_int_ge(pinyin_readings(0x548c, r, PINYIN_MAX_READINGS), 3);
	ck_assert(has_reading(0x548c, "huo"));
	ck_assert(has_reading(0x548c, "hu"));
	/* 精 is jing, not the archaic qing that would make "gq" find 工精. */
	ck_assert(!has_reading(0x7cbe, "qing"));
}
END_TEST

START_TEST(test_readings_no_duplicates)
{
	static const uint32_t cps[] = {0x957f, 0x91cd, 0x5355, 0x6734, 0x89e3, 0x66fe, 0x64d6};
	for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
		const char *r[PINYIN_MAX_READINGS];
		int n = pinyin_readings(cps[k], r, PINYIN_MAX_READINGS);
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				ck_assert_str_ne(r[i], r[j]);
	}
}
END_TEST

START_TEST(test_readings_max)
{
	const char *r[PINYIN_MAX_READINGS] = {NULL};
	ck_assert_int_eq(pinyin_readings(0x957f, r, 1), 1);
	ck_assert_str_eq(r[0], "zhang");
	ck_assert_ptr_null(r[1]);
	ck_assert_int_eq(pinyin_readings(0x957f, r, 0), 0);
}
END_TEST

START_TEST(test_readings_surnames)
{
	static const struct {
		uint32_t cp;
		const char *reading;
	} cases[] = {
		{0x5355, "shan"}, /* 单 */
		{0x66fe, "zeng"}, /* 曾 */
		{0x4ec7, "qiu"},  /* 仇 */
		{0x533a, "ou"},   /* 区 */
		{0x67e5, "zha"},  /* 查 */
		{0x6734, "piao"}, /* 朴 */
		{0x8983, "qin"},  /* 覃 */
		{0x89e3, "xie"},  /* 解 */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(has_reading(cases[i].cp, cases[i].reading), "U+%04X lacks %s",
			      (unsigned)cases[i].cp, cases[i].reading);
}
END_TEST

START_TEST(test_readings_non_cjk)
{
	const char *r[PINYIN_MAX_READINGS];
	ck_assert_int_eq(pinyin_readings('A', r, PINYIN_MAX_READINGS), 0);
	ck_assert_int_eq(pinyin_readings(0, r, PINYIN_MAX_READINGS), 0);
	ck_assert_int_eq(pinyin_readings(0x3042, r, PINYIN_MAX_READINGS), 0); /* あ */
	ck_assert_int_eq(pinyin_readings(0x3001, r, PINYIN_MAX_READINGS), 0); /* 、 */
	ck_assert_int_eq(pinyin_readings(0xac00, r, PINYIN_MAX_READINGS), 0); /* 가 */
	ck_assert_int_eq(pinyin_readings(0xfffd, r, PINYIN_MAX_READINGS), 0);
	ck_assert_int_eq(pinyin_readings(0x10ffff, r, PINYIN_MAX_READINGS), 0);
	ck_assert_int_eq(pinyin_readings(0xffffffffu, r, PINYIN_MAX_READINGS), 0);
}
END_TEST

START_TEST(test_syllable)
{
	ck_assert(pinyin_is_syllable("zhuang", 6));
	ck_assert(pinyin_is_syllable("a", 1));
	ck_assert(pinyin_is_syllable("lv", 2));
	ck_assert(pinyin_is_syllable("zuo", 3));
	ck_assert(pinyin_is_syllable("BEI", 3));
	ck_assert(pinyin_is_syllable("zhuangx", 3)); /* "zhu" */
	ck_assert(!pinyin_is_syllable("zhuangx", 7));
	ck_assert(!pinyin_is_syllable("zh", 2));
	ck_assert(!pinyin_is_syllable("v", 1));
	ck_assert(!pinyin_is_syllable("bj", 2));
	ck_assert(!pinyin_is_syllable("", 0));
	ck_assert(!pinyin_is_syllable("b1", 2));
}
END_TEST

START_TEST(test_initials)
{
	char out[64];
	ck_assert_uint_eq(pinyin_initials("北京科技", out, sizeof out), 4);
	ck_assert_str_eq(out, "bjkj");
	ck_assert_uint_eq(pinyin_initials("ABC科技（北京）有限公司", out, sizeof out), 11);
	ck_assert_str_eq(out, "abckjbjyxgs");
	ck_assert_uint_eq(pinyin_initials("重庆长安", out, sizeof out), 4);
	ck_assert_str_eq(out, "zqza");
	ck_assert_uint_eq(pinyin_initials("", out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(pinyin_initials("北京科技", out, 3), 2);
	ck_assert_str_eq(out, "bj");
	out[0] = 'x';
	ck_assert_uint_eq(pinyin_initials("北京", out, 0), 0);
	ck_assert_int_eq(out[0], 'x');
}
END_TEST

START_TEST(test_full)
{
	char out[64];
	ck_assert_uint_eq(pinyin_full("北京", out, sizeof out), 7);
	ck_assert_str_eq(out, "beijing");
	ck_assert_uint_eq(pinyin_full("3M中国·绿", out, sizeof out), 12);
	ck_assert_str_eq(out, "3mzhongguolv");
	ck_assert_uint_eq(pinyin_full("ＡＢ１科技", out, sizeof out), 7);
	ck_assert_str_eq(out, "ab1keji");
	/* A reading that does not fit is left out whole. */
	ck_assert_uint_eq(pinyin_full("北京", out, 6), 3);
	ck_assert_str_eq(out, "bei");
	ck_assert_uint_eq(pinyin_full("北京", out, 8), 7);
	ck_assert_uint_eq(pinyin_full("北京", out, 7), 3);
}
END_TEST

START_TEST(test_match_cjk)
{
	ck_assert(pinyin_match("北京科技", "bjkj"));
	ck_assert(pinyin_match("北京科技", "beijing"));
	ck_assert(pinyin_match("北京科技", "beij"));
	ck_assert(pinyin_match("北京科技", "beijin"));
	ck_assert(pinyin_match("北京科技", "jingkj"));
	ck_assert(pinyin_match("北京科技", "kejI"));
	ck_assert(pinyin_match("北京科技", "BJKJ"));
	ck_assert(pinyin_match("北京科技", "bjkeji"));
	ck_assert(pinyin_match("北京科技", "k"));
	ck_assert(pinyin_match("北京科技", "beijingkeji"));
	ck_assert(pinyin_match("北京科技", "bei jing"));
	ck_assert(!pinyin_match("北京科技", "bjx"));
	ck_assert(!pinyin_match("北京科技", "bk"));
	ck_assert(!pinyin_match("北京科技", "jb"));
	ck_assert(!pinyin_match("北京科技", "beijingg"));
	ck_assert(!pinyin_match("北京科技", "bejing"));
	ck_assert(!pinyin_match("北京科技", "beijingkejix"));
	ck_assert(!pinyin_match("北京科技", "eijing"));
	ck_assert(!pinyin_match("", "b"));
}
END_TEST

START_TEST(test_match_polyphonic)
{
	ck_assert(pinyin_match("单县", "shanxian"));
	ck_assert(pinyin_match("单县", "danxian"));
	ck_assert(pinyin_match("单县", "sx"));
	ck_assert(pinyin_match("单县", "dx"));
	ck_assert(pinyin_match("重庆", "chongqing"));
	ck_assert(pinyin_match("重庆", "zhongqing"));
	ck_assert(pinyin_match("重庆", "cq"));
	ck_assert(pinyin_match("重庆", "chongq"));
	ck_assert(pinyin_match("长安", "zhangan"));
	ck_assert(pinyin_match("长安", "changan"));
	ck_assert(pinyin_match("长安", "ca"));
	ck_assert(pinyin_match("曾氏", "zengs"));
	ck_assert(pinyin_match("区伟", "ouwei"));
	ck_assert(pinyin_match("朴明", "piaoming"));
	ck_assert(pinyin_match("解放", "xief"));
	ck_assert(!pinyin_match("重庆", "zhangqing"));
	ck_assert(!pinyin_match("单县", "shangxian"));
}
END_TEST

START_TEST(test_match_mixed)
{
	ck_assert(pinyin_match("ABC科技", "abck"));
	ck_assert(pinyin_match("ABC科技", "abckeji"));
	ck_assert(pinyin_match("ABC科技", "bc"));
	ck_assert(pinyin_match("ABC科技", "ckj"));
	ck_assert(!pinyin_match("ABC科技", "abkj"));
	ck_assert(!pinyin_match("ABC科技", "abcd"));
	ck_assert(pinyin_match("3M中国", "3mzg"));
	ck_assert(pinyin_match("3M中国", "mzhongguo"));
	ck_assert(pinyin_match("ＡＢＣ科技", "abck"));
	ck_assert(pinyin_match("中国168集团", "zg168jt"));
	ck_assert(!pinyin_match("中国168集团", "zg18"));
}
END_TEST

START_TEST(test_match_punctuation)
{
	ck_assert(pinyin_match("中国（北京）科技", "guobeijingk"));
	ck_assert(pinyin_match("中国(北京)科技", "zgbjkj"));
	ck_assert(pinyin_match("北京、科技", "bjkj"));
	ck_assert(pinyin_match("北京-科技 有限", "bjkjyx"));
	ck_assert(pinyin_match("约翰·史密斯", "yhsms"));
	ck_assert(pinyin_match("北京，科技", "jingke"));
	ck_assert(pinyin_match("A.B.C 科技", "abck"));
	ck_assert(pinyin_match("北京\xe3\x80\x80科技", "bjkj")); /* ideographic space */
	/* Characters without a reading break a run instead. */
	ck_assert(!pinyin_match("北京あ科技", "bjkj"));
	ck_assert(pinyin_match("北京あ科技", "kj"));
	ck_assert(!pinyin_match("北京\xff科技", "bjkj"));
	ck_assert(pinyin_match("北京\xff科技", "bj"));
}
END_TEST

START_TEST(test_match_query)
{
	ck_assert(pinyin_match("北京科技", ""));
	ck_assert(pinyin_match("北京科技", "xi'an") == false);
	ck_assert(pinyin_match("西安", "xi'an"));
	ck_assert(!pinyin_match("北京科技", "北京"));
	ck_assert(!pinyin_match("北京科技", "bj\xc3\xa9"));
}
END_TEST

START_TEST(test_match_long)
{
	char name[4096] = "";
	for (int i = 0; i < 300; i++)
		strcat(name, "北");
	strcat(name, "京科技");
	ck_assert(pinyin_match(name, "bjkj"));
	ck_assert(pinyin_match(name, "beibeibeibeijingkeji"));
	ck_assert(!pinyin_match(name, "jb"));
	char query[700] = "";
	for (int i = 0; i < 150; i++)
		strcat(query, "bei");
	ck_assert(pinyin_match(name, query));
	strcat(query, "x");
	ck_assert(!pinyin_match(name, query));
	query[0] = '\0';
	for (int i = 0; i < 200; i++)
		strcat(query, "bei");
	ck_assert(!pinyin_match(name, query)); /* 600 letters: beyond the limit */
}
END_TEST

Suite *pinyin_suite(void)
{
	Suite *s = suite_create("pinyin");
	TCase *tc = tcase_create("readings");
	tcase_add_test(tc, test_readings_single);
	tcase_add_test(tc, test_readings_umlaut);
	tcase_add_test(tc, test_readings_polyphonic);
	tcase_add_test(tc, test_readings_no_duplicates);
	tcase_add_test(tc, test_readings_max);
	tcase_add_test(tc, test_readings_surnames);
	tcase_add_test(tc, test_readings_non_cjk);
	tcase_add_test(tc, test_syllable);
	suite_add_tcase(s, tc);
	tc = tcase_create("spell");
	tcase_add_test(tc, test_initials);
	tcase_add_test(tc, test_full);
	suite_add_tcase(s, tc);
	tc = tcase_create("match");
	tcase_add_test(tc, test_match_cjk);
	tcase_add_test(tc, test_match_polyphonic);
	tcase_add_test(tc, test_match_mixed);
	tcase_add_test(tc, test_match_punctuation);
	tcase_add_test(tc, test_match_query);
	tcase_add_test(tc, test_match_long);
	suite_add_tcase(s, tc);
	return s;
}

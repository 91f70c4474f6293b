/* suites.h - every Check suite of the unit test runner. */
#ifndef ZSDESK_TEST_SUITES_H
#define ZSDESK_TEST_SUITES_H

#include <check.h>

Suite *utf8_suite(void);
Suite *creditcode_suite(void);
Suite *money_suite(void);
Suite *pinyin_suite(void);
Suite *codec_suite(void);
Suite *store_suite(void);
Suite *core_suite(void);
Suite *search_suite(void);
Suite *editor_suite(void);
Suite *tools_suite(void);
Suite *sync_suite(void);

#endif

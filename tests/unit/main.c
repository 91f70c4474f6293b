/* main.c - runs every unit suite; with CK_TAP_LOG_FILE_NAME=- it speaks TAP. */
#include <locale.h>
#include <stdlib.h>

#include "suites.h"
#include "utf8.h"

int main(void)
{
	setlocale(LC_ALL, "");
	text_init();
	SRunner *sr = srunner_create(utf8_suite());
	srunner_add_suite(sr, creditcode_suite());
	srunner_add_suite(sr, money_suite());
	srunner_add_suite(sr, pinyin_suite());
	srunner_add_suite(sr, codec_suite());
	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, core_suite());
	srunner_add_suite(sr, search_suite());
	srunner_add_suite(sr, editor_suite());
	srunner_add_suite(sr, tools_suite());
	srunner_add_suite(sr, sync_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

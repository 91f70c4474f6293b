#include "suites.h"
Suite *core_suite(void)
{
	return suite_create("core");
}

/* fixture.h - what the database suites share: temporary directories. */
#ifndef ZSDESK_TEST_FIXTURE_H
#define ZSDESK_TEST_FIXTURE_H

#include <stddef.h>

/* Makes a new directory /tmp/zsunit-NAME-XXXXXX into buf; fails the test
 * when it cannot. */
void fixture_mkdtemp(char *buf, size_t n, const char *name);

/* Removes a directory tree (what a failed test left, too). */
void fixture_rmtree(const char *dir);

#endif

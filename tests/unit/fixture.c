/* fixture.c - temporary directories for the database suites. */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fixture.h"

/* Removes one entry of a directory tree (nftw callback). */
static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void fixture_mkdtemp(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "/tmp/zsunit-%s-XXXXXX", name);
	ck_assert_ptr_nonnull(mkdtemp(buf));
}

void fixture_rmtree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * priv.c - holding the set-id group only where it is needed.
 *
 * The effective group is given up at start and taken back only around
 * opening the shared database; the saved set-group-id keeps it reachable.
 * This mirrors how the system's own shared stores (the mail spool,
 * crontab, locate's database) keep users out of files they may change
 * only through one program.
 */
#include <config.h>

#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "priv.h"

static bool setid;
static gid_t setid_gid;
static int held; /* priv_raise calls not yet matched by priv_drop */

void priv_init(void)
{
	gid_t rgid = getgid(), egid = getegid();
	setid = rgid != egid;
	if (!setid)
		return;
	setid_gid = egid;
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (setegid(rgid) < 0)
		_exit(1); /* cannot give the group up: refuse to run with it */
}

bool priv_setid(void)
{
	return setid;
}

gid_t priv_group(void)
{
	return setid_gid;
}

int priv_raise(void)
{
	if (!setid)
		return -1;
	if (held++ > 0)
		return 0;
	return setegid(setid_gid);
}

void priv_drop(void)
{
	if (!setid || held == 0 || --held > 0)
		return;
	if (setegid(getgid()) < 0)
		_exit(1);
}

const char *priv_getenv(const char *name)
{
	return secure_getenv(name);
}

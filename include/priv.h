/*
 * priv.h - running as a set-group-id program.
 *
 * On a district server the database directory belongs to a system group
 * (e.g. zsdesk) that no officer is in, and the installed zsdesk is
 * setgid to it: officers reach the data only through the program, which
 * decides who they are from the real uid.  The program holds the group
 * only while it opens the shared database (LMDB keeps the descriptors);
 * everything else - drafts, key files, exports, backups - is done with
 * the officer's own ids, so no file of theirs ever belongs to the group
 * and no path they name is opened with it.
 */
#ifndef ZSDESK_PRIV_H
#define ZSDESK_PRIV_H

#include <stdbool.h>
#include <sys/types.h>

/* Called first in main(): notes whether this process runs set-group-id,
 * gives the group up until priv_raise(), and in that case forbids core
 * dumps (they would hold the database's pages). */
void priv_init(void);

/* True when the program runs set-group-id (its group is not the user's). */
bool priv_setid(void);

/* The group the program runs set-id to (valid when priv_setid()). */
gid_t priv_group(void);

/* Takes the set-id group back as effective group; 0, or -1 when not
 * set-id or it cannot.  Calls nest: each is undone by one priv_drop. */
int priv_raise(void);

/* Undoes one priv_raise; the last one gives the set-id group up again
 * (effective group = the real one). */
void priv_drop(void);

/* secure_getenv: NULL in a set-id process, so nothing the user's
 * environment says changes data, time, paths or catalogues there. */
const char *priv_getenv(const char *name);

#endif

/*
 * desk.h - the full-screen desk (src/ui/): its one entry point.
 */
#ifndef ZSDESK_DESK_H
#define ZSDESK_DESK_H

#include "core.h"

/* Runs the full-screen desk on an open session over the terminal; the
 * database directory keys the drafts.  Returns an exit code. */
int app_run(struct zs *z, const char *dbdir);

#endif

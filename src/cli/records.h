/* records.h - verbs shared by the record commands (records.c). */
#ifndef ZSDESK_CLI_RECORDS_H
#define ZSDESK_CLI_RECORDS_H

#include "cli.h"

/* Each runs one verb on kind k; words of a start with the verb itself.
 * They return an exit code. */
int rec_cmd_add(struct zs *z, struct args *a, enum kind k, const char *cmd);
int rec_cmd_edit(struct zs *z, struct args *a, enum kind k, const char *cmd);
int rec_cmd_show(struct zs *z, struct args *a, enum kind k, const char *cmd);
int rec_cmd_list(struct zs *z, struct args *a, enum kind k, const char *cmd);
int rec_cmd_history(struct zs *z, struct args *a, enum kind k, const char *cmd);

/* Saves r as a new record of kind k (why for the audit log), prints its
 * id, frees r; returns an exit code. */
int rec_cmd_create(struct zs *z, enum kind k, struct rec *r, const char *why);

/* Runs add, edit, show, list or history; -1 when verb is none of them. */
int rec_cmd_verbs(struct zs *z, struct args *a, enum kind k, const char *cmd, const char *verb);

#endif

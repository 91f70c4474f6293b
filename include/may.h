/*
 * may.h - "may I?" before the desk asks anything: whether the officer may
 * edit a record, change a project's stage or transfer it.  The desk asks
 * these when a key is pressed, so that a refused action is refused at
 * once, with the reason, instead of after a form or questions.  The save
 * itself still checks (these never replace that check).
 */
#ifndef ZSDESK_MAY_H
#define ZSDESK_MAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "schema.h"

/* ZS_OK when the officer may change record id of kind k (a project of
 * another district: no); else ZS_DENIED with the reason recorded (read it
 * with zs_last_error). */
int zs_may_edit(struct zs *z, enum kind k, uint64_t id);

/* ZS_OK when the officer may change project id's stage. */
int zs_may_stage(struct zs *z, uint64_t id);

/* ZS_OK when the officer may transfer project id (流转; id 0: any). */
int zs_may_transfer(struct zs *z, uint64_t id);

/* True when a new record of kind k may be saved with code in its field
 * (a new project starts as a lead or in talks; other fields: any code). */
bool zs_may_start_with(enum kind k, const char *field, const char *code);

#endif

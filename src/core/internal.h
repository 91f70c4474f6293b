/*
 * internal.h - what the files of core/ share and nobody else sees.
 */
#ifndef ZSDESK_CORE_INTERNAL_H
#define ZSDESK_CORE_INTERNAL_H

#include "calendar.h"
#include "core.h"
#include "store.h"

/* Index numbers of each table, in the order of its store_index array. */
enum { IX_DISTRICT_CODE, IX_DISTRICT_NAME };
enum { IX_OFFICER_LOGIN, IX_OFFICER_DISTRICT };
enum { IX_ENTERPRISE_CODE, IX_ENTERPRISE_NAME, IX_ENTERPRISE_SEARCH };
enum {
	IX_PROJECT_DISTRICT,
	IX_PROJECT_STAGE,
	IX_PROJECT_MANAGER,
	IX_PROJECT_INDUSTRY,
	IX_PROJECT_ENTERPRISE,
	IX_PROJECT_AMOUNT,
	IX_PROJECT_SEARCH,
	IX_PROJECT_FIRSTTALK,
};
enum { IX_ISSUE_PROJECT, IX_ISSUE_OPEN, IX_ISSUE_OWNER };
enum { IX_EVENT_DATE, IX_EVENT_INDUSTRY };

struct zs {
	struct store *st;
	struct profile prof;
	struct calendar cal;
	uint64_t me;
	struct rec me_rec;
	bool single_user;
	bool denied; /* the last failed write was refused by access.c */
	char err[1024];
};

/* The store tables, one per kind, in enum kind order. */
extern struct store_table zs_tables[KIND_COUNT];

/* Sets z's message (printf-style) and returns status. */
int zs_fail(struct zs *z, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Maps a store status to a core status, copying the store's message. */
int zs_from_store(struct zs *z, int rc);

/* Writes an id as 8 big-endian bytes. */
void zs_be64(unsigned char *p, uint64_t v);

/* A project's amount in 元 at rate (元 per 美元 times 10000). */
int64_t zs_amount_at(int64_t rate, const struct rec *r);

/* The rate the amount index of the open database uses (db.c). */
extern int64_t zs_index_usd_rate;

/* Emits the search tokens of a name into index ix (search.c). */
void search_tokens(const char *name, int ix, store_emit_fn emit, void *ctx);

/* True when a project reaches the first-talk threshold (rules.c). */
bool rules_first_talk_size(const struct profile *p, const struct rec *r);

/* Applies the rules that follow a stage change to r (rules.c): the
 * first-talk register.  from is the stage before. */
void rules_after_stage(struct zs *z, struct rec *r, const char *from, date_t date);

/* Checks the signing pre-report rule for moving r to stage on date;
 * returns 0 or -1 with the rule in msg (rules.c). */
int rules_pre_report(struct zs *z, const struct rec *r, date_t date, char *msg, size_t n);

/* Escalates issues whose time ran out (issues.c). */
int issues_tick(struct zs *z, date_t today, struct zs_tick *out);

/* True when the officer may see all of this project (access.c). */
bool access_project_mine(const struct zs *z, const struct rec *project);

/* Strips what the officer may not see of another district's project. */
void access_redact(const struct zs *z, enum kind k, struct rec *r);

/* ZS_OK, or ZS_DENIED with a message, for saving r as record id. */
int access_check_save(struct zs *z, struct store_txn *t, enum kind k, uint64_t id,
		      const struct rec *r);

/* Fills the fields a project keeps itself before saving (model.c). */
int model_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r);

#endif

/*
 * tables.c - the tables of the store: one per kind, with the keys of its indexes.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "normalize.h"

/* ---- index keys of each kind ---- */

/* Emits an id-valued key. */
static void emit_id(store_emit_fn emit, void *ctx, int ix, int64_t id)
{
	unsigned char b[8];
	if (id <= 0)
		return;
	zs_be64(b, (uint64_t)id);
	emit(ctx, ix, b, 8);
}

/* Emits a text-valued key. */
static void emit_text(store_emit_fn emit, void *ctx, int ix, const char *s)
{
	if (s && *s)
		emit(ctx, ix, s, strlen(s));
}

/* Index keys of a district. */
static void district_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	emit_text(emit, ctx, IX_DISTRICT_CODE, rec_text(r, "code", NULL));
	emit_text(emit, ctx, IX_DISTRICT_NAME, rec_text(r, "name", NULL));
}

/* Index keys of an officer. */
static void officer_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	emit_text(emit, ctx, IX_OFFICER_LOGIN, rec_text(r, "login", NULL));
	emit_id(emit, ctx, IX_OFFICER_DISTRICT, rec_int(r, "district", 0));
}

/* Index keys of an enterprise. */
static void enterprise_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	char folded[256] = "";
	emit_text(emit, ctx, IX_ENTERPRISE_CODE, rec_text(r, "credit_code", NULL));
	const char *name = rec_text(r, "name", "");
	if (normalize_company(name, folded, sizeof folded) > 0)
		emit_text(emit, ctx, IX_ENTERPRISE_NAME, folded);
	search_tokens(folded, IX_ENTERPRISE_SEARCH, emit, ctx);
}

/* The record number written as zs_id_text writes it ("12", "3-12"), or 0. */
static uint64_t id_of(const char *s)
{
	char *end;
	unsigned long long a = strtoull(s, &end, 10), b;
	if (end == s || a == 0)
		return 0;
	if (!*end)
		return a <= 0xFFFFFFFFFFFFULL ? STORE_ID(1, a) : 0;
	if (*end != '-' || a > 0xFFFF || end[1] < '0' || end[1] > '9')
		return 0;
	b = strtoull(end + 1, &end, 10);
	return !*end && b && b <= 0xFFFFFFFFFFFFULL ? STORE_ID(a, b) : 0;
}

/* Index keys of a project. */
static void project_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	emit_id(emit, ctx, IX_PROJECT_DISTRICT, rec_int(r, "district", 0));
	emit_text(emit, ctx, IX_PROJECT_STAGE, rec_text(r, "stage", NULL));
	emit_id(emit, ctx, IX_PROJECT_MANAGER, rec_int(r, "manager", 0));
	emit_text(emit, ctx, IX_PROJECT_INDUSTRY, rec_text(r, "industry", NULL));
	emit_id(emit, ctx, IX_PROJECT_ENTERPRISE, rec_int(r, "enterprise", 0));
	/* Amount in 元 (foreign at the profile's rate), for sorts and ranges. */
	unsigned char a[8];
	const struct profile *p = tab_ctx;
	zs_be64(a, (uint64_t)zs_amount_at(p && p->usd_rate ? p->usd_rate : PROFILE_USD_RATE, r));
	emit(ctx, IX_PROJECT_AMOUNT, a, sizeof a);
	(void)id;
	search_tokens(rec_text(r, "name", ""), IX_PROJECT_SEARCH, emit, ctx);
	char folded[256];
	normalize_company(rec_text(r, "enterprise_name", ""), folded, sizeof folded);
	search_tokens(folded, IX_PROJECT_SEARCH, emit, ctx);
	search_tri_keys(r, IX_PROJECT_SEARCH, emit, ctx); /* search-bits.c */
	/* First-talk register: status and the day exclusivity ends. */
	const char *ft = rec_text(r, "ft_status", NULL);
	if (ft) {
		char key[40];
		snprintf(key, sizeof key, "%s|%s", ft, rec_text(r, "ft_until", ""));
		emit(ctx, IX_PROJECT_FIRSTTALK, key, strlen(key));
	}
	emit_id(emit, ctx, IX_PROJECT_CARRIER, rec_int(r, "carrier", 0));
	const struct rec_field *pol = rec_find(r, "policies");
	for (size_t i = 0; pol && pol->v.type == REC_LIST && i < pol->v.n; i++)
		emit_id(emit, ctx, IX_PROJECT_POLICY, (int64_t)id_of(pol->v.items[i]));
}

/* Index keys of an enterprise issue. */
static void issue_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	emit_id(emit, ctx, IX_ISSUE_PROJECT, rec_int(r, "project", 0));
	const char *status = rec_text(r, "status", "open");
	if (strcmp(status, "resolved") != 0)
		emit_text(emit, ctx, IX_ISSUE_OPEN, rec_text(r, "level", "manager"));
	emit_id(emit, ctx, IX_ISSUE_OWNER, rec_int(r, "owner", 0));
}

/* ---- the libraries' keys ---- */

int library_ix(enum kind k, int which)
{
	if (k == KIND_EVENT)
		return IX_EVENT_SEARCH + which;
	if (zs_is_library(k))
		return which;
	return -1;
}

void library_folded(enum kind k, const struct rec *r, char *out, size_t n)
{
	out[0] = '\0';
	if (k == KIND_TARGET || k == KIND_VISIT)
		normalize_company(rec_text(r, "name", ""), out, n);
	else
		normalize_search(rec_text(r, "name", ""), out, n);
}

void library_keys(const struct rec *r, enum kind k, store_emit_fn emit, void *ctx)
{
	char folded[256];
	library_folded(k, r, folded, sizeof folded);
	search_tokens(folded, library_ix(k, IX_LIB_SEARCH), emit, ctx);
	int64_t d = rec_int(r, "district", 0);
	if (d > 0) {
		unsigned char b[8];
		zs_be64(b, (uint64_t)d);
		emit(ctx, library_ix(k, IX_LIB_DISTRICT), b, 8);
	}
	if (*folded)
		emit(ctx, library_ix(k, IX_LIB_KEY), folded, strlen(folded));
	const char *code = k == KIND_TARGET ? rec_text(r, "credit_code", NULL) : NULL;
	if (code && *code) {
		char key[64];
		snprintf(key, sizeof key, "#%s", code);
		emit(ctx, library_ix(k, IX_LIB_KEY), key, strlen(key));
	}
}


/* Index keys of a promotion event. */
static void event_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	unsigned char k[18];
	const char *date = rec_text(r, "date", "");
	if (strlen(date) == 10) {
		memcpy(k, date, 10);
		zs_be64(k + 10, id);
		emit(ctx, IX_EVENT_DATE, k, sizeof k);
	}
	emit_text(emit, ctx, IX_EVENT_INDUSTRY, rec_text(r, "industry", NULL));
	library_keys(r, KIND_EVENT, emit, ctx);
	/* The clash check reads one group's window: group, date, id. */
	char g[400];
	size_t n = library_event_group(r, g, sizeof g - 18);
	if (n && strlen(date) == 10) {
		memcpy(g + n, date, 10);
		zs_be64((unsigned char *)g + n + 10, id);
		emit(ctx, IX_EVENT_CLASH, g, n + 18);
	}
}

size_t library_event_group(const struct rec *r, char *buf, size_t n)
{
	char region[128], country[128];
	const char *ind = rec_text(r, "industry", "");
	normalize_search(rec_text(r, "region", ""), region, sizeof region);
	normalize_search(rec_text(r, "country", ""), country, sizeof country);
	if (!*ind || !*region)
		return 0;
	int len = snprintf(buf, n, "%s\x1f%s\x1f%s\x1f", ind, region, country);
	return len > 0 && (size_t)len < n ? (size_t)len : 0;
}

/* Index keys of a target enterprise or a carrier: those all libraries share. */
static void target_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_TARGET, emit, ctx);
}

static void carrier_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			 void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_CARRIER, emit, ctx);
}

static void policy_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_POLICY, emit, ctx);
}

static void expert_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_EXPERT, emit, ctx);
}

static void agency_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_AGENCY, emit, ctx);
}

static void visit_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
		       void *tab_ctx)
{
	(void)tab_ctx;
	(void)id;
	library_keys(r, KIND_VISIT, emit, ctx);
}

/* Emits a follow-up's key under owner: owner (8), date (10), time (5,
 * blank when none), id (8) - so a log reads newest first, backwards. */
static void emit_dated(store_emit_fn emit, void *ctx, int ix, int64_t owner, const struct rec *r,
		       uint64_t id)
{
	unsigned char k[31];
	const char *date = rec_text(r, "date", ""), *time = rec_text(r, "time", "");
	if (owner <= 0 || strlen(date) != 10)
		return;
	zs_be64(k, (uint64_t)owner);
	memcpy(k + 8, date, 10);
	memset(k + 18, ' ', 5);
	memcpy(k + 18, time, strlen(time) < 5 ? strlen(time) : 5);
	zs_be64(k + 23, id);
	emit(ctx, ix, k, sizeof k);
}

/* Index keys of a follow-up: its project's log, its enterprise's and its
 * author's. */
static void followup_keys(const struct rec *r, uint64_t id, store_emit_fn emit, void *ctx,
			  void *tab_ctx)
{
	(void)tab_ctx;
	emit_dated(emit, ctx, IX_FOLLOWUP_PROJECT, rec_int(r, "project", 0), r, id);
	emit_dated(emit, ctx, IX_FOLLOWUP_ENTERPRISE, rec_int(r, "enterprise", 0), r, id);
	emit_dated(emit, ctx, IX_FOLLOWUP_AUTHOR, rec_int(r, "author", 0), r, id);
}

static const struct store_index district_ix[] = {{"code", true}, {"name", true}};

static const struct store_index officer_ix[] = {{"login", true}, {"district", false}};

static const struct store_index enterprise_ix[] = {
	{"code", true}, {"name", false}, {"search", false}};
static const struct store_index project_ix[] = {
	{"district", false}, {"stage", false},	 {"manager", false}, {"industry", false},
	{"enterprise", false}, {"amount", false}, {"search", false}, {"firsttalk", false},
	{"carrier", false}, {"policy", false}};
static const struct store_index issue_ix[] = {{"project", false}, {"open", false}, {"owner", false}};

static const struct store_index event_ix[] = {{"date", true},	{"industry", false},
					      {"search", false}, {"district", false},
					      {"key", false}, {"clash", true}};
static const struct store_index library_ix_def[] = {{"search", false}, {"district", false},
						    {"key", false}};

static const struct store_index followup_ix[] = {{"project", true}, {"enterprise", true},
						     {"author", true}};

#define TABLE(n, c, ix, fn) {n, c, ix, (int)(sizeof ix / sizeof *ix), fn, 0, NULL}
const struct store_table zs_tables[KIND_COUNT] = {
	TABLE("district", 'D', district_ix, district_keys),
	TABLE("officer", 'O', officer_ix, officer_keys),
	TABLE("enterprise", 'E', enterprise_ix, enterprise_keys),
	TABLE("project", 'P', project_ix, project_keys),
	TABLE("issue", 'I', issue_ix, issue_keys),
	TABLE("event", 'V', event_ix, event_keys),
	TABLE("followup", 'F', followup_ix, followup_keys),
	TABLE("target", 'T', library_ix_def, target_keys),
	TABLE("carrier", 'C', library_ix_def, carrier_keys),
	TABLE("policy", 'Y', library_ix_def, policy_keys),
	TABLE("expert", 'X', library_ix_def, expert_keys),
	TABLE("agency", 'A', library_ix_def, agency_keys),
	TABLE("visit", 'W', library_ix_def, visit_keys),
};

/* ---- helpers ---- */

void zs_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

void zs_tables_init(struct store_table *tables, const struct profile *p)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		tables[k] = zs_tables[k];
		tables[k].ctx = (void *)p;
	}
}

bool tables_managed(const struct zs *z, struct store_txn *t, const struct rec *project)
{
	int64_t m = rec_int(project, "manager", 0);
	struct rec o;
	rec_init(&o);
	bool active = m > 0 && store_get(t, &z->tables[KIND_OFFICER], (uint64_t)m, &o) == STORE_OK &&
		      rec_bool(&o, "active", true);
	rec_free(&o);
	return active;
}

bool tables_live(const struct profile *p, const struct rec *project)
{
	const char *st = rec_text(project, "stage", "");
	return !profile_stage_is(p, st, STAGE_EXITED) && !profile_stage_is(p, st, STAGE_TRANSFERRED);
}

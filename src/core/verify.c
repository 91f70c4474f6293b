/*
 * check.c - verifying a whole database.
 *
 * The store checks what it can know (records decode, indexes match the
 * records, the journal replays to each record, journal and audit pair up);
 * this adds what only the domain knows: references point at records that
 * exist, and each project's copy of its enterprise name is current.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

struct problem_ctx {
	void (*problem)(void *ctx, const char *msg);
	void *ctx;
	uint64_t faults;
};

/* Reports a domain fault. */
static void report(struct problem_ctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct problem_ctx *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->faults++;
	if (p->problem)
		p->problem(p->ctx, msg);
}

/* Checks the references of every record of kind k. */
static void check_refs(struct store_txn *t, enum kind k, struct problem_ctx *p)
{
	const struct kind_def *kd = schema_kind(k);
	struct store_iter *it = store_iter_records(t, store_table(t, k));
	uint64_t id;
	struct rec r, other;
	rec_init(&r);
	rec_init(&other);
	while (store_iter_next(it, &id)) {
		if (store_get(t, store_table(t, k), id, &r) == STORE_OK) {
			for (int i = 0; i < kd->nfields; i++) {
				const struct field_def *f = &kd->fields[i];
				int64_t ref = f->type == FT_REF ? rec_int(&r, f->name, 0) : 0;
				if (ref > 0 &&
				    store_get(t, store_table(t, f->ref), (uint64_t)ref, &other) != STORE_OK)
					report(p, _("%s %llu: %s points at a missing %s"), kd->name,
					       (unsigned long long)STORE_ID_SEQ(id), f->name,
					       schema_kind(f->ref)->name);
				else if (ref > 0 && k == KIND_PROJECT && f->ref == KIND_ENTERPRISE &&
					 strcmp(rec_text(&other, "name", ""),
						rec_text(&r, "enterprise_name", "")) != 0)
					report(p, _("project %llu: its enterprise name is out of date"),
					       (unsigned long long)STORE_ID_SEQ(id));
			}
		}
	}
	rec_free(&r);
	rec_free(&other);
	store_iter_free(it);
}

uint64_t zs_check(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx)
{
	struct problem_ctx p = {problem, ctx, 0};
	struct store_txn *t;
	if (store_read(z->st, &t)) {
		report(&p, "%s", store_error(z->st));
		return p.faults;
	}
	for (int k = 0; k < KIND_COUNT; k++) {
		p.faults += store_check_table(t, &z->tables[k], problem, ctx);
		check_refs(t, k, &p);
	}
	p.faults += store_check_log(t, problem, ctx);
	store_done(t);
	return p.faults;
}


/*
 * library-acts.c - the project library's F12 filters (district, stage,
 * industry, manager, amount, saved filters) and its F9 actions on the
 * marked projects.  Each opens a list and carries on when the list
 * closes (library_pending), as the screen manager refreshes the library.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "ui.h"
#include "xalloc.h"

#include "library.h"

/* Filters the filter list offers, in order. */
static const char *filter_names[] = {N_("District"), N_("Stage"),	     N_("Industry"),
				     N_("Service manager"), N_("Minimum amount"), N_("Maximum amount"),
				     N_("Clear all filters"), N_("Save these filters"),
				     N_("Saved filters")};
#define NFILTERS (int)(sizeof filter_names / sizeof *filter_names)
#define F_CLEAR 7 /* 1-based numbers of the last three */
#define F_SAVE 8
#define F_SAVED 9

/* Receives the filter chosen from the filter list. */
static void filter_chosen(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	for (int i = 0; i < NFILTERS; i++)
		if (!strcmp(_(filter_names[i]), text))
			s->pending_filter = i + 1;
}

/* Receives a value for the pending filter. */
static void value_chosen(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Applies a chosen value to filter number f (1-based). */
static void apply_filter(struct app *a, struct lstate *s, int f, const char *text)
{
	struct rec tmp;
	char msg[512];
	rec_init(&tmp);
	static const char *const fields[] = {"district", "stage", "industry", "manager"};
	if (f >= 1 && f <= 4) {
		const char *field = fields[f - 1];
		const struct field_def *def = schema_field(KIND_PROJECT, field);
		struct field_def any = *def;
		any.flags &= ~(unsigned)FIELD_SYSTEM;
		if (zs_field_set_def(s->z, KIND_PROJECT, &tmp, &any, text, msg, sizeof msg) < 0) {
			app_message(a, true, "%s", msg);
		} else if (f == 1) {
			s->f.district = (uint64_t)rec_int(&tmp, field, 0);
		} else if (f == 4) {
			s->f.manager = (uint64_t)rec_int(&tmp, field, 0);
		} else if (f == 2) {
			snprintf(s->stage, sizeof s->stage, "%s", rec_text(&tmp, field, ""));
			s->f.stage = s->stage;
		} else {
			snprintf(s->industry, sizeof s->industry, "%s", rec_text(&tmp, field, ""));
			s->f.industry = s->industry;
		}
	}
	rec_free(&tmp);
}

/* Saves the filters and search in use under a name asked for. */
static void save_filter(struct app *a, struct lstate *s)
{
	char name[ZS_FILTER_NAME_BYTES] = "";
	if (!app_prompt_max(a, _("Name of these filters:"), name, sizeof name, ZS_FILTER_NAME_MAX))
		return;
	s->f.text = s->searched[0] ? s->searched : NULL;
	if (zs_filter_save(s->z, name, &s->f, s->cur.order) != ZS_OK)
		app_fail(a, s->z);
	else
		app_message(a, false, _("Filters saved as %s."), name);
}

/* Offers my saved filters. */
static void ask_saved(struct app *a, struct lstate *s)
{
	size_t n = zs_filter_names(s->z, NULL, 0);
	if (!n) {
		app_message(a, true, "%s", _("No saved filters yet: F12, Save these filters."));
		return;
	}
	free(s->saved_names);
	free(s->saved_items);
	s->saved_names = xcalloc(n, sizeof *s->saved_names);
	s->saved_items = xcalloc(n, sizeof *s->saved_items);
	n = zs_filter_names(s->z, s->saved_names, n);
	for (size_t i = 0; i < n; i++)
		s->saved_items[i] = s->saved_names[i];
	s->chosen[0] = '\0';
	struct pick_arg pa = {KIND_PROJECT, NULL, "", value_chosen, s, s->saved_items, (int)n, NULL};
	app_push(a, &scr_pick, &pa);
	s->pending_filter = -F_SAVED;
}

/* Opens the saved filter called name: its filters, order and search. */
static void open_saved(struct app *a, struct lstate *s, const char *name)
{
	struct zs_filter f;
	enum zs_order order;
	if (zs_filter_load(s->z, name, &f, &order, s->filter_text, sizeof s->filter_text) != ZS_OK) {
		app_fail(a, s->z);
		return;
	}
	s->f = f;
	s->f.text = NULL;
	s->cur.order = order;
	list_set_filter(&s->list, s->filter_text);
	app_message(a, false, _("Saved filter %s."), name);
}

/* Asks for the value of filter f (1-based) after the filter list closed. */
static void ask_filter(struct app *a, struct lstate *s, int f)
{
	static const char *const fields[] = {"district", "stage", "industry", "manager"};
	if (f == F_CLEAR) {
		memset(&s->f, 0, sizeof s->f);
		app_message(a, false, "%s", _("All filters cleared."));
	} else if (f == F_SAVE) {
		save_filter(a, s);
		return;
	} else if (f == F_SAVED) {
		ask_saved(a, s);
		return;
	} else if (f >= 5) {
		char buf[64] = "";
		if (app_prompt(a, f == 5 ? _("Minimum amount (e.g. 1亿):") : _("Maximum amount (e.g. 10亿):"),
			       buf, sizeof buf)) {
			int64_t v = 0;
			enum currency cur = CURRENCY_CNY;
			if (*buf && money_parse(buf, &v, &cur, 0) != MONEY_OK) {
				app_message(a, true, _("%s is not an amount; write e.g. 5000 (万元) or 1.5亿"),
					    buf);
				return;
			}
			if (cur == CURRENCY_USD) {
				struct rec tmp;
				rec_init(&tmp);
				rec_set_int(&tmp, "investment", v);
				rec_set_text(&tmp, "currency", "USD");
				v = zs_amount_cny(s->z, &tmp);
				rec_free(&tmp);
			}
			*(f == 5 ? &s->f.min_amount : &s->f.max_amount) = v;
		}
	} else {
		s->chosen[0] = '\0';
		struct pick_arg pa = {KIND_PROJECT, schema_field(KIND_PROJECT, fields[f - 1]), "",
				      value_chosen, s, NULL, 0, NULL};
		app_push(a, &scr_pick, &pa);
		s->pending_filter = -f; /* the value comes back on the next refresh */
		return;
	}
	library_reset(s);
}

/* The actions on the marked projects, in order. */
static const char *bulk_names[] = {N_("Move the marked projects to a stage"),
				   N_("Assign a service manager to the marked projects"),
				   N_("Clear the marks")};
#define NBULK (int)(sizeof bulk_names / sizeof *bulk_names)

/* Receives the bulk action chosen from its list. */
static void bulk_chosen(void *ctx, const char *text)
{
	struct lstate *s = ctx;
	for (int i = 0; i < NBULK; i++)
		if (!strcmp(_(bulk_names[i]), text))
			s->pending_bulk = i + 1;
}

/* The report is only read: a choice from it does nothing. */
static void report_seen(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
}

/* Shows what became of each marked project: a list to read. */
static void bulk_report(struct app *a, struct lstate *s, const struct zs_bulk_result *res,
			size_t failed)
{
	free(s->report);
	free(s->report_items);
	s->nreport = s->nmarked;
	s->report = xcalloc(s->nreport, sizeof *s->report);
	s->report_items = xcalloc(s->nreport, sizeof *s->report_items);
	/* The failures first, each with why; then the projects done. */
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->nmarked; i++) {
			if ((res[i].status != ZS_OK) != (pass == 0))
				continue;
			char idb[32];
			struct rec r;
			rec_init(&r);
			zs_get(s->z, KIND_PROJECT, res[i].id, &r);
			snprintf(s->report[k], sizeof *s->report, "%s  %s  %s",
				 zs_id_text(res[i].id, idb, sizeof idb), rec_text(&r, "name", ""),
				 res[i].status == ZS_OK ? _("done") : res[i].msg);
			rec_free(&r);
			s->report_items[k] = s->report[k];
			k++;
		}
	app_message(a, failed != 0, _("%zu of %zu marked projects done; %zu left as they were."),
		    s->nmarked - failed, s->nmarked, failed);
	struct pick_arg pa = {KIND_PROJECT, NULL, "", report_seen, s, s->report_items, (int)k, NULL};
	app_push(a, &scr_pick, &pa);
}

/* Carries out bulk action b (1-based) on the marked projects. */
static void do_bulk(struct app *a, struct lstate *s, int b, const char *chosen)
{
	char reason[UI_TEXT_BYTES] = "";
	uint64_t officer = 0;
	if (b == 2 && zs_resolve(s->z, KIND_OFFICER, chosen, &officer) != ZS_OK) {
		app_fail(a, s->z);
		return;
	}
	const char *stage = NULL;
	if (b == 1) {
		const struct profile *p = zs_profile(s->z);
		for (int i = 0; i < p->stages.n && !stage; i++)
			if (!strcmp(profile_label(&p->stages.v[i]), chosen) ||
			    !strcmp(p->stages.v[i].code, chosen))
				stage = p->stages.v[i].code;
		if (!stage)
			return;
	}
	char q[256];
	snprintf(q, sizeof q, _("Reason, for all %zu projects:"), s->nmarked);
	if (!app_prompt(a, q, reason, sizeof reason))
		return;
	struct zs_bulk_result *res = xcalloc(s->nmarked, sizeof *res);
	size_t failed = b == 1 ? zs_bulk_stage(s->z, s->marked, s->nmarked, stage, reason, res)
			       : zs_bulk_assign(s->z, s->marked, s->nmarked, officer, reason, res);
	if (failed == s->nmarked && res[0].hint == ZS_HINT_REASON && !*reason)
		app_fail(a, s->z);
	else
		bulk_report(a, s, res, failed);
	/* The marks stay on the projects left as they were, to try again. */
	size_t kept = 0;
	for (size_t i = 0; i < s->nmarked; i++)
		if (res[i].status != ZS_OK)
			s->marked[kept++] = s->marked[i];
	s->nmarked = kept;
	free(res);
	library_forget(s);
	list_reload(&s->list);
}

void library_filter_menu(struct app *a, struct lstate *s)
{
	static const char *items[NFILTERS];
	for (int i = 0; i < NFILTERS; i++)
		items[i] = _(filter_names[i]);
	struct pick_arg pa = {KIND_PROJECT, NULL, "", filter_chosen, s, items, NFILTERS, NULL};
	s->pending_filter = 0;
	app_push(a, &scr_pick, &pa);
}

int library_bulk_menu(struct app *a, struct lstate *s)
{
	if (!s->nmarked) {
		app_message(a, true, "%s", _("Mark projects first: Insert (or Esc m) on each row."));
		return R_CHROME;
	}
	static const char *items[NBULK];
	for (int i = 0; i < NBULK; i++)
		items[i] = _(bulk_names[i]);
	s->pending_bulk = 0;
	struct pick_arg pa = {KIND_PROJECT, NULL, "", bulk_chosen, s, items, NBULK, NULL};
	app_push(a, &scr_pick, &pa);
	return R_ALL;
}

bool library_pending(struct app *a, struct lstate *s)
{
	if (s->pending_bulk > 0) {
		int b = s->pending_bulk;
		s->pending_bulk = 0;
		if (b == 3) {
			s->nmarked = 0;
			app_message(a, false, "%s", _("Marks cleared."));
		} else {
			s->chosen[0] = '\0';
			struct pick_arg pa = {KIND_PROJECT,
					      schema_field(KIND_PROJECT, b == 1 ? "stage" : "manager"), "",
					      value_chosen, s, NULL, 0, NULL};
			app_push(a, &scr_pick, &pa);
			s->pending_bulk = -b;
		}
	} else if (s->pending_bulk < 0) {
		int b = -s->pending_bulk;
		s->pending_bulk = 0;
		if (s->chosen[0])
			do_bulk(a, s, b, s->chosen);
	} else if (s->pending_filter > 0) {
		int f = s->pending_filter;
		s->pending_filter = 0;
		ask_filter(a, s, f);
	} else if (s->pending_filter < 0) {
		int f = -s->pending_filter;
		s->pending_filter = 0;
		if (s->chosen[0] && f == F_SAVED)
			open_saved(a, s, s->chosen);
		else if (s->chosen[0])
			apply_filter(a, s, f, s->chosen);
		if (s->chosen[0])
			library_reset(s);
	} else {
		return false;
	}
	return true;
}

/*
 * scr-detail.c - one project: every field, its stage history, its latest
 * follow-ups, its enterprise's issues and the audit trail.
 *
 * The page is laid out as lines once (when opened and when it comes back
 * from an edit) and then only scrolled.  Two columns of fields on wide
 * terminals, one on narrow ones.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflicts-desk.h"
#include "i18n.h"
#include "money.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* What a list opened from this screen was for. */
enum pending { P_NONE, P_ACTION, P_STAGE, P_MANAGER, P_DISTRICT, P_UNDO, P_PRINT, P_MONEY };

/* The sheets the print key offers for a project. */
static const char *const sheets[] = {N_("Project sheet"),
				     N_("Signing pre-report (重大签约项目预报表)")};

/* The most changes the undo list offers, newest first. */
#define UNDO_MAX 200

struct dstate {
	struct zs *z;
	uint64_t id;
	enum pending pending;
	char chosen[256];
	struct zs_suggestion sug[20];
	size_t nsug;
	char sugtext[20][160];
	char (*undo)[240];  /* the undo list's texts: "N  when  field: old -> new" */
	int nundo;
	struct page pg;
	char conflict_fields[512]; /* ",industry,stage," : fields in conflict */
	size_t nconflicts;
	char (*conflict_lines)[1400]; /* their lines, under the fields */
};

/* Esc before the follow-up keys: on a narrow bar what does not fit goes
 * (F1 lists every key), and going back must stay in sight. */
static const enum action detail_bar[] = {ACT_HELP,   ACT_ENTER, ACT_EDIT, ACT_STAGE, ACT_CANCEL,
					 ACT_LOG,    ACT_NEW,   ACT_JUMP, ACT_PRINT, ACT_NONE};

/* Appends a line. */
static void add(struct dstate *s, const char *left, const char *right, int attr)
{
	page_add(&s->pg, left, right, attr);
}

struct hist_ctx {
	struct dstate *s;
	bool stages; /* only stage changes */
};

/* Adds the lines of one history entry. */
static int hist_line(void *vctx, const struct zs_history *h)
{
	struct hist_ctx *c = vctx;
	struct dstate *s = c->s;
	char when[20], who[64] = "", line[1024];
	datetime_format(h->at * 1000, when);
	struct rec off;
	rec_init(&off);
	if (h->actor && zs_get(s->z, KIND_OFFICER, h->actor, &off) == ZS_OK)
		snprintf(who, sizeof who, "%s", rec_text(&off, "name", ""));
	rec_free(&off);
	char whyb[256];
	const char *why = zs_why_text(s->z, h->why, whyb, sizeof whyb);
	for (size_t i = 0; i < h->n; i++) {
		const struct zs_change *ch = &h->c[i];
		if (c->stages) {
			if (strcmp(ch->field, "stage") != 0)
				continue;
			const char *date = "";
			for (size_t j = 0; j < h->n; j++)
				if (!strcmp(h->c[j].field, "stage_date"))
					date = h->c[j].new;
			snprintf(line, sizeof line, "%s  %s%s%s  %s%s%s", *date ? date : when, ch->old,
				 *ch->old ? " -> " : "", ch->new, who, why ? "  " : "", why ? why : "");
			add(s, line, NULL, A_NORMAL);
		} else if (strcmp(h->op, "create") != 0) {
			snprintf(line, sizeof line, "%s  %s  %s: %s -> %s%s%s", when, who,
				 zs_field_label(KIND_PROJECT, ch->field), *ch->old ? ch->old : "-",
				 *ch->new ? ch->new : "-", why ? "  " : "", why ? why : "");
			add(s, line, NULL, A_NORMAL);
		}
	}
	if (!c->stages && !strcmp(h->op, "create")) {
		snprintf(line, sizeof line, "%s  %s  %s", when, who, _("entered"));
		add(s, line, NULL, A_NORMAL);
	}
	return 0;
}

/* Keeps the line "冲突：..." of one conflict, for under the fields. */
static void conflict_line(void *ctx, const struct zs_sync_conflict *c)
{
	struct dstate *s = ctx;
	char labels[256] = "", fl[128], line[1400];
	snprintf(fl, sizeof fl, "%s", c->fields);
	char *save = NULL;
	for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
		size_t l = strlen(labels);
		snprintf(labels + l, sizeof labels - l, "%s%s", l ? ", " : "",
			 zs_field_label(KIND_PROJECT, f));
	}
	snprintf(line, sizeof line, _("Conflict: %s  A %s / B %s  (Enter resolves)"), labels,
		 c->side[0].value, c->side[1].value);
	s->conflict_lines = xreallocarray(s->conflict_lines, s->nconflicts + 1,
					  sizeof *s->conflict_lines);
	snprintf(s->conflict_lines[s->nconflicts++], sizeof *s->conflict_lines, "%s", line);
}

/* Notes the fields of one conflict of the project, and its line. */
static void conflict_seen(void *ctx, const struct zs_sync_conflict *c)
{
	struct dstate *s = ctx;
	char fl[128];
	snprintf(fl, sizeof fl, "%s", c->fields);
	char *save = NULL;
	conflict_line(s, c);
	for (char *f = strtok_r(fl, ", ", &save); f; f = strtok_r(NULL, ", ", &save)) {
		size_t l = strlen(s->conflict_fields);
		snprintf(s->conflict_fields + l, sizeof s->conflict_fields - l, "%s%s,", l ? "" : ",", f);
	}
}

/* True when field is in an open conflict. */
static bool in_conflict(const struct dstate *s, const char *field)
{
	char pat[80];
	snprintf(pat, sizeof pat, ",%s,", field);
	return strstr(s->conflict_fields, pat) != NULL;
}

/* Lays the page out. */
static int layout(struct dstate *s)
{
	struct rec r;
	rec_init(&r);
	page_clear(&s->pg);
	if (zs_get(s->z, KIND_PROJECT, s->id, &r) != ZS_OK)
		return -1;
	char head[512], idb[32], val[1024];
	snprintf(head, sizeof head, "%s  [%s]", rec_text(&r, "name", ""),
		 zs_id_text(s->id, idb, sizeof idb));
	add(s, head, NULL, A_BOLD);
	add(s, "", NULL, 0);
	s->conflict_fields[0] = '\0';
	s->nconflicts = 0;
	zs_conflicts_of(s->z, KIND_PROJECT, s->id, conflict_seen, s);
	const struct kind_def *kd = schema_kind(KIND_PROJECT);
	s->pg.label_w = 4;
	for (int i = 0; i < kd->nfields; i++)
		if (text_width(_(kd->fields[i].label)) > s->pg.label_w)
			s->pg.label_w = text_width(_(kd->fields[i].label));
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if (!strcmp(f->name, "stages") || !strcmp(f->name, "money"))
			continue; /* sections of their own, below */
		if (!rec_find(&r, f->name) || !strcmp(f->name, "enterprise_name"))
			continue;
		desk_field_text(s->z, KIND_PROJECT, &r, f->name, val, sizeof val);
		if (in_conflict(s, f->name)) { /* a plain mark: it survives GB18030 and vt100 */
			size_t l = strlen(val);
			snprintf(val + l, sizeof val - l, " !");
		}
		add(s, _(f->label), val, 0);
	}
	for (size_t i = 0; i < r.n; i++)
		if (!schema_field(KIND_PROJECT, r.f[i].name))
			add(s, r.f[i].name,
			    zs_field_text(s->z, KIND_PROJECT, &r, r.f[i].name, val, sizeof val), 0);
	for (size_t i = 0; i < s->nconflicts; i++)
		add(s, s->conflict_lines[i], NULL, term_attr(ATTR_ERROR));

	add(s, "", NULL, 0);
	add(s, _("Stage history"), NULL, term_attr(ATTR_ACCENT));
	struct hist_ctx hc = {s, true};
	zs_history(s->z, KIND_PROJECT, s->id, hist_line, &hc);

	const struct rec_field *money = rec_find(&r, "money");
	if (money && money->v.type == REC_LIST && money->v.n) {
		add(s, "", NULL, 0);
		add(s, _("Money ledger"), NULL, term_attr(ATTR_ACCENT));
		/* In date order: entries are kept as recorded, and a back-dated
		 * one comes after later days. */
		size_t nm = money->v.n;
		const char **order = xcalloc(nm, sizeof *order);
		for (size_t i = 0; i < nm; i++)
			order[i] = money->v.items[i];
		zs_ledger_by_date(order, nm);
		for (size_t i = 0; i < nm; i++)
			add(s, zs_ledger_entry_text(s->z, "money", order[i], val, sizeof val), NULL,
			    A_NORMAL);
		free(order);
	}
	rec_free(&r);

	add(s, "", NULL, 0);
	add(s, _("Follow-ups"), NULL, term_attr(ATTR_ACCENT));
	followup_lines(s->z, KIND_PROJECT, s->id, 3, page_line, &s->pg);

	add(s, "", NULL, 0);
	add(s, _("Enterprise issues"), NULL, term_attr(ATTR_ACCENT));
	struct zs_filter f = {.project = s->id};
	struct zs_cursor c = {0};
	uint64_t ids[50];
	size_t n = 0;
	while (!c.done && n < 50)
		n += zs_list(s->z, KIND_ISSUE, &f, &c, ids + n, 50 - n);
	for (size_t i = 0; i < n; i++) {
		struct rec is;
		rec_init(&is);
		if (zs_get(s->z, KIND_ISSUE, ids[i], &is) == ZS_OK) {
			char cat[64], lvl[64], st[64], line[1024];
			zs_field_text(s->z, KIND_ISSUE, &is, "category", cat, sizeof cat);
			zs_field_text(s->z, KIND_ISSUE, &is, "level", lvl, sizeof lvl);
			zs_field_text(s->z, KIND_ISSUE, &is, "status", st, sizeof st);
			snprintf(line, sizeof line, "%s  %s  %s  %s  %s", rec_text(&is, "opened_on", ""),
				 cat, lvl, st, rec_text(&is, "description", ""));
			add(s, line, NULL, A_NORMAL);
		}
		rec_free(&is);
	}
	if (n == 0)
		add(s, _("none"), NULL, term_attr(ATTR_DIM));

	add(s, "", NULL, 0);
	add(s, _("Changes"), NULL, term_attr(ATTR_ACCENT));
	hc.stages = false;
	zs_history(s->z, KIND_PROJECT, s->id, hist_line, &hc);
	return 0;
}

/* Opens a project. */
static void *detail_open(struct app *a, const void *arg)
{
	struct dstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	s->id = *(const uint64_t *)arg;
	if (layout(s) < 0) {
		app_fail(a, s->z);
		free(s);
		return NULL;
	}
	return s;
}

/* Frees the page. */
static void detail_close(void *st)
{
	struct dstate *s = st;
	page_free(&s->pg);
	free(s->undo);
	free(s->conflict_lines);
	free(s);
}

/* Draws the visible lines; field lines in two columns when wide. */
static void detail_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct dstate *s = st;
	(void)a;
	page_draw(&s->pg, top, rows, cols, cols >= 100);
}

/* Asks for a stage and moves the project there. */
static void change_stage(struct app *a, struct dstate *s, const char *label)
{
	const struct profile_item *it = profile_find(&zs_profile(s->z)->stages, label);
	if (!it) {
		for (int i = 0; i < zs_profile(s->z)->stages.n; i++)
			if (!strcmp(profile_label(&zs_profile(s->z)->stages.v[i]), label))
				it = &zs_profile(s->z)->stages.v[i];
	}
	if (!it)
		return;
	char date[32] = "", reason[UI_TEXT_BYTES] = "";
	date_format(clock_today(), date);
	if (!app_prompt(a, _("Date of the new stage:"), date, sizeof date))
		return;
	date_t d;
	if (date_parse(date, &d) < 0) {
		app_message(a, true, _("%s is not a date; write e.g. 2026-11-22"), date);
		return;
	}
	int rc = zs_project_stage(s->z, s->id, it->code, d, NULL);
	if (rc == ZS_INVALID && zs_last_error(s->z)->hint == ZS_HINT_REASON) {
		if (!app_prompt(a, _("Reason:"), reason, sizeof reason))
			return;
		rc = zs_project_stage(s->z, s->id, it->code, d, reason);
	}
	if (rc != ZS_OK)
		app_fail(a, s->z);
	else
		app_message(a, false, _("Stage is now %s."), profile_label(it));
	layout(s);
}

/* The actions Enter offers. */
static const char *const actions[] = {N_("Edit"), N_("Change stage"), N_("Signing pre-report"),
				      N_("Assign service manager"), N_("New enterprise issue"),
				      N_("Transfer to another district"), N_("Follow-up log"),
				      N_("Log a follow-up"), N_("Enterprise page"), N_("Undo a change"),
				      N_("Record money (资金登记)"),
				      /* offered only while a field is in conflict: kept last */
				      N_("Resolve a conflict")};
/* The measures of the money ledger, as the list shows them. */
static const char *const measures[] = {N_("Funds in place (到位资金, 万元)"),
				       N_("Utilised foreign capital (实际利用外资, 万美元)"),
				       N_("Utilised domestic capital (实际利用内资, 万元)")};
static const char *const measure_codes[] = {"funds", "foreign", "domestic"};
#define NACTIONS (int)(sizeof actions / sizeof *actions)

/* Receives a choice from a list opened here. */
static void chosen(void *ctx, const char *text)
{
	struct dstate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Opens a list for the next step of an action. */
static void ask(struct app *a, struct dstate *s, enum pending p, const char *field,
		const char *const *items, int n)
{
	s->pending = p;
	s->chosen[0] = '\0';
	struct pick_arg pa = {KIND_PROJECT, field ? schema_field(KIND_PROJECT, field) : NULL, "",
			      chosen, s, items, n, NULL};
	app_push(a, &scr_pick, &pa);
}

/* Offers the suggested managers, best first. */
static void ask_manager(struct app *a, struct dstate *s)
{
	static const char *items[20];
	s->nsug = zs_suggest_managers(s->z, s->id, s->sug, 20);
	for (size_t i = 0; i < s->nsug; i++) {
		struct rec o;
		rec_init(&o);
		zs_get(s->z, KIND_OFFICER, s->sug[i].officer, &o);
		snprintf(s->sugtext[i], sizeof s->sugtext[i], _("%s (%llu projects%s%s)"),
			 rec_text(&o, "name", ""), (unsigned long long)s->sug[i].workload,
			 s->sug[i].same_district ? _(", this district") : "",
			 s->sug[i].knows_industry ? _(", knows the industry") : "");
		items[i] = s->sugtext[i];
		rec_free(&o);
	}
	if (!s->nsug) {
		app_message(a, true, "%s", _("No active officer can take this project."));
		return;
	}
	ask(a, s, P_MANAGER, NULL, items, (int)s->nsug);
}

/* Keeps the texts of the changes that can be undone, newest last. */
static int undo_item(void *vctx, const struct zs_history *h)
{
	struct dstate *s = vctx;
	if (!zs_undo_op(h->op) || !h->n)
		return 0;
	if (s->nundo == UNDO_MAX) {
		memmove(s->undo, s->undo + 1, (UNDO_MAX - 1) * sizeof *s->undo);
		s->nundo--;
	}
	char when[20], what[200] = "";
	datetime_format(h->at * 1000, when);
	size_t used = 0;
	for (size_t i = 0; i < h->n && used + 1 < sizeof what; i++) {
		const struct zs_change *c = &h->c[i];
		const struct field_def *f = schema_field(KIND_PROJECT, c->field);
		if (f && (f->flags & FIELD_SYSTEM) && strcmp(c->field, "stage") != 0)
			continue; /* kept by zsdesk: follows from the others */
		used += (size_t)snprintf(what + used, sizeof what - used, "%s%s: %s -> %s",
					 used ? "; " : "", zs_field_label(KIND_PROJECT, c->field),
					 *c->old ? c->old : "-", *c->new ? c->new : "-");
	}
	snprintf(s->undo[s->nundo++], sizeof *s->undo, "%llu  %s  %s", (unsigned long long)h->seq,
		 when, what);
	return 0;
}

/* Offers the changes that can be undone, newest first. */
static void ask_undo(struct app *a, struct dstate *s)
{
	static const char *items[UNDO_MAX];
	if (!s->undo)
		s->undo = xcalloc(UNDO_MAX, sizeof *s->undo);
	s->nundo = 0;
	if (zs_history(s->z, KIND_PROJECT, s->id, undo_item, s) != ZS_OK) {
		app_fail(a, s->z);
		return;
	}
	if (!s->nundo) {
		app_message(a, true, "%s", _("No edit or stage move of this project to undo."));
		return;
	}
	for (int i = 0; i < s->nundo; i++)
		items[i] = s->undo[s->nundo - 1 - i];
	ask(a, s, P_UNDO, NULL, items, s->nundo);
}

/* Undoes the change chosen from the undo list, with a reason. */
static void undo_change(struct app *a, struct dstate *s, const char *text)
{
	char *end;
	unsigned long long seq = strtoull(text, &end, 10);
	char reason[UI_TEXT_BYTES] = "", q[128];
	if (!seq || *end != ' ')
		return;
	snprintf(q, sizeof q, _("Reason for undoing change %llu:"), seq);
	if (!app_prompt(a, q, reason, sizeof reason))
		return;
	if (zs_undo(s->z, KIND_PROJECT, s->id, seq, reason) != ZS_OK)
		app_fail(a, s->z);
	else
		app_message(a, false, _("Change %llu undone."), seq);
	layout(s);
}

/* Carries out the action chosen from the actions list. */
static void do_action(struct app *a, struct dstate *s, const char *label)
{
	int i;
	for (i = 0; i < NACTIONS && strcmp(_(actions[i]), label); i++)
		;
	char buf[256] = "", idb[32];
	switch (i) {
	case 0: {
		struct form_arg fa = {"project", s->id, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		break;
	}
	case 1:
		ask(a, s, P_STAGE, "stage", NULL, 0);
		break;
	case 2:
		date_format(clock_today() + 7, buf);
		if (app_prompt(a, _("Planned signing date (filed today):"), buf, sizeof buf)) {
			date_t d;
			if (date_parse(buf, &d) < 0)
				app_message(a, true, _("%s is not a date; write e.g. 2026-11-22"), buf);
			else if (zs_prereport(s->z, s->id, d, NULL) != ZS_OK)
				app_fail(a, s->z);
			else
				app_message(a, false, "%s", _("Pre-report recorded."));
		}
		break;
	case 3:
		ask_manager(a, s);
		break;
	case 4: {
		static char value[32];
		snprintf(value, sizeof value, "%s", zs_id_text(s->id, idb, sizeof idb));
		struct form_arg fa = {"issue", 0, NULL, "project", value};
		app_push(a, &scr_form, &fa);
		break;
	}
	case 5:
		ask(a, s, P_DISTRICT, "district", NULL, 0);
		break;
	case 6: {
		struct followups_arg fa = {KIND_PROJECT, s->id};
		app_push(a, &scr_followups, &fa);
		break;
	}
	case 7: {
		static char value[32];
		snprintf(value, sizeof value, "%s", zs_id_text(s->id, idb, sizeof idb));
		struct form_arg fa = {"followup", 0, NULL, "project", value};
		app_push(a, &scr_form, &fa);
		break;
	}
	case 8: {
		struct rec r;
		rec_init(&r);
		static uint64_t eid;
		eid = zs_get(s->z, KIND_PROJECT, s->id, &r) == ZS_OK
			      ? (uint64_t)rec_int(&r, "enterprise", 0)
			      : 0;
		rec_free(&r);
		if (eid)
			app_push(a, &scr_enterprise, &eid);
		break;
	}
	case 9:
		ask_undo(a, s);
		break;
	case 11: {
		static struct conflicts_arg ca;
		ca = (struct conflicts_arg){KIND_PROJECT, s->id};
		app_push(a, &scr_conflicts, &ca);
		break;
	}
	case 10: {
		static const char *items[3];
		for (int k = 0; k < 3; k++)
			items[k] = _(measures[k]);
		ask(a, s, P_MONEY, NULL, items, 3);
		break;
	}
	default:
		break;
	}
}

/* Asks the amount, the date and the source of money that moved and
 * records it; what was typed stays for the next try when it is refused. */
static void record_money(struct app *a, struct dstate *s, int m)
{
	static char amount[64], date[32], source[UI_TEXT_BYTES], reason[UI_TEXT_BYTES];
	bool usd = !strcmp(measure_codes[m], "foreign");
	if (!*date)
		date_format(clock_today(), date);
	if (!app_prompt(a, usd ? _("Amount (万美元; a negative one corrects an entry):")
			       : _("Amount (万元; a negative one corrects an entry):"),
			amount, sizeof amount))
		return;
	const char *t = amount;
	while (*t == ' ')
		t++;
	bool neg = *t == '-';
	int64_t v;
	enum currency cur = usd ? CURRENCY_USD : CURRENCY_CNY;
	if (money_parse(neg ? t + 1 : t, &v, &cur, 1) != MONEY_OK) {
		app_message(a, true, _("%s is not an amount; write e.g. 500, 1.5亿 or 300万美元"),
			    amount);
		return;
	}
	date_t d;
	if (!app_prompt(a, _("The day the money moved:"), date, sizeof date))
		return;
	if (date_parse(date, &d) < 0) {
		app_message(a, true, _("%s is not a date; write e.g. 2026-11-22"), date);
		return;
	}
	if (!app_prompt_max(a, _("Source (e.g. 银行进账单):"), source, sizeof source, 200))
		return;
	if (neg && !app_prompt(a, _("Reason for the correction:"), reason, sizeof reason))
		return;
	if (zs_money_add(s->z, s->id, measure_codes[m], neg ? -v : v, d, source,
			 neg ? reason : NULL) != ZS_OK) {
		app_fail(a, s->z);
		return;
	}
	app_message(a, false, _("Recorded: %s %s%s on %s."), _(measures[m]), neg ? "-" : "",
		    neg ? t + 1 : t, date);
	amount[0] = source[0] = reason[0] = date[0] = '\0';
}

/* Takes the answer of a list and goes on with its action. */
static void answered(struct app *a, struct dstate *s)
{
	enum pending p = s->pending;
	char text[256], reason[UI_TEXT_BYTES] = "";
	snprintf(text, sizeof text, "%s", s->chosen);
	s->pending = P_NONE;
	s->chosen[0] = '\0';
	if (!*text)
		return;
	if (p == P_ACTION) {
		do_action(a, s, text);
	} else if (p == P_STAGE) {
		change_stage(a, s, text);
	} else if (p == P_MANAGER) {
		for (size_t i = 0; i < s->nsug; i++) {
			if (strcmp(s->sugtext[i], text))
				continue;
			struct rec r;
			rec_init(&r);
			bool handover = zs_get(s->z, KIND_PROJECT, s->id, &r) == ZS_OK &&
					rec_find(&r, "manager");
			rec_free(&r);
			if (handover && !app_prompt(a, _("Reason for the handover:"), reason, sizeof reason))
				return;
			if (zs_assign_manager(s->z, s->id, s->sug[i].officer, reason) != ZS_OK)
				app_fail(a, s->z);
			else
				app_message(a, false, "%s", _("Service manager assigned."));
		}
	} else if (p == P_UNDO) {
		undo_change(a, s, text);
	} else if (p == P_PRINT) {
		char name[64], idb[32];
		bool pre = !strcmp(text, _(sheets[1]));
		snprintf(name, sizeof name, "%s-%s.txt", pre ? "prereport" : "project",
			 zs_id_text(s->id, idb, sizeof idb));
		desk_print(a, pre ? ZS_PRINT_PREREPORT : ZS_PRINT_PROJECT, s->id, name);
	} else if (p == P_MONEY) {
		for (int m = 0; m < 3; m++)
			if (!strcmp(_(measures[m]), text))
				record_money(a, s, m);
	} else if (p == P_DISTRICT) {
		uint64_t to;
		if (zs_resolve(s->z, KIND_DISTRICT, text, &to) != ZS_OK)
			app_fail(a, s->z);
		else if (app_prompt(a, _("Reason for the transfer:"), reason, sizeof reason)) {
			if (zs_transfer(s->z, s->id, to, &(struct zs_transfer_opts){reason, NULL, -1, false}) != ZS_OK)
				app_fail(a, s->z);
			else
				app_message(a, false, _("Transferred to %s."), text);
		}
	}
}

/* Handles a key. */
static int detail_handle(struct app *a, void *st, const struct key *k)
{
	struct dstate *s = st;
	if (page_scroll(&s->pg, k->action))
		return R_BODY;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER: {
		static const char *items[NACTIONS];
		int n = s->nconflicts ? NACTIONS : NACTIONS - 1;
		for (int i = 0; i < n; i++)
			items[i] = _(actions[i]);
		/* A field in conflict: resolving it comes first. */
		if (s->nconflicts) {
			memmove(items + 1, items, (size_t)(n - 1) * sizeof *items);
			items[0] = _(actions[NACTIONS - 1]);
		}
		ask(a, s, P_ACTION, NULL, items, n);
		return R_ALL;
	}
	case ACT_EDIT:
		do_action(a, s, _(actions[0]));
		return R_ALL;
	case ACT_STAGE:
		ask(a, s, P_STAGE, "stage", NULL, 0);
		return R_ALL;
	case ACT_LOG:
		do_action(a, s, _(actions[6]));
		return R_ALL;
	case ACT_NEW:
		do_action(a, s, _(actions[7]));
		return R_ALL;
	case ACT_ENTERPRISE:
		do_action(a, s, _(actions[8]));
		return R_ALL;
	case ACT_PRINT: {
		static const char *items[2];
		for (int i = 0; i < 2; i++)
			items[i] = _(sheets[i]);
		ask(a, s, P_PRINT, NULL, items, 2);
		return R_ALL;
	}
	case ACT_REFRESH:
		if (s->pending != P_NONE)
			answered(a, s);
		layout(s);
		return R_ALL;
	case ACT_LANG:
		layout(s); /* labels and values in the other language */
		return R_ALL;
	default:
		return R_NONE;
	}
}

/* The project's id in the title. */
static const char *detail_subtitle(void *st, char *buf, size_t n)
{
	struct dstate *s = st;
	char idb[32];
	snprintf(buf, n, "%s", zs_id_text(s->id, idb, sizeof idb));
	return buf;
}

static const struct bar_label detail_labels[] = {
	{ACT_ENTER, N_("Actions")}, {ACT_NEW, N_("Log a follow-up")}, {ACT_NONE, NULL}};

const struct screen_def scr_detail = {
	.name = "detail",
	.title = N_("Project"),
	.bar = detail_bar,
	.open = detail_open,
	.draw = detail_draw,
	.handle = detail_handle,
	.close = detail_close,
	.subtitle = detail_subtitle,
	.labels = detail_labels,
};

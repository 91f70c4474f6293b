/*
 * scr-issue.c - one enterprise issue (诉求详情): its description whole,
 * where it stands, and its trail - every reply, note, wait on the
 * enterprise, escalation, decision and its owner, dated and signed (the
 * 督办 trail), read from the issue's history.
 *
 * Laid out as lines when opened and after each action, wrapped to the
 * terminal's width, then only scrolled.  Enter offers the same actions
 * as the issue list (issue_act_by_label); core decides who may take
 * which.  Opened from the menu or the jump box without an issue, it asks
 * for the issue's number.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct ustate {
	struct zs *z;
	uint64_t id, project;
	struct page pg;
	int width;
	char chosen[256];
	bool asking;
};

static const enum action issue_bar[] = {ACT_HELP, ACT_ENTER, ACT_REFRESH, ACT_CANCEL, ACT_JUMP,
					ACT_NONE};

/* Appends one line as it is. */
static void add_one(struct ustate *s, const char *text, int attr)
{
	page_add(&s->pg, text, NULL, attr);
}

/* Appends text wrapped to the page's width, later lines indented by indent. */
static void add(struct ustate *s, const char *text, int attr, int indent)
{
	const char *p = text;
	bool first = true;
	do {
		int used = 0, room = s->width - (first ? 0 : indent);
		size_t b = text_fit(p, room > 10 ? room : 10, &used);
		if (b == 0 && *p)
			b = strlen(p);
		char *piece = xasprintf("%*s%.*s", first ? 0 : indent, "", (int)b, p);
		add_one(s, piece, attr);
		free(piece);
		p += b;
		first = false;
	} while (*p);
}

/* What an entry of the trail did, in the desk's language. */
static const char *op_text(const char *op)
{
	static const struct {
		const char *op, *text;
	} ops[] = {{"open", N_("opened")},	  {"create", N_("opened")},
		   {"respond", N_("responded")},  {"note", N_("note")},
		   {"ask", N_("asked the enterprise")}, {"resume", N_("the enterprise answered")},
		   {"resolve", N_("resolved")},	  {"escalate", N_("escalated")},
		   {"decide", N_("decided")},	  {"update", N_("changed")},
		   {"dispute", N_("dispute raised")}};
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (!strcmp(ops[i].op, op))
			return _(ops[i].text);
	return op;
}

/* Adds the lines of one step of the trail. */
static int trail_line(void *ctx, const struct zs_history *h)
{
	struct ustate *s = ctx;
	char when[20], who[64] = "", line[UI_TEXT_BYTES + 200];
	datetime_format(h->at * 1000, when);
	struct rec off;
	rec_init(&off);
	if (h->actor && zs_get(s->z, KIND_OFFICER, h->actor, &off) == ZS_OK)
		snprintf(who, sizeof who, "%s", rec_text(&off, "name", ""));
	rec_free(&off);
	if (!*who)
		snprintf(who, sizeof who, "%s", _("the system"));
	snprintf(line, sizeof line, "%s  %s  %s", when, who, op_text(h->op));
	add(s, line, A_BOLD, 4);
	if (h->why && *h->why && strcmp(h->op, "open") && strcmp(h->op, "create"))
		add(s, h->why, A_NORMAL, 4);
	/* Where it went: level, status, owner of the decision. */
	static const char *const shown[] = {"level", "status", "decision_owner", "need_by"};
	for (size_t i = 0; i < h->n; i++)
		for (size_t j = 0; j < sizeof shown / sizeof *shown; j++)
			if (!strcmp(h->c[i].field, shown[j]) && strcmp(h->op, "open") &&
			    strcmp(h->op, "create")) {
				snprintf(line, sizeof line, "    %s%s%s -> %s",
					 zs_field_label(KIND_ISSUE, shown[j]), i18n_pick("：", ": "),
					 *h->c[i].old ? h->c[i].old : "-", *h->c[i].new ? h->c[i].new : "-");
				add(s, line, term_attr(ATTR_DIM), 8);
			}
	return 0;
}

/* Lays the page out; -1 when the issue cannot be read. */
static int layout(struct ustate *s)
{
	struct rec r;
	rec_init(&r);
	page_clear(&s->pg);
	s->width = term_cols() - 3;
	if (zs_get(s->z, KIND_ISSUE, s->id, &r) != ZS_OK)
		return -1;
	s->project = (uint64_t)rec_int(&r, "project", 0);
	char line[UI_TEXT_BYTES + 200], idb[32], val[UI_TEXT_BYTES], pname[256];
	zs_field_text(s->z, KIND_ISSUE, &r, "project", pname, sizeof pname);
	snprintf(line, sizeof line, "%s %s  %s", _("Issue"), zs_id_text(s->id, idb, sizeof idb),
		 pname);
	add(s, line, A_BOLD, 2);
	add_one(s, "", 0);
	static const char *const fields[] = {"category", "level",    "status",   "opened_on",
					     "level_since", "need_by", "owner", "paused_since",
					     "decision_owner", "needs_city", "other_project"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		if (!rec_find(&r, fields[i]))
			continue;
		zs_field_text(s->z, KIND_ISSUE, &r, fields[i], val, sizeof val);
		snprintf(line, sizeof line, "%s%s%s", zs_field_label(KIND_ISSUE, fields[i]),
			 i18n_pick("：", ": "), val);
		add(s, line, A_NORMAL, 4);
	}
	date_t due = strcmp(rec_text(&r, "status", ""), "resolved") ? zs_issue_due(s->z, &r) : 0;
	if (due) {
		char d[11];
		date_format(due, d);
		snprintf(line, sizeof line, "%s%s%s%s", _("Due"), i18n_pick("：", ": "), d,
			 due < clock_today() ? _(" (overdue)") : "");
		add(s, line, due < clock_today() ? term_attr(ATTR_ERROR) : (int)A_NORMAL, 4);
	}
	static const char *const texts[] = {"description", "decision", "outcome", "last_note"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		if (!rec_find(&r, texts[i]))
			continue;
		add_one(s, "", 0);
		add(s, zs_field_label(KIND_ISSUE, texts[i]), term_attr(ATTR_ACCENT), 0);
		add(s, rec_text(&r, texts[i], ""), A_NORMAL, 0);
	}
	rec_free(&r);
	add_one(s, "", 0);
	add(s, _("Trail"), term_attr(ATTR_ACCENT), 0);
	zs_history(s->z, KIND_ISSUE, s->id, trail_line, s);
	return 0;
}

/* Opens an issue: arg points at its id, or is NULL to ask its number. */
static void *issue_open(struct app *a, const void *arg)
{
	struct ustate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	if (!page_which(a, arg, KIND_ISSUE, _("Issue number:"), &s->id)) {
		free(s);
		return NULL;
	}
	if (layout(s) < 0) {
		app_fail(a, s->z);
		page_free(&s->pg);
		free(s);
		return NULL;
	}
	return s;
}

/* Frees the page. */
static void issue_close(void *st)
{
	struct ustate *s = st;
	page_free(&s->pg);
	free(s);
}

/* Draws the visible lines. */
static void issue_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct ustate *s = st;
	(void)a;
	page_draw(&s->pg, top, rows, cols, false);
}

/* Receives the action chosen from the list. */
static void chosen(void *ctx, const char *text)
{
	struct ustate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Handles a key. */
static int issue_handle(struct app *a, void *st, const struct key *k)
{
	struct ustate *s = st;
	if (page_scroll(&s->pg, k->action))
		return R_BODY;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_END: {
		int page = s->pg.rows > 2 ? s->pg.rows - 1 : 1;
		s->pg.top = s->pg.n > page ? s->pg.n - page : 0;
		return R_BODY;
	}
	case ACT_ENTER: {
		static const char *items[16];
		int n = issue_action_items(items, 16);
		s->chosen[0] = '\0';
		s->asking = true;
		struct pick_arg pa = {KIND_ISSUE, NULL, "", chosen, s, items, n, NULL};
		app_push(a, &scr_pick, &pa);
		return R_ALL;
	}
	case ACT_REFRESH:
		if (s->asking && s->chosen[0])
			issue_act_by_label(a, s->z, s->id, s->chosen);
		s->asking = false;
		s->chosen[0] = '\0';
		layout(s);
		return R_ALL;
	case ACT_LANG:
		layout(s);
		return R_ALL;
	default:
		return R_NONE;
	}
}

/* The issue's number in the title. */
static const char *issue_subtitle(void *st, char *buf, size_t n)
{
	struct ustate *s = st;
	char idb[32];
	snprintf(buf, n, "%s", zs_id_text(s->id, idb, sizeof idb));
	return buf;
}

static const struct bar_label issue_labels[] = {{ACT_ENTER, N_("Act")}, {ACT_NONE, NULL}};

const struct screen_def scr_issue = {
	.name = "issue",
	.title = N_("Issue page"),
	.bar = issue_bar,
	.open = issue_open,
	.draw = issue_draw,
	.handle = issue_handle,
	.close = issue_close,
	.subtitle = issue_subtitle,
	.labels = issue_labels,
};

/*
 * scr-enterprise.c - one enterprise (企业详情): its fields, all its
 * projects, their issues and its latest follow-ups.
 *
 * Laid out as lines when opened (and again when it comes back from an
 * edit), then only scrolled, like the project page.  Its fields are
 * edited with the enterprise form, through the entry session - the same
 * rules as `zsdesk enterprise edit` (a district changes an enterprise
 * only while all its projects are the district's own).  Enter offers the
 * actions: edit, open one of its projects, the follow-up log, a new
 * follow-up.  Opened from the menu or the jump box without an enterprise,
 * it asks which (a name, a credit code or a number).
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "creditcode.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum epending { E_NONE, E_ACTION, E_PROJECT };

struct estate {
	struct zs *z;
	uint64_t id;
	struct page pg;
	uint64_t projects[200];
	size_t nprojects;
	char ptext[200][200]; /* "id name" of each project, for the list */
	const char *pitems[200];
	enum epending pending;
	char chosen[256];
	char value[32];
};

static const enum action enterprise_bar[] = {ACT_HELP, ACT_ENTER, ACT_EDIT, ACT_CANCEL,
					     ACT_LOG,  ACT_NEW,   ACT_JUMP, ACT_NONE};

/* Appends a line. */
static void add(struct estate *s, const char *left, const char *right, int attr)
{
	page_add(&s->pg, left, right, attr);
}

/* Adds the latest follow-ups of a project or an enterprise (at most max)
 * and a line saying how many there are and which key shows them all. */
void followup_lines(struct zs *z, enum kind of, uint64_t id, size_t max,
		    void (*line)(void *ctx, const char *text, int attr), void *ctx)
{
	uint64_t ids[8];
	size_t total = 0;
	size_t n = zs_followups(z, of, id, 0, ids, max < 8 ? max : 8, &total);
	for (size_t i = 0; i < n; i++) {
		struct rec r;
		rec_init(&r);
		if (zs_get(z, KIND_FOLLOWUP, ids[i], &r) != ZS_OK)
			continue;
		char kind[64], who[64], text[3000];
		zs_field_text(z, KIND_FOLLOWUP, &r, "type", kind, sizeof kind);
		zs_field_text(z, KIND_FOLLOWUP, &r, "author", who, sizeof who);
		snprintf(text, sizeof text, "%s%s%s  %s  %s  %s", rec_text(&r, "date", ""),
			 rec_find(&r, "time") ? " " : "", rec_text(&r, "time", ""), kind, who,
			 rec_text(&r, "summary", ""));
		line(ctx, text, A_NORMAL);
		if (rec_find(&r, "next_step")) {
			snprintf(text, sizeof text, "    %s%s%s%s%s", _("Next step"), i18n_pick("：", ": "),
				 rec_text(&r, "next_step", ""), rec_find(&r, "next_date") ? "  " : "",
				 rec_text(&r, "next_date", ""));
			line(ctx, text, term_attr(ATTR_DIM));
		}
		rec_free(&r);
	}
	char more[256], logkey[32], newkey[32];
	/* keys_name gives its own buffer: copied, since two are used at once. */
	snprintf(logkey, sizeof logkey, "%s", keys_name(ACT_LOG));
	snprintf(newkey, sizeof newkey, "%s", keys_name(ACT_NEW));
	if (total)
		snprintf(more, sizeof more, _("%zu in all; %s shows the log, %s logs a new one"), total,
			 logkey, newkey);
	else
		snprintf(more, sizeof more, _("none yet; %s logs one"), newkey);
	line(ctx, more, term_attr(ATTR_DIM));
}

/* Marks a stored credit code whose check character is wrong (kept as
 * typed at entry) or that is of the old kind, so that the officer asks
 * the enterprise: "… ! 校验位应为 H". True when marked. */
static bool creditcode_marked(char *val, size_t n)
{
	char code[CREDITCODE_MAX], expected = 0;
	enum creditcode_status st = creditcode_check(val, code, &expected);
	size_t l = strlen(val);
	if (st == CREDITCODE_BAD_CHECK)
		snprintf(val + l, n - l, _(" ! the check character should be %c"), expected);
	else if (st == CREDITCODE_OLD_REGNO || st == CREDITCODE_OLD_ORGCODE)
		snprintf(val + l, n - l, "%s", _(" ! an old-style code"));
	else
		return false;
	return true;
}

/* Lays the page out; -1 when the enterprise cannot be read. */
static int layout(struct estate *s)
{
	struct rec r;
	rec_init(&r);
	page_clear(&s->pg);
	if (zs_get(s->z, KIND_ENTERPRISE, s->id, &r) != ZS_OK)
		return -1;
	char head[512], idb[32], val[1024];
	snprintf(head, sizeof head, "%s  [%s]", rec_text(&r, "name", ""),
		 zs_id_text(s->id, idb, sizeof idb));
	add(s, head, NULL, A_BOLD);
	add(s, "", NULL, 0);
	const struct kind_def *kd = schema_kind(KIND_ENTERPRISE);
	s->pg.label_w = 4;
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if (text_width(_(f->label)) > s->pg.label_w)
			s->pg.label_w = text_width(_(f->label));
		if (!rec_find(&r, f->name))
			continue;
		desk_field_text(s->z, KIND_ENTERPRISE, &r, f->name, val, sizeof val);
		if (f->type == FT_CREDITCODE && creditcode_marked(val, sizeof val)) {
			add(s, _(f->label), val, term_attr(ATTR_ERROR));
			continue;
		}
		add(s, _(f->label), val, 0);
	}
	for (size_t i = 0; i < r.n; i++)
		if (!schema_field(KIND_ENTERPRISE, r.f[i].name))
			add(s, r.f[i].name,
			    zs_field_text(s->z, KIND_ENTERPRISE, &r, r.f[i].name, val, sizeof val), 0);
	rec_free(&r);

	add(s, "", NULL, 0);
	add(s, _("Its projects"), NULL, term_attr(ATTR_ACCENT));
	struct zs_filter f = {.enterprise = s->id};
	struct zs_cursor c = {0};
	s->nprojects = 0;
	while (!c.done && s->nprojects < 200)
		s->nprojects += zs_list(s->z, KIND_PROJECT, &f, &c, s->projects + s->nprojects,
					200 - s->nprojects);
	for (size_t i = 0; i < s->nprojects; i++) {
		struct rec p;
		rec_init(&p);
		char line[1024], dist[128], stage[128], amount[64];
		bool ok = zs_get(s->z, KIND_PROJECT, s->projects[i], &p) == ZS_OK;
		zs_id_text(s->projects[i], idb, sizeof idb);
		zs_field_text(s->z, KIND_PROJECT, &p, "district", dist, sizeof dist);
		zs_field_text(s->z, KIND_PROJECT, &p, "stage", stage, sizeof stage);
		desk_field_text(s->z, KIND_PROJECT, &p, "investment", amount, sizeof amount);
		/* Another district's project shows only what the claim warning may. */
		snprintf(line, sizeof line, "%6s  %s  %s  %s  %s", idb,
			 ok && rec_find(&p, "name") ? rec_text(&p, "name", "") : _("(another district's)"),
			 dist, stage, amount);
		snprintf(s->ptext[i], sizeof s->ptext[i], "%s %s", idb,
			 rec_text(&p, "name", _("(another district's)")));
		s->pitems[i] = s->ptext[i];
		add(s, line, NULL, A_NORMAL);
		rec_free(&p);
	}
	if (s->nprojects == 0)
		add(s, _("none"), NULL, term_attr(ATTR_DIM));

	add(s, "", NULL, 0);
	add(s, _("Enterprise issues"), NULL, term_attr(ATTR_ACCENT));
	size_t nissues = 0;
	for (size_t i = 0; i < s->nprojects; i++) {
		struct zs_filter fi = {.project = s->projects[i]};
		struct zs_cursor ci = {0};
		uint64_t ids[50];
		size_t n = 0;
		while (!ci.done && n < 50)
			n += zs_list(s->z, KIND_ISSUE, &fi, &ci, ids + n, 50 - n);
		for (size_t j = 0; j < n; j++) {
			struct rec is;
			rec_init(&is);
			if (zs_get(s->z, KIND_ISSUE, ids[j], &is) == ZS_OK) {
				char cat[64], lvl[64], st[64], line[1500];
				zs_field_text(s->z, KIND_ISSUE, &is, "category", cat, sizeof cat);
				zs_field_text(s->z, KIND_ISSUE, &is, "level", lvl, sizeof lvl);
				zs_field_text(s->z, KIND_ISSUE, &is, "status", st, sizeof st);
				snprintf(line, sizeof line, "%6s  %s  %s  %s  %s  %s",
					 zs_id_text(ids[j], idb, sizeof idb),
					 rec_text(&is, "opened_on", ""), cat, lvl, st,
					 rec_text(&is, "description", ""));
				add(s, line, NULL, A_NORMAL);
				nissues++;
			}
			rec_free(&is);
		}
	}
	if (nissues == 0)
		add(s, _("none"), NULL, term_attr(ATTR_DIM));

	add(s, "", NULL, 0);
	add(s, _("Follow-ups"), NULL, term_attr(ATTR_ACCENT));
	followup_lines(s->z, KIND_ENTERPRISE, s->id, 5, page_line, &s->pg);
	return 0;
}

/* Opens an enterprise: arg points at its id, or is NULL to ask which. */
static void *enterprise_open(struct app *a, const void *arg)
{
	struct estate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	if (!page_which(a, arg, KIND_ENTERPRISE, _("Enterprise (name, credit code or number):"),
			&s->id)) {
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
static void enterprise_close(void *st)
{
	struct estate *s = st;
	page_free(&s->pg);
	free(s);
}

/* Draws the visible lines. */
static void enterprise_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct estate *s = st;
	(void)a;
	page_draw(&s->pg, top, rows, cols, false);
}

/* The actions Enter offers. */
static const char *const actions[] = {N_("Edit the enterprise"), N_("Open one of its projects"),
				      N_("Follow-up log"), N_("Log a follow-up")};
#define NACTIONS (int)(sizeof actions / sizeof *actions)

/* Receives a choice from a list opened here. */
static void chosen(void *ctx, const char *text)
{
	struct estate *s = ctx;
	snprintf(s->chosen, sizeof s->chosen, "%s", text);
}

/* Opens a list to choose from; its answer comes back with the refresh. */
static void ask(struct app *a, struct estate *s, enum epending p, const char *const *items, int n)
{
	s->pending = p;
	s->chosen[0] = '\0';
	struct pick_arg pa = {KIND_ENTERPRISE, NULL, "", chosen, s, items, n, NULL};
	app_push(a, &scr_pick, &pa);
}

/* Carries out action i of the actions list. */
static void do_action(struct app *a, struct estate *s, int i)
{
	char idb[32];
	switch (i) {
	case 0: {
		struct form_arg fa = {"enterprise", s->id, NULL, NULL, NULL};
		app_push(a, &scr_form, &fa);
		break;
	}
	case 1:
		if (s->nprojects == 0)
			app_message(a, true, "%s", _("The enterprise has no project yet."));
		else
			ask(a, s, E_PROJECT, s->pitems, (int)s->nprojects);
		break;
	case 2: {
		struct followups_arg fa = {KIND_ENTERPRISE, s->id};
		app_push(a, &scr_followups, &fa);
		break;
	}
	case 3: {
		snprintf(s->value, sizeof s->value, "%s", zs_id_text(s->id, idb, sizeof idb));
		struct form_arg fa = {"followup", 0, NULL, "enterprise", s->value};
		app_push(a, &scr_form, &fa);
		break;
	}
	default:
		break;
	}
}

/* Takes the answer of a list and goes on with its action. */
static void answered(struct app *a, struct estate *s)
{
	enum epending p = s->pending;
	char text[256];
	snprintf(text, sizeof text, "%s", s->chosen);
	s->pending = E_NONE;
	s->chosen[0] = '\0';
	if (!*text)
		return;
	if (p == E_ACTION) {
		for (int i = 0; i < NACTIONS; i++)
			if (!strcmp(_(actions[i]), text))
				do_action(a, s, i);
	} else if (p == E_PROJECT) {
		/* "id name": the id is what is read. */
		static uint64_t id;
		char *sp = strchr(text, ' ');
		if (sp)
			*sp = '\0';
		if (zs_id_parse(text, &id) == 0)
			app_push(a, &scr_detail, &id);
	}
}

/* Handles a key. */
static int enterprise_handle(struct app *a, void *st, const struct key *k)
{
	struct estate *s = st;
	if (page_scroll(&s->pg, k->action))
		return R_BODY;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER: {
		static const char *items[NACTIONS];
		for (int i = 0; i < NACTIONS; i++)
			items[i] = _(actions[i]);
		ask(a, s, E_ACTION, items, NACTIONS);
		return R_ALL;
	}
	case ACT_EDIT:
		do_action(a, s, 0);
		return R_ALL;
	case ACT_LOG:
		do_action(a, s, 2);
		return R_ALL;
	case ACT_NEW:
		do_action(a, s, 3);
		return R_ALL;
	case ACT_REFRESH:
		if (s->pending != E_NONE)
			answered(a, s);
		layout(s);
		return R_ALL;
	case ACT_LANG:
		layout(s);
		return R_ALL;
	default:
		return R_NONE;
	}
}

/* The enterprise's number in the title. */
static const char *enterprise_subtitle(void *st, char *buf, size_t n)
{
	struct estate *s = st;
	char idb[32];
	snprintf(buf, n, "%s", zs_id_text(s->id, idb, sizeof idb));
	return buf;
}

static const struct bar_label enterprise_labels[] = {
	{ACT_ENTER, N_("Actions")}, {ACT_NEW, N_("Log a follow-up")}, {ACT_NONE, NULL}};

const struct screen_def scr_enterprise = {
	.name = "enterprise",
	.title = N_("Enterprise page"),
	.bar = enterprise_bar,
	.open = enterprise_open,
	.draw = enterprise_draw,
	.handle = enterprise_handle,
	.close = enterprise_close,
	.subtitle = enterprise_subtitle,
	.labels = enterprise_labels,
};

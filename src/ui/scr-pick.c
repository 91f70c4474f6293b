/*
 * scr-pick.c - choosing a field's value from a list, narrowed as you type.
 *
 * The list is the field's choices (profile lists, fixed choices), the
 * districts, the active officers, the parks of the chosen district, or -
 * for enterprises and projects - a search of the library on each
 * keystroke.  Typing narrows it by Chinese text, English, code or pinyin
 * initials (yljk finds 医疗健康).  Selection, paging, the filter box and
 * drawing only what changed are the list widget's; this file only finds
 * the candidates and draws one.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "pinyin.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_ITEMS 512

struct pstate {
	struct pick_arg arg;
	struct list list;
	char *all[MAX_ITEMS], *all_note[MAX_ITEMS]; /* candidates and a note each */
	char *all_key[MAX_ITEMS]; /* what else finds a candidate (its code, the other language) */
	int nall;
	int shown[MAX_ITEMS]; /* the candidates that match the filter */
	int nshown;
	int cur_row, cur_col;
	struct zs *z;
};

static const enum action pick_bar[] = {ACT_ENTER, ACT_CANCEL, ACT_NONE};

/* Adds a candidate, shown with a note, found also by key. */
static void add_item_key(struct pstate *s, const char *text, const char *note, const char *key)
{
	if (s->nall == MAX_ITEMS)
		return;
	for (int i = 0; i < s->nall; i++)
		if (!strcmp(s->all[i], text))
			return;
	s->all[s->nall] = xstrdup(text);
	s->all_key[s->nall] = xstrdup(key ? key : "");
	s->all_note[s->nall++] = xstrdup(note ? note : "");
}

/* Adds a candidate with a note. */
static void add_item(struct pstate *s, const char *text, const char *note)
{
	add_item_key(s, text, note, NULL);
}

/* Frees the candidates. */
static void clear_items(struct pstate *s)
{
	for (int i = 0; i < s->nall; i++) {
		free(s->all[i]);
		free(s->all_note[i]);
		free(s->all_key[i]);
	}
	s->nall = 0;
}

/* Adds every record of a small table (districts, active officers; for a
 * project's service manager only the officers who may be named, of the
 * district chosen in the form). */
static void add_records(struct pstate *s, enum kind k)
{
	bool manager = k == KIND_OFFICER && s->arg.kind == KIND_PROJECT &&
		       !strcmp(s->arg.def->name, "manager");
	uint64_t district = 0;
	if (manager && s->arg.district)
		zs_resolve(s->z, KIND_DISTRICT, s->arg.district, &district);
	struct zs_cursor c = {0};
	uint64_t ids[MAX_ITEMS];
	size_t n = 0;
	c.order = ZS_OLDEST;
	while (!c.done && n < MAX_ITEMS)
		n += zs_list(s->z, k, NULL, &c, ids + n, MAX_ITEMS - n);
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++) {
		if (zs_get(s->z, k, ids[i], &r) != ZS_OK)
			continue;
		if (k == KIND_OFFICER && !rec_bool(&r, "active", true))
			continue;
		if (manager && !zs_manager_eligible(&r, (int64_t)district))
			continue;
		/* A district in the desk's language only; an officer with the role. */
		const char *zh = rec_text(&r, "name", ""), *en = rec_text(&r, "name_en", zh);
		char note[128] = "";
		if (k == KIND_OFFICER)
			zs_field_text(s->z, k, &r, "role", note, sizeof note);
		if (k == KIND_DISTRICT)
			add_item_key(s, i18n_pick(zh, en), "", i18n_pick(en, zh));
		else
			add_item(s, zh, note);
	}
	rec_free(&r);
}

/* Searches the library for enterprises or projects matching the filter. */
static void search_records(struct pstate *s, const char *text)
{
	clear_items(s);
	struct zs_filter f = {.text = text};
	struct zs_cursor c = {0};
	uint64_t ids[40];
	size_t n = 0;
	for (int tries = 0; tries < 8 && !c.done && n < 40; tries++)
		n += zs_list(s->z, s->arg.def->ref, &f, &c, ids + n, 40 - n);
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < n; i++)
		if (zs_get(s->z, s->arg.def->ref, ids[i], &r) == ZS_OK) {
			const char *note = s->arg.def->ref == KIND_ENTERPRISE
						   ? rec_text(&r, "credit_code", "")
						   : rec_text(&r, "enterprise_name", "");
			/* The id first: it is what the field reads back. */
			char item[512], idb[32];
			snprintf(item, sizeof item, "%s %s", zs_id_text(ids[i], idb, sizeof idb),
				 rec_text(&r, "name", ""));
			add_item(s, item, note);
		}
	rec_free(&r);
}

/* True when the library must be searched as the filter changes. */
static bool searching(const struct pstate *s)
{
	return s->arg.def && s->arg.def->type == FT_REF &&
	       (s->arg.def->ref == KIND_ENTERPRISE || s->arg.def->ref == KIND_PROJECT);
}

/* Recomputes the shown items from the filter text. */
static void pick_filter(void *ctx, const char *text)
{
	struct pstate *s = ctx;
	if (searching(s))
		search_records(s, text);
	s->nshown = 0;
	for (int i = 0; i < s->nall; i++) {
		bool ok = !*text || searching(s) || strcasestr(s->all[i], text) ||
			  strcasestr(s->all_note[i], text) || strcasestr(s->all_key[i], text) ||
			  pinyin_match(s->all[i], text) || pinyin_match(s->all_note[i], text) ||
			  pinyin_match(s->all_key[i], text);
		if (ok)
			s->shown[s->nshown++] = i;
	}
}

/* The number of candidates shown. */
static size_t pick_count(void *ctx, size_t want, bool *more)
{
	struct pstate *s = ctx;
	(void)want;
	*more = false;
	return (size_t)s->nshown;
}

/* Draws one candidate with its note (dim unless selected). */
static void pick_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct pstate *s = ctx;
	int attr = selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
	int used = draw_text(y, x, s->all[s->shown[i]], w, false, attr);
	draw_text(y, x + used, "  ", w - used, false, attr);
	draw_text(y, x + 2 + used, s->all_note[s->shown[i]], w - 2 - used, true,
		  selected ? attr : term_attr(ATTR_DIM));
}

static const struct list_ops pick_ops = {
	.count = pick_count,
	.draw = pick_row,
	.filter = pick_filter,
};

/* True when a district of the profile is the one typed (name, English
 * name, label or code). */
static bool pick_district_is(const struct profile_item *d, const char *typed)
{
	return !strcmp(d->code, typed) || !strcmp(d->zh, typed) || !strcasecmp(d->en, typed) ||
	       !strcmp(profile_label(d), typed);
}

/* Opens the list for a field. */
static void *pick_open(struct app *a, const void *varg)
{
	const struct pick_arg *arg = varg;
	struct pstate *s = xcalloc(1, sizeof *s);
	s->arg = *arg;
	s->z = app_zs(a);
	list_init(&s->list, &pick_ops, s, true);
	const struct field_def *f = arg->def;
	if (!f) {
		for (int i = 0; i < arg->nitems; i++)
			add_item(s, arg->items[i], "");
	} else if (f->type == FT_REF && (f->ref == KIND_DISTRICT || f->ref == KIND_OFFICER)) {
		add_records(s, f->ref);
	} else if (f->type == FT_REF) {
		/* searched as the filter changes */
	} else if (!strcmp(f->name, "park")) {
		/* Parks of the district chosen in the form (of every district
		 * when none is); the form checks the pair on save. */
		const struct profile *p = zs_profile(s->z);
		bool known = false;
		for (int i = 0; arg->district && i < p->districts.n; i++)
			known |= pick_district_is(&p->districts.v[i], arg->district);
		for (int i = 0; i < p->districts.n; i++)
			if (!known || pick_district_is(&p->districts.v[i], arg->district))
				for (int j = 0; j < p->districts.v[i].nparts; j++)
					add_item(s, p->districts.v[i].parts[j],
						 profile_label(&p->districts.v[i]));
	} else {
		const char *codes[128], *labels[128];
		int n = zs_field_choices(s->z, f, codes, labels, 128);
		/* Shown in the desk's language; the code still finds it. */
		for (int i = 0; i < n; i++)
			add_item_key(s, labels[i], "", codes[i]);
	}
	if (s->nall == 0 && !searching(s)) {
		app_message(a, true, "%s", _("This field has no list: type the value."));
		list_free(&s->list);
		free(s);
		return NULL;
	}
	/* What was typed in the field narrows the list at once, unless it is
	 * already a complete value. */
	list_set_filter(&s->list, arg->typed ? arg->typed : "");
	if (s->nshown == 0)
		list_set_filter(&s->list, "");
	return s;
}

/* Frees the list. */
static void pick_close(void *st)
{
	struct pstate *s = st;
	clear_items(s);
	list_free(&s->list);
	free(s);
}

/* Draws the list as a box over the screen below. */
static void pick_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct pstate *s = st;
	bool all = app_full_paint(a);
	int w = cols > 64 ? 60 : cols - 4, h = rows > 20 ? 18 : rows - 2;
	int x = (cols - w) / 2, y = top + (rows - h) / 2;
	draw_popup(y, x, h, w, _("Find:"), &s->list.filter, &s->cur_row, &s->cur_col, all);
	list_draw(&s->list, y + 3, x + 2, h - 4, w - 4, all);
	if (s->nshown == 0)
		draw_text(y + 3, x + 2, _("Nothing matches."), w - 4, true, term_attr(ATTR_DIM));
}

/* Cursor in the filter box. */
static void pick_cursor(void *st, int *row, int *col)
{
	struct pstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Handles a key: Enter gives the selected value to the caller. */
static int pick_handle(struct app *a, void *st, const struct key *k)
{
	struct pstate *s = st;
	size_t sel;
	(void)a;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (list_selected(&s->list, &sel))
			s->arg.done(s->arg.ctx, s->all[s->shown[sel]]);
		return R_CLOSE;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

const struct screen_def scr_pick = {
	.name = "popup:pick",
	.title = N_("Choose"),
	.bar = pick_bar,
	.open = pick_open,
	.draw = pick_draw,
	.handle = pick_handle,
	.close = pick_close,
	.cursor = pick_cursor,
};

/*
 * scr-jump.c - the jump box (Ctrl-G or ":") and the menu (F10).
 *
 * Officers work by codes: type XMLR, 项目录入, xmlr (pinyin initials) or
 * "intake" and Enter goes there.  The menu is the same list with nothing
 * typed, so both live here and share every line of code.  The entries are
 * the rows of the table of screens that have a code; the list, its filter
 * box and its keys are the list widget's.  In the jump box a project's
 * number (20004) offers that project's page first.
 */
#include <config.h>

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms.h"
#include "i18n.h"
#include "pinyin.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* The jump box (Ctrl-G), the menu (F10) and the libraries' submenu. */
enum jmode { JUMP_BOX, JUMP_MENU, JUMP_LIBS };

struct jstate {
	struct list list;
	int shown[64], nshown; /* rows of ui_screens that match what is typed */
	enum jmode mode;
	bool menu; /* the menu or the libraries' submenu: digits choose */
	int cur_row, cur_col;
	struct zs *z;
	uint64_t project; /* the project numbered what was typed, or 0 */
	char pname[160];
	uint64_t enterprise; /* the one enterprise what was typed names, or 0 */
	char ename[160];
};

static const enum action jump_bar[] = {ACT_ENTER, ACT_CANCEL, ACT_NONE};

/* The transaction code of form-backed row i of the table that has none
 * of its own: the form's (MBLR for 目标企业录入), read once. */
static const char *form_code(int i)
{
	static char *codes[128];
	static bool read[128];
	const struct screen_entry *e = &ui_screens[i];
	if (e->code)
		return e->code;
	if (i >= 128 || e->def != &scr_form || !e->arg)
		return NULL;
	if (!read[i]) {
		read[i] = true;
		struct form f;
		char err[256];
		memset(&f, 0, sizeof f);
		if (form_load(((const struct form_arg *)e->arg)->form, &f, err, sizeof err) == 0 &&
		    f.code)
			codes[i] = xstrdup(f.code);
		form_free(&f);
	}
	return codes[i];
}

/* True when t begins a word of text (at its start or after a character
 * that is not a letter): "mb" does not match inside "ambassador". */
static bool word_prefix(const char *text, const char *t)
{
	size_t n = strlen(t);
	for (const char *p = text; *p; p++)
		if ((p == text || !isalpha((unsigned char)p[-1])) && !strncasecmp(p, t, n))
			return true;
	return false;
}

/* True for a row of the libraries (the 资源库 submenu). */
static bool is_library(const struct screen_entry *e)
{
	return e->def == &scr_libs || e->def == &scr_policies;
}

/* True when row i of the table is in the list and matches the typed
 * text: by its code or its form's (a prefix), its Chinese title, the
 * pinyin initials or readings of it, or the beginning of a word of its
 * English title.  The menu lists the rows that have a code of their own,
 * the libraries' submenu the libraries; in the jump box a row without a
 * code of its own matches two characters or more. */
static bool matches(int i, const char *t, enum jmode mode)
{
	const struct screen_entry *e = &ui_screens[i];
	if (mode == JUMP_LIBS && !is_library(e))
		return false;
	if (mode == JUMP_MENU && !e->code)
		return false;
	if (!*t)
		return mode == JUMP_LIBS || e->code;
	const char *code = form_code(i);
	if (code && !strncasecmp(code, t, strlen(t)))
		return true;
	if (!e->code && mode == JUMP_BOX && utf8_count(t, strlen(t)) < 2)
		return false;
	return strstr(e->zh, t) || word_prefix(e->en, t) || word_prefix(_(e->en), t) ||
	       pinyin_match(e->zh, t) || (e->code && !strcasecmp(e->name, t));
}

/* Recomputes the entries shown from the typed text. */
static void jump_filter(void *ctx, const char *text)
{
	struct jstate *s = ctx;
	s->nshown = 0;
	s->project = 0;
	size_t len = strlen(text);
	if (!s->menu && len > 0 && len < 16 && strspn(text, "0123456789") == len) {
		struct rec r;
		rec_init(&r);
		uint64_t id;
		if (zs_id_parse(text, &id) == 0 && zs_get(s->z, KIND_PROJECT, id, &r) == ZS_OK) {
			s->project = id;
			zs_field_text(s->z, KIND_PROJECT, &r, "name", s->pname, sizeof s->pname);
		}
		rec_free(&r);
	}
	for (int i = 0; i < ui_nscreens && s->nshown < 64; i++)
		if (matches(i, text, s->mode))
			s->shown[s->nshown++] = i;
	/* An enterprise by its credit code or a name only it has: its page,
	 * offered after the screens so that a code typed goes where it did. */
	s->enterprise = 0;
	uint64_t eid;
	if (!s->menu && len >= 4 && strspn(text, "0123456789") != len &&
	    zs_resolve(s->z, KIND_ENTERPRISE, text, &eid) == ZS_OK) {
		struct rec r;
		rec_init(&r);
		if (zs_get(s->z, KIND_ENTERPRISE, eid, &r) == ZS_OK) {
			s->enterprise = eid;
			snprintf(s->ename, sizeof s->ename, "%s", rec_text(&r, "name", ""));
		}
		rec_free(&r);
	}
}

/* The number of entries shown. */
static size_t jump_count(void *ctx, size_t want, bool *more)
{
	struct jstate *s = ctx;
	(void)want;
	*more = false;
	return (size_t)s->nshown + (s->project != 0) + (s->enterprise != 0);
}

/* Draws one entry: its code, then its title. */
static void jump_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct jstate *s = ctx;
	char line[256];
	if (s->project && i == 0) {
		char idb[32];
		snprintf(line, sizeof line, "%-6s %s", zs_id_text(s->project, idb, sizeof idb), s->pname);
	} else if (s->enterprise && i == (size_t)s->nshown + (s->project != 0)) {
		snprintf(line, sizeof line, "%-6s %s", _("Enterprise"), s->ename);
	} else {
		const struct screen_entry *e = &ui_screens[s->shown[i - (s->project != 0)]];
		const char *code = form_code(s->shown[i - (s->project != 0)]);
		snprintf(line, sizeof line, "%-6s %s", code ? code : "", ui_screen_title(e));
	}
	draw_text(y, x, line, w, true, selected ? term_attr(ATTR_SELECT) : (int)A_NORMAL);
}

static const struct list_ops jump_ops = {
	.count = jump_count,
	.draw = jump_row,
	.filter = jump_filter,
};

/* Opens the jump box, or the menu when arg is not NULL. */
static void *jump_open(struct app *a, const void *arg)
{
	struct jstate *s = xcalloc(1, sizeof *s);
	s->menu = arg != NULL;
	s->mode = !arg ? JUMP_BOX : !strcmp(arg, "libs") ? JUMP_LIBS : JUMP_MENU;
	s->z = app_zs(a);
	list_init(&s->list, &jump_ops, s, true);
	list_set_filter(&s->list, "");
	return s;
}

/* Opens the menu, or the libraries' submenu when arg is "libs". */
static void *menu_open(struct app *a, const void *arg)
{
	return jump_open(a, arg && !strcmp(arg, "libs") ? "libs" : "menu");
}

/* Frees the box. */
static void jump_close(void *st)
{
	struct jstate *s = st;
	list_free(&s->list);
	free(s);
}

/* Draws the box over the screen below. */
static void jump_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct jstate *s = st;
	bool all = app_full_paint(a);
	int entries = 0;
	for (int i = 0; i < ui_nscreens; i++)
		entries += s->mode == JUMP_LIBS ? is_library(&ui_screens[i]) : ui_screens[i].code != NULL;
	int w = cols > 56 ? 52 : cols - 4, h = entries + 5;
	if (h > rows)
		h = rows;
	int x = (cols - w) / 2, y = top + 1;
	draw_popup(y, x, h, w, s->mode == JUMP_LIBS ? _("Libraries:") : s->menu ? _("Menu:") : _("Go to:"), &s->list.filter, &s->cur_row,
		   &s->cur_col, all);
	list_draw(&s->list, y + 3, x + 2, h - 4, w - 4, all);
	if (s->nshown == 0 && !s->project && !s->enterprise)
		draw_text(y + 3, x + 2, _("Nothing matches."), w - 4, true, term_attr(ATTR_DIM));
}

/* Cursor in the box. */
static void jump_cursor(void *st, int *row, int *col)
{
	struct jstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Handles a key: Enter goes to the selected entry, digits choose menu
 * entries, the rest is the list's. */
static int jump_handle(struct app *a, void *st, const struct key *k)
{
	struct jstate *s = st;
	size_t sel;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (!list_selected(&s->list, &sel))
			return R_NONE;
		/* The box closes first; then the app goes there. */
		if (s->project && sel == 0) {
			char go[32], idb[24];
			snprintf(go, sizeof go, "project:%s", zs_id_text(s->project, idb, sizeof idb));
			app_goto(a, go);
		} else if (s->enterprise && sel == (size_t)s->nshown + (s->project != 0)) {
			char go[32], idb[24];
			snprintf(go, sizeof go, "enterprise:%s", zs_id_text(s->enterprise, idb, sizeof idb));
			app_goto(a, go);
		} else {
			app_goto(a, ui_screens[s->shown[sel - (s->project != 0)]].name);
		}
		return R_CLOSE;
	default:
		break;
	}
	if (k->action == ACT_NONE && k->ch >= '1' && k->ch <= '9' && s->menu &&
	    s->list.filter.len == 0) {
		int i = k->ch - '1';
		if (i >= s->nshown)
			return R_NONE;
		list_select(&s->list, (size_t)i);
		struct key enter = {ACT_ENTER, 0, ""};
		return jump_handle(a, st, &enter);
	}
	int r = list_key(&s->list, k);
	return r < 0 ? R_NONE : r;
}

const struct screen_def scr_jump = {
	.name = "popup:jump",
	.title = N_("Go to"),
	.bar = jump_bar,
	.open = jump_open,
	.draw = jump_draw,
	.handle = jump_handle,
	.close = jump_close,
	.cursor = jump_cursor,
};

const struct screen_def scr_menu = {
	.name = "popup:menu",
	.title = N_("Menu"),
	.bar = jump_bar,
	.open = menu_open,
	.draw = jump_draw,
	.handle = jump_handle,
	.close = jump_close,
	.cursor = jump_cursor,
};

/* The libraries' submenu (资源库 on the home menu): the menu of the seven
 * libraries, titled as such. */
const struct screen_def scr_libmenu = {
	.name = "popup:libraries",
	.title = N_("Libraries"),
	.bar = jump_bar,
	.open = menu_open,
	.draw = jump_draw,
	.handle = jump_handle,
	.close = jump_close,
	.cursor = jump_cursor,
};

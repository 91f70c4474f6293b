/*
 * scr-jump.c - the jump box (Ctrl-G or ":") and the menu (F10).
 *
 * Officers work by codes: type XMLR, 项目录入, xmlr (pinyin initials) or
 * "intake" and Enter goes there.  The menu is the same list with nothing
 * typed, so both live here and share every line of code.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "editor.h"
#include "i18n.h"
#include "pinyin.h"
#include "ui.h"
#include "utf8.h"

struct jstate {
	struct editor e;
	int shown[64], nshown, sel;
	bool menu;
	int cur_row, cur_col;
};

static const enum action jump_bar[] = {ACT_ENTER, ACT_CANCEL, ACT_NONE};

/* True when entry matches the typed text. */
static bool matches(const struct jump_entry *j, const char *t)
{
	if (!*t)
		return true;
	return !strncasecmp(j->code, t, strlen(t)) || strstr(j->zh, t) ||
	       strcasestr(j->en, t) || strcasestr(_(j->en), t) || pinyin_match(j->zh, t) ||
	       strcasestr(j->target, t);
}

/* Recomputes the entries shown. */
static void refilter(struct jstate *s)
{
	char *t = editor_text(&s->e);
	s->nshown = 0;
	for (int i = 0; i < ui_njump_entries && s->nshown < 64; i++)
		if (matches(&ui_jump_entries[i], t))
			s->shown[s->nshown++] = i;
	if (s->sel >= s->nshown)
		s->sel = 0;
	free(t);
}

/* Opens the jump box. */
static void *jump_open(struct app *a, const void *arg)
{
	(void)a;
	struct jstate *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->menu = arg != NULL;
	editor_init(&s->e, 30);
	refilter(s);
	return s;
}

/* Opens the menu. */
static void *menu_open(struct app *a, const void *arg)
{
	(void)arg;
	return jump_open(a, "menu");
}

/* Frees the box. */
static void jump_close(void *st)
{
	struct jstate *s = st;
	editor_free(&s->e);
	free(s);
}

/* Draws the box over the screen below. */
static void jump_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct jstate *s = st;
	(void)a;
	int w = cols > 56 ? 52 : cols - 4, h = ui_njump_entries + 5;
	if (h > rows)
		h = rows;
	int x = (cols - w) / 2, y = top + 1;
	draw_popup(y, x, h, w, s->menu ? _("Menu:") : _("Go to:"), &s->e, &s->cur_row,
		   &s->cur_col);
	for (int i = 0; i < s->nshown && i < h - 4; i++) {
		const struct jump_entry *j = &ui_jump_entries[s->shown[i]];
		int attr = i == s->sel ? term_attr(ATTR_SELECT) : (int)A_NORMAL;
		char line[256];
		snprintf(line, sizeof line, "%-6s %s", j->code, i18n_pick(j->zh, _(j->en)));
		draw_text(y + 3 + i, x + 2, line, w - 4, true, attr);
	}
	if (s->nshown == 0)
		draw_text(y + 3, x + 2, _("Nothing matches."), w - 4, true, term_attr(ATTR_DIM));
}

/* Cursor in the box. */
static void jump_cursor(void *st, int *row, int *col)
{
	struct jstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* Handles a key. */
static int jump_handle(struct app *a, void *st, const struct key *k)
{
	struct jstate *s = st;
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (s->nshown) {
			/* The box closes first; then the app goes there. */
			app_goto(a, ui_jump_entries[s->shown[s->sel]].target);
			return R_CLOSE;
		}
		return R_NONE;
	case ACT_UP:
	case ACT_PREV:
		if (s->sel > 0)
			s->sel--;
		return R_BODY;
	case ACT_DOWN:
	case ACT_NEXT:
		if (s->sel + 1 < s->nshown)
			s->sel++;
		return R_BODY;
	default:
		if (k->action == ACT_NONE && k->ch >= '1' && k->ch <= '9' && s->menu &&
		    s->e.len == 0) {
			/* Digits choose menu entries. */
			int i = k->ch - '1';
			if (i >= s->nshown)
				return R_NONE;
			s->sel = i;
			struct key enter = {ACT_ENTER, 0};
			return jump_handle(a, st, &enter);
		}
		switch (keys_edit(&s->e, k)) {
		case EDIT_MOVED:
			return R_BODY;
		case EDIT_CHANGED:
			break;
		default:
			return R_NONE;
		}
	}
	refilter(s);
	return R_BODY;
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

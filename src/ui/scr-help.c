/*
 * scr-help.c - F1: the keys of the screen below, from the action table.
 *
 * Nothing here is written by hand per screen: the screen's key bar lists
 * its actions, the action table gives each one's keys (the user's own
 * first), and the shared keys follow.
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

struct help {
	const struct screen_def *of;
	char title[128];
	int top;
};

static const enum action help_bar[] = {ACT_CANCEL, ACT_NONE};

/* Shared keys, after the screen's own. */
static const enum action global[] = {ACT_HELP, ACT_JUMP, ACT_MENU, ACT_LANG, ACT_REDRAW, ACT_QUIT, ACT_NONE};

/* Editing keys, for screens with fields or a search box. */
static const enum action editing[] = {ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_WORD_LEFT, ACT_WORD_RIGHT,
				      ACT_HOME, ACT_END, ACT_BACKSPACE, ACT_DELETE, ACT_KILL_START,
				      ACT_KILL_END, ACT_KILL_WORD, ACT_PGUP, ACT_PGDN, ACT_NONE};

/* Opens help for a screen. */
static void *help_open(struct app *a, const void *arg)
{
	(void)a;
	const struct help_arg *ha = arg;
	struct help *h = xcalloc(1, sizeof *h);
	h->of = ha->of;
	snprintf(h->title, sizeof h->title, "%s", ha->title);
	return h;
}

/* Frees help. */
static void help_close(void *st)
{
	free(st);
}

/* Draws one section; returns the next row. */
static int section(int y, int top, int rows, int cols, const char *title,
		   const struct screen_def *of, const enum action *acts, int skip, int *line)
{
	if (*line >= skip && y < top + rows)
		draw_text(y++, 2, title, cols - 4, true, term_attr(ATTR_ACCENT));
	(*line)++;
	for (const enum action *p = acts; *p; p++) {
		if (*line >= skip && y < top + rows) {
			char keys[256];
			keys_names(*p, keys, sizeof keys);
			draw_blank(y, 0, cols, A_NORMAL);
			draw_text(y, 4, ui_action_label(of, *p), 20, true, A_NORMAL);
			draw_text(y, 26, keys, cols - 28, true, term_attr(ATTR_DIM));
			y++;
		}
		(*line)++;
	}
	return y;
}

/* Draws the key list. */
static void help_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct help *h = st;
	(void)a;
	int line = 0, y = top;
	for (int i = top; i < top + rows; i++)
		draw_blank(i, 0, cols, A_NORMAL);
	char title[256];
	snprintf(title, sizeof title, _("Keys of %s"), h->title);
	y = section(y, top, rows, cols, title, h->of, h->of->bar, h->top, &line);
	y = section(y, top, rows, cols, _("Everywhere"), h->of, global, h->top, &line);
	if (h->of->cursor)
		section(y, top, rows, cols, _("Typing"), h->of, editing, h->top, &line);
}

/* Scrolls or leaves. */
static int help_handle(struct app *a, void *st, const struct key *k)
{
	struct help *h = st;
	(void)a;
	if (k->action == ACT_DOWN || k->action == ACT_PGDN) {
		h->top += k->action == ACT_DOWN ? 1 : 10;
		return R_BODY;
	}
	if (k->action == ACT_UP || k->action == ACT_PGUP) {
		h->top -= k->action == ACT_UP ? 1 : 10;
		if (h->top < 0)
			h->top = 0;
		return R_BODY;
	}
	if (k->action == ACT_CANCEL || k->action == ACT_ENTER || k->ch == 'q')
		return R_CLOSE;
	return R_NONE;
}

const struct screen_def scr_help = {
	.name = "help",
	.title = N_("Help"),
	.bar = help_bar,
	.open = help_open,
	.draw = help_draw,
	.handle = help_handle,
	.close = help_close,
};

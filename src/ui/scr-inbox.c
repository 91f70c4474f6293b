/*
 * scr-inbox.c - my inbox (我的待办): what came to me since I last looked.
 *
 * The entries come from core (zs_inbox), newest first, the new ones
 * marked with '*'.  Enter marks the entry read and opens the project it
 * concerns (an issue's project page lists its issues); coming back the
 * list is read again, so an entry read leaves the list of new ones.  F12
 * shows the entries already read too, and back.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "xalloc.h"

/* The days ahead a first-talk period's end is announced. */
#define INBOX_DAYS 14

struct bstate {
	struct zs *z;
	struct list list;
	struct zs_inbox_entry *v;
	size_t n;
	bool all;     /* also the entries already read */
	uint64_t open; /* the project opened last (app_push keeps a pointer) */
	int w[6];
};

static const enum action inbox_bar[] = {ACT_HELP, ACT_ENTER, ACT_FILTER, ACT_REFRESH, ACT_CANCEL,
					ACT_JUMP, ACT_NONE};

/* Reads the entries. */
static void load(struct bstate *s)
{
	free(s->v);
	s->n = zs_inbox(s->z, INBOX_DAYS, s->all, NULL, 0, NULL);
	s->v = xreallocarray(NULL, s->n ? s->n : 1, sizeof *s->v);
	s->n = zs_inbox(s->z, INBOX_DAYS, s->all, s->v, s->n, NULL);
}

/* The number of rows. */
static size_t inbox_count(void *ctx, size_t want, bool *more)
{
	struct bstate *s = ctx;
	(void)want;
	*more = false;
	return s->n;
}

/* Draws one entry: new or not, what, number, project, detail. */
static void inbox_row(void *ctx, size_t i, int y, int x, int w, bool selected)
{
	struct bstate *s = ctx;
	const struct zs_inbox_entry *e = &s->v[i];
	char what[128], name[256], detail[512], id[32];
	zs_inbox_describe(s->z, e, what, sizeof what, name, sizeof name, detail, sizeof detail);
	zs_id_text(e->id, id, sizeof id);
	int attr = selected ? term_attr(ATTR_SELECT) : e->unread ? (int)A_BOLD : (int)A_NORMAL;
	const char *row[5] = {e->unread ? "*" : "", what, id, name, detail};
	draw_row(y, x + w, s->w, 1u << 2, row, 5, attr);
}

static const struct list_ops inbox_ops = {
	.count = inbox_count,
	.draw = inbox_row,
};

/* Opens the inbox. */
static void *inbox_open(struct app *a, const void *arg)
{
	(void)arg;
	struct bstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	load(s);
	list_init(&s->list, &inbox_ops, s, false);
	return s;
}

/* Frees the state. */
static void inbox_close(void *st)
{
	struct bstate *s = st;
	list_free(&s->list);
	free(s->v);
	free(s);
}

/* Draws the heading and the entries. */
static void inbox_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct bstate *s = st;
	static const char *const heads[] = {"", N_("What"), N_("No."), N_("Project"), N_("Detail")};
	int w[5] = {1, 14, 6, 0, 0};
	int rest = cols - 2 - (w[0] + w[1] + w[2]) - 2 * 4;
	w[3] = rest * 2 / 5;
	w[4] = rest - w[3];
	memcpy(s->w, w, sizeof w);
	int x = 1;
	for (int c = 0; c < 5; c++) {
		draw_text(top, x, *heads[c] ? _(heads[c]) : "", w[c], true, A_BOLD);
		x += w[c] + 2;
	}
	list_draw(&s->list, top + 1, 0, rows - 1, cols, app_full_paint(a));
	if (s->n == 0)
		draw_text(top + 1, 2,
			  s->all ? _("Nothing is waiting for you.") : _("Nothing new since you last looked."),
			  cols - 4, false, term_attr(ATTR_DIM));
}

/* Handles a key: Enter marks the entry read and opens its record. */
static int inbox_handle(struct app *a, void *st, const struct key *k)
{
	struct bstate *s = st;
	size_t sel;
	bool any = list_selected(&s->list, &sel);
	switch (k->action) {
	case ACT_CANCEL:
		return R_CLOSE;
	case ACT_ENTER:
		if (any) {
			if (zs_inbox_mark(s->z, INBOX_DAYS, s->v[sel].key) != ZS_OK)
				app_fail(a, s->z);
			/* an issue opens its own page, the rest their project's */
			bool issue = s->v[sel].kind == KIND_ISSUE;
			s->open = issue ? s->v[sel].id : s->v[sel].project;
			app_push(a, issue ? &scr_issue : &scr_detail, &s->open);
		}
		return R_ALL;
	case ACT_FILTER:
		s->all = !s->all;
		load(s);
		list_reset(&s->list);
		return R_ALL;
	case ACT_REFRESH:
		load(s);
		list_reload(&s->list);
		return R_ALL;
	default: {
		int r = list_key(&s->list, k);
		return r < 0 ? R_NONE : r;
	}
	}
}

/* New only, or everything. */
static const char *inbox_subtitle(void *st, char *buf, size_t n)
{
	struct bstate *s = st;
	snprintf(buf, n, "%s", s->all ? _("all") : _("new"));
	return buf;
}

static const struct bar_label inbox_labels[] = {{ACT_ENTER, N_("Open the project")},
						{ACT_FILTER, N_("New / all")},
						{ACT_NONE, NULL}};

const struct screen_def scr_inbox = {
	.name = "inbox",
	.title = N_("My inbox"),
	.bar = inbox_bar,
	.open = inbox_open,
	.draw = inbox_draw,
	.handle = inbox_handle,
	.close = inbox_close,
	.labels = inbox_labels,
	.subtitle = inbox_subtitle,
};

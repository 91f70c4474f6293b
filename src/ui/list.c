/*
 * list.c - the one list widget: selection, paging, an optional filter box,
 * and drawing only the rows that changed.
 *
 * A screen keeps its rows; the widget asks for them through callbacks -
 * how many there are (a lazy source such as the project library loads
 * more only when asked for a row it has not fetched yet) and how to draw
 * one - and keeps everything else: which row is selected, which is at the
 * top, what the moving keys do, what typing in the filter box does, and
 * which rows must be drawn again.  A move inside the page marks the two
 * rows it touched and the handler returns R_ROWS, so the screen manager
 * repaints those two rows, not the screen; a scroll or a new filter marks
 * every row.  The split follows htop's Panel; the callbacks keep the
 * widget ignorant of projects, issues or menu entries.
 */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>

#include "editor.h"
#include "ui.h"

/* The longest filter text, in characters. */
#define FILTER_MAX 60

/* The number of rows, loading until row want exists when the source is lazy. */
static size_t count(struct list *l, size_t want)
{
	bool more = false;
	return l->ops->count(l->ctx, want, &more);
}

/* True when row i may be selected. */
static bool selectable(struct list *l, size_t i)
{
	return !l->ops->selectable || l->ops->selectable(l->ctx, i);
}

/* Rows in a page: the height of the last draw, at least one. */
static size_t page(const struct list *l)
{
	return l->h > 0 ? (size_t)l->h : 1;
}

/* Marks row i to be drawn again. */
static void mark(struct list *l, size_t i)
{
	if (l->ndirty < 2)
		l->dirty[l->ndirty++] = i;
	else
		l->dirty_all = true;
}

/* The selectable row nearest to i among n rows, looking forward first when
 * forward, else backward first; n when there is none. */
static size_t nearest(struct list *l, size_t i, size_t n, bool forward)
{
	if (n == 0)
		return 0;
	if (i >= n)
		i = n - 1;
	for (int pass = 0; pass < 2; pass++, forward = !forward) {
		if (forward) {
			for (size_t k = i; k < n; k++)
				if (selectable(l, k))
					return k;
		} else {
			for (size_t k = i + 1; k-- > 0;)
				if (selectable(l, k))
					return k;
		}
	}
	return n;
}

/* Scrolls so that the selected row is on the page; marks every row when
 * the page moved. */
static void show_selected(struct list *l)
{
	size_t top = l->top;
	if (l->sel < top)
		top = l->sel;
	if (l->sel >= top + page(l))
		top = l->sel - page(l) + 1;
	if (top != l->top) {
		l->top = top;
		l->dirty_all = true;
	}
}

/* Selects row i with the page top at top; redraw flags. */
static int move_to(struct list *l, size_t i, size_t top)
{
	if (i == l->sel && top == l->top)
		return R_NONE;
	if (top != l->top) {
		l->top = top;
		l->dirty_all = true;
	}
	mark(l, l->sel);
	mark(l, i);
	l->sel = i;
	show_selected(l);
	return R_ROWS;
}

/* One row up (dir < 0) or down, skipping rows that cannot be selected and
 * wrapping around when the list wraps. */
static int step(struct list *l, int dir)
{
	size_t n = count(l, l->sel + 1);
	if (n == 0)
		return R_NONE;
	size_t i = l->sel;
	for (size_t tries = 0; tries < n; tries++) {
		if (dir < 0 && i == 0) {
			if (!l->wrap)
				return R_NONE;
			n = count(l, SIZE_MAX - 1);
			i = n - 1;
		} else if (dir < 0) {
			i--;
		} else if (i + 1 >= (n = count(l, i + 1))) {
			if (!l->wrap)
				return R_NONE;
			i = 0;
		} else {
			i++;
		}
		if (selectable(l, i))
			return move_to(l, i, l->top);
	}
	return R_NONE;
}

/* A page down (dir > 0) or up: the selection and the page move together. */
static int page_move(struct list *l, int dir)
{
	size_t p = page(l), n = count(l, l->sel + 2 * p);
	if (n == 0)
		return R_NONE;
	size_t i, top;
	if (dir > 0) {
		size_t last_top = n > p ? n - p : 0;
		i = l->sel + p < n ? l->sel + p : n - 1;
		top = l->top + p < last_top ? l->top + p : last_top;
	} else {
		i = l->sel > p ? l->sel - p : 0;
		top = l->top > p ? l->top - p : 0;
	}
	i = nearest(l, i, n, dir < 0);
	return i < n ? move_to(l, i, top) : R_NONE;
}

/* The first row (Home) or the last (End, which loads a lazy source whole). */
static int jump_end(struct list *l, bool last)
{
	size_t n = count(l, last ? SIZE_MAX - 1 : 0);
	if (n == 0)
		return R_NONE;
	size_t i = nearest(l, last ? n - 1 : 0, n, !last);
	size_t top = last && n > page(l) ? n - page(l) : 0;
	return i < n ? move_to(l, i, top) : R_NONE;
}

/* Prepares a list over ops and ctx, with a filter box when filter. */
void list_init(struct list *l, const struct list_ops *ops, void *ctx, bool filter)
{
	*l = (struct list){.ops = ops, .ctx = ctx, .has_filter = filter, .dirty_all = true};
	editor_init(&l->filter, FILTER_MAX);
}

/* Frees the filter box. */
void list_free(struct list *l)
{
	editor_free(&l->filter);
}

/* The rows changed wholly: the first selectable one is selected. */
void list_reset(struct list *l)
{
	l->top = l->sel = 0;
	if (l->ops->selectable) {
		size_t n = count(l, 0);
		size_t i = nearest(l, 0, n, true);
		l->sel = i < n ? i : 0;
	}
	l->dirty_all = true;
}

/* The rows were read again: the selection stays where it can. */
void list_reload(struct list *l)
{
	size_t n = count(l, l->sel);
	if (l->sel >= n) {
		size_t i = nearest(l, n ? n - 1 : 0, n, false);
		l->sel = i < n ? i : 0;
	}
	l->dirty_all = true;
}

/* The selected row in *i; false when the list is empty. */
bool list_selected(struct list *l, size_t *i)
{
	if (l->sel >= count(l, l->sel) || !selectable(l, l->sel))
		return false;
	*i = l->sel;
	return true;
}

/* Selects row i. */
void list_select(struct list *l, size_t i)
{
	if (i < count(l, i))
		move_to(l, i, l->top);
}

/* Puts text in the filter box and filters by it. */
void list_set_filter(struct list *l, const char *text)
{
	editor_set(&l->filter, text);
	char *t = editor_text(&l->filter);
	if (l->ops->filter)
		l->ops->filter(l->ctx, t);
	free(t);
	list_reset(l);
}

/* Moves the selection or edits the filter box; redraw flags, or -1. */
int list_key(struct list *l, const struct key *k)
{
	switch (k->action) {
	case ACT_UP:
	case ACT_PREV:
		return step(l, -1);
	case ACT_DOWN:
	case ACT_NEXT:
		return step(l, 1);
	case ACT_PGUP:
		return page_move(l, -1);
	case ACT_PGDN:
		return page_move(l, 1);
	case ACT_HOME:
		return jump_end(l, false);
	case ACT_END:
		return jump_end(l, true);
	default:
		break;
	}
	if (!l->has_filter)
		return -1;
	switch (keys_edit(&l->filter, k)) {
	case EDIT_MOVED:
		return R_ROWS; /* the box is drawn again with the rows */
	case EDIT_CHANGED: {
		char *t = editor_text(&l->filter);
		if (l->ops->filter)
			l->ops->filter(l->ctx, t);
		free(t);
		list_reset(l);
		return R_BODY;
	}
	case EDIT_FULL:
		return R_NONE;
	default:
		return -1;
	}
}

/* Draws row i of n on its line of the page: the screen's row, or blank. */
static void draw_one(struct list *l, size_t i, size_t n)
{
	int y = l->y + (int)(i - l->top);
	if (i < n)
		l->ops->draw(l->ctx, i, y, l->x, l->w, i == l->sel);
	else
		draw_blank(y, l->x, l->w, A_NORMAL);
}

/* Draws the list at (y, x) in h rows of w columns: all, or the changed rows. */
void list_draw(struct list *l, int y, int x, int h, int w, bool all)
{
	if (y != l->y || x != l->x || h != l->h || w != l->w)
		all = true;
	l->y = y;
	l->x = x;
	l->h = h;
	l->w = w;
	if (h <= 0 || w <= 0)
		return;
	size_t n = count(l, l->top + (size_t)h);
	if (n == 0) {
		l->sel = l->top = 0;
	} else if (l->sel >= n) {
		size_t i = nearest(l, n - 1, n, false);
		l->sel = i < n ? i : 0;
	}
	show_selected(l);
	n = count(l, l->top + (size_t)h);
	if (all || l->dirty_all) {
		for (int r = 0; r < h; r++)
			draw_one(l, l->top + (size_t)r, n);
	} else {
		for (int d = 0; d < l->ndirty; d++)
			if (l->dirty[d] >= l->top && l->dirty[d] < l->top + (size_t)h)
				draw_one(l, l->dirty[d], n);
	}
	l->dirty_all = false;
	l->ndirty = 0;
}

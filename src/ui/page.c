/*
 * page.c - a record page's lines: a project, an enterprise or an issue
 * laid out once as lines (a heading, a "label  value" field, a blank)
 * and then only scrolled and drawn.  The screens keep what the lines say
 * and what Enter does; this keeps the lines, the scrolling and the drawing.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "ui.h"
#include "xalloc.h"

void page_add(struct page *p, const char *left, const char *right, int attr)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->l = xreallocarray(p->l, (size_t)p->cap, sizeof *p->l);
	}
	p->l[p->n].left = xstrdup(left ? left : "");
	p->l[p->n].right = right ? xstrdup(right) : NULL;
	p->l[p->n].attr = attr;
	p->n++;
}

void page_line(void *page, const char *text, int attr)
{
	page_add(page, text, NULL, attr);
}

void page_clear(struct page *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->l[i].left);
		free(p->l[i].right);
	}
	p->n = 0;
}

void page_free(struct page *p)
{
	page_clear(p);
	free(p->l);
	p->l = NULL;
	p->cap = 0;
}

void page_draw(struct page *p, int top, int rows, int cols, bool two)
{
	p->rows = rows;
	int lw = p->label_w > 20 ? 20 : p->label_w;
	int colw = two ? cols / 2 : cols;
	int y = top, i = p->top;
	for (; y < top + rows && i < p->n; y++) {
		const struct page_line *l = &p->l[i];
		draw_blank(y, 0, cols, A_NORMAL);
		if (!l->right) {
			draw_text(y, 1, l->left, cols - 2, false, l->attr);
			i++;
			continue;
		}
		for (int c = 0; c < (two ? 2 : 1) && i < p->n && p->l[i].right; c++, i++) {
			int x = 1 + c * colw;
			draw_text(y, x, p->l[i].left, lw, true, term_attr(ATTR_DIM));
			draw_text(y, x + lw + 2, p->l[i].right, colw - lw - 4, false, A_NORMAL);
		}
	}
	for (; y < top + rows; y++)
		draw_blank(y, 0, cols, A_NORMAL);
}

bool page_scroll(struct page *p, enum action action)
{
	int step = p->rows > 2 ? p->rows - 1 : 1;
	switch (action) {
	case ACT_UP:
		if (p->top > 0)
			p->top--;
		return true;
	case ACT_DOWN:
		if (p->top + 1 < p->n)
			p->top++;
		return true;
	case ACT_PGUP:
		p->top = p->top > step ? p->top - step : 0;
		return true;
	case ACT_PGDN:
		if (p->top + step < p->n)
			p->top += step;
		return true;
	case ACT_HOME:
		p->top = 0;
		return true;
	default:
		return false;
	}
}

bool page_which(struct app *a, const void *arg, enum kind k, const char *question,
		uint64_t *id)
{
	if (arg) {
		*id = *(const uint64_t *)arg;
		return true;
	}
	char which[256] = "";
	if (!app_prompt(a, question, which, sizeof which) || !*which)
		return false;
	if (zs_resolve(app_zs(a), k, which, id) != ZS_OK) {
		app_fail(a, app_zs(a));
		return false;
	}
	return true;
}

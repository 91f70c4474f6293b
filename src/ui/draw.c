/*
 * draw.c - putting text on the screen by display columns.
 *
 * Text arrives as UTF-8 and leaves as wide characters through ncursesw,
 * which converts them to the terminal's encoding (UTF-8 or GB18030).
 * Every function is told how many columns it may use and never spills
 * over: a double-width character that does not fit becomes a space.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>

#include "editor.h"
#include "ui.h"
#include "utf8.h"

/* Display columns of wide text (control characters take none). */
static int wide_width(const wchar_t *s)
{
	int w = 0;
	for (size_t i = 0; s && s[i]; i++)
		if (s[i] >= 32)
			w += text_cpwidth((uint32_t)s[i]);
	return w;
}

/* Draws wide text at (y, x) in at most cols columns; the columns drawn.
 * Text that does not fit ends in '>' at the cut, so that nothing is cut
 * without a sign. */
int draw_wide(int y, int x, const wchar_t *s, int cols, bool pad, int attr)
{
	int used = 0;
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	bool cut = cols > 1 && wide_width(s) > cols;
	int room = cut ? cols - 1 : cols;
	attrset(attr); /* attr may carry a colour pair */
	move(y, x);
	for (size_t i = 0; s && s[i]; i++) {
		int w = text_cpwidth((uint32_t)s[i]);
		if (s[i] < 32)
			continue;
		if (used + w > room)
			break;
		/* A character and its combining marks go out together. */
		wchar_t cell[8];
		size_t n = 0;
		cell[n++] = s[i];
		while (s[i + 1] && text_cpwidth((uint32_t)s[i + 1]) == 0 && n < 6)
			cell[n++] = s[++i];
		cell[n] = 0;
		addnwstr(cell, (int)n);
		used += w;
	}
	if (cut) {
		for (; used < cols - 1; used++)
			addch(' ');
		addch('>');
		used++;
	}
	if (pad)
		for (; used < cols; used++)
			addch(' ');
	attrset(A_NORMAL);
	return used;
}

/* Draws UTF-8 text at (y, x) in at most cols columns; the columns drawn. */
int draw_text(int y, int x, const char *s, int cols, bool pad, int attr)
{
	size_t n;
	wchar_t *w = text_to_wide(s ? s : "", &n);
	int used = draw_wide(y, x, w, cols, pad, attr);
	free(w);
	return used;
}

/* Fills a row segment with spaces. */
void draw_blank(int y, int x, int cols, int attr)
{
	draw_wide(y, x, L"", cols, true, attr);
}

/* Draws a box border. */
void draw_box(int y, int x, int h, int w, int attr)
{
	attrset(attr);
	if (term_utf8()) {
		mvhline(y, x + 1, ACS_HLINE, w - 2);
		mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
		mvvline(y + 1, x, ACS_VLINE, h - 2);
		mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
		mvaddch(y, x, ACS_ULCORNER);
		mvaddch(y, x + w - 1, ACS_URCORNER);
		mvaddch(y + h - 1, x, ACS_LLCORNER);
		mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	} else {
		/* GB18030 and other legacy terminals (and luit) garble the line-
		 * drawing set, and Unicode box characters are two columns wide
		 * in CJK fonts there: plain ASCII is right everywhere. */
		mvhline(y, x + 1, '-', w - 2);
		mvhline(y + h - 1, x + 1, '-', w - 2);
		mvvline(y + 1, x, '|', h - 2);
		mvvline(y + 1, x + w - 1, '|', h - 2);
		mvaddch(y, x, '+');
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvaddch(y + h - 1, x + w - 1, '+');
	}
	attrset(A_NORMAL);
}

/* Draws a table cell of w columns, right-aligned when right; a cell too
 * long for its column ends in the cut sign. */
void draw_cell(int y, int x, const char *text, int w, bool right, int attr)
{
	int tw = text_width(text ? text : "");
	if (right && tw < w) {
		draw_blank(y, x, w - tw, attr);
		draw_text(y, x + w - tw, text, tw, true, attr);
	} else {
		draw_text(y, x, text ? text : "", w, true, attr);
	}
}

/* Draws one row of a table from x = 1, each cell padded to its width. */
void draw_row(int y, int cols, const int *w, unsigned right, const char *const *cells, int n,
	      int attr)
{
	int x = 1;
	draw_blank(y, 0, cols, attr);
	for (int c = 0; c < n; c++) {
		if (!w[c])
			continue;
		draw_cell(y, x, cells[c], w[c], (right >> c) & 1, attr);
		x += w[c] + 2;
	}
}

/* Draws a pop-up box with a label and the line being typed on its first row. */
void draw_popup(int y, int x, int h, int w, const char *label, struct editor *e, int *row,
		int *col, bool all)
{
	if (all) {
		draw_box(y, x, h, w, term_attr(ATTR_ACCENT));
		for (int i = 1; i < h - 1; i++)
			draw_blank(y + i, x + 1, w - 2, A_NORMAL);
	}
	int lx = draw_text(y + 1, x + 2, label, w - 4, false, term_attr(ATTR_ACCENT)) + 1;
	wchar_t view[256];
	int cc = editor_view(e, w - 5 - lx, view, 256);
	draw_wide(y + 1, x + 2 + lx, view, w - 5 - lx, true, term_attr(ATTR_FIELD));
	*row = y + 1;
	*col = x + 2 + lx + cc;
}

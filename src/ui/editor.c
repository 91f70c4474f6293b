/*
 * editor.c - a one-line editor over wide characters, for form fields.
 *
 * Kept free of curses so it can be tested with Chinese, combining and
 * mixed text; columns come from text_cpwidth() (utf8.h), computed when
 * needed, never stored.  A "character" for the cursor is a base code
 * point followed by its zero-width marks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "editor.h"
#include "utf8.h"
#include "xalloc.h"

/* Grows the buffer to hold n characters and a terminator. */
static void reserve(struct editor *e, size_t n)
{
	if (n + 1 <= e->cap)
		return;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < n + 1)
		cap *= 2;
	e->buf = xreallocarray(e->buf, cap, sizeof *e->buf);
	e->cap = cap;
}

/* True for a mark drawn over the previous character (width 0). */
static bool is_mark(wchar_t c)
{
	return c != 0 && text_cpwidth((uint32_t)c) == 0;
}

/* Start of the character after position i. */
static size_t next_char(const struct editor *e, size_t i)
{
	if (i >= e->len)
		return e->len;
	i++;
	while (i < e->len && is_mark(e->buf[i]))
		i++;
	return i;
}

/* Start of the character before position i. */
static size_t prev_char(const struct editor *e, size_t i)
{
	while (i > 0) {
		i--;
		if (!is_mark(e->buf[i]))
			break;
	}
	return i;
}

/* Prepares an empty editor accepting at most maxlen characters (0: any). */
void editor_init(struct editor *e, size_t maxlen)
{
	memset(e, 0, sizeof *e);
	e->maxlen = maxlen;
	reserve(e, 0);
	e->buf[0] = 0;
}

/* Limits the text to what n bytes of UTF-8 hold (0: any). */
void editor_limit_bytes(struct editor *e, size_t n)
{
	e->maxbytes = n;
}

/* Frees the buffer. */
void editor_free(struct editor *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

/* Counts characters (not marks) in buf[0..n). */
static size_t count_chars(const wchar_t *buf, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !is_mark(buf[i]);
	return k;
}

/* Replaces the text with UTF-8 s; the cursor goes to the end. */
void editor_set(struct editor *e, const char *s)
{
	e->len = e->cur = e->scroll = 0;
	e->buf[0] = 0;
	editor_paste(e, s ? s : "");
	e->changed = false;
}

/* Newly allocated UTF-8 copy of the text. */
char *editor_text(const struct editor *e)
{
	char *t = text_from_wide(e->buf, e->len);
	if (!t)
		xalloc_die();
	return t;
}

/* Bytes of buf[0..n) in UTF-8. */
static size_t utf8_bytes(const wchar_t *buf, size_t n)
{
	size_t b = 0;
	char tmp[4];
	for (size_t i = 0; i < n; i++)
		b += utf8_encode((uint32_t)buf[i], tmp);
	return b;
}

/* Inserts c at the cursor without checks. */
static void insert_raw(struct editor *e, wchar_t c)
{
	reserve(e, e->len + 1);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->buf[++e->len] = 0;
	e->changed = true;
}

/* Inserts one character at the cursor; false when it does not fit or is a control. */
bool editor_insert(struct editor *e, wchar_t c)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0xD800 && c <= 0xDFFF) ||
	    c > 0x10FFFF)
		return false;
	if (!is_mark(c) && e->maxlen && count_chars(e->buf, e->len) >= e->maxlen)
		return false;
	if (is_mark(c) && e->cur == 0)
		return false; /* a mark needs something to sit on */
	char tmp[4];
	if (e->maxbytes && utf8_bytes(e->buf, e->len) + utf8_encode((uint32_t)c, tmp) > e->maxbytes)
		return false;
	insert_raw(e, c);
	return true;
}

/* Inserts UTF-8 text (a paste) at the cursor; the characters inserted. */
size_t editor_paste(struct editor *e, const char *s)
{
	size_t n = strlen(s), k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		if (c == '\r' && i < n && s[i] == '\n')
			continue; /* CR LF is one line break */
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (editor_insert(e, (wchar_t)c))
			k++;
		else if ((e->maxlen && count_chars(e->buf, e->len) >= e->maxlen) ||
			 (e->maxbytes && utf8_bytes(e->buf, e->len) >= e->maxbytes))
			break;
	}
	return k;
}

/* Removes buf[a..b). */
static void cut(struct editor *e, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(e->buf + a, e->buf + b, (e->len - b + 1) * sizeof *e->buf);
	e->len -= b - a;
	if (e->cur > b)
		e->cur -= b - a;
	else if (e->cur > a)
		e->cur = a;
	if (e->scroll > e->len)
		e->scroll = 0;
	e->changed = true;
}

/* Deletes the character under the cursor (with its combining marks). */
bool editor_delete(struct editor *e)
{
	if (e->cur >= e->len)
		return false;
	cut(e, e->cur, next_char(e, e->cur));
	return true;
}

/* Deletes the character before the cursor (with its combining marks). */
bool editor_backspace(struct editor *e)
{
	if (e->cur == 0)
		return false;
	cut(e, prev_char(e, e->cur), e->cur);
	return true;
}

/* Moves the cursor one character left; false at the start. */
bool editor_left(struct editor *e)
{
	if (e->cur == 0)
		return false;
	e->cur = prev_char(e, e->cur);
	return true;
}

/* Moves the cursor one character right; false at the end. */
bool editor_right(struct editor *e)
{
	if (e->cur >= e->len)
		return false;
	e->cur = next_char(e, e->cur);
	return true;
}

/* Moves the cursor to the start; false when it was there. */
bool editor_home(struct editor *e)
{
	bool moved = e->cur != 0;
	e->cur = 0;
	return moved;
}

/* Moves the cursor to the end; false when it was there. */
bool editor_end(struct editor *e)
{
	bool moved = e->cur != e->len;
	e->cur = e->len;
	return moved;
}

/* Class of a character for word moves: 0 space/punctuation, 1 letters
 * and digits, 2 CJK and other wide characters. */
static int word_class(wchar_t c)
{
	if (iswspace((wint_t)c) || iswpunct((wint_t)c))
		return 0; /* full-width ，。 and the ideographic space too */
	if (text_cpwidth((uint32_t)c) == 2)
		return 2;
	if (iswalnum((wint_t)c) || (c >= 0x80 && !iswpunct((wint_t)c) && !iswspace((wint_t)c)))
		return 1;
	return 0;
}

/* Moves the cursor to the start of the next word. */
bool editor_word_right(struct editor *e)
{
	size_t i = e->cur;
	if (i >= e->len)
		return false;
	int cls = word_class(e->buf[i]);
	while (i < e->len && cls != 0 && word_class(e->buf[i]) == cls)
		i = next_char(e, i);
	while (i < e->len && word_class(e->buf[i]) == 0)
		i = next_char(e, i);
	e->cur = i;
	return true;
}

/* Moves the cursor to the start of this or the previous word. */
bool editor_word_left(struct editor *e)
{
	size_t i = e->cur;
	if (i == 0)
		return false;
	i = prev_char(e, i);
	while (i > 0 && word_class(e->buf[i]) == 0)
		i = prev_char(e, i);
	int cls = word_class(e->buf[i]);
	while (i > 0 && cls != 0 && word_class(e->buf[prev_char(e, i)]) == cls)
		i = prev_char(e, i);
	e->cur = i;
	return true;
}

/* Deletes from the cursor to the end of the text (Ctrl-K). */
bool editor_kill_end(struct editor *e)
{
	if (e->cur >= e->len)
		return false;
	cut(e, e->cur, e->len);
	return true;
}

/* Deletes from the start of the text to the cursor (Ctrl-U). */
bool editor_kill_start(struct editor *e)
{
	if (e->cur == 0)
		return false;
	cut(e, 0, e->cur);
	return true;
}

/* Deletes the word before the cursor (Ctrl-W). */
bool editor_kill_word(struct editor *e)
{
	size_t end = e->cur;
	if (!editor_word_left(e))
		return false;
	cut(e, e->cur, end);
	return true;
}

/* Columns of buf[a..b). */
static int cols(const struct editor *e, size_t a, size_t b)
{
	int w = 0;
	for (size_t i = a; i < b; i++)
		w += text_cpwidth((uint32_t)e->buf[i]);
	return w;
}

/* Display width of the whole text. */
int editor_width(const struct editor *e)
{
	return cols(e, 0, e->len);
}

/* The first character at or after column col of the text (or the end). */
static size_t at_column(const struct editor *e, int col)
{
	size_t i = 0;
	int w = 0;
	while (i < e->len && w < col) {
		w += text_cpwidth((uint32_t)e->buf[i]);
		i = next_char(e, i);
	}
	return i;
}

/* A wide field's view starts on a page boundary - a multiple of half its
 * width - and moves only when the cursor leaves it: to the first page
 * from which the cursor fits.  Typing past the edge then moves the view
 * once in half a field, not on every key, and the view depends only on
 * the text and the cursor, not on how many keys came between two
 * layouts (keys typed ahead show the same as keys typed one by one). */
static void view_pages(struct editor *e, int width, int need)
{
	int half = width / 2, tail = e->cur == e->len;
	bool fits = e->scroll <= e->cur && cols(e, e->scroll, e->cur) + need <= width;
	/* Deleting at the end: a view less than half full is laid out again,
	 * so that it shows more. */
	bool sparse = e->scroll > 0 && cols(e, e->scroll, e->len) + tail <= half;
	if (cols(e, 0, e->len) + tail <= width) {
		e->scroll = 0;
		return;
	}
	if (fits && !sparse)
		return;
	for (int k = 0;; k++) {
		size_t start = at_column(e, k * half);
		if (start > e->cur || start == e->len) {
			e->scroll = e->cur; /* the cursor at the left edge */
			return;
		}
		if (cols(e, start, e->cur) + need <= width) {
			e->scroll = start;
			return;
		}
	}
}

/* Lays the text out in width columns; the cursor's column. */
int editor_view(struct editor *e, int width, wchar_t *out, size_t outcap)
{
	if (width < 2)
		width = 2;
	if (e->scroll > e->cur)
		e->scroll = e->cur;
	/* Never start the view on a mark whose character is off to the left. */
	while (e->scroll > 0 && e->scroll < e->len && is_mark(e->buf[e->scroll]))
		e->scroll--;
	/* The cursor needs its own cell: at the end, one column; on a wide
	 * character, two. */
	int need = e->cur < e->len ? text_cpwidth((uint32_t)e->buf[e->cur]) : 1;
	if (need < 1)
		need = 1;
	if (width >= 20) {
		view_pages(e, width, need);
	} else {
		while (e->scroll < e->cur && cols(e, e->scroll, e->cur) + need > width)
			e->scroll = next_char(e, e->scroll);
		/* Scroll back when there is room, so deleting at the end shows more. */
		while (e->scroll > 0 &&
		       cols(e, prev_char(e, e->scroll), e->len) + (e->cur == e->len) <= width)
			e->scroll = prev_char(e, e->scroll);
	}
	int cursor = cols(e, e->scroll, e->cur);
	size_t o = 0;
	int used = 0;
	for (size_t i = e->scroll; i < e->len && o + 1 < outcap; i++) {
		int w = text_cpwidth((uint32_t)e->buf[i]);
		if (used + w > width) {
			if (used < width && o + 1 < outcap)
				out[o++] = L' '; /* a wide character cut at the edge */
			break;
		}
		out[o++] = e->buf[i];
		used += w;
	}
	out[o] = 0;
	return cursor;
}

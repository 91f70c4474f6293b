/*
 * editor.h - the one-line field editor, without any curses.
 *
 * Text is a buffer of wide characters (code points); the cursor moves by
 * character - a base character with its combining marks counts as one -
 * and the view is computed in display columns, so a Chinese character
 * takes two and is never cut in half at the field's edge.  The screen
 * code asks editor_view() what to draw and where the cursor goes; the
 * editor itself draws nothing, which is why it can be unit-tested.
 */
#ifndef ZSDESK_EDITOR_H
#define ZSDESK_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct editor {
	wchar_t *buf;
	size_t len, cap;
	size_t cur;     /* cursor: index into buf, 0..len */
	size_t scroll;  /* first character shown */
	size_t maxlen;  /* most characters accepted, 0 for no limit */
	size_t maxbytes; /* most bytes of UTF-8 the text may take, 0 for no limit */
	bool changed;
};

/* Prepares an empty editor accepting at most maxlen characters (0: any). */
void editor_init(struct editor *e, size_t maxlen);

/* Limits the text to what n bytes of UTF-8 hold (0: any), so that it
 * fits a caller's buffer of n + 1 bytes. */
void editor_limit_bytes(struct editor *e, size_t n);

/* Frees the buffer. */
void editor_free(struct editor *e);

/* Replaces the text with UTF-8 s; the cursor goes to the end. */
void editor_set(struct editor *e, const char *s);

/* Newly allocated UTF-8 copy of the text. */
char *editor_text(const struct editor *e);

/* Inserts one character at the cursor; false when the field is full (in
 * characters or in bytes) or c is a control character. */
bool editor_insert(struct editor *e, wchar_t c);

/* Inserts UTF-8 text (a paste) at the cursor; line breaks and tabs become
 * spaces; stops when the field is full.  Returns the characters inserted. */
size_t editor_paste(struct editor *e, const char *s);

/* Deletes the character under the cursor (with its combining marks). */
bool editor_delete(struct editor *e);

/* Deletes the character before the cursor (with its combining marks). */
bool editor_backspace(struct editor *e);

/* Cursor moves; each returns false when the cursor did not move. */
bool editor_left(struct editor *e);
bool editor_right(struct editor *e);
bool editor_home(struct editor *e);
bool editor_end(struct editor *e);
bool editor_word_left(struct editor *e);
bool editor_word_right(struct editor *e);

/* Deletes from the cursor to the end of the text (Ctrl-K). */
bool editor_kill_end(struct editor *e);

/* Deletes from the start of the text to the cursor (Ctrl-U). */
bool editor_kill_start(struct editor *e);

/* Deletes the word before the cursor (Ctrl-W). */
bool editor_kill_word(struct editor *e);

/* Lays the text out in width columns: scrolls so the cursor is visible,
 * writes the characters to show into out (at most outcap - 1, NUL-ended;
 * a space stands in for a wide character cut by the right edge) and
 * returns the cursor's column, 0..width-1. */
int editor_view(struct editor *e, int width, wchar_t *out, size_t outcap);

/* Display width of the whole text. */
int editor_width(const struct editor *e);

#endif

/*
 * test_editor.c - the one-line field editor (editor.h), without curses.
 *
 * The editor holds wide characters; a "character" for the cursor is a
 * base code point with the zero-width marks after it, and the view is
 * laid out in display columns (text_cpwidth) so that a CJK character
 * takes two and is never cut in half at the field's edge.  The cases use
 * ASCII, Chinese (BMP and the 4-byte 𠮷 U+20BB7), combining marks
 * (e + U+0301, n + U+0303) and mixed text; the view is checked for every
 * width from 2 to 12 and every cursor position against the invariants
 * in check_view(), and a randomized run (fixed seed) compares the editor
 * with a model text and cursor kept alongside after every operation.
 * text_init() runs as a fixture so widths hold under LC_ALL=C too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "editor.h"
#include "suites.h"
#include "utf8.h"

#define OUTCAP 256

/* Display columns of one wide character. */
static int cw(wchar_t c)
{
	return text_cpwidth((uint32_t)c);
}

/* True for a zero-width mark that sits on the previous character. */
static bool is_mark(wchar_t c)
{
	return c != 0 && cw(c) == 0;
}

/* Columns of b[a..z). */
static int wcols(const wchar_t *b, size_t a, size_t z)
{
	int w = 0;
	for (size_t i = a; i < z; i++)
		w += cw(b[i]);
	return w;
}

/* Characters (base code points, marks not counted) in b[0..n). */
static size_t nchars(const wchar_t *b, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !is_mark(b[i]);
	return k;
}

/* Start of the character before index i of b. */
static size_t prev_boundary(const wchar_t *b, size_t i)
{
	while (i > 0) {
		i--;
		if (!is_mark(b[i]))
			break;
	}
	return i;
}

/* Start of the character after index i of b (n code points). */
static size_t next_boundary(const wchar_t *b, size_t n, size_t i)
{
	if (i >= n)
		return n;
	i++;
	while (i < n && is_mark(b[i]))
		i++;
	return i;
}

/* Checks that the editor's text, as UTF-8, is want. */
static void expect_text(const struct editor *e, const char *want)
{
	char *t = editor_text(e);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, want);
	free(t);
}

/* Sets s and puts the cursor k characters from the start. */
static void set_at(struct editor *e, const char *s, size_t k)
{
	editor_set(e, s);
	editor_home(e);
	for (size_t i = 0; i < k; i++)
		ck_assert(editor_right(e));
}

/* Lays e out in width columns and checks every promise of the view:
 * the cursor column is inside the field and is the width of the shown
 * text before the cursor; the character under the cursor fits whole;
 * what is shown is exactly as much of the text from e->scroll as fits,
 * plus one space where a wide character would straddle the right edge;
 * it never starts with a stray mark nor leaves a shown base without its
 * marks; the text and cursor are untouched.  Returns the column. */
static int check_view_out(struct editor *e, int width, wchar_t *out)
{
	char *before = editor_text(e);
	size_t cur = e->cur, len = e->len;
	for (size_t i = 0; i < OUTCAP; i++)
		out[i] = L'#';
	int col = editor_view(e, width, out, OUTCAP);
	char *after = editor_text(e);
	char ctx[600];
	snprintf(ctx, sizeof ctx, "text \"%s\" width %d cur %zu scroll %zu col %d", before, width,
		 e->cur, e->scroll, col);

	ck_assert_msg(strcmp(before, after) == 0 && e->cur == cur && e->len == len,
		      "view changed the text or cursor: %s", ctx);
	/* (1) the cursor column is within the field */
	ck_assert_msg(col >= 0 && col <= width - 1, "cursor column out of field: %s", ctx);
	ck_assert_msg(e->scroll <= e->cur, "scrolled past the cursor: %s", ctx);
	ck_assert_msg(e->scroll == e->len || !is_mark(e->buf[e->scroll]),
		      "view starts inside a character (on a mark): %s", ctx);
	ck_assert_msg(col == wcols(e->buf, e->scroll, e->cur), "cursor column is not the width before it: %s",
		      ctx);
	/* (3) the character under the cursor is fully visible */
	if (e->cur < e->len)
		ck_assert_msg(col + cw(e->buf[e->cur]) <= width, "character under the cursor is cut: %s", ctx);

	/* what is shown must be exactly the text from scroll that fits */
	size_t o = 0, i = e->scroll;
	int used = 0;
	for (; i < e->len; i++) {
		int w = cw(e->buf[i]);
		if (used + w > width)
			break;
		ck_assert_msg(out[o] == e->buf[i], "shown U+%04X at %zu, text has U+%04X: %s", (unsigned)out[o], o,
			      (unsigned)e->buf[i], ctx);
		o++;
		used += w;
	}
	if (i < e->len && used < width) {
		/* (4) a wide character straddling the edge: one space, never half */
		ck_assert_msg(cw(e->buf[i]) == 2 && used == width - 1, "room left but nothing shown: %s", ctx);
		ck_assert_msg(out[o] == L' ', "straddling wide character not replaced by a space: %s", ctx);
		o++;
		used++;
	}
	ck_assert_msg(out[o] == 0, "view shows more than fits (or is not NUL-ended) at %zu: %s", o, ctx);
	/* (2) the displayed characters fit the field */
	ck_assert_msg(wcols(out, 0, o) <= width && used <= width, "shown text wider than the field: %s", ctx);
	ck_assert_msg(o == 0 || !is_mark(out[0]), "view starts with a lone mark: %s", ctx);
	if (e->cur < e->len)
		ck_assert_msg(e->cur < i, "cursor character not shown: %s", ctx);
	free(before);
	free(after);
	return col;
}

/* check_view_out() with a scratch output buffer. */
static int check_view(struct editor *e, int width)
{
	wchar_t out[OUTCAP];
	return check_view_out(e, width, out);
}

/* True when the view, with the cursor at the end, could not show one more
 * character on the left: scrolling back is done whenever there is room. */
static bool view_is_full_at_end(const struct editor *e, int width)
{
	if (e->scroll == 0)
		return true;
	return wcols(e->buf, prev_boundary(e->buf, e->scroll), e->len) + 1 > width;
}

/* Texts used by the view and word tests. */
static const char *const texts[] = {
	"",
	"a",
	"中",
	"hello world",
	"中文字典词汇表",
	"a中b文c字d",
	"ab中文cd字e\u0301f",
	"e\u0301e\u0301n\u0303o\u0308 cafe\u0301",
	"𠮷野家𠮷a𠮷",
	"x中\u0301y文\u0303\u0301z",
	"你好，世界。再见",
	"中中中中中中中中中中中中中中中中",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"a中aa中中aaa中中中e\u0301中",
	"  空格  spaces  ",
};
#define NTEXTS (sizeof texts / sizeof *texts)

START_TEST(test_set_get_round_trip)
{
	static const struct {
		const char *s;
		size_t len; /* code points */
	} cases[] = {
		{"", 0},
		{"hello", 5},
		{"中文", 2},
		{"abc中文def", 8},
		{"e\u0301", 2},
		{"n\u0303", 2},
		{"cafe\u0301 man\u0303ana", 13},
		{"𠮷", 1},
		{"𠮷野家", 3},
		{"a𠮷b中e\u0301", 6},
		{"\xC3\xA9t\xC3\xA9", 3},
		{"\u00A0nbsp", 5},
	};
	struct editor e;
	editor_init(&e, 0);
	expect_text(&e, "");
	ck_assert_uint_eq(e.len, 0);
	ck_assert(!e.changed);
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		editor_set(&e, cases[k].s);
		expect_text(&e, cases[k].s);
		ck_assert_uint_eq(e.len, cases[k].len);
		ck_assert_uint_eq(e.len, utf8_count(cases[k].s, strlen(cases[k].s)));
		ck_assert_uint_eq(e.cur, e.len);
		ck_assert_uint_eq(e.scroll, 0);
		ck_assert(!e.changed);
	}
	editor_set(&e, "𠮷");
	ck_assert_uint_eq(e.len, 1);
	ck_assert_uint_eq((uint32_t)e.buf[0], 0x20BB7);
	ck_assert_int_eq(e.buf[1], 0);
	editor_set(&e, "e\u0301");
	ck_assert_uint_eq((uint32_t)e.buf[0], 'e');
	ck_assert_uint_eq((uint32_t)e.buf[1], 0x301);
	editor_set(&e, NULL);
	expect_text(&e, "");
	ck_assert_uint_eq(e.cur, 0);
	/* invalid UTF-8 becomes U+FFFD, one per bad byte */
	editor_set(&e, "a\377b");
	expect_text(&e, "a\357\277\275b");
	/* a leading mark has nothing to sit on and is dropped */
	editor_set(&e, "\u0301abc");
	expect_text(&e, "abc");
	/* replacing a long text with a short one */
	editor_set(&e, "a very long text indeed");
	editor_set(&e, "中");
	expect_text(&e, "中");
	ck_assert_uint_eq(e.cur, 1);
	editor_free(&e);
	ck_assert_ptr_null(e.buf);
}
END_TEST

START_TEST(test_insert_positions)
{
	struct editor e;
	editor_init(&e, 0);
	ck_assert(editor_insert(&e, L'b'));
	ck_assert(editor_insert(&e, L'd'));
	expect_text(&e, "bd");
	ck_assert(editor_home(&e));
	ck_assert(editor_insert(&e, L'a'));
	expect_text(&e, "abd");
	ck_assert_uint_eq(e.cur, 1);
	ck_assert(editor_right(&e));
	ck_assert(editor_insert(&e, L'c'));
	expect_text(&e, "abcd");
	ck_assert_uint_eq(e.cur, 3);
	ck_assert(editor_end(&e));
	ck_assert(editor_insert(&e, L'e'));
	expect_text(&e, "abcde");
	ck_assert_uint_eq(e.cur, 5);

	/* wide and 4-byte characters at start, middle and end */
	editor_set(&e, "中文");
	editor_home(&e);
	ck_assert(editor_insert(&e, (wchar_t)0x20BB7));
	expect_text(&e, "𠮷中文");
	ck_assert(editor_right(&e));
	ck_assert(editor_insert(&e, L'日'));
	expect_text(&e, "𠮷中日文");
	editor_end(&e);
	ck_assert(editor_insert(&e, L'x'));
	expect_text(&e, "𠮷中日文x");
	ck_assert_uint_eq(e.cur, 5);

	/* a mark attaches to the character before the cursor */
	set_at(&e, "ab", 1);
	ck_assert(editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "a\u0301b");
	ck_assert_uint_eq(e.cur, 2);
	ck_assert(editor_insert(&e, (wchar_t)0x303));
	expect_text(&e, "a\u0301\u0303b");
	ck_assert(editor_left(&e));
	ck_assert_uint_eq(e.cur, 0);
	ck_assert(editor_right(&e));
	ck_assert_uint_eq(e.cur, 3);
	/* no mark at position 0, in an empty or a full editor */
	editor_home(&e);
	ck_assert(!editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "a\u0301\u0303b");
	editor_set(&e, "");
	ck_assert(!editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "");
	editor_free(&e);
}
END_TEST

START_TEST(test_insert_control_refused)
{
	static const wchar_t bad[] = {0, 1, L'\t', L'\n', L'\r', 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F};
	struct editor e;
	editor_init(&e, 0);
	editor_set(&e, "ab");
	editor_left(&e);
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		ck_assert_msg(!editor_insert(&e, bad[k]), "U+%04X accepted", (unsigned)bad[k]);
		expect_text(&e, "ab");
		ck_assert_uint_eq(e.cur, 1);
		ck_assert(!e.changed);
	}
	ck_assert(editor_insert(&e, L' '));
	ck_assert(editor_insert(&e, (wchar_t)0xA0));
	ck_assert(editor_insert(&e, L'~'));
	expect_text(&e, "a \u00A0~b");
	editor_free(&e);
}
END_TEST

START_TEST(test_maxlen_counts_characters)
{
	struct editor e;
	editor_init(&e, 3);
	ck_assert(editor_insert(&e, L'a'));
	ck_assert(editor_insert(&e, L'b'));
	ck_assert(editor_insert(&e, L'c'));
	ck_assert(!editor_insert(&e, L'd'));
	ck_assert(!editor_insert(&e, L'中'));
	expect_text(&e, "abc");
	/* a mark never counts and can always attach */
	ck_assert(editor_insert(&e, (wchar_t)0x301));
	ck_assert(editor_insert(&e, (wchar_t)0x303));
	expect_text(&e, "abc\u0301\u0303");
	editor_left(&e);
	ck_assert(editor_insert(&e, (wchar_t)0x308));
	expect_text(&e, "ab\u0308c\u0301\u0303");
	/* full in the middle and at the start; a mark at 0 stays refused */
	ck_assert(!editor_insert(&e, L'x'));
	editor_home(&e);
	ck_assert(!editor_insert(&e, L'x'));
	ck_assert(!editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "ab\u0308c\u0301\u0303");
	/* room again after a deletion */
	ck_assert(editor_delete(&e));
	ck_assert(editor_insert(&e, L'z'));
	expect_text(&e, "zb\u0308c\u0301\u0303");
	ck_assert(!editor_insert(&e, L'y'));

	/* CJK, 4-byte and composed characters count one each */
	editor_set(&e, "中文字典");
	expect_text(&e, "中文字");
	editor_set(&e, "𠮷𠮷𠮷𠮷");
	expect_text(&e, "𠮷𠮷𠮷");
	editor_set(&e, "e\u0301n\u0303o\u0308u");
	expect_text(&e, "e\u0301n\u0303o\u0308");
	editor_set(&e, "ab\u0301c\u0303");
	expect_text(&e, "ab\u0301c\u0303");
	/* the mark of a character that did not fit must not land on another */
	editor_set(&e, "abcd\u0301");
	expect_text(&e, "abc");
	editor_free(&e);

	editor_init(&e, 1);
	ck_assert(editor_insert(&e, L'中'));
	ck_assert(!editor_insert(&e, L'a'));
	ck_assert(editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "中\u0301");
	editor_free(&e);
}
END_TEST

START_TEST(test_maxbytes_fits_the_buffer)
{
	/* A prompt's buffer of n bytes takes n - 1 bytes of UTF-8: a whole
	 * date in 32, ten Chinese characters in 31, never one byte more. */
	struct editor e;
	char buf[32];
	editor_init(&e, 0);
	editor_limit_bytes(&e, sizeof buf - 1);
	editor_set(&e, "2026-11-30");
	expect_text(&e, "2026-11-30");
	editor_set(&e, "中华人民共和国北京市海淀区");
	expect_text(&e, "中华人民共和国北京市");
	ck_assert(editor_insert(&e, L'x')); /* 30 bytes + 1 */
	ck_assert(!editor_insert(&e, L'y'));
	expect_text(&e, "中华人民共和国北京市x");
	char *t = editor_text(&e);
	ck_assert_uint_le(strlen(t), sizeof buf - 1);
	free(t);
	/* a 4-byte character does not fit where only 3 bytes are left */
	editor_set(&e, "abcdefghijklmnopqrstuvwxyz01");
	ck_assert(!editor_insert(&e, (wchar_t)0x20BB7));
	ck_assert(editor_insert(&e, L'中'));
	ck_assert(!editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "abcdefghijklmnopqrstuvwxyz01中");
	/* a paste stops at the limit; a deletion makes room again */
	editor_set(&e, "");
	ck_assert_uint_eq(editor_paste(&e, "0123456789012345678901234567890123"), 31);
	ck_assert(editor_backspace(&e));
	ck_assert(editor_insert(&e, L'z'));
	ck_assert(!editor_insert(&e, L'z'));
	/* characters and bytes together: the smaller wins */
	editor_free(&e);
	editor_init(&e, 3);
	editor_limit_bytes(&e, 7);
	editor_set(&e, "中文字");
	expect_text(&e, "中文");
	editor_set(&e, "abcd");
	expect_text(&e, "abc");
	editor_free(&e);
}
END_TEST

START_TEST(test_paste)
{
	static const struct {
		const char *in, *want;
		size_t n;
	} cases[] = {
		{"hello", "hello", 5},
		{"中文", "中文", 2},
		{"a\nb", "a b", 3},
		{"a\r\nb", "a b", 3},
		{"a\rb", "a b", 3},
		{"a\tb", "a b", 3},
		{"a\n\nb", "a  b", 4},
		{"x\r\n\r\ny", "x  y", 4},
		{"\r\n", " ", 1},
		{"a\r", "a ", 2},
		{"a\001b\177", "ab", 2},
		{"line1\r\nline2\nend\t", "line1 line2 end ", 16},
		{"", "", 0},
	};
	struct editor e;
	editor_init(&e, 0);
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		editor_set(&e, "");
		ck_assert_uint_eq(editor_paste(&e, cases[k].in), cases[k].n);
		expect_text(&e, cases[k].want);
		ck_assert_uint_eq(e.cur, e.len);
		ck_assert(e.changed == (cases[k].n > 0));
	}
	/* into the middle; the cursor ends after the pasted text */
	set_at(&e, "ad", 1);
	ck_assert_uint_eq(editor_paste(&e, "b\nc"), 3);
	expect_text(&e, "ab cd");
	ck_assert_uint_eq(e.cur, 4);
	/* marks in a paste attach; a leading one at position 0 is dropped */
	set_at(&e, "", 0);
	editor_paste(&e, "\u0301e\u0301");
	expect_text(&e, "e\u0301");
	editor_free(&e);

	/* stops at maxlen */
	editor_init(&e, 5);
	editor_set(&e, "ab");
	ck_assert_uint_eq(editor_paste(&e, "cdefgh"), 3);
	expect_text(&e, "abcde");
	e.changed = false;
	ck_assert_uint_eq(editor_paste(&e, "x"), 0);
	ck_assert(!e.changed);
	expect_text(&e, "abcde");
	set_at(&e, "ab", 1);
	ck_assert_uint_eq(editor_paste(&e, "中\r\n文字典"), 3);
	expect_text(&e, "a中 文b");
	ck_assert_uint_eq(e.cur, 4);
	/* line breaks count as characters and a mark may follow the last */
	editor_set(&e, "");
	editor_paste(&e, "abcde\u0301fg");
	expect_text(&e, "abcde\u0301");
	editor_free(&e);
}
END_TEST

START_TEST(test_delete_backspace)
{
	struct editor e;
	editor_init(&e, 0);
	ck_assert(!editor_delete(&e));
	ck_assert(!editor_backspace(&e));
	ck_assert(!e.changed);

	editor_set(&e, "ae\u0301b");
	ck_assert(!editor_delete(&e)); /* at the end */
	editor_left(&e);
	ck_assert_uint_eq(e.cur, 3);
	ck_assert(editor_backspace(&e));
	expect_text(&e, "ab");
	ck_assert_uint_eq(e.cur, 1);
	ck_assert(e.changed);

	set_at(&e, "ae\u0301b", 1);
	ck_assert(editor_delete(&e));
	expect_text(&e, "ab");
	ck_assert_uint_eq(e.cur, 1);

	set_at(&e, "n\u0303\u0301x", 0);
	ck_assert(!editor_backspace(&e)); /* at the start */
	ck_assert(editor_delete(&e));
	expect_text(&e, "x");
	ck_assert_uint_eq(e.cur, 0);

	editor_set(&e, "x中𠮷");
	ck_assert(editor_backspace(&e));
	expect_text(&e, "x中");
	ck_assert(editor_backspace(&e));
	expect_text(&e, "x");
	ck_assert(editor_backspace(&e));
	expect_text(&e, "");
	ck_assert(!editor_backspace(&e));

	set_at(&e, "中e\u0301𠮷", 1);
	ck_assert(editor_delete(&e));
	expect_text(&e, "中𠮷");
	ck_assert(editor_delete(&e));
	expect_text(&e, "中");
	ck_assert(!editor_delete(&e));
	editor_free(&e);
}
END_TEST

START_TEST(test_cursor_moves)
{
	struct editor e;
	editor_init(&e, 0);
	ck_assert(!editor_left(&e));
	ck_assert(!editor_right(&e));
	ck_assert(!editor_home(&e));
	ck_assert(!editor_end(&e));

	/* a e+U+0301 中 𠮷 n+U+0303+U+0301 */
	editor_set(&e, "ae\u0301中𠮷n\u0303\u0301");
	static const size_t stops[] = {0, 1, 3, 4, 5, 8};
	ck_assert_uint_eq(e.len, 8);
	ck_assert(!editor_end(&e));
	ck_assert(editor_home(&e));
	ck_assert(!editor_home(&e));
	for (size_t k = 1; k < 6; k++) {
		ck_assert(editor_right(&e));
		ck_assert_uint_eq(e.cur, stops[k]);
	}
	ck_assert(!editor_right(&e));
	for (size_t k = 5; k-- > 0;) {
		ck_assert(editor_left(&e));
		ck_assert_uint_eq(e.cur, stops[k]);
	}
	ck_assert(!editor_left(&e));
	ck_assert(editor_end(&e));
	ck_assert_uint_eq(e.cur, 8);
	ck_assert(!e.changed);
	editor_free(&e);
}
END_TEST

/* Moves word right from the start through want[0..n) and back left. */
static void check_words(const char *s, const size_t *right, size_t nr, const size_t *left, size_t nl)
{
	struct editor e;
	editor_init(&e, 0);
	editor_set(&e, s);
	editor_home(&e);
	for (size_t k = 0; k < nr; k++) {
		ck_assert_msg(editor_word_right(&e), "\"%s\": word right %zu did not move", s, k);
		ck_assert_msg(e.cur == right[k], "\"%s\": word right %zu went to %zu, want %zu", s, k, e.cur,
			      right[k]);
	}
	ck_assert_msg(!editor_word_right(&e), "\"%s\": word right moved past the end", s);
	editor_end(&e);
	for (size_t k = 0; k < nl; k++) {
		ck_assert_msg(editor_word_left(&e), "\"%s\": word left %zu did not move", s, k);
		ck_assert_msg(e.cur == left[k], "\"%s\": word left %zu went to %zu, want %zu", s, k, e.cur,
			      left[k]);
	}
	ck_assert_msg(!editor_word_left(&e), "\"%s\": word left moved past the start", s);
	ck_assert(!e.changed);
	editor_free(&e);
}

START_TEST(test_word_ascii)
{
	const size_t r1[] = {6, 12, 15}, l1[] = {12, 6, 0};
	check_words("hello world foo", r1, 3, l1, 3);
	const size_t r2[] = {2, 7}, l2[] = {2, 0};
	check_words("  abc  ", r2, 2, l2, 2);
	const size_t r3[] = {3}, l3[] = {0};
	check_words("   ", r3, 1, l3, 1);
	const size_t r4[] = {1}, l4[] = {0};
	check_words("x", r4, 1, l4, 1);
	const size_t r5[] = {5, 9}, l5[] = {5, 0};
	check_words("a1b2 c3d4", r5, 2, l5, 2);
}
END_TEST

START_TEST(test_word_punctuation)
{
	const size_t r1[] = {5, 9, 12}, l1[] = {9, 5, 0};
	check_words("foo, bar.baz", r1, 3, l1, 3);
	const size_t r2[] = {2, 8, 12, 15}, l2[] = {12, 8, 2, 0};
	check_words("--path=/usr/lib", r2, 4, l2, 4); /* -- path=/ usr/ lib */
}
END_TEST

START_TEST(test_word_cjk)
{
	const size_t r1[] = {2, 6, 8}, l1[] = {6, 2, 0};
	check_words("中文abc 你好", r1, 3, l1, 3);
	const size_t r2[] = {3, 5}, l2[] = {3, 0};
	check_words("abc中文", r2, 2, l2, 2);
	const size_t r3[] = {4, 6}, l3[] = {4, 0};
	check_words("𠮷野家 中文", r3, 2, l3, 2);
}
END_TEST

START_TEST(test_word_marks)
{
	/* c a f e U+0301 space n a i U+0308 v e */
	const size_t r1[] = {6, 12}, l1[] = {6, 0};
	check_words("cafe\u0301 nai\u0308ve", r1, 2, l1, 2);
	const size_t r2[] = {5, 7}, l2[] = {5, 0};
	check_words("中\u0301文, n\u0303", r2, 2, l2, 2);
}
END_TEST

START_TEST(test_word_fullwidth_punctuation)
{
	/* full-width ，and 。 are punctuation, like ASCII , and . */
	const size_t r1[] = {3, 6, 8}, l1[] = {6, 3, 0};
	check_words("你好，世界。再见", r1, 3, l1, 3);

	struct editor e;
	editor_init(&e, 0);
	editor_set(&e, "你好，世界");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "你好，");
	editor_free(&e);
}
END_TEST

START_TEST(test_word_ideographic_space)
{
	/* U+3000 IDEOGRAPHIC SPACE separates words like a space */
	const size_t r1[] = {3, 5}, l1[] = {3, 0};
	check_words("中文\u3000日本", r1, 2, l1, 2);
}
END_TEST

START_TEST(test_kill)
{
	struct editor e;
	editor_init(&e, 0);
	ck_assert(!editor_kill_end(&e));
	ck_assert(!editor_kill_start(&e));
	ck_assert(!editor_kill_word(&e));
	ck_assert(!e.changed);

	set_at(&e, "hello world", 5);
	ck_assert(editor_kill_end(&e));
	expect_text(&e, "hello");
	ck_assert_uint_eq(e.cur, 5);
	ck_assert(e.changed);
	ck_assert(!editor_kill_end(&e));

	set_at(&e, "hello world", 6);
	ck_assert(editor_kill_start(&e));
	expect_text(&e, "world");
	ck_assert_uint_eq(e.cur, 0);
	ck_assert(!editor_kill_start(&e));

	set_at(&e, "中文e\u0301字", 3);
	ck_assert(editor_kill_start(&e));
	expect_text(&e, "字");
	set_at(&e, "中文e\u0301字", 2);
	ck_assert(editor_kill_end(&e));
	expect_text(&e, "中文");

	editor_set(&e, "foo bar");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "foo ");
	ck_assert_uint_eq(e.cur, 4);
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "");
	ck_assert(!editor_kill_word(&e));

	editor_set(&e, "foo bar  ");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "foo ");
	editor_set(&e, "foo, bar");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "foo, ");
	set_at(&e, "foo bar", 5);
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "foo ar");
	ck_assert_uint_eq(e.cur, 4);
	editor_set(&e, "你好 世界");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "你好 ");
	editor_set(&e, "abc中文");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "abc");
	editor_set(&e, "x cafe\u0301");
	ck_assert(editor_kill_word(&e));
	expect_text(&e, "x ");
	set_at(&e, "abc", 0);
	e.changed = false;
	ck_assert(!editor_kill_word(&e));
	ck_assert(!e.changed);
	expect_text(&e, "abc");
	editor_free(&e);
}
END_TEST

START_TEST(test_changed_flag)
{
	struct editor e;
	editor_init(&e, 2);
	ck_assert(!e.changed);
	editor_set(&e, "ab");
	ck_assert(!e.changed);
	/* moves, refusals and no-op deletions leave it alone */
	editor_left(&e);
	editor_home(&e);
	editor_right(&e);
	editor_end(&e);
	editor_word_left(&e);
	editor_word_right(&e);
	ck_assert(!editor_insert(&e, L'c'));
	ck_assert(!editor_insert(&e, 1));
	ck_assert(!editor_delete(&e));
	ck_assert_uint_eq(editor_paste(&e, "xyz"), 0);
	check_view(&e, 5);
	ck_assert(!e.changed);
	editor_home(&e);
	ck_assert(!editor_backspace(&e));
	ck_assert(!editor_kill_start(&e));
	ck_assert(!editor_kill_word(&e));
	ck_assert(!e.changed);
	/* every edit sets it */
	ck_assert(editor_delete(&e));
	ck_assert(e.changed);
	e.changed = false;
	ck_assert(editor_insert(&e, L'q'));
	ck_assert(e.changed);
	e.changed = false;
	ck_assert(editor_backspace(&e));
	ck_assert(e.changed);
	e.changed = false;
	ck_assert(editor_kill_end(&e));
	ck_assert(e.changed);
	e.changed = false;
	ck_assert_uint_eq(editor_paste(&e, "z"), 1);
	ck_assert(e.changed);
	e.changed = false;
	ck_assert(editor_kill_start(&e));
	ck_assert(e.changed);
	e.changed = false;
	editor_paste(&e, "w");
	e.changed = false;
	ck_assert(editor_kill_word(&e));
	ck_assert(e.changed);
	/* set clears it */
	editor_set(&e, "new");
	ck_assert(!e.changed);
	editor_free(&e);
}
END_TEST

START_TEST(test_width)
{
	static const struct {
		const char *s;
		int w;
	} cases[] = {
		{"", 0}, {"abc", 3}, {"中文", 4}, {"e\u0301", 1}, {"n\u0303\u0301", 1},
		{"𠮷", 2}, {"a中e\u0301", 4}, {"你好，世界。", 12}, {"ab 中\u3000", 7},
	};
	struct editor e;
	editor_init(&e, 0);
	ck_assert_int_eq(editor_width(&e), 0);
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		editor_set(&e, cases[k].s);
		ck_assert_msg(editor_width(&e) == cases[k].w, "\"%s\": width %d, want %d", cases[k].s,
			      editor_width(&e), cases[k].w);
		ck_assert_int_eq(editor_width(&e), text_width(cases[k].s));
	}
	editor_free(&e);
}
END_TEST

/* Sets s, moves to character k, lays out in width and checks the
 * shown text and cursor column exactly. */
static void expect_view(const char *s, size_t k, int width, const wchar_t *want, int want_col)
{
	struct editor e;
	wchar_t out[OUTCAP];
	editor_init(&e, 0);
	set_at(&e, s, k);
	int col = check_view_out(&e, width, out);
	ck_assert_msg(wcscmp(out, want) == 0, "\"%s\" at %zu in %d: shown \"%ls\", want \"%ls\"", s, k, width, out,
		      want);
	ck_assert_msg(col == want_col, "\"%s\" at %zu in %d: column %d, want %d", s, k, width, col, want_col);
	editor_free(&e);
}

START_TEST(test_view_exact)
{
	expect_view("abc", 3, 10, L"abc", 3);
	expect_view("abc", 0, 10, L"abc", 0);
	expect_view("abcdef", 6, 4, L"def", 3);
	expect_view("abcdef", 0, 4, L"abcd", 0);
	/* a CJK character straddling the edge shows as one space */
	expect_view("中文字", 0, 5, L"中文 ", 0);
	expect_view("中文字", 0, 4, L"中文", 0);
	expect_view("a中文", 0, 4, L"a中 ", 0);
	expect_view("a中文", 0, 3, L"a中", 0);
	expect_view("a中文", 0, 2, L"a ", 0);
	expect_view("中", 0, 2, L"中", 0);
	/* at the end one column stays free for the cursor */
	expect_view("中文字", 3, 5, L"文字", 4);
	expect_view("中文字", 3, 6, L"文字", 4); /* 6 columns + cursor: scrolls */
	/* on a wide character both of its columns are needed */
	expect_view("abcd中", 4, 5, L"bcd中", 3);
	expect_view("abcd中", 4, 6, L"abcd中", 4);
	/* marks come with their base, at the edge too */
	expect_view("abcde\u0301", 0, 5, L"abcde\u0301", 0);
	expect_view("e\u0301", 1, 4, L"e\u0301", 1);
	expect_view("𠮷野", 2, 5, L"𠮷野", 4);
}
END_TEST

START_TEST(test_view_sweep)
{
	struct editor e;
	editor_init(&e, 0);
	for (int width = 2; width <= 12; width++) {
		for (size_t t = 0; t < NTEXTS; t++) {
			/* walking right from the start, with a view at each step */
			editor_set(&e, texts[t]);
			editor_home(&e);
			check_view(&e, width);
			while (editor_right(&e))
				check_view(&e, width);
			/* and back left from the end */
			while (editor_left(&e))
				check_view(&e, width);
			/* every position reached without an earlier view */
			size_t nch = nchars(e.buf, e.len);
			for (size_t k = 0; k <= nch; k++) {
				set_at(&e, texts[t], k);
				check_view(&e, width);
			}
			/* far jumps: end, home, end */
			editor_end(&e);
			check_view(&e, width);
			ck_assert(view_is_full_at_end(&e, width));
			editor_home(&e);
			check_view(&e, width);
			editor_end(&e);
			check_view(&e, width);
		}
	}
	editor_free(&e);
}
END_TEST

START_TEST(test_view_home_shows_start)
{
	struct editor e;
	wchar_t out[OUTCAP];
	editor_init(&e, 0);
	for (int width = 2; width <= 12; width++) {
		for (size_t t = 0; t < NTEXTS; t++) {
			editor_set(&e, texts[t]);
			check_view(&e, width);
			editor_home(&e);
			int col = check_view_out(&e, width, out);
			ck_assert_int_eq(col, 0);
			ck_assert_uint_eq(e.scroll, 0);
			if (e.len > 0)
				ck_assert_msg(out[0] == e.buf[0], "\"%s\" in %d: home shows U+%04X", texts[t], width,
					      (unsigned)out[0]);
			/* and again after walking to the end one step at a time */
			while (editor_right(&e))
				check_view(&e, width);
			editor_home(&e);
			ck_assert_int_eq(check_view(&e, width), 0);
			ck_assert_uint_eq(e.scroll, 0);
		}
	}
	editor_free(&e);
}
END_TEST

START_TEST(test_view_delete_scrolls_back)
{
	static const char *const longs[] = {
		"abcdefghijklmnop",
		"中文字典词汇表格式",
		"ab中文cd字e\u0301fg𠮷h",
		"a中aa中中aaa中中中",
	};
	struct editor e;
	wchar_t out[OUTCAP];
	editor_init(&e, 0);
	for (int width = 2; width <= 12; width++) {
		for (size_t t = 0; t < sizeof longs / sizeof *longs; t++) {
			/* backspace at the end */
			editor_set(&e, longs[t]);
			check_view(&e, width);
			while (editor_backspace(&e)) {
				check_view_out(&e, width, out);
				ck_assert_msg(view_is_full_at_end(&e, width),
					      "\"%s\" in %d after backspace: scroll %zu leaves room", longs[t], width,
					      e.scroll);
				if (editor_width(&e) + 1 <= width) {
					ck_assert_uint_eq(e.scroll, 0);
					ck_assert_uint_eq(wcslen(out), e.len);
				}
			}
			/* delete (and kill-end) bringing the cursor to the end */
			editor_set(&e, longs[t]);
			check_view(&e, width);
			editor_left(&e);
			editor_left(&e);
			check_view(&e, width);
			while (editor_delete(&e))
				check_view(&e, width);
			ck_assert(view_is_full_at_end(&e, width));
			editor_left(&e);
			editor_left(&e);
			editor_left(&e);
			check_view(&e, width);
			ck_assert(editor_kill_end(&e));
			check_view(&e, width);
			ck_assert(view_is_full_at_end(&e, width));
		}
	}
	/* a concrete case: 10 letters in 5 columns, then shorter */
	editor_set(&e, "abcdefghij");
	ck_assert_int_eq(check_view_out(&e, 5, out), 4);
	ck_assert(wcscmp(out, L"ghij") == 0);
	editor_backspace(&e);
	editor_backspace(&e);
	ck_assert_int_eq(check_view_out(&e, 5, out), 4);
	ck_assert(wcscmp(out, L"efgh") == 0);
	editor_kill_start(&e);
	ck_assert_int_eq(check_view_out(&e, 5, out), 0);
	ck_assert(wcscmp(out, L"") == 0);
	editor_free(&e);
}
END_TEST

START_TEST(test_view_small_outcap)
{
	struct editor e;
	wchar_t out[8];
	editor_init(&e, 0);
	editor_set(&e, "abcdef");
	editor_home(&e);
	out[0] = L'#';
	ck_assert_int_eq(editor_view(&e, 10, out, 1), 0);
	ck_assert_int_eq(out[0], 0);
	ck_assert_int_eq(editor_view(&e, 10, out, 3), 0);
	ck_assert(wcscmp(out, L"ab") == 0);
	editor_end(&e);
	ck_assert_int_eq(editor_view(&e, 10, out, 3), 6);
	ck_assert(wcscmp(out, L"ab") == 0);
	editor_free(&e);
}
END_TEST

START_TEST(test_view_mark_at_left_edge)
{
	/* A combining mark typed with the cursor at the left edge of a
	 * scrolled view sits on the character just off the edge: the view
	 * must show that whole character again, not the mark alone. */
	struct editor e;
	wchar_t out[OUTCAP];
	editor_init(&e, 0);
	editor_set(&e, "abcdefgh");
	check_view(&e, 4); /* "fgh" and the cursor */
	for (int k = 0; k < 5; k++) {
		editor_left(&e);
		check_view(&e, 4);
	}
	ck_assert_uint_eq(e.cur, 3);
	ck_assert_uint_eq(e.scroll, 3); /* the cursor on 'd' at column 0 */
	ck_assert(editor_insert(&e, (wchar_t)0x301));
	expect_text(&e, "abc\u0301defgh");
	ck_assert_int_eq(check_view_out(&e, 4, out), 1);
	ck_assert(wcscmp(out, L"c\u0301def") == 0);
	editor_free(&e);
}
END_TEST

START_TEST(test_view_wide_field_moves_by_half)
{
	/* Typing past the edge of a wide field moves the view by half the
	 * field, so it is drawn again once in ten characters, not on each;
	 * deleting back shows the whole text again once it fits. */
	struct editor e;
	editor_init(&e, 0);
	int moves = 0;
	size_t last = 0;
	for (int k = 0; k < 60; k++) {
		ck_assert(editor_insert(&e, (wchar_t)0x4e2d));
		int col = check_view(&e, 40);
		ck_assert_int_le(col, 39);
		if (e.scroll != last)
			moves++;
		last = e.scroll;
	}
	ck_assert_int_le(moves, 10); /* 120 columns: a move in each 20 */
	ck_assert_int_ge(moves, 4);
	while (e.len > 19) {
		editor_backspace(&e);
		check_view(&e, 40);
	}
	ck_assert_uint_eq(e.scroll, 0); /* 38 columns and the cursor fit */
	editor_free(&e);
	/* The view depends on the text and the cursor only: keys typed ahead
	 * and laid out once show what the same keys laid out one by one do. */
	for (int n = 1; n < 60; n++) {
		struct editor a, b;
		editor_init(&a, 0);
		editor_init(&b, 0);
		for (int k = 0; k < n; k++) {
			wchar_t c = k % 3 ? (wchar_t)0x4e2d : L'a';
			ck_assert(editor_insert(&a, c));
			check_view(&a, 40);
			ck_assert(editor_insert(&b, c));
		}
		check_view(&b, 40);
		ck_assert_msg(a.scroll == b.scroll, "%d keys: one by one %zu, at once %zu", n,
			      a.scroll, b.scroll);
		editor_free(&a);
		editor_free(&b);
	}
	/* A narrow field still moves a character at a time. */
	editor_init(&e, 0);
	editor_set(&e, "abcdefgh");
	check_view(&e, 4);
	ck_assert_uint_eq(e.scroll, 5);
	editor_free(&e);
}
END_TEST

START_TEST(test_view_edits_without_view)
{
	/* The screen normally lays out after every key, but nothing in the
	 * API requires it: edits made left of the scrolled view between two
	 * layouts must still give a view starting on a whole character. */
	struct editor e;
	wchar_t out[OUTCAP];
	editor_init(&e, 0);
	editor_set(&e, "abcdefgh");
	check_view(&e, 4); /* scrolls to "fgh" */
	ck_assert_uint_eq(e.scroll, 5);
	for (int k = 0; k < 5; k++)
		editor_left(&e); /* cursor before 'd', no layout */
	editor_paste(&e, "xe\u0301y");
	expect_text(&e, "abcxe\u0301ydefgh");
	check_view_out(&e, 4, out);
	editor_free(&e);
}
END_TEST

/* Deterministic generator for the randomized test (xorshift32). */
static uint32_t rnd_state;

/* Next pseudo-random number below n. */
static uint32_t rnd(uint32_t n)
{
	uint32_t x = rnd_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rnd_state = x;
	return x % n;
}

/* The model: the text as code points and the cursor, kept by hand. */
static wchar_t model[1024];
static size_t mlen, mcur, mmax;

/* Model of editor_insert: the rules of editor.h, applied to model[]. */
static bool model_insert(wchar_t c)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return false;
	if (is_mark(c) && mcur == 0)
		return false;
	if (!is_mark(c) && mmax && nchars(model, mlen) >= mmax)
		return false;
	memmove(model + mcur + 1, model + mcur, (mlen - mcur) * sizeof *model);
	model[mcur++] = c;
	mlen++;
	return true;
}

/* Model of editor_paste: CR LF is one break, breaks and tabs are spaces,
 * refused characters are skipped and a full field ends the paste. */
static size_t model_paste(const char *s)
{
	size_t n, k = 0;
	wchar_t *w = text_to_wide(s, &n);
	for (size_t i = 0; i < n; i++) {
		wchar_t c = w[i];
		if (c == L'\r' && i + 1 < n && w[i + 1] == L'\n')
			continue;
		if (c == L'\n' || c == L'\r' || c == L'\t')
			c = L' ';
		if (model_insert(c))
			k++;
		else if (mmax && nchars(model, mlen) >= mmax)
			break;
	}
	free(w);
	return k;
}

/* Removes model[a..b) and moves the model cursor like the editor's. */
static void model_cut(size_t a, size_t b)
{
	memmove(model + a, model + b, (mlen - b) * sizeof *model);
	mlen -= b - a;
	if (mcur > b)
		mcur -= b - a;
	else if (mcur > a)
		mcur = a;
}

/* Characters the randomized test types, control characters included. */
static const wchar_t typed[] = {
	L'a', L'b', L'Z', L'0', L' ', L' ', L',', L'.', L'-', 0xE9, L'中', L'文', L'你', L'好',
	0xFF0C, 0x3002, 0x3000, 0x20BB7, 0x301, 0x301, 0x303, 0x308, 1, L'\n', L'\t', 0x7F, 0x85, 0x1B,
};

/* Texts the randomized test pastes or sets. */
static const char *const pasted[] = {
	"hello", "中文", "a\nb", "x\r\ny", "\t", "e\u0301", "\u0301lead", "你好，世界。",
	"𠮷野家", "n\u0303o\u0308", "a\r\r\nb", "", "\001ctl", "word  two", "中\u0301",
	"abcdefghijklmnopqrstuvwxyz", "中文中文中文中文中文",
};

/* Checks the editor against the model after an operation. */
static void check_model(struct editor *e, const char *op, int step)
{
	char *want = text_from_wide(model, mlen);
	char *got = editor_text(e);
	ck_assert_msg(strcmp(want, got) == 0, "step %d (%s): text \"%s\", model \"%s\"", step, op, got, want);
	ck_assert_msg(e->cur == mcur, "step %d (%s): cursor %zu, model %zu on \"%s\"", step, op, e->cur, mcur,
		      want);
	ck_assert_msg(e->cur == e->len || !is_mark(e->buf[e->cur]), "step %d (%s): cursor on a mark in \"%s\"",
		      step, op, want);
	ck_assert_int_eq(editor_width(e), wcols(model, 0, mlen));
	if (mmax)
		ck_assert_msg(nchars(e->buf, e->len) <= mmax, "step %d (%s): over maxlen %zu", step, op, mmax);
	free(want);
	free(got);
}

START_TEST(test_random_ops)
{
	static const size_t maxlens[] = {0, 1, 3, 8, 20, 0};
	static const char *const names[] = {
		"insert", "paste", "delete", "backspace", "left", "right", "home", "end",
		"word_left", "word_right", "kill_end", "kill_start", "kill_word", "set",
	};
	struct editor e;
	rnd_state = 20240611u;
	int step = 0;
	for (size_t round = 0; round < sizeof maxlens / sizeof *maxlens; round++) {
		mmax = maxlens[round];
		editor_init(&e, mmax);
		mlen = mcur = 0;
		for (int n = 0; n < 700; n++, step++) {
			int op = (int)rnd(28);
			if (op >= 14)
				op = op < 22 ? 0 : (op < 24 ? 3 : (op < 26 ? 4 : 5)); /* mostly typing */
			if (mlen > 80) {
				editor_end(&e);
				editor_kill_start(&e);
				mlen = mcur = 0;
				op = 6;
			}
			bool r, want;
			size_t old = mcur;
			switch (op) {
			case 0: {
				wchar_t c = typed[rnd(sizeof typed / sizeof *typed)];
				want = model_insert(c);
				r = editor_insert(&e, c);
				ck_assert_msg(r == want, "step %d: insert U+%04X gave %d", step, (unsigned)c, r);
				break;
			}
			case 1: {
				const char *s = pasted[rnd(sizeof pasted / sizeof *pasted)];
				size_t k = model_paste(s);
				ck_assert_uint_eq(editor_paste(&e, s), k);
				break;
			}
			case 2:
				want = mcur < mlen;
				if (want)
					model_cut(mcur, next_boundary(model, mlen, mcur));
				ck_assert(editor_delete(&e) == want);
				break;
			case 3:
				want = mcur > 0;
				if (want)
					model_cut(prev_boundary(model, mcur), mcur);
				ck_assert(editor_backspace(&e) == want);
				break;
			case 4:
				want = mcur > 0;
				mcur = prev_boundary(model, mcur);
				ck_assert(editor_left(&e) == want);
				break;
			case 5:
				want = mcur < mlen;
				mcur = next_boundary(model, mlen, mcur);
				ck_assert(editor_right(&e) == want);
				break;
			case 6:
				ck_assert(editor_home(&e) == (mcur != 0));
				mcur = 0;
				break;
			case 7:
				ck_assert(editor_end(&e) == (mcur != mlen));
				mcur = mlen;
				break;
			case 8:
			case 9:
				/* word rules are tested exactly elsewhere: here the move
				 * goes the right way to a character boundary */
				r = op == 8 ? editor_word_left(&e) : editor_word_right(&e);
				ck_assert(r == (op == 8 ? old > 0 : old < mlen));
				if (r)
					ck_assert(op == 8 ? e.cur < old : e.cur > old);
				else
					ck_assert_uint_eq(e.cur, old);
				ck_assert(e.cur == mlen || !is_mark(model[e.cur]));
				if (op == 9 && e.cur < mlen)
					ck_assert(model[e.cur] != L' ');
				mcur = e.cur;
				break;
			case 10:
				ck_assert(editor_kill_end(&e) == (mcur < mlen));
				mlen = mcur;
				break;
			case 11:
				ck_assert(editor_kill_start(&e) == (mcur > 0));
				model_cut(0, mcur);
				break;
			case 12:
				r = editor_kill_word(&e);
				ck_assert(r == (old > 0));
				ck_assert(r ? e.cur < old : e.cur == old);
				ck_assert(!is_mark(model[e.cur]) || e.cur == mlen);
				model_cut(e.cur, old);
				break;
			default: {
				const char *s = pasted[rnd(sizeof pasted / sizeof *pasted)];
				mlen = mcur = 0;
				model_paste(s);
				editor_set(&e, s);
				ck_assert(!e.changed);
				break;
			}
			}
			check_model(&e, names[op], step);
			int width = 2 + (int)rnd(11);
			check_view(&e, width);
			if (e.cur == e.len)
				ck_assert_msg(view_is_full_at_end(&e, width), "step %d (%s): view leaves room at the end",
					      step, names[op]);
		}
		editor_free(&e);
	}
}
END_TEST

/* Declared here too until suites.h lists it (-Wmissing-prototypes). */

/* The field editor suite: text, cursor, words, kills and the view. */
Suite *editor_suite(void)
{
	Suite *s = suite_create("editor");
	TCase *tc = tcase_create("edit");
	tcase_add_checked_fixture(tc, text_init, NULL);
	tcase_add_test(tc, test_set_get_round_trip);
	tcase_add_test(tc, test_insert_positions);
	tcase_add_test(tc, test_insert_control_refused);
	tcase_add_test(tc, test_maxlen_counts_characters);
	tcase_add_test(tc, test_maxbytes_fits_the_buffer);
	tcase_add_test(tc, test_paste);
	tcase_add_test(tc, test_delete_backspace);
	tcase_add_test(tc, test_cursor_moves);
	tcase_add_test(tc, test_changed_flag);
	tcase_add_test(tc, test_width);
	suite_add_tcase(s, tc);

	tc = tcase_create("words");
	tcase_add_checked_fixture(tc, text_init, NULL);
	tcase_add_test(tc, test_word_ascii);
	tcase_add_test(tc, test_word_punctuation);
	tcase_add_test(tc, test_word_cjk);
	tcase_add_test(tc, test_word_marks);
	tcase_add_test(tc, test_word_fullwidth_punctuation);
	tcase_add_test(tc, test_word_ideographic_space);
	tcase_add_test(tc, test_kill);
	suite_add_tcase(s, tc);

	tc = tcase_create("view");
	tcase_add_checked_fixture(tc, text_init, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_view_exact);
	tcase_add_test(tc, test_view_sweep);
	tcase_add_test(tc, test_view_home_shows_start);
	tcase_add_test(tc, test_view_delete_scrolls_back);
	tcase_add_test(tc, test_view_small_outcap);
	tcase_add_test(tc, test_view_mark_at_left_edge);
	tcase_add_test(tc, test_view_edits_without_view);
	tcase_add_test(tc, test_view_wide_field_moves_by_half);
	tcase_add_test(tc, test_random_ops);
	suite_add_tcase(s, tc);
	return s;
}

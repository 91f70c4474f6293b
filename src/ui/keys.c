/*
 * keys.c - from bytes on the wire to named actions.
 *
 * One table names every action with its default keys; the same table
 * feeds dispatch, the key bar, the help screen and the user's key file
 * (~/.config/zsdesk/keys: lines "action = key key ...", read through the
 * one reader of line files, which also words its complaints).  Every function
 * key has fallbacks that survive any SSH client: Esc then a digit (Esc 1
 * is F1, Esc 0 is F10) and a Ctrl letter.  A lone Esc waits a moment for
 * a digit, then cancels.
 */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "editor.h"
#include "i18n.h"
#include "linefile.h"
#include "ui.h"

const struct action_def ui_actions[] = {
	{ACT_NONE, "none", "", ""},
	{ACT_HELP, "help", N_("Help"), "F1 Esc-1 C-t"},
	{ACT_SAVE, "save", N_("Save"), "F2 Esc-2 C-s"},
	{ACT_SEARCH, "search", N_("Search"), "F3 Esc-3 C-f"},
	{ACT_PICK, "pick", N_("List"), "F4 Esc-4 C-p"},
	{ACT_REFRESH, "refresh", N_("Refresh"), "F5 Esc-5 C-r"},
	{ACT_LANG, "language", N_("中文/English"), "F8 Esc-8 C-v"},
	{ACT_MENU, "menu", N_("Menu"), "F10 Esc-0 C-x"},
	{ACT_JUMP, "jump", N_("Go to"), "C-g"},
	{ACT_CANCEL, "cancel", N_("Back"), "Esc C-c"},
	{ACT_QUIT, "quit", N_("Quit"), "C-q"},
	{ACT_REDRAW, "redraw", N_("Redraw"), "C-l"},
	{ACT_NEXT, "next-field", N_("Next field"), "Tab"},
	{ACT_PREV, "previous-field", N_("Previous field"), "S-Tab"},
	{ACT_UP, "up", N_("Up"), "Up"},
	{ACT_DOWN, "down", N_("Down"), "Down"},
	{ACT_LEFT, "left", N_("Left"), "Left C-b"},
	{ACT_RIGHT, "right", N_("Right"), "Right"},
	{ACT_HOME, "home", N_("Start"), "Home C-a"},
	{ACT_END, "end", N_("End"), "End C-e"},
	{ACT_PGUP, "page-up", N_("Page up"), "PgUp Esc-,"},
	{ACT_PGDN, "page-down", N_("Page down"), "PgDn C-n"},
	{ACT_ENTER, "enter", N_("Open / next"), "Enter"},
	{ACT_BACKSPACE, "backspace", N_("Delete left"), "Backspace"},
	{ACT_DELETE, "delete", N_("Delete"), "Delete C-d"},
	{ACT_WORD_LEFT, "word-left", N_("Word left"), "C-Left Esc-b"},
	{ACT_WORD_RIGHT, "word-right", N_("Word right"), "C-Right Esc-f"},
	{ACT_KILL_END, "delete-to-end", N_("Delete to end"), "C-k"},
	{ACT_KILL_START, "delete-to-start", N_("Delete to start"), "C-u"},
	{ACT_KILL_WORD, "delete-word", N_("Delete word"), "C-w"},
	{ACT_NEW, "new", N_("New"), "F6 Esc-6"},
	{ACT_EDIT, "edit", N_("Edit"), "F7 Esc-7"},
	{ACT_STAGE, "stage", N_("Stage"), "F9 Esc-9"},
	{ACT_SORT, "sort", N_("Sort"), "F11"},
	{ACT_FILTER, "filter", N_("Filter"), "F12 C-o"},
	{ACT_NEXT_STEP, "next-step", N_("Next step"), "C-PgDn Esc-."},
	{ACT_PREV_STEP, "previous-step", N_("Previous step"), "C-PgUp"},
	{ACT_LOG, "followups", N_("Follow-ups"), "C-y Esc-l"},
	{ACT_ENTERPRISE, "enterprise", N_("Enterprise"), "Esc-e"},
	{ACT_MARK, "mark", N_("Mark"), "Insert Esc-m"},
	{ACT_PRINT, "print", N_("Print"), "Esc-p"},
	{ACT_IMPORT, "import", N_("Import"), "Esc-i"},
	{ACT_FILING, "filing", N_("Filing"), "Esc-a"},
};

/* Bindings: curses key codes, control characters, and Esc followed by a
 * character. */
static enum action bind_code[KEY_MAX + 1];
/* Keys terminfo knows by extended names (kLFT5 for C-Left): curses gives
 * them codes above KEY_MAX, found only once the terminal is set up. */
static struct {
	int code;
	enum action action;
} bind_ext[16];
static int next_ext;
static enum action bind_ctrl[32];
static enum action bind_esc[128];
static bool bound;

/* Named keys and their curses codes. */
static const struct {
	const char *name;
	int code;
} named[] = {
	{"Up", KEY_UP},	      {"Down", KEY_DOWN},     {"Left", KEY_LEFT},   {"Right", KEY_RIGHT},
	{"Home", KEY_HOME},   {"End", KEY_END},	      {"PgUp", KEY_PPAGE},  {"PgDn", KEY_NPAGE},
	{"S-Tab", KEY_BTAB},  {"Backspace", KEY_BACKSPACE}, {"Delete", KEY_DC}, {"Insert", KEY_IC},
	{"Enter", KEY_ENTER},
};

/* Curses code of "C-Left"-style keys known to terminfo by name. */
static int extended_code(const char *tname)
{
	char *s = tigetstr((char *)tname);
	if (!s || s == (char *)-1)
		return -1;
	int code = key_defined(s);
	return code > 0 ? code : -1;
}

/* Binds one key written as in the table ("F1", "Esc-1", "C-t", "Tab"). */
static int bind_key(const char *k, enum action a)
{
	if (k[0] == 'F' && k[1] >= '0' && k[1] <= '9') {
		int n = atoi(k + 1);
		if (n < 1 || n > 24)
			return -1;
		bind_code[KEY_F(n)] = a;
	} else if (!strncmp(k, "Esc-", 4) && k[4] && !k[5] && (unsigned char)k[4] < 128) {
		bind_esc[(unsigned char)k[4]] = a;
	} else if (!strcmp(k, "Esc")) {
		bind_ctrl[27] = a;
	} else if (!strcmp(k, "Tab")) {
		bind_ctrl['\t'] = a;
	} else if (k[0] == 'C' && k[1] == '-' && k[2] >= 'a' && k[2] <= 'z' && !k[3]) {
		bind_ctrl[k[2] - 'a' + 1] = a;
	} else if (!strcmp(k, "C-Left") || !strcmp(k, "C-Right") || !strcmp(k, "C-PgUp") ||
		   !strcmp(k, "C-PgDn")) {
		const char *t = !strcmp(k, "C-Left")	? "kLFT5"
				: !strcmp(k, "C-Right") ? "kRIT5"
				: !strcmp(k, "C-PgUp")	? "kPRV5"
							: "kNXT5";
		int code = extended_code(t);
		if (code > 0 && code <= KEY_MAX) {
			bind_code[code] = a;
		} else if (code > KEY_MAX) {
			int i = 0;
			while (i < next_ext && bind_ext[i].code != code)
				i++;
			if (i == (int)(sizeof bind_ext / sizeof *bind_ext))
				return -1;
			bind_ext[i].code = code;
			bind_ext[i].action = a;
			next_ext += i == next_ext;
		}
	} else {
		for (size_t i = 0; i < sizeof named / sizeof *named; i++)
			if (!strcmp(named[i].name, k)) {
				bind_code[named[i].code] = a;
				return 0;
			}
		return -1;
	}
	return 0;
}

/* Binds every key of a "F1 Esc-1 C-t" list. */
static int bind_list(const char *list, enum action a)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", list);
	int bad = 0;
	for (char *tok = strtok(buf, " \t"); tok; tok = strtok(NULL, " \t"))
		if (bind_key(tok, a) < 0)
			bad = -1;
	return bad;
}

/* Binds the defaults once. */
static void bind_defaults(void)
{
	if (bound)
		return;
	bound = true;
	for (int i = 1; i < ACT_COUNT; i++)
		bind_list(ui_actions[i].keys, ui_actions[i].action);
	bind_ctrl['\r'] = bind_ctrl['\n'] = ACT_ENTER;
	bind_ctrl[8] = ACT_BACKSPACE;
	bind_code[KEY_RESIZE] = ACT_REDRAW;
}

/* User bindings, kept to name them in help. */
static char user_keys[ACT_COUNT][128];

/* The action called name in the key file ("menu"), or ACT_NONE. */
static enum action action_named(const char *name)
{
	for (int i = 1; i < ACT_COUNT; i++)
		if (!strcmp(ui_actions[i].name, name))
			return ui_actions[i].action;
	return ACT_NONE;
}

/* Reads the user's key file if there is one; problems go to msg. */
void keys_load_user_file(char *msg, size_t msglen)
{
	char path[4096], err[512];
	const char *env = getenv("ZSDESK_KEYS");
	struct stat st;
	msg[0] = '\0';
	bind_defaults();
	if (env && *env)
		snprintf(path, sizeof path, "%s", env);
	else if (getenv("XDG_CONFIG_HOME") && *getenv("XDG_CONFIG_HOME"))
		snprintf(path, sizeof path, "%s/zsdesk/keys", getenv("XDG_CONFIG_HOME"));
	else
		snprintf(path, sizeof path, "%s/.config/zsdesk/keys",
			 getenv("HOME") ? getenv("HOME") : ".");
	if (stat(path, &st) < 0 && errno == ENOENT)
		return; /* no key file: the defaults */
	char *text = linefile_read(path, err, sizeof err);
	if (!text) {
		snprintf(msg, msglen, "%s", err);
		return;
	}
	struct linefile lf;
	char *line;
	linefile_init(&lf, path, text);
	while ((line = linefile_next(&lf))) {
		char *name, *keys;
		enum action a;
		if (!*line) {
			/* a blank line or a comment */
		} else if (linefile_split(line, &name, &keys) < 0 || !*name ||
			   strspn(name, "abcdefghijklmnopqrstuvwxyz-") != strlen(name)) {
			linefile_error(&lf, msg, msglen, "%s", _("expected: action = keys"));
		} else if ((a = action_named(name)) == ACT_NONE) {
			linefile_error(&lf, msg, msglen, _("no action called %s"), name);
		} else if (bind_list(keys, a) < 0) {
			linefile_error(&lf, msg, msglen, "%s", _("a key is not understood"));
		} else {
			snprintf(user_keys[a], sizeof user_keys[a], "%s", keys);
		}
		free(line);
	}
	free(text);
}

/* Display form of a key name from the table ("C-t" -> "Ctrl-T"). */
static void pretty(const char *k, char *buf, size_t n)
{
	if (k[0] == 'C' && k[1] == '-' && k[2] && !k[3])
		snprintf(buf, n, "Ctrl-%c", k[2] - 'a' + 'A');
	else if (k[0] == 'C' && k[1] == '-')
		snprintf(buf, n, "Ctrl-%s", k + 2);
	else if (!strncmp(k, "Esc-", 4))
		snprintf(buf, n, "Esc %s", k + 4);
	else if (!strcmp(k, "S-Tab"))
		snprintf(buf, n, "Shift-Tab");
	else
		snprintf(buf, n, "%s", k);
}

/* Short text of the first key bound to an action ("F1"). */
const char *keys_name(enum action a)
{
	static char buf[32];
	const char *list = user_keys[a][0] ? user_keys[a] : ui_actions[a].keys;
	char first[32];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(list, " \t"), list);
	pretty(first, buf, sizeof buf);
	return buf;
}

/* All keys bound to an action, for the help screen ("F1, Esc 1, Ctrl-T"). */
void keys_names(enum action a, char *buf, size_t n)
{
	char list[192], one[32];
	snprintf(list, sizeof list, "%s%s%s", user_keys[a], user_keys[a][0] ? " " : "",
		 ui_actions[a].keys);
	size_t used = 0;
	buf[0] = '\0';
	for (char *tok = strtok(list, " \t"); tok && used + 1 < n; tok = strtok(NULL, " \t")) {
		pretty(tok, one, sizeof one);
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", one);
	}
}

/* Consecutive waits that ended at once with nothing: the terminal is gone. */
static int empty_reads;

/* True when reads keep failing at once: the terminal went away. */
bool keys_lost(void)
{
	return empty_reads > 50;
}

/* Milliseconds of a monotonic clock. */
static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After Esc and intro ('[' or 'O'): reads the rest of an escape sequence
 * curses did not know (CSI: parameters, intermediates, a final byte; SS3:
 * one byte) and names it in k->unknown; false when nothing followed at
 * once (Esc then '[' typed by hand). */
static bool keys_sequence(struct key *k, int intro)
{
	char seq[sizeof k->unknown - 4];
	size_t n = 0;
	wint_t c;
	seq[n++] = (char)intro;
	timeout(50);
	for (;;) {
		if (get_wch(&c) != OK) {
			if (n == 1)
				return false;
			break; /* cut short: what came is dropped all the same */
		}
		if (n + 1 < sizeof seq)
			seq[n++] = c < 127 && c >= 32 ? (char)c : '?';
		if (intro == 'O' || (c >= 0x40 && c <= 0x7e && !(n == 2 && c == '[')))
			break;
		if (c < 0x20 || c > 0x7e)
			break;
	}
	seq[n] = '\0';
	snprintf(k->unknown, sizeof k->unknown, "Esc %s", seq);
	k->action = ACT_NONE;
	k->ch = 0;
	return true;
}

/* Reads the next key, waiting at most timeout_ms (-1: forever). */
/* True when more input is waiting to be read (keys typed ahead). */
bool keys_pending(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* True between the start and the end of a bracketed paste. */
static bool pasting;

bool keys_read(struct key *k, int timeout_ms)
{
	wint_t ch;
	bind_defaults();
	timeout(timeout_ms);
	long long start = mono_ms();
	int rc;
again:
	/* A paste whose end never came (a cut line) ends after a pause, so
	 * that Esc is a key again. */
	timeout(pasting ? 500 : timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR && pasting) {
		pasting = false;
		goto again;
	}
	k->action = ACT_NONE;
	k->ch = 0;
	k->unknown[0] = '\0';
	if (rc == KEY_CODE_YES && (ch == TERM_PASTE_BEGIN || ch == TERM_PASTE_END)) {
		pasting = ch == TERM_PASTE_BEGIN;
		goto again;
	}
	if (pasting && rc == OK) {
		/* Pasted text is text: a line end or tab is a space, Esc and
		 * other control characters are dropped (never obeyed). */
		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch < 32 || ch == 127)
			goto again;
		k->ch = (wchar_t)ch;
		return true;
	}
	if (pasting && rc == KEY_CODE_YES)
		goto again; /* a key sequence inside pasted text: dropped */
	if (rc == ERR) {
		/* A closed terminal answers every read at once: count those. */
		if (timeout_ms < 0 || mono_ms() - start < timeout_ms / 2)
			empty_reads++;
		else
			empty_reads = 0;
		return false;
	}
	empty_reads = 0;
	if (rc == KEY_CODE_YES) {
		if (ch <= KEY_MAX)
			k->action = bind_code[ch];
		for (int i = 0; ch > KEY_MAX && i < next_ext; i++)
			if (bind_ext[i].code == (int)ch)
				k->action = bind_ext[i].action;
		if (k->action == ACT_NONE) {
			/* A key terminfo names but zsdesk has no use for (F18). */
			const char *name = keyname((int)ch);
			snprintf(k->unknown, sizeof k->unknown, "%s", name ? name : "?");
		}
		return true;
	}
	if (ch == 27) {
		/* Esc: a digit or letter soon after makes a function key. */
		wint_t next;
		timeout(300);
		rc = get_wch(&next);
		if (rc == OK && (next == '[' || next == 'O') && keys_sequence(k, (int)next))
			return true;
		if (rc == OK && next < 128 && bind_esc[next]) {
			k->action = bind_esc[next];
			return true;
		}
		if (rc == KEY_CODE_YES)
			ungetch((int)next); /* typed ahead: keep it for the next read */
		else if (rc == OK)
			unget_wch(next);
		k->action = bind_ctrl[27];
		return true;
	}
	if (ch < 32) {
		k->action = bind_ctrl[ch];
		return k->action != ACT_NONE;
	}
	if (ch == 127) {
		k->action = ACT_BACKSPACE;
		return true;
	}
	k->ch = (wchar_t)ch;
	return true;
}

/* Applies an editing key (moves, deletes, a typed character) to e. */
int keys_edit(struct editor *e, const struct key *k)
{
	switch (k->action) {
	case ACT_LEFT:
		return editor_left(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_RIGHT:
		return editor_right(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_HOME:
		return editor_home(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_END:
		return editor_end(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_WORD_LEFT:
		return editor_word_left(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_WORD_RIGHT:
		return editor_word_right(e) ? EDIT_MOVED : EDIT_NONE;
	case ACT_BACKSPACE:
		return editor_backspace(e) ? EDIT_CHANGED : EDIT_NONE;
	case ACT_DELETE:
		return editor_delete(e) ? EDIT_CHANGED : EDIT_NONE;
	case ACT_KILL_END:
		return editor_kill_end(e) ? EDIT_CHANGED : EDIT_NONE;
	case ACT_KILL_START:
		return editor_kill_start(e) ? EDIT_CHANGED : EDIT_NONE;
	case ACT_KILL_WORD:
		return editor_kill_word(e) ? EDIT_CHANGED : EDIT_NONE;
	case ACT_NONE:
		if (!k->ch)
			return EDIT_NONE;
		return editor_insert(e, k->ch) ? EDIT_CHANGED : EDIT_FULL;
	default:
		return EDIT_NONE;
	}
}

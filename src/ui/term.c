/*
 * term.c - the terminal: curses set-up, the calm look, signals.
 *
 * Colours are one accent on the terminal's own background; on a
 * monochrome terminal the same roles fall back to reverse, bold and
 * underline.  Hang-up and termination only set a flag (the main loop then
 * saves drafts); a crash gives the terminal back before dying.
 */
#include <config.h>

#include <ctype.h>
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "ui.h"

static volatile sig_atomic_t hangup;
static bool active, utf8;
static int attrs[ATTR_COUNT];

/* SIGHUP, SIGTERM: remember, the loop saves and leaves. */
static void on_hangup(int sig)
{
	(void)sig;
	hangup = 1;
}

/* A crash: give the terminal back, then die of the same signal. */
static void on_crash(int sig)
{
	if (active)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* True when SIGHUP or SIGTERM arrived: save drafts and leave. */
bool term_hangup(void)
{
	return hangup != 0;
}

/* Picks the attribute of every role for this terminal. */
static void setup_attrs(void)
{
	bool colour = has_colors();
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_BLACK, COLOR_CYAN);
		init_pair(3, COLOR_WHITE, COLOR_BLUE);
	}
	attrs[ATTR_NORMAL] = A_NORMAL;
	attrs[ATTR_TITLE] = colour ? (int)COLOR_PAIR(3) | A_BOLD : A_REVERSE;
	attrs[ATTR_ACCENT] = colour ? (int)COLOR_PAIR(1) | A_BOLD : A_BOLD;
	attrs[ATTR_FIELD] = A_UNDERLINE;
	attrs[ATTR_FOCUS] = colour ? (int)COLOR_PAIR(2) : A_REVERSE;
	attrs[ATTR_ERROR] = A_BOLD | (colour ? (int)COLOR_PAIR(1) : (int)A_NORMAL);
	attrs[ATTR_DIM] = A_DIM;
	attrs[ATTR_KEY] = colour ? (int)COLOR_PAIR(3) : A_REVERSE;
	attrs[ATTR_SELECT] = colour ? (int)COLOR_PAIR(2) : A_REVERSE;
}

/* The function and cursor keys of xterm, vt220, PuTTY, the linux
 * console, screen and tmux, whatever the terminfo entry of TERM says:
 * an officer's client seldom matches the TERM the server was told. */
static void term_known_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} known[] = {
		{"\033OP", KEY_F(1)},	   {"\033OQ", KEY_F(2)},     {"\033OR", KEY_F(3)},
		{"\033OS", KEY_F(4)},	   {"\033[11~", KEY_F(1)},   {"\033[12~", KEY_F(2)},
		{"\033[13~", KEY_F(3)},   {"\033[14~", KEY_F(4)},   {"\033[15~", KEY_F(5)},
		{"\033[17~", KEY_F(6)},   {"\033[18~", KEY_F(7)},   {"\033[19~", KEY_F(8)},
		{"\033[20~", KEY_F(9)},   {"\033[21~", KEY_F(10)},  {"\033[23~", KEY_F(11)},
		{"\033[24~", KEY_F(12)},  {"\033[[A", KEY_F(1)},    {"\033[[B", KEY_F(2)},
		{"\033[[C", KEY_F(3)},    {"\033[[D", KEY_F(4)},    {"\033[[E", KEY_F(5)},
		{"\033[A", KEY_UP},	      {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT},	   {"\033[D", KEY_LEFT},     {"\033OA", KEY_UP},
		{"\033OB", KEY_DOWN},	   {"\033OC", KEY_RIGHT},    {"\033OD", KEY_LEFT},
		{"\033[H", KEY_HOME},	   {"\033[F", KEY_END},      {"\033OH", KEY_HOME},
		{"\033OF", KEY_END},	   {"\033[1~", KEY_HOME},    {"\033[4~", KEY_END},
		{"\033[7~", KEY_HOME},	   {"\033[8~", KEY_END},     {"\033[2~", KEY_IC},
		{"\033[3~", KEY_DC},	   {"\033[5~", KEY_PPAGE},   {"\033[6~", KEY_NPAGE},
		{"\033[Z", KEY_BTAB},
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		define_key(known[i].seq, known[i].code);
	define_key("\033[200~", TERM_PASTE_BEGIN);
	define_key("\033[201~", TERM_PASTE_END);
}

/* True when two character set names are one ("GB18030", "gb18030";
 * "UTF-8", "utf8"). */
static bool same_charset(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == '-' || *a == '_')
			a++;
		while (*b == '-' || *b == '_')
			b++;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		if (!*a)
			return true;
	}
}

/* Makes curses speak the character set chosen with --charset (or the
 * locale's): ncursesw converts wide characters to and from the bytes of
 * LC_CTYPE's character set, so LC_CTYPE is switched to a locale of that
 * set when the current one has another.  0, or -1 with what to do. */
static int term_charset(char *err, size_t errlen)
{
	static const struct {
		const char *cs;
		const char *locales[4];
	} sets[] = {
		{"UTF-8", {"C.UTF-8", "zh_CN.UTF-8", "en_US.UTF-8", NULL}},
		{"GB18030", {"zh_CN.GB18030", "zh_CN.gb18030", NULL}},
		{"GBK", {"zh_CN.GBK", "zh_CN.gbk", "zh_CN.GB18030", "zh_CN.gb18030"}},
		{"GB2312", {"zh_CN.GB2312", "zh_CN.gb2312", "zh_CN", "zh_CN.GB18030"}},
	};
	const char *want = charset_name();
	const char *have = nl_langinfo(CODESET);
	if (have && same_charset(have, want))
		return 0;
	for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
		if (!same_charset(sets[i].cs, want))
			continue;
		for (int j = 0; j < 4 && sets[i].locales[j]; j++)
			if (setlocale(LC_CTYPE, sets[i].locales[j]) && wcwidth(0x4E2D) == 2)
				return 0;
	}
	if (have)
		setlocale(LC_CTYPE, "");
	snprintf(err, errlen,
		 _("the terminal's character set %s needs a locale of it (e.g. zh_CN.GB18030: "
		   "locale-gen zh_CN.GB18030), or another --charset"),
		 want);
	return -1;
}

/* Sets up curses; 0, or -1 with a message in err. */
int term_init(char *err, size_t errlen)
{
	if (!isatty(0) || !isatty(1)) {
		snprintf(err, errlen, "%s",
			 _("the desk needs a terminal; use the commands in scripts (zsdesk help)"));
		return -1;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(60);
	if (term_charset(err, errlen) < 0)
		return -1;
	const char *cs = nl_langinfo(CODESET);
	utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	if (!newterm(NULL, stdout, stdin)) {
		snprintf(err, errlen, _("cannot use the terminal type %s"),
			 getenv("TERM") ? getenv("TERM") : "(none)");
		return -1;
	}
	active = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	term_known_keys();
	setup_attrs();
	/* Bracketed paste: the terminal marks pasted text, so that an Esc or
	 * a line end in it is typed, not obeyed. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup; /* no SA_RESTART: the key wait returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	atexit(term_end);
	return 0;
}

/* Gives the terminal back (safe to call twice, and from a crash). */
void term_end(void)
{
	if (!active)
		return;
	active = false;
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	curs_set(1);
	endwin(); /* after a hang-up the writes fail quietly */
}

/* The curses attribute of a role. */
int term_attr(enum ui_attr a)
{
	return attrs[a];
}

/* True when the terminal speaks UTF-8 (else GB18030 or another). */
bool term_utf8(void)
{
	return utf8;
}

/* The number of rows of the screen. */
int term_rows(void)
{
	return LINES;
}

/* The number of columns of the screen. */
int term_cols(void)
{
	return COLS;
}

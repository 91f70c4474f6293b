/*
 * guard.c - a damaged database file stops zsdesk with a message, not a signal.
 *
 * LMDB trusts the file it maps: a flipped bit in a page number or a node
 * size sends it outside the map (SIGSEGV), past the end of a truncated file
 * (SIGBUS) or into one of its assertions (abort).  Checking every page
 * would cost what the map saves, so instead a fault while a transaction
 * is open is taken for what it almost always is: a damaged file.  The
 * handler runs on its own stack (a runaway recursion may have used up the
 * normal one), does only async-signal-safe things - the front end's hook
 * or, without one, the terminal modes saved before the desk changed them -
 * writes one line and leaves with STORE_EXIT_DAMAGED.  A fault with no
 * transaction open is a bug, not damage: it goes on to whatever handler
 * was there before (the desk's, which gives the terminal back) or kills
 * the process as it would have.  The desk installs its own handlers after
 * the store opens, so the store puts its own back whenever a transaction
 * begins after someone replaced them.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"

static const int guarded[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NGUARDED (int)(sizeof guarded / sizeof *guarded)

static struct sigaction previous[NGUARDED];
static volatile sig_atomic_t depth;
static void (*volatile hook)(void);
static char message[512];
static size_t message_len;
static struct termios tty_saved;
static bool tty_known;
static char altstack[1 << 16];

void store_on_damage(void (*fn)(void))
{
	hook = fn;
}

/* Puts the terminal back as it was when the store opened, if a front end
 * changed it and gave no hook (async-signal-safe). */
static void tty_restore(void)
{
	struct termios now;
	if (!tty_known || tcgetattr(0, &now) < 0)
		return;
	if ((now.c_lflag & (ICANON | ECHO)) == (tty_saved.c_lflag & (ICANON | ECHO)))
		return;
	tcsetattr(0, TCSANOW, &tty_saved);
	static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
	ssize_t w = write(1, reset, sizeof reset - 1);
	(void)w;
}

/* Says the file is damaged and leaves (async-signal-safe). */
static void damaged(void)
{
	void (*fn)(void) = hook;
	if (fn)
		fn();
	else
		tty_restore();
	ssize_t w = write(2, message, message_len);
	(void)w;
	_exit(STORE_EXIT_DAMAGED);
}

/* The handler of every guarded signal. */
static void on_fault(int sig, siginfo_t *si, void *uc)
{
	if (depth > 0)
		damaged();
	for (int i = 0; i < NGUARDED; i++) {
		if (guarded[i] != sig)
			continue;
		struct sigaction *old = &previous[i];
		if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
			old->sa_sigaction(sig, si, uc);
			return;
		}
		if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
			old->sa_handler(sig);
			return;
		}
	}
	/* As if there had been no handler: a fault comes back at once and
	 * kills; a signal sent by raise() or kill() is sent again. */
	signal(sig, SIG_DFL);
	if (si->si_code <= 0 || sig == SIGABRT)
		raise(sig);
}

/* Installs the handlers (again, when someone replaced them), keeping the
 * ones they replace. */
static void install(void)
{
	struct sigaction cur;
	if (sigaction(SIGSEGV, NULL, &cur) == 0 && (cur.sa_flags & SA_SIGINFO) &&
	    cur.sa_sigaction == on_fault)
		return;
	snprintf(message, sizeof message, "zsdesk: %s\n",
		 _("the database file is damaged: restore the last backup (zsdesk restore)"));
	message_len = strlen(message);
	if (!tty_known && isatty(0) && tcgetattr(0, &tty_saved) == 0)
		tty_known = true;
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < NGUARDED; i++)
		sigaction(guarded[i], &sa, &previous[i]);
}

void guard_enter(void)
{
	if (depth++ == 0)
		install();
}

void guard_leave(void)
{
	if (depth > 0)
		depth--;
}

void guard_assert(MDB_env *env, const char *msg)
{
	(void)env;
	(void)msg;
	damaged();
}

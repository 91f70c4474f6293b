/*
 * app.c - the screen manager: a stack of screens, the event loop, and the
 * frame every screen shares (title line, message line, key bar).
 *
 * Handlers say what to redraw; the manager redraws that and lets ncurses
 * send only the cells that changed - never a whole-screen clear on a key,
 * nothing at all while idle.  Global keys (help, language, menu, jump
 * box, redraw, quit) are handled here, once.  On a hang-up every open
 * screen may save a draft before zsdesk leaves.
 */
#include <config.h>

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conflicts-desk.h"
#include "editor.h"
#include "forms.h"
#include "i18n.h"
#include "money.h"
#include "ui.h"
#include "utf8.h"
#include "may.h"
#include "xalloc.h"

#define MAX_DEPTH 16
#define TICK_MS (5 * 60 * 1000)
#define REST_MS 250 /* keys at rest: a list shows its row's whole text */

struct frame {
	const struct screen_def *def;
	void *st;
	uint64_t project; /* a project's page: its number (for "may I?") */
};

struct app {
	struct zs *z;
	const char *dbdir;
	struct frame stack[MAX_DEPTH];
	int depth;
	char msg[512];
	bool msg_error, msg_sticky;
	bool quit;
	bool partial;  /* drawing only the top screen's changed rows (R_ROWS) */
	char go[32]; /* a screen to open after the current one closed */
	char rest[512]; /* a hint for when the keys rest (app_hint_rest) */
	bool busy;      /* the top screen may have work between keys (idle) */
};


/* The label of an action on a screen (its own, or the table's). */
const char *ui_action_label(const struct screen_def *s, enum action a)
{
	for (const struct bar_label *l = s->labels; l && l->label; l++)
		if (l->action == a)
			return _(l->label);
	return _(ui_actions[a].label);
}

/* True unless only the top screen's changed rows are being drawn. */
bool app_full_paint(struct app *a)
{
	return !a->partial;
}

/* The database session. */
struct zs *app_zs(struct app *a)
{
	return a->z;
}

/* The database directory (drafts are kept per database). */
const char *app_dbdir(struct app *a)
{
	return a->dbdir;
}

/* What to do about a failure, worded for the desk, by hint. */
static const char *const desk_hints[] = {
	[ZS_HINT_REASON] = N_(" (give a reason when asked)"),
	[ZS_HINT_PREREPORT] = N_("; file the pre-report first (Enter on the project page), or the "
				 "city office records the signing without credit"),
	[ZS_HINT_ASK_CITY] = N_("; ask the city office"),
	[ZS_HINT_ASK_ADMIN] = N_("; ask an administrator"),
};

void desk_error_text(const struct zs_err *e, char *buf, size_t n)
{
	const char *hint = e->hint > 0 && e->hint < sizeof desk_hints / sizeof *desk_hints
				   ? desk_hints[e->hint]
				   : NULL;
	snprintf(buf, n, "%s%s", e->msg, hint ? _(hint) : "");
}

/* The text of a field as the desk shows it: core's, except that sums of
 * one 亿 and more are in 亿 (99.178亿元, as officers read them). */
char *desk_field_text(struct zs *z, enum kind k, const struct rec *r, const char *field, char *buf,
		      size_t n)
{
	const struct field_def *f = schema_field(k, field);
	const struct rec_field *rf = rec_find(r, field);
	if (f && rf && rf->v.type == REC_INT && (f->type == FT_MONEY || f->type == FT_MONEY_USD)) {
		bool usd = f->type == FT_MONEY_USD || !strcmp(rec_text(r, "currency", ""), "USD");
		return money_format(rf->v.i, usd ? CURRENCY_USD : CURRENCY_CNY, MONEY_AUTO, buf, n);
	}
	return zs_field_text(z, k, r, field, buf, n);
}

void app_fail(struct app *a, struct zs *z)
{
	char msg[1200];
	desk_error_text(zs_last_error(z), msg, sizeof msg);
	app_message(a, true, "%s", msg);
}

/* Shows a message on the message line, in the error look when error. */
void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
	a->msg_sticky = true;
}

/* Shows text on the message line until the next key (the full text of
 * a row cut on the screen), unless a message is showing. */
void app_hint(struct app *a, const char *text)
{
	if (a->msg[0] && a->msg_sticky)
		return;
	snprintf(a->msg, sizeof a->msg, "%s", text);
	a->msg_error = false;
	a->msg_sticky = false;
}

/* A hint shown at once on a full paint, else when the keys rest. */
void app_hint_rest(struct app *a, const char *text)
{
	if (!a->partial) {
		app_hint(a, text);
		return;
	}
	if (a->msg[0] && a->msg_sticky)
		return;
	snprintf(a->rest, sizeof a->rest, "%s", text);
}

/* The frame of the topmost screen that is not a popup. */
static int base_frame(struct app *a)
{
	int i = a->depth - 1;
	while (i > 0 && a->stack[i].def->draw && strncmp(a->stack[i].def->name, "popup:", 6) == 0)
		i--;
	return i;
}

/* Title line: where am I, who am I, today, and whether this copy is alone. */
static void draw_title(struct app *a)
{
	const struct frame *f = &a->stack[a->depth - 1];
	char left[256], right[256], sub[128] = "", name[64], dist[64], role[64], today[11];
	const struct rec *me = zs_me_rec(a->z);
	if (f->def->subtitle)
		f->def->subtitle(f->st, sub, sizeof sub);
	snprintf(left, sizeof left, " %s | %s%s%s", _("zsdesk"), *f->def->title ? _(f->def->title) : "",
		 *sub && *f->def->title ? "  " : "", sub);
	zs_field_text(a->z, KIND_OFFICER, me, "name", name, sizeof name);
	zs_field_text(a->z, KIND_OFFICER, me, "district", dist, sizeof dist);
	zs_field_text(a->z, KIND_OFFICER, me, "role", role, sizeof role);
	snprintf(right, sizeof right, "%s %s%s%s | %s | %s ", name, role, *dist ? " " : "", dist,
		 date_format(clock_today(), today),
		 zs_single_user(a->z) ? _("single user") : _("shared"));
	int cols = COLS, rw = text_width(right);
	draw_blank(0, 0, cols, term_attr(ATTR_TITLE));
	int lw = draw_text(0, 0, left, cols, false, term_attr(ATTR_TITLE));
	if (lw + rw + 1 < cols)
		draw_text(0, cols - rw, right, rw, false, term_attr(ATTR_TITLE));
}

/* Key bar: the screen's actions with their first key. */
static void draw_keybar(struct app *a)
{
	const struct frame *f = &a->stack[a->depth - 1];
	int x = 0, y = LINES - 1;
	draw_blank(y, 0, COLS, A_NORMAL);
	for (const enum action *p = f->def->bar; p && *p; p++) {
		/* An action the officer may not use is not offered: enrolling
		 * a copy (F6 in 同步) is the administrator's. */
		if (*p == ACT_NEW && !strcmp(f->def->name, "sync") && zs_node_may_manage(a->z) != ZS_OK)
			continue;
		const char *k = keys_name(*p);
		const char *label = ui_action_label(f->def, *p);
		int need = text_width(k) + text_width(label) + 2;
		if (x + need > COLS)
			break;
		x += draw_text(y, x, k, COLS - x, false, term_attr(ATTR_KEY));
		x += draw_text(y, x, " ", COLS - x, false, A_NORMAL);
		x += draw_text(y, x, label, COLS - x, false, A_NORMAL);
		x += draw_text(y, x, "  ", COLS - x, false, A_NORMAL);
	}
}

/* Message line. */
static void draw_message(struct app *a)
{
	draw_text(LINES - 2, 0, a->msg, COLS, true,
		  a->msg_error ? term_attr(ATTR_ERROR) : term_attr(ATTR_ACCENT));
}

/* Draws what flags ask for and places the cursor. */
static void redraw(struct app *a, int flags)
{
	if (LINES < 10 || COLS < 40) {
		erase();
		draw_text(0, 0, _("The terminal is too small: zsdesk needs 40x10."), COLS, false, 0);
		refresh();
		return;
	}
	int rows = LINES - 3;
	if (flags & R_BODY) {
		int b = base_frame(a);
		/* Blank the work area first: a screen draws only what it has, and
		 * ncurses sends just the cells that end up different. */
		for (int y = 1; y <= rows; y++)
			draw_blank(y, 0, COLS, A_NORMAL);
		for (int i = b; i < a->depth; i++)
			a->stack[i].def->draw(a, a->stack[i].st, 1, rows, COLS);
	} else if (flags & R_ROWS) {
		/* A list moved: the screen on top draws the rows that changed. */
		const struct frame *f = &a->stack[a->depth - 1];
		a->partial = true;
		f->def->draw(a, f->st, 1, rows, COLS);
		a->partial = false;
	}
	if (flags & (R_CHROME | R_BODY)) {
		draw_title(a);
		draw_keybar(a);
	}
	draw_message(a);
	const struct frame *f = &a->stack[a->depth - 1];
	int cy = -1, cx = -1;
	if (f->def->cursor)
		f->def->cursor(f->st, &cy, &cx);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	} else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
}

/* Opens a screen on top of the current one. */
void app_push(struct app *a, const struct screen_def *s, const void *arg)
{
	if (a->depth == MAX_DEPTH) {
		app_message(a, true, "%s", _("too many screens open; close some with Esc"));
		return;
	}
	if (s == &scr_pick && a->depth > 0 && a->stack[a->depth - 1].project) {
		/* The stage list of a project's page: asked only of an officer
		 * who may change the stage, else refused at once. */
		const struct pick_arg *pa = arg;
		if (pa && pa->def && pa->def == schema_field(KIND_PROJECT, "stage") &&
		    zs_may_stage(a->z, a->stack[a->depth - 1].project) != ZS_OK) {
			app_fail(a, a->z);
			return;
		}
	}
	void *st = s->open(a, arg);
	if (!st)
		return; /* open said why in the message line */
	a->stack[a->depth].def = s;
	a->stack[a->depth].st = st;
	a->stack[a->depth].project = s == &scr_detail && arg ? *(const uint64_t *)arg : 0;
	a->depth++;
}

/* Closes the top screen; the one it uncovers refreshes what it shows
 * (a saved form changes the list under it). */
static void pop(struct app *a)
{
	if (a->depth <= 1)
		return;
	struct frame *f = &a->stack[--a->depth];
	if (f->def->close)
		f->def->close(f->st);
	/* What lay under a popup must be repainted where the popup was, and
	 * sent again whole: a box drawn over half of a wide character leaves
	 * pieces a terminal does not clear (阶┐段). */
	bool popup = strncmp(f->def->name, "popup:", 6) == 0;
	erase();
	if (popup)
		redrawwin(stdscr);
	/* The uncovered screen is shown before it goes on (a question it asks
	 * next is read over it, on the message line). */
	redraw(a, R_ALL);
	struct frame *top = &a->stack[a->depth - 1];
	struct key refresh = {ACT_REFRESH, 0, ""};
	top->def->handle(a, top->st, &refresh);
}

/* Asks a yes/no question on the message line; true for yes. */
bool app_confirm(struct app *a, const char *question)
{
	char q[2048];
	snprintf(q, sizeof q, "%s %s", question, _("(y/n)"));
	/* Keys typed before the question was shown never answer it. */
	flushinp();
	for (;;) {
		/* A long question is wrapped upwards from the message line, over
		 * the screen, so that all of it is read before answering. */
		size_t cut[16], nl = 0, off = 0, len = strlen(q);
		int used = 0;
		while (off < len && nl < 16) {
			cut[nl++] = off;
			size_t b = text_fit(q + off, COLS, &used);
			if (b == 0)
				break;
			/* Between words, not inside an English one. */
			if (off + b < len && q[off + b] != ' ' && (unsigned char)q[off + b] < 0x80) {
				size_t sp = b;
				while (sp > b / 2 && q[off + sp - 1] != ' ' &&
				       (unsigned char)q[off + sp - 1] < 0x80)
					sp--;
				if (sp > b / 2)
					b = sp;
			}
			off += b;
			used = text_width_n(q + off - b, b);
		}
		if (nl == 0)
			cut[nl++] = 0;
		int y0 = LINES - 1 - (int)nl;
		if (y0 < 1)
			y0 = 1;
		for (size_t i = 0; i < nl && y0 + (int)i <= LINES - 2; i++) {
			size_t end = i + 1 < nl ? cut[i + 1] : len;
			char line[2048];
			snprintf(line, sizeof line, "%.*s", (int)(end - cut[i]), q + cut[i]);
			draw_text(y0 + (int)i, 0, line, COLS, true, term_attr(ATTR_ACCENT));
		}
		curs_set(1);
		move(LINES - 2, used < COLS ? used : COLS - 1);
		refresh();
		struct key k;
		if (!keys_read(&k, -1)) {
			if (term_hangup() || keys_lost())
				return false;
			continue;
		}
		if (k.action == ACT_REDRAW) {
			clearok(curscr, TRUE);
			redraw(a, R_ALL);
			continue;
		}
		if (k.ch == 'y' || k.ch == 'Y' || k.action == ACT_ENTER || k.ch == L'是') {
			a->msg[0] = '\0';
			return true;
		}
		if (k.ch == 'n' || k.ch == 'N' || k.action == ACT_CANCEL || k.ch == L'否') {
			a->msg[0] = '\0';
			return false;
		}
	}
}

/* Opens the screen called name once the current one has closed. */
void app_goto(struct app *a, const char *name)
{
	snprintf(a->go, sizeof a->go, "%s", name);
}

/* Opens help on the keys of the screen on top, under its title. */
static void push_help(struct app *a)
{
	const struct frame *f = &a->stack[a->depth - 1];
	struct help_arg h = {f->def, ""};
	if (*f->def->title)
		snprintf(h.title, sizeof h.title, "%s", _(f->def->title));
	else if (f->def->subtitle)
		f->def->subtitle(f->st, h.title, sizeof h.title);
	app_push(a, &scr_help, &h);
}

/* Opens the screen called name in the table of screens, or "project:N",
 * project N's page; false when there is none. */
bool app_open_by_name(struct app *a, const char *name)
{
	if (!strncmp(name, "enterprise:", 11)) { /* an enterprise's page, by its number */
		static uint64_t eid;
		if (zs_id_parse(name + 11, &eid) < 0)
			return false;
		app_push(a, &scr_enterprise, &eid);
		return true;
	}
	if (!strncmp(name, "project:", 8)) { /* a project's page, by its number */
		uint64_t id;
		if (zs_id_parse(name + 8, &id) < 0)
			return false;
		app_push(a, &scr_detail, &id);
		return true;
	}
	const struct screen_entry *e = ui_screen_find(name);
	if (!e)
		return false;
	switch (e->how) {
	case SCREEN_HOME:
		while (a->depth > 1)
			pop(a);
		break;
	case SCREEN_HELP:
		push_help(a);
		break;
	case SCREEN_QUIT:
		a->quit = true;
		break;
	case SCREEN_PUSH:
		app_push(a, e->def, e->arg);
		break;
	}
	return true;
}

/* Asks for a line of text on the message line, as long as buf can store;
 * false when cancelled. */
bool app_prompt(struct app *a, const char *question, char *buf, size_t n)
{
	return app_prompt_max(a, question, buf, n, n >= (size_t)UI_TEXT_BYTES ? (size_t)UI_TEXT_MAX : 0);
}

/* Asks for a line of at most maxchars characters (0: what buf holds),
 * saying the limit when it is reached; false when cancelled. */
bool app_prompt_max(struct app *a, const char *question, char *buf, size_t n, size_t maxchars)
{
	struct editor e;
	if (n < 2)
		return false;
	editor_init(&e, maxchars);
	editor_limit_bytes(&e, n - 1);
	editor_set(&e, buf);
	bool ok = false, full = false;
	for (;;) {
		/* The whole line first: nothing of an earlier message stays
		 * beside the question (half of a wide character included). */
		draw_blank(LINES - 2, 0, COLS, A_NORMAL);
		int qw = draw_text(LINES - 2, 0, question, COLS / 2, false, term_attr(ATTR_ACCENT)) + 1;
		wchar_t view[256];
		int cc = editor_view(&e, COLS - qw - 1, view, 256);
		draw_wide(LINES - 2, qw, view, COLS - qw, true, term_attr(ATTR_FIELD));
		/* The key bar says how to finish, or that the text is full. */
		char bar[256];
		if (full && e.maxlen)
			snprintf(bar, sizeof bar, _("Full: no more than %zu characters. Enter takes it, Esc cancels."),
				 e.maxlen);
		else if (full)
			snprintf(bar, sizeof bar, "%s", _("Full: no more fits. Enter takes it, Esc cancels."));
		else
			snprintf(bar, sizeof bar, _("Enter takes it, Esc cancels (%zu characters)"), e.len);
		draw_text(LINES - 1, 0, bar, COLS, true, full ? term_attr(ATTR_ERROR) : (int)A_NORMAL);
		curs_set(1);
		move(LINES - 2, qw + cc);
		refresh();
		struct key k;
		if (!keys_read(&k, -1)) {
			if (term_hangup() || keys_lost())
				break;
			continue;
		}
		if (k.action == ACT_ENTER) {
			char *t = editor_text(&e);
			snprintf(buf, n, "%s", t);
			free(t);
			ok = true;
			break;
		}
		if (k.action == ACT_CANCEL)
			break;
		if (k.action == ACT_REDRAW) {
			/* Ctrl-L: the screen again, from nothing. */
			clearok(curscr, TRUE);
			redraw(a, R_ALL);
			continue;
		}
		int r = keys_edit(&e, &k);
		full = r == EDIT_FULL || (r != EDIT_CHANGED && full && k.action == ACT_NONE);
	}
	editor_free(&e);
	a->msg[0] = '\0';
	return ok;
}

/* Saves the drafts of every open screen (after a hang-up or on quit). */
static void save_drafts(struct app *a)
{
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i].def->draft)
			a->stack[i].def->draft(a, a->stack[i].st);
}

struct draft_offer {
	struct app *a;
	char path[4400], form[64];
	uint64_t id;
	long long mtime;
	int n;
};

/* Remembers the newest draft of this database. */
static void offer_one(void *ctx, const char *path, const char *form, uint64_t id,
		      long long mtime)
{
	struct draft_offer *o = ctx;
	if (o->n++ == 0 || draft_newer(mtime, path, o->mtime, o->path)) {
		snprintf(o->path, sizeof o->path, "%s", path);
		snprintf(o->form, sizeof o->form, "%s", form);
		o->id = id;
		o->mtime = mtime;
	}
}

/* At start: offers to restore the newest unsaved form, named by its
 * title and project; the others are offered when their form is opened. */
static void offer_drafts(struct app *a)
{
	struct draft_offer o = {.a = a};
	if (draft_list(a->dbdir, offer_one, &o) == 0)
		return;
	char when[20], q[1024], label[600];
	datetime_format((int64_t)o.mtime, when);
	form_draft_label(a, o.form, o.id, o.path, label, sizeof label);
	if (o.id) {
		/* An edit the officer may no longer make (another district's
		 * project): not offered again, and said why. */
		struct form f;
		char ferr[256];
		if (form_load(o.form, &f, ferr, sizeof ferr) == 0) {
			enum kind fk = f.kind;
			form_free(&f);
			if (zs_may_edit(a->z, fk, o.id) == ZS_DENIED) {
				char why[1200];
				desk_error_text(zs_last_error(a->z), why, sizeof why);
				remove(o.path);
				app_message(a, true, _("Draft discarded: %s"), why);
				return;
			}
		}
	}
	snprintf(q, sizeof q, _("Restore the unsaved form %s from %s?"), label, when);
	redraw(a, R_ALL);
	if (app_confirm(a, q)) {
		static struct form_arg arg;
		static char form[64], path[4400];
		snprintf(form, sizeof form, "%s", o.form);
		snprintf(path, sizeof path, "%s", o.path);
		arg.form = form;
		arg.id = o.id;
		arg.draft = path;
		arg.field = arg.value = NULL;
		app_push(a, &scr_form, &arg);
	} else {
		remove(o.path);
		app_message(a, false, "%s", _("The draft was discarded."));
	}
	if (o.n > 1 && a->depth > 0)
		app_message(a, false,
			    _("%d more unsaved forms: each is offered when its form is opened."),
			    o.n - 1);
}

/* Applies the time rules (first-talk lapses, escalations) up to now and
 * says what changed. */
static int run_tick(struct app *a)
{
	struct zs_tick t;
	if (zs_tick(a->z, &t) != ZS_OK) {
		app_fail(a, a->z);
		return R_CHROME;
	}
	if (t.lapsed || t.escalated)
		app_message(a, false, _("First-talk periods ended: %llu; issues escalated: %llu."),
			    (unsigned long long)t.lapsed, (unsigned long long)t.escalated);
	if (!t.lapsed && !t.escalated && !t.to_city && !t.resumed)
		return R_NONE;
	/* Something changed: the home screen counts again. */
	struct key tick = {ACT_REFRESH, 0, ""};
	struct frame *f = &a->stack[a->depth - 1];
	int r = R_CHROME;
	if (!strcmp(f->def->name, "home"))
		r |= f->def->handle(a, f->st, &tick);
	return r;
}

/* Handles the keys every screen shares; returns redraw flags, or -1 when
 * the key is the screen's to handle. */
static int global_key(struct app *a, const struct key *k)
{
	const struct frame *f = &a->stack[a->depth - 1];
	switch (k->action) {
	case ACT_HELP:
		if (strcmp(f->def->name, "help") != 0)
			push_help(a);
		return R_ALL;
	case ACT_LANG: {
		i18n_set(strcmp(i18n_lang(), "zh") == 0 ? "en" : "zh");
		app_message(a, false, "%s", _("Language: English"));
		/* Messages a screen holds (a form's problems) are said again. */
		struct key again = {ACT_LANG, 0, ""};
		f->def->handle(a, f->st, &again);
		return R_ALL;
	}
	case ACT_MENU:
		if (strcmp(f->def->name, "popup:menu") != 0)
			app_push(a, &scr_menu, NULL);
		return R_ALL;
	case ACT_JUMP:
		if (strcmp(f->def->name, "popup:jump") != 0)
			app_push(a, &scr_jump, NULL);
		return R_ALL;
	case ACT_REDRAW:
		/* Ctrl-L, or the terminal was resized: repaint everything. */
		clearok(curscr, TRUE);
		erase();
		return R_ALL;
	case ACT_QUIT: {
		bool forms = false;
		for (int i = 0; i < a->depth; i++)
			forms |= a->stack[i].def->draft != NULL;
		if (forms && !app_confirm(a, _("Leave zsdesk? Unsaved forms are kept as drafts.")))
			return R_ALL;
		a->quit = true;
		return R_NONE;
	}
	default:
		return -1;
	}
}

/* Runs the desk on an open session until the officer leaves or the line
 * drops; the exit status. */
int app_run(struct zs *z, const char *dbdir)
{
	char err[256];
	struct app *a = xcalloc(1, sizeof *a);
	a->z = z;
	a->dbdir = dbdir;
	if (term_init(err, sizeof err) < 0) {
		fprintf(stderr, "zsdesk: %s\n", err);
		free(a);
		return 1;
	}
	char keymsg[512];
	keys_load_user_file(keymsg, sizeof keymsg);
	app_push(a, &scr_home, NULL);
	if (a->depth == 0) {
		term_end();
		fprintf(stderr, "zsdesk: %s\n", a->msg);
		free(a);
		return 1;
	}
	if (*keymsg)
		app_message(a, true, "%s", keymsg);
	offer_drafts(a);
	int flags = R_ALL;
	/* The time rules are applied once the first screen is up, unless a
	 * key already waits (then after it): the officer sees the desk first. */
	bool tick_due = true;
	while (!a->quit && a->depth > 0) {
		if (term_hangup() || keys_lost()) {
			save_drafts(a);
			break;
		}
		/* Keys typed ahead are handled first and the screen is drawn
		 * once, for the last of them: a burst of moves or a search typed
		 * quickly costs one answer, not one for every key. */
		if (flags && !keys_pending()) {
			redraw(a, flags);
			flags = R_NONE;
		}
		if (tick_due && !keys_pending()) {
			tick_due = false;
			flags |= run_tick(a);
			continue;
		}
		struct key k;
		bool resting = a->rest[0] != '\0';
		if (!keys_read(&k, a->busy ? 0 : resting ? REST_MS : TICK_MS)) {
			if (term_hangup() || keys_lost())
				continue;
			if (a->busy) {
				/* No key waits: a slice of the screen's work. */
				struct frame *f = &a->stack[a->depth - 1];
				int r = f->def->idle ? f->def->idle(a, f->st) : -1;
				if (r < 0)
					a->busy = false;
				else
					flags |= r;
				continue;
			}
			if (resting) {
				/* The keys rest: the list's row whole, now. */
				app_hint(a, a->rest);
				a->rest[0] = '\0';
				redraw(a, R_NONE);
				continue;
			}
			/* Idle for a while: apply the time rules, and let the home
			 * screen count again. */
			run_tick(a);
			struct key tick = {ACT_REFRESH, 0, ""};
			struct frame *f = &a->stack[a->depth - 1];
			if (!strcmp(f->def->name, "home"))
				flags |= f->def->handle(a, f->st, &tick);
			continue;
		}
		if (!a->msg_sticky)
			a->msg[0] = '\0';
		a->msg_sticky = false;
		a->rest[0] = '\0';
		if (k.unknown[0]) {
			/* A key the terminal sends that zsdesk does not know. */
			app_message(a, true, _("Key not known (%s): ignored; F1 lists the keys"),
				    k.unknown);
			flags |= R_CHROME;
			continue;
		}
		int r = global_key(a, &k);
		if (r < 0) {
			struct frame *f = &a->stack[a->depth - 1];
			r = f->def->handle(a, f->st, &k);
		}
		if (r & R_QUIT)
			a->quit = true;
		if (r & R_CLOSE) {
			if (a->depth == 1)
				a->quit = true;
			else
				pop(a);
			r |= R_ALL;
		}
		if (a->go[0]) {
			char go[32];
			snprintf(go, sizeof go, "%s", a->go);
			a->go[0] = '\0';
			app_open_by_name(a, go);
			r |= R_ALL;
		}
		flags |= r | R_CHROME;
		a->busy = true; /* the screen's idle says whether work is left */
		if (a->msg[0] || flags)
			flags |= R_CHROME;
	}
	if (!term_hangup() && !keys_lost() && a->quit)
		save_drafts(a);
	while (a->depth > 0) {
		struct frame *f = &a->stack[--a->depth];
		if (f->def->close)
			f->def->close(f->st);
	}
	term_end();
	free(a);
	return 0;
}

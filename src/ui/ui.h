/*
 * ui.h - what the files of ui/ share: the terminal, the action table,
 * drawing, the list widget, the table of screens and the screen manager.
 *
 * Only ui/ includes curses.  A screen is a table entry with open, draw,
 * handle and close functions; handle() returns redraw flags so that the
 * manager draws only what changed (a list move: two rows), and ncurses
 * sends only the cells that differ.  Every list on the desk is one widget
 * (list.c), and every place the desk can go is one row of one table
 * (screens.c).  Screens talk to core/ (core.h), never to the store.
 */
#ifndef ZSDESK_UI_H
#define ZSDESK_UI_H

#include <stdbool.h>
#include <wchar.h>

#include "core.h"
#include "desk.h"
#include "editor.h"

/* Named actions: one table (keys.c) drives dispatch, the key bar, the
 * help screen and the user's key file. */
enum action {
	ACT_NONE = 0,
	ACT_HELP,
	ACT_SAVE,
	ACT_SEARCH,
	ACT_PICK,
	ACT_REFRESH,
	ACT_LANG,
	ACT_MENU,
	ACT_JUMP,
	ACT_CANCEL,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_NEXT,      /* next field / Tab */
	ACT_PREV,      /* previous field / Shift-Tab */
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_HOME,
	ACT_END,
	ACT_PGUP,
	ACT_PGDN,
	ACT_ENTER,
	ACT_BACKSPACE,
	ACT_DELETE,
	ACT_WORD_LEFT,
	ACT_WORD_RIGHT,
	ACT_KILL_END,
	ACT_KILL_START,
	ACT_KILL_WORD,
	ACT_NEW,       /* new record (intake) */
	ACT_EDIT,
	ACT_STAGE,
	ACT_SORT,
	ACT_FILTER,
	ACT_NEXT_STEP,
	ACT_PREV_STEP,
	ACT_LOG,        /* the follow-up log of a project or an enterprise */
	ACT_ENTERPRISE, /* the enterprise page of a project */
	ACT_MARK,      /* mark a row for an action on several */
	ACT_PRINT,     /* write a printable sheet to a file */
	ACT_IMPORT,    /* take in a spreadsheet, after a preview */
	ACT_FILING,    /* file a policy with the city office (备案), or answer it */
	ACT_COUNT
};

/* One key event: an action, or a character typed (action ACT_NONE), or
 * an escape sequence zsdesk does not know (unknown: its text, to say it
 * was ignored; never typed). */
struct key {
	enum action action;
	wchar_t ch;
	char unknown[24];
};

struct action_def {
	enum action action;
	const char *name;  /* for the key file: "help", "save", ... */
	const char *label; /* key bar and help: N_("Help") */
	const char *keys;  /* default keys, e.g. "F1 Esc-1 C-t" */
};

/* The action table, ACT_COUNT entries in enum order. */
extern const struct action_def ui_actions[];

/* ---- terminal (term.c) ---- */

/* Colour pairs / attributes of the calm look: one accent colour. */
enum ui_attr { ATTR_NORMAL, ATTR_TITLE, ATTR_ACCENT, ATTR_FIELD, ATTR_FOCUS, ATTR_ERROR,
	       ATTR_DIM, ATTR_KEY, ATTR_SELECT, ATTR_COUNT };

/* Sets up curses; returns 0 or -1 with a message in err. */
int term_init(char *err, size_t errlen);

/* Gives the terminal back (safe to call twice, and from a crash). */
void term_end(void);

/* The curses attribute of a role. */
int term_attr(enum ui_attr a);

/* True when SIGHUP or SIGTERM arrived: save drafts and leave. */
bool term_hangup(void);

/* True when the terminal speaks UTF-8 (else GB18030 or another legacy
 * character set). */
bool term_utf8(void);

/* Screen size. */
int term_rows(void);
int term_cols(void);

/* The key codes curses gives for the start and end of a bracketed paste
 * (ESC[200~ ... ESC[201~): what comes between is text, never keys. */
#define TERM_PASTE_BEGIN (KEY_MAX + 200)
#define TERM_PASTE_END (KEY_MAX + 201)

/* ---- keys (keys.c) ---- */

/* Reads the next key, waiting at most timeout_ms (-1: forever); returns
 * false on timeout or when a signal interrupted the wait. */
bool keys_read(struct key *k, int timeout_ms);

/* True when more input is waiting: keys typed ahead, to be handled
 * before the screen is drawn again. */
bool keys_pending(void);

/* True when reads keep failing at once: the terminal went away without a
 * hang-up signal; the app saves drafts and leaves as after SIGHUP. */
bool keys_lost(void);

/* Reads ~/.config/zsdesk/keys (or $ZSDESK_KEYS) if present; problems are
 * described in msg (empty when none). */
void keys_load_user_file(char *msg, size_t msglen);

/* What a key did to a line being edited. */
enum { EDIT_NONE, EDIT_MOVED, EDIT_CHANGED, EDIT_FULL };

/* Applies an editing key (moves, deletes, a typed character) to e; every
 * screen with a field or a search box edits the same way. */
int keys_edit(struct editor *e, const struct key *k);

/* Short text of the first key bound to an action ("F1"). */
const char *keys_name(enum action a);

/* All keys bound to an action, for the help screen ("F1, Esc 1, Ctrl-T"). */
void keys_names(enum action a, char *buf, size_t n);

/* ---- drawing (draw.c) ---- */

/* Draws UTF-8 s at (y, x) in at most cols columns, padding with spaces to
 * exactly cols when pad; never cuts a wide character in half, and text
 * that does not fit ends in '>' at the cut.  Returns the columns drawn. */
int draw_text(int y, int x, const char *s, int cols, bool pad, int attr);

/* Draws wide text the same way. */
int draw_wide(int y, int x, const wchar_t *s, int cols, bool pad, int attr);

/* Draws a table cell of w columns at (y, x), right-aligned when right; a
 * text too long for it ends in '>' (the cut sign). */
void draw_cell(int y, int x, const char *text, int w, bool right, int attr);

/* Draws one row of a table from x = 1: each cell padded (or cut) to its
 * width w[c] (0: the column is not shown), right-aligned where bit c of
 * right is set, two spaces between columns. */
void draw_row(int y, int cols, const int *w, unsigned right, const char *const *cells, int n,
	      int attr);

/* Fills a row segment with spaces. */
void draw_blank(int y, int x, int cols, int attr);

/* Draws a pop-up: a box over the screen, cleared inside, with a label and
 * the line being typed (e) on its first row; the cursor's place goes to
 * row and col.  The list goes from y + 3 on.  Unless all, only the line
 * being typed is drawn (the box and its list are already there). */
void draw_popup(int y, int x, int h, int w, const char *label, struct editor *e, int *row,
		int *col, bool all);

/* Draws a box border. */
void draw_box(int y, int x, int h, int w, int attr);

/* ---- the application (app.c) ---- */

/* Redraw flags returned by handlers. */
enum {
	R_NONE = 0,
	R_BODY = 1,    /* the screen's own area */
	R_CHROME = 2,  /* title, message and key bar */
	R_ALL = 3,
	R_CLOSE = 4,   /* close this screen */
	R_QUIT = 8,    /* leave zsdesk */
	R_CURSOR = 16, /* only the cursor moved */
	R_ROWS = 32,   /* only rows of the top screen's list changed */
};

/* ---- the list widget (list.c) ---- */

/* What a list asks of the screen that owns its rows. */
struct list_ops {
	/* How many rows there are; a lazy source loads until row want
	 * exists (or its end) and sets *more when rows may follow. */
	size_t (*count)(void *ctx, size_t want, bool *more);
	/* Draws row i at (y, x) in exactly w columns, selected or not. */
	void (*draw)(void *ctx, size_t i, int y, int x, int w, bool selected);
	/* Optional: false for a row that cannot be selected (a heading). */
	bool (*selectable)(void *ctx, size_t i);
	/* Optional: the filter box now holds text; recompute the rows. */
	void (*filter)(void *ctx, const char *text);
};

struct list {
	const struct list_ops *ops;
	void *ctx;
	size_t sel, top;      /* the selected row and the first row shown */
	int y, x, h, w;       /* where the list was drawn last */
	bool wrap;            /* Up on the first row selects the last, and back */
	bool has_filter;      /* typing goes to the filter box */
	struct editor filter; /* the filter box */
	bool dirty_all;       /* every row is to be drawn again */
	size_t dirty[2];      /* else these rows (a move touches two) */
	int ndirty;
};

/* Prepares a list over ops and ctx, with a filter box when filter. */
void list_init(struct list *l, const struct list_ops *ops, void *ctx, bool filter);

/* Frees the filter box. */
void list_free(struct list *l);

/* The rows changed wholly: the first selectable row is selected and on top. */
void list_reset(struct list *l);

/* The rows were read again: the selection stays where it was, if it can. */
void list_reload(struct list *l);

/* The selected row in *i; false when the list is empty. */
bool list_selected(struct list *l, size_t *i);

/* Selects row i. */
void list_select(struct list *l, size_t i);

/* Puts text in the filter box and filters by it. */
void list_set_filter(struct list *l, const char *text);

/* Moves by Up, Down (and Tab, Shift-Tab), PgUp, PgDn, Home, End, and
 * edits the filter box; returns redraw flags (R_ROWS for a move, R_BODY
 * for new rows), or -1 when the key is not the list's. */
int list_key(struct list *l, const struct key *k);

/* Draws the list in h rows of w columns at (y, x): every row when all (or
 * when the page or the place changed), else only the rows marked since
 * the last draw. */
void list_draw(struct list *l, int y, int x, int h, int w, bool all);

struct app;

struct screen_def {
	const char *name;            /* "home", "library", ... */
	const char *title;           /* N_() */
	const enum action *bar;      /* actions shown in the key bar, ACT_NONE-ended */
	void *(*open)(struct app *a, const void *arg);
	/* Draws rows top..top+rows-1 over a blanked area; when only its list
	 * changed (app_full_paint() false) the area is not blanked and only
	 * what changed need be drawn. */
	void (*draw)(struct app *a, void *st, int top, int rows, int cols);
	int (*handle)(struct app *a, void *st, const struct key *k);
	void (*close)(void *st);
	/* Optional: saves what the user typed when the session ends. */
	void (*draft)(struct app *a, void *st);
	/* Optional: the cursor position after drawing (row, col), or -1. */
	void (*cursor)(void *st, int *row, int *col);
	/* Optional: a subtitle after the title ("2/5 项目信息"). */
	const char *(*subtitle)(void *st, char *buf, size_t n);
	/* Optional: what an action means on this screen, where the action
	 * table's label would mislead (F9 transfers in the register). */
	const struct bar_label *labels;
	/* Optional: work left between keys (the rest of a search's page),
	 * done a slice at a time while no key waits; redraw flags, or -1
	 * when there is nothing left to do. */
	int (*idle)(struct app *a, void *st);
};

struct bar_label {
	enum action action;
	const char *label; /* N_() */
};

/* The label of an action on a screen (its own, or the table's). */
const char *ui_action_label(const struct screen_def *s, enum action a);

/* Opens a screen on top of the current one. */
void app_push(struct app *a, const struct screen_def *s, const void *arg);

/* The database session. */
struct zs *app_zs(struct app *a);

/* The database directory (drafts are kept per database). */
const char *app_dbdir(struct app *a);

/* Writes a failure of core with what to do about it, worded for the desk. */
void desk_error_text(const struct zs_err *e, char *buf, size_t n);

/* The text of a field as the desk shows it (zs_field_text, with sums of
 * one 亿 and more in 亿). */
char *desk_field_text(struct zs *z, enum kind k, const struct rec *r, const char *field, char *buf,
		      size_t n);

/* Shows the last failure of core on the message line (desk_error_text). */
void app_fail(struct app *a, struct zs *z);

/* Shows a message on the message line (error = true: in the error look). */
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Shows text on the message line until the next key, unless a message
 * is showing (the whole of a row that is cut on the screen). */
void app_hint(struct app *a, const char *text);

/* As app_hint, but while only rows of a list are drawn (a move) the text
 * is shown once the keys have rested a moment: moving through a list
 * sends each row's text only where the officer stops. */
void app_hint_rest(struct app *a, const char *text);

/* Asks a yes/no question on the message line; true for yes. */
bool app_confirm(struct app *a, const char *question);

/* True while the whole work area is drawn again; false while only the
 * top screen's changed rows are (R_ROWS): a draw function then draws its
 * list with all = false and leaves the rest as it is. */
bool app_full_paint(struct app *a);

/* Opens the screen called name once the current one has closed. */
void app_goto(struct app *a, const char *name);

/* The longest free text a prompt is asked for (a reason, a note, an
 * outcome), in characters, and a buffer that holds it in UTF-8. */
#define UI_TEXT_MAX 2000
#define UI_TEXT_BYTES (UI_TEXT_MAX * 4 + 1)

/* Asks for a line of text on the message line (buf holds the starting
 * text and receives the answer); the line takes as much as the n bytes
 * of buf can store in UTF-8.  False when cancelled. */
bool app_prompt(struct app *a, const char *question, char *buf, size_t n);

/* As app_prompt, taking at most maxchars characters (0: as many as buf
 * holds); the limit is said when it is reached. */
bool app_prompt_max(struct app *a, const char *question, char *buf, size_t n, size_t maxchars);

/* Opens the screen called name in the table of screens ("library",
 * "intake", ...); false when there is none. */
bool app_open_by_name(struct app *a, const char *name);

/* ---- the table of screens (screens.c) ---- */

/* How a row of the table is opened. */
enum screen_how {
	SCREEN_PUSH, /* its screen def, with its argument, on top */
	SCREEN_HOME, /* back to the home screen at the bottom */
	SCREEN_HELP, /* the keys of the screen on top */
	SCREEN_QUIT, /* leave zsdesk */
};

/* One place the desk can go: it feeds the jump box, the menus and
 * app_open_by_name(). */
struct screen_entry {
	const char *name; /* "library" */
	const char *code; /* transaction code ("XMK", pinyin initials); NULL: not in the menus */
	const char *zh;   /* Chinese title: 项目库 */
	const char *en;   /* English title, N_() */
	enum screen_how how;
	const struct screen_def *def; /* for SCREEN_PUSH */
	const void *arg;              /* its argument */
};

/* The table, in the order of the menus. */
extern const struct screen_entry ui_screens[];
extern const int ui_nscreens;

/* The row called name, or NULL. */
const struct screen_entry *ui_screen_find(const char *name);

/* The title of a row in the desk's language. */
const char *ui_screen_title(const struct screen_entry *e);


/* The screens (one file each). */
/* Argument of scr_help: the screen whose keys to show, and its title. */
struct help_arg {
	const struct screen_def *of;
	char title[128];
};

extern const struct screen_def scr_home, scr_library, scr_detail, scr_form, scr_help,
	scr_jump, scr_pick, scr_menu, scr_register, scr_issues;
extern const struct screen_def scr_decisions;
extern const struct screen_def scr_libmenu; /* the libraries' submenu (资源库) */
extern const struct screen_def scr_followups, scr_enterprise, scr_issue;
extern const struct screen_def scr_libs; /* arg: "target", "event" or "carrier" */
extern const struct screen_def scr_policies; /* scr_libs of "policy", with Esc a (filing) */

/* Argument of scr_followups: whose log (KIND_PROJECT or KIND_ENTERPRISE
 * and its id); NULL for the officer's own entries. */
struct followups_arg {
	enum kind of;
	uint64_t id;
};

/* The actions on an issue (respond, note, ask, ...), translated, into
 * items (at most max); returns how many (scr-issues.c). */
int issue_action_items(const char **items, int max);

/* Carries out the action labelled label on issue id, asking for its text
 * on the message line; true when it was done. */
bool issue_act_by_label(struct app *a, struct zs *z, uint64_t id, const char *label);

/* Calls line() with the latest follow-ups (at most max) of a project or
 * an enterprise, each with its next step, and a last line saying how many
 * there are and the keys of the log (scr-enterprise.c). */
void followup_lines(struct zs *z, enum kind of, uint64_t id, size_t max,
		    void (*line)(void *ctx, const char *text, int attr), void *ctx);
extern const struct screen_def scr_inbox;

/* Lays sheet what of record id out and writes it to a file the officer
 * names (name is offered), in the desk's character set (printfile.c). */
void desk_print(struct app *a, enum zs_print_what what, uint64_t id, const char *name);
extern const struct screen_def scr_reports;

/* The sync screen and the conflict queue (scr-sync.c, scr-conflicts.c). */
extern const struct screen_def scr_sync, scr_conflicts;

/* Argument of scr_conflicts: only the conflicts of one record (NULL: the
 * whole queue). */
struct conflicts_arg {
	enum kind kind;
	uint64_t id;
};
/* Argument of scr_import: what kind of record the file holds and where
 * it is (scr-import.c). */
struct import_arg {
	enum kind k;
	const char *path;
};
extern const struct screen_def scr_import;

/* Asks for the path of a spreadsheet of records of kind k and opens its
 * import preview (scr-import.c). */
void desk_import(struct app *a, enum kind k);

/* Argument of scr_form: which form, and which record (0 = new). */
struct form_arg {
	const char *form;
	uint64_t id;
	const char *draft;   /* restore from this draft file, or NULL */
	const char *field;   /* a field to fill in at once (e.g. "project"), */
	const char *value;   /* with this text */
};

/* Words a draft for a question: the form's title and the project it is
 * about ("项目录入：泰和新建总部项目"). */
void form_draft_label(struct app *a, const char *form, uint64_t id, const char *path, char *buf,
		      size_t n);

/* Argument of scr_pick: choose one of a field's values. */
struct pick_arg {
	enum kind kind;
	const struct field_def *def;
	const char *typed; /* what is typed so far: the first filter */
	void (*done)(void *ctx, const char *text); /* called with the choice */
	void *ctx;
	const char *const *items; /* when def is NULL: the texts to choose from */
	int nitems;
	const char *district; /* parks: only this district's (its name, English name or code) */
};

/* ---- drafts (draft.c) ---- */

/* Path of the draft of a form for a database (in the user's state dir). */
void draft_path(const char *dbdir, const char *form, uint64_t id, char *buf, size_t n);

/* Path of a new draft of a form for a new record (numbered: each new
 * record has its own). */
void draft_path_new(const char *dbdir, const char *form, char *buf, size_t n);

/* Writes field=value lines to path (atomically, synced); 0 or -1. */
int draft_save(const char *path, const char *const *names, const char *const *values, int n);

/* Reads a draft: calls fn for each field; 0, or -1 when there is none. */
int draft_load(const char *path, void (*fn)(void *ctx, const char *name, const char *value),
	       void *ctx);

/* Whether a draft (mtime, path) is newer than the best so far (draft.c). */
bool draft_newer(long long mtime, const char *path, long long best, const char *best_path);

/* Lists the drafts of a database: calls fn with each path, form name,
 * record id (0 for a new record's) and when it was written (milliseconds
 * since the epoch); returns how many. */
int draft_list(const char *dbdir, void (*fn)(void *ctx, const char *path, const char *form,
					      uint64_t id, long long mtime_ms),
	       void *ctx);

/* A record page's lines (page.c): laid out once, then only scrolled. */
struct page_line {
	char *left, *right; /* a field's label and value, or a line (right NULL) */
	int attr;           /* a line's attribute */
};
struct page {
	struct page_line *l;
	int n, cap;
	int top, rows; /* the first line shown; the rows drawn last */
	int label_w;   /* the widest field label, in columns */
};

/* Appends a line (right NULL) or a field (left its label, right its value). */
void page_add(struct page *p, const char *left, const char *right, int attr);

/* Appends a line; page is a struct page (a sink for followup_lines). */
void page_line(void *page, const char *text, int attr);

/* Frees the lines and empties the page; page_free frees its array too. */
void page_clear(struct page *p);
void page_free(struct page *p);

/* Draws the lines from top on rows rows: a line across the page, fields
 * with their labels in a column, two fields a row when two. */
void page_draw(struct page *p, int top, int rows, int cols, bool two);

/* Moves the page for Up, Down, PgUp, PgDn and Home; false for any other
 * action. */
bool page_scroll(struct page *p, enum action action);

/* The record a page opens: *arg when the screen was given one, else asks
 * question and finds the record of kind k the officer names.  False when
 * the officer gave none or it was not found (the message line says why). */
bool page_which(struct app *a, const void *arg, enum kind k, const char *question,
		uint64_t *id);

#endif

/*
 * scr-form.c - the forms engine: any forms/NAME.form on the screen.
 *
 * Every field has its own editor (editor.c); what the officer types stays
 * in the editor whatever happens, and is checked through core (the same
 * zs_field_set the command line uses) as they type and when they leave
 * the field.  Save is refused with the cursor on the first bad field, in
 * whichever step it is.  Fields "enterprise.x" fill the enterprise the
 * project belongs to; typing a known credit code or name brings that
 * enterprise in at once.  Drafts are written when a field is left, so a
 * dropped link loses at most the field being typed.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "editor.h"
#include "entry.h"
#include "forms.h"
#include "i18n.h"
#include "may.h"
#include "money.h"
#include "datetime.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#include "form.h"


static const enum action form_bar[] = {ACT_HELP, ACT_SAVE, ACT_PICK,	ACT_PGDN,
				       ACT_PGUP, ACT_CANCEL, ACT_MENU, ACT_NONE};

/* Sets a field's message (NULL clears). */
static void set_err(struct fstate *s, int i, const char *msg, bool warn)
{
	free(s->err[i]);
	s->err[i] = NULL;
	s->warn[i] = warn;
	if (!msg || !*msg)
		return;
	/* "label: problem" as the language writes it (a full-width colon in
	 * Chinese). */
	const char *label = form_field_label(&s->form.f[i]);
	size_t ll = strlen(label);
	if (!strncmp(msg, label, ll) && !strncmp(msg + ll, ": ", 2)) {
		char buf[1400];
		snprintf(buf, sizeof buf, _("%s: %s"), label, msg + ll + 2);
		s->err[i] = xstrdup(buf);
	} else {
		s->err[i] = xstrdup(msg);
	}
}

/* The problem of field i without its label (shown beside the field). */
static const char *err_body(const struct fstate *s, int i)
{
	const char *label = form_field_label(&s->form.f[i]);
	size_t ll = strlen(label);
	const char *m = s->err[i];
	if (!strncmp(m, label, ll)) {
		if (!strncmp(m + ll, ": ", 2))
			return m + ll + 2;
		if (!strncmp(m + ll, "\xef\xbc\x9a", 3)) /* ： */
			return m + ll + 3;
	}
	return m;
}

/* True for a field that names a project or an enterprise: core reads
 * those by id (or credit code), so the field shows "20004 项目名" and
 * what is parsed is the leading id. */
static bool ref_by_id(const struct form_field *ff)
{
	return ff->def->type == FT_REF &&
	       (ff->def->ref == KIND_PROJECT || ff->def->ref == KIND_ENTERPRISE);
}

/* What core is to read of a field's text (a newly allocated copy): for a
 * project or enterprise, the id the text begins with, or the one record
 * that the words typed find. */
static char *parse_text(struct fstate *s, const struct form_field *ff, const char *text)
{
	if (!ref_by_id(ff))
		return xstrdup(text);
	size_t nd = strspn(text, "0123456789");
	if (nd && (text[nd] == ' ' || text[nd] == '\0')) {
		char *id = xstrdup(text);
		id[nd] = '\0';
		return id;
	}
	if (ff->def->ref == KIND_PROJECT && *text) {
		/* Words of a name (or its pinyin): fine when only one matches. */
		struct zs_filter f = {.text = text};
		struct zs_cursor c = {0};
		uint64_t hits[2];
		size_t n = 0;
		for (int tries = 0; tries < 8 && !c.done && n < 2; tries++)
			n += zs_list(s->z, KIND_PROJECT, &f, &c, hits + n, 2 - n);
		if (n == 1) {
			char idb[32];
			return xstrdup(zs_id_text(hits[0], idb, sizeof idb));
		}
	}
	return xstrdup(text);
}

/* Shows field i as understood: 在谈 for "talks", 15,000万元 for "1.5亿",
 * "20004 项目名" for a project; free text stays as typed. */
static void show_understood(struct fstate *s, int i)
{
	const struct form_field *ff = &s->form.f[i];
	if (ff->def->type == FT_TEXT || ff->def->type == FT_LONGTEXT || ff->def->type == FT_PHONE ||
	    ff->def->type == FT_CREDITCODE)
		return;
	char shown[1024];
	zs_entry_text(s->en, ff->kind, ff->def, shown, sizeof shown);
	if (ff->def->type == FT_MONEY || ff->def->type == FT_MONEY_USD) {
		/* As the officer reads sums: one 亿 and more in 亿. */
		const struct rec *r = zs_entry_rec(s->en, ff->kind);
		const struct rec_field *rf = r ? rec_find(r, ff->field) : NULL;
		if (rf && rf->v.type == REC_INT) {
			bool usd = ff->def->type == FT_MONEY_USD ||
				   !strcmp(rec_text(r, "currency", ""), "USD");
			money_format(rf->v.i, usd ? CURRENCY_USD : CURRENCY_CNY, MONEY_AUTO, shown,
				     sizeof shown);
		}
	}
	if (ref_by_id(ff)) {
		const struct rec *r = zs_entry_rec(s->en, ff->kind);
		int64_t id = r ? rec_int(r, ff->field, 0) : 0;
		if (id <= 0)
			return;
		char idb[32], both[1100];
		snprintf(both, sizeof both, "%s %s", zs_id_text((uint64_t)id, idb, sizeof idb), shown);
		editor_set(&s->ed[i], both);
		return;
	}
	editor_set(&s->ed[i], shown);
}

/* A value that is allowed but likely a slip, said as a warning (saving
 * still goes on): a mobile number that has not 11 digits, an expected
 * signing date already past on a new project.  True with msg set. */
static bool field_doubt(const struct fstate *s, const struct form_field *ff, const char *text,
			char *msg, size_t n)
{
	if (ff->def->type == FT_PHONE && text[0] == '1') {
		size_t digits = 0;
		bool plain = true;
		for (const char *p = text; *p; p++) {
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (*p != ' ' && *p != '-')
				plain = false;
		}
		if (plain && digits != 11) {
			snprintf(msg, n, _("%s: a mobile number has 11 digits, this one %zu"),
				 form_field_label(ff), digits);
			return true;
		}
	}
	if (ff->def->type == FT_DATE && !s->id && ff->kind == KIND_PROJECT &&
	    !strcmp(ff->field, "expected_sign")) {
		date_t d;
		if (date_parse(text, &d) == 0 && d < clock_today()) {
			snprintf(msg, n, _("%s: this date is already past"), form_field_label(ff));
			return true;
		}
	}
	return false;
}

/* Checks field i from its editor into the record; returns -1, 0 or 1. */
static int check_field(struct fstate *s, int i)
{
	const struct form_field *ff = &s->form.f[i];
	char *typed = editor_text(&s->ed[i]);
	char *text = parse_text(s, ff, typed);
	free(typed);
	char msg[512];
	int rc;
	if (!*text && ff->required) {
		snprintf(msg, sizeof msg, "%s: %s", form_field_label(ff), _("cannot be empty"));
		rc = -1;
	} else {
		rc = zs_entry_set(s->en, ff->kind, ff->def, form_field_label(ff), text, msg,
				  sizeof msg);
	}
	if (rc == 0 && *text && field_doubt(s, ff, text, msg, sizeof msg))
		rc = 1;
	set_err(s, i, rc ? msg : NULL, rc > 0);
	free(text);
	return rc;
}

/* Fills the editors of the enterprise fields from the entry. */
static void show_enterprise(struct fstate *s)
{
	char buf[1024];
	for (int i = 0; i < s->form.nf; i++) {
		const struct form_field *ff = &s->form.f[i];
		if (ff->kind != KIND_ENTERPRISE || s->form.kind == KIND_ENTERPRISE)
			continue;
		zs_entry_text(s->en, KIND_ENTERPRISE, ff->def, buf, sizeof buf);
		editor_set(&s->ed[i], buf);
		set_err(s, i, NULL, false);
	}
}

/* After the credit code or name of the enterprise is typed: bring in the
 * enterprise it names, if there is one. */
static void lookup_enterprise(struct app *a, struct fstate *s, int i)
{
	const struct form_field *ff = &s->form.f[i];
	if (ff->kind != KIND_ENTERPRISE || s->form.kind != KIND_PROJECT ||
	    (strcmp(ff->field, "credit_code") && strcmp(ff->field, "name")))
		return;
	char *text = editor_text(&s->ed[i]);
	if (zs_entry_find_enterprise(s->en, text)) {
		show_enterprise(s);
		app_message(a, false, _("Enterprise on file: %s"),
			    rec_text(zs_entry_rec(s->en, KIND_ENTERPRISE), "name", ""));
	}
	free(text);
}

/* The claim warning: the enterprise typed so far already has a project in
 * another district, or in talks.  Shown at once; saved with the project. */
static void check_claims(struct app *a, struct fstate *s)
{
	struct zs_claim c[8];
	size_t n = zs_entry_claims(s->en, c, 8);
	if (!n)
		return;
	char msg[1024];
	app_message(a, true, _("Careful: the same or a similarly named enterprise already has: %s"),
		    form_claims_text(c, n, msg, sizeof msg));
}

/* Leaves the focused field: check it, look the enterprise up, save a draft. */
static void leave_field(struct app *a, struct fstate *s)
{
	s->live[0] = '\0';
	if (s->form.nf == 0 || s->focus >= s->form.nf)
		return;
	if (s->ed[s->focus].changed) {
		s->dirty = true;
		s->ed[s->focus].changed = false;
		if (check_field(s, s->focus) >= 0) {
			show_understood(s, s->focus);
			lookup_enterprise(a, s, s->focus);
			const char *f = s->form.f[s->focus].field;
			if (!strcmp(f, "credit_code") || !strcmp(f, "name") || !strcmp(f, "district"))
				check_claims(a, s);
		}
		form_save_draft(s);
	}
}

/* A new record's district: the officer's own, filled in at once (an
 * officer of the city office has none and chooses). */
static void fill_district(struct fstate *s)
{
	int di = -1;
	for (int i = 0; i < s->form.nf; i++)
		if (s->form.f[i].kind == s->form.kind && !strcmp(s->form.f[i].field, "district"))
			di = i;
	if (di < 0 || s->ed[di].len || !zs_me(s->z))
		return;
	struct rec me, d;
	rec_init(&me);
	rec_init(&d);
	int64_t did = 0;
	if (zs_get(s->z, KIND_OFFICER, zs_me(s->z), &me) == ZS_OK)
		did = rec_int(&me, "district", 0);
	if (did > 0 && zs_get(s->z, KIND_DISTRICT, (uint64_t)did, &d) == ZS_OK) {
		editor_set(&s->ed[di], rec_text(&d, "name", ""));
		if (check_field(s, di) >= 0)
			show_understood(s, di);
		else
			editor_set(&s->ed[di], "");
		s->ed[di].changed = false;
	}
	rec_free(&me);
	rec_free(&d);
}

/* Opens a form: loads the file, the record being edited, or a draft. */
static void *form_open(struct app *a, const void *varg)
{
	const struct form_arg *arg = varg;
	char err[512];
	struct fstate *s = xcalloc(1, sizeof *s);
	s->z = app_zs(a);
	if (form_load(arg->form, &s->form, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		free(s);
		return NULL;
	}
	if (arg->id && zs_may_edit(s->z, s->form.kind, arg->id) != ZS_OK) {
		/* Refused before anything is typed, with the reason. */
		app_fail(a, s->z);
		form_free(&s->form);
		free(s);
		return NULL;
	}
	snprintf(s->name, sizeof s->name, "%s", arg->form);
	s->id = arg->id;
	s->ed = xcalloc((size_t)s->form.nf + 1, sizeof *s->ed);
	s->err = xcalloc((size_t)s->form.nf + 1, sizeof *s->err);
	s->warn = xcalloc((size_t)s->form.nf + 1, sizeof *s->warn);
	for (int i = 0; i < s->form.nf; i++) {
		const struct form_field *ff = &s->form.f[i];
		editor_init(&s->ed[i], ff->def->maxlen > 0 ? (size_t)ff->def->maxlen : 0);
	}
	s->en = zs_entry_new(s->z, s->form.kind, s->id);
	if (!s->en) {
		app_fail(a, s->z);
		form_free(&s->form);
		free(s->ed);
		free(s->err);
		free(s->warn);
		free(s);
		return NULL;
	}
	if (s->id) {
		char buf[1024];
		for (int i = 0; i < s->form.nf; i++) {
			const struct form_field *ff = &s->form.f[i];
			zs_entry_text(s->en, ff->kind, ff->def, buf, sizeof buf);
			editor_set(&s->ed[i], buf);
			show_understood(s, i);
		}
	}
	if (arg->field && arg->value) {
		int fi = -1;
		for (int i = 0; i < s->form.nf; i++)
			if (!strcmp(s->form.f[i].name, arg->field))
				fi = i;
		if (fi >= 0) {
			editor_set(&s->ed[fi], arg->value);
			if (check_field(s, fi) >= 0)
				show_understood(s, fi);
			if (fi == s->focus && fi + 1 < s->form.s[0].first + s->form.s[0].n)
				s->focus = fi + 1;
		}
	}
	if (!s->id)
		fill_district(s);
	const char *draft = arg->draft;
	if (draft)
		snprintf(s->draftpath, sizeof s->draftpath, "%s", draft);
	else
		draft = form_choose_draft(a, s);
	if (draft && draft_load(draft, form_draft_value, s) == 0) {
		for (int i = 0; i < s->form.nf; i++)
			if (s->ed[i].changed) {
				s->ed[i].changed = false;
				if (check_field(s, i) >= 0)
					lookup_enterprise(a, s, i);
			}
		s->dirty = true;
		app_message(a, false, "%s", _("The draft is back; check it and save with F2."));
	}
	form_opened(s);
	return s;
}

/* Closes a form, keeping nothing (drafts were saved by the app). */
static void form_close(void *st)
{
	struct fstate *s = st;
	form_closed(s);
	for (int i = 0; i < s->form.nf; i++) {
		editor_free(&s->ed[i]);
		free(s->err[i]);
	}
	free(s->ed);
	free(s->err);
	free(s->warn);
	zs_entry_free(s->en);
	form_free(&s->form);
	free(s);
}

/* Draft hook: keep what was typed. */
static void form_draft(struct app *a, void *st)
{
	struct fstate *s = st;
	(void)a;
	leave_field(a, s);
	form_save_draft(s);
}

/* Width of the label column of a step. */
static int label_width(const struct fstate *s, const struct form_step *st)
{
	int w = 4;
	for (int i = st->first; i < st->first + st->n; i++) {
		int lw = text_width(form_field_label(&s->form.f[i])) + (s->form.f[i].required ? 1 : 0);
		if (lw > w)
			w = lw;
	}
	return w > 24 ? 24 : w;
}

/* Draws the review step: every field with its value and problem. */
static void draw_review(struct fstate *s, int top, int rows, int cols)
{
	int y = top, w = 4;
	for (int i = 0; i < s->form.nf; i++) {
		int lw = text_width(form_field_label(&s->form.f[i]));
		if (lw > w)
			w = lw;
	}
	if (w > 24)
		w = 24;
	/* Up and Down scroll the review when the form is longer than the screen. */
	s->review_rows = rows;
	if (s->review_top > s->form.nf - rows)
		s->review_top = s->form.nf - rows;
	if (s->review_top < 0)
		s->review_top = 0;
	for (int i = s->review_top; i < s->form.nf && y < top + rows; i++, y++) {
		char *v = editor_text(&s->ed[i]);
		draw_text(y, 2, form_field_label(&s->form.f[i]), w, true, term_attr(ATTR_DIM));
		int x = 2 + w + 2;
		int used = draw_text(y, x, v, cols - x, false, A_NORMAL);
		if (s->err[i])
			draw_text(y, x + used + 2, s->err[i], cols - x - used - 2, false,
				  term_attr(ATTR_ERROR));
		free(v);
	}
	s->cur_row = -1;
}

/* The focused long text (诉求内容, a summary) when it is more than its
 * box holds: wrapped into rows y0..y1, the part around the cursor, which
 * is put there - the officer reads all of it while typing. */
static void draw_long_text(struct fstate *s, int y0, int y1, int cols, int fx)
{
	const struct form_field *ff = &s->form.f[s->focus];
	struct editor *e = &s->ed[s->focus];
	int box = ff->width;
	if (fx + box > cols - 1)
		box = cols - 1 - fx;
	int w = cols - 4;
	if (ff->def->type != FT_LONGTEXT || editor_width(e) <= box || y1 - y0 < 2 || w < 10)
		return;
	/* Where each wrapped row starts, and the cursor's row and column. */
	size_t nrows = 1, cap = 64;
	size_t *start = xcalloc(cap, sizeof *start);
	int used = 0, cur_row = 0, cur_col = 0;
	for (size_t i = 0; i <= e->len; i++) {
		int cw = i < e->len ? text_cpwidth((uint32_t)e->buf[i]) : 0;
		if (cw < 0)
			cw = 1;
		if (i < e->len && used + cw > w) {
			if (nrows == cap)
				start = xrealloc(start, (cap *= 2) * sizeof *start);
			start[nrows++] = i;
			used = 0;
		}
		if (i == e->cur) {
			cur_row = (int)nrows - 1;
			cur_col = used;
		}
		used += cw;
	}
	int room = y1 - y0; /* one row for the heading */
	int first = cur_row - room + 1 > 0 ? cur_row - room + 1 : 0;
	char head[256];
	snprintf(head, sizeof head, _("%s, all of it (%zu of %zu characters; rows %d-%d of %zu):"),
		 form_field_label(ff), e->len, e->maxlen, first + 1,
		 first + room < (int)nrows ? first + room : (int)nrows, nrows);
	draw_text(y0, 2, head, cols - 4, true, term_attr(ATTR_DIM));
	for (int r = 0; r < room; r++) {
		size_t row = (size_t)(first + r);
		if (row >= nrows) {
			draw_blank(y0 + 1 + r, 2, w, A_NORMAL);
			continue;
		}
		size_t end = row + 1 < nrows ? start[row + 1] : e->len;
		wchar_t line[512];
		size_t n = end - start[row] < 511 ? end - start[row] : 511;
		wmemcpy(line, e->buf + start[row], n);
		line[n] = 0;
		draw_wide(y0 + 1 + r, 2, line, w, true, term_attr(ATTR_FIELD));
	}
	s->cur_row = y0 + 1 + (cur_row - first);
	s->cur_col = 2 + cur_col;
	free(start);
}

/* Draws the current step. */
static void form_draw(struct app *a, void *st, int top, int rows, int cols)
{
	struct fstate *s = st;
	(void)a;
	const struct form_step *step = &s->form.s[s->step];
	for (int y = top; y < top + rows; y++)
		draw_blank(y, 0, cols, A_NORMAL);
	/* Step indicator: "2/5 项目信息" and the names of all steps. */
	char ind[256];
	snprintf(ind, sizeof ind, "%d/%d %s", s->step + 1, s->form.ns, form_step_title(step));
	int x = draw_text(top, 1, ind, cols - 2, false, term_attr(ATTR_ACCENT)) + 4;
	for (int i = 0; i < s->form.ns && x < cols; i++) {
		x += draw_text(top, x, form_step_title(&s->form.s[i]), cols - x, false,
			       i == s->step ? term_attr(ATTR_SELECT) : term_attr(ATTR_DIM));
		if (i + 1 < s->form.ns)
			x += draw_text(top, x, " > ", cols - x, false, term_attr(ATTR_DIM));
	}
	if (step->n == 0) {
		draw_review(s, top + 2, rows - 3, cols);
		char more[256];
		if (s->form.nf > s->review_rows)
			snprintf(more, sizeof more,
				 _("Check everything above (Up, Down: %d-%d of %d), then save with F2."),
				 s->review_top + 1, s->review_top + s->review_rows, s->form.nf);
		else
			snprintf(more, sizeof more, "%s", _("Check everything above, then save with F2."));
		draw_text(top + rows - 1, 1, more, cols - 2, true, term_attr(ATTR_DIM));
		return;
	}
	int lw = label_width(s, step);
	int fx = 2 + lw + 2;
	int avail = rows - 3; /* a line for the field's help at the bottom */
	int rel = s->focus - step->first;
	if (rel < s->scroll)
		s->scroll = rel;
	if (rel >= s->scroll + avail)
		s->scroll = rel - avail + 1;
	s->cur_row = -1;
	for (int i = 0; i < avail && s->scroll + i < step->n; i++) {
		int fi = step->first + s->scroll + i;
		const struct form_field *ff = &s->form.f[fi];
		int y = top + 2 + i;
		char label[128];
		snprintf(label, sizeof label, "%s%s", form_field_label(ff), ff->required ? "*" : "");
		draw_text(y, 2, label, lw, true, fi == s->focus ? term_attr(ATTR_ACCENT) : (int)A_NORMAL);
		int width = ff->width;
		if (fx + width > cols - 1)
			width = cols - 1 - fx;
		if (width < 4)
			width = 4;
		wchar_t view[512];
		int cc;
		if (fi == s->focus) {
			cc = editor_view(&s->ed[fi], width, view, sizeof view / sizeof *view);
		} else {
			/* Other fields show their start, not where typing ended, and
			 * the cut sign when they hold more. */
			size_t cur = s->ed[fi].cur;
			s->ed[fi].cur = s->ed[fi].scroll = 0;
			cc = editor_view(&s->ed[fi], width, view, sizeof view / sizeof *view);
			s->ed[fi].cur = cur;
		}
		if (fi != s->focus && editor_width(&s->ed[fi]) > width) {
			wchar_t *all = xcalloc(s->ed[fi].len + 1, sizeof *all);
			wmemcpy(all, s->ed[fi].buf, s->ed[fi].len);
			draw_wide(y, fx, all, width, true, term_attr(ATTR_FIELD));
			free(all);
		} else if (fi == s->focus) {
			/* The text typed is plain and the room left is highlighted:
			 * a character typed then costs only its own bytes (a
			 * highlighted one would be wrapped in colour and reset
			 * sequences, some 24 bytes more on every key). */
			int used = draw_wide(y, fx, view, width, false, A_NORMAL);
			if (used < width)
				draw_blank(y, fx + used, width - used, term_attr(ATTR_FOCUS));
		} else {
			draw_wide(y, fx, view, width, true, term_attr(ATTR_FIELD));
		}
		if (s->err[fi] && fx + width + 2 < cols) {
			/* The problem after the box, as much as fits. */
			draw_text(y, fx + width + 1, err_body(s, fi), cols - fx - width - 1, true,
				  s->warn[fi] ? term_attr(ATTR_ACCENT) : term_attr(ATTR_ERROR));
		} else if (fx + width + 1 < cols) {
			draw_blank(y, fx + width + 1, cols - fx - width - 1, A_NORMAL);
		}
		if (fi == s->focus) {
			s->cur_row = y;
			s->cur_col = fx + cc;
		}
	}
	/* A long text being typed: all of it, wrapped, below the fields. */
	int shown_rows = step->n - s->scroll < avail ? step->n - s->scroll : avail;
	draw_long_text(s, top + 2 + shown_rows + 1, top + rows - 2, cols, fx);
	/* Help or problem of the focused field. */
	const struct form_field *ff = &s->form.f[s->focus];
	const char *line = s->live[0]	      ? s->live
			   : s->err[s->focus] ? s->err[s->focus]
					      : form_field_help(ff);
	draw_text(top + rows - 1, 1, line, cols - 2, true,
		  s->live[0] || s->err[s->focus]
			  ? (s->warn[s->focus] && !s->live[0] ? term_attr(ATTR_ACCENT) : term_attr(ATTR_ERROR))
			  : term_attr(ATTR_DIM));
}

/* Cursor position after drawing. */
static void form_cursor(void *st, int *row, int *col)
{
	struct fstate *s = st;
	*row = s->cur_row;
	*col = s->cur_col;
}

/* "2/5 项目信息" for the title line. */
static const char *form_subtitle(void *st, char *buf, size_t n)
{
	struct fstate *s = st;
	snprintf(buf, n, "%s", form_title(&s->form));
	return buf;
}

/* Moves the focus to field i (switching step when needed). */
static void focus_field(struct app *a, struct fstate *s, int i)
{
	leave_field(a, s);
	if (i < 0 || i >= s->form.nf)
		return;
	s->focus = i;
	for (int k = 0; k < s->form.ns; k++)
		if (i >= s->form.s[k].first && i < s->form.s[k].first + s->form.s[k].n) {
			if (k != s->step)
				s->scroll = 0;
			s->step = k;
		}
}

/* Goes to step k (its first field). */
static void goto_step(struct app *a, struct fstate *s, int k)
{
	if (k < 0 || k >= s->form.ns)
		return;
	leave_field(a, s);
	s->step = k;
	s->scroll = 0;
	if (s->form.s[k].n)
		s->focus = s->form.s[k].first;
}

/* Next field; at the end of a step, the next step. */
static void next_field(struct app *a, struct fstate *s)
{
	const struct form_step *st = &s->form.s[s->step];
	if (st->n && s->focus + 1 < st->first + st->n)
		focus_field(a, s, s->focus + 1);
	else
		goto_step(a, s, s->step + 1);
}

/* Previous field; at the start of a step, the previous step's last. */
static void prev_field(struct app *a, struct fstate *s)
{
	const struct form_step *st = &s->form.s[s->step];
	if (st->n && s->focus > st->first) {
		focus_field(a, s, s->focus - 1);
	} else if (s->step > 0) {
		const struct form_step *p = &s->form.s[s->step - 1];
		if (p->n)
			focus_field(a, s, p->first + p->n - 1);
		else
			goto_step(a, s, s->step - 1);
	}
}

/* Finds the form field called name ("enterprise.credit_code" or "name"). */
static int field_index(const struct fstate *s, const char *name)
{
	for (int i = 0; i < s->form.nf; i++) {
		const struct form_field *ff = &s->form.f[i];
		if (!strcmp(ff->name, name) ||
		    (ff->kind == s->form.kind && !strcmp(ff->field, name)))
			return i;
	}
	return -1;
}

/* Puts a value chosen from the pick list into the focused field. */
static void take_pick(void *st, const char *text)
{
	struct fstate *s = st;
	struct editor *e = &s->ed[s->focus];
	editor_set(e, text);
	e->changed = true;
	s->dirty = true;
	if (check_field(s, s->focus) >= 0)
		show_understood(s, s->focus);
	s->picked = true;
}

/* Saves the form; returns redraw flags. */
static int form_save(struct app *a, struct fstate *s)
{
	leave_field(a, s);
	/* Every field again, so the record holds exactly what is shown. */
	int first_bad = -1;
	for (int i = 0; i < s->form.nf; i++)
		if (check_field(s, i) < 0 && first_bad < 0)
			first_bad = i;
	if (first_bad >= 0) {
		/* Said once: on the field's own line under the form. */
		focus_field(a, s, first_bad);
		return R_ALL;
	}
	if (!form_ask_claims(a, s))
		return R_ALL;
	int rc = form_save_entry(a, s);
	if (rc != ZS_OK) {
		const struct zs_err *e = zs_last_error(s->z);
		int fi = e->field[0] ? field_index(s, e->field) : -1;
		char why[1200];
		desk_error_text(e, why, sizeof why);
		if (fi >= 0) {
			/* The cursor on the field to correct (its step too); what
			 * was typed stays, the problem is said on its line. */
			focus_field(a, s, fi);
			set_err(s, fi, why, false);
			return R_ALL;
		} else if (rc == ZS_DENIED) {
			/* Not the officer's to save: the draft would be offered
			 * again and again for nothing. */
			remove(s->draftpath);
			s->dirty = false;
			app_message(a, true, _("%s (the draft is discarded)"), why);
			return R_ALL;
		} else if (rc == ZS_INVALID && e->field[0]) {
			/* A required field the form does not show. */
			app_message(a, true, _("%s (the form %s lacks this field)"), why, s->name);
			return R_ALL;
		}
		app_message(a, true, "%s", why);
		return R_ALL;
	}
	uint64_t id = zs_entry_id(s->en);
	bool was_new = s->id == 0;
	remove(s->draftpath);
	form_save_last(a, s);
	s->dirty = false;
	char idb[32];
	app_message(a, false, _("Saved: %s %s."), _(schema_kind(s->form.kind)->label),
		    zs_id_text(id, idb, sizeof idb));
	s->id = id;
	if (was_new && (s->form.kind == KIND_PROJECT || s->form.kind == KIND_ENTERPRISE)) {
		/* The new record's page follows, not the screen the form was
		 * opened from. */
		char go[48];
		snprintf(go, sizeof go, "%s:%s", s->form.kind == KIND_PROJECT ? "project" : "enterprise",
			 idb);
		app_goto(a, go);
	}
	return R_CLOSE;
}

/* Handles a key. */
static int form_handle(struct app *a, void *st, const struct key *k)
{
	struct fstate *s = st;
	const struct form_step *step = &s->form.s[s->step];
	bool on_field = step->n > 0;
	struct editor *e = on_field ? &s->ed[s->focus] : NULL;
	switch (k->action) {
	case ACT_SAVE:
		return form_save(a, s);
	case ACT_CANCEL:
		leave_field(a, s);
		if (s->dirty && !app_confirm(a, _("Leave this form? What you typed is kept as a draft.")))
			return R_ALL;
		return R_CLOSE;
	case ACT_DOWN:
		if (!on_field) {
			s->review_top++;
			return R_BODY;
		}
		next_field(a, s);
		return R_BODY;
	case ACT_NEXT:
		next_field(a, s);
		return R_BODY;
	case ACT_ENTER:
		if (!on_field)
			return form_save(a, s);
		if (form_copy_previous(a, s)) {
			s->dirty = true;
			return R_BODY; /* shown first; Enter again goes on */
		}
		next_field(a, s);
		return R_BODY;
	case ACT_UP:
		if (!on_field) {
			if (s->review_top > 0)
				s->review_top--;
			return R_BODY;
		}
		prev_field(a, s);
		return R_BODY;
	case ACT_PREV:
		prev_field(a, s);
		return R_BODY;
	case ACT_PGDN:
	case ACT_NEXT_STEP:
		goto_step(a, s, s->step + 1);
		return R_BODY;
	case ACT_PGUP:
	case ACT_PREV_STEP:
		goto_step(a, s, s->step - 1);
		return R_BODY;
	case ACT_REFRESH:
		/* Back from a list: the choice is in, typing goes to the next field. */
		if (s->picked) {
			s->picked = false;
			next_field(a, s);
		}
		return R_ALL;
	case ACT_LANG:
		/* The language changed: say every problem again in it. */
		for (int i = 0; i < s->form.nf; i++)
			if (s->err[i])
				check_field(s, i);
		s->live[0] = '\0';
		return R_ALL;
	case ACT_PICK:
		if (on_field) {
			const struct form_field *ff = &s->form.f[s->focus];
			char *typed = editor_text(e);
			struct pick_arg pa = {ff->kind, ff->def, typed, take_pick, s, NULL, 0, NULL};
			/* A new record's choices: only those it may start with (a
			 * new project's stage: 线索 or 在谈). */
			static const char *start[128];
			const char *codes[128], *labels[128];
			int n = 0, all = s->id || ff->def->type != FT_CHOICE
					     ? 0
					     : zs_field_choices(s->z, ff->def, codes, labels, 128);
			for (int c = 0; c < all; c++)
				if (zs_may_start_with(ff->kind, ff->field, codes[c]))
					start[n++] = labels[c];
			if (n && n < all) {
				pa.def = NULL;
				pa.items = start;
				pa.nitems = n;
			}
			/* Parks: those of the district chosen in the form. */
			int di = field_index(s, "district");
			char *district = di >= 0 ? editor_text(&s->ed[di]) : NULL;
			if (district && *district)
				pa.district = district;
			app_push(a, &scr_pick, &pa);
			free(district);
			free(typed);
		}
		return R_ALL;
	default:
		break;
	}
	if (!e)
		return R_NONE;
	int ed = keys_edit(e, k);
	if (ed == EDIT_FULL)
		app_message(a, true, _("%s: no more than %zu characters"),
			    form_field_label(&s->form.f[s->focus]), e->maxlen);
	if (ed == EDIT_NONE && k->action != ACT_NONE)
		return R_NONE;
	bool changed = ed == EDIT_CHANGED;
	if (changed) {
		s->dirty = true;
		/* Checked as typed: the message shows, the field keeps the text. */
		const struct form_field *ff = &s->form.f[s->focus];
		char *typed = editor_text(e);
		char *text = parse_text(s, ff, typed);
		free(typed);
		char msg[512];
		int rc = *text ? zs_entry_try(s->en, ff->kind, ff->def, form_field_label(ff), text, msg,
					      sizeof msg)
			       : 0;
		/* Shown on the help line while typing; marked on the field when
		 * the officer leaves it. */
		snprintf(s->live, sizeof s->live, "%s", rc ? msg : "");
		if (!rc)
			set_err(s, s->focus, NULL, false);
		free(text);
	}
	return R_BODY;
}

const struct screen_def scr_form = {
	.name = "form",
	.title = "",
	.bar = form_bar,
	.open = form_open,
	.draw = form_draw,
	.handle = form_handle,
	.close = form_close,
	.draft = form_draft,
	.cursor = form_cursor,
	.subtitle = form_subtitle,
};

/*
 * form-save.c - what a form keeps and asks around saving: its drafts,
 * the values its "copy" fields take from the previous record, and the
 * questions of a save (the claim warning, fields others changed too).
 *
 * The form engine (scr-form.c) arranges steps and fields and checks what
 * is typed; this file keeps what was typed across a dropped link - one
 * draft per form and record, one per new record, never one an open form
 * is writing - and words the questions before and during a save.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "editor.h"
#include "entry.h"
#include "forms.h"
#include "i18n.h"
#include "form.h"
#include "ui.h"
#include "xalloc.h"

/* Writes the draft file (only when something was typed). */
void form_save_draft(struct fstate *s)
{
	if (!s->dirty)
		return;
	const char **names = xcalloc((size_t)s->form.nf, sizeof *names);
	char **values = xcalloc((size_t)s->form.nf, sizeof *values);
	for (int i = 0; i < s->form.nf; i++) {
		names[i] = s->form.f[i].name;
		values[i] = editor_text(&s->ed[i]);
	}
	draft_save(s->draftpath, names, (const char *const *)values, s->form.nf);
	for (int i = 0; i < s->form.nf; i++)
		free(values[i]);
	free(names);
	free(values);
}

/* The forms open now: a draft one of them writes is not offered again. */
#define MAX_OPEN 16
static struct fstate *open_forms[MAX_OPEN];

/* True when an open form writes the draft at path. */
static bool draft_in_use(const char *path)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_forms[i] && !strcmp(open_forms[i]->draftpath, path))
			return true;
	return false;
}

struct draft_words {
	char name[256], project[256], enterprise[256];
};

/* Keeps the values that say what a draft is about. */
static void draft_word(void *ctx, const char *name, const char *value)
{
	struct draft_words *w = ctx;
	if (!strcmp(name, "name"))
		snprintf(w->name, sizeof w->name, "%s", value);
	else if (!strcmp(name, "project"))
		snprintf(w->project, sizeof w->project, "%s", value + strspn(value, "0123456789 "));
	else if (!strcmp(name, "enterprise.name"))
		snprintf(w->enterprise, sizeof w->enterprise, "%s", value);
}

void form_draft_label(struct app *a, const char *form, uint64_t id, const char *path, char *buf,
		      size_t n)
{
	struct form f;
	char err[256], about[256] = "";
	bool loaded = form_load(form, &f, err, sizeof err) == 0;
	struct draft_words w = {"", "", ""};
	draft_load(path, draft_word, &w);
	if (loaded && id && f.kind == KIND_PROJECT) {
		struct rec r;
		rec_init(&r);
		if (zs_get(app_zs(a), KIND_PROJECT, id, &r) == ZS_OK)
			snprintf(about, sizeof about, "%s", rec_text(&r, "name", ""));
		rec_free(&r);
	}
	if (!*about)
		snprintf(about, sizeof about, "%s",
			 *w.name ? w.name : *w.project ? w.project : w.enterprise);
	if (!*about)
		snprintf(about, sizeof about, "%s", _("nothing named yet"));
	snprintf(buf, n, _("%s: %s"), loaded ? form_title(&f) : form, about);
	if (loaded)
		form_free(&f);
}

struct draft_pick {
	const char *form;
	char path[4400];
	long long mtime;
	bool any;
};

/* Remembers the newest draft of a new record of the form not open now. */
static void draft_newest(void *ctx, const char *path, const char *form, uint64_t id,
			 long long mtime)
{
	struct draft_pick *p = ctx;
	if (id || strcmp(form, p->form) || draft_in_use(path))
		return;
	if (!p->any || draft_newer(mtime, path, p->mtime, p->path)) {
		snprintf(p->path, sizeof p->path, "%s", path);
		p->mtime = mtime;
		p->any = true;
	}
}

/* Asks whether to take up the draft at path; true for yes, and false
 * (the draft discarded) for no. */
static bool offer_draft(struct app *a, const struct fstate *s, const char *path)
{
	char label[600], when[20], q[800];
	struct stat st;
	if (stat(path, &st) < 0)
		return false;
	form_draft_label(a, s->name, s->id, path, label, sizeof label);
	datetime_format((int64_t)st.st_mtime * 1000, when);
	snprintf(q, sizeof q, _("Restore the unsaved form %s from %s?"), label, when);
	if (app_confirm(a, q))
		return true;
	remove(path);
	return false;
}

/* The draft a form opened by the officer writes: the record's own, or
 * a new record's - an earlier draft of the form offered first. */
const char *form_choose_draft(struct app *a, struct fstate *s)
{
	if (s->id) {
		draft_path(app_dbdir(a), s->name, s->id, s->draftpath, sizeof s->draftpath);
		return !draft_in_use(s->draftpath) && offer_draft(a, s, s->draftpath) ? s->draftpath
											: NULL;
	}
	for (int tries = 0; tries < 50; tries++) {
		struct draft_pick p = {.form = s->name};
		draft_list(app_dbdir(a), draft_newest, &p);
		if (!p.any)
			break;
		if (offer_draft(a, s, p.path)) {
			snprintf(s->draftpath, sizeof s->draftpath, "%s", p.path);
			return s->draftpath;
		}
	}
	draft_path_new(app_dbdir(a), s->name, s->draftpath, sizeof s->draftpath);
	return NULL;
}

/* Applies one line of a draft. */
void form_draft_value(void *ctx, const char *name, const char *value)
{
	struct fstate *s = ctx;
	for (int i = 0; i < s->form.nf; i++)
		if (!strcmp(s->form.f[i].name, name)) {
			editor_set(&s->ed[i], value);
			s->ed[i].changed = true;
		}
}

/* Counts the form among those open. */
void form_opened(struct fstate *s)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (!open_forms[i]) {
			open_forms[i] = s;
			break;
		}
}

/* The form is no longer open. */
void form_closed(struct fstate *s)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_forms[i] == s)
			open_forms[i] = NULL;
}

/* Path of the values last saved with this form (for "copy" fields). */
static void last_path(struct app *a, const struct fstate *s, char *buf, size_t n)
{
	char name[80];
	snprintf(name, sizeof name, "%s-last", s->name);
	draft_path(app_dbdir(a), name, 0, buf, n);
}

/* Keeps the values of the form's "copy" fields for the next record. */
void form_save_last(struct app *a, struct fstate *s)
{
	const char *names[64];
	char *values[64];
	int n = 0;
	for (int i = 0; i < s->form.nf && n < 64; i++)
		if (s->form.f[i].copy) {
			names[n] = s->form.f[i].name;
			values[n++] = editor_text(&s->ed[i]);
		}
	if (n) {
		char path[4400];
		last_path(a, s, path, sizeof path);
		draft_save(path, names, (const char *const *)values, n);
	}
	for (int i = 0; i < n; i++)
		free(values[i]);
}

struct copy_one {
	const char *name;
	struct editor *e;
};

/* Takes one value from the last record's file. */
static void copy_value(void *ctx, const char *name, const char *value)
{
	struct copy_one *c = ctx;
	if (!strcmp(c->name, name)) {
		editor_set(c->e, value);
		c->e->changed = true;
	}
}

/* Enter on an empty "copy" field: the value of the previous record. */
bool form_copy_previous(struct app *a, struct fstate *s)
{
	const struct form_field *ff = &s->form.f[s->focus];
	if (!ff->copy || s->ed[s->focus].len)
		return false;
	char path[4400];
	last_path(a, s, path, sizeof path);
	struct copy_one c = {ff->name, &s->ed[s->focus]};
	return draft_load(path, copy_value, &c) == 0 && s->ed[s->focus].len;
}

/* The projects of a claim warning, as "2166 晨光项目（某某公司，朝阳区，在谈）；…"
 * with the language's punctuation. */
char *form_claims_text(const struct zs_claim *c, size_t n, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < len; i++) {
		char idb[32];
		used += (size_t)snprintf(buf + used, len - used,
					 i18n_pick("%s%s %s（%s，%s，%s）", "%s%s %s (%s, %s, %s)"),
					 i ? i18n_pick("；", "; ") : "",
					 zs_id_text(c[i].id, idb, sizeof idb), c[i].project,
					 c[i].enterprise, c[i].district, c[i].stage);
	}
	return buf;
}

/* The claim warning is asked about, not only shown: another district's
 * or another talk's project of the same enterprise.  True to go on and
 * save. */
bool form_ask_claims(struct app *a, struct fstate *s)
{
	struct zs_claim c[8];
	size_t nc = s->id ? 0 : zs_entry_claims(s->en, c, 8);
	if (nc) {
		char msg[1024], q[1400];
		snprintf(q, sizeof q,
			 _("The same or a similarly named enterprise already has: %s. Save all the "
			   "same?"),
			 form_claims_text(c, nc, msg, sizeof msg));
		if (!app_confirm(a, q)) {
			app_message(a, false, "%s", _("Not saved; the form is as it was."));
			return false;
		}
	}
	return form_ask_library(a, s);
}

/* A library's warnings are asked about too: another district's event at
 * the same region and industry (a clash), another district chasing the
 * same target enterprise, a carrier promised to another live project.
 * True to go on and save. */
bool form_ask_library(struct app *a, struct fstate *s)
{
	enum kind k = s->form.kind;
	struct rec *r = zs_entry_rec(s->en, k);
	if (!r || (!zs_is_library(k) && k != KIND_PROJECT))
		return true;
	char w[4][ZS_WARN_BYTES];
	size_t n = zs_lib_warnings(s->z, k, s->id, r, w, 4);
	if (!n)
		return true;
	char msg[1400], q[1600];
	size_t used = 0;
	msg[0] = '\0';
	for (size_t i = 0; i < n && i < 4 && used < sizeof msg; i++)
		used += (size_t)snprintf(msg + used, sizeof msg - used, "%s%s", used ? "; " : "",
					 w[i]);
	if (n > 4 && used < sizeof msg)
		snprintf(msg + used, sizeof msg - used, _("; %zu more"), n - 4);
	snprintf(q, sizeof q, _("%s. Save all the same?"), msg);
	if (!app_confirm(a, q)) {
		app_message(a, false, "%s", _("Not saved; the form is as it was."));
		return false;
	}
	return true;
}

/* Saves the entry.  Others' saves to other fields come in by themselves;
 * for a field both changed, the officer sees both values and chooses,
 * and the entry is saved again.  A change core wants a reason for asks
 * it first. */
int form_save_entry(struct app *a, struct fstate *s)
{
	struct zs_conflict c[32];
	size_t n = 0;
	static char why[UI_TEXT_BYTES];
	why[0] = '\0';
	int rc = zs_entry_save(s->en, NULL, c, 32, &n);
	/* A change that must say why (a follow-up's correction): asked here,
	 * with what was typed kept if the officer backs out. */
	if (rc == ZS_INVALID && zs_last_error(s->z)->hint == ZS_HINT_REASON &&
	    !zs_last_error(s->z)->field[0]) {
		if (!app_prompt(a, _("Reason for the correction:"), why, sizeof why) || !*why)
			return rc;
		rc = zs_entry_save(s->en, why, c, 32, &n);
	}
	bool merged = zs_entry_merged(s->en);
	for (int round = 0; rc == ZS_CONFLICT && n && round < 5; round++) {
		for (size_t i = 0; i < n && i < 32; i++) {
			char q[1024];
			snprintf(q, sizeof q,
				 _("%s was changed by someone else: yours %s, theirs %s. Keep yours?"),
				 zs_field_label(s->form.kind, c[i].field), c[i].mine, c[i].theirs);
			if (!app_confirm(a, q))
				zs_entry_take_theirs(s->en, c[i].field);
		}
		rc = zs_entry_save(s->en, *why ? why : NULL, c, 32, &n);
		merged = true;
	}
	if (rc == ZS_OK && merged)
		app_message(a, false, "%s", _("Saved together with the changes others made meanwhile."));
	return rc;
}

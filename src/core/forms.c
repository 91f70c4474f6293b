/*
 * forms.c - reading form files (format in include/forms.h).
 *
 * Line-based like the profiles, with errors that name the line, because
 * the people who edit these files are city administrators, not
 * programmers.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"
#include "i18n.h"
#include "xalloc.h"
#include "linefile.h"
#include "normalize.h"
#include "profile.h"

/* Splits "中文 | English" into two copies (English defaults to 中文). */
static void pair(const char *v, char **zh, char **en)
{
	const char *bar = strchr(v, '|');
	free(*zh);
	free(*en);
	*zh = text_trim(v, bar ? (size_t)(bar - v) : strlen(v));
	*en = bar ? text_trim(bar + 1, strlen(bar + 1)) : xstrdup(*zh);
	if (!**en) {
		free(*en);
		*en = xstrdup(*zh);
	}
}

void form_free(struct form *f)
{
	for (int i = 0; i < f->nf; i++) {
		struct form_field *ff = &f->f[i];
		free(ff->name);
		free(ff->field);
		free(ff->label_zh);
		free(ff->label_en);
		free(ff->help_zh);
		free(ff->help_en);
		free((char *)ff->own.name);
		free((char *)ff->own.choices);
	}
	for (int i = 0; i < f->ns; i++) {
		free(f->s[i].title_zh);
		free(f->s[i].title_en);
	}
	free(f->f);
	free(f->s);
	free(f->name);
	free(f->code);
	free(f->title_zh);
	free(f->title_en);
	memset(f, 0, sizeof *f);
}

/* Field kinds a form may give its own fields. */
static const struct {
	const char *name;
	enum ftype type;
} own_kinds[] = {
	{"text", FT_TEXT},     {"longtext", FT_LONGTEXT},   {"number", FT_INT},
	{"decimal", FT_DECIMAL}, {"money", FT_MONEY},	    {"date", FT_DATE},
	{"choice", FT_CHOICE}, {"multi", FT_MULTI},	    {"creditcode", FT_CREDITCODE},
	{"phone", FT_PHONE},   {"bool", FT_BOOL},
};

/* Applies one "key = value" option of a field line; NULL or a message. */
static const char *field_option(struct form_field *ff, const char *key, const char *val)
{
	if (!strcmp(key, "width")) {
		int w = atoi(val);
		if (w < 2 || w > 200)
			return _("width must be 2 to 200");
		ff->width = w;
	} else if (!strcmp(key, "required")) {
		ff->required = true;
	} else if (!strcmp(key, "optional")) {
		ff->required = false;
	} else if (!strcmp(key, "copy")) {
		ff->copy = true;
	} else if (!strcmp(key, "label")) {
		pair(val, &ff->label_zh, &ff->label_en);
	} else if (!strcmp(key, "help")) {
		pair(val, &ff->help_zh, &ff->help_en);
	} else if (!strcmp(key, "max")) {
		int m = atoi(val);
		if (m < 1 || m > 10000)
			return _("max must be 1 to 10000");
		ff->own.maxlen = m;
	} else if (!strcmp(key, "kind")) {
		if (ff->def != &ff->own)
			return _("kind is for a form's own fields only");
		size_t i;
		for (i = 0; i < sizeof own_kinds / sizeof *own_kinds; i++)
			if (!strcmp(own_kinds[i].name, val))
				break;
		if (i == sizeof own_kinds / sizeof *own_kinds)
			return _("unknown kind (text, longtext, number, decimal, money, date, choice, "
				 "multi, creditcode, phone, bool)");
		ff->own.type = own_kinds[i].type;
	} else if (!strcmp(key, "choices")) {
		/* Stored as fixed choices "a|b|c". */
		char *c = xstrdup(val);
		for (char *p = c; *p; p++)
			if (*p == ',')
				*p = '|';
		char *clean = xmalloc(strlen(c) + 1), *o = clean;
		for (char *p = c; *p; p++)
			if (*p != ' ')
				*o++ = *p;
		*o = '\0';
		free(c);
		free((char *)ff->own.choices);
		ff->own.choices = clean;
	} else {
		return _("unknown field option");
	}
	return NULL;
}

/* Parses "field = NAME | opt | key = value ..." into a new field of f. */
static const char *field_line(struct form *f, const char *v)
{
	char *parts[16];
	int n = 0;
	const char *s = v;
	/* Split at "|" - but label and help take "中文 | English": a part
	 * without "=" that follows label= or help= joins it. */
	while (n < 16) {
		const char *e = strchr(s, '|');
		parts[n++] = text_trim(s, e ? (size_t)(e - s) : strlen(s));
		if (!e)
			break;
		s = e + 1;
	}
	const char *err = NULL;
	struct form_field *ff;
	struct form_field *grown = xrealloc(f->f, (size_t)(f->nf + 1) * sizeof *grown);
	f->f = grown;
	ff = &f->f[f->nf++];
	memset(ff, 0, sizeof *ff);
	ff->name = xstrdup(parts[0]);
	const char *dot = strchr(parts[0], '.');
	int kind = f->kind;
	if (dot) {
		char kname[32];
		snprintf(kname, sizeof kname, "%.*s", (int)(dot - parts[0]), parts[0]);
		kind = schema_kind_by_name(kname);
		if (kind < 0) {
			err = _("unknown kind of record before the dot");
			goto out;
		}
	}
	ff->kind = (enum kind)kind;
	ff->field = xstrdup(dot ? dot + 1 : parts[0]);
	if (!*ff->field || ff->field[0] == '_' ||
	    strspn(ff->field, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(ff->field)) {
		err = _("a field name is lower-case letters, digits and _, not beginning with _");
		goto out;
	}
	ff->def = schema_field(ff->kind, ff->field);
	/* The stage is kept by zsdesk too, but a new project starts as a lead
	 * or in talks: an intake form may ask which. */
	if (ff->def && (ff->def->flags & FIELD_SYSTEM) &&
	    !(ff->kind == KIND_PROJECT && !strcmp(ff->field, "stage"))) {
		err = _("this field is kept by zsdesk and cannot be on a form");
		goto out;
	}
	if (!ff->def) {
		ff->own.name = xstrdup(ff->field);
		ff->own.type = FT_TEXT;
		ff->own.label = ff->own.name;
		ff->own.maxlen = 100;
		ff->def = &ff->own;
	}
	ff->required = ff->def->flags & FIELD_REQUIRED;
	ff->width = ff->def->type == FT_LONGTEXT ? 50 : ff->def->type == FT_TEXT ? 30 : 20;
	for (int i = 1; i < n && !err; i++) {
		char *eq = strchr(parts[i], '=');
		char *key = eq ? text_trim(parts[i], (size_t)(eq - parts[i])) : xstrdup(parts[i]);
		char *val = eq ? text_trim(eq + 1, strlen(eq + 1)) : xstrdup("");
		if ((!strcmp(key, "label") || !strcmp(key, "help")) && i + 1 < n &&
		    !strchr(parts[i + 1], '=') && strcmp(parts[i + 1], "required") &&
		    strcmp(parts[i + 1], "optional") && strcmp(parts[i + 1], "copy")) {
			/* label = 中文 | English */
			char *joined = xmalloc(strlen(val) + strlen(parts[i + 1]) + 4);
			sprintf(joined, "%s | %s", val, parts[i + 1]);
			free(val);
			val = joined;
			i++;
		}
		err = field_option(ff, key, val);
		free(key);
		free(val);
	}
	if (!err && ff->def == &ff->own && (ff->own.type == FT_CHOICE || ff->own.type == FT_MULTI) &&
	    !ff->own.choices)
		err = _("a choice field needs choices = a, b, c");
out:
	for (int i = 0; i < n; i++)
		free(parts[i]);
	return err;
}

int form_parse(const char *text, struct form *f, char *err, size_t errlen)
{
	memset(f, 0, sizeof *f);
	f->kind = KIND_PROJECT;
	char sec[16] = "";
	struct linefile lf;
	linefile_init(&lf, NULL, text);
	char *line;
	while ((line = linefile_next(&lf))) {
		const char *what = NULL;
		if (!*line) {
		} else if (!strcmp(line, "[form]") || !strcmp(line, "[step]")) {
			snprintf(sec, sizeof sec, "%s", line);
			if (!strcmp(line, "[step]")) {
				struct form_step *st = xrealloc(f->s, (size_t)(f->ns + 1) * sizeof *st);
				f->s = st;
				st = &f->s[f->ns++];
				memset(st, 0, sizeof *st);
				st->first = f->nf;
			}
		} else {
			char *eq = strchr(line, '=');
			char *key = eq ? text_trim(line, (size_t)(eq - line)) : NULL;
			char *val = eq ? text_trim(eq + 1, strlen(eq + 1)) : NULL;
			if (!eq) {
				what = _("expected: key = value");
			} else if (!strcmp(sec, "[form]")) {
				if (!strcmp(key, "name")) {
					free(f->name);
					f->name = xstrdup(val);
				} else if (!strcmp(key, "code")) {
					free(f->code);
					f->code = xstrdup(val);
				} else if (!strcmp(key, "title")) {
					pair(val, &f->title_zh, &f->title_en);
				} else if (!strcmp(key, "kind")) {
					int k = schema_kind_by_name(val);
					if (k < 0)
						what = _("unknown kind of record");
					else
						f->kind = (enum kind)k;
				} else {
					what = _("unknown setting");
				}
			} else if (!strcmp(sec, "[step]")) {
				struct form_step *st = &f->s[f->ns - 1];
				if (!strcmp(key, "title"))
					pair(val, &st->title_zh, &st->title_en);
				else if (!strcmp(key, "field")) {
					what = field_line(f, val);
					st->n = f->nf - st->first;
				} else
					what = _("unknown setting");
			} else {
				what = _("settings come after [form] or [step]");
			}
			free(key);
			free(val);
		}
		free(line);
		if (what) {
			linefile_error(&lf, err, errlen, "%s", what);
			form_free(f);
			return -1;
		}
	}
	const char *missing = !f->name		? "name"
			      : !f->title_zh	? "title"
			      : f->ns == 0	? "[step]"
						: NULL;
	if (missing) {
		snprintf(err, errlen, _("the form lacks %s"), missing);
		form_free(f);
		return -1;
	}
	for (int i = 0; i < f->ns; i++)
		if (!f->s[i].title_zh)
			pair(f->title_zh, &f->s[i].title_zh, &f->s[i].title_en);
	/* The fields array moved as it grew: point own fields at their own
	 * definitions now that it stands still. */
	for (int i = 0; i < f->nf; i++)
		if (f->f[i].own.name)
			f->f[i].def = &f->f[i].own;
	return 0;
}

int form_load(const char *name, struct form *f, char *err, size_t errlen)
{
	char path[4096];
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name)) {
		snprintf(err, errlen, _("no form called %s"), name);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.form", profile_datadir(), name);
	char *text = profile_load_file(path, err, errlen);
	if (!text)
		return -1;
	char perr[256];
	int rc = form_parse(text, f, perr, sizeof perr);
	if (rc < 0)
		snprintf(err, errlen, "%s: %s", path, perr);
	free(text);
	return rc;
}

const char *form_field_label(const struct form_field *ff)
{
	if (ff->label_zh)
		return i18n_pick(ff->label_zh, ff->label_en);
	return ff->def == &ff->own ? ff->own.name : _(ff->def->label);
}

const char *form_field_help(const struct form_field *ff)
{
	if (ff->help_zh)
		return i18n_pick(ff->help_zh, ff->help_en);
	return ff->def->help ? _(ff->def->help) : "";
}

const char *form_title(const struct form *f)
{
	return i18n_pick(f->title_zh, f->title_en);
}

const char *form_step_title(const struct form_step *s)
{
	return i18n_pick(s->title_zh, s->title_en);
}

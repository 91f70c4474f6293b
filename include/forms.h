/*
 * forms.h - screen forms as data: forms/NAME.form, read at run time.
 *
 * A form lists the fields an officer fills in, in steps, for one kind of
 * record ("kind = project"); a field "enterprise.name" belongs to the
 * record the main one refers to.  A city can reorder fields, change
 * labels, widths and help, and add fields of its own, without rebuilding
 * zsdesk; its own fields are stored like the built-in ones.
 *
 * The format (UTF-8; "#" starts a comment):
 *
 *   [form]
 *   name  = intake                  the file's name without .form
 *   kind  = project                 district, officer, enterprise, project, issue, event
 *   title = 项目录入 | Project intake
 *   code  = XMLR                    short transaction code for the jump box
 *   [step]
 *   title = 企业 | Enterprise
 *   field = enterprise.credit_code
 *   field = name | width = 40 | required
 *   field = wechat | kind = text | label = 微信 | WeChat | max = 30
 *
 * Field options after "|": width = N (columns), required, optional,
 * label = 中文 | English, help = 中文 | English, kind = text | longtext |
 * number | decimal | money | date | choice | multi | creditcode | phone |
 * bool (own fields only), max = N (characters), choices = a, b, c (own
 * choice fields), copy (Enter on an empty field takes the value of the
 * previous record entered with this form).
 */
#ifndef ZSDESK_FORMS_H
#define ZSDESK_FORMS_H

#include <stdbool.h>

#include "schema.h"

struct form_field {
	char *name;      /* as written: "name", "enterprise.name", "wechat" */
	enum kind kind;  /* the kind of record it belongs to */
	char *field;     /* the field's name in that record */
	const struct field_def *def; /* built-in field, or &own */
	struct field_def own;        /* a city's own field */
	char *label_zh, *label_en, *help_zh, *help_en; /* NULL: the built-in ones */
	int width;
	bool required;
	bool copy;
};

struct form_step {
	char *title_zh, *title_en;
	int first, n; /* fields [first, first + n) */
};

struct form {
	char *name, *code, *title_zh, *title_en;
	enum kind kind;
	struct form_field *f;
	int nf;
	struct form_step *s;
	int ns;
};

/* Parses form text; returns 0, or -1 with "line N: what" in err. */
int form_parse(const char *text, struct form *f, char *err, size_t errlen);

/* Reads forms/NAME.form from the data directory. */
int form_load(const char *name, struct form *f, char *err, size_t errlen);

/* Frees what f owns. */
void form_free(struct form *f);

/* Label of a field in the language in use. */
const char *form_field_label(const struct form_field *ff);

/* Help line of a field in the language in use ("" when none). */
const char *form_field_help(const struct form_field *ff);

/* Title of a form or a step in the language in use. */
const char *form_title(const struct form *f);
const char *form_step_title(const struct form_step *s);

#endif

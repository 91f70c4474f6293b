/*
 * model.c - fields as officers type them, records as the rules want them.
 *
 * Everything a user types passes through zs_field_set(), which turns text
 * into a stored value or says, in the officer's language, what is wrong;
 * zs_field_text() is its inverse for display.  zs_save() validates, fills
 * the fields zsdesk keeps itself and writes in one transaction.
 */
#include <config.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "creditcode.h"
#include "i18n.h"
#include "internal.h"
#include "money.h"
#include "normalize.h"
#include "pinyin.h"
#include "utf8.h"

/* Labels of the fixed choices that are not in the profile. */
static const struct {
	const char *code, *zh, *en;
} fixed_labels[] = {
	{"domestic", "内资", N_("Domestic")}, {"foreign", "外资", N_("Foreign")},
	{"open", "办理中", N_("Open")},	      {"waiting", "等待企业", N_("Waiting on enterprise")},
	{"resolved", "已办结", N_("Resolved")}, {"CNY", "人民币", N_("CNY")},
	{"USD", "美元", N_("USD")},
	{"active", "首谈期内", N_("Exclusive")},  {"lapsed", "首谈期满待流转", N_("Due for transfer")},
	{"progressed", "已推进", N_("Progressed")}, {"transferred", "已流转", N_("Transferred")},
	{"closed", "已退出", N_("Closed")},
};

/* Label of a fixed choice code in the language in use. */
static const char *fixed_label(const char *code)
{
	for (size_t i = 0; i < sizeof fixed_labels / sizeof *fixed_labels; i++)
		if (!strcmp(fixed_labels[i].code, code))
			return i18n_pick(fixed_labels[i].zh, _(fixed_labels[i].en));
	return code;
}

/* Writes "Label: message" into msg. */
static int field_msg(char *msg, size_t n, int rc, enum kind k, const struct field_def *f,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int field_msg(char *msg, size_t n, int rc, enum kind k, const struct field_def *f,
		     const char *fmt, ...)
{
	char body[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body, sizeof body, fmt, ap);
	va_end(ap);
	snprintf(msg, n, "%s: %s", f ? zs_field_label(k, f->name) : "", body);
	return rc;
}

const char *zs_field_label(enum kind k, const char *field)
{
	const struct field_def *f = schema_field(k, field);
	return f ? _(f->label) : field;
}

/* The profile list named by a field's choices, or NULL for fixed ones. */
static const struct profile_list *choice_list(struct zs *z, const struct field_def *f)
{
	const struct profile *p = &z->prof;
	const char *c = f->choices;
	if (!c || strchr(c, '|'))
		return NULL;
	if (!strcmp(c, "industries"))
		return &p->industries;
	if (!strcmp(c, "channels"))
		return &p->channels;
	if (!strcmp(c, "stages"))
		return &p->stages;
	if (!strcmp(c, "enterprise_types"))
		return &p->enterprise_types;
	if (!strcmp(c, "roles"))
		return &p->roles;
	if (!strcmp(c, "escalation"))
		return &p->escalation;
	if (!strcmp(c, "issue_categories"))
		return &p->issue_categories;
	return NULL;
}

/* Finds the code of a choice from text (code, label, or pinyin initials
 * when unique); NULL when nothing matches. */
static const char *choice_code(struct zs *z, const struct field_def *f, const char *text)
{
	const struct profile_list *l = choice_list(z, f);
	if (l) {
		const struct profile_item *it = profile_find(l, text);
		if (it)
			return it->code;
		const char *hit = NULL;
		int hits = 0;
		for (int i = 0; i < l->n; i++)
			if (pinyin_match(l->v[i].zh, text) || !strcasecmp(l->v[i].en, text)) {
				hit = l->v[i].code;
				hits++;
			}
		return hits == 1 ? hit : NULL;
	}
	/* Fixed choices "a|b|c". */
	const char *c = f->choices;
	while (c && *c) {
		size_t len = strcspn(c, "|");
		char code[32];
		snprintf(code, sizeof code, "%.*s", (int)len, c);
		for (size_t i = 0; i < sizeof fixed_labels / sizeof *fixed_labels; i++)
			if (!strcmp(fixed_labels[i].code, code) &&
			    (!strcasecmp(text, code) || !strcmp(text, fixed_labels[i].zh) ||
			     !strcasecmp(text, fixed_labels[i].en) ||
			     !strcmp(text, _(fixed_labels[i].en))))
				for (size_t j = 0; j < sizeof fixed_labels / sizeof *fixed_labels; j++)
					if (!strcmp(fixed_labels[j].code, code))
						return fixed_labels[j].code;
		if (!strncasecmp(text, c, len) && text[len] == '\0') {
			for (size_t j = 0; j < sizeof fixed_labels / sizeof *fixed_labels; j++)
				if (!strcmp(fixed_labels[j].code, code))
					return fixed_labels[j].code;
		}
		c += len + (c[len] == '|');
	}
	return NULL;
}

/* Writes the accepted choices of a field (for error messages). */
static char *choice_hint(struct zs *z, const struct field_def *f, char *buf, size_t n)
{
	const struct profile_list *l = choice_list(z, f);
	size_t used = 0;
	buf[0] = '\0';
	if (l) {
		for (int i = 0; i < l->n && used + 1 < n; i++)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "、" : "",
						 profile_label(&l->v[i]));
	} else if (f->choices) {
		const char *c = f->choices;
		while (*c && used + 1 < n) {
			size_t len = strcspn(c, "|");
			char code[32];
			snprintf(code, sizeof code, "%.*s", (int)len, c);
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? "、" : "",
						 fixed_label(code));
			c += len + (c[len] == '|');
		}
	}
	return buf;
}

int zs_field_choices(struct zs *z, const struct field_def *f, const char **codes,
		     const char **labels, int max)
{
	int n = 0;
	const struct profile_list *l = choice_list(z, f);
	if (l) {
		for (int i = 0; i < l->n && n < max; i++, n++) {
			codes[n] = l->v[i].code;
			labels[n] = profile_label(&l->v[i]);
		}
		return n;
	}
	static const char *const yesno[] = {"yes", "no"};
	if (f->type == FT_BOOL) {
		for (int i = 0; i < 2 && n < max; i++, n++) {
			codes[n] = yesno[i];
			labels[n] = i ? _("no") : _("yes");
		}
		return n;
	}
	const char *c = f->choices;
	while (c && *c && n < max) {
		size_t len = strcspn(c, "|");
		const char *code = NULL;
		for (size_t i = 0; i < sizeof fixed_labels / sizeof *fixed_labels; i++)
			if (strlen(fixed_labels[i].code) == len && !strncmp(fixed_labels[i].code, c, len))
				code = fixed_labels[i].code;
		if (code) {
			codes[n] = code;
			labels[n++] = fixed_label(code);
		} else {
			/* A form's own choices: the code is the label. */
			static char own[64][64];
			snprintf(own[n % 64], sizeof own[0], "%.*s", (int)len, c);
			codes[n] = labels[n] = own[n % 64];
			n++;
		}
		c += len + (c[len] == '|');
	}
	return n;
}

/* Splits a list typed with , ， 、 ; or ； into trimmed items. */
static size_t split_list(const char *text, char **items, size_t max)
{
	size_t n = 0, len = strlen(text), start = 0;
	for (size_t i = 0; i <= len && n < max;) {
		uint32_t c = 0;
		size_t k = i < len ? utf8_decode(text + i, len - i, &c) : 1;
		bool sep = i == len || c == ',' || c == ';' || c == 0xFF0C || c == 0x3001 ||
			   c == 0xFF1B;
		if (sep) {
			size_t a = start, b = i;
			while (a < b && isspace((unsigned char)text[a]))
				a++;
			while (b > a && isspace((unsigned char)text[b - 1]))
				b--;
			if (b > a)
				items[n++] = strndup(text + a, b - a);
			start = i + k;
		}
		i += k;
	}
	return n;
}

/* Parses a number with at most two decimals into hundredths. */
static int parse_decimal(const char *s, int64_t *out)
{
	int64_t v = 0;
	int dec = -1;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s) || dec == 2 || v > 100000000000LL)
			return -1;
		v = v * 10 + (*s - '0');
		if (dec >= 0)
			dec++;
	}
	for (int i = dec < 0 ? 0 : dec; i < 2; i++)
		v *= 10;
	*out = v;
	return 0;
}

int zs_field_set(struct zs *z, enum kind k, struct rec *r, const char *field, const char *text,
		 char *msg, size_t msglen)
{
	const struct field_def *f = schema_field(k, field);
	if (f)
		return zs_field_set_def(z, k, r, f, text, msg, msglen);
	/* A field a form or a script adds: kept as text. */
	if (strlen(field) == 0 || strlen(field) > 40 || field[0] == '_' ||
	    strspn(field, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(field)) {
		snprintf(msg, msglen, _("%s: a field name is lower-case letters, digits and _"), field);
		return -1;
	}
	struct field_def own = {.name = field, .type = FT_TEXT, .label = field, .maxlen = 1000};
	return zs_field_set_def(z, k, r, &own, text, msg, msglen);
}

int zs_field_set_def(struct zs *z, enum kind k, struct rec *r, const struct field_def *f,
		     const char *text, char *msg, size_t msglen)
{
	const char *field = f->name;
	if (!field[0] || field[0] == '_') {
		snprintf(msg, msglen, _("%s: a field name is lower-case letters, digits and _"), field);
		return -1; /* names beginning with _ are the record's bookkeeping */
	}
	char *t = text_trim(text ? text : "", text ? strlen(text) : 0);
	int rc = 0;
	char hint[512];
	msg[0] = '\0';

	if (!utf8_valid(t, strlen(t))) {
		rc = field_msg(msg, msglen, -1, k, f, "%s", _("not valid text in this character set"));
		goto out;
	}
	if (!*t) {
		if (f->flags & FIELD_REQUIRED)
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("cannot be empty"));
		else
			rec_unset(r, field);
		goto out;
	}
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT: {
		size_t chars = utf8_count(t, strlen(t));
		if (f->type == FT_TEXT && strpbrk(t, "\n\r\t")) {
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("must be one line"));
		} else if (f->maxlen && chars > (size_t)f->maxlen) {
			rc = field_msg(msg, msglen, -1, k, f, _("at most %d characters (this has %zu)"),
				       f->maxlen, chars);
		} else {
			rec_set_text(r, field, t);
		}
		break;
	}
	case FT_INT: {
		char *end;
		long long v = strtoll(t, &end, 10);
		if (*end || v < 0)
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("must be a whole number"));
		else
			rec_set_int(r, field, v);
		break;
	}
	case FT_DECIMAL: {
		int64_t v;
		if (parse_decimal(t, &v) < 0)
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("must be a number with at most two decimals, e.g. 120.5"));
		else
			rec_set_int(r, field, v);
		break;
	}
	case FT_MONEY:
	case FT_MONEY_USD: {
		int64_t amount;
		bool usd_only = f->type == FT_MONEY_USD;
		enum currency cur = usd_only || !strcmp(rec_text(r, "currency", "CNY"), "USD")
					    ? CURRENCY_USD
					    : CURRENCY_CNY;
		enum money_error e = money_parse(t, &amount, &cur, usd_only);
		if (e == MONEY_OK) {
			rec_set_int(r, field, amount);
			if (!usd_only)
				rec_set_text(r, "currency", cur == CURRENCY_USD ? "USD" : "CNY");
		} else if (e == MONEY_PRECISION) {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("more decimals than one 元 (at most 4 decimals of 万)"));
		} else if (e == MONEY_RANGE) {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("must be zero or more and below 1000亿"));
		} else if (e == MONEY_CURRENCY) {
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("is in 美元 (USD) only"));
		} else {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("not an amount; write e.g. 5000 (万元), 1.5亿 or 300万美元"));
		}
		break;
	}
	case FT_CURRENCY:
		if (!strcasecmp(t, "CNY") || !strcmp(t, "人民币") || !strcmp(t, "元") ||
		    !strcasecmp(t, "RMB"))
			rec_set_text(r, field, "CNY");
		else if (!strcasecmp(t, "USD") || !strcmp(t, "美元"))
			rec_set_text(r, field, "USD");
		else
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("must be CNY (人民币) or USD (美元)"));
		break;
	case FT_DATE: {
		date_t d;
		char b[11];
		if (date_parse(t, &d) < 0)
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("not a date; write e.g. 2026-11-22"));
		else
			rec_set_text(r, field, date_format(d, b));
		break;
	}
	case FT_CHOICE: {
		const char *code = choice_code(z, f, t);
		if (!code)
			rc = field_msg(msg, msglen, -1, k, f, _("%s is not one of: %s"), t,
				       choice_hint(z, f, hint, sizeof hint));
		else
			rec_set_text(r, field, code);
		break;
	}
	case FT_MULTI:
	case FT_LIST: {
		char *items[64];
		size_t n = split_list(t, items, 64);
		for (size_t i = 0; i < n && rc == 0 && f->type == FT_MULTI; i++) {
			const char *code = choice_code(z, f, items[i]);
			if (!code) {
				rc = field_msg(msg, msglen, -1, k, f, _("%s is not one of: %s"),
					       items[i], choice_hint(z, f, hint, sizeof hint));
			} else {
				free(items[i]);
				items[i] = strdup(code);
			}
		}
		for (size_t i = 0; i < n && rc == 0 && f->maxlen; i++)
			if (utf8_count(items[i], strlen(items[i])) > (size_t)f->maxlen)
				rc = field_msg(msg, msglen, -1, k, f,
					       _("each item has at most %d characters"), f->maxlen);
		if (rc == 0)
			rec_set_list(r, field, items, n);
		for (size_t i = 0; i < n; i++)
			free(items[i]);
		break;
	}
	case FT_CREDITCODE: {
		char code[CREDITCODE_MAX], expected = 0;
		enum creditcode_status s = creditcode_check(t, code, &expected);
		if (creditcode_is_error(s)) {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       s == CREDITCODE_BAD_CHAR
					       ? _("has a character outside 0-9 and A-Y (no I, O, Z, S, V)")
					       : _("must be 18 characters (or an old 15-digit "
						   "registration number or 9-character organisation code)"));
			break;
		}
		rec_set_text(r, field, code);
		if (s == CREDITCODE_BAD_CHECK)
			rc = field_msg(msg, msglen, 1, k, f,
				       _("the check character should be %c; kept as typed, please "
					 "check the code"),
				       expected);
		else if (s == CREDITCODE_OLD_REGNO || s == CREDITCODE_OLD_ORGCODE)
			rc = field_msg(msg, msglen, 1, k, f, "%s",
				       _("an old-style code; kept, but ask the enterprise for its "
					 "18-character credit code"));
		break;
	}
	case FT_PHONE: {
		int digits = 0;
		bool ok = true;
		for (const char *p = t; *p; p++) {
			if (isdigit((unsigned char)*p))
				digits++;
			else if (!strchr(" +-()#", *p) && strncmp(p, "转", 3) != 0 &&
				 strncasecmp(p, "ext", 3) != 0)
				ok = false;
			if (!strncmp(p, "转", 3))
				p += 2;
			else if (!strncasecmp(p, "ext", 3))
				p += 2;
		}
		if (!ok || digits < 5 || digits > 20)
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("not a phone number; digits, spaces, + and -, "
					 "and 转 for an extension"));
		else
			rec_set_text(r, field, t);
		break;
	}
	case FT_BOOL:
		if (!strcasecmp(t, "yes") || !strcasecmp(t, "y") || !strcasecmp(t, "true") ||
		    !strcmp(t, "1") || !strcmp(t, "是"))
			rec_set_bool(r, field, true);
		else if (!strcasecmp(t, "no") || !strcasecmp(t, "n") || !strcasecmp(t, "false") ||
			 !strcmp(t, "0") || !strcmp(t, "否"))
			rec_set_bool(r, field, false);
		else
			rc = field_msg(msg, msglen, -1, k, f, "%s", _("answer yes or no (是/否)"));
		break;
	case FT_REF: {
		uint64_t id;
		int s = zs_resolve(z, f->ref, t, &id);
		if (s == ZS_OK)
			rec_set_int(r, field, (int64_t)id);
		else
			rc = field_msg(msg, msglen, -1, k, f, "%s", z->err);
		break;
	}
	}
out:
	free(t);
	return rc;
}

/* Display name of a referenced record. */
static char *ref_text(struct zs *z, enum kind k, uint64_t id, char *buf, size_t n)
{
	struct rec r;
	rec_init(&r);
	if (zs_get(z, k, id, &r) != ZS_OK) {
		char idb[32];
		snprintf(buf, n, "#%s", zs_id_text(id, idb, sizeof idb));
		return buf;
	}
	const char *name = rec_text(&r, "name", "");
	if (k == KIND_DISTRICT)
		name = i18n_pick(name, rec_text(&r, "name_en", name));
	snprintf(buf, n, "%s", name);
	rec_free(&r);
	return buf;
}

char *zs_field_text(struct zs *z, enum kind k, const struct rec *r, const char *field, char *buf,
		    size_t n)
{
	const struct field_def *f = schema_field(k, field);
	if (f)
		return zs_field_text_def(z, k, r, f, buf, n);
	const struct rec_field *rf = rec_find(r, field);
	buf[0] = '\0';
	if (rf && n)
		rec_value_str(&rf->v, buf, n);
	return buf;
}

char *zs_field_text_def(struct zs *z, enum kind k, const struct rec *r, const struct field_def *f,
			char *buf, size_t n)
{
	const struct rec_field *rf = rec_find(r, f->name);
	(void)k;
	buf[0] = '\0';
	if (!rf || n == 0)
		return buf;
	const struct rec_value *v = &rf->v;
	switch (f->type) {
	case FT_MONEY:
	case FT_MONEY_USD:
		if (v->type == REC_INT) {
			bool usd = f->type == FT_MONEY_USD || !strcmp(rec_text(r, "currency", ""), "USD");
			money_format(v->i, usd ? CURRENCY_USD : CURRENCY_CNY, MONEY_WAN, buf, n);
			return buf;
		}
		break;
	case FT_DECIMAL:
		if (v->type == REC_INT) {
			if (v->i % 100)
				snprintf(buf, n, "%lld.%02lld", (long long)(v->i / 100),
					 (long long)(v->i % 100));
			else
				snprintf(buf, n, "%lld", (long long)(v->i / 100));
			size_t len = strlen(buf);
			if (strchr(buf, '.') && buf[len - 1] == '0')
				buf[len - 1] = '\0';
			return buf;
		}
		break;
	case FT_CHOICE:
	case FT_CURRENCY:
		if (v->type == REC_TEXT) {
			const struct profile_list *l = choice_list(z, f);
			const struct profile_item *it = l ? profile_find(l, v->s) : NULL;
			snprintf(buf, n, "%s", it ? profile_label(it) : fixed_label(v->s));
			return buf;
		}
		break;
	case FT_LIST:
		if (v->type == REC_LIST && !strcmp(f->name, "credit")) {
			/* "district id:percent" items, as "南湖区 100%". */
			size_t used = 0;
			for (size_t i = 0; i < v->n && used + 1 < n; i++) {
				uint64_t d = strtoull(v->items[i], NULL, 10);
				const char *pct = strchr(v->items[i], ':');
				char name[128];
				ref_text(z, KIND_DISTRICT, d, name, sizeof name);
				used += (size_t)snprintf(buf + used, n - used, "%s%s %s%%", i ? "、" : "",
							 name, pct ? pct + 1 : "100");
			}
			return buf;
		}
		break;
	case FT_MULTI:
		if (v->type == REC_LIST) {
			const struct profile_list *l = choice_list(z, f);
			size_t used = 0;
			for (size_t i = 0; i < v->n && used + 1 < n; i++) {
				const struct profile_item *it = l ? profile_find(l, v->items[i]) : NULL;
				used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "、" : "",
							 it ? profile_label(it) : v->items[i]);
			}
			return buf;
		}
		break;
	case FT_BOOL:
		if (v->type == REC_BOOL) {
			snprintf(buf, n, "%s", v->i ? _("yes") : _("no"));
			return buf;
		}
		break;
	case FT_REF:
		if (v->type == REC_INT)
			return ref_text(z, f->ref, (uint64_t)v->i, buf, n);
		break;
	default:
		break;
	}
	rec_value_str(v, buf, n);
	return buf;
}

int zs_validate(struct zs *z, enum kind k, const struct rec *r, char *field, size_t fieldlen,
		char *msg, size_t msglen)
{
	const struct kind_def *kd = schema_kind(k);
	if (field && fieldlen)
		field[0] = '\0';
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if ((f->flags & FIELD_REQUIRED) && !(f->flags & FIELD_SYSTEM) &&
		    !rec_find(r, f->name)) {
			if (field)
				snprintf(field, fieldlen, "%s", f->name);
			return field_msg(msg, msglen, -1, k, f, "%s", _("is required"));
		}
	}
	if (k == KIND_OFFICER) {
		const char *login = rec_text(r, "login", "");
		if (*login && (strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789_.-") !=
				       strlen(login) ||
			       login[0] == '-' || strlen(login) > 32)) {
			if (field)
				snprintf(field, fieldlen, "login");
			return field_msg(msg, msglen, -1, k, schema_field(k, "login"), "%s",
					 _("an account name: lower-case letters, digits, _ . and -"));
		}
	}
	if (k == KIND_PROJECT && r->version == 0) {
		const char *st = rec_text(r, "stage", "lead");
		if (strcmp(st, "lead") && strcmp(st, "talks")) {
			if (field)
				snprintf(field, fieldlen, "stage");
			return field_msg(msg, msglen, -1, k, schema_field(k, "stage"), "%s",
					 _("a new project starts as a lead (线索) or in talks (在谈)"));
		}
	}
	if (k == KIND_PROJECT) {
		/* The park, when given, must be one of the district's. */
		const char *park = rec_text(r, "park", NULL);
		int64_t d = rec_int(r, "district", 0);
		struct rec dr;
		rec_init(&dr);
		if (park && d > 0 && zs_get(z, KIND_DISTRICT, (uint64_t)d, &dr) == ZS_OK) {
			const struct rec_field *pf = rec_find(&dr, "parks");
			bool found = !pf || pf->v.type != REC_LIST || pf->v.n == 0;
			for (size_t i = 0; !found && i < pf->v.n; i++)
				found = !strcmp(pf->v.items[i], park);
			if (!found) {
				char list[512];
				rec_value_str(&pf->v, list, sizeof list);
				if (field)
					snprintf(field, fieldlen, "park");
				field_msg(msg, msglen, -1, k, schema_field(k, "park"),
					  _("%s is not a park of %s: %s"), park,
					  rec_text(&dr, "name", ""), list);
				rec_free(&dr);
				return -1;
			}
		}
		rec_free(&dr);
		if (rec_find(r, "foreign_capital") &&
		    strcmp(rec_text(r, "capital_type", "foreign"), "foreign") != 0) {
			if (field)
				snprintf(field, fieldlen, "capital_type");
			return field_msg(msg, msglen, -1, k, schema_field(k, "capital_type"), "%s",
					 _("a project with foreign capital is foreign-funded (外资)"));
		}
	}
	return 0;
}

/* ---- saving ---- */

struct save_ctx {
	struct zs *z;
	enum kind k;
	uint64_t id;
	struct rec *r;
	const char *op, *why;
	uint64_t base_id, base_version; /* as the caller had them */
};

/* Puts the id and version back as the caller had them: before each try
 * of a transaction, and after one that did not commit. */
static void save_rewind(struct save_ctx *c)
{
	c->id = c->base_id;
	c->r->version = c->base_version;
}

/* Rewrites the denormalised enterprise name of its projects. */
static int rename_projects(struct zs *z, struct store_txn *t, uint64_t eid, const char *name)
{
	unsigned char key[8];
	zs_be64(key, eid);
	struct store_iter *it = store_iter_postings(t, &zs_tables[KIND_PROJECT],
						    IX_PROJECT_ENTERPRISE, key, 8);
	uint64_t below = UINT64_MAX, pid;
	int rc = STORE_OK;
	struct store_who who = {z->me, "update", "enterprise renamed"};
	/* Collect first: updating while iterating would move the cursor. */
	uint64_t *ids = NULL;
	size_t n = 0;
	while (it && store_iter_seek(it, below, &pid)) {
		uint64_t *p = realloc(ids, (n + 1) * sizeof *ids);
		if (!p)
			abort();
		ids = p;
		ids[n++] = pid;
		if (pid == 0)
			break;
		below = pid - 1;
	}
	store_iter_free(it);
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		struct rec p;
		rec_init(&p);
		rc = store_get(t, &zs_tables[KIND_PROJECT], ids[i], &p);
		if (rc == STORE_OK && strcmp(rec_text(&p, "enterprise_name", ""), name) != 0) {
			rec_set_text(&p, "enterprise_name", name);
			rc = store_put(t, &zs_tables[KIND_PROJECT], ids[i], &p, &who);
		}
		rec_free(&p);
	}
	free(ids);
	return rc;
}

int model_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r)
{
	(void)id;
	char today[11];
	date_format(clock_today(), today);
	if (k == KIND_PROJECT) {
		struct rec e;
		rec_init(&e);
		int rc = store_get(t, &zs_tables[KIND_ENTERPRISE], (uint64_t)rec_int(r, "enterprise", 0),
				   &e);
		if (rc == STORE_NOTFOUND)
			return zs_fail(z, ZS_INVALID, "%s: %s", zs_field_label(k, "enterprise"),
				       _("no such enterprise")),
			       STORE_ERROR;
		if (rc)
			return rc;
		rec_set_text(r, "enterprise_name", rec_text(&e, "name", ""));
		rec_free(&e);
		if (!rec_find(r, "stage"))
			rec_set_text(r, "stage", "lead");
		if (!rec_find(r, "stage_date"))
			rec_set_text(r, "stage_date", today);
		if (r->version == 0 && !strcmp(rec_text(r, "stage", ""), "talks"))
			rules_after_stage(z, r, "lead", clock_today());
		if (!rec_find(r, "currency"))
			rec_set_text(r, "currency", "CNY");
		if (!rec_find(r, "capital_type"))
			rec_set_text(r, "capital_type", rec_find(r, "foreign_capital") ||
								!strcmp(rec_text(r, "currency", ""), "USD")
							    ? "foreign"
							    : "domestic");
		if (r->version == 0) {
			if (z->me)
				rec_set_int(r, "created_by", (int64_t)z->me);
			rec_set_text(r, "created_on", today);
		}
	} else if (k == KIND_OFFICER && !rec_find(r, "active")) {
		rec_set_bool(r, "active", true);
	}
	return STORE_OK;
}

/* The write transaction of zs_save. */
static int save_txn(struct store_txn *t, void *vctx)
{
	struct save_ctx *c = vctx;
	struct zs *z = c->z;
	const struct store_table *tab = &zs_tables[c->k];
	save_rewind(c);
	int rc = access_check_save(z, t, c->k, c->id, c->r);
	if (rc)
		return STORE_ERROR; /* z->err says why */
	if (c->id == 0)
		c->id = store_next_id(t, tab);
	rc = model_prepare(z, t, c->k, c->id, c->r);
	if (rc)
		return rc;
	char *oldname = NULL;
	if (c->k == KIND_ENTERPRISE && c->r->version) {
		struct rec old;
		rec_init(&old);
		if (store_get(t, tab, c->id, &old) == STORE_OK)
			oldname = strdup(rec_text(&old, "name", ""));
		rec_free(&old);
	}
	struct store_who who = {z->me, c->op, c->why};
	rc = store_put(t, tab, c->id, c->r, &who);
	if (rc == STORE_OK && oldname && strcmp(oldname, rec_text(c->r, "name", "")) != 0)
		rc = rename_projects(z, t, c->id, rec_text(c->r, "name", ""));
	free(oldname);
	return rc;
}

/* A message for a unique-index clash naming the value and its owner. */
static int exists_message(struct zs *z, enum kind k, const struct rec *r)
{
	const char *idx = store_error(z->st);
	if (k == KIND_ENTERPRISE && strstr(idx, ".code")) {
		const char *code = rec_text(r, "credit_code", "");
		uint64_t other;
		char idb[32] = "?";
		if (zs_resolve(z, KIND_ENTERPRISE, code, &other) == ZS_OK)
			zs_id_text(other, idb, sizeof idb);
		return zs_fail(z, ZS_EXISTS, _("an enterprise with credit code %s already exists (%s)"),
			       code, idb);
	}
	if (k == KIND_OFFICER)
		return zs_fail(z, ZS_EXISTS, _("the login %s is taken"), rec_text(r, "login", ""));
	if (k == KIND_DISTRICT)
		return zs_fail(z, ZS_EXISTS, _("a district with this code or name exists: %s"),
			       rec_text(r, "name", ""));
	return zs_fail(z, ZS_EXISTS, _("a record with the same %s exists"), idx);
}

int zs_save(struct zs *z, enum kind k, uint64_t *id, struct rec *r, const char *op,
	    const char *why)
{
	char field[64], msg[512];
	if ((k == KIND_OFFICER || k == KIND_DISTRICT) && z->me &&
	    strcmp(rec_text(&z->me_rec, "role", ""), "admin") != 0)
		return zs_fail(z, ZS_DENIED, "%s",
			       _("only an administrator may change officers and districts"));
	if (*id && !zs_sees_all(z)) {
		/* Refused for whose it is before anything is said of its fields. */
		struct store_txn *t;
		if (store_read(z->st, &t) == STORE_OK) {
			int a = access_check_save(z, t, k, *id, r);
			store_done(t);
			if (a != ZS_OK)
				return a;
		}
	}
	if (zs_validate(z, k, r, field, sizeof field, msg, sizeof msg) < 0)
		return zs_fail(z, ZS_INVALID, "%s", msg);
	if (k == KIND_OFFICER && *id && *id == z->me &&
	    (!rec_bool(r, "active", true) || strcmp(rec_text(r, "role", ""), "admin") != 0 ||
	     strcmp(rec_text(r, "login", ""), rec_text(&z->me_rec, "login", "")) != 0))
		return zs_fail(z, ZS_DENIED, "%s",
			       _("you cannot take away your own login, role or access; ask another "
				 "administrator"));
	struct save_ctx c = {z, k, *id, r, op ? op : (*id ? "update" : "create"), why, *id,
			     r->version};
	z->err[0] = '\0';
	z->denied = false;
	int rc = store_write(z->st, save_txn, &c);
	if (rc)
		save_rewind(&c);
	if (rc == STORE_ERROR && z->err[0])
		return z->denied ? ZS_DENIED : ZS_INVALID; /* model_prepare or access said what */
	if (rc == STORE_EXISTS)
		return exists_message(z, k, r);
	if (rc)
		return zs_from_store(z, rc);
	*id = c.id;
	return ZS_OK;
}

struct intake_ctx {
	struct save_ctx ent, proj;
};

/* Saves the enterprise (new or changed) and then the project that names
 * it, in one transaction: both or neither. */
static int intake_txn(struct store_txn *t, void *vctx)
{
	struct intake_ctx *c = vctx;
	save_rewind(&c->proj);
	int rc = save_txn(t, &c->ent);
	if (rc)
		return rc;
	rec_set_int(c->proj.r, "enterprise", (int64_t)c->ent.id);
	return save_txn(t, &c->proj);
}

int zs_intake(struct zs *z, uint64_t *eid, struct rec *ent, uint64_t *pid, struct rec *proj,
	      char *field, size_t fieldlen)
{
	char msg[512], f[64];
	field[0] = '\0';
	if (zs_validate(z, KIND_ENTERPRISE, ent, f, sizeof f, msg, sizeof msg) < 0) {
		snprintf(field, fieldlen, "enterprise.%s", f);
		return zs_fail(z, ZS_INVALID, "%s", msg);
	}
	/* The enterprise is filled in by the transaction; check the rest. */
	if (!rec_find(proj, "enterprise"))
		rec_set_int(proj, "enterprise", *eid ? (int64_t)*eid : 1);
	int bad = zs_validate(z, KIND_PROJECT, proj, field, fieldlen, msg, sizeof msg);
	if (!*eid)
		rec_unset(proj, "enterprise");
	if (bad < 0)
		return zs_fail(z, ZS_INVALID, "%s", msg);
	struct intake_ctx c = {{z, KIND_ENTERPRISE, *eid, ent, *eid ? "update" : "create", "intake",
				*eid, ent->version},
			       {z, KIND_PROJECT, 0, proj, "create", "intake", 0, proj->version}};
	z->err[0] = '\0';
	int rc = store_write(z->st, intake_txn, &c);
	if (rc) {
		save_rewind(&c.ent);
		save_rewind(&c.proj);
	}
	if (rc == STORE_ERROR && z->err[0])
		return ZS_INVALID;
	if (rc == STORE_EXISTS) {
		snprintf(field, fieldlen, "enterprise.credit_code");
		return exists_message(z, KIND_ENTERPRISE, ent);
	}
	if (rc)
		return zs_from_store(z, rc);
	*eid = c.ent.id;
	*pid = c.proj.id;
	return ZS_OK;
}

size_t zs_claims(struct zs *z, const char *credit_code, const char *name, uint64_t district,
		 uint64_t *ids, size_t max)
{
	struct store_txn *t;
	size_t n = 0;
	if (store_read(z->st, &t))
		return 0;
	uint64_t ents[64];
	size_t ne = 0;
	char code[CREDITCODE_MAX], folded[256];
	if (credit_code && *credit_code) {
		creditcode_check(credit_code, code, NULL);
		if (store_unique_get(t, &zs_tables[KIND_ENTERPRISE], IX_ENTERPRISE_CODE, code,
				     strlen(code), &ents[ne]) == STORE_OK)
			ne++;
	}
	/* A near-identical name: the same once spaces, brackets and the legal
	 * form (有限公司, 股份...) are folded away. */
	if (name && normalize_company(name, folded, sizeof folded) > 0) {
		struct store_iter *it = store_iter_postings(t, &zs_tables[KIND_ENTERPRISE],
							    IX_ENTERPRISE_NAME, folded, strlen(folded));
		uint64_t below = UINT64_MAX, id;
		while (it && ne < 64 && store_iter_seek(it, below, &id)) {
			bool seen = false;
			for (size_t i = 0; i < ne; i++)
				seen |= ents[i] == id;
			if (!seen)
				ents[ne++] = id;
			if (id == 0)
				break;
			below = id - 1;
		}
		store_iter_free(it);
	}
	struct rec r;
	rec_init(&r);
	for (size_t e = 0; e < ne && n < max; e++) {
		unsigned char key[8];
		zs_be64(key, ents[e]);
		struct store_iter *it = store_iter_postings(t, &zs_tables[KIND_PROJECT],
							    IX_PROJECT_ENTERPRISE, key, 8);
		uint64_t below = UINT64_MAX, id;
		while (it && n < max && store_iter_seek(it, below, &id)) {
			if (store_get(t, &zs_tables[KIND_PROJECT], id, &r) == STORE_OK) {
				const char *st = rec_text(&r, "stage", "");
				bool gone = !strcmp(st, "exited");
				bool elsewhere = (uint64_t)rec_int(&r, "district", 0) != district;
				if (!gone && (elsewhere || !strcmp(st, "talks")))
					ids[n++] = id;
			}
			if (id == 0)
				break;
			below = id - 1;
		}
		store_iter_free(it);
	}
	rec_free(&r);
	store_done(t);
	return n;
}

int zs_merge(struct zs *z, enum kind k, uint64_t id, struct rec *base, struct rec *mine,
	     struct zs_conflict *out, size_t max, size_t *n)
{
	struct rec cur;
	rec_init(&cur);
	*n = 0;
	int rc = zs_get(z, k, id, &cur);
	if (rc)
		return rc;
	/* Every field either side may have: mine's, then the current one's. */
	struct rec merged;
	rec_copy(&merged, &cur);
	const struct rec *sides[2] = {mine, &cur};
	for (int side = 0; side < 2; side++)
		for (size_t i = 0; i < sides[side]->n; i++) {
			const char *f = sides[side]->f[i].name;
			const struct rec_field *b = rec_find(base, f), *m = rec_find(mine, f),
					       *c = rec_find(&cur, f);
			static const struct rec_value none = {0};
			const struct rec_value *bv = b ? &b->v : &none, *mv = m ? &m->v : &none,
					       *cv = c ? &c->v : &none;
			bool i_changed = !rec_value_equal(bv, mv), they_changed = !rec_value_equal(bv, cv);
			if (side == 1 && m)
				continue; /* seen from mine already */
			if (i_changed && !they_changed) {
				rec_set(&merged, f, mv); /* my change stands */
			} else if (i_changed && they_changed && !rec_value_equal(mv, cv)) {
				/* Both changed it, differently: the officer chooses. */
				if (*n < max) {
					struct zs_conflict *x = &out[*n];
					snprintf(x->field, sizeof x->field, "%s", f);
					struct rec t;
					rec_init(&t);
					rec_set(&t, f, mv);
					zs_field_text(z, k, &t, f, x->mine, sizeof x->mine);
					rec_free(&t);
					zs_field_text(z, k, &cur, f, x->theirs, sizeof x->theirs);
				}
				(*n)++;
				rec_set(&merged, f, mv); /* kept as mine until chosen */
			}
		}
	merged.version = cur.version;
	/* The next merge, should yet another save come first, starts here. */
	rec_free(base);
	*base = cur;
	rec_free(mine);
	*mine = merged;
	return *n ? zs_fail(z, ZS_CONFLICT, "%s", _("someone else changed the same fields"))
		  : ZS_OK;
}

/* ---- finding records from what a user typed ---- */

struct match_ctx {
	uint64_t id;
	int hits;
	const char *text;
	struct zs *z;
	enum kind k;
};

/* Scans a small table for a record whose name matches. */
static int scan_by_name(struct zs *z, enum kind k, const char *text, uint64_t *id)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return zs_from_store(z, STORE_ERROR);
	struct store_iter *it = store_iter_records(t, &zs_tables[k]);
	uint64_t below = UINT64_MAX, cur, hit = 0;
	int hits = 0, exact = 0;
	struct rec r;
	rec_init(&r);
	while (it && store_iter_seek(it, below, &cur)) {
		if (store_get(t, &zs_tables[k], cur, &r) == STORE_OK) {
			const char *name = rec_text(&r, "name", "");
			const char *en = rec_text(&r, "name_en", "");
			const char *abbr = rec_text(&r, "abbr", "");
			const char *code = rec_text(&r, "code", "");
			const char *login = rec_text(&r, "login", "");
			if (!strcmp(name, text) || !strcasecmp(en, text) || !strcasecmp(abbr, text) ||
			    !strcmp(code, text) || !strcmp(login, text)) {
				hit = cur;
				exact++;
			} else if (!exact && (pinyin_match(name, text) && strlen(text) > 1)) {
				if (!hits || hit != cur)
					hits++;
				hit = cur;
			}
		}
		if (cur == 0)
			break;
		below = cur - 1;
		if (exact)
			break;
	}
	rec_free(&r);
	store_iter_free(it);
	store_done(t);
	if (exact || hits == 1) {
		*id = hit;
		return ZS_OK;
	}
	if (hits > 1)
		return zs_fail(z, ZS_NOTFOUND, _("%s matches %d %ss; be more precise"), text, hits,
			       _(schema_kind(k)->label));
	return zs_fail(z, ZS_NOTFOUND, _("no %s called %s"), _(schema_kind(k)->label), text);
}

int zs_resolve(struct zs *z, enum kind k, const char *text, uint64_t *id)
{
	struct rec r;
	uint64_t cand;
	rec_init(&r);
	if (zs_id_parse(text, &cand) == 0) {
		int g = zs_get(z, k, cand, &r);
		rec_free(&r);
		if (g == ZS_OK) {
			*id = cand;
			return ZS_OK;
		}
		if (g == ZS_DENIED)
			return g; /* it exists, and zs_error says whose it is */
	}
	if (k == KIND_DISTRICT || k == KIND_OFFICER)
		return scan_by_name(z, k, text, id);
	if (k == KIND_ENTERPRISE) {
		struct store_txn *t;
		char code[CREDITCODE_MAX], folded[256];
		if (store_read(z->st, &t))
			return zs_from_store(z, STORE_ERROR);
		creditcode_check(text, code, NULL);
		int rc = store_unique_get(t, &zs_tables[k], IX_ENTERPRISE_CODE, code, strlen(code),
					  id);
		if (rc != STORE_OK && normalize_company(text, folded, sizeof folded) > 0) {
			/* A unique (folded) name. */
			struct store_iter *it = store_iter_postings(
				t, &zs_tables[k], IX_ENTERPRISE_NAME, folded, strlen(folded));
			if (it && store_iter_count(it) == 1 && store_iter_seek(it, UINT64_MAX, id))
				rc = STORE_OK;
			else if (it && store_iter_count(it) > 1)
				rc = -2;
			store_iter_free(it);
		}
		store_done(t);
		if (rc == STORE_OK)
			return ZS_OK;
		if (rc != -2) {
			/* Part of a name, or its pinyin: fine when only one matches. */
			struct zs_filter f = {.text = text};
			struct zs_cursor c = {0};
			uint64_t hits[2];
			size_t n = 0;
			while (!c.done && n < 2)
				n += zs_list(z, KIND_ENTERPRISE, &f, &c, hits + n, 2 - n);
			if (n == 1) {
				*id = hits[0];
				return ZS_OK;
			}
			if (n > 1)
				rc = -2;
		}
		if (rc == -2)
			return zs_fail(z, ZS_NOTFOUND,
				       _("several enterprises are called %s; give the credit code or "
					 "the id"),
				       text);
		return zs_fail(z, ZS_NOTFOUND,
			       _("no enterprise with the credit code or name %s; add it with "
				 "'zsdesk enterprise add'"),
			       text);
	}
	return zs_fail(z, ZS_NOTFOUND, _("no %s %s"), _(schema_kind(k)->label), text);
}

/* ---- stages ---- */

/* Position of a stage in the profile's list, or -1. */
static int stage_index(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->stages.n; i++)
		if (!strcmp(p->stages.v[i].code, code))
			return i;
	return -1;
}

int zs_project_stage(struct zs *z, uint64_t id, const char *stage, date_t date,
		     const char *reason)
{
	return zs_project_move(z, id, stage, date, reason, false);
}

int zs_project_move(struct zs *z, uint64_t id, const char *stage, date_t date, const char *reason,
		    bool no_credit)
{
	struct rec r;
	rec_init(&r);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	const struct profile_item *it = profile_find(&z->prof.stages, stage);
	if (!it) {
		char hint[512];
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, _("%s is not a stage: %s"), stage,
			       choice_hint(z, schema_field(KIND_PROJECT, "stage"), hint, sizeof hint));
	}
	char from[32];
	snprintf(from, sizeof from, "%s", rec_text(&r, "stage", "lead"));
	int a = stage_index(&z->prof, from), b = stage_index(&z->prof, it->code);
	bool terminal = !strcmp(it->code, "exited") || !strcmp(it->code, "transferred");
	const char *fail = NULL;
	char rule[768];
	if (date == 0)
		date = clock_today();
	if (!strcmp(from, it->code))
		fail = _("the project is already at this stage");
	else if ((terminal || b < a || !strcmp(from, "exited")) && (!reason || !*reason))
		fail = _("moving a project back, out (退出) or away (流转) needs a reason (--reason)");
	else if (date > clock_today())
		fail = _("the stage date cannot be in the future");
	else if (!strcmp(it->code, "signed") && rules_pre_report(z, &r, date, rule, sizeof rule) < 0) {
		const char *role = rec_text(&z->me_rec, "role", "");
		if (!no_credit)
			fail = rule;
		else if (z->me && strcmp(role, "city") && strcmp(role, "admin"))
			fail = _("only the city office records a signing without credit");
		else if (!reason || !*reason)
			fail = _("recording a signing without credit needs a reason (--reason)");
		else {
			/* Signed without the pre-report: no district earns it. */
			rec_set_text(&r, "no_credit", reason);
			rec_unset(&r, "credit");
		}
	}
	if (fail) {
		rc = zs_fail(z, ZS_INVALID, "%s", fail);
		rec_free(&r);
		return rc;
	}
	char d[11];
	rec_set_text(&r, "stage", it->code);
	rec_set_text(&r, "stage_date", date_format(date, d));
	if (!strcmp(it->code, "exited"))
		rec_set_text(&r, "exit_reason", reason);
	rules_after_stage(z, &r, from, date);
	rc = zs_save(z, KIND_PROJECT, &id, &r, "stage", reason);
	rec_free(&r);
	return rc;
}

int zs_prereport(struct zs *z, uint64_t id, date_t date)
{
	struct rec r;
	char d[11];
	rec_init(&r);
	int rc = zs_get(z, KIND_PROJECT, id, &r);
	if (rc)
		return rc;
	if (date == 0)
		date = clock_today();
	if (date > clock_today()) {
		rec_free(&r);
		return zs_fail(z, ZS_INVALID, "%s", _("a pre-report cannot be dated in the future"));
	}
	rec_set_text(&r, "pre_report", date_format(date, d));
	rc = zs_save(z, KIND_PROJECT, &id, &r, "prereport", NULL);
	rec_free(&r);
	return rc;
}

/* ---- history ---- */

/* Display text of one value of a field. */
static void value_text(struct zs *z, enum kind k, const char *field, const struct rec_value *v,
		       const char *currency, char *buf, size_t n)
{
	struct rec tmp;
	rec_init(&tmp);
	rec_set(&tmp, field, v);
	if (currency && strcmp(field, "currency") != 0)
		rec_set_text(&tmp, "currency", currency);
	zs_field_text(z, k, &tmp, field, buf, n);
	rec_free(&tmp);
}

int zs_history(struct zs *z, enum kind k, uint64_t id,
	       int (*fn)(void *ctx, const struct zs_history *h), void *ctx)
{
	struct store_txn *t;
	struct store_log *entries = NULL;
	size_t got = 0;
	struct rec own;
	rec_init(&own);
	if (k == KIND_PROJECT || k == KIND_ISSUE) {
		/* The history of what one may not see whole is not shown. */
		int g = zs_get(z, k, id, &own);
		bool whole = g == ZS_OK && (k == KIND_ISSUE || access_project_mine(z, &own));
		rec_free(&own);
		if (g != ZS_OK)
			return g;
		if (!whole)
			return zs_fail(z, ZS_DENIED, "%s",
				       _("this project belongs to another district"));
	}
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	rc = store_history(t, &zs_tables[k], id, &entries, &got);
	store_done(t);
	for (size_t i = 0; i < got && rc == STORE_OK; i++) {
		struct store_log *e = &entries[i];
		struct zs_history h = {e->seq, e->actor, e->at, e->op, e->why, NULL, e->n};
		h.c = calloc(e->n ? e->n : 1, sizeof *h.c);
		const char *cur = NULL;
		for (size_t j = 0; j < e->n; j++)
			if (!strcmp(e->c[j].field, "currency") && e->c[j].new.type == REC_TEXT)
				cur = e->c[j].new.s;
		for (size_t j = 0; j < e->n; j++) {
			h.c[j].field = e->c[j].field;
			value_text(z, k, e->c[j].field, &e->c[j].old, cur, h.c[j].old,
				   sizeof h.c[j].old);
			value_text(z, k, e->c[j].field, &e->c[j].new, cur, h.c[j].new,
				   sizeof h.c[j].new);
		}
		int stop = fn(ctx, &h);
		free(h.c);
		if (stop)
			break;
	}
	for (size_t i = 0; i < got; i++)
		store_log_free(&entries[i]);
	free(entries);
	return zs_from_store(z, rc);
}

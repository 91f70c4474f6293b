/*
 * fields.c - fields as officers type them: text to value, value to text, checks.
 */
#include <config.h>

#include <stdio.h>
#include <strings.h>
#include <stdarg.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "utf8.h"
#include "pinyin.h"
#include "normalize.h"
#include "money.h"
#include "creditcode.h"

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
	{"claim", "待市级认定", N_("Claim for the city")},
	{"visit", "走访", N_("Visit")}, {"call", "电话", N_("Call")},
	{"meeting", "会谈", N_("Meeting")}, {"message", "函件消息", N_("Letter or message")},
	{"other", "其他", N_("Other")},
	{"new", "新建", N_("New")}, {"expansion", "增资扩产", N_("Expansion")},
	{"relocation", "搬迁", N_("Relocation")},
	{"fortune500", "世界500强", N_("Fortune Global 500")},
	{"specialized", "专精特新", N_("Specialised and innovative")},
	{"unicorn", "独角兽", N_("Unicorn")},
	{"private500", "民营500强", N_("Top 500 private enterprises")},
	{"private500", "民企500强", N_("Top 500 private enterprises")}, /* read as well */
	{"mnc_hq", "跨国公司总部", N_("Multinational headquarters")},
	{"listed", "上市公司", N_("Listed company")},
	{"watching", "跟踪中", N_("Watching")}, {"contacting", "已接触", N_("In contact")},
	{"talking", "洽谈中", N_("In talks")}, {"landed", "已落地", N_("Landed")},
	{"dropped", "已放弃", N_("Dropped")},
	{"park", "园区", N_("Park")}, {"plot", "地块", N_("Plot")}, {"building", "楼宇", N_("Building")},
	{"mu", "亩", N_("mu")}, {"sqm", "平方米", N_("square metres")},
	{"available", "可供", N_("Available")}, {"promised", "已意向", N_("Promised")},
	{"occupied", "已落地", N_("Occupied")},
	{"national", "国家级", N_("National")}, {"provincial", "省级", N_("Provincial")},
	{"municipal", "市级", N_("Municipal")}, {"county", "区县级", N_("District or county")},
	{"filed", "已备案待认定", N_("Filed, awaiting the city")},
	{"accepted", "已备案", N_("Accepted")}, {"returned", "已退回", N_("Returned")},
	{"intermediary", "中介机构", N_("Intermediary")},
	{"ambassador", "招商大使", N_("Investment ambassador")},
	{"chamber", "商协会", N_("Chamber or association")},
};

/* Reads a time of day as typed (14:30, 1430, 9:05, 14：30, 14点30, 14点)
 * into "HH:MM"; -1 when it is not one. */
static int parse_time(const char *t, char out[6])
{
	int h = 0, m = 0, nd = 0;
	const char *p = t;
	while (*p >= '0' && *p <= '9' && nd < 4)
		h = h * 10 + (*p++ - '0'), nd++;
	if (nd == 0)
		return -1;
	if (nd == 4 && !*p) {
		m = h % 100;
		h /= 100;
	} else if (nd > 2) {
		return -1;
	} else if (*p == ':' || !strncmp(p, "：", 3) || !strncmp(p, "点", 3) ||
		   !strncmp(p, "时", 3)) {
		p += *p == ':' ? 1 : 3;
		int md = 0;
		while (*p >= '0' && *p <= '9' && md < 2)
			m = m * 10 + (*p++ - '0'), md++;
		if (!strncmp(p, "分", 3))
			p += 3;
		if ((md == 0 && t[nd] == ':') || *p)
			return -1;
	} else {
		return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	snprintf(out, 6, "%02d:%02d", h, m);
	return 0;
}

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
	if (!strcmp(c, "city_offices"))
		return &p->city_offices;
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
char *fields_choice_hint(struct zs *z, const struct field_def *f, char *buf, size_t n)
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
				items[n++] = xmemdup(text + a, b - a);
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

/* True when a project's foreign capital (美元) is above its total
 * investment (in 美元 at the profile's rate when the total is in 元). */
static bool foreign_above_total(struct zs *z, const struct rec *r)
{
	int64_t fc = rec_int(r, "foreign_capital", 0), inv = rec_int(r, "investment", 0);
	if (!fc || !inv)
		return false;
	if (!strcmp(rec_text(r, "currency", "CNY"), "USD"))
		return fc > inv;
	int64_t rate = z->prof.usd_rate ? z->prof.usd_rate : PROFILE_USD_RATE;
	return fc / 10000 * rate + fc % 10000 * rate / 10000 > inv;
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
	enum text_fault tf = text_check(t, f->type == FT_LONGTEXT);
	if (tf != TEXT_CLEAN && !(f->type == FT_TEXT && strpbrk(t, "\n\r\t"))) {
		rc = field_msg(msg, msglen, -1, k, f, "%s", rules_text_fault(tf));
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
		/* No unit means 万元 (美元 only in a 美元 field), whatever the
		 * currency the record had: a corrected amount never keeps a unit
		 * that was typed before. */
		enum currency cur = usd_only ? CURRENCY_USD : CURRENCY_CNY;
		enum money_error e = money_parse(t, &amount, &cur, usd_only);
		if (e == MONEY_OK) {
			rec_set_int(r, field, amount);
			if (!usd_only)
				rec_set_text(r, "currency", cur == CURRENCY_USD ? "USD" : "CNY");
			if (k == KIND_PROJECT && foreign_above_total(z, r))
				rc = field_msg(msg, msglen, 1, k, f, "%s",
					       _("the foreign capital is above the total investment: "
						 "check both (kept as typed)"));
		} else if (e == MONEY_PRECISION) {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("more decimals than one 元 (at most 4 decimals of 万)"));
		} else if (e == MONEY_RANGE) {
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("must be zero or more and at most 1000万亿"));
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
				       fields_choice_hint(z, f, hint, sizeof hint));
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
					       items[i], fields_choice_hint(z, f, hint, sizeof hint));
			} else {
				free(items[i]);
				items[i] = xstrdup(code);
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
	case FT_TIME: {
		char hm[6];
		if (parse_time(t, hm) < 0)
			rc = field_msg(msg, msglen, -1, k, f, "%s",
				       _("not a time of day; write e.g. 14:30"));
		else
			rec_set_text(r, field, hm);
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
			rc = field_msg(msg, msglen, -1, k, f, "%s", z->err.msg);
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

/* The name of district given by its stored id or code into buf ("" when
 * unknown). */
static char *district_text(struct zs *z, const char *district, char *buf, size_t n)
{
	uint64_t d;
	buf[0] = '\0';
	if (district && *district && zs_resolve(z, KIND_DISTRICT, district, &d) == ZS_OK)
		ref_text(z, KIND_DISTRICT, d, buf, n);
	return buf;
}

/* The name of a money measure (funds, foreign, domestic) or of a target
 * class of the profile. */
static const char *measure_text(struct zs *z, const char *m)
{
	if (!strcmp(m, "funds"))
		return i18n_pick("到位资金", _("Funds in place"));
	if (!strcmp(m, "foreign"))
		return i18n_pick("实际利用外资", _("Foreign capital used"));
	if (!strcmp(m, "domestic"))
		return i18n_pick("实际利用内资", _("Domestic capital used"));
	const struct profile_item *it = profile_find(&z->prof.target_classes, m);
	return it ? profile_label(it) : m;
}

/* A credit-ledger entry "date|district|kind|keep". */
static void credit_entry_text(struct zs *z, char **parts, char *buf, size_t n)
{
	char where[128] = "";
	uint64_t d = parts[1] ? strtoull(parts[1], NULL, 10) : 0;
	if (d)
		ref_text(z, KIND_DISTRICT, d, where, sizeof where);
	const char *kind = parts[2] ? parts[2] : "";
	const char *what = !strcmp(kind, "first")      ? _("first talk")
			   : !strcmp(kind, "transfer") ? _("transferred in")
			   : !strcmp(kind, "push")     ? _("pushed the project on")
						       : kind;
	size_t used = (size_t)snprintf(buf, n, "%s %s %s", parts[0], *where ? where : "-", what);
	int keep = parts[3] ? atoi(parts[3]) : -1;
	if (!strcmp(kind, "transfer") && keep >= 0 && used + 1 < n)
		snprintf(buf + used, n - used, _(" (first district keeps %d%%)"), keep);
}

/* A pre-report "filed on|planned signing|amount currency|parties". */
static void prereport_entry_text(char **parts, char *buf, size_t n)
{
	char amount[64] = "";
	if (parts[2] && *parts[2]) {
		long long v = strtoll(parts[2], NULL, 10);
		const char *cur = strchr(parts[2], ' ');
		money_format(v, cur && !strcmp(cur + 1, "USD") ? CURRENCY_USD : CURRENCY_CNY,
			     MONEY_AUTO, amount, sizeof amount);
	}
	size_t used = (size_t)snprintf(buf, n, _("%s filed"), parts[0]);
	if (parts[1] && *parts[1] && used + 1 < n)
		used += (size_t)snprintf(buf + used, n - used, _(", signing planned %s"), parts[1]);
	if (*amount && used + 1 < n)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i18n_pick("，", ", "), amount);
	if (parts[3] && *parts[3] && used + 1 < n)
		snprintf(buf + used, n - used, _(", parties: %s"), parts[3]);
}

/* A district's target "year|measure|amount|set on". */
static void target_entry_text(struct zs *z, char **parts, char *buf, size_t n)
{
	const char *m = parts[1] ? parts[1] : "";
	char amount[64];
	long long v = parts[2] ? strtoll(parts[2], NULL, 10) : 0;
	if (!strcmp(m, "domestic") || !strcmp(m, "foreign"))
		money_format(v, !strcmp(m, "foreign") ? CURRENCY_USD : CURRENCY_CNY, MONEY_AUTO,
			     amount, sizeof amount);
	else
		snprintf(amount, sizeof amount, _("%lld projects"), v);
	size_t used = (size_t)snprintf(buf, n, _("%s: target for %s, %s"), parts[0], measure_text(z, m), amount);
	if (parts[3] && *parts[3] && used + 1 < n)
		snprintf(buf + used, n - used, _(" (set %s)"), parts[3]);
}

/* One entry of a list the system keeps as an officer reads it: the stage
 * history ("date|stage|district|recorded on"), the money ledger
 * ("date|measure|amount|district|recorded on|source"), the credit ledger,
 * the pre-reports, a district's targets, an issue's steps ("level|date")
 * and the policies applied (policy ids): "2026-01-25 在谈 通州区",
 * amounts in 万, names instead of ids, the day an entry was recorded when
 * it is not its own day. */
char *zs_ledger_entry_text(struct zs *z, const char *field, const char *entry, char *buf, size_t n)
{
	bool money = !strcmp(field, "money");
	char *parts[6] = {0}, *item = xstrdup(entry), *p = item;
	size_t np = 0;
	while (np < 6 && p) {
		parts[np++] = p;
		if ((p = strchr(p, '|')))
			*p++ = '\0';
	}
	if (!strcmp(field, "credit_ledger")) {
		credit_entry_text(z, parts, buf, n);
		free(item);
		return buf;
	}
	if (!strcmp(field, "pre_reports")) {
		prereport_entry_text(parts, buf, n);
		free(item);
		return buf;
	}
	if (!strcmp(field, "targets")) {
		target_entry_text(z, parts, buf, n);
		free(item);
		return buf;
	}
	if (!strcmp(field, "steps")) {
		const struct profile_item *it = profile_find(&z->prof.escalation, parts[0]);
		snprintf(buf, n, "%s %s", parts[1] ? parts[1] : "", it ? profile_label(it) : parts[0]);
		free(item);
		return buf;
	}
	if (!strcmp(field, "attrs")) {
		/* "date|field|before|after": "2026-11-22 总投资 12亿元 -> 15亿元". */
		const struct field_def *f = parts[1] ? schema_field(KIND_PROJECT, parts[1]) : NULL;
		char v[2][128];
		for (int i = 0; i < 2; i++) {
			const char *raw = parts[2 + i] ? parts[2 + i] : "";
			if (f && (f->type == FT_MONEY || f->type == FT_MONEY_USD) && *raw)
				money_format(strtoll(raw, NULL, 10),
					     f->type == FT_MONEY_USD ? CURRENCY_USD : CURRENCY_CNY,
					     MONEY_AUTO, v[i], sizeof v[i]);
			else
				snprintf(v[i], sizeof v[i], "%s", *raw ? raw : "-");
		}
		snprintf(buf, n, "%s %s %s -> %s", parts[0],
			 f ? zs_field_label(KIND_PROJECT, parts[1]) : parts[1] ? parts[1] : "", v[0], v[1]);
		free(item);
		return buf;
	}
	if (!strcmp(field, "policies")) {
		uint64_t id;
		if (zs_resolve(z, KIND_POLICY, parts[0], &id) == ZS_OK)
			ref_text(z, KIND_POLICY, id, buf, n);
		else
			snprintf(buf, n, "%s", parts[0]);
		free(item);
		return buf;
	}
	char what[128], where[128], amount[64] = "";
	const char *recorded = parts[money ? 4 : 3];
	district_text(z, parts[money ? 3 : 2], where, sizeof where);
	if (money) {
		const char *m = parts[1] ? parts[1] : "";
		snprintf(what, sizeof what, "%s", measure_text(z, m));
		money_format(parts[2] ? strtoll(parts[2], NULL, 10) : 0,
			     !strcmp(m, "foreign") ? CURRENCY_USD : CURRENCY_CNY, MONEY_AUTO, amount,
			     sizeof amount);
	} else {
		const struct profile_item *it = parts[1] ? profile_find(&z->prof.stages, parts[1]) : NULL;
		snprintf(what, sizeof what, "%s", it ? profile_label(it) : parts[1] ? parts[1] : "");
	}
	size_t used = (size_t)snprintf(buf, n, "%s %s%s%s%s%s", parts[0], what, *amount ? " " : "",
				       amount, *where ? " " : "", where);
	if (money && parts[5] && *parts[5] && used + 1 < n)
		used += (size_t)snprintf(buf + used, n - used, " %s", parts[5]);
	if (recorded && strcmp(recorded, parts[0]) && used + 1 < n)
		snprintf(buf + used, n - used, _(" (recorded %s)"), recorded);
	free(item);
	return buf;
}

/* True for a list field the system keeps whose entries
 * zs_ledger_entry_text reads out. */
bool zs_is_ledger(const char *field)
{
	static const char *const names[] = {"stages", "money",    "credit_ledger", "pre_reports",
					    "targets", "steps", "policies", "attrs"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(field, names[i]))
			return true;
	return false;
}

char *zs_why_text(struct zs *z, const char *why, char *buf, size_t n)
{
	char table[32], field[64];
	unsigned long long id;
	(void)z;
	if (!why)
		return NULL;
	if (sscanf(why, "conflict %31s %llu %63s", table, &id, field) == 3) {
		int k = schema_kind_by_name(table);
		snprintf(buf, n, _("conflict between two copies settled: %s"),
			 k >= 0 ? zs_field_label((enum kind)k, field) : field);
		return buf;
	}
	static const struct {
		const char *code, *text;
	} own[] = {{"intake", N_("entered at intake")}, {"demo", N_("demo data")}};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		if (!strcmp(why, own[i].code)) {
			snprintf(buf, n, "%s", _(own[i].text));
			return buf;
		}
	snprintf(buf, n, "%s", why);
	return buf;
}

/* A whole ledger on one line, its entries joined. */
static char *ledger_text(struct zs *z, const char *name, const struct rec_value *v, char *buf,
			 size_t n)
{
	size_t used = 0;
	const char **order = xcalloc(v->n ? v->n : 1, sizeof *order);
	for (size_t i = 0; i < v->n; i++)
		order[i] = v->items[i];
	if (!strcmp(name, "money"))
		zs_ledger_by_date(order, v->n);
	buf[0] = '\0';
	for (size_t i = 0; i < v->n && used + 1 < n; i++) {
		char one[512];
		zs_ledger_entry_text(z, name, order[i], one, sizeof one);
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? i18n_pick("；", "; ") : "",
					 one);
	}
	free(order);
	if (used >= n && n > 4)
		memcpy(buf + n - 4, "...", 4);
	return buf;
}

void zs_ledger_by_date(const char **v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const char *e = v[i];
		size_t j = i;
		while (j > 0 && strncmp(v[j - 1], e, 10) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = e;
	}
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
		if (v->type == REC_LIST && zs_is_ledger(f->name))
			return ledger_text(z, f->name, v, buf, n);
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
							 it ? profile_label(it)
							 : l ? v->items[i]
							     : fixed_label(v->items[i]));
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

/* The rules of a follow-up across its fields: about a project or an
 * enterprise; it took place by today (a visit is logged after it, never
 * before); a next step's day is not before the contact and says what. */
static int validate_followup(const struct rec *r, char *field, size_t fieldlen, char *msg,
			     size_t msglen)
{
	const enum kind k = KIND_FOLLOWUP;
	const char *bad = NULL, *why = NULL;
	char today[11];
	date_format(clock_today(), today);
	const char *date = rec_text(r, "date", ""), *next = rec_text(r, "next_date", NULL);
	if (!rec_find(r, "project") && !rec_find(r, "enterprise"))
		bad = "project", why = _("name the project, or the enterprise when there is none");
	else if (strcmp(date, today) > 0)
		bad = "date", why = _("a follow-up is logged once it took place: the date is after today");
	else if (next && strcmp(next, date) < 0)
		bad = "next_date", why = _("the next step cannot be due before the contact itself");
	else if (next && !rec_find(r, "next_step"))
		bad = "next_step", why = _("say what the next step is, since it has a day");
	if (!bad)
		return 0;
	if (field)
		snprintf(field, fieldlen, "%s", bad);
	return field_msg(msg, msglen, -1, k, schema_field(k, bad), "%s", why);
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
		const char *st = rec_text(r, "stage", profile_stage(&z->prof, STAGE_LEAD));
		if (!profile_stage_is(&z->prof, st, STAGE_LEAD) &&
		    !profile_stage_is(&z->prof, st, STAGE_TALKS)) {
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
		/* The contract's promises (003 §十六): made when it is signed. */
		bool promised = rec_find(r, "contract_funds_by") || rec_find(r, "contract_start");
		if (promised && !rec_find(r, "contract_investment")) {
			if (field)
				snprintf(field, fieldlen, "contract_investment");
			return field_msg(msg, msglen, -1, k, schema_field(k, "contract_investment"), "%s",
					 _("the contract's dates need the investment it agrees"));
		}
		const char *st = rec_text(r, "stage", profile_stage(&z->prof, STAGE_LEAD));
		if ((promised || rec_find(r, "contract_investment")) &&
		    (profile_stage_is(&z->prof, st, STAGE_LEAD) ||
		     profile_stage_is(&z->prof, st, STAGE_TALKS))) {
			if (field)
				snprintf(field, fieldlen, "contract_investment");
			return field_msg(msg, msglen, -1, k, schema_field(k, "contract_investment"), "%s",
					 _("a contract is recorded once the project is signed; this "
					   "one is still a lead or in talks"));
		}
		date_t reg;
		if (date_parse(rec_text(r, "registered_on", ""), &reg) == 0 && reg > clock_today()) {
			if (field)
				snprintf(field, fieldlen, "registered_on");
			return field_msg(msg, msglen, -1, k, schema_field(k, "registered_on"), "%s",
					 _("the registration date cannot be in the future (a planned "
					   "one goes in Planned registration)"));
		}
	}
	if (k == KIND_FOLLOWUP)
		return validate_followup(r, field, fieldlen, msg, msglen);
	return 0;
}

int zs_filter_set(struct zs *z, struct zs_filter *f, const char *name, const char *text,
		  char *msg, size_t n)
{
	static const struct {
		const char *name;
		enum kind kind;
		size_t off;
	} refs[] = {
		{"district", KIND_DISTRICT, offsetof(struct zs_filter, district)},
		{"manager", KIND_OFFICER, offsetof(struct zs_filter, manager)},
		{"enterprise", KIND_ENTERPRISE, offsetof(struct zs_filter, enterprise)},
	};
	bool clear = !text || !*text;
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		if (strcmp(name, refs[i].name))
			continue;
		uint64_t *dst = (uint64_t *)((char *)f + refs[i].off);
		if (clear) {
			*dst = 0;
			return 0;
		}
		if (zs_resolve(z, refs[i].kind, text, dst) != ZS_OK) {
			snprintf(msg, n, "%s: %s", zs_field_label(KIND_PROJECT, name), zs_error(z));
			return -1;
		}
		return 0;
	}
	if (!strcmp(name, "stage") || !strcmp(name, "industry")) {
		const char **dst = name[0] == 's' ? &f->stage : &f->industry;
		if (clear) {
			*dst = NULL;
			return 0;
		}
		const struct field_def *def = schema_field(KIND_PROJECT, name);
		const struct profile_list *l = choice_list(z, def);
		const char *code = choice_code(z, def, text);
		const struct profile_item *it = code && l ? profile_find(l, code) : NULL;
		if (!it) {
			char hint[512];
			snprintf(msg, n, "%s: %s", zs_field_label(KIND_PROJECT, name),
				 fields_choice_hint(z, def, hint, sizeof hint));
			return -1;
		}
		*dst = it->code; /* the profile's own text: lives as long as z */
		return 0;
	}
	if (!strcmp(name, "min") || !strcmp(name, "max")) {
		int64_t *dst = name[1] == 'i' ? &f->min_amount : &f->max_amount;
		if (clear) {
			*dst = 0;
			return 0;
		}
		enum currency cur = CURRENCY_CNY;
		int64_t v;
		if (money_parse(text, &v, &cur, 0) != MONEY_OK || v < 0) {
			snprintf(msg, n, _("not an amount: %s (write e.g. 5000万 or 1.5亿)"), text);
			return -1;
		}
		if (cur == CURRENCY_USD) {
			/* Compared with every project in 元 at the profile's rate. */
			struct rec tmp;
			rec_init(&tmp);
			rec_set_int(&tmp, "investment", v);
			rec_set_text(&tmp, "currency", "USD");
			v = zs_amount_cny(z, &tmp);
			rec_free(&tmp);
		}
		*dst = v;
		return 0;
	}
	if (!strcmp(name, "search")) {
		f->text = clear ? NULL : text;
		return 0;
	}
	snprintf(msg, n, _("no filter called %s"), name);
	return -1;
}

/*
 * profile.c - reading a city's policy profile.
 *
 * A hand-written line parser: the format is small, the errors must name
 * the line, and no library would say "line 12: money" in Chinese.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "i18n.h"
#include "linefile.h"
#include "xalloc.h"
#include "normalize.h"
#include "money.h"
#include "profile.h"
#include "priv.h"

/* Splits s at sep into at most max trimmed parts; returns the count. */
static int split(const char *s, char sep, char **parts, int max)
{
	int n = 0;
	while (n < max) {
		const char *e = strchr(s, sep);
		size_t len = e ? (size_t)(e - s) : strlen(s);
		parts[n++] = text_trim(s, len);
		if (!e)
			break;
		s = e + 1;
	}
	return n;
}

/* Appends an empty item to l and returns it. */
static struct profile_item *list_add(struct profile_list *l)
{
	struct profile_item *v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *v);
	l->v = v;
	memset(&v[l->n], 0, sizeof *v);
	return &v[l->n++];
}

/* Frees a list. */
static void list_free(struct profile_list *l)
{
	for (int i = 0; i < l->n; i++) {
		struct profile_item *it = &l->v[i];
		free(it->code);
		free(it->zh);
		free(it->en);
		free(it->abbr);
		free(it->parent);
		free(it->group);
		free(it->klass);
		for (int j = 0; j < it->nparts; j++)
			free(it->parts[j]);
		free(it->parts);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void profile_free(struct profile *p)
{
	free(p->code);
	free(p->name_zh);
	free(p->name_en);
	free(p->text);
	list_free(&p->stages);
	list_free(&p->industries);
	list_free(&p->channels);
	list_free(&p->enterprise_types);
	list_free(&p->roles);
	list_free(&p->escalation);
	list_free(&p->districts);
	list_free(&p->issue_categories);
	list_free(&p->city_offices);
	list_free(&p->target_classes);
	for (int r = 0; r < STAGE_ROLES + LEVEL_ROLES; r++)
		free(p->role_text[r]);
	memset(p, 0, sizeof *p);
}

/* Parses a money amount; an empty value is 0 (no threshold). */
static int parse_amount(const char *v, enum currency want, int64_t *out)
{
	if (!*v) {
		*out = 0;
		return 0;
	}
	enum currency cur = want;
	return money_parse(v, out, &cur, 1) == MONEY_OK ? 0 : -1;
}

/* Parses a whole number in [lo, hi]. */
static int parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	if (!*v) {
		*out = 0;
		return 0;
	}
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* Parses yes/no. */
static int parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "是")) {
		*out = true;
		return 0;
	}
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "否") || !*v) {
		*out = false;
		return 0;
	}
	return -1;
}

/* The names of the roles in [stage_roles] and [level_roles], in enum
 * order. */
static const char *const stage_roles[STAGE_ROLES] = {
	"lead", "talks", "signed", "registered", "funded", "started", "production", "exited",
	"transferred",
};
static const char *const level_roles[LEVEL_ROLES] = {"meeting", "supervision"};

/* Index of name in names[n], or -1. */
static int role_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/* Parses a rate like 7.1 (whole 元 and up to four decimals) into 元 per
 * 美元 times 10000. */
static int parse_rate(const char *v, int64_t *out)
{
	int64_t whole = 0, frac = 0, scale = 10000;
	const char *q = v;
	if (!*q)
		return -1;
	for (; *q >= '0' && *q <= '9' && whole < 100000; q++)
		whole = whole * 10 + (*q - '0');
	if (*q == '.')
		for (q++; *q >= '0' && *q <= '9' && scale > 1; q++) {
			scale /= 10;
			frac += (*q - '0') * scale;
		}
	if (*q || whole == 0)
		return -1;
	*out = whole * 10000 + frac;
	return 0;
}

/* Parses "amount, landmark, key, strategic" (those allowed) into *out. */
static int parse_covers(const char *v, unsigned *out, unsigned allowed)
{
	static const struct {
		const char *word;
		unsigned bit;
	} words[] = {{"amount", PRE_AMOUNT},
		     {"landmark", PRE_LANDMARK},
		     {"key", COVER_KEY},
		     {"strategic", COVER_STRATEGIC}};
	char *parts[8];
	int n = split(v, ',', parts, 8), rc = n > 0 ? 0 : -1;
	*out = 0;
	for (int i = 0; i < n; i++) {
		size_t j = 0;
		while (j < sizeof words / sizeof *words && strcmp(words[j].word, parts[i]))
			j++;
		if (j == sizeof words / sizeof *words || !(words[j].bit & allowed))
			rc = -1;
		else
			*out |= words[j].bit;
		free(parts[i]);
	}
	return rc;
}

/* Handles "key = value" of a section; returns 0, -1 bad value, -2 unknown. */
static int setting(struct profile *p, const char *sec, const char *key, const char *v)
{
	if (!strcmp(sec, "city")) {
		if (!strcmp(key, "usd_rate"))
			return parse_rate(v, &p->usd_rate);
		char **dst = !strcmp(key, "code")      ? &p->code
			     : !strcmp(key, "name")    ? &p->name_zh
			     : !strcmp(key, "name_en") ? &p->name_en
						       : NULL;
		if (!dst)
			return -2;
		free(*dst);
		*dst = xstrdup(v);
		return 0;
	}
	if (!strcmp(sec, "first_talk")) {
		if (!strcmp(key, "threshold"))
			return parse_amount(v, CURRENCY_CNY, &p->ft_threshold_cny);
		if (!strcmp(key, "threshold_usd"))
			return parse_amount(v, CURRENCY_USD, &p->ft_threshold_usd);
		if (!strcmp(key, "strategic"))
			return parse_bool(v, &p->ft_strategic);
		if (!strcmp(key, "exclusive_months")) {
			p->ft_unit = PERIOD_MONTHS;
			return parse_int(v, 0, 120, &p->ft_months);
		}
		if (!strcmp(key, "exclusive")) {
			/* "3 months", "30 days", "20 working days", "until decided". */
			char unit[32] = "";
			int n = 0;
			if (!strcmp(v, "until decided")) {
				p->ft_unit = PERIOD_DECIDED;
				p->ft_months = 1;
				return 0;
			}
			if (sscanf(v, "%d %31[a-z ]", &n, unit) != 2 || n < 1 || n > 3650)
				return -1;
			p->ft_unit = !strcmp(unit, "months")		? PERIOD_MONTHS
				     : !strcmp(unit, "days")		? PERIOD_DAYS
				     : !strcmp(unit, "working days") ? PERIOD_WORKDAYS
									: (enum period_unit)-1;
			if ((int)p->ft_unit < 0)
				return -1;
			p->ft_months = n;
			return 0;
		}
		if (!strcmp(key, "covers"))
			return parse_covers(v, &p->ft_covers, COVER_KEY | COVER_STRATEGIC | PRE_AMOUNT);
		if (!strcmp(key, "transfer")) {
			if (strcmp(v, "lapsed") && strcmp(v, "decided"))
				return -1;
			p->ft_transfer_decided = !strcmp(v, "decided");
			return 0;
		}
		if (!strcmp(key, "holiday_end")) {
			if (strcmp(v, "next_working_day") && strcmp(v, "as_is"))
				return -1;
			p->ft_holiday_end = !strcmp(v, "next_working_day");
			return 0;
		}
		if (!strcmp(key, "split_first_percent"))
			return parse_int(v, 0, 100, &p->ft_split_first);
		if (!strcmp(key, "rewatch"))
			return parse_bool(v, &p->ft_rewatch);
		if (!strcmp(key, "credit")) {
			if (!strcmp(v, "reassign"))
				p->ft_credit = CREDIT_REASSIGN;
			else if (!strcmp(v, "equal"))
				p->ft_credit = CREDIT_EQUAL;
			else if (!strcmp(v, "split"))
				p->ft_credit = CREDIT_SPLIT;
			else
				return -1;
			return 0;
		}
		return -2;
	}
	if (!strcmp(sec, "pre_report")) {
		if (!strcmp(key, "threshold"))
			return parse_amount(v, CURRENCY_CNY, &p->pre_threshold_cny);
		if (!strcmp(key, "threshold_usd"))
			return parse_amount(v, CURRENCY_USD, &p->pre_threshold_usd);
		if (!strcmp(key, "lead_days"))
			return parse_int(v, 0, 365, &p->pre_lead_days);
		if (!strcmp(key, "covers"))
			return parse_covers(v, &p->pre_covers, PRE_AMOUNT | PRE_LANDMARK | COVER_KEY);
		return -2;
	}
	if (!strcmp(sec, "stage_roles") || !strcmp(sec, "level_roles")) {
		bool stage = !strcmp(sec, "stage_roles");
		int r = stage ? role_index(stage_roles, STAGE_ROLES, key)
			      : role_index(level_roles, LEVEL_ROLES, key);
		if (r < 0)
			return -2;
		if (!*v)
			return -1;
		char **dst = &p->role_text[stage ? r : STAGE_ROLES + r];
		free(*dst);
		*dst = xstrdup(v);
		return 0;
	}
	if (!strcmp(sec, "signing_gates")) {
		if (!strcmp(key, "legality_review"))
			return parse_bool(v, &p->legality_review);
		return -2;
	}
	if (!strcmp(sec, "issue_rules")) {
		if (!strcmp(key, "wait_limit_days"))
			return parse_int(v, 0, 365, &p->wait_limit_days);
		return -2;
	}
	if (!strcmp(sec, "events")) {
		if (!strcmp(key, "clash_days"))
			return parse_int(v, 0, 366, &p->event_clash_days);
		return -2;
	}
	if (!strcmp(sec, "rates")) {
		/* "2026-01 = 7.10": 元 per 美元 from that month on. */
		int y, m;
		char tail;
		if (sscanf(key, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12 || y < 1990)
			return -2;
		int64_t rate;
		if (parse_rate(v, &rate) < 0 || p->nrates == PROFILE_RATES)
			return -1;
		p->rate_from[p->nrates] = date_from_ymd(y, m, 1);
		p->rate[p->nrates++] = rate;
		return 0;
	}
	if (!strcmp(sec, "reports")) {
		if (!strcmp(key, "clearing_months"))
			return parse_int(v, 1, 60, &p->clearing_months);
		return -2;
	}
	if (!strcmp(sec, "major")) {
		if (!strcmp(key, "threshold"))
			return parse_amount(v, CURRENCY_CNY, &p->major_threshold_cny);
		if (!strcmp(key, "threshold_usd"))
			return parse_amount(v, CURRENCY_USD, &p->major_threshold_usd);
		return -2;
	}
	return -2;
}

/* The list a section holds, or NULL. */
static struct profile_list *section_list(struct profile *p, const char *sec)
{
	if (!strcmp(sec, "stages"))
		return &p->stages;
	if (!strcmp(sec, "industries"))
		return &p->industries;
	if (!strcmp(sec, "channels"))
		return &p->channels;
	if (!strcmp(sec, "enterprise_types"))
		return &p->enterprise_types;
	if (!strcmp(sec, "roles"))
		return &p->roles;
	if (!strcmp(sec, "escalation"))
		return &p->escalation;
	if (!strcmp(sec, "districts"))
		return &p->districts;
	if (!strcmp(sec, "issue_categories"))
		return &p->issue_categories;
	if (!strcmp(sec, "city_offices"))
		return &p->city_offices;
	if (!strcmp(sec, "target_classes"))
		return &p->target_classes;
	return NULL;
}

/* Adds one list line: code | 中文 | English [| days or abbr | parks]. */
static int list_line(struct profile_list *l, const char *sec, const char *line)
{
	char *parts[10] = {0};
	int n = split(line, '|', parts, 10);
	int rc = 0;
	struct profile_item *it = NULL;
	if (n < 2 || !*parts[0] || !*parts[1]) {
		rc = -1;
		goto out;
	}
	it = list_add(l);
	it->code = parts[0];
	it->zh = parts[1];
	it->en = n > 2 && *parts[2] ? parts[2] : xstrdup(parts[1]);
	if (n > 2 && !*parts[2])
		free(parts[2]);
	parts[0] = parts[1] = parts[2] = NULL;
	if (!strcmp(sec, "escalation")) {
		/* code | 中文 | English | working days [| the role that acts] */
		if (n < 4 || parse_int(parts[3], 1, 365, &it->days) < 0)
			rc = -1;
		else if (n > 4 && *parts[4])
			it->klass = xstrdup(parts[4]);
	} else if (!strcmp(sec, "districts")) {
		it->abbr = n > 3 ? parts[3] : xstrdup("");
		if (n > 3)
			parts[3] = NULL;
		if (n > 4 && *parts[4]) {
			char *parks[64];
			it->nparts = split(parts[4], ',', parks, 64);
			it->parts = xmalloc((size_t)it->nparts * sizeof *it->parts);
			memcpy(it->parts, parks, (size_t)it->nparts * sizeof *it->parts);
		}
		/* Then "parent = code", "group = 片区", "class = A", any order. */
		for (int i = 5; i < n && rc == 0; i++) {
			char *key, *val;
			char **dst = NULL;
			if (linefile_split(parts[i], &key, &val) == 0)
				dst = !strcmp(key, "parent")  ? &it->parent
				      : !strcmp(key, "group") ? &it->group
				      : !strcmp(key, "class") ? &it->klass
							      : NULL;
			if (!dst || !*val || *dst)
				rc = -1;
			else
				*dst = xstrdup(val);
		}
	} else if (!strcmp(sec, "target_classes")) {
		/* code | 中文 | English | type = ENTERPRISE TYPE, or min = AMOUNT */
		/* Without a rule the class has a target but nothing counts it. */
		char *key, *val, *rule = n < 4 ? NULL : xstrdup(parts[3]);
		if (rule && (linefile_split(rule, &key, &val) < 0 ||
			     (strcmp(key, "type") && strcmp(key, "min")) || !*val))
			rc = -1;
		else if (rule)
			it->klass = xstrdup(parts[3]);
		free(rule);
	} else if (!strcmp(sec, "city_offices")) {
		/* code | 中文 | English | domestic, foreign or all */
		if (n < 4 || (strcmp(parts[3], "domestic") && strcmp(parts[3], "foreign") &&
			      strcmp(parts[3], "all")))
			rc = -1;
		else
			it->klass = xstrdup(parts[3]);
	}
out:
	for (int i = 0; i < n; i++)
		free(parts[i]);
	return rc;
}

/* Finds the stage or level that plays each role; -1 with a message when
 * a stage role has none, or a role names a code the lists lack. */
static int resolve_roles(struct profile *p, char *err, size_t errlen)
{
	for (int r = 0; r < STAGE_ROLES + LEVEL_ROLES; r++) {
		bool stage = r < STAGE_ROLES;
		const char *name = stage ? stage_roles[r] : level_roles[r - STAGE_ROLES];
		const char *want = p->role_text[r] ? p->role_text[r] : name;
		const struct profile_list *l = stage ? &p->stages : &p->escalation;
		const char *code = NULL;
		for (int i = 0; i < l->n && !code; i++)
			if (!strcmp(l->v[i].code, want))
				code = l->v[i].code;
		if (!code && (stage || p->role_text[r])) {
			if (p->role_text[r] && stage)
				snprintf(err, errlen,
					 _("[stage_roles] %s = %s: the profile has no such stage"), name,
					 want);
			else if (p->role_text[r])
				snprintf(err, errlen,
					 _("[level_roles] %s = %s: the profile has no such escalation "
					   "level"),
					 name, want);
			else
				snprintf(err, errlen,
					 _("the profile has no stage for the role \"%s\": add a stage "
					   "%s to [stages] or name one in [stage_roles]"),
					 name, name);
			return -1;
		}
		if (stage)
			p->stage_role[r] = code;
		else
			p->level_role[r - STAGE_ROLES] = code;
	}
	return 0;
}

int profile_parse(const char *text, struct profile *p, char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	p->ft_split_first = 50;
	p->event_clash_days = 30;
	p->pre_covers = PRE_AMOUNT;
	p->ft_covers = PRE_AMOUNT | COVER_STRATEGIC;
	p->ft_rewatch = true;
	p->usd_rate = PROFILE_USD_RATE;
	p->clearing_months = 6;
	char sec[32] = "";
	struct linefile lf;
	linefile_init(&lf, NULL, text);
	char *line;
	while ((line = linefile_next(&lf))) {
		int rc = 0;
		const char *what = NULL;
		if (!*line) {
			/* blank */
		} else if (line[0] == '[') {
			char *close = strchr(line, ']');
			if (!close || close[1] || close - line - 1 >= (long)sizeof sec) {
				rc = -1;
				what = _("a section header must look like [name]");
			} else {
				snprintf(sec, sizeof sec, "%.*s", (int)(close - line - 1), line + 1);
				if (strcmp(sec, "city") && strcmp(sec, "first_talk") &&
				    strcmp(sec, "pre_report") && strcmp(sec, "major") &&
				    strcmp(sec, "stage_roles") && strcmp(sec, "level_roles") &&
				    strcmp(sec, "issue_rules") && strcmp(sec, "signing_gates") &&
				    strcmp(sec, "rates") && strcmp(sec, "reports") && strcmp(sec, "events") &&
				    !section_list(p, sec)) {
					rc = -1;
					what = _("unknown section");
				}
			}
		} else if (section_list(p, sec)) {
			if (list_line(section_list(p, sec), sec, line) < 0) {
				rc = -1;
				what = !strcmp(sec, "escalation")
					       ? _("expected: code | 中文 | English | working days")
				       : !strcmp(sec, "target_classes")
					       ? _("expected: code | 中文 | English | type = ENTERPRISE "
						   "TYPE, or min = AMOUNT")
					       : _("expected: code | 中文 | English");
			}
		} else {
			char *eq = strchr(line, '=');
			if (!eq) {
				rc = -1;
				what = _("expected: key = value");
			} else {
				char *key = text_trim(line, (size_t)(eq - line));
				char *val = text_trim(eq + 1, strlen(eq + 1));
				rc = setting(p, sec, key, val);
				what = rc == -2 ? _("unknown setting") : _("bad value");
				free(key);
				free(val);
			}
		}
		free(line);
		if (rc < 0) {
			linefile_error(&lf, err, errlen, "%s", what);
			profile_free(p);
			return -1;
		}
	}
	const char *missing = !p->code			? "[city] code"
			      : !p->name_zh		? "[city] name"
			      : p->stages.n == 0	? "[stages]"
			      : p->districts.n == 0	? "[districts]"
			      : p->industries.n == 0	? "[industries]"
			      : p->escalation.n == 0	? "[escalation]"
			      : p->roles.n == 0		? "[roles]"
							: NULL;
	if (missing) {
		snprintf(err, errlen, _("the profile lacks %s"), missing);
		profile_free(p);
		return -1;
	}
	for (int i = 0; i < p->districts.n; i++)
		if (p->districts.v[i].parent && !profile_find(&p->districts, p->districts.v[i].parent)) {
			snprintf(err, errlen, _("[districts] %s: no district %s to belong to"),
				 p->districts.v[i].code, p->districts.v[i].parent);
			profile_free(p);
			return -1;
		}
	if (resolve_roles(p, err, errlen) < 0) {
		profile_free(p);
		return -1;
	}
	if (!p->name_en)
		p->name_en = xstrdup(p->name_zh);
	p->text = xstrdup(text);
	return 0;
}

const char *profile_datadir(void)
{
	const char *d = priv_getenv("ZSDESK_DATADIR");
	if (d && *d)
		return d;
	/* Compiled in, both: the installed data, or the source tree's when
	 * the program runs from its build directory. */
	struct stat sb;
	if (stat(PKGDATADIR "/profiles", &sb) != 0 && stat(SRCDIR "/forms/profiles", &sb) == 0)
		return SRCDIR "/forms";
	return PKGDATADIR;
}

char *profile_load_file(const char *name, char *err, size_t errlen)
{
	char path[4096];
	if (strchr(name, '/'))
		snprintf(path, sizeof path, "%s", name);
	else
		snprintf(path, sizeof path, "%s/profiles/%s.profile", profile_datadir(), name);
	return linefile_read(path, err, errlen);
}

int64_t profile_rate(const struct profile *p, date_t d)
{
	int64_t rate = p->usd_rate;
	date_t from = 0;
	for (int i = 0; i < p->nrates; i++)
		if (p->rate_from[i] <= d && p->rate_from[i] >= from) {
			from = p->rate_from[i];
			rate = p->rate[i];
		}
	return rate;
}

const char *profile_stage(const struct profile *p, enum stage_role r)
{
	return p->stage_role[r] ? p->stage_role[r] : stage_roles[r];
}

bool profile_stage_is(const struct profile *p, const char *code, enum stage_role r)
{
	return code && !strcmp(code, profile_stage(p, r));
}

bool profile_level_is(const struct profile *p, const char *code, enum level_role r)
{
	return code && p->level_role[r] && !strcmp(code, p->level_role[r]);
}

const struct profile_item *profile_find(const struct profile_list *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].code, s) || !strcmp(l->v[i].zh, s) ||
		    !strcasecmp(l->v[i].en, s))
			return &l->v[i];
	return NULL;
}

const char *profile_label(const struct profile_item *it)
{
	return i18n_pick(it->zh, it->en);
}

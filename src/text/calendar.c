/*
 * calendar.c - the official working-day calendar.
 *
 * A sorted array of the exceptions (holidays on weekdays, worked weekend
 * days) with binary search; the weekly rule does the rest, so a year is a
 * few dozen entries and any date range is cheap.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"
#include "linefile.h"
#include "normalize.h"
#include "utf8.h"
#include "xalloc.h"

/* Index of d, or the negative (insertion point + 1) when absent. */
static int find(const struct calendar *c, date_t d)
{
	int lo = 0, hi = c->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (c->d[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->d[lo].date == d ? lo : -(lo + 1);
}

/*
 * Writes name into out (cap bytes) in the form calendar_text writes it and
 * calendar_parse reads it back, so that a stored name survives the round
 * trip unchanged: well-formed UTF-8 (malformed bytes are dropped) without
 * control characters (a tab, line break or form feed becomes a space, any
 * other C0 or C1 control or DEL is dropped), "#", which would start a
 * comment, as the full-width "＃", only whole characters that fit, and no
 * blanks (text_trim's: ASCII and the full-width space) at either end.
 */
static void store_name(char *out, size_t cap, const char *name)
{
	char *t = text_trim(name, strlen(name));
	size_t len = strlen(t), used = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(t + i, len - i, &cp);
		const char *put = t + i;
		size_t n = k;
		i += k;
		if (cp == 0xFFFD && k == 1)
			continue; /* a malformed byte */
		if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r') {
			put = " ";
			n = 1;
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			continue;
		} else if (cp == '#') {
			put = "\uFF03"; /* the full-width number sign */
			n = 3;
		}
		if (used + n >= cap)
			break;
		memcpy(out + used, put, n);
		used += n;
	}
	free(t);
	/* Blanks the cleaning or the cut left at either end. */
	t = text_trim(out, used);
	snprintf(out, cap, "%s", t);
	free(t);
}

void calendar_set(struct calendar *c, date_t d, const char *kind, const char *name)
{
	int i = find(c, d);
	if (!strcmp(kind, "normal")) {
		if (i >= 0) {
			memmove(&c->d[i], &c->d[i + 1], (size_t)(c->n - i - 1) * sizeof *c->d);
			c->n--;
		}
		return;
	}
	if (i < 0) {
		i = -i - 1;
		struct calendar_day *p = xreallocarray(c->d, (size_t)c->n + 1, sizeof *p);
		c->d = p;
		memmove(&c->d[i + 1], &c->d[i], (size_t)(c->n - i) * sizeof *c->d);
		c->n++;
	}
	c->d[i].date = d;
	c->d[i].workday = !strcmp(kind, "workday");
	store_name(c->d[i].name, sizeof c->d[i].name, name ? name : "");
}

int calendar_parse(struct calendar *c, const char *text, char *err, size_t errlen)
{
	struct linefile lf;
	linefile_init(&lf, NULL, text);
	char *line;
	while ((line = linefile_next(&lf))) {
		char date[32] = "", kind[32] = "", name[128] = "";
		int n = sscanf(line, "%31s %31s %127[^\n]", date, kind, name);
		free(line);
		if (n > 0) {
			date_t d;
			if (n < 2 || date_parse(date, &d) < 0 ||
			    (strcmp(kind, "holiday") && strcmp(kind, "workday"))) {
				return linefile_error(&lf, err, errlen, "%s",
						      _("expected: YYYY-MM-DD holiday|workday name"));
			}
			calendar_set(c, d, kind, name);
		}
	}
	return 0;
}

char *calendar_text(const struct calendar *c)
{
	size_t cap = (size_t)c->n * 80 + 64, used = 0;
	char *out = xmalloc(cap);
	used += (size_t)snprintf(out, cap, "# zsdesk working-day calendar\n");
	for (int i = 0; i < c->n; i++) {
		char d[11];
		used += (size_t)snprintf(out + used, cap - used, "%s %s%s%s\n",
					 date_format(c->d[i].date, d),
					 c->d[i].workday ? "workday" : "holiday",
					 c->d[i].name[0] ? " " : "", c->d[i].name);
	}
	return out;
}

void calendar_free(struct calendar *c)
{
	free(c->d);
	c->d = NULL;
	c->n = 0;
}

const struct calendar_day *calendar_find(const struct calendar *c, date_t d)
{
	int i = find(c, d);
	return i >= 0 ? &c->d[i] : NULL;
}

bool calendar_workday(const struct calendar *c, date_t d)
{
	const struct calendar_day *x = calendar_find(c, d);
	if (x)
		return x->workday;
	return date_weekday(d) <= 5;
}

date_t calendar_add(const struct calendar *c, date_t from, int n)
{
	date_t d = from;
	while (!calendar_workday(c, d))
		d++;
	while (n-- > 0) {
		d++;
		while (!calendar_workday(c, d))
			d++;
	}
	return d;
}

int calendar_between(const struct calendar *c, date_t a, date_t b)
{
	int sign = 1, n = 0;
	if (b < a) {
		date_t t = a;
		a = b;
		b = t;
		sign = -1;
	}
	for (date_t d = a + 1; d <= b; d++)
		n += calendar_workday(c, d);
	return sign * n;
}

date_t calendar_end(const struct calendar *c)
{
	int year = 0;
	for (int i = 0; i < c->n; i++) {
		int y, m, d;
		date_ymd(c->d[i].date, &y, &m, &d);
		if (!c->d[i].workday && y > year)
			year = y;
	}
	return year ? date_from_ymd(year, 12, 31) : 0;
}

/*
 * calendar.c - the official working-day calendar.
 *
 * A sorted array of the exceptions (holidays on weekdays, worked weekend
 * days) with binary search; the weekly rule does the rest, so a year is a
 * few dozen entries and any date range is cheap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"
#include "linefile.h"
#include "normalize.h"
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
	/* Whole characters that fit, without spaces at either end, so the
	 * name reads back from calendar_text as it was stored. */
	size_t n = name ? strlen(name) : 0;
	if (n >= sizeof c->d[i].name) {
		n = sizeof c->d[i].name - 1;
		while (n && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	char *t = text_trim(name ? name : "", n);
	snprintf(c->d[i].name, sizeof c->d[i].name, "%s", t);
	free(t);
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
		used += (size_t)snprintf(out + used, cap - used, "%s %s %s\n",
					 date_format(c->d[i].date, d),
					 c->d[i].workday ? "workday" : "holiday", c->d[i].name);
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

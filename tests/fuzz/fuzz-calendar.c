/*
 * fuzz-calendar.c - libFuzzer target for working-day calendars (calendar.h).
 *
 * The input, NUL-terminated, is parsed into a fresh calendar; when it
 * parses, calendar_text must parse again to the same entries (dates, kinds,
 * names), and working-day arithmetic around its dates must hold together:
 * calendar_add lands on a working day, and calendar_between counts back
 * the days added.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(stderr, "fuzz-calendar: " __VA_ARGS__);                                   \
		fputc('\n', stderr);                                                              \
		abort();                                                                          \
	} while (0)

/* Checks working-day arithmetic around date d. */
static void arithmetic(const struct calendar *c, date_t d)
{
	for (int n = 0; n < 12; n += 1 + n / 2) {
		date_t to = calendar_add(c, d, n);
		if (to < d)
			FAIL("calendar_add went backwards");
		if (!calendar_workday(c, to))
			FAIL("calendar_add(%d) landed on a day off", n);
		/* Start from a working day: then (d, to] holds exactly n. */
		date_t w = calendar_add(c, d, 0);
		date_t wt = calendar_add(c, w, n);
		int k = calendar_between(c, w, wt);
		if (k != n)
			FAIL("calendar_between counts %d working days where calendar_add added %d", k, n);
		if (calendar_between(c, wt, w) != -k)
			FAIL("calendar_between is not antisymmetric");
	}
	calendar_between(c, d - 40, d + 40);
	calendar_find(c, d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct calendar c = {0}, c2 = {0};
	char err[256];
	err[0] = '\0';
	if (calendar_parse(&c, text, err, sizeof err) == 0) {
		for (int i = 1; i < c.n; i++)
			if (c.d[i - 1].date >= c.d[i].date)
				FAIL("entries not sorted and unique at %d", i);
		char *out = calendar_text(&c);
		if (calendar_parse(&c2, out, err, sizeof err) != 0)
			FAIL("calendar_text does not parse again: %s\n%s", err, out);
		if (c2.n != c.n)
			FAIL("round trip changed the entry count: %d -> %d", c.n, c2.n);
		for (int i = 0; i < c.n; i++) {
			if (c.d[i].date != c2.d[i].date || c.d[i].workday != c2.d[i].workday ||
			    strcmp(c.d[i].name, c2.d[i].name))
				FAIL("round trip changed entry %d: \"%s\" -> \"%s\"", i, c.d[i].name,
				     c2.d[i].name);
		}
		free(out);
		for (int i = 0; i < c.n && i < 4; i++)
			arithmetic(&c, c.d[i].date);
		if (c.n)
			arithmetic(&c, c.d[c.n - 1].date);
		arithmetic(&c, date_from_ymd(2026, 1, 1));
		/* Set and remove entries as `zsdesk calendar` does. */
		if (c.n) {
			date_t d0 = c.d[0].date;
			calendar_set(&c, d0, "normal", NULL);
			if (calendar_find(&c, d0))
				FAIL("calendar_set normal did not remove the entry");
			calendar_set(&c, d0 + 1, "workday", text);
			if (!calendar_workday(&c, d0 + 1))
				FAIL("calendar_set workday did not make a working day");
		}
	} else {
		if (!memchr(err, '\0', sizeof err) || !err[0])
			FAIL("a refused calendar has no reason");
	}
	calendar_free(&c);
	calendar_free(&c2);
	free(text);
	return 0;
}

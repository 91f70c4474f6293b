/*
 * fuzz-calendar.c - libFuzzer target for working-day calendars (calendar.h).
 *
 * The input, NUL-terminated, is parsed into a fresh calendar; when it
 * parses, every name must be stored as it will be written and read back
 * (well-formed UTF-8, no control character, no "#", no blanks at either
 * end), calendar_text must parse again to the same entries (dates, kinds,
 * names), and working-day arithmetic around its dates must hold together:
 * calendar_add lands on a working day, and calendar_between counts back
 * the days added.  The whole input is then set as the name of a day, as
 * `zsdesk calendar set` does, and the calendar must round-trip again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "normalize.h"
#include "utf8.h"

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

/* Checks the stored names, then that c reads back from calendar_text as
 * it is. */
static void roundtrip(const struct calendar *c)
{
	for (int i = 0; i < c->n; i++) {
		const char *name = c->d[i].name;
		size_t len = strnlen(name, sizeof c->d[i].name);
		if (len == sizeof c->d[i].name)
			FAIL("name %d is not terminated", i);
		enum text_fault tf = text_check(name, false);
		if (tf == TEXT_INVALID || tf == TEXT_CONTROL)
			FAIL("name %d \"%s\" holds %s", i, name,
			     tf == TEXT_INVALID ? "malformed UTF-8" : "a control character");
		if (strchr(name, '#'))
			FAIL("name %d \"%s\" holds a \"#\", which reads back as a comment", i, name);
		char *t = text_trim(name, len);
		if (strcmp(t, name))
			FAIL("name %d \"%s\" has blanks at an end", i, name);
		free(t);
	}
	struct calendar c2 = {0};
	char err[256];
	char *out = calendar_text(c);
	if (calendar_parse(&c2, out, err, sizeof err) != 0)
		FAIL("calendar_text does not parse again: %s\n%s", err, out);
	if (c2.n != c->n)
		FAIL("round trip changed the entry count: %d -> %d", c->n, c2.n);
	for (int i = 0; i < c->n; i++) {
		if (c->d[i].date != c2.d[i].date || c->d[i].workday != c2.d[i].workday ||
		    strcmp(c->d[i].name, c2.d[i].name))
			FAIL("round trip changed entry %d: \"%s\" -> \"%s\"", i, c->d[i].name,
			     c2.d[i].name);
	}
	free(out);
	calendar_free(&c2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct calendar c = {0};
	char err[256];
	err[0] = '\0';
	if (calendar_parse(&c, text, err, sizeof err) == 0) {
		for (int i = 1; i < c.n; i++)
			if (c.d[i - 1].date >= c.d[i].date)
				FAIL("entries not sorted and unique at %d", i);
		roundtrip(&c);
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
			calendar_set(&c, d0 + 1, "normal", NULL);
			/* Any text as a name (d0 was read, so it is written back). */
			calendar_set(&c, d0, "holiday", text);
			if (calendar_workday(&c, d0))
				FAIL("calendar_set holiday did not make a day off");
			roundtrip(&c);
		}
	} else {
		if (!memchr(err, '\0', sizeof err) || !err[0])
			FAIL("a refused calendar has no reason");
	}
	calendar_free(&c);
	free(text);
	return 0;
}

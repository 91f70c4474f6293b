/*
 * calendar.h - working days by the official calendar, held as data.
 *
 * Time limits of enterprise issues count working days: Monday to Friday,
 * less public holidays, plus the weekend days worked in exchange (调休).
 * The calendar is text (the files forms/calendars/NAME.cal, format there) copied into
 * the database at init and kept by the city office with `zsdesk calendar`.
 */
#ifndef ZSDESK_CALENDAR_H
#define ZSDESK_CALENDAR_H

#include <stdbool.h>

#include "datetime.h"

struct calendar_day {
	date_t date;
	bool workday; /* true: a weekend day worked; false: a holiday */
	char name[48];
};

struct calendar {
	struct calendar_day *d; /* sorted by date, one entry per date */
	int n;
};

/* Parses calendar text (adding to c); returns 0, or -1 with "line N: what"
 * in err. */
int calendar_parse(struct calendar *c, const char *text, char *err, size_t errlen);

/* Sets (or, with kind "normal", removes) the entry of one date. */
void calendar_set(struct calendar *c, date_t d, const char *kind, const char *name);

/* Writes the calendar back as text (newly allocated). */
char *calendar_text(const struct calendar *c);

/* Frees the entries. */
void calendar_free(struct calendar *c);

/* The entry of a date, or NULL for an ordinary day. */
const struct calendar_day *calendar_find(const struct calendar *c, date_t d);

/* True when d is a working day. */
bool calendar_workday(const struct calendar *c, date_t d);

/* The date n working days after from (n >= 0; 0 gives from itself when it
 * is a working day, else the next one). */
date_t calendar_add(const struct calendar *c, date_t from, int n);

/* The last day the calendar knows the official holidays of: 31 December
 * of the last year it holds a holiday in (0 for an empty calendar).
 * Beyond it only weekends are off, which is wrong in China. */
date_t calendar_end(const struct calendar *c);

/* Working days in (a, b]; negative when b < a. */
int calendar_between(const struct calendar *c, date_t a, date_t b);

#endif

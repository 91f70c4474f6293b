/*
 * datetime.h - calendar dates and the clock.
 *
 * A date is a day number (days since 1970-01-01), printed 2026-11-22.
 * "Now" is the real clock unless ZSDESK_NOW (e.g. 2026-11-22T10:00+08:00)
 * fixes it, for tests and training; "today" is the date in China's time
 * zone (UTC+8, no daylight saving) unless ZSDESK_UTC_OFFSET says otherwise.
 */
#ifndef ZSDESK_DATETIME_H
#define ZSDESK_DATETIME_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_t;

/* Reads ZSDESK_NOW and ZSDESK_UTC_OFFSET; returns 0, or -1 with a message
 * in err when either is malformed. */
int clock_init(char *err, size_t errlen);

/* True when the clock is fixed by ZSDESK_NOW (tests, demos). */
bool clock_fixed(void);

/* Milliseconds since the epoch, real or fixed. */
int64_t clock_now_ms(void);

/* Today's date in the configured time zone. */
date_t clock_today(void);

/* Offset of local time from UTC in minutes (480 for China). */
int clock_offset(void);

/* Day number of a year, month (1-12) and day; no validation. */
date_t date_from_ymd(int y, int m, int d);

/* Year, month and day of a day number. */
void date_ymd(date_t d, int *y, int *m, int *day);

/* Parses 2026-11-22, 2026/11/22, 2026.11.22, 20261122 or 2026年11月22日
 * (full-width digits too); returns 0, or -1 for no such date. */
int date_parse(const char *s, date_t *d);

/* Writes d as YYYY-MM-DD into buf (at least 11 bytes); returns buf. */
char *date_format(date_t d, char *buf);

/* The same day months later (or earlier), clamped to the month's end:
 * 2026-01-31 plus one month is 2026-02-28. */
date_t date_add_months(date_t d, int months);

/* Day of the week, 1 = Monday ... 7 = Sunday. */
int date_weekday(date_t d);

/* Parses an ISO 8601 time like 2026-11-22T10:00+08:00 or 2026-11-22 into
 * milliseconds since the epoch; returns 0 or -1. */
int datetime_parse(const char *s, int64_t *ms);

/* Writes ms as local "YYYY-MM-DD HH:MM" into buf (at least 17 bytes). */
char *datetime_format(int64_t ms, char *buf);

#endif

/*
 * datetime.c - day numbers, civil dates and the fixed or real clock.
 *
 * Civil-date arithmetic is done on day numbers with the well-known
 * era-based conversion, avoiding mktime() and the process's TZ entirely:
 * officers' dates must not shift with a server's time zone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <sys/time.h>

#include "datetime.h"
#include "utf8.h"
#include "priv.h"

static int64_t fixed_ms = -1;
static int offset_min = 480;

date_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_ymd(date_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Days in a month. */
static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Folds full-width digits and CJK date marks into ASCII in out. */
static void fold_date(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s), o = 0;
	for (size_t i = 0; i < n && o + 1 < cap;) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		if (c >= 0xFF10 && c <= 0xFF19)
			c = '0' + (c - 0xFF10);
		else if (c == 0x5E74 || c == 0x6708) /* 年 月 */
			c = '-';
		else if (c == 0x65E5) /* 日 */
			continue;
		else if (c == 0xFF0D || c == 0xFF0F || c == 0xFF0E)
			c = '-';
		if (c >= 0x80)
			c = '?';
		out[o++] = (char)c;
	}
	out[o] = '\0';
}

int date_parse(const char *s, date_t *d)
{
	char b[64];
	int y, m, day, used = 0;
	fold_date(s, b, sizeof b);
	char *p = b;
	while (*p == ' ')
		p++;
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		p[--len] = '\0';
	if (len == 8 && strspn(p, "0123456789") == 8) {
		if (sscanf(p, "%4d%2d%2d", &y, &m, &day) != 3)
			return -1;
	} else {
		for (char *q = p; *q; q++)
			if (*q == '/' || *q == '.')
				*q = '-';
		/* Digits and two dashes only: sscanf alone would take signs and
		 * blanks. */
		size_t ny = strspn(p, "0123456789"), nm = 0, nd = 0;
		if (ny != 4 || p[ny] != '-' || (nm = strspn(p + ny + 1, "0123456789")) < 1 || nm > 2 ||
		    p[ny + 1 + nm] != '-' || (nd = strspn(p + ny + 2 + nm, "0123456789")) < 1 ||
		    nd > 2 || ny + 2 + nm + nd != len)
			return -1;
		if (sscanf(p, "%4d-%2d-%2d%n", &y, &m, &day, &used) != 3 || (size_t)used != len)
			return -1;
	}
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || day < 1 || day > month_days(y, m))
		return -1;
	*d = date_from_ymd(y, m, day);
	return 0;
}

char *date_format(date_t d, char *buf)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	unsigned yy = (unsigned)y % 10000, mm = (unsigned)m % 100, dd = (unsigned)day % 100;
	const char v[10] = {(char)('0' + yy / 1000), (char)('0' + yy / 100 % 10),
			    (char)('0' + yy / 10 % 10), (char)('0' + yy % 10), '-',
			    (char)('0' + mm / 10), (char)('0' + mm % 10), '-',
			    (char)('0' + dd / 10), (char)('0' + dd % 10)};
	memcpy(buf, v, 10);
	buf[10] = '\0';
	return buf;
}

date_t date_add_months(date_t d, int months)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (day > month_days(y, m))
		day = month_days(y, m);
	return date_from_ymd(y, m, day);
}

int date_weekday(date_t d)
{
	int w = (int)((d + 3) % 7); /* 1970-01-01 was a Thursday */
	if (w < 0)
		w += 7;
	return w + 1;
}

/* True when s holds only digits and the characters of "-T:Z+ " where an
 * ISO 8601 time has them: no signs inside numbers, no blanks. */
static bool iso_chars(const char *s)
{
	if (strspn(s, "0123456789") != 4 || s[4] != '-')
		return false;
	for (const char *p = s; *p; p++)
		if ((*p == '-' || *p == '+') && !(p[-1] >= '0' && p[-1] <= '9'))
			return false;
		else if (!strchr("0123456789-T: Z+", *p))
			return false;
	return true;
}

int datetime_parse(const char *s, int64_t *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	if (!iso_chars(s))
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	const char *p = s + n;
	int off = offset_min;
	if (*p == 'T' || *p == ' ') {
		int k = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2)
			return -1;
		p += 1 + k;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &sec, &k) != 1)
				return -1;
			p += 1 + k;
		}
		if (*p == 'Z') {
			off = 0;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1, oh, om = 0;
			if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &k) == 2)
				p += 1 + k;
			else if (sscanf(p + 1, "%2d%n", &oh, &k) == 1)
				p += 1 + k;
			else
				return -1;
			if (oh > 14 || om > 59)
				return -1;
			off = sign * (oh * 60 + om);
		}
	}
	if (*p || y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
		return -1;
	int64_t days = date_from_ymd(y, mo, d);
	*ms = ((days * 86400 + h * 3600 + mi * 60 + sec) - (int64_t)off * 60) * 1000;
	return 0;
}

char *datetime_format(int64_t ms, char *buf)
{
	int64_t local = ms / 1000 + (int64_t)offset_min * 60;
	date_t d = (date_t)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	int secs = (int)(local - (int64_t)d * 86400);
	char day[11];
	unsigned h = (unsigned)secs / 3600 % 24, m = (unsigned)secs / 60 % 60;
	date_format(d, day);
	memcpy(buf, day, 10);
	const char t[7] = {' ', (char)('0' + h / 10), (char)('0' + h % 10), ':',
			   (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
	memcpy(buf + 10, t, 7);
	return buf;
}

int clock_init(char *err, size_t errlen)
{
	const char *o = priv_getenv("ZSDESK_UTC_OFFSET");
	if (o && *o) {
		int h, m = 0, k = 0;
		char sign = o[0];
		if ((sign != '+' && sign != '-') || sscanf(o + 1, "%d:%d%n", &h, &m, &k) < 1 ||
		    h > 14 || m > 59) {
			snprintf(err, errlen, "ZSDESK_UTC_OFFSET=%s: expected +HH:MM", o);
			return -1;
		}
		offset_min = (sign == '-' ? -1 : 1) * (h * 60 + m);
	}
	const char *now = priv_getenv("ZSDESK_NOW");
	fixed_ms = -1;
	if (now && *now && datetime_parse(now, &fixed_ms) < 0) {
		snprintf(err, errlen, "ZSDESK_NOW=%s: expected a time like 2026-11-22T10:00+08:00",
			 now);
		fixed_ms = -1;
		return -1;
	}
	return 0;
}

bool clock_fixed(void)
{
	return fixed_ms >= 0;
}

int64_t clock_now_ms(void)
{
	if (fixed_ms >= 0)
		return fixed_ms;
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

int clock_offset(void)
{
	return offset_min;
}

date_t clock_today(void)
{
	int64_t local = clock_now_ms() / 1000 + (int64_t)offset_min * 60;
	return (date_t)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

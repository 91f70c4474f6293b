/*
 * tally-keys.c - what the reports' counts are keyed and weighed by: the
 * keys of tally's counts, the positions of stages and measures, the
 * exchange rate of a day, and a project's attributes as they were on a
 * day (its "attrs" list).  Below tally.c, which counts the facts of a
 * record with them; report, credit and facts read them too.
 */
#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint32_t tally_month(date_t d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return (uint32_t)(y * 100 + m);
}

size_t tally_key(unsigned char *key, date_t eff, date_t recorded, const char *district,
		 int measure)
{
	uint32_t month = tally_month(eff);
	size_t n = 0;
	if (tally_month(recorded) > month) {
		key[n++] = 'L';
		put_u32(key + n, day_code(recorded));
		n += 4;
	} else {
		key[n++] = 'M';
	}
	put_u32(key + n, month);
	n += 4;
	key[n++] = (unsigned char)measure;
	size_t dl = strlen(district);
	if (dl > TALLY_CODE_MAX)
		dl = TALLY_CODE_MAX;
	memcpy(key + n, district, dl);
	return n + dl;
}

int tally_key_read(const void *key, size_t len, struct tally_entry *e)
{
	const unsigned char *k = key;
	memset(e, 0, sizeof *e);
	size_t head;
	if (len > 6 && k[0] == 'M') {
		e->month = get_u32(k + 1);
		head = 5;
	} else if (len > 10 && k[0] == 'L') {
		e->recorded = get_u32(k + 1);
		e->month = get_u32(k + 5);
		head = 9;
	} else {
		return -1;
	}
	e->measure = k[head];
	size_t dl = len - head - 1;
	if (dl > TALLY_CODE_MAX)
		return -1;
	memcpy(e->district, k + head + 1, dl);
	e->district[dl] = '\0';
	return 0;
}

int tally_stage_pos(const struct profile *p, const char *code)
{
	for (int i = 0; i < p->stages.n; i++)
		if (!strcmp(p->stages.v[i].code, code))
			return i;
	return -1;
}

int tally_money_measure(const char *name)
{
	if (!strcmp(name, "funds"))
		return TM_FUNDS;
	if (!strcmp(name, "foreign"))
		return TM_FOREIGN;
	if (!strcmp(name, "domestic"))
		return TM_DOMESTIC;
	return -1;
}

/* The attributes the reports weigh a project by, kept with their changes
 * ("attrs": date | field | value before | value after) so a fact is
 * counted by what the project was on its day, not by what it is now. */
static const char *const attr_fields[] = {"investment",	"currency",    "foreign_capital",
					  "capital_type", "advanced_mfg", "outside_mfg",
					  "hightech_foreign", "manager"};

/* The value of attribute f of r as a list entry keeps it ("" for none). */
static void attr_text(const struct rec *r, const char *f, char *buf, size_t n)
{
	const struct rec_field *x = rec_find(r, f);
	buf[0] = '\0';
	if (!x)
		return;
	if (x->v.type == REC_INT)
		snprintf(buf, n, "%lld", (long long)x->v.i);
	else if (x->v.type == REC_BOOL)
		snprintf(buf, n, "%s", x->v.i ? "yes" : "no");
	else if (x->v.type == REC_TEXT)
		snprintf(buf, n, "%s", rec_text(r, f, ""));
}

/* True when the last change of field f kept in r's "attrs" is to value. */
static bool attr_noted(const struct rec *r, const char *f, const char *value)
{
	const struct rec_field *af = rec_find(r, "attrs");
	size_t fl = strlen(f);
	for (size_t k = af && af->v.type == REC_LIST ? af->v.n : 0; k-- > 0;) {
		const char *e = af->v.items[k], *bar = strchr(e, '|');
		if (!bar || strncmp(bar + 1, f, fl) || bar[1 + fl] != '|')
			continue;
		const char *after = strchr(bar + 2 + fl, '|');
		return after && !strcmp(after + 1, value);
	}
	return false;
}

/* Appends to r's "attrs" each attribute that changed from old, dated
 * today - once: a change that came with its entry (a copy's change
 * applied by sync) is not noted again. */
void tally_note_attrs(struct rec *r, const struct rec *old, date_t today)
{
	/* Only on the save that goes through: one of a record read before
	 * someone else's save fails, is merged, and comes again. */
	if (!old || old->version != r->version)
		return;
	for (size_t i = 0; i < sizeof attr_fields / sizeof *attr_fields; i++) {
		char a[64], b[64], d[11], line[200];
		attr_text(old, attr_fields[i], a, sizeof a);
		attr_text(r, attr_fields[i], b, sizeof b);
		if (!strcmp(a, b) || strchr(a, '|') || strchr(b, '|') ||
		    attr_noted(r, attr_fields[i], b))
			continue;
		snprintf(line, sizeof line, "%s|%s|%s|%s", date_format(today, d), attr_fields[i], a, b);
		rec_list_append(r, "attrs", line);
	}
}

/* The attributes of r as they were on day, into out. */
void tally_attrs_on(const struct rec *r, date_t day, struct rec *out)
{
	const struct rec_field *af = rec_find(r, "attrs");
	for (size_t i = 0; i < sizeof attr_fields / sizeof *attr_fields; i++) {
		const char *f = attr_fields[i];
		char v[64];
		attr_text(r, f, v, sizeof v);
		size_t fl = strlen(f);
		for (size_t k = 0; af && af->v.type == REC_LIST && k < af->v.n; k++) {
			const char *e = af->v.items[k], *bar = strchr(e, '|');
			char on[16];
			date_t d;
			if (!bar || bar - e >= (ptrdiff_t)sizeof on || strncmp(bar + 1, f, fl) ||
			    bar[1 + fl] != '|')
				continue;
			snprintf(on, sizeof on, "%.*s", (int)(bar - e), e);
			if (date_parse(on, &d) || d <= day)
				continue;
			const char *before = bar + 2 + fl, *end = strchr(before, '|');
			snprintf(v, sizeof v, "%.*s", end ? (int)(end - before) : 0, before);
			break;
		}
		if (!*v)
			continue;
		if (!strcmp(f, "investment") || !strcmp(f, "foreign_capital") || !strcmp(f, "manager"))
			rec_set_int(out, f, strtoll(v, NULL, 10));
		else if (!strcmp(v, "yes") || !strcmp(v, "no"))
			rec_set_bool(out, f, !strcmp(v, "yes"));
		else
			rec_set_text(out, f, v);
	}
}

int64_t tally_usd_to_cny(const struct profile *p, int64_t usd, date_t d)
{
	int64_t rate = profile_rate(p, d); /* 元 per 美元 times 10000 */
	/* Exact to the 元, rounded half away from zero. */
	__int128 x = (__int128)usd * rate;
	__int128 q = x / 10000, r = x % 10000;
	if (r >= 5000)
		q++;
	else if (r <= -5000)
		q--;
	return (int64_t)q;
}

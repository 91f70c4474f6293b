/*
 * print.c - printable sheets: a project page, the signing pre-report
 * (重大签约项目预报表) and the supervision sheet of an issue (督办单).
 *
 * A sheet is plain text laid out for an A4 page of 80 columns: body lines
 * are cut to the width by display columns (a Chinese character takes
 * two, and is never split), long values wrap under their label, and
 * pages are separated by form feeds, each with a header (the city, the
 * sheet, the record) and a footer (page N of M, when and by whom it was
 * printed).  The whole text is made first, then paged, so that M is
 * known.  What is printed is what the officer may read: another
 * district's project is refused as its history is.  Front ends write the
 * text where asked, in the character set asked.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "money.h"
#include "xalloc.h"

/* The lines of a sheet's body, each at most the sheet's width. */
struct sheet {
	struct zs *z;
	int width;
	char **l;
	size_t n, cap;
};

/* Appends one line (already within the width). */
static void put(struct sheet *s, const char *line)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 128;
		s->l = xreallocarray(s->l, s->cap, sizeof *s->l);
	}
	s->l[s->n++] = xstrdup(line);
}

/* A copy of text with every control character (a form feed or escape in
 * a value would break the page or reach the printer) made a space; line
 * breaks are kept when keep_lines. */
static char *clean(const char *text, bool keep_lines)
{
	char *c = xstrdup(text ? text : "");
	for (unsigned char *p = (unsigned char *)c; *p; p++)
		if ((*p < 0x20 && !(keep_lines && *p == '\n')) || *p == 0x7f)
			*p = ' ';
	return c;
}

/* Appends text wrapped to the width: the first line after prefix (of
 * display width pw), the others indented by indent columns.  A Latin
 * word is not split where a space allows. */
static void wrap(struct sheet *s, const char *prefix, int pw, int indent, const char *text)
{
	char *t = clean(text, true), *line = xmalloc((size_t)s->width * 4 + 256);
	const char *p = t;
	bool first = true;
	do {
		int avail = s->width - (first ? pw : indent);
		const char *nl = strchr(p, '\n');
		size_t seg = nl ? (size_t)(nl - p) : strlen(p);
		char *piece = xmemdup(p, seg);
		size_t take = text_fit(piece, avail, NULL);
		if (take < seg) {
			/* Break at the last space of the piece taken, if any. */
			size_t sp = take;
			while (sp > 0 && piece[sp - 1] != ' ')
				sp--;
			if (sp > take / 2)
				take = sp;
		}
		if (take == 0 && seg)
			take = text_fit(piece, avail < 2 ? 2 : avail, NULL);
		snprintf(line, (size_t)s->width * 4 + 256, "%s%*s%.*s", first ? prefix : "",
			 first ? 0 : indent, "", (int)take, piece);
		/* No trailing blanks. */
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		put(s, line);
		free(piece);
		p += take;
		while (*p == ' ')
			p++;
		if (take >= seg && nl)
			p = nl + 1;
		first = false;
	} while (*p);
	free(line);
	free(t);
}

/* The label column: the label padded to lw columns and two spaces. */
static void field_line(struct sheet *s, int lw, const char *label, const char *value)
{
	char pre[256];
	text_pad(pre, sizeof pre - 2, label, lw, false);
	strcat(pre, "  ");
	wrap(s, pre, lw + 2, lw + 2, value && *value ? value : "-");
}

/* A section heading with a rule under it. */
static void heading(struct sheet *s, const char *title)
{
	char rule[400];
	if (s->n && s->l[s->n - 1][0])
		put(s, "");
	put(s, title);
	int w = text_width(title);
	memset(rule, '-', (size_t)(w < 390 ? w : 390));
	rule[w < 390 ? w : 390] = '\0';
	put(s, rule);
}

/* The text of a field as printed: core's, with sums of one 亿 and more
 * in 亿 (99.18亿元, as officers read them). */
static char *value_of(struct zs *z, enum kind k, const struct rec *r, const char *field, char *buf,
		      size_t n)
{
	const struct field_def *f = schema_field(k, field);
	const struct rec_field *rf = rec_find(r, field);
	if (f && rf && rf->v.type == REC_INT && (f->type == FT_MONEY || f->type == FT_MONEY_USD)) {
		bool usd = f->type == FT_MONEY_USD || !strcmp(rec_text(r, "currency", ""), "USD");
		return money_format(rf->v.i, usd ? CURRENCY_USD : CURRENCY_CNY, MONEY_AUTO, buf, n);
	}
	return zs_field_text(z, k, r, field, buf, n);
}

/* Every field of r that has a value, label and display text. */
static void all_fields(struct sheet *s, enum kind k, const struct rec *r, const char *skip)
{
	const struct kind_def *kd = schema_kind(k);
	char val[2048];
	int lw = 0;
	for (int i = 0; i < kd->nfields; i++)
		if (rec_find(r, kd->fields[i].name) && text_width(_(kd->fields[i].label)) > lw)
			lw = text_width(_(kd->fields[i].label));
	if (lw > 24)
		lw = 24;
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if (!rec_find(r, f->name) || (skip && !strcmp(skip, f->name)))
			continue;
		value_of(s->z, k, r, f->name, val, sizeof val);
		field_line(s, lw, _(f->label), val);
	}
	for (size_t i = 0; i < r->n; i++)
		if (!schema_field(k, r->f[i].name)) {
			zs_field_text(s->z, k, r, r->f[i].name, val, sizeof val);
			field_line(s, lw, r->f[i].name, val);
		}
}

/* The name of an officer, or "". */
static void officer_name(struct zs *z, uint64_t id, char *buf, size_t n)
{
	struct rec o;
	rec_init(&o);
	buf[0] = '\0';
	if (id && zs_get(z, KIND_OFFICER, id, &o) == ZS_OK)
		snprintf(buf, n, "%s", rec_text(&o, "name", ""));
	rec_free(&o);
}

struct hist_print {
	struct sheet *s;
	enum kind k;
	bool stages; /* only stage moves */
};

/* Appends one history entry as lines. */
static int hist_lines(void *vctx, const struct zs_history *h)
{
	struct hist_print *c = vctx;
	char when[20], who[64], pre[128], text[1400], whyb[256];
	datetime_format(h->at * 1000, when);
	officer_name(c->s->z, h->actor, who, sizeof who);
	const char *why = zs_why_text(c->s->z, h->why, whyb, sizeof whyb);
	for (size_t i = 0; i < h->n; i++) {
		const struct zs_change *ch = &h->c[i];
		if (c->stages != !strcmp(ch->field, "stage") || !strcmp(h->op, "create"))
			continue;
		snprintf(pre, sizeof pre, "%s  %s  ", when, who);
		snprintf(text, sizeof text, "%s: %s -> %s%s%s", zs_field_label(c->k, ch->field),
			 *ch->old ? ch->old : "-", *ch->new ? ch->new : "-", why ? "  " : "",
			 why ? why : "");
		wrap(c->s, pre, text_width(pre), 4, text);
	}
	return 0;
}

/* Appends one step of an issue's trail: when, who, what was done, the
 * level it went to, and the text (reply, note, reason, decision). */
static int trail_line(void *vctx, const struct zs_history *h)
{
	struct hist_print *c = vctx;
	static const struct {
		const char *op, *label;
	} ops[] = {
		{"open", N_("Issue taken")},
		{"respond", N_("Respond")},
		{"note", N_("Add a note")},
		{"ask", N_("Ask the enterprise (clock stops)")},
		{"resume", N_("Enterprise answered (clock goes on)")},
		{"resolve", N_("Resolve")},
		{"escalate", N_("Escalate")},
		{"decide", N_("Record the meeting's decision")},
		{"dispute", N_("Dispute")},
		{"update", N_("changed")},
	};
	const char *what = h->op;
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (!strcmp(ops[i].op, h->op))
			what = _(ops[i].label);
	char when[20], who[64], pre[128], text[1400];
	datetime_format(h->at * 1000, when);
	officer_name(c->s->z, h->actor, who, sizeof who);
	const char *level = "";
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->c[i].field, "level"))
			level = h->c[i].new;
	snprintf(pre, sizeof pre, "%s  %s  ", when, who);
	char whyb[256];
	const char *why = zs_why_text(c->s->z, h->why, whyb, sizeof whyb);
	snprintf(text, sizeof text, "%s%s%s%s%s", what, *level ? " -> " : "", level, why ? "  " : "",
		 why ? why : "");
	wrap(c->s, pre, text_width(pre), 4, text);
	return 0;
}

/* A line "label: ________" for a signature or stamp. */
static void blank_line(struct sheet *s, const char *a, const char *b)
{
	char line[512];
	snprintf(line, sizeof line, "%s________________    %s________________", a, b);
	put(s, "");
	wrap(s, "", 0, 0, line);
}

/* The project page: every field, stage history, issues, changes. */
static int sheet_project(struct sheet *s, uint64_t id, const struct rec *r)
{
	all_fields(s, KIND_PROJECT, r, "enterprise_name");
	struct hist_print hp = {s, KIND_PROJECT, true};
	heading(s, _("Stage history"));
	zs_history(s->z, KIND_PROJECT, id, hist_lines, &hp);
	heading(s, _("Enterprise issues"));
	struct zs_filter f = {.project = id};
	struct zs_cursor c = {0};
	uint64_t ids[200];
	size_t n = 0;
	while (!c.done && n < 200)
		n += zs_list(s->z, KIND_ISSUE, &f, &c, ids + n, 200 - n);
	for (size_t i = 0; i < n; i++) {
		struct rec is;
		rec_init(&is);
		if (zs_get(s->z, KIND_ISSUE, ids[i], &is) == ZS_OK) {
			char idb[32], cat[64], lvl[64], st[64], pre[128], text[1400];
			zs_field_text(s->z, KIND_ISSUE, &is, "category", cat, sizeof cat);
			zs_field_text(s->z, KIND_ISSUE, &is, "level", lvl, sizeof lvl);
			zs_field_text(s->z, KIND_ISSUE, &is, "status", st, sizeof st);
			snprintf(pre, sizeof pre, "%s  %s  ", zs_id_text(ids[i], idb, sizeof idb),
				 rec_text(&is, "opened_on", ""));
			snprintf(text, sizeof text, "%s  %s  %s  %s", cat, lvl, st,
				 rec_text(&is, "description", ""));
			wrap(s, pre, text_width(pre), 4, text);
		}
		rec_free(&is);
	}
	if (!n)
		put(s, _("none"));
	heading(s, _("Changes"));
	hp.stages = false;
	zs_history(s->z, KIND_PROJECT, id, hist_lines, &hp);
	return ZS_OK;
}

/* The signing pre-report: what the city is told a week ahead. */
static int sheet_prereport(struct sheet *s, const struct rec *r)
{
	struct zs *z = s->z;
	const struct profile *p = &z->prof;
	if (!p->pre_lead_days)
		return zs_fail(z, ZS_INVALID, "%s",
			       _("this city's profile has no signing pre-report (重大签约项目预报)"));
	static const struct {
		const char *field;
		enum kind kind;
	} rows[] = {
		{"name", KIND_PROJECT},	     {"enterprise", KIND_PROJECT},
		{"credit_code", KIND_ENTERPRISE}, {"industry", KIND_PROJECT},
		{"investment", KIND_PROJECT},    {"foreign_capital", KIND_PROJECT},
		{"capital_type", KIND_PROJECT},  {"district", KIND_PROJECT},
		{"park", KIND_PROJECT},	     {"land", KIND_PROJECT},
		{"stage", KIND_PROJECT},	     {"landmark", KIND_PROJECT},
		{"ft_registered", KIND_PROJECT}, {"ft_district", KIND_PROJECT},
		{"manager", KIND_PROJECT},	     {"contact", KIND_PROJECT},
		{"phone", KIND_PROJECT},	     {"summary", KIND_PROJECT},
	};
	struct rec ent;
	rec_init(&ent);
	zs_get(z, KIND_ENTERPRISE, (uint64_t)rec_int(r, "enterprise", 0), &ent);
	char val[2048], a[32], b[32];
	int lw = 0;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int w = text_width(zs_field_label(rows[i].kind, rows[i].field));
		lw = w > lw ? w : lw;
	}
	if (text_width(_("Planned signing date")) > lw)
		lw = text_width(_("Planned signing date"));
	if (lw > 24)
		lw = 24;
	money_format(p->pre_threshold_cny, CURRENCY_CNY, MONEY_AUTO, a, sizeof a);
	money_format(p->pre_threshold_usd, CURRENCY_USD, MONEY_AUTO, b, sizeof b);
	char rule[512];
	if ((p->pre_covers & PRE_AMOUNT) && (p->pre_threshold_cny || p->pre_threshold_usd))
		snprintf(rule, sizeof rule,
			 _("Signings of %s or %s or more%s are reported to the city %d days ahead."), a,
			 b, (p->pre_covers & PRE_LANDMARK) ? _(" and landmark projects") : "",
			 p->pre_lead_days);
	else
		snprintf(rule, sizeof rule,
			 _("Signings of the projects the profile names are reported to the city %d "
			   "days ahead."),
			 p->pre_lead_days);
	wrap(s, "", 0, 0, rule);
	if (!rules_pre_report_needed(p, r))
		wrap(s, "", 0, 0, _("This project is below the pre-report size: the sheet is for "
				    "information."));
	put(s, "");
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct rec *src = rows[i].kind == KIND_ENTERPRISE ? &ent : r;
		value_of(z, rows[i].kind, src, rows[i].field, val, sizeof val);
		field_line(s, lw, zs_field_label(rows[i].kind, rows[i].field), val);
	}
	const char *sign = rec_text(r, "pre_report_sign", rec_text(r, "expected_sign", ""));
	field_line(s, lw, _("Planned signing date"), sign);
	field_line(s, lw, zs_field_label(KIND_PROJECT, "pre_report_parties"),
		   rec_text(r, "pre_report_parties", ""));
	field_line(s, lw, zs_field_label(KIND_PROJECT, "pre_report"), rec_text(r, "pre_report", ""));
	rec_free(&ent);
	heading(s, _("Filings"));
	const struct rec_field *fl = rec_find(r, "pre_reports");
	size_t nf = fl && fl->v.type == REC_LIST ? fl->v.n : 0;
	for (size_t i = 0; i < nf; i++) {
		/* filed | planned signing | amount currency | parties */
		char *it = xstrdup(fl->v.items[i]), *save = NULL;
		const char *filed = strtok_r(it, "|", &save), *plan = strtok_r(NULL, "|", &save);
		const char *amount = strtok_r(NULL, "|", &save), *parties = strtok_r(NULL, "|", &save);
		char money[64] = "", line[1200];
		if (amount) {
			long long v = 0;
			char cur[8] = "CNY";
			sscanf(amount, "%lld %7s", &v, cur);
			money_format(v, strcmp(cur, "USD") ? CURRENCY_CNY : CURRENCY_USD, MONEY_AUTO, money,
				     sizeof money);
		}
		snprintf(line, sizeof line, _("filed %s, signing %s, %s, %s"), filed ? filed : "-",
			 plan && *plan ? plan : "-", money, parties && *parties ? parties : "-");
		wrap(s, "", 0, 4, line);
		free(it);
	}
	if (!nf)
		put(s, _("not filed yet"));
	blank_line(s, _("Reported by: "), _("Phone: "));
	blank_line(s, _("Checked by (stamp): "), _("Date: "));
	return ZS_OK;
}

/* The supervision sheet (督办单) of an issue: the request, its ladder,
 * the decision and its owner, the trail. */
static int sheet_issue(struct sheet *s, uint64_t id, const struct rec *r)
{
	struct zs *z = s->z;
	struct rec p;
	rec_init(&p);
	uint64_t pid = (uint64_t)rec_int(r, "project", 0);
	if (zs_get(z, KIND_PROJECT, pid, &p) != ZS_OK) {
		rec_free(&p);
		return zs_last_error(z)->status;
	}
	char val[2048], due[11] = "-";
	date_t d = zs_issue_due(z, r);
	if (d)
		date_format(d, due);
	int lw = 16;
	field_line(s, lw, zs_field_label(KIND_PROJECT, "name"), rec_text(&p, "name", ""));
	zs_field_text(z, KIND_PROJECT, &p, "enterprise", val, sizeof val);
	field_line(s, lw, zs_field_label(KIND_PROJECT, "enterprise"), val);
	zs_field_text(z, KIND_PROJECT, &p, "district", val, sizeof val);
	field_line(s, lw, zs_field_label(KIND_PROJECT, "district"), val);
	static const char *const fields[] = {"category", "description", "need_by", "opened_on",
					     "owner", "level", "level_since", "status"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		zs_field_text(z, KIND_ISSUE, r, fields[i], val, sizeof val);
		field_line(s, lw, zs_field_label(KIND_ISSUE, fields[i]), val);
	}
	field_line(s, lw, _("Due at this level"), due);
	heading(s, _("Decision and its owner"));
	zs_field_text(z, KIND_ISSUE, r, "decision", val, sizeof val);
	field_line(s, lw, zs_field_label(KIND_ISSUE, "decision"), val);
	zs_field_text(z, KIND_ISSUE, r, "decision_owner", val, sizeof val);
	field_line(s, lw, zs_field_label(KIND_ISSUE, "decision_owner"), val);
	zs_field_text(z, KIND_ISSUE, r, "outcome", val, sizeof val);
	field_line(s, lw, zs_field_label(KIND_ISSUE, "outcome"), val);
	heading(s, _("Levels, one dated step each"));
	const struct rec_field *st = rec_find(r, "steps");
	for (size_t i = 0; st && st->v.type == REC_LIST && i < st->v.n; i++) {
		char code[64] = "", date[16] = "", line[256];
		sscanf(st->v.items[i], "%63[^|]|%15s", code, date);
		const struct profile_item *it = profile_find(&z->prof.escalation, code);
		snprintf(line, sizeof line, "%s  %s", date, it ? profile_label(it) : code);
		wrap(s, "", 0, 4, line);
	}
	heading(s, _("Trail"));
	struct hist_print hp = {s, KIND_ISSUE, false};
	zs_history(z, KIND_ISSUE, id, trail_line, &hp);
	blank_line(s, _("Supervised by: "), _("Handled by: "));
	blank_line(s, _("Received by: "), _("Date: "));
	rec_free(&p);
	return ZS_OK;
}

/* Pages the body: header and footer on each page, form feeds between. */
static char *paginate(struct sheet *s, const char *title, const char *record, int lines)
{
	int head = 4, foot = 2, body = lines - head - foot;
	size_t pages = s->n ? (s->n + (size_t)body - 1) / (size_t)body : 1;
	const struct profile *p = &s->z->prof;
	char city[128], today[11], who[64], top[1100], bottom[900], rule[512];
	snprintf(city, sizeof city, "%s", i18n_pick(p->name_zh, p->name_en));
	date_format(clock_today(), today);
	officer_name(s->z, s->z->me, who, sizeof who);
	int w = s->width < 500 ? s->width : 500;
	memset(rule, '=', (size_t)w);
	rule[w] = '\0';
	size_t cap = 4096, used = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
#define EMIT(str)                                                                     \
	do {                                                                          \
		size_t l_ = strlen(str);                                              \
		if (used + l_ + 2 > cap) {                                            \
			cap = (used + l_ + 2) * 2;                                    \
			out = xrealloc(out, cap);                                     \
		}                                                                     \
		memcpy(out + used, str, l_);                                          \
		used += l_;                                                           \
		out[used++] = '\n';                                                   \
		out[used] = '\0';                                                     \
	} while (0)
	for (size_t pg = 0; pg < pages; pg++) {
		/* Header: the city and the sheet, centred; the record at the right.
		 * A form feed begins every page after the first. */
		char t[512];
		snprintf(t, sizeof t, "%s  %s", city, title);
		int tw = text_width(t), pad = (s->width - tw) / 2;
		snprintf(top, sizeof top, "%s%*s%s", pg ? "\f" : "", pad > 0 ? pad : 0, "", t);
		EMIT(top);
		int rw = text_width(record);
		snprintf(top, sizeof top, "%*s%s", s->width - rw > 0 ? s->width - rw : 0, "", record);
		EMIT(top);
		EMIT(rule);
		EMIT("");
		size_t from = pg * (size_t)body, to = from + (size_t)body;
		int shown = 0;
		for (size_t i = from; i < to && i < s->n; i++, shown++)
			EMIT(s->l[i]);
		for (; shown < body; shown++)
			EMIT("");
		/* Footer: printed when and by whom, page N/M at the right. */
		char left[256], right[128];
		snprintf(left, sizeof left, _("Printed %s by %s"), today, who);
		snprintf(right, sizeof right, _("Page %zu of %zu"), pg + 1, pages);
		int gap = s->width - text_width(left) - text_width(right);
		snprintf(bottom, sizeof bottom, "%s%*s%s", left, gap > 1 ? gap : 1, "", right);
		EMIT("");
		EMIT(bottom);
	}
#undef EMIT
	return out;
}

char *zs_print(struct zs *z, enum zs_print_what what, uint64_t id, int width, int lines,
	       size_t *pages)
{
	struct rec r;
	rec_init(&r);
	enum kind k = what == ZS_PRINT_ISSUE ? KIND_ISSUE : KIND_PROJECT;
	if (width < 40 || width > 400 || lines < 20 || lines > 400) {
		zs_fail(z, ZS_INVALID, "%s", _("a page is 40 to 400 columns and 20 to 400 lines"));
		return NULL;
	}
	if (zs_get(z, k, id, &r) != ZS_OK) {
		rec_free(&r);
		return NULL;
	}
	struct rec proj;
	rec_init(&proj);
	const struct rec *pr = &r;
	if (k == KIND_ISSUE && zs_get(z, KIND_PROJECT, (uint64_t)rec_int(&r, "project", 0), &proj) == ZS_OK)
		pr = &proj;
	if (!access_project_mine(z, pr)) {
		zs_fail(z, ZS_DENIED, "%s", _("this project belongs to another district"));
		rec_free(&proj);
		rec_free(&r);
		return NULL;
	}
	rec_free(&proj);
	struct sheet s = {z, width, NULL, 0, 0};
	char record[256], idb[32];
	zs_id_text(id, idb, sizeof idb);
	int rc;
	const char *title;
	if (what == ZS_PRINT_ISSUE) {
		title = _("Supervision sheet (督办单)");
		snprintf(record, sizeof record, _("Issue %s"), idb);
		rc = sheet_issue(&s, id, &r);
	} else if (what == ZS_PRINT_PREREPORT) {
		title = _("Signing pre-report (重大签约项目预报表)");
		snprintf(record, sizeof record, _("Project %s"), idb);
		rc = sheet_prereport(&s, &r);
	} else {
		title = _("Project sheet");
		snprintf(record, sizeof record, _("Project %s"), idb);
		rc = sheet_project(&s, id, &r);
	}
	char *out = NULL;
	if (rc == ZS_OK) {
		zs_fail_clear(z);
		int body = lines - 6;
		if (pages)
			*pages = s.n ? (s.n + (size_t)body - 1) / (size_t)body : 1;
		out = paginate(&s, title, record, lines);
	}
	for (size_t i = 0; i < s.n; i++)
		free(s.l[i]);
	free(s.l);
	rec_free(&r);
	return out;
}

/*
 * columns.c - the headers an import recognises.  Columns are found by
 * their headers: a field's own name, its label in Chinese or English, the
 * headers zsdesk's own export writes (so an exported file comes back as
 * it went), and the aliases of forms/columns.map (a city's own in
 * forms/columns-CITY.map).  A unit in the header ("总投资（亿元）")
 * applies to the bare numbers under it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "exchange.h"
#include "i18n.h"
#include "linefile.h"
#include "utf8.h"
#include "xalloc.h"

/* A header or alias as compared: ASCII lower case, no blanks, no "*"
 * (required marks), full-width brackets as ASCII; a unit in brackets at
 * the end goes to unit (when it names money or land). */
static char *norm(const char *s, char *unit, size_t un)
{
	size_t n = strlen(s);
	char *o = xmalloc(n + 1);
	size_t k = 0;
	if (unit)
		unit[0] = '\0';
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFF08)
			cp = '(';
		else if (cp == 0xFF09)
			cp = ')';
		else if (cp == 0x3000 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
			 cp == '*' || cp == 0xFF0A || cp == 0xFEFF || cp == ':' || cp == 0xFF1A)
			cp = 0;
		if (cp && cp < 0x80) {
			o[k++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		} else if (cp) {
			char b[4];
			size_t m = utf8_encode(cp, b);
			memcpy(o + k, b, m);
			k += m;
		}
		i += len;
	}
	o[k] = '\0';
	/* "总投资(万元)" -> "总投资" and 万元. */
	char *open = strrchr(o, '(');
	if (open && k && o[k - 1] == ')') {
		o[k - 1] = '\0';
		const char *u = open + 1;
		if (strstr(u, "元") || strstr(u, "亩") || strstr(u, "m²") || strstr(u, "mu") ||
		    !strcmp(u, "cny") || !strcmp(u, "usd")) {
			if (unit)
				snprintf(unit, un, "%s", u);
			*open = '\0';
		} else {
			o[k - 1] = ')';
		}
	}
	return o;
}

static void cand_add(struct cands *c, const char *header, struct target t, bool replace)
{
	char unit[16];
	char *n = norm(header, unit, sizeof unit);
	if (!*n) {
		free(n);
		return;
	}
	if (unit[0] && !t.unit[0])
		snprintf(t.unit, sizeof t.unit, "%s", unit);
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].name, n)) {
			/* The first meaning stays, but for money a unit-less one. */
			if (replace)
				c->v[i].t = t;
			free(n);
			return;
		}
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (struct cand){n, t};
}

const struct target *xcols_find(const struct cands *c, const char *header, char *unit, size_t un)
{
	char *n = norm(header, unit, un);
	const struct target *t = NULL;
	for (size_t i = 0; i < c->n && !t; i++)
		if (!strcmp(c->v[i].name, n))
			t = &c->v[i].t;
	free(n);
	return t;
}

void xcols_free(struct cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
}

/* The target of an export column of kind k by its key. */
static struct target from_key(enum kind k, const char *key)
{
	struct target t = {k, NULL, TP_IGNORE, ""};
	if (!strcmp(key, "id")) {
		t.part = TP_ID;
		return t;
	}
	const struct field_def *f = schema_field(k, key);
	if (f) {
		t.field = f->name;
		t.part = (f->flags & FIELD_SYSTEM) ? TP_IGNORE : f->type == FT_MONEY_USD ? TP_MONEY : TP_TEXT;
		if (f->type == FT_MONEY_USD)
			snprintf(t.unit, sizeof t.unit, "万美元");
		if (k == KIND_PROJECT && !strcmp(key, "enterprise")) {
			t.k = KIND_ENTERPRISE;
			t.field = "name";
		}
		return t;
	}
	static const char *const tails[] = {"_code", "_login", "_credit_code", "_id", "_cny", "_usd"};
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		size_t kl = strlen(key), tl = strlen(tails[i]);
		if (kl <= tl || strcmp(key + kl - tl, tails[i]))
			continue;
		char base[64];
		snprintf(base, sizeof base, "%.*s", (int)(kl - tl), key);
		f = schema_field(k, base);
		if (!f)
			continue;
		t.field = f->name;
		if (f->flags & FIELD_SYSTEM)
			t.part = TP_IGNORE;
		else if (i >= 4) {
			t.part = TP_MONEY;
			snprintf(t.unit, sizeof t.unit, "%s", i == 4 ? "万" : "万美元");
		} else
			t.part = TP_CODE;
		if (k == KIND_PROJECT && !strcmp(base, "enterprise")) {
			t.k = KIND_ENTERPRISE;
			t.field = "credit_code";
			t.part = TP_TEXT;
		}
		return t;
	}
	/* Not the schema's: a city's own field from its forms (the export
	 * names no other columns), kept as text. */
	t.field = key;
	t.part = TP_TEXT;
	return t;
}

/* Reads the aliases of section kind in a columns map file. */
static void load_aliases(struct cands *c, enum kind k, const char *path)
{
	char err[512];
	char *text = linefile_read(path, err, sizeof err);
	if (!text)
		return;
	struct linefile lf;
	linefile_init(&lf, path, text);
	char *line;
	bool in = false;
	while ((line = linefile_next(&lf))) {
		char *key, *val;
		if (line[0] == '[') {
			char *e = strchr(line, ']');
			if (e)
				*e = '\0';
			in = !strcmp(line + 1, schema_kind(k)->name);
		} else if (in && *line && linefile_split(line, &key, &val) == 0) {
			enum kind fk = k;
			if (k == KIND_PROJECT && !strncmp(key, "enterprise.", 11)) {
				fk = KIND_ENTERPRISE;
				key += 11;
			}
			const struct field_def *f = schema_field(fk, key);
			if (f && !(f->flags & FIELD_SYSTEM)) {
				struct target t = {fk, f->name,
						   f->type == FT_MONEY || f->type == FT_MONEY_USD ? TP_MONEY
												  : TP_TEXT,
						   ""};
				/* Separated by "," (or the full-width "，" and "、"). */
				for (char *a = val; a && *a;) {
					char *next = NULL;
					for (char *p = a; *p && !next; p++) {
						size_t sl = *p == ',' ? 1 : !strncmp(p, "，", 3) || !strncmp(p, "、", 3) ? 3 : 0;
						if (sl) {
							*p = '\0';
							next = p + sl;
						}
					}
					cand_add(c, a, t, true);
					a = next;
				}
			}
		}
		free(line);
	}
	free(text);
}

/* Every header the import of kind k knows, in both languages. */
void xcols_build(struct zs *z, enum kind k, struct cands *c)
{
	char lang[8];
	snprintf(lang, sizeof lang, "%s", i18n_lang());
	static const char *const langs[] = {"zh", "en"};
	for (int li = 0; li < 2; li++) {
		i18n_set(langs[li]);
		struct xcol cols[96];
		memset(cols, 0, sizeof cols);
		int n = xexport_columns(z, k, cols, 96);
		for (int i = 0; i < n; i++) {
			struct target t = from_key(k, cols[i].key);
			cand_add(c, cols[i].key, t, false);
			cand_add(c, cols[i].label, t, false);
		}
		if (k == KIND_PROJECT) {
			/* The enterprise's own fields, where no project field has
			 * the header. */
			const struct kind_def *kd = schema_kind(KIND_ENTERPRISE);
			for (int i = 0; i < kd->nfields; i++) {
				const struct field_def *f = &kd->fields[i];
				struct target t = {KIND_ENTERPRISE, f->name, TP_TEXT, ""};
				if (f->flags & FIELD_SYSTEM)
					continue;
				char key[80];
				snprintf(key, sizeof key, "enterprise.%s", f->name);
				cand_add(c, key, t, false);
				cand_add(c, _(f->label), t, false);
				if (!strcmp(f->name, "name"))
					cand_add(c, _("Enterprise name"), t, true);
			}
		}
	}
	i18n_set(lang);
	/* A sheet's own row counter: known, and never a record's number. */
	static const char *const counters[] = {"序号", "序", "No.", "No", "#", "行号", "编号"};
	for (size_t i = 0; i < sizeof counters / sizeof *counters; i++)
		cand_add(c, counters[i], (struct target){k, NULL, TP_IGNORE, ""}, true);
	char path[4200];
	snprintf(path, sizeof path, "%s/columns.map", profile_datadir());
	load_aliases(c, k, path);
	const char *city = zs_profile(z)->code;
	if (city) {
		snprintf(path, sizeof path, "%s/columns-%s.map", profile_datadir(), city);
		load_aliases(c, k, path);
	}
}

/* Trims blanks (and the full-width space) and the quote an export puts
 * before what a spreadsheet would run as a formula; newly allocated. */
char *xcell_text(const char *s)
{
	while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3))
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	char *v = xstrdup(s);
	size_t n = strlen(v);
	for (;;) {
		if (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
			v[--n] = '\0';
		else if (n >= 3 && !strcmp(v + n - 3, "\xE3\x80\x80"))
			v[n -= 3] = '\0';
		else
			break;
	}
	if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1]))
		memmove(v, v + 1, n);
	return v;
}

/* Appends a bare number's unit: "1200" under 万元 is "1200万". */
char *xcell_with_unit(const char *v, const char *unit)
{
	if (!*unit || !*v)
		return xstrdup(v);
	/* Only bare numbers: "3,000万" and "1.2亿" say their own unit. */
	for (const char *p = v; *p; p++)
		if (!strchr("0123456789.,-+ ", *p))
			return xstrdup(v);
	const char *u = unit;
	if (!strcmp(unit, "cny"))
		u = "万";
	else if (!strcmp(unit, "usd"))
		u = "万美元";
	else if (!strcmp(unit, "万元"))
		u = "万";
	else if (!strcmp(unit, "亿元"))
		u = "亿";
	else if (!strcmp(unit, "亩") || !strcmp(unit, "mu"))
		u = "";
	return xasprintf("%s%s", v, u);
}

/*
 * import.c - the rows of an officer's spreadsheet into the database, each
 * through the entry session, as if typed into the desk.
 *
 * Columns are found by their headers: a field's own name, its label in
 * Chinese or English, the headers zsdesk's own export writes (so an
 * exported file comes back as it went), and the aliases of
 * forms/columns.map (a city's own in forms/columns-CITY.map).  A unit in
 * the header ("总投资（亿元）") applies to the bare numbers under it.  The
 * header row is the one among the first rows that names the most known
 * columns, so title rows and merged-looking headers above it are passed.
 *
 * A row is matched with a record already on file - by an id column, else
 * by credit code (or enterprise name) and project name for projects, by
 * credit code or name for enterprises, login for officers, code for
 * districts - and becomes an update (a normal audited edit) or a new
 * record.  Every row runs inside one transaction (zs_together): a row
 * that fails undoes itself alone, later rows see the earlier ones, and
 * the good rows are kept together at the end - or, for a dry run, the
 * whole transaction is dropped after showing exactly what would happen.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entry.h"
#include "exchange.h"
#include "i18n.h"
#include "linefile.h"
#include "utf8.h"
#include "xalloc.h"

enum tpart {
	TP_IGNORE, /* a column zsdesk writes but does not take back (stage date) */
	TP_ID,     /* the record's number */
	TP_TEXT,   /* the field as typed (a choice's name, a reference's name) */
	TP_CODE,   /* a choice's code or a reference's code: wins over TP_TEXT */
	TP_MONEY,  /* an amount; the header's unit applies to bare numbers */
};

struct target {
	enum kind k;       /* the import's kind, or the enterprise of a project */
	const char *field; /* NULL for TP_ID and TP_IGNORE */
	enum tpart part;
	char unit[16];     /* 万, 亿, 万美元... from the header or the column */
};

struct cand {
	char *name; /* normalised header */
	struct target t;
};

struct cands {
	struct cand *v;
	size_t n;
};

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

static const struct target *cand_find(const struct cands *c, const char *header, char *unit,
				      size_t un)
{
	char *n = norm(header, unit, un);
	const struct target *t = NULL;
	for (size_t i = 0; i < c->n && !t; i++)
		if (!strcmp(c->v[i].name, n))
			t = &c->v[i].t;
	free(n);
	return t;
}

static void cands_free(struct cands *c)
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
static void build_cands(struct zs *z, enum kind k, struct cands *c)
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

/* ---- a row ---- */

/* Trims blanks (and the full-width space) and the quote an export puts
 * before what a spreadsheet would run as a formula; newly allocated. */
static char *cell_text(const char *s)
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
static char *with_unit(const char *v, const char *unit)
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

struct imp {
	struct zs *z;
	enum kind k;
	const struct xsheet *s;
	size_t header;     /* the header row */
	size_t ncols;
	struct target *col; /* per column; field NULL and TP_IGNORE when unknown */
	bool *known;
	const char *why;
	struct ximport *res;
	/* rows seen: key and signature, for duplicates in the file, and a
	 * hash table of the keys (slot: index + 1, 0 empty) so that a
	 * hundred thousand rows are not compared with each other */
	char **keys, **sigs;
	size_t *key_row;
	size_t nkeys;
	size_t *slots, nslots;
};

static size_t key_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The index of key among the rows seen, or nkeys when it is new. */
static size_t key_find(const struct imp *im, const char *key)
{
	if (!im->nslots)
		return im->nkeys;
	for (size_t i = key_hash(key) & (im->nslots - 1);; i = (i + 1) & (im->nslots - 1)) {
		if (!im->slots[i])
			return im->nkeys;
		if (!strcmp(im->keys[im->slots[i] - 1], key))
			return im->slots[i] - 1;
	}
}

/* Notes key (with the row's signature) as seen on row ri. */
static void key_add(struct imp *im, const char *key, const char *sig, size_t ri)
{
	if ((im->nkeys + 1) * 2 > im->nslots) {
		size_t n = im->nslots ? im->nslots * 2 : 1024;
		size_t *s = xcalloc(n, sizeof *s);
		for (size_t k = 0; k < im->nkeys; k++) {
			size_t i = key_hash(im->keys[k]) & (n - 1);
			while (s[i])
				i = (i + 1) & (n - 1);
			s[i] = k + 1;
		}
		free(im->slots);
		im->slots = s;
		im->nslots = n;
	}
	im->keys = xreallocarray(im->keys, im->nkeys + 1, sizeof *im->keys);
	im->sigs = xreallocarray(im->sigs, im->nkeys + 1, sizeof *im->sigs);
	im->key_row = xreallocarray(im->key_row, im->nkeys + 1, sizeof *im->key_row);
	im->keys[im->nkeys] = xstrdup(key);
	im->sigs[im->nkeys] = xstrdup(sig);
	im->key_row[im->nkeys] = ri;
	size_t i = key_hash(key) & (im->nslots - 1);
	while (im->slots[i])
		i = (i + 1) & (im->nslots - 1);
	im->slots[i] = ++im->nkeys;
}

/* Adds a line to a result's message. */
static void say(struct xresult *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct xresult *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	if (r->msg) {
		char *j = xasprintf("%s; %s", r->msg, m);
		free(r->msg);
		free(m);
		r->msg = j;
	} else {
		r->msg = m;
	}
}

/* The value of field (kind k) in row, code columns first; "" when none. */
static const char *value_of(struct imp *im, char **vals, enum kind k, const char *field,
			    enum tpart *part, const char **unit)
{
	const char *best = "";
	int rank = 0;
	for (size_t c = 0; c < im->ncols; c++) {
		const struct target *t = &im->col[c];
		if (!t->field || t->k != k || strcmp(t->field, field) || !*vals[c])
			continue;
		int r = t->part == TP_CODE ? 3 : t->part == TP_MONEY ? 2 : 1;
		if (r > rank) {
			rank = r;
			best = vals[c];
			if (part)
				*part = t->part;
			if (unit)
				*unit = t->unit;
		}
	}
	return best;
}

/* The number of the record on file row vals matches, or 0. */
static uint64_t match(struct imp *im, char **vals, char *key, size_t kn)
{
	struct zs *z = im->z;
	uint64_t id = 0;
	key[0] = '\0';
	/* A number is the record when the record on file is the one the
	 * row describes (its name, or its enterprise's credit code, or its
	 * login or code): a file from another database, whose numbers name
	 * other records here, is matched as if it had none. */
	for (size_t c = 0; c < im->ncols; c++) {
		if (im->col[c].part != TP_ID || !*vals[c] || zs_id_parse(vals[c], &id) < 0)
			continue;
		struct rec r;
		rec_init(&r);
		bool same = false;
		if (zs_get(z, im->k, id, &r) == ZS_OK) {
			const char *kf = im->k == KIND_OFFICER ? "login" : im->k == KIND_DISTRICT ? "code" : "name";
			const char *mine = value_of(im, vals, im->k, kf, NULL, NULL);
			same = *mine && !strcmp(mine, rec_text(&r, kf, ""));
			const char *cc = value_of(im, vals, KIND_ENTERPRISE, "credit_code", NULL, NULL);
			if (!same && im->k == KIND_ENTERPRISE)
				same = *cc && !strcmp(cc, rec_text(&r, "credit_code", ""));
			if (same && im->k == KIND_PROJECT) {
				/* Names repeat (新建总部项目): the enterprise must agree too. */
				const char *ent = value_of(im, vals, KIND_ENTERPRISE, "name", NULL, NULL);
				struct rec e;
				rec_init(&e);
				if (*cc && zs_get(z, KIND_ENTERPRISE, (uint64_t)rec_int(&r, "enterprise", 0), &e) == ZS_OK)
					same = !strcasecmp(cc, rec_text(&e, "credit_code", ""));
				else if (*ent)
					same = !strcmp(ent, rec_text(&r, "enterprise_name", ""));
				rec_free(&e);
			}
		}
		rec_free(&r);
		if (same) {
			snprintf(key, kn, "id:%s", vals[c]);
			return id;
		}
	}
	id = 0;
	switch (im->k) {
	case KIND_PROJECT: {
		const char *name = value_of(im, vals, KIND_PROJECT, "name", NULL, NULL);
		const char *code = value_of(im, vals, KIND_ENTERPRISE, "credit_code", NULL, NULL);
		const char *ent = value_of(im, vals, KIND_ENTERPRISE, "name", NULL, NULL);
		if (!*ent)
			ent = value_of(im, vals, KIND_PROJECT, "enterprise", NULL, NULL);
		uint64_t eid = 0;
		char cc[64];
		snprintf(cc, sizeof cc, "%s", code);
		/* Credit codes are compared as the store keeps them. */
		for (char *p = cc, *o = cc;; p++) {
			if (*p != ' ' && *p != '-')
				*o++ = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
			if (!*p)
				break;
		}
		snprintf(key, kn, "%s|%s", *cc ? cc : ent, name);
		if ((*cc && zs_resolve(z, KIND_ENTERPRISE, cc, &eid) == ZS_OK) ||
		    (!*cc && *ent && zs_resolve(z, KIND_ENTERPRISE, ent, &eid) == ZS_OK)) {
			struct zs_filter f = {0};
			f.enterprise = eid;
			struct zs_cursor cur = {0};
			uint64_t ids[256];
			size_t n = 0;
			while (!cur.done && n < 256)
				n += zs_list(z, KIND_PROJECT, &f, &cur, ids + n, 256 - n);
			for (size_t i = 0; i < n && !id; i++) {
				struct rec p;
				rec_init(&p);
				if (zs_get(z, KIND_PROJECT, ids[i], &p) == ZS_OK &&
				    !strcmp(rec_text(&p, "name", ""), name) && p.version)
					id = ids[i];
				rec_free(&p);
			}
		}
		return id;
	}
	case KIND_ENTERPRISE: {
		const char *code = value_of(im, vals, KIND_ENTERPRISE, "credit_code", NULL, NULL);
		const char *name = value_of(im, vals, KIND_ENTERPRISE, "name", NULL, NULL);
		snprintf(key, kn, "%s", *code ? code : name);
		if (*key && zs_resolve(z, KIND_ENTERPRISE, key, &id) != ZS_OK)
			id = 0;
		return id;
	}
	case KIND_OFFICER:
	case KIND_DISTRICT: {
		const char *v = value_of(im, vals, im->k, im->k == KIND_OFFICER ? "login" : "code", NULL,
					 NULL);
		snprintf(key, kn, "%s", v);
		if (*v && zs_resolve(z, im->k, v, &id) != ZS_OK)
			id = 0;
		return id;
	}
	default:
		if (zs_is_library(im->k)) {
			/* A library row: its name (an event's on its day) in its district. */
			const char *name = value_of(im, vals, im->k, "name", NULL, NULL);
			const char *date = im->k == KIND_EVENT
						   ? value_of(im, vals, KIND_EVENT, "date", NULL, NULL)
						   : "";
			const char *dist = value_of(im, vals, im->k, "district", NULL, NULL);
			snprintf(key, kn, "%s|%s|%s", name, date, dist);
			return *name ? zs_lib_find(z, im->k, name, date, dist) : 0;
		}
		return 0;
	}
}

/* True when the two records hold the same values. */
static bool same_rec(const struct rec *a, const struct rec *b)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct rec *x = pass ? b : a, *y = pass ? a : b;
		for (size_t i = 0; i < x->n; i++) {
			const struct rec_field *o = rec_find(y, x->f[i].name);
			static const struct rec_value none = {0};
			if (!rec_value_equal(&x->f[i].v, o ? &o->v : &none))
				return false;
		}
	}
	return true;
}

/* Sets the fields of kind k from the row into the entry; false when one
 * is refused (said in res). */
static bool set_fields(struct imp *im, struct zs_entry *e, enum kind k, char **vals,
		       struct xresult *res)
{
	const struct kind_def *kd = schema_kind(k);
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if (f->flags & FIELD_SYSTEM)
			continue;
		if (im->k == KIND_PROJECT && k == KIND_PROJECT && !strcmp(f->name, "enterprise"))
			continue; /* set from the enterprise's columns */
		enum tpart part = TP_TEXT;
		const char *unit = "";
		const char *v = value_of(im, vals, k, f->name, &part, &unit);
		if (!*v)
			continue;
		if (f->type == FT_MONEY && k == KIND_PROJECT) {
			/* Two amount columns (万元, 万美元): one of them. */
			int given = 0;
			for (size_t c = 0; c < im->ncols; c++)
				given += im->col[c].field && im->col[c].k == k &&
					 !strcmp(im->col[c].field, f->name) && *vals[c];
			if (given > 1) {
				say(res, _("%s: given in more than one column (万元 and 万美元?)"),
				    zs_field_label(k, f->name));
				return false;
			}
		}
		char *text = with_unit(v, unit);
		char msg[1024];
		int rc = zs_entry_set_name(e, k, f->name, text, msg, sizeof msg);
		free(text);
		if (rc < 0) {
			say(res, "%s", msg);
			return false;
		}
		if (rc > 0)
			say(res, "%s", msg);
	}
	/* A city's own fields (forms), kept as text. */
	for (size_t c = 0; c < im->ncols; c++) {
		const struct target *t = &im->col[c];
		if (!t->field || t->k != k || t->part != TP_TEXT || schema_field(k, t->field) ||
		    !*vals[c])
			continue;
		char msg[1024];
		int rc = zs_entry_set_name(e, k, t->field, vals[c], msg, sizeof msg);
		if (rc < 0) {
			say(res, "%s", msg);
			return false;
		}
		if (rc > 0)
			say(res, "%s", msg);
	}
	return true;
}

/* The stage a new project's row asks for; false (said) when it is past
 * talks. */
static bool new_stage(struct imp *im, struct zs_entry *e, char **vals, struct xresult *res)
{
	const char *v = "";
	for (size_t c = 0; c < im->ncols; c++)
		if (im->col[c].field && !strcmp(im->col[c].field, "stage") && *vals[c])
			v = vals[c];
	if (!*v)
		return true;
	const struct profile *p = zs_profile(im->z);
	const struct profile_item *it = profile_find(&p->stages, v);
	if (!it) {
		say(res, _("Stage: %s is not a stage"), v);
		return false;
	}
	if (!profile_stage_is(p, it->code, STAGE_LEAD) && !profile_stage_is(p, it->code, STAGE_TALKS)) {
		say(res, "%s", _("a new project starts as a lead (线索) or in talks (在谈); move it on "
				 "with zsdesk project stage"));
		return false;
	}
	rec_set_text(zs_entry_rec(e, KIND_PROJECT), "stage", it->code);
	return true;
}

/* The name of the district a row's record is in, when it is not the
 * officer's own (desk officers import only their district's rows). */
static bool other_district(struct imp *im, const struct rec *r, char *name, size_t n)
{
	struct zs *z = im->z;
	if (zs_sees_all(z) || (im->k != KIND_PROJECT && !zs_is_library(im->k)))
		return false;
	int64_t mine = rec_int(zs_me_rec(z), "district", 0), d = rec_int(r, "district", 0);
	if (!d || d == mine)
		return false;
	zs_field_text(z, im->k, r, "district", name, n);
	return true;
}

/* One row: matched, set, saved (or refused). */
static void one_row(struct imp *im, size_t ri, struct xresult *res)
{
	struct zs *z = im->z;
	const struct xrow *row = &im->s->rows[ri];
	char **vals = xcalloc(im->ncols, sizeof *vals);
	size_t sig_len = 0;
	for (size_t c = 0; c < im->ncols; c++) {
		vals[c] = cell_text(xrow_cell(row, c));
		sig_len += strlen(vals[c]) + 1;
	}
	/* What the row says, for duplicates: the columns taken, not a row
	 * counter or a column no field takes. */
	char *sig = xmalloc(sig_len + 1);
	sig[0] = '\0';
	for (size_t c = 0; c < im->ncols; c++)
		if (im->col[c].field) {
			strcat(sig, vals[c]);
			strcat(sig, "\x1f");
		}
	snprintf(res->name, sizeof res->name, "%s",
		 value_of(im, vals, im->k, im->k == KIND_OFFICER ? "login" : "name", NULL, NULL));
	char key[512];
	uint64_t id = match(im, vals, key, sizeof key);
	struct zs_entry *e = NULL;
	/* The same record twice in the file. */
	size_t seen = *key ? key_find(im, key) : im->nkeys;
	if (seen < im->nkeys) {
		long line = im->s->rows[im->key_row[seen]].line;
		if (!strcmp(im->sigs[seen], sig)) {
			res->action = XA_DUP;
			say(res, _("the same as row %ld: skipped"), line);
		} else {
			res->action = XA_REJECT;
			say(res, _("row %ld has the same record with other values: keep one"), line);
		}
		goto out;
	}
	if (*key)
		key_add(im, key, sig, ri);
	if (id == UINT64_MAX) {
		res->action = XA_REJECT;
		say(res, "%s", zs_error(z));
		goto out;
	}
	char dname[128];
	if (id) {
		e = zs_entry_new(z, im->k, id);
		if (!e) {
			res->action = XA_REJECT;
			say(res, "%s", zs_error(z));
			goto out;
		}
		struct rec *r = zs_entry_rec(e, im->k);
		if (other_district(im, r, dname, sizeof dname) || (im->k == KIND_PROJECT && !r->version)) {
			res->action = XA_REJECT;
			if (im->k == KIND_PROJECT)
				say(res, _("another district's project (%s): a district imports only its own rows"),
				    dname);
			else
				say(res, _("another district's row (%s): a district imports only its own rows"),
				    dname);
			goto out;
		}
		struct rec before;
		rec_copy(&before, r);
		bool ok = set_fields(im, e, im->k, vals, res);
		if (ok && other_district(im, zs_entry_rec(e, im->k), dname, sizeof dname)) {
			say(res, _("the district cannot be changed to %s by an import"), dname);
			ok = false;
		}
		if (ok && im->k == KIND_PROJECT) {
			const char *st = value_of(im, vals, KIND_PROJECT, "stage", NULL, NULL);
			const struct profile_item *it = *st ? profile_find(&zs_profile(z)->stages, st) : NULL;
			if (*st && (!it || strcmp(it->code, rec_text(r, "stage", ""))))
				say(res, "%s", _("the stage is not changed by an import: move it with zsdesk "
						 "project stage"));
		}
		res->id = id;
		snprintf(res->name, sizeof res->name, "%s", rec_text(r, im->k == KIND_OFFICER ? "login" : "name", ""));
		if (!ok) {
			res->action = XA_REJECT;
		} else if (same_rec(&before, zs_entry_rec(e, im->k))) {
			res->action = XA_SAME;
		} else if (zs_entry_save(e, im->why, NULL, 0, NULL) != ZS_OK) {
			res->action = XA_REJECT;
			say(res, "%s", zs_error(z));
		} else {
			res->action = XA_UPDATE;
		}
		rec_free(&before);
		goto out;
	}
	/* A new record. */
	e = zs_entry_new(z, im->k, 0);
	bool ok = true;
	if (im->k == KIND_PROJECT) {
		const char *code = value_of(im, vals, KIND_ENTERPRISE, "credit_code", NULL, NULL);
		const char *ent = value_of(im, vals, KIND_ENTERPRISE, "name", NULL, NULL);
		uint64_t eid = 0;
		char msg[1024];
		/* As match() found it: by the credit code when the row has one
		 * (a namesake with another code is another enterprise), else by
		 * the name. */
		if (*code ? zs_resolve(z, KIND_ENTERPRISE, code, &eid) == ZS_OK
			  : *ent && zs_resolve(z, KIND_ENTERPRISE, ent, &eid) == ZS_OK) {
			char idb[32];
			zs_entry_set_name(e, KIND_PROJECT, "enterprise", zs_id_text(eid, idb, sizeof idb),
					  msg, sizeof msg);
		} else if (*code || *ent) {
			/* A new enterprise, saved with its project (intake). */
			ok = set_fields(im, e, KIND_ENTERPRISE, vals, res);
		} else {
			say(res, "%s", _("Enterprise: no enterprise name or credit code on the row"));
			ok = false;
		}
		if (ok)
			ok = new_stage(im, e, vals, res);
	}
	if (ok)
		ok = set_fields(im, e, im->k, vals, res);
	struct rec *r = zs_entry_rec(e, im->k);
	if (ok && im->k == KIND_PROJECT && !rec_find(r, "district") &&
	    rec_int(zs_me_rec(z), "district", 0))
		rec_set_int(r, "district", rec_int(zs_me_rec(z), "district", 0));
	if (ok && other_district(im, r, dname, sizeof dname)) {
		if (im->k == KIND_PROJECT)
			say(res, _("another district's project (%s): a district imports only its own rows"),
			    dname);
		else
			say(res, _("another district's row (%s): a district imports only its own rows"),
			    dname);
		ok = false;
	}
	snprintf(res->name, sizeof res->name, "%s",
		 rec_text(r, im->k == KIND_OFFICER ? "login" : "name", ""));
	if (ok && im->k == KIND_PROJECT) {
		struct zs_claim c[8];
		size_t nc = zs_entry_claims(e, c, 8);
		for (size_t i = 0; i < nc; i++) {
			char idb[32];
			say(res, _("warning: the enterprise already has project %s %s (%s, %s)"),
			    zs_id_text(c[i].id, idb, sizeof idb), c[i].enterprise, c[i].district,
			    c[i].stage);
		}
	}
	if (ok && (zs_is_library(im->k) || im->k == KIND_PROJECT)) {
		/* A clash, a target chased twice, a carrier promised twice: said
		 * in the preview and kept with the row (clash_seen, shared_seen). */
		char w[4][ZS_WARN_BYTES];
		size_t nw = zs_lib_warnings(z, im->k, 0, r, w, 4);
		for (size_t i = 0; i < nw && i < 4; i++)
			say(res, _("warning: %s"), w[i]);
	}
	if (!ok) {
		res->action = XA_REJECT;
	} else if (zs_entry_save(e, im->why, NULL, 0, NULL) != ZS_OK) {
		res->action = XA_REJECT;
		say(res, "%s", zs_error(z));
	} else {
		res->action = XA_ADD;
		res->id = zs_entry_id(e);
	}
out:
	zs_entry_free(e);
	for (size_t c = 0; c < im->ncols; c++)
		free(vals[c]);
	free(vals);
	free(sig);
}

/* True for a row with nothing in it. */
static bool blank_row(const struct xrow *r)
{
	for (size_t c = 0; c < r->n; c++) {
		char *v = cell_text(xrow_cell(r, c));
		bool empty = !*v;
		free(v);
		if (!empty)
			return false;
	}
	return true;
}

/* True for a row that repeats the header (a sheet printed in pages). */
static bool header_again(const struct imp *im, const struct xrow *r)
{
	const struct xrow *h = &im->s->rows[im->header];
	size_t same = 0, cells = 0;
	for (size_t c = 0; c < h->n; c++) {
		if (!*xrow_cell(h, c))
			continue;
		cells++;
		same += !strcmp(xrow_cell(h, c), xrow_cell(r, c));
	}
	return cells && same * 2 > cells;
}

/* The work inside the one transaction. */
static int import_rows(void *ctx)
{
	struct imp *im = ctx;
	for (size_t ri = im->header + 1; ri < im->s->nrows; ri++) {
		const struct xrow *row = &im->s->rows[ri];
		if (blank_row(row) || header_again(im, row))
			continue;
		struct ximport *x = im->res;
		x->rows = xreallocarray(x->rows, x->nrows + 1, sizeof *x->rows);
		struct xresult *res = &x->rows[x->nrows++];
		memset(res, 0, sizeof *res);
		res->line = row->line;
		res->row = ri;
		one_row(im, ri, res);
		x->count[res->action]++;
	}
	return 0;
}

int ximport(struct zs *z, enum kind k, const struct xsheet *s, bool commit, const char *why,
	    struct ximport *res, char *err, size_t n)
{
	memset(res, 0, sizeof *res);
	if (k == KIND_ISSUE || k == KIND_FOLLOWUP) {
		snprintf(err, n, "%s",
			 _("import takes projects, enterprises, officers, districts, prospects, events, "
			   "carriers, policies, experts, agencies or visits"));
		return ZS_INVALID;
	}
	struct cands c = {0};
	build_cands(z, k, &c);
	/* The header: the first row of the first ten naming the most columns. */
	size_t best = 0, best_row = 0;
	for (size_t ri = 0; ri < s->nrows && ri < 10; ri++) {
		size_t hits = 0;
		for (size_t col = 0; col < s->rows[ri].n; col++) {
			char unit[16];
			const char *h = xrow_cell(&s->rows[ri], col);
			hits += *h && cand_find(&c, h, unit, sizeof unit) != NULL;
		}
		if (hits > best) {
			best = hits;
			best_row = ri;
		}
	}
	if (best < 2) {
		snprintf(err, n, "%s",
			 k == KIND_PROJECT
				 ? _("no header row: the first rows name no columns zsdesk knows (such as "
				     "项目名称, 企业名称, 总投资, 区县)")
				 : _("no header row: the first rows name no columns zsdesk knows"));
		cands_free(&c);
		return ZS_INVALID;
	}
	struct imp im = {.z = z, .k = k, .s = s, .header = best_row, .why = why, .res = res};
	const struct xrow *h = &s->rows[best_row];
	im.ncols = h->n;
	for (size_t ri = best_row + 1; ri < s->nrows; ri++)
		if (s->rows[ri].n > im.ncols)
			im.ncols = s->rows[ri].n;
	im.col = xcalloc(im.ncols, sizeof *im.col);
	res->header_line = h->line;
	res->header_row = best_row;
	for (size_t col = 0; col < im.ncols; col++) {
		char unit[16];
		const char *hd = xrow_cell(h, col);
		const struct target *t = *hd ? cand_find(&c, hd, unit, sizeof unit) : NULL;
		if (t) {
			im.col[col] = *t;
			if (unit[0])
				snprintf(im.col[col].unit, sizeof im.col[col].unit, "%s", unit);
		} else if (*hd) {
			res->ignored = xreallocarray(res->ignored, res->nignored + 1, sizeof(char *));
			res->ignored[res->nignored++] = xstrdup(hd);
		}
	}
	cands_free(&c);
	int rc = zs_together(z, commit, import_rows, &im);
	for (size_t i = 0; i < im.nkeys; i++) {
		free(im.keys[i]);
		free(im.sigs[i]);
	}
	free(im.keys);
	free(im.sigs);
	free(im.key_row);
	free(im.slots);
	free(im.col);
	if (rc != ZS_OK)
		snprintf(err, n, "%s", zs_error(z));
	return rc;
}

void ximport_free(struct ximport *res)
{
	for (size_t i = 0; i < res->nrows; i++)
		free(res->rows[i].msg);
	free(res->rows);
	for (size_t i = 0; i < res->nignored; i++)
		free(res->ignored[i]);
	free(res->ignored);
	memset(res, 0, sizeof *res);
}

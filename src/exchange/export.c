/*
 * export.c - a whole kind of record as one table in raw machine values.
 *
 * Columns come from the schema, so a field added there is exported
 * without a line here: a choice gives its name and, beside it, its code;
 * a reference the name and the code (district code, login, credit code,
 * project number); money a plain number of 万 in a column that says its
 * unit (a project's total investment in two columns, 万元 and 万美元, so a
 * column never mixes currencies); land in 亩; dates as dates.  Names of
 * districts, officers and enterprises are read once into tables before
 * the rows, never a lookup per row, so a million projects stream.
 *
 * Reading and formatting the rows and writing them (quoting, GB18030,
 * libxlsxwriter's XML) take about as long as each other, so the writing
 * runs in a thread of its own: this thread fills chunks of rows - cells
 * laid end to end in an arena - and hands them over through a small ring,
 * and the store is read only here, as LMDB wants.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "forms.h"
#include "i18n.h"
#include "money.h"
#include "xalloc.h"

/* What a column takes from a record. */
enum xpart {
	XP_ID,        /* the record's number */
	XP_TEXT,      /* the stored text */
	XP_LABEL,     /* a choice's name in the language in use */
	XP_CODE,      /* a choice's code (codes of a multi-choice) */
	XP_REF_NAME,  /* the name of the record referred to */
	XP_REF_CODE,  /* its code: district code, login, credit code, number */
	XP_MONEY_CNY, /* 万元, when the record's currency is CNY */
	XP_MONEY_USD, /* 万美元, when it is USD (or the field is in 美元) */
	XP_DECIMAL,   /* hundredths stored, a plain number shown */
	XP_BOOL,      /* yes / no in the language in use */
};

struct xspec {
	const struct field_def *f;
	enum xpart part;
	size_t slot;              /* of its field in struct fmap */
	/* Choices repeat: the names of the first few met are kept. */
	char (*codes)[32], (*labels)[128];
	int ncached;
};

/* The fields of one record by column: a table of the columns' field
 * names, filled once per record in one pass over its fields, so a
 * million rows cost a hash per field instead of a search per cell. */
#define FSLOTS 256
struct fmap {
	const char *name[FSLOTS];
	const struct rec_field *at[FSLOTS];
	size_t currency; /* the slot of "currency", which no column shows */
};

static size_t fhash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h & (FSLOTS - 1);
}

/* The slot of name (added when add is true), or FSLOTS when absent. */
static size_t fslot(struct fmap *m, const char *name, bool add)
{
	for (size_t i = fhash(name), tries = 0; tries < FSLOTS; i = (i + 1) & (FSLOTS - 1), tries++) {
		if (!m->name[i]) {
			if (!add)
				return FSLOTS;
			m->name[i] = name;
			return i;
		}
		if (!strcmp(m->name[i], name))
			return i;
	}
	return FSLOTS;
}
/* System fields worth exporting: the state zsdesk keeps. */
static bool exported_system(enum kind k, const char *name)
{
	static const char *const project[] = {"stage", "stage_date", "created_on", "ft_status",
					      "ft_until", "key_project", NULL};
	static const char *const issue[] = {"level", "status", "owner", "opened_on", "outcome", NULL};
	const char *const *l = k == KIND_PROJECT ? project : k == KIND_ISSUE ? issue : NULL;
	for (; l && *l; l++)
		if (!strcmp(*l, name))
			return true;
	return false;
}

static void copy(char *out, size_t n, const char *s);

/* "Label (unit)" in the language in use. */
static void label_unit(char *out, size_t n, const char *label, const char *unit)
{
	/* TRANSLATORS: a column header and its unit, e.g. 总投资（万元）. */
	snprintf(out, n, _("%s (%s)"), label, unit);
}

/* Builds the specs and columns of kind k; returns how many. */
static int columns(enum kind k, struct xcol *cols, struct xspec *specs, int max)
{
	const struct kind_def *kd = schema_kind(k);
	int n = 0;
#define ADD(key_, part_, type_, f_)                                                               \
	do {                                                                                       \
		if (n < max) {                                                                     \
			cols[n].key = (key_);                                                      \
			cols[n].type = (type_);                                                    \
			specs[n].f = (f_);                                                         \
			specs[n].part = (part_);                                                   \
			n++;                                                                       \
		}                                                                                  \
	} while (0)
	ADD("id", XP_ID, XT_TEXT, NULL);
	/* Not "序号": a sheet's own row counter must never pass for it. */
	snprintf(cols[0].label, sizeof cols[0].label, "%s", _("zsdesk number"));
	for (int i = 0; i < kd->nfields; i++) {
		const struct field_def *f = &kd->fields[i];
		if ((f->flags & FIELD_SYSTEM) && !exported_system(k, f->name))
			continue;
		if (!strcmp(f->name, "currency"))
			continue; /* the two amount columns say it */
		const char *label = _(f->label);
		int first = n;
		switch (f->type) {
		case FT_CHOICE:
		case FT_MULTI:
			ADD(f->name, XP_LABEL, XT_TEXT, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			ADD(xasprintf("%s_code", f->name), XP_CODE, XT_TEXT, f);
			/* TRANSLATORS: the column of a choice's codes, e.g. 行业代码. */
			snprintf(cols[first + 1].label, sizeof cols[first + 1].label, _("%s code"), label);
			break;
		case FT_REF: {
			ADD(f->name, XP_REF_NAME, XT_TEXT, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			const char *what = f->ref == KIND_DISTRICT   ? "code"
					   : f->ref == KIND_OFFICER  ? "login"
					   : f->ref == KIND_ENTERPRISE ? "credit_code"
								       : "id";
			ADD(xasprintf("%s_%s", f->name, what), XP_REF_CODE, XT_TEXT, f);
			const char *wl = f->ref == KIND_DISTRICT     ? _("code")
					 : f->ref == KIND_OFFICER    ? _("login")
					 : f->ref == KIND_ENTERPRISE ? _("credit code")
								     : _("number");
			/* TRANSLATORS: e.g. 区县 代码, 企业 统一社会信用代码. */
			snprintf(cols[first + 1].label, sizeof cols[first + 1].label, _("%s %s"), label, wl);
			break;
		}
		case FT_MONEY:
			ADD(xasprintf("%s_cny", f->name), XP_MONEY_CNY, XT_NUMBER, f);
			label_unit(cols[first].label, sizeof cols[first].label, label, "万元");
			ADD(xasprintf("%s_usd", f->name), XP_MONEY_USD, XT_NUMBER, f);
			label_unit(cols[first + 1].label, sizeof cols[first + 1].label, label, "万美元");
			break;
		case FT_MONEY_USD:
			ADD(f->name, XP_MONEY_USD, XT_NUMBER, f);
			label_unit(cols[first].label, sizeof cols[first].label, label, "万美元");
			break;
		case FT_DECIMAL:
			ADD(f->name, XP_DECIMAL, XT_NUMBER, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			break;
		case FT_INT:
			ADD(f->name, XP_TEXT, XT_NUMBER, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			break;
		case FT_DATE:
			ADD(f->name, XP_TEXT, XT_DATE, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			break;
		case FT_BOOL:
			ADD(f->name, XP_BOOL, XT_TEXT, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			break;
		default:
			ADD(f->name, XP_TEXT, XT_TEXT, f);
			snprintf(cols[first].label, sizeof cols[first].label, "%s", label);
			break;
		}
	}
	/* A city's own fields, from its forms: stored as text, shown with
	 * the form's label. */
	static const char *const forms[] = {"intake", "project", "enterprise", "issue"};
	for (size_t fi = 0; fi < sizeof forms / sizeof *forms; fi++) {
		struct form fm;
		char err[256];
		if (form_load(forms[fi], &fm, err, sizeof err) < 0)
			continue;
		for (int i = 0; i < fm.nf; i++) {
			const struct form_field *ff = &fm.f[i];
			if (ff->kind != k || ff->def != &ff->own || schema_field(k, ff->field))
				continue;
			bool seen = false;
			for (int j = 0; j < n && !seen; j++)
				seen = cols[j].key && !strcmp(cols[j].key, ff->field);
			if (seen || n >= max)
				continue;
			struct field_def *own = xcalloc(1, sizeof *own);
			own->name = xstrdup(ff->field);
			own->type = FT_TEXT;
			own->label = own->name;
			int first = n;
			ADD(own->name, XP_TEXT, XT_TEXT, own);
			copy(cols[first].label, sizeof cols[first].label, form_field_label(ff));
		}
		form_free(&fm);
	}
#undef ADD
	return n;
}

int xexport_columns(struct zs *z, enum kind k, struct xcol *cols, int max)
{
	(void)z;
	struct xspec *specs = xcalloc((size_t)max, sizeof *specs);
	int n = columns(k, cols, specs, max);
	free(specs);
	return n;
}

/* ---- names of referenced records, read once ---- */

struct named {
	uint64_t id;
	char code[40]; /* credit codes, logins, district codes: short */
	char *name;    /* NULL: none (only the code was read) */
};

/* An open-addressing table from id to code and name. */
struct names {
	struct named *v;
	size_t cap, n;
};

static size_t slot(const struct names *t, uint64_t id)
{
	uint64_t h = id * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 17) & (t->cap - 1);
	while (t->v[i].id && t->v[i].id != id)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static void names_put(struct names *t, uint64_t id, const char *code, const char *name)
{
	if ((t->n + 1) * 2 > t->cap) {
		struct names g = {xcalloc(t->cap ? t->cap * 2 : 256, sizeof *g.v),
				  t->cap ? t->cap * 2 : 256, 0};
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].id)
				g.v[slot(&g, t->v[i].id)] = t->v[i];
		g.n = t->n;
		free(t->v);
		*t = g;
	}
	size_t i = slot(t, id);
	if (!t->v[i].id)
		t->n++;
	else
		free(t->v[i].name);
	t->v[i].id = id;
	size_t cl = strlen(code);
	if (cl >= sizeof t->v[i].code)
		cl = sizeof t->v[i].code - 1;
	memcpy(t->v[i].code, code, cl);
	t->v[i].code[cl] = '\0';
	t->v[i].name = *name ? xstrdup(name) : NULL;
}

static const struct named *names_get(const struct names *t, uint64_t id)
{
	if (!t->cap || !id)
		return NULL;
	const struct named *e = &t->v[slot(t, id)];
	return e->id ? e : NULL;
}

static void names_free(struct names *t)
{
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].id)
			free(t->v[i].name);
	free(t->v);
}

#define BATCH 512

/* Reads the code and name of every record of kind k into t. */
static void names_load(struct zs *z, enum kind k, struct names *t)
{
	uint64_t after = 0, ids[BATCH];
	struct rec *recs = xcalloc(BATCH, sizeof *recs);
	while (after != UINT64_MAX) {
		size_t n = zs_scan(z, k, &after, ids, recs, BATCH);
		for (size_t i = 0; i < n; i++) {
			const struct rec *r = &recs[i];
			const char *code = k == KIND_DISTRICT	 ? rec_text(r, "code", "")
					   : k == KIND_OFFICER	 ? rec_text(r, "login", "")
					   : k == KIND_ENTERPRISE ? rec_text(r, "credit_code", "")
								 : "";
			const char *name = rec_text(r, "name", "");
			if (k == KIND_DISTRICT)
				name = i18n_pick(name, rec_text(r, "name_en", name));
			names_put(t, ids[i], code, name);
		}
	}
	for (size_t i = 0; i < BATCH; i++)
		rec_free(&recs[i]);
	free(recs);
}

/* Adds an enterprise's credit code from the index (zs_codes). */
static int code_put(void *ctx, const void *code, size_t len, uint64_t id)
{
	char c[64];
	if (len > sizeof c - 1)
		len = sizeof c - 1;
	memcpy(c, code, len);
	c[len] = '\0';
	names_put(ctx, id, c, "");
	return 0;
}

struct ctx {
	struct zs *z;
	enum kind k;
	struct names refs[KIND_COUNT];
	bool loaded[KIND_COUNT];
};

/* Copies s into out (n bytes), cut at n - 1: snprintf's "%s" without
 * its cost, which a million rows of thirty cells feel. */
static void copy(char *out, size_t n, const char *s)
{
	size_t k = strlen(s);
	if (k >= n)
		k = n - 1;
	memcpy(out, s, k);
	out[k] = '\0';
}

/* The name or code of a referenced record: from the tables read once, or
 * (issues' projects, few) read now. */
static void ref_cell(struct ctx *c, const struct rec *r, const struct field_def *f, bool code,
		     char *out, size_t n)
{
	uint64_t id = (uint64_t)rec_int(r, f->name, 0);
	out[0] = '\0';
	if (!id)
		return;
	if (f->ref == KIND_ENTERPRISE && !code && c->k == KIND_PROJECT) {
		copy(out, n, rec_text(r, "enterprise_name", ""));
		return;
	}
	if (f->ref == KIND_PROJECT) {
		if (code) {
			zs_id_text(id, out, n);
			return;
		}
		struct rec p;
		rec_init(&p);
		if (zs_get(c->z, KIND_PROJECT, id, &p) == ZS_OK)
			copy(out, n, rec_text(&p, "name", ""));
		rec_free(&p);
		return;
	}
	if (!c->loaded[f->ref]) {
		/* A project's enterprise name is on the project: only the
		 * codes are wanted, and the index has them. */
		if (f->ref == KIND_ENTERPRISE && c->k == KIND_PROJECT)
			zs_codes(c->z, KIND_ENTERPRISE, code_put, &c->refs[f->ref]);
		else
			names_load(c->z, f->ref, &c->refs[f->ref]);
		c->loaded[f->ref] = true;
	}
	const struct named *e = names_get(&c->refs[f->ref], id);
	if (e)
		copy(out, n, code ? e->code : e->name ? e->name : "");
	else if (!code)
		zs_id_text(id, out, n);
}

/* The cell of spec s for record r (number id) into out. */
static void cell(struct ctx *c, struct xspec *s, uint64_t id, const struct rec *r,
		 const struct fmap *m, char *out, size_t n)
{
	out[0] = '\0';
	if (s->part == XP_ID) {
		zs_id_text(id, out, n);
		return;
	}
	const struct field_def *f = s->f;
	const struct rec_field *rf = m->at[s->slot];
	if (!rf)
		return;
	const struct rec_value *v = &rf->v;
	switch (s->part) {
	case XP_LABEL:
		if (v->type == REC_TEXT && strlen(v->s) < 32) {
			int i;
			for (i = 0; i < s->ncached &&
				    (s->codes[i][0] != v->s[0] || strcmp(s->codes[i], v->s));
			     i++)
				;
			if (i < s->ncached) {
				copy(out, n, s->labels[i]);
				break;
			}
			zs_field_text_def(c->z, c->k, r, f, out, n);
			if (s->ncached < 64 && strlen(out) < 128) {
				if (!s->codes) {
					s->codes = xcalloc(64, sizeof *s->codes);
					s->labels = xcalloc(64, sizeof *s->labels);
				}
				copy(s->codes[s->ncached], 32, v->s);
				copy(s->labels[s->ncached++], 128, out);
			}
		} else {
			zs_field_text_def(c->z, c->k, r, f, out, n);
		}
		break;
	case XP_CODE:
		if (v->type == REC_LIST) {
			size_t used = 0;
			for (size_t i = 0; i < v->n && used + 1 < n; i++)
				used += (size_t)snprintf(out + used, n - used, "%s%s", i ? "," : "",
							 v->items[i]);
		} else {
			rec_value_str(v, out, n);
		}
		break;
	case XP_REF_NAME:
	case XP_REF_CODE:
		ref_cell(c, r, f, s->part == XP_REF_CODE, out, n);
		break;
	case XP_MONEY_CNY:
	case XP_MONEY_USD: {
		const struct rec_field *cur = m->at[m->currency];
		bool usd = f->type == FT_MONEY_USD ||
			   (cur && cur->v.type == REC_TEXT && !strcmp(cur->v.s, "USD"));
		if (v->type == REC_INT && usd == (s->part == XP_MONEY_USD))
			money_format(v->i, usd ? CURRENCY_USD : CURRENCY_CNY, MONEY_PLAIN, out, n);
		break;
	}
	case XP_DECIMAL:
		if (v->type == REC_INT) {
			long long x = (long long)v->i;
			if (x % 100)
				snprintf(out, n, "%s%lld.%02lld", x < 0 ? "-" : "", llabs(x) / 100,
					 llabs(x) % 100);
			else
				snprintf(out, n, "%lld", x / 100);
			size_t len = strlen(out);
			if (strchr(out, '.') && out[len - 1] == '0')
				out[len - 1] = '\0';
		}
		break;
	case XP_BOOL:
		if (v->type == REC_BOOL)
			copy(out, n, v->i ? _("yes") : _("no"));
		break;
	default:
		if (v->type == REC_TEXT) {
			copy(out, n, v->s);
		} else if (v->type == REC_LIST) {
			size_t used = 0;
			for (size_t i = 0; i < v->n && used + 1 < n; i++)
				used += (size_t)snprintf(out + used, n - used, "%s%s", i ? "," : "",
							 v->items[i]);
		} else {
			rec_value_str(v, out, n);
		}
		break;
	}
}

/* Rows handed to the writing thread at a time, and chunks in the ring. */
#define CHUNK_ROWS 1024
#define NCHUNKS 4
/* The most a cell takes (cell() cuts at it). */
#define CELL_MAX 2048

struct chunk {
	char *arena;  /* the cells, each NUL-ended */
	size_t used, cap;
	size_t *off;  /* CHUNK_ROWS x columns: where each cell begins */
	size_t rows;
};

struct ring {
	struct xw *w;
	int nc;
	struct chunk ch[NCHUNKS];
	size_t head, tail; /* chunks filled, chunks written */
	bool eof, failed;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Writes the oldest chunk filled (row holds a row's cells) and marks it
 * done; false when the file could not be written. */
static bool write_chunk(struct ring *g, const char **row)
{
	struct chunk *c = &g->ch[g->tail % NCHUNKS];
	bool bad = false;
	for (size_t r = 0; r < c->rows && !bad; r++) {
		for (int j = 0; j < g->nc; j++)
			row[j] = c->arena + c->off[r * (size_t)g->nc + (size_t)j];
		bad = xw_row(g->w, row) < 0;
	}
	pthread_mutex_lock(&g->mu);
	g->tail++;
	g->failed |= bad;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	return !bad;
}

/* The writing thread: writes each chunk filled, in order, until the last. */
static void *writer(void *arg)
{
	struct ring *g = arg;
	const char **row = xcalloc((size_t)g->nc, sizeof *row);
	for (;;) {
		pthread_mutex_lock(&g->mu);
		while (g->head == g->tail && !g->eof)
			pthread_cond_wait(&g->cv, &g->mu);
		bool done = g->head == g->tail;
		pthread_mutex_unlock(&g->mu);
		if (done || !write_chunk(g, row))
			break;
	}
	free(row);
	return NULL;
}

/* Waits for a chunk the writer is done with; NULL when writing failed. */
static struct chunk *ring_take(struct ring *g)
{
	pthread_mutex_lock(&g->mu);
	while (g->head - g->tail == NCHUNKS && !g->failed)
		pthread_cond_wait(&g->cv, &g->mu);
	bool failed = g->failed;
	pthread_mutex_unlock(&g->mu);
	if (failed)
		return NULL;
	struct chunk *c = &g->ch[g->head % NCHUNKS];
	c->used = 0;
	c->rows = 0;
	return c;
}

/* Hands a filled chunk (or, with eof, the end) to the writer. */
static void ring_give(struct ring *g, bool filled, bool eof)
{
	pthread_mutex_lock(&g->mu);
	g->head += filled;
	g->eof |= eof;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

int xexport(struct zs *z, enum kind k, struct xw *w, bool keys,
	    void (*progress)(void *ctx, uint64_t done, uint64_t total), void *pctx, char *err,
	    size_t n)
{
	enum { MAXC = 96 };
	struct xcol cols[MAXC];
	struct xspec specs[MAXC];
	memset(cols, 0, sizeof cols);
	memset(specs, 0, sizeof specs);
	int nc = columns(k, cols, specs, MAXC);
	if (xw_table(w, _(schema_kind(k)->label), nc, cols, keys) < 0) {
		snprintf(err, n, "%s", _("cannot write the output"));
		for (int j = 0; j < nc; j++) {
			free(specs[j].codes);
			free(specs[j].labels);
		}
		return ZS_ERROR;
	}
	struct ctx c = {.z = z, .k = k};
	struct fmap *m = xcalloc(1, sizeof *m);
	for (int j = 0; j < nc; j++)
		if (specs[j].f)
			specs[j].slot = fslot(m, specs[j].f->name, true);
	m->currency = fslot(m, "currency", true);
	struct ring *g = xcalloc(1, sizeof *g);
	g->w = w;
	g->nc = nc;
	for (int i = 0; i < NCHUNKS; i++) {
		g->ch[i].cap = (size_t)CHUNK_ROWS * 256;
		g->ch[i].arena = xmalloc(g->ch[i].cap);
		g->ch[i].off = xcalloc((size_t)CHUNK_ROWS * (size_t)nc, sizeof *g->ch[i].off);
	}
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	pthread_t th;
	bool threaded = pthread_create(&th, NULL, writer, g) == 0;
	const char **row = xcalloc((size_t)nc, sizeof *row); /* without a thread */
	uint64_t total = zs_count(z, k), done = 0, after = 0, ids[BATCH];
	struct rec *recs = xcalloc(BATCH, sizeof *recs);
	struct chunk *ch = ring_take(g);
	while (ch && after != UINT64_MAX) {
		size_t got = zs_scan(z, k, &after, ids, recs, BATCH);
		for (size_t i = 0; i < got && ch; i++) {
			const struct rec *r = &recs[i];
			memset(m->at, 0, sizeof m->at);
			for (size_t f = 0; f < r->n; f++) {
				size_t sl = fslot(m, r->f[f].name, false);
				if (sl < FSLOTS)
					m->at[sl] = &r->f[f];
			}
			size_t *off = ch->off + ch->rows * (size_t)nc;
			for (int j = 0; j < nc; j++) {
				if (ch->cap - ch->used < CELL_MAX) {
					ch->cap = ch->cap * 2 + CELL_MAX;
					ch->arena = xrealloc(ch->arena, ch->cap);
				}
				char *out = ch->arena + ch->used;
				cell(&c, &specs[j], ids[i], r, m, out, CELL_MAX);
				off[j] = ch->used;
				ch->used += strlen(out) + 1;
			}
			done++;
			if (++ch->rows == CHUNK_ROWS) {
				ring_give(g, true, false);
				if (!threaded)
					write_chunk(g, row); /* no thread: written here */
				ch = ring_take(g);
			}
		}
		if (progress)
			progress(pctx, done, total);
	}
	if (ch && ch->rows) {
		ring_give(g, true, false);
		if (!threaded)
			write_chunk(g, row);
	}
	ring_give(g, false, true);
	if (threaded)
		pthread_join(th, NULL);
	free(row);
	int rc = ZS_OK;
	if (g->failed) {
		snprintf(err, n, "%s", _("cannot write the output"));
		rc = ZS_ERROR;
	}
	for (int i = 0; i < NCHUNKS; i++) {
		free(g->ch[i].arena);
		free(g->ch[i].off);
	}
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->cv);
	free(g);
	for (size_t i = 0; i < BATCH; i++)
		rec_free(&recs[i]);
	free(recs);
	free(m);
	for (int j = 0; j < nc; j++) {
		free(specs[j].codes);
		free(specs[j].labels);
	}
	for (int i = 0; i < KIND_COUNT; i++)
		names_free(&c.refs[i]);
	/* The keys made with xasprintf are small and few: one per column,
	 * kept for the life of the program like the schema's own. */
	return rc;
}

/*
 * import.c - the rows of an officer's spreadsheet into the database, each
 * through the entry session, as if typed into the desk.
 *
 * Columns are found by their headers (columns.c).  The header row is the
 * one among the first rows that names the most known columns, so title
 * rows and merged-looking headers above it are passed.
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

#include "columns.h"
#include "entry.h"
#include "exchange.h"
#include "i18n.h"
#include "xalloc.h"

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
		char *text = xcell_with_unit(v, unit);
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
		vals[c] = xcell_text(xrow_cell(row, c));
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
		char *v = xcell_text(xrow_cell(r, c));
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
	xcols_build(z, k, &c);
	/* The header: the first row of the first ten naming the most columns. */
	size_t best = 0, best_row = 0;
	for (size_t ri = 0; ri < s->nrows && ri < 10; ri++) {
		size_t hits = 0;
		for (size_t col = 0; col < s->rows[ri].n; col++) {
			char unit[16];
			const char *h = xrow_cell(&s->rows[ri], col);
			hits += *h && xcols_find(&c, h, unit, sizeof unit) != NULL;
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
		xcols_free(&c);
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
		const struct target *t = *hd ? xcols_find(&c, hd, unit, sizeof unit) : NULL;
		if (t) {
			im.col[col] = *t;
			if (unit[0])
				snprintf(im.col[col].unit, sizeof im.col[col].unit, "%s", unit);
		} else if (*hd) {
			res->ignored = xreallocarray(res->ignored, res->nignored + 1, sizeof(char *));
			res->ignored[res->nignored++] = xstrdup(hd);
		}
	}
	xcols_free(&c);
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

/*
 * savedfilter.c - an officer's saved filters: a name for a search and its
 * filters, kept to be opened again.
 *
 * They are the officer's own, like the inbox's read marks: kept in the
 * store's meta table under "filters.<officer id>", one line a filter -
 * its name, then key=value cells separated by tabs (district, manager and
 * enterprise by id, stage and industry by code, amounts in 元, the order
 * and the search text) - and not logged as records.  A filter is read
 * back through zs_filter_set, so a district or stage that is gone since
 * is reported, not silently dropped.
 *
 * Each save and delete is journaled as a note ("filter", the reason
 * "save LINE" or "delete NAME"), so that an officer's filters travel
 * between copies (sync); "filters.<officer id>.at" keeps, a line a name,
 * the clock stamp of the latest change of each name, and a change from
 * another copy is taken only when it is later (filters_apply).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"

/* The meta key of my saved filters. */
static void filters_key(const struct zs *z, char *buf, size_t n)
{
	snprintf(buf, n, "filters.%llu", (unsigned long long)z->me);
}

/* My saved filters as stored ("" when none); free it. */
static char *filters_read(struct zs *z)
{
	struct store_txn *t;
	char key[48], *text = NULL;
	filters_key(z, key, sizeof key);
	if (store_read(z->st, &t) == STORE_OK) {
		if (store_meta_get(t, key, &text) != STORE_OK)
			text = NULL;
		store_done(t);
	}
	return text ? text : xstrdup("");
}

/* The stamp of the latest change of filter name of officer (0: none). */
static uint64_t stamp_of(struct store_txn *t, uint64_t officer, const char *name)
{
	char key[64], *text = NULL;
	snprintf(key, sizeof key, "filters.%llu.at", (unsigned long long)officer);
	if (store_meta_get(t, key, &text) != STORE_OK)
		return 0;
	uint64_t at = 0;
	size_t nl = strlen(name);
	for (const char *p = text; *p && !at;) {
		const char *tab = strchr(p, '\t'), *end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (tab && tab < end && (size_t)(end - tab - 1) == nl && !strncmp(tab + 1, name, nl))
			at = strtoull(p, NULL, 10);
		p = *end ? end + 1 : end;
	}
	free(text);
	return at;
}

static char *without(const char *all, const char *name);

/* Records stamp at as the latest change of filter name of officer. */
static int stamp_put(struct store_txn *t, uint64_t officer, const char *name, uint64_t at)
{
	char key[64], *text = NULL;
	snprintf(key, sizeof key, "filters.%llu.at", (unsigned long long)officer);
	if (store_meta_get(t, key, &text) != STORE_OK)
		text = xstrdup("");
	/* Lines "STAMP\tNAME": without() takes lines "NAME\t..." out, so the
	 * old line is found by hand. */
	size_t nl = strlen(name), used = 0;
	char *out = xmalloc(strlen(text) + nl + 32);
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
		const char *tab = memchr(p, '\t', len);
		size_t rest = tab ? len - (size_t)(tab + 1 - p) - (end != NULL) : 0;
		if (!(tab && rest == nl && !strncmp(tab + 1, name, nl))) {
			memcpy(out + used, p, len);
			used += len;
		}
		p += len;
	}
	snprintf(out + used, nl + 32, "%llu\t%s\n", (unsigned long long)at, name);
	int rc = store_meta_put(t, key, out);
	free(out);
	free(text);
	return rc;
}

struct put_ctx {
	const char *key, *text;
	uint64_t me;
	const char *name, *why; /* the change: "save LINE" or "delete NAME" */
};

static int put_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	int rc = store_meta_put(t, c->key, c->text);
	if (!rc)
		rc = store_origin_note(t, c->me, "filter", c->why);
	uint64_t at = 0;
	if (!rc && store_meta_get_u64(t, "hlc", &at) == STORE_OK)
		rc = stamp_put(t, c->me, c->name, at); /* the note's stamp */
	return rc;
}

/* Stores my saved filters after a change of filter name (why). */
static int filters_write(struct zs *z, const char *text, const char *name, const char *why)
{
	char key[48];
	filters_key(z, key, sizeof key);
	struct put_ctx c = {key, text, z->me, name, why};
	return zs_from_store(z, store_write(z->st, put_txn, &c));
}

int filters_apply(struct store_txn *t, uint64_t officer, const char *why, uint64_t hlc)
{
	bool save = !strncmp(why, "save ", 5), del = !strncmp(why, "delete ", 7);
	if (!save && !del)
		return STORE_OK;
	const char *line = why + (save ? 5 : 7);
	char name[ZS_FILTER_NAME_BYTES];
	size_t nl = save ? strcspn(line, "\t") : strlen(line);
	if (!nl || nl >= sizeof name || (save && !line[nl]) || strchr(line, '\n'))
		return STORE_OK; /* not a filter this copy could hold: the note stays */
	memcpy(name, line, nl);
	name[nl] = '\0';
	if (stamp_of(t, officer, name) >= hlc)
		return STORE_OK; /* a later change of it is here */
	char key[48], *all = NULL;
	snprintf(key, sizeof key, "filters.%llu", (unsigned long long)officer);
	if (store_meta_get(t, key, &all) != STORE_OK)
		all = xstrdup("");
	char *rest = without(all, name);
	char *text = save ? xasprintf("%s%s\n", rest, line) : xstrdup(rest);
	int rc = store_meta_put(t, key, text);
	if (!rc)
		rc = stamp_put(t, officer, name, hlc);
	free(text);
	free(rest);
	free(all);
	return rc;
}

/* The stored text without the line of filter name (if any). */
static char *without(const char *all, const char *name)
{
	size_t nl = strlen(name), used = 0;
	char *out = xmalloc(strlen(all) + 1);
	for (const char *p = all; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
		if (!(len > nl && !strncmp(p, name, nl) && p[nl] == '\t')) {
			memcpy(out + used, p, len);
			used += len;
		}
		p += len;
	}
	out[used] = '\0';
	return out;
}

/* Checks a filter's name: a line of visible text, at most 40 characters. */
static int check_name(struct zs *z, const char *name)
{
	if (!name || !*name)
		return zs_fail(z, ZS_INVALID, "%s", _("a saved filter needs a name"));
	enum text_fault f = text_check(name, false);
	if (f != TEXT_CLEAN)
		return zs_fail(z, ZS_INVALID, _("the filter's name: %s"), rules_text_fault(f));
	if (utf8_count(name, strlen(name)) > ZS_FILTER_NAME_MAX)
		return zs_fail(z, ZS_INVALID, _("the filter's name is longer than %d characters"),
			       ZS_FILTER_NAME_MAX);
	return ZS_OK;
}

int zs_filter_save(struct zs *z, const char *name, const struct zs_filter *f, enum zs_order order)
{
	if (!z->me)
		return zs_fail(z, ZS_DENIED, "%s", _("only an officer keeps saved filters"));
	int rc = check_name(z, name);
	if (rc)
		return rc;
	if (f->text && (strchr(f->text, '\t') || strchr(f->text, '\n') ||
			text_check(f->text, false) != TEXT_CLEAN))
		return zs_fail(z, ZS_INVALID, "%s",
			       _("the search text has a control character and cannot be saved"));
	char line[1024], d[32] = "", m[32] = "", e[32] = "";
	if (f->district)
		zs_id_text(f->district, d, sizeof d);
	if (f->manager)
		zs_id_text(f->manager, m, sizeof m);
	if (f->enterprise)
		zs_id_text(f->enterprise, e, sizeof e);
	int n = snprintf(line, sizeof line,
			 "%s\tdistrict=%s\tmanager=%s\tenterprise=%s\tstage=%s\tindustry=%s"
			 "\tmin=%lld\tmax=%lld\tunmanaged=%d\torder=%d\ttext=%s\n",
			 name, d, m, e, f->stage ? f->stage : "",
			 f->industry ? f->industry : "", (long long)f->min_amount,
			 (long long)f->max_amount, f->unmanaged ? 1 : 0, (int)order,
			 f->text ? f->text : "");
	if (n < 0 || (size_t)n >= sizeof line)
		return zs_fail(z, ZS_INVALID, "%s", _("the filter is too long to be saved"));
	char *all = filters_read(z), *rest = without(all, name);
	char *text = xasprintf("%s%s", rest, line);
	line[n - 1] = '\0';
	char *why = xasprintf("save %s", line);
	rc = filters_write(z, text, name, why);
	free(why);
	free(all);
	free(rest);
	free(text);
	return rc;
}

int zs_filter_delete(struct zs *z, const char *name)
{
	char *all = filters_read(z), *rest = without(all, name);
	char *why = xasprintf("delete %s", name);
	int rc = strlen(rest) == strlen(all)
			 ? zs_fail(z, ZS_NOTFOUND, _("no saved filter is called %s"), name)
			 : filters_write(z, rest, name, why);
	free(why);
	free(all);
	free(rest);
	return rc;
}

size_t zs_filter_names(struct zs *z, char (*names)[ZS_FILTER_NAME_BYTES], size_t max)
{
	char *all = filters_read(z);
	size_t n = 0;
	for (const char *p = all; *p;) {
		const char *tab = strchr(p, '\t'), *end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (tab && tab < end && tab - p < ZS_FILTER_NAME_BYTES) {
			if (n < max)
				snprintf(names[n], ZS_FILTER_NAME_BYTES, "%.*s", (int)(tab - p), p);
			n++;
		}
		p = *end ? end + 1 : end;
	}
	free(all);
	return n;
}

int zs_filter_load(struct zs *z, const char *name, struct zs_filter *f, enum zs_order *order,
		   char *text, size_t textlen)
{
	char *all = filters_read(z);
	size_t nl = strlen(name);
	const char *line = NULL;
	for (const char *p = all; *p && !line;) {
		if (!strncmp(p, name, nl) && p[nl] == '\t')
			line = p + nl + 1;
		const char *end = strchr(p, '\n');
		p = end ? end + 1 : p + strlen(p);
	}
	if (!line) {
		free(all);
		return zs_fail(z, ZS_NOTFOUND, _("no saved filter is called %s"), name);
	}
	memset(f, 0, sizeof *f);
	*order = ZS_NEWEST;
	text[0] = '\0';
	int rc = ZS_OK;
	char cell[600], msg[512];
	for (const char *p = line; *p && *p != '\n' && rc == ZS_OK;) {
		size_t len = strcspn(p, "\t\n");
		snprintf(cell, sizeof cell, "%.*s", (int)len, p);
		p += len + (p[len] == '\t');
		char *eq = strchr(cell, '=');
		if (!eq)
			continue;
		*eq++ = '\0';
		if (!strcmp(cell, "min") || !strcmp(cell, "max")) {
			*(cell[1] == 'i' ? &f->min_amount : &f->max_amount) = strtoll(eq, NULL, 10);
		} else if (!strcmp(cell, "unmanaged")) {
			f->unmanaged = *eq == '1';
		} else if (!strcmp(cell, "order")) {
			int o = atoi(eq);
			*order = o >= 0 && o <= 3 ? (enum zs_order)o : ZS_NEWEST;
		} else if (!strcmp(cell, "text")) {
			snprintf(text, textlen, "%s", eq);
			f->text = *text ? text : NULL;
		} else if (*eq && zs_filter_set(z, f, cell, eq, msg, sizeof msg) < 0) {
			rc = zs_fail(z, ZS_INVALID, _("saved filter %s: %s"), name, msg);
		}
	}
	free(all);
	return rc;
}

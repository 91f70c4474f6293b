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

struct put_ctx {
	const char *key, *text;
};

static int put_txn(struct store_txn *t, void *vctx)
{
	struct put_ctx *c = vctx;
	return store_meta_put(t, c->key, c->text);
}

/* Stores my saved filters. */
static int filters_write(struct zs *z, const char *text)
{
	char key[48];
	filters_key(z, key, sizeof key);
	struct put_ctx c = {key, text};
	return zs_from_store(z, store_write(z->st, put_txn, &c));
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
	rc = filters_write(z, text);
	free(all);
	free(rest);
	free(text);
	return rc;
}

int zs_filter_delete(struct zs *z, const char *name)
{
	char *all = filters_read(z), *rest = without(all, name);
	int rc = strlen(rest) == strlen(all)
			 ? zs_fail(z, ZS_NOTFOUND, _("no saved filter is called %s"), name)
			 : filters_write(z, rest);
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

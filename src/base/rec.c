/*
 * rec.c - records as small arrays of named fields.
 *
 * Records are short (tens of fields), so a linear search over an array
 * beats any map, keeps field order stable for display and encoding, and
 * makes copies and diffs trivial.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"
#include "xalloc.h"

void rec_init(struct rec *r)
{
	memset(r, 0, sizeof *r);
}

void rec_value_free(struct rec_value *v)
{
	free(v->s);
	for (size_t i = 0; i < v->n; i++)
		free(v->items[i]);
	free(v->items);
	memset(v, 0, sizeof *v);
}

void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->f[i].name);
		rec_value_free(&r->f[i].v);
	}
	free(r->f);
	rec_init(r);
}

void rec_value_copy(struct rec_value *out, const struct rec_value *v)
{
	*out = *v;
	out->s = v->s ? xmemdup(v->s, v->len) : NULL;
	out->items = NULL;
	if (v->type == REC_LIST && v->n) {
		out->items = xrealloc(NULL, v->n * sizeof *out->items);
		for (size_t i = 0; i < v->n; i++)
			out->items[i] = xmemdup(v->items[i], strlen(v->items[i]));
	}
}

void rec_copy(struct rec *dst, const struct rec *src)
{
	*dst = *src;
	dst->f = src->n ? xrealloc(NULL, src->n * sizeof *dst->f) : NULL;
	dst->cap = src->n;
	for (size_t i = 0; i < src->n; i++) {
		dst->f[i].name = xmemdup(src->f[i].name, strlen(src->f[i].name));
		rec_value_copy(&dst->f[i].v, &src->f[i].v);
		dst->f[i].stamp = src->f[i].stamp;
	}
}

struct rec_field *rec_find(const struct rec *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return &r->f[i];
	return NULL;
}

void rec_unset(struct rec *r, const char *name)
{
	struct rec_field *f = rec_find(r, name);
	if (!f)
		return;
	free(f->name);
	rec_value_free(&f->v);
	size_t i = (size_t)(f - r->f);
	memmove(f, f + 1, (r->n - i - 1) * sizeof *f);
	r->n--;
}

void rec_set(struct rec *r, const char *name, const struct rec_value *v)
{
	if (v->type == REC_NULL) {
		rec_unset(r, name);
		return;
	}
	struct rec_field *f = rec_find(r, name);
	if (f) {
		struct rec_value copy;
		rec_value_copy(&copy, v);
		rec_value_free(&f->v);
		f->v = copy;
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = xrealloc(r->f, r->cap * sizeof *r->f);
	}
	f = &r->f[r->n++];
	f->name = xmemdup(name, strlen(name));
	f->stamp = 0;
	rec_value_copy(&f->v, v);
}

void rec_set_int(struct rec *r, const char *name, int64_t i)
{
	struct rec_value v = {.type = REC_INT, .i = i};
	rec_set(r, name, &v);
}

void rec_set_bool(struct rec *r, const char *name, bool b)
{
	struct rec_value v = {.type = REC_BOOL, .i = b};
	rec_set(r, name, &v);
}

void rec_set_text(struct rec *r, const char *name, const char *s)
{
	if (!s || !*s) {
		rec_unset(r, name);
		return;
	}
	struct rec_value v = {.type = REC_TEXT, .s = (char *)s, .len = strlen(s)};
	rec_set(r, name, &v);
}

void rec_set_list(struct rec *r, const char *name, char *const *items, size_t n)
{
	if (n == 0) {
		rec_unset(r, name);
		return;
	}
	struct rec_value v = {.type = REC_LIST, .items = (char **)items, .n = n};
	rec_set(r, name, &v);
}

const char *rec_text(const struct rec *r, const char *name, const char *def)
{
	const struct rec_field *f = rec_find(r, name);
	return f && f->v.type == REC_TEXT ? f->v.s : def;
}

int64_t rec_int(const struct rec *r, const char *name, int64_t def)
{
	const struct rec_field *f = rec_find(r, name);
	return f && f->v.type == REC_INT ? f->v.i : def;
}

bool rec_bool(const struct rec *r, const char *name, bool def)
{
	const struct rec_field *f = rec_find(r, name);
	return f && f->v.type == REC_BOOL ? f->v.i != 0 : def;
}

bool rec_value_equal(const struct rec_value *a, const struct rec_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case REC_NULL:
		return true;
	case REC_INT:
	case REC_BOOL:
		return a->i == b->i;
	case REC_TEXT:
	case REC_RAW:
		return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
	case REC_LIST:
		if (a->n != b->n)
			return false;
		for (size_t i = 0; i < a->n; i++)
			if (strcmp(a->items[i], b->items[i]) != 0)
				return false;
		return true;
	}
	return false;
}

char *rec_value_str(const struct rec_value *v, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	switch (v->type) {
	case REC_NULL:
		break;
	case REC_INT:
		snprintf(buf, n, "%lld", (long long)v->i);
		break;
	case REC_BOOL:
		snprintf(buf, n, "%s", v->i ? "true" : "false");
		break;
	case REC_TEXT:
		snprintf(buf, n, "%s", v->s);
		break;
	case REC_RAW:
		snprintf(buf, n, "<%zu bytes>", v->len);
		break;
	case REC_LIST: {
		size_t used = 0;
		for (size_t i = 0; i < v->n && used < n; i++)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "、" : "",
						 v->items[i]);
		break;
	}
	}
	return buf;
}

void rec_list_append(struct rec *r, const char *name, const char *item)
{
	const struct rec_field *f = rec_find(r, name);
	size_t n = f && f->v.type == REC_LIST ? f->v.n : 0;
	char **items = xreallocarray(NULL, n + 1, sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = f->v.items[i];
	items[n] = (char *)item;
	struct rec_value v = {.type = REC_LIST, .items = items, .n = n + 1};
	rec_set(r, name, &v); /* copies before the old value goes */
	free(items);
}

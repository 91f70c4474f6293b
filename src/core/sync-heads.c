/*
 * sync-heads.c - the changes of a field that no later change has seen
 * (its heads), kept in the conflict queue when there are two or more.
 *
 * The queue lives in meta: "conflict.<table>.<id>.<field>" (the sides,
 * values as text), "conflicts" (the list of those keys) and
 * "resolved.<table>.<id>.<field>.<stamp>" (a side settled).
 */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* ---- values as text in meta (the conflict queue) ---- */

/* Appends s to b escaping backslash, tab and newline. */
static void esc_add(struct head_ctx *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char e[3] = {s[i], 0, 0};
		if (s[i] == '\\' || s[i] == '\t' || s[i] == '\n' || s[i] == '\x1f') {
			e[0] = '\\';
			e[1] = s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' : s[i] == '\\' ? '\\' : 'u';
		}
		size_t l = strlen(e);
		if (b->len + l + 1 > b->cap) {
			b->cap = (b->len + l + 1) * 2 + 64;
			b->text = xrealloc(b->text, b->cap);
		}
		memcpy(b->text + b->len, e, l + 1);
		b->len += l;
	}
}

void sync_lit_add(struct head_ctx *b, const char *s)
{
	size_t l = strlen(s);
	if (b->len + l + 1 > b->cap) {
		b->cap = (b->len + l + 1) * 2 + 64;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, l + 1);
	b->len += l;
}

/* A value as "type:payload" (n null, i int, b bool, t text, l list, r raw). */
static void value_enc(struct head_ctx *b, const struct rec_value *v)
{
	char num[32];
	switch (v ? v->type : REC_NULL) {
	case REC_NULL:
		sync_lit_add(b, "n:");
		break;
	case REC_INT:
	case REC_BOOL:
		snprintf(num, sizeof num, "%c:%" PRId64, v->type == REC_INT ? 'i' : 'b', v->i);
		sync_lit_add(b, num);
		break;
	case REC_TEXT:
		sync_lit_add(b, "t:");
		esc_add(b, v->s, v->len);
		break;
	case REC_LIST:
		sync_lit_add(b, "l:");
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sync_lit_add(b, "\\u");
			esc_add(b, v->items[i], strlen(v->items[i]));
		}
		break;
	case REC_RAW:
		sync_lit_add(b, "r:");
		break;
	}
}

/* Unescapes s[0..n) into a new string. */
static char *unesc(const char *s, size_t n)
{
	char *o = xmalloc(n + 1), *p = o;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*p++ = s[i] == 't'   ? '\t'
			       : s[i] == 'n' ? '\n'
			       : s[i] == 'u' ? '\x1f'
			                     : s[i];
		} else
			*p++ = s[i];
	}
	*p = '\0';
	return o;
}

/* Decodes value_enc's text s[0..n) into v. */
void sync_value_dec(const char *s, size_t n, struct rec_value *v)
{
	memset(v, 0, sizeof *v);
	if (n < 2)
		return;
	char *x = unesc(s + 2, n - 2);
	switch (s[0]) {
	case 'i':
	case 'b':
		v->type = s[0] == 'i' ? REC_INT : REC_BOOL;
		v->i = strtoll(x, NULL, 10);
		free(x);
		break;
	case 't':
		v->type = REC_TEXT;
		v->s = x;
		v->len = strlen(x);
		break;
	case 'l': {
		v->type = REC_LIST;
		for (char *q = x, *e; q; q = e ? e + 1 : NULL) {
			e = strchr(q, '\x1f');
			if (e)
				*e = '\0';
			v->items = xreallocarray(v->items, v->n + 1, sizeof *v->items);
			v->items[v->n++] = xstrdup(q);
		}
		free(x);
		break;
	}
	default:
		free(x);
		break;
	}
}

/* ---- merge ---- */

/* Fields that change together and merge as one: a stage, its date and
 * the first-talk state the rules derive from them; an amount and its
 * currency. */
static const char *const groups[][8] = {
    {"stage", "stage_date", "ft_registered", "ft_district", "ft_until", "ft_status", "ft_claim_of",
     NULL},
    {"investment", "currency", NULL},
};

/* The group of field f (its first member names it), or f itself. */
const char *sync_group_of(const char *f, int *gi)
{
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
		for (int i = 0; groups[g][i]; i++)
			if (!strcmp(groups[g][i], f)) {
				*gi = (int)g;
				return groups[g][0];
			}
	*gi = -1;
	return f;
}

/* The operation that last set field f of a record: its stamp, node and author. */
void sync_last_setter(struct store_txn *t, const struct store_table *tab, uint64_t id, int gi,
                      const char *f, uint64_t *hlc, unsigned *node, uint64_t *who)
{
	struct store_log *e = NULL;
	size_t n = 0;
	*node = 0;
	*who = 0;
	store_history(t, tab, id, &e, &n);
	for (size_t i = n; i-- > 0;) {
		bool sets = e[i].created;
		for (size_t j = 0; j < e[i].n && !sets; j++) {
			int gj;
			sets = gi >= 0 ? (sync_group_of(e[i].c[j].field, &gj), gj == gi)
			               : !strcmp(e[i].c[j].field, f);
		}
		if (sets) {
			*hlc = e[i].hlc;
			*node = (unsigned)e[i].node;
			*who = e[i].actor;
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		store_log_free(&e[i]);
	free(e);
}

/* The id shown for a conflict key: the same on every copy. */
void sync_conflict_id(const char *key, char id[9])
{
	unsigned char h[4];
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
	sodium_bin2hex(id, 9, h, sizeof h);
}

/* True when a resolution has already settled stamp hlc of field f. */
static bool resolved(struct store_txn *t, const char *table, uint64_t id, const char *f,
                     uint64_t hlc)
{
	char key[160], *v;
	snprintf(key, sizeof key, "resolved.%s.%" PRIu64 ".%s.%" PRIu64, table, id, f, hlc);
	if (store_meta_get(t, key, &v) != STORE_OK)
		return false;
	free(v);
	return true;
}

/* Tells the caller of an import about one operation. */
void sync_say(struct apply_ctx *c, const char *fmt, ...)
{
	if (!c->st->note)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	c->st->note(c->st->note_ctx, line);
}

void sync_sides_free(struct sides *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].vals.text);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Adds a side unless one of the same stamp and node is there; keeps
 * them in order of stamp, then node. */
static struct side *sides_add(struct sides *s, uint64_t hlc, unsigned node, uint64_t who)
{
	size_t at = 0;
	while (at < s->n && (s->v[at].hlc < hlc || (s->v[at].hlc == hlc && s->v[at].node < node)))
		at++;
	if (at < s->n && s->v[at].hlc == hlc && s->v[at].node == node)
		return NULL;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
	s->n++;
	memset(&s->v[at], 0, sizeof s->v[at]);
	s->v[at].hlc = hlc;
	s->v[at].node = node;
	s->v[at].who = who;
	sync_lit_add(&s->v[at].vals, "");
	return &s->v[at];
}

/* Reads a conflict's text: "S hlc node who" lines, each followed by its
 * "S.field\tvalue" lines (S a letter). */
void sync_sides_parse(const char *text, struct sides *s)
{
	struct side *cur = NULL;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 2 && p[1] == ' ') {
			unsigned long long h = 0, w = 0;
			unsigned node = 0;
			sscanf(p + 2, "%llu %u %llu", &h, &node, &w);
			cur = sides_add(s, h, node, w);
		} else if (len > 2 && p[1] == '.' && cur) {
			char *line = xmemdup(p + 2, len - 2);
			sync_lit_add(&cur->vals, line);
			sync_lit_add(&cur->vals, "\n");
			free(line);
		}
		p += len + (nl != NULL);
	}
}

/* The text of the sides, lettered A, B, ... */
static char *sides_text(const struct sides *s)
{
	struct head_ctx b = {NULL, 0, 0};
	sync_lit_add(&b, "");
	for (size_t i = 0; i < s->n; i++) {
		char letter = (char)('A' + (i < 26 ? i : 25));
		char line[96];
		snprintf(line, sizeof line, "%c %" PRIu64 " %u %" PRIu64 "\n", letter, s->v[i].hlc,
		         s->v[i].node, s->v[i].who);
		sync_lit_add(&b, line);
		const char *v = s->v[i].vals.text;
		while (v && *v) {
			const char *nl = strchr(v, '\n');
			size_t len = nl ? (size_t)(nl - v) + 1 : strlen(v);
			char *one = xmemdup(v, len);
			char pre[3] = {letter, '.', 0};
			sync_lit_add(&b, pre);
			sync_lit_add(&b, one);
			free(one);
			v += len;
		}
	}
	return b.text;
}

/* Parses a resolution's reason "conflict TABLE ID FIELD STAMP..." and
 * settles it here: the sides it names are marked resolved and leave the
 * queue; a side it did not know (made meanwhile elsewhere) stays. */
int sync_settle(struct store_txn *t, const char *why)
{
	char table[32], field[64];
	unsigned long long id;
	int used = 0;
	if (!why || sscanf(why, "conflict %31s %llu %63s%n", table, &id, field, &used) != 3)
		return STORE_OK;
	char key[160], *text = NULL;
	snprintf(key, sizeof key, "conflict.%s.%llu.%s", table, id, field);
	struct sides sd = {NULL, 0};
	if (store_meta_get(t, key, &text) == STORE_OK)
		sync_sides_parse(text, &sd);
	free(text);
	int rc = STORE_OK;
	for (const char *p = why + used; *p && !rc;) {
		char *end;
		unsigned long long h = strtoull(p, &end, 10);
		if (end == p)
			break;
		p = end;
		snprintf(key, sizeof key, "resolved.%s.%llu.%s.%llu", table, id, field, h);
		rc = store_meta_put(t, key, "1");
		for (size_t i = 0; i < sd.n; i++)
			if (sd.v[i].hlc == h) {
				free(sd.v[i].vals.text);
				memmove(sd.v + i, sd.v + i + 1, (sd.n - i - 1) * sizeof *sd.v);
				sd.n--;
				break;
			}
	}
	snprintf(key, sizeof key, "conflict.%s.%llu.%s", table, id, field);
	if (!rc && sd.n < 1) {
		rc = store_meta_put(t, key, "");
	} else if (!rc) {
		char *nt = sides_text(&sd);
		rc = store_meta_put(t, key, nt);
		free(nt);
	}
	sync_sides_free(&sd);
	return rc;
}

/* Adds the key of a conflict to the list of them ("conflicts"). */
static int list_conflict(struct store_txn *t, const char *key)
{
	char *all = NULL;
	if (store_meta_get(t, "conflicts", &all) != STORE_OK)
		all = xstrdup("");
	char line[168], nline[170];
	snprintf(line, sizeof line, "%s\n", key);
	snprintf(nline, sizeof nline, "\n%s", line);
	int rc = STORE_OK;
	if (strncmp(all, line, strlen(line)) != 0 && !strstr(all, nline)) {
		char *more = xmalloc(strlen(all) + strlen(line) + 1);
		strcpy(more, all);
		strcat(more, line);
		rc = store_meta_put(t, "conflicts", more);
		free(more);
	}
	free(all);
	return rc;
}

/* Marks stamp hlc of a group of a record as superseded: a later change
 * saw it, or a resolution chose between it and others. */
static int supersede(struct store_txn *t, const char *table, uint64_t id, const char *g,
                     uint64_t hlc)
{
	char key[160];
	snprintf(key, sizeof key, "resolved.%s.%" PRIu64 ".%s.%" PRIu64, table, id, g, hlc);
	return store_meta_put(t, key, "1");
}

/* Appends the values of a group's fields (from the operation where it
 * sets them, else from cur) to a side. */
static void side_values(struct side *sv, const char *const *fields, const struct rec *cur,
                        const struct store_log *e)
{
	for (int i = 0; fields[i]; i++) {
		const struct rec_field *f = rec_find(cur, fields[i]);
		const struct rec_value *v = f ? &f->v : NULL;
		for (size_t j = 0; e && j < e->n; j++)
			if (!strcmp(e->c[j].field, fields[i]))
				v = e->c[j].new.type == REC_NULL ? NULL : &e->c[j].new;
		sync_lit_add(&sv->vals, fields[i]);
		sync_lit_add(&sv->vals, "\t");
		value_enc(&sv->vals, v);
		sync_lit_add(&sv->vals, "\n");
	}
}

/* Number of different values sync_among the sides. */
static size_t distinct_sides(const struct sides *sd)
{
	size_t n = 0;
	for (size_t i = 0; i < sd->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(sd->v[i].vals.text ? sd->v[i].vals.text : "",
			               sd->v[j].vals.text ? sd->v[j].vals.text : "");
		n += !seen;
	}
	return n;
}

/* Keeps the changes of a group that no later change has seen (its heads)
 * after operation e: what e saw is superseded, e joins the others.  Two
 * or more heads are a conflict.  The heads are those of the whole set of
 * operations held, so every copy that holds the same ones has the same
 * queue, whatever order they came in. */
int sync_track_heads(struct apply_ctx *c, struct store_txn *t, enum kind k, uint64_t id,
                     const char *gname, int gi, const struct rec *cur, const struct store_log *e,
                     uint64_t cur_hlc, uint64_t holder)
{
	const char *one[2] = {gname, NULL};
	const char *const *fields = gi >= 0 ? groups[gi] : one;
	const char *table = zs_tables[k].name;
	uint64_t replaced = 0;
	for (size_t j = 0; j < e->n; j++) {
		int gj;
		if (!strcmp(sync_group_of(e->c[j].field, &gj), gname) &&
		    e->c[j].replaced > replaced)
			replaced = e->c[j].replaced;
	}
	int rc = STORE_OK;
	char key[160], *old = NULL;
	snprintf(key, sizeof key, "conflict.%s.%" PRIu64 ".%s", table, id, gname);
	struct sides sd = {NULL, 0};
	bool had = store_meta_get(t, key, &old) == STORE_OK && *old;
	if (had)
		sync_sides_parse(old, &sd);
	free(old);
	/* What e saw is superseded.  Marked only when it is not here yet
	 * (e came first by another way), so that it is not taken for a head
	 * when it comes; a mark per edit would fill meta for nothing. */
	bool known = !replaced || replaced == cur_hlc;
	for (size_t i = 0; i < sd.n && !known; i++)
		known = sd.v[i].hlc == replaced;
	if (!known && (rc = supersede(t, table, id, gname, replaced)))
		return rc;
	bool e_live = !resolved(t, table, id, gname, e->hlc);
	if (!had && e_live && cur_hlc && cur_hlc != replaced &&
	    !resolved(t, table, id, gname, cur_hlc)) {
		/* The value held so far is a head of its own. */
		unsigned node;
		uint64_t who, h = cur_hlc;
		sync_last_setter(t, &c->z->tables[k], id, gi, gname, &h, &node, &who);
		struct side *sv = sides_add(&sd, cur_hlc, node, who);
		if (sv)
			side_values(sv, fields, cur, NULL);
	}
	for (size_t i = sd.n; i-- > 0;)
		if ((replaced && sd.v[i].hlc == replaced) ||
		    resolved(t, table, id, gname, sd.v[i].hlc)) {
			free(sd.v[i].vals.text);
			memmove(sd.v + i, sd.v + i + 1, (sd.n - i - 1) * sizeof *sd.v);
			sd.n--;
		}
	size_t before = had ? 2 : 1;
	if (e_live) {
		struct side *sv = sides_add(&sd, e->hlc, (unsigned)e->node, e->actor);
		if (sv)
			side_values(sv, fields, cur, e);
	}
	/* The heads are written out unless they are just the change that
	 * holds the field now (holder), which the record itself tells. */
	if (sd.n >= 2 || (sd.n == 1 && sd.v[0].hlc != holder)) {
		char *text = sides_text(&sd);
		rc = store_meta_put(t, key, text);
		free(text);
		if (!rc)
			rc = list_conflict(t, key);
		if (!rc && sd.n >= 2 && distinct_sides(&sd) >= 2 && before < 2) {
			char cid[9], idt[32];
			sync_conflict_id(key, cid);
			zs_id_text(id, idt, sizeof idt);
			c->st->conflicts++;
			/* In words: "项目 3001 的「产业方向」", not the table and field. */
			sync_say(c, _("conflict %s: %s %s, %s changed on two copies"), cid,
			         _(schema_kind(k)->label), idt, zs_field_label(k, gname));
		}
	} else if (had) {
		rc = store_meta_put(t, key, "");
	}
	sync_sides_free(&sd);
	return rc;
}

struct catch_ctx {
	struct apply_ctx *c;
	struct store_txn *t;
	uint64_t last;
	int rc;
};

/* True when group g of a record has an open entry in the queue. */
static bool has_entry(struct store_txn *t, const char *table, uint64_t id, const char *g)
{
	char key[160], *text = NULL;
	snprintf(key, sizeof key, "conflict.%s.%" PRIu64 ".%s", table, id, g);
	bool open = store_meta_get(t, key, &text) == STORE_OK && *text;
	free(text);
	return open;
}

/* Brings one of this copy's own writes into the conflict queue. */
static int catch_one(void *vctx, const struct store_log *raw)
{
	struct catch_ctx *cc = vctx;
	struct zs *z = cc->c->z;
	cc->last = raw->seq;
	int k = schema_kind_by_name(raw->table);
	if (raw->node != store_node(z->st) || raw->created || k < 0 || !raw->n)
		return 0;
	/* Only groups with an open entry: the others have one head. */
	bool any = false;
	for (size_t i = 0; i < raw->n && !any; i++) {
		int gi;
		any = has_entry(cc->t, raw->table, raw->id, sync_group_of(raw->c[i].field, &gi));
	}
	if (!any)
		return 0;
	struct store_log e;
	struct rec cur;
	rec_init(&cur);
	if (store_log_get(cc->t, raw->seq, &e) != STORE_OK) {
		rec_free(&cur);
		return 0;
	}
	if (store_get(cc->t, &z->tables[k], raw->id, &cur) != STORE_OK) {
		store_log_free(&e);
		rec_free(&cur);
		return 0;
	}
	bool *done = xcalloc(e.n ? e.n : 1, sizeof *done);
	for (size_t i = 0; i < e.n && !cc->rc; i++) {
		if (done[i])
			continue;
		int gi;
		const char *g = sync_group_of(e.c[i].field, &gi);
		for (size_t j = i; j < e.n; j++) {
			int gj;
			if (!strcmp(sync_group_of(e.c[j].field, &gj), g))
				done[j] = true;
		}
		uint64_t holder = 0;
		for (size_t j = 0; j < e.n; j++) {
			int gj;
			const struct rec_field *f = rec_find(&cur, e.c[j].field);
			if (!strcmp(sync_group_of(e.c[j].field, &gj), g) && f && f->stamp > holder)
				holder = f->stamp;
		}
		if (has_entry(cc->t, raw->table, raw->id, g))
			cc->rc = sync_track_heads(cc->c, cc->t, (enum kind)k, raw->id, g, gi, &cur,
			                          &e, 0, holder);
	}
	free(done);
	rec_free(&cur);
	store_log_free(&e);
	return cc->rc != 0;
}

/* The conflict queue follows this copy's own writes too (an officer's
 * edit of a field in conflict supersedes the side it saw): the writes
 * since the last look ("heads.seq") are brought in. */
int sync_catch_up(struct apply_ctx *c, struct store_txn *t)
{
	uint64_t from = 0, last = 0;
	store_meta_get_u64(t, "seq.log", &last);
	if (store_meta_get_u64(t, "heads.seq", &from) != STORE_OK || from > last)
		return store_meta_put_u64(t, "heads.seq", last);
	if (from == last)
		return STORE_OK;
	struct catch_ctx cc = {c, t, from, STORE_OK};
	int rc = store_log_scan(t, 0, false, from + 1, catch_one, &cc);
	if (!rc)
		rc = cc.rc;
	if (!rc)
		rc = store_meta_put_u64(t, "heads.seq", last);
	return rc;
}

/*
 * sync-apply.c - applying a batch of operations: each merged field by
 * field into its record, as its author, in one transaction per batch.
 */
#include <config.h>

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "sync-int.h"
#include "sync.h"
#include "xalloc.h"

/* Swaps the session's officer for the author of an operation, so that
 * the save path checks what the author may do; returns false when the
 * author is not an officer here. */
static bool become(struct zs *z, struct store_txn *t, uint64_t who, uint64_t *saved_me,
                   struct rec *saved_rec)
{
	*saved_me = z->me;
	*saved_rec = z->me_rec;
	rec_init(&z->me_rec);
	z->me = who;
	if (!who)
		return true;
	return store_get(t, &z->tables[KIND_OFFICER], who, &z->me_rec) == STORE_OK;
}

static void unbecome(struct zs *z, uint64_t saved_me, struct rec *saved_rec)
{
	rec_free(&z->me_rec);
	z->me = saved_me;
	z->me_rec = *saved_rec;
}

/* True when login-list officers (of an enrolment) names the officer id. */
bool sync_among(struct zs *z, struct store_txn *t, const char *officers, uint64_t who)
{
	if (!*officers || !who)
		return true;
	struct rec r;
	rec_init(&r);
	bool found = false;
	if (store_get(t, &z->tables[KIND_OFFICER], who, &r) == STORE_OK) {
		const char *login = rec_text(&r, "login", "");
		char buf[512];
		snprintf(buf, sizeof buf, "%s", officers);
		char *save = NULL;
		for (char *s = strtok_r(buf, ",", &save); s && !found;
		     s = strtok_r(NULL, ",", &save))
			found = !strcmp(s, login);
	}
	rec_free(&r);
	return found;
}

struct merge_ctx {
	struct apply_ctx *c;
	struct store_log *e;
	enum kind k;
	uint64_t conflicts;
	const unsigned char *op;
	size_t oplen;
};

/* The meta key of the changes kept for a record not here yet. */
static void stash_key(char *key, size_t n, const char *table, uint64_t id)
{
	snprintf(key, n, "absent.%s.%" PRIu64, table, id);
}

/* Keeps operation op (hex, one a line) until its record comes. */
static int stash(struct store_txn *t, const struct store_log *e, const unsigned char *op, size_t n)
{
	char key[96], *old = NULL;
	stash_key(key, sizeof key, e->table, e->id);
	if (store_meta_get(t, key, &old) != STORE_OK)
		old = xstrdup("");
	size_t ol = strlen(old);
	char *text = xmalloc(ol + 2 * n + 2);
	memcpy(text, old, ol);
	sodium_bin2hex(text + ol, 2 * n + 1, op, n);
	strcpy(text + ol + 2 * n, "\n");
	int rc = store_meta_put(t, key, text);
	free(text);
	free(old);
	return rc;
}

static int merge_txn(struct store_txn *t, void *vctx);

/* Applies the changes kept for record id of table, now that it is here. */
static int unstash(struct apply_ctx *c, struct store_txn *t, const char *table, uint64_t id)
{
	char key[96], *text = NULL;
	stash_key(key, sizeof key, table, id);
	if (store_meta_get(t, key, &text) != STORE_OK)
		return STORE_OK;
	int rc = store_meta_put(t, key, "");
	for (char *p = text; *p && rc == STORE_OK;) {
		char *nl = strchr(p, '\n');
		size_t hl = nl ? (size_t)(nl - p) : strlen(p);
		unsigned char *op = xmalloc(hl / 2 + 1);
		size_t n = 0;
		struct store_log e;
		if (sodium_hex2bin(op, hl / 2 + 1, p, hl, NULL, &n, NULL) == 0 &&
		    store_op_decode(op, n, &e) == 0) {
			int k = schema_kind_by_name(e.table);
			struct store_origin o = {e.node, e.origin_seq, e.hlc, op, n, true};
			store_txn_origin(t, &o);
			struct merge_ctx m = {c, &e, (enum kind)k, 0, op, n};
			if (k >= 0 && store_nested(t, merge_txn, &m) == STORE_OK)
				c->st->conflicts += m.conflicts;
			zs_fail_clear(c->z);
			store_txn_origin(t, NULL);
			store_log_free(&e);
		}
		free(op);
		p = nl ? nl + 1 : p + hl;
	}
	free(text);
	return rc;
}

/* Merges operation e into its record and saves the result, in a nested
 * transaction that leaves nothing behind when the save is refused. */
static int merge_txn(struct store_txn *t, void *vctx)
{
	struct merge_ctx *m = vctx;
	struct apply_ctx *c = m->c;
	struct store_log *e = m->e;
	struct zs *z = c->z;
	int k = (int)m->k;
	const struct store_table *tab = &z->tables[k];
	char idt[32];
	zs_id_text(e->id, idt, sizeof idt);
	uint64_t before = c->st->conflicts;
	int rc;
	struct rec cur, r;
	rec_init(&cur);
	rc = store_get(t, tab, e->id, &cur);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	bool exists = rc == STORE_OK;
	rc = STORE_OK;
	if (exists)
		rec_copy(&r, &cur);
	else
		rec_init(&r);
	if (!exists && !e->created) {
		/* A change of a record not here yet (made where it came first)
		 * or never (another district's): kept, and applied when the
		 * record comes. */
		rec_free(&cur);
		rec_free(&r);
		rc = stash(t, e, m->op, m->oplen);
		if (!rc)
			rc = store_origin_note(t, e->actor, "absent", NULL);
		return rc;
	}
	bool *done = xcalloc(e->n ? e->n : 1, sizeof *done);
	for (size_t i = 0; i < e->n && rc == STORE_OK; i++) {
		if (done[i])
			continue;
		int gi;
		const char *gname = sync_group_of(e->c[i].field, &gi);
		/* Did the operation see the current value(s) of the group, and
		 * is it later than them?  The later change holds the field on
		 * every copy (by stamp, then node), whatever order they came in. */
		bool saw = true, differs = false;
		uint64_t cur_hlc = 0;
		for (size_t j = i; j < e->n; j++) {
			int gj;
			if (strcmp(sync_group_of(e->c[j].field, &gj), gname))
				continue;
			done[j] = true;
			const struct rec_field *f = rec_find(&cur, e->c[j].field);
			uint64_t stamp = f ? (f->stamp ? f->stamp : cur.created) : 0;
			if (f && stamp > cur_hlc)
				cur_hlc = stamp;
			static const struct rec_value none = {0};
			const struct rec_value *cv = f ? &f->v : &none;
			if (exists && !(stamp == e->c[j].replaced || (!f && e->c[j].replaced == 0)))
				saw = false;
			if (!rec_value_equal(cv, &e->c[j].new))
				differs = true;
		}
		bool take = !exists || e->hlc > cur_hlc;
		if (exists && e->hlc == cur_hlc) {
			unsigned cur_node = 0;
			uint64_t cur_who = 0, sh = cur_hlc;
			sync_last_setter(t, tab, e->id, gi, gname, &sh, &cur_node, &cur_who);
			take = e->node > cur_node;
		}
		(void)saw;
		(void)differs;
		if (exists)
			rc = sync_track_heads(c, t, (enum kind)k, e->id, gname, gi, &cur, e,
			                      cur_hlc, take ? e->hlc : cur_hlc);
		if (take)
			for (size_t j = 0; j < e->n; j++) {
				int gj;
				if (strcmp(sync_group_of(e->c[j].field, &gj), gname))
					continue;
				rec_set(&r, e->c[j].field, &e->c[j].new);
				struct rec_field *f = rec_find(&r, e->c[j].field);
				if (f)
					f->stamp =
					    e->hlc; /* kept even where the value is the same */
			}
	}
	free(done);
	if (rc == STORE_OK) {
		uint64_t saved_me;
		struct rec saved_rec;
		bool known = become(z, t, e->actor, &saved_me, &saved_rec);
		if (!known) {
			unbecome(z, saved_me, &saved_rec);
			zs_fail(z, ZS_DENIED, _("officer %" PRIu64 " is not an officer here"),
			        e->actor);
			rc = STORE_ERROR;
		} else {
			r.version = exists ? cur.version : 0;
			zs_fail_clear(z);
			rc = save_apply(z, t, (enum kind)k, e->id, &r, e->op[0] ? e->op : "sync",
			                e->why);
			unbecome(z, saved_me, &saved_rec);
			if (rc == STORE_OK && store_origin_pending(t))
				rc = store_origin_note(t, e->actor, "merged", NULL);
			if (rc == STORE_OK && !exists)
				rc = unstash(c, t, e->table, e->id);
		}
	}
	m->conflicts = c->st->conflicts - before;
	c->st->conflicts = before;
	rec_free(&cur);
	rec_free(&r);
	return rc;
}

/* Applies a change of the working-day calendar ("set DATE KIND [NAME]"),
 * made by the city office of another copy, to this copy's calendar. */
static int apply_calendar(struct apply_ctx *c, struct store_txn *t, const struct store_log *e)
{
	struct zs *z = c->z;
	char ds[16] = "", kind[16] = "";
	int used = 0;
	date_t d;
	uint64_t saved_me;
	struct rec saved_rec;
	bool known = become(z, t, e->actor, &saved_me, &saved_rec);
	bool may = known && access_check(z, ACCESS_CALENDAR, NULL) == ZS_OK;
	unbecome(z, saved_me, &saved_rec);
	zs_fail_clear(z);
	if (!e->why || sscanf(e->why, "set %15s %15s%n", ds, kind, &used) != 2 ||
	    date_parse(ds, &d) < 0 || !may) {
		c->st->refused++;
		sync_say(c, _("refused: a calendar change by officer %" PRIu64), e->actor);
		return store_origin_note(t, e->actor, "refused", e->why);
	}
	const char *name = e->why[used] == ' ' ? e->why + used + 1 : NULL;
	struct calendar cal;
	memset(&cal, 0, sizeof cal);
	char *text = NULL, err[256];
	if (store_meta_get(t, "calendar", &text) == STORE_OK && text)
		calendar_parse(&cal, text, err, sizeof err);
	free(text);
	calendar_set(&cal, d, kind, name && *name ? name : NULL);
	text = calendar_text(&cal);
	int rc = store_meta_put(t, "calendar", text);
	free(text);
	calendar_free(&cal);
	if (!rc)
		rc = store_origin_note(t, e->actor, "calendar", e->why);
	return rc;
}

/* Applies a change of an officer's saved filters made on another copy:
 * only one of the officers enrolled with the copy that made it. */
static int apply_filter(struct apply_ctx *c, struct store_txn *t, const struct store_log *e)
{
	struct zs_peer origin;
	if (sync_peer_get(t, (unsigned)e->node, &origin) == STORE_OK &&
	    !sync_among(c->z, t, origin.officers, e->actor)) {
		c->st->refused++;
		sync_say(c,
		         _("refused: a saved filter of officer %" PRIu64
		           ", who is not enrolled with node %u"),
		         e->actor, (unsigned)e->node);
		return store_origin_note(t, e->actor, "refused", e->why);
	}
	int rc = e->why ? filters_apply(t, e->actor, e->why, e->hlc) : STORE_OK;
	return rc ? rc : store_origin_note(t, e->actor, "filter", e->why);
}

/* Applies one operation e (bytes op) inside transaction t. */
static int apply_op(struct apply_ctx *c, struct store_txn *t, struct store_log *e,
                    const unsigned char *op, size_t oplen)
{
	struct zs *z = c->z;
	struct store_origin o = {e->node, e->origin_seq, e->hlc, op, oplen, false};
	store_txn_origin(t, &o);
	/* A stamp far ahead is taken (it orders the change) but does not
	 * move this copy's clock (the store's rule); the officer is told. */
	int64_t ahead = STORE_HLC_MS(e->hlc) - clock_now_ms();
	if (ahead > 10 * 60 * 1000 && !c->st->ahead++)
		sync_say(
		    c,
		    _("node %u's clock is %lld minutes ahead of this one: its changes are taken, "
		      "this clock is not moved; set its date and time"),
		    (unsigned)e->node, (long long)(ahead / 60000));
	int k = schema_kind_by_name(e->table);
	int rc = STORE_OK;
	if (!strcmp(e->op, "resolve") && (rc = sync_settle(t, e->why)))
		return rc;
	if (k < 0 && !strcmp(e->op, "calendar")) {
		rc = apply_calendar(c, t, e);
		store_txn_origin(t, NULL);
		if (rc == STORE_OK)
			c->st->applied++;
		return rc;
	}
	if (k < 0 && !strcmp(e->op, "filter")) {
		rc = apply_filter(c, t, e);
		store_txn_origin(t, NULL);
		if (rc == STORE_OK)
			c->st->applied++;
		return rc;
	}
	if (k < 0 || !strcmp(e->op, "withheld")) {
		rc = store_origin_note(t, e->actor, e->op[0] ? e->op : "sync", e->why);
		store_txn_origin(t, NULL);
		if (rc == STORE_OK)
			c->st->applied++;
		return rc;
	}
	/* The origin's officers only: a laptop speaks for those enrolled with it. */
	struct zs_peer origin;
	bool enrolled = sync_peer_get(t, (unsigned)e->node, &origin) == STORE_OK;
	char idt[32];
	zs_id_text(e->id, idt, sizeof idt);
	if (enrolled && !sync_among(z, t, origin.officers, e->actor)) {
		c->st->refused++;
		sync_say(
		    c, _("refused: %s %s by officer %" PRIu64 ", who is not enrolled with node %u"),
		    e->table, idt, e->actor, (unsigned)e->node);
		rc = store_origin_note(t, e->actor, "refused", NULL);
		store_txn_origin(t, NULL);
		return rc;
	}
	struct merge_ctx m = {c, e, (enum kind)k, 0, op, oplen};
	rc = store_nested(t, merge_txn, &m);
	if (rc == STORE_OK) {
		c->st->conflicts += m.conflicts;
		c->st->applied++;
	} else if (rc != STORE_FULL && !(rc == STORE_ERROR && z->err.status == ZS_OK)) {
		/* The author may not do this here, or it clashes with a record
		 * this copy has (a credit code taken): journal it as refused. */
		c->st->refused++;
		if (rc == STORE_EXISTS)
			sync_say(c, _("refused: %s %s by officer %" PRIu64 ": %s"), e->table, idt,
			         e->actor, _("a record with the same unique value exists here"));
		else
			sync_say(c, _("refused: %s %s by officer %" PRIu64 ": %s"), e->table, idt,
			         e->actor, zs_error(z));
		zs_fail_clear(z);
		rc = store_origin_note(t, e->actor, "refused", NULL);
	}
	store_txn_origin(t, NULL);
	return rc;
}

/* Applies one batch in one transaction (store_write's callback). */
int sync_batch_txn(struct store_txn *t, void *vctx)
{
	struct apply_ctx *c = vctx;
	struct frame *fr = c->fr;
	uint64_t applied = c->st->applied, held = c->st->held, conflicts = c->st->conflicts,
	         refused = c->st->refused;
	c->st->applied = applied;
	size_t pos = 0;
	int rc = sync_catch_up(c, t);
	while (pos < fr->rawlen && rc == STORE_OK) {
		if (fr->rawlen - pos < 4)
			return zs_fail(c->z, ZS_INVALID, _("batch %u is damaged"), fr->number),
			       STORE_ERROR;
		uint32_t n = get32(fr->raw + pos);
		pos += 4;
		if (n > fr->rawlen - pos)
			return zs_fail(c->z, ZS_INVALID, _("batch %u is damaged"), fr->number),
			       STORE_ERROR;
		struct store_log e;
		if (store_op_decode(fr->raw + pos, n, &e) < 0)
			return zs_fail(c->z, ZS_INVALID, _("batch %u holds a damaged operation"),
			               fr->number),
			       STORE_ERROR;
		uint64_t have = store_have(t, (unsigned)e.node);
		if (e.node > 0xFFFF) {
			zs_fail(c->z, ZS_INVALID, _("batch %u holds a damaged operation"),
			        fr->number);
			rc = STORE_ERROR;
		} else if (e.origin_seq <= have) {
			c->st->held++;
		} else if (e.node == store_node(c->z->st)) {
			/* Only this copy makes its own changes: taking one would
			 * take its number from the next it makes. */
			zs_fail(
			    c->z, ZS_INVALID,
			    _("batch %u holds a change in the name of this copy (node %u) that it "
			      "never made"),
			    fr->number, (unsigned)e.node);
			rc = STORE_ERROR;
		} else if (e.origin_seq != have + 1) {
			zs_fail(c->z, ZS_INVALID,
			        _("the bundle skips operations of node %u (it has %" PRIu64
			          ", this copy holds up to %" PRIu64
			          "): make a new bundle for this copy"),
			        (unsigned)e.node, e.origin_seq, have);
			rc = STORE_ERROR;
		} else {
			rc = apply_op(c, t, &e, fr->raw + pos, n);
		}
		store_log_free(&e);
		pos += n;
	}
	if (rc != STORE_OK) {
		/* Nothing of the batch stays: the counts neither. */
		c->st->applied = applied;
		c->st->held = held;
		c->st->conflicts = conflicts;
		c->st->refused = refused;
	}
	return rc;
}

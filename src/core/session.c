/*
 * db.c - opening and creating databases; who the officer is.
 *
 * The officer is the operating-system account running zsdesk, looked up
 * by login in the officer table; on a single-user database (a laptop, the
 * demo) the owner may act as another officer with --as.  Environment
 * variables never change identity.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "normalize.h"

int zs_from_store(struct zs *z, int rc)
{
	switch (rc) {
	case STORE_OK:
		return ZS_OK;
	case STORE_NOTFOUND:
		return zs_fail(z, ZS_NOTFOUND, "%s", _("no such record"));
	case STORE_CONFLICT:
		return zs_fail(z, ZS_CONFLICT, "%s",
			       _("someone else saved this record after you opened it"));
	case STORE_EXISTS:
		return zs_fail(z, ZS_EXISTS, "%s", store_error(z->st));
	case STORE_FULL:
		return zs_fail(z, ZS_FULL, "%s", store_error(z->st));
	default:
		return zs_fail(z, ZS_ERROR, "%s", store_error(z->st));
	}
}

const struct profile *zs_profile(const struct zs *z)
{
	return &z->prof;
}

uint64_t zs_me(const struct zs *z)
{
	return z->me;
}

const struct rec *zs_me_rec(const struct zs *z)
{
	return &z->me_rec;
}

bool zs_single_user(const struct zs *z)
{
	return z->single_user;
}

/* Login name of the account running this process. */
static const char *current_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

/* Display name of the account (GECOS up to the first comma), or login. */
static void current_name(char *buf, size_t n)
{
	struct passwd *pw = getpwuid(getuid());
	const char *g = pw && pw->pw_gecos && *pw->pw_gecos ? pw->pw_gecos : current_login();
	snprintf(buf, n, "%.*s", (int)strcspn(g, ","), g);
}

/* ---- creating a database ---- */

/* Makes dir the home of a shared database: owned by group, setgid so
 * that every file made in it belongs to the group, closed to others. */
static int shared_dir(const char *dir, const char *group, char *err, size_t errlen)
{
	struct group *g = getgrnam(group);
	if (!g) {
		snprintf(err, errlen, _("there is no group called %s (create it with groupadd)"), group);
		return -1;
	}
	if (mkdir(dir, 02770) < 0 && errno != EEXIST) {
		snprintf(err, errlen, _("cannot create %s: %s"), dir, strerror(errno));
		return -1;
	}
	if (chown(dir, (uid_t)-1, g->gr_gid) < 0 || chmod(dir, 02770) < 0) {
		snprintf(err, errlen, _("cannot give %s to the group %s: %s"), dir, group,
			 strerror(errno));
		return -1;
	}
	return 0;
}

/* Gives the database files to the group, writable by it. */
static int shared_files(const char *dir, const char *group, char *err, size_t errlen)
{
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	struct group *g = getgrnam(group);
	for (size_t i = 0; g && i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (chown(path, (uid_t)-1, g->gr_gid) < 0 || chmod(path, 0660) < 0) {
			snprintf(err, errlen, _("cannot give %s to the group %s: %s"), path, group,
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Reads every shipped calendar (datadir/calendars/NAME.cal) into c. */
static int load_calendars(struct calendar *c, char *err, size_t errlen)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/calendars", profile_datadir());
	DIR *d = opendir(dir);
	if (!d)
		return 0; /* no calendar: weekends only, until the city office adds one */
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".cal"))
			continue;
		char path[4400], perr[256];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = profile_load_file(path, err, errlen);
		if (!text) {
			rc = -1;
		} else if (calendar_parse(c, text, perr, sizeof perr) < 0) {
			snprintf(err, errlen, "%s: %s", path, perr);
			rc = -1;
		}
		free(text);
	}
	closedir(d);
	return rc;
}

struct init_ctx {
	struct zs *z;
	const struct zs_init_opts *o;
	const char *profile_text;
};

/* Writes meta, districts and the first officer. */
static int init_txn(struct store_txn *t, void *vctx)
{
	struct init_ctx *c = vctx;
	struct zs *z = c->z;
	uint64_t schema;
	if (store_meta_get_u64(t, "schema", &schema) == STORE_OK)
		return STORE_EXISTS; /* another init finished first */
	int rc;
	if ((rc = store_meta_put_u64(t, "schema", ZS_SCHEMA)) ||
	    (rc = store_meta_put(t, "profile", c->profile_text)) ||
	    (rc = store_meta_put_u64(t, "single_user", c->o->single_user)) ||
	    (rc = store_meta_put(t, "owner", current_login())))
		return rc;
	if (c->o->map_size && (rc = store_meta_put_u64(t, "map_size", c->o->map_size)))
		return rc;
	char *cal = calendar_text(&z->cal);
	rc = store_meta_put(t, "calendar", cal);
	free(cal);
	if (rc)
		return rc;
	struct store_who who = {0, "create", "init"};
	for (int i = 0; i < z->prof.districts.n; i++) {
		const struct profile_item *d = &z->prof.districts.v[i];
		struct rec r;
		rec_init(&r);
		rec_set_text(&r, "code", d->code);
		rec_set_text(&r, "name", d->zh);
		rec_set_text(&r, "name_en", d->en);
		rec_set_text(&r, "abbr", d->abbr);
		rec_set_list(&r, "parks", d->parts, (size_t)d->nparts);
		rc = store_put(t, &z->tables[KIND_DISTRICT], store_next_id(t, &z->tables[KIND_DISTRICT]),
			       &r, &who);
		rec_free(&r);
		if (rc)
			return rc;
	}
	char name[64];
	if (c->o->admin_name && *c->o->admin_name)
		snprintf(name, sizeof name, "%s", c->o->admin_name);
	else
		current_name(name, sizeof name);
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "login", current_login());
	rec_set_text(&r, "name", name);
	rec_set_text(&r, "role", "admin");
	rec_set_bool(&r, "active", true);
	rc = store_put(t, &z->tables[KIND_OFFICER], store_next_id(t, &z->tables[KIND_OFFICER]), &r,
		       &who);
	rec_free(&r);
	return rc;
}

/* Whether dir holds a database whose init finished.  An init cut off
 * (killed, the power lost) leaves data.mdb without a schema: zs_open says
 * there is no database, and init may start again on it. */
static bool init_done(const char *dir)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	if (stat(path, &sb) != 0)
		return false;
	struct store_opts so = {.readonly = true, .now_ms = clock_now_ms};
	struct store *st;
	struct store_txn *t;
	char err[256];
	uint64_t schema;
	bool done = false;
	struct store_table tables[KIND_COUNT];
	zs_tables_init(tables, NULL);
	if (store_open(dir, &so, tables, KIND_COUNT, &st, err, sizeof err) != STORE_OK)
		return false; /* the writable open below says what is wrong, if anything */
	if (store_read(st, &t) == STORE_OK) {
		done = store_meta_get_u64(t, "schema", &schema) == STORE_OK;
		store_done(t);
	}
	store_close(st);
	return done;
}

int zs_init(const char *dir, const struct zs_init_opts *o, char *err, size_t errlen)
{
	if (init_done(dir)) {
		snprintf(err, errlen, _("there is already a database in %s"), dir);
		return ZS_EXISTS;
	}
	if (o->group && o->single_user) {
		snprintf(err, errlen, "%s", _("a shared database is not a single-user one"));
		return ZS_INVALID;
	}
	if (o->group && shared_dir(dir, o->group, err, errlen) < 0)
		return ZS_ERROR;
	char *text = profile_load_file(o->profile ? o->profile : "beijing", err, errlen);
	if (!text)
		return ZS_INVALID;
	struct zs z;
	memset(&z, 0, sizeof z);
	char perr[256];
	if (profile_parse(text, &z.prof, perr, sizeof perr) < 0) {
		snprintf(err, errlen, _("profile %s: %s"), o->profile ? o->profile : "beijing", perr);
		free(text);
		return ZS_INVALID;
	}
	if (load_calendars(&z.cal, err, errlen) < 0) {
		profile_free(&z.prof);
		free(text);
		return ZS_INVALID;
	}
	struct store_opts so = {.map_size = o->map_size, .now_ms = clock_now_ms};
	zs_tables_init(z.tables, &z.prof);
	int rc = store_open(dir, &so, z.tables, KIND_COUNT, &z.st, err, errlen);
	if (rc) {
		profile_free(&z.prof);
		free(text);
		return ZS_ERROR;
	}
	struct init_ctx c = {&z, o, text};
	rc = store_write(z.st, init_txn, &c);
	if (rc == STORE_EXISTS)
		snprintf(err, errlen, _("there is already a database in %s"), dir);
	else if (rc)
		snprintf(err, errlen, "%s", store_error(z.st));
	store_close(z.st);
	profile_free(&z.prof);
	calendar_free(&z.cal);
	free(text);
	if (!rc && o->group && shared_files(dir, o->group, err, errlen) < 0)
		return ZS_ERROR;
	return rc == STORE_EXISTS ? ZS_EXISTS : rc ? ZS_ERROR : ZS_OK;
}

/* ---- opening ---- */

/* Schema migrations: migrate[v] takes a database from version v to v+1. */
static int (*const migrate[ZS_SCHEMA])(struct store_txn *t, void *ctx) = {NULL};

/* Brings an older database up to ZS_SCHEMA in one transaction. */
static int migrate_txn(struct store_txn *t, void *ctx)
{
	uint64_t v = 0;
	int rc = store_meta_get_u64(t, "schema", &v);
	if (rc)
		return rc;
	for (; v < ZS_SCHEMA; v++) {
		if (migrate[v] && (rc = migrate[v](t, ctx)))
			return rc;
		if ((rc = store_meta_put_u64(t, "schema", v + 1)))
			return rc;
	}
	return STORE_OK;
}

/* Looks the officer up by login. */
static int find_officer(struct zs *z, const char *login)
{
	struct store_txn *t;
	uint64_t id = 0;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	rc = store_unique_get(t, &z->tables[KIND_OFFICER], IX_OFFICER_LOGIN, login, strlen(login),
			      &id);
	if (rc == STORE_OK)
		rc = store_get(t, &z->tables[KIND_OFFICER], id, &z->me_rec);
	store_done(t);
	if (rc == STORE_NOTFOUND)
		return zs_fail(z, ZS_DENIED,
			       _("%s is not an officer of this database; an administrator can add "
				 "you with: zsdesk officer add --login %s --name NAME --role desk"),
			       login, login);
	if (rc)
		return zs_from_store(z, rc);
	if (!rec_bool(&z->me_rec, "active", true))
		return zs_fail(z, ZS_DENIED, _("the officer account %s is inactive"), login);
	z->me = id;
	return ZS_OK;
}

int zs_open(const char *dir, const struct zs_open_opts *o, struct zs **out, char *err,
	    size_t errlen)
{
	struct zs_open_opts none = {0};
	if (!o)
		o = &none;
	*out = NULL;
	struct zs *z = xcalloc(1, sizeof *z);
	struct store_opts so = {.readonly = o->readonly, .nosync = o->bulk, .now_ms = clock_now_ms};
	zs_tables_init(z->tables, &z->prof); /* the profile is read below */
	if (store_open(dir, &so, z->tables, KIND_COUNT, &z->st, err, errlen)) {
		free(z);
		return ZS_ERROR;
	}
	struct store_txn *t;
	char *text = NULL;
	uint64_t schema = 0, single = 0;
	char *caltext = NULL;
	int rc = store_read(z->st, &t);
	if (rc == STORE_OK) {
		if (store_meta_get_u64(t, "schema", &schema) || store_meta_get(t, "profile", &text))
			rc = STORE_NOTFOUND;
		store_meta_get_u64(t, "single_user", &single);
		store_meta_get(t, "calendar", &caltext);
		store_done(t);
	}
	if (caltext) {
		char cerr[256];
		if (calendar_parse(&z->cal, caltext, cerr, sizeof cerr) < 0)
			calendar_free(&z->cal); /* zsdesk check reports it */
		free(caltext);
	}
	if (rc) {
		snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"), dir,
			 dir);
		goto fail;
	}
	if (schema > ZS_SCHEMA) {
		snprintf(err, errlen,
			 _("the database in %s was made by a newer zsdesk (schema %llu); update zsdesk"),
			 dir, (unsigned long long)schema);
		goto fail;
	}
	if (schema < ZS_SCHEMA && !o->readonly && store_write(z->st, migrate_txn, z)) {
		snprintf(err, errlen, _("cannot upgrade the database: %s"), store_error(z->st));
		goto fail;
	}
	char perr[256];
	if (profile_parse(text, &z->prof, perr, sizeof perr) < 0) {
		snprintf(err, errlen, _("the profile stored in the database is damaged: %s"), perr);
		goto fail;
	}
	free(text);
	text = NULL;
	z->single_user = single != 0;
	if (o->as && *o->as && !z->single_user) {
		snprintf(err, errlen, "%s",
			 _("--as works only on a single-user database; on a shared one you are "
			   "the account you logged in with"));
		goto fail;
	}
	if (!o->anonymous) {
		const char *login = o->as && *o->as ? o->as : current_login();
		if (find_officer(z, login) != ZS_OK) {
			snprintf(err, errlen, "%s", z->err.msg);
			goto fail;
		}
	}
	*out = z;
	return ZS_OK;
fail:
	free(text);
	profile_free(&z->prof);
	calendar_free(&z->cal);
	store_close(z->st);
	free(z);
	return ZS_ERROR;
}

void zs_close(struct zs *z)
{
	if (!z)
		return;
	rec_free(&z->me_rec);
	profile_free(&z->prof);
	calendar_free(&z->cal);
	store_close(z->st);
	free(z);
}

const struct calendar *zs_calendar(const struct zs *z)
{
	return &z->cal;
}

struct cal_ctx {
	struct zs *z;
	char *text;
};

/* Writes the calendar text into meta. */
static int cal_txn(struct store_txn *t, void *vctx)
{
	struct cal_ctx *c = vctx;
	return store_meta_put(t, "calendar", c->text);
}

int zs_calendar_set(struct zs *z, date_t d, const char *kind, const char *name)
{
	if (access_check(z, ACCESS_CALENDAR, NULL))
		return ZS_DENIED;
	if (strcmp(kind, "holiday") && strcmp(kind, "workday") && strcmp(kind, "normal"))
		return zs_fail(z, ZS_INVALID, "%s", _("a day is a holiday, a workday or normal"));
	if (name) {
		enum text_fault tf = text_check(name, false);
		if (tf != TEXT_CLEAN && tf != TEXT_INVISIBLE)
			return zs_fail(z, ZS_INVALID, "%s: %s", _("Name"), rules_text_fault(tf));
	}
	calendar_set(&z->cal, d, kind, name);
	struct cal_ctx c = {z, calendar_text(&z->cal)};
	int rc = store_write(z->st, cal_txn, &c);
	free(c.text);
	return zs_from_store(z, rc);
}

int zs_get(struct zs *z, enum kind k, uint64_t id, struct rec *out)
{
	struct store_txn *t;
	int rc = store_read(z->st, &t);
	if (rc)
		return zs_from_store(z, rc);
	rc = store_get(t, &z->tables[k], id, out);
	if (rc == STORE_OK && k == KIND_ISSUE && !zs_sees_all(z)) {
		/* An issue is seen by the officers of its project's district. */
		struct rec p;
		rec_init(&p);
		bool mine = store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(out, "project", 0),
				      &p) == STORE_OK &&
			    access_project_mine(z, &p);
		rec_free(&p);
		if (!mine) {
			store_done(t);
			rec_free(out);
			return zs_fail(z, ZS_DENIED, "%s",
				       _("this issue is about another district's project"));
		}
	}
	store_done(t);
	if (rc == STORE_OK)
		access_redact(z, k, out);
	return zs_from_store(z, rc);
}

uint64_t zs_count(struct zs *z, enum kind k)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	uint64_t n = store_count(t, &z->tables[k]);
	store_done(t);
	return n;
}

uint64_t zs_log_count(struct zs *z)
{
	struct store_txn *t;
	if (store_read(z->st, &t))
		return 0;
	uint64_t n = store_log_count(t);
	store_done(t);
	return n;
}

char *zs_id_text(uint64_t id, char *buf, size_t n)
{
	if (STORE_ID_NODE(id) == 1)
		snprintf(buf, n, "%llu", (unsigned long long)STORE_ID_SEQ(id));
	else
		snprintf(buf, n, "%u-%llu", STORE_ID_NODE(id), (unsigned long long)STORE_ID_SEQ(id));
	return buf;
}

int zs_id_parse(const char *s, uint64_t *id)
{
	char *end;
	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	unsigned long long a = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	if (*end == '\0') {
		if (a == 0 || a > 0xFFFFFFFFFFFFULL)
			return -1;
		*id = STORE_ID(1, a);
		return 0;
	}
	if (*end != '-' || a == 0 || a > 0xFFFF)
		return -1;
	const char *p = end + 1;
	if (*p < '0' || *p > '9')
		return -1;
	unsigned long long b = strtoull(p, &end, 10);
	if (errno || end == p || *end || b == 0 || b > 0xFFFFFFFFFFFFULL)
		return -1;
	*id = STORE_ID(a, b);
	return 0;
}

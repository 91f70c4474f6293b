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
#include <fcntl.h>
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
#include "priv.h"

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

/* Checks that dir is laid out as a shared database must be: a real
 * directory (not a link) owned by root and the group gid, mode 2770, and
 * its database files, where present, regular files of that group that
 * only it and root may write.  0, or -1 with what to fix in err. */
static int shared_layout(const char *dir, gid_t gid, char *err, size_t errlen)
{
	struct stat sb;
	if (lstat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, _("%s is not a directory (a link is not accepted)"), dir);
		return -1;
	}
	if (sb.st_uid != 0 || sb.st_gid != gid || (sb.st_mode & 07777) != 02770) {
		struct group *g = getgrgid(gid);
		snprintf(err, errlen,
			 _("%s must belong to root and the group %s with mode 2770 (it is %04o, "
			   "uid %u, gid %u); run: zsdesk-setup-server --dir %s"),
			 dir, g ? g->gr_name : "?", (unsigned)(sb.st_mode & 07777),
			 (unsigned)sb.st_uid, (unsigned)sb.st_gid, dir);
		return -1;
	}
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	for (size_t i = 0; i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (lstat(path, &sb) < 0)
			continue;
		if (!S_ISREG(sb.st_mode) || sb.st_gid != gid || (sb.st_mode & 0007) ||
		    (sb.st_mode & 07000) || sb.st_nlink != 1) {
			snprintf(err, errlen,
				 _("%s is not a plain file of the database's group closed to "
				   "others; run: zsdesk-setup-server --dir %s"),
				 path, dir);
			return -1;
		}
	}
	return 0;
}

/* Makes dir the home of a new shared database (root only): owned by root
 * and group, mode 2770 so every file made in it belongs to the group and
 * nobody outside it reaches anything. */
static int shared_dir(const char *dir, const char *group, char *err, size_t errlen)
{
	struct group *g = getgrnam(group);
	if (!g) {
		snprintf(err, errlen,
			 _("there is no group called %s (run zsdesk-setup-server to create it)"),
			 group);
		return -1;
	}
	if (getuid() != 0) {
		snprintf(err, errlen, "%s",
			 _("a shared database is made by root: sudo zsdesk init --shared --db DIR "
			   "--admin LOGIN"));
		return -1;
	}
	const char *member = g->gr_mem && g->gr_mem[0] ? g->gr_mem[0] : NULL;
	struct passwd *pw;
	setpwent();
	while (!member && (pw = getpwent()))
		if (pw->pw_gid == g->gr_gid && pw->pw_uid != 0)
			member = pw->pw_name; /* the group is an account's own */
	char who[64];
	snprintf(who, sizeof who, "%s", member ? member : "");
	endpwent();
	if (member) {
		snprintf(err, errlen,
			 _("the group %s has members (%s): officers must not be in the "
			   "database's group, or their shells could change it without zsdesk"),
			 group, who);
		return -1;
	}
	if (mkdir(dir, 02770) == 0) {
		if (chown(dir, 0, g->gr_gid) < 0 || chmod(dir, 02770) < 0) {
			snprintf(err, errlen, _("cannot give %s to the group %s: %s"), dir, group,
				 strerror(errno));
			return -1;
		}
	} else if (errno != EEXIST) {
		snprintf(err, errlen, _("cannot create %s: %s"), dir, strerror(errno));
		return -1;
	}
	return shared_layout(dir, g->gr_gid, err, errlen);
}

/* Gives the new database files to the directory's group, 0660. */
static int shared_files(const char *dir, char *err, size_t errlen)
{
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	struct stat ds;
	if (stat(dir, &ds) < 0)
		return 0;
	for (size_t i = 0; i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fchown(fd, 0, ds.st_gid) < 0 || fchmod(fd, 0660) < 0) {
			snprintf(err, errlen, _("cannot give %s to the database's group: %s"), path,
				 strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/* Opens the store in dir: through the program's set-id group when dir is
 * the server's shared directory (its layout checked first), else with
 * the caller's own ids.  Files made in a setgid directory are 0660
 * whatever the umask.  *through tells which way it went. */
static int open_store(const char *dir, const struct store_opts *so, struct store_table *tables,
		      struct store **st, bool *through, char *err, size_t errlen)
{
	struct stat sb;
	*through = false;
	bool grouped = lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & S_ISGID);
	if (priv_setid() && grouped && sb.st_gid == priv_group()) {
		if (priv_raise() < 0) {
			snprintf(err, errlen, _("cannot take the group of %s: %s"), dir,
				 strerror(errno));
			return STORE_ERROR;
		}
		*through = true;
		if (shared_layout(dir, priv_group(), err, errlen) < 0) {
			priv_drop();
			return STORE_ERROR;
		}
	}
	mode_t old = grouped ? umask(007) : 0;
	int rc = store_open(dir, so, tables, KIND_COUNT, st, err, errlen);
	if (grouped)
		umask(old);
	if (*through)
		priv_drop();
	return rc;
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

/* The login of the first administrator: --admin, or the account running
 * init. */
static const char *admin_login(const struct zs_init_opts *o)
{
	return o->admin && *o->admin ? o->admin : current_login();
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
	    (rc = store_meta_put_u64(t, "shared", c->o->group != NULL)) ||
	    (rc = store_meta_put(t, "owner", current_login())) ||
	    (rc = store_meta_put(t, "counts", TALLY_VERSION)) || /* none yet: nothing to count */
	    (rc = store_meta_put(t, "search_tri", SEARCH_TRI_VERSION)))
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
		rec_set_text(&r, "parent", d->parent);
		rec_set_text(&r, "group", d->group);
		rec_set_text(&r, "class", d->klass);
		rc = store_put(t, &z->tables[KIND_DISTRICT], store_next_id(t, &z->tables[KIND_DISTRICT]),
			       &r, &who);
		rec_free(&r);
		if (rc)
			return rc;
	}
	char name[64];
	if (c->o->admin_name && *c->o->admin_name)
		snprintf(name, sizeof name, "%s", c->o->admin_name);
	else if (c->o->admin && *c->o->admin)
		snprintf(name, sizeof name, "%s", c->o->admin);
	else
		current_name(name, sizeof name);
	struct rec r;
	rec_init(&r);
	rec_set_text(&r, "login", admin_login(c->o));
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
	bool through;
	if (open_store(dir, &so, tables, &st, &through, err, sizeof err) != STORE_OK)
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
	bool through;
	int rc = open_store(dir, &so, z.tables, &z.st, &through, err, errlen);
	if (rc) {
		profile_free(&z.prof);
		free(text);
		return rc == STORE_FULL ? ZS_FULL : ZS_ERROR;
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
	if (!rc && o->group && shared_files(dir, err, errlen) < 0)
		return ZS_ERROR;
	return rc == STORE_EXISTS ? ZS_EXISTS : rc == STORE_FULL ? ZS_FULL : rc ? ZS_ERROR : ZS_OK;
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
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	if (stat(dir, &sb) < 0 || (stat(path, &sb) < 0 && errno == ENOENT)) {
		/* Never made by opening: a mistyped --db creates nothing. */
		snprintf(err, errlen, _("no database in %s (create one with: zsdesk init --db %s)"),
			 dir, dir);
		return ZS_NOTFOUND;
	}
	struct zs *z = xcalloc(1, sizeof *z);
	struct store_opts so = {.readonly = o->readonly, .nosync = o->bulk, .now_ms = clock_now_ms};
	zs_tables_init(z->tables, &z->prof); /* the profile is read below */
	bool through = false;
	if (open_store(dir, &so, z->tables, &z->st, &through, err, errlen)) {
		free(z);
		return ZS_ERROR;
	}
	struct store_txn *t;
	char *text = NULL;
	uint64_t schema = 0, single = 0, shared = 0;
	char *caltext = NULL, *owner = NULL;
	int rc = store_read(z->st, &t);
	if (rc == STORE_OK) {
		if (store_meta_get_u64(t, "schema", &schema) || store_meta_get(t, "profile", &text))
			rc = STORE_NOTFOUND;
		store_meta_get_u64(t, "single_user", &single);
		store_meta_get_u64(t, "shared", &shared);
		store_meta_get(t, "owner", &owner);
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
	/* A server's database: made so, or in a setgid directory (older ones). */
	shared |= through || (stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID));
	bool own = !shared && owner && !strcmp(owner, current_login());
	if (shared && !through && getuid() != 0 &&
	    !(stat(dir, &sb) == 0 && sb.st_uid == getuid())) {
		/* (A copy the caller made - a backup - is the caller's own.) */
		/* Opened with the caller's own ids: their shell can change the
		 * file without zsdesk, so no rule of it would hold. */
		snprintf(err, errlen,
			 _("the shared database in %s is open to officers' own accounts (the old "
			   "group-writable layout); an administrator moves it to the safe one "
			   "with: sudo zsdesk-setup-server --migrate --dir %s"),
			 dir, dir);
		goto fail;
	}
	if (z->single_user && shared) {
		snprintf(err, errlen, _("%s holds a single-user database: it has no place in the "
					"server's shared directory"),
			 dir);
		goto fail;
	}
	if (o->as && *o->as && !(own && z->single_user)) {
		snprintf(err, errlen, "%s",
			 _("--as works only on a single-user database of your own; on a shared one "
			   "you are the account you logged in with"));
		goto fail;
	}
	if (clock_fixed() && !own) {
		snprintf(err, errlen, "%s",
			 _("ZSDESK_NOW works only on a database of your own, not a shared one: "
			   "the time of a change is the system's"));
		goto fail;
	}
	if (!o->anonymous) {
		const char *login = o->as && *o->as ? o->as : current_login();
		if (find_officer(z, login) != ZS_OK) {
			snprintf(err, errlen, "%s", z->err.msg);
			goto fail;
		}
	}
	free(owner);
	*out = z;
	return ZS_OK;
fail:
	free(owner);
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
	char why[320]; /* "set DATE KIND [NAME]": the change, for the audit log and sync */
};

/* Writes the calendar text into meta. */
static int cal_txn(struct store_txn *t, void *vctx)
{
	struct cal_ctx *c = vctx;
	int rc = store_meta_put(t, "calendar", c->text);
	return rc ? rc : store_origin_note(t, c->z->me, "calendar", c->why);
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
	struct cal_ctx c = {z, calendar_text(&z->cal), ""};
	char ds[11];
	snprintf(c.why, sizeof c.why, "set %s %s%s%s", date_format(d, ds), kind, name ? " " : "",
		 name ? name : "");
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
		/* A dispute is seen by both districts. */
		if (!mine && rec_bool(out, "dispute", false) &&
		    store_get(t, &z->tables[KIND_PROJECT],
			      (uint64_t)rec_int(out, "other_project", 0), &p) == STORE_OK)
			mine = access_project_mine(z, &p);
		rec_free(&p);
		if (!mine) {
			store_done(t);
			rec_free(out);
			return zs_fail(z, ZS_DENIED, "%s",
				       _("this issue is about another district's project"));
		}
	}
	if (rc == STORE_OK && k == KIND_FOLLOWUP && !zs_sees_all(z)) {
		struct rec p;
		rec_init(&p);
		bool has = rec_int(out, "project", 0) > 0 &&
			   store_get(t, &z->tables[KIND_PROJECT], (uint64_t)rec_int(out, "project", 0),
				     &p) == STORE_OK;
		bool seen = access_followup_visible(z, out, has ? &p : NULL);
		rec_free(&p);
		if (!seen) {
			store_done(t);
			rec_free(out);
			return zs_fail(z, ZS_DENIED, "%s",
				       _("this follow-up was logged by another district"));
		}
	}
	store_done(t);
	if (rc == STORE_OK)
		access_redact(z, k, id, out);
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

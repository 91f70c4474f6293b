/*
 * core.h - the domain: a database session and what officers do with it.
 *
 * Screens and commands call these functions and never the store.  A
 * session ("struct zs") is an open database, its city profile and the
 * officer at the keyboard.  Records are copied out of short transactions;
 * saving checks the version read, validates every field, fills the fields
 * zsdesk keeps itself and writes record, indexes and log in one go.
 */
#ifndef ZSDESK_CORE_H
#define ZSDESK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "datetime.h"
#include "profile.h"
#include "rec.h"
#include "schema.h"

/* Results of core calls; what went wrong is in zs_last_error(). */
enum zs_status {
	ZS_OK = 0,
	ZS_NOTFOUND,
	ZS_INVALID,  /* a field is wrong: zs_error() says which and why */
	ZS_CONFLICT, /* someone saved the record since it was read */
	ZS_EXISTS,   /* a unique value (credit code, login) is taken */
	ZS_DENIED,   /* the officer may not do this */
	ZS_FULL,     /* the database or disk is full; nothing was saved */
	ZS_ERROR,
};

/* What the officer can do about a refusal.  Core names it; each front
 * end says it its own way ("--reason WHY" on the command line, "give a
 * reason when asked" in the desk). */
enum zs_hint {
	ZS_HINT_NONE,
	ZS_HINT_REASON,    /* say why: a reason is needed */
	ZS_HINT_PREREPORT, /* file the pre-report, or the city office records
			    * the signing without credit */
	ZS_HINT_KEEP,      /* the share kept applies only where the profile splits */
	ZS_HINT_ASK_CITY,  /* the city office can do it */
	ZS_HINT_ASK_ADMIN, /* an administrator can do it */
};

/* The last failure of a session, as a record: callers never parse the
 * message to learn what happened. */
struct zs_err {
	int status;         /* enum zs_status */
	char field[64];     /* the field at fault ("enterprise.credit_code" at
			     * intake), "" when none */
	int index;          /* ZS_EXISTS: the unique index that clashed, else -1 */
	enum zs_hint hint;  /* what to do about it */
	char msg[1024];     /* what was wrong, in the officer's language */
};

/* The schema version this program writes; older databases are migrated. */
#define ZS_SCHEMA 1

struct zs;

struct zs_init_opts {
	const char *profile;  /* name ("beijing") or path of a profile file */
	bool single_user;     /* one owner who may act as any officer */
	const char *group;    /* shared: the system group that owns the database
			       * (no officer is in it; zsdesk is setgid to it) */
	uint64_t map_size;    /* bytes; 0 = default */
	const char *admin_name; /* display name of the first officer */
	const char *admin;      /* login of the first officer (default: the caller) */
};

struct zs_open_opts {
	const char *as;       /* act as this login (single-user databases) */
	bool readonly;
	bool bulk;            /* no fsync per commit (demo loads) */
	bool anonymous;       /* no officer needed (check, init) */
};

/* Creates a database in dir with a profile, its districts and an admin
 * officer for the current account.  Returns ZS_OK or a status with a
 * message in err. */
int zs_init(const char *dir, const struct zs_init_opts *o, char *err, size_t errlen);

/* Opens the database in dir as the current account's officer. */
int zs_open(const char *dir, const struct zs_open_opts *o, struct zs **out, char *err,
	    size_t errlen);

/* Closes a session. */
void zs_close(struct zs *z);

/* Message of the last failed call. */
const char *zs_error(const struct zs *z);

/* The last failure as a record (status ZS_OK when the last call worked). */
const struct zs_err *zs_last_error(const struct zs *z);

/* The city profile in use. */
const struct profile *zs_profile(const struct zs *z);

/* The officer at the keyboard (id 0 and an empty record when anonymous). */
uint64_t zs_me(const struct zs *z);
const struct rec *zs_me_rec(const struct zs *z);

/* True when the officer sees every district (city office, administrators,
 * and the system itself). */
bool zs_sees_all(const struct zs *z);

/* True for a single-user database. */
bool zs_single_user(const struct zs *z);

/* Reads one record. */
int zs_get(struct zs *z, enum kind k, uint64_t id, struct rec *out);

/* Number of records of a kind. */
uint64_t zs_count(struct zs *z, enum kind k);

/* Parses the user's text for field into r (removing it when text is
 * empty).  Returns 0, 1 for a warning (saved as given, message in msg), or
 * -1 for an error (r unchanged, message in msg). */
int zs_field_set(struct zs *z, enum kind k, struct rec *r, const char *field, const char *text,
		 char *msg, size_t msglen);

/* As zs_field_set, for a field described by f (a form's own field). */
int zs_field_set_def(struct zs *z, enum kind k, struct rec *r, const struct field_def *f,
		     const char *text, char *msg, size_t msglen);

/* Writes the display text of field of r into buf. */
char *zs_field_text(struct zs *z, enum kind k, const struct rec *r, const char *field, char *buf,
		    size_t n);

/* One entry of a project's stage history or money ledger (field "stages"
 * or "money", entry as stored) as an officer reads it. */
char *zs_ledger_entry_text(struct zs *z, const char *field, const char *entry, char *buf, size_t n);

/* True for a list the system keeps that zs_ledger_entry_text reads out
 * (stages, money, credit_ledger, pre_reports, targets, steps, policies). */
bool zs_is_ledger(const char *field);

/* Orders the entries of a dated ledger (stages, money) by their date,
 * those of one day in the order they were recorded. */
void zs_ledger_by_date(const char **v, size_t n);

/* The reason of a history entry as an officer reads it: the reason
 * zsdesk itself stores ("intake", "conflict project 12 industry ...")
 * in words, an officer's own as written; NULL when why is NULL. */
char *zs_why_text(struct zs *z, const char *why, char *buf, size_t n);

/* As zs_field_text, for a field described by f. */
char *zs_field_text_def(struct zs *z, enum kind k, const struct rec *r, const struct field_def *f,
			char *buf, size_t n);

/* The choices of a choice, multi-choice, currency or yes/no field: codes
 * and labels (in the language in use); returns how many (at most max). */
int zs_field_choices(struct zs *z, const struct field_def *f, const char **codes,
		     const char **labels, int max);

/* The label of a built-in field in the language in use, or the name. */
const char *zs_field_label(enum kind k, const char *field);

/* Checks a record before saving: required fields, cross-field rules.
 * Returns 0, or -1 with the field's name in field (if not NULL) and a
 * message in msg. */
int zs_validate(struct zs *z, enum kind k, const struct rec *r, char *field, size_t fieldlen,
		char *msg, size_t msglen);

/* Saves r as record *id (0 = new: *id receives the new id).  r->version
 * must be the version read.  op and why go into the audit log. */
int zs_save(struct zs *z, enum kind k, uint64_t *id, struct rec *r, const char *op,
	    const char *why);

/* A field two officers changed differently. */
struct zs_conflict {
	char field[64];
	char mine[256], theirs[256]; /* display texts */
};

/* After ZS_CONFLICT: puts mine (edited from base) on top of the record as
 * it is now.  Fields only mine changed keep my value, fields only others
 * changed take theirs; mine receives the current version, ready to save,
 * and base becomes the current record (the base of a further merge).
 * Fields both changed differently are listed in out (mine keeps its
 * value for now) and the result is ZS_CONFLICT: the officer chooses. */
int zs_merge(struct zs *z, enum kind k, uint64_t id, struct rec *base, struct rec *mine,
	     struct zs_conflict *out, size_t max, size_t *n);

/* Project intake: saves the enterprise (*eid = 0: a new one) and a new
 * project naming it, in one transaction.  On ZS_INVALID or ZS_EXISTS the
 * form field to fix ("name", "enterprise.credit_code") is in field. */
int zs_intake(struct zs *z, uint64_t *eid, struct rec *ent, uint64_t *pid, struct rec *proj,
	      char *field, size_t fieldlen);

/* Finds one record of kind k from what a user typed: an id, a code or
 * login, or a unique name (also by pinyin for districts). */
int zs_resolve(struct zs *z, enum kind k, const char *text, uint64_t *id);

/* Moves a project to another stage on date (0 = today).  Moving back,
 * out or away needs a reason; signing a project at or above the profile's
 * pre-report threshold needs a pre-report filed the profile's lead time
 * earlier (rules.c); entering talks at or above the first-talk threshold
 * registers the project with the city. */
int zs_project_stage(struct zs *z, uint64_t id, const char *stage, date_t date,
		     const char *reason);

/* As zs_project_stage; with no_credit, the city office records a signing
 * that broke the pre-report rule, marked as earning no credit. */
int zs_project_move(struct zs *z, uint64_t id, const char *stage, date_t date, const char *reason,
		    bool no_credit);

/* Files the signing pre-report of a project today (by the system's
 * clock), with the planned signing date (0: not yet known) and the
 * parties; every filing is kept.  The lead time counts from the filing. */
int zs_prereport(struct zs *z, uint64_t id, date_t signing, const char *parties);

/* True for a major project (profile [major]): it needs a service manager. */
bool zs_major(const struct zs *z, const struct rec *r);

/* How a project is transferred (流转). */
struct zs_transfer_opts {
	const char *reason;   /* why (required), kept in the history */
	const char *decision; /* the city's recorded decision: needed while the
			       * first talk is exclusive or never registered */
	int keep;             /* the first-talk district's share where the
			       * profile splits credit; -1: the profile's */
	bool pushed;          /* the old district pushed it to the city: it is
			       * credited as its own (Beijing, seed 002 §五) */
};

/* Transfers a project to another district (city office only): after its
 * exclusive first talk lapsed, or on a recorded decision.  The credit
 * ledger keeps every district it passed through; shares follow the
 * profile. */
int zs_transfer(struct zs *z, uint64_t id, uint64_t to, const struct zs_transfer_opts *o);

/* What the city office decides on a project's first talk. */
enum zs_ft_decision {
	ZS_FT_STRATEGIC,     /* recognised as strategic: first talk whatever its size */
	ZS_FT_NOT_STRATEGIC, /* not (any more) */
	ZS_FT_GRANT,         /* a claim: this district gets its own exclusivity */
	ZS_FT_REFUSE,        /* a claim: refused, the first district keeps it */
	ZS_KEY_ADD,          /* onto the city's key-project list (重点项目) */
	ZS_KEY_REMOVE,       /* off it */
};

/* Records the legality review (合法性审查) of a project's agreement by
 * whom, today; where the profile asks for it, no signing before it. */
int zs_legality_review(struct zs *z, uint64_t id, const char *by);

/* Records a city decision (city office only; a claim needs a reason). */
int zs_first_talk_decide(struct zs *z, uint64_t id, enum zs_ft_decision what, const char *reason);

/* Ids of projects in the first-talk register with a status ("active",
 * "lapsed", "transferred", "progressed", "closed"), soonest end first. */
size_t zs_register(struct zs *z, const char *status, uint64_t *ids, size_t max);
/* The same, only those ending on or before the day until (the index is
 * left at the first that ends later: no record is read past it). */
size_t zs_register_until(struct zs *z, const char *status, date_t until, uint64_t *ids,
			 size_t max);

/* Credit (赋分) of one district over a period. */
struct zs_credit {
	uint64_t district;
	uint64_t projects;  /* projects credited to it */
	uint64_t share_sum; /* their shares added up, in percent */
	int64_t amount;     /* their investment in 元 times each share */
};

/* Sums the credit of every district (or of district) whose credit arose
 * from from to to (0: open-ended), largest first; returns the rows (at
 * most max). */
size_t zs_credit_sum(struct zs *z, date_t from, date_t to, uint64_t district, struct zs_credit *rows,
		     size_t max);

/* What zs_tick did. */
struct zs_tick {
	uint64_t lapsed;    /* first-talk periods that ended */
	uint64_t escalated; /* issue levels climbed for lack of time */
	uint64_t to_city;   /* issues at the leaders' meeting put before the city */
	uint64_t resumed;   /* waits on the enterprise ended by the profile's limit */
	date_t calendar_end; /* the last day the working-day calendar knows */
	bool calendar_short; /* a clock runs past it: next year's calendar is due */
};

/* Applies every time rule up to now; running it again changes nothing. */
int zs_tick(struct zs *z, struct zs_tick *out);

/* ---- service managers ---- */

struct zs_suggestion {
	uint64_t officer, workload;
	bool same_district, knows_industry, manager;
	int score;
};

/* Ranks active officers for a project: district, industry, workload. */
size_t zs_suggest_managers(struct zs *z, uint64_t project, struct zs_suggestion *out,
			   size_t max);

/* True when officer o may be the service manager of a project of
 * district (0: of any district): active, and a service manager, desk
 * officer or district lead of that district or of the city (no district). */
bool zs_manager_eligible(const struct rec *o, int64_t district);

/* Assigns (or hands over, with a reason) a project's service manager. */
int zs_assign_manager(struct zs *z, uint64_t project, uint64_t officer, const char *reason);

/* ---- enterprise issues ---- */

enum zs_issue_action {
	ZS_ISSUE_RESPOND,  /* what the handler did or answered */
	ZS_ISSUE_NOTE,     /* a note for the trail */
	ZS_ISSUE_ASK,      /* ask the enterprise: the clock stops */
	ZS_ISSUE_RESUME,   /* the enterprise answered: the clock goes on */
	ZS_ISSUE_RESOLVE,  /* done, with the outcome */
	ZS_ISSUE_ESCALATE, /* up one level by hand, with a reason */
	ZS_ISSUE_DECIDE,   /* the leaders' meeting decides (text, owner) */
};

/* Opens an issue (r holds project, category, description, need_by) at the
 * first level, owned by the officer who took it (首接负责). */
int zs_issue_open(struct zs *z, uint64_t *id, struct rec *r);

/* One action on an issue; text is the note, reason, outcome or decision,
 * who the decision's owner. */
int zs_issue_act(struct zs *z, uint64_t id, enum zs_issue_action act, const char *text,
		 const char *who);

/* Raises a dispute (招商争议) of the officer's project against another
 * district's project of the same lead: an issue both districts see, at
 * the city office's level; *id receives its number. */
int zs_dispute_raise(struct zs *z, uint64_t project, uint64_t other, const char *reason,
		     uint64_t *id);

/* The city office (or the joint meeting) decides a dispute: the issue is
 * resolved and the decision is written on both projects. */
int zs_dispute_decide(struct zs *z, uint64_t id, const char *decision);

/* The last working day of the issue's current level (0 when unknown). */
date_t zs_issue_due(struct zs *z, const struct rec *r);

/* "escalated to LEVEL, to be handled by DATE": what an escalation says. */
int zs_issue_level_text(struct zs *z, uint64_t id, char *buf, size_t n);

/* ---- follow-ups (跟进记录) ---- */

/* The follow-ups of a project (of = KIND_PROJECT), of an enterprise
 * (KIND_ENTERPRISE, its projects' too) or logged by an officer
 * (KIND_OFFICER) that the officer at the keyboard may read, the
 * latest contact first: skips the first skip, puts up to max ids into
 * ids and returns how many it put; *total (when not NULL) receives how
 * many there are.  Entries are added and corrected as records of kind
 * KIND_FOLLOWUP through the entry session (entry.h): a correction is its
 * author's, with a reason. */
size_t zs_followups(struct zs *z, enum kind of, uint64_t id, size_t skip, uint64_t *ids,
		    size_t max, size_t *total);

/* ---- the libraries (library.c) ---- */

/* The longest warning text, in bytes. */
#define ZS_WARN_BYTES 400

/* What an officer must see before saving r (kind k, number id, 0 when
 * new): another district's event at the same region and industry within
 * the profile's [events] clash_days, another district chasing the same
 * target enterprise, a project's carrier promised to another live
 * project.  Fills out (up to max) and returns how many; a save records
 * them with the record (clash_seen, shared_seen). */
size_t zs_lib_warnings(struct zs *z, enum kind k, uint64_t id, const struct rec *r,
		       char (*out)[ZS_WARN_BYTES], size_t max);

/* The row of library k called name (folded as it is indexed; an event
 * on date as typed too, when not empty) in district (as typed; empty:
 * the officer's own, or any for the city office): its number, or 0 when
 * there is none or more than one.  Imports match rows by it. */
uint64_t zs_lib_find(struct zs *z, enum kind k, const char *name, const char *date,
		     const char *district);

/* A district files (备案) its own policy id with the city office. */
int zs_policy_file(struct zs *z, uint64_t id);

/* The city office accepts (accept) or returns a filed policy, with its
 * answer (the reason, required to return). */
int zs_policy_answer(struct zs *z, uint64_t id, bool accept, const char *answer);

/* Links policy to project (link) or takes the link away: the project's
 * "policies", saved like any change of it (its district's officers). */
int zs_policy_link(struct zs *z, uint64_t policy, uint64_t project, bool link);

/* The projects linked to policy that the officer may see: up to max into
 * ids; returns how many. */
size_t zs_policy_projects(struct zs *z, uint64_t policy, uint64_t *ids, size_t max);

/* Two records that clash: events (a, b) of two districts, target rows
 * (a, b) of one enterprise in two districts, or live projects (a, b)
 * promised carrier about. */
struct zs_pair {
	uint64_t a, b, about;
};

/* Calls fn for each clash of kind k (KIND_EVENT, KIND_TARGET, or
 * KIND_CARRIER for carriers promised twice) that concerns the officer:
 * the city office sees all, a district those with a row of its own; fn
 * returns non-zero to stop.  Returns how many were reported. */
size_t zs_lib_pairs(struct zs *z, enum kind k, int (*fn)(void *ctx, const struct zs_pair *p),
		    void *ctx);

/* ---- calendar ---- */

/* The working-day calendar of the database. */
const struct calendar *zs_calendar(const struct zs *z);

/* Sets a date holiday, workday or normal (city office and admins). */
int zs_calendar_set(struct zs *z, date_t d, const char *kind, const char *name);

/* ---- claims at intake ---- */

/* Projects of the enterprise with this credit code or nearly this name
 * that are in another district than district, or in talks: what an
 * officer must see before entering the enterprise's project again. */
size_t zs_claims(struct zs *z, const char *credit_code, const char *name, uint64_t district,
		 uint64_t *ids, size_t max);

/* Text form of a record id: the sequence for node 1, else "node-seq". */
char *zs_id_text(uint64_t id, char *buf, size_t n);

/* Parses an id in text form; returns 0 or -1. */
int zs_id_parse(const char *s, uint64_t *id);

/* Filters of a listing; zero fields mean "any". */
struct zs_filter {
	uint64_t district, manager, enterprise;
	uint64_t project; /* issues of a project */
	uint64_t owner;   /* issues of an officer */
	bool unmanaged;   /* major projects (profile [major]) with no service manager */
	bool open_issues; /* issues not resolved */
	const char *stage, *industry;
	int64_t min_amount, max_amount; /* in 元, foreign amounts converted */
	const char *text;              /* search text */
};

/* Sets one filter of f from what a user typed: "district", "manager",
 * "enterprise" (a record, as zs_resolve finds it), "stage", "industry"
 * (a code, label or pinyin of the profile's list), "min", "max" (an
 * amount: 万元 unless a unit is given; 美元 amounts are compared in 元 at
 * the profile's rate) or "search".  Empty text clears the filter.  0, or
 * -1 with what was wrong in msg. */
int zs_filter_set(struct zs *z, struct zs_filter *f, const char *name, const char *text,
		  char *msg, size_t n);

/* Orders of a listing. */
enum zs_order { ZS_NEWEST, ZS_OLDEST, ZS_AMOUNT_DESC, ZS_AMOUNT_ASC };

/* Where a listing goes on: zero it (and set order) to start. */
struct zs_cursor {
	enum zs_order order;
	bool started, done;
	uint64_t id, amount;
	size_t budget; /* candidates one call may look at (0: 200,000) */
};

/* Lists up to max ids of kind k matching f, in c->order, from where c
 * stands; returns the number stored (possibly 0 while !c->done: one call
 * does a bounded amount of work, so a screen can stay responsive). */
size_t zs_list(struct zs *z, enum kind k, const struct zs_filter *f, struct zs_cursor *c,
	       uint64_t *ids, size_t max);

/* A project's total investment in 元, foreign amounts at the profile's
 * exchange rate - the order of amount sorts and filters. */
int64_t zs_amount_cny(const struct zs *z, const struct rec *r);

/* History of a record: calls fn for each log entry, oldest first. */
struct zs_change {
	const char *field;
	char old[256], new[256];
};
struct zs_history {
	uint64_t seq, actor;
	int64_t at;
	const char *op, *why;
	struct zs_change *c;
	size_t n;
};
int zs_history(struct zs *z, enum kind k, uint64_t id,
	       int (*fn)(void *ctx, const struct zs_history *h), void *ctx);

/* True when a change logged as op can be undone: an edit, a stage move
 * or an undo. */
bool zs_undo_op(const char *op);

/* Undoes change seq (its number in the history) of record id: a new
 * edit, logged as "undo:SEQ" with reason (required), that puts back the
 * values the change replaced.  Refused (ZS_INVALID, the field named in
 * the error) when one of them changed since; a stage put back meets the
 * gates of a stage move and amounts the thresholds of an edit. */
int zs_undo(struct zs *z, enum kind k, uint64_t id, uint64_t seq, const char *reason);

/* The counts of an officer's home screen. */
struct zs_home {
	uint64_t my_projects;       /* projects I am the service manager of */
	uint64_t my_issues;         /* open enterprise issues I own */
	uint64_t overdue;           /* of those, past the date the enterprise needs */
	uint64_t ft_ending;         /* first-talk exclusivity ending within 14 days */
	uint64_t ft_lapsed;         /* first-talk periods over: due for transfer */
	uint64_t unmanaged_major;   /* major projects without a service manager */
	uint64_t district_projects; /* projects of my district (all for the city) */
	uint64_t city_waiting;      /* claims and open disputes waiting for the city
				     * (counted for the city office and admins) */
	date_t calendar_end;        /* the last day the working-day calendar knows */
	bool calendar_short;        /* within 30 days of it: next year's is due */
};
int zs_home(struct zs *z, struct zs_home *h);

/* The records behind a count of the home screen, so that the count opens
 * exactly its list: issues waiting on me (or only the overdue ones), or
 * projects whose first-talk period ends within 14 days (or is over).
 * Puts up to max ids in ids and returns how many there are (more than max
 * when ids was too small: call again with room for all). */
enum zs_home_row { ZS_HOME_MY_ISSUES, ZS_HOME_OVERDUE, ZS_HOME_FT_ENDING, ZS_HOME_FT_LAPSED };
size_t zs_home_list(struct zs *z, enum zs_home_row which, uint64_t *ids, size_t max);

/* ---- saved filters ---- */

/* The longest name of a saved filter, in characters, and in bytes. */
#define ZS_FILTER_NAME_MAX 40
#define ZS_FILTER_NAME_BYTES (ZS_FILTER_NAME_MAX * 4 + 1)

/* Saves f (its search text too) and order as my filter called name,
 * replacing one of that name.  Mine alone, kept in the database, not
 * logged. */
int zs_filter_save(struct zs *z, const char *name, const struct zs_filter *f, enum zs_order order);

/* Deletes my saved filter called name (ZS_NOTFOUND when none is). */
int zs_filter_delete(struct zs *z, const char *name);

/* The names of my saved filters, in the order saved: up to max into
 * names; returns how many there are. */
size_t zs_filter_names(struct zs *z, char (*names)[ZS_FILTER_NAME_BYTES], size_t max);

/* Reads my saved filter called name into f and *order; its search text
 * goes into text (textlen bytes), which f->text then points to.  A value
 * no longer known (a district, a stage) is reported as ZS_INVALID. */
int zs_filter_load(struct zs *z, const char *name, struct zs_filter *f, enum zs_order *order,
		   char *text, size_t textlen);

/* ---- one action on many projects ---- */

/* What became of one project of a bulk action. */
struct zs_bulk_result {
	uint64_t id;
	int status;        /* ZS_OK, or why it was left as it was */
	enum zs_hint hint;
	char field[64];
	char msg[1024];
};

/* Moves each of the n projects to stage today, each through every rule of
 * zs_project_move on its own: one that fails is left as it was and the
 * others go on.  reason (required) is kept with each.  Fills res[i] for
 * ids[i]; returns how many failed. */
size_t zs_bulk_stage(struct zs *z, const uint64_t *ids, size_t n, const char *stage,
		     const char *reason, struct zs_bulk_result *res);

/* Makes officer the service manager of each of the n projects, each
 * through zs_assign_manager on its own (a handover where one had a
 * manager); as zs_bulk_stage. */
size_t zs_bulk_assign(struct zs *z, const uint64_t *ids, size_t n, uint64_t officer,
		      const char *reason, struct zs_bulk_result *res);

/* ---- printable sheets ---- */

/* The sheets zs_print lays out. */
enum zs_print_what {
	ZS_PRINT_PROJECT,   /* a project's page: fields, stages, issues, changes */
	ZS_PRINT_PREREPORT, /* the signing pre-report (重大签约项目预报表) of a project */
	ZS_PRINT_ISSUE,     /* the supervision sheet (督办单) of an issue */
};

/* The default page: A4 in 80 columns of 66 lines (6 lines an inch). */
#define ZS_PRINT_WIDTH 80
#define ZS_PRINT_LINES 66

/* Lays sheet what of record id out as plain UTF-8 text in pages of width
 * columns (display columns: a Chinese character takes two) and lines
 * lines, each with a header and a footer (page N of M), a form feed
 * before each page after the first; control characters in values are
 * made spaces.  The number of pages goes to *pages (may be NULL).  A new
 * string, or NULL (zs_last_error says why: another district's project,
 * a profile without pre-report, ...). */
char *zs_print(struct zs *z, enum zs_print_what what, uint64_t id, int width, int lines,
	       size_t *pages);

/* ---- my inbox (我的待办) ---- */

/* Why an entry is in my inbox. */
enum zs_inbox_what {
	ZS_INBOX_ISSUE,     /* an issue waiting on me, escalated to my level or taken by me */
	ZS_INBOX_FT_ENDING, /* the first-talk period of my project ends within the days asked */
	ZS_INBOX_ASSIGNED,  /* a project was given to me as its service manager */
	ZS_INBOX_CLAIM,     /* a claim waits for the city office */
};

/* One entry of my inbox. */
struct zs_inbox_entry {
	enum zs_inbox_what what;
	enum kind kind;   /* the record it opens: KIND_ISSUE or KIND_PROJECT */
	uint64_t id;      /* that record */
	uint64_t project; /* the project it concerns */
	date_t date;      /* issue: at its level since; ending: the last
			   * exclusive day; assigned: the day; claim: registered */
	char level[32];   /* an issue's level (code) */
	uint64_t seq;     /* assigned: the clock stamp of the assignment */
	bool unread;
	char key[64];     /* what zs_inbox_mark() marks read */
};

/* My inbox, newest first: issues waiting on me, first-talk periods of my
 * projects (managed, entered, or of the district I lead) ending within
 * days, projects given to me to manage, and for the city office the
 * claims waiting for it.  Only the unread ones unless all.  Puts up to
 * max in out (may be NULL), returns how many there are, and the number
 * unread in *unread (may be NULL).  Worked out from the indexes each
 * time; nothing but my read marks is stored. */
size_t zs_inbox(struct zs *z, int days, bool all, struct zs_inbox_entry *out, size_t max,
		size_t *unread);

/* Marks the entry with key read (opened), or every entry when key is
 * NULL (and what came before now).  The marks are mine, kept in the
 * database, not logged. */
int zs_inbox_mark(struct zs *z, int days, const char *key);

/* Words an entry in the language in use: why it is there, the project's
 * name and a detail (level and since when, the end of a period, ...). */
void zs_inbox_describe(struct zs *z, const struct zs_inbox_entry *x, char *what, size_t wn,
		       char *name, size_t nn, char *detail, size_t dn);

/* The audit log: who changed what, when. */
struct zs_audit_filter {
	uint64_t actor;    /* 0: everyone (city office and admins only) */
	date_t from, to;   /* 0: open-ended */
};
struct zs_audit {
	uint64_t seq, actor;
	int64_t at;
	const char *op, *table;
	uint64_t id;
	const char *why;
	const char **fields;
	size_t n;
};

/* Calls fn with each entry of the audit log within f, oldest first;
 * officers other than the city office and admins see their own only. */
int zs_audit_list(struct zs *z, const struct zs_audit_filter *f,
		  int (*fn)(void *ctx, const struct zs_audit *a), void *ctx);

/* Verifies the whole database in a child process (a damaged file cannot
 * stop the caller: it becomes one more fault); calls problem() for each
 * fault and returns their number.  Asks no access and logs nothing. */
uint64_t zs_check(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx);

/* Sets the most the database file may grow to (administrators): a
 * multiple of the page size, at least the file's size, at most 1 TiB and
 * mappable here.  Leaves a maintenance entry in the audit log. */
int zs_set_map_size(struct zs *z, uint64_t bytes);

/* Writes a compacted, consistent copy of the database into the new
 * directory dest while others go on working (administrators and the city
 * office); the copy is the caller's own, 0700/0600.  Leaves a maintenance
 * entry naming dest in the audit log. */
int zs_backup(struct zs *z, const char *dest);

/* Number of entries in the journal (and so in the audit log). */
uint64_t zs_log_count(struct zs *z);

/* Fills the database with a deterministic demo city of n projects;
 * progress() (may be NULL) is called now and then. */
int zs_demo(struct zs *z, uint64_t n, void (*progress)(void *ctx, uint64_t done), void *ctx);

/* zsdesk check: verifies the whole database as zs_check() does, for an
 * administrator, and leaves a maintenance entry in the audit log; the
 * number of faults into *faults. */
int zs_check_database(struct zs *z, void (*problem)(void *ctx, const char *msg), void *ctx,
		      uint64_t *faults);

/* Number of maintenance entries (backup, restore, check, mapsize) in the
 * log; zs_log_count() includes them. */
uint64_t zs_maintenance_count(struct zs *z);

/* Sets fn to run (async-signal-safe: give the terminal back) when a
 * damaged database file stops the process with exit status 5. */
void zs_on_damage(void (*fn)(void));

struct zs_restore_opts {
	const char *as;  /* act as this login (single-user databases) */
	unsigned wait;   /* seconds to wait for other sessions to close */
	bool replace;    /* there is a database in place, and it goes */
};

struct zs_restore_result {
	bool busy;          /* others had it open for all of the wait */
	uint64_t projects;  /* in the restored database */
	char kept[4200];    /* where the replaced database is kept, or "" */
};

/* Puts the backup in directory backup in place of the database in dir:
 * for an administrator of the database in place (root or the directory's
 * owner when it cannot be opened), never while another process has it
 * open (waits o->wait seconds, then res->busy), checking the copy before
 * and after, keeping the replaced file, leaving a maintenance entry.
 * Returns ZS_OK or a status with the reason in err. */
int zs_restore(const char *dir, const char *backup, const struct zs_restore_opts *o,
	       struct zs_restore_result *res, char *err, size_t errlen);

/* ---- whole tables, for exports ---- */

/* Copies out up to max records of kind k with ids above *after, in id
 * order, that the officer may see whole (a desk officer: the projects and
 * issues of their district), into ids and recs (initialised records,
 * overwritten); *after moves on, to UINT64_MAX when the table is done.
 * Returns how many were copied (0 is possible while *after is not done:
 * one call does a bounded amount of work). */
size_t zs_scan(struct zs *z, enum kind k, uint64_t *after, uint64_t *ids, struct rec *recs,
	       size_t max);

/* Calls fn with the code and number of every district, officer (login)
 * or enterprise (credit code) that has one, in code order, from the
 * index alone: the codes an export puts beside a million names without
 * reading a record.  ZS_OK or a status. */
int zs_codes(struct zs *z, enum kind k,
	     int (*fn)(void *ctx, const void *code, size_t len, uint64_t id), void *ctx);

/* Runs fn with every save it makes joined in one transaction (imports):
 * a save that fails undoes itself alone, later reads see the saves made
 * so far, and all of them are kept together at the end - or none, when
 * fn returns non-zero or commit is false (a dry run that saw exactly what
 * the import would do).  ZS_OK, or the status of the final commit. */
int zs_together(struct zs *z, bool commit, int (*fn)(void *ctx), void *ctx);

/* ---- facts the reports read (facts.c) ---- */

/* Money that moved on a project, one entry of its ledger: measure is
 * "funds" (到位资金, 元), "foreign" (实际利用外资, 美元) or "domestic"
 * (实际利用内资, 元); amount in whole units, negative only for a
 * correction (which needs a reason); date the day it moved (not in the
 * future); source where the figure comes from.  Corrections are new
 * entries; nothing in the ledger is ever changed. */
int zs_money_add(struct zs *z, uint64_t id, const char *measure, int64_t amount, date_t date,
		 const char *source, const char *reason);

/* Sets a district's annual target (city office): measure "domestic" (元)
 * or "foreign" (美元), or a class of projects the profile counts
 * (a number of projects); the latest setting of a year and measure
 * stands, each one kept and audited. */
int zs_target_set(struct zs *z, uint64_t district, int year, const char *measure, int64_t amount,
		  const char *reason);

/* The target of a district (its record) for a year and measure; -1 when
 * none was set. */
int64_t zs_target_of(const struct rec *district, int year, const char *measure);

/* ---- the city office's numbers (report.c) ---- */

enum zs_period_kind { ZS_PERIOD_MONTH, ZS_PERIOD_QUARTER, ZS_PERIOD_HALF, ZS_PERIOD_YEAR };

/* A period: its kind and its first and last day. */
struct zs_period {
	enum zs_period_kind kind;
	date_t from, to;
	char name[16]; /* 2026-10, 2026-Q3, 2026-H1, 2026 */
};

/* Reads a period of a kind: 2026-10 (month), 2026-Q3 or 2026-3 (quarter),
 * 2026-H1 or 2026-1 (half), 2026 (year); NULL for the one holding today.
 * 0, or -1 when the text is not such a period. */
int zs_period_parse(enum zs_period_kind kind, const char *s, struct zs_period *p);

#define ZS_REPORT_COLS 24

/* A report: one table (the same for every format and the screen), and
 * lines below it - the formulas, what the flags mean, the corrections
 * made since the period ended. */
struct zs_report {
	char title[256];
	int ncols;
	const char *keys[ZS_REPORT_COLS];   /* column keys (json, csv headers) */
	const char *labels[ZS_REPORT_COLS]; /* English, translated by the caller */
	size_t nrows;
	char **cells; /* nrows * ncols texts */
	char **notes;
	size_t nnotes;
	size_t first_correction; /* notes from here on: corrections since the period */
	size_t total; /* a list's rows in all, of which the first (limit) are here */
	/* For charts: one value per row (ranking bars), the stage funnel of
	 * the whole city, and twelve months of utilised capital (元). */
	int64_t *bar;
	int64_t funnel[8];
	const char *funnel_labels[8];
	int nfunnel;
	int64_t trend[12];
};

/* The names of the reports, NULL-terminated, and their English titles. */
extern const char *const zs_report_names[];
const char *zs_report_title(const char *name);

/* Runs report name over period p (district 0: every district) as the
 * data stood on as_of (0: the period's end, or today while it runs); a
 * list (clearing) has at most limit rows (0: all) and says its total. */
int zs_report_run(struct zs *z, const char *name, const struct zs_period *p, uint64_t district,
		  date_t as_of, size_t limit, struct zs_report *out);

/* Frees what a report holds. */
void zs_report_free(struct zs_report *r);

/* Makes the reports' counts from the projects when the database is older
 * than them (once; a read-only session leaves them as they are). */
void zs_counts_ready(struct zs *z);

/* True when the counts or the search keys are older than this program's
 * and the next zs_counts_ready makes them (minutes at a million
 * projects): a front end says so first. */
bool zs_counts_stale(struct zs *z);

#endif

/*
 * internal.h - what the files of core/ share and nobody else sees.
 */
#ifndef ZSDESK_CORE_INTERNAL_H
#define ZSDESK_CORE_INTERNAL_H

#include "calendar.h"
#include "core.h"
#include "store.h"
#include "utf8.h"

/* Index numbers of each table, in the order of its store_index array. */
enum { IX_DISTRICT_CODE, IX_DISTRICT_NAME };
enum { IX_OFFICER_LOGIN, IX_OFFICER_DISTRICT };
enum { IX_ENTERPRISE_CODE, IX_ENTERPRISE_NAME, IX_ENTERPRISE_SEARCH };
enum {
	IX_PROJECT_DISTRICT,
	IX_PROJECT_STAGE,
	IX_PROJECT_MANAGER,
	IX_PROJECT_INDUSTRY,
	IX_PROJECT_ENTERPRISE,
	IX_PROJECT_AMOUNT,
	IX_PROJECT_SEARCH,
	IX_PROJECT_FIRSTTALK,
};
enum { IX_ISSUE_PROJECT, IX_ISSUE_OPEN, IX_ISSUE_OWNER };
enum {
	IX_EVENT_DATE,
	IX_EVENT_INDUSTRY,
	IX_EVENT_SEARCH,
	IX_EVENT_DISTRICT,
	IX_EVENT_KEY,
	IX_EVENT_CLASH, /* industry, region, country (folded), then date and id */
};
enum { IX_FOLLOWUP_PROJECT, IX_FOLLOWUP_ENTERPRISE, IX_FOLLOWUP_AUTHOR };
/* Every library but the events keeps these three, in this order. */
enum { IX_LIB_SEARCH, IX_LIB_DISTRICT, IX_LIB_KEY };
/* A project's carrier, after the project's other indexes. */
enum { IX_PROJECT_CARRIER = IX_PROJECT_FIRSTTALK + 1, IX_PROJECT_POLICY };

struct zs {
	struct store *st;
	struct profile prof;
	struct calendar cal;
	uint64_t me;
	struct rec me_rec;
	bool single_user;
	struct store_table tables[KIND_COUNT]; /* the store's tables, with &prof */
	struct zs_err err; /* the last failure */
};

/* The store tables, one per kind, in enum kind order: the template a
 * session copies (tables.c). */
extern const struct store_table zs_tables[KIND_COUNT];

/* Copies the tables for a session whose profile is p: the amount index
 * converts 美元 at p's rate (tables.c). */
void zs_tables_init(struct store_table *tables, const struct profile *p);

/* Records a failure: status and message (printf-style), no field, no
 * hint; returns status (error.c). */
int zs_fail(struct zs *z, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* As zs_fail, with what the officer can do about it. */
int zs_fail_hint(struct zs *z, int status, enum zs_hint hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Names the field at fault in the failure just recorded; returns its
 * status. */
int zs_fail_field(struct zs *z, const char *field);

/* Forgets the last failure. */
void zs_fail_clear(struct zs *z);

/* Maps a store status to a core status, copying the store's message. */
int zs_from_store(struct zs *z, int rc);

/* Writes an id as 8 big-endian bytes. */
void zs_be64(unsigned char *p, uint64_t v);

/* Writes v as 4 big-endian bytes (a day or a month in a count's key). */
static inline void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A day as the number yyyymmdd. */
static inline uint32_t day_code(date_t d)
{
	int y, m, dd;
	date_ymd(d, &y, &m, &dd);
	return (uint32_t)(y * 10000 + m * 100 + dd);
}

/* A project's amount in 元 at rate (元 per 美元 times 10000). */
int64_t zs_amount_at(int64_t rate, const struct rec *r);


/* True when a project has a service manager who is still active: a
 * deactivated officer's projects go back on the district lead's list of
 * major projects to hand over (tables.c). */
bool tables_managed(const struct zs *z, struct store_txn *t, const struct rec *project);

/* True when a project is live: not exited, not transferred away (tables.c). */
bool tables_live(const struct profile *p, const struct rec *project);

/* Emits the search tokens of a name into index ix (search.c). */
void search_tokens(const char *name, int ix, store_emit_fn emit, void *ctx);

/* True when a project reaches the first-talk threshold (rules.c). */
bool rules_first_talk_size(const struct profile *p, const struct rec *r);

/* The first-talk register on every save of a project (rules.c): r
 * reaching talks or beyond at the profile's size is registered on date
 * (as a claim for the city office when claim_of, another district's
 * project of the same enterprise, holds the exclusivity); progress, exit
 * and a move back into talks change its status.  old: r as stored, or
 * NULL for a new project. */
void rules_first_talk(const struct profile *p, const struct calendar *cal, struct rec *r,
		      const struct rec *old, date_t date, uint64_t claim_of);

/* The last exclusive day of a first talk registered on from, as the
 * profile counts it (months, days, working days); 0 when it lasts until
 * the city decides (rules.c). */
date_t rules_ft_until(const struct profile *p, const struct calendar *cal, date_t from);

/* Adds a credit entry (kind "first", "transfer" or "push"; keep: the
 * first-talk district's share of a split transfer, or -1) to r's ledger
 * and sets r's shares ("credit") as the profile's credit rule says
 * (rules.c). */
void rules_credit_add(const struct profile *p, struct rec *r, uint64_t district, const char *kind,
		      int keep, date_t date);

/* Sets r's shares ("credit", "district:percent" items) from its ledger
 * (rules.c); none when it earns no credit. */
void rules_credit_shares(const struct profile *p, struct rec *r);

/* True when the profile asks a pre-report of r's signing: its amount, or
 * its being a landmark project (rules.c). */
bool rules_pre_report_needed(const struct profile *p, const struct rec *r);

/* True when a move from stage from to stage to reaches or passes the
 * signing (not a move out or away) (rules.c). */
bool rules_passes_signing(const struct profile *p, const char *from, const char *to);

/* Checks the signing pre-report rule for moving r to stage on date;
 * returns 0 or -1 with the rule in msg (rules.c). */
int rules_pre_report(struct zs *z, const struct rec *r, date_t date, char *msg, size_t n);

/* Puts issue r at level from date, adding the dated step to its trail
 * ("steps": "level|date" items) (rules.c). */
void rules_issue_step(struct rec *r, const char *level, date_t date);

/* Moves issue r one level up the profile's ladder on date, a dated step
 * of its own; false at the top (rules.c). */
bool rules_issue_climb(const struct profile *p, struct rec *r, date_t date);

/* The last working day of issue r's current level, counting a wait on the
 * enterprise up to today (0 when unknown; rules.c). */
date_t rules_issue_due(const struct profile *p, const struct calendar *cal, const struct rec *r,
		       date_t today);

/* True when the officer may see all of this project (access.c). */
bool access_project_mine(const struct zs *z, const struct rec *project);

/* Strips what the officer may not see: of another district's project all
 * but what the claim warning needs (and its version), of another officer
 * their login and phone (outside the city office). */
void access_redact(const struct zs *z, enum kind k, uint64_t id, struct rec *r);

/* What an officer may do beyond their district's own records. */
enum access_act {
	ACCESS_PEOPLE,    /* change officers and districts: administrators */
	ACCESS_MAP_SIZE,  /* resize the database: administrators */
	ACCESS_CALENDAR,  /* keep the working-day calendar: the city office */
	ACCESS_TRANSFER,  /* transfer a project (流转): the city office */
	ACCESS_NO_CREDIT, /* record a signing without credit: the city office */
	ACCESS_ASSIGN,    /* name a project's service manager: its district's
			   * lead or the city office */
	ACCESS_BACKUP,    /* copy the whole database: administrators and the
			   * city office */
	ACCESS_MAINTAIN,  /* restore, check, mapsize, profile: administrators */
	ACCESS_TARGETS,   /* set the districts' annual targets: the city office */
};

/* True for administrators and the system itself. */
bool access_is_admin(const struct zs *z);

/* True for the city office, administrators and the system. */
bool access_is_city(const struct zs *z);

/* True when the officer leads the district of project. */
bool access_is_lead_of(const struct zs *z, const struct rec *project);

/* ZS_OK, or ZS_DENIED with the reason recorded, for act (project: the
 * project it concerns, or NULL). */
int access_check(struct zs *z, enum access_act act, const struct rec *project);

/* The facts of one save that access decides on. */
struct access_save {
	enum kind kind;
	const struct rec *old;     /* the record as stored; NULL when new */
	const struct rec *r;       /* the record to save */
	const struct rec *project; /* an issue's or a follow-up's project */
	bool shared;               /* an enterprise with other districts' projects */
};

/* True when the officer may read follow-up f (project: its project as
 * stored, or NULL): the city office all; others those of their district's
 * projects and those their district logged. */
bool access_followup_visible(const struct zs *z, const struct rec *f, const struct rec *project);

/* ZS_OK, or ZS_DENIED with the reason recorded, for a save. */
int access_check_save(struct zs *z, const struct access_save *s);

/* The refusal of one who may not name a project's service manager
 * (access.c): who may. */
int access_assign_denied(struct zs *z);

/* The service-manager rule of a project save (access.c): ZS_OK, or a
 * failure saying who may name whom. */
int access_manager_check(struct zs *z, struct store_txn *t, const struct rec *old, const struct rec *r);

/* The choices of field f as a hint ("one of: ...") in buf (fields.c). */
char *fields_choice_hint(struct zs *z, const struct field_def *f, char *buf, size_t n);

/* How often a verb re-reads and re-applies its change when others saved
 * the record in between. */
#define ZS_RETRIES 20

/* The longest reason or note zsdesk keeps, in characters. */
#define RULES_NOTE_MAX 2000

/* What is wrong with a text, in the officer's language (rules.c). */
const char *rules_text_fault(enum text_fault f);

/* ZS_OK, or ZS_INVALID naming what ("reason", "note") when text holds a
 * control character or override or is longer than RULES_NOTE_MAX
 * (rules.c). */
int rules_note_check(struct zs *z, const char *what, const char *text);

/* ZS_OK, or a failure when d (of what) is more than the years allowed
 * back: a typo of the year. */
int rules_date_too_old(struct zs *z, const char *what, date_t d);

/* The day a project was signed (its first stage of signing or later in
 * the history), or 0. */
date_t rules_signed_on(const struct profile *p, const struct rec *r);

/* The rules a save meets against the record as stored (old, or NULL for
 * a new one), inside transaction t: the service manager, a project's
 * registration date, an issue's date needed by, a follow-up's date. */
int rules_save_check(struct zs *z, struct store_txn *t, enum kind k, const struct rec *old,
		     const struct rec *r);

/* Moves a project to stage today as zs_project_move does, with every
 * gate, setting the fields of also and removing those named in gone
 * (either may be NULL) in the same save, logged as op; once: ZS_CONFLICT
 * when someone saved in between (project.c). */
int project_move_with(struct zs *z, uint64_t id, const char *stage, const char *reason,
		      const struct rec *also, const struct rec *gone, const char *op);

/* ---- the libraries beside the project library (library.c) ---- */

/* The index of kind k's search words, district and key (the folded
 * name, or -1): the same for every library but the events (tables.c). */
int library_ix(enum kind k, int which);

/* The index keys every library shares: the words of its name, its
 * district and its folded name (the events add their own) (tables.c). */
void library_keys(const struct rec *r, enum kind k, store_emit_fn emit, void *ctx);

/* The group of events that may clash with event r - its industry, its
 * region and its country, folded, each ended by 0x1F - into buf; its
 * length, or 0 when it has no industry or region (tables.c). */
size_t library_event_group(const struct rec *r, char *buf, size_t n);

/* The folded name a library row is found by: a target's or a visit
 * plan's enterprise name without its legal form, else the name as
 * searched (tables.c). */
void library_folded(enum kind k, const struct rec *r, char *out, size_t n);

/* Fills and checks what a library keeps itself before saving: the
 * district (the officer's own when none is given), the city list and
 * reserve of a carrier, the plan reason of an event, the other districts
 * chasing a target, the clashes of an event; ZS_OK or STORE_ERROR with
 * z->err said. */
int library_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r);

/* Ticks off the visit plans of follow-up f (number fid, just written in
 * t): the district's plans for its enterprise in the quarter of its day
 * not yet visited.  A store status. */
int library_tick_visits(struct zs *z, struct store_txn *t, uint64_t fid, const struct rec *f);

/* ZS_OK, or ZS_DENIED with the reason, for a save of a library record
 * (old: as stored, or NULL): the district's officers write its rows,
 * the city office all (access.c). */
int access_library_save(struct zs *z, enum kind k, const struct rec *old, const struct rec *r);

/* Fills the fields a project keeps itself before saving (model.c). */
int model_prepare(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r);

/* Applies r (merged by sync from another copy's operation) to record id
 * of kind k in transaction t by the path of every save: access for the
 * session's officer (sync puts the operation's author there), then the
 * tail zs_save and zs_intake share (save.c's save_write: the fields
 * zsdesk derives, store_put with its indexes and log, and what follows
 * from the change, an enterprise's new name in its projects).  Whatever
 * a save keeps beside records belongs in that tail, so that applied
 * operations keep it too (save.c). */
int save_apply(struct zs *z, struct store_txn *t, enum kind k, uint64_t id, struct rec *r,
	       const char *op, const char *why);

/* ---- the per-month deltas of the reports (tally.c) ---- */

/* Measures of a count: TM_STAGE + a stage's position in the profile is
 * the number of projects at that stage; the rest are flows of a month. */
enum tally_measure {
	TM_STAGE = 0,
	TM_NEW = 64,        /* projects entered (增资扩产 counted as new) */
	TM_FUNDS = 65,      /* funds in place (到位资金), 元 */
	TM_FOREIGN = 66,    /* actually utilised foreign capital, 美元 */
	TM_FOREIGN_CNY = 67, /* the same in 元 at the profile's rate of its date */
	TM_DOMESTIC = 68,   /* actually utilised domestic capital, 元 */
	TM_CREDIT_N = 69,   /* projects credited to a district, in the month it arose */
	TM_CREDIT_SHARE = 70, /* their shares, percent */
	TM_CREDIT_AMOUNT = 71, /* investment (元, at the profile's rate) times share */
	TM_NEW_OUTSIDE_MFG = 72, /* new projects of manufacturers from outside the city */
	TM_FOREIGN_MFG = 73,     /* utilised foreign capital (美元) of manufacturing projects */
	TM_FOREIGN_HITECH = 74,  /* utilised foreign capital (美元) of high-tech foreign projects */
	TM_CLASS = 80,           /* + a [target_classes] position: projects signed of that class */
	TM_CLASSES = 8,          /* classes kept, TM_CLASS up to TM_CLASS + 7 */
	/* The signed contract's promises (003 §十六), in the month each falls due. */
	TM_CONTRACTS = 88,        /* contracts whose first promise fell due */
	TM_CONTRACTS_KEPT = 89,   /* of them, every promise fallen due kept on its day */
	TM_START_DUE = 90,        /* contracts whose promised start fell due */
	TM_START_ON_TIME = 91,    /* of them, started on or before that day */
	TM_FUNDS_PROMISED = 92,   /* contract investment (元) whose promised day fell due */
	TM_FUNDS_PROMISED_IN = 93, /* of it, in place (funds in place, at most the promise) */
	TM_COUNT = 96
};

/* Today's state kept beside the months ('S' measure district). */
enum { TS_FT_LAPSED = 1, TS_UNMANAGED = 2 };

/* What the counts hold, in meta "counts"; another value (or none: a
 * database older than the counts) makes them again on the next write. */
#define TALLY_VERSION "5"

#define TALLY_CODE_MAX 40
#define TALLY_KEY_MAX (24 + TALLY_CODE_MAX)
#define TALLY_OPEN 99991231u /* the clearing key's until of a candidate still */

/* One count's key read back: recorded is 0 for an on-time count, else
 * the day (yyyymmdd) a correction was recorded. */
struct tally_entry {
	uint32_t month, recorded;
	char district[TALLY_CODE_MAX + 1]; /* its code */
	int measure;
};

/* yyyymm of a day. */
uint32_t tally_month(date_t d);

/* The key of a fact of day eff recorded on day recorded; its length. */
size_t tally_key(unsigned char *key, date_t eff, date_t recorded, const char *district,
		 int measure);

/* Reads a key; -1 when it is not one of tally's. */
int tally_key_read(const void *key, size_t len, struct tally_entry *e);

/* Position of a stage code in the profile's list, or -1. */
int tally_stage_pos(const struct profile *p, const char *code);

/* TM_FUNDS, TM_FOREIGN or TM_DOMESTIC for "funds", "foreign",
 * "domestic"; -1 otherwise. */
int tally_money_measure(const char *name);

/* Appends to r's "attrs" the changes from old (of the same version: the
 * save that goes through) of the attributes the reports weigh a project
 * by, dated today, each once. */
void tally_note_attrs(struct rec *r, const struct rec *old, date_t today);

/* The attributes the reports weigh project r by (investment, currency,
 * foreign capital, capital type, the manufacturing and high-tech marks,
 * its manager) as they were on day, set in out: the value before the
 * first change kept in "attrs" dated after day, else today's. */
void tally_attrs_on(const struct rec *r, date_t day, struct rec *out);

/* 美元 to 元 at the profile's rate of day d, exact to the 元. */
int64_t tally_usd_to_cny(const struct profile *p, int64_t usd, date_t d);

/* Adds to the counts the facts of project id as new and takes away those
 * of it as old (either may be NULL), in write transaction t; dtab is the
 * district table.  Besides the per-month counts, a project that was
 * signed, registered or funded with a planned start is kept under 'P',
 * the day it left those stages (TALLY_OPEN while it has not), its
 * planned start, the day it came to them (u32 yyyymmdd each), its id and
 * its district's code, for the clearing list. */
int tally_project(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
		  const struct rec *new);

/* An officer became active (now) or inactive: the major projects they
 * manage leave or join the count of those without an active manager. */
int tally_manager(struct zs *z, struct store_txn *t, uint64_t officer, bool was, bool now);

/* Appends to r's stage history when its stage or district changed since
 * old (NULL for a new record): the stage date, or today for a transfer.
 * A stage dated before the one before it is kept as dated and counted from
 * the day of that one. */
void tally_note_stage(struct zs *z, struct store_txn *t, struct rec *r, const struct rec *old,
		      date_t today);

/* Makes the counts again from every project of ptab; *changed says
 * whether they differ from those kept (a fault zsdesk check reports). */
int tally_rebuild(struct zs *z, struct store_txn *t, uint64_t *projects, bool *changed);

/* Applies a change of officer's saved filters made on another copy (the
 * reason of a "filter" note: "save LINE" or "delete NAME", stamp hlc)
 * unless a later change of that name is here (savedfilter.c). */
int filters_apply(struct store_txn *t, uint64_t officer, const char *why, uint64_t hlc);

/* Calls each with every issue waiting on me (zs_home's count), read
 * once, in the same read transaction. */
void zs_home_issues(struct zs *z, void (*each)(void *, uint64_t, const struct rec *), void *ctx);

/* ---- counts of issues (issue-tally.c) ---- */

#define ISSUE_TALLY_CODE_MAX 40
#define ISSUE_TALLY_KEY_MAX (32 + 2 * ISSUE_TALLY_CODE_MAX)

/* One count of open issues: at a level, taken by owner, of a district's
 * project, a dispute or not, late from a day (yyyymmdd; 0: never). */
struct issue_count {
	char level[ISSUE_TALLY_CODE_MAX + 1], district[ISSUE_TALLY_CODE_MAX + 1];
	uint64_t owner;
	bool dispute;
	uint32_t late_from;
	int64_t n;
};

/* yyyymmdd of a day, as the issue counts hold it. */
uint32_t issue_tally_day(date_t d);

/* The code of the district of issue r's project, read in t ("" if none). */
void issue_tally_district(struct zs *z, struct store_txn *t, const struct rec *r, char *buf,
			  size_t n);

/* Adds to the counts issue id as new and takes away it as old (either
 * may be NULL), in write transaction t. */
int issue_tally(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
		const struct rec *new);

/* Project moved from district code from to to: its issues' counts move. */
int issue_tally_moved(struct zs *z, struct store_txn *t, uint64_t project, const char *from,
		      const char *to);

/* Counts every issue (the counts having been cleared). */
int issue_tally_all(struct zs *z, struct store_txn *t);

/* Calls each with the counts of open issues (not waiting) at level (NULL:
 * every level) taken by *owner (NULL: anyone). */
int issue_tally_open(struct store_txn *t, const char *level, const uint64_t *owner,
		     void (*each)(void *ctx, const struct issue_count *c), void *ctx);

/* The issues waiting on the enterprise, in *ids (to free); how many. */
size_t issue_tally_waiting(struct store_txn *t, uint64_t **ids);

/* The open issues whose level's time limit ends before day, in *ids. */
size_t issue_tally_due_before(struct store_txn *t, date_t day, uint64_t **ids);

/* How many issues wait on me (the home screen's count), read in t. */
void home_issue_count(struct zs *z, struct store_txn *t, uint64_t *all);

/* Whether issue r waits on me, as the home screen counts it. */
bool home_issue_waits(struct zs *z, struct store_txn *t, const struct rec *r);

/* ---- a project's names as bits for the search (search-bits.c) ---- */

#define SEARCH_WORD_MAX 64
#define SEARCH_SEQ_MAX 32

/* A query word as the ways its letters can be read: first letters of the
 * syllables of each; off when it cannot rule anything out. */
struct search_word {
	bool off;
	int nseq;
	char seq[SEARCH_SEQ_MAX][SEARCH_WORD_MAX];
	size_t len[SEARCH_SEQ_MAX];
};

/* The bits of project r's name and enterprise name. */
void search_bits_of(const struct rec *r, uint64_t bits[2]);

/* Keeps the bits of project id as new, not as old (either NULL), in t. */
int search_bits_tally(struct store_txn *t, uint64_t id, const struct rec *old,
		      const struct rec *new);

/* The bits of project id kept in the counts; false when there are none. */
bool search_bits_get(struct store_counts_cursor *cc, uint64_t id, uint64_t bits[2]);

/* Plans a folded query word (ASCII letters and digits). */
void search_word_plan(struct search_word *w, const char *word);

/* False when a project of these bits cannot match the word. */
bool search_word_may_match(const struct search_word *w, const uint64_t bits[2]);

/* The initials trigrams of project r's names ('t' + three letters, every
 * run of three as search_bits_of sets its bits) as keys of index ix. */
void search_tri_keys(const struct rec *r, int ix, store_emit_fn emit, void *ctx);

/* The version of the trigram keys kept in meta "search_tri". */
#define SEARCH_TRI_VERSION "1"

/* True when every project's trigram keys are in the search index. */
bool search_tri_ready(struct store_txn *t);

/* Adds the trigram keys of every project (a database older than them),
 * counting them in *projects. */
int search_tri_rebuild(struct zs *z, struct store_txn *t, uint64_t *projects);

/* Makes the trigram keys of an older database, once, with a maintenance
 * note (zs_counts_ready, zs_check_database). */
void zs_search_ready(struct zs *z);

/* ---- the first-talk register by officer (ft-tally.c) ---- */

/* Keeps, for the manager and the officer who entered project id, its
 * active first talk by end day, as new and not as old (either NULL). */
int ft_tally(struct zs *z, struct store_txn *t, uint64_t id, const struct rec *old,
	     const struct rec *new);

struct ft_mine {
	uint64_t id;
	uint32_t until; /* yyyymmdd */
};

/* The active first talks of officer's projects ending from .. to, soonest
 * first, in *out (to free); how many. */
size_t ft_tally_mine(struct store_txn *t, uint64_t officer, date_t from, date_t to,
		     struct ft_mine **out);

/* The escalation report (report-escalation.c): zs_report_run's for
 * "escalation". */
int report_escalation(struct zs *z, const struct zs_period *p, uint64_t only, date_t as_of,
		      struct zs_report *r);

/* Whether an open issue's level's time limit ends after day. */
bool issue_tally_due_after(struct store_txn *t, date_t day);

/* Calls each with the issues resolved in the months from .. to, per level
 * and district, and of them those in time. */
int issue_tally_resolved(struct store_txn *t, date_t from, date_t to,
			 void (*each)(void *ctx, const char *level, const char *district,
				      bool in_time, int64_t n),
			 void *ctx);

#endif

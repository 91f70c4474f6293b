/*
 * schema.c - the built-in fields of every kind of record.
 *
 * Tables, not code: adding a field is adding a line here (or, for a city,
 * a line in a form file).
 */
#include <string.h>

#include "i18n.h"
#include "schema.h"

#define REQ FIELD_REQUIRED
#define SYS FIELD_SYSTEM
#define LST FIELD_LISTED

static const struct field_def district_fields[] = {
	{"code", FT_TEXT, N_("Code"), REQ | LST, 24, NULL, 0, N_("Short code of the district")},
	{"name", FT_TEXT, N_("Name"), REQ | LST, 30, NULL, 0, N_("Chinese name, e.g. 海淀区")},
	{"name_en", FT_TEXT, N_("English name"), LST, 40, NULL, 0, NULL},
	{"abbr", FT_TEXT, N_("Abbreviation"), 0, 8, NULL, 0, NULL},
	{"parks", FT_LIST, N_("Parks"), LST, 40, NULL, 0, N_("Parks and zones, separated by commas")},
	{"parent", FT_TEXT, N_("Belongs to"), 0, 40, NULL, 0,
	 N_("The district a development zone belongs to (its code)")},
	{"group", FT_TEXT, N_("Group"), 0, 40, NULL, 0, N_("The group (片区) it is judged in")},
	{"class", FT_TEXT, N_("Class"), 0, 20, NULL, 0, N_("Its class for evaluation")},
	{"targets", FT_LIST, N_("Targets"), SYS, 0, NULL, 0,
	 N_("Annual targets set by the city office: year | measure | amount")},
};

static const struct field_def officer_fields[] = {
	{"login", FT_TEXT, N_("Login"), REQ | LST, 32, NULL, 0,
	 N_("The officer's account name on this computer")},
	{"name", FT_TEXT, N_("Name"), REQ | LST, 20, NULL, 0, NULL},
	{"role", FT_CHOICE, N_("Role"), REQ | LST, 0, "roles", 0, NULL},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("District the officer works for; empty for the city office")},
	{"industries", FT_MULTI, N_("Industries"), LST, 0, "industries", 0,
	 N_("Industries the officer knows, separated by commas")},
	{"phone", FT_PHONE, N_("Phone"), 0, 24, NULL, 0, NULL},
	{"active", FT_BOOL, N_("Active"), LST, 0, NULL, 0, N_("Inactive officers get no new work")},
	{"office", FT_CHOICE, N_("City office"), 0, 0, "city_offices", 0,
	 N_("Where a city has two offices split by capital: the one the officer works in")},
};

static const struct field_def enterprise_fields[] = {
	{"name", FT_TEXT, N_("Enterprise name"), REQ | LST, 60, NULL, 0,
	 N_("Full registered name, e.g. 北京某某科技有限公司")},
	{"credit_code", FT_CREDITCODE, N_("Credit code"), LST, 18, NULL, 0,
	 N_("Unified social credit code, 18 characters")},
	{"types", FT_MULTI, N_("Enterprise type"), LST, 0, "enterprise_types", 0, NULL},
	{"legal_rep", FT_TEXT, N_("Legal representative"), 0, 20, NULL, 0, NULL},
	{"address", FT_TEXT, N_("Address"), 0, 60, NULL, 0, NULL},
	{"contact", FT_TEXT, N_("Contact person"), 0, 20, NULL, 0, NULL},
	{"phone", FT_PHONE, N_("Phone"), 0, 24, NULL, 0, NULL},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
};

static const struct field_def project_fields[] = {
	{"name", FT_TEXT, N_("Project name"), REQ | LST, 60, NULL, 0, NULL},
	{"enterprise", FT_REF, N_("Enterprise"), REQ, 0, NULL, KIND_ENTERPRISE,
	 N_("Name, pinyin or credit code of the investing enterprise")},
	{"enterprise_name", FT_TEXT, N_("Enterprise name"), SYS | LST, 60, NULL, 0, NULL},
	{"industry", FT_CHOICE, N_("Industry"), REQ | LST, 0, "industries", 0, NULL},
	{"investment", FT_MONEY, N_("Total investment"), REQ | LST, 0, NULL, 0,
	 N_("In 万元 unless a unit is given: 5000, 1.5亿, 3000万美元")},
	{"currency", FT_CURRENCY, N_("Currency"), 0, 0, "CNY|USD", 0, NULL},
	{"capital_type", FT_CHOICE, N_("Capital"), 0, 0, "domestic|foreign", 0,
	 N_("Domestic (内资) or foreign (外资) capital")},
	{"foreign_capital", FT_MONEY_USD, N_("Foreign capital"), 0, 0, NULL, 0,
	 N_("Foreign capital in 万美元")},
	{"channel", FT_CHOICE, N_("Channel"), 0, 0, "channels", 0, NULL},
	{"land", FT_DECIMAL, N_("Land (mu)"), 0, 0, NULL, 0, N_("Land needed, in 亩")},
	{"district", FT_REF, N_("District"), REQ | LST, 0, NULL, KIND_DISTRICT, NULL},
	{"park", FT_TEXT, N_("Park"), 0, 30, NULL, 0, NULL},
	{"stage", FT_CHOICE, N_("Stage"), SYS | LST, 0, "stages", 0, NULL},
	{"stage_date", FT_DATE, N_("Stage date"), SYS, 0, NULL, 0, NULL},
	{"expected_sign", FT_DATE, N_("Expected signing"), 0, 0, NULL, 0, NULL},
	{"manager", FT_REF, N_("Service manager"), LST, 0, NULL, KIND_OFFICER, NULL},
	{"strategic", FT_BOOL, N_("Strategic"), 0, 0, NULL, 0,
	 N_("Of city-wide strategic importance")},
	{"contact", FT_TEXT, N_("Contact person"), 0, 20, NULL, 0, NULL},
	{"phone", FT_PHONE, N_("Phone"), 0, 24, NULL, 0, NULL},
	{"summary", FT_LONGTEXT, N_("Summary"), 0, 1000, NULL, 0, NULL},
	{"exit_reason", FT_TEXT, N_("Exit reason"), SYS, 100, NULL, 0, NULL},
	{"created_by", FT_REF, N_("Entered by"), SYS, 0, NULL, KIND_OFFICER, NULL},
	{"created_on", FT_DATE, N_("Entered on"), SYS, 0, NULL, 0, NULL},
	{"claim_seen", FT_TEXT, N_("Claims seen at intake"), SYS, 200, NULL, 0,
	 N_("Projects of the same enterprise the officer was shown before saving")},
	{"ft_registered", FT_DATE, N_("First talk registered"), SYS, 0, NULL, 0, NULL},
	{"ft_district", FT_REF, N_("First-talk district"), SYS, 0, NULL, KIND_DISTRICT, NULL},
	{"ft_until", FT_DATE, N_("Exclusive until"), SYS, 0, NULL, 0, NULL},
	{"ft_status", FT_CHOICE, N_("First talk"), SYS, 0,
	 "active|lapsed|progressed|transferred|closed|claim", 0, NULL},
	{"transferred_from", FT_REF, N_("Transferred from"), SYS, 0, NULL, KIND_DISTRICT, NULL},
	{"transfer_reason", FT_TEXT, N_("Transfer reason"), SYS, 200, NULL, 0, NULL},
	{"credit", FT_LIST, N_("Credit"), SYS, 0, NULL, 0,
	 N_("Districts credited with the project and their share")},
	{"pre_report", FT_DATE, N_("Signing pre-reported"), SYS, 0, NULL, 0,
	 N_("The day the latest pre-report was filed, by the system's clock")},
	{"no_credit", FT_TEXT, N_("No credit"), SYS, 200, NULL, 0,
	 N_("Why the project earns no credit (signed without pre-report)")},
	{"landmark", FT_BOOL, N_("Landmark project"), 0, 0, NULL, 0,
	 N_("标志性重大项目: where the profile says so, pre-reported whatever its size")},
	{"pre_report_sign", FT_DATE, N_("Pre-reported signing date"), SYS, 0, NULL, 0, NULL},
	{"pre_report_parties", FT_TEXT, N_("Pre-reported parties"), SYS, 200, NULL, 0, NULL},
	{"pre_reports", FT_LIST, N_("Pre-reports filed"), SYS, 0, NULL, 0,
	 N_("Every filing: filed on | planned signing | amount | parties")},
	{"strategic_confirmed", FT_BOOL, N_("Strategic (recognised)"), SYS, 0, NULL, 0,
	 N_("The city office recognised the project as strategic")},
	{"ft_claim_of", FT_REF, N_("Claim against"), SYS, 0, NULL, KIND_PROJECT,
	 N_("The project of the same enterprise holding its first talk")},
	{"dispute_decision", FT_TEXT, N_("Dispute decided"), SYS, 400, NULL, 0,
	 N_("What the city office or joint meeting decided on a dispute about it")},
	{"ft_decision", FT_TEXT, N_("City decision"), SYS, 200, NULL, 0,
	 N_("What the city office decided on the first talk or a transfer")},
	{"key_project", FT_BOOL, N_("Key project"), SYS, 0, NULL, 0,
	 N_("On the city's key-project list (重点项目)")},
	{"key_project_by", FT_REF, N_("Key project: listed by"), SYS, 0, NULL, KIND_OFFICER, NULL},
	{"key_project_on", FT_DATE, N_("Key project: listed on"), SYS, 0, NULL, 0, NULL},
	{"legality_review", FT_DATE, N_("Legality review"), SYS, 0, NULL, 0,
	 N_("The day the agreement's legality review (合法性审查) was recorded")},
	{"legality_reviewer", FT_TEXT, N_("Reviewed by"), SYS, 60, NULL, 0, NULL},
	{"credit_ledger", FT_LIST, N_("Credit ledger"), SYS, 0, NULL, 0,
	 N_("Every credit: date | district | first, transfer or push | share kept")},
	{"project_type", FT_CHOICE, N_("Project type"), 0, 0, "new|expansion|relocation", 0,
	 N_("New, capital increase or expansion (增资扩产, counted as new), or relocation")},
	{"planned_registration", FT_DATE, N_("Planned registration"), 0, 0, NULL, 0, NULL},
	{"planned_start", FT_DATE, N_("Planned start"), 0, 0, NULL, 0,
	 N_("The day construction is planned to start")},
	{"planned_production", FT_DATE, N_("Planned production"), 0, 0, NULL, 0, NULL},
	{"contract_investment", FT_MONEY, N_("Contract investment"), 0, 0, NULL, 0,
	 N_("The investment the signed contract agrees (合同约定投资额), in the project's currency")},
	{"contract_funds_by", FT_DATE, N_("Contract funds by"), 0, 0, NULL, 0,
	 N_("The day the contract says its investment is to be in place (约定资金到位日期)")},
	{"contract_start", FT_DATE, N_("Contract start"), 0, 0, NULL, 0,
	 N_("The day the contract says construction starts (约定开工日期)")},
	{"registered_on", FT_DATE, N_("Registered on"), 0, 0, NULL, 0,
	 N_("The day the company was registered (注册落户)")},
	{"registered_place", FT_TEXT, N_("Registered in"), 0, 40, NULL, 0,
	 N_("Where the company is registered (注册落户地)")},
	{"advanced_mfg", FT_BOOL, N_("Advanced manufacturing"), 0, 0, NULL, 0, NULL},
	{"outside_mfg", FT_BOOL, N_("Manufacturing from outside the city"), 0, 0, NULL, 0,
	 N_("市外制造业项目: a manufacturer coming from outside the city")},
	{"hightech_foreign", FT_BOOL, N_("High-tech foreign capital"), 0, 0, NULL, 0, NULL},
	{"headquarters", FT_BOOL, N_("Headquarters"), 0, 0, NULL, 0, NULL},
	{"rnd_centre", FT_BOOL, N_("R&D centre"), 0, 0, NULL, 0, NULL},
	{"stages", FT_LIST, N_("Stage history"), SYS, 0, NULL, 0,
	 N_("Every stage: date | stage | district | recorded on")},
	{"money", FT_LIST, N_("Money ledger"), SYS, 0, NULL, 0,
	 N_("Every entry: date | measure | amount | district | recorded on | source")},
	{"attrs", FT_LIST, N_("Attribute history"), SYS, 0, NULL, 0,
	 N_("Each change of what the reports weigh a project by: date | field | before | after")},
	{"carrier", FT_REF, N_("Space or land carrier"), 0, 0, NULL, KIND_CARRIER,
	 N_("The park, plot or building offered to the project (number or name)")},
	{"policies", FT_LIST, N_("Policies applied"), SYS, 0, NULL, 0,
	 N_("The numbers of the policies linked to the project")},
	{"source_expert", FT_REF, N_("Lead from expert"), 0, 0, NULL, KIND_EXPERT,
	 N_("The expert of the pool who brought the lead (name or number)")},
	{"source_agency", FT_REF, N_("Lead from intermediary"), 0, 0, NULL, KIND_AGENCY,
	 N_("The intermediary, agency or ambassador who brought the lead")},
};

static const struct field_def issue_fields[] = {
	{"project", FT_REF, N_("Project"), REQ | LST, 0, NULL, KIND_PROJECT, NULL},
	{"category", FT_CHOICE, N_("Category"), REQ | LST, 0, "issue_categories", 0, NULL},
	{"description", FT_LONGTEXT, N_("Description"), REQ, 1000, NULL, 0, NULL},
	{"need_by", FT_DATE, N_("Needed by"), LST, 0, NULL, 0, NULL},
	{"level", FT_CHOICE, N_("Level"), SYS | LST, 0, "escalation", 0, NULL},
	{"status", FT_CHOICE, N_("Status"), SYS | LST, 0, "open|waiting|resolved", 0, NULL},
	{"owner", FT_REF, N_("First-contact officer"), SYS, 0, NULL, KIND_OFFICER, NULL},
	{"opened_on", FT_DATE, N_("Opened on"), SYS | LST, 0, NULL, 0, NULL},
	{"level_since", FT_DATE, N_("At this level since"), SYS, 0, NULL, 0, NULL},
	{"outcome", FT_LONGTEXT, N_("Outcome"), SYS, 1000, NULL, 0, NULL},
	{"paused_since", FT_DATE, N_("Waiting on the enterprise since"), SYS, 0, NULL, 0, NULL},
	{"paused_days", FT_INT, N_("Working days paused at this level"), SYS, 0, NULL, 0, NULL},
	{"decision", FT_LONGTEXT, N_("Decision"), SYS, 1000, NULL, 0, NULL},
	{"decision_owner", FT_TEXT, N_("Decision owner"), SYS, 40, NULL, 0, NULL},
	{"last_note", FT_LONGTEXT, N_("Latest note"), SYS, 1000, NULL, 0, NULL},
	{"steps", FT_LIST, N_("Steps"), SYS, 0, NULL, 0,
	 N_("Each level the issue reached and the day: level | date")},
	{"needs_city", FT_BOOL, N_("Before the city office"), SYS, 0, NULL, 0,
	 N_("At the leaders' meeting past its time, without a decision")},
	{"dispute", FT_BOOL, N_("Dispute between districts"), SYS, 0, NULL, 0,
	 N_("招商争议: raised by one district about another's project")},
	{"other_project", FT_REF, N_("Other project"), SYS, 0, NULL, KIND_PROJECT,
	 N_("The other district's project a dispute is about")},
	{"resolved_on", FT_DATE, N_("Resolved on"), SYS, 0, NULL, 0, NULL},
	{"resolved_in_time", FT_BOOL, N_("Resolved in time"), SYS, 0, NULL, 0,
	 N_("Resolved within the working days of the level it was resolved at")},
};

static const struct field_def event_fields[] = {
	{"name", FT_TEXT, N_("Event"), REQ | LST, 60, NULL, 0, NULL},
	{"date", FT_DATE, N_("Date"), REQ | LST, 0, NULL, 0, NULL},
	{"region", FT_TEXT, N_("Target region"), REQ | LST, 30, NULL, 0,
	 N_("Where the event is held or aimed at, e.g. 深圳, 德国")},
	{"industry", FT_CHOICE, N_("Industry"), REQ | LST, 0, "industries", 0, NULL},
	{"district", FT_REF, N_("Organiser"), LST, 0, NULL, KIND_DISTRICT, NULL},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
	{"country", FT_TEXT, N_("Target country"), LST, 30, NULL, 0,
	 N_("The country or region abroad it aims at, e.g. 德国; empty: at home")},
	{"partners", FT_TEXT, N_("Partners"), 0, 200, NULL, 0,
	 N_("Chambers, agencies and units organising it with us")},
	{"in_plan", FT_BOOL, N_("In the year's plan"), REQ, 0, NULL, 0,
	 N_("On the promotion plan of the year; an event outside it needs a reason")},
	{"plan_reason", FT_TEXT, N_("Why outside the plan"), 0, 200, NULL, 0, NULL},
	{"clash_seen", FT_TEXT, N_("Clashes seen at saving"), SYS, 300, NULL, 0,
	 N_("Other districts' events of the same region and industry shown before saving")},
};

/* A follow-up (跟进记录): one contact with an enterprise, appended to its
 * project's or enterprise's log; corrected only by its author, audited. */
static const struct field_def followup_fields[] = {
	{"project", FT_REF, N_("Project"), LST, 0, NULL, KIND_PROJECT,
	 N_("The project it was about (number or name); empty: the enterprise only")},
	{"enterprise", FT_REF, N_("Enterprise"), LST, 0, NULL, KIND_ENTERPRISE,
	 N_("Taken from the project; give it for an enterprise without a project")},
	{"type", FT_CHOICE, N_("Kind of contact"), REQ | LST, 0, "visit|call|meeting|message|other",
	 0, NULL},
	{"date", FT_DATE, N_("Date"), LST, 0, NULL, 0,
	 N_("The day it took place, not later than today; empty: today")},
	{"time", FT_TIME, N_("Time"), 0, 5, NULL, 0, N_("Time of day, e.g. 14:30 (optional)")},
	{"officers", FT_TEXT, N_("Our side"), 0, 200, NULL, 0,
	 N_("Officers and units who took part")},
	{"contacts", FT_TEXT, N_("Enterprise side"), 0, 200, NULL, 0,
	 N_("Who took part for the enterprise, with their posts")},
	{"summary", FT_LONGTEXT, N_("What was said"), REQ | LST, 2000, NULL, 0, NULL},
	{"agreed", FT_LONGTEXT, N_("What was agreed"), 0, 1000, NULL, 0, NULL},
	{"next_step", FT_TEXT, N_("Next step"), 0, 200, NULL, 0, NULL},
	{"next_date", FT_DATE, N_("Next step by"), 0, 0, NULL, 0,
	 N_("The day the next step is due, not before the contact")},
	{"district", FT_REF, N_("District"), SYS, 0, NULL, KIND_DISTRICT, NULL},
	{"author", FT_REF, N_("Logged by"), SYS | LST, 0, NULL, KIND_OFFICER, NULL},
	{"logged_on", FT_DATE, N_("Logged on"), SYS, 0, NULL, 0, NULL},
};

/* A target enterprise (目标企业): one a district is chasing, by industry
 * chain and class; two districts chasing one are warned and listed. */
static const struct field_def target_fields[] = {
	{"name", FT_TEXT, N_("Enterprise name"), REQ | LST, 60, NULL, 0,
	 N_("Full name of the enterprise chased, e.g. 某某汽车股份有限公司")},
	{"credit_code", FT_CREDITCODE, N_("Credit code"), 0, 18, NULL, 0,
	 N_("Unified social credit code, when it has one in China")},
	{"chain", FT_CHOICE, N_("Industry chain"), REQ | LST, 0, "industries", 0, NULL},
	{"class", FT_MULTI, N_("Class"), LST, 0,
	 "fortune500|specialized|unicorn|private500|mnc_hq|listed|other", 0,
	 N_("世界500强, 专精特新, 独角兽, 民企500强, 跨国公司总部, 上市公司; several with commas")},
	{"country", FT_TEXT, N_("Home country or region"), 0, 30, NULL, 0, NULL},
	{"district", FT_REF, N_("Chasing district"), LST, 0, NULL, KIND_DISTRICT,
	 N_("Empty: your own district")},
	{"status", FT_CHOICE, N_("Status"), REQ | LST, 0,
	 "watching|contacting|talking|landed|dropped", 0, NULL},
	{"project", FT_REF, N_("Project"), 0, 0, NULL, KIND_PROJECT,
	 N_("The project once one starts (number or name)")},
	{"contact", FT_TEXT, N_("Contact person"), 0, 40, NULL, 0, NULL},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
	{"shared_seen", FT_TEXT, N_("Also chased by"), SYS, 300, NULL, 0,
	 N_("Other districts chasing the same enterprise, shown at saving")},
};

/* A space or land carrier (空间资源载体): area as typed, in 亩 or m²;
 * plots of 100亩 and more are on the city's list, of 200亩 and more held
 * in reserve and never split. */
static const struct field_def carrier_fields[] = {
	{"name", FT_TEXT, N_("Carrier"), REQ | LST, 60, NULL, 0,
	 N_("Name of the park, plot or building")},
	{"type", FT_CHOICE, N_("Kind of carrier"), REQ | LST, 0, "park|plot|building", 0, NULL},
	{"park", FT_TEXT, N_("Park"), 0, 30, NULL, 0, NULL},
	{"location", FT_TEXT, N_("Location"), 0, 60, NULL, 0, NULL},
	{"area", FT_DECIMAL, N_("Area"), REQ | LST, 0, NULL, 0,
	 N_("In the unit below, up to two decimals, kept exactly as typed")},
	{"area_unit", FT_CHOICE, N_("Unit of area"), REQ | LST, 0, "mu|sqm", 0, NULL},
	{"contiguous", FT_DECIMAL, N_("Largest contiguous plot (mu)"), LST, 0, NULL, 0,
	 N_("In 亩: 100亩 and more goes on the city's list, 200亩 and more is held in reserve")},
	{"availability", FT_CHOICE, N_("Availability"), REQ | LST, 0, "available|promised|occupied", 0,
	 NULL},
	{"split_from", FT_REF, N_("Split from"), 0, 0, NULL, KIND_CARRIER,
	 N_("The carrier this one was divided from, if any")},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("Empty: your own district")},
	{"contact", FT_TEXT, N_("Contact person"), 0, 40, NULL, 0, NULL},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
	{"city_list", FT_BOOL, N_("On the city's list"), SYS | LST, 0, NULL, 0,
	 N_("A contiguous plot of 100亩 or more")},
	{"reserve", FT_BOOL, N_("Held in reserve"), SYS | LST, 0, NULL, 0,
	 N_("A contiguous plot of 200亩 or more: held for major projects and never split")},
};

/* A preferential policy (政策清单): the city's, or a district's own,
 * which is filed (备案) with the city office and accepted or returned. */
static const struct field_def policy_fields[] = {
	{"name", FT_TEXT, N_("Policy name"), REQ | LST, 80, NULL, 0, N_("Title of the policy document")},
	{"level", FT_CHOICE, N_("Policy level"), REQ | LST, 0, "national|provincial|municipal|county", 0,
	 NULL},
	{"issuer", FT_TEXT, N_("Issued by"), 0, 60, NULL, 0, NULL},
	{"doc_no", FT_TEXT, N_("Document number"), 0, 40, NULL, 0, N_("e.g. 京政办发〔2024〕5号")},
	{"industry", FT_MULTI, N_("Industries"), 0, 0, "industries", 0,
	 N_("Industries it favours, separated by commas; empty: all")},
	{"valid_until", FT_DATE, N_("Valid until"), LST, 0, NULL, 0, NULL},
	{"summary", FT_LONGTEXT, N_("What it grants"), 0, 2000, NULL, 0, NULL},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("The district whose own policy it is; empty for the city's")},
	{"filing", FT_CHOICE, N_("Filing"), SYS | LST, 0, "filed|accepted|returned", 0,
	 N_("A district's policy filed (备案) with the city office, and its answer")},
	{"filed_on", FT_DATE, N_("Filed on"), SYS, 0, NULL, 0, NULL},
	{"answered_on", FT_DATE, N_("Answered on"), SYS, 0, NULL, 0, NULL},
	{"answered_by", FT_REF, N_("Answered by"), SYS, 0, NULL, KIND_OFFICER, NULL},
	{"answer", FT_TEXT, N_("City office's answer"), SYS, 200, NULL, 0, NULL},
};

/* An expert (专家库): a lead source a project can name. */
static const struct field_def expert_fields[] = {
	{"name", FT_TEXT, N_("Expert"), REQ | LST, 30, NULL, 0, NULL},
	{"field", FT_MULTI, N_("Fields of expertise"), REQ | LST, 0, "industries", 0,
	 N_("The industries the expert knows, separated by commas")},
	{"organisation", FT_TEXT, N_("Organisation"), LST, 60, NULL, 0, NULL},
	{"title", FT_TEXT, N_("Post or title"), 0, 30, NULL, 0, NULL},
	{"phone", FT_PHONE, N_("Phone"), 0, 24, NULL, 0, NULL},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("The district that keeps the entry; empty: your own")},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
};

/* An intermediary, agency or investment ambassador (中介、招商大使): a lead
 * source a project can name. */
static const struct field_def agency_fields[] = {
	{"name", FT_TEXT, N_("Name"), REQ | LST, 60, NULL, 0,
	 N_("The intermediary, agency or ambassador: its name or theirs")},
	{"type", FT_CHOICE, N_("Kind"), REQ | LST, 0, "intermediary|ambassador|chamber|other", 0,
	 NULL},
	{"region", FT_TEXT, N_("Region covered"), LST, 30, NULL, 0, N_("e.g. 长三角, 德国")},
	{"contact", FT_TEXT, N_("Contact person"), 0, 30, NULL, 0, NULL},
	{"phone", FT_PHONE, N_("Phone"), 0, 24, NULL, 0, NULL},
	{"agreement_until", FT_DATE, N_("Agreement until"), LST, 0, NULL, 0,
	 N_("The end of the commission or appointment, if any")},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("The district that engaged it; empty: your own")},
	{"notes", FT_LONGTEXT, N_("Notes"), 0, 500, NULL, 0, NULL},
};

/* A visit plan entry (走访计划): an enterprise a district plans to visit
 * in a quarter, ticked off by the first follow-up logged with it then. */
static const struct field_def visit_fields[] = {
	{"name", FT_TEXT, N_("Enterprise to visit"), REQ | LST, 60, NULL, 0,
	 N_("Its full name, as on file when it is one")},
	{"quarter", FT_TEXT, N_("Quarter"), REQ | LST, 12, NULL, 0, N_("e.g. 2026Q4")},
	{"class", FT_MULTI, N_("Class"), LST, 0,
	 "fortune500|specialized|unicorn|private500|mnc_hq|listed|other", 0, NULL},
	{"purpose", FT_TEXT, N_("Purpose"), 0, 100, NULL, 0, NULL},
	{"district", FT_REF, N_("District"), LST, 0, NULL, KIND_DISTRICT,
	 N_("The visiting district; empty: your own")},
	{"visited_on", FT_DATE, N_("Visited on"), SYS | LST, 0, NULL, 0,
	 N_("Ticked off by the first follow-up logged with the enterprise in the quarter")},
	{"followup", FT_REF, N_("Follow-up"), SYS, 0, NULL, KIND_FOLLOWUP, NULL},
};

#define KIND(n, l, f) {n, l, f, (int)(sizeof f / sizeof *f)}
static const struct kind_def kinds[KIND_COUNT] = {
	KIND("district", N_("District"), district_fields),
	KIND("officer", N_("Officer"), officer_fields),
	KIND("enterprise", N_("Enterprise"), enterprise_fields),
	KIND("project", N_("Project"), project_fields),
	KIND("issue", N_("Issue"), issue_fields),
	KIND("event", N_("Promotion event"), event_fields),
	KIND("followup", N_("Follow-up"), followup_fields),
	KIND("target", N_("Target enterprise"), target_fields),
	KIND("carrier", N_("Space or land carrier"), carrier_fields),
	KIND("policy", N_("Policy"), policy_fields),
	KIND("expert", N_("Expert"), expert_fields),
	KIND("agency", N_("Intermediary or ambassador"), agency_fields),
	KIND("visit", N_("Visit plan"), visit_fields),
};

const struct kind_def *schema_kind(enum kind k)
{
	return &kinds[k];
}

const struct field_def *schema_field(enum kind k, const char *name)
{
	for (int i = 0; i < kinds[k].nfields; i++)
		if (!strcmp(kinds[k].fields[i].name, name))
			return &kinds[k].fields[i];
	return NULL;
}

int schema_kind_by_name(const char *name)
{
	for (int i = 0; i < KIND_COUNT; i++)
		if (!strcmp(kinds[i].name, name))
			return i;
	return -1;
}

bool zs_is_library(enum kind k)
{
	return k == KIND_EVENT || k == KIND_TARGET || k == KIND_CARRIER || k == KIND_POLICY ||
	       k == KIND_EXPERT || k == KIND_AGENCY || k == KIND_VISIT;
}

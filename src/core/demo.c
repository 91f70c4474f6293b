/*
 * demo.c - a realistic demo city, the same every time for the same size.
 *
 * Officers for every district (one of them inactive), enterprises with
 * valid credit codes and plausible names, projects in every stage with
 * amounts from a few hundred 万元 to tens of 亿, foreign projects in 美元,
 * enterprise issues at every escalation level and promotion events.
 * Everything comes from one seeded generator (splitmix64) and dates count
 * back from today, so a fixed ZSDESK_NOW gives byte-identical content.
 * Writes go in batches of a few thousand records per transaction.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "creditcode.h"
#include "i18n.h"
#include "internal.h"
#include "xalloc.h"
#include "money.h"

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
				       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
				       "单", "曾", "仇", "区", "查", "朴", "覃", "解"};
static const char *const given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
				    "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧",
				    "建国", "晓东", "海燕", "志强", "雪梅", "文博", "思远", "嘉怡"};
static const char *const places[] = {"北京", "上海", "深圳", "杭州", "苏州", "嘉兴", "南京",
				     "广州", "成都", "武汉", "合肥", "天津", "宁波", "无锡",
				     "西安", "长沙", "青岛", "厦门", "重庆", "济南"};
static const char *const brands[] = {
	"华芯", "中科", "睿智", "恒信", "天成", "博远", "新源", "启明", "宏达", "卓越", "鼎盛",
	"瑞丰", "金石", "蓝海", "星河", "云图", "长风", "正泰", "安和", "联创", "智行", "锐思",
	"海纳", "精工", "盛世", "同创", "远航", "微纳", "光启", "凯瑞", "银河", "格林", "佳和",
	"广联", "辰星", "明德", "弘毅", "泰和", "汇通", "嘉禾", "晨光", "翔宇", "紫光", "奥德",
	"重明", "长虹", "行远", "朝阳", "单晶", "朴新",
};
static const char *const trades[] = {"科技", "信息技术", "半导体", "生物医药", "新能源", "新材料",
				     "智能装备", "汽车科技", "环保科技", "数据服务", "电子",
				     "精密制造", "医疗器械", "光电", "储能"};
static const char *const forms[] = {"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"};
static const char *const products[] = {
	"集成电路封装测试", "锂电池正极材料", "创新药研发中心", "智能网联汽车零部件",
	"工业机器人", "光伏组件", "数据中心", "高端医疗器械", "碳化硅衬底",
	"氢燃料电池", "生物制药基地", "智能制造产业园", "新型显示面板", "总部及研发中心",
	"储能系统", "精密模具", "人工智能算力中心", "航空零部件", "功能性薄膜", "检测认证中心",
};
static const char *const scales[] = {"年产10万吨", "年产5000套", "一期", "二期", "扩产",
				     "新建", "", "", "", ""};

/* The generator: splitmix64, small and good enough. */
static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static size_t pick(uint64_t *s, size_t n)
{
	return (size_t)(rnd(s) % n);
}

#define PICK(s, a) (a)[pick(s, sizeof(a) / sizeof *(a))]

/* A valid unified social credit code for enterprise number i. */
static void demo_credit_code(uint64_t *s, uint64_t i, int region, char out[19])
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char body[18];
	body[0] = '9';
	body[1] = '1';
	snprintf(body + 2, 7, "%06u", (unsigned)region % 1000000u);
	/* Characters 9-16: the enterprise number, base 31, then noise. */
	uint64_t v = i;
	for (int k = 15; k >= 8; k--) {
		body[k] = set[v % 31];
		v /= 31;
	}
	body[16] = set[pick(s, 31)];
	body[17] = '\0';
	memcpy(out, body, 17);
	out[17] = creditcode_check_digit(body);
	out[18] = '\0';
}

struct demo {
	struct zs *z;
	uint64_t n, done, seed;
	uint64_t *officers; /* per district: first officer id; officers are consecutive */
	int per_district;
	int ndistricts;
	uint64_t *districts;
	date_t today;
	uint64_t enterprises, last_enterprise;
	void (*progress)(void *ctx, uint64_t done);
	void *pctx;
};

/* Creates districts' officers and the city office. */
static int demo_people(struct store_txn *t, void *vctx)
{
	struct demo *d = vctx;
	const struct store_table *tab = store_table(t, KIND_OFFICER);
	struct store_who who = {d->z->me, "create", "demo"};
	static const char *const roles[] = {"lead", "desk", "desk", "manager", "manager", "manager", "manager"};
	const struct profile *p = &d->z->prof;
	for (int di = 0; di <= d->ndistricts; di++) {
		int count = di < d->ndistricts ? d->per_district : 3;
		for (int j = 0; j < count; j++) {
			struct rec r;
			char login[32], name[32];
			rec_init(&r);
			if (di < d->ndistricts)
				snprintf(login, sizeof login, "%s%d",
					 p->districts.v[di].code, j + 1);
			else
				snprintf(login, sizeof login, "city%d", j + 1);
			snprintf(name, sizeof name, "%s%s", PICK(&d->seed, surnames),
				 PICK(&d->seed, given));
			rec_set_text(&r, "login", login);
			rec_set_text(&r, "name", name);
			rec_set_text(&r, "role", di < d->ndistricts ? roles[j % 7] : "city");
			if (di < d->ndistricts)
				rec_set_int(&r, "district", (int64_t)d->districts[di]);
			char *inds[2] = {p->industries.v[pick(&d->seed, (size_t)p->industries.n)].code,
					 p->industries.v[pick(&d->seed, (size_t)p->industries.n)].code};
			rec_set_list(&r, "industries", inds, strcmp(inds[0], inds[1]) ? 2 : 1);
			char phone[16];
			snprintf(phone, sizeof phone, "1%02d%08d", 30 + (int)pick(&d->seed, 60),
				 (int)pick(&d->seed, 100000000));
			rec_set_text(&r, "phone", phone);
			/* The last manager of each district has left. */
			rec_set_bool(&r, "active", !(di < d->ndistricts && j == count - 1));
			uint64_t id = store_next_id(t, tab);
			if (di < d->ndistricts && j == 0)
				d->officers[di] = id;
			int rc = store_put(t, tab, id, &r, &who);
			rec_free(&r);
			if (rc)
				return rc;
		}
	}
	return STORE_OK;
}

/* Writes one enterprise; returns its id (0 on error, rc in *rc). */
static uint64_t demo_enterprise(struct store_txn *t, struct demo *d, int di, int *rc,
				char *name, size_t namelen)
{
	const struct profile *p = &d->z->prof;
	struct rec r;
	rec_init(&r);
	snprintf(name, namelen, "%s%s%s%s", PICK(&d->seed, places), PICK(&d->seed, brands),
		 PICK(&d->seed, trades), PICK(&d->seed, forms));
	rec_set_text(&r, "name", name);
	char code[19];
	uint64_t id = store_next_id(t, store_table(t, KIND_ENTERPRISE));
	demo_credit_code(&d->seed, STORE_ID_SEQ(id), 110100 + di * 100, code);
	rec_set_text(&r, "credit_code", code);
	if (pick(&d->seed, 4) == 0) {
		char *types[1] = {p->enterprise_types.v[pick(&d->seed, (size_t)p->enterprise_types.n)].code};
		rec_set_list(&r, "types", types, 1);
	}
	char contact[32];
	snprintf(contact, sizeof contact, "%s%s", PICK(&d->seed, surnames), PICK(&d->seed, given));
	rec_set_text(&r, "contact", contact);
	struct store_who who = {d->z->me, "create", "demo"};
	*rc = store_put(t, store_table(t, KIND_ENTERPRISE), id, &r, &who);
	rec_free(&r);
	return *rc ? 0 : id;
}

/* Stage of a demo project: mostly leads and talks, fewer further on. */
static enum stage_role demo_stage(uint64_t *s)
{
	static const enum stage_role w[] = {
		STAGE_LEAD,	  STAGE_LEAD,	   STAGE_LEAD,	  STAGE_TALKS,	    STAGE_TALKS,
		STAGE_TALKS,	  STAGE_TALKS,	   STAGE_SIGNED,  STAGE_SIGNED,	    STAGE_REGISTERED,
		STAGE_FUNDED,	  STAGE_STARTED,   STAGE_PRODUCTION, STAGE_EXITED, STAGE_TRANSFERRED};
	return PICK(s, w);
}

/* An amount in units: log-uniform from 300万 to 300亿. */
static int64_t demo_amount(uint64_t *s)
{
	int64_t wan = 300;
	int steps = (int)pick(s, 50);
	for (int i = 0; i < steps; i++)
		wan = wan * 118 / 100;
	wan = wan / 100 * 100 + (int64_t)pick(s, 10) * 10;
	return wan * MONEY_WAN_UNITS;
}

/* What officers write in a follow-up of the demo city. */
static const char *const fu_said[] = {
	"企业介绍投资计划，关注用地指标和配套政策", "沟通项目选址，企业倾向园区东片地块",
	"企业反映审批进度慢，希望明确时间表", "商谈投资协议条款，分歧在税收贡献承诺",
	"回访企业，了解设备采购和人员招聘进展", "企业高层来访，参观园区并座谈"};
static const char *const fu_next[] = {"报送用地方案", "协调审批部门召开专题会", "起草投资协议",
				      "安排企业与园区对接", "回访了解进展"};
static const char *const fu_types[] = {"visit", "call", "meeting", "message"};

/* Writes one to three follow-ups of one project in ten, dated in the
 * last two months, by officers of its district. */
static int demo_followups(struct store_txn *t, struct demo *d, uint64_t pid, uint64_t eid, int di,
			  const struct store_who *who)
{
	uint64_t s = pid * 0x9E3779B97F4A7C15ULL + 7;
	if (pick(&s, 10) != 0)
		return STORE_OK;
	int n = 1 + (int)pick(&s, 3);
	for (int k = 0; k < n; k++) {
		struct rec r;
		char date[11], time[6];
		rec_init(&r);
		rec_set_int(&r, "project", (int64_t)pid);
		rec_set_int(&r, "enterprise", (int64_t)eid);
		rec_set_int(&r, "district", (int64_t)d->districts[di]);
		rec_set_text(&r, "type", PICK(&s, fu_types));
		rec_set_text(&r, "date", date_format(d->today - (date_t)pick(&s, 60), date));
		if (pick(&s, 2)) {
			snprintf(time, sizeof time, "%02d:%02d", 9 + (int)pick(&s, 9), 10 * (int)pick(&s, 6));
			rec_set_text(&r, "time", time);
		}
		rec_set_text(&r, "summary", PICK(&s, fu_said));
		if (pick(&s, 2)) {
			rec_set_text(&r, "next_step", PICK(&s, fu_next));
			rec_set_text(&r, "next_date", date_format(d->today + 1 + (date_t)pick(&s, 30), date));
		}
		rec_set_int(&r, "author", (int64_t)(d->officers[di] + 3 +
						     pick(&s, (size_t)(d->per_district - 4))));
		rec_set_text(&r, "logged_on", date_format(d->today, date));
		int rc = store_put(t, store_table(t, KIND_FOLLOWUP),
				   store_next_id(t, store_table(t, KIND_FOLLOWUP)), &r, who);
		rec_free(&r);
		if (rc)
			return rc;
	}
	return STORE_OK;
}

/* The facts the reports read, from a stream of its own (so the rest of
 * the demo stays as it was): the stage history from entry to the stage
 * the project is at, planned dates, type and attributes, and money that
 * moved for projects past their funds, now and then with a correction
 * recorded later. */
static void demo_facts(const struct demo *d, struct rec *r, uint64_t i, int di,
		       enum stage_role role, date_t created, date_t staged, int64_t amount, bool usd)
{
	const struct profile *p = &d->z->prof;
	const char *code = p->districts.v[di].code;
	uint64_t s = 0x5EEDFAC75ULL ^ (i * 0x9E3779B97F4A7C15ULL);
	char a[11], b[11], line[160];
	static const enum stage_role path[] = {STAGE_LEAD,   STAGE_TALKS,   STAGE_SIGNED,
					       STAGE_REGISTERED, STAGE_FUNDED, STAGE_STARTED,
					       STAGE_PRODUCTION};
	int last = 0; /* the last step of the path the project went through */
	for (int k = 0; k < 7; k++)
		if (path[k] == role)
			last = k;
	bool out = role == STAGE_EXITED || role == STAGE_TRANSFERRED;
	if (out)
		last = 1 + (int)pick(&s, 2); /* left from talks or after signing */
	date_t when[8];
	int steps = out ? last + 2 : last + 1;
	when[0] = created;
	for (int k = 1; k < steps; k++) {
		date_t left = staged - when[k - 1];
		when[k] = k == steps - 1 ? staged
					 : when[k - 1] + (date_t)pick(&s, (size_t)(left / (steps - k) + 1));
	}
	for (int k = 0; k < steps; k++) {
		const char *st = k <= last ? profile_stage(p, path[k]) : profile_stage(p, role);
		snprintf(line, sizeof line, "%s|%s|%s|%s", date_format(when[k], a), st, code,
			 date_format(when[k], b));
		rec_list_append(r, "stages", line);
	}
	static const char *const types[] = {"new", "new", "new", "new", "new", "new", "new",
					    "expansion", "expansion", "relocation"};
	rec_set_text(r, "project_type", PICK(&s, types));
	rec_set_bool(r, "advanced_mfg", pick(&s, 3) == 0);
	rec_set_bool(r, "outside_mfg", pick(&s, 4) == 0);
	rec_set_bool(r, "headquarters", pick(&s, 12) == 0);
	rec_set_bool(r, "rnd_centre", pick(&s, 10) == 0);
	if (usd)
		rec_set_bool(r, "hightech_foreign", pick(&s, 3) == 0);
	if (last >= 2) {
		date_t signed_on = when[2];
		rec_set_text(r, "planned_registration", date_format(signed_on + 30, a));
		date_t start = signed_on + 60 + (date_t)pick(&s, 240);
		rec_set_text(r, "planned_start", date_format(start, a));
		rec_set_text(r, "planned_production", date_format(start + 365, a));
	} else if (!out) {
		rec_set_text(r, "planned_start", date_format(d->today + 60 + (date_t)pick(&s, 400), a));
	}
	if (last >= 2) {
		/* The signed contract's promises, from a stream of their own:
		 * the investment (or most of it) in place within six to
		 * eighteen months, construction started near the planned day. */
		uint64_t cs = 0xC0DEC7A5ULL ^ (i * 0x9E3779B97F4A7C15ULL);
		date_t signed_on = when[2];
		rec_set_int(r, "contract_investment",
			    amount / 100 * (int64_t)(60 + pick(&cs, 41)) / 10000 * 10000);
		rec_set_text(r, "contract_funds_by",
			     date_format(signed_on + 180 + (date_t)pick(&cs, 360), a));
		rec_set_text(r, "contract_start",
			     date_format(signed_on + 45 + (date_t)pick(&cs, 240), a));
	}
	if (last >= 3 && !out) {
		rec_set_text(r, "registered_on", date_format(when[3], a));
		rec_set_text(r, "registered_place", p->districts.v[di].zh);
	}
	if (last < 4 || out)
		return;
	/* Money from the funds on: two to five entries up to today. */
	int n = 2 + (int)pick(&s, 4);
	date_t from = when[4];
	const char *measure = usd ? "foreign" : "domestic";
	int64_t total = usd ? amount / 2 : amount; /* 美元: about half is foreign capital */
	for (int k = 0; k < n; k++) {
		date_t day = from + (date_t)pick(&s, (size_t)(d->today - from + 1));
		int64_t part = total / 100 * (int64_t)(3 + pick(&s, 12)) / 10000 * 10000;
		if (part <= 0)
			continue;
		snprintf(line, sizeof line, "%s|funds|%lld|%s|%s|银行进账单", date_format(day, a),
			 (long long)(usd ? tally_usd_to_cny(p, part, day) / 10000 * 10000 : part), code,
			 date_format(day, b));
		rec_list_append(r, "money", line);
		snprintf(line, sizeof line, "%s|%s|%lld|%s|%s|%s", date_format(day, a), measure,
			 (long long)part, code, date_format(day, b),
			 usd ? "商务部外资统计" : "统计局月报");
		rec_list_append(r, "money", line);
		/* One in fifteen is corrected a month or two later. */
		if (pick(&s, 15) == 0) {
			date_t fix = day + 30 + (date_t)pick(&s, 40);
			if (fix <= d->today) {
				int64_t less = part / 10 / 10000 * 10000;
				if (less > 0)
				snprintf(line, sizeof line, "%s|%s|%lld|%s|%s|更正：统计口径调整",
					 date_format(day, a), measure, (long long)-less, code,
					 date_format(fix, b));
				if (less > 0)
					rec_list_append(r, "money", line);
			}
		}
	}
}

/* Writes one batch of projects (and their enterprises, issues, events). */
static int demo_batch_body(struct store_txn *t, void *vctx)
{
	struct demo *d = vctx;
	const struct profile *p = &d->z->prof;
	uint64_t end = d->done + 2000 < d->n ? d->done + 2000 : d->n;
	uint64_t seed = d->seed; /* a retry after a full map starts the same */
	for (uint64_t i = d->done; i < end; i++) {
		int di = (int)pick(&seed, (size_t)d->ndistricts), rc = 0;
		char ename[256];
		uint64_t eid;
		struct rec r;
		/* One enterprise in eight has a second project. */
		if (d->last_enterprise && pick(&seed, 8) == 0) {
			struct rec e;
			rec_init(&e);
			eid = d->last_enterprise;
			store_get(t, store_table(t, KIND_ENTERPRISE), eid, &e);
			snprintf(ename, sizeof ename, "%s", rec_text(&e, "name", ""));
			rec_free(&e);
		} else {
			d->seed = seed;
			eid = demo_enterprise(t, d, di, &rc, ename, sizeof ename);
			seed = d->seed;
			if (rc)
				return rc;
		}
		d->last_enterprise = eid;
		rec_init(&r);
		char name[256];
		snprintf(name, sizeof name, "%s%s%s项目", PICK(&seed, brands), PICK(&seed, scales),
			 PICK(&seed, products));
		rec_set_text(&r, "name", name);
		rec_set_int(&r, "enterprise", (int64_t)eid);
		rec_set_text(&r, "enterprise_name", ename);
		rec_set_text(&r, "industry", p->industries.v[pick(&seed, (size_t)p->industries.n)].code);
		bool usd = pick(&seed, 10) == 0;
		int64_t amount = demo_amount(&seed);
		if (usd)
			amount /= 7;
		rec_set_int(&r, "investment", amount / 10000 * 10000);
		rec_set_text(&r, "currency", usd ? "USD" : "CNY");
		rec_set_text(&r, "capital_type", usd ? "foreign" : "domestic");
		if (usd)
			rec_set_int(&r, "foreign_capital", amount / 20000 * 10000);
		rec_set_text(&r, "channel", p->channels.v[pick(&seed, (size_t)p->channels.n)].code);
		if (pick(&seed, 2))
			rec_set_int(&r, "land", (int64_t)(pick(&seed, 500) + 10) * 100);
		rec_set_int(&r, "district", (int64_t)d->districts[di]);
		const struct profile_item *dist = &p->districts.v[di];
		if (dist->nparts)
			rec_set_text(&r, "park", dist->parts[pick(&seed, (size_t)dist->nparts)]);
		enum stage_role role = demo_stage(&seed);
		const char *stage = profile_stage(p, role);
		char date[11];
		date_t created = d->today - (date_t)pick(&seed, 720);
		date_t staged = created + (date_t)pick(&seed, (size_t)(d->today - created + 1));
		rec_set_text(&r, "stage", stage);
		rec_set_text(&r, "stage_date", date_format(staged, date));
		if (role == STAGE_EXITED)
			rec_set_text(&r, "exit_reason", "企业投资计划调整");
		if (role == STAGE_LEAD || role == STAGE_TALKS)
			rec_set_text(&r, "expected_sign",
				     date_format(d->today + 30 + (date_t)pick(&seed, 300), date));
		/* Managers: active ones (3..per_district-2) of the district. */
		if (pick(&seed, 3))
			rec_set_int(&r, "manager",
				    (int64_t)(d->officers[di] + 3 +
					      pick(&seed, (size_t)(d->per_district - 4))));
		rec_set_bool(&r, "strategic", pick(&seed, 40) == 0);
		/* Projects in talks enter the first-talk register as the rules
		 * say; an exclusivity already over waits for transfer. */
		if (role == STAGE_TALKS) {
			rules_first_talk(p, &d->z->cal, &r, NULL, staged, 0);
			date_t until;
			if (date_parse(rec_text(&r, "ft_until", ""), &until) == 0 && until < d->today)
				rec_set_text(&r, "ft_status", "lapsed");
		}
		char contact[32];
		snprintf(contact, sizeof contact, "%s%s", PICK(&seed, surnames), PICK(&seed, given));
		rec_set_text(&r, "contact", contact);
		rec_set_int(&r, "created_by", (int64_t)(d->officers[di] + 1 + pick(&seed, 2)));
		rec_set_text(&r, "created_on", date_format(created, date));
		demo_facts(d, &r, i, di, role, created, staged, amount, usd);
		uint64_t pid = store_next_id(t, store_table(t, KIND_PROJECT));
		struct store_who who = {d->z->me, "create", "demo"};
		rc = store_put(t, store_table(t, KIND_PROJECT), pid, &r, &who);
		if (rc == STORE_OK)
			rc = tally_project(d->z, t, pid, NULL, &r);
		if (rc == STORE_OK)
			rc = ft_tally(d->z, t, pid, NULL, &r);
		if (rc == STORE_OK)
			rc = search_bits_tally(t, pid, NULL, &r);
		rec_free(&r);
		if (rc)
			return rc;
		/* Follow-ups for one project in ten, drawn from a stream of their
		 * own so that the rest of the city is the same with or without. */
		rc = demo_followups(t, d, pid, eid, di, &who);
		if (rc)
			return rc;
		/* An issue for one project in forty, at every level. */
		if (pick(&seed, 40) == 0) {
			const struct profile_list *lv = &p->escalation;
			const struct profile_list *cat = &p->issue_categories;
			rec_init(&r);
			rec_set_int(&r, "project", (int64_t)pid);
			if (cat->n)
				rec_set_text(&r, "category", cat->v[pick(&seed, (size_t)cat->n)].code);
			rec_set_text(&r, "description", "企业反映项目用地指标与审批进度问题，请求协调");
			rec_set_text(&r, "level", lv->v[pick(&seed, (size_t)lv->n)].code);
			rec_set_text(&r, "status", pick(&seed, 4) ? "open" : "resolved");
			rec_set_int(&r, "owner", (int64_t)(d->officers[di] + 3));
			date_t opened = d->today - (date_t)pick(&seed, 60);
			rec_set_text(&r, "opened_on", date_format(opened, date));
			rec_set_text(&r, "level_since", date_format(opened, date));
			rec_set_text(&r, "need_by", date_format(opened + 30, date));
			uint64_t iid = store_next_id(t, store_table(t, KIND_ISSUE));
			rc = store_put(t, store_table(t, KIND_ISSUE), iid, &r, &who);
			if (rc == STORE_OK)
				rc = issue_tally(d->z, t, iid, NULL, &r);
			rec_free(&r);
			if (rc)
				return rc;
		}
		/* A promotion event for one project in five hundred. */
		if (pick(&seed, 500) == 0) {
			rec_init(&r);
			char ev[128];
			const char *place = PICK(&seed, places);
			const char *ind = p->industries.v[pick(&seed, (size_t)p->industries.n)].code;
			snprintf(ev, sizeof ev, "%s%s产业推介会", place, ind);
			rec_set_text(&r, "name", ev);
			rec_set_text(&r, "date",
				     date_format(d->today - 90 + (date_t)pick(&seed, 180), date));
			rec_set_text(&r, "region", place);
			rec_set_text(&r, "industry", ind);
			rec_set_int(&r, "district", (int64_t)d->districts[di]);
			rec_set_bool(&r, "in_plan", true);
			rc = store_put(t, store_table(t, KIND_EVENT), store_next_id(t, store_table(t, KIND_EVENT)),
				       &r, &who);
			rec_free(&r);
			if (rc)
				return rc;
		}
	}
	d->seed = seed;
	d->done = end;
	return STORE_OK;
}

/* Utilised capital of each district and year, summed from the counts. */
struct demo_sums {
	const struct profile *p;
	int year;
	int64_t (*v)[2][2]; /* [district][this year, last][domestic, foreign] */
};

static int demo_sum_one(void *ctx, const void *key, size_t len, int64_t v)
{
	struct demo_sums *c = ctx;
	struct tally_entry e;
	if (tally_key_read(key, len, &e) || (e.measure != TM_DOMESTIC && e.measure != TM_FOREIGN))
		return 0;
	int y = (int)(e.month / 100);
	if (y != c->year && y != c->year - 1)
		return 0;
	for (int i = 0; i < c->p->districts.n; i++)
		if (!strcmp(c->p->districts.v[i].code, e.district))
			c->v[i][y == c->year ? 0 : 1][e.measure == TM_FOREIGN] += v;
	return 0;
}

/* The districts' targets for this year and the last, set as the city
 * office would: about what each district brought in, some set higher
 * than it reached and some lower, so the bulletin has districts ahead
 * and behind. */
static int demo_targets(struct store_txn *t, void *vctx)
{
	struct demo *d = vctx;
	const struct profile *p = &d->z->prof;
	int y, m, dd;
	date_ymd(d->today, &y, &m, &dd);
	struct demo_sums c = {p, y, xcalloc((size_t)p->districts.n, sizeof *c.v)};
	int rc = store_counts_scan(t, "M", 1, "N", 1, demo_sum_one, &c);
	if (rc == STORE_OK)
		rc = store_counts_scan(t, "L", 1, "M", 1, demo_sum_one, &c);
	struct store_who who = {d->z->me, "target", "demo"};
	char set_on[11], line[128];
	for (int i = 0; rc == STORE_OK && i < p->districts.n; i++) {
		uint64_t s = 0x7A59E75ULL + (uint64_t)i;
		struct rec r;
		rec_init(&r);
		if ((rc = store_get(t, store_table(t, KIND_DISTRICT), d->districts[i], &r)))
			break;
		rec_unset(&r, "targets");
		for (int back = 1; back >= 0; back--) {
			date_t on = date_from_ymd(y - back, 1, 15);
			for (int f = 0; f < 2; f++) {
				int64_t got = c.v[i][back][f];
				if (!back)
					got = got * 12 / m;
				int64_t target = got / 100 * (int64_t)(80 + pick(&s, 50)) / 1000000 * 1000000;
				if (target <= 0)
					target = f ? 1000000 : 10000000;
				snprintf(line, sizeof line, "%d|%s|%lld|%s", y - back,
					 f ? "foreign" : "domestic", (long long)target,
					 date_format(on, set_on));
				rec_list_append(&r, "targets", line);
			}
		}
		rc = store_put(t, store_table(t, KIND_DISTRICT), d->districts[i], &r, &who);
		rec_free(&r);
	}
	free(c.v);
	return rc;
}

/* One batch; on failure the generator is rewound so a retry after a full
 * map writes exactly the same records. */
static int demo_batch(struct store_txn *t, void *vctx)
{
	struct demo *d = vctx;
	uint64_t seed = d->seed, last = d->last_enterprise;
	int rc = demo_batch_body(t, vctx);
	if (rc) {
		d->seed = seed;
		d->last_enterprise = last;
	}
	return rc;
}

/* Reads the ids of the profile's districts, in profile order. */
static int demo_districts(struct demo *d)
{
	const struct profile *p = &d->z->prof;
	d->ndistricts = p->districts.n;
	d->districts = xcalloc((size_t)p->districts.n, sizeof *d->districts);
	d->officers = xcalloc((size_t)p->districts.n, sizeof *d->officers);
	for (int i = 0; i < p->districts.n; i++)
		if (zs_resolve(d->z, KIND_DISTRICT, p->districts.v[i].code, &d->districts[i]) != ZS_OK)
			return zs_fail(d->z, ZS_ERROR, _("district %s of the profile is missing"),
				       p->districts.v[i].code);
	return ZS_OK;
}

int zs_demo(struct zs *z, uint64_t n, void (*progress)(void *ctx, uint64_t done), void *ctx)
{
	struct demo d = {.z = z, .n = n, .seed = 20261122, .per_district = 7,
			 .today = clock_today(), .progress = progress, .pctx = ctx};
	int rc = demo_districts(&d);
	if (rc == ZS_OK && zs_count(z, KIND_PROJECT) > 0)
		rc = zs_fail(z, ZS_EXISTS, "%s",
			     _("the database already has projects; make the demo in a new one"));
	if (rc == ZS_OK)
		rc = zs_from_store(z, store_write(z->st, demo_people, &d));
	while (rc == ZS_OK && d.done < d.n) {
		rc = zs_from_store(z, store_write(z->st, demo_batch, &d));
		if (progress)
			progress(ctx, d.done);
	}
	if (rc == ZS_OK)
		rc = zs_from_store(z, store_write(z->st, demo_targets, &d));
	/* Bring the time rules up to today, as the desk would at its start:
	 * issues whose time ran out climb now, in the bulk load, not at the
	 * first officer's first key. */
	if (rc == ZS_OK)
		rc = zs_tick(z, NULL);
	free(d.districts);
	free(d.officers);
	return rc;
}

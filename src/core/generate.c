/*
 * generate.c - synthetic province-scale data for load tests. See generate.h.
 *
 * Names are composed from lists: a district or county (临店区, 博水县) is an
 * office; its units are bureaus (区教体局, 县卫健局 …) and towns (金山镇,
 * 东城街道); each project is one of its lead bureau's typical practical
 * projects, with that bureau's typical indicators. Figures follow a
 * per-project pace, so some projects are ahead of 序时进度 and some behind;
 * report states follow a per-unit diligence, so some units are late or
 * missing more often than others. Everything is drawn from one generator
 * seeded by GenerateOptions.seed, in a fixed order.
 */
#include "core/generate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/programme.h"
#include "core/progress.h"
#include "core/reports.h"
#include "core/rounds.h"
#include "core/users.h"
#include "core/vocab.h"
#include "db/store.h"
#include "lib/timeutil.h"

/* ---- the generator ------------------------------------------------------------ */

typedef struct Rng {
    uint64_t s;
} Rng;

/* splitmix64: small, fast, and good enough for test data */
static uint64_t rng_next(Rng *g)
{
    uint64_t z = (g->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(Rng *g)
{
    return (double)(rng_next(g) >> 11) * 0x1.0p-53;
}

/* Uniform in [lo, hi]. */
static int rng_int(Rng *g, int lo, int hi)
{
    return lo + (int)(rng_next(g) % (uint64_t)(hi - lo + 1));
}

#define PICK(g, list) ((list)[rng_next(g) % (sizeof(list) / sizeof *(list))])

static void shuffle(Rng *g, int *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(g) % i);
        int t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* ---- what names are made of ------------------------------------------------------- */

typedef struct IndicatorTpl {
    const char *name, *measure;
    double lo, hi;                 /* the target lies between */
} IndicatorTpl;

typedef struct Theme {
    const char *title, *short_title, *body;
    IndicatorTpl ind[3];           /* name NULL ends the list */
} Theme;

typedef struct Bureau {
    const char *name;              /* after the 区/县 prefix: 教体局 */
    const char *dept[2];           /* 责任科室 */
    Theme themes[2];               /* title NULL ends the list */
} Bureau;

static const Bureau BUREAUS[] = {
    {"教体局", {"基础教育科", "规划财务科"},
     {{"新建改扩建公办幼儿园", "学前教育扩容", "新建、改扩建公办幼儿园，新增公办学前教育学位，缓解“入园难”问题。",
       {{"新建改扩建公办幼儿园", "所", 3, 12}, {"新增学前教育学位", "个", 600, 3000}}},
      {"改造提升农村中小学校舍", "农村学校校舍改造", "对农村中小学校舍、厕所和运动场进行改造提升，改善办学条件。",
       {{"改造提升校舍", "所", 5, 20}, {"改造面积", "平方米", 5000, 40000}, {"更新课桌椅", "套", 1000, 6000}}}}},
    {"卫健局", {"疾病预防控制科", "基层卫生健康科"},
     {{"实施适龄妇女“两癌”免费筛查", "“两癌”免费筛查", "为适龄妇女免费提供宫颈癌、乳腺癌筛查，做到早发现、早诊断、早治疗。",
       {{"宫颈癌筛查", "人", 3000, 20000}, {"乳腺癌筛查", "人", 3000, 20000}}},
      {"提升基层医疗卫生服务能力", "基层医疗服务提升", "推进村卫生室标准化建设，做实家庭医生签约服务。",
       {{"建成标准化村卫生室", "个", 10, 60}, {"家庭医生签约服务", "人", 5000, 50000}}}}},
    {"民政局", {"养老服务科", "社会救助科"},
     {{"建设社区老年食堂", "老年助餐服务", "在城乡社区建设老年食堂（助餐点），为老年人提供就餐服务。",
       {{"建成社区老年食堂", "处", 5, 30}, {"提供助餐服务", "人次", 10000, 80000}}},
      {"实施困难老年人家庭适老化改造", "适老化改造", "为特殊困难老年人家庭实施适老化改造，提升居家养老安全。",
       {{"完成适老化改造", "户", 100, 800}}}}},
    {"人社局", {"就业促进科", "职业能力建设科"},
     {{"促进城乡劳动者就业创业", "就业创业服务", "开展就业援助和职业技能培训，落实创业担保贷款政策。",
       {{"城镇新增就业", "人", 2000, 10000}, {"开展职业技能培训", "人次", 1000, 8000}, {"发放创业担保贷款", "万元", 1000, 8000}}},
      {"建设零工市场", "零工市场建设", "建设规范化零工市场，为灵活就业人员提供供需对接服务。",
       {{"建成零工市场", "处", 1, 5}, {"发布岗位信息", "条", 2000, 15000}}}}},
    {"住建局", {"城建科", "房产管理科"},
     {{"改造城镇老旧小区", "老旧小区改造", "对城镇老旧小区水电气暖等基础设施进行改造，完善配套服务设施。",
       {{"改造老旧小区", "个", 5, 40}, {"惠及居民", "户", 1000, 9000}}},
      {"实施农村危房改造", "农村危房改造", "对农村低收入群体等重点对象危房进行改造，保障住房安全。",
       {{"完成危房改造", "户", 50, 400}}}}},
    {"交通运输局", {"公路建设科", "运输管理科"},
     {{"提升改造农村公路", "农村公路提升", "实施农村公路提升改造和危桥改造，方便群众出行。",
       {{"提升改造农村公路", "公里", 20, 150}, {"完成危桥改造", "座", 2, 15}}},
      {"优化城乡公交服务", "城乡公交一体化", "新辟优化公交线路，更新新能源公交车辆。",
       {{"新辟优化公交线路", "条", 3, 15}, {"更新新能源公交车", "辆", 10, 80}}}}},
    {"农业农村局", {"农田建设科", "乡村建设科"},
     {{"建设高标准农田", "高标准农田建设", "集中连片建设高标准农田，提升粮食综合生产能力。",
       {{"建成高标准农田", "万亩", 1, 8}}},
      {"开展农村人居环境整治提升", "人居环境整治", "推进农村厕所革命，创建美丽乡村示范村。",
       {{"完成户厕改造", "户", 500, 4000}, {"创建美丽乡村示范村", "个", 5, 30}}}}},
    {"水利局", {"农村水利科", "河湖管理科"},
     {{"实施农村供水保障工程", "农村供水保障", "改造老化供水管网，提高农村自来水普及率和供水保证率。",
       {{"改造农村供水管网", "公里", 30, 200}, {"农村自来水普及率", "%", 95, 99.5}}},
      {"开展河道综合治理", "河道综合治理", "对重点河道进行清淤疏浚和岸坡整治。",
       {{"治理河道", "公里", 5, 40}}}}},
    {"文旅局", {"公共服务科", "产业发展科"},
     {{"开展文化惠民演出", "文化惠民演出", "开展送戏下乡和农村公益电影放映，丰富群众文化生活。",
       {{"送戏下乡演出", "场次", 100, 600}, {"公益电影放映", "场次", 500, 3000}}},
      {"建设城市书房", "城市书房建设", "在人口密集区域建设24小时城市书房。",
       {{"建成城市书房", "处", 3, 15}}}}},
    {"市场监管局", {"食品安全科", "特种设备科"},
     {{"推进校园食品安全守护行动", "校园食品安全", "推进学校食堂“明厨亮灶”，加大校园周边食品抽检力度。",
       {{"学校食堂“明厨亮灶”覆盖率", "%", 95, 100}, {"开展食品抽检", "批次", 500, 3000}}},
      {"开展农贸市场标准化改造", "农贸市场改造", "对老旧农贸市场进行标准化改造。",
       {{"改造农贸市场", "处", 2, 10}}}}},
    {"医保局", {"待遇保障科", "基金监管科"},
     {{"推进医保服务进村（社区）", "医保服务下沉", "建设村（社区）医保服务站点，让群众就近办理医保业务。",
       {{"建成医保服务站点", "个", 30, 200}, {"城乡居民医保参保率", "%", 95, 99}}}}},
    {"公安分局", {"治安管理大队", "交通管理大队"},
     {{"开展平安校园护学岗建设", "平安护学", "在中小学、幼儿园门口设立护学岗，保障上下学安全。",
       {{"设立护学岗", "处", 30, 150}}},
      {"建设智慧交通路口", "智慧路口建设", "改造城区重点路口信号灯和监控设施，缓解交通拥堵。",
       {{"改造智慧路口", "个", 10, 60}}}}},
    {"司法局", {"公共法律服务科", "法治宣传科"},
     {{"完善公共法律服务体系", "公共法律服务", "推进村（社区）法律顾问全覆盖，扩大法律援助范围。",
       {{"村（社区）法律顾问覆盖率", "%", 98, 100}, {"办理法律援助案件", "件", 300, 2000}}}}},
    {"城管局", {"市容环卫科", "市政公用科"},
     {{"新建改造城市公厕", "城市公厕改造", "新建和改造提升城市公厕，方便群众如厕。",
       {{"新建改造公厕", "座", 10, 60}}},
      {"建设口袋公园", "口袋公园建设", "利用边角地建设口袋公园，增加群众休闲空间。",
       {{"建成口袋公园", "处", 5, 30}, {"新增绿化面积", "平方米", 20000, 150000}}}}},
    {"应急局", {"综合减灾科", "安全生产基础科"},
     {{"建设综合减灾示范社区", "综合减灾示范", "创建综合减灾示范社区，开展应急演练和防灾减灾宣传。",
       {{"创建综合减灾示范社区", "个", 5, 20}, {"开展应急演练", "场次", 50, 300}}}}},
    {"生态环境分局", {"大气环境科", "水生态环境科"},
     {{"开展清洁取暖改造", "清洁取暖改造", "推进农村地区清洁取暖改造，改善空气质量。",
       {{"完成清洁取暖改造", "户", 1000, 10000}}}}},
    {"自然资源局", {"不动产登记科", "耕地保护科"},
     {{"开展不动产登记便民服务", "不动产登记便民", "推行不动产登记“一窗受理、并行办理”。",
       {{"“一窗受理”办件", "件", 5000, 30000}}}}},
    {"退役军人事务局", {"服务保障科", "就业创业科"},
     {{"建设退役军人服务站", "退役军人服务站", "推进村（社区）退役军人服务站规范化建设。",
       {{"规范化服务站", "个", 20, 120}}}}},
    {"残联", {"康复部", "教育就业部"},
     {{"实施残疾儿童康复救助", "残疾儿童康复救助", "为符合条件的残疾儿童提供康复训练补助。",
       {{"救助残疾儿童", "名", 50, 400}}}}},
    {"妇联", {"家庭和儿童工作部", "权益部"},
     {{"建设妇女儿童之家", "妇女儿童之家建设", "在村（社区）建设妇女儿童之家，开展家庭教育指导服务。",
       {{"建成妇女儿童之家", "个", 10, 80}, {"开展家庭教育讲座", "场次", 20, 200}}}}},
    {"总工会", {"权益保障部", "职工服务中心"},
     {{"建设户外劳动者服务站点", "户外劳动者驿站", "为环卫工人、快递员等户外劳动者建设爱心驿站。",
       {{"建成爱心驿站", "处", 10, 60}}}}},
    {"团委", {"青少年发展部", "学校部"},
     {{"开展青少年暑期托管服务", "暑期托管服务", "利用学校、社区场地开展暑期托管服务。",
       {{"设立暑期托管点", "个", 10, 60}, {"服务学生", "人次", 2000, 15000}}}}},
    {"行政审批服务局", {"政务服务科", "审批协调科"},
     {{"推进政务服务“一网通办”", "政务服务一网通办", "推进高频政务服务事项网上办、掌上办。",
       {{"高频事项网上可办率", "%", 90, 99}}}}},
    {"商务局", {"商贸流通科", "市场运行科"},
     {{"建设一刻钟便民生活圈", "便民生活圈", "完善社区商业网点，建设一刻钟便民生活圈。",
       {{"建成便民生活圈", "个", 3, 15}}}}},
    {"财政局", {"农业农村科", "社会保障科"},
     {{"落实惠民惠农补贴“一卡通”", "惠民补贴一卡通", "规范惠民惠农财政补贴资金“一卡通”发放。",
       {{"发放补贴资金", "万元", 5000, 30000}}}}},
};
#define N_BUREAUS (sizeof BUREAUS / sizeof *BUREAUS)

/* What a town (镇, 街道) leads. */
static const Bureau TOWN = {
    NULL, {"党政办公室", "社会事务办公室"},
    {{"建设村级综合服务中心", "村级服务中心", "建设村级党群服务中心，集中提供便民服务。",
      {{"建成村级综合服务中心", "个", 3, 12}}},
     {"实施村内道路硬化", "村内道路硬化", "对村内主要道路进行硬化、亮化。",
      {{"硬化村内道路", "公里", 5, 30}, {"安装路灯", "盏", 100, 800}}}}};

static const char *const PLACE_A[] = {"临", "张", "博", "周", "桓", "高", "沂", "莒", "平", "阳",
                                      "东", "西", "青", "长", "安", "宁", "河", "山", "清", "广"};
static const char *const PLACE_B[] = {"淄", "店", "山", "村", "台", "水", "南", "邑", "谷", "阿",
                                      "城", "州", "川", "原", "丘", "陵", "峰", "泉", "河", "津"};
#define N_PLACE_B (sizeof PLACE_B / sizeof *PLACE_B)
#define N_DISTRICTS (sizeof PLACE_A / sizeof *PLACE_A * N_PLACE_B)

static const char *const TOWN_A[] = {"金", "凤", "龙", "马", "石", "柳", "桃", "杨", "白", "朱", "黄", "梧"};
static const char *const TOWN_B[] = {"山", "岭", "桥", "河", "店", "集", "庄", "城", "台", "泉"};
static const char *const STREETS[] = {"东城", "西城", "南关", "北关", "城东", "城西",
                                      "湖滨", "站前", "新华", "人民", "文昌", "凤凰"};

static const char *const SURNAMES[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
static const char *const GIVEN[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                    "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "建国",
                                    "海燕", "志刚", "晓东", "丽华", "文静"};
static const char *const VILLAGES[] = {"王家村", "李家庄", "河东社区", "新华社区", "后屯村",
                                       "前进社区", "南园村", "北苑社区", "西关村", "杏花村"};

static const char *const ACTIONS[] = {
    "召开专题推进会%d次，逐项明确责任分工和时间节点",
    "组织开展实地督导%d次，现场协调解决问题",
    "落实项目资金%d万元，资金拨付进度符合要求",
    "开展政策宣传%d场次，发放宣传资料%d份",
    "建立工作台账，实行周调度、月通报",
    "完成项目选址和方案论证，进入实施阶段",
};
static const char *const SUPPORT[] = {
    "积极配合牵头单位做好项目推进工作",
    "按照职责分工做好配套保障",
    "及时报送相关数据，配合开展督导检查",
};
static const char *const PROBLEMS[] = {
    "部分项目前期手续办理进度偏慢。",
    "资金拨付周期较长，影响施工进度。",
    "基层工作人员力量不足。",
    "群众知晓率有待进一步提高。",
    "受天气影响，部分工程施工有所延后。",
};
static const char *const NEXT_STEPS[] = {
    "加快施工进度，确保按期完成年度目标。",
    "加强督导调度，及时解决存在的问题。",
    "强化资金保障，加快资金拨付。",
    "加大宣传力度，提高群众知晓率和满意度。",
};
static const char *const RETURN_REASONS[] = {
    "请补充累计完成数的佐证材料。",
    "本季度措施表述过于笼统，请具体说明完成数量和地点。",
    "累计完成数与工作台账不一致，请核实后重新报送。",
};

/* ---- one programme ------------------------------------------------------------------ */

/* A unit of the programme being built: its name and what it leads. */
typedef struct GenUnit {
    char *name;
    const Bureau *bureau;
    double diligence;    /* 0.55–1: how reliably it reports on time */
} GenUnit;

typedef struct Gen {
    Db *db;
    Arena *out;          /* the caller's arena: what outlives the run */
    const GenerateOptions *o;
    Rng rng;
    int districts[N_DISTRICTS]; /* indices into PLACE_A × PLACE_B, shuffled */
    size_t n_districts;
    char *hash;          /* of the one password every account has */
    Id admin_id;
    GenerateResult *res;
} Gen;

/* Counts are whole; areas, lengths and rates keep one decimal. */
static double round_to(double v, const char *measure)
{
    static const char *const DECIMAL[] = {"万亩", "%", "公里", "万元"};
    for (size_t i = 0; i < sizeof DECIMAL / sizeof *DECIMAL; i++)
        if (strcmp(measure, DECIMAL[i]) == 0) return round(v * 10) / 10;
    return round(v);
}

static char *person_name(Arena *a, Rng *g)
{
    return arena_printf(a, "%s%s", PICK(g, SURNAMES), PICK(g, GIVEN));
}

static char *phone(Arena *a, Rng *g)
{
    return arena_printf(a, "0533-%d", rng_int(g, 6000000, 8999999));
}

/* The programme's units: bureaus in a shuffled order, one in five a town. */
static GenUnit *make_units(Gen *g, Arena *a, const char *prefix)
{
    int n = g->o->units, n_towns = n / 5;
    if (n - n_towns > (int)N_BUREAUS) n_towns = n - (int)N_BUREAUS;
    GenUnit *u = ARENA_ARRAY(a, GenUnit, (size_t)n);
    int order[N_BUREAUS];
    for (size_t i = 0; i < N_BUREAUS; i++) order[i] = (int)i;
    shuffle(&g->rng, order, N_BUREAUS);
    int tn[sizeof TOWN_A / sizeof *TOWN_A * sizeof TOWN_B / sizeof *TOWN_B];
    size_t n_tn = sizeof tn / sizeof *tn;
    for (size_t i = 0; i < n_tn; i++) tn[i] = (int)i;
    shuffle(&g->rng, tn, n_tn);
    size_t street = rng_next(&g->rng) % (sizeof STREETS / sizeof *STREETS);
    for (int i = 0; i < n; i++) {
        GenUnit *x = &u[i];
        x->diligence = 0.55 + 0.45 * rng_unit(&g->rng);
        if (i < n - n_towns) {
            x->bureau = &BUREAUS[order[i]];
            x->name = arena_printf(a, "%s%s", prefix, x->bureau->name);
            continue;
        }
        x->bureau = &TOWN;
        int t = i - (n - n_towns);
        /* alternate 镇 and 街道; 街道 names run out first, then towns continue */
        if (t % 2 == 1 && (size_t)(t / 2) < sizeof STREETS / sizeof *STREETS)
            x->name = arena_printf(a, "%s街道", STREETS[(street + (size_t)t / 2) % (sizeof STREETS / sizeof *STREETS)]);
        else
            x->name = arena_printf(a, "%s%s镇", TOWN_A[tn[t] / (int)(sizeof TOWN_B / sizeof *TOWN_B)],
                                   TOWN_B[tn[t] % (int)(sizeof TOWN_B / sizeof *TOWN_B)]);
    }
    return u;
}

static void make_project(Gen *g, Arena *a, const GenUnit *units, int k, Project *pr,
                         const Theme **themes_used, int year)
{
    Rng *r = &g->rng;
    int n = g->o->units;
    int lead = k % n;
    const Bureau *b = units[lead].bureau;
    size_t n_themes = b->themes[1].title ? 2 : 1;
    const Theme *th = &b->themes[rng_next(r) % n_themes];
    /* a bureau leading twice takes its other theme, then repeats with a suffix */
    int repeats = 0;
    for (int j = 0; j < k; j++)
        if (themes_used[j] == th) repeats++;
    if (repeats && n_themes == 2) {
        th = th == &b->themes[0] ? &b->themes[1] : &b->themes[0];
        repeats = 0;
        for (int j = 0; j < k; j++)
            if (themes_used[j] == th) repeats++;
    }
    themes_used[k] = th;
    pr->no = k + 1;
    const char *lead_name = units[lead].name;
    pr->title = repeats ? arena_printf(a, "%s（%s，第%d批）", th->title, lead_name, repeats + 1)
                        : arena_strdup(a, th->title);
    pr->report_title = repeats ? arena_printf(a, "%s（第%d批）", th->short_title, repeats + 1)
                               : arena_strdup(a, th->short_title);
    pr->text = arena_printf(a, "%s由%s牵头，各责任单位按职责分工抓好落实。", th->body, lead_name);
    static const int DEADLINE_MONTHS[] = {12, 12, 12, 12, 12, 11, 10, 9, 6};
    int dm = PICK(r, DEADLINE_MONTHS);
    pr->deadline = date_from_ymd(year, dm, date_days_in_month(year, dm));

    pr->n_units = (size_t)n;
    pr->units = ARENA_ARRAY(a, ProjectUnit, (size_t)n);
    for (int i = 0; i < n; i++) {
        const GenUnit *x = &units[(lead + i) % n];
        ProjectUnit *pu = &pr->units[i];
        pu->unit_name = x->name;
        pu->role = i == 0 ? UNIT_LEAD : UNIT_RESPONSIBLE;
        if (rng_unit(r) < 0.85) {
            pu->department = arena_strdup(a, x->bureau->dept[rng_next(r) % 2]);
            pu->person = person_name(a, r);
            pu->phone = phone(a, r);
        }
    }

    size_t n_tpl = 0;
    while (n_tpl < 3 && th->ind[n_tpl].name) n_tpl++;
    size_t want = (size_t)rng_int(r, 1, 4);
    static const IndicatorTpl GENERIC[] = {
        {"开展宣传活动", "场次", 10, 120}, {"受益群众", "人次", 2000, 50000}, {"完成投资", "万元", 200, 5000}};
    pr->n_indicators = want;
    pr->indicators = ARENA_ARRAY(a, Indicator, want);
    for (size_t j = 0; j < want; j++) {
        const IndicatorTpl *t = j < n_tpl ? &th->ind[j] : &GENERIC[(j - n_tpl) % 3];
        Indicator *ind = &pr->indicators[j];
        ind->name = arena_strdup(a, t->name);
        ind->measure = arena_strdup(a, t->measure);
        ind->target = round_to(t->lo + (t->hi - t->lo) * rng_unit(r), t->measure);
        if (ind->target <= 0) ind->target = t->lo;
        ind->cmp = CMP_GE;
        /* the lead owns the first; later ones go to the lead or another unit */
        if (j > 0 && n > 1 && rng_unit(r) < 0.4)
            ind->owner_name = pr->units[rng_int(r, 1, n - 1)].unit_name;
    }
}

static char *iso_ts(Arena *a, int date, int seconds)
{
    char buf[TS_ISO_LEN];
    ts_format((int64_t)date * 86400 + seconds, buf);
    return arena_strdup(a, buf);
}

/* The text of a report: what was done, with the unit's figures. */
static char *measures_text(Gen *g, Arena *a, const Project *pr, const char *unit,
                           const Report *rep, const Round *rd)
{
    Rng *r = &g->rng;
    int y, m, d;
    date_to_ymd(rd->period_end, &y, &m, &d);
    char *s = arena_printf(a, "%s围绕%s，", unit, pr->report_title);
    const char *act = PICK(r, ACTIONS);
    char part[256];
    snprintf(part, sizeof part, act, rng_int(r, 2, 30), rng_int(r, 500, 5000));
    if (rep->n_values == 0)
        return arena_printf(a, "%s%s，%s。", s, PICK(r, SUPPORT), part);
    s = arena_printf(a, "%s%s。截至%d月底", s, part, m);
    for (size_t v = 0; v < rep->n_values; v++) {
        const Indicator *ind = project_find_indicator(pr, rep->values[v].indicator_id);
        if (!ind) continue;
        double pct = ind->target > 0 ? rep->values[v].actual / ind->target * 100 : 100;
        s = arena_printf(a, "%s，%s累计完成%s%s（目标%s%s，完成%.0f%%）", s, ind->name,
                         format_number(a, rep->values[v].actual), ind->measure,
                         format_number(a, ind->target), ind->measure, pct > 100 ? 100 : pct);
    }
    return arena_printf(a, "%s。", s);
}

typedef struct Pace {
    double speed;        /* share of 序时进度 this project keeps */
    double *done;        /* per indicator: the share reported so far (monotone) */
} Pace;

/* The state of one report, by the unit's diligence and whether the round
 * is the last (open) one. REPORT_NONE: no report (未报). */
static enum ReportStatus pick_status(Rng *r, double diligence, bool last, bool *late)
{
    double x = rng_unit(r);
    *late = false;
    if (x < (last ? 0.08 + 0.25 * (1 - diligence) : 0.03 + 0.12 * (1 - diligence))) return REPORT_NONE;
    *late = rng_unit(r) < 0.02 + 0.5 * (1 - diligence);
    double y = rng_unit(r);
    if (last) return y < 0.30 ? REPORT_ACCEPTED : y < 0.62 ? REPORT_SUBMITTED : y < 0.74 ? REPORT_RETURNED : REPORT_DRAFT;
    return y < 0.85 ? REPORT_ACCEPTED : y < 0.91 ? REPORT_SUBMITTED : y < 0.96 ? REPORT_RETURNED : REPORT_DRAFT;
}

static int make_report(Gen *g, Arena *a, const Programme *p, const Project *pr, Pace *pace,
                       const GenUnit *gu, Id unit_id, const Round *rd, bool last, bool force_draft,
                       Err *e)
{
    Rng *r = &g->rng;
    bool late;
    enum ReportStatus st = pick_status(r, gu->diligence, last, &late);
    if (force_draft) st = REPORT_DRAFT;
    g->res->by_status[st]++;
    if (st == REPORT_NONE) return 0;

    Report rep = {0};
    rep.round_id = rd->id;
    rep.project_id = pr->id;
    rep.unit_id = unit_id;
    rep.status = st;
    rep.version = 1;
    rep.expected_completion = pr->deadline;
    double e_round = progress_expected(p->start, pr->deadline, rd->period_end);
    rep.values = ARENA_ARRAY(a, ReportValue, pr->n_indicators);
    for (size_t k = 0; k < pr->n_indicators; k++) {
        const Indicator *ind = &pr->indicators[k];
        if (indicator_owner_id(pr, ind) != unit_id) continue;
        double share = e_round * pace->speed * (0.92 + 0.16 * rng_unit(r));
        if (share > 1) share = 1;
        if (share < pace->done[k]) share = pace->done[k];
        pace->done[k] = share;
        double v = strcmp(ind->measure, "%") == 0 ? ind->target * (0.93 + 0.07 * share)
                                                  : round_to(ind->target * share, ind->measure);
        if (strcmp(ind->measure, "%") == 0) v = fmin(100, round(v * 10) / 10);
        rep.values[rep.n_values++] = (ReportValue){ind->id, v, true};
    }
    rep.measures = measures_text(g, a, pr, gu->name, &rep, rd);
    rep.problems = rng_unit(r) < 0.7 ? (char *)PICK(r, PROBLEMS) : "";
    rep.next_steps = (char *)PICK(r, NEXT_STEPS);

    int sent = late ? rd->due + rng_int(r, 1, 12) : rd->due - rng_int(r, 0, 9);
    int secs = rng_int(r, 8 * 3600, 17 * 3600) - 8 * 3600; /* office hours, Beijing time */
    if (st == REPORT_DRAFT) {
        rep.updated_at = iso_ts(a, rd->due - rng_int(r, 1, 15), secs);
    } else {
        rep.first_submitted_at = iso_ts(a, sent, secs);
        rep.submitted_at = rep.first_submitted_at;
        rep.updated_at = rep.submitted_at;
        g->res->late += late;
        if (st == REPORT_ACCEPTED || st == REPORT_RETURNED) {
            rep.reviewed_at = iso_ts(a, sent + rng_int(r, 1, 3), secs);
            rep.reviewed_by = g->admin_id;
            rep.updated_at = rep.reviewed_at;
        }
        if (st == REPORT_RETURNED) rep.return_reason = (char *)PICK(r, RETURN_REASONS);
    }
    if (report_validate(pr, &rep, e) < 0) return -1;
    if (store_report_save(g->db, &rep, report_snapshot(a, &rep), 0, e) < 0) return -1;
    g->res->reports++;
    g->res->values += rep.n_values;
    return 0;
}

static int make_ledger(Gen *g, Arena *a, const Programme *p, const Project *pr, const ProjectUnit *pu,
                       Err *e)
{
    Rng *r = &g->rng;
    const Indicator *own = NULL;
    for (size_t k = 0; k < pr->n_indicators && !own; k++)
        if (indicator_owner_id(pr, &pr->indicators[k]) == pu->unit_id &&
            strcmp(pr->indicators[k].measure, "%") != 0)
            own = &pr->indicators[k];
    int n = rng_int(r, 1, 4);
    for (int i = 0; i < n; i++) {
        LedgerEntry l = {0};
        l.project_id = pr->id;
        l.unit_id = pu->unit_id;
        l.date = p->start + rng_int(r, 10, 350);
        char part[256];
        snprintf(part, sizeof part, PICK(r, ACTIONS), rng_int(r, 2, 30), rng_int(r, 500, 5000));
        l.content = arena_printf(a, "%s：%s", pr->report_title, part);
        l.place = (char *)PICK(r, VILLAGES);
        if (own && rng_unit(r) < 0.6) {
            l.indicator_id = own->id;
            l.has_quantity = true;
            l.quantity = round_to(own->target * (0.05 + 0.2 * rng_unit(r)), own->measure);
        }
        l.funds_fen = rng_unit(r) < 0.5 ? (int64_t)rng_int(r, 1, 5000) * 10000 : 0;
        l.created_at = iso_ts(a, l.date, rng_int(r, 0, 9 * 3600));
        if (store_ledger_insert(g->db, &l, e) < 0) return -1;
        g->res->ledger++;
    }
    return 0;
}

/* Which rounds: up to 4 quarters, else months, ending with the year; the
 * issue date falls in the first of them. */
static void programme_calendar(int n_rounds, int year, Programme *p, Rng *r)
{
    p->reporting = n_rounds <= 4 ? CADENCE_QUARTERLY : CADENCE_MONTHLY;
    int periods = n_rounds <= 4 ? 4 : 12, step = 12 / periods;
    int first_month = (periods - n_rounds) * step + 1;
    p->issued = date_from_ymd(year, first_month, rng_int(r, 5, 25));
    p->start = date_from_ymd(year, 1, 1);
    p->deadline = date_from_ymd(year, 12, 31);
}

static int make_programme(Gen *g, int pi, Err *e)
{
    Arena *a = arena_new();
    Rng *r = &g->rng;
    int year = GENERATE_YEAR;
    int d = g->districts[pi];
    bool county = (d * 7 + pi) % 3 == 0;
    const char *district = arena_printf(a, "%s%s%s", PLACE_A[(size_t)d / N_PLACE_B],
                                        PLACE_B[(size_t)d % N_PLACE_B], county ? "县" : "区");
    const char *prefix = county ? "县" : "区";
    GenUnit *units = make_units(g, a, prefix);

    Programme *p = ARENA_NEW(a, Programme);
    p->title = arena_printf(a, "%d年%s为民办实事项目", year, district);
    p->year = year;
    p->issuer = arena_printf(a, "%s人民政府办公室", district);
    p->coordinator = arena_printf(a, "%s民生实事办", district);
    p->phone = phone(a, r);
    p->email = arena_printf(a, "mszs%03d@example.gov.cn", pi + 1);
    p->report_form_title = arena_printf(a, "%d年%s为民办实事工作进展情况报表", year, district);
    p->is_public = true;
    p->lag_threshold = 0.2;
    programme_calendar(g->o->rounds, year, p, r);
    p->n_projects = (size_t)g->o->projects;
    p->projects = ARENA_ARRAY(a, Project, p->n_projects);
    const Theme **used = ARENA_ARRAY(a, const Theme *, p->n_projects);
    for (int k = 0; k < g->o->projects; k++) make_project(g, a, units, k, &p->projects[k], used, year);
    programme_apply_defaults(p);
    if (programme_validate(p, e) < 0) goto fail_early;

    if (db_begin(g->db, e) < 0) goto fail_early;
    if (store_programme_save(g->db, p, e) < 0) goto fail;
    Round *rounds;
    size_t n_rounds = rounds_generate(p, a, &rounds);
    for (size_t i = 0; i < n_rounds; i++) {
        rounds[i].programme_id = p->id;
        rounds[i].closed = i + 1 < n_rounds;
        if (store_round_insert(g->db, &rounds[i], e) < 0) goto fail;
    }
    /* unit ids by position in the programme's unit list */
    Id *unit_ids = ARENA_ARRAY(a, Id, (size_t)g->o->units);
    for (int i = 0; i < g->o->units; i++)
        for (size_t u = 0; u < p->projects[0].n_units; u++)
            if (strcmp(p->projects[0].units[u].unit_name, units[i].name) == 0)
                unit_ids[i] = p->projects[0].units[u].unit_id;

    for (size_t k = 0; k < p->n_projects; k++) {
        const Project *pr = &p->projects[k];
        Pace pace = {0.55 + 0.7 * rng_unit(r), ARENA_ARRAY(a, double, pr->n_indicators + 1)};
        for (size_t i = 0; i < n_rounds; i++) {
            bool last = i + 1 == n_rounds;
            for (int u = 0; u < g->o->units; u++) {
                /* the first programme's last round keeps drafts for load tests */
                bool force = pi == 0 && last && (k == 0 || (int)k % g->o->units == u);
                if (make_report(g, a, p, pr, &pace, &units[u], unit_ids[u], &rounds[i], last, force,
                                e) < 0)
                    goto fail;
            }
        }
        for (size_t u = 0; u < pr->n_units; u++)
            if (make_ledger(g, a, p, pr, &pr->units[u], e) < 0) goto fail;
        g->res->projects++;
        g->res->project_units += pr->n_units;
        g->res->indicators += pr->n_indicators;
    }
    g->res->rounds += n_rounds;

    if (pi == 0) {
        /* reporters of the first programme's units, in order */
        GenerateAccount *acc = g->res->accounts;
        for (int u = 0; u < g->o->units; u++) {
            User usr = {0};
            usr.login = arena_printf(g->out, "unit%02d", u + 1);
            usr.role = ROLE_REPORTER;
            usr.unit_id = unit_ids[u];
            if (store_user_insert(g->db, &usr, g->hash, e) < 0) goto fail;
            acc[g->res->n_accounts++] = (GenerateAccount){
                usr.login, role_label(ROLE_REPORTER), arena_strdup(g->out, units[u].name),
                arena_printf(g->out, "/report/%lld/%lld/%lld", (long long)rounds[n_rounds - 1].id,
                             (long long)p->projects[0].id, (long long)unit_ids[u])};
        }
    }
    if (db_commit(g->db, e) < 0) goto fail_early;
    g->res->programmes++;
    arena_free(a);
    return 0;
fail:
    db_rollback(g->db);
fail_early:
    arena_free(a);
    return -1;
}

static int check_range(const char *what, int v, int max, Err *e)
{
    if (v < 1 || v > max) return err_set(e, ERR_INVALID, what, "--%s must be between 1 and %d", what, max);
    return 0;
}

int generate_populate(Db *db, Arena *a, const Actor *who, const GenerateOptions *o,
                      GenerateResult *out, Err *e)
{
    memset(out, 0, sizeof *out);
    if (check_range("programmes", o->programmes, GENERATE_MAX_PROGRAMMES, e) < 0 ||
        check_range("projects", o->projects, GENERATE_MAX_PROJECTS, e) < 0 ||
        check_range("units", o->units, GENERATE_MAX_UNITS, e) < 0 ||
        check_range("rounds", o->rounds, GENERATE_MAX_ROUNDS, e) < 0)
        return -1;
    Gen g = {db, a, o, {o->seed}, {0}, 0, NULL, 0, out};
    /* every pair of characters but the doubled ones (山山区) */
    for (size_t i = 0; i < N_DISTRICTS; i++)
        if (strcmp(PLACE_A[i / N_PLACE_B], PLACE_B[i % N_PLACE_B]) != 0) g.districts[g.n_districts++] = (int)i;
    shuffle(&g.rng, g.districts, g.n_districts);
    out->password = o->password ? arena_strdup(a, o->password) : password_generate(a);
    out->accounts = ARENA_ARRAY(a, GenerateAccount, (size_t)o->units + 2);

    /* the coordinator and a leader: one hash serves every account */
    if (password_hash(a, out->password, &g.hash, e) < 0 || db_begin(db, e) < 0) return -1;
    static const struct { const char *login; enum Role role; } STAFF[] = {
        {"admin", ROLE_ADMIN}, {"viewer", ROLE_VIEWER}};
    for (size_t i = 0; i < 2; i++) {
        User u = {0};
        u.login = (char *)STAFF[i].login;
        u.role = STAFF[i].role;
        if (store_user_insert(db, &u, g.hash, e) < 0) {
            db_rollback(db);
            return -1;
        }
        if (i == 0) g.admin_id = u.id;
        out->accounts[out->n_accounts++] = (GenerateAccount){STAFF[i].login, role_label(STAFF[i].role), NULL, NULL};
    }
    if (db_commit(db, e) < 0) return -1;

    for (int pi = 0; pi < o->programmes; pi++)
        if (make_programme(&g, pi, e) < 0) return -1;

    /* one audit row for the whole run */
    char *after = arena_printf(
        a,
        "{\"generator\":\"shishi generate\",\"seed\":%llu,\"programmes\":%d,\"projects\":%d,"
        "\"units\":%d,\"rounds\":%d,\"reports\":%zu,\"ledger\":%zu}",
        (unsigned long long)o->seed, o->programmes, o->projects, o->units, o->rounds, out->reports,
        out->ledger);
    if (db_begin(db, e) < 0) return -1;
    if (audit_record(db, who, "database.generate", "database", 0, NULL, after, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

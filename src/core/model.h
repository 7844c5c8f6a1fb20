/*
 * model.h - the plain records every layer passes around. No functions here.
 *
 * Strings are UTF-8, owned by whatever arena built the record. Dates are ints
 * (days since 1970-01-01, see lib/timeutil.h) with DATE_NONE for "not given";
 * timestamps are UTC ISO text. Money is integer fen (1 yuan = 100 fen).
 * An Id of 0 means "not stored yet".
 */
#ifndef SHISHI_MODEL_H
#define SHISHI_MODEL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t Id;

#define DATE_NONE INT_MIN

enum Role {
    ROLE_PUBLIC = 0, /* not logged in */
    ROLE_ADMIN,      /* coordinator (区妇儿办) */
    ROLE_REPORTER,   /* clerk of one responsible unit */
    ROLE_VIEWER,     /* leader: reads everything, changes nothing */
    ROLE__MAX
};

enum UnitRole {
    UNIT_LEAD = 0,     /* 牵头单位 */
    UNIT_RESPONSIBLE,  /* 责任单位 */
    UNIT_ROLE__MAX
};

enum Comparator {
    CMP_GE = 0, /* ≥: 以上, 不少于, 达到 (the default) */
    CMP_LE,     /* ≤: 以内, 不超过, 控制在 */
    CMP_EQ,     /* exactly */
    CMP__MAX
};

enum Cadence { CADENCE_QUARTERLY = 0, CADENCE_MONTHLY, CADENCE__MAX };

/* How laggards are coloured (see core/warning.h). */
enum WarningScheme {
    WARNING_STATUS = 0, /* 已完成 / 序时推进 / 滞后 / 严重滞后 */
    WARNING_TRAFFIC,    /* 蓝 near the deadline / 黄 behind / 红 overdue or seriously behind */
    WARNING_SCHEME__MAX
};

enum RoundKind {
    ROUND_QUARTER = 0, /* generated from the programme's cadence */
    ROUND_EXTRA,       /* added by the coordinator (a monthly dispatch, say) */
    ROUND_KIND__MAX
};

enum ReportStatus {
    REPORT_NONE = 0,   /* no report exists (未报) */
    REPORT_DRAFT,      /* 草稿 */
    REPORT_SUBMITTED,  /* 已报 */
    REPORT_RETURNED,   /* 退回 */
    REPORT_ACCEPTED,   /* 已采纳 */
    REPORT_STATUS__MAX
};

/* A unit's own judgement, for projects tracked without indicators. */
enum SelfStatus {
    SELF_NONE = 0,
    SELF_NOT_STARTED, /* 未启动 */
    SELF_IN_PROGRESS, /* 推进中 */
    SELF_DONE,        /* 已完成 */
    SELF_STATUS__MAX
};

enum AttachKind {
    ATTACH_PLAN = 0,  /* 实施方案 of a project unit */
    ATTACH_EVIDENCE,  /* evidence of a report */
    ATTACH_LEDGER,    /* evidence of a ledger entry */
    ATTACH_KIND__MAX
};

/* How a unit was chased for a round. Escalation, in order: each level is
 * the next one after the previous. */
enum ReminderLevel {
    REMINDER_REMIND = 0,   /* 提醒 */
    REMINDER_URGE,         /* 催办 */
    REMINDER_SUPERVISE,    /* 督办 */
    REMINDER_LEVEL__MAX
};

enum ReminderChannel {
    REMINDER_LIST = 0,     /* on the printed list, handed over or read out */
    REMINDER_PHONE,        /* by telephone */
    REMINDER_EMAIL,        /* by e-mail through the configured SMTP server */
    REMINDER_NOTICE,       /* by a written notice (书面通知) */
    REMINDER_CHANNEL__MAX
};

typedef struct Office {
    Id id;
    char *name;   /* 区妇儿办 */
    char *phone;  /* public contact */
    char *email;
} Office;

typedef struct Unit {
    Id id;
    Id office_id;
    char *name;   /* 区教体局: unique within the office */
    char *email;  /* where reminders go; NULL if unknown */
} Unit;

/* A unit's part in one project. */
typedef struct ProjectUnit {
    Id id;
    Id unit_id;
    char *unit_name;
    enum UnitRole role;
    char *department; /* 责任科室, NULL until the unit names it */
    char *person;     /* 责任人 */
    char *phone;
} ProjectUnit;

/* A quantitative target of a project. */
typedef struct Indicator {
    Id id;
    char *name;          /* 新建幼儿园 */
    double target;       /* 3 */
    char *measure;       /* 所; "%" for a rate */
    enum Comparator cmp;
    Id owner_unit_id;    /* 0: the project's lead unit */
    char *owner_name;    /* NULL: the lead unit */
} Indicator;

/* A per-person amount the project pays: a parameter, not a target. */
typedef struct Standard {
    Id id;
    char *name;          /* 机构集中训练康复训练补助 */
    int64_t amount_fen;  /* 15000 yuan = 1500000 fen */
    char *measure;       /* 元/人 */
} Standard;

typedef struct Project {
    Id id;
    int no;              /* 1 for 一、 */
    char *title;         /* as in the notice body */
    char *report_title;  /* as in the attachment table (实事名称) */
    char *text;          /* the item's text after its title */
    int deadline;        /* 完成时限 */
    ProjectUnit *units;  /* lead first, then in the notice's order */
    size_t n_units;
    Indicator *indicators;
    size_t n_indicators;
    Standard *standards;
    size_t n_standards;
} Project;

typedef struct Programme {
    Id id;
    Id office_id;
    char *title;              /* 2022年为全区妇女儿童办实事 */
    int year;
    char *issuer;             /* 临淄区人民政府办公室 */
    int issued;               /* issue date of the notice */
    char *coordinator;        /* 区妇儿办: the office's name */
    char *phone;              /* contact in the notice */
    char *email;
    enum Cadence reporting;
    char *report_form_title;  /* 2022年为区妇女儿童办实事工作进展情况报表 */
    bool is_public;           /* 此件公开发布 */
    int start;                /* 1 January of year unless set */
    int deadline;             /* 31 December of year unless set */
    double lag_threshold;     /* 滞后 while e - c <= this (0.2) */
    enum WarningScheme warning_scheme;
    int near_deadline_days;   /* 蓝: this close to a project's deadline and not done */
    Project *projects;        /* in the notice's order */
    size_t n_projects;
} Programme;

/* One line of `program list`. */
typedef struct ProgrammeSummary {
    Id id;
    char *title;
    int year;
    char *issuer;
    int issued;
    int n_projects;
    int n_units;
    int n_indicators;
} ProgrammeSummary;

typedef struct Round {
    Id id;
    Id programme_id;
    char *name;          /* 2022年第三季度 */
    enum RoundKind kind;
    int period_start;
    int period_end;
    int due;             /* period_end + 5 unless moved */
    bool closed;
} Round;

typedef struct ReportValue {
    Id indicator_id;
    double actual;       /* cumulative since the programme's start */
    bool has_actual;
} ReportValue;

typedef struct Report {
    Id id;
    Id round_id;
    Id project_id;
    Id unit_id;
    enum ReportStatus status;
    char *measures;        /* 本季度具体措施及任务进度情况 */
    char *problems;        /* 存在问题 */
    char *next_steps;      /* 下步打算 */
    int expected_completion;
    enum SelfStatus self_status;
    char *return_reason;   /* set while returned */
    char *first_submitted_at; /* first submission, UTC ISO: decides 逾期; NULL if never */
    char *submitted_at;    /* last submission, UTC ISO; NULL if never */
    char *reviewed_at;
    Id reviewed_by;
    int version;           /* 1 for the first save, +1 at every change of state or content */
    char *updated_at;
    ReportValue *values;
    size_t n_values;
} Report;

typedef struct LedgerEntry {
    Id id;
    Id project_id;
    Id unit_id;
    int date;
    char *content;       /* what was done */
    char *place;
    double quantity;
    bool has_quantity;
    Id indicator_id;     /* 0: the quantity counts toward no indicator */
    int64_t funds_fen;
    Id created_by;
    char *created_at;
} LedgerEntry;

typedef struct Attachment {
    Id id;
    char *sha256;        /* hex; the file's name in the store */
    int64_t size;
    char *mime;
    char *filename;      /* as uploaded, for Content-Disposition */
    enum AttachKind kind;
    Id project_id;
    Id unit_id;
    Id report_id;        /* 0 unless evidence of a report */
    Id ledger_id;        /* 0 unless evidence of a ledger entry */
    Id uploaded_by;
    char *uploaded_at;
} Attachment;

typedef struct User {
    Id id;
    char *login;
    char *display_name;
    enum Role role;
    Id unit_id;          /* reporters only */
    char *unit_name;
    bool must_change_password;
    bool disabled;
    char *created_at;
} User;

/* Who is acting: recorded in the audit trail and checked by core's rules. */
typedef struct Actor {
    Id user_id;           /* 0 for the command line or the system */
    const char *login;    /* "cli:root" for commands run by hand */
    enum Role role;
    Id unit_id;           /* a reporter's unit */
    const char *address;  /* client address, or "local" */
} Actor;

#endif

/* vocab.c - stored names and Chinese labels of the domain's enums. See vocab.h. */
#include "core/vocab.h"

#include <string.h>

static const char *const ROLE_NAMES[ROLE__MAX] = {"public", "admin", "reporter", "viewer"};
static const char *const ROLE_LABELS[ROLE__MAX] = {"公众", "协调办公室", "责任单位", "领导"};
static const char *const UNIT_ROLE_NAMES[UNIT_ROLE__MAX] = {"lead", "responsible"};
static const char *const UNIT_ROLE_LABELS[UNIT_ROLE__MAX] = {"牵头", "责任"};
static const char *const CMP_NAMES[CMP__MAX] = {">=", "<=", "="};
static const char *const CMP_LABELS[CMP__MAX] = {"≥", "≤", "="};
static const char *const CADENCE_NAMES[CADENCE__MAX] = {"quarterly", "monthly"};
static const char *const WARNING_NAMES[WARNING_SCHEME__MAX] = {"status", "traffic"};
static const char *const ROUND_KIND_NAMES[ROUND_KIND__MAX] = {"quarter", "extra"};
static const char *const REPORT_NAMES[REPORT_STATUS__MAX] = {"", "draft", "submitted", "returned",
                                                             "accepted"};
static const char *const REPORT_LABELS[REPORT_STATUS__MAX] = {"未报", "草稿", "已报", "退回",
                                                              "已采纳"};
static const char *const SELF_NAMES[SELF_STATUS__MAX] = {"", "not_started", "in_progress", "done"};
static const char *const SELF_LABELS[SELF_STATUS__MAX] = {"", "未启动", "推进中", "已完成"};
static const char *const ATTACH_NAMES[ATTACH_KIND__MAX] = {"plan", "evidence", "ledger"};
/* As the CHECK constraints of table reminder (002_reporting.sql) name them. */
static const char *const LEVEL_NAMES[REMINDER_LEVEL__MAX] = {"remind", "urge", "supervise"};
static const char *const LEVEL_LABELS[REMINDER_LEVEL__MAX] = {"提醒", "催办", "督办"};
static const char *const CHANNEL_NAMES[REMINDER_CHANNEL__MAX] = {"list", "phone", "email",
                                                                 "notice"};
static const char *const CHANNEL_LABELS[REMINDER_CHANNEL__MAX] = {"书面名单", "电话", "电子邮件",
                                                                  "书面通知"};

static const char *name_of(const char *const *names, unsigned n, unsigned v)
{
    return v < n ? names[v] : "";
}

/* Index of s in names (skipping empty names), or -1. */
static int index_of(const char *const *names, unsigned n, const char *s)
{
    if (!s || !*s) return -1;
    for (unsigned i = 0; i < n; i++)
        if (names[i][0] && strcmp(names[i], s) == 0) return (int)i;
    return -1;
}

#define VOCAB(fn, type, names, max)                                     \
    const char *fn##_name(type v) { return name_of(names, max, (unsigned)v); } \
    bool fn##_parse(const char *s, type *out)                           \
    {                                                                   \
        int i = index_of(names, max, s);                                \
        if (i < 0) return false;                                        \
        *out = (type)i;                                                 \
        return true;                                                    \
    }

VOCAB(role, enum Role, ROLE_NAMES, ROLE__MAX)
VOCAB(unit_role, enum UnitRole, UNIT_ROLE_NAMES, UNIT_ROLE__MAX)
VOCAB(comparator, enum Comparator, CMP_NAMES, CMP__MAX)
VOCAB(cadence, enum Cadence, CADENCE_NAMES, CADENCE__MAX)
VOCAB(warning_scheme, enum WarningScheme, WARNING_NAMES, WARNING_SCHEME__MAX)
VOCAB(round_kind, enum RoundKind, ROUND_KIND_NAMES, ROUND_KIND__MAX)
VOCAB(report_status, enum ReportStatus, REPORT_NAMES, REPORT_STATUS__MAX)
VOCAB(self_status, enum SelfStatus, SELF_NAMES, SELF_STATUS__MAX)
VOCAB(attach_kind, enum AttachKind, ATTACH_NAMES, ATTACH_KIND__MAX)
VOCAB(reminder_level, enum ReminderLevel, LEVEL_NAMES, REMINDER_LEVEL__MAX)
VOCAB(reminder_channel, enum ReminderChannel, CHANNEL_NAMES, REMINDER_CHANNEL__MAX)

const char *role_label(enum Role r) { return name_of(ROLE_LABELS, ROLE__MAX, (unsigned)r); }
const char *unit_role_label(enum UnitRole r)
{
    return name_of(UNIT_ROLE_LABELS, UNIT_ROLE__MAX, (unsigned)r);
}
const char *comparator_label(enum Comparator c) { return name_of(CMP_LABELS, CMP__MAX, (unsigned)c); }
const char *report_status_label(enum ReportStatus s)
{
    return name_of(REPORT_LABELS, REPORT_STATUS__MAX, (unsigned)s);
}
const char *self_status_label(enum SelfStatus s)
{
    return name_of(SELF_LABELS, SELF_STATUS__MAX, (unsigned)s);
}
const char *reminder_level_label(enum ReminderLevel l)
{
    return name_of(LEVEL_LABELS, REMINDER_LEVEL__MAX, (unsigned)l);
}
const char *reminder_channel_label(enum ReminderChannel c)
{
    return name_of(CHANNEL_LABELS, REMINDER_CHANNEL__MAX, (unsigned)c);
}

/*
 * vocab.h - the domain's enums as stored text (for the database and JSON)
 * and as Chinese labels (for people). One table per enum, so the spellings
 * live in one place.
 */
#ifndef SHISHI_VOCAB_H
#define SHISHI_VOCAB_H

#include <stdbool.h>

#include "core/model.h"

/* Stored names ("admin", "lead", ">=", "draft" ...); "" for out-of-range values. */
const char *role_name(enum Role r);
const char *unit_role_name(enum UnitRole r);
const char *comparator_name(enum Comparator c);
const char *cadence_name(enum Cadence c);
const char *warning_scheme_name(enum WarningScheme w);
const char *round_kind_name(enum RoundKind k);
const char *report_status_name(enum ReportStatus s);
const char *self_status_name(enum SelfStatus s);   /* "" for SELF_NONE */
const char *attach_kind_name(enum AttachKind k);
const char *reminder_level_name(enum ReminderLevel l);     /* "remind", "urge", "supervise" */
const char *reminder_channel_name(enum ReminderChannel c); /* "list", "phone", "email", "notice" */

/* Parsing stored names; false for an unknown name (out unchanged). */
bool role_parse(const char *s, enum Role *out);
bool unit_role_parse(const char *s, enum UnitRole *out);
bool comparator_parse(const char *s, enum Comparator *out);
bool cadence_parse(const char *s, enum Cadence *out);
bool warning_scheme_parse(const char *s, enum WarningScheme *out);
bool round_kind_parse(const char *s, enum RoundKind *out);
bool report_status_parse(const char *s, enum ReportStatus *out);
bool self_status_parse(const char *s, enum SelfStatus *out);
bool attach_kind_parse(const char *s, enum AttachKind *out);
bool reminder_level_parse(const char *s, enum ReminderLevel *out);
bool reminder_channel_parse(const char *s, enum ReminderChannel *out);

/* Chinese labels. */
const char *role_label(enum Role r);               /* 协调办公室, 责任单位, 领导 */
const char *unit_role_label(enum UnitRole r);      /* 牵头, 责任 */
const char *comparator_label(enum Comparator c);   /* ≥ ≤ = */
const char *report_status_label(enum ReportStatus s);
const char *self_status_label(enum SelfStatus s);
const char *reminder_level_label(enum ReminderLevel l);     /* 提醒 催办 督办 */
const char *reminder_channel_label(enum ReminderChannel c); /* 书面名单 电话 电子邮件 书面通知 */

#endif

/* warning.c - the traffic-light scheme. See warning.h. */
#include "core/warning.h"

enum Warning warning_of(enum Status status, int period_end, int deadline, int near_days)
{
    if (status == STATUS_DONE) return WARN_DONE;
    if (status == STATUS_SERIOUS || period_end > deadline) return WARN_RED;
    if (status == STATUS_BEHIND) return WARN_YELLOW;
    if (deadline - period_end <= near_days) return WARN_BLUE;
    return WARN_NORMAL;
}

const char *warning_label(enum Warning w)
{
    static const char *const labels[WARN__MAX] = {"已完成", "正常", "蓝色预警", "黄色预警", "红色预警"};
    return (unsigned)w < WARN__MAX ? labels[w] : "";
}

const char *warning_class(enum Warning w)
{
    static const char *const names[WARN__MAX] = {"st-done", "st-ok", "wa-blue", "st-behind", "st-serious"};
    return (unsigned)w < WARN__MAX ? names[w] : "";
}

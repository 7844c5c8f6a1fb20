/*
 * jsondiff.h - compares two JSON values field by field and names every
 * difference by its path, for tests whose failure message must say what
 * differs ("projects[2].indicators[1].target: 10 != 12").
 */
#ifndef SHISHI_JSONDIFF_H
#define SHISHI_JSONDIFF_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

static inline void jsondiff_value(Buf *out, const char *path, const json_t *got, const json_t *want);

static inline char *jsondiff_show(const json_t *v)
{
    if (!v) return strdup("(missing)");
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    return s ? s : strdup("?");
}

static inline void jsondiff_note(Buf *out, const char *path, const json_t *got, const json_t *want)
{
    char *g = jsondiff_show(got), *w = jsondiff_show(want);
    buf_printf(out, "  %s: got %s, want %s\n", path[0] ? path : "(top)", g, w);
    free(g);
    free(w);
}

static inline void jsondiff_value(Buf *out, const char *path, const json_t *got, const json_t *want)
{
    char sub[512];
    if (!got || !want) {
        jsondiff_note(out, path, got, want);
        return;
    }
    if (json_is_object(got) && json_is_object(want)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)want, k, v)
        {
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", k);
            jsondiff_value(out, sub, json_object_get(got, k), v);
        }
        json_object_foreach((json_t *)got, k, v)
        {
            if (json_object_get(want, k)) continue;
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", k);
            jsondiff_note(out, sub, v, NULL);
        }
        return;
    }
    if (json_is_array(got) && json_is_array(want)) {
        size_t n = json_array_size(got) > json_array_size(want) ? json_array_size(got)
                                                                : json_array_size(want);
        for (size_t i = 0; i < n; i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            jsondiff_value(out, sub, json_array_get(got, i), json_array_get(want, i));
        }
        return;
    }
    if (json_is_number(got) && json_is_number(want)) {
        if (json_number_value(got) != json_number_value(want) ||
            json_typeof(got) != json_typeof(want))
            jsondiff_note(out, path, got, want);
        return;
    }
    if (!json_equal((json_t *)got, (json_t *)want)) jsondiff_note(out, path, got, want);
}

/* Heap string listing every difference ("" when equal); caller frees. */
static inline char *jsondiff(const json_t *got, const json_t *want)
{
    Buf b = BUF_INIT(NULL);
    jsondiff_value(&b, "", got, want);
    return buf_detach(&b, NULL);
}

#endif

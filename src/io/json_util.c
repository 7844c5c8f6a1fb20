/* json_util.c - jansson conveniences. See json_util.h. */
#include "io/json_util.h"

#include <stdlib.h>

char *json_take_text(Arena *a, json_t *j)
{
    if (!j) return NULL;
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    char *out = arena_strdup(a, s ? s : "null");
    free(s);
    return out;
}

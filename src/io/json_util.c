/* json_util.c - jansson conveniences. See json_util.h. */
#include "io/json_util.h"

#include <stdlib.h>

char *json_take_dump(Arena *a, json_t *j, size_t flags)
{
    if (!j) return NULL;
    char *s = json_dumps(j, flags | JSON_PRESERVE_ORDER);
    json_decref(j);
    char *out = arena_strdup(a, s);
    free(s);
    return out;
}

char *json_take_text(Arena *a, json_t *j)
{
    if (!j) return NULL;
    char *s = json_take_dump(a, j, JSON_COMPACT);
    return s ? s : arena_strdup(a, "null");
}

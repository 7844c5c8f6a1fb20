/* fragment.c - shared cache of rendered page bodies. See fragment.h. */
#include "web/fragment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"

#define FRAGMENTS 128
#define KEY_MAX 96

typedef struct Fragment {
    char key[KEY_MAX];
    uint64_t generation;
    char *data;         /* heap; owned here */
    size_t len;
    uint64_t used;      /* last use, for eviction */
} Fragment;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Fragment frags[FRAGMENTS];
static uint64_t clock_tick;

/* A copy (in the arena) of what is stored under key for this generation;
 * false when there is none. */
static bool fragment_lookup(Arena *a, const char *key, uint64_t generation, char **data, size_t *len)
{
    bool hit = false;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < FRAGMENTS; i++) {
        Fragment *f = &frags[i];
        if (f->data && f->generation == generation && strcmp(f->key, key) == 0) {
            /* copied under the lock: a writer may replace it right after */
            *data = arena_strndup(a, f->data, f->len);
            *len = f->len;
            f->used = ++clock_tick;
            hit = true;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return hit;
}

/* Stores a copy of data under key for this generation. */
static void fragment_store(const char *key, uint64_t generation, const char *data, size_t len)
{
    if (strlen(key) >= KEY_MAX) return;
    char *copy = malloc(len ? len : 1);
    if (!copy) return; /* a cache may forget */
    memcpy(copy, data, len);
    pthread_mutex_lock(&lock);
    Fragment *slot = NULL;
    for (size_t i = 0; i < FRAGMENTS && !slot; i++)
        if (frags[i].data && strcmp(frags[i].key, key) == 0) slot = &frags[i];
    for (size_t i = 0; i < FRAGMENTS && !slot; i++)
        if (!frags[i].data) slot = &frags[i];
    if (!slot) {
        slot = &frags[0];
        for (size_t i = 1; i < FRAGMENTS; i++)
            if (frags[i].used < slot->used) slot = &frags[i];
    }
    free(slot->data);
    memcpy(slot->key, key, strlen(key) + 1);
    slot->generation = generation;
    slot->data = copy;
    slot->len = len;
    slot->used = ++clock_tick;
    pthread_mutex_unlock(&lock);
}

/* Kept as "title NUL body". */
bool fragment_page(Request *r, const char *key, uint64_t generation)
{
    char *kept;
    size_t len;
    if (!fragment_lookup(r->a, key, generation, &kept, &len)) return false;
    size_t tlen = strlen(kept);
    page_begin(r, kept);
    buf_append(&r->body, kept + tlen + 1, len - tlen - 1);
    page_end(r);
    return true;
}

void fragment_keep_page(Request *r, const char *key, uint64_t generation, const char *title,
                        size_t body_start)
{
    if (r->status != 200 || body_start > r->body.len) return;
    Buf blob = BUF_INIT(r->a);
    buf_append(&blob, title, strlen(title) + 1);
    buf_append(&blob, r->body.data + body_start, r->body.len - body_start);
    fragment_store(key, generation, blob.data, blob.len);
}

/* fragment.c - shared cache of rendered page bodies. See fragment.h. */
#include "web/fragment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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

bool fragment_lookup(Arena *a, const char *key, uint64_t generation, char **data, size_t *len)
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

void fragment_store(const char *key, uint64_t generation, const char *data, size_t len)
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

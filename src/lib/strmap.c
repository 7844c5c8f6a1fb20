/* strmap.c - string hash map in an arena. See strmap.h. */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

/* FNV-1a */
static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

static StrMapSlot *find(const StrMapSlot *slots, size_t cap, const char *key)
{
    size_t mask = cap - 1, i = hash(key) & mask;
    while (slots[i].key && strcmp(slots[i].key, key) != 0) i = (i + 1) & mask;
    return (StrMapSlot *)&slots[i];
}

void *strmap_get(const StrMap *m, const char *key)
{
    if (!m->cap) return NULL;
    return find(m->slots, m->cap, key)->val;
}

void *strmap_put(StrMap *m, const char *key, void *val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        StrMapSlot *slots = ARENA_ARRAY(m->a, StrMapSlot, cap);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key) *find(slots, cap, m->slots[i].key) = m->slots[i];
        m->slots = slots;
        m->cap = cap;
    }
    StrMapSlot *s = find(m->slots, m->cap, key);
    if (s->key) return s->val;
    *s = (StrMapSlot){arena_strdup(m->a, key), val};
    m->n++;
    return val;
}

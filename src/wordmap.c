/* wordmap.c - open addressing, linear probing, power-of-two capacity, load under 1/2. */
#include "wordmap.h"

#include <string.h>

typedef struct slot {
    char *key; /* NULL when empty */
    guint32 len, hash;
    gpointer value;
} slot;

#define FILTER_BITS 32768 /* 4 kB: the filter stays in the L1 cache */

struct chron_wordmap {
    slot *slots;
    guint32 mask, count;
    GDestroyNotify value_free;
    guint8 filter[FILTER_BITS / 8]; /* bit filter_hash(key) set for every key: most words
                                     * looked up are absent and stop here, unhashed */
};

/* A cheap hash of a word's length, first two and last bytes. */
static guint32 filter_hash(const char *s, gsize n)
{
    guint32 a = (guchar)s[0], b = n > 1 ? (guchar)s[1] : 0, z = (guchar)s[n - 1];
    return ((guint32)n * 0x9E3779B1u ^ a * 0x85EBCA77u ^ b * 0xC2B2AE3Du ^ z * 0x27D4EB2Fu) >>
           (32 - 15);
}

static guint32 fnv1a(const char *s, gsize n)
{
    guint32 h = 2166136261u;
    for (gsize i = 0; i < n; i++)
        h = (h ^ (guchar)s[i]) * 16777619u;
    return h;
}

chron_wordmap *chron_wordmap_new(GDestroyNotify value_free)
{
    chron_wordmap *m = g_new0(chron_wordmap, 1);
    m->mask = 63;
    m->slots = g_new0(slot, m->mask + 1);
    m->value_free = value_free;
    return m;
}

void chron_wordmap_free(chron_wordmap *m)
{
    if (!m)
        return;
    for (guint32 i = 0; i <= m->mask; i++) {
        if (!m->slots[i].key)
            continue;
        g_free(m->slots[i].key);
        if (m->value_free)
            m->value_free(m->slots[i].value);
    }
    g_free(m->slots);
    g_free(m);
}

static slot *find(const chron_wordmap *m, const char *key, gsize len, guint32 hash)
{
    for (guint32 i = hash & m->mask;; i = (i + 1) & m->mask) {
        slot *s = &m->slots[i];
        if (!s->key || (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

static void grow(chron_wordmap *m)
{
    slot *old = m->slots;
    guint32 old_size = m->mask + 1;
    m->mask = old_size * 2 - 1;
    m->slots = g_new0(slot, m->mask + 1);
    for (guint32 i = 0; i < old_size; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    g_free(old);
}

void chron_wordmap_insert(chron_wordmap *m, const char *key, gsize len, gpointer value)
{
    guint32 hash = fnv1a(key, len);
    slot *s = find(m, key, len, hash);
    if (s->key) {
        if (m->value_free && s->value != value)
            m->value_free(s->value);
        s->value = value;
        return;
    }
    if (len)
        m->filter[filter_hash(key, len) / 8] |= (guint8)(1u << (filter_hash(key, len) % 8));
    s->key = g_strndup(key, len);
    s->len = (guint32)len;
    s->hash = hash;
    s->value = value;
    if (++m->count * 2 > m->mask)
        grow(m);
}

void chron_wordmap_foreach(const chron_wordmap *m, chron_wordmap_func func, gpointer data)
{
    for (guint32 i = 0; i <= m->mask; i++)
        if (m->slots[i].key)
            func(m->slots[i].key, m->slots[i].len, m->slots[i].value, data);
}

gpointer chron_wordmap_lookup(const chron_wordmap *m, const char *key, gsize len)
{
    if (len) {
        guint32 f = filter_hash(key, len);
        if (!(m->filter[f / 8] & (1u << (f % 8))))
            return NULL;
    }
    return find(m, key, len, fnv1a(key, len))->value;
}

/* wordmap.h - a small, fast map from short byte strings (words) to pointers.
 *
 * Open addressing with FNV-1a hashing over an explicit length, so a word can be looked up in
 * place in the text without copying or measuring it. Built once, then read-only and safe to
 * share between threads. Internal to libchronicle (the tagger's anchor index, tense words).
 *
 * Ownership: the map copies keys; values are borrowed unless a destroy function is given.
 */
#ifndef CHRON_WORDMAP_H
#define CHRON_WORDMAP_H

#include <glib.h>

typedef struct chron_wordmap chron_wordmap;

/* value_free (nullable) is called on each value when the map is freed. */
chron_wordmap *chron_wordmap_new(GDestroyNotify value_free);
void chron_wordmap_free(chron_wordmap *m);
/* Inserts or replaces. */
void chron_wordmap_insert(chron_wordmap *m, const char *key, gsize len, gpointer value);
/* NULL when absent. key need not be NUL-terminated. */
gpointer chron_wordmap_lookup(const chron_wordmap *m, const char *key, gsize len);

/* Calls func on every entry, in no particular order. func must not change the map. */
typedef void (*chron_wordmap_func)(const char *key, gsize len, gpointer value, gpointer data);
void chron_wordmap_foreach(const chron_wordmap *m, chron_wordmap_func func, gpointer data);

#endif

/* tense.c - tense markers by word look-up: one pass over a sentence, no regular expressions. */
#include "tense.h"

#include <string.h>

struct chron_tense_lexicon {
    GHashTable *past, *future, *phrases, *ed_exceptions, *ed_blockers; /* sets of words */
};

static GHashTable *word_set(GKeyFile *kf, const char *key)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gchar **list = g_key_file_get_string_list(kf, "tense", key, NULL, NULL);
    for (gchar **w = list; w && *w; w++) {
        char *k = g_ascii_strdown(g_strstrip(*w), -1);
        if (*k)
            g_hash_table_add(set, k);
        else
            g_free(k);
    }
    g_strfreev(list);
    return set;
}

chron_tense_lexicon *chron_tense_lexicon_new(const char *ini, GError **error)
{
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_list_separator(kf, ';');
    if (!g_key_file_load_from_data(kf, ini, strlen(ini), G_KEY_FILE_NONE, error)) {
        g_key_file_free(kf);
        return NULL;
    }
    chron_tense_lexicon *lex = g_new0(chron_tense_lexicon, 1);
    lex->past = word_set(kf, "past");
    lex->future = word_set(kf, "future");
    lex->phrases = word_set(kf, "future_phrases");
    lex->ed_exceptions = word_set(kf, "ed_exceptions");
    lex->ed_blockers = word_set(kf, "ed_blockers");
    g_key_file_free(kf);
    return lex;
}

void chron_tense_lexicon_free(chron_tense_lexicon *lex)
{
    if (!lex)
        return;
    g_hash_table_destroy(lex->past);
    g_hash_table_destroy(lex->future);
    g_hash_table_destroy(lex->phrases);
    g_hash_table_destroy(lex->ed_exceptions);
    g_hash_table_destroy(lex->ed_blockers);
    g_free(lex);
}

#define WORD_MAX 32

typedef struct marker {
    gsize start, end; /* bytes into the sentence */
} marker;

struct chron_tense_marks {
    GArray *past, *future; /* of marker, in text order */
};

static void push(chron_tense_marks *m, gsize s, gsize e, gboolean future)
{
    marker mk = {s, e};
    GArray *a = future ? m->future : m->past;
    /* Keep starts non-decreasing: a two-word phrase starts at the word before. */
    if (a->len && g_array_index(a, marker, a->len - 1).start > s)
        return;
    g_array_append_val(a, mk);
}

void chron_tense_marks_free(chron_tense_marks *m)
{
    if (!m)
        return;
    g_array_unref(m->past);
    g_array_unref(m->future);
    g_free(m);
}

chron_tense_marks *chron_tense_marks_new(const chron_tense_lexicon *lex, const char *sent,
                                         gsize len)
{
    chron_tense_marks *out = g_new0(chron_tense_marks, 1);
    out->past = g_array_new(FALSE, FALSE, sizeof(marker));
    out->future = g_array_new(FALSE, FALSE, sizeof(marker));
    if (!lex)
        return out;
    char word[WORD_MAX], prev[WORD_MAX] = "", pair[2 * WORD_MAX + 1];
    gsize prev_start = 0, i = 0;
    while (i < len) {
        if (!g_ascii_isalpha(sent[i])) {
            /* "'s", "'ll": the clitic is a word of its own */
            if (sent[i] == '\'' && i + 1 < len && g_ascii_isalpha(sent[i + 1]) &&
                (i + 2 >= len || !g_ascii_isalpha(sent[i + 2]) ||
                 (i + 3 <= len && g_ascii_strncasecmp(sent + i + 1, "ll", 2) == 0))) {
                /* fall through to read the clitic as a word */
            } else {
                i++;
                continue;
            }
        }
        gsize s = i, n = 0;
        if (sent[i] == '\'')
            word[n++] = sent[i++];
        while (i < len && (g_ascii_isalpha(sent[i]) ||
                           (sent[i] == '\'' && i + 1 < len && sent[i + 1] == 't'))) {
            if (n < WORD_MAX - 1)
                word[n++] = g_ascii_tolower(sent[i]);
            i++;
        }
        word[n] = '\0';
        const char *w = sent[s] == '\'' ? word + 1 : word; /* "'ll" looks up as "ll" */
        if (g_hash_table_contains(lex->future, w)) {
            push(out, s, i, TRUE);
        } else if (g_hash_table_contains(lex->past, w)) {
            push(out, s, i, FALSE);
        } else if (*prev) {
            g_snprintf(pair, sizeof pair, "%s %s", prev, word);
            if (g_hash_table_contains(lex->phrases, pair))
                push(out, prev_start, i, TRUE);
        }
        /* A past verb in -ed, unless a known exception or after an auxiliary. */
        if (n >= 4 && word[n - 2] == 'e' && word[n - 1] == 'd' &&
            !g_hash_table_contains(lex->ed_exceptions, word) &&
            !g_hash_table_contains(lex->ed_blockers, prev))
            push(out, s, i, FALSE);
        memcpy(prev, word, n + 1);
        prev_start = s;
    }
    return out;
}

/* Distance from [ms, me) to the nearest marker in a (text order), ignoring markers that
 * overlap the mention. G_MAXSIZE when there is none. */
static gsize nearest(const GArray *a, gsize ms, gsize me)
{
    guint lo = 0, hi = a->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(a, marker, mid).start < me)
            lo = mid + 1;
        else
            hi = mid;
    }
    gsize best = lo < a->len ? g_array_index(a, marker, lo).start - me : G_MAXSIZE;
    /* Before the mention: the closest end; markers overlapping the mention are skipped (at most
     * the few words of the mention itself). */
    for (guint i = lo; i-- > 0;) {
        const marker *mk = &g_array_index(a, marker, i);
        if (mk->end > ms)
            continue;
        if (ms - mk->end < best)
            best = ms - mk->end;
        break;
    }
    return best;
}

chron_tense chron_tense_at(const chron_tense_marks *m, gsize ms, gsize me)
{
    gsize best_past = nearest(m->past, ms, me);
    gsize best_future = nearest(m->future, ms, me);
    if (best_past == G_MAXSIZE && best_future == G_MAXSIZE)
        return CHRON_TENSE_PRESENT;
    return best_future <= best_past ? CHRON_TENSE_FUTURE : CHRON_TENSE_PAST;
}

/* timex.c - the tagger engine: runs every rule of the loaded languages, keeps the longest
 * non-overlapping matches, then resolves them against the reference date. Language-independent:
 * everything it knows about a language comes from src/rules/LANG/. */
#include "timex.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "error.h"
#include "isodate.h"
#include "resolve.h"
#include "rules.h"
#include "tense.h"
#include "text.h"
#include "wordmap.h"

/* scan_word() runs for every word of the text: the compiler left it out of line once its bitmap
 * test grew, at 1.5 % of the instructions of a run. */
#if defined(__GNUC__) || defined(__clang__)
#define ALWAYS_INLINE __attribute__((always_inline))
#else
#define ALWAYS_INLINE
#endif

/* One rule to try at a token, with what the scan needs of it at hand. */
typedef struct trigger {
    guint16 rs, rule;
    guint16 id;   /* the rule's index over all rulesets (match blocks, tried tokens) */
    guint16 back; /* the match may start this many tokens before the anchor */
    /* The rule itself, at hand: the scan tests thousands of triggers per MB. */
    const chron_ruleset *ruleset;
    const chron_rule *r;
    /* The rest of each anchor word of several tokens that this token begins, lower case
     * (" year's day" after "new", "1" after the "q" of "q1"): a match holds one of them there.
     * NULL when the token is a whole anchor word, or one of them goes on in CJK characters. */
    GPtrArray *rest;
    /* The rule's "prev", "follow" and "span" word lists, as columns of the tagger's near table
     * (NO_LIST: the rule has no such test; EMPTY_LIST: only digit runs pass it). */
    guint16 prev_list, follow_list, span_list;
    guint8 has_first;
    guint8 has_required;
    guint8 required[2]; /* a match holds one of them (chron_pattern_required_bytes) */
    guint16 behind;     /* characters looked at before a match (chron_pattern_behind) */
    guint8 first[32];   /* bit b: a match can start with byte b (chron_pattern_first_bytes), as
                         * bits in the trigger itself so that a list's tests share cache lines */
} trigger;

#define NO_LIST 0xFFFFu
#define EMPTY_LIST 0xFFFEu

struct chron_tagger {
    GPtrArray *rulesets; /* of chron_ruleset * */
    chron_wordmap
        *index;          /* token (lower-case word, "#digit", "'", CJK char) -> GArray of trigger */
    GArray *unanchored;  /* triggers of rules without anchors: run over the whole text */
    GPtrArray *rests;    /* owns the triggers' rest arrays */
    GArray *digits[10];  /* [n]: the triggers of a run of n digits (9: nine or more), that is
                          * those of "#digit" and of "#digitN"; NULL when none */
    guint nrules;        /* rules over all rulesets */
    guint32 shape[256];  /* bit n of shape[c]: some anchor starts with byte c, n bytes long */
    guint32 head2[1024]; /* bit n of head2[letter_pair(a, b)]: some anchor word of n letters
                          * starts with the letters a, b (b = 0 for one letter) */
    guint32 tail2[1024]; /* the same for the last two letters */
    gboolean exhaustive; /* run every rule over the whole text (the reference for tests) */
    chron_date_order order;
    chron_wordmap *around[8];  /* by around_table: the lexicon tables read around mentions, over
                                * all languages (the first to name a word wins); values borrowed */
    chron_wordmap *bound_last; /* the last words of the [bound] phrases */
    guint8 close_first[32];    /* bit c: some [close] word starts with byte c */
    /* The words of every rule's "prev", "follow" and "span" lists in one table: a word maps to
     * 1 + its row in near_bits, whose bit l says that list l holds it. A token next to an
     * anchor is looked up once for all the rules it anchors, in one map, where a map per list
     * cost a look-up per rule in maps mostly out of the cache. */
    chron_wordmap *near;
    guint64 *near_bits; /* near_width words a row */
    guint near_width;
};

/* The tables of words read around mentions (see src/rules/en/lexicon.ini). */
typedef enum {
    AROUND_RANGE,
    AROUND_JOIN,
    AROUND_OPEN,
    AROUND_CLOSE,
    AROUND_BOUND,
    AROUND_SHIFT,
    AROUND_LINK,
    AROUND_ZONE
} around_table;
static const char *const around_names[] = {"range", "join",  "open", "close",
                                           "bound", "shift", "link", "zone"};

struct chron_timex_list {
    GArray *items;         /* of chron_timex */
    GStringChunk *strings; /* the items' text */
};

/* Two ASCII letters (or 0 for none) as an index, whatever their case. */
static inline guint letter_pair(guchar a, guchar b)
{
    return (a & 31u) << 5 | (b & 31u);
}

static void add_trigger(chron_tagger *t, const char *token, guint rs, guint rule)
{
    char *key = g_utf8_strdown(token, -1);
    /* A table word of several words ("less than", "Mother's Day", "Sept.") is anchored at its
     * first token as the scan cuts it: a run of ASCII letters or digits, or one CJK character;
     * the scan checks the rest of it there (rest_follows()). */
    const guchar *k = (const guchar *)key;
    gsize cut = 0;
    if (g_ascii_isalpha(k[0]))
        while (g_ascii_isalpha(k[cut]))
            cut++;
    else if (g_ascii_isdigit(k[0]))
        while (g_ascii_isdigit(k[cut]))
            cut++;
    else if (k[0] >= 0x80)
        cut = (gsize)(g_utf8_next_char(key) - key);
    else
        cut = strcspn(key, " ");
    /* What follows the token in the anchor word (" year's day" after "new"), tested by the scan
     * before the rule is tried; none past a CJK character. */
    char *rest = cut > 0 && key[cut] && (guchar)key[cut] < 0x80 ? g_strdup(key + cut) : NULL;
    if (cut > 0)
        key[cut] = '\0';
    GArray *a = chron_wordmap_lookup(t->index, key, strlen(key));
    if (!a) {
        a = g_array_new(FALSE, FALSE, sizeof(trigger));
        chron_wordmap_insert(t->index, key, strlen(key), a);
    }
    gsize n = strlen(key);
    t->shape[(guchar)key[0]] |= n < 32 ? 1u << n : 0;
    if (g_ascii_isalpha(key[0]) && n < 32) {
        t->head2[letter_pair(k[0], n > 1 ? k[1] : 0)] |= 1u << n;
        t->tail2[letter_pair(n > 1 ? k[n - 2] : 0, k[n - 1])] |= 1u << n;
    }
    g_free(key);
    trigger *tr = NULL;
    for (guint i = 0; i < a->len && !tr; i++)
        if (g_array_index(a, trigger, i).rs == rs && g_array_index(a, trigger, i).rule == rule)
            tr = &g_array_index(a, trigger, i);
    if (!tr) {
        trigger fresh = {.rs = (guint16)rs, .rule = (guint16)rule};
        g_array_append_val(a, fresh);
        tr = &g_array_index(a, trigger, a->len - 1);
        if (rest) {
            tr->rest = g_ptr_array_new_with_free_func(g_free);
            g_ptr_array_add(t->rests, tr->rest);
        }
    } else if (!rest) {
        tr->rest = NULL; /* a whole anchor word: the token alone may start a match */
    }
    if (rest && tr->rest)
        g_ptr_array_add(tr->rest, rest);
    else
        g_free(rest);
}

/* What a trigger needs of its rule (id, back, first-byte table, required bytes...), worked out
 * once per rule: a rule has a trigger for every word of its anchor tables, thousands in all,
 * and packing the first-byte table for each of them was a twentieth of the start-up. */
static void rule_trigger(const chron_ruleset *rs, guint rs_index, guint r, guint id, trigger *tr)
{
    const chron_rule *rule = g_ptr_array_index(rs->rules, r);
    memset(tr, 0, sizeof *tr);
    tr->rs = (guint16)rs_index;
    tr->rule = (guint16)r;
    tr->id = (guint16)id;
    tr->back = (guint16)rule->back;
    tr->ruleset = rs;
    tr->r = rule;
    const guint8 *first = rule->re_anchored ? chron_pattern_first_bytes(rule->re) : NULL;
    tr->has_first = first != NULL;
    tr->behind = rule->re_anchored ? (guint16)MIN(chron_pattern_behind(rule->re_anchored), 255) : 1;
    for (int b = 0; first && b < 256; b++)
        tr->first[b / 8] |= (guint8)(first[b] << (b % 8));
    tr->has_required = rule->re_anchored &&
                       chron_pattern_required_bytes(rule->re, &tr->required[0], &tr->required[1]);
}

/* Fills in every trigger in a from the per-rule ones (by rule id; first_id: the id of each
 * ruleset's first rule). */
static void complete_triggers(const trigger *by_id, const guint *first_id, GArray *a)
{
    for (guint i = 0; a && i < a->len; i++) {
        trigger *tr = &g_array_index(a, trigger, i);
        GPtrArray *rest = tr->rest; /* the token's own, not the rule's */
        *tr = by_id[first_id[tr->rs] + tr->rule];
        tr->rest = rest;
    }
}

static void complete_entry(const char *key, gsize len, gpointer value, gpointer data)
{
    const gpointer *ctx = data;
    complete_triggers(ctx[0], ctx[1], value);
}

static void add_near_word(const char *key, gsize len, gpointer value, gpointer data)
{
    (void)value;
    g_ptr_array_add(data, g_strndup(key, len));
}

static gint cmp_string(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The column of the near table for the word list words (NULL: NO_LIST), a new one unless a list
 * of the same words has one (lists maps the words, sorted and joined, to 1 + the column;
 * columns holds each column's words). */
static guint near_list(GHashTable *lists, GPtrArray *columns, const chron_wordmap *words)
{
    if (!words)
        return NO_LIST;
    GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
    chron_wordmap_foreach(words, add_near_word, w);
    if (w->len == 0) {
        g_ptr_array_unref(w);
        return EMPTY_LIST;
    }
    g_ptr_array_sort(w, cmp_string);
    GString *key = g_string_new(NULL);
    for (guint i = 0; i < w->len; i++)
        g_string_append_printf(key, "%s\n", (const char *)g_ptr_array_index(w, i));
    guint id = GPOINTER_TO_UINT(g_hash_table_lookup(lists, key->str));
    if (id) {
        g_string_free(key, TRUE);
        g_ptr_array_unref(w);
        return id - 1;
    }
    g_ptr_array_add(columns, w);
    g_hash_table_insert(lists, g_string_free(key, FALSE), GUINT_TO_POINTER(columns->len));
    return columns->len - 1;
}

/* Gives each rule's trigger (by_id) the columns of its word lists and fills the near table.
 * FALSE, with error set, when there are more lists than columns can number. */
static gboolean build_near(chron_tagger *t, trigger *by_id, GError **error)
{
    GHashTable *lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *columns = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    for (guint id = 0; id < t->nrules; id++) {
        trigger *tr = &by_id[id];
        tr->prev_list = (guint16)near_list(lists, columns, tr->r->prev_words);
        tr->follow_list = (guint16)near_list(lists, columns, tr->r->follow_words);
        tr->span_list = (guint16)near_list(lists, columns, tr->r->span_words);
    }
    if (columns->len >= EMPTY_LIST) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "too many word lists (%u)",
                    columns->len);
        g_ptr_array_unref(columns);
        g_hash_table_unref(lists);
        return FALSE;
    }
    t->near_width = MAX((columns->len + 63) / 64, 1u);
    t->near = chron_wordmap_new(NULL);
    /* Row 0 is all zero: the row of every word no list holds. */
    GArray *bits = g_array_new(FALSE, TRUE, sizeof(guint64));
    g_array_set_size(bits, t->near_width);
    for (guint c = 0; c < columns->len; c++) {
        const GPtrArray *w = g_ptr_array_index(columns, c);
        for (guint i = 0; i < w->len; i++) {
            const char *word = g_ptr_array_index(w, i);
            gsize n = strlen(word);
            guint row = GPOINTER_TO_UINT(chron_wordmap_lookup(t->near, word, n));
            if (!row) {
                row = bits->len / t->near_width;
                g_array_set_size(bits, bits->len + t->near_width);
                chron_wordmap_insert(t->near, word, n, GUINT_TO_POINTER(row));
            }
            g_array_index(bits, guint64, row * t->near_width + c / 64) |= G_GUINT64_CONSTANT(1)
                                                                          << (c % 64);
        }
    }
    t->near_bits = (guint64 *)(void *)g_array_free(bits, FALSE);
    g_ptr_array_unref(columns);
    g_hash_table_unref(lists);
    return TRUE;
}

static gboolean build_index(chron_tagger *t, GError **error)
{
    guint *first_id = g_new0(guint, t->rulesets->len);
    for (guint i = 0; i < t->rulesets->len; i++) {
        const chron_ruleset *rs = g_ptr_array_index(t->rulesets, i);
        first_id[i] = t->nrules;
        t->nrules += rs->rules->len;
        for (guint r = 0; r < rs->rules->len; r++) {
            const chron_rule *rule = g_ptr_array_index(rs->rules, r);
            if (!rule->anchors) {
                trigger tr = {.rs = (guint16)i, .rule = (guint16)r};
                g_array_append_val(t->unanchored, tr);
                continue;
            }
            for (char **a = rule->anchors; *a; a++) {
                if (!**a)
                    continue;
                if (**a != '%') {
                    add_trigger(t, *a, i, r);
                    continue;
                }
                GPtrArray *words = g_hash_table_lookup(rs->words, *a + 1);
                if (!words) {
                    g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                                "rules/%s/rules.txt: rule %s: anchor %s names no table", rs->lang,
                                rule->name, *a);
                    g_free(first_id);
                    return FALSE;
                }
                for (guint w = 0; w < words->len; w++)
                    add_trigger(t, g_ptr_array_index(words, w), i, r);
            }
        }
    }
    if (t->nrules > G_MAXUINT16) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "too many rules (%u)", t->nrules);
        g_free(first_id);
        return FALSE;
    }
    trigger *by_id = g_new(trigger, t->nrules);
    for (guint i = 0; i < t->rulesets->len; i++) {
        const chron_ruleset *rs = g_ptr_array_index(t->rulesets, i);
        for (guint r = 0; r < rs->rules->len; r++)
            rule_trigger(rs, i, r, first_id[i] + r, &by_id[first_id[i] + r]);
    }
    if (!build_near(t, by_id, error)) {
        g_free(by_id);
        g_free(first_id);
        return FALSE;
    }
    gpointer ctx[2] = {by_id, first_id};
    chron_wordmap_foreach(t->index, complete_entry, ctx);
    complete_triggers(by_id, first_id, t->unanchored);
    g_free(by_id);
    g_free(first_id);
    /* A run of n digits fires the "#digit" triggers, then those of "#digitN". */
    GArray *any = chron_wordmap_lookup(t->index, "#digit", 6);
    for (guint n = 1; n <= 9; n++) {
        char key[8] = "#digitN";
        key[6] = (char)('0' + n);
        GArray *exact = chron_wordmap_lookup(t->index, key, 7);
        if (!any && !exact)
            continue;
        t->digits[n] = g_array_new(FALSE, FALSE, sizeof(trigger));
        if (any)
            g_array_append_vals(t->digits[n], any->data, any->len);
        if (exact)
            g_array_append_vals(t->digits[n], exact->data, exact->len);
    }
    return TRUE;
}

static void free_array(gpointer a)
{
    g_array_free(a, TRUE);
}

void chron_tagger_set_date_order(chron_tagger *tagger, chron_date_order order)
{
    tagger->order = order;
}

/* "~YYYY-AA-BB" from a numeric date: AA and BB in the order written. Rewrites raw in place to
 * YYYY-MM-DD and says whether the other reading was possible too. FALSE when neither reading
 * is a date. "~.YYYY-AA-BB", a date written with dots (06.07.2023), is read day first whatever
 * the order: that is how dotted dates are written. */
static gboolean settle_numeric(char *raw, chron_date_order order, gboolean *ambiguous)
{
    if (raw[1] == '.') {
        memmove(raw + 1, raw + 2, strlen(raw + 2) + 1);
        order = CHRON_ORDER_DMY;
    }
    int y = atoi(raw + 1), a = atoi(raw + 6), b = atoi(raw + 9);
    gboolean mdy = g_date_valid_dmy(b, a, y), dmy = g_date_valid_dmy(a, b, y);
    if (!mdy && !dmy)
        return FALSE;
    *ambiguous = mdy && dmy && a != b;
    gboolean day_first = dmy && (!mdy || order == CHRON_ORDER_DMY);
    /* A clock may follow the date ("~2026-24-11T14:05"): it stays as it is. */
    char tail[32] = "";
    if (strlen(raw) > 11)
        g_strlcpy(tail, raw + 11, sizeof tail);
    g_snprintf(raw, strlen(raw) + 1, "%04d-%02d-%02d%s", y, day_first ? b : a, day_first ? a : b,
               tail);
    return TRUE;
}

void chron_tagger_set_exhaustive(chron_tagger *tagger, gboolean exhaustive)
{
    tagger->exhaustive = exhaustive;
}

static void add_around(gpointer key, gpointer value, gpointer data)
{
    chron_wordmap *m = data;
    if (!chron_wordmap_lookup(m, key, strlen(key)))
        chron_wordmap_insert(m, key, strlen(key), value);
}

/* The quick tests before the around tables: the first bytes of [close] words, the last words of
 * [bound] phrases. */
static void add_close_first(const char *key, gsize len, gpointer value, gpointer data)
{
    (void)len;
    (void)value;
    guint8 *bits = data;
    bits[(guchar)key[0] / 8] |= (guint8)(1u << ((guchar)key[0] % 8));
}

static void add_bound_last(const char *key, gsize len, gpointer value, gpointer data)
{
    const char *sp = g_strrstr_len(key, (gssize)len, " ");
    const char *last = sp ? sp + 1 : key;
    chron_wordmap_insert(data, last, len - (gsize)(last - key), value);
}

chron_tagger *chron_tagger_new(const char *lang, GError **error)
{
    chron_tagger *t = g_new0(chron_tagger, 1);
    t->rulesets = g_ptr_array_new_with_free_func((GDestroyNotify)chron_ruleset_free);
    t->index = chron_wordmap_new(free_array);
    t->unanchored = g_array_new(FALSE, FALSE, sizeof(trigger));
    t->rests = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    gboolean all = !lang || strcmp(lang, "auto") == 0;
    char **langs = chron_rules_languages();
    for (char **l = langs; *l; l++) {
        if (!all && strcmp(lang, *l) != 0)
            continue;
        chron_ruleset *rs = chron_ruleset_load(*l, error);
        if (!rs) {
            g_strfreev(langs);
            chron_tagger_free(t);
            return NULL;
        }
        g_ptr_array_add(t->rulesets, rs);
    }
    g_strfreev(langs);
    if (t->rulesets->len == 0) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "no rules for language \"%s\"", lang);
        chron_tagger_free(t);
        return NULL;
    }
    if (!build_index(t, error)) {
        chron_tagger_free(t);
        return NULL;
    }
    for (guint k = 0; k < G_N_ELEMENTS(t->around); k++) {
        t->around[k] = chron_wordmap_new(NULL);
        for (guint i = 0; i < t->rulesets->len; i++)
            chron_ruleset_table_foreach(g_ptr_array_index(t->rulesets, i), around_names[k],
                                        add_around, t->around[k]);
    }
    chron_wordmap_foreach(t->around[AROUND_CLOSE], add_close_first, t->close_first);
    t->bound_last = chron_wordmap_new(NULL);
    chron_wordmap_foreach(t->around[AROUND_BOUND], add_bound_last, t->bound_last);
    return t;
}

void chron_tagger_free(chron_tagger *tagger)
{
    if (!tagger)
        return;
    g_ptr_array_free(tagger->rulesets, TRUE);
    chron_wordmap_free(tagger->index);
    for (guint k = 0; k < G_N_ELEMENTS(tagger->around); k++)
        chron_wordmap_free(tagger->around[k]);
    chron_wordmap_free(tagger->bound_last);
    chron_wordmap_free(tagger->near);
    g_free(tagger->near_bits);
    g_array_free(tagger->unanchored, TRUE);
    g_ptr_array_free(tagger->rests, TRUE);
    for (guint n = 0; n < G_N_ELEMENTS(tagger->digits); n++)
        if (tagger->digits[n])
            g_array_free(tagger->digits[n], TRUE);
    g_free(tagger);
}

typedef struct candidate {
    gsize start, end;
    gsize from;  /* where the whole match starts, context before the extent included */
    guint order; /* ruleset index * 10000 + rule index: earlier rules win ties */
    const chron_ruleset *rs;
    const chron_rule *rule;
    char *raw;
    char *mod;
    char *point;
} candidate;

static gint cmp_candidate(gconstpointer pa, gconstpointer pb)
{
    const candidate *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* longer first */
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    /* The same rule from two starts ("about 15 minutes" and "15 minutes"): the match that read
     * more context before the extent, as a search from the left finds it. */
    return a->from < b->from ? -1 : a->from > b->from;
}

/* Records the match m of rule as a candidate when its value template expands. */
static void add_candidate(const chron_ruleset *rs, guint rs_index, guint r, const chron_rule *rule,
                          const char *text, const chron_match *m, GArray *out)
{
    gsize s, e, ms, me;
    if (!chron_match_group(m, rule->extent_group, &s, &e) || e <= s ||
        !chron_match_group(m, 0, &ms, &me))
        return;
    char *raw = chron_rule_expand(rule, text, m, CHRON_TEMPLATE_VALUE);
    if (!raw)
        return;
    char *mod = chron_rule_expand(rule, text, m, CHRON_TEMPLATE_MOD);
    if (mod && !*mod)
        g_clear_pointer(&mod, g_free);
    char *point =
        rule->point_compiled ? chron_rule_expand(rule, text, m, CHRON_TEMPLATE_POINT) : NULL;
    candidate c = {s, e, ms, rs_index * 10000 + r, rs, rule, raw, mod, point};
    g_array_append_val(out, c);
}

/* Runs one rule over the whole text: its matches left to right, each search going on after the
 * last match, or, with every_start, from the character after the last match's start. The anchored
 * scan tries a rule at every token in reach of an anchor, so it finds a match inside a longer one
 * of the same rule ("this month" in "later this month"), which survives when the longer one loses
 * to a third ("a month later"); the exhaustive reference of that scan searches every start. */
static void collect_rule(const chron_ruleset *rs, guint rs_index, guint r, const char *text,
                         gsize len, gboolean every_start, GArray *out)
{
    const chron_rule *rule = g_ptr_array_index(rs->rules, r);
    chron_match *m = chron_match_new(rule->re);
    gsize off = 0, ms, me;
    while (off <= len && chron_pattern_exec(rule->re, text, len, off, m) &&
           chron_match_group(m, 0, &ms, &me)) {
        off = me > ms && !every_start ? me : ms + 1;
        while (off < len && (text[off] & 0xC0) == 0x80)
            off++;
        add_candidate(rs, rs_index, r, rule, text, m, out);
    }
    chron_match_free(m);
}

#define MAX_MENTION_BYTES 400
/* How far ahead a range of days told in the past may start and still be the coming one: the
 * resolver's tense tolerance of two months, in days (range_begun()). */
#define RANGE_AHEAD_DAYS 61
#define ANAPHOR_BYTES 600
/* How far back "a year earlier" looks for the quarter or half under discussion. */
#define PERIOD_BYTES 1500

#define RING 8 /* token starts remembered: more than CHRON_RULE_MAX_BACK, a power of two */
G_STATIC_ASSERT(RING > CHRON_RULE_MAX_BACK);

/* Where byte b next occurs: no b in [from, at), and text[at] is b (or at is the end). */
typedef struct next_byte {
    gsize from, at;
} next_byte;

/* Per-call scratch for the anchored scan. */
typedef struct scan {
    const chron_tagger *t;
    const char *text;
    gsize len;
    GArray *out;
    chron_match **blocks; /* by rule id: one match block per rule, made on first use */
    guint *tried;         /* by rule id: 1 + the last token the rule was tried at (anchors
                           * come in token order, so every token before it in reach was) */
    gsize starts[RING];   /* the most recent token starts, a ring */
    guint ntokens;
    next_byte next[256]; /* by byte value */
    next_byte high;      /* the next byte from 0x80 up: where ASCII ends */
    const guint8 *cls;   /* byte_classes(), fetched once */
} scan;

/* The offset of the first byte from 0x80 up in [from, to), or to. */
static gsize high_in(const char *s, gsize from, gsize to)
{
    const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
    gsize i = from;
    for (; i + 8 <= to; i += 8) {
        guint64 w;
        memcpy(&w, s + i, 8);
        if (w & high)
            break;
    }
    for (; i < to; i++)
        if ((guchar)s[i] >= 0x80)
            return i;
    return to;
}

/* The offset of the first byte b in [from, to), or to; b < 0 stands for any byte from 0x80 up
 * (where ASCII ends). */
static inline gsize search_in(const char *s, gsize from, gsize to, int b)
{
    if (b < 0)
        return high_in(s, from, to);
    const char *p = memchr(s + from, b, to - from);
    return p ? (gsize)(p - s) : to;
}

/* The offset of the first byte b (as for search_in()) at or after off, len when none, through
 * the cache nb. Offsets asked for go up but for the few tokens a rule reaches back, so each
 * byte of the text is searched about once. Inlined at its few callers, every attempt's, where b
 * is known (the search for a byte from 0x80 up drops out). */
static inline ALWAYS_INLINE gsize find_next(scan *sc, next_byte *nb, int b, gsize off)
{
    if (off < nb->from) {
        gsize p = search_in(sc->text, off, nb->from, b);
        if (p < nb->from)
            nb->at = p;
        nb->from = off;
    } else if (off > nb->at) {
        nb->at = search_in(sc->text, off, sc->len, b);
        nb->from = off;
    }
    return nb->at;
}

static gsize find_byte(scan *sc, guint8 b, gsize off)
{
    return find_next(sc, &sc->next[b], b, off);
}

static gsize find_high(scan *sc, gsize off)
{
    return find_next(sc, &sc->high, -1, off);
}

/* Whether tr's rule can start a match with byte c. */
static inline gboolean may_start(const trigger *tr, guchar c)
{
    return !tr->has_first || (tr->first[c / 8] >> (c % 8)) & 1;
}

/* The attempt of tr's rule at at, whose first byte may start a match. */
static void try_at(scan *sc, const trigger *tr, gsize at)
{
    /* No mention is this long. The bound also keeps PCRE2 from searching the rest of the text
     * for a required character before each anchored attempt. */
    gsize end = sc->len - at > MAX_MENTION_BYTES ? at + MAX_MENTION_BYTES : sc->len;
    /* Nor can a match lie where the byte it needs (the ':' of a clock time, the "月" of a
     * Chinese date) does not occur before the bound. */
    if (tr->has_required && find_byte(sc, tr->required[0], at) >= end &&
        (tr->required[1] == tr->required[0] || find_byte(sc, tr->required[1], at) >= end))
        return;
    const chron_ruleset *rs = tr->ruleset;
    const chron_rule *rule = tr->r;
    chron_match **m = &sc->blocks[tr->id];
    if (!*m)
        *m = chron_match_new(rule->re_anchored);
    /* All ASCII from what the match can look back at to the bound: the faster copy. */
    gsize from = at > tr->behind ? at - tr->behind : 0;
    gboolean ascii = find_high(sc, from) >= end;
    if (ascii ? chron_pattern_exec_ascii(rule->re_anchored, sc->text, end, at, *m)
              : chron_pattern_exec(rule->re_anchored, sc->text, end, at, *m))
        add_candidate(rs, tr->rs, tr->rule, rule, sc->text, *m, sc->out);
}

/* A token next to the one that anchors a run of triggers, read once for all the "prev" or
 * "follow" tests of the run (a unit word anchors a dozen rules that have one). */
typedef struct near_token {
    int kind;           /* 0: not read yet, else one of the NEAR_* */
    gsize n;            /* NEAR_WORD: the length of word; NEAR_DIGIT: of the digit run */
    const guint64 *row; /* NEAR_WORD: its row of the near table, looked up on first use (NULL
                         * until then); the empty row when no list holds it */
    char word[32];      /* NEAR_WORD: the token, lower case */
} near_token;

enum { NEAR_NONE = 1, NEAR_DIGIT, NEAR_WORD, NEAR_ANY };

/* Reads the token at s into *t. Caseless matching folds the long s and the Kelvin sign into the
 * words of a list ("laſt" is "last"), which the scan cuts there: a token of letters next to a
 * byte from 0x80 up passes every test (NEAR_ANY), as does one too long to copy. */
static inline ALWAYS_INLINE void near_token_read(const scan *sc, gsize s, near_token *t)
{
    const guchar *u = (const guchar *)sc->text;
    t->kind = NEAR_NONE;
    if (g_ascii_isdigit(u[s])) {
        gsize e = s + 1;
        while (e < sc->len && g_ascii_isdigit(u[e]))
            e++;
        t->kind = NEAR_DIGIT;
        t->n = e - s;
    } else if (g_ascii_isalpha(u[s])) {
        gsize e = chron_text_letters_end(sc->text, s, sc->len);
        if ((s > 0 && u[s - 1] >= 0x80) || (e < sc->len && u[e] >= 0x80) ||
            e - s >= sizeof t->word) {
            t->kind = NEAR_ANY;
        } else {
            for (gsize i = s; i < e; i++)
                t->word[i - s] = (char)(u[i] | 0x20);
            t->n = e - s;
            t->row = NULL;
            t->kind = NEAR_WORD;
        }
    }
}

/* Whether the token t passes a test of the words of list (a column of the near table) and, for
 * a digit run, of the lengths in digits (CHRON_DIGITS). */
static gboolean near_token_in(const scan *sc, near_token *t, guint digits, guint list)
{
    if (t->kind == NEAR_ANY)
        return TRUE;
    if (t->kind == NEAR_DIGIT)
        return (digits & CHRON_DIGITS(t->n)) != 0;
    if (t->kind != NEAR_WORD || list == EMPTY_LIST)
        return FALSE;
    if (!t->row) {
        const chron_tagger *tg = sc->t;
        guint r = GPOINTER_TO_UINT(chron_wordmap_lookup(tg->near, t->word, t->n));
        t->row = tg->near_bits + (gsize)r * tg->near_width; /* row 0: no list holds it */
    }
    return (t->row[list / 64] >> (list % 64)) & 1;
}

/* Whether the token before token k (read into *p on first use) passes rule's "prev" test. */
static gboolean prev_token_fits(const scan *sc, const trigger *tr, guint k, near_token *p)
{
    if (!p->kind && k == 0)
        p->kind = NEAR_NONE; /* no token before */
    else if (!p->kind)
        near_token_read(sc, sc->starts[(k - 1) & (RING - 1)], p);
    return near_token_in(sc, p, tr->r->prev_digit, tr->prev_list);
}

static inline gboolean is_space(guchar c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* \s in ASCII: VT too, unlike in C89 */
}

/* Whether a token of rule's "follow" list comes after e, where the anchor token ends, past white
 * space, up to two periods, commas, hyphens or slashes, or both (read into *f on first use). A byte
 * from 0x80 up passes where the token would start (a Unicode space). */
static gboolean follow_token_fits(const scan *sc, const trigger *tr, gsize e, near_token *f)
{
    if (!f->kind) {
        const guchar *u = (const guchar *)sc->text;
        gsize s = e;
        /* "Sept. 9", "June, 2019", "year-earlier", "2025/03": up to two of these may come
         * first. */
        for (int k = 0;
             k < 2 && s < sc->len && (u[s] == '.' || u[s] == ',' || u[s] == '-' || u[s] == '/');
             k++)
            s++;
        while (s < sc->len && is_space(u[s]))
            s++;
        if (s >= sc->len)
            f->kind = NEAR_NONE;
        else if (u[s] >= 0x80)
            f->kind = NEAR_ANY;
        else if (s == e)
            f->kind = NEAR_NONE;
        else
            near_token_read(sc, s, f);
    }
    return near_token_in(sc, f, tr->r->follow_digit, tr->follow_list);
}

/* Whether the token at s can lie between the start of a match of rule and its anchor (rule's
 * "span" test), read as the "prev" and "follow" tokens are: a token of letters next to a byte
 * from 0x80 up passes (near_token_read()). So do apostrophes and CJK characters (NEAR_NONE),
 * which no span lists. */
static gboolean span_token_fits(const scan *sc, const trigger *tr, gsize s)
{
    near_token t;
    near_token_read(sc, s, &t);
    return t.kind == NEAR_NONE || near_token_in(sc, &t, tr->r->span_digit, tr->span_list);
}

/* Whether the text from e, where a token ends, can go on with one of the rests of anchor words
 * in rest (see trigger): letters in either case, a space as any run of ASCII white space, other
 * bytes as they are. A table word's space is "\s+" in a pattern and its other characters are
 * literal, so where no rest follows, no match holds the word there. A byte from 0x80 up, in the
 * text or the word, passes: a Unicode space, or a letter that caseless matching folds to
 * another (the Kelvin sign to "k"). */

static gboolean rest_follows(const scan *sc, gsize e, const GPtrArray *rest)
{
    const guchar *u = (const guchar *)sc->text;
    for (guint i = 0; i < rest->len; i++) {
        const char *w = g_ptr_array_index(rest, i);
        gsize p = e;
        for (;;) {
            if (!*w)
                return TRUE;
            if (p >= sc->len)
                break;
            if (u[p] >= 0x80 || (guchar)*w >= 0x80)
                return TRUE;
            if (*w == ' ') {
                if (!is_space(u[p]))
                    break;
                while (*w == ' ')
                    w++;
                while (p < sc->len && is_space(u[p]))
                    p++;
                continue;
            }
            if (g_ascii_tolower(u[p]) != *w)
                break;
            p++;
            w++;
        }
    }
    return FALSE;
}

/* The token just recorded, ending at e, anchors the triggers in a: try each rule there and up
 * to its back tokens earlier, latest first. A rule is tried at most once per token: anchors close
 * together
 * ("two or three years") reach back over the same tokens, and an attempt at the same offset
 * gives the same match. */
static void run_triggers(scan *sc, const GArray *a, gsize e)
{
    guint k = sc->ntokens - 1; /* this token's index */
    near_token prev, follow;   /* read on first use: only kind is set */
    prev.kind = follow.kind = 0;
    for (guint i = 0; i < a->len; i++) {
        const trigger *tr = &g_array_index(a, trigger, i);
        /* The rule's "prev" test: a match anchored here needs a number-like token before it.
         * When it fails nothing is tried, and nothing is marked tried either. */
        if (tr->prev_list != NO_LIST && !prev_token_fits(sc, tr, k, &prev))
            continue;
        /* Nor when the token begins anchor words of several tokens only and none follows. */
        if (tr->rest && !rest_follows(sc, e, tr->rest))
            continue;
        /* Nor when the token after it fails the rule's "follow" test. */
        if (tr->follow_list != NO_LIST && !follow_token_fits(sc, tr, e, &follow))
            continue;
        /* Nor when the byte after the token fails the rule's "next" test. */
        if (tr->r->has_next &&
            (e >= sc->len ||
             !((tr->r->next[(guchar)sc->text[e] / 8] >> ((guchar)sc->text[e] % 8)) & 1)))
            continue;
        /* Nor when white space and a digit follow it, where the rule says none may. */
        if (tr->r->nofollow_digit && e < sc->len && is_space((guchar)sc->text[e])) {
            gsize p = e;
            while (p < sc->len && is_space((guchar)sc->text[p]))
                p++;
            if (p < sc->len && g_ascii_isdigit(sc->text[p]))
                continue;
        }
        /* Nor when the byte before it fails the rule's "before" test. */
        if (tr->r->has_before) {
            gsize s = sc->starts[k & (RING - 1)];
            if (s == 0 ||
                !((tr->r->before[(guchar)sc->text[s - 1] / 8] >> ((guchar)sc->text[s - 1] % 8)) &
                  1))
                continue;
        }
        guint lo = k >= tr->back ? k - tr->back : 0;
        if (lo < sc->tried[tr->id])
            lo = sc->tried[tr->id];
        for (guint j = k + 1; j-- > lo;) {
            gsize at = sc->starts[j & (RING - 1)];
            /* A match starting at token j holds it, and every token up to the anchor: none
             * starts here or before when this one is no span word (those before are marked
             * tried with the rest: the same token stands between them and any later anchor). */
            if (j < k && tr->span_list != NO_LIST && !span_token_fits(sc, tr, at))
                break;
            /* Most tokens cannot start a match of the rule: its first byte tells, without
             * PCRE2. */
            if (may_start(tr, (guchar)sc->text[at]))
                try_at(sc, tr, at);
        }
        sc->tried[tr->id] = k + 1;
    }
}

static inline void record_token(scan *sc, gsize s)
{
    sc->starts[sc->ntokens & (RING - 1)] = s;
    sc->ntokens++;
}

/* A token of n bytes (key need not be NUL-terminated) ending at e: look it up in the anchor
 * index. */
static void lookup_token(scan *sc, const char *key, gsize n, gsize e)
{
    if (n < 32 && !(sc->t->shape[(guchar)key[0]] & (1u << n)))
        return;
    GArray *a = chron_wordmap_lookup(sc->t->index, key, n);
    if (a)
        run_triggers(sc, a, e);
}

/* What a byte is to the scan. */
enum { B_OTHER = 0, B_ALPHA, B_DIGIT, B_APOS, B_HIGH };

static const guint8 *byte_classes(void)
{
    static guint8 cls[256];
    static gsize done;
    if (g_once_init_enter(&done)) {
        for (int c = 0; c < 256; c++)
            cls[c] = c >= 0x80                  ? B_HIGH
                     : g_ascii_isalpha((char)c) ? B_ALPHA
                     : g_ascii_isdigit((char)c) ? B_DIGIT
                     : c == '\''                ? B_APOS
                                                : B_OTHER;
        g_once_init_leave(&done, 1);
    }
    return cls;
}

/* word[0..n) = the ASCII letters s[0..n) in lower case (n <= 32); avail bytes may be read. */
static inline void lower_word(char *word, const guchar *s, gsize n, gsize avail)
{
#ifdef __SSE2__
    if (avail >= 32) { /* whole vectors: bytes past n are copied too, and ignored */
        chron_text_fold16(word, (const char *)s);
        if (n > 16)
            chron_text_fold16(word + 16, (const char *)s + 16);
        return;
    }
#endif
    for (gsize k = 0; k < n; k++)
        word[k] = (char)(s[k] | 0x20);
}

/* A word (a run of ASCII letters) starting at s and ending at end, or at the first byte that is
 * no letter when end is 0: a token, looked up in the anchor index when its shape allows.
 * Returns its end. */
static inline ALWAYS_INLINE gsize scan_word(scan *sc, gsize s, gsize end)
{
    const chron_tagger *t = sc->t;
    const guchar *u = (const guchar *)sc->text;
    gsize i = end ? end : chron_text_letters_end((const char *)u, s, sc->len);
    gsize n = i - s;
    char word[32];
    /* Longer words than any anchor are still tokens for back counting. */
    record_token(sc, s);
    /* Most words anchor nothing: bitmaps of (first two letters, length) and (last two letters,
     * length) skip them before they are even lower-cased. */
    if (n > sizeof word ||
        (n < 32 && (!(t->head2[letter_pair(u[s], n > 1 ? u[s + 1] : 0)] & (1u << n)) ||
                    !(t->tail2[letter_pair(n > 1 ? u[i - 2] : 0, u[i - 1])] & (1u << n)))))
        return i;
    lower_word(word, u + s, n, sc->len - s);
    const GArray *a = chron_wordmap_lookup(t->index, word, n);
    if (a)
        run_triggers(sc, a, i);
    return i;
}

/* A run of digits starting at s and ending at end, or at the first byte that is no digit when
 * end is 0; returns its end. */
static inline gsize scan_digits(scan *sc, gsize s, gsize end)
{
    const guchar *u = (const guchar *)sc->text;
    const guint8 *cls = sc->cls;
    gsize i = s;
    if (end)
        i = end;
    else
        while (++i < sc->len && cls[u[i]] == B_DIGIT)
            ;
    record_token(sc, s);
    /* "#digit" anchors any digit run, "#digit4" one of four digits ("#digit9" and up). */
    const GArray *a = sc->t->digits[MIN(i - s, 9)];
    if (a)
        run_triggers(sc, a, i);
    return i;
}

/* One step of the byte loop at i, which is no token's inside: a whole token, or one byte or
 * character that is none. Returns where the next step starts. */
static gsize scan_step(scan *sc, gsize i)
{
    const guchar *u = (const guchar *)sc->text;
    const guint8 *cls = sc->cls;
    switch (cls[u[i]]) {
    case B_OTHER:
        return i + 1;
    case B_ALPHA:
        return scan_word(sc, i, 0);
    case B_DIGIT:
        return scan_digits(sc, i, 0);
    case B_APOS:
        if (i + 1 < sc->len && cls[u[i + 1]] == B_DIGIT) {
            record_token(sc, i);
            lookup_token(sc, "'", 1, i + 1);
        }
        return i + 1;
    default: {
        const char *p = sc->text + i;
        gunichar c = g_utf8_get_char(p);
        gsize n = g_utf8_next_char(p) - p;
        if (c == 0x2019 && i + n < sc->len && g_ascii_isdigit(p[n])) {
            record_token(sc, i);
            lookup_token(sc, "'", 1, i + n);
        } else if (c >= 0x2E80) {
            record_token(sc, i);
            lookup_token(sc, p, n, i + n);
        }
        return i + n;
    }
    }
}

#ifdef __SSE2__
/* Bit k of each mask: byte p[k] is an ASCII letter, a digit, from 0x80 up, an apostrophe. */
static inline void classify64(const guchar *p, guint64 *alpha, guint64 *digit, guint64 *high,
                              guint64 *apos)
{
    const __m128i fold = _mm_set1_epi8(0x20), a = _mm_set1_epi8((char)('a' + 128)),
                  letters = _mm_set1_epi8((char)(26 + 128 - 256)),
                  zero = _mm_set1_epi8((char)('0' + 128)),
                  digits = _mm_set1_epi8((char)(10 + 128 - 256)), q = _mm_set1_epi8('\'');
    *alpha = *digit = *high = *apos = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        /* x - lo < n, unsigned, through a signed compare with both sides biased */
        __m128i l = _mm_cmplt_epi8(_mm_sub_epi8(_mm_or_si128(v, fold), a), letters);
        __m128i d = _mm_cmplt_epi8(_mm_sub_epi8(v, zero), digits);
        *alpha |= (guint64)(guint)_mm_movemask_epi8(l) << (16 * k);
        *digit |= (guint64)(guint)_mm_movemask_epi8(d) << (16 * k);
        *high |= (guint64)(guint)_mm_movemask_epi8(v) << (16 * k);
        *apos |= (guint64)(guint)_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)) << (16 * k);
    }
}
#endif

/* One pass over the text: words (lower-cased), digit runs, CJK characters and apostrophes
 * before digits are tokens; each is looked up in the anchor index. */
static void collect_anchored(const chron_tagger *t, const char *text, gsize len, GArray *out)
{
    scan sc = {.t = t, .text = text, .len = len, .out = out, .cls = byte_classes()};
    for (int b = 0; b < 256; b++)
        sc.next[b] = (next_byte){len, len};
    sc.high = (next_byte){len, len};
    sc.blocks = g_new0(chron_match *, t->nrules);
    sc.tried = g_new0(guint, t->nrules);
    gsize i = 0; /* never inside a token: every token before i has been taken whole */
#ifdef __SSE2__
    /* Sixty-four bytes at a time: the token starts of a block come from bit masks, so the loop
     * goes from token to token instead of byte to byte. A block holding a non-ASCII byte or an
     * apostrophe before a digit (tokens of their own) takes the byte loop. */
    const guchar *u = (const guchar *)text;
    const guint8 *cls = sc.cls;
    while (len - i > 64) { /* the byte after the block is read too */
        guint64 alpha, digit, high, apos;
        classify64(u + i, &alpha, &digit, &high, &apos);
        gsize block_end = i + 64;
        guint64 before_digit = (digit >> 1) | (guint64)(cls[u[block_end]] == B_DIGIT) << 63;
        if (high | (apos & before_digit)) {
            while (i < block_end)
                i = scan_step(&sc, i);
            continue;
        }
        /* i is no token's inside, so bit 0 starts a token when set */
        guint64 starts = (alpha & ~(alpha << 1)) | (digit & ~(digit << 1));
        gsize end = block_end;
        while (starts) {
            guint k = (guint)__builtin_ctzll(starts);
            starts &= starts - 1;
            /* The token ends at the first byte of another class, which the masks tell when it
             * lies in the block (0: the token runs on past it, and the scan finds its end). */
            if ((alpha >> k) & 1) {
                guint64 rest = ~alpha >> k;
                end = scan_word(&sc, i + k, rest ? i + k + (gsize)__builtin_ctzll(rest) : 0);
            } else {
                guint64 rest = ~digit >> k;
                end = scan_digits(&sc, i + k, rest ? i + k + (gsize)__builtin_ctzll(rest) : 0);
            }
        }
        /* The last token may run on past the block. */
        i = MAX(block_end, end);
    }
#endif
    while (i < len)
        i = scan_step(&sc, i);
    for (guint r = 0; r < t->nrules; r++)
        chron_match_free(sc.blocks[r]);
    g_free(sc.blocks);
    g_free(sc.tried);
    for (guint k = 0; k < t->unanchored->len; k++) {
        const trigger *tr = &g_array_index(t->unanchored, trigger, k);
        collect_rule(g_ptr_array_index(t->rulesets, tr->rs), tr->rs, tr->rule, text, len, FALSE,
                     out);
    }
}

static void collect(const chron_ruleset *rs, guint rs_index, const char *text, gsize len,
                    GArray *out)
{
    for (guint r = 0; r < rs->rules->len; r++)
        collect_rule(rs, rs_index, r, text, len,
                     ((const chron_rule *)g_ptr_array_index(rs->rules, r))->anchors != NULL, out);
}

/* The sentences of the line in hand, split when a mention first falls on it: lines without
 * mentions are never split (chron_text_sentences_range() says why that changes nothing). */
typedef struct line_sentences {
    gsize start, end; /* the line: [start, end), end at its newline or the end of the text */
    GArray *spans;    /* its sentences, byte offsets into the text, in order */
} line_sentences;

/* The span of the sentence holding byte offset off, or FALSE when off is in no sentence (in
 * white space between them). */
static gboolean sentence_at(line_sentences *ls, const char *text, gsize len, gsize off,
                            chron_span *out)
{
    if (off < ls->start || off >= ls->end) {
        const char *nl = memrchr(text, '\n', off);
        ls->start = nl ? (gsize)(nl - text) + 1 : 0;
        nl = memchr(text + off, '\n', len - off);
        ls->end = nl ? (gsize)(nl - text) : len;
        g_array_set_size(ls->spans, 0);
        chron_text_sentences_range(text, ls->start, ls->end, ls->spans);
    }
    /* The first sentence ending after off, by binary search: a news line holds few, but one
     * line of a whole book holds thousands, each with mentions. */
    guint lo = 0, hi = ls->spans->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(ls->spans, chron_span, mid).end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == ls->spans->len)
        return FALSE;
    const chron_span *sp = &g_array_index(ls->spans, chron_span, lo);
    if (sp->start > off)
        return FALSE;
    *out = *sp;
    return TRUE;
}

/* A value that can anchor later relative mentions in a narrative: an absolute date with at
 * least a year. */
static gboolean is_anchor(const char *v)
{
    return v && strlen(v) >= 4 && g_ascii_isdigit(v[0]) && g_ascii_isdigit(v[1]) &&
           g_ascii_isdigit(v[2]) && g_ascii_isdigit(v[3]) && (v[4] == '\0' || v[4] == '-');
}

/* Whether the quarter or half v ("1989-Q3") ended before the reference: a report compares the
 * periods it closes, not the one under way or a forecast ("a fourth-quarter charge"). TRUE
 * without a reference. */
static gboolean period_is_over(const char *v, const GDate *ref)
{
    if (!ref || !g_date_valid(ref))
        return TRUE;
    int months = v[5] == 'Q' ? 3 : 6;
    long last_month = (long)atoi(v) * 12 + (v[6] - '1') * months + months - 1;
    long ref_month = (long)g_date_get_year(ref) * 12 + g_date_get_month(ref) - 1;
    return last_month < ref_month;
}

/* Whether t is the end of this year or month ("the end of the year"), whose value the tense
 * decides. */
static gboolean ending_unit(const chron_timex *t)
{
    return t->mod && strcmp(t->mod, "END") == 0 &&
           (strcmp(t->raw, "@Y+0") == 0 || strcmp(t->raw, "@M+0") == 0);
}

/* Whether the end of the last year or month raw (@Y+0, @M+0) is recent at ref: in the first
 * quarter of the year, or the first ten days of the month. */
static gboolean end_just_gone(const char *raw, const GDate *ref)
{
    return raw[1] == 'Y' ? g_date_get_month(ref) <= G_DATE_MARCH : g_date_get_day(ref) <= 10;
}

/* Whether the end of the year or month raw (@Y+0, @M+0) has begun at ref: its last quarter, or
 * from the 21st of the month. */
static gboolean end_has_come(const char *raw, const GDate *ref)
{
    return raw[1] == 'Y' ? g_date_get_month(ref) >= G_DATE_OCTOBER : g_date_get_day(ref) >= 21;
}

/* "the last day of the month", "the last day of the year": a day the tense places, as the end of
 * one (ending_unit()). */
static gboolean last_day_of_unit(const char *raw)
{
    return strcmp(raw, "@M+0-LD") == 0 || strcmp(raw, "@Y+0XXXX-12-31") == 0;
}

/* Whether the last day of the reference's month or year has come by ref. */
static gboolean last_day_has_come(const char *raw, const GDate *ref)
{
    guint8 last = g_date_get_days_in_month(g_date_get_month(ref), g_date_get_year(ref));
    return g_date_get_day(ref) == last &&
           (raw[1] == 'M' || g_date_get_month(ref) == G_DATE_DECEMBER);
}

/* Whether a duration names a reporting span of the year rather than a quarter: "the nine
 * months", "the first six months", "the year". A comparison after it ("up from $4 million a year
 * earlier") is with the same span of the year before, read as that year. */
static gboolean is_year_span(const chron_timex *t)
{
    if (t->type != CHRON_TIMEX_DURATION || g_ascii_strncasecmp(t->text, "the ", 4) != 0)
        return FALSE;
    const char *v = t->value;
    if (!v)
        return FALSE;
    if (strcmp(v, "P1Y") == 0)
        return TRUE;
    if (v[0] != 'P' || !g_ascii_isdigit(v[1]))
        return FALSE;
    char *end;
    long n = strtol(v + 1, &end, 10);
    return strcmp(end, "M") == 0 && n >= 6 && n < 12;
}

/* Whether the quarter v lies at most two quarters before the reference. A comparison falls back
 * on the last date named when the text named no period it is about; a quarter further back is
 * then itself a comparison ("the year-ago quarter"), not one to chain from. A quarter the text
 * is about ("the fiscal first quarter", ended Sept. 30) may lie further back. TRUE for a half or
 * without a reference. */
static gboolean period_is_recent(const char *v, const GDate *ref)
{
    if (!ref || !g_date_valid(ref) || v[5] != 'Q')
        return TRUE;
    long t_v = (long)atoi(v) * 4 + (v[6] - '1');
    long t_ref = (long)g_date_get_year(ref) * 4 + (g_date_get_month(ref) - 1) / 3;
    return t_ref - t_v <= 2;
}

static gboolean is_period(const char *v)
{
    return v && strlen(v) == 7 && g_ascii_isdigit(v[0]) && v[4] == '-' &&
           (v[5] == 'Q' || v[5] == 'H');
}

/* The value of key[0..len) (lower case, spaces single) in a table read around mentions; NULL
 * when none. */
static const char *around(const chron_tagger *tg, around_table table, const char *key, gsize len)
{
    return chron_wordmap_lookup(tg->around[table], key, len);
}

/* "Two years later", "three days earlier" (a duration in TimeML) moves a narrative's anchor by
 * that span, in the direction the [shift] table gives the duration's last word. Returns the
 * anchor's whole year, 0 when the anchor is more precise. */
static int move_anchor(const chron_tagger *tg, const chron_timex *t, GDate *anchor, int year)
{
    /* The last word, or the last one or two characters of a text without spaces (两年后). */
    gsize tn = strlen(t->text);
    const char *dir = NULL;
    if (tn && (guchar)t->text[tn - 1] >= 0x80) {
        const char *p = t->text + tn;
        for (int k = 0; k < 2 && !dir && p > t->text; k++) {
            p = g_utf8_find_prev_char(t->text, p);
            if (!p)
                break;
            dir = around(tg, AROUND_SHIFT, p, (gsize)(t->text + tn - p));
        }
    } else {
        /* "two days after that": the word before "that" tells */
        const char *last = strrchr(t->text, ' ');
        if (last && last > t->text && g_ascii_strcasecmp(last + 1, "that") == 0)
            last = g_strrstr_len(t->text, last - t->text, " ");
        char w[16];
        gsize wn = last ? strcspn(last + 1, " ") : 0;
        if (wn >= sizeof w)
            wn = 0;
        for (gsize i = 0; i < wn; i++)
            w[i] = g_ascii_tolower(last[1 + i]);
        dir = wn ? around(tg, AROUND_SHIFT, w, wn) : NULL;
    }
    int sign = dir ? (dir[0] == '-' ? -1 : 1) : 0;
    char *end;
    long k = t->value[0] == 'P' ? strtol(t->value + 1, &end, 10) : 0;
    if (!sign || k <= 0 || k > 1000 || end[1] != '\0')
        return year;
    guint days = (guint)k;
    switch (*end) {
    /* An anchor moved out of years 1-9999 ("999 years before that", thrice) stays where it is. */
    case 'Y':
        if (!chron_isodate_add_months(anchor, sign * k * 12))
            return year;
        return year ? year + sign * (int)k : 0;
    case 'M':
        return chron_isodate_add_months(anchor, sign * k) ? 0 : year;
    case 'W':
        days *= 7;
        /* fall through */
    case 'D':
        return chron_isodate_add_days(anchor, sign * (long)days) ? 0 : year;
    default:
        return year;
    }
}

/* A year, or a season, quarter or half of one ("1902", "1902-SU", "1988-Q3"): a narrative told
 * in it places a month or day without a year ("In October") in that year. */
static gboolean is_part_of_year(const char *v)
{
    gsize n = strlen(v);
    return n == 4 || (n == 7 && v[4] == '-' && g_ascii_isupper(v[5]));
}

/* The first month of a season, quarter or half ("SU", "Q3", "H2"); 1 when v is none of them. */
static int first_month(const char *v)
{
    static const char *const parts[] = {"WI", "SP", "SU", "FA", "Q1", "Q2", "Q3", "Q4", "H1", "H2"};
    static const int months[] = {1, 3, 6, 9, 1, 4, 7, 10, 1, 7};
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        if (strcmp(v, parts[i]) == 0)
            return months[i];
    return 1;
}

static void anchor_date(const char *v, GDate *out)
{
    /* v is "YYYY", "YYYY-MM...", "YYYY-SU" or "YYYY-MM-DD...": read no further than its length. */
    int y = atoi(v), m = 1, d = 1;
    gsize n = strlen(v);
    if (n >= 7 && v[4] == '-' && g_ascii_isdigit(v[5]) && g_ascii_isdigit(v[6]))
        m = atoi(v + 5);
    else if (n == 7 && v[4] == '-')
        m = first_month(v + 5);
    if (n >= 10 && v[7] == '-' && g_ascii_isdigit(v[8]) && g_ascii_isdigit(v[9]))
        d = atoi(v + 8);
    if (y >= 1 && g_date_valid_dmy(d, m, y))
        g_date_set_dmy(out, d, m, y);
}

/* The word (ASCII letters, lower-cased into buf) that ends just before byte off, skipping
 * spaces; "" when there is none. */
static const char *word_before(const char *text, gsize lo, gsize off, char *buf, gsize size)
{
    gsize e = off;
    while (e > lo && text[e - 1] == ' ')
        e--;
    gsize s = e;
    while (s > lo && g_ascii_isalpha(text[s - 1]) && e - s < size - 1)
        s--;
    for (gsize i = s; i < e; i++)
        buf[i - s] = g_ascii_tolower(text[i]);
    buf[e - s] = '\0';
    return buf;
}

/* The token that ends just before byte off, skipping spaces, into buf: a word of ASCII letters,
 * or the one character before when it is not ASCII ("从" in 从去年起); "" when there is none. */
static const char *token_before(const char *text, gsize lo, gsize off, char *buf, gsize size)
{
    gsize e = off;
    while (e > lo && text[e - 1] == ' ')
        e--;
    gsize s = e;
    if (s > lo && (guchar)text[s - 1] >= 0x80) {
        while (s > lo && ((guchar)text[s - 1] & 0xC0) == 0x80)
            s--;
        if (s > lo)
            s--;
        if (e - s >= size)
            s = e;
        memcpy(buf, text + s, e - s);
        buf[e - s] = '\0';
        return buf;
    }
    return word_before(text, lo, off, buf, size);
}

/* Whether w[0..n) is one of the words of the space-separated list. */
static gboolean in_list(const char *list, const char *w, gsize n)
{
    for (const char *p = list; *p;) {
        gsize k = strcspn(p, " ");
        if (k == n && memcmp(p, w, n) == 0)
            return TRUE;
        p += k;
        while (*p == ' ')
            p++;
    }
    return FALSE;
}

/* The part a mention plays by the words around it: the [open] table holds the token before it
 * (b, from token_before(): "since X", "until X"), the [close] table what follows it (2012年以来,
 * "X onwards"). A [close] value may name, after the part, the tokens one of which must stand
 * before the mention ("onward 从 自": 从去年起). Returns "since" (an open start, begun by the
 * reference), "onward" (an open start on either side of it), "until" or NULL. */
static const char *interval_part(const chron_tagger *tg, const char *text, const chron_timex *t,
                                 const char *b)
{
    const char *v = *b ? around(tg, AROUND_OPEN, b, strlen(b)) : NULL;
    gsize next = t->end;
    while (next < t->sent_end && text[next] == ' ')
        next++;
    guchar c = next < t->sent_end ? (guchar)g_ascii_tolower(text[next]) : 0;
    if (!v && c && (tg->close_first[c / 8] >> (c % 8)) & 1) {
        /* The next one to three characters (or the next word), longest first. */
        char after[16];
        gsize ends[3];
        int n = 1;
        if (g_ascii_isalpha(text[next]))
            ends[0] = chron_text_letters_end(text, next, t->sent_end);
        else
            n = chron_text_wide_ends(text, next, t->sent_end, ends, 3);
        for (int k = n; k > 0 && !v; k--) {
            gsize len = ends[k - 1] - next;
            if (len >= sizeof after)
                continue;
            for (gsize i = 0; i < len && i < sizeof after; i++)
                after[i] = g_ascii_tolower(text[next + i]);
            v = around(tg, AROUND_CLOSE, after, len);
        }
        /* Some need an opening token before the mention. */
        const char *openers = v ? strchr(v, ' ') : NULL;
        if (openers && !in_list(openers + 1, b, strlen(b)))
            return NULL;
    }
    if (!v)
        return NULL;
    static const char *const parts[] = {"since", "until", "onward"};
    gsize k = strcspn(v, " ");
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        if (strlen(parts[i]) == k && memcmp(v, parts[i], k) == 0)
            return parts[i];
    return NULL;
}

/* Whether text[a, b) holds, besides spaces and commas, one of the words of the space-separated
 * list words (a [range] value: "to until through -"), in any case. */
static gboolean joins(const char *text, gsize a, gsize b, const char *words)
{
    while (a < b && (text[a] == ' ' || text[a] == ','))
        a++;
    while (b > a && text[b - 1] == ' ')
        b--;
    char w[16];
    if (a == b || b - a >= sizeof w)
        return FALSE;
    for (gsize i = a; i < b; i++)
        w[i - a] = g_ascii_tolower(text[i]);
    return in_list(words, w, b - a);
}

/* Whether text[a, b) is, alone, a word of the [join] table (a dash in "1998-2003"), or a word
 * of the [link] table between white space ("2009 to 2017", "March through May"). */
static gboolean joined_alone(const chron_tagger *tg, const char *text, gsize a, gsize b)
{
    if (b > a && b - a < 16 && around(tg, AROUND_JOIN, text + a, b - a) != NULL)
        return TRUE;
    gsize wa = a, wb = b;
    while (wa < wb && g_ascii_isspace(text[wa]))
        wa++;
    while (wb > wa && g_ascii_isspace(text[wb - 1]))
        wb--;
    return wa > a && wb < b && wb - wa < 16 && around(tg, AROUND_LINK, text + wa, wb - wa) != NULL;
}

/* *value ("2023-11", "2025-12-24") a year earlier; a year before 2 stays. */
static void year_back(char **value)
{
    int y = atoi(*value);
    if (y < 2)
        return;
    char *v = g_strdup_printf("%04d%s", y - 1, *value + 4);
    g_free(*value);
    *value = v;
}

/* "since November", said in October: a month or day after "since" has begun by the reference,
 * whatever tolerance the tense allowed, so one that would start after it is a year earlier. */
static void not_after_since(const chron_tagger *tg, const char *text, chron_timex *t,
                            const GDate *ref)
{
    char now[16], w[16];
    if (strlen(t->value) < 7 || !is_anchor(t->value) ||
        g_strcmp0(
            interval_part(tg, text, t, token_before(text, t->sent_start, t->start, w, sizeof w)),
            "since") != 0)
        return;
    g_snprintf(now, sizeof now, "%04d-%02d-%02d", g_date_get_year(ref), g_date_get_month(ref),
               g_date_get_day(ref));
    if (strncmp(t->value, now, MIN(strlen(t->value), strlen(now))) > 0)
        year_back(&t->value);
}

/* Replaces *value by the day d ("YYYY-MM-DD") followed by tail, which may point into *value. */
static void set_value_day(char **value, const GDate *d, const char *tail)
{
    char *v = g_strdup_printf("%04u-%02u-%02u%s", g_date_get_year(d), g_date_get_month(d),
                              g_date_get_day(d), tail);
    g_free(*value);
    *value = v;
}

/* The start t of a range of weekdays ("from Monday through Wednesday", raw XXXX-WXX-1) moved
 * to the last such weekday on or before the end n's day, when n is a weekday with a day. */
static void weekday_before(chron_timex *t, const chron_timex *n)
{
    const char *v = n->value;
    GDate day;
    /* n: a weekday (XXXX-WXX-3) or a weekday of a week named ("Wednesday last week", @K-1-3),
     * maybe a part of it or a clock ("between Tuesday evening and Thursday morning": t keeps its
     * own) */
    if (!(g_str_has_prefix(n->raw, "XXXX-WXX-") || g_str_has_prefix(n->raw, "@K")) || !v ||
        strlen(v) < 10 || (v[10] && v[10] != 'T') || t->raw[9] < '1' || t->raw[9] > '7' ||
        (t->raw[10] && t->raw[10] != 'T') || !t->value || strlen(t->value) < 10 ||
        !chron_isodate_parse(v, 10, &day) ||
        !chron_isodate_add_days(&day,
                                -(long)((g_date_get_weekday(&day) - (t->raw[9] - '0') + 7) % 7)))
        return;
    set_value_day(&t->value, &day, t->value + 10);
}

/* Whether the range of weekdays from t to n, both resolved to a day, runs forward from a start
 * on or after the reference ref whose end n was put before it ("between Tuesday evening and
 * Thursday morning" said on a Tuesday, "between Sunday night and Monday morning" ahead): then the
 * end is moved on to the first such weekday after the start, as the start is moved back to the
 * one before a past end (weekday_before()). */
static gboolean weekday_end_after(const chron_timex *t, chron_timex *n, const GDate *ref)
{
    GDate start, end;
    if (!ref || !g_date_valid(ref) || !g_str_has_prefix(n->raw, "XXXX-WXX-") || !t->value ||
        !n->value || strlen(t->value) < 10 || strlen(n->value) < 10 ||
        !chron_isodate_parse(t->value, 10, &start) || !chron_isodate_parse(n->value, 10, &end) ||
        g_date_compare(&start, ref) < 0 || g_date_compare(&end, &start) >= 0)
        return FALSE;
    int k = ((int)g_date_get_weekday(&end) - (int)g_date_get_weekday(&start) + 7) % 7;
    end = start;
    if (!chron_isodate_add_days(&end, k))
        return FALSE;
    set_value_day(&n->value, &end, n->value + 10);
    return TRUE;
}

/* "on Wednesday and Thursday", "Friday and Thursday", "Monday or Tuesday": the second weekday n
 * of a pair, joined to the first t by "and" or "or" alone, is the one nearest t's day, on the
 * side of the reference ref t's tense allows, whatever a verb after n says ("will gather on
 * Wednesday and Thursday for talks overshadowed by the war"). */
static void weekday_after(const chron_timex *t, chron_timex *n, const char *text, const GDate *ref)
{
    gsize gap = n->start - t->end;
    const char *g = text + t->end;
    GDate day, other;
    if (!(gap == 5 && memcmp(g, " and ", 5) == 0) && !(gap == 4 && memcmp(g, " or ", 4) == 0))
        return;
    if (!t->value || strlen(t->value) != 10 || !n->value || strlen(n->value) != 10 ||
        n->raw[9] < '1' || n->raw[9] > '7' || n->raw[10] ||
        !chron_isodate_parse(t->value, 10, &day))
        return;
    int k = ((n->raw[9] - '0') - (int)g_date_get_weekday(&day) + 7) % 7;
    if (k == 0)
        return;
    other = day;
    /* the nearer of the day k ahead and the day 7 - k back */
    gboolean ahead = k <= 3;
    if (!chron_isodate_add_days(&day, ahead ? k : k - 7) ||
        !chron_isodate_add_days(&other, ahead ? k - 7 : k))
        return;
    if (ref && g_date_valid(ref) &&
        ((t->tense == CHRON_TENSE_PAST && g_date_compare(&day, ref) > 0) ||
         (t->tense == CHRON_TENSE_FUTURE && g_date_compare(&day, ref) < 0)))
        day = other;
    set_value_day(&n->value, &day, "");
}

/* The modifier that the words just before a mention give it ("before X", "on or after X", "no
 * later than X"): the longest of the last one to three words found in a [bound] table of the
 * tagger's languages; NULL when none. */
static const char *bound_before(const chron_tagger *tg, const char *text, gsize lo, gsize off)
{
    gsize start[3];
    int n = 0;
    gsize e = off;
    while (n < 3) {
        while (e > lo && text[e - 1] == ' ')
            e--;
        gsize s = e;
        while (s > lo && g_ascii_isalpha(text[s - 1]))
            s--;
        if (s == e || e - s > 16)
            break;
        start[n++] = s;
        e = s;
    }
    /* The words in lower case, one space apart, as the table's keys are. */
    char phrase[64];
    gsize len = 0;
    for (int k = n; k > 0; k--) {
        for (gsize i = start[k - 1]; i < off && g_ascii_isalpha(text[i]); i++)
            phrase[len++] = g_ascii_tolower(text[i]);
        if (k > 1)
            phrase[len++] = ' ';
    }
    /* Longest first: drop a word from the front each time. */
    gsize from = 0;
    for (int k = n; k > 0; k--) {
        const char *mod = around(tg, AROUND_BOUND, phrase + from, len - from);
        if (mod)
            return mod;
        while (from < len && phrase[from] != ' ')
            from++;
        from++;
    }
    return NULL;
}

/* 下周一至周五, "next Monday to Friday": a weekday alone n that ends a range from the day t is the
 * first such weekday on or after it. */
static void weekday_from(const chron_timex *t, chron_timex *n)
{
    GDate day;
    if (!t->value || strlen(t->value) != 10 || !n->value || strlen(n->value) != 10 ||
        !g_str_has_prefix(n->raw, "XXXX-WXX-") || n->raw[9] < '1' || n->raw[9] > '7' ||
        n->raw[10] || !chron_isodate_parse(t->value, 10, &day))
        return;
    int k = ((n->raw[9] - '0') - (int)g_date_get_weekday(&day) + 7) % 7;
    if (chron_isodate_add_days(&day, k))
        set_value_day(&n->value, &day, "");
}

/* "from 10pm to 5am": the end n of a range of clocks alone (raw @D+0T..., both on the same day)
 * that comes before the start t is on the next day, or twelve hours on when it names no part of
 * the day and that keeps it after an evening start. */
static void clock_overnight(const chron_timex *t, chron_timex *n)
{
    if (t->type != CHRON_TIMEX_TIME || n->type != CHRON_TIMEX_TIME || !t->value || !n->value ||
        !chron_text_has_prefix(n->raw, "@D+0T") || strlen(t->value) < 16 || strlen(n->value) < 16 ||
        t->value[10] != 'T' || n->value[10] != 'T' || strncmp(t->value, n->value, 10) != 0 ||
        strcmp(n->value + 10, t->value + 10) >= 0)
        return;
    /* "晚8点30分至9点30分": an end written with no part of the day, twelve hours on, is the same
     * evening */
    int th = atoi(t->value + 11), nh = atoi(n->value + 11);
    if (g_ascii_isdigit(*n->text) && th >= 12 && nh < 12 && nh + 12 > th &&
        strchr(t->text, 'a') == NULL && strchr(n->text, 'a') == NULL) {
        char *v = g_strdup_printf("%.11s%02d%s", n->value, nh + 12, n->value + 13);
        g_free(n->value);
        n->value = v;
        return;
    }
    GDate day;
    if (!chron_text_has_prefix(t->raw, "@D+0T") || !chron_isodate_parse(n->value, 10, &day))
        return;
    g_date_add_days(&day, 1);
    set_value_day(&n->value, &day, n->value + 10);
}

/* "from 7 a.m. to 2 p.m. Saturday", "from 2am until 10am tomorrow": a clock alone at the start
 * t is on the day the end n names, or on the day before when it would come after the end ("from
 * 10 p.m. to 2 a.m. Sunday"). */
static void clock_on_day_of_end(const chron_timex *n, chron_timex *t)
{
    if (t->type != CHRON_TIMEX_TIME || n->type != CHRON_TIMEX_TIME || !t->value || !n->value ||
        !chron_text_has_prefix(t->raw, "@D+0T") || chron_text_has_prefix(n->raw, "@D+0T") ||
        strlen(t->value) < 11 || t->value[10] != 'T' || strlen(n->value) < 16 ||
        n->value[10] != 'T' || strncmp(t->value, n->value, 10) == 0)
        return;
    GDate day;
    if (!chron_isodate_parse(n->value, 10, &day))
        return;
    if (strcmp(t->value + 10, n->value + 10) > 0 && !chron_isodate_add_days(&day, -1))
        return;
    set_value_day(&t->value, &day, t->value + 10);
}

/* "between March and May 2001": the start t, whose year the reference decided, takes the year
 * the end n names, or the year before when it would come after the end ("from Dec. 24 through
 * Jan. 2"). */
static void year_of_end(chron_timex *t, const chron_timex *n)
{
    if (!n->value || strlen(n->value) < 4 || !g_ascii_isdigit(n->value[0]) ||
        !g_ascii_isdigit(n->value[3]))
        return;
    g_free(t->value);
    t->value = g_strdup_printf("%.4s%s", n->value, t->raw + 4);
    if (strncmp(t->value, n->value, MIN(strlen(t->value), strlen(n->value))) > 0)
        year_back(&t->value);
}

/* Whether t, a year alone that opens its sentence after "In" or "During" ("In 1950, ..."),
 * sets the year of the months and days the sentence names after it without one. A year
 * elsewhere ("the 2016 ruling", "a program approved in 1987 ... through Sept. 29") does not; in
 * Chinese, which leaves the year out once a sentence has named it, any year does (2024年、今年). */
static gboolean sets_sentence_year(const char *text, const chron_timex *t)
{
    char w[8];
    if (t->type != CHRON_TIMEX_DATE || t->mod || !t->value || strlen(t->value) != 4 ||
        !g_ascii_isdigit(t->value[0]))
        return FALSE;
    /* In Chinese, any year the sentence names before (今年的大选投票日为11月5日), but not one
     * compared with (比上年), nor a fiscal year (2027财年前) */
    if (g_str_has_suffix(t->text, "\xE5\xB9\xB4")) {
        gboolean compared = t->raw[0] == '@' && t->raw[1] != 'Y';
        return !compared && strstr(t->text, "\xE8\xB4\xA2") == NULL;
    }
    if (strcmp(t->raw, t->value) != 0)
        return FALSE;
    const char *b = word_before(text, t->sent_start, t->start, w, sizeof w);
    gsize n = strlen(b);
    return (strcmp(b, "in") == 0 || strcmp(b, "during") == 0) &&
           t->start >= t->sent_start + n + 1 && t->start - n - 1 == t->sent_start;
}

/* Whether text[start, end) is all of a title in Chinese book-title marks: 《2046》 and 《星期三》
 * are a film and a series. */
static gboolean is_title(const char *text, gsize len, gsize start, gsize end)
{
    return start >= 3 && end + 3 <= len && memcmp(text + start - 3, "\xE3\x80\x8A", 3) == 0 &&
           memcmp(text + end, "\xE3\x80\x8B", 3) == 0;
}

/* The ASCII quotation marks counted on a line so far: mentions come in text order, so each
 * byte of a line is counted once however many mentions it holds. */
typedef struct quote_count {
    gsize line; /* where the line starts; G_MAXSIZE before the first count */
    gsize upto; /* the marks in [line, upto) ... */
    guint n;    /* ... number n */
} quote_count;

/* Whether the quotation mark at text[at] (ASCII '"', or the last byte of U+201C or U+201D)
 * opens a quotation: U+201C does; an ASCII mark does when an even number of them come before it
 * on its line, which starts at line. */
static gboolean opens_quote(const char *text, gsize line, gsize at, quote_count *qc)
{
    if (text[at] != '"')
        return at >= 2 && memcmp(text + at - 2, "\xE2\x80\x9C", 3) == 0;
    if (qc->line != line || qc->upto > at) {
        qc->line = line;
        qc->upto = line;
        qc->n = 0;
    }
    for (const char *p = text + qc->upto; (p = memchr(p, '"', at - (gsize)(p - text))) != NULL; p++)
        qc->n++;
    qc->upto = at;
    return qc->n % 2 == 0;
}

/* How far a quoted title may reach around a mention, and how far back its line may start (the
 * quotation marks before it are counted), in bytes. */
#define TITLE_REACH 64
#define LINE_REACH 4096

/* Whether text[start, end) lies in a title in quotation marks: the film "1917", Prince's
 * "1999", "Sunday Bloody Sunday", "22 Days in June", "1989 (Taylor's Version),". The quoted
 * words are few and in title case (function words aside), and a date word quoted alone with a
 * comma or period of its own is speech ("Monday," she said), not a title. */
static gboolean is_quoted_title(const char *text, gsize len, gsize start, gsize end,
                                quote_count *qc)
{
    static const char *const minor[] = {"a",   "an", "the", "of", "in", "on",   "at",  "to",
                                        "and", "or", "for", "by", "vs", "with", "from"};
    /* the nearest quotation mark before the mention, on its line: most mentions have none */
    gsize mark = G_MAXSIZE;
    gsize from = start > TITLE_REACH ? start - TITLE_REACH : 0;
    if (!memchr(text + from, '"', start - from) && !memchr(text + from, 0xE2, start - from))
        return FALSE;
    for (gsize i = start; i-- > 0 && start - i <= TITLE_REACH && text[i] != '\n';) {
        if (text[i] == '"' || (guchar)text[i] == 0x9C || (guchar)text[i] == 0x9D) {
            mark = i;
            break;
        }
    }
    if (mark == G_MAXSIZE)
        return FALSE;
    gsize line = mark;
    if (qc->line != G_MAXSIZE && qc->upto <= mark &&
        !memchr(text + qc->upto, '\n', mark - qc->upto))
        line = qc->line; /* the line counted last */
    else
        while (line > 0 && text[line - 1] != '\n' && mark - line < LINE_REACH)
            line--;
    if (mark - line >= LINE_REACH || !opens_quote(text, line, mark, qc))
        return FALSE;
    gsize open = mark + 1, close = end;
    while (close < len && close - end < TITLE_REACH && text[close] != '"' && text[close] != '\n' &&
           !(close + 3 <= len && memcmp(text + close, "\xE2\x80\x9D", 3) == 0))
        close++;
    if (close >= len || close - end >= TITLE_REACH || text[close] == '\n')
        return FALSE;
    /* speech: a date word alone, its own comma or period inside the marks */
    gsize inner = close;
    if (inner > end && (text[inner - 1] == ',' || text[inner - 1] == '.'))
        inner--;
    if (open == start && inner == end && inner < close && !g_ascii_isdigit(text[start]))
        return FALSE;
    guint words = 0;
    for (gsize i = open; i < inner;) {
        if (g_ascii_isspace(text[i]) || strchr("()':-&!?,.", text[i]) || (guchar)text[i] >= 0x80) {
            i++;
            continue;
        }
        gsize e = i;
        while (e < inner && (g_ascii_isalnum(text[e]) || text[e] == '\''))
            e++;
        if (e == i)
            return FALSE; /* a character no title holds */
        words++;
        if (g_ascii_islower(text[i])) {
            gboolean ok = FALSE;
            for (gsize k = 0; k < G_N_ELEMENTS(minor) && !ok; k++)
                ok = strlen(minor[k]) == e - i && strncmp(text + i, minor[k], e - i) == 0;
            if (!ok)
                return FALSE;
        }
        i = e;
    }
    return words > 0 && words <= 8;
}

/* Whether raw is a month, a day of a month or a season with no year ("XXXX-01-05",
 * "XXXX-08", "XXXX-WI"), with no direction of its own. */
static gboolean part_of_year_unset(const char *raw)
{
    if (!g_str_has_prefix(raw, "XXXX-"))
        return FALSE;
    const char *p = raw + 5;
    if (g_ascii_isdigit(p[0]))
        return strspn(p, "0123456789-") == strlen(p);
    return (strcmp(p, "SP") == 0 || strcmp(p, "SU") == 0 || strcmp(p, "FA") == 0 ||
            strcmp(p, "WI") == 0);
}

/* Whether t names a month or a day of a year at least two before ref_year, its year written in
 * the mention ("6 June 1944", "August 1961"; not "the Sept. 11 attacks", nor a year alone). */
static gboolean names_old_month(const chron_timex *t, int ref_year)
{
    if (t->type != CHRON_TIMEX_DATE || !t->value || !g_ascii_isdigit(t->raw[0]) ||
        strcmp(t->raw, t->value) != 0 || strlen(t->value) < 7 || t->value[4] != '-' ||
        !g_ascii_isdigit(t->value[5]) || atoi(t->value) > ref_year - 2)
        return FALSE;
    char year[5];
    memcpy(year, t->value, 4);
    year[4] = '\0';
    return strstr(t->text, year) != NULL;
}

/* Whether raw is a month or a day of a month with no year ("XXXX-01-05"). */
static gboolean month_without_year(const char *raw)
{
    return g_str_has_prefix(raw, "XXXX-") && g_ascii_isdigit(raw[5]);
}

/* "ran Jan. 3 to Jan. 5", "from Dec. 24 to Jan. 2": the end n of a range whose start t names no
 * year either goes in the year the start was given, or the next when it would come before the
 * start. Each was resolved on its own, and the tense may have decided the start alone ("ran
 * Jan. 3-5": the verb dates the start, not the end). */
static void end_in_year_of_start(chron_timex *n, const chron_timex *t)
{
    if (!t->value || !n->value || strlen(t->value) < 7 || strlen(n->value) < 7 ||
        !g_ascii_isdigit(t->value[0]) || !g_ascii_isdigit(n->value[0]) ||
        strncmp(t->value, n->value, 4) == 0)
        return;
    int y = atoi(t->value);
    if (strcmp(n->value + 4, t->value + 4) < 0)
        y++;
    char *v = g_strdup_printf("%04d%s", y, n->value + 4);
    g_free(n->value);
    n->value = v;
}

/* "Exports from January to October rose", said in November: a range told in the past has
 * begun. Its start was resolved alone, where the tense's tolerance lets a month or day just
 * ahead win (next January); when the start (t, after end_in_year_of_start()) lies after the
 * reference ref's month or day, both go back a year. A range of months told in no tense (1至10月
 * in Chinese, or the present) is the occurrence nearest the reference as a whole: back a year
 * when the one before ended no further back than this one starts ahead (January to October,
 * said in November, ended a month ago; next year's starts in two). News only: a narrative's
 * reference moves (ref is NULL there). */
static void range_begun(chron_timex *t, chron_timex *n, const GDate *ref)
{
    if (!ref || !g_date_valid(ref) || t->tense == CHRON_TENSE_FUTURE || !t->value || !n->value)
        return;
    gsize len = strlen(t->value);
    if ((len != 7 && len != 10) || !g_ascii_isdigit(t->value[0]) || strlen(n->value) != len ||
        strncmp(t->value, n->value, 4) != 0)
        return;
    char r[11];
    g_snprintf(r, sizeof r, "%04d-%02d-%02d", g_date_get_year(ref), g_date_get_month(ref),
               g_date_get_day(ref));
    if (strncmp(t->value, r, len) <= 0)
        return;
    /* Days just ahead were booked or planned in the past ("reservations for flights from April
     * 29 to May 5 were up", said on April 25): the tense's tolerance, counted in days. */
    GDate start;
    if (len == 10 && chron_isodate_parse(t->value, 10, &start) &&
        g_date_days_between(ref, &start) <= RANGE_AHEAD_DAYS)
        return;
    int y = atoi(t->value) - 1;
    if (y < 1)
        return;
    if (t->tense != CHRON_TENSE_PAST) {
        if (len != 7)
            return;
        int ry = g_date_get_year(ref), rm = g_date_get_month(ref);
        int ahead = (y + 1 - ry) * 12 + atoi(t->value + 5) - rm;
        int behind = (ry - y) * 12 + rm - atoi(n->value + 5);
        if (behind > ahead)
            return;
    }
    char *tv = g_strdup_printf("%04d%s", y, t->value + 4);
    char *nv = g_strdup_printf("%04d%s", y, n->value + 4);
    g_free(t->value);
    g_free(n->value);
    t->value = tv;
    n->value = nv;
}

/* "from 10pm to 5am EST": the zone one clock of a range states is the other's too. */
static void share_zone(chron_timex *t, chron_timex *n)
{
    if (t->type != CHRON_TIMEX_TIME || n->type != CHRON_TIMEX_TIME)
        return;
    if (!t->zone)
        t->zone = n->zone;
    else if (!n->zone)
        n->zone = t->zone;
}

/* Whether a possessive ends the mention ending at e ("Wednesday's ruling"): the date then
 * names the thing after it, and a word before it bounds the thing, not the date ("before
 * Friday's vote", "to get around Wednesday's ruling"). */
static gboolean possessive(const char *text, gsize len, gsize e)
{
    return (e + 1 < len && text[e] == '\'' && text[e + 1] == 's') ||
           (e + 3 < len && memcmp(text + e, "\xE2\x80\x99", 3) == 0 && text[e + 3] == 's');
}

/* Intervals and bounds from the words around mentions, as the lexicon's tables give them:
 * [range] ("from X to Y", "between X and Y"), [join] ("X-Y", a dash alone), [open] and [close]
 * ("since X", "until X", X以来) and [bound] ("before X", "on or after X": a modifier). */
static void link_intervals(const chron_tagger *tg, const char *text, gsize len, const GDate *ref,
                           GArray *items)
{
    char w[16];
    for (guint i = 0; i < items->len; i++) {
        chron_timex *t = &g_array_index(items, chron_timex, i);
        chron_timex *n = i + 1 < items->len ? &g_array_index(items, chron_timex, i + 1) : NULL;
        gboolean same = n && n->sent_start == t->sent_start && t->type == n->type;
        const char *b = token_before(text, t->sent_start, t->start, w, sizeof w);
        const char *joiners = same && *b ? around(tg, AROUND_RANGE, b, strlen(b)) : NULL;
        if (joiners && joins(text, t->end, n->start, joiners)) {
            t->interval = "start";
            n->interval = "end";
            /* "between March and May 2001": the year of the end (year_of_end); "from Monday
             * through Wednesday": the Monday before that Wednesday, unless the range starts on
             * or after the reference (weekday_end_after()). */
            if (g_str_has_prefix(t->raw, "XXXX-WXX-")) {
                if (!weekday_end_after(t, n, ref))
                    weekday_before(t, n);
            } else if (month_without_year(t->raw) && month_without_year(n->raw)) {
                end_in_year_of_start(n, t);
                range_begun(t, n, ref);
            } else if (g_str_has_prefix(t->raw, "XXXX-"))
                year_of_end(t, n);
            clock_overnight(t, n);
            clock_on_day_of_end(n, t);
            share_zone(t, n);
            t->pair = (int)i + 1;
            n->pair = (int)i;
            i++;
            continue;
        }
        if (same && g_str_has_prefix(t->raw, "XXXX-WXX-") && g_str_has_prefix(n->raw, "XXXX-WXX-"))
            weekday_after(t, n, text, ref);
        /* "1998-2003", "March 3-5", 12月15日至17日, "2009 to 2017": two mentions joined by a word
         * of the [join] or [link] table alone, the second not before the first. "April-May 2024": a
         * month without a year takes the year of the end, which names one. */
        gboolean joined = same && !t->interval && joined_alone(tg, text, t->end, n->start);
        if (joined && g_str_has_prefix(t->raw, "XXXX-") && !g_str_has_prefix(t->raw, "XXXX-WXX") &&
            g_ascii_isdigit(n->raw[0]))
            year_of_end(t, n);
        else if (joined && month_without_year(t->raw) && month_without_year(n->raw)) {
            end_in_year_of_start(n, t);
            range_begun(t, n, ref);
        } else if (joined && g_ascii_isdigit(t->raw[0]) && month_without_year(n->raw)) {
            end_in_year_of_start(n, t); /* 2025年1-10月 */
        } else if (joined && !g_str_has_prefix(t->raw, "XXXX-WXX-")) {
            weekday_from(t, n); /* 下周一至周五 */
        }
        if (joined) {
            clock_overnight(t, n);
            clock_on_day_of_end(n, t);
            share_zone(t, n);
        }
        if (joined && t->value && n->value && strlen(t->value) == strlen(n->value) &&
            strcmp(t->value, n->value) < 0) {
            t->interval = "start";
            n->interval = "end";
            t->pair = (int)i + 1;
            n->pair = (int)i;
            i++;
            continue;
        }
        if (t->interval)
            continue;
        /* An open start ahead ("from April 1 onwards") is written as "since" too. */
        const char *part = interval_part(tg, text, t, b);
        if (part)
            t->interval = strcmp(part, "onward") == 0 ? "since" : part;
        else if (!t->mod && t->type != CHRON_TIMEX_DURATION && *b &&
                 chron_wordmap_lookup(tg->bound_last, b, strlen(b))) {
            const char *mod = bound_before(tg, text, t->sent_start, t->start);
            /* "APPROX/TIME": the modifier for that type of mention only ("at about 4.30pm",
             * not "a film about 1968"). */
            const char *only = mod ? strchr(mod, '/') : NULL;
            if (mod && !possessive(text, len, t->end) &&
                (!only || strcmp(only + 1, chron_timex_type_name(t->type)) == 0))
                t->mod = only ? g_strndup(mod, (gsize)(only - mod)) : g_strdup(mod);
        }
    }
}

/* "were set for Friday, Jan. 3", said in December: the year the reference and the tense chose,
 * or the one before or after it when only that puts the day on the weekday the text names, and
 * lies within half a year of the reference ref (when valid). No further: a weekday that fits no
 * year near is more often a slip than a date years away. */
static void fit_weekday(const chron_ruleset *rs, const char *text, const GDate *ref, chron_timex *t)
{
    GDate day;
    if (!t->value || !chron_isodate_parse(t->value, 10, &day) ||
        (t->value[10] && t->value[10] != 'T'))
        return;
    char word[16];
    gsize n = 0;
    for (gsize i = t->start; i < t->end && g_ascii_isalpha(text[i]) && n < sizeof word - 1; i++)
        word[n++] = text[i];
    word[n] = '\0';
    const char *w = n ? chron_ruleset_lookup(rs, "weekday", word) : NULL;
    int want = w ? atoi(w) : 0;
    if (want < 1 || want > 7 || (int)g_date_get_weekday(&day) == want)
        return;
    int y = g_date_get_year(&day), m = g_date_get_month(&day), d = g_date_get_day(&day);
    int fits = 0, fit_year = 0;
    for (int k = -1; k <= 1; k += 2) {
        if (y + k < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)(y + k)))
            continue;
        GDate other;
        g_date_clear(&other, 1);
        g_date_set_dmy(&other, (GDateDay)d, (GDateMonth)m, (GDateYear)(y + k));
        if ((int)g_date_get_weekday(&other) == want &&
            (!ref || !g_date_valid(ref) || ABS(g_date_days_between(ref, &other)) <= 183)) {
            fits++;
            fit_year = y + k;
        }
    }
    if (fits != 1)
        return;
    g_date_set_year(&day, (GDateYear)fit_year);
    set_value_day(&t->value, &day, t->value + 10);
}

struct chron_tag_context {
    char *last_value, *last_period; /* owned; NULL when none */
    gint64 value_end, period_end;   /* where they ended, relative to the next piece (<= 0) */
    GDate anchor;                   /* the narrative's anchor; invalid before the first piece */
    int anchor_year;
};

/* Whether a verb settles which side of the reference the month or day t (raw XXXX-MM...) lies
 * on, with no tolerance for the other: a past verb right before it or a noun of violence right
 * after ("was signed on Jan. 5", "the Jan. 6 riot"), or, in news, a verb that schedules in the
 * present ("expires on Sept. 30"). */
static gboolean verb_governs(const chron_tense_lexicon *lex, const chron_tense_marks *markers,
                             const char *text, const chron_timex *t, chron_tense tense,
                             gboolean narrative)
{
    if (!lex || !chron_text_has_prefix(t->raw, "XXXX-") || !g_ascii_isdigit(t->raw[5]))
        return FALSE;
    const char *sent = text + t->sent_start;
    gsize ms = t->start - t->sent_start;
    if (tense == CHRON_TENSE_PAST)
        return chron_tense_past_governs(markers, lex, sent, ms) ||
               chron_tense_past_trails(markers, t->end - t->sent_start);
    return tense == CHRON_TENSE_FUTURE && !narrative && chron_tense_schedule_governs(lex, sent, ms);
}

/* Whether v (nullable), the value last named, is a day or a time on a day ("2025-03-05",
 * "2025-03-05T22:00"): a day a clock alone can be on. */
static gboolean names_day(const char *v)
{
    return v && strlen(v) >= 10 && v[4] == '-' && v[7] == '-' && g_ascii_isdigit(v[8]) &&
           (v[10] == '\0' || v[10] == 'T');
}

/* Whether the day of near lies before the day of value (the reference's, a clock alone's first
 * reading) while tense points ahead, or after it while tense points back. Both are ISO values
 * that start with a day. */
static gboolean clock_against_tense(const char *near, const char *value, chron_tense tense)
{
    int c = strncmp(near, value, 10);
    return (tense == CHRON_TENSE_FUTURE && c < 0) || (tense == CHRON_TENSE_PAST && c > 0);
}

/* Copies s (nullable) into the list's strings. */
static const char *list_string(chron_timex_list *list, const char *s)
{
    return s ? g_string_chunk_insert_const(list->strings, s) : NULL;
}

/* A numeric offset at p ("+09:00", "+0100", "-05"), written as "+09:00"; FALSE when p holds
 * none. Offsets run from -12:00 to +14:00, in quarters of an hour. */
static gboolean numeric_zone(const char *p, char out[7])
{
    if (*p != '+' && *p != '-')
        return FALSE;
    if (!g_ascii_isdigit(p[1]) || !g_ascii_isdigit(p[2]))
        return FALSE;
    const char *m = p[3] == ':' ? p + 4 : p + 3;
    gboolean minutes = g_ascii_isdigit(m[0]) && g_ascii_isdigit(m[1]);
    const char *end = minutes ? m + 2 : p + 3;
    if (g_ascii_isalnum(*end) || (!minutes && p[3] == ':'))
        return FALSE;
    int h = (p[1] - '0') * 10 + (p[2] - '0');
    int mi = minutes ? (m[0] - '0') * 10 + (m[1] - '0') : 0;
    if (mi % 15 || h > (*p == '+' ? 14 : 12) || (h == 14 && mi) || (h == 12 && mi && *p == '-'))
        return FALSE;
    g_snprintf(out, 7, "%c%02d:%02d", *p, h, mi);
    return TRUE;
}

/* No word of a [zone] key is longer (the longest, "greenwich" or "pyongyang", has nine
 * letters): a longer word is looked up neither alone nor in a pair. */
#define ZONE_WORD_MAX 19

/* The time zone a clock mention states (see chron_timex.zone): a word or two of the [zone]
 * table ("EST", "Japan time"), or a numeric offset after the clock ("12:35:33 +0100",
 * "18:21:50+09:00"). A '-' counts after white space or an ISO 8601 clock only: "10:00-12:00"
 * is a range. */
static const char *zone_of(const chron_tagger *tg, chron_timex_list *list, const char *s)
{
    gboolean iso = FALSE;
    /* The previous word, lower case, at the start of pair (prev_n bytes; 0 when none), and the
     * current one after it and a space: both words are looked up, then the word alone. */
    char pair[2 * ZONE_WORD_MAX + 1];
    gsize prev_n = 0;
    for (const char *p = s; *p;) {
        if (*p == 'T' && p > s && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1]))
            iso = TRUE;
        char off[7];
        if ((*p == '+' || (*p == '-' && p > s && (p[-1] == ' ' || iso))) && numeric_zone(p, off))
            return list_string(list, off);
        if (!g_ascii_isalpha(*p)) {
            if (*p != ' ')
                prev_n = 0;
            p++;
            continue;
        }
        const char *w = p;
        while (g_ascii_isalpha(*p))
            p++;
        gsize n = (gsize)(p - w);
        if (n > ZONE_WORD_MAX) { /* longer than any zone word */
            prev_n = 0;
            continue;
        }
        char *word = prev_n ? pair + prev_n + 1 : pair;
        for (gsize k = 0; k < n; k++)
            word[k] = g_ascii_tolower(w[k]);
        /* two words first ("Japan time"), then one ("GMT") */
        if (prev_n) {
            pair[prev_n] = ' ';
            const char *z = around(tg, AROUND_ZONE, pair, prev_n + 1 + n);
            if (z)
                return *z ? list_string(list, z) : NULL;
        }
        const char *z = around(tg, AROUND_ZONE, word, n);
        /* A word the table marks as no zone by itself ("time" needs a place before it). */
        if (z && *z)
            return list_string(list, z);
        memmove(pair, word, n);
        prev_n = n;
    }
    return NULL;
}

/* The zone a CJK text names just before a mention (北京时间20日上午10时, 当地时间24日): the
 * [zone] words of two to six characters ending at start. Returns their length in bytes (0 when
 * none) and their value in *zone (empty for 当地时间, local time). */
static gsize zone_word_before(const chron_tagger *tg, const char *text, gsize start,
                              const char **zone)
{
    for (gsize n = 18; n >= 6; n -= 3) {
        if (start < n || (text[start - n] & 0xC0) == 0x80 || (guchar)text[start - n] < 0xE0)
            continue;
        const char *z = around(tg, AROUND_ZONE, text + start - n, n);
        if (z) {
            *zone = z;
            return n;
        }
    }
    return 0;
}

/* The clock of t ("T09:00") when t is a clock alone in the sentence of n: no day of its own
 * ("9 a.m.", 下午3点, raw @D+0T09:00), or only the weekday the set n is made of ("Tuesday at
 * 2 p.m." after "every Tuesday"). NULL otherwise. */
static const char *set_clock(const chron_timex *t, const chron_timex *n)
{
    if (t->type != CHRON_TIMEX_TIME || n->sent_start != t->sent_start)
        return NULL;
    if (chron_text_has_prefix(t->raw, "@D+0T") && g_ascii_isdigit(t->raw[5]))
        return t->raw + 4;
    if (n->type == CHRON_TIMEX_SET && n->value && strlen(n->value) == 10 &&
        chron_text_has_prefix(n->value, "XXXX-WXX-") && strncmp(t->raw, n->value, 10) == 0 &&
        t->raw[10] == 'T')
        return t->raw + 10;
    return NULL;
}

/* t as a time of each day of the set whose days are `days` (a set's value or a time of one):
 * XXXX-WXX-2T14:00 for the Tuesdays of "every Tuesday", else XXXX-XX-XXT09:00. */
static void clock_of_set(chron_timex *t, const char *clock, const char *days)
{
    gboolean weekday = days && strlen(days) >= 10 && chron_text_has_prefix(days, "XXXX-WXX-") &&
                       g_ascii_isdigit(days[9]) && (days[10] == '\0' || days[10] == 'T');
    g_free(t->value);
    t->value =
        weekday ? g_strdup_printf("%.10s%s", days, clock) : g_strconcat("XXXX-XX-XX", clock, NULL);
}

/* "at 9 a.m. every day", "at 10 a.m. on Mondays": a clock alone right before a set is a time of
 * each of its days, not one of the day named before: XXXX-XX-XXT09:00. So is one right after a
 * set ("every Tuesday at 2 p.m.": XXXX-WXX-2T14:00; 每周二下午3点), and one joined to such a
 * clock by "and", "or" or a word that makes two mentions an interval (joined_alone(): "every day
 * at 9 a.m. and 5 p.m.", "daily from 9 a.m. to 5 p.m.", 每天17:30至21:00). */
static void clocks_of_sets(const chron_tagger *tg, const char *text, GArray *items)
{
    for (guint i = 1; i < items->len; i++) {
        chron_timex *t = &g_array_index(items, chron_timex, i);
        const chron_timex *p = &g_array_index(items, chron_timex, i - 1);
        const char *clock = set_clock(t, p);
        if (!clock)
            continue;
        if (p->type == CHRON_TIMEX_SET
                ? p->end == t->start || joins(text, p->end, t->start, "at from")
                : p->type == CHRON_TIMEX_TIME && p->value &&
                      chron_text_has_prefix(p->value, "XXXX-") && strchr(p->value, 'T') &&
                      (joins(text, p->end, t->start, "and or") ||
                       joined_alone(tg, text, p->end, t->start)))
            clock_of_set(t, clock, p->value);
    }
    for (guint i = 0; i + 1 < items->len; i++) {
        chron_timex *t = &g_array_index(items, chron_timex, i);
        const chron_timex *n = &g_array_index(items, chron_timex, i + 1);
        const char *clock = n->type == CHRON_TIMEX_SET ? set_clock(t, n) : NULL;
        if (!clock)
            continue;
        gsize a = t->end;
        while (a < n->start && text[a] == ' ')
            a++;
        if (a < n->start && !joins(text, t->end, n->start, "on"))
            continue;
        /* "at 9 a.m. Every day after, ...": a capital after the clock's period starts another
         * sentence the splitter took for an abbreviation's end. */
        if (a == n->start && t->end > t->start && text[t->end - 1] == '.' &&
            g_ascii_isupper(text[n->start]))
            continue;
        clock_of_set(t, clock, n->value);
    }
}

chron_tag_context *chron_tag_context_new(void)
{
    chron_tag_context *ctx = g_new0(chron_tag_context, 1);
    g_date_clear(&ctx->anchor, 1);
    return ctx;
}

void chron_tag_context_free(chron_tag_context *ctx)
{
    if (!ctx)
        return;
    g_free(ctx->last_value);
    g_free(ctx->last_period);
    g_free(ctx);
}

/* Keeps in ctx what the piece of len bytes leaves to the next one. */
static void context_keep(chron_tag_context *ctx, gsize len, const char *last_value,
                         gint64 value_end, const char *last_period, gint64 period_end,
                         const GDate *anchor, int anchor_year)
{
    char *v = g_strdup(last_value), *p = g_strdup(last_period);
    g_free(ctx->last_value);
    g_free(ctx->last_period);
    ctx->last_value = v;
    ctx->last_period = p;
    ctx->value_end = value_end - (gint64)len;
    ctx->period_end = period_end - (gint64)len;
    ctx->anchor = *anchor;
    ctx->anchor_year = anchor_year;
}

chron_timex_list *chron_tagger_tag(const chron_tagger *tagger, const char *text, gsize len,
                                   const GDate *ref, gboolean narrative)
{
    return chron_tagger_tag_piece(tagger, text, len, ref, narrative, NULL);
}

chron_timex_list *chron_tagger_tag_piece(const chron_tagger *tagger, const char *text, gsize len,
                                         const GDate *ref, gboolean narrative,
                                         chron_tag_context *ctx)
{
    chron_timex_list *list = g_new0(chron_timex_list, 1);
    list->strings = g_string_chunk_new(MIN(len / 16 + 64, 1u << 16));
    list->items =
        g_array_sized_new(FALSE, TRUE, sizeof(chron_timex), (guint)MIN(len / 256 + 16, 1u << 20));
    /* News runs to a mention every few hundred bytes: size for that up front. */
    GArray *cands =
        g_array_sized_new(FALSE, FALSE, sizeof(candidate), (guint)MIN(len / 128 + 16, 1u << 20));
    if (tagger->exhaustive)
        for (guint i = 0; i < tagger->rulesets->len; i++)
            collect(g_ptr_array_index(tagger->rulesets, i), i, text, len, cands);
    else
        collect_anchored(tagger, text, len, cands);
    g_array_sort(cands, cmp_candidate);

    line_sentences line = {1, 0, g_array_new(FALSE, FALSE, sizeof(chron_span))};
    GDate anchor;
    g_date_clear(&anchor, 1);
    if (ctx && g_date_valid(&ctx->anchor))
        anchor = ctx->anchor;
    else if (ref && g_date_valid(ref))
        anchor = *ref;
    gsize last_end = 0, cp_byte = 0;
    /* The last absolute date, for anaphors; owned by list. */
    const char *last_value = list_string(list, ctx ? ctx->last_value : NULL);
    gint64 value_end = ctx ? ctx->value_end : 0;
    /* The last quarter or half, for comparisons ("@L"). */
    const char *last_period = list_string(list, ctx ? ctx->last_period : NULL);
    gint64 period_end = ctx ? ctx->period_end : 0;
    int anchor_year = ctx ? ctx->anchor_year : 0; /* the narrative's last date was this year */
    glong cp = 0;
    chron_tense_marks *markers = NULL; /* tense markers of the sentence at marker_sent */
    int sent_year = 0;                 /* the year the sentence at year_sent set ("In 1950,") */
    gsize year_sent = G_MAXSIZE;
    int hist_year = 0; /* the year of a month or day at least two years before the reference's,
                        * named in full ("on 6 June 1944", "in August 1961"; not "in 1987") in
                        * the sentence at hist_sent */
    gsize hist_sent = G_MAXSIZE;
    gsize marker_sent = G_MAXSIZE;
    quote_count quotes = {G_MAXSIZE, 0, 0};
    for (guint i = 0; i < cands->len; i++) {
        candidate *c = &g_array_index(cands, candidate, i);
        if (c->start < last_end || is_title(text, len, c->start, c->end) ||
            is_quoted_title(text, len, c->start, c->end, &quotes)) {
            g_free(c->raw);
            g_free(c->mod);
            g_free(c->point);
            continue;
        }
        /* The zone a CJK text names just before a mention is part of it, as "EST" after a clock
         * is (北京时间20日上午10时, 当地时间24日). */
        const char *zone_word = NULL;
        gsize zone_len = zone_word_before(tagger, text, c->start, &zone_word);
        if (zone_len && c->start - zone_len >= last_end)
            c->start -= zone_len;
        else
            zone_word = NULL;
        last_end = c->end;
        chron_timex t = {0};
        t.pair = -1;
        t.start = c->start;
        t.end = c->end;
        cp += chron_utf8_count(text + cp_byte, c->start - cp_byte);
        t.cp_start = cp;
        t.cp_end = cp + chron_utf8_count(text + c->start, c->end - c->start);
        cp = t.cp_end;
        cp_byte = c->end;
        t.type = c->rule->type;
        t.raw = c->raw;
        t.mod = c->mod;
        if (t.raw[0] == '~' && !settle_numeric(t.raw, tagger->order, &t.ambiguous)) {
            g_free(t.raw);
            g_free(t.mod);
            g_free(c->point);
            continue;
        }
        /* "XXXX-12-25@1999" ("Christmas 1999"): a date the text names in full, settled now so
         * that nothing downstream takes it for one the reference decides. */
        if (t.raw[0] == 'X' && strchr(t.raw, '@')) {
            char *v = chron_resolve_value(t.raw, NULL, CHRON_TENSE_UNKNOWN);
            g_free(t.raw);
            if (!v) {
                g_free(t.mod);
                g_free(c->point);
                continue;
            }
            t.raw = v;
        }
        t.text =
            g_string_chunk_insert_len(list->strings, text + c->start, (gssize)(c->end - c->start));
        t.rule = c->rule->name;
        if (t.type == CHRON_TIMEX_TIME) {
            t.zone = zone_of(tagger, list, t.text);
            if (!t.zone && zone_word && *zone_word)
                t.zone = list_string(list, zone_word);
        }
        chron_span sp;
        if (sentence_at(&line, text, len, c->start, &sp)) {
            t.sent_start = sp.start;
            /* A mention may run past its sentence's end ("the\n21st century" across a line
             * break): the sentence still holds all of it. */
            t.sent_end = MAX(sp.end, c->end);
        } else {
            t.sent_start = c->start;
            t.sent_end = c->end;
        }
        /* A clock alone ("at 9 a.m.") reads it too, to tell whether it can be on the day named
         * before it (below); so does a part of the day alone ("in mid afternoon": @D+0TAF). */
        gboolean clock_alone =
            chron_text_has_prefix(t.raw, "@D+0T") &&
            (g_ascii_isdigit(t.raw[5]) ||
             (g_ascii_isupper(t.raw[5]) && g_ascii_isupper(t.raw[6]) && !t.raw[7]));
        gboolean directional = chron_text_has_prefix(t.raw, "XXXX") || ending_unit(&t) ||
                               last_day_of_unit(t.raw) || clock_alone || strcmp(t.raw, "@R") == 0;
        if (directional && (marker_sent != t.sent_start || !markers)) {
            if (!markers)
                markers = chron_tense_marks_new(NULL, NULL, 0);
            chron_tense_marks_fill(markers, c->rs->tense, text + t.sent_start,
                                   t.sent_end - t.sent_start);
            marker_sent = t.sent_start;
        }
        /* Tense is read only where it decides a value: a month or weekday without a year, or the
         * end of this year or month. */
        gboolean stated = FALSE, perfect = FALSE, aux = FALSE;
        t.tense = directional ? chron_tense_at_stated(markers, t.start - t.sent_start,
                                                      t.end - t.sent_start, &stated, &perfect, &aux)
                              : CHRON_TENSE_UNKNOWN;
        /* A past verb joined to the date by a preposition dates it, whatever future the next
         * clause tells ("left Washington on Wednesday and will not return until December"). */
        if (t.tense == CHRON_TENSE_FUTURE && chron_text_has_prefix(t.raw, "XXXX-") &&
            chron_tense_past_governs(markers, c->rs->tense, text + t.sent_start,
                                     t.start - t.sent_start))
            t.tense = CHRON_TENSE_PAST;
        const GDate *r = narrative ? &anchor : ref;
        /* A narrative told in the past moves on from its anchor, a day at a time: the past tense
         * says nothing of which side of it a weekday or a day of the month lies ("sold on
         * Friday, 7 April. On Monday the new owners..." is April 10; "On June 3 ... On the 5th"
         * is June 5). Months and holidays keep it ("In 1902 ... at Thanksgiving and at
         * Easter": the Easter before). */
        chron_tense rtense = narrative && t.tense == CHRON_TENSE_PAST &&
                                     (chron_text_has_prefix(t.raw, "XXXX-WXX-") ||
                                      chron_text_has_prefix(t.raw, "XXXX-XX-"))
                                 ? CHRON_TENSE_UNKNOWN
                                 : t.tense;
        /* In news, a weekday after "is" or "are" is one to come, or today ("Game 1 is Friday
         * night", "the office is open Saturday"): news tells of a day gone in the past tense.
         * Not the present of a lexical verb, which also captions what just happened
         * ("Demonstrators rally on Monday"). A present perfect takes no weekday ("has issued a
         * warning for Sunday night": the day is the warning's, not the issuing's), which leaves
         * it to the nearest. */
        if (!narrative && chron_text_has_prefix(t.raw, "XXXX-WXX-") && (stated || perfect))
            rtense = stated ? CHRON_TENSE_FUTURE : CHRON_TENSE_PRESENT;
        /* A deadline or a start ("until Thursday", "beginning Tuesday night", raw ending in '^')
         * lies ahead but when an auxiliary tells of the past ("was closed until Monday"): a
         * lexical verb in the past sets it up ("extended the alert through Monday", "said it may
         * cut power beginning Tuesday"). */
        if (!narrative && rtense == CHRON_TENSE_PAST && !aux &&
            chron_text_has_prefix(t.raw, "XXXX-WXX-") && g_str_has_suffix(t.raw, "^"))
            rtense = CHRON_TENSE_PRESENT;
        /* Anaphors look back at most a couple of sentences. */
        const char *near =
            last_value && (gint64)t.start - value_end < ANAPHOR_BYTES ? last_value : NULL;
        /* "A year earlier" compares with the period the text is about, even when a day ("the
         * quarter ended Sept. 30") was named since. */
        gboolean comparison = chron_text_has_prefix(t.raw, "@L");
        if (comparison && last_period && (gint64)t.start - period_end < PERIOD_BYTES)
            near = last_period;
        else if (comparison && is_period(near) && !period_is_recent(near, r))
            near = NULL;
        /* "In 1990 ... In May": a month or day of the year the narrative is in. In news, of the
         * year its sentence set before it ("In 1950, Washington excluded Korea in January"). */
        char *in_year = NULL;
        if (narrative && anchor_year && t.type != CHRON_TIMEX_SET)
            in_year = chron_resolve_in_year(t.raw, anchor_year);
        else if (!narrative && sent_year && year_sent == t.sent_start &&
                 t.type != CHRON_TIMEX_SET && month_without_year(t.raw))
            in_year = chron_resolve_in_year(t.raw, sent_year);
        /* History told in news: "landed on 6 June 1944, and by the end of August Paris was
         * free", "ended on 31 October 1940, though raids went on through the winter". A month,
         * day or season told in the past after a date long gone is of that date's year. */
        else if (!narrative && hist_year && hist_sent == t.sent_start &&
                 t.type == CHRON_TIMEX_DATE && t.tense != CHRON_TENSE_FUTURE &&
                 part_of_year_unset(t.raw))
            in_year = chron_resolve_in_year(t.raw, hist_year);
        /* A set ("each Thursday", XXXX-WXX-4) is a pattern, not a date to resolve. */
        if (t.type == CHRON_TIMEX_SET)
            t.value = g_strdup(t.raw);
        /* "By noon" in a narrative whose last date is a year ("In 2005, ..."): no day to put it
         * on (the anchor's January 1 is none). */
        else if (narrative && anchor_year && clock_alone && !names_day(near))
            t.value = NULL;
        else if (in_year)
            t.value = in_year;
        else if (verb_governs(c->rs->tense, markers, text, &t, rtense, narrative))
            t.value =
                chron_resolve_value_strict(t.raw, (r && g_date_valid(r)) ? r : NULL, rtense, near);
        else
            t.value =
                chron_resolve_value_near(t.raw, (r && g_date_valid(r)) ? r : NULL, rtense, near);
        if (in_year && t.value != in_year)
            g_free(in_year); /* not taken ("By noon" above) */
        /* "At 10 p.m.": a clock alone is on the day the text named just before, when it named
         * one and its own sentence does not place it on the other side of the reference ("The
         * hearing will start at 9 a.m." after "said on Tuesday"). */
        if (t.value && clock_alone && names_day(near) &&
            !clock_against_tense(near, t.value, t.tense)) {
            char *v = g_strdup_printf("%.10s%s", near, t.raw + 4);
            g_free(t.value);
            t.value = v;
        }
        /* "Flu peaked by the end of the year", said in March: an end still to come is told in
         * the past only of the one before, when that one is recent, or a past verb or "since"
         * leads to it ("fell at the end of the year", "since year-end", said in October). Later
         * in the year, an end in a past sentence is mostly a plan's ("agreed to share data by the
         * end of the year"). Not in a narrative, told in the past throughout: "On June 22, the
         * invasion started. By the end of the year, the war had spread." */
        if (!narrative && t.tense == CHRON_TENSE_PAST && ending_unit(&t) && r && g_date_valid(r) &&
            !end_has_come(t.raw, r) &&
            (end_just_gone(t.raw, r) ||
             chron_tense_past_leads(markers, text + t.sent_start, t.start - t.sent_start) ||
             chron_tense_past_governs(markers, c->rs->tense, text + t.sent_start,
                                      t.start - t.sent_start))) {
            g_free(t.value);
            t.value = chron_resolve_value_near(t.raw[1] == 'Y' ? "@Y-1" : "@M-1", r, t.tense, NULL);
        }
        /* The same for its last day when a past verb governs it: "the merger closed on the last
         * day of the month", said on the 20th, is the last month's (but not in "was a Thursday,
         * and the final day of the year is a holiday"). */
        if (!narrative && t.tense == CHRON_TENSE_PAST && last_day_of_unit(t.raw) && r &&
            g_date_valid(r) && !last_day_has_come(t.raw, r) &&
            chron_tense_past_governs(markers, c->rs->tense, text + t.sent_start,
                                     t.start - t.sent_start)) {
            g_free(t.value);
            t.value = chron_resolve_value_near(t.raw[1] == 'Y' ? "@Y-1XXXX-12-31" : "@M-1-LD", r,
                                               t.tense, NULL);
        }
        if (month_without_year(t.raw))
            fit_weekday(c->rs, text, r, &t);
        /* "A year later": the date it leads to from the date named just before, if any. */
        if (c->point) {
            if (near && !comparison)
                t.point = chron_resolve_point(c->point, near);
            g_free(c->point);
        }
        if (r && g_date_valid(r) && t.value && chron_text_has_prefix(t.raw, "XXXX-") &&
            g_ascii_isdigit(t.raw[5]))
            not_after_since(tagger, text, &t, r);
        /* "Three days later" after "A year later": counted from the point the first led to. */
        if (t.point && is_anchor(t.point)) {
            last_value = t.point;
            value_end = (gint64)t.end;
        }
        /* A clock on a named day ("18:21 on July 6, 2023", "the next morning", 次日凌晨) names
         * that day too; a clock alone ("at 2 p.m.", raw @D+0T14:00) takes its day from the date
         * before it (above) and names none. A comparison back ("from a year earlier", 比上年) is
         * not the date the text is about: the next one looks past it ("sales rose from a year
         * earlier, and profit from a year earlier" compare with the same year). */
        if (is_anchor(t.value) && !(comparison && t.raw[3] == '-') &&
            (t.type == CHRON_TIMEX_DATE ||
             (t.type == CHRON_TIMEX_TIME && !clock_alone && t.value[4] == '-'))) {
            last_value = t.value;
            value_end = (gint64)t.end;
            /* A comparison ("the year-ago quarter") is not the period under discussion. */
            /* Over by the time of writing: a narrative's anchor is no test of that. */
            if (is_period(t.value) && period_is_over(t.value, ref) && !comparison) {
                last_period = t.value;
                period_end = (gint64)t.end;
            }
        }
        if (is_year_span(&t) && (last_period || (r && g_date_valid(r)))) {
            char year[16];
            g_snprintf(year, sizeof year, "%d",
                       last_period ? atoi(last_period) : (int)g_date_get_year(r));
            last_period = g_string_chunk_insert_const(list->strings, year);
            period_end = (gint64)t.end;
        }
        if (r && g_date_valid(r) && names_old_month(&t, g_date_get_year(r))) {
            hist_year = atoi(t.value);
            hist_sent = t.sent_start;
        }
        if (sets_sentence_year(text, &t)) {
            sent_year = atoi(t.value);
            year_sent = t.sent_start;
        }
        if (narrative && t.type == CHRON_TIMEX_DATE && is_anchor(t.value)) {
            anchor_date(t.value, &anchor);
            anchor_year = is_part_of_year(t.value) ? atoi(t.value) : 0;
        } else if (narrative && t.type == CHRON_TIMEX_DURATION && g_date_valid(&anchor)) {
            anchor_year = move_anchor(tagger, &t, &anchor, anchor_year);
        }
        /* "8 p.m. ET", "9 a.m. London time": a zone the lexicon names by its IANA identifier
         * keeps daylight saving time, so its offset is the one on the clock's day (the
         * reference's for a clock of no day of its own, such as a set's). */
        if (t.zone && strchr(t.zone, '/')) {
            char off[7];
            t.zone =
                chron_isodate_zone_offset(t.zone, t.value, r && g_date_valid(r) ? r : NULL, off)
                    ? list_string(list, off)
                    : NULL;
        }
        g_array_append_val(list->items, t);
    }
    chron_tense_marks_free(markers);
    if (ctx)
        context_keep(ctx, len, last_value, value_end, last_period, period_end, &anchor,
                     anchor_year);
    clocks_of_sets(tagger, text, list->items);
    link_intervals(tagger, text, len, narrative ? NULL : ref, list->items);
    g_array_unref(line.spans);
    g_array_free(cands, TRUE);
    return list;
}

guint chron_timex_list_count(const chron_timex_list *list)
{
    return list ? list->items->len : 0;
}

const chron_timex *chron_timex_list_get(const chron_timex_list *list, guint i)
{
    if (!list || i >= list->items->len)
        return NULL;
    return &g_array_index(list->items, chron_timex, i);
}

void chron_timex_list_free(chron_timex_list *list)
{
    if (!list)
        return;
    for (guint i = 0; i < list->items->len; i++) {
        chron_timex *t = &g_array_index(list->items, chron_timex, i);
        g_free(t->raw);
        g_free(t->value);
        g_free(t->mod);
        g_free(t->point);
    }
    g_array_free(list->items, TRUE);
    g_string_chunk_free(list->strings);
    g_free(list);
}

const char *chron_timex_type_name(chron_timex_type type)
{
    static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)type < G_N_ELEMENTS(names) ? names[type] : "DATE";
}

const char *chron_tense_name(chron_tense tense)
{
    static const char *const names[] = {"unknown", "past", "present", "future"};
    return (unsigned)tense < G_N_ELEMENTS(names) ? names[tense] : "unknown";
}

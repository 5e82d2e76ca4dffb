/* timex.c - the tagger engine: runs every rule of the loaded languages, keeps the longest
 * non-overlapping matches, then resolves them against the reference date. Language-independent:
 * everything it knows about a language comes from src/rules/LANG/. */
#include "timex.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "resolve.h"
#include "rules.h"
#include "tense.h"
#include "text.h"
#include "wordmap.h"

/* One rule to try at a token. */
typedef struct trigger {
    guint16 rs, rule;
} trigger;

struct chron_tagger {
    GPtrArray *rulesets; /* of chron_ruleset * */
    chron_wordmap
        *index;          /* token (lower-case word, "#digit", "'", CJK char) -> GArray of trigger */
    GArray *unanchored;  /* triggers of rules without anchors: run over the whole text */
    guint32 shape[256];  /* bit n of shape[c]: some anchor word starts with byte c, n bytes long */
    gboolean exhaustive; /* run every rule over the whole text (the reference for tests) */
    chron_date_order order;
};

struct chron_timex_list {
    GArray *items; /* of chron_timex */
};

static void add_trigger(chron_tagger *t, const char *token, guint rs, guint rule)
{
    char *key = g_utf8_strdown(token, -1);
    /* A table word of several words ("less than") is anchored at its first word. */
    char *sp = strchr(key, ' ');
    if (sp)
        *sp = '\0';
    GArray *a = chron_wordmap_lookup(t->index, key, strlen(key));
    if (!a) {
        a = g_array_new(FALSE, FALSE, sizeof(trigger));
        chron_wordmap_insert(t->index, key, strlen(key), a);
    }
    trigger tr = {(guint16)rs, (guint16)rule};
    gsize n = strlen(key);
    t->shape[(guchar)key[0]] |= n < 32 ? 1u << n : 0;
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, trigger, i).rs == rs && g_array_index(a, trigger, i).rule == rule) {
            g_free(key);
            return;
        }
    g_array_append_val(a, tr);
    g_free(key);
}

static gboolean build_index(chron_tagger *t, GError **error)
{
    for (guint i = 0; i < t->rulesets->len; i++) {
        const chron_ruleset *rs = g_ptr_array_index(t->rulesets, i);
        for (guint r = 0; r < rs->rules->len; r++) {
            const chron_rule *rule = g_ptr_array_index(rs->rules, r);
            if (!rule->anchors) {
                trigger tr = {(guint16)i, (guint16)r};
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
                    return FALSE;
                }
                for (guint w = 0; w < words->len; w++)
                    add_trigger(t, g_ptr_array_index(words, w), i, r);
            }
        }
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
 * is a date. */
static gboolean settle_numeric(char *raw, chron_date_order order, gboolean *ambiguous)
{
    int y = atoi(raw + 1), a = atoi(raw + 6), b = atoi(raw + 9);
    gboolean mdy = g_date_valid_dmy(b, a, y), dmy = g_date_valid_dmy(a, b, y);
    if (!mdy && !dmy)
        return FALSE;
    *ambiguous = mdy && dmy && a != b;
    gboolean day_first = dmy && (!mdy || order == CHRON_ORDER_DMY);
    g_snprintf(raw, strlen(raw) + 1, "%04d-%02d-%02d", y, day_first ? b : a, day_first ? a : b);
    return TRUE;
}

void chron_tagger_set_exhaustive(chron_tagger *tagger, gboolean exhaustive)
{
    tagger->exhaustive = exhaustive;
}

chron_tagger *chron_tagger_new(const char *lang, GError **error)
{
    chron_tagger *t = g_new0(chron_tagger, 1);
    t->rulesets = g_ptr_array_new_with_free_func((GDestroyNotify)chron_ruleset_free);
    t->index = chron_wordmap_new(free_array);
    t->unanchored = g_array_new(FALSE, FALSE, sizeof(trigger));
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
    return t;
}

void chron_tagger_free(chron_tagger *tagger)
{
    if (!tagger)
        return;
    g_ptr_array_free(tagger->rulesets, TRUE);
    chron_wordmap_free(tagger->index);
    g_array_free(tagger->unanchored, TRUE);
    g_free(tagger);
}

typedef struct candidate {
    gsize start, end;
    guint order; /* ruleset index * 10000 + rule index: earlier rules win ties */
    const chron_ruleset *rs;
    const chron_rule *rule;
    char *raw;
    char *mod;
} candidate;

static gint cmp_candidate(gconstpointer pa, gconstpointer pb)
{
    const candidate *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1; /* longer first */
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Records the match m of rule as a candidate when its value template expands. */
static void add_candidate(const chron_ruleset *rs, guint rs_index, guint r, const chron_rule *rule,
                          const char *text, const chron_match *m, GArray *out)
{
    gsize s, e;
    if (!chron_match_group(m, rule->extent_group, &s, &e) || e <= s)
        return;
    char *raw = chron_ruleset_expand(rs, rule, text, m, rule->value_tpl);
    if (!raw)
        return;
    char *mod = rule->mod_tpl ? chron_ruleset_expand(rs, rule, text, m, rule->mod_tpl) : NULL;
    if (mod && !*mod)
        g_clear_pointer(&mod, g_free);
    candidate c = {s, e, rs_index * 10000 + r, rs, rule, raw, mod};
    g_array_append_val(out, c);
}

/* Runs one rule over the whole text. */
static void collect_rule(const chron_ruleset *rs, guint rs_index, guint r, const char *text,
                         gsize len, GArray *out)
{
    const chron_rule *rule = g_ptr_array_index(rs->rules, r);
    chron_match *m = chron_match_new(rule->re);
    gsize off = 0, ms, me;
    while (off <= len && chron_pattern_exec(rule->re, text, len, off, m) &&
           chron_match_group(m, 0, &ms, &me)) {
        off = me > ms ? me : ms + 1;
        while (off < len && (text[off] & 0xC0) == 0x80)
            off++;
        add_candidate(rs, rs_index, r, rule, text, m, out);
    }
    chron_match_free(m);
}

#define MAX_MENTION_BYTES 400
#define ANAPHOR_BYTES 600

/* Per-call scratch for the anchored scan: one match block per rule, made on first use. */
typedef struct scan {
    const chron_tagger *t;
    const char *text;
    gsize len;
    GArray *out;
    chron_match ***blocks;                 /* [ruleset][rule] */
    gsize starts[CHRON_RULE_MAX_BACK + 1]; /* the most recent token starts, a ring */
    guint ntokens;
} scan;

static void try_at(scan *sc, const trigger *tr, gsize at)
{
    const chron_ruleset *rs = g_ptr_array_index(sc->t->rulesets, tr->rs);
    const chron_rule *rule = g_ptr_array_index(rs->rules, tr->rule);
    chron_match **m = &sc->blocks[tr->rs][tr->rule];
    if (!*m)
        *m = chron_match_new(rule->re_anchored);
    /* No mention is this long. The bound also keeps PCRE2 from searching the rest of the text
     * for a required character before each anchored attempt. */
    gsize end = sc->len - at > MAX_MENTION_BYTES ? at + MAX_MENTION_BYTES : sc->len;
    if (chron_pattern_exec(rule->re_anchored, sc->text, end, at, *m))
        add_candidate(rs, tr->rs, tr->rule, rule, sc->text, *m, sc->out);
}

/* A token starts at byte s: try the rules anchored on key at s and up to their back tokens
 * earlier. */
static void run_triggers(scan *sc, const char *key, gsize n)
{
    GArray *a = chron_wordmap_lookup(sc->t->index, key, n);
    if (!a)
        return;
    for (guint i = 0; i < a->len; i++) {
        const trigger *tr = &g_array_index(a, trigger, i);
        const chron_ruleset *rs = g_ptr_array_index(sc->t->rulesets, tr->rs);
        const chron_rule *rule = g_ptr_array_index(rs->rules, tr->rule);
        for (int b = 0; b <= rule->back && (guint)b < sc->ntokens; b++)
            try_at(sc, tr, sc->starts[(sc->ntokens - 1 - b) % (CHRON_RULE_MAX_BACK + 1)]);
    }
}

/* A token of n bytes (key need not be NUL-terminated) starts at byte s. */
static void on_token(scan *sc, const char *key, gsize n, gsize s)
{
    sc->starts[sc->ntokens % (CHRON_RULE_MAX_BACK + 1)] = s;
    sc->ntokens++;
    if (key[0] == '#') {
        run_triggers(sc, "#digit", 6);
        run_triggers(sc, key, n);
        return;
    }
    /* Most words anchor nothing: a bitmap of (first byte, length) skips their look-up. */
    if (n == 0 || (n < 32 && !(sc->t->shape[(guchar)key[0]] & (1u << n))))
        return;
    run_triggers(sc, key, n);
}

/* One pass over the text: words (lower-cased), digit runs, CJK characters and apostrophes
 * before digits are tokens; each is looked up in the anchor index. */
static void collect_anchored(const chron_tagger *t, const char *text, gsize len, GArray *out)
{
    scan sc = {t, text, len, out, NULL, {0}, 0};
    sc.blocks = g_new0(chron_match **, t->rulesets->len);
    for (guint i = 0; i < t->rulesets->len; i++)
        sc.blocks[i] =
            g_new0(chron_match *, ((chron_ruleset *)g_ptr_array_index(t->rulesets, i))->rules->len);
    char word[32];
    gsize i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (g_ascii_isalpha(c)) {
            gsize s = i, n = 0;
            while (i < len && g_ascii_isalpha(text[i])) {
                if (n < sizeof word)
                    word[n++] = (char)(text[i] | 0x20); /* ASCII lower case */
                i++;
            }
            /* Longer words than any anchor are still tokens for back counting. */
            on_token(&sc, word, i - s <= sizeof word ? n : 0, s);
        } else if (g_ascii_isdigit(c)) {
            gsize s = i;
            while (i < len && g_ascii_isdigit(text[i]))
                i++;
            /* "#digit" anchors any digit run, "#digit4" one of four digits ("#digit9" and up). */
            char key[8] = "#digitN";
            key[6] = (char)('0' + MIN(i - s, 9));
            on_token(&sc, key, 7, s);
        } else if (c < 0x80) {
            if (c == '\'' && i + 1 < len && g_ascii_isdigit(text[i + 1]))
                on_token(&sc, "'", 1, i);
            i++;
        } else {
            gunichar u = g_utf8_get_char(text + i);
            gsize n = g_utf8_next_char(text + i) - (text + i);
            if (u == 0x2019 && i + n < len && g_ascii_isdigit(text[i + n]))
                on_token(&sc, "'", 1, i);
            else if (u >= 0x2E80)
                on_token(&sc, text + i, n, i);
            i += n;
        }
    }
    for (guint k = 0; k < t->rulesets->len; k++) {
        guint nr = ((chron_ruleset *)g_ptr_array_index(t->rulesets, k))->rules->len;
        for (guint r = 0; r < nr; r++)
            chron_match_free(sc.blocks[k][r]);
        g_free(sc.blocks[k]);
    }
    g_free(sc.blocks);
    for (guint k = 0; k < t->unanchored->len; k++) {
        const trigger *tr = &g_array_index(t->unanchored, trigger, k);
        collect_rule(g_ptr_array_index(t->rulesets, tr->rs), tr->rs, tr->rule, text, len, out);
    }
}

static void collect(const chron_ruleset *rs, guint rs_index, const char *text, gsize len,
                    GArray *out)
{
    for (guint r = 0; r < rs->rules->len; r++)
        collect_rule(rs, rs_index, r, text, len, out);
}

/* Index of the sentence holding byte offset off (sentences are sorted and disjoint). */
static guint find_sentence(GArray *sents, gsize off)
{
    guint lo = 0, hi = sents->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(sents, chron_span, mid).end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A value that can anchor later relative mentions in a narrative: an absolute date with at
 * least a year. */
static gboolean is_anchor(const char *v)
{
    return v && strlen(v) >= 4 && g_ascii_isdigit(v[0]) && g_ascii_isdigit(v[1]) &&
           g_ascii_isdigit(v[2]) && g_ascii_isdigit(v[3]) && (v[4] == '\0' || v[4] == '-');
}

static void anchor_date(const char *v, GDate *out)
{
    /* v is "YYYY", "YYYY-MM..." or "YYYY-MM-DD...": read no further than its length. */
    int y = atoi(v), m = 1, d = 1;
    gsize n = strlen(v);
    if (n >= 7 && v[4] == '-' && g_ascii_isdigit(v[5]) && g_ascii_isdigit(v[6]))
        m = atoi(v + 5);
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

/* Only these words (and spaces) may stand between the two ends of an interval. */
static gboolean joins(const char *text, gsize a, gsize b, const char *const *words)
{
    while (a < b && (text[a] == ' ' || text[a] == ','))
        a++;
    while (b > a && text[b - 1] == ' ')
        b--;
    for (const char *const *w = words; *w; w++)
        if (b - a == strlen(*w) && g_ascii_strncasecmp(text + a, *w, b - a) == 0)
            return TRUE;
    return FALSE;
}

/* Intervals and bounds from the words around mentions: "from X to Y", "between X and Y",
 * "since X", "until X"; "before X" and "after X" set the BEFORE and AFTER modifiers. */
static void link_intervals(const char *text, GArray *items)
{
    static const char *const to_words[] = {"to", "until", "till", "through", "-", "–", NULL};
    static const char *const and_words[] = {"and", NULL};
    char w[16];
    for (guint i = 0; i < items->len; i++) {
        chron_timex *t = &g_array_index(items, chron_timex, i);
        chron_timex *n = i + 1 < items->len ? &g_array_index(items, chron_timex, i + 1) : NULL;
        const char *before = word_before(text, t->sent_start, t->start, w, sizeof w);
        gboolean same = n && n->sent_start == t->sent_start && t->type == n->type;
        if (same && (strcmp(before, "from") == 0 || strcmp(before, "between") == 0) &&
            joins(text, t->end, n->start, strcmp(before, "from") == 0 ? to_words : and_words)) {
            t->interval = "start";
            n->interval = "end";
            /* "between March and May 2001": the start takes the year the end names. */
            if (g_str_has_prefix(t->raw, "XXXX-") && n->value && strlen(n->value) >= 4 &&
                g_ascii_isdigit(n->value[0]) && g_ascii_isdigit(n->value[3])) {
                g_free(t->value);
                t->value = g_strdup_printf("%.4s%s", n->value, t->raw + 4);
            }
            t->pair = (int)i + 1;
            n->pair = (int)i;
            i++;
            continue;
        }
        if (t->interval)
            continue;
        if (strcmp(before, "since") == 0)
            t->interval = "since";
        else if (strcmp(before, "until") == 0 || strcmp(before, "till") == 0)
            t->interval = "until";
        else if (!t->mod && t->type != CHRON_TIMEX_DURATION && strcmp(before, "before") == 0)
            t->mod = g_strdup("BEFORE");
        else if (!t->mod && t->type != CHRON_TIMEX_DURATION && strcmp(before, "after") == 0)
            t->mod = g_strdup("AFTER");
    }
}

chron_timex_list *chron_tagger_tag(const chron_tagger *tagger, const char *text, gsize len,
                                   const GDate *ref, gboolean narrative)
{
    chron_timex_list *list = g_new0(chron_timex_list, 1);
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

    GArray *sents = chron_text_sentences(text, len);
    GDate anchor;
    g_date_clear(&anchor, 1);
    if (ref && g_date_valid(ref))
        anchor = *ref;
    gsize last_end = 0, cp_byte = 0;
    const char *last_value = NULL; /* the last absolute date, for anaphors; owned by list */
    gsize value_end = 0;
    int anchor_year = 0; /* the narrative's last date was this whole year */
    glong cp = 0;
    chron_tense_marks *markers = NULL; /* tense markers of the sentence at marker_sent */
    gsize marker_sent = G_MAXSIZE;
    for (guint i = 0; i < cands->len; i++) {
        candidate *c = &g_array_index(cands, candidate, i);
        if (c->start < last_end) {
            g_free(c->raw);
            g_free(c->mod);
            continue;
        }
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
        t.text = g_strndup(text + c->start, c->end - c->start);
        t.type = c->rule->type;
        t.raw = c->raw;
        t.mod = c->mod;
        if (t.raw[0] == '~' && !settle_numeric(t.raw, tagger->order, &t.ambiguous)) {
            g_free(t.text);
            g_free(t.raw);
            g_free(t.mod);
            continue;
        }
        t.rule = c->rule->name;
        guint si = find_sentence(sents, c->start);
        if (si < sents->len && g_array_index(sents, chron_span, si).start <= c->start) {
            chron_span sp = g_array_index(sents, chron_span, si);
            t.sent_start = sp.start;
            t.sent_end = sp.end;
        } else {
            t.sent_start = c->start;
            t.sent_end = c->end;
        }
        gboolean directional = g_str_has_prefix(t.raw, "XXXX");
        if (directional && (marker_sent != t.sent_start || !markers)) {
            chron_tense_marks_free(markers);
            markers =
                chron_tense_marks_new(c->rs->tense, text + t.sent_start, t.sent_end - t.sent_start);
            marker_sent = t.sent_start;
        }
        /* Tense is read only where it decides a value: a month or weekday without a year. */
        t.tense = directional
                      ? chron_tense_at(markers, t.start - t.sent_start, t.end - t.sent_start)
                      : CHRON_TENSE_UNKNOWN;
        const GDate *r = narrative ? &anchor : ref;
        /* Anaphors look back at most a couple of sentences. */
        const char *near = last_value && t.start - value_end < ANAPHOR_BYTES ? last_value : NULL;
        /* A set ("each Thursday", XXXX-WXX-4) is a pattern, not a date to resolve. */
        if (t.type == CHRON_TIMEX_SET)
            t.value = g_strdup(t.raw);
        else if (narrative && anchor_year && g_str_has_prefix(t.raw, "XXXX-") && t.raw[5] != 'W')
            /* "In 1990 ... In May": a month or day of the year the narrative is in. */
            t.value = g_strdup_printf("%04d%s", anchor_year, t.raw + 4);
        else
            t.value =
                chron_resolve_value_near(t.raw, (r && g_date_valid(r)) ? r : NULL, t.tense, near);
        if (t.type == CHRON_TIMEX_DATE && is_anchor(t.value)) {
            last_value = t.value;
            value_end = t.end;
        }
        if (narrative && t.type == CHRON_TIMEX_DATE && is_anchor(t.value)) {
            anchor_date(t.value, &anchor);
            anchor_year = strlen(t.value) == 4 ? atoi(t.value) : 0;
        }
        g_array_append_val(list->items, t);
    }
    chron_tense_marks_free(markers);
    link_intervals(text, list->items);
    g_array_unref(sents);
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
        g_free(t->text);
        g_free(t->raw);
        g_free(t->value);
        g_free(t->mod);
    }
    g_array_free(list->items, TRUE);
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

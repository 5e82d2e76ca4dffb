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

struct chron_tagger {
    GPtrArray *rulesets; /* of chron_ruleset * */
};

struct chron_timex_list {
    GArray *items; /* of chron_timex */
};

static const char *const langs_all[] = {"en", "zh"};

chron_tagger *chron_tagger_new(const char *lang, GError **error)
{
    chron_tagger *t = g_new0(chron_tagger, 1);
    t->rulesets = g_ptr_array_new_with_free_func((GDestroyNotify)chron_ruleset_free);
    gboolean all = !lang || strcmp(lang, "auto") == 0;
    for (guint i = 0; i < G_N_ELEMENTS(langs_all); i++) {
        if (!all && strcmp(lang, langs_all[i]) != 0)
            continue;
        chron_ruleset *rs = chron_ruleset_load(langs_all[i], error);
        if (!rs) {
            chron_tagger_free(t);
            return NULL;
        }
        g_ptr_array_add(t->rulesets, rs);
    }
    if (t->rulesets->len == 0) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "no rules for language \"%s\"", lang);
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

static void collect(const chron_ruleset *rs, guint rs_index, const char *text, gsize len,
                    GArray *out)
{
    for (guint r = 0; r < rs->rules->len; r++) {
        const chron_rule *rule = g_ptr_array_index(rs->rules, r);
        chron_match *m = chron_match_new(rule->re);
        gsize off = 0, ms, me, s, e;
        while (off <= len && chron_pattern_exec(rule->re, text, len, off, m) &&
               chron_match_group(m, 0, &ms, &me)) {
            off = me > ms ? me : ms + 1;
            while (off < len && (text[off] & 0xC0) == 0x80)
                off++;
            if (!chron_match_group(m, rule->extent_group, &s, &e) || e <= s)
                continue;
            char *raw = chron_ruleset_expand(rs, rule, text, m, rule->value_tpl);
            if (!raw)
                continue;
            char *mod = rule->mod_tpl ? chron_ruleset_expand(rs, rule, text, m, rule->mod_tpl) : NULL;
            if (mod && !*mod)
                g_clear_pointer(&mod, g_free);
            candidate c = {s, e, rs_index * 10000 + r, rs, rule, raw, mod};
            g_array_append_val(out, c);
        }
        chron_match_free(m);
    }
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
    int y = atoi(v), m = 1, d = 1;
    if (v[4] == '-' && g_ascii_isdigit(v[5]))
        m = atoi(v + 5);
    if (m >= 1 && m <= 12 && v[7] == '-' && g_ascii_isdigit(v[8]))
        d = atoi(v + 8);
    if (y >= 1 && g_date_valid_dmy(d, m, y))
        g_date_set_dmy(out, d, m, y);
}

chron_timex_list *chron_tagger_tag(const chron_tagger *tagger, const char *text, gsize len,
                                   const GDate *ref, gboolean narrative)
{
    chron_timex_list *list = g_new0(chron_timex_list, 1);
    list->items = g_array_new(FALSE, TRUE, sizeof(chron_timex));
    GArray *cands = g_array_new(FALSE, FALSE, sizeof(candidate));
    for (guint i = 0; i < tagger->rulesets->len; i++)
        collect(g_ptr_array_index(tagger->rulesets, i), i, text, len, cands);
    g_array_sort(cands, cmp_candidate);

    GArray *sents = chron_text_sentences(text, len);
    GDate anchor;
    g_date_clear(&anchor, 1);
    if (ref && g_date_valid(ref))
        anchor = *ref;
    gsize last_end = 0, cp_byte = 0;
    glong cp = 0;
    for (guint i = 0; i < cands->len; i++) {
        candidate *c = &g_array_index(cands, candidate, i);
        if (c->start < last_end) {
            g_free(c->raw);
            g_free(c->mod);
            continue;
        }
        last_end = c->end;
        chron_timex t = {0};
        t.start = c->start;
        t.end = c->end;
        cp += g_utf8_strlen(text + cp_byte, c->start - cp_byte);
        t.cp_start = cp;
        t.cp_end = cp + g_utf8_strlen(text + c->start, c->end - c->start);
        cp = t.cp_end;
        cp_byte = c->end;
        t.text = g_strndup(text + c->start, c->end - c->start);
        t.type = c->rule->type;
        t.raw = c->raw;
        t.mod = c->mod;
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
        t.tense = chron_tense_guess(c->rs->past, c->rs->future, text + t.sent_start,
                                    t.sent_end - t.sent_start, t.start - t.sent_start,
                                    t.end - t.sent_start);
        const GDate *r = narrative ? &anchor : ref;
        t.value = chron_resolve_value(t.raw, (r && g_date_valid(r)) ? r : NULL, t.tense);
        if (narrative && t.type == CHRON_TIMEX_DATE && is_anchor(t.value))
            anchor_date(t.value, &anchor);
        g_array_append_val(list->items, t);
    }
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

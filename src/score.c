/* score.c - TempEval-3 Task A scoring and an error report by expression class. */
#include "score.h"

#include <string.h>

typedef struct row {
    guint gold, missed, partial, wrong_type, wrong_value, spurious;
    GPtrArray *examples; /* of char * */
} row;

struct chron_score {
    guint gold, system, strict, relaxed, type_ok, value_ok;
    GHashTable *rows; /* class -> row */
};

static void row_free(row *r)
{
    g_ptr_array_free(r->examples, TRUE);
    g_free(r);
}

chron_score *chron_score_new(void)
{
    chron_score *s = g_new0(chron_score, 1);
    s->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)row_free);
    return s;
}

void chron_score_free(chron_score *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->rows);
    g_free(s);
}

static const char *granularity(const char *type, const char *v)
{
    gsize n = strlen(v);
    if (strstr(v, "_REF"))
        return "ref";
    if (strcmp(type, "DURATION") == 0 || strcmp(type, "SET") == 0)
        return "";
    if (strchr(v, 'T') && g_ascii_isdigit(v[0]))
        return "time";
    if (n >= 10 && v[4] == '-' && v[7] == '-')
        return "day";
    if (n >= 8 && v[4] == '-' && v[5] == 'W')
        return "week";
    if (n == 7 && v[4] == '-' && g_ascii_isdigit(v[5]))
        return "month";
    if (n >= 6 && v[4] == '-')
        return "part-of-year"; /* quarters, halves, seasons */
    if (n == 4)
        return g_ascii_isdigit(v[3]) ? "year" : "decade";
    if (n == 3)
        return "decade";
    if (n == 2)
        return "century";
    return "other";
}

char *chron_score_class(const char *type, const char *value, const char *text, gsize len)
{
    gboolean digits = FALSE;
    for (gsize i = 0; i < len; i++)
        digits |= g_ascii_isdigit(text[i]);
    const char *g = granularity(type, value ? value : "");
    return g_strdup_printf("%s%s%s/%s", type, *g ? "/" : "", g, digits ? "explicit" : "relative");
}

static row *get_row(chron_score *s, const char *cls)
{
    row *r = g_hash_table_lookup(s->rows, cls);
    if (!r) {
        r = g_new0(row, 1);
        r->examples = g_ptr_array_new_with_free_func(g_free);
        g_hash_table_insert(s->rows, g_strdup(cls), r);
    }
    return r;
}

static void example(row *r, const char *doc, const char *what)
{
    if (r->examples->len < 1000)
        g_ptr_array_add(r->examples, g_strdup_printf("%s: %s", doc, what));
}

void chron_score_add(chron_score *s, const char *doc, const char *text, const GArray *gold,
                     const GArray *sys)
{
    s->gold += gold->len;
    s->system += sys->len;
    gboolean *used = g_new0(gboolean, sys->len + 1);
    guint j0 = 0;
    for (guint i = 0; i < gold->len; i++) {
        const chron_gold_timex *g = &g_array_index(gold, chron_gold_timex, i);
        char *cls = chron_score_class(g->type, g->value, text + g->start, g->end - g->start);
        row *r = get_row(s, cls);
        r->gold++;
        /* The first unused system mention overlapping g (both lists are in text order). */
        while (j0 < sys->len && g_array_index(sys, chron_gold_timex, j0).end <= g->start)
            j0++;
        int match = -1;
        for (guint j = j0; j < sys->len; j++) {
            const chron_gold_timex *t = &g_array_index(sys, chron_gold_timex, j);
            if (t->start >= g->end)
                break;
            if (!used[j] && t->end > g->start) {
                match = (int)j;
                break;
            }
        }
        char *gtext = g_strndup(text + g->start, g->end - g->start);
        if (match < 0) {
            r->missed++;
            char *w = g_strdup_printf("missed \"%s\" (%s %s)", gtext, g->type, g->value);
            example(r, doc, w);
            g_free(w);
        } else {
            const chron_gold_timex *t = &g_array_index(sys, chron_gold_timex, match);
            used[match] = TRUE;
            s->relaxed++;
            char *stext = g_strndup(text + t->start, t->end - t->start);
            if (t->start == g->start && t->end == g->end) {
                s->strict++;
            } else {
                r->partial++;
                char *w = g_strdup_printf("extent \"%s\" for gold \"%s\"", stext, gtext);
                example(r, doc, w);
                g_free(w);
            }
            if (g_strcmp0(t->type, g->type) == 0)
                s->type_ok++;
            else
                r->wrong_type++;
            if (g_strcmp0(t->value, g->value) == 0) {
                s->value_ok++;
            } else {
                r->wrong_value++;
                char *w = g_strdup_printf("value %s for gold %s in \"%s\"",
                                          t->value ? t->value : "-", g->value, gtext);
                example(r, doc, w);
                g_free(w);
            }
            g_free(stext);
        }
        g_free(gtext);
        g_free(cls);
    }
    for (guint j = 0; j < sys->len; j++) {
        if (used[j])
            continue;
        const chron_gold_timex *t = &g_array_index(sys, chron_gold_timex, j);
        char *cls = chron_score_class(t->type, t->value ? t->value : "", text + t->start,
                                      t->end - t->start);
        row *r = get_row(s, cls);
        r->spurious++;
        char *stext = g_strndup(text + t->start, t->end - t->start);
        char *w =
            g_strdup_printf("spurious \"%s\" (%s %s)", stext, t->type, t->value ? t->value : "-");
        example(r, doc, w);
        g_free(w);
        g_free(stext);
        g_free(cls);
    }
    g_free(used);
}

static double ratio(guint a, guint b)
{
    return b ? (double)a / b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

void chron_score_totals_get(const chron_score *s, chron_score_totals *o)
{
    memset(o, 0, sizeof *o);
    o->gold = s->gold;
    o->system = s->system;
    o->strict = s->strict;
    o->relaxed = s->relaxed;
    o->type_ok = s->type_ok;
    o->value_ok = s->value_ok;
    o->strict_p = ratio(s->strict, s->system);
    o->strict_r = ratio(s->strict, s->gold);
    o->strict_f1 = f1(o->strict_p, o->strict_r);
    o->relaxed_p = ratio(s->relaxed, s->system);
    o->relaxed_r = ratio(s->relaxed, s->gold);
    o->relaxed_f1 = f1(o->relaxed_p, o->relaxed_r);
    o->type_acc = ratio(s->type_ok, s->relaxed);
    o->value_acc = ratio(s->value_ok, s->relaxed);
    o->value_f1 = o->value_acc * o->relaxed_f1;
}

static gint cmp_keys(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *chron_score_report(const chron_score *s, guint examples)
{
    chron_score_totals t;
    chron_score_totals_get(s, &t);
    GString *o = g_string_new(NULL);
    g_string_append_printf(o, "gold %u, system %u, strict matches %u, relaxed matches %u\n", t.gold,
                           t.system, t.strict, t.relaxed);
    g_string_append_printf(o, "strict   P %.4f  R %.4f  F1 %.4f\n", t.strict_p, t.strict_r,
                           t.strict_f1);
    g_string_append_printf(o, "relaxed  P %.4f  R %.4f  F1 %.4f\n", t.relaxed_p, t.relaxed_r,
                           t.relaxed_f1);
    g_string_append_printf(o, "type accuracy %.4f  value accuracy %.4f  value F1 %.4f\n\n",
                           t.type_acc, t.value_acc, t.value_f1);
    g_string_append_printf(o, "%-32s %6s %7s %7s %7s %7s %9s\n", "class", "gold", "missed",
                           "extent", "type", "value", "spurious");
    GPtrArray *keys = g_ptr_array_new();
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, s->rows);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_ptr_array_add(keys, k);
    g_ptr_array_sort(keys, cmp_keys);
    for (guint i = 0; i < keys->len; i++) {
        const row *r = g_hash_table_lookup(s->rows, g_ptr_array_index(keys, i));
        g_string_append_printf(o, "%-32s %6u %7u %7u %7u %7u %9u\n",
                               (const char *)g_ptr_array_index(keys, i), r->gold, r->missed,
                               r->partial, r->wrong_type, r->wrong_value, r->spurious);
    }
    for (guint i = 0; examples && i < keys->len; i++) {
        const row *r = g_hash_table_lookup(s->rows, g_ptr_array_index(keys, i));
        if (!r->examples->len)
            continue;
        g_string_append_printf(o, "\n## %s\n", (const char *)g_ptr_array_index(keys, i));
        for (guint j = 0; j < r->examples->len && j < examples; j++)
            g_string_append_printf(o, "  %s\n", (const char *)g_ptr_array_index(r->examples, j));
    }
    g_ptr_array_free(keys, TRUE);
    return g_string_free(o, FALSE);
}

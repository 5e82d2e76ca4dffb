/* tleval.c - a timeline scored against a gold timeline. */
#include "tleval.h"

#include <string.h>

#include "error.h"

typedef struct {
    char *value;
    char **docs;  /* file name prefixes */
    char **words; /* case-folded key words */
    char *note;
    GDate start, end;
    guint line;
} gold_event;

struct chron_tlgold {
    GArray *events; /* of gold_event */
};

static void gold_event_clear(gpointer p)
{
    gold_event *e = p;
    g_free(e->value);
    g_strfreev(e->docs);
    g_strfreev(e->words);
    g_free(e->note);
}

void chron_tlgold_free(chron_tlgold *g)
{
    if (!g)
        return;
    g_array_unref(g->events);
    g_free(g);
}

guint chron_tlgold_count(const chron_tlgold *g)
{
    return g->events->len;
}

/* Splits s at sep into trimmed, non-empty parts, case-folded when fold. */
static char **split_list(const char *s, const char *sep, gboolean fold)
{
    char **parts = g_strsplit(s, sep, -1);
    GPtrArray *out = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        char *w = g_strstrip(*p);
        if (*w)
            g_ptr_array_add(out, fold ? g_utf8_casefold(w, -1) : g_strdup(w));
    }
    g_strfreev(parts);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

chron_tlgold *chron_tlgold_parse(const char *name, const char *data, gsize len, GError **error)
{
    chron_tlgold *g = g_new0(chron_tlgold, 1);
    g->events = g_array_new(FALSE, TRUE, sizeof(gold_event));
    g_array_set_clear_func(g->events, gold_event_clear);
    if (!g_utf8_validate(data, (gssize)len, NULL)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: not UTF-8 text", name);
        chron_tlgold_free(g);
        return NULL;
    }
    char *copy = g_strndup(data, len);
    char **lines = g_strsplit(copy, "\n", -1);
    g_free(copy);
    gboolean ok = TRUE;
    for (guint i = 0; lines[i] && ok; i++) {
        char *l = lines[i];
        g_strchomp(l);
        if (!*l || *l == '#' || g_str_has_prefix(l, "value\t"))
            continue;
        char **f = g_strsplit(l, "\t", 4);
        guint n = g_strv_length(f);
        gold_event e = {0};
        chron_event *probe = chron_event_new();
        if (n < 3) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "%s:%u: expected value, docs and words separated by tabs", name, i + 1);
            ok = FALSE;
        } else if (!chron_event_span_from_value(probe, g_strstrip(f[0]))) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s:%u: '%s' is not a date value",
                        name, i + 1, f[0]);
            ok = FALSE;
        } else {
            e.value = g_strdup(f[0]);
            e.docs = split_list(f[1], ",", FALSE);
            e.words = split_list(f[2], ";", TRUE);
            e.note = g_strdup(n > 3 ? g_strstrip(f[3]) : "");
            e.start = probe->start;
            e.end = probe->end;
            e.line = i + 1;
            if (!e.words[0]) {
                g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s:%u: no key words", name,
                            i + 1);
                gold_event_clear(&e);
                ok = FALSE;
            } else {
                g_array_append_val(g->events, e);
            }
        }
        chron_event_free(probe);
        g_strfreev(f);
    }
    g_strfreev(lines);
    if (!ok) {
        chron_tlgold_free(g);
        return NULL;
    }
    return g;
}

chron_tlgold *chron_tlgold_load(const char *path, GError **error)
{
    char *data;
    gsize len;
    if (!g_file_get_contents(path, &data, &len, error))
        return NULL;
    chron_tlgold *g = chron_tlgold_parse(path, data, len, error);
    g_free(data);
    return g;
}

/* The event's texts, case-folded: its summary and every source sentence. */
static char *folded_text(const chron_event *ev)
{
    GString *s = g_string_new(ev->summary);
    g_string_append_c(s, '\n');
    if (ev->sentence)
        g_string_append(s, ev->sentence);
    for (guint i = 0; ev->sources && i < ev->sources->len; i++) {
        const chron_source *src = g_ptr_array_index(ev->sources, i);
        g_string_append_c(s, '\n');
        g_string_append(s, src->sentence ? src->sentence : "");
    }
    char *f = g_utf8_casefold(s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    return f;
}

static gboolean overlaps(const gold_event *g, const chron_event *ev)
{
    return g_date_valid(&ev->start) && g_date_compare(&ev->start, &g->end) < 0 &&
           g_date_compare(&g->start, &ev->end) < 0;
}

static gboolean words_match(const gold_event *g, const char *text)
{
    for (char **w = g->words; *w; w++)
        if (!strstr(text, *w))
            return FALSE;
    return TRUE;
}

/* TRUE when the event's source articles are exactly the gold's (by file name prefix). */
static gboolean sources_match(const gold_event *g, const chron_event *ev)
{
    guint ndocs = g_strv_length(g->docs);
    gboolean *seen = g_new0(gboolean, ndocs + 1);
    gboolean ok = TRUE;
    for (guint i = 0; ev->sources && i < ev->sources->len && ok; i++) {
        const chron_source *src = g_ptr_array_index(ev->sources, i);
        char *base = g_path_get_basename(src->doc);
        gboolean found = FALSE;
        for (guint d = 0; d < ndocs; d++)
            if (g_str_has_prefix(base, g->docs[d]))
                found = seen[d] = TRUE;
        ok = found;
        g_free(base);
    }
    for (guint d = 0; d < ndocs && ok; d++)
        ok = seen[d];
    g_free(seen);
    return ok;
}

static double ratio(guint a, guint b)
{
    return b ? (double)a / b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void describe(GString *r, const chron_event *ev)
{
    g_string_append_printf(r, "%s \"%s\" (", ev->value, ev->summary ? ev->summary : "");
    for (guint i = 0; ev->sources && i < ev->sources->len; i++) {
        const chron_source *src = g_ptr_array_index(ev->sources, i);
        char *base = g_path_get_basename(src->doc);
        g_string_append_printf(r, "%s%s", i ? ", " : "", base);
        g_free(base);
    }
    g_string_append(r, ")");
}

void chron_tleval_run(const chron_tlgold *g, const chron_event_list *events,
                      chron_tleval_totals *out, char **report)
{
    guint ns = chron_event_list_count(events), ng = g->events->len;
    char **texts = g_new0(char *, ns + 1);
    for (guint i = 0; i < ns; i++)
        texts[i] = folded_text(chron_event_list_get(events, i));
    int *match_of = g_new(int, ng + 1); /* gold -> system index or -1 */
    gboolean *used = g_new0(gboolean, ns + 1);
    chron_tleval_totals t = {.gold = ng, .system = ns};
    for (guint k = 0; k < ng; k++) {
        const gold_event *ge = &g_array_index(g->events, gold_event, k);
        int best = -1;
        for (guint i = 0; i < ns; i++) {
            const chron_event *ev = chron_event_list_get(events, i);
            if (used[i] || !overlaps(ge, ev) || !words_match(ge, texts[i]))
                continue;
            if (best < 0 || (g_strcmp0(ev->value, ge->value) == 0 &&
                             g_strcmp0(chron_event_list_get(events, best)->value, ge->value)))
                best = (int)i;
        }
        match_of[k] = best;
        if (best < 0)
            continue;
        used[best] = TRUE;
        const chron_event *ev = chron_event_list_get(events, (guint)best);
        t.matched++;
        t.dates_ok += g_strcmp0(ev->value, ge->value) == 0;
        t.sources_ok += sources_match(ge, ev);
    }
    t.event_p = ratio(t.matched, ns);
    t.event_r = ratio(t.matched, ng);
    t.event_f1 = f1(t.event_p, t.event_r);
    t.date_p = ratio(t.dates_ok, ns);
    t.date_r = ratio(t.dates_ok, ng);
    t.date_f1 = f1(t.date_p, t.date_r);
    if (out)
        *out = t;
    if (report) {
        GString *r = g_string_new(NULL);
        g_string_append_printf(r, "gold events %u, system events %u, matched %u\n", ng, ns,
                               t.matched);
        g_string_append_printf(r, "events   P %.4f  R %.4f  F1 %.4f\n", t.event_p, t.event_r,
                               t.event_f1);
        g_string_append_printf(r, "dates    P %.4f  R %.4f  F1 %.4f\n", t.date_p, t.date_r,
                               t.date_f1);
        g_string_append_printf(r,
                               "sources  %u of %u matched events name exactly the gold's "
                               "articles\n",
                               t.sources_ok, t.matched);
        for (guint k = 0; k < ng; k++) {
            const gold_event *ge = &g_array_index(g->events, gold_event, k);
            if (match_of[k] < 0) {
                g_string_append_printf(r, "missed   line %u: %s %s\n", ge->line, ge->value,
                                       ge->note);
                continue;
            }
            const chron_event *ev = chron_event_list_get(events, (guint)match_of[k]);
            if (g_strcmp0(ev->value, ge->value) != 0) {
                g_string_append_printf(r, "date     line %u: gold %s, system ", ge->line,
                                       ge->value);
                describe(r, ev);
                g_string_append_c(r, '\n');
            }
            if (!sources_match(ge, ev)) {
                g_string_append_printf(r, "sources  line %u: gold %s, system ", ge->line,
                                       ge->value);
                describe(r, ev);
                g_string_append_c(r, '\n');
            }
        }
        for (guint i = 0; i < ns; i++) {
            if (used[i])
                continue;
            g_string_append(r, "spurious ");
            describe(r, chron_event_list_get(events, i));
            g_string_append_c(r, '\n');
        }
        *report = g_string_free(r, FALSE);
    }
    g_strfreev(texts);
    g_free(match_of);
    g_free(used);
}

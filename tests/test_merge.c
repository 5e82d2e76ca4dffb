/* test_merge.c - joining the reports of one happening across articles (src/merge.c). */
#include <string.h>

#include "event.h"
#include "merge.h"

/* An extracted-looking event: one source, span from value, id computed. actors is a
 * ';'-separated list ("" for none). */
static chron_event *make(const char *doc, const char *value, const char *summary,
                         const char *actors, const char *type)
{
    chron_event *ev = chron_event_new();
    g_assert_true(chron_event_span_from_value(ev, value));
    ev->doc = g_strdup(doc);
    ev->doc_title = g_strdup("");
    ev->value = g_strdup(value);
    ev->summary = g_strdup(summary);
    ev->sentence = g_strdup(summary);
    ev->timex = g_strdup(value);
    ev->type = g_strdup(type);
    ev->actors = *actors ? g_strsplit(actors, ";", -1) : g_new0(char *, 1);
    chron_source *src = g_new0(chron_source, 1);
    src->doc = g_strdup(doc);
    src->title = g_strdup("");
    src->sentence = g_strdup(summary);
    src->timex = g_strdup(value);
    src->value = g_strdup(value);
    ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    g_ptr_array_add(ev->sources, src);
    chron_event_compute_id(ev);
    return ev;
}

static chron_merger *merger(void)
{
    GError *err = NULL;
    chron_merger *m = chron_merger_new(&err);
    g_assert_no_error(err);
    g_assert_nonnull(m);
    return m;
}

/* One line per event: value, count, id, source docs. */
static char *fingerprint(const chron_event_list *l)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < chron_event_list_count(l); i++) {
        const chron_event *ev = chron_event_list_get(l, i);
        g_string_append_printf(s, "%s %u %s", ev->value, chron_event_source_count(ev), ev->id);
        for (guint k = 0; k < ev->sources->len; k++)
            g_string_append_printf(s, " %s",
                                   ((const chron_source *)g_ptr_array_index(ev->sources, k))->doc);
        for (char **c = ev->conflicts; c && *c; c++)
            g_string_append_printf(s, " !%s", *c);
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

static chron_event_list *sample(const guint *order)
{
    chron_event *evs[] = {
        /* a name heuristic may take part of a title for an actor: its words still count */
        make("b.txt", "2015", "The revision of the Guidelines for Japan-US Defense Cooperation",
             "Japan;United States;Defense Cooperation", "release"),
        make("c.txt", "2015", "Japan and the US signed a new defense cooperation agreement",
             "Japan;United States", "agreement"),
        make("c.txt", "2015", "Japan and the US held a joint naval exercise", "Japan;United States",
             "exercise"),
        make("a.txt", "2026-01-15",
             "The Philippines and Japan signed a reciprocal supply agreement", "Philippines;Japan",
             "agreement"),
        make("d.txt", "2026-01-16", "Japan and the Philippines signed a supply agreement in Manila",
             "Japan;Philippines", "agreement"),
        make("d.txt", "2026-01", "Parliament debated the budget", "", "other"),
    };
    chron_event_list *l = chron_event_list_new();
    for (guint i = 0; i < G_N_ELEMENTS(evs); i++)
        chron_event_list_append(l, evs[order ? order[i] : i]);
    return l;
}

static void test_joins_same_happening(void)
{
    chron_merger *m = merger();
    chron_event_list *l = sample(NULL);
    chron_merger_run(m, l);
    /* 2015 guidelines (b) + agreement (c) are one; the exercise stays apart; the two supply
     * agreement reports a day apart are one, dated by the earlier day, with the other day kept
     * as a conflict; the budget debate stays alone. */
    g_assert_cmpuint(chron_event_list_count(l), ==, 4);
    char *fp = fingerprint(l);
    g_test_message("%s", fp);
    gboolean found_join = FALSE, found_supply = FALSE;
    for (guint i = 0; i < chron_event_list_count(l); i++) {
        const chron_event *ev = chron_event_list_get(l, i);
        if (strcmp(ev->value, "2015") == 0 && chron_event_source_count(ev) == 2) {
            found_join = TRUE;
            g_assert_null(ev->conflicts);
            /* date, summary and type all come from one report (ties: the smaller id) */
            g_assert_cmpstr(ev->type, ==,
                            g_str_has_prefix(ev->summary, "The revision") ? "release"
                                                                          : "agreement");
        }
        if (g_str_has_prefix(ev->value, "2026-01-1")) {
            found_supply = TRUE;
            g_assert_cmpuint(chron_event_source_count(ev), ==, 2);
            g_assert_cmpstr(ev->value, ==, "2026-01-15");
            g_assert_nonnull(ev->conflicts);
            g_assert_cmpstr(ev->conflicts[0], ==, "2026-01-16");
            /* sources in document order */
            g_assert_cmpstr(((const chron_source *)g_ptr_array_index(ev->sources, 0))->doc, ==,
                            "a.txt");
        }
    }
    g_assert_true(found_join);
    g_assert_true(found_supply);
    g_free(fp);
    chron_event_list_free(l);
    chron_merger_free(m);
}

static void test_order_independent(void)
{
    chron_merger *m = merger();
    chron_event_list *a = sample(NULL);
    const guint rev[] = {5, 4, 3, 2, 1, 0};
    const guint mix[] = {3, 0, 5, 1, 4, 2};
    chron_event_list *b = sample(rev), *c = sample(mix);
    chron_merger_run(m, a);
    chron_merger_run(m, b);
    chron_merger_run(m, c);
    char *fa = fingerprint(a), *fb = fingerprint(b), *fc = fingerprint(c);
    g_assert_cmpstr(fa, ==, fb);
    g_assert_cmpstr(fa, ==, fc);
    g_free(fa);
    g_free(fb);
    g_free(fc);
    chron_event_list_free(a);
    chron_event_list_free(b);
    chron_event_list_free(c);
    chron_merger_free(m);
}

static void test_never_within_one_document_or_framing(void)
{
    chron_merger *m = merger();
    chron_event_list *l = chron_event_list_new();
    chron_event_list_append(l, make("a.txt", "2022", "Japan released three new security documents",
                                    "Japan", "release"));
    chron_event_list_append(l, make("a.txt", "2022", "Japan released new security documents again",
                                    "Japan", "release"));
    chron_event *f1 =
        make("b.txt", "2022", "Japan released three new security documents", "Japan", "release");
    f1->framing = TRUE;
    f1->framing_reason = "reference";
    chron_event_list_append(l, f1);
    chron_merger_run(m, l);
    g_assert_cmpuint(chron_event_list_count(l), ==, 3);
    chron_event_list_free(l);
    chron_merger_free(m);
}

static void test_far_apart_not_joined(void)
{
    chron_merger *m = merger();
    chron_event_list *l = chron_event_list_new();
    chron_event_list_append(l, make("a.txt", "2014",
                                    "Japan and the US signed a defense cooperation "
                                    "agreement",
                                    "Japan;United States", "agreement"));
    chron_event_list_append(l, make("b.txt", "2016",
                                    "Japan and the US signed a defense cooperation "
                                    "agreement",
                                    "Japan;United States", "agreement"));
    chron_merger_run(m, l);
    g_assert_cmpuint(chron_event_list_count(l), ==, 2);
    guint terms = 0, actors = 0;
    chron_merger_overlap(m, chron_event_list_get(l, 0), chron_event_list_get(l, 1), &terms,
                         &actors);
    g_assert_cmpuint(actors, ==, 2);
    g_assert_cmpuint(terms, >=, 3); /* alike, but years apart */
    chron_event_list_free(l);
    chron_merger_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/merge/joins-same-happening", test_joins_same_happening);
    g_test_add_func("/merge/order-independent", test_order_independent);
    g_test_add_func("/merge/not-within-document-or-framing",
                    test_never_within_one_document_or_framing);
    g_test_add_func("/merge/far-apart", test_far_apart_not_joined);
    return g_test_run();
}

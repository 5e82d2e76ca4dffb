/* test_event.c - spans of TIMEX3 values, ids, list order, and extraction from a document. */
#include <string.h>

#include "error.h"
#include "event.h"
#include "jsonl.h"

static void span(const char *value, const char *start, const char *end, chron_granularity g)
{
    chron_event *ev = chron_event_new();
    g_assert_true(chron_event_span_from_value(ev, value));
    char s[16], e[16];
    g_snprintf(s, sizeof s, "%04d-%02d-%02d", g_date_get_year(&ev->start),
               g_date_get_month(&ev->start), g_date_get_day(&ev->start));
    g_snprintf(e, sizeof e, "%04d-%02d-%02d", g_date_get_year(&ev->end), g_date_get_month(&ev->end),
               g_date_get_day(&ev->end));
    g_assert_cmpstr(s, ==, start);
    g_assert_cmpstr(e, ==, end);
    g_assert_cmpint(ev->granularity, ==, g);
    chron_event_free(ev);
}

static void test_spans(void)
{
    span("2026-01-15", "2026-01-15", "2026-01-16", CHRON_GRAN_DAY);
    span("2025-12-31", "2025-12-31", "2026-01-01", CHRON_GRAN_DAY);
    span("2025-09", "2025-09-01", "2025-10-01", CHRON_GRAN_MONTH);
    span("2025-12", "2025-12-01", "2026-01-01", CHRON_GRAN_MONTH);
    span("2022", "2022-01-01", "2023-01-01", CHRON_GRAN_YEAR);
    span("199X", "1990-01-01", "2000-01-01", CHRON_GRAN_DECADE);
    span("199", "1990-01-01", "2000-01-01", CHRON_GRAN_DECADE);
    span("2021-Q4", "2021-10-01", "2022-01-01", CHRON_GRAN_QUARTER);
    span("2019-H1", "2019-01-01", "2019-07-01", CHRON_GRAN_HALF);
    span("2024-WI", "2024-12-01", "2025-03-01", CHRON_GRAN_SEASON);
    span("2026-W01", "2025-12-29", "2026-01-05", CHRON_GRAN_WEEK);
    span("19", "1900-01-01", "2000-01-01", CHRON_GRAN_CENTURY);
    /* a day or month the text leaves unknown ("that same day" after "in October") */
    span("1998-10-XX", "1998-10-01", "1998-11-01", CHRON_GRAN_MONTH);
    span("1998-12-XX", "1998-12-01", "1999-01-01", CHRON_GRAN_MONTH);
    span("1998-XX-XX", "1998-01-01", "1999-01-01", CHRON_GRAN_YEAR);
    span("1998-XX", "1998-01-01", "1999-01-01", CHRON_GRAN_YEAR);
}

static void test_not_spans(void)
{
    const char *bad[] = {"PAST_REF", "P3Y", "XXXX-09",    "2025-13",    "2025-02-30", "FY2024",
                         "",         "20X", "1998-13-XX", "1998-XX-05", "XXXX-XX-XX"};
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        chron_event *ev = chron_event_new();
        g_assert_false(chron_event_span_from_value(ev, bad[i]));
        chron_event_free(ev);
    }
}

static chron_event *make(const char *doc, const char *value, const char *summary)
{
    chron_event *ev = chron_event_new();
    ev->doc = g_strdup(doc);
    ev->value = g_strdup(value);
    ev->summary = g_strdup(summary);
    g_assert_true(chron_event_span_from_value(ev, value));
    chron_event_compute_id(ev);
    return ev;
}

static void test_ids_and_order(void)
{
    chron_event *a = make("a.txt", "2022", "x");
    chron_event *b = make("a.txt", "2022", "x");
    chron_event *c = make("a.txt", "2022", "y");
    g_assert_cmpstr(a->id, ==, b->id);
    g_assert_cmpstr(a->id, !=, c->id);
    g_assert_cmpuint(strlen(a->id), ==, 16);
    chron_event_list *l1 = chron_event_list_new(), *l2 = chron_event_list_new();
    chron_event_list_append(l1, a);
    chron_event_list_append(l1, make("b.txt", "2021-05", "z"));
    chron_event_list_append(l1, c);
    chron_event_list_append(l2, make("a.txt", "2022", "y"));
    chron_event_list_append(l2, b);
    chron_event_list_append(l2, make("b.txt", "2021-05", "z"));
    chron_event_list_sort(l1);
    chron_event_list_sort(l2);
    for (guint i = 0; i < 3; i++)
        g_assert_cmpstr(chron_event_list_get(l1, i)->id, ==, chron_event_list_get(l2, i)->id);
    g_assert_cmpstr(chron_event_list_get(l1, 0)->value, ==, "2021-05");
    chron_event_list_concat(l1, l2);
    g_assert_cmpuint(chron_event_list_count(l1), ==, 6);
    g_assert_null(chron_event_list_get(l1, 6));
    /* The same event stated twice in one document is kept once. */
    chron_event_list_sort(l1);
    chron_event_list_dedupe(l1);
    g_assert_cmpuint(chron_event_list_count(l1), ==, 3);
    chron_event_list_free(l1);
    chron_event_list_free(NULL);
}

/* A text tagged in lang against the day d/m/y, as a document with that date. */
typedef struct tagged {
    GDate dct;
    chron_doc *doc;
    chron_tagger *tagger;
    chron_timex_list *mentions;
} tagged;

static void tagged_init(tagged *tg, const char *lang, const char *text, int d, int m, int y)
{
    g_date_clear(&tg->dct, 1);
    g_date_set_dmy(&tg->dct, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    tg->doc = chron_doc_new("mem.txt", text, strlen(text));
    chron_doc_set_dct(tg->doc, &tg->dct, CHRON_DCT_MANIFEST);
    GError *err = NULL;
    tg->tagger = chron_tagger_new(lang, &err);
    g_assert_no_error(err);
    tg->mentions = chron_tagger_tag(tg->tagger, text, strlen(text), &tg->dct, FALSE);
}

static void tagged_clear(tagged *tg)
{
    chron_timex_list_free(tg->mentions);
    chron_tagger_free(tg->tagger);
    chron_doc_free(tg->doc);
}

static void test_extract(void)
{
    const char *text = "Headline of the story\n"
                       "Photo: A. Person\n"
                       "Since 2018, the two navies have trained together. However, on Thursday, "
                       "the ministers signed a logistics pact, which allows swaps of fuel. "
                       "Tensions have risen in recent years. In January this year, the navy "
                       "bought two ships.\n";
    tagged tg;
    tagged_init(&tg, "en", text, 20, 1, 2026);
    chron_event_list *ev = chron_events_extract(NULL, tg.doc, tg.mentions, CHRON_EXTRACT_DEFAULT);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 3);
    const chron_event *since = chron_event_list_get(ev, 0);
    g_assert_cmpstr(since->value, ==, "2018");
    g_assert_true(since->open_end);
    g_assert_cmpint(g_date_compare(&since->end, &tg.dct), ==, 0);
    const chron_event *pact = chron_event_list_get(ev, 1);
    g_assert_cmpstr(pact->value, ==, "2026-01-15");
    g_assert_cmpstr(pact->summary, ==, "The ministers signed a logistics pact");
    g_assert_cmpstr(pact->timex, ==, "Thursday");
    /* "January this year" is two mentions but one date phrase: one event, the finer date. */
    const chron_event *ships = chron_event_list_get(ev, 2);
    g_assert_cmpstr(ships->value, ==, "2026-01");
    g_assert_cmpstr(ships->timex, ==, "January this year");
    g_assert_cmpstr(ships->summary, ==, "The navy bought two ships");
    chron_event_list_free(ev);
    tagged_clear(&tg);
}

/* Framing mentions only with CHRON_EXTRACT_ALL; "from X to Y" is one closed span; a sentence
 * that carries on the one before ("They also ...") is an event of the same date. */
static void test_extract_all_interval_continuation(void)
{
    const char *text = "The alliance held drills from 2010 to 2014. Recently, tensions grew.\n"
                       "In March, the two navies signed a pact. They also agreed to share data.\n"
                       "\n"
                       "They also met in Paris.\n";
    tagged tg;
    tagged_init(&tg, "en", text, 20, 6, 2026);
    GError *err = NULL;
    chron_extractor *x = chron_extractor_new(&err);
    g_assert_no_error(err);

    chron_event_list *ev = chron_events_extract(x, tg.doc, tg.mentions, CHRON_EXTRACT_DEFAULT);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 3);
    const chron_event *drills = chron_event_list_get(ev, 0);
    g_assert_cmpstr(drills->value, ==, "2010/2014");
    g_assert_cmpstr(drills->timex, ==, "2010 to 2014");
    g_assert_cmpint(g_date_get_year(&drills->start), ==, 2010);
    g_assert_cmpint(g_date_get_year(&drills->end), ==, 2015);
    const chron_event *pact = chron_event_list_get(ev, 1);
    const chron_event *data = chron_event_list_get(ev, 2);
    g_assert_cmpstr(pact->value, ==, "2026-03");
    g_assert_cmpstr(data->value, ==, "2026-03");
    g_assert_nonnull(strstr(data->sentence, "share data"));
    g_assert_cmpstr(data->timex, ==, "March");
    /* "They also met in Paris" is in another paragraph: not carried on. */
    chron_event_list_free(ev);

    ev = chron_events_extract(x, tg.doc, tg.mentions, CHRON_EXTRACT_ALL);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 4);
    const chron_event *recent = chron_event_list_get(ev, 1);
    g_assert_true(recent->framing);
    g_assert_cmpstr(recent->framing_reason, ==, "reference");
    g_assert_true(recent->approximate);
    g_assert_cmpint(g_date_compare(&recent->end, &tg.dct), ==, 0);
    chron_event_list_free(ev);

    /* Without an extractor there are no continuations. */
    ev = chron_events_extract(NULL, tg.doc, tg.mentions, CHRON_EXTRACT_DEFAULT);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 2);
    chron_event_list_free(ev);
    chron_extractor_free(x);
    tagged_clear(&tg);
}

/* "A year later": a duration counted from the date before dates the event of its sentence; one
 * finer than that date ("three days later" after a year) dates none. */
static void test_extract_points(void)
{
    const char *text = "The two countries signed a defense pact on May 10, 2019. Two weeks later, "
                       "their navies held drills. A year later, the ministers met in Manila. "
                       "Three days later, the ministry protested.\n";
    tagged tg;
    tagged_init(&tg, "en", text, 20, 1, 2024);
    g_assert_cmpuint(chron_timex_list_count(tg.mentions), ==, 4);
    g_assert_cmpstr(chron_timex_list_get(tg.mentions, 1)->value, ==, "P2W");
    g_assert_cmpstr(chron_timex_list_get(tg.mentions, 1)->point, ==, "2019-05-24");
    g_assert_cmpstr(chron_timex_list_get(tg.mentions, 2)->point, ==, "2020");
    g_assert_null(chron_timex_list_get(tg.mentions, 3)->point);
    chron_event_list *ev = chron_events_extract(NULL, tg.doc, tg.mentions, CHRON_EXTRACT_DEFAULT);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 3);
    g_assert_cmpstr(chron_event_list_get(ev, 1)->value, ==, "2019-05-24");
    g_assert_cmpstr(chron_event_list_get(ev, 1)->summary, ==, "Their navies held drills");
    g_assert_cmpstr(chron_event_list_get(ev, 2)->value, ==, "2020");
    g_assert_cmpstr(chron_event_list_get(ev, 2)->timex, ==, "A year later");
    chron_event_list_free(ev);
    tagged_clear(&tg);
}

/* The same in Chinese: 三天后 after a day is that day three days on. */
static void test_points_zh(void)
{
    const char *text = "2019年5月10日，两国签署协议。三天后，双方举行会谈。";
    tagged tg;
    tagged_init(&tg, "zh", text, 22, 11, 2024);
    g_assert_cmpuint(chron_timex_list_count(tg.mentions), ==, 2);
    g_assert_cmpstr(chron_timex_list_get(tg.mentions, 1)->value, ==, "P3D");
    g_assert_cmpstr(chron_timex_list_get(tg.mentions, 1)->point, ==, "2019-05-13");
    tagged_clear(&tg);
}

/* A clock's stated zone goes with its event, through the JSON Lines and back; a date's does
 * not exist; a line with a zone that is no UTC offset is refused, naming the line. */
static void test_zone(void)
{
    const char *text = "Japan and the Philippines signed the pact at 7:15 a.m. Japan time on "
                       "Jan. 15, 2026. The talks had opened on Jan. 12.\n";
    tagged tg;
    tagged_init(&tg, "en", text, 20, 1, 2026);
    chron_event_list *ev = chron_events_extract(NULL, tg.doc, tg.mentions, CHRON_EXTRACT_DEFAULT);
    g_assert_cmpuint(chron_event_list_count(ev), ==, 2);
    const chron_event *signed_ = chron_event_list_get(ev, 0), *opened = chron_event_list_get(ev, 1);
    g_assert_cmpstr(signed_->value, ==, "2026-01-15T07:15");
    g_assert_cmpstr(signed_->zone, ==, "+09:00");
    g_assert_null(opened->zone);
    char *line = chron_jsonl_event(signed_);
    GError *error = NULL;
    chron_event *back = chron_jsonl_parse_event("events.jsonl:1", line, -1, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(back->zone, ==, "+09:00");
    chron_event *copy = chron_event_copy(back);
    g_assert_cmpstr(copy->zone, ==, "+09:00");
    chron_event_free(copy);
    chron_event_free(back);
    char **parts = g_strsplit(line, "\"zone\":\"+09:00\"", -1);
    g_assert_cmpuint(g_strv_length(parts), ==, 2);
    char *bad = g_strjoinv("\"zone\":\"JST\"", parts);
    g_strfreev(parts);
    g_assert_null(chron_jsonl_parse_event("events.jsonl:7", bad, -1, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "events.jsonl:7"));
    g_assert_nonnull(strstr(error->message, "JST"));
    g_clear_error(&error);
    g_free(bad);
    g_free(line);
    chron_event_list_free(ev);
    tagged_clear(&tg);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/event/spans", test_spans);
    g_test_add_func("/event/not-spans", test_not_spans);
    g_test_add_func("/event/ids-order", test_ids_and_order);
    g_test_add_func("/event/extract", test_extract);
    g_test_add_func("/event/extract-all-interval-continuation",
                    test_extract_all_interval_continuation);
    g_test_add_func("/event/extract-points", test_extract_points);
    g_test_add_func("/event/points-zh", test_points_zh);
    g_test_add_func("/event/zone", test_zone);
    return g_test_run();
}

/* test_filter.c - selecting events by date window, text, type and actor (src/filter.c). */
#include <string.h>

#include "event.h"
#include "filter.h"

static chron_event *make(const char *value, const char *summary, const char *type,
                         const char *actors)
{
    chron_event *ev = chron_event_new();
    g_assert_true(chron_event_span_from_value(ev, value));
    ev->value = g_strdup(value);
    ev->summary = g_strdup(summary);
    ev->sentence = g_strdup(summary);
    ev->type = g_strdup(type);
    ev->actors = g_strsplit(actors, ";", -1);
    return ev;
}

static void test_window(void)
{
    chron_filter *f = chron_filter_new();
    g_assert_true(chron_filter_is_empty(f));
    g_assert_true(chron_filter_set_from(f, "2023-03", NULL));
    g_assert_true(chron_filter_set_to(f, "2023", NULL)); /* the whole of 2023 */
    g_assert_false(chron_filter_is_empty(f));
    chron_event *in_feb = make("2023-02-27", "x", "other", "");
    chron_event *in_mar = make("2023-03-01", "x", "other", "");
    chron_event *in_dec = make("2023-12-31", "x", "other", "");
    chron_event *next = make("2024-01-01", "x", "other", "");
    chron_event *year = make("2023", "x", "other", ""); /* overlaps the window */
    g_assert_false(chron_filter_event(f, in_feb));
    g_assert_true(chron_filter_event(f, in_mar));
    g_assert_true(chron_filter_event(f, in_dec));
    g_assert_false(chron_filter_event(f, next));
    g_assert_true(chron_filter_event(f, year));
    GError *err = NULL;
    g_assert_false(chron_filter_set_from(f, "last week", &err));
    g_assert_nonnull(strstr(err->message, "--from"));
    g_clear_error(&err);
    chron_event_free(in_feb);
    chron_event_free(in_mar);
    chron_event_free(in_dec);
    chron_event_free(next);
    chron_event_free(year);
    chron_filter_free(f);
}

static void test_match_type_actor(void)
{
    chron_filter *f = chron_filter_new();
    GError *err = NULL;
    g_assert_false(chron_filter_set_match(f, "(unclosed", &err));
    g_assert_nonnull(strstr(err->message, "--match"));
    g_clear_error(&err);
    g_assert_true(chron_filter_set_match(f, "(?i)defen[cs]e", NULL));
    chron_filter_add_types(f, "Agreement, meeting");
    chron_filter_add_actors(f, "koizumi");
    chron_event *a =
        make("2026-01-12", "Koizumi signed a defense pact", "agreement", "Japan;Shinjiro Koizumi");
    chron_event *b =
        make("2026-01-12", "Koizumi met the commander", "meeting", "Japan;Shinjiro Koizumi");
    chron_event *c = make("2026-01-12", "Defence ministers met", "meeting", "Japan");
    chron_event *d =
        make("2026-01-12", "Defense exercise held", "exercise", "Japan;Shinjiro Koizumi");
    g_assert_true(chron_filter_event(f, a));
    g_assert_false(chron_filter_event(f, b)); /* no match */
    g_assert_false(chron_filter_event(f, c)); /* no actor */
    g_assert_false(chron_filter_event(f, d)); /* type */
    g_assert_true(chron_filter_type(f, "MEETING"));
    g_assert_false(chron_filter_type(f, NULL)); /* unclassified is "other" */
    chron_event_free(a);
    chron_event_free(b);
    chron_event_free(c);
    chron_event_free(d);
    chron_filter_free(f);
}

static void test_full_list_window(void)
{
    char *types[] = {"agreement", NULL};
    GError *err = NULL;
    g_assert_null(chron_filter_new_full("2023", NULL, "(", NULL, NULL, &err));
    g_assert_nonnull(strstr(err->message, "--match"));
    g_clear_error(&err);
    chron_filter *f = chron_filter_new_full("2023-03", "2023", NULL, types, NULL, &err);
    g_assert_no_error(err);
    GDate from, to;
    chron_filter_window(f, &from, &to);
    g_assert_cmpint(g_date_get_month(&from), ==, 3);
    g_assert_cmpint(g_date_get_year(&to), ==, 2024); /* the day after 2023 */
    chron_event_list *l = chron_event_list_new();
    chron_event_list_append(l, make("2023-05", "kept", "agreement", ""));
    chron_event_list_append(l, make("2023-05", "wrong type", "meeting", ""));
    chron_event_list_append(l, make("2024-05", "too late", "agreement", ""));
    chron_event_list_append(l, make("2023-12", "kept too", "agreement", ""));
    chron_filter_list(f, l);
    g_assert_cmpuint(chron_event_list_count(l), ==, 2);
    g_assert_cmpstr(chron_event_list_get(l, 0)->summary, ==, "kept");
    g_assert_cmpstr(chron_event_list_get(l, 1)->summary, ==, "kept too");
    chron_event_list_free(l);
    chron_filter_free(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/filter/window", test_window);
    g_test_add_func("/filter/match-type-actor", test_match_type_actor);
    g_test_add_func("/filter/full-list-window", test_full_list_window);
    return g_test_run();
}

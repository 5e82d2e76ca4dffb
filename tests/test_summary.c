/* test_summary.c - headlines from sentences: date phrase, openers and attribution removed, cut
 * at a clause boundary, never mid-word. */
#include <string.h>

#include "summary.h"

static void check(const char *sentence, const char *date, const char *want)
{
    const char *at = strstr(sentence, date);
    g_assert_nonnull(at);
    gsize ms = at - sentence;
    char *got = chron_summary_make(sentence, strlen(sentence), ms, ms + strlen(date));
    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

static void test_headlines(void)
{
    check("Earlier, in May, the trade agreement between the two neighbours came into force, "
          "cutting tariffs on rice.",
          "May", "The trade agreement between the two neighbours came into force");
    check("On March 4, Foreign Minister Jane Doe met with the envoy of the alliance and again "
          "promised that her government would raise spending on coastal patrol vessels.",
          "March 4", "Foreign Minister Jane Doe met with the envoy of the alliance");
    check("The parliament passed the budget bill on Friday, the spokesman said.", "Friday",
          "The parliament passed the budget bill");
    check("At a briefing on Monday, the spokesman of the ministry denied the report.", "Monday",
          "The spokesman of the ministry denied the report");
    check("In 2015, the two navies signed a new cooperation agreement.", "2015",
          "The two navies signed a new cooperation agreement");
}

static void test_long_and_unicode(void)
{
    const char *s = "In 2020, "
                    "Überraschend schnell verständigten sich die Delegationen der beteiligten "
                    "Staaten auf gemeinsame Grundsätze für künftige Verhandlungsrunden über "
                    "Rüstungskontrolle";
    const char *at = strstr(s, "2020");
    char *got = chron_summary_make(s, strlen(s), at - s, at - s + 4);
    g_assert_true(g_utf8_validate(got, -1, NULL));
    g_assert_cmpuint(strlen(got), <=, CHRON_SUMMARY_MAX + 3);
    g_assert_true(g_str_has_prefix(got, "Überraschend"));
    /* never ends mid-word: the character before the ellipsis ends a word of the input */
    g_assert_true(g_str_has_suffix(got, "…"));
    char *stem = g_strndup(got, strlen(got) - 3);
    char *probe = g_strconcat(stem, " ", NULL);
    g_assert_nonnull(strstr(s, probe));
    g_free(probe);
    g_free(stem);
    g_free(got);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/summary/headlines", test_headlines);
    g_test_add_func("/summary/long-unicode", test_long_and_unicode);
    return g_test_run();
}

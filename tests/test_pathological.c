/* test_pathological.c - inputs built to make a tagger go quadratic or backtrack without end: a
 * 50 MB line of digits, a million month names in one sentence, a million "-ed" verbs between
 * them, deeply repeated punctuation and brackets. Each must finish (meson's timeout is the
 * bound; a quadratic step on these sizes would take hours) with the expected mentions. PCRE2
 * runs under match and depth limits (src/pattern.c), so no single match can run away either. */
#include <string.h>

#include "timex.h"

static chron_tagger *tagger;
static GDate ref;

static guint count(const char *text, gsize len)
{
    chron_timex_list *l = chron_tagger_tag(tagger, text, len, &ref, FALSE);
    guint n = chron_timex_list_count(l);
    chron_timex_list_free(l);
    return n;
}

static char *repeat(const char *unit, gsize times, gsize *len)
{
    gsize n = strlen(unit);
    char *s = g_malloc(n * times + 1);
    for (gsize i = 0; i < times; i++)
        memcpy(s + i * n, unit, n);
    s[n * times] = '\0';
    *len = n * times;
    return s;
}

static void test_digit_line(void)
{
    gsize len = 50u << 20;
    char *s = g_malloc(len + 1);
    for (gsize i = 0; i < len; i++)
        s[i] = (char)('0' + i % 10);
    s[len] = '\0';
    g_assert_cmpuint(count(s, len), ==, 0); /* one 50-million-digit number is no date */
    g_free(s);
}

static void test_month_names(void)
{
    gsize len;
    char *s = repeat("January ", 1000000, &len);
    g_assert_cmpuint(count(s, len), ==, 1000000);
    g_free(s);
}

static void test_months_between_verbs(void)
{
    /* Every mention needs the tense of one enormous sentence full of markers. */
    gsize len;
    char *s = repeat("signed in March and ", 500000, &len);
    g_assert_cmpuint(count(s, len), ==, 500000);
    g_free(s);
}

static void test_punctuation(void)
{
    gsize len;
    char *s = repeat("((((....,,,,----////::::", 400000, &len);
    g_assert_cmpuint(count(s, len), ==, 0);
    g_free(s);
    s = repeat("1/", 2000000, &len); /* numeric-date prefixes that never complete */
    g_assert_cmpuint(count(s, len), ==, 0);
    g_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tagger = chron_tagger_new("auto", NULL);
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 20, 1, 2026);
    g_test_add_func("/pathological/digit-line", test_digit_line);
    g_test_add_func("/pathological/month-names", test_month_names);
    g_test_add_func("/pathological/months-between-verbs", test_months_between_verbs);
    g_test_add_func("/pathological/punctuation", test_punctuation);
    int rc = g_test_run();
    chron_tagger_free(tagger);
    return rc;
}

/* test_text.c - sentence splitting and white space. */
#include <string.h>

#include "text.h"

static char *sentence(const char *text, GArray *a, guint i)
{
    chron_span s = g_array_index(a, chron_span, i);
    return g_strndup(text + s.start, s.end - s.start);
}

static void test_split(void)
{
    const char *t = "Mr. Abe met Dr. Lee on Jan. 5. They talked. \"Good,\" he said! Then? No.\n"
                    "Headline without stop\n\n  Indented line. 它很好。下一句";
    GArray *a = chron_text_sentences(t, strlen(t));
    const char *want[] = {
        "Mr. Abe met Dr. Lee on Jan. 5.", "They talked.",   "\"Good,\" he said!", "Then?", "No.",
        "Headline without stop",          "Indented line.", "它很好。",           "下一句"};
    g_assert_cmpuint(a->len, ==, G_N_ELEMENTS(want));
    for (guint i = 0; i < a->len; i++) {
        char *s = sentence(t, a, i);
        g_assert_cmpstr(s, ==, want[i]);
        g_free(s);
    }
    g_array_unref(a);
}

static void test_initials(void)
{
    const char *t = "John F. Kennedy spoke. The U.S. Navy agreed.";
    GArray *a = chron_text_sentences(t, strlen(t));
    g_assert_cmpuint(a->len, ==, 2);
    g_array_unref(a);
}

static void test_empty(void)
{
    GArray *a = chron_text_sentences("", 0);
    g_assert_cmpuint(a->len, ==, 0);
    g_array_unref(a);
    a = chron_text_sentences("\n\n \n", 4);
    g_assert_cmpuint(a->len, ==, 0);
    g_array_unref(a);
}

static void test_squeeze_and_lines(void)
{
    char *s = chron_text_squeeze("  a \t b\n\nc  ", 12);
    g_assert_cmpstr(s, ==, "a b c");
    g_free(s);
    const char *t = "one\r\ntwo\nthree";
    gsize a, b;
    chron_text_line_bounds(t, strlen(t), 6, &a, &b);
    g_assert_cmpuint(a, ==, 5);
    g_assert_cmpuint(b, ==, 8);
    chron_text_line_bounds(t, strlen(t), 1, &a, &b);
    g_assert_cmpuint(b, ==, 3); /* without the \r */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text/split", test_split);
    g_test_add_func("/text/initials", test_initials);
    g_test_add_func("/text/empty", test_empty);
    g_test_add_func("/text/squeeze-lines", test_squeeze_and_lines);
    return g_test_run();
}

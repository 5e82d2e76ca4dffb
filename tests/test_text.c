/* test_text.c - sentence splitting and white space. */
#include <string.h>

#include "text.h"

static char *sentence(const char *text, GArray *a, guint i)
{
    chron_span s = g_array_index(a, chron_span, i);
    return g_strndup(text + s.start, s.end - s.start);
}

/* The sentences of t are the n strings of want. */
static void assert_sentences(const char *t, const char *const *want, guint n)
{
    GArray *a = chron_text_sentences(t, strlen(t));
    g_assert_cmpuint(a->len, ==, n);
    for (guint i = 0; i < a->len; i++) {
        char *s = sentence(t, a, i);
        g_assert_cmpstr(s, ==, want[i]);
        g_free(s);
    }
    g_array_unref(a);
}

static void test_split(void)
{
    const char *t = "Mr. Abe met Dr. Lee on Jan. 5. They talked. \"Good,\" he said! Then? No.\n"
                    "Headline without stop\n\n  Indented line. 它很好。下一句";
    const char *want[] = {
        "Mr. Abe met Dr. Lee on Jan. 5.", "They talked.",   "\"Good,\" he said!", "Then?", "No.",
        "Headline without stop",          "Indented line.", "它很好。",           "下一句"};
    assert_sentences(t, want, G_N_ELEMENTS(want));
}

/* White space after a stop may be a tab or a no-break space; a bullet starts a sentence. */
static void test_spaces_bullets(void)
{
    const char *t =
        "It was \"very important.\"\u00a0 Since then,\ttalks stalled.\tOK. \u2022 Japan "
        "and NATO agreed. \u2022 The move is new. Key points: \u2022 none";
    const char *want[] = {
        "It was \"very important.\"",    "Since then,\ttalks stalled.", "OK.",
        "\u2022 Japan and NATO agreed.", "\u2022 The move is new.",     "Key points: \u2022 none"};
    assert_sentences(t, want, G_N_ELEMENTS(want));
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

/* Where a long text is cut into pieces: a line end, else a sentence start, else a space, else a
 * character boundary. */
static void test_piece_end(void)
{
    const char *t = "one two\nthree four five six";
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), 12), ==, 8);
    /* One line: the last sentence start in the window's second half ("The envoy", not "Lee"
     * after the abbreviation "Dr."). */
    t = "Talks began on Jan. 6 in Rome. It rained. The envoy met Dr. Lee there.";
    gsize lee = (gsize)(strstr(t, "Lee") - t);
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), lee + 2), ==, strstr(t, "The envoy") - t);
    /* No space at all: a CJK full stop ends a sentence outright. */
    t = "前一周他们在北京见面了。今天又开了会。下周再谈。";
    gsize next = (gsize)(strstr(t, "下周") - t);
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), next + 4), ==, next);
    /* One sentence longer than half the window: after its last space there. */
    t = "the talks went on and on and on without a stop";
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), 30), ==, strstr(t, "on without") - t);
    /* Neither: a character boundary at or before the limit, never inside a character. */
    t = "周周周周周周";
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), 8), ==, 6);
    t = "xxxxxxxxxx";
    g_assert_cmpuint(chron_text_piece_end(t, strlen(t), 7), ==, 7);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text/split", test_split);
    g_test_add_func("/text/initials", test_initials);
    g_test_add_func("/text/spaces-bullets", test_spaces_bullets);
    g_test_add_func("/text/empty", test_empty);
    g_test_add_func("/text/squeeze-lines", test_squeeze_and_lines);
    g_test_add_func("/text/piece-end", test_piece_end);
    return g_test_run();
}

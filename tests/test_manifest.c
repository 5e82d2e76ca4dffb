/* test_manifest.c - batch manifests read and checked (src/manifest.c). */
#include <string.h>

#include "manifest.h"

static chron_manifest *parse(const char *text, GError **err)
{
    return chron_manifest_parse("m.ini", text, strlen(text), "/base", err);
}

static void test_defaults_and_paths(void)
{
    const char *text = "[defaults]\ninputs = corpus; /abs/other\nwidth = 800\n\n"
                       "[a]\noutput = out/a.svg\ntype = agreement;meeting\nlanes = type\n\n"
                       "[b]\noutput = b.ics\nwidth = 1200\nall = yes\nfrom = 2023\n";
    GError *err = NULL;
    chron_manifest *m = parse(text, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(chron_manifest_count(m), ==, 2);
    const chron_manifest_entry *a = chron_manifest_get(m, 0);
    g_assert_cmpstr(a->group, ==, "a");
    g_assert_cmpstr(a->output, ==, "/base/out/a.svg");
    g_assert_cmpstr(a->format, ==, "svg");
    g_assert_cmpstr(a->inputs[0], ==, "/base/corpus");
    g_assert_cmpstr(a->inputs[1], ==, "/abs/other");
    g_assert_null(a->inputs[2]);
    g_assert_cmpint(a->width, ==, 800);
    g_assert_cmpstr(a->types[1], ==, "meeting");
    g_assert_cmpstr(a->lanes, ==, "type");
    g_assert_false(a->all);
    const chron_manifest_entry *b = chron_manifest_get(m, 1);
    g_assert_cmpstr(b->format, ==, "ics");
    g_assert_cmpint(b->width, ==, 1200); /* its own value wins over the default */
    g_assert_true(b->all);
    g_assert_cmpstr(b->from, ==, "2023");
    g_assert_null(chron_manifest_get(m, 2));
    chron_manifest_free(m);
}

static void expect_error(const char *text, const char *needle)
{
    GError *err = NULL;
    chron_manifest *m = parse(text, &err);
    g_assert_null(m);
    g_assert_nonnull(err);
    if (!strstr(err->message, needle))
        g_error("'%s' not in '%s'", needle, err->message);
    g_assert_nonnull(strstr(err->message, "m.ini"));
    g_error_free(err);
}

static void test_errors(void)
{
    expect_error("[x]\noutput = a.svg\ninputs = c\nlanse = type\n", "unknown key 'lanse'");
    expect_error("[x]\noutput = a.bmp\ninputs = c\n", "unknown format");
    expect_error("[x]\ninputs = c\n", "[x] no output");
    expect_error("[x]\noutput = a.svg\n", "[x] no inputs");
    expect_error("[x]\noutput = a.svg\ninputs = c\nwidth = 1000000\n", "width");
    expect_error("[x]\noutput = a.svg\ninputs = c\nscale = nan\n", "scale");
    expect_error("[x]\noutput = a.svg\ninputs = c\nmatch = (\n", "--match");
    expect_error("[x]\noutput = a.svg\ninputs = c\nfrom = someday\n", "--from");
    expect_error("[x]\noutput = a.svg\ninputs = c\nall = maybe\n", "true or false");
    expect_error("[x]\noutput = a.svg\ninputs = c\ntheme = neon\n", "theme");
    expect_error("[x]\noutput = a.svg\ninputs = c\ndct = 2023-02-30\n", "dct");
    expect_error("[a]\noutput = o.svg\ninputs = c\n[b]\noutput = o.svg\ninputs = c\n",
                 "also the output of [a]");
    expect_error("[defaults]\ninputs = c\n", "no output groups");
    expect_error("not a key file\n", "m.ini");
    const char nul[] = "[x]\noutput = a\0.svg\n";
    GError *err = NULL;
    g_assert_null(chron_manifest_parse("m.ini", nul, sizeof nul - 1, NULL, &err));
    g_assert_nonnull(strstr(err->message, "NUL"));
    g_error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/manifest/defaults-and-paths", test_defaults_and_paths);
    g_test_add_func("/manifest/errors", test_errors);
    return g_test_run();
}

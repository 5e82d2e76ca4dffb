/* test_doc.c - loading: encodings, repairs with offsets, titles, furniture. */
#include <string.h>

#include "doc.h"
#include "error.h"

static void test_repair(void)
{
    const char data[] = "Title\nok \xff\xfe bad\0 nul\n";
    chron_doc *d = chron_doc_new("x.txt", data, sizeof data - 1);
    g_assert_true(g_utf8_validate(chron_doc_text(d), -1, NULL));
    g_assert_cmpstr(chron_doc_text(d), ==, "Title\nok \xEF\xBF\xBD\xEF\xBF\xBD bad nul\n");
    const char *const *w = chron_doc_warnings(d);
    g_assert_nonnull(w[0]);
    g_assert_nonnull(strstr(w[0], "x.txt: byte 9: invalid UTF-8"));
    g_assert_nonnull(strstr(w[1], "x.txt: byte 10: invalid UTF-8"));
    g_assert_nonnull(strstr(w[2], "byte 15: 1 NUL byte removed"));
    g_assert_null(w[3]);
    chron_doc_free(d);
}

static void test_bom_utf16(void)
{
    chron_doc *d = chron_doc_new("bom.txt", "\xEF\xBB\xBFHello\n", 9);
    g_assert_cmpstr(chron_doc_text(d), ==, "Hello\n");
    g_assert_cmpstr(chron_doc_title(d), ==, "Hello");
    g_assert_null(chron_doc_warnings(d)[0]);
    chron_doc_free(d);
    const char u16[] = "\xFF\xFEH\0i\0\n\0";
    d = chron_doc_new("u16.txt", u16, sizeof u16 - 1);
    g_assert_cmpstr(chron_doc_text(d), ==, "Hi\n");
    chron_doc_free(d);
}

static void test_title_and_dct(void)
{
    chron_doc *d = chron_doc_new("t.txt", "\n\n  Big   news today \nBody.\n", 28);
    g_assert_cmpstr(chron_doc_title(d), ==, "Big news today");
    g_assert_cmpint(chron_doc_dct(d, NULL), ==, CHRON_DCT_NONE);
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_dmy(&g, 1, 2, 2020);
    chron_doc_set_dct(d, &g, CHRON_DCT_INFERRED);
    GDate out;
    g_assert_cmpint(chron_doc_dct(d, &out), ==, CHRON_DCT_INFERRED);
    g_assert_cmpint(g_date_compare(&g, &out), ==, 0);
    g_assert_cmpstr(chron_dct_source_name(CHRON_DCT_INFERRED), ==, "inferred");
    chron_doc_set_dct(d, NULL, CHRON_DCT_NONE);
    g_assert_cmpint(chron_doc_dct(d, NULL), ==, CHRON_DCT_NONE);
    chron_doc_free(d);
}

static void test_furniture(void)
{
    const char *t = "The headline\n"
                    "Well-trained pawn Illustration: Vitaly Podvitski\n"
                    "Protesters march in Tokyo on Monday. KAZUHIRO NOGI/AFP\n"
                    "The ministers met on Monday and agreed to widen the pact, officials said.\n"
                    "Related News\n"
                    "微信扫描下方的二维码阅读本文\n"
                    "Table of Contents\n";
    chron_doc *d = chron_doc_new("f.txt", t, strlen(t));
    const char *probe[] = {"The headline", "Illustration", "KAZUHIRO", "The ministers",
                           "Related",      "微信",         "Table"};
    gboolean want[] = {TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE};
    for (guint i = 0; i < G_N_ELEMENTS(probe); i++) {
        gsize off = strstr(t, probe[i]) - t;
        g_assert_cmpint(chron_doc_is_furniture(d, off), ==, want[i]);
    }
    g_assert_cmpint(chron_doc_cp_offset(d, strstr(t, "微信") - t + 3), ==,
                    g_utf8_strlen(t, strstr(t, "微信") - t) + 1);
    chron_doc_free(d);
}

static void test_load_errors(void)
{
    GError *err = NULL;
    g_assert_null(chron_doc_load("/nonexistent/dir/a.txt", &err));
    g_assert_error(err, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_nonnull(strstr(err->message, "/nonexistent/dir/a.txt"));
    g_error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/doc/repair", test_repair);
    g_test_add_func("/doc/bom-utf16", test_bom_utf16);
    g_test_add_func("/doc/title-dct", test_title_and_dct);
    g_test_add_func("/doc/furniture", test_furniture);
    g_test_add_func("/doc/load-errors", test_load_errors);
    return g_test_run();
}

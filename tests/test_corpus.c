/* test_corpus.c - folders, manifests, datelines and per-input errors. */
#include <glib/gstdio.h>
#include <string.h>

#include "corpus.h"
#include "error.h"

static char *dir;
static chron_tagger *tagger;

static void put(const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(p);
}

static const chron_doc *find(const chron_corpus *c, const char *base)
{
    for (guint i = 0; i < chron_corpus_count(c); i++)
        if (g_str_has_suffix(chron_doc_name(chron_corpus_get(c, i)), base))
            return chron_corpus_get(c, i);
    return NULL;
}

static void test_folder(void)
{
    put("a.txt", "Title A\nPublished: Jan 08, 2023 07:58 PM\nThe talks ended on Friday.\n");
    put("b.txt", "Title B\n2023-07-06 18:21:50\nBody.\n");
    put("c.txt", "Title C\nNo date here.\n");
    put("d.txt", "Title D\nPublished: Jan 08, 2023\nBody.\n");
    put("notes.md", "ignored");
    put("e.txt", "Title E\nThe talks ended on Friday.\n");
    put("e.dct", "19980108\n");
    put("index.tsv", "file\ttitle\tsource\tdct\tdct_status\tdoctype\turl\n"
                     "# a comment\n"
                     "c.txt\tManifest title C\tThe Source\t2026-01-20\tinferred\tnews\thttp://x/c\n"
                     "d.txt\t\t\t\tunknown\t\t\n");
    chron_corpus *c = chron_corpus_new(tagger, NULL);
    g_assert_cmpuint(chron_corpus_add(c, dir), ==, 5);
    g_assert_null(chron_corpus_errors(c)[0]);
    GDate d;
    g_date_clear(&d, 1);
    g_assert_cmpint(chron_doc_dct(find(c, "a.txt"), &d), ==, CHRON_DCT_HEADER);
    g_assert_cmpint(g_date_get_year(&d), ==, 2023);
    g_assert_cmpint(g_date_get_day(&d), ==, 8);
    g_assert_cmpint(chron_doc_dct(find(c, "b.txt"), &d), ==, CHRON_DCT_HEADER);
    g_assert_cmpint(g_date_get_month(&d), ==, 7);
    const chron_doc *cd = find(c, "c.txt");
    g_assert_cmpint(chron_doc_dct(cd, &d), ==, CHRON_DCT_INFERRED);
    g_assert_cmpstr(chron_doc_title(cd), ==, "Manifest title C");
    g_assert_cmpstr(chron_doc_source(cd), ==, "The Source");
    g_assert_cmpstr(chron_doc_url(cd), ==, "http://x/c");
    /* A sidecar e.dct gives e.txt its date. */
    g_assert_cmpint(chron_doc_dct(find(c, "e.txt"), &d), ==, CHRON_DCT_MANIFEST);
    g_assert_cmpint(g_date_get_year(&d), ==, 1998);
    /* The manifest says unknown: the dateline is not used. */
    g_assert_cmpint(chron_doc_dct(find(c, "d.txt"), NULL), ==, CHRON_DCT_NONE);
    chron_corpus_free(c);

    GDate o;
    g_date_clear(&o, 1);
    g_date_set_dmy(&o, 1, 1, 2000);
    c = chron_corpus_new(tagger, &o);
    chron_corpus_add(c, dir);
    for (guint i = 0; i < chron_corpus_count(c); i++)
        g_assert_cmpint(chron_doc_dct(chron_corpus_get(c, i), NULL), ==, CHRON_DCT_OPTION);
    chron_corpus_free(c);
}

static void test_errors(void)
{
    chron_corpus *c = chron_corpus_new(tagger, NULL);
    char *missing = g_build_filename(dir, "missing.txt", NULL);
    char *a = g_build_filename(dir, "a.txt", NULL);
    g_assert_cmpuint(chron_corpus_add(c, missing), ==, 0);
    g_assert_cmpuint(chron_corpus_add(c, a), ==, 1);
    const char *const *e = chron_corpus_errors(c);
    g_assert_nonnull(e[0]);
    g_assert_nonnull(strstr(e[0], "missing.txt"));
    g_assert_null(e[1]);
    g_assert_cmpuint(chron_corpus_count(c), ==, 1);
    chron_corpus_free(c);
    g_free(missing);
    g_free(a);
}

static void test_bad_manifest(void)
{
    char *p = g_build_filename(dir, "bad.tsv", NULL);
    g_assert_true(g_file_set_contents(p,
                                      "file\ttitle\tsource\tdct\n"
                                      "x.txt\tX\tS\t2020-02-30\n",
                                      -1, NULL));
    chron_corpus *c = chron_corpus_new(tagger, NULL);
    GError *err = NULL;
    g_assert_false(chron_corpus_read_manifest(c, p, &err));
    g_assert_error(err, CHRON_ERROR, CHRON_ERROR_PARSE);
    g_assert_nonnull(strstr(err->message, "bad.tsv:2:"));
    g_error_free(err);
    chron_corpus_free(c);
    g_free(p);
}

static void test_events_across_docs(void)
{
    chron_corpus *c = chron_corpus_new(tagger, NULL);
    chron_corpus_add(c, dir);
    chron_event_list *ev = chron_corpus_events(c, CHRON_EXTRACT_DEFAULT, NULL);
    /* "The talks ended on Friday.": e.txt against 1998-01-08 (a Thursday), a.txt against
     * 2023-01-08 (a Sunday) */
    g_assert_cmpuint(chron_event_list_count(ev), ==, 2);
    g_assert_cmpstr(chron_event_list_get(ev, 0)->value, ==, "1998-01-02");
    g_assert_cmpstr(chron_event_list_get(ev, 1)->value, ==, "2023-01-06");
    chron_event_list_free(ev);
    chron_corpus_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = g_dir_make_tmp("chron-corpus-XXXXXX", NULL);
    tagger = chron_tagger_new("auto", NULL);
    g_test_add_func("/corpus/folder", test_folder);
    g_test_add_func("/corpus/errors", test_errors);
    g_test_add_func("/corpus/bad-manifest", test_bad_manifest);
    g_test_add_func("/corpus/events", test_events_across_docs);
    int rc = g_test_run();
    const char *names[] = {"a.txt", "b.txt",    "c.txt",     "d.txt",  "e.txt",
                           "e.dct", "notes.md", "index.tsv", "bad.tsv"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        g_unlink(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(dir);
    chron_tagger_free(tagger);
    return rc;
}

/* fuzz_doc.c - libFuzzer target: the document loader (chron_doc_new) on arbitrary bytes.
 *
 * Invalid UTF-8, NUL bytes, byte order marks (UTF-8, UTF-16LE and BE) and binary data must give
 * a document whose text is valid, NUL-free UTF-8 of the reported length; the accessors, the
 * furniture check at a few offsets and the code point offsets must stay within the text.
 */
#include <string.h>

#include "doc.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    return 0;
}

/* Checks the code point offset of every character boundary up to a few hundred, then a sample. */
static void check_cp_offsets(const chron_doc *doc, const char *text, gsize len)
{
    glong cps = g_utf8_strlen(text, (gssize)len);
    FUZZ_CHECK(chron_doc_cp_offset(doc, len) == cps);
    FUZZ_CHECK(chron_doc_cp_offset(doc, len + 17) == cps); /* clamped to the end */
    FUZZ_CHECK(chron_doc_cp_offset(doc, 0) == 0);
    glong cp = 0;
    guint n = 0;
    for (const char *p = text; p < text + len && n < 256; p = g_utf8_next_char(p), n++, cp++)
        FUZZ_CHECK(chron_doc_cp_offset(doc, (gsize)(p - text)) == cp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chron_doc *doc = chron_doc_new("fuzz.txt", (const char *)data, size);
    FUZZ_CHECK(doc != NULL);

    const char *text = chron_doc_text(doc);
    gsize len = chron_doc_length(doc);
    FUZZ_CHECK(text != NULL);
    FUZZ_CHECK(strlen(text) == len); /* NUL-terminated, no NUL inside */
    FUZZ_CHECK(g_utf8_validate(text, (gssize)len, NULL));

    FUZZ_CHECK(strcmp(chron_doc_name(doc), "fuzz.txt") == 0);
    const char *title = chron_doc_title(doc);
    FUZZ_CHECK(title != NULL);
    FUZZ_CHECK(g_utf8_validate(title, -1, NULL));
    FUZZ_CHECK(chron_doc_source(doc) != NULL && chron_doc_url(doc) != NULL);
    FUZZ_CHECK(chron_doc_dct(doc, NULL) == CHRON_DCT_NONE);

    const char *const *warnings = chron_doc_warnings(doc);
    FUZZ_CHECK(warnings != NULL);
    for (guint i = 0; warnings[i]; i++) {
        FUZZ_CHECK(i < 16); /* at most 10 sequences, a summary and the NUL count */
        FUZZ_CHECK(g_str_has_prefix(warnings[i], "fuzz.txt: "));
    }

    check_cp_offsets(doc, text, len);

    /* The furniture check on the first, middle and last line and at each of the first lines. */
    gsize offs[] = {0, len / 3, len / 2, len ? len - 1 : 0, len};
    for (guint i = 0; i < G_N_ELEMENTS(offs); i++)
        (void)chron_doc_is_furniture(doc, offs[i]);
    guint lines = 0;
    for (const char *p = text; p && lines < 8; lines++) {
        (void)chron_doc_is_furniture(doc, (gsize)(p - text));
        p = strchr(p, '\n');
        if (p)
            p++;
    }

    /* Setters replace what the accessors return. */
    chron_doc_set_source(doc, title); /* before set_title, which frees title */
    FUZZ_CHECK(strcmp(chron_doc_source(doc), title) == 0);
    chron_doc_set_title(doc, text);
    FUZZ_CHECK(strcmp(chron_doc_title(doc), text) == 0);
    chron_doc_set_url(doc, "https://example.com/a");
    GDate ref = fuzz_ref_date(), got;
    chron_doc_set_dct(doc, &ref, CHRON_DCT_OPTION);
    FUZZ_CHECK(chron_doc_dct(doc, &got) == CHRON_DCT_OPTION && g_date_compare(&got, &ref) == 0);
    chron_doc_set_dct(doc, NULL, CHRON_DCT_NONE);
    FUZZ_CHECK(chron_doc_dct(doc, NULL) == CHRON_DCT_NONE);
    chron_doc_set_doctype(doc, CHRON_DOCTYPE_NARRATIVE);
    FUZZ_CHECK(chron_doc_doctype(doc) == CHRON_DOCTYPE_NARRATIVE);

    /* The same bytes as a piece of a larger file give the same text; warnings give file offsets. */
    chron_doc *piece = chron_doc_new_at("piece", (const char *)data, size, 1000000);
    FUZZ_CHECK(chron_doc_length(piece) == len);
    FUZZ_CHECK(memcmp(chron_doc_text(piece), text, len) == 0);
    const char *const *pw = chron_doc_warnings(piece);
    for (guint i = 0; pw[i]; i++)
        FUZZ_CHECK(g_str_has_prefix(pw[i], "piece: ") && warnings[i] != NULL);
    chron_doc_free(piece);
    chron_doc_free(doc);
    return 0;
}

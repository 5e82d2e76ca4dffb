/* fuzz_tagger.c - libFuzzer target: the temporal tagger (chron_tagger_tag) on arbitrary text.
 *
 * The input goes through the document loader (the tagger takes valid UTF-8 only, as the command
 * line gives it) and is tagged against a fixed reference date as news and as narrative, and with
 * no reference date, and in two pieces with a tag context. Every mention must lie inside the text
 * on character boundaries, in order and without overlap, inside its sentence, with code point
 * offsets that match its byte offsets and a text equal to what it covers; interval pairs must point
 * at each other.
 */
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "jsonl.h"
#include "timex.h"

static chron_tagger *tagger_mdy; /* all languages, month first (the default) */
static chron_tagger *tagger_dmy; /* all languages, day first */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    tagger_mdy = chron_tagger_new("auto", NULL);
    tagger_dmy = chron_tagger_new("auto", NULL);
    FUZZ_CHECK(tagger_mdy && tagger_dmy);
    chron_tagger_set_date_order(tagger_dmy, CHRON_ORDER_DMY);
    return 0;
}

static gboolean is_boundary(const char *text, gsize len, gsize off)
{
    return off == len || ((guchar)text[off] & 0xC0) != 0x80;
}

static void check_list(const chron_timex_list *list, const char *text, gsize len)
{
    guint n = chron_timex_list_count(list);
    FUZZ_CHECK(chron_timex_list_get(list, n) == NULL);
    gsize prev_end = 0;
    for (guint i = 0; i < n; i++) {
        const chron_timex *t = chron_timex_list_get(list, i);
        FUZZ_CHECK(t != NULL);
        FUZZ_CHECK(t->start < t->end && t->end <= len);
        FUZZ_CHECK(t->start >= prev_end); /* ordered, no overlap */
        prev_end = t->end;
        FUZZ_CHECK(is_boundary(text, len, t->start) && is_boundary(text, len, t->end));
        FUZZ_CHECK(t->sent_start <= t->start && t->end <= t->sent_end && t->sent_end <= len);
        FUZZ_CHECK(t->cp_start == g_utf8_strlen(text, (gssize)t->start));
        FUZZ_CHECK(t->cp_end - t->cp_start == g_utf8_strlen(text + t->start, t->end - t->start));
        FUZZ_CHECK(t->text && strlen(t->text) == t->end - t->start);
        FUZZ_CHECK(memcmp(t->text, text + t->start, t->end - t->start) == 0);
        FUZZ_CHECK(t->raw && *t->raw && g_utf8_validate(t->raw, -1, NULL));
        FUZZ_CHECK(!t->value || (*t->value && g_utf8_validate(t->value, -1, NULL)));
        FUZZ_CHECK(!t->mod || *t->mod);
        FUZZ_CHECK(t->rule && *t->rule);
        FUZZ_CHECK(chron_timex_type_name(t->type) && chron_tense_name(t->tense));
        FUZZ_CHECK(t->pair >= -1 && t->pair < (int)n);
        if (t->pair >= 0) {
            const chron_timex *o = chron_timex_list_get(list, (guint)t->pair);
            FUZZ_CHECK(o->pair == (int)i && t->interval && o->interval);
        }
        char *line = chron_jsonl_timex("fuzz", t);
        FUZZ_CHECK(line && g_utf8_validate(line, -1, NULL) && !strchr(line, '\n'));
        g_free(line);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chron_doc *doc = chron_doc_new("fuzz.txt", (const char *)data, size);
    const char *text = chron_doc_text(doc);
    gsize len = chron_doc_length(doc);
    GDate ref = fuzz_ref_date();

    chron_timex_list *news = chron_tagger_tag(tagger_mdy, text, len, &ref, FALSE);
    check_list(news, text, len);
    chron_timex_list *narrative = chron_tagger_tag(tagger_dmy, text, len, &ref, TRUE);
    check_list(narrative, text, len);
    chron_timex_list *bare = chron_tagger_tag(tagger_mdy, text, len, NULL, FALSE);
    check_list(bare, text, len);
    /* The reference date changes values, not which mentions are found. */
    FUZZ_CHECK(chron_timex_list_count(bare) == chron_timex_list_count(news));

    /* Tagged in two pieces cut at a line end, with the context carried from one to the next
     * (as `chronicle tag` does with long texts): each piece's mentions are valid within it. */
    const char *nl = memchr(text + len / 2, '\n', len - len / 2);
    gsize cut = nl ? (gsize)(nl - text) + 1 : len;
    chron_tag_context *ctx = chron_tag_context_new();
    chron_timex_list *first = chron_tagger_tag_piece(tagger_mdy, text, cut, &ref, TRUE, ctx);
    check_list(first, text, cut);
    chron_timex_list *second =
        chron_tagger_tag_piece(tagger_mdy, text + cut, len - cut, &ref, TRUE, ctx);
    check_list(second, text + cut, len - cut);
    chron_timex_list_free(second);
    chron_timex_list_free(first);
    chron_tag_context_free(ctx);

    chron_timex_list_free(bare);
    chron_timex_list_free(narrative);
    chron_timex_list_free(news);
    chron_doc_free(doc);
    return 0;
}

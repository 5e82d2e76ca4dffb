/* fuzz_events.c - libFuzzer target: the event builder on arbitrary text.
 *
 * The input is loaded as a document (publication date fixed), tagged, and its events extracted
 * both ways (CHRON_EXTRACT_DEFAULT and CHRON_EXTRACT_ALL). The same text is also read as a
 * second article and the two articles' events are merged (chron_merger_run), which joins
 * twins that share key terms. Every event is written as a JSON line and read back: the event read
 * back must have the same value and span and be written again as the very same line.
 */
#include <string.h>

#include "doc.h"
#include "event.h"
#include "fuzz.h"
#include "jsonl.h"
#include "merge.h"
#include "timex.h"

static chron_tagger *tagger;
static chron_extractor *extractor;
static chron_merger *merger;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    tagger = chron_tagger_new("auto", NULL);
    extractor = chron_extractor_new(NULL);
    merger = chron_merger_new(NULL);
    FUZZ_CHECK(tagger && extractor && merger);
    return 0;
}

/* Checks an event's invariants and its JSON Lines round trip. */
static void check_event(const chron_event *ev)
{
    FUZZ_CHECK(ev && ev->value && *ev->value && ev->id && *ev->id);
    FUZZ_CHECK(g_date_valid(&ev->start) && g_date_valid(&ev->end));
    FUZZ_CHECK(g_date_compare(&ev->start, &ev->end) < 0);
    FUZZ_CHECK(ev->sources && ev->sources->len >= 1 && chron_event_source_count(ev) >= 1);
    FUZZ_CHECK(chron_granularity_name(ev->granularity) != NULL);

    char *line = chron_jsonl_event(ev);
    FUZZ_CHECK(line && g_utf8_validate(line, -1, NULL) && !strchr(line, '\n'));
    GError *err = NULL;
    chron_event *back = chron_jsonl_parse_event("fuzz", line, -1, &err);
    FUZZ_CHECK(back != NULL && err == NULL);
    FUZZ_CHECK(strcmp(back->value, ev->value) == 0);
    FUZZ_CHECK(g_date_compare(&back->start, &ev->start) == 0);
    FUZZ_CHECK(g_date_compare(&back->end, &ev->end) == 0);
    FUZZ_CHECK(strcmp(back->id, ev->id) == 0);
    char *again = chron_jsonl_event(back);
    FUZZ_CHECK(strcmp(again, line) == 0);
    g_free(again);
    chron_event_free(back);
    g_free(line);
}

static void check_list(const chron_event_list *list)
{
    guint n = chron_event_list_count(list);
    FUZZ_CHECK(chron_event_list_get(list, n) == NULL);
    for (guint i = 0; i < n; i++)
        check_event(chron_event_list_get(list, i));
}

/* Loads data as the article called name, dated ref, and tags it. */
static chron_doc *load(const char *name, const uint8_t *data, size_t size, const GDate *ref,
                       chron_timex_list **mentions)
{
    chron_doc *doc = chron_doc_new(name, (const char *)data, size);
    chron_doc_set_dct(doc, ref, CHRON_DCT_OPTION);
    *mentions = chron_tagger_tag(tagger, chron_doc_text(doc), chron_doc_length(doc), ref, FALSE);
    return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GDate ref = fuzz_ref_date();
    chron_timex_list *ma, *mb;
    chron_doc *a = load("a.txt", data, size, &ref, &ma);
    chron_doc *b = load("b.txt", data, size, &ref, &mb);

    chron_event_list *all = chron_events_extract(extractor, a, ma, CHRON_EXTRACT_ALL);
    check_list(all);
    chron_event_list *ea = chron_events_extract(extractor, a, ma, CHRON_EXTRACT_DEFAULT);
    check_list(ea);
    chron_event_list *eb = chron_events_extract(extractor, b, mb, CHRON_EXTRACT_DEFAULT);
    guint n = chron_event_list_count(ea);
    FUZZ_CHECK(chron_event_list_count(eb) == n);
    FUZZ_CHECK(chron_event_list_count(all) >= n); /* ALL keeps the framing mentions too */

    /* Joining only ever lowers the count (twins without key terms in common stay apart). */
    chron_event_list_concat(ea, eb);
    chron_merger_run(merger, ea);
    FUZZ_CHECK(chron_event_list_count(ea) <= 2 * n);
    check_list(ea);
    chron_merger_run(merger, all);
    check_list(all);

    chron_event_list_free(all);
    chron_event_list_free(ea);
    chron_timex_list_free(mb);
    chron_timex_list_free(ma);
    chron_doc_free(b);
    chron_doc_free(a);
    return 0;
}

/* fuzz_jsonl.c - libFuzzer target: reading JSON Lines events (chron_jsonl_parse_event).
 *
 * Each line of the input is read as an event. An event read back is written again
 * (chron_jsonl_event) and that line read once more: it must give the same value, span, id and
 * summary, and be written as the very same line.
 */
#include <string.h>

#include "event.h"
#include "fuzz.h"
#include "jsonl.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    return 0;
}

static void check_line(const char *line, gsize len)
{
    GError *err = NULL;
    chron_event *ev = chron_jsonl_parse_event("fuzz:1", line, (gssize)len, &err);
    if (!ev) {
        FUZZ_CHECK(err && g_str_has_prefix(err->message, "fuzz:1: "));
        g_error_free(err);
        return;
    }
    FUZZ_CHECK(err == NULL);
    FUZZ_CHECK(ev->value && ev->id && ev->summary && ev->sources && ev->sources->len >= 1);
    FUZZ_CHECK(g_date_valid(&ev->start) && g_date_valid(&ev->end));
    char *out = chron_jsonl_event(ev);
    FUZZ_CHECK(out && !strchr(out, '\n'));
    chron_event *back = chron_jsonl_parse_event("fuzz:2", out, -1, &err);
    FUZZ_CHECK(back && err == NULL);
    FUZZ_CHECK(strcmp(back->value, ev->value) == 0 && strcmp(back->id, ev->id) == 0);
    FUZZ_CHECK(strcmp(back->summary, ev->summary) == 0);
    FUZZ_CHECK(g_date_compare(&back->start, &ev->start) == 0);
    FUZZ_CHECK(g_date_compare(&back->end, &ev->end) == 0);
    char *again = chron_jsonl_event(back);
    FUZZ_CHECK(strcmp(again, out) == 0);
    g_free(again);
    chron_event_free(back);
    g_free(out);
    chron_event_free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        gsize len = (gsize)((nl ? nl : end) - p);
        check_line(p, len);
        p += len + (nl ? 1 : 0);
    }
    return 0;
}

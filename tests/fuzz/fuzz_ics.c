/* fuzz_ics.c - libFuzzer target: the iCalendar reader (chron_feed_validate, chron_feed_parse).
 *
 * The input is validated and parsed as a feed. When it holds events they are written back
 * (chron_feed_to_string, fixed DTSTAMP) and the result parsed again: it must validate and give
 * as many events. An event that cannot be written (no calendar span, two events with one UID)
 * makes chron_feed_to_string fail with an error, which is fine. The input is also offered as
 * the previous feed the new one replaces (SEQUENCE and LAST-MODIFIED are read from it).
 */
#include <string.h>

#include "event.h"
#include "feed.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    GError *err = NULL;
    if (!chron_feed_validate("fuzz.ics", text, size, &err)) {
        FUZZ_CHECK(err && g_str_has_prefix(err->message, "fuzz.ics: "));
        g_clear_error(&err);
    }
    FUZZ_CHECK(err == NULL);

    chron_event_list *events = chron_feed_parse("fuzz.ics", text, size, &err);
    if (!events) {
        FUZZ_CHECK(err && g_str_has_prefix(err->message, "fuzz.ics: "));
        g_error_free(err);
        return 0;
    }
    FUZZ_CHECK(err == NULL);
    guint n = chron_event_list_count(events);
    if (n == 0) {
        chron_event_list_free(events);
        return 0;
    }

    chron_feed_options opt = {0};
    opt.name = "fuzz";
    opt.dtstamp = 1767225600; /* 2026-01-01T00:00:00Z */
    char *feed = chron_feed_to_string(events, &opt, &err);
    if (!feed) {
        FUZZ_CHECK(err != NULL);
        g_clear_error(&err);
    } else {
        FUZZ_CHECK(err == NULL);
        FUZZ_CHECK(chron_feed_validate("out.ics", feed, strlen(feed), &err));
        chron_event_list *again = chron_feed_parse("out.ics", feed, strlen(feed), &err);
        FUZZ_CHECK(again && err == NULL);
        FUZZ_CHECK(chron_event_list_count(again) == n);
        chron_event_list_free(again);
        g_free(feed);

        /* The same events replacing the input as the previously published feed. */
        opt.previous = text;
        opt.previous_len = size;
        opt.dtstamp += 86400;
        feed = chron_feed_to_string(events, &opt, &err);
        FUZZ_CHECK(feed && err == NULL);
        g_free(feed);
    }
    chron_event_list_free(events);
    return 0;
}

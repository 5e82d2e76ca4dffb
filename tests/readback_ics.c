/* readback_ics.c - reads a feed written by `chronicle ics` back through libical (via
 * chron_feed_parse) after chron_feed_validate() (parse errors, libical's restriction check) and
 * prints its event count, one "UID DTSTART DTEND" line per event, for the
 * command-line tests to compare with `chronicle events`. Exit 1 when libical rejects it. */
#include <stdio.h>

#include "feed.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: readback_ics FILE.ics\n");
        return 2;
    }
    char *data;
    gsize len;
    GError *err = NULL;
    if (!g_file_get_contents(argv[1], &data, &len, &err)) {
        fprintf(stderr, "%s\n", err->message);
        return 1;
    }
    if (!chron_feed_validate(argv[1], data, len, &err)) {
        fprintf(stderr, "%s\n", err->message);
        g_free(data);
        return 1;
    }
    chron_event_list *l = chron_feed_parse(argv[1], data, len, &err);
    g_free(data);
    if (!l) {
        fprintf(stderr, "%s\n", err->message);
        return 1;
    }
    for (guint i = 0; i < chron_event_list_count(l); i++) {
        const chron_event *ev = chron_event_list_get(l, i);
        printf("%s %04d-%02d-%02d %04d-%02d-%02d\n", ev->id, g_date_get_year(&ev->start),
               g_date_get_month(&ev->start), g_date_get_day(&ev->start), g_date_get_year(&ev->end),
               g_date_get_month(&ev->end), g_date_get_day(&ev->end));
    }
    chron_event_list_free(l);
    return 0;
}

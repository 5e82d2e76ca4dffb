/* feed.h - the iCalendar feed (RFC 5545, RFC 7986 names), written and read through libical.
 *
 * Every event becomes an all-day VEVENT (DTSTART;VALUE=DATE .. DTEND;VALUE=DATE, end exclusive)
 * whose UID is derived from the event id, so regenerating a feed from the same inputs yields the
 * same UIDs and the same bytes apart from DTSTAMP. DTSTAMP is the caller's "now" (the library
 * never reads the clock).
 *
 * Ownership: chron_feed_to_string() returns a string the caller frees with g_free().
 * chron_feed_parse() returns a list the caller frees with chron_event_list_free().
 */
#ifndef CHRON_FEED_H
#define CHRON_FEED_H

#include <glib.h>

#include "event.h"

typedef struct chron_feed_options {
    const char *name;        /* calendar NAME / X-WR-CALNAME; "chronicle" when NULL */
    const char *description; /* calendar DESCRIPTION; omitted when NULL */
    gint64 dtstamp;          /* DTSTAMP as seconds since the Unix epoch, UTC */
} chron_feed_options;

/* Serialises events to iCalendar text. Returns NULL and sets error on failure. */
char *chron_feed_to_string(const chron_event_list *events, const chron_feed_options *opt,
                           GError **error);

/* Writes the feed to path through a temporary file renamed into place. */
gboolean chron_feed_write_file(const chron_event_list *events, const chron_feed_options *opt,
                               const char *path, GError **error);

/* Parses iCalendar text (name is used in messages) into events: one per VEVENT with a DTSTART.
 * Returns NULL and sets error (CHRON_ERROR_PARSE, naming name) when the text is not a
 * VCALENDAR. */
chron_event_list *chron_feed_parse(const char *name, const char *data, gsize len, GError **error);

#endif

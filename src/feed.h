/* feed.h - the iCalendar feed (RFC 5545, RFC 7986 names), written and read through libical.
 *
 * Every event becomes a VEVENT whose UID is derived from the event id, so regenerating a feed
 * from the same inputs yields the same UIDs and the same bytes apart from DTSTAMP. A day, month,
 * year (any span) is all-day: DTSTART;VALUE=DATE .. DTEND;VALUE=DATE, end exclusive; an event
 * dated to the minute ("2023-07-06T18:21") is timed, in UTC, and likewise spans what its value
 * names (DTEND one minute, or one second, later). Each carries TRANSP:TRANSPARENT,
 * CATEGORIES (its type), a DESCRIPTION with the summary, every source sentence quoted with its
 * article's title, publisher and URL, URL (the first source's), SEQUENCE and LAST-MODIFIED (see
 * previous below) and X- properties for what calendars cannot hold: X-CHRONICLE-TIMEX,
 * -GRANULARITY, -MOD, -SOURCE, -COUNT, -ACTORS, -CONFLICTS, -HASH. DTSTAMP is the caller's
 * "now" (the library never reads the clock).
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
    /* The feed this one replaces (its text, as last published), or NULL. An event whose UID it
     * holds keeps its SEQUENCE and LAST-MODIFIED while its content is unchanged (same
     * X-CHRONICLE-HASH); a changed event gets SEQUENCE + 1 and LAST-MODIFIED = dtstamp; a new
     * one SEQUENCE 0 and LAST-MODIFIED = dtstamp. */
    const char *previous;
    gsize previous_len;
    const char *color; /* calendar COLOR (RFC 7986, a CSS3 colour name), or NULL */
    /* The time zone of times of day in the articles ("Asia/Tokyo"), for timed events; NULL or
     * "UTC" for UTC. Timed events are written in UTC. */
    const char *tz;
} chron_feed_options;

/* Serialises events to iCalendar text. Returns NULL and sets error on failure. */
char *chron_feed_to_string(const chron_event_list *events, const chron_feed_options *opt,
                           GError **error);

/* Writes the feed to path through a temporary file renamed into place. */
gboolean chron_feed_write_file(const chron_event_list *events, const chron_feed_options *opt,
                               const char *path, GError **error);

/* Checks iCalendar text with libical: it must parse without errors (X-LIC-ERROR) and pass
 * libical's RFC 5545 restriction check (required and allowed properties per component).
 * Returns FALSE and sets error (CHRON_ERROR_INVALID, naming name and every problem). */
gboolean chron_feed_validate(const char *name, const char *data, gsize len, GError **error);

/* Parses iCalendar text (name is used in messages) into events: one per VEVENT with a DTSTART.
 * Returns NULL and sets error (CHRON_ERROR_PARSE, naming name) when the text is not a
 * VCALENDAR. */
chron_event_list *chron_feed_parse(const char *name, const char *data, gsize len, GError **error);

#endif

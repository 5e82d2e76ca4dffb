/* filter.h - which events (or mentions) a user asked for: a date window, a regular expression
 * over the text, event types and actors.
 *
 * Every condition that is set must hold; within --type and --actor, any listed value will do.
 *   from/to  the event's span overlaps [from, to]; each bound is a TIMEX3 date value ("2023",
 *            "2023-07", "2023-07-06", "2023-Q3") and covers its whole span, so --to 2023 keeps
 *            all of 2023
 *   match    a PCRE2 pattern found in the summary, a source sentence, the date phrase or an
 *            article title ((?i) for case-insensitive)
 *   type     the event type (case-insensitive); an unclassified event is "other"
 *   actor    an actor whose name contains the text, case-insensitively ("koizumi" keeps
 *            "Shinjiro Koizumi")
 *
 * Ownership: chron_filter_new() returns an owned filter, freed with chron_filter_free() (NULL
 * is a no-op). A filter is read-only once set up and may be shared between threads.
 */
#ifndef CHRON_FILTER_H
#define CHRON_FILTER_H

#include <glib.h>

#include "event.h"

typedef struct chron_filter chron_filter;

chron_filter *chron_filter_new(void);
void chron_filter_free(chron_filter *f);

/* Each returns FALSE and sets error (naming the option's value) when it cannot be read. */
gboolean chron_filter_set_from(chron_filter *f, const char *value, GError **error);
gboolean chron_filter_set_to(chron_filter *f, const char *value, GError **error);
gboolean chron_filter_set_match(chron_filter *f, const char *regex, GError **error);
/* Adds accepted types or actors; a comma-separated list adds each. */
void chron_filter_add_types(chron_filter *f, const char *types);
void chron_filter_add_actors(chron_filter *f, const char *actors);

/* A filter with every condition given: each of from, to and match may be NULL, types and actors
 * NULL-terminated lists (or NULL) of the texts --type and --actor take. NULL and error (naming
 * the option) when a condition cannot be read. */
chron_filter *chron_filter_new_full(const char *from, const char *to, const char *match,
                                    char *const *types, char *const *actors, GError **error);

/* The date window: *from the first day kept, *to the first day after it; each invalid when
 * unset. */
void chron_filter_window(const chron_filter *f, GDate *from, GDate *to);

/* Drops the events of list that do not pass f, in place (order kept). */
void chron_filter_list(const chron_filter *f, chron_event_list *list);

/* TRUE when no condition is set. */
gboolean chron_filter_is_empty(const chron_filter *f);

/* TRUE when ev passes every condition. */
gboolean chron_filter_event(const chron_filter *f, const chron_event *ev);

/* For mentions: TRUE when the span [start, end) (either may be invalid: unknown) passes the
 * date window; text conditions are checked with chron_filter_text(). */
gboolean chron_filter_span(const chron_filter *f, const GDate *start, const GDate *end);
/* TRUE when the match condition (if any) holds for one of the texts (NULL-terminated). */
gboolean chron_filter_text(const chron_filter *f, const char *const *texts);
/* TRUE when the type condition (if any) holds for type (NULL counts as "other"). */
gboolean chron_filter_type(const chron_filter *f, const char *type);
/* TRUE when the actor condition (if any) holds for one of actors (NULL-terminated, nullable). */
gboolean chron_filter_actors(const chron_filter *f, const char *const *actors);

#endif

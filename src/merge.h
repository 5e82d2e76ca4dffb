/* merge.h - one timeline entry per happening: events that several articles report, worded
 * differently, are joined into one.
 *
 * Two events of different documents are the same happening when their date windows overlap (or,
 * for days and months, nearly touch) and they share enough of what they are about: actors
 * (chron_event.actors, from the classifier) and key terms of their summaries (content words,
 * lightly stemmed, without the stop words of LANG/timeline.ini; a word of an actor both name
 * counts once, as the actor). Joining is transitive (connected components), so the result does not
 * depend on the order of the input.
 *
 * The joined event takes the date, summary and id of its most precise report (the shortest
 * span; ties go to the earliest start, then the smallest id), so the id stays stable as long as
 * no more precise report arrives. Its sources are every report's sources in document order, its
 * actors the union, its type the first specific one. Values of reports whose span does not hold
 * the chosen one are kept in conflicts.
 *
 * Ownership: chron_merger_new() returns an owned merger (free with chron_merger_free(), NULL is
 * a no-op); it is read-only after creation and can be shared between threads.
 */
#ifndef CHRON_MERGE_H
#define CHRON_MERGE_H

#include <glib.h>

#include "event.h"

typedef struct chron_merger chron_merger;

/* Loads the stop words of every language in the rules bundle. */
chron_merger *chron_merger_new(GError **error);
void chron_merger_free(chron_merger *m);

/* Joins the events of list that report the same happening, in place; the list comes back
 * sorted (chron_event_list_sort). Framing events are never joined. */
void chron_merger_run(const chron_merger *m, chron_event_list *list);

/* How many key terms and actors a and b share (for tests and diagnostics). */
void chron_merger_overlap(const chron_merger *m, const chron_event *a, const chron_event *b,
                          guint *terms, guint *actors);

#endif

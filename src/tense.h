/* tense.h - a cheap tense heuristic over verbs and auxiliaries (there is no POS tagger).
 *
 * The marker nearest to the mention decides: a future marker ("will", "plans to") or a past
 * marker (a past-tense verb, "had", "ago"). Markers are found once per sentence and reused for
 * every mention in it. Internal to libchronicle.
 */
#ifndef CHRON_TENSE_H
#define CHRON_TENSE_H

#include "pattern.h"
#include "timex.h"

typedef struct chron_tense_marker {
    gsize start, end; /* bytes into the sentence */
    gboolean future;
} chron_tense_marker;

/* The tense markers of sent[0..len), in any order. Either pattern may be NULL. The caller
 * frees the array with g_array_unref(). */
GArray *chron_tense_markers(const chron_pattern *past, const chron_pattern *future,
                            const char *sent, gsize len);

/* The tense for a mention at [ms, me) in the sentence the markers came from. Markers inside the
 * mention do not count; the nearest wins, future on a tie; none means present. */
chron_tense chron_tense_at(const GArray *markers, gsize ms, gsize me);

#endif

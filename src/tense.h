/* tense.h - a cheap tense heuristic over verbs and auxiliaries (there is no POS tagger).
 *
 * The marker nearest to the mention decides: a future marker ("will", "plans to") or a past
 * marker (a past-tense verb, "had", "ago"). Internal to libchronicle.
 */
#ifndef CHRON_TENSE_H
#define CHRON_TENSE_H

#include "pattern.h"
#include "timex.h"

/* sent[0..len) is the sentence; [ms, me) the mention's byte span inside it. Either pattern may
 * be NULL. */
chron_tense chron_tense_guess(const chron_pattern *past, const chron_pattern *future,
                              const char *sent, gsize len, gsize ms, gsize me);

#endif

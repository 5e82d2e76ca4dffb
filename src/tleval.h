/* tleval.h - scoring a timeline (events) against a hand-made gold timeline.
 *
 * A gold file is tab-separated text, one event per line: value, docs (comma-separated prefixes of
 * the articles' file names), key words (';'-separated), note; '#' lines and a header line
 * starting with "value" are skipped. See tests/timeline/corpus.gold.tsv.
 *
 * A system event matches a gold event when every key word occurs (ignoring case) in its summary
 * or in one of its source sentences, and its span overlaps the gold value's span. Matching is
 * one-to-one, greedy in gold order, preferring a system event with the exact value. Reported:
 *   events   precision = matched / system events, recall = matched / gold events
 *   dates    of the matched, how many carry exactly the gold value (precision over the system
 *            events, recall over the gold events)
 *   sources  of the matched, how many name exactly the gold's articles (merging done right)
 *
 * Ownership: chron_tlgold_load() returns an owned gold timeline (free with chron_tlgold_free(),
 * NULL is a no-op); chron_tleval_report() returns a string the caller frees.
 */
#ifndef CHRON_TLEVAL_H
#define CHRON_TLEVAL_H

#include <glib.h>

#include "event.h"

typedef struct chron_tlgold chron_tlgold;

/* Parses a gold file's contents; name is used in errors ("name:LINE: ..."). */
chron_tlgold *chron_tlgold_parse(const char *name, const char *data, gsize len, GError **error);
chron_tlgold *chron_tlgold_load(const char *path, GError **error);
void chron_tlgold_free(chron_tlgold *g);
guint chron_tlgold_count(const chron_tlgold *g);

typedef struct chron_tleval_totals {
    guint gold, system, matched, dates_ok, sources_ok;
    double event_p, event_r, event_f1;
    double date_p, date_r, date_f1;
} chron_tleval_totals;

/* Scores events against gold; the text report (totals, then misses, wrong dates, wrong sources
 * and spurious events) is returned when report is not NULL. */
void chron_tleval_run(const chron_tlgold *g, const chron_event_list *events,
                      chron_tleval_totals *out, char **report);

#endif

/* score.h - TempEval-3 Task A scoring of TIMEX3 annotations.
 *
 * Per document, system and gold mentions are matched by byte extents in the same text:
 * strict = identical extent, relaxed = overlapping (one-to-one, greedy in text order).
 * Precision = matches / system mentions, recall = matches / gold mentions. Over relaxed matches,
 * type and value accuracy; value F1 = value accuracy x relaxed F1 (the TempEval-3 attribute F1).
 * Every gold mention is also counted under an expression class (type, granularity, explicit or
 * relative) so the report shows where misses and wrong values come from.
 *
 * Ownership: chron_score_new() returns a scorer freed with chron_score_free() (NULL is a no-op);
 * chron_score_report() returns a string the caller frees with g_free().
 */
#ifndef CHRON_SCORE_H
#define CHRON_SCORE_H

#include <glib.h>

#include "timeml.h"

typedef struct chron_score chron_score;

typedef struct chron_score_totals {
    guint gold, system, strict, relaxed, type_ok, value_ok;
    double strict_p, strict_r, strict_f1;
    double relaxed_p, relaxed_r, relaxed_f1;
    double type_acc, value_acc, value_f1;
} chron_score_totals;

chron_score *chron_score_new(void);
void chron_score_free(chron_score *s);

/* Adds one document: text is the shared text (for the report's examples), gold and sys arrays
 * of chron_gold_timex with byte offsets into it. */
void chron_score_add(chron_score *s, const char *doc, const char *text, const GArray *gold,
                     const GArray *sys);

void chron_score_totals_get(const chron_score *s, chron_score_totals *out);

/* A plain-text report: the totals, then a table by expression class (gold count, missed,
 * extent only relaxed, wrong type, wrong value) and spurious system mentions by class; with
 * examples > 0, up to that many examples of each kind of error. */
char *chron_score_report(const chron_score *s, guint examples);

/* The expression class of a mention: "DATE/day/explicit", "DURATION/relative", ... */
char *chron_score_class(const char *type, const char *value, const char *text, gsize len);

#endif

/* resolve.h - second pass of the tagger: underspecified TIMEX3 values made absolute against a
 * reference date and the tense of the sentence. Internal to libchronicle.
 *
 * Understands XXXX-MM, XXXX-MM-DD, XXXX-Qn, XXXX-Hn, XXXX-SU (year chosen by tense), XXXX-WXX-D
 * (weekday: the one on or before the reference in the past, on or after in the future, the nearest
 * otherwise) and
 * @UNIT±N[rest] offsets (UNIT Y, M, W, D, Q, H, C; "@Y+0XXXX-C01-01" is a day in that year). Days
 * of other calendars (XXXX-Cmm-dd Chinese, XXXX-Jmm-dd Hebrew, XXXX-Imm-dd Islamic, with an
 * optional ±N days; src/calendar.h) and of Easter (XXXX-E±N) take the occurrence the tense points
 * to. A trailing marker says which way to look: < or > forces past or future, ^ and _ lean to the
 * future or the past within the tense tolerance, = asks for the reference's year. Fully specified
 * values are returned as they are.
 */
#ifndef CHRON_RESOLVE_H
#define CHRON_RESOLVE_H

#include <glib.h>

#include "timex.h"

/* TRUE when raw needs a reference date. */
gboolean chron_resolve_needs_ref(const char *raw);

/* Returns the resolved value (caller frees), or NULL when raw needs a reference and ref is NULL
 * or invalid, or raw is malformed. */
char *chron_resolve_value(const char *raw, const GDate *ref, chron_tense tense);

/* The same, with last (nullable) the value of the date the text named just before: "@L"
 * values ("the year-ago quarter") resolve against it when it is a quarter or half, "@A" values
 * ("that year", "the following month") against its year, month or day. */
char *chron_resolve_value_near(const char *raw, const GDate *ref, chron_tense tense,
                               const char *last);
/* The same without the tolerance for a date the tense contradicts: a month or day told in the
 * past by the verb that governs it ("peaked in January", said in November) is the one gone. */
char *chron_resolve_value_strict(const char *raw, const GDate *ref, chron_tense tense,
                                 const char *last);

/* "XXXX-03-06^" in year y: "1990-03-06" (a narrative's "In 1990 ... until March 6"); a season,
 * quarter or half too ("XXXX-SP": "1990-SP"). NULL when raw is no month, day or part of a year
 * without a year, or its marker forces a direction ("last March" is relative to the
 * narrative's date, not in its year). */
char *chron_resolve_in_year(const char *raw, int y);

/* The date a duration leads to from the date the text named just before (last): "@AY+1" from
 * "2019" is "2020", "@AD-3" from "2019-05-10" is "2019-05-07", "@AW+2" two weeks on from a day.
 * NULL (never the reference) when last is NULL or coarser than the unit ("three days later"
 * after "in 2019"), or raw is malformed. Caller frees. */
char *chron_resolve_point(const char *raw, const char *last);

#endif

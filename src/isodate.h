/* isodate.h - the ISO 8601 dates at the start of TIMEX3 values ("2025-03-05", "2025-03",
 * "2025-W10"), read into GDates. The one place that parses them: the resolver, the tagger, the
 * events, datelines and JSON Lines all call it. Stateless and thread-safe. Internal to
 * libchronicle.
 */
#ifndef CHRON_ISODATE_H
#define CHRON_ISODATE_H

#include <glib.h>

/* Into out, the date at the start of v: "YYYY" (its 1 January) when need is 4, "YYYY-MM" (the
 * 1st) when need is 7, "YYYY-MM-DD" when need is 10; anything may follow. FALSE when v does not
 * start so, or names no valid date. */
gboolean chron_isodate_parse(const char *v, gsize need, GDate *out);

/* Into out, the Monday of ISO week `week` of `year` (week 1 holds 4 January). FALSE when year is
 * outside 1-9999 or week outside 1-53. */
gboolean chron_isodate_week_monday(int year, int week, GDate *out);

/* Moves d by n days (back when n is negative). FALSE, d unchanged, when that would leave years
 * 1-9999: GLib's own checks would fail, and no text dates so far. */
gboolean chron_isodate_add_days(GDate *d, long n);

/* The same by n months, the day kept or cut to the month's length (GLib's rule). */
gboolean chron_isodate_add_months(GDate *d, long n);

/* Into *seconds, the UTC offset a TIMEX3 zone states: "Z", "+09:00", "-05:30", "+0530" or "+09"
 * (east of Greenwich positive). FALSE when zone is none of these, or beyond +/-14:00. */
gboolean chron_isodate_parse_offset(const char *zone, int *seconds);

/* Into out, the UTC offset ("+09:00", "-05:00", "Z") the IANA zone `identifier`
 * ("America/New_York") has at the local clock time the TIMEX3 value v names ("2026-07-04T20:00";
 * midday for a day, "2026-07-04"), or, when v names no day of its own ("XXXX-WXX-2T14:00"), at
 * midday of `fallback` (when valid). FALSE when neither gives a day, or the system's time zone
 * data does not know identifier. Reads the time zone data (GTimeZone), never the clock. */
gboolean chron_isodate_zone_offset(const char *identifier, const char *v, const GDate *fallback,
                                   char out[7]);

#endif

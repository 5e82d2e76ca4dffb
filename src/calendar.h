/* calendar.h - days of the Chinese, Hebrew and Islamic calendars as Gregorian days, for the
 * holidays that move in the Gregorian calendar (春节, Passover, Eid al-Fitr). The only module that
 * talks to ICU. Internal to libchronicle.
 *
 * Months are counted from 1 in each calendar's own order:
 * - chinese: the lunar months 1-12 (正月 = 1), never a leap month; the Chinese calendar as China
 *   observes it (ICU's astronomical calculation, UTC+8);
 * - hebrew: Tishri = 1, Heshvan, Kislev, Tevet, Shevat, Adar I = 6 (leap years only), Adar (Adar
 *   II in leap years) = 7, Nisan = 8, Iyar, Sivan, Tamuz, Av, Elul = 13;
 * - islamic: Muharram = 1 ... Ramadan = 9, Shawwal = 10, Dhu al-Hijjah = 12, by the Umm al-Qura
 *   calendar (Saudi Arabia's civil calendar). Where the month begins by sighting of the moon the
 *   day may differ by one.
 * Stateless and thread-safe: each call opens and closes its own ICU calendar.
 */
#ifndef CHRON_CALENDAR_H
#define CHRON_CALENDAR_H

#include <glib.h>

typedef enum {
    CHRON_CALENDAR_CHINESE,
    CHRON_CALENDAR_HEBREW,
    CHRON_CALENDAR_ISLAMIC,
} chron_calendar;

/* The calendar a value letter names ('C' chinese, 'J' hebrew, 'I' islamic); FALSE for any other
 * letter. */
gboolean chron_calendar_from_letter(char letter, chron_calendar *cal);

/* The calendar's year (ICU's extended year: continuous, no eras) holding the Gregorian day d;
 * FALSE when ICU cannot tell. */
gboolean chron_calendar_year_of(chron_calendar cal, const GDate *d, int *year);

/* Into out, the Gregorian day of day `day` of month `month` of the calendar's year `year` (as
 * chron_calendar_year_of() counts). FALSE when the month or day is out of range for that year
 * (Adar I in a common year, the 30th of a 29-day month) or the day is outside years 1-9999. */
gboolean chron_calendar_to_gregorian(chron_calendar cal, int year, int month, int day, GDate *out);

#endif

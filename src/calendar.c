/* calendar.c - the Chinese, Hebrew and Islamic calendars, through ICU's ucal. */
#include "calendar.h"

#include <math.h>
#include <unicode/ucal.h>

#define MS_PER_DAY 86400000.0
#define SYNODIC_MONTH 29.530588861
/* The Julian day number (noon-based, astronomy's) of GDate's day 1, 0001-01-01, less one. */
#define JDN_OF_GDATE_0 1721425

gboolean chron_calendar_from_letter(char letter, chron_calendar *cal)
{
    switch (letter) {
    case 'C':
        *cal = CHRON_CALENDAR_CHINESE;
        return TRUE;
    case 'J':
        *cal = CHRON_CALENDAR_HEBREW;
        return TRUE;
    case 'I':
        *cal = CHRON_CALENDAR_ISLAMIC;
        return TRUE;
    default:
        return FALSE;
    }
}

/* A strict (not lenient) ICU calendar of kind cal in UTC, or NULL. */
static UCalendar *open_calendar(chron_calendar cal)
{
    static const char *const locales[] = {
        [CHRON_CALENDAR_CHINESE] = "en@calendar=chinese",
        [CHRON_CALENDAR_HEBREW] = "en@calendar=hebrew",
        [CHRON_CALENDAR_ISLAMIC] = "en@calendar=islamic-umalqura",
    };
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UErrorCode status = U_ZERO_ERROR;
    UCalendar *c = ucal_open(utc, -1, locales[cal], UCAL_DEFAULT, &status);
    if (U_FAILURE(status)) {
        if (c)
            ucal_close(c);
        return NULL;
    }
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    return c;
}

/* The Julian day number GDate gives 1970-01-01, where ICU's milliseconds start. */
static guint32 epoch_julian(void)
{
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 1, G_DATE_JANUARY, 1970);
    return g_date_get_julian(&d);
}

static double sin_deg(double x)
{
    return sin(x * G_PI / 180.0);
}

/* The moment of new moon number k (0: 2000-01-06), as a Julian Ephemeris Day: Meeus,
 * Astronomical Algorithms, chapter 49, with the periodic terms down to 0.00002 day and without
 * the planetary ones (under a minute together). */
static double new_moon_jde(double k)
{
    double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde =
        2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    double e = 1 - 0.002516 * t - 0.0000074 * t2;
    double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;
    double mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
    double f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
    double om = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
    return jde - 0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mp) +
           0.01039 * sin_deg(2 * f) + 0.00739 * e * sin_deg(mp - m) -
           0.00514 * e * sin_deg(mp + m) + 0.00208 * e * e * sin_deg(2 * m) -
           0.00111 * sin_deg(mp - 2 * f) - 0.00057 * sin_deg(mp + 2 * f) +
           0.00056 * e * sin_deg(2 * mp + m) - 0.00042 * sin_deg(3 * mp) +
           0.00042 * e * sin_deg(m + 2 * f) + 0.00038 * e * sin_deg(m - 2 * f) -
           0.00024 * e * sin_deg(2 * mp - m) - 0.00017 * sin_deg(om) -
           0.00007 * sin_deg(mp + 2 * m) + 0.00004 * sin_deg(2 * mp - 2 * f) +
           0.00004 * sin_deg(3 * m) + 0.00003 * sin_deg(mp + m - 2 * f) +
           0.00003 * sin_deg(2 * mp + 2 * f) - 0.00003 * sin_deg(mp + m + 2 * f) +
           0.00003 * sin_deg(mp - m + 2 * f) - 0.00002 * sin_deg(mp - m - 2 * f) -
           0.00002 * sin_deg(3 * mp + m) + 0.00002 * sin_deg(4 * mp);
}

/* The GDate day (UTC+8, the Chinese calendar's) of the new moon nearest the GDate day near. */
static guint32 new_moon_day_near(guint32 near)
{
    double jd = (double)near + JDN_OF_GDATE_0;
    double k = floor((jd - 2451550.09766) / SYNODIC_MONTH + 0.5), best = 0, gap = G_MAXDOUBLE;
    for (double dk = -1; dk <= 1; dk++) {
        double jde = new_moon_jde(k + dk);
        if (fabs(jde - jd) < gap) {
            gap = fabs(jde - jd);
            best = jde;
        }
    }
    /* Terrestrial time to universal time: delta T by Espenak and Meeus' polynomial for
     * 2005-2050, under a minute off from 1950 to 2100. */
    double y = (best - 2451545.0) / 365.25; /* years from 2000 */
    double ut = best - (62.92 + 0.32217 * y + 0.005589 * y * y) / 86400.0;
    /* A Julian day starts at noon: the civil day of UT+8 is floor(jd + 0.5 + 8/24). */
    return (guint32)(floor(ut + 0.5 + 8.0 / 24.0) - JDN_OF_GDATE_0);
}

gboolean chron_calendar_year_of(chron_calendar cal, const GDate *d, int *year)
{
    if (!g_date_valid(d))
        return FALSE;
    UCalendar *c = open_calendar(cal);
    if (!c)
        return FALSE;
    UErrorCode status = U_ZERO_ERROR;
    double days = (double)g_date_get_julian(d) - (double)epoch_julian();
    ucal_setMillis(c, days * MS_PER_DAY, &status);
    int32_t y = ucal_get(c, UCAL_EXTENDED_YEAR, &status);
    ucal_close(c);
    if (U_FAILURE(status))
        return FALSE;
    *year = y;
    return TRUE;
}

gboolean chron_calendar_to_gregorian(chron_calendar cal, int year, int month, int day, GDate *out)
{
    if (month < 1 || month > 13 || day < 1 || day > 30)
        return FALSE;
    UCalendar *c = open_calendar(cal);
    if (!c)
        return FALSE;
    UErrorCode status = U_ZERO_ERROR;
    ucal_clear(c);
    ucal_set(c, UCAL_EXTENDED_YEAR, year);
    ucal_set(c, UCAL_MONTH, month - 1);
    if (cal == CHRON_CALENDAR_CHINESE)
        ucal_set(c, UCAL_IS_LEAP_MONTH, 0);
    ucal_set(c, UCAL_DATE, day);
    UDate ms = ucal_getMillis(c, &status);
    /* A strict calendar refuses a day the month lacks, but may still carry a month past the
     * year's last into the next year: read the fields back to be sure. */
    gboolean same = !U_FAILURE(status) && ucal_get(c, UCAL_EXTENDED_YEAR, &status) == year &&
                    ucal_get(c, UCAL_MONTH, &status) == month - 1 &&
                    ucal_get(c, UCAL_DATE, &status) == day && !U_FAILURE(status);
    ucal_close(c);
    if (!same)
        return FALSE;
    /* ms is a midnight: a whole number of days, rounded against floating-point error */
    gint64 julian = (gint64)epoch_julian() + (gint64)(ms / MS_PER_DAY + (ms < 0 ? -0.5 : 0.5));
    /* ICU places the Chinese months by a low-precision moon, which puts a new moon within minutes
     * of midnight on the wrong day (2027 and 2030 begin on February 6 and 3, not 7 and 2): the
     * month is ICU's, its first day the day of the new moon by Meeus' fuller series. */
    if (cal == CHRON_CALENDAR_CHINESE && julian > 31 && julian < 3652029) {
        gint64 first = julian - (day - 1);
        gint64 start = new_moon_day_near((guint32)first);
        gint64 next = new_moon_day_near((guint32)(start + 30));
        if (start + (day - 1) >= next)
            return FALSE;
        julian = start + (day - 1);
    }
    if (julian < 1 || julian > 3652059) /* 0001-01-01 .. 9999-12-31 */
        return FALSE;
    g_date_clear(out, 1);
    g_date_set_julian(out, (guint32)julian);
    return TRUE;
}

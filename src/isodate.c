/* isodate.c - ISO 8601 dates at the start of TIMEX3 values. */
#include "isodate.h"

#include <stdlib.h>
#include <string.h>

static gboolean digits_at(const char *v, gsize from, gsize n)
{
    for (gsize i = from; i < from + n; i++)
        if (!g_ascii_isdigit(v[i]))
            return FALSE;
    return TRUE;
}

gboolean chron_isodate_parse(const char *v, gsize need, GDate *out)
{
    if (!v || strlen(v) < need || !digits_at(v, 0, 4) ||
        (need > 4 && (v[4] != '-' || !digits_at(v, 5, 2))) ||
        (need > 7 && (v[7] != '-' || !digits_at(v, 8, 2))))
        return FALSE;
    int y = atoi(v), m = need >= 7 ? atoi(v + 5) : 1, d = need >= 10 ? atoi(v + 8) : 1;
    if (!g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return FALSE;
    g_date_clear(out, 1);
    g_date_set_dmy(out, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    return TRUE;
}

/* The Julian day (GLib's count, 1 January of year 1 = 1) of 31 December 9999. */
#define LAST_JULIAN 3652059

gboolean chron_isodate_add_days(GDate *d, long n)
{
    guint32 j = g_date_get_julian(d);
    if ((n < 0 && (gulong)-n >= j) || (n > 0 && (gulong)n > LAST_JULIAN - j))
        return FALSE;
    if (n > 0)
        g_date_add_days(d, (guint)n);
    else if (n < 0)
        g_date_subtract_days(d, (guint)-n);
    return TRUE;
}

gboolean chron_isodate_add_months(GDate *d, long n)
{
    long m = (long)g_date_get_year(d) * 12 + (long)g_date_get_month(d) - 1 + n;
    if (m < 12 || m > 9999L * 12 + 11)
        return FALSE;
    if (n > 0)
        g_date_add_months(d, (guint)n);
    else if (n < 0)
        g_date_subtract_months(d, (guint)-n);
    return TRUE;
}

gboolean chron_isodate_week_monday(int year, int week, GDate *out)
{
    if (year < 1 || year > 9999 || week < 1 || week > 53)
        return FALSE;
    g_date_clear(out, 1);
    g_date_set_dmy(out, 4, G_DATE_JANUARY, (GDateYear)year);
    g_date_subtract_days(out, g_date_get_weekday(out) - G_DATE_MONDAY);
    g_date_add_days(out, (guint)(week - 1) * 7);
    return TRUE;
}

gboolean chron_isodate_parse_offset(const char *zone, int *seconds)
{
    if (!zone)
        return FALSE;
    if (strcmp(zone, "Z") == 0) {
        *seconds = 0;
        return TRUE;
    }
    if ((zone[0] != '+' && zone[0] != '-') || !g_ascii_isdigit(zone[1]) ||
        !g_ascii_isdigit(zone[2]))
        return FALSE;
    int h = (zone[1] - '0') * 10 + (zone[2] - '0'), m = 0;
    const char *p = zone + 3;
    gboolean colon = *p == ':';
    p += colon;
    if (*p || colon) { /* the minutes: "+09:00" or "+0900", nothing after them */
        if (!g_ascii_isdigit(p[0]) || !g_ascii_isdigit(p[1]) || p[2])
            return FALSE;
        m = (p[0] - '0') * 10 + (p[1] - '0');
    }
    if (m > 59 || h * 60 + m > 14 * 60)
        return FALSE;
    *seconds = (zone[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return TRUE;
}

gboolean chron_isodate_zone_offset(const char *identifier, const char *v, const GDate *fallback,
                                   char out[7])
{
    GDate day;
    int hour = 12, minute = 0;
    if (v && chron_isodate_parse(v, 10, &day)) {
        /* "T20:00", "T20:00:15": the clock's hour and minute; a part of the day ("TEV") or none
         * keeps midday. */
        const char *t = v + 10;
        if (t[0] == 'T' && g_ascii_isdigit(t[1]) && g_ascii_isdigit(t[2])) {
            hour = (t[1] - '0') * 10 + (t[2] - '0');
            if (t[3] == ':' && g_ascii_isdigit(t[4]) && g_ascii_isdigit(t[5]))
                minute = (t[4] - '0') * 10 + (t[5] - '0');
            if (hour == 24) /* midnight at the end of the day: the same offset, near enough */
                hour = 23, minute = 59;
            if (hour > 23 || minute > 59)
                return FALSE;
        }
    } else if (fallback && g_date_valid(fallback)) {
        day = *fallback;
    } else {
        return FALSE;
    }
    GTimeZone *tz = g_time_zone_new_identifier(identifier);
    if (!tz)
        return FALSE;
    GDateTime *dt = g_date_time_new(tz, (int)g_date_get_year(&day), (int)g_date_get_month(&day),
                                    (int)g_date_get_day(&day), hour, minute, 0);
    g_time_zone_unref(tz);
    if (!dt)
        return FALSE;
    GTimeSpan off = g_date_time_get_utc_offset(dt) / G_TIME_SPAN_SECOND;
    g_date_time_unref(dt);
    if (off == 0) {
        g_strlcpy(out, "Z", 7);
        return TRUE;
    }
    long a = labs((long)off);
    g_snprintf(out, 7, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
    return TRUE;
}

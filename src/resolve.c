/* resolve.c - underspecified values against the reference date. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

gboolean chron_resolve_needs_ref(const char *raw)
{
    return raw && (raw[0] == '@' || g_str_has_prefix(raw, "XXXX"));
}

static int month_diff(int y1, int m1, int y2, int m2)
{
    return (y2 - y1) * 12 + (m2 - m1);
}

/* Year for month m (and day d, 0 when absent) seen from ref in the given tense. */
/* How far a date the tense contradicts may lie on the other side of the reference before the
 * tense wins: a past-tense sentence naming "Nov. 20" a week after the DCT is about a deadline
 * or a schedule, not about last year. In months; 0 turns the tolerance off. */
#define TENSE_TOLERANCE_MONTHS 2

/* Months from the reference (year ry, month rm, day rd) to year y, month m, day d (d = 0 for a
 * whole month), negative in the past. */
static int months_away(int ry, int rm, int rd, int y, int m, int d)
{
    int diff = month_diff(ry, rm, y, m);
    if (diff == 0 && d && d < rd)
        return -1; /* earlier this month counts as just past */
    return diff;
}

/* Year for month m (and day d, 0 when absent) seen from ref in the given tense. */
static int year_for(const GDate *ref, int m, int d, chron_tense tense)
{
    int ry = g_date_get_year(ref), rm = g_date_get_month(ref), rd = g_date_get_day(ref);
    int best = ry, best_dist = G_MAXINT;
    /* The nearest occurrence on the side the tense asks for, unless the nearest on the other
     * side is within the tolerance. */
    for (int y = ry - 1; y <= ry + 1; y++) {
        int away = months_away(ry, rm, rd, y, m, d);
        int dist = ABS(away);
        gboolean wrong_side = (tense == CHRON_TENSE_PAST && away > 0) ||
                              (tense == CHRON_TENSE_FUTURE && away < 0);
        if (wrong_side && dist > TENSE_TOLERANCE_MONTHS)
            continue;
        if (wrong_side)
            dist += TENSE_TOLERANCE_MONTHS; /* prefer the tense's side at equal distance */
        if (dist < best_dist) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

static char *resolve_weekday(const GDate *ref, int wd, chron_tense tense, const char *rest)
{
    int rw = g_date_get_weekday(ref); /* 1 = Monday */
    int back = (rw - wd + 7) % 7;     /* days back to the weekday on or before ref */
    int fwd = (wd - rw + 7) % 7;      /* days forward to the one on or after ref */
    GDate d = *ref;
    if (tense == CHRON_TENSE_FUTURE || (tense != CHRON_TENSE_PAST && fwd < back))
        g_date_add_days(&d, fwd);
    else
        g_date_subtract_days(&d, back);
    return g_strdup_printf("%04d-%02d-%02d%s", g_date_get_year(&d), g_date_get_month(&d),
                           g_date_get_day(&d), rest);
}

static char *resolve_offset(const char *raw, const GDate *ref)
{
    const char *p = raw + 1;
    char unit = *p++;
    if (*p != '+' && *p != '-')
        return NULL;
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p + 1 || labs(n) > 10000)
        return NULL;
    const char *rest = end;
    int y = g_date_get_year(ref), m = g_date_get_month(ref);
    GDate d = *ref;
    char *head;
    switch (unit) {
    case 'Y':
        if (y + n < 1 || y + n > 9999)
            return NULL;
        head = g_strdup_printf("%04ld", y + n);
        break;
    case 'M': {
        long t = (long)y * 12 + (m - 1) + n;
        if (t < 12)
            return NULL;
        head = g_strdup_printf("%04ld-%02ld", t / 12, t % 12 + 1);
        break;
    }
    case 'Q': {
        long t = (long)y * 4 + (m - 1) / 3 + n;
        if (t < 4)
            return NULL;
        head = g_strdup_printf("%04ld-Q%ld", t / 4, t % 4 + 1);
        break;
    }
    case 'H': {
        long t = (long)y * 2 + (m - 1) / 6 + n;
        if (t < 2)
            return NULL;
        head = g_strdup_printf("%04ld-H%ld", t / 2, t % 2 + 1);
        break;
    }
    case 'C':
        if (y / 100 + n < 0 || y / 100 + n > 99)
            return NULL;
        head = g_strdup_printf("%02ld", y / 100 + n);
        break;
    case 'D':
    case 'W':
        if (n >= 0)
            g_date_add_days(&d, (guint)(unit == 'W' ? n * 7 : n));
        else
            g_date_subtract_days(&d, (guint)(unit == 'W' ? -n * 7 : -n));
        if (unit == 'D')
            head = g_strdup_printf("%04d-%02d-%02d", g_date_get_year(&d), g_date_get_month(&d),
                                   g_date_get_day(&d));
        else {
            /* The ISO week-numbering year can differ from the calendar year near January. */
            GDate thu = d;
            int wd = g_date_get_weekday(&d);
            if (wd < 4)
                g_date_add_days(&thu, 4 - wd);
            else
                g_date_subtract_days(&thu, wd - 4);
            head = g_strdup_printf("%04d-W%02u", g_date_get_year(&thu),
                                   g_date_get_iso8601_week_of_year(&d));
        }
        break;
    default:
        return NULL;
    }
    char *out = g_strconcat(head, rest, NULL);
    g_free(head);
    return out;
}

char *chron_resolve_value(const char *raw, const GDate *ref, chron_tense tense)
{
    if (!raw)
        return NULL;
    if (!chron_resolve_needs_ref(raw))
        return g_strdup(raw);
    if (!ref || !g_date_valid(ref))
        return NULL;
    if (raw[0] == '@')
        return resolve_offset(raw, ref);
    /* A trailing '<' or '>' forces the direction: "last Friday", "next September". */
    gsize n = strlen(raw);
    if (n > 4 && (raw[n - 1] == '<' || raw[n - 1] == '>')) {
        char *core = g_strndup(raw, n - 1);
        char *v = chron_resolve_value(core, ref,
                                      raw[n - 1] == '<' ? CHRON_TENSE_PAST : CHRON_TENSE_FUTURE);
        g_free(core);
        return v;
    }
    /* XXXX-WXX-D */
    if (g_str_has_prefix(raw, "XXXX-WXX-") && raw[9] >= '1' && raw[9] <= '7')
        return resolve_weekday(ref, raw[9] - '0', tense, raw + 10);
    /* XXXX-MM or XXXX-MM-DD, possibly followed by more (a time). */
    if (raw[4] == '-' && g_ascii_isdigit(raw[5]) && g_ascii_isdigit(raw[6])) {
        int m = (raw[5] - '0') * 10 + (raw[6] - '0');
        int d = 0;
        if (raw[7] == '-' && g_ascii_isdigit(raw[8]) && g_ascii_isdigit(raw[9]))
            d = (raw[8] - '0') * 10 + (raw[9] - '0');
        if (m < 1 || m > 12)
            return NULL;
        int y = year_for(ref, m, d, tense);
        if (d && !g_date_valid_dmy(d, m, y))
            return NULL;
        return g_strdup_printf("%04d%s", y, raw + 4);
    }
    if (strcmp(raw, "XXXX") == 0)
        return g_strdup_printf("%04d", g_date_get_year(ref));
    return NULL;
}

/* resolve.c - underspecified values against the reference date. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "isodate.h"
#include "text.h"

gboolean chron_resolve_needs_ref(const char *raw)
{
    return raw && (raw[0] == '@' || chron_text_has_prefix(raw, "XXXX"));
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
/* The tolerance when the text forces the direction ("last", "next"): none, and strictly. */
#define TENSE_STRICT (-1)

/* The markers a rule may end a value with to say which way to look (see resolve_near()). */
#define DIRECTION_MARKERS "<>=^_"

/* Months from the reference (year ry, month rm, day rd) to year y, month m, day d (d = 0 for a
 * whole month), negative in the past. */
static int months_away(int ry, int rm, int rd, int y, int m, int d)
{
    int diff = month_diff(ry, rm, y, m);
    if (diff == 0 && d && d < rd)
        return -1; /* earlier this month counts as just past */
    return diff;
}

/* Days from the reference (ry, rm, rd) to day d of month m of year y into *days, negative in the
 * past; FALSE when either day does not exist (Feb. 29 of a common year). */
static gboolean days_from_ref(int ry, int rm, int rd, int y, int m, int d, long *days)
{
    if (!g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y) ||
        !g_date_valid_dmy((GDateDay)rd, (GDateMonth)rm, (GDateYear)ry))
        return FALSE;
    GDate a, b;
    g_date_clear(&a, 1);
    g_date_clear(&b, 1);
    g_date_set_dmy(&a, (GDateDay)rd, (GDateMonth)rm, (GDateYear)ry);
    g_date_set_dmy(&b, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    *days = g_date_days_between(&a, &b);
    return TRUE;
}

/* The mean month, 30.4375 days, times 10^4: distances in days compared with months. */
#define MONTH_DAYS_E4 304375

/* A distance in days as months of 30.4375 days, to the nearest (Sept. 7, said on Nov. 24, is 78
 * days back: two and a half months, so three, not the two between the months' numbers). A day
 * other than the reference's is at least one away, on its side: the strict resolution (no
 * tolerance) must not take a day just ahead for the reference's own. */
static int months_of_days(long days)
{
    long months = (labs(days) * 10000 + MONTH_DAYS_E4 / 2) / MONTH_DAYS_E4; /* rounded */
    return days == 0 ? 0 : (int)(days < 0 ? -MAX(months, 1) : MAX(months, 1));
}

/* How far a span of len months from month m of year y (day d of it, 0 when absent) lies from
 * the reference (ry, rm, rd) for choosing among its occurrences, or -1 when the tense rules it
 * out (see year_for_span()). */
static int span_cost(int ry, int rm, int rd, int y, int m, int len, int d, chron_tense tense,
                     int tol)
{
    /* the reference's own occurrence is on neither side when the text forces a direction */
    gboolean strict = tol < 0 && tense != CHRON_TENSE_UNKNOWN;
    /* A span told in the past is one that has begun: "Sales rose in the first quarter", said in
     * November, is this year's, however near next year's is. The future keeps the tolerance
     * ("will report third-quarter earnings" in October is the quarter just ended). */
    tol = len > 1 && tense == CHRON_TENSE_PAST ? 0 : MAX(tol, 0);
    /* A day is as far as its days (a day that does not exist counts by its month). */
    long days = 0;
    gboolean by_days = len == 1 && d > 0 && days_from_ref(ry, rm, rd, y, m, d, &days);
    int away = by_days ? months_of_days(days) : months_away(ry, rm, rd, y, m, d);
    if (len > 1 && away < 0)
        away = MIN(away + len - 1, 0);
    int dist = ABS(away);
    gboolean wrong_side =
        (tense == CHRON_TENSE_PAST && away > 0) || (tense == CHRON_TENSE_FUTURE && away < 0);
    /* A day told in the future lies back by at most tol months counted in days: "will be held on
     * 7 November", said on Jan. 21, is 75 days back, two months when rounded, and next November.
     * The past keeps the rounded months ("has invited them to a ceremony on March 12", said 71
     * days before it). */
    gboolean beyond =
        tense == CHRON_TENSE_FUTURE && by_days && labs(days) * 10000 > (long)tol * MONTH_DAYS_E4;
    if ((wrong_side && (dist > tol || beyond)) || (strict && away == 0))
        return -1;
    return wrong_side ? dist + tol : dist; /* prefer the tense's side at equal distance */
}

/* Year for a span of len months starting at month m (and day d of it, 0 when absent) seen from
 * ref in the given tense: the nearest occurrence on the side the tense asks for, unless the
 * nearest on the other side is within tol months. A span the reference falls in is 0 away; one
 * already over is as far away as its last month. A negative tol (TENSE_STRICT) is the text
 * forcing the direction: the span the reference falls in is then on neither side ("last March",
 * said in March, is a year back). */
static int year_for_span(const GDate *ref, int m, int len, int d, chron_tense tense, int tol)
{
    int ry = g_date_get_year(ref), rm = g_date_get_month(ref), rd = g_date_get_day(ref);
    int best = ry, best_dist = G_MAXINT;
    for (int y = ry - 1; y <= ry + 1; y++) {
        int dist = span_cost(ry, rm, rd, y, m, len, d, tense, tol);
        if (dist >= 0 && dist < best_dist) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

static int year_for(const GDate *ref, int m, int d, chron_tense tense, int tol)
{
    return year_for_span(ref, m, 1, d, tense, tol);
}

/* Writes v (not negative) in decimal at p, zero-padded to width: printf's "%0*ld". Returns the
 * end. */
static char *put_padded(char *p, long v, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (int k = n; k < width; k++)
        *p++ = '0';
    while (n > 0)
        *p++ = digits[--n];
    return p;
}

/* "YYYY-MM-DD" of d followed by tail: the resolver's most frequent value, written without
 * printf (a third of the resolver's time went to formatting). */
static char *day_value(const GDate *d, const char *tail)
{
    gsize n = strlen(tail);
    char *v = g_malloc(5 + 6 + n + 1); /* GDate's years go to 65535 */
    char *p = put_padded(v, g_date_get_year(d), 4);
    *p++ = '-';
    p = put_padded(p, g_date_get_month(d), 2);
    *p++ = '-';
    p = put_padded(p, g_date_get_day(d), 2);
    memcpy(p, tail, n + 1);
    return v;
}

/* y zero-padded to width, followed by the n bytes of tail: printf's "%0*ld%.*s", without printf
 * (as day_value()): years and months make most of the other values. */
static char *year_value(long y, int width, const char *tail, gsize n)
{
    if (y < 0)
        return g_strdup_printf("%0*ld%.*s", width, y, (int)n, tail);
    char *v = g_malloc(24 + n + 1);
    char *p = put_padded(v, y, width);
    memcpy(p, tail, n);
    p[n] = '\0';
    return v;
}

/* The weekday wd (1 = Monday) before ref in the past, after it in the future, the nearest
 * otherwise; strict when the text forces the direction ("last Wednesday" said on a Wednesday is a
 * week back, not today). The present tense takes the nearest too: it schedules ("The court hears
 * the case Monday") but also captions what just happened ("Demonstrators rally on Monday"). */
static char *resolve_weekday(const GDate *ref, int wd, chron_tense tense, gboolean strict,
                             const char *rest)
{
    int rw = g_date_get_weekday(ref); /* 1 = Monday */
    int back = (rw - wd + 7) % 7;     /* days back to the weekday on or before ref */
    int fwd = (wd - rw + 7) % 7;      /* days forward to the one on or after ref */
    if (strict && back == 0)
        back = fwd = 7;
    GDate d = *ref;
    gboolean ahead = tense == CHRON_TENSE_FUTURE || (tense != CHRON_TENSE_PAST && fwd < back);
    if (!chron_isodate_add_days(&d, ahead ? fwd : -back))
        return NULL;
    return day_value(&d, rest);
}

/* Into out, the first day dd of a month going from ref's month by step (-1 back, +1 on) that is
 * not on the other side of ref; months too short for dd are skipped (every fourth month at
 * most is, so a year always finds one). FALSE before year 1 or after 9999. */
static gboolean day_of_month_from(const GDate *ref, int dd, int step, GDate *out)
{
    long t0 = (long)g_date_get_year(ref) * 12 + g_date_get_month(ref) - 1;
    for (int k = 0; k <= 12; k++) {
        long t = t0 + step * k;
        int y = (int)(t / 12), m = (int)(t % 12) + 1;
        if ((step < 0 ? y < 1 : y > 9999) || !g_date_valid_dmy(dd, m, y))
            continue;
        g_date_set_dmy(out, dd, m, y);
        if (step * g_date_compare(out, ref) >= 0)
            return TRUE;
    }
    return FALSE;
}

/* Day dd of a month, the month left to the tense ("on the 15th"): the last such day on or before
 * ref in the past, the first on or after it in the future, the nearer of the two otherwise. */
static char *resolve_day_of_month(const GDate *ref, int dd, chron_tense tense, const char *rest)
{
    if (dd < 1 || dd > 31)
        return NULL;
    GDate before, after;
    if (!day_of_month_from(ref, dd, -1, &before))
        g_date_clear(&before, 1);
    if (!day_of_month_from(ref, dd, +1, &after))
        g_date_clear(&after, 1);
    const GDate *pick;
    if (tense == CHRON_TENSE_PAST || !g_date_valid(&after))
        pick = &before;
    else if (tense == CHRON_TENSE_FUTURE || !g_date_valid(&before))
        pick = &after;
    else
        pick = g_date_days_between(&before, ref) <= g_date_days_between(ref, &after) ? &before
                                                                                     : &after;
    return g_date_valid(pick) ? day_value(pick, rest) : NULL;
}

/* "YYYY-Www" of the ISO week holding d. The week-numbering year is the year of the week's
 * Thursday, which differs from the calendar year near January. */
static char *iso_week(const GDate *d)
{
    GDate thu = *d;
    int wd = g_date_get_weekday(d);
    if (!chron_isodate_add_days(&thu, 4 - wd))
        return NULL;
    return g_strdup_printf("%04d-W%02u", g_date_get_year(&thu), g_date_get_iso8601_week_of_year(d));
}

static gboolean is_nth_weekday(const char *raw);
static char *nth_weekday(int y, const char *raw);

static char *resolve_offset(const char *raw, const GDate *ref)
{
    const char *p = raw + 1;
    char unit = *p++;
    if (*p != '+' && *p != '-')
        return NULL;
    char *end;
    long n = strtol(p, &end, 10);
    /* A century's offset is one digit, so that a decade of it may follow: "@C-15" is decade 5
     * of the century before ("上世纪50年代", said in 2025: "195"). */
    if (unit == 'C' && g_ascii_isdigit(p[1])) {
        n = (p[0] == '-' ? -1 : 1) * (p[1] - '0');
        end = (char *)p + 2;
    }
    if (end <= p + 1 || labs(n) > 10000) /* a sign and no digit: no offset */
        return NULL;
    const char *rest = end;
    int y = g_date_get_year(ref), m = g_date_get_month(ref);
    GDate d = *ref;
    char *head;
    switch (unit) {
    case 'Y':
        if (y + n < 1 || y + n > 9999)
            return NULL;
        /* "@Y-50-SD" ("fifty years ago today"): the reference's day in that year, February 29
         * falling back to the 28th in a common year. */
        if (strncmp(rest, "-SD", 3) == 0) {
            GDateDay day = g_date_get_day(ref);
            if (day > g_date_get_days_in_month(ref->month, (GDateYear)(y + n)))
                day = g_date_get_days_in_month(ref->month, (GDateYear)(y + n));
            g_date_set_dmy(&d, day, ref->month, (GDateYear)(y + n));
            return day_value(&d, rest + 3);
        }
        head = year_value(y + n, 4, "", 0);
        break;
    case 'M': {
        long t = (long)y * 12 + (m - 1) + n;
        if (t < 12)
            return NULL;
        char mm[3] = {'-', (char)('0' + (t % 12 + 1) / 10), (char)('0' + (t % 12 + 1) % 10)};
        head = year_value(t / 12, 4, mm, 3);
        break;
    }
    case 'Q': {
        long t = (long)y * 4 + (m - 1) / 3 + n;
        if (t < 4)
            return NULL;
        char q[3] = {'-', 'Q', (char)('1' + t % 4)};
        head = year_value(t / 4, 4, q, 3);
        break;
    }
    case 'H': {
        long t = (long)y * 2 + (m - 1) / 6 + n;
        if (t < 2)
            return NULL;
        char h[3] = {'-', 'H', (char)('1' + t % 2)};
        head = year_value(t / 2, 4, h, 3);
        break;
    }
    case 'C':
        if (y / 100 + n < 0 || y / 100 + n > 99)
            return NULL;
        head = year_value(y / 100 + n, 2, "", 0);
        break;
    case 'E': /* a decade, as TimeML writes it: "202" */
        if (y / 10 + n < 0 || y / 10 + n > 999)
            return NULL;
        head = year_value(y / 10 + n, 3, "", 0);
        break;
    case 'D':
    case 'W':
        if (!chron_isodate_add_days(&d, unit == 'W' ? n * 7 : n))
            return NULL;
        if (unit == 'D')
            head = day_value(&d, "");
        else if (!(head = iso_week(&d)))
            return NULL;
        break;
    default:
        return NULL;
    }
    /* "@Y+0XXXX-C01-01" (今年春节): a day of the year named, as the rules write it alone. */
    if (unit == 'Y' && g_str_has_prefix(rest, "XXXX-")) {
        g_free(head);
        return chron_resolve_in_year(rest, (int)(y + n));
    }
    char *out = g_strconcat(head, rest, NULL);
    g_free(head);
    /* "@M+0-#5-5" (the last Friday of the month): the n-th weekday of the month named. */
    if (unit == 'M' && is_nth_weekday(out)) {
        char *day = nth_weekday(atoi(out), out);
        g_free(out);
        return day;
    }
    return out;
}

/* First month of a part of the year: Q3 -> 7, H2 -> 7, SU -> 6. 0 when p is none. */
static int part_month(const char *p)
{
    if (p[0] == 'Q' && p[1] >= '1' && p[1] <= '4')
        return (p[1] - '1') * 3 + 1;
    if (p[0] == 'H' && (p[1] == '1' || p[1] == '2'))
        return p[1] == '1' ? 1 : 7;
    static const struct {
        const char *code;
        int month;
    } seasons[] = {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}};
    for (guint i = 0; i < G_N_ELEMENTS(seasons); i++)
        if (p[0] == seasons[i].code[0] && p[1] == seasons[i].code[1])
            return seasons[i].month;
    return 0;
}

/* How many characters of a date a count in unit needs to start from: 4 for years, 7 for months,
 * 10 for days and weeks; 0 for other units. */
static gsize unit_chars(char unit)
{
    return unit == 'Y' ? 4 : unit == 'M' ? 7 : (unit == 'D' || unit == 'W') ? 10 : 0;
}

/* Into out, the Thursday of the ISO week last names ("2021-W08", possibly with more after it:
 * "2021-W08-WE"); FALSE when last names no week. The Thursday decides a week's year and month. */
static gboolean thursday_of_week(const char *last, GDate *out)
{
    if (strlen(last) < 8 || !g_ascii_isdigit(last[0]) || !g_ascii_isdigit(last[3]) ||
        last[4] != '-' || last[5] != 'W' || !g_ascii_isdigit(last[6]) || !g_ascii_isdigit(last[7]))
        return FALSE;
    if (!chron_isodate_week_monday(atoi(last), atoi(last + 6), out))
        return FALSE;
    g_date_add_days(out, 3);
    return TRUE;
}

/* "@LY-1", "@LQ+0": relative to the period the text last named nearby (last, a resolved value)
 * when that is a quarter or half ("the year-ago quarter" after "third-quarter"), else relative
 * to the reference date like @Y-1 and @Q-1 (the latest complete quarter for "the quarter"). */
static char *resolve_anaphor(const char *raw, const GDate *ref, const char *last)
{
    char unit = raw[2];
    /* "@LP1988": the quarter or half the text last named, in 1988; the year alone when it named
     * none. */
    if (unit == 'P') {
        const char *y = raw + 3;
        if (strlen(y) != 4 || !g_ascii_isdigit(y[0]) || !g_ascii_isdigit(y[3]))
            return NULL;
        if (last && strlen(last) == 7 && last[4] == '-' && (last[5] == 'Q' || last[5] == 'H'))
            return g_strdup_printf("%s%s", y, last + 4);
        return g_strdup(y);
    }
    char *tail;
    long n = strtol(raw + 3, &tail, 10);
    gboolean period = last && strlen(last) == 7 && last[4] == '-' &&
                      (last[5] == 'Q' || last[5] == 'H') && g_ascii_isdigit(last[0]);
    /* "@LY-1-Q4" (上年四季度): a part of the year before the one under discussion, the year of
     * the period or date the text last named, else the reference's. */
    if (unit == 'Y' && *tail == '-' && labs(n) < 1000) {
        int y = last && g_ascii_isdigit(last[0]) && g_ascii_isdigit(last[3]) &&
                        (last[4] == '\0' || last[4] == '-')
                    ? atoi(last)
                    : (int)g_date_get_year(ref);
        return y + n > 0 ? g_strdup_printf("%04ld%s", y + n, tail) : NULL;
    }
    if (period) {
        int y = atoi(last);
        if (unit == 'Y')
            return g_strdup_printf("%04ld%s", y + n, last + 4);
        if (unit == 'Q' && last[5] == 'Q') {
            long t = (long)y * 4 + (last[6] - '1') + n;
            return g_strdup_printf("%04ld-Q%ld", t / 4, t % 4 + 1);
        }
    }
    GDate month;
    /* "@LY-1*" ("a year earlier", "a year ago"): a comparison with a month keeps the month, a
     * year back ("in July, from a year earlier" is the July before). Not a day: the day last
     * named is as often the report's ("on Saturday ... a year earlier"). */
    if (unit == 'Y' && tail[0] == '*' && !tail[1] && labs(n) < 1000 && last && strlen(last) == 7 &&
        chron_isodate_parse(last, 7, &month)) {
        long y = atoi(last) + n;
        return y > 0 ? g_strdup_printf("%04ld%s", y, last + 4) : NULL;
    }
    /* "669 in fiscal 2023, from 778 a year earlier": the year before the year just named; but
     * not with a trailing '=', whose "last year" is the reference's ("the same period last
     * year" after "Last year, exports fell": 2024 in 2025, not 2023). */
    gboolean deictic = raw[strlen(raw) - 1] == '=';
    if (unit == 'Y' && !deictic && last && strlen(last) == 4 && g_ascii_isdigit(last[0]) &&
        g_ascii_isdigit(last[3]))
        return g_strdup_printf("%04ld", atoi(last) + n);
    /* "the next day": a day after the day the text named, when it named one */
    GDate base = *ref;
    /* "the day before" a month or a year: no day to count from */
    if (unit == 'D' && last && g_ascii_isdigit(last[0]) && !chron_isodate_parse(last, 10, &base))
        return NULL;
    /* "@LM-1" (比上月, "from the month before"): the month before the month the text named
     * (7月份...比上月上升: June), the reference's otherwise */
    if (unit == 'M' && last && strlen(last) == 7 && chron_isodate_parse(last, 7, &month))
        base = month;
    char *fallback = g_strdup_printf("@%c%+ld", unit, unit == 'Q' && n == 0 ? -1 : n);
    char *v = resolve_offset(fallback, &base);
    g_free(fallback);
    return v;
}

/* "@AXXXX-04>" ("the following April"), "@AXXXX-12<" ("the previous December"), "@AXXXX-SU="
 * ("that summer"), "@AXXXX-WXX-1>" ("the following Monday"): core (the raw value after "@A",
 * its direction mark included) seen from the date the text last named instead of the
 * reference. A month or season needs that date's year, a weekday its day: "the following
 * Monday" after "in March 2020" is unresolved. When the text named no date nearby, the
 * reference stands in ("the following April" in a report of plans). */
static char *resolve_antecedent_named(const char *core, const GDate *ref, const char *last)
{
    gsize n = strlen(core);
    if (n < 7 || !strchr("<>=", core[n - 1]))
        return NULL;
    if (!last || !g_ascii_isdigit(last[0]))
        return chron_resolve_value_near(core, ref, CHRON_TENSE_UNKNOWN, NULL);
    gboolean weekday = chron_text_has_prefix(core, "XXXX-WXX-");
    GDate base;
    if (chron_isodate_parse(last, 10, &base) || (!weekday && chron_isodate_parse(last, 7, &base))) {
        /* a day, or a month for a month or season: seen from its first day */
    } else if (!weekday && chron_isodate_parse(last, 4, &base)) {
        /* After a year alone, "the following April" is in the next year and "the previous
         * December" in the one before: seen from the year's last or first day. */
        if (core[n - 1] == '>')
            g_date_set_dmy(&base, 31, G_DATE_DECEMBER, g_date_get_year(&base));
    } else {
        return NULL;
    }
    return chron_resolve_value_near(core, &base, CHRON_TENSE_UNKNOWN, NULL);
}

/* "@AD+0" ("that same day") after a month or a year ("in October"), "@AM+0" ("that month")
 * after a year: the day or month is one of those, the text does not say which ("1998-10-XX",
 * "1998-XX-XX", "1998-XX"). NULL for a move ("the next day" after "in October"), after a week,
 * or when last names no year. */
static char *same_unit_unknown(const char *unit_n, const char *last)
{
    GDate d;
    /* A day of a week has no TIMEX3 value with the day unknown. */
    if (strcmp(unit_n + 1, "+0") != 0 || !chron_isodate_parse(last, 4, &d) ||
        (last[4] == '-' && last[5] == 'W'))
        return NULL;
    if (unit_n[0] == 'D' && chron_isodate_parse(last, 7, &d))
        return g_strdup_printf("%.7s-XX", last);
    if (unit_n[0] == 'D')
        return g_strdup_printf("%.4s-XX-XX", last);
    if (unit_n[0] == 'M')
        return g_strdup_printf("%.4s-XX", last);
    return NULL;
}

/* "@AY+0" ("that year"), "@AM+1" ("the following month"), "@AD+0" ("earlier that day"): the
 * year, month or day of the date the text last named (last, a resolved value), moved by n;
 * relative to the reference when the text named none that precise. */
static char *resolve_antecedent(const char *raw, const GDate *ref, const char *last)
{
    if (chron_text_has_prefix(raw + 2, "XXXX-"))
        return resolve_antecedent_named(raw + 2, ref, last);
    char unit = raw[2];
    gsize need = unit_chars(unit);
    if (!need || (raw[3] != '+' && raw[3] != '-'))
        return NULL;
    GDate base = *ref;
    /* "the month before" after "the week before": a week is on its Thursday, for any unit but a
     * day. "that day" after "in 2019", "that month" after "the third quarter": the text named
     * no day or month to be on. */
    gboolean week = last && unit != 'D' && thursday_of_week(last, &base);
    if (!week && last && g_ascii_isdigit(last[0]) && !chron_isodate_parse(last, need, &base))
        return same_unit_unknown(raw + 2, last);
    char *offset = g_strdup_printf("@%s", raw + 2);
    char *v = resolve_offset(offset, &base);
    g_free(offset);
    return v;
}

char *chron_resolve_point(const char *raw, const char *last)
{
    if (!raw || !last || raw[0] != '@' || raw[1] != 'A' || (raw[3] != '+' && raw[3] != '-'))
        return NULL;
    char unit = raw[2];
    gsize need = unit_chars(unit);
    GDate base;
    if (!need || !chron_isodate_parse(last, need, &base))
        return NULL;
    char *end;
    long n = strtol(raw + 3, &end, 10);
    if (end == raw + 3 || *end || labs(n) > 10000)
        return NULL;
    /* Weeks move a day seven days at a time. */
    char *offset =
        unit == 'W' ? g_strdup_printf("@D%+ld", n * 7) : g_strdup_printf("@%c%+ld", unit, n);
    char *v = resolve_offset(offset, &base);
    g_free(offset);
    return v;
}

char *chron_resolve_value(const char *raw, const GDate *ref, chron_tense tense)
{
    return chron_resolve_value_near(raw, ref, tense, NULL);
}

/* raw (a copy), with a span of whole decades or centuries in years, as "two decades" is written
 * (P20Y): "P2CE" is "P200Y", "P3DE" "P30Y". An unknown count ("PXCE") stays. */
static char *in_years(const char *raw)
{
    gsize n = strlen(raw);
    if (n < 4 || raw[0] != 'P' || raw[n - 1] != 'E' || (raw[n - 2] != 'C' && raw[n - 2] != 'D'))
        return g_strdup(raw);
    for (gsize i = 1; i < n - 2; i++)
        if (!g_ascii_isdigit(raw[i]) || i > 4)
            return g_strdup(raw);
    return g_strdup_printf("P%dY", atoi(raw + 1) * (raw[n - 2] == 'C' ? 100 : 10));
}

/* Whether raw is "YYYY-MM-#N-D" (or "XXXX-..."): the N-th weekday D of a month, #5 the last;
 * "+K" after it, up to 9, is K days later (Black Friday, the day after Thanksgiving). */
static gboolean is_nth_weekday(const char *raw)
{
    gsize n = strlen(raw);
    if (n != 12 && !(n == 14 && raw[12] == '+' && g_ascii_isdigit(raw[13])))
        return FALSE;
    if (raw[4] != '-' || raw[7] != '-' || raw[8] != '#' || raw[10] != '-')
        return FALSE;
    int m = atoi(raw + 5), nth = raw[9] - '0', wd = raw[11] - '0';
    return m >= 1 && m <= 12 && nth >= 1 && nth <= 5 && wd >= 1 && wd <= 7;
}

/* The day of the "XXXX-MM-#N-D" raw (is_nth_weekday()) in year y, into *d; FALSE when y is out of
 * range. */
static gboolean nth_weekday_date(int y, const char *raw, GDate *d)
{
    int m = atoi(raw + 5), nth = raw[9] - '0', wd = raw[11] - '0';
    if (y < 1 || y > 9999)
        return FALSE;
    g_date_clear(d, 1);
    if (nth == 5) { /* the last: step back from the month's end */
        g_date_set_dmy(d, g_date_get_days_in_month(m, y), m, y);
        while ((int)g_date_get_weekday(d) != wd)
            g_date_subtract_days(d, 1);
    } else {
        g_date_set_dmy(d, 1, m, y);
        while ((int)g_date_get_weekday(d) != wd)
            g_date_add_days(d, 1);
        g_date_add_days(d, (nth - 1) * 7);
    }
    if (raw[12] == '+')
        g_date_add_days(d, (guint)(raw[13] - '0'));
    return TRUE;
}

/* The same as a value ("2025-11-27"). */
static char *nth_weekday(int y, const char *raw)
{
    GDate d;
    return nth_weekday_date(y, raw, &d) ? day_value(&d, "") : NULL;
}

/* Whether raw is "YYYY-E+N" (or "XXXX-..."): N days after Easter Sunday (N may be negative: Good
 * Friday is E-2); the offset in *off. */
static gboolean is_easter(const char *raw, int *off)
{
    if (strlen(raw) < 8 || raw[4] != '-' || raw[5] != 'E' || (raw[6] != '+' && raw[6] != '-') ||
        !g_ascii_isdigit(raw[7]))
        return FALSE;
    char *end;
    long n = strtol(raw + 6, &end, 10);
    if (*end || n < -70 || n > 70)
        return FALSE;
    *off = (int)n;
    return TRUE;
}

/* Easter Sunday of year y (the Gregorian computus), moved by off days, into d. */
static void easter_date(int y, int off, GDate *d)
{
    int a = y % 19, b = y / 100, c = y % 100, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - b / 4 - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    g_date_clear(d, 1);
    g_date_set_dmy(d, (GDateDay)day, (GDateMonth)month, (GDateYear)y);
    if (off > 0)
        g_date_add_days(d, (guint)off);
    else if (off < 0)
        g_date_subtract_days(d, (guint)-off);
}

static char *easter_value(int y, int off)
{
    if (y < 1583 || y > 9999) /* the Gregorian computus */
        return NULL;
    GDate d;
    easter_date(y, off, &d);
    return day_value(&d, "");
}

/* A day of another calendar, as a rule writes it after "XXXX-": "C08-15" (中秋节, the 15th of the
 * 8th Chinese month), "J08-15" (Passover, 15 Nisan), "I10-01" (Eid al-Fitr, 1 Shawwal), with an
 * optional offset in days ("C01-01-1": the eve of the Chinese New Year). Months as calendar.h
 * counts them. */
typedef struct calendar_day {
    chron_calendar cal;
    int month, day, off;
} calendar_day;

static gboolean is_calendar_day(const char *raw, calendar_day *cd)
{
    if (strlen(raw) < 11 || raw[4] != '-' || !chron_calendar_from_letter(raw[5], &cd->cal) ||
        !g_ascii_isdigit(raw[6]) || !g_ascii_isdigit(raw[7]) || raw[8] != '-' ||
        !g_ascii_isdigit(raw[9]) || !g_ascii_isdigit(raw[10]))
        return FALSE;
    cd->month = atoi(raw + 6);
    cd->day = atoi(raw + 9);
    cd->off = 0;
    if (raw[11]) {
        char *end;
        long n = strtol(raw + 11, &end, 10);
        if ((raw[11] != '+' && raw[11] != '-') || *end || end == raw + 12 || labs(n) > 30)
            return FALSE;
        cd->off = (int)n;
    }
    return TRUE;
}

/* Into out, the day cd falls on in the calendar's year cy. */
static gboolean calendar_day_in(const calendar_day *cd, int cy, GDate *out)
{
    if (!chron_calendar_to_gregorian(cd->cal, cy, cd->month, cd->day, out))
        return FALSE;
    if (cd->off > 0)
        g_date_add_days(out, (guint)cd->off);
    else if (cd->off < 0 && g_date_get_julian(out) > (guint32)-cd->off)
        g_date_subtract_days(out, (guint)-cd->off);
    else if (cd->off < 0)
        return FALSE;
    return g_date_get_year(out) <= 9999;
}

/* The calendar's years whose cd may fall near Gregorian year y (an Islamic year is 11 days
 * shorter, so two of them can share a Gregorian year): *first and *last. */
static gboolean calendar_years_near(const calendar_day *cd, int y, int *first, int *last)
{
    if (y < 2 || y > 9998)
        return FALSE;
    GDate mid;
    g_date_clear(&mid, 1);
    g_date_set_dmy(&mid, 1, G_DATE_JULY, (GDateYear)y);
    int cy;
    if (!chron_calendar_year_of(cd->cal, &mid, &cy))
        return FALSE;
    *first = cy - 2;
    *last = cy + 2;
    return TRUE;
}

/* The first day cd falls on in Gregorian year y ("Passover 2024", 春节 in a narrative's 1902). */
static char *calendar_day_in_year(const calendar_day *cd, int y)
{
    int first, last;
    if (!calendar_years_near(cd, y, &first, &last))
        return NULL;
    for (int cy = first; cy <= last; cy++) {
        GDate d;
        if (calendar_day_in(cd, cy, &d) && g_date_get_year(&d) == y)
            return day_value(&d, "");
    }
    return NULL;
}

/* The day cd falls on nearest ref on the side the tense asks for, chosen as year_for_span()
 * chooses a month's year. */
static char *calendar_day_near(const calendar_day *cd, const GDate *ref, chron_tense tense, int tol)
{
    int first, last;
    if (!calendar_years_near(cd, g_date_get_year(ref), &first, &last))
        return NULL;
    int ry = g_date_get_year(ref), rm = g_date_get_month(ref), rd = g_date_get_day(ref);
    int best_dist = G_MAXINT;
    GDate best;
    for (int cy = first; cy <= last; cy++) {
        GDate d;
        if (!calendar_day_in(cd, cy, &d))
            continue;
        int dist = span_cost(ry, rm, rd, g_date_get_year(&d), g_date_get_month(&d), 1,
                             g_date_get_day(&d), tense, tol);
        if (dist >= 0 && dist < best_dist) {
            best = d;
            best_dist = dist;
        }
    }
    return best_dist < G_MAXINT ? day_value(&best, "") : NULL;
}

/* The ISO week holding day ("YYYY-MM-DD", freed here; nullable), or NULL when it is no day. */
static char *week_of(char *day)
{
    char *week = NULL;
    GDate d;
    if (day && strlen(day) == 10 && chron_isodate_parse(day, 10, &d))
        week = iso_week(&d);
    g_free(day);
    return week;
}

/* A value ending in "%W" names the ISO week holding its day ("the week of March 6"), one ending
 * in "%WE" that week's weekend ("the weekend of March 7-8"), one ending in "%Q" the quarter
 * holding its month ("the quarter ended June 30, 2024"), one ending in "%Y" the year holding
 * it ("in the new year": the year of the January 1 the tense points to; 上年, "@LY-1%Y": the
 * year before the period under discussion, whether that is a year or a quarter). Returns how many
 * bytes of raw are the day, and the form in *form (0 when raw is none of them, 1 the week, 2 the
 * weekend, 3 the year, 4 the quarter). */
static gsize week_form(const char *raw, int *form)
{
    gsize n = strlen(raw);
    *form = 0;
    if (n >= 2 && raw[n - 2] == '%' && raw[n - 1] == 'W')
        *form = 1, n -= 2;
    else if (n >= 3 && raw[n - 3] == '%' && raw[n - 2] == 'W' && raw[n - 1] == 'E')
        *form = 2, n -= 3;
    else if (n >= 2 && raw[n - 2] == '%' && raw[n - 1] == 'Y')
        *form = 3, n -= 2;
    else if (n >= 2 && raw[n - 2] == '%' && raw[n - 1] == 'Q')
        *form = 4, n -= 2;
    return n;
}

/* day (freed here; nullable) as the week, weekend or year form names (see week_form()). */
static char *as_week(char *day, int form)
{
    if (form == 0)
        return day;
    if (form == 4) { /* the quarter holding the month */
        if (day && strlen(day) >= 7 && g_ascii_isdigit(day[0]) && day[4] == '-' &&
            g_ascii_isdigit(day[5]) && g_ascii_isdigit(day[6])) {
            int m = atoi(day + 5);
            char *q = m >= 1 && m <= 12 ? g_strdup_printf("%.4s-Q%d", day, (m - 1) / 3 + 1) : NULL;
            g_free(day);
            return q;
        }
        g_clear_pointer(&day, g_free);
        return day;
    }
    if (form == 3) {
        if (day && strlen(day) >= 4 && g_ascii_isdigit(day[0]) && g_ascii_isdigit(day[3]) &&
            (day[4] == '\0' || day[4] == '-'))
            day[4] = '\0';
        else
            g_clear_pointer(&day, g_free);
        return day;
    }
    char *week = week_of(day);
    if (week && form == 2) {
        char *we = g_strconcat(week, "-WE", NULL);
        g_free(week);
        week = we;
    }
    return week;
}

/* Whether raw ends in a day shift, "%+N" or "%-N" with N up to three digits ("XXXX-WXX-5<%-7"):
 * the length of what comes before it in *core_len, the signed N in *n. */
static gboolean day_shift_of(const char *raw, gsize *core_len, int *n)
{
    const char *p = strrchr(raw, '%');
    if (!p || (p[1] != '+' && p[1] != '-') || !g_ascii_isdigit(p[2]) ||
        strspn(p + 2, "0123456789") != strlen(p + 2) || strlen(p + 2) > 3)
        return FALSE;
    *core_len = (gsize)(p - raw);
    *n = p[1] == '+' ? atoi(p + 2) : -atoi(p + 2);
    return TRUE;
}

/* day ("YYYY-MM-DD", freed here; nullable) moved by n days; NULL when it is no day. */
static char *shifted_day(char *day, int n)
{
    GDate d;
    gboolean ok = day && strlen(day) == 10 && chron_isodate_parse(day, 10, &d) &&
                  chron_isodate_add_days(&d, n);
    g_free(day);
    return ok ? day_value(&d, "") : NULL;
}

/* The last day of month ("YYYY-MM", freed here; nullable); NULL when it is no month. */
static char *last_day_of(char *month)
{
    GDate d;
    gboolean ok = month && strlen(month) == 7 && chron_isodate_parse(month, 7, &d);
    g_free(month);
    if (!ok)
        return NULL;
    g_date_set_day(&d, g_date_get_days_in_month(g_date_get_month(&d), g_date_get_year(&d)));
    return day_value(&d, "");
}

/* "the turn of the century" (XXXX-TC), the year a century begins: the one that has begun when
 * told in the past ("At the turn of the century, the city grew", said in 2026: 2000), the next
 * when told in the future ("by the turn of the century", said in 2026: 2100), else the nearer
 * (said in 1998: 2000). */
static char *turn_of_century(const GDate *ref, chron_tense tense)
{
    int y = g_date_get_year(ref), lo = y / 100 * 100, hi = lo + 100;
    int turn = tense == CHRON_TENSE_PAST     ? lo
               : tense == CHRON_TENSE_FUTURE ? (y == lo ? lo : hi)
               : (y - lo <= hi - y)          ? lo
                                             : hi;
    if (turn < 1 || turn > 9999)
        return NULL;
    return g_strdup_printf("%04d", turn);
}

/* tol: how many months a date may lie on the side the tense contradicts (TENSE_STRICT when the
 * text forces the direction). */
static char *resolve_near(const char *raw, const GDate *ref, chron_tense tense, const char *last,
                          int tol)
{
    if (!raw)
        return NULL;
    if (strcmp(raw, "XXXX-TC") == 0)
        return ref ? turn_of_century(ref, tense) : NULL;
    /* "XXXX-12-25@1999": a value the rule named with its year ("Christmas 1999", "Easter week
     * 2000"): that year's, with no reference needed. */
    const char *at = strrchr(raw, '@');
    if (at && at > raw && strlen(at) == 5 && g_ascii_isdigit(at[1]) && g_ascii_isdigit(at[4])) {
        char *core = g_strndup(raw, (gsize)(at - raw));
        char *v = chron_resolve_in_year(core, atoi(at + 1));
        g_free(core);
        return v;
    }
    /* "XXXX-WXX-5<%-7" ("the Friday before last"): the day resolved, then moved by that many
     * days. */
    gsize core_len;
    int days;
    if (day_shift_of(raw, &core_len, &days)) {
        char *core = g_strndup(raw, core_len);
        char *day = resolve_near(core, ref, tense, last, tol);
        g_free(core);
        return shifted_day(day, days);
    }
    /* "XXXX-02-LD", "@M+1-LD": the last day of the month ("the last day of February", "the last
     * day of next month"), once the month is known. */
    gsize raw_len = strlen(raw);
    if (raw_len > 3 && g_str_has_suffix(raw, "-LD")) {
        char *core = g_strndup(raw, raw_len - 3);
        char *month = resolve_near(core, ref, tense, last, tol);
        g_free(core);
        return last_day_of(month);
    }
    /* "XXXX-03-06%W": the ISO week holding that day ("the week of March 6"); "%WE" its weekend. */
    int week;
    gsize day_len = week_form(raw, &week);
    if (week) {
        char *core = g_strndup(raw, day_len);
        char *day = resolve_near(core, ref, tense, last, tol);
        g_free(core);
        return as_week(day, week);
    }
    /* "XXXX-11-#4-4T16:10" ("4:10 p.m. on Thanksgiving Day"), "XXXX-C01-01-1TEV" (除夕晚上): a
     * clock or a part of the day on a holiday, whose day is resolved first (the plain forms,
     * XXXX-MM-DD and XXXX-WXX-D, take a time themselves). */
    gsize rn = strlen(raw);
    gsize tn = rn > 6 && raw[rn - 6] == 'T' && g_ascii_isdigit(raw[rn - 5]) &&
                       g_ascii_isdigit(raw[rn - 4]) && raw[rn - 3] == ':' &&
                       g_ascii_isdigit(raw[rn - 2]) && g_ascii_isdigit(raw[rn - 1])
                   ? 6
               : rn > 3 && raw[rn - 3] == 'T' && g_ascii_isupper(raw[rn - 2]) &&
                       g_ascii_isupper(raw[rn - 1])
                   ? 3
                   : 0;
    const char *form = strpbrk(raw, "#ECJI");
    if (tn && chron_text_has_prefix(raw, "XXXX-") && form && form < raw + rn - tn) {
        char *core = g_strndup(raw, rn - tn);
        char *day = resolve_near(core, ref, tense, last, tol);
        g_free(core);
        char *v = day && strlen(day) == 10 ? g_strconcat(day, raw + rn - tn, NULL) : NULL;
        g_free(day);
        return v;
    }
    /* "2026-05-#2-7": the second Sunday of May 2026 needs no reference. */
    if (g_ascii_isdigit(raw[0]) && is_nth_weekday(raw))
        return nth_weekday(atoi(raw), raw);
    int easter_off;
    if (g_ascii_isdigit(raw[0]) && is_easter(raw, &easter_off))
        return easter_value(atoi(raw), easter_off);
    calendar_day cd;
    if (g_ascii_isdigit(raw[0]) && is_calendar_day(raw, &cd))
        return calendar_day_in_year(&cd, atoi(raw));
    if (!chron_resolve_needs_ref(raw))
        return in_years(raw);
    /* "@R" (近期, "in the near term"): a time near the reference, on the side the tense says. */
    if (strcmp(raw, "@R") == 0)
        return g_strdup(tense == CHRON_TENSE_FUTURE ? "FUTURE_REF" : "PAST_REF");
    if (!ref || !g_date_valid(ref))
        return NULL;
    /* "@K-1-5": weekday 5 of the week one before the reference's (上周五, "Friday last week") */
    if (raw[0] == '@' && raw[1] == 'K') {
        char *end;
        long n = strtol(raw + 2, &end, 10);
        /* A time of that day may follow ("@K+1-3T09:00", "@K-1-5TEV"). */
        if (end == raw + 2 || *end != '-' || end[1] < '1' || end[1] > '7' ||
            (end[2] && end[2] != 'T') || labs(n) > 1000)
            return NULL;
        GDate d = *ref;
        int wd = end[1] - '0', rw = g_date_get_weekday(ref);
        long shift = n * 7 + (wd - rw);
        if (!chron_isodate_add_days(&d, shift))
            return NULL;
        return day_value(&d, end + 2);
    }
    if (raw[0] == '@' && raw[1] == 'L')
        return resolve_anaphor(raw, ref, last);
    if (raw[0] == '@' && raw[1] == 'A')
        return resolve_antecedent(raw, ref, last);
    if (raw[0] == '@')
        return resolve_offset(raw, ref);
    /* A trailing '<' or '>' forces the direction: "last Friday", "next September"; a trailing
     * '=' asks for the reference's own year ("this summer") or, for a weekday, the one the tense
     * points to, today included, and the nearest in no tense; a
     * trailing '^' leans to the future whatever the tense, within the tolerance ("by Jan. 14"),
     * but a weekday's past tense holds ("was closed until Monday"),
     * and a trailing '_' to the past ("Thursday's ruling": a possessive names a day that has
     * come, today included). */
    gsize n = strlen(raw);
    if (n > 4 && strchr(DIRECTION_MARKERS, raw[n - 1])) {
        char *core = g_strndup(raw, n - 1);
        char *v;
        if (raw[n - 1] == '=' && chron_text_has_prefix(core, "XXXX-WXX-"))
            /* "this Sunday": the one the tense points to, the nearest in none ("will start
             * this Sunday", said on a Wednesday, is the coming one) */
            v = resolve_near(core, ref, tense, last, 0);
        else if (raw[n - 1] == '=')
            v = resolve_near(core, ref, CHRON_TENSE_UNKNOWN, last, 0);
        else if (raw[n - 1] == '^' && tense == CHRON_TENSE_PAST &&
                 chron_text_has_prefix(core, "XXXX-WXX-"))
            v = resolve_near(core, ref, tense, last, TENSE_TOLERANCE_MONTHS);
        else if (raw[n - 1] == '^')
            v = resolve_near(core, ref, CHRON_TENSE_FUTURE, last, TENSE_TOLERANCE_MONTHS);
        else if (raw[n - 1] == '_')
            v = resolve_near(core, ref, CHRON_TENSE_PAST, last, TENSE_TOLERANCE_MONTHS);
        else
            v = resolve_near(core, ref, raw[n - 1] == '<' ? CHRON_TENSE_PAST : CHRON_TENSE_FUTURE,
                             last, TENSE_STRICT);
        if (v && raw[n - 1] == '=' && core[4] == '-' && !g_str_has_prefix(core + 5, "WXX")) {
            char y[5];
            g_snprintf(y, sizeof y, "%04d", g_date_get_year(ref));
            memcpy(v, y, 4);
        }
        g_free(core);
        return v;
    }
    /* XXXX-WXX-WE: the weekend the tense points to, as an ISO week. */
    if (strcmp(raw, "XXXX-WXX-WE") == 0)
        return as_week(resolve_weekday(ref, 6, tense, FALSE, ""), 2);
    /* XXXX-E+N: a day fixed by Easter, in the year the tense points to (judged by the day it
     * falls on in the reference's year). */
    if (chron_text_has_prefix(raw, "XXXX-") && is_easter(raw, &easter_off)) {
        GDate d;
        easter_date(g_date_get_year(ref), easter_off, &d);
        return easter_value(year_for(ref, g_date_get_month(&d), g_date_get_day(&d), tense, tol),
                            easter_off);
    }
    /* XXXX-C08-15: a day of another calendar, the occurrence the tense points to. */
    if (chron_text_has_prefix(raw, "XXXX-") && is_calendar_day(raw, &cd))
        return calendar_day_near(&cd, ref, tense, tol);
    /* XXXX-MM-#N-D: the N-th weekday D of month MM (#5: the last), in the year the tense
     * points to. */
    if (chron_text_has_prefix(raw, "XXXX-") && is_nth_weekday(raw)) {
        /* The year is chosen by the day it falls on in the reference's year: Thanksgiving 2023
         * (Nov. 23) told in the past on Nov. 24 is gone, though the 4th Thursday may be the
         * 28th. */
        GDate here;
        gboolean ok = nth_weekday_date(g_date_get_year(ref), raw, &here);
        int m = ok ? (int)g_date_get_month(&here) : atoi(raw + 5),
            d = ok ? (int)g_date_get_day(&here) : 1;
        return nth_weekday(year_for(ref, m, d, tense, tol), raw);
    }
    /* XXXX-XX-DD ("on the 15th") */
    if (chron_text_has_prefix(raw, "XXXX-XX-") && g_ascii_isdigit(raw[8]) &&
        g_ascii_isdigit(raw[9]))
        return resolve_day_of_month(ref, atoi(raw + 8), tense, raw + 10);
    /* XXXX-WXX-D */
    if (chron_text_has_prefix(raw, "XXXX-WXX-") && raw[9] >= '1' && raw[9] <= '7')
        return resolve_weekday(ref, raw[9] - '0', tense, tol == TENSE_STRICT, raw + 10);
    /* XXXX-Q3, XXXX-H1, XXXX-SU: the year of the part's first month. */
    if (raw[4] == '-' && part_month(raw + 5) && (raw[7] == '\0')) {
        /* A season told in the future is not one already over ("will hear arguments in the
         * fall", said in January); a quarter or half may be ("will report fourth-quarter
         * earnings", said in January, is the one just ended). */
        gboolean season = raw[5] != 'Q' && raw[5] != 'H';
        if (season && tense == CHRON_TENSE_FUTURE && tol > 0)
            tol = 0;
        int y = year_for_span(ref, part_month(raw + 5), raw[5] == 'H' ? 6 : 3, 0, tense, tol);
        return year_value(y, 4, raw + 4, strlen(raw + 4));
    }
    /* XXXX-MM or XXXX-MM-DD, possibly followed by more (a time). */
    if (raw[4] == '-' && g_ascii_isdigit(raw[5]) && g_ascii_isdigit(raw[6])) {
        int m = (raw[5] - '0') * 10 + (raw[6] - '0');
        int d = 0;
        if (raw[7] == '-' && g_ascii_isdigit(raw[8]) && g_ascii_isdigit(raw[9]))
            d = (raw[8] - '0') * 10 + (raw[9] - '0');
        if (m < 1 || m > 12)
            return NULL;
        int y = year_for(ref, m, d, tense, tol);
        if (d && !g_date_valid_dmy(d, m, y))
            return NULL;
        return year_value(y, 4, raw + 4, strlen(raw + 4));
    }
    if (strcmp(raw, "XXXX") == 0)
        return year_value(g_date_get_year(ref), 4, "", 0);
    return NULL;
}

char *chron_resolve_in_year(const char *raw, int y)
{
    /* "XXXX-01-01%-1" (the day before New Year's Day), "XXXX-02-LD" (the last day of February):
     * the day or month in year y, then moved or ended. */
    gsize core_len;
    int days;
    if (raw && day_shift_of(raw, &core_len, &days)) {
        char *core = g_strndup(raw, core_len);
        char *day = chron_resolve_in_year(core, y);
        g_free(core);
        return shifted_day(day, days);
    }
    gsize raw_len = raw ? strlen(raw) : 0;
    if (raw_len > 3 && g_str_has_suffix(raw, "-LD")) {
        char *core = g_strndup(raw, raw_len - 3);
        char *month = chron_resolve_in_year(core, y);
        g_free(core);
        return last_day_of(month);
    }
    int form = 0;
    gsize day_len = raw ? week_form(raw, &form) : 0;
    if (form) {
        char *core = g_strndup(raw, day_len);
        char *day = chron_resolve_in_year(core, y);
        g_free(core);
        return as_week(day, form);
    }
    gsize n = raw ? strlen(raw) : 0;
    int easter_off;
    if (n >= 8 && g_str_has_prefix(raw, "XXXX-") && is_easter(raw, &easter_off))
        return easter_value(y, easter_off);
    calendar_day cd;
    if (g_str_has_prefix(raw, "XXXX-") && is_calendar_day(raw, &cd))
        return calendar_day_in_year(&cd, y);
    if (n >= 7 && g_str_has_prefix(raw, "XXXX-") && is_nth_weekday(raw))
        return y >= 1 && y <= 9999 ? nth_weekday(y, raw) : NULL;
    if (n < 7 || !g_str_has_prefix(raw, "XXXX-") || y < 1 || y > 9999)
        return NULL;
    /* A season, quarter or half ("XXXX-SP", "XXXX-Q4", "XXXX-SP^"): that part of year y. */
    if (!g_ascii_isdigit(raw[5]))
        return (n == 7 || (n == 8 && raw[7] == '^')) && g_ascii_isupper(raw[5]) &&
                       part_month(raw + 5)
                   ? year_value(y, 4, raw + 4, 3)
                   : NULL;
    if (strchr(DIRECTION_MARKERS, raw[n - 1])) {
        if (raw[n - 1] == '<' || raw[n - 1] == '>')
            return NULL;
        n--;
    }
    return year_value(y, 4, raw + 4, n - 4);
}

char *chron_resolve_value_near(const char *raw, const GDate *ref, chron_tense tense,
                               const char *last)
{
    return resolve_near(raw, ref, tense, last, TENSE_TOLERANCE_MONTHS);
}

char *chron_resolve_value_strict(const char *raw, const GDate *ref, chron_tense tense,
                                 const char *last)
{
    return resolve_near(raw, ref, tense, last, 0);
}

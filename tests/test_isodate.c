/* test_isodate.c - the ISO 8601 dates at the start of TIMEX3 values, and ISO weeks (against the
 * ISO weeks GLib computes for each day of 1990-2040). */
#include "isodate.h"

static void expect_parse(const char *v, gsize need, const char *want)
{
    GDate d;
    gboolean ok = chron_isodate_parse(v, need, &d);
    char got[16] = "";
    if (ok)
        g_snprintf(got, sizeof got, "%04u-%02u-%02u", g_date_get_year(&d), g_date_get_month(&d),
                   g_date_get_day(&d));
    g_assert_cmpstr(ok ? got : NULL, ==, want);
}

static void test_parse(void)
{
    expect_parse("2025-03-05", 10, "2025-03-05");
    expect_parse("2025-03-05T22:00", 10, "2025-03-05");
    expect_parse("2025-03-05", 7, "2025-03-01");
    expect_parse("2025-03", 7, "2025-03-01");
    expect_parse("2025-Q1", 4, "2025-01-01");
    expect_parse("2024-02-29", 10, "2024-02-29");
    expect_parse("2025-02-29", 10, NULL); /* no such day */
    expect_parse("2025-13", 7, NULL);
    expect_parse("2025", 7, NULL); /* coarser than asked */
    expect_parse("199", 4, NULL);  /* a decade */
    expect_parse("XXXX-03-05", 10, NULL);
    expect_parse("2025/03/05", 10, NULL);
    expect_parse("2025-3-5", 10, NULL);
    expect_parse("0000-01-01", 10, NULL);
    expect_parse(NULL, 10, NULL);
}

static void test_week_monday(void)
{
    GDate d;
    g_assert_true(chron_isodate_week_monday(2021, 1, &d));
    g_assert_cmpint(g_date_get_day(&d), ==, 4); /* 2021-01-04 */
    g_assert_true(chron_isodate_week_monday(2020, 53, &d));
    g_assert_cmpint(g_date_get_month(&d), ==, 12);
    g_assert_cmpint(g_date_get_day(&d), ==, 28);
    g_assert_true(chron_isodate_week_monday(2026, 1, &d)); /* starts in 2025 */
    g_assert_cmpint(g_date_get_year(&d), ==, 2025);
    g_assert_cmpint(g_date_get_day(&d), ==, 29);
    g_assert_false(chron_isodate_week_monday(2025, 0, &d));
    g_assert_false(chron_isodate_week_monday(2025, 54, &d));
    g_assert_false(chron_isodate_week_monday(0, 1, &d));
    /* Every Monday of 1990-2040 is the Monday of its own ISO week. */
    GDate day;
    g_date_clear(&day, 1);
    g_date_set_dmy(&day, 1, G_DATE_JANUARY, 1990);
    while (g_date_get_weekday(&day) != G_DATE_MONDAY)
        g_date_add_days(&day, 1);
    for (; g_date_get_year(&day) <= 2040; g_date_add_days(&day, 7)) {
        int week = (int)g_date_get_iso8601_week_of_year(&day);
        /* The ISO year: the year of the week's Thursday. */
        GDate thu = day;
        g_date_add_days(&thu, 3);
        g_assert_true(chron_isodate_week_monday(g_date_get_year(&thu), week, &d));
        g_assert_cmpint(g_date_compare(&d, &day), ==, 0);
    }
}

static void test_add(void)
{
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 3, G_DATE_JANUARY, 1);
    g_assert_true(chron_isodate_add_days(&d, -2)); /* 0001-01-01 */
    g_assert_cmpint(g_date_get_julian(&d), ==, 1);
    g_assert_false(chron_isodate_add_days(&d, -1)); /* refused, d unchanged */
    g_assert_cmpint(g_date_get_julian(&d), ==, 1);
    g_assert_false(chron_isodate_add_months(&d, -1));
    g_date_set_dmy(&d, 31, G_DATE_DECEMBER, 9999);
    g_assert_false(chron_isodate_add_days(&d, 1));
    g_assert_false(chron_isodate_add_months(&d, 1));
    g_assert_true(chron_isodate_add_days(&d, -365));
    g_date_set_dmy(&d, 31, G_DATE_JANUARY, 2024);
    g_assert_true(chron_isodate_add_months(&d, 1)); /* cut to the month's length */
    g_assert_cmpint(g_date_get_month(&d), ==, 2);
    g_assert_cmpint(g_date_get_day(&d), ==, 29);
    g_assert_true(chron_isodate_add_months(&d, -12 * 2000));
    g_assert_cmpint(g_date_get_year(&d), ==, 24);
    g_assert_false(chron_isodate_add_months(&d, -12 * 24));
}

/* The zones the tagger writes, and what a hand-made event line may hold. */
static void test_offset(void)
{
    const struct {
        const char *zone;
        gboolean ok;
        int seconds;
    } cases[] = {
        {"Z", TRUE, 0},         {"+09:00", TRUE, 9 * 3600}, {"-05:00", TRUE, -5 * 3600},
        {"+0530", TRUE, 19800}, {"-03:30", TRUE, -12600},   {"+14:00", TRUE, 14 * 3600},
        {"+00", TRUE, 0},       {"+14:01", FALSE, 0},       {"+09:60", FALSE, 0},
        {"+09:", FALSE, 0},     {"+9:00", FALSE, 0},        {"09:00", FALSE, 0},
        {"+09:000", FALSE, 0},  {"+0900x", FALSE, 0},       {"z", FALSE, 0},
        {"", FALSE, 0},         {"EST", FALSE, 0},          {"+09:0", FALSE, 0},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        int s = 12345;
        g_assert_cmpint(chron_isodate_parse_offset(cases[i].zone, &s), ==, cases[i].ok);
        if (cases[i].ok)
            g_assert_cmpint(s, ==, cases[i].seconds);
    }
    int s;
    g_assert_false(chron_isodate_parse_offset(NULL, &s));
}

/* Zones with daylight saving time, read from the system's time zone data (tzdata). */
static void test_zone_offset(void)
{
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 4, G_DATE_JULY, 2026);
    struct {
        const char *id, *value;
        const GDate *fallback;
        gboolean ok;
        const char *want;
    } cases[] = {
        {"America/New_York", "2026-11-24T20:00", NULL, TRUE, "-05:00"},
        {"America/New_York", "2026-07-04T09:30", NULL, TRUE, "-04:00"},
        /* the change: 2026-03-08 02:00 EST becomes 03:00 EDT */
        {"America/New_York", "2026-03-08T01:30", NULL, TRUE, "-05:00"},
        {"America/New_York", "2026-03-08T04:00", NULL, TRUE, "-04:00"},
        {"Europe/London", "2026-01-15T11:00", NULL, TRUE, "Z"},
        {"Europe/London", "2026-06-15T11:00", NULL, TRUE, "+01:00"},
        {"Asia/Kolkata", "2026-06-15", NULL, TRUE, "+05:30"},
        {"America/Los_Angeles", "2026-11-24T24:00", NULL, TRUE, "-08:00"},
        /* no day of its own: the fallback's (July: daylight time) */
        {"America/Chicago", "XXXX-WXX-2T14:00", &ref, TRUE, "-05:00"},
        {"America/Chicago", "XXXX-WXX-2T14:00", NULL, FALSE, NULL},
        {"America/Chicago", NULL, NULL, FALSE, NULL},
        {"Nowhere/Atlantis", "2026-11-24T20:00", NULL, FALSE, NULL},
        {"America/New_York", "2026-11-24T25:00", NULL, FALSE, NULL},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char out[7] = "";
        g_test_message("%s %s", cases[i].id, cases[i].value ? cases[i].value : "(null)");
        g_assert_cmpint(
            chron_isodate_zone_offset(cases[i].id, cases[i].value, cases[i].fallback, out), ==,
            cases[i].ok);
        if (cases[i].ok)
            g_assert_cmpstr(out, ==, cases[i].want);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/isodate/offset", test_offset);
    g_test_add_func("/isodate/zone-offset", test_zone_offset);
    g_test_add_func("/isodate/parse", test_parse);
    g_test_add_func("/isodate/week-monday", test_week_monday);
    g_test_add_func("/isodate/add", test_add);
    return g_test_run();
}

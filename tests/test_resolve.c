/* test_resolve.c - the second pass: underspecified values against a reference date. */
#include "resolve.h"

static void check(const char *raw, int y, int m, int d, chron_tense tense, const char *want)
{
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, d, m, y);
    char *got = chron_resolve_value(raw, &ref, tense);
    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

static void test_absolute(void)
{
    check("2015", 2023, 7, 6, CHRON_TENSE_PAST, "2015");
    check("199X", 2023, 7, 6, CHRON_TENSE_PAST, "199X");
    check("PAST_REF", 2023, 7, 6, CHRON_TENSE_PAST, "PAST_REF");
    char *v = chron_resolve_value("XXXX-09", NULL, CHRON_TENSE_PAST);
    g_assert_null(v); /* never guessed without a reference */
    g_assert_true(chron_resolve_needs_ref("@Y-1"));
    g_assert_false(chron_resolve_needs_ref("199X"));
}

static void test_months(void)
{
    check("XXXX-09", 2026, 1, 20, CHRON_TENSE_PAST, "2025-09");
    check("XXXX-09", 2026, 1, 20, CHRON_TENSE_FUTURE, "2026-09");
    check("XXXX-01", 2026, 1, 20, CHRON_TENSE_PAST, "2026-01");
    check("XXXX-01-13", 2023, 1, 8, CHRON_TENSE_FUTURE, "2023-01-13");
    /* A date the tense contradicts but within two months wins over a year away. */
    check("XXXX-01-05", 2023, 1, 8, CHRON_TENSE_FUTURE, "2023-01-05");
    check("XXXX-11-20", 1989, 11, 2, CHRON_TENSE_PAST, "1989-11-20");
    check("XXXX-10-05", 2023, 1, 8, CHRON_TENSE_FUTURE, "2023-10-05");
    check("XXXX-04-20", 2023, 1, 8, CHRON_TENSE_PAST, "2022-04-20");
    check("XXXX-12-30", 2023, 1, 8, CHRON_TENSE_PRESENT, "2022-12-30");
    check("XXXX-02-29", 2023, 3, 1, CHRON_TENSE_PAST, NULL); /* 2023 has no 29 February */
    check("XXXX-09>", 2026, 1, 20, CHRON_TENSE_PAST, "2026-09");
    /* "next March" and "last March" said in March are a year away; "this March" is now. */
    check("XXXX-03>", 2013, 3, 22, CHRON_TENSE_PAST, "2014-03");
    check("XXXX-03<", 2013, 3, 22, CHRON_TENSE_FUTURE, "2012-03");
    check("XXXX-03=", 2013, 3, 22, CHRON_TENSE_PAST, "2013-03");
    check("XXXX-SP<", 2013, 3, 22, CHRON_TENSE_UNKNOWN, "2012-SP");
}

static void test_weekdays(void)
{
    /* 2026-01-20 is a Tuesday. */
    check("XXXX-WXX-4", 2026, 1, 20, CHRON_TENSE_PAST, "2026-01-15");
    check("XXXX-WXX-4", 2026, 1, 20, CHRON_TENSE_FUTURE, "2026-01-22");
    check("XXXX-WXX-2", 2026, 1, 20, CHRON_TENSE_PAST, "2026-01-20");
    check("XXXX-WXX-1", 2026, 1, 20, CHRON_TENSE_PRESENT, "2026-01-19");
    check("XXXX-WXX-7", 2026, 1, 20, CHRON_TENSE_PRESENT, "2026-01-18"); /* a caption */
    check("XXXX-WXX-5", 2026, 1, 20, CHRON_TENSE_PRESENT, "2026-01-23"); /* a schedule */
    check("XXXX-WXX-5<", 2026, 1, 20, CHRON_TENSE_FUTURE, "2026-01-16");
    check("XXXX-WXX-1TMO", 2026, 1, 20, CHRON_TENSE_PAST, "2026-01-19TMO");
}

static void test_holidays_weekends(void)
{
    /* Days of other calendars (src/calendar.h): the occurrence the tense points to. */
    check("XXXX-C01-01", 2025, 5, 2, CHRON_TENSE_PAST, "2025-01-29"); /* 春节 */
    check("XXXX-C01-01", 2025, 5, 2, CHRON_TENSE_FUTURE, "2026-02-17");
    check("XXXX-C01-01-1", 2025, 5, 2, CHRON_TENSE_FUTURE, "2026-02-16"); /* 除夕 */
    check("XXXX-J08-15", 2025, 5, 2, CHRON_TENSE_PAST, "2025-04-13");     /* Passover */
    check("XXXX-I10-01", 2025, 7, 2, CHRON_TENSE_FUTURE, "2026-03-20");   /* Eid al-Fitr */
    check("XXXX-J06-14", 2025, 5, 2, CHRON_TENSE_PAST, "2024-02-23");     /* Adar I: leap years */
    check("2024-J08-15", 2025, 5, 2, CHRON_TENSE_PAST, "2024-04-23");
    check("XXXX-C01-01@2027", 2025, 5, 2, CHRON_TENSE_PAST, "2027-02-06");
    check("@Y-1XXXX-C08-15", 2025, 5, 2, CHRON_TENSE_PAST, "2024-09-17"); /* 去年中秋节 */
    check("@Y+0XXXX-10-01", 2025, 5, 2, CHRON_TENSE_PAST, "2025-10-01");  /* 今年国庆节 */
    check("XXXX-Q08-15", 2025, 5, 2, CHRON_TENSE_PAST, NULL);
    check("XXXX-C13-01", 2025, 5, 2, CHRON_TENSE_PAST, NULL);
    check("XXXX-C01-01+99", 2025, 5, 2, CHRON_TENSE_PAST, NULL);
    check("XXXX-11-#4-4", 1999, 12, 2, CHRON_TENSE_PAST, "1999-11-25");   /* Thanksgiving */
    check("XXXX-05-#5-1", 2024, 6, 10, CHRON_TENSE_PAST, "2024-05-27");   /* Memorial Day */
    check("XXXX-09-#1-1", 2024, 6, 10, CHRON_TENSE_FUTURE, "2024-09-02"); /* Labor Day */
    /* days fixed by Easter: the Gregorian computus over its range of dates (March 22 to April
     * 25) */
    check("XXXX-E+0", 2019, 1, 2, CHRON_TENSE_FUTURE, "2019-04-21");
    check("XXXX-E+0", 2038, 1, 2, CHRON_TENSE_FUTURE, "2038-04-25"); /* the latest */
    check("XXXX-E+0", 2285, 1, 2, CHRON_TENSE_FUTURE, "2285-03-22"); /* the earliest */
    check("XXXX-E-2", 2013, 4, 3, CHRON_TENSE_PAST, "2013-03-29");   /* Good Friday */
    check("XXXX-E+1", 2024, 4, 20, CHRON_TENSE_PAST, "2024-04-01");  /* Easter Monday */
    check("XXXX-E-46", 2026, 7, 1, CHRON_TENSE_PAST, "2026-02-18");  /* Ash Wednesday */
    check("2000-E+0", 2026, 1, 1, CHRON_TENSE_UNKNOWN, "2000-04-23");
    check("XXXX-WXX-WE", 1989, 10, 30, CHRON_TENSE_PAST, "1989-W43-WE");
    check("XXXX-WXX-WE", 2021, 1, 4, CHRON_TENSE_PAST, "2020-W53-WE"); /* ISO year */
    check("XXXX-SU", 1989, 11, 1, CHRON_TENSE_PAST, "1989-SU");
    check("XXXX-WI", 1989, 11, 1, CHRON_TENSE_FUTURE, "1989-WI");
    check("XXXX-Q4", 1990, 2, 1, CHRON_TENSE_PAST, "1989-Q4");
    /* a day of the month ("on the 31st"): months too short are skipped */
    check("XXXX-XX-31", 2026, 2, 10, CHRON_TENSE_PAST, "2026-01-31");
    check("XXXX-XX-31", 2026, 2, 10, CHRON_TENSE_FUTURE, "2026-03-31");
    check("XXXX-XX-15", 2026, 1, 20, CHRON_TENSE_UNKNOWN, "2026-01-15");
    check("XXXX-XX-20", 2026, 1, 20, CHRON_TENSE_FUTURE, "2026-01-20");
    check("XXXX-03-06%W", 2000, 2, 20, CHRON_TENSE_FUTURE, "2000-W10");      /* the week of */
    check("2021-01-02%W", 2000, 2, 20, CHRON_TENSE_PAST, "2020-W53");        /* ISO year */
    check("XXXX-03-07%WE", 2025, 11, 20, CHRON_TENSE_FUTURE, "2026-W10-WE"); /* weekend of */
    check("XXXX-02-30%WE", 2025, 11, 20, CHRON_TENSE_FUTURE, NULL);
    /* In a narrative's year ("In 1990 ... the week of March 6"). */
    char *v = chron_resolve_in_year("XXXX-03-06%W", 1990);
    g_assert_cmpstr(v, ==, "1990-W10");
    g_free(v);
    v = chron_resolve_in_year("XXXX-03-10%WE", 1990);
    g_assert_cmpstr(v, ==, "1990-W10-WE");
    g_free(v);
}

static void test_anaphors(void)
{
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 2, 11, 1989);
    char *v = chron_resolve_value_near("@LY-1", &ref, CHRON_TENSE_PAST, "1989-Q3");
    g_assert_cmpstr(v, ==, "1988-Q3");
    g_free(v);
    v = chron_resolve_value_near("@LY-1", &ref, CHRON_TENSE_PAST, "1989-10-12");
    g_assert_cmpstr(v, ==, "1988"); /* not a period: relative to the reference */
    g_free(v);
    v = chron_resolve_value_near("@LY-1", &ref, CHRON_TENSE_PAST, "1985");
    g_assert_cmpstr(v, ==, "1984"); /* a year named: the year before it */
    g_free(v);
    v = chron_resolve_value_near("@LY-1=", &ref, CHRON_TENSE_PAST, "1985");
    g_assert_cmpstr(v, ==, "1988"); /* "the same period last year": the reference's last year */
    g_free(v);
    v = chron_resolve_value_near("@LY-1=", &ref, CHRON_TENSE_PAST, "1989-Q3");
    g_assert_cmpstr(v, ==, "1988-Q3");
    g_free(v);
    /* The caller decides which period the text is about (the tagger drops a quarter far
     * behind the reference unless the text named it as the period it reports on): the
     * resolver chains from the one it is given. */
    v = chron_resolve_value_near("@LY-1", &ref, CHRON_TENSE_PAST, "1989-Q1");
    g_assert_cmpstr(v, ==, "1988-Q1");
    g_free(v);
    v = chron_resolve_value_near("@LQ+0", &ref, CHRON_TENSE_PAST, NULL);
    g_assert_cmpstr(v, ==, "1989-Q3"); /* the latest complete quarter */
    g_free(v);
}

static void test_offsets(void)
{
    check("@Y-1", 2023, 7, 6, CHRON_TENSE_PAST, "2022");
    check("@Y+0-01", 2023, 7, 6, CHRON_TENSE_PAST, "2023-01");
    check("@M+1", 2023, 12, 10, CHRON_TENSE_FUTURE, "2024-01");
    check("@M-1", 2023, 1, 10, CHRON_TENSE_PAST, "2022-12");
    check("@D-1", 2023, 3, 1, CHRON_TENSE_PAST, "2023-02-28");
    check("@W+0", 2021, 1, 2, CHRON_TENSE_PAST, "2020-W53"); /* ISO week-numbering year */
    check("@Q-1", 2023, 2, 1, CHRON_TENSE_PAST, "2022-Q4");
    check("@C+0", 2023, 2, 1, CHRON_TENSE_PAST, "20");
    /* A century's offset is one digit; a decade of it may follow ("上世纪50年代"). */
    check("@C-15", 2025, 11, 20, CHRON_TENSE_PAST, "195");
    check("@C+09", 2025, 11, 20, CHRON_TENSE_PAST, "209");
    check("@C-1", 2000, 1, 1, CHRON_TENSE_PAST, "19");
    check("@Y-x", 2025, 11, 20, CHRON_TENSE_PAST, NULL); /* a sign without digits */
    check("@C+", 2025, 11, 20, CHRON_TENSE_PAST, NULL);
    check("@X+1", 2023, 2, 1, CHRON_TENSE_PAST, NULL);
    check("@Y", 2023, 2, 1, CHRON_TENSE_PAST, NULL);
    /* A weekday of a week told relative to the reference's, with a time of that day. */
    check("@K+1-3", 2024, 11, 22, CHRON_TENSE_UNKNOWN, "2024-11-27");
    check("@K+1-3T09:00", 2024, 11, 22, CHRON_TENSE_UNKNOWN, "2024-11-27T09:00");
    check("@K-1-5TEV", 2024, 11, 22, CHRON_TENSE_UNKNOWN, "2024-11-15TEV");
    check("@K-1-5X", 2024, 11, 22, CHRON_TENSE_UNKNOWN, NULL);
    check("@W-1-WE", 2024, 11, 22, CHRON_TENSE_UNKNOWN, "2024-W46-WE");
    /* A clock on a holiday of any form. */
    check("XXXX-11-#4-4T09:00", 2024, 11, 20, CHRON_TENSE_FUTURE, "2024-11-28T09:00");
    check("XXXX-E+0T10:00", 2024, 11, 20, CHRON_TENSE_FUTURE, "2025-04-20T10:00");
    check("XXXX-C01-01-1T20:00", 2024, 11, 20, CHRON_TENSE_FUTURE, "2025-01-28T20:00");
    check("XXXX-E+0T1:00", 2024, 11, 20, CHRON_TENSE_FUTURE, NULL);
}

static void point(const char *raw, const char *last, const char *want)
{
    char *got = chron_resolve_point(raw, last);
    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

/* Where a duration counted from the date before leads ("A year later", "three days earlier"). */
static void test_points(void)
{
    point("@AY+1", "2019", "2020");
    point("@AY+1", "2019-05-10", "2020");
    point("@AM-2", "2019-01", "2018-11");
    point("@AD+3", "2019-12-30", "2020-01-02");
    point("@AW+2", "2019-05-10", "2019-05-24");
    point("@AD+3", "2019", NULL); /* coarser than the count: no guess */
    point("@AM+1", "2019-W05", NULL);
    point("@AY+1", NULL, NULL); /* never the reference */
    point("@AY+x", "2019", NULL);
    point("@Y+1", "2019", NULL);
    point("@AQ+1", "2019-Q1", NULL);
}

static void anaphor(const char *raw, const char *last, const char *want)
{
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 20, 1, 2024);
    char *got = chron_resolve_value_near(raw, &ref, CHRON_TENSE_PAST, last);
    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

/* "that day", "the next morning", "the following week": from the date named before; a day or
 * month of it, unknown, when it names none ("that same day" after "in May"), but no move from
 * one ("the next day"), never the publication date then; the publication date when the text
 * named none. */
static void test_antecedents(void)
{
    anaphor("@AD+1TMO", "2019-05-10", "2019-05-11TMO");
    anaphor("@AD+0", "2019-05", "2019-05-XX");
    anaphor("@AD+0", "2019", "2019-XX-XX");
    anaphor("@AM+0", "2019-Q3", "2019-XX");
    anaphor("@AD+1", "2019-05", NULL);
    anaphor("@AD+0", "2019-W20", NULL);
    anaphor("@AY+0", "2019-05", "2019");
    anaphor("@AM+1", "2019-05-10", "2019-06");
    anaphor("@AW+1", "2019-05-10", "2019-W20");
    anaphor("@AD-1", NULL, "2024-01-19");
}

/* "the following April", "the previous December", "that summer", "the following Monday": a
 * named month, season or weekday seen from the date named before, in the direction its word
 * says; from the reference when the text named none; nothing when a weekday follows a month. */
static void test_antecedent_names(void)
{
    anaphor("@AXXXX-04>", "1951-09", "1952-04");
    anaphor("@AXXXX-04>", "1951-04-15", "1952-04");
    anaphor("@AXXXX-04>", "1951", "1952-04"); /* after a year: the next one's April */
    anaphor("@AXXXX-12<", "2011", "2010-12");
    anaphor("@AXXXX-12<", "2011-03-02", "2010-12");
    anaphor("@AXXXX-12=", "2012", "2012-12");
    anaphor("@AXXXX-SP>", "2015-07", "2016-SP");
    anaphor("@AXXXX-SU=", "2019-02-01", "2019-SU");
    anaphor("@AXXXX-WXX-1>", "2025-11-06", "2025-11-10");
    anaphor("@AXXXX-WXX-5<", "2025-11-06", "2025-10-31");
    anaphor("@AXXXX-WXX-1>", "2020-03", NULL);
    anaphor("@AXXXX-04>", "PRESENT_REF", "2024-04");
    anaphor("@AXXXX-04>", NULL, "2024-04");
    anaphor("@AXXXX-04", "1951-09", NULL); /* no direction */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/resolve/absolute", test_absolute);
    g_test_add_func("/resolve/antecedent-names", test_antecedent_names);
    g_test_add_func("/resolve/months", test_months);
    g_test_add_func("/resolve/weekdays", test_weekdays);
    g_test_add_func("/resolve/offsets", test_offsets);
    g_test_add_func("/resolve/holidays-weekends", test_holidays_weekends);
    g_test_add_func("/resolve/anaphors", test_anaphors);
    g_test_add_func("/resolve/points", test_points);
    g_test_add_func("/resolve/antecedents", test_antecedents);
    return g_test_run();
}

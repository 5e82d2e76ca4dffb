/* test_calendar.c - days of the Chinese, Hebrew and Islamic calendars against published dates:
 * the Chinese New Year (as China's Purple Mountain Observatory gives it), the first days of
 * Jewish holidays and the Eids by Saudi Arabia's Umm al-Qura calendar, from public calendars. */
#include "calendar.h"

#include <stdlib.h>

/* The day (month, day) of calendar letter cal that falls in Gregorian year want[0..3]'s year:
 * want is "YYYY-MM-DD". */
static void check(char letter, int month, int day, const char *want)
{
    chron_calendar cal;
    g_assert_true(chron_calendar_from_letter(letter, &cal));
    int gy = atoi(want);
    GDate mid;
    g_date_clear(&mid, 1);
    g_date_set_dmy(&mid, 1, G_DATE_JULY, (GDateYear)gy);
    int cy;
    g_assert_true(chron_calendar_year_of(cal, &mid, &cy));
    char *found = NULL;
    for (int y = cy - 2; y <= cy + 2 && !found; y++) {
        GDate d;
        if (chron_calendar_to_gregorian(cal, y, month, day, &d) && g_date_get_year(&d) == gy)
            found = g_strdup_printf("%04d-%02d-%02d", g_date_get_year(&d), g_date_get_month(&d),
                                    g_date_get_day(&d));
    }
    if (g_strcmp0(found, want) != 0)
        g_test_message("%c %02d-%02d in %d: got %s, want %s", letter, month, day, gy,
                       found ? found : "none", want);
    g_assert_cmpstr(found, ==, want);
    g_free(found);
}

static void test_chinese_new_year(void)
{
    /* 1990-2030. 2027 and 2030 have a new moon within minutes of midnight in Beijing, where ICU's
     * own moon puts the month on the wrong day. */
    static const char *const cny[] = {
        "1990-01-27", "1991-02-15", "1992-02-04", "1993-01-23", "1994-02-10", "1995-01-31",
        "1996-02-19", "1997-02-07", "1998-01-28", "1999-02-16", "2000-02-05", "2001-01-24",
        "2002-02-12", "2003-02-01", "2004-01-22", "2005-02-09", "2006-01-29", "2007-02-18",
        "2008-02-07", "2009-01-26", "2010-02-14", "2011-02-03", "2012-01-23", "2013-02-10",
        "2014-01-31", "2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05",
        "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29",
        "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"};
    for (gsize i = 0; i < G_N_ELEMENTS(cny); i++)
        check('C', 1, 1, cny[i]);
}

static void test_chinese_festivals(void)
{
    check('C', 8, 15, "2020-10-01"); /* 中秋节 */
    check('C', 8, 15, "2023-09-29");
    check('C', 8, 15, "2024-09-17");
    check('C', 8, 15, "2025-10-06");
    check('C', 5, 5, "2022-06-03"); /* 端午节 */
    check('C', 5, 5, "2024-06-10");
    check('C', 5, 5, "2025-05-31");
}

static void test_hebrew(void)
{
    check('J', 1, 1, "2019-09-30"); /* Rosh Hashanah */
    check('J', 1, 1, "2023-09-16");
    check('J', 1, 1, "2024-10-03");
    check('J', 1, 1, "2025-09-23");
    check('J', 1, 10, "2024-10-12"); /* Yom Kippur */
    check('J', 1, 10, "2025-10-02");
    check('J', 8, 15, "2021-03-28"); /* Passover */
    check('J', 8, 15, "2024-04-23");
    check('J', 8, 15, "2025-04-13");
    check('J', 3, 25, "2023-12-08"); /* Hanukkah */
    check('J', 3, 25, "2024-12-26");
    check('J', 7, 14, "2024-03-24"); /* Purim: in Adar II in a leap year (5784) */
    check('J', 7, 14, "2025-03-14");
}

static void test_islamic(void)
{
    check('I', 10, 1, "2023-04-21"); /* Eid al-Fitr */
    check('I', 10, 1, "2024-04-10");
    check('I', 10, 1, "2025-03-30");
    check('I', 12, 10, "2023-06-28"); /* Eid al-Adha */
    check('I', 12, 10, "2024-06-16");
    check('I', 12, 10, "2025-06-06");
}

static void test_out_of_range(void)
{
    chron_calendar cal;
    g_assert_false(chron_calendar_from_letter('X', &cal));
    g_assert_true(chron_calendar_from_letter('J', &cal));
    GDate d;
    /* 5785 is a common year: it has no Adar I. */
    g_assert_false(chron_calendar_to_gregorian(cal, 5785, 6, 14, &d));
    g_assert_true(chron_calendar_to_gregorian(cal, 5784, 6, 14, &d));
    g_assert_false(chron_calendar_to_gregorian(cal, 5785, 14, 1, &d));
    g_assert_false(chron_calendar_to_gregorian(cal, 5785, 1, 31, &d));
    g_assert_true(chron_calendar_from_letter('I', &cal));
    /* Ramadan 1446 had 29 days by Umm al-Qura. */
    g_assert_false(chron_calendar_to_gregorian(cal, 1446, 9, 30, &d));
    g_assert_true(chron_calendar_to_gregorian(cal, 1446, 9, 29, &d));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/calendar/chinese-new-year", test_chinese_new_year);
    g_test_add_func("/calendar/chinese-festivals", test_chinese_festivals);
    g_test_add_func("/calendar/hebrew", test_hebrew);
    g_test_add_func("/calendar/islamic", test_islamic);
    g_test_add_func("/calendar/out-of-range", test_out_of_range);
    return g_test_run();
}

/* test_feed.c - tests of the iCalendar feed (src/feed.c).
 *
 * Every written feed is read back with libical itself (not with chron_feed_parse() alone), so
 * the tests check what a subscriber's parser sees: properties and their VALUE types, dates,
 * UIDs, folding, CRLF, RFC restrictions. tests/check_feed.py repeats the checks with a second,
 * independent parser (Python icalendar).
 *
 * Run with "--write-feed PATH" it writes the sample feed to PATH and exits, which is how meson
 * hands check_feed.py a feed without needing the chronicle CLI.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "error.h"
#include "event.h"
#include "feed.h"

#define DTSTAMP 1767225600 /* 2026-01-01T00:00:00Z */
#define DTSTAMP_TEXT "20260101T000000Z"
#define OTHER_DTSTAMP 1767312000 /* 2026-01-02T00:00:00Z */

/* Long enough that libical must fold it, and only CJK: a fold in the middle of a 3-byte
 * sequence would corrupt it. */
#define CHINESE_SUMMARY                                                                            \
    "国务院常务会议审议通过关于进一步优化"                                       \
    "营商环境降低制度性交易成本的意见并部署"                                    \
    "推进新型城镇化建设和乡村振兴战略实施工作"

static chron_event *make_event(const char *id, const char *doc, const char *title,
                               const char *value, const char *mod, int y, int m, int d, int y2,
                               int m2, int d2, chron_granularity gran, const char *summary,
                               const char *sentence, const char *timex)
{
    chron_event *ev = chron_event_new();

    ev->id = g_strdup(id);
    ev->doc = g_strdup(doc);
    ev->doc_title = g_strdup(title);
    ev->doc_source = g_strdup("");
    ev->value = g_strdup(value);
    ev->mod = g_strdup(mod);
    g_date_clear(&ev->start, 1);
    g_date_clear(&ev->end, 1);
    g_date_set_dmy(&ev->start, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    g_date_set_dmy(&ev->end, (GDateDay)d2, (GDateMonth)m2, (GDateYear)y2);
    ev->granularity = gran;
    ev->summary = g_strdup(summary);
    ev->sentence = g_strdup(sentence);
    ev->timex = g_strdup(timex);
    return ev;
}

#define SAMPLE_COUNT 5

/* A day, a month with a mod, a long CJK summary, a year whose sentence needs escaping and
 * folding, and an event without a summary (SUMMARY falls back to the date phrase). */
static chron_event_list *sample_events(void)
{
    chron_event_list *list = chron_event_list_new();

    chron_event_list_append(
        list, make_event(
                  "0123456789abcdef", "corpus/a.txt", "Council approves budget", "2026-01-15", NULL,
                  2026, 1, 15, 2026, 1, 16, CHRON_GRAN_DAY, "The council approved the budget",
                  "On January 15, 2026, the council approved the budget.", "January 15, 2026"));
    chron_event_list_append(
        list, make_event("1111222233334444", "corpus/a.txt", "Council approves budget", "2025-09",
                         "START", 2025, 9, 1, 2025, 10, 1, CHRON_GRAN_MONTH, "Talks began",
                         "Talks began in early September 2025.", "early September 2025"));
    chron_event_list_append(
        list, make_event("aaaabbbbccccdddd", "corpus/zh/b.txt", "国务院常务会议", "2026-03-02",
                         NULL, 2026, 3, 2, 2026, 3, 3, CHRON_GRAN_DAY, CHINESE_SUMMARY,
                         "2026年3月2日，" CHINESE_SUMMARY "。", "2026年3月2日"));
    chron_event_list_append(
        list,
        make_event("5555666677778888", "corpus/c.txt", "", "1998", "APPROX", 1998, 1, 1, 1999, 1, 1,
                   CHRON_GRAN_YEAR, "Founded; grew, then \"merged\" with a rival\\partner",
                   "The company, founded around 1998; grew quickly, then \"merged\" with a "
                   "rival\\partner in a deal that analysts, regulators and competitors all "
                   "described as the largest of the decade.",
                   "around 1998"));
    chron_event_list_append(list,
                            make_event("9999aaaabbbbcccc", "corpus/d.txt", "Elections", "199X",
                                       NULL, 1990, 1, 1, 2000, 1, 1, CHRON_GRAN_DECADE, NULL,
                                       "In the 1990s things changed.", "the 1990s"));
    return list;
}

static const chron_feed_options sample_options = {
    .name = "Test news", .description = "Dates from the test corpus", .dtstamp = DTSTAMP};

static char *sample_feed(gint64 dtstamp)
{
    chron_event_list *list = sample_events();
    chron_feed_options opt = sample_options;
    GError *error = NULL;
    char *text;

    opt.dtstamp = dtstamp;
    text = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    g_assert_nonnull(text);
    chron_event_list_free(list);
    return text;
}

/* Reads text with libical, as a subscriber would. The caller frees with icalcomponent_free(). */
static icalcomponent *parse_ical(const char *text)
{
    icalcomponent *cal = icalparser_parse_string(text);

    g_assert_nonnull(cal);
    g_assert_cmpint(icalcomponent_isa(cal), ==, ICAL_VCALENDAR_COMPONENT);
    return cal;
}

static const char *x_value(icalcomponent *comp, const char *name)
{
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_X_PROPERTY)) {
        if (g_strcmp0(icalproperty_get_x_name(p), name) == 0)
            return icalproperty_get_x(p);
    }
    return NULL;
}

static int count_props(icalcomponent *comp, icalproperty_kind kind)
{
    return icalcomponent_count_properties(comp, kind);
}

static guint count_lines_starting(const char *text, const char *prefix)
{
    char **lines = g_strsplit(text, "\r\n", -1);
    guint n = 0;

    for (char **l = lines; *l; l++)
        n += g_str_has_prefix(*l, prefix);
    g_strfreev(lines);
    return n;
}

static void test_calendar_properties(void)
{
    char *text = sample_feed(DTSTAMP);
    icalcomponent *cal = parse_ical(text);
    icalproperty *p;
    struct icaldurationtype d;

    p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
    g_assert_nonnull(p);
    g_assert_cmpstr(icalproperty_get_version(p), ==, "2.0");
    p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
    g_assert_nonnull(p);
    g_assert_cmpstr(icalproperty_get_prodid(p), ==, "-//chronicle//chronicle 0.1//EN");
    p = icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY);
    g_assert_nonnull(p);
    g_assert_cmpstr(icalproperty_get_calscale(p), ==, "GREGORIAN");
    p = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
    g_assert_nonnull(p);
    g_assert_cmpstr(icalproperty_get_name(p), ==, "Test news");
    g_assert_cmpstr(x_value(cal, "X-WR-CALNAME"), ==, "Test news");
    p = icalcomponent_get_first_property(cal, ICAL_DESCRIPTION_PROPERTY);
    g_assert_nonnull(p);
    g_assert_cmpstr(icalproperty_get_description(p), ==, "Dates from the test corpus");
    g_assert_cmpstr(x_value(cal, "X-WR-CALDESC"), ==, "Dates from the test corpus");
    g_assert_cmpstr(x_value(cal, "X-PUBLISHED-TTL"), ==, "PT12H");
    /* A subscription feed is not a scheduling message. */
    g_assert_cmpint(count_props(cal, ICAL_METHOD_PROPERTY), ==, 0);

    /* RFC 7986 requires VALUE=DURATION, which libical leaves out unless told. */
    g_assert_nonnull(strstr(text, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"));
    p = icalcomponent_get_first_property(cal, ICAL_REFRESHINTERVAL_PROPERTY);
    g_assert_nonnull(p);
    d = icalproperty_get_refreshinterval(p);
    g_assert_cmpint(icaldurationtype_as_int(d), ==, 12 * 3600);
    g_assert_cmpint(count_props(cal, ICAL_REFRESHINTERVAL_PROPERTY), ==, 1);

    g_assert_true(g_str_has_prefix(text, "BEGIN:VCALENDAR\r\n"));
    g_assert_true(g_str_has_suffix(text, "END:VCALENDAR\r\n"));

    icalcomponent_free(cal);
    g_free(text);
}

static void test_calendar_defaults(void)
{
    chron_event_list *list = chron_event_list_new();
    chron_feed_options opt = {.dtstamp = DTSTAMP};
    GError *error = NULL;
    char *text = chron_feed_to_string(list, &opt, &error);
    icalcomponent *cal;

    g_assert_no_error(error);
    cal = parse_ical(text);
    g_assert_cmpstr(
        icalproperty_get_name(icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY)), ==,
        "chronicle");
    g_assert_cmpstr(x_value(cal, "X-WR-CALNAME"), ==, "chronicle");
    g_assert_cmpint(count_props(cal, ICAL_DESCRIPTION_PROPERTY), ==, 0);
    g_assert_null(x_value(cal, "X-WR-CALDESC"));
    g_assert_cmpint(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), ==, 0);

    icalcomponent_free(cal);
    g_free(text);
    chron_event_list_free(list);
}

static void test_events(void)
{
    chron_event_list *list = sample_events();
    char *text = sample_feed(DTSTAMP);
    icalcomponent *cal = parse_ical(text);
    GHashTable *uids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    icalcomponent *c;
    guint i = 0;

    g_assert_cmpint(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), ==,
                    chron_event_list_count(list));
    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), i++) {
        const chron_event *ev = chron_event_list_get(list, i);
        icalproperty *start = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
        icalproperty *end = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY);
        struct icaltimetype t;
        char *uid = g_strconcat(ev->id, "@chronicle", NULL);

        g_assert_nonnull(ev);
        /* Events stay in list order, UIDs derive from the ids and are unique. */
        g_assert_cmpstr(icalcomponent_get_uid(c), ==, uid);
        g_assert_false(g_hash_table_contains(uids, uid));
        g_hash_table_add(uids, uid);

        /* All-day: DATE values (VALUE=DATE), DTEND the exclusive end. */
        g_assert_nonnull(start);
        g_assert_nonnull(end);
        g_assert_cmpint(icalvalue_isa(icalproperty_get_value(start)), ==, ICAL_DATE_VALUE);
        g_assert_cmpint(icalvalue_isa(icalproperty_get_value(end)), ==, ICAL_DATE_VALUE);
        t = icalproperty_get_dtstart(start);
        g_assert_true(t.is_date);
        g_assert_cmpint(t.year, ==, g_date_get_year(&ev->start));
        g_assert_cmpint(t.month, ==, g_date_get_month(&ev->start));
        g_assert_cmpint(t.day, ==, g_date_get_day(&ev->start));
        t = icalproperty_get_dtend(end);
        g_assert_true(t.is_date);
        g_assert_cmpint(t.year, ==, g_date_get_year(&ev->end));
        g_assert_cmpint(t.month, ==, g_date_get_month(&ev->end));
        g_assert_cmpint(t.day, ==, g_date_get_day(&ev->end));

        /* DTSTAMP is the caller's "now", in UTC. */
        t = icalproperty_get_dtstamp(icalcomponent_get_first_property(c, ICAL_DTSTAMP_PROPERTY));
        g_assert_true(icaltime_is_utc(t));
        g_assert_cmpint(icaltime_as_timet(t), ==, DTSTAMP);

        g_assert_cmpint(
            icalproperty_get_transp(icalcomponent_get_first_property(c, ICAL_TRANSP_PROPERTY)), ==,
            ICAL_TRANSP_TRANSPARENT);
        g_assert_cmpstr(icalcomponent_get_summary(c), ==, ev->summary ? ev->summary : ev->timex);
        g_assert_cmpstr(x_value(c, "X-CHRONICLE-TIMEX"), ==, ev->value);
        g_assert_cmpstr(x_value(c, "X-CHRONICLE-GRANULARITY"), ==,
                        chron_granularity_name(ev->granularity));
        g_assert_cmpstr(x_value(c, "X-CHRONICLE-MOD"), ==, ev->mod);
        g_assert_cmpstr(x_value(c, "X-CHRONICLE-SOURCE"), ==, ev->doc);
    }
    g_assert_cmpuint(i, ==, SAMPLE_COUNT);
    g_assert_cmpuint(count_lines_starting(text, "DTSTAMP:" DTSTAMP_TEXT), ==, SAMPLE_COUNT);

    g_hash_table_destroy(uids);
    icalcomponent_free(cal);
    g_free(text);
    chron_event_list_free(list);
}

static void test_description(void)
{
    char *text = sample_feed(DTSTAMP);
    icalcomponent *cal = parse_ical(text);
    icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    icalcomponent *c4;

    g_assert_cmpstr(icalcomponent_get_description(c), ==,
                    "The council approved the budget\n\n"
                    "\u201cOn January 15, 2026, the council approved the budget.\u201d\n"
                    "\u2014 Council approves budget (a.txt)");
    /* An empty title leaves just the file name. Characters TEXT must escape (, ; \) and
     * quotes survive. */
    c4 = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    c4 = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    c4 = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    g_assert_cmpstr(icalcomponent_get_summary(c4), ==,
                    "Founded; grew, then \"merged\" with a rival\\partner");
    g_assert_true(g_str_has_suffix(icalcomponent_get_description(c4), "\n\u2014 c.txt"));
    g_assert_nonnull(strstr(icalcomponent_get_description(c4), "\u201cThe company, founded"));

    icalcomponent_free(cal);
    g_free(text);
}

/* Splits text into physical lines and checks each: at most 75 octets before its CRLF, no bare
 * CR or LF, and valid UTF-8 on its own (a fold never splits a multi-byte sequence). Returns the
 * number of continuation lines. */
static guint check_lines(const char *text)
{
    const char *p = text;
    guint folded = 0;

    g_assert_true(g_str_has_suffix(text, "\r\n"));
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        gsize n;

        g_assert_nonnull(eol);
        n = (gsize)(eol - p);
        if (n > 75)
            g_error("line of %" G_GSIZE_FORMAT " octets: %.*s", n, (int)n, p);
        g_assert_null(memchr(p, '\n', n));
        g_assert_null(memchr(p, '\r', n));
        g_assert_true(g_utf8_validate(p, (gssize)n, NULL));
        folded += *p == ' ';
        p = eol + 2;
    }
    return folded;
}

static void test_folding(void)
{
    char *text = sample_feed(DTSTAMP);
    icalcomponent *cal;
    icalcomponent *c;

    /* The sample has long lines, so the check is not vacuous. */
    g_assert_cmpuint(check_lines(text), >, 3);

    cal = parse_ical(text);
    c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
    g_assert_cmpstr(icalcomponent_get_summary(c), ==, CHINESE_SUMMARY);
    g_assert_true(g_str_has_prefix(icalcomponent_get_description(c), CHINESE_SUMMARY "\n\n"));
    icalcomponent_free(cal);
    g_free(text);
}

static void test_deterministic(void)
{
    char *a = sample_feed(DTSTAMP);
    char *b = sample_feed(DTSTAMP);
    char *c = sample_feed(OTHER_DTSTAMP);
    char **la, **lc;
    guint changed = 0;

    g_assert_cmpstr(a, ==, b);

    /* Another "now", with the feed it replaces given, changes the DTSTAMP lines and nothing
     * else: SEQUENCE and LAST-MODIFIED stay, since no event changed. */
    g_free(c);
    {
        chron_event_list *list = sample_events();
        chron_feed_options opt = sample_options;
        GError *error = NULL;
        opt.dtstamp = OTHER_DTSTAMP;
        opt.previous = a;
        opt.previous_len = strlen(a);
        c = chron_feed_to_string(list, &opt, &error);
        g_assert_no_error(error);
        chron_event_list_free(list);
    }
    la = g_strsplit(a, "\r\n", -1);
    lc = g_strsplit(c, "\r\n", -1);
    g_assert_cmpuint(g_strv_length(la), ==, g_strv_length(lc));
    for (guint i = 0; la[i]; i++) {
        if (strcmp(la[i], lc[i]) == 0)
            continue;
        g_assert_true(g_str_has_prefix(la[i], "DTSTAMP:"));
        g_assert_true(g_str_has_prefix(lc[i], "DTSTAMP:"));
        changed++;
    }
    g_assert_cmpuint(changed, ==, SAMPLE_COUNT);

    g_strfreev(la);
    g_strfreev(lc);
    g_free(a);
    g_free(b);
    g_free(c);
}

static void test_restrictions(void)
{
    char *text = sample_feed(DTSTAMP);
    icalcomponent *cal = parse_ical(text);

    if (!icalrestriction_check(cal)) {
        /* The check added X-LIC-ERROR properties naming what is wrong. */
        char *s = icalcomponent_as_ical_string_r(cal);

        g_error("icalrestriction_check failed:\n%s", s);
    }
    icalcomponent_free(cal);
    g_free(text);
}

static void test_roundtrip(void)
{
    chron_event_list *list = sample_events();
    char *text = sample_feed(DTSTAMP);
    GError *error = NULL;
    chron_event_list *back = chron_feed_parse("feed.ics", text, strlen(text), &error);

    g_assert_no_error(error);
    g_assert_nonnull(back);
    g_assert_cmpuint(chron_event_list_count(back), ==, chron_event_list_count(list));
    for (guint i = 0; i < chron_event_list_count(list); i++) {
        const chron_event *a = chron_event_list_get(list, i);
        const chron_event *b = chron_event_list_get(back, i);

        g_assert_cmpstr(b->id, ==, a->id);
        g_assert_cmpint(g_date_compare(&b->start, &a->start), ==, 0);
        g_assert_cmpint(g_date_compare(&b->end, &a->end), ==, 0);
        g_assert_cmpstr(b->summary, ==, a->summary ? a->summary : a->timex);
        g_assert_cmpstr(b->value, ==, a->value);
        g_assert_cmpstr(b->mod, ==, a->mod);
        g_assert_cmpint(b->granularity, ==, a->granularity);
        g_assert_cmpstr(b->doc, ==, "feed.ics");
        g_assert_cmpstr(b->doc_title, ==, "Test news");
        g_assert_true(g_str_has_prefix(b->sentence, b->summary));
    }
    g_assert_true(chron_event_list_get(back, 3)->approximate);

    chron_event_list_free(back);
    g_free(text);
    chron_event_list_free(list);
}

/* len -1: data is a string. */
static void expect_parse_error(const char *name, const char *data, gssize len)
{
    GError *error = NULL;
    chron_event_list *list =
        chron_feed_parse(name, data, len < 0 ? strlen(data) : (gsize)len, &error);

    g_assert_null(list);
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_PARSE);
    g_assert_true(g_str_has_prefix(error->message, name));
    g_assert_nonnull(strstr(error->message, "not an iCalendar file"));
    g_error_free(error);
}

static void test_parse_garbage(void)
{
    /* libical would stop at the NUL and accept the calendar before it. */
    static const char nul[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n\0junk";
    static const char bom_cal[] = "\xef\xbb\xbf"
                                  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    GError *error = NULL;
    chron_event_list *list;

    expect_parse_error("junk.ics", "hello world\nthis is not a calendar\n", -1);
    expect_parse_error("empty.ics", "", 0);
    expect_parse_error("binary.ics", "\x01\x02\xff\xfe", -1);
    /* A lone VEVENT is not a calendar. */
    expect_parse_error(
        "vevent.ics", "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\n", -1);
    /* A truncated calendar. */
    expect_parse_error("cut.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n", -1);
    expect_parse_error("nul.ics", nul, (gssize)sizeof nul - 1);
    list = chron_feed_parse("nul.ics", nul, sizeof nul - 1, &error);
    g_assert_null(list);
    g_assert_nonnull(strstr(error->message, "NUL byte at offset 45"));
    g_clear_error(&error);

    /* An empty calendar is fine, and so is one behind a byte order mark. */
    list = chron_feed_parse("bom.ics", bom_cal, sizeof bom_cal - 1, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(chron_event_list_count(list), ==, 0);
    chron_event_list_free(list);
}

/* A calendar exported by another application: zones, date-times, DURATION, missing DTEND,
 * missing DTSTART, missing UID, a changed occurrence of a recurring event. */
static const char foreign_calendar[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Example Corp//Calendar 1.0//EN\r\n"
    "X-WR-CALNAME:Holidays\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Test/Plus3\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0300\r\n"
    "TZOFFSETTO:+0300\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:newyear@example.com\r\n"
    "DTSTAMP:20251201T000000Z\r\n"
    "DTSTART;VALUE=DATE:20260101\r\n"
    "DTEND;VALUE=DATE:20260103\r\n"
    "SUMMARY:New Year\r\n"
    "DESCRIPTION:Two days\\, off\r\n"
    "END:VEVENT\r\n"
    /* 01:30+03 is 22:30Z the day before; two hours later is 00:30Z: it covers two UTC days. */
    "BEGIN:VEVENT\r\n"
    "UID:zoned\r\n"
    "DTSTART;TZID=Test/Plus3:20260115T013000\r\n"
    "DURATION:PT2H\r\n"
    "SUMMARY:Late meeting\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:utc\r\n"
    "DTSTART:20260201T100000Z\r\n"
    "DTEND:20260201T110000Z\r\n"
    "SUMMARY:Call\r\n"
    "END:VEVENT\r\n"
    /* An exclusive end at midnight does not cover the next day. */
    "BEGIN:VEVENT\r\n"
    "UID:evening\r\n"
    "DTSTART:20260301T220000Z\r\n"
    "DTEND:20260302T000000Z\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART;VALUE=DATE:20260401\r\n"
    "SUMMARY:No UID\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:nostart\r\n"
    "SUMMARY:No start\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:badstart\r\n"
    "DTSTART:2026xx01\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:weekly\r\n"
    "RECURRENCE-ID:20260501T090000\r\n"
    "DTSTART:20260501T090000\r\n"
    "SUMMARY:Moved occurrence\r\n"
    "X-CHRONICLE-GRANULARITY:fortnight\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void check_span(const chron_event *ev, int y, int m, int d, int y2, int m2, int d2)
{
    GDate a, b;

    g_date_clear(&a, 1);
    g_date_clear(&b, 1);
    g_date_set_dmy(&a, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    g_date_set_dmy(&b, (GDateDay)d2, (GDateMonth)m2, (GDateYear)y2);
    g_assert_cmpint(g_date_compare(&ev->start, &a), ==, 0);
    g_assert_cmpint(g_date_compare(&ev->end, &b), ==, 0);
}

static void test_parse_foreign(void)
{
    GError *error = NULL;
    chron_event_list *list =
        chron_feed_parse("holidays.ics", foreign_calendar, strlen(foreign_calendar), &error);
    const chron_event *ev;

    g_assert_no_error(error);
    g_assert_cmpuint(chron_event_list_count(list), ==, 6);

    ev = chron_event_list_get(list, 0);
    g_assert_cmpstr(ev->id, ==, "newyear@example.com");
    g_assert_cmpstr(ev->summary, ==, "New Year");
    g_assert_cmpstr(ev->sentence, ==, "Two days, off");
    g_assert_cmpstr(ev->value, ==, "2026-01-01");
    g_assert_cmpstr(ev->doc, ==, "holidays.ics");
    g_assert_cmpstr(ev->doc_title, ==, "Holidays");
    g_assert_cmpint(ev->granularity, ==, CHRON_GRAN_DAY);
    g_assert_null(ev->mod);
    check_span(ev, 2026, 1, 1, 2026, 1, 3);

    ev = chron_event_list_get(list, 1);
    g_assert_cmpstr(ev->id, ==, "zoned");
    g_assert_cmpstr(ev->value, ==, "2026-01-14");
    check_span(ev, 2026, 1, 14, 2026, 1, 16);

    ev = chron_event_list_get(list, 2);
    g_assert_cmpstr(ev->id, ==, "utc");
    check_span(ev, 2026, 2, 1, 2026, 2, 2);

    ev = chron_event_list_get(list, 3);
    g_assert_cmpstr(ev->summary, ==, "");
    check_span(ev, 2026, 3, 1, 2026, 3, 2);

    /* No UID: the id is computed as for any event. */
    ev = chron_event_list_get(list, 4);
    g_assert_cmpstr(ev->summary, ==, "No UID");
    g_assert_nonnull(ev->id);
    g_assert_cmpuint(strlen(ev->id), >, 0);
    check_span(ev, 2026, 4, 1, 2026, 4, 2);

    /* A floating time without an end covers its day; a granularity chronicle does not know is
     * unknown, not guessed. */
    ev = chron_event_list_get(list, 5);
    g_assert_cmpstr(ev->id, ==, "weekly/20260501T090000");
    g_assert_cmpint(ev->granularity, ==, CHRON_GRAN_UNKNOWN);
    check_span(ev, 2026, 5, 1, 2026, 5, 2);

    chron_event_list_free(list);
}

static void test_concatenated_calendars(void)
{
    char *one = sample_feed(DTSTAMP);
    char *two = g_strconcat(one, one, NULL);
    GError *error = NULL;
    chron_event_list *list = chron_feed_parse("two.ics", two, strlen(two), &error);

    g_assert_no_error(error);
    g_assert_cmpuint(chron_event_list_count(list), ==, 2 * SAMPLE_COUNT);
    chron_event_list_free(list);
    g_free(two);
    g_free(one);
}

static void test_missing_id(void)
{
    chron_event_list *list = chron_event_list_new();
    chron_event *ev = make_event(NULL, "corpus/a.txt", "T", "2026-01-15", NULL, 2026, 1, 15, 2026,
                                 1, 16, CHRON_GRAN_DAY, "Something", "Something happened.", "x");
    chron_event *ref = make_event(NULL, "corpus/a.txt", "T", "2026-01-15", NULL, 2026, 1, 15, 2026,
                                  1, 16, CHRON_GRAN_DAY, "Something", "Something happened.", "x");
    chron_feed_options opt = {.dtstamp = DTSTAMP};
    GError *error = NULL;
    char *text, *uid;
    icalcomponent *cal;

    chron_event_list_append(list, ev);
    text = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    /* The UID is the id the library would compute, and the const list is left alone. */
    chron_event_compute_id(ref);
    uid = g_strconcat(ref->id, "@chronicle", NULL);
    cal = parse_ical(text);
    g_assert_cmpstr(
        icalcomponent_get_uid(icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)), ==,
        uid);
    g_assert_null(chron_event_list_get(list, 0)->id);

    icalcomponent_free(cal);
    g_free(uid);
    g_free(text);
    chron_event_free(ref);
    chron_event_list_free(list);
}

static void test_control_characters(void)
{
    chron_event_list *list = chron_event_list_new();
    chron_feed_options opt = {.name = "bad\r\nname", .dtstamp = DTSTAMP};
    GError *error = NULL;
    char *text;
    chron_event_list *back;

    chron_event_list_append(list, make_event("00000000000000aa", "a.txt", "T", "2026-01-15", NULL,
                                             2026, 1, 15, 2026, 1, 16, CHRON_GRAN_DAY,
                                             "one\r\ntwo\x01three\xff", "line\none", "x"));
    text = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    check_lines(text);
    g_assert_true(g_utf8_validate(text, -1, NULL));
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;

        g_assert_true(c >= 0x20 || c == '\r' || c == '\n' || c == '\t');
    }
    back = chron_feed_parse("x.ics", text, strlen(text), &error);
    g_assert_no_error(error);
    g_assert_cmpstr(chron_event_list_get(back, 0)->summary, ==, "one two three\xef\xbf\xbd");
    g_assert_cmpstr(chron_event_list_get(back, 0)->doc_title, ==, "bad name");

    chron_event_list_free(back);
    g_free(text);
    chron_event_list_free(list);
}

static void expect_invalid(chron_event_list *list, gint64 dtstamp, const char *fragment)
{
    chron_feed_options opt = {.dtstamp = dtstamp};
    GError *error = NULL;
    char *text = chron_feed_to_string(list, &opt, &error);

    g_assert_null(text);
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
    if (!strstr(error->message, fragment))
        g_error("message \"%s\" lacks \"%s\"", error->message, fragment);
    g_error_free(error);
}

static void test_invalid(void)
{
    chron_event_list *list;
    chron_event *ev;

    /* Empty span. */
    list = chron_event_list_new();
    chron_event_list_append(list, make_event("e1", "a.txt", "", "2026", NULL, 2026, 1, 1, 2026, 1,
                                             1, CHRON_GRAN_DAY, "s", "s", "t"));
    expect_invalid(list, DTSTAMP, "event 0 (e1@chronicle)");
    chron_event_list_free(list);

    /* No start date at all. */
    list = chron_event_list_new();
    ev = make_event("e2", "a.txt", "", "2026", NULL, 2026, 1, 1, 2026, 1, 2, CHRON_GRAN_DAY, "s",
                    "s", "t");
    g_date_clear(&ev->start, 1);
    chron_event_list_append(list, ev);
    expect_invalid(list, DTSTAMP, "no valid span");
    chron_event_list_free(list);

    /* Beyond what a DATE can hold. */
    list = chron_event_list_new();
    chron_event_list_append(list, make_event("e3", "a.txt", "", "10000", NULL, 10000, 1, 1, 10001,
                                             1, 1, CHRON_GRAN_YEAR, "s", "s", "t"));
    expect_invalid(list, DTSTAMP, "no valid span");
    chron_event_list_free(list);

    /* Duplicate UIDs would merge two events in a calendar app. */
    list = sample_events();
    chron_event_list_append(list, make_event("1111222233334444", "x.txt", "", "2026", NULL, 2026, 1,
                                             1, 2027, 1, 1, CHRON_GRAN_YEAR, "s", "s", "t"));
    expect_invalid(list, DTSTAMP, "events 1 and 5 have the same UID 1111222233334444@chronicle");
    /* A DTSTAMP no DATE-TIME can hold. */
    expect_invalid(list, G_MAXINT64, "DTSTAMP");
    chron_event_list_free(list);
}

static guint count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    guint n = 0;

    g_assert_nonnull(d);
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    return n;
}

static void test_write_file(void)
{
    chron_event_list *list = sample_events();
    char *dir = g_dir_make_tmp("test_feed-XXXXXX", NULL);
    char *path = g_build_filename(dir, "feed.ics", NULL);
    char *missing = g_build_filename(dir, "missing", "feed.ics", NULL);
    char *expected = sample_feed(DTSTAMP);
    char *contents = NULL;
    GError *error = NULL;

    g_assert_nonnull(dir);

    /* Success: the file holds exactly what chron_feed_to_string() returns. */
    g_assert_true(chron_feed_write_file(list, &sample_options, path, &error));
    g_assert_no_error(error);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, expected);
    g_free(contents);
    g_assert_cmpint(g_unlink(path), ==, 0);

    /* A missing directory: an IO error naming the path, and nothing created. */
    g_assert_false(chron_feed_write_file(list, &sample_options, missing, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_true(g_str_has_prefix(error->message, missing));
    g_clear_error(&error);
    g_assert_false(g_file_test(missing, G_FILE_TEST_EXISTS));
    g_assert_cmpuint(count_entries(dir), ==, 0);

    /* The rename fails (path is a directory): the temporary file is removed again. */
    g_assert_cmpint(g_mkdir(path, 0700), ==, 0);
    g_assert_false(chron_feed_write_file(list, &sample_options, path, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_true(g_str_has_prefix(error->message, path));
    g_clear_error(&error);
    g_assert_cmpuint(count_entries(dir), ==, 1);
    g_assert_true(g_file_test(path, G_FILE_TEST_IS_DIR));

    g_assert_cmpint(g_rmdir(path), ==, 0);
    g_assert_cmpint(g_rmdir(dir), ==, 0);
    g_free(expected);
    g_free(missing);
    g_free(path);
    g_free(dir);
    chron_event_list_free(list);
}

/* "--write-feed PATH": the sample feed for tests/check_feed.py (SAMPLE_COUNT events). */
static int write_sample(const char *path)
{
    chron_event_list *list = sample_events();
    GError *error = NULL;
    gboolean ok = chron_feed_write_file(list, &sample_options, path, &error);

    if (!ok) {
        g_printerr("test_feed: %s\n", error->message);
        g_error_free(error);
    }
    chron_event_list_free(list);
    return ok ? 0 : 1;
}

/* The VEVENT with uid in text (a parsed calendar the caller frees), or NULL. */
static icalcomponent *find_event(icalcomponent *cal, const char *uid)
{
    for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        if (strcmp(icalcomponent_get_uid(c), uid) == 0)
            return c;
    return NULL;
}

/* SEQUENCE and LAST-MODIFIED move only for the event whose content changed; a new event starts
 * at SEQUENCE 0. */
static void test_sequence(void)
{
    chron_event_list *list = sample_events();
    chron_feed_options opt = sample_options;
    GError *error = NULL;
    char *first = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    chron_event_list_free(list);

    list = sample_events();
    chron_event *ev = (chron_event *)chron_event_list_get(list, 0);
    g_free(ev->summary);
    ev->summary = g_strdup("The council approved the amended budget");
    chron_event_list_append(
        list, make_event("feedfeedfeedfeed", "corpus/e.txt", "New", "2026-02-01", NULL, 2026, 2, 1,
                         2026, 2, 2, CHRON_GRAN_DAY, "A new event", "A new event.", "Feb 1"));
    opt.dtstamp = OTHER_DTSTAMP;
    opt.previous = first;
    opt.previous_len = strlen(first);
    char *second = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    g_assert_true(chron_feed_validate("second", second, strlen(second), &error));
    g_assert_no_error(error);

    icalcomponent *cal = icalparser_parse_string(second);
    icalcomponent *changed = find_event(cal, "0123456789abcdef@chronicle");
    icalcomponent *same = find_event(cal, "1111222233334444@chronicle");
    icalcomponent *fresh = find_event(cal, "feedfeedfeedfeed@chronicle");
    g_assert_nonnull(changed);
    g_assert_nonnull(same);
    g_assert_nonnull(fresh);
    g_assert_cmpint(icalcomponent_get_sequence(changed), ==, 1);
    g_assert_cmpint(icalcomponent_get_sequence(same), ==, 0);
    g_assert_cmpint(icalcomponent_get_sequence(fresh), ==, 0);
    struct icaltimetype lm_changed = icalproperty_get_lastmodified(
        icalcomponent_get_first_property(changed, ICAL_LASTMODIFIED_PROPERTY));
    struct icaltimetype lm_same = icalproperty_get_lastmodified(
        icalcomponent_get_first_property(same, ICAL_LASTMODIFIED_PROPERTY));
    g_assert_cmpint(icaltime_as_timet(lm_changed), ==, OTHER_DTSTAMP);
    g_assert_cmpint(icaltime_as_timet(lm_same), ==, DTSTAMP);
    icalcomponent_free(cal);
    chron_event_list_free(list);
    g_free(first);
    g_free(second);
}

/* Type, URL, every source, actors, count, conflicts; a timed event in UTC from a zone; COLOR. */
static void test_rich_event(void)
{
    chron_event_list *list = chron_event_list_new();
    chron_event *ev = make_event("abcdefabcdef0001", "corpus/a.txt", "Pact signed", "2026-01-15",
                                 NULL, 2026, 1, 15, 2026, 1, 16, CHRON_GRAN_DAY, "They signed",
                                 "On Thursday they signed.", "Thursday");
    ev->type = g_strdup("agreement");
    ev->actors = g_strsplit("Japan;Philippines", ";", -1);
    ev->conflicts = g_strsplit("2026-01-16", ";", -1);
    ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    const char *docs[] = {"corpus/a.txt", "corpus/b.txt"};
    for (guint i = 0; i < 2; i++) {
        chron_source *src = g_new0(chron_source, 1);
        src->doc = g_strdup(docs[i]);
        src->title = g_strdup(i ? "Second report" : "Pact signed");
        src->publisher = g_strdup(i ? "Daily" : "");
        src->url = g_strdup(i ? "https://example.org/b" : "");
        src->sentence = g_strdup(i ? "The pact was signed on Jan 16." : "On Thursday they signed.");
        src->timex = g_strdup(i ? "Jan 16" : "Thursday");
        src->value = g_strdup(i ? "2026-01-16" : "2026-01-15");
        g_ptr_array_add(ev->sources, src);
    }
    chron_event_list_append(list, ev);
    chron_event_list_append(list, make_event("abcdefabcdef0002", "corpus/c.txt", "Dateline",
                                             "2023-07-06T18:21", NULL, 2023, 7, 6, 2023, 7, 7,
                                             CHRON_GRAN_DAY, "Posted", "Posted.", "18:21"));
    chron_feed_options opt = {.dtstamp = DTSTAMP, .color = "teal", .tz = "Asia/Tokyo"};
    GError *error = NULL;
    char *text = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    g_assert_true(chron_feed_validate("rich", text, strlen(text), &error));
    g_assert_no_error(error);
    icalcomponent *cal = icalparser_parse_string(text);
    g_assert_nonnull(icalcomponent_get_first_property(cal, ICAL_COLOR_PROPERTY));
    icalcomponent *c = find_event(cal, "abcdefabcdef0001@chronicle");
    g_assert_cmpstr(
        icalproperty_get_categories(icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY)),
        ==, "agreement");
    g_assert_cmpstr(icalproperty_get_url(icalcomponent_get_first_property(c, ICAL_URL_PROPERTY)),
                    ==, "https://example.org/b");
    const char *d = icalcomponent_get_description(c);
    g_assert_nonnull(strstr(d, "\u201cOn Thursday they signed.\u201d\n\u2014 Pact signed (a.txt)"));
    g_assert_nonnull(strstr(d, "\u201cThe pact was signed on Jan 16.\u201d\n\u2014 Second report, "
                               "Daily (b.txt)\nhttps://example.org/b"));
    g_assert_nonnull(strstr(text, "X-CHRONICLE-COUNT:2"));
    g_assert_nonnull(strstr(text, "X-CHRONICLE-ACTORS:Japan; Philippines"));
    g_assert_nonnull(strstr(text, "X-CHRONICLE-CONFLICTS:2026-01-16"));
    /* 18:21 in Tokyo is 09:21 UTC; the event spans that minute. */
    c = find_event(cal, "abcdefabcdef0002@chronicle");
    struct icaltimetype st = icalcomponent_get_dtstart(c), en = icalcomponent_get_dtend(c);
    g_assert_false(st.is_date);
    g_assert_true(icaltime_is_utc(st));
    g_assert_cmpint(st.hour, ==, 9);
    g_assert_cmpint(st.minute, ==, 21);
    g_assert_cmpint(icaltime_as_timet(en) - icaltime_as_timet(st), ==, 60);
    icalcomponent_free(cal);
    g_free(text);
    chron_event_list_free(list);
}

/* A time of day the text gave a zone for is read at that offset, whatever --tz says; the feed
 * keeps the zone, and reading it back gives the day the text named (not the UTC day). */
static void test_stated_zone(void)
{
    chron_event_list *list = chron_event_list_new();
    chron_event *ev =
        make_event("abcdefabcdef0003", "corpus/d.txt", "Pact signed", "2026-01-15T07:15", NULL,
                   2026, 1, 15, 2026, 1, 16, CHRON_GRAN_DAY, "Signed",
                   "Signed at 7:15 a.m. Japan time on Jan. 15.", "7:15 a.m. Japan time on Jan. 15");
    ev->zone = g_strdup("+09:00");
    chron_event_list_append(list, ev);
    ev = make_event("abcdefabcdef0004", "corpus/d.txt", "Polls closed", "2026-11-03T20:00", NULL,
                    2026, 11, 3, 2026, 11, 4, CHRON_GRAN_DAY, "Closed",
                    "Polls closed at 8 p.m. EST.", "8 p.m. EST");
    ev->zone = g_strdup("-05:00");
    chron_event_list_append(list, ev);
    chron_feed_options opt = {.dtstamp = DTSTAMP, .tz = "Europe/London"};
    GError *error = NULL;
    char *text = chron_feed_to_string(list, &opt, &error);
    g_assert_no_error(error);
    g_assert_true(chron_feed_validate("zones", text, strlen(text), &error));
    g_assert_no_error(error);
    icalcomponent *cal = icalparser_parse_string(text);
    const struct {
        const char *uid;
        int day, hour;
        const char *zone;
    } want[] = {{"abcdefabcdef0003@chronicle", 14, 22, "+09:00"},
                {"abcdefabcdef0004@chronicle", 4, 1, "-05:00"}};
    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        icalcomponent *c = find_event(cal, want[i].uid);
        struct icaltimetype st = icalcomponent_get_dtstart(c);
        g_assert_true(icaltime_is_utc(st));
        g_assert_cmpint(st.day, ==, want[i].day);
        g_assert_cmpint(st.hour, ==, want[i].hour);
    }
    g_assert_nonnull(strstr(text, "X-CHRONICLE-ZONE:+09:00"));
    icalcomponent_free(cal);
    chron_event_list *back = chron_feed_parse("zones.ics", text, strlen(text), &error);
    g_assert_no_error(error);
    g_assert_cmpuint(chron_event_list_count(back), ==, 2);
    for (guint i = 0; i < 2; i++) {
        const chron_event *a = chron_event_list_get(list, i), *b = NULL;
        for (guint k = 0; k < 2; k++)
            if (g_str_has_prefix(chron_event_list_get(back, k)->id, a->id))
                b = chron_event_list_get(back, k);
        g_assert_nonnull(b);
        g_assert_cmpstr(b->value, ==, a->value);
        g_assert_cmpstr(b->zone, ==, a->zone);
        g_assert_cmpint(g_date_compare(&b->start, &a->start), ==, 0);
        g_assert_cmpint(g_date_compare(&b->end, &a->end), ==, 0);
    }
    chron_event_list_free(back);
    g_free(text);
    chron_event_list_free(list);
}

/* chron_feed_validate() reports parse errors and missing required properties. */
static void test_validate(void)
{
    GError *error = NULL;
    const char *bad_date = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
                           "UID:a\r\nDTSTAMP:20200101T000000Z\r\nDTSTART;VALUE=DATE:2020010\r\n"
                           "END:VEVENT\r\nEND:VCALENDAR\r\n";
    g_assert_false(chron_feed_validate("bad.ics", bad_date, strlen(bad_date), &error));
    g_assert_nonnull(strstr(error->message, "bad.ics"));
    g_assert_nonnull(strstr(error->message, "DTSTART"));
    g_clear_error(&error);
    const char *no_prodid = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
                            "DTSTAMP:20200101T000000Z\r\nDTSTART;VALUE=DATE:20200101\r\n"
                            "END:VEVENT\r\nEND:VCALENDAR\r\n";
    g_assert_false(chron_feed_validate("np.ics", no_prodid, strlen(no_prodid), &error));
    g_assert_nonnull(strstr(error->message, "PRODID"));
    g_clear_error(&error);
    char *good = sample_feed(DTSTAMP);
    g_assert_true(chron_feed_validate("good.ics", good, strlen(good), &error));
    g_assert_no_error(error);
    g_free(good);
}

int main(int argc, char **argv)
{
    int status;

    if (argc == 3 && strcmp(argv[1], "--write-feed") == 0)
        return write_sample(argv[2]);

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/feed/calendar-properties", test_calendar_properties);
    g_test_add_func("/feed/calendar-defaults", test_calendar_defaults);
    g_test_add_func("/feed/events", test_events);
    g_test_add_func("/feed/stated-zone", test_stated_zone);
    g_test_add_func("/feed/description", test_description);
    g_test_add_func("/feed/folding", test_folding);
    g_test_add_func("/feed/deterministic", test_deterministic);
    g_test_add_func("/feed/restrictions", test_restrictions);
    g_test_add_func("/feed/roundtrip", test_roundtrip);
    g_test_add_func("/feed/parse-garbage", test_parse_garbage);
    g_test_add_func("/feed/parse-foreign", test_parse_foreign);
    g_test_add_func("/feed/concatenated-calendars", test_concatenated_calendars);
    g_test_add_func("/feed/missing-id", test_missing_id);
    g_test_add_func("/feed/control-characters", test_control_characters);
    g_test_add_func("/feed/invalid", test_invalid);
    g_test_add_func("/feed/write-file", test_write_file);
    g_test_add_func("/feed/sequence", test_sequence);
    g_test_add_func("/feed/rich-event", test_rich_event);
    g_test_add_func("/feed/validate", test_validate);
    status = g_test_run();
    /* libical caches the zones it loaded; free them so leak checkers see a clean exit. */
    icaltimezone_free_builtin_timezones();
    return status;
}

/* feed.c - the iCalendar feed, written and read through libical (the only file that uses it).
 *
 * Writing builds a libical component tree and lets libical serialise it, so escaping, line
 * folding (75 octets, never inside a UTF-8 sequence) and CRLF endings are libical's, not ours.
 * The output depends only on the events and the options: no clock, no random numbers, and
 * properties are added in a fixed order, which libical keeps.
 *
 * Reading accepts any VCALENDAR (chronicle's own feeds, Google or Thunderbird exports) and turns
 * every VEVENT with a usable DTSTART into an all-day span.
 */
#include "feed.h"

#include <string.h>

#include <libical/ical.h>

#include "error.h"

#define PRODID "-//chronicle//chronicle 0.1//EN"
#define DEFAULT_NAME "chronicle"
/* How often subscribers should refetch; REFRESH-INTERVAL (RFC 7986) for current clients,
 * X-PUBLISHED-TTL for older ones (Outlook, old Apple Calendar). */
#define REFRESH "PT12H"
#define UID_SUFFIX "@chronicle"

/* iCalendar DATE values have four-digit years. */
#define MAX_YEAR 9999

/* ---- writing ---------------------------------------------------------------------------- */

/* Returns a copy of s fit for a TEXT value. libical copies bytes as they are: it does not check
 * UTF-8 (and its folding only avoids splitting sequences of valid UTF-8), and it writes control
 * characters raw although RFC 5545 forbids them in TEXT. So invalid sequences become U+FFFD,
 * CR LF and lone CR become LF, and other controls except TAB become spaces. LF is kept only when
 * newlines is TRUE (DESCRIPTION); single-line values get a space instead. */
static char *clean_text(const char *s, gboolean newlines)
{
    char *valid = g_utf8_make_valid(s, -1);
    GString *out = g_string_sized_new(strlen(valid));

    for (const char *p = valid; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '\r') {
            if (p[1] == '\n')
                p++;
            c = '\n';
        }
        if (c == '\n')
            g_string_append_c(out, newlines ? '\n' : ' ');
        else if ((c < 0x20 && c != '\t') || c == 0x7f)
            g_string_append_c(out, ' ');
        else
            g_string_append_c(out, (char)c);
    }
    g_free(valid);
    return g_string_free(out, FALSE);
}

static gboolean is_set(const char *s)
{
    return s && *s;
}

/* Adds prop to comp; FALSE when the constructor that made prop failed (libical constructors
 * return NULL and set icalerrno on bad input). */
static gboolean add(icalcomponent *comp, icalproperty *prop)
{
    if (!prop)
        return FALSE;
    icalcomponent_add_property(comp, prop);
    return TRUE;
}

/* An X- property holding a single-line text value. */
static icalproperty *new_x(const char *name, const char *value)
{
    char *clean = clean_text(value, FALSE);
    icalproperty *prop = icalproperty_new_x(clean);

    g_free(clean);
    if (prop)
        icalproperty_set_x_name(prop, name);
    return prop;
}

static icalproperty *new_text(icalproperty *(*ctor)(const char *), const char *value,
                              gboolean newlines)
{
    char *clean = clean_text(value, newlines);
    icalproperty *prop = ctor(clean);

    g_free(clean);
    return prop;
}

/* REFRESH-INTERVAL;VALUE=DURATION:PT12H. RFC 7986 requires the VALUE parameter, and libical
 * leaves out VALUE= when the value has the property's default type unless the property carries
 * the parameter. libical 3.0.16 happens to write it for REFRESH-INTERVAL anyway; other versions
 * need not, so it is added explicitly (libical never writes it twice; the tests check the line). */
static icalproperty *new_refresh_interval(void)
{
    struct icaldurationtype d = icaldurationtype_from_string(REFRESH);
    icalproperty *prop;
    icalparameter *param;

    if (icaldurationtype_is_bad_duration(d))
        return NULL;
    prop = icalproperty_new_refreshinterval(d);
    if (!prop)
        return NULL;
    param = icalparameter_new_value(ICAL_VALUE_DURATION);
    if (!param) {
        icalproperty_free(prop);
        return NULL;
    }
    icalproperty_add_parameter(prop, param);
    return prop;
}

static struct icaltimetype ical_date(const GDate *d)
{
    struct icaltimetype t = icaltime_null_date();

    t.year = g_date_get_year(d);
    t.month = g_date_get_month(d);
    t.day = g_date_get_day(d);
    return t;
}

/* The UID of ev: its id plus a domain-like suffix, as RFC 5545 recommends. An event without an
 * id gets the one chron_event_compute_id() would give it, computed on a shallow copy because the
 * list is const: the same id the rest of the library reports. */
static char *event_uid(const chron_event *ev)
{
    chron_event tmp;
    char *uid;

    if (is_set(ev->id))
        return g_strconcat(ev->id, UID_SUFFIX, NULL);
    tmp = *ev;
    tmp.id = NULL;
    chron_event_compute_id(&tmp);
    uid = g_strconcat(tmp.id ? tmp.id : "", UID_SUFFIX, NULL);
    g_free(tmp.id);
    return uid;
}

static const char *event_summary(const chron_event *ev)
{
    if (is_set(ev->summary))
        return ev->summary;
    if (is_set(ev->timex))
        return ev->timex;
    return ev->value ? ev->value : "";
}

/* DESCRIPTION: the summary, a blank line, the quoted sentence, then "— title (file)", so a
 * calendar app shows where the date was read without any chronicle-specific support. */
static char *event_description(const chron_event *ev, const char *summary)
{
    GString *d = g_string_new(summary);
    char *result;

    if (is_set(ev->sentence)) {
        /* The sentence may span wrapped lines of the article; keep it one paragraph. */
        char *sentence = clean_text(ev->sentence, FALSE);

        g_string_append_printf(d, "\n\n\u201c%s\u201d", sentence);
        g_free(sentence);
    }
    if (is_set(ev->doc)) {
        char *base = g_path_get_basename(ev->doc);

        g_string_append(d, is_set(ev->sentence) ? "\n" : "\n\n");
        if (is_set(ev->doc_title))
            g_string_append_printf(d, "\u2014 %s (%s)", ev->doc_title, base);
        else
            g_string_append_printf(d, "\u2014 %s", base);
        g_free(base);
    }
    result = clean_text(d->str, TRUE);
    g_string_free(d, TRUE);
    return result;
}

static gboolean date_in_range(const GDate *d)
{
    return g_date_valid(d) && g_date_get_year(d) <= MAX_YEAR;
}

/* Builds the VEVENT of events[index]. Returns NULL and sets error on failure. */
static icalcomponent *build_event(const chron_event *ev, guint index, const char *uid,
                                  struct icaltimetype dtstamp, GError **error)
{
    icalcomponent *vevent = NULL;
    const char *summary = event_summary(ev);
    char *description = NULL;

    /* A feed with DTEND <= DTSTART is invalid, and calendar apps drop or mangle such events:
     * refuse rather than publish them. */
    if (!date_in_range(&ev->start) || !date_in_range(&ev->end) ||
        g_date_compare(&ev->end, &ev->start) <= 0) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "feed: event %u (%s): no valid span (start must be before end, years 1-%d)",
                    index, uid, MAX_YEAR);
        goto fail;
    }

    vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!vevent)
        goto ical_fail;
    description = event_description(ev, summary);
    if (!add(vevent, new_text(icalproperty_new_uid, uid, FALSE)) ||
        !add(vevent, icalproperty_new_dtstamp(dtstamp)) ||
        /* DATE values differ from DTSTART's default type, so libical writes VALUE=DATE. */
        !add(vevent, icalproperty_new_dtstart(ical_date(&ev->start))) ||
        !add(vevent, icalproperty_new_dtend(ical_date(&ev->end))) ||
        !add(vevent, new_text(icalproperty_new_summary, summary, FALSE)) ||
        !add(vevent, new_text(icalproperty_new_description, description, TRUE)) ||
        /* Past news never blocks anyone's free/busy time. */
        !add(vevent, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT)))
        goto ical_fail;
    /* What chronicle knows beyond the calendar span, for chron_feed_parse() and curious users. */
    if (ev->value && !add(vevent, new_x("X-CHRONICLE-TIMEX", ev->value)))
        goto ical_fail;
    if (!add(vevent, new_x("X-CHRONICLE-GRANULARITY", chron_granularity_name(ev->granularity))))
        goto ical_fail;
    if (ev->mod && !add(vevent, new_x("X-CHRONICLE-MOD", ev->mod)))
        goto ical_fail;
    if (ev->doc && !add(vevent, new_x("X-CHRONICLE-SOURCE", ev->doc)))
        goto ical_fail;
    g_free(description);
    return vevent;

ical_fail:
    g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "feed: event %u (%s): libical: %s", index,
                uid, icalerror_strerror(icalerrno));
fail:
    g_free(description);
    if (vevent)
        icalcomponent_free(vevent);
    return NULL;
}

static icalcomponent *build_calendar(const chron_feed_options *opt, GError **error)
{
    const char *name = opt && opt->name ? opt->name : DEFAULT_NAME;
    const char *description = opt ? opt->description : NULL;
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);

    if (!cal)
        goto fail;
    /* No METHOD: a subscription feed is not a scheduling message, and METHOD:PUBLISH would make
     * ORGANIZER mandatory (icalrestriction_check enforces it). */
    if (!add(cal, icalproperty_new_prodid(PRODID)) || !add(cal, icalproperty_new_version("2.0")) ||
        !add(cal, icalproperty_new_calscale("GREGORIAN")) ||
        !add(cal, new_text(icalproperty_new_name, name, FALSE)) ||
        !add(cal, new_x("X-WR-CALNAME", name)))
        goto fail;
    if (description && (!add(cal, new_text(icalproperty_new_description, description, TRUE)) ||
                        !add(cal, new_x("X-WR-CALDESC", description))))
        goto fail;
    if (!add(cal, new_refresh_interval()) || !add(cal, new_x("X-PUBLISHED-TTL", REFRESH)))
        goto fail;
    return cal;

fail:
    g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "feed: calendar: libical: %s",
                icalerror_strerror(icalerrno));
    if (cal)
        icalcomponent_free(cal);
    return NULL;
}

char *chron_feed_to_string(const chron_event_list *events, const chron_feed_options *opt,
                           GError **error)
{
    icalcomponent *cal = NULL;
    GHashTable *uids = NULL; /* uid -> index + 1 of the event that used it first */
    GDateTime *check = NULL;
    struct icaltimetype dtstamp;
    char *ical = NULL;
    char *result = NULL;
    gint64 stamp = opt ? opt->dtstamp : 0;
    guint n;

    g_return_val_if_fail(events != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    /* icaltime_from_timet_with_zone() has no failure value; GDateTime checks the range
     * (years 1 to 9999, which is also what a DATE-TIME can hold). */
    check = g_date_time_new_from_unix_utc(stamp);
    if (!check) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "feed: DTSTAMP %" G_GINT64_FORMAT " is out of range", stamp);
        goto cleanup;
    }
    g_date_time_unref(check);

    /* libical reports some failures only through icalerrno; start from a clean state so a
     * leftover error from unrelated earlier calls is not blamed on this feed. */
    icalerror_clear_errno();
    dtstamp = icaltime_from_timet_with_zone((time_t)stamp, 0, icaltimezone_get_utc_timezone());

    cal = build_calendar(opt, error);
    if (!cal)
        goto cleanup;

    uids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    n = chron_event_list_count(events);
    for (guint i = 0; i < n; i++) {
        const chron_event *ev = chron_event_list_get(events, i);
        char *uid = event_uid(ev);
        gpointer first = g_hash_table_lookup(uids, uid);
        icalcomponent *vevent;

        /* Two VEVENTs with one UID are one event to a calendar app, which silently keeps only
         * one of them: the caller must merge duplicates first. */
        if (first) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                        "feed: events %u and %u have the same UID %s", GPOINTER_TO_UINT(first) - 1,
                        i, uid);
            g_free(uid);
            goto cleanup;
        }
        vevent = build_event(ev, i, uid, dtstamp, error);
        g_hash_table_insert(uids, uid, GUINT_TO_POINTER(i + 1));
        if (!vevent)
            goto cleanup;
        icalcomponent_add_component(cal, vevent);
    }

    ical = icalcomponent_as_ical_string_r(cal);
    if (!ical || icalerrno != ICAL_NO_ERROR) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "feed: libical: %s",
                    icalerror_strerror(icalerrno));
        goto cleanup;
    }
    /* Callers free with g_free(); libical's buffer must go back through libical. */
    result = g_strdup(ical);

cleanup:
    if (ical)
        icalmemory_free_buffer(ical);
    if (uids)
        g_hash_table_destroy(uids);
    if (cal)
        icalcomponent_free(cal);
    return result;
}

gboolean chron_feed_write_file(const chron_event_list *events, const chron_feed_options *opt,
                               const char *path, GError **error)
{
    GError *local = NULL;
    char *text;
    gboolean ok;

    g_return_val_if_fail(path != NULL, FALSE);

    text = chron_feed_to_string(events, opt, error);
    if (!text)
        return FALSE;
    /* g_file_set_contents() writes a temporary file next to path and renames it over path, so
     * a subscriber never fetches half a feed and a failure leaves any old feed in place. */
    ok = g_file_set_contents(path, text, -1, &local);
    if (!ok) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: cannot write the feed: %s", path,
                    local->message);
        g_error_free(local);
    }
    g_free(text);
    return ok;
}

/* ---- reading ---------------------------------------------------------------------------- */

/* The value of the first X- property called name, or NULL. */
static const char *x_value(icalcomponent *comp, const char *name)
{
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_X_PROPERTY)) {
        const char *pname = icalproperty_get_x_name(p);

        if (pname && g_ascii_strcasecmp(pname, name) == 0)
            return icalproperty_get_x(p);
    }
    return NULL;
}

/* Inverse of chron_granularity_name(), which stays the one table of names. Names it does not
 * know give CHRON_GRAN_UNKNOWN: a wrong guess would draw the span as something it is not. */
static chron_granularity granularity_from_name(const char *name)
{
    for (int g = CHRON_GRAN_UNKNOWN; g <= CHRON_GRAN_CENTURY; g++) {
        if (g_ascii_strcasecmp(name, chron_granularity_name((chron_granularity)g)) == 0)
            return (chron_granularity)g;
    }
    return CHRON_GRAN_UNKNOWN;
}

/* The calendar day of t: a DATE as it is, a DATE-TIME with a known zone (TZID or Z) converted
 * to UTC first, a floating DATE-TIME as written. *midnight tells whether t is the very start of
 * that day (always for a DATE), which matters for an exclusive end. */
static gboolean day_of(struct icaltimetype t, GDate *out, gboolean *midnight)
{
    if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
        return FALSE;
    if (!t.is_date && t.zone)
        t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    if (t.year < 1 || t.year > MAX_YEAR || t.month < 1 || t.month > 12 || t.day < 1 ||
        !g_date_valid_dmy((GDateDay)t.day, (GDateMonth)t.month, (GDateYear)t.year))
        return FALSE;
    g_date_clear(out, 1);
    g_date_set_dmy(out, (GDateDay)t.day, (GDateMonth)t.month, (GDateYear)t.year);
    *midnight = t.is_date || (t.hour == 0 && t.minute == 0 && t.second == 0);
    return TRUE;
}

static char *text_or_empty(const char *s)
{
    return s ? g_utf8_make_valid(s, -1) : g_strdup("");
}

/* The event of one VEVENT, or NULL when it has no usable DTSTART (a VEVENT may lack one when
 * the calendar has a METHOD, and libical drops a DTSTART it cannot parse). */
static chron_event *read_event(icalcomponent *vevent, const char *name, const char *calname)
{
    chron_event *ev;
    GDate start, end;
    gboolean midnight = FALSE;
    const char *s;

    if (!icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY))
        return NULL;
    /* icalcomponent_get_dtstart() resolves TZID against the calendar's VTIMEZONEs and
     * libical's built-in zones. */
    if (!day_of(icalcomponent_get_dtstart(vevent), &start, &midnight))
        return NULL;
    /* icalcomponent_get_dtend() falls back to DTSTART + DURATION, and to one day for a DATE. A
     * DATE-TIME end exclusive at midnight ends the day before; any later time covers its day.
     * Anything ending at or before the start (no end, zero or negative length) gets one day. */
    if (day_of(icalcomponent_get_dtend(vevent), &end, &midnight)) {
        if (!midnight)
            g_date_add_days(&end, 1);
    } else {
        end = start;
    }
    if (g_date_compare(&end, &start) <= 0) {
        end = start;
        g_date_add_days(&end, 1);
    }

    ev = chron_event_new();
    ev->start = start;
    ev->end = end;
    ev->doc = g_strdup(name);
    ev->doc_title = g_strdup(calname);
    ev->doc_source = g_strdup("");
    ev->summary = text_or_empty(icalcomponent_get_summary(vevent));
    ev->sentence = text_or_empty(icalcomponent_get_description(vevent));
    /* There is no date phrase: the calendar never had one. */
    ev->timex = g_strdup("");

    s = x_value(vevent, "X-CHRONICLE-TIMEX");
    if (is_set(s))
        ev->value = g_utf8_make_valid(s, -1);
    else
        ev->value = g_strdup_printf("%04u-%02u-%02u", (guint)g_date_get_year(&start),
                                    (guint)g_date_get_month(&start), (guint)g_date_get_day(&start));
    s = x_value(vevent, "X-CHRONICLE-GRANULARITY");
    ev->granularity = s ? granularity_from_name(s) : CHRON_GRAN_DAY;
    s = x_value(vevent, "X-CHRONICLE-MOD");
    if (is_set(s)) {
        ev->mod = g_utf8_make_valid(s, -1);
        ev->approximate = strcmp(ev->mod, "APPROX") == 0;
    }

    s = icalcomponent_get_uid(vevent);
    if (is_set(s)) {
        gsize len = strlen(s);
        struct icaltimetype rid = icalcomponent_get_recurrenceid(vevent);

        if (g_str_has_suffix(s, UID_SUFFIX) && len > strlen(UID_SUFFIX))
            len -= strlen(UID_SUFFIX);
        ev->id = g_strndup(s, len);
        /* A changed occurrence of a recurring event repeats the UID; its RECURRENCE-ID tells
         * it apart, and ids must stay unique. */
        if (!icaltime_is_null_time(rid)) {
            char *tmp = ev->id;
            char *r = icaltime_as_ical_string_r(rid);

            ev->id = g_strconcat(tmp, "/", r, NULL);
            icalmemory_free_buffer(r);
            g_free(tmp);
        }
        if (!g_utf8_validate(ev->id, -1, NULL)) {
            char *tmp = ev->id;

            ev->id = g_utf8_make_valid(tmp, -1);
            g_free(tmp);
        }
    } else {
        chron_event_compute_id(ev);
    }
    return ev;
}

static void read_calendar(icalcomponent *cal, const char *name, chron_event_list *list)
{
    icalproperty *p = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
    const char *calname = p ? icalproperty_get_name(p) : x_value(cal, "X-WR-CALNAME");
    char *title = text_or_empty(calname);

    for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        chron_event *ev = read_event(c, name, title);

        if (ev)
            chron_event_list_append(list, ev);
    }
    g_free(title);
}

chron_event_list *chron_feed_parse(const char *name, const char *data, gsize len, GError **error)
{
    char *text = NULL;
    const char *nul;
    icalcomponent *root = NULL;
    chron_event_list *list = NULL;
    gboolean found = FALSE;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    if (!name)
        name = "(feed)";

    /* The parser reads a NUL-terminated string and would silently stop at an embedded NUL. */
    nul = len ? memchr(data, '\0', len) : NULL;
    if (nul) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: not an iCalendar file (NUL byte at offset %" G_GSIZE_FORMAT ")", name,
                    (gsize)(nul - data));
        goto cleanup;
    }
    text = g_strndup(len ? data : "", len);

    root = icalparser_parse_string(text);
    list = chron_event_list_new();
    /* Several concatenated calendars come back wrapped in an XROOT component. */
    if (root && icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        read_calendar(root, name, list);
        found = TRUE;
    } else if (root && icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             c; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
            read_calendar(c, name, list);
            found = TRUE;
        }
    }
    if (!found) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: not an iCalendar file", name);
        chron_event_list_free(list);
        list = NULL;
    }

cleanup:
    if (root)
        icalcomponent_free(root);
    g_free(text);
    return list;
}

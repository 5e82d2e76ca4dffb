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

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "error.h"
#include "isodate.h"

#define PRODID "-//chronicle//chronicle 0.1//EN"
#define DEFAULT_NAME "chronicle"
/* How often subscribers should refetch; REFRESH-INTERVAL (RFC 7986) for current clients,
 * X-PUBLISHED-TTL for older ones (Outlook, old Apple Calendar). */
#define REFRESH "PT12H"
#define UID_SUFFIX "@chronicle"

/* iCalendar DATE values have four-digit years, but libical writes a DATE or DATE-TIME after
 * the year 3000 as 00000000 (found by tests/fuzz/fuzz_ics): later dates are refused. */
#define MAX_YEAR 3000

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

/* TRUE when value is nothing but spaces and tabs once cleaned: libical writes it as it is
 * ("SUMMARY: "), and readers, libical included, take that for a property without a value, an
 * error (found by tests/fuzz/fuzz_ics). Such properties are left out. */
static gboolean blank_text(const char *value, gboolean newlines)
{
    char *clean = clean_text(value, newlines);
    gboolean blank = clean[strspn(clean, " \t")] == '\0';

    g_free(clean);
    return blank;
}

/* Adds the X- property name holding value as a single line, unless value is blank. FALSE when
 * libical fails. */
static gboolean add_x(icalcomponent *comp, const char *name, const char *value)
{
    return blank_text(value, FALSE) || add(comp, new_x(name, value));
}

/* Adds the TEXT property ctor makes from value, unless value is blank. FALSE when libical
 * fails. */
static gboolean add_text(icalcomponent *comp, icalproperty *(*ctor)(const char *),
                         const char *value, gboolean newlines)
{
    return blank_text(value, newlines) || add(comp, new_text(ctor, value, newlines));
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

/* DESCRIPTION: the summary, then every report: the quoted sentence and "— title, publisher
 * (file)" and the article's URL on a line of its own, so a calendar app shows where the date was
 * read without any chronicle-specific support. */
static char *event_description(const chron_event *ev, const char *summary)
{
    GString *d = g_string_new(summary);
    char *result;
    guint n = ev->sources ? ev->sources->len : 0;

    for (guint i = 0; i < n || (i == 0 && n == 0); i++) {
        const chron_source *src = n ? g_ptr_array_index(ev->sources, i) : NULL;
        const char *sentence = src ? src->sentence : ev->sentence;
        const char *doc = src ? src->doc : ev->doc;
        const char *title = src ? src->title : ev->doc_title;
        const char *publisher = src ? src->publisher : ev->doc_source;
        const char *url = src ? src->url : NULL;

        g_string_append(d, "\n");
        if (is_set(sentence)) {
            /* The sentence may span wrapped lines of the article; keep it one paragraph. */
            char *clean = clean_text(sentence, FALSE);

            g_string_append_printf(d, "\n\u201c%s\u201d", clean);
            g_free(clean);
        }
        if (is_set(doc)) {
            char *base = g_path_get_basename(doc);

            g_string_append(d, "\n\u2014 ");
            if (is_set(title))
                g_string_append(d, title);
            if (is_set(publisher))
                g_string_append_printf(d, "%s%s", is_set(title) ? ", " : "", publisher);
            if (is_set(title) || is_set(publisher))
                g_string_append_printf(d, " (%s)", base);
            else
                g_string_append(d, base);
            g_free(base);
        }
        if (is_set(url))
            g_string_append_printf(d, "\n%s", url);
    }
    result = clean_text(d->str, TRUE);
    g_string_free(d, TRUE);
    return result;
}

/* The URL of the first report that has one, or NULL. */
static const char *event_url(const chron_event *ev)
{
    for (guint i = 0; ev->sources && i < ev->sources->len; i++) {
        const chron_source *src = g_ptr_array_index(ev->sources, i);

        if (is_set(src->url))
            return src->url;
    }
    return NULL;
}

/* For an event dated to the minute ("2023-07-06T18:21", "...T18:21:50"): its start in UTC, the
 * time of day read at the offset the text stated with it (ev->zone), else in the zone tz (NULL:
 * UTC). FALSE for anything coarser. */
static gboolean timed_start(const chron_event *ev, const char *tz, struct icaltimetype *out,
                            struct icaltimetype *end)
{
    const char *v = ev->value;
    int y, mo, d, h, mi, sec = 0;

    if (!v || strlen(v) < 16 || v[10] != 'T' || v[13] != ':')
        return FALSE;
    for (int k = 0; k < 16; k++)
        if (k != 4 && k != 7 && k != 10 && k != 13 && !g_ascii_isdigit(v[k]))
            return FALSE;
    y = atoi(v);
    mo = atoi(v + 5);
    d = atoi(v + 8);
    h = atoi(v + 11);
    mi = atoi(v + 14);
    if (v[16] == ':' && g_ascii_isdigit(v[17]) && g_ascii_isdigit(v[18]))
        sec = atoi(v + 17);
    if (h > 23 || mi > 59 || sec > 59 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, y))
        return FALSE;
    int offset;
    GTimeZone *zone = chron_isodate_parse_offset(ev->zone, &offset) ? g_time_zone_new_offset(offset)
                      : is_set(tz)                                  ? g_time_zone_new_identifier(tz)
                                                                    : g_time_zone_new_utc();
    if (!zone)
        return FALSE;
    GDateTime *local = g_date_time_new(zone, y, mo, d, h, mi, sec);
    g_time_zone_unref(zone);
    if (!local)
        return FALSE;
    GDateTime *utc = g_date_time_to_utc(local);
    g_date_time_unref(local);
    if (!utc)
        return FALSE;
    /* The end (a minute later) must still be a year libical writes. */
    GDateTime *after = g_date_time_add_seconds(utc, 60);
    gboolean in_range = after && g_date_time_get_year(after) <= MAX_YEAR;
    if (after)
        g_date_time_unref(after);
    if (!in_range) {
        g_date_time_unref(utc);
        return FALSE;
    }
    *out = icaltime_from_timet_with_zone((time_t)g_date_time_to_unix(utc), 0,
                                         icaltimezone_get_utc_timezone());
    /* Like a DATE, the event spans what its value names: the minute, or the second. */
    gboolean seconds = v[16] == ':';
    *end = icaltime_from_timet_with_zone((time_t)g_date_time_to_unix(utc) + (seconds ? 1 : 60), 0,
                                         icaltimezone_get_utc_timezone());
    g_date_time_unref(utc);
    return TRUE;
}

/* What the previous feed said about one UID. */
typedef struct {
    int sequence;
    struct icaltimetype last_modified; /* null when it had none */
    char *hash;                        /* X-CHRONICLE-HASH, NULL when it had none */
} prior;

static void prior_free(gpointer p)
{
    prior *pr = p;

    g_free(pr->hash);
    g_free(pr);
}

static gboolean date_in_range(const GDate *d)
{
    return g_date_valid(d) && g_date_get_year(d) <= MAX_YEAR;
}

static const char *x_value(icalcomponent *comp, const char *name);

/* SHA-256 of the VEVENT's text before DTSTAMP, SEQUENCE and LAST-MODIFIED are added: what a
 * subscriber sees of the event, so the hash changes exactly when the content does. */
static char *content_hash(icalcomponent *vevent)
{
    char *text = icalcomponent_as_ical_string_r(vevent);
    char *hash;

    if (!text)
        return NULL;
    hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    icalmemory_free_buffer(text);
    return hash;
}

/* Builds the VEVENT of events[index]. Returns NULL and sets error on failure. */
static icalcomponent *build_event(const chron_event *ev, guint index, const char *uid,
                                  struct icaltimetype dtstamp, const chron_feed_options *opt,
                                  GHashTable *priors, GError **error)
{
    icalcomponent *vevent = NULL;
    const char *summary = event_summary(ev);
    char *description = NULL;
    char *hash = NULL;
    struct icaltimetype timed, timed_end;
    gboolean is_timed = timed_start(ev, opt ? opt->tz : NULL, &timed, &timed_end);

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
    if (!add_text(vevent, icalproperty_new_uid, uid, FALSE))
        goto ical_fail;
    if (is_timed) {
        if (!add(vevent, icalproperty_new_dtstart(timed)) ||
            !add(vevent, icalproperty_new_dtend(timed_end)))
            goto ical_fail;
    } else if (
        /* DATE values differ from DTSTART's default type, so libical writes VALUE=DATE. */
        !add(vevent, icalproperty_new_dtstart(ical_date(&ev->start))) ||
        !add(vevent, icalproperty_new_dtend(ical_date(&ev->end)))) {
        goto ical_fail;
    }
    if (!add_text(vevent, icalproperty_new_summary, summary, FALSE) ||
        !add_text(vevent, icalproperty_new_description, description, TRUE) ||
        /* Past news never blocks anyone's free/busy time. */
        !add(vevent, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT)))
        goto ical_fail;
    if (is_set(ev->type) && strcmp(ev->type, "other") != 0 &&
        !add_text(vevent, icalproperty_new_categories, ev->type, FALSE))
        goto ical_fail;
    if (event_url(ev) && !add_text(vevent, icalproperty_new_url, event_url(ev), FALSE))
        goto ical_fail;
    /* What chronicle knows beyond the calendar span, for chron_feed_parse() and curious users. */
    if (ev->value && !add_x(vevent, "X-CHRONICLE-TIMEX", ev->value))
        goto ical_fail;
    if (!add_x(vevent, "X-CHRONICLE-GRANULARITY", chron_granularity_name(ev->granularity)))
        goto ical_fail;
    if (ev->mod && !add_x(vevent, "X-CHRONICLE-MOD", ev->mod))
        goto ical_fail;
    if (is_timed && ev->zone && !add_x(vevent, "X-CHRONICLE-ZONE", ev->zone))
        goto ical_fail;
    if (ev->doc && !add_x(vevent, "X-CHRONICLE-SOURCE", ev->doc))
        goto ical_fail;
    if (ev->sources && ev->sources->len > 1) {
        char *count = g_strdup_printf("%u", chron_event_source_count(ev));
        gboolean ok = add_x(vevent, "X-CHRONICLE-COUNT", count);

        g_free(count);
        if (!ok)
            goto ical_fail;
    }
    if (ev->actors && ev->actors[0]) {
        char *actors = g_strjoinv("; ", ev->actors);
        gboolean ok = add_x(vevent, "X-CHRONICLE-ACTORS", actors);

        g_free(actors);
        if (!ok)
            goto ical_fail;
    }
    if (ev->conflicts && ev->conflicts[0]) {
        char *conflicts = g_strjoinv("; ", ev->conflicts);
        gboolean ok = add_x(vevent, "X-CHRONICLE-CONFLICTS", conflicts);

        g_free(conflicts);
        if (!ok)
            goto ical_fail;
    }

    /* SEQUENCE and LAST-MODIFIED move only when the content does. */
    hash = content_hash(vevent);
    if (!hash)
        goto ical_fail;
    const prior *pr = priors ? g_hash_table_lookup(priors, uid) : NULL;
    int sequence = 0;
    struct icaltimetype last_modified = dtstamp;
    if (pr && pr->hash && strcmp(pr->hash, hash) == 0) {
        sequence = pr->sequence;
        if (!icaltime_is_null_time(pr->last_modified))
            last_modified = pr->last_modified;
    } else if (pr) {
        sequence = pr->sequence + 1;
    }
    if (!add(vevent, icalproperty_new_dtstamp(dtstamp)) ||
        !add(vevent, icalproperty_new_sequence(sequence)) ||
        !add(vevent, icalproperty_new_lastmodified(last_modified)) ||
        !add_x(vevent, "X-CHRONICLE-HASH", hash))
        goto ical_fail;
    g_free(hash);
    g_free(description);
    return vevent;

ical_fail:
    g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "feed: event %u (%s): libical: %s", index,
                uid, icalerror_strerror(icalerrno));
fail:
    g_free(hash);
    g_free(description);
    if (vevent)
        icalcomponent_free(vevent);
    return NULL;
}

/* UID -> prior of every VEVENT of the previous feed (NULL when there is none or it does not
 * parse: then every event counts as new). */
static GHashTable *read_priors(const chron_feed_options *opt)
{
    if (!opt || !opt->previous || opt->previous_len == 0 ||
        memchr(opt->previous, '\0', opt->previous_len))
        return NULL;
    char *text = g_strndup(opt->previous, opt->previous_len);
    icalcomponent *root = icalparser_parse_string(text);
    g_free(text);
    if (!root)
        return NULL;
    GHashTable *priors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, prior_free);
    icalcomponent *cal = icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT
                             ? root
                             : icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    for (icalcomponent *c = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)
                                : NULL;
         c; c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(c);
        if (!is_set(uid))
            continue;
        prior *pr = g_new0(prior, 1);
        pr->sequence = MAX(icalcomponent_get_sequence(c), 0);
        icalproperty *lm = icalcomponent_get_first_property(c, ICAL_LASTMODIFIED_PROPERTY);
        pr->last_modified = lm ? icalproperty_get_lastmodified(lm) : icaltime_null_time();
        const char *h = x_value(c, "X-CHRONICLE-HASH");
        pr->hash = is_set(h) ? g_strdup(h) : NULL;
        g_hash_table_replace(priors, g_strdup(uid), pr);
    }
    icalcomponent_free(root);
    icalerror_clear_errno(); /* a sloppy previous feed is not this feed's error */
    return priors;
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
        !add_text(cal, icalproperty_new_name, name, FALSE) || !add_x(cal, "X-WR-CALNAME", name))
        goto fail;
    if (description && (!add_text(cal, icalproperty_new_description, description, TRUE) ||
                        !add_x(cal, "X-WR-CALDESC", description)))
        goto fail;
    if (!add(cal, new_refresh_interval()) || !add_x(cal, "X-PUBLISHED-TTL", REFRESH))
        goto fail;
    if (opt && is_set(opt->color) &&
        (!add_text(cal, icalproperty_new_color, opt->color, FALSE) ||
         !add_x(cal, "X-APPLE-CALENDAR-COLOR", opt->color)))
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
    GHashTable *priors = NULL;
    GDateTime *check = NULL;
    struct icaltimetype dtstamp;
    char *ical = NULL;
    char *result = NULL;
    gint64 stamp = opt ? opt->dtstamp : 0;
    guint n;

    g_return_val_if_fail(events != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    /* icaltime_from_timet_with_zone() has no failure value; GDateTime checks the range
     * (years 1 to 9999), and libical writes no year after MAX_YEAR. */
    check = g_date_time_new_from_unix_utc(stamp);
    if (check && g_date_time_get_year(check) > MAX_YEAR) {
        g_date_time_unref(check);
        check = NULL;
    }
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

    priors = read_priors(opt);
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
        vevent = build_event(ev, i, uid, dtstamp, opt, priors, error);
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
    if (priors)
        g_hash_table_destroy(priors);
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
    /* A time of day chronicle wrote in UTC is on the day its value names, in its own zone. */
    s = x_value(vevent, "X-CHRONICLE-ZONE");
    int offset;
    if (is_set(s) && chron_isodate_parse_offset(s, &offset))
        ev->zone = g_strdup(s);
    GDate local;
    if (!icalcomponent_get_dtstart(vevent).is_date && strlen(ev->value) > 10 &&
        ev->value[10] == 'T' && chron_isodate_parse(ev->value, 10, &local) &&
        ABS(g_date_days_between(&start, &local)) <= 1) {
        ev->start = local;
        ev->end = local;
        g_date_add_days(&ev->end, 1);
    }
    s = x_value(vevent, "X-CHRONICLE-GRANULARITY");
    ev->granularity = s ? granularity_from_name(s) : CHRON_GRAN_DAY;
    s = x_value(vevent, "X-CHRONICLE-MOD");
    if (is_set(s)) {
        ev->mod = g_utf8_make_valid(s, -1);
        ev->approximate = strcmp(ev->mod, "APPROX") == 0;
    }

    /* CATEGORIES: the first is the event type; X-CHRONICLE-ACTORS as chronicle wrote them. */
    icalproperty *cat = icalcomponent_get_first_property(vevent, ICAL_CATEGORIES_PROPERTY);
    s = cat ? icalproperty_get_categories(cat) : NULL;
    ev->type = is_set(s) ? g_utf8_make_valid(s, -1) : g_strdup("other");
    s = x_value(vevent, "X-CHRONICLE-ACTORS");
    ev->actors = is_set(s) ? g_strsplit(s, "; ", -1) : g_new0(char *, 1);
    for (char **a = ev->actors; *a; a++) {
        char *v = g_utf8_make_valid(g_strstrip(*a), -1);
        g_free(*a);
        *a = v;
    }
    /* The calendar is the source: its file, its name, the event's URL and description. */
    chron_source *src = g_new0(chron_source, 1);
    src->doc = g_strdup(name);
    src->title = g_strdup(calname);
    src->publisher = g_strdup("");
    s = icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY)
            ? icalproperty_get_url(icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY))
            : NULL;
    src->url = is_set(s) ? g_utf8_make_valid(s, -1) : g_strdup("");
    src->sentence = g_strdup(ev->summary);
    src->timex = g_strdup("");
    src->value = g_strdup(ev->value);
    ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    g_ptr_array_add(ev->sources, src);

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

/* Appends the X-LIC-ERROR messages of comp and its subcomponents to out. */
static void collect_errors(icalcomponent *comp, GString *out)
{
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
        const char *msg = icalproperty_get_xlicerror(p);

        g_string_append_printf(out, "%s%s: %s", out->len ? "; " : "",
                               icalcomponent_kind_to_string(icalcomponent_isa(comp)),
                               msg ? msg : "?");
    }
    for (icalcomponent *c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
        collect_errors(c, out);
}

gboolean chron_feed_validate(const char *name, const char *data, gsize len, GError **error)
{
    char *text;
    icalcomponent *root;
    GString *problems;
    gboolean ok;

    if (!name)
        name = "(feed)";
    if (memchr(data, '\0', len)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "%s: NUL byte in the feed", name);
        return FALSE;
    }
    text = g_strndup(data, len);
    root = icalparser_parse_string(text);
    g_free(text);
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "%s: not one VCALENDAR", name);
        if (root)
            icalcomponent_free(root);
        return FALSE;
    }
    problems = g_string_new(NULL);
    collect_errors(root, problems); /* parse errors first */
    if (problems->len == 0 && !icalrestriction_check(root))
        collect_errors(root, problems); /* the check adds X-LIC-ERROR properties */
    if (problems->len == 0 && !icalrestriction_check(root))
        g_string_append(problems, "libical's restriction check failed");
    ok = problems->len == 0;
    if (!ok)
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "%s: %s", name, problems->str);
    g_string_free(problems, TRUE);
    icalcomponent_free(root);
    icalerror_clear_errno();
    return ok;
}

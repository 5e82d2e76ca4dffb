/* cmd_serve.c - chronicle serve: the live feed and charts of a corpus over HTTP.
 *
 * Design. Everything a client can fetch is built ahead, in memory, into one immutable snapshot:
 * the feed, the charts (SVG, PNG) and the events as JSON Lines, each with its gzip variant, its
 * entity tags (from a SHA-256 of the body) and its Last-Modified. Requests run on the HTTP
 * server's threads (httpd.c); each takes a reference to the current snapshot under a mutex,
 * answers from it and drops the reference, so it sees one complete build from start to end.
 *
 * The GLib main loop of the main thread watches the corpus (GFileMonitor, inotify on Linux).
 * A change starts a 300 ms timer, restarted by every further change; when it fires, a rebuild is
 * queued on a one-thread pool, so builds never overlap and a burst of changes costs one or two
 * builds. The rebuild reloads the corpus, makes the events, the feed and the charts, and
 * publishes the new snapshot by swapping one pointer under the mutex; the old one is freed when
 * its last request is done with it. A rebuild that fails, or that meets read errors the served
 * build did not have (a file that cannot be read), is not published: the previous snapshot stays
 * and the reason goes to stderr.
 *
 * The page at / names the host the client asked for (its subscribe link must), so it is made
 * per request from the snapshot; it is small.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "chart.h"
#include "cli.h"
#include "feed.h"
#include "httpd.h"
#include "jsonl.h"

#define DEBOUNCE_MS 300

enum { DOC_ICS, DOC_SVG, DOC_PNG, DOC_JSONL, DOC_COUNT };

static const struct {
    const char *path;
    const char *type;
    gboolean compress; /* PNG is compressed already */
} routes[DOC_COUNT] = {
    [DOC_ICS] = {"/timeline.ics", "text/calendar; charset=utf-8", TRUE},
    [DOC_SVG] = {"/timeline.svg", "image/svg+xml", TRUE},
    [DOC_PNG] = {"/timeline.png", "image/png", FALSE},
    [DOC_JSONL] = {"/timeline.jsonl", "application/x-ndjson", TRUE},
};

/* Every answer says no-cache: a cache may keep the body but must ask again (a 304 without a
 * body when nothing changed), so a change in the corpus shows at once. How often calendar apps
 * poll is the feed's own REFRESH-INTERVAL. */
#define CACHE_CONTROL "no-cache"

/* One document: the body as served, its gzip variant and their validators. */
typedef struct body {
    GBytes *plain;
    GBytes *gzip;    /* NULL when not compressed (PNG, or no gain) */
    char *etag;      /* strong, quoted: "<first 32 hex digits of the body's SHA-256>" */
    char *etag_gzip; /* the same with -gz before the closing quote */
    gint64 modified; /* Last-Modified, seconds since the epoch */
} body;

/* One complete build. Immutable once published; freed with its last reference. */
typedef struct snapshot {
    gatomicrefcount ref;
    gint64 built;   /* when the build was published, seconds since the epoch */
    guint events;   /* events in the feed */
    guint articles; /* documents read */
    char **errors;  /* the corpus's read errors, NULL-terminated */
    char *listing;  /* the page's table of events, HTML */
    body doc[DOC_COUNT];
} snapshot;

typedef struct server {
    /* Set before the first build, read-only afterwards. */
    char **inputs; /* the CORPUS arguments */
    int ninputs;
    cli_inputs opt; /* only its option strings: each build copies them into its own inputs */
    cli_select sel; /* its filter is used by one build at a time */
    char *name;
    char *description;
    char *color;
    char *tz;
    char *previous; /* --previous: the feed to continue from in the first build, or NULL */
    gsize previous_len;
    int width;
    char *tmpdir;    /* private folder for the charts (chron_chart_render writes files) */
    char *authority; /* HOST:PORT we listen on, for the page when the request has no Host */

    GMutex lock;       /* guards current */
    snapshot *current; /* the published snapshot; replaced only by the build thread */

    GThreadPool *pool; /* one thread: the rebuilds */
    gint queued;       /* atomic: a rebuild is queued and has not started yet */
    guint debounce;    /* main loop: the pending timer, 0 when none */
    GPtrArray *monitors;
    GMainLoop *loop;
} server;

static void body_clear(body *b)
{
    g_clear_pointer(&b->plain, g_bytes_unref);
    g_clear_pointer(&b->gzip, g_bytes_unref);
    g_clear_pointer(&b->etag, g_free);
    g_clear_pointer(&b->etag_gzip, g_free);
}

static void snapshot_free(snapshot *snap)
{
    for (int d = 0; d < DOC_COUNT; d++)
        body_clear(&snap->doc[d]);
    g_strfreev(snap->errors);
    g_free(snap->listing);
    g_free(snap);
}

/* The current snapshot with a reference the caller drops with snapshot_release(). */
static snapshot *snapshot_acquire(server *s)
{
    g_mutex_lock(&s->lock);
    snapshot *snap = s->current;
    if (snap)
        g_atomic_ref_count_inc(&snap->ref);
    g_mutex_unlock(&s->lock);
    return snap;
}

static void snapshot_release(snapshot *snap)
{
    if (snap && g_atomic_ref_count_dec(&snap->ref))
        snapshot_free(snap);
}

/* Makes next the current snapshot (taking the caller's reference). */
static void publish(server *s, snapshot *next)
{
    g_mutex_lock(&s->lock);
    snapshot *old = s->current;
    s->current = next;
    g_mutex_unlock(&s->lock);
    snapshot_release(old);
}

/* gzip (GIO's zlib converter, best compression: it runs once per build). NULL on failure. */
static GBytes *gzip_bytes(GBytes *in, int level)
{
    GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, level);
    GInputStream *src = g_memory_input_stream_new_from_bytes(in);
    GInputStream *conv = g_converter_input_stream_new(src, G_CONVERTER(z));
    GOutputStream *out = g_memory_output_stream_new_resizable();
    GBytes *res = NULL;
    if (g_output_stream_splice(
            out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
            NULL, NULL) >= 0)
        res = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out));
    g_object_unref(out);
    g_object_unref(conv);
    g_object_unref(src);
    g_object_unref(z);
    return res;
}

/* Fills b from plain (taking it): validators and, when compress, the gzip variant. */
static void body_init(body *b, GBytes *plain, gboolean compress, int level)
{
    b->plain = plain;
    char *hash = g_compute_checksum_for_bytes(G_CHECKSUM_SHA256, plain);
    b->etag = g_strdup_printf("\"%.32s\"", hash);
    b->etag_gzip = g_strdup_printf("\"%.32s-gz\"", hash);
    g_free(hash);
    if (compress) {
        b->gzip = gzip_bytes(plain, level);
        if (b->gzip && g_bytes_get_size(b->gzip) >= g_bytes_get_size(plain))
            g_clear_pointer(&b->gzip, g_bytes_unref);
    }
}

/* ---- building a snapshot ------------------------------------------------------------------ */

/* Draws a chart into the private folder and reads it back. NULL after printing why. */
static GBytes *render_chart(server *s, const chron_event_list *events, const char *ext)
{
    char *path = g_strdup_printf("%s/timeline.%s", s->tmpdir, ext);
    chron_chart_options opt = {.width = s->width, .title = s->name};
    GError *err = NULL;
    char *data = NULL;
    gsize len = 0;
    if (!chron_chart_render(events, &opt, path, &err) ||
        !g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "chronicle serve: %s chart: %s\n", ext, err->message);
        g_error_free(err);
    }
    g_unlink(path);
    g_free(path);
    return data ? g_bytes_new_take(data, len) : NULL;
}

static GBytes *events_jsonl(const chron_event_list *events)
{
    GString *buf = g_string_new(NULL);
    chron_jsonl_events_append(buf, events);
    return g_string_free_to_bytes(buf);
}

static void append_escaped(GString *out, const char *text)
{
    char *esc = g_markup_escape_text(text ? text : "", -1);
    g_string_append(out, esc);
    g_free(esc);
}

/* The page's table: date, summary and the articles that report each event (linked when the
 * manifest gives an http(s) URL). Every text is escaped. */
static char *events_listing(const chron_event_list *events)
{
    GString *out = g_string_new("<table>\n<thead><tr><th>Date</th><th>Event</th>"
                                "<th>Reported by</th></tr></thead>\n<tbody>\n");
    for (guint i = 0; i < chron_event_list_count(events); i++) {
        const chron_event *ev = chron_event_list_get(events, i);
        g_string_append(out, "<tr><td>");
        append_escaped(out, ev->value);
        g_string_append(out, "</td><td>");
        append_escaped(out, ev->summary);
        g_string_append(out, "</td><td>");
        GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
        guint n = 0;
        for (guint j = 0; ev->sources && j < ev->sources->len; j++) {
            const chron_source *src = g_ptr_array_index(ev->sources, j);
            if (!g_hash_table_add(seen, src->doc))
                continue;
            const char *title = src->title && *src->title ? src->title : src->doc;
            gboolean link = src->url && (g_str_has_prefix(src->url, "https://") ||
                                         g_str_has_prefix(src->url, "http://"));
            if (n++)
                g_string_append(out, "<br>");
            if (link) {
                g_string_append(out, "<a href=\"");
                append_escaped(out, src->url);
                g_string_append(out, "\">");
            }
            append_escaped(out, title);
            if (link)
                g_string_append(out, "</a>");
        }
        g_hash_table_destroy(seen);
        g_string_append(out, "</td></tr>\n");
    }
    g_string_append(out, "</tbody>\n</table>\n");
    return g_string_free(out, FALSE);
}

static gint64 now_seconds(void)
{
    return g_get_real_time() / G_USEC_PER_SEC;
}

/* Builds a snapshot of the corpus as it is now. prev (nullable) is the snapshot being served:
 * a build with read errors prev did not have is refused, a document that comes out the same
 * keeps prev's Last-Modified, and a changed one gets a later second than prev's (waiting for
 * the clock to tick when needed), so If-Modified-Since never mistakes one version for another.
 * Returns NULL after printing why. */
static snapshot *build(server *s, const snapshot *prev)
{
    gint64 t0 = g_get_monotonic_time();
    cli_inputs in = {
        .dct = g_strdup(s->opt.dct),
        .lang = g_strdup(s->opt.lang),
        .doctype = g_strdup(s->opt.doctype),
        .date_order = g_strdup(s->opt.date_order),
        .max_input_size = g_strdup(s->opt.max_input_size),
        .max_events = g_strdup(s->opt.max_events),
    };
    snapshot *snap = NULL;
    chron_event_list *events = NULL;
    GBytes *bytes[DOC_COUNT] = {NULL};
    GError *err = NULL;
    int rc = cli_inputs_load(&in, s->inputs, s->ninputs);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    const char *const *errors = chron_corpus_errors(in.corpus);
    for (const char *const *e = errors; prev && *e; e++)
        if (!g_strv_contains((const char *const *)prev->errors, *e)) {
            fprintf(stderr, "chronicle serve: new read errors (above): not published\n");
            goto out;
        }
    if (!(events = cli_select_events(&s->sel, &in, "serve")))
        goto out;
    /* The feed being served is the previous one: an event keeps its SEQUENCE and LAST-MODIFIED
     * until its content changes. */
    chron_feed_options fopt = {.name = s->name,
                               .description = s->description,
                               .dtstamp = cli_now(),
                               .previous = s->previous,
                               .previous_len = s->previous_len,
                               .color = s->color,
                               .tz = s->tz};
    if (prev) {
        gsize len;
        fopt.previous = g_bytes_get_data(prev->doc[DOC_ICS].plain, &len);
        fopt.previous_len = len;
    }
    char *ics = chron_feed_to_string(events, &fopt, &err);
    if (!ics) {
        fprintf(stderr, "chronicle serve: feed: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    bytes[DOC_ICS] = g_bytes_new_take(ics, strlen(ics));
    bytes[DOC_JSONL] = events_jsonl(events);
    if (!(bytes[DOC_SVG] = render_chart(s, events, "svg")) ||
        !(bytes[DOC_PNG] = render_chart(s, events, "png")))
        goto out;

    snap = g_new0(snapshot, 1);
    g_atomic_ref_count_init(&snap->ref);
    snap->events = chron_event_list_count(events);
    snap->articles = chron_corpus_count(in.corpus);
    snap->errors = g_strdupv((char **)errors);
    snap->listing = events_listing(events);
    gboolean changed = FALSE;
    for (int d = 0; d < DOC_COUNT; d++) {
        body_init(&snap->doc[d], bytes[d], routes[d].compress, 9);
        bytes[d] = NULL;
        changed |= !prev || strcmp(prev->doc[d].etag, snap->doc[d].etag) != 0;
    }
    gint64 now = now_seconds();
    if (prev && changed && now <= prev->built) {
        g_usleep((prev->built + 1) * G_USEC_PER_SEC - g_get_real_time());
        now = now_seconds();
    }
    snap->built = now;
    for (int d = 0; d < DOC_COUNT; d++)
        snap->doc[d].modified =
            prev && strcmp(prev->doc[d].etag, snap->doc[d].etag) == 0 ? prev->doc[d].modified : now;
    fprintf(stderr, "chronicle serve: built %u events from %u articles in %.0f ms\n", snap->events,
            snap->articles, (g_get_monotonic_time() - t0) / 1000.0);
out:
    for (int d = 0; d < DOC_COUNT; d++)
        if (bytes[d])
            g_bytes_unref(bytes[d]);
    chron_event_list_free(events);
    cli_inputs_finish(&in);
    return snap;
}

/* The build thread's task. */
static void rebuild(gpointer task, gpointer data)
{
    server *s = data;
    g_atomic_int_set(&s->queued, 0);
    snapshot *prev = snapshot_acquire(s);
    snapshot *next = build(s, prev);
    if (next)
        publish(s, next);
    else
        fprintf(stderr, "chronicle serve: still serving the previous build\n");
    snapshot_release(prev);
}

/* ---- watching the corpus (main loop) ------------------------------------------------------ */

static gboolean on_quiet(gpointer data)
{
    server *s = data;
    s->debounce = 0;
    /* One queued rebuild is enough: it reads the corpus as it is when it starts. */
    if (g_atomic_int_compare_and_exchange(&s->queued, 0, 1))
        g_thread_pool_push(s->pool, s, NULL);
    return G_SOURCE_REMOVE;
}

static void on_change(GFileMonitor *mon, GFile *file, GFile *other, GFileMonitorEvent ev,
                      gpointer data)
{
    server *s = data;
    if (ev == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || ev == G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
        return;
    if (s->debounce)
        g_source_remove(s->debounce);
    s->debounce = g_timeout_add(DEBOUNCE_MS, on_quiet, s);
}

static gboolean watch(server *s, const char *path)
{
    GError *err = NULL;
    GFile *f = g_file_new_for_commandline_arg(path);
    GFileMonitorFlags flags = G_FILE_MONITOR_WATCH_MOVES;
    GFileMonitor *mon =
        g_file_query_file_type(f, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY
            ? g_file_monitor_directory(f, flags, NULL, &err)
            : g_file_monitor_file(f, flags, NULL, &err);
    g_object_unref(f);
    if (!mon) {
        fprintf(stderr, "chronicle serve: cannot watch %s: %s\n", path, err->message);
        g_error_free(err);
        return FALSE;
    }
    g_file_monitor_set_rate_limit(mon, 100);
    g_signal_connect(mon, "changed", G_CALLBACK(on_change), s);
    g_ptr_array_add(s->monitors, mon);
    return TRUE;
}

/* ---- answering requests (the HTTP server's threads) --------------------------------------- */

static const char *const day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), whatever the locale. */
static void http_date(gint64 t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    g_snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", day_names[tm.tm_wday], tm.tm_mday,
               month_names[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Reads the three HTTP-date forms (RFC 9110 5.6.7): IMF-fixdate, RFC 850, asctime. */
static gboolean parse_http_date(const char *s, gint64 *out)
{
    char mon[4] = "";
    int d, y, h, mi, sec, used = 0;
    if (!((sscanf(s, "%*3s, %2d %3s %4d %2d:%2d:%2d GMT%n", &d, mon, &y, &h, &mi, &sec, &used) ==
               6 &&
           used) ||
          (sscanf(s, "%*[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d GMT%n", &d, mon, &y, &h, &mi, &sec,
                  &used) == 6 &&
           used) ||
          sscanf(s, "%*3s %3s %d %2d:%2d:%2d %4d", mon, &d, &h, &mi, &sec, &y) == 6))
        return FALSE;
    int m = 0;
    while (m < 12 && strcmp(mon, month_names[m]) != 0)
        m++;
    if (m == 12)
        return FALSE;
    if (y < 100) /* RFC 850's two-digit year: the nearest century that is not the future */
        y += y >= 70 ? 1900 : 2000;
    GDateTime *dt = g_date_time_new_utc(y, m + 1, d, h, mi, sec);
    if (!dt)
        return FALSE;
    *out = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return TRUE;
}

/* Whether the If-None-Match list names etag (weak comparison, as RFC 9110 13.1.2 asks). */
static gboolean etag_listed(const char *list, const char *etag)
{
    size_t n = strlen(etag);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return TRUE;
        if (g_str_has_prefix(p, "W/"))
            p += 2;
        if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
            return TRUE;
        while (*p && *p != ',')
            p++;
    }
    return FALSE;
}

/* Whether Accept-Encoding allows gzip (named, or *, with a q-value above 0). */
static gboolean accepts_gzip(const char *ae)
{
    if (!ae)
        return FALSE;
    int named = -1, star = -1;
    char **items = g_strsplit(ae, ",", -1);
    for (char **it = items; *it; it++) {
        char **parts = g_strsplit(*it, ";", -1);
        const char *coding = g_strstrip(parts[0]);
        double q = 1;
        for (char **p = parts + 1; *p; p++) {
            const char *param = g_strstrip(*p);
            if (g_ascii_strncasecmp(param, "q=", 2) == 0)
                q = g_ascii_strtod(param + 2, NULL);
        }
        if (g_ascii_strcasecmp(coding, "gzip") == 0 || g_ascii_strcasecmp(coding, "x-gzip") == 0)
            named = q > 0;
        else if (strcmp(coding, "*") == 0)
            star = q > 0;
        g_strfreev(parts);
    }
    g_strfreev(items);
    return named >= 0 ? named : star > 0;
}

static void answer_text(cli_httpd_response *resp, guint status, const char *text)
{
    GBytes *b = g_bytes_new_static(text, strlen(text));
    cli_httpd_response_set_body(resp, status, b);
    g_bytes_unref(b);
    cli_httpd_response_add_header(resp, "Content-Type", "text/plain; charset=utf-8");
    cli_httpd_response_add_header(resp, "X-Content-Type-Options", "nosniff");
}

/* Answers with b: 304 when the client's copy is current, else 200; the gzip variant when the
 * client takes it.
 *
 * libmicrohttpd (0.9.75) writes a Content-Length on every 304. It says 0 here, the length of
 * what a 304 carries, not the length of the 200 it stands for: RFC 9110 8.6 would rather have the
 * latter or none, but parsers that read a body whenever Content-Length is above 0 (http_parser
 * 2.x, in wrk and older Node.js) would then wait for a body that never comes, and RFC 9111 3.2
 * tells caches not to take Content-Length from a 304. */
static void answer_body(const cli_httpd_request *req, cli_httpd_response *resp, const body *b,
                        const char *type)
{
    gboolean gz = b->gzip && accepts_gzip(cli_httpd_request_header(req, "Accept-Encoding"));
    const char *inm = cli_httpd_request_header(req, "If-None-Match");
    const char *ims = cli_httpd_request_header(req, "If-Modified-Since");
    gboolean fresh = FALSE;
    gint64 since;
    if (inm) {
        /* Either variant's tag proves the client holds the current content: confirm that one. */
        if (etag_listed(inm, gz ? b->etag_gzip : b->etag))
            fresh = TRUE;
        else if (b->gzip && etag_listed(inm, gz ? b->etag : b->etag_gzip)) {
            fresh = TRUE;
            gz = !gz;
        }
    } else if (ims && parse_http_date(ims, &since)) {
        fresh = b->modified <= since;
    }
    char lm[32];
    http_date(b->modified, lm);
    cli_httpd_response_set_body(resp, fresh ? 304 : 200, fresh ? NULL : gz ? b->gzip : b->plain);
    cli_httpd_response_add_header(resp, "ETag", gz ? b->etag_gzip : b->etag);
    cli_httpd_response_add_header(resp, "Last-Modified", lm);
    cli_httpd_response_add_header(resp, "Cache-Control", CACHE_CONTROL);
    if (b->gzip)
        cli_httpd_response_add_header(resp, "Vary", "Accept-Encoding");
    if (fresh)
        return;
    cli_httpd_response_add_header(resp, "Content-Type", type);
    if (gz)
        cli_httpd_response_add_header(resp, "Content-Encoding", "gzip");
    cli_httpd_response_add_header(resp, "X-Content-Type-Options", "nosniff");
    if (g_str_has_prefix(type, "text/html") || g_str_has_prefix(type, "image/svg"))
        cli_httpd_response_add_header(resp, "Content-Security-Policy",
                                      "default-src 'none'; img-src 'self'; "
                                      "style-src 'unsafe-inline'");
}

/* A Host header fit to be written into links: a name or address and a port, nothing else. */
static gboolean host_ok(const char *host)
{
    size_t n = host ? strlen(host) : 0;
    if (n == 0 || n > 255)
        return FALSE;
    for (const char *p = host; *p; p++)
        if (!g_ascii_isalnum(*p) && !strchr(".-_:[]", *p))
            return FALSE;
    return TRUE;
}

/* The page: title, subscribe links for the host the client used, counts, chart, events. */
static GBytes *page(server *s, const snapshot *snap, const char *host)
{
    if (!host_ok(host))
        host = s->authority;
    const char *name = s->name ? s->name : "chronicle";
    char built[32];
    GDateTime *dt = g_date_time_new_from_unix_utc(snap->built);
    g_snprintf(built, sizeof built, "%04d-%02d-%02d %02d:%02d:%02d UTC", g_date_time_get_year(dt),
               g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
               g_date_time_get_hour(dt), g_date_time_get_minute(dt), g_date_time_get_second(dt));
    g_date_time_unref(dt);
    GString *out = g_string_new("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                "<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width\">\n"
                                "<title>");
    append_escaped(out, name);
    g_string_append(out, "</title>\n<style>body{font-family:sans-serif;margin:1em 2em}"
                         "img{max-width:100%;height:auto}table{border-collapse:collapse}"
                         "td,th{text-align:left;vertical-align:top;padding:.2em .6em;"
                         "border-bottom:1px solid #ddd}</style>\n</head>\n<body>\n<h1>");
    append_escaped(out, name);
    g_string_append(out, "</h1>\n<p><a href=\"webcal://");
    append_escaped(out, host);
    g_string_append(out, "/timeline.ics\">Subscribe in your calendar app</a> (webcal://");
    append_escaped(out, host);
    g_string_append(out, "/timeline.ics), or add the URL <a href=\"http://");
    append_escaped(out, host);
    g_string_append(out, "/timeline.ics\">http://");
    append_escaped(out, host);
    g_string_append_printf(out,
                           "/timeline.ics</a> as a calendar from the web.</p>\n"
                           "<p>%u events from %u articles; last rebuilt %s. Also as "
                           "<a href=\"timeline.png\">PNG</a>, <a href=\"timeline.svg\">SVG</a> "
                           "and <a href=\"timeline.jsonl\">JSON Lines</a>.</p>\n"
                           "<p><img src=\"timeline.svg\" alt=\"Timeline chart of %u "
                           "events\"></p>\n",
                           snap->events, snap->articles, built, snap->events);
    g_string_append(out, snap->listing);
    g_string_append(out, "</body>\n</html>\n");
    return g_string_free_to_bytes(out);
}

static void handle(const cli_httpd_request *req, cli_httpd_response *resp, gpointer data)
{
    server *s = data;
    snapshot *snap = snapshot_acquire(s);
    if (strcmp(req->path, "/") == 0) {
        body b = {0};
        body_init(&b, page(s, snap, cli_httpd_request_header(req, "Host")), TRUE, 6);
        b.modified = snap->built;
        answer_body(req, resp, &b, "text/html; charset=utf-8");
        body_clear(&b);
    } else {
        int d = 0;
        while (d < DOC_COUNT && strcmp(req->path, routes[d].path) != 0)
            d++;
        if (d < DOC_COUNT)
            answer_body(req, resp, &snap->doc[d], routes[d].type);
        else
            answer_text(resp, 404,
                        "404 not found: this server has /, /timeline.ics, /timeline.svg, "
                        "/timeline.png and /timeline.jsonl\n");
    }
    snapshot_release(snap);
}

/* ---- the command -------------------------------------------------------------------------- */

/* HOST:PORT, [IPv6]:PORT; HOST may be a name, resolved now. */
static GInetSocketAddress *parse_listen(const char *spec, GError **error)
{
    char *host = NULL;
    const char *colon = NULL;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (close && close[1] == ':') {
            host = g_strndup(spec + 1, close - spec - 1);
            colon = close + 1;
        }
    } else if ((colon = strrchr(spec, ':')) && memchr(spec, ':', colon - spec) == NULL) {
        host = g_strndup(spec, colon - spec);
    }
    char *end = NULL;
    guint64 port = colon ? g_ascii_strtoull(colon + 1, &end, 10) : 0;
    if (!host || !*host || !end || end == colon + 1 || *end || port > 65535) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                    "--listen: '%s' is not HOST:PORT (e.g. 127.0.0.1:8080, [::1]:0)", spec);
        g_free(host);
        return NULL;
    }
    GInetAddress *addr = g_inet_address_new_from_string(host);
    if (!addr) {
        GResolver *resolver = g_resolver_get_default();
        GList *all = g_resolver_lookup_by_name(resolver, host, NULL, error);
        for (GList *l = all; l && !addr; l = l->next)
            if (g_inet_address_get_family(l->data) == G_SOCKET_FAMILY_IPV4)
                addr = g_object_ref(l->data);
        if (!addr && all)
            addr = g_object_ref(all->data);
        g_resolver_free_addresses(all);
        g_object_unref(resolver);
    }
    if (!addr && error && !*error)
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "--listen: no address for %s", host);
    g_free(host);
    if (!addr)
        return NULL;
    GSocketAddress *sa = g_inet_socket_address_new(addr, (guint16)port);
    g_object_unref(addr);
    return G_INET_SOCKET_ADDRESS(sa);
}

static gboolean on_signal(gpointer data)
{
    g_main_loop_quit(((server *)data)->loop);
    return G_SOURCE_CONTINUE;
}

int cmd_serve(int argc, char **argv)
{
    server s = {0};
    char *listen = NULL, *previous = NULL;
    GOptionEntry entries[] = {
        {"listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
         "Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one)",
         "HOST:PORT"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &s.name,
         "Calendar name, page and chart title (default: chronicle)", "NAME"},
        {"description", 0, 0, G_OPTION_ARG_STRING, &s.description, "Calendar description", "TEXT"},
        {"color", 0, 0, G_OPTION_ARG_STRING, &s.color, "Calendar COLOR (a CSS colour name)",
         "NAME"},
        {"tz", 0, 0, G_OPTION_ARG_STRING, &s.tz,
         "Time zone of times of day in the articles (e.g. Asia/Tokyo; default UTC)", "ZONE"},
        {"previous", 0, 0, G_OPTION_ARG_FILENAME, &previous,
         "The feed published before, whose SEQUENCE and LAST-MODIFIED the first build continues",
         "FILE"},
        {"width", 0, 0, G_OPTION_ARG_INT, &s.width, "Chart width (default 1600)", "N"},
        {0},
    };
    GOptionContext *ctx = g_option_context_new(
        "CORPUS... - serve the feed and charts of CORPUS over HTTP, rebuilt when it changes");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &s.opt);
    cli_select_add_options(ctx, &s.sel, TRUE);
    int rc = CHRON_EXIT_USAGE;
    GError *err = NULL;
    GInetSocketAddress *addr = NULL;
    cli_httpd *httpd = NULL;
    guint sigint = 0, sigterm = 0;
    g_mutex_init(&s.lock);
    s.monitors = g_ptr_array_new_with_free_func(g_object_unref);

    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (argc < 2) {
        fprintf(stderr, "chronicle serve: no CORPUS given (files or folders to serve)\n");
        goto out;
    }
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-") == 0) {
            fprintf(stderr, "chronicle serve: cannot serve standard input; give files or "
                            "folders\n");
            goto out;
        }
    if (s.width < 0 || s.width > 20000) {
        fprintf(stderr, "chronicle serve: --width out of range (1..20000)\n");
        goto out;
    }
    if (s.tz && strcmp(s.tz, "UTC") != 0) {
        GTimeZone *zone = g_time_zone_new_identifier(s.tz);
        if (!zone) {
            fprintf(stderr, "chronicle serve: --tz: '%s' is not a time zone (e.g. Asia/Tokyo)\n",
                    s.tz);
            goto out;
        }
        g_time_zone_unref(zone);
    }
    if (previous && !g_file_get_contents(previous, &s.previous, &s.previous_len, &err)) {
        fprintf(stderr, "chronicle serve: --previous: %s\n", err->message);
        g_error_free(err);
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    if (!(addr = parse_listen(listen ? listen : "127.0.0.1:8080", &err))) {
        fprintf(stderr, "chronicle serve: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    if ((rc = cli_select_prepare(&s.sel, "serve")) != CHRON_EXIT_OK)
        goto out;
    s.inputs = argv + 1;
    s.ninputs = argc - 1;
    rc = CHRON_EXIT_FAILED;
    if (!(s.tmpdir = g_dir_make_tmp("chronicle-serve-XXXXXX", &err))) {
        fprintf(stderr, "chronicle serve: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    /* Watch first, so that nothing changed during the first build goes unnoticed. */
    for (int i = 0; i < s.ninputs; i++)
        if (!watch(&s, s.inputs[i]))
            goto out;
    snapshot *first = build(&s, NULL);
    if (!first)
        goto out;
    publish(&s, first);

    cli_httpd_options hopt = {.address = addr};
    if (!(httpd = cli_httpd_start(&hopt, handle, &s, &err))) {
        fprintf(stderr, "chronicle serve: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    GInetAddress *ia = g_inet_socket_address_get_address(addr);
    char *ip = g_inet_address_to_string(ia);
    gboolean v6 = g_inet_address_get_family(ia) == G_SOCKET_FAMILY_IPV6;
    s.authority = g_strdup_printf(v6 ? "[%s]:%u" : "%s:%u", ip, cli_httpd_port(httpd));
    if (!g_inet_address_get_is_loopback(ia))
        fprintf(stderr,
                "chronicle serve: warning: %s is not a loopback address: anyone who can reach "
                "it can read the feed\n",
                ip);
    g_free(ip);

    s.pool = g_thread_pool_new(rebuild, &s, 1, FALSE, NULL);
    s.loop = g_main_loop_new(NULL, FALSE);
    sigint = g_unix_signal_add(SIGINT, on_signal, &s);
    sigterm = g_unix_signal_add(SIGTERM, on_signal, &s);
    fprintf(stderr, "chronicle serve: listening on http://%s/\n", s.authority);
    g_main_loop_run(s.loop);
    fprintf(stderr, "chronicle serve: shutting down\n");
    rc = CHRON_EXIT_OK;

out:
    /* Stop answering first, then the watchers and the build thread (letting a running build
     * finish), then free what they used. */
    cli_httpd_stop(httpd);
    if (s.debounce)
        g_source_remove(s.debounce);
    if (sigint)
        g_source_remove(sigint);
    if (sigterm)
        g_source_remove(sigterm);
    g_ptr_array_unref(s.monitors);
    if (s.pool)
        g_thread_pool_free(s.pool, TRUE, TRUE);
    if (s.loop)
        g_main_loop_unref(s.loop);
    snapshot_release(s.current);
    g_mutex_clear(&s.lock);
    if (s.tmpdir)
        g_rmdir(s.tmpdir);
    g_free(s.tmpdir);
    g_free(s.authority);
    if (addr)
        g_object_unref(addr);
    g_free(listen);
    g_free(previous);
    g_free(s.previous);
    g_free(s.name);
    g_free(s.description);
    g_free(s.color);
    g_free(s.tz);
    cli_select_finish(&s.sel);
    cli_inputs_finish(&s.opt);
    g_option_context_free(ctx);
    return rc;
}

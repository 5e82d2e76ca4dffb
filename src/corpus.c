/* corpus.c - inputs, manifests and publication dates. */
#include "corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "error.h"
#include "feed.h"
#include "header.h"
#include "jsonl.h"
#include "merge.h"
#include "timeml.h"

typedef struct entry {
    char *title, *source, *url;
    GDate dct;
    chron_dct_source status; /* MANIFEST (read), INFERRED or NONE (unknown) */
    gboolean has_doctype;
    chron_doctype doctype;
} entry;

struct chron_corpus {
    const chron_tagger *tagger;
    GDate dct; /* override; invalid when none */
    GPtrArray *docs;
    GHashTable *manifest;         /* canonical path -> entry */
    GPtrArray *errors, *warnings; /* NULL-terminated string arrays */
    chron_event_list *imported;   /* events of the calendars (.ics) read */
    guint calendars;
    chron_corpus_sink sink; /* when set, documents go there instead of into docs */
    gpointer sink_data;
    guint streamed;
    int doctype; /* chron_doctype for every document, or -1 */
    chron_corpus_limits limits;
};

static void entry_free(entry *e)
{
    g_free(e->title);
    g_free(e->source);
    g_free(e->url);
    g_free(e);
}

static void push_msg(GPtrArray *a, char *msg)
{
    /* Keep the array NULL-terminated: replace the terminator, then add a new one. */
    a->pdata[a->len - 1] = msg;
    g_ptr_array_add(a, NULL);
}

chron_corpus *chron_corpus_new(const chron_tagger *tagger, const GDate *dct)
{
    chron_corpus *c = g_new0(chron_corpus, 1);
    c->tagger = tagger;
    g_date_clear(&c->dct, 1);
    if (dct && g_date_valid(dct))
        c->dct = *dct;
    c->docs = g_ptr_array_new_with_free_func((GDestroyNotify)chron_doc_free);
    c->manifest =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)entry_free);
    c->errors = g_ptr_array_new_with_free_func(g_free);
    c->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(c->errors, NULL);
    g_ptr_array_add(c->warnings, NULL);
    c->imported = chron_event_list_new();
    c->doctype = -1;
    c->limits.max_input_size = CHRON_DEFAULT_MAX_INPUT_SIZE;
    c->limits.max_events = CHRON_DEFAULT_MAX_EVENTS;
    return c;
}

void chron_corpus_set_limits(chron_corpus *c, const chron_corpus_limits *limits)
{
    c->limits = *limits;
}

/* TRUE when n more events would pass the limit. */
static gboolean too_many(const chron_corpus *c, guint have, guint n)
{
    return c->limits.max_events && (guint64)have + n > c->limits.max_events;
}

void chron_corpus_set_sink(chron_corpus *c, chron_corpus_sink sink, gpointer user_data)
{
    c->sink = sink;
    c->sink_data = user_data;
}

void chron_corpus_set_doctype(chron_corpus *c, int doctype)
{
    c->doctype = doctype;
    for (guint i = 0; doctype >= 0 && i < c->docs->len; i++)
        chron_doc_set_doctype(g_ptr_array_index(c->docs, i), (chron_doctype)doctype);
}

void chron_corpus_free(chron_corpus *c)
{
    if (!c)
        return;
    g_ptr_array_free(c->docs, TRUE);
    g_hash_table_destroy(c->manifest);
    g_ptr_array_free(c->errors, TRUE);
    g_ptr_array_free(c->warnings, TRUE);
    chron_event_list_free(c->imported);
    g_free(c);
}

static char *canonical(const char *path)
{
    return g_canonicalize_filename(path, NULL);
}

static gboolean parse_iso_date(const char *s, GDate *out)
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy(d, m, y))
        return FALSE;
    g_date_set_dmy(out, d, m, y);
    return TRUE;
}

gboolean chron_corpus_read_manifest(chron_corpus *c, const char *path, GError **error)
{
    char *data;
    gsize len;
    if (!chron_doc_read_file(path, c->limits.max_input_size, &data, &len, error))
        return FALSE;
    if (memchr(data, '\0', len)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: byte %zu: NUL byte in a manifest",
                    path, (size_t)((char *)memchr(data, '\0', len) - data));
        g_free(data);
        return FALSE;
    }
    char *dir = g_path_get_dirname(path);
    gchar **lines = g_strsplit(data, "\n", -1);
    gboolean ok = TRUE, header = TRUE;
    for (int n = 0; lines[n] && ok; n++) {
        char *line = lines[n];
        g_strchomp(line);
        if (!*line || line[0] == '#')
            continue;
        gchar **f = g_strsplit(line, "\t", -1);
        guint nf = g_strv_length(f);
        if (header) {
            header = FALSE;
            if (g_strcmp0(f[0], "file") == 0) {
                g_strfreev(f);
                continue;
            }
        }
        entry *e = g_new0(entry, 1);
        g_date_clear(&e->dct, 1);
        e->title = g_strdup(nf > 1 ? f[1] : "");
        e->source = g_strdup(nf > 2 ? f[2] : "");
        e->url = g_strdup(nf > 6 ? f[6] : "");
        const char *dct = nf > 3 ? f[3] : "", *status = nf > 4 ? f[4] : "";
        if (*dct && !parse_iso_date(dct, &e->dct)) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "%s:%d: date \"%s\" is not YYYY-MM-DD", path, n + 1, dct);
            ok = FALSE;
        } else if (!*dct || strcmp(status, "unknown") == 0) {
            e->status = CHRON_DCT_NONE;
        } else if (strcmp(status, "inferred") == 0) {
            e->status = CHRON_DCT_INFERRED;
        } else if (!*status || strcmp(status, "read") == 0) {
            e->status = CHRON_DCT_MANIFEST;
        } else {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "%s:%d: dct_status \"%s\" is not read, inferred or unknown", path, n + 1,
                        status);
            ok = FALSE;
        }
        if (ok && nf > 5 && *f[5]) {
            e->has_doctype = TRUE;
            if (strcmp(f[5], "narrative") == 0)
                e->doctype = CHRON_DOCTYPE_NARRATIVE;
            else if (strcmp(f[5], "news") != 0) {
                g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                            "%s:%d: doctype \"%s\" is not news or narrative", path, n + 1, f[5]);
                ok = FALSE;
            }
        }
        if (ok && !*f[0]) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s:%d: empty file name", path,
                        n + 1);
            ok = FALSE;
        }
        if (ok) {
            char *full = g_build_filename(dir, f[0], NULL);
            g_hash_table_replace(c->manifest, canonical(full), e);
            g_free(full);
        } else {
            entry_free(e);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(dir);
    g_free(data);
    return ok;
}

/* A sidecar file beside the article, NAME.dct for NAME.txt, holding its date (YYYY-MM-DD or
 * YYYYMMDD on the first line), as TempEval tools write them. */
static gboolean sidecar_dct(const char *path, GDate *out)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return FALSE;
    char *stem = g_strndup(path, dot - path);
    char *side = g_strconcat(stem, ".dct", NULL);
    g_free(stem);
    char *data = NULL;
    gsize len = 0;
    gboolean ok = g_file_test(side, G_FILE_TEST_IS_REGULAR) &&
                  chron_doc_read_file(side, 4096, &data, &len, NULL);
    g_free(side);
    if (!ok)
        return FALSE;
    g_strstrip(data);
    /* YYYY-MM-DD as in a manifest, or the compact YYYYMMDD of TimeML */
    ok = parse_iso_date(data, out);
    if (!ok && strlen(data) == 8) {
        char iso[11];
        g_snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", data, data + 4, data + 6);
        ok = parse_iso_date(iso, out);
    }
    g_free(data);
    return ok;
}

/* Gives doc (read from path, NULL for standard input) its manifest entry's title, source, URL,
 * document type and date, or a sidecar's date; the override's date; or failing all, a
 * dateline's. */
static void describe(chron_corpus *c, chron_doc *doc, const char *path)
{
    char *key = path ? canonical(path) : NULL;
    entry *e = key ? g_hash_table_lookup(c->manifest, key) : NULL;
    /* When streaming, an entry is used once and let go: memory stays flat over an archive. */
    entry *used = NULL;
    gpointer stored_key = NULL;
    if (e && c->sink && g_hash_table_steal_extended(c->manifest, key, &stored_key, NULL)) {
        used = e;
        g_free(stored_key);
    }
    g_free(key);
    /* A TimeML document brings its own creation time. */
    gboolean dated = chron_doc_dct(doc, NULL) != CHRON_DCT_NONE;
    GDate side;
    g_date_clear(&side, 1);
    if (e) {
        if (*e->title)
            chron_doc_set_title(doc, e->title);
        chron_doc_set_source(doc, e->source);
        chron_doc_set_url(doc, e->url);
        if (e->has_doctype)
            chron_doc_set_doctype(doc, e->doctype);
        chron_doc_set_dct(doc, &e->dct, e->status);
        dated = TRUE; /* the manifest has spoken, even when it says "unknown" */
    }
    if (used)
        entry_free(used);
    if (!dated && path && sidecar_dct(path, &side)) {
        chron_doc_set_dct(doc, &side, CHRON_DCT_MANIFEST);
        dated = TRUE;
    }
    if (g_date_valid(&c->dct)) {
        chron_doc_set_dct(doc, &c->dct, CHRON_DCT_OPTION);
    } else if (!dated) {
        GDate d;
        g_date_clear(&d, 1);
        if (chron_header_find_dct(doc, c->tagger, &d))
            chron_doc_set_dct(doc, &d, CHRON_DCT_HEADER);
    }
    if (c->doctype >= 0)
        chron_doc_set_doctype(doc, (chron_doctype)c->doctype);
}

/* Describes a freshly loaded document and keeps it, or hands it to the sink. */
static void settle(chron_corpus *c, chron_doc *doc, const char *path)
{
    describe(c, doc, path);
    for (const char *const *w = chron_doc_warnings(doc); *w; w++)
        push_msg(c->warnings, g_strdup(*w));
    if (c->sink) {
        c->streamed++;
        c->sink(doc, c->sink_data);
        return;
    }
    g_ptr_array_add(c->docs, doc);
}

/* TRUE when data is an iCalendar file (after an optional UTF-8 byte order mark). */
static gboolean is_calendar(const char *data, gsize len)
{
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        len -= 3;
    }
    return len >= 15 && g_ascii_strncasecmp(data, "BEGIN:VCALENDAR", 15) == 0;
}

/* The events of a calendar become events of the corpus, each its own source. */
static gboolean add_calendar(chron_corpus *c, const char *name, const char *data, gsize len)
{
    GError *err = NULL;
    chron_event_list *l = chron_feed_parse(name, data, len, &err);
    if (!l) {
        push_msg(c->errors, g_strdup(err->message));
        g_error_free(err);
        return FALSE;
    }
    if (too_many(c, chron_event_list_count(c->imported), chron_event_list_count(l))) {
        push_msg(c->errors, g_strdup_printf("%s: %u events, more than the %u the maximum allows "
                                            "(--max-events); not read",
                                            name, chron_event_list_count(l), c->limits.max_events));
        chron_event_list_free(l);
        return FALSE;
    }
    c->calendars++;
    chron_event_list_concat(c->imported, l);
    return TRUE;
}

/* TRUE when data looks like JSON Lines (its first non-blank byte opens an object). */
static gboolean is_jsonl(const char *data, gsize len)
{
    gsize i = 0;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len && g_ascii_isspace(data[i]))
        i++;
    return i < len && data[i] == '{';
}

/* The events of a JSON Lines file (as `chronicle events` writes them) become events of the
 * corpus. A bad line is reported with its number and skipped; the others still count. */
static gboolean add_jsonl(chron_corpus *c, const char *name, const char *data, gsize len)
{
    guint lineno = 0, good = 0, bad = 0;
    for (const char *p = data, *end = data + len; p < end;) {
        const char *nl = memchr(p, '\n', (gsize)(end - p));
        const char *stop = nl ? nl : end;
        lineno++;
        const char *q = p;
        while (q < stop && g_ascii_isspace(*q))
            q++;
        if (q < stop && too_many(c, chron_event_list_count(c->imported), 1)) {
            push_msg(c->errors, g_strdup_printf("%s:%u: more than %u events (--max-events); the "
                                                "rest of the file is not read",
                                                name, lineno, c->limits.max_events));
            bad++;
            break;
        }
        if (q < stop) {
            char *where = g_strdup_printf("%s:%u", name, lineno);
            GError *err = NULL;
            chron_event *ev = chron_jsonl_parse_event(where, q, stop - q, &err);
            if (ev) {
                chron_event_list_append(c->imported, ev);
                good++;
            } else {
                push_msg(c->errors, g_strdup(err->message));
                g_error_free(err);
                bad++;
            }
            g_free(where);
        }
        p = nl ? nl + 1 : end;
    }
    if (good || !bad)
        c->calendars++;
    return good > 0 || bad == 0;
}

void chron_corpus_add_data(chron_corpus *c, const char *name, const char *data, gsize len)
{
    GError *err = NULL;
    if (c->limits.max_input_size && len > c->limits.max_input_size) {
        push_msg(c->errors, g_strdup_printf("%s: more than the maximum input size of "
                                            "%" G_GUINT64_FORMAT " bytes (--max-input-size)",
                                            name, c->limits.max_input_size));
        return;
    }
    if (is_calendar(data, len)) {
        add_calendar(c, name, data, len);
        return;
    }
    if (is_jsonl(data, len)) {
        add_jsonl(c, name, data, len);
        return;
    }
    if (!chron_doc_check_text(name, data, len, &err)) {
        push_msg(c->errors, g_strdup(err->message));
        g_error_free(err);
        return;
    }
    settle(c, chron_doc_new(name, data, len), NULL);
}

/* Reads a .ics file into the corpus; 1 when it could be read. */
static guint add_calendar_file(chron_corpus *c, const char *path)
{
    char *data;
    gsize len;
    GError *err = NULL;
    if (!chron_doc_read_file(path, c->limits.max_input_size, &data, &len, &err)) {
        push_msg(c->errors, g_strdup(err->message));
        g_error_free(err);
        return 0;
    }
    gboolean ok = g_str_has_suffix(path, ".jsonl") ? add_jsonl(c, path, data, len)
                                                   : add_calendar(c, path, data, len);
    g_free(data);
    return ok;
}

guint chron_corpus_calendar_count(const chron_corpus *c)
{
    return c->calendars;
}

/* A plain-text article, or the TEXT of a TimeML file with its CREATION_TIME as the DCT. */
static chron_doc *load(const chron_corpus *c, const char *path, GError **error)
{
    if (!g_str_has_suffix(path, ".tml"))
        return chron_doc_load_max(path, c->limits.max_input_size, error);
    char *data;
    gsize len;
    if (!chron_doc_read_file(path, c->limits.max_input_size, &data, &len, error))
        return NULL;
    chron_timeml *t = chron_timeml_parse(path, data, len, error);
    g_free(data);
    if (!t)
        return NULL;
    chron_doc *doc = chron_doc_new(path, t->text, t->len);
    if (g_date_valid(&t->dct))
        chron_doc_set_dct(doc, &t->dct, CHRON_DCT_MANIFEST);
    chron_timeml_free(t);
    return doc;
}

static gint cmp_strptr(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Why path, found in a folder, is not read. */
static const char *not_regular(const char *path)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0)
        return errno == ELOOP    ? "symbolic link loop, not followed"
               : errno == ENOENT ? "dangling symbolic link"
                                 : g_strerror(errno);
    if (S_ISDIR(st.st_mode))
        return "a folder, not a file (not read)";
    if (S_ISFIFO(st.st_mode))
        return "a FIFO, not a regular file (not read from a folder)";
    return "not a regular file (not read from a folder)";
}

static guint add_folder(chron_corpus *c, const char *path)
{
    GError *err = NULL;
    GDir *d = g_dir_open(path, 0, &err);
    if (!d) {
        push_msg(c->errors, g_strdup_printf("%s: %s", path, err->message));
        g_error_free(err);
        return 0;
    }
    char *manifest = g_build_filename(path, "index.tsv", NULL);
    if (g_file_test(manifest, G_FILE_TEST_EXISTS) &&
        !chron_corpus_read_manifest(c, manifest, &err)) {
        push_msg(c->errors, g_strdup(err->message));
        g_clear_error(&err);
    }
    g_free(manifest);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *subdirs = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d))) {
        if (g_str_has_suffix(n, ".txt") || g_str_has_suffix(n, ".tml") ||
            g_str_has_suffix(n, ".ics") || g_str_has_suffix(n, ".jsonl")) {
            g_ptr_array_add(names, g_strdup(n));
        } else if (n[0] != '.') {
            /* Subfolders (an archive by year or month) are read too; symbolic links to folders
             * are not followed, so a link loop cannot make the walk endless. */
            char *full = g_build_filename(path, n, NULL);
            if (g_file_test(full, G_FILE_TEST_IS_DIR) && !g_file_test(full, G_FILE_TEST_IS_SYMLINK))
                g_ptr_array_add(subdirs, full);
            else
                g_free(full);
        }
    }
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_strptr);
    g_ptr_array_sort(subdirs, cmp_strptr);
    guint added = 0;
    for (guint i = 0; i < names->len; i++) {
        char *full = g_build_filename(path, g_ptr_array_index(names, i), NULL);
        /* Only regular files: a symlink loop or a FIFO named *.txt is reported, not followed. */
        if (!g_file_test(full, G_FILE_TEST_IS_REGULAR)) {
            push_msg(c->errors, g_strdup_printf("%s: %s", full, not_regular(full)));
        } else if (g_str_has_suffix(full, ".ics") || g_str_has_suffix(full, ".jsonl")) {
            added += add_calendar_file(c, full);
        } else {
            chron_doc *doc = load(c, full, &err);
            if (doc) {
                settle(c, doc, full);
                added++;
            } else {
                push_msg(c->errors, g_strdup(err->message));
                g_clear_error(&err);
            }
        }
        g_free(full);
    }
    g_ptr_array_free(names, TRUE);
    for (guint i = 0; i < subdirs->len; i++)
        added += add_folder(c, g_ptr_array_index(subdirs, i));
    g_ptr_array_free(subdirs, TRUE);
    return added;
}

/* A file named directly still finds its folder's manifest, unless one read already lists it. */
static void find_manifest(chron_corpus *c, const char *path)
{
    GError *err = NULL;
    char *dir = g_path_get_dirname(path);
    char *manifest = g_build_filename(dir, "index.tsv", NULL);
    char *key = canonical(path);
    if (!g_hash_table_contains(c->manifest, key) && g_file_test(manifest, G_FILE_TEST_EXISTS) &&
        !chron_corpus_read_manifest(c, manifest, &err)) {
        push_msg(c->errors, g_strdup(err->message));
        g_clear_error(&err);
    }
    g_free(key);
    g_free(manifest);
    g_free(dir);
}

guint chron_corpus_add(chron_corpus *c, const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return add_folder(c, path);
    if (g_str_has_suffix(path, ".ics") || g_str_has_suffix(path, ".jsonl"))
        return add_calendar_file(c, path);
    GError *err = NULL;
    chron_doc *doc = load(c, path, &err);
    if (!doc) {
        push_msg(c->errors, g_strdup(err->message));
        g_error_free(err);
        return 0;
    }
    find_manifest(c, path);
    settle(c, doc, path);
    return 1;
}

void chron_corpus_describe(chron_corpus *c, chron_doc *doc, const char *path)
{
    find_manifest(c, path);
    describe(c, doc, path);
}

guint chron_corpus_count(const chron_corpus *c)
{
    return c->docs->len + c->streamed;
}

const chron_doc *chron_corpus_get(const chron_corpus *c, guint i)
{
    return i < c->docs->len ? g_ptr_array_index(c->docs, i) : NULL;
}

const char *const *chron_corpus_errors(const chron_corpus *c)
{
    return (const char *const *)c->errors->pdata;
}

const char *const *chron_corpus_warnings(const chron_corpus *c)
{
    return (const char *const *)c->warnings->pdata;
}

chron_event_list *chron_corpus_doc_events(const chron_corpus *c, const chron_doc *doc,
                                          const chron_extractor *x, chron_extract_flags flags)
{
    GDate dct;
    g_date_clear(&dct, 1);
    gboolean has = chron_doc_dct(doc, &dct) != CHRON_DCT_NONE;
    chron_timex_list *l =
        chron_tagger_tag(c->tagger, chron_doc_text(doc), chron_doc_length(doc), has ? &dct : NULL,
                         chron_doc_doctype(doc) == CHRON_DOCTYPE_NARRATIVE);
    chron_event_list *events = chron_events_extract(x, doc, l, flags);
    chron_timex_list_free(l);
    chron_event_list_sort(events);
    chron_event_list_dedupe(events);
    return events;
}

chron_event_list *chron_corpus_events(const chron_corpus *c, chron_extract_flags flags,
                                      GError **error)
{
    chron_merger *merger = NULL;
    chron_extractor *x = chron_extractor_new(error);
    if (!x)
        return NULL;
    if (!(flags & CHRON_EXTRACT_NO_MERGE) && !(merger = chron_merger_new(error))) {
        chron_extractor_free(x);
        return NULL;
    }
    chron_event_list *all = chron_event_list_new();
    guint imported = chron_event_list_count(c->imported);
    for (guint i = 0; i < c->docs->len; i++) {
        const chron_doc *doc = g_ptr_array_index(c->docs, i);
        chron_event_list *l = chron_corpus_doc_events(c, doc, x, flags);
        if (too_many(c, chron_event_list_count(all) + imported, chron_event_list_count(l))) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_LIMIT,
                        "%s: more than %u events in all by this article (--max-events); stopped",
                        chron_doc_name(doc), c->limits.max_events);
            chron_event_list_free(l);
            chron_event_list_free(all);
            chron_merger_free(merger);
            chron_extractor_free(x);
            return NULL;
        }
        chron_event_list_concat(all, l);
    }
    for (guint i = 0; i < chron_event_list_count(c->imported); i++)
        chron_event_list_append(all, chron_event_copy(chron_event_list_get(c->imported, i)));
    chron_event_list_sort(all);
    chron_event_list_dedupe(all);
    if (merger)
        chron_merger_run(merger, all);
    chron_merger_free(merger);
    chron_extractor_free(x);
    return all;
}

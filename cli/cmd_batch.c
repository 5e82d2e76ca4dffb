/* cmd_batch.c - chronicle batch: every output a manifest lists, rendered in parallel.
 *
 * The manifest is a GLib key file: one group per output, and an optional [defaults] group whose
 * keys every output inherits. Paths are relative to the manifest's folder (to the current one
 * for a manifest read from standard input, "-").
 *
 *   [defaults]
 *   inputs = corpus
 *   width = 1600
 *
 *   [agreements]
 *   output = out/agreements.svg
 *   type = agreement
 *   lanes = actor
 *   title = Agreements
 *
 * Keys: output (required; the format comes from its extension: .png, .svg, .pdf, .ics, .jsonl,
 * or from format), inputs (';'-separated files or folders), from, to, match, type, actor, all,
 * no-merge, dct, lanes, theme, width, height, scale, title, subtitle, name (calendar name).
 * An unknown key is an error, so a typo never silently renders the wrong chart.
 *
 * Each output is made by its own job on a GThreadPool (-j, default: the number of cores) with its
 * own tagger and corpus; a failing output is reported with its group name and the others still
 * finish. The exit status is 0 when every output was written, 1 when some failed, 2 for a bad
 * manifest or option, 3 when none could be written.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "cli.h"
#include "feed.h"
#include "jsonl.h"

typedef enum { OUT_CHART, OUT_ICS, OUT_JSONL } out_kind;

typedef struct {
    char *group;
    char *output;
    out_kind kind;
    char **inputs;
    char *from, *to, *match, *dct, *title, *subtitle, *name;
    char **types, **actors;
    gboolean all, no_merge;
    chron_chart_options chart;
    /* results, written by the job */
    gboolean ok;
    char *error;
    guint events;
    gint64 usec;
} job;

typedef struct {
    GMutex lock;
    guint done, failed, total;
    gboolean progress; /* a progress bar on standard error (a terminal) */
} batch_state;

/* libical keeps some state in globals: one feed at a time. */
static GMutex feed_lock;

static batch_state state;

static const char *const known_keys[] = {
    "output", "format", "inputs",   "from",     "to",    "match", "type",
    "actor",  "all",    "no-merge", "dct",      "lanes", "theme", "width",
    "height", "scale",  "title",    "subtitle", "name",  NULL,
};

static void job_free(job *j)
{
    g_free(j->group);
    g_free(j->output);
    g_strfreev(j->inputs);
    g_free(j->from);
    g_free(j->to);
    g_free(j->match);
    g_free(j->dct);
    g_free(j->title);
    g_free(j->subtitle);
    g_free(j->name);
    g_strfreev(j->types);
    g_strfreev(j->actors);
    g_free(j->error);
    g_free(j);
}

/* The value of key in group, else in [defaults], else NULL. */
static char *lookup(GKeyFile *kf, const char *group, const char *key)
{
    char *v = g_key_file_get_string(kf, group, key, NULL);
    if (!v && g_key_file_has_group(kf, "defaults"))
        v = g_key_file_get_string(kf, "defaults", key, NULL);
    if (v)
        g_strstrip(v);
    return v;
}

static char **lookup_list(GKeyFile *kf, const char *group, const char *key)
{
    char *v = lookup(kf, group, key);
    if (!v)
        return NULL;
    char **parts = g_strsplit(v, ";", -1);
    GPtrArray *out = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        char *s = g_strstrip(*p);
        if (*s)
            g_ptr_array_add(out, g_strdup(s));
    }
    g_strfreev(parts);
    g_free(v);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* A path from the manifest, relative to its folder. */
static char *resolve_path(const char *base, const char *p)
{
    if (g_path_is_absolute(p) || strcmp(p, "-") == 0)
        return g_strdup(p);
    return g_build_filename(base, p, NULL);
}

static gboolean get_bool_key(GKeyFile *kf, const char *group, const char *key, gboolean *out,
                             GString *err)
{
    char *v = lookup(kf, group, key);
    if (!v)
        return TRUE;
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
        *out = TRUE;
    else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
        *out = FALSE;
    else
        g_string_append_printf(err, "[%s] %s: '%s' is not true or false; ", group, key, v);
    g_free(v);
    return TRUE;
}

static void get_number(GKeyFile *kf, const char *group, const char *key, double lo, double hi,
                       double *out, GString *err)
{
    char *v = lookup(kf, group, key);
    if (!v)
        return;
    char *end;
    double d = g_ascii_strtod(v, &end);
    if (*v == '\0' || *end != '\0' || d < lo || d > hi)
        g_string_append_printf(err, "[%s] %s: '%s' is not a number from %g to %g; ", group, key, v,
                               lo, hi);
    else
        *out = d;
    g_free(v);
}

/* Reads one group into a job; problems are appended to err. */
static job *read_job(GKeyFile *kf, const char *group, const char *base, GString *err)
{
    job *j = g_new0(job, 1);
    j->group = g_strdup(group);
    gsize nkeys = 0;
    char **keys = g_key_file_get_keys(kf, group, &nkeys, NULL);
    for (gsize i = 0; i < nkeys; i++)
        if (!g_strv_contains(known_keys, keys[i]))
            g_string_append_printf(err, "[%s] unknown key '%s'; ", group, keys[i]);
    g_strfreev(keys);

    char *output = lookup(kf, group, "output");
    if (!output || !*output) {
        g_string_append_printf(err, "[%s] no output; ", group);
        g_free(output);
        return j;
    }
    j->output = resolve_path(base, output);
    g_free(output);
    char *format = lookup(kf, group, "format");
    const char *ext = format ? format : strrchr(j->output, '.') ? strrchr(j->output, '.') + 1 : "";
    chron_chart_format cf;
    char *probe = g_strconcat("x.", ext, NULL);
    if (g_ascii_strcasecmp(ext, "ics") == 0)
        j->kind = OUT_ICS;
    else if (g_ascii_strcasecmp(ext, "jsonl") == 0)
        j->kind = OUT_JSONL;
    else if (chron_chart_format_from_path(probe, &cf))
        j->kind = OUT_CHART;
    else
        g_string_append_printf(err, "[%s] %s: unknown format '%s' (png, svg, pdf, ics, jsonl); ",
                               group, j->output, ext);
    g_free(probe);
    if (format && j->kind == OUT_CHART && !g_str_has_suffix(j->output, ext))
        g_string_append_printf(err, "[%s] format %s does not match the output's extension; ", group,
                               format);
    g_free(format);

    char **inputs = lookup_list(kf, group, "inputs");
    if (!inputs || !inputs[0])
        g_string_append_printf(err, "[%s] no inputs; ", group);
    GPtrArray *in = g_ptr_array_new();
    for (char **p = inputs; p && *p; p++)
        g_ptr_array_add(in, resolve_path(base, *p));
    g_ptr_array_add(in, NULL);
    j->inputs = (char **)g_ptr_array_free(in, FALSE);
    g_strfreev(inputs);

    j->from = lookup(kf, group, "from");
    j->to = lookup(kf, group, "to");
    j->match = lookup(kf, group, "match");
    j->dct = lookup(kf, group, "dct");
    j->title = lookup(kf, group, "title");
    j->subtitle = lookup(kf, group, "subtitle");
    j->name = lookup(kf, group, "name");
    j->types = lookup_list(kf, group, "type");
    j->actors = lookup_list(kf, group, "actor");
    get_bool_key(kf, group, "all", &j->all, err);
    get_bool_key(kf, group, "no-merge", &j->no_merge, err);

    char *lanes = lookup(kf, group, "lanes");
    if (lanes && !chron_chart_lanes_from_string(lanes, &j->chart.lanes))
        g_string_append_printf(err, "[%s] lanes: '%s' is not none, source, type or actor; ", group,
                               lanes);
    g_free(lanes);
    char *theme = lookup(kf, group, "theme");
    if (theme && !chron_chart_theme_from_string(theme, &j->chart.theme))
        g_string_append_printf(err, "[%s] theme: '%s' is not light or dark; ", group, theme);
    g_free(theme);
    double w = 0, h = 0, scale = 1;
    get_number(kf, group, "width", 1, CHRON_CHART_MAX_SIDE, &w, err);
    get_number(kf, group, "height", 1, CHRON_CHART_MAX_SIDE, &h, err);
    get_number(kf, group, "scale", 0.1, 8, &scale, err);
    j->chart.width = (int)w;
    j->chart.height = (int)h;
    j->chart.scale = scale;
    g_date_clear(&j->chart.from, 1);
    g_date_clear(&j->chart.to, 1);
    /* The filter checks from/to/match when the job runs; check them now to fail early. */
    chron_filter *f = chron_filter_new();
    GError *e = NULL;
    if ((j->from && !chron_filter_set_from(f, j->from, &e)) ||
        (j->to && !chron_filter_set_to(f, j->to, &e)) ||
        (j->match && !chron_filter_set_match(f, j->match, &e))) {
        g_string_append_printf(err, "[%s] %s; ", group, e->message);
        g_clear_error(&e);
    }
    chron_filter_free(f);
    GDate d;
    if (j->dct && !cli_parse_date(j->dct, &d))
        g_string_append_printf(err, "[%s] dct: '%s' is not a date; ", group, j->dct);
    return j;
}

/* The chart's axis window: from the start of from's span to the end of to's. */
static void chart_window(job *j)
{
    chron_event *probe = chron_event_new();
    if (j->from && chron_event_span_from_value(probe, j->from))
        j->chart.from = probe->start;
    if (j->to && chron_event_span_from_value(probe, j->to))
        j->chart.to = probe->end;
    chron_event_free(probe);
}

static void report_progress(const job *j)
{
    g_mutex_lock(&state.lock);
    state.done++;
    if (!j->ok)
        state.failed++;
    if (state.progress) {
        const int width = 30;
        int filled = (int)(width * state.done / MAX(state.total, 1));
        fprintf(stderr, "\r[%.*s%*s] %u/%u %-40.40s", filled, "##############################",
                width - filled, "", state.done, state.total, j->group);
        if (state.done == state.total)
            fputc('\n', stderr);
        fflush(stderr);
    }
    g_mutex_unlock(&state.lock);
}

static void run_job(gpointer data, gpointer user_data)
{
    job *j = data;
    (void)user_data;
    gint64 t0 = g_get_monotonic_time();
    GError *err = NULL;
    chron_tagger *tagger = chron_tagger_new("auto", &err);
    GDate dct;
    g_date_clear(&dct, 1);
    if (j->dct)
        cli_parse_date(j->dct, &dct);
    chron_corpus *corpus =
        tagger ? chron_corpus_new(tagger, g_date_valid(&dct) ? &dct : NULL) : NULL;
    chron_filter *filter = chron_filter_new();
    chron_event_list *events = NULL;
    if (!tagger) {
        j->error = g_strdup(err->message);
        goto done;
    }
    for (char **p = j->inputs; p && *p; p++)
        chron_corpus_add(corpus, *p);
    /* Inputs that could not be read fail the output: a chart missing an article is wrong. */
    const char *const *errs = chron_corpus_errors(corpus);
    if (errs[0]) {
        j->error = g_strjoinv("; ", (char **)errs);
        goto done;
    }
    if (chron_corpus_count(corpus) + chron_corpus_calendar_count(corpus) == 0) {
        j->error = g_strdup("no input could be read");
        goto done;
    }
    if (j->from)
        chron_filter_set_from(filter, j->from, NULL);
    if (j->to)
        chron_filter_set_to(filter, j->to, NULL);
    if (j->match)
        chron_filter_set_match(filter, j->match, NULL);
    for (char **t = j->types; t && *t; t++)
        chron_filter_add_types(filter, *t);
    for (char **a = j->actors; a && *a; a++)
        chron_filter_add_actors(filter, *a);
    chron_extract_flags flags =
        (j->all ? CHRON_EXTRACT_ALL : 0) | (j->no_merge ? CHRON_EXTRACT_NO_MERGE : 0);
    chron_event_list *all = chron_corpus_events(corpus, flags, &err);
    if (!all) {
        j->error = g_strdup(err->message);
        goto done;
    }
    events = chron_event_list_new();
    GPtrArray *items = chron_event_list_steal(all);
    for (guint i = 0; i < items->len; i++) {
        if (chron_filter_event(filter, g_ptr_array_index(items, i))) {
            chron_event_list_append(events, g_ptr_array_index(items, i));
            items->pdata[i] = NULL;
        }
    }
    g_ptr_array_unref(items);
    chron_event_list_free(all);
    j->events = chron_event_list_count(events);
    char *dir = g_path_get_dirname(j->output);
    g_mkdir_with_parents(dir, 0777);
    g_free(dir);
    if (j->kind == OUT_CHART) {
        chart_window(j);
        j->chart.title = j->title;
        j->chart.subtitle = j->subtitle;
        j->ok = chron_chart_render(events, &j->chart, j->output, &err);
    } else if (j->kind == OUT_ICS) {
        char *prev = NULL;
        gsize prev_len = 0;
        g_file_get_contents(j->output, &prev, &prev_len, NULL);
        chron_feed_options opt = {.name = j->name ? j->name : j->title,
                                  .dtstamp = cli_now(),
                                  .previous = prev,
                                  .previous_len = prev_len};
        g_mutex_lock(&feed_lock);
        char *text = chron_feed_to_string(events, &opt, &err);
        g_mutex_unlock(&feed_lock);
        j->ok = text && g_file_set_contents(j->output, text, -1, &err);
        g_free(text);
        g_free(prev);
    } else {
        GString *buf = g_string_new(NULL);
        for (guint i = 0; i < chron_event_list_count(events); i++) {
            char *line = chron_jsonl_event(chron_event_list_get(events, i));
            g_string_append(buf, line);
            g_string_append_c(buf, '\n');
            g_free(line);
        }
        j->ok = g_file_set_contents(j->output, buf->str, (gssize)buf->len, &err);
        g_string_free(buf, TRUE);
    }
    if (!j->ok && err)
        j->error = g_strdup(err->message);
done:
    if (err)
        g_error_free(err);
    chron_event_list_free(events);
    chron_filter_free(filter);
    chron_corpus_free(corpus);
    chron_tagger_free(tagger);
    j->usec = g_get_monotonic_time() - t0;
    report_progress(j);
}

static const char *kind_name(const job *j)
{
    if (j->kind == OUT_ICS)
        return "ics";
    if (j->kind == OUT_JSONL)
        return "jsonl";
    return "chart";
}

int cmd_batch(int argc, char **argv)
{
    int jobs = 0;
    gboolean dry_run = FALSE, quiet = FALSE;
    GOptionEntry entries[] = {
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Outputs made at once (default: the cores)", "N"},
        {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "List the work and stop", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress bar or summary", NULL},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("MANIFEST - make every output a manifest lists");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = CHRON_EXIT_USAGE;
    GKeyFile *kf = g_key_file_new();
    GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)job_free);
    GString *problems = g_string_new(NULL);
    char *base = NULL;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (argc != 2) {
        fprintf(stderr, "chronicle batch: give one MANIFEST (a key file; see chronicle(1))\n");
        goto out;
    }
    if (jobs < 0 || jobs > 256) {
        fprintf(stderr, "chronicle batch: -j: %d is not from 1 to 256\n", jobs);
        goto out;
    }
    GError *err = NULL;
    gboolean loaded;
    if (strcmp(argv[1], "-") == 0) { /* a manifest on standard input: paths from here */
        GString *in = g_string_new(NULL);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            g_string_append_len(in, chunk, (gssize)n);
        loaded = g_key_file_load_from_data(kf, in->str, in->len, G_KEY_FILE_NONE, &err);
        g_string_free(in, TRUE);
        base = g_strdup(".");
    } else {
        loaded = g_key_file_load_from_file(kf, argv[1], G_KEY_FILE_NONE, &err);
        base = g_path_get_dirname(argv[1]);
    }
    if (!loaded) {
        fprintf(stderr, "chronicle batch: %s: %s\n", argv[1], err->message);
        g_error_free(err);
        goto out;
    }
    gsize ngroups = 0;
    char **groups = g_key_file_get_groups(kf, &ngroups);
    GHashTable *outputs = g_hash_table_new(g_str_hash, g_str_equal);
    for (gsize i = 0; i < ngroups; i++) {
        if (strcmp(groups[i], "defaults") == 0)
            continue;
        job *j = read_job(kf, groups[i], base, problems);
        if (j->output && g_hash_table_contains(outputs, j->output))
            g_string_append_printf(problems, "[%s] %s is also the output of [%s]; ", groups[i],
                                   j->output, (char *)g_hash_table_lookup(outputs, j->output));
        else if (j->output)
            g_hash_table_insert(outputs, j->output, j->group);
        g_ptr_array_add(list, j);
    }
    g_hash_table_destroy(outputs);
    g_strfreev(groups);
    if (list->len == 0)
        g_string_append(problems, "no output groups; ");
    if (problems->len) {
        g_string_truncate(problems, problems->len - 2);
        fprintf(stderr, "chronicle batch: %s: %s\n", argv[1], problems->str);
        goto out;
    }
    if (dry_run) {
        for (guint i = 0; i < list->len; i++) {
            const job *j = g_ptr_array_index(list, i);
            char *inputs = g_strjoinv(" ", j->inputs);
            printf("%s\t%s\t%s\t%s%s%s%s%s\n", j->group, kind_name(j), j->output, inputs,
                   j->from ? " --from " : "", j->from ? j->from : "", j->to ? " --to " : "",
                   j->to ? j->to : "");
            g_free(inputs);
        }
        rc = CHRON_EXIT_OK;
        goto out;
    }

    g_mutex_init(&state.lock);
    state.total = list->len;
    state.progress = !quiet && isatty(STDERR_FILENO);
    int n = jobs > 0 ? jobs : (int)g_get_num_processors();
    GThreadPool *pool = g_thread_pool_new(run_job, NULL, n, TRUE, NULL);
    gint64 t0 = g_get_monotonic_time();
    for (guint i = 0; i < list->len; i++)
        g_thread_pool_push(pool, g_ptr_array_index(list, i), NULL);
    g_thread_pool_free(pool, FALSE, TRUE); /* waits for every job */
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;

    guint failed = 0;
    for (guint i = 0; i < list->len; i++) {
        const job *j = g_ptr_array_index(list, i);
        if (!j->ok) {
            failed++;
            fprintf(stderr, "chronicle batch: [%s] %s: %s\n", j->group, j->output,
                    j->error ? j->error : "failed");
        }
    }
    if (!quiet) {
        fprintf(stderr, "chronicle batch: %u output%s: %u written, %u failed (%.2f s, %d job%s)\n",
                list->len, list->len == 1 ? "" : "s", list->len - failed, failed, secs, n,
                n == 1 ? "" : "s");
        for (guint i = 0; i < list->len && !state.progress; i++) {
            const job *j = g_ptr_array_index(list, i);
            if (j->ok)
                fprintf(stderr, "  [%s] %s: %u events, %.2f s\n", j->group, j->output, j->events,
                        (double)j->usec / 1e6);
        }
    }
    rc = failed == 0 ? CHRON_EXIT_OK : failed < list->len ? CHRON_EXIT_PARTIAL : CHRON_EXIT_FAILED;
    g_mutex_clear(&state.lock);
out:
    g_free(base);
    g_string_free(problems, TRUE);
    g_ptr_array_unref(list);
    g_key_file_free(kf);
    g_option_context_free(ctx);
    return rc;
}

/* cmd_batch.c - chronicle batch: every output a manifest lists, rendered in parallel.
 *
 * The manifest (a GLib key file, read and checked by src/manifest.c) has one group per output
 * and an optional [defaults] group. Each output is made by its own job on a GThreadPool (-j,
 * default: the number of cores) with its own tagger and corpus; a failing output is reported with
 * its group name and the others still finish. The exit status is 0 when every output was
 * written, 1 when some failed, 2 for a bad manifest or option, 3 when none could be written.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "cli.h"
#include "feed.h"
#include "jsonl.h"
#include "manifest.h"

typedef enum { OUT_CHART, OUT_ICS, OUT_JSONL } out_kind;

typedef struct {
    const chron_manifest_entry *e; /* borrowed from the manifest */
    out_kind kind;
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

static void job_free(job *j)
{
    g_free(j->error);
    g_free(j);
}

/* The job of one manifest entry: its kind and chart options. */
static job *make_job(const chron_manifest_entry *e)
{
    job *j = g_new0(job, 1);
    j->e = e;
    j->kind = strcmp(e->format, "ics") == 0     ? OUT_ICS
              : strcmp(e->format, "jsonl") == 0 ? OUT_JSONL
                                                : OUT_CHART;
    j->chart.width = e->width;
    j->chart.height = e->height;
    j->chart.scale = e->scale;
    if (e->lanes)
        chron_chart_lanes_from_string(e->lanes, &j->chart.lanes);
    if (e->theme)
        chron_chart_theme_from_string(e->theme, &j->chart.theme);
    return j;
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
                width - filled, "", state.done, state.total, j->e->group);
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
    if (j->e->dct)
        cli_parse_date(j->e->dct, &dct);
    chron_corpus *corpus =
        tagger ? chron_corpus_new(tagger, g_date_valid(&dct) ? &dct : NULL) : NULL;
    /* The manifest was checked, so the filter can be made. */
    chron_filter *filter =
        chron_filter_new_full(j->e->from, j->e->to, j->e->match, j->e->types, j->e->actors, NULL);
    chron_event_list *events = NULL;
    if (!tagger) {
        j->error = g_strdup(err->message);
        goto done;
    }
    for (char **p = j->e->inputs; p && *p; p++)
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
    chron_extract_flags flags =
        (j->e->all ? CHRON_EXTRACT_ALL : 0) | (j->e->no_merge ? CHRON_EXTRACT_NO_MERGE : 0);
    chron_event_list *all = chron_corpus_events(corpus, flags, &err);
    if (!all) {
        j->error = g_strdup(err->message);
        goto done;
    }
    chron_filter_list(filter, all);
    events = all;
    j->events = chron_event_list_count(events);
    char *dir = g_path_get_dirname(j->e->output);
    g_mkdir_with_parents(dir, 0777);
    g_free(dir);
    if (j->kind == OUT_CHART) {
        chron_filter_window(filter, &j->chart.from, &j->chart.to);
        j->chart.title = j->e->title;
        j->chart.subtitle = j->e->subtitle;
        j->ok = chron_chart_render(events, &j->chart, j->e->output, &err);
    } else if (j->kind == OUT_ICS) {
        char *prev = NULL;
        gsize prev_len = 0;
        g_file_get_contents(j->e->output, &prev, &prev_len, NULL);
        chron_feed_options opt = {.name = j->e->name ? j->e->name : j->e->title,
                                  .dtstamp = cli_now(),
                                  .previous = prev,
                                  .previous_len = prev_len};
        g_mutex_lock(&feed_lock);
        char *text = chron_feed_to_string(events, &opt, &err);
        g_mutex_unlock(&feed_lock);
        j->ok = text && g_file_set_contents(j->e->output, text, -1, &err);
        g_free(text);
        g_free(prev);
    } else {
        GString *buf = g_string_new(NULL);
        chron_jsonl_events_append(buf, events);
        j->ok = g_file_set_contents(j->e->output, buf->str, (gssize)buf->len, &err);
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
        {0},
    };
    GOptionContext *ctx = g_option_context_new("MANIFEST - make every output a manifest lists");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = CHRON_EXIT_USAGE;
    chron_manifest *manifest = NULL;
    GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)job_free);
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
    char *data = NULL;
    gsize len = 0;
    if (strcmp(argv[1], "-") == 0) { /* a manifest on standard input: paths from here */
        GString *in = g_string_new(NULL);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            g_string_append_len(in, chunk, (gssize)n);
        len = in->len;
        data = g_string_free(in, FALSE);
        base = g_strdup(".");
    } else if (g_file_get_contents(argv[1], &data, &len, &err)) {
        base = g_path_get_dirname(argv[1]);
    } else {
        fprintf(stderr, "chronicle batch: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    manifest = chron_manifest_parse(argv[1], data, len, base, &err);
    g_free(data);
    if (!manifest) {
        fprintf(stderr, "chronicle batch: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    for (guint i = 0; i < chron_manifest_count(manifest); i++)
        g_ptr_array_add(list, make_job(chron_manifest_get(manifest, i)));
    if (dry_run) {
        for (guint i = 0; i < list->len; i++) {
            const job *j = g_ptr_array_index(list, i);
            char *inputs = g_strjoinv(" ", j->e->inputs);
            printf("%s\t%s\t%s\t%s%s%s%s%s\n", j->e->group, kind_name(j), j->e->output, inputs,
                   j->e->from ? " --from " : "", j->e->from ? j->e->from : "",
                   j->e->to ? " --to " : "", j->e->to ? j->e->to : "");
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
            fprintf(stderr, "chronicle batch: [%s] %s: %s\n", j->e->group, j->e->output,
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
                fprintf(stderr, "  [%s] %s: %u events, %.2f s\n", j->e->group, j->e->output,
                        j->events, (double)j->usec / 1e6);
        }
    }
    rc = failed == 0 ? CHRON_EXIT_OK : failed < list->len ? CHRON_EXIT_PARTIAL : CHRON_EXIT_FAILED;
    g_mutex_clear(&state.lock);
out:
    g_free(base);
    g_ptr_array_unref(list);
    chron_manifest_free(manifest);
    g_option_context_free(ctx);
    return rc;
}

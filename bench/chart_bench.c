/* chart_bench.c - how long chron_chart_render() takes as the number of events grows.
 *
 * A benchmark, not a test (issue 6, item 7). It builds N synthetic events through the public
 * API (chron_event_new(), chron_event_list_append()): dates between 1900 and 2030 of every
 * granularity, summaries of 4 to 16 words, 12 articles, some approximate, some open, some
 * reported by several articles, eight event types; then renders each list to PNG and SVG in a
 * temporary folder and prints the wall time of each render (layout and drawing and writing).
 *
 * Usage: chart_bench [N...] (default 1000 10000 100000); CHART_BENCH_LANES=type adds lanes.
 * Exit status 0; 1 when a render fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chart.h"
#include "event.h"

static const char *const words[] = {
    "Japan",       "signed",    "a",        "defense",     "deal",     "with",      "the",
    "Philippines", "agreement", "came",     "into",        "force",    "ministers", "met",
    "in",          "Tokyo",     "to",       "discuss",     "security", "frigates",  "export",
    "exercise",    "NATO",      "alliance", "partnership", "talks",    "summit",    "joint",
};
static const char *const types[] = {"agreement", "meeting",    "exercise", "release",
                                    "statement", "deployment", "protest",  "other"};

static chron_event_list *synthetic(guint n, guint32 seed)
{
    static const struct {
        chron_granularity g;
        int days;
    } grans[] = {{CHRON_GRAN_DAY, 1},    {CHRON_GRAN_DAY, 1},      {CHRON_GRAN_MONTH, 30},
                 {CHRON_GRAN_YEAR, 365}, {CHRON_GRAN_QUARTER, 91}, {CHRON_GRAN_DECADE, 3652},
                 {CHRON_GRAN_WEEK, 7}};
    GRand *r = g_rand_new_with_seed(seed);
    chron_event_list *l = chron_event_list_new();
    for (guint i = 0; i < n; i++) {
        chron_event *ev = chron_event_new();
        int k = g_rand_int_range(r, 0, G_N_ELEMENTS(grans));
        int y = g_rand_int_range(r, 1900, 2031), m = g_rand_int_range(r, 1, 13),
            d = g_rand_int_range(r, 1, 29);
        GString *s = g_string_new(NULL);
        int nw = g_rand_int_range(r, 4, 17);
        for (int w = 0; w < nw; w++) {
            g_string_append_printf(s, "%s%s", w ? " " : "",
                                   words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
        }
        int doc = g_rand_int_range(r, 0, 12);
        ev->doc = g_strdup_printf("corpus/article%02d.txt", doc);
        ev->doc_title = g_strdup_printf("Article %d about security policy", doc);
        ev->doc_source = g_strdup("");
        ev->value = g_strdup_printf("%04d-%02d-%02d", y, m, d);
        ev->summary = g_string_free(s, FALSE);
        ev->timex = g_strdup(ev->value);
        ev->type = g_strdup(types[g_rand_int_range(r, 0, G_N_ELEMENTS(types))]);
        g_date_clear(&ev->start, 1);
        g_date_set_dmy(&ev->start, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
        ev->end = ev->start;
        g_date_add_days(&ev->end, (guint)grans[k].days);
        ev->granularity = grans[k].g;
        ev->approximate = g_rand_int_range(r, 0, 8) == 0;
        ev->open_end = g_rand_int_range(r, 0, 20) == 0;
        ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
        int n_src = g_rand_int_range(r, 0, 10) == 0 ? g_rand_int_range(r, 2, 5) : 1;
        for (int j = 0; j < n_src; j++) {
            chron_source *src = g_new0(chron_source, 1);
            src->doc =
                j ? g_strdup_printf("corpus/article%02d.txt", (doc + j) % 12) : g_strdup(ev->doc);
            src->title = g_strdup(ev->doc_title);
            src->publisher = g_strdup("");
            src->url = g_strdup("");
            src->sentence = g_strdup(ev->summary);
            src->timex = g_strdup(ev->value);
            src->value = g_strdup(ev->value);
            g_ptr_array_add(ev->sources, src);
        }
        chron_event_list_append(l, ev);
    }
    g_rand_free(r);
    chron_event_list_sort(l);
    return l;
}

int main(int argc, char **argv)
{
    guint sizes[16] = {1000, 10000, 100000};
    guint n_sizes = 3;
    if (argc > 1) {
        n_sizes = 0;
        for (int i = 1; i < argc && n_sizes < G_N_ELEMENTS(sizes); i++) {
            sizes[n_sizes++] = (guint)strtoul(argv[i], NULL, 10);
        }
    }
    const char *lanes = g_getenv("CHART_BENCH_LANES");
    chron_chart_lanes lane_mode = CHRON_CHART_LANES_NONE;
    if (lanes && !chron_chart_lanes_from_string(lanes, &lane_mode)) {
        fprintf(stderr, "chart_bench: unknown CHART_BENCH_LANES %s\n", lanes);
        return 1;
    }
    GError *error = NULL;
    char *dir = g_dir_make_tmp("chart-bench-XXXXXX", &error);
    if (dir == NULL) {
        fprintf(stderr, "chart_bench: %s\n", error->message);
        return 1;
    }
    int rc = 0;
    printf("%10s  %10s  %10s  %12s  %12s\n", "events", "PNG s", "SVG s", "PNG bytes", "SVG bytes");
    for (guint i = 0; i < n_sizes && rc == 0; i++) {
        chron_event_list *events = synthetic(sizes[i], 20260115 + i);
        chron_chart_options opt = {.title = "Synthetic timeline", .lanes = lane_mode};
        double secs[2];
        gint64 bytes[2];
        static const char *const names[] = {"chart.png", "chart.svg"};
        for (int f = 0; f < 2 && rc == 0; f++) {
            char *path = g_build_filename(dir, names[f], NULL);
            gint64 t0 = g_get_monotonic_time();
            if (!chron_chart_render(events, &opt, path, &error)) {
                fprintf(stderr, "chart_bench: %s\n", error->message);
                g_clear_error(&error);
                rc = 1;
            }
            secs[f] = (g_get_monotonic_time() - t0) / 1e6;
            GStatBuf st;
            bytes[f] = g_stat(path, &st) == 0 ? (gint64)st.st_size : -1;
            g_unlink(path);
            g_free(path);
        }
        if (rc == 0) {
            printf("%10u  %10.3f  %10.3f  %12" G_GINT64_FORMAT "  %12" G_GINT64_FORMAT "\n",
                   sizes[i], secs[0], secs[1], bytes[0], bytes[1]);
            fflush(stdout);
        }
        chron_event_list_free(events);
    }
    g_rmdir(dir);
    g_free(dir);
    return rc;
}

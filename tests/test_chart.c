/* test_chart.c - timeline charts: output files and layout geometry.
 *
 * Files are checked by structure (PNG signature and IHDR size, SVG root attributes, PDF header),
 * never by pixels: fonts differ between machines. Label placement is checked on the layout's
 * boxes (chart-layout.h): inside the canvas, pairwise disjoint, clear of the axis band.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chart-layout.h"
#include "chart.h"
#include "error.h"
#include "event.h"

/* ------------------------------------------------------------------------------------------ */
/* Events */

/* Appends an event covering [start, start + days) (days 0: one day); returns it so that the
 * caller can set more fields (the list owns it, the pointer stays valid). */
static chron_event *add_event(chron_event_list *list, const char *doc, const char *doc_title,
                              const char *value, int y, int m, int d, int days, chron_granularity g,
                              const char *summary)
{
    chron_event *ev = chron_event_new();
    ev->doc = g_strdup(doc);
    ev->doc_title = g_strdup(doc_title ? doc_title : "");
    ev->doc_source = g_strdup("");
    ev->value = g_strdup(value);
    ev->summary = g_strdup(summary);
    ev->timex = g_strdup(value);
    g_date_clear(&ev->start, 1);
    g_date_clear(&ev->end, 1);
    g_date_set_dmy(&ev->start, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    ev->end = ev->start;
    g_date_add_days(&ev->end, days > 0 ? (guint)days : 1);
    ev->granularity = g;
    chron_event_list_append(list, ev);
    return ev;
}

/* Events as the extractor reports them from news about Japan's security partnerships. */
static chron_event_list *realistic_events(void)
{
    const char *a = "corpus/000_93284813a42f462b.txt", *b = "corpus/001_0d701195ef4335e1.txt";
    const char *ta = "Tokyo’s security push targeting Beijing undermines regional stability";
    chron_event_list *l = chron_event_list_new();
    chron_event *ev;
    add_event(l, a, ta, "2026-01-15", 2026, 1, 15, 1, CHRON_GRAN_DAY,
              "The Philippines and Japan signed a defense deal, the Acquisition and "
              "Cross-Servicing Agreement");
    add_event(l, a, ta, "2025-09", 2025, 9, 1, 30, CHRON_GRAN_MONTH,
              "The Reciprocal Access Agreement came into force");
    ev = add_event(l, a, ta, "2022", 2022, 1, 1, 365, CHRON_GRAN_YEAR,
                   "Japan released three new security documents");
    ev->mod = g_strdup("END");
    add_event(l, b, "", "2015", 2015, 1, 1, 365, CHRON_GRAN_YEAR,
              "Japan passed security legislation");
    add_event(l, b, "", "1949", 1949, 1, 1, 365, CHRON_GRAN_YEAR, "NATO was established");
    ev = add_event(l, b, "", "199X", 1990, 1, 1, 3652, CHRON_GRAN_DECADE,
                   "Japan and NATO established a relationship");
    ev->approximate = TRUE;
    add_event(l, a, ta, "2023-01-13", 2023, 1, 13, 1, CHRON_GRAN_DAY,
              "Japan and the UK signed a reciprocal access agreement");
    ev = add_event(l, b, "", "2018", 2018, 1, 1, 365, CHRON_GRAN_YEAR,
                   "Japan's military cooperation with NATO member states grew");
    ev->open_end = TRUE;
    return l;
}

/* Words for random summaries: Latin, Chinese, and one word wider than any label. */
static const char words[] =
    "Japan signed a defense deal with the Philippines agreement came into "
    "force ministers met in Tokyo to discuss security 日本与菲律宾签署防务协议 "
    "Acquisition-and-Cross-Servicing-Agreement-without-spaces";

static char *random_summary(GRand *r)
{
    char **w = g_strsplit(words, " ", -1);
    gint32 nw = (gint32)g_strv_length(w);
    GString *s = g_string_new(NULL);
    int n = g_rand_int_range(r, 0, 30);
    for (int i = 0; i < n; i++) {
        if (i) {
            g_string_append_c(s, ' ');
        }
        g_string_append(s, w[g_rand_int_range(r, 0, nw)]);
    }
    g_strfreev(w);
    return g_string_free(s, FALSE);
}

/* n events of every granularity between 1900 and 2030 from 10 documents (more than the palette
 * has colours), some approximate, some open; a fixed seed keeps failures reproducible. */
static chron_event_list *random_events(guint n, guint32 seed)
{
    static const struct {
        chron_granularity g;
        int days;
    } grans[] = {{CHRON_GRAN_DAY, 1},         {CHRON_GRAN_WEEK, 7},   {CHRON_GRAN_MONTH, 30},
                 {CHRON_GRAN_QUARTER, 91},    {CHRON_GRAN_YEAR, 365}, {CHRON_GRAN_DECADE, 3652},
                 {CHRON_GRAN_CENTURY, 36524}, {CHRON_GRAN_UNKNOWN, 1}};
    GRand *r = g_rand_new_with_seed(seed);
    chron_event_list *l = chron_event_list_new();
    for (guint i = 0; i < n; i++) {
        int k = g_rand_int_range(r, 0, G_N_ELEMENTS(grans));
        char *doc = g_strdup_printf("corpus/doc%02d.txt", g_rand_int_range(r, 0, 10));
        char *summary = random_summary(r);
        int y = g_rand_int_range(r, 1900, 2031);
        int m = g_rand_int_range(r, 1, 13);
        int d = g_rand_int_range(r, 1, 29);
        char *value = g_strdup_printf("%04d-%02d-%02d", y, m, d);
        chron_event *ev = add_event(l, doc, i % 3 ? "" : "A title", value, y, m, d, grans[k].days,
                                    grans[k].g, summary);
        ev->approximate = g_rand_int_range(r, 0, 6) == 0;
        ev->open_end = g_rand_int_range(r, 0, 10) == 0;
        g_free(value);
        g_free(summary);
        g_free(doc);
    }
    g_rand_free(r);
    return l;
}

/* n day events on three neighbouring days: every label box overlaps every other horizontally,
 * the worst case for label packing. */
static chron_event_list *clustered_events(guint n)
{
    chron_event_list *l = chron_event_list_new();
    for (guint i = 0; i < n; i++) {
        int day = 14 + (int)(i % 3);
        char *value = g_strdup_printf("2026-01-%02d", day);
        char *summary = g_strdup_printf("Event %u: officials announced %s", i,
                                        i % 2 ? "a new agreement on defence cooperation" : "talks");
        add_event(l, i % 2 ? "a.txt" : "b.txt", "", value, 2026, 1, day, 1, CHRON_GRAN_DAY,
                  summary);
        g_free(summary);
        g_free(value);
    }
    return l;
}

/* ------------------------------------------------------------------------------------------ */
/* Files */

static char *make_tmp_dir(void)
{
    GError *error = NULL;
    char *dir = g_dir_make_tmp("chron-chart-XXXXXX", &error);
    g_assert_no_error(error);
    return dir;
}

static guint dir_count(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    g_assert_nonnull(d);
    guint n = 0;
    while (g_dir_read_name(d)) {
        n++;
    }
    g_dir_close(d);
    return n;
}

/* Removes the files in dir, then dir. */
static void remove_tmp_dir(char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    g_rmdir(dir);
    g_free(dir);
}

static guint32 be32(const guchar *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* The PNG's size from its IHDR chunk, which the format requires to come first. */
static void png_size(const char *path, guint32 *w, guint32 *h)
{
    static const guchar sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    char *data;
    gsize len;
    GError *error = NULL;
    g_assert_true(g_file_get_contents(path, &data, &len, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(len, >, 33);
    g_assert_cmpmem(data, 8, sig, 8);
    g_assert_cmpmem(data + 12, 4, "IHDR", 4);
    *w = be32((const guchar *)data + 16);
    *h = be32((const guchar *)data + 20);
    g_free(data);
}

static double layout_height(const chron_event_list *events, const chron_chart_options *opt)
{
    chron_chart_box *boxes;
    guint n;
    chron_chart_geometry geom;
    GError *error = NULL;
    g_assert_true(chron_chart_layout_boxes(events, opt, &boxes, &n, &geom, &error));
    g_assert_no_error(error);
    g_free(boxes);
    return geom.height;
}

typedef struct {
    int depth;
    char *root;
    char *width, *height, *view_box;
} svg_root;

static void svg_start(GMarkupParseContext *ctx, const char *name, const char **attr_names,
                      const char **attr_values, gpointer data, GError **error)
{
    (void)ctx;
    (void)error;
    svg_root *s = data;
    if (s->depth++ > 0) {
        return;
    }
    s->root = g_strdup(name);
    for (int i = 0; attr_names[i]; i++) {
        if (strcmp(attr_names[i], "width") == 0) {
            s->width = g_strdup(attr_values[i]);
        } else if (strcmp(attr_names[i], "height") == 0) {
            s->height = g_strdup(attr_values[i]);
        } else if (strcmp(attr_names[i], "viewBox") == 0) {
            s->view_box = g_strdup(attr_values[i]);
        }
    }
}

static void svg_end(GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
    (void)ctx;
    (void)name;
    (void)error;
    ((svg_root *)data)->depth--;
}

/* "800" or "800px": a length in CSS pixels equal to n. */
static void assert_px(const char *value, double n)
{
    g_assert_nonnull(value);
    char *want = g_strdup_printf("%g", n);
    char *want_px = g_strdup_printf("%gpx", n);
    if (strcmp(value, want) != 0 && strcmp(value, want_px) != 0) {
        g_error("SVG length \"%s\", expected %s or %s", value, want, want_px);
    }
    g_free(want);
    g_free(want_px);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout invariants */

static gboolean boxes_overlap(const chron_chart_box *a, const chron_chart_box *b)
{
    const double eps = 0.01; /* touching edges are fine */
    return a->x < b->x + b->w - eps && b->x < a->x + a->w - eps && a->y < b->y + b->h - eps &&
           b->y < a->y + a->h - eps;
}

/* Every box inside the canvas, no two overlapping, no label in the axis band; returns the number
 * of leaders that pass behind another label (listed in the test log when verbose). */
static guint check_layout(const chron_chart_box *b, guint n, const chron_chart_geometry *g,
                          gboolean verbose)
{
    const double eps = 0.01;
    guint labels = 0, crossings = 0;
    for (guint i = 0; i < n; i++) {
        g_assert_cmpfloat(b[i].w, >, 0);
        g_assert_cmpfloat(b[i].h, >, 0);
        g_assert_cmpfloat(b[i].x, >=, -eps);
        g_assert_cmpfloat(b[i].y, >=, -eps);
        g_assert_cmpfloat(b[i].x + b[i].w, <=, g->width + eps);
        g_assert_cmpfloat(b[i].y + b[i].h, <=, g->height + eps);
        if (b[i].kind == CHRON_CHART_BOX_LABEL) {
            labels++;
            g_assert_false(boxes_overlap(&b[i], &g->band));
            g_assert_cmpfloat(b[i].y + b[i].h, <=, g->band.y + eps);
            /* The leader starts at the mark and touches its label's left or right edge. */
            g_assert_cmpfloat(b[i].leader_x, >=, g->band.x - eps);
            g_assert_cmpfloat(b[i].leader_x, <=, g->band.x + g->band.w + eps);
            g_assert_true(b[i].leader_x - b[i].x < 1 || b[i].x + b[i].w - b[i].leader_x < 1);
        }
        for (guint j = i + 1; j < n; j++) {
            if (boxes_overlap(&b[i], &b[j])) {
                g_error("boxes %u (kind %d, %.1f,%.1f %.1fx%.1f) and %u (kind %d, %.1f,%.1f "
                        "%.1fx%.1f) overlap",
                        i, b[i].kind, b[i].x, b[i].y, b[i].w, b[i].h, j, b[j].kind, b[j].x, b[j].y,
                        b[j].w, b[j].h);
            }
        }
    }
    g_assert_cmpuint(labels, ==, g->n_events - g->n_dropped);
    /* Leader crossings: the segment from a label down to the band passing through another
     * label's box, unless both hang on the same pole. */
    for (guint i = 0; i < n; i++) {
        if (b[i].kind != CHRON_CHART_BOX_LABEL) {
            continue;
        }
        double a = b[i].leader_x, top = b[i].y + b[i].h, bottom = g->band.y;
        for (guint j = 0; j < n; j++) {
            if (j == i || b[j].kind != CHRON_CHART_BOX_LABEL ||
                (b[j].leader_x > a - 0.25 && b[j].leader_x < a + 0.25)) {
                continue;
            }
            if (b[j].x < a && a < b[j].x + b[j].w && b[j].y < bottom && top < b[j].y + b[j].h) {
                if (verbose) {
                    g_test_message("leader of event %d at x=%.1f passes behind the label of "
                                   "event %d",
                                   b[i].event, a, b[j].event);
                }
                crossings++;
            }
        }
    }
    return crossings;
}

static guint layout_checked(const chron_event_list *events, const chron_chart_options *opt,
                            chron_chart_geometry *geom, gboolean verbose)
{
    chron_chart_box *boxes;
    guint n;
    GError *error = NULL;
    g_assert_true(chron_chart_layout_boxes(events, opt, &boxes, &n, geom, &error));
    g_assert_no_error(error);
    guint crossings = check_layout(boxes, n, geom, verbose);
    g_free(boxes);
    return crossings;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests */

static void test_format_from_path(void)
{
    chron_chart_format f;
    g_assert_true(chron_chart_format_from_path("out/chart.png", &f));
    g_assert_cmpint(f, ==, CHRON_CHART_PNG);
    g_assert_true(chron_chart_format_from_path("chart.SVG", &f));
    g_assert_cmpint(f, ==, CHRON_CHART_SVG);
    g_assert_true(chron_chart_format_from_path("a.b/chart.Pdf", &f));
    g_assert_cmpint(f, ==, CHRON_CHART_PDF);
    g_assert_true(chron_chart_format_from_path("chart.png", NULL));
    g_assert_false(chron_chart_format_from_path("chart.gif", &f));
    g_assert_false(chron_chart_format_from_path("png", &f));
    g_assert_false(chron_chart_format_from_path("dir.png/chart", &f));
    g_assert_false(chron_chart_format_from_path("chart.png.tmp", &f));
    g_assert_false(chron_chart_format_from_path("", &f));
    g_assert_false(chron_chart_format_from_path(NULL, &f));
}

static void test_png(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.png", NULL);
    chron_event_list *events = realistic_events();
    chron_chart_options opt = {.width = 700, .scale = 2, .title = "Japan’s security partnerships"};
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, &opt, path, &error));
    g_assert_no_error(error);
    guint32 w, h;
    png_size(path, &w, &h);
    g_assert_cmpuint(w, ==, 1400);
    g_assert_cmpuint(h, ==, (guint32)(layout_height(events, &opt) * 2));
    g_assert_cmpuint(dir_count(dir), ==, 1); /* no temporary file left */

    /* Default width and scale; a fixed height is honoured exactly. */
    chron_chart_options fixed = {.height = 420};
    g_assert_true(chron_chart_render(events, &fixed, path, &error));
    g_assert_no_error(error);
    png_size(path, &w, &h);
    g_assert_cmpuint(w, ==, 1600);
    g_assert_cmpuint(h, ==, 420);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_svg(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.svg", NULL);
    chron_event_list *events = realistic_events();
    chron_chart_options opt = {.width = 900, .title = "日本的安全伙伴关系"};
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, &opt, path, &error));
    g_assert_no_error(error);

    char *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, &error));
    g_assert_no_error(error);
    g_assert_true(g_str_has_prefix(data, "<?xml"));
    svg_root root = {0};
    GMarkupParser parser = {svg_start, svg_end, NULL, NULL, NULL};
    GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &root, NULL);
    g_assert_true(g_markup_parse_context_parse(ctx, data, (gssize)len, &error));
    g_assert_true(g_markup_parse_context_end_parse(ctx, &error));
    g_assert_no_error(error);
    g_markup_parse_context_free(ctx);
    g_assert_cmpstr(root.root, ==, "svg");
    g_assert_cmpint(root.depth, ==, 0);
    double height = layout_height(events, &opt);
    assert_px(root.width, 900);
    assert_px(root.height, height);
    char *view_box = g_strdup_printf("0 0 900 %g", height);
    g_assert_cmpstr(root.view_box, ==, view_box);
    g_free(view_box);
    g_free(root.root);
    g_free(root.width);
    g_free(root.height);
    g_free(root.view_box);
    g_free(data);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_pdf(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "Chart.PDF", NULL); /* extensions are case-insensitive */
    chron_event_list *events = realistic_events();
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, NULL, path, &error));
    g_assert_no_error(error);
    char *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(len, >, 100);
    g_assert_true(g_str_has_prefix(data, "%PDF-"));
    g_assert_nonnull(g_strstr_len(data + len - 64, 64, "%%EOF"));
    g_free(data);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_unknown_extension(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.gif", NULL);
    chron_event_list *events = realistic_events();
    GError *error = NULL;
    g_assert_false(chron_chart_render(events, NULL, path, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
    g_assert_nonnull(strstr(error->message, path));
    g_clear_error(&error);
    g_assert_cmpuint(dir_count(dir), ==, 0);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_missing_directory(void)
{
    char *dir = make_tmp_dir();
    char *missing = g_build_filename(dir, "missing", NULL);
    char *path = g_build_filename(missing, "chart.png", NULL);
    chron_event_list *events = realistic_events();
    GError *error = NULL;
    g_assert_false(chron_chart_render(events, NULL, path, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_nonnull(strstr(error->message, path));
    g_clear_error(&error);
    g_assert_false(g_file_test(missing, G_FILE_TEST_EXISTS));
    g_assert_cmpuint(dir_count(dir), ==, 0);
    chron_event_list_free(events);
    g_free(path);
    g_free(missing);
    remove_tmp_dir(dir);
}

/* The file is written completely and only then cannot be renamed (a directory is in the way):
 * the temporary file must go. */
static void test_rename_fails(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.svg", NULL);
    g_assert_cmpint(g_mkdir(path, 0755), ==, 0);
    chron_event_list *events = realistic_events();
    GError *error = NULL;
    g_assert_false(chron_chart_render(events, NULL, path, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_nonnull(strstr(error->message, path));
    g_clear_error(&error);
    g_assert_cmpuint(dir_count(dir), ==, 1); /* the directory, no temporary file */
    g_assert_cmpint(g_rmdir(path), ==, 0);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_replaces_existing(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.png", NULL);
    GError *error = NULL;
    g_assert_true(g_file_set_contents(path, "old", -1, &error));
    chron_event_list *events = realistic_events();
    g_assert_true(chron_chart_render(events, NULL, path, &error));
    g_assert_no_error(error);
    guint32 w, h;
    png_size(path, &w, &h);
    g_assert_cmpuint(w, ==, 1600);
    g_assert_cmpuint(dir_count(dir), ==, 1);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_invalid_options(void)
{
    chron_event_list *events = realistic_events();
    const chron_chart_options bad[] = {
        {.width = 50}, {.width = -1},  {.height = -5},
        {.scale = -1}, {.scale = 100}, {.height = 120}, /* too short for the frame */
    };
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "chart.png", NULL);
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *error = NULL;
        g_assert_false(chron_chart_render(events, &bad[i], path, &error));
        g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
        g_assert_nonnull(strstr(error->message, path));
        g_clear_error(&error);
        chron_chart_box dummy = {0};
        chron_chart_box *boxes = &dummy; /* must come back NULL */
        guint n = 7;
        g_assert_false(chron_chart_layout_boxes(events, &bad[i], &boxes, &n, NULL, &error));
        g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
        g_assert_null(boxes);
        g_assert_cmpuint(n, ==, 0);
        g_clear_error(&error);
    }
    g_assert_cmpuint(dir_count(dir), ==, 0);
    g_free(path);
    remove_tmp_dir(dir);
    chron_event_list_free(events);
}

static void test_empty(void)
{
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "empty.png", NULL);
    chron_event_list *events = chron_event_list_new();
    chron_chart_options opt = {.width = 600};
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, &opt, path, &error));
    g_assert_no_error(error);
    guint32 w, h;
    png_size(path, &w, &h);
    g_assert_cmpuint(w, ==, 600);
    g_assert_true(chron_chart_render(NULL, &opt, path, &error)); /* NULL is an empty list */
    g_assert_no_error(error);

    chron_chart_box *boxes;
    guint n;
    chron_chart_geometry geom;
    g_assert_true(chron_chart_layout_boxes(events, &opt, &boxes, &n, &geom, &error));
    g_assert_cmpuint(geom.n_events, ==, 0);
    gboolean title = FALSE, note = FALSE;
    for (guint i = 0; i < n; i++) {
        title |= boxes[i].kind == CHRON_CHART_BOX_TITLE;
        note |= boxes[i].kind == CHRON_CHART_BOX_NOTE;
        g_assert_cmpint(boxes[i].kind, !=, CHRON_CHART_BOX_LABEL);
    }
    g_assert_true(title && note);
    check_layout(boxes, n, &geom, FALSE);
    g_free(boxes);
    chron_event_list_free(events);
    g_free(path);
    remove_tmp_dir(dir);
}

static void test_realistic_layout(void)
{
    chron_event_list *events = realistic_events();
    const int widths[] = {400, 800, 1600, 3000};
    for (guint i = 0; i < G_N_ELEMENTS(widths); i++) {
        chron_chart_options opt = {.width = widths[i]};
        chron_chart_geometry geom;
        guint crossings = layout_checked(events, &opt, &geom, widths[i] >= 800);
        if (widths[i] >= 800) {
            /* Room enough for every leader to reach its label unobstructed. (At 400 the 1990s
             * leader passes behind the 1949 label rather than the chart growing two rows.) */
            g_assert_cmpuint(crossings, ==, 0);
        }
        g_assert_cmpuint(geom.n_events, ==, 8);
        g_assert_cmpuint(geom.n_dropped, ==, 0);
        g_assert_cmpfloat(geom.width, ==, widths[i]);
    }
    chron_event_list_free(events);
}

static void test_random_events(void)
{
    chron_event_list *events = random_events(200, 20260115);
    char *dir = make_tmp_dir();
    static const char *const names[] = {"r.png", "r.svg", "r.pdf"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        char *path = g_build_filename(dir, names[i], NULL);
        GError *error = NULL;
        g_assert_true(chron_chart_render(events, NULL, path, &error));
        g_assert_no_error(error);
        g_free(path);
    }
    g_assert_cmpuint(dir_count(dir), ==, 3);
    remove_tmp_dir(dir);

    chron_chart_geometry geom;
    layout_checked(events, NULL, &geom, FALSE);
    g_assert_cmpuint(geom.n_events, ==, 200);
    g_assert_cmpuint(geom.n_dropped, ==, 0);
    chron_chart_options narrow = {.width = 500, .height = 600};
    layout_checked(events, &narrow, &geom, FALSE);
    g_assert_cmpfloat(geom.height, ==, 600);
    g_assert_cmpuint(geom.n_dropped, >, 0);
    chron_event_list_free(events);
}

static void test_clustered_labels(void)
{
    chron_event_list *events = clustered_events(300);
    chron_chart_geometry geom;
    /* Automatic height: every label placed, and labels of one day share one leader. */
    g_assert_cmpuint(layout_checked(events, NULL, &geom, TRUE), ==, 0);
    g_assert_cmpuint(geom.n_events, ==, 300);
    g_assert_cmpuint(geom.n_dropped, ==, 0);

    /* Fixed height: what does not fit is dropped and counted in a "+K more" note. */
    chron_chart_options opt = {.width = 1000, .height = 700};
    layout_checked(events, &opt, &geom, FALSE);
    g_assert_cmpfloat(geom.height, ==, 700);
    g_assert_cmpuint(geom.n_dropped, >, 0);
    g_assert_cmpuint(geom.n_dropped, <, 300);
    chron_chart_box *boxes;
    guint n;
    g_assert_true(chron_chart_layout_boxes(events, &opt, &boxes, &n, NULL, NULL));
    guint notes = 0;
    for (guint i = 0; i < n; i++) {
        notes += boxes[i].kind == CHRON_CHART_BOX_NOTE;
    }
    g_assert_cmpuint(notes, ==, 1);
    g_free(boxes);

    /* Rendering the crowded chart works too. */
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "crowd.png", NULL);
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, &opt, path, &error));
    g_assert_no_error(error);
    g_free(path);
    remove_tmp_dir(dir);
    chron_event_list_free(events);
}

static void test_deterministic(void)
{
    chron_event_list *events = random_events(120, 7);
    chron_chart_box *a, *b;
    guint na, nb;
    g_assert_true(chron_chart_layout_boxes(events, NULL, &a, &na, NULL, NULL));
    g_assert_true(chron_chart_layout_boxes(events, NULL, &b, &nb, NULL, NULL));
    g_assert_cmpuint(na, ==, nb);
    g_assert_cmpmem(a, na * sizeof *a, b, nb * sizeof *b);
    g_free(a);
    g_free(b);
    chron_event_list_free(events);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chart/format-from-path", test_format_from_path);
    g_test_add_func("/chart/png", test_png);
    g_test_add_func("/chart/svg", test_svg);
    g_test_add_func("/chart/pdf", test_pdf);
    g_test_add_func("/chart/unknown-extension", test_unknown_extension);
    g_test_add_func("/chart/missing-directory", test_missing_directory);
    g_test_add_func("/chart/rename-fails", test_rename_fails);
    g_test_add_func("/chart/replaces-existing", test_replaces_existing);
    g_test_add_func("/chart/invalid-options", test_invalid_options);
    g_test_add_func("/chart/empty", test_empty);
    g_test_add_func("/chart/layout/realistic", test_realistic_layout);
    g_test_add_func("/chart/layout/random", test_random_events);
    g_test_add_func("/chart/layout/clustered", test_clustered_labels);
    g_test_add_func("/chart/layout/deterministic", test_deterministic);
    return g_test_run();
}

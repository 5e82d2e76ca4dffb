/* test_chart.c - timeline charts: output files and layout geometry.
 *
 * Files are checked by structure (PNG signature and IHDR size, SVG root attributes, PDF header),
 * never by pixels: fonts differ between machines. Label placement is checked on the layout's
 * boxes (chart-layout.h): inside the canvas, pairwise disjoint, clear of the axis band.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <cairo.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "chart-layout.h"
#include "chart.h"
#include "corpus.h"
#include "error.h"
#include "event.h"
#include "timex.h"

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

static gboolean is_text(chron_chart_box_kind k)
{
    return k <= CHRON_CHART_BOX_LANE_TITLE;
}

/* Pairs that must not overlap: two texts, or a label and any graphic but a lane strip (marks
 * may overlap each other when a lane runs out of rows; a lane contains its own texts). */
static gboolean must_not_overlap(const chron_chart_box *a, const chron_chart_box *b)
{
    if (is_text(a->kind) && is_text(b->kind)) {
        return TRUE;
    }
    const chron_chart_box *label = a->kind == CHRON_CHART_BOX_LABEL ? a : b;
    const chron_chart_box *other = label == a ? b : a;
    return label->kind == CHRON_CHART_BOX_LABEL && other->kind != CHRON_CHART_BOX_LANE;
}

static int box_x_cmp(const void *p, const void *q)
{
    const chron_chart_box *a = *(const chron_chart_box *const *)p;
    const chron_chart_box *b = *(const chron_chart_box *const *)q;
    return a->x < b->x ? -1 : a->x > b->x;
}

/* Every box inside the canvas; no two texts overlapping, no label over a mark, the axis or a
 * break (a sweep over boxes sorted by x, so that 10,000 events check quickly); every label's
 * leader inside the axis's x range and at its left or right edge. Returns the number of leaders
 * that pass behind another label (listed in the test log when verbose). */
static guint check_layout(const chron_chart_box *b, guint n, const chron_chart_geometry *g,
                          gboolean verbose)
{
    const double eps = 0.01;
    guint labels = 0, crossings = 0;
    const chron_chart_box **sorted = g_new(const chron_chart_box *, n ? n : 1);
    int max_event = 0;
    for (guint i = 0; i < n; i++) {
        max_event = MAX(max_event, b[i].event);
    }
    const chron_chart_box **mark_of = g_new0(const chron_chart_box *, (gsize)max_event + 1);
    for (guint i = 0; i < n; i++) {
        sorted[i] = &b[i];
        g_assert_cmpfloat(b[i].w, >, 0);
        g_assert_cmpfloat(b[i].h, >, 0);
        g_assert_cmpfloat(b[i].x, >=, -eps);
        g_assert_cmpfloat(b[i].y, >=, -eps);
        g_assert_cmpfloat(b[i].x + b[i].w, <=, g->width + eps);
        g_assert_cmpfloat(b[i].y + b[i].h, <=, g->height + eps);
        if (b[i].kind == CHRON_CHART_BOX_MARK) {
            mark_of[b[i].event] = &b[i];
        }
        if (b[i].kind == CHRON_CHART_BOX_LABEL) {
            labels++;
            g_assert_cmpfloat(b[i].y + b[i].h, <=, g->axis_y);
            g_assert_cmpfloat(b[i].leader_x, >=, g->segments[0].x0 - 1);
            g_assert_cmpfloat(b[i].leader_x, <=, g->segments[g->n_segments - 1].x1 + 1);
            g_assert_true(b[i].leader_x - b[i].x < 1 || b[i].x + b[i].w - b[i].leader_x < 1);
        }
    }
    qsort(sorted, n, sizeof *sorted, box_x_cmp);
    for (guint i = 0; i < n; i++) {
        for (guint j = i + 1; j < n && sorted[j]->x < sorted[i]->x + sorted[i]->w; j++) {
            const chron_chart_box *p = sorted[i], *q = sorted[j];
            if (must_not_overlap(p, q) && boxes_overlap(p, q)) {
                g_error("boxes (kind %d, %.1f,%.1f %.1fx%.1f) and (kind %d, %.1f,%.1f %.1fx%.1f) "
                        "overlap",
                        p->kind, p->x, p->y, p->w, p->h, q->kind, q->x, q->y, q->w, q->h);
            }
        }
    }
    g_assert_cmpuint(labels, ==, g->n_events - g->n_dropped);
    /* Leader crossings: the segment from a label down to its mark passing through another
     * label's box, unless both hang on the same pole. (Quadratic: only for small charts.) */
    for (guint i = 0; i < n && n < 3000; i++) {
        if (b[i].kind != CHRON_CHART_BOX_LABEL) {
            continue;
        }
        const chron_chart_box *m = mark_of[b[i].event];
        g_assert_nonnull(m);
        g_assert_cmpfloat(m->y, >=, b[i].y + b[i].h); /* the label stands above its mark */
        double a = b[i].leader_x, top = b[i].y + b[i].h, bottom = m->y;
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
    g_free(mark_of);
    g_free(sorted);
    return crossings;
}

/* Each mark where the axis puts its date: a point's centre at midday of its day, a bar's or
 * bracket's left end at its first day (within 1 unit). */
static void check_marks_on_axis(const chron_chart_box *b, guint n, const chron_chart_geometry *g)
{
    guint marks = 0;
    for (guint i = 0; i < n; i++) {
        if (b[i].kind != CHRON_CHART_BOX_MARK) {
            continue;
        }
        marks++;
        if (b[i].shape == CHRON_CHART_MARK_POINT) {
            double want = chron_chart_x_of(g, b[i].t0 + 0.5);
            g_assert_cmpfloat_with_epsilon(b[i].x + b[i].w / 2, want, 1.0);
        } else {
            double want = chron_chart_x_of(g, b[i].t0);
            g_assert_cmpfloat_with_epsilon(b[i].x, want, 1.0);
            g_assert_cmpfloat(b[i].x + b[i].w, >=, chron_chart_x_of(g, b[i].t1) - 1.0);
        }
        g_assert_cmpfloat_with_epsilon(
            b[i].leader_x, b[i].shape == CHRON_CHART_MARK_POINT ? b[i].x + b[i].w / 2 : b[i].x,
            0.01);
    }
    g_assert_cmpuint(marks, ==, g->n_events);
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
    if (geom->n_events > 0) {
        check_marks_on_axis(boxes, n, geom);
    }
    g_free(boxes);
    return crossings;
}

static guint count_kind(const chron_chart_box *b, guint n, chron_chart_box_kind kind)
{
    guint k = 0;
    for (guint i = 0; i < n; i++) {
        k += b[i].kind == kind;
    }
    return k;
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

    /* An automatic height stops at max(2400, 1.5 x width); what does not fit goes without a
     * label and is counted. */
    chron_chart_geometry geom;
    layout_checked(events, NULL, &geom, FALSE);
    g_assert_cmpuint(geom.n_events, ==, 200);
    g_assert_cmpfloat(geom.height, <=, 2400);
    g_assert_cmpuint(geom.n_dropped, <, 200);
    /* With the room, every label is placed. */
    chron_chart_options tall = {.height = 9000};
    layout_checked(events, &tall, &geom, FALSE);
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
    /* Room for all: every label placed, and labels of one day share one leader. */
    chron_chart_options tall = {.height = 20000};
    g_assert_cmpuint(layout_checked(events, &tall, &geom, TRUE), ==, 0);
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

/* n events spread evenly over [y0-m0-d0, + days), one day each. */
static chron_event_list *spread_events(int y, int m, int d, int days, guint n)
{
    chron_event_list *l = chron_event_list_new();
    GDate start;
    g_date_clear(&start, 1);
    g_date_set_dmy(&start, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    for (guint i = 0; i < n; i++) {
        GDate t = start;
        g_date_add_days(&t, (guint)((double)i * (days - 1) / (n - 1)));
        char *value = g_strdup_printf("%04d-%02d-%02d", g_date_get_year(&t), g_date_get_month(&t),
                                      g_date_get_day(&t));
        add_event(l, "a.txt", "", value, g_date_get_year(&t), g_date_get_month(&t),
                  g_date_get_day(&t), 1, CHRON_GRAN_DAY, "Talks");
        g_free(value);
    }
    return l;
}

/* The corpus as `chronicle events corpus` sees it; NULL (and the test skipped) when the test
 * does not run from the source tree. */
static chron_event_list *corpus_events(void)
{
    if (!g_file_test("corpus/index.tsv", G_FILE_TEST_EXISTS)) {
        g_test_skip("corpus/ not found (run from the source root)");
        return NULL;
    }
    GError *error = NULL;
    chron_tagger *tagger = chron_tagger_new("auto", &error);
    g_assert_no_error(error);
    chron_corpus *c = chron_corpus_new(tagger, NULL);
    g_assert_cmpuint(chron_corpus_add(c, "corpus"), ==, 5);
    chron_event_list *events = chron_corpus_events(c, CHRON_EXTRACT_DEFAULT, &error);
    g_assert_no_error(error);
    chron_corpus_free(c);
    chron_tagger_free(tagger);
    return events;
}

static double json_num(JsonObject *o, const char *name)
{
    return json_object_get_double_member(o, name);
}

/* The corpus chart's --layout-json, read back with json-glib: no two label boxes overlap, no
 * label covers a mark, every box is inside the canvas, every mark sits within 1 px of where the
 * JSON's own axis segments put its date, and the 1947...2026 span has breaks. */
static void test_corpus_json(void)
{
    chron_event_list *events = corpus_events();
    if (events == NULL) {
        return;
    }
    GError *error = NULL;
    chron_chart_options opt = {.title = "Japan's security policy"};
    chron_chart *chart = chron_chart_new(events, &opt, &error);
    g_assert_no_error(error);
    gsize len;
    char *json = chron_chart_to_json(chart, &len);
    chron_chart_free(chart);
    JsonParser *parser = json_parser_new();
    g_assert_true(json_parser_load_from_data(parser, json, (gssize)len, &error));
    g_assert_no_error(error);
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    double width = json_num(root, "width"), height = json_num(root, "height");
    g_assert_cmpint(json_object_get_int_member(root, "events"), ==, chron_event_list_count(events));
    g_assert_cmpint(json_object_get_int_member(root, "dropped"), ==, 0);
    JsonObject *axis = json_object_get_object_member(root, "axis");
    JsonArray *segs = json_object_get_array_member(axis, "segments");
    guint ns = json_array_get_length(segs);
    g_assert_cmpuint(ns, >=, 3); /* 1947-1949 | 1990s | 2009-2026 */
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(axis, "breaks")), ==,
                     ns - 1);
    chron_chart_geometry g = {0};
    g.n_segments = ns;
    for (guint i = 0; i < ns; i++) {
        JsonObject *so = json_array_get_object_element(segs, i);
        g.segments[i] = (chron_chart_segment){json_num(so, "t0"), json_num(so, "t1"),
                                              json_num(so, "x0"), json_num(so, "x1")};
    }
    JsonArray *boxes = json_object_get_array_member(root, "boxes");
    guint nb = json_array_get_length(boxes);
    GArray *labels = g_array_new(FALSE, FALSE, sizeof(chron_chart_box));
    GArray *marks = g_array_new(FALSE, FALSE, sizeof(chron_chart_box));
    for (guint i = 0; i < nb; i++) {
        JsonObject *bo = json_array_get_object_element(boxes, i);
        chron_chart_box b = {0};
        b.x = json_num(bo, "x");
        b.y = json_num(bo, "y");
        b.w = json_num(bo, "w");
        b.h = json_num(bo, "h");
        g_assert_cmpfloat(b.x, >=, 0);
        g_assert_cmpfloat(b.y, >=, 0);
        g_assert_cmpfloat(b.x + b.w, <=, width + 0.01);
        g_assert_cmpfloat(b.y + b.h, <=, height + 0.01);
        const char *kind = json_object_get_string_member(bo, "kind");
        if (strcmp(kind, "label") == 0) {
            g_array_append_val(labels, b);
        } else if (strcmp(kind, "mark") == 0) {
            g_array_append_val(marks, b);
            const char *shape = json_object_get_string_member(bo, "shape");
            double want = strcmp(shape, "point") == 0
                              ? chron_chart_x_of(&g, json_num(bo, "t0") + 0.5)
                              : chron_chart_x_of(&g, json_num(bo, "t0"));
            double got = strcmp(shape, "point") == 0 ? b.x + b.w / 2 : b.x;
            g_assert_cmpfloat_with_epsilon(got, want, 1.0);
            /* And the date in the JSON is the event's own. */
            const chron_event *ev =
                chron_event_list_get(events, (guint)json_object_get_int_member(bo, "event"));
            char buf[16];
            g_date_strftime(buf, sizeof buf, "%Y-%m-%d", &ev->start);
            g_assert_cmpstr(json_object_get_string_member(bo, "start"), ==, buf);
            if (strcmp(ev->value, "199X") == 0) {
                g_assert_cmpstr(shape, ==, "bracket");
            }
            if (ev->open_end) {
                g_assert_cmpstr(shape, ==, "open");
            }
            if (chron_event_source_count(ev) > 1) {
                g_assert_cmpint(json_object_get_int_member(bo, "sources"), >, 1);
            }
        }
    }
    g_assert_cmpuint(marks->len, ==, chron_event_list_count(events));
    g_assert_cmpuint(labels->len, ==, chron_event_list_count(events));
    for (guint i = 0; i < labels->len; i++) {
        const chron_chart_box *a = &g_array_index(labels, chron_chart_box, i);
        for (guint j = i + 1; j < labels->len; j++) {
            g_assert_false(boxes_overlap(a, &g_array_index(labels, chron_chart_box, j)));
        }
        for (guint j = 0; j < marks->len; j++) {
            g_assert_false(boxes_overlap(a, &g_array_index(marks, chron_chart_box, j)));
        }
    }
    g_array_free(labels, TRUE);
    g_array_free(marks, TRUE);
    g_object_unref(parser);
    g_free(json);

    /* The same through the layout API, with every invariant of check_layout(). */
    chron_chart_geometry geom;
    layout_checked(events, &opt, &geom, TRUE);
    g_assert_cmpuint(geom.n_segments, >=, 3);
    chron_event_list_free(events);
}

/* Breaks: none for events within one year, even with months between them; none with no_breaks;
 * one for two clusters decades apart, and nothing on the axis inside it. */
static void test_breaks(void)
{
    chron_event_list *year = chron_event_list_new();
    add_event(year, "a.txt", "", "2023-01-05", 2023, 1, 5, 1, CHRON_GRAN_DAY, "A");
    add_event(year, "a.txt", "", "2023-02", 2023, 2, 1, 28, CHRON_GRAN_MONTH, "B");
    add_event(year, "a.txt", "", "2023-12-20", 2023, 12, 20, 1, CHRON_GRAN_DAY, "C");
    chron_chart_geometry geom;
    layout_checked(year, NULL, &geom, FALSE);
    g_assert_cmpuint(geom.n_segments, ==, 1);
    chron_event_list_free(year);

    chron_event_list *apart = realistic_events(); /* 1949, 1990s, 2015-2026 */
    layout_checked(apart, NULL, &geom, FALSE);
    g_assert_cmpuint(geom.n_segments, ==, 3);
    for (guint i = 1; i < geom.n_segments; i++) {
        g_assert_cmpfloat(geom.segments[i].x0, >, geom.segments[i - 1].x1 + 10);
        g_assert_cmpfloat(geom.segments[i].t0, >, geom.segments[i - 1].t1 + 730);
    }
    chron_chart_options flat = {.no_breaks = TRUE};
    layout_checked(apart, &flat, &geom, FALSE);
    g_assert_cmpuint(geom.n_segments, ==, 1);
    chron_event_list_free(apart);
}

/* The major step for spans of 10 days, 6 months, 3 years and 80 years on the default width, and
 * the second level of labels (the month under days, the year under months). */
static void test_tick_steps(void)
{
    static const struct {
        int days;
        const char *step;
        gboolean context;
    } cases[] = {
        {10, "day", TRUE},
        {182, "month", TRUE},
        {3 * 365, "quarter", TRUE},
        {80 * 365, "5 years", FALSE},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        chron_event_list *events = spread_events(1946, 3, 1, cases[i].days, 12);
        chron_chart_box *b;
        guint n;
        chron_chart_geometry geom;
        g_assert_true(chron_chart_layout_boxes(events, NULL, &b, &n, &geom, NULL));
        check_layout(b, n, &geom, FALSE);
        g_test_message("%d days: step %s", cases[i].days, geom.step);
        g_assert_cmpstr(geom.step, ==, cases[i].step);
        g_assert_cmpuint(geom.n_segments, ==, 1);
        g_assert_cmpuint(count_kind(b, n, CHRON_CHART_BOX_TICK), >=, 3);
        g_assert_cmpuint(count_kind(b, n, CHRON_CHART_BOX_TICK_CONTEXT) > 0, ==, cases[i].context);
        g_free(b);
        chron_event_list_free(events);
    }
}

/* --lanes type: one lane per type present, titled, each mark and label inside its lane. */
static void test_lanes(void)
{
    chron_event_list *events = realistic_events();
    static const char *const types[] = {"agreement", "meeting", "agreement", "release",
                                        NULL,        "other",   "meeting",   "statement"};
    for (guint i = 0; i < chron_event_list_count(events); i++) {
        chron_event *ev = (chron_event *)chron_event_list_get(events, i);
        ev->type = g_strdup(types[i]);
    }
    chron_chart_options opt = {.lanes = CHRON_CHART_LANES_TYPE};
    chron_chart_box *b;
    guint n;
    chron_chart_geometry geom;
    g_assert_true(chron_chart_layout_boxes(events, &opt, &b, &n, &geom, NULL));
    check_layout(b, n, &geom, FALSE);
    check_marks_on_axis(b, n, &geom);
    /* agreement, meeting, release, statement, other (NULL counts as other) */
    g_assert_cmpuint(geom.n_lanes, ==, 5);
    g_assert_cmpuint(count_kind(b, n, CHRON_CHART_BOX_LANE), ==, 5);
    g_assert_cmpuint(count_kind(b, n, CHRON_CHART_BOX_LANE_TITLE), ==, 5);
    const chron_chart_box *lane[5] = {0};
    for (guint i = 0; i < n; i++) {
        if (b[i].kind == CHRON_CHART_BOX_LANE) {
            lane[b[i].lane] = &b[i];
        }
    }
    for (guint i = 0; i < n; i++) {
        if (b[i].kind == CHRON_CHART_BOX_MARK || b[i].kind == CHRON_CHART_BOX_LABEL ||
            b[i].kind == CHRON_CHART_BOX_LANE_TITLE) {
            const chron_chart_box *l = lane[b[i].lane];
            g_assert_cmpfloat(b[i].y, >=, l->y);
            g_assert_cmpfloat(b[i].y + b[i].h, <=, l->y + l->h);
        }
        if (b[i].kind == CHRON_CHART_BOX_MARK) {
            const chron_event *ev = chron_event_list_get(events, (guint)b[i].event);
            /* "other" is last; the two agreements make the first lane. */
            g_assert_cmpint(b[i].lane == 0, ==, g_strcmp0(ev->type, "agreement") == 0);
            g_assert_cmpint(b[i].lane == 4, ==, ev->type == NULL || !strcmp(ev->type, "other"));
        }
    }
    g_free(b);
    opt.lanes = CHRON_CHART_LANES_SOURCE;
    layout_checked(events, &opt, &geom, FALSE);
    g_assert_cmpuint(geom.n_lanes, ==, 2);
    chron_event_list_free(events);
}

/* Reads the PNG's top-left pixel. */
static guint32 png_corner(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(s);
    guint32 px = *(const guint32 *)cairo_image_surface_get_data(s) & 0xFFFFFF;
    cairo_surface_destroy(s);
    return px;
}

static void test_dark_theme(void)
{
    chron_event_list *events = realistic_events();
    chron_chart_options light = {.width = 600},
                        dark = {.width = 600, .theme = CHRON_CHART_THEME_DARK};
    chron_chart_geometry gl, gd;
    layout_checked(events, &light, &gl, FALSE);
    layout_checked(events, &dark, &gd, FALSE);
    g_assert_cmphex(gl.background, ==, 0xFFFFFF);
    g_assert_cmphex(gd.background, !=, gl.background);
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "dark.png", NULL);
    GError *error = NULL;
    g_assert_true(chron_chart_render(events, &dark, path, &error));
    g_assert_no_error(error);
    g_assert_cmphex(png_corner(path), ==, gd.background);
    g_assert_true(chron_chart_render(events, &light, path, &error));
    g_assert_cmphex(png_corner(path), ==, 0xFFFFFF);
    g_free(path);
    remove_tmp_dir(dir);
    chron_event_list_free(events);
}

static gboolean cjk_font_installed(void)
{
    PangoFontMap *fm = pango_cairo_font_map_new();
    PangoFontFamily **families;
    int n;
    pango_font_map_list_families(fm, &families, &n);
    gboolean found = FALSE;
    for (int i = 0; i < n && !found; i++) {
        found = strstr(pango_font_family_get_name(families[i]), "CJK") != NULL;
    }
    g_free(families);
    g_object_unref(fm);
    return found;
}

/* The Chinese title of article 004 (and a Chinese summary) render with no missing glyphs. */
static void test_cjk(void)
{
    chron_event_list *events = realistic_events();
    chron_event *ev = (chron_event *)chron_event_list_get(events, 0);
    g_free(ev->summary);
    ev->summary = g_strdup("日本与菲律宾签署防务协议");
    chron_chart_options opt = {.title = "《环球时报》:王广涛等:Japan’s security dilemma"};
    chron_chart_geometry geom;
    layout_checked(events, &opt, &geom, FALSE);
    if (!cjk_font_installed()) {
        g_test_skip("no CJK font installed (Debian: fonts-noto-cjk)");
    } else {
        g_assert_cmpuint(geom.unknown_glyphs, ==, 0);
    }
    chron_event_list_free(events);
}

/* The window: the axis starts and ends where asked, marks are clipped to it and events outside
 * are left out. */
static void test_window(void)
{
    chron_event_list *events = realistic_events();
    chron_chart_options opt = {0};
    g_date_set_dmy(&opt.from, 1, 1, 2020);
    g_date_set_dmy(&opt.to, 1, 1, 2027);
    chron_chart_geometry geom;
    layout_checked(events, &opt, &geom, FALSE);
    g_assert_cmpfloat(geom.segments[0].t0, ==, g_date_get_julian(&opt.from));
    g_assert_cmpfloat(geom.segments[geom.n_segments - 1].t1, ==, g_date_get_julian(&opt.to));
    /* 2026-01-15, 2025-09, 2022, 2023-01-13 ("since 2018" ends in 2019 in these events) */
    g_assert_cmpuint(geom.n_events, ==, 4);
    g_date_set_dmy(&opt.to, 1, 1, 2019);
    GError *error = NULL;
    chron_chart_box *b;
    guint n;
    g_assert_false(chron_chart_layout_boxes(events, &opt, &b, &n, NULL, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
    g_clear_error(&error);
    chron_event_list_free(events);
}

/* Marks: a point for a day, a bar for a month or year, an open bar for "since", a bracket for a
 * decade, hollow or dashed when approximate, bigger for more articles. */
static void test_mark_shapes(void)
{
    chron_event_list *events = realistic_events();
    chron_event *ev = (chron_event *)chron_event_list_get(events, 3); /* 2015 */
    ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    for (int i = 0; i < 2; i++) {
        chron_source *src = g_new0(chron_source, 1);
        src->doc = g_strdup(i ? "other.txt" : ev->doc);
        g_ptr_array_add(ev->sources, src);
    }
    chron_chart_box *b;
    guint n;
    chron_chart_geometry geom;
    g_assert_true(chron_chart_layout_boxes(events, NULL, &b, &n, &geom, NULL));
    static const chron_chart_mark_shape want[] = {CHRON_CHART_MARK_POINT, CHRON_CHART_MARK_BAR,
                                                  CHRON_CHART_MARK_BAR,   CHRON_CHART_MARK_BAR,
                                                  CHRON_CHART_MARK_BAR,   CHRON_CHART_MARK_BRACKET,
                                                  CHRON_CHART_MARK_POINT, CHRON_CHART_MARK_OPEN};
    double bar_h = 0, big_h = 0;
    for (guint i = 0; i < n; i++) {
        if (b[i].kind != CHRON_CHART_BOX_MARK) {
            continue;
        }
        g_assert_cmpint(b[i].shape, ==, want[b[i].event]);
        g_assert_cmpint(b[i].approximate, ==, b[i].event == 5);
        if (b[i].event == 4) {
            bar_h = b[i].h;
        } else if (b[i].event == 3) {
            big_h = b[i].h;
            g_assert_cmpuint(b[i].sources, ==, 2);
        }
    }
    g_assert_cmpfloat(big_h, >, bar_h);
    g_free(b);
    chron_event_list_free(events);
}

/* 10,000 events lay out without overlap and inside the canvas (the speed is the benchmark's). */
static void test_many_events(void)
{
    chron_event_list *events = random_events(10000, 42);
    chron_chart_geometry geom;
    layout_checked(events, NULL, &geom, FALSE);
    g_assert_cmpuint(geom.n_events, ==, 10000);
    g_assert_cmpuint(geom.n_dropped, <, 10000);
    chron_event_list_free(events);
}

static void test_absurd_sizes(void)
{
    chron_event_list *events = realistic_events();
    const chron_chart_options bad[] = {{.width = 25000}, {.height = 30000}, {.lanes = 9}};
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *error = NULL;
        g_assert_null(chron_chart_new(events, &bad[i], &error));
        g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
        g_clear_error(&error);
    }
    /* Fine as a vector chart, too big as a PNG at that scale. */
    chron_chart_options big = {.width = 12000, .scale = 4};
    GError *error = NULL;
    chron_chart *chart = chron_chart_new(events, &big, &error);
    g_assert_no_error(error);
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "big.png", NULL);
    g_assert_false(chron_chart_write(chart, path, &error));
    g_assert_error(error, CHRON_ERROR, CHRON_ERROR_INVALID);
    g_clear_error(&error);
    g_assert_cmpuint(dir_count(dir), ==, 0);
    chron_chart_free(chart);
    g_free(path);
    remove_tmp_dir(dir);
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
    g_test_add_func("/chart/layout/corpus-json", test_corpus_json);
    g_test_add_func("/chart/layout/many-events", test_many_events);
    g_test_add_func("/chart/axis/breaks", test_breaks);
    g_test_add_func("/chart/axis/tick-steps", test_tick_steps);
    g_test_add_func("/chart/axis/window", test_window);
    g_test_add_func("/chart/marks/shapes", test_mark_shapes);
    g_test_add_func("/chart/lanes", test_lanes);
    g_test_add_func("/chart/theme/dark", test_dark_theme);
    g_test_add_func("/chart/text/cjk", test_cjk);
    g_test_add_func("/chart/absurd-sizes", test_absurd_sizes);
    return g_test_run();
}

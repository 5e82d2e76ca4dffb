/* chart.c - timeline charts drawn with Cairo and Pango (PNG, SVG, PDF).
 *
 * Two stages. layout_compute() measures every text with Pango and decides where everything goes
 * (time scale, ticks, mark lanes, label rows, legend), as rectangles in user units: pixels for
 * PNG and SVG, points for PDF. draw() then paints that layout onto whichever Cairo surface the
 * format needs. The layout never looks at the surface, so the three formats agree with each
 * other and the geometry can be checked (chart-layout.h) without rasterising anything.
 *
 * Text is shaped once, with hinting off and unrounded glyph positions, so that what was measured
 * is exactly what is drawn at any PNG device scale and in vector output.
 *
 * Picture, top to bottom: title, subtitle, label rows (row 0 nearest the axis), the band of mark
 * lanes, the axis with its ticks and tick labels, the legend. Every label hangs on a leader line
 * that rises from its mark to the label's left (or right) edge, like a flag on a pole.
 */
#include "chart.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#ifdef G_OS_UNIX
#include <unistd.h>
#else
#include <io.h>
#endif

#include "chart-layout.h"
#include "error.h"

/* Latin faces first, then the CJK face for Chinese titles and summaries. The CJK face must not
 * come before a Latin one: it has full-width forms of Latin punctuation, so with "Noto Sans"
 * missing (fonts-noto-cjk alone installs only the CJK faces) "Japan’s" came out as "Japan’ s". */
#define FONT_FAMILY "Noto Sans, DejaVu Sans, Noto Sans CJK SC, sans-serif"

#define DEFAULT_WIDTH 1600
#define MIN_WIDTH 200
#define MAX_SCALE 16.0
/* Cairo image surfaces are limited to 32767 pixels a side; an automatic height stays below. */
#define MAX_DEVICE_SIDE 32767.0

/* Type sizes, in user units. Absolute sizes: the chart is specified in pixels, not points. */
#define TITLE_SIZE 26.0
#define SUBTITLE_SIZE 14.0
#define SUMMARY_SIZE 12.5
#define DATE_SIZE 11.5
#define TICK_SIZE 12.0
#define LEGEND_SIZE 12.0
#define NOTE_SIZE 12.0
#define MESSAGE_SIZE 16.0

/* Label boxes. The leader meets the box's edge; the text starts LABEL_PAD_LEFT from that edge. */
#define LABEL_LINES 3 /* summary lines before the ellipsis */
#define LABEL_PAD_LEFT 7.0
#define LABEL_PAD_RIGHT 4.0
#define LABEL_PAD_Y 2.0
#define LABEL_GAP_X 10.0    /* free space between two labels of a row */
#define ROW_GAP 6.0         /* between label rows */
#define ROW_SLACK 4         /* rows a label may climb to avoid covering another leader */
#define LABEL_BAND_GAP 12.0 /* between the lowest label row and the marks */

/* Marks and axis. */
#define LANE_H 15.0
#define MAX_LANES 6
#define POINT_R 4.5
#define BAR_H 9.0
#define BAR_MIN_W 6.0
#define OPEN_MIN_W 48.0 /* an open span fades out over at least this much */
#define MARK_GAP 3.0
#define TICK_MAJOR 6.0
#define TICK_MINOR 3.0
#define TICK_TEXT_GAP 3.0
#define TICK_LABEL_GAP 14.0 /* free space between neighbouring tick labels */
#define MAX_TICKS 12
#define MIN_MINOR_SPACING 5.0

/* Legend. */
#define LEGEND_GAP 22.0 /* between the tick labels and the legend */
#define LEGEND_SWATCH_W 10.0
#define LEGEND_OPEN_W 20.0
#define LEGEND_SWATCH_GAP 6.0
#define LEGEND_ITEM_GAP 20.0
#define LEGEND_LINE_GAP 6.0
#define LEGEND_TEXT_MAX 280.0

typedef struct {
    double r, g, b;
} rgb;

/* Okabe & Ito's colour-blind-safe palette without its yellow, which is too pale on white,
 * ordered so that the first colours handed out are the most distinct from each other. */
static const guint32 palette[] = {
    0x0072B2, /* blue */
    0xD55E00, /* vermillion */
    0x009E73, /* bluish green */
    0xCC79A7, /* reddish purple */
    0xE69F00, /* orange */
    0x56B4E9, /* sky blue */
    0x000000, /* black */
};
#define N_PALETTE ((int)G_N_ELEMENTS(palette))

#define COLOUR_OTHER 0x8C8C8C /* sources beyond the palette */
#define COLOUR_TITLE 0x1A1A1A
#define COLOUR_TEXT 0x222222
#define COLOUR_SOFT 0x5A5A5A
#define COLOUR_FAINT 0x767676
#define COLOUR_AXIS 0x444444
#define COLOUR_MINOR 0xB4B4B4
#define COLOUR_LEADER 0xB0B0B0

static rgb hex_rgb(guint32 hex)
{
    rgb c = {(hex >> 16 & 0xff) / 255.0, (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0};
    return c;
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ------------------------------------------------------------------------------------------ */
/* Layout data */

typedef struct {
    chron_chart_box_kind kind;
    int event;             /* labels: index into the event list; otherwise -1 */
    int mark;              /* labels: index into layout.marks; otherwise -1 */
    PangoLayout *layout;   /* owned; NULL once a label is dropped */
    double x, y, w, h;     /* the box */
    double text_x, text_y; /* the text's logical rectangle, relative to the box */
    double lx, ly;         /* the logical rectangle's own offset inside the PangoLayout */
    double leader_x;       /* labels */
    int row;               /* labels: 0 nearest the axis */
    gboolean hang_left;    /* labels: box left of the leader, text right-aligned against it */
} text_item;

typedef struct {
    int event;
    rgb colour;
    gboolean point; /* a day: a dot; otherwise a bar */
    gboolean approximate, open_end;
    double t0, t1; /* Julian days, t1 exclusive */
    double x0, x1; /* horizontal extent of the drawn mark */
    double leader_x;
    int lane; /* 0 nearest the axis */
    double cy;
    int label; /* index into layout.texts, or -1 */
} mark;

typedef struct {
    double x;
    gboolean major;
} tick;

typedef enum {
    SWATCH_SOURCE,
    SWATCH_APPROX,
    SWATCH_OPEN,
} swatch_style;

typedef struct {
    swatch_style style;
    rgb colour;
    double x, cy; /* left edge, vertical centre */
} swatch;

typedef struct {
    PangoFontMap *fontmap;
    PangoContext *context;
    double width, height;
    double axis_x0, axis_x1, axis_y;
    double band_x0, band_x1, band_y0, band_y1;
    int n_lanes;
    GArray *texts;    /* text_item, drawing order */
    GArray *marks;    /* mark */
    GArray *ticks;    /* tick */
    GArray *swatches; /* swatch */
    guint n_events;   /* events with a mark */
    guint n_dropped;  /* labels that did not fit */
} layout;

/* Options with defaults applied. */
typedef struct {
    double width, height, scale;
    const char *title, *subtitle;
} options;

/* Where a time scale puts a Julian day: x = x0 + (t - t0) * k. */
typedef struct {
    double t0, k, x0;
} scale;

typedef struct {
    const char *key;   /* ev->doc, "" when NULL (borrowed) */
    const char *title; /* first non-empty doc_title among its events (borrowed), or NULL */
    guint count, first;
    int colour; /* palette index; -1 for the grey of the grouped remainder */
} source;

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

/* floor and ceil without libm, which the render library does not link. */
static double floor_d(double v)
{
    double t = (double)(gint64)v;
    return t > v ? t - 1.0 : t;
}

static double ceil_d(double v)
{
    double t = (double)(gint64)v;
    return t < v ? t + 1.0 : t;
}

/* Centre of the pixel column holding x, so that 1-unit lines land on whole device pixels at
 * integer scales. */
static double snap(double x)
{
    return floor_d(x) + 0.5;
}

static double x_of(const scale *s, double t)
{
    return s->x0 + (t - s->t0) * s->k;
}

static void set_rgb(cairo_t *cr, rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void set_rgba(cairo_t *cr, rgb c, double a)
{
    cairo_set_source_rgba(cr, c.r, c.g, c.b, a);
}

static gboolean all_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (!g_ascii_isdigit(s[i])) {
            return FALSE;
        }
    }
    return TRUE;
}

static int to_int(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static const char *ordinal_suffix(int n)
{
    if (n % 100 >= 11 && n % 100 <= 13) {
        return "th";
    }
    switch (n % 10) {
    case 1:
        return "st";
    case 2:
        return "nd";
    case 3:
        return "rd";
    default:
        return "th";
    }
}

/* Valid UTF-8 on one line: Pango warns about invalid UTF-8, and a stray newline would start a
 * paragraph that escapes the label's line limit. */
static char *clean_text(const char *s)
{
    char *v = g_utf8_make_valid(s ? s : "", -1);
    for (char *p = v; *p; p++) {
        if ((unsigned char)*p < 0x20) {
            *p = ' ';
        }
    }
    return g_strstrip(v);
}

/* ------------------------------------------------------------------------------------------ */
/* Dates as people write them */

/* A TIMEX3 DATE value in words: "2026-01-15" -> "15 Jan 2026", "2025-09" -> "Sep 2025",
 * "199X" -> "1990s", "19" -> "20th century". NULL for shapes it does not know. */
static char *date_from_value(const char *v)
{
    if (v == NULL) {
        return NULL;
    }
    int len = (int)strcspn(v, "T"); /* a time of day adds nothing at this scale */
    if (len >= 5 && all_digits(v, 4) && v[4] == '-') {
        int y = to_int(v, 4);
        const char *r = v + 5;
        int rl = len - 5;
        if (rl == 5 && all_digits(r, 2) && r[2] == '-' && all_digits(r + 3, 2)) {
            int m = to_int(r, 2), d = to_int(r + 3, 2);
            if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                return g_strdup_printf("%d %s %d", d, month_abbr[m - 1], y);
            }
        } else if (rl == 2 && all_digits(r, 2)) {
            int m = to_int(r, 2);
            if (m >= 1 && m <= 12) {
                return g_strdup_printf("%s %d", month_abbr[m - 1], y);
            }
        } else if (rl == 3 && r[0] == 'W' && all_digits(r + 1, 2)) {
            return g_strdup_printf("week %d, %d", to_int(r + 1, 2), y);
        } else if (rl == 2 && (r[0] == 'Q' || r[0] == 'H') && g_ascii_isdigit(r[1])) {
            return g_strdup_printf("%c%c %d", r[0], r[1], y);
        } else if (rl == 2) {
            static const char *const seasons[][2] = {
                {"SP", "spring"}, {"SU", "summer"}, {"FA", "autumn"}, {"WI", "winter"}};
            for (guint i = 0; i < G_N_ELEMENTS(seasons); i++) {
                if (strncmp(r, seasons[i][0], 2) == 0) {
                    return g_strdup_printf("%s %d", seasons[i][1], y);
                }
            }
        }
        return NULL;
    }
    if (len == 4 && all_digits(v, 4)) {
        return g_strdup_printf("%d", to_int(v, 4));
    }
    if ((len == 4 && all_digits(v, 3) && (v[3] == 'X' || v[3] == 'x')) ||
        (len == 3 && all_digits(v, 3))) {
        return g_strdup_printf("%ds", to_int(v, 3) * 10);
    }
    if ((len == 4 && all_digits(v, 2) && g_ascii_strncasecmp(v + 2, "XX", 2) == 0) ||
        (len == 2 && all_digits(v, 2))) {
        int c = to_int(v, 2) + 1;
        return g_strdup_printf("%d%s century", c, ordinal_suffix(c));
    }
    return NULL;
}

/* The span in words from start, end and granularity, for values date_from_value() does not
 * know (or events built without one). */
static char *date_from_span(const chron_event *ev)
{
    const GDate *s = &ev->start;
    int y = g_date_get_year(s);
    int m = g_date_get_month(s);
    switch (ev->granularity) {
    case CHRON_GRAN_DAY:
    case CHRON_GRAN_UNKNOWN:
        return g_strdup_printf("%d %s %d", g_date_get_day(s), month_abbr[m - 1], y);
    case CHRON_GRAN_WEEK:
        return g_strdup_printf("week of %d %s %d", g_date_get_day(s), month_abbr[m - 1], y);
    case CHRON_GRAN_MONTH:
        return g_strdup_printf("%s %d", month_abbr[m - 1], y);
    case CHRON_GRAN_SEASON:
    case CHRON_GRAN_QUARTER:
    case CHRON_GRAN_HALF:
        if (g_date_valid(&ev->end) && g_date_compare(&ev->end, s) > 0) {
            GDate last = ev->end;
            g_date_subtract_days(&last, 1);
            int m2 = g_date_get_month(&last), y2 = g_date_get_year(&last);
            if (y2 != y) {
                return g_strdup_printf("%s %d–%s %d", month_abbr[m - 1], y, month_abbr[m2 - 1], y2);
            }
            return g_strdup_printf("%s–%s %d", month_abbr[m - 1], month_abbr[m2 - 1], y);
        }
        return g_strdup_printf("%s %d", month_abbr[m - 1], y);
    case CHRON_GRAN_YEAR:
        return g_strdup_printf("%d", y);
    case CHRON_GRAN_DECADE:
        return g_strdup_printf("%ds", y / 10 * 10);
    case CHRON_GRAN_CENTURY:
        return g_strdup_printf("%d%s century", y / 100 + 1, ordinal_suffix(y / 100 + 1));
    }
    return g_strdup_printf("%d", y);
}

/* Words that qualify the date: "since 2018", "late 2022", "c. 1990s". */
static const char *date_prefix(const chron_event *ev, gboolean point)
{
    static const char *const mods[][3] = {
        /* mod, prefix, also for single days */
        {"APPROX", "c. ", "y"},       {"BEFORE", "before ", "y"},    {"AFTER", "after ", "y"},
        {"ON_OR_BEFORE", "by ", "y"}, {"ON_OR_AFTER", "from ", "y"}, {"START", "early ", ""},
        {"MID", "mid-", ""},          {"END", "late ", ""},
    };
    if (ev->open_end) {
        return "since ";
    }
    if (ev->mod == NULL) {
        return "";
    }
    for (guint i = 0; i < G_N_ELEMENTS(mods); i++) {
        if (strcmp(ev->mod, mods[i][0]) == 0) {
            return (!point || mods[i][2][0]) ? mods[i][1] : "";
        }
    }
    return "";
}

static char *event_date_text(const chron_event *ev, gboolean point)
{
    char *d = date_from_value(ev->value);
    if (d == NULL) {
        d = date_from_span(ev);
    }
    char *s = g_strconcat(date_prefix(ev, point), d, NULL);
    g_free(d);
    return s;
}

/* ------------------------------------------------------------------------------------------ */
/* Text */

static void text_item_clear(gpointer p)
{
    text_item *t = p;
    g_clear_object(&t->layout);
}

/* A PangoLayout in the chart's font. wrap_width > 0 wraps at word boundaries (falling back to
 * characters for a word wider than the line, which WORD alone would let overflow the box) and
 * ellipsises after max_lines lines per paragraph, so text is shortened at a glyph boundary and
 * never clipped. */
static PangoLayout *text_new(const layout *lo, const char *text, double size, PangoWeight weight,
                             PangoStyle style, double wrap_width, int max_lines)
{
    PangoLayout *pl = pango_layout_new(lo->context);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, weight);
    pango_font_description_set_style(fd, style);
    pango_layout_set_font_description(pl, fd);
    pango_font_description_free(fd);
    if (wrap_width > 0) {
        pango_layout_set_width(pl, pango_units_from_double(wrap_width));
        pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(pl, -max_lines);
    }
    pango_layout_set_text(pl, text, -1);
    return pl;
}

/* (Re)measures item t: box size from the text's logical rectangle plus padding. */
static void text_measure(text_item *t, double pad_l, double pad_r, double pad_y)
{
    PangoRectangle logical;
    pango_layout_get_extents(t->layout, NULL, &logical);
    t->lx = (double)logical.x / PANGO_SCALE;
    t->ly = (double)logical.y / PANGO_SCALE;
    t->text_x = pad_l;
    t->text_y = pad_y;
    t->w = (double)logical.width / PANGO_SCALE + pad_l + pad_r;
    t->h = (double)logical.height / PANGO_SCALE + 2 * pad_y;
}

/* Appends a text item that takes ownership of pl; returns its index. */
static guint text_add(layout *lo, chron_chart_box_kind kind, PangoLayout *pl, double pad_l,
                      double pad_r, double pad_y)
{
    text_item t = {0};
    t.kind = kind;
    t.event = -1;
    t.mark = -1;
    t.layout = pl;
    text_measure(&t, pad_l, pad_r, pad_y);
    g_array_append_val(lo->texts, t);
    return lo->texts->len - 1;
}

static text_item *text_at(const layout *lo, guint i)
{
    return &g_array_index(lo->texts, text_item, i);
}

/* ------------------------------------------------------------------------------------------ */
/* Options */

static gboolean options_resolve(const chron_chart_options *opt, options *o, GError **error)
{
    chron_chart_options none = {0};
    if (opt == NULL) {
        opt = &none;
    }
    o->width = opt->width == 0 ? DEFAULT_WIDTH : opt->width;
    o->height = opt->height;
    o->scale = opt->scale == 0 ? 1.0 : opt->scale;
    o->title = opt->title ? opt->title : "Timeline";
    o->subtitle = opt->subtitle;
    if (o->width < MIN_WIDTH || o->width > MAX_DEVICE_SIDE) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart width %d is out of range (%d to %d)", opt->width, MIN_WIDTH,
                    (int)MAX_DEVICE_SIDE);
        return FALSE;
    }
    if (o->height < 0 || o->height > MAX_DEVICE_SIDE) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart height %d is out of range (0 for automatic, up to %d)", opt->height,
                    (int)MAX_DEVICE_SIDE);
        return FALSE;
    }
    /* Written so that NaN fails too. */
    if (!(o->scale > 0 && o->scale <= MAX_SCALE)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart scale %g is out of range (above 0, up to %g)", opt->scale, MAX_SCALE);
        return FALSE;
    }
    return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Layout: sources and legend */

static int source_rank_cmp(const void *a, const void *b)
{
    const source *x = *(source *const *)a, *y = *(source *const *)b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Groups the marks' events by document and hands out colours: the sources with most events get
 * the palette in order, the rest share grey (a colour reused for a second source would lie).
 * Returns the sources in rank order; each mark's colour is set. */
static GArray *sources_collect(const chron_event_list *events, GArray *marks)
{
    GArray *src = g_array_new(FALSE, TRUE, sizeof(source));
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    guint *of_mark = g_new(guint, marks->len ? marks->len : 1);
    for (guint i = 0; i < marks->len; i++) {
        const chron_event *ev = chron_event_list_get(events, g_array_index(marks, mark, i).event);
        const char *key = ev->doc ? ev->doc : "";
        gpointer found;
        guint s;
        if (g_hash_table_lookup_extended(index, key, NULL, &found)) {
            s = GPOINTER_TO_UINT(found);
        } else {
            source n = {key, NULL, 0, i, -1};
            g_array_append_val(src, n);
            s = src->len - 1;
            g_hash_table_insert(index, (gpointer)key, GUINT_TO_POINTER(s));
        }
        source *so = &g_array_index(src, source, s);
        so->count++;
        if (so->title == NULL && ev->doc_title && ev->doc_title[0]) {
            so->title = ev->doc_title;
        }
        of_mark[i] = s;
    }
    source **ranked = g_new(source *, src->len ? src->len : 1);
    for (guint i = 0; i < src->len; i++) {
        ranked[i] = &g_array_index(src, source, i);
    }
    qsort(ranked, src->len, sizeof *ranked, source_rank_cmp);
    for (guint i = 0; i < src->len; i++) {
        ranked[i]->colour = (int)i < N_PALETTE ? (int)i : -1;
    }
    for (guint i = 0; i < marks->len; i++) {
        const source *so = &g_array_index(src, source, of_mark[i]);
        g_array_index(marks, mark, i).colour =
            so->colour >= 0 ? hex_rgb(palette[so->colour]) : hex_rgb(COLOUR_OTHER);
    }
    GArray *out = g_array_sized_new(FALSE, TRUE, sizeof(source), src->len);
    for (guint i = 0; i < src->len; i++) {
        g_array_append_val(out, *ranked[i]);
    }
    g_free(ranked);
    g_free(of_mark);
    g_hash_table_destroy(index);
    g_array_free(src, TRUE);
    return out;
}

static char *source_name(const source *s)
{
    if (s->title) {
        return clean_text(s->title);
    }
    if (s->key[0]) {
        char *base = g_path_get_basename(s->key);
        char *name = clean_text(base);
        g_free(base);
        return name;
    }
    return g_strdup("unknown source");
}

/* Adds one legend entry at *x on the line at *y, wrapping to a new line when it would not fit. */
static void legend_entry(layout *lo, swatch_style style, rgb colour, const char *text, double *x,
                         double *y, double line_h, double width)
{
    PangoLayout *pl = text_new(lo, text, LEGEND_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                               LEGEND_TEXT_MAX, 1);
    guint ti = text_add(lo, CHRON_CHART_BOX_LEGEND, pl, 0, 0, 0);
    text_item *t = text_at(lo, ti);
    double sw = style == SWATCH_OPEN ? LEGEND_OPEN_W : LEGEND_SWATCH_W;
    double entry_w = sw + LEGEND_SWATCH_GAP + t->w;
    if (*x > 0 && *x + entry_w > width) {
        *x = 0;
        *y += line_h + LEGEND_LINE_GAP;
    }
    swatch s = {style, colour, *x, *y + line_h / 2};
    g_array_append_val(lo->swatches, s);
    t->x = *x + sw + LEGEND_SWATCH_GAP;
    t->y = *y + (line_h - t->h) / 2;
    *x += entry_w + LEGEND_ITEM_GAP;
}

/* Lays the legend out at the origin within width; returns its height (0 when empty). The caller
 * moves the entries into place once the height of everything above is known. */
static double legend_build(layout *lo, const GArray *sources, gboolean any_approx,
                           gboolean any_open, double width)
{
    if (sources->len == 0) {
        return 0;
    }
    /* One line's height, the same for every entry: all are one line of the same font. */
    PangoLayout *probe =
        text_new(lo, "Ag", LEGEND_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
    PangoRectangle r;
    pango_layout_get_extents(probe, NULL, &r);
    g_object_unref(probe);
    double line_h = (double)r.height / PANGO_SCALE;

    double x = 0, y = 0;
    guint n_other = 0;
    const source *only_other = NULL;
    for (guint i = 0; i < sources->len; i++) {
        const source *s = &g_array_index(sources, source, i);
        if (s->colour < 0) {
            n_other++;
            only_other = s;
            continue;
        }
        char *name = source_name(s);
        legend_entry(lo, SWATCH_SOURCE, hex_rgb(palette[s->colour]), name, &x, &y, line_h, width);
        g_free(name);
    }
    if (n_other > 0) {
        char *name =
            n_other == 1 ? source_name(only_other) : g_strdup_printf("%u other sources", n_other);
        legend_entry(lo, SWATCH_SOURCE, hex_rgb(COLOUR_OTHER), name, &x, &y, line_h, width);
        g_free(name);
    }
    if (any_approx) {
        legend_entry(lo, SWATCH_APPROX, hex_rgb(COLOUR_FAINT), "approximate", &x, &y, line_h,
                     width);
    }
    if (any_open) {
        legend_entry(lo, SWATCH_OPEN, hex_rgb(COLOUR_FAINT), "ongoing", &x, &y, line_h, width);
    }
    return y + line_h;
}

/* ------------------------------------------------------------------------------------------ */
/* Layout: time axis */

typedef enum {
    UNIT_DAY,
    UNIT_MONTH,
    UNIT_YEAR,
} unit;

typedef struct {
    unit u;
    int n;
    double days; /* approximate length, to skip hopeless candidates cheaply */
    int minor;   /* index of the minor step, -1 for none */
} step;

/* Candidate major steps, finest first; each minor step divides its major evenly. */
static const step steps[] = {
    {UNIT_DAY, 1, 1, -1},         {UNIT_DAY, 7, 7, 0},           {UNIT_MONTH, 1, 30.44, 0},
    {UNIT_MONTH, 3, 91.31, 2},    {UNIT_YEAR, 1, 365.25, 2},     {UNIT_YEAR, 2, 730.5, 4},
    {UNIT_YEAR, 5, 1826.2, 4},    {UNIT_YEAR, 10, 3652.5, 4},    {UNIT_YEAR, 20, 7305, 6},
    {UNIT_YEAR, 50, 18262, 7},    {UNIT_YEAR, 100, 36525, 7},    {UNIT_YEAR, 200, 73050, 9},
    {UNIT_YEAR, 500, 182621, 10}, {UNIT_YEAR, 1000, 365242, 10},
};

static double julian(int y, int m, int d)
{
    if (y < 1) {
        return 1;
    }
    if (y > 9999) {
        y = 9999;
    }
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_dmy(&g, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    return g_date_get_julian(&g);
}

/* Tick times (Julian days) of step st in [t0, t1], at most limit of them (so a hopeless
 * candidate stops early); dates in *dates when not NULL. Day-level ticks sit at midday, where
 * the dots for those days are; longer steps sit on the boundaries (1 Jan, the 1st). */
static void step_ticks(const step *st, double t0, double t1, guint limit, GArray *times,
                       GArray *dates)
{
    if (t0 < 1) {
        t0 = 1;
    }
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_julian(&g, (guint32)floor_d(t0));
    int y = g_date_get_year(&g), m = g_date_get_month(&g);
    if (st->u == UNIT_DAY) {
        for (double j = floor_d(t0); j + 0.5 <= t1 && times->len < limit; j++) {
            if (j + 0.5 < t0) {
                continue;
            }
            GDate d;
            g_date_clear(&d, 1);
            g_date_set_julian(&d, (guint32)j);
            if (st->n == 7 && g_date_get_weekday(&d) != G_DATE_MONDAY) {
                continue;
            }
            double t = j + 0.5;
            g_array_append_val(times, t);
            if (dates) {
                g_array_append_val(dates, d);
            }
        }
    } else {
        /* Count in months (or years) from year 0 and start at a multiple of the step. */
        int i = st->u == UNIT_MONTH ? y * 12 + (m - 1) : y;
        i = (i + st->n - 1) / st->n * st->n;
        for (;; i += st->n) {
            int ty = st->u == UNIT_MONTH ? i / 12 : i;
            int tm = st->u == UNIT_MONTH ? i % 12 + 1 : 1;
            if (ty > 9999 || times->len >= limit) {
                break;
            }
            double t = julian(ty, tm, 1);
            if (t > t1) {
                break;
            }
            if (t < t0) {
                continue;
            }
            g_array_append_val(times, t);
            if (dates) {
                GDate d;
                g_date_clear(&d, 1);
                g_date_set_julian(&d, (guint32)t);
                g_array_append_val(dates, d);
            }
        }
    }
}

static char *tick_text(const step *st, const GDate *d, gboolean with_year)
{
    int y = g_date_get_year(d), m = g_date_get_month(d);
    switch (st->u) {
    case UNIT_YEAR:
        return g_strdup_printf("%d", y);
    case UNIT_MONTH:
        return g_strdup_printf("%s %d", month_abbr[m - 1], y);
    case UNIT_DAY:
        break;
    }
    if (with_year) {
        return g_strdup_printf("%d %s %d", g_date_get_day(d), month_abbr[m - 1], y);
    }
    return g_strdup_printf("%d %s", g_date_get_day(d), month_abbr[m - 1]);
}

/* Tries major step st: TRUE when it gives at most MAX_TICKS ticks whose labels keep
 * TICK_LABEL_GAP apart. On success the tick label items are appended (y still 0). */
static gboolean axis_try_step(layout *lo, const step *st, const scale *sc, double t0, double t1)
{
    if ((t1 - t0) / st->days > MAX_TICKS + 2) {
        return FALSE;
    }
    GArray *times = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *dates = g_array_new(FALSE, FALSE, sizeof(GDate));
    step_ticks(st, t0, t1, MAX_TICKS + 1, times, dates);
    gboolean ok = times->len <= MAX_TICKS;
    guint first = lo->texts->len;
    int prev_year = -1;
    for (guint i = 0; ok && i < times->len; i++) {
        const GDate *d = &g_array_index(dates, GDate, i);
        /* Day ticks name the year on the first label and where it changes. */
        gboolean with_year = g_date_get_year(d) != prev_year;
        char *s = tick_text(st, d, with_year);
        PangoLayout *pl = text_new(lo, s, TICK_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
        g_free(s);
        guint ti = text_add(lo, CHRON_CHART_BOX_TICK, pl, 0, 0, 0);
        text_item *t = text_at(lo, ti);
        t->x = x_of(sc, g_array_index(times, double, i)) - t->w / 2;
        if (t->x < 1 || t->x + t->w > lo->width - 1) {
            /* A tick at the very edge keeps its mark but not a label cut by the canvas. */
            g_array_remove_index(lo->texts, ti);
            continue;
        }
        prev_year = g_date_get_year(d);
        if (ti > first) {
            const text_item *p = text_at(lo, ti - 1);
            if (t->x < p->x + p->w + TICK_LABEL_GAP) {
                ok = FALSE;
            }
        }
    }
    if (ok) {
        for (guint i = 0; i < times->len; i++) {
            tick k = {snap(x_of(sc, g_array_index(times, double, i))), TRUE};
            g_array_append_val(lo->ticks, k);
        }
    } else {
        g_array_set_size(lo->texts, first); /* the clear func unrefs the layouts */
    }
    g_array_free(times, TRUE);
    g_array_free(dates, TRUE);
    return ok;
}

/* Picks the finest step with few enough ticks whose labels do not collide, and adds minor ticks
 * when they are at least MIN_MINOR_SPACING apart. */
static void axis_build(layout *lo, const scale *sc, double t0, double t1)
{
    int chosen = -1;
    for (guint i = 0; i < G_N_ELEMENTS(steps) && chosen < 0; i++) {
        if (axis_try_step(lo, &steps[i], sc, t0, t1)) {
            chosen = (int)i;
        }
    }
    if (chosen < 0) {
        return; /* beyond ten millennia: an axis without ticks */
    }
    int mi = steps[chosen].minor;
    if (mi >= 0 && steps[mi].days * sc->k >= MIN_MINOR_SPACING) {
        GArray *times = g_array_new(FALSE, FALSE, sizeof(double));
        step_ticks(&steps[mi], t0, t1, 2000, times, NULL);
        guint n_major = lo->ticks->len;
        for (guint i = 0; i < times->len; i++) {
            tick k = {snap(x_of(sc, g_array_index(times, double, i))), FALSE};
            gboolean dup = FALSE;
            for (guint j = 0; j < n_major && !dup; j++) {
                dup = g_array_index(lo->ticks, tick, j).x == k.x;
            }
            if (!dup) {
                g_array_append_val(lo->ticks, k);
            }
        }
        g_array_free(times, TRUE);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Layout: marks and labels */

static int mark_x_cmp(const void *a, const void *b)
{
    const mark *x = *(mark *const *)a, *y = *(mark *const *)b;
    if (x->x0 != y->x0) {
        return x->x0 < y->x0 ? -1 : 1;
    }
    return x->event - y->event;
}

/* Stacks marks that would overlap into lanes (first fit from the left). Beyond MAX_LANES a mark
 * shares the lane that frees up first: the band stays bounded and overlaps show through the
 * marks' translucency. Returns the number of lanes. */
static int marks_assign_lanes(GArray *marks)
{
    double right[MAX_LANES];
    int n_lanes = 0;
    mark **order = g_new(mark *, marks->len ? marks->len : 1);
    for (guint i = 0; i < marks->len; i++) {
        order[i] = &g_array_index(marks, mark, i);
    }
    qsort(order, marks->len, sizeof *order, mark_x_cmp);
    for (guint i = 0; i < marks->len; i++) {
        mark *m = order[i];
        int lane = -1;
        for (int l = 0; l < n_lanes && lane < 0; l++) {
            if (right[l] + MARK_GAP <= m->x0) {
                lane = l;
            }
        }
        if (lane < 0 && n_lanes < MAX_LANES) {
            lane = n_lanes++;
            right[lane] = m->x0;
        }
        if (lane < 0) {
            lane = 0;
            for (int l = 1; l < n_lanes; l++) {
                if (right[l] < right[lane]) {
                    lane = l;
                }
            }
        }
        m->lane = lane;
        right[lane] = MAX(right[lane], m->x1);
    }
    g_free(order);
    return n_lanes;
}

/* A label box within its row. */
typedef struct {
    double x0, x1;
    double leader;
} row_box;

typedef struct {
    GArray *boxes; /* row_box, sorted by x0, disjoint */
    GArray *poles; /* double: x of the leaders rising through this row to labels above, in
                      descending order (labels are placed right to left, so each is appended) */
    double height; /* of its tallest label */
} label_row;

typedef struct {
    double leader_x;
    int event;
    guint text;
} label_ref;

static int label_ref_cmp(const void *a, const void *b)
{
    const label_ref *x = a, *y = b;
    if (x->leader_x != y->leader_x) {
        return x->leader_x > y->leader_x ? -1 : 1;
    }
    return x->event - y->event;
}

/* Leaders closer than this are one pole: labels of one day stack as flags on it. */
#define SAME_POLE 0.25

/* Index of the first box of row whose x0 is >= x. */
static guint row_lower_bound(const label_row *row, double x)
{
    guint lo = 0, hi = row->boxes->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(row->boxes, row_box, mid).x0 < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Whether [x0, x1] keeps LABEL_GAP_X clear of every box of the row. */
static gboolean row_box_free(const label_row *row, double x0, double x1)
{
    guint i = row_lower_bound(row, x1 + LABEL_GAP_X);
    /* Boxes are disjoint and sorted, so only the one before i can reach into [x0, x1]. */
    return i == 0 || g_array_index(row->boxes, row_box, i - 1).x1 + LABEL_GAP_X <= x0;
}

/* How many leaders of other poles rising through the row a box (x0, x1) would hide. */
static guint row_poles_covered(const label_row *row, double x0, double x1, double a)
{
    const GArray *poles = row->poles;
    guint lo = 0, hi = poles->len;
    while (lo < hi) { /* first pole < x1 (descending order) */
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(poles, double, mid) >= x1) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    guint n = 0;
    for (guint i = lo; i < poles->len; i++) {
        double p = g_array_index(poles, double, i);
        if (p <= x0) {
            break;
        }
        if (p < a - SAME_POLE || p > a + SAME_POLE) {
            n++;
        }
    }
    return n;
}

/* Whether a leader at a rising through the row would pass behind one of its boxes. */
static gboolean row_pole_crossed(const label_row *row, double a)
{
    guint i = row_lower_bound(row, a);
    if (i == 0) {
        return FALSE;
    }
    const row_box *b = &g_array_index(row->boxes, row_box, i - 1);
    return b->x1 > a && (b->leader < a - SAME_POLE || b->leader > a + SAME_POLE);
}

/* Whether some leader other than a's lies strictly inside (x0, x1); leaders sorted ascending. */
static gboolean leaders_inside(const GArray *leaders, double x0, double x1, double a)
{
    guint lo = 0, hi = leaders->len;
    while (lo < hi) { /* first leader > x0 */
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(leaders, double, mid) <= x0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (guint i = lo; i < leaders->len; i++) {
        double p = g_array_index(leaders, double, i);
        if (p >= x1) {
            return FALSE;
        }
        if (p < a - SAME_POLE || p > a + SAME_POLE) {
            return TRUE;
        }
    }
    return FALSE;
}

static int double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static label_row *row_at(GArray *rows, guint r)
{
    return &g_array_index(rows, label_row, r);
}

static void rows_free(GArray *rows)
{
    for (guint i = 0; i < rows->len; i++) {
        g_array_free(row_at(rows, i)->boxes, TRUE);
        g_array_free(row_at(rows, i)->poles, TRUE);
    }
    g_array_free(rows, TRUE);
}

/* Packs label boxes into rows above the axis (row 0 nearest it) so that no two overlap.
 *
 * A label hangs from its leader like a flag, to the right of the pole (the time scale leaves
 * room for that), or to the left (text right-aligned against the pole) when that puts it lower
 * and its box covers no other label's leader, so it can never hide one.
 *
 * Labels are taken from right to left, each row keeping its boxes sorted (interval lookups in
 * O(log n)) and the leaders rising through it. A label hanging right starts at its own leader,
 * so its leader passes no box already placed; the one conflict left is its box covering the
 * leader of a label further right placed in a higher row. For each label the rows are tried
 * from the axis up: a row must have room for the box, and the cost is the number of leaders it
 * would cover. The first row with room at no cost wins; failing that, the cheapest within
 * ROW_SLACK rows of the first row with room (labels are drawn on a white ground, so a covered
 * leader disappears behind the label rather than striking through its text). Leaders at the
 * same x are one pole: the labels of one day stack as flags on it at no cost.
 *
 * The rows together may be at most max_rows_h tall: a row that would grow past it is no
 * candidate, and a label with no candidate row is dropped (row -1) before it reserves anything,
 * so the labels after it still get the rows below. Returns the rows (free with rows_free());
 * sets each label's row, x and side. */
static GArray *labels_pack(layout *lo, double x_min, double x_max, double max_rows_h)
{
    GArray *refs = g_array_new(FALSE, FALSE, sizeof(label_ref));
    GArray *leaders = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind == CHRON_CHART_BOX_LABEL) {
            label_ref r = {t->leader_x, t->event, i};
            g_array_append_val(refs, r);
            g_array_append_val(leaders, t->leader_x);
        }
    }
    qsort(refs->data, refs->len, sizeof(label_ref), label_ref_cmp);
    qsort(leaders->data, leaders->len, sizeof(double), double_cmp);

    GArray *rows = g_array_new(FALSE, TRUE, sizeof(label_row));
    double rows_h = 0; /* all rows, with the gaps between them */
    double prev_leader = -G_MAXDOUBLE;
    int prev_side = 0;
    for (guint i = 0; i < refs->len; i++) {
        text_item *t = text_at(lo, g_array_index(refs, label_ref, i).text);
        const double a = t->leader_x;
        /* The box's edge is half a unit outside the leader, so the 1-unit line lies inside it. */
        const double bx[2] = {a - 0.5, a + 0.5 - t->w}; /* hanging right, hanging left */
        gboolean allowed[2];
        allowed[1] = bx[1] >= x_min && !leaders_inside(leaders, bx[1], a + 0.5, a);
        /* The scale was stretched so that hanging right fits; should the canvas be too narrow
         * for that anyway, overhanging the margin still beats a collision. */
        allowed[0] = bx[0] + t->w <= x_max + 0.01 || !allowed[1];
        guint n_rows = rows->len, first_fit = G_MAXUINT, best_row = 0, best_cost = G_MAXUINT;
        int best_side = 0;
        /* Flags on one pole keep to one side when they can: hanging right, unless the previous
         * flag on this pole hangs left. */
        const int prefer = a < prev_leader + SAME_POLE ? prev_side : 0;
        guint crossed_below = 0; /* boxes below row r that the leader would pass behind */
        for (guint r = 0;; r++) {
            if (r > 0 && r - 1 < n_rows) {
                crossed_below += row_pole_crossed(row_at(rows, r - 1), a);
            }
            /* The height all rows would take with this label in row r. */
            double total =
                r < n_rows ? rows_h - row_at(rows, r)->height + MAX(row_at(rows, r)->height, t->h)
                           : rows_h + (n_rows ? ROW_GAP : 0) + t->h;
            for (int k = 0; k < 2 && best_cost > 0 && total <= max_rows_h; k++) {
                int side = k ^ prefer;
                if (!allowed[side]) {
                    continue;
                }
                guint cost = crossed_below;
                if (r < n_rows) {
                    const label_row *row = row_at(rows, r);
                    if (!row_box_free(row, bx[side], bx[side] + t->w)) {
                        continue;
                    }
                    cost += row_poles_covered(row, bx[side], bx[side] + t->w, a);
                }
                if (first_fit == G_MAXUINT) {
                    first_fit = r;
                }
                if (cost < best_cost) {
                    best_cost = cost;
                    best_row = r;
                    best_side = side;
                }
            }
            /* Above the top row nothing changes any more: every higher row costs the same. */
            if (best_cost == 0 || r >= n_rows ||
                (first_fit != G_MAXUINT && r >= first_fit + ROW_SLACK)) {
                break;
            }
        }
        if (best_cost == G_MAXUINT) {
            t->row = -1; /* no room left under the height limit */
            continue;
        }
        prev_leader = a;
        prev_side = best_side;
        if (best_row == n_rows) {
            label_row nr = {g_array_new(FALSE, FALSE, sizeof(row_box)),
                            g_array_new(FALSE, FALSE, sizeof(double)), 0};
            g_array_append_val(rows, nr);
        }
        label_row *row = row_at(rows, best_row);
        row_box b = {bx[best_side], bx[best_side] + t->w, a};
        g_array_insert_val(row->boxes, row_lower_bound(row, b.x0), b);
        rows_h +=
            (best_row == n_rows && n_rows ? ROW_GAP : 0) + MAX(row->height, t->h) - row->height;
        row->height = MAX(row->height, t->h);
        for (guint r = 0; r < best_row; r++) {
            g_array_append_val(row_at(rows, r)->poles, a); /* a is the smallest yet */
        }
        t->row = (int)best_row;
        t->x = bx[best_side];
        t->hang_left = best_side == 1;
    }
    g_array_free(refs, TRUE);
    g_array_free(leaders, TRUE);
    return rows;
}

/* The label text: the date on its own line (bold, grey), then the summary in up to LABEL_LINES
 * lines. The line limit counts per paragraph, so the date never eats a summary line. */
static PangoLayout *label_new(const layout *lo, const chron_event *ev, gboolean point,
                              double wrap_width)
{
    char *date = event_date_text(ev, point);
    const char *raw = ev->summary && ev->summary[0] ? ev->summary : ev->timex;
    char *summary = clean_text(raw);
    char *text = summary[0] ? g_strconcat(date, "\n", summary, NULL) : g_strdup(date);
    PangoLayout *pl = text_new(lo, text, SUMMARY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                               wrap_width, LABEL_LINES);
    PangoAttrList *attrs = pango_attr_list_new();
    guint date_len = (guint)strlen(date);
    PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    a = pango_attr_size_new_absolute((int)(DATE_SIZE * PANGO_SCALE));
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    /* 8-bit channels to Pango's 16-bit: 0xab -> 0xabab. */
    a = pango_attr_foreground_new((COLOUR_SOFT >> 16 & 0xff) * 257, (COLOUR_SOFT >> 8 & 0xff) * 257,
                                  (COLOUR_SOFT & 0xff) * 257);
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    pango_layout_set_attributes(pl, attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
    g_free(summary);
    g_free(date);
    return pl;
}

static char *default_subtitle(const chron_event_list *events, const GArray *marks, guint n_sources)
{
    int y0 = G_MAXINT, y1 = G_MININT;
    for (guint i = 0; i < marks->len; i++) {
        const mark *m = &g_array_index(marks, mark, i);
        const chron_event *ev = chron_event_list_get(events, m->event);
        GDate last;
        g_date_clear(&last, 1);
        g_date_set_julian(&last, (guint32)m->t1 - 1);
        y0 = MIN(y0, (int)g_date_get_year(&ev->start));
        y1 = MAX(y1, (int)g_date_get_year(&last));
    }
    char *years = y0 == y1 ? g_strdup_printf("%d", y0) : g_strdup_printf("%d–%d", y0, y1);
    char *s =
        g_strdup_printf("%u event%s from %u source%s, %s", marks->len, marks->len == 1 ? "" : "s",
                        n_sources, n_sources == 1 ? "" : "s", years);
    g_free(years);
    return s;
}

/* ------------------------------------------------------------------------------------------ */
/* Layout */

static layout *layout_new(double width)
{
    layout *lo = g_new0(layout, 1);
    /* A font map of our own: nothing is shared with, or left behind in, the caller's thread. */
    lo->fontmap = pango_cairo_font_map_new();
    lo->context = pango_font_map_create_context(lo->fontmap);
    pango_context_set_language(lo->context, pango_language_from_string("en"));
    /* Unhinted outlines and metrics, unrounded positions: text measures the same for a 1x PNG,
     * a 2x PNG, SVG and PDF, so one layout serves them all. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(lo->context, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(lo->context, FALSE);
    lo->width = width;
    lo->texts = g_array_new(FALSE, TRUE, sizeof(text_item));
    g_array_set_clear_func(lo->texts, text_item_clear);
    lo->marks = g_array_new(FALSE, TRUE, sizeof(mark));
    lo->ticks = g_array_new(FALSE, TRUE, sizeof(tick));
    lo->swatches = g_array_new(FALSE, TRUE, sizeof(swatch));
    return lo;
}

static void layout_free(layout *lo)
{
    if (lo == NULL) {
        return;
    }
    g_array_free(lo->texts, TRUE);
    g_array_free(lo->marks, TRUE);
    g_array_free(lo->ticks, TRUE);
    g_array_free(lo->swatches, TRUE);
    g_object_unref(lo->context);
    g_object_unref(lo->fontmap);
    g_free(lo);
}

/* Moves texts [t_from, t_to) and swatches [s_from, s_to) by (dx, dy). */
static void translate_items(layout *lo, guint t_from, guint t_to, guint s_from, guint s_to,
                            double dx, double dy)
{
    for (guint i = t_from; i < t_to; i++) {
        text_at(lo, i)->x += dx;
        text_at(lo, i)->y += dy;
    }
    for (guint i = s_from; i < s_to; i++) {
        g_array_index(lo->swatches, swatch, i).x += dx;
        g_array_index(lo->swatches, swatch, i).cy += dy;
    }
}

static void drop_label(layout *lo, text_item *t)
{
    g_clear_object(&t->layout);
    g_array_index(lo->marks, mark, t->mark).label = -1;
    lo->n_dropped++;
}

/* Computes the whole chart: every box, mark and tick, in user units. The one place where
 * positions are decided; draw() only paints. NULL with error set when the options are invalid
 * or a fixed height cannot hold the chart's frame. */
static layout *layout_compute(const chron_event_list *events, const chron_chart_options *opt,
                              GError **error)
{
    options o;
    if (!options_resolve(opt, &o, error)) {
        return NULL;
    }
    layout *lo = layout_new(o.width);
    const double margin = CLAMP(o.width * 0.025, 16.0, 40.0);
    const double left = margin, right = o.width - margin, content_w = right - left;
    /* An automatic height stays within what a PNG at this scale can hold. */
    const double max_height = floor_d(MAX_DEVICE_SIDE / o.scale);

    /* Marks: one per event with a usable start date, in list order. */
    guint n_all = events ? chron_event_list_count(events) : 0;
    gboolean any_approx = FALSE, any_open = FALSE;
    for (guint i = 0; i < n_all; i++) {
        const chron_event *ev = chron_event_list_get(events, i);
        if (ev == NULL || !g_date_valid(&ev->start)) {
            continue;
        }
        mark m = {0};
        m.event = (int)i;
        m.t0 = g_date_get_julian(&ev->start);
        m.t1 = g_date_valid(&ev->end) && g_date_compare(&ev->end, &ev->start) > 0
                   ? g_date_get_julian(&ev->end)
                   : m.t0 + 1;
        m.open_end = ev->open_end;
        m.point = !m.open_end && (ev->granularity == CHRON_GRAN_DAY ||
                                  (ev->granularity == CHRON_GRAN_UNKNOWN && m.t1 - m.t0 <= 1));
        m.approximate = ev->approximate;
        m.label = -1;
        any_approx |= m.approximate;
        any_open |= m.open_end;
        g_array_append_val(lo->marks, m);
    }
    lo->n_events = lo->marks->len;
    GArray *sources = sources_collect(events, lo->marks);

    /* Header: the title wraps to two lines at most; the subtitle is one line. */
    char *title = clean_text(o.title);
    PangoLayout *pl =
        text_new(lo, title, TITLE_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_w, 2);
    g_free(title);
    guint title_i = text_add(lo, CHRON_CHART_BOX_TITLE, pl, 0, 0, 0);
    text_at(lo, title_i)->x = left;
    text_at(lo, title_i)->y = margin;
    double y = margin + text_at(lo, title_i)->h + 2;

    char *sub = o.subtitle            ? clean_text(o.subtitle)
                : lo->marks->len == 0 ? g_strdup("")
                                      : default_subtitle(events, lo->marks, sources->len);
    pl = text_new(lo, sub, SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, content_w, 1);
    guint sub_i = text_add(lo, CHRON_CHART_BOX_SUBTITLE, pl, 0, 0, 0);
    text_at(lo, sub_i)->x = left;
    text_at(lo, sub_i)->y = y;
    const double sub_y = y, sub_h = text_at(lo, sub_i)->h; /* an empty layout still has a line */
    if (sub[0] == '\0') {
        g_array_remove_index(lo->texts, sub_i);
        sub_i = G_MAXUINT;
    }
    g_free(sub);
    const double header_bottom = sub_y + sub_h + 16;

    if (lo->marks->len == 0) {
        /* Still a chart: the title and a plain statement instead of an empty axis. */
        pl = text_new(lo, "No dated events", MESSAGE_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                      0, 1);
        guint mi = text_add(lo, CHRON_CHART_BOX_NOTE, pl, 0, 0, 0);
        text_item *t = text_at(lo, mi);
        double body_h = o.height > 0 ? o.height - margin - header_bottom : 120;
        if (body_h < t->h) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                        "chart height %g is too small: this chart needs at least %g", o.height,
                        ceil_d(header_bottom + t->h + margin));
            g_array_free(sources, TRUE);
            layout_free(lo);
            return NULL;
        }
        t->x = left + (content_w - t->w) / 2;
        t->y = header_bottom + (body_h - t->h) / 2;
        lo->height = o.height > 0 ? o.height : ceil_d(header_bottom + body_h + margin);
        g_array_free(sources, TRUE);
        return lo;
    }

    /* Legend, laid out at the origin and moved into place at the end. */
    guint legend_text = lo->texts->len, legend_swatch = lo->swatches->len;
    double legend_h = legend_build(lo, sources, any_approx, any_open, content_w);
    guint legend_text_end = lo->texts->len, legend_swatch_end = lo->swatches->len;
    g_array_free(sources, TRUE);

    /* Label texts. Their widths decide how much room the time scale leaves on the right. */
    double wrap_w = CLAMP(o.width * 0.18, 140.0, 230.0);
    wrap_w = MIN(wrap_w, content_w * 0.45);
    for (guint i = 0; i < lo->marks->len; i++) {
        mark *m = &g_array_index(lo->marks, mark, i);
        const chron_event *ev = chron_event_list_get(events, m->event);
        guint ti = text_add(lo, CHRON_CHART_BOX_LABEL, label_new(lo, ev, m->point, wrap_w),
                            LABEL_PAD_LEFT, LABEL_PAD_RIGHT, LABEL_PAD_Y);
        text_item *t = text_at(lo, ti);
        t->event = m->event;
        t->mark = (int)i;
        m->label = (int)ti;
    }

    /* Time scale: the events' span padded by 3% (at least a day; ten days in all at least, so a
     * single day still gets a readable axis). Labels hang to the right of their leader unless
     * there is room on the left, so the scale is stretched until the latest label ends inside
     * the canvas; the axis itself stops at the padded span and the stretch is blank room for
     * those labels. */
    double tmin = G_MAXDOUBLE, tmax = -G_MAXDOUBLE;
    for (guint i = 0; i < lo->marks->len; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        tmin = MIN(tmin, m->t0);
        tmax = MAX(tmax, m->t1);
    }
    double span = tmax - tmin;
    double pad = MAX(span * 0.03, 1.0);
    if (span + 2 * pad < 10) {
        pad = (10 - span) / 2;
    }
    const double t0 = tmin - pad, t1_axis = tmax + pad;
    double t1 = t1_axis;
    for (guint i = 0; i < lo->marks->len; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        const text_item *t = text_at(lo, m->label);
        double t_leader = m->point ? m->t0 + 0.5 : m->t0;
        double need = t->w + (m->point ? 0 : 3) + 1; /* the leader's inset on bars, snapping */
        double room = MAX(content_w - need, content_w * 0.2);
        t1 = MAX(t1, t0 + (t_leader - t0) * content_w / room);
    }
    const scale sc = {t0, content_w / (t1 - t0), left};
    lo->axis_x0 = x_of(&sc, t0);
    lo->axis_x1 = x_of(&sc, t1_axis);

    /* Marks in x, and their leaders. */
    for (guint i = 0; i < lo->marks->len; i++) {
        mark *m = &g_array_index(lo->marks, mark, i);
        if (m->point) {
            double cx = x_of(&sc, m->t0 + 0.5);
            m->x0 = cx - POINT_R;
            m->x1 = cx + POINT_R;
            m->leader_x = snap(cx);
        } else {
            m->x0 = x_of(&sc, m->t0);
            m->x1 = MAX(x_of(&sc, m->t1), m->x0 + (m->open_end ? OPEN_MIN_W : BAR_MIN_W));
            m->x1 = MAX(MIN(m->x1, o.width - margin / 2), m->x0 + BAR_MIN_W);
            /* Just inside the rounded end, so the leader visibly grows out of the bar. */
            m->leader_x = snap(m->x0 + MIN(3.0, (m->x1 - m->x0) / 2));
        }
        text_at(lo, m->label)->leader_x = m->leader_x;
    }
    lo->n_lanes = marks_assign_lanes(lo->marks);

    /* Axis ticks (x only; y once the band is placed). */
    guint ticks_text = lo->texts->len;
    axis_build(lo, &sc, t0, t1_axis);
    guint ticks_end = lo->texts->len;
    double tick_h = 0;
    for (guint i = ticks_text; i < ticks_end; i++) {
        tick_h = MAX(tick_h, text_at(lo, i)->h);
    }
    if (tick_h == 0) {
        tick_h = TICK_SIZE * 1.3;
    }

    /* Vertical assembly, bottom up: margin, legend, band (mark lanes, axis, tick labels), label
     * rows, header. Everything but the rows is known now, hence the height the rows may take:
     * what a fixed height leaves, or for an automatic height what a PNG can hold. */
    const double lanes_h = lo->n_lanes * LANE_H;
    const double band_h = 2 + lanes_h + 4 + TICK_MAJOR + TICK_TEXT_GAP + tick_h;
    const double frame_below_rows =
        LABEL_BAND_GAP + band_h + (legend_h > 0 ? LEGEND_GAP : 0) + legend_h + margin;
    const double frame_h = header_bottom + frame_below_rows;
    const double limit = o.height > 0 ? o.height : max_height;
    if (limit < frame_h) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart height %g is too small: this chart needs at least %g", limit,
                    ceil_d(frame_h));
        layout_free(lo);
        return NULL;
    }

    /* Label rows. A label hanging left has its text right-aligned against its leader. */
    GArray *rows = labels_pack(lo, left, right, limit - frame_h);
    double rows_h = 0;
    for (guint r = 0; r < rows->len; r++) {
        rows_h += row_at(rows, r)->height + (r ? ROW_GAP : 0);
    }
    lo->height = o.height > 0 ? o.height : ceil_d(frame_h + rows_h);
    lo->band_x0 = left;
    lo->band_x1 = right;
    lo->band_y0 = lo->height - frame_below_rows + LABEL_BAND_GAP;
    lo->band_y1 = lo->band_y0 + band_h;
    const double lanes_top = lo->band_y0 + 2;
    lo->axis_y = snap(lanes_top + lanes_h + 4);

    /* Row bottoms, from row 0 upwards; labels sit on their row's bottom, near the axis. */
    double *row_bottom = g_new(double, rows->len ? rows->len : 1);
    double yb = lo->band_y0 - LABEL_BAND_GAP;
    for (guint r = 0; r < rows->len; r++) {
        row_bottom[r] = yb;
        yb -= row_at(rows, r)->height + ROW_GAP;
    }
    for (guint i = 0; i < lo->texts->len; i++) {
        text_item *t = text_at(lo, i);
        if (t->kind != CHRON_CHART_BOX_LABEL) {
            continue;
        }
        if (t->row < 0) {
            drop_label(lo, t);
            continue;
        }
        if (t->hang_left) {
            pango_layout_set_alignment(t->layout, PANGO_ALIGN_RIGHT);
            text_measure(t, LABEL_PAD_RIGHT, LABEL_PAD_LEFT, LABEL_PAD_Y);
        }
        t->y = row_bottom[t->row] - t->h;
    }
    g_free(row_bottom);
    rows_free(rows);

    for (guint i = 0; i < lo->marks->len; i++) {
        mark *m = &g_array_index(lo->marks, mark, i);
        m->cy = lanes_top + (lo->n_lanes - 1 - m->lane) * LANE_H + LANE_H / 2;
    }
    for (guint i = ticks_text; i < ticks_end; i++) {
        text_at(lo, i)->y = lo->axis_y + TICK_MAJOR + TICK_TEXT_GAP;
    }
    translate_items(lo, legend_text, legend_text_end, legend_swatch, legend_swatch_end, left,
                    lo->band_y1 + LEGEND_GAP);

    /* "+K more" at the right of the subtitle line; the subtitle gives way (ellipsised). */
    if (lo->n_dropped > 0) {
        char *s = g_strdup_printf("+%u more", lo->n_dropped);
        pl = text_new(lo, s, NOTE_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 0, 1);
        g_free(s);
        guint ni = text_add(lo, CHRON_CHART_BOX_NOTE, pl, 0, 0, 0);
        text_item *n = text_at(lo, ni);
        n->x = right - n->w;
        n->y = sub_y + (sub_h - n->h) / 2;
        if (sub_i != G_MAXUINT) {
            text_item *st = text_at(lo, sub_i);
            pango_layout_set_width(st->layout,
                                   pango_units_from_double(MAX(content_w - n->w - 16, 1.0)));
            text_measure(st, 0, 0, 0);
        }
    }
    return lo;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing */

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
    r = MIN(r, MIN(w, h) / 2);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

static void draw_text(cairo_t *cr, const text_item *t, rgb colour)
{
    set_rgb(cr, colour);
    cairo_move_to(cr, t->x + t->text_x - t->lx, t->y + t->text_y - t->ly);
    pango_cairo_show_layout(cr, t->layout);
}

/* An open span: solid at the start, fading out to the right ("since 2018, and still"). */
static void fill_fading(cairo_t *cr, rgb c, double alpha, double x0, double x1)
{
    cairo_pattern_t *g = cairo_pattern_create_linear(x0, 0, x1, 0);
    cairo_pattern_add_color_stop_rgba(g, 0, c.r, c.g, c.b, alpha);
    cairo_pattern_add_color_stop_rgba(g, 0.5, c.r, c.g, c.b, alpha * 0.8);
    cairo_pattern_add_color_stop_rgba(g, 1, c.r, c.g, c.b, 0);
    cairo_set_source(cr, g);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
}

static void draw_mark(cairo_t *cr, const mark *m)
{
    if (m->point) {
        double cx = (m->x0 + m->x1) / 2;
        cairo_new_path(cr);
        if (m->approximate) {
            /* Hollow: the day is not certain. */
            cairo_arc(cr, cx, m->cy, POINT_R - 0.8, 0, 2 * G_PI);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill_preserve(cr);
            set_rgb(cr, m->colour);
            cairo_set_line_width(cr, 1.6);
            cairo_stroke(cr);
        } else {
            /* A white rim keeps dots that share a lane apart. */
            cairo_arc(cr, cx, m->cy, POINT_R, 0, 2 * G_PI);
            set_rgba(cr, m->colour, 0.9);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
        }
        return;
    }
    double y = m->cy - BAR_H / 2, w = m->x1 - m->x0;
    cairo_new_path(cr);
    rounded_rect(cr, m->x0, y, w, BAR_H, 3);
    if (m->open_end) {
        fill_fading(cr, m->colour, m->approximate ? 0.45 : 0.9, m->x0, m->x1);
    } else if (m->approximate) {
        /* Pale fill, dashed outline: roughly then. */
        set_rgba(cr, m->colour, 0.18);
        cairo_fill_preserve(cr);
        static const double dash[] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.2);
        set_rgb(cr, m->colour);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    } else {
        set_rgba(cr, m->colour, 0.85);
        cairo_fill(cr);
    }
}

static void draw_swatch(cairo_t *cr, const swatch *s)
{
    cairo_new_path(cr);
    double r = LEGEND_SWATCH_W / 2;
    switch (s->style) {
    case SWATCH_SOURCE:
        cairo_arc(cr, s->x + r, s->cy, r, 0, 2 * G_PI);
        set_rgb(cr, s->colour);
        cairo_fill(cr);
        break;
    case SWATCH_APPROX:
        cairo_arc(cr, s->x + r, s->cy, r - 0.8, 0, 2 * G_PI);
        set_rgb(cr, s->colour);
        cairo_set_line_width(cr, 1.6);
        cairo_stroke(cr);
        break;
    case SWATCH_OPEN:
        rounded_rect(cr, s->x, s->cy - BAR_H / 2, LEGEND_OPEN_W, BAR_H, 3);
        fill_fading(cr, s->colour, 0.9, s->x, s->x + LEGEND_OPEN_W);
        break;
    }
}

/* Paints the layout. Order matters: leaders first, so marks sit on them and label grounds hide
 * any leader that passes behind a label. */
static void draw(const layout *lo, cairo_t *cr)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        switch (t->kind) {
        case CHRON_CHART_BOX_TITLE:
            draw_text(cr, t, hex_rgb(COLOUR_TITLE));
            break;
        case CHRON_CHART_BOX_SUBTITLE:
            draw_text(cr, t, hex_rgb(COLOUR_SOFT));
            break;
        case CHRON_CHART_BOX_NOTE:
            draw_text(cr, t, hex_rgb(COLOUR_FAINT));
            break;
        case CHRON_CHART_BOX_LEGEND:
            draw_text(cr, t, hex_rgb(COLOUR_SOFT));
            break;
        case CHRON_CHART_BOX_TICK:
        case CHRON_CHART_BOX_LABEL:
            break;
        }
    }
    for (guint i = 0; i < lo->swatches->len; i++) {
        draw_swatch(cr, &g_array_index(lo->swatches, swatch, i));
    }
    if (lo->marks->len == 0) {
        return;
    }

    /* Leaders: from the top of the mark to the bottom of the label. */
    cairo_set_line_width(cr, 1);
    set_rgb(cr, hex_rgb(COLOUR_LEADER));
    for (guint i = 0; i < lo->marks->len; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        if (m->label < 0) {
            continue;
        }
        const text_item *t = text_at(lo, m->label);
        double top = m->cy - (m->point ? POINT_R : BAR_H / 2);
        cairo_move_to(cr, m->leader_x, top);
        cairo_line_to(cr, m->leader_x, t->y + t->h);
    }
    cairo_stroke(cr);

    /* Marks, top lanes first so that those nearest the axis are drawn over leaders. */
    for (int lane = lo->n_lanes - 1; lane >= 0; lane--) {
        for (guint i = 0; i < lo->marks->len; i++) {
            const mark *m = &g_array_index(lo->marks, mark, i);
            if (m->lane == lane) {
                draw_mark(cr, m);
            }
        }
    }

    /* Axis and ticks. */
    cairo_set_line_width(cr, 1);
    set_rgb(cr, hex_rgb(COLOUR_MINOR));
    for (guint i = 0; i < lo->ticks->len; i++) {
        const tick *k = &g_array_index(lo->ticks, tick, i);
        if (!k->major) {
            cairo_move_to(cr, k->x, lo->axis_y);
            cairo_line_to(cr, k->x, lo->axis_y + TICK_MINOR);
        }
    }
    cairo_stroke(cr);
    set_rgb(cr, hex_rgb(COLOUR_AXIS));
    cairo_move_to(cr, lo->axis_x0, lo->axis_y);
    cairo_line_to(cr, lo->axis_x1, lo->axis_y);
    for (guint i = 0; i < lo->ticks->len; i++) {
        const tick *k = &g_array_index(lo->ticks, tick, i);
        if (k->major) {
            cairo_move_to(cr, k->x, lo->axis_y);
            cairo_line_to(cr, k->x, lo->axis_y + TICK_MAJOR);
        }
    }
    cairo_stroke(cr);
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind == CHRON_CHART_BOX_TICK) {
            draw_text(cr, t, hex_rgb(COLOUR_AXIS));
        }
    }

    /* Labels: a white ground, a flag edge in the source's colour, the text. */
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind != CHRON_CHART_BOX_LABEL || t->layout == NULL) {
            continue;
        }
        const mark *m = &g_array_index(lo->marks, mark, t->mark);
        cairo_new_path(cr);
        rounded_rect(cr, t->x, t->y, t->w, t->h, 2);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
        cairo_fill(cr);
        cairo_rectangle(cr, t->hang_left ? t->x + t->w - 2.5 : t->x, t->y, 2.5, t->h);
        set_rgba(cr, m->colour, m->approximate ? 0.5 : 1);
        cairo_fill(cr);
        draw_text(cr, t, hex_rgb(COLOUR_TEXT));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Output */

/* Cairo's stream callback writing to a file descriptor; remembers the first errno. */
typedef struct {
    int fd;
    int err;
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    sink *s = closure;
    while (length > 0 && s->err == 0) {
        ssize_t n = write(s->fd, data, length);
        if (n <= 0) {
            if (n == 0) {
                s->err = EIO; /* no progress: do not spin */
            } else if (errno != EINTR) {
                s->err = errno;
            }
            continue;
        }
        data += n;
        length -= (unsigned int)n;
    }
    return s->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Draws lo onto a fresh surface of format fmt streamed into s. Returns the first Cairo error. */
static cairo_status_t render_to(const layout *lo, chron_chart_format fmt, double scale_factor,
                                const char *title, sink *s)
{
    cairo_surface_t *surface = NULL;
    switch (fmt) {
    case CHRON_CHART_PNG:
        /* Opaque RGB: the background is white anyway, and the file is smaller. */
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                             (int)ceil_d(lo->width * scale_factor - 1e-9),
                                             (int)ceil_d(lo->height * scale_factor - 1e-9));
        cairo_surface_set_device_scale(surface, scale_factor, scale_factor);
        break;
    case CHRON_CHART_SVG:
        surface = cairo_svg_surface_create_for_stream(sink_write, s, lo->width, lo->height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
        /* Cairo 1.16 defaults to pt, which would make a "1600" wide chart 2133 px in a
         * browser. */
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
#endif
        break;
    case CHRON_CHART_PDF:
        surface = cairo_pdf_surface_create_for_stream(sink_write, s, lo->width, lo->height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
        {
            char *t = clean_text(title); /* PDF metadata wants valid UTF-8 too */
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, t);
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "chronicle");
            g_free(t);
        }
#endif
        break;
    }
    cairo_status_t status = cairo_surface_status(surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        draw(lo, cr);
        status = cairo_status(cr);
        cairo_destroy(cr);
    }
    if (status == CAIRO_STATUS_SUCCESS && fmt == CHRON_CHART_PNG) {
        status = cairo_surface_write_to_png_stream(surface, sink_write, s);
    }
    /* Vector surfaces write most of the file here; write errors show up in the status. */
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_status(surface);
    }
    cairo_surface_destroy(surface);
    return status;
}

gboolean chron_chart_format_from_path(const char *path, chron_chart_format *out)
{
    static const struct {
        const char *ext;
        chron_chart_format fmt;
    } formats[] = {{"png", CHRON_CHART_PNG}, {"svg", CHRON_CHART_SVG}, {"pdf", CHRON_CHART_PDF}};
    if (path == NULL) {
        return FALSE;
    }
    const char *base = strrchr(path, '/');
#ifdef G_OS_WIN32
    const char *bs = strrchr(path, '\\');
    if (bs && (!base || bs > base)) {
        base = bs;
    }
#endif
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot == NULL || dot == base) { /* "png" or ".png": a name, not an extension */
        return FALSE;
    }
    for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
        if (g_ascii_strcasecmp(dot + 1, formats[i].ext) == 0) {
            if (out) {
                *out = formats[i].fmt;
            }
            return TRUE;
        }
    }
    return FALSE;
}

gboolean chron_chart_render(const chron_event_list *events, const chron_chart_options *opt,
                            const char *path, GError **error)
{
    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

    chron_chart_format fmt;
    if (!chron_chart_format_from_path(path, &fmt)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "%s: unknown chart format (use a .png, .svg or .pdf file name)", path);
        return FALSE;
    }
    double scale_factor = opt && opt->scale != 0 ? opt->scale : 1.0;
    layout *lo = layout_compute(events, opt, error);
    if (lo == NULL) {
        g_prefix_error(error, "%s: ", path);
        return FALSE;
    }
    if (fmt == CHRON_CHART_PNG && lo->width * scale_factor > MAX_DEVICE_SIDE) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "%s: %g pixels wide at scale %g is more than a PNG can hold (%d)", path,
                    lo->width, scale_factor, (int)MAX_DEVICE_SIDE);
        layout_free(lo);
        return FALSE;
    }

    /* A temporary file next to the target, renamed over it once complete: readers never see a
     * half-written chart and a failure leaves the old file alone. (g_file_open_tmp() would put
     * it in /tmp, from where a rename may cross file systems.) */
    char *tmp = g_strdup_printf("%s.XXXXXX", path);
    gboolean ok = FALSE;
    int fd = g_mkstemp_full(tmp, O_RDWR, 0666); /* 0666 minus umask, like any new file */
    if (fd < 0) {
        int e = errno;
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: cannot create a temporary file: %s",
                    path, g_strerror(e));
        goto out;
    }
    sink s = {fd, 0};
    cairo_status_t status =
        render_to(lo, fmt, scale_factor, opt && opt->title ? opt->title : "Timeline", &s);
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, CHRON_ERROR, s.err ? CHRON_ERROR_IO : CHRON_ERROR_INVALID,
                    "%s: cannot write chart: %s", path,
                    s.err ? g_strerror(s.err) : cairo_status_to_string(status));
        g_close(fd, NULL);
        g_unlink(tmp);
        goto out;
    }
    GError *close_error = NULL;
    if (g_fsync(fd) != 0 || !g_close(fd, &close_error)) {
        int e = errno;
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: cannot write chart: %s", path,
                    close_error ? close_error->message : g_strerror(e));
        if (close_error == NULL) {
            g_close(fd, NULL);
        }
        g_clear_error(&close_error);
        g_unlink(tmp);
        goto out;
    }
    if (g_rename(tmp, path) != 0) {
        int e = errno;
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: cannot write chart: %s", path,
                    g_strerror(e));
        g_unlink(tmp);
        goto out;
    }
    ok = TRUE;
out:
    g_free(tmp);
    layout_free(lo);
    return ok;
}

gboolean chron_chart_layout_boxes(const chron_event_list *events, const chron_chart_options *opt,
                                  chron_chart_box **boxes, guint *n, chron_chart_geometry *geom,
                                  GError **error)
{
    g_return_val_if_fail(boxes != NULL && n != NULL, FALSE);
    *boxes = NULL;
    *n = 0;
    layout *lo = layout_compute(events, opt, error);
    if (lo == NULL) {
        return FALSE;
    }
    chron_chart_box *out = g_new0(chron_chart_box, lo->texts->len ? lo->texts->len : 1);
    guint k = 0;
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->layout == NULL) {
            continue; /* a dropped label */
        }
        out[k].kind = t->kind;
        out[k].event = t->event;
        out[k].x = t->x;
        out[k].y = t->y;
        out[k].w = t->w;
        out[k].h = t->h;
        out[k].leader_x = t->kind == CHRON_CHART_BOX_LABEL ? t->leader_x : 0;
        k++;
    }
    if (geom) {
        memset(geom, 0, sizeof *geom);
        geom->width = lo->width;
        geom->height = lo->height;
        if (lo->marks->len > 0) {
            geom->band.event = -1;
            geom->band.x = lo->band_x0;
            geom->band.y = lo->band_y0;
            geom->band.w = lo->band_x1 - lo->band_x0;
            geom->band.h = lo->band_y1 - lo->band_y0;
        }
        geom->n_events = lo->n_events;
        geom->n_dropped = lo->n_dropped;
    }
    *boxes = out;
    *n = k;
    layout_free(lo);
    return TRUE;
}

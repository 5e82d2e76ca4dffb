/* chart.c - timeline charts drawn with Cairo and Pango (PNG, SVG, PDF).
 *
 * Two stages. layout_compute() measures every text with Pango and decides where everything goes
 * (time axis and its breaks, ticks, lanes, mark rows, label rows, legend), as rectangles in user
 * units: pixels for PNG and SVG, points for PDF. draw() then paints that layout onto whichever
 * Cairo surface the format needs. The layout never looks at the surface, so the three formats
 * agree with each other and the geometry can be checked (chart-layout.h) and dumped
 * (chart-json.c) without rasterising anything.
 *
 * Text is shaped once, with hinting off and unrounded glyph positions, so that what was measured
 * is exactly what is drawn at any PNG device scale and in vector output.
 *
 * Picture, top to bottom: title, subtitle; then each lane (its title, its label rows with row 0
 * nearest the marks, its rows of marks); the axis with its ticks, two levels of tick labels and
 * breaks; the legend. Every label hangs on a leader line that rises from its mark to the label's
 * left (or right) edge, like a flag on a pole.
 *
 * The axis. Events are sorted by start and swept into clusters: a new cluster starts where the
 * empty time before an event is at least a tenth of the whole span and two years. Each cluster
 * becomes a stretch of the axis; the stretches share one time scale (a stretch too short to read
 * gets a minimum width) and are separated by a fixed-width break drawn as a double slash. The
 * major tick step is the finest of day, week, month, quarter, year, 5, 10, 50, 100, 500 and 1000
 * years whose ticks are at least MIN_MAJOR_SPACING apart and whose labels fit between them;
 * months and quarters get their year on a second line, days and weeks their month.
 *
 * Cost. With n events: sorting (marks by time and by x, labels by priority) is O(n log n); at
 * most a budget of labels proportional to the canvas area is measured with Pango (the rest could
 * not be placed anyway and are counted as left out); packing tries each label against a bounded
 * number of rows with binary searches, O(b log b) for b labels. Drawing is linear.
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
/* Cairo image surfaces are limited to 32767 pixels a side. */
#define MAX_DEVICE_SIDE 32767.0
/* An automatic height grows with the labels up to the larger of these. */
#define AUTO_HEIGHT_MIN_CAP 2400.0
#define AUTO_HEIGHT_RATIO 1.5

/* Type sizes, in user units. Absolute sizes: the chart is specified in pixels, not points. */
#define TITLE_SIZE 26.0
#define SUBTITLE_SIZE 14.0
#define SUMMARY_SIZE 12.5
#define DATE_SIZE 11.5
#define TICK_SIZE 12.0
#define CONTEXT_SIZE 12.0
#define LEGEND_SIZE 12.0
#define LANE_TITLE_SIZE 13.0
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
/* The smallest area a label takes, for the number of labels worth measuring at all. */
#define LABEL_MIN_AREA (110.0 * 34.0)
#define MIN_LABEL_BUDGET 200

/* Lanes. */
#define LANE_PAD 6.0  /* inside a lane's strip, above its title and below its marks */
#define LANE_GAP 4.0  /* between two lanes' strips */
#define MAX_GROUPS 12 /* lanes beyond these are merged into "other" */

/* Marks and axis. */
#define MAX_STACK 6 /* rows of marks in a lane before marks start to share a row */
#define POINT_R 4.5
#define BAR_H 9.0
#define BAR_MIN_W 6.0
#define OPEN_MIN_W 48.0 /* an open span fades out over at least this much */
#define BRACKET_LINE 2.0
#define MARK_GAP 3.0
#define MARK_ROW_PAD 6.0 /* between rows of marks */
#define MAX_SIZE_STEPS 3 /* marks grow for up to 1 + this many articles */
#define SIZE_STEP 0.3
#define TICK_MAJOR 6.0
#define TICK_CONTEXT 12.0 /* the longer tick at a year (or month) boundary */
#define TICK_MINOR 3.0
#define TICK_TEXT_GAP 3.0
#define CONTEXT_GAP 2.0
#define TICK_LABEL_GAP 10.0 /* free space between neighbouring tick labels */
#define MIN_MAJOR_SPACING 60.0
#define MIN_MINOR_SPACING 5.0
#define BREAK_W 22.0       /* the width of an axis break */
#define MIN_SEGMENT_W 64.0 /* an axis stretch, however short its time */
#define BREAK_MIN_DAYS 730.0
#define BREAK_MIN_FRACTION 0.1

/* Legend. */
#define LEGEND_GAP 22.0 /* between the tick labels and the legend */
#define LEGEND_SWATCH_W 10.0
#define LEGEND_WIDE_W 20.0
#define LEGEND_SWATCH_GAP 6.0
#define LEGEND_ITEM_GAP 20.0
#define LEGEND_LINE_GAP 6.0
#define LEGEND_TEXT_MAX 280.0

typedef struct {
    double r, g, b;
} rgb;

/* Colours of one theme. The palettes are Okabe & Ito's colour-blind-safe set, ordered so that
 * the first colours handed out are the most distinct from each other: without its yellow on
 * white (too pale), without its black on dark grey. */
typedef struct {
    const char *name;
    guint32 background, title, text, soft, faint, axis, minor, leader, other;
    guint32 ground; /* behind label text */
    double ground_alpha;
    guint32 shade; /* every other lane */
    double shade_alpha;
    guint32 rim; /* around points */
    const guint32 *palette;
    int n_palette;
} theme;

static const guint32 palette_light[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                        0xE69F00, 0x56B4E9, 0x000000};
static const guint32 palette_dark[] = {0x56B4E9, 0xE69F00, 0x009E73, 0xF0E442,
                                       0xCC79A7, 0xD55E00, 0xEEEEEE};

static const theme themes[] = {
    {"light", 0xFFFFFF, 0x1A1A1A, 0x222222, 0x5A5A5A, 0x767676, 0x444444, 0xB4B4B4, 0xB0B0B0,
     0x8C8C8C, 0xFFFFFF, 0.92, 0x000000, 0.035, 0xFFFFFF, palette_light,
     (int)G_N_ELEMENTS(palette_light)},
    {"dark", 0x1C1E22, 0xF2F2F2, 0xE4E4E4, 0xB0B0B0, 0x9A9A9A, 0xC8C8C8, 0x5C5C5C, 0x5E6066,
     0x8C8C8C, 0x1C1E22, 0.92, 0xFFFFFF, 0.05, 0x1C1E22, palette_dark,
     (int)G_N_ELEMENTS(palette_dark)},
};

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
    int group;             /* labels, lane titles: the lane; otherwise -1 */
    PangoLayout *layout;   /* owned; NULL once a label is dropped */
    double x, y, w, h;     /* the box */
    double text_x, text_y; /* the text's logical rectangle, relative to the box */
    double lx, ly;         /* the logical rectangle's own offset inside the PangoLayout */
    double leader_x;       /* labels */
    int row;               /* labels: 0 nearest the marks */
    gboolean hang_left;    /* labels: box left of the leader, text right-aligned against it */
} text_item;

typedef struct {
    int event;
    int colour; /* palette index, -1 for the grey of the grouped remainder */
    chron_chart_mark_shape shape;
    gboolean approximate;
    guint sources;   /* articles reporting it */
    double size;     /* 1 for one article, larger for more */
    double t0, t1;   /* Julian days, t1 exclusive, clipped to the window */
    double x0, x1;   /* horizontal extent of the drawn mark */
    double anchor_x; /* where its date is: a point's centre, a bar's left end */
    double leader_x;
    int stack; /* row of marks within its lane, 0 nearest the axis */
    int group;
    double cy;
    int label;  /* index into layout.texts, or -1 */
    guint prio; /* tie-breaking hash for label priority */
} mark;

typedef chron_chart_tick tick;

typedef enum {
    SWATCH_SOURCE,
    SWATCH_APPROX,
    SWATCH_OPEN,
    SWATCH_BRACKET,
    SWATCH_SIZE,
} swatch_style;

typedef struct {
    swatch_style style;
    int colour;   /* palette index, -1 grey, -2 the theme's faint colour */
    double x, cy; /* left edge, vertical centre */
} swatch;

typedef struct {
    char *key;  /* owned: what the events of the lane share */
    char *name; /* owned: its title */
    guint count, first;
    int title; /* texts index of its title, or -1 */
    int n_stack;
    double stack_h; /* one row of marks */
    double y0, y1;  /* the strip */
    double marks_top;
    double rows_h;
} group;

typedef struct {
    PangoFontMap *fontmap;
    PangoContext *context;
    const theme *th;
    chron_chart_lanes lanes;
    double width, height;
    double axis_x0, axis_x1, axis_y;
    GArray *texts;    /* text_item, drawing order */
    GArray *marks;    /* mark */
    GArray *ticks;    /* tick */
    GArray *swatches; /* swatch */
    GArray *groups;   /* group */
    GArray *segments; /* chron_chart_segment */
    const char *step_name;
    guint n_events;  /* events with a mark */
    guint n_dropped; /* labels that did not fit */
    guint unknown_glyphs;
} layout;

/* Options with defaults applied. */
typedef struct {
    double width, height, scale;
    const char *title, *subtitle;
    chron_chart_lanes lanes;
    const theme *th;
    double from, to; /* Julian days; 0 when not set */
    gboolean breaks;
} options;

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

static double seg_x(const chron_chart_segment *s, double t)
{
    return s->x0 + (t - s->t0) * (s->x1 - s->x0) / (s->t1 - s->t0);
}

/* Where the axis made of segs puts day t: extrapolated before the first and after the last
 * stretch, the middle of the break for a time cut out. */
static double segments_x(const chron_chart_segment *segs, guint n, double t)
{
    if (n == 0) {
        return 0;
    }
    guint lo = 0, hi = n;
    while (lo < hi) { /* first segment ending after t */
        guint mid = lo + (hi - lo) / 2;
        if (segs[mid].t1 <= t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == n) {
        return seg_x(&segs[n - 1], t);
    }
    if (t >= segs[lo].t0 || lo == 0) {
        return seg_x(&segs[lo], t);
    }
    return (segs[lo - 1].x1 + segs[lo].x0) / 2;
}

static double x_of(const layout *lo, double t)
{
    return segments_x((const chron_chart_segment *)lo->segments->data, lo->segments->len, t);
}

static void set_rgb(cairo_t *cr, rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void set_rgba(cairo_t *cr, rgb c, double a)
{
    cairo_set_source_rgba(cr, c.r, c.g, c.b, a);
}

static rgb colour_of(const theme *th, int colour)
{
    if (colour >= 0 && colour < th->n_palette) {
        return hex_rgb(th->palette[colour]);
    }
    return hex_rgb(colour == -2 ? th->faint : th->other);
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

static double julian_of(const GDate *d)
{
    return g_date_valid(d) ? (double)g_date_get_julian(d) : 0;
}

static GDate date_of(double t)
{
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_julian(&g, (guint32)CLAMP(floor_d(t), 1.0, 3652059.0));
    return g;
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

/* Whether s has a Han, kana or hangul character: such text gets the Chinese language tag, so
 * that Pango picks the CJK face and its Chinese glyph forms. */
static gboolean has_cjk(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
            (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF)) {
            return TRUE;
        }
    }
    return FALSE;
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
    PangoAttrList *attrs = pango_attr_list_new();
    if (has_cjk(text)) {
        pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string("zh-cn")));
    }
    pango_layout_set_attributes(pl, attrs);
    pango_attr_list_unref(attrs);
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
    t.group = -1;
    t.layout = pl;
    text_measure(&t, pad_l, pad_r, pad_y);
    g_array_append_val(lo->texts, t);
    return lo->texts->len - 1;
}

static text_item *text_at(const layout *lo, guint i)
{
    return &g_array_index(lo->texts, text_item, i);
}

/* The width of a one-line text in the chart's font. */
static double text_width(const layout *lo, const char *s, double size)
{
    PangoLayout *pl = text_new(lo, s, size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
    PangoRectangle r;
    pango_layout_get_extents(pl, NULL, &r);
    g_object_unref(pl);
    return (double)r.width / PANGO_SCALE;
}

static double line_height(const layout *lo, double size)
{
    PangoLayout *pl = text_new(lo, "Ag", size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
    PangoRectangle r;
    pango_layout_get_extents(pl, NULL, &r);
    g_object_unref(pl);
    return (double)r.height / PANGO_SCALE;
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
    o->lanes = opt->lanes;
    o->th = &themes[opt->theme == CHRON_CHART_THEME_DARK ? 1 : 0];
    o->from = julian_of(&opt->from);
    o->to = julian_of(&opt->to);
    o->breaks = !opt->no_breaks;
    if (o->width < MIN_WIDTH || o->width > CHRON_CHART_MAX_SIDE) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart width %d is out of range (%d to %d)", opt->width, MIN_WIDTH,
                    CHRON_CHART_MAX_SIDE);
        return FALSE;
    }
    if (o->height < 0 || o->height > CHRON_CHART_MAX_SIDE) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart height %d is out of range (0 for automatic, up to %d)", opt->height,
                    CHRON_CHART_MAX_SIDE);
        return FALSE;
    }
    /* Written so that NaN fails too. */
    if (!(o->scale > 0 && o->scale <= MAX_SCALE)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart scale %g is out of range (above 0, up to %g)", opt->scale, MAX_SCALE);
        return FALSE;
    }
    if ((unsigned)opt->lanes > CHRON_CHART_LANES_ACTOR ||
        (unsigned)opt->theme > CHRON_CHART_THEME_DARK) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID, "unknown chart lanes or theme");
        return FALSE;
    }
    if (o->from > 0 && o->to > 0 && o->to <= o->from) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "the chart's window ends before it starts");
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
static GArray *sources_collect(const chron_event_list *events, GArray *marks, int n_palette)
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
        ranked[i]->colour = (int)i < n_palette ? (int)i : -1;
    }
    for (guint i = 0; i < marks->len; i++) {
        g_array_index(marks, mark, i).colour = g_array_index(src, source, of_mark[i]).colour;
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

static char *source_name(const char *key, const char *title)
{
    if (title && title[0]) {
        return clean_text(title);
    }
    if (key && key[0]) {
        char *base = g_path_get_basename(key);
        char *name = clean_text(base);
        g_free(base);
        return name;
    }
    return g_strdup("unknown source");
}

static double swatch_width(swatch_style style)
{
    return style == SWATCH_SOURCE || style == SWATCH_APPROX ? LEGEND_SWATCH_W : LEGEND_WIDE_W;
}

/* Adds one legend entry at *x on the line at *y, wrapping to a new line when it would not fit. */
static void legend_entry(layout *lo, swatch_style style, int colour, const char *text, double *x,
                         double *y, double line_h, double width)
{
    PangoLayout *pl = text_new(lo, text, LEGEND_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                               LEGEND_TEXT_MAX, 1);
    guint ti = text_add(lo, CHRON_CHART_BOX_LEGEND, pl, 0, 0, 0);
    text_item *t = text_at(lo, ti);
    double sw = swatch_width(style);
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

typedef struct {
    gboolean approx, open, bracket, several;
} legend_needs;

/* Lays the legend out at the origin within width; returns its height (0 when empty). The caller
 * moves the entries into place once the height of everything above is known. The colours stand
 * for articles; then the shapes that need saying. */
static double legend_build(layout *lo, const GArray *sources, legend_needs needs, double width)
{
    if (sources->len == 0) {
        return 0;
    }
    /* One line's height, the same for every entry: all are one line of the same font. */
    double line_h = MAX(line_height(lo, LEGEND_SIZE), BAR_H * (1 + SIZE_STEP));
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
        char *name = source_name(s->key, s->title);
        legend_entry(lo, SWATCH_SOURCE, s->colour, name, &x, &y, line_h, width);
        g_free(name);
    }
    if (n_other > 0) {
        char *name = n_other == 1 ? source_name(only_other->key, only_other->title)
                                  : g_strdup_printf("%u other articles", n_other);
        legend_entry(lo, SWATCH_SOURCE, -1, name, &x, &y, line_h, width);
        g_free(name);
    }
    if (needs.approx) {
        legend_entry(lo, SWATCH_APPROX, -2, "approximate date", &x, &y, line_h, width);
    }
    if (needs.open) {
        legend_entry(lo, SWATCH_OPEN, -2, "ongoing", &x, &y, line_h, width);
    }
    if (needs.bracket) {
        legend_entry(lo, SWATCH_BRACKET, -2, "decade or century", &x, &y, line_h, width);
    }
    if (needs.several) {
        legend_entry(lo, SWATCH_SIZE, -2, "reported by several articles", &x, &y, line_h, width);
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
    double min_days; /* the shortest such step (a month: 28 days) */
    int minor;       /* index of the minor step, -1 for none */
    const char *name;
} step;

/* Candidate major steps, finest first; each minor step divides its major evenly. */
enum { STEP_DAY, STEP_WEEK, STEP_MONTH, STEP_QUARTER, STEP_YEAR };
static const step steps[] = {
    {UNIT_DAY, 1, 1, -1, "day"},
    {UNIT_DAY, 7, 7, STEP_DAY, "week"},
    {UNIT_MONTH, 1, 28, STEP_DAY, "month"},
    {UNIT_MONTH, 3, 89, STEP_MONTH, "quarter"},
    {UNIT_YEAR, 1, 365, STEP_QUARTER, "year"},
    {UNIT_YEAR, 5, 1826, STEP_YEAR, "5 years"},
    {UNIT_YEAR, 10, 3652, STEP_YEAR, "10 years"},
    {UNIT_YEAR, 50, 18262, 6, "50 years"},
    {UNIT_YEAR, 100, 36524, 6, "100 years"},
    {UNIT_YEAR, 500, 182621, 8, "500 years"},
    {UNIT_YEAR, 1000, 365242, 8, "1000 years"},
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

/* Tick times (Julian days) of step st in [t0, t1], at most limit of them. Day-level ticks sit
 * at midday, where the dots for those days are; longer steps sit on the boundaries (1 Jan, the
 * 1st). */
static void step_ticks(const step *st, double t0, double t1, guint limit, GArray *times)
{
    if (t0 < 1) {
        t0 = 1;
    }
    GDate g = date_of(t0);
    int y = g_date_get_year(&g), m = g_date_get_month(&g);
    guint start = times->len;
    if (st->u == UNIT_DAY) {
        for (double j = floor_d(t0); j + 0.5 <= t1 && times->len - start < limit; j++) {
            if (j + 0.5 < t0) {
                continue;
            }
            if (st->n == 7) {
                GDate d = date_of(j);
                if (g_date_get_weekday(&d) != G_DATE_MONDAY) {
                    continue;
                }
            }
            double t = j + 0.5;
            g_array_append_val(times, t);
        }
        return;
    }
    /* Count in months (or years) from year 0 and start at a multiple of the step. */
    int i = st->u == UNIT_MONTH ? y * 12 + (m - 1) : y;
    i = (i + st->n - 1) / st->n * st->n;
    for (;; i += st->n) {
        int ty = st->u == UNIT_MONTH ? i / 12 : i;
        int tm = st->u == UNIT_MONTH ? i % 12 + 1 : 1;
        if (ty > 9999 || times->len - start >= limit) {
            break;
        }
        double t = julian(ty, tm, 1);
        if (t > t1) {
            break;
        }
        if (t >= t0) {
            g_array_append_val(times, t);
        }
    }
}

/* First-level tick text: the day under day and week steps, the month under month and quarter
 * steps, the year otherwise. */
static char *tick_text(const step *st, double t)
{
    GDate d = date_of(t);
    if (st->u == UNIT_DAY) {
        return g_strdup_printf("%d", g_date_get_day(&d));
    }
    if (st->u == UNIT_MONTH) {
        return g_strdup(month_abbr[g_date_get_month(&d) - 1]);
    }
    return g_strdup_printf("%d", g_date_get_year(&d));
}

/* The second level: the month (with its year) under days, the year under months. */
static char *context_text(const step *st, double t)
{
    GDate d = date_of(t);
    if (st->u == UNIT_DAY) {
        return g_strdup_printf("%s %d", month_abbr[g_date_get_month(&d) - 1], g_date_get_year(&d));
    }
    return g_strdup_printf("%d", g_date_get_year(&d));
}

/* The widest first-level label of step st. */
static double step_label_width(const layout *lo, const step *st)
{
    if (st->u == UNIT_DAY) {
        return text_width(lo, "28", TICK_SIZE);
    }
    if (st->u == UNIT_MONTH) {
        double w = 0;
        for (int m = 0; m < 12; m++) {
            w = MAX(w, text_width(lo, month_abbr[m], TICK_SIZE));
        }
        return w;
    }
    return text_width(lo, "2000", TICK_SIZE);
}

typedef struct {
    double a, b;
} span;

static int mark_t0_cmp(const void *x, const void *y)
{
    const mark *p = *(mark *const *)x, *q = *(mark *const *)y;
    if (p->t0 != q->t0) {
        return p->t0 < q->t0 ? -1 : 1;
    }
    return p->event - q->event;
}

/* Cuts the axis into stretches of time that hold events, separated by breaks, and maps them
 * onto [left, right]. Marks sorted by start are swept into clusters: a cluster ends where the
 * time to the next start is at least a tenth of the whole span and BREAK_MIN_DAYS. Each cluster
 * is padded by 2% of the time shown (not at a bound the caller set); the stretches share one
 * scale k, except that none is narrower than MIN_SEGMENT_W, which is solved for by bisection. */
static void axis_segments(layout *lo, const options *o, double left, double right)
{
    guint n = lo->marks->len;
    mark **order = g_new(mark *, n);
    for (guint i = 0; i < n; i++) {
        order[i] = &g_array_index(lo->marks, mark, i);
    }
    qsort(order, n, sizeof *order, mark_t0_cmp);
    double tmin = o->from > 0 ? o->from : order[0]->t0;
    double tmax = -G_MAXDOUBLE;
    for (guint i = 0; i < n; i++) {
        tmax = MAX(tmax, order[i]->t1);
    }
    if (o->to > 0) {
        tmax = o->to;
    }
    double gap_min =
        o->breaks ? MAX((tmax - tmin) * BREAK_MIN_FRACTION, BREAK_MIN_DAYS) : G_MAXDOUBLE;
    GArray *clusters = g_array_new(FALSE, FALSE, sizeof(span));
    span cur = {order[0]->t0, order[0]->t1};
    for (guint i = 1; i < n; i++) {
        if (order[i]->t0 - cur.b >= gap_min && clusters->len + 1 < CHRON_CHART_MAX_SEGMENTS) {
            g_array_append_val(clusters, cur);
            cur.a = order[i]->t0;
            cur.b = order[i]->t1;
        } else {
            cur.b = MAX(cur.b, order[i]->t1);
        }
    }
    g_array_append_val(clusters, cur);
    g_free(order);

    guint nc = clusters->len;
    span *c = (span *)clusters->data;
    double total = 0;
    for (guint i = 0; i < nc; i++) {
        total += c[i].b - c[i].a;
    }
    double pad = MAX(total * 0.02, 1.0);
    if (nc == 1 && total + 2 * pad < 10) {
        pad = (10 - total) / 2; /* a single day still gets a readable axis */
    }
    for (guint i = 0; i < nc; i++) {
        c[i].a -= pad;
        c[i].b += pad;
    }
    if (o->from > 0) {
        c[0].a = o->from;
    }
    if (o->to > 0) {
        c[nc - 1].b = o->to;
    }

    /* Widths: sum of max(min_w, d_i * k) = room. */
    double room = right - left - (nc - 1) * BREAK_W;
    double min_w = MIN(MIN_SEGMENT_W, room / nc * 0.5);
    double k_lo = 0, k_hi = 0;
    for (guint i = 0; i < nc; i++) {
        k_hi = MAX(k_hi, room / (c[i].b - c[i].a));
    }
    for (int it = 0; it < 60; it++) {
        double k = (k_lo + k_hi) / 2, sum = 0;
        for (guint i = 0; i < nc; i++) {
            sum += MAX(min_w, (c[i].b - c[i].a) * k);
        }
        if (sum > room) {
            k_hi = k;
        } else {
            k_lo = k;
        }
    }
    double sum = 0;
    for (guint i = 0; i < nc; i++) {
        sum += MAX(min_w, (c[i].b - c[i].a) * k_lo);
    }
    double x = left;
    g_array_set_size(lo->segments, 0);
    for (guint i = 0; i < nc; i++) {
        double w = MAX(min_w, (c[i].b - c[i].a) * k_lo) * room / sum;
        chron_chart_segment s = {c[i].a, c[i].b, x, x + w};
        g_array_append_val(lo->segments, s);
        x += w + BREAK_W;
    }
    g_array_free(clusters, TRUE);
}

/* Multiplies every x of the axis by f about left (room for labels on the right). */
static void axis_shrink(layout *lo, double left, double f)
{
    for (guint i = 0; i < lo->segments->len; i++) {
        chron_chart_segment *s = &g_array_index(lo->segments, chron_chart_segment, i);
        s->x0 = left + (s->x0 - left) * f;
        s->x1 = left + (s->x1 - left) * f;
    }
}

static void tick_add(layout *lo, double x, double t, chron_chart_tick_level level)
{
    tick k = {snap(x), t, level};
    g_array_append_val(lo->ticks, k);
}

/* Adds a one-line tick label centred on x (left-aligned at x when left_aligned); keeps it only
 * when it stays inside [x_min, x_max] and clear of the previous one of its level (*prev_end).
 * Returns its index or -1. */
static int tick_label(layout *lo, chron_chart_box_kind kind, const char *s, double x,
                      gboolean left_aligned, double x_min, double x_max, double *prev_end)
{
    PangoLayout *pl =
        text_new(lo, s, kind == CHRON_CHART_BOX_TICK ? TICK_SIZE : CONTEXT_SIZE,
                 kind == CHRON_CHART_BOX_TICK ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_SEMIBOLD,
                 PANGO_STYLE_NORMAL, 0, 1);
    guint ti = text_add(lo, kind, pl, 0, 0, 0);
    text_item *t = text_at(lo, ti);
    t->x = left_aligned ? x : x - t->w / 2;
    if (t->x < x_min || t->x + t->w > x_max || t->x < *prev_end + TICK_LABEL_GAP) {
        g_array_remove_index(lo->texts, ti);
        return -1;
    }
    *prev_end = t->x + t->w;
    return (int)ti;
}

/* Picks the finest step whose ticks are MIN_MAJOR_SPACING apart and whose labels fit between
 * them at the axis's common scale, then places major ticks and their labels, the second level
 * (years under months, months under days) and minor ticks, stretch by stretch. */
static void axis_build(layout *lo, double x_min, double x_max)
{
    const chron_chart_segment *segs = (const chron_chart_segment *)lo->segments->data;
    guint ns = lo->segments->len;
    double k = G_MAXDOUBLE;
    for (guint i = 0; i < ns; i++) {
        k = MIN(k, (segs[i].x1 - segs[i].x0) / (segs[i].t1 - segs[i].t0));
    }
    guint chosen = G_N_ELEMENTS(steps) - 1;
    for (guint i = 0; i < G_N_ELEMENTS(steps); i++) {
        double spacing = steps[i].min_days * k;
        if (spacing >= MIN_MAJOR_SPACING &&
            step_label_width(lo, &steps[i]) + TICK_LABEL_GAP <= spacing) {
            chosen = i;
            break;
        }
    }
    const step *st = &steps[chosen];
    lo->step_name = st->name;
    const step *ctx = st->u == UNIT_DAY     ? &steps[STEP_MONTH]
                      : st->u == UNIT_MONTH ? &steps[STEP_YEAR]
                                            : NULL;
    const step *minor = st->minor >= 0 && steps[st->minor].min_days * k >= MIN_MINOR_SPACING
                            ? &steps[st->minor]
                            : NULL;
    double prev_tick = -G_MAXDOUBLE, prev_ctx = -G_MAXDOUBLE;
    GArray *times = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *bounds = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint s = 0; s < ns; s++) {
        const chron_chart_segment *sg = &segs[s];
        g_array_set_size(times, 0);
        g_array_set_size(bounds, 0);
        step_ticks(st, sg->t0, sg->t1, 100000, times);
        if (ctx) {
            step_ticks(ctx, sg->t0, sg->t1, 100000, bounds);
        }
        /* Major ticks; one that falls on a context boundary is drawn as the longer tick. */
        guint bi = 0;
        for (guint i = 0; i < times->len; i++) {
            double t = g_array_index(times, double, i);
            while (bi < bounds->len && g_array_index(bounds, double, bi) < t) {
                bi++;
            }
            gboolean on_bound = bi < bounds->len && g_array_index(bounds, double, bi) == t;
            tick_add(lo, seg_x(sg, t), t,
                     on_bound ? CHRON_CHART_TICK_CONTEXT : CHRON_CHART_TICK_MAJOR);
            char *txt = tick_text(st, t);
            tick_label(lo, CHRON_CHART_BOX_TICK, txt, seg_x(sg, t), FALSE, x_min, x_max,
                       &prev_tick);
            g_free(txt);
        }
        if (ctx) {
            /* The period the stretch starts in, named at its start unless a boundary is near. */
            double first_b = bounds->len ? g_array_index(bounds, double, 0) : G_MAXDOUBLE;
            char *txt = context_text(st, sg->t0);
            double w = text_width(lo, txt, CONTEXT_SIZE);
            if (seg_x(sg, first_b) - sg->x0 > w + 2 * TICK_LABEL_GAP || first_b == G_MAXDOUBLE) {
                tick_label(lo, CHRON_CHART_BOX_TICK_CONTEXT, txt, sg->x0 + 2, TRUE, x_min, x_max,
                           &prev_ctx);
            }
            g_free(txt);
            for (guint i = 0; i < bounds->len; i++) {
                double t = g_array_index(bounds, double, i);
                /* Boundaries that are not major ticks (a year starting mid-week) get their own. */
                gboolean is_major = FALSE;
                for (guint j = 0; j < times->len && !is_major; j++) {
                    is_major = g_array_index(times, double, j) == t;
                }
                if (!is_major) {
                    tick_add(lo, seg_x(sg, t), t, CHRON_CHART_TICK_CONTEXT);
                }
                txt = context_text(st, t);
                /* Not past the stretch's end: a year that starts where the axis stops names
                 * nothing on it. */
                tick_label(lo, CHRON_CHART_BOX_TICK_CONTEXT, txt, seg_x(sg, t) + 2, TRUE, x_min,
                           MIN(x_max, sg->x1 + BREAK_W / 2), &prev_ctx);
                g_free(txt);
            }
        }
        if (minor) {
            GArray *mt = g_array_new(FALSE, FALSE, sizeof(double));
            step_ticks(minor, sg->t0, sg->t1, 100000, mt);
            guint j = 0;
            for (guint i = 0; i < mt->len; i++) {
                double t = g_array_index(mt, double, i);
                while (j < times->len && g_array_index(times, double, j) < t) {
                    j++;
                }
                if (j < times->len && g_array_index(times, double, j) == t) {
                    continue;
                }
                tick_add(lo, seg_x(sg, t), t, CHRON_CHART_TICK_MINOR);
            }
            g_array_free(mt, TRUE);
        }
    }
    g_array_free(times, TRUE);
    g_array_free(bounds, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout: lanes */

static const char *group_key(const chron_event *ev, chron_chart_lanes lanes)
{
    switch (lanes) {
    case CHRON_CHART_LANES_NONE:
        return "";
    case CHRON_CHART_LANES_SOURCE:
        return ev->doc ? ev->doc : "";
    case CHRON_CHART_LANES_TYPE:
        return ev->type && ev->type[0] ? ev->type : "other";
    case CHRON_CHART_LANES_ACTOR:
        return ev->actors && ev->actors[0] && ev->actors[0][0] ? ev->actors[0] : "other";
    }
    return "";
}

static int group_rank_cmp(const void *a, const void *b)
{
    const group *x = a, *y = b;
    gboolean xo = strcmp(x->key, "other") == 0, yo = strcmp(y->key, "other") == 0;
    if (xo != yo) {
        return xo ? 1 : -1; /* "other" last */
    }
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return x->first < y->first ? -1 : x->first > y->first;
}

static void groups_clear(GArray *groups)
{
    for (guint i = 0; i < groups->len; i++) {
        g_free(g_array_index(groups, group, i).key);
        g_free(g_array_index(groups, group, i).name);
    }
    g_array_set_size(groups, 0);
}

/* Sorts the marks into lanes by the key the options ask for: the lanes with most events first,
 * "other" last; beyond MAX_GROUPS lanes the smallest are merged into "other". Sets each mark's
 * group and each lane's name. */
static void groups_build(layout *lo, const chron_event_list *events)
{
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    guint *of_mark = g_new(guint, lo->marks->len);
    for (guint i = 0; i < lo->marks->len; i++) {
        const chron_event *ev =
            chron_event_list_get(events, g_array_index(lo->marks, mark, i).event);
        const char *key = group_key(ev, lo->lanes);
        gpointer found;
        guint gi;
        if (g_hash_table_lookup_extended(index, key, NULL, &found)) {
            gi = GPOINTER_TO_UINT(found);
        } else {
            group g = {0};
            g.key = g_strdup(key);
            g.first = i;
            g.title = -1;
            if (lo->lanes == CHRON_CHART_LANES_SOURCE) {
                g.name = source_name(ev->doc, ev->doc_title);
            } else {
                g.name = clean_text(key);
            }
            g_array_append_val(lo->groups, g);
            gi = lo->groups->len - 1;
            g_hash_table_insert(index, g_array_index(lo->groups, group, gi).key,
                                GUINT_TO_POINTER(gi));
        }
        g_array_index(lo->groups, group, gi).count++;
        of_mark[i] = gi;
    }
    g_hash_table_destroy(index);
    /* Rank, remembering where each old index went. */
    guint ng = lo->groups->len;
    GArray *ranked = g_array_sized_new(FALSE, TRUE, sizeof(group), ng);
    g_array_append_vals(ranked, lo->groups->data, ng);
    for (guint i = 0; i < ng; i++) {
        g_array_index(ranked, group, i).title = (int)i; /* borrowed as the old index */
    }
    qsort(ranked->data, ng, sizeof(group), group_rank_cmp);
    guint *new_of_old = g_new(guint, ng);
    for (guint i = 0; i < ng; i++) {
        new_of_old[g_array_index(ranked, group, i).title] = i;
        g_array_index(ranked, group, i).title = -1;
    }
    g_array_set_size(lo->groups, 0); /* the strings now belong to ranked */
    g_array_append_vals(lo->groups, ranked->data, ng);
    g_array_free(ranked, TRUE);
    /* Too many lanes: the smallest go to "other", which is last. */
    if (ng > MAX_GROUPS) {
        guint keep = MAX_GROUPS - 1;
        group merged = {0};
        merged.key = g_strdup("other");
        merged.name = g_strdup("other");
        merged.title = -1;
        merged.first = G_MAXUINT;
        for (guint i = keep; i < ng; i++) {
            group *g = &g_array_index(lo->groups, group, i);
            merged.count += g->count;
            merged.first = MIN(merged.first, g->first);
            g_free(g->key);
            g_free(g->name);
        }
        g_array_set_size(lo->groups, keep);
        g_array_append_val(lo->groups, merged);
        for (guint i = 0; i < ng; i++) {
            new_of_old[i] = MIN(new_of_old[i], keep);
        }
    }
    for (guint i = 0; i < lo->marks->len; i++) {
        g_array_index(lo->marks, mark, i).group = (int)new_of_old[of_mark[i]];
    }
    g_free(new_of_old);
    g_free(of_mark);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout: marks and labels */

static double mark_half_h(const mark *m)
{
    return m->shape == CHRON_CHART_MARK_POINT ? POINT_R * m->size : BAR_H * m->size / 2;
}

static int mark_x_cmp(const void *a, const void *b)
{
    const mark *x = *(mark *const *)a, *y = *(mark *const *)b;
    if (x->x0 != y->x0) {
        return x->x0 < y->x0 ? -1 : 1;
    }
    return x->event - y->event;
}

/* Stacks marks that would overlap into rows within each lane (first fit from the left). Beyond
 * MAX_STACK rows a mark shares the row that frees up first: the lane stays bounded and overlaps
 * show through the marks' translucency. Sets each lane's row count and row height. */
static void marks_stack(layout *lo)
{
    guint ng = lo->groups->len;
    double *right = g_new(double, (gsize)ng *MAX_STACK);
    mark **order = g_new(mark *, lo->marks->len);
    for (guint i = 0; i < lo->marks->len; i++) {
        order[i] = &g_array_index(lo->marks, mark, i);
    }
    qsort(order, lo->marks->len, sizeof *order, mark_x_cmp);
    for (guint i = 0; i < lo->marks->len; i++) {
        mark *m = order[i];
        group *g = &g_array_index(lo->groups, group, m->group);
        double *r = right + (gsize)m->group * MAX_STACK;
        int s = -1;
        for (int l = 0; l < g->n_stack && s < 0; l++) {
            if (r[l] + MARK_GAP <= m->x0) {
                s = l;
            }
        }
        if (s < 0 && g->n_stack < MAX_STACK) {
            s = g->n_stack++;
            r[s] = m->x0;
        }
        if (s < 0) {
            s = 0;
            for (int l = 1; l < g->n_stack; l++) {
                if (r[l] < r[s]) {
                    s = l;
                }
            }
        }
        m->stack = s;
        r[s] = MAX(r[s], m->x1);
        g->stack_h = MAX(g->stack_h, 2 * mark_half_h(m) + MARK_ROW_PAD);
    }
    g_free(order);
    g_free(right);
}

/* A label box within its row. */
typedef struct {
    double x0, x1;
    double leader;
} row_box;

typedef struct {
    GArray *boxes; /* row_box, sorted by x0, disjoint */
    GArray *poles; /* double: x of the leaders rising through this row to labels above, in
                      descending order */
    double height; /* of its tallest label */
} label_row;

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

/* Index of the first pole < x in a descending array. */
static guint poles_lower(const GArray *poles, double x)
{
    guint lo = 0, hi = poles->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(poles, double, mid) >= x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* How many leaders of other poles rising through the row a box (x0, x1) would hide. */
static guint row_poles_covered(const label_row *row, double x0, double x1, double a)
{
    const GArray *poles = row->poles;
    guint n = 0;
    for (guint i = poles_lower(poles, x1); i < poles->len; i++) {
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

/* Packs the label boxes order[0..n) of one lane into rows above its marks (row 0 nearest them)
 * so that no two overlap, taking them in the order given.
 *
 * A label hangs from its leader like a flag, to the right of the pole (the time scale leaves
 * room for that), or to the left (text right-aligned against the pole) when that puts it lower
 * and its box covers no other label's leader, so it can never hide one.
 *
 * Each row keeps its boxes sorted and disjoint (interval lookups in O(log n)) and the leaders
 * rising through it. For each label the rows are tried from the marks up: a row must have room
 * for the box, and the cost is the number of leaders it would cover plus the boxes below it
 * that its own leader would pass behind. The first row with room at no cost wins; failing that,
 * the cheapest within ROW_SLACK rows of the first row with room (labels are drawn on an opaque
 * ground, so a covered leader disappears behind the label rather than striking through its
 * text). Leaders at the same x are one pole: the labels of one day stack as flags on it at no
 * cost. Taken right to left, a label hanging right starts at its own leader and so never hides
 * a leader already placed; that order is used when it places every label.
 *
 * The rows together may be at most max_rows_h tall: a row that would grow past it is no
 * candidate, and a label with no candidate row is left out (row -1) before it reserves anything,
 * so the labels after it still get the rows below. Returns the rows (free with rows_free());
 * sets each label's row, x and side; *dropped counts those left out. */
static GArray *labels_pack(layout *lo, const guint *order, guint n, const GArray *leaders,
                           double x_min, double x_max, double max_rows_h, guint *dropped)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(label_row));
    double rows_h = 0; /* all rows, with the gaps between them */
    double prev_leader = -G_MAXDOUBLE;
    int prev_side = 0;
    *dropped = 0;
    for (guint i = 0; i < n; i++) {
        text_item *t = text_at(lo, order[i]);
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
        const int prefer =
            a < prev_leader + SAME_POLE && a > prev_leader - SAME_POLE ? prev_side : 0;
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
            /* Above the top row nothing changes any more: every higher row costs the same. A
             * row past the slack is tried only as a new top row, and only when every row with
             * room so far would hide a leader. */
            if (best_cost == 0 || r >= n_rows) {
                break;
            }
            if (first_fit != G_MAXUINT && r >= first_fit + ROW_SLACK && r + 1 < n_rows) {
                for (guint q = r; q + 1 < n_rows; q++) {
                    crossed_below += row_pole_crossed(row_at(rows, q), a);
                }
                r = n_rows - 1; /* the loop's r++ makes it n_rows */
            }
        }
        if (best_cost == G_MAXUINT) {
            t->row = -1; /* no room left under the height limit */
            (*dropped)++;
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
            GArray *poles = row_at(rows, r)->poles;
            g_array_insert_val(poles, poles_lower(poles, a), a);
        }
        t->row = (int)best_row;
        t->x = bx[best_side];
        t->hang_left = best_side == 1;
    }
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
    PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(pl));
    guint date_len = (guint)strlen(date);
    PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    a = pango_attr_size_new_absolute((int)(DATE_SIZE * PANGO_SCALE));
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    /* 8-bit channels to Pango's 16-bit: 0xab -> 0xabab. */
    guint32 soft = lo->th->soft;
    a = pango_attr_foreground_new((soft >> 16 & 0xff) * 257, (soft >> 8 & 0xff) * 257,
                                  (soft & 0xff) * 257);
    a->end_index = date_len;
    pango_attr_list_insert(attrs, a);
    pango_layout_set_attributes(pl, attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
    g_free(summary);
    g_free(date);
    return pl;
}

/* Label priority when not every label can be measured or placed: events more articles report
 * first, then exact dates before approximate ones, then a fixed pseudo-random order (a hash of
 * the event), so that the labelled sample spreads over the whole span. */
static int mark_prio_cmp(const void *a, const void *b, gpointer data)
{
    const GArray *marks = data;
    const mark *x = &g_array_index(marks, mark, *(const guint *)a);
    const mark *y = &g_array_index(marks, mark, *(const guint *)b);
    if (x->sources != y->sources) {
        return x->sources > y->sources ? -1 : 1;
    }
    if (x->approximate != y->approximate) {
        return x->approximate ? 1 : -1;
    }
    if (x->prio != y->prio) {
        return x->prio < y->prio ? -1 : 1;
    }
    return x->event - y->event;
}

static int label_leader_cmp(const void *a, const void *b, gpointer data)
{
    const layout *lo = data;
    const text_item *x = text_at(lo, *(const guint *)a), *y = text_at(lo, *(const guint *)b);
    if (x->leader_x != y->leader_x) {
        return x->leader_x > y->leader_x ? -1 : 1; /* right to left */
    }
    return x->event - y->event;
}

static char *default_subtitle(const layout *lo, guint n_sources)
{
    const chron_chart_segment *first = &g_array_index(lo->segments, chron_chart_segment, 0);
    const chron_chart_segment *last =
        &g_array_index(lo->segments, chron_chart_segment, lo->segments->len - 1);
    double tmin = G_MAXDOUBLE, tmax = -G_MAXDOUBLE;
    for (guint i = 0; i < lo->marks->len; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        tmin = MIN(tmin, m->t0);
        tmax = MAX(tmax, m->t1 - 1);
    }
    tmin = MAX(tmin, first->t0);
    tmax = MIN(tmax, last->t1 - 1);
    GDate a = date_of(tmin), b = date_of(tmax);
    int y0 = g_date_get_year(&a), y1 = g_date_get_year(&b);
    char *years = y0 == y1 ? g_strdup_printf("%d", y0) : g_strdup_printf("%d–%d", y0, y1);
    guint n = lo->marks->len;
    char *s = g_strdup_printf("%u event%s from %u article%s, %s", n, n == 1 ? "" : "s", n_sources,
                              n_sources == 1 ? "" : "s", years);
    g_free(years);
    return s;
}

/* ------------------------------------------------------------------------------------------ */
/* Layout */

static layout *layout_new(const options *o)
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
    lo->th = o->th;
    lo->lanes = o->lanes;
    lo->width = o->width;
    lo->step_name = "";
    lo->texts = g_array_new(FALSE, TRUE, sizeof(text_item));
    g_array_set_clear_func(lo->texts, text_item_clear);
    lo->marks = g_array_new(FALSE, TRUE, sizeof(mark));
    lo->ticks = g_array_new(FALSE, TRUE, sizeof(tick));
    lo->swatches = g_array_new(FALSE, TRUE, sizeof(swatch));
    lo->groups = g_array_new(FALSE, TRUE, sizeof(group));
    lo->segments = g_array_new(FALSE, TRUE, sizeof(chron_chart_segment));
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
    groups_clear(lo->groups);
    g_array_free(lo->groups, TRUE);
    g_array_free(lo->segments, TRUE);
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

/* Horizontal extent, anchor and leader of every mark on the current axis. */
static void marks_place(layout *lo, double x_limit)
{
    for (guint i = 0; i < lo->marks->len; i++) {
        mark *m = &g_array_index(lo->marks, mark, i);
        if (m->shape == CHRON_CHART_MARK_POINT) {
            double cx = x_of(lo, m->t0 + 0.5), r = POINT_R * m->size;
            m->x0 = cx - r;
            m->x1 = cx + r;
            m->anchor_x = cx;
            m->leader_x = snap(cx);
        } else {
            m->x0 = x_of(lo, m->t0);
            double min_w = m->shape == CHRON_CHART_MARK_OPEN ? OPEN_MIN_W : BAR_MIN_W;
            m->x1 = MAX(x_of(lo, m->t1), m->x0 + min_w);
            m->x1 = MAX(MIN(m->x1, x_limit), m->x0 + BAR_MIN_W);
            m->anchor_x = m->x0;
            /* Just inside the end, so the leader visibly grows out of the bar. */
            m->leader_x = snap(m->x0 + MIN(3.0, (m->x1 - m->x0) / 2));
        }
        if (m->label >= 0) {
            text_at(lo, (guint)m->label)->leader_x = m->leader_x;
        }
    }
}

static guint hash_prio(const chron_event *ev, guint i)
{
    guint h = ev->id ? g_str_hash(ev->id) : 0;
    return (h ^ (i * 2654435761u)) * 2246822519u;
}

/* Computes the whole chart: every box, mark and tick, in user units. The one place where
 * positions are decided; draw() only paints. NULL with error set when a fixed height cannot hold
 * the chart's frame. */
static layout *layout_compute(const chron_event_list *events, const options *o, GError **error)
{
    layout *lo = layout_new(o);
    const theme *th = o->th;
    const double margin = CLAMP(o->width * 0.025, 16.0, 40.0);
    const double left = margin, right = o->width - margin, content_w = right - left;
    const double device_max = floor_d(MAX_DEVICE_SIDE / o->scale);
    double limit = o->height > 0
                       ? o->height
                       : MIN(device_max, MAX(AUTO_HEIGHT_MIN_CAP, AUTO_HEIGHT_RATIO * o->width));

    /* Marks: one per event with a usable start date inside the window, in list order. */
    guint n_all = events ? chron_event_list_count(events) : 0;
    legend_needs needs = {FALSE, FALSE, FALSE, FALSE};
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
        if ((o->from > 0 && m.t1 <= o->from) || (o->to > 0 && m.t0 >= o->to)) {
            continue;
        }
        m.t0 = o->from > 0 ? MAX(m.t0, o->from) : m.t0;
        m.t1 = o->to > 0 ? MIN(m.t1, o->to) : m.t1;
        if (ev->open_end) {
            m.shape = CHRON_CHART_MARK_OPEN;
        } else if (ev->granularity == CHRON_GRAN_DECADE || ev->granularity == CHRON_GRAN_CENTURY) {
            m.shape = CHRON_CHART_MARK_BRACKET;
        } else if (ev->granularity == CHRON_GRAN_DAY ||
                   (ev->granularity == CHRON_GRAN_UNKNOWN && m.t1 - m.t0 <= 1)) {
            m.shape = CHRON_CHART_MARK_POINT;
        } else {
            m.shape = CHRON_CHART_MARK_BAR;
        }
        m.approximate = ev->approximate;
        m.sources = chron_event_source_count(ev);
        m.size = 1 + SIZE_STEP * MIN(m.sources - 1, MAX_SIZE_STEPS);
        m.label = -1;
        m.prio = hash_prio(ev, i);
        needs.approx |= m.approximate;
        needs.open |= m.shape == CHRON_CHART_MARK_OPEN;
        needs.bracket |= m.shape == CHRON_CHART_MARK_BRACKET;
        needs.several |= m.sources > 1;
        g_array_append_val(lo->marks, m);
    }
    lo->n_events = lo->marks->len;
    const guint n_marks = lo->marks->len;
    GArray *sources = sources_collect(events, lo->marks, th->n_palette);
    if (n_marks > 0) {
        axis_segments(lo, o, left, right);
    }

    /* Header: the title wraps to two lines at most; the subtitle is one line. */
    char *title = clean_text(o->title);
    PangoLayout *pl =
        text_new(lo, title, TITLE_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_w, 2);
    g_free(title);
    guint title_i = text_add(lo, CHRON_CHART_BOX_TITLE, pl, 0, 0, 0);
    text_at(lo, title_i)->x = left;
    text_at(lo, title_i)->y = margin;
    double y = margin + text_at(lo, title_i)->h + 2;

    char *sub = o->subtitle    ? clean_text(o->subtitle)
                : n_marks == 0 ? g_strdup("")
                               : default_subtitle(lo, sources->len);
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

    if (n_marks == 0) {
        /* Still a chart: the title and a plain statement instead of an empty axis. */
        pl = text_new(lo, "No dated events", MESSAGE_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                      0, 1);
        guint mi = text_add(lo, CHRON_CHART_BOX_NOTE, pl, 0, 0, 0);
        text_item *t = text_at(lo, mi);
        double body_h = o->height > 0 ? o->height - margin - header_bottom : 120;
        if (body_h < t->h) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                        "chart height %g is too small: this chart needs at least %g", o->height,
                        ceil_d(header_bottom + t->h + margin));
            g_array_free(sources, TRUE);
            layout_free(lo);
            return NULL;
        }
        t->x = left + (content_w - t->w) / 2;
        t->y = header_bottom + (body_h - t->h) / 2;
        lo->height = o->height > 0 ? o->height : ceil_d(header_bottom + body_h + margin);
        g_array_free(sources, TRUE);
        return lo;
    }

    groups_build(lo, events);
    const guint ng = lo->groups->len;

    /* Legend, laid out at the origin and moved into place at the end. */
    guint legend_text = lo->texts->len, legend_swatch = lo->swatches->len;
    double legend_h = legend_build(lo, sources, needs, content_w);
    guint legend_text_end = lo->texts->len, legend_swatch_end = lo->swatches->len;
    g_array_free(sources, TRUE);

    /* Lane titles. */
    double lane_head = 0;
    if (lo->lanes != CHRON_CHART_LANES_NONE) {
        for (guint g = 0; g < ng; g++) {
            group *gr = &g_array_index(lo->groups, group, g);
            char *s = g_strdup_printf("%s  ·  %u event%s", gr->name, gr->count,
                                      gr->count == 1 ? "" : "s");
            pl = text_new(lo, s, LANE_TITLE_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                          content_w - 8, 1);
            g_free(s);
            gr->title = (int)text_add(lo, CHRON_CHART_BOX_LANE_TITLE, pl, 0, 0, 0);
            text_at(lo, (guint)gr->title)->group = (int)g;
            lane_head = MAX(lane_head, text_at(lo, (guint)gr->title)->h);
        }
        lane_head += LANE_PAD + 4;
    }

    /* Which labels to measure: all of them when they could fit, else the most important ones up
     * to what the canvas could hold at all. */
    guint *prio = g_new(guint, n_marks);
    for (guint i = 0; i < n_marks; i++) {
        prio[i] = i;
    }
    g_qsort_with_data(prio, (gint)n_marks, sizeof(guint), mark_prio_cmp, lo->marks);
    guint budget = (guint)MAX((double)MIN_LABEL_BUDGET, content_w * limit / LABEL_MIN_AREA);
    guint n_cand = MIN(budget, n_marks);
    double wrap_w = CLAMP(o->width * 0.18, 140.0, 230.0);
    wrap_w = MIN(wrap_w, content_w * 0.45);
    for (guint c = 0; c < n_cand; c++) {
        mark *m = &g_array_index(lo->marks, mark, prio[c]);
        const chron_event *ev = chron_event_list_get(events, m->event);
        guint ti = text_add(lo, CHRON_CHART_BOX_LABEL,
                            label_new(lo, ev, m->shape == CHRON_CHART_MARK_POINT, wrap_w),
                            LABEL_PAD_LEFT, LABEL_PAD_RIGHT, LABEL_PAD_Y);
        text_item *t = text_at(lo, ti);
        t->event = m->event;
        t->mark = (int)prio[c];
        t->group = m->group;
        m->label = (int)ti;
    }
    lo->n_dropped = n_marks - n_cand;

    /* Labels hang to the right of their leader unless there is room on the left, so the axis is
     * shrunk towards the left until the latest label ends inside the canvas; the room on the
     * right of the axis is blank space for those labels. */
    marks_place(lo, o->width - margin / 2);
    double f = 1;
    for (guint i = 0; i < n_marks; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        if (m->label < 0 || m->leader_x <= left) {
            continue;
        }
        double need = text_at(lo, (guint)m->label)->w + 1;
        double room = MAX(content_w - need, content_w * 0.2);
        f = MIN(f, room / (m->leader_x - left));
    }
    if (f < 1) {
        axis_shrink(lo, left, f);
        marks_place(lo, o->width - margin / 2);
    }
    const chron_chart_segment *last_seg =
        &g_array_index(lo->segments, chron_chart_segment, lo->segments->len - 1);
    lo->axis_x0 = g_array_index(lo->segments, chron_chart_segment, 0).x0;
    lo->axis_x1 = last_seg->x1;
    marks_stack(lo);

    /* Axis ticks (x only; y once everything above is placed). */
    guint ticks_text = lo->texts->len;
    axis_build(lo, 1, o->width - 1);
    guint ticks_end = lo->texts->len;
    double tick_h = 0, ctx_h = 0;
    for (guint i = ticks_text; i < ticks_end; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind == CHRON_CHART_BOX_TICK) {
            tick_h = MAX(tick_h, t->h);
        } else {
            ctx_h = MAX(ctx_h, t->h);
        }
    }
    if (tick_h == 0) {
        tick_h = TICK_SIZE * 1.3;
    }

    /* Vertical frame: everything but the label rows. */
    const gboolean lanes_on = lo->lanes != CHRON_CHART_LANES_NONE;
    double lanes_fixed = 0;
    for (guint g = 0; g < ng; g++) {
        const group *gr = &g_array_index(lo->groups, group, g);
        lanes_fixed += lane_head + LABEL_BAND_GAP + gr->n_stack * gr->stack_h + 2 +
                       (lanes_on ? LANE_PAD : 0) + (g ? LANE_GAP : 0);
    }
    const double axis_band =
        4 + TICK_MAJOR + TICK_TEXT_GAP + tick_h + (ctx_h > 0 ? CONTEXT_GAP + ctx_h : 0);
    const double frame_h = header_bottom + lanes_fixed + axis_band +
                           (legend_h > 0 ? LEGEND_GAP : 0) + legend_h + margin;
    if (o->height > 0 && limit < frame_h) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "chart height %g is too small: this chart needs at least %g", limit,
                    ceil_d(frame_h));
        g_free(prio);
        layout_free(lo);
        return NULL;
    }
    limit = MAX(limit, MIN(frame_h, device_max));

    /* Label rows, lane by lane, each with a share of the height left in proportion to its
     * labels (what one lane leaves goes to the next). */
    GArray **rows = g_new0(GArray *, ng);
    guint *order = g_new(guint, n_cand ? n_cand : 1);
    GArray *leaders = g_array_new(FALSE, FALSE, sizeof(double));
    double budget_h = MAX(limit - frame_h, 0), carry = 0, all_rows_h = 0;
    for (guint g = 0; g < ng; g++) {
        group *gr = &g_array_index(lo->groups, group, g);
        guint n = 0;
        g_array_set_size(leaders, 0);
        for (guint c = 0; c < n_cand; c++) {
            const mark *m = &g_array_index(lo->marks, mark, prio[c]);
            if (m->group == (int)g) {
                order[n++] = (guint)m->label;
                g_array_append_val(leaders, m->leader_x);
            }
        }
        qsort(leaders->data, leaders->len, sizeof(double), double_cmp);
        double share = (n_cand ? budget_h * n / n_cand : 0) + carry;
        guint dropped = 0;
        if (n == gr->count) {
            /* Every label of the lane is a candidate: right to left first. */
            guint *sweep = g_memdup2(order, n * sizeof(guint));
            g_qsort_with_data(sweep, (gint)n, sizeof(guint), label_leader_cmp, lo);
            rows[g] = labels_pack(lo, sweep, n, leaders, left, right, share, &dropped);
            g_free(sweep);
            if (dropped > 0) {
                rows_free(rows[g]);
                rows[g] = NULL;
            }
        }
        if (rows[g] == NULL) {
            rows[g] = labels_pack(lo, order, n, leaders, left, right, share, &dropped);
        }
        double h = 0;
        for (guint r = 0; r < rows[g]->len; r++) {
            h += row_at(rows[g], r)->height + (r ? ROW_GAP : 0);
        }
        gr->rows_h = h;
        carry = share - h;
        all_rows_h += h;
    }
    g_array_free(leaders, TRUE);
    g_free(order);
    g_free(prio);

    lo->height = o->height > 0 ? o->height : ceil_d(frame_h + all_rows_h);
    /* A fixed height's spare room goes above the lanes. */
    y = header_bottom + (lo->height - frame_h - all_rows_h);
    double **bottoms = g_new0(double *, ng);
    for (guint g = 0; g < ng; g++) {
        group *gr = &g_array_index(lo->groups, group, g);
        if (g) {
            y += LANE_GAP;
        }
        gr->y0 = y;
        if (gr->title >= 0) {
            text_item *t = text_at(lo, (guint)gr->title);
            t->x = left + 4;
            t->y = y + LANE_PAD;
        }
        y += lane_head;
        /* Row 0 sits nearest the marks; each row's labels stand on its bottom. */
        bottoms[g] = g_new(double, rows[g]->len + 1);
        double yb = y + gr->rows_h;
        for (guint r = 0; r < rows[g]->len; r++) {
            bottoms[g][r] = yb;
            yb -= row_at(rows[g], r)->height + ROW_GAP;
        }
        y += gr->rows_h + LABEL_BAND_GAP;
        gr->marks_top = y;
        y += gr->n_stack * gr->stack_h + 2 + (lanes_on ? LANE_PAD : 0);
        gr->y1 = y;
    }
    for (guint i = 0; i < lo->texts->len; i++) {
        text_item *t = text_at(lo, i);
        if (t->kind != CHRON_CHART_BOX_LABEL || t->layout == NULL) {
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
        t->y = bottoms[t->group][t->row] - t->h;
    }
    for (guint g = 0; g < ng; g++) {
        rows_free(rows[g]);
        g_free(bottoms[g]);
    }
    g_free(bottoms);
    g_free(rows);

    for (guint i = 0; i < n_marks; i++) {
        mark *m = &g_array_index(lo->marks, mark, i);
        const group *gr = &g_array_index(lo->groups, group, m->group);
        m->cy = gr->marks_top + (gr->n_stack - 1 - m->stack) * gr->stack_h + gr->stack_h / 2;
    }
    lo->axis_y = snap(y + 2);
    for (guint i = ticks_text; i < ticks_end; i++) {
        text_item *t = text_at(lo, i);
        t->y = lo->axis_y + TICK_MAJOR + TICK_TEXT_GAP;
        if (t->kind == CHRON_CHART_BOX_TICK_CONTEXT) {
            t->y += tick_h + CONTEXT_GAP;
        }
    }
    translate_items(lo, legend_text, legend_text_end, legend_swatch, legend_swatch_end, left,
                    lo->axis_y + axis_band - 2 + LEGEND_GAP);

    /* "+K more" at the right of the subtitle line; the subtitle gives way (ellipsised). */
    if (lo->n_dropped > 0) {
        char *s = g_strdup_printf("+%u more without a label", lo->n_dropped);
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
            pango_layout_set_ellipsize(st->layout, PANGO_ELLIPSIZE_END);
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

static void dashed(cairo_t *cr, gboolean on)
{
    static const double dash[] = {3, 2};
    cairo_set_dash(cr, dash, on ? 2 : 0, 0);
}

/* A bracket over [x0, x1]: a line along the top with hooks down at both ends. */
static void bracket_path(cairo_t *cr, double x0, double x1, double top, double bottom, double lw)
{
    cairo_move_to(cr, x0 + lw / 2, bottom);
    cairo_line_to(cr, x0 + lw / 2, top + lw / 2);
    cairo_line_to(cr, x1 - lw / 2, top + lw / 2);
    cairo_line_to(cr, x1 - lw / 2, bottom);
}

static void draw_point(cairo_t *cr, const theme *th, double cx, double cy, double r, rgb c,
                       gboolean approximate)
{
    cairo_new_path(cr);
    if (approximate) {
        /* Hollow: the day is not certain. */
        cairo_arc(cr, cx, cy, r - 0.8, 0, 2 * G_PI);
        set_rgb(cr, hex_rgb(th->background));
        cairo_fill_preserve(cr);
        set_rgb(cr, c);
        cairo_set_line_width(cr, 1.6);
        cairo_stroke(cr);
    } else {
        /* A rim keeps dots that share a row apart. */
        cairo_arc(cr, cx, cy, r, 0, 2 * G_PI);
        set_rgba(cr, c, 0.9);
        cairo_fill_preserve(cr);
        set_rgb(cr, hex_rgb(th->rim));
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
    }
}

static void draw_mark(cairo_t *cr, const theme *th, const mark *m)
{
    rgb c = colour_of(th, m->colour);
    double hh = mark_half_h(m);
    if (m->shape == CHRON_CHART_MARK_POINT) {
        draw_point(cr, th, (m->x0 + m->x1) / 2, m->cy, hh, c, m->approximate);
        return;
    }
    double y = m->cy - hh, w = m->x1 - m->x0, h = 2 * hh;
    cairo_new_path(cr);
    switch (m->shape) {
    case CHRON_CHART_MARK_OPEN:
        rounded_rect(cr, m->x0, y, w, h, 3);
        fill_fading(cr, c, m->approximate ? 0.45 : 0.9, m->x0, m->x1);
        break;
    case CHRON_CHART_MARK_BRACKET: {
        double lw = BRACKET_LINE * (1 + (m->size - 1) / 2);
        cairo_rectangle(cr, m->x0, y, w, h);
        set_rgba(cr, c, 0.12);
        cairo_fill(cr);
        bracket_path(cr, m->x0, m->x1, y, y + h, lw);
        dashed(cr, m->approximate);
        cairo_set_line_width(cr, lw);
        set_rgb(cr, c);
        cairo_stroke(cr);
        dashed(cr, FALSE);
        break;
    }
    default:
        rounded_rect(cr, m->x0, y, w, h, 3);
        if (m->approximate) {
            /* Pale fill, dashed outline: roughly then. */
            set_rgba(cr, c, 0.18);
            cairo_fill_preserve(cr);
            dashed(cr, TRUE);
            cairo_set_line_width(cr, 1.2);
            set_rgb(cr, c);
            cairo_stroke(cr);
            dashed(cr, FALSE);
        } else {
            set_rgba(cr, c, 0.85);
            cairo_fill(cr);
        }
        break;
    }
}

static void draw_swatch(cairo_t *cr, const theme *th, const swatch *s)
{
    cairo_new_path(cr);
    double r = LEGEND_SWATCH_W / 2;
    rgb c = colour_of(th, s->colour);
    switch (s->style) {
    case SWATCH_SOURCE:
        cairo_arc(cr, s->x + r, s->cy, r, 0, 2 * G_PI);
        set_rgb(cr, c);
        cairo_fill(cr);
        break;
    case SWATCH_APPROX:
        draw_point(cr, th, s->x + r, s->cy, r, c, TRUE);
        break;
    case SWATCH_OPEN:
        rounded_rect(cr, s->x, s->cy - BAR_H / 2, LEGEND_WIDE_W, BAR_H, 3);
        fill_fading(cr, c, 0.9, s->x, s->x + LEGEND_WIDE_W);
        break;
    case SWATCH_BRACKET:
        bracket_path(cr, s->x, s->x + LEGEND_WIDE_W, s->cy - BAR_H / 2, s->cy + BAR_H / 2,
                     BRACKET_LINE);
        cairo_set_line_width(cr, BRACKET_LINE);
        set_rgb(cr, c);
        cairo_stroke(cr);
        break;
    case SWATCH_SIZE:
        draw_point(cr, th, s->x + 3, s->cy, 3, c, FALSE);
        draw_point(cr, th, s->x + LEGEND_WIDE_W - POINT_R * (1 + SIZE_STEP), s->cy,
                   POINT_R * (1 + SIZE_STEP), c, FALSE);
        break;
    }
}

/* The break between two stretches of the axis: a double slash across the axis line, on a patch
 * of background that cuts the line, and a faint dashed guide up through the lanes. */
static void draw_break(cairo_t *cr, const layout *lo, double xa, double xb, double top)
{
    const theme *th = lo->th;
    double xc = (xa + xb) / 2, y = lo->axis_y;
    cairo_set_line_width(cr, 1);
    dashed(cr, TRUE);
    set_rgba(cr, hex_rgb(th->faint), 0.5);
    cairo_move_to(cr, snap(xc), top);
    cairo_line_to(cr, snap(xc), y - 8);
    cairo_stroke(cr);
    dashed(cr, FALSE);
    set_rgb(cr, hex_rgb(th->axis));
    cairo_set_line_width(cr, 1.4);
    for (int k = -1; k <= 1; k += 2) {
        double x = xc + k * 2.5;
        cairo_move_to(cr, x - 3, y + 6);
        cairo_line_to(cr, x + 3, y - 6);
    }
    cairo_stroke(cr);
}

/* Paints the layout. Order matters: leaders first, so marks sit on them and label grounds hide
 * any leader that passes behind a label. */
static void draw(const layout *lo, cairo_t *cr)
{
    const theme *th = lo->th;
    set_rgb(cr, hex_rgb(th->background));
    cairo_paint(cr);

    /* Lane strips: every other one shaded, so the eye can follow a lane across. */
    if (lo->lanes != CHRON_CHART_LANES_NONE) {
        double margin = CLAMP(lo->width * 0.025, 16.0, 40.0);
        for (guint g = 0; g < lo->groups->len; g++) {
            const group *gr = &g_array_index(lo->groups, group, g);
            if (g % 2 == 0) {
                cairo_rectangle(cr, margin / 2, gr->y0, lo->width - margin, gr->y1 - gr->y0);
                set_rgba(cr, hex_rgb(th->shade), th->shade_alpha);
                cairo_fill(cr);
            }
        }
    }

    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        switch (t->kind) {
        case CHRON_CHART_BOX_TITLE:
            draw_text(cr, t, hex_rgb(th->title));
            break;
        case CHRON_CHART_BOX_SUBTITLE:
        case CHRON_CHART_BOX_LEGEND:
        case CHRON_CHART_BOX_LANE_TITLE:
            draw_text(cr, t, hex_rgb(th->soft));
            break;
        case CHRON_CHART_BOX_NOTE:
            draw_text(cr, t, hex_rgb(th->faint));
            break;
        default:
            break;
        }
    }
    for (guint i = 0; i < lo->swatches->len; i++) {
        draw_swatch(cr, th, &g_array_index(lo->swatches, swatch, i));
    }
    if (lo->marks->len == 0) {
        return;
    }

    /* Breaks, behind everything else in the plot. */
    double top = g_array_index(lo->groups, group, 0).y0;
    for (guint i = 1; i < lo->segments->len; i++) {
        const chron_chart_segment *a = &g_array_index(lo->segments, chron_chart_segment, i - 1);
        const chron_chart_segment *b = &g_array_index(lo->segments, chron_chart_segment, i);
        draw_break(cr, lo, a->x1, b->x0, top);
    }

    /* Leaders: from the top of the mark to the bottom of the label. */
    cairo_set_line_width(cr, 1);
    set_rgb(cr, hex_rgb(th->leader));
    for (guint i = 0; i < lo->marks->len; i++) {
        const mark *m = &g_array_index(lo->marks, mark, i);
        if (m->label < 0) {
            continue;
        }
        const text_item *t = text_at(lo, (guint)m->label);
        cairo_move_to(cr, m->leader_x, m->cy - mark_half_h(m));
        cairo_line_to(cr, m->leader_x, t->y + t->h);
    }
    cairo_stroke(cr);

    /* Marks, top rows first so that those nearest the axis are drawn over leaders. */
    for (int s = MAX_STACK - 1; s >= 0; s--) {
        for (guint i = 0; i < lo->marks->len; i++) {
            const mark *m = &g_array_index(lo->marks, mark, i);
            if (m->stack == s) {
                draw_mark(cr, th, m);
            }
        }
    }

    /* Axis, stretch by stretch, and ticks. */
    cairo_set_line_width(cr, 1);
    set_rgb(cr, hex_rgb(th->minor));
    for (guint i = 0; i < lo->ticks->len; i++) {
        const tick *k = &g_array_index(lo->ticks, tick, i);
        if (k->level == CHRON_CHART_TICK_MINOR) {
            cairo_move_to(cr, k->x, lo->axis_y);
            cairo_line_to(cr, k->x, lo->axis_y + TICK_MINOR);
        }
    }
    cairo_stroke(cr);
    set_rgb(cr, hex_rgb(th->axis));
    for (guint i = 0; i < lo->segments->len; i++) {
        const chron_chart_segment *s = &g_array_index(lo->segments, chron_chart_segment, i);
        cairo_move_to(cr, s->x0, lo->axis_y);
        cairo_line_to(cr, s->x1, lo->axis_y);
    }
    for (guint i = 0; i < lo->ticks->len; i++) {
        const tick *k = &g_array_index(lo->ticks, tick, i);
        if (k->level != CHRON_CHART_TICK_MINOR) {
            cairo_move_to(cr, k->x, lo->axis_y);
            cairo_line_to(cr, k->x,
                          lo->axis_y +
                              (k->level == CHRON_CHART_TICK_CONTEXT ? TICK_CONTEXT : TICK_MAJOR));
        }
    }
    cairo_stroke(cr);
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind == CHRON_CHART_BOX_TICK) {
            draw_text(cr, t, hex_rgb(th->axis));
        } else if (t->kind == CHRON_CHART_BOX_TICK_CONTEXT) {
            draw_text(cr, t, hex_rgb(th->text));
        }
    }

    /* Labels: an opaque ground, a flag edge in the source's colour, the text. */
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->kind != CHRON_CHART_BOX_LABEL || t->layout == NULL) {
            continue;
        }
        const mark *m = &g_array_index(lo->marks, mark, t->mark);
        cairo_new_path(cr);
        rounded_rect(cr, t->x, t->y, t->w, t->h, 2);
        set_rgba(cr, hex_rgb(th->ground), th->ground_alpha);
        cairo_fill(cr);
        cairo_rectangle(cr, t->hang_left ? t->x + t->w - 2.5 : t->x, t->y, 2.5, t->h);
        set_rgba(cr, colour_of(th, m->colour), m->approximate ? 0.5 : 1);
        cairo_fill(cr);
        draw_text(cr, t, hex_rgb(th->text));
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
        /* Opaque RGB: the background is painted anyway, and the file is smaller. */
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

gboolean chron_chart_lanes_from_string(const char *s, chron_chart_lanes *out)
{
    static const char *const names[] = {"none", "source", "type", "actor"};
    for (guint i = 0; s && i < G_N_ELEMENTS(names); i++) {
        if (g_ascii_strcasecmp(s, names[i]) == 0) {
            if (out) {
                *out = (chron_chart_lanes)i;
            }
            return TRUE;
        }
    }
    return FALSE;
}

gboolean chron_chart_theme_from_string(const char *s, chron_chart_theme *out)
{
    for (guint i = 0; s && i < G_N_ELEMENTS(themes); i++) {
        if (g_ascii_strcasecmp(s, themes[i].name) == 0) {
            if (out) {
                *out = (chron_chart_theme)i;
            }
            return TRUE;
        }
    }
    return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* The chart object */

struct chron_chart {
    layout *lo;
    double scale;
    char *title;
    GArray *boxes;     /* chron_chart_box, drawing order */
    GPtrArray *ids;    /* char *, by event index (NULL entries allowed) */
    GPtrArray *values; /* likewise */
};

static void box_add(GArray *boxes, chron_chart_box_kind kind, double x, double y, double w,
                    double h)
{
    chron_chart_box b = {0};
    b.kind = kind;
    b.event = -1;
    b.lane = -1;
    b.x = x;
    b.y = y;
    b.w = w;
    b.h = h;
    g_array_append_val(boxes, b);
}

/* Every box of the layout in drawing order: lanes, header and legend texts, marks, the axis and
 * its breaks, tick labels, event labels. */
static GArray *boxes_collect(const layout *lo)
{
    GArray *boxes = g_array_new(FALSE, TRUE, sizeof(chron_chart_box));
    const double margin = CLAMP(lo->width * 0.025, 16.0, 40.0);
    if (lo->lanes != CHRON_CHART_LANES_NONE) {
        for (guint g = 0; g < lo->groups->len; g++) {
            const group *gr = &g_array_index(lo->groups, group, g);
            box_add(boxes, CHRON_CHART_BOX_LANE, margin / 2, gr->y0, lo->width - margin,
                    gr->y1 - gr->y0);
            g_array_index(boxes, chron_chart_box, boxes->len - 1).lane = (int)g;
        }
    }
    for (int pass = 0; pass < 3; pass++) {
        for (guint i = 0; i < lo->texts->len; i++) {
            const text_item *t = text_at(lo, i);
            gboolean label = t->kind == CHRON_CHART_BOX_LABEL;
            gboolean is_tick =
                t->kind == CHRON_CHART_BOX_TICK || t->kind == CHRON_CHART_BOX_TICK_CONTEXT;
            if (t->layout == NULL || (pass == 0) != (!label && !is_tick) ||
                (pass == 1) != is_tick) {
                continue;
            }
            box_add(boxes, t->kind, t->x, t->y, t->w, t->h);
            chron_chart_box *b = &g_array_index(boxes, chron_chart_box, boxes->len - 1);
            b->event = t->event;
            b->lane = t->group;
            b->leader_x = label ? t->leader_x : 0;
            b->text = pango_layout_get_text(t->layout);
        }
        if (pass == 0 && lo->marks->len > 0) {
            for (guint i = 0; i < lo->marks->len; i++) {
                const mark *m = &g_array_index(lo->marks, mark, i);
                double hh = mark_half_h(m);
                box_add(boxes, CHRON_CHART_BOX_MARK, m->x0, m->cy - hh, m->x1 - m->x0, 2 * hh);
                chron_chart_box *b = &g_array_index(boxes, chron_chart_box, boxes->len - 1);
                b->event = m->event;
                b->lane = m->group;
                b->leader_x = m->anchor_x;
                b->shape = m->shape;
                b->approximate = m->approximate;
                b->sources = m->sources;
                b->t0 = m->t0;
                b->t1 = m->t1;
            }
            box_add(boxes, CHRON_CHART_BOX_AXIS, lo->axis_x0, lo->axis_y - 0.5,
                    lo->axis_x1 - lo->axis_x0, TICK_CONTEXT + 0.5);
            for (guint i = 1; i < lo->segments->len; i++) {
                const chron_chart_segment *a =
                    &g_array_index(lo->segments, chron_chart_segment, i - 1);
                const chron_chart_segment *s = &g_array_index(lo->segments, chron_chart_segment, i);
                box_add(boxes, CHRON_CHART_BOX_BREAK, a->x1, lo->axis_y - 6, s->x0 - a->x1, 12);
                chron_chart_box *b = &g_array_index(boxes, chron_chart_box, boxes->len - 1);
                b->t0 = a->t1;
                b->t1 = s->t0;
            }
        }
    }
    return boxes;
}

chron_chart *chron_chart_new(const chron_event_list *events, const chron_chart_options *opt,
                             GError **error)
{
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    options o;
    if (!options_resolve(opt, &o, error)) {
        return NULL;
    }
    layout *lo = layout_compute(events, &o, error);
    if (lo == NULL) {
        return NULL;
    }
    for (guint i = 0; i < lo->texts->len; i++) {
        const text_item *t = text_at(lo, i);
        if (t->layout) {
            lo->unknown_glyphs += (guint)pango_layout_get_unknown_glyphs_count(t->layout);
        }
    }
    chron_chart *c = g_new0(chron_chart, 1);
    c->lo = lo;
    c->scale = o.scale;
    c->title = g_strdup(o.title);
    c->boxes = boxes_collect(lo);
    guint n = events ? chron_event_list_count(events) : 0;
    c->ids = g_ptr_array_new_full(n, g_free);
    c->values = g_ptr_array_new_full(n, g_free);
    for (guint i = 0; i < n; i++) {
        const chron_event *ev = chron_event_list_get(events, i);
        g_ptr_array_add(c->ids, g_strdup(ev ? ev->id : NULL));
        g_ptr_array_add(c->values, g_strdup(ev ? ev->value : NULL));
    }
    return c;
}

void chron_chart_free(chron_chart *chart)
{
    if (chart == NULL) {
        return;
    }
    layout_free(chart->lo);
    g_free(chart->title);
    g_array_free(chart->boxes, TRUE);
    g_ptr_array_unref(chart->ids);
    g_ptr_array_unref(chart->values);
    g_free(chart);
}

const chron_chart_box *chron_chart_boxes(const chron_chart *chart, guint *n)
{
    *n = chart->boxes->len;
    return (const chron_chart_box *)chart->boxes->data;
}

const chron_chart_tick *chron_chart_ticks(const chron_chart *chart, guint *n)
{
    *n = chart->lo->ticks->len;
    return (const chron_chart_tick *)chart->lo->ticks->data;
}

void chron_chart_get_geometry(const chron_chart *chart, chron_chart_geometry *geom)
{
    const layout *lo = chart->lo;
    memset(geom, 0, sizeof *geom);
    geom->width = lo->width;
    geom->height = lo->height;
    geom->axis_y = lo->axis_y;
    geom->n_segments = MIN(lo->segments->len, CHRON_CHART_MAX_SEGMENTS);
    if (geom->n_segments > 0) {
        memcpy(geom->segments, lo->segments->data, geom->n_segments * sizeof(chron_chart_segment));
    }
    geom->step = lo->step_name;
    geom->n_lanes = lo->marks->len ? lo->groups->len : 0;
    geom->n_events = lo->n_events;
    geom->n_dropped = lo->n_dropped;
    geom->unknown_glyphs = lo->unknown_glyphs;
    geom->background = lo->th->background;
}

double chron_chart_x_of(const chron_chart_geometry *geom, double t)
{
    return segments_x(geom->segments, geom->n_segments, t);
}

const char *chron_chart_event_id(const chron_chart *chart, int event)
{
    return event >= 0 && (guint)event < chart->ids->len ? g_ptr_array_index(chart->ids, event)
                                                        : NULL;
}

const char *chron_chart_event_value(const chron_chart *chart, int event)
{
    return event >= 0 && (guint)event < chart->values->len ? g_ptr_array_index(chart->values, event)
                                                           : NULL;
}

chron_chart_lanes chron_chart_get_lanes(const chron_chart *chart)
{
    return chart->lo->lanes;
}

chron_chart_theme chron_chart_get_theme(const chron_chart *chart)
{
    return chart->lo->th == &themes[1] ? CHRON_CHART_THEME_DARK : CHRON_CHART_THEME_LIGHT;
}

gboolean chron_chart_write(const chron_chart *chart, const char *path, GError **error)
{
    g_return_val_if_fail(chart != NULL && path != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
    const layout *lo = chart->lo;
    chron_chart_format fmt;
    if (!chron_chart_format_from_path(path, &fmt)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "%s: unknown chart format (use a .png, .svg or .pdf file name)", path);
        return FALSE;
    }
    if (fmt == CHRON_CHART_PNG && (lo->width * chart->scale > MAX_DEVICE_SIDE ||
                                   lo->height * chart->scale > MAX_DEVICE_SIDE)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "%s: %g x %g at scale %g is more than a PNG can hold (%d pixels a side)", path,
                    lo->width, lo->height, chart->scale, (int)MAX_DEVICE_SIDE);
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
    cairo_status_t status = render_to(lo, fmt, chart->scale, chart->title, &s);
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
    return ok;
}

gboolean chron_chart_render(const chron_event_list *events, const chron_chart_options *opt,
                            const char *path, GError **error)
{
    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
    if (!chron_chart_format_from_path(path, NULL)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                    "%s: unknown chart format (use a .png, .svg or .pdf file name)", path);
        return FALSE;
    }
    chron_chart *chart = chron_chart_new(events, opt, error);
    if (chart == NULL) {
        g_prefix_error(error, "%s: ", path);
        return FALSE;
    }
    gboolean ok = chron_chart_write(chart, path, error);
    chron_chart_free(chart);
    return ok;
}

gboolean chron_chart_layout_boxes(const chron_event_list *events, const chron_chart_options *opt,
                                  chron_chart_box **boxes, guint *n, chron_chart_geometry *geom,
                                  GError **error)
{
    g_return_val_if_fail(boxes != NULL && n != NULL, FALSE);
    *boxes = NULL;
    *n = 0;
    chron_chart *chart = chron_chart_new(events, opt, error);
    if (chart == NULL) {
        return FALSE;
    }
    guint k;
    const chron_chart_box *b = chron_chart_boxes(chart, &k);
    chron_chart_box *out = g_new0(chron_chart_box, k ? k : 1);
    memcpy(out, b, k * sizeof *out);
    for (guint i = 0; i < k; i++) {
        out[i].text = NULL;
    }
    if (geom) {
        chron_chart_get_geometry(chart, geom);
    }
    *boxes = out;
    *n = k;
    chron_chart_free(chart);
    return TRUE;
}

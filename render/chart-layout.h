/* chart-layout.h - the chart's computed layout as plain rectangles (private to render/ and tests).
 *
 * chron_chart_new() first lays the chart out (every text measured with Pango, every position
 * decided) and only then does chron_chart_write() draw it. This header exposes that first stage
 * so tests can check the geometry without looking at pixels (fonts differ between machines) and
 * so chart-json.c can dump it (`chronicle render --layout-json`). It is not part of the public
 * API.
 *
 * Ownership: chron_chart_boxes() returns a borrowed array valid until the chart is freed;
 * chron_chart_layout_boxes() returns an array the caller frees with g_free().
 */
#ifndef CHRON_CHART_LAYOUT_H
#define CHRON_CHART_LAYOUT_H

#include <glib.h>

#include "chart.h"

typedef enum {
    CHRON_CHART_BOX_TITLE,
    CHRON_CHART_BOX_SUBTITLE,
    CHRON_CHART_BOX_NOTE,         /* "+K more" when labels were left out, or "No dated events" */
    CHRON_CHART_BOX_TICK,         /* an axis tick label (first level: "Mar", "15", "1990") */
    CHRON_CHART_BOX_TICK_CONTEXT, /* second level under it: the year under months, the month
                                     under days */
    CHRON_CHART_BOX_LABEL,        /* an event label (date line and summary) */
    CHRON_CHART_BOX_LEGEND,       /* one legend entry's text */
    CHRON_CHART_BOX_LANE_TITLE,   /* a lane's title */
    /* Graphics rather than text: */
    CHRON_CHART_BOX_MARK,  /* an event's mark (point, bar, open bar, bracket) */
    CHRON_CHART_BOX_LANE,  /* a lane's whole strip (it contains its labels and marks) */
    CHRON_CHART_BOX_BREAK, /* an axis break: the cut drawn across the axis line */
    CHRON_CHART_BOX_AXIS,  /* the axis line and its ticks */
} chron_chart_box_kind;

typedef enum {
    CHRON_CHART_MARK_NONE,
    CHRON_CHART_MARK_POINT,   /* a day */
    CHRON_CHART_MARK_BAR,     /* a week, month, season, quarter, half or year, or a span */
    CHRON_CHART_MARK_OPEN,    /* "since 2018": fades out to the right */
    CHRON_CHART_MARK_BRACKET, /* a decade or century */
} chron_chart_mark_shape;

/* A box in user units (pixels for PNG and SVG, points for PDF), origin top left. */
typedef struct chron_chart_box {
    chron_chart_box_kind kind;
    int event;   /* LABEL, MARK: index of the event in the list; otherwise -1 */
    int lane;    /* LABEL, MARK, LANE, LANE_TITLE: the lane (0 at the top); otherwise -1 */
    double x, y; /* top left corner */
    double w, h;
    double leader_x; /* LABEL: x of the leader line from the mark; MARK: x where its date is
                        (a point's centre, a bar's left end); otherwise 0 */
    chron_chart_mark_shape shape; /* MARK */
    gboolean approximate;         /* MARK: drawn hollow or dashed */
    guint sources;                /* MARK: articles reporting the event */
    double t0, t1;    /* MARK: the span drawn, Julian days (a point: its day, t1 = t0 + 1);
                         BREAK: the time cut out; otherwise 0 */
    const char *text; /* text boxes: their text (borrowed from the chart); otherwise NULL */
} chron_chart_box;

#define CHRON_CHART_MAX_SEGMENTS 16

/* One stretch of the axis: Julian day t maps to x0 + (t - t0) * (x1 - x0) / (t1 - t0). */
typedef struct chron_chart_segment {
    double t0, t1;
    double x0, x1;
} chron_chart_segment;

typedef struct chron_chart_geometry {
    double width, height; /* the canvas */
    double axis_y;        /* the axis line */
    guint n_segments;     /* axis stretches; n_segments - 1 breaks between them */
    chron_chart_segment segments[CHRON_CHART_MAX_SEGMENTS];
    const char *step;     /* major tick step: "day", "week", "month", "quarter", "year",
                             "5 years", ...; "" without an axis */
    guint n_lanes;        /* lanes drawn (1 when lanes are off and there are events) */
    guint n_events;       /* events drawn (those with a valid start date inside the window) */
    guint n_dropped;      /* event labels left out for want of room */
    guint unknown_glyphs; /* characters no installed font could draw, over every text */
    guint32 background;   /* 0xRRGGBB of the canvas */
} chron_chart_geometry;

/* An axis tick: a line under the axis at x for Julian day t. */
typedef enum {
    CHRON_CHART_TICK_MINOR,
    CHRON_CHART_TICK_MAJOR,
    CHRON_CHART_TICK_CONTEXT, /* a year (or month) boundary under a finer step: a longer line */
} chron_chart_tick_level;

typedef struct chron_chart_tick {
    double x;
    double t;
    chron_chart_tick_level level;
} chron_chart_tick;

/* The chart's ticks, by segment and time (*n of them); borrowed. */
const chron_chart_tick *chron_chart_ticks(const chron_chart *chart, guint *n);
/* The chart's boxes in drawing order (*n of them); borrowed. */
const chron_chart_box *chron_chart_boxes(const chron_chart *chart, guint *n);
/* The chart's geometry. */
void chron_chart_get_geometry(const chron_chart *chart, chron_chart_geometry *geom);
/* Where the axis puts Julian day t (a time cut out by a break: the break's middle). */
double chron_chart_x_of(const chron_chart_geometry *geom, double t);
/* The event ids and values the chart was made from, by event index (borrowed; NULL when the
 * event had none). */
const char *chron_chart_event_id(const chron_chart *chart, int event);
const char *chron_chart_event_value(const chron_chart *chart, int event);
/* The options' lanes and theme. */
chron_chart_lanes chron_chart_get_lanes(const chron_chart *chart);
chron_chart_theme chron_chart_get_theme(const chron_chart *chart);

/* Lays the chart out exactly as chron_chart_render() would and returns a copy of every box
 * (*n of them in *boxes, freed with g_free(); their text pointers are NULL). geom may be NULL.
 * Returns FALSE and sets error when the options are invalid; *boxes is then NULL and *n 0. */
gboolean chron_chart_layout_boxes(const chron_event_list *events, const chron_chart_options *opt,
                                  chron_chart_box **boxes, guint *n, chron_chart_geometry *geom,
                                  GError **error);

#endif

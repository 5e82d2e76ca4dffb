/* chart-layout.h - the chart's computed layout as plain rectangles (private to render/ and tests).
 *
 * chron_chart_render() first lays the chart out (every text measured with Pango, every position
 * decided) and only then draws it. This header exposes that first stage so tests can check the
 * geometry without looking at pixels (fonts differ between machines) and so a later
 * `--layout-json` can dump it. It is not part of the public API.
 *
 * Ownership: the caller frees *boxes with g_free().
 */
#ifndef CHRON_CHART_LAYOUT_H
#define CHRON_CHART_LAYOUT_H

#include <glib.h>

#include "chart.h"

typedef enum {
    CHRON_CHART_BOX_TITLE,
    CHRON_CHART_BOX_SUBTITLE,
    CHRON_CHART_BOX_NOTE,   /* "+K more" when labels were dropped, or "No dated events" */
    CHRON_CHART_BOX_TICK,   /* an axis tick label */
    CHRON_CHART_BOX_LABEL,  /* an event label (date line and summary) */
    CHRON_CHART_BOX_LEGEND, /* one legend entry's text */
} chron_chart_box_kind;

/* A text box in user units (pixels for PNG and SVG, points for PDF), origin top left. */
typedef struct chron_chart_box {
    chron_chart_box_kind kind;
    int event;   /* CHRON_CHART_BOX_LABEL: index of the event in the list; otherwise -1 */
    double x, y; /* top left corner */
    double w, h;
    double leader_x; /* CHRON_CHART_BOX_LABEL: x of the leader line from the mark; otherwise 0 */
} chron_chart_box;

typedef struct chron_chart_geometry {
    double width, height; /* the canvas */
    chron_chart_box band; /* marks, axis and tick labels: no event label enters it (kind unused;
                             all zero when there are no events) */
    guint n_events;       /* events drawn (those with a valid start date) */
    guint n_dropped;      /* event labels left out because a fixed height could not hold them */
} chron_chart_geometry;

/* Lays the chart out exactly as chron_chart_render() would and returns every text box in
 * drawing order (*n of them in *boxes). geom may be NULL. Returns FALSE and sets error when the
 * options are invalid; *boxes is then NULL and *n 0. */
gboolean chron_chart_layout_boxes(const chron_event_list *events, const chron_chart_options *opt,
                                  chron_chart_box **boxes, guint *n, chron_chart_geometry *geom,
                                  GError **error);

#endif

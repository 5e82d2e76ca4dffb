/* chart.h - timeline charts drawn with Cairo and Pango (PNG, SVG, PDF).
 *
 * A chart is a horizontal time axis with one mark per event (a point for a day, a bar for a
 * week, month, quarter or year, a fading open bar for "since 2018", a bracket for a decade or
 * century; hollow or dashed when the date is approximate; bigger when more articles report the
 * event) and the event summaries as labels, packed into rows so that no two labels overlap, each
 * tied to its mark by a leader line. Long empty stretches of time are cut out of the axis and
 * the cut is drawn as a break. Events may be grouped into horizontal lanes by article, type or
 * actor.
 *
 * Ownership: the caller keeps events and opt; a chron_chart copies what it needs and keeps no
 * pointer to either. chron_chart_free(NULL) is a no-op; chron_chart_to_json() returns a string
 * the caller frees with g_free().
 */
#ifndef CHRON_CHART_H
#define CHRON_CHART_H

#include <glib.h>

#include "event.h"

typedef enum {
    CHRON_CHART_PNG,
    CHRON_CHART_SVG,
    CHRON_CHART_PDF,
} chron_chart_format;

/* How events are grouped into lanes. */
typedef enum {
    CHRON_CHART_LANES_NONE,   /* one lane */
    CHRON_CHART_LANES_SOURCE, /* one lane per article (the report the date and summary come
                                 from: an event several articles report sits in the lane of
                                 the one that gives its date, and its mark is bigger) */
    CHRON_CHART_LANES_TYPE,   /* one lane per event type; unclassified events under "other" */
    CHRON_CHART_LANES_ACTOR,  /* one lane per first-named actor; none: "other" */
} chron_chart_lanes;

typedef enum {
    CHRON_CHART_THEME_LIGHT,
    CHRON_CHART_THEME_DARK,
} chron_chart_theme;

/* Largest width or height accepted, in user units; larger sizes are refused with an error. */
#define CHRON_CHART_MAX_SIDE 20000

typedef struct chron_chart_options {
    int width;            /* in pixels (PNG, SVG) or points (PDF); 1600 when 0 */
    int height;           /* 0: as tall as the layout needs, up to max(2400, 1.5 x width) */
    double scale;         /* PNG device scale for HiDPI; 1 when 0 */
    const char *title;    /* NULL: "Timeline" */
    const char *subtitle; /* NULL: computed (event and article counts, date range) */
    chron_chart_lanes lanes;
    chron_chart_theme theme;
    GDate from; /* when valid: the axis starts here (events before it are left out) */
    GDate to;   /* when valid: the axis ends here, exclusive (events from it on are left out) */
    gboolean no_breaks; /* never cut empty stretches out of the axis */
} chron_chart_options;

/* Picks the format from the file name's extension (.png, .svg, .pdf). FALSE when unknown. */
gboolean chron_chart_format_from_path(const char *path, chron_chart_format *out);
/* "none", "source", "type", "actor" -> lanes; FALSE when unknown. */
gboolean chron_chart_lanes_from_string(const char *s, chron_chart_lanes *out);
/* "light", "dark" -> theme; FALSE when unknown. */
gboolean chron_chart_theme_from_string(const char *s, chron_chart_theme *out);

/* A laid-out chart: every text measured, every position decided. */
typedef struct chron_chart chron_chart;

/* Lays events out. NULL and error (CHRON_ERROR_INVALID) when the options are out of range or a
 * fixed height cannot hold the chart's frame. The caller frees the chart with chron_chart_free.
 */
chron_chart *chron_chart_new(const chron_event_list *events, const chron_chart_options *opt,
                             GError **error);
void chron_chart_free(chron_chart *chart);

/* Draws the chart into path (format from its extension) through a temporary file renamed into
 * place. Returns FALSE and sets error on failure; no partial file is left behind. */
gboolean chron_chart_write(const chron_chart *chart, const char *path, GError **error);

/* Every placed box (title, labels, marks, lanes, axis ticks, breaks, legend) and the axis
 * mapping as JSON (render/chart-json.c); *length gets its size when not NULL. */
char *chron_chart_to_json(const chron_chart *chart, gsize *length);

/* chron_chart_new + chron_chart_write + chron_chart_free. */
gboolean chron_chart_render(const chron_event_list *events, const chron_chart_options *opt,
                            const char *path, GError **error);

#endif

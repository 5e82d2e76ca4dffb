/* chart.h - timeline charts drawn with Cairo and Pango (PNG, SVG, PDF).
 *
 * A chart is a horizontal time axis with one mark per event (a point for a day, a bar for a
 * month, year or longer span) and the event summaries as labels, packed into rows so that no two
 * labels overlap, each tied to its mark by a leader line.
 *
 * Ownership: the caller keeps events and opt; nothing is retained after the call.
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

typedef struct chron_chart_options {
    int width;            /* in pixels (PNG) or points (SVG, PDF); 1600 when 0 */
    int height;           /* 0: as tall as the layout needs */
    double scale;         /* PNG device scale for HiDPI; 1 when 0 */
    const char *title;    /* NULL: "Timeline" */
    const char *subtitle; /* NULL: computed (event and source counts, date range) */
} chron_chart_options;

/* Picks the format from the file name's extension (.png, .svg, .pdf). FALSE when unknown. */
gboolean chron_chart_format_from_path(const char *path, chron_chart_format *out);

/* Draws events into path (format from its extension) through a temporary file renamed into
 * place. Returns FALSE and sets error on failure; no partial file is left behind. */
gboolean chron_chart_render(const chron_event_list *events, const chron_chart_options *opt,
                            const char *path, GError **error);

#endif

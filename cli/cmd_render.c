/* cmd_render.c - chronicle render: a timeline chart as PNG, SVG or PDF.
 *
 * --from/--to both filter the events (cli_select) and fix the axis to that window: the axis
 * starts at the first day --from names and ends after the last day --to names. */
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "chart.h"
#include "cli.h"

/* A PNG is held whole in memory (4 bytes a pixel) while it is drawn: at most this many pixels by
 * default (--max-pixels), and at most this many a side (Cairo's limit). */
#define DEFAULT_MAX_PIXELS 100000000.0
#define MAX_PNG_SIDE 32767.0
/* The automatic height stops at max(2400, 1.5 x width) (render/chart.h). */
#define AUTO_HEIGHT(w) MAX(2400.0, 1.5 * (w))

/* The height the layout of chart came to, in user units; 0 when unknown. */
static double chart_height(const chron_chart *chart)
{
    gsize len;
    char *json = chron_chart_to_json(chart, &len);
    JsonParser *p = json_parser_new();
    double h = 0;
    if (json && json_parser_load_from_data(p, json, (gssize)len, NULL)) {
        JsonNode *root = json_parser_get_root(p);
        if (JSON_NODE_HOLDS_OBJECT(root))
            h = json_object_get_double_member_with_default(json_node_get_object(root), "height", 0);
    }
    g_object_unref(p);
    g_free(json);
    return h;
}

int cmd_render(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *output = NULL, *title = NULL, *subtitle = NULL, *lanes = NULL, *theme = NULL;
    char *layout_json = NULL;
    gboolean no_breaks = FALSE;
    int width = 0, height = 0;
    double scale = 1.0;
    gint64 max_pixels = 0;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         "Write to FILE; the format comes from its extension (.png, .svg, .pdf)", "FILE"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title, "Chart title", "TEXT"},
        {"subtitle", 0, 0, G_OPTION_ARG_STRING, &subtitle, "Chart subtitle", "TEXT"},
        {"width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (default 1600)", "N"},
        {"height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (default: as needed)", "N"},
        {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "PNG pixel scale for HiDPI (default 1)", "X"},
        {"max-pixels", 0, 0, G_OPTION_ARG_INT64, &max_pixels,
         "Refuse a PNG of more than N pixels, width x height x scale squared (default 100000000)",
         "N"},
        {"lanes", 0, 0, G_OPTION_ARG_STRING, &lanes,
         "Group events into lanes: none (default), source, type or actor", "BY"},
        {"theme", 0, 0, G_OPTION_ARG_STRING, &theme, "Colours: light (default) or dark", "NAME"},
        {"no-breaks", 0, 0, G_OPTION_ARG_NONE, &no_breaks,
         "Keep long empty stretches of time on the axis", NULL},
        {"layout-json", 0, 0, G_OPTION_ARG_FILENAME, &layout_json,
         "Also write every placed box (marks, labels, lanes, ticks, breaks) as JSON to FILE",
         "FILE"},
        {0},
    };
    GOptionContext *ctx = g_option_context_new("INPUT... -o FILE - draw a timeline chart");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    cli_select_add_options(ctx, &sel, TRUE);
    int rc = CHRON_EXIT_USAGE;
    chron_chart_format fmt;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (!output) {
        fprintf(stderr, "chronicle render: -o FILE is required\n");
        goto out;
    }
    if (!chron_chart_format_from_path(output, &fmt)) {
        fprintf(stderr, "chronicle render: %s: unknown format (use .png, .svg or .pdf)\n", output);
        goto out;
    }
    if (width < 0 || height < 0 || width > CHRON_CHART_MAX_SIDE || height > CHRON_CHART_MAX_SIDE ||
        !(scale > 0 && scale <= 8) || max_pixels < 0) {
        fprintf(stderr,
                "chronicle render: size out of range (--width and --height 1..%d, --scale above 0 "
                "and up to 8, --max-pixels not negative)\n",
                CHRON_CHART_MAX_SIDE);
        goto out;
    }
    /* A PNG is refused before anything is read when it cannot fit, and after the layout when
     * its automatic height makes it too large. */
    double pixel_budget = max_pixels ? (double)max_pixels : DEFAULT_MAX_PIXELS;
    double w_px = (width ? width : 1600) * scale;
    double h_px = (height ? height : AUTO_HEIGHT(width ? width : 1600)) * scale;
    gboolean png = fmt == CHRON_CHART_PNG;
    if (png && (w_px > MAX_PNG_SIDE || (height && h_px > MAX_PNG_SIDE))) {
        gboolean wide = w_px > MAX_PNG_SIDE;
        fprintf(stderr,
                "chronicle render: %s: too many pixels: --%s %d at --scale %g is %.0f pixels; a "
                "PNG side is at most %.0f\n",
                output, wide ? "width" : "height", wide ? (width ? width : 1600) : height, scale,
                wide ? w_px : h_px, MAX_PNG_SIDE);
        goto out;
    }
    if (png && height && w_px * h_px > pixel_budget) {
        fprintf(stderr,
                "chronicle render: %s: too many pixels: %.0f x %.0f is more than %.0f "
                "(--max-pixels)\n",
                output, w_px, h_px, pixel_budget);
        goto out;
    }
    chron_chart_options opt = {
        .width = width, .height = height, .scale = scale, .title = title, .subtitle = subtitle};
    opt.no_breaks = no_breaks;
    if (lanes && !chron_chart_lanes_from_string(lanes, &opt.lanes)) {
        fprintf(stderr, "chronicle render: --lanes %s: use none, source, type or actor\n", lanes);
        goto out;
    }
    if (theme && !chron_chart_theme_from_string(theme, &opt.theme)) {
        fprintf(stderr, "chronicle render: --theme %s: use light or dark\n", theme);
        goto out;
    }
    if ((rc = cli_select_prepare(&sel, "render")) != CHRON_EXIT_OK)
        goto out;
    chron_filter_window(sel.filter, &opt.from, &opt.to);
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "render");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    GError *err = NULL;
    chron_chart *chart = chron_chart_new(events, &opt, &err);
    double laid_h = 0;
    if (chart && png && !height && w_px * h_px > pixel_budget &&
        w_px * (laid_h = chart_height(chart) * scale) > pixel_budget) {
        fprintf(stderr,
                "chronicle render: %s: too many pixels: %.0f x %.0f is more than %.0f "
                "(--max-pixels; set --height, --width or --scale)\n",
                output, w_px, laid_h, pixel_budget);
        rc = CHRON_EXIT_USAGE;
    } else if (chart == NULL || !chron_chart_write(chart, output, &err)) {
        fprintf(stderr, "chronicle render: %s%s%s\n", chart ? "" : output, chart ? "" : ": ",
                err->message);
        g_error_free(err);
        rc = CHRON_EXIT_FAILED;
    } else if (layout_json) {
        gsize len;
        char *json = chron_chart_to_json(chart, &len);
        if (cli_write_output(layout_json, json, len) != CHRON_EXIT_OK) {
            rc = CHRON_EXIT_FAILED;
        }
        g_free(json);
    }
    chron_chart_free(chart);
    chron_event_list_free(events);
out:
    g_free(output);
    g_free(title);
    g_free(subtitle);
    g_free(lanes);
    g_free(theme);
    g_free(layout_json);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

/* cmd_render.c - chronicle render: a timeline chart as PNG, SVG or PDF. */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "cli.h"

int cmd_render(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *output = NULL, *title = NULL, *subtitle = NULL;
    int width = 0, height = 0;
    double scale = 1.0;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         "Write to FILE; the format comes from its extension (.png, .svg, .pdf)", "FILE"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title, "Chart title", "TEXT"},
        {"subtitle", 0, 0, G_OPTION_ARG_STRING, &subtitle, "Chart subtitle", "TEXT"},
        {"width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (default 1600)", "N"},
        {"height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (default: as needed)", "N"},
        {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "PNG pixel scale for HiDPI (default 1)", "X"},
        {NULL},
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
    if (width < 0 || height < 0 || width > 20000 || height > 20000 || scale <= 0 || scale > 8) {
        fprintf(stderr, "chronicle render: size out of range (width and height 1..20000, scale "
                        "up to 8)\n");
        goto out;
    }
    if ((rc = cli_select_prepare(&sel, "render")) != CHRON_EXIT_OK)
        goto out;
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "render");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    chron_chart_options opt = {
        .width = width, .height = height, .scale = scale, .title = title, .subtitle = subtitle};
    GError *err = NULL;
    if (!chron_chart_render(events, &opt, output, &err)) {
        fprintf(stderr, "chronicle render: %s\n", err->message);
        g_error_free(err);
        rc = CHRON_EXIT_FAILED;
    }
    chron_event_list_free(events);
out:
    g_free(output);
    g_free(title);
    g_free(subtitle);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

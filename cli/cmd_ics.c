/* cmd_ics.c - chronicle ics: an iCalendar feed of the events. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "feed.h"

int cmd_ics(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *output = NULL, *name = NULL, *description = NULL, *previous = NULL, *color = NULL;
    char *tz = NULL;
    gboolean fresh = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "Calendar name (default: chronicle)", "NAME"},
        {"description", 0, 0, G_OPTION_ARG_STRING, &description, "Calendar description", "TEXT"},
        {"previous", 0, 0, G_OPTION_ARG_FILENAME, &previous,
         "The feed this one replaces (default: the -o FILE, when it exists): unchanged events "
         "keep their SEQUENCE and LAST-MODIFIED",
         "FILE"},
        {"fresh", 0, 0, G_OPTION_ARG_NONE, &fresh, "Ignore any previous feed", NULL},
        {"color", 0, 0, G_OPTION_ARG_STRING, &color, "Calendar COLOR (a CSS colour name)", "NAME"},
        {"tz", 0, 0, G_OPTION_ARG_STRING, &tz,
         "Time zone of times of day in the articles (default UTC), e.g. Asia/Tokyo", "ZONE"},
        {0},
    };
    GOptionContext *ctx = g_option_context_new("INPUT... - write an iCalendar feed");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    cli_select_add_options(ctx, &sel, TRUE);
    int rc = CHRON_EXIT_USAGE;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if ((rc = cli_select_prepare(&sel, "ics")) != CHRON_EXIT_OK)
        goto out;
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "ics");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    GError *err = NULL;
    char *prev_text = NULL;
    gsize prev_len = 0;
    const char *prev_path = previous                             ? previous
                            : output && strcmp(output, "-") != 0 ? output
                                                                 : NULL;
    if (!fresh && prev_path && !g_file_get_contents(prev_path, &prev_text, &prev_len, &err)) {
        if (previous) { /* asked for by name: it must be there */
            fprintf(stderr, "chronicle ics: --previous: %s\n", err->message);
            g_clear_error(&err);
            chron_event_list_free(events);
            rc = CHRON_EXIT_FAILED;
            goto out;
        }
        g_clear_error(&err); /* no earlier feed at -o: every event is new */
    }
    if (tz && strcmp(tz, "UTC") != 0) {
        GTimeZone *zone = g_time_zone_new_identifier(tz);
        if (!zone) {
            fprintf(stderr, "chronicle ics: --tz: '%s' is not a time zone (e.g. Asia/Tokyo)\n", tz);
            g_free(prev_text);
            chron_event_list_free(events);
            rc = CHRON_EXIT_USAGE;
            goto out;
        }
        g_time_zone_unref(zone);
    }
    chron_feed_options opt = {.name = name,
                              .description = description,
                              .dtstamp = cli_now(),
                              .previous = prev_text,
                              .previous_len = prev_len,
                              .color = color,
                              .tz = tz};
    char *ics = chron_feed_to_string(events, &opt, &err);
    if (!ics) {
        fprintf(stderr, "chronicle ics: %s\n", err->message);
        g_error_free(err);
        rc = CHRON_EXIT_FAILED;
    } else {
        int wrc = cli_write_output(output, ics, strlen(ics));
        if (wrc != CHRON_EXIT_OK)
            rc = wrc;
        g_free(ics);
    }
    g_free(prev_text);
    chron_event_list_free(events);
out:
    g_free(output);
    g_free(previous);
    g_free(color);
    g_free(tz);
    g_free(name);
    g_free(description);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

/* cmd_ics.c - chronicle ics: an iCalendar feed of the events. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "feed.h"

int cmd_ics(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *output = NULL, *name = NULL, *description = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "Calendar name (default: chronicle)", "NAME"},
        {"description", 0, 0, G_OPTION_ARG_STRING, &description, "Calendar description", "TEXT"},
        {NULL},
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
    chron_feed_options opt = {name, description, cli_now()};
    GError *err = NULL;
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
    chron_event_list_free(events);
out:
    g_free(output);
    g_free(name);
    g_free(description);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

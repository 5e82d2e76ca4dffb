/* cmd_events.c - chronicle events: dated events as JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonl.h"

int cmd_events(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *format = NULL, *output = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "jsonl (the default)", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("INPUT... - list dated events");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    cli_select_add_options(ctx, &sel, TRUE);
    int rc = CHRON_EXIT_USAGE;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (format && strcmp(format, "jsonl") != 0) {
        fprintf(stderr, "chronicle events: --format: '%s' is not jsonl\n", format);
        goto out;
    }
    if ((rc = cli_select_prepare(&sel, "events")) != CHRON_EXIT_OK)
        goto out;
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "events");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    GString *buf = g_string_new(NULL);
    for (guint i = 0; i < chron_event_list_count(events); i++) {
        char *line = chron_jsonl_event(chron_event_list_get(events, i));
        g_string_append(buf, line);
        g_string_append_c(buf, '\n');
        g_free(line);
    }
    int wrc = cli_write_output(output, buf->str, buf->len);
    if (wrc != CHRON_EXIT_OK)
        rc = wrc;
    g_string_free(buf, TRUE);
    chron_event_list_free(events);
out:
    g_free(format);
    g_free(output);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

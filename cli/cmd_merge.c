/* cmd_merge.c - chronicle merge: joins event shards (JSON Lines from `chronicle events
 * --no-merge`, or .ics feeds) into one timeline, as if one run had read every article. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "feed.h"
#include "jsonl.h"

int cmd_merge(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *format = NULL, *output = NULL, *name = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "jsonl (the default) or ics", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "Calendar name, with --format ics", "NAME"},
        {0},
    };
    GOptionContext *ctx =
        g_option_context_new("SHARD... - join event shards (JSON Lines or .ics) into one timeline");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    cli_select_add_options(ctx, &sel, FALSE);
    int rc = CHRON_EXIT_USAGE;
    gboolean ics = FALSE;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (format && strcmp(format, "jsonl") != 0 && !(ics = strcmp(format, "ics") == 0)) {
        fprintf(stderr, "chronicle merge: --format: '%s' is not jsonl or ics\n", format);
        goto out;
    }
    if ((rc = cli_select_prepare(&sel, "merge")) != CHRON_EXIT_OK)
        goto out;
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "merge");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    int wrc;
    if (ics) {
        chron_feed_options opt = {.name = name, .dtstamp = cli_now()};
        GError *err = NULL;
        char *text = chron_feed_to_string(events, &opt, &err);
        if (!text) {
            fprintf(stderr, "chronicle merge: %s\n", err->message);
            g_error_free(err);
            wrc = CHRON_EXIT_FAILED;
        } else {
            wrc = cli_write_output(output, text, strlen(text));
            g_free(text);
        }
    } else {
        GString *buf = g_string_new(NULL);
        chron_jsonl_events_append(buf, events);
        wrc = cli_write_output(output, buf->str, buf->len);
        g_string_free(buf, TRUE);
    }
    if (wrc != CHRON_EXIT_OK)
        rc = wrc;
    chron_event_list_free(events);
out:
    g_free(format);
    g_free(output);
    g_free(name);
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

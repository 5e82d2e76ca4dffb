/* cmd_events.c - chronicle events: dated events as JSON Lines.
 *
 * With --no-merge nothing needs all articles at once, so the articles are streamed: each is
 * read, tagged, its events written and freed before the next, and memory stays flat however many
 * there are. Events then come out article by article (each article's in date order); `chronicle
 * merge` sorts and joins them. Without --no-merge every event is held to be joined. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonl.h"

typedef struct {
    const cli_inputs *in;
    const cli_select *sel;
    chron_extractor *x;
    cli_out *out;
    GString *buf;
} stream;

static void write_events(stream *st, const chron_event_list *events)
{
    for (guint i = 0; i < chron_event_list_count(events); i++) {
        const chron_event *ev = chron_event_list_get(events, i);
        if (!chron_filter_event(st->sel->filter, ev))
            continue;
        char *line = chron_jsonl_event(ev);
        g_string_append(st->buf, line);
        g_string_append_c(st->buf, '\n');
        g_free(line);
    }
    cli_out_write(st->out, st->buf->str, st->buf->len);
    g_string_truncate(st->buf, 0);
}

/* The corpus's sink: one article's events out, the article freed. */
static void stream_doc(chron_doc *doc, gpointer data)
{
    stream *st = data;
    chron_extract_flags flags = CHRON_EXTRACT_NO_MERGE | (st->sel->all ? CHRON_EXTRACT_ALL : 0);
    chron_event_list *events = chron_corpus_doc_events(st->in->corpus, doc, st->x, flags);
    write_events(st, events);
    chron_event_list_free(events);
    chron_doc_free(doc);
}

static int run_streaming(cli_inputs *in, cli_select *sel, const char *output, char **paths,
                         int npaths)
{
    GError *err = NULL;
    stream st = {.in = in, .sel = sel};
    st.x = chron_extractor_new(&err);
    if (!st.x) {
        fprintf(stderr, "chronicle events: %s\n", err->message);
        g_error_free(err);
        return CHRON_EXIT_FAILED;
    }
    st.buf = g_string_new(NULL);
    st.out = cli_out_open(output);
    in->sink = stream_doc;
    in->sink_data = &st;
    int rc = cli_inputs_load(in, paths, npaths);
    gboolean failed = rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL;
    if (!failed) {
        /* Calendars and event files are not articles: their events come last, as they are. */
        chron_event_list *imported = chron_corpus_events(in->corpus, CHRON_EXTRACT_NO_MERGE, NULL);
        if (imported)
            write_events(&st, imported);
        chron_event_list_free(imported);
    }
    int wrc = cli_out_close(st.out, failed);
    if (wrc != CHRON_EXIT_OK && !failed)
        rc = wrc;
    chron_extractor_free(st.x);
    g_string_free(st.buf, TRUE);
    return rc;
}

int cmd_events(int argc, char **argv)
{
    cli_inputs in = {0};
    cli_select sel = {0};
    char *format = NULL, *output = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "jsonl (the default)", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {0},
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
    if (sel.no_merge) {
        rc = run_streaming(&in, &sel, output, argv + 1, argc - 1);
        goto out;
    }
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    chron_event_list *events = cli_select_events(&sel, &in, "events");
    if (!events) {
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    GString *buf = g_string_new(NULL);
    chron_jsonl_events_append(buf, events);
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

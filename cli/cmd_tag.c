/* cmd_tag.c - chronicle tag: every date and time mention, as JSON Lines or inline TimeML. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "doc.h"
#include "jsonl.h"

static void append_escaped(GString *out, const char *s, gsize len)
{
    char *e = g_markup_escape_text(s, (gssize)len);
    g_string_append(out, e);
    g_free(e);
}

/* One TimeML document: the text with inline TIMEX3 tags; the DCT as the CREATION_TIME. */
static void timeml(GString *out, const chron_doc *doc, const chron_timex_list *l)
{
    const char *text = chron_doc_text(doc);
    GDate dct;
    g_date_clear(&dct, 1);
    g_string_append(out, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
    append_escaped(out, chron_doc_name(doc), strlen(chron_doc_name(doc)));
    g_string_append(out, "</DOCID>\n");
    if (chron_doc_dct(doc, &dct) != CHRON_DCT_NONE)
        g_string_append_printf(out,
                               "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%04d-%02d-%02d\" "
                               "temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">"
                               "%04d-%02d-%02d</TIMEX3></DCT>\n",
                               g_date_get_year(&dct), g_date_get_month(&dct), g_date_get_day(&dct),
                               g_date_get_year(&dct), g_date_get_month(&dct), g_date_get_day(&dct));
    g_string_append(out, "<TEXT>");
    gsize pos = 0;
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        append_escaped(out, text + pos, t->start - pos);
        g_string_append_printf(out, "<TIMEX3 tid=\"t%u\" type=\"%s\"", i + 1,
                               chron_timex_type_name(t->type));
        if (t->value) {
            g_string_append(out, " value=\"");
            append_escaped(out, t->value, strlen(t->value));
            g_string_append_c(out, '"');
        }
        if (t->mod)
            g_string_append_printf(out, " mod=\"%s\"", t->mod);
        g_string_append(out, ">");
        append_escaped(out, text + t->start, t->end - t->start);
        g_string_append(out, "</TIMEX3>");
        pos = t->end;
    }
    append_escaped(out, text + pos, chron_doc_length(doc) - pos);
    g_string_append(out, "</TEXT>\n</TimeML>\n");
}

int cmd_tag(int argc, char **argv)
{
    cli_inputs in = {0};
    char *format = NULL, *output = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "jsonl (default) or timeml", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("FILE... - find date and time mentions");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    int rc = CHRON_EXIT_USAGE;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    gboolean as_timeml = format && strcmp(format, "timeml") == 0;
    if (format && !as_timeml && strcmp(format, "jsonl") != 0) {
        fprintf(stderr, "chronicle tag: --format: '%s' is not jsonl or timeml\n", format);
        goto out;
    }
    rc = cli_inputs_load(&in, argv + 1, argc - 1);
    if (rc != CHRON_EXIT_OK && rc != CHRON_EXIT_PARTIAL)
        goto out;
    GString *buf = g_string_new(NULL);
    for (guint d = 0; d < chron_corpus_count(in.corpus); d++) {
        const chron_doc *doc = chron_corpus_get(in.corpus, d);
        GDate dct;
        g_date_clear(&dct, 1);
        gboolean has = chron_doc_dct(doc, &dct) != CHRON_DCT_NONE;
        chron_timex_list *l =
            chron_tagger_tag(in.tagger, chron_doc_text(doc), chron_doc_length(doc),
                             has ? &dct : NULL,
                             chron_doc_doctype(doc) == CHRON_DOCTYPE_NARRATIVE);
        if (as_timeml) {
            timeml(buf, doc, l);
        } else {
            for (guint i = 0; i < chron_timex_list_count(l); i++) {
                char *line = chron_jsonl_timex(chron_doc_name(doc), chron_timex_list_get(l, i));
                g_string_append(buf, line);
                g_string_append_c(buf, '\n');
                g_free(line);
            }
        }
        chron_timex_list_free(l);
    }
    int wrc = cli_write_output(output, buf->str, buf->len);
    if (wrc != CHRON_EXIT_OK)
        rc = wrc;
    g_string_free(buf, TRUE);
out:
    g_free(format);
    g_free(output);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

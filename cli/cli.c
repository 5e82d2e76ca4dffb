/* cli.c - input loading, option parsing and output shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "doc.h"

void cli_inputs_add_options(GOptionContext *ctx, cli_inputs *in)
{
    GOptionEntry entries[] = {
        {"dct", 0, 0, G_OPTION_ARG_STRING, &in->dct,
         "Publication date of every input, overriding manifest and header", "YYYY-MM-DD"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &in->lang, "Rule language: en, zh or auto (default)",
         "LANG"},
        {"doctype", 0, 0, G_OPTION_ARG_STRING, &in->doctype,
         "news (relative dates against the DCT) or narrative (against the last date)", "TYPE"},
        {"date-order", 0, 0, G_OPTION_ARG_STRING, &in->date_order,
         "Read 04/05/2023 month first (mdy, the default) or day first (dmy); 06.07.2023 (dots) is "
         "day first",
         "ORDER"},
        {"max-input-size", 0, 0, G_OPTION_ARG_STRING, &in->max_input_size,
         "Refuse an input file (or standard input) read whole that is larger than SIZE bytes "
         "(K, M, G suffixes; default 256M; 0: no limit)",
         "SIZE"},
        {"max-events", 0, 0, G_OPTION_ARG_STRING, &in->max_events,
         "Stop with an error rather than hold more than N events (default 1000000; 0: no limit)",
         "N"},
        {0},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

gboolean cli_parse_size(const char *s, guint64 *out)
{
    char *end;
    if (!s || !g_ascii_isdigit(*s))
        return FALSE;
    errno = 0;
    guint64 v = g_ascii_strtoull(s, &end, 10);
    if (errno)
        return FALSE;
    guint shift = 0;
    switch (g_ascii_toupper(*end)) {
    case 'K':
        shift = 10;
        break;
    case 'M':
        shift = 20;
        break;
    case 'G':
        shift = 30;
        break;
    case '\0':
        break;
    default:
        return FALSE;
    }
    if (shift) {
        end++;
        if (g_ascii_strcasecmp(end, "iB") == 0 || g_ascii_strcasecmp(end, "B") == 0)
            end += strlen(end);
    }
    if (*end || v > (G_MAXUINT64 >> shift))
        return FALSE;
    *out = v << shift;
    return TRUE;
}

gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv)
{
    GError *err = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &err)) {
        fprintf(stderr, "chronicle: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    return TRUE;
}

void cli_read_stdin(GString *into, guint64 max)
{
    char buf[65536];
    size_t n;
    while ((!max || into->len <= max) && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len(into, buf, n);
}

gboolean cli_parse_date(const char *s, GDate *out)
{
    int y, m, d, used = 0;
    /* YYYY-MM-DD or YYYYMMDD, optionally followed by a time ("T10:00", " 10:00") */
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 &&
        sscanf(s, "%4d%2d%2d%n", &y, &m, &d, &used) != 3)
        return FALSE;
    if (s[used] != '\0' && s[used] != 'T' && s[used] != ' ')
        return FALSE;
    if (!g_date_valid_dmy(d, m, y))
        return FALSE;
    g_date_clear(out, 1);
    g_date_set_dmy(out, d, m, y);
    return TRUE;
}

int cli_inputs_prepare(cli_inputs *in)
{
    GError *err = NULL;
    GDate dct;
    g_date_clear(&dct, 1);
    if (in->dct && !cli_parse_date(in->dct, &dct)) {
        fprintf(stderr, "chronicle: --dct: '%s' is not a date (YYYY-MM-DD or YYYYMMDD)\n", in->dct);
        return CHRON_EXIT_USAGE;
    }
    in->dct_date = dct;
    in->doctype_value = -1;
    if (in->doctype) {
        if (strcmp(in->doctype, "news") == 0)
            in->doctype_value = CHRON_DOCTYPE_NEWS;
        else if (strcmp(in->doctype, "narrative") == 0)
            in->doctype_value = CHRON_DOCTYPE_NARRATIVE;
        else {
            fprintf(stderr, "chronicle: --doctype: '%s' is not news or narrative\n", in->doctype);
            return CHRON_EXIT_USAGE;
        }
    }
    if (in->date_order && strcmp(in->date_order, "mdy") != 0 &&
        strcmp(in->date_order, "dmy") != 0) {
        fprintf(stderr, "chronicle: --date-order: '%s' is not mdy or dmy\n", in->date_order);
        return CHRON_EXIT_USAGE;
    }
    in->limits.max_input_size = CHRON_DEFAULT_MAX_INPUT_SIZE;
    in->limits.max_events = CHRON_DEFAULT_MAX_EVENTS;
    if (in->max_input_size && !cli_parse_size(in->max_input_size, &in->limits.max_input_size)) {
        fprintf(stderr,
                "chronicle: --max-input-size: '%s' is not a size (bytes, or a number with K, M "
                "or G)\n",
                in->max_input_size);
        return CHRON_EXIT_USAGE;
    }
    if (in->max_events) {
        guint64 n;
        if (!g_ascii_string_to_unsigned(in->max_events, 10, 0, G_MAXUINT, &n, NULL)) {
            fprintf(stderr, "chronicle: --max-events: '%s' is not a number up to %u\n",
                    in->max_events, G_MAXUINT);
            return CHRON_EXIT_USAGE;
        }
        in->limits.max_events = (guint)n;
    }
    in->tagger = chron_tagger_new(in->lang ? in->lang : "auto", &err);
    if (!in->tagger) {
        fprintf(stderr, "chronicle: %s\n", err->message);
        g_error_free(err);
        return CHRON_EXIT_USAGE;
    }
    if (in->date_order && strcmp(in->date_order, "dmy") == 0)
        chron_tagger_set_date_order(in->tagger, CHRON_ORDER_DMY);
    in->corpus = chron_corpus_new(in->tagger, g_date_valid(&dct) ? &dct : NULL);
    chron_corpus_set_doctype(in->corpus, in->doctype_value);
    chron_corpus_set_limits(in->corpus, &in->limits);
    if (in->sink)
        chron_corpus_set_sink(in->corpus, in->sink, in->sink_data);
    return CHRON_EXIT_OK;
}

guint cli_inputs_add(cli_inputs *in, const char *path)
{
    guint before = chron_corpus_count(in->corpus), added;
    if (strcmp(path, "-") == 0) {
        GString *data = g_string_new(NULL);
        cli_read_stdin(data, in->limits.max_input_size);
        chron_corpus_add_data(in->corpus, "-", data->str, data->len);
        g_string_free(data, TRUE);
    } else {
        chron_corpus_add(in->corpus, path);
    }
    added = chron_corpus_count(in->corpus) - before;
    return added;
}

int cli_inputs_report(cli_inputs *in)
{
    for (const char *const *w = chron_corpus_warnings(in->corpus); *w; w++)
        fprintf(stderr, "chronicle: warning: %s\n", *w);
    int failed = 0;
    for (const char *const *e = chron_corpus_errors(in->corpus); *e; e++, failed++)
        fprintf(stderr, "chronicle: error: %s\n", *e);
    if (chron_corpus_count(in->corpus) + chron_corpus_calendar_count(in->corpus) == 0)
        return CHRON_EXIT_FAILED;
    return failed ? CHRON_EXIT_PARTIAL : CHRON_EXIT_OK;
}

int cli_inputs_load(cli_inputs *in, char **paths, int npaths)
{
    if (npaths == 0) {
        fprintf(stderr, "chronicle: no INPUT given (a file, a folder, or - for standard input)\n");
        return CHRON_EXIT_USAGE;
    }
    int rc = cli_inputs_prepare(in);
    if (rc != CHRON_EXIT_OK)
        return rc;
    for (int i = 0; i < npaths; i++)
        cli_inputs_add(in, paths[i]);
    return cli_inputs_report(in);
}

void cli_inputs_finish(cli_inputs *in)
{
    chron_corpus_free(in->corpus);
    chron_tagger_free(in->tagger);
    g_free(in->dct);
    g_free(in->lang);
    g_free(in->doctype);
    g_free(in->date_order);
    g_free(in->max_input_size);
    g_free(in->max_events);
}

int cli_write_output(const char *path, const char *data, gsize len)
{
    /* The same temporary-file-and-rename path as streamed output. */
    cli_out *o = cli_out_open(path);
    cli_out_write(o, data, len);
    return cli_out_close(o, FALSE);
}

gint64 cli_now(void)
{
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        gint64 v = g_ascii_strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
        fprintf(stderr, "chronicle: warning: SOURCE_DATE_EPOCH '%s' ignored\n", sde);
    }
    return g_get_real_time() / G_USEC_PER_SEC;
}

struct cli_out {
    char *path; /* NULL for standard output */
    char *tmp;
    FILE *f;
    int err; /* errno of the first failure, 0 when none */
};

cli_out *cli_out_open(const char *path)
{
    cli_out *o = g_new0(cli_out, 1);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return o;
    }
    o->path = g_strdup(path);
    o->tmp = g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = g_mkstemp_full(o->tmp, O_WRONLY, 0666); /* 0666 minus umask, like any new file */
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        o->err = errno ? errno : EIO;
        if (fd >= 0)
            close(fd);
        g_clear_pointer(&o->tmp, g_free);
    }
    return o;
}

void cli_out_write(cli_out *o, const char *data, gsize len)
{
    if (!o->err && o->f && fwrite(data, 1, len, o->f) != len)
        o->err = errno ? errno : EIO;
}

int cli_out_close(cli_out *o, gboolean abort)
{
    int rc = CHRON_EXIT_OK;
    if (o->f && o->f != stdout && fclose(o->f) != 0 && !o->err)
        o->err = errno ? errno : EIO;
    if (o->f == stdout && fflush(stdout) != 0 && !o->err)
        o->err = errno ? errno : EIO;
    if (o->tmp && (abort || o->err || g_rename(o->tmp, o->path) != 0)) {
        if (!o->err && !abort)
            o->err = errno;
        g_unlink(o->tmp);
    }
    if (o->err) {
        fprintf(stderr, "chronicle: %s: %s\n", o->path ? o->path : "standard output",
                g_strerror(o->err));
        rc = CHRON_EXIT_FAILED;
    }
    g_free(o->path);
    g_free(o->tmp);
    g_free(o);
    return rc;
}

void cli_select_add_options(GOptionContext *ctx, cli_select *sel, gboolean with_events)
{
    GOptionEntry filters[] = {
        {"from", 0, 0, G_OPTION_ARG_STRING, &sel->from,
         "Keep what overlaps DATE or later (YYYY, YYYY-MM, YYYY-MM-DD)", "DATE"},
        {"to", 0, 0, G_OPTION_ARG_STRING, &sel->to, "Keep what overlaps DATE or earlier", "DATE"},
        {"match", 0, 0, G_OPTION_ARG_STRING, &sel->match,
         "Keep what matches the PCRE2 REGEX (summary, sentences, titles; (?i) ignores case)",
         "REGEX"},
        {"type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sel->types,
         "Keep events of TYPE (agreement, meeting, ...; repeatable, or a comma list)", "TYPE"},
        {"actor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sel->actors,
         "Keep events naming ACTOR (part of the name, any case; repeatable)", "ACTOR"},
        {0},
    };
    GOptionEntry events[] = {
        {"all", 0, 0, G_OPTION_ARG_NONE, &sel->all,
         "Also keep mentions that only frame the text (dateline, \"in recent years\")", NULL},
        {"no-merge", 0, 0, G_OPTION_ARG_NONE, &sel->no_merge,
         "Keep each article's report of an event apart", NULL},
        {0},
    };
    GOptionGroup *g =
        g_option_group_new("select", "Selecting events:", "Show selection options", NULL, NULL);
    g_option_group_add_entries(g, filters);
    if (with_events)
        g_option_group_add_entries(g, events);
    g_option_context_add_group(ctx, g);
}

int cli_select_prepare(cli_select *sel, const char *cmd)
{
    GError *err = NULL;
    sel->filter =
        chron_filter_new_full(sel->from, sel->to, sel->match, sel->types, sel->actors, &err);
    if (!sel->filter) {
        fprintf(stderr, "chronicle %s: %s\n", cmd, err->message);
        g_error_free(err);
        return CHRON_EXIT_USAGE;
    }
    return CHRON_EXIT_OK;
}

chron_event_list *cli_select_events(cli_select *sel, cli_inputs *in, const char *cmd)
{
    GError *err = NULL;
    chron_extract_flags flags =
        (sel->all ? CHRON_EXTRACT_ALL : 0) | (sel->no_merge ? CHRON_EXTRACT_NO_MERGE : 0);
    chron_event_list *events = chron_corpus_events(in->corpus, flags, &err);
    if (!events) {
        fprintf(stderr, "chronicle %s: %s\n", cmd, err->message);
        g_error_free(err);
        return NULL;
    }
    if (sel->filter)
        chron_filter_list(sel->filter, events);
    return events;
}

void cli_select_finish(cli_select *sel)
{
    g_free(sel->from);
    g_free(sel->to);
    g_free(sel->match);
    g_strfreev(sel->types);
    g_strfreev(sel->actors);
    chron_filter_free(sel->filter);
}

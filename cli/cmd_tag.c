/* cmd_tag.c - chronicle tag: every date and time mention, as JSON Lines or inline TimeML. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "classify.h"
#include "cli.h"
#include "doc.h"
#include "header.h"
#include "text.h"
#include "jsonl.h"

/* Files larger than this are tagged as a stream of line-aligned chunks, so memory stays flat
 * whatever their size. Smaller ones are read whole. Both take their folder's manifest. */
#define STREAM_MIN (8u << 20)
#define CHUNK (1u << 20)
/* A document (or a chunk of a streamed file) longer than two of these is tagged a piece at a
 * time, cut at a line end or, in a long line, at a sentence start: the tagger's candidates and
 * mentions for dense text take about 30 times its size. */
#define PIECE (256u << 10)
/* A line longer than this is cut as chron_text_piece_end() cuts one: at a sentence start, or in
 * a sentence that long at a space, where a mention that straddles the cut is lost. */
#define LINE_MAX_BYTES (4u << 20)

/* The selection options on mentions (--from, --to, --match, --type, --actor), or NULL. */
typedef struct {
    const chron_filter *filter;
    chron_classifier *classifier; /* for --actor: the actors the sentence names */
} mention_filter;

static const mention_filter *selecting;

/* TRUE when the mention t of text passes the selection: its date span overlaps the window, its
 * sentence matches, its TIMEX3 type is asked for, its sentence names the actor. */
static gboolean keep_mention(const char *text, const chron_timex *t)
{
    const mention_filter *mf = selecting;
    if (!mf)
        return TRUE;
    chron_event *span = chron_event_new();
    char *day = t->value ? g_strndup(t->value, strcspn(t->value, "T/")) : NULL;
    gboolean dated = day && chron_event_span_from_value(span, day);
    gboolean ok = chron_filter_span(mf->filter, dated ? &span->start : &(GDate){0},
                                    dated ? &span->end : &(GDate){0}) &&
                  chron_filter_type(mf->filter, chron_timex_type_name(t->type));
    g_free(day);
    chron_event_free(span);
    if (ok) {
        char *sent = g_strndup(text + t->sent_start, t->sent_end - t->sent_start);
        const char *texts[] = {sent, NULL};
        ok = chron_filter_text(mf->filter, texts);
        if (ok && mf->classifier) {
            char **actors = chron_classifier_actors(mf->classifier, sent);
            ok = chron_filter_actors(mf->filter, (const char *const *)actors);
            g_strfreev(actors);
        }
        g_free(sent);
    }
    return ok;
}

/* How many bytes of JSON Lines emit_jsonl() gathers before it writes them: a document dense with
 * mentions (a few MB of Chinese news has 100,000) would otherwise hold all its lines at once. */
#define LINES_FLUSH (64u << 10)

/* A document being tagged a piece at a time (a chunk of a streamed file, a part of a long
 * text): its reference date and type, and where the next piece starts in it (bytes, code points
 * and mentions before it). */
typedef struct {
    GDate dct; /* invalid when unknown */
    gboolean narrative;
    gsize base;
    glong cp_base;
    guint index;
    guint counts[4];        /* --format counts: the mentions kept so far, by chron_timex_type */
    chron_tag_context *ctx; /* what the pieces before leave to the next (owned) */
} doc_run;

typedef enum { FORMAT_JSONL, FORMAT_TIMEML, FORMAT_COUNTS } tag_format;

/* Where the output of tag goes: the stream, the buffer gathered before a write (reused), and
 * the format. */
typedef struct {
    cli_out *out;
    GString *buf;
    tag_format format;
} tag_writer;

/* Writes what buf holds once it passes LINES_FLUSH (or always, with force). */
static void writer_flush(tag_writer *w, gboolean force)
{
    if (w->buf->len && (force || w->buf->len >= LINES_FLUSH)) {
        cli_out_write(w->out, w->buf->str, w->buf->len);
        g_string_truncate(w->buf, 0);
    }
}

static void append_escaped(GString *out, const char *s, gsize len)
{
    char *e = g_markup_escape_text(s, (gssize)len);
    g_string_append(out, e);
    g_free(e);
}

/* The start of one TimeML document, up to its TEXT element: the DCT (NULL when unknown) as the
 * CREATION_TIME. */
static void timeml_head(tag_writer *w, const char *name, const GDate *dct)
{
    GString *out = w->buf;
    g_string_append(out, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
    append_escaped(out, name, strlen(name));
    g_string_append(out, "</DOCID>\n");
    if (dct)
        g_string_append_printf(out,
                               "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%04d-%02d-%02d\" "
                               "temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">"
                               "%04d-%02d-%02d</TIMEX3></DCT>\n",
                               g_date_get_year(dct), g_date_get_month(dct), g_date_get_day(dct),
                               g_date_get_year(dct), g_date_get_month(dct), g_date_get_day(dct));
    g_string_append(out, "<TEXT>");
}

/* A piece of the TEXT: text[0..len) with the mentions of l as inline TIMEX3 tags, numbered on
 * from the piece's first mention (pos). */
static void timeml_piece(tag_writer *w, const char *text, gsize len, const chron_timex_list *l,
                         const doc_run *pos)
{
    GString *out = w->buf;
    gsize at = 0;
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        append_escaped(out, text + at, t->start - at);
        g_string_append_printf(out, "<TIMEX3 tid=\"t%u\" type=\"%s\"", pos->index + i + 1,
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
        at = t->end;
        writer_flush(w, FALSE);
    }
    append_escaped(out, text + at, len - at);
    writer_flush(w, FALSE);
}

static void timeml_tail(tag_writer *w)
{
    g_string_append(w->buf, "</TEXT>\n</TimeML>\n");
    writer_flush(w, TRUE);
}

/* Writes the mentions of l (of text, the piece at pos) as JSON Lines, gathered in buf (the
 * caller's, reused) and written whole lines at a time. */
static void emit_jsonl(tag_writer *w, const char *name, const char *text, const chron_timex_list *l,
                       const doc_run *pos)
{
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        if (!keep_mention(text, chron_timex_list_get(l, i)))
            continue;
        chron_timex t = *chron_timex_list_get(l, i);
        t.start += pos->base;
        t.end += pos->base;
        t.cp_start += pos->cp_base;
        t.cp_end += pos->cp_base;
        if (t.pair >= 0)
            t.pair += (int)pos->index;
        chron_jsonl_timex_append(w->buf, name, &t);
        g_string_append_c(w->buf, '\n');
        writer_flush(w, FALSE);
    }
    writer_flush(w, TRUE);
}

/* Counts the mentions of l that the selection keeps, by type, for --format counts. */
static void count_mentions(const char *text, const chron_timex_list *l, doc_run *pos)
{
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        if (keep_mention(text, t) && (guint)t->type < G_N_ELEMENTS(pos->counts))
            pos->counts[t->type]++;
    }
}

/* The line of --format counts for document name. */
static void emit_counts(tag_writer *w, const char *name, const doc_run *run)
{
    char *line = chron_jsonl_counts(name, run->counts);
    g_string_append(w->buf, line);
    g_string_append_c(w->buf, '\n');
    g_free(line);
    writer_flush(w, TRUE);
}

/* Where to cut buf[0..len) so that the chunk ends at a line end, or failing that (a huge line)
 * where chron_text_piece_end() cuts a long line; 0 when more must be read first. */
static gsize cut_point(const char *buf, gsize len, gboolean eof)
{
    if (eof)
        return len;
    const char *nl = memrchr(buf, '\n', len);
    if (nl)
        return (gsize)(nl - buf) + 1;
    if (len < LINE_MAX_BYTES)
        return 0; /* read more first */
    return chron_text_piece_end(buf, len, len - 1);
}

/* Starts document doc (named name in the output) in run: its reference date and type, a fresh
 * tag context, and, as TimeML, the head of the document. */
static void doc_begin(tag_writer *w, const char *name, const chron_doc *doc, doc_run *run)
{
    *run = (doc_run){.narrative = chron_doc_doctype(doc) == CHRON_DOCTYPE_NARRATIVE,
                     .ctx = chron_tag_context_new()};
    g_date_clear(&run->dct, 1);
    chron_doc_dct(doc, &run->dct); /* left invalid when the document has none */
    if (w->format == FORMAT_TIMEML)
        timeml_head(w, name, g_date_valid(&run->dct) ? &run->dct : NULL);
}

static void doc_end(tag_writer *w, const char *name, doc_run *run)
{
    chron_tag_context_free(run->ctx);
    run->ctx = NULL;
    if (w->format == FORMAT_TIMEML)
        timeml_tail(w);
    else if (w->format == FORMAT_COUNTS)
        emit_counts(w, name, run);
}

/* Tags text[0..len), the piece of document name at pos, writes its mentions (or, as TimeML, the
 * piece with its mentions tagged), and moves pos past the piece. */
static void tag_piece(const chron_tagger *tagger, tag_writer *w, const char *name, const char *text,
                      gsize len, doc_run *pos)
{
    chron_timex_list *l = chron_tagger_tag_piece(
        tagger, text, len, g_date_valid(&pos->dct) ? &pos->dct : NULL, pos->narrative, pos->ctx);
    if (w->format == FORMAT_TIMEML)
        timeml_piece(w, text, len, l, pos);
    else if (w->format == FORMAT_COUNTS)
        count_mentions(text, l, pos);
    else
        emit_jsonl(w, name, text, l, pos);
    /* The tagger counted the code points up to its last mention: count only the rest. */
    guint nl = chron_timex_list_count(l);
    const chron_timex *last = nl ? chron_timex_list_get(l, nl - 1) : NULL;
    pos->cp_base += last ? last->cp_end + chron_utf8_count(text + last->end, len - last->end)
                         : chron_utf8_count(text, len);
    pos->base += len;
    pos->index += nl;
    chron_timex_list_free(l);
}

/* Tags text[0..len), the part of document name at pos, a piece of at most about PIECE bytes at a
 * time, cut at line ends or sentence starts (chron_text_piece_end()): the tagger's candidates and
 * mentions for dense text take about 30 times its size. The tag context in pos carries what an
 * anaphor ("a year earlier") or a narrative's anchor needs across the cuts. */
static void tag_pieces(const chron_tagger *tagger, tag_writer *w, const char *name,
                       const char *text, gsize len, doc_run *pos)
{
    gsize off = 0;
    while (off < len) {
        gsize rest = len - off;
        gsize n = rest > 2 * PIECE ? chron_text_piece_end(text + off, rest, PIECE) : rest;
        tag_piece(tagger, w, name, text + off, n, pos);
        off += n;
    }
}

/* Tags the stream f (named path in messages and output), whose first bytes may already be in buf,
 * as a document read a line-aligned chunk at a time. */
static int stream_from(cli_inputs *in, FILE *f, const char *path, GString *buf, tag_writer *w)
{
    gboolean first = TRUE, eof = FALSE;
    doc_run run = {0};
    int rc = CHRON_EXIT_OK;
    while (!eof || buf->len) {
        if (!eof) {
            gsize old = buf->len;
            g_string_set_size(buf, old + CHUNK);
            size_t n = fread(buf->str + old, 1, CHUNK, f);
            g_string_set_size(buf, old + n);
            if (n < CHUNK) {
                eof = TRUE;
                if (ferror(f)) {
                    fprintf(stderr, "chronicle: error: %s: byte %zu: %s\n", path,
                            (size_t)(run.base + buf->len), g_strerror(errno));
                    rc = CHRON_EXIT_PARTIAL;
                }
            }
        }
        gsize cut = cut_point(buf->str, buf->len, eof);
        if (cut == 0 && !eof)
            continue;
        chron_doc *doc = chron_doc_new_at(path, buf->str, cut, run.base);
        if (first) {
            /* The first piece stands for the file: the --dct and --doctype options, its folder's
             * manifest entry, a sidecar or its dateline, as for a file read whole. */
            chron_corpus_describe(in->corpus, doc, path);
            doc_begin(w, path, doc, &run);
        }
        first = FALSE;
        for (const char *const *wn = chron_doc_warnings(doc); *wn; wn++)
            fprintf(stderr, "chronicle: warning: %s\n", *wn);
        /* Repairs can change the length: offsets stay those of the repaired text. */
        tag_pieces(in->tagger, w, path, chron_doc_text(doc), chron_doc_length(doc), &run);
        chron_doc_free(doc);
        g_string_erase(buf, 0, cut);
    }
    if (!first)
        doc_end(w, path, &run);
    return rc;
}

static int stream_file(cli_inputs *in, const char *path, tag_writer *w)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "chronicle: error: %s: %s\n", path, g_strerror(errno));
        return CHRON_EXIT_PARTIAL;
    }
    GString *buf = g_string_sized_new(CHUNK * 2);
    int rc = stream_from(in, f, path, buf, w);
    g_string_free(buf, TRUE);
    fclose(f);
    return rc;
}

/* Whether the first len bytes of an input can be streamed: text in UTF-8 (UTF-16 and binary
 * inputs are read whole, where they are decoded or refused with the reason). */
static gboolean streamable(const char *name, const char *head, gsize len)
{
    gsize n = MIN(len, (gsize)CHRON_DOC_SNIFF_BYTES);
    gboolean utf16 = n >= 2 && (((guchar)head[0] == 0xFF && (guchar)head[1] == 0xFE) ||
                                ((guchar)head[0] == 0xFE && (guchar)head[1] == 0xFF));
    return !utf16 && chron_doc_check_text(name, head, n, NULL);
}

/* Standard input: up to CHUNK bytes is one document read whole, as a file is; more, in UTF-8,
 * is tagged as a stream like a big file, so a pipe of any length keeps memory flat. Returns the
 * number of documents (0 or 1) and sets *partial on a read error. */
static guint tag_stdin(cli_inputs *in, tag_writer *w, gboolean *partial)
{
    GString *buf = g_string_sized_new(CHUNK * 2);
    /* fread returns short only at the end of the input (or on an error). */
    g_string_set_size(buf, CHUNK);
    g_string_set_size(buf, fread(buf->str, 1, CHUNK, stdin));
    guint docs;
    if (buf->len >= CHUNK && streamable("-", buf->str, buf->len)) {
        *partial |= stream_from(in, stdin, "-", buf, w) != CHRON_EXIT_OK;
        docs = 1;
    } else {
        /* The rest, within the size limit (the corpus refuses a larger input, naming it). */
        cli_read_stdin(buf, in->limits.max_input_size);
        guint before = chron_corpus_count(in->corpus);
        chron_corpus_add_data(in->corpus, "-", buf->str, buf->len);
        docs = chron_corpus_count(in->corpus) - before;
    }
    g_string_free(buf, TRUE);
    return docs;
}

/* TRUE when path is a regular file large enough to stream, and streaming can read it: text in
 * UTF-8 (a UTF-16 file is read whole, where it is decoded; a binary file is read whole too,
 * where it is refused with the reason). */
static gboolean is_big_file(const char *path)
{
    GStatBuf st;
    if (strcmp(path, "-") == 0 || g_stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (guint64)st.st_size < STREAM_MIN)
        return FALSE;
    FILE *f = fopen(path, "rb");
    if (!f)
        return FALSE;
    char *head = g_malloc(CHRON_DOC_SNIFF_BYTES);
    size_t n = fread(head, 1, CHRON_DOC_SNIFF_BYTES, f);
    fclose(f);
    gboolean text = streamable(path, head, n);
    g_free(head);
    return text;
}

/* Where the documents go as the corpus reads them: each is tagged, written and freed at once, so
 * memory does not grow with the number of documents in a folder. */
typedef struct {
    const chron_tagger *tagger;
    tag_writer *w;
} tag_sink;

static void tag_doc(chron_doc *doc, gpointer data)
{
    const tag_sink *ts = data;
    /* A long document is tagged in pieces, as a streamed file is: its mentions are never all
     * held at once. */
    doc_run run;
    doc_begin(ts->w, chron_doc_name(doc), doc, &run);
    tag_pieces(ts->tagger, ts->w, chron_doc_name(doc), chron_doc_text(doc), chron_doc_length(doc),
               &run);
    doc_end(ts->w, chron_doc_name(doc), &run);
    chron_doc_free(doc);
}

int cmd_tag(int argc, char **argv)
{
    cli_inputs in = {0};
    char *format = NULL, *output = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
         "jsonl (default), timeml, or counts (one line per document: its mentions by type)",
         "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (default: stdout)",
         "FILE"},
        {0},
    };
    GOptionContext *ctx = g_option_context_new("FILE... - find date and time mentions");
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_inputs_add_options(ctx, &in);
    cli_select sel = {0};
    /* On mentions --type is the TIMEX3 type (DATE, TIME, DURATION, SET), --match and --actor
     * look at the mention's sentence. */
    cli_select_add_options(ctx, &sel, FALSE);
    mention_filter mf = {0};
    int rc = CHRON_EXIT_USAGE;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if ((rc = cli_select_prepare(&sel, "tag")) != CHRON_EXIT_OK)
        goto out;
    rc = CHRON_EXIT_USAGE;
    if (!chron_filter_is_empty(sel.filter)) {
        if (format && strcmp(format, "timeml") == 0) {
            fprintf(stderr, "chronicle tag: the selection options apply to JSON Lines, not to "
                            "TimeML (which keeps the whole text)\n");
            goto out;
        }
        mf.filter = sel.filter;
        if (sel.actors) {
            GError *err = NULL;
            mf.classifier = chron_classifier_new("en", &err);
            if (!mf.classifier) {
                fprintf(stderr, "chronicle tag: %s\n", err->message);
                g_error_free(err);
                rc = CHRON_EXIT_FAILED;
                goto out;
            }
        }
        selecting = &mf;
    }
    tag_format fmt = FORMAT_JSONL;
    if (format && strcmp(format, "timeml") == 0) {
        fmt = FORMAT_TIMEML;
    } else if (format && strcmp(format, "counts") == 0) {
        fmt = FORMAT_COUNTS;
    } else if (format && strcmp(format, "jsonl") != 0) {
        fprintf(stderr, "chronicle tag: --format: '%s' is not jsonl, timeml or counts\n", format);
        goto out;
    }
    if (argc < 2) {
        fprintf(stderr, "chronicle: no INPUT given (a file, a folder, or - for standard input)\n");
        goto out;
    }
    tag_writer w = {.format = fmt};
    tag_sink ts = {.w = &w};
    in.sink = tag_doc;
    in.sink_data = &ts;
    rc = cli_inputs_prepare(&in);
    if (rc != CHRON_EXIT_OK)
        goto out;
    cli_out *o = cli_out_open(output);
    w.out = o;
    w.buf = g_string_sized_new(LINES_FLUSH * 2);
    ts.tagger = in.tagger;
    gboolean partial = FALSE;
    guint docs = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "-") == 0) {
            docs += tag_stdin(&in, &w, &partial);
            continue;
        }
        if (is_big_file(argv[a])) {
            partial |= stream_file(&in, argv[a], &w) != CHRON_EXIT_OK;
            docs++;
            continue;
        }
        docs += cli_inputs_add(&in, argv[a]);
    }
    int irc = cli_inputs_report(&in);
    if (docs == 0)
        rc = CHRON_EXIT_FAILED;
    else if (partial || irc == CHRON_EXIT_PARTIAL)
        rc = CHRON_EXIT_PARTIAL;
    else
        rc = CHRON_EXIT_OK;
    g_string_free(w.buf, TRUE);
    int wrc = cli_out_close(o, docs == 0);
    if (wrc != CHRON_EXIT_OK)
        rc = wrc;
out:
    selecting = NULL;
    chron_classifier_free(mf.classifier);
    cli_select_finish(&sel);
    g_free(format);
    g_free(output);
    cli_inputs_finish(&in);
    g_option_context_free(ctx);
    return rc;
}

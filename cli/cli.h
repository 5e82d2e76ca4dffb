/* cli.h - shared pieces of the chronicle command line: options every reading command takes,
 * loading inputs, reporting problems, exit codes. */
#ifndef CHRON_CLI_H
#define CHRON_CLI_H

#include <glib.h>

#include "corpus.h"
#include "event.h"
#include "filter.h"
#include "timex.h"

/* Exit statuses (documented in README.md and chronicle(1)). */
enum {
    CHRON_EXIT_OK = 0,      /* everything read and written */
    CHRON_EXIT_PARTIAL = 1, /* some inputs could not be read; the rest went through */
    CHRON_EXIT_USAGE = 2,   /* bad command line */
    CHRON_EXIT_FAILED = 3,  /* nothing could be read, or the output could not be written */
};

typedef struct cli_inputs {
    char *dct;                  /* --dct YYYY-MM-DD */
    char *lang;                 /* --lang en|zh|auto */
    char *doctype;              /* --doctype news|narrative */
    int doctype_value;          /* chron_doctype, or -1 when not given */
    char *date_order;           /* --date-order mdy|dmy */
    char *max_input_size;       /* --max-input-size SIZE (bytes, or with K, M, G); NULL: default */
    char *max_events;           /* --max-events N; NULL: default */
    GDate dct_date;             /* --dct parsed; invalid when not given */
    chron_corpus_limits limits; /* the two above parsed, given to the corpus */
    chron_tagger *tagger;
    chron_corpus *corpus;
    chron_corpus_sink sink; /* set before loading: documents stream there (chron_corpus_set_sink) */
    gpointer sink_data;
} cli_inputs;

/* Option entries for --dct, --lang, --doctype, --date-order and the limits --max-input-size,
 * --max-events bound to in. */
void cli_inputs_add_options(GOptionContext *ctx, cli_inputs *in);
/* Parses a size: a number of bytes, optionally followed by K, M or G (KiB, MiB, GiB). */
gboolean cli_parse_size(const char *s, guint64 *out);
/* Parses YYYY-MM-DD or YYYYMMDD (a trailing time is allowed and ignored). */
gboolean cli_parse_date(const char *s, GDate *out);

/* Checks the options and makes the tagger and an empty corpus. Returns CHRON_EXIT_OK or
 * CHRON_EXIT_USAGE after printing why. */
int cli_inputs_prepare(cli_inputs *in);
/* Adds one input (a file, a folder, "-") to the corpus; returns how many documents it added. */
guint cli_inputs_add(cli_inputs *in, const char *path);
/* Appends standard input to into, to the end or to one byte past max bytes in all (0: no limit),
 * which the corpus then refuses. */
void cli_read_stdin(GString *into, guint64 max);
/* Prints the corpus's warnings and errors; returns OK, PARTIAL (some inputs failed) or FAILED
 * (nothing could be read). */
int cli_inputs_report(cli_inputs *in);
/* prepare + add every path + report. */
int cli_inputs_load(cli_inputs *in, char **paths, int npaths);
void cli_inputs_finish(cli_inputs *in);

/* Which events a command works on: --all (framing mentions too), --no-merge, and the filters
 * --from, --to, --match, --type, --actor (see src/filter.h). */
typedef struct cli_select {
    gboolean all;
    gboolean no_merge;
    char *from;
    char *to;
    char *match;
    char **types;  /* repeatable, each may be a comma list */
    char **actors; /* likewise */
    chron_filter *filter;
} cli_select;

/* Adds the options to ctx; with_events adds --all and --no-merge (not for tag). */
void cli_select_add_options(GOptionContext *ctx, cli_select *sel, gboolean with_events);
/* Builds the filter from the options. Returns CHRON_EXIT_OK or CHRON_EXIT_USAGE after printing
 * why, with the command's name. */
int cli_select_prepare(cli_select *sel, const char *cmd);
/* The corpus's events as the options ask, filtered. NULL after printing why. */
chron_event_list *cli_select_events(cli_select *sel, cli_inputs *in, const char *cmd);
void cli_select_finish(cli_select *sel);

/* Parses argv with ctx; prints the error and returns FALSE on failure. */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv);

/* Writes data to path atomically ("-" or NULL: standard output). */
int cli_write_output(const char *path, const char *data, gsize len);

/* An output written piece by piece: standard output, or a temporary file beside path that
 * cli_out_close() renames into place (or removes, when anything failed). */
typedef struct cli_out cli_out;
cli_out *cli_out_open(const char *path);
void cli_out_write(cli_out *out, const char *data, gsize len);
/* Returns CHRON_EXIT_OK, or CHRON_EXIT_FAILED after printing why. abort discards the output. */
int cli_out_close(cli_out *out, gboolean abort);

/* "Now" for DTSTAMP: SOURCE_DATE_EPOCH when set, else the clock. */
gint64 cli_now(void);

int cmd_tag(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_ics(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif

/* cli.h - shared pieces of the chronicle command line: options every reading command takes,
 * loading inputs, reporting problems, exit codes. */
#ifndef CHRON_CLI_H
#define CHRON_CLI_H

#include <glib.h>

#include "corpus.h"
#include "event.h"
#include "timex.h"

/* Exit statuses (documented in README.md and chronicle(1)). */
enum {
    CHRON_EXIT_OK = 0,      /* everything read and written */
    CHRON_EXIT_PARTIAL = 1, /* some inputs could not be read; the rest went through */
    CHRON_EXIT_USAGE = 2,   /* bad command line */
    CHRON_EXIT_FAILED = 3,  /* nothing could be read, or the output could not be written */
};

typedef struct cli_inputs {
    char *dct;     /* --dct YYYY-MM-DD */
    char *lang;    /* --lang en|zh|auto */
    char *doctype; /* --doctype news|narrative */
    chron_tagger *tagger;
    chron_corpus *corpus;
} cli_inputs;

/* Option entries for --dct, --lang, --doctype bound to in. */
void cli_inputs_add_options(GOptionContext *ctx, cli_inputs *in);
/* Loads the tagger and every input (files, folders, "-"). Prints problems to stderr. Returns an
 * exit status: OK, PARTIAL (some failed) or FAILED/USAGE. */
int cli_inputs_load(cli_inputs *in, char **paths, int npaths);
void cli_inputs_finish(cli_inputs *in);

/* Parses argv with ctx; prints the error and returns FALSE on failure. */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv);

/* Writes data to path atomically ("-" or NULL: standard output). */
int cli_write_output(const char *path, const char *data, gsize len);

/* "Now" for DTSTAMP: SOURCE_DATE_EPOCH when set, else the clock. */
gint64 cli_now(void);

int cmd_tag(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_ics(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif

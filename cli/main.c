/* main.c - the chronicle command: dispatches to a subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"tag", cmd_tag, "find and normalise date and time mentions (JSON Lines or TimeML)"},
    {"events", cmd_events, "list dated events (JSON Lines)"},
    {"ics", cmd_ics, "write an iCalendar feed"},
    {"render", cmd_render, "draw a timeline chart (PNG, SVG or PDF)"},
    {"eval", cmd_eval, "score the tagger on gold TimeML (TempEval-3 Task A)"},
    {"merge", cmd_merge, "join event shards (JSON Lines or .ics) into one timeline"},
    {"batch", cmd_batch, "make every chart, feed and event file a manifest lists, in parallel"},
    {"serve", cmd_serve, "serve the live feed and charts over HTTP, rebuilt on changes"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: chronicle COMMAND [OPTION...] INPUT...\n\nCommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\nRun 'chronicle COMMAND --help' for a command's options.\n"
                 "Exit status: 0 success, 1 some inputs failed, 2 usage error, 3 failure.\n");
}

int main(int argc, char **argv)
{
    /* GOption converts arguments from the locale's charset: without this, a UTF-8 title fails. */
    setlocale(LC_ALL, "");
    if (argc < 2) {
        usage(stderr);
        return CHRON_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return CHRON_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("chronicle %s\n", CHRON_VERSION);
        return CHRON_EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "chronicle: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CHRON_EXIT_USAGE;
}

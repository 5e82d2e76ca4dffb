/* test_spec.c - runs a tagger spec file (see tests/spec/tagger.spec for the format): each case
 * is a sentence, a reference date and the complete list of expected mentions. */
#include <stdio.h>
#include <string.h>

#include "timex.h"

typedef struct {
    int line;
    char *sentence;
    GDate ref;
    gboolean narrative;  /* "@ DATE narrative": resolved as a narrative document */
    GPtrArray *expected; /* "text | TYPE | value[ | mod][ | zone Z]" normalised */
} spec_case;

static char *describe(const chron_timex *t)
{
    return g_strdup_printf("%s | %s | %s%s%s%s%s", t->text, chron_timex_type_name(t->type),
                           t->value ? t->value : "-", t->mod ? " | " : "", t->mod ? t->mod : "",
                           t->zone ? " | zone " : "", t->zone ? t->zone : "");
}

/* "a |  b|c" -> "a | b | c" */
static char *normalise(const char *s)
{
    gchar **parts = g_strsplit(s, "|", -1);
    for (gchar **p = parts; *p; p++)
        g_strstrip(*p);
    char *out = g_strjoinv(" | ", parts);
    g_strfreev(parts);
    return out;
}

static int run_case(const chron_tagger *tagger, spec_case *c, const char *file)
{
    chron_timex_list *l = chron_tagger_tag(tagger, c->sentence, strlen(c->sentence),
                                           g_date_valid(&c->ref) ? &c->ref : NULL, c->narrative);
    int fail = 0;
    guint n = chron_timex_list_count(l);
    for (guint i = 0; i < MAX(n, c->expected->len); i++) {
        char *got = i < n ? describe(chron_timex_list_get(l, i)) : g_strdup("(nothing)");
        const char *want = i < c->expected->len ? g_ptr_array_index(c->expected, i) : "(nothing)";
        if (strcmp(got, want) != 0) {
            printf("%s:%d: %s\n  expected: %s\n  got:      %s\n", file, c->line, c->sentence, want,
                   got);
            fail = 1;
        }
        g_free(got);
    }
    chron_timex_list_free(l);
    return fail;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_spec FILE.spec\n");
        return 2;
    }
    /* A GLib check that fails inside the library (a date moved out of range) fails the test. */
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    char *data;
    GError *err = NULL;
    if (!g_file_get_contents(argv[1], &data, NULL, &err)) {
        fprintf(stderr, "%s\n", err->message);
        return 2;
    }
    chron_tagger *tagger = chron_tagger_new("auto", &err);
    if (!tagger) {
        fprintf(stderr, "%s\n", err->message);
        return 2;
    }
    gchar **lines = g_strsplit(data, "\n", -1);
    int cases = 0, failed = 0;
    spec_case c = {0};
    for (int i = 0;; i++) {
        char *l = lines[i];
        gboolean end = !l || (l[0] == '>' && c.sentence);
        if (end && c.sentence) {
            cases++;
            failed += run_case(tagger, &c, argv[1]);
            g_free(c.sentence);
            g_ptr_array_free(c.expected, TRUE);
            memset(&c, 0, sizeof c);
        }
        if (!l)
            break;
        if (l[0] == '>') {
            c.line = i + 1;
            c.sentence = g_strdup(g_strstrip(l + 1));
            c.expected = g_ptr_array_new_with_free_func(g_free);
            g_date_clear(&c.ref, 1);
        } else if (l[0] == '@' && c.sentence) {
            int y, m, d;
            if (sscanf(l + 1, " %d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy(d, m, y))
                g_date_set_dmy(&c.ref, d, m, y);
            else if (!strstr(l, "none")) {
                fprintf(stderr, "%s:%d: bad reference date\n", argv[1], i + 1);
                return 2;
            }
            c.narrative = strstr(l, "narrative") != NULL;
        } else if (l[0] == '=' && c.sentence) {
            char *want = g_strstrip(g_strdup(l + 1));
            if (strcmp(want, "(none)") != 0)
                g_ptr_array_add(c.expected, normalise(want));
            g_free(want);
        }
    }
    g_strfreev(lines);
    g_free(data);
    chron_tagger_free(tagger);
    printf("%d passed, %d failed\n", cases - failed, failed);
    return failed ? 1 : 0;
}

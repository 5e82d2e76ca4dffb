/* test_anchored.c - the anchored scan (rules tried only at their anchor tokens) must find exactly
 * what running every rule over the whole text finds. Checked on every file given (the corpus,
 * the spec file's sentences, and the gold texts when present). */
#include <stdio.h>
#include <string.h>

#include "timex.h"

static char *describe(const chron_timex_list *l)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        g_string_append_printf(s, "%zu-%zu %s %s %s %s\n", (size_t)t->start, (size_t)t->end,
                               chron_timex_type_name(t->type), t->value ? t->value : "-",
                               t->mod ? t->mod : "-", t->rule);
    }
    return g_string_free(s, FALSE);
}

int main(int argc, char **argv)
{
    chron_tagger *fast = chron_tagger_new("auto", NULL), *full = chron_tagger_new("auto", NULL);
    chron_tagger_set_exhaustive(full, TRUE);
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 20, 1, 2026);
    int files = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        char *data;
        gsize len;
        if (!g_file_get_contents(argv[i], &data, &len, NULL) || !g_utf8_validate(data, len, NULL)) {
            printf("skipped %s (unreadable or not UTF-8)\n", argv[i]);
            continue;
        }
        chron_timex_list *a = chron_tagger_tag(fast, data, len, &ref, FALSE);
        chron_timex_list *b = chron_tagger_tag(full, data, len, &ref, FALSE);
        char *da = describe(a), *db = describe(b);
        files++;
        if (strcmp(da, db) != 0) {
            failed++;
            printf("%s: the anchored scan differs from the full scan\n--- anchored\n%s--- full\n%s",
                   argv[i], da, db);
        }
        g_free(da);
        g_free(db);
        chron_timex_list_free(a);
        chron_timex_list_free(b);
        g_free(data);
    }
    chron_tagger_free(fast);
    chron_tagger_free(full);
    printf("%d passed, %d failed\n", files - failed, failed);
    return failed || files == 0;
}

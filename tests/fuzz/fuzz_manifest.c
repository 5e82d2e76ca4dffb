/* fuzz_manifest.c - libFuzzer target: the batch manifest parser (chron_manifest_parse).
 *
 * The input is parsed as a manifest relative to /tmp. A manifest that parses must hold entries
 * that respect what manifest.h promises: an output and at least one input (absolute, resolved
 * against the base, or "-"), a known format, lists that are NULL-terminated, sizes and scale in
 * range and no two entries writing one file; a manifest that does not parse must say why, naming
 * it.
 */
#include <string.h>

#include "fuzz.h"
#include "manifest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_glib_init();
    return 0;
}

static gboolean one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return TRUE;
    return FALSE;
}

/* An absolute path (relative ones are resolved against /tmp) or "-", standard input/output. */
static gboolean is_path(const char *p)
{
    return p[0] == '/' || strcmp(p, "-") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const formats[] = {"png", "svg", "pdf", "ics", "jsonl", NULL};
    GError *err = NULL;
    chron_manifest *m = chron_manifest_parse("fuzz.ini", (const char *)data, size, "/tmp", &err);
    if (!m) {
        FUZZ_CHECK(err && err->message && g_str_has_prefix(err->message, "fuzz.ini"));
        g_error_free(err);
        return 0;
    }
    FUZZ_CHECK(err == NULL);
    guint n = chron_manifest_count(m);
    FUZZ_CHECK(chron_manifest_get(m, n) == NULL);
    GHashTable *outputs = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < n; i++) {
        const chron_manifest_entry *e = chron_manifest_get(m, i);
        FUZZ_CHECK(e && e->group && e->output && *e->output);
        FUZZ_CHECK(is_path(e->output));                   /* absolute, or resolved against /tmp */
        FUZZ_CHECK(g_hash_table_add(outputs, e->output)); /* no two entries write one file */
        FUZZ_CHECK(e->format && one_of(e->format, formats));
        FUZZ_CHECK(e->inputs && e->inputs[0]);
        for (char **p = e->inputs; *p; p++)
            FUZZ_CHECK(is_path(*p));
        FUZZ_CHECK(e->types && e->actors);
        for (char **p = e->types; *p; p++)
            FUZZ_CHECK(**p);
        for (char **p = e->actors; *p; p++)
            FUZZ_CHECK(**p);
        FUZZ_CHECK(e->width >= 0 && e->width <= CHRON_MANIFEST_MAX_SIDE);
        FUZZ_CHECK(e->height >= 0 && e->height <= CHRON_MANIFEST_MAX_SIDE);
        FUZZ_CHECK(e->scale >= 0.1 && e->scale <= 8);
        const char *opt[] = {e->from,  e->to,    e->match,    e->dct, e->lanes,
                             e->theme, e->title, e->subtitle, e->name};
        for (guint k = 0; k < G_N_ELEMENTS(opt); k++)
            FUZZ_CHECK(!opt[k] || g_utf8_validate(opt[k], -1, NULL));
    }
    g_hash_table_destroy(outputs);
    chron_manifest_free(m);
    return 0;
}

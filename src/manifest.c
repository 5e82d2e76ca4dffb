/* manifest.c - batch manifests read and checked. */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "event.h"
#include "filter.h"

struct chron_manifest {
    GPtrArray *entries; /* of chron_manifest_entry *, owned */
};

static const char *const known_keys[] = {
    "output", "format", "inputs",   "from",     "to",    "match", "type",
    "actor",  "all",    "no-merge", "dct",      "lanes", "theme", "width",
    "height", "scale",  "title",    "subtitle", "name",  NULL,
};
static const char *const formats[] = {"png", "svg", "pdf", "ics", "jsonl", NULL};
static const char *const lane_modes[] = {"none", "source", "type", "actor", NULL};
static const char *const themes[] = {"light", "dark", NULL};

static void entry_free(chron_manifest_entry *e)
{
    g_free(e->group);
    g_free(e->output);
    g_free(e->format);
    g_strfreev(e->inputs);
    g_free(e->from);
    g_free(e->to);
    g_free(e->match);
    g_free(e->dct);
    g_strfreev(e->types);
    g_strfreev(e->actors);
    g_free(e->lanes);
    g_free(e->theme);
    g_free(e->title);
    g_free(e->subtitle);
    g_free(e->name);
    g_free(e);
}

void chron_manifest_free(chron_manifest *m)
{
    if (!m)
        return;
    g_ptr_array_unref(m->entries);
    g_free(m);
}

guint chron_manifest_count(const chron_manifest *m)
{
    return m->entries->len;
}

const chron_manifest_entry *chron_manifest_get(const chron_manifest *m, guint i)
{
    return i < m->entries->len ? g_ptr_array_index(m->entries, i) : NULL;
}

/* The value of key in group, else in [defaults], else NULL; trimmed. */
static char *lookup(GKeyFile *kf, const char *group, const char *key)
{
    char *v = g_key_file_get_string(kf, group, key, NULL);
    if (!v && g_key_file_has_group(kf, "defaults"))
        v = g_key_file_get_string(kf, "defaults", key, NULL);
    if (v)
        g_strstrip(v);
    return v;
}

static char **lookup_list(GKeyFile *kf, const char *group, const char *key)
{
    char *v = lookup(kf, group, key);
    GPtrArray *out = g_ptr_array_new();
    if (v) {
        char **parts = g_strsplit(v, ";", -1);
        for (char **p = parts; *p; p++) {
            char *s = g_strstrip(*p);
            if (*s)
                g_ptr_array_add(out, g_strdup(s));
        }
        g_strfreev(parts);
        g_free(v);
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

static char *resolve_path(const char *base, const char *p)
{
    if (g_path_is_absolute(p) || strcmp(p, "-") == 0 || !base)
        return g_strdup(p);
    return g_build_filename(base, p, NULL);
}

static void get_bool(GKeyFile *kf, const char *group, const char *key, gboolean *out, GString *err)
{
    char *v = lookup(kf, group, key);
    if (!v)
        return;
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
        *out = TRUE;
    else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
        *out = FALSE;
    else
        g_string_append_printf(err, "[%s] %s: '%s' is not true or false; ", group, key, v);
    g_free(v);
}

static void get_number(GKeyFile *kf, const char *group, const char *key, double lo, double hi,
                       double *out, GString *err)
{
    char *v = lookup(kf, group, key);
    if (!v)
        return;
    char *end;
    double d = g_ascii_strtod(v, &end);
    if (*v == '\0' || *end != '\0' || !(d >= lo && d <= hi))
        g_string_append_printf(err, "[%s] %s: '%s' is not a number from %g to %g; ", group, key, v,
                               lo, hi);
    else
        *out = d;
    g_free(v);
}

static char *get_choice(GKeyFile *kf, const char *group, const char *key,
                        const char *const *choices, GString *err)
{
    char *v = lookup(kf, group, key);
    if (v && !g_strv_contains(choices, v)) {
        char *list = g_strjoinv(", ", (char **)choices);
        g_string_append_printf(err, "[%s] %s: '%s' is not one of %s; ", group, key, v, list);
        g_free(list);
    }
    return v;
}

/* A YYYY-MM-DD or YYYYMMDD date (a time after it is allowed). */
static gboolean valid_date(const char *s)
{
    char digits[9];
    gsize n = 0;
    for (const char *p = s; *p && n < 8; p++) {
        if (g_ascii_isdigit(*p))
            digits[n++] = *p;
        else if (*p != '-' || (n != 4 && n != 6))
            break;
    }
    if (n != 8)
        return FALSE;
    digits[8] = '\0';
    int v = atoi(digits);
    return g_date_valid_dmy((GDateDay)(v % 100), (GDateMonth)(v / 100 % 100),
                            (GDateYear)(v / 10000));
}

static chron_manifest_entry *read_entry(GKeyFile *kf, const char *group, const char *base,
                                        GString *err)
{
    chron_manifest_entry *e = g_new0(chron_manifest_entry, 1);
    e->group = g_strdup(group);
    e->scale = 1;
    gsize nkeys = 0;
    char **keys = g_key_file_get_keys(kf, group, &nkeys, NULL);
    for (gsize i = 0; i < nkeys; i++)
        if (!g_strv_contains(known_keys, keys[i]))
            g_string_append_printf(err, "[%s] unknown key '%s'; ", group, keys[i]);
    g_strfreev(keys);

    char *output = lookup(kf, group, "output");
    if (output && *output) {
        e->output = resolve_path(base, output);
        char *format = lookup(kf, group, "format");
        const char *dot = strrchr(e->output, '.');
        const char *slash = strrchr(e->output, '/');
        const char *ext = format ? format : dot && (!slash || dot > slash) ? dot + 1 : "";
        e->format = g_ascii_strdown(ext, -1);
        if (!g_strv_contains(formats, e->format))
            g_string_append_printf(err,
                                   "[%s] %s: unknown format '%s' (png, svg, pdf, ics, jsonl); ",
                                   group, e->output, ext);
        g_free(format);
    } else {
        g_string_append_printf(err, "[%s] no output; ", group);
    }
    g_free(output);
    char **inputs = lookup_list(kf, group, "inputs");
    if (!inputs[0])
        g_string_append_printf(err, "[%s] no inputs; ", group);
    GPtrArray *in = g_ptr_array_new();
    for (char **p = inputs; *p; p++)
        g_ptr_array_add(in, resolve_path(base, *p));
    g_ptr_array_add(in, NULL);
    e->inputs = (char **)g_ptr_array_free(in, FALSE);
    g_strfreev(inputs);

    e->from = lookup(kf, group, "from");
    e->to = lookup(kf, group, "to");
    e->match = lookup(kf, group, "match");
    e->dct = lookup(kf, group, "dct");
    e->title = lookup(kf, group, "title");
    e->subtitle = lookup(kf, group, "subtitle");
    e->name = lookup(kf, group, "name");
    e->types = lookup_list(kf, group, "type");
    e->actors = lookup_list(kf, group, "actor");
    get_bool(kf, group, "all", &e->all, err);
    get_bool(kf, group, "no-merge", &e->no_merge, err);
    e->lanes = get_choice(kf, group, "lanes", lane_modes, err);
    e->theme = get_choice(kf, group, "theme", themes, err);
    double w = 0, h = 0;
    get_number(kf, group, "width", 1, CHRON_MANIFEST_MAX_SIDE, &w, err);
    get_number(kf, group, "height", 1, CHRON_MANIFEST_MAX_SIDE, &h, err);
    get_number(kf, group, "scale", 0.1, 8, &e->scale, err);
    e->width = (int)w;
    e->height = (int)h;
    /* The selection is checked now, so a bad pattern fails before any work. */
    GError *fe = NULL;
    chron_filter *f = chron_filter_new_full(e->from, e->to, e->match, e->types, e->actors, &fe);
    if (!f) {
        g_string_append_printf(err, "[%s] %s; ", group, fe->message);
        g_clear_error(&fe);
    }
    chron_filter_free(f);
    if (e->dct && !valid_date(e->dct))
        g_string_append_printf(err, "[%s] dct: '%s' is not a date (YYYY-MM-DD); ", group, e->dct);
    return e;
}

chron_manifest *chron_manifest_parse(const char *name, const char *data, gsize len,
                                     const char *base, GError **error)
{
    if (!name)
        name = "(manifest)";
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    if (memchr(data, '\0', len)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: not a key file (NUL byte at %zu)",
                    name, (size_t)((const char *)memchr(data, '\0', len) - data));
        g_key_file_free(kf);
        return NULL;
    }
    if (!g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE, &err)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: %s", name, err->message);
        g_error_free(err);
        g_key_file_free(kf);
        return NULL;
    }
    chron_manifest *m = g_new0(chron_manifest, 1);
    m->entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
    GString *problems = g_string_new(NULL);
    gsize ngroups = 0;
    char **groups = g_key_file_get_groups(kf, &ngroups);
    GHashTable *outputs = g_hash_table_new(g_str_hash, g_str_equal);
    for (gsize i = 0; i < ngroups; i++) {
        if (strcmp(groups[i], "defaults") == 0)
            continue;
        chron_manifest_entry *e = read_entry(kf, groups[i], base, problems);
        if (e->output && g_hash_table_contains(outputs, e->output))
            g_string_append_printf(problems, "[%s] %s is also the output of [%s]; ", groups[i],
                                   e->output, (char *)g_hash_table_lookup(outputs, e->output));
        else if (e->output)
            g_hash_table_insert(outputs, e->output, e->group);
        g_ptr_array_add(m->entries, e);
    }
    g_hash_table_destroy(outputs);
    g_strfreev(groups);
    g_key_file_free(kf);
    if (m->entries->len == 0)
        g_string_append(problems, "no output groups; ");
    if (problems->len) {
        g_string_truncate(problems, problems->len - 2);
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: %s", name, problems->str);
        chron_manifest_free(m);
        m = NULL;
    }
    g_string_free(problems, TRUE);
    return m;
}

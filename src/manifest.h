/* manifest.h - batch manifests: the outputs `chronicle batch` makes, read from a GLib key file.
 *
 * One group per output, and an optional [defaults] group whose keys every output inherits:
 *
 *   [defaults]
 *   inputs = corpus
 *
 *   [agreements]
 *   output = out/agreements.png
 *   type = agreement
 *
 * Keys: output (required; its format comes from its extension, .png .svg .pdf .ics .jsonl, or
 * from format), inputs (required, ';'-separated), from, to, match, type, actor (';'-separated),
 * all, no-merge (true/false), dct, lanes (none|source|type|actor), theme (light|dark), width,
 * height (1..CHRON_MANIFEST_MAX_SIDE), scale (0.1..8), title, subtitle, name. Paths are relative
 * to base. Every problem is an error — an unknown key, a bad value, a missing output or input,
 * two groups writing one file — so a typo never silently renders the wrong chart.
 *
 * Ownership: chron_manifest_parse() returns an owned manifest (free with chron_manifest_free(),
 * NULL is a no-op); entries are borrowed from it.
 */
#ifndef CHRON_MANIFEST_H
#define CHRON_MANIFEST_H

#include <glib.h>

#define CHRON_MANIFEST_MAX_SIDE 20000

typedef struct chron_manifest_entry {
    char *group;                   /* the group's name */
    char *output;                  /* path, resolved against base */
    char *format;                  /* "png", "svg", "pdf", "ics" or "jsonl" */
    char **inputs;                 /* paths, resolved against base; NULL-terminated */
    char *from, *to, *match, *dct; /* NULL when absent */
    char **types, **actors;        /* NULL-terminated; empty when absent */
    gboolean all, no_merge;
    char *lanes, *theme;           /* NULL when absent */
    int width, height;             /* 0 when absent */
    double scale;                  /* 1 when absent */
    char *title, *subtitle, *name; /* NULL when absent */
} chron_manifest_entry;

typedef struct chron_manifest chron_manifest;

/* Parses a manifest's text; name is used in errors ("name: [group] key: ..."), base is the
 * folder relative paths start from. NULL and error (CHRON_ERROR_PARSE) listing every problem. */
chron_manifest *chron_manifest_parse(const char *name, const char *data, gsize len,
                                     const char *base, GError **error);
void chron_manifest_free(chron_manifest *m);
guint chron_manifest_count(const chron_manifest *m);
/* Borrowed; NULL when i is out of range. */
const chron_manifest_entry *chron_manifest_get(const chron_manifest *m, guint i);

#endif

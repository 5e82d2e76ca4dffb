/* doc.c - loading articles: bytes to valid UTF-8 text, title, publication date, furniture. */
#include "doc.h"

#include <string.h>

#include "error.h"
#include "pattern.h"
#include "rules.h"
#include "text.h"

struct chron_doc {
    char *name;
    char *text; /* valid UTF-8, NUL-terminated */
    gsize len;
    char *title;
    char *source;
    char *url;
    GDate dct;
    chron_dct_source dct_source;
    chron_doctype doctype;
    GPtrArray *warnings; /* of char *, NULL-terminated */
};

/* Copies data into valid UTF-8: drops a byte order mark and NUL bytes, replaces each invalid
 * sequence with U+FFFD, and records where. */
static char *repair_utf8(const char *name, const char *data, gsize len, gsize base, gsize *out_len,
                         GPtrArray *warnings)
{
    GString *s = g_string_sized_new(len + 1);
    gsize i = 0, nuls = 0, first_nul = 0, bad = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        const char *end;
        gsize rest = len - i;
        if (g_utf8_validate_len(data + i, rest, &end)) {
            g_string_append_len(s, data + i, rest);
            break;
        }
        gsize good = end - (data + i);
        g_string_append_len(s, data + i, good);
        i += good;
        if (data[i] == '\0') {
            if (nuls++ == 0)
                first_nul = i;
            i++;
            continue;
        }
        if (bad++ < 10)
            g_ptr_array_add(warnings, g_strdup_printf("%s: byte %zu: invalid UTF-8 replaced by "
                                                      "U+FFFD",
                                                      name, (size_t)(base + i)));
        g_string_append(s, "\xEF\xBF\xBD");
        i++;
    }
    if (bad > 10)
        g_ptr_array_add(warnings, g_strdup_printf("%s: %zu more invalid UTF-8 sequences replaced",
                                                  name, (size_t)(bad - 10)));
    if (nuls)
        g_ptr_array_add(warnings, g_strdup_printf("%s: byte %zu: %zu NUL byte%s removed", name,
                                                  (size_t)(base + first_nul), (size_t)nuls,
                                                  nuls == 1 ? "" : "s"));
    *out_len = s->len;
    return g_string_free(s, FALSE);
}

/* UTF-16 text (with a byte order mark) is converted rather than rejected. */
static char *from_utf16(const char *data, gsize len, gsize *out_len)
{
    const char *cs = NULL;
    if (len >= 2 && (guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
        cs = "UTF-16LE";
    else if (len >= 2 && (guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)
        cs = "UTF-16BE";
    if (!cs)
        return NULL;
    gsize written = 0;
    char *out = g_convert(data + 2, len - 2, "UTF-8", cs, NULL, &written, NULL);
    if (out)
        *out_len = written;
    return out;
}

chron_doc *chron_doc_new(const char *name, const char *data, gsize len)
{
    return chron_doc_new_at(name, data, len, 0);
}

chron_doc *chron_doc_new_at(const char *name, const char *data, gsize len, gsize base)
{
    chron_doc *doc = g_new0(chron_doc, 1);
    doc->name = g_strdup(name);
    doc->warnings = g_ptr_array_new_with_free_func(g_free);
    gsize ulen = 0;
    char *u16 = from_utf16(data, len, &ulen);
    if (u16) {
        doc->text = repair_utf8(name, u16, ulen, base, &doc->len, doc->warnings);
        g_free(u16);
    } else {
        doc->text = repair_utf8(name, data, len, base, &doc->len, doc->warnings);
    }
    g_ptr_array_add(doc->warnings, NULL);
    g_date_clear(&doc->dct, 1);
    doc->source = g_strdup("");
    doc->url = g_strdup("");
    /* The title is the first non-empty line. */
    gsize i = 0;
    while (i < doc->len && g_ascii_isspace(doc->text[i]))
        i++;
    gsize s, e;
    chron_text_line_bounds(doc->text, doc->len, i, &s, &e);
    doc->title = chron_text_squeeze(doc->text + s, e - s);
    return doc;
}

chron_doc *chron_doc_load(const char *path, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: %s", path, err->message);
        g_error_free(err);
        return NULL;
    }
    chron_doc *doc = chron_doc_new(path, data, len);
    g_free(data);
    return doc;
}

void chron_doc_free(chron_doc *doc)
{
    if (!doc)
        return;
    g_free(doc->name);
    g_free(doc->text);
    g_free(doc->title);
    g_free(doc->source);
    g_free(doc->url);
    g_ptr_array_free(doc->warnings, TRUE);
    g_free(doc);
}

const char *chron_doc_name(const chron_doc *doc)
{
    return doc->name;
}
const char *chron_doc_text(const chron_doc *doc)
{
    return doc->text;
}
gsize chron_doc_length(const chron_doc *doc)
{
    return doc->len;
}
const char *chron_doc_title(const chron_doc *doc)
{
    return doc->title;
}
const char *chron_doc_source(const chron_doc *doc)
{
    return doc->source;
}
const char *chron_doc_url(const chron_doc *doc)
{
    return doc->url;
}
chron_doctype chron_doc_doctype(const chron_doc *doc)
{
    return doc->doctype;
}
void chron_doc_set_doctype(chron_doc *doc, chron_doctype type)
{
    doc->doctype = type;
}

static void replace(char **field, const char *value)
{
    g_free(*field);
    *field = g_strdup(value ? value : "");
}

void chron_doc_set_title(chron_doc *doc, const char *title)
{
    replace(&doc->title, title);
}
void chron_doc_set_source(chron_doc *doc, const char *source)
{
    replace(&doc->source, source);
}
void chron_doc_set_url(chron_doc *doc, const char *url)
{
    replace(&doc->url, url);
}

chron_dct_source chron_doc_dct(const chron_doc *doc, GDate *out)
{
    if (doc->dct_source != CHRON_DCT_NONE && out)
        *out = doc->dct;
    return doc->dct_source;
}

void chron_doc_set_dct(chron_doc *doc, const GDate *dct, chron_dct_source source)
{
    if (!dct || !g_date_valid(dct) || source == CHRON_DCT_NONE) {
        g_date_clear(&doc->dct, 1);
        doc->dct_source = CHRON_DCT_NONE;
        return;
    }
    doc->dct = *dct;
    doc->dct_source = source;
}

const char *chron_dct_source_name(chron_dct_source source)
{
    static const char *const names[] = {"unknown", "header", "read", "inferred", "option"};
    return (unsigned)source < G_N_ELEMENTS(names) ? names[source] : "unknown";
}

const char *const *chron_doc_warnings(const chron_doc *doc)
{
    return (const char *const *)doc->warnings->pdata;
}

glong chron_doc_cp_offset(const chron_doc *doc, gsize byte_offset)
{
    if (byte_offset > doc->len)
        byte_offset = doc->len;
    return g_utf8_strlen(doc->text, byte_offset);
}

/* The furniture patterns, compiled once per process from the built-in resource. */
static GPtrArray *furniture_patterns(void)
{
    static gsize once = 0;
    static GPtrArray *pats;
    if (g_once_init_enter(&once)) {
        GPtrArray *a = g_ptr_array_new();
        char *data = chron_resource_read("furniture.txt", NULL);
        gchar **lines = g_strsplit(data ? data : "", "\n", -1);
        for (gchar **l = lines; *l; l++) {
            if (!**l || **l == '#')
                continue;
            /* The resource is built into the binary and checked by the test suite. */
            chron_pattern *p = chron_pattern_new(*l, CHRON_PATTERN_CASELESS, NULL);
            if (p)
                g_ptr_array_add(a, p);
        }
        g_strfreev(lines);
        g_free(data);
        pats = a;
        g_once_init_leave(&once, 1);
    }
    return pats;
}

/* A heading, byline or label: a short line that does not end like a sentence. */
static gboolean heading_like(const char *line, gsize len)
{
    while (len > 0 && g_ascii_isspace(line[len - 1]))
        len--;
    if (len == 0)
        return TRUE;
    const char *last = g_utf8_find_prev_char(line, line + len);
    gunichar c = last ? g_utf8_get_char(last) : 0;
    gboolean ends_sentence =
        c == '.' || c == '!' || c == '?' || c == '"' || c == 0x201D || c == 0x3002 || c == ')';
    int words = 0;
    gboolean inword = FALSE;
    for (gsize i = 0; i < len; i++) {
        gboolean sp = g_ascii_isspace(line[i]);
        if (!sp && !inword)
            words++;
        inword = !sp;
    }
    return !ends_sentence && words < 14;
}

gboolean chron_doc_is_furniture(const chron_doc *doc, gsize off)
{
    gsize s, e;
    chron_text_line_bounds(doc->text, doc->len, off, &s, &e);
    const char *line = doc->text + s;
    /* Headlines, bylines, datelines and section titles; a title written as a full sentence is
     * prose like any other. */
    if (heading_like(line, e - s))
        return TRUE;
    GPtrArray *pats = furniture_patterns();
    for (guint i = 0; i < pats->len; i++)
        if (chron_pattern_search(g_ptr_array_index(pats, i), line, e - s))
            return TRUE;
    return FALSE;
}

/* doc.c - loading articles: bytes to valid UTF-8 text, title, publication date, furniture. */
#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib/gstdio.h>

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

/* How many leading bytes of data[0..len) g_utf8_validate_len() accepts, the same answer
 * faster: runs of ASCII (no NUL) are checked eight bytes at a time, and each other character
 * is handed to GLib alone, so its idea of valid UTF-8 is kept. */
static gsize valid_utf8_prefix(const char *data, gsize len)
{
    const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080),
                  ones = G_GUINT64_CONSTANT(0x0101010101010101);
    gsize i = 0;
    while (i < len) {
        guint64 w;
#ifdef __SSE2__
        /* Sixteen bytes at a time first: a byte with its top bit set or a zero byte stops. */
        if (len - i >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(data + i));
            __m128i stop = _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()));
            if (!_mm_movemask_epi8(stop)) {
                i += 16;
                continue;
            }
        }
#endif
        if (len - i >= 8) {
            memcpy(&w, data + i, 8);
            /* no byte from 0x80 up, and no zero byte */
            if (!((w | ((w - ones) & ~w)) & high)) {
                i += 8;
                continue;
            }
        }
        guchar c = (guchar)data[i];
        if (c && c < 0x80) {
            i++;
            continue;
        }
        gsize n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (!c || n > len - i || !g_utf8_validate_len(data + i, n, NULL)) {
            /* the character is bad (or cut short): GLib says where its valid run ends */
            const char *end;
            g_utf8_validate_len(data + i, len - i, &end);
            return (gsize)(end - data);
        }
        i += n;
    }
    return len;
}

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
        gsize rest = len - i;
        gsize good = valid_utf8_prefix(data + i, rest);
        if (good == rest) {
            g_string_append_len(s, data + i, rest);
            break;
        }
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

/* UTF-16 text (with a byte order mark) is converted rather than rejected. Each unpaired
 * surrogate (and an odd trailing byte) becomes U+FFFD and a warning with its byte offset; NUL
 * characters are dropped. Returns NULL when data has no UTF-16 byte order mark. */
static char *from_utf16(const char *name, const char *data, gsize len, gsize base, gsize *out_len,
                        GPtrArray *warnings)
{
    gboolean le;
    if (len >= 2 && (guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
        le = TRUE;
    else if (len >= 2 && (guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)
        le = FALSE;
    else
        return NULL;
    const guchar *d = (const guchar *)data;
    GString *s = g_string_sized_new(len);
    gsize bad = 0, nuls = 0, first_nul = 0;
    for (gsize i = 2; i < len;) {
        gunichar c;
        gsize at = i;
        if (i + 1 >= len) {
            c = 0xFFFD; /* an odd byte at the end */
            i = len;
        } else {
            guint u = le ? d[i] | d[i + 1] << 8 : d[i] << 8 | d[i + 1];
            i += 2;
            if (u >= 0xD800 && u < 0xDC00 && i + 1 < len) {
                guint v = le ? d[i] | d[i + 1] << 8 : d[i] << 8 | d[i + 1];
                if (v >= 0xDC00 && v < 0xE000) {
                    i += 2;
                    u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                }
            }
            c = u >= 0xD800 && u < 0xE000 ? 0xFFFD : u;
        }
        if (c == 0) {
            if (nuls++ == 0)
                first_nul = at;
            continue;
        }
        if (c == 0xFFFD && bad++ < 10)
            g_ptr_array_add(warnings, g_strdup_printf("%s: byte %zu: invalid UTF-16 replaced by "
                                                      "U+FFFD",
                                                      name, (size_t)(base + at)));
        g_string_append_unichar(s, c);
    }
    if (bad > 10)
        g_ptr_array_add(warnings, g_strdup_printf("%s: %zu more invalid UTF-16 sequences replaced",
                                                  name, (size_t)(bad - 10)));
    if (nuls)
        g_ptr_array_add(warnings, g_strdup_printf("%s: byte %zu: %zu NUL character%s removed", name,
                                                  (size_t)(base + first_nul), (size_t)nuls,
                                                  nuls == 1 ? "" : "s"));
    *out_len = s->len;
    return g_string_free(s, FALSE);
}

/* Magic numbers of the binary formats most often misnamed as text. */
static const struct {
    const char *magic;
    gsize len;
    const char *what;
} binary_magic[] = {
    {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
    {"\xff\xd8\xff", 3, "a JPEG image"},
    {"GIF8", 4, "a GIF image"},
    {"%PDF-", 5, "a PDF document"},
    {"PK\x03\x04", 4, "a ZIP archive (or an office document)"},
    {"\x1f\x8b", 2, "gzip-compressed data"},
    {"\xfd"
     "7zXZ",
     6, "xz-compressed data"},
    {"\x28\xb5\x2f\xfd", 4, "zstd-compressed data"},
    {"\x7f"
     "ELF",
     4, "an executable"},
    {"SQLite format 3", 16, "an SQLite database"},
};

/* How many bytes of d[0..n) cannot be text: NUL and other C0 control bytes (tab, newlines,
 * form feed and escape aside) and bytes of invalid UTF-8; *first gets the offset of the first. */
static gsize count_non_text(const char *d, gsize n, gsize *first)
{
    gsize i = 0, count = 0;
    *first = n;
    while (i < n) {
        const char *end;
        gboolean valid = g_utf8_validate_len(d + i, n - i, &end);
        for (const char *p = d + i; p < end; p++) {
            guchar c = (guchar)*p;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
                c != 0x1b) {
                if (count++ == 0)
                    *first = (gsize)(p - d);
            }
        }
        i = (gsize)(end - d);
        if (valid || i >= n)
            break;
        if (count++ == 0)
            *first = i;
        i++;
    }
    return count;
}

gboolean chron_doc_check_text(const char *name, const char *data, gsize len, GError **error)
{
    /* UTF-16 with a byte order mark is text, whatever its zero bytes. */
    if (len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
                     ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
        return TRUE;
    gsize first = 0;
    gsize n = MIN(len, CHRON_DOC_SNIFF_BYTES);
    gsize bad = count_non_text(data, n, &first);
    for (gsize i = 0; i < G_N_ELEMENTS(binary_magic); i++) {
        if (len >= binary_magic[i].len &&
            memcmp(data, binary_magic[i].magic, binary_magic[i].len) == 0) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_ENCODING,
                        "%s: binary file (%s), not read: byte %zu: first NUL, control or "
                        "invalid UTF-8 byte",
                        name, binary_magic[i].what, (size_t)(bad ? first : 0));
            return FALSE;
        }
    }
    /* A stray NUL or a few Latin-1 bytes are repaired; text they make up a tenth of is not
     * text (binary data, or an encoding other than UTF-8 and UTF-16). */
    if (bad > 8 && bad * 10 > n) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_ENCODING,
                    "%s: binary file (%zu of its first %zu bytes are NUL, control or invalid "
                    "UTF-8 bytes; text must be UTF-8 or UTF-16 with a byte order mark), not read: "
                    "byte %zu: first such byte",
                    name, (size_t)bad, (size_t)n, (size_t)first);
        return FALSE;
    }
    return TRUE;
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
    char *u16 = from_utf16(name, data, len, base, &ulen, doc->warnings);
    if (u16) {
        doc->text = repair_utf8(name, u16, ulen, base, &doc->len, doc->warnings);
        g_free(u16);
    } else {
        doc->text = repair_utf8(name, data, len, base, &doc->len, doc->warnings);
    }
    if (len == 0 && base == 0)
        g_ptr_array_add(doc->warnings, g_strdup_printf("%s: empty file", name));
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

gboolean chron_doc_read_file(const char *path, guint64 max_size, char **data, gsize *length,
                             GError **error)
{
    int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0) {
        int e = errno;
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: %s", path, g_strerror(e));
        return FALSE;
    }
    GStatBuf st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: %s", path, g_strerror(e));
        close(fd);
        return FALSE;
    }
    if (max_size && S_ISREG(st.st_mode) && (guint64)st.st_size > max_size) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_LIMIT,
                    "%s: %" G_GUINT64_FORMAT " bytes, more than the maximum input size of "
                    "%" G_GUINT64_FORMAT " bytes (--max-input-size)",
                    path, (guint64)st.st_size, max_size);
        close(fd);
        return FALSE;
    }
    /* Read to the end rather than trust st_size: a FIFO or a growing file has none. */
    GByteArray *buf =
        g_byte_array_sized_new(S_ISREG(st.st_mode) ? (guint)MIN(st.st_size + 1, G_MAXUINT) : 65536);
    guchar chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "%s: byte %u: %s", path, buf->len,
                        g_strerror(e));
            break;
        }
        if (n == 0) {
            close(fd);
            *length = buf->len;
            g_byte_array_append(buf, (const guchar *)"", 1); /* NUL-terminated, like GLib's */
            *data = (char *)g_byte_array_free(buf, FALSE);
            return TRUE;
        }
        if (max_size && (guint64)buf->len + (guint64)n > max_size) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_LIMIT,
                        "%s: byte %" G_GUINT64_FORMAT ": more than the maximum input size of "
                        "%" G_GUINT64_FORMAT " bytes (--max-input-size)",
                        path, max_size, max_size);
            break;
        }
        if ((guint64)buf->len + (guint64)n >= G_MAXUINT) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_LIMIT, "%s: larger than 4 GiB", path);
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    g_byte_array_free(buf, TRUE);
    return FALSE;
}

chron_doc *chron_doc_load_max(const char *path, guint64 max_size, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    if (!chron_doc_read_file(path, max_size, &data, &len, error))
        return NULL;
    if (!chron_doc_check_text(path, data, len, error)) {
        g_free(data);
        return NULL;
    }
    chron_doc *doc = chron_doc_new(path, data, len);
    g_free(data);
    return doc;
}

chron_doc *chron_doc_load(const char *path, GError **error)
{
    return chron_doc_load_max(path, CHRON_DEFAULT_MAX_INPUT_SIZE, error);
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

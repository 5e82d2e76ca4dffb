/* doc.h - an article: its text, title, source and publication date (DCT).
 *
 * chron_doc_load() reads a file, checks and repairs its UTF-8 (each invalid sequence is replaced
 * by U+FFFD and recorded as a warning with its byte offset), strips a UTF-8 byte order mark and
 * NUL bytes, and takes the first non-empty line as the title. UTF-16 with a byte order mark is
 * converted. A binary file (a known binary format, or one whose first 64 KiB are more than a
 * tenth NUL, control or invalid UTF-8 bytes) is refused rather than repaired into garbage; an
 * empty file loads, with a warning. The DCT is not guessed here: the
 * caller sets it from a manifest, an option, or chron_header_find_dct().
 *
 * Ownership: chron_doc_load() and chron_doc_new() return a document the caller frees with
 * chron_doc_free() (NULL is a no-op). Every const char * returned by an accessor is borrowed
 * and lives as long as the document.
 */
#ifndef CHRON_DOC_H
#define CHRON_DOC_H

#include <glib.h>

typedef enum {
    CHRON_DCT_NONE = 0, /* no publication date known */
    CHRON_DCT_HEADER,   /* read from a dateline in the text */
    CHRON_DCT_MANIFEST, /* given by the corpus manifest, read from the article */
    CHRON_DCT_INFERRED, /* given by the manifest, inferred from the article's own events */
    CHRON_DCT_OPTION,   /* given on the command line (--dct) */
} chron_dct_source;

typedef enum {
    CHRON_DOCTYPE_NEWS = 0, /* relative dates resolve against the DCT */
    CHRON_DOCTYPE_NARRATIVE /* relative dates resolve against the last mentioned date */
} chron_doctype;

typedef struct chron_doc chron_doc;

/* Default limits on what is read; the command line passes its own (--max-input-size,
 * --max-events) through chron_corpus_set_limits(). */
#define CHRON_DEFAULT_MAX_INPUT_SIZE ((guint64)256 << 20) /* bytes per file read whole */
#define CHRON_DEFAULT_MAX_EVENTS 1000000u                 /* events held at once */
/* How much of a file chron_doc_check_text() looks at. */
#define CHRON_DOC_SNIFF_BYTES 65536u

/* Reads path, refusing one larger than max_size bytes (CHRON_DEFAULT_MAX_INPUT_SIZE), or one that
 * is binary (CHRON_ERROR_ENCODING). On failure returns NULL and sets error naming the file
 * (CHRON_ERROR_IO, CHRON_ERROR_LIMIT, CHRON_ERROR_ENCODING). */
chron_doc *chron_doc_load(const char *path, GError **error);
/* The same with a size limit in bytes; 0: none. */
chron_doc *chron_doc_load_max(const char *path, guint64 max_size, GError **error);
/* Reads the whole of path (a file, FIFO or device, not a folder) into *data (NUL-terminated,
 * the caller frees it with g_free) and *length. FALSE and error naming the file when it cannot
 * be read (CHRON_ERROR_IO) or holds more than max_size bytes (CHRON_ERROR_LIMIT; 0: no limit),
 * checked before anything is read when the size is known. */
gboolean chron_doc_read_file(const char *path, guint64 max_size, char **data, gsize *length,
                             GError **error);
/* FALSE and error (CHRON_ERROR_ENCODING: "NAME: binary file (...), not read: byte N: ...") when
 * data is not text: see above. UTF-16 with a byte order mark is text. */
gboolean chron_doc_check_text(const char *name, const char *data, gsize len, GError **error);
/* Builds a document from len bytes of data (copied). name is used in messages and output. */
chron_doc *chron_doc_new(const char *name, const char *data, gsize len);
/* The same for a piece of a larger file that starts at byte base: warnings give file offsets. */
chron_doc *chron_doc_new_at(const char *name, const char *data, gsize len, gsize base);
void chron_doc_free(chron_doc *doc);

const char *chron_doc_name(const chron_doc *doc);
/* Valid UTF-8, NUL-terminated. */
const char *chron_doc_text(const chron_doc *doc);
gsize chron_doc_length(const chron_doc *doc); /* in bytes */
const char *chron_doc_title(const chron_doc *doc);
void chron_doc_set_title(chron_doc *doc, const char *title);
const char *chron_doc_source(const chron_doc *doc); /* "" when unknown */
void chron_doc_set_source(chron_doc *doc, const char *source);
const char *chron_doc_url(const chron_doc *doc); /* "" when unknown */
void chron_doc_set_url(chron_doc *doc, const char *url);

/* Returns the DCT source; when it is not CHRON_DCT_NONE and out is not NULL, copies the date. */
chron_dct_source chron_doc_dct(const chron_doc *doc, GDate *out);
/* dct may be NULL to clear it. */
void chron_doc_set_dct(chron_doc *doc, const GDate *dct, chron_dct_source source);
const char *chron_dct_source_name(chron_dct_source source); /* "header", "inferred", ... */

chron_doctype chron_doc_doctype(const chron_doc *doc);
void chron_doc_set_doctype(chron_doc *doc, chron_doctype type);

/* Warnings found while loading (invalid UTF-8 with byte offsets, NUL bytes). Borrowed array of
 * strings, NULL-terminated; empty when there were none. */
const char *const *chron_doc_warnings(const chron_doc *doc);

/* Byte offset -> code point offset into the text. Cheap for increasing offsets. */
glong chron_doc_cp_offset(const chron_doc *doc, gsize byte_offset);

/* TRUE when the line holding byte offset off is page furniture (photo credit, "Related News",
 * share prompts), a heading-like line (title, byline, dateline: short and not ending like a
 * sentence) or otherwise not article prose. */
gboolean chron_doc_is_furniture(const chron_doc *doc, gsize off);

#endif

/* timeml.h - reading TimeML documents (TempEval-3 style): the TEXT and its TIMEX3 annotations.
 *
 * Offsets are bytes into the TEXT element's character content (entities decoded), which is what
 * the tagger sees. The document creation time is the TIMEX3 whose functionInDocument is
 * CREATION_TIME (it stands outside TEXT, in DCT).
 *
 * Ownership: chron_timeml_parse() returns a document the caller frees with
 * chron_timeml_free() (NULL is a no-op); the arrays and strings in it belong to it.
 */
#ifndef CHRON_TIMEML_H
#define CHRON_TIMEML_H

#include <glib.h>

typedef struct chron_gold_timex {
    gsize start, end; /* bytes into text */
    char *type;       /* DATE, TIME, DURATION, SET */
    char *value;      /* may be "" */
    char *mod;        /* NULL when none */
} chron_gold_timex;

typedef struct chron_timeml {
    char *name;
    char *text; /* TEXT content, UTF-8 */
    gsize len;
    GDate dct;       /* invalid when the document has none */
    GArray *timexes; /* of chron_gold_timex, in text order */
} chron_timeml;

/* Parses data (name is used in messages). Returns NULL and sets error (CHRON_ERROR_PARSE naming
 * the document, line and column) when it is not well-formed or has no TEXT element. */
chron_timeml *chron_timeml_parse(const char *name, const char *data, gsize len, GError **error);
void chron_timeml_free(chron_timeml *doc);

#endif

/* text.h - plain-text helpers: lines and sentences of UTF-8 text.
 *
 * Ownership: chron_text_sentences() returns a GArray of chron_span the caller frees with
 * g_array_unref().
 */
#ifndef CHRON_TEXT_H
#define CHRON_TEXT_H

#include <glib.h>

typedef struct chron_span {
    gsize start, end; /* byte offsets, end exclusive */
} chron_span;

/* Splits text into sentences. A line break always ends a sentence (articles put paragraphs,
 * headlines and captions on lines of their own); within a line a sentence ends at . ! ? or a
 * CJK full stop followed by a space and an upper-case or caseless letter, digit or quote, unless
 * the word before the stop is a known abbreviation or an initial. Spans exclude surrounding white
 * space; blank lines yield no span. */
GArray *chron_text_sentences(const char *text, gsize len);

/* The same for text[from..len) taken as a text of its own, appending the spans (offsets into
 * text) to out. As a line break always ends a sentence and nothing looks across one, the
 * sentences of one line, split alone, are those a split of the whole text gives there. */
void chron_text_sentences_range(const char *text, gsize from, gsize len, GArray *out);

/* Start and end (exclusive, without the newline) of the line holding byte offset off. */
void chron_text_line_bounds(const char *text, gsize len, gsize off, gsize *start, gsize *end);

/* Code points in s[0..len) of valid UTF-8: a fast g_utf8_strlen for long texts. */
glong chron_utf8_count(const char *s, gsize len);

/* A copy of s[0..len) with runs of white space collapsed to one space and trimmed. */
char *chron_text_squeeze(const char *s, gsize len);

#endif

/* text.h - plain-text helpers: lines and sentences of UTF-8 text.
 *
 * Ownership: chron_text_sentences() returns a GArray of chron_span the caller frees with
 * g_array_unref().
 */
#ifndef CHRON_TEXT_H
#define CHRON_TEXT_H

#include <glib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct chron_span {
    gsize start, end; /* byte offsets, end exclusive */
} chron_span;

/* Splits text into sentences. A line break always ends a sentence (articles put paragraphs,
 * headlines and captions on lines of their own); within a line a sentence ends at a CJK full stop,
 * or at . ! ? followed by white space (spaces, tabs, no-break spaces) and an upper-case or
 * caseless letter, digit, quote or bullet, unless the word before the stop is a known
 * abbreviation or an initial. Spans exclude surrounding white space; blank lines yield no span. */
GArray *chron_text_sentences(const char *text, gsize len);

/* The same for text[from..len) taken as a text of its own, appending the spans (offsets into
 * text) to out. As a line break always ends a sentence and nothing looks across one, the
 * sentences of one line, split alone, are those a split of the whole text gives there. */
void chron_text_sentences_range(const char *text, gsize from, gsize len, GArray *out);

/* Where to end a piece of text[0..len) of at most about max bytes (0 < max < len), for tagging a
 * long text a piece at a time with flat memory: after the last line break in text[0..max); in a
 * line longer than that, at the start of the last sentence that starts in text[max/2..max), so
 * the pieces hold the sentences the whole text holds; in a sentence longer than half of max, after
 * the last space there (a mention that straddles the cut is lost), or at the character boundary
 * at max. Never 0. */
gsize chron_text_piece_end(const char *text, gsize len, gsize max);

/* Start and end (exclusive, without the newline) of the line holding byte offset off. */
void chron_text_line_bounds(const char *text, gsize len, gsize off, gsize *start, gsize *end);

/* Code points in s[0..len) of valid UTF-8: a fast g_utf8_strlen for long texts. */
glong chron_utf8_count(const char *s, gsize len);

/* The ends of the next characters of s[i..len) while they are not ASCII, at most max of them,
 * into ends; returns how many. A word of CJK characters that starts at i ends at one of them. */
int chron_text_wide_ends(const char *s, gsize i, gsize len, gsize *ends, int max);

/* A copy of s[0..len) with runs of white space collapsed to one space and trimmed. */
char *chron_text_squeeze(const char *s, gsize len);

/* The end of the run of ASCII letters in s[0..len) from i (i itself when s[i] is none). Inline:
 * the tagger's scan and the tense heuristic call it for every word. Where SSE2 is at hand,
 * sixteen bytes are classified at once, which spares the byte loop and its mispredicted exit at
 * every word's end. */
static inline gsize chron_text_letters_end(const char *s, gsize i, gsize len)
{
#ifdef __SSE2__
    const __m128i fold = _mm_set1_epi8(0x20), a = _mm_set1_epi8((char)('a' + 128)),
                  letters = _mm_set1_epi8((char)(26 + 128 - 256));
    while (i + 16 <= len) {
        /* (c | 0x20) - 'a' < 26, unsigned, through a signed compare with both sides biased */
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i d = _mm_sub_epi8(_mm_or_si128(v, fold), a);
        guint mask = (guint)_mm_movemask_epi8(_mm_cmplt_epi8(d, letters));
        if (mask != 0xFFFF)
            return i + (gsize)__builtin_ctz(~mask);
        i += 16;
    }
#endif
    while (i < len && g_ascii_isalpha(s[i]))
        i++;
    return i;
}

#ifdef __SSE2__
/* dst[0..16) = src[0..16) with bit 0x20 set in every byte: an ASCII word in lower case, in one
 * vector (the bytes past the word are copied too, and ignored). Both may be unaligned. */
static inline void chron_text_fold16(char *dst, const char *src)
{
    _mm_storeu_si128((__m128i *)dst,
                     _mm_or_si128(_mm_loadu_si128((const __m128i *)src), _mm_set1_epi8(0x20)));
}
#endif

/* Whether s (not NULL) starts with prefix: g_str_has_prefix() without the call and its two
 * strlen(), for the tests every mention goes through; with a literal prefix the compiler
 * compares a few bytes in place. */
static inline gboolean chron_text_has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

#endif

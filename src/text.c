/* text.c - lines and sentences. */
#include "text.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Words that end with a full stop without ending a sentence. Compared case-sensitively, without
 * the stop. */
static const char *const abbreviations[] = {
    "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Gen", "Sen",  "Rep", "Gov", "Lt",     "Col", "Capt", "Sgt",
    "St",  "Jr",  "Sr",  "Inc", "Corp", "Co",  "Ltd",  "No",  "Nos", "vs",     "etc", "Jan",  "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug",  "Sep", "Sept", "Oct", "Nov", "Dec",    "U.S", "U.K",  "U.N",
    "a.m", "p.m", "e.g", "i.e", "Mt",   "Ft",  "Adm",  "Gov", "Sgt", "approx",
};

/* Bit n of [c]: some abbreviation starts with the ASCII byte c and is n bytes long. Every full
 * stop asks is_abbreviation(), and most words before one are none: this skips the list. */
static const guint32 *abbreviation_shapes(void)
{
    static guint32 shapes[128];
    static gsize done;
    if (g_once_init_enter(&done)) {
        for (guint i = 0; i < G_N_ELEMENTS(abbreviations); i++) {
            gsize n = strlen(abbreviations[i]);
            g_assert((guchar)abbreviations[i][0] < 128 && n < 32);
            shapes[(guchar)abbreviations[i][0]] |= 1u << n;
        }
        g_once_init_leave(&done, 1);
    }
    return shapes;
}

static gboolean is_abbreviation(const char *text, gsize word_start, gsize stop)
{
    gsize n = stop - word_start;
    if (n == 1 && g_ascii_isupper(text[word_start]))
        return TRUE; /* an initial: "John F. Kennedy" */
    guchar c = (guchar)text[word_start];
    if (c >= 128 || n >= 32 || !(abbreviation_shapes()[c] & (1u << n)))
        return FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(abbreviations); i++)
        if (abbreviations[i][0] == text[word_start] && strlen(abbreviations[i]) == n &&
            memcmp(abbreviations[i], text + word_start, n) == 0)
            return TRUE;
    return FALSE;
}

static void push(GArray *out, const char *text, gsize s, gsize e)
{
    while (s < e && g_ascii_isspace(text[s]))
        s++;
    while (e > s && g_ascii_isspace(text[e - 1]))
        e--;
    /* Skip the indentation some sites put before paragraphs (ideographic or no-break space). */
    while (s < e) {
        gunichar c = g_utf8_get_char(text + s);
        if (!g_unichar_isspace(c))
            break;
        s = g_utf8_next_char(text + s) - text;
    }
    if (e > s) {
        chron_span sp = {s, e};
        g_array_append_val(out, sp);
    }
}

static gboolean is_closing(gunichar c)
{
    return c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0x300D;
}

/* Bytes that may end a sentence (newlines are handled apart). */
static const guint8 stop_byte[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE3] = 1, [0xEF] = 1};

/* The first i in [i, len) where text[i] is a stop byte or a newline; len when none. */
static gsize next_stop(const char *text, gsize i, gsize len)
{
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?'),
                  nl = _mm_set1_epi8('\n'), e3 = _mm_set1_epi8((char)0xE3),
                  ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(text + i));
        __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, nl))),
                         _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef)));
        int mask = _mm_movemask_epi8(hit);
        if (mask)
            return i + (gsize)__builtin_ctz((unsigned)mask);
    }
#endif
    while (i < len && !stop_byte[(guchar)text[i]] && text[i] != '\n')
        i++;
    return i;
}

void chron_text_sentences_range(const char *text, gsize from, gsize len, GArray *out)
{
    gsize start = from, i = from;
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            push(out, text, start, i);
            start = ++i;
            continue;
        }
        /* Only . ! ? and the CJK stops (lead byte 0xE3 or 0xEF) can end a sentence: skip
         * everything else without decoding. */
        if (!stop_byte[b]) {
            i = next_stop(text, i + 1, len);
            continue;
        }
        gunichar c = b < 0x80 ? b : g_utf8_get_char(text + i);
        gsize next = b < 0x80 ? i + 1 : (gsize)(g_utf8_next_char(text + i) - text);
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) { /* 。！？ end a sentence outright */
            push(out, text, start, next);
            start = i = next;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') {
            i = next;
            continue;
        }
        /* Include closing quotes and brackets after the stop. */
        gsize j = next;
        while (j < len && is_closing(g_utf8_get_char(text + j)))
            j = g_utf8_next_char(text + j) - text;
        /* Then white space within the line: spaces, tabs, the no-break space of web pages. */
        gsize k = j;
        while (k < len && text[k] != '\n') {
            if (text[k] == ' ' || text[k] == '\t')
                k++;
            else if ((guchar)text[k] >= 0x80 && g_unichar_isspace(g_utf8_get_char(text + k)))
                k = g_utf8_next_char(text + k) - text;
            else
                break;
        }
        if (k == j) {
            i = next;
            continue;
        }
        gunichar after = k < len ? g_utf8_get_char(text + k) : 0;
        /* Caseless scripts (CJK) have no capital to look for: any letter starts a sentence. */
        gboolean caseless =
            g_unichar_isalpha(after) && !g_unichar_islower(after) && !g_unichar_isupper(after);
        gboolean starts = g_unichar_isupper(after) || g_unichar_isdigit(after) || after == '"' ||
                          after == 0x201C || after == 0x2018 || after == '(' || caseless ||
                          after == 0x2022 || after == 0x25AA || after == 0x25CF; /* • ▪ ● */
        if (!starts) {
            i = next;
            continue;
        }
        if (c == '.') {
            gsize w = i;
            while (w > start && !g_ascii_isspace(text[w - 1]) && text[w - 1] != '(')
                w--;
            if (is_abbreviation(text, w, i)) {
                i = next;
                continue;
            }
        }
        push(out, text, start, j);
        start = i = j;
    }
    push(out, text, start, len);
}

GArray *chron_text_sentences(const char *text, gsize len)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(chron_span));
    chron_text_sentences_range(text, 0, len, out);
    return out;
}

gsize chron_text_piece_end(const char *text, gsize len, gsize max)
{
    g_return_val_if_fail(max > 0 && max < len, len);
    const char *nl = memrchr(text, '\n', max);
    if (nl)
        return (gsize)(nl - text) + 1;
    /* One line: split the second half of the window from a word's start, so that every word
     * before a full stop is whole (the abbreviation test reads it), and keep the start of the
     * last sentence after the first (the first starts where the split did, not at a sentence). */
    gsize from = max / 2;
    while (from < max && !g_ascii_isspace(text[from]))
        from++;
    /* No space at all (Chinese, Japanese): no full stop ends a sentence there, only a CJK stop
     * does, whatever comes before it. */
    if (from == max)
        for (from = max / 2; from > 0 && ((guchar)text[from] & 0xC0) == 0x80;)
            from--;
    GArray *spans = g_array_new(FALSE, FALSE, sizeof(chron_span));
    chron_text_sentences_range(text, from, max, spans);
    gsize cut = spans->len > 1 ? g_array_index(spans, chron_span, spans->len - 1).start : 0;
    g_array_unref(spans);
    if (cut)
        return cut;
    for (cut = max; cut > max / 2; cut--)
        if (text[cut - 1] == ' ')
            return cut;
    cut = max;
    while (cut > 1 && ((guchar)text[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}

void chron_text_line_bounds(const char *text, gsize len, gsize off, gsize *start, gsize *end)
{
    gsize s = off > len ? len : off, e = s;
    while (s > 0 && text[s - 1] != '\n')
        s--;
    while (e < len && text[e] != '\n')
        e++;
    if (e > s && text[e - 1] == '\r')
        e--;
    *start = s;
    *end = e;
}

char *chron_text_squeeze(const char *s, gsize len)
{
    GString *out = g_string_sized_new(len);
    gboolean space = FALSE;
    const char *p = s, *end = s + len;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c)) {
            space = out->len > 0;
        } else {
            if (space)
                g_string_append_c(out, ' ');
            space = FALSE;
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
        p = g_utf8_next_char(p);
    }
    return g_string_free(out, FALSE);
}

int chron_text_wide_ends(const char *s, gsize i, gsize len, gsize *ends, int max)
{
    int n = 0;
    while (n < max && i < len && (guchar)s[i] >= 0x80) {
        i++;
        while (i < len && ((guchar)s[i] & 0xC0) == 0x80)
            i++;
        ends[n++] = i;
    }
    return n;
}

glong chron_utf8_count(const char *s, gsize len)
{
    /* Every byte but a continuation byte (10xxxxxx) starts a code point. Eight bytes at a
     * time: a continuation byte has its top bit set and the next bit clear. The marks are
     * summed bytewise (at most 255 rounds before a byte could overflow), then across. */
    const guint64 lo = 0x0101010101010101ull, pairs = 0x00FF00FF00FF00FFull;
    glong cont = 0;
    gsize i = 0;
#ifdef __SSE2__
    /* Sixteen bytes at a time: a continuation byte is below 0xC0 as a signed byte (-64), and
     * the marks (0 or -1) are summed bytewise, then across with a sum of absolute differences. */
    const __m128i top = _mm_set1_epi8((char)0xC0), zero = _mm_setzero_si128();
    while (i + 16 <= len) {
        __m128i acc = zero;
        for (int r = 0; r < 255 && i + 16 <= len; r++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, top));
        }
        __m128i sums = _mm_sad_epu8(acc, zero);
        cont += (glong)(_mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    while (i + 8 <= len) {
        guint64 acc = 0;
        for (int r = 0; r < 255 && i + 8 <= len; r++, i += 8) {
            guint64 w;
            memcpy(&w, s + i, 8);
            acc += (w & ~(w << 1) & (lo << 7)) >> 7;
        }
        acc = (acc & pairs) + ((acc >> 8) & pairs);
        cont += (glong)((acc * 0x0001000100010001ull) >> 48);
    }
    for (; i < len; i++)
        cont += ((guchar)s[i] & 0xC0) == 0x80;
    return (glong)len - cont;
}

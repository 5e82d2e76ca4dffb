/* tense.c - tense markers by word look-up: one pass over a sentence, no regular expressions. */
#include "tense.h"

#include <string.h>

#include "text.h"
#include "wordmap.h"

/* What a word can be; one look-up per word gives all of it. */
enum {
    W_FUTURE = 1 << 0,
    W_PAST = 1 << 1,
    W_ED_EXCEPTION = 1 << 2,  /* ends in -ed but is no past verb ("need", "united") */
    W_ED_BLOCKER = 1 << 3,    /* an -ed word after it is no past verb ("has", "was") */
    W_PHRASE_HEAD = 1 << 4,   /* first word of a future phrase ("going" in "going to") */
    W_PERFECT = 1 << 5,       /* a participle after it is a past marker ("has fallen") */
    W_LEADING = 1 << 6,       /* a marker only for what follows it ("since 2011", 要求) */
    W_GOVERNING = 1 << 7,     /* a preposition by which a past verb dates an event ("in") */
    W_AHEAD = 1 << 8,         /* between that verb and it, says the date is ahead ("due") */
    W_TRAILING = 1 << 9,      /* a past marker only for the date right before it ("the Jan. 6
                               * riot", "Sunday's earthquake") */
    W_SCHEDULE = 1 << 10,     /* a verb that schedules in the present ("expires"): what it
                               * governs lies ahead */
    W_PRESENT = 1 << 11,      /* a verb in the present ("is"): nearer than any past or future
                               * marker, it leaves the date to the nearest occurrence */
    W_MODAL = 1 << 12,        /* before "have", a modal makes a past of the perfect ("could have
                               * seen") */
    W_OBJECT = 1 << 13,       /* opens the object between a past verb and its preposition ("the"
                               * in "clinched the AFC East on Sunday") */
    W_REPORTING = 1 << 14,    /* a verb of saying: what follows it is what was said ("said the
                               * vote on Sunday would"), so its object dates nothing */
    W_OBJECT_BREAK = 1 << 15, /* no word of such an object ("for" in "listed the matter for
                               * hearing in January") */
    W_PREDICATE = 1 << 16,    /* a future word that is an adjective ("due"): after a past
                               * marker ("was due Friday") it leaves the tense to that */
    W_CLAUSE = 1 << 17,       /* opens a clause of its own, as ", " does ("and", "that"): "was
                               * found on Thursday and will appear on Monday" */
};

struct chron_tense_lexicon {
    chron_wordmap *words;   /* lower-case word -> flags, stored in the pointer */
    chron_wordmap *phrases; /* "going to" -> non-NULL */
    gboolean cjk;           /* some word is written in CJK characters: look at those too */
};

/* Values of the phrase map: which marker a phrase is (PHRASE_FUTURE_LEADING: a future marker for
 * what follows it only, "vowed to"). */
enum { PHRASE_FUTURE = 1, PHRASE_PAST = 2, PHRASE_FUTURE_LEADING = 3 };

/* Adds the words of the list key with flag, or, when flag is 0, its two-word phrases as markers
 * of kind phrase (PHRASE_FUTURE, PHRASE_PAST or PHRASE_FUTURE_LEADING). */
static void add_list(chron_tense_lexicon *lex, GKeyFile *kf, const char *key, guint flag,
                     guint phrase)
{
    gchar **list = g_key_file_get_string_list(kf, "tense", key, NULL, NULL);
    for (gchar **w = list; w && *w; w++) {
        char *k = g_ascii_strdown(g_strstrip(*w), -1);
        gsize n = strlen(k);
        if (n && (guchar)k[0] >= 0x80)
            lex->cjk = TRUE;
        if (n && flag) {
            guint old = GPOINTER_TO_UINT(chron_wordmap_lookup(lex->words, k, n));
            chron_wordmap_insert(lex->words, k, n, GUINT_TO_POINTER(old | flag));
        } else if (n) { /* a phrase: index it whole and mark its first word */
            chron_wordmap_insert(lex->phrases, k, n, GUINT_TO_POINTER(phrase));
            gsize head = strcspn(k, " ");
            guint old = GPOINTER_TO_UINT(chron_wordmap_lookup(lex->words, k, head));
            chron_wordmap_insert(lex->words, k, head, GUINT_TO_POINTER(old | W_PHRASE_HEAD));
        }
        g_free(k);
    }
    g_strfreev(list);
}

static void add_words(chron_tense_lexicon *lex, GKeyFile *kf, const char *key, guint flag)
{
    add_list(lex, kf, key, flag, 0);
}

static void add_phrases(chron_tense_lexicon *lex, GKeyFile *kf, const char *key, guint phrase)
{
    add_list(lex, kf, key, 0, phrase);
}

chron_tense_lexicon *chron_tense_lexicon_new(const char *ini, GError **error)
{
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_list_separator(kf, ';');
    if (!g_key_file_load_from_data(kf, ini, strlen(ini), G_KEY_FILE_NONE, error)) {
        g_key_file_free(kf);
        return NULL;
    }
    chron_tense_lexicon *lex = g_new0(chron_tense_lexicon, 1);
    lex->words = chron_wordmap_new(NULL);
    lex->phrases = chron_wordmap_new(NULL);
    add_words(lex, kf, "past", W_PAST);
    add_words(lex, kf, "future", W_FUTURE);
    add_phrases(lex, kf, "future_phrases", PHRASE_FUTURE);
    add_phrases(lex, kf, "past_phrases", PHRASE_PAST);
    add_phrases(lex, kf, "future_leading_phrases", PHRASE_FUTURE_LEADING);
    add_words(lex, kf, "ed_exceptions", W_ED_EXCEPTION);
    add_words(lex, kf, "ed_blockers", W_ED_BLOCKER);
    add_words(lex, kf, "perfect", W_PERFECT);
    add_words(lex, kf, "past_leading", W_PAST | W_LEADING);
    add_words(lex, kf, "future_leading", W_FUTURE | W_LEADING);
    add_words(lex, kf, "past_trailing", W_PAST | W_TRAILING);
    /* Words of CJK characters that hold a marker's character but are no marker (会议 holds 会):
     * read as one word, they hide it. */
    add_words(lex, kf, "not_markers", W_ED_EXCEPTION);
    add_words(lex, kf, "governing", W_GOVERNING);
    add_words(lex, kf, "ahead", W_AHEAD);
    add_words(lex, kf, "schedule", W_SCHEDULE);
    add_words(lex, kf, "present", W_PRESENT);
    add_words(lex, kf, "modal", W_MODAL);
    add_words(lex, kf, "object", W_OBJECT);
    add_words(lex, kf, "reporting", W_REPORTING);
    add_words(lex, kf, "object_breaks", W_OBJECT_BREAK);
    add_words(lex, kf, "future_predicates", W_FUTURE | W_PREDICATE);
    add_words(lex, kf, "clause_words", W_CLAUSE);
    g_key_file_free(kf);
    return lex;
}

void chron_tense_lexicon_free(chron_tense_lexicon *lex)
{
    if (!lex)
        return;
    chron_wordmap_free(lex->words);
    chron_wordmap_free(lex->phrases);
    g_free(lex);
}

#define WORD_MAX 32

/* The length of the quotation mark at p ('"', "``", "''", U+201C or U+201D), 0 when none. */
static gsize quote_len(const char *p, gsize n)
{
    if (p[0] == '"')
        return 1;
    if (n >= 2 && (p[0] == '`' || p[0] == '\'') && p[1] == p[0])
        return 2;
    if (n >= 3 && (guchar)p[0] == 0xE2 && (guchar)p[1] == 0x80 &&
        ((guchar)p[2] == 0x9C || (guchar)p[2] == 0x9D))
        return 3;
    return 0;
}

/* Which mentions a marker counts for. */
typedef enum {
    MK_ANY,
    MK_LEADING, /* only those after it ("since") */
    MK_TRAILING /* only the one that ends at its attach offset ("the Jan. 6 riot") */
} marker_kind;

typedef struct marker {
    gsize start, end; /* bytes into the sentence */
    gsize attach;     /* MK_TRAILING: where the mention it counts for ends */
    guint seg;        /* quotation marks before it: the part of the sentence it is in */
    guint clause;     /* clause breaks before it */
    marker_kind kind;
    gboolean perfect; /* a past marker that is the participle of a present perfect ("has issued";
                       * not "could have seen", after a [modal]) */
    gboolean aux;     /* a past marker that is an auxiliary ("was", "had": an [ed_blockers] word) */
} marker;

/* Whether marker mk, after a mention ending at me, counts for it. */
static inline gboolean counts_after(const marker *mk, gsize me)
{
    return mk->kind == MK_ANY || (mk->kind == MK_TRAILING && me >= mk->attach);
}

struct chron_tense_marks {
    GArray *past, *future, *present; /* of marker, in text order */
    GArray *quotes;                  /* offsets of the quotation marks, in text order */
    GArray *breaks; /* offsets of the clause breaks (", " and "; "), in text order */
};

/* How much farther a marker counts when a clause break lies between it and the mention, in
 * bytes: "The pact, signed on Thursday, takes effect in May" is told of Thursday in the past. */
#define CLAUSE_PENALTY 40

static void push_to(chron_tense_marks *m, GArray *a, gsize s, gsize e, marker_kind kind,
                    gsize attach, gboolean perfect)
{
    marker mk = {s, e, attach, m->quotes->len, m->breaks->len, kind, perfect, FALSE};
    /* Keep starts non-decreasing: a two-word phrase starts at the word before. */
    if (a->len && g_array_index(a, marker, a->len - 1).start > s)
        return;
    g_array_append_val(a, mk);
}

static void push(chron_tense_marks *m, gsize s, gsize e, gboolean future, marker_kind kind,
                 gsize attach)
{
    push_to(m, future ? m->future : m->past, s, e, kind, attach, FALSE);
}

static marker_kind kind_of(guint flags)
{
    return (flags & W_LEADING) ? MK_LEADING : (flags & W_TRAILING) ? MK_TRAILING : MK_ANY;
}

static gsize skip_spaces_back(const char *sent, gsize j)
{
    while (j > 0 && sent[j - 1] == ' ')
        j--;
    return j;
}

/* Before a possessive "'s" or "’s" ending at j, or j. */
static gsize skip_possessive_back(const char *sent, gsize j)
{
    if (j >= 2 && sent[j - 2] == '\'' && (sent[j - 1] | 0x20) == 's')
        return j - 2;
    if (j >= 4 && memcmp(sent + j - 4, "\xE2\x80\x99s", 4) == 0)
        return j - 4;
    return j;
}

/* Whether the word at s comes right after a number, spaces between: the "am" of "3.40am" and
 * "6 am" is a clock's, not a verb ("Game 1 is Friday" keeps its "is"). */
static gboolean after_digit(const char *sent, gsize s)
{
    gsize j = skip_spaces_back(sent, s);
    return j > 0 && g_ascii_isdigit(sent[j - 1]);
}

/* Where a mention ends that the word at s trails: before the spaces, a possessive and at most
 * one word ("Sunday's deadly attack", "the Oct. 7 Hamas attack"). */
static gsize attach_of(const char *sent, gsize s)
{
    gsize j = skip_possessive_back(sent, skip_spaces_back(sent, s));
    gsize k = j;
    while (k > 0 && (g_ascii_isalpha(sent[k - 1]) || sent[k - 1] == '-'))
        k--;
    return k < j ? skip_possessive_back(sent, skip_spaces_back(sent, k)) : j;
}

void chron_tense_marks_free(chron_tense_marks *m)
{
    if (!m)
        return;
    g_array_unref(m->past);
    g_array_unref(m->future);
    g_array_unref(m->present);
    g_array_unref(m->quotes);
    g_array_unref(m->breaks);
    g_free(m);
}

chron_tense_marks *chron_tense_marks_new(const chron_tense_lexicon *lex, const char *sent,
                                         gsize len)
{
    chron_tense_marks *out = g_new0(chron_tense_marks, 1);
    out->past = g_array_new(FALSE, FALSE, sizeof(marker));
    out->future = g_array_new(FALSE, FALSE, sizeof(marker));
    out->present = g_array_new(FALSE, FALSE, sizeof(marker));
    out->quotes = g_array_new(FALSE, FALSE, sizeof(gsize));
    out->breaks = g_array_new(FALSE, FALSE, sizeof(gsize));
    chron_tense_marks_fill(out, lex, sent, len);
    return out;
}

/* At the non-ASCII character at i: the longest word of one to three characters the lexicon
 * knows there, a marker when it is one (将, 已经, 了); returns where the scan goes on. */
G_GNUC_NO_INLINE static gsize cjk_marker(const chron_tense_lexicon *lex, chron_tense_marks *out,
                                         const char *sent, gsize i, gsize len)
{
    /* A full-width comma or semicolon ends a clause, as ", " does. */
    if (i + 3 <= len &&
        (memcmp(sent + i, "\xEF\xBC\x8C", 3) == 0 || memcmp(sent + i, "\xEF\xBC\x9B", 3) == 0)) {
        g_array_append_val(out->breaks, i);
        return i + 3;
    }
    gsize ends[3];
    int n = chron_text_wide_ends(sent, i, len, ends, 3);
    for (int k = n; k > 0; k--) {
        guint flags = GPOINTER_TO_UINT(chron_wordmap_lookup(lex->words, sent + i, ends[k - 1] - i));
        if (!flags)
            continue;
        if (flags & W_FUTURE) {
            push(out, i, ends[k - 1], TRUE, kind_of(flags), 0);
        } else if (flags & W_PAST) {
            /* A trailing marker counts for the dates before it in its clause (外交部发言人15日晚
             * 在社交媒体上发文称: said on the evening of the 15th), not for those after it. */
            gsize clause =
                out->breaks->len ? g_array_index(out->breaks, gsize, out->breaks->len - 1) : 0;
            push(out, i, ends[k - 1], FALSE, kind_of(flags), clause);
        }
        return ends[k - 1];
    }
    return n ? ends[0] : i + 1;
}

static guint folded_flags(const chron_tense_lexicon *lex, const char *s, gsize n);

/* The words in sent[from, to): runs of letters. */
static guint count_words(const char *sent, gsize from, gsize to)
{
    guint n = 0;
    for (gsize i = from; i < to; i++)
        if (g_ascii_isalpha(sent[i]) && (i == from || !g_ascii_isalpha(sent[i - 1])))
            n++;
    return n;
}

/* How many words an attribution's speaker ("the National Weather Service in Gray, Maine") and
 * what follows the verb ("on Monday", "in a statement") may hold. */
#define ATTRIBUTION_WORDS 8

/* "..., police said.", "..., said the ministry's spokesman on Monday.": a verb of saying that
 * closes the sentence after a comma attributes it, and tells nothing of the dates before it ("will
 * appear in court on Monday, police said"); it still dates those after it. The last past marker
 * becomes one that counts only for what follows it. */
static void mark_attribution(chron_tense_marks *out, const chron_tense_lexicon *lex,
                             const char *sent, gsize len)
{
    if (!out->past->len)
        return;
    marker *mk = &g_array_index(out->past, marker, out->past->len - 1);
    if (mk->kind != MK_ANY ||
        !(folded_flags(lex, sent + mk->start, mk->end - mk->start) & W_REPORTING))
        return;
    /* a comma a few words before the verb ("the National Weather Service in Gray, Maine, said":
     * the last one decides) */
    gsize comma = G_MAXSIZE;
    for (guint i = out->breaks->len; i-- > 0 && comma == G_MAXSIZE;) {
        gsize b = g_array_index(out->breaks, gsize, i);
        if (b < mk->start && sent[b] == ',')
            comma = b;
    }
    if (comma == G_MAXSIZE || count_words(sent, comma, mk->start) > ATTRIBUTION_WORDS)
        return;
    /* nothing but a few words after the verb, and no clause */
    for (gsize i = mk->end; i < len; i++)
        if (sent[i] == ',' || sent[i] == ';' || sent[i] == '"')
            return;
    if (count_words(sent, mk->end, len) > ATTRIBUTION_WORDS)
        return;
    mk->kind = MK_LEADING;
}

void chron_tense_marks_fill(chron_tense_marks *out, const chron_tense_lexicon *lex,
                            const char *sent, gsize len)
{
    g_array_set_size(out->past, 0);
    g_array_set_size(out->future, 0);
    g_array_set_size(out->present, 0);
    g_array_set_size(out->quotes, 0);
    g_array_set_size(out->breaks, 0);
    if (!lex)
        return;
    /* Two word buffers, swapped from word to word: the previous word stays where it was. */
    char buf_a[WORD_MAX], buf_b[WORD_MAX] = "", pair[2 * WORD_MAX + 1];
    char *word = buf_a, *prev = buf_b;
    gsize prev_start = 0, prev_n = 0, i = 0;
    guint prev_flags = 0, prev2_flags = 0;
    const gboolean cjk = lex->cjk;
    while (i < len) {
        if (!g_ascii_isalpha(sent[i])) {
            if (G_UNLIKELY(cjk) && (guchar)sent[i] >= 0xC0) {
                i = cjk_marker(lex, out, sent, i, len);
                continue;
            }
            gsize q = quote_len(sent + i, len - i);
            if (q) {
                g_array_append_val(out->quotes, i);
                i += q;
                continue;
            }
            if ((sent[i] == ',' || sent[i] == ';') && i + 1 < len && sent[i + 1] == ' ')
                g_array_append_val(out->breaks, i);
            /* "'s", "'ll": the clitic is a word of its own */
            if (sent[i] == '\'' && i + 1 < len && g_ascii_isalpha(sent[i + 1]) &&
                (i + 2 >= len || !g_ascii_isalpha(sent[i + 2]) ||
                 (i + 3 <= len && g_ascii_strncasecmp(sent + i + 1, "ll", 2) == 0))) {
                /* fall through to read the clitic as a word */
            } else {
                i++;
                continue;
            }
        }
        gsize s = i, n = 0;
        if (sent[i] == '\'')
            word[n++] = sent[i++];
        /* Letters, and "'" before a "t" ("didn't"): runs of letters are found a word at a
         * time. */
        for (;;) {
            gsize e = chron_text_letters_end(sent, i, len);
#ifdef __SSE2__
            /* A word that fits, whole vectors: the bytes copied past it are ignored. */
            if (e - i <= 16 && i + 16 <= len && n + 16 < WORD_MAX) {
                chron_text_fold16(word + n, sent + i);
                n += e - i;
            } else
#endif
                for (gsize k = i; k < e && n < WORD_MAX - 1; k++)
                    word[n++] = (char)(sent[k] | 0x20); /* lower case */
            i = e;
            if (i + 1 < len && sent[i] == '\'' && sent[i + 1] == 't') {
                if (n < WORD_MAX - 1)
                    word[n++] = '\'';
                i++;
                continue;
            }
            break;
        }
        word[n] = '\0';
        /* "'ll" looks up as "ll" */
        gsize skip = sent[s] == '\'' ? 1 : 0;
        guint flags = GPOINTER_TO_UINT(chron_wordmap_lookup(lex->words, word + skip, n - skip));
        if (flags & W_CLAUSE)
            g_array_append_val(out->breaks, s);
        /* a participle after "has" or "have", not after a modal and "have" */
        const gboolean perfect = (prev_flags & W_PERFECT) && !(prev2_flags & W_MODAL);
        if ((flags & W_PREDICATE) && (prev_flags & W_PAST)) {
            /* "the payment was due Friday": "was" holds the marker */
        } else if (flags & W_FUTURE) {
            push(out, s, i, TRUE, kind_of(flags), 0);
        } else if ((flags & W_PRESENT) && !(n == 2 && word[0] == 'a' && after_digit(sent, s))) {
            /* Only for what follows it: "pushed out in February but we are back" is told of
             * February in the past. */
            push_to(out, out->present, s, i, MK_LEADING, 0, FALSE);
        } else if ((flags & W_PAST) &&
                   (!(prev_flags & W_ED_BLOCKER) || (flags & (W_ED_BLOCKER | W_TRAILING)) ||
                    (prev_flags & W_PERFECT))) {
            /* An irregular past form after an auxiliary or a determiner is a participle or an
             * adjective ("would be paid", "a lost cause"), unless an auxiliary itself ("has had"
             * still holds the marker "had"). A trailing noun is one there too ("Sunday's
             * attack"). */
            push_to(out, out->past, s, i, kind_of(flags),
                    (flags & W_TRAILING) ? attach_of(sent, s) : 0,
                    perfect && !(flags & W_ED_BLOCKER));
            if ((flags & W_ED_BLOCKER) && out->past->len &&
                g_array_index(out->past, marker, out->past->len - 1).start == s)
                g_array_index(out->past, marker, out->past->len - 1).aux = TRUE;
        } else if (prev_flags & W_PHRASE_HEAD) {
            memcpy(pair, prev, prev_n);
            pair[prev_n] = ' ';
            memcpy(pair + prev_n + 1, word, n);
            guint kind = GPOINTER_TO_UINT(chron_wordmap_lookup(lex->phrases, pair, prev_n + 1 + n));
            if (kind)
                push(out, prev_start, i, kind != PHRASE_PAST,
                     kind == PHRASE_FUTURE_LEADING ? MK_LEADING : MK_ANY, 0);
        }
        /* A past verb in -ed, unless a known exception or after an auxiliary. */
        if (n >= 4 && word[n - 2] == 'e' && word[n - 1] == 'd' && !(flags & W_ED_EXCEPTION) &&
            (!(prev_flags & W_ED_BLOCKER) || (prev_flags & W_PERFECT)))
            push_to(out, out->past, s, i, MK_ANY, 0, perfect);
        char *tmp = prev;
        prev = word;
        word = tmp;
        prev_n = n;
        prev2_flags = prev_flags;
        prev_flags = flags;
        prev_start = s;
    }
    mark_attribution(out, lex, sent, len);
}

/* The index of the first marker of a (text order) that starts at off or later: a binary
 * search, since one sentence may hold a great many. */
static guint first_from(const GArray *a, gsize off)
{
    guint lo = 0, hi = a->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(a, marker, mid).start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How many offsets of the ascending array a (of gsize) lie before off: the clause or quoted part
 * of the sentence that off is in. A binary search, as a sentence of half a million clauses ("...
 * in March and signed in March and ...") asks it once per mention. */
static guint count_below(const GArray *a, gsize off)
{
    guint lo = 0, hi = a->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(a, gsize, mid) < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A marker's distance from the mention, doubled, plus one when it follows the mention: at equal
 * distance the verb before wins, as an English adverbial follows the verb it tells the time of
 * ("said on Wednesday it would", "ended Friday will resume"). */
static gsize ranked(gsize dist, gboolean after)
{
    return dist * 2 + (after ? 1 : 0);
}

/* Ranked distance (see ranked()) from [ms, me), in clause clause, to the nearest marker in a
 * (text order), ignoring markers that overlap the mention; CLAUSE_PENALTY more for a marker in
 * another clause. G_MAXSIZE when there is none. */
static gsize nearest(const GArray *a, gsize ms, gsize me, guint clause, const marker **which)
{
    guint lo = first_from(a, me);
    /* The first marker after the mention and the last before it are the nearest also with the
     * penalty: clauses only grow along the text. */
    gsize best = G_MAXSIZE;
    /* "since 2011" after the mention says nothing of it, nor "riot" a word or two farther */
    while (lo < a->len && !counts_after(&g_array_index(a, marker, lo), me))
        lo++;
    *which = NULL;
    if (lo < a->len) {
        const marker *mk = &g_array_index(a, marker, lo);
        best = ranked(mk->start - me + (mk->clause != clause ? CLAUSE_PENALTY : 0), TRUE);
        *which = mk;
    }
    /* Before the mention: the closest end; markers overlapping the mention are skipped (at most
     * the few words of the mention itself). */
    for (guint i = lo; i-- > 0;) {
        const marker *mk = &g_array_index(a, marker, i);
        if (mk->end > ms || mk->kind == MK_TRAILING)
            continue;
        gsize d = ranked(ms - mk->end + (mk->clause != clause ? CLAUSE_PENALTY : 0), FALSE);
        if (d < best) {
            best = d;
            *which = mk;
        }
        break;
    }
    return best;
}

/* The same over the markers of part seg of the sentence only (a linear scan: sentences with
 * quotations are few and short). */
static gsize nearest_in(const GArray *a, gsize ms, gsize me, guint seg, const marker **which)
{
    gsize best = G_MAXSIZE;
    *which = NULL;
    for (guint i = 0; i < a->len; i++) {
        const marker *mk = &g_array_index(a, marker, i);
        gsize d = G_MAXSIZE;
        if (mk->seg != seg)
            continue;
        if (mk->start >= me && counts_after(mk, me))
            d = ranked(mk->start - me, TRUE);
        else if (mk->end <= ms && mk->kind != MK_TRAILING)
            d = ranked(ms - mk->end, FALSE);
        if (d < best) {
            best = d;
            *which = mk;
        }
    }
    return best;
}

chron_tense chron_tense_at(const chron_tense_marks *m, gsize ms, gsize me)
{
    gboolean stated, perfect, aux;
    return chron_tense_at_stated(m, ms, me, &stated, &perfect, &aux);
}

chron_tense chron_tense_at_stated(const chron_tense_marks *m, gsize ms, gsize me, gboolean *stated,
                                  gboolean *perfect, gboolean *aux)
{
    *stated = FALSE;
    *perfect = FALSE;
    *aux = FALSE;
    gsize best_past = G_MAXSIZE, best_future = G_MAXSIZE, best_present = G_MAXSIZE;
    const marker *past = NULL, *other; /* the nearest past marker */
    /* Inside a quotation the speaker's own verbs decide, not the reporting verb outside it
     * ("``He will leave Thursday,'' Castro said."); outside, the reporter's. */
    if (m->quotes->len) {
        guint seg = count_below(m->quotes, ms);
        best_past = nearest_in(m->past, ms, me, seg, &past);
        best_future = nearest_in(m->future, ms, me, seg, &other);
        best_present = nearest_in(m->present, ms, me, seg, &other);
    }
    if (best_past == G_MAXSIZE && best_future == G_MAXSIZE && best_present == G_MAXSIZE) {
        guint clause = count_below(m->breaks, ms);
        best_past = nearest(m->past, ms, me, clause, &past);
        best_future = nearest(m->future, ms, me, clause, &other);
        best_present = nearest(m->present, ms, me, clause, &other);
    }
    if (best_present < best_past && best_present < best_future) {
        *stated = TRUE;
        return CHRON_TENSE_PRESENT;
    }
    if (best_past == G_MAXSIZE && best_future == G_MAXSIZE)
        return CHRON_TENSE_PRESENT;
    if (best_future <= best_past)
        return CHRON_TENSE_FUTURE;
    *perfect = past && past->perfect;
    *aux = past && past->aux;
    return CHRON_TENSE_PAST;
}

#define FOLDED_MAX 16

/* The lexicon's flags for the ASCII letters s[0..n), in any case; 0 for a word of FOLDED_MAX
 * bytes or more. */
static guint folded_flags(const chron_tense_lexicon *lex, const char *s, gsize n)
{
    char w[FOLDED_MAX];
    if (n >= sizeof w)
        return 0;
    for (gsize k = 0; k < n; k++)
        w[k] = g_ascii_tolower(s[k]);
    return GPOINTER_TO_UINT(chron_wordmap_lookup(lex->words, w, n));
}

/* The last past marker before the mention starting at ms (a marker overlapping it does not
 * count, nor a trailing one); NULL when there is none. */
static const marker *past_before(const chron_tense_marks *m, gsize ms)
{
    for (guint i = first_from(m->past, ms); i-- > 0;) {
        const marker *k = &g_array_index(m->past, marker, i);
        if (k->end <= ms && k->kind != MK_TRAILING)
            return k;
    }
    return NULL;
}

#define OBJECT_WORDS 5

gboolean chron_tense_past_governs(const chron_tense_marks *m, const chron_tense_lexicon *lex,
                                  const char *sent, gsize ms)
{
    const marker *mk = past_before(m, ms);
    if (!mk || mk->kind == MK_LEADING || ms - mk->end > 32)
        return FALSE;
    /* At most one word, then a [governing] preposition: "was signed on", "were held in"; not a
     * word that says the date is ahead ("was expected in March", "were due on": the
     * ed_exceptions, future and [ahead] words). */
    guint flags[2];
    gsize count = 0, i = mk->end;
    /* Or a short object, then the preposition: "clinched the AFC East on", "signed the deal
     * in" (OBJECT_WORDS words at most, none a marker); not after a verb of saying. */
    gboolean object = FALSE;
    guint words = 0;
    while (i < ms) {
        if (sent[i] == ' ') {
            i++;
            continue;
        }
        gsize e = i;
        while (e < ms && (g_ascii_isalpha(sent[e]) || (object && sent[e] == '-')))
            e++;
        if (e == i || e - i >= FOLDED_MAX)
            return FALSE;
        guint f = folded_flags(lex, sent + i, e - i);
        if (++words == 1 && (f & W_OBJECT) &&
            !(folded_flags(lex, sent + mk->start, mk->end - mk->start) & W_REPORTING))
            object = TRUE;
        if (object) {
            if (words > OBJECT_WORDS ||
                (words > 1 &&
                 (f & (W_PAST | W_FUTURE | W_PRESENT | W_AHEAD | W_ED_EXCEPTION | W_OBJECT_BREAK))))
                return FALSE;
            flags[0] = f; /* the last word read: it must be the preposition */
            count = 1;
        } else {
            if (count == 2)
                return FALSE;
            flags[count++] = f;
        }
        i = e;
    }
    /* The object holds a word at least, between its determiner and the preposition. */
    if (object && words < 3)
        return FALSE;
    /* Or nothing between: "the year ended Dec. 31", "talks ran Jan. 3-5", "a letter dated
     * Feb. 4". (A participle after an auxiliary or a determiner is no marker: "will be held Jan.
     * 5", "the planned Jan. 5 vote".) */
    if (count == 0)
        return TRUE;
    if (!(flags[count - 1] & W_GOVERNING))
        return FALSE;
    return count == 1 || !(flags[0] & (W_ED_EXCEPTION | W_FUTURE | W_AHEAD));
}

gboolean chron_tense_past_leads(const chron_tense_marks *m, const char *sent, gsize ms)
{
    const marker *mk = past_before(m, ms);
    if (!mk || mk->kind != MK_LEADING)
        return FALSE;
    for (gsize i = mk->end; i < ms; i++)
        if (sent[i] != ' ')
            return FALSE;
    return TRUE;
}

gboolean chron_tense_past_trails(const chron_tense_marks *m, gsize me)
{
    guint lo = first_from(m->past, me);
    /* The word between may be a marker itself ("the Jan. 6 failed coup"). */
    for (guint i = lo; i < m->past->len && i < lo + 2; i++) {
        const marker *mk = &g_array_index(m->past, marker, i);
        if (mk->kind == MK_TRAILING && mk->attach <= me)
            return TRUE;
    }
    return FALSE;
}

gboolean chron_tense_schedule_governs(const chron_tense_lexicon *lex, const char *sent, gsize ms)
{
    /* Back from the mention: an optional [governing] preposition, then the verb. */
    gsize e = ms;
    for (int k = 0; k < 2; k++) {
        while (e > 0 && sent[e - 1] == ' ')
            e--;
        gsize b = e;
        while (b > 0 && g_ascii_isalpha(sent[b - 1]))
            b--;
        if (b == e)
            return FALSE;
        guint flags = folded_flags(lex, sent + b, e - b);
        if (flags & W_SCHEDULE)
            return TRUE;
        if (k == 1 || !(flags & W_GOVERNING))
            return FALSE;
        e = b;
    }
    return FALSE;
}

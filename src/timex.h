/* timex.h - the temporal tagger: finds date and time mentions and normalises them to TIMEX3.
 *
 * A chron_tagger holds the compiled rules of one language (built into the binary as resource
 * files under src/rules/LANG/). Tagging is two passes: the rules emit values that may be
 * underspecified ("XXXX-09", "XXXX-WXX-4", relative offsets), then the resolver fixes them
 * against the reference date, in the direction the sentence's tense implies. Without a reference
 * date such mentions stay unresolved (value NULL) and are never guessed.
 *
 * Ownership: chron_tagger_new(), chron_tagger_tag(), chron_tagger_tag_piece() and
 * chron_tag_context_new() return objects the caller frees with the matching _free() (NULL is a
 * no-op). chron_timex_list_get() returns a borrowed pointer.
 * A tagger is immutable after creation and may be shared between threads.
 */
#ifndef CHRON_TIMEX_H
#define CHRON_TIMEX_H

#include <glib.h>

typedef enum {
    CHRON_TIMEX_DATE = 0,
    CHRON_TIMEX_TIME,
    CHRON_TIMEX_DURATION,
    CHRON_TIMEX_SET,
} chron_timex_type;

typedef enum {
    CHRON_TENSE_UNKNOWN = 0,
    CHRON_TENSE_PAST,
    CHRON_TENSE_PRESENT,
    CHRON_TENSE_FUTURE,
} chron_tense;

typedef struct chron_timex {
    gsize start, end;       /* byte offsets into the tagged text */
    glong cp_start, cp_end; /* the same as Unicode code point offsets */
    char *text;             /* the mention as written */
    chron_timex_type type;
    char *raw;                  /* the value the rule emitted, possibly underspecified */
    char *value;                /* the resolved TIMEX3 value; NULL when unresolved */
    char *mod;                  /* TIMEX3 mod or NULL */
    char *point;                /* a duration counted from the date named just before it ("A
                                 * year later" after "in 2019"): the date it leads to ("2020");
                                 * NULL otherwise */
    const char *rule;           /* name of the rule that matched (static) */
    chron_tense tense;          /* tense of the sentence around the mention, when it was needed */
    gboolean ambiguous;         /* a numeric date both day-first and month-first could read */
    const char *interval;       /* NULL, or the mention's part in an interval: "start" and "end"
                                 * ("from X to Y", "between X and Y"), "since" or "until" (static) */
    int pair;                   /* index of the other end of a start/end interval, or -1 */
    const char *zone;           /* a clock's time zone as the text states it, an ISO 8601 offset
                                 * ("-05:00" for "4 p.m. EST", "+09:00" for "Japan time", "Z"
                                 * for GMT); NULL when it names none or one whose offset depends
                                 * on the date ("Eastern"). The value stays the clock as written */
    gsize sent_start, sent_end; /* byte span of the sentence holding the mention */
} chron_timex;

typedef struct chron_tagger chron_tagger;
typedef struct chron_timex_list chron_timex_list;

/* Loads the built-in rules for lang ("en", "zh"; "auto" loads all). */
chron_tagger *chron_tagger_new(const char *lang, GError **error);
void chron_tagger_free(chron_tagger *tagger);

typedef enum {
    CHRON_ORDER_MDY = 0, /* 04/05/2023 is April 5 (the default, as in US news) */
    CHRON_ORDER_DMY,     /* 04/05/2023 is 4 May (06.07.2023, with dots, is 6 July either way) */
} chron_date_order;

/* How to read numeric dates whose first two numbers could both be a month. Such mentions are
 * marked ambiguous whatever the order. */
void chron_tagger_set_date_order(chron_tagger *tagger, chron_date_order order);

/* With exhaustive set, every rule is run over the whole text instead of only at its anchors.
 * Slow; the reference the tests compare the anchored scan with. */
void chron_tagger_set_exhaustive(chron_tagger *tagger, gboolean exhaustive);

/* Tags len bytes of valid UTF-8 text. ref (nullable) is the reference date: the DCT for news.
 * Narrative documents pass narrative=TRUE: each relative mention then resolves against the last
 * absolute date mentioned before it (ref when there is none). */
chron_timex_list *chron_tagger_tag(const chron_tagger *tagger, const char *text, gsize len,
                                   const GDate *ref, gboolean narrative);

/* What the text before a piece of a long document leaves to the piece after it: the last date
 * named (for anaphors such as "a year earlier"), the period under discussion ("the year-ago
 * quarter"), and a narrative's anchor. A caller that tags a document a piece at a time, to keep
 * memory flat, passes the same context to every piece in order and gets the values it would get
 * from the document tagged whole, when the cuts fall at line ends (a sentence or a mention that
 * ran across a cut is what it cannot restore). A context serves one document, in one thread. */
typedef struct chron_tag_context chron_tag_context;

chron_tag_context *chron_tag_context_new(void);
void chron_tag_context_free(chron_tag_context *ctx);

/* As chron_tagger_tag(), for the piece of a document after those already tagged with ctx
 * (nullable: a document on its own), and updates ctx for the next piece. Offsets stay relative
 * to text. */
chron_timex_list *chron_tagger_tag_piece(const chron_tagger *tagger, const char *text, gsize len,
                                         const GDate *ref, gboolean narrative,
                                         chron_tag_context *ctx);

guint chron_timex_list_count(const chron_timex_list *list);
const chron_timex *chron_timex_list_get(const chron_timex_list *list, guint i);
void chron_timex_list_free(chron_timex_list *list);

const char *chron_timex_type_name(chron_timex_type type); /* "DATE", ... */
const char *chron_tense_name(chron_tense tense);

#endif

/* event.h - dated events: what happened when, and where it was said.
 *
 * An event is built from one temporal mention (a chron_timex) that dates something the sentence
 * reports. It carries the normalised TIMEX3 value, the calendar span that value covers (start
 * inclusive, end exclusive, both GDate), a short summary, the source sentence and the article it
 * came from.
 *
 * An event also says where it was reported: sources, one per article sentence that stated it (an
 * extracted event has one; chron_merge_events() joins the events several articles report into
 * one with all their sources). Mentions that frame the text rather than date an event (the
 * dateline, "in recent years", "the past decades", "this century") are kept only when asked
 * for (CHRON_EXTRACT_ALL) and then carry framing = TRUE and the reason.
 *
 * Ownership: a chron_event_list owns its events and every string in them; an event owns its
 * sources, actors and conflicts. chron_event_list_get() returns a borrowed pointer valid until
 * the list is freed. chron_event_list_append() takes ownership of the event it is given.
 * chron_event_list_free(NULL) is a no-op.
 */
#ifndef CHRON_EVENT_H
#define CHRON_EVENT_H

#include <glib.h>

#include "doc.h"
#include "timex.h"

typedef enum {
    CHRON_GRAN_UNKNOWN = 0,
    CHRON_GRAN_DAY,
    CHRON_GRAN_WEEK,
    CHRON_GRAN_MONTH,
    CHRON_GRAN_SEASON,
    CHRON_GRAN_QUARTER,
    CHRON_GRAN_HALF,
    CHRON_GRAN_YEAR,
    CHRON_GRAN_DECADE,
    CHRON_GRAN_CENTURY,
} chron_granularity;

/* One report of an event: the article and the sentence that stated it. */
typedef struct chron_source {
    char *doc;         /* document name (path as given) */
    char *title;       /* document title, may be "" */
    char *publisher;   /* publisher from the manifest, may be "" */
    char *url;         /* article URL from the manifest, may be "" */
    char *sentence;    /* the whole source sentence */
    char *timex;       /* the date phrase as written */
    char *value;       /* the TIMEX3 value this source gave */
    glong timex_start; /* code point offsets of the date phrase in the document text */
    glong timex_end;
} chron_source;

typedef struct chron_event {
    char *id;         /* stable identifier: digest of file name, value, summary, mod, open end */
    char *doc;        /* document name (path as given) */
    char *doc_title;  /* document title, may be "" */
    char *doc_source; /* publisher or source from the manifest, may be "" */
    char *value;      /* TIMEX3 value, e.g. "2026-01-15", "2025-09", "199X" */
    char *mod;        /* TIMEX3 mod (START, END, ...), NULL when none */
    char *zone;  /* the UTC offset a time of day was stated in ("+09:00", "-05:00", "Z"), NULL when
                    none was stated or the value has no time of day */
    GDate start; /* first day covered */
    GDate end;   /* first day after the span (exclusive) */
    chron_granularity granularity;
    gboolean open_end;    /* "since 2018": the span runs on to the reference date */
    gboolean approximate; /* APPROX mod, or a date resolved against an inferred DCT */
    char *summary;        /* headline from the sentence, without the date phrase */
    char *sentence;       /* the whole source sentence */
    char *timex;          /* the date phrase as written */
    glong timex_start;    /* code point offsets of the date phrase in the document text */
    glong timex_end;
    char *type;       /* event type ("agreement", "meeting", ...; "other"), NULL when not
                         classified */
    char **actors;    /* canonical actor names, NULL-terminated; NULL when not classified */
    gboolean framing; /* frames the text rather than dating an event (CHRON_EXTRACT_ALL) */
    const char *framing_reason; /* static: "furniture" (dateline, caption, header), "reference"
                                   ("in recent years", "now"), "century"; or NULL */
    GPtrArray *sources;         /* of chron_source *, owned: every report, in document order */
    char **conflicts;           /* other values sources gave that disagree with value, or NULL */
} chron_event;

typedef struct chron_event_list chron_event_list;

chron_event_list *chron_event_list_new(void);
void chron_event_list_free(chron_event_list *list);
/* Takes ownership of ev (allocated with chron_event_new()). */
void chron_event_list_append(chron_event_list *list, chron_event *ev);
guint chron_event_list_count(const chron_event_list *list);
/* Borrowed pointer; NULL when i is out of range. */
const chron_event *chron_event_list_get(const chron_event_list *list, guint i);
/* Sorts by start date, then end date, then summary, then document: a total, input-order
 * independent order. */
void chron_event_list_sort(chron_event_list *list);
/* Drops repeated events (the same id: one document stating the same event twice); the list
 * must be sorted. */
void chron_event_list_dedupe(chron_event_list *list);
/* Takes every event out of list (which is left empty): the caller owns the returned array of
 * chron_event * and the events in it (the array frees them with chron_event_free()). */
GPtrArray *chron_event_list_steal(chron_event_list *list);
/* Moves every event of src to the end of dst and frees src. */
void chron_event_list_concat(chron_event_list *dst, chron_event_list *src);

/* A zeroed event; free with chron_event_free() unless handed to a list. */
chron_event *chron_event_new(void);
/* A deep copy of ev (caller frees with chron_event_free()). */
chron_event *chron_event_copy(const chron_event *ev);
void chron_event_free(chron_event *ev);

/* Sets ev->start, ev->end and ev->granularity from a resolved TIMEX3 DATE value. Returns FALSE
 * when the value does not name a calendar span (PAST_REF, durations, unresolved values). */
gboolean chron_event_span_from_value(chron_event *ev, const char *value);

/* Fills ev->id from the document's file name (not its directory), value, summary, mod and open
 * end (SHA-256, first 16 hex digits). */
void chron_event_compute_id(chron_event *ev);

const char *chron_granularity_name(chron_granularity g); /* "day", "month", ... */

/* The number of different documents among ev's sources (at least 1). */
guint chron_event_source_count(const chron_event *ev);
/* A deep copy of src (caller frees with chron_source_free()). */
chron_source *chron_source_copy(const chron_source *src);
void chron_source_free(chron_source *src);

typedef enum {
    CHRON_EXTRACT_DEFAULT = 0,
    /* Keep the mentions that frame the text (dateline, fuzzy references, spans up to the
     * publication date, centuries) as events with framing = TRUE. */
    CHRON_EXTRACT_ALL = 1 << 0,
    /* chron_corpus_events(): keep every article's report apart (no chron_merger_run()). */
    CHRON_EXTRACT_NO_MERGE = 1 << 1,
} chron_extract_flags;

/* The event stage's language resources (LANG/timeline.ini of every language in the rules
 * bundle): the openers of sentences that carry on the event of the sentence before ("It also
 * clinched ..."). Owned; free with chron_extractor_free() (NULL is a no-op); read-only and
 * shareable between threads once made. */
typedef struct chron_extractor chron_extractor;
chron_extractor *chron_extractor_new(GError **error);
void chron_extractor_free(chron_extractor *x);

/* Builds the events of one tagged document: one per resolved DATE mention that dates something
 * the sentence reports, skipping page furniture, headers and fuzzy references unless flags has
 * CHRON_EXTRACT_ALL. With an extractor (nullable), a sentence without a date of its own that
 * opens with a continuation ("It also ...", "They later ...") right after an event's sentence,
 * in the same paragraph, is an event of the same date; a leading pronoun is not kept in its
 * summary. Each event has one source. The caller owns the returned list. */
chron_event_list *chron_events_extract(const chron_extractor *x, const chron_doc *doc,
                                       const chron_timex_list *mentions, chron_extract_flags flags);

#endif

/* tense.h - a cheap tense heuristic over verbs and auxiliaries (there is no POS tagger).
 *
 * The marker nearest to the mention decides: a future marker ("will", "plans to") or a past
 * marker (a past-tense verb, "had", "ago"). Quotation marks split a sentence into parts: the
 * markers of the mention's own part come first ("``We will leave Thursday,'' he said."). The word
 * lists come from the language's tense.ini; markers are found once per sentence and reused for
 * every mention in it. Internal to libchronicle.
 */
#ifndef CHRON_TENSE_H
#define CHRON_TENSE_H

#include <glib.h>

#include "timex.h"

typedef struct chron_tense_lexicon chron_tense_lexicon;

/* Reads the [tense] group of a tense.ini text. NULL and error on a malformed file. Free with
 * chron_tense_lexicon_free() (NULL is a no-op). */
chron_tense_lexicon *chron_tense_lexicon_new(const char *ini, GError **error);
void chron_tense_lexicon_free(chron_tense_lexicon *lex);

/* The tense markers of one sentence, past and future apart, each in text order. */
typedef struct chron_tense_marks chron_tense_marks;

/* Finds the markers of sent[0..len). lex may be NULL (no markers). Free with
 * chron_tense_marks_free() (NULL is a no-op). */
chron_tense_marks *chron_tense_marks_new(const chron_tense_lexicon *lex, const char *sent,
                                         gsize len);
void chron_tense_marks_free(chron_tense_marks *marks);
/* The same into marks, replacing the markers it held (its arrays are reused). */
void chron_tense_marks_fill(chron_tense_marks *marks, const chron_tense_lexicon *lex,
                            const char *sent, gsize len);

/* The tense for a mention at [ms, me) in the sentence the markers came from: markers inside the
 * mention do not count; the nearest wins, future on a tie; none means present. O(log n). */
chron_tense chron_tense_at(const chron_tense_marks *marks, gsize ms, gsize me);
/* The same; *stated (not NULL) tells whether a verb in the present ([present]: "is", "are")
 * decided it, rather than the absence of any marker, *perfect (not NULL) whether the past
 * marker that decided it is the participle of a present perfect ("has issued"; not "could have
 * seen", after a [modal]), and *aux (not NULL) whether that marker is an auxiliary ("was",
 * "had": an [ed_blockers] word), which tells of the past more surely than a lexical verb. */
chron_tense chron_tense_at_stated(const chron_tense_marks *marks, gsize ms, gsize me,
                                  gboolean *stated, gboolean *perfect, gboolean *aux);

/* Whether a past verb governs the mention starting at ms: the last past marker before it is
 * followed only by a [governing] preposition of the lexicon, and at most one word before that
 * ("peaked in January", "was signed on Jan. 5"). A past verb that close tells of a date gone,
 * however near it lies ahead. lex may not be NULL. */
gboolean chron_tense_past_governs(const chron_tense_marks *marks, const chron_tense_lexicon *lex,
                                  const char *sent, gsize ms);

/* Whether a verb that schedules in the present ([schedule]: "expires", "opens") governs the
 * mention starting at ms, right before it or before a [governing] preposition ("expires on
 * Sept. 30", "opens March 3"): the date is one still to come. lex may not be NULL. */
gboolean chron_tense_schedule_governs(const chron_tense_lexicon *lex, const char *sent, gsize ms);

/* Whether a past marker that counts only for what follows it ([past_leading]: "since") stands
 * right before the mention starting at ms ("since year-end"). */
gboolean chron_tense_past_leads(const chron_tense_marks *marks, const char *sent, gsize ms);

/* Whether the mention ending at me names an event that happened: a [past_trailing] word follows
 * it, with at most one word between ("the Jan. 6 riot"). */
gboolean chron_tense_past_trails(const chron_tense_marks *marks, gsize me);

#endif

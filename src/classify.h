/* classify.h - event types and actors from lexicon resources (LANG/events.ini, LANG/actors.ini).
 *
 * The words are data (src/rules/LANG/events.ini and actors.ini, built into the binary; their
 * formats are described in src/rules/README.md); this module knows no words of any language.
 *
 * Ownership: chron_classifier_new() returns an owned object; free with chron_classifier_free()
 * (NULL is a no-op). Strings returned by chron_classifier_type() are static (owned by the
 * classifier, valid until it is freed). chron_classifier_actors() returns a NULL-terminated
 * array the caller frees with g_strfreev(). Thread-safe for concurrent reads after creation.
 */
#ifndef CHRON_CLASSIFY_H
#define CHRON_CLASSIFY_H

#include <glib.h>

/* The type chron_classifier_type() returns when no cue matches. */
#define CHRON_EVENT_TYPE_OTHER "other"

typedef struct chron_classifier chron_classifier;

/* Loads LANG/events.ini and LANG/actors.ini from the GResource bundle (lang "en"). On error
 * returns NULL and sets error: CHRON_ERROR_IO when a resource is missing, CHRON_ERROR_PARSE with
 * "rules/LANG/FILE:LINE: ..." when one is malformed. */
chron_classifier *chron_classifier_new(const char *lang, GError **error);
void chron_classifier_free(chron_classifier *c);

/* The event type of a sentence: one of the type names of events.ini ("agreement", "meeting",
 * "exercise", "release", "statement", "protest", "deployment", "arms-export", "establishment",
 * ...), or "other" when nothing matches. summary is the sentence's main clause (may equal
 * sentence, or be NULL); cues in the summary win over cues elsewhere in the sentence. Within one
 * text the cue of the highest priority wins, then the one nearest the start, then the longest,
 * then the type defined first. */
const char *chron_classifier_type(const chron_classifier *c, const char *summary,
                                  const char *sentence);

/* Every actor named in text: canonical names (countries, organisations, people), each once, in
 * order of first mention. Gazetteer aliases map to their canonical name; other runs of two to
 * four capitalised words, stripped of titles, are reported as written. Never NULL. */
char **chron_classifier_actors(const chron_classifier *c, const char *text);

/* The type names events.ini defines, in file order (borrowed, NULL-terminated). */
const char *const *chron_classifier_type_names(const chron_classifier *c);

#endif

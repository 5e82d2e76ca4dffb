/* summary.h - a timeline headline from a sentence. Internal to libchronicle.
 *
 * The date phrase and the preposition that introduces it are removed, then discourse openers
 * ("Earlier,", "However,", "It can be said that"), a leading setting phrase ("At a news
 * conference,"), parenthetical asides and trailing attribution (", Chen said") go, and the rest
 * is cut at a clause boundary to at most CHRON_SUMMARY_MAX bytes (about 100 characters), never
 * mid-word. When the date sits in a relative clause ("the constitution, which was drafted in
 * 1947, ...") the headline is the antecedent with that clause ("the constitution was drafted");
 * when it closes a leading phrase ("After the revision of the guidelines in 2015, ...") the
 * headline is that phrase's noun phrase. */
#ifndef CHRON_SUMMARY_H
#define CHRON_SUMMARY_H

#include <glib.h>

#define CHRON_SUMMARY_MAX 110

/* sent[0..len) is the sentence, [ms, me) the date phrase within it. Caller frees the result. */
char *chron_summary_make(const char *sent, gsize len, gsize ms, gsize me);

#endif

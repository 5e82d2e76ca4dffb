/* summary.h - a timeline entry from a sentence. Internal to libchronicle.
 *
 * A summary is the sentence's main clause, as a timeline would list it:
 *
 *  - the date phrase goes together with the preposition that introduces it ("On Jan 12,",
 *    "in September", "At the end of 2022,", "As early as 2009,", "In January this year,");
 *  - discourse openers ("Earlier,", "However,", "On the other hand,", "It can be said that"),
 *    concessive or circumstantial lead-ins ("Despite the protests,", "Amid rising tensions,")
 *    and a short setting phrase ("At a regular news conference,") go;
 *  - parenthetical asides go, and so does attribution: a trailing ", Chen said", an inserted
 *    ", experts say,", a leading "According to Kyodo News," and a trailing
 *    ", according to ...";
 *  - the rest is cut at a clause boundary: before ", which", ", who", ", as", " while", ";",
 *    " — ", ", according to", and participial tails (", allowing ...", ", citing ...");
 *  - when still longer than CHRON_SUMMARY_MAX characters it is cut at the last word boundary
 *    that fits before a conjunction or preposition ("and", "to", "for", ...), never mid-word
 *    and never inside a UTF-8 sequence; only when no such boundary fits does it end with "…";
 *  - quotes and parentheses are balanced (an unbalanced half is dropped), no punctuation ends
 *    it except a balanced closing quote or parenthesis, and its first letter is upper case.
 *
 * Statements. When the main clause is an attribution ("Guo Jiakun said China ..."), what the
 * summary keeps depends on what the date dates:
 *  - the date comes before the reporting verb or right after it ("On Friday, spokesman Guo
 *    Jiakun said that China ...", "Guo said on Friday that ...") — the event is the statement,
 *    so the speaker stays: "Spokesman Guo Jiakun said China ..." ("that" is dropped to save
 *    room). When that is too long the speaker's titles go, keeping the name after the last
 *    title word: "Guo Jiakun said China always believes ...";
 *  - the date lies inside the reported clause ("Police said the ferry sank on Monday") — the
 *    event is what was reported, so the attribution goes: "The ferry sank".
 * A reporting verb followed by an object rather than a clause ("Japan announced a new budget")
 * is no attribution and stays.
 *
 * Which words play these parts is data: src/rules/LANG/summary.ini (see src/rules/README.md).
 * A language without that file gets the language-neutral steps only (date removal, punctuation
 * boundaries, the length limit, balancing).
 *
 * The functions never print, exit or read the clock; a summarizer is read-only after creation
 * and may be shared between threads.
 */
#ifndef CHRON_SUMMARY_H
#define CHRON_SUMMARY_H

#include <glib.h>

/* Longest summary, in characters (code points), the ellipsis included. */
#define CHRON_SUMMARY_MAX 100

typedef struct chron_summarizer chron_summarizer;

/* Loads the summary word lists of lang from the built-in resources. A language without a
 * summary.ini gets an empty word list set (not an error). Returns NULL and sets error when the
 * file does not parse. Free with chron_summarizer_free(). */
chron_summarizer *chron_summarizer_new(const char *lang, GError **error);

/* Frees sz; NULL is a no-op. */
void chron_summarizer_free(chron_summarizer *sz);

/* sent[0..len) is the sentence (UTF-8), [ms, me) the byte range of the date phrase within it.
 * Returns a newly allocated summary of at most CHRON_SUMMARY_MAX characters, which the caller
 * frees with g_free(); never NULL (possibly "" for a sentence that is nothing but a date). */
char *chron_summarizer_make(const chron_summarizer *sz, const char *sent, gsize len, gsize ms,
                            gsize me);

/* chron_summarizer_make() with the English word lists, loaded once per process. */
char *chron_summary_make(const char *sent, gsize len, gsize ms, gsize me);

#endif

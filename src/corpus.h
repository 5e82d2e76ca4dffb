/* corpus.h - the articles a command reads: files, folders with a manifest, standard input.
 *
 * A folder contributes, in name order, its subfolders' documents (not through symbolic links) and
 * its *.txt and *.tml files (a TimeML file contributes the text
 * of its TEXT element and its CREATION_TIME as the DCT) and the events of its *.ics calendars and
 * *.jsonl event files; when
 * it holds an index.tsv manifest, that gives each file's title, source, publication date (with
 * whether it was read or inferred), document type and URL. The publication date (DCT) of each
 * document is, in order of precedence: the caller's override (--dct), the manifest, a dateline in
 * the text. A manifest entry whose date is "unknown" stays unknown.
 *
 * Manifest format (tab-separated, '#' starts a comment, the first line names the columns):
 *   file  title  source  dct  dct_status  doctype  url
 * dct is YYYY-MM-DD or empty; dct_status read|inferred|unknown; doctype news|narrative.
 *
 * Problems with one input (a missing file, a bad manifest line) are recorded and the other
 * inputs still load: see chron_corpus_errors(). Ownership: the corpus owns its documents; the
 * caller frees the corpus with chron_corpus_free() (NULL is a no-op).
 */
#ifndef CHRON_CORPUS_H
#define CHRON_CORPUS_H

#include "doc.h"
#include "event.h"
#include "timex.h"

typedef struct chron_corpus chron_corpus;

/* tagger is borrowed and must outlive the corpus; dct (nullable) overrides every other DCT. */
chron_corpus *chron_corpus_new(const chron_tagger *tagger, const GDate *dct);
void chron_corpus_free(chron_corpus *c);

/* Adds a file, a folder or "-" (standard input, read by the caller and passed as data through
 * chron_corpus_add_data). Returns the number of documents added; problems go to the error list. */
guint chron_corpus_add(chron_corpus *c, const char *path);
/* Adds a document made from data (copied), e.g. standard input; a binary one, or more than
 * max_input_size bytes, is reported instead. */
void chron_corpus_add_data(chron_corpus *c, const char *name, const char *data, gsize len);

/* Gives doc, which the caller read from path itself (a file too big to read whole, read in
 * pieces), what the corpus gives a document it reads: the title, source, URL and document type of
 * its manifest entry (reading the folder's index.tsv when no manifest read lists the file), and
 * its publication date by the precedence above. The corpus does not keep doc. */
void chron_corpus_describe(chron_corpus *c, chron_doc *doc, const char *path);

/* Documents (articles) in the corpus. */
guint chron_corpus_count(const chron_corpus *c);
/* Calendars and event files read (.ics, or standard input starting with BEGIN:VCALENDAR; .jsonl
 * as `chronicle events` writes it, or standard input starting with '{'): their events join the
 * corpus's events as they are. */
guint chron_corpus_calendar_count(const chron_corpus *c);
/* Borrowed. */
const chron_doc *chron_corpus_get(const chron_corpus *c, guint i);

/* Messages of inputs that could not be read ("path: reason"), NULL-terminated, borrowed. */
const char *const *chron_corpus_errors(const chron_corpus *c);
/* Messages about inputs that were read with repairs (invalid UTF-8 ...), NULL-terminated. */
const char *const *chron_corpus_warnings(const chron_corpus *c);

/* Reads a manifest file into the corpus's table (used by chron_corpus_add for folders).
 * Returns FALSE and sets error naming the file and line on a malformed line. */
gboolean chron_corpus_read_manifest(chron_corpus *c, const char *path, GError **error);

/* What the corpus reads and holds at most (defaults: CHRON_DEFAULT_MAX_INPUT_SIZE,
 * CHRON_DEFAULT_MAX_EVENTS, see doc.h); 0 means no limit. A file larger than max_input_size is
 * reported and skipped (CHRON_ERROR_LIMIT); an event file or calendar that would bring the events
 * read past max_events is reported and the rest of it skipped, and chron_corpus_events() fails
 * once the events it gathers pass max_events. */
typedef struct chron_corpus_limits {
    guint64 max_input_size; /* bytes per file (or standard input) read whole */
    guint max_events;       /* events held at once */
} chron_corpus_limits;
void chron_corpus_set_limits(chron_corpus *c, const chron_corpus_limits *limits);

/* Streaming: when a sink is set, every document read from then on is handed to it (with
 * ownership: the sink frees it with chron_doc_free()) instead of being kept, so memory does not
 * grow with the number of documents. chron_corpus_count() still counts them. */
typedef void (*chron_corpus_sink)(chron_doc *doc, gpointer user_data);
void chron_corpus_set_sink(chron_corpus *c, chron_corpus_sink sink, gpointer user_data);
/* Every document (read so far and from now on) gets this chron_doctype; -1: its own. */
void chron_corpus_set_doctype(chron_corpus *c, int doctype);

/* The events of one document: tagged against its DCT, extracted with x (nullable), sorted,
 * repeats dropped; not merged. The caller owns the list. */
chron_event_list *chron_corpus_doc_events(const chron_corpus *c, const chron_doc *doc,
                                          const chron_extractor *x, chron_extract_flags flags);

/* Tags every document against its DCT and returns all their events, sorted, with the reports
 * of one happening in several articles joined into one event (chron_merger_run()) unless flags
 * has CHRON_EXTRACT_NO_MERGE. NULL and error when a rule resource cannot be loaded. */
chron_event_list *chron_corpus_events(const chron_corpus *c, chron_extract_flags flags,
                                      GError **error);

#endif

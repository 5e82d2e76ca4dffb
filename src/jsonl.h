/* jsonl.h - JSON Lines output (through json-glib): one object per mention or event.
 *
 * Ownership: every function but chron_jsonl_timex_append() returns a string (one JSON object,
 * no newline) the caller frees with g_free().
 */
#ifndef CHRON_JSONL_H
#define CHRON_JSONL_H

#include "event.h"
#include "timex.h"

/* {"doc","start","end","text","type","value","mod"?, "raw", "resolved", "rule", "tense"};
 * start and end are code point offsets; value is null when unresolved. */
char *chron_jsonl_timex(const char *doc, const chron_timex *t);
/* The same object appended to out (no newline): for writing many lines through one buffer. */
void chron_jsonl_timex_append(GString *out, const char *doc, const chron_timex *t);

/* {"doc","mentions","DATE","TIME","DURATION","SET"}: how many mentions a document has, in all and
 * of each type (counts[CHRON_TIMEX_DATE] ... counts[CHRON_TIMEX_SET]). */
char *chron_jsonl_counts(const char *doc, const guint counts[4]);

/* {"id","value","mod"?,"start","end","granularity","open_end","approximate","summary","type",
 *  "actors","framing"?,"framing_reason"?,"count","conflicts"?,"doc","title","sentence","timex",
 *  "timex_start","timex_end","sources":[{"doc","title","publisher"?,"url"?,"value","timex",
 *  "timex_start","timex_end","sentence"}]}; start and end are ISO dates, end exclusive. */
char *chron_jsonl_event(const chron_event *ev);
/* Every event of events as one line each, appended to out. */
void chron_jsonl_events_append(GString *out, const chron_event_list *events);

/* Reads one line written by chron_jsonl_event() back into an event (caller frees). start and
 * end are taken as written, or from value when absent. Returns NULL and sets error
 * (CHRON_ERROR_PARSE, prefixed with where) when the line is not such an object. */
chron_event *chron_jsonl_parse_event(const char *where, const char *line, gssize len,
                                     GError **error);

#endif

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

/* {"id","doc","title","value","mod"?,"start","end","granularity","summary","sentence","timex",
 *  "timex_start","timex_end","open_end","approximate"}; start and end are ISO dates, end
 * exclusive. */
char *chron_jsonl_event(const chron_event *ev);

#endif

/* header.c - datelines. */
#include "header.h"

#include "isodate.h"

/* How far into the text a dateline may stand: past the title, byline and a caption or two. */
#define HEADER_BYTES 1200

gboolean chron_header_find_dct(const chron_doc *doc, const chron_tagger *tagger, GDate *out)
{
    const char *text = chron_doc_text(doc);
    gsize len = chron_doc_length(doc);
    if (len > HEADER_BYTES) {
        /* Cut at a character boundary. */
        const char *cut = g_utf8_find_prev_char(text, text + HEADER_BYTES + 1);
        len = cut ? (gsize)(cut - text) : 0;
    }
    gboolean found = FALSE;
    chron_timex_list *l = chron_tagger_tag(tagger, text, len, NULL, FALSE);
    for (guint i = 0; i < chron_timex_list_count(l) && !found; i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        if ((t->type == CHRON_TIMEX_DATE || t->type == CHRON_TIMEX_TIME) &&
            chron_doc_is_furniture(doc, t->start))
            found = chron_isodate_parse(t->value, 10, out);
    }
    chron_timex_list_free(l);
    return found;
}

/* header.c - datelines. */
#include "header.h"

#include <stdlib.h>

/* How far into the text a dateline may stand: past the title, byline and a caption or two. */
#define HEADER_BYTES 1200

static gboolean full_date(const char *v, GDate *out)
{
    if (!v || !g_ascii_isdigit(v[0]) || v[4] != '-' || v[7] != '-' || !g_ascii_isdigit(v[8]))
        return FALSE;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    if (!g_date_valid_dmy(d, m, y))
        return FALSE;
    g_date_set_dmy(out, d, m, y);
    return TRUE;
}

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
            found = full_date(t->value, out);
    }
    chron_timex_list_free(l);
    return found;
}

/* tense.c - nearest tense marker wins. */
#include "tense.h"

static void find_all(const chron_pattern *p, gboolean future, const char *sent, gsize len,
                     GArray *out)
{
    gsize off = 0, s, e;
    if (!p)
        return;
    chron_match *m = chron_match_new(p);
    while (off < len && chron_pattern_exec(p, sent, len, off, m) && chron_match_group(m, 0, &s, &e)) {
        chron_tense_marker mk = {s, e, future};
        g_array_append_val(out, mk);
        off = e > s ? e : s + 1;
        while (off < len && (sent[off] & 0xC0) == 0x80)
            off++;
    }
    chron_match_free(m);
}

GArray *chron_tense_markers(const chron_pattern *past, const chron_pattern *future,
                            const char *sent, gsize len)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(chron_tense_marker));
    find_all(past, FALSE, sent, len, a);
    find_all(future, TRUE, sent, len, a);
    return a;
}

chron_tense chron_tense_at(const GArray *markers, gsize ms, gsize me)
{
    gsize best_past = G_MAXSIZE, best_future = G_MAXSIZE;
    for (guint i = 0; i < markers->len; i++) {
        const chron_tense_marker *mk = &g_array_index(markers, chron_tense_marker, i);
        gsize d;
        if (mk->end <= ms)
            d = ms - mk->end;
        else if (mk->start >= me)
            d = mk->start - me;
        else
            continue;
        gsize *best = mk->future ? &best_future : &best_past;
        if (d < *best)
            *best = d;
    }
    if (best_past == G_MAXSIZE && best_future == G_MAXSIZE)
        return CHRON_TENSE_PRESENT;
    return best_future <= best_past ? CHRON_TENSE_FUTURE : CHRON_TENSE_PAST;
}

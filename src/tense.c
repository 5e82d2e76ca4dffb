/* tense.c - nearest tense marker wins. */
#include "tense.h"

/* Distance from the nearest match of p to the mention, G_MAXSIZE when there is none. Matches
 * inside the mention itself do not count. */
static gsize nearest(const chron_pattern *p, const char *sent, gsize len, gsize ms, gsize me)
{
    gsize best = G_MAXSIZE, off = 0, s, e;
    if (!p)
        return best;
    chron_match *m = chron_match_new(p);
    while (off < len && chron_pattern_exec(p, sent, len, off, m) && chron_match_group(m, 0, &s, &e)) {
        gsize d = G_MAXSIZE;
        if (e <= ms)
            d = ms - e;
        else if (s >= me)
            d = s - me;
        if (d < best)
            best = d;
        off = e > s ? e : s + 1;
        while (off < len && (sent[off] & 0xC0) == 0x80)
            off++;
    }
    chron_match_free(m);
    return best;
}

chron_tense chron_tense_guess(const chron_pattern *past, const chron_pattern *future,
                              const char *sent, gsize len, gsize ms, gsize me)
{
    gsize dp = nearest(past, sent, len, ms, me);
    gsize df = nearest(future, sent, len, ms, me);
    if (dp == G_MAXSIZE && df == G_MAXSIZE)
        return CHRON_TENSE_PRESENT;
    return df <= dp ? CHRON_TENSE_FUTURE : CHRON_TENSE_PAST;
}

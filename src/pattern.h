/* pattern.h - compiled regular expressions (PCRE2, JIT-compiled once), the only place chronicle
 * touches PCRE2.
 *
 * Patterns are UTF-8 with Unicode properties (\w, \b and case folding cover non-ASCII text).
 * Every match runs under a match and depth limit, so a pathological input fails a match instead
 * of hanging.
 *
 * Ownership: chron_pattern_new() and chron_match_new() return objects freed with the matching
 * _free() (NULL is a no-op). A pattern is immutable and may be shared between threads (its
 * JIT-compiled copy, the code of a lazy pattern, and the ASCII copy of an anchored pattern, are
 * made on first use and published atomically); a
 * chron_match holds per-call state and must not be.
 */
#ifndef CHRON_PATTERN_H
#define CHRON_PATTERN_H

#include <glib.h>

typedef struct chron_pattern chron_pattern;
typedef struct chron_match chron_match;

enum {
    CHRON_PATTERN_CASELESS = 1 << 0, /* case-insensitive (Unicode case folding) */
    CHRON_PATTERN_ANCHORED = 1 << 1, /* a match must start exactly at the start offset */
    /* Compile the pattern to match on its first exec, not now (unless anchored): the rules are
     * compiled once at load for their information (without Unicode properties, which answers
     * the same), and most are only ever run through chron_pattern_anchored(). The syntax is
     * checked now; a pattern that compiled only without Unicode properties would match
     * nothing (chron_pattern_check() tells; the tests check every rule with it). */
    CHRON_PATTERN_LAZY = 1 << 2,
};

/* Compiles re with CHRON_PATTERN_* flags. On error returns NULL and sets error
 * (CHRON_ERROR_PARSE with the offset). */
chron_pattern *chron_pattern_new(const char *re, guint flags, GError **error);
/* The anchored form of p (as CHRON_PATTERN_ANCHORED), with p's groups, look-behind and required
 * bytes, compiled on first use: making it costs no compile. Independent of p once made. */
chron_pattern *chron_pattern_anchored(const chron_pattern *p);
void chron_pattern_free(chron_pattern *p);
/* Compiles p as it will be matched (Unicode properties and all) and throws the result away:
 * for the tests, that a lazy pattern (CHRON_PATTERN_LAZY) will not match nothing. FALSE and
 * error when it does not compile. */
gboolean chron_pattern_check(const chron_pattern *p, GError **error);
/* Number of a named group, or -1 when the pattern has no group of that name. */
int chron_pattern_group_index(const chron_pattern *p, const char *name);

chron_match *chron_match_new(const chron_pattern *p);
void chron_match_free(chron_match *m);

/* Finds the first match in s[0..len) starting at or after byte offset off. s must be valid
 * UTF-8 and off a character boundary. Returns FALSE when there is none (or a limit was hit). */
gboolean chron_pattern_exec(const chron_pattern *p, const char *s, gsize len, gsize off,
                            chron_match *m);
/* How many characters before the start offset a match of p may look at (look-behinds, \b):
 * at least one. */
guint chron_pattern_behind(const chron_pattern *p);
/* chron_pattern_exec() of an anchored pattern, faster, for the case where every byte from
 * off - chron_pattern_behind() (or 0) up to len is ASCII: the caller makes sure. The same
 * answers, groups included. */
gboolean chron_pattern_exec_ascii(const chron_pattern *p, const char *s, gsize len, gsize off,
                                  chron_match *m);
/* Span of group i (0 = the whole match) of the last successful exec. FALSE when unset. */
gboolean chron_match_group(const chron_match *m, int i, gsize *start, gsize *end);

/* A table of 256 flags: a match can only start at a byte b whose flag first[b] is set. NULL
 * when nothing is known, and always for a pattern compiled with CHRON_PATTERN_ANCHORED (whose
 * table is that of the same pattern without the flag: ask that one). The table lives as long as
 * p. Checking it before an anchored exec saves the call at most token starts. */
const guint8 *chron_pattern_first_bytes(const chron_pattern *p);

/* Two bytes (the same one twice when case does not matter) one of which every match of p
 * contains after its first byte: no match can lie in a stretch of text without them. FALSE
 * when PCRE2 names no such byte. */
gboolean chron_pattern_required_bytes(const chron_pattern *p, guint8 *a, guint8 *b);

/* TRUE when re matches anywhere in s[0..len). */
gboolean chron_pattern_search(const chron_pattern *p, const char *s, gsize len);

#endif

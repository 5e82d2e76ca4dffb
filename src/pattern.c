/* pattern.c - PCRE2 behind a small interface: compile once (JIT on first use), match with
 * limits. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <string.h>

#include "error.h"

/* Generous for any real sentence, small enough that a crafted input cannot stall a worker. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 5000

/* A compiled copy of a pattern made on first use: the one matched (see make_jit()) or the one
 * for ASCII text only (see make_ascii()). */
typedef struct code_copy {
    pcre2_code *code; /* NULL when it did not compile: see make_jit() and make_ascii() */
    gboolean jit;     /* JIT-compiled: matched through pcre2_jit_match() */
} code_copy;

struct chron_pattern {
    /* The compiled pattern its information is read from (groups, look-behind, required byte,
     * first bytes). For chron_pattern_new() it is the pattern as asked for, which the
     * interpreter also runs. For a lazy pattern (CHRON_PATTERN_LAZY, chron_pattern_anchored())
     * it is compiled without PCRE2_UCP and PCRE2_ANCHORED, which changes none of those answers,
     * and is never matched. */
    pcre2_code *code;
    gboolean lazy;
    pcre2_match_context *mctx;
    /* The code matched, made on first use and published once with an atomic
     * compare-and-exchange; NULL until then. For a pattern of chron_pattern_new() the
     * JIT-compiled copy of code (JIT-compiling every rule at load cost two thirds of the
     * start-up, and a short text uses few rules); for a lazy one the pattern compiled from
     * source, JIT-compiled when JIT is available. */
    struct code_copy *jitted;
    gboolean has_first; /* first[] is known */
    guint8 first[256];  /* first[b]: a match can start with byte b */
    int required[2];    /* every match holds one of these bytes (after its first); -1: none */
    /* The pattern as written and its PCRE2 options, for the copies made on first use: the
     * lazy pattern's code, and for anchored patterns the copy for ASCII text (make_ascii()),
     * published once with an atomic compare-and-exchange; NULL until then. */
    char *source;
    uint32_t opts;
    struct code_copy *ascii;
    guint behind; /* characters a match looks at before its start (at least one) */
};

struct chron_match {
    pcre2_match_data *data;
    int rc; /* result of the last exec */
};

/* Compiles re with opts, or sets error. */
static pcre2_code *compile(const char *re, uint32_t opts, GError **error)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "regex error at offset %zu: %s",
                    (size_t)erroff, (const char *)msg);
    }
    return code;
}

/* Reads the start-of-match information of code (compiled without PCRE2_ANCHORED) into map:
 * the bytes a match can start with. FALSE when PCRE2 knows nothing useful. Only the ASCII part
 * is taken; every byte from 0x80 up is allowed. */
static gboolean ascii_first_bytes(const pcre2_code *code, guint8 map[256])
{
    const uint8_t *bits = NULL;
    uint32_t type = 0, cu = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 && bits) {
        for (int c = 0; c < 0x80; c++)
            map[c] = (bits[c / 8] >> (c % 8)) & 1;
    } else if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
               pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 && cu < 0x80) {
        /* PCRE2 reports a caseless first letter ([Nn]ow, (?i)now) as one of its cases. */
        memset(map, 0, 0x80);
        map[cu] = 1;
        map[(guchar)g_ascii_tolower((char)cu)] = 1;
        map[(guchar)g_ascii_toupper((char)cu)] = 1;
    } else {
        return FALSE;
    }
    memset(map + 0x80, 1, 0x80);
    return TRUE;
}

/* The first-byte table of re. PCRE2 records one only for unanchored patterns, and gives up on
 * Unicode properties (which \d, \w and \s become under PCRE2_UCP) at the start of a
 * pattern. So the table is read from a copy compiled without PCRE2_ANCHORED and without
 * PCRE2_UCP: for ASCII bytes \d, \w, \s and case folding mean the same with and without it,
 * and assertions (\b, look-behind) do not count in the table either way; every other byte
 * (the start of a multibyte character) is allowed. */
static void first_bytes(chron_pattern *p, const char *re, uint32_t opts)
{
    pcre2_code *code = compile(re, opts & ~(uint32_t)(PCRE2_ANCHORED | PCRE2_UCP), NULL);
    if (!code)
        return;
    p->has_first = ascii_first_bytes(code, p->first);
    pcre2_code_free(code);
}

/* Whether re sets the caseless option itself: an option group "(?...i...)" (counting (?-i)
 * too, which errs on the safe side). */
static gboolean sets_caseless(const char *re)
{
    for (const char *p = strstr(re, "(?"); p; p = strstr(p + 2, "(?"))
        for (const char *q = p + 2; g_ascii_isalpha(*q) || *q == '-' || *q == '^'; q++)
            if (*q == 'i')
                return TRUE;
    return FALSE;
}

/* The byte PCRE2 found every match must contain past its first (its "last code unit"), in
 * both cases for a caseless ASCII letter. None when caseless matching could also take other
 * bytes: a non-ASCII character, or k and s (which fold to the Kelvin sign and the long s). */
static void required_bytes(chron_pattern *p, const char *re, uint32_t opts)
{
    uint32_t type = 0, cu = 0;
    p->required[0] = p->required[1] = -1;
    if (pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODETYPE, &type) != 0 || type != 1 ||
        pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODEUNIT, &cu) != 0 || cu > 0xFF)
        return;
    gboolean caseless = (opts & PCRE2_CASELESS) || sets_caseless(re);
    if (!caseless || (cu < 0x80 && !g_ascii_isalpha((char)cu))) {
        p->required[0] = p->required[1] = (int)cu;
    } else if (cu < 0x80) {
        char lower = g_ascii_tolower((char)cu);
        if (lower == 'k' || lower == 's')
            return;
        p->required[0] = (guchar)lower;
        p->required[1] = (guchar)g_ascii_toupper((char)cu);
    }
}

/* The options of the anchored form of a pattern compiled with opts. */
static uint32_t anchored_opts(const char *re, uint32_t opts)
{
    /* Anchoring at compile time keeps the JIT code usable (match-time PCRE2_ANCHORED is not). */
    opts |= PCRE2_ANCHORED;
    /* An anchored attempt starts with PCRE2's start-of-match checks: the minimum length and,
     * above all, a search of the subject (up to the bound the caller sets) for the pattern's
     * required byte. The tagger makes its own, cached, required-byte test first, so for the
     * anchored patterns the search is paid for nothing; without it the answers are the same
     * (only backtracking verbs, unused here, could tell the difference, hence the check). */
    if (!strstr(re, "(*"))
        opts |= PCRE2_NO_START_OPTIMIZE;
    return opts;
}

chron_pattern *chron_pattern_new(const char *re, guint flags, GError **error)
{
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (flags & CHRON_PATTERN_CASELESS)
        opts |= PCRE2_CASELESS;
    if (flags & CHRON_PATTERN_ANCHORED)
        opts = anchored_opts(re, opts);
    gboolean lazy = (flags & CHRON_PATTERN_LAZY) && !(flags & CHRON_PATTERN_ANCHORED);
    /* A lazy pattern's information comes from the copy the first-byte table is read from (see
     * first_bytes()): the one compile at load. */
    pcre2_code *code = compile(re, lazy ? opts & ~(uint32_t)PCRE2_UCP : opts, error);
    if (!code)
        return NULL;
    chron_pattern *p = g_new0(chron_pattern, 1);
    p->code = code;
    p->lazy = lazy;
    p->mctx = pcre2_match_context_create(NULL);
    /* The table is the same with and without PCRE2_ANCHORED (first_bytes() drops it), and the
     * tagger reads it from the unanchored pattern: an anchored one is not compiled again for it. */
    if (lazy)
        p->has_first = ascii_first_bytes(code, p->first);
    else if (!(flags & CHRON_PATTERN_ANCHORED))
        first_bytes(p, re, opts);
    required_bytes(p, re, opts);
    /* \b and \B count as a look-behind of one; \A too, without looking (pcre2api). */
    uint32_t behind = 0;
    pcre2_pattern_info(code, PCRE2_INFO_MAXLOOKBEHIND, &behind);
    p->behind = MAX(behind, 1);
    p->source = g_strdup(re);
    p->opts = opts;
    pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
    return p;
}

chron_pattern *chron_pattern_anchored(const chron_pattern *p)
{
    chron_pattern *a = g_new0(chron_pattern, 1);
    /* Groups, look-behind and required byte do not depend on anchoring: p's answers, from a
     * copy of its code (a copy of the compiled bytes, not a compile). */
    a->code = pcre2_code_copy(p->code);
    a->lazy = TRUE;
    a->mctx = pcre2_match_context_copy(p->mctx);
    a->required[0] = p->required[0];
    a->required[1] = p->required[1];
    a->behind = p->behind;
    a->source = g_strdup(p->source);
    a->opts = anchored_opts(p->source, p->opts);
    return a;
}

void chron_pattern_free(chron_pattern *p)
{
    if (!p)
        return;
    pcre2_match_context_free(p->mctx);
    pcre2_code_free(p->code);
    if (p->jitted) {
        pcre2_code_free(p->jitted->code);
        g_free(p->jitted);
    }
    if (p->ascii) {
        pcre2_code_free(p->ascii->code);
        g_free(p->ascii);
    }
    g_free(p->source);
    g_free(p);
}

int chron_pattern_group_index(const chron_pattern *p, const char *name)
{
    int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);
    return n > 0 ? n : -1;
}

chron_match *chron_match_new(const chron_pattern *p)
{
    chron_match *m = g_new0(chron_match, 1);
    m->data = pcre2_match_data_create_from_pattern(p->code, NULL);
    return m;
}

void chron_match_free(chron_match *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->data);
    g_free(m);
}

const guint8 *chron_pattern_first_bytes(const chron_pattern *p)
{
    return p->has_first ? p->first : NULL;
}

gboolean chron_pattern_required_bytes(const chron_pattern *p, guint8 *a, guint8 *b)
{
    if (p->required[0] < 0)
        return FALSE;
    *a = (guint8)p->required[0];
    *b = (guint8)p->required[1];
    return TRUE;
}

/* Runs code (JIT-compiled when jit) at off. The JIT entry point skips the option and UTF checks
 * of pcre2_match(), which would end in the same JIT code: most attempts fail at once, so the
 * checks were a good part of them. */
static gboolean run(const pcre2_code *code, gboolean jit, pcre2_match_context *mctx, const char *s,
                    gsize len, gsize off, chron_match *m)
{
    if (off > len)
        return FALSE;
    if (jit)
        m->rc = pcre2_jit_match(code, (PCRE2_SPTR)s, len, off, 0, m->data, mctx);
    else
        m->rc = pcre2_match(code, (PCRE2_SPTR)s, len, off, PCRE2_NO_UTF_CHECK, m->data, mctx);
    return m->rc > 0;
}

/* Fills in a copy of p's code for a purpose (make_jit(), make_ascii()). */
typedef void (*copy_maker)(const chron_pattern *p, code_copy *c);

/* The copy in *slot, made by make on first use. Several threads may get here at once: each may
 * make one, and the first published (with an atomic compare-and-exchange) is the one used. */
static const code_copy *made_once(const chron_pattern *p, code_copy **slot, copy_maker make)
{
    code_copy *c = g_atomic_pointer_get(slot);
    if (c)
        return c;
    c = g_new0(code_copy, 1);
    make(p, c);
    if (!g_atomic_pointer_compare_and_exchange(slot, NULL, c)) {
        pcre2_code_free(c->code);
        g_free(c);
        c = g_atomic_pointer_get(slot);
    }
    return c;
}

/* The code matched. For a pattern of chron_pattern_new(), the JIT-compiled copy of its code:
 * JIT is an optimisation, and when it is unavailable the copy is left out and the interpreter
 * gives the same answers. For a lazy pattern, its source compiled as asked, JIT-compiled when
 * JIT is available; NULL when it does not compile (the rules are checked by the tests). */
static void make_jit(const chron_pattern *p, code_copy *c)
{
    if (p->lazy) {
        c->code = compile(p->source, p->opts, NULL);
        c->jit = c->code && pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
        return;
    }
    c->code = pcre2_code_copy(p->code);
    c->jit = c->code && pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
    if (!c->jit) {
        pcre2_code_free(c->code);
        c->code = NULL;
    }
}

gboolean chron_pattern_exec(const chron_pattern *p, const char *s, gsize len, gsize off,
                            chron_match *m)
{
    const code_copy *c = made_once(p, &((chron_pattern *)p)->jitted, make_jit);
    if (c->code)
        return run(c->code, c->jit, p->mctx, s, len, off, m);
    if (p->lazy) {
        m->rc = PCRE2_ERROR_NOMATCH;
        return FALSE;
    }
    return run(p->code, FALSE, p->mctx, s, len, off, m);
}

gboolean chron_pattern_check(const chron_pattern *p, GError **error)
{
    pcre2_code *code = compile(p->source, p->opts, error);
    pcre2_code_free(code);
    return code != NULL;
}

guint chron_pattern_behind(const chron_pattern *p)
{
    return p->behind;
}

/* Under PCRE2_UCP, \d, \w, \s and \b look up Unicode properties for every character, ASCII
 * or not; without it they are table tests. On ASCII text both mean the same (as for the
 * first-byte table), so anchored attempts over ASCII can use a copy compiled without it: most
 * news text is ASCII. It is made on first use (made_once()), so that a short run does not
 * compile copies it never uses. */
static void make_ascii(const chron_pattern *p, code_copy *c)
{
    if (!(p->opts & PCRE2_ANCHORED))
        return;
    /* A pattern written in ASCII can drop UTF mode too (one byte, one character: no decoding at
     * every step); it means the same on ASCII text. One with other characters cannot (a
     * quantifier after "年" would apply to its last byte). A character above 0xFF (\x{2019})
     * does not compile without UTF: then UTF stays. */
    int errcode;
    PCRE2_SIZE erroff;
    uint32_t opts = p->opts & ~PCRE2_UCP;
    gboolean ascii_source = TRUE;
    for (const char *ch = p->source; *ch && ascii_source; ch++)
        ascii_source = (guchar)*ch < 0x80;
    if (ascii_source)
        c->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
                                opts & ~(PCRE2_UTF | PCRE2_NO_UTF_CHECK), &errcode, &erroff, NULL);
    if (!c->code)
        c->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED, opts, &errcode,
                                &erroff, NULL);
    c->jit = c->code && pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
}

gboolean chron_pattern_exec_ascii(const chron_pattern *p, const char *s, gsize len, gsize off,
                                  chron_match *m)
{
    const code_copy *c = made_once(p, &((chron_pattern *)p)->ascii, make_ascii);
    if (!c->code)
        return chron_pattern_exec(p, s, len, off, m);
    return run(c->code, c->jit, p->mctx, s, len, off, m);
}

gboolean chron_match_group(const chron_match *m, int i, gsize *start, gsize *end)
{
    if (m->rc <= 0 || i < 0 || (uint32_t)i >= pcre2_get_ovector_count(m->data))
        return FALSE;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->data);
    if (ov[2 * i] == PCRE2_UNSET)
        return FALSE;
    *start = ov[2 * i];
    *end = ov[2 * i + 1];
    return TRUE;
}

gboolean chron_pattern_search(const chron_pattern *p, const char *s, gsize len)
{
    chron_match *m = chron_match_new(p);
    gboolean found = chron_pattern_exec(p, s, len, 0, m);
    chron_match_free(m);
    return found;
}

/* pattern.c - PCRE2 behind a small interface: compile once with JIT, match with limits. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>

#include "error.h"

/* Generous for any real sentence, small enough that a crafted input cannot stall a worker. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 5000

struct chron_pattern {
    pcre2_code *code;
    pcre2_match_context *mctx;
};

struct chron_match {
    pcre2_match_data *data;
    int rc; /* result of the last exec */
};

chron_pattern *chron_pattern_new(const char *re, guint flags, GError **error)
{
    int errcode;
    PCRE2_SIZE erroff;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (flags & CHRON_PATTERN_CASELESS)
        opts |= PCRE2_CASELESS;
    /* Anchoring at compile time keeps the JIT code usable (match-time PCRE2_ANCHORED is not). */
    if (flags & CHRON_PATTERN_ANCHORED)
        opts |= PCRE2_ANCHORED;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "regex error at offset %zu: %s",
                    (size_t)erroff, (const char *)msg);
        return NULL;
    }
    /* JIT is an optimisation: when unavailable, the interpreter gives the same answers. */
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    chron_pattern *p = g_new0(chron_pattern, 1);
    p->code = code;
    p->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
    return p;
}

void chron_pattern_free(chron_pattern *p)
{
    if (!p)
        return;
    pcre2_match_context_free(p->mctx);
    pcre2_code_free(p->code);
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

gboolean chron_pattern_exec(const chron_pattern *p, const char *s, gsize len, gsize off,
                            chron_match *m)
{
    if (off > len)
        return FALSE;
    m->rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, off, PCRE2_NO_UTF_CHECK, m->data, p->mctx);
    return m->rc > 0;
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

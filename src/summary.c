/* summary.c - headlines from sentences. */
#include "summary.h"

#include <string.h>

#include "text.h"

/* Words that introduce a date phrase and go with it. Longest first. */
static const char *const date_preps[] = {
    "as early as",
    "as late as",
    "at the end of",
    "at the beginning of",
    "since",
    "during",
    "until",
    "before",
    "after",
    "from",
    "in",
    "on",
    "at",
    "by",
    "of",
    "for",
    "as of",
};

/* Discourse openers dropped from the start of a summary (followed by a comma). */
static const char *const openers[] = {
    "earlier",        "later",         "however",
    "meanwhile",      "moreover",      "furthermore",
    "in addition",    "also",          "then",
    "first",          "second",        "third",
    "fourth",         "finally",       "still",
    "besides",        "in fact",       "at the same time",
    "at that time",   "similarly",     "for instance",
    "for example",    "in particular", "notably",
    "separately",     "previously",    "recently",
    "it can be said", "it is said",    "it is reported",
    "reportedly",     "it is known",
};

/* Clause openers after a comma where a headline can stop. */
static const char *const clause_cuts[] = {
    ", which ",  ", who ",       ", where ",        ", while ",  ", allowing ", ", saying ",
    ", as ",     ", but ",       ", amid ",         ", after ",  ", before ",   ", marking ",
    ", making ", ", including ", ", although ",     ", though ", ", whereas ",  "; ",
    " — ",       " -- ",         ", according to ", ", with ",
};

/* Attribution verbs: ", Chen said." at the end, or "experts say" after a comma. */
static const char *const say_verbs[] = {
    "said", "says",     "say",     "added",  "adds",  "noted",  "notes",  "stated",   "states",
    "told", "reported", "reports", "warned", "warns", "argued", "argues", "believes", "believe",
};

static gboolean word_at(const char *s, gsize len, gsize i, const char *w)
{
    gsize n = strlen(w);
    if (i + n > len || g_ascii_strncasecmp(s + i, w, n) != 0)
        return FALSE;
    return i + n == len || !g_ascii_isalnum(s[i + n]);
}

/* Removes [a, b) from str and tidies the seam: no doubled spaces or commas. */
static void cut_range(GString *str, gsize a, gsize b)
{
    g_string_erase(str, a, b - a);
    /* ", , " -> ", " and " ," -> "," */
    while (a > 0 && str->str[a - 1] == ' ' && a < str->len &&
           (str->str[a] == ' ' || str->str[a] == ',' || str->str[a] == '.'))
        g_string_erase(str, --a, 1);
    if (a > 0 && str->str[a - 1] == ',' && a < str->len &&
        (str->str[a] == ',' || str->str[a] == '.'))
        g_string_erase(str, a - 1, 1);
    else if (a > 0 && str->str[a - 1] == ';' && a < str->len && str->str[a] == ',')
        g_string_erase(str, a, 1);
    else if (a + 1 < str->len && str->str[a] == ',' && a > 0 && str->str[a - 1] == ',')
        g_string_erase(str, a, 1);
}

/* Extends the date phrase [*ms, *me) over its preposition and a comma around it. */
static void widen(const char *s, gsize len, gsize *ms, gsize *me)
{
    gsize a = *ms;
    while (a > 0 && s[a - 1] == ' ')
        a--;
    for (guint i = 0; i < G_N_ELEMENTS(date_preps); i++) {
        gsize n = strlen(date_preps[i]);
        if (a >= n && g_ascii_strncasecmp(s + a - n, date_preps[i], n) == 0 &&
            (a == n || !g_ascii_isalnum(s[a - n - 1]))) {
            *ms = a - n;
            break;
        }
    }
    /* A phrase closed by a comma at the start of a clause takes the comma with it. */
    gsize b = *me;
    gboolean starts_clause = *ms == 0 || (*ms >= 2 && s[*ms - 2] == ',');
    if (b < len && s[b] == ',' && starts_clause)
        *me = b + 1;
}

static void drop_openers(GString *str)
{
    gboolean again = TRUE;
    while (again) {
        again = FALSE;
        while (str->len && (str->str[0] == ' ' || str->str[0] == ','))
            g_string_erase(str, 0, 1);
        for (guint i = 0; i < G_N_ELEMENTS(openers); i++) {
            gsize n = strlen(openers[i]);
            if (!word_at(str->str, str->len, 0, openers[i]) || str->len <= n)
                continue;
            gboolean phrase = strchr(openers[i], ' ') != NULL;
            if (str->str[n] == ',' || phrase) {
                g_string_erase(str, 0, n + (str->str[n] == ',' || str->str[n] == ' '));
                while (str->len && str->str[0] == ' ')
                    g_string_erase(str, 0, 1);
                if (phrase && word_at(str->str, str->len, 0, "that"))
                    g_string_erase(str, 0, 4);
                again = TRUE;
                break;
            }
        }
    }
    /* A short setting phrase before the subject: "At a regular news conference, ...". */
    static const char *const settings[] = {"at ", "in ", "during ", "on ", "after ", "before "};
    for (guint i = 0; i < G_N_ELEMENTS(settings); i++) {
        if (g_ascii_strncasecmp(str->str, settings[i], strlen(settings[i])) != 0)
            continue;
        const char *comma = strchr(str->str, ',');
        if (!comma)
            break;
        gsize n = comma - str->str;
        int words = 1;
        for (gsize k = 0; k < n; k++)
            words += str->str[k] == ' ';
        if (words <= 7 && n + 2 < str->len) {
            g_string_erase(str, 0, n + 1);
            while (str->len && str->str[0] == ' ')
                g_string_erase(str, 0, 1);
        }
        break;
    }
}

/* ", Chen said." / ", he added" at the end; "Guo said" after the last comma. */
static void drop_attribution(GString *str)
{
    char *comma = g_strrstr(str->str, ",");
    if (!comma)
        return;
    gsize start = comma - str->str;
    const char *tail = comma + 1;
    int words = 0;
    gboolean has_say = FALSE;
    gchar **tok = g_strsplit_set(tail, " .\"”", -1);
    for (gchar **t = tok; *t; t++) {
        if (!**t)
            continue;
        words++;
        for (guint i = 0; i < G_N_ELEMENTS(say_verbs); i++)
            if (g_ascii_strcasecmp(*t, say_verbs[i]) == 0)
                has_say = TRUE;
    }
    g_strfreev(tok);
    if (has_say && words <= 5)
        g_string_truncate(str, start);
}

static gsize find_ci(const char *s, const char *needle)
{
    const char *p = strstr(s, needle);
    return p ? (gsize)(p - s) : G_MAXSIZE;
}

static void shorten(GString *str)
{
    /* Strong clause boundaries first. */
    gsize best = G_MAXSIZE;
    for (guint i = 0; i < G_N_ELEMENTS(clause_cuts); i++) {
        gsize at = find_ci(str->str, clause_cuts[i]);
        if (at != G_MAXSIZE && at >= 25 && at < best)
            best = at;
    }
    /* A participle clause: ", cutting tariffs ...", ", prompting ...". */
    for (const char *p = str->str; (p = strstr(p, ", ")); p++) {
        gsize at = p - str->str;
        const char *w = p + 2, *e = w;
        while (g_ascii_isalpha(*e))
            e++;
        if (at >= 25 && at < best && e - w > 4 && g_str_has_prefix(e - 3, "ing") && *e == ' ')
            best = at;
    }
    if (best != G_MAXSIZE)
        g_string_truncate(str, best);
    if (str->len <= CHRON_SUMMARY_MAX)
        return;
    /* Then the last weaker boundary that fits. */
    static const char *const weak[] = {", ", " and ", " to ", " that ", " with ", " in "};
    gsize cut = 0;
    for (guint i = 0; i < G_N_ELEMENTS(weak); i++) {
        const char *p = str->str;
        const char *hit;
        while ((hit = strstr(p, weak[i])) && (gsize)(hit - str->str) <= CHRON_SUMMARY_MAX) {
            gsize at = hit - str->str;
            if (at >= 40 && at > cut)
                cut = at;
            p = hit + 1;
        }
        if (cut)
            break;
    }
    if (cut) {
        g_string_truncate(str, cut);
        return;
    }
    /* Last resort: the last space before the limit, marked with an ellipsis. */
    gsize sp = CHRON_SUMMARY_MAX;
    while (sp > 0 && str->str[sp] != ' ')
        sp--;
    if (sp == 0) {
        const char *end = g_utf8_find_prev_char(str->str, str->str + CHRON_SUMMARY_MAX);
        sp = end ? (gsize)(end - str->str) : 0;
    }
    g_string_truncate(str, sp);
    g_string_append(str, "…");
}

/* Removes "(...)" asides, which rarely belong in a headline. */
static void drop_parentheses(GString *str)
{
    gsize i = 0;
    while (i < str->len) {
        if (str->str[i] != '(') {
            i++;
            continue;
        }
        const char *close = strchr(str->str + i, ')');
        if (!close)
            break;
        gsize a = i, b = close - str->str + 1;
        while (a > 0 && str->str[a - 1] == ' ')
            a--;
        g_string_erase(str, a, b - a);
        i = a;
    }
}

/* The date in ", which|who ... DATE ...," : returns the antecedent joined to the clause. */
static GString *relative_clause(const char *s, gsize len, gsize ms, gsize me)
{
    static const char *const rel[] = {", which ", ", who "};
    for (guint i = 0; i < G_N_ELEMENTS(rel); i++) {
        const char *hit = NULL, *p = s;
        const char *found;
        while ((found = g_strstr_len(p, ms - (p - s), rel[i])))
            hit = found, p = found + 1;
        if (!hit)
            continue;
        const char *clause = hit + strlen(rel[i]);
        /* The clause must close with a comma after the date, and hold no other comma before. */
        if (memchr(clause, ',', ms - (clause - s)))
            continue;
        const char *close = memchr(s + me, ',', len - me);
        if (!close)
            continue;
        GString *out = g_string_new_len(s, hit - s);
        g_string_append_c(out, ' ');
        gsize off = out->len;
        g_string_append_len(out, clause, close - clause);
        /* the date phrase now starts at off + (ms - (clause - s)) */
        gsize dms = off + (ms - (clause - s)), dme = off + (me - (clause - s));
        gsize wms = dms, wme = dme;
        widen(out->str, out->len, &wms, &wme);
        cut_range(out, wms, wme);
        return out;
    }
    return NULL;
}

/* "After|Following the revision of the guidelines in 2015, Japan ..." -> the noun phrase. */
static GString *leading_phrase(const char *s, gsize len, gsize ms, gsize me)
{
    static const char *const leads[] = {"after ", "following ", "before ", "with ", "since "};
    for (guint i = 0; i < G_N_ELEMENTS(leads); i++) {
        gsize n = strlen(leads[i]);
        if (g_ascii_strncasecmp(s, leads[i], n) != 0 || ms <= n)
            continue;
        if (memchr(s, ',', ms) || me >= len || s[me] != ',')
            return NULL;
        gsize a = ms, b = me;
        widen(s, len, &a, &b);
        if (a <= n + 3)
            return NULL; /* "Since 2018, ..." : nothing but the date */
        return g_string_new_len(s + n, a - n);
    }
    return NULL;
}

char *chron_summary_make(const char *sent, gsize len, gsize ms, gsize me)
{
    if (me > len)
        me = len;
    if (ms > me)
        ms = me;
    GString *str = relative_clause(sent, len, ms, me);
    if (!str)
        str = leading_phrase(sent, len, ms, me);
    if (!str) {
        widen(sent, len, &ms, &me);
        str = g_string_new_len(sent, len);
        cut_range(str, ms, me);
    }
    drop_parentheses(str);
    drop_openers(str);
    /* Trailing full stop and quotes. */
    while (str->len && strchr(" .\"", str->str[str->len - 1]))
        g_string_truncate(str, str->len - 1);
    drop_attribution(str);
    shorten(str);
    while (str->len && strchr(" ,;:", str->str[str->len - 1]))
        g_string_truncate(str, str->len - 1);
    char *squeezed = chron_text_squeeze(str->str, str->len);
    g_string_free(str, TRUE);
    /* Upper-case the first letter after removing an opener. */
    if (*squeezed && g_unichar_islower(g_utf8_get_char(squeezed)) && g_ascii_islower(squeezed[0]))
        squeezed[0] = g_ascii_toupper(squeezed[0]);
    return squeezed;
}

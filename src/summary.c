/* summary.c - timeline entries from sentences. The words that play each part (date
 * prepositions, openers, reporting verbs, clause openers) come from src/rules/LANG/summary.ini;
 * this file knows only punctuation. The steps, in order, are described in summary.h. */
#include "summary.h"

#include <string.h>

#include "error.h"
#include "rules.h"
#include "text.h"

#define MIN_HEAD 12  /* characters a clause cut leaves at least */
#define MIN_CUT 40   /* characters a length cut leaves at least */
#define PREFERRED 20 /* how much later a weaker length cut must be to beat ", " or "and" */

struct chron_summarizer {
    /* Word lists: lower case, NULL-terminated, longest first (weak_cuts: in file order). */
    char **date_preps;     /* "on", "as early as": go with the date phrase */
    char **openers;        /* "however": dropped before a comma */
    char **opener_phrases; /* "it can be said": dropped, with a "that" after them */
    char **concessive;     /* "despite": a lead-in dropped up to its comma */
    char **settings;       /* "at": a short setting phrase dropped up to its comma */
    char **say_verbs;      /* "said": attribution */
    char **speech_verbs;   /* "said": takes a bare clause */
    char **sources;        /* "according to" */
    char **titles;         /* "spokesman": precedes a name */
    char **comma_clauses;  /* ", which" */
    char **bare_clauses;   /* " while" */
    char **participle_exceptions;
    char **relatives; /* ", which DATE," */
    char **leads;     /* "After X DATE," */
    char **weak_cuts;
    char **subject_preps;
    char **verbs;
    char **verb_exceptions;
    char **dangling;
    char *participle_suffix; /* "ing", or "" */
    char *verb_suffix;       /* "ed", or "" */
    int setting_words;
    int subject_words;
};

/* ---- loading ------------------------------------------------------------------------- */

static gint longest_first(gconstpointer a, gconstpointer b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    gsize lx = strlen(x), ly = strlen(y);
    if (lx != ly)
        return lx < ly ? 1 : -1;
    return strcmp(x, y);
}

static char **load_list(GKeyFile *kf, const char *key, gboolean sort)
{
    GPtrArray *out = g_ptr_array_new();
    gchar **list = kf ? g_key_file_get_string_list(kf, "summary", key, NULL, NULL) : NULL;
    for (gchar **w = list; w && *w; w++) {
        char *k = g_ascii_strdown(g_strstrip(*w), -1);
        if (*k)
            g_ptr_array_add(out, k);
        else
            g_free(k);
    }
    g_strfreev(list);
    if (sort)
        g_ptr_array_sort(out, longest_first);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

static char *load_word(GKeyFile *kf, const char *key)
{
    char *v = kf ? g_key_file_get_string(kf, "summary", key, NULL) : NULL;
    if (!v)
        return g_strdup("");
    char *w = g_ascii_strdown(g_strstrip(v), -1);
    g_free(v);
    return w;
}

static int load_int(GKeyFile *kf, const char *key, int fallback)
{
    GError *err = NULL;
    int v = kf ? g_key_file_get_integer(kf, "summary", key, &err) : fallback;
    if (err) {
        g_error_free(err);
        return fallback;
    }
    return v;
}

chron_summarizer *chron_summarizer_new(const char *lang, GError **error)
{
    char *path = g_strconcat(lang ? lang : "en", "/summary.ini", NULL);
    gsize len = 0;
    char *data = chron_resource_read(path, &len);
    GKeyFile *kf = NULL;
    if (data) {
        kf = g_key_file_new();
        g_key_file_set_list_separator(kf, ';');
        GError *err = NULL;
        if (!g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE, &err)) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: %s", path, err->message);
            g_error_free(err);
            g_key_file_free(kf);
            g_free(data);
            g_free(path);
            return NULL;
        }
    }
    g_free(data);
    g_free(path);

    chron_summarizer *sz = g_new0(chron_summarizer, 1);
    sz->date_preps = load_list(kf, "date_prepositions", TRUE);
    sz->openers = load_list(kf, "openers", TRUE);
    sz->opener_phrases = load_list(kf, "opener_phrases", TRUE);
    sz->concessive = load_list(kf, "concessive", TRUE);
    sz->settings = load_list(kf, "settings", TRUE);
    sz->say_verbs = load_list(kf, "attribution_verbs", TRUE);
    sz->speech_verbs = load_list(kf, "speech_verbs", TRUE);
    sz->sources = load_list(kf, "source_phrases", TRUE);
    sz->titles = load_list(kf, "titles", TRUE);
    sz->comma_clauses = load_list(kf, "comma_clauses", TRUE);
    sz->bare_clauses = load_list(kf, "bare_clauses", TRUE);
    sz->participle_exceptions = load_list(kf, "participle_exceptions", TRUE);
    sz->relatives = load_list(kf, "relatives", TRUE);
    sz->leads = load_list(kf, "leads", TRUE);
    sz->weak_cuts = load_list(kf, "weak_cuts", FALSE);
    sz->subject_preps = load_list(kf, "subject_preps", TRUE);
    sz->verbs = load_list(kf, "verbs", TRUE);
    sz->verb_exceptions = load_list(kf, "verb_exceptions", TRUE);
    sz->dangling = load_list(kf, "dangling", TRUE);
    sz->participle_suffix = load_word(kf, "participle_suffix");
    sz->verb_suffix = load_word(kf, "verb_suffix");
    sz->setting_words = load_int(kf, "setting_words", 7);
    sz->subject_words = load_int(kf, "subject_words", 8);
    if (kf)
        g_key_file_free(kf);
    return sz;
}

void chron_summarizer_free(chron_summarizer *sz)
{
    if (!sz)
        return;
    char **lists[] = {
        sz->date_preps, sz->openers,         sz->opener_phrases, sz->concessive,
        sz->settings,   sz->say_verbs,       sz->speech_verbs,   sz->sources,
        sz->titles,     sz->comma_clauses,   sz->bare_clauses,   sz->participle_exceptions,
        sz->relatives,  sz->leads,           sz->weak_cuts,      sz->subject_preps,
        sz->verbs,      sz->verb_exceptions, sz->dangling};
    for (guint i = 0; i < G_N_ELEMENTS(lists); i++)
        g_strfreev(lists[i]);
    g_free(sz->participle_suffix);
    g_free(sz->verb_suffix);
    g_free(sz);
}

/* ---- words --------------------------------------------------------------------------- */

/* Is the character at s[i] (of s[0..len)) a letter or digit? */
static gboolean alnum_at(const char *s, gsize len, gsize i)
{
    if (i >= len)
        return FALSE;
    guchar c = s[i];
    if (c < 0x80)
        return g_ascii_isalnum(c);
    gunichar u = g_utf8_get_char_validated(s + i, len - i);
    return u < (gunichar)-2 && g_unichar_isalnum(u);
}

/* Is the character ending at s[i) a letter or digit? */
static gboolean alnum_before(const char *s, gsize i)
{
    if (i == 0)
        return FALSE;
    const char *p = g_utf8_find_prev_char(s, s + i);
    return p && alnum_at(s, i, p - s);
}

/* Does word (or phrase) w stand at s[i] as whole words? */
static gboolean word_at(const char *s, gsize len, gsize i, const char *w)
{
    gsize n = strlen(w);
    if (!n || i + n > len || g_ascii_strncasecmp(s + i, w, n) != 0)
        return FALSE;
    return !alnum_at(s, len, i + n) && !alnum_before(s, i);
}

/* Byte length of the first (longest) entry of list standing at s[i], or 0. */
static gsize list_at(char **list, const char *s, gsize len, gsize i)
{
    for (char **w = list; w && *w; w++)
        if (word_at(s, len, i, *w))
            return strlen(*w);
    return 0;
}

/* Is s[0..n) an entry of list? */
static gboolean in_list(char **list, const char *s, gsize n)
{
    for (char **w = list; w && *w; w++)
        if (strlen(*w) == n && g_ascii_strncasecmp(s, *w, n) == 0)
            return TRUE;
    return FALSE;
}

/* End of the word starting at s[i]: letters, digits, and apostrophes or hyphens inside. */
static gsize word_end(const char *s, gsize len, gsize i)
{
    while (i < len) {
        if (alnum_at(s, len, i))
            i = g_utf8_next_char(s + i) - s;
        else if ((s[i] == '\'' || s[i] == '-') && alnum_at(s, len, i + 1))
            i++;
        else if (g_str_has_prefix(s + i, "’") && alnum_at(s, len, i + 3))
            i += 3;
        else
            break;
    }
    return i;
}

static int count_words(const char *s, gsize len)
{
    int n = 0;
    for (gsize i = 0; i < len; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
            n++;
    return n;
}

static glong chars(const char *s, gsize n)
{
    return g_utf8_strlen(s, n);
}

/* ---- the working string -------------------------------------------------------------- */

typedef struct {
    const chron_summarizer *sz;
    GString *s;
    gsize seam; /* where the date phrase was, or G_MAXSIZE */
    gsize verb; /* the reporting verb of a kept statement, or G_MAXSIZE */
} work;

static void track(gsize *pos, gsize a, gsize n)
{
    if (*pos != G_MAXSIZE && *pos > a)
        *pos = *pos - a > n ? *pos - n : a;
}

static void erase(work *w, gsize a, gsize n)
{
    if (a >= w->s->len)
        return;
    if (n > w->s->len - a)
        n = w->s->len - a;
    g_string_erase(w->s, a, n);
    track(&w->seam, a, n);
    track(&w->verb, a, n);
}

/* Tidies the seam at a after a removal: no doubled spaces, no ", ," or " ,". */
static void tidy(work *w, gsize a)
{
    GString *s = w->s;
    while (a > 0 && s->str[a - 1] == ' ' && (a == s->len || strchr(" ,.;:!?)", s->str[a])))
        erase(w, --a, 1);
    while (a < s->len && s->str[a] == ' ' && (a == 0 || s->str[a - 1] == ' '))
        erase(w, a, 1);
    if (a > 0 && a < s->len && s->str[a - 1] == ',' && (s->str[a] == ',' || s->str[a] == '.'))
        erase(w, a - 1, 1);
    else if (a > 0 && a < s->len && s->str[a - 1] == ';' && s->str[a] == ',')
        erase(w, a, 1);
    else if (a + 1 < s->len && a > 0 && s->str[a] == ' ' && s->str[a - 1] == ',' &&
             s->str[a + 1] == ',')
        erase(w, a, 2);
}

/* A copy of sent with white space runs squeezed to one space; ms and me follow. */
static GString *normalise(const char *sent, gsize len, gsize *ms, gsize *me)
{
    GString *out = g_string_sized_new(len);
    gsize nms = 0, nme = 0;
    gboolean space = FALSE;
    for (gsize i = 0; i <= len; i++) {
        if (i == *ms)
            nms = out->len + (space && out->len ? 1 : 0);
        if (i == *me)
            nme = out->len;
        if (i == len)
            break;
        guchar c = sent[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = TRUE;
            continue;
        }
        if (space && out->len)
            g_string_append_c(out, ' ');
        space = FALSE;
        g_string_append_c(out, c);
    }
    *ms = MIN(nms, out->len);
    *me = MAX(*ms, MIN(nme, out->len));
    return out;
}

/* ---- the date phrase ----------------------------------------------------------------- */

/* Extends the date phrase [*ms, *me) over its preposition and a comma that closes it. */
static void widen(const chron_summarizer *sz, const char *s, gsize len, gsize *ms, gsize *me)
{
    gsize a = *ms;
    while (a > 0 && s[a - 1] == ' ')
        a--;
    for (char **p = sz->date_preps; *p; p++) {
        gsize n = strlen(*p);
        if (a >= n && word_at(s, len, a - n, *p)) {
            *ms = a - n;
            break;
        }
    }
    /* A phrase closed by a comma at the start of a clause takes the comma with it. */
    gboolean starts_clause = *ms == 0 || (*ms >= 2 && s[*ms - 2] == ',');
    if (*me < len && s[*me] == ',' && starts_clause)
        *me += 1;
}

/* The date in ", which|who ... DATE ...,": the antecedent joined to its clause. */
static GString *relative_clause(const chron_summarizer *sz, const char *s, gsize len, gsize ms,
                                gsize me)
{
    for (char **r = sz->relatives; *r; r++) {
        const char *hit = NULL;
        for (gsize i = 0; i + 2 < ms; i++)
            if (s[i] == ',' && s[i + 1] == ' ' && word_at(s, len, i + 2, *r))
                hit = s + i;
        if (!hit)
            continue;
        const char *clause = hit + 2 + strlen(*r) + 1;
        if (clause > s + ms)
            continue;
        /* The clause closes with a comma after the date and holds no other before it. */
        if (memchr(clause, ',', ms - (clause - s)))
            continue;
        const char *close = memchr(s + me, ',', len - me);
        if (!close)
            continue;
        GString *out = g_string_new_len(s, hit - s);
        g_string_append_c(out, ' ');
        gsize off = out->len;
        g_string_append_len(out, clause, close - clause);
        gsize dms = off + (ms - (clause - s)), dme = off + (me - (clause - s));
        widen(sz, out->str, out->len, &dms, &dme);
        work w = {sz, out, G_MAXSIZE, G_MAXSIZE};
        erase(&w, dms, dme - dms);
        tidy(&w, dms);
        return out;
    }
    return NULL;
}

/* "After the revision of the guidelines in 2015, Japan ..." -> the noun phrase. */
static GString *leading_phrase(const chron_summarizer *sz, const char *s, gsize len, gsize ms,
                               gsize me)
{
    for (char **l = sz->leads; *l; l++) {
        gsize n = strlen(*l) + 1;
        if (!word_at(s, len, 0, *l) || ms <= n)
            continue;
        if (memchr(s, ',', ms) || me >= len || s[me] != ',')
            return NULL;
        gsize a = ms, b = me;
        widen(sz, s, len, &a, &b);
        if (a <= n + 3)
            return NULL; /* "Since 2018, ...": nothing but the date */
        return g_string_new_len(s + n, a - n);
    }
    return NULL;
}

/* ---- asides, openers, attribution ---------------------------------------------------- */

/* Removes "X -- aside -- Y" dash pairs. */
static void drop_dash_pairs(work *w)
{
    static const char *const dashes[] = {" -- ", " — ", " – "};
    for (guint k = 0; k < G_N_ELEMENTS(dashes); k++) {
        const char *a = strstr(w->s->str, dashes[k]);
        const char *b = a ? strstr(a + strlen(dashes[k]), dashes[k]) : NULL;
        if (!b)
            continue;
        gsize at = a - w->s->str;
        erase(w, at, b + strlen(dashes[k]) - 1 - a);
        tidy(w, at);
    }
}

/* Removes balanced "(...)" asides, which rarely belong in a timeline entry. */
static void drop_parentheses(work *w)
{
    gsize i = 0;
    while (i < w->s->len) {
        if (w->s->str[i] != '(') {
            i++;
            continue;
        }
        const char *close = strchr(w->s->str + i, ')');
        const char *inner = memchr(w->s->str + i + 1, '(', close ? close - (w->s->str + i + 1) : 0);
        if (!close)
            break;
        if (inner) { /* nested: the inner pair first */
            i = inner - w->s->str;
            continue;
        }
        gsize a = i, b = close - w->s->str + 1;
        while (a > 0 && w->s->str[a - 1] == ' ')
            a--;
        erase(w, a, b - a);
        tidy(w, a);
        i = a;
    }
}

/* Position of the first comma at or after from, or G_MAXSIZE. */
static gsize comma_after(const GString *s, gsize from)
{
    const char *c = from < s->len ? strchr(s->str + from, ',') : NULL;
    return c ? (gsize)(c - s->str) : G_MAXSIZE;
}

/* Is the word ending at s[e) a participle ("allowing"), given the language's suffix? */
static gboolean participle(const chron_summarizer *sz, const char *s, gsize a, gsize e,
                           gboolean capital)
{
    gsize n = strlen(sz->participle_suffix);
    if (!n || e - a < n + 3 || (!capital && !g_ascii_islower(s[a])))
        return FALSE;
    if (g_ascii_strncasecmp(s + e - n, sz->participle_suffix, n) != 0)
        return FALSE;
    return !in_list(sz->participle_exceptions, s + a, e - a);
}

/* Is the word at s[a..e) a verb, by the list or the suffix? */
static gboolean verb_like(const chron_summarizer *sz, const char *s, gsize a, gsize e)
{
    if (in_list(sz->verbs, s + a, e - a))
        return TRUE;
    gsize n = strlen(sz->verb_suffix);
    return n && e - a > n + 2 && g_ascii_islower(s[a]) &&
           g_ascii_strncasecmp(s + e - n, sz->verb_suffix, n) == 0 &&
           !in_list(sz->verb_exceptions, s + a, e - a);
}

/* Is the first word s[a..e) a past participle by the suffix ("Nicknamed")? */
static gboolean past_participle(const chron_summarizer *sz, const char *s, gsize a, gsize e)
{
    gsize n = strlen(sz->verb_suffix);
    return n && e - a > n + 2 && g_ascii_strncasecmp(s + e - n, sz->verb_suffix, n) == 0 &&
           !in_list(sz->verb_exceptions, s + a, e - a);
}

/* Does s[a..e) hold a verb? */
static gboolean has_verb(const chron_summarizer *sz, const char *s, gsize a, gsize e)
{
    for (gsize i = a; i < e; i++)
        if ((i == a || s[i - 1] == ' ') && s[i] != ' ' && verb_like(sz, s, i, word_end(s, e, i)))
            return TRUE;
    return FALSE;
}

/* Drops one opener, lead-in or setting phrase from the start; TRUE when one went. */
static gboolean drop_lead(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    gsize k = 0;
    for (;;) {
        if (k < s->len && (s->str[k] == ' ' || s->str[k] == ',' || s->str[k] == ';'))
            k++;
        else if (g_str_has_prefix(s->str + k, "，") || g_str_has_prefix(s->str + k, "、"))
            k += strlen("，");
        else
            break;
    }
    if (k)
        erase(w, 0, k);
    gsize n;
    if ((n = list_at(sz->openers, s->str, s->len, 0)) && n < s->len && s->str[n] == ',') {
        erase(w, 0, n + 1);
        return TRUE;
    }
    if ((n = list_at(sz->opener_phrases, s->str, s->len, 0))) {
        while (n < s->len && (s->str[n] == ' ' || s->str[n] == ','))
            n++;
        gsize pn = list_at(sz->opener_phrases, s->str, s->len, 0);
        if (memchr(s->str, ' ', pn) && word_at(s->str, s->len, n, "that"))
            n += 4; /* "It can be said that", not "But that standoff" */
        erase(w, 0, n);
        return TRUE;
    }
    gsize first = word_end(s->str, s->len, 0);
    gboolean lead_in = list_at(sz->sources, s->str, s->len, 0) > 0 ||
                       list_at(sz->concessive, s->str, s->len, 0) > 0 ||
                       participle(sz, s->str, 0, first, TRUE) || /* "Taking X as an example," */
                       past_participle(sz, s->str, 0, first);    /* "Nicknamed X," */
    n = list_at(sz->settings, s->str, s->len, 0);
    if (lead_in || n) {
        gsize c = comma_after(s, 0);
        if (c == G_MAXSIZE || (!lead_in && count_words(s->str, c) > sz->setting_words))
            return FALSE;
        if (!n &&
            (participle(sz, s->str, 0, first, TRUE) || past_participle(sz, s->str, 0, first)) &&
            (count_words(s->str, c) < 2 || count_words(s->str, c) > 12 ||
             has_verb(sz, s->str, first, c)))
            return FALSE; /* "Housing prices fell, experts say": a subject, no lead-in */
        if (count_words(s->str + c + 1, s->len - c - 1) < 2)
            return FALSE;
        erase(w, 0, c + 1);
        return TRUE;
    }
    return FALSE;
}

/* "..., however" at the end goes; TRUE when it did. */
static gboolean drop_trailing_opener(work *w)
{
    GString *s = w->s;
    const char *last = g_strrstr(s->str, ",");
    if (!last)
        return FALSE;
    gsize c = last - s->str, a = c + 1;
    while (a < s->len && s->str[a] == ' ')
        a++;
    gsize n = list_at(w->sz->openers, s->str, s->len, a);
    if (!n || a + n != s->len)
        return FALSE;
    g_string_truncate(s, c);
    return TRUE;
}

/* ", experts say," inside and ", Chen said" or ", according to ..." at the end. */
static void drop_attribution(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    /* Inserted: between two commas, at most five words ending in a reporting verb. */
    for (gsize c = comma_after(s, 0); c != G_MAXSIZE;) {
        gsize d = comma_after(s, c + 1);
        if (d == G_MAXSIZE)
            break;
        gsize a = c + 1;
        while (a < d && s->str[a] == ' ')
            a++;
        gsize e = d;
        while (e > a && s->str[e - 1] == ' ')
            e--;
        int words = count_words(s->str + a, e - a);
        gsize lw = e;
        while (lw > a && s->str[lw - 1] != ' ')
            lw--;
        gboolean say = words >= 2 && words <= 5 && in_list(sz->say_verbs, s->str + lw, e - lw);
        gboolean source = words >= 2 && words <= 6 && list_at(sz->sources, s->str, s->len, a);
        if (say || source) {
            erase(w, c, d + 1 - c);
            if (c < s->len && s->str[c] != ' ')
                g_string_insert_c(s, c, ' ');
            tidy(w, c);
            continue;
        }
        c = d;
    }
    /* At the end: ", Chen said", ", said the ministry", ", according to Kyodo News". */
    const char *last = g_strrstr(s->str, ",");
    if (!last)
        return;
    gsize c = last - s->str, a = c + 1;
    while (a < s->len &&
           (s->str[a] == ' ' || g_str_has_prefix(s->str + a, "”") || s->str[a] == '"'))
        a += s->str[a] == ' ' || s->str[a] == '"' ? 1 : strlen("”");
    int words = count_words(s->str + a, s->len - a);
    if (drop_trailing_opener(w))
        return;
    gboolean clause =
        list_at(sz->comma_clauses, s->str, s->len, a) && !list_at(sz->sources, s->str, s->len, a);
    /* The reporting verb comes first (", said the ministry") or last (", Chen said"). */
    gsize lw = s->len;
    while (lw > a && s->str[lw - 1] != ' ')
        lw--;
    gboolean say = words <= 5 && (list_at(sz->say_verbs, s->str, s->len, a) ||
                                  in_list(sz->say_verbs, s->str + lw, s->len - lw));
    if (clause || !(say || list_at(sz->sources, s->str, s->len, a)))
        return;
    /* '"We will act," Chen said' keeps its closing quote: '"We will act"'. */
    gsize q = s->str[c + 1] == '"' ? 1 : g_str_has_prefix(s->str + c + 1, "”") ? strlen("”") : 0;
    g_string_truncate(s, c + 1 + q);
    g_string_erase(s, c, 1);
}

/* "Guo said (that) China ...": see summary.h for which part stays. */
static void statement(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    int words = 0;
    for (gsize i = 0; i < s->len && s->str[i] != ',' && words <= 10; i++) {
        if (s->str[i] == ' ' || i == 0)
            words++;
        if (i == 0 || s->str[i - 1] != ' ')
            continue;
        gsize n = list_at(sz->say_verbs, s->str, s->len, i);
        if (!n)
            continue;
        gsize v = i, c = i + n;
        /* "that" within a few words, or a verb that takes a bare clause. */
        gsize k = c;
        int skip = 0;
        gboolean that = FALSE;
        while (k < s->len && skip <= 5 && s->str[k] != ',') {
            while (k < s->len && s->str[k] == ' ')
                k++;
            if (word_at(s->str, s->len, k, "that")) {
                that = TRUE;
                k += 4;
                break;
            }
            k = word_end(s->str, s->len, k);
            if (k < s->len && s->str[k] != ' ')
                break;
            skip++;
        }
        gsize comp;
        if (that)
            comp = k;
        else if (list_at(sz->speech_verbs, s->str, s->len, v))
            comp = c;
        else
            return;
        while (comp < s->len && s->str[comp] == ' ')
            comp++;
        if (comp < s->len && !alnum_at(s->str, s->len, comp))
            return; /* 'said: "We ..."' quotes the words themselves */
        if (count_words(s->str + comp, s->len - comp) < 2)
            return;
        if (w->seam != G_MAXSIZE && w->seam >= comp) {
            /* The date dates what was reported: the attribution goes. */
            erase(w, 0, comp);
            w->verb = G_MAXSIZE;
        } else {
            erase(w, c, comp - c);
            g_string_insert_c(s, c, ' ');
            w->verb = v;
        }
        return;
    }
}

/* A statement too long to fit keeps the speaker's name, not the titles before it. */
static void shorten_speaker(work *w)
{
    GString *s = w->s;
    if (w->verb == G_MAXSIZE || chars(s->str, s->len) <= CHRON_SUMMARY_MAX)
        return;
    gsize name = G_MAXSIZE;
    for (gsize i = 0; i < w->verb; i++) {
        if (i > 0 && s->str[i - 1] != ' ')
            continue;
        gsize n = list_at(w->sz->titles, s->str, w->verb, i);
        if (n && i + n + 1 < w->verb)
            name = i + n + 1;
    }
    if (name == G_MAXSIZE)
        return;
    /* What follows the title must be a name: capitalised words. */
    for (gsize i = name; i < w->verb; i++)
        if ((i == name || s->str[i - 1] == ' ') && s->str[i] != ' ' &&
            !g_unichar_isupper(g_utf8_get_char(s->str + i)))
            return;
    erase(w, 0, name);
}

/* "Maria Lopez, who was elected in 2017, resigned" -> "Maria Lopez resigned": a relative
 * clause or a participial phrase (", wearing T-shirts,") between commas goes when a verb
 * follows it (else the comma may close a list). */
static void drop_relative_aside(work *w)
{
    GString *s = w->s;
    for (gsize c = comma_after(s, 0); c != G_MAXSIZE; c = comma_after(s, c + 1)) {
        if (c + 2 >= s->len || s->str[c + 1] != ' ')
            continue;
        gsize pe = word_end(s->str, s->len, c + 2);
        if (!list_at(w->sz->relatives, s->str, s->len, c + 2) &&
            !participle(w->sz, s->str, c + 2, pe, FALSE))
            continue;
        /* The first later comma with a verb after it closes the clause. */
        gsize d = c;
        for (;;) {
            d = comma_after(s, d + 1);
            if (d == G_MAXSIZE || d + 2 >= s->len)
                return;
            if (s->str[d + 1] != ' ')
                continue;
            gsize e = word_end(s->str, s->len, d + 2);
            if (verb_like(w->sz, s->str, d + 2, e))
                break;
        }
        erase(w, c, d + 1 - c);
        tidy(w, c);
        return;
    }
}

/* ---- cutting ------------------------------------------------------------------------- */

/* Cuts at the first clause boundary that leaves at least MIN_HEAD characters. */
static gboolean clause_cut(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    static const char *const punct[] = {"; ", " — ", " – ", " -- ", "；", " ("};
    for (gsize i = 1; i < s->len; i++) {
        gboolean cut = FALSE;
        if (s->str[i] == ',' && i + 2 < s->len && s->str[i + 1] == ' ') {
            gsize a = i + 2, e = word_end(s->str, s->len, a);
            cut = list_at(sz->comma_clauses, s->str, s->len, a) ||
                  (e < s->len && s->str[e] == ' ' && participle(sz, s->str, a, e, FALSE));
        } else if (s->str[i] == ' ') {
            cut = list_at(sz->bare_clauses, s->str, s->len, i + 1) > 0;
        }
        for (guint k = 0; !cut && k < G_N_ELEMENTS(punct); k++)
            cut = g_str_has_prefix(s->str + i, punct[k]);
        if (cut && chars(s->str, i) >= MIN_HEAD && (w->verb == G_MAXSIZE || i > w->verb)) {
            g_string_truncate(s, i);
            return TRUE;
        }
    }
    return FALSE;
}

/* Does the text before s[i) end with a word a summary must not end with? */
static gboolean dangles(const chron_summarizer *sz, const char *s, gsize i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ','))
        i--;
    gsize a = i;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    return in_list(sz->dangling, s + a, i - a);
}

/* "The agreement between the two allies came into force" -> "The agreement came into force". */
static gboolean drop_subject_phrase(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    int words = 0;
    for (gsize i = 0; i < s->len && words < sz->subject_words; i++) {
        if (i > 0 && s->str[i - 1] != ' ')
            continue;
        words++;
        if (verb_like(sz, s->str, i, word_end(s->str, s->len, i)))
            return FALSE; /* the subject has ended */
        if (i == 0 || !list_at(sz->subject_preps, s->str, s->len, i))
            continue;
        /* The first verb after the phrase closes it. */
        for (gsize j = i + 1; j < s->len && s->str[j] != ','; j++) {
            if (s->str[j - 1] != ' ')
                continue;
            gsize e = word_end(s->str, s->len, j);
            if (!verb_like(sz, s->str, j, e))
                continue;
            if (count_words(s->str + i, j - i) < 3 ||
                chars(s->str, s->len) - chars(s->str + i, j - i) > CHRON_SUMMARY_MAX)
                return FALSE;
            erase(w, i, j - i);
            return TRUE;
        }
        return FALSE;
    }
    return FALSE;
}

/* "Biden's visit to Japan in May 2022 and ... will pave the way for ...": when the date sat
 * inside the subject (no verb before it), the dated event is the noun phrase before it. */
static gboolean date_in_subject(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    if (w->seam == G_MAXSIZE || w->seam > s->len || w->verb != G_MAXSIZE)
        return FALSE;
    gsize end = w->seam;
    while (end > 0 && (s->str[end - 1] == ' ' || s->str[end - 1] == ','))
        end--;
    if (count_words(s->str, end) < 3 || chars(s->str, end) > CHRON_SUMMARY_MAX ||
        memchr(s->str, ',', end) || dangles(sz, s->str, end))
        return FALSE;
    for (gsize i = 0; i < end; i++)
        if ((i == 0 || s->str[i - 1] == ' ') &&
            verb_like(sz, s->str, i, word_end(s->str, s->len, i)))
            return FALSE;
    g_string_truncate(s, end);
    return TRUE;
}

/* Cuts to CHRON_SUMMARY_MAX characters; TRUE when the result needs an ellipsis. */
static gboolean length_cut(work *w)
{
    const chron_summarizer *sz = w->sz;
    GString *s = w->s;
    if (chars(s->str, s->len) <= CHRON_SUMMARY_MAX)
        return FALSE;
    if (drop_subject_phrase(w) || date_in_subject(w))
        return FALSE;
    gsize best = 0;
    glong best_score = -1;
    glong at = 0; /* characters before s[i] */
    for (gsize i = 0; i < s->len && at <= CHRON_SUMMARY_MAX;
         i = g_utf8_next_char(s->str + i) - s->str, at++) {
        glong score = -1;
        if (s->str[i] == ',' || g_str_has_prefix(s->str + i, "，")) {
            score = at + PREFERRED;
        } else if (s->str[i] == ' ') {
            int rank = 0;
            for (char **c = sz->weak_cuts; *c; c++, rank++)
                if (word_at(s->str, s->len, i + 1, *c)) {
                    score = at + (rank < 2 ? PREFERRED : 0);
                    break;
                }
        }
        if (score > best_score && at >= MIN_CUT && !dangles(sz, s->str, i)) {
            best = i;
            best_score = score;
        }
    }
    if (best_score >= 0) {
        g_string_truncate(s, best);
        return FALSE;
    }
    /* No boundary fits: the last space before the limit, or the limit itself. */
    gchar *limit = g_utf8_offset_to_pointer(s->str, CHRON_SUMMARY_MAX - 1);
    gsize sp = limit - s->str;
    while (sp > 0 && (s->str[sp] != ' ' || dangles(sz, s->str, sp)))
        sp--;
    g_string_truncate(s, sp > 0 ? sp : (gsize)(limit - s->str));
    return TRUE;
}

/* ---- finishing ----------------------------------------------------------------------- */

static gboolean closer(gunichar c)
{
    return c == '"' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x300D ||
           c == 0x300F || c == 0xFF09;
}

/* Removes trailing punctuation, keeping a closing quote or parenthesis. */
static void strip_tail(GString *s)
{
    for (;;) {
        if (!s->len)
            return;
        const char *p = g_utf8_find_prev_char(s->str, s->str + s->len);
        if (!p)
            p = s->str;
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || (g_unichar_ispunct(c) && !closer(c) && c != '%' && c != '\'')) {
            g_string_truncate(s, p - s->str);
            continue;
        }
        if (closer(c) && p > s->str) { /* 'called it "a mistake."' */
            const char *q = g_utf8_find_prev_char(s->str, p);
            gunichar d = q ? g_utf8_get_char(q) : 0;
            if (d == '.' || d == ',' || d == ';' || d == ':' || d == '!' || d == '?') {
                g_string_erase(s, q - s->str, p - q);
                continue;
            }
        }
        return;
    }
}

/* Drops unbalanced quotes and parentheses: a closer without opener, an opener never closed. */
static void balance(GString *s)
{
    static const gunichar pairs[][2] = {
        {'(', ')'},       {'[', ']'},       {0x201C, 0x201D}, {0x2018, 0x2019},
        {0x300C, 0x300D}, {0x300E, 0x300F}, {0xFF08, 0xFF09},
    };
    for (guint k = 0; k < G_N_ELEMENTS(pairs); k++) {
        GArray *open = g_array_new(FALSE, FALSE, sizeof(gsize));
        for (gsize i = 0; i < s->len;) {
            gunichar c = g_utf8_get_char(s->str + i);
            gsize n = g_utf8_next_char(s->str + i) - (s->str + i);
            if (c == pairs[k][0]) {
                g_array_append_val(open, i);
            } else if (c == pairs[k][1]) {
                if (open->len) {
                    g_array_set_size(open, open->len - 1);
                } else if (c != 0x2019) { /* ’ without ‘ is an apostrophe */
                    g_string_erase(s, i, n);
                    continue;
                }
            }
            i += n;
        }
        for (guint j = open->len; j-- > 0;) {
            gsize i = g_array_index(open, gsize, j);
            g_string_erase(s, i, g_utf8_next_char(s->str + i) - (s->str + i));
        }
        g_array_unref(open);
    }
    /* Straight double quotes pair up in order; an odd one out is the last. */
    int n = 0;
    for (gsize i = 0; i < s->len; i++)
        n += s->str[i] == '"';
    if (n % 2) {
        char *q = strrchr(s->str, '"');
        g_string_erase(s, q - s->str, 1);
    }
}

/* Upper-cases the first letter (after an opening quote or parenthesis). */
static void capitalise(GString *s)
{
    for (gsize i = 0; i < s->len && i < 8;) {
        gunichar c = g_utf8_get_char(s->str + i);
        gsize n = g_utf8_next_char(s->str + i) - (s->str + i);
        if (g_unichar_isalpha(c)) {
            gunichar u = g_unichar_totitle(c);
            if (u != c) {
                char buf[6];
                int m = g_unichar_to_utf8(u, buf);
                g_string_erase(s, i, n);
                g_string_insert_len(s, i, buf, m);
            }
            return;
        }
        if (!g_unichar_ispunct(c))
            return;
        i += n;
    }
}

/* level 0: every step; 1: the date stays; 2: only the length limit and balancing. */
static char *make(const chron_summarizer *sz, const char *sent, gsize len, gsize ms, gsize me,
                  int level)
{
    if (me > len)
        me = len;
    if (ms > me)
        ms = me;
    GString *norm = normalise(sent, len, &ms, &me);
    const char *s = norm->str;
    gsize n = norm->len;
    work w = {sz, NULL, G_MAXSIZE, G_MAXSIZE};
    /* "last year's summit": the date is part of a noun phrase and stays. */
    gboolean possessive = g_str_has_prefix(s + me, "'s") || g_str_has_prefix(s + me, "’s");
    if (level == 0 && ms < me && !possessive) {
        w.s = relative_clause(sz, s, n, ms, me);
        if (!w.s && (w.s = leading_phrase(sz, s, n, ms, me)))
            w.seam = w.s->len;
        if (!w.s) {
            widen(sz, s, n, &ms, &me);
            w.s = g_string_new_len(s, n);
            erase(&w, ms, me - ms);
            w.seam = ms;
            tidy(&w, ms);
        }
    } else {
        w.s = g_string_new_len(s, n);
    }
    g_string_free(norm, TRUE);

    if (level < 2) {
        drop_parentheses(&w);
        drop_dash_pairs(&w);
        drop_relative_aside(&w);
        while (drop_lead(&w))
            ;
        strip_tail(w.s);
        drop_attribution(&w);
        strip_tail(w.s);
        statement(&w);
        while (drop_lead(&w)) /* "Police said that, despite the storm, ..." */
            ;
        if (clause_cut(&w))
            drop_trailing_opener(&w);
        shorten_speaker(&w);
    }
    gboolean ellipsis = length_cut(&w);
    strip_tail(w.s);
    balance(w.s);
    strip_tail(w.s);
    capitalise(w.s);
    if (ellipsis && w.s->len)
        g_string_append(w.s, "…");
    return g_string_free(w.s, FALSE);
}

char *chron_summarizer_make(const chron_summarizer *sz, const char *sent, gsize len, gsize ms,
                            gsize me)
{
    g_return_val_if_fail(sz != NULL, g_strdup(""));
    if (!sent)
        return g_strdup("");
    /* A sentence that is nothing but a date, or nothing but an aside, is kept as it is. */
    char *out = NULL;
    for (int level = 0; level < 3 && (!out || !*out); level++) {
        g_free(out);
        out = make(sz, sent, len, ms, me, level);
    }
    if (!g_utf8_validate(out, -1, NULL)) { /* offsets inside a character, or invalid input */
        char *valid = g_utf8_make_valid(out, -1);
        g_free(out);
        out = valid;
    }
    return out;
}

char *chron_summary_make(const char *sent, gsize len, gsize ms, gsize me)
{
    static gsize once = 0;
    static chron_summarizer *english;
    if (g_once_init_enter(&once)) {
        /* The resource is built into the binary and checked by the test suite. */
        english = chron_summarizer_new("en", NULL);
        if (!english)
            english = chron_summarizer_new("", NULL);
        g_once_init_leave(&once, 1);
    }
    return chron_summarizer_make(english, sent, len, ms, me);
}

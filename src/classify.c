/* classify.c - event types and actors from word lists (LANG/events.ini, LANG/actors.ini).
 *
 * Both files share one line format (see src/rules/README.md): "[section]" headers, "key = a; b"
 * entries and keyless "a; b" lists, '#' comments. Texts are cut into word tokens (letters and
 * digits, with inner apostrophes; a possessive 's is set aside) and every phrase of the files is
 * matched token by token, looked up by its first word, so the cost per text is linear in its
 * length whatever the size of the lists.
 *
 * Event types: a cue counts where it matches (case-insensitive); a "paired" cue only when one of
 * its type's "with" phrases lies within the type's window of words; an "except" phrase cancels the
 * cues of its type that start inside it. The winner has the highest priority, then starts
 * nearest the start of the text, then is the longest, then belongs to the type defined first.
 *
 * Actors: at each word the longest gazetteer alias (case-sensitive) wins; otherwise titles are
 * skipped and a run of capitalised words (with inner particles and initials) becomes a name.
 */
#include "classify.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"
#include "text.h"

/* ---- word tokens -------------------------------------------------------------------------- */

typedef struct tok {
    gsize start, end; /* the word, without a possessive 's */
    gsize full;       /* end including the possessive */
    char *word;       /* text[start..end) as written */
    char *fold;       /* lower-cased */
} tok;

static gboolean is_apostrophe(gunichar c)
{
    return c == '\'' || c == 0x2019;
}

static gboolean is_quote(gunichar c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '\'' ||
           c == 0x00AB || c == 0x00BB;
}

static void tok_clear(gpointer p)
{
    tok *t = p;
    g_free(t->word);
    g_free(t->fold);
}

/* Cuts s[0..len) into word tokens. */
static GArray *tokenise(const char *s, gsize len)
{
    GArray *toks = g_array_new(FALSE, TRUE, sizeof(tok));
    g_array_set_clear_func(toks, tok_clear);
    const char *p = s, *end = s + len;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isalnum(c)) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *w = p;
        const char *apos = NULL; /* the last inner apostrophe */
        while (p < end) {
            c = g_utf8_get_char(p);
            if (g_unichar_isalnum(c)) {
                p = g_utf8_next_char(p);
                continue;
            }
            const char *q = g_utf8_next_char(p);
            if (is_apostrophe(c) && q < end && g_unichar_isalnum(g_utf8_get_char(q))) {
                apos = p;
                p = q;
                continue;
            }
            break;
        }
        tok t = {.start = w - s, .end = p - s, .full = p - s};
        /* a possessive: the apostrophe followed by a lone s */
        if (apos && p - g_utf8_next_char(apos) == 1 && (p[-1] == 's' || p[-1] == 'S'))
            t.end = apos - s;
        t.word = g_strndup(s + t.start, t.end - t.start);
        t.fold = g_utf8_strdown(t.word, -1);
        g_array_append_val(toks, t);
    }
    return toks;
}

/* The text between two tokens, white space squeezed to one space: "" when they touch, " " for
 * white space, "-" for a hyphen, ". " after an initial; "\1" when longer than a few bytes. */
static void gap_norm(const char *s, gsize from, gsize to, char *buf, gsize size)
{
    gsize n = 0;
    gboolean space = FALSE;
    for (gsize i = from; i < to; i++) {
        if (g_ascii_isspace(s[i])) {
            space = TRUE;
            continue;
        }
        if (space) {
            if (n + 1 >= size)
                goto too_long;
            buf[n++] = ' ';
            space = FALSE;
        }
        if (n + 1 >= size)
            goto too_long;
        buf[n++] = s[i];
    }
    if (space) {
        if (n + 1 >= size)
            goto too_long;
        buf[n++] = ' ';
    }
    buf[n] = '\0';
    return;
too_long:
    buf[0] = '\1';
    buf[1] = '\0';
}

#define GAP_MAX 12
#define PHRASE_MAX 16 /* words in an event cue, so that cues interact only nearby */
#define WINDOW_MAX 50 /* words between a paired cue and its company */

/* ---- phrases ------------------------------------------------------------------------------ */

enum { CUE_DIRECT, CUE_PAIRED, CUE_WITH, CUE_EXCEPT };

typedef struct phrase {
    int n;
    char **words;      /* n words, lower-cased when matched case-insensitively */
    char **gaps;       /* n - 1 normalised gaps (see gap_norm) */
    gboolean dot;      /* a '.' must follow the last word ("U.S.", "Mr.") */
    const char *canon; /* actors: the canonical name (borrowed); NULL for ignored phrases */
    int type;          /* event cues: the type's index */
    int kind;          /* event cues: CUE_* */
} phrase;

static void phrase_free(gpointer p)
{
    phrase *ph = p;
    if (!ph)
        return;
    g_strfreev(ph->words);
    g_strfreev(ph->gaps);
    g_free(ph);
}

/* A phrase from its written form, or NULL when it holds no word. */
static phrase *phrase_new(const char *s, gboolean fold)
{
    gsize len = strlen(s);
    GArray *toks = tokenise(s, len);
    if (toks->len == 0) {
        g_array_unref(toks);
        return NULL;
    }
    phrase *p = g_new0(phrase, 1);
    p->n = toks->len;
    p->words = g_new0(char *, p->n + 1);
    p->gaps = g_new0(char *, p->n);
    for (int i = 0; i < p->n; i++) {
        tok *t = &g_array_index(toks, tok, i);
        p->words[i] = g_strdup(fold ? t->fold : t->word);
        if (i > 0) {
            char buf[GAP_MAX];
            gap_norm(s, g_array_index(toks, tok, i - 1).full, t->start, buf, sizeof buf);
            p->gaps[i - 1] = g_strdup(buf);
        }
    }
    gsize last = g_array_index(toks, tok, p->n - 1).full;
    while (last < len && g_ascii_isspace(s[last]))
        last++;
    p->dot = last < len && s[last] == '.';
    g_array_unref(toks);
    return p;
}

/* An index of phrases by first word: word -> GPtrArray of phrase, longest first. */
static GHashTable *index_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify)g_ptr_array_unref);
}

static void index_add(GHashTable *idx, phrase *p)
{
    GPtrArray *list = g_hash_table_lookup(idx, p->words[0]);
    if (!list) {
        list = g_ptr_array_new_with_free_func(phrase_free);
        g_hash_table_insert(idx, g_strdup(p->words[0]), list);
    }
    g_ptr_array_add(list, p);
}

static gint by_length_desc(gconstpointer a, gconstpointer b)
{
    const phrase *x = *(phrase *const *)a, *y = *(phrase *const *)b;
    return (y->n > x->n) - (y->n < x->n);
}

static void index_sort(GHashTable *idx)
{
    GHashTableIter it;
    gpointer list;
    g_hash_table_iter_init(&it, idx);
    while (g_hash_table_iter_next(&it, NULL, &list))
        g_ptr_array_sort(list, by_length_desc);
}

/* Does p match the tokens from i? fold: compare lower-cased words, and let any hyphen or white
 * space separate them; else words as written and gaps exactly. */
static gboolean phrase_at(const phrase *p, const char *text, const GArray *toks, guint i,
                          gboolean fold)
{
    if (i + p->n > toks->len)
        return FALSE;
    for (int k = 0; k < p->n; k++) {
        const tok *t = &g_array_index(toks, tok, i + k);
        if (strcmp(fold ? t->fold : t->word, p->words[k]) != 0)
            return FALSE;
        if (k > 0) {
            char buf[GAP_MAX];
            gap_norm(text, g_array_index(toks, tok, i + k - 1).full, t->start, buf, sizeof buf);
            if (fold ? strcmp(buf, " ") != 0 && strcmp(buf, "-") != 0
                     : strcmp(buf, p->gaps[k - 1]) != 0)
                return FALSE;
        }
    }
    if (p->dot) {
        const tok *t = &g_array_index(toks, tok, i + p->n - 1);
        if (text[t->full] != '.')
            return FALSE;
    }
    return TRUE;
}

/* The longest phrase of idx at token i, or NULL. */
static const phrase *longest_at(GHashTable *idx, const char *text, const GArray *toks, guint i,
                                gboolean fold)
{
    const tok *t = &g_array_index(toks, tok, i);
    GPtrArray *list = g_hash_table_lookup(idx, fold ? t->fold : t->word);
    if (!list)
        return NULL;
    for (guint k = 0; k < list->len; k++) {
        const phrase *p = g_ptr_array_index(list, k);
        if (phrase_at(p, text, toks, i, fold))
            return p;
    }
    return NULL;
}

/* ---- the resource format ------------------------------------------------------------------ */

typedef struct entry {
    char *section;
    char *key; /* NULL for a keyless list */
    char **values;
    int line;
} entry;

static void entry_free(gpointer p)
{
    entry *e = p;
    g_free(e->section);
    g_free(e->key);
    g_strfreev(e->values);
    g_free(e);
}

static char **split_values(const char *s)
{
    char **parts = g_strsplit(s, ";", -1);
    GPtrArray *out = g_ptr_array_new();
    for (char **v = parts; *v; v++) {
        char *t = g_strstrip(*v);
        if (*t)
            g_ptr_array_add(out, g_strdup(t));
    }
    g_strfreev(parts);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* Reads resource path ("en/events.ini") into a list of entries. */
static GPtrArray *read_entries(const char *path, GError **error)
{
    char *data = chron_resource_read(path, NULL);
    if (!data) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_IO, "rules/%s: no such resource", path);
        return NULL;
    }
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    char **lines = g_strsplit(data, "\n", -1);
    g_free(data);
    char *section = NULL;
    for (int n = 0; lines[n]; n++) {
        char *l = g_strstrip(lines[n]);
        if (*l == '\0' || *l == '#')
            continue;
        if (*l == '[') {
            char *close = strchr(l, ']');
            if (!close || close[1] != '\0' || close == l + 1) {
                g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                            "rules/%s:%d: malformed section header", path, n + 1);
                goto fail;
            }
            g_free(section);
            section = g_strndup(l + 1, close - l - 1);
            continue;
        }
        if (!section) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "rules/%s:%d: entry before the first [section]", path, n + 1);
            goto fail;
        }
        entry *e = g_new0(entry, 1);
        e->section = g_strdup(section);
        e->line = n + 1;
        char *eq = strchr(l, '=');
        if (eq) {
            *eq = '\0';
            e->key = g_strdup(g_strstrip(l));
            e->values = split_values(eq + 1);
        } else {
            e->values = split_values(l);
        }
        g_ptr_array_add(out, e);
        if (e->key && *e->key == '\0') {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "rules/%s:%d: empty key", path,
                        n + 1);
            goto fail;
        }
    }
    g_free(section);
    g_strfreev(lines);
    return out;
fail:
    g_free(section);
    g_strfreev(lines);
    g_ptr_array_unref(out);
    return NULL;
}

/* ---- the classifier ----------------------------------------------------------------------- */

typedef struct etype {
    char *name;
    int priority; /* higher wins */
    int window;   /* words between a paired cue and its "with" phrase */
} etype;

struct chron_classifier {
    GPtrArray *types;         /* of etype *, in file order */
    const char **type_names;  /* NULL-terminated, borrowed from types */
    GHashTable *cues;         /* lower-cased first word -> phrases (CUE_*) */
    GHashTable *aliases;      /* first word as written -> gazetteer phrases */
    GHashTable *titles;       /* lower-cased first word -> title phrases */
    GHashTable *stopwords;    /* lower-cased words that never begin or continue a name */
    GHashTable *particles;    /* words allowed inside a name ("of", "for") */
    GHashTable *conjunctions; /* allowed inside a name after a particle ("and") */
    GHashTable *heads;        /* last words that make a name a thing, not an actor */
    GHashTable *org_heads;    /* head words of organisations ("University", "Ministry") */
    GHashTable *canon;        /* canonical name -> itself (owns the strings) */
};

static void etype_free(gpointer p)
{
    etype *t = p;
    g_free(t->name);
    g_free(t);
}

void chron_classifier_free(chron_classifier *c)
{
    if (!c)
        return;
    if (c->types)
        g_ptr_array_unref(c->types);
    g_free(c->type_names);
    GHashTable *tables[] = {c->cues,         c->aliases, c->titles,    c->stopwords, c->particles,
                            c->conjunctions, c->heads,   c->org_heads, c->canon};
    for (gsize i = 0; i < G_N_ELEMENTS(tables); i++)
        if (tables[i])
            g_hash_table_unref(tables[i]);
    g_free(c);
}

/* Regular inflections of base: -s/-es/-ies, -ed/-d/-ied, -ing; with dbl the final consonant
 * doubles before -ed and -ing (transfer++ -> transferred). */
static void inflect(const char *base, gboolean dbl, GPtrArray *out)
{
    gsize n = strlen(base);
    char last = n ? base[n - 1] : '\0';
    char prev = n > 1 ? base[n - 2] : '\0';
    gboolean cons_y = last == 'y' && prev && !strchr("aeiou", prev);
    g_ptr_array_add(out, g_strdup(base));
    if (cons_y)
        g_ptr_array_add(out, g_strdup_printf("%.*sies", (int)n - 1, base));
    else if (strchr("sxz", last) || g_str_has_suffix(base, "ch") || g_str_has_suffix(base, "sh"))
        g_ptr_array_add(out, g_strdup_printf("%ses", base));
    else
        g_ptr_array_add(out, g_strdup_printf("%ss", base));
    if (last == 'e')
        g_ptr_array_add(out, g_strdup_printf("%sd", base));
    else if (cons_y)
        g_ptr_array_add(out, g_strdup_printf("%.*sied", (int)n - 1, base));
    else if (dbl)
        g_ptr_array_add(out, g_strdup_printf("%s%ced", base, last));
    else
        g_ptr_array_add(out, g_strdup_printf("%sed", base));
    if (last == 'e' && !strchr("eoy", prev))
        g_ptr_array_add(out, g_strdup_printf("%.*sing", (int)n - 1, base));
    else if (dbl)
        g_ptr_array_add(out, g_strdup_printf("%s%cing", base, last));
    else
        g_ptr_array_add(out, g_strdup_printf("%sing", base));
}

/* Every written form of a cue: words ending in '+' (or "++") take their inflections. */
static GPtrArray *cue_forms(const char *cue)
{
    GPtrArray *forms = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(forms, g_strdup(""));
    char **words = g_strsplit_set(cue, " \t", -1);
    for (char **w = words; *w; w++) {
        if (**w == '\0')
            continue;
        GPtrArray *alts = g_ptr_array_new_with_free_func(g_free);
        gsize n = strlen(*w);
        if (n > 2 && g_str_has_suffix(*w, "++")) {
            (*w)[n - 2] = '\0';
            inflect(*w, TRUE, alts);
        } else if (n > 1 && (*w)[n - 1] == '+') {
            (*w)[n - 1] = '\0';
            inflect(*w, FALSE, alts);
        } else {
            g_ptr_array_add(alts, g_strdup(*w));
        }
        GPtrArray *next = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < forms->len; i++)
            for (guint k = 0; k < alts->len; k++) {
                const char *f = g_ptr_array_index(forms, i);
                g_ptr_array_add(
                    next, g_strconcat(f, *f ? " " : "", (char *)g_ptr_array_index(alts, k), NULL));
            }
        g_ptr_array_unref(alts);
        g_ptr_array_unref(forms);
        forms = next;
    }
    g_strfreev(words);
    return forms;
}

static gboolean parse_int(const char *path, const entry *e, int *out, GError **error)
{
    char *end = NULL;
    long v = e->values[0] ? strtol(e->values[0], &end, 10) : 0;
    if (!e->values[0] || e->values[1] || *end || v < 0 || v > WINDOW_MAX) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "rules/%s:%d: %s wants one number from 0 to %d", path, e->line, e->key,
                    WINDOW_MAX);
        return FALSE;
    }
    *out = (int)v;
    return TRUE;
}

static gboolean load_events(chron_classifier *c, const char *lang, GError **error)
{
    char *path = g_strdup_printf("%s/events.ini", lang);
    GPtrArray *entries = read_entries(path, error);
    gboolean ok = entries != NULL;
    for (guint i = 0; ok && i < entries->len; i++) {
        const entry *e = g_ptr_array_index(entries, i);
        int ti = -1;
        for (guint k = 0; k < c->types->len; k++)
            if (strcmp(((etype *)g_ptr_array_index(c->types, k))->name, e->section) == 0)
                ti = k;
        if (ti < 0) {
            etype *t = g_new0(etype, 1);
            t->name = g_strdup(e->section);
            t->priority = 1;
            t->window = 6;
            ti = c->types->len;
            g_ptr_array_add(c->types, t);
        }
        etype *t = g_ptr_array_index(c->types, ti);
        int kind = -1;
        if (!e->key) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "rules/%s:%d: expected \"key = values\"", path, e->line);
            ok = FALSE;
        } else if (strcmp(e->key, "priority") == 0) {
            ok = parse_int(path, e, &t->priority, error);
        } else if (strcmp(e->key, "window") == 0) {
            ok = parse_int(path, e, &t->window, error);
        } else if (strcmp(e->key, "cues") == 0) {
            kind = CUE_DIRECT;
        } else if (strcmp(e->key, "paired") == 0) {
            kind = CUE_PAIRED;
        } else if (strcmp(e->key, "with") == 0) {
            kind = CUE_WITH;
        } else if (strcmp(e->key, "except") == 0) {
            kind = CUE_EXCEPT;
        } else {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "rules/%s:%d: unknown key \"%s\"",
                        path, e->line, e->key);
            ok = FALSE;
        }
        if (!ok || kind < 0)
            continue;
        for (char **v = e->values; ok && *v; v++) {
            GPtrArray *forms = cue_forms(*v);
            for (guint k = 0; ok && k < forms->len; k++) {
                phrase *p = phrase_new(g_ptr_array_index(forms, k), TRUE);
                if (p && p->n > PHRASE_MAX) {
                    g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                                "rules/%s:%d: \"%s\" is longer than %d words", path, e->line, *v,
                                PHRASE_MAX);
                    phrase_free(p);
                    p = NULL;
                    ok = FALSE;
                }
                if (!p)
                    continue;
                p->type = ti;
                p->kind = kind;
                index_add(c->cues, p);
            }
            g_ptr_array_unref(forms);
        }
    }
    if (ok && c->types->len == 0) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "rules/%s: no event types", path);
        ok = FALSE;
    }
    if (entries)
        g_ptr_array_unref(entries);
    g_free(path);
    index_sort(c->cues);
    return ok;
}

static void set_add_all(GHashTable *set, char **values, gboolean fold)
{
    for (char **v = values; *v; v++)
        g_hash_table_add(set, fold ? g_utf8_strdown(*v, -1) : g_strdup(*v));
}

static gboolean load_actors(chron_classifier *c, const char *lang, GError **error)
{
    char *path = g_strdup_printf("%s/actors.ini", lang);
    GPtrArray *entries = read_entries(path, error);
    gboolean ok = entries != NULL;
    /* alias as written -> canonical name, to refuse an alias given two meanings */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; ok && i < entries->len; i++) {
        const entry *e = g_ptr_array_index(entries, i);
        const char *s = e->section;
        GHashTable *set = NULL;
        gboolean fold = FALSE;
        if (strcmp(s, "stopwords") == 0) {
            set = c->stopwords;
            fold = TRUE;
        } else if (strcmp(s, "particles") == 0) {
            set = c->particles;
        } else if (strcmp(s, "conjunctions") == 0) {
            set = c->conjunctions;
        } else if (strcmp(s, "non-actor-heads") == 0) {
            set = c->heads;
        } else if (strcmp(s, "organisation-heads") == 0) {
            set = c->org_heads;
        }
        gboolean listy = set || strcmp(s, "titles") == 0 || strcmp(s, "ignore") == 0;
        if (listy && e->key) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "rules/%s:%d: [%s] holds plain lists, not \"key = values\"", path, e->line,
                        s);
            ok = FALSE;
            break;
        }
        if (set) {
            set_add_all(set, e->values, fold);
            continue;
        }
        if (strcmp(s, "titles") == 0) {
            for (char **v = e->values; *v; v++) {
                phrase *p = phrase_new(*v, TRUE);
                if (p)
                    index_add(c->titles, p);
            }
            continue;
        }
        /* a gazetteer line: "Canonical = alias; ...", or canonical names that are their own
         * only alias; [ignore] phrases are recognised and consumed but name no actor */
        gboolean ignore = strcmp(s, "ignore") == 0;
        for (char **v = e->key ? NULL : e->values; v && *v; v++) {
            const char *canon = NULL;
            if (!ignore) {
                canon = g_hash_table_lookup(c->canon, *v);
                if (!canon) {
                    char *copy = g_strdup(*v);
                    g_hash_table_insert(c->canon, copy, copy);
                    canon = copy;
                }
            }
            const char *prior = g_hash_table_lookup(seen, *v);
            if (prior) {
                g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                            "rules/%s:%d: \"%s\" is listed twice", path, e->line, *v);
                ok = FALSE;
                break;
            }
            g_hash_table_insert(seen, g_strdup(*v), (gpointer)(canon ? canon : ""));
            phrase *p = phrase_new(*v, FALSE);
            if (p) {
                p->canon = canon;
                index_add(c->aliases, p);
            }
        }
        if (!e->key)
            continue;
        const char *canon = g_hash_table_lookup(c->canon, e->key);
        if (!canon) {
            char *copy = g_strdup(e->key);
            g_hash_table_insert(c->canon, copy, copy);
            canon = copy;
        }
        /* the canonical name is an alias of itself */
        GPtrArray *all = g_ptr_array_new();
        g_ptr_array_add(all, e->key);
        for (char **v = e->values; *v; v++)
            g_ptr_array_add(all, *v);
        for (guint k = 0; ok && k < all->len; k++) {
            const char *a = g_ptr_array_index(all, k);
            if (g_hash_table_contains(seen, a)) {
                if (k == 0 && strcmp(g_hash_table_lookup(seen, a), canon) == 0)
                    continue;
                g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                            "rules/%s:%d: \"%s\" is listed twice", path, e->line, a);
                ok = FALSE;
                break;
            }
            g_hash_table_insert(seen, g_strdup(a), (gpointer)canon);
            phrase *p = phrase_new(a, FALSE);
            if (p) {
                p->canon = ignore ? NULL : canon;
                index_add(c->aliases, p);
            }
        }
        g_ptr_array_free(all, TRUE);
    }
    g_hash_table_unref(seen);
    if (entries)
        g_ptr_array_unref(entries);
    g_free(path);
    index_sort(c->aliases);
    index_sort(c->titles);
    return ok;
}

chron_classifier *chron_classifier_new(const char *lang, GError **error)
{
    g_return_val_if_fail(lang != NULL, NULL);
    chron_classifier *c = g_new0(chron_classifier, 1);
    c->types = g_ptr_array_new_with_free_func(etype_free);
    c->cues = index_new();
    c->aliases = index_new();
    c->titles = index_new();
    c->stopwords = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->particles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->conjunctions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->heads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->org_heads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->canon = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!load_events(c, lang, error) || !load_actors(c, lang, error)) {
        chron_classifier_free(c);
        return NULL;
    }
    c->type_names = g_new0(const char *, c->types->len + 1);
    for (guint i = 0; i < c->types->len; i++)
        c->type_names[i] = ((etype *)g_ptr_array_index(c->types, i))->name;
    return c;
}

const char *const *chron_classifier_type_names(const chron_classifier *c)
{
    g_return_val_if_fail(c != NULL, NULL);
    return c->type_names;
}

/* ---- event types -------------------------------------------------------------------------- */

typedef struct hit {
    guint start, end; /* tokens, end exclusive */
    int type, kind;
} hit;

/* Words between two hits; 0 when they overlap or touch. */
static guint hit_distance(const hit *a, const hit *b)
{
    if (a->end <= b->start)
        return b->start - a->end;
    if (b->end <= a->start)
        return a->start - b->end;
    return 0;
}

/* The winning type of text, or -1. */
static int classify_text(const chron_classifier *c, const char *text)
{
    GArray *toks = tokenise(text, strlen(text));
    GArray *hits = g_array_new(FALSE, FALSE, sizeof(hit));
    guint masked = 0; /* tokens before this one inside a gazetteer name are not cues */
    for (guint i = 0; i < toks->len; i++) {
        /* the words of a name ("North Atlantic Treaty Organization") are not cues */
        const phrase *name = longest_at(c->aliases, text, toks, i, FALSE);
        if (name && i + name->n > masked)
            masked = i + name->n;
        if (i < masked)
            continue;
        GPtrArray *list = g_hash_table_lookup(c->cues, g_array_index(toks, tok, i).fold);
        for (guint k = 0; list && k < list->len; k++) {
            const phrase *p = g_ptr_array_index(list, k);
            if (phrase_at(p, text, toks, i, TRUE)) {
                hit h = {i, i + p->n, p->type, p->kind};
                g_array_append_val(hits, h);
            }
        }
    }
    const hit *best = NULL;
    for (guint i = 0; i < hits->len; i++) {
        const hit *h = &g_array_index(hits, hit, i);
        if (h->kind != CUE_DIRECT && h->kind != CUE_PAIRED)
            continue;
        const etype *t = g_ptr_array_index(c->types, h->type);
        gboolean cancelled = FALSE, paired = h->kind == CUE_DIRECT;
        /* hits are in order of their start, and phrases are short: look only nearby */
        guint reach = PHRASE_MAX + t->window, lo = i;
        while (lo > 0 && g_array_index(hits, hit, lo - 1).start + reach >= h->start)
            lo--;
        for (guint k = lo; k < hits->len; k++) {
            const hit *o = &g_array_index(hits, hit, k);
            if (o->start > h->end + t->window)
                break;
            if (o->type != h->type)
                continue;
            if (o->kind == CUE_EXCEPT && o->start <= h->start && h->start < o->end)
                cancelled = TRUE;
            if (o->kind == CUE_WITH && hit_distance(h, o) <= (guint)t->window)
                paired = TRUE;
        }
        if (cancelled || !paired)
            continue;
        if (best) {
            const etype *bt = g_ptr_array_index(c->types, best->type);
            if (t->priority != bt->priority) {
                if (t->priority < bt->priority)
                    continue;
            } else if (h->start != best->start) {
                if (h->start > best->start)
                    continue;
            } else if (h->end - h->start != best->end - best->start) {
                if (h->end - h->start < best->end - best->start)
                    continue;
            } else if (h->type >= best->type) {
                continue;
            }
        }
        best = h;
    }
    int type = best ? best->type : -1;
    g_array_unref(hits);
    g_array_unref(toks);
    return type;
}

const char *chron_classifier_type(const chron_classifier *c, const char *summary,
                                  const char *sentence)
{
    g_return_val_if_fail(c != NULL, CHRON_EVENT_TYPE_OTHER);
    int t = -1;
    if (summary)
        t = classify_text(c, summary);
    if (t < 0 && sentence && sentence != summary)
        t = classify_text(c, sentence);
    if (t < 0)
        return CHRON_EVENT_TYPE_OTHER;
    return ((const etype *)g_ptr_array_index(c->types, t))->name;
}

/* ---- actors ------------------------------------------------------------------------------- */

typedef struct actor_scan {
    const chron_classifier *c;
    const char *text;
    GArray *toks;
    GPtrArray *out;   /* canonical names, in order of first mention */
    GHashTable *seen; /* names in out */
    GPtrArray *named; /* names found by the heuristic (borrowed from out) */
} actor_scan;

static const tok *tok_at(const actor_scan *s, guint i)
{
    return &g_array_index(s->toks, tok, i);
}

static void add_actor(actor_scan *s, const char *name)
{
    if (g_hash_table_contains(s->seen, name))
        return;
    char *copy = g_strdup(name);
    g_ptr_array_add(s->out, copy);
    g_hash_table_add(s->seen, copy);
}

static gboolean is_capitalised(const tok *t)
{
    gunichar c = g_utf8_get_char(t->word);
    return g_unichar_isupper(c) || g_unichar_istitle(c);
}

/* A word that may be part of a name: capitalised and not a function word, month or weekday. */
static gboolean is_name_word(const actor_scan *s, const tok *t)
{
    return is_capitalised(t) && !g_hash_table_contains(s->c->stopwords, t->fold);
}

/* A single capital letter followed by a full stop ("Joe R. Biden"). */
static gboolean is_initial(const actor_scan *s, const tok *t)
{
    return g_utf8_strlen(t->word, -1) == 1 && is_capitalised(t) && s->text[t->full] == '.';
}

/* Can token k continue a name that token k - 1 belongs to? A possessive ends a name; a space,
 * a hyphen (not after a particle) or the full stop of an initial joins. */
static gboolean joined(const actor_scan *s, guint k, gboolean after_particle)
{
    const tok *prev = tok_at(s, k - 1);
    if (prev->end != prev->full)
        return FALSE;
    char gap[GAP_MAX];
    gap_norm(s->text, prev->full, tok_at(s, k)->start, gap, sizeof gap);
    if (strcmp(gap, " ") == 0)
        return TRUE;
    if (strcmp(gap, "-") == 0)
        return !after_particle;
    return strcmp(gap, ". ") == 0 && is_initial(s, prev);
}

/* When token i opens a quotation holding only capitalised words, digits and particles (the name
 * of an exercise, a document or a ship: "Keen Sword 23"), the index of the first token after it;
 * else 0. */
static guint quoted_name_end(const actor_scan *s, guint i)
{
    const tok *t = tok_at(s, i);
    if (t->start == 0)
        return 0;
    const char *before = g_utf8_find_prev_char(s->text, s->text + t->start);
    if (!before || !is_quote(g_utf8_get_char(before)))
        return 0;
    guint k = i;
    for (; k < s->toks->len; k++) {
        const tok *w = tok_at(s, k);
        if (k > i) {
            /* the closing quote: a quote in the gap before this word */
            gboolean closed = FALSE;
            for (const char *p = s->text + tok_at(s, k - 1)->full; p < s->text + w->start;
                 p = g_utf8_next_char(p))
                if (is_quote(g_utf8_get_char(p)))
                    closed = TRUE;
            if (closed)
                return k;
        }
        if (!is_capitalised(w) && !g_ascii_isdigit(w->word[0]) &&
            !g_hash_table_contains(s->c->particles, w->word))
            return 0;
        if (k - i > 8)
            return 0;
    }
    /* the quotation closes at the end of the text */
    const tok *last = tok_at(s, k - 1);
    for (const char *p = s->text + last->full; *p; p = g_utf8_next_char(p))
        if (is_quote(g_utf8_get_char(p)))
            return k;
    return 0;
}

/* A name found earlier whose last word is word ("Kishida" after "Fumio Kishida"), or NULL. */
static const char *known_surname(const actor_scan *s, const char *word)
{
    gsize n = strlen(word);
    for (guint i = 0; i < s->named->len; i++) {
        const char *name = g_ptr_array_index(s->named, i);
        gsize m = strlen(name);
        if (m > n && strcmp(name + m - n, word) == 0 && name[m - n - 1] == ' ')
            return name;
    }
    return NULL;
}

/* The longest phrase of idx at token i that ends before token limit, other than skip. */
static const phrase *longest_within(GHashTable *idx, const actor_scan *s, guint i, guint limit,
                                    const phrase *skip)
{
    GPtrArray *list = g_hash_table_lookup(idx, tok_at(s, i)->word);
    for (guint k = 0; list && k < list->len; k++) {
        const phrase *p = g_ptr_array_index(list, k);
        if (p != skip && i + p->n <= limit && phrase_at(p, s->text, s->toks, i, FALSE))
            return p;
    }
    return NULL;
}

/* Adds the actors the gazetteer names inside tokens [from, to), other than whole: the country
 * of "US Indo-Pacific Command" or "Chinese Foreign Ministry". */
static void add_embedded(actor_scan *s, guint from, guint to, const phrase *whole)
{
    for (guint j = from; j < to;) {
        const phrase *q = longest_within(s->c->aliases, s, j, to, whole);
        if (q && q->canon)
            add_actor(s, q->canon);
        j += q ? (guint)q->n : 1;
    }
}

/* Adds text[tokens from .. to) as a name, as written (white space squeezed). */
static void add_span(actor_scan *s, guint from, guint to, gboolean person)
{
    const tok *first = tok_at(s, from), *last = tok_at(s, to - 1);
    char *name = chron_text_squeeze(s->text + first->start, last->end - first->start);
    if (!g_hash_table_contains(s->seen, name)) {
        add_actor(s, name);
        if (person)
            g_ptr_array_add(s->named, g_ptr_array_index(s->out, s->out->len - 1));
    }
    g_free(name);
}

typedef struct run {
    guint end;     /* the token after the run */
    guint content; /* capitalised words in it */
    guint head;    /* the last capitalised word before the first particle ("Ministry" of
                    * "Ministry of Defense") */
    guint last;    /* the last capitalised word */
} run;

/* The run of capitalised words from token i, with inner particles ("of", "of the"), initials
 * and lower-case pieces after a hyphen ("Jae-myung"). It stops at a title and, unless whole,
 * before a gazetteer name, except a one-word name a particle binds ("Bank of Japan"). */
static run scan_run(const actor_scan *s, guint i, gboolean whole)
{
    const chron_classifier *c = s->c;
    run r = {i + 1, 1, i, i};
    gboolean particle = FALSE;
    int after = 0; /* particles since the last capitalised word */
    for (guint k = i + 1; k < s->toks->len; k++) {
        const tok *t = tok_at(s, k);
        if (!joined(s, k, after > 0))
            break;
        if (g_hash_table_contains(c->particles, t->word) ||
            (particle && g_hash_table_contains(c->conjunctions, t->word))) {
            if (after == 2)
                break;
            particle = TRUE;
            after++;
            continue;
        }
        if (!after && !is_capitalised(t) && !g_ascii_isdigit(t->word[0]) &&
            s->text[tok_at(s, k - 1)->full] == '-') {
            /* a lower-case piece after a hyphen: part of the name unless a stop word
             * ("Kishida-led") */
            if (g_hash_table_contains(c->stopwords, t->fold))
                break;
            r.end = k + 1;
            continue;
        }
        if (!is_name_word(s, t))
            break;
        if (!after && longest_at(c->titles, s->text, s->toks, k, TRUE))
            break;
        if (!whole) {
            const phrase *alias = longest_at(c->aliases, s->text, s->toks, k, FALSE);
            if (alias && (!after || alias->n > 1))
                break;
        }
        if (r.content > 9)
            break; /* no name is this long: a heading, or a pathological input */
        after = 0;
        r.content++;
        r.end = k + 1;
        r.last = k;
        if (!particle)
            r.head = k;
    }
    return r;
}

/* Is the text in title case ("Japan Moves to Bring NATO into Asia")? Then capitalisation says
 * nothing about names, and only the gazetteer is used. */
static gboolean title_case(const actor_scan *s)
{
    guint words = 0;
    for (guint i = 0; i < s->toks->len; i++) {
        const tok *t = tok_at(s, i);
        if (!g_unichar_isalpha(g_utf8_get_char(t->word)))
            continue;
        words++;
        if (!is_capitalised(t) && !g_hash_table_contains(s->c->stopwords, t->fold) &&
            !g_hash_table_contains(s->c->particles, t->word))
            return FALSE;
    }
    return words >= 4;
}

char **chron_classifier_actors(const chron_classifier *c, const char *text)
{
    g_return_val_if_fail(c != NULL, NULL);
    actor_scan s = {.c = c, .text = text ? text : ""};
    s.toks = tokenise(s.text, strlen(s.text));
    s.out = g_ptr_array_new();
    s.seen = g_hash_table_new(g_str_hash, g_str_equal);
    s.named = g_ptr_array_new();
    gboolean heuristic = !title_case(&s), titled = FALSE;
    guint i = 0;
    while (i < s.toks->len) {
        const tok *t = tok_at(&s, i);
        const phrase *p = longest_at(c->aliases, s.text, s.toks, i, FALSE);
        if (heuristic && (p || is_name_word(&s, t))) {
            guint q = p ? 0 : quoted_name_end(&s, i);
            if (q) {
                i = q;
                titled = FALSE;
                continue;
            }
            /* an organisation whose name holds gazetteer names ("Tokyo Electric Power
             * Company", "East China Normal University") or none ("Kyodo News") */
            run r = scan_run(&s, i, TRUE);
            if (r.end > i + (p ? (guint)p->n : 1) &&
                g_hash_table_contains(c->org_heads, tok_at(&s, r.head)->word) && r.content <= 8) {
                add_embedded(&s, i, r.end, NULL);
                add_span(&s, i, r.end, FALSE);
                i = r.end;
                titled = FALSE;
                continue;
            }
        }
        if (p) {
            if (p->canon) {
                add_embedded(&s, i, i + p->n, p);
                add_actor(&s, p->canon);
            }
            i += p->n;
            titled = FALSE;
            continue;
        }
        p = longest_at(c->titles, s.text, s.toks, i, TRUE);
        if (p) {
            i += p->n;
            titled = TRUE;
            continue;
        }
        if (!heuristic || !is_name_word(&s, t)) {
            i++;
            titled = FALSE;
            continue;
        }
        run r = scan_run(&s, i, FALSE);
        const char *head = tok_at(&s, r.head)->word, *last = tok_at(&s, r.last)->word;
        if (r.content > 4 || g_hash_table_contains(c->heads, head) ||
            g_hash_table_contains(c->heads, last)) {
            /* a long capitalised run (a heading) or the name of a thing; the gazetteer names in
             * it still count ("Guidelines for Japan") */
            add_embedded(&s, i, r.end, NULL);
        } else if (r.content == 1 && titled) {
            /* one name after a title: "President Biden", or a surname named in full before */
            const char *known = known_surname(&s, t->word);
            if (known)
                add_actor(&s, known);
            else
                add_span(&s, i, r.end, TRUE);
        } else if (r.content > 1) {
            add_embedded(&s, i, r.end, NULL);
            add_span(&s, i, r.end, TRUE);
        }
        i = r.end;
        titled = FALSE;
    }
    g_ptr_array_add(s.out, NULL);
    g_ptr_array_unref(s.named);
    g_hash_table_unref(s.seen);
    g_array_unref(s.toks);
    return (char **)g_ptr_array_free(s.out, FALSE);
}

/* merge.c - joining the reports of one happening across articles. */
#include "merge.h"

#include <string.h>

#include "error.h"
#include "rules.h"

struct chron_merger {
    GHashTable *stop; /* stop words, lower case, owned keys */
};

/* How near two windows may come without overlapping and still be one happening, in days, when
 * both are at most this coarse: reports a day or two apart ("on Thursday" / "on Jan 16") are
 * usually one event told from different time zones or with a slip. */
#define NEAR_DAYS_DAY 3
#define NEAR_DAYS_MONTH 31

chron_merger *chron_merger_new(GError **error)
{
    chron_merger *m = g_new0(chron_merger, 1);
    m->stop = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *words = g_ptr_array_new();
    if (!chron_resource_list("timeline.ini", "merge", "stop_words", words, error)) {
        g_ptr_array_set_free_func(words, g_free);
        g_ptr_array_unref(words);
        chron_merger_free(m);
        return NULL;
    }
    for (guint i = 0; i < words->len; i++)
        g_hash_table_add(m->stop, g_ptr_array_index(words, i)); /* the set owns them */
    g_ptr_array_unref(words);
    return m;
}

void chron_merger_free(chron_merger *m)
{
    if (!m)
        return;
    g_hash_table_unref(m->stop);
    g_free(m);
}

/* A light English-leaning stemmer: enough that "signed" meets "signs" and "agreements" meets
 * "agreement"; it only ever shortens ASCII endings, so other scripts pass through. */
static void stem(GString *w)
{
    gsize n = w->len;
    const char *s = w->str;
    if (n > 4 && g_str_has_suffix(s, "ies"))
        g_string_overwrite(g_string_truncate(w, n - 3), n - 3, "y");
    else if (n > 5 && g_str_has_suffix(s, "ing"))
        g_string_truncate(w, n - 3);
    else if (n > 4 && g_str_has_suffix(s, "ed"))
        g_string_truncate(w, n - 2);
    else if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's')
        g_string_truncate(w, n - 1);
}

/* Adds the lower-cased words of text (runs of letters and digits) to out. */
static void words_of(const char *text, GPtrArray *out)
{
    if (!text)
        return;
    GString *w = g_string_new(NULL);
    for (const char *p = text;; p = g_utf8_next_char(p)) {
        gunichar c = *p ? g_utf8_get_char(p) : 0;
        if (c && g_unichar_isalnum(c)) {
            g_string_append_unichar(w, g_unichar_tolower(c));
            continue;
        }
        if (w->len)
            g_ptr_array_add(out, g_strndup(w->str, w->len));
        g_string_truncate(w, 0);
        if (!c)
            break;
    }
    g_string_free(w, TRUE);
}

static gint cmp_strp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts and drops repeats. */
static void uniq(GPtrArray *a)
{
    g_ptr_array_sort(a, cmp_strp);
    guint out = 0;
    for (guint i = 0; i < a->len; i++) {
        if (out && strcmp(g_ptr_array_index(a, out - 1), g_ptr_array_index(a, i)) == 0) {
            g_free(g_ptr_array_index(a, i));
            continue;
        }
        a->pdata[out++] = a->pdata[i];
    }
    a->len = out;
}

/* Adds the stemmed content words of text (not stop words, not numbers, at least three
 * characters) to out. */
static void content_words(const chron_merger *m, const char *text, GPtrArray *out)
{
    GPtrArray *raw = g_ptr_array_new_with_free_func(g_free);
    words_of(text, raw);
    GString *w = g_string_new(NULL);
    for (guint i = 0; i < raw->len; i++) {
        const char *t = g_ptr_array_index(raw, i);
        if (g_utf8_strlen(t, -1) < 3 || g_hash_table_contains(m->stop, t))
            continue;
        gboolean number = TRUE;
        for (const char *p = t; *p && number; p++)
            number = g_ascii_isdigit(*p);
        if (number)
            continue;
        g_string_assign(w, t);
        stem(w);
        if (!g_hash_table_contains(m->stop, w->str))
            g_ptr_array_add(out, g_strndup(w->str, w->len));
    }
    g_string_free(w, TRUE);
    g_ptr_array_unref(raw);
}

/* The key terms of ev: the content words of its summary. Sorted, unique. */
static GPtrArray *key_terms(const chron_merger *m, const chron_event *ev)
{
    GPtrArray *terms = g_ptr_array_new_with_free_func(g_free);
    content_words(m, ev->summary && *ev->summary ? ev->summary : ev->sentence, terms);
    uniq(terms);
    return terms;
}

static gboolean specific(const char *type)
{
    return type && *type && strcmp(type, "other") != 0;
}

/* One event during a run: its key terms and actors as sorted ids (strings are interned once,
 * so a pair is compared with integers), and its window in Julian days. */
typedef struct {
    chron_event *ev;
    GArray *terms;  /* of guint term ids, sorted, unique */
    GArray *actors; /* of guint actor ids, sorted, unique */
    gint64 start, end;
} item;

typedef struct {
    GHashTable *term_ids;   /* term -> id + 1 */
    GHashTable *actor_ids;  /* actor name -> id + 1 */
    GPtrArray *actor_words; /* actor id -> GArray of its words' term ids */
    guint nterms;
} interner;

static void interner_init(interner *in)
{
    in->term_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    in->actor_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    in->actor_words = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    in->nterms = 0;
}

static void interner_clear(interner *in)
{
    g_hash_table_unref(in->term_ids);
    g_hash_table_unref(in->actor_ids);
    g_ptr_array_unref(in->actor_words);
}

static guint intern(GHashTable *ids, const char *s, guint *next)
{
    gpointer v = g_hash_table_lookup(ids, s);
    if (v)
        return GPOINTER_TO_UINT(v) - 1;
    g_hash_table_insert(ids, g_strdup(s), GUINT_TO_POINTER(*next + 1));
    return (*next)++;
}

static gint cmp_uint(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *)a, y = *(const guint *)b;
    return x < y ? -1 : x > y;
}

static GArray *sorted_ids(GArray *a)
{
    g_array_sort(a, cmp_uint);
    guint out = 0;
    for (guint i = 0; i < a->len; i++)
        if (!out || g_array_index(a, guint, out - 1) != g_array_index(a, guint, i))
            g_array_index(a, guint, out++) = g_array_index(a, guint, i);
    g_array_set_size(a, out);
    return a;
}

static void item_init(const chron_merger *m, interner *in, item *it, chron_event *ev)
{
    it->ev = ev;
    it->start = g_date_get_julian(&ev->start);
    it->end = g_date_get_julian(&ev->end);
    GPtrArray *terms = key_terms(m, ev);
    it->terms = g_array_sized_new(FALSE, FALSE, sizeof(guint), terms->len);
    for (guint k = 0; k < terms->len; k++) {
        guint id = intern(in->term_ids, g_ptr_array_index(terms, k), &in->nterms);
        g_array_append_val(it->terms, id);
    }
    g_ptr_array_unref(terms);
    sorted_ids(it->terms);
    it->actors = g_array_new(FALSE, FALSE, sizeof(guint));
    for (char **a = ev->actors; a && *a; a++) {
        guint next = in->actor_words->len;
        guint id = intern(in->actor_ids, *a, &next);
        if (id == in->actor_words->len) { /* a new actor: the term ids of its words */
            GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
            content_words(m, *a, words);
            GArray *w = g_array_new(FALSE, FALSE, sizeof(guint));
            for (guint k = 0; k < words->len; k++) {
                guint t = intern(in->term_ids, g_ptr_array_index(words, k), &in->nterms);
                g_array_append_val(w, t);
            }
            g_ptr_array_unref(words);
            g_ptr_array_add(in->actor_words, sorted_ids(w));
        }
        g_array_append_val(it->actors, id);
    }
    sorted_ids(it->actors);
}

static gboolean contains(const GArray *a, guint v)
{
    guint lo = 0, hi = a->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        guint x = g_array_index(a, guint, mid);
        if (x == v)
            return TRUE;
        if (x < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return FALSE;
}

/* How alike a and b are: *terms, the key terms they share that are not words of an actor they
 * share (naming Japan twice, "Japan" and "japan", is one likeness, not two; a name only one of
 * them took for an actor, "Defense Cooperation", still counts as words), and *actors, the
 * actors they share. */
static void likeness(const interner *in, const item *a, const item *b, guint *terms, guint *actors)
{
    guint common[64], nc = 0;
    for (guint i = 0, j = 0; i < a->terms->len && j < b->terms->len && nc < G_N_ELEMENTS(common);) {
        guint x = g_array_index(a->terms, guint, i), y = g_array_index(b->terms, guint, j);
        if (x == y)
            common[nc++] = x;
        i += x <= y;
        j += x >= y;
    }
    guint shared_actors[16], ac = 0;
    for (guint i = 0, j = 0; i < a->actors->len && j < b->actors->len;) {
        guint x = g_array_index(a->actors, guint, i), y = g_array_index(b->actors, guint, j);
        if (x == y && ac < G_N_ELEMENTS(shared_actors))
            shared_actors[ac++] = x;
        i += x <= y;
        j += x >= y;
    }
    guint t = 0;
    for (guint k = 0; k < nc; k++) {
        gboolean actor_word = FALSE;
        for (guint s = 0; s < ac && !actor_word; s++)
            actor_word = contains(g_ptr_array_index(in->actor_words, shared_actors[s]), common[k]);
        t += !actor_word;
    }
    *terms = t;
    *actors = ac;
}

static gboolean same_happening(const interner *in, const item *a, const item *b)
{
    if (a->ev->framing || b->ev->framing || g_strcmp0(a->ev->doc, b->ev->doc) == 0)
        return FALSE;
    guint t, ac;
    likeness(in, a, b, &t, &ac);
    if (t == 0)
        return FALSE; /* every rule needs a shared term */
    gint64 gap = MAX(a->start, b->start) - MIN(a->end, b->end);
    if (gap >= 0) {
        chron_granularity g = MAX(a->ev->granularity, b->ev->granularity);
        gint64 near = g <= CHRON_GRAN_DAY     ? NEAR_DAYS_DAY
                      : g <= CHRON_GRAN_MONTH ? NEAR_DAYS_MONTH
                                              : -1;
        /* Windows that only come near need a strong likeness. */
        return gap <= near && ((ac >= 2 && t >= 2) || t >= 3);
    }
    /* Different kinds of happening ("signed" and "held an exercise") need more than actors. */
    if (specific(a->ev->type) && specific(b->ev->type) && strcmp(a->ev->type, b->ev->type) != 0)
        return ac >= 1 && t >= 2;
    return (ac >= 2 && t >= 1) || (ac >= 1 && t >= 2) || t >= 3;
}

void chron_merger_overlap(const chron_merger *m, const chron_event *a, const chron_event *b,
                          guint *terms, guint *actors)
{
    interner in;
    interner_init(&in);
    item ia, ib;
    item_init(m, &in, &ia, (chron_event *)a);
    item_init(m, &in, &ib, (chron_event *)b);
    guint t, ac;
    likeness(&in, &ia, &ib, &t, &ac);
    if (terms)
        *terms = t;
    if (actors)
        *actors = ac;
    g_array_unref(ia.terms);
    g_array_unref(ia.actors);
    g_array_unref(ib.terms);
    g_array_unref(ib.actors);
    interner_clear(&in);
}

static guint find(guint *parent, guint i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static gint64 span_of(const chron_event *ev)
{
    return (gint64)g_date_get_julian(&ev->end) - (gint64)g_date_get_julian(&ev->start);
}

/* TRUE when a is the better report to date a happening by: the shorter span, then the earlier
 * start, then the smaller id. */
static gboolean more_precise(const chron_event *a, const chron_event *b)
{
    gint64 sa = span_of(a), sb = span_of(b);
    if (sa != sb)
        return sa < sb;
    int c = g_date_compare(&a->start, &b->start);
    if (c)
        return c < 0;
    return g_strcmp0(a->id, b->id) < 0;
}

static gint cmp_source(gconstpointer pa, gconstpointer pb)
{
    const chron_source *a = *(chron_source *const *)pa, *b = *(chron_source *const *)pb;
    int c = g_strcmp0(a->doc, b->doc);
    if (c)
        return c;
    return a->timex_start < b->timex_start ? -1 : a->timex_start > b->timex_start;
}

static void add_unique(GPtrArray *a, const char *s)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), s) == 0)
            return;
    g_ptr_array_add(a, g_strdup(s));
}

static char **to_strv(GPtrArray *a)
{
    if (a->len == 0) {
        g_ptr_array_unref(a);
        return NULL;
    }
    g_ptr_array_add(a, NULL);
    g_ptr_array_set_free_func(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

/* Folds the members of one group (indices into items, in list order) into the most precise. */
static chron_event *join(item *items, const guint *members, guint n)
{
    guint best = members[0];
    for (guint k = 1; k < n; k++)
        if (more_precise(items[members[k]].ev, items[best].ev))
            best = members[k];
    chron_event *rep = items[best].ev;
    items[best].ev = NULL;
    GPtrArray *sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    GPtrArray *actors = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *conflicts = g_ptr_array_new_with_free_func(g_free);
    for (char **a = rep->actors; a && *a; a++)
        add_unique(actors, *a);
    const char *type = specific(rep->type) ? rep->type : NULL;
    for (guint k = 0; k < n; k++) {
        const chron_event *ev = members[k] == best ? rep : items[members[k]].ev;
        for (guint s = 0; ev->sources && s < ev->sources->len; s++)
            g_ptr_array_add(sources, chron_source_copy(g_ptr_array_index(ev->sources, s)));
        if (ev == rep)
            continue;
        for (char **a = ev->actors; a && *a; a++)
            add_unique(actors, *a);
        if (!type && specific(ev->type))
            type = ev->type;
        /* A report whose window does not hold the chosen date disagrees with it. */
        if (g_date_compare(&ev->start, &rep->start) > 0 || g_date_compare(&ev->end, &rep->end) < 0)
            add_unique(conflicts, ev->value);
    }
    g_ptr_array_sort(sources, cmp_source);
    if (type && type != rep->type) {
        char *t = g_strdup(type);
        g_free(rep->type);
        rep->type = t;
    }
    if (rep->sources)
        g_ptr_array_unref(rep->sources);
    rep->sources = sources;
    gboolean classified = rep->actors != NULL;
    g_strfreev(rep->actors);
    if (classified && actors->len == 0) {
        g_ptr_array_add(actors, NULL);
        g_ptr_array_set_free_func(actors, NULL);
        rep->actors = (char **)g_ptr_array_free(actors, FALSE);
    } else {
        rep->actors = to_strv(actors);
    }
    g_strfreev(rep->conflicts);
    rep->conflicts = to_strv(conflicts);
    return rep;
}

void chron_merger_run(const chron_merger *m, chron_event_list *list)
{
    chron_event_list_sort(list);
    GPtrArray *evs = chron_event_list_steal(list);
    guint n = evs->len;
    item *items = g_new0(item, n + 1);
    guint *parent = g_new(guint, n + 1);
    interner in;
    interner_init(&in);
    for (guint i = 0; i < n; i++) {
        item_init(m, &in, &items[i], g_ptr_array_index(evs, i));
        parent[i] = i;
    }
    /* Every rule needs a shared key term, so the candidates of i are found through an index
     * from term to the events using it (in list order). The list is sorted by start: only
     * events starting before i's window ends (plus the near allowance) can share it. */
    GArray **postings = g_new0(GArray *, in.nterms + 1);
    for (guint i = 0; i < n; i++) {
        for (guint k = 0; k < items[i].terms->len; k++) {
            guint t = g_array_index(items[i].terms, guint, k);
            if (!postings[t])
                postings[t] = g_array_new(FALSE, FALSE, sizeof(guint));
            g_array_append_val(postings[t], i);
        }
    }
    guint *seen = g_new0(guint, n + 1); /* i + 1 once j was looked at for i */
    for (guint i = 0; i < n; i++) {
        gint64 limit = items[i].end + NEAR_DAYS_MONTH;
        for (guint k = 0; k < items[i].terms->len; k++) {
            GArray *a = postings[g_array_index(items[i].terms, guint, k)];
            guint lo = 0, hi = a->len; /* the first entry after i */
            while (lo < hi) {
                guint mid = lo + (hi - lo) / 2;
                if (g_array_index(a, guint, mid) <= i)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (guint p = lo; p < a->len; p++) {
                guint j = g_array_index(a, guint, p);
                if (items[j].start > limit)
                    break;
                if (seen[j] == i + 1)
                    continue;
                seen[j] = i + 1;
                if (find(parent, i) != find(parent, j) && same_happening(&in, &items[i], &items[j]))
                    parent[find(parent, j)] = find(parent, i);
            }
        }
    }
    g_free(seen);
    for (guint t = 0; t < in.nterms; t++)
        if (postings[t])
            g_array_unref(postings[t]);
    g_free(postings);
    interner_clear(&in);
    /* Group members by root, each group in list order. */
    guint *group_of = g_new(guint, n + 1); /* root -> group number + 1 */
    memset(group_of, 0, sizeof(guint) * (n + 1));
    GPtrArray *groups = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (guint i = 0; i < n; i++) {
        guint r = find(parent, i);
        if (!group_of[r]) {
            g_ptr_array_add(groups, g_array_new(FALSE, FALSE, sizeof(guint)));
            group_of[r] = groups->len;
        }
        g_array_append_val((GArray *)g_ptr_array_index(groups, group_of[r] - 1), i);
    }
    for (guint g = 0; g < groups->len; g++) {
        GArray *members = g_ptr_array_index(groups, g);
        chron_event_list_append(list, join(items, (const guint *)members->data, members->len));
    }
    g_ptr_array_unref(groups);
    g_free(group_of);
    for (guint i = 0; i < n; i++) {
        g_array_unref(items[i].terms);
        g_array_unref(items[i].actors);
    }
    /* Events folded into another are still in evs; the chosen ones were taken out. */
    for (guint i = 0; i < n; i++)
        if (!items[i].ev)
            evs->pdata[i] = NULL;
    g_ptr_array_set_free_func(evs, NULL);
    for (guint i = 0; i < n; i++)
        chron_event_free(g_ptr_array_index(evs, i));
    g_ptr_array_free(evs, TRUE);
    g_free(items);
    g_free(parent);
    chron_event_list_sort(list);
}

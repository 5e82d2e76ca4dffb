/* event.c - event lists, calendar spans of TIMEX3 values, stable ids, and extraction of the
 * events of one tagged document. */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "error.h"
#include "isodate.h"
#include "rules.h"
#include "summary.h"
#include "text.h"

struct chron_extractor {
    GPtrArray *openers;           /* "It also", ...: case-folded, words separated by one space */
    GPtrArray *pronouns;          /* "it", "they", ...: case-folded */
    chron_classifier *classifier; /* NULL when the bundle has no English lexicons */
};

chron_extractor *chron_extractor_new(GError **error)
{
    chron_extractor *x = g_new0(chron_extractor, 1);
    x->openers = g_ptr_array_new_with_free_func(g_free);
    x->pronouns = g_ptr_array_new_with_free_func(g_free);
    GError *err = NULL;
    if (chron_resource_list("timeline.ini", "continuation", "openers", x->openers, &err))
        chron_resource_list("timeline.ini", "continuation", "pronouns", x->pronouns, &err);
    /* Types and actors come from the English lexicons (the sample stories are in English); a
     * bundle without them leaves events unclassified. */
    if (!err) {
        x->classifier = chron_classifier_new("en", &err);
        if (!x->classifier && g_error_matches(err, CHRON_ERROR, CHRON_ERROR_IO))
            g_clear_error(&err);
    }
    if (err) {
        g_propagate_error(error, err);
        chron_extractor_free(x);
        return NULL;
    }
    return x;
}

void chron_extractor_free(chron_extractor *x)
{
    if (!x)
        return;
    g_ptr_array_unref(x->openers);
    g_ptr_array_unref(x->pronouns);
    chron_classifier_free(x->classifier);
    g_free(x);
}

struct chron_event_list {
    GPtrArray *items; /* of chron_event *, owned */
};

chron_event *chron_event_new(void)
{
    chron_event *ev = g_new0(chron_event, 1);
    g_date_clear(&ev->start, 1);
    g_date_clear(&ev->end, 1);
    return ev;
}

void chron_event_free(chron_event *ev)
{
    if (!ev)
        return;
    g_free(ev->id);
    g_free(ev->doc);
    g_free(ev->doc_title);
    g_free(ev->doc_source);
    g_free(ev->value);
    g_free(ev->mod);
    g_free(ev->zone);
    g_free(ev->summary);
    g_free(ev->sentence);
    g_free(ev->timex);
    g_free(ev->type);
    g_strfreev(ev->actors);
    if (ev->sources)
        g_ptr_array_unref(ev->sources);
    g_strfreev(ev->conflicts);
    g_free(ev);
}

chron_event *chron_event_copy(const chron_event *ev)
{
    chron_event *c = g_new0(chron_event, 1);
    *c = *ev; /* dates, flags, offsets and the static framing reason */
    c->id = g_strdup(ev->id);
    c->doc = g_strdup(ev->doc);
    c->doc_title = g_strdup(ev->doc_title);
    c->doc_source = g_strdup(ev->doc_source);
    c->value = g_strdup(ev->value);
    c->mod = g_strdup(ev->mod);
    c->zone = g_strdup(ev->zone);
    c->summary = g_strdup(ev->summary);
    c->sentence = g_strdup(ev->sentence);
    c->timex = g_strdup(ev->timex);
    c->type = g_strdup(ev->type);
    c->actors = g_strdupv(ev->actors);
    c->conflicts = g_strdupv(ev->conflicts);
    c->sources = NULL;
    if (ev->sources) {
        c->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
        for (guint i = 0; i < ev->sources->len; i++)
            g_ptr_array_add(c->sources, chron_source_copy(g_ptr_array_index(ev->sources, i)));
    }
    return c;
}

void chron_source_free(chron_source *src)
{
    if (!src)
        return;
    g_free(src->doc);
    g_free(src->title);
    g_free(src->publisher);
    g_free(src->url);
    g_free(src->sentence);
    g_free(src->timex);
    g_free(src->value);
    g_free(src);
}

chron_source *chron_source_copy(const chron_source *src)
{
    chron_source *c = g_new0(chron_source, 1);
    c->doc = g_strdup(src->doc);
    c->title = g_strdup(src->title);
    c->publisher = g_strdup(src->publisher);
    c->url = g_strdup(src->url);
    c->sentence = g_strdup(src->sentence);
    c->timex = g_strdup(src->timex);
    c->value = g_strdup(src->value);
    c->timex_start = src->timex_start;
    c->timex_end = src->timex_end;
    return c;
}

guint chron_event_source_count(const chron_event *ev)
{
    if (!ev->sources || ev->sources->len == 0)
        return 1;
    guint n = 0;
    for (guint i = 0; i < ev->sources->len; i++) {
        const chron_source *s = g_ptr_array_index(ev->sources, i);
        gboolean seen = FALSE;
        for (guint j = 0; j < i && !seen; j++)
            seen = g_strcmp0(((const chron_source *)g_ptr_array_index(ev->sources, j))->doc,
                             s->doc) == 0;
        n += !seen;
    }
    return n;
}

chron_event_list *chron_event_list_new(void)
{
    chron_event_list *list = g_new0(chron_event_list, 1);
    list->items = g_ptr_array_new_with_free_func((GDestroyNotify)chron_event_free);
    return list;
}

void chron_event_list_free(chron_event_list *list)
{
    if (!list)
        return;
    g_ptr_array_free(list->items, TRUE);
    g_free(list);
}

void chron_event_list_append(chron_event_list *list, chron_event *ev)
{
    g_ptr_array_add(list->items, ev);
}

guint chron_event_list_count(const chron_event_list *list)
{
    return list ? list->items->len : 0;
}

const chron_event *chron_event_list_get(const chron_event_list *list, guint i)
{
    if (!list || i >= list->items->len)
        return NULL;
    return g_ptr_array_index(list->items, i);
}

static int cmp_str(const char *a, const char *b)
{
    return g_strcmp0(a, b);
}

static int cmp_date(const GDate *a, const GDate *b)
{
    gboolean va = g_date_valid(a), vb = g_date_valid(b);
    if (va != vb)
        return va ? -1 : 1;
    return va ? g_date_compare(a, b) : 0;
}

static gint cmp_event(gconstpointer pa, gconstpointer pb)
{
    const chron_event *a = *(chron_event *const *)pa;
    const chron_event *b = *(chron_event *const *)pb;
    int c;
    if ((c = cmp_date(&a->start, &b->start)))
        return c;
    if ((c = cmp_date(&a->end, &b->end)))
        return c;
    if ((c = cmp_str(a->summary, b->summary)))
        return c;
    if ((c = cmp_str(a->doc, b->doc)))
        return c;
    if ((c = cmp_str(a->value, b->value)))
        return c;
    if ((c = cmp_str(a->id, b->id))) /* mod and open end; keeps equal events together */
        return c;
    return a->timex_start < b->timex_start ? -1 : a->timex_start > b->timex_start;
}

void chron_event_list_sort(chron_event_list *list)
{
    g_ptr_array_sort(list->items, cmp_event);
}

void chron_event_list_dedupe(chron_event_list *list)
{
    /* After sorting, events with one id (same document, value and summary) stand together. */
    guint out = 0;
    for (guint i = 0; i < list->items->len; i++) {
        chron_event *ev = g_ptr_array_index(list->items, i);
        chron_event *prev = out ? g_ptr_array_index(list->items, out - 1) : NULL;
        if (prev && g_strcmp0(prev->id, ev->id) == 0) {
            chron_event_free(ev);
            continue;
        }
        list->items->pdata[out++] = ev;
    }
    g_ptr_array_set_free_func(list->items, NULL);
    g_ptr_array_set_size(list->items, out);
    g_ptr_array_set_free_func(list->items, (GDestroyNotify)chron_event_free);
}

GPtrArray *chron_event_list_steal(chron_event_list *list)
{
    GPtrArray *items = list->items;
    list->items = g_ptr_array_new_with_free_func((GDestroyNotify)chron_event_free);
    return items;
}

void chron_event_list_concat(chron_event_list *dst, chron_event_list *src)
{
    if (!src)
        return;
    /* Move the pointers without freeing the events. */
    g_ptr_array_set_free_func(src->items, NULL);
    for (guint i = 0; i < src->items->len; i++)
        g_ptr_array_add(dst->items, g_ptr_array_index(src->items, i));
    g_ptr_array_free(src->items, TRUE);
    g_free(src);
}

static const char *const gran_names[] = {
    [CHRON_GRAN_UNKNOWN] = "unknown", [CHRON_GRAN_DAY] = "day",
    [CHRON_GRAN_WEEK] = "week",       [CHRON_GRAN_MONTH] = "month",
    [CHRON_GRAN_SEASON] = "season",   [CHRON_GRAN_QUARTER] = "quarter",
    [CHRON_GRAN_HALF] = "half",       [CHRON_GRAN_YEAR] = "year",
    [CHRON_GRAN_DECADE] = "decade",   [CHRON_GRAN_CENTURY] = "century",
};

const char *chron_granularity_name(chron_granularity g)
{
    if ((unsigned)g >= G_N_ELEMENTS(gran_names))
        return "unknown";
    return gran_names[g];
}

/* Parses exactly n decimal digits at s. */
static gboolean digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return TRUE;
}

static gboolean set_span(chron_event *ev, int y1, int m1, int d1, int y2, int m2, int d2,
                         chron_granularity g)
{
    if (y1 < 1 || y2 < 1 || y2 > 9999 || !g_date_valid_dmy(d1, m1, y1) ||
        !g_date_valid_dmy(d2, m2, y2))
        return FALSE;
    g_date_set_dmy(&ev->start, d1, m1, y1);
    g_date_set_dmy(&ev->end, d2, m2, y2);
    ev->granularity = g;
    return TRUE;
}

gboolean chron_event_span_from_value(chron_event *ev, const char *v)
{
    int y, m, d, n;
    size_t len;

    if (!v)
        return FALSE;
    len = strlen(v);
    /* Century "19" and decade "199" / "199X". */
    if (len == 2 && digits(v, 2, &n))
        return set_span(ev, n * 100 + (n == 0), 1, 1, n * 100 + 100, 1, 1, CHRON_GRAN_CENTURY);
    if ((len == 3 || (len == 4 && v[3] == 'X')) && digits(v, 3, &n) && n > 0)
        return set_span(ev, n * 10, 1, 1, n * 10 + 10, 1, 1, CHRON_GRAN_DECADE);
    if (len < 4 || !digits(v, 4, &y) || y < 1)
        return FALSE;
    if (len == 4)
        return set_span(ev, y, 1, 1, y + 1, 1, 1, CHRON_GRAN_YEAR);
    if (v[4] != '-')
        return FALSE;
    const char *r = v + 5;
    /* A day or month of a year the text does not name ("that same day" after "in 1998"): the
     * year. */
    if (strcmp(r, "XX") == 0 || strcmp(r, "XX-XX") == 0)
        return set_span(ev, y, 1, 1, y + 1, 1, 1, CHRON_GRAN_YEAR);
    /* A month, or a day of it the text does not name ("that same day" after "in October"). */
    gsize rn = strlen(r);
    if ((rn == 2 || (rn == 5 && strcmp(r + 2, "-XX") == 0)) && digits(r, 2, &m) && m >= 1 &&
        m <= 12)
        return set_span(ev, y, m, 1, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, CHRON_GRAN_MONTH);
    if (r[0] == 'Q' && digits(r + 1, 1, &n) && n >= 1 && n <= 4 && r[2] == '\0') {
        m = (n - 1) * 3 + 1;
        return set_span(ev, y, m, 1, n == 4 ? y + 1 : y, n == 4 ? 1 : m + 3, 1, CHRON_GRAN_QUARTER);
    }
    if (r[0] == 'H' && digits(r + 1, 1, &n) && (n == 1 || n == 2) && r[2] == '\0')
        return set_span(ev, y, n == 1 ? 1 : 7, 1, n == 1 ? y : y + 1, n == 1 ? 7 : 1, 1,
                        CHRON_GRAN_HALF);
    /* Seasons, northern hemisphere, by meteorological months. */
    static const struct {
        const char *code;
        int m1, m2, next_year;
    } seasons[] = {
        {"SP", 3, 6, 0},
        {"SU", 6, 9, 0},
        {"FA", 9, 12, 0},
        {"WI", 12, 3, 1},
    };
    for (guint i = 0; i < G_N_ELEMENTS(seasons); i++)
        if (strcmp(r, seasons[i].code) == 0)
            return set_span(ev, y, seasons[i].m1, 1, y + seasons[i].next_year, seasons[i].m2, 1,
                            CHRON_GRAN_SEASON);
    if (r[0] == 'W' && digits(r + 1, 2, &n) && (r[3] == '\0' || strcmp(r + 3, "-WE") == 0)) {
        GDate s;
        if (!chron_isodate_week_monday(y, n, &s))
            return FALSE;
        ev->start = s;
        ev->end = s;
        if (r[3] != '\0') { /* weekend */
            g_date_add_days(&ev->start, 5);
            g_date_add_days(&ev->end, 7);
            ev->granularity = CHRON_GRAN_DAY;
        } else {
            g_date_add_days(&ev->end, 7);
            ev->granularity = CHRON_GRAN_WEEK;
        }
        return TRUE;
    }
    if (strlen(r) >= 5 && digits(r, 2, &m) && r[2] == '-' && digits(r + 3, 2, &d) &&
        (r[5] == '\0' || r[5] == 'T')) {
        if (!g_date_valid_dmy(d, m, y))
            return FALSE;
        GDate e;
        g_date_clear(&e, 1);
        g_date_set_dmy(&e, d, m, y);
        g_date_add_days(&e, 1);
        return set_span(ev, y, m, d, g_date_get_year(&e), g_date_get_month(&e), g_date_get_day(&e),
                        CHRON_GRAN_DAY);
    }
    return FALSE;
}

void chron_event_compute_id(chron_event *ev)
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    /* "since 1989" and "1989" in one sentence are two events: the open end and the modifier
     * belong to the identity. */
    /* The article by file name, not by the path it was given as: "corpus/a.txt" and
     * "./corpus/a.txt" must give the same UIDs, or a calendar would show events twice. */
    char *base = ev->doc ? g_path_get_basename(ev->doc) : NULL;
    const char *parts[] = {base, ev->value, ev->summary, ev->mod, ev->open_end ? "open" : NULL};
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
        const char *p = parts[i] ? parts[i] : "";
        g_checksum_update(ck, (const guchar *)p, strlen(p));
        g_checksum_update(ck, (const guchar *)"\x1f", 1); /* unit separator between fields */
    }
    g_free(ev->id);
    ev->id = g_strndup(g_checksum_get_string(ck), 16);
    g_checksum_free(ck);
    g_free(base);
}

/* TRUE when only white space, a comma or "of" separates two mentions: "January this year",
 * "Thursday, 15 January": one date phrase written as two mentions. */
static gboolean adjacent(const char *text, const chron_timex *a, const chron_timex *b)
{
    if (a->sent_start != b->sent_start || b->start < a->end || b->start - a->end > 4)
        return FALSE;
    for (gsize i = a->end; i < b->start; i++)
        if (!g_ascii_isspace(text[i]) && text[i] != ',' &&
            !(i + 1 < b->start && text[i] == 'o' && text[i + 1] == 'f' && (i++, TRUE)))
            return FALSE;
    return TRUE;
}

static gsize span_days(const chron_event *ev)
{
    return (gsize)(g_date_get_julian(&ev->end) - g_date_get_julian(&ev->start));
}

/* A span from the reference date: "in recent years" (PAST_REF) is taken as the year up to the
 * publication date, "now" as its day, "in the future" as the year after it. */
static gboolean reference_span(chron_event *ev, const char *value, const GDate *dct)
{
    if (!g_date_valid(dct))
        return FALSE;
    GDate a = *dct, b = *dct;
    if (strcmp(value, "PAST_REF") == 0) {
        g_date_subtract_years(&a, 1);
    } else if (strcmp(value, "PRESENT_REF") == 0) {
        g_date_add_days(&b, 1);
    } else if (strcmp(value, "FUTURE_REF") == 0) {
        g_date_add_days(&a, 1);
        g_date_add_years(&b, 1);
    } else {
        return FALSE;
    }
    ev->start = a;
    ev->end = b;
    ev->granularity = strcmp(value, "PRESENT_REF") == 0 ? CHRON_GRAN_DAY : CHRON_GRAN_YEAR;
    ev->approximate = TRUE;
    return TRUE;
}

/* The date a mention gives an event: its value for a date or time, the point a duration leads
 * to from the date before it ("A year later": "2020"); NULL for other durations, sets and
 * unresolved values. */
static const char *dated_value(const chron_timex *t)
{
    if (t->type == CHRON_TIMEX_DATE || t->type == CHRON_TIMEX_TIME)
        return t->value;
    return t->type == CHRON_TIMEX_DURATION ? t->point : NULL;
}

/* The event a mention dates, or NULL when it dates none (durations without a point, sets,
 * unresolved values) or, unless all is set, when it only frames the text: page furniture and
 * datelines, fuzzy references, centuries. */
static chron_event *event_for(const chron_doc *doc, const chron_timex *t, const GDate *dct,
                              gboolean all)
{
    const char *value = dated_value(t);
    if (!value)
        return NULL;
    chron_event *ev = chron_event_new();
    if (chron_doc_is_furniture(doc, t->start))
        ev->framing_reason = "furniture";
    /* A time's calendar day: drop the "Thh:mm" part. */
    char *day = g_strndup(value, strcspn(value, "T"));
    gboolean ok = chron_event_span_from_value(ev, day);
    g_free(day);
    if (!ok && reference_span(ev, value, dct)) {
        ok = TRUE;
        ev->framing_reason = "reference";
    }
    /* A century is too coarse to place an event on a timeline. */
    if (ok && ev->granularity == CHRON_GRAN_CENTURY)
        ev->framing_reason = "century";
    if (!ok || (ev->framing_reason && !all)) {
        chron_event_free(ev);
        return NULL;
    }
    ev->framing = ev->framing_reason != NULL;
    return ev;
}

/* TRUE when the sentence s[0..len) opens with one of the openers (case-insensitive, then a
 * space). */
static gboolean opens_with(const chron_extractor *x, const char *s, gsize len)
{
    gsize n = MIN(len, 64);
    char *head = g_utf8_casefold(s, (gssize)n);
    gboolean ok = FALSE;
    for (guint i = 0; i < x->openers->len && !ok; i++) {
        const char *o = g_ptr_array_index(x->openers, i);
        gsize ol = strlen(o);
        ok = strncmp(head, o, ol) == 0 && head[ol] == ' ';
    }
    g_free(head);
    return ok;
}

/* The sentence right after byte offset end in the same paragraph, when it carries on the event
 * (an opener, no date of its own); FALSE otherwise. */
static gboolean continuation_after(const chron_extractor *x, const char *text, const GArray *sents,
                                   const chron_timex_list *mentions, gsize end, chron_span *out)
{
    for (guint i = 0; i < sents->len; i++) {
        const chron_span *sp = &g_array_index(sents, chron_span, i);
        if (sp->start < end)
            continue;
        /* the same paragraph: no blank line between */
        for (gsize k = end; k < sp->start; k++)
            if (text[k] == '\n' && memchr(text + k + 1, '\n', sp->start - k - 1))
                return FALSE;
        if (!opens_with(x, text + sp->start, sp->end - sp->start))
            return FALSE;
        for (guint m = 0; m < chron_timex_list_count(mentions); m++) {
            const chron_timex *t = chron_timex_list_get(mentions, m);
            if (t->start >= sp->start && t->start < sp->end)
                return FALSE;
        }
        *out = *sp;
        return TRUE;
    }
    return FALSE;
}

/* Type and actors from the classifier: actors from the summary (the main clause: "Chen said"
 * names no actor of the event), or the sentence when the summary names none. */
static void classify(const chron_extractor *x, chron_event *ev)
{
    if (!x || !x->classifier)
        return;
    g_free(ev->type);
    ev->type = g_strdup(chron_classifier_type(x->classifier, ev->summary, ev->sentence));
    g_strfreev(ev->actors);
    ev->actors = chron_classifier_actors(x->classifier, ev->summary ? ev->summary : "");
    if (!ev->actors[0]) {
        g_strfreev(ev->actors);
        ev->actors = chron_classifier_actors(x->classifier, ev->sentence ? ev->sentence : "");
    }
}

/* "It also clinched ..." after an event of Japan's: "Japan also clinched ...". */
static void replace_pronoun(const chron_extractor *x, char **summary, const chron_event *before)
{
    if (!before->actors || !before->actors[0] || !*summary)
        return;
    const char *sp = strchr(*summary, ' ');
    if (!sp)
        return;
    char *first = g_utf8_casefold(*summary, sp - *summary);
    gboolean pronoun = FALSE;
    for (guint i = 0; i < x->pronouns->len && !pronoun; i++)
        pronoun = strcmp(first, g_ptr_array_index(x->pronouns, i)) == 0;
    g_free(first);
    if (pronoun) {
        char *s = g_strconcat(before->actors[0], sp, NULL);
        g_free(*summary);
        *summary = s;
    }
}

/* An event of the same date as ev, reported by the sentence sp. */
static chron_event *continuation_event(const chron_extractor *x, const chron_event *ev,
                                       const chron_doc *doc, const char *text, const chron_span *sp)
{
    chron_event *c = chron_event_new();
    c->doc = g_strdup(ev->doc);
    c->doc_title = g_strdup(ev->doc_title);
    c->doc_source = g_strdup(ev->doc_source);
    c->value = g_strdup(ev->value);
    c->mod = g_strdup(ev->mod);
    c->zone = g_strdup(ev->zone);
    c->start = ev->start;
    c->end = ev->end;
    c->granularity = ev->granularity;
    c->open_end = ev->open_end;
    c->approximate = ev->approximate;
    c->timex = g_strdup(ev->timex);
    c->timex_start = ev->timex_start;
    c->timex_end = ev->timex_end;
    c->sentence = chron_text_squeeze(text + sp->start, sp->end - sp->start);
    c->summary = chron_summary_make(text + sp->start, sp->end - sp->start, 0, 0);
    replace_pronoun(x, &c->summary, ev);
    classify(x, c);
    chron_source *src = g_new0(chron_source, 1);
    src->doc = g_strdup(c->doc);
    src->title = g_strdup(c->doc_title);
    src->publisher = g_strdup(c->doc_source);
    src->url = g_strdup(chron_doc_url(doc));
    src->sentence = g_strdup(c->sentence);
    src->timex = g_strdup(c->timex);
    src->value = g_strdup(c->value);
    src->timex_start = c->timex_start;
    src->timex_end = c->timex_end;
    c->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    g_ptr_array_add(c->sources, src);
    chron_event_compute_id(c);
    return c;
}

chron_event_list *chron_events_extract(const chron_extractor *x, const chron_doc *doc,
                                       const chron_timex_list *mentions, chron_extract_flags flags)
{
    GArray *sents = NULL; /* made when a continuation is looked for */
    gboolean all = (flags & CHRON_EXTRACT_ALL) != 0;
    chron_event_list *list = chron_event_list_new();
    const char *text = chron_doc_text(doc);
    GDate dct;
    g_date_clear(&dct, 1);
    chron_dct_source dsrc = chron_doc_dct(doc, &dct);
    guint n = chron_timex_list_count(mentions);
    gboolean *consumed = g_new0(gboolean, n + 1); /* ends of "from X to Y" already used */
    for (guint i = 0; i < n;) {
        if (consumed[i]) {
            i++;
            continue;
        }
        /* A run of adjacent mentions is one date phrase; its finest dated mention is the event. */
        guint j = i + 1;
        while (j < n && adjacent(text, chron_timex_list_get(mentions, j - 1),
                                 chron_timex_list_get(mentions, j)))
            j++;
        const chron_timex *first = chron_timex_list_get(mentions, i);
        const chron_timex *last = chron_timex_list_get(mentions, j - 1);
        const chron_timex *t = NULL;
        chron_event *ev = NULL;
        for (guint k = i; k < j; k++) {
            const chron_timex *c = chron_timex_list_get(mentions, k);
            chron_event *e = event_for(doc, c, &dct, all);
            if (e && (!ev || span_days(e) < span_days(ev))) {
                chron_event_free(ev);
                ev = e;
                t = c;
            } else {
                chron_event_free(e);
            }
        }
        i = j;
        if (!ev)
            continue;
        ev->doc = g_strdup(chron_doc_name(doc));
        ev->doc_title = g_strdup(chron_doc_title(doc));
        ev->doc_source = g_strdup(chron_doc_source(doc));
        ev->value = g_strdup(dated_value(t));
        ev->mod = g_strdup(t->mod);
        if (t->type == CHRON_TIMEX_TIME)
            ev->zone = g_strdup(t->zone);
        /* "from 2010 to 2015", "between May and July": one closed span, value "2010/2015". */
        if (g_strcmp0(t->interval, "start") == 0 && t->pair >= (int)j && (guint)t->pair < n) {
            const chron_timex *to = chron_timex_list_get(mentions, (guint)t->pair);
            chron_event *e2 = event_for(doc, to, &dct, all);
            if (e2 && !e2->framing && g_date_compare(&e2->end, &ev->end) > 0) {
                ev->end = e2->end;
                g_free(ev->value);
                ev->value = g_strconcat(dated_value(t), "/", dated_value(to), NULL);
                last = to;
                consumed[t->pair] = TRUE;
            }
            chron_event_free(e2);
        }
        ev->timex = g_strndup(text + first->start, last->end - first->start);
        ev->timex_start = first->cp_start;
        ev->timex_end = last->cp_end;
        ev->approximate = ev->approximate || (t->mod && strcmp(t->mod, "APPROX") == 0) ||
                          (dsrc == CHRON_DCT_INFERRED && g_strcmp0(t->raw, t->value) != 0);
        if (g_strcmp0(first->interval, "since") == 0 && g_date_valid(&dct) &&
            g_date_compare(&dct, &ev->end) > 0) {
            ev->open_end = TRUE;
            ev->end = dct;
        }
        const char *sent = text + t->sent_start;
        gsize slen = t->sent_end - t->sent_start;
        ev->sentence = chron_text_squeeze(sent, slen);
        ev->summary =
            chron_summary_make(sent, slen, first->start - t->sent_start, last->end - t->sent_start);
        chron_source *src = g_new0(chron_source, 1);
        src->doc = g_strdup(ev->doc);
        src->title = g_strdup(ev->doc_title);
        src->publisher = g_strdup(ev->doc_source);
        src->url = g_strdup(chron_doc_url(doc));
        src->sentence = g_strdup(ev->sentence);
        src->timex = g_strdup(ev->timex);
        src->value = g_strdup(ev->value);
        src->timex_start = ev->timex_start;
        src->timex_end = ev->timex_end;
        ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
        g_ptr_array_add(ev->sources, src);
        classify(x, ev);
        chron_event_compute_id(ev);
        chron_event_list_append(list, ev);
        chron_span cont;
        if (x && x->openers->len && !ev->framing) {
            if (!sents)
                sents = chron_text_sentences(text, chron_doc_length(doc));
            if (continuation_after(x, text, sents, mentions, t->sent_end, &cont))
                chron_event_list_append(list, continuation_event(x, ev, doc, text, &cont));
        }
    }
    if (sents)
        g_array_unref(sents);
    g_free(consumed);
    return list;
}

/* filter.c - selecting events by date window, text, type and actor. */
#include "filter.h"

#include <string.h>

#include "error.h"
#include "pattern.h"

struct chron_filter {
    GDate from; /* first day kept; invalid when unset */
    GDate to;   /* first day after the window; invalid when unset */
    chron_pattern *match;
    GPtrArray *types;  /* lower case */
    GPtrArray *actors; /* case-folded */
};

chron_filter *chron_filter_new(void)
{
    chron_filter *f = g_new0(chron_filter, 1);
    g_date_clear(&f->from, 1);
    g_date_clear(&f->to, 1);
    f->types = g_ptr_array_new_with_free_func(g_free);
    f->actors = g_ptr_array_new_with_free_func(g_free);
    return f;
}

void chron_filter_free(chron_filter *f)
{
    if (!f)
        return;
    chron_pattern_free(f->match);
    g_ptr_array_unref(f->types);
    g_ptr_array_unref(f->actors);
    g_free(f);
}

/* The span a date value covers, through the event module's reading of TIMEX3 values. */
static gboolean span_of(const char *value, GDate *start, GDate *end, const char *what,
                        GError **error)
{
    chron_event *probe = chron_event_new();
    gboolean ok = value && chron_event_span_from_value(probe, value);
    if (ok) {
        *start = probe->start;
        *end = probe->end;
    } else {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: '%s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, ...)", what,
                    value ? value : "");
    }
    chron_event_free(probe);
    return ok;
}

gboolean chron_filter_set_from(chron_filter *f, const char *value, GError **error)
{
    GDate end;
    return span_of(value, &f->from, &end, "--from", error);
}

gboolean chron_filter_set_to(chron_filter *f, const char *value, GError **error)
{
    GDate start;
    return span_of(value, &start, &f->to, "--to", error);
}

gboolean chron_filter_set_match(chron_filter *f, const char *regex, GError **error)
{
    GError *err = NULL;
    chron_pattern *p = chron_pattern_new(regex, 0, &err);
    if (!p) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "--match: %s", err->message);
        g_error_free(err);
        return FALSE;
    }
    chron_pattern_free(f->match);
    f->match = p;
    return TRUE;
}

static void add_list(GPtrArray *to, const char *list)
{
    char **parts = g_strsplit(list ? list : "", ",", -1);
    for (char **p = parts; *p; p++) {
        char *w = g_strstrip(*p);
        if (*w)
            g_ptr_array_add(to, g_utf8_casefold(w, -1));
    }
    g_strfreev(parts);
}

void chron_filter_add_types(chron_filter *f, const char *types)
{
    add_list(f->types, types);
}

void chron_filter_add_actors(chron_filter *f, const char *actors)
{
    add_list(f->actors, actors);
}

chron_filter *chron_filter_new_full(const char *from, const char *to, const char *match,
                                    char *const *types, char *const *actors, GError **error)
{
    chron_filter *f = chron_filter_new();
    if ((from && !chron_filter_set_from(f, from, error)) ||
        (to && !chron_filter_set_to(f, to, error)) ||
        (match && !chron_filter_set_match(f, match, error))) {
        chron_filter_free(f);
        return NULL;
    }
    for (char *const *t = types; t && *t; t++)
        chron_filter_add_types(f, *t);
    for (char *const *a = actors; a && *a; a++)
        chron_filter_add_actors(f, *a);
    return f;
}

void chron_filter_window(const chron_filter *f, GDate *from, GDate *to)
{
    *from = f->from;
    *to = f->to;
}

void chron_filter_list(const chron_filter *f, chron_event_list *list)
{
    if (chron_filter_is_empty(f))
        return;
    GPtrArray *all = chron_event_list_steal(list);
    for (guint i = 0; i < all->len; i++) {
        if (chron_filter_event(f, g_ptr_array_index(all, i))) {
            chron_event_list_append(list, g_ptr_array_index(all, i));
            all->pdata[i] = NULL; /* moved */
        }
    }
    g_ptr_array_unref(all);
}

gboolean chron_filter_is_empty(const chron_filter *f)
{
    return !g_date_valid(&f->from) && !g_date_valid(&f->to) && !f->match && f->types->len == 0 &&
           f->actors->len == 0;
}

gboolean chron_filter_span(const chron_filter *f, const GDate *start, const GDate *end)
{
    if (!g_date_valid(&f->from) && !g_date_valid(&f->to))
        return TRUE;
    if (!g_date_valid(start) || !g_date_valid(end))
        return FALSE; /* a window was asked for and this has no date */
    if (g_date_valid(&f->from) && g_date_compare(end, &f->from) <= 0)
        return FALSE;
    if (g_date_valid(&f->to) && g_date_compare(start, &f->to) >= 0)
        return FALSE;
    return TRUE;
}

gboolean chron_filter_text(const chron_filter *f, const char *const *texts)
{
    if (!f->match)
        return TRUE;
    for (const char *const *t = texts; t && *t; t++)
        if (chron_pattern_search(f->match, *t, strlen(*t)))
            return TRUE;
    return FALSE;
}

gboolean chron_filter_type(const chron_filter *f, const char *type)
{
    if (f->types->len == 0)
        return TRUE;
    char *t = g_utf8_casefold(type && *type ? type : "other", -1);
    gboolean ok = FALSE;
    for (guint i = 0; i < f->types->len && !ok; i++)
        ok = strcmp(t, g_ptr_array_index(f->types, i)) == 0;
    g_free(t);
    return ok;
}

gboolean chron_filter_actors(const chron_filter *f, const char *const *actors)
{
    if (f->actors->len == 0)
        return TRUE;
    gboolean ok = FALSE;
    for (const char *const *a = actors; a && *a && !ok; a++) {
        char *name = g_utf8_casefold(*a, -1);
        for (guint i = 0; i < f->actors->len && !ok; i++)
            ok = strstr(name, g_ptr_array_index(f->actors, i)) != NULL;
        g_free(name);
    }
    return ok;
}

gboolean chron_filter_event(const chron_filter *f, const chron_event *ev)
{
    if (!chron_filter_span(f, &ev->start, &ev->end) || !chron_filter_type(f, ev->type) ||
        !chron_filter_actors(f, (const char *const *)ev->actors))
        return FALSE;
    if (!f->match)
        return TRUE;
    GPtrArray *texts = g_ptr_array_new();
    g_ptr_array_add(texts, ev->summary);
    g_ptr_array_add(texts, ev->timex);
    g_ptr_array_add(texts, ev->doc_title);
    g_ptr_array_add(texts, ev->sentence);
    for (guint i = 0; ev->sources && i < ev->sources->len; i++) {
        const chron_source *s = g_ptr_array_index(ev->sources, i);
        g_ptr_array_add(texts, s->sentence);
        g_ptr_array_add(texts, s->title);
        g_ptr_array_add(texts, s->timex);
    }
    /* NULL entries would end the list early: drop them. */
    for (guint i = texts->len; i-- > 0;)
        if (!g_ptr_array_index(texts, i))
            g_ptr_array_remove_index(texts, i);
    g_ptr_array_add(texts, NULL);
    gboolean ok = chron_filter_text(f, (const char *const *)texts->pdata);
    g_ptr_array_unref(texts);
    return ok;
}

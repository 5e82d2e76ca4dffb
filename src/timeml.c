/* timeml.c - TimeML through GLib's GMarkup parser. */
#include "timeml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

typedef struct state {
    chron_timeml *doc;
    int in_text; /* depth inside TEXT */
    gboolean in_dct_timex;
    gboolean seen_text;
    GString *text;
    GArray *open; /* stack of indexes into doc->timexes of open TIMEX3 in TEXT */
} state;

static const char *attr(const char **names, const char **values, const char *key)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], key) == 0)
            return values[i];
    return NULL;
}

static void set_dct(chron_timeml *doc, const char *v)
{
    int y, m, d;
    if (v && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy(d, m, y))
        g_date_set_dmy(&doc->dct, d, m, y);
    else if (v && sscanf(v, "%4d%2d%2d", &y, &m, &d) == 3 && g_date_valid_dmy(d, m, y))
        g_date_set_dmy(&doc->dct, d, m, y);
}

static void on_start(GMarkupParseContext *ctx, const char *el, const char **names,
                     const char **values, gpointer data, GError **error)
{
    state *st = data;
    if (strcmp(el, "TEXT") == 0) {
        st->in_text++;
        st->seen_text = TRUE;
        return;
    }
    if (strcmp(el, "TIMEX3") != 0)
        return;
    const char *fn = attr(names, values, "functionInDocument");
    if (!st->in_text) {
        if (fn && strcmp(fn, "CREATION_TIME") == 0)
            set_dct(st->doc, attr(names, values, "value"));
        return;
    }
    chron_gold_timex t = {0};
    t.start = st->text->len;
    t.type = g_strdup(attr(names, values, "type") ? attr(names, values, "type") : "DATE");
    t.value = g_strdup(attr(names, values, "value") ? attr(names, values, "value") : "");
    const char *mod = attr(names, values, "mod");
    t.mod = mod && *mod ? g_strdup(mod) : NULL;
    g_array_append_val(st->doc->timexes, t);
    guint idx = st->doc->timexes->len - 1;
    g_array_append_val(st->open, idx);
}

static void on_end(GMarkupParseContext *ctx, const char *el, gpointer data, GError **error)
{
    state *st = data;
    if (strcmp(el, "TEXT") == 0 && st->in_text) {
        st->in_text--;
    } else if (strcmp(el, "TIMEX3") == 0 && st->in_text && st->open->len) {
        guint idx = g_array_index(st->open, guint, st->open->len - 1);
        g_array_set_size(st->open, st->open->len - 1);
        g_array_index(st->doc->timexes, chron_gold_timex, idx).end = st->text->len;
    }
}

static void on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
                    GError **error)
{
    state *st = data;
    if (st->in_text)
        g_string_append_len(st->text, text, len);
}

void chron_timeml_free(chron_timeml *doc)
{
    if (!doc)
        return;
    for (guint i = 0; doc->timexes && i < doc->timexes->len; i++) {
        chron_gold_timex *t = &g_array_index(doc->timexes, chron_gold_timex, i);
        g_free(t->type);
        g_free(t->value);
        g_free(t->mod);
    }
    if (doc->timexes)
        g_array_free(doc->timexes, TRUE);
    g_free(doc->name);
    g_free(doc->text);
    g_free(doc);
}

chron_timeml *chron_timeml_parse(const char *name, const char *data, gsize len, GError **error)
{
    static const GMarkupParser parser = {on_start, on_end, on_text, NULL, NULL};
    chron_timeml *doc = g_new0(chron_timeml, 1);
    doc->name = g_strdup(name);
    doc->timexes = g_array_new(FALSE, TRUE, sizeof(chron_gold_timex));
    g_date_clear(&doc->dct, 1);
    state st = {doc, 0, FALSE, FALSE, g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(guint))};
    /* Skip the XML declaration: GMarkup treats <?xml ...?> as a passthrough, which is fine. */
    GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &st, NULL);
    GError *err = NULL;
    gboolean ok = g_markup_parse_context_parse(ctx, data, len, &err) &&
                  g_markup_parse_context_end_parse(ctx, &err);
    if (!ok) {
        int line = 0, col = 0;
        g_markup_parse_context_get_position(ctx, &line, &col);
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s:%d:%d: %s", name, line, col,
                    err->message);
        g_error_free(err);
    } else if (!st.seen_text) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: no TEXT element", name);
        ok = FALSE;
    }
    g_markup_parse_context_free(ctx);
    g_array_free(st.open, TRUE);
    doc->len = st.text->len;
    doc->text = g_string_free(st.text, FALSE);
    if (!ok) {
        chron_timeml_free(doc);
        return NULL;
    }
    return doc;
}

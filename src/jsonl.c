/* jsonl.c - JSON Lines through json-glib. */
#include "jsonl.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "error.h"
#include "isodate.h"

/* One builder and one generator per thread, reused: creating the GObjects for every line
 * cost more than the rest of the serialisation. */
static GPrivate builder_key = G_PRIVATE_INIT(g_object_unref);
static GPrivate generator_key = G_PRIVATE_INIT(g_object_unref);

static JsonBuilder *builder(void)
{
    JsonBuilder *b = g_private_get(&builder_key);
    if (!b) {
        b = json_builder_new();
        g_private_set(&builder_key, b);
    } else {
        json_builder_reset(b);
    }
    json_builder_begin_object(b);
    return b;
}

static char *finish(JsonBuilder *b)
{
    json_builder_end_object(b);
    JsonNode *root = json_builder_get_root(b);
    JsonGenerator *g = g_private_get(&generator_key);
    if (!g) {
        g = json_generator_new();
        g_private_set(&generator_key, g);
    }
    json_generator_set_root(g, root);
    char *out = json_generator_to_data(g, NULL);
    json_node_unref(root);
    return out;
}

static void member_str(JsonBuilder *b, const char *name, const char *v)
{
    json_builder_set_member_name(b, name);
    if (v)
        json_builder_add_string_value(b, v);
    else
        json_builder_add_null_value(b);
}

static void member_int(JsonBuilder *b, const char *name, gint64 v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, v);
}

static void member_bool(JsonBuilder *b, const char *name, gboolean v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_boolean_value(b, v);
}

/* The mention object is the hot path of `chronicle tag`: trees are kept per thread and only
 * their values change from line to line. Each set of optional members (a shape) has its own
 * tree, built once in the canonical member order, so the output never depends on the lines
 * before; mentions alternate between shapes (with and without a value, a modifier), and
 * rebuilding a tree at every change cost a dozen allocations and hash insertions. */
enum {
    F_DOC,
    F_START,
    F_END,
    F_TEXT,
    F_TYPE,
    F_VALUE,
    F_ZONE,
    F_MOD,
    F_POINT,
    F_AMBIGUOUS,
    F_INTERVAL,
    F_PAIR,
    F_RAW,
    F_RESOLVED,
    F_RULE,
    F_TENSE,
    F_COUNT
};

typedef struct timex_tree {
    JsonNode *root;
    JsonNode *node[F_COUNT]; /* borrowed from the object; NULL for absent optional members */
    guint shape;             /* which optional members are present, plus a null value */
    JsonGenerator *gen;
} timex_tree;

static void timex_tree_free(gpointer p)
{
    timex_tree *tt = p;
    if (tt->root)
        json_node_unref(tt->root);
    if (tt->gen)
        g_object_unref(tt->gen);
    g_free(tt);
}

#define SHAPES 128 /* timex_shape() is seven bits */

static void timex_trees_free(gpointer p)
{
    timex_tree **trees = p;
    for (guint i = 0; i < SHAPES; i++)
        if (trees[i])
            timex_tree_free(trees[i]);
    g_free(trees);
}

static GPrivate timex_tree_key = G_PRIVATE_INIT(timex_trees_free);

static guint timex_shape(const chron_timex *t)
{
    return (t->mod ? 1u : 0) | (t->ambiguous ? 2u : 0) | (t->interval ? 4u : 0) |
           (t->interval && t->pair >= 0 ? 8u : 0) | (t->value ? 0 : 16u) | (t->point ? 32u : 0) |
           (t->zone ? 64u : 0);
}

static void timex_tree_build(timex_tree *tt, guint shape)
{
    static const char *const names[F_COUNT] = {
        "doc",   "start",     "end",      "text", "type", "value",    "zone", "mod",
        "point", "ambiguous", "interval", "pair", "raw",  "resolved", "rule", "tense"};
    static const guint needs[F_COUNT] = {[F_ZONE] = 64,     [F_MOD] = 1,      [F_POINT] = 32,
                                         [F_AMBIGUOUS] = 2, [F_INTERVAL] = 4, [F_PAIR] = 8};
    if (tt->root)
        json_node_unref(tt->root);
    JsonObject *o = json_object_new();
    for (int f = 0; f < F_COUNT; f++) {
        tt->node[f] = NULL;
        if (needs[f] && !(shape & needs[f]))
            continue;
        JsonNode *n = f == F_VALUE && (shape & 16u) ? json_node_new(JSON_NODE_NULL)
                                                    : json_node_new(JSON_NODE_VALUE);
        json_object_set_member(o, names[f], n);
        tt->node[f] = n;
    }
    tt->root = json_node_new(JSON_NODE_OBJECT);
    json_node_take_object(tt->root, o);
    tt->shape = shape;
}

/* Sets a string node, unless it already holds that string: json-glib copies the string on
 * every set, and the document name, type, rule and tense rarely change from line to line. */
static void set_string(JsonNode *n, const char *v)
{
    const char *old = json_node_get_string(n);
    if (!old || strcmp(old, v) != 0)
        json_node_set_string(n, v);
}

void chron_jsonl_timex_append(GString *out, const char *doc, const chron_timex *t)
{
    timex_tree **trees = g_private_get(&timex_tree_key);
    if (!trees) {
        trees = g_new0(timex_tree *, SHAPES);
        g_private_set(&timex_tree_key, trees);
    }
    guint shape = timex_shape(t);
    timex_tree *tt = trees[shape];
    if (!tt) {
        tt = trees[shape] = g_new0(timex_tree, 1);
        tt->gen = json_generator_new();
        timex_tree_build(tt, shape);
        /* The generator keeps its own reference to the object, whose members are the nodes
         * changed below: the root is set once. */
        json_generator_set_root(tt->gen, tt->root);
    }
    set_string(tt->node[F_DOC], doc);
    json_node_set_int(tt->node[F_START], t->cp_start);
    json_node_set_int(tt->node[F_END], t->cp_end);
    json_node_set_string(tt->node[F_TEXT], t->text);
    set_string(tt->node[F_TYPE], chron_timex_type_name(t->type));
    if (t->value)
        json_node_set_string(tt->node[F_VALUE], t->value);
    if (t->zone)
        set_string(tt->node[F_ZONE], t->zone);
    if (t->mod)
        set_string(tt->node[F_MOD], t->mod);
    if (t->point)
        json_node_set_string(tt->node[F_POINT], t->point);
    if (t->ambiguous)
        json_node_set_boolean(tt->node[F_AMBIGUOUS], TRUE);
    if (t->interval)
        set_string(tt->node[F_INTERVAL], t->interval);
    if (tt->node[F_PAIR])
        json_node_set_int(tt->node[F_PAIR], t->pair);
    json_node_set_string(tt->node[F_RAW], t->raw);
    json_node_set_boolean(tt->node[F_RESOLVED], t->value != NULL);
    set_string(tt->node[F_RULE], t->rule);
    set_string(tt->node[F_TENSE], chron_tense_name(t->tense));
    json_generator_to_gstring(tt->gen, out);
}

char *chron_jsonl_timex(const char *doc, const chron_timex *t)
{
    GString *out = g_string_sized_new(256);
    chron_jsonl_timex_append(out, doc, t);
    return g_string_free(out, FALSE);
}

static void member_date(JsonBuilder *b, const char *name, const GDate *d)
{
    char buf[16];
    if (!g_date_valid(d)) {
        member_str(b, name, NULL);
        return;
    }
    g_snprintf(buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year(d), g_date_get_month(d),
               g_date_get_day(d));
    member_str(b, name, buf);
}

static void member_strv(JsonBuilder *b, const char *name, char *const *v)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (char *const *p = v; p && *p; p++)
        json_builder_add_string_value(b, *p);
    json_builder_end_array(b);
}

char *chron_jsonl_counts(const char *doc, const guint counts[4])
{
    static const chron_timex_type types[] = {CHRON_TIMEX_DATE, CHRON_TIMEX_TIME,
                                             CHRON_TIMEX_DURATION, CHRON_TIMEX_SET};
    JsonBuilder *b = builder();
    member_str(b, "doc", doc);
    member_int(b, "mentions", counts[0] + counts[1] + counts[2] + counts[3]);
    for (guint i = 0; i < G_N_ELEMENTS(types); i++)
        member_int(b, chron_timex_type_name(types[i]), counts[types[i]]);
    return finish(b);
}

char *chron_jsonl_event(const chron_event *ev)
{
    JsonBuilder *b = builder();
    member_str(b, "id", ev->id);
    member_str(b, "value", ev->value);
    if (ev->mod)
        member_str(b, "mod", ev->mod);
    if (ev->zone)
        member_str(b, "zone", ev->zone);
    member_date(b, "start", &ev->start);
    member_date(b, "end", &ev->end);
    member_str(b, "granularity", chron_granularity_name(ev->granularity));
    member_bool(b, "open_end", ev->open_end);
    member_bool(b, "approximate", ev->approximate);
    member_str(b, "summary", ev->summary);
    member_str(b, "type", ev->type ? ev->type : "other");
    member_strv(b, "actors", ev->actors);
    if (ev->framing) {
        member_bool(b, "framing", TRUE);
        member_str(b, "framing_reason", ev->framing_reason);
    }
    member_int(b, "count", chron_event_source_count(ev));
    if (ev->conflicts)
        member_strv(b, "conflicts", ev->conflicts);
    /* The report the date and summary come from... */
    member_str(b, "doc", ev->doc);
    member_str(b, "title", ev->doc_title);
    member_str(b, "sentence", ev->sentence);
    member_str(b, "timex", ev->timex);
    member_int(b, "timex_start", ev->timex_start);
    member_int(b, "timex_end", ev->timex_end);
    /* ...and every report, in document order. */
    json_builder_set_member_name(b, "sources");
    json_builder_begin_array(b);
    for (guint i = 0; ev->sources && i < ev->sources->len; i++) {
        const chron_source *src = g_ptr_array_index(ev->sources, i);
        json_builder_begin_object(b);
        member_str(b, "doc", src->doc);
        member_str(b, "title", src->title);
        if (src->publisher && *src->publisher)
            member_str(b, "publisher", src->publisher);
        if (src->url && *src->url)
            member_str(b, "url", src->url);
        member_str(b, "value", src->value);
        member_str(b, "timex", src->timex);
        member_int(b, "timex_start", src->timex_start);
        member_int(b, "timex_end", src->timex_end);
        member_str(b, "sentence", src->sentence);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return finish(b);
}

void chron_jsonl_events_append(GString *out, const chron_event_list *events)
{
    for (guint i = 0; i < chron_event_list_count(events); i++) {
        char *line = chron_jsonl_event(chron_event_list_get(events, i));
        g_string_append(out, line);
        g_string_append_c(out, '\n');
        g_free(line);
    }
}

/* ---- reading events back ----------------------------------------------------------------- */

static const char *get_str(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
               ? json_node_get_string(n)
               : NULL;
}

static gint64 get_int(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64
               ? json_node_get_int(n)
               : 0;
}

static gboolean get_bool(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_BOOLEAN &&
           json_node_get_boolean(n);
}

static char **get_strv(JsonObject *o, const char *name, gboolean null_when_absent)
{
    JsonNode *n = json_object_get_member(o, name);
    if (!n || !JSON_NODE_HOLDS_ARRAY(n))
        return null_when_absent ? NULL : g_new0(char *, 1);
    JsonArray *a = json_node_get_array(n);
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *e = json_array_get_element(a, i);
        if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING)
            g_ptr_array_add(out, g_strdup(json_node_get_string(e)));
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

static gboolean get_date(JsonObject *o, const char *name, GDate *out)
{
    const char *s = get_str(o, name);
    g_date_clear(out, 1);
    return s && strlen(s) == 10 && chron_isodate_parse(s, 10, out);
}

static char *dup_or_empty(const char *s)
{
    return g_strdup(s ? s : "");
}

/* The static framing reason matching name (chron_event.framing_reason is not owned). */
static const char *framing_reason(const char *name)
{
    static const char *const reasons[] = {"furniture", "reference", "century"};
    for (guint i = 0; name && i < G_N_ELEMENTS(reasons); i++)
        if (strcmp(name, reasons[i]) == 0)
            return reasons[i];
    return name ? "other" : NULL;
}

/* The byte offset just past the first complete JSON value of s[0..len) when something other
 * than white space follows it, else -1. json-glib reads "{...}{...}" as its last value (and
 * leaks the first), so a line holding two is refused before it gets there. */
static gssize trailing_value(const char *s, gsize len)
{
    int depth = 0;
    gboolean in_string = FALSE, escaped = FALSE, started = FALSE;
    for (gsize i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (escaped)
                escaped = FALSE;
            else if (c == '\\')
                escaped = TRUE;
            else if (c == '"')
                in_string = FALSE;
            continue;
        }
        if (started && depth == 0) {
            if (!g_ascii_isspace(c))
                return (gssize)i;
            continue;
        }
        if (c == '"')
            in_string = TRUE;
        else if (c == '{' || c == '[')
            depth++, started = TRUE;
        else if (c == '}' || c == ']')
            depth--;
    }
    return -1;
}

/* Whether every string and member name under n is valid UTF-8. JSON text that is valid UTF-8
 * can still escape a lone surrogate ("\\ud800"), which json-glib decodes into bytes that are
 * not; an event holding them could not be written back as JSON. */
static gboolean strings_valid(JsonNode *n)
{
    if (JSON_NODE_HOLDS_VALUE(n))
        return json_node_get_value_type(n) != G_TYPE_STRING ||
               g_utf8_validate(json_node_get_string(n), -1, NULL);
    if (JSON_NODE_HOLDS_ARRAY(n)) {
        JsonArray *a = json_node_get_array(n);
        for (guint i = 0; i < json_array_get_length(a); i++)
            if (!strings_valid(json_array_get_element(a, i)))
                return FALSE;
        return TRUE;
    }
    if (JSON_NODE_HOLDS_OBJECT(n)) {
        JsonObjectIter it;
        const char *name;
        JsonNode *v;
        json_object_iter_init(&it, json_node_get_object(n));
        while (json_object_iter_next(&it, &name, &v))
            if (!g_utf8_validate(name, -1, NULL) || !strings_valid(v))
                return FALSE;
    }
    return TRUE;
}

chron_event *chron_jsonl_parse_event(const char *where, const char *line, gssize len,
                                     GError **error)
{
    JsonParser *p = json_parser_new_immutable();
    GError *err = NULL;
    chron_event *ev = NULL;
    gssize extra = trailing_value(line, len < 0 ? strlen(line) : (gsize)len);
    if (extra >= 0) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: byte %" G_GSSIZE_FORMAT ": more than one JSON value on the line", where,
                    extra);
        goto out;
    }
    if (!json_parser_load_from_data(p, line, len, &err)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: %s", where, err->message);
        g_error_free(err);
        goto out;
    }
    JsonNode *root = json_parser_get_root(p);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: not a JSON object", where);
        goto out;
    }
    if (!strings_valid(root)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: a string is not valid UTF-8 once decoded (a lone surrogate escape?)",
                    where);
        goto out;
    }
    JsonObject *o = json_node_get_object(root);
    const char *value = get_str(o, "value");
    if (!json_object_has_member(o, "summary") && !json_object_has_member(o, "sources")) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: not an event (no \"summary\"; a line of 'chronicle tag'?)", where);
        goto out;
    }
    if (!value) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE, "%s: an event needs a \"value\"", where);
        goto out;
    }
    ev = chron_event_new();
    ev->value = g_strdup(value);
    /* The span as written; else what the value covers (a time's day). */
    if (!get_date(o, "start", &ev->start) || !get_date(o, "end", &ev->end) ||
        g_date_compare(&ev->end, &ev->start) <= 0) {
        char *day = g_strndup(value, strcspn(value, "T/"));
        gboolean ok = chron_event_span_from_value(ev, day);
        g_free(day);
        if (!ok) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "%s: no \"start\"/\"end\" and value '%s' is not a calendar date", where,
                        value);
            chron_event_free(ev);
            ev = NULL;
            goto out;
        }
    }
    const char *gran = get_str(o, "granularity");
    for (int g = CHRON_GRAN_UNKNOWN; gran && g <= CHRON_GRAN_CENTURY; g++)
        if (strcmp(gran, chron_granularity_name((chron_granularity)g)) == 0)
            ev->granularity = (chron_granularity)g;
    ev->id = g_strdup(get_str(o, "id"));
    ev->mod = g_strdup(get_str(o, "mod"));
    ev->zone = g_strdup(get_str(o, "zone"));
    int offset;
    if (ev->zone && !chron_isodate_parse_offset(ev->zone, &offset)) {
        g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                    "%s: \"zone\" '%s' is not a UTC offset (\"+09:00\", \"-05:00\", \"Z\")", where,
                    ev->zone);
        chron_event_free(ev);
        ev = NULL;
        goto out;
    }
    ev->open_end = get_bool(o, "open_end");
    ev->approximate = get_bool(o, "approximate");
    ev->summary = dup_or_empty(get_str(o, "summary"));
    ev->type = g_strdup(get_str(o, "type") ? get_str(o, "type") : "other");
    ev->actors = get_strv(o, "actors", FALSE);
    ev->framing = get_bool(o, "framing");
    ev->framing_reason = ev->framing ? framing_reason(get_str(o, "framing_reason")) : NULL;
    ev->conflicts = get_strv(o, "conflicts", TRUE);
    ev->doc = dup_or_empty(get_str(o, "doc"));
    ev->doc_title = dup_or_empty(get_str(o, "title"));
    ev->doc_source = g_strdup("");
    ev->sentence = dup_or_empty(get_str(o, "sentence"));
    ev->timex = dup_or_empty(get_str(o, "timex"));
    ev->timex_start = get_int(o, "timex_start");
    ev->timex_end = get_int(o, "timex_end");
    ev->sources = g_ptr_array_new_with_free_func((GDestroyNotify)chron_source_free);
    JsonNode *sn = json_object_get_member(o, "sources");
    JsonArray *sa = sn && JSON_NODE_HOLDS_ARRAY(sn) ? json_node_get_array(sn) : NULL;
    for (guint i = 0; sa && i < json_array_get_length(sa); i++) {
        JsonNode *e = json_array_get_element(sa, i);
        if (!JSON_NODE_HOLDS_OBJECT(e))
            continue;
        JsonObject *so = json_node_get_object(e);
        chron_source *src = g_new0(chron_source, 1);
        src->doc = dup_or_empty(get_str(so, "doc"));
        src->title = dup_or_empty(get_str(so, "title"));
        src->publisher = dup_or_empty(get_str(so, "publisher"));
        src->url = dup_or_empty(get_str(so, "url"));
        src->value = dup_or_empty(get_str(so, "value"));
        src->timex = dup_or_empty(get_str(so, "timex"));
        src->timex_start = get_int(so, "timex_start");
        src->timex_end = get_int(so, "timex_end");
        src->sentence = dup_or_empty(get_str(so, "sentence"));
        g_ptr_array_add(ev->sources, src);
    }
    if (ev->sources->len == 0) { /* a hand-made line: the event is its own source */
        chron_source *src = g_new0(chron_source, 1);
        src->doc = g_strdup(ev->doc);
        src->title = g_strdup(ev->doc_title);
        src->publisher = g_strdup("");
        src->url = g_strdup("");
        src->value = g_strdup(ev->value);
        src->timex = g_strdup(ev->timex);
        src->sentence = g_strdup(ev->sentence);
        g_ptr_array_add(ev->sources, src);
    }
    /* The publisher of the report the event was read from, when a source names it. */
    const chron_source *first = ev->sources->pdata[0];
    if (*first->publisher && g_strcmp0(first->doc, ev->doc) == 0) {
        g_free(ev->doc_source);
        ev->doc_source = g_strdup(first->publisher);
    }
    if (!ev->id || !*ev->id)
        chron_event_compute_id(ev);
out:
    g_object_unref(p);
    return ev;
}

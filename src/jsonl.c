/* jsonl.c - JSON Lines through json-glib. */
#include "jsonl.h"

#include <json-glib/json-glib.h>

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

char *chron_jsonl_timex(const char *doc, const chron_timex *t)
{
    JsonBuilder *b = builder();
    member_str(b, "doc", doc);
    member_int(b, "start", t->cp_start);
    member_int(b, "end", t->cp_end);
    member_str(b, "text", t->text);
    member_str(b, "type", chron_timex_type_name(t->type));
    member_str(b, "value", t->value);
    if (t->mod)
        member_str(b, "mod", t->mod);
    if (t->ambiguous)
        member_bool(b, "ambiguous", TRUE);
    if (t->interval) {
        member_str(b, "interval", t->interval);
        if (t->pair >= 0)
            member_int(b, "pair", t->pair);
    }
    member_str(b, "raw", t->raw);
    member_bool(b, "resolved", t->value != NULL);
    member_str(b, "rule", t->rule);
    member_str(b, "tense", chron_tense_name(t->tense));
    return finish(b);
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

char *chron_jsonl_event(const chron_event *ev)
{
    JsonBuilder *b = builder();
    member_str(b, "id", ev->id);
    member_str(b, "doc", ev->doc);
    member_str(b, "title", ev->doc_title);
    member_str(b, "value", ev->value);
    if (ev->mod)
        member_str(b, "mod", ev->mod);
    member_date(b, "start", &ev->start);
    member_date(b, "end", &ev->end);
    member_str(b, "granularity", chron_granularity_name(ev->granularity));
    member_str(b, "summary", ev->summary);
    member_str(b, "sentence", ev->sentence);
    member_str(b, "timex", ev->timex);
    member_int(b, "timex_start", ev->timex_start);
    member_int(b, "timex_end", ev->timex_end);
    member_bool(b, "open_end", ev->open_end);
    member_bool(b, "approximate", ev->approximate);
    return finish(b);
}

/* chart-json.c - a laid-out chart as JSON (`chronicle render --layout-json FILE`).
 *
 * Uses json-glib, as src/jsonl.c does for events; this is the only place in render/ that does.
 * The document holds the canvas, the axis (its stretches with the Julian days and dates they
 * span and the x they map to, the breaks between them, every tick), and every placed box in
 * drawing order: title, subtitle, notes, legend entries, lane strips and titles, marks (with
 * their shape, dates, the x where their date is and their article count), the axis line, breaks,
 * tick labels and event labels (with their leader's x). Units are those of the chart: pixels for
 * PNG and SVG (before --scale), points for PDF; the origin is the top left corner.
 *
 * Example (shortened):
 *   {"width":1600,"height":1210,"theme":"light","background":"#ffffff","lanes":"none",
 *    "events":18,"dropped":0,"unknown_glyphs":0,
 *    "axis":{"y":1100.5,"step":"5 years","segments":[{"from":"1946-10-12","to":"1950-03-21",
 *            "t0":710869,"t1":712122,"x0":40,"x1":104}, ...],
 *            "breaks":[{"x":104,"w":22,"from":"1950-03-21","to":"1989-10-12"}, ...],
 *            "ticks":[{"x":100.5,"date":"1950-01-01","level":"major"}, ...]},
 *    "boxes":[{"kind":"title","x":40,"y":40,"w":380,"h":35,"text":"Timeline"},
 *             {"kind":"mark","shape":"bar","event":0,"id":"...","value":"1947","lane":0,
 *              "start":"1947-01-01","end":"1948-01-01","anchor_x":47.1,"sources":1,
 *              "approximate":false,"x":47.1,"y":1080,"w":6,"h":9}, ...]}
 */
#include <json-glib/json-glib.h>

#include "chart-layout.h"
#include "chart.h"

static const char *kind_name(chron_chart_box_kind k)
{
    switch (k) {
    case CHRON_CHART_BOX_TITLE:
        return "title";
    case CHRON_CHART_BOX_SUBTITLE:
        return "subtitle";
    case CHRON_CHART_BOX_NOTE:
        return "note";
    case CHRON_CHART_BOX_TICK:
        return "tick";
    case CHRON_CHART_BOX_TICK_CONTEXT:
        return "tick-context";
    case CHRON_CHART_BOX_LABEL:
        return "label";
    case CHRON_CHART_BOX_LEGEND:
        return "legend";
    case CHRON_CHART_BOX_LANE_TITLE:
        return "lane-title";
    case CHRON_CHART_BOX_MARK:
        return "mark";
    case CHRON_CHART_BOX_LANE:
        return "lane";
    case CHRON_CHART_BOX_BREAK:
        return "break";
    case CHRON_CHART_BOX_AXIS:
        return "axis";
    }
    return "unknown";
}

static const char *shape_name(chron_chart_mark_shape s)
{
    switch (s) {
    case CHRON_CHART_MARK_POINT:
        return "point";
    case CHRON_CHART_MARK_BAR:
        return "bar";
    case CHRON_CHART_MARK_OPEN:
        return "open";
    case CHRON_CHART_MARK_BRACKET:
        return "bracket";
    case CHRON_CHART_MARK_NONE:
        break;
    }
    return "none";
}

/* A Julian day as YYYY-MM-DD (the day holding it). */
static void add_date(JsonBuilder *b, const char *name, double t)
{
    char buf[16];
    GDate d;
    g_date_clear(&d, 1);
    guint32 j = t < 1 ? 1 : t > 3652059 ? 3652059 : (guint32)t;
    g_date_set_julian(&d, j);
    g_snprintf(buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year(&d), g_date_get_month(&d),
               g_date_get_day(&d));
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, buf);
}

static void add_num(JsonBuilder *b, const char *name, double v)
{
    json_builder_set_member_name(b, name);
    /* Two decimals are finer than any device pixel and keep the file small and stable. */
    json_builder_add_double_value(b, (double)(gint64)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100);
}

static void add_int(JsonBuilder *b, const char *name, gint64 v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, v);
}

static void add_str(JsonBuilder *b, const char *name, const char *v)
{
    json_builder_set_member_name(b, name);
    if (v) {
        json_builder_add_string_value(b, v);
    } else {
        json_builder_add_null_value(b);
    }
}

char *chron_chart_to_json(const chron_chart *chart, gsize *length)
{
    static const char *const lanes[] = {"none", "source", "type", "actor"};
    static const char *const levels[] = {"minor", "major", "context"};
    chron_chart_geometry g;
    chron_chart_get_geometry(chart, &g);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    add_num(b, "width", g.width);
    add_num(b, "height", g.height);
    add_str(b, "theme", chron_chart_get_theme(chart) == CHRON_CHART_THEME_DARK ? "dark" : "light");
    char bg[8];
    g_snprintf(bg, sizeof bg, "#%06x", (unsigned)g.background);
    add_str(b, "background", bg);
    add_str(b, "lanes", lanes[chron_chart_get_lanes(chart)]);
    add_int(b, "events", g.n_events);
    add_int(b, "dropped", g.n_dropped);
    add_int(b, "lane_count", g.n_lanes);
    add_int(b, "unknown_glyphs", g.unknown_glyphs);

    json_builder_set_member_name(b, "axis");
    json_builder_begin_object(b);
    add_num(b, "y", g.axis_y);
    add_str(b, "step", g.step);
    json_builder_set_member_name(b, "segments");
    json_builder_begin_array(b);
    for (guint i = 0; i < g.n_segments; i++) {
        const chron_chart_segment *s = &g.segments[i];
        json_builder_begin_object(b);
        add_date(b, "from", s->t0);
        add_date(b, "to", s->t1);
        add_num(b, "t0", s->t0);
        add_num(b, "t1", s->t1);
        add_num(b, "x0", s->x0);
        add_num(b, "x1", s->x1);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "breaks");
    json_builder_begin_array(b);
    for (guint i = 1; i < g.n_segments; i++) {
        json_builder_begin_object(b);
        add_num(b, "x", g.segments[i - 1].x1);
        add_num(b, "w", g.segments[i].x0 - g.segments[i - 1].x1);
        add_date(b, "from", g.segments[i - 1].t1);
        add_date(b, "to", g.segments[i].t0);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "ticks");
    json_builder_begin_array(b);
    guint nt;
    const chron_chart_tick *ticks = chron_chart_ticks(chart, &nt);
    for (guint i = 0; i < nt; i++) {
        json_builder_begin_object(b);
        add_num(b, "x", ticks[i].x);
        add_date(b, "date", ticks[i].t);
        add_str(b, "level", levels[ticks[i].level]);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "boxes");
    json_builder_begin_array(b);
    guint n;
    const chron_chart_box *boxes = chron_chart_boxes(chart, &n);
    for (guint i = 0; i < n; i++) {
        const chron_chart_box *x = &boxes[i];
        json_builder_begin_object(b);
        add_str(b, "kind", kind_name(x->kind));
        add_num(b, "x", x->x);
        add_num(b, "y", x->y);
        add_num(b, "w", x->w);
        add_num(b, "h", x->h);
        if (x->lane >= 0) {
            add_int(b, "lane", x->lane);
        }
        if (x->event >= 0) {
            add_int(b, "event", x->event);
            add_str(b, "id", chron_chart_event_id(chart, x->event));
            add_str(b, "value", chron_chart_event_value(chart, x->event));
        }
        if (x->text) {
            add_str(b, "text", x->text);
        }
        switch (x->kind) {
        case CHRON_CHART_BOX_LABEL:
            add_num(b, "leader_x", x->leader_x);
            break;
        case CHRON_CHART_BOX_MARK:
            add_str(b, "shape", shape_name(x->shape));
            add_date(b, "start", x->t0);
            add_date(b, "end", x->t1);
            add_num(b, "t0", x->t0);
            add_num(b, "t1", x->t1);
            add_num(b, "anchor_x", x->leader_x);
            add_int(b, "sources", x->sources);
            json_builder_set_member_name(b, "approximate");
            json_builder_add_boolean_value(b, x->approximate);
            break;
        case CHRON_CHART_BOX_BREAK:
            add_date(b, "from", x->t0);
            add_date(b, "to", x->t1);
            break;
        default:
            break;
        }
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);

    JsonGenerator *gen = json_generator_new();
    JsonNode *root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    char *out = json_generator_to_data(gen, length);
    json_node_unref(root);
    g_object_unref(gen);
    g_object_unref(b);
    return out;
}

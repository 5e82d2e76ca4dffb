/* cmd_eval.c - chronicle eval: the tagger scored against gold TimeML (TempEval-3 Task A). */
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cli.h"
#include "error.h"
#include "score.h"
#include "timeml.h"
#include "tleval.h"

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Collects *.tml files under path (recursively), sorted. */
static void collect(const char *path, GPtrArray *out)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_ptr_array_add(out, g_strdup(path));
        return;
    }
    GDir *d = g_dir_open(path, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_build_filename(path, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_str);
    for (guint i = 0; i < names->len; i++) {
        const char *p = g_ptr_array_index(names, i);
        if (g_file_test(p, G_FILE_TEST_IS_DIR))
            collect(p, out);
        else if (g_str_has_suffix(p, ".tml"))
            g_ptr_array_add(out, g_strdup(p));
    }
    g_ptr_array_free(names, TRUE);
}

static void clear_timex(gpointer p)
{
    chron_gold_timex *t = p;
    g_free(t->type);
    g_free(t->value);
    g_free(t->mod);
}

/* The tagger's mentions as scorer input. */
static GArray *system_mentions(const chron_tagger *tagger, const chron_timeml *g,
                               gboolean narrative)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(chron_gold_timex));
    g_array_set_clear_func(a, clear_timex);
    chron_timex_list *l = chron_tagger_tag(tagger, g->text, g->len,
                                           g_date_valid(&g->dct) ? &g->dct : NULL, narrative);
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        chron_gold_timex s = {t->start, t->end, g_strdup(chron_timex_type_name(t->type)),
                              g_strdup(t->value ? t->value : ""), g_strdup(t->mod)};
        g_array_append_val(a, s);
    }
    chron_timex_list_free(l);
    return a;
}

/* System annotations from a TimeML file of the same name in sysdir (e.g. written by
 * `chronicle tag --format timeml` on the gold texts). Their TEXT must equal the gold TEXT. */
static GArray *system_from_file(const char *sysdir, const chron_timeml *g, GError **error)
{
    char *base = g_path_get_basename(g->name);
    char *path = g_build_filename(sysdir, base, NULL);
    g_free(base);
    char *data;
    gsize len;
    GArray *a = NULL;
    if (g_file_get_contents(path, &data, &len, error)) {
        chron_timeml *s = chron_timeml_parse(path, data, len, error);
        g_free(data);
        if (s && (s->len != g->len || memcmp(s->text, g->text, g->len) != 0)) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_INVALID,
                        "%s: its TEXT differs from the gold document's", path);
        } else if (s) {
            a = s->timexes;
            g_array_set_clear_func(a, clear_timex);
            s->timexes = NULL;
        }
        chron_timeml_free(s);
    }
    g_free(path);
    return a;
}

/* System mentions from JSON Lines written by `chronicle tag` on the gold .tml files: document
 * base name -> GArray of chron_gold_timex whose start/end are still code point offsets. */
static GHashTable *read_jsonl(const char *path, GError **error)
{
    char *data;
    if (!g_file_get_contents(path, &data, NULL, error))
        return NULL;
    GHashTable *docs =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
    gchar **lines = g_strsplit(data, "\n", -1);
    g_free(data);
    JsonParser *p = json_parser_new();
    for (int n = 0; lines[n]; n++) {
        if (!*g_strstrip(lines[n]))
            continue;
        JsonObject *o = NULL;
        if (json_parser_load_from_data(p, lines[n], -1, NULL) &&
            JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p)))
            o = json_node_get_object(json_parser_get_root(p));
        if (!o || !json_object_has_member(o, "doc") || !json_object_has_member(o, "start") ||
            !json_object_has_member(o, "end")) {
            g_set_error(error, CHRON_ERROR, CHRON_ERROR_PARSE,
                        "%s:%d: not a mention (an object with doc, start and end)", path, n + 1);
            g_hash_table_destroy(docs);
            docs = NULL;
            break;
        }
        char *base = g_path_get_basename(json_object_get_string_member(o, "doc"));
        GArray *a = g_hash_table_lookup(docs, base);
        if (!a) {
            a = g_array_new(FALSE, TRUE, sizeof(chron_gold_timex));
            g_array_set_clear_func(a, clear_timex);
            g_hash_table_insert(docs, g_strdup(base), a);
        }
        g_free(base);
        const char *type = json_object_get_string_member_with_default(o, "type", "DATE");
        const char *value = json_object_get_string_member_with_default(o, "value", "");
        const char *mod = json_object_get_string_member_with_default(o, "mod", NULL);
        chron_gold_timex t = {(gsize)json_object_get_int_member(o, "start"),
                              (gsize)json_object_get_int_member(o, "end"), g_strdup(type),
                              g_strdup(value ? value : ""), g_strdup(mod)};
        g_array_append_val(a, t);
    }
    g_object_unref(p);
    g_strfreev(lines);
    return docs;
}

/* The mentions for gold document g from the JSON Lines table, offsets turned into bytes. */
static GArray *system_from_jsonl(GHashTable *docs, const chron_timeml *g)
{
    char *base = g_path_get_basename(g->name);
    GArray *src = g_hash_table_lookup(docs, base);
    g_free(base);
    GArray *a = g_array_new(FALSE, TRUE, sizeof(chron_gold_timex));
    g_array_set_clear_func(a, clear_timex);
    glong total = g_utf8_strlen(g->text, (gssize)g->len);
    for (guint i = 0; src && i < src->len; i++) {
        const chron_gold_timex *t = &g_array_index(src, chron_gold_timex, i);
        if ((glong)t->end > total || t->start >= t->end)
            continue;
        chron_gold_timex b = {(gsize)(g_utf8_offset_to_pointer(g->text, (glong)t->start) - g->text),
                              (gsize)(g_utf8_offset_to_pointer(g->text, (glong)t->end) - g->text),
                              g_strdup(t->type), g_strdup(t->value), g_strdup(t->mod)};
        g_array_append_val(a, b);
    }
    return a;
}

/* chronicle eval --timeline GOLD.tsv INPUT...: the events of the inputs against a gold
 * timeline. The inputs are read like every other command's (manifest, DCTs); lang and doctype
 * are handed over (and freed) by the caller. */
static int eval_timeline(const char *gold_path, char **paths, int npaths, gboolean totals_only,
                         gboolean no_merge, char *lang, char *doctype)
{
    GError *err = NULL;
    chron_tlgold *gold = chron_tlgold_load(gold_path, &err);
    if (!gold) {
        fprintf(stderr, "chronicle eval: %s\n", err->message);
        g_error_free(err);
        g_free(lang);
        g_free(doctype);
        return CHRON_EXIT_FAILED;
    }
    cli_inputs in = {0};
    cli_select sel = {.no_merge = no_merge};
    in.lang = lang;
    in.doctype = doctype;
    int rc = cli_inputs_load(&in, paths, npaths);
    if (rc == CHRON_EXIT_OK || rc == CHRON_EXIT_PARTIAL) {
        chron_event_list *events = cli_select_events(&sel, &in, "eval");
        if (!events) {
            rc = CHRON_EXIT_FAILED;
        } else {
            chron_tleval_totals t;
            char *rep = NULL;
            chron_tleval_run(gold, events, &t, totals_only ? NULL : &rep);
            if (totals_only)
                printf("gold=%u\nsystem=%u\nmatched=%u\nevent_p=%.4f\nevent_r=%.4f\n"
                       "event_f1=%.4f\ndate_p=%.4f\ndate_r=%.4f\ndate_f1=%.4f\nsources_ok=%u\n",
                       t.gold, t.system, t.matched, t.event_p, t.event_r, t.event_f1, t.date_p,
                       t.date_r, t.date_f1, t.sources_ok);
            else
                fputs(rep, stdout);
            g_free(rep);
            chron_event_list_free(events);
        }
    }
    cli_select_finish(&sel);
    cli_inputs_finish(&in);
    chron_tlgold_free(gold);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    char *sysdir = NULL, *doctype = NULL, *lang = NULL;
    int examples = 0;
    gboolean totals_only = FALSE, no_merge = FALSE;
    char *timeline = NULL;
    GOptionEntry entries[] = {
        {"timeline", 0, 0, G_OPTION_ARG_FILENAME, &timeline,
         "Score the events of the INPUTs against the gold timeline FILE (tab-separated; see "
         "tests/timeline/corpus.gold.tsv) instead",
         "FILE"},
        {"no-merge", 0, 0, G_OPTION_ARG_NONE, &no_merge,
         "With --timeline: keep each article's report apart", NULL},
        {"system", 0, 0, G_OPTION_ARG_FILENAME, &sysdir,
         "Score the TimeML files in DIR (same names as the gold), or the JSON Lines FILE of "
         "'chronicle tag GOLD...', instead of tagging",
         "DIR|FILE"},
        {"examples", 'e', 0, G_OPTION_ARG_INT, &examples, "Show up to N errors per class", "N"},
        {"totals", 0, 0, G_OPTION_ARG_NONE, &totals_only, "Print only key=value totals", NULL},
        {"doctype", 0, 0, G_OPTION_ARG_STRING, &doctype, "news (default) or narrative", "TYPE"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Rule language (default: auto)", "LANG"},
        {0},
    };
    GOptionContext *ctx = g_option_context_new(
        "GOLD... - score the tagger on gold TimeML (or, with --timeline, the events of INPUT...)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = CHRON_EXIT_USAGE;
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    chron_tagger *tagger = NULL;
    chron_score *score = NULL;
    if (!cli_parse(ctx, &argc, &argv))
        goto out;
    if (argc < 2) {
        fprintf(stderr, timeline ? "chronicle eval: give the inputs to build the timeline from\n"
                                 : "chronicle eval: give gold TimeML files or folders\n");
        goto out;
    }
    if (timeline) {
        rc = eval_timeline(timeline, argv + 1, argc - 1, totals_only, no_merge, lang, doctype);
        lang = doctype = NULL;
        goto out;
    }
    GError *err = NULL;
    tagger = chron_tagger_new(lang ? lang : "auto", &err);
    if (!tagger) {
        fprintf(stderr, "chronicle eval: %s\n", err->message);
        g_error_free(err);
        goto out;
    }
    for (int i = 1; i < argc; i++)
        collect(argv[i], files);
    GHashTable *jsonl = NULL;
    if (sysdir && !g_file_test(sysdir, G_FILE_TEST_IS_DIR)) {
        jsonl = read_jsonl(sysdir, &err);
        if (!jsonl) {
            fprintf(stderr, "chronicle eval: %s\n", err->message);
            g_error_free(err);
            rc = CHRON_EXIT_FAILED;
            goto out;
        }
    }
    score = chron_score_new();
    rc = CHRON_EXIT_OK;
    guint docs = 0;
    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        char *data;
        gsize len;
        if (!g_file_get_contents(path, &data, &len, &err)) {
            fprintf(stderr, "chronicle eval: %s\n", err->message);
            g_clear_error(&err);
            rc = CHRON_EXIT_PARTIAL;
            continue;
        }
        chron_timeml *g = chron_timeml_parse(path, data, len, &err);
        g_free(data);
        GArray *sys = NULL;
        if (g && jsonl)
            sys = system_from_jsonl(jsonl, g);
        else if (g)
            sys = sysdir ? system_from_file(sysdir, g, &err)
                         : system_mentions(tagger, g, g_strcmp0(doctype, "narrative") == 0);
        if (!sys) {
            fprintf(stderr, "chronicle eval: %s\n", err->message);
            g_clear_error(&err);
            rc = CHRON_EXIT_PARTIAL;
        } else {
            chron_score_add(score, path, g->text, g->timexes, sys);
            g_array_free(sys, TRUE);
            docs++;
        }
        chron_timeml_free(g);
    }
    if (docs == 0) {
        fprintf(stderr, "chronicle eval: no gold document could be read\n");
        rc = CHRON_EXIT_FAILED;
        goto out;
    }
    if (totals_only) {
        chron_score_totals t;
        chron_score_totals_get(score, &t);
        printf("documents=%u\ngold=%u\nsystem=%u\nstrict_f1=%.4f\nrelaxed_f1=%.4f\n"
               "type_accuracy=%.4f\nvalue_accuracy=%.4f\nvalue_f1=%.4f\n",
               docs, t.gold, t.system, t.strict_f1, t.relaxed_f1, t.type_acc, t.value_acc,
               t.value_f1);
    } else {
        char *rep = chron_score_report(score, examples > 0 ? (guint)examples : 0);
        printf("documents %u\n%s", docs, rep);
        g_free(rep);
    }
    if (jsonl)
        g_hash_table_destroy(jsonl);
out:
    chron_score_free(score);
    chron_tagger_free(tagger);
    g_ptr_array_free(files, TRUE);
    g_free(sysdir);
    g_free(timeline);
    g_free(doctype);
    g_free(lang);
    g_option_context_free(ctx);
    return rc;
}

/* test_pieces.c - a document tagged a piece at a time (as `chronicle tag` does with long texts,
 * to keep memory flat) must give what the document tagged whole gives, when each piece is tagged
 * with the context the pieces before it left (chron_tagger_tag_piece()). Checked on every file
 * given, as news and as narrative, cut as chron_text_piece_end() cuts it every PIECE bytes or so:
 * as it is, at line ends, and as one line (line breaks made spaces), at sentence starts, where no
 * cut may fall inside a sentence; and once without the context, which must differ on the
 * narrative file (the check can fail). */
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "timex.h"

#define PIECE 1000

/* One line per mention: offsets (shifted by base), type, value, mod, interval and pair (shifted by
 * index). */
static void describe(GString *s, const chron_timex_list *l, gsize base, guint index)
{
    for (guint i = 0; i < chron_timex_list_count(l); i++) {
        const chron_timex *t = chron_timex_list_get(l, i);
        g_string_append_printf(
            s, "%zu-%zu %s %s %s %s %d %s\n", (size_t)(t->start + base), (size_t)(t->end + base),
            chron_timex_type_name(t->type), t->value ? t->value : "-", t->mod ? t->mod : "-",
            t->interval ? t->interval : "-", t->pair >= 0 ? t->pair + (int)index : -1, t->text);
    }
}

static char *tag_whole(const chron_tagger *tg, const char *text, gsize len, const GDate *ref,
                       gboolean narrative)
{
    GString *s = g_string_new(NULL);
    chron_timex_list *l = chron_tagger_tag(tg, text, len, ref, narrative);
    describe(s, l, 0, 0);
    chron_timex_list_free(l);
    return g_string_free(s, FALSE);
}

/* Tagged in pieces of about PIECE bytes cut as `chronicle tag` cuts them (at line ends, in a long
 * line at sentence starts); with_context FALSE tags each piece on its own. */
static char *tag_pieces(const chron_tagger *tg, const char *text, gsize len, const GDate *ref,
                        gboolean narrative, gboolean with_context, guint *pieces,
                        guint *split_sentences)
{
    GString *s = g_string_new(NULL);
    chron_tag_context *ctx = with_context ? chron_tag_context_new() : NULL;
    gsize base = 0;
    guint index = 0;
    *pieces = *split_sentences = 0;
    GArray *sentences = chron_text_sentences(text, len);
    guint next = 0; /* the first sentence not wholly in the pieces so far */
    while (base < len) {
        gsize end =
            len - base > PIECE ? base + chron_text_piece_end(text + base, len - base, PIECE) : len;
        /* Every cut falls between two sentences of the whole text (or in the white space before
         * the first or after the last). */
        while (next < sentences->len && g_array_index(sentences, chron_span, next).end <= end)
            next++;
        if (next < sentences->len && g_array_index(sentences, chron_span, next).start < end)
            (*split_sentences)++;
        chron_timex_list *l =
            chron_tagger_tag_piece(tg, text + base, end - base, ref, narrative, ctx);
        describe(s, l, base, index);
        index += chron_timex_list_count(l);
        chron_timex_list_free(l);
        base = end;
        (*pieces)++;
    }
    g_array_unref(sentences);
    chron_tag_context_free(ctx);
    return g_string_free(s, FALSE);
}

/* Prints the first line where a and b differ. */
static void first_difference(const char *a, const char *b)
{
    gsize i = 0, line = 0;
    while (a[i] && a[i] == b[i])
        i++;
    while (i > 0 && a[i - 1] != '\n')
        i--;
    for (gsize k = 0; k < i; k++)
        line += a[k] == '\n';
    printf("#   mention %zu: whole '%.*s', pieces '%.*s'\n", (size_t)line + 1,
           (int)strcspn(a + i, "\n"), a + i, (int)strcspn(b + i, "\n"), b + i);
}

int main(int argc, char **argv)
{
    chron_tagger *tg = chron_tagger_new("auto", NULL);
    GDate ref;
    g_date_clear(&ref, 1);
    g_date_set_dmy(&ref, 20, 1, 2026);
    int n = 0, failed = 0;
    gboolean context_mattered = FALSE;
    for (int i = 1; i < argc; i++) {
        char *data;
        gsize len;
        if (!g_file_get_contents(argv[i], &data, &len, NULL) || !g_utf8_validate(data, len, NULL)) {
            printf("not ok %d - %s unreadable or not UTF-8\n", ++n, argv[i]);
            failed++;
            continue;
        }
        /* Each file as it is, and as one line (every line break a space), which is cut at
         * sentence starts. */
        for (int variant = 0; variant < 4; variant++) {
            gboolean narrative = variant & 1, one_line = variant >= 2;
            if (one_line && g_str_has_suffix(argv[i], ".spec"))
                break; /* spec cases are no prose: their lines hold no sentences */
            if (one_line && variant == 2)
                g_strdelimit(data, "\n", ' ');
            guint pieces, split;
            char *whole = tag_whole(tg, data, len, &ref, narrative);
            char *cut = tag_pieces(tg, data, len, &ref, narrative, TRUE, &pieces, &split);
            char *alone = tag_pieces(tg, data, len, &ref, narrative, FALSE, &pieces, &split);
            gboolean same = strcmp(whole, cut) == 0 && *whole && split == 0;
            context_mattered |= strcmp(whole, alone) != 0;
            printf("%s %d - %s%s as %s, in %u pieces, gives what it gives whole\n",
                   same ? "ok" : "not ok", ++n, argv[i], one_line ? " on one line" : "",
                   narrative ? "narrative" : "news", pieces);
            if (!same) {
                failed++;
                if (split)
                    printf("#   %u cuts inside a sentence\n", split);
                else
                    first_difference(whole, cut);
            }
            g_free(whole);
            g_free(cut);
            g_free(alone);
        }
        g_free(data);
    }
    /* Without the context the pieces lose the narrative's anchor: the test sees the difference. */
    printf("%s %d - tagged without the context, some file comes out different\n",
           context_mattered ? "ok" : "not ok", ++n);
    failed += !context_mattered;
    printf("1..%d\n", n);
    chron_tagger_free(tg);
    return failed != 0;
}

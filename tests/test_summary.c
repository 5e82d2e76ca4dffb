/* test_summary.c - timeline entries from sentences: a table of sentences written for this test
 * (not taken from corpus/), each with its date phrase and the summary expected, then checks of
 * the limits every summary keeps (length in characters, no mid-word cut, valid UTF-8, balanced
 * quotes) and of the loader. */
#include <string.h>

#include "summary.h"

typedef struct {
    const char *sentence;
    const char *date; /* the date phrase, found in the sentence by its first occurrence */
    const char *want;
} summary_case;

static const summary_case cases[] = {
    /* The date phrase goes with its preposition. */
    {"In 2015, the two navies signed a new cooperation agreement.", "2015",
     "The two navies signed a new cooperation agreement"},
    {"On March 4, Foreign Minister Jane Doe met with the envoy of the alliance and again promised "
     "that her government would raise spending on coastal patrol vessels.",
     "March 4", "Foreign Minister Jane Doe met with the envoy of the alliance"},
    {"At the end of 2019, the central bank raised its key interest rate for the third time.",
     "the end of 2019", "The central bank raised its key interest rate for the third time"},
    {"In January this year, the city council approved a ban on single-use plastics.",
     "January this year", "The city council approved a ban on single-use plastics"},
    {"The museum reopened its east wing on Saturday after a two-year renovation.", "Saturday",
     "The museum reopened its east wing after a two-year renovation"},
    {"Japan’s parliament approved the budget on March 28.", "March 28",
     "Japan’s parliament approved the budget"},
    /* Discourse openers. */
    {"Earlier, in May, the trade agreement between the two neighbours came into force, cutting "
     "tariffs on rice.",
     "May", "The trade agreement between the two neighbours came into force"},
    {"However, the bill was rejected by the upper house in July.", "July",
     "The bill was rejected by the upper house"},
    {"Meanwhile, on Sunday, thousands marched through the capital to protest the new law.",
     "Sunday", "Thousands marched through the capital to protest the new law"},
    {"In fact, the factory had already closed in 2018.", "2018", "The factory had already closed"},
    {"Second, in 2021, the ministry doubled its research budget.", "2021",
     "The ministry doubled its research budget"},
    {"On the other hand, exports to Europe rose 12 percent in the first quarter.",
     "the first quarter", "Exports to Europe rose 12 percent"},
    {"Despite heavy rain, the marathon went ahead on Sunday, drawing 30,000 runners.", "Sunday",
     "The marathon went ahead"},
    {"It can be said that the reform of 2016 changed the tax system.", "2016",
     "The reform changed the tax system"},
    {"At a press conference in Seoul on Tuesday, the president apologised for the delays.",
     "Tuesday", "The president apologised for the delays"},
    /* Attribution. */
    {"The parliament passed the budget bill on Friday, the spokesman said.", "Friday",
     "The parliament passed the budget bill"},
    {"Housing prices in the capital fell sharply in the second quarter, experts say.",
     "the second quarter", "Housing prices in the capital fell sharply"},
    {"The new tariffs, analysts say, took effect on Monday and hit steel imports hardest.",
     "Monday", "The new tariffs took effect and hit steel imports hardest"},
    {"According to Kyodo News, the cabinet approved the draft on Tuesday.", "Tuesday",
     "The cabinet approved the draft"},
    {"The cabinet approved the draft on Tuesday, according to Kyodo News.", "Tuesday",
     "The cabinet approved the draft"},
    {"“We will not back down,” the minister said on Monday.", "Monday", "“We will not back down”"},
    /* Statements: the speaker stays when the date dates the statement... */
    {"On Friday, ministry spokeswoman Lena Park said that the talks would resume next month.",
     "Friday", "Ministry spokeswoman Lena Park said the talks would resume next month"},
    {"As early as 2004, engineers warned that the levee could fail.", "2004",
     "Engineers warned the levee could fail"},
    {"On Wednesday, Norwegian Foreign Ministry spokesperson Ingrid Solberg said the government "
     "remains committed to the peace process in the region and will host another round of talks.",
     "Wednesday",
     "Ingrid Solberg said the government remains committed to the peace process in the region"},
    /* ...and goes when the date dates what was reported. */
    {"Police said the ferry sank on Monday near the northern coast.", "Monday",
     "The ferry sank near the northern coast"},
    {"The company announced a recall of 40,000 cars on Tuesday.", "Tuesday",
     "The company announced a recall of 40,000 cars"},
    /* Clause boundaries. */
    {"The court issued its ruling on Thursday, which cleared the way for the merger.", "Thursday",
     "The court issued its ruling"},
    {"Oil prices climbed on Monday, as traders weighed new supply cuts.", "Monday",
     "Oil prices climbed"},
    {"The central bank held rates steady in June while signalling cuts later in the year.", "June",
     "The central bank held rates steady"},
    {"The museum reopened in April; visitor numbers have since doubled.", "April",
     "The museum reopened"},
    {"The bridge opened to traffic in 1998 — two years behind schedule.", "1998",
     "The bridge opened to traffic"},
    {"Storm Ida made landfall on Sunday, knocking out power to a million homes.", "Sunday",
     "Storm Ida made landfall"},
    {"The airline cancelled 200 flights on Friday, citing a shortage of pilots.", "Friday",
     "The airline cancelled 200 flights"},
    {"Maria Lopez, who was elected mayor in 2017, announced her resignation on Monday.", "Monday",
     "Maria Lopez announced her resignation"},
    {"The deal, which covers rice, wheat and corn, was signed on Friday.", "Friday",
     "The deal was signed"},
    /* The date inside a relative clause or a leading phrase. */
    {"The treaty, which was signed in 1992, still governs fishing rights in the bay.", "1992",
     "The treaty was signed"},
    {"After the collapse of the coalition in 2019, the prime minister called an early election.",
     "2019", "The collapse of the coalition"},
    /* Asides, quotes, punctuation, capitals. */
    {"The World Health Organization (WHO) declared the outbreak over in March.", "March",
     "The World Health Organization declared the outbreak over"},
    {"The minister promised \"a new start on Monday.", "Monday",
     "The minister promised a new start"},
    {"The union called the offer \"an insult\" on Wednesday.", "Wednesday",
     "The union called the offer \"an insult\""},
    {"The minister said on Monday: \"We will not back down.\"", "Monday",
     "The minister said: \"We will not back down\""},
    {"In 2010, émigré writers founded the journal in Paris.", "2010",
     "Émigré writers founded the journal in Paris"},
    {"Will the summit in Geneva on Tuesday change anything?", "Tuesday",
     "Will the summit in Geneva change anything"},
    {"The exhibition opened in September (its first in a decade.", "September",
     "The exhibition opened"},
    {"The exhibition opened in September, its first in a decade).", "September",
     "The exhibition opened, its first in a decade"},
    /* Length: a subject's prepositional phrase goes first, then a cut before a conjunction or a
     * preposition. */
    {"In October, the free trade agreement between the Southeast Asian nations and the states of "
     "the Gulf Cooperation Council finally entered into force.",
     "October", "The free trade agreement entered into force"},
    {"The festival drew a record crowd of more than two hundred thousand visitors to the old town "
     "square in July and raised money for the children's hospital.",
     "July",
     "The festival drew a record crowd of more than two hundred thousand visitors to the old town "
     "square"},
    {"The queen's visit to Ireland in May 2011 and the president's return visit to Britain three "
     "years later would open a new chapter in relations between the two neighbours.",
     "May 2011", "The queen's visit to Ireland"},
    /* Other scripts. */
    {"2025年9月26日，日本政府宣布了新的防卫预算。", "2025年9月26日", "日本政府宣布了新的防卫预算"},
    /* A sentence that is nothing but a date keeps it. */
    {"On Jan 12.", "Jan 12", "On Jan 12"},
    {"(Source: Xinhua, 2025-09-26)", "2025-09-26", "(Source: Xinhua, 2025-09-26)"},
    /* A leading participial phrase goes. */
    {"Taking the northern route as an example, freight volumes doubled between 2019 and 2023.",
     "2019 and 2023", "Freight volumes doubled"},
};

static char *summarise(const char *sentence, const char *date)
{
    const char *at = strstr(sentence, date);
    g_assert_nonnull(at);
    gsize ms = at - sentence;
    return chron_summary_make(sentence, strlen(sentence), ms, ms + strlen(date));
}

static void test_table(void)
{
    guint failed = 0;
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = summarise(cases[i].sentence, cases[i].date);
        if (g_strcmp0(got, cases[i].want) != 0) {
            g_test_message("case %u: %s\n  want: %s\n  got:  %s", i, cases[i].sentence,
                           cases[i].want, got);
            failed++;
        }
        g_free(got);
    }
    g_assert_cmpuint(failed, ==, 0);
}

/* Every word of s (split at spaces) is a whole word of the original. */
static void assert_whole_words(const char *original, const char *s)
{
    gchar **words = g_strsplit(s, " ", -1);
    for (gchar **w = words; *w; w++) {
        if (!**w || g_str_has_suffix(*w, "…"))
            continue;
        const char *p = strstr(original, *w);
        g_assert_nonnull(p);
    }
    g_strfreev(words);
}

/* Properties every summary of the table keeps. */
static void test_limits(void)
{
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = summarise(cases[i].sentence, cases[i].date);
        g_assert_true(g_utf8_validate(got, -1, NULL));
        g_assert_cmpint(g_utf8_strlen(got, -1), <=, CHRON_SUMMARY_MAX);
        g_free(got);
    }
}

/* No boundary fits: cut at the last space before the limit, with an ellipsis. */
static void test_ellipsis(void)
{
    const char *s = "In 2020, Überraschend schnell verständigten sich die Delegationen der "
                    "beteiligten Staaten auf gemeinsame Grundsätze für künftige "
                    "Verhandlungsrunden über Rüstungskontrolle und Abrüstung";
    char *got = summarise(s, "2020");
    g_assert_true(g_utf8_validate(got, -1, NULL));
    g_assert_cmpint(g_utf8_strlen(got, -1), <=, CHRON_SUMMARY_MAX);
    g_assert_true(g_str_has_prefix(got, "Überraschend"));
    g_assert_true(g_str_has_suffix(got, "…"));
    /* the text before the ellipsis ends a word of the input */
    char *stem = g_strndup(got, strlen(got) - strlen("…"));
    char *probe = g_strconcat(stem, " ", NULL);
    g_assert_nonnull(strstr(s, probe));
    assert_whole_words(s, stem);
    g_free(probe);
    g_free(stem);
    g_free(got);
}

/* A long CJK sentence has no spaces: it is cut at a full-width comma, else at a character. */
static void test_cjk_length(void)
{
    GString *s = g_string_new("2024年3月，");
    for (int i = 0; i < 12; i++)
        g_string_append(s, "日本政府与菲律宾政府签署了防卫合作协定");
    g_string_append(s, "。");
    char *got = summarise(s->str, "2024年3月");
    g_assert_true(g_utf8_validate(got, -1, NULL));
    g_assert_cmpint(g_utf8_strlen(got, -1), ==, CHRON_SUMMARY_MAX);
    g_assert_true(g_str_has_prefix(got, "日本政府"));
    g_assert_true(g_str_has_suffix(got, "…"));
    g_free(got);

    g_string_assign(s, "2024年3月，");
    for (int i = 0; i < 3; i++)
        g_string_append(s, "日本政府与菲律宾政府签署了防卫合作协定");
    g_string_append(s, "，");
    for (int i = 0; i < 5; i++)
        g_string_append(s, "两国军队将交换物资和服务");
    got = summarise(s->str, "2024年3月");
    g_assert_cmpint(g_utf8_strlen(got, -1), ==, 3 * 19);
    g_free(got);
    g_string_free(s, TRUE);
}

/* Long sentences of many words: never over the limit, never mid-word, quotes balanced. */
static void test_long_sentences(void)
{
    static const char *const words[] = {
        "the",   "ministry", "“said”", "allies",      "and", "signed",   "(treaty)", "to",
        "naïve", "東京",     "which",  "cooperation", "in",  "\"quoted", "words\"",  "of",
    };
    GRand *r = g_rand_new_with_seed(7);
    for (int n = 0; n < 200; n++) {
        GString *s = g_string_new("On Monday, ");
        int len = g_rand_int_range(r, 1, 60);
        for (int i = 0; i < len; i++) {
            g_string_append(s, words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
            g_string_append_c(s, i + 1 < len ? ' ' : '.');
        }
        char *got = summarise(s->str, "Monday");
        g_assert_true(g_utf8_validate(got, -1, NULL));
        g_assert_cmpint(g_utf8_strlen(got, -1), <=, CHRON_SUMMARY_MAX);
        int quotes = 0, open = 0;
        for (const char *p = got; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            quotes += c == '"';
            open += c == 0x201C ? 1 : c == 0x201D ? -1 : 0;
            g_assert_cmpint(open, >=, 0);
        }
        g_assert_cmpint(quotes % 2, ==, 0);
        g_assert_cmpint(open, ==, 0);
        char *stem =
            g_str_has_suffix(got, "…") ? g_strndup(got, strlen(got) - strlen("…")) : g_strdup(got);
        /* strip the balancing's removals before comparing words */
        GString *plain = g_string_new(NULL);
        for (const char *p = stem; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c != '"' && c != '(' && c != ')' && c != 0x201C && c != 0x201D)
                g_string_append_unichar(plain, c);
        }
        gchar **ws = g_strsplit(plain->str, " ", -1);
        for (gchar **w = ws; *w; w++) {
            if (!**w)
                continue;
            /* a word of the list, less the quotes and parentheses balancing dropped */
            char *lower = g_utf8_strdown(*w, -1);
            char *sentence = g_utf8_strdown(s->str, -1);
            gboolean found = strstr(sentence, lower) != NULL;
            g_free(sentence);
            if (!found)
                g_test_message("not a word of the input: '%s' in '%s'", *w, got);
            g_assert_true(found);
            g_free(lower);
        }
        g_strfreev(ws);
        g_string_free(plain, TRUE);
        g_free(stem);
        g_free(got);
        g_string_free(s, TRUE);
    }
    g_rand_free(r);
}

/* The word lists load; a language without summary.ini gets the neutral steps only. */
static void test_loader(void)
{
    GError *err = NULL;
    chron_summarizer *en = chron_summarizer_new("en", &err);
    g_assert_no_error(err);
    g_assert_nonnull(en);
    const char *s = "However, on Monday, the ministry denied the report, officials said.";
    const char *at = strstr(s, "Monday");
    char *got = chron_summarizer_make(en, s, strlen(s), at - s, at - s + 6);
    g_assert_cmpstr(got, ==, "The ministry denied the report");
    g_free(got);
    chron_summarizer_free(en);

    chron_summarizer *none = chron_summarizer_new("xx", &err);
    g_assert_no_error(err);
    got = chron_summarizer_make(none, s, strlen(s), at - s, at - s + 6);
    g_assert_cmpstr(got, ==, "However, on, the ministry denied the report, officials said");
    g_free(got);
    chron_summarizer_free(none);
    chron_summarizer_free(NULL);

    /* Out-of-range offsets are clamped, not trusted. */
    got = chron_summary_make(s, strlen(s), 500, 900);
    g_assert_cmpstr(got, ==, "The ministry denied the report");
    g_free(got);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/summary/table", test_table);
    g_test_add_func("/summary/limits", test_limits);
    g_test_add_func("/summary/ellipsis", test_ellipsis);
    g_test_add_func("/summary/cjk-length", test_cjk_length);
    g_test_add_func("/summary/long-sentences", test_long_sentences);
    g_test_add_func("/summary/loader", test_loader);
    return g_test_run();
}

/* test_classify.c - event types and actors from the built-in lexicons (en/events.ini,
 * en/actors.ini), on sentences written for this test. */
#include <string.h>

#include "classify.h"
#include "error.h"

static chron_classifier *cls;

/* ---- event types -------------------------------------------------------------------------- */

typedef struct type_case {
    const char *summary; /* NULL: the sentence is its own summary */
    const char *sentence;
    const char *type;
} type_case;

static const type_case type_cases[] = {
    /* agreement */
    {NULL, "Canada and Mexico signed a new border security pact on Monday.", "agreement"},
    {NULL, "The reciprocal access agreement between Britain and Japan came into force.",
     "agreement"},
    {NULL, "The revised tariff rules entered into force last spring.", "agreement"},
    {NULL, "The arrangement took effect at midnight.", "agreement"},
    {NULL, "Parliament ratified the treaty after a long debate.", "agreement"},
    {NULL, "The two governments agreed to extend the fisheries accord.", "agreement"},
    /* meeting */
    {NULL, "President Emmanuel Macron met with German Chancellor Olaf Scholz in Paris.", "meeting"},
    {NULL, "Leaders of the Pacific Islands Forum gathered for a summit in Fiji.", "meeting"},
    {NULL, "The Indian foreign minister visited Hanoi for two days.", "meeting"},
    {NULL, "The two defense chiefs held talks by video link.", "meeting"},
    /* exercise */
    {NULL, "Australian and Indonesian troops held a joint exercise near Darwin.", "exercise"},
    {NULL, "The navies of Norway and Sweden conducted drills in the Baltic.", "exercise"},
    {NULL, "Thousands of soldiers took part in the annual exercise in Poland.", "exercise"},
    /* release */
    {NULL, "The cabinet approved a new national defense strategy.", "release"},
    {NULL, "The ministry released its annual white paper on Tuesday.", "release"},
    {NULL, "Canberra published the documents under pressure from lawmakers.", "release"},
    /* statement */
    {NULL, "The foreign minister said the talks had been constructive.", "meeting"},
    {NULL, "Officials in Seoul criticised the remarks as provocative.", "statement"},
    {NULL, "The spokeswoman urged restraint on all sides.", "statement"},
    {NULL, "Chilean officials said the decision was final.", "statement"},
    /* protest */
    {NULL, "Thousands of residents rallied outside the parliament in Bucharest.", "protest"},
    {NULL, "Students staged demonstrations in the capital.", "protest"},
    {NULL, "Fishermen protested against the planned runway.", "protest"},
    /* deployment */
    {NULL, "Washington deployed two destroyers to the region.", "deployment"},
    {NULL, "Germany dispatched 300 troops to Lithuania.", "deployment"},
    {NULL, "About 5,000 marines are stationed on the island.", "deployment"},
    /* arms export */
    {NULL, "Italy agreed to export six frigates to Indonesia.", "arms-export"},
    {NULL, "France sold 24 fighter jets to Greece.", "arms-export"},
    {NULL, "The government relaxed its rules on arms exports.", "arms-export"},
    {NULL, "Sweden will supply air defense systems to Ukraine.", "arms-export"},
    /* establishment */
    {NULL, "The alliance established a new maritime command in Naples.", "establishment"},
    {NULL, "The university was founded by missionaries.", "establishment"},
    {NULL, "The two navies set up a hotline between their headquarters.", "establishment"},
    /* ties: statement verbs lose to a substantive cue; otherwise the earliest cue wins */
    {NULL, "The spokesman said Peru signed the agreement with Chile.", "agreement"},
    {NULL, "Officials warned that Moscow had deployed missiles near the border.", "deployment"},
    {NULL, "The leaders met in Rome and signed a declaration.", "meeting"},
    {NULL, "Brazil signed a deal at the summit.", "agreement"},
    /* the summary wins over the rest of the sentence */
    {"Vietnam held a military exercise",
     "Vietnam held a military exercise, weeks after it "
     "signed a treaty with Laos.",
     "exercise"},
    {"Demonstrators gathered in Manila",
     "Demonstrators gathered in Manila as the two ministers held talks.", "protest"},
    /* no summary cue: the sentence decides */
    {"The city's mayor", "The city's mayor later met the delegation.", "meeting"},
    /* exceptions and pairs */
    {NULL, "The vote was a sign of growing unease.", "other"},
    {NULL, "Japan exports cars to Europe.", "other"},
    {NULL, "The agency found that prices had risen.", "other"},
    {NULL, "The economy grew by 2 percent in the third quarter.", "other"},
    {NULL, "The budget was approved by the assembly.", "release"},
    {NULL, "Heavy rain fell across the region.", "other"},
};

static void test_types(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(type_cases); i++) {
        const type_case *tc = &type_cases[i];
        const char *got =
            chron_classifier_type(cls, tc->summary ? tc->summary : tc->sentence, tc->sentence);
        if (strcmp(got, tc->type) != 0)
            g_test_message("%s -> %s (want %s)", tc->sentence, got, tc->type);
        g_assert_cmpstr(got, ==, tc->type);
    }
    /* a NULL summary reads the sentence */
    g_assert_cmpstr(chron_classifier_type(cls, NULL, "Kenya signed the pact."), ==, "agreement");
    g_assert_cmpstr(chron_classifier_type(cls, "", ""), ==, CHRON_EVENT_TYPE_OTHER);
}

static void test_type_names(void)
{
    const char *const *names = chron_classifier_type_names(cls);
    const char *want[] = {"agreement", "meeting",    "exercise",    "release",      "statement",
                          "protest",   "deployment", "arms-export", "establishment"};
    gsize n = 0;
    while (names[n])
        n++;
    g_assert_cmpuint(n, ==, G_N_ELEMENTS(want));
    for (gsize i = 0; i < n; i++)
        g_assert_cmpstr(names[i], ==, want[i]);
}

/* ---- actors ------------------------------------------------------------------------------- */

typedef struct actor_case {
    const char *text;
    const char *actors; /* expected, joined with "|" */
} actor_case;

static const actor_case actor_cases[] = {
    /* adjectives and titles */
    {"Canadian Prime Minister Justin Trudeau met French President Emmanuel Macron.",
     "Canada|Justin Trudeau|France|Emmanuel Macron"},
    {"Philippine Defense Secretary Gilberto Teodoro spoke with the commander of the US "
     "Indo-Pacific Command.",
     "Philippines|Gilberto Teodoro|United States|US Indo-Pacific Command"},
    {"Chinese Foreign Ministry spokesman Lin Jian said Beijing opposed the move.",
     "China|Chinese Foreign Ministry|Lin Jian"},
    /* aliases, each canonical name once, in order of first mention */
    {"The U.S. and the UK signed the deal; Washington and London welcomed it, as did "
     "Britain's allies.",
     "United States|United Kingdom"},
    {"NATO Secretary General Mark Rutte visited Kyiv after the EU summit.",
     "NATO|Mark Rutte|Ukraine|European Union"},
    {"Members of the Association of Southeast Asian Nations met in Jakarta.", "ASEAN|Indonesia"},
    /* sentence-initial function words, months and weekdays are not names */
    {"The Indian Navy sent ships to the Red Sea.", "India|Indian Navy"},
    {"However, Vietnamese officials said on Monday that talks would resume in March.", "Vietnam"},
    {"In January, Dr. Maria Santos Lopez joined the World Health Organization.",
     "Maria Santos Lopez|World Health Organization"},
    /* unlisted organisations, particles, initials, hyphenated names */
    {"Analysts at the Center for Strategic and International Studies disagreed.",
     "Center for Strategic and International Studies"},
    {"South Korean President Lee Jae-myung spoke with John F. Kennedy Jr about the Bank of "
     "Japan.",
     "South Korea|Lee Jae-myung|John F. Kennedy Jr|Japan|Bank of Japan"},
    /* surnames after a full name, and a single name after a title */
    {"Senator Jane Holloway criticised the plan. Holloway said Mr. Okafor had agreed.",
     "Jane Holloway|Okafor"},
    /* seas, regions, documents and quoted names are not actors */
    {"Japan and Australia held the \"Southern Jackaroo\" exercise in the South China Sea.",
     "Japan|Australia"},
    {"The National Defense Strategy names Russia as a threat in the Indo-Pacific.", "Russia"},
    {"A Kishida-led delegation arrived in Seoul.", "South Korea"},
    {"Nothing happened.", ""},
    {"", ""},
};

static void test_actors(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(actor_cases); i++) {
        char **got = chron_classifier_actors(cls, actor_cases[i].text);
        char *joined = g_strjoinv("|", got);
        if (strcmp(joined, actor_cases[i].actors) != 0)
            g_test_message("%s -> %s", actor_cases[i].text, joined);
        g_assert_cmpstr(joined, ==, actor_cases[i].actors);
        g_free(joined);
        g_strfreev(got);
    }
}

static void test_missing_language(void)
{
    GError *err = NULL;
    g_assert_null(chron_classifier_new("xx", &err));
    g_assert_error(err, CHRON_ERROR, CHRON_ERROR_IO);
    g_assert_nonnull(strstr(err->message, "xx/events.ini"));
    g_error_free(err);
    chron_classifier_free(NULL);
}

/* Long texts of cues and capitalised words take linear time (a quadratic scan would not finish
 * within the test's time limit) and still give sensible answers. */
static void test_long_input(void)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 20000; i++)
        g_string_append(s, "Japan Aa Bb Cc Dd said signed deployed \"Ee Ff\" of the ");
    g_string_append(s, "Kenya.");
    g_assert_cmpstr(chron_classifier_type(cls, NULL, s->str), ==, "agreement");
    char **got = chron_classifier_actors(cls, s->str);
    g_assert_cmpstr(got[0], ==, "Japan");
    g_assert_cmpstr(got[1], ==, "Aa Bb Cc Dd");
    g_assert_cmpstr(got[2], ==, "Kenya");
    g_assert_null(got[3]);
    g_strfreev(got);
    g_string_free(s, TRUE);
}

/* Concurrent reads of one classifier give the same answers as one thread. */
static gpointer worker(gpointer data)
{
    for (int r = 0; r < 50; r++)
        for (gsize i = 0; i < G_N_ELEMENTS(actor_cases); i++) {
            char **got = chron_classifier_actors(cls, actor_cases[i].text);
            char *joined = g_strjoinv("|", got);
            if (strcmp(joined, actor_cases[i].actors) != 0)
                g_atomic_int_inc((gint *)data);
            g_free(joined);
            g_strfreev(got);
            const type_case *tc = &type_cases[i];
            if (strcmp(chron_classifier_type(cls, tc->summary, tc->sentence), tc->type) != 0)
                g_atomic_int_inc((gint *)data);
        }
    return NULL;
}

static void test_threads(void)
{
    gint errors = 0;
    GThread *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = g_thread_new("classify", worker, &errors);
    for (int i = 0; i < 4; i++)
        g_thread_join(t[i]);
    g_assert_cmpint(errors, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    GError *err = NULL;
    cls = chron_classifier_new("en", &err);
    g_assert_no_error(err);
    g_test_add_func("/classify/types", test_types);
    g_test_add_func("/classify/type-names", test_type_names);
    g_test_add_func("/classify/actors", test_actors);
    g_test_add_func("/classify/missing-language", test_missing_language);
    g_test_add_func("/classify/long-input", test_long_input);
    g_test_add_func("/classify/threads", test_threads);
    int rc = g_test_run();
    chron_classifier_free(cls);
    return rc;
}

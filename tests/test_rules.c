/* test_rules.c - every built-in rule compiles as it is matched: the rules are compiled at load
 * without Unicode properties (for their first bytes and groups), and matched with them, so a
 * pattern PCRE2 accepted only the first way would match nothing, silently. */
#include <string.h>

#include "error.h"
#include "rules.h"

static void check_language(gconstpointer data)
{
    const char *lang = data;
    GError *err = NULL;
    chron_ruleset *rs = chron_ruleset_load(lang, &err);
    g_assert_no_error(err);
    g_assert_nonnull(rs);
    g_assert_cmpuint(rs->rules->len, >, 10);
    for (guint i = 0; i < rs->rules->len; i++) {
        const chron_rule *r = g_ptr_array_index(rs->rules, i);
        if (!chron_pattern_check(r->re, &err))
            g_test_message("%s rule %s: %s", lang, r->name, err->message);
        g_assert_no_error(err);
        if (r->re_anchored) {
            g_assert_true(chron_pattern_check(r->re_anchored, &err));
            g_assert_no_error(err);
        }
    }
    chron_ruleset_free(rs);
}

static void test_bad_pattern(void)
{
    GError *err = NULL;
    /* A lazy pattern's syntax is still checked at load. */
    chron_pattern *p = chron_pattern_new("\\b\\w+\\b", CHRON_PATTERN_LAZY, &err);
    g_assert_no_error(err);
    g_assert_true(chron_pattern_check(p, &err));
    chron_pattern_free(p);
    g_assert_null(chron_pattern_new("(unclosed", CHRON_PATTERN_LAZY, &err));
    g_assert_error(err, CHRON_ERROR, CHRON_ERROR_PARSE);
    g_clear_error(&err);
}

/* A lexicon that writes a section twice, or a key twice in one, is refused with both lines. */
static void test_lexicon_unique(void)
{
    GError *err = NULL;
    const char *good = "# months\n[month]\nJanuary=01\n\n[day]\nJanuary=x\n";
    g_assert_true(chron_lexicon_check_unique(good, strlen(good), "t.ini", &err));
    g_assert_no_error(err);
    const char *section = "[a]\nx=1\n[b]\ny=2\n  [a]  \nz=3\n";
    g_assert_false(chron_lexicon_check_unique(section, strlen(section), "t.ini", &err));
    g_assert_error(err, CHRON_ERROR, CHRON_ERROR_PARSE);
    g_assert_cmpstr(err->message, ==, "rules/t.ini:5: section [a] again (first at line 1)");
    g_clear_error(&err);
    const char *key = "[a]\nx=1\ny=2\n x = 3\n";
    g_assert_false(chron_lexicon_check_unique(key, strlen(key), "t.ini", &err));
    g_assert_cmpstr(err->message, ==, "rules/t.ini:4: 'x' again in its section (first at line 2)");
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/rules/compile/en", "en", check_language);
    g_test_add_data_func("/rules/compile/zh", "zh", check_language);
    g_test_add_func("/rules/compile/bad", test_bad_pattern);
    g_test_add_func("/rules/lexicon-unique", test_lexicon_unique);
    return g_test_run();
}

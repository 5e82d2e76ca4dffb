/* test_rules.c - every built-in rule compiles as it is matched: the rules are compiled at load
 * without Unicode properties (for their first bytes and groups), and matched with them, so a
 * pattern PCRE2 accepted only the first way would match nothing, silently. */
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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/rules/compile/en", "en", check_language);
    g_test_add_data_func("/rules/compile/zh", "zh", check_language);
    g_test_add_func("/rules/compile/bad", test_bad_pattern);
    return g_test_run();
}

/* rules.h - temporal rules as data: the per-language resource files built into the binary.
 *
 * Each language is a folder src/rules/LANG/ with
 *   lexicon.ini  GKeyFile tables: [month] january=01, [weekday] thursday=4, ... and [patterns],
 *                named regular-expression fragments;
 *   rules.txt    extraction rules, blank-line separated blocks of "key value" lines:
 *                  rule   NAME          a unique name
 *                  type   DATE|TIME|DURATION|SET
 *                  match  REGEX         %{name} inserts a [patterns] fragment or a table's words;
 *                                       a group named t, when present, is the mention's extent
 *                  value  TEMPLATE      {group}, {group:table}, {group:num}, {group:2} (zero pad),
 *                                       {group:+N} (the number plus N: an era's years),
 *                                       {group:fn|default} (default as is when the group
 *                                       took no part in the match)
 *                  mod    TEMPLATE      optional TIMEX3 mod
 *                  flags  caseless      optional
 *                  anchor TOKEN...      where a match can start: #digit (a digit run), #digitN
 *                                       (a run of N digits, 9 for nine or more), %table
 *                                       (any word of a lexicon table), a lower-case word, a
 *                                       CJK character, or ' (an apostrophe before a digit);
 *                                       a word of several tokens anchors only where all of
 *                                       it follows, so the match must hold it whole
 *                  back   N             the match may also start up to N tokens before an
 *                                       anchor ("the early 1990s" anchored at 1990s, back 2)
 *                  prev   TOKEN...      the token just before the anchor must be one of these
 *                                       (a lower-case word, %table, #digit): "two years" but
 *                                       not "last year" for a duration anchored at "years".
 *                                       It must hold for every match, at its own anchor.
 *                  span   TOKEN...      every token from the start of a match to its anchor
 *                                       is one of these (a lower-case word, %table: every
 *                                       word of its words, #digit): the attempts reaching back
 *                                       stop at the first token that is not. It must hold
 *                                       likewise.
 *                  follow TOKEN...      after the anchor token come white space and one of
 *                                       these (a lower-case word, %table: the first word of
 *                                       each of its words, #digit, #digitN: a run of N
 *                                       digits; prev and span take #digitN too). It must hold
 *                                       likewise.
 *                  nofollow #digit      no match where white space and a digit follow the
 *                                       anchor token. It must hold likewise.
 *                  next   CHAR...       the character right after the anchor token must be one
 *                                       of these (\s: any white space): "1990s" but not
 *                                       "1990" for a decade. It must hold likewise.
 *                  before CHAR...       the character right before the anchor token must be one
 *                                       of these: "five-year" but not "five years" for a
 *                                       hyphenated duration. It must hold likewise.
 * The tagger tries a rule only at its anchors, so a text is scanned once for tokens instead of
 * once per rule; a rule without anchors is run over the whole text.
 *   tense.ini    [tense] word lists for the tense heuristic (see src/tense.h).
 * Values may be underspecified: XXXX-MM[-DD] (year from tense), XXXX-WXX-D (weekday) and
 * @UNIT±N[rest] (an offset from the reference: @Y-1, @M+0, @D-1, @W+1, @Q+0; a century's N is one
 * digit, so that a decade may follow: @C-15 is "195" in 2025), @AUNIT±N (from the
 * date the text named just before: "that year" @AY+0, "the following month" @AM+1) and @LUNIT±N
 * (a comparison: "the year-ago quarter" @LY-1).
 *
 * Internal to libchronicle. The ruleset owns everything in it.
 */
#ifndef CHRON_RULES_H
#define CHRON_RULES_H

#include <glib.h>

#include "pattern.h"
#include "timex.h"

#define CHRON_RULE_MAX_BACK 7

/* The digit runs a "prev", "span" or "follow" test lets through: bit n for a run of n digits
 * (bit 9: nine or more), from "#digitN"; "#digit" sets them all. */
#define CHRON_DIGITS_ANY 0x3FEu
#define CHRON_DIGITS(n) (1u << ((n) > 9 ? 9 : (n)))

typedef struct chron_rule {
    char *name;
    chron_timex_type type;
    chron_pattern *re;          /* unanchored: the whole-text scan */
    chron_pattern *re_anchored; /* the same, anchored at the start offset; NULL without anchors */
    char **anchors;             /* NULL-terminated, or NULL */
    int back;
    /* "prev": the token before the anchor must be one of these lower-case words
     * (prev_words, NULL when the rule has no prev line) or a digit run of a length in
     * prev_digit (see CHRON_DIGITS). A cheap necessary condition, tested before the back tokens
     * are tried. */
    struct chron_wordmap *prev_words;
    guint16 prev_digit;
    /* "next": bit b of next (when has_next) is set when the byte after the anchor token may
     * be b. A cheap necessary condition, tested with the prev one. */
    gboolean has_next;
    guint8 next[32];
    /* "before": bit b of before (when has_before) is set when the byte before the anchor token
     * may be b. Tested with the next one. */
    gboolean has_before;
    guint8 before[32];
    /* "nofollow #digit": no match where white space and a digit follow the anchor token. */
    gboolean nofollow_digit;
    /* "span": the tokens a match may hold before its anchor (span_words, NULL when the rule
     * has no span line; span_digit for digit runs). The back attempts stop at one that is
     * not among them. */
    struct chron_wordmap *span_words;
    guint16 span_digit;
    /* "follow": the tokens that may come after the anchor and white space (follow_words, NULL
     * when the rule has no follow line; follow_digit for digit runs). */
    struct chron_wordmap *follow_words;
    guint16 follow_digit;
    int extent_group; /* group t, or 0 for the whole match */
    char *value_tpl;
    char *mod_tpl; /* NULL when none */
    /* "point": for a duration counted from the date named just before ("A year later"), the
     * date it leads to, as an @A value ("@AY+1"); NULL when none. */
    char *point_tpl;
    /* The templates parsed once (group numbers, functions, tables looked up), for
     * chron_rule_expand(); mod_compiled and point_compiled NULL when the rule has none. */
    struct chron_template *value_compiled, *mod_compiled, *point_compiled;
} chron_rule;

typedef struct chron_ruleset {
    char *lang;
    GPtrArray *rules;   /* of chron_rule *, in file order (earlier wins ties) */
    GHashTable *tables; /* table name -> (GHashTable normalised word -> value) */
    GHashTable *words;  /* table name -> GPtrArray of words as the lexicon spells them */
    struct chron_tense_lexicon *tense; /* tense markers; NULL when the language has none */
} chron_ruleset;

/* Loads the built-in resources of lang. Errors name the resource file and line. */
chron_ruleset *chron_ruleset_load(const char *lang, GError **error);
void chron_ruleset_free(chron_ruleset *rs);

/* The templates of a rule. */
typedef enum {
    CHRON_TEMPLATE_VALUE = 0,
    CHRON_TEMPLATE_MOD,
    CHRON_TEMPLATE_POINT,
} chron_template_kind;

/* Expands rule's template of that kind for a match of it over text. Returns NULL when a table
 * lookup or a number fails (the match is then rejected) or when the rule has no such template;
 * else a string the caller frees. */
char *chron_rule_expand(const chron_rule *rule, const char *text, const chron_match *m,
                        chron_template_kind kind);

/* Looks word up in table (case-insensitive, white space squeezed, a trailing '.' ignored).
 * Borrowed result or NULL. */
const char *chron_ruleset_lookup(const chron_ruleset *rs, const char *table, const char *word);

/* Calls func(key, value, data) for every word of table (keys normalised as above; nothing when
 * the table is absent). The strings belong to rs. */
void chron_ruleset_table_foreach(const chron_ruleset *rs, const char *table, GHFunc func,
                                 gpointer data);

/* The languages built in (the folders of src/rules/), sorted; free with g_strfreev(). */
char **chron_rules_languages(void);

/* Reads a built-in resource as a NUL-terminated string the caller frees, or NULL. */
char *chron_resource_read(const char *path, gsize *len);

/* Whether the lexicon text data (path names it in messages, "en/lexicon.ini") writes no section
 * twice and no key twice in one section: either is a mistake (a table edited in two places, a
 * word given two values). FALSE sets error (CHRON_ERROR_PARSE), naming both lines. The loader
 * refuses such a lexicon. */
gboolean chron_lexicon_check_unique(const char *data, gsize len, const char *path, GError **error);
/* Appends the ';'-separated list under [group] key of the key file LANG/file, for every language
 * of the bundle that has one, to out: trimmed, case-folded, empty items left out. FALSE and error
 * (naming the file) when one cannot be read as a key file. */
gboolean chron_resource_list(const char *file, const char *group, const char *key, GPtrArray *out,
                             GError **error);

#endif

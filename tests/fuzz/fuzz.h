/* fuzz.h - what the libFuzzer targets of tests/fuzz/ share: the entry points and a check that
 * turns a broken invariant into a crash libFuzzer reports (and keeps the input of).
 *
 * The targets use only libchronicle's public headers, print nothing and free everything they
 * make, so LeakSanitizer reports any leak in the library. GLib criticals and warnings are made
 * fatal: a g_return_if_fail() tripped by some input is a bug too.
 */
#ifndef CHRON_FUZZ_H
#define CHRON_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts (a crash for libFuzzer) when cond is false. Never compiled out. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

/* Makes GLib criticals and warnings abort. Call from LLVMFuzzerInitialize(). */
static inline void fuzz_glib_init(void)
{
    g_log_set_always_fatal(G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The fixed reference date of every target (a Tuesday, so weekdays resolve both ways). */
static inline GDate fuzz_ref_date(void)
{
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 20, G_DATE_JANUARY, 2026);
    return d;
}

#endif

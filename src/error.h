/* error.h - the error domain of libchronicle.
 *
 * Library functions report failures through a GError (GLib's error object) that the caller owns
 * and frees with g_error_free(). Messages name the file and, where known, the line or byte
 * offset ("corpus/a.txt:12: ..."). The library never prints and never exits.
 */
#ifndef CHRON_ERROR_H
#define CHRON_ERROR_H

#include <glib.h>

#define CHRON_ERROR (chron_error_quark())

typedef enum {
    CHRON_ERROR_IO,       /* a file could not be read or written */
    CHRON_ERROR_ENCODING, /* text was not valid UTF-8 (it is repaired; this is a warning) */
    CHRON_ERROR_PARSE,    /* malformed manifest, rule file, calendar or option value */
    CHRON_ERROR_LIMIT,    /* an input or request exceeded a configured limit */
    CHRON_ERROR_INVALID,  /* an argument the caller passed is invalid */
} chron_error_code;

GQuark chron_error_quark(void);

#endif

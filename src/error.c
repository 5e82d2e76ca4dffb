/* error.c - the CHRON_ERROR domain. */
#include "error.h"

G_DEFINE_QUARK(chron - error - quark, chron_error)

/* header.h - finding an article's publication date in its own header lines.
 *
 * Scraped articles carry their date in a dateline ("Published: Jan 08, 2023 07:58 PM",
 * "2023-07-06 18:21:50", "发布时间:2025-09-26"). The first full calendar date that stands on a
 * header-like line near the top of the text is taken.
 */
#ifndef CHRON_HEADER_H
#define CHRON_HEADER_H

#include "doc.h"
#include "timex.h"

/* Looks at the first lines of doc. Returns TRUE and sets *out when a dateline was found. */
gboolean chron_header_find_dct(const chron_doc *doc, const chron_tagger *tagger, GDate *out);

#endif

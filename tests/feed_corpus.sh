#!/bin/sh
# feed_corpus.sh CHRONICLE PYTHON CHECK_FEED_PY FEED - writes the corpus feed with the real
# command line, then has Python icalendar (an independent parser) read it back and check that it
# holds exactly as many events as `chronicle events` lists, with unique UIDs and valid dates.
set -eu
chronicle=$1 py=$2 check=$3 feed=$4
rm -f "$feed"
count=$("$chronicle" events corpus | wc -l)
[ "$count" -gt 0 ] || { echo "no events extracted from corpus/" >&2; exit 1; }
"$chronicle" ics corpus -o "$feed"
exec "$py" "$check" "$feed" "$count"

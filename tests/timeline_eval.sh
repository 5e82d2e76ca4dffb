#!/bin/sh
# timeline_eval.sh CHRONICLE GOLD.tsv SCORES - builds the timeline of corpus/ and scores it
# against the hand-made gold timeline (tests/timeline/corpus.gold.tsv); fails when event F1,
# date F1 or the number of events with the right sources falls below the figures recorded in
# SCORES. With 18 gold events one miss is more than five points, so no drop is allowed.
set -u
chronicle=$1 gold=$2 scores=$3
"$chronicle" eval --timeline "$gold" corpus || { echo "chronicle eval --timeline failed"; exit 1; }
out=$("$chronicle" eval --timeline "$gold" --totals corpus) || exit 1
status=0
for key in event_f1 date_f1 sources_ok; do
    got=$(echo "$out" | sed -n "s/^$key=//p")
    want=$(sed -n "s/^$key=//p" "$scores")
    if [ -z "$got" ] || [ -z "$want" ]; then
        echo "FAIL: $key missing (got '$got', recorded '$want')"
        status=1
    elif awk -v g="$got" -v w="$want" 'BEGIN { exit !(g < w - 0.00005) }'; then
        echo "FAIL: $key $got is below the recorded $want"
        status=1
    else
        echo "ok: $key $got (recorded $want)"
    fi
done
exit $status

#!/bin/sh
# gold_eval.sh CHRONICLE SCORES GOLD_DIR - scores the tagger on the TimeBank+AQUAINT gold
# (TempEval-3 Task A) and fails when strict F1, relaxed F1 or value F1 falls more than one point
# below the figures recorded in SCORES. The gold is research-use data read from ../shared; when
# it is absent the test says so and is skipped (exit 77).
set -u
chronicle=$1 scores=$2 gold=$3
if [ ! -d "$gold" ]; then
    echo "SKIP: gold evaluation skipped: $gold not found (TimeBank+AQUAINT is not in the repository)"
    exit 77
fi
out=$("$chronicle" eval --totals "$gold") || { echo "chronicle eval failed"; exit 1; }
echo "$out"
status=0
for key in strict_f1 relaxed_f1 value_f1; do
    got=$(echo "$out" | sed -n "s/^$key=//p")
    want=$(sed -n "s/^$key=//p" "$scores")
    if awk -v g="$got" -v w="$want" 'BEGIN { exit !(g < w - 0.01) }'; then
        echo "FAIL: $key $got is more than a point below the recorded $want"
        status=1
    else
        echo "ok: $key $got (recorded $want)"
    fi
done
exit $status

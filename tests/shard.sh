#!/bin/sh
# shard.sh CHRONICLE - scale-out check: the corpus split into 4 shards with GNU parallel, each
# extracted with `events --no-merge`, then joined with `chronicle merge`, gives byte for byte the
# feed (and the events) of one run over the whole corpus; shards given in another order too.
set -u
chronicle=$1
command -v parallel > /dev/null || { echo "FAIL: GNU parallel is not installed (run scripts/deps.sh)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
printf '%s\n' corpus/*.txt |
    parallel --will-cite -j 4 --pipe --round-robin -N 1 \
        "xargs '$chronicle' events --no-merge > '$tmp'/shard.{#}.jsonl" || { echo "FAIL: parallel"; exit 1; }
n=$(ls "$tmp"/shard.*.jsonl | wc -l)
[ "$n" = 4 ] || { echo "FAIL: $n shards, wanted 4"; exit 1; }
"$chronicle" ics --fresh corpus -o "$tmp/single.ics" || exit 1
"$chronicle" events corpus > "$tmp/single.jsonl" || exit 1
"$chronicle" merge --format ics "$tmp"/shard.*.jsonl -o "$tmp/merged.ics" || { echo "FAIL: merge"; exit 1; }
# shellcheck disable=SC2046
"$chronicle" merge $(ls "$tmp"/shard.*.jsonl | sort -r) > "$tmp/merged.jsonl" || exit 1
status=0
cmp "$tmp/single.ics" "$tmp/merged.ics" && echo "ok: 4 shards merged give the same feed" ||
    { echo "FAIL: the merged feed differs"; diff "$tmp/single.ics" "$tmp/merged.ics" | head; status=1; }
cmp "$tmp/single.jsonl" "$tmp/merged.jsonl" && echo "ok: shards in reverse order give the same events" ||
    { echo "FAIL: merged events differ"; status=1; }
exit $status

#!/bin/sh
# scale.sh BUILD_DIR [N] - documents per second and peak memory over N generated articles
# (default 100000, made once into BUILD_DIR/bench-articles by make_articles.py): one process
# streaming `events --no-merge`, then the same split into 2 shards with GNU parallel (one per
# core), then `chronicle merge` of the shards. A benchmark, not a test.
set -eu
build=$1 n=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
chronicle=$build/cli/chronicle
data=$build/bench-articles-$n
if [ ! -f "$data/.done" ]; then
    rm -rf "$data"
    python3 "$here/make_articles.py" "$root/corpus" "$data" "$n"
    touch "$data/.done"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mb=$(du -sm "$data" | cut -f1)
echo "articles: $n in $data ($mb MB)"

set -- $(python3 "$here/measure.py" sh -c "'$chronicle' events --no-merge '$data' > '$tmp/one.jsonl'")
wall=$1 rss=$4
echo "one process: $wall s, $(python3 -c "print(round($n / $wall))") documents/s, peak RSS $((rss / 1024)) MiB, $(wc -l < "$tmp/one.jsonl") events"

if command -v parallel > /dev/null; then
    set -- $(python3 "$here/measure.py" sh -c "ls -d '$data'/*/ | parallel --will-cite -j 2 --pipe --round-robin -N 1 \"xargs '$chronicle' events --no-merge > '$tmp'/shard.{#}.jsonl\"")
    wall=$1 rss=$4
    echo "2 shards (GNU parallel, 2 cores): $wall s, $(python3 -c "print(round($n / $wall))") documents/s, largest process peak RSS $((rss / 1024)) MiB"
    set -- $(python3 "$here/measure.py" sh -c "'$chronicle' merge '$tmp'/shard.*.jsonl > '$tmp/merged.jsonl'")
    echo "merge of the shards: $1 s, peak RSS $(($4 / 1024)) MiB, $(wc -l < "$tmp/merged.jsonl") events after joining"
else
    echo "GNU parallel not installed: sharded run skipped"
fi

#!/bin/sh
# serve.sh BUILD_DIR [SECONDS] - requests per second of chronicle serve, measured with wrk.
#
# Starts `chronicle serve` on corpus/ at a free loopback port and runs
#   wrk -t2 -c32 -dSECONDS --latency URL [-H HEADER]
# against the feed (plain, gzip, and If-None-Match answered 304), the chart, and the page (made
# per request). Prints one Markdown table row per case for bench/README.md. A benchmark, not a
# test: it exits 0 whatever the figures, 77 without wrk or curl, 1 when the server fails.
# Run from the source root: sh bench/serve.sh build 10
set -u
build=${1:-build} secs=${2:-10}
chronicle=$build/cli/chronicle
for tool in wrk curl; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "SKIP: $tool is not installed (Debian: $tool)"
        exit 77
    fi
done
[ -x "$chronicle" ] || { echo "no $chronicle: build first (meson compile -C $build)"; exit 1; }
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

"$chronicle" serve --listen 127.0.0.1:0 corpus 2> "$tmp/log" &
pid=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 300 ]; do
    sleep 0.1
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/$|\1|p' "$tmp/log")
    kill -0 "$pid" 2> /dev/null || break
    i=$((i + 1))
done
[ -n "$port" ] || { echo "the server did not start:"; cat "$tmp/log"; exit 1; }
base=http://127.0.0.1:$port
etag=$(curl -s -D - -o /dev/null "$base/timeline.ics" | sed -n 's/^ETag: *//Ip' | tr -d '\r')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/timeline.ics")
[ "$code" = 304 ] || { echo "If-None-Match: $etag gave $code, not 304"; exit 1; }

echo "chronicle serve on corpus/ at $base; wrk -t2 -c32 -d${secs}s --latency"
echo "$(nproc) processors; $(git rev-parse --short HEAD 2> /dev/null || echo '?')"
echo
echo "| case | path | answer | body bytes | requests/s | transfer/s | latency avg | p99 | errors |"
echo "|---|---|---|---:|---:|---:|---:|---:|---|"
run() { # run CASE PATH [HEADER]
    what=$1 path=$2 hdr=${3:-X-Bench: 1}
    wrk -t2 -c32 -d"${secs}s" --latency -H "$hdr" "$base$path" > "$tmp/wrk" 2>&1
    : > "$tmp/body" # curl writes nothing for a 304
    info=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "$hdr" "$base$path")
    rps=$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk")
    tps=$(sed -n 's/^Transfer\/sec: *//p' "$tmp/wrk")
    avg=$(awk '$1 == "Latency" { print $2; exit }' "$tmp/wrk")
    p99=$(awk '$1 == "99%" { print $2; exit }' "$tmp/wrk")
    errs=$(grep -E 'Socket errors|Non-2xx' "$tmp/wrk" | tr -s ' ' | tr '\n' ';')
    printf '| %s | `%s` | %s | %s | %s | %s | %s | %s | %s |\n' "$what" "$path" "$info" \
        "$(wc -c < "$tmp/body" | tr -d ' ')" "$rps" "$tps" "$avg" "$p99" "${errs:-none}"
}
run "feed" /timeline.ics
run "feed, gzip" /timeline.ics "Accept-Encoding: gzip"
run "feed, If-None-Match" /timeline.ics "If-None-Match: $etag"
run "chart, gzip" /timeline.svg "Accept-Encoding: gzip"
run "page (made per request), gzip" / "Accept-Encoding: gzip"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=""
echo
echo "server exit status after SIGTERM: $rc"

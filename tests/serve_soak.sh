#!/bin/sh
# serve_soak.sh CHRONICLE - the server under load: at least 10,000 requests from wrk (feed,
# conditional feed, page, chart) with no error, and no growth in the server's open file
# descriptors or memory between a warm-up round and the end.
set -u
chronicle=$1
command -v wrk > /dev/null || { echo "FAIL: wrk is not installed (run scripts/deps.sh)"; exit 1; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# Under AddressSanitizer freed memory sits in quarantine: a small one keeps the measure honest.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8" "$chronicle" serve corpus --listen 127.0.0.1:0 2> "$tmp/log" &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*listening on http://[^ ]*:\([0-9][0-9]*\)/$|\1|p' "$tmp/log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/log"; echo "FAIL: the server did not start"; exit 1; }
url=http://127.0.0.1:$port
fds() { ls /proc/$pid/fd | wc -l; }
rss() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' /proc/$pid/status; }
etag=$(curl -s -D - -o /dev/null "$url/timeline.ics" | sed -n 's/^[Ee][Tt]ag: *//p' | tr -d '\r')
cat > "$tmp/mix.lua" <<LUA
local paths = {"/timeline.ics", "/timeline.ics", "/", "/timeline.svg"}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if i % 2 == 0 and p == "/timeline.ics" then
    return wrk.format("GET", p, {["If-None-Match"] = '$etag'})
  end
  return wrk.format("GET", p, {["Accept-Encoding"] = "gzip"})
end
LUA
status=0
wrk -t2 -c16 -d2s -s "$tmp/mix.lua" "$url" > /dev/null 2>&1 # warm-up: pools and caches fill
fd0=$(fds) rss0=$(rss)
# Rounds of 3 s until 10,000 requests (a sanitizer build is several times slower), at most 8.
n=0 rounds=0
: > "$tmp/wrk.txt"
while [ "$n" -lt 10000 ] && [ "$rounds" -lt 8 ]; do
    wrk -t2 -c16 -d3s -s "$tmp/mix.lua" "$url" > "$tmp/round.txt" 2>&1
    cat "$tmp/round.txt" >> "$tmp/wrk.txt"
    r=$(sed -n 's/^ *\([0-9][0-9]*\) requests in.*/\1/p' "$tmp/round.txt")
    n=$((n + ${r:-0})) rounds=$((rounds + 1))
done
sleep 1
fd1=$(fds) rss1=$(rss)
cat "$tmp/wrk.txt"
echo "requests: ${n:-?}; open files $fd0 -> $fd1; RSS ${rss0} kB -> ${rss1} kB"
[ "${n:-0}" -ge 10000 ] && echo "ok: ${n} requests" || { echo "FAIL: fewer than 10,000 requests"; status=1; }
grep -q "Socket errors\|Non-2xx" "$tmp/wrk.txt" &&
    { echo "FAIL: wrk saw errors or non-2xx/3xx answers"; status=1; } || echo "ok: no errors"
[ "$fd1" -le $((fd0 + 2)) ] && echo "ok: no descriptor growth" || { echo "FAIL: open files grew"; status=1; }
[ "$rss1" -le $((rss0 + 16384)) ] && echo "ok: no memory growth beyond 16 MB" ||
    { echo "FAIL: RSS grew by $((rss1 - rss0)) kB"; status=1; }
kill -TERM "$pid"; wait "$pid"; rc=$?; pid=""
[ "$rc" = 0 ] && echo "ok: clean shutdown" || { echo "FAIL: exit $rc after SIGTERM"; status=1; }
exit $status

#!/bin/sh
# serve.sh CHRONICLE [PYTHON] - chronicle serve end to end with a real client (curl): the routes
# and their types, the feed read back (and parsed by Python icalendar when PYTHON has it),
# ETag / If-None-Match and Last-Modified / If-Modified-Since answered 304, HEAD, gzip, keep-alive,
# 404 for everything else (path traversal included), 405 and 413, a corpus change picked up
# without a restart, a bad file that leaves the served feed alone, and a clean exit on SIGTERM and
# SIGINT. Runs from the source root on a copy of corpus/; skips (77) without curl.
set -u
chronicle=$1 python=${2:-}
if ! command -v curl > /dev/null 2>&1; then
    echo "SKIP: curl is not installed (Debian: curl); chronicle serve is tested with it"
    exit 77
fi
tmp=$(mktemp -d)
pid=""
cleanup() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2> /dev/null
        sleep 1
        kill -KILL "$pid" 2> /dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
    what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}
header() { # header FILE NAME: a header's value from a curl -D dump
    sed -n "s/^$2: *//Ip" "$1" | tr -d '\r' | head -n 1
}
status() { # status FILE: the status code from a curl -D dump
    sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$1" | tr -d '\r'
}

# start NAME ARGS...: starts the server in the background, sets pid and port.
start() {
    log=$tmp/$1.log; shift
    "$chronicle" serve "$@" 2> "$log" &
    pid=$!
    port=""
    i=0
    while [ $i -lt 600 ]; do # up to 60 s: a sanitizer build is slow to start
        port=$(sed -n 's|.*listening on http://[^ ]*:\([0-9][0-9]*\)/$|\1|p' "$log")
        [ -n "$port" ] && return 0
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    echo "FAIL: the server did not start:"
    cat "$log"
    exit 1
}
# stop SIGNAL: stops the server, checks the exit status is 0.
stop() {
    kill -"$1" "$pid"
    wait "$pid"
    rc=$?
    pid=""
    check "SIG$1: exit status 0 (got $rc)" [ "$rc" = 0 ]
    check "SIG$1: says it is shutting down" grep -q "shutting down" "$log"
}

cp -R corpus "$tmp/corpus"
export SOURCE_DATE_EPOCH=1767225600 # a fixed DTSTAMP: the feed changes only with the corpus
expected=$("$chronicle" ics "$tmp/corpus" | grep -c '^BEGIN:VEVENT')
get() { # get NAME PATH [CURL OPTION...]: headers to $tmp/NAME.h, body to $tmp/NAME.b
    name=$1 path=$2; shift 2
    curl -s -D "$tmp/$name.h" -o "$tmp/$name.b" "$@" "$base$path"
}
start main --listen 127.0.0.1:0 --name 'Japan <security> & "policy"' "$tmp/corpus"
base=http://127.0.0.1:$port

# A client that sends half a request and waits is cut off after the idle timeout (10 s); it runs
# in the background while the rest goes on.
py=${python:-$(command -v python3)}
slow=""
if [ -n "$py" ]; then
    "$py" -c 'import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
s.settimeout(60)
t = time.time()
data = s.recv(100)
print("closed after %d s, %d bytes" % (round(time.time() - t), len(data)))' "$port" \
        > "$tmp/slow.out" 2>&1 &
    slow=$!
fi

# ---- the routes ------------------------------------------------------------------------------
get page /
check "/: 200" [ "$(status "$tmp/page.h")" = 200 ]
check "/: HTML in UTF-8" [ "$(header "$tmp/page.h" Content-Type)" = "text/html; charset=utf-8" ]
check "/: the webcal:// subscribe link" grep -q "href=\"webcal://127.0.0.1:$port/timeline.ics\"" \
    "$tmp/page.b"
check "/: the http link" grep -q "href=\"http://127.0.0.1:$port/timeline.ics\"" "$tmp/page.b"
check "/: the chart" grep -q '<img src="timeline.svg"' "$tmp/page.b"
check "/: the event count" grep -q ">$expected events from 5 articles; last rebuilt 20" \
    "$tmp/page.b"
check "/: the title escaped" grep -q '<h1>Japan &lt;security&gt; &amp; &quot;policy&quot;</h1>' \
    "$tmp/page.b"
check "/: no raw markup from the title" sh -c "! grep -q '<security>' '$tmp/page.b'"
get page2 / -H 'Host: evil"><script>x</script>'
check "/: a hostile Host header is not echoed" sh -c "! grep -q script '$tmp/page2.b'"

get ics /timeline.ics
check "ics: 200" [ "$(status "$tmp/ics.h")" = 200 ]
check "ics: text/calendar; charset=utf-8" \
    [ "$(header "$tmp/ics.h" Content-Type)" = "text/calendar; charset=utf-8" ]
check "ics: a VCALENDAR" sh -c "head -n 1 '$tmp/ics.b' | grep -q '^BEGIN:VCALENDAR'"
n=$(grep -c '^BEGIN:VEVENT' "$tmp/ics.b")
check "ics: $expected events, as chronicle ics writes (got $n)" [ "$n" = "$expected" ]
check "ics: every VEVENT ends" [ "$(grep -c '^END:VEVENT' "$tmp/ics.b")" = "$n" ]
check "ics: the same feed as chronicle ics" \
    sh -c "'$chronicle' ics --name 'Japan <security> & \"policy\"' '$tmp/corpus' | cmp -s - '$tmp/ics.b'"
if [ -n "$python" ] && "$python" -c 'import icalendar' 2> /dev/null; then
    n=$("$python" -c 'import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(len(cal.walk("VEVENT")))' "$tmp/ics.b")
    check "ics: Python icalendar reads $expected events (got $n)" [ "$n" = "$expected" ]
else
    echo "note: Python icalendar not available: the feed is not parsed by it here"
fi
etag=$(header "$tmp/ics.h" ETag)
modified=$(header "$tmp/ics.h" Last-Modified)
check "ics: a strong ETag" sh -c "echo '$etag' | grep -q '^\"[0-9a-f]\{32\}\"$'"
check "ics: Last-Modified is an HTTP-date" \
    sh -c "echo '$modified' | grep -q '^[A-Z][a-z][a-z], [0-9][0-9] [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]\{8\} GMT$'"
check "ics: Cache-Control" [ "$(header "$tmp/ics.h" Cache-Control)" = "no-cache" ]
check "ics: Vary: Accept-Encoding" [ "$(header "$tmp/ics.h" Vary)" = "Accept-Encoding" ]

get svg /timeline.svg
check "svg: image/svg+xml" [ "$(header "$tmp/svg.h" Content-Type)" = "image/svg+xml" ]
check "svg: an SVG document" grep -q '<svg' "$tmp/svg.b"
get png /timeline.png
check "png: image/png" [ "$(header "$tmp/png.h" Content-Type)" = "image/png" ]
check "png: the PNG signature" \
    [ "$(od -An -tx1 -N8 "$tmp/png.b" | tr -d ' \n')" = "89504e470d0a1a0a" ]
check "png: not gzipped (already compressed)" \
    sh -c "! curl -s -D - -o /dev/null --compressed '$base/timeline.png' | grep -qi '^Content-Encoding'"
get jsonl /timeline.jsonl
check "jsonl: application/x-ndjson" \
    [ "$(header "$tmp/jsonl.h" Content-Type)" = "application/x-ndjson" ]
check "jsonl: one line per event" [ "$(wc -l < "$tmp/jsonl.b")" = "$expected" ]

# ---- validators: 304 -------------------------------------------------------------------------
get inm /timeline.ics -H "If-None-Match: $etag"
check "If-None-Match: 304" [ "$(status "$tmp/inm.h")" = 304 ]
check "If-None-Match: no body" [ ! -s "$tmp/inm.b" ]
check "304: the ETag again" [ "$(header "$tmp/inm.h" ETag)" = "$etag" ]
get inm2 /timeline.ics -H "If-None-Match: \"other\", W/$etag"
check "If-None-Match, a list with the weak form: 304" [ "$(status "$tmp/inm2.h")" = 304 ]
get inm3 /timeline.ics -H 'If-None-Match: "0123456789abcdef0123456789abcdef"'
check "If-None-Match, another tag: 200" [ "$(status "$tmp/inm3.h")" = 200 ]
get ims /timeline.ics -H "If-Modified-Since: $modified"
check "If-Modified-Since: 304" [ "$(status "$tmp/ims.h")" = 304 ]
check "If-Modified-Since: no body" [ ! -s "$tmp/ims.b" ]
get ims2 /timeline.ics -H "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT"
check "If-Modified-Since, earlier: 200" [ "$(status "$tmp/ims2.h")" = 200 ]
get svg304 /timeline.svg -H "If-None-Match: $(header "$tmp/svg.h" ETag)"
check "svg: 304 too" [ "$(status "$tmp/svg304.h")" = 304 ]

# ---- HEAD, gzip, keep-alive ------------------------------------------------------------------
get head /timeline.ics -I
check "HEAD: 200" [ "$(status "$tmp/head.h")" = 200 ]
check "HEAD: Content-Length equals the GET length" \
    [ "$(header "$tmp/head.h" Content-Length)" = "$(wc -c < "$tmp/ics.b" | tr -d ' ')" ]
# Two HEADs and a GET on one connection: a body after a HEAD would break the next answer.
out=$(curl -s -o /dev/null -o /dev/null -o "$tmp/after-head.b" -w '%{http_code} %{num_connects}\n' \
    -I "$base/timeline.ics" -I "$base/timeline.ics" --next -s -o "$tmp/after-head.b" \
    -w '%{http_code} %{num_connects}\n' "$base/timeline.ics" | tr '\n' ' ')
check "HEAD, HEAD, GET on one connection: $out" [ "$out" = "200 1 200 0 200 0 " ]
check "the GET after two HEADs is whole" cmp -s "$tmp/after-head.b" "$tmp/ics.b"

get gz /timeline.ics --compressed
check "gzip: Content-Encoding" [ "$(header "$tmp/gz.h" Content-Encoding)" = gzip ]
check "gzip: the ETag of the gzip variant differs" \
    [ "$(header "$tmp/gz.h" ETag)" = "$(echo "$etag" | sed 's/"$/-gz"/')" ]
check "gzip: decompressed, the same feed" cmp -s "$tmp/gz.b" "$tmp/ics.b"
get raw /timeline.ics -H 'Accept-Encoding: gzip'
check "gzip: smaller on the wire" [ "$(wc -c < "$tmp/raw.b")" -lt "$(wc -c < "$tmp/ics.b")" ]
check "gzip: gunzips to the same feed" sh -c "gzip -dc < '$tmp/raw.b' | cmp -s - '$tmp/ics.b'"
get gz304 /timeline.ics -H 'Accept-Encoding: gzip' -H "If-None-Match: $(header "$tmp/gz.h" ETag)"
check "gzip: 304 with the gzip ETag" [ "$(status "$tmp/gz304.h")" = 304 ]
get nogz /timeline.ics -H 'Accept-Encoding: gzip;q=0, identity'
check "gzip;q=0: not compressed" [ -z "$(header "$tmp/nogz.h" Content-Encoding)" ]
out=$(curl -s -o /dev/null -o /dev/null -w '%{num_connects} ' "$base/" "$base/timeline.ics")
check "keep-alive: two requests, one connection ($out)" [ "$out" = "1 0 " ]

# ---- only the generated documents ------------------------------------------------------------
for path in /nope /timeline.ICS /timeline.ics/ /index.html /corpus/index.tsv /../../etc/passwd \
    /%2e%2e/%2e%2e/etc/passwd /%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /timeline.ics/../../../etc/passwd \
    //etc/passwd /..%2f..%2fetc%2fpasswd; do
    get nf "$path" --path-as-is
    check "404 for $path (got $(status "$tmp/nf.h"))" [ "$(status "$tmp/nf.h")" = 404 ]
    check "$path: no file content" sh -c "! grep -q 'root:' '$tmp/nf.b'"
done
get post /timeline.ics -X POST -d 'x=1'
check "POST: 405" [ "$(status "$tmp/post.h")" = 405 ]
check "405: Allow: GET, HEAD" [ "$(header "$tmp/post.h" Allow)" = "GET, HEAD" ]
get put / -X PUT -d 'x'
check "PUT: 405" [ "$(status "$tmp/put.h")" = 405 ]
get body /timeline.ics -X GET -d 'x=1'
check "GET with a body: 413" [ "$(status "$tmp/body.h")" = 413 ]
big=$(head -c 20000 /dev/zero | tr '\0' a)
get big / -H "X-Big: $big"
code=$(status "$tmp/big.h")
check "a 20 kB header is refused (got '$code')" [ "$code" != 200 ]
get alive /timeline.ics
check "still serving after the bad requests" cmp -s "$tmp/alive.b" "$tmp/ics.b"

# ---- the corpus changes ----------------------------------------------------------------------
builds() { grep -c 'chronicle serve: built' "$log"; }
# wait_for DESCRIPTION COMMAND...: polls the command for up to 20 s (10 s is plenty unsanitized).
wait_for() {
    what=$1; shift
    i=0
    while [ $i -lt 200 ]; do
        "$@" && { ok; return 0; }
        sleep 0.1
        i=$((i + 1))
    done
    bad "$what"
    return 1
}
new_feed() {
    get new /timeline.ics
    [ "$(header "$tmp/new.h" ETag)" != "$etag" ] && grep -q 'Manila' "$tmp/new.b"
}
cat > "$tmp/new.txt" << 'EOF'
Ministers meet again

On March 3, 2026, the two ministers signed a new accord in Manila. The accord covers joint
patrols and the exchange of supplies.
EOF
echo 2026-03-05 > "$tmp/corpus/900_new.dct"
mv "$tmp/new.txt" "$tmp/corpus/900_new.txt"
wait_for "a new article shows in the feed without a restart" new_feed
check "the new event is dated 2026-03-03" grep -q 'DTSTART;VALUE=DATE:20260303' "$tmp/new.b"
check "one more event" [ "$(grep -c '^BEGIN:VEVENT' "$tmp/new.b")" = "$((expected + 1))" ]
get old /timeline.ics -H "If-None-Match: $etag"
check "the old ETag no longer gets 304" [ "$(status "$tmp/old.h")" = 200 ]
etag2=$(header "$tmp/new.h" ETag)
modified2=$(header "$tmp/new.h" Last-Modified)
get ims3 /timeline.ics -H "If-Modified-Since: $modified"
check "If-Modified-Since the old version: 200" [ "$(status "$tmp/ims3.h")" = 200 ]
get page3 /
check "/: the new count" grep -q ">$((expected + 1)) events from 6 articles" "$tmp/page3.b"

# The same bytes again: a rebuild that changes nothing keeps ETag and Last-Modified.
n=$(builds)
rebuilt() { [ "$(builds)" -gt "$n" ]; }
cp "$tmp/corpus/900_new.txt" "$tmp/again.txt"
mv "$tmp/again.txt" "$tmp/corpus/900_new.txt"
wait_for "a rewrite of a file triggers a rebuild" rebuilt
get same /timeline.ics
check "an unchanged feed keeps its ETag" [ "$(header "$tmp/same.h" ETag)" = "$etag2" ]
check "an unchanged feed keeps its Last-Modified" \
    [ "$(header "$tmp/same.h" Last-Modified)" = "$modified2" ]

# A file that cannot be read (a folder named *.txt): the feed stays as it was.
mkdir "$tmp/corpus/broken.txt"
wait_for "a read error is reported and not published" grep -q 'not published' "$log"
get kept /timeline.ics
check "after a failed rebuild, the previous feed is served" cmp -s "$tmp/kept.b" "$tmp/new.b"
rmdir "$tmp/corpus/broken.txt"
rm "$tmp/corpus/900_new.txt" "$tmp/corpus/900_new.dct"
back() {
    get back /timeline.ics
    [ "$(grep -c '^BEGIN:VEVENT' "$tmp/back.b")" = "$expected" ]
}
wait_for "a removed article leaves the feed" back
check "back to the first feed, byte for byte" cmp -s "$tmp/back.b" "$tmp/ics.b"
if [ -n "$slow" ]; then
    wait "$slow"
    check "a slow client is cut off after 10 s: $(cat "$tmp/slow.out")" \
        grep -q '^closed after 1[0-2] s, 0 bytes' "$tmp/slow.out"
fi
stop TERM

# ---- other listen addresses ------------------------------------------------------------------
"$chronicle" serve --listen nonsense "$tmp/corpus" 2> "$tmp/usage.log"
check "--listen without a port: exit 2" [ $? = 2 ]
"$chronicle" serve --listen 127.0.0.1:0 - < /dev/null 2> "$tmp/usage.log"
check "standard input refused: exit 2" [ $? = 2 ]
"$chronicle" serve --listen 127.0.0.1:0 "$tmp/nope" 2> "$tmp/usage.log"
check "a missing corpus: exit 3" [ $? = 3 ]
"$chronicle" serve --listen 127.0.0.1:0 --previous "$tmp/nope.ics" "$tmp/corpus" 2> "$tmp/usage.log"
check "a missing --previous feed: exit 3" [ $? = 3 ]
"$chronicle" serve --listen 127.0.0.1:0 --tz Nowhere/Atlantis "$tmp/corpus" 2> "$tmp/usage.log"
check "a bad --tz: exit 2" [ $? = 2 ]
start any --listen 0.0.0.0:0 "$tmp/corpus"
base=http://127.0.0.1:$port
check "0.0.0.0: a warning that it is not loopback" grep -q 'not a loopback address' "$log"
get any /timeline.ics
check "0.0.0.0: serves" [ "$(status "$tmp/any.h")" = 200 ]
stop INT

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

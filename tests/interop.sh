#!/bin/sh
# interop.sh CHRONICLE READBACK PYTHON NODE_PREFIX - the corpus feed read by the peers that
# subscribers use, each installed for real: libical (parse errors and its RFC 5545 restriction
# check, through readback_ics), Python icalendar (Debian python3-icalendar), khal (Debian) and
# ical.js in strict mode (npm, installed into NODE_PREFIX on first run). Every peer must read the
# feed without error and find the same events as chronicle wrote: the same UIDs, starts and ends.
# Run on the default feed and on the --all feed (which holds timed events, the datelines).
set -u
chronicle=$1 readback=$2 py=$3 prefix=$4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for tool in khal node npm; do
    command -v "$tool" > /dev/null || { echo "FAIL: $tool is not installed (run scripts/deps.sh)"; exit 1; }
done
if [ ! -d "$prefix/node_modules/ical.js" ]; then
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" ical.js@2 > "$tmp/npm.log" 2>&1 || {
        cat "$tmp/npm.log"; echo "FAIL: npm could not install ical.js"; exit 1; }
fi
cp "$here/interop/icaljs_dump.mjs" "$prefix/icaljs_dump.mjs"
cat > "$tmp/khal.conf" <<CONF
[calendars]
[[feed]]
path = $tmp/khal-cal
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
CONF
mkdir -p "$tmp/khal-cal"

for variant in default all; do
    feed="$tmp/$variant.ics"
    opt=""
    [ "$variant" = all ] && opt=--all
    # shellcheck disable=SC2086
    SOURCE_DATE_EPOCH=1767225600 "$chronicle" ics $opt --fresh corpus -o "$feed" ||
        { echo "FAIL: chronicle ics $opt"; fail=1; continue; }
    # shellcheck disable=SC2086
    n=$("$chronicle" events $opt corpus | wc -l)
    # What chronicle wrote, read back through libical: "UID START END", to the minute.
    if ! "$readback" "$feed" > "$tmp/libical.txt"; then
        echo "FAIL ($variant): libical rejects the feed"; fail=1; continue
    fi
    "$py" - "$feed" > "$tmp/want.txt" <<'PY'
import re, sys
# The UIDs and spans as written, straight from the text (unfolded).
text = re.sub(r"\r\n[ \t]", "", open(sys.argv[1], encoding="utf-8").read())
for block in text.split("BEGIN:VEVENT")[1:]:
    f = dict(re.findall(r"^([A-Z-]+)(?:;[^:\r\n]*)?:(.*?)\r?$", block, re.M))
    def fmt(v):
        if v is None:
            return "-"
        if "T" in v:
            return f"{v[0:4]}-{v[4:6]}-{v[6:8]}T{v[9:11]}:{v[11:13]}Z"
        return f"{v[0:4]}-{v[4:6]}-{v[6:8]}"
    print(f["UID"], fmt(f["DTSTART"]), fmt(f.get("DTEND")))
PY
    sort -o "$tmp/want.txt" "$tmp/want.txt"
    [ "$(wc -l < "$tmp/want.txt")" = "$n" ] ||
        { echo "FAIL ($variant): the feed has $(wc -l < "$tmp/want.txt") events, chronicle events lists $n"; fail=1; }
    [ "$(wc -l < "$tmp/libical.txt")" = "$n" ] ||
        { echo "FAIL ($variant): libical reads $(wc -l < "$tmp/libical.txt") events, wanted $n"; fail=1; }
    if ! "$py" "$here/interop/peers.py" "$feed" "$tmp/khal.conf" > "$tmp/peers.txt"; then
        echo "FAIL ($variant): Python icalendar or khal could not read the feed"; fail=1
    fi
    if ! node "$prefix/icaljs_dump.mjs" "$feed" > "$tmp/icaljs.txt" 2> "$tmp/icaljs.err"; then
        cat "$tmp/icaljs.err"; echo "FAIL ($variant): ical.js (strict) could not read the feed"; fail=1
    fi
    for peer in python khal; do
        sed -n "s/^$peer //p" "$tmp/peers.txt" | sort > "$tmp/$peer.txt"
    done
    sort -o "$tmp/icaljs.txt" "$tmp/icaljs.txt"
    for peer in python khal icaljs; do
        if diff "$tmp/want.txt" "$tmp/$peer.txt" > "$tmp/diff.txt"; then
            echo "ok ($variant): $peer reads $n events with the same UIDs, starts and ends"
        else
            echo "FAIL ($variant): $peer disagrees with what chronicle wrote:"; cat "$tmp/diff.txt"; fail=1
        fi
    done
done
exit $fail

#!/bin/sh
# batch.sh CHRONICLE - chronicle batch end to end: a manifest with a chart, a lane chart, a feed,
# an event file and one broken entry; outputs appear (and only whole ones), the broken entry is
# reported by its group name while the others finish, exit statuses, --dry-run, bad manifests.
set -u
chronicle=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cp -r corpus "$tmp/corpus"
cat > "$tmp/m.ini" <<'INI'
# paths are relative to this file
[defaults]
inputs = corpus
width = 900

[all]
output = out/all.svg
title = Everything

[agreements]
output = out/agreements.png
type = agreement
lanes = actor

[recent]
output = out/recent.ics
from = 2023
name = Since 2023

[nato]
output = out/nato.jsonl
match = (?i)nato

[broken]
output = out/broken.pdf
inputs = no-such-folder
INI
SOURCE_DATE_EPOCH=1767225600 "$chronicle" batch -j 2 "$tmp/m.ini" > "$tmp/stdout" 2> "$tmp/stderr"
[ $? = 1 ] && ok || bad "a failing entry makes the exit status 1"
grep -q '\[broken\]' "$tmp/stderr" && grep -q 'no-such-folder' "$tmp/stderr" && ok ||
    bad "the failing entry is named with its group and reason"
grep -q '5 outputs: 4 written, 1 failed' "$tmp/stderr" && ok || bad "the summary counts outputs"
grep -q "$(printf '\r')" "$tmp/stderr" && bad "a progress bar when stderr is not a terminal" || ok
[ ! -e "$tmp/out/broken.pdf" ] && ok || bad "no file for the failed entry"
head -c 8 "$tmp/out/agreements.png" | od -An -c | grep -q 'P   N   G' && ok || bad "PNG written"
grep -q '<svg' "$tmp/out/all.svg" && ok || bad "SVG written"
grep -q 'BEGIN:VCALENDAR' "$tmp/out/recent.ics" && grep -q 'NAME:Since 2023' "$tmp/out/recent.ics" &&
    ! grep -q 'DTSTART;VALUE=DATE:19' "$tmp/out/recent.ics" && ok || bad "feed with its window and name"
n=$("$chronicle" events --match '(?i)nato' "$tmp/corpus" | wc -l)
[ "$(wc -l < "$tmp/out/nato.jsonl")" = "$n" ] && [ "$n" -gt 0 ] && ok || bad "event file equals 'events --match'"
ls "$tmp/out" | grep -q '^\.' && bad "temporary files left behind" || ok

"$chronicle" batch --dry-run "$tmp/m.ini" > "$tmp/dry" && [ "$(wc -l < "$tmp/dry")" = 5 ] &&
    grep -q "^recent	ics	" "$tmp/dry" && ok || bad "--dry-run lists the work"
rm -rf "$tmp/out"
"$chronicle" batch --dry-run "$tmp/m.ini" > /dev/null && [ ! -e "$tmp/out" ] && ok || bad "--dry-run writes nothing"

printf '[x]\noutput = a.svg\ninputs = corpus\nlanse = type\n' > "$tmp/typo.ini"
"$chronicle" batch "$tmp/typo.ini" 2> "$tmp/err"; [ $? = 2 ] && grep -q "unknown key 'lanse'" "$tmp/err" &&
    ok || bad "an unknown key is a usage error naming it"
printf '[x]\noutput = a.bmp\ninputs = corpus\n' > "$tmp/fmt.ini"
"$chronicle" batch "$tmp/fmt.ini" 2> "$tmp/err"; [ $? = 2 ] && grep -q "unknown format" "$tmp/err" && ok ||
    bad "an unknown output format is a usage error"
printf 'not a key file\n' > "$tmp/bad.ini"
"$chronicle" batch "$tmp/bad.ini" 2> "$tmp/err"; [ $? = 2 ] && grep -q "bad.ini" "$tmp/err" && ok ||
    bad "a malformed manifest names the file"
printf '[a]\noutput = o.svg\ninputs = corpus\n[b]\noutput = o.svg\ninputs = corpus\n' > "$tmp/dup.ini"
"$chronicle" batch "$tmp/dup.ini" 2> "$tmp/err"; [ $? = 2 ] && grep -q "also the output of" "$tmp/err" && ok ||
    bad "two entries writing one file are refused"
printf '[a]\noutput = o.svg\ninputs = nowhere\n' > "$tmp/none.ini"
"$chronicle" batch -q "$tmp/none.ini" 2> "$tmp/err"; [ $? = 3 ] && ok || bad "exit 3 when nothing is written"
(cd "$tmp" && printf '[x]\noutput = from-stdin.jsonl\ninputs = corpus\n' | "$chronicle" batch -q -) &&
    [ -s "$tmp/from-stdin.jsonl" ] && ok || bad "a manifest on standard input, paths from the current folder"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

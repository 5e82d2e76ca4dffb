#!/bin/sh
# cli.sh CHRONICLE READBACK_ICS - the command line end to end on corpus/ and on bad input:
# exit statuses, --dct, standard input, TimeML, the feed read back through libical, charts.
set -u
chronicle=$1 readback=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect_status() { # expect_status WANT DESCRIPTION COMMAND...
    want=$1 what=$2; shift 2
    "$@" > "$tmp/stdout" 2> "$tmp/stderr"; got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, wanted $want"; cat "$tmp/stderr"; fi
}

expect_status 2 "no command" "$chronicle"
expect_status 2 "unknown command" "$chronicle" frobnicate
expect_status 0 "--version" "$chronicle" --version
grep -q '^chronicle [0-9]' "$tmp/stdout" && ok || bad "--version prints the version"
expect_status 2 "bad --dct" "$chronicle" tag --dct 2023-02-30 corpus
echo "It happened on Thursday." > "$tmp/th.txt"
"$chronicle" tag --dct 20260120 "$tmp/th.txt" | grep -q '"value":"2026-01-15"' && ok ||
    bad "--dct YYYYMMDD"
"$chronicle" tag --dct 2026-01-20T08:30 "$tmp/th.txt" | grep -q '"value":"2026-01-15"' && ok ||
    bad "--dct with a time"
expect_status 2 "no input" "$chronicle" events
expect_status 3 "only missing inputs" "$chronicle" events "$tmp/nope.txt"
grep -q "nope.txt" "$tmp/stderr" && ok || bad "the error names the missing file"
expect_status 1 "one missing input among good ones" "$chronicle" events corpus "$tmp/nope.txt"
[ -s "$tmp/stdout" ] && ok || bad "the good inputs still produce events"

# A Chinese page's ISO dateline is its publication date with --lang zh as with auto.
printf '发布时间：2025-11-20 08:30\n\n今年，经济增长1.2%%。\n' > "$tmp/zh.txt"
for lang in zh auto; do
    "$chronicle" tag --lang $lang "$tmp/zh.txt" | grep -q '"text":"今年".*"value":"2025"' && ok ||
        bad "--lang $lang: the ISO dateline dates the page"
done

# --dct overrides manifest and header; standard input works.
echo "The two sides signed the deal on Thursday." > "$tmp/s.txt"
expect_status 0 "tag --dct" "$chronicle" tag --dct 2026-01-20 "$tmp/s.txt"
grep -q '"value":"2026-01-15"' "$tmp/stdout" && ok || bad "--dct resolves Thursday"
expect_status 0 "tag without a DCT" "$chronicle" tag "$tmp/s.txt"
grep -q '"value":null' "$tmp/stdout" && grep -q '"resolved":false' "$tmp/stdout" && ok ||
    bad "without a DCT the weekday stays unresolved"
echo "In September, the pact came into force." |
    "$chronicle" events --dct 2026-01-20 - > "$tmp/stdin.jsonl" 2> "$tmp/stderr" && ok || bad "events -"
grep -q '"start":"2025-09-01","end":"2025-10-01","granularity":"month"' "$tmp/stdin.jsonl" && ok ||
    bad "standard input: month span"

# Narrative documents resolve against the last date they name, not the publication date.
printf 'The war began in 1990. In May, the army retreated.\n' > "$tmp/nar.txt"
"$chronicle" tag --doctype narrative --dct 2020-01-01 "$tmp/nar.txt" | grep -q '"value":"1990-05"' && ok ||
    bad "narrative: May is 1990's"
"$chronicle" tag --dct 2020-01-01 "$tmp/nar.txt" | grep -q '"value":"2019-05"' && ok ||
    bad "news: May is the one before the publication date"
# A direction marker of the rules stays out of the value: "until March 6" is a date of 1990.
printf 'In 1990 the siege went on until March 6.\n' > "$tmp/nar2.txt"
"$chronicle" tag --doctype narrative --dct 2020-01-01 "$tmp/nar2.txt" |
    grep -q '"value":"1990-03-06"' && ok || bad "narrative: until March 6 is 1990-03-06"
# "Two years later" (a duration) moves the narrative on: Aug. 15 is two years after June 1942.
printf 'The tide turned at Midway in June 1942. Two years later, the empire was in retreat. On Aug. 15, the emperor spoke.\n' > "$tmp/nar3.txt"
"$chronicle" tag --doctype narrative --dct 2020-01-01 "$tmp/nar3.txt" |
    grep -q '"text":"Aug. 15","type":"DATE","value":"1944-08-15"' && ok || bad "narrative: two years later moves the anchor"

# Ambiguous numeric dates follow --date-order and say they are ambiguous.
echo "Filed on 04/05/2023." > "$tmp/n.txt"
"$chronicle" tag "$tmp/n.txt" | grep -q '"value":"2023-04-05","ambiguous":true' && ok ||
    bad "04/05/2023 reads month first and is flagged ambiguous"
"$chronicle" tag --date-order dmy "$tmp/n.txt" | grep -q '"value":"2023-05-04","ambiguous":true' && ok ||
    bad "--date-order dmy reads day first"
echo "Filed on 25/12/2023." | "$chronicle" tag - | grep -q '"value":"2023-12-25","raw"' && ok ||
    bad "25/12/2023 is unambiguous"
echo "Held on 06.07.2023." | "$chronicle" tag - | grep -q '"value":"2023-07-06","ambiguous":true' && ok ||
    bad "06.07.2023 (dots) reads day first, flagged ambiguous"
echo "Posted 04/05/2023 14:05." | "$chronicle" tag --date-order dmy - |
    grep -q '"type":"TIME","value":"2023-05-04T14:05","ambiguous":true' && ok ||
    bad "04/05/2023 14:05 (a clock after it) follows --date-order, flagged ambiguous"
expect_status 2 "bad --date-order" "$chronicle" tag --date-order ymd "$tmp/n.txt"

# Intervals: from/to, between/and and a dash pair up, since/until mark open ends, before/after
# set mods.
echo "Prices rose from 1990 to 1995, fell between March and May 2001, and have risen since 2018 and will until 2030. Nothing changed before 1980. The 2003-2005 plan. Troops drilled from Monday through Wednesday. The 2012-13 season. The show ran from November to February 2020." |
    "$chronicle" tag --dct 2023-01-03 - > "$tmp/iv.jsonl"
python3 - "$tmp/iv.jsonl" <<'PY' && ok || bad "intervals"
import json, sys
m = [json.loads(l) for l in open(sys.argv[1])]
got = [(x["text"], x.get("value"), x.get("interval"), x.get("pair"), x.get("mod")) for x in m]
want = [("1990", "1990", "start", 1, None), ("1995", "1995", "end", 0, None),
        ("March", "2001-03", "start", 3, None), ("May 2001", "2001-05", "end", 2, None),
        ("2018", "2018", "since", None, None), ("2030", "2030", "until", None, None),
        ("1980", "1980", None, None, "BEFORE"),
        ("2003", "2003", "start", 8, None), ("2005", "2005", "end", 7, None),
        ("Monday", "2022-12-26", "start", 10, None), ("Wednesday", "2022-12-28", "end", 9, None),  # a Tuesday: not yesterday
        ("2012", "2012", "start", 12, None), ("13", "2013", "end", 11, None),
        ("November", "2019-11", "start", 14, None), ("February 2020", "2020-02", "end", 13, None)]
assert got == want, got
PY

# A range without "from": two mentions joined by "to", "through" or "until" alone, the second
# not before the first ("He compared 2021 to 2019" is no interval).
echo "He was mayor 2009 to 2017. The plant ran January through March 2024. He compared 2021 to 2019." |
    "$chronicle" tag --dct 2025-11-22 - > "$tmp/bare.jsonl"
python3 - "$tmp/bare.jsonl" <<'PY' && ok || bad "intervals without from"
import json, sys
got = [(x["text"], x.get("value"), x.get("interval")) for x in map(json.loads, open(sys.argv[1]))]
assert got == [("2009", "2009", "start"), ("2017", "2017", "end"),
               ("January", "2024-01", "start"), ("March 2024", "2024-03", "end"),
               ("2021", "2021", None), ("2019", "2019", None)], got
PY

# The Chinese "since": 自...以来, 从...起 (自然 is no 自).
echo "自2012年以来，关系紧张。从去年起，价格上涨。自然2012年。" | "$chronicle" tag --dct 2025-11-21 - > "$tmp/zs.jsonl"
python3 - "$tmp/zs.jsonl" <<'PY' && ok || bad "Chinese since"
import json, sys
got = [(x["text"], x.get("interval")) for x in map(json.loads, open(sys.argv[1]))]
assert got == [("2012年", "since"), ("去年", "since"), ("2012年", None)], got
PY
# 以来 and 至今 alone; 起 only after 从 or 自 (起诉 is "to sue"); ranges with 至 alone or 从...到.
echo "2023年以来，关系升温。2012年至今，预算增加。该公司5月3日起诉对方。会议12月15日至17日举行，展览从10月1日到7日开放。" |
    "$chronicle" tag --dct 2025-09-27 - > "$tmp/zr.jsonl"
python3 - "$tmp/zr.jsonl" <<'PY' && ok || bad "Chinese intervals"
import json, sys
got = [(x["text"], x.get("interval"), x.get("pair")) for x in map(json.loads, open(sys.argv[1]))]
assert got == [("2023年", "since", None), ("2012年", "since", None), ("5月3日", None, None),
               ("12月15日", "start", 4), ("17日", "end", 3),
               ("10月1日", "start", 6), ("7日", "end", 5)], got
PY

# "onwards" and 从...起 open an interval that may lie ahead: unlike "since", the start is not
# moved back before the publication date.
echo "The new rules will apply from April 1 onwards. Prices have risen since November. 从3月起，新规将实施。" |
    "$chronicle" tag --dct 2026-01-20 - > "$tmp/on.jsonl"
python3 - "$tmp/on.jsonl" <<'PY' && ok || bad "onward intervals"
import json, sys
got = [(x["text"], x.get("value"), x.get("interval")) for x in map(json.loads, open(sys.argv[1]))]
assert got == [("April 1", "2026-04-01", "since"), ("November", "2025-11", "since"),
               ("3月", "2026-03", "since")], got
PY

# --format counts: one line per document, whose counts are those of the JSON Lines, by type,
# and of what a selection keeps.
"$chronicle" tag corpus/ > "$tmp/all.jsonl"
"$chronicle" tag --format counts corpus/ > "$tmp/counts.jsonl"
"$chronicle" tag --format counts --type DURATION corpus/ > "$tmp/counts-d.jsonl"
python3 - "$tmp/all.jsonl" "$tmp/counts.jsonl" "$tmp/counts-d.jsonl" <<'PY' && ok || bad "tag --format counts"
import collections, json, sys
want = collections.defaultdict(collections.Counter)
for x in map(json.loads, open(sys.argv[1])):
    want[x["doc"]][x["type"]] += 1
got = [json.loads(l) for l in open(sys.argv[2])]
assert len(got) == len(want) == 5, (len(got), len(want))
for g in got:
    w = want[g["doc"]]
    assert g["mentions"] == sum(w.values()), g
    assert all(g[k] == w[k] for k in ("DATE", "TIME", "DURATION", "SET")), (g, w)
dur = {g["doc"]: g for g in map(json.loads, open(sys.argv[3]))}
assert all(dur[d]["mentions"] == dur[d]["DURATION"] == want[d]["DURATION"] for d in want), dur
PY
expect_status 2 "tag --format with a bad name" "$chronicle" tag --format csv corpus

# TimeML output is well-formed XML whose TEXT is the original text.
expect_status 0 "tag --format timeml" "$chronicle" tag --format timeml corpus/001_0d701195ef4335e1.txt
python3 - "$tmp/stdout" corpus/001_0d701195ef4335e1.txt <<'PY' && ok || bad "TimeML round trip"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
text = root.find("TEXT")
flat = "".join(text.itertext())
orig = open(sys.argv[2], encoding="utf-8").read()
assert flat == orig, "TEXT differs from the article"
assert len(text.findall("TIMEX3")) > 5
assert root.find("DCT/TIMEX3").get("value") == "2023-01-08"
PY

# The feed: written atomically, read back through libical, one VEVENT per event, stable UIDs.
SOURCE_DATE_EPOCH=1767225600 "$chronicle" ics corpus -o "$tmp/a.ics" && ok || bad "ics"
SOURCE_DATE_EPOCH=1767225600 "$chronicle" ics corpus -o "$tmp/b.ics" && ok || bad "ics again"
cmp -s "$tmp/a.ics" "$tmp/b.ics" && ok || bad "the same inputs give the same bytes"
"$readback" "$tmp/a.ics" > "$tmp/rb" && ok || bad "libical reads the feed back"
"$chronicle" events corpus > "$tmp/ev.jsonl"
python3 - "$tmp/rb" "$tmp/ev.jsonl" <<'PY' && ok || bad "feed matches events (ids, dates)"
import sys, json
rb = sorted(l.split() for l in open(sys.argv[1]))
ev = sorted([e["id"], e["start"], e["end"]] for e in map(json.loads, open(sys.argv[2])))
assert rb == ev, (rb, ev)
assert len(ev) > 5
PY
ls "$tmp"/.a.ics* "$tmp"/*.tmp* 2>/dev/null | grep -q . && bad "temporary files left behind" || ok
expect_status 3 "ics into a missing folder" "$chronicle" ics corpus -o "$tmp/no/such/dir/x.ics"
[ ! -e "$tmp/no" ] && ok || bad "nothing written for a failed feed"

# eval: the tagger scored on a TimeML file (written for these tests, not gold data); the same
# totals whether it tags, reads TimeML written by `tag --format timeml`, or reads `tag` JSONL.
"$chronicle" eval --totals tests/data/sample.tml > "$tmp/e1" && ok || bad "eval"
grep -q '^gold=5$' "$tmp/e1" && grep -q '^relaxed_f1=1.0000$' "$tmp/e1" && ok ||
    bad "eval finds the five sample mentions: $(cat "$tmp/e1")"
mkdir -p "$tmp/sys"
"$chronicle" tag --format timeml tests/data/sample.tml > "$tmp/sys/sample.tml" && ok || bad "tag .tml"
"$chronicle" eval --totals --system "$tmp/sys" tests/data/sample.tml > "$tmp/e2" && ok || bad "eval --system DIR"
"$chronicle" tag tests/data/sample.tml > "$tmp/sys.jsonl" && ok || bad "tag .tml to JSONL"
"$chronicle" eval --totals --system "$tmp/sys.jsonl" tests/data/sample.tml > "$tmp/e3" && ok ||
    bad "eval --system FILE.jsonl"
cmp -s "$tmp/e1" "$tmp/e2" && cmp -s "$tmp/e1" "$tmp/e3" && ok || bad "the three eval paths agree"

# The same event stated twice in one article is one event, and the feed still writes.
printf 'The pact was signed in 2015.\nThe pact was signed in 2015.\nSince 2015, trade grew; in 2015, trade grew.\n' > "$tmp/dup.txt"
"$chronicle" events --dct 2020-01-01 "$tmp/dup.txt" > "$tmp/dup.jsonl" && ok || bad "events on repeated text"
[ "$(wc -l < "$tmp/dup.jsonl")" = 3 ] && ok || bad "repeated event kept once: $(wc -l < "$tmp/dup.jsonl") events"
"$chronicle" ics --dct 2020-01-01 "$tmp/dup.txt" -o "$tmp/dup.ics" && ok || bad "ics on repeated text"

# Word salad from date vocabulary (fixed seed): every command gets through it and the feed
# writes (no repeated UIDs, no crash).
mkdir -p "$tmp/salad"
python3 - "$tmp/salad" <<'PY'
import random, sys
random.seed(11)
words = ["January", "May", "the", "1990s", "in", "on", "Thursday", "last", "next", "year",
         "ago", "2015", "04/05/2023", "from", "to", "between", "and", "since", "until", "quarter",
         "third-quarter", "a", "year-earlier", "nearly", "two", "weeks", "2025年9月26日", "9月",
         "去年", "年底", ",", ".", "\n", "'80s", "or later", "around", "noon", "5 p.m.", "EST",
         "Nov. 9", "Christmas", "the weekend", "12:30", "--", "((", "fiscal", "1989", "spring",
         "today", "now", "recently", "every", "Mondays", "signed", "will", "said"]
for i in range(60):
    with open(f"{sys.argv[1]}/s{i}.txt", "w") as f:
        f.write(" ".join(random.choice(words) for _ in range(random.randint(1, 300))))
PY
for cmd in tag events; do
    "$chronicle" $cmd --dct 2026-01-20 "$tmp/salad" > /dev/null 2>&1 && ok || bad "$cmd on word salad"
done
"$chronicle" ics --dct 2026-01-20 "$tmp/salad" -o "$tmp/salad.ics" 2>/dev/null && ok || bad "ics on word salad"
"$readback" "$tmp/salad.ics" > /dev/null && ok || bad "libical reads the word-salad feed"
"$chronicle" render --dct 2026-01-20 "$tmp/salad" -o "$tmp/salad.png" 2>/dev/null && ok || bad "render on word salad"

# Charts of the asked size.
expect_status 0 "render png" "$chronicle" render corpus -o "$tmp/t.png" --width 1200
python3 - "$tmp/t.png" <<'PY' && ok || bad "PNG signature and width"
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", b[16:24])
assert w == 1200 and h > 200, (w, h)
PY
expect_status 0 "render svg" "$chronicle" render corpus -o "$tmp/t.svg" --width 900 --height 700
python3 - "$tmp/t.svg" <<'PY' && ok || bad "SVG size"
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert r.get("width").startswith("900") and r.get("height").startswith("700"), r.attrib
PY
expect_status 0 "render pdf" "$chronicle" render corpus -o "$tmp/t.pdf"
head -c 5 "$tmp/t.pdf" | grep -q '%PDF-' && ok || bad "PDF header"
expect_status 2 "render to an unknown format" "$chronicle" render corpus -o "$tmp/t.bmp"
[ ! -e "$tmp/t.bmp" ] && ok || bad "no file for an unknown format"

# Events: framing mentions only with --all; one event per happening across articles (the 2015
# guidelines revision in 002 and 003); filters on every command that reads inputs.
"$chronicle" events corpus > "$tmp/ev.jsonl"
"$chronicle" events --all corpus > "$tmp/all.jsonl"
"$chronicle" events --no-merge corpus > "$tmp/nomerge.jsonl"
python3 - "$tmp/ev.jsonl" "$tmp/all.jsonl" "$tmp/nomerge.jsonl" <<'PY' && ok || bad "--all, merging, --no-merge"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
al = [json.loads(l) for l in open(sys.argv[2])]
nm = [json.loads(l) for l in open(sys.argv[3])]
assert not any(e.get("framing") for e in ev), "framing events without --all"
fr = [e for e in al if e.get("framing")]
assert any(e["framing_reason"] == "reference" and e["timex"].lower() == "recently" for e in fr), fr
assert any(e["framing_reason"] == "furniture" for e in fr), fr
assert len(al) == len(ev) + len(fr)
joined = [e for e in ev if e["value"] == "2015"]
assert len(joined) == 1 and joined[0]["count"] == 2, joined
assert sorted(s["doc"][7:10] for s in joined[0]["sources"]) == ["002", "003"]
assert len([e for e in nm if e["value"] == "2015"]) == 2
assert len(nm) == len(ev) + 1
for e in ev:
    assert e["count"] == len({s["doc"] for s in e["sources"]}) >= 1
    assert isinstance(e["actors"], list) and e["type"]
PY
"$chronicle" events --from 2023 --to 2023-06 corpus > "$tmp/win.jsonl"
python3 - "$tmp/win.jsonl" <<'PY' && ok || bad "--from/--to keep the overlapping events only"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert ev and all("2023-01-01" <= e["start"] < "2023-07-01" or e["start"] < "2023-07-01" <= e["end"] for e in ev), ev
assert all(e["end"] > "2023-01-01" for e in ev)
assert {e["value"] for e in ev} >= {"2023-01", "2023-01-13"}, ev
PY
"$chronicle" events --match '(?i)keen sword' corpus > "$tmp/m.jsonl"
[ "$(wc -l < "$tmp/m.jsonl")" = 1 ] && grep -q '"value":"2022-11"' "$tmp/m.jsonl" && ok ||
    bad "--match keeps the Keen Sword exercise only"
expect_status 2 "bad --match" "$chronicle" events --match '(' corpus
grep -q -- "--match" "$tmp/stderr" && ok || bad "the --match error names the option"
expect_status 2 "bad --from" "$chronicle" ics --from yesterday corpus
"$chronicle" ics --match NATO corpus > "$tmp/nato.ics" && [ "$(grep -c BEGIN:VEVENT "$tmp/nato.ics")" -ge 2 ] &&
    [ "$(grep -c BEGIN:VEVENT "$tmp/nato.ics")" -lt "$(wc -l < "$tmp/ev.jsonl")" ] && ok ||
    bad "ics --match keeps some events"
expect_status 0 "render --from" "$chronicle" render --from 2020 corpus -o "$tmp/f.svg"

# The feed keeps SEQUENCE and LAST-MODIFIED of unchanged events across runs (the -o file is the
# previous feed), bumps them for a changed one; .ics files are inputs too.
cp -r corpus "$tmp/c2"
SOURCE_DATE_EPOCH=1767225600 "$chronicle" ics "$tmp/c2" -o "$tmp/seq.ics" || bad "ics first run"
SOURCE_DATE_EPOCH=1767312000 "$chronicle" ics "$tmp/c2" -o "$tmp/seq.ics" || bad "ics second run"
[ "$(grep -c 'LAST-MODIFIED:20260101T000000Z' "$tmp/seq.ics")" = "$(grep -c BEGIN:VEVENT "$tmp/seq.ics")" ] &&
    ! grep -q 'SEQUENCE:[1-9]' "$tmp/seq.ics" && grep -q 'DTSTAMP:20260102T000000Z' "$tmp/seq.ics" && ok ||
    bad "an unchanged event keeps SEQUENCE 0 and its LAST-MODIFIED"
sed -i 's/which was drafted in 1947, prohibits/which was drafted in 1947, forbids/' "$tmp/c2/003_e6d3fdd47129ceca.txt"
SOURCE_DATE_EPOCH=1767398400 "$chronicle" ics "$tmp/c2" -o "$tmp/seq.ics" || bad "ics third run"
[ "$(grep -c 'SEQUENCE:1' "$tmp/seq.ics")" = 1 ] && [ "$(grep -c 'LAST-MODIFIED:20260103T000000Z' "$tmp/seq.ics")" = 1 ] &&
    ok || bad "the changed event, and only it, gets SEQUENCE 1 and a new LAST-MODIFIED"
SOURCE_DATE_EPOCH=1767398400 "$chronicle" ics "$tmp/c2" --fresh -o "$tmp/seq.ics" && ! grep -q 'SEQUENCE:1' "$tmp/seq.ics" &&
    ok || bad "--fresh ignores the previous feed"
expect_status 3 "--previous that does not exist" "$chronicle" ics corpus --previous "$tmp/none.ics"
expect_status 2 "bad --tz" "$chronicle" ics corpus --tz Mars/Olympus
"$chronicle" events "$tmp/seq.ics" > "$tmp/fromics.jsonl" &&
    [ "$(wc -l < "$tmp/fromics.jsonl")" = "$(grep -c BEGIN:VEVENT "$tmp/seq.ics")" ] && ok ||
    bad "a .ics file is an input: one event per VEVENT"
"$chronicle" render "$tmp/seq.ics" -o "$tmp/fromics.svg" && ok || bad "render a .ics file"
"$chronicle" events - < "$tmp/seq.ics" | grep -q '"type":"establishment"' && ok ||
    bad "a calendar on standard input, with CATEGORIES read back as the type"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n' > "$tmp/broken.ics"
expect_status 1 "a broken .ics among good inputs" "$chronicle" events corpus "$tmp/broken.ics"
grep -q "broken.ics" "$tmp/stderr" && ok || bad "the error names the broken calendar"

# Filters on tag work on mentions: --type is the TIMEX3 type, --match and --actor the sentence.
"$chronicle" tag --type duration corpus > "$tmp/td.jsonl" && [ -s "$tmp/td.jsonl" ] &&
    ! grep -v '"type":"DURATION"' "$tmp/td.jsonl" > /dev/null && ok || bad "tag --type duration"
"$chronicle" tag --actor koizumi corpus | grep -q '"text":"Jan 12"' && ok || bad "tag --actor"
"$chronicle" tag --from 2026-01-12 --to 2026-01-12 corpus > "$tmp/tw.jsonl"
grep -q '"value":"2026-01-12"' "$tmp/tw.jsonl" && ! grep -q '"value":"2026-01-15"' "$tmp/tw.jsonl" &&
    ! grep -q '"type":"DURATION"' "$tmp/tw.jsonl" && ok ||
    bad "tag --from/--to keep the mentions whose span overlaps that day"
expect_status 2 "tag filters with TimeML" "$chronicle" tag --format timeml --match x corpus

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/sh
# run.sh - throughput benchmark: chronicle tag against chrono-node on the gold news text.
#
# Usage: bench/run.sh BUILD_DIR [MB]        (MB: a whole number, default 100)
#
# 1. Makes the text: the TEXT of every TimeBank + AQUAINT gold document, repeated to
#    MB megabytes (and to MB/4 and MB/2 for the scaling check), under
#    BUILD_DIR/bench-data/. The gold is research-use only, so nothing goes into the
#    source tree. Skips the whole benchmark (exit 77) when the gold folder is absent.
# 2. Times `taskset -c 0 chronicle tag --dct 2000-01-01 TEXT > /dev/null` on each size,
#    and on the MB/4 text made one line (line breaks replaced by spaces), and records
#    each peak RSS (measure.py: getrusage, as GNU time may be missing).
# 3. Installs chrono-node with npm into BUILD_DIR/bench-node/ (once) and times
#    chrono.parse(doc, refDate), once per document, on the same text (or on its
#    first CHRONO_MB megabytes), pinned to the same core. Skipped, with a message, when node,
#    npm or the registry is not available.
# 4. Prints a table and PASS/MISS against the targets of issue 3, item 6:
#    >= 100 MB/s, >= 20x chrono-node, peak RSS < 64 MiB whatever the size.
#
# It is a benchmark, not a test: missed targets still exit 0. It exits 1 only when
# chronicle or the text generator fails, 2 on a usage error, 77 when skipped.
#
# Units: MB = 10^6 bytes (throughput, text sizes); RSS in MiB = ru_maxrss KB / 1024.
#
# Environment:
#   CHRONICLE_GOLD  gold folder (default: ../shared/corpora/tbaq beside the source tree)
#   CHRONO_MB       give chrono-node only the leading CHRONO_MB megabytes (default: all
#                   MB of them; at ~9 MB/s here, 100 MB takes ~11 s)
#   CHRONO_SPEC     npm package spec (default chrono-node@2)
#   CHRONO_SKIP     set to 1 to leave chrono-node out
set -u

usage() {
    echo "usage: $0 BUILD_DIR [MB]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
MB=${2:-100}
case $MB in
'' | *[!0-9]* | 0 | 00*) echo "$0: MB: '$MB' is not a positive whole number" >&2; exit 2 ;;
esac
[ -d "$1" ] || { echo "$0: $1: no such build folder" >&2; exit 2; }
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
GOLD=${CHRONICLE_GOLD:-$SRC/../shared/corpora/tbaq}
CHRONO_MB=${CHRONO_MB:-$MB}
CHRONO_SPEC=${CHRONO_SPEC:-chrono-node@2}
EXE=$BUILD/cli/chronicle
DATA=$BUILD/bench-data
NODEDIR=$BUILD/bench-node
DCT=2000-01-01

# Targets (issue 3, item 6).
TARGET_MBPS=100
TARGET_RATIO=20
TARGET_RSS_MIB=64

if [ ! -d "$GOLD" ]; then
    echo "bench: SKIPPED: the TimeBank + AQUAINT gold is not at $GOLD"
    echo "bench: (research-use data, not in the repository; set CHRONICLE_GOLD to its folder)"
    exit 77
fi
if [ ! -x "$EXE" ]; then
    echo "bench: $EXE is missing; build first (ninja -C $BUILD)" >&2
    exit 1
fi

PIN=
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    PIN="taskset -c 0"
fi

# Floating-point helpers (POSIX sh has integers only).
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
ge() { awk "BEGIN { exit !($1 >= $2) }"; }
verdict() { if ge "$1" "$2"; then echo PASS; else echo MISS; fi; }

# text_file MB: prints the path of the MB-megabyte text, making it when missing.
text_file() {
    f=$DATA/text-${1}MB.txt
    if [ ! -f "$f" ] || [ ! -f "$f.idx" ]; then
        mkdir -p "$DATA" || exit 1
        python3 "$HERE/make_text.py" "$GOLD" "$f" "$1" >&2 || {
            echo "bench: make_text.py failed" >&2
            exit 1
        }
    fi
    echo "$f"
}

# size FILE: bytes.
size() { wc -c <"$1" | tr -d ' '; }

# run_chronicle FILE [OPTION...]: sets SECS, MBPS, RSS_MIB for chronicle tag on FILE.
run_chronicle() {
    BYTES=$(size "$1")
    f=$1
    shift
    res=$(python3 "$HERE/measure.py" $PIN "$EXE" tag --dct $DCT "$@" "$f") || exit 1
    set -- $res
    if [ "$5" != 0 ]; then
        echo "bench: chronicle tag exited with status $5" >&2
        exit 1
    fi
    SECS=$1
    MBPS=$(calc "$BYTES / 1e6 / $SECS")
    RSS_MIB=$(calc "$4 / 1024")
}

Q1=$((MB / 4))
Q2=$((MB / 2))
[ "$Q1" -ge 1 ] || Q1=1
[ "$Q2" -ge 1 ] || Q2=1

# The source the binary was built from: the build folder's source dir, its commit, and
# whether src/ or cli/ differ from that commit (then the figures are not the commit's).
BUILD_SRC=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["directories"]["source"])' \
    "$BUILD/meson-info/meson-info.json" 2>/dev/null) || BUILD_SRC=
COMMIT=unknown
if [ -n "$BUILD_SRC" ] && COMMIT=$(git -C "$BUILD_SRC" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$BUILD_SRC" status --porcelain -- src cli 2>/dev/null)" ] ||
        COMMIT="$COMMIT + uncommitted changes in src/ or cli/"
else
    COMMIT="unknown (${BUILD_SRC:-?} is not a git checkout)"
fi
echo "chronicle benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc 2>/dev/null || echo '?') cores"
echo "binary: $EXE (built $(date -u -r "$EXE" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo '?'))"
echo "source: ${BUILD_SRC:-?}, commit $COMMIT"
echo "command: ${PIN:+$PIN }$EXE tag --dct $DCT TEXT > /dev/null"
[ -n "$PIN" ] || echo "note: taskset is not available; runs are not pinned to one core"
echo

# Texts first, so that generating them is not in any timing.
MAIN=$(text_file "$MB") || exit 1
T1=$(text_file "$Q1") || exit 1
T2=$(text_file "$Q2") || exit 1

# Sanity: mentions per MB, so a fast engine that finds nothing shows up.
ONE=$(text_file 1) || exit 1
CHRON_MENTIONS=$("$EXE" tag --dct $DCT "$ONE" | wc -l | tr -d ' ')
CHRON_PER_MB=$(calc "$CHRON_MENTIONS / ($(size "$ONE") / 1e6)")

echo "chronicle tag, one core (MB = 10^6 bytes; RSS = peak resident set, MiB)"
printf '  %8s %12s %9s %9s %10s\n' "text MB" bytes seconds "MB/s" "RSS MiB"
RSS_MAX=0
for f in "$T1" "$T2" "$MAIN"; do
    run_chronicle "$f"
    printf '  %8s %12s %9s %9s %10s\n' "$(calc "$BYTES / 1e6")" "$BYTES" "$SECS" "$MBPS" "$RSS_MIB"
    if [ "$f" = "$T1" ]; then MBPS_SMALL=$MBPS; RSS_SMALL=$RSS_MIB; fi
    ge "$RSS_MIB" "$RSS_MAX" && RSS_MAX=$RSS_MIB
done
MBPS_MAIN=$MBPS
RSS_MAIN=$RSS_MIB
# The smallest text again as one line (every line break a space): no line end to cut at, so
# memory stays flat only if the pieces are cut at sentence starts (chron_text_piece_end()).
LONG=$DATA/text-${Q1}MB-one-line.txt
if [ ! -f "$LONG" ]; then
    tr '\n' ' ' <"$T1" >"$LONG.tmp" && mv "$LONG.tmp" "$LONG" || exit 1
fi
run_chronicle "$LONG"
printf '  %8s %12s %9s %9s %10s  (one line)\n' "$(calc "$BYTES / 1e6")" "$BYTES" "$SECS" "$MBPS" \
    "$RSS_MIB"
ge "$RSS_MIB" "$RSS_MAX" && RSS_MAX=$RSS_MIB
# The tagging alone: the same run on the largest text, writing one line of counts per document
# instead of a JSON line per mention, so that what the JSON Lines cost shows. For information:
# the targets are on the runs above.
run_chronicle "$MAIN" --format counts
echo "  the same ${MB} MB with --format counts (tagging, no JSON Lines): $SECS s, $MBPS MB/s"
echo

# chrono-node, on the leading CHRONO_MB megabytes of the same text.
CHRONO_MBPS=
CHRONO_NOTE=
C_MENTIONS=
chrono() {
    if [ "${CHRONO_SKIP:-0}" = 1 ]; then
        CHRONO_NOTE="skipped (CHRONO_SKIP=1)"; return
    fi
    if ! command -v node >/dev/null 2>&1; then
        CHRONO_NOTE="skipped: node is not installed"; return
    fi
    if [ ! -f "$NODEDIR/node_modules/chrono-node/package.json" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            CHRONO_NOTE="skipped: npm is not installed"; return
        fi
        echo "installing $CHRONO_SPEC into $NODEDIR (log: $NODEDIR.log)"
        mkdir -p "$NODEDIR"
        TO=
        command -v timeout >/dev/null 2>&1 && TO="timeout 600"
        if ! $TO npm install --prefix "$NODEDIR" --no-audit --no-fund "$CHRONO_SPEC" \
            >"$NODEDIR.log" 2>&1; then
            tail -n 5 "$NODEDIR.log" | sed 's/^/  npm: /'
            CHRONO_NOTE="skipped: npm install $CHRONO_SPEC failed (no registry?)"; return
        fi
    fi
    cmb=$CHRONO_MB
    ge "$MB" "$cmb" || cmb=$MB
    if ! out=$($PIN node "$HERE/chrono_bench.mjs" "$NODEDIR" "$MAIN" "$cmb"); then
        CHRONO_NOTE="failed: chrono_bench.mjs exited with an error"; return
    fi
    # out: bytes=N seconds=S mbps=R mentions=M docs=D version=V
    for kv in $out; do
        case $kv in
        bytes=*) C_BYTES=${kv#*=} ;;
        seconds=*) C_SECS=${kv#*=} ;;
        mbps=*) CHRONO_MBPS=${kv#*=} ;;
        mentions=*) C_MENTIONS=${kv#*=} ;;
        docs=*) C_DOCS=${kv#*=} ;;
        version=*) C_VERSION=${kv#*=} ;;
        esac
    done
    echo "chrono-node $C_VERSION, chrono.parse(doc, refDate) once per document, one core"
    printf '  %8s %12s %9s %9s %10s %9s\n' "text MB" bytes seconds "MB/s" documents mentions
    printf '  %8s %12s %9s %9s %10s %9s\n' "$(calc "$C_BYTES / 1e6")" "$C_BYTES" "$C_SECS" \
        "$CHRONO_MBPS" "$C_DOCS" "$C_MENTIONS"
    echo
}
chrono
[ -z "$CHRONO_NOTE" ] || { echo "chrono-node: $CHRONO_NOTE"; echo; }

echo "mentions per MB: chronicle $CHRON_PER_MB (on $(basename "$ONE"))${C_MENTIONS:+, chrono-node $(calc "$C_MENTIONS / ($C_BYTES / 1e6)")}"
echo

# Targets.
printf '%-34s %-16s %s\n' target measured result
printf '%-34s %-16s %s\n' "throughput >= $TARGET_MBPS MB/s (${MB} MB)" "$MBPS_MAIN MB/s" \
    "$(verdict "$MBPS_MAIN" $TARGET_MBPS)"
if [ -n "$CHRONO_MBPS" ]; then
    RATIO=$(calc "$MBPS_MAIN / $CHRONO_MBPS")
    printf '%-34s %-16s %s\n' ">= ${TARGET_RATIO}x chrono-node" "${RATIO}x" "$(verdict "$RATIO" $TARGET_RATIO)"
else
    printf '%-34s %-16s %s\n' ">= ${TARGET_RATIO}x chrono-node" "n/a" "not measured"
fi
if ge "$RSS_MAX" $TARGET_RSS_MIB; then RES=MISS; else RES=PASS; fi
printf '%-34s %-16s %s\n' "peak RSS < $TARGET_RSS_MIB MiB (every size)" "$RSS_MAX MiB" $RES
# Scaling: flat memory and linear time between the smallest and the largest text.
RSS_GROWTH=$(calc "$RSS_MAIN - $RSS_SMALL")
if ge "$RSS_GROWTH" 8; then RES=MISS; else RES=PASS; fi
case $RSS_GROWTH in -*) ;; *) RSS_GROWTH=+$RSS_GROWTH ;; esac
printf '%-34s %-16s %s\n' "RSS flat (${Q1} -> ${MB} MB: < +8 MiB)" "$RSS_GROWTH MiB" $RES
SPEED_KEPT=$(calc "100 * $MBPS_MAIN / $MBPS_SMALL")
if ge "$SPEED_KEPT" 80; then RES=PASS; else RES=MISS; fi
printf '%-34s %-16s %s\n' "time linear (MB/s kept >= 80%)" "$SPEED_KEPT%" $RES
exit 0

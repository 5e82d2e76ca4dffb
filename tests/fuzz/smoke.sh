#!/bin/sh
# smoke.sh BUILD_DIR [SECONDS] - runs every libFuzzer target of tests/fuzz for SECONDS (30)
# each, from its seed corpus with the dictionary; fails on the first crash, leak or timeout.
#
# BUILD_DIR is a build configured with -Dfuzz=true (see README.md). New inputs go to a scratch
# corpus under BUILD_DIR/tests/fuzz/work/ (the seeds in the source tree are read, never
# written); a crashing input is kept in BUILD_DIR/tests/fuzz/artifacts/.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BUILD_DIR [SECONDS]" >&2
    exit 2
fi
build=$1
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/tests/fuzz
work=$bin/work
artifacts=$bin/artifacts
mkdir -p "$work" "$artifacts"

# UBSan stops at its first finding; LSan ignores leaks inside third-party libraries
# (lsan.supp here); GLib's slice allocator goes through malloc so leaks are seen.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
export G_SLICE=always-malloc

failed=0
for target in fuzz_doc fuzz_tagger fuzz_events fuzz_ics fuzz_manifest fuzz_jsonl; do
    if [ ! -x "$bin/$target" ]; then
        echo "$target: not built in $bin (configure with -Dfuzz=true)" >&2
        exit 1
    fi
    mkdir -p "$work/$target"
    log=$work/$target.log
    # The json-glib suppression needs full stacks at malloc (slow: only where it can apply).
    unwind=
    [ "$target" = fuzz_jsonl ] && unwind=fast_unwind_on_malloc=0
    if ASAN_OPTIONS="${unwind}${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -dict="$here/chronicle.dict" -artifact_prefix="$artifacts/$target-" \
        -print_final_stats=1 "$work/$target" "$here/corpus/$target" >"$log" 2>&1; then
        echo "$target: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
            grep -o '[0-9]*$') runs, $(grep -o 'ft: [0-9]*' "$log" | tail -n 1)"
    else
        echo "$target: FAILED (log: $log)" >&2
        tail -n 40 "$log" >&2
        failed=1
    fi
done
exit $failed

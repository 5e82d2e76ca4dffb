#!/bin/sh
# golden.sh EXPECTED COMMAND... - runs COMMAND and compares its standard output with the
# reviewed file EXPECTED. With REGENERATE=1 it rewrites EXPECTED instead (see the
# regen-golden target: `ninja -C build regen-golden`, then review `git diff`).
set -eu
expected=$1
shift
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$@" > "$actual"
if [ "${REGENERATE:-0}" = 1 ]; then
    cp "$actual" "$expected"
    echo "regenerated $expected"
    exit 0
fi
if diff -u "$expected" "$actual"; then
    echo "golden: $(wc -l < "$expected") lines match $expected"
else
    echo "golden: output differs from $expected (review, then: ninja -C build regen-golden)" >&2
    exit 1
fi

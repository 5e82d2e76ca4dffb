#!/bin/sh
# test.sh [MESON_OPTION...] - installs what is missing, builds with warnings as errors and runs
# the whole test suite. Extra options go to meson setup, e.g.
#   sh scripts/test.sh -Db_sanitize=address,undefined
# Each distinct option set builds in its own folder (build-test, build-test-<hash>).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
dir=build-test
if [ $# -gt 0 ]; then
    dir="build-test-$(printf '%s' "$*" | cksum | cut -d' ' -f1)"
fi
[ -d "$dir" ] || meson setup "$dir" --werror "$@"
meson compile -C "$dir"
meson test -C "$dir" --print-errorlogs

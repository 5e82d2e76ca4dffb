#!/bin/sh
# run.sh - the main job: installs what is missing, builds chronicle, and turns corpus/ into
# out/timeline.ics, out/timeline.png and out/timeline.svg.
#
# DTSTAMP in the feed comes from SOURCE_DATE_EPOCH; when it is unset, the time of the last commit
# that touched corpus/ is used, so a rerun reproduces the tracked files in out/ byte for byte.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
[ -d build ] || meson setup build --buildtype=release
meson compile -C build
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && command -v git >/dev/null 2>&1 &&
    git rev-parse --git-dir >/dev/null 2>&1; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- corpus 2>/dev/null || true)
fi
[ -n "${SOURCE_DATE_EPOCH:-}" ] && export SOURCE_DATE_EPOCH
mkdir -p out
./build/cli/chronicle ics corpus -o out/timeline.ics --name "Japan security policy, 2023–2026"
./build/cli/chronicle events corpus -o out/timeline.jsonl
./build/cli/chronicle render corpus -o out/timeline.png --title "Japan's security policy: a timeline from five commentaries"
./build/cli/chronicle render corpus -o out/timeline.svg --title "Japan's security policy: a timeline from five commentaries"
echo "run.sh: wrote out/timeline.ics, out/timeline.jsonl, out/timeline.png, out/timeline.svg"

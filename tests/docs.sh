#!/bin/sh
# docs.sh CHRONICLE - the manual page and bash completion stay true to the binary: the page
# formats without warnings, the completion script parses, and every command `chronicle --help`
# lists is documented in both (and in the README).
set -u
chronicle=$1
status=0
if command -v groff > /dev/null; then
    warn=$(groff -man -Tutf8 -ww -z doc/chronicle.1 2>&1)
    [ -z "$warn" ] && echo "ok: chronicle.1 formats cleanly" || { echo "FAIL: groff: $warn"; status=1; }
else
    echo "note: groff not installed, formatting not checked"
fi
bash -n doc/chronicle.bash-completion && echo "ok: the completion parses" ||
    { echo "FAIL: doc/chronicle.bash-completion"; status=1; }
cmds=$("$chronicle" --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
[ -n "$cmds" ] || { echo "FAIL: no commands in chronicle --help"; exit 1; }
for c in $cmds; do
    grep -q "^\.B $c\b" doc/chronicle.1 || { echo "FAIL: chronicle.1 does not document '$c'"; status=1; }
    grep -q "commands=\".*\b$c\b" doc/chronicle.bash-completion ||
        { echo "FAIL: the completion does not know '$c'"; status=1; }
    grep -q "chronicle $c" README.md || { echo "FAIL: README.md has no 'chronicle $c'"; status=1; }
done
[ $status = 0 ] && echo "ok: $(echo $cmds | wc -w) commands documented"
exit $status

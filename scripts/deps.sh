#!/bin/sh
# deps.sh - installs the Debian packages chronicle needs to build, test and render, when any is
# missing. Uses sudo when not run as root. Safe to run again: it installs nothing when all are
# present.
set -eu
PACKAGES="build-essential meson ninja-build pkg-config
libglib2.0-dev libical-dev libcairo2-dev libpango1.0-dev libpcre2-dev libjson-glib-dev libicu-dev
fonts-noto-cjk fonts-noto-core fonts-dejavu-core
libmicrohttpd-dev curl wrk
python3 python3-icalendar nodejs npm khal parallel valgrind time clang tzdata"

missing=""
for p in $PACKAGES; do
    # Node.js and npm may come from elsewhere than Debian (the machine's own): then they are
    # there, and Debian's npm would conflict with them.
    case $p in
        nodejs) command -v node > /dev/null 2>&1 && continue ;;
        npm) command -v npm > /dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing

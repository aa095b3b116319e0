#!/bin/sh
# install-deps.sh -- installs, from Debian packages, whatever cordon's build,
# tests and demo need and this machine lacks.  As root it runs apt-get;
# otherwise it names the missing packages and fails.
#
# Build:   gcc make libc6-dev zlib1g-dev libinchi-dev libsqlite3-dev
#          libmicrohttpd-dev libjansson-dev
# Tests:   libcmocka-dev clang-14 libclang-rt-14-dev clang-format time python3
#          python3-rdkit (oracle) openbabel python3-openbabel (oracle)
#          default-jre-headless libopsin-java (structure/name checks)
#          librdkit-dev libboost-dev g++ (benchmark peer, bench/ only;
#          installed when CORDON_BENCH_DEPS=1, as make bench sets it)
PKGS="gcc make libc6-dev zlib1g-dev libinchi-dev libsqlite3-dev \
libmicrohttpd-dev libjansson-dev libcmocka-dev clang clang-14 libclang-rt-14-dev \
clang-format time python3 python3-rdkit openbabel python3-openbabel \
default-jre-headless libopsin-java"
[ "${CORDON_BENCH_DEPS:-0}" = 1 ] && PKGS="$PKGS librdkit-dev libboost-dev g++ rdkit-data"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "install-deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "install-deps: apt-get failed for:$missing" >&2; exit 1; }
else
    echo "install-deps: missing Debian packages:$missing" >&2
    echo "install-deps: run as root:  apt-get install$missing" >&2
    exit 1
fi

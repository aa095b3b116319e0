#!/bin/sh
# bench/run.sh BUILD -- runs every benchmark (bench/*/run.sh BUILD) in turn.
# Benchmarks print figures and assert nothing (tests assert behaviour);
# each skips itself when the data or the peer toolkit it needs is absent.
# `make bench` calls this with the build directory.
BUILD=${1:-build}
for b in bench/*/run.sh; do
    echo "== $b"
    sh "$b" "$BUILD" || echo "$b failed with status $?"
done

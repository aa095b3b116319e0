#!/bin/sh
# bench/match/run.sh BUILD -- screening a molecule against a few hundred
# PAINS patterns: libcordon (bench_match.c, match_first per pattern) and
# RDKit's FilterCatalog(PAINS).GetMatches, on the same ChEMBL molecules and
# the same 480 PAINS definitions (RDKit's wehi_pains.csv, compiled by both
# with explicit hydrogens merged into their neighbours, as FilterCatalog
# does), in the same run.  Rates are molecules per CPU-second, one thread.
# Needs ../shared/testdata and /usr/bin/python3 with RDKit.  Prints figures
# and the speed ratio; asserts nothing.  BENCH_MATCH_N molecules (default
# 5000).
set -u
BUILD=${1:-build}
T=../shared/testdata
N=${BENCH_MATCH_N:-5000}
TMP=${TMPDIR:-/tmp}/cordon-bench-match.$$
[ -f "$BUILD/libcordon.a" ] || { echo "bench: build $BUILD first"; exit 2; }
[ -d "$T" ] || { echo "bench: $T is absent; skipped"; exit 0; }
/usr/bin/python3 -c 'import rdkit' 2>/dev/null ||
    { echo "bench: RDKit for /usr/bin/python3 not installed; skipped"; exit 0; }
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -o "$TMP/bench_match" \
    bench/match/bench_match.c "$BUILD/libcordon.a" -lz -linchi -lpthread -lm ||
    exit 2
zcat "$T/chembl/chembl_sample_part1.smi.gz" | head -n "$N" >"$TMP/mols.smi"
r=$(/usr/bin/python3 bench/match/rdkit_filtercatalog.py \
    "$T/rdkit/smarts/wehi_pains.csv" "$TMP/pains.smarts" "$TMP/mols.smi")
c=$("$TMP/bench_match" "$TMP/pains.smarts" "$TMP/mols.smi")
echo "bench/match: $N ChEMBL molecules ($T/chembl/chembl_sample_part1.smi.gz), $(wc -l <"$TMP/pains.smarts") PAINS patterns"
echo "$c"
echo "$r"
cr=$(echo "$c" | sed -n 's/.*matching [0-9.]* s CPU = \([0-9]*\) mol.*/\1/p')
rr=$(echo "$r" | sed -n 's/.*matching [0-9.]* s CPU = \([0-9]*\) mol.*/\1/p')
cp=$(echo "$c" | sed -n 's/.*parse+match [0-9.]* s CPU = \([0-9]*\) mol.*/\1/p')
rp=$(echo "$r" | sed -n 's/.*parse+match [0-9.]* s CPU = \([0-9]*\) mol.*/\1/p')
awk -v a="$cr" -v b="$rr" -v c="$cp" -v d="$rp" 'BEGIN {
    printf "speed ratio cordon/RDKit: matching %.1fx, parse+match %.1fx\n", a / b, c / d }'

#!/bin/sh
# bench/screen/run.sh BUILD -- 'cordon screen --jurisdiction all' against an
# RDKit C++ peer doing comparable work (bench/screen/rdkit_screen.cpp: parse,
# canonical key looked up among the listed structures, substructure checks
# of the same cores), on the same >= 100k ChEMBL molecules in the same run;
# then peak memory of cordon on a one-million-record file.
# Needs ../shared/testdata/chembl, g++, librdkit-dev and libboost-dev
# (RDKit's headers include Boost's).  Prints figures; asserts nothing.
# Environment: THREADS (default: all cores) for the multi-thread figure,
# MILLION=0 to skip the memory run.
set -u
BUILD=${1:-build}
CORDON="$BUILD/cordon"
DATA=../shared/testdata/chembl
TMP=${TMPDIR:-/tmp}/cordon-bench-screen.$$
THREADS=${THREADS:-$(nproc)}
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM
[ -x "$CORDON" ] || { echo "bench: build $CORDON first"; exit 2; }
[ -d "$DATA" ] || { echo "bench: $DATA is absent; skipped"; exit 0; }

zcat "$DATA"/chembl_sample_part1.smi.gz "$DATA"/chembl_sample_part2.smi.gz \
    "$DATA"/chembl_sample_part3.smi.gz >"$TMP/chembl.smi"
N=$(wc -l <"$TMP/chembl.smi")
# the structures the knowledge base lists (the peer's lookup table)
find data/kb -name '*.kb' -exec sed -n 's/^smiles: *//p' {} + >"$TMP/listed.smi"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

echo "bench/screen: $N ChEMBL molecules ($DATA/chembl_sample_part{1,2,3}), $(wc -l <"$TMP/listed.smi") listed structures, $(nproc) cores"

t0=$(now)
"$CORDON" screen --jurisdiction all --threads 1 --format jsonl --no-progress \
    "$TMP/chembl.smi" >"$TMP/out1.jsonl" 2>/dev/null
t1=$(now)
T1=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
C1=$(rate "$N" "$T1")
echo "cordon screen --threads 1: $T1 s, $C1 mol/s/core ($(grep -c '"status":"controlled"' "$TMP/out1.jsonl") records with a controlled result)"

t0=$(now)
"$CORDON" screen --jurisdiction all --threads "$THREADS" --format jsonl \
    --no-progress "$TMP/chembl.smi" >"$TMP/outN.jsonl" 2>/dev/null
t1=$(now)
TN=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "cordon screen --threads $THREADS: $TN s, $(rate "$N" "$TN") mol/s total"
if cmp -s "$TMP/out1.jsonl" "$TMP/outN.jsonl"; then
    echo "output identical with 1 and $THREADS threads (input order kept)"
else
    echo "WARNING: output differs between 1 and $THREADS threads"
fi

PEER="$BUILD/bench/rdkit_screen"
if [ ! -x "$PEER" ] || [ bench/screen/rdkit_screen.cpp -nt "$PEER" ]; then
    mkdir -p "$BUILD/bench"
    if ! g++ -O2 -std=c++17 -I/usr/include/rdkit -o "$PEER" \
        bench/screen/rdkit_screen.cpp -lRDKitSubstructMatch \
        -lRDKitSmilesParse -lRDKitGraphMol -lRDKitRDGeneral 2>"$TMP/gxx.log"; then
        echo "bench: cannot build the RDKit peer (need g++, librdkit-dev, libboost-dev):"
        tail -3 "$TMP/gxx.log"
        PEER=
    fi
fi
if [ -n "$PEER" ]; then
    line=$("$PEER" "$TMP/listed.smi" "$TMP/chembl.smi")
    echo "$line"
    R=$(echo "$line" | sed -n 's/.* \([0-9]*\) mol\/s$/\1/p')
    [ -n "$R" ] && [ "$R" -gt 0 ] &&
        echo "ratio (cordon 1 thread / RDKit 1 thread): $(awk -v a="$C1" -v b="$R" 'BEGIN { printf "%.1f", a / b }')x"
fi

if [ "${MILLION:-1}" != 0 ]; then
    : >"$TMP/million.smi"
    while [ "$(wc -l <"$TMP/million.smi")" -lt 1000000 ]; do
        cat "$TMP/chembl.smi" >>"$TMP/million.smi"
    done
    head -n 1000000 "$TMP/million.smi" >"$TMP/m.smi"
    rm -f "$TMP/million.smi" "$TMP/out1.jsonl" "$TMP/outN.jsonl"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$CORDON" screen --jurisdiction all --threads "$THREADS" \
            --format jsonl --no-progress "$TMP/m.smi" 2>"$TMP/time.log" >/dev/null
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time.log")
        el=$(sed -n 's/.*Elapsed (wall clock) time[^:]*: //p' "$TMP/time.log")
        echo "1,000,000 records, --threads $THREADS: peak RSS $((rss / 1024)) MiB, wall $el"
    fi
fi

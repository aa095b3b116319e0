#!/bin/sh
# bench/run.sh BUILD [smiles|screen|all] -- the benchmarks (`make bench`).
# Benchmarks print figures and assert nothing; they are not tests.
#
#  smiles  SMILES -> perceived molecule, and -> canonical SMILES, in
#          molecules per second per core (process CPU time, one thread) on
#          100k ChEMBL molecules (../shared/testdata/chembl/
#          chembl_sample_part1.smi.gz), cordon (bench/smiles/cordon_smiles.c)
#          against a small RDKit C++ program (bench/smiles/rdkit_smiles.cpp,
#          Debian librdkit-dev) on the same file in the same run; prints the
#          ratios.  Goals (issue 3): >= 20x RDKit reading, >= 10x canonical.
#  screen  bench/screen/run.sh (cordon screen against its RDKit peer).
#  match   bench/match/run.sh (480 PAINS patterns per molecule against
#          RDKit's FilterCatalog, same molecules, same run).
#
# Environment: N (records for smiles, default 100000).  Runs under nice.
set -u
BUILD=${1:-build}
WHAT=${2:-all}
N=${N:-100000}
DATA=../shared/testdata/chembl
TMP=${TMPDIR:-/tmp}/cordon-bench.$$
mkdir -p "$TMP" "$BUILD/bench"
trap 'rm -rf "$TMP"' EXIT INT TERM

bench_smiles() {
    [ -f "$BUILD/libcordon.a" ] || { echo "bench: build $BUILD/libcordon.a first"; return 2; }
    [ -d "$DATA" ] || { echo "bench smiles: $DATA is absent; skipped"; return 0; }
    C="$BUILD/bench/cordon_smiles"
    R="$BUILD/bench/rdkit_smiles"
    ${CC:-cc} -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -o "$C" \
        bench/smiles/cordon_smiles.c "$BUILD/libcordon.a" \
        -lz -linchi -lpthread -lm || return 2
    if [ ! -x "$R" ] || [ bench/smiles/rdkit_smiles.cpp -nt "$R" ]; then
        if ! g++ -O2 -std=c++17 -I/usr/include/rdkit -o "$R" \
            bench/smiles/rdkit_smiles.cpp -lRDKitSmilesParse \
            -lRDKitGraphMol -lRDKitRDGeneral 2>"$TMP/gxx.log"; then
            echo "bench smiles: cannot build the RDKit peer (g++, librdkit-dev):"
            tail -3 "$TMP/gxx.log"
            R=
        fi
    fi
    gzip -dc "$DATA/chembl_sample_part1.smi.gz" | head -n "$N" >"$TMP/in.smi"
    n=$(grep -c . "$TMP/in.smi")
    echo "bench/smiles: $n ChEMBL molecules ($DATA/chembl_sample_part1.smi.gz), one core"
    nice "$C" "$TMP/in.smi" | tee "$TMP/cordon.txt"
    [ -n "$R" ] || return 0
    nice "$R" "$TMP/in.smi" | tee "$TMP/rdkit.txt"
    awk '
        { rate[$1 " " $2] = $(NF - 1) }
        END {
            for (p = 0; p < 2; p++) {
                ph = p ? "can" : "read"
                goal = p ? 10 : 20
                c = rate["cordon " ph]; r = rate["rdkit " ph]
                if (r > 0)
                    printf "ratio %s (cordon/RDKit, per core): %.1fx (goal %dx)\n", \
                        ph == "read" ? "read+perceive" : "canonical SMILES", c / r, goal
            }
        }' "$TMP/cordon.txt" "$TMP/rdkit.txt"
}

status=0
case $WHAT in
smiles) bench_smiles || status=$? ;;
screen) sh bench/screen/run.sh "$BUILD" || status=$? ;;
match) sh bench/match/run.sh "$BUILD" || status=$? ;;
all)
    bench_smiles || status=$?
    if [ -f bench/screen/run.sh ]; then
        sh bench/screen/run.sh "$BUILD" || status=$?
    fi
    if [ -f bench/match/run.sh ]; then
        sh bench/match/run.sh "$BUILD" || status=$?
    fi
    ;;
*) echo "usage: bench/run.sh BUILD [smiles|screen|match|all]"; exit 2 ;;
esac
exit $status

#!/bin/sh
# bench/screen/run.sh BUILD -- 'cordon screen --jurisdiction all' against an
# RDKit C++ peer doing comparable work (bench/screen/rdkit_screen.cpp: parse,
# canonical key looked up among the listed structures, substructure checks
# of the same cores; and, timed apart, the Morgan similarity scan against
# the listed structures that cordon's analogue alerts do), on the same
# >= 100k ChEMBL molecules in the same run;
# then peak memory of cordon on a one-million-record file.
# Rates are molecules per CPU-second (user + sys), one thread, so a busy
# shared machine does not distort them; wall times are printed too.
# Needs ../shared/testdata/chembl, g++, librdkit-dev and libboost-dev
# (RDKit's headers include Boost's).  Prints figures; asserts nothing.
# Environment: THREADS (default: all cores) for the multi-thread run,
# REPEAT (default 3) runs per cordon configuration, median reported,
# MILLION=0 skips the memory run, RDKIT=0 the RDKit peer (~3 min).
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
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (GNU time)"; exit 2; }

zcat "$DATA"/chembl_sample_part1.smi.gz "$DATA"/chembl_sample_part2.smi.gz \
    "$DATA"/chembl_sample_part3.smi.gz >"$TMP/chembl.smi"
N=$(wc -l <"$TMP/chembl.smi")
cat "$TMP/chembl.smi" >/dev/null # page cache warm for the first timed run
# the structures the knowledge base lists (the peer's lookup table)
find data/kb -name '*.kb' -exec sed -n 's/^smiles: *//p' {} + >"$TMP/listed.smi"

# run LABEL NRECORDS ARGS... : REPEAT runs (default 3) after the input is
# in the page cache; prints each run's CPU rate and sets RATE to the median
# (this VM's run-to-run spread is 10-20%); leaves output in $TMP/out
run() {
    label=$1; n=$2; shift 2
    rates=
    i=0
    while [ "$i" -lt "${REPEAT:-3}" ]; do
        /usr/bin/time -f "%U %S %e %M" -o "$TMP/t" "$CORDON" screen "$@" >"$TMP/out" 2>/dev/null
        tail -n 1 "$TMP/t" >"$TMP/t1"
        read -r u s e m <"$TMP/t1"
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
        rates="$rates $(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%.0f", n / c }')"
        i=$((i + 1))
    done
    RATE=$(echo $rates | tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "$label: $n records, median $RATE mol/s/core (runs:$rates), last run ${cpu} s CPU, ${e} s wall, peak RSS $((m / 1024)) MiB"
}

echo "bench/screen: $N ChEMBL molecules ($DATA/chembl_sample_part{1,2,3}), $(wc -l <"$TMP/listed.smi") listed structures, $(nproc) cores"
# the issue's command as a user types it: JSON Lines with analogue alerts
run "cordon screen -j all --threads 1 (default: jsonl WITH analogue alerts)" "$N" \
    -j all --threads 1 --no-progress "$TMP/chembl.smi"
CA=$RATE
run "cordon screen -j all --threads 1 -f jsonl --no-alerts" "$N" \
    -j all --threads 1 -f jsonl --no-alerts --no-progress "$TMP/chembl.smi"
C1=$RATE
cp "$TMP/out" "$TMP/out1"
run "cordon screen -j all --threads $THREADS -f jsonl --no-alerts" "$N" \
    -j all --threads "$THREADS" -f jsonl --no-alerts --no-progress "$TMP/chembl.smi"
if cmp -s "$TMP/out1" "$TMP/out"; then
    echo "  output identical with 1 and $THREADS threads (input order kept)"
else
    echo "  WARNING: output differs between 1 and $THREADS threads"
fi
echo "  $(grep -c '"status":"controlled"' "$TMP/out1") records controlled somewhere"
run "cordon screen -j all --threads 1 -f csv (no alerts by design)" "$N" \
    -j all --threads 1 -f csv --no-progress "$TMP/chembl.smi"
rm -f "$TMP/out" "$TMP/out1"

PEER="$BUILD/bench/rdkit_screen"
if [ "${RDKIT:-1}" = 0 ]; then
    PEER=
elif [ ! -x "$PEER" ] || [ bench/screen/rdkit_screen.cpp -nt "$PEER" ]; then
    mkdir -p "$BUILD/bench"
    if ! g++ -O2 -std=c++17 -I/usr/include/rdkit -o "$PEER" \
        bench/screen/rdkit_screen.cpp -lRDKitFingerprints \
        -lRDKitDataStructs -lRDKitSubstructMatch -lRDKitSmilesParse -lRDKitGraphMol -lRDKitRDGeneral 2>"$TMP/gxx.log"; then
        echo "bench: cannot build the RDKit peer (need g++, librdkit-dev, libboost-dev):"
        tail -3 "$TMP/gxx.log"
        PEER=
    fi
fi
if [ -n "$PEER" ]; then
    "$PEER" "$TMP/listed.smi" "$TMP/chembl.smi" >"$TMP/peer"
    cat "$TMP/peer"
    # R: parse + key + cores (the --no-alerts work); RS: plus the Morgan
    # similarity scan (the work of the default, alerts on)
    R=$(sed -n 's/^rdkit: .* \([0-9]*\) mol\/s\/core$/\1/p' "$TMP/peer")
    RS=$(sed -n 's/^rdkit+similarity: .* \([0-9]*\) mol\/s\/core$/\1/p' "$TMP/peer")
    [ -n "$R" ] && [ "$R" -gt 0 ] &&
        echo "ratio (cordon --no-alerts / RDKit parse+key+cores, per core): $(awk -v a="$C1" -v b="$R" 'BEGIN { printf "%.2f", a / b }')x" &&
        echo "ratio (cordon default, alerts on / RDKit parse+key+cores, per core): $(awk -v a="$CA" -v b="$R" 'BEGIN { printf "%.2f", a / b }')x"
    [ -n "$RS" ] && [ "$RS" -gt 0 ] &&
        echo "ratio (cordon default, alerts on / RDKit with Morgan similarity scan, per core): $(awk -v a="$CA" -v b="$RS" 'BEGIN { printf "%.2f", a / b }')x"
fi

if [ "${MILLION:-1}" != 0 ]; then
    : >"$TMP/million.smi"
    while [ "$(wc -l <"$TMP/million.smi")" -lt 1000000 ]; do
        cat "$TMP/chembl.smi" >>"$TMP/million.smi"
    done
    head -n 1000000 "$TMP/million.smi" >"$TMP/m.smi"
    rm -f "$TMP/million.smi"
    run "1,000,000 records, --threads $THREADS, --no-alerts" 1000000 \
        -j all --threads "$THREADS" -f jsonl --no-alerts --no-progress "$TMP/m.smi"
fi

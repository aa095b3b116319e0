#!/bin/sh
# tests/diff/fp.sh -- Morgan fingerprints (`cordon similar --bits`) against
# RDKit's GetMorganFingerprintAsBitVect(mol, 2, 2048) as recorded for 2,579
# approved drugs in ../shared/testdata/drugs/expected_fingerprints.tsv.gz
# (RDKit 2022.09), read from the same table's canonical SMILES:
# DIFF-FAIL when fewer than 99.5% of the drugs have exactly RDKit's bits.
# Needs ../shared (skips otherwise).  Run from the repository root;
# CORDON is the binary (default build/cordon).
CORDON=${CORDON:-build/cordon}
T=../shared/testdata/drugs/expected_fingerprints.tsv.gz
if [ ! -f "$T" ]; then
    echo "skip: $T not present"
    exit 0
fi
TMP=${TMPDIR:-/tmp}/fp_diff.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
gzip -dc "$T" | awk -F'\t' '!/^#/ { print $2 " " $1 }' >"$TMP/in.smi"
gzip -dc "$T" | awk -F'\t' '!/^#/ { print $1 "\t" $4 }' | sort >"$TMP/want"
"$CORDON" similar --bits "$TMP/in.smi" 2>"$TMP/err" | sort >"$TMP/got"
total=$(wc -l <"$TMP/want")
same=$(comm -12 "$TMP/want" "$TMP/got" | wc -l)
echo "Morgan r2/2048 bits equal to RDKit's for $same of $total drugs"
comm -23 "$TMP/want" "$TMP/got" | head -3 | cut -c1-120 | sed 's/^/  rdkit  /'
awk -v s="$same" -v t="$total" 'BEGIN { exit !(s >= 0.995 * t) }' ||
    echo "DIFF-FAIL fp: Morgan bits equal for $same of $total (< 99.5%)"
exit 0

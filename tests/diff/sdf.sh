#!/bin/sh
# tests/diff/sdf.sh -- `cordon convert --to can` on real V2000 and V3000 SDF
# files against RDKit reading the same records (../shared/tools/rdkit-compare
# sdf): DIFF-FAIL when fewer than 99.9% of all records give the molecule
# RDKit reads.  Files: PubChem 1,000 (V2000, explicit H), the same 1,000
# re-encoded as V3000 by RDKit, the Huuskonen solubility test set (V2000),
# CDK2 ligands (3D).
# Needs ../shared (skips otherwise) and /usr/bin/python3 with RDKit.
CORDON=${CORDON:-build/cordon}
SHARED=../shared
T=$SHARED/testdata
if [ ! -d "$T" ] || [ ! -x "$SHARED/tools/rdkit-compare" ]; then
    echo "skip: $T not present"
    exit 0
fi
if ! /usr/bin/python3 -c 'import rdkit' 2>/dev/null; then
    echo "skip: RDKit for /usr/bin/python3 not installed"
    exit 0
fi
agree=0
total=0
for f in pubchem/mols.1000.sdf.gz sdf/pubchem_mols.1000.rdkit_v3000.sdf.gz \
    sdf/solubility.test.sdf sdf/cdk2.sdf; do
    out=$(nice "$SHARED/tools/rdkit-compare" sdf "$T/$f" --bin "$CORDON" \
        --show 5)
    echo "$f: $out"
    line=$(echo "$out" | grep '^SDF records read')
    a=$(echo "$line" | sed -n 's/.*: \([0-9]*\) of \([0-9]*\) .*/\1/p')
    n=$(echo "$line" | sed -n 's/.*: \([0-9]*\) of \([0-9]*\) .*/\2/p')
    agree=$((agree + ${a:-0}))
    total=$((total + ${n:-0}))
done
echo "sdf: $agree of $total records as RDKit reads them"
if [ "$total" = 0 ] || ! awk -v a="$agree" -v n="$total" \
    'BEGIN { exit !(a >= 0.999 * n) }'; then
    echo "DIFF-FAIL sdf: $agree of $total records agree with RDKit (< 99.9%)"
fi

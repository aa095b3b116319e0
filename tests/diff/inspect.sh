#!/bin/sh
# tests/diff/inspect.sh -- `cordon inspect` against RDKit on real molecules.
#  1. 3000 ChEMBL molecules through ../shared/tools/rdkit-compare inspect
#     (symbol, charge, isotope, total H, aromatic, in-ring per atom; bond
#     orders): DIFF-FAIL below 99.9% agreement.
#  2. H counts on the NextMove smilesreading sets (aromatic SMILES of 13
#     writers and the Kekulé master set, sampled): DIFF-FAIL when cordon
#     agrees with the consensus less often than RDKit does.
# Needs ../shared (skips otherwise) and /usr/bin/python3 with RDKit.
# Run from the repository root; CORDON is the binary (default build/cordon).
CORDON=${CORDON:-build/cordon}
SHARED=../shared
if [ ! -d "$SHARED/testdata" ] || [ ! -x "$SHARED/tools/rdkit-compare" ]; then
    echo "skip: $SHARED/testdata not present"
    exit 0
fi
if ! /usr/bin/python3 -c 'import rdkit' 2>/dev/null; then
    echo "skip: RDKit for /usr/bin/python3 not installed"
    exit 0
fi
out=$(nice "$SHARED/tools/rdkit-compare" inspect \
    "$SHARED/testdata/chembl/chembl_sample_part1.smi.gz" \
    --bin "$CORDON" --limit 3000 --show 10)
echo "$out"
line=$(echo "$out" | grep '^inspect agrees')
pct=$(echo "$line" | sed -n 's/.*(\([0-9.]*\)%).*/\1/p')
if [ -z "$pct" ] || ! awk -v p="$pct" 'BEGIN { exit !(p >= 99.9) }'; then
    echo "DIFF-FAIL inspect: agreement with RDKit ${pct:-unknown}% < 99.9%"
fi
nice /usr/bin/python3 tests/diff/smilesreading_h.py "$CORDON" 600

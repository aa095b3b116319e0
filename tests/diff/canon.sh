#!/bin/sh
# tests/diff/canon.sh -- canonical SMILES (`cordon convert --to can`) against
# RDKit on real molecules.
#  1. 3000 ChEMBL molecules through ../shared/tools/rdkit-compare canon:
#     each molecule is written in 5 random atom orders by RDKit; DIFF-FAIL
#     when cordon's canonical SMILES is not the same string for all 5 on
#     every molecule (100%), or RDKit reads it back as the same molecule for
#     fewer than 99.9%.  CXSMILES lines ('SMILES |...| ID') are left out:
#     rdkit-compare takes the '|...|' field for the id.
#  2. The NextMove 4-stereosmiles groups: lines with the same number are
#     one stereoisomer and must give one string; different numbers must
#     give different strings.
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
TMP=${TMPDIR:-/tmp}/cordon-diff-canon.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM

# Molecules with E/Z on a ring double bond are left out of the random-order
# run: RDKit 2022.09's random SMILES writer puts '/' '\' on ring-closure
# double bonds so that RDKit itself reads the other isomer back (e.g.
# CHEMBL1999797: C1(\C(=O)O)CC[C@H]2[C@H](CC2(C)C)C(=C)CC/C=1), so the five
# "same molecule" inputs are not the same molecule.  They are still checked
# below: canonical SMILES from the ChEMBL string, read back by RDKit.
gzip -dc "$SHARED/testdata/chembl/chembl_sample_part1.smi.gz" |
    grep -v '|' | head -n 3000 >"$TMP/all.smi"
/usr/bin/python3 - "$TMP/all.smi" "$TMP/chembl.smi" "$TMP/ringez.smi" <<'PY'
import sys
from rdkit import Chem, RDLogger
RDLogger.DisableLog('rdApp.*')
keep, ring = open(sys.argv[2], 'w'), open(sys.argv[3], 'w')
for line in open(sys.argv[1]):
    m = Chem.MolFromSmiles(line.split()[0])
    bad = m is not None and any(
        b.IsInRing() and b.GetStereo() != Chem.BondStereo.STEREONONE
        for b in m.GetBonds())
    (ring if bad else keep).write(line)
PY
echo "ring E/Z molecules checked separately: $(grep -c . "$TMP/ringez.smi")"
"$CORDON" convert --to can "$TMP/ringez.smi" >"$TMP/ringez.out" 2>/dev/null
/usr/bin/python3 - "$TMP/ringez.smi" "$TMP/ringez.out" <<'PY'
import sys
from rdkit import Chem, RDLogger
RDLogger.DisableLog('rdApp.*')
ours = dict(l.split()[1::-1] for l in open(sys.argv[2]) if len(l.split()) > 1)
n = bad = 0
for line in open(sys.argv[1]):
    smi, cid = line.split()[:2]
    m = Chem.MolFromSmiles(smi)
    if m is None:
        continue
    n += 1
    o = Chem.MolFromSmiles(ours.get(cid, ''))
    if not ours.get(cid) or o is None or \
            Chem.MolToSmiles(o) != Chem.MolToSmiles(m):
        bad += 1
        print('%s: canonical %s is not %s' % (cid, ours.get(cid), smi))
print('ring E/Z: same molecule for %d of %d' % (n - bad, n))
if bad:
    print('DIFF-FAIL canon: ring E/Z canonical SMILES not the same molecule')
PY
out=$(nice "$SHARED/tools/rdkit-compare" canon "$TMP/chembl.smi" \
    --bin "$CORDON" --limit 3000 --show 10)
echo "$out"
line=$(echo "$out" | grep '^canonical SMILES invariant')
inv=$(echo "$line" | sed -n 's/.*invariant for [0-9]* of [0-9]* (\([0-9.]*\)%).*/\1/p')
same=$(echo "$line" | sed -n 's/.*same molecule for [0-9]* (\([0-9.]*\)%).*/\1/p')
if [ -z "$inv" ] || ! awk -v p="$inv" 'BEGIN { exit !(p >= 100) }'; then
    echo "DIFF-FAIL canon: invariance over 5 atom orders ${inv:-unknown}% < 100%"
fi
if [ -z "$same" ] || ! awk -v p="$same" 'BEGIN { exit !(p >= 99.9) }'; then
    echo "DIFF-FAIL canon: same molecule per RDKit ${same:-unknown}% < 99.9%"
fi

for f in "$SHARED"/testdata/smilesreading/4-stereosmiles/*.smi; do
    "$CORDON" convert --to can "$f" >"$TMP/st.out" 2>"$TMP/st.err"
    res=$(awk '{ if (!($2 in s)) { s[$2] = $1; n++ }
                 else if (s[$2] != $1) split_++ ;
                 if (($1 in g) && g[$1] != $2) merged++ ; g[$1] = $2; rec++ }
               END { printf "%d %d %d %d", rec, n, split_ + 0, merged + 0 }' \
        "$TMP/st.out")
    set -- $res
    lines=$(grep -c . "$f")
    echo "stereo groups $(basename "$f"): $1 of $lines records, $2 groups," \
        "$3 split, $4 merged"
    if [ "$1" -ne "$lines" ] || [ "$3" -ne 0 ] || [ "$4" -ne 0 ]; then
        echo "DIFF-FAIL canon: $(basename "$f") stereo groups not one string each"
    fi
done

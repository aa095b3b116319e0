#!/bin/sh
# tests/diff/inchikey.sh -- InChI/InChIKey against the IUPAC library.
#  1. `cordon convert --to inchikey` on 2,000 ChEMBL molecules against the
#     IUPAC library's key for the same molecule (through Open Babel,
#     ../shared/tools/rdkit-compare inchikey): DIFF-FAIL below 99.5%.
#  2. `cordon convert --to inchi` on the InChI project's test sets
#     (../shared/testdata/inchi/*.sdf.gz) against their expected standard
#     InChI (made with InChI 1.06; Debian has 1.03): DIFF-FAIL below 99.5%
#     for each set.
# Needs ../shared (skips otherwise), /usr/bin/python3 with RDKit, obabel.
CORDON=${CORDON:-build/cordon}
SHARED=../shared
T=$SHARED/testdata
if [ ! -d "$T" ] || [ ! -x "$SHARED/tools/rdkit-compare" ]; then
    echo "skip: $T not present"
    exit 0
fi
if ! /usr/bin/python3 -c 'import rdkit' 2>/dev/null || ! command -v obabel >/dev/null; then
    echo "skip: RDKit for /usr/bin/python3 or obabel not installed"
    exit 0
fi
out=$(nice "$SHARED/tools/rdkit-compare" inchikey \
    "$T/chembl/chembl_sample_part1.smi.gz" --bin "$CORDON" --limit 2000 \
    --show 5)
echo "$out"
pct=$(echo "$out" | grep '^InChIKey equal' | sed -n 's/.*(\([0-9.]*\)%).*/\1/p')
if [ -z "$pct" ] || ! awk -v p="$pct" 'BEGIN { exit !(p >= 99.5) }'; then
    echo "DIFF-FAIL inchikey: ChEMBL agreement ${pct:-unknown}% < 99.5%"
fi
TMP=${TMPDIR:-/tmp}/inchikey_diff.$$
trap 'rm -f "$TMP".sdf' EXIT
for set in iupac_mcule iupac_inchi_legacy rdkit_pubchem_hard_set; do
    # retitle each record with its 0-based index so results match by id
    gzip -dc "$T/inchi/$set.sdf.gz" | awk 'BEGIN { n = 0; first = 1 }
        first { print "rec" n; first = 0; next }
        /^\$\$\$\$/ { print; n++; first = 1; next } { print }' >"$TMP.sdf"
    nice "$CORDON" convert --from sdf --to inchi "$TMP.sdf" 2>/dev/null |
        nice /usr/bin/python3 -c '
import sys
exp, name = sys.argv[1], sys.argv[2]
got = {}
for line in sys.stdin:
    p = line.rstrip("\n").split(None, 1)
    if len(p) == 2 and p[0].startswith("InChI="):
        got[p[1]] = p[0]
rows = [l.rstrip("\n").split("\t") for l in open(exp) if not l.startswith("#")]
same = total = 0
bad = []
for r in rows:
    if len(r) < 3 or not r[2]:
        continue
    total += 1
    g = got.get("rec" + r[0])
    if g == r[2]:
        same += 1
    elif len(bad) < 3:
        bad.append("  record %s: expected %s, cordon %s" % (r[0], r[2][:90], (g or "-")[:90]))
pct = 100.0 * same / max(total, 1)
print("%s: %d of %d expected InChI equal (%.2f%%)" % (name, same, total, pct))
if bad:
    print("\n".join(bad))
if pct < 99.5:
    print("DIFF-FAIL inchi %s: %.2f%% < 99.5%%" % (name, pct))
' "$T/inchi/$set.expected.tsv" "$set"
done

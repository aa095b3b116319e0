#!/bin/sh
# kb_opsin.sh -- every systematic name (iupac:) in the knowledge base names
# the structure its entry gives (smiles:).  OPSIN turns each name into a
# structure (all names in one JVM run); RDKit compares the two as
# stereo-free canonical SMILES (the KB drops stereo marks where the law
# covers all isomers, docs/kb-format.md §3).  Entries without both keys are
# skipped.  A name OPSIN cannot parse is reported but does not fail the test
# (OPSIN does not read every legal spelling, e.g. "propionanilide"); a name
# that parses to another structure fails it.
#
# Environment: CORDON (binary, default build/cordon), KB_DIR (a knowledge
# base directory; default: the one built into the binary plus the fixture
# tests/data/kb/good).  Run from the repository root.
# Skips (exit 0, saying so) when java, OPSIN or RDKit is missing.
CORDON=${CORDON:-build/cordon}
OPSIN_JAR=${OPSIN_JAR:-/usr/share/java/opsin-cli.jar}
PY=/usr/bin/python3
if ! command -v java >/dev/null 2>&1 || [ ! -f "$OPSIN_JAR" ]; then
    echo "skip: java or $OPSIN_JAR missing"
    exit 0
fi
if ! "$PY" -c 'import rdkit' 2>/dev/null; then
    echo "skip: RDKit (python3-rdkit) missing"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "$KB_DIR" ]; then
    "$CORDON" kb export --kb "$KB_DIR" >"$tmp/kb.jsonl" || exit 1
else
    # the built-in knowledge base, plus the test fixture so that the check
    # always has names to compare
    "$CORDON" kb export >"$tmp/kb.jsonl" || exit 1
    "$CORDON" kb export --kb tests/data/kb/good >>"$tmp/kb.jsonl" || exit 1
fi

# 1. pairs: id <TAB> name <TAB> smiles, and the names alone
"$PY" - "$tmp" <<'EOF' || exit 1
import json, sys
tmp = sys.argv[1]
n = 0
with open(tmp + "/kb.jsonl", encoding="utf-8") as f, \
        open(tmp + "/pairs.tsv", "w", encoding="utf-8") as p, \
        open(tmp + "/names.txt", "w", encoding="utf-8") as names:
    for line in f:
        e = json.loads(line)
        if not e.get("smiles"):
            continue
        for name in e.get("iupac", []):
            p.write("%s\t%s\t%s\n" % (e["id"], name, e["smiles"]))
            names.write(name + "\n")
            n += 1
print("kb_opsin: %d systematic names with a structure" % n)
EOF

# 2. one JVM run for every name; OPSIN writes one line per input line
#    (empty when it cannot parse the name)
if [ -s "$tmp/names.txt" ]; then
    java -jar "$OPSIN_JAR" -o smi "$tmp/names.txt" "$tmp/opsin.smi" \
        2>"$tmp/opsin.err" || { cat "$tmp/opsin.err"; exit 1; }
else
    : >"$tmp/opsin.smi"
fi

# 3. compare
"$PY" - "$tmp" <<'EOF'
import sys
from rdkit import Chem, RDLogger
RDLogger.DisableLog("rdApp.*")
tmp = sys.argv[1]
pairs = [l.rstrip("\n").split("\t") for l in open(tmp + "/pairs.tsv", encoding="utf-8") if l.strip()]
out = [l.rstrip("\n") for l in open(tmp + "/opsin.smi", encoding="utf-8")]
if len(out) < len(pairs):
    out += [""] * (len(pairs) - len(out))

def canon(smi):
    m = Chem.MolFromSmiles(smi)
    return Chem.MolToSmiles(m, isomericSmiles=False) if m else None

ok = bad = unparsed = 0
for (eid, name, smi), got in zip(pairs, out):
    if not got.strip():
        unparsed += 1
        print("kb_opsin: unparsed by OPSIN: %s: %s" % (eid, name))
        continue
    a, b = canon(smi), canon(got)
    if a is None:
        bad += 1
        print("kb_opsin: FAIL %s: RDKit cannot read the KB smiles %s" % (eid, smi))
    elif a != b:
        bad += 1
        print("kb_opsin: FAIL %s: '%s' is %s (OPSIN), the entry says %s" % (eid, name, b, a))
    else:
        ok += 1
print("kb_opsin: %d match, %d differ, %d not parsed by OPSIN" % (ok, bad, unparsed))
if ok == 0:
    print("kb_opsin: FAIL no name was compared")
sys.exit(1 if bad or ok == 0 else 0)
EOF

#!/bin/sh
# tests/diff/rules_identity.sh -- "is this molecule an individually listed
# substance?" (rules engine, step 2 of docs/rules.md §1) against RDKit.
#
# RDKit side: for every knowledge-base entry with a structure and for every
# DrugBank approved drug (../shared/testdata/drugs/drugbank_approved.tsv),
# the parent = rdMolStandardize largest fragment (after dropping the
# counter-ions and solvents of cordon's list), uncharged; the key = its
# canonical SMILES without stereo and isotopes (isomericSmiles=False).  A
# drug is "listed in J" when its key equals the key of a substance or
# precursor entry of J in force on 2026-01-01 and, when both give
# tetrahedral stereo and the entry's covers has no isomer word, the
# stereo-specific canonical SMILES are equal too (docs/rules.md §3).
# An ester or ether of a listed structure whose coverage names esters or
# ethers is listed too: the RDKit side cuts one acyclic O-C bond and looks
# the OH side up (single derivatisation only).  Inorganic drugs are left
# out (NaCl is not "hydrochloric acid"); each organic component of a
# mixture counts.
# cordon side: `cordon screen --jurisdiction all --format jsonl`, a drug is
# listed in J when J's result has basis "listed", or basis "precursor" from a
# listed precursor (not a class clause).
# DIFF-FAIL when the two agree on fewer than 99% of the (drug, jurisdiction)
# pairs that either side calls listed; the first differences are printed.
# Needs ../shared (skips otherwise) and /usr/bin/python3 with RDKit.
CORDON=${CORDON:-build/cordon}
SHARED=../shared
if [ ! -f "$SHARED/testdata/drugs/drugbank_approved.tsv" ]; then
    echo "skip: $SHARED/testdata not present"
    exit 0
fi
if ! /usr/bin/python3 -c 'import rdkit' 2>/dev/null; then
    echo "skip: RDKit for /usr/bin/python3 not installed"
    exit 0
fi
TMP=${TMPDIR:-/tmp}/cordon-diff-rules.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM

awk -F'\t' 'NR > 1 && $3 != "" { printf "%s\tD%d\n", $3, NR }' \
    "$SHARED/testdata/drugs/drugbank_approved.tsv" >"$TMP/drugs.smi"
"$CORDON" screen --jurisdiction all --date 2026-01-01 --format jsonl \
    --threads 2 --no-progress "$TMP/drugs.smi" >"$TMP/cordon.jsonl" 2>/dev/null
/usr/bin/python3 - "$TMP/drugs.smi" "$TMP/cordon.jsonl" data/kb <<'PY'
import json, os, sys
from rdkit import Chem, RDLogger
from rdkit.Chem.MolStandardize import rdMolStandardize
RDLogger.DisableLog('rdApp.*')
drugs, out, kbdir = sys.argv[1:4]
uncharger = rdMolStandardize.Uncharger()
ions = set("Cl ClH Br BrH I HI F FH H2O4S O4S H3O4P O4P HNO3 NO3 ClHO4 ClO4 BF4 "
           "F6P CH2O3 H2O3S HO3S H2O Li Na K Rb Cs Mg Ca Sr Ba Zn Al CH2O2 C2H4O2 "
           "C2HF3O2 C2H2O4 C3H6O3 C4H4O4 C4H6O4 C4H6O5 C4H6O6 C6H8O7 C6H12O7 "
           "C7H6O2 C7H6O3 C23H16O6 CH4O3S C2H6O3S C2H6O6S2 C6H6O3S C7H8O3S "
           "C10H8O3S C10H16O4S CH4O C2H6O C3H8O C3H6O C2H6OS C4H10O C4H8O2 "
           "C4H8O CH2Cl2 CHCl3 C2H3N C3H7NO".split())

def key(smi):
    m = Chem.MolFromSmiles(smi)
    if m is None:
        return None
    frags = Chem.GetMolFrags(m, asMols=True)
    def score(f):
        u = uncharger.uncharge(Chem.Mol(f))
        formula = Chem.rdMolDescriptors.CalcMolFormula(u).replace('+', '').replace('-', '')
        carbon = any(a.GetAtomicNum() == 6 for a in f.GetAtoms())
        return (formula not in ions, carbon, f.GetNumHeavyAtoms())
    best = max(frags, key=score)
    best = uncharger.uncharge(best)
    return Chem.MolToSmiles(best, isomericSmiles=False)

def stereo_key(smi):
    """Canonical SMILES of the parent with tetrahedral stereo, isotopes
    removed; None when the parent has no tetrahedral centre."""
    m = Chem.MolFromSmiles(smi)
    if m is None:
        return None
    frags = Chem.GetMolFrags(m, asMols=True)
    best = uncharger.uncharge(max(frags, key=lambda f: f.GetNumHeavyAtoms()))
    for a in best.GetAtoms():
        a.SetIsotope(0)
    for b in best.GetBonds():
        b.SetStereo(Chem.BondStereo.STEREONONE)
    if not any(a.GetChiralTag() != Chem.ChiralType.CHI_UNSPECIFIED
               for a in best.GetAtoms()):
        return None
    return Chem.MolToSmiles(best)

DATE = 20260101
ISOMER_WORDS = {'isomers', 'optical-isomers', 'stereoisomers', 'geometric-isomers'}

def day(v, end):
    """KB date (YYYY, YYYY-MM, YYYY-MM-DD) -> YYYYMMDD; partial ends last."""
    parts = v.split('-')
    y = int(parts[0])
    m = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    d = int(parts[2]) if len(parts) > 2 else (31 if end else 1)
    return y * 10000 + m * 100 + d

def in_force(periods):
    for p in periods:
        span = p.split('|')[0].strip()
        lo, hi = span.split('..')
        lo = 0 if lo.strip() in ('', '?') else day(lo.strip(), False)
        hi = 99999999 if hi.strip() == '' else day(hi.strip(), True)
        if lo <= DATE <= hi:
            return True
    return False

entries = []   # (type, jurisdiction, smiles, periods, covers, instrument)
instr_covers = {}
for root, _, files in os.walk(kbdir):
    for fn in files:
        if not fn.endswith('.kb'):
            continue
        cur = None
        for line in open(os.path.join(root, fn), encoding='utf-8'):
            line = line.rstrip('\n')
            if line.startswith('['):
                head = line[1:].rstrip(']').split()
                cur = {'type': head[0], 'id': head[1] if len(head) > 1 else '',
                       'periods': []}
                entries.append(cur)
            elif cur is not None and ':' in line and not line.startswith('#'):
                k, v = line.split(':', 1)
                v = v.strip()
                if k == 'period':
                    cur['periods'].append(v)
                elif k not in cur:
                    cur[k] = v
for e in entries:
    if e['type'] == 'instrument':
        instr_covers[e['id']] = e.get('covers', '')

listed = {}  # key -> list of (jurisdiction, isomeric smiles or None, isomers)
for e in entries:
    if e['type'] not in ('substance', 'precursor') or 'smiles' not in e:
        continue
    if not in_force(e['periods']):
        continue
    k = key(e['smiles'])
    if not k:
        continue
    jur = 'GB' if e.get('jurisdiction') == 'UK' else e.get('jurisdiction')
    covers = e.get('covers', instr_covers.get(e.get('instrument'), ''))
    words = {w.strip() for w in covers.split(',') if w.strip()}
    isomers = not words or bool(words & ISOMER_WORDS)
    listed.setdefault(k, []).append((jur, stereo_key(e['smiles']), isomers))

ESTER_ETHER = {}  # key -> set of jurisdictions whose entry covers esters/ethers
for e in entries:
    if e['type'] not in ('substance', 'precursor') or 'smiles' not in e or \
            not in_force(e['periods']):
        continue
    covers = e.get('covers', instr_covers.get(e.get('instrument'), ''))
    if 'esters' in covers or 'ethers' in covers:
        k = key(e['smiles'])
        if k:
            ESTER_ETHER.setdefault(k, set()).add(
                'GB' if e.get('jurisdiction') == 'UK' else e.get('jurisdiction'))

def derivatives(smi):
    """Jurisdictions where smi is an ester or ether of a listed substance:
    cut one acyclic O-C bond of an O bonded to two carbons, keep the side
    with the O as OH; that side must be a listed structure covering esters
    or ethers and at least half of the molecule (docs/rules.md section 3)."""
    m = Chem.MolFromSmiles(smi)
    out = set()
    if m is None:
        return out
    frags = Chem.GetMolFrags(m, asMols=True)
    m = max(frags, key=lambda f: f.GetNumHeavyAtoms())
    n = m.GetNumHeavyAtoms()
    for b in m.GetBonds():
        a1, a2 = b.GetBeginAtom(), b.GetEndAtom()
        if b.IsInRing() or b.GetBondType() != Chem.BondType.SINGLE:
            continue
        for o, c in ((a1, a2), (a2, a1)):
            if o.GetSymbol() != 'O' or c.GetSymbol() != 'C' or o.GetDegree() != 2:
                continue
            em = Chem.RWMol(m)
            em.RemoveBond(o.GetIdx(), c.GetIdx())
            em.GetAtomWithIdx(o.GetIdx()).SetNumExplicitHs(1)
            try:
                Chem.SanitizeMol(em)
            except Exception:
                continue
            for f in Chem.GetMolFrags(em, asMols=True):
                if not any(a.GetSymbol() == 'O' and a.GetTotalNumHs() == 1 and
                           a.GetDegree() == 1 for a in f.GetAtoms()):
                    continue
                if 2 * f.GetNumHeavyAtoms() < n:
                    continue
                k = Chem.MolToSmiles(f, isomericSmiles=False)
                out |= ESTER_ETHER.get(k, set())
    return out

def expected(smi):
    """Union over the organic components (a mixture contains each)."""
    out = set()
    for part in smi.split('.'):
        m = Chem.MolFromSmiles(part)
        if m is None or not any(a.GetAtomicNum() == 6 for a in m.GetAtoms()):
            continue
        u = uncharger.uncharge(m)
        f = Chem.rdMolDescriptors.CalcMolFormula(u).replace('+', '').replace('-', '')
        if f in ions:
            continue
        out |= expected_one(part)
    return out

def expected_one(smi):
    k = key(smi)
    if not k:
        return set()
    mine = stereo_key(smi)
    out = set()
    for jur, theirs, isomers in listed.get(k, []):
        if isomers or theirs is None or mine is None or theirs == mine:
            out.add(jur)
    if not out:
        out = derivatives(smi)
    return out

expect = {}
for line in open(drugs):
    smi, ident = line.rstrip('\n').split('\t')
    m = Chem.MolFromSmiles(smi)
    if m is None or not any(a.GetAtomicNum() == 6 for a in m.GetAtoms()):
        continue  # inorganic: "NaCl is hydrochloric acid" is not the law
    expect[ident] = (smi, expected(smi))

agree = total = 0
shown = 0
for line in open(out):
    rec = json.loads(line)
    ident = rec.get('id')
    if ident not in expect or 'results' not in rec:
        continue
    smi, exp = expect[ident]
    got = set()
    for r in rec['results']:
        if r['basis'] == 'listed' or (r['basis'] == 'precursor' and 'clause' not in (r.get('name') or '')):
            got.add(r['jurisdiction'])
    for j in exp | got:
        total += 1
        if (j in exp) == (j in got):
            agree += 1
        elif shown < 25:
            shown += 1
            print('differs: %s %s rdkit=%s cordon=%s' % (smi, j, j in exp, j in got))
pct = 100.0 * agree / total if total else 100.0
print('rules identity vs RDKit: %d/%d listed (drug, jurisdiction) pairs agree (%.2f%%)' % (agree, total, pct))
if pct < 99.0:
    print('DIFF-FAIL rules identity agreement %.2f%% < 99%%' % pct)
PY

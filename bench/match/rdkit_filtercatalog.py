#!/usr/bin/python3
"""RDKit peer for bench/match: FilterCatalog(PAINS).GetMatches on every
molecule (pre-parsed, as bench_match times matching alone), then the same
with parsing; and writes RDKit's PAINS patterns as merged-H SMARTS (what
FilterCatalog compiles: SmartsToMol(smarts, mergeHs=true)) for cordon.

usage: rdkit_filtercatalog.py PAINS.csv OUT.smarts MOLECULES.smi
"""
import csv, sys, time
from rdkit import Chem, RDLogger
from rdkit.Chem.FilterCatalog import FilterCatalog, FilterCatalogParams
RDLogger.DisableLog('rdApp.*')
pains, out, molfile = sys.argv[1:4]
with open(out, 'w') as f:
    for row in csv.reader(open(pains)):
        sma, name = row[0], row[1]
        q = Chem.MolFromSmarts(sma, mergeHs=True)
        if q is not None:
            f.write('%s %s\n' % (Chem.MolToSmarts(q), name.strip('"<>')))
p = FilterCatalogParams()
p.AddCatalog(FilterCatalogParams.FilterCatalogs.PAINS)
fc = FilterCatalog(p)
smis = [l.split()[0] for l in open(molfile) if l.strip()]
t0 = time.process_time()
mols = [m for m in (Chem.MolFromSmiles(s) for s in smis) if m is not None]
t1 = time.process_time()
hits = 0
for m in mols:
    hits += len(fc.GetMatches(m))
t2 = time.process_time()
print('rdkit FilterCatalog(PAINS, %d entries): %d molecules, %d hits, '
      'matching %.3f s CPU = %.0f mol/s/core; parse+match %.3f s CPU = %.0f mol/s/core'
      % (fc.GetNumEntries(), len(mols), hits, t2 - t1, len(mols) / (t2 - t1),
         t2 - t0, len(mols) / (t2 - t0)))

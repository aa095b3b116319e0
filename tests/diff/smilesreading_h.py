#!/usr/bin/python3
"""H counts on the NextMove smilesreading benchmark: cordon vs RDKit.

usage: smilesreading_h.py CORDON_BINARY [SAMPLE_PER_FILE]

For every writer's aromatic SMILES (2-aromaticsmiles/chembl/*.smi.gz) a
deterministic sample of records is read by `cordon inspect` and by RDKit;
each reader scores a record when its per-atom total H counts equal the
consensus of the 13 upstream readers (consensus/*.txt.gz; ERROR = the
majority rejected it).  The Kekule master set (1-benchmarks/chembl.smi.gz)
is scored against the AGREE rows of expected_kekule_hcounts.txt.gz.
Prints one line per file and DIFF-FAIL when cordon scores below RDKit
(README of ../shared/testdata, smilesreading section, steps 1-3).
"""
import gzip, json, os, subprocess, sys

from rdkit import Chem, RDLogger
RDLogger.DisableLog('rdApp.*')

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    '..', '..', '..', 'shared', 'testdata', 'smilesreading')
binary = sys.argv[1]
per_file = int(sys.argv[2]) if len(sys.argv) > 2 else 1500


def sample(lines, n):
    step = max(1, len(lines) // n)
    return lines[::step][:n]


def cordon_h(recs):
    text = ''.join('%s %s\n' % (s, t) for s, t in recs)
    out = subprocess.run([binary, 'inspect'], input=text, capture_output=True,
                         text=True).stdout
    res = {}
    for line in out.splitlines():
        o = json.loads(line)
        if 'atoms' in o:
            res[o['id']] = ' '.join(str(a['h']) for a in o['atoms'])
        else:
            res[o['id']] = 'ERROR'
    return res


def rdkit_h(smi):
    m = Chem.MolFromSmiles(smi)
    if m is None:
        return 'ERROR'
    return ' '.join(str(a.GetTotalNumHs()) for a in m.GetAtoms())


def score(recs, truth):
    ours = cordon_h(recs)
    c = r = n = 0
    bad = []
    for smi, t in recs:
        if t not in truth:
            continue
        n += 1
        if ours.get(t) == truth[t]:
            c += 1
        elif len(bad) < 3:
            bad.append('%s %s: cordon %s, expected %s' % (t, smi, ours.get(t), truth[t]))
        if rdkit_h(smi) == truth[t]:
            r += 1
    return c, r, n, bad


fail = 0
tot_c = tot_r = tot_n = 0
wdir = os.path.join(ROOT, '2-aromaticsmiles', 'chembl')
for fn in sorted(os.listdir(wdir)):
    writer = fn[:-len('.smi.gz')]
    truth = {}
    with gzip.open(os.path.join(ROOT, 'consensus', writer + '.txt.gz'), 'rt') as f:
        for line in f:
            if line.startswith('#'):
                continue
            p = line.rstrip('\n').split('\t')
            truth[p[0]] = p[2] if len(p) > 2 else ''
    lines = []
    with gzip.open(os.path.join(wdir, fn), 'rt') as f:
        for line in f:
            p = line.split()
            if len(p) == 2:
                lines.append((p[0], p[1]))
    c, r, n, bad = score(sample(lines, per_file), truth)
    tot_c, tot_r, tot_n = tot_c + c, tot_r + r, tot_n + n
    print('%-28s cordon %5d  rdkit %5d  of %5d' % (writer, c, r, n))
    for b in bad:
        print('    ' + b)
    if c < r:
        fail = 1

truth = {}
with gzip.open(os.path.join(ROOT, 'expected_kekule_hcounts.txt.gz'), 'rt') as f:
    for line in f:
        if line.startswith('#'):
            continue
        p = line.rstrip('\n').split('\t')
        if p[1] == 'AGREE':
            truth[p[0]] = p[2]
lines = []
with gzip.open(os.path.join(ROOT, '1-benchmarks', 'chembl.smi.gz'), 'rt') as f:
    for line in f:
        p = line.split()
        if len(p) == 2:
            lines.append((p[0], p[1]))
c, r, n, bad = score(sample(lines, per_file), truth)
print('%-28s cordon %5d  rdkit %5d  of %5d' % ('kekule (master set)', c, r, n))
for b in bad:
    print('    ' + b)
if c < r:
    fail = 1
print('smilesreading H counts: cordon %d, rdkit %d of %d (%.3f%% vs %.3f%%)' % (
    tot_c + c, tot_r + r, tot_n + n, 100.0 * (tot_c + c) / (tot_n + n),
    100.0 * (tot_r + r) / (tot_n + n)))
if fail:
    print('DIFF-FAIL smilesreading: cordon agrees with the consensus less often than RDKit')

#!/usr/bin/python3
"""Review aid: entries that share a CAS number or a name (N1 key) across the
whole knowledge base but carry different structures (stereo dropped).
Each line is a disagreement to resolve in build.py; none is expected.

    /usr/bin/python3 scripts/kb/crosscheck.py [KBDIR]
"""
import glob
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kblib  # noqa: E402


def main():
    kbdir = sys.argv[1] if len(sys.argv) > 1 else "data/kb"
    by = defaultdict(set)
    for f in sorted(glob.glob(os.path.join(kbdir, "**", "*.kb"),
                              recursive=True)):
        for e in open(f, encoding="utf-8").read().split("\n["):
            lines = e.split("\n")
            smi = [l[8:] for l in lines if l.startswith("smiles: ")]
            if not smi:
                continue
            eid = lines[0].split()[-1].rstrip("]")
            can = kblib.canon(smi[0])
            for l in lines:
                m = re.match(r"^(name|synonym|cas): (.*)$", l)
                if m:
                    key = m.group(2) if m.group(1) == "cas" else \
                        kblib.n1(m.group(2))
                    by[key].add((can, eid))
    bad = 0
    for k, v in sorted(by.items()):
        if len(set(s for s, _ in v)) > 1:
            bad += 1
            print("DISAGREE", k, *sorted(v))
    print("crosscheck: %d keys, %d disagreements" % (len(by), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

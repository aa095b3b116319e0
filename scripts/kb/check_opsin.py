#!/usr/bin/python3
"""Check every `iupac:` name in a knowledge-base directory against the
entry's `smiles:` with OPSIN (issue 6: "a test checks every systematic name
against its structure with OPSIN").

    /usr/bin/python3 scripts/kb/check_opsin.py [KBDIR]     (default data/kb)

Runs OPSIN fresh (one JVM, no cache) on all names; compares RDKit canonical
SMILES with stereo dropped (the laws cover stereoisomers; a name may state
one).  Prints `FILE:LINE: id: message` per problem and a summary; exit 0 when
every name matches, 1 otherwise, 77 (skip) when java, OPSIN or RDKit is
missing.
"""

import os
import shutil
import subprocess
import sys

JAR = "/usr/share/java/opsin-cli.jar"


def main():
    kbdir = sys.argv[1] if len(sys.argv) > 1 else "data/kb"
    try:
        from rdkit import Chem, RDLogger
        RDLogger.DisableLog("rdApp.*")
    except ImportError:
        print("skip: RDKit not available")
        return 77
    if not shutil.which("java") or not os.path.exists(JAR):
        print("skip: java or %s not available" % JAR)
        return 77
    items = []  # (file, line, id, name, smiles)
    for root, _, files in os.walk(kbdir):
        for fn in sorted(files):
            if not fn.endswith(".kb"):
                continue
            path = os.path.join(root, fn)
            eid, smi, names = None, None, []
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            lines.append("[end]")
            for i, ln in enumerate(lines, 1):
                if ln.startswith("["):
                    for lno, nm in names:
                        items.append((path, lno, eid, nm, smi))
                    eid = ln.strip("[]").split(" ", 1)[-1]
                    smi, names = None, []
                elif ln.startswith("smiles:"):
                    smi = ln.split(":", 1)[1].strip()
                elif ln.startswith("iupac:"):
                    names.append((i, ln.split(":", 1)[1].strip()))
    names = [it[3] for it in items]
    p = subprocess.run(["java", "-jar", JAR, "-osmi"],
                       input="\n".join(names) + "\n", capture_output=True,
                       text=True)
    out = p.stdout.split("\n")
    bad = 0

    def canon(s):
        m = Chem.MolFromSmiles(s) if s else None
        return Chem.MolToSmiles(m, isomericSmiles=False) if m else None

    for (path, lno, eid, nm, smi), o in zip(items, out):
        o = o.strip()
        if not o:
            print("%s:%d: %s: OPSIN cannot parse iupac '%s'"
                  % (path, lno, eid, nm))
            bad += 1
        elif smi is None:
            print("%s:%d: %s: iupac '%s' but no smiles to compare"
                  % (path, lno, eid, nm))
            bad += 1
        elif canon(o) != canon(smi):
            print("%s:%d: %s: OPSIN reads '%s' as %s, smiles is %s"
                  % (path, lno, eid, nm, canon(o), canon(smi)))
            bad += 1
    print("check_opsin: %d names, %d mismatches" % (len(items), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

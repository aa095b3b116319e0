#!/usr/bin/python3
"""Build data/kb/ from ../shared/reference/ (issue 6).

    python3 scripts/kb/build.py            # rewrite data/kb/{us,un,cn,gb,ca}
    python3 scripts/kb/build.py --check    # also print the OPSIN mismatches
    python3 scripts/kb/build.py --out DIR  # write elsewhere (scripts/kb/verify.sh)

Inputs: controlled-substances.md and schedules.md (tables read
mechanically), fentanyl_status.py (the prose cells transcribed by hand),
the DrugBank approved set (structures by id) and OPSIN (systematic names;
cached in opsin-cache.tsv).  Output: one .kb file per jurisdiction and
instrument, text only, deterministic.
"""

import os
import re
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kblib  # noqa: E402
from kblib import Entry, period  # noqa: E402
import chemid  # noqa: E402
import fentanyl_status as FS  # noqa: E402

EXTRACTED_BY = "kbdata (issue 6 session)"
EXTRACTED_ON = "2026-11-29"
CS = "controlled-substances.md"
SC = "schedules.md"

CSL = kblib.read_ref(CS)
SCL = kblib.read_ref(SC)


def ln(lines, row):
    return row["_line"] + 1


class KB:
    """All generated entries, grouped by output file; ids unique."""

    def __init__(self):
        self.files = {}
        self.ids = set()
        self.by_key = {}

    def new_id(self, prefix, name):
        base = "%s-%s" % (prefix, kblib.slug(name))
        base = base[:60].strip("-")
        eid = base
        k = 2
        while eid in self.ids:
            eid = "%s-%d" % (base, k)
            k += 1
        self.ids.add(eid)
        return eid

    def add(self, path, e):
        self.files.setdefault(path, []).append(e)


KBS = KB()
OPSIN = kblib.Opsin()
DB = kblib.load_drugbank()

# ------------------------------------------------------------ §3.1 fentanyls


def parse_fentanyls():
    sec = kblib.section(CSL, "3.1 Identification")
    rows = kblib.tables(sec)[0]
    recs = {}
    for r in rows:
        common = kblib.strip_md(r["Common name"])
        m = re.match(r"^(.*?)\s*\((.*)\)$", common)
        names = [common]
        if m:
            names = [m.group(1)] + [x.strip() for x in
                                    m.group(2).split(",")]
        sysnames = []
        for piece in r["Systematic name (source)"].split("; "):
            p = piece.strip()
            constructed = p.startswith("(constructed)")
            p = p.replace("(constructed)", "").strip()
            src = "constructed by the reference authors" if constructed \
                else ""
            m = re.match(r"^(.*\S)\s+\(([^()]*(?:\([^()]*\)[^()]*)*)\)$", p)
            if m and not m.group(1).endswith("-"):
                p, src2 = m.group(1), m.group(2)
                src = (src + "; " if src else "") + src2
            if p and p != "—":
                sysnames.append((p, "%s §3.1, %s" % (CS, src or "reference")))
        smi = None
        m = re.search(r"`([^`]+)`\s*\(([^)]*)\)", r["SMILES (src)"])
        if m:
            smi, ssrc = m.group(1), m.group(2)
            ssrc = {"H": "H: hanbinoh-lab/fentanyl-analog-rt-predictor",
                    "F": "F: quantnexusai/faves-v3-benchmark",
                    "X": "X: unattributed public code file",
                    }.get(ssrc.split(",")[0].strip()[:1], ssrc) + \
                (", " + ssrc.split(",", 1)[1].strip()
                 if "," in ssrc else "")
        cas = re.match(r"(\d+-\d\d-\d)\s*\[([^\]]*)\]", r["CAS"])
        rec = dict(key=names[0], names=names, sysnames=sysnames, smiles=smi,
                   smiles_src=ssrc if smi else None,
                   formula=r["Formula"],
                   line=ln(sec, r) + CSL.index(sec[0]),
                   cas=cas.group(1) if cas else None,
                   cas_tag=cas.group(2) if cas else None)
        recs[names[0]] = rec
    # Fentanyl itself: §1 gives the SMILES [S] (source F) and CAS [V]
    return recs


FENT = parse_fentanyls()
FENT_INDEX = {}
for rec in FENT.values():
    for n in rec["names"]:
        FENT_INDEX[chemid.n2(n)] = rec
# spellings used by other tables of the reference for the same substances
ALIASES = {
    "butyrfentanyl": ["butyryl fentanyl", "butyrylfentanyl"],
    "isobutyrylfentanyl": ["isobutyrfentanyl", "isobutyryl fentanyl"],
    "ocfentanil": ["ocfentanyl"],
    "carfentanil": ["carfentanyl"],
    "4-fluoroisobutyrylfentanyl": ["4-fluoroisobutyrfentanyl",
                                   "4-fluoroisobutyryl fentanyl",
                                   "para-fluoroisobutyryl fentanyl"],
    "para-fluorobutyrylfentanyl": ["4-fluorobutyrfentanyl",
                                   "para-fluorobutyryl fentanyl"],
    "tetrahydrofuranylfentanyl": ["THF-F", "tetrahydrofuranyl fentanyl"],
    "beta-hydroxythiofentanyl": ["β-hydroxythiofentanyl"],
    "beta-hydroxy-3-methylfentanyl": ["ohmefentanyl"],
    "ortho-fluorofentanyl": ["2-fluorofentanyl"],
    "acrylfentanyl": ["acryloylfentanyl", "acryl fentanyl"],
}
for k, al in ALIASES.items():
    for a in al:
        FENT_INDEX[chemid.n2(a)] = FENT[k]

RES = chemid.Resolver(OPSIN, DB, FENT_INDEX)


def fent_of(name):
    return FENT_INDEX.get(chemid.n2(name))


# ------------------------------------------------------------ helpers

def provenance(sources, ambiguities=(), notes=()):
    e = Entry("provenance", None)
    e.add("source", list(sources))
    e.add("extracted-by", EXTRACTED_BY)
    e.add("extracted-on", EXTRACTED_ON)
    e.add("ambiguities", list(ambiguities))
    e.add("note", list(notes))
    return e


def cas_cells(text):
    """CAS numbers in a reference cell, with checksum; returns (good, bad)."""
    good, bad = [], []
    t = text.strip()
    if not t or t in ("暂无", "无", "—", "-"):
        return good, bad
    for m in kblib.CAS_RE.finditer(t):
        c = m.group(0)
        (good if kblib.cas_valid(c) else bad).append(c)
    return good, bad


class Pending:
    """An entry plus what the resolver needs, resolved after OPSIN ran."""

    def __init__(self, path, e, names, sysnames, dbid=None, strip_ok=True,
                 fentanyl=True):
        self.path, self.e, self.names = path, e, names
        self.sysnames, self.dbid = sysnames, dbid
        self.strip_ok, self.fentanyl = strip_ok, fentanyl


PENDING = []


CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9,'-]{1,19}$")


def short_id(e):
    """Long systematic primary names give unreadable ids: use the first
    short code-like synonym (5F-AMB, JWH-018) instead.  Deterministic."""
    name = e.first("name")
    if len(name) <= 30:
        return
    for s in e.get("synonym"):
        if CODE_RE.match(s):
            prefix = e.id[:len(e.id) - len(kblib.slug(name)[:60])]
            KBS.ids.discard(e.id)
            e.id = KBS.new_id(prefix.rstrip("-"), s)
            return


def emit(path, e, names, sysnames, dbid=None, strip_ok=True, fentanyl=True):
    short_id(e)
    if e.typ == "precursor":
        strip_ok = False  # no per-entry isomer clause in the reference
    if e.typ == "precursor" and re.fullmatch(r"[A-Za-z]+", names[0]):
        chemid.RETAINED.add(names[0])
        if not any(s == names[0] for s, _ in sysnames):
            sysnames = list(sysnames) + [(names[0], "name as listed, a "
                                          "single-word chemical name")]
    ext = FS.EXTERNAL_SYSNAMES.get(names[0])
    if ext and not any(s == ext[0] for s, _ in sysnames):
        sysnames = list(sysnames) + [ext]
        e.add("note", "systematic name read outside the reference (%s)"
              % ext[1])
    RES.want([s for s, _ in sysnames])
    rec = fent_of(names[0]) if fentanyl else None
    if rec:
        RES.want([s for s, _ in rec["sysnames"]])
    PENDING.append(Pending(path, e, names, sysnames, dbid, strip_ok,
                           fentanyl))
    return e


def add_cas(e, cells, tag_note):
    good, bad = cas_cells(cells)
    for c in good:
        e.add("cas", c)
    if good and tag_note:
        e.add("note", tag_note)
    for c in bad:
        e.add("note", "CAS %s printed by the source fails the check digit: "
              "left out" % c)


def dbid_of(cell):
    m = re.search(r"DrugBank (DB\d+)", cell or "")
    return m.group(1) if m else None


def split_names(cell):
    """'etryptamine; Monase; 3-(2-aminobutyl)indole' -> pieces."""
    out = []
    for p in (cell or "").split(";"):
        p = p.strip()
        if p and not p.startswith("[D]"):
            out.append(p)
    return out


def set_confidence(e, periods_conf, listing_conf):
    e.add("confidence", kblib.weakest(list(periods_conf) + [listing_conf]))


exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "build_us.py"), encoding="utf-8").read())
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "build_intl.py"), encoding="utf-8").read())


def main():
    build_us()
    build_intl()
    OPSIN.run()
    for p in PENDING:
        RES.resolve(p.e, p.names, p.sysnames, p.dbid, p.strip_ok,
                    p.fentanyl)
        rec = fent_of(p.names[0]) if p.fentanyl else None
        if rec and rec.get("formula") and p.e.first("formula") and \
                rec["formula"] not in ("—", p.e.first("formula")) and \
                "[U]" not in rec["formula"]:
            p.e.add("note", "formula %s differs from the published %s"
                    % (p.e.first("formula"), rec["formula"]))
        KBS.add(p.path, p.e)
    borrow_structures()
    out = os.path.join(kblib.REPO, "data", "kb")
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
        kblib.KB_OUT[0] = out
    for rel, (header, prov) in sorted(FILE_META.items()):
        ents = [prov] + [e for e in INSTRUMENTS.get(rel, [])] + \
            KBS.files.get(rel, [])
        kblib.write_kb(os.path.join(out, rel), ents, header)
    if "--out" not in sys.argv:
        check_ids(out)
    if "--check" in sys.argv:
        for x in RES.log:
            print("MISMATCH", *x)
    if "--coverage" in sys.argv:  # rows for docs/kb-content.md
        for rel in sorted(KBS.files):
            ents = KBS.files[rel]
            print("%s\t%d\t%d" % (rel, len(ents),
                                   sum(1 for e in ents if e.first("smiles"))))
    print("entries: %d in %d files; OPSIN mismatches: %d"
          % (sum(len(v) for v in KBS.files.values()), len(FILE_META),
             len(RES.log)))


IDS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "ids-issued.txt")


GENERIC_WORDS = re.compile(r"(?i)cannabis|opium|coca|poppy|extract|leaf|"
                           r"preparation|products?\b|mixture|tincture|"
                           r"injection|tablet|patch|intermediate")


def borrow_structures():
    """An entry without a structure takes the structure of another entry
    that gives the same CAS number, or shares a specific name (not a plant,
    preparation or intermediate), when all such entries agree.  The
    structure-source names the entry it came from."""
    by_cas, by_name = {}, {}
    allents = [e for ents in KBS.files.values() for e in ents]
    for e in allents:
        smi = e.first("smiles")
        if not smi or "borrowed" in (e.first("structure-source") or ""):
            continue
        for c in e.get("cas"):
            by_cas.setdefault(c, []).append(e)
        for n in e.get("name") + e.get("synonym"):
            if not GENERIC_WORDS.search(n):
                by_name.setdefault(kblib.n1(n), []).append(e)
    for e in allents:
        if e.first("smiles"):
            continue
        cands, how = [], None
        for c in e.get("cas"):
            if c in by_cas:
                cands, how = by_cas[c], "the same CAS number %s" % c
                break
        if not cands:
            for n in e.get("name") + e.get("synonym"):
                if not GENERIC_WORDS.search(n) and kblib.n1(n) in by_name:
                    cands, how = by_name[kblib.n1(n)], "the name '%s'" % n
                    break
        if not cands:
            continue
        smis = set(kblib.canon(x.first("smiles")) for x in cands)
        if len(smis) != 1:
            e.add("note", "entries sharing %s disagree on the structure: "
                  "none borrowed" % how)
            continue
        src = sorted(cands, key=lambda x: x.id)[0]
        e.add("smiles", src.first("smiles"))
        e.add("formula", src.first("formula"))
        e.add("structure-source", "borrowed from %s (%s), which shares %s"
              % (src.id, src.first("structure-source"), how))
        for n in src.get("iupac"):
            e.add("iupac", n)


def check_ids(out):
    """Ids are never reused or withdrawn (docs/kb-format.md §2): every id
    ever written is kept in ids-issued.txt; an id that disappears from the
    output stops the build."""
    now = set()
    for rel in FILE_META:
        for e in [FILE_META[rel][1]] + INSTRUMENTS.get(rel, []) + \
                KBS.files.get(rel, []):
            if e.typ != "provenance":
                now.add(e.id)
    old, retired = set(), set()
    if os.path.exists(IDS_FILE):
        with open(IDS_FILE, encoding="utf-8") as f:
            for l in f:
                p = l.split()
                if not p or l.startswith("#"):
                    continue
                (retired if p[1:] == ["retired"] else old).add(p[0])
    lost = sorted(old - now)
    if lost and "--allow-id-loss" not in sys.argv:
        sys.exit("ids issued before are missing from the output (end their "
                 "periods instead of deleting): " + " ".join(lost[:20]))
    retired |= set(lost)
    clash = sorted(retired & now)
    if clash:
        sys.exit("retired ids issued again: " + " ".join(clash))
    with open(IDS_FILE, "w", encoding="utf-8") as f:
        f.write("# every id scripts/kb/build.py has issued; never remove a "
                "line (ids are not reused).\n# 'retired': withdrawn before "
                "any release (parse fixes), never to be issued again.\n")
        for i in sorted(old | now | retired):
            f.write(i + (" retired" if i in retired else "") + "\n")


FILES = {}
FILE_META = {}
INSTRUMENTS = {}

if __name__ == "__main__":
    main()

"""Helpers for building data/kb/ from ../shared/reference/ (issue 6).

Reading: markdown tables of the reference, section by section.
Chemistry: OPSIN (name -> SMILES, batched in one JVM run, cached in
scripts/kb/opsin-cache.tsv so reviewers can see every conversion), RDKit
(stereo-free canonical SMILES for the name <-> structure round trip) and the
DrugBank approved set (structures only, by DrugBank id).
Output: KbEntry objects rendered in the format of docs/kb-format.md.

Nothing here invents a fact: every value comes from a reference cell, and
the callers say which one.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared"
REF = os.path.join(SHARED, "reference")
DRUGBANK = os.path.join(SHARED, "testdata", "drugs", "drugbank_approved.tsv")
OPSIN_JAR = "/usr/share/java/opsin-cli.jar"
OPSIN_CACHE = os.path.join(HERE, "opsin-cache.tsv")


# ---------------------------------------------------------------- reading


def read_ref(name):
    with open(os.path.join(REF, name), encoding="utf-8") as f:
        return f.read().split("\n")


def section(lines, heading_prefix):
    """Lines from the heading that starts with heading_prefix up to the next
    heading of the same or higher level."""
    start = None
    level = 0
    for i, ln in enumerate(lines):
        if start is None:
            if ln.startswith("#") and ln.lstrip("#").strip().startswith(
                    heading_prefix):
                start = i
                level = len(ln) - len(ln.lstrip("#"))
        elif ln.startswith("#"):
            lv = len(ln) - len(ln.lstrip("#"))
            if lv <= level:
                return lines[start:i]
    if start is None:
        raise KeyError("no section " + heading_prefix)
    return lines[start:]


def split_row(ln):
    s = ln.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    # cells never contain escaped pipes in the reference
    return [c.strip() for c in s.split("|")]


def tables(lines):
    """All markdown tables in lines, each a list of dicts keyed by the header
    cells; each row also carries '_line' (index into lines)."""
    out = []
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and \
                re.match(r"^\s*\|[\s:|-]+\|\s*$", lines[i + 1]):
            hdr = split_row(lines[i])
            rows = []
            j = i + 2
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                cells = split_row(lines[j])
                cells += [""] * (len(hdr) - len(cells))
                d = dict(zip(hdr, cells))
                d["_line"] = j
                rows.append(d)
                j += 1
            out.append(rows)
            i = j
        else:
            i += 1
    return out


def strip_md(s):
    return s.replace("**", "").replace("`", "").strip()


# ---------------------------------------------------------------- names


GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ω": "omega"}


def n1(s):
    """The N1 key of docs/kb-format.md §9 (used here for merging and for
    the uniqueness check)."""
    t = s
    for g, l in GREEK.items():
        t = t.replace(g, l)
    for d in "\u2010\u2011\u2012\u2013\u2014\u2212":
        t = t.replace(d, "-")
    t = t.replace("\u2032", "'")
    t = t.lower()
    t = re.sub(r"(^|[^a-z])o-", r"\1ortho-", t)
    t = re.sub(r"(^|[^a-z])m-", r"\1meta-", t)
    t = re.sub(r"(^|[^a-z])p-", r"\1para-", t)
    return re.sub(r"[\s_-]", "", t)


def slug(s):
    t = s
    for g, l in GREEK.items():
        t = t.replace(g, l)
    t = t.replace("\u2032", "'").replace("'", "-prime")
    t = t.lower()
    t = re.sub(r"[ -]fentan", "fentan", t)
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:40].strip("-")


# ---------------------------------------------------------------- CAS

CAS_RE = re.compile(r"\b(\d{2,7})-(\d{2})-(\d)\b")


def cas_valid(cas):
    m = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    total = sum((i + 1) * int(d) for i, d in enumerate(digits))
    return total % 10 == int(m.group(3))


# ---------------------------------------------------------------- chemistry

_rd = None


def rdkit():
    global _rd
    if _rd is None:
        from rdkit import Chem, RDLogger
        RDLogger.DisableLog("rdApp.*")
        _rd = Chem
    return _rd


def canon(smi, stereo=False):
    """RDKit canonical SMILES, stereo dropped unless stereo; None if it does
    not parse."""
    Chem = rdkit()
    m = Chem.MolFromSmiles(smi)
    if m is None:
        return None
    return Chem.MolToSmiles(m, isomericSmiles=stereo)


def parent(smi):
    """Largest fragment (counter-ions dropped), as written otherwise."""
    Chem = rdkit()
    m = Chem.MolFromSmiles(smi)
    if m is None:
        return None
    frags = Chem.GetMolFrags(m, asMols=True)
    big = max(frags, key=lambda f: f.GetNumHeavyAtoms())
    if len(frags) > 1:
        # a salt as drawn (e.g. sodium oxybate): neutralise the parent ion
        from rdkit.Chem.MolStandardize import rdMolStandardize
        big = rdMolStandardize.Uncharger().uncharge(big)
    return Chem.MolToSmiles(big)


def formula(smi):
    from rdkit.Chem.rdMolDescriptors import CalcMolFormula
    m = rdkit().MolFromSmiles(smi)
    return CalcMolFormula(m) if m is not None else None


class Opsin:
    """Name -> SMILES with OPSIN, one JVM run for all uncached names."""

    def __init__(self):
        self.cache = {}
        if os.path.exists(OPSIN_CACHE):
            with open(OPSIN_CACHE, encoding="utf-8") as f:
                for ln in f:
                    if ln.startswith("#") or not ln.strip():
                        continue
                    name, smi = ln.rstrip("\n").split("\t")
                    self.cache[name] = smi
        self.pending = set()

    def want(self, name):
        if name and name not in self.cache:
            self.pending.add(name)

    def run(self):
        names = sorted(n for n in self.pending if "\n" not in n)
        self.pending = set()
        if not names:
            return
        p = subprocess.run(["java", "-jar", OPSIN_JAR, "-osmi"],
                           input="\n".join(names) + "\n",
                           capture_output=True, text=True)
        outs = p.stdout.split("\n")
        if len(outs) < len(names):
            sys.exit("opsin: %d names, %d lines" % (len(names), len(outs)))
        for n, s in zip(names, outs):
            self.cache[n] = s.strip()
        self.save()

    def save(self):
        with open(OPSIN_CACHE, "w", encoding="utf-8") as f:
            f.write("# name\tSMILES from OPSIN (opsin-cli.jar, Debian "
                    "libopsin-java); empty = OPSIN could not parse the name."
                    "\n# Written by scripts/kb/build.py; delete to redo.\n")
            for n in sorted(self.cache):
                f.write("%s\t%s\n" % (n, self.cache[n]))

    def get(self, name):
        s = self.cache.get(name, "")
        return s or None


def load_drugbank():
    db = {}
    with open(DRUGBANK, encoding="utf-8") as f:
        for ln in f:
            if ln.startswith("#"):
                continue
            p = ln.rstrip("\n").split("\t")
            for i in p[1].split(";"):  # "DB05382;DB05247": one row, two ids
                db[i] = (p[0], p[2])
    return db


# ---------------------------------------------------------------- output

CONF_ORDER = {"V": 3, "S": 2, "D": 1, "U": 0}


def weakest(tags):
    tags = [t for t in tags if t]
    return min(tags, key=lambda t: CONF_ORDER[t]) if tags else "U"


class Entry:
    def __init__(self, typ, eid, **kw):
        self.typ = typ
        self.id = eid
        self.fields = []  # (key, value) in output order
        for k, v in kw.items():
            self.add(k, v)

    def add(self, key, value):
        if value is None or value == "":
            return
        if isinstance(value, (list, tuple)):
            for v in value:
                self.add(key, v)
            return
        value = " ".join(str(value).split())
        if (key, value) in self.fields:
            return
        self.fields.append((key, value))

    def get(self, key):
        return [v for k, v in self.fields if k == key]

    def first(self, key):
        v = self.get(key)
        return v[0] if v else None

    def render(self):
        order = ["jurisdiction", "instrument", "schedule", "kind", "name",
                 "synonym", "name-zh", "iupac", "cas", "smiles", "formula",
                 "structure-source", "code", "covers", "covers-note",
                 "period", "citation", "confidence", "source", "url", "title",
                 "alias", "extracted-by", "extracted-on", "ambiguities",
                 "note"]
        keys = sorted(set(k for k, _ in self.fields),
                      key=lambda k: order.index(k) if k in order else 99)
        head = "[%s]" % self.typ if self.typ == "provenance" else \
            "[%s %s]" % (self.typ, self.id)
        out = [head]
        for k in keys:
            for kk, v in self.fields:
                if kk == k:
                    out.append("%s: %s" % (k, v))
        return "\n".join(out) + "\n"


def period(frm, to, kind, citation, conf):
    return "%s..%s | %s | %s | %s" % (frm, to or "", kind, citation, conf)


KB_OUT = [os.path.join(REPO, "data", "kb")]


def write_kb(path, entries, header_comment):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        rel = path[path.index("data/kb/"):] if "data/kb/" in path else \
            os.path.join("data/kb", os.path.relpath(path, KB_OUT[0]))
        f.write("# %s\n" % rel)
        for ln in header_comment:
            f.write("# %s\n" % ln)
        f.write("# GENERATED by scripts/kb/build.py -- edit the script or "
                "its curated tables, not this file.\n\n")
        f.write("\n".join(e.render() for e in entries))

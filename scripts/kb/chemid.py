"""Structure and systematic-name resolution for knowledge-base entries.

Order of structure sources (docs/kb-content.md "Structures"):
 1. controlled-substances.md §3.1 SMILES column (fentanyl class), stereo
    marks removed because the laws cover all isomers (reference §0);
 2. the DrugBank approved set, by the DrugBank id the reference gives in its
    "Structure source" column; counter-ions dropped and stereo removed when
    the instrument covers isomers and the listed name does not designate one
    stereoisomer (schedules.md §8.1 watch-outs);
 3. OPSIN applied to a systematic name printed in the reference.
A name goes into `iupac:` only when OPSIN reads it as the entry's structure
(RDKit canonical SMILES, stereo dropped).  Names OPSIN rejects or reads as
another structure stay as synonyms, with a note.
"""

import re

import kblib

ENANTIOMER_NAME = re.compile(
    r"^\s*(dex|dextro|lev|levo|esk|\(\+\)|\(-\)|\(\+/-\)|\(±\)|\([RS]\)|"
    r"\(\d[RS]\)|d-|l-)|dronabinol|lisdexamfetamine|ephedrine|cathine|"
    r"norpseudo", re.I)


# Single-word names of listed precursor chemicals (piperidine, toluene,
# acetone, methylamine): IUPAC retained or systematic names, so they may go
# to OPSIN (filled by build.py for precursor entries only).
RETAINED = set()
# Latin plant names in the synonym columns
NOT_SYSTEMATIC = {"Tabernanthe iboga", "Mitragyna speciosa",
                  "Catha edulis Forssk", "Lophophora williamsii"}


def looks_systematic(name):
    """A name worth giving to OPSIN: not a bare single trivial word or code.
    OPSIN knows some trivial names (caffeine); those are not systematic
    names and are not used as structure sources, except the single-word
    names of precursor chemicals (RETAINED)."""
    n = name.strip()
    if n in RETAINED:
        return True
    if n in NOT_SYSTEMATIC or re.fullmatch(r"(alpha|beta|α|β)-[A-Z0-9-]+", n):
        return False
    if not n or re.search(r"[\u4e00-\u9fff]", n):
        return False
    if re.fullmatch(r"[A-Za-z]+", n):
        return False
    if re.fullmatch(r"[A-Z0-9][A-Z0-9,\-]*", n):  # codes: MDMA, 2C-B
        return False
    return bool(re.search(r"[a-z]{4}", n))


QUAT_NAME = re.compile(r"\bmethyl\s*(bromide|iodide|chloride)\s*$", re.I)


def quat_as_mixture(name, smi):
    """True when OPSIN read an "X methylbromide" (methiodide, ...) name as
    the two-component mixture X + neutral halomethane (CBr.X) instead of
    the N-methyl quaternary salt the name means (codeine methylbromide is
    N-methylcodeinium bromide).  Such a reading is no structure source."""
    if not QUAT_NAME.search(name) or "." not in (smi or ""):
        return False
    parts = (kblib.canon(p) for p in smi.split("."))
    return any(p in ("CBr", "CI", "CCl") for p in parts)


class Resolver:
    def __init__(self, opsin, drugbank, fent):
        self.opsin = opsin
        self.db = drugbank
        self.fent = fent  # n2 key -> fentanyl record (§3.1)
        self.log = []

    def want(self, names):
        for n in names:
            if looks_systematic(n):
                self.opsin.want(n)

    def fentanyl_record(self, names):
        for n in names:
            r = self.fent.get(n2(n))
            if r:
                return r
        return None

    def resolve(self, entry, names, sysnames, dbid=None, strip_ok=True,
                fentanyl=True):
        """Fill smiles/structure-source/iupac/notes of entry.
        names: all names of the entry (for the fentanyl table);
        sysnames: systematic-name candidates with their reference source,
        [(name, where)]."""
        smi = src = None
        rec = self.fentanyl_record(names) if fentanyl else None
        if rec:
            sysnames = list(sysnames) + list(rec.get("sysnames", []))
        if rec and rec.get("smiles"):
            smi = kblib.canon(rec["smiles"])
            src = "controlled-substances.md §3.1 (%s)" % rec["smiles_src"]
            if kblib.canon(rec["smiles"], True) != smi:
                src += ", stereo marks removed (laws cover all isomers)"
        if smi is None and dbid and dbid in self.db:
            dbname, dbsmi = self.db[dbid]
            par = kblib.parent(dbsmi)
            src = "drugs/drugbank_approved.tsv %s (%s)" % (dbid, dbname)
            if par != kblib.canon(dbsmi, True):
                src += ", counter-ions removed"
            keep = (not strip_ok) or any(ENANTIOMER_NAME.search(n)
                                         for n in names[:1] + [dbname])
            if keep:
                smi = kblib.canon(par, True)
            else:
                smi = kblib.canon(par)
                if kblib.canon(par, True) != smi:
                    src += ", stereo marks removed (listing covers isomers)"
        chosen_from_opsin = None
        if smi is None:
            for s, where in sysnames:
                o = self.opsin.get(s) if looks_systematic(s) else None
                if o and kblib.canon(o) and not quat_as_mixture(s, o):
                    # stereo kept exactly as the name states it, except
                    # for the fentanyl class (reference §0: the laws cover
                    # all isomers, so stereo marks are dropped)
                    smi = kblib.canon(o, rec is None)
                    chosen_from_opsin = s
                    src = "OPSIN from the systematic name (%s)" % where
                    if rec is not None and kblib.canon(o, True) != smi:
                        src += ", stereo marks removed (laws cover all " \
                               "isomers)"
                    break
        if smi:
            entry.add("smiles", smi)
            entry.add("formula", kblib.formula(smi))
            entry.add("structure-source", src)
        ref = kblib.canon(smi) if smi else None
        seen = set()
        for s, where in sysnames:
            if not looks_systematic(s) or s.lower() in seen:
                continue
            seen.add(s.lower())
            o = self.opsin.get(s)
            if o is None and (s in entry.get("name") or
                              s in entry.get("synonym")):
                continue  # a name, not a claim that it is systematic
            if o is None:
                if n1(s) not in [kblib.n1(x) for x in entry.get("name") +
                                 entry.get("synonym")]:
                    entry.add("synonym", s)
                entry.add("note", "systematic name '%s' (%s) is not parsed "
                          "by OPSIN: kept as a synonym" % (s, where))
            elif quat_as_mixture(s, o):
                if s not in entry.get("name") and s not in entry.get("synonym"):
                    entry.add("synonym", s)
                entry.add("note", "OPSIN reads '%s' (%s) as a mixture with "
                          "neutral halomethane (%s), not the N-methyl "
                          "quaternary salt the name means; no systematic "
                          "name or structure of the salt from a permitted "
                          "source, so no structure is recorded"
                          % (s, where, kblib.canon(o)))
            elif ref is None or kblib.canon(o) == ref:
                entry.add("iupac", s)
                entry.fields = [f for f in entry.fields
                                if f != ("synonym", s)]
            else:
                if s not in entry.get("name"):
                    entry.add("synonym", s)
                entry.add("note", "OPSIN reads '%s' (%s) as %s, not the "
                          "structure recorded here: kept as a synonym, check"
                          % (s, where, kblib.canon(o)))
                self.log.append((entry.id, s, kblib.canon(o), ref))
        return smi


def n1(s):
    return kblib.n1(s)


def n2(s):
    t = kblib.n1(s)
    t = re.sub(r"[()\[\]{}'\"]", "", t)
    t = t.replace("oyl", "").replace("yl", "")
    return t

# United States: 21 CFR 1308.11-1308.15 and 1310.02 (schedules.md §2.1, §3;
# controlled-substances.md §2.1, §3, §4).  Executed inside build.py.

US_ECFR = {
    "I": "eCFR mirror of 21 CFR 1308.11 as of ~21 Nov 2022",
    "II": "eCFR mirror of 21 CFR 1308.12 as of ~21 Nov 2022",
    "III": "eCFR mirror of 21 CFR 1308.13 (~2017 text)",
    "IV": "eCFR mirror of 21 CFR 1308.14 (~mid-2022)",
    "V": "eCFR mirror of 21 CFR 1308.15 (~Sep 2018)",
    "List": "eCFR mirror of 21 CFR 1310.02 (~Apr 2020)",
}

US_FILES = {
    "I": ("us/csa-schedule-i.kb", "us-csa1", "1308.11"),
    "II": ("us/csa-schedule-ii.kb", "us-csa2", "1308.12"),
    "III": ("us/csa-schedule-iii.kb", "us-csa3", "1308.13"),
    "IV": ("us/csa-schedule-iv.kb", "us-csa4", "1308.14"),
    "V": ("us/csa-schedule-v.kb", "us-csa5", "1308.15"),
    "List": ("us/listed-chemicals.kb", "us-list", "1310.02"),
}

# 1308.11 paragraph clauses (schedules.md §2.1)
US_I_COVERS = {
    "b": ("salts, isomers, esters, ethers",
          "1308.11(b): each opiate with its isomers, esters, ethers, salts and "
          "salts of isomers, esters and ethers, whenever such forms can exist "
          "(schedules.md §2.1, S)"),
    "c": ("salts, isomers",
          "1308.11(c): each opium derivative with its salts, isomers and salts "
          "of isomers; no esters/ethers clause (schedules.md §2.1, S)"),
    "d": ("salts, optical-isomers, positional-isomers, geometric-isomers",
          "1308.11(d): salts, isomers and salts of isomers, where isomer means "
          "optical, positional or geometric isomer (21 CFR 1300.01; "
          "schedules.md §2.1, S)"),
    "e": ("salts, isomers",
          "1308.11(e): salts, isomers and salts of isomers (schedules.md §2.1)"),
    "f": ("salts, isomers",
          "1308.11(f): salts, isomers (optical, 21 CFR 1300.01) and salts of "
          "isomers (schedules.md §2.1)"),
    "g": ("salts, isomers",
          "1308.11(g): salts, isomers and salts of isomers (schedules.md §2.1)"),
    "h": ("salts, isomers, esters, ethers",
          "1308.11(h): each temporary entry states its scope; nitazenes and "
          "brorphine: isomers, esters, ethers, salts (schedules.md §2.1, S)"),
    "h-cannabinoid": (
        "salts, optical-isomers, positional-isomers, geometric-isomers",
        "1308.11(h): synthetic cannabinoids with optical, positional and "
        "geometric isomers and salts (schedules.md §2.1, S)"),
}


def us_instruments():
    I = []
    t = {
        "I": ("Controlled Substances Act, Schedule I",
              "21 U.S.C. 812(c); 21 CFR 1308.11"),
        "II": ("Controlled Substances Act, Schedule II",
               "21 U.S.C. 812(c); 21 CFR 1308.12"),
        "III": ("Controlled Substances Act, Schedule III",
                "21 U.S.C. 812(c); 21 CFR 1308.13"),
        "IV": ("Controlled Substances Act, Schedule IV",
               "21 U.S.C. 812(c); 21 CFR 1308.14"),
        "V": ("Controlled Substances Act, Schedule V",
              "21 U.S.C. 812(c); 21 CFR 1308.15"),
        "List": ("Listed chemicals (List I and List II)",
                 "21 U.S.C. 802(34), (35); 21 CFR 1310.02"),
    }
    for key, (path, iid, part) in US_FILES.items():
        e = Entry("instrument", iid)
        e.add("jurisdiction", "US")
        e.add("title", t[key][0])
        e.add("citation", t[key][1])
        if key == "List":
            e.add("schedule", ["List I", "List II"])
        else:
            e.add("schedule", key)
        e.add("confidence", "S")
        e.add("source", "%s §2.1, §3 (%s)" % (SC, US_ECFR[key]))
        if key == "I":
            e.add("covers", "salts, isomers")
            e.add("covers-note", "paragraph clauses differ; every entry "
                  "states its own (1308.11(b)-(h), schedules.md §2.1)")
            e.add("note", "21 U.S.C. 802(32)/813 controlled substance "
                  "analogues are not decidable from structure alone and are "
                  "not encoded (schedules.md §2.1)")
        if key == "II":
            e.add("note", "coverage clauses are stated per entry where "
                  "schedules.md §2.1 gives them; where it gives none, no "
                  "clause is encoded")
        if key == "III":
            e.add("note", "anabolic steroids (21 CFR 1300.01 definition, "
                  "code 4000) are listed one by one with covers: salts, "
                  "esters, ethers")
        if key in ("IV", "V"):
            e.add("note", "schedules.md gives no general coverage clause for "
                  "this schedule; entries state the clauses the CFR text "
                  "prints for them")
        if key == "List":
            e.add("note", "most List I entries cover their salts, optical "
                  "isomers and salts of optical isomers, several their "
                  "esters; schedules.md §3.7 does not say which, so only the "
                  "clauses printed in the entry names are encoded")
        INSTRUMENTS.setdefault(path, []).append(e)
        FILE_META[path] = (
            ["United States, " + t[key][0] + " (" + t[key][1] + ")."],
            provenance(
                ["../shared/reference/%s §2.1, §3 (%s, S)" % (SC,
                                                              US_ECFR[key]),
                 "../shared/reference/%s §2.1, §3, §4 (fentanyl class, "
                 "precursors)" % CS],
                ["dates of listing are not printed in the CFR: entries "
                 "without a dated Federal Register action have a '?' start "
                 "(in force on the mirror's date, start unknown)",
                 "changes after the mirror's date come from Federal Register "
                 "abstracts (S); their dates are publication dates unless the "
                 "reference says 'effective'"]))


def us_entry(key, name, para_letter, row_id, src_line, code=None,
             kind="substance", sched=None):
    path, iid, part = US_FILES[key]
    sched = sched or key
    prefix = {"I": "us-csa1", "II": "us-csa2", "III": "us-csa3",
              "IV": "us-csa4", "V": "us-csa5"}.get(key)
    if key == "List":
        prefix = "us-list1" if sched == "List I" else "us-list2"
    rec = fent_of(name)
    e = Entry(kind, KBS.new_id(prefix, rec["key"] if rec else name))
    e.add("jurisdiction", "US")
    e.add("instrument", iid)
    e.add("schedule", sched)
    e.add("name", name)
    if code and code not in ("—", "-"):
        e.add("code", "DEA %s" % code)
    cit = "21 CFR %s%s" % (part, "(%s)" % para_letter if para_letter else "")
    e.add("citation", cit)
    sect = {"I": "§3.1", "II": "§3.3", "III": "§3.4", "IV": "§3.5",
            "V": "§3.6", "List": "§3.7"}[key]
    e.add("source", "%s %s, row %s (line %d)" % (SC, sect, row_id, src_line))
    return e, path, cit


def us_generic_period(key, cit):
    return period("?", "", "permanent", "%s (%s)" % (cit, US_ECFR[key]), "S")


def us_apply_fentanyl(e, cfr_name, default_periods):
    """Periods/notes from fentanyl_status.US for this CFR name."""
    cur = FS.US.get(cfr_name)
    periods = default_periods
    lconf = "S"
    if cur:
        if cur.get("periods"):
            periods = [period(*p) for p in cur["periods"]]
        for n in cur.get("notes", []):
            e.add("note", n)
        lconf = cur.get("confidence_listing", "S")
        if cur.get("periods"):
            lconf = "V" if all(p[4] == "V" for p in cur["periods"][-1:]) \
                else lconf
    rec = fent_of(cfr_name)
    if rec:
        e.add("source", "%s §3.1 (line %d), §3.2" % (CS, rec["line"]))
        if rec.get("cas") and not e.get("cas"):
            e.add("cas", rec["cas"])
            e.add("note", "CAS from %s §3.1 [%s]" % (CS, rec["cas_tag"]))
        for n in rec["names"]:
            if kblib.n1(n) != kblib.n1(e.first("name")):
                e.add("synonym", n)
    for p in periods:
        e.add("period", p)
    confs = [p.rsplit("|", 1)[1].strip() for p in periods]
    e.add("confidence", kblib.weakest(confs + [lconf]))


def us_row_names(e, name, other):
    """Split the 'Other names' cell into synonyms and systematic-name
    candidates."""
    sysn = []
    for p in split_names(other):
        m = re.match(r"^(.*?)\s*\((immediate precursor[^)]*)\)$", p)
        if m:
            e.add("note", "CFR text: " + m.group(2))
            p = m.group(1)
        if p.startswith("immediate precursor"):
            e.add("note", "CFR text: " + p)
            continue
        if p.lower().startswith("except") or p.startswith("and any") or \
                p.startswith("REMOVED") or "[D]" in p:
            e.add("note", "CFR text: " + p)
            continue
        m = re.match(r"^(.*?),? \(?((?:optical|optical and geometric) "
                     r"isomers(?: only)?)\)?$", p)
        if m and chemid.looks_systematic(m.group(1)):
            e.add("note", "CFR text: " + m.group(2))
            p = m.group(1)
        elif re.search(r"\b(isomers?|extract|parts|products|including|"
                       r"salts|wording|e\.g\.)\b|THCs", p):
            e.add("note", "CFR text: " + p)
            continue
        if chemid.looks_systematic(p):
            sysn.append((p, "21 CFR via %s §3" % SC))
        else:
            e.add("synonym", p)
    if chemid.looks_systematic(name):
        sysn.append((name, "21 CFR name via %s §3" % SC))
    return sysn


def build_us_schedule_i():
    sec = kblib.section(SCL, "3.1 Schedule I")
    for tab in kblib.tables(sec):
        for r in tab:
            rid = r["#"]
            letter = rid[0]
            name = kblib.strip_md(r["Name in 21 CFR"])
            if rid == "h30":
                continue  # FRS class: [class] entries (rules engineer)
            e, path, cit = us_entry("I", name, letter, rid, ln(sec, r) +
                                    SC_OFF["3.1"], r["DEA code"])
            other = r["Other names, systematic name or scope note (CFR text "
                      "unless marked [D])"]
            sysn = us_row_names(e, name, other)
            add_cas(e, r["CAS (source)"].replace("(CN)", ""),
                    "CAS printed by the Chinese catalogue for the same name "
                    "(name match by the reference authors, D)")
            cl = letter
            if letter == "h" and re.search(r"INACA|PICA|PINACA", name):
                cl = "h-cannabinoid"
            covers, cnote = US_I_COVERS[cl]
            if name == "3-Methylthiofentanyl":
                covers = "salts, isomers, optical-isomers, " \
                         "geometric-isomers, esters, ethers"
                cnote = ("1308.11(b); for 3-methylthiofentanyl 'isomer' also "
                         "includes optical and geometric isomers "
                         "(schedules.md §2.1)")
            e.add("covers", covers)
            e.add("covers-note", cnote)
            if letter == "h":
                US_H_ROWS[name] = e
                if name not in US_LATE_UPDATE or name == "Brorphine":
                    e.add("note", "temporary listing in force in Nov 2022 "
                          "(1308.11(h)); start date not in the reference")
                per = [period("?", "", "temporary",
                              "21 CFR 1308.11(h) (%s)" % US_ECFR["I"], "S")]
                US_LATE_UPDATE.get(name, lambda e, p: None)(e, per)
                for p in per:
                    e.add("period", p)
                e.add("confidence", kblib.weakest(
                    [p.rsplit("|", 1)[1].strip() for p in per]))
            else:
                us_apply_fentanyl(e, name, [us_generic_period("I", cit)])
            emit(path, e, [name] + e.get("synonym"), sysn,
                 dbid_of(r["Structure source"]))
    for x in FS.US_EXTRA_I:
        e, path, cit = us_entry("I", x["name"], "b", "-", 0, None)
        e.fields = [f for f in e.fields if f[0] != "source"]
        e.add("source", "%s §3.3" % CS)
        if x.get("code"):
            e.add("code", x["code"])
        e.add("covers", US_I_COVERS["b"][0])
        e.add("covers-note", US_I_COVERS["b"][1])
        for n in x["notes"]:
            e.add("note", n)
        for p in x["periods"]:
            e.add("period", period(*p))
        e.add("confidence", kblib.weakest([p[4] for p in x["periods"]]))
        sysn = [(x["sysname"], x.get("sysname_src", CS + " §3.3"))] \
            if x.get("sysname") else []
        emit(path, e, [x["name"]], sysn, fentanyl=False)


US_H_ROWS = {}


def _perm(date_, doc, conf="U"):
    def f(e, per):
        old = per[-1].split("|")
        per[-1] = "|".join([old[0].replace("..", "..%s" % prev_day(date_))] +
                           old[1:])
        per.append(period(date_, "", "permanent", doc, conf))
        e.add("note", "made permanent: %s (%s); the end of the temporary "
              "period is the day before (D)" % (doc, date_))
    return f


def prev_day(d):
    y, m, dd = map(int, d.split("-"))
    from datetime import date as _d, timedelta
    return (_d(y, m, dd) - timedelta(days=1)).isoformat()


def _nitazene_temp_then_perm(perm_date, perm_doc, perm_conf):
    def f(e, per):
        per.clear()
        per.append(period("2022-04-12", prev_day(perm_date), "temporary",
                          "87 FR 21561", "V"))
        per.append(period(perm_date, "", "permanent", perm_doc, perm_conf))
        e.add("note", "temporary Schedule I from 12 Apr 2022 (87 FR 21561) "
              "[V] (controlled-substances.md §5)")
    return f


def _nitazene_extended(e, per):
    per.clear()
    per.append(period("2022-04-12", "2024-04-12", "temporary", "87 FR 21561",
                      "V"))
    per.append(period("2024-04-13", "2025-04", "extension",
                      "FR Doc 2024-07689", "S"))
    e.add("note", "temporary order 87 FR 21561 ran to 12 Apr 2024 [V] and was "
          "extended to Apr 2025 (FR 2024-07689) [S]; permanent placement "
          "proposed (FR 2024-07694); status after Apr 2025 U")


US_LATE_UPDATE = {
    "Brorphine": _perm("2023-03-06", "FR Doc 2023-04364"),
    "Metonitazene": _nitazene_temp_then_perm("2023-08-18",
                                             "FR Doc 2023-17778", "U"),
    "Etodesnitazene": _nitazene_temp_then_perm("2024-04-11",
                                               "FR Doc 2024-07684", "V"),
    "N-Pyrrolidino etonitazene": _nitazene_temp_then_perm(
        "2024-04-11", "FR Doc 2024-07684", "V"),
    "Protonitazene": _nitazene_temp_then_perm("2024-04-11",
                                              "FR Doc 2024-07684", "V"),
    "Butonitazene": _nitazene_extended,
    "Flunitazene": _nitazene_extended,
    "Metodesnitazene": _nitazene_extended,
}

# schedules.md §3.2: Schedule I actions after Nov 2022 that add substances.
# (name, synonyms, systematic name, periods, covers key, notes)
US_I_LATER = [
    ("Amineptine", [], "7-[(10,11-dihydro-5H-dibenzo[a,d]cyclohepten-5-yl)"
     "amino]heptanoic acid",
     [("2022-11-17", "", "permanent", "FR Doc 2022-25003", "U")], None,
     ["placed to meet a 1971-Convention obligation"]),
    ("Zipeprol", [], "1-methoxy-3-[4-(2-methoxy-2-phenylethyl)piperazin-1-yl]"
     "-1-phenylpropan-2-ol",
     [("2022-11-21", "", "permanent", "FR Doc 2022-25206", "U")], "b",
     ["the rule covers its isomers, esters, ethers and salts"]),
    ("Mesocarb", [], None,
     [("2022-11-22", "", "permanent", "FR Doc 2022-25219", "U")], None, []),
    ("Methiopropamine", [], "N-methyl-1-(thiophen-2-yl)propan-2-amine",
     [("2022-12-09", "", "permanent", "FR Doc 2022-26805", "U")], None, []),
    ("Eutylone", ["bk-EBDB"],
     "1-(1,3-benzodioxol-5-yl)-2-(ethylamino)butan-1-one",
     [("2014-03-07", "", "permanent",
       "21 CFR 1308.11(d) as a positional isomer of pentylone; own listing "
       "FR Doc 2023-07335 (10 Apr 2023)", "S")], "d",
     ["controlled since 7 Mar 2014 as a positional isomer of pentylone; "
      "specifically listed 10 Apr 2023"]),
    ("Etizolam", [], None, [("2023-07-26", "2026-07-26", "temporary",
                             "FR Doc 2023-15748; extended by FR Doc "
                             "2025-14037", "U")], None,
     ["permanent placement proposed (FR 2025-14022)"]),
    ("Flualprazolam", [], None, [("2023-07-26", "2026-07-26", "temporary",
                                  "FR Doc 2023-15748; extended by FR Doc "
                                  "2025-14037", "U")], None,
     ["permanent placement proposed (FR 2025-14022)"]),
    ("Clonazolam", [], None, [("2023-07-26", "2026-07-26", "temporary",
                               "FR Doc 2023-15748; extended by FR Doc "
                               "2025-14037", "U")], None,
     ["permanent placement proposed (FR 2025-14022)"]),
    ("Flubromazolam", [], None, [("2023-07-26", "2026-07-26", "temporary",
                                  "FR Doc 2023-15748; extended by FR Doc "
                                  "2025-14037", "U")], None,
     ["permanent placement proposed (FR 2025-14022)"]),
    ("Diclazepam", [], None, [("2023-07-26", "2026-07-26", "temporary",
                               "FR Doc 2023-15748; extended by FR Doc "
                               "2025-14037", "U")], None,
     ["permanent placement proposed (FR 2025-14022)"]),
] + [
    (n, [], None, [("2023-12-12", "", "temporary",
                    "FR Doc 2023-27243; extended Dec 2025", "U")],
     "h-cannabinoid",
     ["temporary order extended Dec 2025 (FR 2025-22540, -22496, -22960; end "
      "date not in the reference); permanent placement proposed"])
    for n in ["MDMB-4en-PINACA", "4F-MDMB-BUTICA", "ADB-4en-PINACA",
              "CUMYL-PEGACLONE", "5F-EDMB-PICA", "MMB-FUBICA"]
] + [
    ("ADB-BUTINACA", [], "N-(1-amino-3,3-dimethyl-1-oxobutan-2-yl)-1-butyl-"
     "1H-indazole-3-carboxamide",
     [("?", "", "permanent", "21 CFR 1308.11(d) as a positional isomer of "
       "AB-PINACA; own listing FR Doc 2023-27292 (13 Dec 2023)", "S")], "d",
     ["controlled as a positional isomer of AB-PINACA before its own "
      "listing; start date not in the reference"]),
    ("alpha-PiHP", [], "4-methyl-1-phenyl-2-(pyrrolidin-1-yl)pentan-1-one",
     [("?", "", "permanent", "21 CFR 1308.11(d) as a positional isomer of "
       "alpha-PHP; own listing FR Doc 2023-27292 (13 Dec 2023)", "S")], "d",
     ["controlled as a positional isomer of alpha-PHP before its own "
      "listing; start date not in the reference"]),
    ("3-MMC", [], "2-(methylamino)-1-(3-methylphenyl)propan-1-one",
     [("?", "", "permanent", "21 CFR 1308.11(d) as a positional isomer of "
       "mephedrone; own listing FR Doc 2023-27292 (13 Dec 2023)", "S")], "d",
     ["controlled as a positional isomer of mephedrone before its own "
      "listing; start date not in the reference"]),
    ("N-Desethyl isotonitazene", [], None,
     [("2023-10-25", "2025-12-22", "temporary", "FR Doc 2023-23379", "U"),
      ("2025-12-23", "", "permanent", "FR Doc 2025-23717", "U")], "h",
     ["2023-10-25 is the date of the notice; the end of the temporary "
      "period is the day before the permanent rule (D)"]),
    ("N-Piperidinyl etonitazene", ["etonitazepipne"], None,
     [("2023-10-25", "2025-12-22", "temporary", "FR Doc 2023-23379", "U"),
      ("2025-12-23", "", "permanent", "FR Doc 2025-23717", "U")], "h",
     ["2023-10-25 is the date of the notice; the end of the temporary "
      "period is the day before the permanent rule (D)"]),
    ("2-Methyl AP-237", [], "1-(2-methyl-4-(3-phenylprop-2-en-1-yl)"
     "piperazin-1-yl)butan-1-one",
     [("2024-03-15", "", "permanent", "FR Doc 2024-05543", "U")], None,
     ["placed to meet a 1961-Convention obligation"]),
    ("Dipentylone", ["N,N-dimethylpentylone"], None,
     [("2018-08-31", "", "permanent",
       "21 CFR 1308.11(d) as a positional isomer of N-ethylpentylone; own "
       "listing FR Doc 2025-15177 (8 Aug 2025)", "S")], "d",
     ["controlled since N-ethylpentylone's control (31 Aug 2018) as its "
      "positional isomer"]),
    ("N-Pyrrolidino metonitazene", ["metonitazepyne"], None,
     [("2025-08-15", "2026-01-11", "temporary", "FR Doc 2025-15566", "V"),
      ("2026-01-12", "", "permanent", "FR Doc 2026-00362", "U")], "h",
     ["temporary order ran 15 Aug 2025 - 15 Aug 2027 [V]; made permanent "
      "12 Jan 2026 (FR abstract, S; publication date)"]),
    ("N-Pyrrolidino protonitazene", ["protonitazepyne"], None,
     [("2025-08-15", "2026-01-11", "temporary", "FR Doc 2025-15566", "V"),
      ("2026-01-12", "", "permanent", "FR Doc 2026-00362", "U")], "h",
     ["temporary order ran 15 Aug 2025 - 15 Aug 2027 [V]; made permanent "
      "12 Jan 2026 (FR abstract, S; publication date)"]),
] + [
    (n, [], None, [("2025-10-15", "", "temporary", "FR Doc 2025-19542",
                    "U")], "h", [])
    for n in ["Ethyleneoxynitazene", "Methylenedioxynitazene",
              "5-Methyl etodesnitazene", "N-Desethyl etonitazene",
              "N-Desethyl protonitazene", "N,N-Dimethylamino etonitazene",
              "N-Pyrrolidino isotonitazene"]
] + [
    ("4-Chloromethcathinone", ["4-CMC"],
     "1-(4-chlorophenyl)-2-(methylamino)propan-1-one",
     [("2025-11-17", "", "permanent", "FR Doc 2025-20004", "U")], None, []),
    ("4-Fluoroamphetamine", ["4-FA"], "1-(4-fluorophenyl)propan-2-amine",
     [("2026-01-15", "", "permanent", "FR Doc 2026-00633", "U")], None,
     ["placed to meet a 1971-Convention obligation"]),
]


def build_us_schedule_i_later():
    for name, syn, sysname, pers, cl, notes in US_I_LATER:
        e, path, cit = us_entry("I", name, None, "-", 0)
        e.fields = [f for f in e.fields if f[0] not in ("source", "citation")]
        e.add("citation", "21 CFR 1308.11")
        e.add("source", "%s §3.2 (FR abstracts, S)" % SC)
        e.add("synonym", syn)
        if cl:
            covers, cnote = US_I_COVERS[cl]
            if cl in ("h", "h-cannabinoid"):
                cnote += "; assumed for this later order from the orders in " \
                         "force in Nov 2022 (D)"
            e.add("covers", covers)
            e.add("covers-note", cnote)
        else:
            e.add("note", "the paragraph and scope clause of this listing "
                  "are not in the reference: the instrument's default "
                  "(salts, isomers) applies (D)")
        for p in pers:
            e.add("period", period(*p))
        for n in notes:
            e.add("note", n)
        if any(p[4] == "U" and p[0] != "?" for p in pers):
            e.add("note", "dates from Federal Register abstracts are "
                  "publication dates; the effective date may be later (U)")
        e.add("confidence", kblib.weakest([p[4] for p in pers]))
        sysn = [(sysname, "FR abstract via %s §3.2" % SC)] if sysname else []
        emit(path, e, [name] + syn, sysn, fentanyl=False)


US_II_COVERS = {
    "b1": ("salts, derivatives, preparations",
           "1308.12(b)(1): opium/opiate and any salt, compound, derivative or "
           "preparation, with named exclusions (schedules.md §2.1, S)"),
    "b3": ("preparations", "1308.12(b)(3)"),
    "b4": ("salts, optical-isomers, geometric-isomers, derivatives, "
           "preparations",
           "1308.12(b)(4): coca leaves and any salt, compound, derivative or "
           "preparation, incl. cocaine and ecgonine and their salts, isomers "
           "(optical and geometric) and derivatives (schedules.md §2.1, S)"),
    "b5": ("preparations", "1308.12(b)(5)"),
    "c": ("salts, isomers, esters, ethers",
          "1308.12(c): isomers, esters, ethers, salts as in Schedule I; "
          "dextrorphan and levopropoxyphene excepted (schedules.md §2.1, S)"),
}


def build_us_table(key, secname, para_col="Para"):
    sec = kblib.section(SCL, secname)
    path, iid, part = US_FILES[key]
    for tab in kblib.tables(sec):
        if "Name in 21 CFR" not in tab[0]:
            continue
        for r in tab:
            name = kblib.strip_md(r["Name in 21 CFR"])
            para = r[para_col]
            if name in ("4-Anilino-N-phenethylpiperidine", "Norfentanyl"):
                continue  # curated precursors (fentanyl_status.PRECURSORS)
            letter = para
            m = re.match(r"([a-z])(\d*)", para)
            cpara = "%s)(%s" % (m.group(1), m.group(2)) if m.group(2) \
                else m.group(1)
            kind = "precursor" if key == "II" and para.startswith("g") \
                else "substance"
            e, path, cit = us_entry(key, name, cpara, para, ln(sec, r) +
                                    SC_OFF[secname], r["DEA code"], kind)
            other = r.get("Other names / notes (CFR text unless marked [D])",
                          "")
            sysn = us_row_names(e, name, other)
            add_cas(e, r["CAS (source)"].replace("(CN)", ""),
                    "CAS printed by the Chinese catalogue for the same name "
                    "(name match by the reference authors, D)")
            cov = None
            if key == "II":
                cov = US_II_COVERS.get(para)
                if para == "d" and name == "Amphetamine":
                    cov = ("salts, optical-isomers", "1308.12(d): amphetamine,"
                           " its salts, optical isomers and salts of optical "
                           "isomers (schedules.md §2.1)")
                elif para == "d" and name in ("Methamphetamine",
                                              "Lisdexamfetamine"):
                    cov = ("salts, isomers", "1308.12(d): %s, its salts, "
                           "isomers and salts of isomers" % name.lower())
            if key == "III":
                if para == "b":
                    cov = ("salts, optical-isomers, positional-isomers, "
                           "geometric-isomers", "1308.13(b): salts, isomers "
                           "(optical, positional or geometric) (schedules.md "
                           "§2.1)")
                if name == "Ketamine":
                    cov = ("salts, isomers", "1308.13(c): ketamine, its "
                           "salts, isomers and salts of isomers")
            if key == "IV" and "optical and geometric isomers" in other:
                cov = ("salts, optical-isomers, geometric-isomers",
                       "1308.14: " + other)
            if key == "IV" and "including optical isomers" in other:
                cov = ("salts, optical-isomers", "1308.14: butorphanol "
                       "including optical isomers")
            if kind == "precursor":
                e.add("note", "immediate precursor, 21 CFR %s(%s)"
                      % (part, cpara))
            if cov:
                e.add("covers", cov[0])
                e.add("covers-note", cov[1])
            pers = [us_generic_period(key, cit)]
            if name.startswith("Fenfluramine"):
                pers = [period("?", "2022-12-22", "permanent",
                               "%s (%s)" % (cit, US_ECFR[key]), "S")]
                e.add("note", "removed from control by final rule of 23 Dec "
                      "2022 (FR 2022-27400); last day in force taken as 22 "
                      "Dec 2022 (D)")
            strip = key not in ("IV", "V") or cov is not None
            if key == "II" and name in FS.US:
                us_apply_fentanyl(e, name, pers)
            else:
                for p in pers:
                    e.add("period", p)
                e.add("confidence", "S")
                rec = fent_of(name)
                if rec:
                    for n in rec["names"]:
                        if kblib.n1(n) != kblib.n1(name):
                            e.add("synonym", n)
            emit(path, e, [name] + e.get("synonym"), sysn,
                 dbid_of(r.get("Structure source", "")), strip_ok=strip)


US_LATER_OTHER = [
    ("IV", "Zuranolone", [("2023-10-31", "", "interim",
                           "FR Doc 2023-23982 (interim final rule)", "U")],
     ["code not in the abstract"]),
    ("V", "Lasmiditan", [("2020-01-31", "", "interim",
                          "interim final rule 31 Jan 2020", "U")],
     ["later decontrol believed to have happened [U -- check]"]),
    ("V", "Cenobamate", [("2020-03-10", "", "permanent",
                          "FR action of 10 Mar 2020", "U")], []),
    ("V", "Ganaxolone", [("2022-06-01", "", "interim",
                          "interim final rule 1 Jun 2022; final 9 Nov 2022",
                          "U")], []),
]


def build_us_later_other():
    for key, name, pers, notes in US_LATER_OTHER:
        e, path, cit = us_entry(key, name, None, "-", 0)
        e.fields = [f for f in e.fields if f[0] != "source"]
        e.add("source", "%s §3.5/§3.6 'changes after the copy' (FR, S)" % SC)
        for p in pers:
            e.add("period", period(*p))
        for n in notes:
            e.add("note", n)
        e.add("note", "dates from Federal Register abstracts are "
              "publication dates; the effective date may be later (U)")
        e.add("confidence", "U")
        emit(path, e, [name], [], fentanyl=False)


def build_us_steroids():
    sec = kblib.section(SCL, "3.4 Schedule III")
    tabs = [t for t in kblib.tables(sec) if "Systematic name given" in t[0]]
    for r in tabs[0]:
        name = r["Name"]
        e, path, cit = us_entry("III", name, "f", "steroid %s" % r["#"],
                                ln(sec, r) + SC_OFF["3.4 Schedule III"],
                                "4000")
        e.fields = [f for f in e.fields if f[0] != "citation"]
        e.add("citation", "21 CFR 1308.13(f); 21 CFR 1300.01 (anabolic "
              "steroid)")
        e.add("covers", "salts, esters, ethers")
        e.add("covers-note", "21 CFR 1300.01: any salt, ester or ether of "
              "the named steroids (schedules.md §2.1)")
        e.add("period", us_generic_period("III", "21 CFR 1300.01"))
        e.add("confidence", "S")
        sysn = []
        if chemid.looks_systematic(name):
            sysn.append((name, "21 CFR 1300.01 via %s §3.4" % SC))
        for p in split_names(r["Systematic name given"]):
            if chemid.looks_systematic(p):
                sysn.append((p, "21 CFR 1300.01 via %s §3.4" % SC))
            else:
                e.add("synonym", p)
        e.add("note", "the steroids are listed under one DEA code (4000) "
              "as a class")
        emit(path, e, [name], sysn, dbid_of(r["Structure source"]),
             strip_ok=False, fentanyl=False)


def build_us_lists():
    sec = kblib.section(SCL, "3.7 Listed chemicals")
    tabs = kblib.tables(sec)
    for tab in tabs:
        col = "List I chemical" if "List I chemical" in tab[0] else \
            "List II chemical"
        sched = "List I" if col == "List I chemical" else "List II"
        for r in tab:
            raw = r[col]
            if raw.startswith("N-Phenethyl-4-piperidone"):
                continue  # curated (fentanyl_status.PRECURSORS)
            name, syn, cov = raw, [], None
            m = re.match(r"^(.*?), its esters and salts$", raw)
            if m:
                name, cov = m.group(1), "salts, esters"
            m = re.match(r"^(.*?) and its salts$", raw)
            if m:
                name, cov = m.group(1), "salts"
            m = re.match(r"^(.*?) \(([^()]*)\)$", name)
            incl = None
            if m:
                name = m.group(1)
                if m.group(2).startswith("incl."):
                    incl = m.group(2)
                else:
                    syn = [s.strip() for s in re.split(r"[;,]", m.group(2))
                           if s.strip()]
            e, path, cit = us_entry("List", name, None, r["#"],
                                    ln(sec, r) + SC_OFF["3.7 Listed chemicals"],
                                    None, "precursor", sched)
            e.add("code", "DEA %s" % r["DEA chemical code"])
            if incl:
                e.add("note", "21 CFR 1310.02 as summarised: " + incl)
            e.add("synonym", [s for s in syn if s != "incl"])
            if cov:
                e.add("covers", cov)
                e.add("covers-note", "21 CFR 1310.02: " + raw)
            e.add("period", us_generic_period("List", "21 CFR 1310.02"))
            e.add("confidence", "S")
            sysn = [(name, "21 CFR 1310.02 via %s §3.7" % SC)] \
                if chemid.looks_systematic(name) else []
            emit(path, e, [name] + syn, sysn, dbid_of(r.get("Structure "
                                                            "source", "")),
                 fentanyl=False)


def build_precursors_us():
    for p in FS.PRECURSORS:
        us = p.get("us")
        if not us:
            continue
        sched, code, pers, notes = us[0], us[1], us[2], us[3]
        key = "List" if sched.startswith("List") else "II"
        e, path, cit = us_entry(key, p["name"], None, "-", 0, None,
                                "precursor", sched)
        e.fields = [f for f in e.fields if f[0] not in ("source",
                                                        "citation")]
        e.add("citation", "21 CFR 1310.02" if key == "List" else
              "21 CFR 1308.12(g)(3)")
        e.add("source", "%s §4; %s §3.3, §3.7" % (CS, SC))
        e.add("synonym", p.get("synonyms", []))
        if code:
            e.add("code", code)
        if p.get("cas"):
            e.add("cas", p["cas"])
            e.add("note", "CAS from %s §4 [%s]" % (CS, p["cas_tag"]))
        if len(us) > 4:
            e.add("covers", us[4])
            e.add("covers-note", us[5])
        elif p["key"] == "benzylfentanyl":
            e.add("covers", "salts")
            e.add("covers-note", "21 CFR 1310.02: benzylfentanyl and its "
                  "salts (schedules.md §3.7)")
        for x in pers:
            e.add("period", period(*x))
        for n in notes + p.get("notes", []):
            e.add("note", n)
        e.add("confidence", kblib.weakest([x[4] for x in pers]))
        emit(path, e, [p["name"]] + p.get("synonyms", []), p["sysnames"],
             fentanyl=False)


SC_OFF = {}


def build_us():
    # line offsets of sections (section() returns a slice)
    for s in ["3.1 Schedule I", "3.3 Schedule II", "3.4 Schedule III",
              "3.5 Schedule IV", "3.6 Schedule V", "3.7 Listed chemicals",
              "3.1"]:
        head = kblib.section(SCL, s)[0]
        SC_OFF[s] = SCL.index(head)
    us_instruments()
    build_us_schedule_i()
    build_us_schedule_i_later()
    build_us_table("II", "3.3 Schedule II")
    build_us_table("III", "3.4 Schedule III")
    build_us_steroids()
    build_us_table("IV", "3.5 Schedule IV")
    build_us_table("V", "3.6 Schedule V")
    build_us_later_other()
    build_us_lists()
    build_precursors_us()

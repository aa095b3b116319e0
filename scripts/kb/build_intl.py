# UN conventions, China, United Kingdom, Canada (schedules.md §2.2-§2.5,
# §4-§7; controlled-substances.md §2.2-§2.4, §3.2, §3.4, §4, §5).
# Executed inside build.py.

DB_ALIAS = {  # schedules.md §8.1 alias map (reference's own)
    "pethidine": "Meperidine", "heroin": "Diamorphine",
    "methamphetamine": "Metamfetamine", "metamfetamine": "Metamfetamine",
    "levomethamphetamine": "Levmetamfetamine",
    "laam": "Levacetylmethadol", "ghb": "Sodium oxybate",
    "clorazepate": "Clorazepic acid", "amfepramone": "Diethylpropion",
    "dexamfetamine": "Dextroamphetamine", "ergonovine": "Ergometrine",
    "ergometrine": "Ergometrine",
    # kbdata additions (D): British approved names of the same drugs
    "methylamphetamine": "Metamfetamine", "amphetamine": "Amphetamine",
}
DB_BY_NAME = {}
for _id, (_n, _s) in DB.items():
    DB_BY_NAME[_n.lower()] = _id


def db_by_name(name):
    n = name.strip().lower()
    if n in DB_ALIAS:
        n = DB_ALIAS[n].lower()
    return DB_BY_NAME.get(n)


def instrument(path, iid, jur, title, citation, schedules, covers=None,
               covers_note=None, conf="S", source=None, notes=(),
               periods=()):
    e = Entry("instrument", iid)
    e.add("jurisdiction", jur)
    e.add("title", title)
    e.add("citation", citation)
    e.add("schedule", list(schedules))
    e.add("covers", covers)
    e.add("covers-note", covers_note)
    for p in periods:
        e.add("period", period(*p))
    e.add("confidence", conf)
    e.add("source", source)
    e.add("note", list(notes))
    INSTRUMENTS.setdefault(path, []).append(e)


def ientry(path, prefix, jur, iid, sched, name, periods, citation, source,
           kind="substance", synonyms=(), zh=None, cas=None, cas_note=None,
           sysnames=(), dbid=None, notes=(), covers=None, covers_note=None,
           strip_ok=True, code=None, listing_conf=None, db_name_match=True):
    rec = fent_of(name)
    e = Entry(kind, KBS.new_id(prefix, rec["key"] if rec else name))
    e.add("jurisdiction", jur)
    e.add("instrument", iid)
    e.add("schedule", sched)
    e.add("name", name)
    for s in synonyms:
        if kblib.n1(s) != kblib.n1(name):
            e.add("synonym", s)
    if rec:
        for n in rec["names"]:
            if kblib.n1(n) != kblib.n1(name):
                e.add("synonym", n)
        e.add("source", "%s §3.1 (line %d)" % (CS, rec["line"]))
    if zh:
        e.add("name-zh", zh)
    if cas:
        add_cas(e, cas, cas_note)
    if rec and rec.get("cas") and not e.get("cas"):
        e.add("cas", rec["cas"])
        e.add("note", "CAS from %s §3.1 [%s]" % (CS, rec["cas_tag"]))
    e.add("code", code)
    e.add("covers", covers)
    e.add("covers-note", covers_note)
    for p in periods:
        e.add("period", period(*p))
    e.add("citation", citation)
    confs = [p[4] for p in periods] + ([listing_conf] if listing_conf else [])
    e.add("confidence", kblib.weakest(confs))
    e.add("source", source)
    for n in notes:
        e.add("note", n)
    if dbid is None and db_name_match and not (rec and rec.get("smiles")):
        dbid = db_by_name(name)
        if dbid:
            e.add("note", "structure matched to DrugBank by name (exact, or the "
                  "schedules.md §8.1 alias map) "
                  "(kbdata, D)")
    sysn = list(sysnames)
    for s in synonyms:
        if chemid.looks_systematic(s):
            sysn.append((s, "synonym as listed"))
    if chemid.looks_systematic(name):
        sysn.append((name, "name as listed"))
    if name.endswith(" (ester)"):
        # "1-Methyl-4-phenyl-4-piperidinol propionate (ester)": the
        # parenthesis only says the name is an ester name
        sysn.append((name[:-8], "name as listed, without '(ester)'"))
    if iid in ("un1971", "un1988", "cn-precursor"):
        strip_ok = False  # no general isomer clause (schedules.md §2.2)
    emit(path, e, [name] + list(synonyms), sysn, dbid, strip_ok)
    return e


def split_list(text):
    return [x.strip().rstrip(".") for x in re.split(r";\s*", text)
            if x.strip()]


def para_after(lines, marker):
    for i, l in enumerate(lines):
        if l.startswith(marker):
            return l[len(marker):].strip(), i
    raise KeyError(marker)


# ------------------------------------------------------------------ UN

UN1961 = "un/1961-single-convention.kb"
UN1971 = "un/1971-psychotropics-convention.kb"
UN1988 = "un/1988-precursors-convention.kb"


def cnd_period(cell, basis_tag):
    m = re.search(r"CND (\d+), (\d{4})", cell)
    return (m.group(2), "", "permanent", "CND %s, %s" % (m.group(1),
                                                       m.group(2)), basis_tag)


def tag_of(cell):
    m = re.search(r"\[([VSUD])\]?", cell)
    m = m or re.search(r"\[([VSUD])\b", cell)
    return m.group(1) if m else "U"


def build_un():
    prov_src = ["../shared/reference/%s §2.2, §4 (S/U/D per row)" % SC,
                "../shared/reference/%s §2.5, §3.2, §4, §5" % CS]
    amb = ["no INCB Yellow/Green/Red List was retrieved: every UN row is S or "
           "U until checked against the current lists (schedules.md §4)",
           "CND decision years are the session year; the date of entry into "
           "force is usually later and is not in the reference"]
    FILE_META[UN1961] = (["UN Single Convention on Narcotic Drugs, 1961: "
                          "Schedules I, II, IV."],
                         provenance(prov_src, amb + [
                             "Schedule I baseline = China's 2013 catalogue "
                             "items 1-109 by name equivalence (D); "
                             "dihydroetorphine, remifentanil, oripavine may "
                             "be Chinese national additions (U)"]))
    FILE_META[UN1971] = (["UN Convention on Psychotropic Substances, 1971: "
                          "Schedules I-IV."], provenance(prov_src, amb))
    FILE_META[UN1988] = (["UN Convention against Illicit Traffic, 1988: "
                          "Tables I and II (precursors)."],
                         provenance(prov_src, amb + [
                             "names and years of the non-fentanyl rows are "
                             "recollection (U) cross-checked against the UK "
                             "Home Office precursor list (S)"]))
    instrument(UN1961, "un1961", "UN", "Single Convention on Narcotic Drugs, "
               "1961", "Single Convention on Narcotic Drugs, 1961, as amended "
               "by the 1972 Protocol; Schedules I-IV",
               ["I", "II", "III", "IV"], "salts, isomers, esters, ethers",
               "Schedule I: each drug with its isomers (unless excepted), "
               "esters and ethers (unless listed elsewhere) and salts of all "
               "of these; Schedule II: isomers and salts; Schedule IV is a "
               "subset of Schedule I (schedules.md §2.2, U)", "U",
               "%s §2.2, §4.1, §4.2" % SC,
               ["no generic or analogue clause: substances are added one by "
                "one (V)"])
    instrument(UN1971, "un1971", "UN", "Convention on Psychotropic "
               "Substances, 1971", "Convention on Psychotropic Substances, "
               "1971; Schedules I-IV", ["I", "II", "III", "IV"], "salts",
               "salts covered; stereoisomers where the entry says so "
               "(schedules.md §2.2, U)", "U", "%s §2.2, §4.3" % SC)
    instrument(UN1988, "un1988", "UN", "United Nations Convention against "
               "Illicit Traffic in Narcotic Drugs and Psychotropic Substances"
               ", 1988", "1988 Convention, Tables I and II",
               ["Table I", "Table II"], "salts",
               "Table I/II substances and their salts where they can exist "
               "(Table II: salts of hydrochloric and sulphuric acid "
               "excluded); some entries add optical isomers, esters, amides "
               "or carbamates (schedules.md §2.2, U)", "U",
               "%s §2.2, §4.4" % SC)
    # 1961 Schedule I baseline
    sec = kblib.section(SCL, "4.1 Single Convention")
    off = SCL.index(sec[0])
    tabs = kblib.tables(sec)
    seen_i = {}
    for r in tabs[0]:
        name = r["Name (CN English)"]
        rec = fent_of(name)
        key = rec["key"] if rec else None
        pers = [("?", "", "permanent", "Single Convention 1961, Schedule I "
                 "(2013 baseline)", "U")]
        notes = ["listed in Schedule I per the 2013 baseline (China's "
                 "catalogue items 1-109, name equivalence D); date of "
                 "control not in the reference"]
        if key in FS.UN:
            s, pers, n2 = FS.UN[key][0]
            notes = list(n2) + ["Schedule I listing: %s §3.2" % CS]
        if name == "Dihydroetorphine":
            notes.append("UN status U: may be a Chinese national addition "
                         "(schedules.md §4.1)")
        if name == "Oripavine":
            notes.append("UN status U: believed UN Schedule I since 2007, may "
                         "be a Chinese national addition (schedules.md §4.1)")
        syn = []
        if r["CN remark"] and re.fullmatch(r"[A-Z0-9-]+", r["CN remark"]):
            syn.append(r["CN remark"])
        e = ientry(UN1961, "un1961-i", "UN", "un1961", "I", name, pers,
                   "Single Convention 1961, Schedule I",
                   "%s §4.1 row %s (line %d)" % (SC, r["#"],
                                                  ln(sec, r) + off),
                   synonyms=syn, cas=r["CAS (CN)"],
                   cas_note="CAS as printed by the Chinese catalogue (S)",
                   dbid=dbid_of(r["Structure source"]), notes=notes)
        seen_i[kblib.n1(name)] = e
    # additions since 2013
    for r in tabs[1]:
        cell, basis = r["Substance"], r["Basis"]
        names = [cell]
        if cell.startswith("N-Pyrrolidino protonitazene"):
            names = ["N-Pyrrolidino protonitazene",
                     "N-Pyrrolidino metonitazene",
                     "Etonitazepipne (N-piperidinyl etonitazene)"]
        for nm in names:
            syn = []
            m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
            if m:
                nm, syn = m.group(1), [s.strip() for s in
                                        m.group(2).split(",")]
            tag = tag_of(basis)
            if "year [U]" in basis:
                tag = "U"
            p = cnd_period(r["CND decision"], tag)
            if nm in FS.UN_ADDITION_DATES:
                d, t, c = FS.UN_ADDITION_DATES[nm]
                p = (d, "", "permanent", c, t)
            rec = fent_of(nm)
            notes = ["CND decision year; basis: " + basis]
            if cell.startswith("N-Pyrrolidino protonitazene"):
                notes.append("CND 68 (2025) list [U]: reported with 'one "
                             "more' substance not named in the reference")
            if rec and rec["key"] in FS.UN:
                for s, pers, n2 in FS.UN[rec["key"]]:
                    if s == "I":
                        ps, notes = pers, list(n2) + [
                            "date and tag: %s §3.2" % CS]
            else:
                ps = [p]
            if kblib.n1(nm) in seen_i:
                continue
            ientry(UN1961, "un1961-i", "UN", "un1961", "I", nm, ps,
                   "Single Convention 1961, Schedule I; %s"
                   % r["CND decision"],
                   "%s §4.1 additions (line %d)" % (SC, ln(sec, r) + off),
                   synonyms=syn, notes=notes)
    # Schedule II
    sec2 = kblib.section(SCL, "4.2 Single Convention")
    off2 = SCL.index(sec2[0])
    txt, i2 = para_after(sec2, "Schedule II (10)")
    txt = txt.split("]: ", 1)[1]
    for nm in [x.strip().rstrip(".") for x in txt.split(",")]:
        ientry(UN1961, "un1961-ii", "UN", "un1961", "II", nm,
               [("?", "", "permanent", "Single Convention 1961, Schedule II",
                 "U")], "Single Convention 1961, Schedule II",
               "%s §4.2 (line %d)" % (SC, i2 + off2 + 1),
               covers="salts, isomers",
               covers_note="Schedule II: isomers and salts (schedules.md "
               "§2.2, U)",
               notes=["membership derived from China's catalogue items "
                      "110-119 (D); UN membership U"])
    # Schedule IV
    for r in kblib.tables(sec2)[0]:
        cell = r["Substance"]
        if cell.startswith("Cannabis"):
            ientry(UN1961, "un1961-iv", "UN", "un1961", "IV",
                   "Cannabis and cannabis resin",
                   [("?", "2020-12", "permanent",
                     "Single Convention 1961, Schedule IV", "U")],
                   "Single Convention 1961, Schedule IV",
                   "%s §4.2 (line %d)" % (SC, ln(sec2, r) + off2),
                   notes=["deleted from Schedule IV by CND vote, Dec 2020 "
                          "(U); still Schedule I"], db_name_match=False)
            continue
        nm = re.sub(r"\s*\(\d{4}\)$", "", cell)
        rec = fent_of(nm)
        pers = [("?", "", "permanent", "Single Convention 1961, Schedule IV",
                 "U")]
        notes = ["Schedule IV membership " + r["Basis"]]
        if rec and rec["key"] in FS.UN:
            for s, ps, n2 in FS.UN[rec["key"]]:
                if s == "IV":
                    pers, notes = ps, list(n2) + ["%s §3.2" % CS]
        ientry(UN1961, "un1961-iv", "UN", "un1961", "IV", nm, pers,
               "Single Convention 1961, Schedule IV",
               "%s §4.2 (line %d)" % (SC, ln(sec2, r) + off2), notes=notes)
    build_un1971()
    build_un1988()


def build_un1971():
    sec = kblib.section(SCL, "4.3 Psychotropics")
    off = SCL.index(sec[0])
    tabs = kblib.tables(sec)
    tabi = 0
    for sched in ["I", "II", "III", "IV"]:
        marker = "**Schedule %s**" % sched
        txt, i = para_after(sec, marker)
        body = txt.split(":", 1)[1]
        tagm = re.search(r"\[([VSUD])", txt.split(":", 1)[0])
        base_tag = tagm.group(1) if tagm else "S"
        for nm in [x.strip().rstrip(".") for x in body.split(";")]:
            syn = []
            notes = ["baseline: INCB Green List names, c. 2010 edition "
                     "(S); date of control not in the reference"]
            m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
            if m:
                nm, syn = m.group(1), [s.strip() for s in
                                        re.split(r",\s+", m.group(2))]
            for s in list(syn):
                if "isomers" in s:
                    syn.remove(s)
                    notes.append("Green List: " + s)
            if " and its stereochemical variants" in nm:
                nm = nm.replace(" and its stereochemical variants", "")
                notes.append("listed with its stereochemical variants")
            if nm == "Mesocarb":
                notes.append("current schedule U: DEA's 2022 Schedule I "
                             "placement 'to meet 1971 obligations' suggests a "
                             "transfer (schedules.md §4.3 caveats)")
            ientry(UN1971, "un1971-%s" % sched.lower(), "UN", "un1971", sched,
                   nm, [("?", "", "permanent",
                         "Convention on Psychotropic Substances 1971, "
                         "Schedule %s" % sched, "S" if base_tag in "VS"
                         else "U")],
                   "1971 Convention, Schedule %s" % sched,
                   "%s §4.3 (line %d)" % (SC, i + off + 1), synonyms=syn,
                   notes=notes)
        if sched in ("I", "II", "IV"):
            for r in tabs[tabi]:
                cell = r[[k for k in r if k.startswith("Added to")][0]]
                nm, syn = cell, []
                nm = nm.split(" — ")[0]
                m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
                if m:
                    nm, syn = m.group(1), [s.strip() for s in
                                            re.split(r",\s+", m.group(2))]
                p = cnd_period(r["CND"], "U" if "year [U]" in r["Basis"]
                               else tag_of(r["Basis"]))
                notes = ["CND decision year; basis: " + r["Basis"]]
                if " — " in cell:
                    notes.append(cell.split(" — ")[1])
                if "transferred from Schedule IV" in cell:
                    # the earlier Schedule IV listing, ended by the transfer
                    ientry(UN1971, "un1971-iv", "UN", "un1971", "IV", nm,
                           [("?", str(int(p[0]) - 1), "permanent",
                             "1971 Convention, Schedule IV", "U")],
                           "1971 Convention, Schedule IV",
                           "%s §4.3 additions (line %d)"
                           % (SC, ln(sec, r) + off), synonyms=syn,
                           notes=["in Schedule IV until transferred to "
                                  "Schedule II by %s (U); the end is the "
                                  "year before (D)" % r["CND"]])
                ientry(UN1971, "un1971-%s" % sched.lower(), "UN", "un1971",
                       sched, nm, [p], "1971 Convention, Schedule %s; %s"
                       % (sched, r["CND"]),
                       "%s §4.3 additions (line %d)" % (SC, ln(sec, r) + off),
                       synonyms=syn, notes=notes)
            tabi += 1


def build_un1988():
    sec = kblib.section(SCL, "4.4 1988 Convention")
    off = SCL.index(sec[0])
    tabs = kblib.tables(sec)
    fent_prec = {kblib.n1(x): p for p in FS.PRECURSORS
                 for x in [p["name"]] + p.get("synonyms", [])}
    for r in tabs[0]:
        cell = r["Table I substance"]
        year = r["Year in Table I"]
        nm, syn = cell, []
        covers = None
        if "and its esters" in nm:
            nm = nm.replace(" and its esters", "")
            covers = "salts, esters"
        m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
        if m:
            nm, syn = m.group(1), [s.strip() for s in re.split(r",\s+",
                                                               m.group(2))]
            if syn and syn[0].startswith("moved from"):
                syn = []
        if nm.startswith("DEPAPD"):
            for code, full in [("DEPAPD", "diethyl (phenylacetyl)"
                                "propanedioate"),
                               ("EAPA", "ethyl α-phenylacetoacetate"),
                               ("IMDPAM", "isopropylidene (2-(3,4-methylene"
                                "dioxyphenyl)acetyl)malonate"),
                               ("MAMDPA", "methyl 3-oxo-2-(3,4-methylene"
                                "dioxyphenyl)butanoate")]:
                ientry(UN1988, "un1988-t1", "UN", "un1988", "Table I", code,
                       [("2025", "", "permanent", "CND 2025 (U)", "U")],
                       "1988 Convention, Table I", "%s §4.4 (line %d)"
                       % (SC, ln(sec, r) + off), kind="precursor",
                       sysnames=[(full, SC + " §4.4 (UK/EU list, S)")],
                       notes=["whether it is in UN Table I (CND 2025) is U "
                              "(schedules.md §4.4)"])
            continue
        p = fent_prec.get(kblib.n1(nm)) or fent_prec.get(
            kblib.n1(syn[0]) if syn else "")
        if p:
            continue  # fentanyl precursors: build_precursors_intl
        if year.startswith("year"):
            pers = [("?", "", "permanent", "1988 Convention, Table I", "U")]
        else:
            pers = [(year, "", "permanent", "1988 Convention, Table I (%s)"
                     % year, "U")]
        notes = ["name and year from recollection (U), cross-checked "
                 "against the UK Home Office precursor list (S)"]
        if "moved from Table II" in cell:
            notes.append("in Table II before %s" % year)
            ientry(UN1988, "un1988-t2", "UN", "un1988", "Table II", nm,
                   [("?", str(int(year) - 1), "permanent",
                     "1988 Convention, Table II", "U")],
                   "1988 Convention, Table II", "%s §4.4 (line %d)"
                   % (SC, ln(sec, r) + off), kind="precursor",
                   notes=["moved to Table I in %s (U)" % year])
        ientry(UN1988, "un1988-t1", "UN", "un1988", "Table I", nm, pers,
               "1988 Convention, Table I", "%s §4.4 (line %d)"
               % (SC, ln(sec, r) + off), kind="precursor", synonyms=syn,
               covers=covers, notes=notes, sysnames=[])
    for r in tabs[1]:
        nm = r["Table II substance"]
        ientry(UN1988, "un1988-t2", "UN", "un1988", "Table II", nm,
               [("?", "", "permanent", "1988 Convention, Table II", "U")],
               "1988 Convention, Table II", "%s §4.4 (line %d)"
               % (SC, ln(sec, r) + off), kind="precursor",
               notes=["name from recollection (U), cross-checked against "
                      "the UK Home Office precursor list (S)"])


# ------------------------------------------------------------------ China

CN_NAR = "cn/narcotic-catalogue.kb"
CN_PSY = "cn/psychotropic-catalogue.kb"
CN_SUP = "cn/supplementary-list.kb"
CN_PRE = "cn/precursor-catalogue.kb"


def zh_clean(s):
    star = s.endswith("*")
    return s.rstrip("*").strip(), star


def build_cn():
    prov = ["../shared/reference/%s §2.3, §5 (CN: Benzyl-titanium/"
            "Structural-formula README tables and blog, S)" % SC,
            "../shared/reference/%s §2.2, §3.1, §3.2, §3.4, §4" % CS]
    FILE_META[CN_NAR] = (["China: 麻醉药品品种目录 (Narcotic Drug Catalogue, "
                          "2013 edition, in force 1 Jan 2014) and later "
                          "additions."], provenance(prov, [
                              "control before the 2013 catalogue took effect "
                              "(1 Jan 2014) is not in the reference: periods "
                              "start on 2014-01-01"]))
    FILE_META[CN_PSY] = (["China: 精神药品品种目录 (Psychotropic Substance "
                          "Catalogue, 2013 edition), Categories I and II, and "
                          "later adjustments."], provenance(prov, [
                              "control before 1 Jan 2014 not in the reference"
                              "; compound-preparation adjustments (codeine, "
                              "oxycodone, hydrocodone, buprenorphine/naloxone "
                              "products) are not encoded as substances"]))
    FILE_META[CN_SUP] = (["China: 非药用类麻醉药品和精神药品管制品种增补目录 "
                          "(Supplementary List of non-medical narcotic drugs "
                          "and psychotropic substances), named entries."],
                         provenance(prov, [
                             "the three class entries (fentanyls 2019, "
                             "synthetic cannabinoids 2021, nitazenes 2025) "
                             "are [class] entries kept elsewhere",
                             "source typos normalised as schedules.md §5.5 "
                             "says (digit 1 for letter l in systematic "
                             "names); every change is noted per entry"]))
    FILE_META[CN_PRE] = (["China: precursor chemicals catalogue "
                          "(fentanyl precursors only)."], provenance(
                              ["../shared/reference/%s §3.4, §4" % CS],
                              ["the Chinese title of the precursor catalogue "
                               "and its other entries are not in the "
                               "reference"]))
    instrument(CN_NAR, "cn-narcotic", "CN", "麻醉药品品种目录 (Narcotic Drug "
               "Catalogue)", "Narcotic Drug Catalogue, 2013 edition (CFDA/"
               "MPS/NHFPC), in force 1 Jan 2014, with later notices",
               ["Narcotic"], "salts, isomers, esters, ethers, preparations",
               "entries include their possible salts and single-ingredient "
               "preparations, and their possible isomers, esters and ethers, "
               "unless stated otherwise (schedules.md §2.3, S)", "S",
               "%s §2.3, §5.1" % SC,
               ["'*' after a Chinese name marks drugs produced and used in "
                "China (official marker)"],
               [("2014-01-01", "", "permanent", "2013 edition in force", "S")])
    instrument(CN_PSY, "cn-psychotropic", "CN", "精神药品品种目录 "
               "(Psychotropic Substance Catalogue)", "Psychotropic Substance "
               "Catalogue, 2013 edition, in force 1 Jan 2014, with later "
               "notices", ["Category I", "Category II"],
               "salts, isomers, preparations",
               "entries include salts and single-ingredient preparations and "
               "isomers (no esters/ethers clause) (schedules.md §2.3, S)",
               "S", "%s §2.3, §5.2-§5.4" % SC,
               periods=[("2014-01-01", "", "permanent", "2013 edition in "
                         "force", "S")])
    instrument(CN_SUP, "cn-supp", "CN", "非药用类麻醉药品和精神药品管制品种增补"
               "目录 (Supplementary List, non-medical)", "Measures for "
               "Listing Non-medical Narcotic Drugs and Psychotropic "
               "Substances; Supplementary List from 1 Oct 2015 with later "
               "announcements", ["Supplementary"], "salts, optical-isomers",
               "entries include their salts, optical isomers and salts of "
               "optical isomers unless stated otherwise (2015 note; "
               "schedules.md §2.3, S)", "S", "%s §2.3, §5.5" % SC,
               periods=[("2015-10-01", "", "permanent", "first batch in "
                         "force", "S")])
    instrument(CN_PRE, "cn-precursor", "CN", "China precursor chemicals "
               "catalogue", "precursor chemicals catalogue (title not in the "
               "reference)", ["Precursor"], None, None, "S",
               "%s §3.4, §4" % CS)
    build_cn_catalogues()
    build_cn_supp()


def cn_names(zh_cell, en_cell, remark):
    zh, star = zh_clean(zh_cell)
    syn, notes = [], []
    if star:
        notes.append("marked * in the catalogue (produced and used in "
                     "China)")
    if remark:
        if re.search(r"[\u4e00-\u9fff]", remark):
            notes.append("catalogue remark: " + remark)
        else:
            syn.append(remark)
    return zh, syn, notes


def build_cn_catalogues():
    for secname, path, iid, sched, prefix in [
            ("5.1 麻醉药品品种目录", CN_NAR, "cn-narcotic", "Narcotic",
             "cn-nar"),
            ("5.2 精神药品品种目录", CN_PSY, "cn-psychotropic", "Category I",
             "cn-psy1"),
            ("5.3 精神药品品种目录", CN_PSY, "cn-psychotropic", "Category II",
             "cn-psy2")]:
        sec = kblib.section(SCL, secname)
        off = SCL.index(sec[0])
        for r in kblib.tables(sec)[0]:
            en = r["English name (as listed)"].strip()
            zh, syn, notes = cn_names(r["Chinese name"], en,
                                      r["Remark / common name"])
            cas = r["CAS (as printed)"]
            if en in ("Methcathinone", "4-Methylmethcathinone"):
                notes.append("CAS cell not used: schedules.md §5.3 notes say "
                             "5650-44-2 is printed for both methcathinone and "
                             "mephedrone, so neither number was propagated")
                cas = ""
            if cas.startswith("54-04--6"):
                notes.append("CAS printed as '54-04--6' (malformed): left out")
                cas = ""
            if "盐酸盐" in cas:
                notes.append("the CAS number printed is the hydrochloride's")
            pers = [(r["In force"], "", "permanent", "%s, 2013 edition"
                     % ("Narcotic Drug Catalogue" if sched == "Narcotic" else
                        "Psychotropic Substance Catalogue"), "S")]
            name = en
            rec = fent_of(en)
            if en == "Modafinil" and sched == "Category I":
                pers = [(r["In force"], "2023-09-30", "permanent",
                         "Psychotropic Substance Catalogue, 2013 edition",
                         "S")]
                notes.append("moved to Category II from 1 Oct 2023 (2023 No. "
                             "120)")
            if en == "Midazolam" and sched == "Category II":
                notes.append("from 1 Jul 2024 midazolam API and injections "
                              "are Category I (2024 No. 54); other "
                              "single-ingredient preparations stay Category "
                              "II")
            ientry(path, prefix, "CN", iid, sched, name, pers,
                   "%s item %s" % ("麻醉药品品种目录 (2013)" if sched ==
                                   "Narcotic" else "精神药品品种目录 (2013) "
                                   + sched, r["#"]),
                   "%s §%s row %s (line %d)" % (SC, secname.split()[0],
                                                r["#"], ln(sec, r) + off),
                   synonyms=syn, zh=zh, cas=cas,
                   cas_note="CAS as printed by the catalogue copy (S)",
                   dbid=dbid_of(r["Structure source"]), notes=notes,
                   db_name_match=False)
    # later adjustments (schedules.md §5.4)
    sec = kblib.section(SCL, "5.4 Later adjustments")
    off = SCL.index(sec[0])
    later = [
        (CN_NAR, "cn-nar", "cn-narcotic", "Narcotic", "Oliceridine", None,
         "2023-07-01", "2023 No. 43"),
        (CN_NAR, "cn-nar", "cn-narcotic", "Narcotic", "Tegileridine", "泰吉利定",
         "2023-10-01", "2023 No. 120"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Remimazolam",
         None, "2020-01-01", "2019 No. 108"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Suvorexant",
         None, "2023-07-01", "2023 No. 43"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Perampanel",
         None, "2023-07-01", "2023 No. 43"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Eptazocine",
         "依他佐辛", "2023-07-01", "2023 No. 43"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Dimdazenil",
         "地达西尼", "2023-10-01", "2023 No. 120"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Etomidate",
         None, "2023-10-01", "2023 No. 120"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II",
         "Modafinil", None, "2023-10-01", "2023 No. 120"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II",
         "Dextromethorphan", None, "2024-07-01", "2024 No. 54"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Nalfurafine",
         None, "2024-07-01", "2024 No. 54"),
        (CN_PSY, "cn-psy2", "cn-psychotropic", "Category II", "Lorcaserin",
         None, "2024-07-01", "2024 No. 54"),
        (CN_PSY, "cn-psy1", "cn-psychotropic", "Category I",
         "Midazolam (API and injections)", None, "2024-07-01", "2024 No. 54"),
    ]
    for path, prefix, iid, sched, name, zh, d, notice in later:
        notes = ["added by notice %s (schedules.md §5.4, S: CN blog quoting "
                 "the official notice)" % notice]
        if name == "Etomidate":
            notes.append("approved etomidate medicinal preparations excepted")
        if name == "Modafinil":
            notes.append("moved from Category I (see cn-psy1-modafinil)")
        if name.startswith("Midazolam"):
            notes.append("moved from Category II for the API and injections; "
                         "other single-ingredient midazolam preparations stay "
                         "Category II")
        dbn = "Midazolam" if name.startswith("Midazolam") else name
        ientry(path, prefix, "CN", iid, sched, name,
               [(d, "", "permanent", "notice " + notice, "S")],
               "notice " + notice, "%s §5.4 (line %d)" % (SC, off + 1),
               zh=zh, notes=notes, dbid=db_by_name(dbn), db_name_match=False)


SUPP_TYPO = {"Didazepam": ["Diclazepam"],
             "3-EPM-3-Fluorophenmetrazine": ["3-FPM",
                                             "3-Fluorophenmetrazine"],
             "2-FDCKFluoroketamine": ["2-FDCK", "Fluoroketamine"],
             "Ocfentanyl": ["Ocfentanil"],
             "Carfentanyl Carfentanil": ["Carfentanil", "Carfentanyl"],
             "hexahydrocannabinol(HHC)": ["Hexahydrocannabinol", "HHC"]}


# Printed systematic names that OPSIN reads as another structure, found by
# comparing entries that share a CAS number (build.py cross-check).
SUPP_NAME_FIX = {
    "5F-AMB": ("Methyl 2-(1-(5-fluoropentyl)-1H-indazole-3-carboxamido)-3-"
               "methylbutanoate", "21 CFR 1308.11(d) name for the same CAS "
               "1715016-74-2 (schedules.md §3.1)",
               "the printed systematic name lacks the 'N-' locant of the "
               "amide and OPSIN reads it as a ring-substituted indazole; the "
               "structure is taken from the 21 CFR name of the same CAS "
               "number (D)"),
}


# Obvious typos in printed systematic names (D); each use is noted.
SUPP_TYPO_FIX = [("dibenzob,dpyran", "dibenzo[b,d]pyran"),
                 ("Fhuorophenyl", "Fluorophenyl"),
                 ("dimethox-phenethylamine", "dimethoxyphenethylamine")]


def fix_digit_l(s):
    # schedules.md §5.5: "methy1", "benzy1", "imidazo1" (digit 1 for l);
    # and the reverse in ring-fusion locants ("[l,2,4]triazolo")
    s = re.sub(r"(?<=[a-z])1(?=[\-)\s,]|$)", "l", s)
    return re.sub(r"\[l,", "[1,", s)


def build_cn_supp():
    sec = kblib.section(SCL, "5.5 非药用类")
    off = SCL.index(sec[0])
    for r in kblib.tables(sec)[0]:
        batch = r["Batch in force"]
        common = r["Common name"].strip()
        names = SUPP_TYPO.get(common, [common])
        name, syn = names[0], names[1:]
        notes = []
        if common in SUPP_TYPO:
            notes.append("common name printed as '%s' (source typo, "
                         "schedules.md §5.5)" % common)
        sysname = r["Systematic name (as listed)"].strip()
        fixed = fix_digit_l(re.sub(r"(?<=-) +| +(?=-)", "", sysname))
        for a, b in SUPP_TYPO_FIX:
            if a in fixed:
                fixed = fixed.replace(a, b)
                notes.append("systematic name: '%s' read as '%s' (obvious "
                             "typo or lost brackets, D)" % (a, b))
        sysn = []
        if fixed != sysname:
            notes.append("systematic name printed as '%s'; spaces and digit "
                         "1 for letter l normalised" % sysname)
        if name in SUPP_NAME_FIX:
            sysn.append(SUPP_NAME_FIX[name][:2])
            notes.append(SUPP_NAME_FIX[name][2])
        sysn.append((fixed, "Supplementary List as printed (schedules.md "
                     "§5.5)"))
        cas = r["CAS (as printed)"]
        if cas.startswith("3004006-31-6"):
            notes.append("CAS cell runs two numbers together "
                         "('3004006-31-61446482-29-6'): left out")
            cas = ""
        if "盐酸盐" in cas:
            notes.append("the CAS number printed is the hydrochloride's")
        tag = "S"
        rec = fent_of(name)
        cit = "Supplementary List, batch in force %s, item %s" % (batch,
                                                                 r["#"])
        if batch == "2017-03-01" and rec:
            tag = "V"
            notes.append("1 Mar 2017 listing verified (Xinhua/ECNS, China "
                         "Daily, UNODC; controlled-substances.md §3.4)")
        if name in FS.CN_SUPP_VERIFIED and batch == "2017-07-01":
            tag = "V"
            notes.append(FS.CN_SUPP_VERIFIED[name])
        if batch == "2015-10-01" and rec:
            notes.append("controlled-substances.md §3.4 has this 2015 "
                         "listing from recollection [U]; the CN catalogue "
                         "copy (schedules.md §5.5) prints it [S]")
        if batch == "2018-09-01" and rec:
            notes.append("controlled-substances.md §3.4 believes this Sep "
                         "2018 listing [U]; the CN catalogue copy prints "
                         "it [S]")
        zh, _ = zh_clean(r["Chinese name"])
        ientry(CN_SUP, "cn-supp", "CN", "cn-supp", "Supplementary", name,
               [(batch, "", "permanent", cit, tag)], cit,
               "%s §5.5 (line %d)" % (SC, ln(sec, r) + off), synonyms=syn,
               zh=zh, cas=cas, cas_note="CAS as printed by the list copy (S)",
               sysnames=sysn, notes=notes, db_name_match=False)


def build_precursors_intl():
    for p in FS.PRECURSORS:
        for jur, key, path, prefix, iid in [
                ("UN", "un", UN1988, "un1988-t1", "un1988"),
                ("CN", "cn", CN_PRE, "cn-prec", "cn-precursor")]:
            if not p.get(key):
                continue
            sched, pers, notes = p[key]
            e = ientry(path, prefix, jur, iid, sched, p["name"], pers,
                       pers[-1][3], "%s §4" % CS, kind="precursor",
                       synonyms=p.get("synonyms", []), sysnames=p["sysnames"],
                       notes=list(notes) + p.get("notes", []),
                       db_name_match=False)
            if p.get("cas"):
                e.add("cas", p["cas"])
                e.add("note", "CAS from %s §4 [%s]" % (CS, p["cas_tag"]))


# ------------------------------------------------------------------ UK

GB = "gb/misuse-of-drugs-act-1971.kb"


def build_gb():
    FILE_META[GB] = (["United Kingdom: Misuse of Drugs Act 1971, Schedule 2 "
                      "(Class A, B, C), named entries."], provenance(
        ["../shared/reference/%s §2.4, §6 (legislation.gov.uk excerpts V; "
         "rest U)" % SC, "../shared/reference/%s §2.3, §5" % CS],
        ["the full current text of Schedule 2 was not retrieved: Class A is "
         "the 1991 point-in-time list (V) plus names believed listed (U) "
         "plus the 2024/2025 SIs (V); Class C is from recollection (U)",
         "dates of first control are not in the reference: such periods "
         "start with '?' (S where a retrieved text shows the listing, U "
         "otherwise)",
         "generic definitions (fentanyls, phenethylamines, tryptamines, "
         "cathinones, nitazenes, ...) are [class] entries kept elsewhere"]))
    instrument(GB, "gb-mda1971", "GB", "Misuse of Drugs Act 1971, Schedule 2",
               "Misuse of Drugs Act 1971 (c. 38), Sch. 2, Parts I-III",
               ["Class A", "Class B", "Class C"],
               "stereoisomers, esters, ethers, salts, preparations",
               "each Part ends with: any stereoisomeric form, any ester or "
               "ether (Class A/B; not where itself listed elsewhere), any "
               "salt, any preparation or product (schedules.md §2.4, U: "
               "standard MDA drafting)", "U", "%s §2.4, §6" % SC)
    sec = kblib.section(SCL, "6.1 Class A")
    off = SCL.index(sec[0])
    # 1991 list
    for i, l in enumerate(sec):
        if l.startswith("Acetorphine, "):
            txt, i91 = l, i
    txt = txt.replace(", morphine N-oxide and other pentavalent nitrogen "
                      "morphine derivatives", " | morphine N-oxide and other "
                      "pentavalent nitrogen morphine derivatives")
    for nm in [x.strip().rstrip(".") for x in re.split(r",\s+", txt)]:
        syn91 = []
        m = re.match(r"^(\S+) \(([^()]*)\)$", nm)
        if m:
            nm, syn91 = m.group(1), [m.group(2)]
        gb_entry("Class A", nm.replace(" | ", ", "),
                 [("?", "", "permanent", "MDA 1971 Sch. 2 Pt I para 1(a) "
                   "(1 Jul 1991 text)", "S")],
                 "%s §6.1 (line %d)" % (SC, i91 + off + 1),
                 ["named in the 1 Jul 1991 point-in-time text [V]; date of "
                  "first control not in the reference"], syn91)
    # believed [U]
    for i, l in enumerate(sec):
        if l.startswith("Not visible in the excerpt"):
            j = i
    blob = ""
    for l in sec[j:j + 8]:
        if not l.strip():
            break
        blob += l if blob.endswith("-") or not blob else " " + l
    blob = blob.split(":", 1)[1]
    blob = blob.split("\n\n")[0]
    blob = blob[:blob.index("Added to Class A")] if "Added to Class A" in \
        blob else blob
    blob = blob.replace(" and the 25x-NBOMe compounds.", "")
    blob = blob.replace("the methadone/moramide/pethidine intermediates",
                        "methadone intermediate, moramide intermediate, "
                        "pethidine intermediates")
    for nm in [x.strip().rstrip(".") for x in re.split(r",\s+", blob)]:
        nm = re.sub(r"\s+", " ", nm)
        if not nm:
            continue
        notes = ["believed named in para 1(a) but not visible in the "
                 "retrieved excerpt [U]"]
        pers = [("?", "", "permanent", "MDA 1971 Sch. 2 Pt I", "U")]
        m = re.match(r"^(.*?) \(moved from B to A in (\d{4})\)$", nm)
        if m:
            nm = m.group(1)
            pers = [(m.group(2), "", "permanent", "moved from Class B to "
                     "Class A (%s)" % m.group(2), "U")]
            notes.append("moved from Class B to Class A in %s [U]"
                         % m.group(2))
            gb_entry("Class B", nm, [("?", str(int(m.group(2)) - 1),
                                      "permanent", "MDA 1971 Sch. 2 Pt II",
                                      "U")],
                     "%s §6.1 (line %d)" % (SC, off + j + 1),
                     ["in Class B until moved to Class A in %s [U]; the end "
                      "is the year before (D)" % m.group(2)])
        if nm in ("AH-7921", "MT-45"):
            notes.append("controlled; listed in the Misuse of Drugs "
                         "(Designation) Order 2015 [V]; Class A [U] "
                         "(controlled-substances.md §5)")
        syn, sysn = [], []
        m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
        if m:
            nm, sysn = m.group(2), [(m.group(1), SC + " §6.1")]
        gb_entry("Class A", nm, pers, "%s §6.1 (line %d)"
                 % (SC, off + j + 1), notes, syn, sysn)
    # SI 2024/190 and 2024/1361
    for nm in ["Brorphine", "Butonitazene", "Ethyleneoxynitazene",
               "Etodesnitazene", "Flunitazene", "Isotonitazene",
               "Metodesnitazene", "Metonitazene", "Protonitazene",
               "N-Desethyl etonitazene", "N-Desethylisotonitazene"]:
        syn = {"Etodesnitazene": ["etazene"],
               "Metodesnitazene": ["metazene"]}.get(nm, [])
        gb_entry("Class A", nm, [("2024-03-20", "", "permanent",
                                  "SI 2024/190", "V")],
                 "%s §6.1 (SI 2024/190)" % SC,
                 ["added by SI 2024/190, in force 20 Mar 2024 [V]; four "
                  "further Class A names of that SI not captured"], syn)
    for nm, syn, sysn in [
            ("AP-237", ["bucinnazine"], "1-[4-([2E]-3-phenyl-2-propen-1-yl)-"
             "1-piperazinyl]-1-butanone"),
            ("AP-238", [], None), ("Azaprocin", [], None),
            ("para-Methyl-AP-237", [], None),
            ("para-Nitroazaprocin", [], None),
            ("2-Methyl-AP-237", [], None)]:
        gb_entry("Class A", nm, [("2025-01-15", "", "permanent",
                                  "SI 2024/1361", "V")],
                 "%s §6.1 (SI 2024/1361)" % SC,
                 ["added by SI 2024/1361 (made 18 Dec 2024, in force 15 Jan "
                  "2025) [V]"], syn,
                 [(sysn, "SI 2024/1361 via %s §6.1" % SC)] if sysn else [])
    # Class B
    sec = kblib.section(SCL, "6.2 Class B")
    offb = SCL.index(sec[0])
    for i, l in enumerate(sec):
        if l.startswith("Acetyldihydrocodeine, "):
            txt, ib = l, i
    txt = txt.split("; the excerpt ends")[0]
    for nm in [x.strip().rstrip(".") for x in re.split(r",\s+", txt)]:
        syn = []
        m = re.match(r"^(.*?) \(([^()]*)\)$", nm)
        if m:
            nm, syn = m.group(1), [s.strip() for s in m.group(2).split(",")]
        pers = [("?", "", "permanent", "MDA 1971 Sch. 2 Pt II para 1(a) "
                 "(Dec 2024 text)", "S")]
        notes = ["named in para 1(a) as at Dec 2024 [V]; date of first "
                 "control not in the reference"]
        if nm in ("1,4-Butanediol", "Gamma-butyrolactone",
                  "4-Hydroxy-n-butyric acid"):
            pers = [("2022", "", "permanent", "moved from Class C to Class B "
                     "(date believed 2022)", "U")]
            notes.append("moved from Class C to Class B, date believed 2022 "
                         "[U]")
        gb_entry("Class B", nm, pers, "%s §6.2 (line %d)"
                 % (SC, offb + ib + 1), notes, syn)
    # Class C [U]
    classc = [
        ("Alprazolam", None), ("Diazepam", None), ("Lorazepam", None),
        ("Zolpidem", None), ("Zopiclone", None), ("Zaleplon", None),
        ("Khat", "2014"), ("Tramadol", "2014"), ("Pregabalin", "2019"),
        ("Gabapentin", "2019"), ("Benzylpiperazine", "2009"),
        ("Buprenorphine", None), ("Cathine", None),
        ("Chlorphentermine", None), ("Diethylpropion", None),
        ("Mazindol", None), ("Meprobamate", None), ("Pemoline", None),
        ("Phentermine", None), ("Pipradrol", None)]
    secc = kblib.section(SCL, "6.3 Class C")
    offc = SCL.index(secc[0])
    for nm, yr in classc:
        pers = [(yr or "?", "", "permanent", "MDA 1971 Sch. 2 Pt III", "U")]
        gb_entry("Class C", nm, pers, "%s §6.3 (line %d)" % (SC, offc + 3),
                 ["Class C list from recollection [U]" +
                  ("; year %s as given" % yr if yr else "")],
                 ["Catha edulis"] if nm == "Khat" else [])
    gb_entry("Class C", "Remimazolam", [("2024-03-20", "", "permanent",
                                         "SI 2024/190", "D")],
             "%s §6.1, §6.3" % SC, ["SI 2024/190 puts one substance in "
                                    "Class C; that it is remimazolam is "
                                    "derived (D) from the companion "
                                    "regulations (MDR Schedule 4)"])
    gb_entry("Class C", "Xylazine", [("2025-01-15", "", "permanent",
                                      "SI 2024/1361", "D")],
             "%s §6.1, §6.3" % SC, ["SI 2024/1361 puts 16 substances in "
                                    "Class C including xylazine (D: the one "
                                    "put in MDR Schedule 4); the other 15 "
                                    "not captured"])
    for nm in ["1,4-Butanediol", "Gamma-butyrolactone",
               "4-Hydroxy-n-butyric acid"]:
        gb_entry("Class C", nm, [("?", "2021", "permanent",
                                  "MDA 1971 Sch. 2 Pt III", "U")],
                 "%s §6.3" % SC, ["in Class C until moved to Class B, date "
                                  "believed 2022 [U]"])


def gb_entry(sched, nm, pers, source, notes, syn=(), sysn=()):
    prefix = {"Class A": "gb-a", "Class B": "gb-b", "Class C": "gb-c"}[sched]
    part = {"Class A": "Part I", "Class B": "Part II",
            "Class C": "Part III"}[sched]
    ientry(GB, prefix, "GB", "gb-mda1971", sched, nm, pers,
           "Misuse of Drugs Act 1971, Sch. 2, %s" % part, source,
           synonyms=list(syn), notes=notes, sysnames=list(sysn))


# ------------------------------------------------------------------ Canada

CA = "ca/cdsa.kb"


def build_ca():
    FILE_META[CA] = (["Canada: Controlled Drugs and Substances Act (S.C. "
                      "1996, c. 19), Schedules I-VI, outline."], provenance(
        ["../shared/reference/%s §2.5, §7" % SC,
         "../shared/reference/%s §2.4, §5" % CS],
        ["only an outline of the schedules is in the reference; most items "
         "are classes ('derivatives and analogues') that structure alone "
         "cannot decide: report Canadian hits as 'probable -- requires "
         "status determination' (controlled-substances.md §2.4)",
         "the 13 named fentanyl sub-items of Schedule I item 16 are the "
         "reference authors' recollection (U)",
         "the date the CDSA took effect is not in the reference: periods "
         "start with '?'"]))
    instrument(CA, "ca-cdsa", "CA", "Controlled Drugs and Substances Act",
               "Controlled Drugs and Substances Act, S.C. 1996, c. 19, "
               "Schedules I-VI", ["Schedule I", "Schedule III",
                                  "Schedule IV", "Schedule V",
                                  "Schedule VI"],
               "salts, derivatives, analogues",
               "items name a parent with its salts, derivatives, isomers and "
               "analogues; 'analogue' = substantially similar chemical "
               "structure (s. 2(1), wording U) (schedules.md §2.5)", "S",
               "%s §2.5, §7; %s §2.4" % (SC, CS))
    ca_entry("Schedule I", "Fentanyl",
             [("?", "", "permanent", "CDSA Sch. I item 16", "S")],
             ["Schedule I item 16: fentanyl, its salts, derivatives and "
              "analogues and their salts [V: Health Canada]; start date not "
              "in the reference"], "CDSA Sch. I, item 16")
    for nm in ["acetyl-alpha-methylfentanyl", "alfentanil",
               "alpha-methylfentanyl", "alpha-methylthiofentanyl",
               "beta-hydroxyfentanyl", "beta-hydroxy-3-methylfentanyl",
               "carfentanil", "p-fluorofentanyl", "3-methylfentanyl",
               "3-methylthiofentanyl", "sufentanil", "thiofentanyl",
               "remifentanil"]:
        ca_entry("Schedule I", nm, [("?", "", "permanent",
                                     "CDSA Sch. I item 16", "U")],
                 ["one of the named sub-items 16(1)-16(13) per the reference "
                  "authors' recollection [U]; also covered by item 16 as a "
                  "derivative or analogue of fentanyl"],
                 "CDSA Sch. I, item 16 (sub-item number U)")
    ca_entry("Schedule I", "2-Methyl-AP-237",
             [("2024-05-27", "", "permanent", "SOR/2024-98", "U")],
             ["added by SOR/2024-98 (27 May 2024) [V]; whether 27 May 2024 "
              "is the date it took effect is U"], "CDSA Sch. I (SOR/2024-98)")
    for nm in ["4-anilino-1-boc-piperidine", "4-fluoroanilino-1-boc-piperidine",
               "N-(4-fluorophenyl)-4-piperidinamine",
               "4-bromoanilino-1-boc-piperidine"]:
        ca_entry("Schedule V", nm, [("2022-08-31", "2023-08-30", "temporary",
                                     "SOR/2022-185", "V")],
                 ["named example of the temporary Schedule V listing of "
                  "analogues and derivatives of 4-AP (SOR/2022-185) [V]"],
                 "CDSA Sch. V (SOR/2022-185)", kind="substance")
    item1 = ["acetorphine", "acetyldihydrocodeine", "benzylmorphine",
             "codoxime", "desomorphine", "heroin", "dihydrocodeine",
             "dihydromorphine", "ethylmorphine", "etorphine", "hydrocodone",
             "hydromorphinol", "hydromorphone", "methyldesorphine",
             "methyldihydromorphine", "metopon", "morphine-N-oxide",
             "myrophine", "nalorphine", "nicocodine", "nicomorphine",
             "norcodeine", "opium", "codeine", "morphine", "thebaine"]
    for nm in item1:
        ca_entry("Schedule I", nm, [("?", "", "permanent",
                                     "CDSA Sch. I item 1", "S")],
                 ["named in Schedule I item 1 (opium poppy, its "
                  "preparations, derivatives, alkaloids and salts) in a "
                  "2000-era copy [S]"], "CDSA Sch. I, item 1")
    outline = [("Schedule I", ["tilidine", "methamphetamine", "ketamine",
                               "phencyclidine", "piritramide"]),
               ("Schedule III", ["LSD", "mescaline", "psilocybin",
                                 "psilocin", "DMT", "DET", "methylphenidate",
                                 "methaqualone"]),
               ("Schedule IV", ["phentermine"]),
               ("Schedule V", ["propylhexedrine"])]
    for sched, names in outline:
        for nm in names:
            ca_entry(sched, nm, [("?", "", "permanent", "CDSA %s" % sched,
                                  "U")],
                     ["named in the reference's outline of %s [U]; item "
                      "number not retrieved" % sched], "CDSA %s" % sched)
    for nm in ["ephedrine", "pseudoephedrine", "P2P", "safrole",
               "N-Phenethyl-4-piperidone", "4-Anilino-N-phenethylpiperidine"]:
        ca_entry("Schedule VI", nm, [("?", "", "permanent",
                                      "CDSA Sch. VI Part 1", "U")],
                 ["named in the reference's outline of Schedule VI Part 1 "
                  "Class A [U]"], "CDSA Sch. VI, Part 1", kind="precursor",
                 syn={"N-Phenethyl-4-piperidone": ["NPP"],
                      "4-Anilino-N-phenethylpiperidine": ["ANPP"],
                      "P2P": ["phenyl-2-propanone"]}.get(nm, []))


# Listed names without a locant for the piperidine attachment: OPSIN reads
# "4-fluoroanilino-1-boc-piperidine" with the anilino at C2, but SOR/2022-185
# lists them as analogues of 4-AP (anilino at C4), like its
# "4-anilino-1-boc-piperidine".  The systematic names below are written by
# us; vendor listings name the same compounds as 1-Boc-4-(4-fluoro-
# phenylamino)-piperidine (CAS 288573-56-8) and tert-butyl 4-(4-bromophenyl)
# aminopiperidine (CAS 443998-65-0) (smolecule.com product pages, found
# through the search index), which confirms the C4 reading [D].
CA_WRITTEN = {
    "4-fluoroanilino-1-boc-piperidine":
        "tert-butyl 4-(4-fluoroanilino)piperidine-1-carboxylate",
    "4-bromoanilino-1-boc-piperidine":
        "tert-butyl 4-(4-bromoanilino)piperidine-1-carboxylate",
}


def ca_entry(sched, nm, pers, notes, cit, kind="substance", syn=()):
    prefix = {"Schedule I": "ca-i", "Schedule III": "ca-iii",
              "Schedule IV": "ca-iv", "Schedule V": "ca-v",
              "Schedule VI": "ca-vi"}[sched]
    sysn = []
    prec = {kblib.n1(p["name"]): p for p in FS.PRECURSORS}
    if kblib.n1(nm) in prec:
        sysn = prec[kblib.n1(nm)]["sysnames"]
    if nm in CA_WRITTEN:
        sysn = [(CA_WRITTEN[nm], "written by us for the C4 reading of the "
                 "listed name; confirmed by vendor listings, see "
                 "scripts/kb/build_intl.py CA_WRITTEN")]
        notes = list(notes) + [
            "the listed name has no locant for the piperidine attachment; "
            "OPSIN reads it with the anilino at C2, which is not a 4-AP "
            "analogue, so it is not used as a structure source [D]"]
    ientry(CA, prefix, "CA", "ca-cdsa", sched, nm, pers, cit,
           "%s §7; %s §2.4" % (SC, CS), kind=kind, notes=notes,
           synonyms=list(syn), sysnames=sysn)


def build_intl():
    build_un()
    build_cn()
    build_precursors_intl()
    build_gb()
    build_ca()
    jur = Entry("provenance", None)
    path = "jurisdictions.kb"
    FILE_META[path] = (["Jurisdictions used by the knowledge base."],
                       provenance(["ISO 3166-1 alpha-2 codes; UN for the "
                                   "drug conventions (docs/kb-format.md §3)"]))
    for code, name, alias in [("US", "United States", []),
                              ("UN", "United Nations drug conventions", []),
                              ("CN", "China", []),
                              ("GB", "United Kingdom", ["UK"]),
                              ("CA", "Canada", [])]:
        e = Entry("jurisdiction", code)
        e.add("name", name)
        e.add("alias", alias)
        INSTRUMENTS.setdefault(path, []).append(e)

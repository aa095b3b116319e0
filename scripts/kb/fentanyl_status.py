"""Curated transcription of controlled-substances.md §3.2-§3.4 and §4.

Each value is copied from a named cell of the reference, with its tag.  The
prose cells of §3.2 ("Schedule I; permanent 29 Nov 2018 (83 FR 61320) [V];
temporary 2016 [U]") cannot be parsed mechanically, so they are written out
here once, one line per fact, and scripts/kb/build.py merges them with the
table rows of schedules.md.

Period tuples: (from, to, kind, citation, confidence).  Dates exactly as the
reference gives them (a year or month stays a year or month).
"""

CS = "controlled-substances.md"

# --- US Schedule I / II (21 CFR 1308.11(b), 1308.12(c)) ---------------------
# key: the name as schedules.md §3.1/§3.3 prints it in 21 CFR.
US = {
    "Acetyl-alpha-methylfentanyl": dict(
        periods=[("?", "", "permanent", "21 CFR 1308.11(b)", "U")],
        notes=["controlled-substances.md §3.2: Schedule I, DEA code 9815 "
               "[V]; scheduled in the 1980s, date U"]),
    "alpha-Methylfentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S); date not in either source"]),
    "3-Methylfentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S); date not in either source"]),
    "Acetyl fentanyl": dict(
        periods=[("2015", "2017-06-06", "temporary",
                  "DEA temporary scheduling order (2015; not verified)", "U"),
                 ("2017-06-07", "", "permanent",
                  "DEA final order effective 7 Jun 2017", "V")],
        notes=["the end of the temporary period is the day before the "
               "permanent order (D)"]),
    "Butyryl fentanyl": dict(
        periods=[("2016", "2018-04-19", "temporary",
                  "DEA temporary scheduling order (2016; not verified)", "U"),
                 ("2018-04-20", "", "permanent", "83 FR 17486", "V")],
        notes=["the end of the temporary period is the day before the "
               "final order (D)"]),
    "beta-Hydroxythiofentanyl": dict(
        periods=[("2016", "", "permanent",
                  "temporary order 2016 with butyryl fentanyl; permanent "
                  "listing in 21 CFR 1308.11(b), date not verified", "U")],
        notes=["controlled-substances.md §3.2: temporary 2016 [U], permanent "
               "date U; the period starts with the temporary order and its "
               "kind is the present (permanent) one"]),
    "Furanyl fentanyl": dict(
        periods=[("2018-11-29", "", "permanent", "83 FR 61320", "V")],
        notes=["in the Feb 2018 eCFR text as a temporary listing (code 9834, "
               "schedules.md §3.1(h)); start of that temporary order not in "
               "the reference, so not encoded"]),
    "Acryl fentanyl": dict(
        periods=[("2018-11-29", "", "permanent", "83 FR 61320", "V")],
        notes=["temporary listing before Nov 2018 (Feb 2018 eCFR text) not "
               "dated in the reference"]),
    "4-Fluoroisobutyryl fentanyl": dict(
        periods=[("2018-11-29", "", "permanent", "83 FR 61320", "V")]),
    "Tetrahydrofuranyl fentanyl": dict(
        periods=[("2018-11-29", "", "permanent", "83 FR 61320", "V")],
        notes=["notice of intent to schedule temporarily 12 Sep 2017 "
               "(82 FR 42754) [V]; start of the temporary order not given"]),
    "Ocfentanil": dict(
        periods=[("2018-02-01", "2018-11-28", "temporary",
                  "82 FR 58575 (temporary order noticed 13 Dec 2017; "
                  "believed effective 1 Feb 2018)", "U"),
                 ("2018-11-29", "", "permanent", "83 FR 61320", "V")],
        notes=["AMBIGUITY: controlled-substances.md lists ocfentanil both in "
               "the 13 Dec 2017 temporary order and as permanent 29 Nov 2018; "
               "check against 83 FR 61320",
               "temporary code printed as 9832 in the Feb 2018 text (a "
               "duplicate of alpha-methylthiofentanyl's); permanent code 9838"]),
    "Valeryl fentanyl": dict(
        periods=[("2018-02-01", "2020-11-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2020-11-25", "", "permanent",
                  "DEA final rule effective 25 Nov 2020 (STR trade report)",
                  "S")],
        notes=["temporary code 9804, permanent code 9840 (schedules.md "
               "§3.1(h))"]),
    "para-Fluorobutyryl fentanyl": dict(
        periods=[("2018-02-01", "2019-10-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2019-10-25", "", "permanent", "84 FR 57323", "V")]),
    "para-Methoxybutyryl fentanyl": dict(
        periods=[("2018-02-01", "2020-11-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2020-11-25", "", "permanent",
                  "DEA final rule effective 25 Nov 2020 (STR trade report)",
                  "S")]),
    "para-Chloroisobutyryl fentanyl": dict(
        periods=[("2018-02-01", "2020-11-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2020-11-25", "", "permanent",
                  "DEA final rule effective 25 Nov 2020 (STR trade report)",
                  "S")]),
    "Isobutyryl fentanyl": dict(
        periods=[("2018-02-01", "2020-11-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2020-11-25", "", "permanent",
                  "DEA final rule effective 25 Nov 2020 (STR trade report)",
                  "S")]),
    "Cyclopentyl fentanyl": dict(
        periods=[("2018-02-01", "2020-11-24", "temporary",
                  "82 FR 58575 (noticed 13 Dec 2017; believed effective "
                  "1 Feb 2018)", "U"),
                 ("2020-11-25", "", "permanent",
                  "DEA final rule effective 25 Nov 2020 (STR trade report)",
                  "S")]),
    "Cyclopropyl fentanyl": dict(
        periods=[("2019-10-25", "", "permanent", "84 FR 57323", "V")],
        notes=["temporary listing before Oct 2019 (code 9845 in the Feb 2018 "
               "text) not dated in the reference"]),
    "Methoxyacetyl fentanyl": dict(
        periods=[("2019-10-25", "", "permanent", "84 FR 57323", "V")],
        notes=["temporary listing before Oct 2019 (code 9825 in the Feb 2018 "
               "text) not dated in the reference"]),
    "ortho-Fluorofentanyl": dict(
        periods=[("2019-10-25", "", "permanent", "84 FR 57323", "V")],
        notes=["temporary listing before Oct 2019 (code 9816 in the Feb 2018 "
               "text) not dated in the reference"]),
    "Crotonyl fentanyl": dict(notes=[
        "controlled-substances.md §3.2 leaves open whether it has its own "
        "listing [U]; the eCFR-2022 mirror prints it with code 9844 (S); it "
        "is in any case an FRS under the class order (D)"]),
    "2'-Fluoro ortho-fluorofentanyl": dict(
        periods=[("2021-04-27", "", "permanent", "86 FR 22113", "V")],
        notes=["date given by the reference for 86 FR 22113 (10 FRS made "
               "permanent); publication vs effective date not distinguished"]),
    "Fentanyl carbamate": dict(
        periods=[("2022-05-04", "", "permanent",
                  "DEA final rule (4 FRS) effective 4 May; year not captured",
                  "U")],
        notes=["day and month V, year U (probably 2022, controlled-substances"
               ".md §3.3); already in the eCFR-2022 mirror (S)"]),
    "ortho-Fluoroacryl fentanyl": dict(
        periods=[("2022-05-04", "", "permanent",
                  "DEA final rule (4 FRS) effective 4 May; year not captured",
                  "U")],
        notes=["day and month V, year U (probably 2022, controlled-substances"
               ".md §3.3); already in the eCFR-2022 mirror (S)"]),
    "ortho-Fluoroisobutyryl fentanyl": dict(
        periods=[("2022-05-04", "", "permanent",
                  "DEA final rule (4 FRS) effective 4 May; year not captured",
                  "U")],
        notes=["day and month V, year U (probably 2022, controlled-substances"
               ".md §3.3); already in the eCFR-2022 mirror (S)"]),
    "para-Fluoro furanyl fentanyl": dict(
        periods=[("2022-05-04", "", "permanent",
                  "DEA final rule (4 FRS) effective 4 May; year not captured",
                  "U")],
        notes=["day and month V, year U (probably 2022, controlled-substances"
               ".md §3.3); already in the eCFR-2022 mirror (S)"]),
    "U-47700": dict(
        periods=[("2018-04-20", "", "permanent", "83 FR 17486", "V")],
        notes=["controlled-substances.md §5: final order 20 Apr 2018 [V]; "
               "it gives CAS 82657-23-6 [S] where the Chinese list prints "
               "121348-98-9: not resolved, the CAS kept is the Chinese "
               "list's (S)"]),
    "Isotonitazene": dict(notes=[
        "controlled-substances.md §5: temporary Schedule I in 2020 [U]; in "
        "1308.11(b) by the eCFR-2022 mirror (S)"]),
    "para-Fluorofentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "beta-Hydroxyfentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "beta-Hydroxy-3-methylfentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "Thiofentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "alpha-Methylthiofentanyl": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    # Schedule II
    "Fentanyl": dict(confidence_listing="V"),
    "Alfentanil": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "Sufentanil": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "Remifentanil": dict(notes=[
        "controlled-substances.md §3.2 tags the US listing U; the eCFR-2022 "
        "mirror lists it (S)"]),
    "Carfentanil": dict(confidence_listing="V", notes=[
        "controlled-substances.md §3.2: Schedule II (veterinary drug) [V: DEA "
        "2016 warning]"]),
}

# Systematic names from outside ../shared/reference for listed substances
# the reference names only by a trivial name (docs/kb-content.md
# "Structures": a structure needs a permitted source).  name as listed ->
# (systematic name as fed to OPSIN, where it was read).  Each was checked
# against the formula the source prints.
EXTERNAL_SYSNAMES = {
    # de.wikipedia.org/wiki/Thiafentanil prints the IUPAC name
    # "Methyl{1-[2-(2-thienyl)ethyl]-4-(N-phenyl-methoxyacetamido)piperidin-
    # 4-carboxylat}", formula C22H28N2O4S, 416.53 g/mol, PubChem 13653617;
    # German endings rendered in English.  OPSIN: C22H28N2O4S, 416.54.
    # (Without the hyphen after "phenyl" OPSIN reads an N-benzyloxy amide of
    # the same formula: keep the hyphen.)
    "Thiafentanil": (
        "methyl 1-[2-(2-thienyl)ethyl]-4-(N-phenyl-methoxyacetamido)"
        "piperidine-4-carboxylate",
        "de.wikipedia.org/wiki/Thiafentanil, IUPAC name rendered in English; "
        "formula C22H28N2O4S as printed there"),
}

FR_85104 = ("88 FR 85104 final rule (FR Doc. 2023-26694), "
            "http://federal.elaws.us/fr/12/7/2023/2023-26694")

# Listed in 21 CFR 1308.11(b) after the eCFR-2022 copy; not in its table.
US_EXTRA_I = [
    # The reference gives no systematic name for these two; the names are
    # those of the final rule itself (88 FR 85104, summary list), read at
    # http://federal.elaws.us/fr/12/7/2023/2023-26694 (FR Doc. 2023-26694),
    # outside ../shared/reference.  OPSIN reads them as the 3-fluoro
    # analogues of fentanyl / isobutyryl fentanyl (C22H27FN2O, C23H29FN2O).
    dict(name="meta-Fluorofentanyl",
         sysname="N-(3-fluorophenyl)-N-(1-phenethylpiperidin-4-yl)"
                 "propionamide",
         sysname_src=FR_85104,
         periods=[("2023-12-07", "", "permanent", "88 FR 85104", "V")],
         notes=["one of 9 FRS made permanent 7 Dec 2023 (controlled-"
                "substances.md §3.3); the reference gives no systematic name, "
                "CAS or code: the systematic name is the one printed in the "
                "final rule (88 FR 85104), read outside the reference"]),
    dict(name="meta-Fluoroisobutyryl fentanyl",
         sysname="N-(3-fluorophenyl)-N-(1-phenethylpiperidin-4-yl)"
                 "isobutyramide",
         sysname_src=FR_85104,
         periods=[("2023-12-07", "", "permanent", "88 FR 85104", "V")],
         notes=["one of 9 FRS made permanent 7 Dec 2023 (controlled-"
                "substances.md §3.3); the reference gives no systematic name, "
                "CAS or code: the systematic name is the one printed in the "
                "final rule (88 FR 85104), read outside the reference"]),
    dict(name="alpha'-Methyl butyryl fentanyl",
         sysname="2-methyl-N-(1-phenethylpiperidin-4-yl)-N-phenylbutanamide",
         code="DEA 9864",
         periods=[("?", "", "permanent", "21 CFR 1308.11(b)", "U")],
         notes=["listed in 21 CFR 1308.11(b) with code 9864 [V] "
                "(controlled-substances.md §3.3); the date of listing is not "
                "in the reference"]),
]

# --- UN 1961 (controlled-substances.md §3.2 column "UN 1961") ---------------
# key: §3.1 common name; value: list of (schedule, periods, notes)
UN = {
    "fentanyl": [("I", [("?", "", "permanent", "Single Convention 1961, "
                         "Schedule I", "U")],
                  ["controlled-substances.md §3.2: Sched. I [U: standard "
                   "knowledge; UN control confirmed by the SCIO white "
                   "paper]"])],
    "alfentanil": [("I", [("?", "", "permanent", "Single Convention 1961, "
                           "Schedule I", "U")],
                    ["listing V (controlled-substances.md §3.2); year U"])],
    "sufentanil": [("I", [("?", "", "permanent", "Single Convention 1961, "
                           "Schedule I", "U")], [])],
    "remifentanil": [("I", [("?", "", "permanent", "Single Convention 1961, "
                             "Schedule I", "U")],
                      ["schedules.md §4.1: UN status of remifentanil U (may "
                       "be a Chinese national addition)"])],
    "carfentanil": [("I", [("2018-03-14", "", "permanent", "CND 61st "
                            "session, 14 Mar 2018", "V")], []),
                    ("IV", [("2018-03-14", "", "permanent", "CND 61st "
                             "session, 14 Mar 2018", "V")], [])],
    "acetyl-alpha-methylfentanyl": [("I", [("?", "", "permanent",
                                             "Single Convention 1961, "
                                             "Schedule I (before 1990)",
                                             "U")],
                                     ["listing V; year U (before 1990)"])],
    "alpha-methylfentanyl": [("I", [("?", "", "permanent",
                                      "Single Convention 1961, Schedule I",
                                      "U")], ["listing V; year U"])],
    "3-methylfentanyl": [("I", [("?", "", "permanent",
                                  "Single Convention 1961, Schedule I", "U")],
                          [])],
    "alpha-methylthiofentanyl": [("I", [("1990", "", "permanent",
                                          "CND 11th special session 1990 "
                                          "(WHO EB87/26)", "V")], [])],
    "para-fluorofentanyl": [("I", [("1990", "", "permanent", "CND 1990",
                                     "V")], [])],
    "beta-hydroxyfentanyl": [("I", [("1990", "", "permanent", "CND 1990",
                                      "V")], [])],
    "beta-hydroxy-3-methylfentanyl": [("I", [("1990", "", "permanent",
                                               "CND 1990", "V")], [])],
    "thiofentanyl": [("I", [("1990", "", "permanent", "CND 1990", "V")], [])],
    "3-methylthiofentanyl": [("I", [("1990", "", "permanent", "CND 1990",
                                     "V")], [])],
    "acetylfentanyl": [("I", [("2016-03-18", "", "permanent",
                               "CND 59th session, 18 Mar 2016 "
                               "(UNIS/NAR/1267)", "V")],
                        ["controlled-substances.md §3.2: also Schedule IV? "
                         "[U] -- not encoded"])],
    "butyrfentanyl": [("I", [("2017-03", "", "permanent",
                              "CND 60th session, Mar 2017", "V")], [])],
    "furanylfentanyl": [("I", [("2018-03-14", "", "permanent",
                                "CND 61st session, 14 Mar 2018", "V")], [])],
    "acrylfentanyl": [("I", [("2018-03-14", "", "permanent",
                              "CND 61st session, 14 Mar 2018", "V")], [])],
    "4-fluoroisobutyrylfentanyl": [("I", [("2018-03-14", "", "permanent",
                                           "CND 61st session, 14 Mar 2018",
                                           "V")], [])],
    "tetrahydrofuranylfentanyl": [("I", [("2018-03-14", "", "permanent",
                                          "CND 61st session, 14 Mar 2018",
                                          "V")], [])],
    "ocfentanil": [("I", [("2018-03-14", "", "permanent",
                           "CND 61st session, 14 Mar 2018", "V")], [])],
    "valerylfentanyl": [("I", [("2020-03", "", "permanent",
                                "CND 63rd session, Mar 2020 (WHO "
                                "recommendation E/CN.7/2020/10)", "S")],
                         ["WHO recommendation S; adoption by the CND U"])],
    "cyclopropylfentanyl": [("I", [("2019-03", "", "permanent",
                                    "CND 62nd session, Mar 2019", "V")], [])],
    "methoxyacetylfentanyl": [("I", [("2019-03", "", "permanent",
                                      "CND 62nd session, Mar 2019", "V")],
                               [])],
    "ortho-fluorofentanyl": [("I", [("2019-03", "", "permanent",
                                     "CND 62nd session, Mar 2019", "V")],
                              [])],
    "para-fluorobutyrylfentanyl": [("I", [("2019-03", "", "permanent",
                                           "CND 62nd session, Mar 2019",
                                           "V")], [])],
    "crotonylfentanyl": [("I", [("2020-03", "", "permanent",
                                 "CND 63rd session, Mar 2020", "S")], [])],
}

# UN Schedule IV list (schedules.md §4.2), all [U] except carfentanil.
UN_IV = ["Acetorphine", "Acetyl-alpha-methylfentanyl", "alpha-Methylfentanyl",
         "alpha-Methylthiofentanyl", "beta-Hydroxyfentanyl",
         "beta-Hydroxy-3-methylfentanyl", "Desomorphine", "Etorphine",
         "Heroin", "Ketobemidone", "3-Methylfentanyl", "3-Methylthiofentanyl",
         "MPPP", "para-Fluorofentanyl", "PEPAP", "Thiofentanyl"]

# --- precursors (controlled-substances.md §4; schedules.md §3.7, §4.4) -----
PRECURSORS = [
    dict(key="npp", name="N-Phenethyl-4-piperidone",
         synonyms=["NPP"],
         sysnames=[("1-(2-phenylethyl)piperidin-4-one", CS + " §4")],
         cas="39742-60-4", cas_tag="S: Vietnamese decree list",
         un=("Table I", [("2017-03", "", "permanent",
                          "CND 60th session, Mar 2017", "V")],
             ["date of the CND decision; entry into force not given"]),
         us=("List I", "DEA 8332",
             [("2007-04-23", "2008-07-24", "interim", "72 FR 20039", "V"),
              ("2008-07-25", "", "permanent", "73 FR 43355", "V")],
             ["dates as the reference gives them for the interim and final "
              "rules (FR dates; effective dates not distinguished)"]),
         cn=("Precursor", [("2018-02-01", "", "permanent",
                            "China precursor catalogue, from 1 Feb 2018 "
                            "(HKTDC)", "S")], [])),
    dict(key="anpp", name="4-Anilino-N-phenethylpiperidine",
         synonyms=["ANPP", "4-ANPP", "4-anilino-N-phenethylpiperidine"],
         sysnames=[("N-phenyl-1-(2-phenylethyl)piperidin-4-amine",
                    CS + " §4")],
         cas="21409-26-7", cas_tag="S",
         un=("Table I", [("2017-03", "", "permanent",
                          "CND 60th session, Mar 2017", "V")],
             ["date of the CND decision; entry into force not given"]),
         us=("II", "DEA 8333",
             [("2010-08-30", "", "permanent", "75 FR 37295", "V")],
             ["Schedule II immediate precursor to fentanyl, 21 CFR "
              "1308.12(g)(3); rule published 29 Jun 2010, effective 30 Aug "
              "2010"]),
         cn=("Precursor", [("2018-02-01", "", "permanent",
                            "China precursor catalogue, from 1 Feb 2018 "
                            "(HKTDC)", "S")], [])),
    dict(key="norfentanyl", name="Norfentanyl",
         sysnames=[("N-phenyl-N-(piperidin-4-yl)propionamide",
                    "85 FR 21320, " + CS + " §4")],
         cas="1609-66-1", cas_tag="S",
         un=("Table I", [("2022-11-23", "", "permanent",
                          "CND Mar 2022 (INCB)", "S")],
             ["in force 23 Nov 2022 per factually.co citing INCB [S]"]),
         us=("II", "DEA 8366",
             [("2020-05-18", "", "permanent", "85 FR 21320", "V")],
             ["Schedule II immediate precursor to fentanyl, 21 CFR "
              "1308.12(g)(3); rule of 17 Apr 2020, effective 18 May 2020"]),
         notes=["the Vietnamese decree list mislabels norfentanyl as "
                "'N-phenyl-1-piperidinyl-propanamide'; DEA's name is used"]),
    dict(key="4-ap", name="4-Anilinopiperidine",
         synonyms=["4-AP", "N-phenylpiperidin-4-amine"],
         sysnames=[("N-phenylpiperidin-4-amine", CS + " §4")],
         cas="23056-29-3", cas_tag="S",
         un=("Table I", [("2022-11-23", "", "permanent",
                          "CND Mar 2022", "S")], []),
         us=("List I", None,
             [("2020-05-15", "", "permanent", "85 FR 20822", "V")],
             ["halides of 4-AP added effective 30 Nov 2023 (FR Doc "
              "2023-23927) [V]: before that date the listing covered its "
              "amides, carbamates and salts only"],
             "amides, carbamates, halides, salts",
             ["21 CFR 1310.02: 4-AP, its amides, its carbamates and its "
              "salts (85 FR 20822, from 15 May 2020); its halides from 30 "
              "Nov 2023 (FR Doc 2023-23927)"]),
         ca_note="Canada: temporary Schedule V listing of 4-AP analogues "
                 "and derivatives, 2022-23 (SOR/2022-185), see the Canada "
                 "file"),
    dict(key="1-boc-4-ap", name="1-boc-4-AP",
         synonyms=["4-anilino-1-boc-piperidine"],
         sysnames=[("tert-butyl 4-(phenylamino)piperidine-1-carboxylate",
                    CS + " §4")],
         cas="125541-22-2", cas_tag="V: DEA 87 FR 67550",
         un=("Table I", [("2022-11-23", "", "permanent", "CND Mar 2022",
                          "S")], []),
         us=("List I", None,
             [("2022-11-09", "", "permanent", "87 FR 67550", "V")],
             ["controlled since 15 May 2020 as a carbamate of 4-AP (see "
              "us-list1-4-anilinopiperidine); own List I entry effective 9 "
              "Nov 2022"])),
    dict(key="benzylfentanyl", name="Benzylfentanyl",
         sysnames=[("N-(1-benzylpiperidin-4-yl)-N-phenylpropionamide",
                    "85 FR 20822")],
         us=("List I", None,
             [("2020-05-15", "", "permanent", "85 FR 20822", "V")],
             ["not treated as an FRS by DEA (chain shortened; no limb "
              "applies) but a List I chemical (controlled-substances.md "
              "§2.1)",
              "a secondary source says it was emergency-scheduled in 1985 "
              "and later de-listed [S]; not encoded"])),
    dict(key="4-piperidone", name="4-Piperidone",
         sysnames=[("piperidin-4-one", CS + " §4")],
         cas="41661-47-6", cas_tag="S",
         un=("Table I", [("2024-12-03", "", "permanent",
                          "CND 67th session, Mar 2024 (INCB)", "V")], []),
         us=("List I", None,
             [("2023-05-12", "", "permanent", "88 FR 21902", "V")],
             [], "acetals, amides, carbamates, salts",
             ["21 CFR 1310.02: 4-piperidone, its acetals, amides, carbamates, "
              "salts and combinations of these (88 FR 21902, from 12 May "
              "2023)"]),
         cn=("Precursor", [("2025", "", "permanent",
                            "China, announced 2025 (ChemLinked)", "U")],
             ["announced 2025 per ChemLinked [S]; the date it took effect is "
              "not in the reference (U)"])),
    dict(key="1-boc-4-piperidone", name="1-boc-4-piperidone",
         sysnames=[("tert-butyl 4-oxopiperidine-1-carboxylate", CS + " §4")],
         cas="79099-07-3", cas_tag="V: DEA FR 2025-19349",
         un=("Table I", [("2024-12-03", "", "permanent",
                          "CND 67th session, Mar 2024 (INCB)", "V")], []),
         us=("List I", None,
             [("2025-10-02", "", "permanent", "FR Doc 2025-19349", "V")],
             ["controlled since 12 May 2023 as a carbamate of 4-piperidone "
              "(see us-list1-4-piperidone); own List I entry effective 2 Oct "
              "2025"]),
         cn=("Precursor", [("2025", "", "permanent",
                            "China, announced 2025 (ChemLinked)", "U")],
             ["announced 2025 per ChemLinked [S]; the date it took effect is "
              "not in the reference (U)"])),
]

# UN 1961 additions (schedules.md §4.1) whose month controlled-substances.md
# §5 gives: name -> (from, tag, citation)
UN_ADDITION_DATES = {
    "Brorphine": ("2022-03", "V", "CND 65th session, Mar 2022 (CND blog)"),
    "Butonitazene": ("2024-03", "V", "CND 67th session, Mar 2024 (US State "
                     "Dept)"),
    "2-Methyl-AP-237": ("2023-03", "V", "CND 66th session, Mar 2023 (Canada "
                        "Gazette SOR/2024-98 RIAS)"),
}

# China Supplementary List rows that controlled-substances.md §5 verifies.
CN_SUPP_VERIFIED = {
    "U-47700": "controlled from 1 Jul 2017 [V] (controlled-substances.md §5)",
    "MT-45": "controlled from 1 Jul 2017 [V] (controlled-substances.md §5)",
}

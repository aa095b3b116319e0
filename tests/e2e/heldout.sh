#!/bin/sh
# heldout.sh -- independent held-out legal cases (tests/data/heldout/cases.tsv,
# written from ../shared/reference/controlled-substances.md and data/kb only;
# see tests/data/heldout/README.md).  Every case goes through
#   cordon screen --format jsonl --jurisdiction J --date D
# batched per (jurisdiction, date); status, basis, entry id and limb set are
# compared with the expectation.  Then 'cordon explain' on a few class members
# must name every limb and the class citation, names and CAS numbers must
# resolve, and near misses must get an analogue alert but no verdict.  Prints each mismatch and
# "heldout: N passed, N failed"; exits 1 on any failure.
# Needs jq (or python3 as a fallback) to read the JSON Lines.
CORDON=${CORDON:-build/cordon}
CASES=${HELDOUT_CASES:-tests/data/heldout/cases.tsv}
T=${TMPDIR:-/tmp}/heldout.$$
mkdir -p "$T" || exit 2
trap 'rm -rf "$T"' EXIT

# flatten JSON Lines to: id TAB status TAB basis TAB entry TAB limbs(sorted,
# comma-joined) for the first result; errors become status "error".
flatten() {
    if command -v jq >/dev/null 2>&1; then
        jq -r 'if .error then [.id, "error", (.error.message // ""), "", ""]
               else (.results[0] // {}) as $r
                 | [.id, ($r.status // "none"), ($r.basis // "-"),
                    ($r.entry // "-"), (($r.limbs // []) | sort | join(","))]
               end | @tsv'
    else
        python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    if "error" in o:
        print("\t".join([o["id"], "error", o["error"].get("message", ""), "", ""]))
        continue
    r = (o.get("results") or [{}])[0]
    print("\t".join([o["id"], r.get("status") or "none", r.get("basis") or "-",
                     r.get("entry") or "-", ",".join(sorted(r.get("limbs") or []))]))'
    fi
}

# 1. split the cases into one SMILES file per (jurisdiction, date); the record
#    id is the case's line number in cases.tsv.
awk -F '\t' -v dir="$T" '
    /^#/ || NF == 0 { next }
    NF != 7 { printf "heldout: line %d has %d fields, want 7\n", NR, NF > "/dev/stderr"; bad = 1; next }
    $1 ~ /^InChI=/ { f = dir "/inchi.L" NR; print $1 > f; close(f)
                     print "L" NR "\t" $2 "\t" $3 > (dir "/inchis"); next }
    { key = $2 "_" $3; print $1 " L" NR > (dir "/in." key ".smi"); batches[key] = 1 }
    END { for (k in batches) print k > (dir "/batches"); exit bad }' "$CASES" || exit 1
: >>"$T/batches"
: >>"$T/inchis"

: >"$T/got.tsv"
while read -r key; do
    j=${key%%_*}
    d=${key#*_}
    "$CORDON" screen --format jsonl --no-progress --jurisdiction "$j" --date "$d" \
        "$T/in.$key.smi" >"$T/out.$key.jsonl" 2>"$T/err.$key"
    rc=$?
    if [ "$rc" = 2 ]; then
        echo "heldout: cordon screen failed for $j $d (exit 2):"
        head -3 "$T/err.$key"
    fi
    flatten <"$T/out.$key.jsonl" >>"$T/got.tsv"
done <"$T/batches"
# InChI cases ("other spellings"): one file each, the record id is replaced
# by the case's line number.
while IFS="$(printf '\t')" read -r id j d; do
    "$CORDON" screen --format jsonl --no-progress --jurisdiction "$j" --date "$d" \
        "$T/inchi.$id" 2>"$T/err.$id" | flatten |
        awk -F '\t' -v OFS='\t' -v id="$id" '{ $1 = id; print }' >>"$T/got.tsv"
done <"$T/inchis"

# 2. compare.  Field 6 holds space-separated tokens: an entry id (lower-case,
#    with a '-') and/or a limb spec: comma-separated limb ids, alternatives
#    separated by '|' (the verdict's limb set must equal one alternative).
awk -F '\t' '
    function sortset(s,    a, n, i, j, t, out) {
        n = split(s, a, ",")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        out = ""
        for (i = 1; i <= n; i++) out = out (i > 1 ? "," : "") a[i]
        return out
    }
    FNR == NR { gs[$1] = $2; gb[$1] = $3; ge[$1] = $4; gl[$1] = $5; next }
    /^#/ || NF == 0 { next }
    {
        id = "L" FNR
        why = ""
        if (!(id in gs)) why = "no output line"
        else {
            if (gs[id] != $4) why = why " status " gs[id] " want " $4
            if ($5 != "-" && gb[id] != $5) why = why "; basis " gb[id] " want " $5
            n = split($6, tok, " ")
            for (i = 1; i <= n; i++) {
                if (tok[i] == "-") continue
                if (tok[i] ~ /^[a-z][a-z0-9]*-/) {
                    if (ge[id] != tok[i]) why = why "; entry " ge[id] " want " tok[i]
                } else {
                    m = split(tok[i], alt, "|"); ok = 0
                    for (k = 1; k <= m; k++) if (sortset(alt[k]) == gl[id]) ok = 1
                    if (!ok) why = why "; limbs [" gl[id] "] want " tok[i]
                }
            }
        }
        if (why == "") pass++
        else {
            fail++
            sub(/^; /, "", why); sub(/^ /, "", why)
            printf "MISMATCH line %d %s %s %s: %s\n    (%s)\n", FNR, $2, $3, $1, why, $7
        }
    }
    END { printf "%d %d\n", pass, fail > "/dev/stderr" }' "$T/got.tsv" "$CASES" 2>"$T/counts"
read -r pass fail <"$T/counts"

# 3. explanations of class members name each limb and the citation.
explain_check() { # smiles jurisdiction date limbs citation-fragment
    out=$("$CORDON" explain "$1" --jurisdiction "$2" --date "$3" 2>&1)
    why=""
    echo "$out" | grep -q "limbs $4" || why="no 'limbs $4'"
    for l in $(echo "$4" | tr ',' ' '); do
        echo "$out" | grep -q "limb $l" || why="$why; limb $l not named"
    done
    echo "$out" | grep -F -q "$5" || why="$why; citation '$5' missing"
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "MISMATCH explain $2 $3 $1: $why"
        echo "$out" | head -12 | sed 's/^/    | /'
    fi
}
explain_check 'O=C(C1CC1)N(c1ccccc1)C1CCN(CCc2cccs2)CC1C' US 2024-06-01 A,C,E '21 CFR 1308.11(h)(30)'
explain_check 'O=C(C1CC1)N(c1ccccc1)C1CCN(CCc2cccs2)CC1C' CN 2020-06-01 1,3,4 'fentanyl-related substances'
explain_check 'CCC(=O)N(c1ccccn1)C1CCN(CCc2ccccc2)CC1' US 2026-01-01 D '812(c)'
explain_check 'CCOC(=O)C1(N(C(=O)CC)c2ccccc2)CCN(CCc2ccccc2)CC1' US 2024-06-01 C '21 CFR 1308.11(h)(30)'
explain_check 'CCC(=O)N(c1ccccc1)C1CCN(C)CC1' CN 2020-06-01 4 'fentanyl-related substances'
explain_check 'CCCCCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1' CN 2020-06-01 1,2 'fentanyl-related substances'
explain_check 'CC(C)(C)OC(=O)N1CCC2(CC1)OCCO2' US 2024-06-01 acetal,carbamate '21 CFR 1310.02'

# 4. other spellings through explain: common names, spelling variants, the
#    Chinese name and the CAS number resolve to the listed entry (§3.1 traps).
explain_name() { # query jurisdiction date entry citation-fragment
    out=$("$CORDON" explain "$1" --jurisdiction "$2" --date "$3" 2>&1)
    if echo "$out" | grep -q "deciding listed $4 " && echo "$out" | grep -F -q "$5"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "MISMATCH explain-name $2 $3 '$1': want listed $4 citing '$5'"
        echo "$out" | head -6 | sed 's/^/    | /'
    fi
}
explain_name 'butyryl fentanyl' US 2024-06-01 us-csa1-butyrfentanyl '83 FR 17486'
explain_name 'butyrfentanyl' US 2024-06-01 us-csa1-butyrfentanyl '1308.11'
explain_name 'acryloylfentanyl' US 2024-06-01 us-csa1-acrylfentanyl '1308.11'
explain_name '437-38-7' US 2024-06-01 us-csa2-fentanyl '1308.12'
explain_name '丁酰芬太尼' CN 2020-06-01 cn-supp-butyrfentanyl 'Supplementary'
explain_name 'carfentanil' US 2026-01-01 us-csa2-carfentanil '1308.12'

# 5. analogue alerts, never verdicts (issue 7): near misses stay
#    not_controlled but carry a "possible analogue" alert; an unrelated
#    molecule carries none.
printf '%s\n' \
    'CCC(=O)N(c1ccccc1)C1(c2ccccc2)CCN(CCc2ccccc2)CC1 4-phenylfentanyl' \
    'CCC(=O)N(c1ccccc1)C1CCN(C)CC1 N-methylnorfentanyl' \
    'CCC(=O)N(c1ccccc1)C1CCN(CCCc2ccccc2)CC1 homofentanyl' \
    'CCC(=O)N(C1CCCCC1)C1CCN(CCc2ccccc2)CC1 N-cyclohexyl' >"$T/alerts.smi"
"$CORDON" screen --format jsonl --no-progress --jurisdiction US --date 2024-06-01 \
    "$T/alerts.smi" >"$T/alerts.jsonl" 2>/dev/null
while read -r line; do
    id=$(echo "$line" | sed 's/^{"id":"\([^"]*\)".*/\1/')
    if echo "$line" | grep -q '"status":"not_controlled"' &&
        echo "$line" | grep -q '"alerts":\[[^]]*possible analogue'; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "MISMATCH alert US 2024-06-01 $id: want not_controlled with a 'possible analogue' alert"
        echo "    | $(echo "$line" | cut -c1-300)"
    fi
done <"$T/alerts.jsonl"
# Canada has no enumerated limbs (§2.4): a novel analogue gets a CA alert.
if printf 'CCCCCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 hexanoylfentanyl\n' |
    "$CORDON" screen --format jsonl --no-progress -j CA -d 2024-06-01 |
    grep -q '"alerts":\[[^]]*CA: [^]]*possible analogue'; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "MISMATCH alert CA: hexanoyl fentanyl should carry a CA 'possible analogue' alert"
fi
if printf 'CCO ethanol\n' | "$CORDON" screen --format jsonl --no-progress -j US -d 2024-06-01 |
    grep -q '"alerts":\[\]'; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "MISMATCH alert: ethanol should carry no alert"
fi

# 6. MOL/SDF input (3D coordinates, stereo from geometry and wedges, a salt
#    as two components of one record): tests/data/heldout/cases.sdf.
"$CORDON" screen --format jsonl --no-progress --jurisdiction US --date 2024-06-01 \
    tests/data/heldout/cases.sdf 2>/dev/null | flatten >"$T/sdf.tsv"
printf '%s\n' \
    'sdf-cis-3-methylfentanyl	controlled	listed	us-csa1-3-methylfentanyl' \
    'sdf-pyridyl-analogue-hcl	controlled	class	us-frs-temporary' \
    'sdf-boc-piperidone-ketal	precursor	precursor	us-list1-4-piperidone-derivatives' \
    'sdf-haloperidol	not_controlled	-	-' >"$T/sdf.want"
while IFS="$(printf '\t')" read -r id st ba en; do
    got=$(awk -F '\t' -v id="$id" '$1 == id { print $2 "\t" $3 "\t" $4 }' "$T/sdf.tsv")
    if [ "$got" = "$(printf '%s\t%s\t%s' "$st" "$ba" "$en")" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "MISMATCH sdf US 2024-06-01 $id: got '$got', want '$st $ba $en'"
    fi
done <"$T/sdf.want"

echo "heldout: $pass passed, $fail failed"
[ "$fail" = 0 ]

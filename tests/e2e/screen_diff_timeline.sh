#!/bin/sh
# screen_diff_timeline.sh -- issue 9's done-when checks on the built-in
# knowledge base (facts: ../shared/reference/controlled-substances.md):
#  - cordon diff --jurisdiction CN,US --date 2018-06-25 (and the reverse):
#    China controlled fentanyl and 22 named analogues (§3.4) while the US
#    controlled the whole class by temporary order, 83 FR 5188 from
#    2018-02-06 (§2.1): fentanyl analogues are US-only, through the class
#    (limbs shown) or a US listing; none is China-only; confidence tags shown.
#  - cordon timeline acetylfentanyl: China 2015-10, UN 2016-03-18 (CND 59),
#    US 2017-06-07 (final order), oldest first (§3.2).
CORDON=${CORDON:-build/cordon}
T=${TMPDIR:-/tmp}/screen_dt.$$
trap 'rm -f "$T".*' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

"$CORDON" diff --jurisdiction CN,US --date 2018-06-25 --name fentanyl >"$T.cn"
rc=$?
[ "$rc" = 1 ] || no "diff CN,US exit $rc, want 1 (differences)"
# section "Controlled in CN, not in US" has no fentanyl analogue
sed -n '/^Controlled in CN, not in US/,/^  Listed in CN/p' "$T.cn" | grep -q '^  (none)' ||
    no "a fentanyl is CN-only on 2018-06-25"
us=$(sed -n '/^Controlled in US, not in CN/,/^  Listed in US/p' "$T.cn")
for s in Cyclopropylfentanyl Methoxyacetylfentanyl ortho-Fluorofentanyl; do
    echo "$us" | grep -A1 "^  $s " | grep -q 'US: controlled class, I (limbs [A-E,]*), us-frs-temporary, since 2018-02-06 (temporary, 83 FR 5188' ||
        no "$s not US-only through the FRS class order"
done
# U-tagged facts keep their tag: the 82 FR 58575 order's effective date is [U]
echo "$us" | grep -A1 '^  para-Methoxybutyryl fentanyl' | grep -q '82 FR 58575.*\[U\]' ||
    no "para-methoxybutyrylfentanyl row lacks its [U] tag"
grep -q '^  US  us-frs-temporary .*since 2018-02-06 (temporary, 83 FR 5188.*) \[V\]' "$T.cn" ||
    no "US class definition (83 FR 5188, [V]) not listed"
grep -q '^  CN  (no generic definition in force)' "$T.cn" || no "CN shows a class definition in 2018"
# acetylfentanyl: both control it (no row)
grep -q 'Acetylfentanyl' "$T.cn" && no "acetylfentanyl reported as a difference"

# the reverse gives the same rows with the sides swapped
"$CORDON" diff --jurisdiction US,CN --date 2018-06-25 --name fentanyl >"$T.us"
sed -n '/^Controlled in US, not in CN/,/^  Listed in US/p' "$T.us" | grep -c 'US: controlled' >"$T.n1"
echo "$us" | grep -c 'US: controlled' >"$T.n2"
cmp -s "$T.n1" "$T.n2" || no "reverse diff has a different number of US-only rows"
sed -n '/^Controlled in CN, not in US/,/^  Listed in CN/p' "$T.us" | grep -q '^  (none)' ||
    no "reverse diff: a fentanyl is CN-only"

# after China's 2019 class (in force 2019-05-01) the fentanyl gap closes
"$CORDON" diff --jurisdiction CN,US --date 2019-06-01 --basis class --name fentanyl >"$T.2019"
grep -q '^  CN  cn-supp-frs-2019\|^  CN  cn-.*fentanyl-related' "$T.2019" || no "CN class not in force on 2019-06-01"
grep -q 'Cyclopropylfentanyl' "$T.2019" && no "cyclopropylfentanyl still differs after 2019-05-01"

# JSON Lines parse, one object a line
"$CORDON" diff --jurisdiction CN,US --date 2018-06-25 -f jsonl >"$T.jsonl"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T.jsonl" || no "diff jsonl does not parse"
fi
grep -q '"kind":"class","jurisdiction":"US","entry":"us-frs-temporary"' "$T.jsonl" || no "jsonl class row"

# timeline
"$CORDON" timeline acetylfentanyl >"$T.tl"
rc=$?
[ "$rc" = 0 ] || no "timeline exit $rc"
grep -q '^2015-10-01  CN  controlled .*cn-supp-acetylfentanyl' "$T.tl" || no "timeline: China 2015-10-01"
grep -q '^2016-03-18  UN  controlled .*un1961-i-acetylfentanyl.*\[V\]' "$T.tl" || no "timeline: UN 2016-03-18"
grep -q '^2017-06-07  US  controlled .*us-csa1-acetylfentanyl.*permanent  \[V\]' "$T.tl" || no "timeline: US 2017-06-07"
grep -q '~15x morphine.*\[S\]' "$T.tl" || no "timeline: potency with its tag"
# oldest first
grep -E '^[0-9]{4}' "$T.tl" | cut -c1-10 | sed 's/ *$//' >"$T.d"
sort -c "$T.d" 2>/dev/null || no "timeline not oldest first"
"$CORDON" timeline acetylfentanyl -j CN,US,UN -f jsonl >"$T.tj"
grep -q '"date":"2016-03-18","jurisdiction":"UN","status":"controlled"' "$T.tj" || no "timeline jsonl UN"
grep -q '"jurisdiction":"GB"' "$T.tj" && no "timeline -j ignored"
[ $fail = 0 ] && echo "ok: diff CN/US 2018-06-25 and timeline acetylfentanyl"
exit $fail

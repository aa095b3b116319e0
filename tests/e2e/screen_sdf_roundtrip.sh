#!/bin/sh
# screen_sdf_roundtrip.sh -- SDF in, SDF out: every record comes back with
# its MOL block and its own data items, plus cordon.* verdict items; the
# output reads back and screens to the same verdicts.
CORDON=${CORDON:-build/cordon}
IN=tests/data/screen/vendor.sdf
T=${TMPDIR:-/tmp}/screen_sdf.$$
trap 'rm -f "$T".*' EXIT
fail=0
"$CORDON" screen -f sdf -j US,CN --date 2020-01-01 "$IN" >"$T.sdf"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: exit $rc, want 1 (acetylfentanyl)"; fail=1; }
nin=$(grep -c '^\$\$\$\$' "$IN"); nout=$(grep -c '^\$\$\$\$' "$T.sdf")
[ "$nin" = "$nout" ] || { echo "FAIL: $nout records out, $nin in"; fail=1; }
for k in SOL SOL_classification SMILES NAME VENDOR ID; do
    a=$(grep -c "^> *<$k>" "$IN"); b=$(grep -c "^> *<$k>" "$T.sdf")
    [ "$a" = "$b" ] || { echo "FAIL: data item $k: $b out, $a in"; fail=1; }
done
[ "$(grep -c '^> <cordon.controlled>' "$T.sdf")" = "$nin" ] || { echo "FAIL: cordon.controlled items"; fail=1; }
[ "$(grep -c '^> <cordon.US>' "$T.sdf")" = "$nin" ] || { echo "FAIL: cordon.US items"; fail=1; }
# the acetylfentanyl record says yes, with its US listing
awk '/^CAT-10014/{f=1} f&&/<cordon.controlled>/{getline; print; exit}' "$T.sdf" | grep -qx yes ||
    { echo "FAIL: CAT-10014 not marked controlled"; fail=1; }
# the MOL blocks are unchanged: same atom lines
a=$(grep -cE '^ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ [A-Z]' "$IN")
b=$(grep -cE '^ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ [A-Z]' "$T.sdf")
[ "$a" = "$b" ] || { echo "FAIL: atom lines $b out, $a in"; fail=1; }
# round trip: screening the output gives the same verdicts as the input
"$CORDON" screen -f jsonl -j US,CN --date 2020-01-01 "$IN" | sed 's/"input":"[^"]*",//' >"$T.a"
"$CORDON" screen -f jsonl -j US,CN --date 2020-01-01 "$T.sdf" | sed 's/"input":"[^"]*",//' >"$T.b"
cmp -s "$T.a" "$T.b" || { echo "FAIL: verdicts differ after the round trip"; diff "$T.a" "$T.b" | head; fail=1; }
[ $fail = 0 ] && echo "ok: SDF round trip keeps records and data items, adds verdicts"
exit $fail

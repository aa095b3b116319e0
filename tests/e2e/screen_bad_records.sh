#!/bin/sh
# screen_bad_records.sh -- bad records never stop the batch: every record
# gets exactly one line, in input order, errors as
# {"id","record","error":{"message","offset"}}; the same with 1 and 4 threads.
CORDON=${CORDON:-build/cordon}
IN=tests/data/screen/bad.smi
T=${TMPDIR:-/tmp}/screen_bad.$$
trap 'rm -f "$T".*' EXIT
fail=0
"$CORDON" screen -f jsonl --threads 1 "$IN" >"$T.1" 2>"$T.err"
rc=$?
"$CORDON" screen -f jsonl --threads 4 "$IN" >"$T.4" 2>/dev/null
[ "$rc" = 1 ] || { echo "FAIL: exit $rc, want 1 (acetylfentanyl is controlled)"; fail=1; }
n=$(grep -c . "$T.1")
[ "$n" = 8 ] || { echo "FAIL: $n output lines, want 8 (one per non-blank record)"; fail=1; }
ids=$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T.1" | tr '\n' ' ')
want="ok-1 ethanol bad-ring ok-2 benzene bad-valence bad-atom ok-3 acetylfentanyl ok-4-bad-branch ok-5 4-piperidone "
[ "$ids" = "$want" ] || { echo "FAIL: ids in order: '$ids'"; fail=1; }
nerr=$(grep -c '"error":{"message":' "$T.1")
[ "$nerr" = 4 ] || { echo "FAIL: $nerr error lines, want 4"; fail=1; }
grep -q '"id":"bad-ring","record":2,"error":{"message":"[^"]*ring[^"]*","offset":[0-9]' "$T.1" ||
    { echo "FAIL: unclosed ring error line"; grep bad-ring "$T.1"; fail=1; }
grep -q '"id":"bad-valence","record":4,"error"' "$T.1" || { echo "FAIL: valence error line"; fail=1; }
grep -q '"id":"ok-3 acetylfentanyl","input":"CC(=O)N' "$T.1" || { echo "FAIL: acetylfentanyl line"; fail=1; }
grep -q 'records could not be read' "$T.err" || { echo "FAIL: no stderr summary"; fail=1; }
cmp -s "$T.1" "$T.4" || { echo "FAIL: output differs between 1 and 4 threads"; diff "$T.1" "$T.4" | head; fail=1; }
[ $fail = 0 ] && echo "ok: bad records reported in order, batch completed"
exit $fail

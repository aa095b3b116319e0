#!/bin/sh
# screen_memory.sh -- memory stays constant whatever the input size: peak RSS
# screening 157,500 records is within a few MiB of screening 15,750 (both
# far under 100 MiB), and output order is input order.
CORDON=${CORDON:-build/cordon}
T=${TMPDIR:-/tmp}/screen_mem.$$
trap 'rm -f "$T".*' EXIT
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time not installed"; exit 0; }
# Under ASan the allocator quarantines freed memory: peak RSS says nothing.
[ "${CORDON_SANITIZE:-0}" = 1 ] && { echo "skip: memory is not measured in the sanitizer build"; exit 0; }
awk '{ for (i = 0; i < 250; i++) print $1, "r" NR "-" i }' data/samples/catalogue.smi >"$T.big"   # 15,750
awk '{ for (i = 0; i < 10; i++) print }' "$T.big" >"$T.huge"                                     # 157,500
rss() {
    /usr/bin/time -v "$CORDON" screen -j all -f jsonl --no-alerts --threads 2 --no-progress "$1" 2>"$T.time" >"$T.out"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$T.time"
}
small=$(rss "$T.big"); nsmall=$(wc -l <"$T.out")
big=$(rss "$T.huge"); nbig=$(wc -l <"$T.out")
echo "peak RSS: $nsmall records ${small} KiB; $nbig records ${big} KiB"
fail=0
[ "$nbig" = "$(wc -l <"$T.huge")" ] || { echo "FAIL: $nbig lines for $(wc -l <"$T.huge") records"; fail=1; }
[ "$big" -lt $((small + 16384)) ] || { echo "FAIL: memory grew with the input"; fail=1; }
[ "$big" -lt 102400 ] || { echo "FAIL: over 100 MiB"; fail=1; }
# order: the last record's id comes last
tail -1 "$T.out" | grep -q "\"id\":\"$(tail -1 "$T.huge" | cut -d' ' -f2)\"" || { echo "FAIL: order"; fail=1; }
exit $fail

#!/bin/sh
# sdf_stream.sh -- SDF input streams in constant memory: converting 30,000
# gzipped SDF records (PubChem records with all hydrogens drawn) peaks
# within a few MiB of converting 3,000, every record comes out, in order,
# with its title as id.
CORDON=${CORDON:-build/cordon}
T=${TMPDIR:-/tmp}/sdf_stream.$$
trap 'rm -f "$T".*' EXIT
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time not installed"; exit 0; }
# Under ASan the allocator quarantines freed memory: peak RSS says nothing.
[ "${CORDON_SANITIZE:-0}" = 1 ] && { echo "skip: memory is not measured in the sanitizer build"; exit 0; }
IN=tests/data/molio/pubchem3.sdf
# retitle each copy so ids show the order
awk -v n=1000 'BEGIN { RS = "\\$\\$\\$\\$\n"; ORS = "" }
    { rec[NR] = $0 } END { k = 0
      for (i = 0; i < n; i++) for (j = 1; j <= NR; j++) if (rec[j] ~ /M  END/) {
          r = rec[j]; sub(/^[^\n]*/, "r" (++k), r); print r "$$$$\n" } }' "$IN" |
    gzip -1 >"$T.small.sdf.gz"
gzip -dc "$T.small.sdf.gz" | awk -v n=10 '{ a[NR] = $0 } END {
    for (i = 0; i < n; i++) for (j = 1; j <= NR; j++) print a[j] }' |
    gzip -1 >"$T.big.sdf.gz"
rss() {
    /usr/bin/time -v "$CORDON" convert --to can "$1" 2>"$T.time" >"$T.out"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$T.time"
}
small=$(rss "$T.small.sdf.gz"); nsmall=$(wc -l <"$T.out")
big=$(rss "$T.big.sdf.gz"); nbig=$(wc -l <"$T.out")
echo "peak RSS: $nsmall records ${small} KiB; $nbig records ${big} KiB"
fail=0
[ "$nsmall" = 3000 ] || { echo "FAIL: $nsmall lines for 3000 records"; fail=1; }
[ "$nbig" = 30000 ] || { echo "FAIL: $nbig lines for 30000 records"; fail=1; }
[ "$big" -lt $((small + 4096)) ] || { echo "FAIL: memory grew with the input"; fail=1; }
[ "$(tail -1 "$T.out" | cut -d' ' -f2)" = r3000 ] || { echo "FAIL: order/ids"; fail=1; }
[ "$(head -1 "$T.out" | cut -d' ' -f2)" = r1 ] || { echo "FAIL: first id"; fail=1; }
exit $fail

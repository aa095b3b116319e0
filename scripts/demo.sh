#!/bin/sh
# scripts/demo.sh BUILD -- the README's demo (make demo): screens the
# bundled vendor catalogue (data/samples/catalogue.smi) against every
# jurisdiction in the knowledge base, then explains one class member,
# compares China and the US on the day the reference's §3.4 describes, and
# follows acetylfentanyl through time.
BUILD=${1:-build}
CORDON="$BUILD/cordon"
SAMPLE=data/samples/catalogue.smi
if [ ! -x "$CORDON" ]; then
    echo "demo: $CORDON is missing; run 'make' first" >&2
    exit 2
fi
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
    B=$(printf '\033[1m'); D=$(printf '\033[2m'); O=$(printf '\033[0m')
else
    B=; D=; O=
fi
rule() { printf '\n%s== %s ==%s\n\n' "$B" "$1" "$O"; }

rule "1. screening $(grep -c . "$SAMPLE") catalogue records: cordon screen --jurisdiction all $SAMPLE"
"$CORDON" screen --jurisdiction all --format text "$SAMPLE"
rc=$?
printf '%sexit status %d (0 nothing controlled, 1 something controlled, 3 unreadable records)%s\n' "$D" "$rc" "$O"

rule "2. why was cyclopropylfentanyl controlled in the US, not in China, on 25 June 2018? cordon explain cyclopropylfentanyl -j US,CN --date 2018-06-25"
"$CORDON" explain cyclopropylfentanyl --jurisdiction US,CN --date 2018-06-25

rule "3. China vs the US on 25 June 2018: cordon diff --jurisdiction CN,US --date 2018-06-25 $SAMPLE"
"$CORDON" diff --jurisdiction CN,US --date 2018-06-25 "$SAMPLE"

rule "4. acetylfentanyl through time: cordon timeline acetylfentanyl"
"$CORDON" timeline acetylfentanyl
exit 0

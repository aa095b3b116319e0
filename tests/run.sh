#!/bin/sh
# tests/run.sh BUILD [LABEL] -- runs the test suite in slices and ends with
# one line "tests: N passed, N failed[, N skipped]".
#   unit    cmocka unit tests (build/tests/test_*); FILTER=glob selects cases
#   golden  declarative CLI cases (tests/golden/*.case)
#   e2e     end-to-end scripts (tests/e2e/*.sh), one test each
#   fuzz    replay of every committed fuzz corpus (fuzz/corpus/TARGET/)
#   diff    differential runs against RDKit on ../shared/testdata
#           (tests/diff/*.sh; skipped, saying so, where ../shared is absent)
# Run from the repository root.  LABEL runs one slice; SKIP_LABELS="a b"
# (environment) leaves slices out (CI skips diff in the sanitizer run).
BUILD=${1:-build}
LABEL=${2:-}
PASS=0
FAIL=0
SKIP=0
FAILED_NAMES=""
export CORDON="$BUILD/cordon"
export CORDON_BUILD="$BUILD"
export CORDON_TEST_FILTER="${FILTER:-}"

want() {
    case " $SKIP_LABELS " in *" $1 "*) return 1 ;; esac
    [ -z "$LABEL" ] || [ "$LABEL" = "$1" ]
}
record() { # name status
    if [ "$2" = 0 ]; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); FAILED_NAMES="$FAILED_NAMES $1"; fi
}

if want unit; then
    echo "== unit"
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        out=$("$t" 2>&1); rc=$?
        echo "$out" | grep -E '^\[ +(FAILED|ERROR) +\]|^\[  PASSED  \]|^\[==========\]' | sed "s|^|  $(basename "$t"): |"
        np=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
        nf=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
        PASS=$((PASS + ${np:-0}))
        FAIL=$((FAIL + ${nf:-0}))
        if [ $rc != 0 ] && [ -z "$nf" ]; then
            echo "$out" | tail -20
            record "$(basename "$t")" 1
        elif [ -n "$nf" ] && [ "$nf" != 0 ]; then
            echo "$out" | grep -B5 -E 'FAILED|ERROR' | head -60
            FAILED_NAMES="$FAILED_NAMES $(basename "$t")"
        fi
    done
fi

if want golden; then
    echo "== golden"
    out=$("$BUILD"/tests/golden "$CORDON" tests/golden/*.case 2>&1)
    echo "$out" | tail -200
    np=$(echo "$out" | sed -n 's/^golden: \([0-9]*\) passed.*/\1/p')
    nf=$(echo "$out" | sed -n 's/^golden: [0-9]* passed, \([0-9]*\) failed.*/\1/p')
    PASS=$((PASS + ${np:-0}))
    FAIL=$((FAIL + ${nf:-1}))
    [ "${nf:-1}" = 0 ] || FAILED_NAMES="$FAILED_NAMES golden"
fi

if want e2e; then
    echo "== e2e"
    for t in tests/e2e/*.sh; do
        [ -f "$t" ] || continue
        if sh "$t" >"$BUILD/e2e-$(basename "$t").log" 2>&1; then
            echo "  ok   $t"; record "$t" 0
        else
            echo "  FAIL $t"; tail -30 "$BUILD/e2e-$(basename "$t").log"; record "$t" 1
        fi
    done
fi

if want fuzz; then
    echo "== fuzz corpus replay"
    for r in "$BUILD"/fuzz/replay_*; do
        [ -x "$r" ] || continue
        name=${r##*/replay_}
        if "$r" "fuzz/corpus/$name"; then record "$r" 0; else record "$r" 1; fi
    done
fi

if want diff; then
    echo "== differential (RDKit, ../shared/testdata)"
    for t in tests/diff/*.sh; do
        [ -f "$t" ] || continue
        if [ ! -d ../shared/testdata ]; then
            echo "  skip $t: ../shared/testdata is absent (differential runs need it)"
            SKIP=$((SKIP + 1)); continue
        fi
        if sh "$t" 2>&1 | tee "$BUILD/diff-$(basename "$t").log" | tail -5; then :; fi
        if grep -q '^DIFF-FAIL' "$BUILD/diff-$(basename "$t").log"; then record "$t" 1; else record "$t" 0; fi
    done
fi

[ -n "$FAILED_NAMES" ] && echo "failed:$FAILED_NAMES"
if [ $SKIP -gt 0 ]; then
    echo "tests: $PASS passed, $FAIL failed, $SKIP skipped"
else
    echo "tests: $PASS passed, $FAIL failed"
fi
[ $FAIL = 0 ]

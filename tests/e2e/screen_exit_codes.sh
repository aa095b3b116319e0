#!/bin/sh
# screen_exit_codes.sh -- 'cordon screen' exit status (docs/man/cordon-screen.md):
# 0 nothing controlled, 1 something controlled (wins over 3), 3 unreadable
# records and nothing controlled, 2 usage or I/O error.
CORDON=${CORDON:-build/cordon}
fail=0
check() { # expected-code description command...
    want=$1; what=$2; shift 2
    "$@" >/dev/null 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, want $want"; fail=1
    else
        echo "ok: $what ($got)"
    fi
}
scr() { printf "$1" | "$CORDON" screen --format jsonl --no-progress "$@"; }
check 0 "empty input" sh -c "printf '' | $CORDON screen -f jsonl"
check 0 "benzene and ethanol" sh -c "printf 'c1ccccc1 a\nCCO b\n' | $CORDON screen -f jsonl -j all"
check 1 "acetylfentanyl (US Schedule I since 2017-06-07)" sh -c "printf 'CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 af\n' | $CORDON screen -f jsonl -j US --date 2020-01-01"
check 0 "acetylfentanyl before any US listing or class (2010)" sh -c "printf 'CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 af\n' | $CORDON screen -f jsonl -j US --date 2010-01-01"
check 3 "only unreadable records" sh -c "printf 'C1CC x\nQ y\n' | $CORDON screen -f jsonl"
check 1 "unreadable plus controlled: 1 wins" sh -c "printf 'C1CC x\nCCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 fentanyl\n' | $CORDON screen -f jsonl -j US"
check 2 "unknown format" "$CORDON" screen --format xml tests/data/screen/bad.smi
check 2 "missing file" "$CORDON" screen -f jsonl /nonexistent/file.smi
check 2 "bad date" "$CORDON" screen -f jsonl --date 2018-02-30 tests/data/screen/bad.smi
check 2 "unknown jurisdiction" "$CORDON" screen -f jsonl -j XX tests/data/screen/bad.smi
check 2 "unknown option" "$CORDON" screen --frobnicate tests/data/screen/bad.smi
check 2 "bad thread count" "$CORDON" screen --threads many tests/data/screen/bad.smi
exit $fail

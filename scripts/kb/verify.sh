#!/bin/sh
# verify.sh -- data/kb is exactly what scripts/kb/build.py makes from the
# reference (no hand edits, no stale output).  Needs /usr/bin/python3 with
# RDKit; Java/OPSIN only if a name is missing from opsin-cache.tsv.
# Exit 0 = identical, 1 = differs (the diff is printed), 77 = skipped.
# Run from the repository root.
PY=/usr/bin/python3
if [ ! -d ../shared/reference ] && [ ! -d /work/shared/reference ]; then
    echo "skip: ../shared/reference missing"; exit 77
fi
if ! "$PY" -c 'import rdkit' 2>/dev/null; then
    echo "skip: RDKit missing"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" scripts/kb/build.py --out "$tmp" >/dev/null || exit 1
rc=0
for f in $(cd "$tmp" && find . -name '*.kb' | sort); do
    if ! cmp -s "$tmp/$f" "data/kb/$f"; then
        diff -u "data/kb/$f" "$tmp/$f" | head -40
        rc=1
    fi
done
[ $rc = 0 ] && echo "verify: data/kb matches scripts/kb/build.py"
exit $rc

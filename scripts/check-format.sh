#!/bin/sh
# check-format.sh -- fails when a tracked C file differs from clang-format's
# output (.clang-format: LLVM base, 4 spaces, 80 columns).  Fix: make format.
cd "$(dirname "$0")/.." || exit 2
CF=$(command -v clang-format || command -v clang-format-14)
[ -n "$CF" ] || { echo "check-format: clang-format not installed"; exit 1; }
files=$(git ls-files '*.c' '*.h' | grep -v '^bench/.*\.cpp$')
bad=""
for f in $files; do
    "$CF" --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
    echo "check-format: not clang-formatted (run 'make format'):"
    for f in $bad; do echo "  $f"; done
    exit 1
fi
echo "check-format: ok ($(echo $files | wc -w) files)"

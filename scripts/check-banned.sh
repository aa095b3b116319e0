#!/bin/sh
# check-banned.sh -- rejects calls the house style bans (../shared/STYLE.md):
#  - everywhere in our C: strcpy, strcat, sprintf, vsprintf, gets, atoi, atol,
#    atof, strtok (unbounded or unchecked; use snprintf, memcpy with a
#    checked length, strtol/strtod, explicit tokenising);
#  - in the library (src/): raw malloc/calloc/realloc/free outside
#    src/core/alloc.c (allocation goes through the caller's allocator).
# Prints file:line for each hit and exits 1 if there is any.
cd "$(dirname "$0")/.." || exit 2
files=$(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^build')
[ -n "$files" ] || files=$(find src tools tests fuzz bench -name '*.c' -o -name '*.h')
bad=0
hits=$(grep -nE '(^|[^_a-zA-Z0-9.>])(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof|strtok)[[:space:]]*\(' $files |
       grep -vE '(snprintf|vsnprintf)[[:space:]]*\(' | grep -vE ':[0-9]+:[[:space:]]*(\*|//|/\*)')
if [ -n "$hits" ]; then
    echo "banned calls (use snprintf / memcpy with a checked length / strtol):"
    echo "$hits"
    bad=1
fi
lib=$(echo "$files" | tr ' ' '\n' | grep '^src/' | grep -v '^src/core/alloc.c$')
if [ -n "$lib" ]; then
    hits=$(grep -nE '(^|[^_a-zA-Z0-9.>])(malloc|calloc|realloc|free)[[:space:]]*\(' $lib |
           grep -vE ':[0-9]+:[[:space:]]*(\*|//|/\*)')
    if [ -n "$hits" ]; then
        echo "raw allocation in the library (use cordon__malloc & co. from src/core/core.h):"
        echo "$hits"
        bad=1
    fi
fi
[ $bad = 0 ] && echo "check-banned: ok"
exit $bad

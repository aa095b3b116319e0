/*
 * hash.c -- FNV-1a 64 (Fowler, Noll, Vo), the byte hash of the hash tables
 * of SMARTS queries, query screens and the rules compiler.
 */
#include "core/core.h"

uint64_t cordon__fnv1a(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/*
 * match_int.h -- the matcher's state (src/match/ only).
 */
#ifndef CORDON_MATCH_INT_H
#define CORDON_MATCH_INT_H

#include "cordon/fp.h"
#include "cordon/match.h"
#include "mol/mol_int.h"
#include "smarts/smarts_int.h"

/* Nesting levels of the search: the caller's query plus recursive SMARTS
 * (cordon_smarts_opts.max_depth is at most MATCH_FRAMES - 1). */
#define MATCH_FRAMES 16

/* Atom properties tested by SMARTS primitives (RDKit definitions). */
typedef struct matom {
    uint8_t elem, arom;
    int16_t D, H, h, X, v, x, z, Z;
    uint8_t R, r;
    int8_t charge;
    uint16_t iso;
    int32_t tmp; /* scratch (component flood) */
} matom;

typedef struct mframe {
    int *map;  /* query atom -> molecule atom, -1 unplaced */
    int *iter; /* per order position: next candidate */
    unsigned char *used;
    size_t cap_map, cap_iter, cap_used;
} mframe;

typedef struct rec_entry {
    uint64_t hash;
    size_t len;
    size_t off; /* into recvals: natoms bytes, 0 unknown, 1 no, 2 yes */
    int used;
} rec_entry;

typedef struct uhash_entry {
    uint64_t hash;
    int index;
    int used;
} uhash_entry;

struct cordon_matcher {
    const cordon_allocator *alloc;
    const cordon_mol *mol;
    matom *atoms;
    size_t cap_atoms;
    int32_t *comp;
    size_t cap_comp;
    unsigned char *mark;
    size_t cap_mark;
    mframe frames[MATCH_FRAMES];
    /* recursive SMARTS results for the bound molecule */
    rec_entry *rec;
    size_t cap_rec;
    int nrec;
    unsigned char *recvals;
    size_t recvals_len, cap_recvals;
    /* screen fingerprint of the bound molecule (computed on first use) */
    cordon_screenfp screen;
    int screen_ok;
    /* the current call */
    int max_matches, uniquify, use_chirality;
    long max_steps, steps;
    const unsigned char *mask;
    const int *fixed;
    /* results */
    int *matches;
    size_t cap_matches;
    int nmatches, nq_last;
    uhash_entry *uhash;
    size_t cap_uhash;
    int uhash_dirty; /* some entry is in use: clear before the next call */
};

#endif /* CORDON_MATCH_INT_H */

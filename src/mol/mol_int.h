/*
 * mol_int.h -- the layout of cordon_mol, for modules inside libcordon that
 * need direct access on hot paths (perception, SMILES/SMARTS, matching,
 * fingerprints, rules).  Code outside src/ uses include/cordon/mol.h only.
 *
 * Invariants after cordon__mol_build_adjacency (and so after perception):
 *  - nbr_start has natoms+1 entries; the neighbours of atom i are
 *    nbrs[nbr_start[i] .. nbr_start[i+1]-1], in bond insertion order.
 *  - atoms[i].degree == nbr_start[i+1] - nbr_start[i].
 * After ring perception (PERCEIVED_RINGS):
 *  - rings are the SSSR (RDKit: symmetrized SSSR as used by sanitisation);
 *    ring r has atoms ring_atoms[ring_start[r] .. ring_start[r+1]-1] in
 *    cyclic order and bonds ring_bonds[...] at the same positions
 *    (ring_bonds[k] joins ring_atoms[k] and ring_atoms[k+1], cyclically).
 *  - atom.ring_count / bond.ring_count count the rings containing them;
 *    atom.ring_sizes bit (s-3) is set when the atom is in a ring of size s
 *    (3 <= s <= 34); sizes beyond that set bit 31.
 */
#ifndef CORDON_MOL_INT_H
#define CORDON_MOL_INT_H

#include <string.h>

#include "core/core.h"
#include "cordon/mol.h"

typedef struct cordon_atom {
    uint8_t elem; /* atomic number, 0 = '*' */
    int8_t charge;
    uint16_t isotope; /* 0 = unspecified */
    uint8_t imp_h;    /* implicit H from the valence model */
    uint8_t exp_h;    /* H count given (bracket atom or folded [H] atoms) */
    uint8_t radicals;
    uint8_t chiral; /* CORDON_CHI_* */
    uint8_t flags;  /* CORDON_ATOM_* */
    uint8_t degree;
    uint8_t ring_count;
    uint8_t min_ring;
    uint32_t ring_sizes;
    int32_t map; /* atom map / class, 0 = none */
} cordon_atom;

typedef struct cordon_bond {
    int32_t begin, end;
    uint8_t order;  /* CORDON_BOND_*; AROMATIC after perception */
    uint8_t kekule; /* 1/2/3 after kekulisation; == order otherwise */
    uint8_t flags;  /* CORDON_BONDF_* */
    uint8_t stereo; /* CORDON_BSTEREO_* */
    uint8_t ring_count;
    int32_t stereo_begin, stereo_end; /* reference neighbours, -1 if none */
} cordon_bond;

typedef struct cordon_nbr {
    int32_t atom;
    int32_t bond;
} cordon_nbr;

typedef struct cordon_prop {
    char *key;
    char *value;
} cordon_prop;

#define CORDON_PERCEIVED_ADJ 0x01u
#define CORDON_PERCEIVED_VALENCE 0x02u
#define CORDON_PERCEIVED_RINGS 0x04u
#define CORDON_PERCEIVED_AROMATICITY 0x08u

struct cordon_mol {
    const cordon_allocator *alloc;
    int natoms, nbonds;
    size_t cap_atoms, cap_bonds;
    cordon_atom *atoms;
    cordon_bond *bonds;

    /* adjacency (CSR) */
    int32_t *nbr_start;
    size_t cap_nbr_start;
    cordon_nbr *nbrs;
    size_t cap_nbrs;

    /* rings */
    int nrings;
    int32_t *ring_start; /* nrings + 1 */
    size_t cap_ring_start;
    int32_t *ring_atoms;
    int32_t *ring_bonds;
    size_t cap_ring_items;

    unsigned perceived; /* CORDON_PERCEIVED_* */

    /* scratch memory for readers and perception, reused across records;
     * contents are meaningless between calls (cordon__mol_work) */
    void *work; /* cordon__mol_work's slot table, NULL until first use */

    char *title;
    size_t title_cap;
    cordon_prop *props;
    int nprops;
    size_t cap_props;

    /* atom coordinates (MOL/SDF input), x y z per atom; coord_dim 0 when
     * the molecule has none (src/mol/coords.c) */
    double *coords;
    size_t cap_coords;
    int coord_dim;
};

/* Copies src's coordinates into dst (src/mol/coords.c). */
int cordon__mol_copy_coords(cordon_mol *dst, const cordon_mol *src);

/* Builds nbr_start/nbrs from the bond list (O(atoms + bonds)). */
int cordon__mol_build_adjacency(cordon_mol *mol);
/* The same when nbr_start (natoms + 1 entries) already holds each atom's
 * number of bonds, as a reader can count them while adding bonds. */
int cordon__mol_fill_adjacency(cordon_mol *mol);

/* Ring storage helpers used by ring perception.  ring_room makes room at
 * the end of the ring list for a ring of up to n atoms: *ra and *rb are
 * where its atoms and bonds go, in ring order; ring_commit then appends
 * the ring of n atoms written there.  ring_add does both from arrays.
 * 0 or CORDON_ENOMEM. */
int cordon__mol_rings_reset(cordon_mol *mol);
int cordon__mol_ring_room(cordon_mol *mol, int n, int32_t **ra, int32_t **rb);
static inline void cordon__mol_ring_commit(cordon_mol *mol, int n)
{
    mol->ring_start[mol->nrings + 1] = mol->ring_start[mol->nrings] + n;
    mol->nrings++;
}
int cordon__mol_ring_add(cordon_mol *mol, const int32_t *atoms,
                         const int32_t *bonds, int n);

/* Implemented in src/mol/perceive.c and friends (chemistry core). */
int cordon__mol_assign_valence(cordon_mol *mol, cordon_error *err);
int cordon__mol_find_rings(cordon_mol *mol, cordon_error *err);
int cordon__mol_kekulize(cordon_mol *mol, cordon_error *err);
int cordon__mol_aromatize(cordon_mol *mol, cordon_error *err);

/* Scratch block number slot (0 <= slot < CORDON_MOL_WORK_SLOTS) of mol, at
 * least n bytes, max-aligned, grown if needed; NULL on allocation failure.
 * Contents are kept across calls but are meaningless between records.
 * Slot 0 belongs to readers, the others to perception (src/mol/perceive.c).
 * cordon__mol_work_free releases them all (called by cordon_mol_free). */
#define CORDON_MOL_WORK_SLOTS 8
typedef struct cordon__work_table {
    void *buf[CORDON_MOL_WORK_SLOTS];
    size_t cap[CORDON_MOL_WORK_SLOTS];
} cordon__work_table;
void *cordon__mol_work_grow(cordon_mol *mol, int slot, size_t n);
void cordon__mol_work_free(cordon_mol *mol);
static inline void *cordon__mol_work(cordon_mol *mol, int slot, size_t n)
{
    const cordon__work_table *t = (const cordon__work_table *)mol->work;
    if (t && n && t->cap[slot] >= n)
        return t->buf[slot];
    return cordon__mol_work_grow(mol, slot, n);
}

/* Makes room for natoms atoms and nbonds bonds in all, for
 * cordon__mol_push_atom / cordon__mol_push_bond.  0 or CORDON_ENOMEM. */
int cordon__mol_reserve(cordon_mol *mol, size_t natoms, size_t nbonds);

/* cordon_mol_add_atom without checks, into reserved room; returns the new
 * atom's index.  The caller has cleared mol->perceived. */
static inline int cordon__mol_push_atom(cordon_mol *mol, int elem)
{
    cordon_atom *a = &mol->atoms[mol->natoms];
    memset(a, 0, sizeof *a);
    a->elem = (uint8_t)elem;
    return mol->natoms++;
}

/* cordon_mol_add_bond without checks (distinct atoms in range, order
 * valid), into reserved room; returns the new bond's index. */
static inline int cordon__mol_push_bond(cordon_mol *mol, int begin, int end,
                                        int order)
{
    cordon_bond *b = &mol->bonds[mol->nbonds];
    memset(b, 0, sizeof *b);
    b->begin = begin;
    b->end = end;
    b->order = (uint8_t)order;
    b->kekule = (uint8_t)order;
    b->stereo_begin = b->stereo_end = -1;
    if (order == CORDON_BOND_AROMATIC)
        b->flags = CORDON_BONDF_AROMATIC | CORDON_BONDF_AROM_INPUT;
    return mol->nbonds++;
}

/* Total hydrogens not in the graph. */
static inline int cordon__atom_hcount(const cordon_atom *a)
{
    return a->imp_h + a->exp_h;
}

#endif /* CORDON_MOL_INT_H */

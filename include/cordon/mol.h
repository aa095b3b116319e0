/*
 * mol.h -- the molecule graph.
 *
 * A cordon_mol is a mutable graph of atoms and bonds with the perceived
 * properties every other module relies on: implicit hydrogens (RDKit's
 * default valence model), ring membership and sizes, aromaticity (RDKit's
 * default model), Kekulé bond orders, tetrahedral and double-bond stereo.
 *
 * Life cycle: create (or reuse with cordon_mol_clear) -> add atoms and bonds
 * (readers do this) -> cordon_mol_perceive -> query.  A molecule belongs to
 * one thread at a time.  Reusing one molecule for many records avoids
 * allocation on the hot path.
 *
 * Atom and bond indices are 0-based ints in insertion order.
 *
 * Stereo conventions (shared by every reader and writer):
 *  - Tetrahedral: CORDON_CHI_CCW means that, looking from the first
 *    neighbour in the atom's neighbour order (cordon_mol_nbr order, which is
 *    bond insertion order), the remaining neighbours run anticlockwise; CW
 *    clockwise.  A hydrogen that is not an explicit atom (implicit, or the H
 *    count of a bracket atom) takes the place of the first neighbour, i.e.
 *    the order is (H, n0, n1, n2).
 *  - Double bonds: stereo CIS/TRANS states the relation between the two
 *    reference atoms stereo_begin (a neighbour of the begin atom) and
 *    stereo_end (a neighbour of the end atom).
 */
#ifndef CORDON_MOL_H
#define CORDON_MOL_H

#include "cordon/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_mol cordon_mol;

/* Tetrahedral chirality of an atom. */
enum {
    CORDON_CHI_NONE = 0,
    CORDON_CHI_CCW = 1,  /* '@'  */
    CORDON_CHI_CW = 2,   /* '@@' */
    CORDON_CHI_OTHER = 3 /* allene/square-planar/etc.: kept, not interpreted */
};

/* Bond orders.  After perception an aromatic bond has order AROMATIC and
 * its Kekulé order (1 or 2) is available through cordon_mol_bond_kekule. */
enum {
    CORDON_BOND_ZERO = 0,
    CORDON_BOND_SINGLE = 1,
    CORDON_BOND_DOUBLE = 2,
    CORDON_BOND_TRIPLE = 3,
    CORDON_BOND_QUADRUPLE = 4,
    CORDON_BOND_AROMATIC = 5
};

/* Double-bond stereo. */
enum {
    CORDON_BSTEREO_NONE = 0,
    CORDON_BSTEREO_CIS = 1,
    CORDON_BSTEREO_TRANS = 2,
    CORDON_BSTEREO_EITHER = 3 /* explicitly unknown (MOL crossed bond) */
};

/* Atom flags (cordon_mol_atom_flags). */
#define CORDON_ATOM_AROMATIC 0x01u
#define CORDON_ATOM_IN_RING 0x02u
#define CORDON_ATOM_NO_IMPLICIT 0x04u /* bracket atom: H count is as given */
#define CORDON_ATOM_AROM_INPUT 0x08u  /* written aromatic in the input */

/* Bond flags (cordon_mol_bond_flags). */
#define CORDON_BONDF_AROMATIC 0x01u
#define CORDON_BONDF_IN_RING 0x02u
#define CORDON_BONDF_AROM_INPUT 0x04u /* written aromatic in the input */
#define CORDON_BONDF_UP 0x08u         /* '/' as written, begin->end */
#define CORDON_BONDF_DOWN 0x10u       /* '\\' as written, begin->end */

/* Limits applied by readers and perception. */
typedef struct cordon_mol_limits {
    int max_atoms;     /* default 10000 */
    int max_bonds;     /* default 20000 */
    int max_ring_work; /* ring-perception step budget, default 1000000 */
} cordon_mol_limits;
#define CORDON_MOL_LIMITS_INIT                                                 \
    {                                                                          \
        10000, 20000, 1000000                                                  \
    }

/* Creates an empty molecule.  alloc may be NULL (default allocator). */
cordon_status cordon_mol_new(cordon_mol **out, const cordon_allocator *alloc);
void cordon_mol_free(cordon_mol *mol);
/* Removes all atoms, bonds, title and properties; keeps the memory. */
void cordon_mol_clear(cordon_mol *mol);
/* Deep copy. */
cordon_status cordon_mol_copy(cordon_mol **out, const cordon_mol *mol);

/* ---- building (used by readers) ---- */

/* Appends an atom of atomic number elem (0 = '*' / dummy), returns its index
 * through *idx (may be NULL).  Defaults: charge 0, isotope 0, no H given,
 * implicit hydrogens computed by perception. */
cordon_status cordon_mol_add_atom(cordon_mol *mol, int elem, int *idx);
/* Appends a bond; begin != end, both valid, not already bonded
 * (CORDON_EINVAL otherwise). */
cordon_status cordon_mol_add_bond(cordon_mol *mol, int begin, int end,
                                  int order, int *idx);
void cordon_mol_set_charge(cordon_mol *mol, int atom, int charge);
void cordon_mol_set_isotope(cordon_mol *mol, int atom, int isotope);
/* Fixes the hydrogen count of an atom (bracket atom); no implicit H added. */
void cordon_mol_set_hcount(cordon_mol *mol, int atom, int hcount);
void cordon_mol_set_radicals(cordon_mol *mol, int atom, int radicals);
void cordon_mol_set_map(cordon_mol *mol, int atom, int map);
void cordon_mol_set_chirality(cordon_mol *mol, int atom, int chi);
void cordon_mol_set_atom_flags(cordon_mol *mol, int atom, unsigned flags);
void cordon_mol_set_bond_flags(cordon_mol *mol, int bond, unsigned flags);
void cordon_mol_set_bond_stereo(cordon_mol *mol, int bond, int stereo,
                                int ref_begin, int ref_end);
/* Title (SMILES id, SDF title line). */
cordon_status cordon_mol_set_title(cordon_mol *mol, const char *s, size_t len);
/* Coordinates (from MOL/SDF input; used by the MOL writer).  set_coords
 * stores atom's position and makes the molecule dim-dimensional (2 or 3);
 * atoms never given a position are at the origin.  cordon_mol_clear drops
 * them.  Returns CORDON_OK, CORDON_EINVAL (bad atom or dim) or
 * CORDON_ENOMEM. */
cordon_status cordon_mol_set_coords(cordon_mol *mol, int atom, int dim,
                                    double x, double y, double z);
/* 0 when the molecule has no coordinates, else 2 or 3. */
int cordon_mol_coord_dim(const cordon_mol *mol);
/* xyz[0..2] of atom (zeros without coordinates). */
void cordon_mol_atom_coords(const cordon_mol *mol, int atom, double *xyz);
/* Appends a data item (SDF "> <key>" block). */
cordon_status cordon_mol_add_prop(cordon_mol *mol, const char *key, size_t klen,
                                  const char *val, size_t vlen);

/*
 * Perception: builds adjacency, checks valences and computes implicit
 * hydrogens (RDKit default model), finds rings, kekulises aromatic input and
 * perceives aromaticity (RDKit default model).  Returns CORDON_ECHEM with a
 * message naming the atom for impossible valences or non-kekulisable input.
 * Idempotent.
 */
#define CORDON_PERCEIVE_ALL 0u
#define CORDON_PERCEIVE_NO_AROMATICITY 0x01u /* keep input/Kekulé orders */
cordon_status cordon_mol_perceive(cordon_mol *mol, unsigned flags,
                                  cordon_error *err);

/* ---- queries (valid after perception unless said otherwise) ---- */

int cordon_mol_num_atoms(const cordon_mol *mol);
int cordon_mol_num_bonds(const cordon_mol *mol);
const char *cordon_mol_title(const cordon_mol *mol); /* "" if none */
int cordon_mol_num_props(const cordon_mol *mol);
const char *cordon_mol_prop_key(const cordon_mol *mol, int i);
const char *cordon_mol_prop_value(const cordon_mol *mol, int i);

int cordon_mol_atom_elem(const cordon_mol *mol, int atom);
int cordon_mol_atom_charge(const cordon_mol *mol, int atom);
int cordon_mol_atom_isotope(const cordon_mol *mol, int atom);
int cordon_mol_atom_radicals(const cordon_mol *mol, int atom);
int cordon_mol_atom_map(const cordon_mol *mol, int atom);
int cordon_mol_atom_chirality(const cordon_mol *mol, int atom);
unsigned cordon_mol_atom_flags(const cordon_mol *mol, int atom);
/* Hydrogens not in the graph (implicit + bracket count). */
int cordon_mol_atom_hcount(const cordon_mol *mol, int atom);
int cordon_mol_atom_degree(const cordon_mol *mol, int atom);
/* Neighbour i (0 <= i < degree) of atom, and the bond to it. */
int cordon_mol_atom_nbr(const cordon_mol *mol, int atom, int i);
int cordon_mol_atom_nbr_bond(const cordon_mol *mol, int atom, int i);
/* Number of SSSR rings containing the atom; smallest ring size (0 if none). */
int cordon_mol_atom_ring_count(const cordon_mol *mol, int atom);
int cordon_mol_atom_min_ring(const cordon_mol *mol, int atom);

int cordon_mol_bond_begin(const cordon_mol *mol, int bond);
int cordon_mol_bond_end(const cordon_mol *mol, int bond);
int cordon_mol_bond_order(const cordon_mol *mol, int bond);
int cordon_mol_bond_kekule(const cordon_mol *mol, int bond);
unsigned cordon_mol_bond_flags(const cordon_mol *mol, int bond);
int cordon_mol_bond_stereo(const cordon_mol *mol, int bond, int *ref_begin,
                           int *ref_end);
/* Bond between a and b, or -1. */
int cordon_mol_bond_between(const cordon_mol *mol, int a, int b);

/* Element symbol ("C", "Se", "*"); "" for an invalid number. */
const char *cordon_element_symbol(int elem);
/* Atomic number of a symbol (case-sensitive, "*" -> 0), -1 if unknown. */
int cordon_element_number(const char *sym, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_MOL_H */

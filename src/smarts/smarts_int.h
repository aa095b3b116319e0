/*
 * smarts_int.h -- the layout of a compiled query, shared by src/smarts/
 * (compiling), src/match/ (matching) and src/fp/ (query screen bits).
 *
 * A query is a graph of atoms and bonds; each carries an expression, a tree
 * of nodes in q->nodes (AND/OR/NOT over primitives).  Recursive SMARTS
 * $(...) are compiled into their own cordon_query (q->subs); the matcher
 * anchors a sub-query's atom 0 on the molecule atom being tested.
 *
 * The match order (order/parent/back-edges) is computed at compile time:
 * every connected component of the query starts at a root (for a sub-query
 * the component of atom 0 starts at atom 0) and grows through atoms bonded
 * to atoms already placed, most selective first.
 */
#ifndef CORDON_SMARTS_INT_H
#define CORDON_SMARTS_INT_H

#include "cordon/fp.h"
#include "cordon/smarts.h"
#include "core/core.h"

enum qop { QOP_TRUE, QOP_AND, QOP_OR, QOP_NOT, QOP_PRIM };

/* Primitives.  Counting primitives test lo <= value <= hi. */
enum qprim {
    /* atoms */
    QA_ELEM,       /* #n, any aromaticity; lo = atomic number */
    QA_AROM_ELEM,  /* c, n, [se]: aromatic element lo */
    QA_ALIPH_ELEM, /* C, N, [Cl]: aliphatic element lo */
    QA_AROMATIC,   /* a */
    QA_ALIPHATIC,  /* A */
    QA_D,          /* explicit connections (graph degree) */
    QA_H,          /* total H: implicit + bracket + [H] neighbours */
    QA_h,          /* H not in the graph: implicit + bracket count */
    QA_R,          /* number of SSSR rings containing the atom */
    QA_r,          /* smallest SSSR ring size */
    QA_v,          /* total valence (Kekulé orders + H) */
    QA_X,          /* total degree: connections + H not in the graph */
    QA_x,          /* number of ring bonds */
    QA_z,          /* heteroatom neighbours (not C, not H), RDKit ext. */
    QA_Z,          /* aliphatic heteroatom neighbours, RDKit ext. */
    QA_CHARGE,     /* formal charge */
    QA_ISOTOPE,    /* mass number; 0 = unspecified */
    QA_CHIRAL,     /* lo = CORDON_CHI_CCW/CW; checked only on request */
    QA_RECURSIVE,  /* lo = index into q->subs */
    /* bonds */
    QB_SINGLE,   /* '-', '/', '\' */
    QB_DOUBLE,   /* '=' */
    QB_TRIPLE,   /* '#' */
    QB_QUAD,     /* '$' */
    QB_AROMATIC, /* ':' */
    QB_RING,     /* '@' */
    QB_DEFAULT   /* unspecified: single or aromatic */
};

typedef struct qnode {
    uint8_t op;   /* enum qop */
    uint8_t prim; /* enum qprim when op == QOP_PRIM */
    int16_t lo, hi;
    int32_t a, b; /* children of AND/OR (a, b) and NOT (a) */
} qnode;

typedef struct qatom {
    int32_t expr;   /* node index */
    int32_t map;    /* atom map number, 0 = none */
    int32_t group;  /* component group, 0 = none */
    int16_t elem;   /* element every match has, -1 if not fixed */
    int8_t arom;    /* 1 aromatic, 0 aliphatic, -1 either (implied) */
    uint8_t chiral; /* CORDON_CHI_CCW/CW when the expression requires it */
    /* symmetry breaking for unique matches: the first atom of a '.'-part
     * whose text equals an earlier (later) part's points at that part's
     * first atom; -1 otherwise (see set_symmetry in smarts.c) */
    int32_t sym_prev, sym_next;
    size_t pos; /* byte offset in the SMARTS text */
} qatom;

typedef struct qbond {
    int32_t a, b;
    int32_t expr;
    int8_t order; /* definite CORDON_BOND_* every match has, -1 if not */
    /* where the bond is written, seen from a and from b (SMILES neighbour
     * order for chirality): the other atom's offset for a chain bond, the
     * ring-closure digit's offset for a ring bond */
    size_t akey, bkey;
} qbond;

typedef struct qadj {
    int32_t atom, bond;
} qadj;

struct cordon_query {
    const cordon_allocator *alloc;
    int natoms, nbonds, nnodes, nsubs;
    size_t cap_atoms, cap_bonds, cap_nodes, cap_subs;
    qatom *atoms;
    qbond *bonds;
    qnode *nodes;
    cordon_query **subs;
    /* adjacency (CSR): neighbours of atom i are adj[adj_start[i] ..] */
    int32_t *adj_start;
    qadj *adj;
    /* match order: order[k] is the k-th query atom placed; parent[k] the
     * query atom (placed earlier) it is reached from, -1 for a root, and
     * pbond[k] that bond; back-edges of step k (other bonds to atoms placed
     * earlier) are back[back_start[k] .. back_start[k+1]-1]. */
    int32_t *order, *parent, *pbond;
    int32_t *back_start;
    qadj *back;
    int ngroups;
    int has_chiral; /* some atom has @/@@ */
    int has_recursive;
    int has_sym; /* some atom has sym_prev/sym_next */
    char *text;
    size_t textlen;
    uint64_t hash; /* FNV-1a of text: key of the recursive-result cache */
    cordon_screenfp screen;
};

/* Renumbers the atoms of q so that atom i is the one with map number i+1
 * (every atom must carry a distinct map in 1..natoms; CORDON_EINVAL
 * otherwise) and rebuilds the derived tables.  For cordon_query_from_mol. */
int cordon__query_renumber_by_map(cordon_query *q);

/* Computes q->screen (src/fp/screen.c). */
void cordon__screenfp_query_compute(cordon_query *q);

#endif /* CORDON_SMARTS_INT_H */

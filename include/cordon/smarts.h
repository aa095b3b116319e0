/*
 * smarts.h -- compiling Daylight SMARTS into queries.
 *
 * A cordon_query is a compiled substructure pattern: a small graph whose
 * atoms and bonds carry boolean expressions over atom and bond properties.
 * Compile once, match many times (match.h).  A query is immutable after
 * creation and may be shared by any number of threads without locking.
 *
 * Language: Daylight SMARTS (Daylight Theory Manual ch. 4) with RDKit's
 * readings where Daylight is vague (docs/smarts.md lists every primitive):
 *  - atoms: symbols in and out of brackets (C, c, Cl, [se], *, a, A),
 *    #n, D<n>, H<n>, h<n>, R<n>, r<n>, v<n>, X<n>, x<n>, +/-<n>, ++/--,
 *    isotope prefix ([13C]), @ @@ (chirality, tested only when the match
 *    options ask for it), :<n> atom map numbers, recursive $(...);
 *  - logic: ! (not) binds tightest, then & (high and), then , (or), then
 *    ; (low and); juxtaposition is &;
 *  - bonds: - = # : ~ @ / \ and their negations and logical combinations;
 *    an unspecified bond means "single or aromatic" (Daylight, RDKit);
 *  - ring closures (%nn too), branches, '.' and component-level grouping
 *    with parentheses ("(C.C)" same component, "(C).(C)" different ones);
 *  - RDKit meanings: R<n> = number of SSSR rings containing the atom
 *    (R alone = in a ring), r<n> = in an SSSR ring of size n (r alone = in a
 *    ring), x<n> = number of ring bonds, H<n> = total hydrogen count
 *    (implicit + explicit, not counting [H] atoms of the graph), h<n> =
 *    implicit hydrogens, v<n> = total valence (aromatic bond = 1.5, rounded
 *    as RDKit), X<n> = total degree including hydrogens, D<n> = explicit
 *    connections.
 *
 * Errors: CORDON_EPARSE with err->offset = byte offset of the offending
 * character in the SMARTS text and a message such as "unclosed ring bond 1
 * at offset 14" or "unknown element 'Xx' at offset 3".
 */
#ifndef CORDON_SMARTS_H
#define CORDON_SMARTS_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_query cordon_query;

/* Bounds for compiling.  Exceeding one returns CORDON_ELIMIT. */
typedef struct cordon_smarts_opts {
    int max_atoms;     /* query atoms (all levels), default 1000 */
    int max_depth;     /* nesting of $(...) recursion, default 8 */
    int max_expr_size; /* primitives in one atom/bond expression, def. 256 */
} cordon_smarts_opts;
#define CORDON_SMARTS_OPTS_INIT                                                \
    {                                                                          \
        1000, 8, 256                                                           \
    }

/*
 * Compiles the SMARTS (s, len) into *out.  opts and alloc may be NULL
 * (defaults).  Returns CORDON_OK, CORDON_EPARSE (err->offset set),
 * CORDON_ELIMIT or CORDON_ENOMEM; on failure *out is NULL.  An empty string
 * is a parse error.  Leading/trailing whitespace is not accepted.
 */
cordon_status cordon_smarts_compile(cordon_query **out, const char *s,
                                    size_t len, const cordon_smarts_opts *opts,
                                    const cordon_allocator *alloc,
                                    cordon_error *err);

/*
 * Builds an exact-structure query from a perceived molecule (RDKit's
 * "molecule as query"): each query atom requires the element, aromaticity
 * and formal charge of its atom (and isotope when non-zero); each bond
 * requires its order (aromatic bonds match aromatic bonds only).  Hydrogen
 * counts are not constrained, so the molecule matches as a substructure.
 * Query atom i is molecule atom i and carries atom map number i + 1.
 * Returns CORDON_OK, CORDON_EINVAL (not perceived, empty), CORDON_ELIMIT
 * (deeper than 2000 bonds from the traversal root, or more than 100 ring
 * closures open at once) or CORDON_ENOMEM.
 */
cordon_status cordon_query_from_mol(cordon_query **out, const cordon_mol *mol,
                                    const cordon_allocator *alloc,
                                    cordon_error *err);

void cordon_query_free(cordon_query *q);

/* ---- query-level information (all O(1), thread-safe) ---- */

/* Top-level atoms and bonds (atoms inside $(...) are not counted).  Query
 * atom indices are 0-based in order of appearance in the SMARTS. */
int cordon_query_num_atoms(const cordon_query *q);
int cordon_query_num_bonds(const cordon_query *q);
int cordon_query_bond_begin(const cordon_query *q, int bond);
int cordon_query_bond_end(const cordon_query *q, int bond);
/* Degree of a query atom in the query graph and its i-th neighbour. */
int cordon_query_atom_degree(const cordon_query *q, int atom);
int cordon_query_atom_nbr(const cordon_query *q, int atom, int i);

/* Atom map number written in the SMARTS ([C:1] -> 1), 0 if none.  Callers
 * use them to label regions of a pattern. */
int cordon_query_atom_map(const cordon_query *q, int atom);
/* First query atom carrying map number map, or -1. */
int cordon_query_atom_by_map(const cordon_query *q, int map);

/* The atomic number a query atom requires when its expression implies a
 * single element (C, [#7;R], [c,n;H1] -> -1 since two elements), else -1. */
int cordon_query_atom_elem(const cordon_query *q, int atom);

/* Component-level grouping: group id of each top-level atom (0 when the
 * SMARTS has no grouping parentheses; atoms in the same "(...)" group
 * share an id >= 1). */
int cordon_query_atom_group(const cordon_query *q, int atom);

/* The SMARTS text the query was compiled from (NUL-terminated copy), or a
 * generated SMARTS for cordon_query_from_mol. */
const char *cordon_query_smarts(const cordon_query *q);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_SMARTS_H */

/*
 * match.h -- substructure matching of compiled queries (smarts.h) against
 * perceived molecules (mol.h).
 *
 * A cordon_matcher is the per-thread match state: scratch memory, the
 * molecule it is bound to, per-molecule caches (derived atom properties,
 * recursive SMARTS results, the screen fingerprint) and the mappings found
 * by the last search.  Use one matcher per thread; queries are shared.
 *
 *   cordon_matcher *m;  cordon_matcher_new(&m, NULL);
 *   for each molecule:
 *       cordon_matcher_bind(m, mol, &err);      // caches reset
 *       for each query:
 *           cordon_match_count(m, q, NULL, &n, &err);
 *
 * Semantics follow RDKit's SubstructMatch: a match maps every top-level
 * query atom to a distinct molecule atom such that atom and bond
 * expressions hold for the mapped atoms and bonds.  "All" matches are every
 * distinct mapping; "unique" matches keep the first mapping found for each
 * distinct set of molecule atoms (RDKit uniquify=true), in search order.
 * Chirality in the query is ignored unless opts->use_chirality is set (RDKit
 * useChirality=false default).
 *
 * Bounds: the search stops after opts->max_matches mappings (the results so
 * far are kept and the call returns CORDON_OK; "count" saturates at the
 * bound) and returns CORDON_ELIMIT when more than opts->max_steps candidate
 * atom pairs have been tried in one call (the mappings found until then stay
 * readable).
 */
#ifndef CORDON_MATCH_H
#define CORDON_MATCH_H

#include "cordon/common.h"
#include "cordon/mol.h"
#include "cordon/smarts.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_matcher cordon_matcher;

typedef struct cordon_match_opts {
    /* Stop after this many (unique, when uniquify) matches; default 1000
     * (RDKit's maxMatches default).  Must be >= 1. */
    int max_matches;
    /* Work budget: candidate (query atom, molecule atom) pairs tried per
     * call, recursive SMARTS included; default 1000000.  Exceeded ->
     * CORDON_ELIMIT. */
    long max_steps;
    /* 1 (default): unique atom sets only (RDKit uniquify); 0: all
     * mappings. */
    int uniquify;
    /* 0 (default): ignore @/@@ in the query (RDKit useChirality=false).
     * 1: a query atom written @/@@ with at least three neighbours must map
     * to a tetrahedral centre of the same parity, neighbour orders related
     * by the SMILES rules (the answer RDKit gives for the pattern read as
     * SMILES; docs/smarts.md §4). */
    int use_chirality;
    /* Optional restriction: when not NULL, an array of num_atoms(mol)
     * bytes; only atoms with a non-zero byte may be mapped.  Borrowed for
     * the duration of the call. */
    const unsigned char *atom_mask;
    /* Optional anchoring: when not NULL, an array of num_atoms(query) ints;
     * fixed[i] >= 0 requires query atom i to map to molecule atom fixed[i],
     * -1 leaves it free.  Borrowed for the duration of the call. */
    const int *fixed;
} cordon_match_opts;
#define CORDON_MATCH_OPTS_INIT                                                 \
    {                                                                          \
        1000, 1000000L, 1, 0, NULL, NULL                                       \
    }

cordon_status cordon_matcher_new(cordon_matcher **out,
                                 const cordon_allocator *alloc);
void cordon_matcher_free(cordon_matcher *m);

/*
 * Binds a perceived molecule (cordon_mol_perceive done) to the matcher and
 * resets its per-molecule caches.  The molecule is borrowed: it must stay
 * alive and unmodified until the next bind or cordon_matcher_free.
 * Returns CORDON_OK, CORDON_EINVAL (molecule not perceived) or
 * CORDON_ENOMEM.
 */
cordon_status cordon_matcher_bind(cordon_matcher *m, const cordon_mol *mol,
                                  cordon_error *err);

/*
 * Is there at least one match?  *found = 1 or 0; the mapping (if found) is
 * match 0 (cordon_match_mapping).  opts may be NULL (defaults).  Uses the
 * screen fingerprint to answer "no" early.  Returns CORDON_OK, CORDON_ELIMIT
 * (budget), CORDON_EINVAL (no molecule bound, bad fixed[] entry) or
 * CORDON_ENOMEM.
 */
cordon_status cordon_match_first(cordon_matcher *m, const cordon_query *q,
                                 const cordon_match_opts *opts, int *found,
                                 cordon_error *err);

/*
 * Finds matches (unique or all, per opts->uniquify) up to opts->max_matches
 * and stores their mappings in the matcher; *count receives how many.
 * Same statuses as cordon_match_first.
 */
cordon_status cordon_match_all(cordon_matcher *m, const cordon_query *q,
                               const cordon_match_opts *opts, int *count,
                               cordon_error *err);

/* cordon_match_all with uniquify forced on: the number RDKit reports as
 * len(mol.GetSubstructMatches(q, maxMatches=max_matches)). */
cordon_status cordon_match_count(cordon_matcher *m, const cordon_query *q,
                                 const cordon_match_opts *opts, int *count,
                                 cordon_error *err);

/* Number of mappings stored by the last first/all/count call. */
int cordon_match_num(const cordon_matcher *m);
/* Mapping k (0 <= k < cordon_match_num): an array of
 * cordon_query_num_atoms(q) molecule atom indices, mapping[i] = molecule
 * atom of query atom i.  Borrowed until the next call on m. */
const int *cordon_match_mapping(const cordon_matcher *m, int k);
/* Candidate pairs tried by the last call (for budgeting and benchmarks). */
long cordon_match_steps(const cordon_matcher *m);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_MATCH_H */

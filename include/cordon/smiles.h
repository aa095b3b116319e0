/*
 * smiles.h -- reading and writing SMILES (OpenSMILES, with what real files
 * contain), and canonical SMILES.
 */
#ifndef CORDON_SMILES_H
#define CORDON_SMILES_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_smiles_opts {
    int max_atoms;           /* default 10000; more -> CORDON_ELIMIT */
    int max_branch_depth;    /* default 1000 */
    unsigned perceive_flags; /* passed to cordon_mol_perceive, default 0 */
    int perceive;            /* default 1; 0 leaves the graph as parsed */
} cordon_smiles_opts;
#define CORDON_SMILES_OPTS_INIT                                                \
    {                                                                          \
        10000, 1000, 0u, 1                                                     \
    }

/*
 * Parses one SMILES (s, len) into mol, which is cleared first, then runs
 * perception unless opts->perceive is 0.  opts may be NULL (defaults).
 * Returns CORDON_OK, CORDON_EPARSE (err->offset = byte offset of the
 * problem), CORDON_ECHEM (valence/kekulisation), CORDON_ELIMIT or
 * CORDON_ENOMEM.  On failure mol is left in an unspecified but valid state.
 */
cordon_status cordon_smiles_read(cordon_mol *mol, const char *s, size_t len,
                                 const cordon_smiles_opts *opts,
                                 cordon_error *err);

/* Writer flags. */
#define CORDON_SMILES_CANONICAL 0x01u /* canonical atom order */
#define CORDON_SMILES_NO_STEREO 0x02u /* drop tetrahedral and E/Z marks */
#define CORDON_SMILES_KEKULE 0x04u    /* write Kekulé bonds, no lower case */
#define CORDON_SMILES_NO_ISOTOPES 0x08u
#define CORDON_SMILES_NO_MAPS 0x10u /* drop atom maps/classes */

/* A writer owns a reusable output buffer (one thread at a time). */
typedef struct cordon_smiles_writer cordon_smiles_writer;
cordon_status cordon_smiles_writer_new(cordon_smiles_writer **out,
                                       const cordon_allocator *alloc);
void cordon_smiles_writer_free(cordon_smiles_writer *w);

/*
 * Writes mol (perceived) as SMILES.  *out points into the writer's buffer
 * (NUL-terminated, *len bytes) and stays valid until the next call or
 * cordon_smiles_writer_free.  The molecule is not modified.
 */
cordon_status cordon_smiles_write(cordon_smiles_writer *w,
                                  const cordon_mol *mol, unsigned flags,
                                  const char **out, size_t *len,
                                  cordon_error *err);

/*
 * Canonical ranks: ranks[i] in [0, natoms) for every atom, independent of
 * input atom order; ties broken so that the ranks are a permutation.  With
 * CORDON_SMILES_NO_STEREO stereo is ignored.  ranks has natoms entries.
 */
cordon_status cordon_mol_canon_ranks(const cordon_mol *mol, unsigned flags,
                                     int *ranks, cordon_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_SMILES_H */

/*
 * canon_int.h -- canonical atom ranking with reusable scratch memory, for
 * the SMILES writer (src/io/smiles_write.c) and other hot paths.  The
 * public entry point is cordon_mol_canon_ranks (include/cordon/smiles.h).
 */
#ifndef CORDON_CANON_INT_H
#define CORDON_CANON_INT_H

#include "cordon/smiles.h"
#include "mol/mol_int.h"

/* Scratch memory reused across molecules; zero-initialise, then release
 * with cordon__canon_work_free. */
typedef struct cordon__canon_work {
    const cordon_allocator *alloc;
    int32_t *buf;
    size_t cap; /* int32 units */
    uint64_t *keys;
    size_t cap_keys;
} cordon__canon_work;

/*
 * Canonical ranks of the atoms of mol (perceived) into ranks[natoms]: a
 * permutation of 0..natoms-1 that does not depend on the input atom order.
 * flags: CORDON_SMILES_NO_STEREO ignores stereo, CORDON_SMILES_NO_ISOTOPES
 * and CORDON_SMILES_NO_MAPS ignore isotopes and atom maps.  Returns
 * CORDON_OK or CORDON_ENOMEM.
 */
int cordon__canon_ranks(cordon__canon_work *w, const cordon_mol *mol,
                        unsigned flags, int *ranks);
void cordon__canon_work_free(cordon__canon_work *w);

#endif /* CORDON_CANON_INT_H */

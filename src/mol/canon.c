/* canon.c -- STUB: canonical ranking goes here. */
#include "cordon/smiles.h"
#include "core/core.h"

cordon_status cordon_mol_canon_ranks(const cordon_mol *mol, unsigned flags,
                                     int *ranks, cordon_error *err)
{
    (void)mol; (void)flags; (void)ranks;
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

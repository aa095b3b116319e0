/* perceive.c -- STUB: perception (valence, rings, aromaticity) goes here. */
#include "mol/mol_int.h"

cordon_status cordon_mol_perceive(cordon_mol *mol, unsigned flags,
                                  cordon_error *err)
{
    (void)flags;
    if (cordon__mol_build_adjacency(mol))
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

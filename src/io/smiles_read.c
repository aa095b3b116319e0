/* smiles_read.c -- STUB: the SMILES reader goes here. */
#include "cordon/smiles.h"
#include "core/core.h"

cordon_status cordon_smiles_read(cordon_mol *mol, const char *s, size_t len,
                                 const cordon_smiles_opts *opts,
                                 cordon_error *err)
{
    (void)mol; (void)s; (void)len; (void)opts;
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

/* smiles_write.c -- STUB: the SMILES writer goes here. */
#include "cordon/smiles.h"
#include "core/core.h"

struct cordon_smiles_writer {
    const cordon_allocator *alloc;
};

cordon_status cordon_smiles_writer_new(cordon_smiles_writer **out,
                                       const cordon_allocator *alloc)
{
    *out = cordon__calloc(alloc, 1, sizeof **out);
    if (!*out)
        return CORDON_ENOMEM;
    (*out)->alloc = alloc;
    return CORDON_OK;
}

void cordon_smiles_writer_free(cordon_smiles_writer *w)
{
    if (w)
        cordon__free(w->alloc, w);
}

cordon_status cordon_smiles_write(cordon_smiles_writer *w,
                                  const cordon_mol *mol, unsigned flags,
                                  const char **out, size_t *len,
                                  cordon_error *err)
{
    (void)w; (void)mol; (void)flags;
    *out = "";
    *len = 0;
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

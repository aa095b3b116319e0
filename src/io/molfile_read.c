/* molfile_read.c -- STUB: the MOL/SDF reader goes here. */
#include "cordon/molfile.h"
#include "core/core.h"

cordon_status cordon_molfile_read(cordon_mol *mol, const char *s, size_t len,
                                  int perceive, cordon_error *err)
{
    (void)mol; (void)s; (void)len; (void)perceive;
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

/* inchi.c -- STUB: the libinchi bridge goes here. */
#include "cordon/inchi.h"
#include "core/core.h"

cordon_status cordon_inchi_read(cordon_mol *mol, const char *s, size_t len,
                                cordon_error *err)
{
    (void)mol; (void)s; (void)len;
    return cordon__error(err, CORDON_EINVAL, (size_t)-1, "not implemented");
}

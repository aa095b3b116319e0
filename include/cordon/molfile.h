/*
 * molfile.h -- MDL molfile and SDF (V2000 and V3000), reading and writing.
 * (Owned by the MOL/SDF work; this declares what the reader relies on.)
 */
#ifndef CORDON_MOLFILE_H
#define CORDON_MOLFILE_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parses one MOL block, optionally followed by SDF data items and "$$$$",
 * from (s, len) into mol (cleared first): title line -> title, data items
 * -> properties.  Perceives unless perceive is 0.  Errors carry err->line
 * (1-based within the record) and err->offset.
 */
cordon_status cordon_molfile_read(cordon_mol *mol, const char *s, size_t len,
                                  int perceive, cordon_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_MOLFILE_H */

/*
 * inchi.h -- InChI and InChIKey through the IUPAC library (libinchi).
 * (Owned by the InChI work; this declares what the reader relies on.)
 */
#ifndef CORDON_INCHI_H
#define CORDON_INCHI_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Builds mol (cleared first) from an InChI string. */
cordon_status cordon_inchi_read(cordon_mol *mol, const char *s, size_t len,
                                cordon_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_INCHI_H */

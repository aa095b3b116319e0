/*
 * normalize.h -- identity forms and keys for matching against the law.
 *
 * Laws list a substance "and its salts" and "its isomers", so identity is
 * checked on normalised forms (docs/identity-keys.md explains each rule and
 * why):
 *   parent       the largest organic fragment left after removing known
 *                counter-ions and solvents (a documented list), with
 *                charges neutralised where a neutral form exists
 *                (protonated amines, carboxylates, phenolates; never
 *                quaternary N+ or charge-separated groups such as nitro);
 *   stereo-free  the parent without tetrahedral and double-bond stereo.
 * Keys are standard InChIKeys of those forms (27 characters), so that they
 * are tautomer-tolerant (InChI mobile-H layer) and comparable with the
 * InChIKeys published by PubChem, ChEMBL and drug-control lists.
 */
#ifndef CORDON_NORMALIZE_H
#define CORDON_NORMALIZE_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Normalisation steps (cordon_mol_normalize). */
#define CORDON_NORM_STRIP                                                      \
    0x01u /* drop counter-ions/solvents, keep the                              \
             largest organic fragment */
#define CORDON_NORM_NEUTRALIZE                                                 \
    0x02u                           /* neutralise where a neutral form         \
                                       exists */
#define CORDON_NORM_NO_STEREO 0x04u /* drop tetrahedral and E/Z stereo */
#define CORDON_NORM_PARENT (CORDON_NORM_STRIP | CORDON_NORM_NEUTRALIZE)

/*
 * Builds a new, perceived molecule from mol (perceived) with the given
 * steps; title and properties are kept.  The caller frees *out with
 * cordon_mol_free.  Returns CORDON_OK, CORDON_EINVAL (mol not perceived),
 * CORDON_ECHEM (the result does not perceive) or CORDON_ENOMEM.
 */
cordon_status cordon_mol_normalize(cordon_mol **out, const cordon_mol *mol,
                                   unsigned steps, cordon_error *err);

/* The three identity keys of a molecule: standard InChIKeys, NUL-ended. */
typedef struct cordon_identity_keys {
    char exact[28];       /* the molecule as given */
    char parent[28];      /* CORDON_NORM_PARENT form */
    char stereo_free[28]; /* parent form without stereo */
} cordon_identity_keys;

/*
 * Computes all three keys.  Returns CORDON_OK, or the status of the InChI
 * library refusing a form (CORDON_ECHEM, e.g. dummy atoms; the keys not
 * computed are left as empty strings), CORDON_ELIMIT or CORDON_ENOMEM.
 */
cordon_status cordon_mol_identity_keys(const cordon_mol *mol,
                                       cordon_identity_keys *keys,
                                       cordon_error *err);

/* 1 if the neutral Hill formula of a fragment ("C6H8O7") is on the
 * counter-ion/solvent list, else 0 (exposed for documentation and tests). */
int cordon_norm_is_counterion(const char *formula);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_NORMALIZE_H */

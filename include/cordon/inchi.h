/*
 * inchi.h -- InChI and InChIKey through the IUPAC library (libinchi, the
 * Debian package libinchi-dev; the version linked is reported by
 * cordon_inchi_library_version).
 *
 * Standard InChI is computed from the molecule graph as perceived by
 * cordon (hydrogen counts from the RDKit valence model, charges, isotopes,
 * radicals), with stereo handed over as InChI "0D parities": tetrahedral
 * centres and double bonds exactly as stored in the cordon_mol, whatever
 * the input format was.  Coordinates are not used.
 *
 * Threads: libinchi keeps global state, so every call into it is serialised
 * by one process-wide mutex inside this module (the only global in
 * libcordon).  The functions are safe to call from any thread.
 */
#ifndef CORDON_INCHI_H
#define CORDON_INCHI_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* InChIKey length without the terminating NUL ("XXXXXXXXXXXXXX-YYYYYYYYSA-N").
 */
#define CORDON_INCHIKEY_LEN 27

/* Flags for cordon_mol_inchi / cordon_mol_inchikey. */
#define CORDON_INCHI_NO_STEREO 0x01u /* standard InChI option SNon */

/*
 * Standard InChI of mol (perceived) into buf (cap bytes, NUL-terminated),
 * length through *len (may be NULL).  Returns CORDON_OK, CORDON_ECHEM (the
 * InChI library refused the structure, e.g. dummy atoms; err->message has
 * its reason), CORDON_ELIMIT (more than 1023 atoms, more than 20 bonds on
 * an atom, or buf too small), CORDON_EINVAL (not perceived) or
 * CORDON_ENOMEM.
 */
cordon_status cordon_mol_inchi(const cordon_mol *mol, unsigned flags, char *buf,
                               size_t cap, size_t *len, cordon_error *err);

/* Standard InChIKey of mol into key[CORDON_INCHIKEY_LEN + 1]. */
cordon_status cordon_mol_inchikey(const cordon_mol *mol, unsigned flags,
                                  char *key, cordon_error *err);

/*
 * Standard InChI straight from one MOL/SDF record (s, len), the way the
 * InChI program reads a molfile: 2D/3D coordinates and wedge bonds go to
 * the library, which perceives hydrogens and stereo itself.  This is the
 * reference path for MOL/SDF input (it reproduces the IUPAC tool's
 * output); cordon_mol_inchi is the path for every other input and for
 * normalised molecules.  Same returns as cordon_mol_inchi, plus the
 * molfile reader's CORDON_EPARSE.
 */
cordon_status cordon_inchi_from_molfile(const char *s, size_t len,
                                        unsigned flags, char *buf, size_t cap,
                                        size_t *outlen, cordon_error *err);

/* InChIKey of an InChI string (standard or not). */
cordon_status cordon_inchi_key(const char *inchi, size_t len, char *key,
                               cordon_error *err);

/*
 * Builds mol (cleared first, then perceived) from an InChI string through
 * the library's InChI-to-structure conversion: hydrogen counts are fixed as
 * the InChI gives them, tetrahedral and double-bond parities become cordon
 * stereo.  Returns CORDON_OK, CORDON_EPARSE (not an InChI, or the library
 * cannot rebuild a structure from it), CORDON_ECHEM or CORDON_ENOMEM.
 */
cordon_status cordon_inchi_read(cordon_mol *mol, const char *s, size_t len,
                                cordon_error *err);

/* Version of the InChI software linked ("1.03"), from its header. */
const char *cordon_inchi_library_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_INCHI_H */

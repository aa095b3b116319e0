/*
 * cordon.h -- umbrella header of libcordon.
 *
 * cordon tells whether a chemical -- given as a structure (SMILES, MOL/SDF,
 * InChI) or as a name or CAS number -- is a controlled substance in a given
 * jurisdiction on a given date, and why.
 *
 * Conventions (status codes, errors, ownership, allocation, threads, bounds)
 * are stated once in cordon/common.h.  Headers, in reading order:
 *   common.h  mol.h  smiles.h  molfile.h  inchi.h  normalize.h
 *   smarts.h  match.h  fp.h  kb.h  rules.h  screen.h
 */
#ifndef CORDON_CORDON_H
#define CORDON_CORDON_H

#include "cordon/common.h"
#include "cordon/mol.h"
#include "cordon/smiles.h"
#include "cordon/smarts.h"
#include "cordon/match.h"
#include "cordon/fp.h"

#endif /* CORDON_CORDON_H */

/*
 * convert_molio.h -- the MOL/SDF/InChI side of 'cordon convert': output
 * formats mol, sdf, inchi, inchikey and the --parent option.  cmd_convert.c
 * owns the option parsing and the record loop and calls these.
 */
#ifndef CORDON_CLI_CONVERT_MOLIO_H
#define CORDON_CLI_CONVERT_MOLIO_H

#include <stdio.h>

#include "cordon/cordon.h"

enum {
    MOLIO_TO_NONE = 0,
    MOLIO_TO_MOL,
    MOLIO_TO_SDF,
    MOLIO_TO_INCHI,
    MOLIO_TO_INCHIKEY
};

/* MOLIO_TO_* for "mol", "sdf", "inchi", "inchikey"; MOLIO_TO_NONE
 * otherwise (smi/can are cmd_convert's). */
int molio_output_format(const char *name);

typedef struct molio_out molio_out;
int molio_out_new(molio_out **out);
void molio_out_free(molio_out *o);

/*
 * Writes one record to f in format fmt (MOLIO_TO_*).  mol is the perceived
 * record (already the parent form when --parent was given); text/len is the
 * record as read and from_sdf says it is a MOL block: then, without
 * --parent, mol/sdf output copies the record's connection table and data
 * items unchanged, and inchi/inchikey are computed from the record the way
 * the InChI program reads a molfile.  inchi/inchikey lines are "VALUE ID".
 * Returns CORDON_OK or the status with err filled (nothing written).
 */
int molio_write(molio_out *o, FILE *f, int fmt, const cordon_mol *mol,
                const char *id, const char *text, size_t len, int from_sdf,
                int parent, cordon_error *err);

/* The --parent form of mol (cordon_mol_normalize with CORDON_NORM_PARENT);
 * the caller frees *out. */
int molio_parent(cordon_mol **out, const cordon_mol *mol, cordon_error *err);

#endif /* CORDON_CLI_CONVERT_MOLIO_H */

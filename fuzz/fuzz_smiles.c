/*
 * fuzz_smiles.c -- libFuzzer target for the SMILES reader and perception
 * (src/io/smiles_read.c, src/mol/).  The input is one SMILES; it is read
 * with default options, then again with small limits, into a reused
 * molecule.  Any crash, hang, leak or sanitizer report is a bug.
 * (The write/re-read round trip is added with the SMILES writer.)
 */
#include <stdint.h>
#include <string.h>

#include "cordon/smiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cordon_mol *mol = NULL;
    cordon_error err;
    cordon_smiles_opts small = CORDON_SMILES_OPTS_INIT;
    int i, rc;
    if (cordon_mol_new(&mol, NULL) != CORDON_OK)
        return 0;
    rc = cordon_smiles_read(mol, (const char *)data, size, NULL, &err);
    if (rc == CORDON_OK) {
        /* touch every perceived property */
        for (i = 0; i < cordon_mol_num_atoms(mol); i++)
            (void)(cordon_mol_atom_hcount(mol, i) +
                   cordon_mol_atom_ring_count(mol, i) +
                   (int)cordon_mol_atom_flags(mol, i));
        (void)cordon_mol_perceive(mol, 0, &err);
    } else if (err.offset != (size_t)-1 && err.offset > size) {
        __builtin_trap(); /* an error offset must point into the input */
    }
    small.max_atoms = 8;
    small.max_branch_depth = 3;
    (void)cordon_smiles_read(mol, (const char *)data, size, &small, &err);
    cordon_mol_free(mol);
    return 0;
}

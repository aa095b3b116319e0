/*
 * fuzz_smiles.c -- libFuzzer target for the SMILES reader and perception
 * (src/io/smiles_read.c, src/mol/).  The input is one SMILES; it is read
 * with default options, then again with small limits, into a reused
 * molecule.  Any crash, hang, leak or sanitizer report is a bug.
 * Round trip: a molecule that reads is written as SMILES (input order and
 * canonical); both must read back with the same heavy atoms, and canonical
 * SMILES of the canonical SMILES must be the same string (idempotency).
 */
#include <stdint.h>
#include <string.h>

#include "cordon/smiles.h"

/* Atoms other than hydrogen: an [H] kept beside a centre whose
 * non-tetrahedral stereo is not written may be folded on re-reading. */
static int heavy_atoms(const cordon_mol *mol)
{
    int i, n = 0;
    for (i = 0; i < cordon_mol_num_atoms(mol); i++)
        n += cordon_mol_atom_elem(mol, i) != 1;
    return n;
}

/* Aromatic input that did not perceive as aromatic (S:Br, Cn1ccnc=1):
 * RDKit and cordon accept it with valences that no Kekulé or aromatic
 * spelling reproduces, so a failed re-read is not the writer's fault. */
static int lost_aromaticity(const cordon_mol *mol)
{
    int i;
    for (i = 0; i < cordon_mol_num_atoms(mol); i++) {
        unsigned f = cordon_mol_atom_flags(mol, i);
        if ((f & CORDON_ATOM_AROM_INPUT) && !(f & CORDON_ATOM_AROMATIC))
            return 1;
    }
    for (i = 0; i < cordon_mol_num_bonds(mol); i++) {
        unsigned f = cordon_mol_bond_flags(mol, i);
        if ((f & CORDON_BONDF_AROM_INPUT) && !(f & CORDON_BONDF_AROMATIC))
            return 1;
    }
    return 0;
}

/* Writes mol with flags, reads the text back into back; traps on a string
 * the reader rejects or that changes the number of heavy atoms.  Returns
 * the text (in w's buffer) or NULL when writing failed (out of memory). */
static const char *round_trip(cordon_smiles_writer *w, const cordon_mol *mol,
                              cordon_mol *back, unsigned flags, size_t *len)
{
    const char *out;
    cordon_error err;
    if (cordon_smiles_write(w, mol, flags, &out, len, &err) != CORDON_OK)
        return NULL;
    if (cordon_smiles_read(back, out, *len, NULL, &err) != CORDON_OK) {
        if (err.status == CORDON_EPARSE ||
            (err.status == CORDON_ECHEM && !lost_aromaticity(mol)))
            __builtin_trap(); /* the writer wrote what we cannot read */
        return NULL;
    }
    if (heavy_atoms(back) != heavy_atoms(mol))
        __builtin_trap();
    return out;
}

static void check_writer(const cordon_mol *mol)
{
    cordon_smiles_writer *w = NULL, *w2 = NULL;
    cordon_mol *back = NULL, *back2 = NULL;
    const char *a, *b;
    size_t la, lb;
    if (cordon_smiles_writer_new(&w, NULL) != CORDON_OK ||
        cordon_smiles_writer_new(&w2, NULL) != CORDON_OK ||
        cordon_mol_new(&back, NULL) != CORDON_OK ||
        cordon_mol_new(&back2, NULL) != CORDON_OK)
        goto done;
    (void)round_trip(w, mol, back, 0u, &la);
    a = round_trip(w, mol, back, CORDON_SMILES_CANONICAL, &la);
    /* read canonical -> write canonical gives the same string; an [H] atom
     * kept only for stereo that is not written folds on the first re-read,
     * so with H atoms the check starts one round later */
    if (a && heavy_atoms(mol) != cordon_mol_num_atoms(mol)) {
        cordon_mol *t = back;
        a = round_trip(w, back, back2, CORDON_SMILES_CANONICAL, &la);
        back = back2; /* read(a) */
        back2 = t;
    }
    if (a) {
        b = round_trip(w2, back, back2, CORDON_SMILES_CANONICAL, &lb);
        if (b && (la != lb || memcmp(a, b, la) != 0))
            __builtin_trap(); /* canonical SMILES is not idempotent */
    }
done:
    cordon_mol_free(back2);
    cordon_mol_free(back);
    cordon_smiles_writer_free(w2);
    cordon_smiles_writer_free(w);
}

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
        check_writer(mol);
    } else if (err.offset != (size_t)-1 && err.offset > size) {
        __builtin_trap(); /* an error offset must point into the input */
    }
    small.max_atoms = 8;
    small.max_branch_depth = 3;
    (void)cordon_smiles_read(mol, (const char *)data, size, &small, &err);
    cordon_mol_free(mol);
    return 0;
}

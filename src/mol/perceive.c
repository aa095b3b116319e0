/*
 * perceive.c -- cordon_mol_perceive: the RDKit sanitisation sequence
 * (MolOps::sanitizeMol with default operations) on a cordon_mol:
 * adjacency -> clean-up and valence (implicit H) -> rings (symmetrized
 * SSSR; E/Z dropped in rings of fewer than 8 atoms) -> kekulisation of
 * aromatic input -> radicals -> aromaticity.
 * Also owns the molecule's scratch slots (cordon__mol_work).
 */
#include <string.h>

#include "mol/perceive_int.h"

/* The slow path of cordon__mol_work (mol_int.h): first use, or growth. */
void *cordon__mol_work_grow(cordon_mol *mol, int slot, size_t n)
{
    cordon__work_table *t = mol->work;
    if (!t) {
        t = cordon__calloc(mol->alloc, 1, sizeof *t);
        if (!t)
            return NULL;
        mol->work = t;
    }
    if (n == 0)
        n = 1;
    if (t->cap[slot] < n) {
        size_t c = t->cap[slot] ? t->cap[slot] : 256;
        void *p;
        while (c < n)
            c *= 2;
        p = cordon__realloc(mol->alloc, t->buf[slot], c);
        if (!p)
            return NULL;
        t->buf[slot] = p;
        t->cap[slot] = c;
    }
    return t->buf[slot];
}

void cordon__mol_work_free(cordon_mol *mol)
{
    cordon__work_table *t = mol->work;
    int i;
    if (!t)
        return;
    for (i = 0; i < CORDON_MOL_WORK_SLOTS; i++)
        cordon__free(mol->alloc, t->buf[i]);
    cordon__free(mol->alloc, t);
    mol->work = NULL;
}

cordon_status cordon_mol_perceive(cordon_mol *mol, unsigned flags,
                                  cordon_error *err)
{
    int rc, i, above;
    const uint64_t *sum;
    /* readers leave the adjacency built; any add_atom/add_bond clears the
     * flag */
    if (!(mol->perceived & CORDON_PERCEIVED_ADJ) &&
        cordon__mol_build_adjacency(mol))
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    if ((rc = cordon__mol_assign_valence(mol, err)) != CORDON_OK)
        return rc;
    if ((rc = cordon__mol_find_rings(mol, err)) != CORDON_OK)
        return rc;
    if ((rc = cordon__mol_kekulize(mol, err)) != CORDON_OK)
        return rc;
    /* kekulize left the bond sums in their slot (perceive_int.h) */
    sum = cordon__mol_work(mol, WORK_BOND_SUM,
                           sizeof(uint64_t) * ((size_t)mol->natoms + 1));
    cordon__mol_assign_radicals(mol, sum);
    above = (sum[mol->natoms] & BOND_SUM_F_ABOVE) != 0;
    if (!(flags & CORDON_PERCEIVE_NO_AROMATICITY)) {
        if ((rc = cordon__mol_aromatize(mol, err)) != CORDON_OK)
            return rc;
    } else {
        for (i = 0; i < mol->natoms; i++)
            mol->atoms[i].flags &= (uint8_t)~CORDON_ATOM_AROMATIC;
    }
    if (above)
        cordon__mol_kekule_hydrogens(mol);
    return CORDON_OK;
}

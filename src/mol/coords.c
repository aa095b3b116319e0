/* coords.c -- atom coordinates of a cordon_mol (include/cordon/mol.h). */
#include <string.h>

#include "mol/mol_int.h"

/* Makes room for n atoms' coordinates, new ones at the origin. */
static int reserve(cordon_mol *mol, size_t n)
{
    size_t old = mol->coord_dim ? mol->cap_coords : 0;
    if (cordon__grow(mol->alloc, (void **)&mol->coords, 3 * sizeof(double),
                     &mol->cap_coords, n))
        return CORDON_ENOMEM;
    if (!mol->coord_dim)
        old = 0;
    if (old < mol->cap_coords)
        memset(mol->coords + 3 * old, 0,
               3 * sizeof(double) * (mol->cap_coords - old));
    return CORDON_OK;
}

cordon_status cordon_mol_set_coords(cordon_mol *mol, int atom, int dim,
                                    double x, double y, double z)
{
    if (atom < 0 || atom >= mol->natoms || (dim != 2 && dim != 3))
        return CORDON_EINVAL;
    if ((!mol->coord_dim || (size_t)atom >= mol->cap_coords) &&
        reserve(mol, (size_t)mol->natoms))
        return CORDON_ENOMEM;
    mol->coord_dim = dim;
    mol->coords[3 * atom] = x;
    mol->coords[3 * atom + 1] = y;
    mol->coords[3 * atom + 2] = z;
    return CORDON_OK;
}

int cordon_mol_coord_dim(const cordon_mol *mol)
{
    return mol->coord_dim;
}

void cordon_mol_atom_coords(const cordon_mol *mol, int atom, double *xyz)
{
    if (!mol->coord_dim || (size_t)atom >= mol->cap_coords) {
        xyz[0] = xyz[1] = xyz[2] = 0.0;
        return;
    }
    memcpy(xyz, mol->coords + 3 * atom, 3 * sizeof(double));
}

int cordon__mol_copy_coords(cordon_mol *dst, const cordon_mol *src)
{
    size_t n = src->cap_coords < (size_t)src->natoms ? src->cap_coords
                                                     : (size_t)src->natoms;
    dst->coord_dim = 0;
    if (reserve(dst, (size_t)src->natoms))
        return CORDON_ENOMEM;
    memcpy(dst->coords, src->coords, 3 * sizeof(double) * n);
    dst->coord_dim = src->coord_dim;
    return CORDON_OK;
}

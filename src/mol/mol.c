/* mol.c -- construction, copying and accessors of cordon_mol. */
#include <assert.h>
#include <string.h>

#include "mol/mol_int.h"

cordon_status cordon_mol_new(cordon_mol **out, const cordon_allocator *alloc)
{
    cordon_mol *m;
    *out = NULL;
    m = cordon__calloc(alloc, 1, sizeof *m);
    if (!m)
        return CORDON_ENOMEM;
    m->alloc = alloc;
    *out = m;
    return CORDON_OK;
}

static void free_props(cordon_mol *mol)
{
    int i;
    for (i = 0; i < mol->nprops; i++) {
        cordon__free(mol->alloc, mol->props[i].key);
        cordon__free(mol->alloc, mol->props[i].value);
    }
    mol->nprops = 0;
}

void cordon_mol_free(cordon_mol *mol)
{
    const cordon_allocator *a;
    if (!mol)
        return;
    a = mol->alloc;
    free_props(mol);
    cordon__free(a, mol->props);
    cordon__free(a, mol->atoms);
    cordon__free(a, mol->bonds);
    cordon__free(a, mol->nbr_start);
    cordon__free(a, mol->nbrs);
    cordon__free(a, mol->ring_start);
    cordon__free(a, mol->ring_atoms);
    cordon__free(a, mol->ring_bonds);
    cordon__free(a, mol->title);
    cordon__free(a, mol->coords);
    cordon__mol_work_free(mol);
    cordon__free(a, mol);
}

void cordon_mol_clear(cordon_mol *mol)
{
    mol->natoms = mol->nbonds = 0;
    mol->nrings = 0;
    mol->perceived = 0;
    mol->coord_dim = 0;
    if (mol->title)
        mol->title[0] = '\0';
    if (mol->nprops)
        free_props(mol);
}

cordon_status cordon_mol_copy(cordon_mol **out, const cordon_mol *src)
{
    cordon_mol *m;
    int rc, i;
    if ((rc = cordon_mol_new(&m, src->alloc)) != CORDON_OK)
        return rc;
    if (cordon__grow(m->alloc, (void **)&m->atoms, sizeof *m->atoms,
                     &m->cap_atoms, (size_t)src->natoms + 1) ||
        cordon__grow(m->alloc, (void **)&m->bonds, sizeof *m->bonds,
                     &m->cap_bonds, (size_t)src->nbonds + 1))
        goto oom;
    /* an empty array may be NULL: memcpy(NULL, 0) is undefined behaviour */
    if (src->natoms)
        memcpy(m->atoms, src->atoms, sizeof *m->atoms * (size_t)src->natoms);
    if (src->nbonds)
        memcpy(m->bonds, src->bonds, sizeof *m->bonds * (size_t)src->nbonds);
    m->natoms = src->natoms;
    m->nbonds = src->nbonds;
    if (src->coord_dim && cordon__mol_copy_coords(m, src))
        goto oom;
    if (src->title && cordon_mol_set_title(m, src->title, strlen(src->title)))
        goto oom;
    for (i = 0; i < src->nprops; i++) {
        const cordon_prop *p = &src->props[i];
        if (cordon_mol_add_prop(m, p->key, strlen(p->key), p->value,
                                strlen(p->value)))
            goto oom;
    }
    if (src->perceived & CORDON_PERCEIVED_ADJ) {
        if (cordon__mol_build_adjacency(m))
            goto oom;
    }
    if (src->perceived & CORDON_PERCEIVED_RINGS) {
        if (cordon__mol_rings_reset(m))
            goto oom;
        for (i = 0; i < src->nrings; i++) {
            int s = src->ring_start[i], n = src->ring_start[i + 1] - s;
            if (cordon__mol_ring_add(m, src->ring_atoms + s,
                                     src->ring_bonds + s, n))
                goto oom;
        }
    }
    m->perceived = src->perceived;
    *out = m;
    return CORDON_OK;
oom:
    cordon_mol_free(m);
    *out = NULL;
    return CORDON_ENOMEM;
}

int cordon__mol_reserve(cordon_mol *mol, size_t natoms, size_t nbonds)
{
    if (cordon__grow(mol->alloc, (void **)&mol->atoms, sizeof *mol->atoms,
                     &mol->cap_atoms, natoms) ||
        cordon__grow(mol->alloc, (void **)&mol->bonds, sizeof *mol->bonds,
                     &mol->cap_bonds, nbonds))
        return CORDON_ENOMEM;
    return 0;
}

cordon_status cordon_mol_add_atom(cordon_mol *mol, int elem, int *idx)
{
    int i;
    if (elem < 0 || elem > 118)
        return CORDON_EINVAL;
    if (cordon__grow(mol->alloc, (void **)&mol->atoms, sizeof *mol->atoms,
                     &mol->cap_atoms, (size_t)mol->natoms + 1))
        return CORDON_ENOMEM;
    i = cordon__mol_push_atom(mol, elem);
    if (idx)
        *idx = i;
    mol->perceived = 0;
    return CORDON_OK;
}

cordon_status cordon_mol_add_bond(cordon_mol *mol, int begin, int end,
                                  int order, int *idx)
{
    int i;
    if (begin < 0 || end < 0 || begin >= mol->natoms || end >= mol->natoms ||
        begin == end || order < 0 || order > CORDON_BOND_AROMATIC)
        return CORDON_EINVAL;
    if (cordon__grow(mol->alloc, (void **)&mol->bonds, sizeof *mol->bonds,
                     &mol->cap_bonds, (size_t)mol->nbonds + 1))
        return CORDON_ENOMEM;
    i = cordon__mol_push_bond(mol, begin, end, order);
    if (idx)
        *idx = i;
    mol->perceived = 0;
    return CORDON_OK;
}

void cordon_mol_set_charge(cordon_mol *mol, int atom, int charge)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].charge = (int8_t)charge;
}

void cordon_mol_set_isotope(cordon_mol *mol, int atom, int isotope)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].isotope = (uint16_t)isotope;
}

void cordon_mol_set_hcount(cordon_mol *mol, int atom, int hcount)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].exp_h = (uint8_t)hcount;
    mol->atoms[atom].flags |= CORDON_ATOM_NO_IMPLICIT;
}

void cordon_mol_set_radicals(cordon_mol *mol, int atom, int radicals)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].radicals = (uint8_t)radicals;
}

void cordon_mol_set_map(cordon_mol *mol, int atom, int map)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].map = map;
}

void cordon_mol_set_chirality(cordon_mol *mol, int atom, int chi)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].chiral = (uint8_t)chi;
}

void cordon_mol_set_atom_flags(cordon_mol *mol, int atom, unsigned flags)
{
    assert(atom >= 0 && atom < mol->natoms);
    mol->atoms[atom].flags = (uint8_t)flags;
}

void cordon_mol_set_bond_flags(cordon_mol *mol, int bond, unsigned flags)
{
    assert(bond >= 0 && bond < mol->nbonds);
    mol->bonds[bond].flags = (uint8_t)flags;
}

void cordon_mol_set_bond_stereo(cordon_mol *mol, int bond, int stereo,
                                int ref_begin, int ref_end)
{
    assert(bond >= 0 && bond < mol->nbonds);
    mol->bonds[bond].stereo = (uint8_t)stereo;
    mol->bonds[bond].stereo_begin = ref_begin;
    mol->bonds[bond].stereo_end = ref_end;
}

cordon_status cordon_mol_set_title(cordon_mol *mol, const char *s, size_t len)
{
    if (cordon__grow(mol->alloc, (void **)&mol->title, 1, &mol->title_cap,
                     len + 1))
        return CORDON_ENOMEM;
    if (len)
        memcpy(mol->title, s, len);
    mol->title[len] = '\0';
    return CORDON_OK;
}

cordon_status cordon_mol_add_prop(cordon_mol *mol, const char *key, size_t klen,
                                  const char *val, size_t vlen)
{
    cordon_prop *p;
    if (cordon__grow(mol->alloc, (void **)&mol->props, sizeof *mol->props,
                     &mol->cap_props, (size_t)mol->nprops + 1))
        return CORDON_ENOMEM;
    p = &mol->props[mol->nprops];
    p->key = cordon__strndup(mol->alloc, key, klen);
    p->value = cordon__strndup(mol->alloc, val, vlen);
    if (!p->key || !p->value) {
        cordon__free(mol->alloc, p->key);
        cordon__free(mol->alloc, p->value);
        return CORDON_ENOMEM;
    }
    mol->nprops++;
    return CORDON_OK;
}

int cordon__mol_build_adjacency(cordon_mol *mol)
{
    int i, n = mol->natoms;
    int32_t *cnt;
    if (cordon__grow(mol->alloc, (void **)&mol->nbr_start,
                     sizeof *mol->nbr_start, &mol->cap_nbr_start,
                     (size_t)n + 1))
        return CORDON_ENOMEM;
    cnt = mol->nbr_start;
    memset(cnt, 0, sizeof *cnt * (size_t)n);
    for (i = 0; i < mol->nbonds; i++) {
        cnt[mol->bonds[i].begin]++;
        cnt[mol->bonds[i].end]++;
    }
    return cordon__mol_fill_adjacency(mol);
}

int cordon__mol_fill_adjacency(cordon_mol *mol)
{
    int i, n = mol->natoms, end;
    int32_t *start;
    cordon_nbr *nbrs;
    const cordon_bond *bonds = mol->bonds;
    cordon_atom *atoms = mol->atoms;
    if (cordon__grow(mol->alloc, (void **)&mol->nbrs, sizeof *mol->nbrs,
                     &mol->cap_nbrs, 2 * (size_t)mol->nbonds + 1))
        return CORDON_ENOMEM;
    /* nbr_start[i] holds the count of atom i's bonds, then the end of its
     * slots, then (filled backwards in bond order) their start */
    start = mol->nbr_start;
    nbrs = mol->nbrs;
    for (i = 0, end = 0; i < n; i++) {
        int d = start[i];
        atoms[i].degree = (uint8_t)(d > 255 ? 255 : d);
        end += d;
        start[i] = end;
    }
    start[n] = end;
    for (i = mol->nbonds - 1; i >= 0; i--) {
        int32_t b = bonds[i].begin, e = bonds[i].end;
        cordon_nbr *x = &nbrs[--start[b]];
        cordon_nbr *y = &nbrs[--start[e]];
        /* in this order the compiler stores each field as it is (paired,
         * GCC packs them through vector registers, which costs more) */
        x->atom = e;
        y->atom = b;
        x->bond = i;
        y->bond = i;
    }
    mol->perceived |= CORDON_PERCEIVED_ADJ;
    return CORDON_OK;
}

int cordon__mol_rings_reset(cordon_mol *mol)
{
    mol->nrings = 0;
    if (cordon__grow(mol->alloc, (void **)&mol->ring_start,
                     sizeof *mol->ring_start, &mol->cap_ring_start, 1))
        return CORDON_ENOMEM;
    mol->ring_start[0] = 0;
    return CORDON_OK;
}

int cordon__mol_ring_room(cordon_mol *mol, int n, int32_t **ra, int32_t **rb)
{
    size_t base = (size_t)mol->ring_start[mol->nrings];
    size_t cap = mol->cap_ring_items;
    if (cordon__grow(mol->alloc, (void **)&mol->ring_start,
                     sizeof *mol->ring_start, &mol->cap_ring_start,
                     (size_t)mol->nrings + 2))
        return CORDON_ENOMEM;
    if (base + (size_t)n > cap) {
        size_t c2 = cap;
        if (cordon__grow(mol->alloc, (void **)&mol->ring_atoms,
                         sizeof *mol->ring_atoms, &c2, base + (size_t)n))
            return CORDON_ENOMEM;
        if (cordon__grow(mol->alloc, (void **)&mol->ring_bonds,
                         sizeof *mol->ring_bonds, &cap, base + (size_t)n))
            return CORDON_ENOMEM;
        mol->cap_ring_items = cap < c2 ? cap : c2;
    }
    *ra = mol->ring_atoms + base;
    *rb = mol->ring_bonds + base;
    return CORDON_OK;
}

int cordon__mol_ring_add(cordon_mol *mol, const int32_t *atoms,
                         const int32_t *bonds, int n)
{
    int32_t *ra, *rb;
    if (cordon__mol_ring_room(mol, n, &ra, &rb))
        return CORDON_ENOMEM;
    memcpy(ra, atoms, sizeof *atoms * (size_t)n);
    memcpy(rb, bonds, sizeof *bonds * (size_t)n);
    cordon__mol_ring_commit(mol, n);
    return CORDON_OK;
}

/* ---- accessors ---- */

int cordon_mol_num_atoms(const cordon_mol *mol)
{
    return mol->natoms;
}
int cordon_mol_num_bonds(const cordon_mol *mol)
{
    return mol->nbonds;
}
const char *cordon_mol_title(const cordon_mol *mol)
{
    return mol->title ? mol->title : "";
}
int cordon_mol_num_props(const cordon_mol *mol)
{
    return mol->nprops;
}
const char *cordon_mol_prop_key(const cordon_mol *mol, int i)
{
    return mol->props[i].key;
}
const char *cordon_mol_prop_value(const cordon_mol *mol, int i)
{
    return mol->props[i].value;
}
int cordon_mol_atom_elem(const cordon_mol *mol, int i)
{
    return mol->atoms[i].elem;
}
int cordon_mol_atom_charge(const cordon_mol *mol, int i)
{
    return mol->atoms[i].charge;
}
int cordon_mol_atom_isotope(const cordon_mol *mol, int i)
{
    return mol->atoms[i].isotope;
}
int cordon_mol_atom_radicals(const cordon_mol *mol, int i)
{
    return mol->atoms[i].radicals;
}
int cordon_mol_atom_map(const cordon_mol *mol, int i)
{
    return mol->atoms[i].map;
}
int cordon_mol_atom_chirality(const cordon_mol *mol, int i)
{
    return mol->atoms[i].chiral;
}
unsigned cordon_mol_atom_flags(const cordon_mol *mol, int i)
{
    return mol->atoms[i].flags;
}
int cordon_mol_atom_hcount(const cordon_mol *mol, int i)
{
    return cordon__atom_hcount(&mol->atoms[i]);
}
int cordon_mol_atom_degree(const cordon_mol *mol, int i)
{
    return mol->atoms[i].degree;
}
int cordon_mol_atom_nbr(const cordon_mol *mol, int atom, int i)
{
    assert(mol->perceived & CORDON_PERCEIVED_ADJ);
    return mol->nbrs[mol->nbr_start[atom] + i].atom;
}
int cordon_mol_atom_nbr_bond(const cordon_mol *mol, int atom, int i)
{
    assert(mol->perceived & CORDON_PERCEIVED_ADJ);
    return mol->nbrs[mol->nbr_start[atom] + i].bond;
}
int cordon_mol_atom_ring_count(const cordon_mol *mol, int i)
{
    return mol->atoms[i].ring_count;
}
int cordon_mol_atom_min_ring(const cordon_mol *mol, int i)
{
    return mol->atoms[i].min_ring;
}
int cordon_mol_bond_begin(const cordon_mol *mol, int i)
{
    return mol->bonds[i].begin;
}
int cordon_mol_bond_end(const cordon_mol *mol, int i)
{
    return mol->bonds[i].end;
}
int cordon_mol_bond_order(const cordon_mol *mol, int i)
{
    return mol->bonds[i].order;
}
int cordon_mol_bond_kekule(const cordon_mol *mol, int i)
{
    return mol->bonds[i].kekule;
}
unsigned cordon_mol_bond_flags(const cordon_mol *mol, int i)
{
    return mol->bonds[i].flags;
}
int cordon_mol_bond_stereo(const cordon_mol *mol, int i, int *rb, int *re)
{
    if (rb)
        *rb = mol->bonds[i].stereo_begin;
    if (re)
        *re = mol->bonds[i].stereo_end;
    return mol->bonds[i].stereo;
}

int cordon_mol_bond_between(const cordon_mol *mol, int a, int b)
{
    int k;
    if (mol->perceived & CORDON_PERCEIVED_ADJ) {
        for (k = mol->nbr_start[a]; k < mol->nbr_start[a + 1]; k++)
            if (mol->nbrs[k].atom == b)
                return mol->nbrs[k].bond;
        return -1;
    }
    for (k = 0; k < mol->nbonds; k++) {
        const cordon_bond *x = &mol->bonds[k];
        if ((x->begin == a && x->end == b) || (x->begin == b && x->end == a))
            return k;
    }
    return -1;
}

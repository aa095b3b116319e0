/*
 * molfile_read.c -- a parsed MDL record (molfile_parse.c) into a cordon_mol:
 * hydrogens, stereo from coordinates, data items.
 *
 * Hydrogens.  Plain explicit hydrogens (neutral, no isotope, no map, one
 * single bond to a non-hydrogen) are folded into their neighbour's H count
 * the way RDKit's removeHs does with default parameters, so atom indices
 * and SMILES agree with RDKit.  They still count for stereo, which is
 * computed on the full graph first.
 *
 * Tetrahedral stereo (docs/molfile.md).  2D: only wedge (1) and hash (6)
 * bonds whose narrow end is the centre count, as in the CTfile
 * specification and RDKit; each neighbour gets z = +1 / -1 / 0 and the
 * handedness is the sign of the signed volume of the four neighbour
 * positions (an implicit H or lone pair is placed opposite the mean bond
 * direction).  3D: the same volume from the real coordinates, for atoms
 * that can be stereocentres.  The result is converted to the neighbour
 * order of include/cordon/mol.h (implicit H first, then bond order).
 *
 * Double bonds: E/Z from 2D or 3D coordinates for non-ring double bonds
 * and double bonds in rings of 8 or more atoms, unless the bond is drawn
 * "either" (stereo 3, V3000 CFG=2) or a wavy bond (stereo 4) starts at one
 * of its atoms (RDKit: STEREOANY).  All-zero coordinates carry no E/Z; there
 * the MDL atom parity gives tetrahedral stereo (RDKit ignores it; the InChI
 * program reads it).
 */
#include <math.h>
#include <string.h>

#include "cordon/molfile.h"
#include "io/molfile_int.h"
#include "mol/mol_int.h"

#define MAX_NBR 8

typedef struct builder {
    cordon__mf mf;
    int *nbr_start, *nbr; /* full-graph CSR adjacency, bond order */
    int *nbr_bond;
    int *newidx; /* file atom -> mol atom, -1 when folded */
    int *hfold;  /* folded H per atom */
    int *lp;     /* 1: three-coordinate centre, implicit slot first */
} builder;

static int build_adjacency(builder *b)
{
    cordon__mf *mf = &b->mf;
    int i, n = mf->natoms;
    int *fill;
    b->nbr_start = cordon__calloc(mf->alloc, (size_t)n + 1, sizeof(int));
    b->nbr =
        cordon__malloc(mf->alloc, sizeof(int) * (2 * (size_t)mf->nbonds + 1));
    b->nbr_bond =
        cordon__malloc(mf->alloc, sizeof(int) * (2 * (size_t)mf->nbonds + 1));
    b->newidx = cordon__malloc(mf->alloc, sizeof(int) * ((size_t)n + 1));
    b->hfold = cordon__calloc(mf->alloc, (size_t)n + 1, sizeof(int));
    b->lp = cordon__calloc(mf->alloc, (size_t)n + 1, sizeof(int));
    fill = cordon__calloc(mf->alloc, (size_t)n + 1, sizeof(int));
    if (!b->nbr_start || !b->nbr || !b->nbr_bond || !b->newidx || !b->hfold ||
        !b->lp || !fill) {
        cordon__free(mf->alloc, fill);
        return CORDON_ENOMEM;
    }
    for (i = 0; i < mf->nbonds; i++) {
        b->nbr_start[mf->bonds[i].a + 1]++;
        b->nbr_start[mf->bonds[i].b + 1]++;
    }
    for (i = 0; i < n; i++)
        b->nbr_start[i + 1] += b->nbr_start[i];
    for (i = 0; i < mf->nbonds; i++) {
        int x = mf->bonds[i].a, y = mf->bonds[i].b;
        int px = b->nbr_start[x] + fill[x]++, py = b->nbr_start[y] + fill[y]++;
        b->nbr[px] = y;
        b->nbr_bond[px] = i;
        b->nbr[py] = x;
        b->nbr_bond[py] = i;
    }
    cordon__free(mf->alloc, fill);
    return CORDON_OK;
}

static void builder_free(builder *b)
{
    const cordon_allocator *a = b->mf.alloc;
    cordon__free(a, b->nbr_start);
    cordon__free(a, b->nbr);
    cordon__free(a, b->nbr_bond);
    cordon__free(a, b->newidx);
    cordon__free(a, b->hfold);
    cordon__free(a, b->lp);
    cordon__mf_free(&b->mf);
}

static int degree(const builder *b, int i)
{
    return b->nbr_start[i + 1] - b->nbr_start[i];
}

/* RDKit removeHs defaults: neutral, unlabelled 1H with one single bond to
 * a heavy atom; kept when it defines the geometry of a double bond whose
 * end has no other neighbour (imine N-H). */
static int foldable_h(const builder *b, int i)
{
    const cordon__mf_atom *a = &b->mf.atoms[i];
    const cordon__mf_bond *bd;
    int o;
    if (a->elem != 1 || a->isotope || a->charge || a->radical || a->map ||
        degree(b, i) != 1)
        return 0;
    bd = &b->mf.bonds[b->nbr_bond[b->nbr_start[i]]];
    o = b->nbr[b->nbr_start[i]];
    if (bd->type != 1 || b->mf.atoms[o].elem <= 1)
        return 0;
    return 1;
}

static void vec_sub(double *r, const cordon__mf_atom *p,
                    const cordon__mf_atom *q)
{
    r[0] = p->x - q->x;
    r[1] = p->y - q->y;
    r[2] = p->z - q->z;
}

static double det3(const double *a, const double *b, const double *c)
{
    return a[0] * (b[1] * c[2] - b[2] * c[1]) -
           a[1] * (b[0] * c[2] - b[2] * c[0]) +
           a[2] * (b[0] * c[1] - b[1] * c[0]);
}

static void normalise(double *v, int n)
{
    double l = 0;
    int k;
    for (k = 0; k < n; k++)
        l += v[k] * v[k];
    l = sqrt(l);
    if (l > 1e-9)
        for (k = 0; k < n; k++)
            v[k] /= l;
}

/* Elements that the 3D route treats as possible stereocentres. */
static int stereo_elem_3d(int elem, int deg)
{
    switch (elem) {
    case 6:
    case 14:
    case 32:
    case 50:
        return 1;
    case 7:
        return deg == 4;
    case 15:
    case 16:
    case 33:
    case 34:
        return deg >= 3;
    default:
        return 0;
    }
}

/*
 * Without coordinates, the MDL atom parity (CTfile: neighbours numbered by
 * atom number, an implicit H highest; 1 = the three lowest run clockwise
 * with the highest pointing away from the viewer) in the mol.h order.
 */
static int parity_chirality(const builder *b, int c)
{
    int n = degree(b, c), k, j, ord[4], tgt[4], m = 0, hpos = -1, inv = 0;
    int p = b->mf.atoms[c].parity, chi;
    const int IMPL = b->mf.natoms; /* numbered above every atom */
    if ((p != 1 && p != 2) || n < 3 || n > 4)
        return CORDON_CHI_NONE;
    if (n == 3)
        tgt[m++] = IMPL;
    for (k = 0; k < n; k++) {
        int x = b->nbr[b->nbr_start[c] + k];
        if (b->newidx[x] < 0) {
            if (hpos >= 0 || n == 3)
                return CORDON_CHI_NONE;
            hpos = k;
        }
        tgt[m++] = x;
    }
    if (hpos > 0) { /* folded H first */
        int h = tgt[hpos];
        for (k = hpos; k > 0; k--)
            tgt[k] = tgt[k - 1];
        tgt[0] = h;
    }
    /* MDL order: highest first (viewed from it), the rest ascending */
    memcpy(ord, tgt, sizeof ord);
    for (k = 1; k < 4; k++)
        for (j = k; j > 0 && ord[j - 1] > ord[j]; j--) {
            int t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    {
        int mdl[4] = {ord[3], ord[0], ord[1], ord[2]}, pos[4];
        for (k = 0; k < 4; k++)
            for (j = 0; j < 4; j++)
                if (tgt[j] == mdl[k])
                    pos[k] = j;
        for (k = 0; k < 4; k++)
            for (j = k + 1; j < 4; j++)
                if (pos[k] > pos[j])
                    inv++;
    }
    /* clockwise with the highest behind = anticlockwise seen from it */
    chi = p == 1 ? CORDON_CHI_CCW : CORDON_CHI_CW;
    if (inv & 1)
        chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
    return chi;
}

/* Chirality of file atom c in the order of mol.h, or CORDON_CHI_NONE. */
static int centre_chirality(const builder *b, int c)
{
    const cordon__mf *mf = &b->mf;
    const cordon__mf_atom *ca = &mf->atoms[c];
    double p[4][3], vol;
    int nb[4], n = degree(b, c), k, wedged = 0, nh = 0, hpos = -1, chi;
    if (mf->dim == 0)
        return parity_chirality(b, c);
    if (n < 3 || n > 4)
        return CORDON_CHI_NONE;
    for (k = 0; k < n; k++) {
        int e = b->nbr_start[c] + k;
        const cordon__mf_bond *bd = &mf->bonds[b->nbr_bond[e]];
        nb[k] = b->nbr[e];
        if (bd->type != 1 && mf->dim == 2 && ca->elem != 15 && ca->elem != 16 &&
            ca->elem != 33 && ca->elem != 34)
            return CORDON_CHI_NONE;
        if (b->newidx[nb[k]] < 0) {
            nh++;
            hpos = k;
        }
        vec_sub(p[k], &mf->atoms[nb[k]], ca);
        if (mf->dim == 2) {
            p[k][2] = 0;
            normalise(p[k], 2);
            if (bd->a == c && (bd->stereo == 1 || bd->stereo == 6)) {
                p[k][2] = bd->stereo == 1 ? 1.0 : -1.0;
                wedged = 1;
            } else if (bd->a == c && bd->stereo == 4) {
                return CORDON_CHI_NONE; /* wavy: unknown */
            }
        } else {
            normalise(p[k], 3);
        }
    }
    if (nh > 1 || (n == 3 && nh > 0))
        return CORDON_CHI_NONE;
    if (mf->dim == 2 && !wedged)
        return CORDON_CHI_NONE;
    if (mf->dim == 3 && !stereo_elem_3d(ca->elem, n))
        return CORDON_CHI_NONE;
    if (mf->dim == 3 && ca->elem != 15 && ca->elem != 16 && ca->elem != 33 &&
        ca->elem != 34)
        for (k = 0; k < n; k++) /* sp2 C/N/Si: no centre, however bent */
            if (mf->bonds[b->nbr_bond[b->nbr_start[c] + k]].type != 1)
                return CORDON_CHI_NONE;
    if (n == 3) {
        /* the implicit neighbour sits opposite the mean bond direction */
        int j;
        for (k = 3; k > 0; k--)
            for (j = 0; j < 3; j++)
                p[k][j] = p[k - 1][j];
        for (j = 0; j < 3; j++)
            p[0][j] = -(p[1][j] + p[2][j] + p[3][j]);
        if (mf->dim == 2 && fabs(p[0][0]) + fabs(p[0][1]) < 1e-3) {
            /* symmetric drawing: put it below/above the wedges */
            p[0][2] = -(p[1][2] + p[2][2] + p[3][2]);
        }
    }
    {
        double a[3], bb[3], cc[3];
        int j;
        for (j = 0; j < 3; j++) {
            a[j] = p[1][j] - p[0][j];
            bb[j] = p[2][j] - p[0][j];
            cc[j] = p[3][j] - p[0][j];
        }
        vol = det3(a, bb, cc);
    }
    if (fabs(vol) < (mf->dim == 3 ? 0.05 : 1e-3))
        return CORDON_CHI_NONE;
    /* seen from p0, p1..p3 anticlockwise <=> negative volume */
    chi = vol < 0 ? CORDON_CHI_CCW : CORDON_CHI_CW;
    /* mol.h order: a folded H moves to the front (hpos transpositions) */
    if (hpos > 0 && (hpos & 1))
        chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
    return chi;
}

/* 1 if atoms a and e are joined by a path of at most maxlen bonds that
 * does not use bond skip (a ring of at most maxlen + 1 atoms). */
static int small_ring(const builder *b, int a, int e, int skip, int maxlen)
{
    int queue[64], dist[64], head = 0, tail = 0, k;
    queue[tail] = a;
    dist[tail++] = 0;
    while (head < tail) {
        int x = queue[head], d = dist[head++];
        if (d >= maxlen)
            continue;
        for (k = b->nbr_start[x]; k < b->nbr_start[x + 1]; k++) {
            int y = b->nbr[k], j, seen = 0;
            if (b->nbr_bond[k] == skip)
                continue;
            if (y == e)
                return 1;
            for (j = 0; j < tail; j++)
                if (queue[j] == y)
                    seen = 1;
            if (!seen && tail < 64) {
                queue[tail] = y;
                dist[tail++] = d + 1;
            }
        }
    }
    return 0;
}

/* First kept neighbour of x other than y, or -1. */
static int ref_nbr(const builder *b, int x, int y)
{
    int k;
    for (k = b->nbr_start[x]; k < b->nbr_start[x + 1]; k++)
        if (b->nbr[k] != y && b->newidx[b->nbr[k]] >= 0)
            return b->nbr[k];
    return -1;
}

static int wavy_at(const builder *b, int x)
{
    int k;
    for (k = b->nbr_start[x]; k < b->nbr_start[x + 1]; k++) {
        const cordon__mf_bond *bd = &b->mf.bonds[b->nbr_bond[k]];
        if (bd->stereo == 4 && bd->a == x)
            return 1;
    }
    return 0;
}

/* CIS/TRANS of double bond i with references ra (at a) and re (at e). */
static int bond_geometry(const builder *b, int i, int *ra, int *re)
{
    const cordon__mf *mf = &b->mf;
    const cordon__mf_bond *bd = &mf->bonds[i];
    const cordon__mf_atom *A = &mf->atoms[bd->a], *E = &mf->atoms[bd->b];
    double ae[3], va[3], ve[3], dot;
    int k, da = degree(b, bd->a), de = degree(b, bd->b);
    if (bd->type != 2 || bd->stereo == 3 || mf->dim == 0)
        return CORDON_BSTEREO_NONE;
    if (da < 2 || da > 3 || de < 2 || de > 3)
        return CORDON_BSTEREO_NONE;
    if (wavy_at(b, bd->a) || wavy_at(b, bd->b))
        return CORDON_BSTEREO_NONE;
    if (small_ring(b, bd->a, bd->b, i, 6))
        return CORDON_BSTEREO_NONE;
    *ra = ref_nbr(b, bd->a, bd->b);
    *re = ref_nbr(b, bd->b, bd->a);
    if (*ra < 0 || *re < 0)
        return CORDON_BSTEREO_NONE;
    vec_sub(ae, E, A);
    vec_sub(va, &mf->atoms[*ra], A);
    vec_sub(ve, &mf->atoms[*re], E);
    if (mf->dim == 2)
        ae[2] = va[2] = ve[2] = 0;
    normalise(ae, 3);
    normalise(va, 3);
    normalise(ve, 3);
    /* components perpendicular to the double bond */
    {
        double pa = va[0] * ae[0] + va[1] * ae[1] + va[2] * ae[2];
        double pe = ve[0] * ae[0] + ve[1] * ae[1] + ve[2] * ae[2];
        for (k = 0; k < 3; k++) {
            va[k] -= pa * ae[k];
            ve[k] -= pe * ae[k];
        }
    }
    if (va[0] * va[0] + va[1] * va[1] + va[2] * va[2] < 1e-4 ||
        ve[0] * ve[0] + ve[1] * ve[1] + ve[2] * ve[2] < 1e-4)
        return CORDON_BSTEREO_NONE; /* linear: undefined */
    dot = va[0] * ve[0] + va[1] * ve[1] + va[2] * ve[2];
    if (fabs(dot) < 1e-3)
        return CORDON_BSTEREO_NONE;
    return dot > 0 ? CORDON_BSTEREO_CIS : CORDON_BSTEREO_TRANS;
}

/* Sum of the bond orders at file atom i over kept bonds (aromatic = 1.5,
 * rounded up), for the valence field. */
static int kept_valence(const builder *b, int i)
{
    int k, v2 = 0;
    for (k = b->nbr_start[i]; k < b->nbr_start[i + 1]; k++) {
        int t = b->mf.bonds[b->nbr_bond[k]].type;
        v2 += t == 4 ? 3 : 2 * t;
    }
    return (v2 + 1) / 2;
}

/*
 * RDKit's removeHs (MolOps::removeHs, 2022.09) adds a removed hydrogen to
 * the neighbour's explicit H count only when the neighbour has no implicit
 * hydrogens of its own to recompute (noImplicit: here a valence field,
 * handled by the caller) or is an aromatic heteroatom; otherwise the
 * hydrogen is dropped and the valence model recomputes the count.  The
 * two agree for ordinary atoms; they differ for drawings the model does
 * not accept as such ([SH+] with three more bonds becomes [S+]), and we
 * follow RDKit.  Aromatic here means drawn with an aromatic (type 4) bond.
 */
static int keeps_folded_h(const builder *b, int i)
{
    int k;
    if (b->mf.atoms[i].elem == 6)
        return 0;
    for (k = b->nbr_start[i]; k < b->nbr_start[i + 1]; k++)
        if (b->mf.bonds[b->nbr_bond[k]].type == 4)
            return 1;
    return 0;
}

static int build_mol(builder *b, cordon_mol *mol, cordon_error *err)
{
    cordon__mf *mf = &b->mf;
    int i, rc, na = 0;
    for (i = 0; i < mf->natoms; i++)
        b->newidx[i] = 0;
    for (i = 0; i < mf->natoms; i++) {
        if (foldable_h(b, i)) {
            b->newidx[i] = -1;
            b->hfold[b->nbr[b->nbr_start[i]]]++;
        }
    }
    for (i = 0; i < mf->natoms; i++) {
        const cordon__mf_atom *a = &mf->atoms[i];
        int idx;
        if (b->newidx[i] < 0)
            continue;
        if ((rc = cordon_mol_add_atom(mol, a->elem, &idx)) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
        b->newidx[i] = idx;
        na++;
        if (a->charge)
            cordon_mol_set_charge(mol, idx, a->charge);
        if (a->isotope)
            cordon_mol_set_isotope(mol, idx, a->isotope);
        if (a->map)
            cordon_mol_set_map(mol, idx, a->map);
        if (a->radical)
            /* MDL: 1 singlet and 3 triplet are two unpaired electrons */
            cordon_mol_set_radicals(mol, idx, a->radical == 2 ? 1 : 2);
        if (a->valence >= 0) {
            int h = a->valence - kept_valence(b, i);
            cordon_mol_set_hcount(mol, idx, h > 0 ? h : 0);
        } else if (b->hfold[i] && keeps_folded_h(b, i)) {
            mol->atoms[idx].exp_h = (uint8_t)b->hfold[i];
        }
    }
    for (i = 0; i < mf->nbonds; i++) {
        const cordon__mf_bond *bd = &mf->bonds[i];
        int x = b->newidx[bd->a], y = b->newidx[bd->b];
        int order = bd->type == 4 ? CORDON_BOND_AROMATIC : bd->type;
        if (x < 0 || y < 0)
            continue;
        if (cordon_mol_bond_between(mol, x, y) >= 0) {
            cordon__error(err, CORDON_EPARSE, (size_t)-1,
                          "duplicate bond on line %zu", bd->line);
            if (err)
                err->line = bd->line;
            return CORDON_EPARSE;
        }
        if ((rc = cordon_mol_add_bond(mol, x, y, order, NULL)) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
    }
    (void)na;
    return CORDON_OK;
}

/* Coordinates of the kept atoms go with the molecule (the MOL writer
 * uses them); all-zero coordinates are no coordinates. */
static int store_coords(const builder *b, cordon_mol *mol)
{
    int i;
    if (b->mf.dim == 0)
        return CORDON_OK;
    for (i = 0; i < b->mf.natoms; i++) {
        const cordon__mf_atom *a = &b->mf.atoms[i];
        int rc;
        if (b->newidx[i] < 0)
            continue;
        rc = cordon_mol_set_coords(mol, b->newidx[i], b->mf.dim, a->x, a->y,
                                   a->z);
        if (rc != CORDON_OK)
            return rc;
    }
    return CORDON_OK;
}

static void assign_stereo(builder *b, cordon_mol *mol)
{
    cordon__mf *mf = &b->mf;
    int i, nb = 0;
    for (i = 0; i < mf->natoms; i++) {
        int chi;
        if (b->newidx[i] < 0)
            continue;
        chi = centre_chirality(b, i);
        if (chi != CORDON_CHI_NONE) {
            cordon_mol_set_chirality(mol, b->newidx[i], chi);
            b->lp[i] = degree(b, i) == 3;
        }
    }
    for (i = 0; i < mf->nbonds; i++) {
        const cordon__mf_bond *bd = &mf->bonds[i];
        int ra, re, st;
        if (b->newidx[bd->a] < 0 || b->newidx[bd->b] < 0)
            continue;
        if (bd->type == 2) {
            st = bond_geometry(b, i, &ra, &re);
            if (st != CORDON_BSTEREO_NONE)
                cordon_mol_set_bond_stereo(mol, nb, st, b->newidx[ra],
                                           b->newidx[re]);
            else if (bd->stereo == 3)
                cordon_mol_set_bond_stereo(mol, nb, CORDON_BSTEREO_EITHER, -1,
                                           -1);
        }
        nb++;
    }
}

/*
 * A three-coordinate centre without hydrogen (sulfoxide S, phosphine P,
 * sulfonium S+) has a lone pair in the implicit slot.  mol.h puts only a
 * hydrogen first; with no hydrogen the order is the three neighbours
 * (lone pair last, as the SMILES reader and RDKit read "[S@](=O)(C)CC"),
 * which is three transpositions away: flip.  Without perception the H
 * count is not known; carbon and silicon are then assumed to carry one.
 */
static void lone_pair_centres(const builder *b, cordon_mol *mol, int perceived)
{
    int i;
    for (i = 0; i < b->mf.natoms; i++) {
        int x = b->newidx[i], h, chi;
        if (!b->lp[i] || x < 0)
            continue;
        if (perceived)
            h = cordon_mol_atom_hcount(mol, x);
        else
            h = b->mf.atoms[i].elem == 6 || b->mf.atoms[i].elem == 14;
        chi = cordon_mol_atom_chirality(mol, x);
        if (h == 0 && (chi == CORDON_CHI_CCW || chi == CORDON_CHI_CW))
            cordon_mol_set_chirality(
                mol, x, chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW);
    }
}

/* SDF data items after M  END: "> <KEY>" then value lines up to a blank
 * line. */
static int read_props(cordon_mol *mol, const char *s, size_t len, size_t pos,
                      size_t line, cordon_error *err)
{
    while (pos < len) {
        const char *l = s + pos, *nl = memchr(l, '\n', len - pos), *k, *ke;
        size_t ll = nl ? (size_t)(nl - l) : len - pos, vstart, vend;
        pos += ll + (nl ? 1 : 0);
        line++;
        if (ll && l[ll - 1] == '\r')
            ll--;
        if (ll == 0 || l[0] != '>')
            continue;
        k = memchr(l, '<', ll);
        ke = k ? memchr(k, '>', ll - (size_t)(k - l)) : NULL;
        if (!k || !ke) {
            k = l;
            ke = l;
        } else {
            k++;
        }
        vstart = vend = pos;
        while (pos < len) {
            const char *v = s + pos, *vn = memchr(v, '\n', len - pos);
            size_t vl = vn ? (size_t)(vn - v) : len - pos;
            size_t t = vl;
            if (t && v[t - 1] == '\r')
                t--;
            if (t == 0) {
                pos += vl + (vn ? 1 : 0);
                line++;
                break;
            }
            vend = pos + t;
            pos += vl + (vn ? 1 : 0);
            line++;
        }
        if (cordon_mol_add_prop(mol, k, (size_t)(ke - k), s + vstart,
                                vend - vstart))
            return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                 "out of memory");
    }
    return CORDON_OK;
}

cordon_status cordon_molfile_read_opts(cordon_mol *mol, const char *s,
                                       size_t len,
                                       const cordon_molfile_opts *opts,
                                       cordon_error *err)
{
    static const cordon_molfile_opts defaults = CORDON_MOLFILE_OPTS_INIT;
    builder b;
    int rc;
    if (!opts)
        opts = &defaults;
    memset(&b, 0, sizeof b);
    b.mf.alloc = mol->alloc;
    b.mf.max_atoms = opts->max_atoms;
    cordon_mol_clear(mol);
    if ((rc = cordon__mf_parse(&b.mf, s, len, err)) != CORDON_OK)
        goto done;
    if ((rc = build_adjacency(&b)) != CORDON_OK) {
        cordon__error(err, rc, (size_t)-1, "out of memory");
        goto done;
    }
    if ((rc = build_mol(&b, mol, err)) != CORDON_OK)
        goto done;
    if ((rc = store_coords(&b, mol)) != CORDON_OK) {
        cordon__error(err, rc, (size_t)-1, "out of memory");
        goto done;
    }
    assign_stereo(&b, mol);
    if ((rc = cordon_mol_set_title(mol, b.mf.title, b.mf.title_len)) !=
        CORDON_OK) {
        cordon__error(err, rc, (size_t)-1, "out of memory");
        goto done;
    }
    if (opts->props && (rc = read_props(mol, s, len, b.mf.end_offset,
                                        b.mf.end_line, err)) != CORDON_OK)
        goto done;
    if (opts->perceive)
        rc = cordon_mol_perceive(mol, 0, err);
    if (rc == CORDON_OK)
        lone_pair_centres(&b, mol, opts->perceive);
done:
    builder_free(&b);
    return rc;
}

cordon_status cordon_molfile_read(cordon_mol *mol, const char *s, size_t len,
                                  int perceive, cordon_error *err)
{
    cordon_molfile_opts o = CORDON_MOLFILE_OPTS_INIT;
    o.perceive = perceive;
    return cordon_molfile_read_opts(mol, s, len, &o, err);
}

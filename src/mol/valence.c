/*
 * valence.c -- valence checks, implicit hydrogens and radicals following
 * RDKit's default valence model (RDKit 2022.09: Atom::calcExplicitValence,
 * Atom::calcImplicitValence, MolOps::cleanUp, MolOps::assignRadicals; the
 * element data are RDKit's atomic_data.cpp).  docs/perception.md explains
 * the rules.
 *
 * Bond orders are counted in half units so that aromatic bonds (1.5) stay
 * integral.
 */
#include <assert.h>
#include <string.h>

#include "mol/perceive_int.h"

/* Allowed valences per element (RDKit atomic_data.cpp), ascending; a
 * last entry of -1 means "any higher valence is allowed too", a list {-1}
 * means no valence rules (metals, dummy). */
const cordon__valence_list cordon__valence_tab[119] = {
    {1, {-1}},      {1, {1}},       {1, {0}},          {1, {1}},
    {1, {2}},       {1, {3}},       {1, {4}},          {1, {3}},
    {1, {2}},       {1, {1}},       {1, {0}},          {1, {1}},
    {2, {2, -1}},   {2, {3, 6}},    {2, {4, 6}},       {3, {3, 5, 7}},
    {3, {2, 4, 6}}, {1, {1}},       {1, {0}},          {1, {1}},
    {2, {2, -1}},   {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {3}},
    {1, {4}},       {3, {3, 5, 7}}, {3, {2, 4, 6}},    {1, {1}},
    {1, {0}},       {1, {1}},       {2, {2, -1}},      {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {3}},       {2, {2, 4}},       {3, {3, 5, 7}},
    {3, {2, 4, 6}}, {3, {1, 3, 5}}, {4, {0, 2, 4, 6}}, {1, {1}},
    {2, {2, -1}},   {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {3}},       {2, {2, 4}},       {3, {3, 5, 7}},
    {3, {2, 4, 6}}, {3, {1, 3, 5}}, {1, {0}},          {1, {1}},
    {2, {2, -1}},   {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}},         {1, {-1}},
    {1, {-1}},      {1, {-1}},      {1, {-1}}};

const unsigned char cordon__outer_tab[119] = {
    0,  1,  2,  1,  2, 3, 4,  5,  6,  7,  8,  1,  2, 3, 4, 5, 6, 7, 8,  1,
    2,  3,  4,  5,  6, 7, 8,  9,  10, 11, 2,  3,  4, 5, 6, 7, 8, 1, 2,  3,
    4,  5,  6,  7,  8, 9, 10, 11, 2,  3,  4,  5,  6, 7, 8, 1, 2, 3, 4,  3,
    4,  5,  6,  7,  8, 9, 10, 11, 12, 13, 14, 15, 4, 5, 6, 7, 8, 9, 10, 11,
    2,  3,  4,  5,  6, 7, 8,  1,  2,  3,  4,  3,  4, 5, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 2, 2, 2,  2,  2,  2,  2,  2,  2, 2, 2, 2, 2, 2, 2};

/* The allowed valence of elements that have exactly one (above zero),
 * 0 for the others: cordon__valence_tab[z].v[0] when .n == 1. */
static const uint8_t one_valence[119] = {
    0, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

static int valence_error(cordon_mol *mol, int i, int val, cordon_error *err)
{
    const cordon_atom *a = &mol->atoms[i];
    return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                         "explicit valence for atom %d %s, %d, is greater "
                         "than permitted",
                         i, cordon_element_symbol(a->elem), val);
}

/* Explicit valence (Atom::calcExplicitValence, strict). */
static int explicit_valence(cordon_mol *mol, int i, int arom, int bval2,
                            int *out, cordon_error *err)
{
    const cordon_atom *a = &mol->atoms[i];
    int elem = a->elem, acc2, dv, chr, res, eff, n, maxv;
    acc2 = bval2 + 2 * a->exp_h;
    dv = cordon__valence_tab[elem].v[0];
    chr = cordon__valence_charge(elem, a->charge);
    if (arom && acc2 > 2 * (dv + chr)) {
        /* aromatic atom above its default valence: take the closest
         * allowed valence below, if within 1.5 (c1cccn1C, c1ccn2cncc2c1) */
        int pval = dv + chr, k;
        n = cordon__valence_tab[elem].n;
        for (k = 0; k < n && cordon__valence_tab[elem].v[k] != -1; k++) {
            int v = cordon__valence_tab[elem].v[k] + chr;
            if (2 * v > acc2)
                break;
            pval = v;
        }
        if (acc2 - 2 * pval <= 3)
            acc2 = 2 * pval;
    }
    res = (acc2 + 1) / 2; /* x.5 rounds up (RDKit adds 0.1) */
    eff = cordon__outer_tab[elem] >= 4 ? res - a->charge : res + a->charge;
    n = cordon__valence_tab[elem].n;
    maxv = cordon__valence_tab[elem].v[n - 1];
    if (maxv > 0 && eff > maxv)
        return valence_error(mol, i, res, err);
    *out = res;
    return CORDON_OK;
}

/* Implicit hydrogens (Atom::calcImplicitValence, strict). */
static int implicit_h(cordon_mol *mol, int i, int arom, int ev,
                      cordon_error *err)
{
    cordon_atom *a = &mol->atoms[i];
    int elem = a->elem, dv, chg, epr, res = -1, k, n;
    if (elem == 0 || (a->flags & CORDON_ATOM_NO_IMPLICIT))
        return 0;
    if (ev == 0 && elem == 1 && a->radicals == 0) {
        if (a->charge == 0)
            return 1;
        return 0;
    }
    dv = cordon__valence_tab[elem].v[0];
    if (dv == -1)
        return 0;
    epr = ev + a->radicals;
    chg = cordon__valence_charge(elem, a->charge);
    n = cordon__valence_tab[elem].n;
    if (arom) {
        if (epr <= dv + chg)
            return dv + chg - epr;
        for (k = 0; k < n && cordon__valence_tab[elem].v[k] > 0; k++)
            if (epr == cordon__valence_tab[elem].v[k] + chg)
                return 0;
        return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                             "explicit valence for aromatic atom %d %s not "
                             "equal to any accepted valence",
                             i, cordon_element_symbol(elem));
    }
    for (k = 0; k < n && cordon__valence_tab[elem].v[k] >= 0; k++) {
        int tot = cordon__valence_tab[elem].v[k] + chg;
        if (epr <= tot) {
            res = tot - epr;
            break;
        }
    }
    if (res < 0) {
        if (cordon__valence_tab[elem].v[n - 1] != -1)
            return valence_error(mol, i, ev, err);
        res = 0;
    }
    return res;
}

/* MolOps::cleanUp: a neutral five-valent nitrogen with a double bond to a
 * neutral O gets the zwitterionic form (nitro N(=O)=O -> [N+](=O)[O-],
 * N-oxide n(=O) -> [n+][O-]), azide N=N#N -> N=[N+]=[N-]; halogen
 * oxyacids X(=O)(=O)O -> [X+2]([O-])([O-])O (Cl, Br, I). */
static int clean_up(cordon_mol *mol, const uint64_t *acc)
{
    int i, k, changed = 0;
    /* the elements clean-up can change: N, Cl, Br, I */
    const uint64_t elems = (uint64_t)1 << 7 | (uint64_t)1 << 17 |
                           (uint64_t)1 << 35 | (uint64_t)1 << 53;
    for (i = 0; i < mol->natoms; i++) {
        cordon_atom *a = &mol->atoms[i];
        int v2, s, e;
        if (a->elem >= 64 || !(elems >> a->elem & 1) || a->charge != 0)
            continue;
        s = mol->nbr_start[i];
        e = mol->nbr_start[i + 1];
        if (a->elem == 7) {
            int ndo = 0, ntrip = -1, dbl[2] = {-1, -1};
            /* a bond changed here earlier joins an O, or an N whose
             * charge is no longer 0: the sums from before still hold */
            v2 = BOND_SUM_VAL2(acc[i]) + 2 * a->exp_h;
            if (v2 != 10)
                continue;
            for (k = s; k < e; k++) {
                const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
                int o = mol->nbrs[k].atom;
                if (b->order == CORDON_BOND_DOUBLE && mol->atoms[o].elem == 8 &&
                    mol->atoms[o].charge == 0) {
                    if (ndo < 2)
                        dbl[ndo] = k;
                    ndo++;
                } else if (b->order == CORDON_BOND_TRIPLE &&
                           mol->atoms[o].elem == 7 &&
                           mol->atoms[o].charge == 0 && e - s == 2) {
                    ntrip = k;
                }
            }
            if (ndo >= 1) {
                /* nitro: the first N=O becomes N-[O-] (as RDKit) */
                int o = mol->nbrs[dbl[0]].atom;
                mol->bonds[mol->nbrs[dbl[0]].bond].order = CORDON_BOND_SINGLE;
                mol->bonds[mol->nbrs[dbl[0]].bond].kekule = CORDON_BOND_SINGLE;
                mol->atoms[o].charge = -1;
                a->charge = 1;
                changed = 1;
            } else if (ntrip >= 0) {
                int o = mol->nbrs[ntrip].atom;
                mol->bonds[mol->nbrs[ntrip].bond].order = CORDON_BOND_DOUBLE;
                mol->bonds[mol->nbrs[ntrip].bond].kekule = CORDON_BOND_DOUBLE;
                mol->atoms[o].charge = -1;
                a->charge = 1;
                changed = 1;
            }
        } else if (a->elem == 17 || a->elem == 35 || a->elem == 53) {
            /* oxyacids and oxyanions: every neighbour an O, at least one
             * single and one double bond (Cl(=O)(=O)O, OI(O)(O)(O)(O)=O;
             * not Cl(=O)=O) */
            int ndo = 0, nso = 0;
            for (k = s; k < e; k++) {
                const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
                const cordon_atom *o = &mol->atoms[mol->nbrs[k].atom];
                if (o->elem != 8)
                    break;
                if (b->order == CORDON_BOND_DOUBLE)
                    ndo++;
                else if (b->order == CORDON_BOND_SINGLE)
                    nso++;
            }
            if (k < e || !ndo || !nso)
                continue;
            for (k = s; k < e; k++) {
                cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
                if (b->order == CORDON_BOND_DOUBLE) {
                    b->order = b->kekule = CORDON_BOND_SINGLE;
                    mol->atoms[mol->nbrs[k].atom].charge = -1;
                }
            }
            a->charge = (int8_t)ndo;
            changed = 1;
        }
    }
    return changed;
}

/* Can clean_up change the group around atom a (its centre: a neutral N,
 * Cl, Br or I)? */
static inline int clean_up_centre(const cordon_atom *a)
{
    const uint64_t elems = (uint64_t)1 << 7 | (uint64_t)1 << 17 |
                           (uint64_t)1 << 35 | (uint64_t)1 << 53;
    return a->elem < 64 && (elems >> a->elem & 1) && a->charge == 0;
}

/* Per-atom bond sums (perceive_int.h) into acc (natoms + 1 entries). */
static void bond_sums(cordon_mol *mol, uint64_t *acc)
{
    const uint64_t *sum_tab = cordon__bond_sum_tab;
    int i;
    memset(acc, 0, sizeof(uint64_t) * ((size_t)mol->natoms + 1));
    for (i = 0; i < mol->nbonds; i++) {
        cordon_bond *b = &mol->bonds[i];
        uint64_t v = sum_tab[b->order];
        /* ring perception, next, counts from zero */
        b->ring_count = 0;
        b->flags &= (uint8_t)~CORDON_BONDF_IN_RING;
        acc[b->begin] += v;
        acc[b->end] += v;
    }
}

/* RDKit isAromaticAtom: flagged aromatic or with an aromatic bond. */
static inline int arom_atom(unsigned flags, uint64_t acc)
{
    return (flags & (CORDON_ATOM_AROM_INPUT | CORDON_ATOM_AROMATIC)) != 0 ||
           BOND_SUM_AROM(acc) != 0;
}

/* Clears the ring fields of atoms i.. unless fresh (ring perception, next,
 * counts from zero) and gives the neutral atoms without given H their implicit
 * H (what explicit_valence and implicit_h compute when neither reports an
 * error); returns the first atom that needs the general path, or natoms.
 * A loop of its own, so that the general path's state does not crowd it. */
static int fast_atoms(cordon_mol *mol, const uint64_t *acc, int i, int fresh)
{
    cordon_atom *atoms = mol->atoms;
    int n = mol->natoms;
    for (; i < n; i++) {
        cordon_atom *a = &atoms[i];
        unsigned fl = a->flags;
        int bval2 = BOND_SUM_VAL2(acc[i]), elem = a->elem, ev, dv;
        if (!fresh) {
            a->ring_count = 0;
            a->min_ring = 0;
            a->ring_sizes = 0;
            a->flags = (uint8_t)(fl & ~CORDON_ATOM_IN_RING);
        }
        if (elem <= 1 || (a->charge | a->exp_h | a->radicals) ||
            (fl & CORDON_ATOM_NO_IMPLICIT)) {
            /* a neutral bracket C or O at its one valence ([C@@H], [C@]):
             * no implicit H, no radicals, no clean-up centre */
            if ((fl & CORDON_ATOM_NO_IMPLICIT) && (elem == 6 || elem == 8) &&
                !a->charge && !a->radicals && !arom_atom(fl, acc[i]) &&
                (bval2 >> 1) + a->exp_h == 10 - elem) {
                a->imp_h = 0;
                continue;
            }
            return i;
        }
        dv = one_valence[elem];
        if (dv) {
            /* one allowed valence dv (c, n, o, b, halogens but I): without
             * aromatic bonds dv - ev unless above dv; an aromatic atom's
             * sum up to 1.5 above dv is brought down to dv
             * (explicit_valence) */
            if (!arom_atom(fl, acc[i])) {
                ev = bval2 >> 1;
                if (ev > dv)
                    return i;
            } else {
                if (bval2 > 2 * dv + 3)
                    return i;
                ev = bval2 > 2 * dv ? dv : (bval2 + 1) / 2;
            }
            a->imp_h = (uint8_t)(dv - ev);
        } else {
            /* several allowed valences, no aromatic bond (bval2 is even);
             * not an iodine that clean-up might change (two bonds or
             * more) */
            int nv = cordon__valence_tab[elem].n, k, h;
            int maxv = cordon__valence_tab[elem].v[nv - 1];
            if (arom_atom(fl, acc[i]) || (elem == 53 && bval2 >= 6))
                return i;
            ev = bval2 >> 1;
            if (maxv != -1 && ev > maxv)
                return i;
            for (k = 0, h = 0; k < nv && cordon__valence_tab[elem].v[k] >= 0;
                 k++)
                if (ev <= cordon__valence_tab[elem].v[k]) {
                    h = cordon__valence_tab[elem].v[k] - ev;
                    break;
                }
            a->imp_h = (uint8_t)h;
        }
    }
    return n;
}

/* MolOps::assignRadicals for one atom with a fixed H count (not a dummy,
 * no radicals given); sum: its bond sum. */
static int atom_radicals(const cordon_atom *a, uint64_t sum)
{
    int elem = a->elem, n, outer, tv, base, nr, nr2, chg = a->charge, k;
    n = cordon__valence_tab[elem].n;
    if (n == 1 && cordon__valence_tab[elem].v[0] == -1)
        return 0; /* metals: RDKit leaves these alone here */
    outer = cordon__outer_tab[elem];
    tv = (BOND_SUM_VAL2(sum) + 2 * a->exp_h + 1) / 2;
    base = (elem == 1 || elem == 2) ? 2 : 8;
    nr = base - outer - tv + chg;
    if (nr < 0) {
        nr = 0;
        if (n > 1) {
            for (k = 0; k < n && cordon__valence_tab[elem].v[k] >= 0; k++) {
                if (cordon__valence_tab[elem].v[k] - tv + chg >= 0) {
                    nr = cordon__valence_tab[elem].v[k] - tv + chg;
                    break;
                }
            }
        }
    }
    nr2 = outer - tv - chg;
    if (nr2 >= 0 && nr2 < nr)
        nr = nr2;
    return nr;
}

int cordon__mol_assign_valence(cordon_mol *mol, cordon_error *err)
{
    int i, rc, cleaned, fresh;
    /* per-atom bond sums from one pass over the bonds (kekulize reads
     * them too) */
    uint64_t *acc = cordon__mol_work(
        mol, WORK_BOND_SUM, sizeof(uint64_t) * ((size_t)mol->natoms + 1));
    if (!acc)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    /* the reader's atoms and bonds are new: no ring fields to clear */
    fresh = (mol->perceived & CORDON__PERCEIVED_BOND_SUMS) != 0;
    if (!fresh)
        bond_sums(mol, acc);
    mol->perceived &= ~CORDON__PERCEIVED_BOND_SUMS;
    /* MolOps::cleanUp runs before the valence model.  The centre of every
     * group it changes (a neutral N, Cl, Br, I with the bonds it looks for)
     * leaves the fast path, so it runs when the first such atom reaches the
     * general path, or an atom is in error before; when it changes the
     * molecule (rare: a nitro group, an azide, an oxyacid) the atoms are
     * read again on the new bond sums, otherwise what was read stands. */
    cleaned = 0;
    i = 0;
    while ((i = fast_atoms(mol, acc, i, fresh)) < mol->natoms) {
        cordon_atom *a = &mol->atoms[i];
        int arom, ev = 0, h, bval2;
        if (!cleaned && clean_up_centre(a)) {
            cleaned = 1;
            if (clean_up(mol, acc)) {
                bond_sums(mol, acc);
                i = 0;
                continue;
            }
        }
        arom = arom_atom(a->flags, acc[i]);
        bval2 = BOND_SUM_VAL2(acc[i]);
        /* radicals come after kekulize, which changes only the sums of
         * atoms with aromatic bonds: the others are known now, and the
         * pass runs only when one is not 0 */
        if ((a->flags & CORDON_ATOM_NO_IMPLICIT) && !a->radicals && a->elem &&
            (BOND_SUM_AROM(acc[i]) || atom_radicals(a, acc[i])))
            acc[mol->natoms] |= BOND_SUM_F_BRACKET;
        if (arom && a->elem > 1 && cordon__valence_tab[a->elem].n > 1 &&
            bval2 + 2 * a->exp_h >
                2 * (cordon__valence_tab[a->elem].v[0] +
                     cordon__valence_charge(a->elem, a->charge)))
            acc[mol->natoms] |= BOND_SUM_F_ABOVE; /* kekule_hydrogens */
        /* before clean-up an error may go away: reported only after it */
        rc = explicit_valence(mol, i, arom, bval2, &ev, cleaned ? err : NULL);
        h = rc == CORDON_OK ? implicit_h(mol, i, arom, ev, cleaned ? err : NULL)
                            : rc;
        if (h < 0 && !cleaned) {
            cleaned = 1;
            if (clean_up(mol, acc)) {
                bond_sums(mol, acc);
                i = 0;
                continue;
            }
            /* the same error, now with its message */
            if ((rc = explicit_valence(mol, i, arom, bval2, &ev, err)) !=
                CORDON_OK)
                return rc;
            h = implicit_h(mol, i, arom, ev, err);
        }
        if (h < 0)
            return h;
        a->imp_h = (uint8_t)h;
        i++;
    }
    mol->perceived |= CORDON_PERCEIVED_VALENCE;
    return CORDON_OK;
}

void cordon__mol_kekule_hydrogens(cordon_mol *mol)
{
    int i, k;
    for (i = 0; i < mol->natoms; i++) {
        cordon_atom *a = &mol->atoms[i];
        int ev, h;
        if ((a->flags & (CORDON_ATOM_AROM_INPUT | CORDON_ATOM_AROMATIC |
                         CORDON_ATOM_NO_IMPLICIT)) != CORDON_ATOM_AROM_INPUT ||
            a->elem <= 1 || cordon__valence_tab[a->elem].n < 2)
            continue;
        ev = a->exp_h;
        for (k = mol->nbr_start[i]; k < mol->nbr_start[i + 1]; k++) {
            int o = mol->bonds[mol->nbrs[k].bond].order;
            if (o == CORDON_BOND_AROMATIC)
                break; /* not a Kekulé atom after all: keep its count */
            ev += o;   /* zero to quadruple: the order is the valence */
        }
        if (k < mol->nbr_start[i + 1])
            continue;
        /* a valence above every allowed one keeps the aromatic count */
        if ((h = implicit_h(mol, i, 0, ev, NULL)) >= 0)
            a->imp_h = (uint8_t)h;
    }
}

/* MolOps::assignRadicals for atoms with a fixed H count. */
void cordon__mol_assign_radicals(cordon_mol *mol, const uint64_t *sum)
{
    int i;
    if (!(sum[mol->natoms] & BOND_SUM_F_BRACKET))
        return; /* no atom that may take radicals */
    for (i = 0; i < mol->natoms; i++) {
        cordon_atom *a = &mol->atoms[i];
        if (!(a->flags & CORDON_ATOM_NO_IMPLICIT) || a->radicals || !a->elem)
            continue;
        a->radicals = (uint8_t)atom_radicals(a, sum[i]);
    }
}

/*
 * kekulize.c -- Kekulé structures for aromatic input (RDKit
 * MolOps::Kekulize, 2022.09 rules for which atoms need a double bond).
 *
 * Every aromatic atom is classified the way RDKit's markDbondCands does:
 * it needs exactly one double bond among its aromatic bonds when its
 * current bond order sum (aromatic bonds counted as single, plus all
 * hydrogens) is one below its target valence; a bracket atom that is two
 * below may take one (or else keep a radical), and dummies may take one.
 * A perfect assignment is then searched depth-first, always extending the
 * atom with the fewest remaining partners; the search is bounded.
 */
#include <stdio.h>
#include <string.h>

#include "mol/perceive_int.h"

#define KEK_STEP_MAX 200000L

enum { K_NONE = 0, K_NEED = 1, K_MAY = 2 };

typedef struct kek_ctx {
    cordon_mol *mol;
    uint8_t *kind; /* per atom: K_* */
    int32_t *mate; /* per atom: matched partner or -1 */
    int32_t *comp; /* atoms of the current component */
    /* partners of atom v (over aromatic bonds, not K_NONE), in neighbour
     * order: part[pbeg[v] .. pend[v]) */
    int32_t *pbeg, *pend, *part;
    int ncomp;
    long steps;
} kek_ctx;

/* markDbondCands for one atom with an aromatic bond.  The explicit valence
 * is RDKit's for an aromatic atom: bond orders with aromatic = 1.5, reduced
 * to an allowed valence within 1.5. */
static int classify(const cordon_mol *mol, int i, uint64_t sum)
{
    const cordon_atom *a = &mol->atoms[i];
    const signed char *vals;
    int n, k, sbo, acc2, dv, chrg, tdeg, vi;
    if (a->elem == 0) {
        /* markDbondCands: a dummy may take a double bond unless it has a
         * non-aromatic multiple bond already (*1=CC...cccc1: the ring bond
         * to the aromatic c stays single) */
        for (k = mol->nbr_start[i]; k < mol->nbr_start[i + 1]; k++) {
            int o = mol->bonds[mol->nbrs[k].bond].order;
            if (o >= CORDON_BOND_DOUBLE && o <= CORDON_BOND_QUADRUPLE)
                return K_NONE;
        }
        return K_MAY;
    }
    n = cordon__valence_tab[a->elem].n;
    vals = cordon__valence_tab[a->elem].v;
    dv = vals[0];
    if (dv < 0)
        return K_NONE;
    /* bond orders, aromatic counted as 1 (sbo) and as 1.5 (acc2 / 2) */
    acc2 = BOND_SUM_VAL2(sum);
    sbo = (acc2 - 3 * BOND_SUM_AROM(sum)) / 2 + BOND_SUM_AROM(sum);
    sbo += a->exp_h + a->imp_h;
    chrg = a->charge ? cordon__valence_charge(a->elem, a->charge) : 0;
    tdeg = a->degree + a->imp_h;
    /* the target valence: the default one, or the first allowed valence
     * at least the explicit one (total bond order with H); with one allowed
     * valence (c, n, o, b) the explicit valence is not needed */
    if (n > 1) {
        int ev, tbo;
        acc2 += 2 * a->exp_h;
        if (acc2 > 2 * (dv + chrg)) {
            int pval = dv + chrg;
            for (k = 0; k < n && vals[k] != -1; k++) {
                if (2 * (vals[k] + chrg) > acc2)
                    break;
                pval = vals[k] + chrg;
            }
            if (acc2 - 2 * pval <= 3)
                acc2 = 2 * pval;
        }
        ev = (acc2 + 1) / 2;
        tbo = ev + a->imp_h;
        dv += chrg;
        for (vi = 1; tbo > dv && vi < n && vals[vi] > 0; vi++)
            dv = vals[vi] + chrg;
    } else {
        dv += chrg;
    }
    if (tdeg + a->radicals >= dv)
        return K_NONE;
    if (dv == sbo + 1 + a->radicals)
        return K_NEED;
    if (!a->radicals && (a->flags & CORDON_ATOM_NO_IMPLICIT) && dv == sbo + 2)
        return K_MAY;
    return K_NONE;
}

static int free_partners(const kek_ctx *c, int v)
{
    int k, n = 0;
    for (k = c->pbeg[v]; k < c->pend[v]; k++)
        n += c->mate[c->part[k]] < 0;
    return n;
}

/* Moves v's dummy partners after the others, keeping their order, so the
 * search gives a '*' a double bond only where no other partner can take
 * it (RDKit tries dummies' double bonds last: c1ccc2*cc*c2c1). */
static void dummies_last(kek_ctx *c, int v)
{
    int k, j, w;
    for (k = c->pbeg[v] + 1; k < c->pend[v]; k++) {
        w = c->part[k];
        if (c->mol->atoms[w].elem == 0)
            continue;
        for (j = k; j > c->pbeg[v] && c->mol->atoms[c->part[j - 1]].elem == 0;
             j--)
            c->part[j] = c->part[j - 1];
        c->part[j] = w;
    }
}

/* 1 solved, 0 impossible, -1 budget exhausted. */
static int solve(kek_ctx *c)
{
    int i, best = -1, bestn = 1 << 30, k, r;
    if (++c->steps > KEK_STEP_MAX)
        return -1;
    for (i = 0; i < c->ncomp; i++) {
        int v = c->comp[i], nf;
        if (c->kind[v] != K_NEED || c->mate[v] >= 0)
            continue;
        nf = free_partners(c, v);
        if (nf < bestn) {
            bestn = nf;
            best = v;
            if (nf <= 1)
                break;
        }
    }
    if (best < 0)
        return 1;
    if (bestn == 0)
        return 0;
    for (k = c->pbeg[best]; k < c->pend[best]; k++) {
        int w = c->part[k];
        if (c->mate[w] >= 0)
            continue;
        c->mate[best] = w;
        c->mate[w] = best;
        r = solve(c);
        if (r != 0)
            return r;
        c->mate[best] = c->mate[w] = -1;
    }
    return 0;
}

/* The partner of v other than `not`, first in neighbour order; v has
 * exactly two partners. */
static int other_partner(const kek_ctx *c, int v, int not )
{
    int w = c->part[c->pbeg[v]];
    return w != not ? w : c->part[c->pbeg[v] + 1];
}

/* A component that is one even cycle of K_NEED atoms (a benzene or
 * pyridine ring on its own): what solve finds without backtracking — the
 * first atom takes its first partner, and the rest of the cycle, a path,
 * is forced. */
static void even_cycle(kek_ctx *c)
{
    int v0 = c->comp[0], prev = v0, cur = c->part[c->pbeg[v0]];
    c->mate[v0] = cur;
    c->mate[cur] = v0;
    for (;;) {
        int x = other_partner(c, cur, prev), y;
        if (x == v0)
            break;
        y = other_partner(c, x, cur);
        c->mate[x] = y;
        c->mate[y] = x;
        prev = x;
        cur = y;
    }
}

/* Reports the atoms of the failed component (ascending, as RDKit lists
 * them). */
static int fail(kek_ctx *c, cordon_error *err)
{
    char list[160];
    size_t used = 0;
    int i, j;
    for (i = 1; i < c->ncomp; i++) {
        int32_t x = c->comp[i];
        for (j = i; j > 0 && c->comp[j - 1] > x; j--)
            c->comp[j] = c->comp[j - 1];
        c->comp[j] = x;
    }
    list[0] = '\0';
    for (i = 0; i < c->ncomp && used + 12 < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, " %d", c->comp[i]);
        if (w > 0)
            used += (size_t)w;
    }
    return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                         "can't kekulize mol: unkekulized atoms%s", list);
}

int cordon__mol_kekulize(cordon_mol *mol, cordon_error *err)
{
    kek_ctx c;
    int n = mol->natoms, i, nab = 0, npart = 0, dummies = 0;
    int32_t *abonds; /* the aromatic ring bonds */
    char *w;
    /* valence left the per-atom bond sums (bond orders unchanged since) */
    uint64_t *sum = cordon__mol_work(mol, WORK_BOND_SUM,
                                     sizeof(uint64_t) * ((size_t)n + 1));
    if (!sum)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    w = cordon__mol_work(mol, WORK_KEKULE,
                         sizeof(int32_t) *
                                 (4 * (size_t)n + 3 * (size_t)mol->nbonds) +
                             (size_t)n + 16);
    if (!w)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    memset(&c, 0, sizeof c);
    c.mol = mol;
    c.mate = (int32_t *)(void *)w;
    c.comp = c.mate + n;
    c.pbeg = c.comp + n;
    c.pend = c.pbeg + n;
    abonds = c.pend + n;
    c.part = abonds + mol->nbonds;
    c.kind = (uint8_t *)(c.part + 2 * (size_t)mol->nbonds);
    /* the aromatic ring bonds; the other bonds get the state aromatize
     * starts from (no aromatic flag, Kekulé order = order) */
    for (i = 0; i < mol->nbonds; i++) {
        cordon_bond *b = &mol->bonds[i];
        if (b->order != CORDON_BOND_AROMATIC) {
            b->flags &= (uint8_t)~CORDON_BONDF_AROMATIC;
            b->kekule = b->order;
            continue;
        }
        if (!(b->flags & CORDON_BONDF_IN_RING)) {
            /* RDKit: aromatic bonds outside rings become single */
            b->order = b->kekule = CORDON_BOND_SINGLE;
            b->flags &= (uint8_t)~CORDON_BONDF_AROMATIC;
            sum[b->begin] -= BOND_SUM_AROM_ONE + 1; /* 3 -> 2 */
            sum[b->end] -= BOND_SUM_AROM_ONE + 1;
            continue;
        }
        abonds[nab++] = i;
    }
    /* atoms with an aromatic ring bond are classified, the others are
     * K_NONE; no atom is matched yet */
    memset(c.mate, 0xff, sizeof *c.mate * (size_t)n); /* -1 */
    memset(c.kind, K_NONE, (size_t)n);
    for (i = 0; i < n; i++) {
        cordon_atom *a = &mol->atoms[i];
        a->flags &= (uint8_t)~CORDON_ATOM_AROMATIC;
        if ((a->flags & CORDON_ATOM_AROM_INPUT) &&
            !(a->flags & CORDON_ATOM_IN_RING))
            return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                                 "non-ring atom %d marked aromatic", i);
        if (!BOND_SUM_AROM(sum[i]))
            continue;
        if ((a->elem == 6 || a->elem == 7) && !a->charge && !a->radicals) {
            /* classify for neutral c and n (one allowed valence, 4 or 3),
             * written out */
            int na = BOND_SUM_AROM(sum[i]), dv = 10 - a->elem;
            int sbo =
                (BOND_SUM_VAL2(sum[i]) - 3 * na) / 2 + na + a->exp_h + a->imp_h;
            if (a->degree + a->imp_h < dv) {
                if (dv == sbo + 1)
                    c.kind[i] = K_NEED;
                else if ((a->flags & CORDON_ATOM_NO_IMPLICIT) && dv == sbo + 2)
                    c.kind[i] = K_MAY;
            }
            continue;
        }
        c.kind[i] = (uint8_t)classify(mol, i, sum[i]);
        dummies |= a->elem == 0 && c.kind[i] != K_NONE;
    }
    if (!nab)
        return CORDON_OK;
    /* components over aromatic bonds; comp doubles as the BFS queue */
    for (i = 0; i < n; i++) {
        int head = 0, cycle = 1;
        if (c.kind[i] == K_NONE || c.mate[i] != -1)
            continue;
        c.ncomp = 0;
        c.comp[c.ncomp++] = i;
        c.mate[i] = -2; /* visited marker during the BFS */
        while (head < c.ncomp) {
            int v = c.comp[head++], k;
            c.pbeg[v] = npart;
            for (k = mol->nbr_start[v]; k < mol->nbr_start[v + 1]; k++) {
                int x = mol->nbrs[k].atom;
                if (mol->bonds[mol->nbrs[k].bond].order !=
                        CORDON_BOND_AROMATIC ||
                    c.kind[x] == K_NONE)
                    continue;
                c.part[npart++] = x;
                if (c.mate[x] != -1)
                    continue;
                c.mate[x] = -2;
                c.comp[c.ncomp++] = x;
            }
            c.pend[v] = npart;
            if (dummies)
                dummies_last(&c, v);
            if (npart - c.pbeg[v] != 2 || c.kind[v] != K_NEED)
                cycle = 0;
        }
        for (head = 0; head < c.ncomp; head++)
            c.mate[c.comp[head]] = -1;
        if (cycle && !(c.ncomp & 1)) {
            even_cycle(&c);
        } else {
            c.steps = 0;
            if (solve(&c) != 1)
                return fail(&c, err);
        }
        for (head = 0; head < c.ncomp; head++)
            if (c.mate[c.comp[head]] == -1)
                c.mate[c.comp[head]] = -3; /* done, unmatched */
    }
    for (i = 0; i < nab; i++) {
        cordon_bond *b = &mol->bonds[abonds[i]];
        int x = b->begin, y = b->end;
        b->flags &= (uint8_t)~CORDON_BONDF_AROMATIC;
        /* the bond sums follow: 3 -> 2 or 4; the aromatic count ends as
         * the count of double bonds given (BOND_SUM_KEKDBL) */
        if (c.mate[x] == y && c.mate[y] == x) {
            b->order = b->kekule = CORDON_BOND_DOUBLE;
            sum[x] += 1;
            sum[y] += 1;
            if (!b->ring_count)
                sum[n] |= BOND_SUM_F_OUTSIDE;
        } else {
            b->order = b->kekule = CORDON_BOND_SINGLE;
            sum[x] -= 1 + BOND_SUM_AROM_ONE;
            sum[y] -= 1 + BOND_SUM_AROM_ONE;
        }
    }
    return CORDON_OK;
}

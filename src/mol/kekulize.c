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

#define GREEDY_LEVELS 8 /* free-partner counts tracked exactly */

/* solve's first descent without its rescans: the atom to extend is the
 * first in component order with at most one free partner, else the first
 * with the fewest, and it takes its first free partner.  Free-partner
 * counts are kept per atom and, as bit sets over component positions, per
 * count, so each step is a lookup.  When this descent matches every K_NEED
 * atom it is the matching solve returns; returns 1 then.  Returns 0 with
 * the component's atoms unmatched (-1) when it meets an atom left without
 * a free partner (solve backtracks there), or the component is too large
 * for the bit sets; solve then searches from the start. */
static int greedy(kek_ctx *c, int32_t *cnt, int32_t *pos)
{
    const int32_t *comp = c->comp, *pbeg = c->pbeg, *pend = c->pend;
    const int32_t *part = c->part;
    const uint8_t *kind = c->kind;
    int32_t *mate = c->mate;
    uint64_t lvl[GREEDY_LEVELS] = {0}, left = 0; /* left: unmatched K_NEED */
    int n = c->ncomp, p, k, j;
    if (n > 64)
        return 0;
    for (p = 0; p < n; p++) {
        int v = comp[p], d = pend[v] - pbeg[v];
        pos[v] = p;
        cnt[v] = d;
        if (kind[v] != K_NEED)
            continue;
        if (d >= GREEDY_LEVELS)
            return 0;
        lvl[d] |= (uint64_t)1 << p;
        left |= (uint64_t)1 << p;
    }
    while (left) {
        uint64_t m = lvl[0] | lvl[1];
        int best, w = -1, pair[2];
        if (m) {
            p = __builtin_ctzll(m);
            if (lvl[0] >> p & 1)
                break; /* no free partner: solve backtracks */
        } else {
            for (k = 2; !lvl[k]; k++)
                ;
            p = __builtin_ctzll(lvl[k]);
        }
        best = comp[p];
        for (k = pbeg[best]; k < pend[best]; k++)
            if (mate[part[k]] < 0) {
                w = part[k];
                break;
            }
        mate[best] = w;
        mate[w] = best;
        pair[0] = best;
        pair[1] = w;
        for (j = 0; j < 2; j++) {
            int v = pair[j];
            if (kind[v] == K_NEED) {
                lvl[cnt[v]] &= ~((uint64_t)1 << pos[v]);
                left &= ~((uint64_t)1 << pos[v]);
            }
        }
        /* their free partners lose one each */
        for (j = 0; j < 2; j++) {
            int v = pair[j];
            for (k = pbeg[v]; k < pend[v]; k++) {
                int x = part[k];
                if (mate[x] >= 0)
                    continue;
                if (kind[x] == K_NEED) {
                    uint64_t bit = (uint64_t)1 << pos[x];
                    lvl[cnt[x]] &= ~bit;
                    lvl[cnt[x] - 1] |= bit;
                }
                cnt[x]--;
            }
        }
    }
    if (!left)
        return 1; /* every K_NEED atom matched */
    for (p = 0; p < n; p++)
        mate[comp[p]] = -1;
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

/* A component that is a path of an even number of K_NEED atoms (the four
 * carbons of a thiophene, furan or pyrrole; thiazole's c, c, n, c): its
 * only perfect matching, so the one solve finds, pairs the atoms from the
 * end `a` on. */
static void even_path(kek_ctx *c, int a)
{
    int prev = -1;
    for (;;) {
        int b = prev < 0 ? c->part[c->pbeg[a]] : other_partner(c, a, prev);
        c->mate[a] = b;
        c->mate[b] = a;
        if (c->pend[b] - c->pbeg[b] < 2)
            break; /* the other end */
        prev = b;
        a = other_partner(c, b, a);
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
    int n = mol->natoms, nbonds = mol->nbonds, i, nab = 0;
    int dummies = 0;
    int32_t *abonds; /* the aromatic ring bonds */
    int32_t *mate, *comp, *pbeg, *pend, *part, *cnt, *pos;
    uint8_t *kind;
    cordon_atom *atoms = mol->atoms;
    cordon_bond *bonds = mol->bonds;
    const int32_t *ns = mol->nbr_start;
    char *w;
    /* valence left the per-atom bond sums (bond orders unchanged since) */
    uint64_t *sum = cordon__mol_work(mol, WORK_BOND_SUM,
                                     sizeof(uint64_t) * ((size_t)n + 1));
    if (!sum)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    w = cordon__mol_work(mol, WORK_KEKULE,
                         sizeof(int32_t) *
                                 (6 * (size_t)n + 3 * (size_t)nbonds) +
                             (size_t)n + 16);
    if (!w)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    /* locals, not c's fields: the byte stores below (flags, kind) would
     * otherwise make the compiler reload every pointer after each one */
    mate = (int32_t *)(void *)w;
    comp = mate + n;
    pbeg = comp + n;
    pend = pbeg + n;
    cnt = pend + n;
    pos = cnt + n;
    abonds = pos + n;
    part = abonds + nbonds;
    kind = (uint8_t *)(part + 2 * (size_t)nbonds);
    /* the aromatic ring bonds; the other bonds get the state aromatize
     * starts from (no aromatic flag, Kekulé order = order) */
    for (i = 0; i < nbonds; i++) {
        cordon_bond *b = &bonds[i];
        int order = b->order;
        if (order != CORDON_BOND_AROMATIC) {
            b->flags &= (uint8_t)~CORDON_BONDF_AROMATIC;
            b->kekule = (uint8_t)order;
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
    memset(mate, 0xff, sizeof *mate * (size_t)n); /* -1 */
    memset(kind, K_NONE, (size_t)n);
    for (i = 0; i < n; i++) {
        cordon_atom *a = &atoms[i];
        unsigned f = a->flags;
        uint64_t si;
        int na;
        if (f & (CORDON_ATOM_AROMATIC | CORDON_ATOM_AROM_INPUT)) {
            a->flags = (uint8_t)(f & ~CORDON_ATOM_AROMATIC);
            if ((f & CORDON_ATOM_AROM_INPUT) && !(f & CORDON_ATOM_IN_RING))
                return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                                     "non-ring atom %d marked aromatic", i);
        }
        si = sum[i];
        if (!(na = BOND_SUM_AROM(si)))
            continue;
        pbeg[i] = pend[i] = ns[i]; /* partners: at most its neighbours */
        if ((a->elem == 6 || a->elem == 7) && !a->charge && !a->radicals) {
            /* classify for neutral c and n (one allowed valence, 4 or 3),
             * written out */
            int dv = 10 - a->elem;
            int sbo =
                (BOND_SUM_VAL2(si) - 3 * na) / 2 + na + a->exp_h + a->imp_h;
            if (a->degree + a->imp_h < dv) {
                if (dv == sbo + 1)
                    kind[i] = K_NEED;
                else if ((f & CORDON_ATOM_NO_IMPLICIT) && dv == sbo + 2)
                    kind[i] = K_MAY;
            }
            continue;
        }
        kind[i] = (uint8_t)classify(mol, i, si);
        dummies |= a->elem == 0 && kind[i] != K_NONE;
    }
    if (!nab)
        return CORDON_OK;
    memset(&c, 0, sizeof c);
    c.mol = mol;
    c.mate = mate;
    c.comp = comp;
    c.pbeg = pbeg;
    c.pend = pend;
    c.part = part;
    c.kind = kind;
    /* An even ring of K_NEED atoms each with two aromatic bonds, all of them
     * the ring's (benzene, pyridine on their own), is a component by
     * itself; matched as even_cycle would: its lowest atom with the
     * partner of its lower bond (its first neighbour), the rest forced. */
    for (i = 0; i < mol->nrings; i++) {
        const int32_t *ra = mol->ring_atoms + mol->ring_start[i];
        const int32_t *rb = mol->ring_bonds + mol->ring_start[i];
        int len = mol->ring_start[i + 1] - mol->ring_start[i], k, p = 0, q;
        if (len & 1)
            continue;
        for (k = 0; k < len; k++) {
            int v = ra[k];
            if (kind[v] != K_NEED || BOND_SUM_AROM(sum[v]) != 2 ||
                mate[v] != -1 || bonds[rb[k]].order != CORDON_BOND_AROMATIC)
                break;
            if (v < ra[p])
                p = k;
        }
        if (k < len)
            continue;
        q = p ? p - 1 : len - 1; /* the bond before ra[p] */
        if (rb[q] < rb[p]) {     /* around the other way */
            for (k = 0; k < len; k += 2) {
                int x = ra[p], y = ra[q];
                mate[x] = y;
                mate[y] = x;
                p = q ? q - 1 : len - 1;
                q = p ? p - 1 : len - 1;
            }
        } else {
            for (k = 0; k < len; k += 2) {
                int x = ra[p], y = ra[p + 1 < len ? p + 1 : 0];
                mate[x] = y;
                mate[y] = x;
                p = p + 2 < len ? p + 2 : p + 2 - len;
            }
        }
    }
    /* partners over the other aromatic ring bonds, in bond order: each
     * atom's neighbour order, stored in the atom's own stretch of the
     * adjacency */
    for (i = 0; i < nab; i++) {
        const cordon_bond *b = &bonds[abonds[i]];
        int x = b->begin, y = b->end;
        if (kind[x] == K_NONE || kind[y] == K_NONE || mate[x] >= 0)
            continue;
        part[pend[x]++] = y;
        part[pend[y]++] = x;
    }
    /* components; comp doubles as the BFS queue */
    for (i = 0; i < n; i++) {
        /* simple: every atom K_NEED with one or two partners; nleaf of
         * them with one, the first of those leaf */
        int head = 0, simple = 1, nleaf = 0, leaf = -1, ncomp = 0;
        if (kind[i] == K_NONE || mate[i] != -1)
            continue;
        comp[ncomp++] = i;
        mate[i] = -2; /* visited marker during the BFS */
        while (head < ncomp) {
            int v = comp[head++], k, end = pend[v];
            for (k = pbeg[v]; k < end; k++) {
                int x = part[k];
                if (mate[x] != -1)
                    continue;
                mate[x] = -2;
                comp[ncomp++] = x;
            }
            if (dummies)
                dummies_last(&c, v);
            k = end - pbeg[v];
            if (k == 1 && !nleaf++)
                leaf = v;
            if (k < 1 || k > 2 || kind[v] != K_NEED)
                simple = 0;
        }
        c.ncomp = ncomp;
        /* an even cycle or path of K_NEED atoms: every atom is matched */
        if (simple && !(ncomp & 1) && (nleaf == 0 || nleaf == 2)) {
            if (nleaf)
                even_path(&c, leaf);
            else
                even_cycle(&c);
            continue;
        }
        for (head = 0; head < ncomp; head++)
            mate[comp[head]] = -1;
        if (!greedy(&c, cnt, pos)) {
            c.steps = 0;
            if (solve(&c) != 1)
                return fail(&c, err);
        }
        for (head = 0; head < ncomp; head++)
            if (mate[comp[head]] == -1)
                mate[comp[head]] = -3; /* done, unmatched */
    }
    for (i = 0; i < nab; i++) {
        cordon_bond *b = &bonds[abonds[i]];
        int x = b->begin, y = b->end;
        b->flags &= (uint8_t)~CORDON_BONDF_AROMATIC;
        /* the bond sums follow: 3 -> 2 or 4; the aromatic count ends as
         * the count of double bonds given (BOND_SUM_KEKDBL) */
        if (mate[x] == y && mate[y] == x) {
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

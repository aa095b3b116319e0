/*
 * aromaticity.c -- RDKit's default aromaticity model (MolOps::setAromaticity
 * with AROMATICITY_DEFAULT, RDKit 2022.09), on the Kekulé structure.
 *
 *  - Each ring atom gets an electron-donor type from its lone pairs and
 *    multiple bonds (countAtomElec / getAtomDonorTypeArom): a ring double
 *    bond gives one electron, a lone pair two, an exocyclic double bond to a
 *    more electronegative atom (more outer electrons, or same and lighter)
 *    takes the atom's electron away (0).
 *  - Candidate atoms: first two rows, Se and Te; at most three connections;
 *    not above the default valence of the isoelectronic neutral element; no
 *    radical on a heteroatom; at most one multiple bond.
 *  - Candidate rings are rings of the symmetrized SSSR made only of candidate
 *    atoms.  Rings sharing a bond (rings of up to 24 atoms) form fused
 *    systems (rings of up to 24 atoms sharing exactly one bond); in each,
 *    every connected combination of 1..6 rings is tested with Hückel's 4n+2
 *    rule over the atoms lying in one or two of its rings (a total of
 *    exactly 2 also counts, for cyclopropenyl cations).  A passing
 *    combination makes its atoms aromatic and the bonds that lie in only one
 *    of its rings.  Combinations stop once every bond of the system is
 *    aromatic.
 */
#include <string.h>

#include "mol/perceive_int.h"

#define MAX_FUSED_RING_SIZE 24 /* RDKit maxFusedAromaticRingSize */
#define MAX_FUSED_RINGS 6
#define AROM_WORK_MAX 2000000L

enum { D_VACANT, D_ONE, D_TWO, D_ONE_OR_TWO, D_ANY, D_NONE };

/* Candidate codes per atom: CAND_UNSEEN until evaluated, then CAND_YES (a
 * candidate other than '*'), CAND_DUMMY (a candidate '*') or 0, ORed with
 * CAND_SHARED for an atom in more than one ring. */
enum { CAND_YES = 1, CAND_UNSEEN = 2, CAND_DUMMY = 4, CAND_SHARED = 8 };

typedef struct arom_ctx {
    cordon_mol *mol;
    uint8_t *edon;   /* per atom */
    uint8_t *cand;   /* per atom: CAND_* */
    uint8_t *bdone;  /* per bond: made aromatic in this fused system */
    uint8_t *inset;  /* per atom scratch (ring counts) */
    int32_t *bcount; /* per bond scratch */
    int32_t *crings; /* candidate ring ids */
    int ncr;
    int32_t *nbr_start, *nbrs; /* ring neighbour map over candidate rings */
    int32_t *fused, *stack, *stack_pos, *comb;
    uint8_t *fus_done, *sel;
    uint8_t *shares; /* per candidate ring: has an atom in another ring */
    int ndone;       /* bonds made aromatic in the current fused system */
    long work;
} arom_ctx;

static int ring_size(const cordon_mol *mol, int r)
{
    return mol->ring_start[r + 1] - mol->ring_start[r];
}

/* What the donor and candidate tests need from an atom's bonds, gathered
 * in one pass. */
typedef struct atom_scan {
    int ev;    /* explicit valence: bond orders (aromatic 1.5) + given H */
    int nzero; /* zero-order bonds (not counted as connections) */
    int exo;   /* first exocyclic double..quadruple bond partner, or -1 */
    int cyc;   /* 1 if a ring bond is double..quadruple */
    int nmult; /* double and triple bonds */
} atom_scan;

/* sum: the atom's bond sum after kekulize (perceive_int.h); fast: 0 when
 * a double bond from kekulize might lie in no ring of the set.  Bonds are
 * scanned only when the atom has a multiple bond that kekulize did not
 * make (those are all ring bonds, so neither exocyclic nor counted twice).
 */
static void scan_atom(const cordon_mol *mol, int i, uint64_t sum, int fast,
                      atom_scan *s)
{
    int k, v2 = BOND_SUM_VAL2(sum), kd = BOND_SUM_KEKDBL(sum);
    s->nzero = BOND_SUM_ZERO(sum);
    s->ev = v2 / 2 + mol->atoms[i].exp_h;
    s->exo = -1;
    s->nmult = kd;
    s->cyc = kd > 0;
    if (fast && v2 - 2 * kd ==
                    2 * (mol->nbr_start[i + 1] - mol->nbr_start[i] - s->nzero))
        return; /* otherwise single bonds only */
    s->cyc = s->nmult = 0;
    for (k = mol->nbr_start[i]; k < mol->nbr_start[i + 1]; k++) {
        const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
        int o = b->order;
        if (o == CORDON_BOND_DOUBLE || o == CORDON_BOND_TRIPLE)
            s->nmult++;
        if (o >= CORDON_BOND_DOUBLE && o <= CORDON_BOND_QUADRUPLE) {
            if (b->ring_count)
                s->cyc = 1;
            else if (s->exo < 0)
                s->exo = mol->nbrs[k].atom;
        }
    }
}

/* MolOps::countAtomElec */
static int count_atom_elec(const cordon_mol *mol, int i, int ev,
                           const atom_scan *s)
{
    const cordon_atom *a = &mol->atoms[i];
    int dv = cordon__elem_default_valence(a->elem), degree, nlp, res;
    if (dv <= 1)
        return -1;
    degree = a->degree + a->exp_h + a->imp_h - s->nzero;
    if (degree > 3)
        return -1;
    nlp = cordon__elem_outer(a->elem) - dv - a->charge;
    if (nlp < 0)
        nlp = 0;
    res = (dv - degree) + nlp - a->radicals;
    if (res > 1 && ev - a->degree > 1)
        res = 1;
    return res;
}

static int any_multiple(const cordon_mol *mol, int i, int ev,
                        const atom_scan *s)
{
    const cordon_atom *a = &mol->atoms[i];
    return ev != a->degree + a->exp_h - s->nzero;
}

/* PeriodicTable::moreElectroNegative */
static int more_en(int a, int b)
{
    int na = cordon__elem_outer(a), nb = cordon__elem_outer(b);
    return na > nb || (na == nb && a < b);
}

/* getAtomDonorTypeArom; who: the exocyclic multiple bond partner. */
static int donor_type(const cordon_mol *mol, int i, int ev, const atom_scan *s)
{
    const cordon_atom *a = &mol->atoms[i];
    int nelec, who;
    if (a->elem == 0)
        return D_ANY;
    nelec = count_atom_elec(mol, i, ev, s);
    if (nelec < 0)
        return D_NONE;
    who = s->exo;
    if (nelec == 0) {
        if (who >= 0)
            return D_VACANT;
        return s->cyc ? D_ONE : D_NONE;
    }
    if (nelec == 1) {
        if (who >= 0)
            return more_en(mol->atoms[who].elem, a->elem) ? D_VACANT : D_ONE;
        if (any_multiple(mol, i, ev, s))
            return D_ONE;
        return a->charge == 1 ? D_VACANT : D_NONE;
    }
    if (who >= 0 && more_en(mol->atoms[who].elem, a->elem))
        nelec--;
    return (nelec & 1) ? D_ONE : D_TWO;
}

/* isAtomCandForArom with the default model's options. */
static int atom_candidate(const cordon_mol *mol, int i, int edon, int ev,
                          const atom_scan *s)
{
    const cordon_atom *a = &mol->atoms[i];
    int defval, iso;
    if (a->elem > 18 && a->elem != 34 && a->elem != 52)
        return 0;
    if (edon == D_NONE)
        return 0;
    defval = cordon__elem_default_valence(a->elem);
    iso = a->elem - a->charge;
    if (defval > 0 && iso >= 0 && iso <= 118 &&
        ev + a->imp_h > cordon__elem_default_valence(iso))
        return 0;
    if (a->radicals && (a->elem != 6 || a->charge))
        return 0;
    if (ev - a->degree > 1 && s->nmult > 1)
        return 0;
    return 1;
}

/* The electrons a donor type gives (D_VACANT, D_ONE, D_TWO, D_ONE_OR_TWO,
 * D_ANY, D_NONE), as a range: the least in the low 32 bits, the most in the
 * high ones, so that ranges add up in one sum. */
#define ERANGE(lo, hi) ((uint64_t)(lo) | (uint64_t)(hi) << 32)
static const uint64_t electron_range[6] = {ERANGE(0, 0), ERANGE(1, 1),
                                           ERANGE(2, 2), ERANGE(1, 2),
                                           ERANGE(0, 2), ERANGE(0, 0)};
#undef ERANGE
/* Sums of electron_range entries over ring atoms (at most 2 per atom in
 * each half, so no carry between the halves) */
#define ERANGE_LO(x) ((int)(uint32_t)(x))
#define ERANGE_HI(x) ((int)((x) >> 32))

/* Are rings r1 and r2 neighbours: sharing exactly one bond
 * (RingUtils::makeRingNeighborMap with maxOverlapSize 1)?  The bonds of r1
 * carry the stamp in c->bcount. */
static inline int rings_share_bond(const arom_ctx *c, int r2, int32_t stamp)
{
    const cordon_mol *mol = c->mol;
    int s2 = mol->ring_start[r2], e2 = mol->ring_start[r2 + 1], j, n = 0;
    for (j = s2; j < e2; j++)
        if (c->bcount[mol->ring_bonds[j]] == stamp)
            n++;
    return n == 1;
}

/* Can candidate ring k have neighbours: an atom in another ring, at most
 * MAX_FUSED_RING_SIZE atoms? */
static inline int ring_fusable(const arom_ctx *c, int k)
{
    return c->shares[k] &&
           ring_size(c->mol, c->crings[k]) <= MAX_FUSED_RING_SIZE;
}

/* The neighbour lists of up to 64 candidate rings: each pair of rings is
 * tested once, in a bit matrix, and the lists read from it in ascending
 * order (as ring_neighbours gives them). */
static void small_neighbour_map(arom_ctx *c)
{
    const cordon_mol *mol = c->mol;
    uint64_t adj[64];
    int k, i, j, nn = 0;
    memset(adj, 0, sizeof adj[0] * (size_t)c->ncr);
    for (k = 0; k + 1 < c->ncr; k++) {
        int r = c->crings[k];
        if (!ring_fusable(c, k))
            continue;
        for (i = k + 1; i < c->ncr && !ring_fusable(c, i); i++)
            ;
        if (i == c->ncr)
            continue; /* no later ring to pair with */
        for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++)
            c->bcount[mol->ring_bonds[j]] = -1;
        for (; i < c->ncr; i++)
            if (ring_fusable(c, i) && rings_share_bond(c, c->crings[i], -1)) {
                adj[k] |= (uint64_t)1 << i;
                adj[i] |= (uint64_t)1 << k;
            }
        for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++)
            c->bcount[mol->ring_bonds[j]] = 0;
    }
    for (k = 0; k < c->ncr; k++) {
        uint64_t m = adj[k];
        c->nbr_start[k] = nn;
        for (i = 0; m; i++, m >>= 1)
            if (m & 1)
                c->nbrs[nn++] = i;
    }
    c->nbr_start[c->ncr] = nn;
}

/* Counts (out == NULL) or lists the neighbours of candidate ring k. */
static int ring_neighbours(arom_ctx *c, int k, int32_t *out)
{
    const cordon_mol *mol = c->mol;
    int r = c->crings[k], i, n = 0, j;
    if (!ring_fusable(c, k))
        return 0;
    for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++)
        c->bcount[mol->ring_bonds[j]] = -1;
    for (i = 0; i < c->ncr; i++)
        if (i != k && ring_fusable(c, i) &&
            rings_share_bond(c, c->crings[i], -1)) {
            if (out)
                out[n] = i;
            n++;
        }
    for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++)
        c->bcount[mol->ring_bonds[j]] = 0;
    return n;
}

/* Is the selection (sel[] over candidate-ring indices, n of them starting at
 * first) connected in the neighbour map?  (RingUtils::checkFused) */
static int selection_connected(arom_ctx *c, const int32_t *ids, int n)
{
    int head = 0, tail = 0, seen = 0, k;
    for (k = 0; k < n; k++)
        c->sel[ids[k]] = 1;
    c->stack[tail++] = ids[0];
    c->sel[ids[0]] = 2;
    while (head < tail) {
        int r = c->stack[head++], j;
        seen++;
        for (j = c->nbr_start[r]; j < c->nbr_start[r + 1]; j++) {
            int q = c->nbrs[j];
            if (c->sel[q] == 1) {
                c->sel[q] = 2;
                c->stack[tail++] = q;
            }
        }
    }
    for (k = 0; k < n; k++)
        c->sel[ids[k]] = 0;
    return seen == n;
}

static void mark_atom(cordon_atom *at)
{
    at->flags |= CORDON_ATOM_AROMATIC;
    /* RDKit makes the hydrogens of an aromatic heteroatom explicit (pyrrole
     * N from C1=CC=CN1 ends as [nH]), so that perceiving the aromatic
     * molecule again keeps them */
    if (at->elem != 6 && at->imp_h) {
        at->exp_h = (uint8_t)(at->exp_h + at->imp_h);
        at->imp_h = 0;
    }
}

static void mark_bond(cordon_bond *bd)
{
    bd->flags |= CORDON_BONDF_AROMATIC;
    if (bd->order == CORDON_BOND_SINGLE || bd->order == CORDON_BOND_DOUBLE)
        bd->order = CORDON_BOND_AROMATIC;
}

/* The Hückel rule on an electron count range (applyHuckel). */
static int huckel_range(int lo, int hi)
{
    int rie;
    if (hi >= 6) {
        for (rie = lo; rie <= hi; rie++)
            if ((rie - 2) % 4 == 0)
                return 1;
        return 0;
    }
    return hi == 2;
}

/* Hückel test over the atoms that lie in one or two of the rings ids[0..n)
 * (an atom shared by three rings is left out: RDKit #2895, acepentalene). */
static int huckel(arom_ctx *c, const int32_t *ids, int n)
{
    const cordon_mol *mol = c->mol;
    int k, i;
    uint64_t sum = 0;
    for (k = 0; k < n; k++) {
        int r = c->crings[ids[k]];
        for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++)
            c->inset[mol->ring_atoms[i]]++;
    }
    for (k = 0; k < n; k++) {
        int r = c->crings[ids[k]];
        for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++) {
            int a = mol->ring_atoms[i];
            if (c->inset[a] == 0)
                continue; /* counted already */
            if (c->inset[a] <= 2)
                sum += electron_range[c->edon[a]];
            c->inset[a] = 0;
        }
    }
    return huckel_range(ERANGE_LO(sum), ERANGE_HI(sum));
}

static void mark_aromatic(arom_ctx *c, const int32_t *ids, int n)
{
    cordon_mol *mol = c->mol;
    int k, i;
    for (k = 0; k < n; k++) {
        int r = c->crings[ids[k]];
        for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++) {
            mark_atom(&mol->atoms[mol->ring_atoms[i]]);
            c->bcount[mol->ring_bonds[i]]++;
        }
    }
    for (k = 0; k < n; k++) {
        int r = c->crings[ids[k]];
        for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++) {
            int b = mol->ring_bonds[i];
            cordon_bond *bd = &mol->bonds[b];
            if (c->bcount[b] == 1) {
                if (!c->bdone[b]) {
                    c->bdone[b] = 1;
                    c->ndone++;
                }
                mark_bond(bd);
            }
        }
    }
    for (k = 0; k < n; k++) {
        int r = c->crings[ids[k]];
        for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++)
            c->bcount[mol->ring_bonds[i]] = 0;
    }
}

/* Next combination of size k from 0..n-1 in lexicographic order; returns
 * 0 when exhausted. */
static int next_comb(int32_t *comb, int k, int n)
{
    int i = k - 1;
    while (i >= 0 && comb[i] == n - k + i)
        i--;
    if (i < 0)
        return 0;
    comb[i]++;
    for (i = i + 1; i < k; i++)
        comb[i] = comb[i - 1] + 1;
    return 1;
}

/* huckel for one ring (candidate-ring index k): every atom counted. */
static int ring_huckel(const arom_ctx *c, int k)
{
    const cordon_mol *mol = c->mol;
    int r = c->crings[k], i, e = mol->ring_start[r + 1];
    uint64_t sum = 0;
    for (i = mol->ring_start[r]; i < e; i++)
        sum += electron_range[c->edon[mol->ring_atoms[i]]];
    return huckel_range(ERANGE_LO(sum), ERANGE_HI(sum));
}

/* mark_aromatic for one ring: all its atoms and bonds. */
static void mark_ring(arom_ctx *c, int k)
{
    cordon_mol *mol = c->mol;
    int r = c->crings[k], i;
    for (i = mol->ring_start[r]; i < mol->ring_start[r + 1]; i++) {
        int b = mol->ring_bonds[i];
        mark_atom(&mol->atoms[mol->ring_atoms[i]]);
        if (!c->bdone[b]) {
            c->bdone[b] = 1;
            c->ndone++;
        }
        mark_bond(&mol->bonds[b]);
    }
}

/* applyHuckelToFused over the nf rings in c->fused. */
static void huckel_fused(arom_ctx *c, int nf)
{
    int size, i, maxsize = nf < MAX_FUSED_RINGS ? nf : MAX_FUSED_RINGS;
    int32_t ids[MAX_FUSED_RINGS];
    int nbonds = 0;
    if (nf == 1) {
        /* one ring: each atom counted once, every bond in one ring */
        cordon_mol *mol = c->mol;
        int r = c->crings[c->fused[0]], s = mol->ring_start[r];
        int e = mol->ring_start[r + 1], arom;
        c->work += 8;
        if (c->work > AROM_WORK_MAX)
            return;
        arom = ring_huckel(c, c->fused[0]);
        if (!arom) {
            for (i = s; i < e; i++)
                c->bdone[mol->ring_bonds[i]] = 0;
            return;
        }
        for (i = s; i < e; i++) {
            c->bdone[mol->ring_bonds[i]] = 1;
            mark_atom(&mol->atoms[mol->ring_atoms[i]]);
            mark_bond(&mol->bonds[mol->ring_bonds[i]]);
        }
        return;
    }
    /* stop once every bond of the system's rings is aromatic */
    for (i = 0; i < nf; i++) {
        const cordon_mol *mol = c->mol;
        int r = c->crings[c->fused[i]], j;
        for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++) {
            int b = mol->ring_bonds[j];
            if (!c->bdone[b]) {
                c->bdone[b] = 2;
                nbonds++;
            }
        }
    }
    for (i = 0; i < nf; i++) {
        const cordon_mol *mol = c->mol;
        int r = c->crings[c->fused[i]], j;
        for (j = mol->ring_start[r]; j < mol->ring_start[r + 1]; j++)
            c->bdone[mol->ring_bonds[j]] = 0;
    }
    c->ndone = 0;
    for (size = 1; size <= maxsize; size++) {
        int more;
        if (c->ndone >= nbonds)
            break;
        for (i = 0; i < size; i++)
            c->comb[i] = i;
        more = 1;
        while (more) {
            for (i = 0; i < size; i++)
                ids[i] = c->fused[c->comb[i]];
            c->work += size * 8;
            if (c->work > AROM_WORK_MAX)
                return;
            if (size == 1) {
                if (ring_huckel(c, ids[0]))
                    mark_ring(c, ids[0]);
            } else if (selection_connected(c, ids, size)) {
                if (huckel(c, ids, size))
                    mark_aromatic(c, ids, size);
            }
            more = next_comb(c->comb, size, nf);
        }
    }
}

/* RingUtils::pickFusedRings: depth-first order from start. */
static int pick_fused(arom_ctx *c, int start)
{
    int sp = 0, nf = 0;
    c->stack[sp] = start;
    c->stack_pos[sp++] = c->nbr_start[start];
    c->fus_done[start] = 1;
    c->fused[nf++] = start;
    while (sp) {
        int r = c->stack[sp - 1];
        if (c->stack_pos[sp - 1] < c->nbr_start[r + 1]) {
            int q = c->nbrs[c->stack_pos[sp - 1]++];
            if (!c->fus_done[q]) {
                c->fus_done[q] = 1;
                c->fused[nf++] = q;
                c->stack[sp] = q;
                c->stack_pos[sp++] = c->nbr_start[q];
            }
        } else {
            sp--;
        }
    }
    return nf;
}

int cordon__mol_aromatize(cordon_mol *mol, cordon_error *err)
{
    arom_ctx c;
    int n = mol->natoms, nr = mol->nrings, i, k, nn, fast;
    size_t need;
    char *w;
    /* kekulize, which runs first, cleared the aromatic flags of atoms and
     * bonds, set bond.kekule to the order, and left the bond sums current */
    const uint64_t *sum;
    mol->perceived |= CORDON_PERCEIVED_AROMATICITY;
    if (!nr)
        return CORDON_OK;
    sum = cordon__mol_work(mol, WORK_BOND_SUM,
                           sizeof(uint64_t) * ((size_t)n + 1));
    if (!sum)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    fast = !(sum[n] & BOND_SUM_F_OUTSIDE);
    need = (size_t)n * 4 + 16 + (size_t)mol->nbonds +
           sizeof(int32_t) * (size_t)mol->nbonds +
           sizeof(int32_t) * ((size_t)nr * 6 + 32) + (size_t)nr * 3 + 16;
    w = cordon__mol_work(mol, WORK_AROM, need);
    if (!w)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    c.mol = mol;
    c.ncr = 0;
    c.nbrs = NULL;
    c.ndone = 0;
    c.work = 0;
    c.crings = (int32_t *)(void *)w;
    c.nbr_start = c.crings + nr;
    c.fused = c.nbr_start + nr + 2;
    c.stack = c.fused + nr;
    c.stack_pos = c.stack + nr + 2;
    c.comb = c.stack_pos + nr + 2;
    /* bcount to bdone start cleared, in one piece; edon is written for
     * every atom a candidate ring has before it is read */
    c.bcount = c.comb + MAX_FUSED_RINGS + 2;
    c.inset = (uint8_t *)(c.bcount + mol->nbonds);
    c.fus_done = c.inset + n;
    c.sel = c.fus_done + nr;
    c.bdone = c.sel + nr;
    c.cand = c.bdone + mol->nbonds;
    c.edon = c.cand + n;
    c.shares = c.edon + n;
    memset(c.bcount, 0,
           sizeof(int32_t) * (size_t)mol->nbonds + (size_t)n + (size_t)nr * 2 +
               (size_t)mol->nbonds);
    memset(c.cand, CAND_UNSEEN, (size_t)n);
    /* candidate rings; each atom is evaluated once, by the first ring that
     * needs it (c.cand: CAND_*) */
    for (k = 0; k < nr; k++) {
        int s = mol->ring_start[k], e = mol->ring_start[k + 1];
        unsigned seen = 0; /* the codes of the ring's atoms, ORed */
        for (i = s; i < e; i++) {
            int a = mol->ring_atoms[i];
            unsigned v = c.cand[a];
            if (v == CAND_UNSEEN) {
                const cordon_atom *at = &mol->atoms[a];
                uint64_t sm = sum[a];
                /* (sm >> 32) == 1: one double bond from kekulize and no
                 * zero-order bond */
                if ((sm >> 32) == 1 &&
                    BOND_SUM_VAL2(sm) == 2 * at->degree + 2 && fast &&
                    (at->elem == 6 || at->elem == 7) && !at->charge &&
                    !at->radicals &&
                    at->degree + at->exp_h + at->imp_h == 9 - at->elem) {
                    /* the usual aromatic c (three connections) or n (two),
                     * neutral, whose one multiple bond is the ring double
                     * bond from kekulize: one electron (count_atom_elec 1 or
                     * 3, no exocyclic partner), and a candidate (the degree
                     * is the bond count: it is at most 3) */
                    c.edon[a] = D_ONE;
                    v = CAND_YES;
                } else if ((at->elem > 18 && at->elem != 34 &&
                            at->elem != 52) ||
                           (at->elem && at->degree + at->exp_h + at->imp_h -
                                                BOND_SUM_ZERO(sm) >
                                            3)) {
                    /* not a candidate (atom_candidate, count_atom_elec:
                     * more than three connections); the donor type of a
                     * non-candidate is never read */
                    v = 0;
                } else {
                    atom_scan sc;
                    scan_atom(mol, a, sm, fast, &sc);
                    c.edon[a] = (uint8_t)donor_type(mol, a, sc.ev, &sc);
                    v = !atom_candidate(mol, a, c.edon[a], sc.ev, &sc) ? 0u
                        : at->elem ? CAND_YES
                                   : CAND_DUMMY;
                }
                /* a ring that shares a bond has atoms in two rings (read
                 * for candidates only) */
                if (v && at->ring_count > 1)
                    v |= CAND_SHARED;
                c.cand[a] = (uint8_t)v;
            }
            if (!(v & (CAND_YES | CAND_DUMMY)))
                break; /* its other atoms wait for a ring that needs them */
            seen |= v;
        }
        /* all atoms candidates, not all of them dummies */
        if (i == e && (seen & CAND_YES)) {
            c.shares[c.ncr] = (seen & CAND_SHARED) != 0;
            c.crings[c.ncr++] = k;
        }
    }
    if (!c.ncr)
        return CORDON_OK;
    /* neighbour map (rings up to 24 atoms sharing a bond); stored in the
     * second work slot since its size is quadratic in the worst case */
    /* a ring has at most ncr - 1 neighbours: for the usual few rings the
     * lists are filled in one pass, otherwise counted first */
    if (c.ncr <= 64) {
        nn = c.ncr * c.ncr;
    } else {
        nn = 0;
        for (k = 0; k < c.ncr; k++)
            nn += ring_neighbours(&c, k, NULL);
    }
    c.nbrs = cordon__mol_work(mol, WORK_AROM_B, sizeof(int32_t) * (size_t)nn);
    if (!c.nbrs)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    if (c.ncr <= 64) {
        small_neighbour_map(&c);
    } else {
        nn = 0;
        for (k = 0; k < c.ncr; k++) {
            c.nbr_start[k] = nn;
            nn += ring_neighbours(&c, k, c.nbrs + nn);
        }
        c.nbr_start[c.ncr] = nn;
    }
    for (k = 0; k < c.ncr; k++) {
        int nf;
        if (c.fus_done[k])
            continue;
        nf = pick_fused(&c, k);
        huckel_fused(&c, nf);
    }
    /* Kekulé orders stay available in bond.kekule */
    return CORDON_OK;
}

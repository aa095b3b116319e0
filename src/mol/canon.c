/*
 * canon.c -- canonical atom ranking (docs/canonical-smiles.md).
 *
 * Weininger's CANGEN scheme (J. Chem. Inf. Comput. Sci. 1989, 29, 97) as
 * partition refinement: atoms start in classes of equal invariants
 * (degree, element, isotope, charge, total H, aromaticity, ring membership,
 * radicals, map); each round splits a class by the sorted (class, bond
 * order) lists of its atoms' neighbours until nothing splits.  A class is
 * numbered by its first position in the sorted order, so the numbering
 * depends only on the graph.  Ties left by symmetry are broken by
 * individualising one atom of the lowest tied class and refining again.
 *
 * Stereo (unless CORDON_SMILES_NO_STEREO) enters the refinement as a
 * per-atom value computed from the current classes only: a tetrahedral
 * centre whose neighbours are in distinct classes gets its parity relative
 * to class order; a CIS/TRANS double bond whose ends have distinguishable
 * substituents gets its configuration relative to the lowest-class
 * substituent at each end.  While some stereo element is still undecided,
 * a tie is broken every possible way (the candidates of the lowest tied
 * class) and the labelling with the smallest certificate (stereo values
 * and neighbour lists in rank order) wins, as in nauty's canonical
 * labelling; once every stereo element is decided, one candidate suffices.
 * That keeps cis/trans ring stereo (C[C@H]1CC[C@@H](C)CC1) and mirror
 * choices order-independent.  The search is bounded (MAX_LEVELS branching
 * levels, MAX_NODES tries); beyond it the first candidate is taken.
 */
#include <assert.h>
#include <string.h>

#include "mol/canon_int.h"

#define MAX_LEVELS 8
#define MAX_NODES 256
#define INSERTION_MAX 12

typedef struct canon {
    const cordon_mol *mol;
    int n, nd;
    int32_t *cls, *order, *nkey, *sv, *tmp;
    int32_t *best, *cert, *bestcert, *save;
    int32_t *tet, *dbl;
    int ntet, ndbl;
    int nundet; /* stereo elements not decided by the current classes */
    int nodes;
    int have_best;
    const uint64_t *keys;
} canon;

static int bond_code(const cordon_bond *b)
{
    return b->order & 7;
}

/* ---- sorting atom indices ---- */

typedef int (*cmp_fn)(const canon *c, int32_t a, int32_t b);

static int cmp_keys(const canon *c, int32_t a, int32_t b)
{
    return c->keys[a] < c->keys[b] ? -1 : c->keys[a] > c->keys[b];
}

/* Same-class atoms have the same degree, so segments have equal length. */
static int cmp_sig(const canon *c, int32_t a, int32_t b)
{
    const int32_t *ns = c->mol->nbr_start;
    int i, k;
    if (c->sv[a] != c->sv[b])
        return c->sv[a] < c->sv[b] ? -1 : 1;
    k = ns[a + 1] - ns[a];
    assert(k == ns[b + 1] - ns[b]);
    for (i = 0; i < k; i++) {
        int32_t x = c->nkey[ns[a] + i], y = c->nkey[ns[b] + i];
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static void sort_atoms(const canon *c, int32_t *v, int n, int32_t *tmp,
                       cmp_fn cmp)
{
    int i, j, h, a, b, k;
    if (n <= INSERTION_MAX) {
        for (i = 1; i < n; i++) {
            int32_t x = v[i];
            for (j = i; j > 0 && cmp(c, v[j - 1], x) > 0; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    h = n / 2;
    sort_atoms(c, v, h, tmp, cmp);
    sort_atoms(c, v + h, n - h, tmp, cmp);
    for (a = 0, b = h, k = 0; a < h || b < n;) {
        if (b >= n || (a < h && cmp(c, v[a], v[b]) <= 0))
            tmp[k++] = v[a++];
        else
            tmp[k++] = v[b++];
    }
    memcpy(v, tmp, (size_t)n * sizeof *v);
}

/* ---- stereo values ---- */

static void tet_value(canon *c, int a)
{
    const cordon_mol *mol = c->mol;
    const cordon_atom *at = &mol->atoms[a];
    int32_t cl[5];
    int k = 0, i, j, inv = 0, s;
    if (cordon__atom_hcount(at) == 1)
        cl[k++] = -1;
    for (s = mol->nbr_start[a]; s < mol->nbr_start[a + 1] && k < 5; s++)
        cl[k++] = c->cls[mol->nbrs[s].atom];
    for (i = 0; i < k; i++)
        for (j = i + 1; j < k; j++) {
            if (cl[i] == cl[j]) {
                c->nundet++;
                return;
            }
            if (cl[i] > cl[j])
                inv++;
        }
    c->sv[a] += ((at->chiral == CORDON_CHI_CCW) ^ (inv & 1)) ? 1 : 2;
}

/* The lowest-class substituent of x other than y, or -2 if two tie. */
static int canon_ref(const canon *c, int x, int y)
{
    const cordon_mol *mol = c->mol;
    int s, r = -1;
    for (s = mol->nbr_start[x]; s < mol->nbr_start[x + 1]; s++) {
        int nb = mol->nbrs[s].atom;
        if (nb == y)
            continue;
        if (r < 0 || c->cls[nb] < c->cls[r])
            r = nb;
        else if (c->cls[nb] == c->cls[r])
            return -2;
    }
    return r;
}

static void dbl_value(canon *c, int bi)
{
    const cordon_bond *b = &c->mol->bonds[bi];
    int ru = canon_ref(c, b->begin, b->end);
    int rv = canon_ref(c, b->end, b->begin);
    int val = b->stereo;
    if (ru < 0 || rv < 0) {
        c->nundet++;
        return;
    }
    if ((ru != b->stereo_begin) ^ (rv != b->stereo_end))
        val = val == CORDON_BSTEREO_CIS ? CORDON_BSTEREO_TRANS
                                        : CORDON_BSTEREO_CIS;
    c->sv[b->begin] += val * 4;
    c->sv[b->end] += val * 4;
}

static void stereo_values(canon *c)
{
    int i;
    c->nundet = 0;
    for (i = 0; i < c->ntet; i++)
        c->sv[c->tet[i]] = 0;
    for (i = 0; i < c->ndbl; i++) {
        const cordon_bond *b = &c->mol->bonds[c->dbl[i]];
        c->sv[b->begin] = c->sv[b->end] = 0;
    }
    for (i = 0; i < c->ntet; i++)
        tet_value(c, c->tet[i]);
    for (i = 0; i < c->ndbl; i++)
        dbl_value(c, c->dbl[i]);
}

/* Stereo elements that can be decided at all: tetrahedral centres with at
 * most one hydrogen and 3 or 4 neighbours; CIS/TRANS double bonds with one
 * or two substituents at each end. */
static void find_stereo(canon *c, unsigned flags)
{
    const cordon_mol *mol = c->mol;
    int i;
    c->ntet = c->ndbl = 0;
    if (flags & CORDON_SMILES_NO_STEREO)
        return;
    for (i = 0; i < c->n; i++) {
        const cordon_atom *a = &mol->atoms[i];
        int h = cordon__atom_hcount(a);
        if ((a->chiral == CORDON_CHI_CCW || a->chiral == CORDON_CHI_CW) &&
            h <= 1 && a->degree + h >= 3 && a->degree + h <= 4)
            c->tet[c->ntet++] = i;
    }
    for (i = 0; i < mol->nbonds; i++) {
        const cordon_bond *b = &mol->bonds[i];
        int du, dv;
        if (b->order != CORDON_BOND_DOUBLE ||
            (b->stereo != CORDON_BSTEREO_CIS &&
             b->stereo != CORDON_BSTEREO_TRANS) ||
            b->stereo_begin < 0 || b->stereo_end < 0)
            continue;
        du = mol->atoms[b->begin].degree - 1;
        dv = mol->atoms[b->end].degree - 1;
        if (du < 1 || du > 2 || dv < 1 || dv > 2 ||
            cordon_mol_bond_between(mol, b->begin, b->stereo_begin) < 0 ||
            cordon_mol_bond_between(mol, b->end, b->stereo_end) < 0)
            continue;
        c->dbl[c->ndbl++] = i;
    }
}

/* ---- refinement ---- */

static void refine(canon *c)
{
    const cordon_mol *mol = c->mol;
    int a, i, s, e, j, changed;
    do {
        if (c->ntet || c->ndbl)
            stereo_values(c);
        for (a = 0; a < c->n; a++) {
            int lo = mol->nbr_start[a], hi = mol->nbr_start[a + 1];
            for (s = lo; s < hi; s++) {
                const cordon_nbr *nb = &mol->nbrs[s];
                int32_t x =
                    c->cls[nb->atom] * 8 + bond_code(&mol->bonds[nb->bond]);
                for (j = s; j > lo && c->nkey[j - 1] > x; j--)
                    c->nkey[j] = c->nkey[j - 1];
                c->nkey[j] = x;
            }
        }
        changed = 0;
        for (i = 0; i < c->n; i = e) {
            int32_t cur = c->cls[c->order[i]];
            for (e = i + 1; e < c->n && c->cls[c->order[e]] == cur; e++)
                ;
            if (e - i < 2)
                continue;
            sort_atoms(c, c->order + i, e - i, c->tmp, cmp_sig);
            for (j = i + 1; j < e; j++) {
                if (cmp_sig(c, c->order[j - 1], c->order[j]) != 0) {
                    cur = j;
                    changed = 1;
                }
                c->cls[c->order[j]] = cur;
            }
        }
    } while (changed);
}

/* Gives atom x (in the cell [cs, ce)) the cell's lowest class. */
static void individualise(canon *c, int32_t x, int cs, int ce)
{
    int j;
    for (j = cs; j < ce; j++) {
        c->cls[c->order[j]] = cs + 1;
        if (c->order[j] == x) {
            c->order[j] = c->order[cs];
            c->order[cs] = x;
        }
    }
    c->cls[x] = cs;
}

/* A leaf: every class is a single atom.  Below a branching point the
 * labelling is kept if its certificate is the smallest so far. */
static void leaf(canon *c, int depth)
{
    const int32_t *ns = c->mol->nbr_start;
    int r, k = 0, len;
    if (depth == 0) {
        memcpy(c->best, c->cls, (size_t)c->n * sizeof *c->best);
        c->have_best = 1;
        return;
    }
    for (r = 0; r < c->n; r++) {
        int a = c->order[r];
        c->cert[k++] = c->sv[a];
        memcpy(c->cert + k, c->nkey + ns[a],
               (size_t)(ns[a + 1] - ns[a]) * sizeof *c->cert);
        k += ns[a + 1] - ns[a];
    }
    len = k;
    if (c->have_best == 2) {
        for (k = 0; k < len; k++)
            if (c->cert[k] != c->bestcert[k])
                break;
        if (k == len || c->cert[k] > c->bestcert[k])
            return;
    }
    memcpy(c->bestcert, c->cert, (size_t)len * sizeof *c->cert);
    memcpy(c->best, c->cls, (size_t)c->n * sizeof *c->best);
    c->have_best = 2;
}

static void search(canon *c, int depth)
{
    int n = c->n, cs, ce, j;
    for (;;) {
        refine(c);
        for (cs = 0; cs < n; cs = ce) {
            for (ce = cs + 1; ce < n && c->cls[c->order[ce]] == cs; ce++)
                ;
            if (ce - cs > 1)
                break;
        }
        if (cs >= n) {
            leaf(c, depth);
            return;
        }
        if (c->nundet && depth < MAX_LEVELS && c->nodes < MAX_NODES) {
            int32_t *sc = c->save + (size_t)depth * 2 * n, *so = sc + n;
            memcpy(sc, c->cls, (size_t)n * sizeof *sc);
            memcpy(so, c->order, (size_t)n * sizeof *so);
            for (j = cs; j < ce; j++) {
                if (j > cs) {
                    memcpy(c->cls, sc, (size_t)n * sizeof *sc);
                    memcpy(c->order, so, (size_t)n * sizeof *so);
                }
                c->nodes++;
                individualise(c, so[j], cs, ce);
                search(c, depth + 1);
            }
            return;
        }
        individualise(c, c->order[cs], cs, ce);
    }
}

/* ---- entry points ---- */

static uint64_t atom_key(const cordon_atom *a, unsigned flags)
{
    uint64_t iso = (flags & CORDON_SMILES_NO_ISOTOPES) ? 0 : a->isotope;
    uint64_t map = (flags & CORDON_SMILES_NO_MAPS) ? 0 : (uint32_t)a->map;
    uint64_t h = (uint64_t)cordon__atom_hcount(a);
    if (iso > 1023)
        iso = 1023;
    if (map > 0x3FFFFF)
        map = 0x3FFFFF;
    if (h > 15)
        h = 15;
    return ((uint64_t)a->degree << 56) | ((uint64_t)a->elem << 48) |
           (iso << 38) | ((uint64_t)((a->charge + 64) & 127) << 31) |
           (h << 27) |
           ((uint64_t)((a->flags & CORDON_ATOM_AROMATIC) != 0) << 26) |
           ((uint64_t)((a->flags & CORDON_ATOM_IN_RING) != 0) << 25) |
           ((uint64_t)(a->radicals & 7) << 22) | map;
}

int cordon__canon_ranks(cordon__canon_work *w, const cordon_mol *mol,
                        unsigned flags, int *ranks)
{
    canon c;
    int n = mol->natoms, nd, i;
    size_t need;
    int32_t *p;
    if (n == 0)
        return CORDON_OK;
    assert(mol->perceived & CORDON_PERCEIVED_ADJ);
    nd = mol->nbr_start[n];
    need = (size_t)n * (8 + 2 * MAX_LEVELS) + 3 * (size_t)(n + nd) +
           (size_t)mol->nbonds + 16;
    if (cordon__grow(w->alloc, (void **)&w->buf, sizeof *w->buf, &w->cap,
                     need) != CORDON_OK ||
        cordon__grow(w->alloc, (void **)&w->keys, sizeof *w->keys, &w->cap_keys,
                     (size_t)n) != CORDON_OK)
        return CORDON_ENOMEM;
    memset(&c, 0, sizeof c);
    c.mol = mol;
    c.n = n;
    c.nd = nd;
    p = w->buf;
    c.cls = p, p += n;
    c.order = p, p += n;
    c.sv = p, p += n;
    c.tmp = p, p += n;
    c.best = p, p += n;
    c.tet = p, p += n;
    c.nkey = p, p += nd;
    c.cert = p, p += n + nd;
    c.bestcert = p, p += n + nd;
    c.dbl = p, p += mol->nbonds;
    c.save = p;
    memset(c.sv, 0, (size_t)n * sizeof *c.sv);
    for (i = 0; i < n; i++) {
        w->keys[i] = atom_key(&mol->atoms[i], flags);
        c.order[i] = i;
    }
    c.keys = w->keys;
    sort_atoms(&c, c.order, n, c.tmp, cmp_keys);
    c.cls[c.order[0]] = 0;
    for (i = 1; i < n; i++)
        c.cls[c.order[i]] = w->keys[c.order[i]] == w->keys[c.order[i - 1]]
                                ? c.cls[c.order[i - 1]]
                                : i;
    find_stereo(&c, flags);
    search(&c, 0);
    assert(c.have_best);
    for (i = 0; i < n; i++)
        ranks[i] = c.best[i];
    return CORDON_OK;
}

void cordon__canon_work_free(cordon__canon_work *w)
{
    if (!w)
        return;
    cordon__free(w->alloc, w->buf);
    cordon__free(w->alloc, w->keys);
    w->buf = NULL;
    w->keys = NULL;
    w->cap = w->cap_keys = 0;
}

cordon_status cordon_mol_canon_ranks(const cordon_mol *mol, unsigned flags,
                                     int *ranks, cordon_error *err)
{
    cordon__canon_work w;
    int rc;
    if (!(mol->perceived & CORDON_PERCEIVED_ADJ))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    memset(&w, 0, sizeof w);
    w.alloc = mol->alloc;
    rc = cordon__canon_ranks(&w, mol, flags, ranks);
    cordon__canon_work_free(&w);
    if (rc != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    return CORDON_OK;
}

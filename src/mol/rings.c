/*
 * rings.c -- ring perception: ring membership (bonds that are not bridges)
 * and the ring set RDKit's sanitisation uses, the symmetrized SSSR
 * (MolOps::symmetrizeSSSR): a smallest set of smallest rings plus the other
 * rings of the same sizes that could replace one of them (cubane has six
 * four-rings, bicyclo[2.2.2]octane three six-rings).
 *
 * Double bonds in rings of fewer than 8 atoms lose their E/Z as the rings
 * are recorded (RDKit ignores '/' '\\' there).
 *
 * Method, per ring system (atoms joined by ring bonds): one cycle is walked;
 * two independent cycles (fused or spiro bicycles, the common case) are read
 * off the three paths between the two branch atoms.  Up to six independent
 * cycles, the candidates are the simple cycles of the small multigraph of
 * branch atoms and the chains between them (sums of its fundamental
 * cycles).  Otherwise candidate cycles are generated from every atom with
 * three or more ring bonds: for each edge whose ends are at equal BFS
 * depth, or one deeper, every pair of disjoint shortest paths back to the
 * root closes a cycle (Horton 1987;
 * Vismara, Electron. J. Combin. 4 (1997) R9, for the even cycles and the
 * enumeration of equal paths).  Sorted by size, a GF(2) elimination on edge
 * sets picks a minimum cycle basis (the SSSR); a candidate independent of
 * all strictly smaller cycles is relevant, and is kept when it could replace
 * an SSSR ring of its size without losing a bond only that ring provides
 * (RDKit's rule).  Work is bounded (RING_WORK_MAX steps; CORDON_ELIMIT).
 *
 * Order: systems by their lowest atom; within one, rings as above, each
 * listed from its atom first reached by a breadth-first walk of the system
 * from that lowest atom (collect_system's local numbering), along its ring
 * bond first reached there (emit_ring, emit_cycle).  The bicycle and
 * small-system routes walk the molecule's own adjacency and keep this
 * order; only the general search builds a local adjacency.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "mol/perceive_int.h"

#define RING_WORK_MAX 1000000L
#define MAX_RINGS_PER_SYSTEM_FACTOR 4

typedef uint64_t word;

#define SMALL_SYSTEM_RINGS 6 /* 2^6 - 1 sums of the fundamental cycles */
#define SMALL_MAX_NODES (2 * SMALL_SYSTEM_RINGS)
#define SMALL_MAX_CHAINS (3 * SMALL_SYSTEM_RINGS)

/* small_system_rings: the chains between branch atoms (atoms then bonds
 * of chain k from its node cu[k] on: ca/cb[off[k] .. off[k] + len[k]),
 * the last atom node cv[k]'s), and each candidate's set of chains. */
typedef struct chain_set {
    int cu[SMALL_MAX_CHAINS], cv[SMALL_MAX_CHAINS];
    int off[SMALL_MAX_CHAINS], len[SMALL_MAX_CHAINS];
    int node_atom[SMALL_MAX_NODES]; /* global atom of each node */
    uint64_t inc[SMALL_MAX_NODES];  /* chains at each node */
    uint64_t cand_mask[1 << SMALL_SYSTEM_RINGS];
    uint8_t cand_coord[1 << SMALL_SYSTEM_RINGS]; /* fundamental cycles */
    const int32_t *ca, *cb;
} chain_set;

typedef struct ring_ctx {
    cordon_mol *mol;
    cordon_error *err;
    long work;
    /* per global atom / bond */
    int32_t *loc_of_atom; /* local index in the current system, or < 0 */
    uint8_t *ring_bond;   /* 0 a bridge; ring bond: 1, 2 once collected,
                           * 3 its chain walked (small_system_rings) */
    int32_t *rx; /* XOR of the atom's ring bonds: for an atom with two, the
                  * one it was not entered by is rx ^ that bond */
    /* current system */
    int na, nb, nw;
    int32_t *atoms;             /* local -> global atom */
    int32_t *edges;             /* local -> global bond */
    int32_t *ladj_start, *ladj; /* local adjacency: (nbr local, edge local) */
    int32_t *dist, *pred, *pred_edge, *queue, *mark;
    int32_t *e1, *e2;     /* emit_ring: the two cycle edges at each atom, -1 */
    int32_t *loc_of_bond; /* local edge index in the current system */
    int32_t *rdeg;        /* per local atom: -1, -2, <= -3 for 1, 2, 3+ ring
                           * bonds (loc_of_atom's code before collection) */
    /* candidates */
    word *cand;
    int32_t *cand_len;
    int ncand, cap_cand;
    int32_t *order;
    word *basis;
    int32_t *pivot;
    int32_t *ecount;         /* per local edge: SSSR rings containing it */
    int maxdepth;            /* BFS depth limit of candidates_from */
    const chain_set *chains; /* small_system_rings' candidates, or NULL */
    const uint8_t *coord; /* with chains: each candidate's fundamental cycles */
    int nbasis;
    word *tmp;
} ring_ctx;

/* cordon__mol_ring_room, without the call when there is room already. */
static inline int ring_room(cordon_mol *mol, int n, int32_t **ra, int32_t **rb)
{
    size_t base = (size_t)mol->ring_start[mol->nrings];
    if ((size_t)mol->nrings + 2 <= mol->cap_ring_start &&
        base + (size_t)n <= mol->cap_ring_items) {
        *ra = mol->ring_atoms + base;
        *rb = mol->ring_bonds + base;
        return CORDON_OK;
    }
    return cordon__mol_ring_room(mol, n, ra, rb);
}

static int budget(ring_ctx *c, long n)
{
    c->work += n;
    if (c->work > RING_WORK_MAX)
        return cordon__error(c->err, CORDON_ELIMIT, (size_t)-1,
                             "ring perception exceeded its work budget");
    return CORDON_OK;
}

/* A double bond in a ring of fewer than 8 atoms cannot be E/Z (RDKit
 * ignores '/' '\\' there): its CIS/TRANS and reference atoms are dropped as
 * the ring is annotated. */
static void drop_bond_stereo(cordon_bond *b)
{
    b->stereo = CORDON_BSTEREO_NONE;
    b->stereo_begin = b->stereo_end = -1;
}

/* Marks ring bond b, joining u and v, once (ring_bond, and the counts at
 * its atoms as find_ring_bonds keeps them). */
static inline void mark_ring_bond(ring_ctx *c, int b, int u, int v)
{
    if (c->ring_bond[b])
        return;
    c->ring_bond[b] = 1;
    c->loc_of_atom[u]--;
    c->loc_of_atom[v]--;
    c->rx[u] ^= b;
    c->rx[v] ^= b;
}

/* Bridges by an iterative DFS (Tarjan low-link); non-bridges are ring bonds.
 * Uses dist as discovery time and queue (with the space behind it) as the
 * stack of ancestor frames.  Each ring bond, as it is found, is marked in
 * ring_bond and counts at both its atoms (loc_of_atom down by one, rx); its
 * CORDON_BONDF_IN_RING flag is set when its system is walked (lone_ring,
 * collect_system). */
static void find_ring_bonds(ring_ctx *c)
{
    typedef struct frame {
        int32_t v, k, low, pb; /* atom, adjacency cursor, low-link, bond */
    } frame;
    const int32_t *ns = c->mol->nbr_start;
    const cordon_nbr *nbrs = c->mol->nbrs;
    int32_t *disc = c->dist;
    frame *stack = (frame *)(void *)c->queue;
    int n = c->mol->natoms, t = 0, i;
    /* the caller set disc[] to -1, ring_bond[], rx[] and loc_of_atom[] to 0 */
    for (i = 0; i < n && t < n; i++) {
        /* the current atom's DFS state lives in locals; the stack holds
         * its ancestors */
        int sp = 0, v = i, k, end, pb = -1, lv;
        if (disc[i] >= 0)
            continue;
        disc[i] = lv = t++;
        k = ns[i];
        end = ns[i + 1];
        for (;;) {
            if (k < end) {
                int w = nbrs[k].atom, b = nbrs[k].bond, dw;
                k++;
                if (b == pb)
                    continue;
                dw = disc[w];
                if (dw >= 0) {
                    /* a back edge closes a ring; counted once, when seen
                     * from its deeper atom */
                    mark_ring_bond(c, b, v, w);
                    if (dw < lv)
                        lv = dw;
                    continue;
                }
                dw = ns[w];
                if (ns[w + 1] - dw == 1) { /* a leaf: a bridge */
                    disc[w] = t++;
                    continue;
                }
                stack[sp].v = v;
                stack[sp].k = k;
                stack[sp].low = lv;
                stack[sp++].pb = pb;
                disc[w] = lv = t++;
                pb = b;
                v = w;
                k = dw;
                end = ns[w + 1];
                continue;
            }
            if (!sp)
                break;
            {
                const frame *f = &stack[--sp];
                int u = f->v, lu = f->low;
                if (lv <= disc[u]) /* not a bridge */
                    mark_ring_bond(c, pb, u, v);
                if (lv < lu)
                    lu = lv;
                v = u;
                lv = lu;
                k = f->k;
                end = ns[u + 1];
                pb = f->pb;
            }
        }
    }
}

/* Ring bonds without a search, for atoms numbered as a SMILES gives them:
 * there each atom's first neighbour (bond insertion order) is the atom it
 * was written after, of lower index, or it starts a component.  Those
 * bonds form a forest; every other bond closes the cycle through the
 * forest paths from its two atoms to their nearest common ancestor, and a
 * bond is in a ring iff it closes one or lies on one (a forest edge is a
 * bridge iff no fundamental cycle uses it).  As parents have lower
 * indices, stepping the higher of the two atoms up meets that ancestor.
 * Returns 0, leaving marks behind, when the forest does not span the
 * molecule (a closing bond joins two trees: other atom orders, MOL files)
 * or the paths grow long; find_ring_bonds then starts over. */
static int ring_bonds_forest(ring_ctx *c)
{
    const cordon_mol *mol = c->mol;
    const int32_t *ns = mol->nbr_start;
    const cordon_nbr *nbrs = mol->nbrs;
    const cordon_bond *bonds = mol->bonds;
    int n = mol->natoms, m = mol->nbonds, b;
    long steps = 4 * (long)(n + m); /* past this, search */
    memset(c->rx, 0, sizeof *c->rx * (size_t)n);
    memset(c->loc_of_atom, 0, sizeof *c->loc_of_atom * (size_t)n);
    for (b = 0; b < m; b++) {
        int u = bonds[b].begin, v = bonds[b].end, hi = u > v ? u : v;
        /* the higher atom's first bond, to its parent, is a forest edge */
        if (nbrs[ns[hi]].bond == b)
            continue;
        mark_ring_bond(c, b, u, v);
        while (u != v) {
            const cordon_nbr *up;
            if (u < v) {
                int t = u;
                u = v;
                v = t;
            }
            up = &nbrs[ns[u]]; /* u's parent, unless u is a root */
            if (up->atom > u || --steps < 0)
                return 0;
            mark_ring_bond(c, up->bond, u, up->atom);
            u = up->atom;
        }
    }
    return 1;
}

/* Appends the cycle given as a set of local edges to the molecule's rings,
 * in cyclic order. */
static int emit_ring(ring_ctx *c, const word *set, int len)
{
    cordon_mol *mol = c->mol;
    int32_t *ra, *rb, *n1 = c->e1, *n2 = c->e2;
    int e, k, start = -1, prev_e = -1, v, wi;
    if (ring_room(mol, len, &ra, &rb))
        return cordon__error(c->err, CORDON_ENOMEM, (size_t)-1,
                             "out of memory");
    for (wi = 0, e = 0; wi < c->nw; wi++) {
        word bits = set[wi];
        int a, b;
        if (!bits)
            continue;
    next_bit:
        e = wi * 64 + __builtin_ctzll(bits);
        bits &= bits - 1;
        a = c->loc_of_atom[mol->bonds[c->edges[e]].begin];
        b = c->loc_of_atom[mol->bonds[c->edges[e]].end];
        if (n1[a] < 0)
            n1[a] = e;
        else
            n2[a] = e;
        if (n1[b] < 0)
            n1[b] = e;
        else
            n2[b] = e;
        if (start < 0 || a < start)
            start = a;
        if (b < start)
            start = b;
        if (bits)
            goto next_bit;
    }
    v = start;
    for (k = 0; k < len; k++) {
        int e2 = n1[v] != prev_e ? n1[v] : n2[v];
        const cordon_bond *b = &mol->bonds[c->edges[e2]];
        int w = b->begin == c->atoms[v] ? b->end : b->begin;
        ra[k] = c->atoms[v];
        rb[k] = c->edges[e2];
        prev_e = e2;
        v = c->loc_of_atom[w];
    }
    for (k = 0; k < len; k++) { /* the ring's atoms are all that was set */
        int x = c->loc_of_atom[ra[k]];
        n1[x] = n2[x] = -1;
    }
    cordon__mol_ring_commit(mol, len);
    return CORDON_OK;
}

static int add_candidate(ring_ctx *c, const word *set, int len)
{
    if (c->ncand >= c->cap_cand) {
        size_t cap = (size_t)(c->cap_cand ? c->cap_cand * 2 : 64);
        size_t bytes = cap * (size_t)c->nw * sizeof(word);
        word *p = cordon__mol_work(c->mol, WORK_RING_C, bytes);
        int32_t *l;
        if (!p)
            return CORDON_ENOMEM;
        /* slot D holds lengths; slot C grew in place (realloc keeps data) */
        l = cordon__mol_work(c->mol, WORK_RING_D, cap * sizeof(int32_t) * 2);
        if (!l)
            return CORDON_ENOMEM;
        c->cand = p;
        c->cand_len = l;
        c->cap_cand = (int)cap;
    }
    memcpy(c->cand + (size_t)c->ncand * (size_t)c->nw, set,
           (size_t)c->nw * sizeof(word));
    c->cand_len[c->ncand++] = len;
    return budget(c, c->nw + 1);
}

#define PATH_CAP 8 /* shortest paths enumerated per endpoint */

typedef struct path_buf {
    int32_t *v, *e; /* PATH_CAP rows of stride entries */
    int n, stride;
} path_buf;

/* All shortest paths (up to PATH_CAP) from v back to the BFS root, along
 * predecessors (neighbours one step nearer); the first step may not go to
 * `skip`.  Row k: vertices v..root in pb->v, edges in pb->e. */
static void enum_paths(ring_ctx *c, int v, int skip, path_buf *pb,
                       int32_t *iter, int32_t *sv, int32_t *se)
{
    int d = c->dist[v], t = 0;
    pb->n = 0;
    sv[0] = v;
    iter[0] = c->ladj_start[v];
    while (t >= 0) {
        int u = sv[t], found = 0;
        if (t == d) {
            int k;
            for (k = 0; k <= d; k++)
                pb->v[pb->n * pb->stride + k] = sv[k];
            for (k = 0; k < d; k++)
                pb->e[pb->n * pb->stride + k] = se[k];
            if (++pb->n == PATH_CAP)
                return;
            t--;
            continue;
        }
        while (iter[t] < c->ladj_start[u + 1]) {
            int k = iter[t]++, w = c->ladj[2 * k];
            if (c->dist[w] != c->dist[u] - 1 || (t == 0 && w == skip))
                continue;
            se[t] = c->ladj[2 * k + 1];
            sv[t + 1] = w;
            iter[t + 1] = c->ladj_start[w];
            found = 1;
            break;
        }
        if (found)
            t++;
        else
            t--;
    }
}

/* Candidates closing through local edge e = (x, y): every pair of
 * vertex-disjoint shortest paths root->x, root->y (y's not through x). */
static int pair_candidates(ring_ctx *c, int x, int y, int e, int *stamp,
                           path_buf *px, path_buf *py, int32_t *scratch)
{
    int a, b, k, rc, dx = c->dist[x], dy = c->dist[y];
    word *set = c->tmp;
    enum_paths(c, x, -1, px, scratch, scratch + px->stride,
               scratch + 2 * px->stride);
    enum_paths(c, y, x, py, scratch, scratch + px->stride,
               scratch + 2 * px->stride);
    for (a = 0; a < px->n; a++) {
        const int32_t *va = px->v + a * px->stride;
        ++*stamp;
        for (k = 0; k < dx; k++) /* all but the root */
            c->mark[va[k]] = *stamp;
        for (b = 0; b < py->n; b++) {
            const int32_t *vb = py->v + b * py->stride;
            const int32_t *ea = px->e + a * px->stride;
            const int32_t *eb = py->e + b * py->stride;
            for (k = 0; k < dy; k++)
                if (c->mark[vb[k]] == *stamp)
                    break;
            if (k < dy)
                continue;
            memset(set, 0, (size_t)c->nw * sizeof(word));
            for (k = 0; k < dx; k++)
                set[ea[k] >> 6] |= (word)1 << (ea[k] & 63);
            for (k = 0; k < dy; k++)
                set[eb[k] >> 6] |= (word)1 << (eb[k] & 63);
            set[e >> 6] |= (word)1 << (e & 63);
            if ((rc = add_candidate(c, set, dx + dy + 1)) != CORDON_OK)
                return rc;
        }
    }
    return CORDON_OK;
}

/* Candidate cycles through root r: for every edge (x, y) with x, y at equal
 * BFS depth (odd cycles) or y one deeper than x (even cycles), all
 * combinations of disjoint shortest paths.  A relevant cycle is isometric,
 * so it splits at any of its atoms into two shortest paths and an edge:
 * rooted at each of its atoms with three or more ring bonds, every relevant
 * cycle is produced (up to PATH_CAP paths per endpoint). */
static int candidates_from(ring_ctx *c, int r, int *stamp, path_buf *px,
                           path_buf *py, int32_t *scratch)
{
    int head = 0, tail = 0, k, rc;
    for (k = 0; k < c->na; k++)
        c->dist[k] = -1;
    c->dist[r] = 0;
    c->queue[tail++] = r;
    while (head < tail) {
        int v = c->queue[head++];
        for (k = c->ladj_start[v]; k < c->ladj_start[v + 1]; k++) {
            int w = c->ladj[2 * k];
            if (c->dist[w] < 0 && c->dist[v] < c->maxdepth) {
                c->dist[w] = c->dist[v] + 1;
                c->queue[tail++] = w;
            }
        }
    }
    if ((rc = budget(c, c->na + 2 * c->nb)) != CORDON_OK)
        return rc;
    for (head = 0; head < tail; head++) {
        int y = c->queue[head];
        for (k = c->ladj_start[y]; k < c->ladj_start[y + 1]; k++) {
            int x = c->ladj[2 * k], e = c->ladj[2 * k + 1];
            if (c->dist[x] < 0)
                continue; /* beyond the depth limit */
            if ((c->dist[x] == c->dist[y] && x < y) ||
                c->dist[x] == c->dist[y] - 1) {
                int nprev = 0, j;
                if (c->dist[x] == c->dist[y] - 1) {
                    /* even: y needs a second way down besides x */
                    for (j = c->ladj_start[y]; j < c->ladj_start[y + 1]; j++)
                        if (c->dist[c->ladj[2 * j]] == c->dist[y] - 1)
                            nprev++;
                    if (nprev < 2)
                        continue;
                }
                if ((rc = pair_candidates(c, x, y, e, stamp, px, py,
                                          scratch)) != CORDON_OK)
                    return rc;
                if ((rc = budget(c, 4 * (c->dist[y] + 1))) != CORDON_OK)
                    return rc;
            }
        }
    }
    return CORDON_OK;
}

static int cmp_cand(const void *pa, const void *pb, void *ctx)
{
    const ring_ctx *c = ctx;
    int a = *(const int32_t *)pa, b = *(const int32_t *)pb, i;
    const word *x, *y;
    if (c->cand_len[a] != c->cand_len[b])
        return c->cand_len[a] - c->cand_len[b];
    x = c->cand + (size_t)a * (size_t)c->nw;
    y = c->cand + (size_t)b * (size_t)c->nw;
    for (i = 0; i < c->nw; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return a - b;
}

/* Insertion sort is enough for the usual handful of candidates; larger sets
 * use a merge sort (no qsort_r in C11). */
static void sort_order(ring_ctx *c, int32_t *ord, int32_t *tmp, int n)
{
    int i, j, w;
    if (n < 32) {
        for (i = 1; i < n; i++) {
            int32_t x = ord[i];
            for (j = i; j > 0 && cmp_cand(&ord[j - 1], &x, c) > 0; j--)
                ord[j] = ord[j - 1];
            ord[j] = x;
        }
        return;
    }
    for (w = 1; w < n; w *= 2) {
        for (i = 0; i < n; i += 2 * w) {
            int m = i + w < n ? i + w : n, e = i + 2 * w < n ? i + 2 * w : n;
            int a = i, b = m, k = i;
            while (a < m && b < e)
                tmp[k++] =
                    cmp_cand(&ord[a], &ord[b], c) <= 0 ? ord[a++] : ord[b++];
            while (a < m)
                tmp[k++] = ord[a++];
            while (b < e)
                tmp[k++] = ord[b++];
        }
        memcpy(ord, tmp, sizeof *ord * (size_t)n);
    }
}

/* Reduces v by the first nrows basis rows; returns 1 if non-zero. */
static int reduce(ring_ctx *c, word *v, int nrows)
{
    int i, k;
    for (i = 0; i < nrows; i++) {
        int p = c->pivot[i];
        if (v[p >> 6] >> (p & 63) & 1) {
            const word *row = c->basis + (size_t)i * (size_t)c->nw;
            for (k = 0; k < c->nw; k++)
                v[k] ^= row[k];
        }
    }
    for (k = 0; k < c->nw; k++)
        if (v[k])
            return 1;
    return 0;
}

static int lowest_bit(const word *v, int nw)
{
    int k;
    for (k = 0; k < nw; k++)
        if (v[k]) {
            word x = v[k];
            int b = 0;
            while (!(x & 1)) {
                x >>= 1;
                b++;
            }
            return k * 64 + b;
        }
    return -1;
}

/* The set {y ^ x : y in s} of values 0..63 held as bits of s. */
static uint64_t xor_shift_set(uint64_t s, int x)
{
    static const uint64_t lo[6] = {0x5555555555555555u, 0x3333333333333333u,
                                   0x0f0f0f0f0f0f0f0fu, 0x00ff00ff00ff00ffu,
                                   0x0000ffff0000ffffu, 0x00000000ffffffffu};
    int b;
    for (b = 0; b < 6; b++)
        if (x >> b & 1)
            s = (s & lo[b]) << (1 << b) | (s >> (1 << b) & lo[b]);
    return s;
}

/* Sorts the candidates by size (then edge set) and runs the GF(2)
 * elimination: c->nbasis SSSR rows; c->order[0..*nrel) lists the relevant
 * cycles in that order, 2 * ci + 1 for an SSSR member, 2 * ci otherwise.
 * With c->coord (at most six fundamental cycles) the spans are kept as
 * sets of coordinate vectors, 64 bits, instead of reduced edge sets. */
static int select_relevant(ring_ctx *c, int nring, int *nrel_out)
{
    int rc, i, group_start = 0, group_len = -1, nrel = 0, prev = -1;
    uint64_t span = 1, span_short = 1; /* {0}: all rows; rows of smaller */
    size_t wbytes = (size_t)c->nw * sizeof(word);
    /* order + merge-sort scratch live behind the lengths in slot D */
    /* no candidates at all leaves cand_len NULL: no offset on NULL */
    c->order = c->cand_len ? c->cand_len + c->cap_cand : NULL;
    {
        int32_t *tmp = cordon__mol_work(
            c->mol, WORK_RING_A,
            sizeof(int32_t) * (size_t)c->ncand + wbytes * ((size_t)nring + 2) +
                sizeof(int32_t) * ((size_t)nring + (size_t)c->nb + 2));
        if (!tmp)
            return CORDON_ENOMEM;
        for (i = 0; i < c->ncand; i++)
            c->order[i] = i;
        sort_order(c, c->order, tmp, c->ncand);
        c->basis = (word *)(void *)(tmp + c->ncand + (c->ncand & 1));
        c->pivot = (int32_t *)(void *)(c->basis + (size_t)nring * c->nw + 1);
        c->ecount = c->pivot + nring + 1;
        /* the vector being reduced: c->tmp (slot B) */
    }
    c->nbasis = 0;
    for (i = 0; i < c->ncand; i++) {
        int ci = c->order[i], len = c->cand_len[ci], indep_short;
        const word *cv = c->cand + (size_t)ci * (size_t)c->nw;
        if (prev >= 0) { /* drop duplicates */
            const word *pv = c->cand + (size_t)prev * (size_t)c->nw;
            if (c->cand_len[prev] == len && !memcmp(pv, cv, wbytes))
                continue;
        }
        prev = ci;
        if (len != group_len) {
            group_len = len;
            group_start = c->nbasis;
            span_short = span;
            if (c->nbasis == nring)
                break; /* basis complete: no larger ring is relevant */
        }
        if (c->coord) {
            int x = c->coord[ci];
            if (span_short >> x & 1)
                continue; /* a sum of smaller cycles */
            if (!(span >> x & 1) && c->nbasis < nring) {
                span |= xor_shift_set(span, x);
                c->nbasis++;
                c->order[nrel++] = 2 * ci + 1;
            } else {
                c->order[nrel++] = 2 * ci;
            }
            continue;
        }
        memcpy(c->tmp, cv, wbytes);
        indep_short = reduce(c, c->tmp, group_start);
        if (!indep_short)
            continue;
        /* relevant: independent of all smaller cycles; in the SSSR if also
         * independent of the same-sized ones kept so far.  order[] is
         * reused for the list (nrel <= i). */
        if (reduce(c, c->tmp, c->nbasis) && c->nbasis < nring) {
            memcpy(c->basis + (size_t)c->nbasis * c->nw, c->tmp, wbytes);
            c->pivot[c->nbasis++] = lowest_bit(c->tmp, c->nw);
            c->order[nrel++] = 2 * ci + 1;
        } else {
            c->order[nrel++] = 2 * ci;
        }
        if ((rc = budget(c, (long)c->nbasis * c->nw)) != CORDON_OK)
            return rc;
    }
    *nrel_out = nrel;
    return CORDON_OK;
}

/* Emits the cycle A[0..L) (bond B[k] joins A[k] and A[k+1], cyclically) as
 * emit_ring would from its edge set: from its atom of lowest local index,
 * first along that atom's ring bond of lower local index. */
static int emit_cycle(ring_ctx *c, const int32_t *A, const int32_t *B, int L)
{
    int32_t *ra, *rb;
    int p = 0, k, q;
    if (ring_room(c->mol, L, &ra, &rb))
        return cordon__error(c->err, CORDON_ENOMEM, (size_t)-1,
                             "out of memory");
    for (k = 1; k < L; k++)
        if (c->loc_of_atom[A[k]] < c->loc_of_atom[A[p]])
            p = k;
    q = p ? p - 1 : L - 1; /* the bond before A[p] */
    if (c->loc_of_bond[B[p]] < c->loc_of_bond[B[q]]) {
        for (k = 0; k < L; k++, p = p + 1 < L ? p + 1 : 0) {
            ra[k] = A[p];
            rb[k] = B[p];
        }
    } else {
        for (k = 0; k < L; k++) {
            ra[k] = A[p];
            rb[k] = B[q];
            p = q;
            q = q ? q - 1 : L - 1;
        }
    }
    cordon__mol_ring_commit(c->mol, L);
    return CORDON_OK;
}

/* Emits the candidate made of the chains in mask (small_system_rings),
 * walked from its lowest chain, through emit_cycle. */
static int emit_chains(ring_ctx *c, uint64_t mask)
{
    const chain_set *cs = c->chains;
    int32_t *A = c->pred, *B = c->pred_edge;
    int k = __builtin_ctzll(mask), x = cs->cu[k], n = 0, j;
    uint64_t seen = 0, m;
    for (;;) {
        const int32_t *ca = cs->ca + cs->off[k], *cb = cs->cb + cs->off[k];
        int len = cs->len[k], fwd = cs->cu[k] == x;
        A[n] = cs->node_atom[x];
        if (fwd) {
            for (j = 0; j < len - 1; j++)
                A[n + 1 + j] = ca[j];
            for (j = 0; j < len; j++)
                B[n + j] = cb[j];
        } else {
            for (j = 0; j < len - 1; j++)
                A[n + 1 + j] = ca[len - 2 - j];
            for (j = 0; j < len; j++)
                B[n + j] = cb[len - 1 - j];
        }
        n += len;
        seen |= (uint64_t)1 << k;
        x = fwd ? cs->cv[k] : cs->cu[k];
        if (!(m = cs->inc[x] & mask & ~seen))
            break;
        k = __builtin_ctzll(m);
    }
    return emit_cycle(c, A, B, n);
}

/* RDKit's symmetrization: a relevant ring outside the SSSR is kept when it
 * could replace an SSSR ring of its size without losing a bond that only
 * that SSSR ring provides (MolOps::symmetrizeSSSR).  Emits the kept rings
 * in the order of select_relevant. */
static int emit_relevant(ring_ctx *c, int nring, int nrel)
{
    int max_rings = MAX_RINGS_PER_SYSTEM_FACTOR * nring + 16, emitted = 0;
    int i, k, rc, extra = 0;
    for (i = 0; i < nrel; i++)
        extra |= !(c->order[i] & 1);
    /* bond counts over the SSSR, needed only to judge the extra rings */
    if (extra) {
        for (k = 0; k < c->nb; k++)
            c->ecount[k] = 0;
        for (i = 0; i < nrel; i++) {
            const word *cv;
            if (!(c->order[i] & 1))
                continue;
            cv = c->cand + (size_t)(c->order[i] >> 1) * (size_t)c->nw;
            for (k = 0; k < c->nb; k++)
                if (cv[k >> 6] >> (k & 63) & 1)
                    c->ecount[k]++;
        }
    }
    for (i = 0; i < nrel && emitted < max_rings; i++) {
        int ci = c->order[i] >> 1, len = c->cand_len[ci], keep = 1, j;
        const word *cv = c->cand + (size_t)ci * (size_t)c->nw;
        if (!(c->order[i] & 1)) {
            keep = 0;
            for (j = 0; j < nrel && !keep; j++) {
                int sj = c->order[j] >> 1;
                const word *sv;
                if (!(c->order[j] & 1) || c->cand_len[sj] != len)
                    continue;
                sv = c->cand + (size_t)sj * (size_t)c->nw;
                keep = 1;
                for (k = 0; k < c->nb; k++)
                    if ((sv[k >> 6] >> (k & 63) & 1) && c->ecount[k] == 1 &&
                        !(cv[k >> 6] >> (k & 63) & 1))
                        keep = 0;
            }
        }
        if (!keep)
            continue;
        rc = c->chains ? emit_chains(c, c->chains->cand_mask[ci])
                       : emit_ring(c, cv, len);
        if (rc != CORDON_OK)
            return rc;
        emitted++;
    }
    return CORDON_OK;
}

/* Walks from branch atom u (global) along ring bond b through atoms with
 * two ring bonds to the next branch atom (*end, local index), setting the
 * local edges in set and the atoms after u and the bonds in ca / cb;
 * returns the number of bonds and the last one's local index in *last. */
static int walk_chain(const ring_ctx *c, int u, int b, word *set, int32_t *ca,
                      int32_t *cb, int *end, int *last)
{
    const cordon_mol *mol = c->mol;
    int v = u, len = 0;
    for (;;) {
        const cordon_bond *bd = &mol->bonds[b];
        int w = bd->begin ^ bd->end ^ v, e = c->loc_of_bond[b];
        set[e >> 6] |= (word)1 << (e & 63);
        ca[len] = w;
        cb[len++] = b;
        if (c->rdeg[c->loc_of_atom[w]] != -2) {
            *end = c->loc_of_atom[w];
            *last = e;
            return len;
        }
        v = w;
        b = c->rx[w] ^ b;
    }
}

/* Systems of up to SMALL_SYSTEM_RINGS independent cycles.  The branch atoms
 * (three or more ring bonds) and the chains of two-connected atoms between
 * them form a small multigraph; every sum of its fundamental cycles that is
 * a single simple cycle is a candidate.  These are all the simple cycles,
 * so they include every relevant cycle, and select_relevant and
 * emit_relevant give the rings system_rings gives from its Horton/Vismara
 * candidates, with much less work.  Returns 1 if handled (*rc set), 0 to
 * leave the system to system_rings. */
static int small_system_rings(ring_ctx *c, int nring, int *rc)
{
    const cordon_mol *mol = c->mol;
    chain_set cs;
    int node[SMALL_MAX_NODES], *cu = cs.cu, *cv = cs.cv, *clen = cs.len;
    int queue[SMALL_MAX_NODES], nn = 0, nc = 0, used = 0;
    uint64_t *inc = cs.inc, pm[SMALL_MAX_NODES], fund[SMALL_SYSTEM_RINGS];
    uint64_t tree = 0, loops = 0, mask = 0;
    int i, k, nf = 0, head, tail, nrel = 0, nw = c->nw;
    /* the sums of fundamental cycles that may be one cycle */
    uint64_t smask[1 << SMALL_SYSTEM_RINGS];
    int slen[1 << SMALL_SYSTEM_RINGS], nsum = 0, rank = 0, size = 0;
    uint8_t scoord[1 << SMALL_SYSTEM_RINGS], gf[SMALL_SYSTEM_RINGS] = {0};
    int32_t *ca = c->ladj, *cb = c->ladj + 2 * (size_t)mol->nbonds + 2;
    word *cset;
    int32_t *node_of = c->dist;
    if (nring > SMALL_SYSTEM_RINGS)
        return 0;
    for (i = 0; i < c->na; i++) {
        node_of[i] = -1;
        if (c->rdeg[i] <= -3) { /* three or more ring bonds */
            if (nn == SMALL_MAX_NODES)
                return 0;
            node_of[i] = nn;
            node[nn] = i;
            cs.node_atom[nn] = c->atoms[i];
            inc[nn++] = 0;
        }
    }
    cset = cordon__mol_work(c->mol, WORK_RING_A,
                            sizeof(word) * (size_t)nw * SMALL_MAX_CHAINS);
    if (!cset) {
        *rc = CORDON_ENOMEM;
        return 1;
    }
    /* chains, each once: from its lower end (a loop from its lower edge);
     * a node's ring bonds in local edge order */
    for (i = 0; i < nn; i++) {
        int u = c->atoms[node[i]], first[SMALL_MAX_CHAINS], nfirst = 0, f, j;
        for (k = mol->nbr_start[u]; k < mol->nbr_start[u + 1]; k++) {
            int b = mol->nbrs[k].bond;
            if (!c->ring_bond[b])
                continue;
            if (nfirst == SMALL_MAX_CHAINS)
                return 0;
            for (j = nfirst;
                 j > 0 && c->loc_of_bond[first[j - 1]] > c->loc_of_bond[b]; j--)
                first[j] = first[j - 1];
            first[j] = b;
            nfirst++;
        }
        for (f = 0; f < nfirst; f++) {
            int e = c->loc_of_bond[first[f]], end, last, len;
            word *set;
            if (nc == SMALL_MAX_CHAINS)
                return 0;
            if (c->ring_bond[first[f]] == 3)
                continue; /* taken from its other end */
            set = cset + (size_t)nc * (size_t)nw;
            memset(set, 0, sizeof(word) * (size_t)nw);
            len = walk_chain(c, u, first[f], set, ca + used, cb + used, &end,
                             &last);
            j = node_of[end];
            /* walked from its lower end: from a lower node, or a loop
             * from its lower edge, it was marked there and skipped above */
            assert(j > i || (j == i && last > e));
            cu[nc] = i;
            cv[nc] = j;
            clen[nc] = len;
            cs.off[nc] = used;
            used += len;
            c->ring_bond[cb[used - 1]] = 3; /* its last bond */
            inc[i] |= (uint64_t)1 << nc;
            inc[j] |= (uint64_t)1 << nc;
            if (i == j)
                loops |= (uint64_t)1 << nc;
            nc++;
        }
    }
    /* fundamental cycles of a BFS spanning tree over the branch atoms */
    for (i = 0; i < nn; i++)
        pm[i] = ~(uint64_t)0; /* not reached */
    pm[0] = 0;
    queue[0] = 0;
    for (head = 0, tail = 1; head < tail; head++) {
        int x = queue[head];
        uint64_t m = inc[x];
        while (m) {
            int ch = __builtin_ctzll(m), y = cu[ch] == x ? cv[ch] : cu[ch];
            m &= m - 1;
            if (pm[y] != ~(uint64_t)0)
                continue;
            pm[y] = pm[x] | (uint64_t)1 << ch;
            tree |= (uint64_t)1 << ch;
            queue[tail++] = y;
        }
    }
    if (tail != nn)
        return 0;
    for (k = 0; k < nc; k++)
        if (!(tree >> k & 1)) {
            if (nf == SMALL_SYSTEM_RINGS)
                return 0;
            fund[nf++] = (uint64_t)1 << k ^ pm[cu[k]] ^ pm[cv[k]];
        }
    if (nf != nring)
        return 0;
    /* every non-empty sum (Gray-code order) with its length; a loop with
     * anything else is never one cycle */
    for (i = 1; i < 1 << nf; i++) {
        uint64_t m;
        int len = 0;
        mask ^= fund[__builtin_ctz((unsigned)i)];
        if ((mask & loops) && (mask & (mask - 1)))
            continue;
        for (m = mask; m; m &= m - 1)
            len += clen[__builtin_ctzll(m)];
        smask[nsum] = mask;
        scoord[nsum] = (uint8_t)(i ^ i >> 1); /* its fundamental cycles */
        slen[nsum++] = len;
    }
    /* The candidates, size by size, until the simple cycles seen span the
     * cycle space (rank nf, in coordinates over the fundamental cycles):
     * select_relevant stops at that size, so the larger ones are never
     * looked at and need not be tested or built. */
    c->ncand = 0;
    c->cap_cand = 0;
    while (rank < nf) {
        int cur = 1 << 30, s;
        for (s = 0; s < nsum; s++)
            if (slen[s] > size && slen[s] < cur)
                cur = slen[s];
        if (cur == 1 << 30)
            break;
        size = cur;
        for (s = 0; s < nsum; s++) {
            uint64_t seen, m;
            int x, simple = 1, y, b;
            if (slen[s] != size)
                continue;
            mask = smask[s];
            if (!(mask & loops)) {
                for (x = 0; x < nn && simple; x++) {
                    /* 0 or 2 chains of the sum at each branch atom */
                    uint64_t at = inc[x] & mask, rest = at & (at - 1);
                    simple = !at || (rest && !(rest & (rest - 1)));
                }
                if (!simple)
                    continue;
                /* one cycle, not several: walk it from its lowest chain */
                k = __builtin_ctzll(mask);
                seen = (uint64_t)1 << k;
                x = cv[k];
                while ((m = inc[x] & mask & ~seen)) {
                    k = __builtin_ctzll(m);
                    seen |= (uint64_t)1 << k;
                    x = cu[k] == x ? cv[k] : cu[k];
                }
                if (seen != mask)
                    continue;
            }
            memset(c->tmp, 0, sizeof(word) * (size_t)nw);
            for (m = mask; m; m &= m - 1) {
                const word *chain;
                k = __builtin_ctzll(m);
                chain = cset + (size_t)k * (size_t)nw;
                for (x = 0; x < nw; x++)
                    c->tmp[x] |= chain[x];
            }
            if ((*rc = add_candidate(c, c->tmp, size)) != CORDON_OK)
                return 1;
            cs.cand_mask[c->ncand - 1] = mask;
            cs.cand_coord[c->ncand - 1] = scoord[s];
            /* rank: reduce the coordinates by the rows so far */
            for (y = scoord[s], b = nf - 1; b >= 0; b--) {
                if (!(y >> b & 1))
                    continue;
                if (!gf[b]) {
                    gf[b] = (uint8_t)y;
                    rank++;
                    break;
                }
                y ^= gf[b];
            }
        }
    }
    c->coord = cs.cand_coord;
    *rc = select_relevant(c, nring, &nrel);
    c->coord = NULL;
    if (*rc != CORDON_OK)
        return 1;
    if (c->nbasis != nring)
        return 0; /* cannot happen: the simple cycles span the space */
    cs.ca = ca;
    cs.cb = cb;
    c->chains = &cs;
    *rc = emit_relevant(c, nring, nrel);
    c->chains = NULL;
    return 1;
}

/* Rings of one system with cyclomatic number nring >= 2. */
static int system_rings(ring_ctx *c, int nring)
{
    int r, rc, stamp = 0, i, nrel = 0;
    int phase;
    /* Phase 0 roots BFS at depth 4: every relevant cycle of up to 9 atoms
     * is generated, and if those complete the basis no longer cycle can be
     * relevant.  Otherwise phase 1 repeats without the limit. */
    for (phase = 0; phase < 2; phase++) {
        c->maxdepth = phase == 0 ? 4 : 1 << 30;
        c->ncand = 0;
        c->cap_cand = 0;
        for (i = 0; i < c->na; i++)
            c->mark[i] = 0;
        {
            /* path buffers in slot A until the elimination needs it */
            size_t stride = (size_t)c->na + 1;
            int32_t *pbuf =
                cordon__mol_work(c->mol, WORK_RING_A,
                                 sizeof(int32_t) * stride * (4 * PATH_CAP + 3));
            path_buf px, py;
            if (!pbuf)
                return CORDON_ENOMEM;
            px.stride = py.stride = (int)stride;
            px.v = pbuf;
            px.e = px.v + PATH_CAP * stride;
            py.v = px.e + PATH_CAP * stride;
            py.e = py.v + PATH_CAP * stride;
            for (r = 0; r < c->na; r++)
                if (c->ladj_start[r + 1] - c->ladj_start[r] >= 3 &&
                    (rc = candidates_from(c, r, &stamp, &px, &py,
                                          py.e + PATH_CAP * stride)) !=
                        CORDON_OK)
                    return rc;
        }
        if ((rc = select_relevant(c, nring, &nrel)) != CORDON_OK)
            return rc;
        if (c->nbasis == nring)
            break;
    }
    return emit_relevant(c, nring, nrel);
}

/* Collects the ring system containing atom `seed` into the local arrays
 * (breadth-first from seed, neighbours in order: this fixes the local
 * atom and edge numbering the ring order depends on). */
static void collect_system(ring_ctx *c, int seed)
{
    const int32_t *ns = c->mol->nbr_start;
    const cordon_nbr *nbrs = c->mol->nbrs;
    int32_t *atoms = c->atoms, *rdeg = c->rdeg, *loc = c->loc_of_atom;
    int32_t *edges = c->edges, *loc_of_bond = c->loc_of_bond;
    uint8_t *ring_bond = c->ring_bond;
    cordon_bond *bonds = c->mol->bonds;
    int head = 0, k, na = 0, nb = 0;
    atoms[na] = seed;
    rdeg[na] = loc[seed];
    loc[seed] = na++;
    while (head < na) {
        int v = atoms[head++];
        for (k = ns[v]; k < ns[v + 1]; k++) {
            int w = nbrs[k].atom, b = nbrs[k].bond, rb = ring_bond[b];
            if (!rb)
                continue;
            if (loc[w] < 0) {
                atoms[na] = w;
                rdeg[na] = loc[w];
                loc[w] = na++;
            }
            if (rb == 1) {
                ring_bond[b] = 2; /* collected */
                bonds[b].flags |= CORDON_BONDF_IN_RING;
                loc_of_bond[b] = nb;
                edges[nb++] = b;
            }
        }
    }
    c->na = na;
    c->nb = nb;
    c->nw = (nb + 63) / 64;
}

/* Local adjacency of the collected system in CSR: (neighbour, edge). */
static void build_local_adjacency(ring_ctx *c)
{
    cordon_mol *mol = c->mol;
    int i;
    for (i = 0; i <= c->na; i++)
        c->ladj_start[i] = 0;
    for (i = 0; i < c->nb; i++) {
        const cordon_bond *b = &mol->bonds[c->edges[i]];
        c->ladj_start[c->loc_of_atom[b->begin] + 1]++;
        c->ladj_start[c->loc_of_atom[b->end] + 1]++;
    }
    for (i = 0; i < c->na; i++)
        c->ladj_start[i + 1] += c->ladj_start[i];
    for (i = 0; i < c->na; i++)
        c->mark[i] = c->ladj_start[i];
    for (i = 0; i < c->nb; i++) {
        const cordon_bond *b = &mol->bonds[c->edges[i]];
        int x = c->loc_of_atom[b->begin], y = c->loc_of_atom[b->end];
        c->ladj[2 * c->mark[x]] = y;
        c->ladj[2 * c->mark[x]++ + 1] = i;
        c->ladj[2 * c->mark[y]] = x;
        c->ladj[2 * c->mark[y]++ + 1] = i;
    }
}

/* Systems with two independent cycles, without the general machinery: a
 * theta (two branch atoms joined by three paths p0 <= p1 <= p2; rings
 * p0+p1 and p0+p2, and p1+p2 when it is relevant, i.e. p0 == p1) or two
 * rings sharing one spiro atom.  The branch atom of lowest local index, its
 * chains in local edge order, rings emitted by emit_cycle: the rings and
 * order small_system_rings would give.  Returns 1 if handled. */
static int two_cycle_direct(ring_ctx *c, int *rc)
{
    const cordon_mol *mol = c->mol;
    int32_t *pa = c->ladj, *pb = c->ladj + c->nb + 1; /* chain atoms, bonds */
    int32_t *A = c->dist, *B = c->pred_edge;
    int off[4], len[4], first[4], np = 0, branch = -1, u, k, i, j;
    for (i = 0; i < c->na; i++)
        if (c->rdeg[i] <= -3) {
            branch = i;
            break;
        }
    if (branch < 0)
        return 0;
    u = c->atoms[branch];
    /* the branch atom's ring bonds in local edge order */
    for (k = mol->nbr_start[u]; k < mol->nbr_start[u + 1]; k++) {
        int b = mol->nbrs[k].bond;
        if (!c->ring_bond[b])
            continue;
        if (np == 4)
            return 0;
        for (j = np; j > 0 && c->loc_of_bond[first[j - 1]] > c->loc_of_bond[b];
             j--)
            first[j] = first[j - 1];
        first[j] = b;
        np++;
    }
    /* walk each chain; a spiro loop comes back along a bond already seen */
    {
        int n = 0, used = 0;
        for (i = 0; i < np; i++) {
            int b = first[i], v = u, l = 0, dup = 0;
            for (j = 0; j < n && !dup; j++)
                dup = pb[off[j] + len[j] - 1] == b;
            if (dup)
                continue;
            off[n] = used;
            for (;;) {
                const cordon_bond *bd = &mol->bonds[b];
                int w = bd->begin ^ bd->end ^ v;
                pa[used + l] = w;
                pb[used + l++] = b;
                if (c->rdeg[c->loc_of_atom[w]] != -2)
                    break;
                v = w;
                b = c->rx[w] ^ b;
            }
            len[n++] = l;
            used += l;
        }
        np = n;
    }
    if (np == 2) { /* spiro: two loops through the branch atom */
        for (i = 0; i < 2 && *rc == CORDON_OK; i++) {
            A[0] = u;
            memcpy(A + 1, pa + off[i], sizeof *A * (size_t)(len[i] - 1));
            memcpy(B, pb + off[i], sizeof *B * (size_t)len[i]);
            *rc = emit_cycle(c, A, B, len[i]);
        }
        return 1;
    }
    if (np != 3)
        return 0;
    {
        /* the three paths by length (stable); rings p0+p1, p0+p2, and
         * p1+p2 when p0 and p1 are as long */
        int ord[3] = {0, 1, 2}, a, t;
        for (a = 0; a < 3; a++)
            for (j = a + 1; j < 3; j++)
                if (len[ord[j]] < len[ord[a]])
                    t = ord[a], ord[a] = ord[j], ord[j] = t;
        for (i = 0; i < 3 && *rc == CORDON_OK; i++) {
            int x = ord[i == 2 ? 1 : 0], y = ord[i == 0 ? 1 : 2], L;
            if (i == 2 && len[ord[0]] != len[ord[1]])
                break;
            /* u, x's atoms to the other branch atom, y's back */
            A[0] = u;
            memcpy(A + 1, pa + off[x], sizeof *A * (size_t)len[x]);
            memcpy(B, pb + off[x], sizeof *B * (size_t)len[x]);
            L = len[x];
            for (k = len[y] - 1; k >= 0; k--) {
                if (k)
                    A[L + 1] = pa[off[y] + k - 1];
                B[L++] = pb[off[y] + k];
            }
            *rc = emit_cycle(c, A, B, len[x] + len[y]);
        }
    }
    return 1;
}

/* A system that is a single cycle: walk it along the ring bonds, starting
 * at its lowest-numbered atom (as emit_ring does). */
static int simple_ring(ring_ctx *c)
{
    cordon_mol *mol = c->mol;
    int32_t *ra = c->queue, *rb = c->queue + c->na;
    int v, k, n, prev_b = -1, start = c->atoms[0];
    for (k = 1; k < c->na; k++)
        if (c->atoms[k] < start)
            start = c->atoms[k];
    v = start;
    for (n = 0; n < c->na; n++) {
        int nb = -1, nx = -1;
        for (k = mol->nbr_start[v]; k < mol->nbr_start[v + 1]; k++) {
            int b = mol->nbrs[k].bond;
            if (c->ring_bond[b] && b != prev_b) {
                nb = b;
                nx = mol->nbrs[k].atom;
                break;
            }
        }
        assert(nb >= 0);
        ra[n] = v;
        rb[n] = nb;
        prev_b = nb;
        v = nx;
    }
    if (cordon__mol_ring_add(mol, ra, rb, c->na))
        return cordon__error(c->err, CORDON_ENOMEM, (size_t)-1,
                             "out of memory");
    return CORDON_OK;
}

/* A system that is one cycle, found from its lowest atom `start` before
 * collecting it: every atom on the walk has two ring bonds (loc_of_atom
 * -2).  Walks as simple_ring does and marks the atoms done; returns 0
 * (nothing changed) when the system is not a lone cycle. */
static int lone_ring(ring_ctx *c, int start, int *rc)
{
    cordon_mol *mol = c->mol;
    int32_t *ra, *rb; /* written in place: ring_commit if it is a ring */
    int v = start, k, len = 0, prev_b = -1;
    if (ring_room(mol, mol->natoms, &ra, &rb)) {
        *rc = cordon__error(c->err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        return 1;
    }
    /* the first ring bond of start, then the other ring bond of each atom */
    for (k = mol->nbr_start[v];; k++)
        if (c->ring_bond[mol->nbrs[k].bond]) {
            prev_b = mol->nbrs[k].bond;
            break;
        }
    for (;;) {
        const cordon_bond *bd = &mol->bonds[prev_b];
        ra[len] = v;
        rb[len++] = prev_b;
        v = bd->begin ^ bd->end ^ v;
        if (v == start)
            break;
        if (c->loc_of_atom[v] != -2 || len == mol->natoms)
            return 0;
        prev_b = c->rx[v] ^ prev_b;
    }
    /* done; the ring's atoms and bonds are in this ring only (annotate) */
    {
        uint32_t bit = len <= 34 ? (uint32_t)1 << (len - 3) : (uint32_t)1 << 31;
        uint8_t size = (uint8_t)(len > 255 ? 255 : len);
        for (k = 0; k < len; k++) {
            cordon_atom *a = &mol->atoms[ra[k]];
            c->loc_of_atom[ra[k]] = 0;
            a->ring_count = 1;
            a->flags |= CORDON_ATOM_IN_RING;
            a->min_ring = size;
            a->ring_sizes = bit;
            mol->bonds[rb[k]].ring_count = 1;
            mol->bonds[rb[k]].flags |= CORDON_BONDF_IN_RING;
            if (len < 8)
                drop_bond_stereo(&mol->bonds[rb[k]]);
        }
    }
    cordon__mol_ring_commit(mol, len);
    return 1;
}

/* Ring counts, sizes and in-ring flags from rings [r0, nrings) of the
 * list, onto atoms and bonds in no earlier ring; E/Z dropped in rings of
 * fewer than 8 atoms (drop_bond_stereo). */
static void annotate(cordon_mol *mol, int r0)
{
    int r, i;
    for (r = r0; r < mol->nrings; r++) {
        int s = mol->ring_start[r], n = mol->ring_start[r + 1] - s;
        uint32_t bit = n <= 34 ? (uint32_t)1 << (n - 3) : (uint32_t)1 << 31;
        for (i = 0; i < n; i++) {
            cordon_atom *a = &mol->atoms[mol->ring_atoms[s + i]];
            cordon_bond *b = &mol->bonds[mol->ring_bonds[s + i]];
            if (a->ring_count < 255)
                a->ring_count++;
            a->flags |= CORDON_ATOM_IN_RING;
            if (!a->min_ring || n < a->min_ring)
                a->min_ring = (uint8_t)(n > 255 ? 255 : n);
            a->ring_sizes |= bit;
            if (b->ring_count < 255)
                b->ring_count++;
            if (n < 8)
                drop_bond_stereo(b);
        }
    }
}

/* The first atom from i on with ring bonds in a system not yet done
 * (loc_of_atom < 0), or n. */
static inline int next_system(const int32_t *loc, int i, int n)
{
    while (i < n && loc[i] >= 0)
        i++;
    return i;
}

int cordon__mol_find_rings(cordon_mol *mol, cordon_error *err)
{
    ring_ctx c;
    int n = mol->natoms, m = mol->nbonds, i, rc = CORDON_OK;
    size_t need;
    char *w;
    memset(&c, 0, sizeof c);
    c.mol = mol;
    c.err = err;
    if (cordon__mol_rings_reset(mol))
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    /* slot B: per-atom and per-bond arrays */
    need = sizeof(int32_t) * ((size_t)n * 13 + 12) +
           sizeof(int32_t) * ((size_t)m * 6 + 10) + (size_t)m + 64 +
           sizeof(word) * ((size_t)m / 64 + 2);
    w = cordon__mol_work(mol, WORK_RING_B, need);
    if (!w)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    c.tmp = (word *)(void *)w;
    w += sizeof(word) * ((size_t)m / 64 + 2);
    c.loc_of_atom = (int32_t *)(void *)w;
    c.e1 = c.loc_of_atom + n;
    c.e2 = c.e1 + n;
    c.atoms = c.e2 + n;
    c.dist = c.atoms + n;
    c.pred = c.dist + n;
    c.pred_edge = c.pred + n;
    c.queue = c.pred_edge + n; /* 2n: also ring atoms + bonds in emit */
    c.mark = c.queue + 2 * n + 2;
    c.ladj_start = c.mark + n + 2;
    c.edges = c.ladj_start + n + 2;
    c.ladj = c.edges + m + 2;
    c.loc_of_bond = c.ladj + 4 * (size_t)m + 4;
    c.rdeg = c.loc_of_bond + m + 2;
    c.rx = c.rdeg + n + 2;
    c.ring_bond = (uint8_t *)(void *)(c.rx + n + 2);
    if (n == 0)
        goto done;
    /* loc_of_atom: 0 no ring bond; in a ring system not yet collected,
     * minus the number of ring bonds; then the local index (>= 0).
     * assign_valence, which runs first, cleared the ring counts, sizes
     * and flags of atoms and bonds. */
    memset(c.ring_bond, 0, (size_t)m);
    /* every non-bridge bond lies in a ring of the set */
    if (!ring_bonds_forest(&c)) {
        memset(c.dist, 0xff, sizeof *c.dist * (size_t)n); /* -1 */
        memset(c.rx, 0, sizeof *c.rx * (size_t)n);
        memset(c.loc_of_atom, 0, sizeof *c.loc_of_atom * (size_t)n);
        memset(c.ring_bond, 0, (size_t)m);
        find_ring_bonds(&c);
    }
    for (i = next_system(c.loc_of_atom, 0, n); i < n;
         i = next_system(c.loc_of_atom, i + 1, n)) {
        int nring, r0 = mol->nrings;
        /* i is the lowest atom of its system: a lone ring is walked */
        if (c.loc_of_atom[i] == -2 && lone_ring(&c, i, &rc)) {
            if (rc != CORDON_OK)
                break;
            continue;
        }
        collect_system(&c, i);
        nring = c.nb - c.na + 1;
        if (nring == 1) {
            rc = simple_ring(&c);
        } else if ((nring != 2 || !two_cycle_direct(&c, &rc)) &&
                   !small_system_rings(&c, nring, &rc)) {
            int k;
            for (k = 0; k < c.na; k++)
                c.e1[k] = c.e2[k] = -1; /* for emit_ring */
            build_local_adjacency(&c);
            rc = system_rings(&c, nring);
        }
        if (rc == CORDON_ENOMEM)
            return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                 "out of memory");
        if (rc != CORDON_OK)
            break;
        annotate(mol, r0);
        /* loc_of_atom stays >= 0: the atom's system is done */
    }
    if (rc != CORDON_OK)
        return rc;
done:
    mol->perceived |= CORDON_PERCEIVED_RINGS;
    return CORDON_OK;
}

/*
 * identity.c -- "is this the listed substance?": the parent fragment of a
 * record (salts and solvents stripped, charges of protonated amines and
 * carboxylates neutralised), a stereo-free graph key of it, an exact
 * stereo-free isomorphism check for key hits (the similarity fingerprint
 * of analogue alerts is in similar.c).
 *
 * The key is a Weisfeiler-Lehman refinement (Weisfeiler & Lehman 1968; the
 * same idea as the Morgan algorithm, J. Chem. Doc. 1965, 5, 107) over
 * element, effective charge and hydrogen count, aromaticity and degree.
 * Equal keys are confirmed by isomorphism, so a hash collision can never
 * make an unlisted molecule "listed".  Stereo marks and isotopes are
 * ignored on purpose: the laws cover all stereoisomers (docs/rules.md §3).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "cordon/normalize.h"
#include "rules/rules_int.h"

static int heavy(const cordon_mol *m, int a)
{
    return m->atoms[a].elem != 1;
}

static int frag_degree(const cordon_mol *m, const unsigned char *frag, int a)
{
    int k, n = 0;
    for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++)
        n += frag[m->nbrs[k].atom] && heavy(m, m->nbrs[k].atom);
    return n;
}

/* Breadth-first collection of the fragment of `start` into queue, marking
 * mark[] = v; returns its size. */
static int collect(const cordon_mol *mol, int start, unsigned char *mark,
                   unsigned char v, int *queue)
{
    int head, tail = 0;
    mark[start] = v;
    queue[tail++] = start;
    for (head = 0; head < tail; head++) {
        int x = queue[head], k;
        for (k = mol->nbr_start[x]; k < mol->nbr_start[x + 1]; k++) {
            int y = mol->nbrs[k].atom;
            if (mark[y] != v && heavy(mol, y)) {
                mark[y] = v;
                queue[tail++] = y;
            }
        }
    }
    return tail;
}

/* 1 if the n atoms in queue are a known counter-ion or solvent: their
 * neutral Hill formula is on molio's list (cordon_norm_is_counterion,
 * docs/identity-keys.md). */
static int counterion(const cordon_mol *mol, const int *atoms, int n)
{
    int count[119] = {0}, i, e, pos = 0, hasc;
    char f[128];
    for (i = 0; i < n; i++) {
        count[mol->atoms[atoms[i]].elem]++;
        count[1] += cordon__eff_hcount(mol, atoms[i]);
    }
    hasc = count[6] > 0;
    f[0] = '\0';
    for (i = 0; i < 119 + 2 && pos < (int)sizeof f - 8; i++) {
        /* Hill order: C, H, then the others alphabetically */
        const char *best = NULL;
        int be = -1;
        if (i == 0)
            be = hasc ? 6 : -1;
        else if (i == 1)
            be = hasc && count[1] ? 1 : -1;
        else
            for (e = 1; e <= 118; e++) {
                const char *sym = cordon_element_symbol(e);
                if (!count[e])
                    continue;
                if (!best || strcmp(sym, best) < 0) {
                    best = sym;
                    be = e;
                }
            }
        if (be < 0) {
            if (i >= 2)
                break;
            continue;
        }
        if (count[be] > 0)
            pos += snprintf(f + pos, sizeof f - (size_t)pos,
                            count[be] > 1 ? "%s%d" : "%s",
                            cordon_element_symbol(be), count[be]);
        count[be] = 0;
    }
    return cordon_norm_is_counterion(f);
}

int cordon__next_component(const cordon_mol *mol, unsigned char *seen,
                           unsigned char *frag, int *queue)
{
    int a, n, i;
    for (a = 0; a < mol->natoms; a++)
        if (!seen[a] && heavy(mol, a))
            break;
    if (a == mol->natoms)
        return 0;
    memset(frag, 0, (size_t)mol->natoms);
    n = collect(mol, a, frag, 1, queue);
    for (i = 0; i < n; i++)
        seen[queue[i]] = 1;
    return n;
}

int cordon__component_organic(const cordon_mol *mol, const int *atoms, int n)
{
    int i, carbon = 0;
    for (i = 0; i < n; i++)
        carbon |= mol->atoms[atoms[i]].elem == 6;
    return carbon && !counterion(mol, atoms, n);
}

#define MAX_FRAGS 64

int cordon__parent_fragment(const cordon_mol *mol, unsigned char *frag,
                            int *queue, int *salt, int *stereo)
{
    int a, nfrag = 0, i, best = -1, best_n = 0;
    int start[MAX_FRAGS], size[MAX_FRAGS], carbons[MAX_FRAGS];
    int ion[MAX_FRAGS];
    size_t n = mol->natoms > 0 ? (size_t)mol->natoms : 0;
    memset(frag, 0, n);
    for (a = 0; a < mol->natoms; a++) {
        int len;
        if (frag[a] || !heavy(mol, a))
            continue;
        len = collect(mol, a, frag, 1, queue);
        if (nfrag < MAX_FRAGS) {
            start[nfrag] = a;
            size[nfrag] = len;
            carbons[nfrag] = 0; /* counted below if needed */
            ion[nfrag] = 0;
        }
        nfrag++;
    }
    if (nfrag > MAX_FRAGS)
        nfrag = MAX_FRAGS; /* the rest are never chosen */
    if (nfrag > 1)         /* carbons and counter-ions decide between them */
        for (i = 0; i < nfrag; i++) {
            int len, k;
            memset(frag, 0, n);
            len = collect(mol, start[i], frag, 1, queue);
            for (k = 0; k < len; k++)
                carbons[i] += mol->atoms[queue[k]].elem == 6;
            ion[i] = counterion(mol, queue, len);
        }
    /* the parent: not a listed counter-ion or solvent (unless all are),
     * carbon-containing, most heavy atoms, most carbons, first */
    for (i = 0; i < nfrag; i++) {
        int better;
        if (best < 0) {
            best = i;
            continue;
        }
        if (ion[i] != ion[best])
            better = ion[i] < ion[best];
        else if ((carbons[i] > 0) != (carbons[best] > 0))
            better = carbons[i] > 0;
        else if (size[i] != size[best])
            better = size[i] > size[best];
        else
            better = carbons[i] > carbons[best];
        if (better)
            best = i;
    }
    *salt = nfrag > 1;
    *stereo = 0;
    if (nfrag == 1) {
        /* frag and queue already hold the one component */
        best_n = size[0];
    } else {
        memset(frag, 0, n);
        if (best < 0)
            return 0;
        best_n = collect(mol, start[best], frag, 1, queue);
    }
    for (i = 0; i < mol->natoms; i++) {
        if (!frag[i])
            continue;
        if (mol->atoms[i].charge &&
            cordon__eff_charge(mol, i) != mol->atoms[i].charge)
            *salt = 1;
        if (mol->atoms[i].chiral == CORDON_CHI_CCW ||
            mol->atoms[i].chiral == CORDON_CHI_CW)
            *stereo = 1;
    }
    for (i = 0; i < mol->nbonds; i++)
        if (frag[mol->bonds[i].begin] &&
            (mol->bonds[i].stereo == CORDON_BSTEREO_CIS ||
             mol->bonds[i].stereo == CORDON_BSTEREO_TRANS))
            *stereo = 1;
    return best_n;
}

uint64_t cordon__atom_invariant(const cordon_mol *m, const unsigned char *frag,
                                int a)
{
    const cordon_atom *at = &m->atoms[a];
    uint64_t v = (uint64_t)at->elem;
    int k, nh = 0, deg = 0;
    for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++) {
        int y = m->nbrs[k].atom;
        if (m->atoms[y].elem == 1)
            nh++;
        else
            deg += frag[y] != 0;
    }
    if (at->charge) {
        v = v * 131 + (uint64_t)(cordon__eff_charge(m, a) + 8);
        v = v * 131 + (uint64_t)cordon__eff_hcount(m, a);
    } else {
        v = v * 131 + 8;
        v = v * 131 + (uint64_t)(cordon__atom_hcount(at) + nh);
    }
    v = v * 131 + (uint64_t)deg;
    v = v * 131 + ((at->flags & CORDON_ATOM_AROMATIC) ? 1u : 0u);
    v = v * 131 + ((at->flags & CORDON_ATOM_IN_RING) ? 1u : 0u);
    return cordon__mix64(v);
}

/* One refinement round: next[a] from cur[a] and the neighbours' labels
 * combined commutatively (sum and xor of mixed (bond, label) pairs). */
void cordon__wl_refine(const cordon_mol *m, const unsigned char *frag,
                       const uint64_t *cur, uint64_t *next)
{
    int a, k;
    for (a = 0; a < m->natoms; a++) {
        uint64_t s = 0, x = 0;
        if (!frag[a])
            continue;
        for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++) {
            int y = m->nbrs[k].atom;
            uint64_t t;
            if (!frag[y] || !heavy(m, y))
                continue;
            t = cordon__mix64(cur[y] * 7 + m->bonds[m->nbrs[k].bond].order);
            s += t;
            x ^= cordon__mix64(t);
        }
        next[a] = cordon__mix64(cur[a] ^ cordon__mix64(s) ^ (x << 1));
    }
}

uint64_t cordon__graph_key0(const cordon_mol *mol, const unsigned char *frag)
{
    uint64_t key = 0;
    int a, n = 0;
    for (a = 0; a < mol->natoms; a++)
        if (frag[a] && heavy(mol, a)) {
            key += cordon__mix64(cordon__atom_invariant(mol, frag, a));
            n++;
        }
    return cordon__mix64(key ^ (uint64_t)n);
}

uint64_t cordon__graph_key(const cordon_mol *mol, const unsigned char *frag,
                           uint64_t *work)
{
    uint64_t *cur = work, *next = work + mol->natoms, key = 0, *t;
    int a, round, n = 0;
    for (a = 0; a < mol->natoms; a++)
        if (frag[a] && heavy(mol, a)) {
            cur[a] = cordon__atom_invariant(mol, frag, a);
            n++;
        }
    for (round = 0; round < 6; round++) {
        cordon__wl_refine(mol, frag, cur, next);
        t = cur;
        cur = next;
        next = t;
    }
    for (a = 0; a < mol->natoms; a++)
        if (frag[a] && heavy(mol, a))
            key += cordon__mix64(cur[a]);
    return cordon__mix64(key ^ (uint64_t)n);
}

/* ---- isomorphism ---- */

typedef struct iso {
    const cordon_mol *a, *b;
    const unsigned char *fa, *fb;
    int *order, *from, *map, *used, *pos;
    int n;
    long steps, max_steps;
    int found; /* a mapping was found whose tetrahedral stereo differs */
} iso;

static int is_tetra(int chi)
{
    return chi == CORDON_CHI_CCW || chi == CORDON_CHI_CW;
}

/* 1 unless an atom is a tetrahedral centre in both molecules and the
 * mapping gives it opposite configurations.  mol.h: the tag is relative to
 * the neighbour order (implicit H first), so the configurations agree when
 * the tags agree and the mapped neighbour orders differ by an even
 * permutation, or the tags differ and the permutation is odd. */
static int iso_stereo_ok(const iso *s)
{
    int i;
    for (i = 0; i < s->n; i++) {
        int x = s->order[i], y = s->map[i], k, j, na, nb, inv = 0;
        int la[8], lb[8];
        if (!is_tetra(s->a->atoms[x].chiral) ||
            !is_tetra(s->b->atoms[y].chiral))
            continue;
        na = s->a->nbr_start[x + 1] - s->a->nbr_start[x];
        nb = s->b->nbr_start[y + 1] - s->b->nbr_start[y];
        if (na != nb || na > 8 || na < 3)
            continue;
        for (k = 0; k < na; k++) {
            int u = s->a->nbrs[s->a->nbr_start[x] + k].atom;
            if (!heavy(s->a, u) || s->pos[u] < 0)
                break;
            la[k] = s->map[s->pos[u]];
            lb[k] = s->b->nbrs[s->b->nbr_start[y] + k].atom;
        }
        if (k < na)
            continue;            /* explicit hydrogen atoms: not compared */
        for (k = 0; k < na; k++) /* la[k] -> its index in lb */
            for (j = 0; j < na; j++)
                if (lb[j] == la[k])
                    la[k] = -1 - j;
        for (k = 0; k < na; k++)
            for (j = k + 1; j < na; j++)
                inv += la[k] < la[j]; /* indices stored as -1-j: reversed */
        if ((s->a->atoms[x].chiral == s->b->atoms[y].chiral) != !(inv & 1))
            return 0;
    }
    return 1;
}

static int iso_atom_ok(const iso *s, int x, int y)
{
    const cordon_atom *p = &s->a->atoms[x], *q = &s->b->atoms[y];
    return s->fb[y] && heavy(s->b, y) && p->elem == q->elem &&
           !((p->flags ^ q->flags) & CORDON_ATOM_AROMATIC) &&
           cordon__eff_charge(s->a, x) == cordon__eff_charge(s->b, y) &&
           cordon__eff_hcount(s->a, x) == cordon__eff_hcount(s->b, y) &&
           frag_degree(s->a, s->fa, x) == frag_degree(s->b, s->fb, y);
}

static int iso_bonds_ok(const iso *s, int pos, int y)
{
    int j, x = s->order[pos];
    for (j = 0; j < pos; j++) {
        int ba = cordon_mol_bond_between(s->a, x, s->order[j]);
        int bb = cordon_mol_bond_between(s->b, y, s->map[j]);
        if ((ba < 0) != (bb < 0))
            return 0;
        if (ba >= 0 && s->a->bonds[ba].order != s->b->bonds[bb].order)
            return 0;
    }
    return 1;
}

/* 1: a mapping with compatible stereo; 0: none (s->found says whether one
 * with different stereo exists); -2: work budget exhausted. */
static int iso_extend(iso *s, int pos)
{
    int y, k, rc;
    if (pos == s->n) {
        if (iso_stereo_ok(s))
            return 1;
        s->found = 1;
        return 0;
    }
    if (++s->steps > s->max_steps)
        return -2;
    if (s->from[pos] < 0) {
        for (y = 0; y < s->b->natoms; y++) {
            if (s->used[y] || !iso_atom_ok(s, s->order[pos], y))
                continue;
            s->map[pos] = y;
            s->used[y] = 1;
            rc = iso_extend(s, pos + 1);
            s->used[y] = 0;
            if (rc)
                return rc;
        }
        return 0;
    }
    {
        int src = s->map[s->from[pos]];
        for (k = s->b->nbr_start[src]; k < s->b->nbr_start[src + 1]; k++) {
            y = s->b->nbrs[k].atom;
            if (s->used[y] || !iso_atom_ok(s, s->order[pos], y) ||
                !iso_bonds_ok(s, pos, y))
                continue;
            s->map[pos] = y;
            s->used[y] = 1;
            rc = iso_extend(s, pos + 1);
            s->used[y] = 0;
            if (rc)
                return rc;
        }
    }
    return 0;
}

int cordon__same_compound(const cordon_mol *a, const unsigned char *fa,
                          const cordon_mol *b, const unsigned char *fb,
                          ev_scratch *sc)
{
    iso s;
    int na = 0, nb = 0, i, head, rc;
    int *mem;
    const cordon_allocator *al = sc->alloc;
    for (i = 0; i < a->natoms; i++)
        na += fa[i] && heavy(a, i);
    for (i = 0; i < b->natoms; i++)
        nb += fb[i] && heavy(b, i);
    if (na != nb || na == 0)
        return 0;
    mem = cordon__calloc(al, (size_t)(3 * a->natoms + b->natoms + 4),
                         sizeof *mem);
    if (!mem)
        return -1;
    memset(&s, 0, sizeof s);
    s.a = a;
    s.b = b;
    s.fa = fa;
    s.fb = fb;
    s.order = mem;
    s.from = mem + a->natoms;
    s.map = mem + 2 * a->natoms;
    s.used = mem + 3 * a->natoms;
    s.max_steps = sc->max_steps;
    /* breadth-first order over a's fragment (a fragment is connected) */
    s.pos = cordon__calloc(al, (size_t)a->natoms + 1, sizeof *s.pos);
    if (!s.pos) {
        cordon__free(al, mem);
        return -1;
    }
    for (i = 0; i < a->natoms; i++)
        s.pos[i] = -1;
    for (i = 0; i < a->natoms && s.n == 0; i++)
        if (fa[i] && heavy(a, i)) {
            s.order[s.n] = i;
            s.from[s.n] = -1;
            s.pos[i] = s.n++;
        }
    for (head = 0; head < s.n; head++) {
        int x = s.order[head], k;
        for (k = a->nbr_start[x]; k < a->nbr_start[x + 1]; k++) {
            int y = a->nbrs[k].atom;
            if (s.pos[y] >= 0 || !fa[y] || !heavy(a, y))
                continue;
            s.order[s.n] = y;
            s.from[s.n] = head;
            s.pos[y] = s.n++;
        }
    }
    rc = s.n == na ? iso_extend(&s, 0) : 0;
    cordon__free(al, s.pos);
    cordon__free(al, mem);
    if (rc == 1)
        return 1;
    if (rc == -2)
        return s.found ? 1 : 0; /* budget: stereo left undecided */
    return s.found ? 2 : 0;
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

int cordon__date_valid(int32_t date)
{
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

int32_t cordon_date_next_day(int32_t date)
{
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    if (!cordon__date_valid(date))
        return 0;
    if (++d > days_in_month(y, m)) {
        d = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return y * 10000 + m * 100 + d;
}

/* type_hist's hash of an atom type (before the bucket) */
static inline uint64_t type_hash(const cordon_atom *at, int heavy_degree, int h)
{
    uint64_t t = (uint64_t)at->elem * 1000003u +
                 (uint64_t)heavy_degree * 1009u + (uint64_t)h * 31u +
                 ((at->flags & CORDON_ATOM_AROMATIC) ? 7u : 0u) +
                 ((at->flags & CORDON_ATOM_IN_RING) ? 3u : 0u);
    /* Fibonacci hashing (Knuth, TAOCP 6.4): the bucket from the high
     * bits of the product */
    return (t * 0x9e3779b97f4a7c15ull) >> 40;
}

void cordon__type_hist(const cordon_mol *m, const unsigned char *frag,
                       const uint32_t *skip, unsigned char *out, int nb,
                       int hatoms)
{
    const cordon_atom *atoms = m->atoms;
    /* a mask for the usual power of two (RL_NTYPE), not a division */
    const uint64_t mask = (nb & (nb - 1)) ? 0 : (uint64_t)nb - 1;
    int a;
    memset(out, 0, (size_t)nb);
    if (!hatoms && frag && !skip && mask) {
        /* the screening case: no hydrogen atoms in the graph, so the
         * degree is the heavy degree and the hydrogens the atom's own */
        for (a = 0; a < m->natoms; a++) {
            const cordon_atom *at = &atoms[a];
            uint64_t t;
            if (!frag[a])
                continue;
            t = type_hash(at, at->degree,
                          at->charge ? cordon__eff_hcount(m, a)
                                     : cordon__atom_hcount(at)) &
                mask;
            if (out[t] < 255)
                out[t]++;
        }
        return;
    }
    for (a = 0, hatoms = 0; a < m->natoms; a++)
        hatoms |= atoms[a].elem == 1;
    for (a = 0; a < m->natoms; a++) {
        const cordon_atom *at = &atoms[a];
        uint64_t t;
        int k, h, hnbr = 0;
        if ((frag && !frag[a]) || at->elem == 1 || (skip && skip[a]))
            continue;
        /* hydrogen atoms in the graph count as hydrogens (few records
         * have any) */
        for (k = m->nbr_start[a]; hatoms && k < m->nbr_start[a + 1]; k++)
            hnbr += atoms[m->nbrs[k].atom].elem == 1;
        /* cordon__eff_hcount: an uncharged atom's effective charge is 0 */
        h = at->charge ? cordon__eff_hcount(m, a)
                       : cordon__atom_hcount(at) + hnbr;
        /* degree: the neighbour count (mol_int.h) */
        t = type_hash(at, at->degree - hnbr, h);
        t = mask ? t & mask : t % (uint64_t)nb;
        if (out[t] < 255)
            out[t]++;
    }
}

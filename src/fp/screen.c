/*
 * screen.c -- the substructure-screen fingerprint (docs/fingerprints.md §1).
 *
 * Features (each sets one bit, FNV-1a of a small tuple, modulo 1024):
 *   E(e, k)        at least k atoms of element e          (k = 1..4)
 *   A(e, ar, k)    at least k atoms of element e with aromaticity ar
 *   P(e1, e2)      a bond between elements e1 <= e2, any order
 *   B(e1, e2, o)   such a bond with order o (CORDON_BOND_*, aromatic = 5)
 *   T(ec, e1, e2)  a path e1 - ec - e2 (e1 <= e2), any bond orders
 * A molecule sets every feature it has.  A query sets only features that
 * every match must have: atoms whose expression implies one element
 * (and aromaticity), bonds whose expression implies one order, counted
 * over distinct query atoms (a match is injective, so k query atoms of
 * element e need k molecule atoms of element e).
 */
#include <string.h>

#include "mol/mol_int.h"
#include "smarts/smarts_int.h"

#define SCREEN_MAXK 4

static void set_feature(cordon_screenfp *fp, int kind, int a, int b, int c)
{
    unsigned char key[4];
    uint64_t h;
    key[0] = (unsigned char)kind;
    key[1] = (unsigned char)a;
    key[2] = (unsigned char)b;
    key[3] = (unsigned char)c;
    h = cordon__fnv1a(key, sizeof key);
    h ^= h >> 29;
    h %= CORDON_SCREEN_BITS;
    fp->w[h / 64] |= (uint64_t)1 << (h % 64);
}

enum { F_E = 1, F_A, F_P, F_B, F_T };

/* Element counts per (element, aromaticity): 119 x 2 small counters. */
typedef struct counts {
    unsigned char n[119][2];
    unsigned char any[119];
} counts;

static void count_add(counts *c, int e, int ar)
{
    if (e < 0 || e > 118)
        return;
    if (c->any[e] < SCREEN_MAXK)
        c->any[e]++;
    if (ar >= 0 && c->n[e][ar] < SCREEN_MAXK)
        c->n[e][ar]++;
}

static void count_emit(cordon_screenfp *fp, const counts *c)
{
    int e, k, ar;
    for (e = 0; e <= 118; e++) {
        for (k = 1; k <= c->any[e]; k++)
            set_feature(fp, F_E, e, k, 0);
        for (ar = 0; ar < 2; ar++)
            for (k = 1; k <= c->n[e][ar]; k++)
                set_feature(fp, F_A, e, ar, k);
    }
}

static void pair(cordon_screenfp *fp, int e1, int e2, int order)
{
    if (e1 > e2) {
        int t = e1;
        e1 = e2;
        e2 = t;
    }
    set_feature(fp, F_P, e1, e2, 0);
    if (order >= 0)
        set_feature(fp, F_B, e1, e2, order);
}

static void triple(cordon_screenfp *fp, int ec, int e1, int e2)
{
    if (e1 > e2) {
        int t = e1;
        e1 = e2;
        e2 = t;
    }
    set_feature(fp, F_T, ec, e1, e2);
}

cordon_status cordon_screenfp_mol(cordon_screenfp *out, const cordon_mol *mol)
{
    counts c;
    int i, j, k;
    memset(out, 0, sizeof *out);
    if (!mol || (mol->natoms > 0 && !(mol->perceived & CORDON_PERCEIVED_ADJ)))
        return CORDON_EINVAL;
    memset(&c, 0, sizeof c);
    for (i = 0; i < mol->natoms; i++)
        count_add(&c, mol->atoms[i].elem,
                  (mol->atoms[i].flags & CORDON_ATOM_AROMATIC) ? 1 : 0);
    count_emit(out, &c);
    for (i = 0; i < mol->nbonds; i++) {
        const cordon_bond *b = &mol->bonds[i];
        pair(out, mol->atoms[b->begin].elem, mol->atoms[b->end].elem, b->order);
    }
    for (i = 0; i < mol->natoms; i++) {
        int s = mol->nbr_start[i], e = mol->nbr_start[i + 1];
        for (j = s; j < e; j++)
            for (k = j + 1; k < e; k++)
                triple(out, mol->atoms[i].elem,
                       mol->atoms[mol->nbrs[j].atom].elem,
                       mol->atoms[mol->nbrs[k].atom].elem);
    }
    return CORDON_OK;
}

void cordon__screenfp_query_compute(cordon_query *q)
{
    counts c;
    int i, j, k;
    cordon_screenfp *fp = &q->screen;
    memset(fp, 0, sizeof *fp);
    memset(&c, 0, sizeof c);
    for (i = 0; i < q->natoms; i++)
        if (q->atoms[i].elem >= 0)
            count_add(&c, q->atoms[i].elem, q->atoms[i].arom);
    count_emit(fp, &c);
    for (i = 0; i < q->nbonds; i++) {
        const qbond *b = &q->bonds[i];
        int e1 = q->atoms[b->a].elem, e2 = q->atoms[b->b].elem;
        if (e1 >= 0 && e2 >= 0)
            pair(fp, e1, e2, b->order);
    }
    for (i = 0; i < q->natoms; i++) {
        int s = q->adj_start[i], e = q->adj_start[i + 1];
        if (q->atoms[i].elem < 0)
            continue;
        for (j = s; j < e; j++)
            for (k = j + 1; k < e; k++) {
                int e1 = q->atoms[q->adj[j].atom].elem;
                int e2 = q->atoms[q->adj[k].atom].elem;
                if (e1 >= 0 && e2 >= 0)
                    triple(fp, q->atoms[i].elem, e1, e2);
            }
    }
}

void cordon_screenfp_query(cordon_screenfp *out, const cordon_query *q)
{
    *out = q->screen;
}

int cordon_screenfp_could_match(const cordon_screenfp *query,
                                const cordon_screenfp *mol)
{
    int i;
    for (i = 0; i < CORDON_SCREEN_WORDS; i++)
        if (query->w[i] & ~mol->w[i])
            return 0;
    return 1;
}

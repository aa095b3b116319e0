/*
 * similar.c -- analogue (similarity) alerts: the Morgan-type fingerprint of
 * a parent fragment, the index of the distinct listed structures'
 * fingerprints, and the search for the listed structures most similar to a
 * molecule (docs/rules.md, analogue alerts).
 *
 * The fingerprint's atom invariants and refinement rounds are those of the
 * graph key (identity.c): element, effective charge and hydrogen count,
 * degree in the fragment, aromaticity, ring membership, then Weisfeiler-
 * Lehman rounds (the Morgan algorithm, J. Chem. Doc. 1965, 5, 107).
 */
#include <string.h>

#include "rules/verdict_int.h"

static uint64_t mix64(uint64_t x)
{
    /* splitmix64 finaliser */
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

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

static uint64_t atom_invariant(const cordon_mol *m, const unsigned char *frag,
                               int a)
{
    const cordon_atom *at = &m->atoms[a];
    uint64_t v = (uint64_t)at->elem;
    v = v * 131 + (uint64_t)(cordon__eff_charge(m, a) + 8);
    v = v * 131 + (uint64_t)cordon__eff_hcount(m, a);
    v = v * 131 + (uint64_t)frag_degree(m, frag, a);
    v = v * 131 + ((at->flags & CORDON_ATOM_AROMATIC) ? 1u : 0u);
    v = v * 131 + ((at->flags & CORDON_ATOM_IN_RING) ? 1u : 0u);
    return mix64(v);
}

/* One refinement round: next[a] from cur[a] and the neighbours' labels
 * combined commutatively (sum and xor of mixed (bond, label) pairs). */
static void refine(const cordon_mol *m, const unsigned char *frag,
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
            t = mix64(cur[y] * 7 + m->bonds[m->nbrs[k].bond].order);
            s += t;
            x ^= mix64(t);
        }
        next[a] = mix64(cur[a] ^ mix64(s) ^ (x << 1));
    }
}

void cordon__fp_morgan(const cordon_mol *mol, const unsigned char *frag,
                       uint64_t *work, uint64_t fp[RL_FP_WORDS])
{
    uint64_t *cur = work, *next = work + mol->natoms, *t;
    int a, round;
    memset(fp, 0, sizeof(uint64_t) * RL_FP_WORDS);
    for (a = 0; a < mol->natoms; a++)
        if (frag[a] && heavy(mol, a)) {
            cur[a] = atom_invariant(mol, frag, a);
            fp[(cur[a] % RL_FP_BITS) / 64] |= 1ull << (cur[a] % 64);
        }
    for (round = 0; round < 2; round++) {
        refine(mol, frag, cur, next);
        t = cur;
        cur = next;
        next = t;
        for (a = 0; a < mol->natoms; a++)
            if (frag[a] && heavy(mol, a)) {
                uint64_t b = cur[a] % RL_FP_BITS;
                fp[b / 64] |= 1ull << (b % 64);
            }
    }
}

double cordon__fp_tanimoto(const uint64_t *a, const uint64_t *b)
{
    int i, both = 0, any = 0;
    for (i = 0; i < RL_FP_WORDS; i++) {
        both += __builtin_popcountll(a[i] & b[i]);
        any += __builtin_popcountll(a[i] | b[i]);
    }
    return any ? (double)both / any : 0.0;
}

/* The similarity index of the distinct listed structures. */
struct rl_sim {
    int *post_start;         /* inverted index: RL_FP_BITS + 1 offsets */
    int *post;               /* distinct structures having each bit */
    unsigned char *post_neg; /* the list of bit b is of those lacking it */
};

static int has_bit(const uint64_t *fp, int b)
{
    return (int)(fp[b / 64] >> (b % 64) & 1);
}

void cordon__sim_free(cordon_rules *r)
{
    rl_sim *s = r->analogue;
    if (!s)
        return;
    cordon__free(r->alloc, s->post_start);
    cordon__free(r->alloc, s->post);
    cordon__free(r->alloc, s->post_neg);
    cordon__free(r->alloc, s);
    r->analogue = NULL;
}

/* Inverted index bit -> distinct structures having it (or, for a bit most
 * structures have, those lacking it: post_neg[b] = 1), so similarity of a
 * query costs the lengths of its bits' lists, each at most half the
 * structures (compute_sims). */
int cordon__sim_build(cordon_rules *r)
{
    int u, b, total = 0, *count, *fill;
    rl_sim *s;
    if (!(s = r->analogue = cordon__calloc(r->alloc, 1, sizeof *s)))
        return CORDON_ENOMEM;
    s->post_start = cordon__calloc(r->alloc, RL_FP_BITS + 1, sizeof(int));
    s->post_neg = cordon__calloc(r->alloc, RL_FP_BITS, 1);
    count = cordon__calloc(r->alloc, RL_FP_BITS, sizeof(int));
    fill = cordon__malloc(r->alloc, sizeof(int) * RL_FP_BITS);
    if (!s->post_start || !s->post_neg || !count || !fill) {
        cordon__free(r->alloc, count);
        cordon__free(r->alloc, fill);
        return CORDON_ENOMEM;
    }
    for (u = 0; u < r->nuniq; u++)
        for (b = 0; b < RL_FP_BITS; b++)
            count[b] += has_bit(r->listed[r->uniq_rep[u]].fp, b);
    for (b = 0; b < RL_FP_BITS; b++) {
        s->post_neg[b] = 2 * count[b] > r->nuniq;
        s->post_start[b + 1] =
            s->post_start[b] +
            (s->post_neg[b] ? r->nuniq - count[b] : count[b]);
    }
    total = s->post_start[RL_FP_BITS];
    s->post = cordon__malloc(r->alloc, sizeof(int) * ((size_t)total + 1));
    if (!s->post) {
        cordon__free(r->alloc, count);
        cordon__free(r->alloc, fill);
        return CORDON_ENOMEM;
    }
    memcpy(fill, s->post_start, sizeof(int) * RL_FP_BITS);
    for (u = 0; u < r->nuniq; u++) {
        const uint64_t *fp = r->listed[r->uniq_rep[u]].fp;
        for (b = 0; b < RL_FP_BITS; b++)
            if (has_bit(fp, b) != s->post_neg[b])
                s->post[fill[b]++] = u;
    }
    cordon__free(r->alloc, count);
    cordon__free(r->alloc, fill);
    return CORDON_OK;
}

/* Similarity to every distinct listed structure, once per molecule, through
 * the inverted bit index: shared bits c per structure, then Tanimoto
 * c / (q + p - c) for query and structure bit counts q and p.  A bit set in
 * more than half of the structures is stored as the list of structures
 * *without* it (rules.c), so no list is longer than half the structures:
 * such a bit adds one to every count and one is taken back from each
 * structure on its list. */
static int compute_sims(const cordon_rules *r, cordon_verdict *v,
                        const cordon_mol *mol)
{
    int u, q = 0, k, base = 0;
    double t = r->opts.alert_threshold;
    if (v->have_fp)
        return CORDON_OK;
    if (cordon__grow(v->alloc, (void **)&v->usim, sizeof *v->usim, &v->cap_usim,
                     (size_t)r->nuniq + 1) ||
        cordon__grow(v->alloc, (void **)&v->ucount, sizeof *v->ucount,
                     &v->cap_ucount, (size_t)r->nuniq + 1))
        return CORDON_ENOMEM;
    v->have_fp = 1;
    v->ncand = 0;
    cordon__fp_morgan(mol, v->frag, v->work, v->fp);
    memset(v->ucount, 0, sizeof *v->ucount * (size_t)r->nuniq);
    for (k = 0; k < RL_FP_WORDS; k++) {
        uint64_t w = v->fp[k];
        while (w) {
            int b = k * 64 + __builtin_ctzll(w), j, step = 1;
            w &= w - 1;
            q++;
            if (r->analogue->post_neg[b]) {
                base++;
                step = -1;
            }
            for (j = r->analogue->post_start[b];
                 j < r->analogue->post_start[b + 1]; j++)
                v->ucount[r->analogue->post[j]] += step;
        }
    }
    for (u = 0; u < r->nuniq; u++) {
        int c = base + v->ucount[u], d = q + r->uniq_pop[u] - c, j;
        v->usim[u] = d > 0 ? (double)c / d : 0.0;
        if (v->usim[u] < t || v->usim[u] <= 0.0)
            continue;
        if (cordon__grow(v->alloc, (void **)&v->cand, sizeof *v->cand,
                         &v->cap_cand, (size_t)v->ncand + 1))
            return CORDON_ENOMEM;
        for (j = v->ncand++; j > 0 && v->usim[v->cand[j - 1]] < v->usim[u]; j--)
            v->cand[j] = v->cand[j - 1];
        v->cand[j] = u;
    }
    return CORDON_OK;
}

/* Up to max_alerts distinct listed structures of jurisdiction jur, in force
 * on date, most similar first. */
int cordon__similar_alerts(const cordon_rules *r, cordon_verdict *v,
                           const cordon_mol *mol, const char *jur, int jidx,
                           int32_t date)
{
    int c, n = 0, rc;
    if (r->opts.max_alerts <= 0 || !r->nlisted)
        return CORDON_OK;
    if ((rc = compute_sims(r, v, mol)))
        return rc;
    for (c = 0; c < v->ncand && n < r->opts.max_alerts; c++) {
        int u = v->cand[c], k;
        uint64_t key = r->listed[r->uniq_rep[u]].key;
        for (k = r->uniq_first[u];
             k < r->nlisted && r->listed[r->by_key[k]].key == key; k++) {
            const rl_listed *l = &r->listed[r->by_key[k]];
            if (l->precursor || l->jidx != jidx ||
                !cordon_kb_entry_in_force(l->e, date, NULL))
                continue;
            if ((rc = cordon__add_alert(v, CORDON_ALERT_SIMILAR, jur, l->e,
                                        v->usim[u], -1)))
                return rc;
            n++;
            break; /* one entry per structure */
        }
    }
    return CORDON_OK;
}

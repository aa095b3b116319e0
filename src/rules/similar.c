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

/* The fingerprint of any fragment: invariants and rounds over the whole
 * atom arrays (work: 2 * natoms). */
static void fp_general(const cordon_mol *mol, const unsigned char *frag,
                       uint64_t *work, uint64_t fp[RL_FP_WORDS])
{
    uint64_t *cur = work, *next = work + mol->natoms, *t;
    int a, round;
    for (a = 0; a < mol->natoms; a++)
        if (frag[a] && mol->atoms[a].elem != 1) {
            cur[a] = cordon__atom_invariant(mol, frag, a);
            fp[(cur[a] % RL_FP_BITS) / 64] |= 1ull << (cur[a] % 64);
        }
    for (round = 0; round < 2; round++) {
        cordon__wl_refine(mol, frag, cur, next);
        t = cur;
        cur = next;
        next = t;
        for (a = 0; a < mol->natoms; a++)
            if (frag[a] && mol->atoms[a].elem != 1) {
                uint64_t b = cur[a] % RL_FP_BITS;
                fp[b / 64] |= 1ull << (b % 64);
            }
    }
}

/* The invariant's fields in base 131 (identity.c): element, charge + 8,
 * hydrogens, degree, aromatic, in ring. */
#define B1 131ull
#define B2 (B1 * B1)
#define B3 (B2 * B1)
#define B4 (B3 * B1)
#define B5 (B4 * B1)
#define NORD (CORDON_BOND_AROMATIC + 1)
/* Bond orders by slot, the common ones first (their words share a cache
 * line with the label), and slots by order. */
static const unsigned char slot_ord[NORD] = {
    CORDON_BOND_SINGLE, CORDON_BOND_AROMATIC,  CORDON_BOND_DOUBLE,
    CORDON_BOND_TRIPLE, CORDON_BOND_QUADRUPLE, CORDON_BOND_ZERO};
static const unsigned char ord_slot[NORD] = {5, 0, 2, 3, 4, 1};
/* An atom's block: its label; the label's bit renumbered by rank (when
 * the search's index is at hand); then per bond order o, at slot
 * l = ord_slot[o], the term mix64(label * 7 + o) a neighbour adds to its
 * sum and that term's mix64 (the xor part): words 2 + 2 l and 3 + 2 l. */
#define BLK_WORDS (2 + 2 * NORD)
/* Precomputed blocks of uncharged atoms of the common elements with at
 * most TAB_MAX hydrogens and heavy neighbours: block index
 * ((slot * (TAB_MAX + 1) + hydrogens) * (TAB_MAX + 1) + degree) * 4 +
 * aromatic + 2 * in ring, slot = elem_slot[element] - 1. */
#define TAB_MAX 4
#define TAB_ELEMS 12
#define TAB_BLOCKS (TAB_ELEMS * (TAB_MAX + 1) * (TAB_MAX + 1) * 4)
/* Table blocks are TAB_WORDS apart on 64-byte boundaries (tab_mem), so a
 * block's label, rank and common terms are one cache line. */
#define TAB_WORDS 16
static const unsigned char tab_elem[TAB_ELEMS] = {6,  7,  8,  9, 15, 16,
                                                  17, 35, 53, 5, 14, 34};
static const uint64_t flag_part[4] = {0, B1, 1, B1 + 1};
/* The round-1 environments of the listed structures' atoms (~770 distinct,
 * ~67% of ChEMBL atoms): the round-1 blocks, in an open-addressing table
 * (linear probing) keyed by their label.  The label mix64(v), v = round-0
 * label ^ mix64(sum) ^ (xor << 1) of the neighbours' terms, determines the
 * block, and mix64 is a bijection, so the label is an exact key.  Slots
 * are ENV_WORDS apart on 64-byte boundaries: label, rank and the single,
 * aromatic and double terms share a cache line; an empty slot's rank word
 * is ENV_EMPTY.  At most ENV_MAX entries, so probes stay short. */
#define ENV_WORDS 16
#define ENV_SLOTS 2048
#define ENV_MAX (ENV_SLOTS / 2)
#define ENV_EMPTY UINT64_MAX

/* A posting: a distinct structure's index, 16 bits (half the memory the
 * search walks; ~550 distinct structures in the built-in knowledge base).
 * A knowledge base with more than SIM_POST_MAX distinct listed structures
 * needs CORDON_SIM_WIDE_POSTINGS at build time, else compiling its rules
 * fails with CORDON_ELIMIT. */
#ifdef CORDON_SIM_WIDE_POSTINGS
typedef uint32_t sim_post;
#else
typedef uint16_t sim_post;
#endif
#define SIM_POST_MAX ((size_t)(sim_post)-1 + 1)

/* The similarity index of the distinct listed structures.  Bits are
 * renumbered by rank: ascending length of their lists (ties: bit), so a
 * fingerprint renumbered the same way lists its rarest bits first. */
struct rl_sim {
    uint32_t *post_start; /* RL_FP_BITS + 1 offsets into post, by rank */
    sim_post *post;       /* per rank, the structures having the bit,
                             ascending (0 .. nuniq-1) */
    uint64_t *rfp;        /* nuniq * RL_FP_WORDS: each structure's
                             fingerprint renumbered by rank */
    uint64_t *tab;        /* TAB_BLOCKS * TAB_WORDS: common blocks,
                             64-byte aligned in tab_mem */
    uint64_t *env;        /* ENV_SLOTS * ENV_WORDS: round-1 environments,
                             64-byte aligned in env_mem */
    uint64_t *env_mem, *tab_mem;
    int nenv;
    int nempty; /* ranks below it have empty lists (ranks ascend with
                   list length) */
    uint16_t rank[RL_FP_BITS];    /* bit -> rank */
    unsigned char elem_slot[256]; /* element -> 1 + index in tab_elem, or 0 */
};

/* Fills blk (BLK_WORDS but the rank) for label, the terms for the slots in
 * smask only. */
static inline __attribute__((always_inline)) void
fill_label(uint64_t *blk, uint64_t label, unsigned smask)
{
    blk[0] = label;
    for (; smask; smask &= smask - 1) {
        unsigned l = (unsigned)__builtin_ctz(smask);
        blk[2 + 2 * l] = cordon__mix64(blk[0] * 7 + slot_ord[l]);
        blk[3 + 2 * l] = cordon__mix64(blk[2 + 2 * l]);
    }
}

/* fill_label for invariant v. */
static void fill_block(uint64_t *blk, uint64_t v, unsigned smask)
{
    fill_label(blk, cordon__mix64(v), smask);
}

/* The environment table's first slot for label. */
static inline const uint64_t *env_home(const rl_sim *sim, uint64_t label)
{
    return sim->env +
           (size_t)((uint32_t)(label >> 32) & (ENV_SLOTS - 1)) * ENV_WORDS;
}

/* The slot holding label, or the empty slot that ends its probe (where
 * add_envs puts it). */
static inline const uint64_t *env_slot(const rl_sim *sim, uint64_t label)
{
    const uint64_t *e = env_home(sim, label),
                   *end = sim->env + (size_t)ENV_SLOTS * ENV_WORDS;
    while (e[1] != ENV_EMPTY && e[0] != label)
        e = e + ENV_WORDS < end ? e + ENV_WORDS : sim->env;
    return e;
}

/* The round-1 block with this label, or NULL. */
static inline const uint64_t *env_find(const rl_sim *sim, uint64_t label)
{
    const uint64_t *e = env_slot(sim, label);
    return e[1] != ENV_EMPTY ? e : NULL;
}

/* Sets the bit of label in fp or, when sim is given, bit rank[bit] (the
 * fingerprint renumbered by the search's bit order). */
static inline void set_bit(uint64_t *fp, const rl_sim *sim, uint64_t label)
{
    uint32_t b = (uint32_t)label % RL_FP_BITS;
    if (sim)
        b = sim->rank[b];
    fp[b / 64] |= 1ull << (b % 64);
}

/* set_bit of a block's label, its rank read from the block. */
static inline void set_blk(uint64_t *fp, const rl_sim *sim, const uint64_t *blk)
{
    uint32_t b = sim ? (uint32_t)blk[1] : (uint32_t)blk[0] % RL_FP_BITS;
    fp[b / 64] |= 1ull << (b % 64);
}

/* Fragments up to FAST_ATOMS heavy atoms and FAST_BONDS bonds between
 * them: the same labels as fp_general from compact arrays.  Heavy fragment
 * atoms are renumbered 0..n-1 (the identity when every atom is a heavy
 * fragment atom) and their bonds listed as (u << 16 | w << OSH | slot of
 * the order).  A neighbour's term mix64(label * 7 + order) and its mix64
 * depend only on (label, order), so each round adds them, bond by bond,
 * from the neighbour's block of the previous round: round 0's from sim's
 * table for the common invariants, round 1's from sim's environments when
 * listed, else computed here for the orders of the atom's bonds.  Returns
 * 0, or -1 when the fragment is larger or has a bond order above
 * CORDON_BOND_AROMATIC (fp then partly set).  work: natoms (atom ->
 * compact index). */
#define FAST_ATOMS 160
#define FAST_BONDS 256
#define OSH 3 /* bond: u << 16 | w << OSH | slot */
/* sum[i] and xr[i] (i < n): the sum and the xor of the terms atom i's
 * neighbours add in a round, bond by bond from the blocks of the round
 * before. */
static inline __attribute__((always_inline)) void
neighbour_terms(const uint32_t *bnd, int nbd, const uint64_t *const *blk, int n,
                uint64_t *sum, uint64_t *xr)
{
    int k;
    memset(sum, 0, sizeof *sum * (size_t)n);
    memset(xr, 0, sizeof *xr * (size_t)n);
    for (k = 0; k < nbd; k++) {
        uint32_t u = bnd[k] >> 16, w = bnd[k] >> OSH & 0x1fff,
                 l = 2 * (bnd[k] & 7);
        sum[u] += blk[w][2 + l];
        xr[u] ^= blk[w][3 + l];
        sum[w] += blk[u][2 + l];
        xr[w] ^= blk[u][3 + l];
    }
}
static inline __attribute__((always_inline)) int
fp_fast(const cordon_mol *m, const unsigned char *frag, uint64_t *work,
        uint64_t fp[RL_FP_WORDS], const rl_sim *sim)
{
    /* the round-0 and round-1 blocks computed here */
    uint64_t loc[FAST_ATOMS][BLK_WORDS], loc1[FAST_ATOMS][BLK_WORDS];
    const uint64_t *blk[FAST_ATOMS], *blk1[FAST_ATOMS];
    uint64_t key[FAST_ATOMS]; /* round-1 environment keys */
    uint64_t sum[FAST_ATOMS], xr[FAST_ATOMS];
    uint8_t omask[FAST_ATOMS];
    int atom[FAST_ATOMS];
    uint32_t bnd[FAST_BONDS];
    const cordon_atom *atoms = m->atoms;
    const cordon_bond *bd = m->bonds;
    const cordon_nbr *nb = m->nbrs;
    int n = 0, nbd = 0, a, i, k, all;
    /* every atom in the fragment; a hydrogen atom (never in the common
     * table) sends the invariant loop back to the partial route */
    all = !memchr(frag, 0, (size_t)m->natoms);
    if (all && (m->natoms > FAST_ATOMS || m->nbonds > FAST_BONDS))
        all = 0;
    if (all) {
        n = m->natoms;
        memset(omask, 0, (size_t)n);
        for (k = 0; k < m->nbonds; k++) {
            uint32_t u = (uint32_t)bd[k].begin, w = (uint32_t)bd[k].end,
                     o = bd[k].order;
            if (o >= NORD)
                return -1;
            o = ord_slot[o];
            bnd[k] = u << 16 | w << OSH | o;
            omask[u] |= (uint8_t)(1u << o);
            omask[w] |= (uint8_t)(1u << o);
        }
        nbd = m->nbonds;
    } else {
    partial:
        all = 0;
        n = nbd = 0;
        for (a = 0; a < m->natoms; a++)
            if (frag[a] && atoms[a].elem != 1) {
                if (n == FAST_ATOMS)
                    return -1;
                work[a] = (uint64_t)n;
                atom[n++] = a;
            }
    }
    /* invariants and blocks (and, for a part of the molecule, its bonds) */
    for (i = 0; i < n; i++) {
        const cordon_atom *at;
        unsigned om = 0, slot;
        unsigned hcount, d;
        if (!all) {
            int nh = 0;
            a = atom[i];
            d = 0;
            for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++) {
                int y = nb[k].atom;
                unsigned o;
                if (atoms[y].elem == 1) {
                    nh++; /* [2H] kept as atoms count as hydrogens */
                    continue;
                }
                if (!frag[y])
                    continue;
                o = bd[nb[k].bond].order;
                if (o >= NORD)
                    return -1;
                o = ord_slot[o];
                d++;
                om |= 1u << o;
                if (work[y] > (uint64_t)i) { /* each bond once */
                    if (nbd == FAST_BONDS)
                        return -1;
                    bnd[nbd++] =
                        (uint32_t)i << 16 | (uint32_t)work[y] << OSH | o;
                }
            }
            at = &atoms[a];
            hcount = (unsigned)(cordon__atom_hcount(at) + nh);
            omask[i] = (uint8_t)om;
        } else {
            a = i;
            at = &atoms[a];
            d = at->degree;
            hcount = (unsigned)cordon__atom_hcount(at);
            om = omask[i];
        }
        /* cordon__eff_charge/_hcount of an uncharged atom: 0, and its
         * hydrogens plus hydrogen neighbours */
        if (!at->charge && sim && (slot = sim->elem_slot[at->elem]) &&
            hcount <= TAB_MAX && d <= TAB_MAX) {
            blk[i] =
                sim->tab +
                (size_t)TAB_WORDS *
                    ((((slot - 1) * (TAB_MAX + 1) + hcount) * (TAB_MAX + 1) +
                      d) *
                         4 +
                     (at->flags &
                      (CORDON_ATOM_AROMATIC | CORDON_ATOM_IN_RING)));
        } else {
            uint64_t v;
            if (all && at->elem == 1)
                goto partial;
            if (at->charge)
                v = (uint64_t)(cordon__eff_charge(m, a) + 8) * B4 +
                    (uint64_t)cordon__eff_hcount(m, a) * B3;
            else
                v = 8 * B4 + (uint64_t)hcount * B3;
            v += at->elem * B5 + (uint64_t)d * B2 +
                 flag_part[at->flags &
                           (CORDON_ATOM_AROMATIC | CORDON_ATOM_IN_RING)];
            fill_block(loc[i], v, om);
            if (sim)
                loc[i][1] = sim->rank[(uint32_t)loc[i][0] % RL_FP_BITS];
            blk[i] = loc[i];
        }
        __builtin_prefetch(blk[i]); /* read in round 1 */
    }
    /* round 1: the neighbours' terms from their blocks, the environment
     * keys first (their slots and entries fetched before any is read); the
     * atom's round-1 block from sim's environments, else computed for the
     * orders of its bonds */
    neighbour_terms(bnd, nbd, blk, n, sum, xr);
    for (i = 0; i < n; i++) {
        set_blk(fp, sim, blk[i]);
        key[i] =
            cordon__mix64(blk[i][0] ^ cordon__mix64(sum[i]) ^ (xr[i] << 1));
        if (sim)
            __builtin_prefetch(env_home(sim, key[i]));
    }
    for (i = 0; i < n; i++) {
        const uint64_t *e;
        if (sim && (e = env_find(sim, key[i]))) {
            blk1[i] = e;
        } else {
            fill_label(loc1[i], key[i], omask[i]);
            if (sim)
                loc1[i][1] = sim->rank[(uint32_t)loc1[i][0] % RL_FP_BITS];
            blk1[i] = loc1[i];
        }
        set_blk(fp, sim, blk1[i]);
    }
    /* round 2 */
    neighbour_terms(bnd, nbd, blk1, n, sum, xr);
    for (i = 0; i < n; i++)
        set_bit(
            fp, sim,
            cordon__mix64(blk1[i][0] ^ cordon__mix64(sum[i]) ^ (xr[i] << 1)));
    return 0;
}

/* The fingerprint into fp, renumbered by rank when sim is given. */
static void fp_both(const cordon_mol *mol, const unsigned char *frag,
                    uint64_t *work, uint64_t fp[RL_FP_WORDS], const rl_sim *sim)
{
    uint64_t plain[RL_FP_WORDS];
    int k;
    memset(fp, 0, sizeof(uint64_t) * RL_FP_WORDS);
    /* two copies of fp_fast: with and without the renumbering */
    if (sim ? fp_fast(mol, frag, work, fp, sim) >= 0
            : fp_fast(mol, frag, work, fp, NULL) >= 0)
        return;
    memset(plain, 0, sizeof plain);
    fp_general(mol, frag, work, plain);
    if (!sim) {
        memcpy(fp, plain, sizeof plain);
        return;
    }
    memset(fp, 0, sizeof(uint64_t) * RL_FP_WORDS);
    for (k = 0; k < RL_FP_WORDS; k++)
        for (uint64_t w = plain[k]; w; w &= w - 1) {
            int b = sim->rank[k * 64 + __builtin_ctzll(w)];
            fp[b / 64] |= 1ull << (b % 64);
        }
}

void cordon__fp_morgan(const cordon_mol *mol, const unsigned char *frag,
                       uint64_t *work, uint64_t fp[RL_FP_WORDS])
{
    fp_both(mol, frag, work, fp, NULL);
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

void cordon__sim_query_fp(const cordon_rules *r, const cordon_verdict *v,
                          uint64_t fp[RL_FP_WORDS])
{
    const rl_sim *s = r->analogue;
    int b;
    memset(fp, 0, sizeof(uint64_t) * RL_FP_WORDS);
    for (b = 0; b < RL_FP_BITS; b++)
        if (v->fp[s->rank[b] / 64] >> (s->rank[b] % 64) & 1)
            fp[b / 64] |= 1ull << (b % 64);
}

void cordon__sim_free(cordon_rules *r)
{
    rl_sim *s = r->analogue;
    if (!s)
        return;
    cordon__free(r->alloc, s->post_start);
    cordon__free(r->alloc, s->post);
    cordon__free(r->alloc, s->rfp);
    cordon__free(r->alloc, s->tab_mem); /* s->tab points into it */
    cordon__free(r->alloc, s->env_mem); /* s->env points into it */
    cordon__free(r->alloc, s);
    r->analogue = NULL;
}

/* Adds the round-1 environments of the heavy atoms of frag to s (up to
 * ENV_MAX in all), by the definition (identity.c's invariant and
 * refinement round).  0 or CORDON_ENOMEM. */
static int add_envs(const cordon_allocator *alloc, rl_sim *s,
                    const cordon_mol *m, const unsigned char *frag)
{
    uint64_t *lab =
        cordon__malloc(alloc, sizeof *lab * ((size_t)m->natoms + 1));
    int a, k;
    if (!lab)
        return CORDON_ENOMEM;
    for (a = 0; a < m->natoms; a++)
        if (frag[a] && m->atoms[a].elem != 1)
            lab[a] = cordon__atom_invariant(m, frag, a);
    for (a = 0; a < m->natoms && s->nenv < ENV_MAX; a++) {
        uint64_t sum = 0, x = 0, v, *e;
        if (!frag[a] || m->atoms[a].elem == 1)
            continue;
        for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++) {
            int y = m->nbrs[k].atom;
            uint64_t t;
            if (!frag[y] || m->atoms[y].elem == 1)
                continue;
            t = cordon__mix64(lab[y] * 7 + m->bonds[m->nbrs[k].bond].order);
            sum += t;
            x ^= cordon__mix64(t);
        }
        v = cordon__mix64(lab[a] ^ cordon__mix64(sum) ^ (x << 1));
        e = (uint64_t *)env_slot(s, v);
        if (e[1] != ENV_EMPTY)
            continue; /* listed already */
        fill_label(e, v, (1u << NORD) - 1);
        e[1] = 0; /* occupied; the rank once known */
        s->nenv++;
    }
    cordon__free(alloc, lab);
    return CORDON_OK;
}

/* The first 64-byte boundary in a block allocated 8 words longer. */
static uint64_t *align64(uint64_t *p)
{
    return p + (8 - (uintptr_t)p / 8 % 8) % 8;
}

int cordon__sim_build(cordon_rules *r)
{
    int u, b, k, n, *len, *fill;
    rl_sim *s;
    if ((size_t)r->nuniq > SIM_POST_MAX)
        return CORDON_ELIMIT;
    if (!(s = r->analogue = cordon__calloc(r->alloc, 1, sizeof *s)))
        return CORDON_ENOMEM;
    s->post_start = cordon__calloc(r->alloc, RL_FP_BITS + 1, sizeof(uint32_t));
    s->rfp = cordon__calloc(r->alloc, (size_t)r->nuniq + 1,
                            sizeof(uint64_t) * RL_FP_WORDS);
    s->tab_mem = cordon__malloc(
        r->alloc, sizeof(uint64_t) * ((size_t)TAB_WORDS * TAB_BLOCKS + 8));
    len = cordon__calloc(r->alloc, RL_FP_BITS + 1, sizeof(int));
    fill = cordon__calloc(r->alloc, RL_FP_BITS + 1, sizeof(int));
    s->env_mem = cordon__malloc(
        r->alloc, sizeof *s->env_mem * ((size_t)ENV_SLOTS * ENV_WORDS + 8));
    if (!s->post_start || !s->rfp || !s->tab_mem || !s->env_mem || !len ||
        !fill)
        goto nomem;
    s->tab = align64(s->tab_mem);
    s->env = align64(s->env_mem);
    for (k = 0; k < ENV_SLOTS; k++)
        s->env[(size_t)k * ENV_WORDS + 1] = ENV_EMPTY;
    for (k = 0; k < TAB_ELEMS; k++)
        s->elem_slot[tab_elem[k]] = (unsigned char)(k + 1);
    for (b = 0; b < TAB_BLOCKS; b++) {
        int f = b % 4, d = b / 4 % (TAB_MAX + 1),
            h = b / 4 / (TAB_MAX + 1) % (TAB_MAX + 1),
            e = tab_elem[b / 4 / (TAB_MAX + 1) / (TAB_MAX + 1)];
        fill_block(s->tab + (size_t)b * TAB_WORDS,
                   (uint64_t)e * B5 + 8 * B4 + (uint64_t)h * B3 +
                       (uint64_t)d * B2 + flag_part[f],
                   (1u << NORD) - 1);
    }
    for (u = 0; u < r->nuniq; u++) {
        const uint64_t *fp = r->listed[r->uniq_rep[u]].fp;
        for (k = 0; k < RL_FP_WORDS; k++)
            for (uint64_t w = fp[k]; w; w &= w - 1)
                len[k * 64 + __builtin_ctzll(w)]++;
        if (add_envs(r->alloc, s, r->listed[r->uniq_rep[u]].mol,
                     r->listed[r->uniq_rep[u]].frag))
            goto nomem;
    }
    /* ranks: counting sort of the bits by list length, lengths from
     * RL_FP_BITS - 1 on in one bucket */
    for (b = 0; b < RL_FP_BITS; b++)
        fill[(len[b] < RL_FP_BITS - 1 ? len[b] : RL_FP_BITS - 1) + 1]++;
    for (k = 0; k < RL_FP_BITS; k++)
        fill[k + 1] += fill[k];
    for (b = 0; b < RL_FP_BITS; b++)
        s->rank[b] =
            (uint16_t)fill[len[b] < RL_FP_BITS - 1 ? len[b] : RL_FP_BITS - 1]++;
    for (b = 0; b < RL_FP_BITS; b++) {
        s->post_start[s->rank[b] + 1] = (uint32_t)len[b];
        if (!len[b])
            s->nempty++;
    }
    for (k = 0; k < RL_FP_BITS; k++)
        s->post_start[k + 1] += s->post_start[k];
    n = (int)s->post_start[RL_FP_BITS];
    if (!(s->post =
              cordon__malloc(r->alloc, sizeof *s->post * ((size_t)n + 1))))
        goto nomem;
    for (k = 0; k < RL_FP_BITS; k++)
        fill[k] = (int)s->post_start[k];
    /* the ranks of the common blocks' and the environments' labels */
    for (b = 0; b < TAB_BLOCKS; b++) {
        uint64_t *t = s->tab + (size_t)b * TAB_WORDS;
        t[1] = s->rank[(uint32_t)t[0] % RL_FP_BITS];
    }
    for (k = 0; k < ENV_SLOTS; k++) {
        uint64_t *e = s->env + (size_t)k * ENV_WORDS;
        if (e[1] != ENV_EMPTY)
            e[1] = s->rank[(uint32_t)e[0] % RL_FP_BITS];
    }
    for (u = 0; u < r->nuniq; u++) {
        const uint64_t *fp = r->listed[r->uniq_rep[u]].fp;
        uint64_t *rfp = s->rfp + (size_t)u * RL_FP_WORDS;
        for (k = 0; k < RL_FP_WORDS; k++)
            for (uint64_t w = fp[k]; w; w &= w - 1) {
                int rk = s->rank[k * 64 + __builtin_ctzll(w)];
                s->post[fill[rk]++] = (sim_post)u;
                rfp[rk / 64] |= 1ull << (rk % 64);
            }
    }
    cordon__free(r->alloc, len);
    cordon__free(r->alloc, fill);
    return CORDON_OK;
nomem:
    cordon__free(r->alloc, len);
    cordon__free(r->alloc, fill);
    return CORDON_ENOMEM;
}

static int has_bit(const uint64_t *fp, int b)
{
    return (int)(fp[b / 64] >> (b % 64) & 1);
}

/* Every distinct listed structure u with Tanimoto similarity
 * sim = c / (q + p - c) >= t and > 0 (c: bits shared, q and p: bits of the
 * query and of u), into v->cand best first (ties: lower u first) and
 * v->usim[u]: the same set, order and values as computing sim for every u,
 * but touching only structures that can reach t (prefix filtering, Chaudhuri
 * et al., ICDE 2006; Bayardo et al., WWW 2007).  All tests are on the same
 * rounded quotients a full scan compares, and rounded division is monotonic:
 *
 *  - c <= p, so sim <= c / q: u needs c >= cmin, the least c with
 *    c / q >= t.  A prefix of q - cmin + k query bits then holds at least
 *    k bits of every such u (pigeonhole).  The prefix is the bits with the
 *    shortest lists (the lowest ranks; any bits would do, short lists
 *    touch fewer structures); k = PREFIX_EXTRA.
 *  - u holding pc prefix bits shares at most ub = min(pc + rest, p) bits
 *    (rest: bits outside the prefix).  c / (q + p - c) grows with c, so
 *    ub / (q + p - ub) < t rules u out before counting; over all p that
 *    bound peaks at p = ub, so u with (pc + rest) / q < t (pc < pcmin) is
 *    never listed.  Survivors get the exact c (the other query bits tested
 *    in u's fingerprint) and the quotient a full scan computes.
 *
 * v->ucount[u] counts u's prefix bits (at most RL_FP_BITS); the counters
 * are cleared by a memset before the walk, which also brings them into
 * cache (2 bytes per structure: cheaper than generation tags or clearing
 * the walked entries after). */
#define PREFIX_EXTRA 3 /* fewest instructions on ChEMBL (tried 1 to 6) */
int cordon__sim_search(const cordon_rules *r, cordon_verdict *v,
                       const cordon_mol *mol)
{
    const rl_sim *s = r->analogue;
    uint16_t ord[RL_FP_BITS];
    uint32_t lo[RL_FP_BITS], hi[RL_FP_BITS];
    const uint64_t *rfp = v->fp;
    int q, cmin, npre, rest, pcmin, ntouch = 0, n = 0, i, j, k, nl;
    uint16_t *cnt;
    double t = r->opts.alert_threshold;
    if (v->have_fp)
        return CORDON_OK;
    if (cordon__grow(v->alloc, (void **)&v->usim, sizeof *v->usim, &v->cap_usim,
                     (size_t)r->nuniq + 1) ||
        cordon__grow(v->alloc, (void **)&v->ucount, sizeof *v->ucount,
                     &v->cap_ucount, (size_t)r->nuniq + 1) ||
        cordon__grow(v->alloc, (void **)&v->cand, sizeof *v->cand, &v->cap_cand,
                     (size_t)r->nuniq + 1))
        return CORDON_ENOMEM;
    v->have_fp = 1;
    v->ncand = 0;
    fp_both(mol, v->frag, v->work, v->fp, s);
    /* the query's bits, rarest first: a word's first two without branches
     * (stored at q and kept only if there), any more in a loop */
    for (q = k = 0; k < RL_FP_WORDS; k++) {
        uint64_t w = rfp[k];
        ord[q] = (uint16_t)(k * 64 + __builtin_ctzll(w | 1ull << 63));
        q += w != 0;
        w &= w - 1;
        ord[q] = (uint16_t)(k * 64 + __builtin_ctzll(w | 1ull << 63));
        q += w != 0;
        for (w &= w - 1; w; w &= w - 1)
            ord[q++] = (uint16_t)(k * 64 + __builtin_ctzll(w));
    }
    if (!q)
        return CORDON_OK;
    /* cmin: the fewest shared bits that can reach t (from below, starting
     * at floor(t * q), never above it) */
    cmin = (int)(t * q);
    if (cmin < 1)
        cmin = 1;
    while (cmin <= q && (double)cmin / q < t)
        cmin++;
    if (cmin > q)
        return CORDON_OK;
    npre = q - cmin + PREFIX_EXTRA;
    if (npre > q)
        npre = q;
    rest = q - npre;
    /* the best bound over p is at p = ub = pc + rest: fewer prefix bits
     * than pcmin cannot reach t whatever p */
    for (pcmin = 1; pcmin <= npre && (double)(pcmin + rest) / q < t; pcmin++)
        ;
    if (pcmin > npre)
        return CORDON_OK;
    /* the prefix's non-empty lists: their bounds loaded (and their first
     * entries fetched) before any is walked, so the loads overlap */
    for (i = 0; i < npre && ord[i] < s->nempty; i++)
        ;
    for (nl = 0; i < npre; i++, nl++) {
        lo[nl] = s->post_start[ord[i]];
        hi[nl] = s->post_start[ord[i] + 1];
        __builtin_prefetch(s->post + lo[nl]);
    }
    /* candidates: structures reaching pcmin prefix bits, listed once */
    cnt = v->ucount;
    memset(cnt, 0, sizeof *cnt * (size_t)r->nuniq);
    {
        const sim_post *post = s->post;
        int *cand = v->cand;
        for (i = 0; i < nl; i++)
            for (uint32_t e = lo[i]; e < hi[i]; e++)
                if (++cnt[post[e]] == pcmin)
                    cand[ntouch++] = post[e];
    }
    for (i = 0; i < ntouch; i++) {
        int u = v->cand[i], c = cnt[u], p, ub;
        double sim;
        p = r->uniq_pop[u];
        ub = c + rest < p ? c + rest : p;
        if ((double)ub / (q + p - ub) < t)
            continue;
        for (k = npre; k < q; k++)
            c += has_bit(s->rfp + (size_t)u * RL_FP_WORDS, ord[k]);
        sim = (double)c / (q + p - c);
        if (sim < t || sim <= 0.0)
            continue;
        v->usim[u] = sim;
        v->cand[n++] = u; /* n <= i */
    }
    for (i = 1; i < n; i++) {
        int u = v->cand[i];
        for (j = i; j > 0 && (v->usim[v->cand[j - 1]] < v->usim[u] ||
                              (v->usim[v->cand[j - 1]] == v->usim[u] &&
                               v->cand[j - 1] > u));
             j--)
            v->cand[j] = v->cand[j - 1];
        v->cand[j] = u;
    }
    v->ncand = n;
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
    if (!v->have_fp && (rc = cordon__sim_search(r, v, mol)))
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

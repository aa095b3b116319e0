/*
 * embed.c -- evaluates one generic definition against one molecule.
 *
 * Algorithm (docs/rules.md §2):
 *  1. embed the definition's anchor (its fixed regions: for fentanyl the
 *     anilide nitrogen and the piperidine ring) in the parent fragment,
 *     element, aromaticity, ring membership and bond orders preserved, as an
 *     induced subgraph;
 *  2. cut the molecule at the anchor into components and assign them to the
 *     parent compound's branches (R1, R2, R4+R5) or, where the parent has
 *     hydrogen, call them substituents of the fixed region they hang on;
 *  3. compare each branch with the parent's: unchanged, substituted (the
 *     parent's chain and ring found, extra groups on them), replaced or
 *     removed; classify every extra group (groups.c);
 *  4. accept a difference only when a limb in force allows it; among the
 *     ways to read the molecule keep the one with fewest uncovered
 *     differences, then fewest limbs, then substitution before replacement
 *     (2'-fluoro ortho-fluorofentanyl reads B+D, not A+D: docs/rules.md §2.4).
 * All work is bounded by ev_scratch.max_steps.
 */
#include <assert.h>
#include <string.h>

#include "rules/rules_int.h"

#define MAX_LOCAL 4     /* components examined per anchor atom */
#define MAX_ATT 4       /* attachments recorded per component */
#define NTEMP EV_NTEMPS /* nesting depth of alternative evaluations */

typedef struct mcomp {
    int start, n;           /* atoms in s->buf[start .. start+n) */
    int natt;               /* attachments (may exceed MAX_ATT) */
    int att_pos[MAX_ATT];   /* anchor position */
    int att_base[MAX_ATT];  /* anchor atom */
    int att_root[MAX_ATT];  /* component atom */
    int att_order[MAX_ATT]; /* bond order */
} mcomp;

typedef struct ctx {
    const rc_def *d;
    const cordon_mol *m;
    ev_scratch *s;
    int map[RC_MAX_ANCHOR];
    mcomp *comps;
    int ncomps;
    ev_result *tmp; /* NTEMP temporaries, s->temps */
    int depth;
    /* anchor positions with parent branches, and how many (removed_bound) */
    int nbpos;
    int bpos[RC_MAX_COMPS], bcnt[RC_MAX_COMPS];
    /* branches that only an unchanged root or a few replacements cover
     * (removed_bound): their anchor position and the (element, bond
     * order) pairs a neighbour there must have, element 0 = any */
    int nrb;
    struct {
        int pos, npair;
        unsigned char el[3], ord[3];
    } rb[RC_MAX_COMPS];
} ctx;

/* ---- ev_result helpers ---- */

static void res_clear(ev_result *r)
{
    r->matched = r->uncovered = r->ndiff = r->nrepl = 0;
    r->limbs = 0;
    r->since = 0;
    r->nregions = r->nsubsts = r->natoms = 0;
}

static int res_atoms(const cordon_allocator *a, ev_result *r, const int *at,
                     int n, int *off)
{
    if (cordon__grow(a, (void **)&r->atoms, sizeof *r->atoms, &r->cap_atoms,
                     (size_t)r->natoms + (size_t)n + 1))
        return CORDON_ENOMEM;
    *off = r->natoms;
    if (n)
        memcpy(r->atoms + r->natoms, at, sizeof *at * (size_t)n);
    r->natoms += n;
    return CORDON_OK;
}

static int add_region(ctx *c, ev_result *r, int region, const int *at, int n,
                      int change, int gclass, int limb)
{
    ev_region *e;
    const cordon_allocator *a = c->s->alloc;
    int off;
    if (res_atoms(a, r, at, n, &off) ||
        cordon__grow(a, (void **)&r->regions, sizeof *r->regions,
                     &r->cap_regions, (size_t)r->nregions + 1))
        return CORDON_ENOMEM;
    e = &r->regions[r->nregions++];
    e->region = region;
    e->atoms_off = off;
    e->natoms = n;
    e->change = change;
    e->gclass = gclass;
    e->limb = limb;
    if (change != EV_UNCHANGED) {
        r->ndiff++;
        if (limb < 0 && change != EV_SUBSTITUTED)
            r->uncovered++;
    }
    if (change == EV_REPLACED)
        r->nrepl++;
    if (limb >= 0) {
        r->limbs |= 1u << limb;
        if (c->d->limbs[limb].since > r->since)
            r->since = c->d->limbs[limb].since;
    }
    return CORDON_OK;
}

static int add_subst(ctx *c, ev_result *r, int region, int attach,
                     const int *at, int n, int gclass, int limb)
{
    ev_subst *e;
    const cordon_allocator *a = c->s->alloc;
    int off;
    if (res_atoms(a, r, at, n, &off) ||
        cordon__grow(a, (void **)&r->substs, sizeof *r->substs, &r->cap_substs,
                     (size_t)r->nsubsts + 1))
        return CORDON_ENOMEM;
    e = &r->substs[r->nsubsts++];
    e->region = region;
    e->attach = attach;
    e->atoms_off = off;
    e->natoms = n;
    e->gclass = gclass;
    e->limb = limb;
    r->ndiff++;
    if (limb >= 0 && c->d->limbs[limb].action == RC_REPLACE)
        r->nrepl++;
    if (limb < 0)
        r->uncovered++;
    else {
        r->limbs |= 1u << limb;
        if (c->d->limbs[limb].since > r->since)
            r->since = c->d->limbs[limb].since;
    }
    return CORDON_OK;
}

/* Appends src to dst (scores add up). */
static int res_merge(const cordon_allocator *a, ev_result *dst,
                     const ev_result *src)
{
    int i, base = dst->natoms, off;
    if (res_atoms(a, dst, src->atoms, src->natoms, &off) ||
        cordon__grow(a, (void **)&dst->regions, sizeof *dst->regions,
                     &dst->cap_regions,
                     (size_t)dst->nregions + (size_t)src->nregions + 1) ||
        cordon__grow(a, (void **)&dst->substs, sizeof *dst->substs,
                     &dst->cap_substs,
                     (size_t)dst->nsubsts + (size_t)src->nsubsts + 1))
        return CORDON_ENOMEM;
    for (i = 0; i < src->nregions; i++) {
        dst->regions[dst->nregions] = src->regions[i];
        dst->regions[dst->nregions++].atoms_off += base;
    }
    for (i = 0; i < src->nsubsts; i++) {
        dst->substs[dst->nsubsts] = src->substs[i];
        dst->substs[dst->nsubsts++].atoms_off += base;
    }
    dst->uncovered += src->uncovered;
    dst->ndiff += src->ndiff;
    dst->nrepl += src->nrepl;
    dst->limbs |= src->limbs;
    if (src->since > dst->since)
        dst->since = src->since;
    return CORDON_OK;
}

int cordon__ev_result_copy(const cordon_allocator *a, ev_result *dst,
                           const ev_result *src)
{
    res_clear(dst);
    dst->matched = src->matched;
    return res_merge(a, dst, src);
}

void cordon__ev_result_free(const cordon_allocator *a, ev_result *r)
{
    cordon__free(a, r->regions);
    cordon__free(a, r->substs);
    cordon__free(a, r->atoms);
    memset(r, 0, sizeof *r);
}

static int popcount32(uint32_t x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/* < 0 when a is the better reading. */
static int res_cmp(const ev_result *a, const ev_result *b)
{
    int d;
    if (a->uncovered != b->uncovered)
        return a->uncovered - b->uncovered;
    d = popcount32(a->limbs) - popcount32(b->limbs);
    if (d)
        return d;
    d = a->nrepl - b->nrepl;
    if (d)
        return d;
    if (a->limbs != b->limbs)
        return a->limbs < b->limbs ? -1 : 1;
    return 0;
}

static ev_result *push_tmp(ctx *c)
{
    ev_result *r;
    if (c->depth >= NTEMP)
        return NULL;
    r = &c->tmp[c->depth++];
    res_clear(r);
    return r;
}

static void pop_tmp(ctx *c)
{
    assert(c->depth > 0);
    c->depth--;
}

/* ---- limbs ---- */

static int limb_live(const ctx *c, const rc_limb *l)
{
    return !l->since || !c->s->date || l->since <= c->s->date;
}

/* Allowed classes of a substitute limb, widened by the definition's
 * "covers: esters, ethers" (an ester or ether of an allowed hydroxy). */
static uint32_t limb_allows(const ctx *c, const rc_limb *l)
{
    uint32_t m = l->classes;
    if (m & RG_BIT(RG_HYDROXY)) {
        if (c->d->covers & CORDON_KB_COVERS_ESTERS)
            m |= RG_BIT(RG_O_ESTER);
        if (c->d->covers & CORDON_KB_COVERS_ETHERS)
            m |= RG_BIT(RG_O_ETHER);
    }
    return m;
}

static int first_class(uint32_t m)
{
    int i;
    for (i = 0; i < RG_NCLASSES; i++)
        if (m & RG_BIT(i))
            return i;
    return -1;
}

/* Display class of a group without limb: most specific, "any-group" only
 * when nothing else fits (reported as unclassified by the caller). */
static int plain_class(uint32_t m)
{
    int k = first_class(m & ~(RG_BIT(RG_ANY) | RG_BIT(RG_O_ESTER) |
                              RG_BIT(RG_O_ETHER) | RG_BIT(RG_C_ROOT)));
    return k;
}

/* ---- groups ---- */

static int classify(ctx *c, rg_group *g, int *bare)
{
    rg_ctx rc;
    int i;
    ev_scratch *s = c->s;
    if (++s->stamp == 0) {
        memset(s->mark, 0, sizeof *s->mark * s->cap_atoms);
        s->stamp = 1;
    }
    for (i = 0; i < g->natoms; i++)
        s->mark[g->atoms[i]] = s->stamp;
    rc.mol = c->m;
    rc.mark = s->mark;
    rc.stamp = s->stamp;
    return (int)cordon__rg_classify(&rc, g, bare);
}

/* Evaluates one substituent group on region `region` (site bits of its base
 * atom) against the substitute limbs; records it in r. */
static int eval_subst(ctx *c, ev_result *r, int region, uint32_t sites,
                      rg_group *g)
{
    uint32_t m = (uint32_t)classify(c, g, NULL);
    int li, limb = -1, gcl = plain_class(m);
    for (li = 0; li < c->d->nlimbs && limb < 0; li++) {
        const rc_limb *l = &c->d->limbs[li];
        uint32_t ok;
        if (l->action != RC_SUBSTITUTE || !(l->regions & (1u << region)) ||
            !limb_live(c, l))
            continue;
        if (l->site >= 0 && !(sites & (1u << l->site)))
            continue;
        ok = m & limb_allows(c, l);
        if (ok) {
            limb = li;
            gcl = first_class(ok);
        }
    }
    return add_subst(c, r, region, g->base[0], g->atoms, g->natoms, gcl, limb);
}

/* ---- molecule components for an embedding ---- */

static int build_comps(ctx *c)
{
    ev_scratch *s = c->s;
    const cordon_mol *m = c->m;
    int i, a, nbuf = 0;
    if (++s->stamp2 == 0) {
        memset(s->mark2, 0, sizeof *s->mark2 * s->cap_atoms);
        s->stamp2 = 1;
    }
    for (i = 0; i < c->d->nanchor; i++) {
        s->mark2[c->map[i]] = s->stamp2;
        s->comp_of[c->map[i]] = -1;
    }
    c->ncomps = 0;
    for (a = 0; a < m->natoms; a++) {
        int head, tail;
        mcomp *mc;
        if (!s->frag[a] || s->mark2[a] == s->stamp2 || m->atoms[a].elem == 1)
            continue;
        mc = &c->comps[c->ncomps];
        mc->start = nbuf;
        mc->natt = 0;
        s->mark2[a] = s->stamp2;
        s->comp_of[a] = c->ncomps;
        s->buf[nbuf++] = a;
        for (head = mc->start, tail = nbuf; head < tail; head++) {
            int x = s->buf[head], k;
            for (k = m->nbr_start[x]; k < m->nbr_start[x + 1]; k++) {
                int y = m->nbrs[k].atom;
                if (m->atoms[y].elem == 1)
                    continue;
                if (s->mark2[y] == s->stamp2) {
                    /* an anchor atom (all mapped: s->apos is set) */
                    int p = s->comp_of[y] == -1 ? s->apos[y] : -1;
                    if (p >= 0) {
                        if (mc->natt < MAX_ATT) {
                            mc->att_pos[mc->natt] = p;
                            mc->att_base[mc->natt] = y;
                            mc->att_root[mc->natt] = x;
                            mc->att_order[mc->natt] =
                                m->bonds[m->nbrs[k].bond].order;
                        }
                        mc->natt++;
                    }
                    continue;
                }
                s->mark2[y] = s->stamp2;
                s->comp_of[y] = c->ncomps;
                s->buf[tail++] = y;
            }
            nbuf = tail;
        }
        mc->n = nbuf - mc->start;
        c->ncomps++;
    }
    s->ncomps = c->ncomps;
    s->comps_nanchor = c->d->nanchor;
    s->comps_ok = 1;
    return CORDON_OK;
}

/* The components of an earlier embedding of the same atoms (another
 * order, e.g. a ring's mirror image, or another definition with the same
 * anchor) are these: only the anchor positions of their attachments
 * change.  Returns 1 when the comps were reused. */
static int reuse_comps(ctx *c)
{
    ev_scratch *s = c->s;
    int i, j;
    if (!s->comps_ok || s->comps_nanchor != c->d->nanchor)
        return 0;
    /* the previous anchor atoms are the stamped atoms outside every
     * component; as many, all of them */
    for (i = 0; i < c->d->nanchor; i++)
        if (s->mark2[c->map[i]] != s->stamp2 || s->comp_of[c->map[i]] != -1)
            return 0;
    c->ncomps = s->ncomps;
    for (i = 0; i < c->ncomps; i++) {
        mcomp *mc = &c->comps[i];
        for (j = 0; j < mc->natt && j < MAX_ATT; j++)
            mc->att_pos[j] = s->apos[mc->att_base[j]];
    }
    return 1;
}

/* ---- small rooted isomorphism (branch regions) ---- */

static int atom_same(const cordon_mol *pm, int p, const cordon_mol *m, int a)
{
    return pm->atoms[p].elem == m->atoms[a].elem &&
           ((pm->atoms[p].flags ^ m->atoms[a].flags) & CORDON_ATOM_AROMATIC) ==
               0 &&
           cordon__eff_charge(pm, p) == cordon__eff_charge(m, a) &&
           cordon__eff_hcount(pm, p) == cordon__eff_hcount(m, a);
}

static int iso_extend(ctx *c, const int *pat, int np, int *img, int k,
                      const int *tgt, int nt)
{
    const cordon_mol *pm = c->d->parent, *m = c->m;
    int t, j;
    if (k == np)
        return 1;
    if (++c->s->steps > c->s->max_steps)
        return -1;
    for (t = 0; t < nt; t++) {
        int a = tgt[t], ok = atom_same(pm, pat[k], m, a);
        for (j = 0; ok && j < k; j++) {
            int pb = cordon_mol_bond_between(pm, pat[j], pat[k]);
            int mb = cordon_mol_bond_between(m, img[j], a);
            ok = img[j] != a && (pb < 0 ? mb < 0
                                        : mb >= 0 && pm->bonds[pb].order ==
                                                         m->bonds[mb].order);
        }
        if (ok) {
            int rc;
            img[k] = a;
            rc = iso_extend(c, pat, np, img, k + 1, tgt, nt);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* 1 if component mc (rooted at q0) is the parent branch pc. */
static int same_branch(ctx *c, const rc_comp *pc, const mcomp *mc, int q0)
{
    int pat[RC_MAX_ANCHOR * 4], img[RC_MAX_ANCHOR * 4], np = 0, i, a;
    const cordon_mol *pm = c->d->parent;
    if (mc->n != pc->natoms || mc->n > RC_MAX_ANCHOR * 4)
        return 0;
    pat[np++] = pc->root;
    for (a = 0; a < pm->natoms; a++)
        if (a != pc->root && c->d->anchor_pos[a] < 0) {
            /* atoms of this component: same branch region set */
            int r = c->d->region_of[a];
            if (pc->regions & (1u << r))
                pat[np++] = a;
        }
    if (np != mc->n || !atom_same(pm, pc->root, c->m, q0))
        return 0;
    img[0] = q0;
    for (i = 1; i < np; i++)
        img[i] = -1;
    return iso_extend(c, pat, np, img, 1, c->s->buf + mc->start, mc->n) == 1;
}

/* ---- branch decomposition: chain + ring ---- */

typedef struct decomp {
    int chain[RC_MAX_CHAIN];
    int ring; /* SSSR ring index of the molecule ring, -1 none */
    int x;    /* ring atom bonded to the chain (or the root) */
} decomp;

/* 1 if molecule ring `ring` read from atom x matches the parent ring of pc
 * (elements, aromaticity, bond orders; either direction). */
static int ring_same(ctx *c, const rc_comp *pc, int ring, int x)
{
    const cordon_mol *m = c->m, *pm = c->d->parent;
    int s0 = m->ring_start[ring], n = m->ring_start[ring + 1] - s0, i, k0 = -1,
        dir;
    if (n != pc->ring_size)
        return 0;
    for (i = 0; i < n; i++)
        if (m->ring_atoms[s0 + i] == x)
            k0 = i;
    if (k0 < 0)
        return 0;
    for (dir = -1; dir <= 1; dir += 2) {
        int ok = 1;
        for (i = 0; ok && i < n; i++) {
            int a = m->ring_atoms[s0 + ((k0 + dir * i) % n + n) % n];
            int b = m->ring_atoms[s0 + ((k0 + dir * (i + 1)) % n + n) % n];
            int p = pc->ring[i], q = pc->ring[(i + 1) % n];
            int mb = cordon_mol_bond_between(m, a, b);
            int pb = cordon_mol_bond_between(pm, p, q);
            ok = pm->atoms[p].elem == m->atoms[a].elem &&
                 !((pm->atoms[p].flags ^ m->atoms[a].flags) &
                   CORDON_ATOM_AROMATIC) &&
                 mb >= 0 && pb >= 0 &&
                 m->bonds[mb].order == pm->bonds[pb].order;
        }
        if (ok)
            return 1;
    }
    return 0;
}

static int in_comp(const ctx *c, const mcomp *mc, int a)
{
    return c->s->mark2[a] == c->s->stamp2 && c->s->comp_of[a] >= 0 &&
           &c->comps[c->s->comp_of[a]] == mc;
}

/* Marks (mark[] = stamp) the core atoms of a decomposition. */
static int ring_contains(const cordon_mol *m, int ring, int a)
{
    int k;
    for (k = m->ring_start[ring]; k < m->ring_start[ring + 1]; k++)
        if (m->ring_atoms[k] == a)
            return 1;
    return 0;
}

/* Sub-groups of mc outside the decomposition's core atoms (chain + ring):
 * each connected part with its attachments.  Fills `sg` (start/len into
 * out[]), returns the count. */
typedef struct subgrp {
    int start, n, natt;
    int root[2], base[2], order[2];
} subgrp;

static int core_atom(const ctx *c, const rc_comp *pc, const decomp *dc, int a)
{
    int i;
    for (i = 0; i < pc->nchain; i++)
        if (dc->chain[i] == a)
            return 1;
    return dc->ring >= 0 && ring_contains(c->m, dc->ring, a);
}

static int sub_groups(ctx *c, const rc_comp *pc, const mcomp *mc,
                      const decomp *dc, int *out, subgrp *sg, int maxsg)
{
    const cordon_mol *m = c->m;
    ev_scratch *s = c->s;
    int i, n = 0, nout = 0;
    if (++s->stamp == 0) {
        memset(s->mark, 0, sizeof *s->mark * s->cap_atoms);
        s->stamp = 1;
    }
    for (i = 0; i < mc->n; i++) {
        int a = s->buf[mc->start + i], head, tail;
        subgrp *g;
        if (s->mark[a] == s->stamp || core_atom(c, pc, dc, a))
            continue;
        if (n == maxsg)
            return -1;
        g = &sg[n++];
        g->start = nout;
        g->natt = 0;
        s->mark[a] = s->stamp;
        out[nout++] = a;
        for (head = g->start, tail = nout; head < tail; head++) {
            int x = out[head], k;
            for (k = m->nbr_start[x]; k < m->nbr_start[x + 1]; k++) {
                int y = m->nbrs[k].atom;
                if (!in_comp(c, mc, y) || s->mark[y] == s->stamp)
                    continue;
                if (core_atom(c, pc, dc, y)) {
                    if (g->natt < 2) {
                        g->root[g->natt] = x;
                        g->base[g->natt] = y;
                        g->order[g->natt] = m->bonds[m->nbrs[k].bond].order;
                    }
                    g->natt++;
                    continue;
                }
                s->mark[y] = s->stamp;
                out[tail++] = y;
            }
            nout = tail;
        }
        g->n = nout - g->start;
    }
    return n;
}

/* Region of a decomposition core atom. */
static int core_region(const ctx *c, const rc_comp *pc, const decomp *dc, int a)
{
    int i;
    for (i = 0; i < pc->nchain; i++)
        if (dc->chain[i] == a)
            return c->d->region_of[pc->chain[i]];
    return pc->ring_region;
}

/* Evaluates one decomposition of component mc against branch pc. */
static int eval_decomp(ctx *c, const rc_comp *pc, const mcomp *mc,
                       const decomp *dc, ev_result *r)
{
    const cordon_mol *m = c->m;
    const rc_def *d = c->d;
    int out[512], *grp_atoms, i, li, nsg, rc = CORDON_OK;
    subgrp sg[32];
    int ring_kept, ring_subst = 0, ring_bridge = 0, ring_atoms[64], nring = 0;
    if (mc->n > 512)
        return CORDON_ELIMIT;
    nsg = sub_groups(c, pc, mc, dc, out, sg, 32);
    if (nsg < 0)
        return CORDON_ELIMIT;
    grp_atoms = out;
    if (dc->ring >= 0) {
        int k;
        for (k = m->ring_start[dc->ring];
             k < m->ring_start[dc->ring + 1] && nring < 64; k++)
            ring_atoms[nring++] = m->ring_atoms[k];
    }
    ring_kept = dc->ring >= 0 && ring_same(c, pc, dc->ring, dc->x);
    for (i = 0; i < nsg; i++) {
        int reg0 = core_region(c, pc, dc, sg[i].base[0]);
        if (reg0 == pc->ring_region && pc->ring_region >= 0) {
            ring_subst++;
            if (sg[i].natt != 1)
                ring_bridge++;
        }
    }
    /* chain regions: unchanged atoms, substituents evaluated below */
    for (i = 0; i < pc->nchain; i++) {
        int reg = d->region_of[pc->chain[i]], j, n = 0, atoms[RC_MAX_CHAIN];
        if (i > 0 && d->region_of[pc->chain[i - 1]] == reg)
            continue;
        for (j = i; j < pc->nchain && d->region_of[pc->chain[j]] == reg; j++)
            atoms[n++] = dc->chain[j];
        if ((rc = add_region(c, r, reg, atoms, n, EV_UNCHANGED, -1, -1)))
            return rc;
    }
    /* the ring */
    if (pc->ring_region >= 0) {
        int reg = pc->ring_region;
        if (ring_kept) {
            /* option 1: substitute limbs for every ring substituent;
             * option 2: a replace limb that accepts the (kept) ring with
             * further substituents */
            ev_result *o1 = push_tmp(c), *o2;
            int best_limb = -1;
            if (!o1)
                return CORDON_ELIMIT;
            for (i = 0; i < nsg && !rc; i++) {
                rg_group g;
                if (core_region(c, pc, dc, sg[i].base[0]) != reg)
                    continue;
                if (sg[i].natt > 2) {
                    rc = add_subst(c, o1, reg, sg[i].base[0],
                                   grp_atoms + sg[i].start, sg[i].n, -1, -1);
                    continue;
                }
                g.atoms = grp_atoms + sg[i].start;
                g.natoms = sg[i].n;
                g.nattach = sg[i].natt;
                memcpy(g.root, sg[i].root, sizeof g.root);
                memcpy(g.base, sg[i].base, sizeof g.base);
                memcpy(g.order, sg[i].order, sizeof g.order);
                rc = eval_subst(c, o1, reg, 0, &g);
            }
            if (!rc && ring_subst && !ring_bridge &&
                (o2 = push_tmp(c)) != NULL) {
                for (li = 0; li < d->nlimbs && best_limb < 0; li++) {
                    const rc_limb *l = &d->limbs[li];
                    rg_group g;
                    uint32_t cls;
                    if (l->action != RC_REPLACE || l->regions != (1u << reg) ||
                        !limb_live(c, l) || !l->subst_any)
                        continue;
                    g.atoms = ring_atoms;
                    g.natoms = nring;
                    g.nattach = 1;
                    g.root[0] = dc->x;
                    g.base[0] = -1;
                    g.order[0] = CORDON_BOND_SINGLE;
                    cls = (uint32_t)classify(c, &g, NULL);
                    if (cls & l->classes & RG_RINGS)
                        best_limb = li;
                }
                if (best_limb >= 0) {
                    for (i = 0; i < nsg && !rc; i++)
                        if (core_region(c, pc, dc, sg[i].base[0]) == reg)
                            rc = add_subst(c, o2, reg, sg[i].base[0],
                                           grp_atoms + sg[i].start, sg[i].n, -1,
                                           best_limb);
                    /* group classes for display */
                    for (i = 0; i < o2->nsubsts; i++)
                        o2->substs[i].gclass = o1->substs[i].gclass;
                    if (!rc && res_cmp(o2, o1) < 0)
                        rc = cordon__ev_result_copy(c->s->alloc, o1, o2);
                }
                pop_tmp(c);
            }
            if (!rc)
                rc = add_region(c, r, reg, ring_atoms, nring,
                                ring_subst ? EV_SUBSTITUTED : EV_UNCHANGED, -1,
                                o1->nsubsts && o1->substs[0].limb >= 0 &&
                                        d->limbs[o1->substs[0].limb].action ==
                                            RC_REPLACE
                                    ? o1->substs[0].limb
                                    : -1);
            if (!rc)
                rc = res_merge(c->s->alloc, r, o1);
            pop_tmp(c);
            if (rc)
                return rc;
        } else {
            /* replaced: the ring plus whatever hangs only on it */
            rg_group g;
            int all[512], nall = 0, bare = 0, limb = -1, gcl = -1, k;
            uint32_t cls;
            for (k = 0; k < nring; k++)
                all[nall++] = ring_atoms[k];
            for (i = 0; i < nsg; i++)
                if (core_region(c, pc, dc, sg[i].base[0]) == reg)
                    for (k = 0; k < sg[i].n && nall < 512; k++)
                        all[nall++] = grp_atoms[sg[i].start + k];
            g.atoms = all;
            g.natoms = nall;
            g.nattach = 1;
            g.root[0] = dc->x;
            g.base[0] = pc->nchain ? dc->chain[pc->nchain - 1] : -1;
            g.order[0] = CORDON_BOND_SINGLE;
            cls = dc->ring >= 0 && !ring_bridge
                      ? (uint32_t)classify(c, &g, &bare)
                      : RG_BIT(RG_ANY);
            gcl = plain_class(cls);
            for (li = 0; li < d->nlimbs && limb < 0; li++) {
                const rc_limb *l = &d->limbs[li];
                if (l->action != RC_REPLACE || l->regions != (1u << reg) ||
                    !limb_live(c, l) || !(cls & l->classes))
                    continue;
                if (!bare && !l->subst_any)
                    continue;
                limb = li;
                gcl = first_class(cls & l->classes);
            }
            if ((rc = add_region(c, r, reg, all, nall, EV_REPLACED, gcl, limb)))
                return rc;
        }
    }
    /* substituents of the chain regions */
    for (i = 0; i < nsg; i++) {
        int reg = core_region(c, pc, dc, sg[i].base[0]);
        rg_group g;
        if (reg == pc->ring_region)
            continue;
        g.atoms = grp_atoms + sg[i].start;
        g.natoms = sg[i].n;
        g.nattach = sg[i].natt > 2 ? 2 : sg[i].natt;
        memcpy(g.root, sg[i].root, sizeof g.root);
        memcpy(g.base, sg[i].base, sizeof g.base);
        memcpy(g.order, sg[i].order, sizeof g.order);
        if (sg[i].natt > 2 ||
            (sg[i].natt == 2 && core_region(c, pc, dc, sg[i].base[1]) != reg))
            rc = add_subst(c, r, reg, sg[i].base[0], g.atoms, g.natoms, -1, -1);
        else
            rc = eval_subst(c, r, reg, 0, &g);
        if (rc)
            return rc;
    }
    return CORDON_OK;
}

/* Enumerates chain paths from the root and evaluates each decomposition;
 * keeps the best in best (best->matched = 1 once one exists). */
static int decompose(ctx *c, const rc_comp *pc, const mcomp *mc, decomp *dc,
                     int k, int prev, int cur, ev_result *best)
{
    const cordon_mol *m = c->m, *pm = c->d->parent;
    int rc = CORDON_OK, j;
    if (++c->s->steps > c->s->max_steps)
        return CORDON_ELIMIT;
    if (k < pc->nchain) {
        int pa = pc->chain[k];
        int pprev = k ? pc->chain[k - 1] : -1;
        int mb = cordon_mol_bond_between(m, prev, cur);
        int pb = pprev >= 0 ? cordon_mol_bond_between(pm, pprev, pa) : -1;
        if (m->atoms[cur].elem != pm->atoms[pa].elem ||
            (m->atoms[cur].flags &
             (CORDON_ATOM_IN_RING | CORDON_ATOM_AROMATIC)))
            return CORDON_OK;
        if (pb >= 0 && (mb < 0 || m->bonds[mb].order != pm->bonds[pb].order))
            return CORDON_OK;
        dc->chain[k] = cur;
        if (k + 1 == pc->nchain && pc->ring_region < 0) {
            dc->ring = -1;
            dc->x = -1;
            goto evaluate;
        }
        for (j = m->nbr_start[cur]; j < m->nbr_start[cur + 1] && !rc; j++) {
            int y = m->nbrs[j].atom;
            if (y == prev || !in_comp(c, mc, y))
                continue;
            rc = decompose(c, pc, mc, dc, k + 1, cur, y, best);
        }
        return rc;
    }
    /* k == nchain: cur is the ring atom candidate */
    if (pc->ring_region < 0 || !(m->atoms[cur].flags & CORDON_ATOM_IN_RING))
        return CORDON_OK;
    if (prev >= 0 && pc->nchain) {
        int mb = cordon_mol_bond_between(m, prev, cur);
        if (mb < 0 || m->bonds[mb].order != CORDON_BOND_SINGLE)
            return CORDON_OK;
    }
    dc->x = cur;
    /* every SSSR ring through cur is a candidate reading */
    {
        int r;
        for (r = 0; r < m->nrings && !rc; r++) {
            if (!ring_contains(m, r, cur))
                continue;
            dc->ring = r;
            {
                ev_result *t = push_tmp(c);
                if (!t)
                    return CORDON_ELIMIT;
                rc = eval_decomp(c, pc, mc, dc, t);
                if (!rc && (!best->matched || res_cmp(t, best) < 0)) {
                    rc = cordon__ev_result_copy(c->s->alloc, best, t);
                    best->matched = 1;
                }
                pop_tmp(c);
            }
        }
    }
    return rc;
evaluate : {
    ev_result *t = push_tmp(c);
    if (!t)
        return CORDON_ELIMIT;
    rc = eval_decomp(c, pc, mc, dc, t);
    if (!rc && (!best->matched || res_cmp(t, best) < 0)) {
        rc = cordon__ev_result_copy(c->s->alloc, best, t);
        best->matched = 1;
    }
    pop_tmp(c);
    return rc;
}
}

/* Acetal at anchor atom `base`: the groups (all single-bonded at base) are
 * two -O-C groups, or one -O-...-O- group bonded twice to base. */
static int is_acetal(ctx *c, const mcomp *const *g, int ng, int base)
{
    const cordon_mol *m = c->m;
    int i, j, no = 0;
    for (i = 0; i < ng; i++) {
        for (j = 0; j < g[i]->natt && j < MAX_ATT; j++) {
            int o = g[i]->att_root[j], k, carbon = 0;
            if (c->map[g[i]->att_pos[j]] != base || m->atoms[o].elem != 8 ||
                g[i]->att_order[j] != CORDON_BOND_SINGLE ||
                cordon__heavy_degree(m, o) != 2)
                return 0;
            for (k = m->nbr_start[o]; k < m->nbr_start[o + 1]; k++)
                carbon |= m->nbrs[k].atom != base &&
                          m->atoms[m->nbrs[k].atom].elem == 6;
            if (!carbon)
                return 0;
            no++;
        }
    }
    return no == 2;
}

/* Adds one entry per region of branch pc, all with the same atoms, and
 * counts the change once (a branch replaced as a whole is one
 * difference). */
static int add_branch_regions(ctx *c, ev_result *r, const rc_comp *pc,
                              const int *atoms, int n, int change, int gclass,
                              int limb)
{
    int i, k = 0, rc = CORDON_OK, u0 = r->uncovered, d0 = r->ndiff,
           p0 = r->nrepl;
    for (i = 0; i < c->d->nregions && !rc; i++)
        if (pc->regions & (1u << i)) {
            rc = add_region(c, r, i, atoms, n, change, gclass, limb);
            k++;
        }
    if (k > 1) {
        if (r->uncovered > u0)
            r->uncovered = u0 + 1;
        if (r->ndiff > d0)
            r->ndiff = d0 + 1;
        if (r->nrepl > p0)
            r->nrepl = p0 + 1;
    }
    return rc;
}

/* Evaluates parent branch pc against the molecule components assigned to
 * it (ng of them) and appends the best reading to r.  A reading of r with
 * more than limit uncovered differences is of no use to the caller. */
static int eval_branch(ctx *c, const rc_comp *pc, const mcomp *const *g, int ng,
                       ev_result *r, int limit)
{
    const rc_def *d = c->d;
    ev_result *best = push_tmp(c);
    int li, rc = CORDON_OK, i;
    if (!best)
        return CORDON_ELIMIT;
    best->matched = 0;
    if (ng == 0) {
        /* removed: no limb allows removal (China condition 4 excludes
         * hydrogen explicitly) */
        rc = add_branch_regions(c, best, pc, NULL, 0, EV_REMOVED, -1, -1);
        best->matched = 1;
        goto done;
    }
    /* unchanged? */
    if (ng == 1 && g[0]->natt == 1 && g[0]->att_order[0] == pc->order &&
        same_branch(c, pc, g[0], g[0]->att_root[0])) {
        for (i = 0; i < d->nregions && !rc; i++)
            if (pc->regions & (1u << i))
                rc = add_region(c, best, i, c->s->buf + g[0]->start, g[0]->n,
                                EV_UNCHANGED, -1, -1);
        best->matched = 1;
        goto done;
    }
    /* decomposition into chain + ring with substituents */
    if (!rc && ng == 1 && g[0]->natt == 1 && pc->branch < 0 &&
        g[0]->att_order[0] == pc->order) {
        decomp dc;
        int q0 = g[0]->att_root[0];
        dc.ring = -1;
        dc.x = -1;
        rc = decompose(c, pc, g[0], &dc, 0, c->map[pc->attach], q0, best);
    }
    /* whole replacement by a limb on exactly this branch's regions */
    for (li = 0; li < d->nlimbs && !rc; li++) {
        const rc_limb *l = &d->limbs[li];
        ev_result *t;
        int ok = 0, gcl = -1, bare = 0, n = 0, atoms[512];
        if (l->action != RC_REPLACE || l->regions != pc->regions ||
            !limb_live(c, l))
            continue;
        for (i = 0; i < ng; i++) {
            int k;
            for (k = 0; k < g[i]->n && n < 512; k++)
                atoms[n++] = c->s->buf[g[i]->start + k];
        }
        if (l->classes & RG_BIT(RG_ACETAL)) {
            ok = is_acetal(c, g, ng, c->map[pc->attach]);
            gcl = RG_ACETAL;
        } else if (ng == 1 && g[0]->natt == 1 &&
                   g[0]->att_order[0] == CORDON_BOND_SINGLE) {
            rg_group gr;
            uint32_t cls;
            gr.atoms = atoms;
            gr.natoms = n;
            gr.nattach = 1;
            gr.root[0] = g[0]->att_root[0];
            gr.base[0] = c->map[pc->attach];
            gr.order[0] = CORDON_BOND_SINGLE;
            cls = (uint32_t)classify(c, &gr, &bare);
            if (cls & l->classes) {
                gcl = first_class(cls & l->classes);
                ok = !(cls & l->classes & RG_RINGS) || bare || l->subst_any;
            }
        }
        if (!ok)
            continue;
        if (!(t = push_tmp(c))) {
            rc = CORDON_ELIMIT;
            break;
        }
        rc = add_branch_regions(c, t, pc, atoms, n, EV_REPLACED, gcl, li);
        if (!rc && (!best->matched || res_cmp(t, best) < 0)) {
            rc = cordon__ev_result_copy(c->s->alloc, best, t);
            best->matched = 1;
        }
        pop_tmp(c);
    }
    if (!rc && !best->matched) {
        /* nothing fits: the branch is replaced by something no limb allows */
        int n = 0, atoms[512], k;
        uint32_t cls = RG_BIT(RG_ANY);
        for (i = 0; i < ng; i++)
            for (k = 0; k < g[i]->n && n < 512; k++)
                atoms[n++] = c->s->buf[g[i]->start + k];
        /* the group's class is only shown: not worked out for a reading
         * already of no use (r->uncovered + 1 > limit) */
        if (ng == 1 && g[0]->natt == 1 && r->uncovered < limit) {
            rg_group gr;
            gr.atoms = atoms;
            gr.natoms = n;
            gr.nattach = 1;
            gr.root[0] = g[0]->att_root[0];
            gr.base[0] = c->map[pc->attach];
            gr.order[0] = g[0]->att_order[0];
            cls = (uint32_t)classify(c, &gr, NULL);
        }
        rc = add_branch_regions(c, best, pc, atoms, n, EV_REPLACED,
                                plain_class(cls), -1);
        best->matched = 1;
    }
done:
    if (!rc)
        rc = res_merge(c->s->alloc, r, best);
    pop_tmp(c);
    return rc;
}

/* ---- per anchor atom: assign components to branches ---- */

/* Appends to r the best reading of the components at anchor position pos.
 * An assignment whose reading already has more uncovered differences than
 * the best so far, or than the embedding may still take (s->max_uncovered
 * less the spent ones of its other anchor atoms), cannot be the one used:
 * its evaluation stops there (uncovered only grows; when no assignment is
 * within the budget, the result is of no use anyway). */
static int eval_anchor_atom(ctx *c, int pos, ev_result *r, int spent)
{
    const rc_def *d = c->d;
    const mcomp *local[MAX_LOCAL + 8];
    int pcs[RC_MAX_COMPS], np = 0, nm = 0, i, rc = CORDON_OK, total = 1;
    int assign[MAX_LOCAL], best_code = -1, code, limit;
    int patom = d->anchor[pos], region = d->region_of[patom];
    ev_result *best = push_tmp(c), *t;
    if (!best)
        return CORDON_ELIMIT;
    for (i = 0; i < d->ncomps; i++)
        if (d->comps[i].attach == pos)
            pcs[np++] = i;
    for (i = 0; i < c->ncomps; i++) {
        const mcomp *mc = &c->comps[i];
        int j, here = mc->natt <= MAX_ATT && mc->natt > 0;
        for (j = 0; here && j < mc->natt; j++)
            here = mc->att_pos[j] == pos;
        if (here && nm < MAX_LOCAL + 8)
            local[nm++] = mc;
    }
    if (nm > MAX_LOCAL) {
        pop_tmp(c);
        return CORDON_ELIMIT;
    }
    for (i = 0; i < nm; i++)
        total *= np + 1;
    for (code = 0; code < total && !rc; code++) {
        int x = code;
        for (i = 0; i < nm; i++) {
            assign[i] = x % (np + 1);
            x /= np + 1;
        }
        if (!(t = push_tmp(c))) {
            rc = CORDON_ELIMIT;
            break;
        }
        limit = c->s->max_uncovered - spent;
        if (best_code >= 0 && best->uncovered < limit)
            limit = best->uncovered;
        for (i = 0; i < np && !rc && t->uncovered <= limit; i++) {
            const mcomp *g[MAX_LOCAL];
            int ng = 0, j;
            for (j = 0; j < nm; j++)
                if (assign[j] == i)
                    g[ng++] = local[j];
            rc = eval_branch(c, &d->comps[pcs[i]], g, ng, t, limit);
        }
        for (i = 0; i < nm && !rc && t->uncovered <= limit; i++) {
            rg_group gr;
            if (assign[i] != np)
                continue;
            gr.atoms = c->s->buf + local[i]->start;
            gr.natoms = local[i]->n;
            gr.nattach = local[i]->natt;
            gr.root[0] = local[i]->att_root[0];
            gr.base[0] = c->map[pos];
            gr.order[0] = local[i]->att_order[0];
            if (gr.nattach == 2) {
                gr.root[1] = local[i]->att_root[1];
                gr.base[1] = c->map[pos];
                gr.order[1] = local[i]->att_order[1];
            }
            rc = eval_subst(c, t, region, d->sites_of[patom], &gr);
        }
        if (!rc && (best_code < 0 || res_cmp(t, best) < 0)) {
            rc = cordon__ev_result_copy(c->s->alloc, best, t);
            best_code = code;
        }
        pop_tmp(c);
    }
    if (!rc)
        rc = res_merge(c->s->alloc, r, best);
    pop_tmp(c);
    return rc;
}

/* Components bonded to two or more anchor atoms (or to one more than
 * MAX_ATT times): bridges across the core. */
static int eval_bridges(ctx *c, ev_result *r)
{
    int i, rc = CORDON_OK;
    for (i = 0; i < c->ncomps && !rc; i++) {
        const mcomp *mc = &c->comps[i];
        int j, local = mc->natt <= MAX_ATT && mc->natt > 0, reg0, reg1;
        rg_group g;
        for (j = 0; local && j < mc->natt; j++)
            local = mc->att_pos[j] == mc->att_pos[0];
        if (local || mc->natt == 0)
            continue;
        reg0 = c->d->region_of[c->d->anchor[mc->att_pos[0]]];
        g.atoms = c->s->buf + mc->start;
        g.natoms = mc->n;
        if (mc->natt != 2) {
            rc = add_subst(c, r, reg0, c->map[mc->att_pos[0]], g.atoms,
                           g.natoms, -1, -1);
            continue;
        }
        reg1 = c->d->region_of[c->d->anchor[mc->att_pos[1]]];
        g.nattach = 2;
        for (j = 0; j < 2; j++) {
            g.root[j] = mc->att_root[j];
            g.base[j] = c->map[mc->att_pos[j]];
            g.order[j] = mc->att_order[j];
        }
        if (reg0 != reg1)
            rc = add_subst(c, r, reg0, g.base[0], g.atoms, g.natoms, -1, -1);
        else
            rc = eval_subst(c, r, reg0,
                            c->d->sites_of[c->d->anchor[mc->att_pos[0]]] &
                                c->d->sites_of[c->d->anchor[mc->att_pos[1]]],
                            &g);
    }
    return rc;
}

/* Fixed regions: their atoms, marked substituted when a substituent hangs
 * on them.  Appended first so explanations list regions in order. */
static int eval_embedding(ctx *c, ev_result *r)
{
    const rc_def *d = c->d;
    int i, k, reg, rc = CORDON_OK, spent = 0, u0;
    res_clear(r);
    r->matched = 1;
    if (!reuse_comps(c) && (rc = build_comps(c)))
        return rc;
    /* the anchor atoms with parent branches first, most branches first
     * (where a molecule most often differs); each atom's reading does not
     * depend on the others', so they are appended in anchor order after */
    for (k = 0; k < c->nbpos && !rc; k++) {
        res_clear(&c->s->pre[k]);
        rc = eval_anchor_atom(c, c->bpos[k], &c->s->pre[k], spent);
        spent += c->s->pre[k].uncovered;
        if (spent > c->s->max_uncovered) {
            r->uncovered = spent;
            return rc; /* uncovered only grows */
        }
    }
    for (i = 0; i < d->nanchor && !rc; i++) {
        for (k = 0; k < c->nbpos && c->bpos[k] != i; k++)
            ;
        if (k < c->nbpos) {
            rc = res_merge(c->s->alloc, r, &c->s->pre[k]);
            continue;
        }
        u0 = r->uncovered;
        rc = eval_anchor_atom(c, i, r, spent);
        spent += r->uncovered - u0;
        if (spent > c->s->max_uncovered) {
            r->uncovered = spent;
            return rc;
        }
    }
    if (!rc)
        rc = eval_bridges(c, r);
    if (r->uncovered > c->s->max_uncovered)
        return rc;
    for (reg = 0; reg < d->nregions && !rc; reg++) {
        int atoms[RC_MAX_ANCHOR], n = 0, subst = 0;
        if (d->regions[reg].kind != RC_FIXED)
            continue;
        for (i = 0; i < d->nanchor; i++)
            if (d->region_of[d->anchor[i]] == reg)
                atoms[n++] = c->map[i];
        for (i = 0; i < r->nsubsts; i++)
            subst |= r->substs[i].region == reg;
        /* add_region counts a difference for SUBSTITUTED; the substituents
         * were already counted, so undo that */
        rc = add_region(c, r, reg, atoms, n,
                        subst ? EV_SUBSTITUTED : EV_UNCHANGED, -1, -1);
        if (!rc && subst)
            r->ndiff--;
    }
    return rc;
}

/* ---- the anchor prefilter (docs/rules.md §2.1) ---- */

/* The type code of an atom (type_of * 2 + ring) is (elem_code4x[elem] ^
 * 36) | flag_code[flags & 3]: elem_code4x holds type_of's element slot * 4
 * (C N O S P F Cl Br I, other: slot 9), 0xff for hydrogen (so that the code
 * stays 0xff, outside every fragment); CORDON_ATOM_AROMATIC (bit 0) adds 2,
 * CORDON_ATOM_IN_RING (bit 1) adds 1. */
#define SLOT4(s) (4 * (s) ^ 9 * 4) /* stored ^ 36: elements left 0 read 9 */
static const unsigned char elem_code4x[256] = {
    [1] = 0xff ^ 9 * 4, [6] = SLOT4(0),  [7] = SLOT4(1), [8] = SLOT4(2),
    [16] = SLOT4(3),    [15] = SLOT4(4), [9] = SLOT4(5), [17] = SLOT4(6),
    [35] = SLOT4(7),    [53] = SLOT4(8)};
#undef SLOT4
static const unsigned char flag_code[4] = {0, 2, 1, 3};

/* An atom's type: its element slot (C N O S P F Cl Br I, other: 9, which
 * here includes hydrogen) times 2, plus 1 if aromatic. */
static int type_of(const cordon_atom *at)
{
    unsigned s = (elem_code4x[at->elem] ^ 9u * 4) >> 2;
    return (int)(s > 9 ? 9 : s) * 2 +
           ((at->flags & CORDON_ATOM_AROMATIC) ? 1 : 0);
}

static void count_add(rc_counts *c, int t, int ring, int branch)
{
    if (c->n[t] < UINT16_MAX)
        c->n[t]++;
    if (ring && c->n[RC_NTYPE + t] < UINT16_MAX)
        c->n[RC_NTYPE + t]++;
    if (branch && c->n[2 * RC_NTYPE + t] < UINT16_MAX)
        c->n[2 * RC_NTYPE + t]++;
}

/* The mask bits (ge[0..2]: count >= 1, 2, 4) of count x at index k. */
static inline void mask_add(uint64_t *ge, int k, unsigned x)
{
    uint64_t bit = (uint64_t)1 << k;
    ge[0] |= x >= 1 ? bit : 0;
    ge[1] |= x >= 2 ? bit : 0;
    ge[2] |= x >= 4 ? bit : 0;
}

/* c's masks (ge[0..2]: count >= 1, 2, 4) from its counts; seen (bit t:
 * type t) covers at least every type with a non-zero count. */
static void count_masks(rc_counts *c, uint32_t seen)
{
    int ty, k;
    c->ge[0] = c->ge[1] = c->ge[2] = 0;
    for (ty = 0; seen; ty++, seen >>= 1) {
        if (!(seen & 1))
            continue;
        for (k = ty; k < RC_NCOUNT; k += RC_NTYPE)
            mask_add(c->ge, k, c->n[k]);
    }
}
#define ALL_TYPES (((uint32_t)1 << RC_NTYPE) - 1)

/* An anchor atom maps to a fragment atom of its element and aromaticity,
 * in a ring if it is, each to another (anchor_compat, extend);
 * the core is embedded with its bonds, so an atom with three anchor
 * neighbours maps to one with at least three neighbours. */
void cordon__rc_anchor_need(rc_def *d)
{
    const cordon_mol *pm = d->parent;
    int i, j;
    memset(&d->need, 0, sizeof d->need);
    memset(d->border, 0, sizeof d->border);
    for (i = 0; i < d->nanchor; i++) {
        const cordon_atom *at = &pm->atoms[d->anchor[i]];
        int deg = 0, ring = (at->flags & CORDON_ATOM_IN_RING) != 0;
        d->nback[i] = 0;
        for (j = 0; j < d->nanchor; j++) {
            int b = j == i ? -1
                           : cordon_mol_bond_between(pm, d->anchor[i],
                                                     d->anchor[j]);
            if (b < 0)
                continue;
            deg++;
            if (j < i) {
                d->border[i][j] = (unsigned char)(pm->bonds[b].order + 1);
                d->nback[i]++;
            }
        }
        d->acode[i] = (unsigned char)(type_of(at) * 2 + ring);
        d->aelem[i] = at->elem;
        d->aslow[i] = d->exact || at->charge;
        count_add(&d->need, type_of(at), ring, deg >= 3);
    }
    count_masks(&d->need, ALL_TYPES);
    d->nneed = 0;
    for (i = 0; i < RC_NCOUNT; i++) {
        if (!d->need.n[i])
            continue;
        for (j = d->nneed++; j > 0 && d->need.n[d->needk[j - 1]] < d->need.n[i];
             j--)
            d->needk[j] = d->needk[j - 1];
        d->needk[j] = (unsigned char)i;
    }
}
void cordon__rc_prepare(ev_scratch *s, const cordon_mol *mol)
{
    int a;
    uint32_t seen = 0; /* types present */
    s->comps_ok = 0;
    memset(&s->counts, 0, sizeof s->counts);
    if (mol->natoms > UINT16_MAX) {
        /* counts that could overflow: saturate */
        for (a = 0; a < mol->natoms; a++) {
            const cordon_atom *at = &mol->atoms[a];
            int t = type_of(at), ring = (at->flags & CORDON_ATOM_IN_RING) != 0;
            s->acode[a] = s->frag[a] ? (unsigned char)(t * 2 + ring) : 0xff;
            if (s->frag[a])
                count_add(&s->counts, t, ring,
                          mol->nbr_start[a + 1] - mol->nbr_start[a] >= 3);
        }
        count_masks(&s->counts, ALL_TYPES);
        s->prepared = 1;
        return;
    }
    for (a = 0; a < mol->natoms; a++) {
        const cordon_atom *at = &mol->atoms[a];
        int t, ring;
        if (!s->frag[a]) {
            s->acode[a] = 0xff;
            continue;
        }
        t = type_of(at);
        ring = (at->flags & CORDON_ATOM_IN_RING) != 0;
        s->acode[a] = (unsigned char)(t * 2 + ring);
        seen |= 1u << t;
        s->counts.n[t]++;
        s->counts.n[RC_NTYPE + t] += (uint16_t)ring;
        s->counts.n[2 * RC_NTYPE + t] +=
            (uint16_t)(mol->nbr_start[a + 1] - mol->nbr_start[a] >= 3);
    }
    count_masks(&s->counts, seen);
    s->prepared = 1;
}

/* The bonds between heavy atoms join them all: a union-find over the
 * bonds (the fallback of cordon__rc_prepare_parent). */
static int heavy_connected(const cordon_mol *mol, const unsigned char *frag,
                           int *up)
{
    const cordon_bond *bonds = mol->bonds;
    int a, i, ncomp = 0;
    for (a = 0; a < mol->natoms; a++)
        if (frag[a]) {
            up[a] = a;
            ncomp++;
        }
    for (i = 0; i < mol->nbonds; i++) {
        int x = bonds[i].begin, y = bonds[i].end;
        if (!frag[x] || !frag[y])
            continue;
        while (up[x] != x)
            x = up[x] = up[up[x]];
        while (up[y] != y)
            y = up[y] = up[up[y]];
        if (x != y) {
            up[x] = y;
            ncomp--;
        }
    }
    return ncomp == 1;
}

int cordon__rc_prepare_parent(ev_scratch *s, const cordon_mol *mol,
                              unsigned char *frag, int *salt, int *stereo)
{
    const cordon_atom *atoms = mol->atoms;
    const cordon_bond *bonds = mol->bonds;
    const int32_t *ns = mol->nbr_start;
    const cordon_nbr *nbrs = mol->nbrs;
    unsigned char *acode = s->acode;
    rc_counts *cn = &s->counts;
    /* atoms per type code, and those of degree >= 3 (hydrogen: 0xff & 63) */
    uint16_t hc[64], hb[64];
    int a, n = mol->natoms, nheavy, charged = 0, i, unlinked = 0;
    unsigned chiral = 0, bstereo = 0, code;
    s->comps_ok = 0;
    if (n > UINT16_MAX)
        return -1;
    *salt = *stereo = 0;
    memset(hc, 0, sizeof hc);
    memset(hb, 0, sizeof hb);
    for (a = 0; a < n; a++) {
        const cordon_atom *at = &atoms[a];
        code = (elem_code4x[at->elem] ^ 9u * 4) | flag_code[at->flags & 3];
        acode[a] = (unsigned char)code;
        frag[a] = code != 0xff;
        hc[code & 63]++;
        hb[code & 63] += at->degree >= 3;
        charged |= at->charge;
        /* CORDON_CHI_CCW, CORDON_CHI_CW (1, 2): bit 1 of chiral + 1 */
        chiral |= at->chiral + 1u;
        /* connected when every heavy atom but the first has a heavy
         * neighbour of lower index (by induction, a path to the first);
         * in SMILES order it is the first in the neighbour list.  The
         * first heavy atom has none (those below it are hydrogens): so
         * connected when exactly one heavy atom has none */
        if (code != 0xff) {
            int k = ns[a];
            unlinked += !at->degree || nbrs[k].atom > a || !frag[nbrs[k].atom];
        }
    }
    nheavy = n - hc[63];
    if (!nheavy)
        return 0; /* no fragment: frag all 0 */
    if (unlinked != 1 && !heavy_connected(mol, frag, s->queue))
        return -1; /* more than one fragment */
    /* cis/trans marks (CORDON_BSTEREO_CIS, _TRANS: 1, 2) of the bonds
     * from the fragment: bit 1 of stereo + 1 */
    if (nheavy == n)
        for (i = 0; i < mol->nbonds; i++)
            bstereo |= bonds[i].stereo + 1u;
    else
        for (i = 0; i < mol->nbonds; i++)
            if (frag[bonds[i].begin])
                bstereo |= bonds[i].stereo + 1u;
    /* the counts (cordon__rc_prepare's) and their masks (count_masks) */
    memset(cn, 0, sizeof *cn);
    for (code = 0; code < 2 * RC_NTYPE; code += 2) {
        unsigned r0 = hc[code], r1 = hc[code + 1], t = code >> 1;
        if (!(r0 | r1))
            continue;
        cn->n[t] = (uint16_t)(r0 + r1);
        cn->n[RC_NTYPE + t] = (uint16_t)r1;
        cn->n[2 * RC_NTYPE + t] = (uint16_t)(hb[code] + hb[code + 1]);
        mask_add(cn->ge, (int)t, r0 + r1);
        mask_add(cn->ge, RC_NTYPE + (int)t, r1);
        mask_add(cn->ge, 2 * RC_NTYPE + (int)t, cn->n[2 * RC_NTYPE + t]);
    }
    s->prepared = 1;
    for (a = 0; charged && a < n; a++)
        if (frag[a] && atoms[a].charge &&
            cordon__eff_charge(mol, a) != atoms[a].charge)
            *salt = 1;
    *stereo = ((chiral | bstereo) & 2) != 0;
    return nheavy;
}

int cordon__rc_may_embed(const rc_def *d, const rc_counts *have)
{
    int i;
    if ((d->need.ge[0] & ~have->ge[0]) | (d->need.ge[1] & ~have->ge[1]) |
        (d->need.ge[2] & ~have->ge[2]))
        return 0;
    for (i = 0; i < d->nneed; i++)
        if (d->need.n[d->needk[i]] > have->n[d->needk[i]])
            return 0;
    return 1;
}

/* ---- the anchor matcher ---- */

/* a (whose type code extend has found compatible: same type, in a ring if
 * the anchor atom is; the type implies the aromaticity and, but for slot 9
 * ("other"), the element) may take anchor position pos. */
static int anchor_compat(const ctx *c, int pos, int a)
{
    const cordon_mol *pm = c->d->parent, *m = c->m;
    int p = c->d->anchor[pos];
    const cordon_atom *pa = &pm->atoms[p], *ma = &m->atoms[a];
    if (pa->elem != ma->elem)
        return 0;
    if (c->d->exact) {
        /* derivative definitions: every atom as in the parent, except a
         * site oxygen, which may carry one group instead of its H */
        int dp = cordon__heavy_degree(pm, p), dm = cordon__heavy_degree(m, a);
        int hp = cordon__eff_hcount(pm, p), hm = cordon__eff_hcount(m, a);
        int extra = c->d->sites_of[p] ? dm - dp : 0;
        if (extra < 0 || extra > 1 || (!c->d->sites_of[p] && dm != dp) ||
            hm != hp - extra)
            return 0;
    }
    /* cordon__eff_charge of an uncharged atom is 0 */
    return !(pa->charge | ma->charge) ||
           (pa->charge ? cordon__eff_charge(pm, p) : 0) ==
               (ma->charge ? cordon__eff_charge(m, a) : 0);
}

/* A lower bound of the uncovered differences of the embedding in c->map
 * (complete, with s->apos set): a parent branch that gets no molecule
 * component is removed, and no limb allows removal (eval_branch).  The
 * components local to an anchor atom are at most its heavy neighbours
 * outside the anchor, so an anchor atom with np branches and fewer such
 * neighbours n has at least np - n removed branches. */
static int removed_bound(const ctx *c)
{
    const cordon_mol *m = c->m;
    int i, j, lb = 0;
    for (i = 0; i < c->nbpos; i++) {
        int a = c->map[c->bpos[i]], k, n = 0, fails = 0;
        for (k = m->nbr_start[a]; k < m->nbr_start[a + 1] && n < c->bcnt[i];
             k++) {
            int y = m->nbrs[k].atom;
            n += c->s->apos[y] < 0 && c->s->frag[y] && m->atoms[y].elem != 1;
        }
        /* a single-branch region is covered only unchanged (a neighbour
         * like the parent's root, bonded the same) or replaced by a limb;
         * with none of their roots here, it is removed or replaced by
         * something no limb allows: one uncovered difference either way */
        for (j = 0; j < c->nrb; j++) {
            int found = 0;
            if (c->rb[j].pos != c->bpos[i])
                continue;
            for (k = m->nbr_start[a]; !found && k < m->nbr_start[a + 1]; k++) {
                int y = m->nbrs[k].atom, e = m->atoms[y].elem, p;
                int o = m->bonds[m->nbrs[k].bond].order;
                if (c->s->apos[y] >= 0 || !c->s->frag[y] || e == 1)
                    continue;
                for (p = 0; p < c->rb[j].npair && !found; p++)
                    found = (!c->rb[j].el[p] || c->rb[j].el[p] == e) &&
                            c->rb[j].ord[p] == o;
            }
            fails += !found;
        }
        lb += c->bcnt[i] - n > fails ? c->bcnt[i] - n : fails;
    }
    return lb;
}

/* The roots that can cover branch pc (single-branch region): unchanged,
 * the parent's root element bonded the same; an acetal limb, oxygens by
 * single bonds (is_acetal); any other replace limb, anything by a single
 * bond.  Added to c->rb unless some limb decides on more than the root. */
static void add_root_need(ctx *c, const rc_comp *pc)
{
    const rc_def *d = c->d;
    int li, n = 0;
    unsigned char el[3], ord[3];
    if (pc->branch < 0 || c->nrb == RC_MAX_COMPS)
        return; /* decomposed (chain, ring): substitute limbs may cover */
    el[n] = d->parent->atoms[pc->root].elem;
    ord[n++] = (unsigned char)pc->order;
    for (li = 0; li < d->nlimbs; li++) {
        const rc_limb *l = &d->limbs[li];
        if (l->action != RC_REPLACE || l->regions != pc->regions)
            continue;
        if (n == 3)
            return;
        el[n] = (l->classes & RG_BIT(RG_ACETAL)) ? 8 : 0;
        ord[n++] = CORDON_BOND_SINGLE;
    }
    c->rb[c->nrb].pos = pc->attach;
    c->rb[c->nrb].npair = n;
    memcpy(c->rb[c->nrb].el, el, sizeof el);
    memcpy(c->rb[c->nrb].ord, ord, sizeof ord);
    c->nrb++;
}

typedef struct search {
    ev_result *best;
    int nemb;
    int found;
    int probe; /* stop at the first anchor embedding, evaluate nothing */
} search;

/* A complete embedding in c->map (s->apos set): recorded, evaluated, kept
 * when better than the best so far. */
static int leaf(ctx *c, search *sr)
{
    ev_scratch *s = c->s;
    ev_result *t;
    int rc = CORDON_OK, n = c->d->nanchor;
    if (s->rec_on) {
        if (cordon__grow(s->alloc, (void **)&s->rec, sizeof *s->rec,
                         &s->cap_rec, (size_t)(s->nrec + 1) * (size_t)n))
            return CORDON_ENOMEM;
        memcpy(s->rec + (size_t)s->nrec * (size_t)n, c->map,
               sizeof *c->map * (size_t)n);
        s->nrec++;
    }
    if (!(t = push_tmp(c)))
        return CORDON_ELIMIT;
    sr->nemb++;
    if ((t->uncovered = removed_bound(c)) > s->max_uncovered)
        t->matched = 1; /* a reading of no use: not evaluated */
    else
        rc = eval_embedding(c, t);
    if (!rc && (!sr->found || res_cmp(t, sr->best) < 0)) {
        rc = cordon__ev_result_copy(s->alloc, sr->best, t);
        sr->found = 1;
    }
    pop_tmp(c);
    return rc;
}

static int extend(ctx *c, int pos, search *sr)
{
    const rc_def *d = c->d;
    ev_scratch *s = c->s;
    const cordon_mol *m = c->m;
    int rc = CORDON_OK;
    if (sr->nemb >= s->max_embeddings)
        return CORDON_OK;
    if (++s->steps > s->max_steps)
        return CORDON_ELIMIT;
    if (pos == d->nanchor) {
        if (sr->probe) {
            sr->found = 1;
            return CORDON_ELIMIT; /* unwinds the search */
        }
        return leaf(c, sr);
    }
    if (d->from[pos] < 0) {
        const unsigned char *code = s->acode, *p = code;
        int a, pc = d->acode[pos];
        for (a = 0; a < m->natoms && !rc; a++) {
            if (pc & 1) {
                /* a ring atom's code is the anchor atom's exactly: the
                 * next one by memchr (the first anchor atom is chosen
                 * rare, a ring heteroatom) */
                if (!(p = memchr(code + a, pc, (size_t)(m->natoms - a))))
                    break;
                a = (int)(p - code);
            }
            if ((code[a] & (0xfe | pc)) == pc && anchor_compat(c, pos, a)) {
                c->map[pos] = a;
                s->apos[a] = pos;
                rc = extend(c, pos + 1, sr);
                s->apos[a] = -1;
            }
        }
    } else {
        /* anchor_compat inline for the usual candidate (same element, no
         * charge on either side, not a derivative definition), then the
         * bonds; the molecule and the tables stay as they are during the
         * search, so they are read once */
        const cordon_atom *atoms = m->atoms;
        const cordon_bond *bonds = m->bonds;
        const cordon_nbr *nbrs = m->nbrs, *p, *end;
        const int32_t *ns = m->nbr_start;
        const unsigned char *code = s->acode, *border = d->border[pos];
        int *apos = s->apos, src = c->map[d->from[pos]];
        int pc = d->acode[pos], el = d->aelem[pos], nback = d->nback[pos];
        int slow = d->aslow[pos];
        for (p = nbrs + ns[src], end = nbrs + ns[src + 1]; p < end && !rc;
             p++) {
            const cordon_nbr *q, *qend;
            int a = p->atom, n = 0;
            if ((code[a] & (0xfe | pc)) != pc || apos[a] >= 0 ||
                atoms[a].elem != el)
                continue;
            if ((slow || atoms[a].charge) && !anchor_compat(c, pos, a))
                continue;
            /* a's bonds to the atoms mapped so far are the anchor's bonds
             * to the earlier positions, with their orders (induced: no
             * extra bond inside the core) */
            for (q = nbrs + ns[a], qend = nbrs + ns[a + 1]; q < qend; q++) {
                int j = apos[q->atom];
                if (j < 0)
                    continue;
                if (border[j] != bonds[q->bond].order + 1)
                    break;
                n++;
            }
            if (q < qend || n != nback)
                continue;
            c->map[pos] = a;
            apos[a] = pos;
            rc = extend(c, pos + 1, sr);
            apos[a] = -1;
        }
    }
    return rc;
}

int cordon__ev_reserve(ev_scratch *s, int natoms)
{
    size_t n = (size_t)natoms + 1;
    if (n <= s->cap_atoms)
        return CORDON_OK;
    cordon__free(s->alloc, s->mark);
    cordon__free(s->alloc, s->mark2);
    cordon__free(s->alloc, s->comp_of);
    cordon__free(s->alloc, s->queue);
    cordon__free(s->alloc, s->buf);
    cordon__free(s->alloc, s->comps);
    cordon__free(s->alloc, s->acode);
    cordon__free(s->alloc, s->apos);
    s->prepared = s->comps_ok = 0;
    s->acode = cordon__malloc(s->alloc, n);
    s->apos = cordon__malloc(s->alloc, n * sizeof *s->apos);
    s->mark = cordon__calloc(s->alloc, n, sizeof *s->mark);
    s->mark2 = cordon__calloc(s->alloc, n, sizeof *s->mark2);
    s->comp_of = cordon__calloc(s->alloc, n, sizeof *s->comp_of);
    s->queue = cordon__calloc(s->alloc, n, sizeof *s->queue);
    s->buf = cordon__calloc(s->alloc, n, sizeof *s->buf);
    s->comps = cordon__calloc(s->alloc, n, sizeof(mcomp));
    s->stamp = s->stamp2 = 0;
    if (!s->mark || !s->mark2 || !s->comp_of || !s->queue || !s->buf ||
        !s->comps || !s->acode || !s->apos) {
        s->cap_atoms = 0;
        return CORDON_ENOMEM;
    }
    memset(s->apos, 0xff, n * sizeof *s->apos); /* -1 */
    s->cap_atoms = n;
    return CORDON_OK;
}

void cordon__ev_free(ev_scratch *s)
{
    int i;
    cordon__free(s->alloc, s->mark);
    cordon__free(s->alloc, s->mark2);
    cordon__free(s->alloc, s->comp_of);
    cordon__free(s->alloc, s->queue);
    cordon__free(s->alloc, s->buf);
    cordon__free(s->alloc, s->comps);
    cordon__free(s->alloc, s->acode);
    cordon__free(s->alloc, s->apos);
    s->acode = NULL;
    s->apos = NULL;
    s->prepared = s->comps_ok = 0;
    for (i = 0; i < EV_NTEMPS; i++)
        cordon__ev_result_free(s->alloc, &s->temps[i]);
    for (i = 0; i < RC_MAX_COMPS; i++)
        cordon__ev_result_free(s->alloc, &s->pre[i]);
    cordon__free(s->alloc, s->rec);
    s->rec = NULL;
    s->cap_rec = 0;
    s->nrec = 0;
    s->mark = s->mark2 = s->comp_of = s->queue = s->buf = NULL;
    s->comps = NULL;
    s->cap_atoms = 0;
}

int cordon__rc_evaluate(const rc_def *d, const cordon_mol *mol, ev_scratch *s,
                        ev_result *res)
{
    ctx c;
    search sr;
    int rc, i;
    assert(EV_NTEMPS >= NTEMP);
    res_clear(res);
    if ((rc = cordon__ev_reserve(s, mol->natoms)))
        return rc;
    if (!s->prepared)
        cordon__rc_prepare(s, mol);
    if (!cordon__rc_may_embed(d, &s->counts))
        return CORDON_OK; /* the anchor does not embed */
    memset(&c, 0, sizeof c);
    c.d = d;
    c.m = mol;
    c.s = s;
    c.comps = s->comps;
    c.tmp = s->temps;
    for (i = 0; i < d->ncomps; i++) {
        int j;
        for (j = 0; j < c.nbpos && c.bpos[j] != d->comps[i].attach; j++)
            ;
        if (j == c.nbpos) {
            c.bpos[c.nbpos++] = d->comps[i].attach;
            c.bcnt[j] = 0;
        }
        c.bcnt[j]++;
        add_root_need(&c, &d->comps[i]);
    }
    for (i = 1; i < c.nbpos; i++) { /* most branches first, stable */
        int j = i, p = c.bpos[i], n = c.bcnt[i];
        for (; j > 0 && c.bcnt[j - 1] < n; j--) {
            c.bpos[j] = c.bpos[j - 1];
            c.bcnt[j] = c.bcnt[j - 1];
        }
        c.bpos[j] = p;
        c.bcnt[j] = n;
    }
    sr.best = res;
    sr.nemb = 0;
    sr.found = 0;
    sr.probe = 0;
    s->nrec = 0;
    if (s->replay) {
        /* the same embeddings, in the same order, as the search finds */
        int e, p, n = d->nanchor;
        for (e = 0, rc = CORDON_OK; e < s->nreplay && !rc; e++) {
            const int *mp = s->replay + (size_t)e * (size_t)n;
            if (++s->steps > s->max_steps) {
                rc = CORDON_ELIMIT;
                break;
            }
            for (p = 0; p < n; p++)
                s->apos[c.map[p] = mp[p]] = p;
            rc = leaf(&c, &sr);
            for (p = 0; p < n; p++)
                s->apos[mp[p]] = -1;
        }
    } else
        rc = extend(&c, 0, &sr);
    if (rc) {
        res_clear(res);
        return rc;
    }
    res->matched = sr.found;
    return CORDON_OK;
}

int cordon__rc_may_extend(const rc_def *a, const rc_def *b, const int *corr,
                          const int *maps, int n, const cordon_mol *mol,
                          const ev_scratch *s)
{
    int inv[RC_MAX_ANCHOR], e, q, p;
    for (q = 0; q < a->nanchor; q++)
        inv[q] = -1;
    for (p = 0; p < b->nanchor; p++)
        inv[corr[p]] = p;
    for (e = 0; e < n; e++) {
        const int *emb = maps + (size_t)e * (size_t)b->nanchor;
        int ok = 1;
        for (q = 0; ok && q < a->nanchor; q++) {
            int from = a->from[q], x, k, pc = a->acode[q];
            int el = a->parent->atoms[a->anchor[q]].elem;
            if (inv[q] >= 0 || from < 0 || inv[from] < 0)
                continue;
            x = emb[inv[from]];
            for (ok = 0, k = mol->nbr_start[x];
                 !ok && k < mol->nbr_start[x + 1]; k++) {
                int y = mol->nbrs[k].atom, j;
                if ((s->acode[y] & (0xfe | pc)) != pc ||
                    mol->atoms[y].elem != el ||
                    a->border[q][from] !=
                        mol->bonds[mol->nbrs[k].bond].order + 1)
                    continue;
                for (j = 0; j < b->nanchor && emb[j] != y; j++)
                    ;
                ok = j == b->nanchor;
            }
        }
        if (ok)
            return 1;
    }
    return 0;
}

int cordon__rc_anchor_within(const rc_def *b, const rc_def *a, ev_scratch *s,
                             int *corr)
{
    unsigned char mask[RC_MAX_ANCHOR * 4];
    const unsigned char *frag = s->frag;
    ctx c;
    search sr;
    int i, n = a->parent->natoms;
    if (a->exact || b->exact || n > (int)sizeof mask ||
        cordon__ev_reserve(s, n))
        return 0;
    memset(mask, 0, sizeof mask);
    for (i = 0; i < a->nanchor; i++)
        mask[a->anchor[i]] = 1;
    s->frag = mask;
    cordon__rc_prepare(s, a->parent);
    memset(&c, 0, sizeof c);
    c.d = b;
    c.m = a->parent;
    c.s = s;
    c.comps = s->comps;
    c.tmp = s->temps;
    memset(&sr, 0, sizeof sr);
    sr.probe = 1;
    s->steps = 0;
    s->max_steps = 1000000;
    s->max_embeddings = 1;
    if (cordon__rc_may_embed(b, &s->counts))
        (void)extend(&c, 0, &sr);
    for (i = 0; sr.found && corr && i < b->nanchor; i++)
        corr[i] = a->anchor_pos[c.map[i]];
    s->frag = frag;
    s->prepared = 0;
    return sr.found;
}

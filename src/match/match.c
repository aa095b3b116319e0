/*
 * match.c -- the substructure matcher: depth-first search over the query
 * atoms in the compiled match order (smarts_int.h), candidates drawn from
 * the neighbours of the parent atom's image (VF2's feasibility rules reduce
 * to this for a fixed order: adjacency to the parent, back-edges checked
 * on placement, injectivity through a used[] array).
 *
 * Per molecule (cordon_matcher_bind) the matcher derives the atom
 * properties SMARTS primitives test (RDKit definitions, docs/smarts.md §2)
 * into a flat array, labels connected components, and keeps a cache of
 * recursive SMARTS results keyed by the sub-pattern's text, so that
 * $(...) shared by many patterns is evaluated once per atom.
 */
#include <string.h>

#include "match/match_int.h"

static int oom(cordon_error *err)
{
    return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
}

cordon_status cordon_matcher_new(cordon_matcher **out,
                                 const cordon_allocator *alloc)
{
    cordon_matcher *m;
    if (!out)
        return CORDON_EINVAL;
    m = cordon__calloc(alloc, 1, sizeof *m);
    *out = m;
    if (!m)
        return CORDON_ENOMEM;
    m->alloc = alloc;
    return CORDON_OK;
}

void cordon_matcher_free(cordon_matcher *m)
{
    int i;
    if (!m)
        return;
    for (i = 0; i < MATCH_FRAMES; i++) {
        cordon__free(m->alloc, m->frames[i].map);
        cordon__free(m->alloc, m->frames[i].iter);
        cordon__free(m->alloc, m->frames[i].used);
    }
    cordon__free(m->alloc, m->atoms);
    cordon__free(m->alloc, m->comp);
    cordon__free(m->alloc, m->rec);
    cordon__free(m->alloc, m->recvals);
    cordon__free(m->alloc, m->matches);
    cordon__free(m->alloc, m->uhash);
    cordon__free(m->alloc, m->mark);
    cordon__free(m->alloc, m);
}

/* ---- binding: derived atom properties ---- */

static int derive_atoms(cordon_matcher *m, const cordon_mol *mol)
{
    int i, j, n = mol->natoms;
    if (cordon__grow(m->alloc, (void **)&m->atoms, sizeof *m->atoms,
                     &m->cap_atoms, (size_t)n + 1) ||
        cordon__grow(m->alloc, (void **)&m->comp, sizeof *m->comp, &m->cap_comp,
                     (size_t)n + 1) ||
        cordon__grow(m->alloc, (void **)&m->mark, 1, &m->cap_mark,
                     (size_t)n + 1))
        return CORDON_ENOMEM;
    for (i = 0; i < n; i++) {
        const cordon_atom *a = &mol->atoms[i];
        matom *x = &m->atoms[i];
        int hnb = 0, val = 0, rb = 0, z = 0, zz = 0, h = cordon__atom_hcount(a);
        for (j = mol->nbr_start[i]; j < mol->nbr_start[i + 1]; j++) {
            const cordon_bond *b = &mol->bonds[mol->nbrs[j].bond];
            const cordon_atom *o = &mol->atoms[mol->nbrs[j].atom];
            val += b->kekule <= 4 ? b->kekule : 0;
            if (b->ring_count)
                rb++;
            if (o->elem == 1)
                hnb++;
            if (o->elem != 6 && o->elem != 1) {
                z++;
                if (!(o->flags & CORDON_ATOM_AROMATIC))
                    zz++;
            }
        }
        x->elem = a->elem;
        x->arom = (a->flags & CORDON_ATOM_AROMATIC) ? 1 : 0;
        x->D = (int16_t)(mol->nbr_start[i + 1] - mol->nbr_start[i]);
        x->h = (int16_t)h;
        x->H = (int16_t)(h + hnb);
        x->X = (int16_t)(x->D + h);
        x->v = (int16_t)(val + h);
        x->x = (int16_t)rb;
        x->R = a->ring_count;
        x->r = a->min_ring;
        x->z = (int16_t)z;
        x->Z = (int16_t)zz;
        x->charge = a->charge;
        x->iso = a->isotope;
        m->mark[i] = 0;
    }
    /* connected components (component-level grouping) */
    for (i = 0; i < n; i++)
        m->comp[i] = -1;
    {
        int c = 0, *stack = m->comp; /* reuse: fill by flood from i */
        (void)stack;
        for (i = 0; i < n; i++) {
            int top;
            if (m->comp[i] >= 0)
                continue;
            /* iterative flood using atoms[].tmp as the stack */
            m->atoms[0].tmp = i;
            top = 1;
            m->comp[i] = c;
            while (top > 0) {
                int a = m->atoms[--top].tmp;
                for (j = mol->nbr_start[a]; j < mol->nbr_start[a + 1]; j++) {
                    int o = mol->nbrs[j].atom;
                    if (m->comp[o] < 0) {
                        m->comp[o] = c;
                        m->atoms[top++].tmp = o;
                    }
                }
            }
            c++;
        }
    }
    return CORDON_OK;
}

cordon_status cordon_matcher_bind(cordon_matcher *m, const cordon_mol *mol,
                                  cordon_error *err)
{
    if (!m || !mol)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null argument");
    if (!(mol->perceived & CORDON_PERCEIVED_RINGS) && mol->natoms > 0)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule not perceived");
    m->mol = NULL;
    if (derive_atoms(m, mol) != CORDON_OK)
        return oom(err);
    m->mol = mol;
    m->nrec = 0;
    m->recvals_len = 0;
    if (m->rec)
        memset(m->rec, 0, sizeof *m->rec * m->cap_rec);
    m->screen_ok = 0;
    m->nmatches = 0;
    return CORDON_OK;
}

/* ---- recursive SMARTS cache ---- */

static int search(cordon_matcher *m, const cordon_query *q, int depth,
                  int anchor, int first_only, int *found);

/* Result of sub-query sub anchored on atom: 1/0, or a negative status. */
static int recursive_value(cordon_matcher *m, const cordon_query *sub,
                           int depth, int atom)
{
    size_t mask, i, off;
    rec_entry *e;
    unsigned char *vals;
    int rc, found, n = m->mol->natoms;
    if (m->cap_rec == 0 || (size_t)(m->nrec + 1) * 2 > m->cap_rec) {
        /* grow and rehash */
        size_t nc = m->cap_rec ? m->cap_rec * 2 : 64, k;
        rec_entry *t = cordon__calloc(m->alloc, nc, sizeof *t);
        if (!t)
            return CORDON_ENOMEM;
        for (k = 0; k < m->cap_rec; k++) {
            rec_entry *o = &m->rec[k];
            size_t j;
            if (!o->used)
                continue;
            for (j = o->hash & (nc - 1); t[j].used; j = (j + 1) & (nc - 1))
                ;
            t[j] = *o;
        }
        cordon__free(m->alloc, m->rec);
        m->rec = t;
        m->cap_rec = nc;
    }
    mask = m->cap_rec - 1;
    for (i = sub->hash & mask;; i = (i + 1) & mask) {
        e = &m->rec[i];
        if (!e->used || (e->hash == sub->hash && e->len == sub->textlen))
            break;
    }
    if (!e->used) {
        off = m->recvals_len;
        if (cordon__grow(m->alloc, (void **)&m->recvals, 1, &m->cap_recvals,
                         off + (size_t)n + 1))
            return CORDON_ENOMEM;
        memset(m->recvals + off, 0, (size_t)n);
        m->recvals_len = off + (size_t)n;
        e->used = 1;
        e->hash = sub->hash;
        e->len = sub->textlen;
        e->off = off;
        m->nrec++;
    }
    vals = m->recvals + e->off;
    if (vals[atom])
        return vals[atom] - 1;
    off = e->off;
    rc = search(m, sub, depth + 1, atom, 1, &found);
    if (rc != CORDON_OK)
        return rc;
    /* the tables may have moved during the nested search */
    m->recvals[off + (size_t)atom] = (unsigned char)(found ? 2 : 1);
    return found;
}

/* ---- expression evaluation ---- */

static int in_range(const qnode *x, int v)
{
    return v >= x->lo && v <= x->hi;
}

/* 1/0, or a negative status (recursive search failed). */
static int eval_atom(cordon_matcher *m, const cordon_query *q, int node,
                     int depth, int atom)
{
    const qnode *x = &q->nodes[node];
    const matom *a = &m->atoms[atom];
    int r;
    switch (x->op) {
    case QOP_TRUE:
        return 1;
    case QOP_AND:
        r = eval_atom(m, q, x->a, depth, atom);
        if (r != 1)
            return r;
        return eval_atom(m, q, x->b, depth, atom);
    case QOP_OR:
        r = eval_atom(m, q, x->a, depth, atom);
        if (r != 0)
            return r;
        return eval_atom(m, q, x->b, depth, atom);
    case QOP_NOT:
        r = eval_atom(m, q, x->a, depth, atom);
        return r < 0 ? r : !r;
    default:
        break;
    }
    switch (x->prim) {
    case QA_ELEM:
        return a->elem == x->lo;
    case QA_AROM_ELEM:
        return a->elem == x->lo && a->arom;
    case QA_ALIPH_ELEM:
        return a->elem == x->lo && !a->arom;
    case QA_AROMATIC:
        return a->arom;
    case QA_ALIPHATIC:
        return !a->arom;
    case QA_D:
        return in_range(x, a->D);
    case QA_H:
        return in_range(x, a->H);
    case QA_h:
        return in_range(x, a->h);
    case QA_R:
        return in_range(x, a->R);
    case QA_r:
        return in_range(x, a->r);
    case QA_v:
        return in_range(x, a->v);
    case QA_X:
        return in_range(x, a->X);
    case QA_x:
        return in_range(x, a->x);
    case QA_z:
        return in_range(x, a->z);
    case QA_Z:
        return in_range(x, a->Z);
    case QA_CHARGE:
        return a->charge == x->lo;
    case QA_ISOTOPE:
        return a->iso == x->lo;
    case QA_CHIRAL:
        return 1; /* checked on complete matches (check_chirality) */
    case QA_RECURSIVE:
        return recursive_value(m, q->subs[x->lo], depth, atom);
    default:
        return 0;
    }
}

static int eval_bond(const cordon_query *q, int node, const cordon_bond *b)
{
    const qnode *x = &q->nodes[node];
    switch (x->op) {
    case QOP_TRUE:
        return 1;
    case QOP_AND:
        return eval_bond(q, x->a, b) && eval_bond(q, x->b, b);
    case QOP_OR:
        return eval_bond(q, x->a, b) || eval_bond(q, x->b, b);
    case QOP_NOT:
        return !eval_bond(q, x->a, b);
    default:
        break;
    }
    switch (x->prim) {
    case QB_SINGLE:
        return b->order == CORDON_BOND_SINGLE;
    case QB_DOUBLE:
        return b->order == CORDON_BOND_DOUBLE;
    case QB_TRIPLE:
        return b->order == CORDON_BOND_TRIPLE;
    case QB_QUAD:
        return b->order == CORDON_BOND_QUADRUPLE;
    case QB_AROMATIC:
        return b->order == CORDON_BOND_AROMATIC;
    case QB_RING:
        return b->ring_count > 0;
    case QB_DEFAULT:
        return b->order == CORDON_BOND_SINGLE ||
               b->order == CORDON_BOND_AROMATIC;
    default:
        return 0;
    }
}

/* ---- search ---- */

static int ensure_frame(cordon_matcher *m, int depth, int nq, int n)
{
    mframe *f = &m->frames[depth];
    if (cordon__grow(m->alloc, (void **)&f->map, sizeof *f->map, &f->cap_map,
                     (size_t)nq + 1) ||
        cordon__grow(m->alloc, (void **)&f->iter, sizeof *f->iter, &f->cap_iter,
                     (size_t)nq + 1) ||
        cordon__grow(m->alloc, (void **)&f->used, 1, &f->cap_used,
                     (size_t)n + 1))
        return CORDON_ENOMEM;
    return CORDON_OK;
}

/* Component-level grouping (Daylight): atoms of one group lie in one
 * molecule component, atoms of different groups in different ones. */
static int groups_ok(const cordon_matcher *m, const cordon_query *q,
                     const int *map)
{
    int i, j;
    for (i = 0; i < q->natoms; i++) {
        int gi = q->atoms[i].group;
        if (!gi)
            continue;
        for (j = i + 1; j < q->natoms; j++) {
            int gj = q->atoms[j].group;
            if (!gj)
                continue;
            if ((gi == gj) != (m->comp[map[i]] == m->comp[map[j]]))
                return 0;
        }
    }
    return 1;
}

/* Tetrahedral parity of a complete mapping (RDKit useChirality): for every
 * query atom that asks for @/@@, the mapped molecule atom must be a
 * stereocentre whose parity, after relating the query's written neighbour
 * order (SMILES rule: preceding atom, implicit H, ring digits, branches) to
 * the molecule's (mol.h: implicit H first, then neighbour order), is the
 * same.  Query atoms with fewer than three neighbours are not checked. */
static int chirality_ok(const cordon_matcher *m, const cordon_query *q,
                        const int *map)
{
    const cordon_mol *mol = m->mol;
    int i, j, k;
    for (i = 0; i < q->natoms; i++) {
        const qatom *qa = &q->atoms[i];
        const cordon_atom *ma;
        int lq[4], lm[4], nq = 0, nm = 0, flip = 0, inv = 0, deg, a, pos[4];
        size_t key[4];
        if (qa->chiral != CORDON_CHI_CCW && qa->chiral != CORDON_CHI_CW)
            continue;
        deg = q->adj_start[i + 1] - q->adj_start[i];
        if (deg < 3 || deg > 4)
            continue;
        a = map[i];
        ma = &mol->atoms[a];
        if (ma->chiral != CORDON_CHI_CCW && ma->chiral != CORDON_CHI_CW)
            return 0;
        if (ma->degree < 3 || ma->degree > 4)
            continue;
        for (j = q->adj_start[i]; j < q->adj_start[i + 1]; j++) {
            const qbond *b = &q->bonds[q->adj[j].bond];
            size_t kk = b->a == i ? b->akey : b->bkey;
            int at = map[q->adj[j].atom];
            for (k = nq; k > 0 && key[k - 1] > kk; k--) {
                key[k] = key[k - 1];
                lq[k] = lq[k - 1];
            }
            key[k] = kk;
            lq[k] = at;
            nq++;
        }
        if (nq == 3) {
            /* the fourth place (implicit H, or the neighbour the query does
             * not name) follows the preceding atom if there is one */
            int v = -1;
            flip = key[0] < qa->pos;
            for (j = mol->nbr_start[a]; j < mol->nbr_start[a + 1]; j++) {
                int o = mol->nbrs[j].atom;
                if (o != lq[0] && o != lq[1] && o != lq[2])
                    v = o;
            }
            lq[3] = lq[2];
            lq[2] = lq[1];
            lq[1] = lq[0];
            lq[0] = v;
            nq = 4;
        }
        if (ma->degree == 3)
            lm[nm++] = -1;
        for (j = mol->nbr_start[a]; j < mol->nbr_start[a + 1]; j++)
            lm[nm++] = mol->nbrs[j].atom;
        if (nm != 4)
            continue;
        for (j = 0; j < 4; j++) {
            pos[j] = -1;
            for (k = 0; k < 4; k++)
                if (lm[k] == lq[j])
                    pos[j] = k;
            if (pos[j] < 0)
                break;
        }
        if (j < 4)
            continue; /* the neighbourhoods differ: nothing to compare */
        for (j = 0; j < 4; j++)
            for (k = j + 1; k < 4; k++)
                inv += pos[j] > pos[k];
        if (((inv + flip) % 2 == 0) != (qa->chiral == ma->chiral))
            return 0;
    }
    return 1;
}

/* Records a complete top-level mapping.  Returns 1 to stop the search. */
static int record(cordon_matcher *m, const cordon_query *q, const int *map,
                  int *rc)
{
    int nq = q->natoms, i;
    uint64_t h = 0;
    int *slot;
    if (m->uniquify) {
        size_t k, mask;
        for (i = 0; i < nq; i++) {
            uint64_t z = (uint64_t)map[i] + 0x9e3779b97f4a7c15ULL;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            h += z ^ (z >> 31);
        }
        if ((size_t)(m->nmatches + 1) * 2 > m->cap_uhash) {
            size_t nc = m->cap_uhash ? m->cap_uhash * 2 : 64;
            uhash_entry *t = cordon__calloc(m->alloc, nc, sizeof *t);
            if (!t) {
                *rc = CORDON_ENOMEM;
                return 1;
            }
            for (k = 0; k < m->cap_uhash; k++) {
                size_t j;
                if (!m->uhash[k].used)
                    continue;
                for (j = m->uhash[k].hash & (nc - 1); t[j].used;
                     j = (j + 1) & (nc - 1))
                    ;
                t[j] = m->uhash[k];
            }
            cordon__free(m->alloc, m->uhash);
            m->uhash = t;
            m->cap_uhash = nc;
        }
        mask = m->cap_uhash - 1;
        for (i = 0; i < nq; i++)
            m->mark[map[i]] = 1;
        for (k = h & mask; m->uhash[k].used; k = (k + 1) & mask) {
            const int *o;
            int same = 1;
            if (m->uhash[k].hash != h)
                continue;
            o = m->matches + (size_t)m->uhash[k].index * (size_t)nq;
            for (i = 0; i < nq && same; i++)
                same = m->mark[o[i]];
            if (same)
                break;
        }
        for (i = 0; i < nq; i++)
            m->mark[map[i]] = 0;
        if (m->uhash[k].used)
            return 0; /* seen this atom set */
        m->uhash[k].used = 1;
        m->uhash_dirty = 1;
        m->uhash[k].hash = h;
        m->uhash[k].index = m->nmatches;
    }
    if (cordon__grow(m->alloc, (void **)&m->matches, sizeof *m->matches,
                     &m->cap_matches, (size_t)(m->nmatches + 1) * (size_t)nq)) {
        *rc = CORDON_ENOMEM;
        return 1;
    }
    slot = m->matches + (size_t)m->nmatches * (size_t)nq;
    memcpy(slot, map, sizeof *map * (size_t)nq);
    m->nmatches++;
    return m->nmatches >= m->max_matches;
}

/*
 * Depth-first search of q in the bound molecule.  depth 0 is the caller's
 * query (mappings recorded, constraints applied); depth > 0 is a recursive
 * sub-query anchored with atom 0 on `anchor`, first match only.  The loop
 * is iterative so that the frame arrays hold the whole state; it is longer
 * than most functions because the candidate generation, feasibility tests
 * and backtracking belong together.
 */
static int search(cordon_matcher *m, const cordon_query *q, int depth,
                  int anchor, int first_only, int *found)
{
    const cordon_mol *mol = m->mol;
    int nq = q->natoms, n = mol->natoms, k, rc = CORDON_OK, i, sym;
    mframe *f;
    int *map, *iter;
    unsigned char *used;
    *found = 0;
    if (depth >= MATCH_FRAMES)
        return CORDON_ELIMIT;
    if (nq > n)
        return CORDON_OK;
    if ((rc = ensure_frame(m, depth, nq, n)) != CORDON_OK)
        return rc;
    f = &m->frames[depth];
    map = f->map;
    iter = f->iter;
    used = f->used;
    memset(used, 0, (size_t)n);
    for (i = 0; i < nq; i++)
        map[i] = -1;
    /* identical '.'-parts in increasing order (set_symmetry, smarts.c) */
    sym = depth == 0 && q->has_sym && m->uniquify && !first_only && !m->fixed;
    k = 0;
    iter[0] = 0;
    while (k >= 0) {
        int qa, par, cand = -1;
        if (k == nq) {
            int stop;
            if ((q->ngroups && !groups_ok(m, q, map)) ||
                (depth == 0 && m->use_chirality && q->has_chiral &&
                 !chirality_ok(m, q, map)))
                stop = 0;
            else if (depth > 0 || first_only) {
                *found = 1;
                if (depth == 0)
                    record(m, q, map, &rc);
                break;
            } else {
                *found = 1;
                stop = record(m, q, map, &rc);
            }
            if (stop)
                break;
            k--;
            used[map[q->order[k]]] = 0;
            map[q->order[k]] = -1;
            continue;
        }
        qa = q->order[k];
        par = q->parent[k];
        for (;;) {
            int c, ok, j;
            const cordon_bond *pb = NULL;
            if (par < 0) {
                int fx = -1;
                if (depth > 0 && qa == 0)
                    fx = anchor;
                else if (depth == 0 && m->fixed && m->fixed[qa] >= 0)
                    fx = m->fixed[qa];
                if (fx >= 0) {
                    if (iter[k] > 0)
                        break;
                    c = fx;
                    iter[k] = 1;
                } else {
                    if (iter[k] >= n)
                        break;
                    c = iter[k]++;
                }
            } else {
                int pa = map[par], off = mol->nbr_start[pa] + iter[k];
                if (off >= mol->nbr_start[pa + 1])
                    break;
                iter[k]++;
                c = mol->nbrs[off].atom;
                pb = &mol->bonds[mol->nbrs[off].bond];
            }
            if (++m->steps > m->max_steps) {
                rc = CORDON_ELIMIT;
                goto done;
            }
            if (used[c])
                continue;
            if (depth == 0) {
                if (m->mask && !m->mask[c])
                    continue;
                if (m->fixed && m->fixed[qa] >= 0 && m->fixed[qa] != c)
                    continue;
            }
            if (q->atoms[qa].elem >= 0 && q->atoms[qa].elem != m->atoms[c].elem)
                continue;
            if (sym) {
                int sp = q->atoms[qa].sym_prev, sn = q->atoms[qa].sym_next;
                if ((sp >= 0 && map[sp] >= 0 && c < map[sp]) ||
                    (sn >= 0 && map[sn] >= 0 && c > map[sn]))
                    continue;
            }
            if (pb && !eval_bond(q, q->bonds[q->pbond[k]].expr, pb))
                continue;
            ok = 1;
            for (j = q->back_start[k]; j < q->back_start[k + 1] && ok; j++) {
                int other = map[q->back[j].atom];
                int b = cordon_mol_bond_between(mol, c, other);
                ok = b >= 0 && eval_bond(q, q->bonds[q->back[j].bond].expr,
                                         &mol->bonds[b]);
            }
            if (!ok)
                continue;
            ok = eval_atom(m, q, q->atoms[qa].expr, depth, c);
            if (ok < 0) {
                rc = ok;
                goto done;
            }
            if (!ok)
                continue;
            cand = c;
            break;
        }
        if (cand >= 0) {
            map[qa] = cand;
            used[cand] = 1;
            k++;
            if (k < nq)
                iter[k] = 0;
        } else {
            k--;
            if (k >= 0) {
                used[map[q->order[k]]] = 0;
                map[q->order[k]] = -1;
            }
        }
    }
done:
    return rc;
}

/* ---- public entry points ---- */

static int prepare(cordon_matcher *m, const cordon_query *q,
                   const cordon_match_opts *opts, cordon_error *err)
{
    static const cordon_match_opts defaults = CORDON_MATCH_OPTS_INIT;
    int i;
    if (!opts)
        opts = &defaults;
    m->nmatches = 0;
    m->steps = 0;
    if (!m->mol || !q)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             m->mol ? "null query" : "no molecule bound");
    if (opts->max_matches < 1)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "max_matches must be at least 1");
    m->max_matches = opts->max_matches;
    m->nq_last = q->natoms;
    m->max_steps = opts->max_steps;
    m->uniquify = opts->uniquify;
    m->use_chirality = opts->use_chirality;
    m->mask = opts->atom_mask;
    m->fixed = opts->fixed;
    if (m->fixed)
        for (i = 0; i < q->natoms; i++)
            if (m->fixed[i] >= m->mol->natoms)
                return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                                     "fixed atom %d out of range", m->fixed[i]);
    if (m->uhash_dirty) {
        memset(m->uhash, 0, sizeof *m->uhash * m->cap_uhash);
        m->uhash_dirty = 0;
    }
    return CORDON_OK;
}

static int screen_reject(cordon_matcher *m, const cordon_query *q)
{
    if (!m->screen_ok) {
        if (cordon_screenfp_mol(&m->screen, m->mol) != CORDON_OK)
            return 0;
        m->screen_ok = 1;
    }
    return !cordon_screenfp_could_match(&q->screen, &m->screen);
}

static int finish(cordon_matcher *m, int rc, cordon_error *err)
{
    if (rc == CORDON_ELIMIT)
        return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                             "match work budget of %ld steps exceeded",
                             m->max_steps);
    if (rc == CORDON_ENOMEM)
        return oom(err);
    return rc;
}

cordon_status cordon_match_first(cordon_matcher *m, const cordon_query *q,
                                 const cordon_match_opts *opts, int *found,
                                 cordon_error *err)
{
    int rc;
    *found = 0;
    if ((rc = prepare(m, q, opts, err)) != CORDON_OK)
        return rc;
    if (screen_reject(m, q))
        return CORDON_OK;
    m->uniquify = 0;
    rc = search(m, q, 0, -1, 1, found);
    return finish(m, rc, err);
}

cordon_status cordon_match_all(cordon_matcher *m, const cordon_query *q,
                               const cordon_match_opts *opts, int *count,
                               cordon_error *err)
{
    int rc, found;
    *count = 0;
    if ((rc = prepare(m, q, opts, err)) != CORDON_OK)
        return rc;
    if (screen_reject(m, q))
        return CORDON_OK;
    rc = search(m, q, 0, -1, 0, &found);
    *count = m->nmatches;
    return finish(m, rc, err);
}

cordon_status cordon_match_count(cordon_matcher *m, const cordon_query *q,
                                 const cordon_match_opts *opts, int *count,
                                 cordon_error *err)
{
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    if (opts)
        o = *opts;
    o.uniquify = 1;
    return cordon_match_all(m, q, &o, count, err);
}

int cordon_match_num(const cordon_matcher *m)
{
    return m ? m->nmatches : 0;
}

const int *cordon_match_mapping(const cordon_matcher *m, int k)
{
    if (!m || k < 0 || k >= m->nmatches || !m->nq_last)
        return NULL;
    return m->matches + (size_t)k * (size_t)m->nq_last;
}

long cordon_match_steps(const cordon_matcher *m)
{
    return m ? m->steps : 0;
}

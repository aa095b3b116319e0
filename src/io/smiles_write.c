/*
 * smiles_write.c -- the SMILES writer and canonical SMILES
 * (docs/canonical-smiles.md).
 *
 * Atom order: canonical ranks (src/mol/canon.c) with CORDON_SMILES_CANONICAL,
 * input order otherwise.  Each connected component is written by a
 * depth-first walk from its lowest-ranked atom, neighbours taken in rank
 * order; components follow the ranks of their first atoms.  Every bond is
 * written from its earlier atom to its later one (tree bonds from parent to
 * child, ring bonds at the opening digit), which is what makes '/' '\'
 * marks a property of the bond.  Ring-closure digits: lowest free first,
 * freed after the closing atom.
 *
 * Atoms go in brackets exactly when the organic-subset form would read back
 * differently: other elements, charge, isotope, chirality, atom map,
 * radicals, or a hydrogen count other than the one the reader derives
 * (RDKit's default valences, B 3, C 4, N 3, O 2, P 3/5, S 2/4/6,
 * halogens 1; aromatic atoms other than carbon always bracket their H, as
 * RDKit writes [nH]).
 *
 * All memory is owned by the writer and reused: no allocation per atom.
 */
#include <assert.h>
#include <string.h>

#include "cordon/smiles.h"
#include "mol/canon_int.h"
#include "mol/mol_int.h"

#define DIR_UP CORDON_BONDF_UP
#define DIR_DOWN CORDON_BONDF_DOWN
#define DIR_FLIP(d) ((d) ^ (DIR_UP | DIR_DOWN))
#define MAX_DIGITS 100000 /* %(nnnnn) */

struct cordon_smiles_writer {
    const cordon_allocator *alloc;
    cordon_buf out;
    cordon__canon_work cw;
    int32_t *ibuf;
    size_t icap;
    uint8_t *digits; /* ring-closure numbers in use */
    size_t cap_digits;
};

/* Per-call view of the scratch arrays. */
typedef struct wctx {
    const cordon_mol *mol;
    unsigned flags;
    int n, m, nd;
    int32_t *rank, *pos, *out, *parent, *pbond, *cstart, *child, *sadj, *iter,
        *stack, *rstart, *ritem, *bdigit, *mark, *rbond;
    int nrb;
    uint8_t *digits;
    int ndigits;
    char *p; /* write position in the output buffer */
} wctx;

cordon_status cordon_smiles_writer_new(cordon_smiles_writer **out,
                                       const cordon_allocator *alloc)
{
    *out = cordon__calloc(alloc, 1, sizeof **out);
    if (!*out)
        return CORDON_ENOMEM;
    (*out)->alloc = alloc;
    (*out)->out.alloc = alloc;
    (*out)->cw.alloc = alloc;
    return CORDON_OK;
}

void cordon_smiles_writer_free(cordon_smiles_writer *w)
{
    if (!w)
        return;
    cordon__buf_free(&w->out);
    cordon__canon_work_free(&w->cw);
    cordon__free(w->alloc, w->ibuf);
    cordon__free(w->alloc, w->digits);
    cordon__free(w->alloc, w);
}

/* ---- atoms ---- */

static int organic(int elem)
{
    switch (elem) {
    case 0:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 15:
    case 16:
    case 17:
    case 35:
    case 53:
        return 1;
    default:
        return 0;
    }
}

/* Elements that have a lower-case aromatic symbol (OpenSMILES; se, as, te
 * in brackets as RDKit reads them). */
static int lower_ok(int elem)
{
    switch (elem) {
    case 5:
    case 6:
    case 7:
    case 8:
    case 15:
    case 16:
    case 33:
    case 34:
    case 52:
        return 1;
    default:
        return 0;
    }
}

static int written_aromatic(const wctx *c, int a)
{
    return !(c->flags & CORDON_SMILES_KEKULE) &&
           (c->mol->atoms[a].flags & CORDON_ATOM_AROMATIC) &&
           lower_ok(c->mol->atoms[a].elem);
}

/* Hydrogen count a SMILES reader gives an organic-subset atom written
 * without brackets. */
static int default_h(const wctx *c, int a, int lower)
{
    static const int8_t val[][3] = {
        [5] = {3, 0, 0},  [6] = {4, 0, 0},  [7] = {3, 0, 0},  [8] = {2, 0, 0},
        [9] = {1, 0, 0},  [15] = {3, 5, 0}, [16] = {2, 4, 6}, [17] = {1, 0, 0},
        [35] = {1, 0, 0}, [53] = {1, 0, 0}};
    const cordon_mol *mol = c->mol;
    int elem = mol->atoms[a].elem, v = 0, k, i;
    if (elem == 0 || elem > 53 || (lower && elem != 6))
        return 0;
    for (k = mol->nbr_start[a]; k < mol->nbr_start[a + 1]; k++) {
        const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
        v += b->order == CORDON_BOND_AROMATIC ? b->kekule : b->order;
    }
    for (i = 0; i < 3 && val[elem][i]; i++)
        if (val[elem][i] >= v)
            return val[elem][i] - v;
    return 0;
}

static void put_int(wctx *c, long v)
{
    char tmp[24];
    int k = 0;
    if (v < 0) {
        *c->p++ = '-';
        v = -v;
    }
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        *c->p++ = tmp[--k];
}

/* Stored-order index of the neighbour reached through bond b (the implicit
 * hydrogen, when present, is index 0; include/cordon/mol.h). */
static int stored_index(const wctx *c, int a, int b, int hfirst)
{
    const cordon_mol *mol = c->mol;
    int k;
    for (k = mol->nbr_start[a]; k < mol->nbr_start[a + 1]; k++)
        if (mol->nbrs[k].bond == b)
            return hfirst + k - mol->nbr_start[a];
    assert(0);
    return 0;
}

/* '@' (CCW) or '@@' (CW) for atom a in output neighbour order: parent,
 * implicit H, ring-closure digits as written, children. */
static int out_chirality(const wctx *c, int a)
{
    const cordon_atom *at = &c->mol->atoms[a];
    int h = cordon__atom_hcount(at) ? 1 : 0, seq[12], k = 0, i, j, inv = 0;
    if (c->pbond[a] >= 0)
        seq[k++] = stored_index(c, a, c->pbond[a], h);
    if (h)
        seq[k++] = 0;
    for (i = c->rstart[a]; i < c->rstart[a + 1] && k < 12; i++)
        seq[k++] = stored_index(c, a, c->rbond[c->ritem[i]], h);
    for (i = c->cstart[a]; i < c->cstart[a + 1] && k < 12; i++)
        seq[k++] = stored_index(c, a, c->pbond[c->child[i]], h);
    for (i = 0; i < k; i++)
        for (j = i + 1; j < k; j++)
            if (seq[i] > seq[j])
                inv++;
    /* RDKit's reading of a three-neighbour centre with an odd number of
     * ring-closure digits (see fix_parities in smiles_read.c) */
    if (!h && k == 3 && ((c->rstart[a + 1] - c->rstart[a]) & 1))
        inv++;
    if (!(inv & 1))
        return at->chiral;
    return at->chiral == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
}

static int writes_chirality(const wctx *c, int a)
{
    const cordon_atom *at = &c->mol->atoms[a];
    int h = cordon__atom_hcount(at);
    return !(c->flags & CORDON_SMILES_NO_STEREO) &&
           (at->chiral == CORDON_CHI_CCW || at->chiral == CORDON_CHI_CW) &&
           h <= 1 && at->degree + h >= 3 && at->degree + h <= 4;
}

static void put_atom(wctx *c, int a)
{
    const cordon_atom *at = &c->mol->atoms[a];
    const char *sym = cordon_element_symbol(at->elem);
    int lower = written_aromatic(c, a), h = cordon__atom_hcount(at);
    int iso = (c->flags & CORDON_SMILES_NO_ISOTOPES) ? 0 : at->isotope;
    int map = (c->flags & CORDON_SMILES_NO_MAPS) ? 0 : at->map;
    int chi = writes_chirality(c, a) ? out_chirality(c, a) : 0;
    size_t len = strlen(sym);
    if (organic(at->elem) && !at->charge && !iso && !chi && !map &&
        !at->radicals && h == default_h(c, a, lower)) {
        memcpy(c->p, sym, len);
        if (lower)
            c->p[0] = (char)(c->p[0] - 'A' + 'a');
        c->p += len;
        return;
    }
    *c->p++ = '[';
    if (iso)
        put_int(c, iso);
    memcpy(c->p, sym, len);
    if (lower)
        c->p[0] = (char)(c->p[0] - 'A' + 'a');
    c->p += len;
    if (chi) {
        *c->p++ = '@';
        if (chi == CORDON_CHI_CW)
            *c->p++ = '@';
    }
    if (h) {
        *c->p++ = 'H';
        if (h > 1)
            put_int(c, h);
    }
    if (at->charge) {
        *c->p++ = at->charge > 0 ? '+' : '-';
        if (at->charge > 1 || at->charge < -1)
            put_int(c, at->charge > 0 ? at->charge : -at->charge);
    }
    if (map) {
        *c->p++ = ':';
        put_int(c, map);
    }
    *c->p++ = ']';
}

/* ---- bonds ---- */

/* Bond b written from its earlier atom to its later atom. */
static void put_bond(wctx *c, int bi)
{
    const cordon_bond *b = &c->mol->bonds[bi];
    int order = b->order;
    int both = written_aromatic(c, b->begin) && written_aromatic(c, b->end);
    if (c->mark[bi]) {
        *c->p++ = c->mark[bi] == DIR_UP ? '/' : '\\';
        return;
    }
    if (order == CORDON_BOND_AROMATIC &&
        ((c->flags & CORDON_SMILES_KEKULE) || !both))
        order = (c->flags & CORDON_SMILES_KEKULE) ? b->kekule : -1;
    switch (order) {
    case CORDON_BOND_SINGLE:
        /* '-' where a reader would default to aromatic: between two
         * lower-case atoms, and on a ring bond between a lower-case atom
         * and a dummy (an unwritten one there is aromatic and may be
         * kekulised to double; off rings the reader makes it single) */
        if (both || ((b->flags & CORDON_BONDF_IN_RING) &&
                     ((written_aromatic(c, b->begin) &&
                       c->mol->atoms[b->end].elem == 0) ||
                      (written_aromatic(c, b->end) &&
                       c->mol->atoms[b->begin].elem == 0))))
            *c->p++ = '-';
        break;
    case CORDON_BOND_DOUBLE:
        *c->p++ = '=';
        break;
    case CORDON_BOND_TRIPLE:
        *c->p++ = '#';
        break;
    case CORDON_BOND_QUADRUPLE:
        *c->p++ = '$';
        break;
    case CORDON_BOND_ZERO:
        *c->p++ = '~';
        break;
    case -1:
        *c->p++ = ':';
        break;
    default: /* aromatic between two lower-case atoms */
        break;
    }
}

static void put_digit(wctx *c, int d)
{
    if (d < 10) {
        *c->p++ = (char)('0' + d);
    } else if (d < 100) {
        *c->p++ = '%';
        *c->p++ = (char)('0' + d / 10);
        *c->p++ = (char)('0' + d % 10);
    } else {
        *c->p++ = '%';
        *c->p++ = '(';
        put_int(c, d);
        *c->p++ = ')';
    }
}

/* ---- walk ---- */

/* Neighbour CSR slots of every atom sorted by the rank of the neighbour. */
static void sort_adjacency(wctx *c)
{
    const cordon_mol *mol = c->mol;
    int a, k, j;
    for (a = 0; a < c->n; a++) {
        int lo = mol->nbr_start[a], hi = mol->nbr_start[a + 1];
        for (k = lo; k < hi; k++) {
            int32_t x = k, rx = c->rank[mol->nbrs[k].atom];
            for (j = k; j > lo && c->rank[mol->nbrs[c->sadj[j - 1]].atom] > rx;
                 j--)
                c->sadj[j] = c->sadj[j - 1];
            c->sadj[j] = x;
        }
    }
}

/* Depth-first walk: positions, parents, children lists, ring bonds. */
static void walk(wctx *c)
{
    const cordon_mol *mol = c->mol;
    int n = c->n, cnt = 0, r, a, sp, i;
    for (a = 0; a < n; a++) {
        c->pos[a] = -1;
        c->out[c->rank[a]] = a;
    }
    c->nrb = 0;
    for (r = 0; r < n; r++) {
        int root = c->out[r];
        if (c->pos[root] >= 0)
            continue;
        c->pos[root] = cnt++;
        c->parent[root] = -1;
        c->pbond[root] = -1;
        c->iter[root] = mol->nbr_start[root];
        c->stack[0] = root;
        sp = 1;
        while (sp) {
            int k, v, b;
            a = c->stack[sp - 1];
            if (c->iter[a] == mol->nbr_start[a + 1]) {
                sp--;
                continue;
            }
            k = c->sadj[c->iter[a]++];
            v = mol->nbrs[k].atom;
            b = mol->nbrs[k].bond;
            if (b == c->pbond[a])
                continue;
            if (c->pos[v] < 0) {
                c->pos[v] = cnt++;
                c->parent[v] = a;
                c->pbond[v] = b;
                c->iter[v] = mol->nbr_start[v];
                c->stack[sp++] = v;
            } else if (c->pos[v] < c->pos[a]) {
                c->rbond[c->nrb++] = b;
            }
        }
    }
    /* out[] by position; children in discovery (= position) order */
    for (a = 0; a < n; a++)
        c->out[c->pos[a]] = a;
    for (a = 0; a <= n; a++)
        c->cstart[a] = 0;
    for (a = 0; a < n; a++)
        if (c->parent[a] >= 0)
            c->cstart[c->parent[a] + 1]++;
    for (a = 0; a < n; a++)
        c->cstart[a + 1] += c->cstart[a];
    for (a = 0; a < n; a++)
        c->iter[a] = c->cstart[a];
    for (i = 0; i < n; i++) {
        int x = c->out[i];
        if (c->parent[x] >= 0)
            c->child[c->iter[c->parent[x]]++] = x;
    }
}

/* Ring-closure items per atom: closings (partner written earlier) first by
 * the partner's position, then openings by the partner's position. */
static void ring_items(wctx *c)
{
    const cordon_mol *mol = c->mol;
    int n = c->n, i, a, j;
    for (a = 0; a <= n; a++)
        c->rstart[a] = 0;
    for (i = 0; i < c->nrb; i++) {
        c->rstart[mol->bonds[c->rbond[i]].begin + 1]++;
        c->rstart[mol->bonds[c->rbond[i]].end + 1]++;
    }
    for (a = 0; a < n; a++)
        c->rstart[a + 1] += c->rstart[a];
    for (a = 0; a < n; a++)
        c->iter[a] = c->rstart[a];
    for (i = 0; i < c->nrb; i++) {
        const cordon_bond *b = &mol->bonds[c->rbond[i]];
        c->ritem[c->iter[b->begin]++] = i;
        c->ritem[c->iter[b->end]++] = i;
    }
    for (a = 0; a < n; a++) {
        int lo = c->rstart[a], hi = c->rstart[a + 1];
        for (i = lo + 1; i < hi; i++) {
            int32_t x = c->ritem[i];
            const cordon_bond *bx = &mol->bonds[c->rbond[x]];
            int px = c->pos[bx->begin == a ? bx->end : bx->begin];
            long kx = px < c->pos[a] ? px : (long)n + px;
            for (j = i; j > lo; j--) {
                const cordon_bond *by = &mol->bonds[c->rbond[c->ritem[j - 1]]];
                int py = c->pos[by->begin == a ? by->end : by->begin];
                long ky = py < c->pos[a] ? py : (long)n + py;
                if (ky <= kx)
                    break;
                c->ritem[j] = c->ritem[j - 1];
            }
            c->ritem[j] = x;
        }
    }
}

/* ---- double-bond marks ---- */

/* Direction of travel p -> q along single bond b with its mark. */
static unsigned dir_along(const wctx *c, int b, int p, int q)
{
    unsigned m = (unsigned)c->mark[b];
    return c->pos[p] < c->pos[q] ? m : DIR_FLIP(m);
}

static void set_dir(wctx *c, int b, int p, int q, unsigned d)
{
    c->mark[b] = (int32_t)(c->pos[p] < c->pos[q] ? d : DIR_FLIP(d));
}

/* Bonds that can carry '/' '\\': single, or aromatic with Kekulé order 1
 * (read back as single, then aromatised again, as RDKit writes
 * s/c(=C\\C)). */
static int carrier(const cordon_bond *b)
{
    return b->order == CORDON_BOND_SINGLE ||
           (b->order == CORDON_BOND_AROMATIC && b->kekule == 1);
}

/* The substituent bond of x (other than the double bond db) to carry a
 * mark: an already marked one, else a tree bond, else a ring bond; the
 * earliest-written neighbour within each kind.  skip: a bond not to take.
 * Returns the neighbour's CSR slot or -1. */
static int pick_sub(const wctx *c, int x, int db, int skip)
{
    const cordon_mol *mol = c->mol;
    int k, best = -1, bscore = 0;
    for (k = mol->nbr_start[x]; k < mol->nbr_start[x + 1]; k++) {
        int b = mol->nbrs[k].bond, v = mol->nbrs[k].atom, score;
        if (b == db || b == skip || !carrier(&mol->bonds[b]))
            continue;
        score = c->mark[b] ? 3 : (c->pbond[v] == b || c->pbond[x] == b) ? 2 : 1;
        if (score > bscore ||
            (score == bscore && c->pos[v] < c->pos[mol->nbrs[best].atom])) {
            best = k;
            bscore = score;
        }
    }
    return best;
}

static void mark_double(wctx *c, int bi)
{
    const cordon_mol *mol = c->mol;
    const cordon_bond *b = &mol->bonds[bi];
    int u = b->begin, v = b->end, ku, kv, x, y, eu, ev, trans;
    int ru = b->stereo_begin, rv = b->stereo_end;
    unsigned dx, dy;
    if (c->pos[u] > c->pos[v]) { /* u: the end written first */
        u = b->end, v = b->begin;
        ru = b->stereo_end, rv = b->stereo_begin;
    }
    ku = pick_sub(c, u, bi, -1);
    kv = pick_sub(c, v, bi, -1);
    if (ku < 0 || kv < 0)
        return;
    x = mol->nbrs[ku].atom, eu = mol->nbrs[ku].bond;
    y = mol->nbrs[kv].atom, ev = mol->nbrs[kv].bond;
    trans = b->stereo == CORDON_BSTEREO_TRANS;
    if ((x != ru) ^ (y != rv))
        trans = !trans;
    /* F/C=C/F: trans when travel x->u and v->y have the same direction */
    if (c->mark[eu]) {
        dx = dir_along(c, eu, x, u);
    } else if (c->mark[ev]) {
        dy = dir_along(c, ev, v, y);
        dx = trans ? dy : DIR_FLIP(dy);
        set_dir(c, eu, x, u, dx);
    } else {
        dx = DIR_UP;
        set_dir(c, eu, x, u, dx);
    }
    dy = trans ? dx : DIR_FLIP(dx);
    if (c->mark[ev] && dir_along(c, ev, v, y) != dy) {
        /* conjugated neighbour already fixed this bond: use the other
         * substituent of v, on the opposite side */
        int k2 = pick_sub(c, v, bi, ev);
        if (k2 < 0 || c->mark[mol->nbrs[k2].bond])
            return;
        set_dir(c, mol->nbrs[k2].bond, v, mol->nbrs[k2].atom, DIR_FLIP(dy));
        return;
    }
    set_dir(c, ev, v, y, dy);
}

static int stereo_double(const wctx *c, int bi)
{
    const cordon_bond *b = &c->mol->bonds[bi];
    return b->order == CORDON_BOND_DOUBLE &&
           (b->stereo == CORDON_BSTEREO_CIS ||
            b->stereo == CORDON_BSTEREO_TRANS) &&
           b->stereo_begin >= 0 && b->stereo_end >= 0;
}

/* Marks for every stereo double bond, in order of first-written atom. */
static void assign_marks(wctx *c)
{
    const cordon_mol *mol = c->mol;
    int i, k;
    for (i = 0; i < c->m; i++)
        c->mark[i] = 0;
    if (c->flags & CORDON_SMILES_NO_STEREO)
        return;
    for (i = 0; i < c->n; i++) {
        int a = c->out[i];
        for (k = mol->nbr_start[a]; k < mol->nbr_start[a + 1]; k++) {
            int bi = mol->nbrs[k].bond, o = mol->nbrs[k].atom;
            if (c->pos[o] > i && stereo_double(c, bi))
                mark_double(c, bi);
        }
    }
}

/* ---- emission ---- */

static void put_atom_and_rings(wctx *c, int a)
{
    int i, nclose = 0;
    put_atom(c, a);
    for (i = c->rstart[a]; i < c->rstart[a + 1]; i++) {
        int rb = c->ritem[i], bi = c->rbond[rb], d;
        const cordon_bond *b = &c->mol->bonds[bi];
        int other = b->begin == a ? b->end : b->begin;
        if (c->pos[other] < c->pos[a]) {
            put_digit(c, c->bdigit[rb]);
            nclose++;
            continue;
        }
        for (d = 1; d < c->ndigits && c->digits[d]; d++)
            ;
        c->digits[d] = 1;
        c->bdigit[rb] = d;
        put_bond(c, bi);
        put_digit(c, d);
    }
    if (nclose)
        for (i = c->rstart[a]; i < c->rstart[a + 1]; i++) {
            const cordon_bond *b = &c->mol->bonds[c->rbond[c->ritem[i]]];
            int other = b->begin == a ? b->end : b->begin;
            if (c->pos[other] < c->pos[a])
                c->digits[c->bdigit[c->ritem[i]]] = 0;
        }
}

static void emit(wctx *c)
{
    int i, sp;
    int32_t *st = c->stack; /* pairs: atom, next child | branch flag */
    for (i = 0; i < c->n; i++) {
        int root = c->out[i];
        if (c->parent[root] >= 0)
            continue;
        if (i)
            *c->p++ = '.';
        put_atom_and_rings(c, root);
        st[0] = root;
        st[1] = 0;
        sp = 1;
        while (sp) {
            int a = st[2 * (sp - 1)], ci = st[2 * (sp - 1) + 1] >> 1;
            int nch = c->cstart[a + 1] - c->cstart[a], ch, branch;
            if (ci == nch) {
                if (st[2 * (sp - 1) + 1] & 1)
                    *c->p++ = ')';
                sp--;
                continue;
            }
            st[2 * (sp - 1) + 1] += 2;
            ch = c->child[c->cstart[a] + ci];
            branch = ci + 1 < nch;
            if (branch)
                *c->p++ = '(';
            put_bond(c, c->pbond[ch]);
            put_atom_and_rings(c, ch);
            st[2 * sp] = ch;
            st[2 * sp + 1] = branch;
            sp++;
        }
    }
}

static int setup(cordon_smiles_writer *w, wctx *c)
{
    int n = c->n, m = c->m, nd = c->nd;
    size_t need = (size_t)n * 16 + (size_t)nd * 2 + (size_t)m * 6 + 32;
    size_t maxlen = (size_t)n * 40 + (size_t)m * 20 + 16;
    int32_t *p;
    if (cordon__grow(w->alloc, (void **)&w->ibuf, sizeof *w->ibuf, &w->icap,
                     need) != CORDON_OK ||
        cordon__grow(w->alloc, (void **)&w->digits, 1, &w->cap_digits,
                     (size_t)(m < MAX_DIGITS ? m + 2 : MAX_DIGITS)) !=
            CORDON_OK ||
        cordon__grow(w->alloc, (void **)&w->out.data, 1, &w->out.cap, maxlen) !=
            CORDON_OK)
        return CORDON_ENOMEM;
    p = w->ibuf;
    c->rank = p, p += n;
    c->pos = p, p += n;
    c->out = p, p += n;
    c->parent = p, p += n;
    c->pbond = p, p += n;
    c->iter = p, p += n;
    c->stack = p, p += 2 * n + 2;
    c->cstart = p, p += n + 1;
    c->child = p, p += n;
    c->rstart = p, p += n + 1;
    c->sadj = p, p += nd;
    c->ritem = p, p += 2 * m;
    c->rbond = p, p += m;
    c->bdigit = p, p += m;
    c->mark = p, p += m;
    assert((size_t)(p - w->ibuf) <= need);
    c->digits = w->digits;
    c->ndigits = (int)w->cap_digits;
    memset(c->digits, 0, w->cap_digits);
    c->p = w->out.data;
    return CORDON_OK;
}

cordon_status cordon_smiles_write(cordon_smiles_writer *w,
                                  const cordon_mol *mol, unsigned flags,
                                  const char **out, size_t *len,
                                  cordon_error *err)
{
    wctx c;
    int i, rc;
    *out = "";
    *len = 0;
    if (!(mol->perceived & CORDON_PERCEIVED_ADJ))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    memset(&c, 0, sizeof c);
    c.mol = mol;
    c.flags = flags;
    c.n = mol->natoms;
    c.m = mol->nbonds;
    c.nd = mol->natoms ? mol->nbr_start[mol->natoms] : 0;
    if (setup(w, &c) != CORDON_OK)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    if (flags & CORDON_SMILES_CANONICAL) {
        if ((rc = cordon__canon_ranks(&w->cw, mol, flags, c.rank)) != 0)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
    } else {
        for (i = 0; i < c.n; i++)
            c.rank[i] = i;
    }
    sort_adjacency(&c);
    walk(&c);
    ring_items(&c);
    assign_marks(&c);
    emit(&c);
    *c.p = '\0';
    w->out.len = (size_t)(c.p - w->out.data);
    assert(w->out.len < w->out.cap);
    *out = w->out.data;
    *len = w->out.len;
    return CORDON_OK;
}

/*
 * groups.c -- substituent group classes of the generic definitions
 * (alkyl, alkoxy, ester, monocycle, ...).  The chemical definition of each
 * class, with its basis (IUPAC Recommendations 2013, "Nomenclature of
 * Organic Chemistry", P-29 and P-65), is in docs/class-definitions.md §3;
 * the code below implements exactly that text.
 *
 * A group is classified as a whole: a class describes the entire group
 * (a 2-hydroxyethyl group is neither "alkyl" nor "hydroxy").  Ring classes
 * look at the ring that holds the group's root and allow anything on it;
 * the limb decides whether further substituents are allowed.
 */
#include <assert.h>
#include <string.h>

#include "rules/rules_int.h"

const char *const cordon__rg_names[RG_NCLASSES] = {"halo",
                                                   "hydroxy",
                                                   "nitro",
                                                   "amino",
                                                   "alkyl",
                                                   "alkenyl",
                                                   "haloalkyl",
                                                   "alkoxy",
                                                   "alkoxycarbonyl",
                                                   "acyloxy",
                                                   "alkoxyalkyl",
                                                   "alkylenedioxy",
                                                   "ester",
                                                   "ether",
                                                   "carboxylic-acyl",
                                                   "oxycarbonyl",
                                                   "carbamoyl",
                                                   "acyl",
                                                   "aromatic-monocycle",
                                                   "heteromonocycle",
                                                   "monocycle",
                                                   "acetal",
                                                   "any-group",
                                                   "ester of hydroxy",
                                                   "ether of hydroxy",
                                                   "carbon group"};

static const struct {
    const char *word;
    int cls;
} aliases[] = {{"alkoxyl", RG_ALKOXY},
               {"hydroxyl", RG_HYDROXY},
               {"halogen", RG_HALO},
               {"halogeno", RG_HALO},
               {"halide", RG_HALO},
               {"aromatic monocycle", RG_AROMATIC_MONOCYCLE},
               {"monocyclic aromatic", RG_AROMATIC_MONOCYCLE},
               {"any group", RG_ANY},
               {"any", RG_ANY},
               {NULL, 0}};

int cordon__rg_from_word(const char *w, size_t n)
{
    int i;
    for (i = 0; i < RG_O_ESTER; i++)
        if (strlen(cordon__rg_names[i]) == n &&
            !memcmp(cordon__rg_names[i], w, n))
            return i;
    for (i = 0; aliases[i].word; i++)
        if (strlen(aliases[i].word) == n && !memcmp(aliases[i].word, w, n))
            return aliases[i].cls;
    return -1;
}

int cordon__is_halogen(int elem)
{
    return elem == 9 || elem == 17 || elem == 35 || elem == 53;
}

int cordon__heavy_degree(const cordon_mol *m, int a)
{
    int k, n = 0;
    for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++)
        n += m->atoms[m->nbrs[k].atom].elem != 1;
    return n;
}

/* First neighbour of a that is not hydrogen (a has one). */
static int heavy_nbr(const cordon_mol *m, int a)
{
    int k;
    for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++)
        if (m->atoms[m->nbrs[k].atom].elem != 1)
            return m->nbrs[k].atom;
    return a;
}

/* Effective charge: the charge of the neutral parent of a salt.  A
 * protonated nitrogen ([NH+], [nH+], [NH3+]) counts as the free base and a
 * deprotonated oxygen on carbon ([O-] of a carboxylate or alkoxide) as the
 * acid (docs/rules.md §3, "salts"). */
int cordon__eff_charge(const cordon_mol *m, int a)
{
    const cordon_atom *at = &m->atoms[a];
    if (at->elem == 7 && at->charge == 1 && cordon__atom_hcount(at) > 0)
        return 0;
    if (at->elem == 8 && at->charge == -1 && cordon__heavy_degree(m, a) == 1 &&
        m->atoms[heavy_nbr(m, a)].elem == 6)
        return 0;
    return at->charge;
}

int cordon__eff_hcount(const cordon_mol *m, int a)
{
    const cordon_atom *at = &m->atoms[a];
    int h = cordon__atom_hcount(at), k;
    for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++)
        h += m->atoms[m->nbrs[k].atom].elem == 1; /* [2H] kept as atoms */
    if (at->charge != cordon__eff_charge(m, a))
        h += at->charge > 0 ? -1 : 1;
    return h;
}

int cordon__ring_of(const cordon_mol *m, int a)
{
    int r, k;
    if (m->atoms[a].ring_count != 1)
        return -1;
    for (r = 0; r < m->nrings; r++)
        for (k = m->ring_start[r]; k < m->ring_start[r + 1]; k++)
            if (m->ring_atoms[k] == a)
                return r;
    return -1;
}

#define IN(c, x) ((c)->mark[(x)] == (c)->stamp)
#define ELEM(c, x) ((c)->mol->atoms[(x)].elem)
#define NB_BEGIN(c, x) ((c)->mol->nbr_start[(x)])
#define NB_END(c, x) ((c)->mol->nbr_start[(x) + 1])
#define NB(c, k) ((c)->mol->nbrs[(k)])
#define BORDER(c, b) ((c)->mol->bonds[(b)].order)

/* Heavy neighbours of x inside the group, plus the region atom when x is
 * an attachment root. */
static int group_degree(const rg_ctx *c, const rg_group *g, int x)
{
    int k, n = 0, i;
    for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++)
        if (IN(c, NB(c, k).atom))
            n++;
    for (i = 0; i < g->nattach; i++)
        if (g->root[i] == x)
            n++;
    return n;
}

/* 1 if every group atom not in skip[] is an uncharged, non-aromatic,
 * acyclic sp3 carbon and every bond between two of them is single. */
static int saturated_carbons(const rg_ctx *c, const rg_group *g,
                             const int *skip, int nskip)
{
    int i, j, k;
    for (i = 0; i < g->natoms; i++) {
        int x = g->atoms[i], skipped = 0;
        for (j = 0; j < nskip; j++)
            skipped |= skip[j] == x;
        if (skipped)
            continue;
        if (ELEM(c, x) != 6 || c->mol->atoms[x].charge ||
            (c->mol->atoms[x].flags &
             (CORDON_ATOM_AROMATIC | CORDON_ATOM_IN_RING)))
            return 0;
        for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++) {
            int y = NB(c, k).atom;
            if (IN(c, y) && BORDER(c, NB(c, k).bond) != CORDON_BOND_SINGLE) {
                int ys = 0;
                for (j = 0; j < nskip; j++)
                    ys |= skip[j] == y;
                if (!ys)
                    return 0;
            }
        }
    }
    return 1;
}

/* The other group neighbour of a degree-2 atom x (the first that is not
 * `not`), or -1. */
static int other_nbr(const rg_ctx *c, int x, int not )
{
    int k;
    for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++)
        if (IN(c, NB(c, k).atom) && NB(c, k).atom != not )
            return NB(c, k).atom;
    return -1;
}

/* Carbonyl oxygen of carbon x inside the group (x=O, O terminal), or -1. */
static int carbonyl_o(const rg_ctx *c, int x)
{
    int k;
    if (ELEM(c, x) != 6)
        return -1;
    for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++) {
        int y = NB(c, k).atom;
        if (IN(c, y) && ELEM(c, y) == 8 &&
            BORDER(c, NB(c, k).bond) == CORDON_BOND_DOUBLE &&
            cordon__heavy_degree(c->mol, y) == 1)
            return y;
    }
    return -1;
}

static uint32_t ring_classes(const rg_ctx *c, const rg_group *g, int *bare)
{
    const cordon_mol *m = c->mol;
    int r = cordon__ring_of(m, g->root[0]), k, arom = 1, hetero = 0;
    uint32_t mask = RG_BIT(RG_ANY);
    if (r < 0)
        return mask; /* fused, spiro or bridged: not a monocycle */
    for (k = m->ring_start[r]; k < m->ring_start[r + 1]; k++) {
        int x = m->ring_atoms[k];
        if (m->atoms[x].ring_count != 1 || !IN(c, x))
            return mask;
        arom &= (m->atoms[x].flags & CORDON_ATOM_AROMATIC) != 0;
        hetero |= m->atoms[x].elem != 6;
    }
    mask |= RG_BIT(RG_MONOCYCLE);
    if (arom)
        mask |= RG_BIT(RG_AROMATIC_MONOCYCLE);
    if (hetero)
        mask |= RG_BIT(RG_HETEROMONOCYCLE);
    if (bare)
        *bare = g->natoms == m->ring_start[r + 1] - m->ring_start[r];
    return mask;
}

/* Acyl classes of a group rooted at carbon r: X-C(=O)-. */
static uint32_t acyl_classes(const rg_ctx *c, const rg_group *g, int r)
{
    int o = carbonyl_o(c, r), k, x = -1, nx = 0;
    uint32_t mask = 0;
    if (o < 0 || (c->mol->atoms[r].flags & CORDON_ATOM_IN_RING))
        return 0;
    for (k = NB_BEGIN(c, r); k < NB_END(c, r); k++) {
        int y = NB(c, k).atom;
        if (IN(c, y) && y != o) {
            x = y;
            nx++;
            if (BORDER(c, NB(c, k).bond) != CORDON_BOND_SINGLE)
                return 0;
        }
    }
    if (nx > 1)
        return 0;
    if (nx == 0 || ELEM(c, x) == 6) {
        mask |= RG_BIT(RG_CARBOXYLIC_ACYL) | RG_BIT(RG_ACYL);
    } else if (ELEM(c, x) == 8) {
        int y = other_nbr(c, x, r);
        if (y < 0 || ELEM(c, y) != 6 || cordon__heavy_degree(c->mol, x) != 2)
            return 0; /* carboxy (-COOH) is not an acyl group here */
        mask |= RG_BIT(RG_OXYCARBONYL) | RG_BIT(RG_ACYL);
        {
            int skip[3] = {r, o, x};
            if (saturated_carbons(c, g, skip, 3))
                mask |= RG_BIT(RG_ALKOXYCARBONYL);
        }
    } else if (ELEM(c, x) == 7) {
        mask |= RG_BIT(RG_CARBAMOYL) | RG_BIT(RG_ACYL);
    }
    return mask;
}

/* Ether / ester analysis of an acyclic group of carbon and oxygen only:
 * every oxygen is a carbonyl oxygen or has two carbon neighbours (the region
 * atom counts); every carbonyl carbon has exactly one such single-bonded
 * oxygen (an ester, docs/class-definitions.md §3); no C=C. */
static uint32_t oxygen_classes(const rg_ctx *c, const rg_group *g)
{
    int i, k, nester = 0, nether = 0;
    for (i = 0; i < g->natoms; i++) {
        int x = g->atoms[i];
        if (ELEM(c, x) == 6) {
            int o = carbonyl_o(c, x), nsingle_o = 0;
            for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++) {
                int y = NB(c, k).atom, bo = BORDER(c, NB(c, k).bond);
                if (!IN(c, y))
                    continue;
                if (y == o)
                    continue;
                if (bo != CORDON_BOND_SINGLE)
                    return 0;
                if (ELEM(c, y) == 8)
                    nsingle_o++;
            }
            if (o >= 0) {
                if (nsingle_o != 1)
                    return 0; /* ketone, aldehyde or carbonate */
                nester++;
            }
        } else if (ELEM(c, x) == 8) {
            int y = other_nbr(c, x, -1);
            if (cordon__heavy_degree(c->mol, x) == 1 && y >= 0 &&
                carbonyl_o(c, y) == x)
                continue; /* carbonyl oxygen, checked with its carbon */
            if (group_degree(c, g, x) != 2 ||
                cordon__heavy_degree(c->mol, x) != 2)
                return 0; /* hydroxy */
            for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++)
                if (ELEM(c, NB(c, k).atom) != 6)
                    return 0; /* O-O, or O on a nitrogen of the region */
            nether++;
        } else {
            return 0;
        }
    }
    if (nester)
        return RG_BIT(RG_ESTER);
    if (nether)
        return RG_BIT(RG_ETHER);
    return 0;
}

static uint32_t bridged_classes(const rg_ctx *c, const rg_group *g)
{
    int k, ok = 1, i;
    const cordon_mol *m = c->mol;
    /* alkylenedioxy: -O-(CR2)n-O- on two bonded region atoms */
    if (g->nattach != 2 || g->root[0] == g->root[1] ||
        cordon_mol_bond_between(m, g->base[0], g->base[1]) < 0)
        return 0;
    for (i = 0; i < 2; i++) {
        int o = g->root[i];
        ok &= ELEM(c, o) == 8 && g->order[i] == CORDON_BOND_SINGLE &&
              cordon__heavy_degree(m, o) == 2;
        for (k = NB_BEGIN(c, o); k < NB_END(c, o); k++)
            if (IN(c, NB(c, k).atom))
                ok &= ELEM(c, NB(c, k).atom) == 6;
    }
    if (!ok || g->natoms < 3)
        return 0;
    /* the carbons: saturated; ring flags are expected (the bridge closes a
     * ring with the region), so check elements and bond orders only */
    for (i = 0; i < g->natoms; i++) {
        int x = g->atoms[i];
        if (x == g->root[0] || x == g->root[1])
            continue;
        if (ELEM(c, x) != 6 || (m->atoms[x].flags & CORDON_ATOM_AROMATIC))
            return 0;
        for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++)
            if (IN(c, NB(c, k).atom) &&
                BORDER(c, NB(c, k).bond) != CORDON_BOND_SINGLE)
                return 0;
    }
    return RG_BIT(RG_ALKYLENEDIOXY) | RG_BIT(RG_ANY);
}

/* Classes of an acyclic group rooted at a non-ring atom r. */
static uint32_t chain_classes(const rg_ctx *c, const rg_group *g, int r)
{
    const cordon_mol *m = c->mol;
    int i, e = ELEM(c, r), nhal = 0, nc = 0, no = 0, other = 0, ndouble = 0;
    int nmult = 0;
    uint32_t mask = 0;
    for (i = 0; i < g->natoms; i++) {
        int x = g->atoms[i], k;
        if (m->atoms[x].flags & (CORDON_ATOM_IN_RING | CORDON_ATOM_AROMATIC))
            return 0;
        if (ELEM(c, x) == 6)
            nc++;
        else if (cordon__is_halogen(ELEM(c, x)))
            nhal++;
        else
            other++;
        if (ELEM(c, x) == 8)
            no++;
        for (k = NB_BEGIN(c, x); k < NB_END(c, x); k++) {
            int y = NB(c, k).atom, bo = BORDER(c, NB(c, k).bond);
            if (!IN(c, y) || y < x)
                continue;
            if (bo == CORDON_BOND_DOUBLE && ELEM(c, x) == 6 && ELEM(c, y) == 6)
                ndouble++;
            else if (bo != CORDON_BOND_SINGLE)
                nmult++;
        }
    }
    if (g->natoms == 1 && cordon__is_halogen(e) && !m->atoms[r].charge)
        return RG_BIT(RG_HALO);
    if (g->natoms == 1 && e == 8 && cordon__eff_charge(m, r) == 0 &&
        cordon__eff_hcount(m, r) == 1)
        return RG_BIT(RG_HYDROXY);
    if (e == 7 && g->natoms == 3 && cordon__heavy_degree(m, r) == 3) {
        int k, nterm = 0;
        for (k = NB_BEGIN(c, r); k < NB_END(c, r); k++)
            if (IN(c, NB(c, k).atom) && ELEM(c, NB(c, k).atom) == 8 &&
                cordon__heavy_degree(m, NB(c, k).atom) == 1)
                nterm++;
        if (nterm == 2)
            return RG_BIT(RG_NITRO);
    }
    if (nc == g->natoms && !nmult && !m->atoms[r].charge)
        mask |= ndouble ? RG_BIT(RG_ALKENYL) : RG_BIT(RG_ALKYL);
    if (e == 6 && nhal && !other && !ndouble && !nmult) {
        int ok = 1;
        for (i = 0; i < g->natoms; i++)
            if (cordon__is_halogen(ELEM(c, g->atoms[i])))
                ok &= cordon__heavy_degree(m, g->atoms[i]) == 1;
        if (ok)
            mask |= RG_BIT(RG_HALOALKYL);
    }
    if (e == 7 && cordon__eff_charge(m, r) == 0 && !nmult && !ndouble &&
        saturated_carbons(c, g, &r, 1))
        mask |= RG_BIT(RG_AMINO);
    if (e == 8 && group_degree(c, g, r) == 2 && ELEM(c, g->base[0]) == 6 &&
        saturated_carbons(c, g, &r, 1))
        mask |= RG_BIT(RG_ALKOXY);
    if (e == 8 && group_degree(c, g, r) == 2 && ELEM(c, g->base[0]) == 6) {
        int y = other_nbr(c, r, -1), o = y >= 0 ? carbonyl_o(c, y) : -1;
        if (y >= 0 && ELEM(c, y) == 6 && o < 0)
            mask |= RG_BIT(RG_O_ETHER);
        if (o >= 0) {
            int skip[3] = {r, y, o};
            mask |= RG_BIT(RG_O_ESTER);
            if (saturated_carbons(c, g, skip, 3))
                mask |= RG_BIT(RG_ACYLOXY);
        }
    }
    if (!nhal && !ndouble && no && nc + no == g->natoms) {
        uint32_t ox = oxygen_classes(c, g);
        mask |= ox;
        if ((ox & RG_BIT(RG_ETHER)) && e == 6)
            mask |= RG_BIT(RG_ALKOXYALKYL);
    }
    if (mask & RG_BIT(RG_ALKOXY))
        mask |= RG_BIT(RG_ETHER);
    if (mask & (RG_BIT(RG_ALKOXYCARBONYL) | RG_BIT(RG_ACYLOXY)))
        mask |= RG_BIT(RG_ESTER);
    return mask;
}

uint32_t cordon__rg_classify(const rg_ctx *c, const rg_group *g, int *bare)
{
    int r = g->root[0];
    uint32_t mask;
    assert(g->natoms > 0 && g->nattach >= 1);
    if (bare)
        *bare = 0;
    if (g->nattach == 2)
        return bridged_classes(c, g);
    mask = RG_BIT(RG_ANY);
    if (g->order[0] != CORDON_BOND_SINGLE)
        return mask;
    if (ELEM(c, r) == 6)
        mask |= RG_BIT(RG_C_ROOT);
    if (c->mol->atoms[r].flags & CORDON_ATOM_IN_RING)
        return mask | ring_classes(c, g, bare);
    if (ELEM(c, r) == 6)
        mask |= acyl_classes(c, g, r);
    mask |= chain_classes(c, g, r);
    if (mask & RG_BIT(RG_ALKOXYCARBONYL))
        mask |= RG_BIT(RG_ESTER);
    return mask;
}

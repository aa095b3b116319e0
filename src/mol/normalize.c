/*
 * normalize.c -- parent (salt-stripped, neutralised) and stereo-free forms
 * and their identity keys.  The rules, the counter-ion list and the reasons
 * are in docs/identity-keys.md; keep the two in step.
 *
 * Neutralisation follows the intent of RDKit's rdMolStandardize Uncharger:
 *  1. a cation that carries hydrogen (N, P, O, S with charge +1) loses one
 *     proton: [NH+] -> N, [NH3+] -> N, [OH+]= -> O=, [nH+] -> n;
 *  2. then anions O-, S-, N- that are not bonded to a cation gain a proton
 *     while the fragment's net charge is negative, so a quaternary
 *     ammonium carboxylate (betaine) keeps its zwitterion and nitro, N-oxide
 *     and other charge-separated groups are left alone;
 *  3. nothing else (quaternary N+, metal ions, C-) changes.
 */
#include <stdio.h>
#include <string.h>

#include "cordon/inchi.h"
#include "cordon/normalize.h"
#include "mol/mol_int.h"

/* Neutral Hill formulas of fragments removed as counter-ions or solvents
 * (docs/identity-keys.md lists the names). */
static const char *const counterions[] = {
    /* halides and hydrohalic acids */
    "Cl", "ClH", "Br", "BrH", "I", "HI", "F", "FH",
    /* inorganic acids and anions */
    "H2O4S", "O4S", "H3O4P", "O4P", "HNO3", "NO3", "ClHO4", "ClO4", "BF4",
    "F6P", "CH2O3", "H2O3S", "HO3S",
    /* water, ammonia */
    "H2O", "H3N",
    /* metal and other inorganic cations */
    "Li", "Na", "K", "Rb", "Cs", "Mg", "Ca", "Sr", "Ba", "Zn", "Al",
    /* carboxylic acids */
    "CH2O2", "C2H4O2", "C2HF3O2", "C2H2O4", "C3H6O3", "C4H4O4", "C4H6O4",
    "C4H6O5", "C4H6O6", "C6H8O7", "C6H12O7", "C7H6O2", "C7H6O3", "C23H16O6",
    /* sulfonic acids */
    "CH4O3S", "C2H6O3S", "C2H6O6S2", "C6H6O3S", "C7H8O3S", "C10H8O3S",
    "C10H16O4S",
    /* solvents of crystallisation */
    "CH4O", "C2H6O", "C3H8O", "C3H6O", "C2H6OS", "C4H10O", "C4H8O2", "C4H8O",
    "CH2Cl2", "CHCl3", "C2H3N", "C3H7NO", NULL};

int cordon_norm_is_counterion(const char *formula)
{
    int i;
    for (i = 0; counterions[i]; i++)
        if (!strcmp(counterions[i], formula))
            return 1;
    return 0;
}

typedef struct norm {
    const cordon_mol *mol;
    int *comp; /* fragment of each atom */
    int *chg;  /* charge after neutralisation */
    int *dh;   /* hydrogen change from neutralisation */
    int ncomp;
} norm;

static void find_components(norm *n)
{
    const cordon_mol *m = n->mol;
    int i, *stack = n->dh; /* borrowed as scratch before dh is used */
    for (i = 0; i < m->natoms; i++)
        n->comp[i] = -1;
    n->ncomp = 0;
    for (i = 0; i < m->natoms; i++) {
        int top = 0, k;
        if (n->comp[i] >= 0)
            continue;
        n->comp[i] = n->ncomp;
        stack[top++] = i;
        while (top) {
            int x = stack[--top];
            for (k = m->nbr_start[x]; k < m->nbr_start[x + 1]; k++) {
                int y = m->nbrs[k].atom;
                if (n->comp[y] < 0) {
                    n->comp[y] = n->ncomp;
                    stack[top++] = y;
                }
            }
        }
        n->ncomp++;
    }
}

static int has_cation_nbr(const norm *n, int i)
{
    const cordon_mol *m = n->mol;
    int k;
    for (k = m->nbr_start[i]; k < m->nbr_start[i + 1]; k++)
        if (n->chg[m->nbrs[k].atom] > 0)
            return 1;
    return 0;
}

static void neutralise(norm *n)
{
    const cordon_mol *m = n->mol;
    int i, c;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        n->chg[i] = a->charge;
        n->dh[i] = 0;
        if (a->charge == 1 && cordon__atom_hcount(a) > 0 &&
            (a->elem == 7 || a->elem == 8 || a->elem == 15 || a->elem == 16)) {
            n->chg[i] = 0;
            n->dh[i] = -1;
        }
    }
    for (c = 0; c < n->ncomp; c++) {
        int net = 0;
        for (i = 0; i < m->natoms; i++)
            if (n->comp[i] == c)
                net += n->chg[i];
        for (i = 0; i < m->natoms && net < 0; i++) {
            const cordon_atom *a = &m->atoms[i];
            if (n->comp[i] != c || n->chg[i] != -1 ||
                (a->elem != 8 && a->elem != 16 && a->elem != 7) ||
                has_cation_nbr(n, i))
                continue;
            n->chg[i] = 0;
            n->dh[i] = 1;
            net++;
        }
    }
}

/* Hill formula of fragment c (charges ignored) into buf. */
static void formula(const norm *n, int c, int neutral, char *buf, size_t cap)
{
    const cordon_mol *m = n->mol;
    int count[119] = {0}, i, e, pos = 0;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        if (n->comp[i] != c)
            continue;
        count[a->elem]++;
        count[1] += cordon__atom_hcount(a) + (neutral ? n->dh[i] : 0);
    }
    buf[0] = '\0';
#define PUT(el)                                                                \
    do {                                                                       \
        if (count[el] > 0)                                                     \
            pos += snprintf(buf + pos, cap - (size_t)pos,                      \
                            count[el] > 1 ? "%s%d" : "%s",                     \
                            cordon_element_symbol(el), count[el]);             \
        if ((size_t)pos >= cap)                                                \
            return;                                                            \
    } while (0)
    if (count[6]) {
        PUT(6);
        PUT(1);
    }
    for (;;) {
        /* remaining elements in alphabetical order of their symbols */
        const char *best = NULL;
        int be = -1;
        for (e = 1; e <= 118; e++) {
            const char *s;
            if (!count[e] || (count[6] && (e == 6 || e == 1)))
                continue;
            s = cordon_element_symbol(e);
            if (!best || strcmp(s, best) < 0) {
                best = s;
                be = e;
            }
        }
        if (be < 0)
            break;
        PUT(be);
        count[be] = 0;
    }
#undef PUT
}

/* The fragment to keep: not a listed counter-ion, carbon-containing,
 * most heavy atoms, then most atoms, then first. */
static int choose_fragment(const norm *n, int neutral)
{
    const cordon_mol *m = n->mol;
    int c, best = -1, best_score[3] = {-1, -1, -1};
    int any_kept = 0, pass;
    char f[256];
    for (pass = 0; pass < 2 && best < 0; pass++) {
        for (c = 0; c < n->ncomp; c++) {
            int heavy = 0, carbon = 0, all = 0, i, s[3];
            formula(n, c, neutral, f, sizeof f);
            if (pass == 0 && cordon_norm_is_counterion(f))
                continue;
            any_kept = 1;
            for (i = 0; i < m->natoms; i++) {
                if (n->comp[i] != c)
                    continue;
                all++;
                if (m->atoms[i].elem > 1)
                    heavy++;
                if (m->atoms[i].elem == 6)
                    carbon = 1;
            }
            s[0] = carbon;
            s[1] = heavy;
            s[2] = all;
            if (s[0] > best_score[0] ||
                (s[0] == best_score[0] &&
                 (s[1] > best_score[1] ||
                  (s[1] == best_score[1] && s[2] > best_score[2])))) {
                best = c;
                memcpy(best_score, s, sizeof s);
            }
        }
    }
    (void)any_kept;
    return best;
}

static int build(cordon_mol *out, const norm *n, unsigned steps, int keep,
                 int *newidx, cordon_error *err)
{
    const cordon_mol *m = n->mol;
    int i, rc, nb = 0;
    int neutral = (steps & CORDON_NORM_NEUTRALIZE) != 0;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        int idx, dh = neutral ? n->dh[i] : 0;
        newidx[i] = -1;
        if (keep >= 0 && n->comp[i] != keep)
            continue;
        if ((rc = cordon_mol_add_atom(out, a->elem, &idx)) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
        newidx[i] = idx;
        cordon_mol_set_charge(out, idx, neutral ? n->chg[i] : a->charge);
        cordon_mol_set_isotope(out, idx, a->isotope);
        cordon_mol_set_map(out, idx, a->map);
        cordon_mol_set_radicals(out, idx, a->radicals);
        if (a->flags & CORDON_ATOM_NO_IMPLICIT) {
            cordon_mol_set_hcount(out, idx, a->exp_h + dh);
        } else {
            int eh = a->exp_h + (dh < 0 ? dh : 0);
            out->atoms[idx].exp_h = (uint8_t)(eh > 0 ? eh : 0);
        }
        /* a centre that gains or loses a proton ([NH+] -> N) is no longer
         * the centre that was marked */
        if (!(steps & CORDON_NORM_NO_STEREO) && dh == 0)
            cordon_mol_set_chirality(out, idx, a->chiral);
        if (m->coord_dim && (size_t)i < m->cap_coords &&
            (rc = cordon_mol_set_coords(out, idx, m->coord_dim,
                                        m->coords[3 * i], m->coords[3 * i + 1],
                                        m->coords[3 * i + 2])) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
    }
    for (i = 0; i < m->nbonds; i++) {
        const cordon_bond *b = &m->bonds[i];
        int x = newidx[b->begin], y = newidx[b->end];
        if (x < 0 || y < 0)
            continue;
        if ((rc = cordon_mol_add_bond(out, x, y, b->kekule, NULL)) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
        if (!(steps & CORDON_NORM_NO_STEREO) &&
            (b->stereo == CORDON_BSTEREO_CIS ||
             b->stereo == CORDON_BSTEREO_TRANS) &&
            b->stereo_begin >= 0 && b->stereo_end >= 0)
            cordon_mol_set_bond_stereo(out, nb, b->stereo,
                                       newidx[b->stereo_begin],
                                       newidx[b->stereo_end]);
        nb++;
    }
    if ((rc = cordon_mol_set_title(out, cordon_mol_title(m),
                                   strlen(cordon_mol_title(m)))) != 0)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    for (i = 0; i < m->nprops; i++)
        if ((rc = cordon_mol_add_prop(
                 out, m->props[i].key, strlen(m->props[i].key),
                 m->props[i].value, strlen(m->props[i].value))) != 0)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
    return CORDON_OK;
}

cordon_status cordon_mol_normalize(cordon_mol **out, const cordon_mol *mol,
                                   unsigned steps, cordon_error *err)
{
    norm n;
    cordon_mol *res = NULL;
    int rc, keep = -1, *scratch = NULL;
    size_t na = (size_t)mol->natoms + 1;
    *out = NULL;
    if (!(mol->perceived & CORDON_PERCEIVED_ADJ))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    memset(&n, 0, sizeof n);
    n.mol = mol;
    scratch = cordon__malloc(mol->alloc, sizeof(int) * 4 * na);
    if (!scratch || (rc = cordon_mol_new(&res, mol->alloc)) != CORDON_OK) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    n.comp = scratch;
    n.chg = scratch + na;
    n.dh = scratch + 2 * na;
    find_components(&n);
    neutralise(&n);
    if ((steps & CORDON_NORM_STRIP) && n.ncomp > 1)
        keep = choose_fragment(&n, 1);
    if ((rc = build(res, &n, steps, keep, scratch + 3 * na, err)) != CORDON_OK)
        goto done;
    if ((rc = cordon_mol_perceive(res, 0, err)) != CORDON_OK)
        goto done;
    *out = res;
    res = NULL;
done:
    cordon_mol_free(res);
    cordon__free(mol->alloc, scratch);
    return rc;
}

cordon_status cordon_mol_identity_keys(const cordon_mol *mol,
                                       cordon_identity_keys *keys,
                                       cordon_error *err)
{
    cordon_mol *parent = NULL;
    int rc;
    memset(keys, 0, sizeof *keys);
    if ((rc = cordon_mol_inchikey(mol, 0, keys->exact, err)) != CORDON_OK)
        return rc;
    if ((rc = cordon_mol_normalize(&parent, mol, CORDON_NORM_PARENT, err)) !=
        CORDON_OK)
        return rc;
    rc = cordon_mol_inchikey(parent, 0, keys->parent, err);
    if (rc == CORDON_OK)
        rc = cordon_mol_inchikey(parent, CORDON_INCHI_NO_STEREO,
                                 keys->stereo_free, err);
    cordon_mol_free(parent);
    return rc;
}

/*
 * inchi.c -- the bridge to the IUPAC InChI library (inchi_api.h, v1.03 in
 * Debian): cordon_mol -> inchi_Input with 0D parities -> GetStdINCHI, and
 * InChI -> GetStructFromStdINCHI -> cordon_mol.
 *
 * Parity conventions (inchi_api.h, "0D Stereo Parity and Type
 * definitions"):
 *  - tetrahedral, four neighbours {W,X,Y,Z}: 'e' (EVEN) when X,Y,Z are
 *    clockwise seen from W.  cordon CW (looking from the first neighbour the
 *    rest run clockwise) is therefore EVEN for the stored order.
 *  - three neighbours {A,X,Y,Z} with A the centre: 'e' when X,Y,Z are
 *    clockwise seen from A, i.e. from the side of the implicit H or lone
 *    pair.  An implicit H is first in cordon's order (same view); a lone
 *    pair is last (three transpositions away: the parity flips).
 *  - double bond {X,A,B,Y}: 'e' = trans, 'o' = cis.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <inchi_api.h>

#include "cordon/inchi.h"
#include "cordon/molfile.h"
#include "io/molfile_int.h"
#include "mol/mol_int.h"

/* libinchi 1.03 is not reentrant (static buffers, a "busy" flag). */
static pthread_mutex_t inchi_lock = PTHREAD_MUTEX_INITIALIZER;

#define INCHI_MAX_ATOMS 1023

const char *cordon_inchi_library_version(void)
{
    return "1.03";
}

static int flip(int chi)
{
    return chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
}

/* Tetrahedral 0D element for atom i, or 0 if it has none. */
static int tetra_0d(const cordon_mol *mol, int i, inchi_Stereo0D *st)
{
    const cordon_atom *a = &mol->atoms[i];
    int deg = a->degree, h = cordon__atom_hcount(a), k, chi = a->chiral;
    if (chi != CORDON_CHI_CCW && chi != CORDON_CHI_CW)
        return 0;
    if (deg == 4 && h == 0) {
        for (k = 0; k < 4; k++)
            st->neighbor[k] = (AT_NUM)mol->nbrs[mol->nbr_start[i] + k].atom;
    } else if (deg == 3 && h <= 1) {
        st->neighbor[0] = (AT_NUM)i;
        for (k = 0; k < 3; k++)
            st->neighbor[k + 1] = (AT_NUM)mol->nbrs[mol->nbr_start[i] + k].atom;
        if (h == 0)
            chi = flip(chi);
    } else {
        return 0;
    }
    st->central_atom = (AT_NUM)i;
    st->type = INCHI_StereoType_Tetrahedral;
    st->parity = chi == CORDON_CHI_CW ? INCHI_PARITY_EVEN : INCHI_PARITY_ODD;
    return 1;
}

static int bond_0d(const cordon_mol *mol, int b, inchi_Stereo0D *st)
{
    const cordon_bond *bd = &mol->bonds[b];
    if ((bd->stereo != CORDON_BSTEREO_CIS &&
         bd->stereo != CORDON_BSTEREO_TRANS) ||
        bd->stereo_begin < 0 || bd->stereo_end < 0)
        return 0;
    st->neighbor[0] = (AT_NUM)bd->stereo_begin;
    st->neighbor[1] = (AT_NUM)bd->begin;
    st->neighbor[2] = (AT_NUM)bd->end;
    st->neighbor[3] = (AT_NUM)bd->stereo_end;
    st->central_atom = NO_ATOM;
    st->type = INCHI_StereoType_DoubleBond;
    st->parity = bd->stereo == CORDON_BSTEREO_TRANS ? INCHI_PARITY_EVEN
                                                    : INCHI_PARITY_ODD;
    return 1;
}

/*
 * RDKit's cleanUp (and so perception) writes perchlorate-like anions
 * charge-separated, [Cl+3]([O-])([O-])([O-])[O-]; the InChI library
 * normalises only the neutral-halogen form Cl(=O)(=O)(=O)[O-], which is
 * what a molfile hands it.  Restore that form in the InChI input.
 */
static void undo_halogen_oxyanions(const cordon_mol *mol, inchi_Atom *at)
{
    int i, k;
    for (i = 0; i < mol->natoms; i++) {
        const cordon_atom *a = &mol->atoms[i];
        if ((a->elem != 17 && a->elem != 35 && a->elem != 53) || a->charge <= 0)
            continue;
        for (k = mol->nbr_start[i];
             k < mol->nbr_start[i + 1] && at[i].charge > 0; k++) {
            int o = mol->nbrs[k].atom, j, lo, hi;
            const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
            if (mol->atoms[o].elem != 8 || at[o].charge != -1 ||
                b->kekule != 1 || mol->atoms[o].degree != 1)
                continue;
            lo = i < o ? i : o;
            hi = i ^ o ^ lo;
            for (j = 0; j < at[lo].num_bonds; j++)
                if (at[lo].neighbor[j] == hi)
                    at[lo].bond_type[j] = INCHI_BOND_TYPE_DOUBLE;
            at[o].charge = 0;
            at[i].charge--;
        }
    }
}

static int fill_input(const cordon_mol *mol, unsigned flags, inchi_Atom *at,
                      inchi_Stereo0D *st, int *nst, cordon_error *err)
{
    int i, n = mol->natoms;
    *nst = 0;
    memset(at, 0, sizeof *at * (size_t)n);
    for (i = 0; i < n; i++) {
        const cordon_atom *a = &mol->atoms[i];
        const char *sym = cordon_element_symbol(a->elem);
        if (a->elem == 0)
            return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                                 "inchi is not defined for dummy atom %d", i);
        snprintf(at[i].elname, sizeof at[i].elname, "%s", sym);
        at[i].num_iso_H[0] = (S_CHAR)cordon__atom_hcount(a);
        at[i].isotopic_mass = (AT_NUM)a->isotope;
        at[i].charge = (S_CHAR)a->charge;
        at[i].radical = a->radicals == 0   ? INCHI_RADICAL_NONE
                        : a->radicals == 1 ? INCHI_RADICAL_DOUBLET
                                           : INCHI_RADICAL_TRIPLET;
    }
    for (i = 0; i < mol->nbonds; i++) {
        const cordon_bond *b = &mol->bonds[i];
        int lo = b->begin < b->end ? b->begin : b->end;
        int hi = b->begin ^ b->end ^ lo, k = at[lo].num_bonds;
        int order = b->kekule;
        if (order < 1 || order > 3)
            continue;
        if (k >= MAXVAL)
            return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                                 "atom %d has more than %d bonds (inchi "
                                 "limit)",
                                 lo, MAXVAL);
        at[lo].neighbor[k] = (AT_NUM)hi;
        at[lo].bond_type[k] = (S_CHAR)order;
        at[lo].num_bonds++;
    }
    undo_halogen_oxyanions(mol, at);
    if (flags & CORDON_INCHI_NO_STEREO)
        return CORDON_OK;
    for (i = 0; i < n; i++)
        *nst += tetra_0d(mol, i, &st[*nst]);
    for (i = 0; i < mol->nbonds; i++)
        *nst += bond_0d(mol, i, &st[*nst]);
    return CORDON_OK;
}

/*
 * Runs the library on a filled input under the process-wide lock (the
 * library keeps global state) and copies the standard InChI into buf (cap
 * bytes).  The one place GetStdINCHI is called.
 */
static int run_std_inchi(inchi_Input *in, char *buf, size_t cap, size_t *outlen,
                         cordon_error *err)
{
    inchi_Output out;
    int rc, ret;
    size_t n;
    memset(&out, 0, sizeof out);
    pthread_mutex_lock(&inchi_lock);
    ret = GetStdINCHI(in, &out);
    if ((ret == inchi_Ret_OKAY || ret == inchi_Ret_WARNING) && out.szInChI) {
        n = strlen(out.szInChI);
        if (n + 1 > cap) {
            rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                               "inchi longer than %zu bytes", cap);
        } else {
            memcpy(buf, out.szInChI, n + 1);
            if (outlen)
                *outlen = n;
            rc = CORDON_OK;
        }
    } else {
        rc = cordon__error(err, CORDON_ECHEM, (size_t)-1, "inchi library: %s",
                           out.szMessage && *out.szMessage ? out.szMessage
                                                           : "no inchi");
    }
    FreeStdINCHI(&out);
    pthread_mutex_unlock(&inchi_lock);
    return rc;
}

cordon_status cordon_mol_inchi(const cordon_mol *mol, unsigned flags, char *buf,
                               size_t cap, size_t *len, cordon_error *err)
{
    inchi_Input in;
    inchi_Atom *at = NULL;
    inchi_Stereo0D *st = NULL;
    char opts[64];
    int rc, nst;
    if (!(mol->perceived & CORDON_PERCEIVED_VALENCE))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    if (mol->natoms == 0)
        return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                             "inchi is not defined for an empty molecule");
    if (mol->natoms > INCHI_MAX_ATOMS)
        return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                             "more than %d atoms (inchi limit)",
                             INCHI_MAX_ATOMS);
    at = cordon__malloc(mol->alloc, sizeof *at * (size_t)mol->natoms);
    st = cordon__malloc(mol->alloc,
                        sizeof *st * ((size_t)mol->natoms + mol->nbonds + 1));
    if (!at || !st) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    if ((rc = fill_input(mol, flags, at, st, &nst, err)) != CORDON_OK)
        goto done;
    snprintf(opts, sizeof opts, "-AuxNone -W20%s",
             (flags & CORDON_INCHI_NO_STEREO) ? " -SNon" : "");
    memset(&in, 0, sizeof in);
    in.atom = at;
    in.stereo0D = nst ? st : NULL;
    in.num_atoms = (AT_NUM)mol->natoms;
    in.num_stereo0D = (AT_NUM)nst;
    in.szOptions = opts;
    rc = run_std_inchi(&in, buf, cap, len, err);
done:
    cordon__free(mol->alloc, at);
    cordon__free(mol->alloc, st);
    return rc;
}

cordon_status cordon_inchi_key(const char *inchi, size_t len, char *key,
                               cordon_error *err)
{
    char small[1024], *s = small;
    int ret;
    if (len + 1 > sizeof small) {
        s = cordon__malloc(NULL, len + 1);
        if (!s)
            return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                 "out of memory");
    }
    memcpy(s, inchi, len);
    s[len] = '\0';
    pthread_mutex_lock(&inchi_lock);
    ret = GetINCHIKeyFromINCHI(s, 0, 0, key, NULL, NULL);
    pthread_mutex_unlock(&inchi_lock);
    if (s != small)
        cordon__free(NULL, s);
    if (ret != INCHIKEY_OK)
        return cordon__error(err, CORDON_EPARSE, 0,
                             "cannot make an inchikey from this inchi "
                             "(code %d)",
                             ret);
    return CORDON_OK;
}

cordon_status cordon_mol_inchikey(const cordon_mol *mol, unsigned flags,
                                  char *key, cordon_error *err)
{
    char buf[16384];
    size_t n;
    int rc = cordon_mol_inchi(mol, flags, buf, sizeof buf, &n, err);
    if (rc != CORDON_OK)
        return rc;
    return cordon_inchi_key(buf, n, key, err);
}

/* ---- molfile -> InChI, as the InChI program reads a molfile ---- */

static int mf_fill(const cordon__mf *mf, inchi_Atom *at, cordon_error *err)
{
    int i;
    memset(at, 0, sizeof *at * (size_t)mf->natoms);
    for (i = 0; i < mf->natoms; i++) {
        const cordon__mf_atom *a = &mf->atoms[i];
        if (a->elem == 0)
            return cordon__error(err, CORDON_ECHEM, (size_t)-1,
                                 "inchi is not defined for dummy atom %d", i);
        snprintf(at[i].elname, sizeof at[i].elname, "%s",
                 cordon_element_symbol(a->elem));
        at[i].x = a->x;
        at[i].y = a->y;
        at[i].z = a->z;
        at[i].num_iso_H[0] = -1; /* the library adds implicit H */
        at[i].isotopic_mass = (AT_NUM)a->isotope;
        at[i].charge = (S_CHAR)a->charge;
        at[i].radical = (S_CHAR)a->radical;
    }
    for (i = 0; i < mf->nbonds; i++) {
        const cordon__mf_bond *b = &mf->bonds[i];
        int k = at[b->a].num_bonds, st = 0;
        if (k >= MAXVAL)
            return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                                 "atom %d has more than %d bonds (inchi "
                                 "limit)",
                                 b->a, MAXVAL);
        at[b->a].neighbor[k] = (AT_NUM)b->b;
        at[b->a].bond_type[k] =
            (S_CHAR)(b->type == 4 ? INCHI_BOND_TYPE_ALTERN : b->type);
        if (b->type == 1)
            st = b->stereo == 1   ? INCHI_BOND_STEREO_SINGLE_1UP
                 : b->stereo == 6 ? INCHI_BOND_STEREO_SINGLE_1DOWN
                 : b->stereo == 4 ? INCHI_BOND_STEREO_SINGLE_1EITHER
                                  : INCHI_BOND_STEREO_NONE;
        else if (b->type == 2 && b->stereo == 3)
            st = INCHI_BOND_STEREO_DOUBLE_EITHER;
        at[b->a].bond_stereo[k] = (S_CHAR)st;
        at[b->a].num_bonds++;
    }
    /* an explicit valence (vvv, VAL=) fixes the hydrogen count */
    for (i = 0; i < mf->natoms; i++) {
        int k, v2 = 0, h;
        if (mf->atoms[i].valence < 0)
            continue;
        for (k = 0; k < mf->nbonds; k++)
            if (mf->bonds[k].a == i || mf->bonds[k].b == i)
                v2 += mf->bonds[k].type == 4 ? 3 : 2 * mf->bonds[k].type;
        h = mf->atoms[i].valence - (v2 + 1) / 2;
        at[i].num_iso_H[0] = (S_CHAR)(h > 0 ? h : 0);
    }
    return CORDON_OK;
}

static int mol_path(const char *s, size_t len, unsigned flags, char *buf,
                    size_t cap, size_t *outlen, cordon_error *err)
{
    cordon_mol *m;
    int rc;
    if ((rc = cordon_mol_new(&m, NULL)) != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    rc = cordon_molfile_read(m, s, len, 1, err);
    if (rc == CORDON_OK)
        rc = cordon_mol_inchi(m, flags, buf, cap, outlen, err);
    cordon_mol_free(m);
    return rc;
}

cordon_status cordon_inchi_from_molfile(const char *s, size_t len,
                                        unsigned flags, char *buf, size_t cap,
                                        size_t *outlen, cordon_error *err)
{
    cordon__mf mf;
    inchi_Input in;
    inchi_Atom *at = NULL;
    char opts[64];
    int rc;
    memset(&mf, 0, sizeof mf);
    mf.max_atoms = INCHI_MAX_ATOMS;
    if ((rc = cordon__mf_parse(&mf, s, len, err)) != CORDON_OK)
        goto done;
    if (mf.dim == 0 && mf.natoms > 0) {
        /* no coordinates: stereo lives in atom parities, which cordon's
         * reader turns into the molecule's stereo (0D route) */
        cordon__mf_free(&mf);
        return mol_path(s, len, flags, buf, cap, outlen, err);
    }
    if (mf.natoms == 0) {
        rc = cordon__error(err, CORDON_ECHEM, (size_t)-1,
                           "inchi is not defined for an empty molecule");
        goto done;
    }
    at = cordon__malloc(NULL, sizeof *at * (size_t)mf.natoms);
    if (!at) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    if ((rc = mf_fill(&mf, at, err)) != CORDON_OK)
        goto done;
    snprintf(opts, sizeof opts, "-AuxNone -W20%s",
             (flags & CORDON_INCHI_NO_STEREO) ? " -SNon" : "");
    memset(&in, 0, sizeof in);
    in.atom = at;
    in.num_atoms = (AT_NUM)mf.natoms;
    in.szOptions = opts;
    rc = run_std_inchi(&in, buf, cap, outlen, err);
done:
    cordon__free(NULL, at);
    cordon__mf_free(&mf);
    return rc;
}

/* ---- InChI -> structure ---- */

/* Parity of the permutation taking list a (n items) to list b. */
static int perm_odd(const int *a, const int *b, int n)
{
    int pos[4], i, j, inv = 0;
    for (i = 0; i < n; i++) {
        pos[i] = -1;
        for (j = 0; j < n; j++)
            if (b[j] == a[i])
                pos[i] = j;
        if (pos[i] < 0)
            return -1;
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if (pos[i] > pos[j])
                inv++;
    return inv & 1;
}

static void set_tetra(cordon_mol *mol, const inchi_Stereo0D *s)
{
    int c = s->central_atom, nb[4], ours[4], k, n, odd, chi, h;
    if (c < 0 || c >= mol->natoms)
        return;
    n = mol->nbr_start[c + 1] - mol->nbr_start[c];
    for (k = 0; k < n && k < 4; k++)
        ours[k] = mol->nbrs[mol->nbr_start[c] + k].atom;
    chi = s->parity == INCHI_PARITY_EVEN ? CORDON_CHI_CW : CORDON_CHI_CCW;
    if (s->neighbor[0] == c) {
        if (n != 3)
            return;
        for (k = 0; k < 3; k++)
            nb[k] = s->neighbor[k + 1];
        odd = perm_odd(nb, ours, 3);
        h = cordon__atom_hcount(&mol->atoms[c]);
        if (h == 0)
            chi = flip(chi);
    } else {
        if (n != 4)
            return;
        for (k = 0; k < 4; k++)
            nb[k] = s->neighbor[k];
        odd = perm_odd(nb, ours, 4);
    }
    if (odd < 0)
        return;
    if (odd)
        chi = flip(chi);
    mol->atoms[c].chiral = (uint8_t)chi;
}

static void set_double(cordon_mol *mol, const inchi_Stereo0D *s)
{
    int b = cordon_mol_bond_between(mol, s->neighbor[1], s->neighbor[2]);
    int st = s->parity == INCHI_PARITY_EVEN ? CORDON_BSTEREO_TRANS
                                            : CORDON_BSTEREO_CIS;
    if (b < 0 || mol->bonds[b].order != CORDON_BOND_DOUBLE)
        return;
    if (mol->bonds[b].begin == s->neighbor[1])
        cordon_mol_set_bond_stereo(mol, b, st, s->neighbor[0], s->neighbor[3]);
    else
        cordon_mol_set_bond_stereo(mol, b, st, s->neighbor[3], s->neighbor[0]);
}

static int build_from_struct(cordon_mol *mol, const inchi_OutputStruct *o,
                             cordon_error *err)
{
    int i, k, rc;
    for (i = 0; i < o->num_atoms; i++) {
        const inchi_Atom *a = &o->atom[i];
        int e = cordon_element_number(a->elname, strlen(a->elname)), idx;
        int iso = a->isotopic_mass;
        if (e < 0)
            return cordon__error(err, CORDON_EPARSE, 0,
                                 "unknown element '%s' in inchi structure",
                                 a->elname);
        if ((rc = cordon_mol_add_atom(mol, e, &idx)) != CORDON_OK)
            return cordon__error(err, rc, (size_t)-1, "out of memory");
        if (iso >= ISOTOPIC_SHIFT_FLAG - ISOTOPIC_SHIFT_MAX)
            iso = cordon__mf_avg_mass(e) + iso - ISOTOPIC_SHIFT_FLAG;
        if (iso > 0)
            cordon_mol_set_isotope(mol, idx, iso);
        cordon_mol_set_charge(mol, idx, a->charge);
        if (a->radical == INCHI_RADICAL_DOUBLET)
            cordon_mol_set_radicals(mol, idx, 1);
        else if (a->radical == INCHI_RADICAL_TRIPLET ||
                 a->radical == INCHI_RADICAL_SINGLET)
            cordon_mol_set_radicals(mol, idx, 2);
        cordon_mol_set_hcount(mol, idx,
                              a->num_iso_H[0] > 0 ? a->num_iso_H[0] : 0);
    }
    for (i = 0; i < o->num_atoms; i++) {
        const inchi_Atom *a = &o->atom[i];
        for (k = 0; k < a->num_bonds; k++) {
            int j = a->neighbor[k], t = a->bond_type[k];
            if (j < 0 || j >= o->num_atoms || j == i ||
                cordon_mol_bond_between(mol, i, j) >= 0)
                continue;
            if (t < 1 || t > 3)
                t = 1;
            if ((rc = cordon_mol_add_bond(mol, i, j, t, NULL)) != CORDON_OK)
                return cordon__error(err, rc, (size_t)-1, "out of memory");
        }
    }
    /* isotopic implicit hydrogens become explicit atoms */
    for (i = 0; i < o->num_atoms; i++) {
        for (k = 1; k <= NUM_H_ISOTOPES; k++) {
            int c;
            for (c = 0; c < o->atom[i].num_iso_H[k]; c++) {
                int h;
                if ((rc = cordon_mol_add_atom(mol, 1, &h)) != CORDON_OK ||
                    (rc = cordon_mol_add_bond(mol, i, h, 1, NULL)) != CORDON_OK)
                    return cordon__error(err, rc, (size_t)-1, "out of memory");
                cordon_mol_set_isotope(mol, h, k);
                cordon_mol_set_hcount(mol, h, 0);
            }
        }
    }
    return CORDON_OK;
}

/*
 * The library rebuilds N-oxides and similar groups (sydnones, furoxans) as
 * neutral five-valent nitrogen, N(=O); the RDKit valence model, like
 * RDKit's own InChI reader after its clean-up, wants [N+][O-].  Charge-
 * separate a neutral nitrogen of valence 5 that has a double bond to a
 * terminal neutral oxygen (two such bonds: nitro, left to perception).
 */
static void separate_n_oxides(cordon_mol *mol)
{
    int i, k;
    for (i = 0; i < mol->natoms; i++) {
        cordon_atom *a = &mol->atoms[i];
        int v = a->exp_h, ndo = 0, dob = -1;
        if (a->elem != 7 || a->charge != 0)
            continue;
        for (k = mol->nbr_start[i]; k < mol->nbr_start[i + 1]; k++) {
            const cordon_bond *b = &mol->bonds[mol->nbrs[k].bond];
            const cordon_atom *o = &mol->atoms[mol->nbrs[k].atom];
            v += b->order;
            if (b->order == CORDON_BOND_DOUBLE && o->elem == 8 &&
                o->charge == 0 && o->degree == 1) {
                ndo++;
                dob = mol->nbrs[k].bond;
            }
        }
        if (v != 5 || ndo != 1)
            continue;
        mol->bonds[dob].order = mol->bonds[dob].kekule = CORDON_BOND_SINGLE;
        a->charge = 1;
        mol->atoms[mol->bonds[dob].begin == i ? mol->bonds[dob].end
                                              : mol->bonds[dob].begin]
            .charge = -1;
    }
}

/* Offset of the first character that breaks the InChI grammar this reader
 * accepts, (size_t)-1 if none: characters of the InChI alphabet only; a
 * formula layer of '.'-separated components, each an optional multiplier
 * and one or more known elements with optional counts; every later layer
 * starting with its one-letter prefix.  libinchi 1.03 does not survive
 * every malformed string ('InChI=1S/F.3/i3H' frees a wild pointer, found by
 * fuzz_screen), so the shape is checked before the library sees it. */
static size_t inchi_syntax_bad(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] != '/')
        i++;
    if (i >= len)
        return len;
    for (size_t k = i; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || (c && strchr("/().,;*+-?", c))))
            return k;
    }
    i++;
    if (i < len && !(s[i] >= 'a' && s[i] <= 'z')) { /* a formula layer */
        for (;;) {
            int elems = 0;
            size_t d = i;
            while (i < len && s[i] >= '0' && s[i] <= '9')
                i++;
            if (i - d > 4) /* no count the library takes needs five digits */
                return d;
            while (i < len && s[i] >= 'A' && s[i] <= 'Z') {
                size_t e = i++;
                while (i < len && s[i] >= 'a' && s[i] <= 'z')
                    i++;
                if (cordon_element_number(s + e, i - e) <= 0)
                    return e;
                for (d = i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
                    ;
                if (i - d > 4)
                    return d;
                elems++;
            }
            if (!elems)
                return i;
            if (i < len && s[i] == '.') {
                i++;
                continue;
            }
            if (i < len && s[i] != '/')
                return i;
            break;
        }
    }
    while (i < len && s[i] != '/') /* a main layer without formula (p+1) */
        i++;
    while (i < len) { /* later layers: '/' and a known prefix letter */
        if (i + 1 >= len || !s[i + 1] || !strchr("chqpbtmsifr", s[i + 1]))
            return i;
        for (i += 2; i < len && s[i] != '/'; i++)
            ;
    }
    return (size_t)-1;
}

/*
 * The IUPAC library (Debian's 1.03) dereferences out of range when a
 * connection (/c) or hydrogen (/h) layer names an atom number beyond the
 * heavy atoms of the formula layer ("InChI=1S/C2H6O/c6" crashes inside
 * GetStructFromINCHI; CheckINCHI accepts it).  Reject such strings before
 * handing them over.  Returns the byte offset of the bad number, or
 * (size_t)-1 when the numbers are in range.  Multi-component formulas
 * ("C2H6O.ClH", "2C2H6O") add up their heavy atoms.  A heuristic guard,
 * not a validator: formulas with boron or without heavy atoms are passed
 * through unchecked (see below).  *too_big is set when the formula has more
 * atoms than the library takes.
 */
static size_t inchi_atom_numbers_bad(const char *s, size_t len, int *too_big)
{
    size_t i = 0, heavy = 0, mult = 1, formula_end;
    int boron = 0, multi = 0, have_c = 0; /* boron: numbers may pass heavy */
    unsigned char seen[512];
    memset(seen, 0, sizeof seen);
    while (i < len && s[i] != '/') /* skip "InChI=1S" */
        i++;
    if (i >= len)
        return (size_t)-1;
    i++;
    /* formula layer: ELEMENT COUNT ... with '.' between components */
    while (i < len && s[i] != '/') {
        if (s[i] >= '0' && s[i] <= '9') { /* component multiplier */
            multi = 1;
            mult = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9' && mult < 100000)
                mult = mult * 10 + (size_t)(s[i++] - '0');
        } else if (s[i] >= 'A' && s[i] <= 'Z') {
            int is_h = s[i] == 'H' &&
                       !(i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z');
            size_t n = 0, at_el = i;
            i++;
            while (i < len && s[i] >= 'a' && s[i] <= 'z')
                i++;
            while (i < len && s[i] >= '0' && s[i] <= '9' && n < 100000)
                n = n * 10 + (size_t)(s[i++] - '0');
            if (!is_h)
                heavy += mult * (n ? n : 1);
            /* the library takes fewer than 1024 atoms (inchi_api.h) and
             * allocates from these counts before it checks them: a formula
             * of 10^15 atoms aborts on a huge malloc (found by fuzz_screen) */
            if (heavy >= 1024 || mult >= 1024 || n >= 4096) {
                *too_big = 1;
                return at_el;
            }
            if (s[at_el] == 'B' && !(at_el + 1 < len && s[at_el + 1] >= 'a' &&
                                     s[at_el + 1] <= 'z'))
                boron = 1;
        } else {
            if (s[i] == '.') {
                mult = 1;
                multi = 1;
            }
            i++;
        }
    }
    /* A formula of hydrogen alone numbers its H atoms: nothing to check.
     * Bridging hydrogens (boranes) are numbered in /c after the heavy
     * atoms, and an isotopic layer can number isotopic H atoms (D, T):
     * then numbers beyond the heavy atoms are allowed, but the heavy atoms
     * of one component must still all be connected ('InChI=1S/BH3O/c2'
     * crashes the library as 'InChI=1S/C2H6O/c3' does). */
    if (heavy == 0)
        return (size_t)-1;
    for (size_t k = i; k + 1 < len; k++)
        if (s[k] == '/' && s[k + 1] == 'i')
            boron = 1;
    formula_end = i;
    /* later layers: numbers in /c and /h must not exceed the heavy atoms */
    while (i < len) {
        char layer;
        i++; /* '/' */
        layer = i < len ? s[i] : '\0';
        while (i < len && s[i] != '/') {
            if ((layer == 'c' || layer == 'h') && s[i] >= '0' && s[i] <= '9' &&
                (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
                !(layer == 'h' && i > 0 && s[i - 1] == 'H')) {
                size_t at = i, n = 0;
                while (i < len && s[i] >= '0' && s[i] <= '9' && n < 1000000)
                    n = n * 10 + (size_t)(s[i++] - '0');
                /* "*" multipliers in /c and H counts after 'H' are not atom
                 * numbers */
                if (i < len && s[i] == '*')
                    continue;
                if (n == 0 || (n > heavy && !boron))
                    return at;
                if (layer == 'c') {
                    have_c = 1;
                    if (n < sizeof seen)
                        seen[n] = 1;
                }
                continue;
            }
            i++;
        }
    }
    /* One component with several heavy atoms: its /c layer must connect
     * every atom ("InChI=1S/C2H6O/c3" also crashes the library). */
    if (!multi && heavy > 1 && heavy < sizeof seen) {
        size_t k;
        if (!have_c)
            return formula_end;
        for (k = 1; k <= heavy; k++)
            if (!seen[k])
                return formula_end;
    }
    return (size_t)-1;
}

/* 1 when a component of the formula layer has hydrogens on heavy atoms
 * (C2H6O, not the hydride ions of 'Na.H') but the string has no /h layer:
 * the library then rebuilds the skeleton without them
 * ('InChI=1S/C2H6O/c1-2-3' comes back as [C+]#C[O-]). */
static int inchi_h_layer_missing(const char *s, size_t len)
{
    size_t i = 0;
    int heavy = 0, h = 0, bound_h = 0;
    while (i < len && s[i] != '/')
        i++;
    for (i++; i <= len && (i == len || s[i] != '/');) {
        if (i == len || s[i] == '.') { /* end of a component */
            bound_h |= heavy && h;
            heavy = h = 0;
            if (i == len)
                break;
            i++;
        } else if (s[i] >= 'A' && s[i] <= 'Z') {
            int is_h = s[i] == 'H' &&
                       !(i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z');
            if (is_h)
                h = 1;
            else
                heavy = 1;
            i++;
        } else {
            i++;
        }
    }
    if (i < len)
        bound_h |= heavy && h;
    if (!bound_h)
        return 0;
    for (; i + 1 < len; i++)
        if (s[i] == '/' && s[i + 1] == 'h')
            return 0;
    return 1;
}

cordon_status cordon_inchi_read(cordon_mol *mol, const char *s, size_t len,
                                cordon_error *err)
{
    inchi_InputINCHI in;
    inchi_OutputStruct out;
    char small[1024], *str = small, opts[] = "";
    int rc, ret, i;
    cordon_mol_clear(mol);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r' || s[len - 1] == '\t'))
        len--;
    if (len < 9 || memcmp(s, "InChI=1", 7) != 0)
        return cordon__error(err, CORDON_EPARSE, 0,
                             "not an inchi (expected 'InChI=1')");
    if (len + 1 > sizeof small) {
        str = cordon__malloc(mol->alloc, len + 1);
        if (!str)
            return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                 "out of memory");
    }
    memcpy(str, s, len);
    str[len] = '\0';
    {
        int too_big = 0;
        size_t bad = inchi_syntax_bad(str, len);
        if (bad != (size_t)-1) {
            if (str != small)
                cordon__free(mol->alloc, str);
            return cordon__error(err, CORDON_EPARSE, bad,
                                 "malformed inchi at offset %zu", bad);
        }
        bad = inchi_atom_numbers_bad(str, len, &too_big);
        if (bad != (size_t)-1) {
            if (str != small)
                cordon__free(mol->alloc, str);
            if (too_big)
                return cordon__error(err, CORDON_ELIMIT, bad,
                                     "inchi formula has more atoms than the "
                                     "inchi library takes (1023) at offset %zu",
                                     bad);
            return cordon__error(err, CORDON_EPARSE, bad,
                                 "inchi connection layer does not fit the "
                                 "formula (atom number out of range or atom "
                                 "not connected) at offset %zu",
                                 bad);
        }
    }
    /* checked before the library sees the string: libinchi 1.03 leaks
     * on some such input ('InChI=1S/C2H6O/c1-2-3/i3H,2H2,1H3') */
    if (inchi_h_layer_missing(str, len)) {
        if (str != small)
            cordon__free(mol->alloc, str);
        return cordon__error(err, CORDON_EPARSE, len,
                             "inchi formula has hydrogens on heavy atoms but "
                             "there is no /h layer (truncated inchi?)");
    }
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    in.szInChI = str;
    in.szOptions = opts;
    pthread_mutex_lock(&inchi_lock);
    ret = GetStructFromINCHI(&in, &out);
    if ((ret == inchi_Ret_OKAY || ret == inchi_Ret_WARNING) &&
        out.num_atoms > 0) {
        rc = build_from_struct(mol, &out, err);
        if (rc == CORDON_OK && (rc = cordon__mol_build_adjacency(mol)) != 0)
            cordon__error(err, rc, (size_t)-1, "out of memory");
        if (rc == CORDON_OK)
            separate_n_oxides(mol);
        if (rc == CORDON_OK)
            for (i = 0; i < out.num_stereo0D; i++) {
                const inchi_Stereo0D *st = &out.stereo0D[i];
                if (st->parity != INCHI_PARITY_EVEN &&
                    st->parity != INCHI_PARITY_ODD)
                    continue;
                if (st->type == INCHI_StereoType_Tetrahedral)
                    set_tetra(mol, st);
                else if (st->type == INCHI_StereoType_DoubleBond)
                    set_double(mol, st);
            }
    } else {
        rc = cordon__error(err, CORDON_EPARSE, 0, "inchi library: %s",
                           out.szMessage && *out.szMessage ? out.szMessage
                                                           : "no structure");
    }
    FreeStructFromINCHI(&out);
    pthread_mutex_unlock(&inchi_lock);
    if (str != small)
        cordon__free(mol->alloc, str);
    if (rc == CORDON_OK)
        rc = cordon_mol_perceive(mol, 0, err);
    return rc;
}

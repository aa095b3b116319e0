/*
 * molfile_write.c -- MOL (V2000/V3000) and SDF output (BIOVIA CTfile
 * Formats 2020).
 *
 * The molecule has no coordinates, so every atom is at (0, 0, 0) and the
 * dimension code is "2D" with a zero layout (docs/molfile.md); the output
 * is reproducible (no timestamp: the date field is zeros).  Bonds are
 * written in Kekulé form.  Charges, isotopes and radicals go to M CHG /
 * M ISO / M RAD (V2000) or CHG= / MASS= / RAD= (V3000).  A bracket-atom
 * hydrogen count that a reader's default valence would not reproduce is
 * written as the valence field (vvv / VAL=).  Tetrahedral stereo is written
 * as MDL atom parity (V2000 sss, V3000 CFG=).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cordon/molfile.h"
#include "mol/mol_int.h"

struct cordon_molfile_writer {
    const cordon_allocator *alloc;
    cordon_buf buf;
    int *bst; /* per bond: stereo code | REVERSED (see bond_marks) */
    size_t cap_bst;
};

#define REVERSED 0x100 /* write the bond end -> begin (wedge at end) */

cordon_status cordon_molfile_writer_new(cordon_molfile_writer **out,
                                        const cordon_allocator *alloc)
{
    cordon_molfile_writer *w = cordon__calloc(alloc, 1, sizeof *w);
    *out = NULL;
    if (!w)
        return CORDON_ENOMEM;
    w->alloc = alloc;
    w->buf.alloc = alloc;
    *out = w;
    return CORDON_OK;
}

void cordon_molfile_writer_free(cordon_molfile_writer *w)
{
    if (!w)
        return;
    cordon__buf_free(&w->buf);
    cordon__free(w->alloc, w->bst);
    cordon__free(w->alloc, w);
}

static int bond_valence(const cordon_mol *m, int i)
{
    int k, v = 0;
    for (k = m->nbr_start[i]; k < m->nbr_start[i + 1]; k++)
        v += m->bonds[m->nbrs[k].bond].kekule;
    return v;
}

/* 1 if a reader's default valence (lowest allowed valence at or above the
 * bond valence; charge shifts it as in RDKit) gives the atom's H count. */
static int default_h_ok(const cordon_mol *m, int i)
{
    static const struct {
        int elem, v[3];
    } tab[] = {{5, {3, 0, 0}},  {6, {4, 0, 0}},  {7, {3, 5, 0}},
               {8, {2, 0, 0}},  {9, {1, 0, 0}},  {15, {3, 5, 0}},
               {16, {2, 4, 6}}, {17, {1, 0, 0}}, {35, {1, 0, 0}},
               {53, {1, 3, 5}}, {34, {2, 4, 6}}, {14, {4, 0, 0}}};
    const cordon_atom *a = &m->atoms[i];
    int bv = bond_valence(m, i), h = cordon__atom_hcount(a), t, k;
    if (a->radicals)
        return 0;
    for (t = 0; t < (int)(sizeof tab / sizeof tab[0]); t++) {
        if (tab[t].elem != a->elem)
            continue;
        for (k = 0; k < 3 && tab[t].v[k]; k++) {
            int v = tab[t].v[k], c = a->charge;
            /* N+, O+ gain a valence; B-, C- and C+ lose one (RDKit) */
            if (a->elem == 5 || a->elem == 6)
                v -= c < 0 ? -c : c;
            else
                v += c;
            if (v >= bv)
                return h == v - bv;
        }
        return h == 0;
    }
    return h == 0; /* other elements: no implicit hydrogens */
}

/* MDL parity (1 odd, 2 even, 0 none) of atom i. */
static int mdl_parity(const cordon_mol *m, int i)
{
    const cordon_atom *a = &m->atoms[i];
    int ord[4], n = 0, k, j, h = cordon__atom_hcount(a), inv = 0, ccw;
    if (a->degree == 4 && h == 0)
        n = 0;
    int sorted[4];
    if (a->chiral != CORDON_CHI_CCW && a->chiral != CORDON_CHI_CW)
        return 0;
    if (a->degree + (h > 0) != 4 && !(a->degree == 3 && h == 0))
        return 0;
    if (h > 1)
        return 0;
    /* an implicit H or lone pair is numbered highest; mol.h keeps an H
     * first and a lone pair last (three transpositions: flip) */
    if (a->degree < 4) {
        ord[n++] = m->natoms;
        if (!h)
            inv++;
    }
    for (k = m->nbr_start[i]; k < m->nbr_start[i + 1]; k++)
        ord[n++] = m->nbrs[k].atom;
    /* target order: highest first, then the rest ascending */
    memcpy(sorted, ord, sizeof ord);
    for (k = 1; k < 4; k++)
        for (j = k; j > 0 && sorted[j - 1] > sorted[j]; j--) {
            int t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    {
        int target[4] = {sorted[3], sorted[0], sorted[1], sorted[2]};
        int pos[4];
        for (k = 0; k < 4; k++)
            for (j = 0; j < 4; j++)
                if (target[j] == ord[k])
                    pos[k] = j;
        for (k = 0; k < 4; k++)
            for (j = k + 1; j < 4; j++)
                if (pos[k] > pos[j])
                    inv++;
    }
    ccw = (a->chiral == CORDON_CHI_CCW) ^ (inv & 1);
    /* anticlockwise seen from the highest = clockwise with it behind */
    return ccw ? 1 : 2;
}

static void xyz(const cordon_mol *m, int i, double *p)
{
    cordon_mol_atom_coords(m, i, p);
}

/*
 * Handedness the molfile reader (molfile_read.c, centre_chirality) will see
 * at centre c in 2D when neighbour slot k is wedged up: the same signed
 * volume, on the same normalised bond directions.  Returns CCW, CW or NONE
 * (degenerate drawing).
 */
static int sense_with_wedge(const cordon_mol *m, int c, int k)
{
    double p[4][3], cc[3], v[3][3], vol, l;
    int n = m->atoms[c].degree, j, d, s = n == 3 ? 1 : 0;
    xyz(m, c, cc);
    for (j = 0; j < n; j++) {
        xyz(m, m->nbrs[m->nbr_start[c] + j].atom, p[j + s]);
        p[j + s][0] -= cc[0];
        p[j + s][1] -= cc[1];
        l = sqrt(p[j + s][0] * p[j + s][0] + p[j + s][1] * p[j + s][1]);
        if (l > 1e-9) {
            p[j + s][0] /= l;
            p[j + s][1] /= l;
        }
        p[j + s][2] = j == k ? 1.0 : 0.0;
    }
    if (n == 3) {
        for (d = 0; d < 3; d++)
            p[0][d] = -(p[1][d] + p[2][d] + p[3][d]);
        if (fabs(p[0][0]) + fabs(p[0][1]) >= 1e-3)
            p[0][2] = 0.0 - (p[1][2] + p[2][2] + p[3][2]);
    }
    for (j = 0; j < 3; j++)
        for (d = 0; d < 3; d++)
            v[j][d] = p[j + 1][d] - p[0][d];
    vol = v[0][0] * (v[1][1] * v[2][2] - v[1][2] * v[2][1]) -
          v[0][1] * (v[1][0] * v[2][2] - v[1][2] * v[2][0]) +
          v[0][2] * (v[1][0] * v[2][1] - v[1][1] * v[2][0]);
    if (fabs(vol) < 1e-3)
        return CORDON_CHI_NONE;
    return vol < 0 ? CORDON_CHI_CCW : CORDON_CHI_CW;
}

/*
 * Wedges for a molecule with 2D coordinates: each tetrahedral centre gets
 * one wedge or hash on a single bond, narrow end at the centre, chosen so
 * that the reader gives back the stored chirality (preferring bonds out of
 * rings to atoms that are not centres themselves).  Double bonds without a
 * configuration that the coordinates would otherwise define are marked
 * "either" (3).  With 3D coordinates the geometry carries the stereo.
 */
static int bond_marks(cordon_molfile_writer *w, const cordon_mol *m)
{
    int i, k, pass;
    if (cordon__grow(w->alloc, (void **)&w->bst, sizeof *w->bst, &w->cap_bst,
                     (size_t)m->nbonds + 1))
        return CORDON_ENOMEM;
    memset(w->bst, 0, sizeof *w->bst * ((size_t)m->nbonds + 1));
    if (m->coord_dim != 2)
        return CORDON_OK;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        int h = cordon__atom_hcount(a), chi = a->chiral, done = 0;
        if ((chi != CORDON_CHI_CCW && chi != CORDON_CHI_CW) ||
            !((a->degree == 4 && h == 0) || (a->degree == 3 && h <= 1)))
            continue;
        if (a->degree == 3 && h == 0) /* lone pair: the reader flips */
            chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
        for (pass = 0; pass < 2 && !done; pass++)
            for (k = 0; k < a->degree && !done; k++) {
                int bi = m->nbrs[m->nbr_start[i] + k].bond;
                int o = m->nbrs[m->nbr_start[i] + k].atom, s;
                const cordon_bond *b = &m->bonds[bi];
                if (w->bst[bi] || b->kekule != 1)
                    continue;
                if (pass == 0 && (b->ring_count || m->atoms[o].chiral))
                    continue;
                s = sense_with_wedge(m, i, k);
                if (s == CORDON_CHI_NONE)
                    continue;
                w->bst[bi] =
                    (s == chi ? 1 : 6) | (b->begin == i ? 0 : REVERSED);
                done = 1;
            }
    }
    for (i = 0; i < m->nbonds; i++) {
        const cordon_bond *b = &m->bonds[i];
        if (b->kekule == 2 && !(b->flags & CORDON_BONDF_AROMATIC) &&
            !b->ring_count && b->stereo != CORDON_BSTEREO_CIS &&
            b->stereo != CORDON_BSTEREO_TRANS &&
            m->atoms[b->begin].degree >= 2 && m->atoms[b->end].degree >= 2)
            w->bst[i] = 3;
    }
    return CORDON_OK;
}

/* V2000 coordinates are %10.4f fields: -9999.9999 to 99999.9999. */
static int fits_v2000(const cordon_mol *m)
{
    int i, d;
    for (i = 0; i < m->natoms && m->coord_dim; i++) {
        double p[3];
        xyz(m, i, p);
        for (d = 0; d < 3; d++)
            if (!(p[d] > -9999.9999 && p[d] < 99999.9999))
                return 0;
    }
    return 1;
}

static int put_title(cordon_buf *b, const char *t, int dim)
{
    size_t n = 0;
    int rc = CORDON_OK;
    for (; t[n] && n < 80 && rc == CORDON_OK; n++)
        rc = cordon__buf_putc(b, t[n] == '\n' || t[n] == '\r' ? ' ' : t[n]);
    return rc ? rc
              : cordon__buf_puts(b, dim == 3 ? "\n  cordon  00000000003D\n\n"
                                             : "\n  cordon  00000000002D\n\n");
}

/* M  CHG / M  ISO / M  RAD lines, eight entries a line. */
static int put_prop_lines(cordon_buf *b, const cordon_mol *m, const char *tag,
                          int which)
{
    int i, n = 0, rc = CORDON_OK, total = 0;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        total += which == 0   ? a->charge != 0
                 : which == 1 ? a->isotope != 0
                              : a->radicals != 0;
    }
    for (i = 0; i < m->natoms && rc == CORDON_OK; i++) {
        const cordon_atom *a = &m->atoms[i];
        int v = which == 0   ? a->charge
                : which == 1 ? a->isotope
                             : (a->radicals == 1 ? 2
                                : a->radicals    ? 3
                                                 : 0);
        if (!v)
            continue;
        if (n % 8 == 0) {
            int left = total - n;
            rc = cordon__buf_printf(b, "%sM  %s%3d", n ? "\n" : "", tag,
                                    left > 8 ? 8 : left);
        }
        if (rc == CORDON_OK)
            rc = cordon__buf_printf(b, " %3d %3d", i + 1, v);
        n++;
    }
    if (n && rc == CORDON_OK)
        rc = cordon__buf_putc(b, '\n');
    return rc;
}

static int write_v2000(cordon_buf *b, const cordon_mol *m, const int *bst)
{
    int i, rc, chiral = 0;
    for (i = 0; i < m->natoms; i++)
        chiral |= mdl_parity(m, i) != 0;
    if ((rc = cordon__buf_printf(b, "%3d%3d  0  0%3d  0  0  0  0  0999 V2000\n",
                                 m->natoms, m->nbonds, chiral)))
        return rc;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        const char *sym = a->elem ? cordon_element_symbol(a->elem) : "*";
        int vvv = 0;
        if ((a->flags & CORDON_ATOM_NO_IMPLICIT) && !default_h_ok(m, i)) {
            vvv = bond_valence(m, i) + cordon__atom_hcount(a);
            if (vvv == 0)
                vvv = 15;
        }
        double p[3];
        xyz(m, i, p);
        if ((rc = cordon__buf_printf(
                 b,
                 "%10.4f%10.4f%10.4f %-3s 0  0%3d  0  0%3d  0"
                 "  0  0%3d  0  0\n",
                 p[0], p[1], p[2], sym, mdl_parity(m, i),
                 vvv > 14 && vvv != 15 ? 0 : vvv, a->map > 999 ? 0 : a->map)))
            return rc;
    }
    for (i = 0; i < m->nbonds; i++) {
        const cordon_bond *bd = &m->bonds[i];
        int order = bd->kekule >= 1 && bd->kekule <= 3 ? bd->kekule : 1;
        int rev = bst[i] & REVERSED;
        if ((rc = cordon__buf_printf(
                 b, "%3d%3d%3d%3d\n", (rev ? bd->end : bd->begin) + 1,
                 (rev ? bd->begin : bd->end) + 1, order, bst[i] & 0xff)))
            return rc;
    }
    if ((rc = put_prop_lines(b, m, "CHG", 0)) ||
        (rc = put_prop_lines(b, m, "ISO", 1)) ||
        (rc = put_prop_lines(b, m, "RAD", 2)))
        return rc;
    return cordon__buf_puts(b, "M  END\n");
}

static int write_v3000(cordon_buf *b, const cordon_mol *m, const int *bst)
{
    int i, rc;
    if ((rc =
             cordon__buf_printf(b,
                                "  0  0  0     0  0            999 V3000\n"
                                "M  V30 BEGIN CTAB\nM  V30 COUNTS %d %d 0 0 0\n"
                                "M  V30 BEGIN ATOM\n",
                                m->natoms, m->nbonds)))
        return rc;
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *a = &m->atoms[i];
        int p = mdl_parity(m, i);
        double c[3];
        xyz(m, i, c);
        rc = cordon__buf_printf(b, "M  V30 %d %s %.4f %.4f %.4f %d", i + 1,
                                a->elem ? cordon_element_symbol(a->elem) : "*",
                                c[0], c[1], c[2], a->map);
        if (!rc && a->charge)
            rc = cordon__buf_printf(b, " CHG=%d", a->charge);
        if (!rc && a->isotope)
            rc = cordon__buf_printf(b, " MASS=%d", a->isotope);
        if (!rc && a->radicals)
            rc = cordon__buf_printf(b, " RAD=%d", a->radicals == 1 ? 2 : 3);
        if (!rc && p)
            rc = cordon__buf_printf(b, " CFG=%d", p);
        if (!rc && (a->flags & CORDON_ATOM_NO_IMPLICIT) &&
            !default_h_ok(m, i)) {
            int v = bond_valence(m, i) + cordon__atom_hcount(a);
            if (v <= 14) /* the field's range, as V2000 vvv */
                rc = cordon__buf_printf(b, " VAL=%d", v ? v : -1);
        }
        if (!rc)
            rc = cordon__buf_putc(b, '\n');
        if (rc)
            return rc;
    }
    if ((rc = cordon__buf_puts(b, "M  V30 END ATOM\nM  V30 BEGIN BOND\n")))
        return rc;
    for (i = 0; i < m->nbonds; i++) {
        const cordon_bond *bd = &m->bonds[i];
        int order = bd->kekule >= 1 && bd->kekule <= 3 ? bd->kekule : 1;
        int rev = bst[i] & REVERSED, st = bst[i] & 0xff;
        /* V3000 CFG: 1 wedge, 2 either, 3 hash */
        int cfg = st == 1 ? 1 : st == 6 ? 3 : st == 3 ? 2 : 0;
        if ((rc = cordon__buf_printf(b, "M  V30 %d %d %d %d", i + 1, order,
                                     (rev ? bd->end : bd->begin) + 1,
                                     (rev ? bd->begin : bd->end) + 1)))
            return rc;
        if (cfg && (rc = cordon__buf_printf(b, " CFG=%d", cfg)))
            return rc;
        if ((rc = cordon__buf_putc(b, '\n')))
            return rc;
    }
    return cordon__buf_puts(b, "M  V30 END BOND\nM  V30 END CTAB\nM  END\n");
}

static int write_props(cordon_buf *b, const cordon_mol *m)
{
    int i, rc = CORDON_OK;
    for (i = 0; i < m->nprops && rc == CORDON_OK; i++) {
        const char *v = m->props[i].value;
        size_t n = strlen(v);
        rc = cordon__buf_printf(b, ">  <%s>\n", m->props[i].key);
        /* a blank line would end the item early: drop empty lines */
        while (rc == CORDON_OK && n) {
            const char *nl = memchr(v, '\n', n);
            size_t l = nl ? (size_t)(nl - v) : n;
            if (l)
                rc = cordon__buf_put(b, v, l) || cordon__buf_putc(b, '\n');
            v += l + (nl ? 1 : 0);
            n -= l + (nl ? 1 : 0);
        }
        if (rc == CORDON_OK)
            rc = cordon__buf_putc(b, '\n');
    }
    return rc;
}

cordon_status cordon_molfile_write(cordon_molfile_writer *w,
                                   const cordon_mol *mol, unsigned flags,
                                   const char **out, size_t *len,
                                   cordon_error *err)
{
    cordon_buf *b = &w->buf;
    int rc;
    if (!(mol->perceived & CORDON_PERCEIVED_ADJ))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    cordon__buf_reset(b);
    if ((rc = bond_marks(w, mol)) != CORDON_OK)
        goto oom;
    if ((rc = put_title(b, cordon_mol_title(mol), mol->coord_dim)) != CORDON_OK)
        goto oom;
    if ((flags & CORDON_MOLFILE_V3000) || mol->natoms > 999 ||
        mol->nbonds > 999 || !fits_v2000(mol))
        rc = write_v3000(b, mol, w->bst);
    else
        rc = write_v2000(b, mol, w->bst);
    if (rc != CORDON_OK)
        goto oom;
    if (flags & CORDON_MOLFILE_SDF) {
        if (!(flags & CORDON_MOLFILE_NO_PROPS) &&
            (rc = write_props(b, mol)) != CORDON_OK)
            goto oom;
        if ((rc = cordon__buf_puts(b, "$$$$\n")) != CORDON_OK)
            goto oom;
    }
    *out = cordon__buf_cstr(b);
    if (len)
        *len = b->len;
    return CORDON_OK;
oom:
    return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
}

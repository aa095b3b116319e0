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
#include <stdio.h>
#include <string.h>

#include "cordon/molfile.h"
#include "mol/mol_int.h"

struct cordon_molfile_writer {
    const cordon_allocator *alloc;
    cordon_buf buf;
};

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

static int put_title(cordon_buf *b, const char *t)
{
    size_t n = 0;
    int rc = CORDON_OK;
    for (; t[n] && n < 80 && rc == CORDON_OK; n++)
        rc = cordon__buf_putc(b, t[n] == '\n' || t[n] == '\r' ? ' ' : t[n]);
    return rc ? rc : cordon__buf_puts(b, "\n  cordon  00000000002D\n\n");
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

static int write_v2000(cordon_buf *b, const cordon_mol *m)
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
        if ((rc = cordon__buf_printf(
                 b,
                 "    0.0000    0.0000    0.0000 %-3s 0  0%3d  0  0%3d  0"
                 "  0  0%3d  0  0\n",
                 sym, mdl_parity(m, i), vvv > 14 && vvv != 15 ? 0 : vvv,
                 a->map > 999 ? 0 : a->map)))
            return rc;
    }
    for (i = 0; i < m->nbonds; i++) {
        const cordon_bond *bd = &m->bonds[i];
        int order = bd->kekule >= 1 && bd->kekule <= 3 ? bd->kekule : 1;
        if ((rc = cordon__buf_printf(b, "%3d%3d%3d  0\n", bd->begin + 1,
                                     bd->end + 1, order)))
            return rc;
    }
    if ((rc = put_prop_lines(b, m, "CHG", 0)) ||
        (rc = put_prop_lines(b, m, "ISO", 1)) ||
        (rc = put_prop_lines(b, m, "RAD", 2)))
        return rc;
    return cordon__buf_puts(b, "M  END\n");
}

static int write_v3000(cordon_buf *b, const cordon_mol *m)
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
        rc = cordon__buf_printf(b, "M  V30 %d %s 0 0 0 %d", i + 1,
                                a->elem ? cordon_element_symbol(a->elem) : "*",
                                a->map);
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
        if ((rc = cordon__buf_printf(b, "M  V30 %d %d %d %d\n", i + 1, order,
                                     bd->begin + 1, bd->end + 1)))
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
    if ((rc = put_title(b, cordon_mol_title(mol))) != CORDON_OK)
        goto oom;
    if ((flags & CORDON_MOLFILE_V3000) || mol->natoms > 999 ||
        mol->nbonds > 999)
        rc = write_v3000(b, mol);
    else
        rc = write_v2000(b, mol);
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

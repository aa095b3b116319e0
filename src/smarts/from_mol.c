/*
 * from_mol.c -- cordon_query_from_mol: a perceived molecule as an exact
 * substructure query (RDKit: a molecule used as the query of
 * SubstructMatch compares element, aromaticity, formal charge, isotope
 * when set, and bond order; hydrogen counts are free).  The molecule is
 * written as SMARTS (depth-first, branches and ring closures) and
 * compiled, so the query's atom i is the molecule's atom order[i] of the
 * traversal; the traversal starts at atom 0 and visits neighbours in
 * adjacency order, which keeps atom indices equal for molecules read from
 * SMILES written in that order -- not in general, see cordon_query_atom_map:
 * every query atom carries map number (molecule atom index + 1).
 */
#include <stdio.h>
#include <string.h>

#include "mol/mol_int.h"
#include "smarts/smarts_int.h"

typedef struct wstate {
    const cordon_mol *mol;
    cordon_buf *b;
    unsigned char *seen;
    int *closure_of_bond; /* ring-closure digit assigned to a bond, -1 */
    unsigned char *bond_done;
    int digit_used[100];
    int rc;
} wstate;

static const char *bond_text(int order)
{
    switch (order) {
    case CORDON_BOND_SINGLE:
        return "-";
    case CORDON_BOND_DOUBLE:
        return "=";
    case CORDON_BOND_TRIPLE:
        return "#";
    case CORDON_BOND_AROMATIC:
        return ":";
    case CORDON_BOND_QUADRUPLE:
        return "$";
    default:
        return "~";
    }
}

static void put_atom(wstate *w, int i)
{
    const cordon_atom *a = &w->mol->atoms[i];
    w->rc |= cordon__buf_printf(w->b, "[#%d;%s", a->elem,
                                (a->flags & CORDON_ATOM_AROMATIC) ? "a" : "A");
    if (a->isotope)
        w->rc |= cordon__buf_printf(w->b, ";%d", a->isotope);
    w->rc |= cordon__buf_printf(w->b, ";%+d:%d]", a->charge, i + 1);
}

static void put_digit(wstate *w, int d)
{
    w->rc |= cordon__buf_printf(w->b, "%%%02d", d);
}

/* Depth-first writer following the tree of plan_closures (same order);
 * depth bounded by the caller's atom limit. */
static int write_from(wstate *w, int i, int depth)
{
    const cordon_mol *mol = w->mol;
    int j, k, d;
    if (depth > 2000)
        return CORDON_ELIMIT;
    w->seen[i] = 1;
    put_atom(w, i);
    for (j = mol->nbr_start[i]; j < mol->nbr_start[i + 1]; j++) {
        int b = mol->nbrs[j].bond;
        if (w->bond_done[b])
            continue;
        if (w->closure_of_bond[b] >= 0) {
            w->rc |= cordon__buf_puts(w->b, bond_text(mol->bonds[b].order));
            put_digit(w, w->closure_of_bond[b]);
            w->digit_used[w->closure_of_bond[b]] = 0;
            w->bond_done[b] = 1;
        } else if (w->closure_of_bond[b] == -2) {
            for (d = 0; d < 100 && w->digit_used[d]; d++)
                ;
            if (d == 100)
                return CORDON_ELIMIT;
            w->digit_used[d] = 1;
            w->closure_of_bond[b] = d;
            put_digit(w, d);
        }
    }
    for (j = mol->nbr_start[i]; j < mol->nbr_start[i + 1]; j++) {
        int b = mol->nbrs[j].bond, o = mol->nbrs[j].atom, rc;
        if (w->bond_done[b] || w->closure_of_bond[b] != -3)
            continue;
        for (k = j + 1; k < mol->nbr_start[i + 1]; k++) {
            int b2 = mol->nbrs[k].bond;
            if (!w->bond_done[b2] && w->closure_of_bond[b2] == -3)
                break;
        }
        if (k < mol->nbr_start[i + 1])
            w->rc |= cordon__buf_putc(w->b, '(');
        w->rc |= cordon__buf_puts(w->b, bond_text(mol->bonds[b].order));
        w->bond_done[b] = 1;
        if ((rc = write_from(w, o, depth + 1)) != CORDON_OK)
            return rc;
        if (k < mol->nbr_start[i + 1])
            w->rc |= cordon__buf_putc(w->b, ')');
    }
    return CORDON_OK;
}

/* Pre-pass: a DFS that marks tree bonds; every other bond gets a closure
 * digit, opened at the atom visited first. */
static int plan_closures(wstate *w, int i, unsigned char *vis, int parent_b,
                         int depth)
{
    const cordon_mol *mol = w->mol;
    int j, rc;
    if (depth > 2000)
        return CORDON_ELIMIT;
    vis[i] = 1;
    for (j = mol->nbr_start[i]; j < mol->nbr_start[i + 1]; j++) {
        int b = mol->nbrs[j].bond, o = mol->nbrs[j].atom;
        if (b == parent_b || w->closure_of_bond[b] != -1)
            continue;
        if (vis[o]) {
            w->closure_of_bond[b] = -2; /* back edge: ring closure */
            continue;
        }
        w->closure_of_bond[b] = -3; /* tree bond */
        if ((rc = plan_closures(w, o, vis, b, depth + 1)) != CORDON_OK)
            return rc;
    }
    return CORDON_OK;
}

cordon_status cordon_query_from_mol(cordon_query **out, const cordon_mol *mol,
                                    const cordon_allocator *alloc,
                                    cordon_error *err)
{
    cordon_buf b = CORDON_BUF_INIT;
    cordon_smarts_opts o = CORDON_SMARTS_OPTS_INIT;
    wstate w;
    int rc = CORDON_OK, i;
    unsigned char *vis;
    *out = NULL;
    if (!mol || (mol->natoms && !(mol->perceived & CORDON_PERCEIVED_ADJ)))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule not perceived");
    if (mol->natoms == 0)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "empty molecule");
    memset(&w, 0, sizeof w);
    b.alloc = alloc;
    w.mol = mol;
    w.b = &b;
    w.seen = cordon__calloc(alloc, (size_t)mol->natoms, 1);
    vis = cordon__calloc(alloc, (size_t)mol->natoms, 1);
    w.bond_done = cordon__calloc(alloc, (size_t)mol->nbonds + 1, 1);
    w.closure_of_bond =
        cordon__malloc(alloc, sizeof(int) * ((size_t)mol->nbonds + 1));
    if (!w.seen || !vis || !w.bond_done || !w.closure_of_bond) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    for (i = 0; i < mol->nbonds; i++)
        w.closure_of_bond[i] = -1;
    for (i = 0; i < mol->natoms && rc == CORDON_OK; i++)
        if (!vis[i])
            rc = plan_closures(&w, i, vis, -1, 0);
    if (rc != CORDON_OK)
        goto limit;
    /* tree bonds back to 0 (write_from sets them done as it goes);
     * closures get digits when their first atom is written */
    for (i = 0; i < mol->nbonds; i++)
        w.bond_done[i] = 0;
    for (i = 0; i < mol->natoms && rc == CORDON_OK; i++) {
        int j;
        if (w.seen[i])
            continue;
        if (b.len)
            w.rc |= cordon__buf_putc(&b, '.');
        (void)j;
        rc = write_from(&w, i, 0);
    }
    if (rc != CORDON_OK)
        goto limit;
    if (w.rc != CORDON_OK) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    o.max_atoms = mol->natoms + 1;
    rc =
        cordon_smarts_compile(out, cordon__buf_cstr(&b), b.len, &o, alloc, err);
    goto done;
limit:
    rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                       "molecule too deep or too many rings for a query");
done:
    cordon__buf_free(&b);
    cordon__free(alloc, w.seen);
    cordon__free(alloc, vis);
    cordon__free(alloc, w.bond_done);
    cordon__free(alloc, w.closure_of_bond);
    return rc;
}

/* test_canon.c -- canonical atom ranking (src/mol/canon.c): independent of
 * the input atom order on real molecules, stereo-aware, one string per
 * stereoisomer.  Molecules are renumbered through the builder API (atoms
 * and bonds in a random order, bond ends swapped, parities and E/Z
 * references carried over), so the test does not depend on any writer of
 * random SMILES. */
#include <stdio.h>

#include "unit.h"

#define MAXA 512

static unsigned long next_rand(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return *s >> 33;
}

static void shuffle(int *v, int n, unsigned long *seed)
{
    int i;
    for (i = 0; i < n; i++)
        v[i] = i;
    for (i = n - 1; i > 0; i--) {
        int j = (int)(next_rand(seed) % (unsigned long)(i + 1)), t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* Stored neighbour order of atom a (include/cordon/mol.h): -1 for the
 * hydrogen that is not an atom, then neighbours in bond order. */
static int nbr_order(const cordon_mol *m, int a, int *out)
{
    int k = 0, i;
    if (cordon_mol_atom_hcount(m, a))
        out[k++] = -1;
    for (i = 0; i < cordon_mol_atom_degree(m, a); i++)
        out[k++] = cordon_mol_atom_nbr(m, a, i);
    return k;
}

/* A copy of m with atom i renumbered perm[i], bonds added in a random
 * order with random ends, stereo carried over, perceived again. */
static cordon_mol *renumber(const cordon_mol *m, const int *perm,
                            unsigned long *seed)
{
    int n = cordon_mol_num_atoms(m), nb = cordon_mol_num_bonds(m);
    int inv[MAXA], border[2 * MAXA], i, k;
    cordon_mol *c = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_true(n <= MAXA && nb <= 2 * MAXA);
    assert_int_equal(cordon_mol_new(&c, NULL), CORDON_OK);
    for (i = 0; i < n; i++)
        inv[perm[i]] = i;
    for (i = 0; i < n; i++) {
        int o = inv[i];
        assert_int_equal(
            cordon_mol_add_atom(c, cordon_mol_atom_elem(m, o), NULL),
            CORDON_OK);
        cordon_mol_set_charge(c, i, cordon_mol_atom_charge(m, o));
        cordon_mol_set_isotope(c, i, cordon_mol_atom_isotope(m, o));
        cordon_mol_set_hcount(c, i, cordon_mol_atom_hcount(m, o));
        cordon_mol_set_map(c, i, cordon_mol_atom_map(m, o));
    }
    shuffle(border, nb, seed);
    for (k = 0; k < nb; k++) {
        int b = border[k], u = perm[cordon_mol_bond_begin(m, b)];
        int v = perm[cordon_mol_bond_end(m, b)];
        if (next_rand(seed) & 1) {
            int t = u;
            u = v;
            v = t;
        }
        assert_int_equal(
            cordon_mol_add_bond(c, u, v, cordon_mol_bond_kekule(m, b), NULL),
            CORDON_OK);
    }
    /* adjacency exists after perception: perceive once for the neighbour
     * order, set stereo in that order, perceive again */
    assert_int_equal(cordon_mol_perceive(c, 0, &err), CORDON_OK);
    for (i = 0; i < n; i++) {
        int o = inv[i], chi = cordon_mol_atom_chirality(m, o);
        int old[16], nw[16], no, nn, x, y, par = 0;
        if (chi != CORDON_CHI_CCW && chi != CORDON_CHI_CW)
            continue;
        no = nbr_order(m, o, old);
        nn = nbr_order(c, i, nw);
        assert_int_equal(no, nn);
        for (x = 0; x < no; x++)
            old[x] = old[x] < 0 ? -1 : perm[old[x]];
        /* parity of the permutation taking old order to new order */
        for (x = 0; x < no; x++)
            for (y = x + 1; y < no; y++) {
                int px = 0, py = 0, z;
                for (z = 0; z < nn; z++) {
                    if (nw[z] == old[x])
                        px = z;
                    if (nw[z] == old[y])
                        py = z;
                }
                if (px > py)
                    par ^= 1;
            }
        if (par)
            chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
        cordon_mol_set_chirality(c, i, chi);
    }
    for (k = 0; k < nb; k++) {
        int rb, re, st = cordon_mol_bond_stereo(m, k, &rb, &re);
        int u = perm[cordon_mol_bond_begin(m, k)];
        int v = perm[cordon_mol_bond_end(m, k)],
            cb = cordon_mol_bond_between(c, u, v);
        if (st == CORDON_BSTEREO_NONE || rb < 0 || re < 0)
            continue;
        if (cordon_mol_bond_begin(c, cb) == u)
            cordon_mol_set_bond_stereo(c, cb, st, perm[rb], perm[re]);
        else
            cordon_mol_set_bond_stereo(c, cb, st, perm[re], perm[rb]);
    }
    assert_int_equal(cordon_mol_perceive(c, 0, &err), CORDON_OK);
    return c;
}

static void canonical(cordon_smiles_writer *w, const cordon_mol *m,
                      unsigned flags, char *out, size_t cap)
{
    const char *s;
    size_t len;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_smiles_write(w, m, CORDON_SMILES_CANONICAL | flags,
                                         &s, &len, &err),
                     CORDON_OK);
    assert_true(len < cap);
    memcpy(out, s, len + 1);
}

/* Canonical SMILES of smi and of 5 renumberings must be one string; the
 * ranks are a permutation.  Returns nothing; fails with the molecule. */
static void check_invariant(cordon_smiles_writer *w, const char *smi,
                            const char *id, unsigned long *seed)
{
    cordon_mol *m = unit_read_smiles(smi);
    int n = cordon_mol_num_atoms(m), perm[MAXA], ranks[MAXA], seen[MAXA];
    int k, i;
    static char want[8192], got[8192];
    if (n > MAXA) {
        cordon_mol_free(m);
        return;
    }
    canonical(w, m, 0, want, sizeof want);
    assert_int_equal(cordon_mol_canon_ranks(m, 0, ranks, NULL), CORDON_OK);
    memset(seen, 0, sizeof seen);
    for (i = 0; i < n; i++) {
        assert_true(ranks[i] >= 0 && ranks[i] < n && !seen[ranks[i]]);
        seen[ranks[i]] = 1;
    }
    for (k = 0; k < 5; k++) {
        cordon_mol *c;
        shuffle(perm, n, seed);
        c = renumber(m, perm, seed);
        canonical(w, c, 0, got, sizeof got);
        if (strcmp(got, want))
            fail_msg("%s %s: order %d gives %s, input order %s", id, smi, k,
                     got, want);
        cordon_mol_free(c);
    }
    cordon_mol_free(m);
}

static void test_canon__invariant_under_atom_order_chembl(void **state)
{
    FILE *f = fopen("tests/data/canon/chembl_300.smi", "r");
    char line[4096], smi[4096], id[256];
    unsigned long seed = 12345;
    cordon_smiles_writer *w = NULL;
    int n = 0;
    (void)state;
    assert_non_null(f);
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%4095s %255s", smi, id) == 2) {
            check_invariant(w, smi, id, &seed);
            n++;
        }
    fclose(f);
    cordon_smiles_writer_free(w);
    assert_int_equal(n, 300);
}

static void test_canon__symmetric_and_ring_stereo(void **state)
{
    static const char *const smis[] = {
        "C[C@H]1CC[C@@H](C)CC1", /* cis/trans ring stereo */
        "C[C@H]1CC[C@H](C)CC1",  /* ... the other isomer */
        "O[C@H]1[C@H](O)[C@@H](O)[C@H](O)[C@@H](O)[C@@H]1O", /* inositol */
        "C12C3C4C1C5C2C3C45",                                /* cubane */
        "c1ccc2cc3ccccc3cc2c1",                              /* anthracene */
        "F/C=C/C=C/C=C\\F",             /* conjugated E/Z */
        "C[C@@H](O)[C@H](O)[C@@H](C)O", /* pseudo-asymmetric centre */
        "[O-][S@+](CCl)CBr",            /* three-neighbour centre */
        "CC1(C)CCC[S@@+]1[O-]",
        "C1CC2CCC1CC2.[Na+].[Cl-]", /* several components */
    };
    unsigned long seed = 99;
    cordon_smiles_writer *w = NULL;
    size_t i;
    (void)state;
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    for (i = 0; i < sizeof smis / sizeof smis[0]; i++)
        check_invariant(w, smis[i], "case", &seed);
    cordon_smiles_writer_free(w);
}

static void test_canon__stereoisomers_differ(void **state)
{
    static const char *const pairs[][2] = {
        {"C[C@H]1CC[C@@H](C)CC1", "C[C@H]1CC[C@H](C)CC1"},
        {"N[C@@H](C)C(=O)O", "N[C@H](C)C(=O)O"},
        {"F/C=C/F", "F/C=C\\F"},
        {"C/C=C/C=C/C", "C/C=C\\C=C/C"},
    };
    cordon_smiles_writer *w = NULL;
    char a[512], b[512];
    size_t i;
    (void)state;
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        cordon_mol *x = unit_read_smiles(pairs[i][0]),
                   *y = unit_read_smiles(pairs[i][1]);
        canonical(w, x, 0, a, sizeof a);
        canonical(w, y, 0, b, sizeof b);
        if (!strcmp(a, b))
            fail_msg("%s and %s both give %s", pairs[i][0], pairs[i][1], a);
        canonical(w, x, CORDON_SMILES_NO_STEREO, a, sizeof a);
        canonical(w, y, CORDON_SMILES_NO_STEREO, b, sizeof b);
        assert_string_equal(a, b);
        assert_null(strchr(a, '@'));
        assert_null(strchr(a, '/'));
        cordon_mol_free(x);
        cordon_mol_free(y);
    }
    cordon_smiles_writer_free(w);
}

/* NextMove 4-stereosmiles: lines with the same number are one
 * stereoisomer (one string); different numbers differ. */
static void check_groups(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512], smi[512], grp[32], strs[32][256];
    int ngroups = 0, g, n = 0;
    cordon_smiles_writer *w = NULL;
    assert_non_null(f);
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    memset(strs, 0, sizeof strs);
    while (fgets(line, sizeof line, f)) {
        char got[256];
        cordon_mol *m;
        if (sscanf(line, "%511s %31s", smi, grp) != 2)
            continue;
        g = (int)strtol(grp, NULL, 10);
        assert_true(g > 0 && g < 32);
        m = unit_read_smiles(smi);
        canonical(w, m, 0, got, sizeof got);
        cordon_mol_free(m);
        if (!strs[g][0]) {
            memcpy(strs[g], got, sizeof got);
            ngroups++;
        } else if (strcmp(strs[g], got)) {
            fail_msg("%s: %s gives %s, group %d gave %s", path, smi, got, g,
                     strs[g]);
        }
        n++;
    }
    fclose(f);
    cordon_smiles_writer_free(w);
    assert_true(n > 0);
    for (g = 1; g < 32; g++) {
        int h;
        for (h = g + 1; h < 32; h++)
            if (strs[g][0] && strs[h][0] && !strcmp(strs[g], strs[h]))
                fail_msg("%s: groups %d and %d both give %s", path, g, h,
                         strs[g]);
    }
}

static void test_canon__stereosmiles_groups(void **state)
{
    (void)state;
    check_groups("tests/data/canon/stereosmiles/cistrans.smi");
    check_groups("tests/data/canon/stereosmiles/cistrans_nitrogen.smi");
    check_groups("tests/data/canon/stereosmiles/tetrahedral.smi");
    check_groups(
        "tests/data/canon/stereosmiles/tetrahedral_distantbcdigit.smi");
}

static void test_canon__ranks_follow_invariants(void **state)
{
    /* ethanol: degree first, so a terminal atom (C before O) is rank 0 */
    cordon_mol *m = unit_read_smiles("OCC");
    int ranks[3];
    (void)state;
    assert_int_equal(cordon_mol_canon_ranks(m, 0, ranks, NULL), CORDON_OK);
    assert_int_equal(ranks[2], 0);
    assert_int_equal(ranks[0], 1);
    assert_int_equal(ranks[1], 2);
    cordon_mol_free(m);
}

static void test_canon__out_of_memory(void **state)
{
    long k;
    (void)state;
    for (k = 1; k < 40; k++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_mol *m = NULL;
        int ranks[64], rc;
        if (cordon_mol_new(&m, &a) != CORDON_OK)
            continue;
        rc = cordon_smiles_read(m, "C[C@H]1CC[C@@H](C)CC1", 21, NULL, NULL);
        if (rc == CORDON_OK) {
            u.fail_at = u.count + k;
            rc = cordon_mol_canon_ranks(m, 0, ranks, NULL);
            assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        }
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
    }
}

static const struct CMUnitTest group[] = {
    cmocka_unit_test(test_canon__invariant_under_atom_order_chembl),
    cmocka_unit_test(test_canon__symmetric_and_ring_stereo),
    cmocka_unit_test(test_canon__stereoisomers_differ),
    cmocka_unit_test(test_canon__stereosmiles_groups),
    cmocka_unit_test(test_canon__ranks_follow_invariants),
    cmocka_unit_test(test_canon__out_of_memory),
};

CORDON_TEST_MAIN(group)

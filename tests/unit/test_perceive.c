/* test_perceive.c -- perception: valence and implicit hydrogens, rings
 * (symmetrized SSSR), kekulisation and aromaticity, on real molecules.
 * Expected values were checked against RDKit 2022.09. */
#include <stdio.h>

#include "mol/mol_int.h" /* the ring list */
#include "unit.h"

/* "a" for an aromatic atom, "." otherwise, one character per atom. */
static void check_arom(const char *smi, const char *want)
{
    char got[128];
    cordon_mol *m = unit_read_smiles(smi);
    int i, n = cordon_mol_num_atoms(m);
    for (i = 0; i < n && i < 127; i++)
        got[i] =
            (cordon_mol_atom_flags(m, i) & CORDON_ATOM_AROMATIC) ? 'a' : '.';
    got[i] = '\0';
    if (strcmp(got, want))
        fail_msg("%s: aromatic %s, want %s", smi, got, want);
    cordon_mol_free(m);
}

static void check_h(const char *smi, const char *want)
{
    char got[256];
    size_t used = 0;
    cordon_mol *m = unit_read_smiles(smi);
    int i;
    got[0] = '\0';
    for (i = 0; i < cordon_mol_num_atoms(m) && used + 4 < sizeof got; i++)
        used +=
            (size_t)snprintf(got + used, sizeof got - used, i ? " %d" : "%d",
                             cordon_mol_atom_hcount(m, i));
    if (strcmp(got, want))
        fail_msg("%s: H %s, want %s", smi, got, want);
    cordon_mol_free(m);
}

static void check_fail(const char *smi, int status, const char *msg)
{
    cordon_mol *m = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int rc;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    rc = cordon_smiles_read(m, smi, strlen(smi), NULL, &err);
    cordon_mol_free(m);
    if (rc != status || !strstr(err.message, msg))
        fail_msg("%s: status %d '%s', want %d '%s'", smi, rc, err.message,
                 status, msg);
}

static void test_perceive__aromatic_heterocycles(void **state)
{
    (void)state;
    check_arom("c1ccccc1", "aaaaaa");
    check_arom("C1=CC=CC=C1", "aaaaaa"); /* Kekulé input is perceived */
    check_arom("c1cc[nH]c1", "aaaaa");
    check_arom("c1ccoc1", "aaaaa");
    check_arom("c1ccsc1", "aaaaa");
    check_arom("c1cc[se]c1", "aaaaa");
    check_arom("c1cc[te]c1", "aaaaa");
    check_arom("O=c1cccc[nH]1", ".aaaaaa");     /* 2-pyridone */
    check_arom("C=C1C=CC=C1", "......");        /* fulvene: exo C=C */
    check_arom("O=C1C=CC(=O)C=C1", "........"); /* quinone */
    check_arom("[cH+]1cccccc1", "aaaaaaa");     /* tropylium */
    check_arom("[cH-]1cccc1", "aaaaa");         /* cyclopentadienide */
    check_arom("C1=CC=CC=CC=C1", "........");   /* cyclooctatetraene */
    check_arom("c1cc[n+]([O-])cc1", "aaaa.aa"); /* pyridine N-oxide */
    check_arom("c1ccc2ccccc2c1", "aaaaaaaaaa");
}

static void test_perceive__fused_systems(void **state)
{
    (void)state;
    /* azulene: only the 10-electron perimeter is aromatic */
    check_arom("C1=CC2=CC=CC=CC2=C1", "aaaaaaaaaa");
    /* peri-fused perimidine: the N ring stays non-aromatic in RDKit */
    check_arom("CN1C=Nc2cccc3cccc1c23", "....aaaaaaaaaa");
    /* indole, purine */
    check_arom("c1ccc2[nH]ccc2c1", "aaaaaaaaa");
    check_arom("c1ncc2nc[nH]c2n1", "aaaaaaaaa");
    /* biphenyl written without '-': the link is single, not aromatic */
    check_arom("c1ccccc1c1ccccc1", "aaaaaaaaaaaa");
}

/* Azulenes joined by single bonds: each is aromatic only as a fused pair
 * of rings (10 electrons; 5 and 7 alone), so every atom is aromatic only
 * when the ring neighbour map pairs them.  64 candidate rings take the
 * bit-matrix map, 66 the per-ring lists. */
static void test_perceive__many_candidate_rings(void **state)
{
    static const int units[2] = {32, 33};
    char smi[64 * 16];
    int u, k, i;
    (void)state;
    for (u = 0; u < 2; u++) {
        cordon_mol *m;
        size_t used = 0;
        for (k = 0; k < units[u]; k++)
            used += (size_t)snprintf(smi + used, sizeof smi - used, "%s%s",
                                     k ? "-" : "", "c1ccc2cccc2cc1");
        assert_true(used < sizeof smi);
        m = unit_read_smiles(smi);
        assert_int_equal(cordon_mol_num_atoms(m), 10 * units[u]);
        assert_int_equal(m->nrings, 2 * units[u]);
        for (i = 0; i < cordon_mol_num_atoms(m); i++)
            if (!(cordon_mol_atom_flags(m, i) & CORDON_ATOM_AROMATIC))
                fail_msg("%d azulenes: atom %d not aromatic", units[u], i);
        cordon_mol_free(m);
    }
}

static void test_perceive__hydrogens(void **state)
{
    (void)state;
    check_h("c1ccc2[nH]ccc2c1", "1 1 1 0 1 1 1 0 1");
    check_h("Cn1cccc1", "3 0 1 1 1 1");
    check_h("c1ccncc1", "1 1 1 0 1 1");
    check_h("O=N(=O)c1ccccc1", "0 0 0 0 1 1 1 1 1");
    check_h("[nH]1cccc1", "1 1 1 1 1");
    check_h("C[S](C)=O", "3 0 3 0");
    check_h("[CH3+]", "3");
    check_h("[C+](C)(C)C", "0 3 3 3");
    check_h("N#[N+][O-]", "0 0 0");
    check_h("CP(C)(C)(C)C", "3 0 3 3 3 3"); /* P valence 5 */
    check_h("[Na+].[Cl-]", "0 0");
    /* written aromatic, left non-aromatic (triple bonds): the P gets its
     * H from the Kekulé bonds, valence 6 -> 7 (fuzz_smiles find) */
    check_h("c1c#p#C[se]c1", "1 0 1 0 0 1");
    check_h("C#1C=C[Se]C#P1", "0 1 1 0 0 1");
}

static void test_perceive__clean_up_groups(void **state)
{
    cordon_mol *m;
    (void)state;
    m = unit_read_smiles("CN(=O)=O"); /* nitro as written by some tools */
    assert_int_equal(cordon_mol_atom_charge(m, 1), 1);
    assert_int_equal(cordon_mol_atom_charge(m, 2), -1);
    assert_int_equal(cordon_mol_atom_charge(m, 3), 0);
    cordon_mol_free(m);
    m = unit_read_smiles("CN=N#N"); /* azide */
    assert_int_equal(cordon_mol_atom_charge(m, 2), 1);
    assert_int_equal(cordon_mol_atom_charge(m, 3), -1);
    assert_int_equal(cordon_mol_bond_order(m, 2), CORDON_BOND_DOUBLE);
    cordon_mol_free(m);
    m = unit_read_smiles("Cl(=O)(=O)O"); /* chloric acid */
    assert_int_equal(cordon_mol_atom_charge(m, 0), 2);
    assert_int_equal(cordon_mol_atom_charge(m, 1), -1);
    assert_int_equal(cordon_mol_atom_hcount(m, 3), 1);
    cordon_mol_free(m);
    check_fail("Cl(=O)=O", CORDON_ECHEM, "atom 0 Cl, 4");
    m = unit_read_smiles("c1n(=O)cccc1"); /* N-oxide with a double bond */
    assert_int_equal(cordon_mol_atom_charge(m, 1), 1);
    assert_int_equal(cordon_mol_atom_charge(m, 2), -1);
    assert_true(cordon_mol_atom_flags(m, 1) & CORDON_ATOM_AROMATIC);
    cordon_mol_free(m);
}

static void test_perceive__chemistry_errors(void **state)
{
    (void)state;
    check_fail("C(C)(C)(C)(C)C", CORDON_ECHEM,
               "explicit valence for atom 0 C, 5, is greater than permitted");
    check_fail("[NH4]", CORDON_ECHEM, "explicit valence for atom 0 N, 4");
    check_fail("CN(C)(C)(C)C", CORDON_ECHEM, "atom 1 N, 5");
    check_fail("[O-](C)C", CORDON_ECHEM, "atom 0 O");
    check_fail("c1cccc1", CORDON_ECHEM, "can't kekulize");
    check_fail("n1cccc1", CORDON_ECHEM, "can't kekulize");
    check_fail("c1ccc2cccccc2c1", CORDON_ECHEM, "can't kekulize");
    check_fail("Cc", CORDON_ECHEM, "non-ring atom 1 marked aromatic");
}

static int nrings_of(const char *smi, int *counts, int *sizes)
{
    cordon_mol *m = unit_read_smiles(smi);
    int i, n = cordon_mol_num_atoms(m);
    for (i = 0; i < n; i++) {
        counts[i] = cordon_mol_atom_ring_count(m, i);
        sizes[i] = cordon_mol_atom_min_ring(m, i);
    }
    cordon_mol_free(m);
    return n;
}

static void test_perceive__rings_symmetrized_sssr(void **state)
{
    int c[32], s[32], i;
    (void)state;
    /* cubane: six four-rings, every atom in three */
    assert_int_equal(nrings_of("C12C3C4C1C5C2C3C45", c, s), 8);
    for (i = 0; i < 8; i++) {
        assert_int_equal(c[i], 3);
        assert_int_equal(s[i], 4);
    }
    /* bicyclo[2.2.2]octane: three six-rings */
    nrings_of("C1CC2CCC1CC2", c, s);
    assert_int_equal(c[2], 3);
    assert_int_equal(c[5], 3);
    assert_int_equal(c[0], 2);
    /* bicyclo[2.1.1]hexane: 4 + 5 + 5 */
    nrings_of("C1CC2CC1C2", c, s);
    assert_int_equal(c[2], 3);
    assert_int_equal(c[0], 2);
    assert_int_equal(s[0], 5);
    assert_int_equal(s[3], 4);
    /* adamantane: four six-rings */
    nrings_of("C12CC3CC(C1)CC(C2)C3", c, s);
    assert_int_equal(c[0], 3);
    assert_int_equal(c[1], 2);
    /* naphthalene: the 10-ring is not in the set */
    nrings_of("c1ccc2ccccc2c1", c, s);
    assert_int_equal(c[3], 2);
    assert_int_equal(c[0], 1);
    /* spiro and chain atoms */
    nrings_of("C1CC11CC1C", c, s);
    assert_int_equal(c[2], 2);
    assert_int_equal(c[5], 0);
    assert_int_equal(s[5], 0);
    nrings_of("C1CCCCCCCCCCC1", c, s);
    assert_int_equal(s[0], 12);
}

/* Ring systems of up to six rings take the branch-atom multigraph route,
 * larger ones the general candidate search; both give RDKit's rings. */
static void test_perceive__ring_systems_small_and_large(void **state)
{
    static const int coronene[24] = {1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2,
                                     1, 1, 2, 1, 1, 2, 3, 3, 3, 3, 3, 3};
    static const int picene[22] = {1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1,
                                   1, 2, 2, 1, 1, 2, 1, 1, 1, 1, 2};
    int c[32], s[32], i;
    (void)state;
    assert_int_equal(nrings_of("c1cc2ccc3ccc4ccc5ccc6ccc1c1c2c3c4c5c61", c, s),
                     24);
    for (i = 0; i < 24; i++) {
        assert_int_equal(c[i], coronene[i]);
        assert_int_equal(s[i], 6);
    }
    assert_int_equal(nrings_of("c1ccc2c(c1)ccc1c2ccc2c1ccc1ccccc12", c, s), 22);
    for (i = 0; i < 22; i++)
        assert_int_equal(c[i], picene[i]);
    /* two fused norbornanes: four five-rings, no six-ring in the set */
    nrings_of("C1CC2CC1C1C2C2CC1CC2", c, s);
    for (i = 0; i < 12; i++)
        assert_int_equal(s[i], 5);
}

static void test_perceive__ring_bond_flags(void **state)
{
    cordon_mol *m = unit_read_smiles("c1ccccc1CC1CC1");
    int i, ring = 0;
    (void)state;
    for (i = 0; i < cordon_mol_num_bonds(m); i++)
        if (cordon_mol_bond_flags(m, i) & CORDON_BONDF_IN_RING)
            ring++;
    assert_int_equal(ring, 9);
    assert_false(cordon_mol_atom_flags(m, 6) & CORDON_ATOM_IN_RING);
    assert_true(cordon_mol_atom_flags(m, 7) & CORDON_ATOM_IN_RING);
    cordon_mol_free(m);
}

static void test_perceive__kekule_orders_kept(void **state)
{
    cordon_mol *m = unit_read_smiles("c1ccc2[nH]ccc2c1");
    int i, k, sum[16] = {0};
    (void)state;
    for (i = 0; i < cordon_mol_num_bonds(m); i++) {
        assert_int_equal(cordon_mol_bond_order(m, i), CORDON_BOND_AROMATIC);
        k = cordon_mol_bond_kekule(m, i);
        assert_true(k == 1 || k == 2);
        sum[cordon_mol_bond_begin(m, i)] += k;
        sum[cordon_mol_bond_end(m, i)] += k;
    }
    /* every carbon has exactly one double bond; the NH none */
    for (i = 0; i < cordon_mol_num_atoms(m); i++)
        assert_int_equal(sum[i] + cordon_mol_atom_hcount(m, i),
                         cordon_mol_atom_elem(m, i) == 7 ? 3 : 4);
    cordon_mol_free(m);
}

static void test_perceive__idempotent_and_no_aromaticity(void **state)
{
    cordon_mol *m = unit_read_smiles("Cc1ccc(O)cc1");
    cordon_error err;
    int i;
    unsigned f[8];
    (void)state;
    for (i = 0; i < 8; i++)
        f[i] = cordon_mol_atom_flags(m, i);
    assert_int_equal(cordon_mol_perceive(m, 0, &err), CORDON_OK);
    for (i = 0; i < 8; i++) {
        assert_int_equal(cordon_mol_atom_flags(m, i), f[i]);
        assert_int_equal(cordon_mol_atom_hcount(m, i), i == 0 ? 3
                                                       : (i == 1 || i == 4)
                                                           ? 0
                                                           : 1);
    }
    assert_int_equal(
        cordon_mol_perceive(m, CORDON_PERCEIVE_NO_AROMATICITY, &err),
        CORDON_OK);
    assert_false(cordon_mol_atom_flags(m, 1) & CORDON_ATOM_AROMATIC);
    assert_int_not_equal(cordon_mol_bond_order(m, 1), CORDON_BOND_AROMATIC);
    cordon_mol_free(m);
}

/* m's canonical SMILES into buf (NUL-terminated). */
static void canonical_into(cordon_smiles_writer *w, const cordon_mol *m,
                           char *buf, size_t size)
{
    cordon_error err = CORDON_ERROR_INIT;
    const char *out;
    size_t len;
    assert_int_equal(
        cordon_smiles_write(w, m, CORDON_SMILES_CANONICAL, &out, &len, &err),
        CORDON_OK);
    assert_true(len < size);
    memcpy(buf, out, len);
    buf[len] = '\0';
}

/* Perceiving an already perceived molecule changes nothing, also when an
 * aromatic heteroatom got its hydrogen from the valence model (Kekulé
 * pyrrole, phosphole; the fuzz finding was a macrocycle with an aliphatic
 * P written inside an aromatic ring): the H stays, as RDKit's re-sanitising
 * keeps it. */
static void test_perceive__idempotent_aromatic_heteroatom_h(void **state)
{
    static const char *const smi[] = {"C1=CC=CN1",         "C1=CC=CP1",
                                      "c1cccP1",           "O=C1NC=CC=C1",
                                      "C1=CC=NN1",         "N1C=CC=CC=CC=C1",
                                      "Cc1ccc(O)cc1",      "c1ccc2[nH]ccc2c1",
                                      "C1=CC2=CC=CN2C=C1", "c1c#p#C[se]c1"};
    cordon_smiles_writer *w = NULL;
    size_t k;
    (void)state;
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    for (k = 0; k < sizeof smi / sizeof *smi; k++) {
        cordon_mol *m = unit_read_smiles(smi[k]);
        cordon_error err = CORDON_ERROR_INIT;
        char first[128], second[128];
        int i, n = cordon_mol_num_atoms(m), h[32];
        assert_true(n <= 32);
        for (i = 0; i < n; i++)
            h[i] = cordon_mol_atom_hcount(m, i);
        canonical_into(w, m, first, sizeof first);
        if (cordon_mol_perceive(m, 0, &err) != CORDON_OK)
            fail_msg("%s: second perception: %s", smi[k], err.message);
        for (i = 0; i < n; i++)
            if (cordon_mol_atom_hcount(m, i) != h[i])
                fail_msg("%s: atom %d H %d, was %d", smi[k], i,
                         cordon_mol_atom_hcount(m, i), h[i]);
        canonical_into(w, m, second, sizeof second);
        if (strcmp(first, second))
            fail_msg("%s: canonical %s, then %s", smi[k], first, second);
        cordon_mol_free(m);
    }
    cordon_smiles_writer_free(w);
}

/* Canonical SMILES read back gives the same canonical SMILES (fuzz_smiles
 * finds): a P written aromatic in a ring left non-aromatic; a '*' with a
 * double bond of its own next to an aromatic system (it takes no second
 * one), and a '*' partner tried after the other atoms. */
static void test_perceive__canonical_round_trip(void **state)
{
    static const char *const smi[] = {
        "c1c#p#C[se]c1", "c1c**:***/***2c(c1)*cc#cCc[N+]2",
        "*1=CC#CCC[N+]*:2:*:*:*:*:*:*:*:cccc12", "*1ccccc1", "C=*1cccc1"};
    cordon_smiles_writer *w = NULL;
    size_t k;
    (void)state;
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    for (k = 0; k < sizeof smi / sizeof *smi; k++) {
        cordon_mol *m = unit_read_smiles(smi[k]), *m2;
        char first[256], second[256];
        canonical_into(w, m, first, sizeof first);
        m2 = unit_read_smiles(first);
        canonical_into(w, m2, second, sizeof second);
        if (strcmp(first, second))
            fail_msg("%s: canonical %s, read back %s", smi[k], first, second);
        cordon_mol_free(m);
        cordon_mol_free(m2);
    }
    cordon_smiles_writer_free(w);
}

/* The ring list as "a b c|d e f": atoms of each ring in stored order. */
static void check_ring_list(const char *smi, const char *want)
{
    char got[256];
    size_t used = 0;
    cordon_mol *m = unit_read_smiles(smi);
    int r, k;
    got[0] = '\0';
    for (r = 0; r < m->nrings; r++)
        for (k = m->ring_start[r]; k < m->ring_start[r + 1]; k++)
            if (used + 8 < sizeof got)
                used += (size_t)snprintf(got + used, sizeof got - used, "%s%d",
                                         k == m->ring_start[r] ? (r ? "|" : "")
                                                               : " ",
                                         m->ring_atoms[k]);
    if (strcmp(got, want))
        fail_msg("%s: rings %s, want %s", smi, got, want);
    cordon_mol_free(m);
}

/* The molecule of smi rebuilt with its atoms and its bonds in reverse
 * order (each bond's ends swapped): no atom's first neighbour is the atom
 * it follows in the SMILES, as in MOL files. */
static cordon_mol *reversed_copy(const cordon_mol *a)
{
    cordon_mol *b = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int n = cordon_mol_num_atoms(a), m = cordon_mol_num_bonds(a), i;
    assert_int_equal(cordon_mol_new(&b, NULL), CORDON_OK);
    for (i = n - 1; i >= 0; i--) {
        assert_int_equal(
            cordon_mol_add_atom(b, cordon_mol_atom_elem(a, i), NULL),
            CORDON_OK);
        cordon_mol_set_charge(b, n - 1 - i, cordon_mol_atom_charge(a, i));
    }
    for (i = m - 1; i >= 0; i--)
        assert_int_equal(
            cordon_mol_add_bond(b, n - 1 - cordon_mol_bond_end(a, i),
                                n - 1 - cordon_mol_bond_begin(a, i),
                                cordon_mol_bond_kekule(a, i), NULL),
            CORDON_OK);
    if (cordon_mol_perceive(b, CORDON_PERCEIVE_ALL, &err) != CORDON_OK)
        fail_msg("reversed copy: %s", err.message);
    return b;
}

/* Ring bonds are found from the SMILES order's spanning forest when it
 * spans the molecule, by a depth-first search otherwise (other atom
 * orders, or forest paths too long): the same ring flags and counts. */
static void test_perceive__ring_bonds_any_atom_order(void **state)
{
    static const char *const smis[] = {
        "c1ccccc1CC1CC1CCO",
        "O=C(Nc1ccc2[nH]ccc2c1)C1CCN(Cc2ccccc2)CC1",
        "C12C3C4C1C5C2C3C45",
        "C1CC11CC1C.C1CCC2(C1)CCCCC2",
        "CC1(C)CC2(CCC3(CC3)C2)C1",
        "c1ccc2c(c1)[nH]c1ccccc12",
        /* sixteen rings through an iron atom, forest paths of ~40 bonds */
        "[Fe]%10%11%12%13%14%15%16%17%18%19%20%21%22%23%24%25"
        "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"
        "C(C%10)C(C%11)C(C%12)C(C%13)C(C%14)C(C%15)C(C%16)C(C%17)C(C%18)C"
        "(C%19)C(C%20)C(C%21)C(C%22)C(C%23)C(C%24)C(C%25)",
    };
    size_t t;
    (void)state;
    for (t = 0; t < sizeof smis / sizeof *smis; t++) {
        cordon_mol *a = unit_read_smiles(smis[t]), *b = reversed_copy(a);
        int n = cordon_mol_num_atoms(a), m = cordon_mol_num_bonds(a), i,
            ring = 0;
        assert_int_equal(b->nrings, a->nrings);
        for (i = 0; i < n; i++) {
            assert_int_equal(cordon_mol_atom_ring_count(b, n - 1 - i),
                             cordon_mol_atom_ring_count(a, i));
            assert_int_equal(cordon_mol_atom_min_ring(b, n - 1 - i),
                             cordon_mol_atom_min_ring(a, i));
        }
        for (i = 0; i < m; i++) {
            unsigned fa = cordon_mol_bond_flags(a, i) & CORDON_BONDF_IN_RING;
            assert_int_equal(
                cordon_mol_bond_flags(b, m - 1 - i) & CORDON_BONDF_IN_RING, fa);
            ring += fa != 0;
        }
        if (t == 0)
            assert_int_equal(ring, 9);
        if (t == sizeof smis / sizeof *smis - 1)
            assert_int_equal(ring, m); /* every bond closes a ring */
        cordon_mol_free(a);
        cordon_mol_free(b);
    }
}

/* Two-cycle systems (spiro and fused bicycles) are read off the
 * molecule's adjacency; the order of the rings and of their atoms is the
 * general route's: rings by size, each from its atom first reached in a
 * breadth-first walk of the system from its lowest atom, along its ring
 * bond first reached there. */
static void test_perceive__two_cycle_ring_order(void **state)
{
    (void)state;
    check_ring_list("C1CCC2(C1)CCCCC2", "0 1 2 3 4|3 5 6 7 8 9");
    check_ring_list("C1CC2CCC1C2", "5 4 3 2 6|0 1 2 6 5"); /* norbornane */
    /* bicyclo[2.2.2]octane: the third ring, as long as the others */
    check_ring_list("C1CC2CCC1CC2", "0 1 2 3 4 5|0 1 2 7 6 5|5 4 3 2 7 6");
    check_ring_list("c1ccc2[nH]ccc2c1", "7 6 5 4 3|0 1 2 3 7 8");
    check_ring_list("C1CC2CC(C1)CCC2", "0 1 2 3 4 5|2 3 4 6 7 8");
    check_ring_list("O=C1NC2(CC1)CCOC2", "1 2 3 4 5|3 6 7 8 9");
    /* three rings take the general route */
    check_ring_list("c1ccc2c(c1)[nH]c1ccccc12",
                    "4 3 12 7 6|0 1 2 3 4 5|12 11 10 9 8 7");
}

/* Kekulé orders (bond by bond) by each route of the matching: an even ring
 * on its own, read off the ring list (benzene, the benzene rings of
 * tetralins, a biaryl), an even path (thiophene's, thiazole's carbons and
 * n), solve's first descent (indole, naphthalene) and the search that
 * backtracks (this quinoline-fused carbazole).  Orders as the backtracking
 * search alone gave them. */
static void test_perceive__kekule_routes(void **state)
{
    static const char *const cases[][2] = {
        {"c1ccccc1", "212121"},
        {"c1ccc2c(c1)CCCC2", "21212111111"},
        {"C1CCc2ccccc2C1", "11121212111"},
        {"O=C1CCc2cc(O)ccc2N1", "2111211212111"},
        {"Cc1ccc(cc1)-c1ccncc1", "12121211212121"},
        {"c1ccsc1C", "121121"},
        {"c1cscn1", "21121"},
        {"c1ccc2[nH]ccc2c1", "2121121121"},
        {"c1ccc2ccccc2c1", "21212121121"},
        {"NCCCCNc1nc2ccccc2c2[nH]c3ccccc3c12", "11111121212121111212121112"},
    };
    size_t t;
    (void)state;
    for (t = 0; t < sizeof cases / sizeof *cases; t++) {
        cordon_mol *m = unit_read_smiles(cases[t][0]);
        char got[64];
        int i, nb = cordon_mol_num_bonds(m);
        for (i = 0; i < nb && i < 63; i++)
            got[i] = (char)('0' + cordon_mol_bond_kekule(m, i));
        got[i] = '\0';
        if (strcmp(got, cases[t][1]))
            fail_msg("%s: kekule %s, want %s", cases[t][0], got, cases[t][1]);
        cordon_mol_free(m);
    }
}

/* The common neutral aromatic c and n, C, N, O are perceived by short
 * paths; charged, exocyclic-bonded and bracket atoms by the general rules.
 * Aromaticity and H counts as RDKit 2022.09 gives them. */
static void test_perceive__common_atoms_and_exceptions(void **state)
{
    (void)state;
    check_arom("c1ccncc1", "aaaaaa");
    check_h("c1ccncc1", "1 1 1 0 1 1");
    check_arom("Cn1ccnc1", ".aaaaa");
    check_h("Cn1ccnc1", "3 0 1 1 0 1");
    check_arom("C1=CC=CN=C1", "aaaaaa");
    check_arom("O=c1cccc[nH]1", ".aaaaaa"); /* exocyclic C=O */
    check_h("O=c1cccc[nH]1", "0 0 1 1 1 1 1");
    check_arom("[cH-]1cccc1", "aaaaa");
    check_arom("c1cc[n+]([O-])cc1", "aaaa.aa");
    check_arom("C=C1C=CC=C1", "......"); /* fulvene */
    check_arom("OC(=O)c1ccco1", "...aaaaa");
    check_h("OC(=O)c1ccco1", "1 0 0 0 1 1 1 0");
    check_h("CN(C)C=O", "3 0 3 1 0");
    /* a bracket c without H: kekulised (it may take a double bond), then
     * a radical */
    check_arom("[c]1ccccc1", "aaaaaa");
    check_h("[c]1ccccc1", "0 1 1 1 1 1");
}

static void test_perceive__radicals_on_bracket_atoms(void **state)
{
    cordon_mol *m = unit_read_smiles("[CH2]C");
    (void)state;
    assert_int_equal(cordon_mol_atom_radicals(m, 0), 1);
    assert_int_equal(cordon_mol_atom_radicals(m, 1), 0);
    cordon_mol_free(m);
    m = unit_read_smiles("[c]1ccccc1");
    assert_int_equal(cordon_mol_atom_radicals(m, 0), 1);
    cordon_mol_free(m);
    m = unit_read_smiles("[NH]=C");
    assert_int_equal(cordon_mol_atom_radicals(m, 0), 0);
    cordon_mol_free(m);
}

/* The stereo of the ring double bond, or -1 when there is none. */
static int ring_bond_stereo(const char *smi)
{
    cordon_mol *m = unit_read_smiles(smi);
    int i, st = -1, rb, re;
    for (i = 0; i < cordon_mol_num_bonds(m); i++)
        if (cordon_mol_bond_order(m, i) == CORDON_BOND_DOUBLE)
            st = cordon_mol_bond_stereo(m, i, &rb, &re);
    cordon_mol_free(m);
    return st;
}

/* E/Z is dropped in rings of fewer than 8 atoms (as RDKit), lone rings and
 * ring systems alike. */
static void test_perceive__small_ring_double_bond_stereo(void **state)
{
    (void)state;
    assert_int_equal(ring_bond_stereo("C1C/C=C/CCC1"), CORDON_BSTEREO_NONE);
    assert_int_not_equal(ring_bond_stereo("C1C/C=C/CCCC1"),
                         CORDON_BSTEREO_NONE);
    assert_int_equal(ring_bond_stereo("C1CC2C/C=C/CC2C1"), CORDON_BSTEREO_NONE);
    assert_int_not_equal(ring_bond_stereo("C1CC2CC/C=C/CCC2C1"),
                         CORDON_BSTEREO_NONE);
}

static void test_perceive__allocation_failures(void **state)
{
    const char *smi = "O=C(O)c1ccc2c(c1)C1CC3CC(C1)C2C3";
    long k;
    (void)state;
    for (k = 1; k < 300; k++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a;
        cordon_mol *m = NULL;
        cordon_error err;
        int rc;
        u.fail_at = k;
        a = unit_allocator(&u);
        if (cordon_mol_new(&m, &a) != CORDON_OK)
            continue;
        rc = cordon_smiles_read(m, smi, strlen(smi), NULL, &err);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < k)
            break;
    }
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_perceive__aromatic_heterocycles),
    cmocka_unit_test(test_perceive__fused_systems),
    cmocka_unit_test(test_perceive__many_candidate_rings),
    cmocka_unit_test(test_perceive__hydrogens),
    cmocka_unit_test(test_perceive__clean_up_groups),
    cmocka_unit_test(test_perceive__chemistry_errors),
    cmocka_unit_test(test_perceive__rings_symmetrized_sssr),
    cmocka_unit_test(test_perceive__ring_systems_small_and_large),
    cmocka_unit_test(test_perceive__ring_bond_flags),
    cmocka_unit_test(test_perceive__kekule_orders_kept),
    cmocka_unit_test(test_perceive__idempotent_and_no_aromaticity),
    cmocka_unit_test(test_perceive__idempotent_aromatic_heteroatom_h),
    cmocka_unit_test(test_perceive__canonical_round_trip),
    cmocka_unit_test(test_perceive__two_cycle_ring_order),
    cmocka_unit_test(test_perceive__ring_bonds_any_atom_order),
    cmocka_unit_test(test_perceive__kekule_routes),
    cmocka_unit_test(test_perceive__common_atoms_and_exceptions),
    cmocka_unit_test(test_perceive__radicals_on_bracket_atoms),
    cmocka_unit_test(test_perceive__small_ring_double_bond_stereo),
    cmocka_unit_test(test_perceive__allocation_failures),
};
CORDON_TEST_MAIN(tests)

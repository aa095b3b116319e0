/* test_smiles_write.c -- the SMILES writer (src/io/smiles_write.c):
 * brackets exactly when needed, aromatic and Kekulé output, stereo marks,
 * flags, canonical idempotency on real molecules, allocation failures.
 * Expected strings were checked with RDKit 2022.09 (same molecule). */
#include <stdio.h>

#include "unit.h"

static void check(const char *in, unsigned flags, const char *want)
{
    cordon_smiles_writer *w = NULL;
    cordon_mol *m = unit_read_smiles(in);
    const char *s;
    size_t len;
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_write(w, m, flags, &s, &len, NULL),
                     CORDON_OK);
    assert_int_equal(strlen(s), len);
    if (strcmp(s, want))
        fail_msg("%s (flags %#x): wrote %s, want %s", in, flags, s, want);
    cordon_smiles_writer_free(w);
    cordon_mol_free(m);
}

#define CAN CORDON_SMILES_CANONICAL

static void test_smiles_write__input_order_kept(void **state)
{
    (void)state;
    check("OCC", 0, "OCC");
    check("C1CCCCC1O", 0, "C1CCCCC1O");
    check("c1ccccc1C(=O)O", 0, "c1ccccc1C(=O)O");
    check("CC(C)(C)C", 0, "CC(C)(C)C");
    check("C.O", 0, "C.O");
}

static void test_smiles_write__brackets_when_needed(void **state)
{
    (void)state;
    check("[CH3][CH2][OH]", 0, "CCO");
    check("[NH4+]", 0, "[NH4+]");
    check("c1cc[nH]c1", 0, "c1cc[nH]c1");
    check("[13CH4]", 0, "[13CH4]");
    check("[CH3:7]C", 0, "[CH3:7]C");
    check("[CH2]C", 0, "[CH2]C"); /* radical: H count as given */
    check("[Na+].[Cl-]", 0, "[Na+].[Cl-]");
    check("[Fe+2]", 0, "[Fe+2]");
    check("C[Se]C", 0, "C[Se]C");
    check("CP(C)=O", 0, "CP(C)=O"); /* P valence 5 with one H */
    check("CS(=O)(=O)C", 0, "CS(=O)(=O)C");
    check("[2H]C([2H])([2H])O", 0, "[2H]C([2H])([2H])O");
    check("C[N+](C)(C)C", 0, "C[N+](C)(C)C");
    check("*C", 0, "*C");
}

static void test_smiles_write__flags(void **state)
{
    (void)state;
    check("[13CH3:2]C", CORDON_SMILES_NO_ISOTOPES, "[CH3:2]C");
    check("[13CH3:2]C", CORDON_SMILES_NO_MAPS, "[13CH3]C");
    check("[CH3:2]C", CORDON_SMILES_NO_MAPS, "CC");
    check("c1ccccc1", CORDON_SMILES_KEKULE, "C1=CC=CC=C1");
    check("c1cc[nH]c1", CORDON_SMILES_KEKULE, "C=1C=CNC1");
    check("N[C@@H](C)C(=O)O", CORDON_SMILES_NO_STEREO, "NC(C)C(=O)O");
    check("F/C=C/F", CORDON_SMILES_NO_STEREO, "FC=CF");
}

static void test_smiles_write__aromatic_bonds(void **state)
{
    (void)state;
    check("c1ccccc1-c1ccccc1", 0, "c1ccccc1-c1ccccc1");
    check("c1ccc2ccccc2c1", 0, "c1ccc2ccccc2c1");
    check("O=c1cccc[nH]1", 0, "O=c1cccc[nH]1");
    check("Cn1cccc1", 0, "Cn1cccc1");
    check("c1ccsc1", 0, "c1ccsc1");
    /* a single ring bond between '*' and a lower-case atom needs its '-':
     * unwritten, a reader takes it as aromatic and may make it double
     * (fuzz_smiles find); off rings the reader makes it single anyway */
    check("*1[N+]*:2:*:*:cbcc12", CAN, "*=1[N+]*:2:*:*:cbcc12");
    check("*-1[N+]*:2:*:*:cbcc12", CAN, "*-1[N+]*:2:*:*:cbcc12");
    check("*c1ccccc1", 0, "*c1ccccc1");
}

static void test_smiles_write__stereo(void **state)
{
    (void)state;
    /* parities recomputed into output order */
    check("N[C@@H](C)C(=O)O", 0, "N[C@@H](C)C(=O)O");
    check("N[C@@H](C)C(=O)O", CAN, "C[C@H](N)C(=O)O");
    check("[C@@H](N)(C)C(=O)O", CAN, "C[C@@H](N)C(=O)O"); /* H first */
    check("F[C@](Cl)(Br)I", CAN, "F[C@](Cl)(Br)I");
    /* E/Z: one mark per side, conjugated systems consistent */
    check("F/C=C/F", CAN, "F/C=C/F");
    check("F\\C=C/F", CAN, "F/C=C\\F");
    check("C(\\F)=C/F", CAN, "F/C=C/F");
    check("F/C=C/C=C\\F", CAN, "F/C=C\\C=C\\F");
    check("C/C=C/C=C/C=C/C", CAN, "C/C=C/C=C/C=C/C");
    /* exocyclic double bond on an aromatic atom: the mark goes on an
     * aromatic bond of Kekulé order 1 (RDKit writes it so) */
    check("CCOC(=O)/C=c1\\s/c(=C\\C)c(=O)n1C", CAN,
          "C/C=c1\\s/c(=C\\C(=O)OCC)n(C)c1=O");
    /* three-neighbour centre with a ring-closure digit (RDKit's hand) */
    check("CC1(C)[S@+]([O-])CCC1", CAN, "CC1(C)CCC[S@@+]1[O-]");
}

static void test_smiles_write__ring_digits_reused(void **state)
{
    (void)state;
    check("C1CC1C1CC1", 0, "C1CC1C1CC1");
    check("C12C3C4C1C5C2C3C45", CAN, "C12C3C4C1C1C2C3C41");
}

/* read -> canonical -> read -> canonical gives the same string, and the
 * canonical string differs from none of the atom counts it came from. */
static void test_smiles_write__canonical_idempotent_chembl(void **state)
{
    FILE *f = fopen("tests/data/canon/chembl_300.smi", "r");
    char line[4096], smi[4096], first[8192];
    cordon_smiles_writer *w = NULL;
    cordon_mol *m = NULL;
    int n = 0;
    (void)state;
    assert_non_null(f);
    assert_int_equal(cordon_smiles_writer_new(&w, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    while (fgets(line, sizeof line, f)) {
        const char *s;
        size_t len;
        int na;
        cordon_error err = CORDON_ERROR_INIT;
        if (sscanf(line, "%4095s", smi) != 1)
            continue;
        assert_int_equal(cordon_smiles_read(m, smi, strlen(smi), NULL, &err),
                         CORDON_OK);
        na = cordon_mol_num_atoms(m);
        assert_int_equal(cordon_smiles_write(w, m, CAN, &s, &len, NULL),
                         CORDON_OK);
        assert_true(len < sizeof first);
        memcpy(first, s, len + 1);
        if (cordon_smiles_read(m, first, len, NULL, &err) != CORDON_OK)
            fail_msg("%s: canonical %s does not read: %s", smi, first,
                     err.message);
        assert_int_equal(cordon_mol_num_atoms(m), na);
        assert_int_equal(cordon_smiles_write(w, m, CAN, &s, &len, NULL),
                         CORDON_OK);
        if (strcmp(s, first))
            fail_msg("%s: canonical %s, then %s", smi, first, s);
        n++;
    }
    fclose(f);
    cordon_mol_free(m);
    cordon_smiles_writer_free(w);
    assert_int_equal(n, 300);
}

static void test_smiles_write__out_of_memory(void **state)
{
    long k;
    (void)state;
    for (k = 1; k < 40; k++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_smiles_writer *w = NULL;
        cordon_mol *m = NULL;
        const char *s;
        size_t len;
        int rc;
        if (cordon_mol_new(&m, &a) != CORDON_OK)
            continue;
        if (cordon_smiles_read(m, "C[C@H]1CC[C@@H](C)CC1.c1ccccc1", 30, NULL,
                               NULL) == CORDON_OK) {
            u.fail_at = u.count + k;
            if (cordon_smiles_writer_new(&w, &a) == CORDON_OK) {
                rc = cordon_smiles_write(w, m, CAN, &s, &len, NULL);
                assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
                if (rc == CORDON_OK)
                    assert_string_equal(s, "C[C@H]1CC[C@@H](C)CC1.c1ccccc1");
            }
        }
        cordon_smiles_writer_free(w);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_smiles_write__input_order_kept),
    cmocka_unit_test(test_smiles_write__brackets_when_needed),
    cmocka_unit_test(test_smiles_write__flags),
    cmocka_unit_test(test_smiles_write__aromatic_bonds),
    cmocka_unit_test(test_smiles_write__stereo),
    cmocka_unit_test(test_smiles_write__ring_digits_reused),
    cmocka_unit_test(test_smiles_write__canonical_idempotent_chembl),
    cmocka_unit_test(test_smiles_write__out_of_memory),
};
CORDON_TEST_MAIN(tests)

/* test_normalize.c -- parent and stereo-free forms and identity keys on
 * real drugs and their salts (docs/identity-keys.md). */
#include "unit.h"

#include "cordon/inchi.h"
#include "cordon/normalize.h"

#define FENTANYL_KEY "PJMPHNIQZUBGLI-UHFFFAOYSA-N"

static void keys_of(const char *smi, cordon_identity_keys *k)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    if (cordon_smiles_read(m, smi, strlen(smi), NULL, &e) != CORDON_OK ||
        cordon_mol_identity_keys(m, k, &e) != CORDON_OK)
        fail_msg("%s: %s", smi, e.message);
    cordon_mol_free(m);
}

static void test_normalize__fentanyl_salts_share_the_parent_key(void **state)
{
    static const char *const forms[] = {
        /* fentanyl citrate (1:1, monoprotonated citrate) */
        "CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1."
        "OC(=O)CC(O)(CC(=O)O)C(=O)[O-]",
        /* fentanyl citrate written as the neutral acid */
        "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(=O)O)C(=O)O",
        /* fentanyl hydrochloride, both spellings */
        "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.Cl",
        "Cl.CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1.[Cl-].O",
        /* protonated fentanyl */
        "CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1",
        /* the base itself */
        "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"};
    cordon_identity_keys k;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        keys_of(forms[i], &k);
        assert_string_equal(k.parent, FENTANYL_KEY);
        assert_string_equal(k.stereo_free, FENTANYL_KEY);
    }
    /* the exact keys still tell the salts apart */
    keys_of(forms[0], &k);
    assert_string_not_equal(k.exact, FENTANYL_KEY);
    keys_of(forms[4], &k);
    assert_string_equal(k.exact, "PJMPHNIQZUBGLI-UHFFFAOYSA-O");
}

static void test_normalize__enantiomers_share_the_stereo_free_key(void **state)
{
    cordon_identity_keys d, l, rac, dsalt;
    (void)state;
    keys_of("C[C@H](N)Cc1ccccc1", &d);  /* dexamfetamine */
    keys_of("C[C@@H](N)Cc1ccccc1", &l); /* levamfetamine */
    keys_of("CC(N)Cc1ccccc1", &rac);    /* amfetamine, unspecified */
    /* dexamfetamine sulfate (2:1) */
    keys_of("C[C@H]([NH3+])Cc1ccccc1.C[C@H]([NH3+])Cc1ccccc1.[O-]S([O-])(=O)=O",
            &dsalt);
    assert_string_not_equal(d.parent, l.parent);
    assert_string_equal(d.stereo_free, l.stereo_free);
    assert_string_equal(d.stereo_free, rac.parent);
    assert_string_equal(d.stereo_free, "KWTSXDURSIMDCE-UHFFFAOYSA-N");
    assert_string_equal(dsalt.parent, d.parent);
    /* (R)- and (S)-methamphetamine hydrochloride */
    keys_of("CN[C@@H](C)Cc1ccccc1.Cl", &d);
    keys_of("CN[C@H](C)Cc1ccccc1.Cl", &l);
    assert_string_not_equal(d.parent, l.parent);
    assert_string_equal(d.stereo_free, l.stereo_free);
    assert_string_equal(d.stereo_free, "MYWUZJCMWCOHBA-UHFFFAOYSA-N");
}

static void test_normalize__what_is_not_neutralised(void **state)
{
    static const char *const keep[] = {
        "C[N+](C)(C)CC(=O)[O-]", /* betaine: zwitterion stays */
        "O=[N+]([O-])c1ccccc1",  /* nitro */
        "C[N+](C)(C)CCOC(C)=O",  /* acetylcholine cation */
        "C[n+]1ccccc1",          /* N-methylpyridinium */
        "CC(C)(C)[O-].[K+]",     /* potassium tert-butoxide -> alcohol */
    };
    cordon_mol *m, *p;
    cordon_error e = CORDON_ERROR_INIT;
    int i, j;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    for (i = 0; i < 4; i++) {
        int before = 0, after = 0;
        assert_int_equal(
            cordon_smiles_read(m, keep[i], strlen(keep[i]), NULL, &e),
            CORDON_OK);
        assert_int_equal(cordon_mol_normalize(&p, m, CORDON_NORM_PARENT, &e),
                         CORDON_OK);
        for (j = 0; j < cordon_mol_num_atoms(m); j++)
            before += cordon_mol_atom_charge(m, j) != 0;
        for (j = 0; j < cordon_mol_num_atoms(p); j++)
            after += cordon_mol_atom_charge(p, j) != 0;
        assert_int_equal(after, before);
        cordon_mol_free(p);
    }
    assert_int_equal(cordon_smiles_read(m, keep[4], strlen(keep[4]), NULL, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_normalize(&p, m, CORDON_NORM_PARENT, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(p), 5);
    for (j = 0; j < 5; j++)
        assert_int_equal(cordon_mol_atom_charge(p, j), 0);
    cordon_mol_free(p);
    cordon_mol_free(m);
}

static void test_normalize__fragment_choice(void **state)
{
    cordon_mol *m, *p;
    cordon_error e = CORDON_ERROR_INIT;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    /* sodium acetate: both fragments are listed; the organic one stays */
    assert_int_equal(cordon_smiles_read(m, "CC(=O)[O-].[Na+]", 16, NULL, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_normalize(&p, m, CORDON_NORM_PARENT, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(p), 4);
    cordon_mol_free(p);
    /* without STRIP every fragment is kept */
    assert_int_equal(cordon_mol_normalize(&p, m, CORDON_NORM_NEUTRALIZE, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(p), 5);
    cordon_mol_free(p);
    assert_true(cordon_norm_is_counterion("C6H8O7"));     /* citric acid */
    assert_true(cordon_norm_is_counterion("ClH"));        /* HCl */
    assert_true(cordon_norm_is_counterion("CH4O3S"));     /* mesylate */
    assert_false(cordon_norm_is_counterion("C22H28N2O")); /* fentanyl */
    cordon_mol_free(m);
}

static void test_normalize__out_of_memory_leaks_nothing(void **state)
{
    static const char smi[] = "CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1."
                              "OC(=O)CC(O)(CC(=O)O)C(=O)[O-]";
    long k;
    (void)state;
    for (k = 1; k < 200; k++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_mol *m, *p = NULL;
        int rc;
        assert_int_equal(cordon_mol_new(&m, &a), CORDON_OK);
        assert_int_equal(cordon_smiles_read(m, smi, sizeof smi - 1, NULL, NULL),
                         CORDON_OK);
        u.fail_at = u.count + k;
        rc = cordon_mol_normalize(&p, m, CORDON_NORM_PARENT, NULL);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        assert_true(rc != CORDON_OK || p != NULL);
        cordon_mol_free(p);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_normalize__fentanyl_salts_share_the_parent_key),
    cmocka_unit_test(test_normalize__enantiomers_share_the_stereo_free_key),
    cmocka_unit_test(test_normalize__what_is_not_neutralised),
    cmocka_unit_test(test_normalize__fragment_choice),
    cmocka_unit_test(test_normalize__out_of_memory_leaks_nothing),
};
CORDON_TEST_MAIN(tests)

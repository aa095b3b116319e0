/* test_fp.c -- fingerprints: Morgan bits equal to RDKit's, Tanimoto, top-k
 * order and pruning, and the screen's guarantee (no false negatives). */
#include "unit.h"

#include "cordon/fp.h"
#include "cordon/match.h"
#include "cordon/smarts.h"

static cordon_mol *read_mol(const char *smi)
{
    cordon_mol *m = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    return m;
}

static void morgan(const char *smi, cordon_morganfp *fp)
{
    cordon_mol *m = read_mol(smi);
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_fp_morgan(fp, m, &err), CORDON_OK);
    cordon_mol_free(m);
}

/* On-bits from RDKit 2022.09.3:
 * GetMorganFingerprintAsBitVect(MolFromSmiles(s), 2, 2048).GetOnBits() */
static const int bits_ethanol[] = {80, 222, 294, 807, 1057, 1410, -1};
static const int bits_phenol[] = {65,   389,  745,  807,  1088, 1199,
                                  1380, 1602, 1750, 1778, 1873, -1};
static const int bits_paracetamol[] = {191,  245,  530,  650,  745,  807,  843,
                                       849,  1017, 1057, 1077, 1152, 1313, 1380,
                                       1602, 1750, 1778, 1816, 1873, 1917, -1};

/* isotopes: [2H] neighbours count as hydrogens, RDKit's delta mass */
static const int bits_d3_methanol[] = {372, 807, 1057, 1155, 1552, 1643, -1};
static const int bits_iodobenzene_125[] = {389,  660,  1008, 1088, 1199, 1353,
                                           1380, 1569, 1715, 1750, 1873, -1};

static void expect_bits(const char *smi, const int *want)
{
    cordon_morganfp fp;
    int i, n = 0;
    morgan(smi, &fp);
    for (i = 0; want[i] >= 0; i++) {
        if (!(fp.w[want[i] / 64] >> (want[i] % 64) & 1))
            fail_msg("%s: bit %d not set", smi, want[i]);
        n++;
    }
    assert_int_equal(cordon_fp_popcount(&fp), n);
}

static void test_fp__morgan_bits_equal_rdkit(void **state)
{
    (void)state;
    expect_bits("CCO", bits_ethanol);
    expect_bits("c1ccccc1O", bits_phenol);
    expect_bits("CC(=O)Nc1ccc(O)cc1", bits_paracetamol);
    /* another atom order, same bits */
    expect_bits("Oc1ccc(NC(C)=O)cc1", bits_paracetamol);
    expect_bits("[2H]C([2H])([2H])O", bits_d3_methanol);
    expect_bits("c1ccccc1[125I]", bits_iodobenzene_125);
}

static void test_fp__tanimoto(void **state)
{
    cordon_morganfp a, b, z;
    (void)state;
    morgan("c1ccccc1O", &a);
    morgan("CC(=O)Nc1ccc(O)cc1", &b);
    memset(&z, 0, sizeof z);
    /* RDKit: TanimotoSimilarity = 0.2916666666666667 (7 / 24) */
    assert_true(cordon_fp_tanimoto(&a, &b) > 0.29166 &&
                cordon_fp_tanimoto(&a, &b) < 0.29167);
    assert_true(cordon_fp_tanimoto(&a, &a) == 1.0);
    assert_true(cordon_fp_tanimoto(&z, &z) == 0.0);
    assert_true(cordon_fp_tanimoto(&a, &z) == 0.0);
}

static void test_fp__topk_best_first_ties_by_index(void **state)
{
    static const char *const db_smi[] = {"CCO",       "CC(=O)Nc1ccc(O)cc1",
                                         "c1ccccc1O", "CCCCCC",
                                         "c1ccccc1O", "Oc1ccccc1C"};
    cordon_morganfp q, db[6];
    cordon_fp_hit hits[3];
    size_t i, n = 0;
    (void)state;
    morgan("c1ccccc1O", &q);
    for (i = 0; i < 6; i++)
        morgan(db_smi[i], &db[i]);
    assert_int_equal(cordon_fp_topk(&q, db, 6, 3, 0.0, hits, &n), CORDON_OK);
    assert_int_equal(n, 3);
    assert_int_equal(hits[0].index, 2);
    assert_int_equal(hits[1].index, 4); /* tie with 2, later index */
    assert_true(hits[0].similarity == 1.0 && hits[1].similarity == 1.0);
    assert_int_equal(hits[2].index, 5);
    assert_true(hits[2].similarity < 1.0);
    /* threshold cuts */
    assert_int_equal(cordon_fp_topk(&q, db, 6, 3, 0.99, hits, &n), CORDON_OK);
    assert_int_equal(n, 2);
}

static void test_fp__streaming_topk_matches_array(void **state)
{
    cordon_topk *t = NULL;
    const cordon_fp_hit *r;
    size_t n;
    (void)state;
    assert_int_equal(cordon_topk_new(&t, 2, 0.5, NULL), CORDON_OK);
    cordon_topk_add(t, 0, 0.4);
    cordon_topk_add(t, 1, 0.7);
    cordon_topk_add(t, 2, 0.9);
    cordon_topk_add(t, 3, 0.7);
    cordon_topk_add(t, 4, 0.6);
    r = cordon_topk_result(t, &n);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].index, 2);
    assert_int_equal(r[1].index, 1);
    cordon_topk_free(t);
    cordon_topk_free(NULL);
}

/* The screen never rejects a pair that matches. */
static void test_fp__screen_has_no_false_negatives(void **state)
{
    static const char *const pats[] = {
        "c1ccccc1",    "[OX2H]",   "C(=O)N",         "[#7]~[#6]",
        "Cl",          "[Cl,Br]",  "c:c:c:c",        "[$(cO)]N",
        "C-C-C",       "O=C-N-c",  "[N;R]",          "*~*~*~*",
        "c1ccc(O)cc1", "CC(=O)Nc", "[#8]=[#6]-[#7]", "C.O"};
    static const char *const mols[] = {"CC(=O)Nc1ccc(O)cc1", "CCO", "ClCCBr",
                                       "c1ccncc1", "CN1CCC(CC1)C(=O)OCC"};
    size_t p, m;
    (void)state;
    for (m = 0; m < sizeof mols / sizeof *mols; m++) {
        cordon_mol *mol = read_mol(mols[m]);
        cordon_matcher *mt = NULL;
        cordon_screenfp mfp, qfp;
        cordon_error err = CORDON_ERROR_INIT;
        assert_int_equal(cordon_screenfp_mol(&mfp, mol), CORDON_OK);
        assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
        assert_int_equal(cordon_matcher_bind(mt, mol, &err), CORDON_OK);
        for (p = 0; p < sizeof pats / sizeof *pats; p++) {
            cordon_query *q = NULL;
            cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
            int n = 0;
            assert_int_equal(cordon_smarts_compile(&q, pats[p], strlen(pats[p]),
                                                   NULL, NULL, &err),
                             CORDON_OK);
            cordon_screenfp_query(&qfp, q);
            /* the uniquified count with the screen; the mask-less full
             * search is what the screen must never contradict */
            assert_int_equal(cordon_match_count(mt, q, &o, &n, &err),
                             CORDON_OK);
            if (n > 0)
                assert_true(cordon_screenfp_could_match(&qfp, &mfp));
            cordon_query_free(q);
        }
        cordon_matcher_free(mt);
        cordon_mol_free(mol);
    }
}

static void test_fp__screen_rejects_missing_elements(void **state)
{
    cordon_mol *mol = read_mol("CCO");
    cordon_query *q = NULL;
    cordon_screenfp mfp, qfp;
    cordon_error err = CORDON_ERROR_INIT;
    (void)state;
    assert_int_equal(cordon_screenfp_mol(&mfp, mol), CORDON_OK);
    assert_int_equal(cordon_smarts_compile(&q, "CCl", 3, NULL, NULL, &err),
                     CORDON_OK);
    cordon_screenfp_query(&qfp, q);
    assert_false(cordon_screenfp_could_match(&qfp, &mfp));
    cordon_query_free(q);
    /* three oxygens needed, one present */
    assert_int_equal(cordon_smarts_compile(&q, "O.O.O", 5, NULL, NULL, &err),
                     CORDON_OK);
    cordon_screenfp_query(&qfp, q);
    assert_false(cordon_screenfp_could_match(&qfp, &mfp));
    cordon_query_free(q);
    cordon_mol_free(mol);
}

static const struct CMUnitTest fp_tests[] = {
    cmocka_unit_test(test_fp__morgan_bits_equal_rdkit),
    cmocka_unit_test(test_fp__tanimoto),
    cmocka_unit_test(test_fp__topk_best_first_ties_by_index),
    cmocka_unit_test(test_fp__streaming_topk_matches_array),
    cmocka_unit_test(test_fp__screen_has_no_false_negatives),
    cmocka_unit_test(test_fp__screen_rejects_missing_elements),
};

CORDON_TEST_MAIN(fp_tests)

/* test_match.c -- the matcher: unique and all match counts against values
 * RDKit 2022.09 gives for the same (SMARTS, SMILES) pairs, bounds,
 * constraints, mappings, invariance under atom order. */
#include <stdio.h>

#include "unit.h"

#include "cordon/match.h"
#include "cordon/smarts.h"

typedef struct mcase {
    const char *smarts, *smiles;
    int unique, all; /* RDKit: len(GetSubstructMatches(q[, uniquify=False])) */
} mcase;

/* Produced with RDKit 2022.09.3 (python3-rdkit). */
static const mcase cases[] = {
    {"c1ccccc1", "c1ccccc1", 1, 12},
    {"[OX2H]", "OCCO", 2, 2},
    {"C.C", "CC.CC", 6, 12},
    {"[r5]", "C1Cc2ccccc2C1", 5, 5},
    {"[r6]", "C1Cc2ccccc2C1", 4, 4},
    {"[x3]", "C1Cc2ccccc2C1", 2, 2},
    {"[CH3]", "[2H]C", 0, 0},
    {"[h]", "C[NH3+]", 2, 2},
    {"[v3]", "c1cc[nH]c1", 1, 1},
    {"[X3]", "c1cc[nH]c1", 5, 5},
    {"[$([CH2]),$(C=O)]", "CC=O", 1, 1},
    {"[R2]", "C1CC2CC12", 2, 2},
    {"C-C", "c1ccccc1C", 0, 0},
    {"c:c", "c1ccccc1", 6, 12},
    {"C=O", "CC(=O)O", 1, 1},
    {"[#6]~[#6]", "c1ccccc1", 6, 12},
    {"*", "CCO", 3, 3},
    {"[!#6]", "CCO", 1, 1},
    {"[N;H2,H1;!$(NC=O)]", "NCC(=O)NC", 1, 1},
    {"[D{2-3}]", "CC(C)C", 1, 1},
    {"C@C", "C1CC1", 3, 6},
    {"C!@C", "C1CC1CC", 2, 4},
    {"[C;R0]", "C1CC1CC", 2, 2},
    {"O=C-,:cc", "O=Cc1ccccc1", 2, 2},
    {"[+]", "C[N+](C)(C)C", 1, 1},
    {"[-1]", "CC(=O)[O-]", 1, 1},
    {"[13C]", "[13CH4]", 1, 1},
    {"[z2]", "OCO", 1, 1},
    {"[$(c1ccccc1)]", "c1ccccc1Cc1ccccc1", 12, 12},
    {"[#7;a]", "c1ccncc1", 1, 1},
    {"C(F)(F)F", "FC(F)(F)C(F)(F)F", 2, 12},
    {"[H]", "[2H]C", 1, 1},
    {"[Cl,Br,I]", "ClCCBr", 2, 2},
    {"c1ccc2ccccc2c1", "c1ccc2ccccc2c1", 1, 4},
    {"CC", "CCCC", 3, 6},
    {"CC.CC", "CCCC", 1, 8},
    {"C.C.C", "CCCC", 4, 24},
    {"O.N.O", "OCCNCCO", 1, 2},
};

static cordon_mol *read_mol(const char *smi)
{
    cordon_mol *m = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    return m;
}

static cordon_query *compile(const char *s)
{
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_smarts_compile(&q, s, strlen(s), NULL, NULL, &err),
                     CORDON_OK);
    return q;
}

static void count_pair(const char *sma, const char *smi, int uniquify, int *n)
{
    cordon_mol *m = read_mol(smi);
    cordon_query *q = compile(sma);
    cordon_matcher *mt = NULL;
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    o.uniquify = uniquify;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
    assert_int_equal(cordon_match_all(mt, q, &o, n, &err), CORDON_OK);
    cordon_matcher_free(mt);
    cordon_query_free(q);
    cordon_mol_free(m);
}

static void test_match__counts_agree_with_rdkit(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        int u, a;
        count_pair(cases[i].smarts, cases[i].smiles, 1, &u);
        count_pair(cases[i].smarts, cases[i].smiles, 0, &a);
        if (u != cases[i].unique || a != cases[i].all)
            fail_msg("%s on %s: unique %d (want %d), all %d (want %d)",
                     cases[i].smarts, cases[i].smiles, u, cases[i].unique, a,
                     cases[i].all);
    }
}

static void test_match__first_and_mapping(void **state)
{
    cordon_mol *m = read_mol("CC(=O)O");
    cordon_query *q = compile("[CX3](=O)[OX2H1]");
    cordon_matcher *mt = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    const int *map;
    int found = 0;
    (void)state;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
    assert_int_equal(cordon_match_first(mt, q, NULL, &found, &err), CORDON_OK);
    assert_int_equal(found, 1);
    assert_int_equal(cordon_match_num(mt), 1);
    map = cordon_match_mapping(mt, 0);
    assert_non_null(map);
    assert_int_equal(map[0], 1);
    assert_int_equal(map[1], 2);
    assert_int_equal(map[2], 3);
    assert_null(cordon_match_mapping(mt, 1));
    cordon_matcher_free(mt);
    cordon_query_free(q);
    cordon_mol_free(m);
}

static void test_match__max_matches_saturates(void **state)
{
    cordon_mol *m = read_mol("CCCCCCCCCC");
    cordon_query *q = compile("C");
    cordon_matcher *mt = NULL;
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int n = 0;
    (void)state;
    o.max_matches = 4;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
    assert_int_equal(n, 4);
    o.max_matches = 0;
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_EINVAL);
    cordon_matcher_free(mt);
    cordon_query_free(q);
    cordon_mol_free(m);
}

static void test_match__step_budget_returns_elimit(void **state)
{
    /* a chain of 12 any-atoms in a 30-carbon ring: many partial mappings */
    cordon_mol *m = read_mol("C1CCCCCCCCCCCCCCCCCCCCCCCCCCCCC1");
    cordon_query *q = compile("*~*~*~*~*~*~*~*~*~*~*~*");
    cordon_matcher *mt = NULL;
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int n = 0;
    (void)state;
    o.max_steps = 50;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_ELIMIT);
    assert_int_equal(err.status, CORDON_ELIMIT);
    assert_non_null(strstr(err.message, "budget"));
    o.max_steps = 1000000;
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
    assert_int_equal(n, 30);
    cordon_matcher_free(mt);
    cordon_query_free(q);
    cordon_mol_free(m);
}

static void test_match__mask_and_fixed_restrict(void **state)
{
    cordon_mol *m = read_mol("OCCCO");
    cordon_query *q = compile("OC");
    cordon_matcher *mt = NULL;
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    unsigned char mask[5] = {1, 1, 1, 0, 0};
    int fixed[2] = {4, -1}, bad[2] = {7, -1}, n = 0;
    (void)state;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
    assert_int_equal(n, 2);
    o.atom_mask = mask;
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
    assert_int_equal(n, 1);
    assert_int_equal(cordon_match_mapping(mt, 0)[0], 0);
    o.atom_mask = NULL;
    o.fixed = fixed;
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
    assert_int_equal(n, 1);
    assert_int_equal(cordon_match_mapping(mt, 0)[1], 3);
    o.fixed = bad;
    assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_EINVAL);
    cordon_matcher_free(mt);
    cordon_query_free(q);
    cordon_mol_free(m);
}

static void test_match__component_groups(void **state)
{
    int n;
    (void)state;
    count_pair("(C.C)", "CC.CC", 1, &n);
    assert_int_equal(n, 2); /* one pair per ethane */
    count_pair("(C).(C)", "CC.CC", 1, &n);
    assert_int_equal(n, 4); /* one atom from each */
    count_pair("(C).(C)", "CCC", 1, &n);
    assert_int_equal(n, 0);
}

static void test_match__invariant_under_atom_order(void **state)
{
    static const char *const forms[] = {
        "CC(=O)Nc1ccc(O)cc1", "Oc1ccc(NC(C)=O)cc1", "c1cc(O)ccc1NC(=O)C"};
    static const char *const pats[] = {"c1ccccc1", "[OX2H]c", "C(=O)N",
                                       "[$(a[OH])]", "a:a"};
    size_t p, f;
    (void)state;
    for (p = 0; p < sizeof pats / sizeof *pats; p++) {
        int first = -1, n;
        for (f = 0; f < sizeof forms / sizeof *forms; f++) {
            count_pair(pats[p], forms[f], 1, &n);
            if (f == 0)
                first = n;
            else
                assert_int_equal(n, first);
        }
    }
}

static void test_match__unbound_matcher_is_einval(void **state)
{
    cordon_query *q = compile("C");
    cordon_matcher *mt = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int n;
    (void)state;
    assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
    assert_int_equal(cordon_match_count(mt, q, NULL, &n, &err), CORDON_EINVAL);
    cordon_matcher_free(mt);
    cordon_matcher_free(NULL);
    cordon_query_free(q);
}

static void test_match__query_from_mol_matches_itself(void **state)
{
    static const char *const smis[] = {"CC(=O)Nc1ccc(O)cc1", "C1CC2CCC1CC2",
                                       "CC[N+](C)(C)C.[Cl-]",
                                       "c1ccc2c(c1)[nH]c1ccccc12"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof smis / sizeof *smis; i++) {
        cordon_mol *m = read_mol(smis[i]), *bigger;
        cordon_query *q = NULL;
        cordon_matcher *mt = NULL;
        cordon_error err = CORDON_ERROR_INIT;
        char buf[256];
        int found = 0;
        assert_int_equal(cordon_query_from_mol(&q, m, NULL, &err), CORDON_OK);
        assert_int_equal(cordon_query_num_atoms(q), cordon_mol_num_atoms(m));
        assert_int_equal(cordon_query_num_bonds(q), cordon_mol_num_bonds(m));
        {
            int a;
            for (a = 0; a < cordon_mol_num_atoms(m); a++) {
                assert_int_equal(cordon_query_atom_map(q, a), a + 1);
                assert_int_equal(cordon_query_atom_elem(q, a),
                                 cordon_mol_atom_elem(m, a));
                assert_int_equal(cordon_query_atom_degree(q, a),
                                 cordon_mol_atom_degree(m, a));
            }
        }
        assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
        assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
        assert_int_equal(cordon_match_first(mt, q, NULL, &found, &err),
                         CORDON_OK);
        assert_int_equal(found, 1);
        {
            /* anchored identity: every query atom on its own atom */
            int fx[64], a, n = 0;
            cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
            for (a = 0; a < cordon_mol_num_atoms(m); a++)
                fx[a] = a;
            o.fixed = fx;
            assert_int_equal(cordon_match_count(mt, q, &o, &n, &err),
                             CORDON_OK);
            assert_int_equal(n, 1);
        }
        /* the molecule with one more atom still contains it */
        snprintf(buf, sizeof buf, "%s.O", smis[i]);
        bigger = read_mol(buf);
        assert_int_equal(cordon_matcher_bind(mt, bigger, &err), CORDON_OK);
        assert_int_equal(cordon_match_first(mt, q, NULL, &found, &err),
                         CORDON_OK);
        assert_int_equal(found, 1);
        cordon_mol_free(bigger);
        cordon_matcher_free(mt);
        cordon_query_free(q);
        cordon_mol_free(m);
    }
}

static void test_match__oom_leaks_nothing(void **state)
{
    cordon_mol *m = read_mol("CC(=O)Nc1ccc(O)cc1");
    cordon_query *q = compile("[$(c[OH]),$(cN)]:c");
    long k;
    (void)state;
    for (k = 1; k < 200; k++) {
        unit_alloc u = {k, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_matcher *mt = NULL;
        cordon_error err = CORDON_ERROR_INIT;
        int n = 0, rc = cordon_matcher_new(&mt, &a);
        if (rc == CORDON_OK)
            rc = cordon_matcher_bind(mt, m, &err);
        if (rc == CORDON_OK)
            rc = cordon_match_count(mt, q, NULL, &n, &err);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        if (rc == CORDON_OK)
            assert_int_equal(n, 4);
        cordon_matcher_free(mt);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < k)
            break;
    }
    cordon_query_free(q);
    cordon_mol_free(m);
}

/* use_chirality: expected counts are RDKit's for the pattern read as
 * SMILES (MolFromSmiles(p) as the query, useChirality=True). */
static const mcase chiral_cases[] = {
    {"[C@H](F)(Cl)Br", "[C@H](F)(Cl)Br", 1, 0},
    {"[C@H](F)(Cl)Br", "[C@@H](F)(Cl)Br", 0, 0},
    {"[C@@H](F)(Cl)Br", "[C@@H](Cl)(F)Br", 0, 0},
    {"F[C@H](Cl)Br", "Br[C@H](Cl)F", 0, 0},
    {"F[C@](Cl)(Br)I", "I[C@@](Br)(Cl)F", 0, 0},
    {"C[C@H](N)C(=O)O", "N[C@@H](C)C(=O)O", 1, 0},
    {"C[C@H](N)C(=O)O", "N[C@H](C)C(=O)O", 0, 0},
    {"[C@H]1(F)CCCC1Cl", "Cl[C@@H]1CCC[C@H]1F", 0, 0},
    {"[C@]1(F)(Cl)CCCC1", "F[C@@]1(Cl)CCCC1", 1, 0},
    {"C[C@@H](O)CC", "CC[C@H](C)O", 0, 0},
    {"C[C@@H](O)CC", "CC[C@@H](C)O", 1, 0},
    {"[C@@H](O)(C)CC", "OC(C)CC", 0, 0},
    {"O[C@H]1CC[C@@H](C)CC1", "C[C@H]1CC[C@@H](O)CC1", 1, 0},
    {"N[C@@H](Cc1ccccc1)C(=O)O", "OC(=O)[C@H](N)Cc1ccccc1", 0, 0},
};

static void test_match__chirality_on_request(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof chiral_cases / sizeof *chiral_cases; i++) {
        const mcase *c = &chiral_cases[i];
        cordon_mol *m = read_mol(c->smiles);
        cordon_query *q = compile(c->smarts);
        cordon_matcher *mt = NULL;
        cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
        cordon_error err = CORDON_ERROR_INIT;
        int n = -1, plain = -1;
        assert_int_equal(cordon_matcher_new(&mt, NULL), CORDON_OK);
        assert_int_equal(cordon_matcher_bind(mt, m, &err), CORDON_OK);
        assert_int_equal(cordon_match_count(mt, q, &o, &plain, &err),
                         CORDON_OK);
        o.use_chirality = 1;
        assert_int_equal(cordon_match_count(mt, q, &o, &n, &err), CORDON_OK);
        if (n != c->unique)
            fail_msg("%s on %s with chirality: %d, want %d", c->smarts,
                     c->smiles, n, c->unique);
        /* without chirality every case matches once */
        assert_int_equal(plain, 1);
        cordon_matcher_free(mt);
        cordon_query_free(q);
        cordon_mol_free(m);
    }
}

static const struct CMUnitTest match_tests[] = {
    cmocka_unit_test(test_match__chirality_on_request),
    cmocka_unit_test(test_match__counts_agree_with_rdkit),
    cmocka_unit_test(test_match__first_and_mapping),
    cmocka_unit_test(test_match__max_matches_saturates),
    cmocka_unit_test(test_match__step_budget_returns_elimit),
    cmocka_unit_test(test_match__mask_and_fixed_restrict),
    cmocka_unit_test(test_match__component_groups),
    cmocka_unit_test(test_match__invariant_under_atom_order),
    cmocka_unit_test(test_match__unbound_matcher_is_einval),
    cmocka_unit_test(test_match__query_from_mol_matches_itself),
    cmocka_unit_test(test_match__oom_leaks_nothing),
};

CORDON_TEST_MAIN(match_tests)

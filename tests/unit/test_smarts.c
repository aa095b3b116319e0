/* test_smarts.c -- the SMARTS compiler: query shape, maps, groups, element
 * hints, parse errors with byte offsets, limits, allocation failures. */
#include "unit.h"

#include "cordon/smarts.h"

static cordon_query *compile(const char *s)
{
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    if (cordon_smarts_compile(&q, s, strlen(s), NULL, NULL, &err) != CORDON_OK)
        fail_msg("'%s' rejected: %s", s, err.message);
    return q;
}

static void test_smarts__shape_of_query(void **state)
{
    cordon_query *q = compile("C1CC(=O)[N;R]C1.[Cl-]");
    (void)state;
    assert_int_equal(cordon_query_num_atoms(q), 7);
    assert_int_equal(cordon_query_num_bonds(q), 6);
    assert_int_equal(cordon_query_atom_degree(q, 2), 3);
    assert_int_equal(cordon_query_atom_degree(q, 6), 0);
    /* ring closure bond joins atom 5 and atom 0 */
    assert_int_equal(cordon_query_bond_begin(q, 5), 0);
    assert_int_equal(cordon_query_bond_end(q, 5), 5);
    assert_string_equal(cordon_query_smarts(q), "C1CC(=O)[N;R]C1.[Cl-]");
    cordon_query_free(q);
}

static void test_smarts__atom_maps_label_atoms(void **state)
{
    cordon_query *q = compile("[C:1](=O)[N:2]C[c:10]");
    (void)state;
    assert_int_equal(cordon_query_atom_map(q, 0), 1);
    assert_int_equal(cordon_query_atom_map(q, 1), 0);
    assert_int_equal(cordon_query_atom_map(q, 2), 2);
    assert_int_equal(cordon_query_atom_by_map(q, 10), 4);
    assert_int_equal(cordon_query_atom_by_map(q, 3), -1);
    assert_int_equal(cordon_query_atom_by_map(q, 0), -1);
    cordon_query_free(q);
}

static void test_smarts__element_hints(void **state)
{
    cordon_query *q = compile("[#7;R]c[C,c][N,O]*[Cl][!C][H][2H]");
    (void)state;
    assert_int_equal(cordon_query_atom_elem(q, 0), 7);
    assert_int_equal(cordon_query_atom_elem(q, 1), 6);
    assert_int_equal(cordon_query_atom_elem(q, 2), 6);
    assert_int_equal(cordon_query_atom_elem(q, 3), -1);
    assert_int_equal(cordon_query_atom_elem(q, 4), -1);
    assert_int_equal(cordon_query_atom_elem(q, 5), 17);
    assert_int_equal(cordon_query_atom_elem(q, 6), -1);
    assert_int_equal(cordon_query_atom_elem(q, 7), 1);
    assert_int_equal(cordon_query_atom_elem(q, 8), 1);
    cordon_query_free(q);
    /* [H,#1] is "H count 1 or hydrogen" (RDKit), not a hydrogen atom */
    q = compile("[H,#1]");
    assert_int_equal(cordon_query_atom_elem(q, 0), -1);
    cordon_query_free(q);
}

static void test_smarts__component_groups(void **state)
{
    cordon_query *q = compile("(C.C).(N)");
    (void)state;
    assert_int_equal(cordon_query_atom_group(q, 0), 1);
    assert_int_equal(cordon_query_atom_group(q, 1), 1);
    assert_int_equal(cordon_query_atom_group(q, 2), 2);
    cordon_query_free(q);
    q = compile("C.C");
    assert_int_equal(cordon_query_atom_group(q, 0), 0);
    cordon_query_free(q);
}

static void test_smarts__accepts_daylight_and_rdkit_forms(void **state)
{
    static const char *const ok[] = {"[$([NX3;H2,H1;!$(NC=O)]),$([NX3+])]",
                                     "[C;!R0;x2]",
                                     "[#6;D{2-3}]",
                                     "C%10CC%10",
                                     "c1ccccc1/C=C\\C",
                                     "[13CH3]-[OH]",
                                     "[n;H1]",
                                     "[Se,se]",
                                     "[Nh]",
                                     "[CH2;v4;X4;h2;z0;Z0]",
                                     "[++]",
                                     "[N--]",
                                     "C!@;-C",
                                     "[R2;r6]",
                                     "[*;a]",
                                     "[$([$(C=O)]O)]",
                                     "[C@@H](F)(Cl)Br",
                                     "[2H:5]",
                                     "[!#1]~[!#6]",
                                     "c:1:c:c:c:c:c:1"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof *ok; i++)
        cordon_query_free(compile(ok[i]));
}

typedef struct bad {
    const char *smarts;
    size_t offset;
    const char *msg;
} bad;

static void test_smarts__errors_carry_offsets(void **state)
{
    static const bad cases[] = {
        {"C1CC", 1, "unclosed ring bond 1"},
        {"[C;X5", 0, "unclosed bracket"},
        {"CC(C", 2, "unclosed branch"},
        {"CC=", 2, "bond at end"},
        {"[#200]", 1, "atomic number"},
        {"C)C", 1, "unbalanced"},
        {"[C;;C]", 3, "empty"},
        {"[C==C]", 2, "unexpected character '='"},
        {"C=1CCCCC#1", 8, "conflicting bonds"},
        {"CC$(C)", 2, "unexpected character"},
        {"[$(C]", 1, "unclosed recursive"},
        {"[C$(N]C", 2, "unclosed recursive"},
        {"=C", 0, "before any atom"},
        {"[33333333333H]", 1, "too large"},
        {"C..C", 2, "empty component"},
        {"[Qq]", 1, "unexpected character 'Q'"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        cordon_query *q = (cordon_query *)1;
        cordon_error err = CORDON_ERROR_INIT;
        int rc = cordon_smarts_compile(
            &q, cases[i].smarts, strlen(cases[i].smarts), NULL, NULL, &err);
        if (rc != CORDON_EPARSE)
            fail_msg("'%s' gave %d, not a parse error", cases[i].smarts, rc);
        assert_null(q);
        if (err.offset != cases[i].offset || !strstr(err.message, cases[i].msg))
            fail_msg("'%s': offset %zu '%s', want %zu '%s'", cases[i].smarts,
                     err.offset, err.message, cases[i].offset, cases[i].msg);
    }
}

static void test_smarts__recursive_offsets_are_absolute(void **state)
{
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    const char *s = "CC[$(NC1)]";
    (void)state;
    assert_int_equal(cordon_smarts_compile(&q, s, strlen(s), NULL, NULL, &err),
                     CORDON_EPARSE);
    /* the ring bond opened at offset 7 inside $(...) is never closed */
    assert_int_equal(err.offset, 7);
    assert_non_null(strstr(err.message, "unclosed ring bond 1 at offset 7"));
}

static void test_smarts__limits(void **state)
{
    cordon_smarts_opts o = CORDON_SMARTS_OPTS_INIT;
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    const char *deep = "[$([$([$([$(C)])])])]";
    (void)state;
    o.max_depth = 3;
    assert_int_equal(
        cordon_smarts_compile(&q, deep, strlen(deep), &o, NULL, &err),
        CORDON_ELIMIT);
    o.max_depth = 4;
    assert_int_equal(
        cordon_smarts_compile(&q, deep, strlen(deep), &o, NULL, &err),
        CORDON_OK);
    cordon_query_free(q);
    o.max_atoms = 3;
    assert_int_equal(cordon_smarts_compile(&q, "CCCC", 4, &o, NULL, &err),
                     CORDON_ELIMIT);
    assert_int_equal(cordon_smarts_compile(&q, "", 0, NULL, NULL, &err),
                     CORDON_EPARSE);
    cordon_query_free(NULL);
}

static void test_smarts__oom_leaks_nothing(void **state)
{
    const char *s = "[$(C(=O)[OH]),$(c1ccccc1)]-,:[N;R1]1CC[C:3]C1.(Cl)";
    long k;
    (void)state;
    for (k = 1; k < 400; k++) {
        unit_alloc u = {k, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_query *q = NULL;
        cordon_error err = CORDON_ERROR_INIT;
        int rc = cordon_smarts_compile(&q, s, strlen(s), NULL, &a, &err);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        if (rc == CORDON_OK)
            assert_int_equal(cordon_query_num_atoms(q), 7);
        cordon_query_free(q);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < k)
            break;
    }
    assert_true(k < 400);
}

/* A long run of '!' must not recurse once per '!' (stack), and an even
 * number of them cancels out. */
static void test_smarts__long_negation_runs(void **state)
{
    size_t n = 100001, i;
    char *s = malloc(n + 4);
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    (void)state;
    assert_non_null(s);
    s[0] = '[';
    for (i = 1; i <= n; i++)
        s[i] = '!';
    s[n + 1] = 'C';
    s[n + 2] = ']';
    assert_int_equal(cordon_smarts_compile(&q, s, n + 3, NULL, NULL, &err),
                     CORDON_OK);
    /* odd: "not aliphatic carbon" implies no element */
    assert_int_equal(cordon_query_atom_elem(q, 0), -1);
    cordon_query_free(q);
    s[1] = '[';
    assert_int_equal(cordon_smarts_compile(&q, s + 1, n + 2, NULL, NULL, &err),
                     CORDON_OK);
    /* even: plain C */
    assert_int_equal(cordon_query_atom_elem(q, 0), 6);
    cordon_query_free(q);
    free(s);
}

static const struct CMUnitTest smarts_tests[] = {
    cmocka_unit_test(test_smarts__long_negation_runs),
    cmocka_unit_test(test_smarts__shape_of_query),
    cmocka_unit_test(test_smarts__atom_maps_label_atoms),
    cmocka_unit_test(test_smarts__element_hints),
    cmocka_unit_test(test_smarts__component_groups),
    cmocka_unit_test(test_smarts__accepts_daylight_and_rdkit_forms),
    cmocka_unit_test(test_smarts__errors_carry_offsets),
    cmocka_unit_test(test_smarts__recursive_offsets_are_absolute),
    cmocka_unit_test(test_smarts__limits),
    cmocka_unit_test(test_smarts__oom_leaks_nothing),
};

CORDON_TEST_MAIN(smarts_tests)

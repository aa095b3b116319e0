/* test_core.c -- statuses, errors, the molecule graph builder and the
 * record reader's framing. */
#include "unit.h"

#include "cordon/reader.h"

static void test_core__status_names(void **state)
{
    (void)state;
    assert_string_equal(cordon_status_str(CORDON_OK), "ok");
    assert_string_equal(cordon_status_str(CORDON_EPARSE), "parse error");
    assert_string_equal(cordon_status_str(-99), "unknown status");
}

static void test_core__element_table(void **state)
{
    (void)state;
    assert_string_equal(cordon_element_symbol(6), "C");
    assert_string_equal(cordon_element_symbol(34), "Se");
    assert_string_equal(cordon_element_symbol(118), "Og");
    assert_string_equal(cordon_element_symbol(119), "");
    assert_int_equal(cordon_element_number("Cl", 2), 17);
    assert_int_equal(cordon_element_number("*", 1), 0);
    assert_int_equal(cordon_element_number("Xx", 2), -1);
}

static void test_core__mol_builder(void **state)
{
    cordon_mol *m;
    int a, b, c, bond;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_add_atom(m, 6, &a), CORDON_OK);
    assert_int_equal(cordon_mol_add_atom(m, 8, &b), CORDON_OK);
    assert_int_equal(cordon_mol_add_atom(m, 7, &c), CORDON_OK);
    assert_int_equal(cordon_mol_add_bond(m, a, b, 1, &bond), CORDON_OK);
    assert_int_equal(cordon_mol_add_bond(m, a, c, 2, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_add_bond(m, a, a, 1, NULL), CORDON_EINVAL);
    assert_int_equal(cordon_mol_add_bond(m, a, 9, 1, NULL), CORDON_EINVAL);
    assert_int_equal(cordon_mol_num_atoms(m), 3);
    assert_int_equal(cordon_mol_num_bonds(m), 2);
    assert_int_equal(cordon_mol_bond_between(m, c, a), 1);
    assert_int_equal(cordon_mol_bond_between(m, b, c), -1);
    assert_int_equal(cordon_mol_set_title(m, "x", 1), CORDON_OK);
    assert_int_equal(cordon_mol_add_prop(m, "k", 1, "v", 1), CORDON_OK);
    assert_string_equal(cordon_mol_prop_value(m, 0), "v");
    cordon_mol_clear(m);
    assert_int_equal(cordon_mol_num_atoms(m), 0);
    assert_string_equal(cordon_mol_title(m), "");
    cordon_mol_free(m);
    cordon_mol_free(NULL);
}

static void test_core__mol_builder_oom_leaks_nothing(void **state)
{
    long n;
    (void)state;
    for (n = 1; n < 40; n++) {
        unit_alloc u = {n, 0, 0};
        cordon_allocator al = unit_allocator(&u);
        cordon_mol *m = NULL;
        int i, rc = cordon_mol_new(&m, &al);
        for (i = 0; rc == CORDON_OK && i < 20; i++)
            rc = cordon_mol_add_atom(m, 6, NULL);
        for (i = 1; rc == CORDON_OK && i < 20; i++)
            rc = cordon_mol_add_bond(m, i - 1, i, 1, NULL);
        if (rc == CORDON_OK)
            rc = cordon_mol_add_prop(m, "key", 3, "value", 5);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
    }
}

static void test_core__reader_frames_smiles_lines(void **state)
{
    static const char text[] =
        "# comment\nCCO ethanol\n\n  c1ccccc1\tbenzene ring \r\n"
        "C |$;$| cx-id\nN\n";
    cordon_reader *r;
    cordon_reader_opts o = CORDON_READER_OPTS_INIT;
    cordon_mol *m;
    size_t len;
    (void)state;
    o.perceive = 0;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(
        cordon_reader_open_mem(&r, text, sizeof text - 1, &o, NULL, NULL),
        CORDON_OK);
    assert_int_equal(cordon_reader_format(r), CORDON_FMT_SMI);
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_text(r, &len), "CCO");
    assert_string_equal(cordon_reader_record_id(r), "ethanol");
    assert_int_equal(cordon_reader_record_line(r), 2);
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_text(r, &len), "c1ccccc1");
    assert_string_equal(cordon_reader_record_id(r), "benzene ring");
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_id(r), "cx-id");
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_id(r), "4");
    assert_int_equal(cordon_reader_record_number(r), 4);
    assert_int_equal(cordon_reader_next(r, m, NULL), CORDON_ENOTFOUND);
    cordon_reader_free(r);
    cordon_mol_free(m);
}

static void test_core__reader_detects_sdf(void **state)
{
    static const char text[] =
        "\n  test\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\n"
        "M  END\n$$$$\nsecond\n  x\n\n  0  0  0  0  0  0  0  0  0  0999 "
        "V2000\nM  END\n$$$$\n";
    cordon_reader *r;
    cordon_mol *m;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(
        cordon_reader_open_mem(&r, text, sizeof text - 1, NULL, NULL, NULL),
        CORDON_OK);
    assert_int_equal(cordon_reader_format(r), CORDON_FMT_SDF);
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_id(r), "1");
    cordon_reader_next(r, m, NULL);
    assert_string_equal(cordon_reader_record_id(r), "second");
    assert_int_equal(cordon_reader_record_line(r), 7);
    assert_int_equal(cordon_reader_next(r, m, NULL), CORDON_ENOTFOUND);
    cordon_reader_free(r);
    cordon_mol_free(m);
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_core__status_names),
    cmocka_unit_test(test_core__element_table),
    cmocka_unit_test(test_core__mol_builder),
    cmocka_unit_test(test_core__mol_builder_oom_leaks_nothing),
    cmocka_unit_test(test_core__reader_frames_smiles_lines),
    cmocka_unit_test(test_core__reader_detects_sdf),
};
CORDON_TEST_MAIN(tests)

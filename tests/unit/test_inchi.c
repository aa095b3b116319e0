/* test_inchi.c -- standard InChI/InChIKey through libinchi: from MOL/SDF
 * records against the InChI project's expected strings, from molecules
 * (0D parities), InChI input, and errors. */
#include <stdio.h>

#include "unit.h"

#include "cordon/inchi.h"
#include "cordon/reader.h"

#define FENTANYL "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"
#define FENTANYL_INCHI                                                         \
    "InChI=1S/C22H28N2O/c1-2-22(25)24(20-11-7-4-8-12-20)21-14-17-23(18-15-"    \
    "21)16-13-19-9-5-3-6-10-19/h3-12,21H,2,13-18H2,1H3"

/* Expected InChI per record of tests/data/molio/mcule40.sdf (InChI project
 * regression reference, v1.06). */
static int load_expected(char exp[][512], int max)
{
    FILE *f = fopen("tests/data/molio/mcule40.expected.tsv", "r");
    char line[4096];
    int n = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) && n < max) {
        char *t1, *t2, *t3;
        if (line[0] == '#')
            continue;
        t1 = strchr(line, '\t');
        t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        assert_non_null(t3);
        *t3 = '\0';
        snprintf(exp[n++], 512, "%s", t2 + 1);
    }
    fclose(f);
    return n;
}

static void test_inchi__molfile_records_match_the_reference(void **state)
{
    static char exp[40][512];
    cordon_reader *r;
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    char buf[2048];
    int n = load_expected(exp, 40), i = 0, same_mol = 0;
    (void)state;
    assert_int_equal(n, 40);
    assert_int_equal(
        cordon_reader_open(&r, "tests/data/molio/mcule40.sdf", NULL, NULL, &e),
        CORDON_OK);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    for (i = 0; i < n; i++) {
        size_t len;
        const char *t;
        int rc = cordon_reader_next(r, m, &e);
        t = cordon_reader_record_text(r, &len);
        /* the molfile route reproduces the reference exactly */
        assert_int_equal(
            cordon_inchi_from_molfile(t, len, 0, buf, sizeof buf, NULL, &e),
            CORDON_OK);
        assert_string_equal(buf, exp[i]);
        /* the molecule route (cordon's perception) agrees on all records
         * cordon reads: record 26 is a neutral pentavalent nitrate that
         * the RDKit valence model rejects */
        if (rc == CORDON_OK &&
            cordon_mol_inchi(m, 0, buf, sizeof buf, NULL, &e) == CORDON_OK &&
            !strcmp(buf, exp[i]))
            same_mol++;
    }
    assert_int_equal(same_mol, 39);
    cordon_mol_free(m);
    cordon_reader_free(r);
}

static void test_inchi__keys_of_real_molecules(void **state)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    char buf[1024], key[CORDON_INCHIKEY_LEN + 1];
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(
        cordon_smiles_read(m, FENTANYL, strlen(FENTANYL), NULL, &e), CORDON_OK);
    assert_int_equal(cordon_mol_inchi(m, 0, buf, sizeof buf, NULL, &e),
                     CORDON_OK);
    assert_string_equal(buf, FENTANYL_INCHI);
    assert_int_equal(cordon_mol_inchikey(m, 0, key, &e), CORDON_OK);
    assert_string_equal(key, "PJMPHNIQZUBGLI-UHFFFAOYSA-N");
    /* dexamfetamine and levamfetamine: same skeleton, other stereo block */
    assert_int_equal(cordon_smiles_read(m, "C[C@H](N)Cc1ccccc1", 18, NULL, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_inchikey(m, 0, key, &e), CORDON_OK);
    assert_string_equal(key, "KWTSXDURSIMDCE-QMMMGPOBSA-N");
    assert_int_equal(cordon_smiles_read(m, "C[C@@H](N)Cc1ccccc1", 19, NULL, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_inchikey(m, 0, key, &e), CORDON_OK);
    assert_string_equal(key, "KWTSXDURSIMDCE-MRVPVSSYSA-N");
    assert_int_equal(cordon_mol_inchikey(m, CORDON_INCHI_NO_STEREO, key, &e),
                     CORDON_OK);
    assert_string_equal(key, "KWTSXDURSIMDCE-UHFFFAOYSA-N");
    assert_int_equal(
        cordon_inchi_key(FENTANYL_INCHI, strlen(FENTANYL_INCHI), key, &e),
        CORDON_OK);
    assert_string_equal(key, "PJMPHNIQZUBGLI-UHFFFAOYSA-N");
    cordon_mol_free(m);
}

static void test_inchi__read_inchi_round_trip(void **state)
{
    static const char *const in[] = {
        FENTANYL_INCHI,
        "InChI=1S/C9H13N/c1-8(10)7-9-5-3-2-4-6-9/h2-6,8H,7,10H2,1H3/t8-/m0/s1",
        "InChI=1S/C9H13N/c1-8(10)7-9-5-3-2-4-6-9/h2-6,8H,7,10H2,1H3/t8-/m1/s1",
        "InChI=1S/C4H8/c1-3-4-2/h3-4H,1-2H3/b4-3+",
        "InChI=1S/C4H8/c1-3-4-2/h3-4H,1-2H3/b4-3-",
        "InChI=1S/C2H4O2/c1-2(3)4/h1H3,(H,3,4)/p-1",
        /* N-oxides come back from the library as N(=O): charge-separated */
        "InChI=1S/C3H9NO/c1-4(2,3)5/h1-3H3",       /* trimethylamine N-oxide */
        "InChI=1S/C5H5NO/c7-6-4-2-1-3-5-6/h1-5H"}; /* pyridine N-oxide */
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    char buf[1024];
    size_t i;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    for (i = 0; i < sizeof in / sizeof in[0]; i++) {
        assert_int_equal(cordon_inchi_read(m, in[i], strlen(in[i]), &e),
                         CORDON_OK);
        assert_int_equal(cordon_mol_inchi(m, 0, buf, sizeof buf, NULL, &e),
                         CORDON_OK);
        assert_string_equal(buf, in[i]);
    }
    cordon_mol_free(m);
}

static void test_inchi__errors(void **state)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    char buf[256], key[CORDON_INCHIKEY_LEN + 1];
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, "*CC", 3, NULL, &e), CORDON_OK);
    assert_int_equal(cordon_mol_inchi(m, 0, buf, sizeof buf, NULL, &e),
                     CORDON_ECHEM);
    assert_non_null(strstr(e.message, "dummy atom"));
    assert_int_equal(
        cordon_smiles_read(m, FENTANYL, strlen(FENTANYL), NULL, &e), CORDON_OK);
    assert_int_equal(cordon_mol_inchi(m, 0, buf, 20, NULL, &e), CORDON_ELIMIT);
    assert_int_equal(cordon_inchi_read(m, "CCO", 3, &e), CORDON_EPARSE);
    assert_int_equal(
        cordon_inchi_read(m, "InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3", 33, &e),
        CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(m), 3);
    assert_int_equal(cordon_inchi_key("InChI=garbage", 13, key, &e),
                     CORDON_EPARSE);
    cordon_mol_free(m);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_inchi__molfile_records_match_the_reference),
    cmocka_unit_test(test_inchi__keys_of_real_molecules),
    cmocka_unit_test(test_inchi__read_inchi_round_trip),
    cmocka_unit_test(test_inchi__errors),
};
CORDON_TEST_MAIN(tests)

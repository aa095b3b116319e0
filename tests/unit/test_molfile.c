/* test_molfile.c -- MOL/SDF reading (V2000, V3000), stereo from
 * coordinates, data items, errors with line numbers, writing and the
 * write/re-read round trip.  Files are in tests/data/molio/ (README.md
 * there gives their sources). */
#include <stdio.h>

#include "unit.h"

#include "cordon/inchi.h"
#include "cordon/molfile.h"
#include "cordon/normalize.h"
#include "cordon/reader.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static cordon_mol *read_file(const char *path)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    size_t n;
    char *s = slurp(path, &n);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    if (cordon_molfile_read(m, s, n, 1, &e) != CORDON_OK)
        fail_msg("%s: %s (line %zu)", path, e.message, e.line);
    free(s);
    return m;
}

static const char ETHANOL_CHG[] =
    "charged\n  test\n\n"
    "  3  2  0  0  0  0  0  0  0  0999 V2000\n"
    "    0.0000    0.0000    0.0000 C   0  3  0  0  0  0  0  0  0  0  0  0\n"
    "    1.2990    0.7500    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
    "    2.5981    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0\n"
    "  1  2  1  0\n"
    "  2  3  1  0\n"
    "M  CHG  1   3  -1\n"
    "M  ISO  1   1  13\n"
    "M  END\n"
    "> <NAME>\nethoxide\n\n"
    "> <NOTE>\nline one\nline two\n\n"
    "$$$$\n";

static void test_molfile__v2000_charges_isotopes_and_data_items(void **state)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(
        cordon_molfile_read(m, ETHANOL_CHG, sizeof ETHANOL_CHG - 1, 1, &e),
        CORDON_OK);
    assert_string_equal(cordon_mol_title(m), "charged");
    assert_int_equal(cordon_mol_num_atoms(m), 3);
    /* the first M  CHG line resets the atom-block charge (+1 on atom 1) */
    assert_int_equal(cordon_mol_atom_charge(m, 0), 0);
    assert_int_equal(cordon_mol_atom_charge(m, 2), -1);
    assert_int_equal(cordon_mol_atom_isotope(m, 0), 13);
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 3);
    assert_int_equal(cordon_mol_atom_hcount(m, 2), 0);
    assert_int_equal(cordon_mol_num_props(m), 2);
    assert_string_equal(cordon_mol_prop_key(m, 0), "NAME");
    assert_string_equal(cordon_mol_prop_value(m, 0), "ethoxide");
    assert_string_equal(cordon_mol_prop_value(m, 1), "line one\nline two");
    cordon_mol_free(m);
}

static void test_molfile__explicit_hydrogens_are_folded(void **state)
{
    /* PubChem record 1 of mols.1000.sdf (all H drawn): the heavy-atom graph
     * with H counts, as RDKit's removeHs gives it */
    cordon_mol *m = read_file("tests/data/molio/pubchem3.sdf");
    int i, heavy = 0;
    (void)state;
    for (i = 0; i < cordon_mol_num_atoms(m); i++)
        heavy += cordon_mol_atom_elem(m, i) > 1;
    assert_int_equal(heavy, cordon_mol_num_atoms(m));
    assert_true(cordon_mol_num_props(m) > 10);
    cordon_mol_free(m);
}

/* Two independent readings of the same record must agree: cordon's stereo
 * perception handed to InChI as 0D parities, and the InChI library's own
 * interpretation of the coordinates and wedges. */
static void assert_same_inchi(const char *path)
{
    cordon_mol *m = read_file(path);
    cordon_error e = CORDON_ERROR_INIT;
    char a[2048], b[2048];
    size_t n;
    char *s = slurp(path, &n);
    assert_int_equal(cordon_mol_inchi(m, 0, a, sizeof a, NULL, &e), CORDON_OK);
    assert_int_equal(cordon_inchi_from_molfile(s, n, 0, b, sizeof b, NULL, &e),
                     CORDON_OK);
    if (strcmp(a, b))
        fail_msg("%s: cordon %s, library %s", path, a, b);
    free(s);
    cordon_mol_free(m);
}

static void test_molfile__tetrahedral_from_wedges_and_3d(void **state)
{
    cordon_mol *m;
    int i, nchiral = 0;
    (void)state;
    assert_same_inchi("tests/data/molio/tetrahedral2D_1.mol");
    assert_same_inchi("tests/data/molio/tetrahedral2D_2.mol");
    assert_same_inchi("tests/data/molio/tetrahedral3D_1.mol");
    m = read_file("tests/data/molio/tetrahedral2D_1.mol");
    for (i = 0; i < cordon_mol_num_atoms(m); i++)
        nchiral += cordon_mol_atom_chirality(m, i) != CORDON_CHI_NONE;
    assert_int_equal(nchiral, 1);
    /* BrC(Cl)(I)F drawn with I wedged up, F hashed: RDKit reads
     * F[C@](Cl)(Br)I, CHI_TETRAHEDRAL_CCW in bond order (Br, Cl, I, F) */
    assert_int_equal(cordon_mol_atom_chirality(m, 1), CORDON_CHI_CCW);
    cordon_mol_free(m);
}

static void test_molfile__double_bond_geometry(void **state)
{
    cordon_mol *m;
    int rb, re;
    (void)state;
    /* C/C=C/C drawn trans (RDKit: C/C=C/C) */
    m = read_file("tests/data/molio/cistrans2D_1.mol");
    assert_int_equal(cordon_mol_bond_stereo(m, 0, &rb, &re),
                     CORDON_BSTEREO_TRANS);
    assert_int_equal(rb, 3);
    assert_int_equal(re, 2);
    cordon_mol_free(m);
    m = read_file("tests/data/molio/cistrans2D_2.mol");
    assert_int_equal(cordon_mol_bond_stereo(m, 0, NULL, NULL),
                     CORDON_BSTEREO_CIS);
    cordon_mol_free(m);
    assert_same_inchi("tests/data/molio/cistrans2D_1.mol");
    assert_same_inchi("tests/data/molio/cistrans2D_2.mol");
    assert_same_inchi("tests/data/molio/cistrans3D_1.mol");
}

static void test_molfile__v3000_records(void **state)
{
    cordon_mol *m = read_file("tests/data/molio/chebi_57262.v3k.mol");
    int i, charged = 0, r1 = -1;
    (void)state;
    assert_int_equal(cordon_mol_num_atoms(m), 22);
    assert_int_equal(cordon_mol_num_bonds(m), 21);
    for (i = 0; i < 22; i++) {
        charged += cordon_mol_atom_charge(m, i) != 0;
        if (cordon_mol_atom_elem(m, i) == 0 && r1 < 0)
            r1 = cordon_mol_atom_isotope(m, i);
    }
    assert_int_equal(charged, 3); /* two O- and one N+ (CHG=) */
    assert_int_equal(r1, 1);      /* "R" with MASS=1, RDKit's [1*] */
    cordon_mol_free(m);
}

/* github8823.sdf: three V3000 records whose first atom is an atom list
 * ("[C,N,O]", a query): each is rejected with its line, the stream goes on */
static void test_molfile__stream_v3000_sdf(void **state)
{
    cordon_reader *r;
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    int n = 0, rc;
    (void)state;
    assert_int_equal(cordon_reader_open(&r, "tests/data/molio/github8823.sdf",
                                        NULL, NULL, &e),
                     CORDON_OK);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    while ((rc = cordon_reader_next(r, m, &e)) != CORDON_ENOTFOUND) {
        n++;
        assert_int_equal(rc, CORDON_EPARSE);
        assert_int_equal(e.line, 8);
        assert_int_equal(e.record, n);
        assert_non_null(strstr(e.message, "atom list"));
    }
    assert_int_equal(n, 3);
    cordon_mol_free(m);
    cordon_reader_free(r);
}

/* Blank lines after the last "$$$$" are not a record (Open Babel's
 * cantest.sdf ends that way). */
static void test_molfile__trailing_blank_lines_are_no_record(void **state)
{
    static const char two[] = "a\n\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\n"
                              "M  END\n$$$$\n"
                              "b\n\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\n"
                              "M  END\n$$$$\n\n\n";
    cordon_reader *r;
    cordon_reader_opts o = CORDON_READER_OPTS_INIT;
    cordon_mol *m;
    int n = 0;
    (void)state;
    o.format = CORDON_FMT_SDF;
    assert_int_equal(
        cordon_reader_open_mem(&r, two, sizeof two - 1, &o, NULL, NULL),
        CORDON_OK);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    while (cordon_reader_next(r, m, NULL) != CORDON_ENOTFOUND)
        n++;
    assert_int_equal(n, 2);
    cordon_mol_free(m);
    cordon_reader_free(r);
}

static void expect_error(const char *text, int status, size_t line,
                         const char *words)
{
    cordon_mol *m;
    cordon_error e = CORDON_ERROR_INIT;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_molfile_read(m, text, strlen(text), 1, &e), status);
    assert_int_equal(e.line, line);
    if (!strstr(e.message, words))
        fail_msg("message '%s' lacks '%s'", e.message, words);
    cordon_mol_free(m);
}

static void test_molfile__errors_carry_line_numbers(void **state)
{
    size_t n;
    char *q = slurp("tests/data/molio/bond-query6.mol", &n);
    (void)state;
    /* V3000 bond 2 has type 5 (single or double): a query */
    expect_error(q, CORDON_EPARSE, 16, "query bond type 5");
    free(q);
    expect_error("t\n\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n"
                 "    0.0000    0.0000    0.0000 C   0  0\n",
                 CORDON_EPARSE, 5, "atom block");
    expect_error("t\n\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n"
                 "    0.0000    0.0000    0.0000 L   0  0\nM  END\n",
                 CORDON_EPARSE, 5, "atom list");
    expect_error("t\n\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n"
                 "    0.0000    0.0000    0.0000 C   0  0\n"
                 "    0.0000    0.0000    0.0000 Xy  0  0\n",
                 CORDON_EPARSE, 6, "element symbol");
    expect_error("t\n\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n"
                 "    0.0000    0.0000    0.0000 C   0  0\n"
                 "    0.0000    0.0000    0.0000 C   0  0\n"
                 "  1  3  1  0\nM  END\n",
                 CORDON_EPARSE, 7, "atom number in bond");
    expect_error("t\n\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n"
                 "    0.0000    0.0000    0.0000 C   0  0\nM  CHG  1   1 abc\n"
                 "M  END\n",
                 CORDON_EPARSE, 6, "property line");
    expect_error("only a title\n", CORDON_EPARSE, 1, "counts line");
}

static void test_molfile__write_and_reread(void **state)
{
    static const char *const smi[] = {
        "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", /* fentanyl */
        "C[C@H](N)Cc1ccccc1",                     /* dexamfetamine */
        "C[S@@](=O)c1ccccc1",
        "[NH4+].[Cl-]",
        "[2H]C([2H])([2H])O",
        "O=[N+]([O-])c1ccccc1",
        "[CH2]"};
    cordon_mol *m, *m2;
    cordon_molfile_writer *w;
    cordon_error e = CORDON_ERROR_INIT;
    char a[1024], b[1024];
    const char *out;
    size_t n, i;
    unsigned v;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_new(&m2, NULL), CORDON_OK);
    assert_int_equal(cordon_molfile_writer_new(&w, NULL), CORDON_OK);
    for (i = 0; i < sizeof smi / sizeof smi[0]; i++)
        for (v = 0; v < 2; v++) {
            unsigned fl = CORDON_MOLFILE_SDF | (v ? CORDON_MOLFILE_V3000 : 0);
            assert_int_equal(
                cordon_smiles_read(m, smi[i], strlen(smi[i]), NULL, &e),
                CORDON_OK);
            assert_int_equal(cordon_mol_add_prop(m, "ID", 2, "x1", 2), 0);
            assert_int_equal(cordon_molfile_write(w, m, fl, &out, &n, &e),
                             CORDON_OK);
            assert_non_null(strstr(out, v ? "V3000" : "V2000"));
            assert_non_null(strstr(out, ">  <ID>\nx1\n\n$$$$\n"));
            assert_int_equal(cordon_molfile_read(m2, out, n, 1, &e), CORDON_OK);
            assert_int_equal(cordon_mol_inchi(m, 0, a, sizeof a, NULL, &e),
                             CORDON_OK);
            assert_int_equal(cordon_mol_inchi(m2, 0, b, sizeof b, NULL, &e),
                             CORDON_OK);
            if (strcmp(a, b))
                fail_msg("%s V%s: %s then %s", smi[i], v ? "3000" : "2000", a,
                         b);
            assert_string_equal(cordon_mol_prop_value(m2, 0), "x1");
        }
    cordon_molfile_writer_free(w);
    cordon_mol_free(m);
    cordon_mol_free(m2);
}

/* Coordinates survive reading, normalising and writing; the wedges the
 * writer chooses give the InChI library the stereo cordon stored. */
static void test_molfile__coordinates_and_wedges_round_trip(void **state)
{
    cordon_reader *r;
    cordon_mol *m, *p;
    cordon_molfile_writer *w;
    cordon_error e = CORDON_ERROR_INIT;
    char a[2048], b[2048];
    const char *out;
    size_t n;
    double xyz[3];
    int nrec = 0;
    (void)state;
    assert_int_equal(
        cordon_reader_open(&r, "tests/data/molio/pubchem3.sdf", NULL, NULL, &e),
        CORDON_OK);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_molfile_writer_new(&w, NULL), CORDON_OK);
    while (cordon_reader_next(r, m, &e) == CORDON_OK) {
        nrec++;
        assert_int_equal(cordon_mol_coord_dim(m), 2);
        assert_int_equal(cordon_mol_normalize(&p, m, CORDON_NORM_PARENT, &e),
                         CORDON_OK);
        assert_int_equal(cordon_mol_coord_dim(p), 2);
        cordon_mol_atom_coords(p, 0, xyz);
        assert_true(xyz[0] != 0.0 || xyz[1] != 0.0);
        assert_int_equal(cordon_molfile_write(w, p, 0, &out, &n, &e),
                         CORDON_OK);
        assert_int_equal(cordon_mol_inchi(p, 0, a, sizeof a, NULL, &e),
                         CORDON_OK);
        assert_int_equal(
            cordon_inchi_from_molfile(out, n, 0, b, sizeof b, NULL, &e),
            CORDON_OK);
        assert_string_equal(a, b);
        cordon_mol_free(p);
    }
    assert_int_equal(nrec, 3);
    /* the last record has two stereocentres */
    assert_non_null(strstr(b, "/t"));
    cordon_molfile_writer_free(w);
    cordon_mol_free(m);
    cordon_reader_free(r);
}

static void test_molfile__out_of_memory_leaks_nothing(void **state)
{
    size_t n;
    char *s = slurp("tests/data/molio/pubchem3.sdf", &n);
    long k;
    (void)state;
    for (k = 1; k < 400; k++) {
        unit_alloc u = {k, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_mol *m;
        int rc;
        if (cordon_mol_new(&m, &a) != CORDON_OK) {
            assert_int_equal(u.live, 0);
            continue;
        }
        rc = cordon_molfile_read(m, s, n, 1, NULL);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
    }
    free(s);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_molfile__v2000_charges_isotopes_and_data_items),
    cmocka_unit_test(test_molfile__explicit_hydrogens_are_folded),
    cmocka_unit_test(test_molfile__tetrahedral_from_wedges_and_3d),
    cmocka_unit_test(test_molfile__double_bond_geometry),
    cmocka_unit_test(test_molfile__v3000_records),
    cmocka_unit_test(test_molfile__stream_v3000_sdf),
    cmocka_unit_test(test_molfile__trailing_blank_lines_are_no_record),
    cmocka_unit_test(test_molfile__errors_carry_line_numbers),
    cmocka_unit_test(test_molfile__write_and_reread),
    cmocka_unit_test(test_molfile__coordinates_and_wedges_round_trip),
    cmocka_unit_test(test_molfile__out_of_memory_leaks_nothing),
};
CORDON_TEST_MAIN(tests)

/* test_perceive_paths.c -- the shortcuts of the SMILES reader and of
 * perception (src/io/smiles_read.c, src/mol/valence.c) give what the
 * general rules give: implicit H of every element against RDKit's valence
 * table, clean-up of groups written before the atoms it changes. */
#include <stdio.h>

#include "mol/perceive_int.h" /* cordon__valence_tab */
#include "unit.h"

/* Atom z (not a bracket atom) with k methyl neighbours: its implicit H are
 * the smallest allowed valence not below k, minus k (RDKit
 * calcImplicitValence); above the largest the molecule is rejected; a
 * list ending in -1 allows any valence, {-1} (metals) gives no H. */
static void test_perceive_paths__implicit_h_every_element(void **state)
{
    int z, k;
    (void)state;
    for (z = 2; z <= 118; z++) {
        const cordon__valence_list *vl = &cordon__valence_tab[z];
        for (k = 0; k <= 4; k++) {
            cordon_mol *m = NULL;
            cordon_error err = CORDON_ERROR_INIT;
            int a, c, j, rc, want = -1;
            for (j = 0; j < vl->n; j++) {
                if (vl->v[j] < 0) {
                    want = 0; /* any higher valence, or no rules */
                    break;
                }
                if (vl->v[j] >= k) {
                    want = vl->v[j] - k;
                    break;
                }
            }
            assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
            assert_int_equal(cordon_mol_add_atom(m, z, &a), CORDON_OK);
            for (j = 0; j < k; j++) {
                assert_int_equal(cordon_mol_add_atom(m, 6, &c), CORDON_OK);
                assert_int_equal(
                    cordon_mol_add_bond(m, a, c, CORDON_BOND_SINGLE, NULL),
                    CORDON_OK);
            }
            rc = cordon_mol_perceive(m, 0, &err);
            if (want < 0) {
                if (rc != CORDON_ECHEM)
                    fail_msg("element %d with %d bonds: status %d, want "
                             "a valence error",
                             z, k, rc);
            } else if (rc != CORDON_OK ||
                       cordon_mol_atom_hcount(m, a) != want) {
                fail_msg("element %d with %d bonds: status %d H %d, want "
                         "H %d (%s)",
                         z, k, rc, cordon_mol_atom_hcount(m, a), want,
                         err.message);
            }
            cordon_mol_free(m);
        }
    }
}

/* Clean-up (RDKit MolOps::cleanUp) changes atoms written before the group's
 * centre; their hydrogens follow the changed charges and bonds. */
static void test_perceive_paths__clean_up_reaches_earlier_atoms(void **state)
{
    cordon_mol *m;
    (void)state;
    m = unit_read_smiles(
        "O=N(=O)c1ccccc1"); /* nitrobenzene: O=[N+]([O-])c1ccccc1 */
    assert_int_equal(cordon_mol_atom_charge(m, 0), -1);
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 0);
    assert_int_equal(cordon_mol_atom_charge(m, 1), 1);
    assert_int_equal(cordon_mol_atom_charge(m, 2), 0);
    assert_int_equal(cordon_mol_bond_order(m, 0), CORDON_BOND_SINGLE);
    cordon_mol_free(m);
    m = unit_read_smiles("OI(=O)=O"); /* iodic acid: [O-][I+2]([O-])O */
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 1);
    assert_int_equal(cordon_mol_atom_charge(m, 1), 2);
    assert_int_equal(cordon_mol_atom_charge(m, 2), -1);
    assert_int_equal(cordon_mol_atom_charge(m, 3), -1);
    cordon_mol_free(m);
    m = unit_read_smiles("CI(C)C"); /* an iodine of valence 3 that stays */
    assert_int_equal(cordon_mol_atom_charge(m, 1), 0);
    assert_int_equal(cordon_mol_atom_hcount(m, 1), 0);
    cordon_mol_free(m);
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_perceive_paths__implicit_h_every_element),
    cmocka_unit_test(test_perceive_paths__clean_up_reaches_earlier_atoms),
};
CORDON_TEST_MAIN(tests)

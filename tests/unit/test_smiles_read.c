/* test_smiles_read.c -- the SMILES reader: atoms, bonds, hydrogens, stereo,
 * errors with offsets, limits and allocation failures.  Expected values
 * were checked against RDKit 2022.09 (MolFromSmiles). */
#include <stdio.h>

#include "unit.h"

static int read_err(const char *smi, cordon_error *err)
{
    cordon_mol *m = NULL;
    int rc;
    cordon_error_clear(err);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    rc = cordon_smiles_read(m, smi, strlen(smi), NULL, err);
    cordon_mol_free(m);
    return rc;
}

/* Space-separated total H counts, as rdkit-compare shows them. */
static void h_counts(const cordon_mol *m, char *out, size_t n)
{
    int i;
    size_t used = 0;
    out[0] = '\0';
    for (i = 0; i < cordon_mol_num_atoms(m) && used + 4 < n; i++)
        used += (size_t)snprintf(out + used, n - used, i ? " %d" : "%d",
                                 cordon_mol_atom_hcount(m, i));
}

static void check_h(const char *smi, const char *want)
{
    char got[256];
    cordon_mol *m = unit_read_smiles(smi);
    h_counts(m, got, sizeof got);
    if (strcmp(got, want))
        fail_msg("%s: H counts %s, want %s", smi, got, want);
    cordon_mol_free(m);
}

static void test_smiles_read__organic_subset_hydrogens(void **state)
{
    (void)state;
    check_h("CC(=O)O", "3 0 0 1");
    check_h("C#N", "1 0");
    check_h("ClC(Br)I", "0 1 0 0");
    check_h("OP(O)(O)=O", "1 0 1 1 0");  /* P valence 5 */
    check_h("CS(C)(=O)=O", "3 0 3 0 0"); /* S valence 6 */
    check_h("B(C)C", "1 3 3");
    check_h("*C", "0 3");
    check_h("c1ccccc1O", "1 1 1 1 1 0 1");
}

static void test_smiles_read__bracket_atoms(void **state)
{
    cordon_mol *m;
    (void)state;
    m = unit_read_smiles("[13CH3:7]C");
    assert_int_equal(cordon_mol_atom_isotope(m, 0), 13);
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 3);
    assert_int_equal(cordon_mol_atom_map(m, 0), 7);
    assert_int_equal(cordon_mol_atom_hcount(m, 1), 3);
    cordon_mol_free(m);
    m = unit_read_smiles("[N++].[O-2].[Fe+3].[Cl-].[NH4+].[C]");
    assert_int_equal(cordon_mol_atom_charge(m, 0), 2);
    assert_int_equal(cordon_mol_atom_charge(m, 1), -2);
    assert_int_equal(cordon_mol_atom_elem(m, 2), 26);
    assert_int_equal(cordon_mol_atom_charge(m, 2), 3);
    assert_int_equal(cordon_mol_atom_charge(m, 3), -1);
    assert_int_equal(cordon_mol_atom_hcount(m, 4), 4);
    assert_int_equal(cordon_mol_atom_hcount(m, 5), 0);
    cordon_mol_free(m);
    /* two-letter symbols win in brackets: Sc, Co, Cn are elements */
    m = unit_read_smiles("[Sc].[Co].[Hg].[se]1cccc1");
    assert_int_equal(cordon_mol_atom_elem(m, 0), 21);
    assert_int_equal(cordon_mol_atom_elem(m, 1), 27);
    assert_int_equal(cordon_mol_atom_elem(m, 2), 80);
    assert_int_equal(cordon_mol_atom_elem(m, 3), 34);
    assert_true(cordon_mol_atom_flags(m, 3) & CORDON_ATOM_AROMATIC);
    cordon_mol_free(m);
}

/* One capital letter in brackets is the element of that symbol, and the
 * letters that are no element are errors: the reader's table agrees with
 * the element table (cordon_element_number). */
static void test_smiles_read__one_letter_bracket_elements(void **state)
{
    char c;
    (void)state;
    for (c = 'A'; c <= 'Z'; c++) {
        char smi[4] = {'[', c, ']', '\0'};
        int z = cordon_element_number(&c, 1);
        cordon_error err;
        if (z < 0) {
            assert_int_equal(read_err(smi, &err), CORDON_EPARSE);
        } else {
            cordon_mol *m = unit_read_smiles(smi);
            if (cordon_mol_atom_elem(m, 0) != z)
                fail_msg("%s: element %d, want %d", smi,
                         cordon_mol_atom_elem(m, 0), z);
            cordon_mol_free(m);
        }
    }
}

/* Organic-subset atoms outside brackets, each letter after each bond
 * symbol and in branches: elements and bond orders as written. */
static void test_smiles_read__organic_atoms_and_bonds(void **state)
{
    cordon_mol *m;
    (void)state;
    m = unit_read_smiles("BrC(Cl)(F)C(=O)C#CP(S)I");
    assert_int_equal(cordon_mol_num_atoms(m), 11);
    assert_int_equal(cordon_mol_atom_elem(m, 0), 35);
    assert_int_equal(cordon_mol_atom_elem(m, 2), 17);
    assert_int_equal(cordon_mol_atom_elem(m, 3), 9);
    assert_int_equal(cordon_mol_atom_elem(m, 5), 8);
    assert_int_equal(cordon_mol_atom_elem(m, 6), 6);
    assert_int_equal(cordon_mol_atom_elem(m, 8), 15);
    assert_int_equal(cordon_mol_atom_elem(m, 9), 16);
    assert_int_equal(cordon_mol_atom_elem(m, 10), 53);
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 4, 5)),
                     CORDON_BOND_DOUBLE);
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 6, 7)),
                     CORDON_BOND_TRIPLE);
    cordon_mol_free(m);
    /* "B" then "r"-less, "C" at the end of the string */
    m = unit_read_smiles("BC");
    assert_int_equal(cordon_mol_atom_elem(m, 0), 5);
    assert_int_equal(cordon_mol_atom_elem(m, 1), 6);
    cordon_mol_free(m);
    m = unit_read_smiles("CB");
    assert_int_equal(cordon_mol_atom_elem(m, 1), 5);
    cordon_mol_free(m);
    /* aromatic next to '*' is aromatic, '*' to aliphatic single */
    m = unit_read_smiles("c1cc*cc1.*C");
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 2, 3)),
                     CORDON_BOND_AROMATIC);
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 6, 7)),
                     CORDON_BOND_SINGLE);
    cordon_mol_free(m);
}

static void test_smiles_read__ring_closures(void **state)
{
    cordon_mol *m;
    (void)state;
    m = unit_read_smiles("C%10CC%10");
    assert_int_equal(cordon_mol_num_bonds(m), 3);
    assert_true(cordon_mol_bond_between(m, 0, 2) >= 0);
    cordon_mol_free(m);
    m = unit_read_smiles("C%(123)CCC%(123)");
    assert_int_equal(cordon_mol_num_bonds(m), 4);
    assert_int_equal(cordon_mol_atom_min_ring(m, 0), 4);
    cordon_mol_free(m);
    /* the order written at the opening digit wins (RDKit) */
    m = unit_read_smiles("C=1CC-1");
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 0, 2)),
                     CORDON_BOND_DOUBLE);
    cordon_mol_free(m);
    m = unit_read_smiles("C1=CC=1");
    assert_int_equal(cordon_mol_bond_order(m, cordon_mol_bond_between(m, 0, 2)),
                     CORDON_BOND_DOUBLE);
    cordon_mol_free(m);
}

static void test_smiles_read__explicit_hydrogens_folded(void **state)
{
    cordon_mol *m;
    (void)state;
    /* removeHs defaults: plain [H] folds into its neighbour */
    m = unit_read_smiles("[H]C([H])([H])[H]");
    assert_int_equal(cordon_mol_num_atoms(m), 1);
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 4);
    cordon_mol_free(m);
    m = unit_read_smiles("C[H+]");
    assert_int_equal(cordon_mol_num_atoms(m), 1);
    cordon_mol_free(m);
    /* kept: isotopic, H-H, lone H, H on a dummy, stereo-defining H */
    check_h("[2H]C", "0 3");
    check_h("[H][H]", "0 0");
    check_h("[H+]", "0");
    check_h("*[H]", "0 0");
    m = unit_read_smiles("[H]/C=C/F");
    assert_int_equal(cordon_mol_num_atoms(m), 4);
    cordon_mol_free(m);
    /* indices after folding follow RDKit's */
    m = unit_read_smiles("[H]OC([H])=O");
    assert_int_equal(cordon_mol_num_atoms(m), 3);
    assert_int_equal(cordon_mol_atom_elem(m, 0), 8);
    assert_int_equal(cordon_mol_atom_hcount(m, 0), 1);
    assert_int_equal(cordon_mol_atom_hcount(m, 1), 1);
    cordon_mol_free(m);
}

/* Chirality with respect to neighbours sorted by element (H first), so
 * that spellings of one stereoisomer compare equal. */
static int norm_chi(const cordon_mol *m, int atom)
{
    int keys[8], n = 0, i, j, inv = 0, chi = cordon_mol_atom_chirality(m, atom);
    if (cordon_mol_atom_hcount(m, atom))
        keys[n++] = 1;
    for (i = 0; i < cordon_mol_atom_degree(m, atom) && n < 8; i++)
        keys[n++] = cordon_mol_atom_elem(m, cordon_mol_atom_nbr(m, atom, i));
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if (keys[i] > keys[j])
                inv++;
    if (inv & 1)
        chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
    return chi;
}

static int chi_of(const char *smi, int elem)
{
    cordon_mol *m = unit_read_smiles(smi);
    int i, r = -1;
    for (i = 0; i < cordon_mol_num_atoms(m); i++)
        if (cordon_mol_atom_chirality(m, i) != CORDON_CHI_NONE &&
            cordon_mol_atom_elem(m, i) == elem)
            r = norm_chi(m, i);
    cordon_mol_free(m);
    assert_true(r == CORDON_CHI_CCW || r == CORDON_CHI_CW);
    return r;
}

static void test_smiles_read__tetrahedral_parity(void **state)
{
    int a;
    (void)state;
    /* groups checked with RDKit canonical SMILES */
    a = chi_of("F[C@H](Cl)Br", 6);
    assert_int_equal(chi_of("[C@@H](F)(Cl)Br", 6), a);
    assert_int_equal(chi_of("F[C@]([H])(Cl)Br", 6), a);
    assert_int_equal(chi_of("F[C@@H](Br)Cl", 6), a);
    assert_int_equal(chi_of("F[C@TH1H](Cl)Br", 6), a);
    assert_int_not_equal(chi_of("[H][C@](F)(Cl)Br", 6), a);
    assert_int_not_equal(chi_of("[C@H](F)(Cl)Br", 6), a);
    assert_int_not_equal(chi_of("Cl[C@H](F)Br", 6), a);
    /* ring-closure neighbours count at the position of the digit */
    a = chi_of("F[C@]1(Cl)CO1", 6);
    assert_int_equal(chi_of("F[C@@]1(CO1)Cl", 6), a);
    assert_int_not_equal(chi_of("F[C@@]1(Cl)CO1", 6), a);
    a = chi_of("O[C@@H]1CCCN1", 6);
    assert_int_equal(chi_of("N1CCC[C@H]1O", 6), a);
    assert_int_equal(chi_of("[C@@H]1(O)CCCN1", 6), a);
}

static int bstereo(const char *smi, int *rb, int *re)
{
    cordon_mol *m = unit_read_smiles(smi);
    int i, s = CORDON_BSTEREO_NONE;
    for (i = 0; i < cordon_mol_num_bonds(m); i++)
        if (cordon_mol_bond_order(m, i) == CORDON_BOND_DOUBLE)
            s = cordon_mol_bond_stereo(m, i, rb, re);
    cordon_mol_free(m);
    return s;
}

static void test_smiles_read__double_bond_stereo(void **state)
{
    int rb, re;
    (void)state;
    assert_int_equal(bstereo("F/C=C/F", &rb, &re), CORDON_BSTEREO_TRANS);
    assert_int_equal(rb, 0);
    assert_int_equal(re, 3);
    assert_int_equal(bstereo("F\\C=C\\F", &rb, &re), CORDON_BSTEREO_TRANS);
    assert_int_equal(bstereo("F/C=C\\F", &rb, &re), CORDON_BSTEREO_CIS);
    assert_int_equal(bstereo("C(/F)=C/F", &rb, &re), CORDON_BSTEREO_CIS);
    assert_int_equal(bstereo("F/C=C/1.F1", &rb, &re), CORDON_BSTEREO_TRANS);
    assert_int_equal(bstereo("C/1=C/F.F1", &rb, &re), CORDON_BSTEREO_CIS);
    assert_int_equal(bstereo("FC=CF", &rb, &re), CORDON_BSTEREO_NONE);
    /* no E/Z in rings below 8 atoms (RDKit); kept in larger rings */
    assert_int_equal(bstereo("C1CCC/C=C/C1", &rb, &re), CORDON_BSTEREO_NONE);
    assert_int_equal(bstereo("C1CCCCC/C=C/CCC1", &rb, &re),
                     CORDON_BSTEREO_TRANS);
}

/* Stereo signature independent of atom order: tetrahedral parity against
 * neighbours sorted by atom map (H first), and cis/trans against the
 * lowest-mapped neighbour on each side; entries sorted by map. */
typedef struct sig_item {
    int key, val;
} sig_item;

static int sig_cmp(const void *x, const void *y)
{
    const sig_item *a = x, *b = y;
    return a->key - b->key;
}

static void stereo_signature(const cordon_mol *m, char *out, size_t n)
{
    sig_item items[256];
    size_t used = 0;
    int i, j, k, ni = 0;
    out[0] = '\0';
    for (i = 0; i < cordon_mol_num_atoms(m) && ni < 256; i++) {
        int keys[8], nk = 0, inv = 0, chi = cordon_mol_atom_chirality(m, i);
        if (chi != CORDON_CHI_CCW && chi != CORDON_CHI_CW)
            continue;
        if (cordon_mol_atom_hcount(m, i))
            keys[nk++] = 0;
        for (k = 0; k < cordon_mol_atom_degree(m, i) && nk < 8; k++)
            keys[nk++] = cordon_mol_atom_map(m, cordon_mol_atom_nbr(m, i, k));
        for (j = 0; j < nk; j++)
            for (k = j + 1; k < nk; k++)
                if (keys[j] > keys[k])
                    inv++;
        if (inv & 1)
            chi = chi == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
        items[ni].key = cordon_mol_atom_map(m, i);
        items[ni++].val = chi;
    }
    for (i = 0; i < cordon_mol_num_bonds(m) && ni < 256; i++) {
        int rb, re, st = cordon_mol_bond_stereo(m, i, &rb, &re), side;
        int ends[2], refs[2], lo, hi;
        if (st != CORDON_BSTEREO_CIS && st != CORDON_BSTEREO_TRANS)
            continue;
        ends[0] = cordon_mol_bond_begin(m, i);
        ends[1] = cordon_mol_bond_end(m, i);
        refs[0] = rb;
        refs[1] = re;
        for (side = 0; side < 2; side++) {
            int x = ends[side], other = ends[1 - side], best = -1;
            for (k = 0; k < cordon_mol_atom_degree(m, x); k++) {
                int y = cordon_mol_atom_nbr(m, x, k);
                if (y != other &&
                    (best < 0 ||
                     cordon_mol_atom_map(m, y) < cordon_mol_atom_map(m, best)))
                    best = y;
            }
            if (best != refs[side])
                st = st == CORDON_BSTEREO_CIS ? CORDON_BSTEREO_TRANS
                                              : CORDON_BSTEREO_CIS;
        }
        lo = cordon_mol_atom_map(m, ends[0]);
        hi = cordon_mol_atom_map(m, ends[1]);
        items[ni].key = 100000 * (lo < hi ? lo : hi) + (lo < hi ? hi : lo);
        items[ni++].val = 10 + st;
    }
    qsort(items, (size_t)ni, sizeof items[0], sig_cmp);
    for (i = 0; i < ni && used + 24 < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%d:%d ", items[i].key,
                                 items[i].val);
}

/* RDKit wrote each molecule of tests/data/smiles/stereo-spellings.smi in
 * several random atom orders (ring-closure '/' '\\', H positions, branch
 * orders); every spelling must give the same stereo. */
static void test_smiles_read__stereo_spellings_agree(void **state)
{
    FILE *f = fopen("tests/data/smiles/stereo-spellings.smi", "r");
    char line[8192], group[64] = "", want[4096], got[4096];
    cordon_mol *m;
    int nlines = 0, nstereo = 0;
    (void)state;
    assert_non_null(f);
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    while (fgets(line, sizeof line, f)) {
        cordon_error err;
        size_t len = strcspn(line, " ");
        char *g = line + len + 1;
        g[strcspn(g, "\r\n")] = '\0';
        if (cordon_smiles_read(m, line, len, NULL, &err) != CORDON_OK)
            fail_msg("%.*s: %s", (int)len, line, err.message);
        stereo_signature(m, got, sizeof got);
        if (strcmp(g, group)) {
            snprintf(group, sizeof group, "%s", g);
            memcpy(want, got, sizeof want);
            if (got[0])
                nstereo++;
        } else if (strcmp(got, want)) {
            fail_msg("%s: %.*s gives '%s', first spelling '%s'", g, (int)len,
                     line, got, want);
        }
        nlines++;
    }
    fclose(f);
    cordon_mol_free(m);
    assert_true(nlines >= 1000);
    assert_true(nstereo >= 200);
}

static void check_error(const char *smi, int status, size_t offset,
                        const char *msg)
{
    cordon_error err;
    int rc = read_err(smi, &err);
    if (rc != status)
        fail_msg("%s: status %d (%s), want %d", smi, rc, err.message, status);
    if (offset != (size_t)-2 && err.offset != offset)
        fail_msg("%s: offset %zu, want %zu (%s)", smi, err.offset, offset,
                 err.message);
    if (msg && !strstr(err.message, msg))
        fail_msg("%s: message '%s' lacks '%s'", smi, err.message, msg);
}

static void test_smiles_read__errors_with_offsets(void **state)
{
    (void)state;
    check_error("C1CCCCC1C2CC", CORDON_EPARSE, 9, "unclosed ring bond 2");
    check_error("CC(C", CORDON_EPARSE, 4, "unclosed branch");
    check_error("CC)C", CORDON_EPARSE, 2, "unmatched ')'");
    check_error("CC=", CORDON_EPARSE, 2, "bond symbol");
    check_error("C..C", CORDON_EPARSE, 2, "'.'");
    check_error("CC.", CORDON_EPARSE, 2, "'.'");
    check_error(".C", CORDON_EPARSE, 0, "'.'");
    check_error("C11", CORDON_EPARSE, 2, "to itself");
    check_error("C1C1", CORDON_EPARSE, 3, "duplicates");
    check_error("C[Xx]", CORDON_EPARSE, 2, "unknown element");
    check_error("CC[CH3", CORDON_EPARSE, 2, "bracket atom");
    check_error("CC(=)C", CORDON_EPARSE, 3, "bond symbol");
    check_error("C()C", CORDON_EPARSE, 1, "empty branch");
    check_error("c1ccccc1X", CORDON_EPARSE, 8, "unexpected character 'X'");
    check_error("C%1C", CORDON_EPARSE, 1, "two digits");
    check_error("C%(12", CORDON_EPARSE, 1, "ring bond number");
    check_error("[O-1000]", CORDON_EPARSE, (size_t)-2, NULL);
    check_error("[C@XY](F)Cl", CORDON_EPARSE, (size_t)-2, NULL);
    check_error("=C", CORDON_EPARSE, 0, NULL);
    check_error("1CC1", CORDON_EPARSE, 0, NULL);
    /* RDKit's rejections of non-standard forms */
    check_error("C((C))", CORDON_EPARSE, 2, "'('");
    check_error("C(1CC1)", CORDON_EPARSE, 2, "ring bond");
    check_error("C1CC(=1)", CORDON_EPARSE, 6, "ring bond");
    check_error("C%00CC%00", CORDON_EPARSE, 1, "two digits");
    check_error("C(.C)", CORDON_EPARSE, 2, "'.'");
    check_error("C(C.)", CORDON_EPARSE, 3, "'.'");
}

static void test_smiles_read__nonstandard_accepted(void **state)
{
    cordon_mol *m;
    (void)state;
    /* accepted by RDKit, so by us */
    m = unit_read_smiles("C(C.C)C");
    assert_int_equal(cordon_mol_num_atoms(m), 4);
    assert_int_equal(cordon_mol_num_bonds(m), 2);
    assert_true(cordon_mol_bond_between(m, 0, 3) >= 0);
    cordon_mol_free(m);
    m = unit_read_smiles("C(/Br)=C\\\\I"); /* escaped backslash */
    assert_int_equal(cordon_mol_num_atoms(m), 4);
    cordon_mol_free(m);
    m = unit_read_smiles("[#6][#7]");
    assert_int_equal(cordon_mol_atom_elem(m, 0), 6);
    assert_int_equal(cordon_mol_atom_elem(m, 1), 7);
    cordon_mol_free(m);
    m = unit_read_smiles("*1ccccc1"); /* a dummy bonds aromatically to c */
    assert_true(cordon_mol_atom_flags(m, 0) & CORDON_ATOM_AROMATIC);
    assert_int_equal(cordon_mol_bond_order(m, 0), CORDON_BOND_AROMATIC);
    cordon_mol_free(m);
    m = unit_read_smiles("C1.C1");
    assert_int_equal(cordon_mol_num_bonds(m), 1);
    cordon_mol_free(m);
}

/* Open Babel's invalid-smiles.txt (tests/data/smiles/README.md): every
 * non-empty line must be rejected with a parse error and an offset. */
static void test_smiles_read__openbabel_invalid_smiles(void **state)
{
    FILE *f = fopen("tests/data/smiles/invalid-smiles.txt", "r");
    char line[4096];
    int n = 0;
    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        cordon_error err;
        size_t len = strcspn(line, " \t\r\n");
        cordon_mol *m;
        int rc;
        if (!len)
            continue;
        assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
        rc = cordon_smiles_read(m, line, len, NULL, &err);
        cordon_mol_free(m);
        if (rc != CORDON_EPARSE || err.offset >= len)
            fail_msg("accepted or bad offset: %s", line);
        n++;
    }
    fclose(f);
    assert_true(n >= 20);
}

static void test_smiles_read__limits(void **state)
{
    cordon_smiles_opts o = CORDON_SMILES_OPTS_INIT;
    cordon_error err;
    cordon_mol *m;
    char deep[4300];
    int i, n = 0;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    o.max_atoms = 5;
    assert_int_equal(cordon_smiles_read(m, "CCCCC", 5, &o, &err), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, "CCCCCC", 6, &o, &err),
                     CORDON_ELIMIT);
    assert_int_equal(err.offset, 5);
    o = (cordon_smiles_opts)CORDON_SMILES_OPTS_INIT;
    for (i = 0; i < 1400; i++) {
        deep[n++] = 'C';
        deep[n++] = '(';
    }
    deep[n++] = 'C';
    for (i = 0; i < 1400; i++)
        deep[n++] = ')';
    assert_int_equal(cordon_smiles_read(m, deep, (size_t)n, &o, &err),
                     CORDON_ELIMIT);
    o.max_branch_depth = 2000;
    assert_int_equal(cordon_smiles_read(m, deep, (size_t)n, &o, &err),
                     CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(m), 1401);
    cordon_mol_free(m);
}

/* Fail every allocation in turn: each run either succeeds or reports
 * ENOMEM, and nothing leaks. */
static void test_smiles_read__allocation_failures(void **state)
{
    const char *smi = "CC(=O)Oc1ccccc1C(=O)O[C@H](F)C1CC2CCC1CC2";
    long k;
    (void)state;
    for (k = 1; k < 200; k++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a;
        cordon_mol *m = NULL;
        cordon_error err;
        int rc;
        u.fail_at = k;
        a = unit_allocator(&u);
        if (cordon_mol_new(&m, &a) != CORDON_OK) {
            assert_int_equal(u.live, 0);
            continue;
        }
        rc = cordon_smiles_read(m, smi, strlen(smi), NULL, &err);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        cordon_mol_free(m);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < k)
            break;
    }
}

static void test_smiles_read__reuse_molecule(void **state)
{
    cordon_mol *m;
    cordon_error err;
    (void)state;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, "c1ccc2ccccc2c1", 14, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, "CCO", 3, NULL, &err), CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(m), 3);
    assert_int_equal(cordon_mol_num_bonds(m), 2);
    assert_false(cordon_mol_atom_flags(m, 0) & CORDON_ATOM_IN_RING);
    assert_int_equal(cordon_smiles_read(m, "CC(", 3, NULL, &err),
                     CORDON_EPARSE);
    assert_int_equal(cordon_smiles_read(m, "C1CC1", 5, NULL, &err), CORDON_OK);
    assert_int_equal(cordon_mol_atom_min_ring(m, 0), 3);
    /* whitespace ends the SMILES (the rest is a title) */
    assert_int_equal(cordon_smiles_read(m, "CN name", 7, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_mol_num_atoms(m), 2);
    cordon_mol_free(m);
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_smiles_read__organic_subset_hydrogens),
    cmocka_unit_test(test_smiles_read__bracket_atoms),
    cmocka_unit_test(test_smiles_read__one_letter_bracket_elements),
    cmocka_unit_test(test_smiles_read__organic_atoms_and_bonds),
    cmocka_unit_test(test_smiles_read__ring_closures),
    cmocka_unit_test(test_smiles_read__explicit_hydrogens_folded),
    cmocka_unit_test(test_smiles_read__tetrahedral_parity),
    cmocka_unit_test(test_smiles_read__double_bond_stereo),
    cmocka_unit_test(test_smiles_read__stereo_spellings_agree),
    cmocka_unit_test(test_smiles_read__errors_with_offsets),
    cmocka_unit_test(test_smiles_read__nonstandard_accepted),
    cmocka_unit_test(test_smiles_read__openbabel_invalid_smiles),
    cmocka_unit_test(test_smiles_read__limits),
    cmocka_unit_test(test_smiles_read__allocation_failures),
    cmocka_unit_test(test_smiles_read__reuse_molecule),
};
CORDON_TEST_MAIN(tests)

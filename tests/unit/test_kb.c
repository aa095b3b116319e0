/*
 * test_kb.c -- the knowledge-base loader, validator, name keys and lookup
 * (src/kb/), on the fixture knowledge bases in tests/data/kb/.
 */
#include "unit.h"

#include <stdio.h>
#include <time.h>

#include "cordon/kb.h"

#define GOOD "tests/data/kb/good"
#define BAD "tests/data/kb/bad"
#define SYNTAX "tests/data/kb/syntax"

static void test_kb__cas_checksum(void **state)
{
    (void)state;
    /* fentanyl, acetylfentanyl, carfentanil, 4-AP, water, ethanol */
    assert_true(cordon_kb_cas_valid("437-38-7", 8));
    assert_true(cordon_kb_cas_valid("3258-84-2", 9));
    assert_true(cordon_kb_cas_valid("59708-52-0", 10));
    assert_true(cordon_kb_cas_valid("23056-29-3", 10));
    assert_true(cordon_kb_cas_valid("7732-18-5", 9));
    assert_true(cordon_kb_cas_valid("64-17-5", 7));
    assert_true(cordon_kb_cas_valid("125541-22-2", 11));
    /* wrong check digit, bad shapes */
    assert_false(cordon_kb_cas_valid("437-38-8", 8));
    assert_false(cordon_kb_cas_valid("3258-84-3", 9));
    assert_false(cordon_kb_cas_valid("437387", 6));
    assert_false(cordon_kb_cas_valid("4-38-7", 6));
    assert_false(cordon_kb_cas_valid("0437-38-7", 9));
    assert_false(cordon_kb_cas_valid("437-3a-7", 8));
    assert_false(cordon_kb_cas_valid("12345678-90-1", 13));
    /* only len bytes count */
    assert_true(cordon_kb_cas_valid("437-38-7xyz", 8));
}

static void assert_same_key(const char *a, const char *b, int forgiving)
{
    char ka[256], kb[256];
    assert_true(cordon_kb_name_key(ka, sizeof ka, a, strlen(a), forgiving) > 0);
    assert_true(cordon_kb_name_key(kb, sizeof kb, b, strlen(b), forgiving) > 0);
    if (strcmp(ka, kb))
        fail_msg("'%s' -> '%s' but '%s' -> '%s'", a, ka, b, kb);
}

static void assert_other_key(const char *a, const char *b, int forgiving)
{
    char ka[256], kb[256];
    cordon_kb_name_key(ka, sizeof ka, a, strlen(a), forgiving);
    cordon_kb_name_key(kb, sizeof kb, b, strlen(b), forgiving);
    if (!strcmp(ka, kb))
        fail_msg("'%s' and '%s' share key '%s'", a, b, ka);
}

static void test_kb__name_keys_strict(void **state)
{
    char k[64];
    (void)state;
    /* controlled-substances.md "name-matching traps": case, spaces,
     * hyphens, Greek letters, o-/m-/p- */
    assert_same_key("Para-Fluoro Fentanyl", "p-fluorofentanyl", 0);
    assert_same_key("para-fluorofentanyl", "p-fluorofentanyl", 0);
    assert_same_key("\xce\xb1-methylfentanyl", "alpha-methylfentanyl", 0);
    assert_same_key("\xce\xb2-hydroxythiofentanyl", "beta-hydroxythiofentanyl",
                    0);
    assert_same_key("ortho-fluorofentanyl", "o-fluorofentanyl", 0);
    assert_same_key("acetyl fentanyl", "acetylfentanyl", 0);
    assert_same_key("4\xe2\x80\x93"
                    "ANPP",
                    "4-anpp", 0);                            /* en dash */
    assert_same_key("2\xe2\x80\xb2-fluoro", "2'-fluoro", 0); /* prime */
    /* N1 keeps the -yl spelling apart and locants apart */
    assert_other_key("butyrfentanyl", "butyryl fentanyl", 0);
    assert_other_key("3-methylfentanyl", "4-methylfentanyl", 0);
    assert_other_key("acetylfentanyl", "benzylfentanyl", 0);
    /* an 'o' inside a word is not ortho */
    assert_int_equal(cordon_kb_name_key(k, sizeof k, "MT-45", 5, 0), 4);
    assert_string_equal(k, "mt45");
    /* Chinese names are left as written */
    cordon_kb_name_key(k, sizeof k, "\xe4\xb8\x81\xe9\x85\xb0\xe8\x8a\xac", 9,
                       0);
    assert_string_equal(k, "\xe4\xb8\x81\xe9\x85\xb0\xe8\x8a\xac");
    /* too small a buffer */
    assert_int_equal(cordon_kb_name_key(k, 4, "fentanyl", 8, 0), -1);
}

static void test_kb__name_keys_forgiving(void **state)
{
    (void)state;
    assert_same_key("butyrfentanyl", "butyryl fentanyl", 1);
    assert_same_key("acrylfentanyl", "acryloylfentanyl", 1);
    assert_same_key("acrylfentanyl", "acryl fentanyl", 1);
    assert_same_key("isobutyrfentanyl", "isobutyrylfentanyl", 1);
    assert_same_key("4-fluorobutyrfentanyl", "4-fluorobutyryl fentanyl", 1);
    assert_same_key("N-[1-(2-phenylethyl)]", "N-(1-(2-phenylethyl))", 1);
    assert_same_key("valeryl fentanyl", "valerfentanyl", 1);
    /* -oyl/-yl are not interchangeable in general: benzoylfentanyl (an
     * N-benzoyl anilide) is not benzylfentanyl (a List I chemical) */
    assert_other_key("benzoylfentanyl", "benzylfentanyl", 1);
    assert_other_key("propionylfentanyl", "propylfentanyl", 1);
    /* isomers with different names stay apart (same formula C21H26N2O) */
    assert_other_key("acetylfentanyl", "benzylfentanyl", 1);
    assert_other_key("butyrfentanyl", "isobutyrylfentanyl", 1);
    assert_other_key("3-methylfentanyl", "alpha-methylfentanyl", 1);
}

static void test_kb__dates(void **state)
{
    int32_t d = 0;
    (void)state;
    assert_int_equal(cordon_kb_parse_date(&d, "2017-06-07", 10, NULL),
                     CORDON_OK);
    assert_int_equal(d, 20170607);
    assert_int_equal(cordon_kb_parse_date(&d, "2020-02-29", 10, NULL),
                     CORDON_OK);
    assert_int_equal(d, 20200229);
    assert_int_equal(cordon_kb_parse_date(&d, "2019-02-29", 10, NULL),
                     CORDON_EPARSE);
    assert_int_equal(cordon_kb_parse_date(&d, "1900-02-29", 10, NULL),
                     CORDON_EPARSE);
    assert_int_equal(cordon_kb_parse_date(&d, "2019-13-01", 10, NULL),
                     CORDON_EPARSE);
    assert_int_equal(cordon_kb_parse_date(&d, "2019-06", 7, NULL),
                     CORDON_EPARSE);
    assert_int_equal(cordon_kb_parse_date(&d, "2019/06/01", 10, NULL),
                     CORDON_EPARSE);
}

static cordon_kb *load_good(void)
{
    cordon_kb *kb = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    if (cordon_kb_load_dir(&kb, GOOD, NULL, &err) != CORDON_OK)
        fail_msg("load %s: %s", GOOD, err.message);
    return kb;
}

static void test_kb__load_fields(void **state)
{
    cordon_kb *kb = load_good();
    const cordon_kb_entry *e;
    (void)state;
    /* 4 provenance + 4 jurisdictions + 5 instruments + 9 listings */
    assert_int_equal(cordon_kb_num_entries(kb), 22);
    e = cordon_kb_find_id(kb, "us-csa1-acetylfentanyl");
    assert_non_null(e);
    assert_string_equal(cordon_kb_entry_type(e), "substance");
    assert_string_equal(cordon_kb_entry_file(e), GOOD "/us/csa.kb");
    assert_int_equal(cordon_kb_entry_line(e), 28);
    assert_string_equal(cordon_kb_entry_field(e, "cas", 0), "3258-84-2");
    assert_null(cordon_kb_entry_field(e, "cas", 1));
    assert_int_equal(cordon_kb_entry_field_count(e, "synonym"), 1);
    assert_string_equal(cordon_kb_entry_field(e, "synonym", 0),
                        "acetyl fentanyl");
    assert_null(cordon_kb_find_id(kb, "us-csa1-nothing"));
    assert_non_null(cordon_kb_find_id(kb, "provenance:" GOOD "/us/csa.kb"));
    /* UK is stored as GB */
    e = cordon_kb_find_id(kb, "GB");
    assert_non_null(e);
    assert_string_equal(cordon_kb_entry_type(e), "jurisdiction");
    cordon_kb_free(kb);
}

static void test_kb__jurisdiction_names(void **state)
{
    cordon_kb *kb = load_good();
    char c[3];
    (void)state;
    assert_true(cordon_kb_jurisdiction(kb, "us", c));
    assert_string_equal(c, "US");
    assert_true(cordon_kb_jurisdiction(NULL, "UK", c)); /* alias of GB */
    assert_string_equal(c, "GB");
    assert_true(cordon_kb_jurisdiction(NULL, "un", c));
    assert_string_equal(c, "UN");
    assert_true(cordon_kb_jurisdiction(kb, "United Kingdom", c));
    assert_string_equal(c, "GB");
    assert_true(cordon_kb_jurisdiction(kb, "CHINA", c));
    assert_string_equal(c, "CN");
    assert_false(cordon_kb_jurisdiction(NULL, "China", c)); /* needs a KB */
    assert_false(cordon_kb_jurisdiction(kb, "XX", c));
    assert_false(cordon_kb_jurisdiction(kb, "Narnia", c));
    cordon_kb_free(kb);
}

static void test_kb__periods_in_force(void **state)
{
    cordon_kb *kb = NULL, *cls = NULL;
    const cordon_kb_entry *e;
    const cordon_kb_period *p;
    (void)state;
    assert_int_equal(
        cordon_kb_load_dir(&cls, "tests/data/kb/class", NULL, NULL), CORDON_OK);
    kb = load_good();
    e = cordon_kb_find_id(cls, "us-csa1-frs");
    assert_string_equal(cordon_kb_entry_type(e), "class");
    /* 83 FR 5188 temporary order from 6 Feb 2018; HALT Act 16 Jul 2025 */
    assert_int_equal(cordon_kb_entry_num_periods(e), 2);
    p = cordon_kb_entry_period(e, 0);
    assert_int_equal(p->from, 20180206);
    assert_int_equal(p->to, 20250715);
    assert_string_equal(p->kind, "temporary");
    assert_string_equal(p->citation, "83 FR 5188");
    assert_string_equal(p->confidence, "V");
    assert_int_equal(p->from_precision, CORDON_KB_DATE_DAY);
    assert_false(cordon_kb_entry_in_force(e, 20180205, &p));
    assert_null(p);
    assert_true(cordon_kb_entry_in_force(e, 20180206, &p));
    assert_string_equal(p->kind, "temporary");
    assert_true(cordon_kb_entry_in_force(e, 20250715, &p));
    assert_string_equal(p->kind, "temporary");
    assert_true(cordon_kb_entry_in_force(e, 20250716, &p));
    assert_string_equal(p->kind, "permanent");
    assert_true(cordon_kb_entry_in_force(e, 20991231, NULL));
    /* partial date "2015-10": from the first of the month */
    e = cordon_kb_find_id(kb, "cn-supp-butyrfentanyl");
    p = cordon_kb_entry_period(e, 0);
    assert_int_equal(p->from, 20151001);
    assert_int_equal(p->from_precision, CORDON_KB_DATE_MONTH);
    assert_int_equal(p->to_precision, CORDON_KB_DATE_NONE);
    assert_false(cordon_kb_entry_in_force(e, 20150930, NULL));
    /* unknown start "?": in force on any date */
    e = cordon_kb_find_id(kb, "us-csa2-fentanyl");
    p = cordon_kb_entry_period(e, 0);
    assert_int_equal(p->from, 0);
    assert_int_equal(p->from_precision, CORDON_KB_DATE_NONE);
    assert_true(cordon_kb_entry_in_force(e, 19000101, NULL));
    cordon_kb_free(kb);
    cordon_kb_free(cls);
}

static void test_kb__covers(void **state)
{
    cordon_kb *kb = load_good();
    (void)state;
    /* inherited from instrument us-csa1 (21 CFR 1308.11(b) clause) */
    assert_int_equal(cordon_kb_entry_covers(
                         kb, cordon_kb_find_id(kb, "us-csa1-acetylfentanyl")),
                     CORDON_KB_COVERS_SALTS | CORDON_KB_COVERS_ISOMERS |
                         CORDON_KB_COVERS_ESTERS | CORDON_KB_COVERS_ETHERS);
    /* the entry's own clause (85 FR 20822: amides, carbamates, salts) */
    assert_int_equal(
        cordon_kb_entry_covers(kb, cordon_kb_find_id(kb, "us-list1-4-ap")),
        CORDON_KB_COVERS_SALTS | CORDON_KB_COVERS_AMIDES |
            CORDON_KB_COVERS_CARBAMATES);
    /* instrument without covers */
    assert_int_equal(
        cordon_kb_entry_covers(kb, cordon_kb_find_id(kb, "us-csa2-fentanyl")),
        0);
    cordon_kb_free(kb);
}

static int lookup_ids(const cordon_kb *kb, const char *q, char *out, size_t cap)
{
    const cordon_kb_entry *hits[16];
    int n = cordon_kb_lookup(kb, q, strlen(q), hits, 16), i;
    size_t used = 0;
    out[0] = '\0';
    for (i = 0; i < n && i < 16; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? " " : "",
                                 cordon_kb_entry_id(hits[i]));
    return n;
}

static void test_kb__lookup(void **state)
{
    cordon_kb *kb = load_good();
    char ids[512];
    (void)state;
    assert_int_equal(lookup_ids(kb, "butyryl fentanyl", ids, sizeof ids), 2);
    assert_string_equal(ids, "cn-supp-butyrfentanyl us-csa1-butyrfentanyl");
    assert_int_equal(lookup_ids(kb, "Acryloyl-Fentanyl", ids, sizeof ids), 1);
    assert_string_equal(ids, "us-csa1-acrylfentanyl");
    assert_int_equal(lookup_ids(kb, "437-38-7", ids, sizeof ids), 1);
    assert_string_equal(ids, "us-csa2-fentanyl");
    assert_int_equal(lookup_ids(kb, " 59708-52-0\n", ids, sizeof ids), 2);
    assert_int_equal(lookup_ids(kb,
                                "\xe4\xb8\x81\xe9\x85\xb0\xe8\x8a\xac"
                                "\xe5\xa4\xaa\xe5\xb0\xbc",
                                ids, sizeof ids),
                     1);
    assert_string_equal(ids, "cn-supp-butyrfentanyl");
    assert_int_equal(lookup_ids(kb, "us-list1-4-ap", ids, sizeof ids), 1);
    /* systematic names are searchable too */
    assert_int_equal(lookup_ids(kb,
                                "N-phenyl-N-[1-(2-phenylethyl)piperidin-4-yl]"
                                "propanamide",
                                ids, sizeof ids),
                     1);
    assert_string_equal(ids, "us-csa2-fentanyl");
    /* a salt name finds the listed base (fallback tier) */
    assert_int_equal(lookup_ids(kb, "fentanyl HCl", ids, sizeof ids), 1);
    assert_string_equal(ids, "us-csa2-fentanyl");
    assert_int_equal(lookup_ids(kb, "citrate", ids, sizeof ids), 0);
    /* instruments are not listings; nonsense finds nothing */
    assert_int_equal(lookup_ids(kb, "us-csa1", ids, sizeof ids), 0);
    assert_int_equal(lookup_ids(kb, "benzylfentanyl", ids, sizeof ids), 0);
    assert_int_equal(lookup_ids(kb, "", ids, sizeof ids), 0);
    /* count without a buffer */
    assert_int_equal(cordon_kb_lookup(kb, "butyrfentanyl", 13, NULL, 0), 2);
    cordon_kb_free(kb);
}

static void test_kb__parse_error_has_file_and_line(void **state)
{
    cordon_kb *kb = (cordon_kb *)1;
    cordon_error err = CORDON_ERROR_INIT;
    (void)state;
    assert_int_equal(cordon_kb_load_dir(&kb, SYNTAX, NULL, &err),
                     CORDON_EPARSE);
    assert_null(kb);
    assert_int_equal(err.status, CORDON_EPARSE);
    assert_int_equal(err.line, 8);
    assert_string_equal(err.rule, "ok-one");
    assert_non_null(strstr(err.message, SYNTAX "/a.kb:8: expected"));
    err = (cordon_error)CORDON_ERROR_INIT;
    assert_int_equal(cordon_kb_load_dir(&kb, "tests/data/kb/none", NULL, &err),
                     CORDON_ENOTFOUND);
}

typedef struct seen {
    int n;
    char text[64][200];
} seen;

static void on_diag(void *ud, const cordon_kb_diag *d)
{
    seen *s = ud;
    if (s->n < 64)
        snprintf(s->text[s->n++], sizeof s->text[0], "%s:%d: %s", d->file,
                 d->line, d->message);
}

static int saw(const seen *s, const char *prefix)
{
    int i;
    for (i = 0; i < s->n; i++)
        if (!strncmp(s->text[i], prefix, strlen(prefix)))
            return 1;
    return 0;
}

static void test_kb__check_reports_problems(void **state)
{
    static seen s;
    int nerr = -1, nwarn = -1;
    (void)state;
    memset(&s, 0, sizeof s);
    assert_int_equal(
        cordon_kb_check(BAD, on_diag, &s, &nerr, &nwarn, NULL, NULL, NULL),
        CORDON_OK);
    assert_int_equal(nerr, 20);
    assert_int_equal(nwarn, 1);
    assert_true(saw(&s, BAD "/b.kb:68: CAS number 3258-84-2: this structure "
                            "is C2H6O, t-seven's is C21H26N2O"));
    assert_true(saw(&s, BAD "/a.kb:19: bad CAS number '437-38-8'"));
    assert_true(saw(&s, BAD "/a.kb:22: period overlaps the one at line 21"));
    assert_true(saw(&s, BAD "/a.kb:41: period ends before it starts"));
    assert_true(saw(&s, BAD "/a.kb:45: formula C2H5O does not match the "
                            "smiles (C2H6O)"));
    assert_true(saw(&s, BAD "/b.kb:7: duplicate id 't-one'"));
    assert_true(saw(&s, BAD "/b.kb:20: name key 'acetylfentanyl'"));
    assert_true(saw(&s, BAD "/b.kb:31: CAS number '437-38-7' also used"));
    /* a class entry may carry the rules engine's keys (limb:) */
    assert_int_equal(cordon_kb_check("tests/data/kb/class", NULL, NULL, &nerr,
                                     &nwarn, NULL, NULL, NULL),
                     CORDON_OK);
    assert_int_equal(nerr, 0);
    /* the clean fixture has no problem */
    assert_int_equal(
        cordon_kb_check(GOOD, NULL, NULL, &nerr, &nwarn, NULL, NULL, NULL),
        CORDON_OK);
    if (nerr) {
        memset(&s, 0, sizeof s);
        cordon_kb_check(GOOD, on_diag, &s, NULL, NULL, NULL, NULL, NULL);
        /* structures fail only when perception is unavailable */
        for (int i = 0; i < s.n; i++)
            if (!strstr(s.text[i], "smiles does not parse"))
                fail_msg("%s", s.text[i]);
    }
}

static void test_kb__oom_leaks_nothing(void **state)
{
    long n;
    (void)state;
    for (n = 1; n < 400; n++) {
        unit_alloc u = {n, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_kb *kb = NULL;
        int rc = cordon_kb_load_dir(&kb, GOOD, &a, NULL);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        cordon_kb_free(kb);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < n)
            break; /* no allocation failed: done */
    }
    assert_true(n > 10 && n < 400);
}

static void test_kb__check_oom_leaks_nothing(void **state)
{
    long n;
    (void)state;
    for (n = 1; n < 2000; n++) {
        unit_alloc u = {n, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        int nerr = -1;
        int rc = cordon_kb_check(BAD, NULL, NULL, &nerr, NULL, NULL, &a, NULL);
        assert_true(rc == CORDON_OK || rc == CORDON_ENOMEM);
        assert_int_equal(u.live, 0);
        if (rc == CORDON_OK && u.count < n)
            break; /* no allocation failed: done */
    }
    assert_true(n > 10 && n < 2000);
}

static void test_kb__builtin_loads_fast(void **state)
{
    cordon_kb *kb = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    clock_t t0 = clock();
    (void)state;
    if (cordon_kb_load_builtin(&kb, NULL, &err) != CORDON_OK)
        fail_msg("built-in knowledge base: %s", err.message);
    /* milliseconds in practice; a generous bound catches quadratic work */
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
    cordon_kb_free(kb);
    cordon_kb_free(NULL);
}

static const struct CMUnitTest kb_tests[] = {
    cmocka_unit_test(test_kb__cas_checksum),
    cmocka_unit_test(test_kb__name_keys_strict),
    cmocka_unit_test(test_kb__name_keys_forgiving),
    cmocka_unit_test(test_kb__dates),
    cmocka_unit_test(test_kb__load_fields),
    cmocka_unit_test(test_kb__jurisdiction_names),
    cmocka_unit_test(test_kb__periods_in_force),
    cmocka_unit_test(test_kb__covers),
    cmocka_unit_test(test_kb__lookup),
    cmocka_unit_test(test_kb__parse_error_has_file_and_line),
    cmocka_unit_test(test_kb__check_reports_problems),
    cmocka_unit_test(test_kb__oom_leaks_nothing),
    cmocka_unit_test(test_kb__check_oom_leaks_nothing),
    cmocka_unit_test(test_kb__builtin_loads_fast),
};

CORDON_TEST_MAIN(kb_tests)

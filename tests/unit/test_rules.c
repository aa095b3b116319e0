/*
 * test_rules.c -- the generic-definition engine and verdicts (src/rules/).
 *
 * test_rules__golden_cases runs tests/data/rules/cases.tsv (one verdict a
 * line) against the built-in knowledge base and prints
 * "rules cases: N passed, N failed".
 */
#include <stdio.h>

#include "unit.h"

#include "cordon/kb.h"
#include "cordon/rules.h"
#include "rules/rules_int.h"

typedef struct fix {
    cordon_kb *kb;
    cordon_rules *rules;
    cordon_verdict *v;
    cordon_mol *mol;
} fix;

static int setup_kb(void **state, const char *dir)
{
    fix *f = calloc(1, sizeof *f);
    cordon_error err = CORDON_ERROR_INIT;
    assert_non_null(f);
    if (dir)
        assert_int_equal(cordon_kb_load_dir(&f->kb, dir, NULL, &err),
                         CORDON_OK);
    else
        assert_int_equal(cordon_kb_load_builtin(&f->kb, NULL, &err), CORDON_OK);
    assert_int_equal(cordon_rules_compile(&f->rules, f->kb, NULL, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_verdict_new(&f->v, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_new(&f->mol, NULL), CORDON_OK);
    *state = f;
    return 0;
}

static int setup_builtin(void **state)
{
    return setup_kb(state, NULL);
}

static int teardown(void **state)
{
    fix *f = *state;
    cordon_mol_free(f->mol);
    cordon_verdict_free(f->v);
    cordon_rules_free(f->rules);
    cordon_kb_free(f->kb);
    free(f);
    return 0;
}

static void eval(fix *f, const char *smi, const char *jur, int32_t date,
                 unsigned flags)
{
    cordon_error err = CORDON_ERROR_INIT;
    const char *j[1];
    j[0] = jur;
    assert_int_equal(cordon_smiles_read(f->mol, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, jur ? j : NULL,
                                           jur ? 1 : 0, date, flags, f->v,
                                           &err),
                     CORDON_OK);
}

static const cordon_result *result_for(fix *f, const char *jur)
{
    int i;
    for (i = 0; i < cordon_verdict_num_results(f->v); i++)
        if (!strcmp(cordon_verdict_result(f->v, i)->jurisdiction, jur))
            return cordon_verdict_result(f->v, i);
    return NULL;
}

/* ---- golden cases ---- */

static int32_t iso_date(const char *s)
{
    int32_t d = 0;
    if (cordon_kb_parse_date(&d, s, strlen(s), NULL))
        return 0;
    return d;
}

/* Checks one case line; returns 1 on pass and prints why on failure. */
static int run_case(fix *f, char *line, int lineno)
{
    char *col[7];
    int n = 0, ok;
    char *p = line, *entry, *limbs;
    char got[512];
    const cordon_result *r;
    cordon_error err = CORDON_ERROR_INIT;
    const char *j[1];
    while (n < 7) {
        col[n++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p++ = '\0';
    }
    if (n < 6) {
        printf("line %d: fewer than 6 columns\n", lineno);
        return 0;
    }
    entry = col[5];
    limbs = strchr(entry, ':');
    if (limbs)
        *limbs++ = '\0';
    if (cordon_smiles_read(f->mol, col[0], strlen(col[0]), NULL, &err)) {
        printf("line %d: %s: %s\n", lineno, col[0], err.message);
        return 0;
    }
    j[0] = col[1];
    if (cordon_rules_evaluate(f->rules, f->mol, j, 1, iso_date(col[2]),
                              CORDON_EVAL_NO_ALERTS, f->v, &err)) {
        printf("line %d: %s\n", lineno, err.message);
        return 0;
    }
    r = cordon_verdict_result(f->v, 0);
    snprintf(got, sizeof got, "%s %s %s:%s",
             cordon_verdict_status_str(r->status),
             r->basis ? cordon_basis_str(r->basis) : "-",
             r->entry_id[0] ? r->entry_id : "-", r->limbs);
    ok = !strcmp(cordon_verdict_status_str(r->status), col[3]) &&
         !strcmp(r->basis ? cordon_basis_str(r->basis) : "-", col[4]) &&
         !strcmp(r->entry_id[0] ? r->entry_id : "-", entry) &&
         !strcmp(r->limbs, limbs ? limbs : "");
    if (!ok)
        printf("line %d: %s %s %s: expected %s %s %s:%s, got %s\n", lineno,
               col[0], col[1], col[2], col[3], col[4], entry,
               limbs ? limbs : "", got);
    return ok;
}

static void run_file(fix *f, const char *path, int min_pass)
{
    FILE *fp = fopen(path, "r");
    char line[2048];
    int lineno = 0, pass = 0, fail = 0;
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp)) {
        size_t len = strlen(line);
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        if (run_case(f, line, lineno))
            pass++;
        else
            fail++;
    }
    fclose(fp);
    printf("rules cases (%s): %d passed, %d failed\n", path, pass, fail);
    assert_true(pass >= min_pass);
    assert_int_equal(fail, 0);
}

static void test_rules__golden_cases(void **state)
{
    run_file(*state, "tests/data/rules/cases.tsv", 85);
}

/* The same cases written in other atom orders (RDKit random SMILES): the
 * verdicts must not depend on the spelling. */
static void test_rules__random_spellings(void **state)
{
    run_file(*state, "tests/data/rules/cases-random.tsv", 170);
}

/* ---- group classes ---- */

/* Classes of the group that hangs on atom `base` through atom `root`. */
static uint32_t classes_of(const char *smi, int base, int root, int *bare)
{
    cordon_mol *m;
    cordon_error err = CORDON_ERROR_INIT;
    int *mark, atoms[64], n = 0, head, i;
    rg_ctx c;
    rg_group g;
    uint32_t cls;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(m, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    mark = calloc((size_t)m->natoms, sizeof *mark);
    atoms[n++] = root;
    mark[root] = 1;
    mark[base] = 2;
    for (head = 0; head < n; head++)
        for (i = 0; i < cordon_mol_atom_degree(m, atoms[head]); i++) {
            int y = cordon_mol_atom_nbr(m, atoms[head], i);
            if (!mark[y]) {
                mark[y] = 1;
                atoms[n++] = y;
            }
        }
    mark[base] = 0;
    c.mol = m;
    c.mark = mark;
    c.stamp = 1;
    g.atoms = atoms;
    g.natoms = n;
    g.nattach = 1;
    g.root[0] = root;
    g.base[0] = base;
    g.order[0] = CORDON_BOND_SINGLE;
    cls = cordon__rg_classify(&c, &g, bare);
    free(mark);
    cordon_mol_free(m);
    return cls;
}

#define HAS(m, c) (((m)&RG_BIT(c)) != 0)

static void test_rules__group_classes(void **state)
{
    uint32_t m;
    int bare = 0;
    (void)state;
    /* base atom 0 is a ring carbon of cyclohexane (C1CCCCC1...) */
    m = classes_of("C1CCCCC1C", 5, 6, NULL);
    assert_true(HAS(m, RG_ALKYL) && !HAS(m, RG_ALKENYL));
    m = classes_of("C1CCCCC1C=C", 5, 6, NULL);
    assert_true(HAS(m, RG_ALKENYL) && !HAS(m, RG_ALKYL));
    m = classes_of("C1CCCCC1OC", 5, 6, NULL);
    assert_true(HAS(m, RG_ALKOXY) && HAS(m, RG_ETHER) && !HAS(m, RG_ESTER));
    m = classes_of("C1CCCCC1O", 5, 6, NULL);
    assert_true(HAS(m, RG_HYDROXY) && !HAS(m, RG_ALKOXY));
    m = classes_of("C1CCCCC1Cl", 5, 6, NULL);
    assert_true(HAS(m, RG_HALO));
    m = classes_of("C1CCCCC1C(F)(F)F", 5, 6, NULL);
    assert_true(HAS(m, RG_HALOALKYL) && !HAS(m, RG_ALKYL));
    m = classes_of("C1CCCCC1N(C)C", 5, 6, NULL);
    assert_true(HAS(m, RG_AMINO));
    m = classes_of("C1CCCCC1[N+](=O)[O-]", 5, 6, NULL);
    assert_true(HAS(m, RG_NITRO) && !HAS(m, RG_AMINO));
    m = classes_of("C1CCCCC1C(=O)OC", 5, 6, NULL);
    assert_true(HAS(m, RG_ALKOXYCARBONYL) && HAS(m, RG_ESTER) &&
                HAS(m, RG_OXYCARBONYL) && HAS(m, RG_ACYL) &&
                !HAS(m, RG_ETHER) && !HAS(m, RG_CARBOXYLIC_ACYL));
    m = classes_of("C1CCCCC1COC", 5, 6, NULL);
    assert_true(HAS(m, RG_ALKOXYALKYL) && HAS(m, RG_ETHER) &&
                !HAS(m, RG_ALKOXY));
    m = classes_of("C1CCCCC1OC(C)=O", 5, 6, NULL);
    assert_true(HAS(m, RG_ACYLOXY) && HAS(m, RG_ESTER) && !HAS(m, RG_ACYL));
    m = classes_of("C1CCCCC1C(C)=O", 5, 6, NULL);
    assert_true(HAS(m, RG_CARBOXYLIC_ACYL) && HAS(m, RG_ACYL) &&
                !HAS(m, RG_ESTER));
    m = classes_of("C1CCCCC1C(=O)O", 5, 6, NULL); /* carboxy */
    assert_false(HAS(m, RG_ACYL) || HAS(m, RG_ESTER));
    m = classes_of("C1CCCCC1C(=O)N", 5, 6, NULL);
    assert_true(HAS(m, RG_CARBAMOYL) && HAS(m, RG_ACYL));
    m = classes_of("C1CCCCC1CCO", 5, 6, NULL); /* 2-hydroxyethyl */
    assert_false(HAS(m, RG_ALKYL) || HAS(m, RG_HYDROXY) || HAS(m, RG_ETHER));
    assert_true(HAS(m, RG_ANY));
    m = classes_of("C1CCCCC1c1ccccc1", 5, 6, &bare);
    assert_true(HAS(m, RG_AROMATIC_MONOCYCLE) && HAS(m, RG_MONOCYCLE) &&
                !HAS(m, RG_HETEROMONOCYCLE) && bare);
    m = classes_of("C1CCCCC1c1cccs1", 5, 6, &bare);
    assert_true(HAS(m, RG_AROMATIC_MONOCYCLE) && HAS(m, RG_HETEROMONOCYCLE));
    m = classes_of("C1CCCCC1C1CCCCC1F", 5, 6, &bare);
    assert_true(HAS(m, RG_MONOCYCLE) && !HAS(m, RG_AROMATIC_MONOCYCLE) &&
                !bare);
    m = classes_of("C1CCCCC1c1ccc2ccccc2c1", 5, 6, NULL); /* naphthyl */
    assert_false(HAS(m, RG_MONOCYCLE));
}

/* ---- API behaviour ---- */

static void test_rules__listed_before_class(void **state)
{
    fix *f = *state;
    const cordon_result *r;
    int i, superseded = 0;
    /* carfentanil: limb C fits, but it is individually listed */
    eval(f, "CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCc2ccccc2)CC1", "US", 20260101,
         0);
    r = result_for(f, "US");
    assert_non_null(r);
    assert_int_equal(r->basis, CORDON_BASIS_LISTED);
    assert_string_equal(r->schedule, "II");
    for (i = 0; i < cordon_verdict_num_findings(f->v); i++) {
        const cordon_finding *x = cordon_verdict_finding(f->v, i);
        if (x->basis == CORDON_BASIS_CLASS) {
            assert_string_equal(x->limbs, "C");
            assert_false(x->primary);
            superseded += x->superseded;
        }
    }
    assert_int_equal(superseded, 1);
}

static void test_rules__explanation_names_atoms(void **state)
{
    fix *f = *state;
    const cordon_result *r;
    const cordon_finding *x;
    int i, seen_r5 = 0, seen_c = 0;
    /* novel: thiophene for R5 (A) and 4-methoxymethyl (C, ether) with an
     * acetyl R1 (E) -- not listed anywhere */
    eval(f, "CC(=O)N(c1ccccc1)C1(COC)CCN(CCc2cccs2)CC1", "US", 20260101, 0);
    r = result_for(f, "US");
    assert_int_equal(r->basis, CORDON_BASIS_CLASS);
    assert_string_equal(r->limbs, "A,C,E");
    x = cordon_verdict_finding(f->v, r->finding);
    assert_true(x->expl >= 0);
    for (i = 0; i < cordon_verdict_expl_num_regions(f->v, x->expl); i++) {
        const cordon_expl_region *g =
            cordon_verdict_expl_region(f->v, x->expl, i);
        if (!strcmp(g->region, "R5")) {
            seen_r5 = 1;
            assert_string_equal(g->change, "replaced");
            assert_string_equal(g->limb, "A");
            assert_string_equal(g->group_class, "monocycle");
            assert_int_equal(g->natoms, 5);
        }
        if (!strcmp(g->region, "R3"))
            assert_int_equal(g->natoms, 6);
    }
    for (i = 0; i < cordon_verdict_expl_num_substs(f->v, x->expl); i++) {
        const cordon_expl_subst *s =
            cordon_verdict_expl_subst(f->v, x->expl, i);
        if (!strcmp(s->region, "R3")) {
            seen_c = 1;
            assert_string_equal(s->group_class, "ether");
            assert_string_equal(s->limb, "C");
            assert_int_equal(s->natoms, 3);
            assert_int_equal(cordon_mol_atom_elem(f->mol, s->attach), 6);
        }
    }
    assert_true(seen_r5 && seen_c);
    assert_non_null(strstr(cordon_verdict_expl_text(f->v, x->expl), "limb C"));
}

static void test_rules__partial_and_similar_alerts(void **state)
{
    fix *f = *state;
    int i, partial = 0, similar = 0;
    double last = 2.0;
    eval(f, "CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(C)CC1", "US", 20260101, 0);
    assert_int_equal(result_for(f, "US")->status, CORDON_NOT_CONTROLLED);
    for (i = 0; i < cordon_verdict_num_alerts(f->v); i++) {
        const cordon_alert *a = cordon_verdict_alert(f->v, i);
        assert_non_null(strstr(a->message, "needs expert review"));
        if (a->kind == CORDON_ALERT_PARTIAL) {
            partial++;
            assert_string_equal(a->entry_id, "us-frs-halt");
        } else {
            similar++;
            assert_true(a->similarity >= 0.55 && a->similarity <= last);
            last = a->similarity;
        }
    }
    assert_int_equal(partial, 1);
    assert_true(similar >= 1 && similar <= 3);
    eval(f, "CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(C)CC1", "US", 20260101,
         CORDON_EVAL_NO_ALERTS);
    assert_int_equal(cordon_verdict_num_alerts(f->v), 0);
    /* China's condition 3 ends with 等: the partial alert says so */
    eval(f, "CCC(=O)N(c1ccccc1)C1(c2ccccc2)CCN(CCc2ccccc2)CC1", "CN", 20260101,
         0);
    for (i = 0, partial = 0; i < cordon_verdict_num_alerts(f->v); i++)
        if (cordon_verdict_alert(f->v, i)->kind == CORDON_ALERT_PARTIAL) {
            partial++;
            assert_non_null(strstr(cordon_verdict_alert(f->v, i)->message,
                                   "limb 3's list ends with 'etc.'"));
        }
    assert_int_equal(partial, 1);
    /* Canada's items cover "derivatives and analogues": the alert says a
     * status determination is needed (reference §2.4) */
    eval(f, "CCC(=O)N(c1ccccc1)C1CCN(CCC2CCCCC2)CC1", "CA", 20260101, 0);
    assert_int_equal(result_for(f, "CA")->status, CORDON_NOT_CONTROLLED);
    assert_true(cordon_verdict_num_alerts(f->v) >= 1);
    assert_non_null(strstr(cordon_verdict_alert(f->v, 0)->message,
                           "requires status determination"));
    /* controlled molecules get no alerts */
    eval(f, "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", "US", 20260101, 0);
    assert_int_equal(cordon_verdict_num_alerts(f->v), 0);
}

static void test_rules__confidence_follows_the_period(void **state)
{
    fix *f = *state;
    const char *novel = "CCC(=O)N(c1ccccc1)C1CCN(CCC2CCCCC2)CC1";
    eval(f, novel, "US", 20190101, 0);
    assert_string_equal(result_for(f, "US")->confidence, "S");
    assert_int_equal(result_for(f, "US")->effective_from, 20180206);
    eval(f, novel, "US", 20250501, 0);
    assert_string_equal(result_for(f, "US")->confidence, "U");
    eval(f, novel, "US", 20250716, 0);
    assert_string_equal(result_for(f, "US")->confidence, "V");
    assert_string_equal(result_for(f, "US")->entry_id, "us-frs-halt");
}

static void test_rules__all_dates_reports_history(void **state)
{
    fix *f = *state;
    int i, temp = 0;
    eval(f, "CCC(=O)N(c1ccccc1)C1CCN(CCC2CCCCC2)CC1", "US", 20260101,
         CORDON_EVAL_ALL_DATES);
    for (i = 0; i < cordon_verdict_num_findings(f->v); i++) {
        const cordon_finding *x = cordon_verdict_finding(f->v, i);
        if (!strcmp(x->entry_id, "us-frs-temporary")) {
            temp = 1;
            assert_false(x->in_force);
            assert_false(x->primary);
            assert_null(x->period);
            assert_true(cordon_kb_entry_num_periods(x->entry) > 5);
        }
    }
    assert_true(temp);
    eval(f, "CCC(=O)N(c1ccccc1)C1CCN(CCC2CCCCC2)CC1", "US", 20260101, 0);
    assert_int_equal(cordon_verdict_num_findings(f->v), 1);
}

static void test_rules__jurisdictions(void **state)
{
    fix *f = *state;
    cordon_error err = CORDON_ERROR_INIT;
    const char *j[3] = {"uk", "XX", "UK"};
    const char *s = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccn2)CC1";
    assert_int_equal(cordon_smiles_read(f->mol, s, strlen(s), NULL, &err), 0);
    assert_int_equal(
        cordon_rules_evaluate(f->rules, f->mol, j, 3, 20260101, 0, f->v, &err),
        CORDON_OK);
    assert_int_equal(cordon_verdict_num_results(f->v), 2); /* UK twice */
    assert_string_equal(cordon_verdict_result(f->v, 0)->jurisdiction, "GB");
    assert_int_equal(cordon_verdict_result(f->v, 0)->basis, CORDON_BASIS_CLASS);
    assert_string_equal(cordon_verdict_result(f->v, 1)->jurisdiction, "XX");
    assert_int_equal(cordon_verdict_result(f->v, 1)->status,
                     CORDON_NOT_CONTROLLED);
    /* NULL: every jurisdiction of the KB, sorted */
    eval(f, s, NULL, 20260101, 0);
    assert_int_equal(cordon_verdict_num_results(f->v),
                     cordon_rules_num_jurisdictions(f->rules));
    assert_non_null(result_for(f, "US"));
    assert_non_null(result_for(f, "CN"));
}

/* The resolved jurisdiction list is cached per verdict: the same names
 * again reuse it, any other list (a prefix, a longer name, another case)
 * is resolved afresh. */
static void test_rules__jurisdiction_list_cache(void **state)
{
    fix *f = *state;
    cordon_error err = CORDON_ERROR_INIT;
    const char *s = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccn2)CC1";
    const char *lists[][2] = {{"US", "CN"},  {"US", "CN"}, {"U", "CN"},
                              {"USA", "CN"}, {"us", "uk"}, {"US", "CN"}};
    const char *want[][2] = {{"US", "CN"},  {"US", "CN"}, {"U", "CN"},
                             {"USA", "CN"}, {"US", "GB"}, {"US", "CN"}};
    int i, k;
    assert_int_equal(cordon_smiles_read(f->mol, s, strlen(s), NULL, &err), 0);
    for (i = 0; i < 6; i++) {
        assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, lists[i], 2,
                                               20260101, 0, f->v, &err),
                         CORDON_OK);
        assert_int_equal(cordon_verdict_num_results(f->v), 2);
        for (k = 0; k < 2; k++) {
            const cordon_result *x = cordon_verdict_result(f->v, k);
            assert_string_equal(x->jurisdiction, want[i][k]);
            /* US, CN and GB list the class; U and USA are unknown */
            assert_int_equal(x->status, strlen(want[i][k]) == 2
                                            ? CORDON_CONTROLLED
                                            : CORDON_NOT_CONTROLLED);
        }
    }
}

static void test_rules__bad_input(void **state)
{
    fix *f = *state;
    cordon_error err = CORDON_ERROR_INIT;
    const char *s = "CCO";
    assert_int_equal(cordon_smiles_read(f->mol, s, 3, NULL, &err), 0);
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 20230230,
                                           0, f->v, &err),
                     CORDON_EINVAL);
    assert_non_null(strstr(err.message, "20230230"));
    assert_int_equal(cordon_verdict_num_results(f->v), 0);
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 20230101,
                                           0x100u, f->v, &err),
                     CORDON_EINVAL);
    /* the date is checked again after a valid one (the verdict keeps the
     * last valid date), and 0 is never valid */
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 20230101,
                                           0, f->v, &err),
                     CORDON_OK);
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 20230230,
                                           0, f->v, &err),
                     CORDON_EINVAL);
    assert_int_equal(
        cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 0, 0, f->v, &err),
        CORDON_EINVAL);
    assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, NULL, 0, 20230101,
                                           0, f->v, &err),
                     CORDON_OK);
    cordon_rules_free(NULL);
    cordon_verdict_free(NULL);
}

static const cordon_finding *listed_finding(fix *f, const char *jur)
{
    const cordon_result *r = result_for(f, jur);
    assert_non_null(r);
    assert_true(r->finding >= 0);
    return cordon_verdict_finding(f->v, r->finding);
}

/* Tetrahedral stereo is compared with a listed stereoisomer: the same one
 * is "identical", its enantiomer a "stereoisomer" (covered by an isomer
 * clause), a substance listed without stereo takes any. */
static void test_rules__stereo_against_listed_stereo(void **state)
{
    fix *f = *state;
    /* levorphanol as the KB writes it, and its enantiomer (dextrorphan) */
    eval(f, "CN1CC[C@]23CCCC[C@H]2[C@H]1Cc1ccc(O)cc13", "US", 20260101, 0);
    assert_string_equal(listed_finding(f, "US")->entry_id,
                        "us-csa2-levorphanol");
    assert_string_equal(listed_finding(f, "US")->match, "identical");
    /* the same, written from another atom (RDKit, rootedAtAtom=17) */
    eval(f, "c1c(O)ccc2c1[C@]13CCN(C)[C@@H]([C@@H]1CCCC3)C2", "US", 20260101,
         0);
    assert_string_equal(listed_finding(f, "US")->match, "identical");
    eval(f, "CN1CC[C@@]23CCCC[C@@H]2[C@@H]1Cc1ccc(O)cc13", "US", 20260101, 0);
    assert_string_equal(listed_finding(f, "US")->match, "stereoisomer");
    /* 3-methylfentanyl is listed without stereo: a cis form is a
     * stereoisomer of it */
    eval(f, "CCC(=O)N(c1ccccc1)[C@@H]1CCN(CCc2ccccc2)C[C@@H]1C", "US", 20260101,
         0);
    assert_string_equal(listed_finding(f, "US")->match, "stereoisomer");
    /* a mixture: the component decides, the match says so */
    eval(f,
         "OCC1OC(OCC2OC(OC3(CO)OC(CO)C(O)C3O)C(O)C(O)C2O)C(O)C(O)C1O."
         "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",
         "US", 20260101, 0);
    assert_string_equal(listed_finding(f, "US")->match, "mixture");
    assert_int_equal(cordon_verdict_num_alerts(f->v), 0);
    /* salt form */
    eval(f, "CCC(=O)N(c1ccccc1)C1CC[NH+](CCc2ccccc2)CC1.[Cl-]", "US", 20260101,
         0);
    assert_string_equal(listed_finding(f, "US")->match, "salt");
}

/* DEA's and China's own listings as a check of the limbs: every listed
 * fentanyl analogue of the knowledge base with a structure must be a member
 * of its jurisdiction's class, except the parent and the reference's
 * derived non-members (controlled-substances.md §2.1: benzylfentanyl,
 * norfentanyl, remifentanil). */
static void class_covers_listed(fix *f, const char *jur, const char *cls,
                                const char *const *outside, int min_members)
{
    const cordon_kb *kb = cordon_rules_kb(f->rules);
    int i, members = 0;
    for (i = 0; i < cordon_kb_num_entries(kb); i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        const char *smi = cordon_kb_entry_field(e, "smiles", 0);
        const char *j = cordon_kb_entry_field(e, "jurisdiction", 0);
        const char *nm = cordon_kb_entry_field(e, "name", 0);
        char low[128];
        size_t k;
        int member = 0, expected_out = 0, x;
        if (!smi || !j || !nm || strcmp(j, jur))
            continue;
        for (k = 0; nm[k] && k + 1 < sizeof low; k++)
            low[k] = (char)(nm[k] >= 'A' && nm[k] <= 'Z' ? nm[k] + 32 : nm[k]);
        low[k] = '\0';
        if (!strstr(low, "fentanyl") && !strstr(low, "fentanil"))
            continue;
        eval(f, smi, jur, 20260101, CORDON_EVAL_ALL_DATES);
        for (x = 0; x < cordon_verdict_num_findings(f->v); x++)
            member |= !strcmp(cordon_verdict_finding(f->v, x)->entry_id, cls);
        for (x = 0; outside[x]; x++)
            expected_out |= !strcmp(cordon_kb_entry_id(e), outside[x]);
        if (member == expected_out)
            printf("%s: %s %s\n", cls, cordon_kb_entry_id(e),
                   member ? "is a member but should not be" : "is no member");
        assert_int_equal(member, !expected_out);
        members += member;
    }
    assert_true(members >= min_members);
}

static void test_rules__listed_fentanyls_are_class_members(void **state)
{
    static const char *const us_out[] = {
        "us-csa2-fentanyl", "us-csa2-norfentanyl", "us-list1-benzylfentanyl",
        "us-csa2-remifentanil", NULL};
    static const char *const cn_out[] = {"cn-nar-fentanyl", NULL};
    class_covers_listed(*state, "US", "us-frs-halt", us_out, 40);
    class_covers_listed(*state, "CN", "cn-frs-class", cn_out, 20);
}

static void test_rules__change_dates(void **state)
{
    fix *f = *state;
    int32_t d[512];
    int n = cordon_rules_change_dates(f->rules, "US", d, 512), i;
    int want[] = {20180206, 20200515, 20230512, 20231130, 20250716};
    size_t k;
    assert_true(n > 5 && n <= 512);
    for (i = 1; i < n; i++)
        assert_true(d[i] > d[i - 1]);
    for (k = 0; k < sizeof want / sizeof want[0]; k++) {
        int found = 0;
        for (i = 0; i < n; i++)
            found |= d[i] == want[k];
        assert_true(found);
    }
    assert_int_equal(cordon_date_next_day(20241231), 20250101);
    assert_int_equal(cordon_date_next_day(20240228), 20240229);
    assert_int_equal(cordon_date_next_day(20230228), 20230301);
    assert_int_equal(cordon_date_next_day(20230231), 0);
}

static void test_rules__structure_for_name(void **state)
{
    fix *f = *state;
    const cordon_kb_entry *e = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_rules_structure_for_name(f->rules, "Fentanyl", 8,
                                                     f->mol, &e, &err),
                     CORDON_OK);
    assert_non_null(e);
    assert_int_equal(cordon_mol_num_atoms(f->mol), 25);
    assert_int_equal(
        cordon_rules_structure_for_name(f->rules, "FRS", 3, f->mol, &e, &err),
        CORDON_ENOTFOUND);
    assert_non_null(e);
    assert_string_equal(cordon_kb_entry_type(e), "class");
}

static void test_rules__atom_order_invariance(void **state)
{
    fix *f = *state;
    const char *forms[] = {"CCC(=O)N(c1ccc(C)cc1)C1CCN(CCc2cccs2)CC1OC",
                           "COC1CN(CCc2cccs2)CCC1N(C(=O)CC)c1ccc(C)cc1",
                           "c1(C)ccc(N(C2C(OC)CN(CCc3sccc3)CC2)C(CC)=O)cc1"};
    size_t k;
    for (k = 0; k < 3; k++) {
        const cordon_result *r;
        eval(f, forms[k], "US", 20260101, 0);
        r = result_for(f, "US");
        assert_int_equal(r->basis, CORDON_BASIS_CLASS);
        assert_string_equal(r->limbs, "A,C,D");
    }
}

/* ---- compile errors and allocation failures (small KB) ---- */

static void test_rules__bad_class_is_an_error(void **state)
{
    cordon_kb *kb;
    cordon_rules *r = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    (void)state;
    assert_int_equal(
        cordon_kb_load_dir(&kb, "tests/data/rules/kb-bad-class", NULL, &err),
        CORDON_OK);
    assert_int_equal(cordon_rules_compile(&r, kb, NULL, NULL, &err),
                     CORDON_EKB);
    assert_null(r);
    assert_string_equal(err.rule, "t-frs");
    assert_non_null(strstr(err.message, "sulfonyl"));
    cordon_kb_free(kb);
}

static void test_rules__out_of_memory(void **state)
{
    cordon_kb *kb;
    cordon_error err = CORDON_ERROR_INIT;
    const char *s = "CCC(=O)N(c1ccccc1)C1CCN(CCc2cccs2)CC1C.Cl";
    long n;
    int ok = 0;
    (void)state;
    assert_int_equal(
        cordon_kb_load_dir(&kb, "tests/data/rules/kb-small", NULL, &err),
        CORDON_OK);
    for (n = 1; n < 400 && !ok; n++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_rules *r = NULL;
        cordon_verdict *v = NULL;
        cordon_mol *m = NULL;
        int rc;
        u.fail_at = n;
        rc = cordon_rules_compile(&r, kb, NULL, &a, &err);
        if (rc == CORDON_OK)
            rc = cordon_verdict_new(&v, &a);
        if (rc == CORDON_OK)
            rc = cordon_mol_new(&m, NULL);
        if (rc == CORDON_OK)
            rc = cordon_smiles_read(m, s, strlen(s), NULL, &err);
        if (rc == CORDON_OK)
            rc = cordon_rules_evaluate(r, m, NULL, 0, 20260101, 0, v, &err);
        if (rc == CORDON_OK) {
            ok = 1;
            assert_int_equal(cordon_verdict_result(v, 0)->basis,
                             CORDON_BASIS_CLASS);
            assert_string_equal(cordon_verdict_result(v, 0)->limbs, "A,C");
        } else {
            assert_int_equal(rc, CORDON_ENOMEM);
        }
        cordon_mol_free(m);
        cordon_verdict_free(v);
        cordon_rules_free(r);
        assert_int_equal(u.live, 0);
    }
    assert_true(ok);
    cordon_kb_free(kb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rules__golden_cases, setup_builtin,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rules__random_spellings,
                                        setup_builtin, teardown),
        cmocka_unit_test(test_rules__group_classes),
        cmocka_unit_test_setup_teardown(test_rules__listed_before_class,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__explanation_names_atoms,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__partial_and_similar_alerts,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(
            test_rules__confidence_follows_the_period, setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__all_dates_reports_history,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__jurisdiction_list_cache,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__jurisdictions,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__bad_input, setup_builtin,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_rules__stereo_against_listed_stereo, setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(
            test_rules__listed_fentanyls_are_class_members, setup_builtin,
            teardown),
        cmocka_unit_test_setup_teardown(test_rules__change_dates, setup_builtin,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rules__structure_for_name,
                                        setup_builtin, teardown),
        cmocka_unit_test_setup_teardown(test_rules__atom_order_invariance,
                                        setup_builtin, teardown),
        cmocka_unit_test(test_rules__bad_class_is_an_error),
        cmocka_unit_test(test_rules__out_of_memory),
    };
    const char *flt = getenv("CORDON_TEST_FILTER");
    if (flt && *flt)
        cmocka_set_test_filter(flt);
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}

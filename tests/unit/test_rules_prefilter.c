/*
 * test_rules_prefilter.c -- the rules prefilters (docs/rules.md §2.1) are
 * necessary conditions: with them a definition embeds exactly when it
 * embeds without them, and a definition's sub-anchor embeds whenever the
 * definition does.
 */
#include <stdio.h>

#include "unit.h"

#include "cordon/kb.h"
#include "cordon/smiles.h"
#include "rules/verdict_int.h"

/* Members and near misses of the built-in classes (fentanyl-related
 * substances, 4-AP and 4-piperidone clauses), esters and ethers of listed
 * opiates, and molecules that match nothing. */
static const char *const smiles[] = {
    "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",          /* fentanyl */
    "COC(=O)C1(N(C(=O)CC)c2ccccc2)CCN(CCc2ccccc2)CC1", /* carfentanil */
    "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",           /* acetylfentanyl */
    "CCC(=O)N(c1ccccc1F)C1CCN(CCc2ccccc2)CC1",      /* ortho-fluorofentanyl */
    "CCC(=O)N(c1ccccc1)C1CCNCC1",                   /* norfentanyl */
    "c1ccc(NC2CCN(CCc3ccccc3)CC2)cc1",              /* 4-ANPP */
    "c1ccc(NC2CCNCC2)cc1",                          /* 4-AP */
    "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1",            /* 1-boc-4-AP */
    "O=C1CCNCC1",                                   /* 4-piperidone */
    "CC(C)(C)OC(=O)N1CCC(=O)CC1",                   /* 1-boc-4-piperidone */
    "O=C(CCCN1CCC(O)(c2ccc(Cl)cc2)CC1)c1ccc(F)cc1", /* haloperidol */
    "C1CCNCC1",                                     /* piperidine */
    "CN1CC[C@]23c4c5ccc(O)c4O[C@H]2[C@@H](O)C=C[C@H]3[C@H]1C5", /* morphine */
    "CC(=O)Oc1ccc2C[C@H]3N(C)CC[C@@]45[C@@H](Oc1c24)[C@@H](OC(C)=O)C=C[C@@H]35",
    "CCOc1ccc2C[C@H]3N(C)CC[C@@]45[C@@H](Oc1c24)[C@@H](O)C=C[C@@H]35",
    "CC(=O)Nc1ccc(O)cc1",            /* paracetamol */
    "Cn1cnc2c1c(=O)n(C)c(=O)n2C",    /* caffeine */
    "CC(=O)Oc1ccccc1C(=O)O",         /* aspirin */
    "c1ccccc1",                      /* benzene */
    "CN1CCC(CC1)N(C(=O)CC)c1ccccc1", /* N-methyl norfentanyl */
    "CCC(=O)N(c1ccccc1)C1CCN(CC1)C", /* same, other atom order */
    "OCCCCO",                        /* 1,4-butanediol */
    "CC(=O)OCCCCOC(C)=O",            /* its diacetate */
};

typedef struct fix {
    cordon_kb *kb;
    cordon_rules *rules;
    cordon_mol *mol;
    ev_scratch sc;
    ev_result res;
    unsigned char *frag;
} fix;

static int setup(void **state)
{
    fix *f = calloc(1, sizeof *f);
    cordon_error err = CORDON_ERROR_INIT;
    assert_non_null(f);
    assert_int_equal(cordon_kb_load_builtin(&f->kb, NULL, &err), CORDON_OK);
    assert_int_equal(cordon_rules_compile(&f->rules, f->kb, NULL, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_mol_new(&f->mol, NULL), CORDON_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fix *f = *state;
    cordon__ev_result_free(NULL, &f->res);
    cordon__ev_free(&f->sc);
    free(f->frag);
    cordon_mol_free(f->mol);
    cordon_rules_free(f->rules);
    cordon_kb_free(f->kb);
    free(f);
    return 0;
}

static void load(fix *f, const char *smi)
{
    cordon_error err = CORDON_ERROR_INIT;
    int salt, stereo;
    assert_int_equal(cordon_smiles_read(f->mol, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    free(f->frag);
    f->frag = malloc((size_t)f->mol->natoms + 1);
    assert_non_null(f->frag);
    assert_int_equal(cordon__ev_reserve(&f->sc, f->mol->natoms), CORDON_OK);
    assert_true(cordon__parent_fragment(f->mol, f->frag, f->sc.queue, &salt,
                                        &stereo) > 0);
    f->sc.frag = f->frag;
    f->sc.date = 20261129;
    f->sc.max_steps = 1000000;
    f->sc.max_embeddings = 64;
    f->sc.prepared = 0;
}

/* Evaluates d with the prefilters (filtered = 1) or with the type counts
 * made unlimited (every count test passes); returns matched, and the
 * outcome in *out. */
static int run(fix *f, const rc_def *d, int filtered, ev_result *out)
{
    int k;
    f->sc.steps = 0;
    cordon__rc_prepare(&f->sc, f->mol);
    if (!filtered) {
        for (k = 0; k < RC_NCOUNT_PAD; k++)
            f->sc.counts.n[k] = UINT16_MAX;
        f->sc.counts.ge[0] = f->sc.counts.ge[1] = f->sc.counts.ge[2] =
            ~(uint64_t)0;
    }
    assert_int_equal(cordon__rc_evaluate(d, f->mol, &f->sc, &f->res),
                     CORDON_OK);
    if (out)
        assert_int_equal(cordon__ev_result_copy(NULL, out, &f->res), CORDON_OK);
    return f->res.matched;
}

static void same_outcome(fix *f, const rc_def *d, const char *smi)
{
    ev_result a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    run(f, d, 1, &a);
    run(f, d, 0, &b);
    if (a.matched != b.matched || a.uncovered != b.uncovered ||
        a.ndiff != b.ndiff || a.limbs != b.limbs)
        fail_msg("%s: prefiltered %d/%d/%d/%x, unfiltered %d/%d/%d/%x", smi,
                 a.matched, a.uncovered, a.ndiff, a.limbs, b.matched,
                 b.uncovered, b.ndiff, b.limbs);
    cordon__ev_result_free(NULL, &a);
    cordon__ev_result_free(NULL, &b);
}

static void test_rules_prefilter__class_outcomes_unchanged(void **state)
{
    fix *f = *state;
    size_t i;
    int j, members = 0, rejected = 0;
    for (i = 0; i < sizeof smiles / sizeof *smiles; i++) {
        load(f, smiles[i]);
        for (j = 0; j < f->rules->ndefs; j++) {
            const rc_def *d = &f->rules->defs[j];
            same_outcome(f, d, smiles[i]);
            cordon__rc_prepare(&f->sc, f->mol);
            rejected += !cordon__rc_may_embed(d, &f->sc.counts);
            members += run(f, d, 1, NULL) && !f->res.uncovered;
        }
    }
    /* the test set exercises both sides of the filter */
    assert_true(members > 0);
    assert_true(rejected > 0);
}

static void test_rules_prefilter__derivative_outcomes_unchanged(void **state)
{
    fix *f = *state;
    size_t i;
    int u, matched = 0;
    assert_non_null(f->rules->deriv);
    for (i = 0; i < sizeof smiles / sizeof *smiles; i++) {
        load(f, smiles[i]);
        for (u = 0; u < f->rules->nuniq; u++)
            if (f->rules->deriv[u]) {
                same_outcome(f, f->rules->deriv[u], smiles[i]);
                matched += run(f, f->rules->deriv[u], 1, NULL);
            }
    }
    assert_true(matched > 0); /* heroin, ethylmorphine, the diacetate */
}

/* A sub-anchor embeds wherever the definition's anchor does; the
 * 4-piperidone clause's piperidine is the fentanyl anchor's sub-anchor. */
static void test_rules_prefilter__sub_anchor_is_contained(void **state)
{
    fix *f = *state;
    size_t i;
    int j, have_sub = 0;
    for (j = 0; j < f->rules->ndefs; j++)
        have_sub += f->rules->defs[j].sub_anchor >= 0;
    assert_true(have_sub > 0);
    for (i = 0; i < sizeof smiles / sizeof *smiles; i++) {
        load(f, smiles[i]);
        for (j = 0; j < f->rules->ndefs; j++) {
            const rc_def *d = &f->rules->defs[j];
            if (d->sub_anchor < 0 || !run(f, d, 0, NULL))
                continue;
            if (!run(f, &f->rules->defs[d->sub_anchor], 0, NULL))
                fail_msg("%s: definition %d embeds, its sub-anchor %d not",
                         smiles[i], j, d->sub_anchor);
        }
    }
}

/* cordon__rc_prepare_parent (one pass, connectivity from each heavy atom's
 * first neighbour, union-find otherwise) agrees with
 * cordon__parent_fragment + cordon__rc_prepare: on one fragment the same
 * atoms, salt and stereo flags, type codes and counts; -1 on several. */
static void test_rules_prefilter__prepare_parent_agrees(void **state)
{
    fix *f = *state;
    static const char *const extra[] = {
        "[H]C(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", /* H atom first */
        "[2H]OC1CCN(C)CC1",                        /* deuterium */
        "C(C1CCNCC1)([H])Cl",                      /* H inside */
        "C1CC.C1",                                 /* one, bonded across '.' */
        "CCN.Cl",                                  /* salt */
        "[Na+].[O-]C(=O)c1ccccc1",                 /* salt, counter-ion first */
        "C[N+](C)(C)CC(=O)[O-]",                   /* zwitterion */
        "C/C=C/C(=O)N1CCCCC1",                     /* E double bond */
        "C[C@H](N)C(=O)O",                         /* tetrahedral */
        "[H][H]",                                  /* no heavy atom */
        "[Cl-]",                                   /* one atom */
    };
    size_t i, n = sizeof smiles / sizeof *smiles;
    int several = 0;
    for (i = 0; i < n + sizeof extra / sizeof *extra; i++) {
        const char *smi = i < n ? smiles[i] : extra[i - n];
        cordon_error err = CORDON_ERROR_INIT;
        unsigned char *fa, *codes;
        rc_counts counts;
        int k, na, nb, salt_a, salt_b, st_a, st_b;
        assert_int_equal(
            cordon_smiles_read(f->mol, smi, strlen(smi), NULL, &err),
            CORDON_OK);
        na = f->mol->natoms;
        fa = malloc((size_t)na + 1);
        codes = malloc((size_t)na + 1);
        free(f->frag);
        f->frag = malloc((size_t)na + 1);
        assert_true(fa && codes && f->frag);
        assert_int_equal(cordon__ev_reserve(&f->sc, na), CORDON_OK);
        f->sc.frag = f->frag;
        nb = cordon__rc_prepare_parent(&f->sc, f->mol, f->frag, &salt_b, &st_b);
        memcpy(codes, f->sc.acode, (size_t)na);
        counts = f->sc.counts;
        memcpy(fa, f->frag, (size_t)na);
        f->sc.prepared = 0;
        k = cordon__parent_fragment(f->mol, f->frag, f->sc.queue, &salt_a,
                                    &st_a);
        if (nb < 0) {
            /* several fragments: the caller falls back */
            several += 1;
            for (k = 0; k < na && f->frag[k]; k++)
                ;
            assert_true(k < na || na == 0);
            free(fa);
            free(codes);
            continue;
        }
        assert_int_equal(nb, k);
        if (!nb) {
            free(fa);
            free(codes);
            continue;
        }
        assert_memory_equal(fa, f->frag, (size_t)na);
        assert_int_equal(salt_a, salt_b);
        assert_int_equal(st_a, st_b);
        cordon__rc_prepare(&f->sc, f->mol);
        assert_memory_equal(codes, f->sc.acode, (size_t)na);
        assert_memory_equal(counts.n, f->sc.counts.n, sizeof counts.n);
        for (k = 0; k < 3; k++)
            assert_true(counts.ge[k] == f->sc.counts.ge[k]);
        free(fa);
        free(codes);
    }
    assert_int_equal(several, 2); /* the two salts */
}

/* Entries with the same SMILES text in several jurisdictions share one
 * compiled molecule (rules.c): each still gives its own listed finding,
 * and compiling under every allocation failure leaks nothing and frees
 * the shared molecule once. */
static void test_rules_prefilter__shared_structures(void **state)
{
    static const char kb_text[] =
        "[provenance]\nsource: test\nextracted-by: rules\n"
        "extracted-on: 2026-11-29\n\n"
        "[instrument t-us]\njurisdiction: US\ntitle: t\ncitation: t\n"
        "schedule: II\n\n"
        "[instrument t-cn]\njurisdiction: CN\ntitle: t\ncitation: t\n"
        "schedule: I\n\n"
        "[substance us-fentanyl]\njurisdiction: US\ninstrument: t-us\n"
        "schedule: II\nname: fentanyl\n"
        "smiles: CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1\n"
        "structure-source: t\ncovers: salts\n"
        "period: 1970-01-01.. | permanent | t | V\ncitation: t\n"
        "confidence: V\n\n"
        "[substance cn-fentanyl]\njurisdiction: CN\ninstrument: t-cn\n"
        "schedule: I\nname: fentanyl\n"
        "smiles: CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1\n"
        "structure-source: t\ncovers: salts\n"
        "period: 1970-01-01.. | permanent | t | V\ncitation: t\n"
        "confidence: V\n\n"
        "[substance cn-sufentanil]\njurisdiction: CN\ninstrument: t-cn\n"
        "schedule: I\nname: sufentanil\n"
        "smiles: CCC(=O)N(c1ccccc1)C1(COC)CCN(CCc2cccs2)CC1\n"
        "structure-source: t\ncovers: salts\n"
        "period: 1970-01-01.. | permanent | t | V\ncitation: t\n"
        "confidence: V\n";
    const char *smi = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.Cl";
    fix *f = *state;
    cordon_kb *kb;
    cordon_error err = CORDON_ERROR_INIT;
    long n;
    int ok = 0;
    assert_int_equal(cordon_kb_load_buffer(&kb, "t.kb", kb_text,
                                           sizeof kb_text - 1, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_smiles_read(f->mol, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    /* every allocation of a full compilation fails once (without the
     * SMILES table the entries are compiled one by one), then none */
    for (n = 1; !ok; n++) {
        unit_alloc u = {0, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_rules *r = NULL;
        cordon_verdict *v = NULL;
        u.fail_at = n > 5000 ? 0 : n;
        if (cordon_rules_compile(&r, kb, NULL, &a, &err) == CORDON_OK &&
            !u.fail_at) {
            const cordon_result *us, *cn;
            ok = 1;
            assert_int_equal(r->nlisted, 3);
            assert_true(r->listed[0].mol == r->listed[1].mol);
            assert_true(r->listed[0].mol != r->listed[2].mol);
            assert_int_equal(cordon_verdict_new(&v, NULL), CORDON_OK);
            assert_int_equal(
                cordon_rules_evaluate(r, f->mol, NULL, 0, 20260101, 0, v, &err),
                CORDON_OK);
            assert_int_equal(cordon_verdict_num_results(v), 2);
            cn = cordon_verdict_result(v, 0);
            us = cordon_verdict_result(v, 1);
            assert_string_equal(cn->jurisdiction, "CN");
            assert_string_equal(us->jurisdiction, "US");
            assert_int_equal(cn->basis, CORDON_BASIS_LISTED);
            assert_int_equal(us->basis, CORDON_BASIS_LISTED);
            assert_string_equal(cn->entry_id, "cn-fentanyl");
            assert_string_equal(us->entry_id, "us-fentanyl");
            cordon_verdict_free(v);
        } else if (!u.fail_at || u.count < n) {
            n = 5000; /* no allocation left to fail: the plain run next */
        }
        cordon_rules_free(r);
        assert_int_equal(u.live, 0);
    }
    assert_true(ok);
    cordon_kb_free(kb);
}

/* The verdict reuses the last jurisdiction list's resolution only for the
 * same names and rules: alternating lists give each its own results. */
static void test_rules_prefilter__jurisdiction_lists_alternate(void **state)
{
    fix *f = *state;
    static const char *const a[] = {"us"}, *const b[] = {"CN", "UK", "XX"},
                             *const c[] = {"US", "us"};
    static const struct {
        const char *const *jurs;
        int n, nres;
        const char *first, *last;
    } runs[] = {{a, 1, 1, "US", "US"}, {b, 3, 3, "CN", "XX"},
                {a, 1, 1, "US", "US"}, {c, 2, 1, "US", "US"},
                {b, 3, 3, "CN", "XX"}, {b, 3, 3, "CN", "XX"}};
    const char *smi = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"; /* fentanyl */
    cordon_verdict *v;
    cordon_error err = CORDON_ERROR_INIT;
    size_t i;
    assert_int_equal(cordon_verdict_new(&v, NULL), CORDON_OK);
    assert_int_equal(cordon_smiles_read(f->mol, smi, strlen(smi), NULL, &err),
                     CORDON_OK);
    for (i = 0; i < sizeof runs / sizeof *runs; i++) {
        int n;
        assert_int_equal(cordon_rules_evaluate(f->rules, f->mol, runs[i].jurs,
                                               runs[i].n, 20260101 + (int)i,
                                               CORDON_EVAL_NO_ALERTS, v, &err),
                         CORDON_OK);
        n = cordon_verdict_num_results(v);
        assert_int_equal(n, runs[i].nres);
        assert_string_equal(cordon_verdict_result(v, 0)->jurisdiction,
                            runs[i].first);
        assert_string_equal(cordon_verdict_result(v, n - 1)->jurisdiction,
                            runs[i].last);
        assert_int_equal(cordon_verdict_result(v, 0)->date, 20260101 + (int)i);
        /* fentanyl is controlled in the US, China and the UK */
        assert_int_equal(cordon_verdict_result(v, 0)->status,
                         CORDON_CONTROLLED);
        if (n == 3)
            assert_int_equal(cordon_verdict_result(v, 2)->status,
                             CORDON_NOT_CONTROLLED);
    }
    cordon_verdict_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_rules_prefilter__class_outcomes_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_rules_prefilter__derivative_outcomes_unchanged, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_rules_prefilter__sub_anchor_is_contained, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_rules_prefilter__jurisdiction_lists_alternate, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_rules_prefilter__prepare_parent_agrees, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_prefilter__shared_structures,
                                        setup, teardown),
    };
    const char *flt = getenv("CORDON_TEST_FILTER");
    if (flt && *flt)
        cmocka_set_test_filter(flt);
    return cmocka_run_group_tests_name("rules_prefilter", tests, NULL, NULL);
}

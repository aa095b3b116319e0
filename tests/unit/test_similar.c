/*
 * test_similar.c -- analogue-alert search (src/rules/similar.c): the pruned
 * search must return exactly what a Tanimoto scan of every distinct listed
 * structure returns (same structures, order and similarity values), and
 * the fingerprint must be the one its definition gives (docs/rules.md §6),
 * on real ChEMBL molecules at several thresholds.
 */
#include <stdio.h>

#include "unit.h"

#include "cordon/kb.h"
#include "cordon/smiles.h"
#include "rules/verdict_int.h"

#define DATA "tests/data/similar/chembl.smi"
#define MAXLINES 400

/* ---- the fingerprint by its definition (docs/rules.md §6) ---- */

static uint64_t ref_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static int ref_in(const cordon_mol *m, const unsigned char *frag, int a)
{
    return frag[a] && m->atoms[a].elem != 1;
}

/* Radius-2 labels of every heavy atom of the fragment: invariant (element,
 * effective charge + 8, effective hydrogens, heavy degree in the fragment,
 * aromatic, in ring) mixed, then two rounds over the heavy neighbours. */
static void ref_fp(const cordon_mol *m, const unsigned char *frag,
                   uint64_t fp[RL_FP_WORDS])
{
    uint64_t *cur = calloc((size_t)m->natoms + 1, sizeof *cur);
    uint64_t *next = calloc((size_t)m->natoms + 1, sizeof *next);
    int a, k, round;
    assert_non_null(cur);
    assert_non_null(next);
    memset(fp, 0, sizeof(uint64_t) * RL_FP_WORDS);
    for (a = 0; a < m->natoms; a++) {
        const cordon_atom *at = &m->atoms[a];
        uint64_t v;
        int deg = 0;
        if (!ref_in(m, frag, a))
            continue;
        for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++)
            deg += ref_in(m, frag, m->nbrs[k].atom);
        v = at->elem;
        v = v * 131 + (uint64_t)(cordon__eff_charge(m, a) + 8);
        v = v * 131 + (uint64_t)cordon__eff_hcount(m, a);
        v = v * 131 + (uint64_t)deg;
        v = v * 131 + ((at->flags & CORDON_ATOM_AROMATIC) ? 1u : 0u);
        v = v * 131 + ((at->flags & CORDON_ATOM_IN_RING) ? 1u : 0u);
        cur[a] = ref_mix(v);
        fp[cur[a] % RL_FP_BITS / 64] |= 1ull << (cur[a] % RL_FP_BITS % 64);
    }
    for (round = 0; round < 2; round++) {
        uint64_t *t;
        for (a = 0; a < m->natoms; a++) {
            uint64_t s = 0, x = 0;
            if (!ref_in(m, frag, a))
                continue;
            for (k = m->nbr_start[a]; k < m->nbr_start[a + 1]; k++) {
                int y = m->nbrs[k].atom;
                uint64_t h;
                if (!ref_in(m, frag, y))
                    continue;
                h = ref_mix(cur[y] * 7 + m->bonds[m->nbrs[k].bond].order);
                s += h;
                x ^= ref_mix(h);
            }
            next[a] = ref_mix(cur[a] ^ ref_mix(s) ^ (x << 1));
            fp[next[a] % RL_FP_BITS / 64] |= 1ull
                                             << (next[a] % RL_FP_BITS % 64);
        }
        t = cur;
        cur = next;
        next = t;
    }
    free(cur);
    free(next);
}

/* ---- fixture: the built-in knowledge base and the test molecules ---- */

typedef struct fix {
    cordon_kb *kb;
    char *lines[MAXLINES];
    int nlines;
} fix;

static int setup(void **state)
{
    fix *f = calloc(1, sizeof *f);
    cordon_error err = CORDON_ERROR_INIT;
    char buf[4096];
    FILE *in = fopen(DATA, "r");
    assert_non_null(f);
    assert_non_null(in);
    assert_int_equal(cordon_kb_load_builtin(&f->kb, NULL, &err), CORDON_OK);
    while (f->nlines < MAXLINES && fgets(buf, sizeof buf, in)) {
        char *tab = strchr(buf, '\t');
        if (tab)
            *tab = '\0';
        f->lines[f->nlines++] = strdup(buf);
    }
    fclose(in);
    assert_true(f->nlines >= 300);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fix *f = *state;
    int i;
    for (i = 0; i < f->nlines; i++)
        free(f->lines[i]);
    cordon_kb_free(f->kb);
    free(f);
    return 0;
}

/* Brute force: every structure u with sim >= t and sim > 0, most similar
 * first, ties by lower u.  Returns how many. */
static int scan_all(const cordon_rules *r, const uint64_t *fp, double t,
                    int *out, double *sim)
{
    int u, n = 0, j;
    for (u = 0; u < r->nuniq; u++) {
        double s = cordon__fp_tanimoto(fp, r->listed[r->uniq_rep[u]].fp);
        if (s < t || s <= 0.0)
            continue;
        for (j = n++; j > 0 && sim[j - 1] < s; j--) {
            sim[j] = sim[j - 1];
            out[j] = out[j - 1];
        }
        sim[j] = s;
        out[j] = u;
    }
    return n;
}

/* Runs every test molecule at threshold t; returns the number of
 * (molecule, structure) pairs found, after checking each molecule's list
 * against the scan. */
static long check_threshold(fix *f, double t, long *nmol)
{
    cordon_rules_opts opts = CORDON_RULES_OPTS_INIT;
    cordon_rules *r = NULL;
    cordon_verdict *v = NULL;
    cordon_mol *mol = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    uint64_t fp[RL_FP_WORDS], got[RL_FP_WORDS];
    int *want, *queue = NULL, i, u;
    double *wsim;
    unsigned char *frag = NULL;
    long pairs = 0;
    opts.alert_threshold = t;
    assert_int_equal(cordon_rules_compile(&r, f->kb, &opts, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_verdict_new(&v, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_new(&mol, NULL), CORDON_OK);
    want = calloc((size_t)r->nuniq + 1, sizeof *want);
    wsim = calloc((size_t)r->nuniq + 1, sizeof *wsim);
    assert_non_null(want);
    assert_non_null(wsim);
    /* the structures' own fingerprints (the scan's side) by definition */
    for (u = 0; u < r->nuniq; u++) {
        const rl_listed *l = &r->listed[r->uniq_rep[u]];
        ref_fp(l->mol, l->frag, fp);
        assert_memory_equal(fp, l->fp, sizeof fp);
    }
    *nmol = 0;
    for (i = 0; i < f->nlines; i++) {
        const char *smi = f->lines[i];
        int salt, stereo, n, k;
        if (strchr(smi, '.'))
            continue; /* one component: v->frag is the parent */
        assert_int_equal(cordon_smiles_read(mol, smi, strlen(smi), NULL, &err),
                         CORDON_OK);
        assert_int_equal(cordon_rules_evaluate(r, mol, NULL, 0, 20261129,
                                               CORDON_EVAL_NO_ALERTS, v, &err),
                         CORDON_OK);
        frag = realloc(frag, (size_t)mol->natoms + 1);
        queue = realloc(queue, sizeof *queue * ((size_t)mol->natoms + 1));
        assert_non_null(frag);
        assert_non_null(queue);
        cordon__parent_fragment(mol, frag, queue, &salt, &stereo);
        assert_memory_equal(frag, v->frag, (size_t)mol->natoms);
        v->have_fp = 0;
        assert_int_equal(cordon__sim_search(r, v, mol), CORDON_OK);
        ref_fp(mol, frag, fp);
        cordon__sim_query_fp(r, v, got);
        assert_memory_equal(fp, got, sizeof fp);
        n = scan_all(r, fp, t, want, wsim);
        if (n != v->ncand)
            printf("t=%.2f %s: %d structures, scan %d\n", t, smi, v->ncand, n);
        assert_int_equal(v->ncand, n);
        for (k = 0; k < n; k++) {
            assert_int_equal(v->cand[k], want[k]);
            /* bit-identical quotient: the value the alert prints */
            assert_memory_equal(&v->usim[v->cand[k]], &wsim[k], sizeof(double));
        }
        /* a second search of the same molecule starts from cleared
         * counters (none left from the first) */
        v->have_fp = 0;
        assert_int_equal(cordon__sim_search(r, v, mol), CORDON_OK);
        assert_int_equal(v->ncand, n);
        for (k = 0; k < n; k++)
            assert_int_equal(v->cand[k], want[k]);
        pairs += n;
        ++*nmol;
    }
    free(want);
    free(wsim);
    free(frag);
    free(queue);
    cordon_mol_free(mol);
    cordon_verdict_free(v);
    cordon_rules_free(r);
    return pairs;
}

static void test_similar__search_equals_full_scan(void **state)
{
    long found[21], nmol = 0;
    int i;
    /* thresholds 0, 0.05, ..., 1: near-equal quotients at many q */
    for (i = 0; i <= 20; i++) {
        found[i] = check_threshold(*state, i / 20.0, &nmol);
        printf("similar: threshold %.2f: %ld molecules, %ld structures "
               "found\n",
               i / 20.0, nmol, found[i]);
    }
    /* not vacuous: the data hold molecules with near neighbours at the
     * default threshold (0.55), and lower thresholds find more */
    assert_true(nmol >= 300);
    assert_true(found[11] >= 150);
    assert_true(found[4] > found[10] && found[10] > found[15]);
}

/* The fingerprint of every component of salts, of molecules with [2H] and
 * [3H] atoms and of charged ones (the fast path's compact renumbering, its
 * hydrogen-atom count and the search's precomputed invariants) is the one
 * its definition gives. */
static void test_similar__fingerprint_of_any_fragment(void **state)
{
    fix *f = *state;
    cordon_rules *r = NULL;
    cordon_verdict *v = NULL;
    cordon_mol *mol = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    uint64_t want[RL_FP_WORDS], got[RL_FP_WORDS], *work = NULL;
    unsigned char *frag = NULL, *seen = NULL;
    int *queue = NULL, nmol = 0, partial = 0, nfrag = 0;
    char buf[4096];
    FILE *in = fopen("tests/data/similar/general.smi", "r");
    assert_non_null(in);
    assert_int_equal(cordon_rules_compile(&r, f->kb, NULL, NULL, &err),
                     CORDON_OK);
    assert_int_equal(cordon_verdict_new(&v, NULL), CORDON_OK);
    assert_int_equal(cordon_mol_new(&mol, NULL), CORDON_OK);
    while (fgets(buf, sizeof buf, in)) {
        size_t len = strcspn(buf, " \t\r\n");
        int salt, stereo, a, nheavy;
        assert_int_equal(cordon_smiles_read(mol, buf, len, NULL, &err),
                         CORDON_OK);
        frag = realloc(frag, (size_t)mol->natoms + 1);
        seen = calloc((size_t)mol->natoms + 1, 1);
        queue = realloc(queue, sizeof *queue * ((size_t)mol->natoms + 1));
        work = realloc(work, sizeof *work * (2 * (size_t)mol->natoms + 1));
        assert_non_null(frag);
        assert_non_null(seen);
        assert_non_null(queue);
        assert_non_null(work);
        nheavy = cordon__parent_fragment(mol, frag, queue, &salt, &stereo);
        partial += nheavy < mol->natoms;
        cordon__fp_morgan(mol, frag, work, got);
        ref_fp(mol, frag, want);
        assert_memory_equal(got, want, sizeof got);
        for (a = 0; a < RL_FP_WORDS && !want[a]; a++)
            ;
        assert_true(a < RL_FP_WORDS);
        /* the search's own fingerprint of the parent */
        assert_int_equal(cordon_rules_evaluate(r, mol, NULL, 0, 20261129,
                                               CORDON_EVAL_NO_ALERTS, v, &err),
                         CORDON_OK);
        assert_memory_equal(frag, v->frag, (size_t)mol->natoms);
        v->have_fp = 0;
        assert_int_equal(cordon__sim_search(r, v, mol), CORDON_OK);
        cordon__sim_query_fp(r, v, got);
        assert_memory_equal(got, want, sizeof want);
        while (cordon__next_component(mol, seen, frag, queue) > 0) {
            cordon__fp_morgan(mol, frag, work, got);
            ref_fp(mol, frag, want);
            assert_memory_equal(got, want, sizeof got);
            nfrag++;
        }
        free(seen);
        nmol++;
    }
    fclose(in);
    printf("similar: %d molecules, %d with atoms outside the parent "
           "fragment, %d components\n",
           nmol, partial, nfrag);
    /* not vacuous: most of them leave atoms out of the parent */
    assert_int_equal(nmol, 54);
    assert_true(partial >= 40);
    assert_true(nfrag >= 80);
    free(frag);
    free(queue);
    free(work);
    cordon_mol_free(mol);
    cordon_verdict_free(v);
    cordon_rules_free(r);
}

/* Building the similarity index reports every allocation failure and
 * leaks nothing; a later build gives the same search. */
static void test_similar__index_build_oom_leaks_nothing(void **state)
{
    fix *f = *state;
    cordon_rules *r = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    const cordon_allocator *orig;
    unit_alloc count = {0, 0, 0};
    cordon_allocator ca = unit_allocator(&count);
    long n, failed = 0;
    assert_int_equal(cordon_rules_compile(&r, f->kb, NULL, NULL, &err),
                     CORDON_OK);
    orig = r->alloc;
    cordon__sim_free(r);
    r->alloc = &ca;
    assert_int_equal(cordon__sim_build(r), CORDON_OK);
    cordon__sim_free(r);
    assert_int_equal(count.live, 0);
    /* one allocation per listed structure at least (its environments) */
    assert_true(count.count > r->nuniq);
    for (n = 1; n <= count.count; n++) {
        unit_alloc u = {n, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        r->alloc = &a;
        failed += cordon__sim_build(r) == CORDON_ENOMEM;
        cordon__sim_free(r);
        assert_int_equal(u.live, 0);
    }
    assert_int_equal(failed, count.count);
    r->alloc = orig;
    assert_int_equal(cordon__sim_build(r), CORDON_OK);
    cordon_rules_free(r);
}

static const struct CMUnitTest similar_tests[] = {
    cmocka_unit_test_setup_teardown(test_similar__index_build_oom_leaks_nothing,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_similar__fingerprint_of_any_fragment,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_similar__search_equals_full_scan,
                                    setup, teardown),
};

CORDON_TEST_MAIN(similar_tests)

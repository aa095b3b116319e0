/*
 * unit.h -- what every cmocka unit-test file includes.
 *
 * Cases are named test_<module>__<behaviour>.  CORDON_TEST_MAIN runs the
 * group; the environment variable CORDON_TEST_FILTER (a glob on case names,
 * set by `make test FILTER=...`) runs a subset.  Test data lives in
 * tests/data/ (paths relative to the repository root, where tests run) and,
 * for larger differential runs, in ../shared/testdata when present.
 */
#ifndef CORDON_UNIT_H
#define CORDON_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cordon/cordon.h"

#define CORDON_TEST_MAIN(group)                                                \
    int main(void)                                                             \
    {                                                                          \
        const char *f = getenv("CORDON_TEST_FILTER");                          \
        if (f && *f)                                                           \
            cmocka_set_test_filter(f);                                         \
        return cmocka_run_group_tests_name(__FILE__, group, NULL, NULL);       \
    }

/* An allocator that fails the Nth allocation (0 = never) and counts live
 * blocks, for out-of-memory "torture" tests. */
typedef struct unit_alloc {
    long fail_at;
    long count;
    long live;
} unit_alloc;

static void *unit_malloc(void *ud, size_t n)
{
    unit_alloc *u = ud;
    void *p;
    if (u->fail_at && ++u->count == u->fail_at)
        return NULL;
    if (!u->fail_at)
        u->count++;
    p = malloc(n ? n : 1);
    if (p)
        u->live++;
    return p;
}

static void *unit_realloc(void *ud, void *p, size_t n)
{
    unit_alloc *u = ud;
    void *q;
    if (u->fail_at && ++u->count == u->fail_at)
        return NULL;
    if (!u->fail_at)
        u->count++;
    q = realloc(p, n ? n : 1);
    if (q && !p)
        u->live++;
    return q;
}

static void unit_free(void *ud, void *p)
{
    unit_alloc *u = ud;
    if (p)
        u->live--;
    free(p);
}

static inline cordon_allocator unit_allocator(unit_alloc *u)
{
    cordon_allocator a = {unit_malloc, unit_realloc, unit_free, u};
    return a;
}

/* A new molecule read from SMILES with the default options; fails the
 * test with the reader's message when it does not read.  Caller frees. */
static inline cordon_mol *unit_read_smiles(const char *smi)
{
    cordon_mol *m = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    assert_int_equal(cordon_mol_new(&m, NULL), CORDON_OK);
    if (cordon_smiles_read(m, smi, strlen(smi), NULL, &err) != CORDON_OK)
        fail_msg("%s: %s", smi, err.message);
    return m;
}

#endif /* CORDON_UNIT_H */

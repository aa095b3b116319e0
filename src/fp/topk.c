/*
 * topk.c -- Tanimoto similarity and top-k search over Morgan fingerprints.
 *
 * Pruning: a candidate b cannot reach similarity t to query a unless
 * t * |a| <= |b| <= |a| / t (Swamidass & Baldi, J. Chem. Inf. Model. 2007,
 * 47, 302), so its popcount alone rules it out before the AND/OR count.
 */
#include <stdlib.h>
#include <string.h>

#include "cordon/fp.h"
#include "core/core.h"

int cordon_fp_popcount(const cordon_morganfp *a)
{
    int i, n = 0;
    for (i = 0; i < CORDON_MORGAN_WORDS; i++)
        n += __builtin_popcountll(a->w[i]);
    return n;
}

double cordon_fp_tanimoto(const cordon_morganfp *a, const cordon_morganfp *b)
{
    int i, both = 0, any = 0;
    for (i = 0; i < CORDON_MORGAN_WORDS; i++) {
        both += __builtin_popcountll(a->w[i] & b->w[i]);
        any += __builtin_popcountll(a->w[i] | b->w[i]);
    }
    return any ? (double)both / any : 0.0;
}

struct cordon_topk {
    const cordon_allocator *alloc;
    size_t k, n;
    double threshold;
    cordon_fp_hit *hits; /* min-heap on (similarity, -index) of size n */
};

/* a is worse than b: lower similarity, or equal and later index. */
static int worse(const cordon_fp_hit *a, const cordon_fp_hit *b)
{
    if (a->similarity != b->similarity)
        return a->similarity < b->similarity;
    return a->index > b->index;
}

static void sift_down(cordon_fp_hit *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        cordon_fp_hit t;
        if (l < n && worse(&h[l], &h[m]))
            m = l;
        if (r < n && worse(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static void sift_up(cordon_fp_hit *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        cordon_fp_hit t;
        if (!worse(&h[i], &h[p]))
            return;
        t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

cordon_status cordon_topk_new(cordon_topk **out, size_t k, double threshold,
                              const cordon_allocator *alloc)
{
    cordon_topk *t = cordon__calloc(alloc, 1, sizeof *t);
    *out = NULL;
    if (!t)
        return CORDON_ENOMEM;
    t->alloc = alloc;
    t->k = k;
    t->threshold = threshold;
    t->hits = cordon__malloc(alloc, sizeof *t->hits * (k ? k : 1));
    if (!t->hits) {
        cordon__free(alloc, t);
        return CORDON_ENOMEM;
    }
    *out = t;
    return CORDON_OK;
}

void cordon_topk_free(cordon_topk *t)
{
    if (!t)
        return;
    cordon__free(t->alloc, t->hits);
    cordon__free(t->alloc, t);
}

void cordon_topk_add(cordon_topk *t, size_t index, double similarity)
{
    cordon_fp_hit h;
    if (t->k == 0 || similarity < t->threshold)
        return;
    h.index = index;
    h.similarity = similarity;
    if (t->n < t->k) {
        t->hits[t->n] = h;
        sift_up(t->hits, t->n++);
    } else if (worse(&t->hits[0], &h)) {
        t->hits[0] = h;
        sift_down(t->hits, t->n, 0);
    }
}

static int hit_cmp(const void *a, const void *b)
{
    const cordon_fp_hit *x = a, *y = b;
    if (x->similarity != y->similarity)
        return x->similarity > y->similarity ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

const cordon_fp_hit *cordon_topk_result(cordon_topk *t, size_t *n)
{
    qsort(t->hits, t->n, sizeof *t->hits, hit_cmp);
    /* sorted best-first is not a min-heap: rebuild it so adds still work */
    *n = t->n;
    return t->hits;
}

cordon_status cordon_fp_topk(const cordon_morganfp *query,
                             const cordon_morganfp *db, size_t n, size_t k,
                             double threshold, cordon_fp_hit *hits,
                             size_t *nhits)
{
    cordon_topk t;
    size_t i;
    int qa = cordon_fp_popcount(query);
    *nhits = 0;
    if (k == 0)
        return CORDON_OK;
    t.alloc = NULL;
    t.k = k;
    t.n = 0;
    t.threshold = threshold;
    t.hits = hits;
    for (i = 0; i < n; i++) {
        double floor = t.n == k ? t.hits[0].similarity : threshold;
        int pb = cordon_fp_popcount(&db[i]);
        double bound = qa > pb ? (double)pb / qa : pb ? (double)qa / pb : 0.0;
        if (qa == 0 && pb == 0)
            bound = 0.0;
        if (bound < floor)
            continue;
        cordon_topk_add(&t, i, cordon_fp_tanimoto(query, &db[i]));
    }
    qsort(hits, t.n, sizeof *hits, hit_cmp);
    *nhits = t.n;
    return CORDON_OK;
}

/* alloc.c -- the one file allowed to call the C library allocator. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static void *default_malloc(void *ud, size_t n)
{
    (void)ud;
    return malloc(n ? n : 1);
}

static void *default_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    return realloc(p, n ? n : 1);
}

static void default_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static const cordon_allocator default_alloc = {default_malloc, default_realloc,
                                               default_free, NULL};

const cordon_allocator *cordon_default_allocator(void)
{
    return &default_alloc;
}

void *cordon__malloc(const cordon_allocator *a, size_t n)
{
    if (!a)
        a = &default_alloc;
    return a->malloc_fn(a->ud, n);
}

void *cordon__calloc(const cordon_allocator *a, size_t n, size_t size)
{
    void *p;
    if (size && n > SIZE_MAX / size)
        return NULL;
    p = cordon__malloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *cordon__realloc(const cordon_allocator *a, void *p, size_t n)
{
    if (!a)
        a = &default_alloc;
    return a->realloc_fn(a->ud, p, n);
}

void cordon__free(const cordon_allocator *a, void *p)
{
    if (!p)
        return;
    if (!a)
        a = &default_alloc;
    a->free_fn(a->ud, p);
}

char *cordon__strndup(const cordon_allocator *a, const char *s, size_t n)
{
    char *p = cordon__malloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int cordon__grow_slow(const cordon_allocator *a, void **p, size_t elem,
                      size_t *cap, size_t need)
{
    size_t ncap;
    void *np;
    if (need <= *cap)
        return CORDON_OK;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return CORDON_ENOMEM;
        ncap *= 2;
    }
    np = cordon__realloc(a, *p, ncap * elem);
    if (!np)
        return CORDON_ENOMEM;
    *p = np;
    *cap = ncap;
    return CORDON_OK;
}

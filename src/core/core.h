/*
 * core.h -- internal helpers shared by every module: allocation through the
 * caller's allocator, error reporting, growable byte buffers.
 * Not installed; modules include it as "core/core.h".
 */
#ifndef CORDON_CORE_H
#define CORDON_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "cordon/common.h"

/* Allocation through an allocator (NULL = default).  The only place raw
 * malloc/realloc/free may be called is src/core/alloc.c. */
void *cordon__malloc(const cordon_allocator *a, size_t n);
void *cordon__calloc(const cordon_allocator *a, size_t n, size_t size);
void *cordon__realloc(const cordon_allocator *a, void *p, size_t n);
void cordon__free(const cordon_allocator *a, void *p);
char *cordon__strndup(const cordon_allocator *a, const char *s, size_t n);

/* Grows *p (an array of elem-size items with capacity *cap) to hold at least
 * need items, doubling.  Returns CORDON_OK or CORDON_ENOMEM (p unchanged).
 * The common case (room already there) is inline; cordon__grow_slow does
 * the reallocation. */
int cordon__grow_slow(const cordon_allocator *a, void **p, size_t elem,
                      size_t *cap, size_t need);
static inline int cordon__grow(const cordon_allocator *a, void **p, size_t elem,
                               size_t *cap, size_t need)
{
    if (need <= *cap)
        return CORDON_OK;
    return cordon__grow_slow(a, p, elem, cap, need);
}

/* Fills err (if not NULL) and returns status.  offset may be SIZE_MAX. */
int cordon__error(cordon_error *err, int status, size_t offset, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Growable byte buffer, always NUL-terminated when len > 0 or after
 * cordon__buf_cstr. */
typedef struct cordon_buf {
    const cordon_allocator *alloc;
    char *data;
    size_t len;
    size_t cap;
} cordon_buf;

#define CORDON_BUF_INIT                                                        \
    {                                                                          \
        NULL, NULL, 0, 0                                                       \
    }
int cordon__buf_put(cordon_buf *b, const char *s, size_t n);
int cordon__buf_puts(cordon_buf *b, const char *s);
int cordon__buf_putc(cordon_buf *b, char c);
int cordon__buf_printf(cordon_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as a JSON string literal with quotes and escapes. */
int cordon__buf_json_str(cordon_buf *b, const char *s, size_t n);
/* Appends n bytes the caller fills in: returns where they start (the
 * buffer stays NUL-terminated after them), NULL when out of memory. */
char *cordon__buf_extend(cordon_buf *b, size_t n);
const char *cordon__buf_cstr(cordon_buf *b); /* "" when empty */
void cordon__buf_reset(cordon_buf *b);       /* len = 0, keeps memory */
void cordon__buf_free(cordon_buf *b);

/* FNV-1a 64 of n bytes (hash.c): hash-table keys, not fingerprints. */
uint64_t cordon__fnv1a(const void *p, size_t n);

#endif /* CORDON_CORE_H */

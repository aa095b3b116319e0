/*
 * common.h -- the conventions every public header of libcordon follows,
 * and the types they share (status, error, allocator).  Include
 * <cordon/cordon.h> for the whole API.
 *
 * cordon tells whether a chemical is a controlled substance in a given
 * jurisdiction on a given date, and why.
 *
 * CONVENTIONS (read once; they hold for every function in include/cordon/)
 *
 * Status codes.  A function that can fail returns cordon_status: CORDON_OK
 * (0) or one of the negative codes below.  Yes/no outcomes (matched,
 * controlled) are results written through out-parameters, never statuses.
 *
 * Errors.  The last parameter of a fallible function is usually a
 * `cordon_error *err` that may be NULL.  On failure it receives the status,
 * a one-line lower-case message, and where it applies the byte offset (and
 * line/column for line-oriented input) of the problem.  On success it is left
 * untouched.
 *
 * Ownership.  `T **out` parameters transfer ownership to the caller, who
 * releases the object with the matching T_free().  Every *_free(NULL) is a
 * no-op.  Returned `const` pointers are borrowed: they stay valid until the
 * owning object is modified or freed.  The library never hands out memory
 * that the caller must release with plain free().
 *
 * Text input is (const char *s, size_t len); it need not be NUL-terminated.
 *
 * Allocation.  Objects are created with an optional cordon_allocator; NULL
 * means the C library's malloc/realloc/free.  The library never aborts on
 * bad input or on allocation failure: it returns CORDON_ENOMEM and leaks
 * nothing.
 *
 * Threads.  There is no global mutable state.  Compiled objects (SMARTS
 * queries, the knowledge base, rule sets) are immutable after creation and
 * may be shared by any number of threads.  Mutable objects (molecules,
 * readers, writers, match states) belong to one thread at a time.  See
 * docs/threading.md.
 *
 * Bounds.  Every parser and matcher has limits (atoms, recursion depth, work
 * budget) with documented defaults; exceeding one returns CORDON_ELIMIT.
 */
#ifndef CORDON_COMMON_H
#define CORDON_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_VERSION_MAJOR 0
#define CORDON_VERSION_MINOR 1
#define CORDON_VERSION_PATCH 0
#define CORDON_VERSION_STRING "0.1.0"

/* Status codes returned by fallible functions. */
typedef enum cordon_status {
    CORDON_OK = 0,
    CORDON_ENOMEM = -1,    /* an allocation failed */
    CORDON_EINVAL = -2,    /* a caller broke a documented precondition */
    CORDON_EPARSE = -3,    /* input text is malformed; see err->offset */
    CORDON_ELIMIT = -4,    /* a configured bound was reached */
    CORDON_ENOTFOUND = -5, /* a looked-up name, id or file does not exist */
    CORDON_EIO = -6,       /* reading or writing a file or stream failed */
    CORDON_EKB = -7,       /* the knowledge base is inconsistent */
    CORDON_ECHEM = -8      /* the molecule is chemically impossible
                              (valence, kekulisation) */
} cordon_status;

/* Returns a static lower-case name for a status ("parse error", ...). */
const char *cordon_status_str(int status);

/* Error detail, owned by the caller (usually on the stack). */
#define CORDON_ERROR_MSG_MAX 256
typedef struct cordon_error {
    int status;    /* the cordon_status that was returned */
    size_t offset; /* byte offset into the text given, or SIZE_MAX */
    size_t line;   /* 1-based line for line-oriented input, 0 if none */
    size_t column; /* 1-based column, 0 if none */
    size_t record; /* 1-based record number in a stream, 0 if none */
    char rule[64]; /* id of the KB entry or rule concerned, "" if none */
    char message[CORDON_ERROR_MSG_MAX];
} cordon_error;

#define CORDON_ERROR_INIT                                                      \
    {                                                                          \
        0, (size_t)-1, 0, 0, 0, "", ""                                         \
    }

/* Resets *err to CORDON_ERROR_INIT.  err may be NULL. */
void cordon_error_clear(cordon_error *err);

/*
 * Allocator hook (Lua's lua_Alloc, split in three).  All functions receive
 * `ud`.  realloc(ud, NULL, n) must behave as malloc; free(ud, NULL) is a no-op.
 * Tests use it to fail the Nth allocation and check nothing leaks.
 */
typedef struct cordon_allocator {
    void *(*malloc_fn)(void *ud, size_t n);
    void *(*realloc_fn)(void *ud, void *p, size_t n);
    void (*free_fn)(void *ud, void *p);
    void *ud;
} cordon_allocator;

/* The default allocator (C library); never NULL. */
const cordon_allocator *cordon_default_allocator(void);

/* Version string of the library, e.g. "0.1.0". */
const char *cordon_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_COMMON_H */

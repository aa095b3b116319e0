/*
 * kb_int.h -- internal layout of a loaded knowledge base (src/kb/ only).
 *
 * All strings live in the knowledge base's arena and are NUL-terminated;
 * entries and indexes are built once by the loader and never modified, so
 * a cordon_kb may be shared by threads.  Indexes are arrays sorted once
 * (O(n log n)) and searched by bisection.
 */
#ifndef CORDON_KB_INT_H
#define CORDON_KB_INT_H

#include "cordon/kb.h"
#include "core/core.h"

/* Bounds (docs/kb-format.md §1). */
#define KB_MAX_LINE 4096
#define KB_MAX_VALUE 2048
#define KB_MAX_FILE (16u << 20)
#define KB_MAX_TOTAL (128u << 20)
#define KB_MAX_FILES 4096
#define KB_MAX_ID 63
#define KB_KEY_CAP (KB_MAX_VALUE * 3 + 16)

enum kb_type {
    KB_PROVENANCE,
    KB_JURISDICTION,
    KB_INSTRUMENT,
    KB_SUBSTANCE,
    KB_PRECURSOR,
    KB_CLASS,
    KB_NTYPES
};

typedef struct kb_field {
    const char *key;
    const char *value;
    int line;
} kb_field;

struct cordon_kb_entry {
    int type; /* enum kb_type */
    const char *id;
    const char *file;
    int line;
    kb_field *fields;
    int nfields;
    cordon_kb_period *periods;
    int nperiods;
    int index; /* position in kb->entries */
};

typedef struct kb_chunk {
    struct kb_chunk *next;
    size_t used, cap;
    /* data follows, aligned for pointers */
} kb_chunk;

/* (key, entry) pair of a sorted index. */
typedef struct kb_ix {
    const char *key;
    int entry;
} kb_ix;

struct cordon_kb {
    const cordon_allocator *alloc;
    kb_chunk *arena;
    cordon_kb_entry *entries;
    int nentries;
    size_t cap;
    int nfiles;
    kb_ix *by_id, *by_cas, *by_n2; /* n2: forgiving name key */
    int nid, ncas, nn2;
};

/* Diagnostic sink used while loading: strict mode stops at the first
 * problem (err receives "FILE:LINE: message"); collecting mode reports
 * every problem to fn and goes on. */
typedef struct kb_sink {
    cordon_kb_diag_fn fn;
    void *ud;
    int strict;
    int nerrors, nwarnings;
    cordon_error *err;
} kb_sink;

extern const char *const cordon__kb_type_names[KB_NTYPES];

/* Reports a problem.  Returns CORDON_EPARSE in strict mode (caller stops),
 * CORDON_OK otherwise. */
int cordon__kb_diag(kb_sink *s, const char *file, int line, const char *id,
                    int warning, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

void *cordon__kb_alloc(cordon_kb *kb, size_t n);
char *cordon__kb_strndup(cordon_kb *kb, const char *s, size_t n);

/* Parses one file's text into entries appended to kb. */
int cordon__kb_parse(cordon_kb *kb, const char *path, const char *data,
                     size_t len, kb_sink *sink);
/* Builds the sorted indexes once all files are parsed. */
int cordon__kb_index(cordon_kb *kb);
/* Full validation (check.c). */
int cordon__kb_validate(const cordon_kb *kb, kb_sink *sink, int *structures);

/* Dates with partial precision: "YYYY", "YYYY-MM", "YYYY-MM-DD".  end != 0
 * makes a partial date the last day of its span.  Returns the precision
 * (CORDON_KB_DATE_*) or -1. */
int cordon__kb_date(const char *s, size_t len, int end, int32_t *out);
/* Period value "FROM..TO | KIND | CITATION | CONFIDENCE". */
int cordon__kb_period(cordon_kb *kb, const char *v, cordon_kb_period *p,
                      const char **why);
/* Jurisdiction code check (ISO 3166-1 alpha-2, UN, EU, UK alias). */
int cordon__kb_jurisdiction_ok(const char *code);
/* Coverage word -> bit (0 for "none"), or -1. */
long cordon__kb_covers_word(const char *w, size_t n);
/* Parses a covers list; returns bits or -1 and the bad word in *bad. */
long cordon__kb_covers_list(const char *v, const char **bad, size_t *badlen);

#endif /* CORDON_KB_INT_H */

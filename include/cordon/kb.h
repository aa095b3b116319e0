/*
 * kb.h -- the knowledge base: the law as reviewable, cited data.
 *
 * The knowledge base is a directory of text files (data/kb/, format in
 * docs/kb-format.md), compiled into the binary at build time and loadable
 * from a directory so users can update it without rebuilding.  A loaded
 * cordon_kb is immutable and may be shared by any number of threads.
 *
 * Entries are records "[TYPE ID]" followed by "key: value" lines.  TYPE is
 * one of: provenance, jurisdiction, instrument, substance, precursor, class.
 * Generic access (cordon_kb_entry_field) serves every key; typed helpers
 * below cover the keys every consumer needs.
 *
 * Dates are integers YYYYMMDD; 0 means "open" (no end).
 */
#ifndef CORDON_KB_H
#define CORDON_KB_H

#include "cordon/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_kb cordon_kb;
typedef struct cordon_kb_entry cordon_kb_entry;

/* One interval during which an entry is in force ("period:" lines). */
typedef struct cordon_kb_period {
    int32_t from;           /* YYYYMMDD, first day in force */
    int32_t to;             /* YYYYMMDD, last day in force; 0 = open */
    const char *kind;       /* "temporary", "permanent", "extension", ... */
    const char *citation;   /* instrument citation for this period */
    const char *confidence; /* "V", "S", "U" or "D" */
} cordon_kb_period;

/* Loads the knowledge base compiled into the library. */
cordon_status cordon_kb_load_builtin(cordon_kb **out,
                                     const cordon_allocator *alloc,
                                     cordon_error *err);
/* Loads every *.kb file below dir (sorted by path).  Errors carry the file
 * in err->message and err->line. */
cordon_status cordon_kb_load_dir(cordon_kb **out, const char *dir,
                                 const cordon_allocator *alloc,
                                 cordon_error *err);
void cordon_kb_free(cordon_kb *kb);

int cordon_kb_num_entries(const cordon_kb *kb);
const cordon_kb_entry *cordon_kb_entry_at(const cordon_kb *kb, int i);
/* Entry with this id, or NULL. */
const cordon_kb_entry *cordon_kb_find_id(const cordon_kb *kb, const char *id);

const char *cordon_kb_entry_type(const cordon_kb_entry *e); /* "substance" */
const char *cordon_kb_entry_id(const cordon_kb_entry *e);
const char *cordon_kb_entry_file(const cordon_kb_entry *e);
int cordon_kb_entry_line(const cordon_kb_entry *e);
/* The i-th value of key in the entry (0-based), or NULL when absent. */
const char *cordon_kb_entry_field(const cordon_kb_entry *e, const char *key,
                                  int i);
int cordon_kb_entry_field_count(const cordon_kb_entry *e, const char *key);

/* Periods in force, oldest first. */
int cordon_kb_entry_num_periods(const cordon_kb_entry *e);
const cordon_kb_period *cordon_kb_entry_period(const cordon_kb_entry *e,
                                               int i);
/* 1 if the entry is in force on date (YYYYMMDD); *which (may be NULL)
 * receives the period. */
int cordon_kb_entry_in_force(const cordon_kb_entry *e, int32_t date,
                             const cordon_kb_period **which);

/*
 * Forgiving lookup by name, synonym (incl. Chinese names) or CAS number:
 * case, spaces, hyphens, Greek letters (α/alpha) and -yl/-oyl variants are
 * normalised.  Writes up to max matching entries to hits and returns the
 * total number of matches.
 */
int cordon_kb_lookup(const cordon_kb *kb, const char *q, size_t len,
                     const cordon_kb_entry **hits, int max);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_KB_H */

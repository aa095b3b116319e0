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
 * below cover the keys every consumer needs.  Values are as written, except
 * "jurisdiction: UK", which is stored as "GB".
 *
 * Loading parses and indexes (ids, CAS numbers, name keys; O(n log n));
 * it fails only on text that does not parse, with "FILE:LINE: message" in
 * err->message, err->line and the entry id in err->rule.  Every other rule
 * of docs/kb-format.md is checked by cordon_kb_check, which reports all
 * problems.  Statuses: CORDON_OK, CORDON_EPARSE, CORDON_ENOTFOUND /
 * CORDON_EIO (directory or file unreadable), CORDON_ELIMIT (docs/kb-format.md
 * §1 bounds), CORDON_ENOMEM, CORDON_EINVAL (NULL arguments).
 *
 * Dates are integers YYYYMMDD; 0 means "open" (no end) or, for a period's
 * start, "unknown".
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
    int32_t from;           /* YYYYMMDD, first day in force; 0 = unknown
                               start ("?"), treated as in force since ever */
    int32_t to;             /* YYYYMMDD, last day in force; 0 = open */
    const char *kind;       /* "permanent", "temporary", "extension",
                               "interim" */
    const char *citation;   /* instrument citation for this period */
    const char *confidence; /* "V", "S", "U" or "D" */
    /* Precision of from / to as written: CORDON_KB_DATE_DAY, _MONTH, _YEAR,
     * or CORDON_KB_DATE_NONE ("?" start, open end).  A partial from is the
     * first day of its month/year, a partial to the last day. */
    int from_precision;
    int to_precision;
    int line; /* line of the "period:" field */
} cordon_kb_period;

#define CORDON_KB_DATE_NONE 0
#define CORDON_KB_DATE_YEAR 1
#define CORDON_KB_DATE_MONTH 2
#define CORDON_KB_DATE_DAY 3

/* Loads the knowledge base compiled into the library. */
cordon_status cordon_kb_load_builtin(cordon_kb **out,
                                     const cordon_allocator *alloc,
                                     cordon_error *err);
/* Loads every *.kb file below dir (recursively, sorted by path; hidden
 * files and directories are skipped).  Errors carry the file in
 * err->message and err->line. */
cordon_status cordon_kb_load_dir(cordon_kb **out, const char *dir,
                                 const cordon_allocator *alloc,
                                 cordon_error *err);
void cordon_kb_free(cordon_kb *kb);

/*
 * The helper every KB-using command calls for its --kb option: loads the
 * directory dir, or the built-in knowledge base when dir is NULL or "".
 * Loading rejects only files that do not parse (syntax, malformed period
 * lines); cordon_kb_check reports every other problem.
 */
cordon_status cordon_kb_load_default(cordon_kb **out, const char *dir,
                                     const cordon_allocator *alloc,
                                     cordon_error *err);

/*
 * Loads one knowledge-base file held in memory (data, len; need not be
 * NUL-terminated); name is the path used in messages and entries.  Same
 * rules as a directory of one file.  For tests, fuzzing and servers.
 */
cordon_status cordon_kb_load_buffer(cordon_kb **out, const char *name,
                                    const char *data, size_t len,
                                    const cordon_allocator *alloc,
                                    cordon_error *err);

/* One problem found by cordon_kb_check. */
typedef struct cordon_kb_diag {
    const char *file;    /* path of the .kb file ("data/kb/..." if built in) */
    int line;            /* 1-based; 0 when the problem has no line */
    const char *id;      /* entry id or "" */
    int warning;         /* 0 = error, 1 = warning */
    const char *message; /* one line, lower case */
} cordon_kb_diag;
typedef void (*cordon_kb_diag_fn)(void *ud, const cordon_kb_diag *d);

/*
 * Validates the knowledge base in dir (NULL or "": the built-in one) against
 * every rule of docs/kb-format.md and calls fn (may be NULL) for each problem
 * in file order.  *nerrors / *nwarnings (may be NULL) receive the counts.
 * *structures_checked (may be NULL) is 0 when no SMILES reader is available
 * and structures could not be parsed.  Returns CORDON_OK when the check ran
 * (whatever it found), CORDON_EIO / CORDON_ENOTFOUND when dir cannot be
 * read, CORDON_ELIMIT, CORDON_ENOMEM.
 */
cordon_status cordon_kb_check(const char *dir, cordon_kb_diag_fn fn, void *ud,
                              int *nerrors, int *nwarnings,
                              int *structures_checked,
                              const cordon_allocator *alloc, cordon_error *err);

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
const cordon_kb_period *cordon_kb_entry_period(const cordon_kb_entry *e, int i);
/* 1 if the entry is in force on date (YYYYMMDD); *which (may be NULL)
 * receives the period. */
int cordon_kb_entry_in_force(const cordon_kb_entry *e, int32_t date,
                             const cordon_kb_period **which);

/* cordon_kb_check on one file held in memory (see cordon_kb_load_buffer).
 * Instruments referenced but defined in other files are reported missing. */
cordon_status cordon_kb_check_buffer(const char *name, const char *data,
                                     size_t len, cordon_kb_diag_fn fn, void *ud,
                                     int *nerrors, int *nwarnings,
                                     const cordon_allocator *alloc,
                                     cordon_error *err);

/* Coverage clauses ("covers:", docs/kb-format.md §8.3) as bits; an entry
 * without "covers:" inherits its instrument's. */
#define CORDON_KB_COVERS_SALTS 0x0001u
#define CORDON_KB_COVERS_ISOMERS 0x0002u
#define CORDON_KB_COVERS_OPTICAL_ISOMERS 0x0004u
#define CORDON_KB_COVERS_GEOMETRIC_ISOMERS 0x0008u
#define CORDON_KB_COVERS_POSITIONAL_ISOMERS 0x0010u
#define CORDON_KB_COVERS_STEREOISOMERS 0x0020u
#define CORDON_KB_COVERS_ESTERS 0x0040u
#define CORDON_KB_COVERS_ETHERS 0x0080u
#define CORDON_KB_COVERS_AMIDES 0x0100u
#define CORDON_KB_COVERS_CARBAMATES 0x0200u
#define CORDON_KB_COVERS_HALIDES 0x0400u
#define CORDON_KB_COVERS_ACETALS 0x0800u
#define CORDON_KB_COVERS_PREPARATIONS 0x1000u
#define CORDON_KB_COVERS_DERIVATIVES 0x2000u
#define CORDON_KB_COVERS_ANALOGUES 0x4000u
unsigned cordon_kb_entry_covers(const cordon_kb *kb, const cordon_kb_entry *e);

/*
 * Dates: parses an exact ISO date "YYYY-MM-DD" (s, len) into YYYYMMDD.
 * Returns CORDON_OK or CORDON_EPARSE (not a real calendar date).
 */
cordon_status cordon_kb_parse_date(int32_t *out, const char *s, size_t len,
                                   cordon_error *err);

/*
 * Resolves what a user typed for a jurisdiction into its code: a code in
 * any case ("us", "UK" -> "GB"), or the name or alias of a [jurisdiction]
 * entry of kb ("China", "United Kingdom"; case-insensitive; kb may be
 * NULL).  Writes the NUL-terminated code to out and returns 1, or returns
 * 0 when s names no jurisdiction.
 */
int cordon_kb_jurisdiction(const cordon_kb *kb, const char *s, char out[3]);

/* 1 if s (len bytes) is a CAS number NNNNNNN-NN-N with a valid check digit
 * (sum of digits times their position from the right, modulo 10). */
int cordon_kb_cas_valid(const char *s, size_t len);

/*
 * The name keys of docs/kb-format.md §9: forgiving = 0 gives N1 (case,
 * spaces, hyphens, Greek letters, o-/m-/p-), 1 gives N2 (N1 plus brackets
 * and the acyl spellings acryloyl/acryl, butyryl/butyr, valeryl/valer).  Writes
 * a NUL-terminated key to out (cap bytes) and returns its length, or -1 if it
 * does not fit.
 */
int cordon_kb_name_key(char *out, size_t cap, const char *s, size_t len,
                       int forgiving);

/*
 * Forgiving lookup by name, synonym (incl. Chinese names) or CAS number:
 * case, spaces, hyphens, Greek letters (α/alpha) and -yl/-oyl variants are
 * normalised.  Writes up to max matching entries to hits and returns the
 * total number of matches.  Only substance, precursor and class entries are
 * returned, in KB order.  Tiers, first with hits wins: entry id, CAS
 * number (when q is a valid one), forgiving name key N2, N2 without a
 * trailing salt word ("fentanyl citrate" -> fentanyl; docs/kb-format.md
 * §9).
 */
int cordon_kb_lookup(const cordon_kb *kb, const char *q, size_t len,
                     const cordon_kb_entry **hits, int max);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_KB_H */

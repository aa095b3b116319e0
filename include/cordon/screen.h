/*
 * screen.h -- the screening pipeline: many records in, one verdict line per
 * record out, in input order.
 *
 * A cordon_screen is compiled once from a knowledge base (rules, the
 * jurisdictions asked for, the date, the output format) and is then
 * immutable: any number of threads may run it, each with its own reader.
 * cordon_screen_run reads records from a cordon_reader, parses and
 * evaluates them on N worker threads (each with its own molecule and
 * verdict objects), and writes the formatted results in input order.
 *
 * Memory is bounded by opts.window batches of opts.batch_records records
 * (and the reader's max_record), whatever the size of the input.
 * A record that cannot be read or parsed yields an error line (JSON Lines:
 * {"id","record","error":{"message","offset"}}) and the batch goes on.
 *
 * Output formats (docs/screening.md has examples):
 *   JSONL  {"id","input","results":[{"jurisdiction","date","status","basis",
 *           "schedule","entry","name","limbs","citation","effective_from"}],
 *           "alerts":[...]} one object a line;
 *   CSV    one row per (record, result), header first (RFC 4180 quoting);
 *   TEXT   a readable report with a closing summary;
 *   SDF    the input record with its data items, plus cordon.* data items.
 */
#ifndef CORDON_SCREEN_H
#define CORDON_SCREEN_H

#include "cordon/common.h"
#include "cordon/kb.h"
#include "cordon/reader.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cordon_screen_format {
    CORDON_SCREEN_JSONL = 0,
    CORDON_SCREEN_CSV,
    CORDON_SCREEN_TEXT,
    CORDON_SCREEN_SDF
} cordon_screen_format;

/* Parses "jsonl", "json", "csv", "text", "sdf"; -1 if unknown. */
int cordon_screen_format_from_name(const char *name);

typedef struct cordon_screen_opts {
    /* Comma-separated jurisdiction codes ("US,CN"), "all" or NULL (= all
     * jurisdictions present in the knowledge base).  Case-insensitive; "UK"
     * means GB. */
    const char *jurisdictions;
    int32_t date;         /* YYYYMMDD; 0 = today (UTC) */
    int format;           /* cordon_screen_format, default JSONL */
    int only_hits;        /* 1: write only records controlled somewhere and
                             unreadable records; default 0 */
    int threads;          /* worker threads; 0 = online cores (default) */
    size_t batch_records; /* records per batch, default 256 */
    size_t window;        /* batches in flight, default 4 per thread */
    int color;            /* TEXT only: ANSI colours, default 0 */
    int no_alerts;        /* 1: skip analogue alerts ("alerts" is always
                             []); much faster.  Default 0.  CSV and SDF
                             never compute them. */
} cordon_screen_opts;
#define CORDON_SCREEN_OPTS_INIT                                                \
    {                                                                          \
        NULL, 0, CORDON_SCREEN_JSONL, 0, 0, 256, 0, 0, 0                       \
    }

/* Running totals, passed to the progress callback and returned by run. */
typedef struct cordon_screen_stats {
    uint64_t records;     /* records written or skipped (--only-hits) */
    uint64_t controlled;  /* records controlled in at least one place */
    uint64_t unreadable;  /* records that could not be read or parsed */
    uint64_t bytes_read;  /* input consumed (cordon_reader_bytes_read) */
    uint64_t bytes_total; /* input size, 0 if unknown */
    double elapsed;       /* seconds since run started */
    /* records controlled (or a listed precursor) per jurisdiction, indexed
     * as cordon_screen_jurisdiction(s, i) (at most 32 jurisdictions) */
    uint64_t by_jurisdiction[32];
} cordon_screen_stats;

typedef struct cordon_screen cordon_screen;

/*
 * Compiles the screen.  kb is borrowed and must outlive the screen.
 * Returns CORDON_OK, CORDON_EINVAL (bad option: unknown jurisdiction code,
 * bad format; err says which), CORDON_EKB (the rules did not compile),
 * CORDON_ENOMEM.
 */
cordon_status cordon_screen_new(cordon_screen **out, const cordon_kb *kb,
                                const cordon_screen_opts *opts,
                                const cordon_allocator *alloc,
                                cordon_error *err);
void cordon_screen_free(cordon_screen *s);

/* Jurisdictions the screen evaluates, in output order ("US", "CN", ...). */
int cordon_screen_num_jurisdictions(const cordon_screen *s);
const char *cordon_screen_jurisdiction(const cordon_screen *s, int i);
/* The evaluation date (YYYYMMDD). */
int32_t cordon_screen_date(const cordon_screen *s);

/* Output sink: writes n bytes, returns 0 on success, non-zero on failure
 * (the run stops with CORDON_EIO). */
typedef int (*cordon_screen_write_fn)(void *ud, const char *s, size_t n);
/* Progress callback, called from the calling thread of cordon_screen_run
 * after each batch written (at most a few hundred times a second). */
typedef void (*cordon_screen_progress_fn)(void *ud,
                                          const cordon_screen_stats *st);

/*
 * Screens every record of r and writes the results through write_fn.
 * Several inputs may share one report: call cordon_screen_begin once (TEXT
 * and CSV headers), cordon_screen_run per input, cordon_screen_finish once
 * (TEXT summary).
 * st (may be NULL) receives the totals (accumulated: zero it before the
 * first run).  Returns CORDON_OK (bad records are counted, not errors),
 * CORDON_EIO (reading or writing failed), CORDON_ENOMEM.
 */
cordon_status cordon_screen_run(const cordon_screen *s, cordon_reader *r,
                                cordon_screen_write_fn write_fn, void *wud,
                                cordon_screen_progress_fn progress, void *pud,
                                cordon_screen_stats *st, cordon_error *err);

/* Writes the opening part of the report (TEXT: title line; CSV: header;
 * other formats: nothing). */
cordon_status cordon_screen_begin(const cordon_screen *s,
                                  cordon_screen_write_fn write_fn, void *wud,
                                  cordon_error *err);
/* Writes the closing part of the report (TEXT: summary; other formats:
 * nothing).  st is the accumulated totals. */
cordon_status cordon_screen_finish(const cordon_screen *s,
                                   const cordon_screen_stats *st,
                                   cordon_screen_write_fn write_fn, void *wud,
                                   cordon_error *err);

/*
 * One molecule given as text (SMILES, InChI or a MOL block; fmt as in
 * reader.h, AUTO detects), formatted like one record of a run; for servers
 * and bindings.  *out points into a buffer owned by the screen's caller
 * context ctx (create with cordon_screen_ctx_new, one per thread).
 * *controlled (may be NULL) is 1 if any jurisdiction controls it.
 * Returns CORDON_OK, or the parse status (the error line is written too).
 */
typedef struct cordon_screen_ctx cordon_screen_ctx;
cordon_status cordon_screen_ctx_new(cordon_screen_ctx **out,
                                    const cordon_screen *s);
void cordon_screen_ctx_free(cordon_screen_ctx *c);
cordon_status cordon_screen_one(cordon_screen_ctx *c, const char *text,
                                size_t len, const char *id, const char **out,
                                size_t *out_len, int *controlled,
                                cordon_error *err);

/*
 * Relative potency claims (reference §6), for report text only -- never
 * used in a verdict.  Kept in data/kb-extra/potency.txt with their sources
 * (the KB format has no place for them; docs/screening.md).  The claims
 * for a substance name (matched by the forgiving name key N2 of kb.h) or
 * for a KB entry (its name and synonyms): writes up to max and returns the
 * total.  Strings are static.
 */
typedef struct cordon_potency {
    const char *substance;     /* "fentanyl" */
    const char *compared_with; /* "morphine" */
    const char *claim;         /* "50-100x morphine in humans" */
    const char *source;        /* "Health Canada, FRS status-..." */
    const char *confidence;    /* "V", "S", "U", "D" */
} cordon_potency;
int cordon_potency_for_name(const char *name, size_t len, cordon_potency *out,
                            int max);
int cordon_potency_for_entry(const cordon_kb_entry *e, cordon_potency *out,
                             int max);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_SCREEN_H */

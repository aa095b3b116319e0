/*
 * screen_int.h -- internals of the screening pipeline (src/screen/).
 *
 *   pipeline.c  reader -> batches -> worker threads -> ordered writer
 *   record.c    one record: parse, evaluate, format (JSONL/CSV/TEXT/SDF)
 *   eval.c      the bridge to the rules engine (verdicts, alerts)
 *   potency.c   relative-potency notes (data/kb-extra/potency.txt)
 */
#ifndef CORDON_SCREEN_INT_H
#define CORDON_SCREEN_INT_H

#include "core/core.h"
#include "cordon/mol.h"
#include "cordon/screen.h"
#include "cordon/smiles.h"

#define SCREEN_MAX_JUR 32

struct cordon_screen {
    const cordon_allocator *alloc;
    const cordon_kb *kb;
    cordon_screen_opts opts;
    int threads;
    char jur[SCREEN_MAX_JUR][8];
    int njur;
    int32_t date;
    char date_str[16]; /* YYYY-MM-DD */
    void *rules;       /* compiled rule set; owned (eval.c) */
    /* JSON Lines text that depends only on the date and the jurisdiction
     * list, made once by cordon_screen_new (record.c): in pre, nc_off[k] /
     * nc_len[k] locate jurisdiction k's not-controlled result object and
     * tail_off / tail_len everything after the "input" value of a record
     * that no jurisdiction controls and that has no alert. */
    cordon_buf pre;
    size_t nc_off[SCREEN_MAX_JUR], nc_len[SCREEN_MAX_JUR];
    size_t tail_off, tail_len;
};

/* One verdict line of a record: strings are borrowed from the KB or the
 * rules engine (immutable); limbs is held inline. */
typedef struct screen_hit {
    const char *jurisdiction;
    const char *status; /* "controlled", "not-controlled", "probable" */
    const char *basis;  /* "listed", "class", "precursor", "" */
    const char *schedule;
    const char *entry;
    const char *name;
    const char *citation;
    char limbs[96]; /* "A,C" or "" */
    int32_t effective_from;
    int effective_precision; /* CORDON_KB_DATE_* */
    const char *confidence;
    int hit;  /* status is not "not_controlled" */
    int jidx; /* index in cordon_screen.jur, -1 when not asked */
} screen_hit;

struct cordon_screen_ctx {
    const cordon_screen *s;
    cordon_mol *mol;
    cordon_smiles_writer *sw;
    struct cordon_molfile_writer *mw; /* SDF output of non-SDF input */
    void *eval;                       /* per-thread rules state (eval.c) */
    screen_hit *hits;
    size_t nhits, cap;
    size_t nalerts;
    cordon_buf alerts; /* NUL-separated alert texts */
    cordon_buf one;    /* output of cordon_screen_one */
    cordon_buf in;     /* its input, NUL-terminated */
    uint32_t hit_mask; /* last record: bit k = jurisdiction k controls it */
    cordon_error err;  /* the last record's parse error */
};

/* Per-record description handed to screen__record. */
typedef struct screen_rec {
    const char *text; /* NUL-terminated at text[len] */
    size_t len;
    const char *id;
    size_t id_len;
    uint64_t number;
    size_t line;
    int status;      /* framing status: CORDON_OK or the reader's error */
    const char *msg; /* framing error message when status != OK */
} screen_rec;

/* Parses, evaluates and formats one record into out.  fmt is the input
 * format.  *controlled is set to 1 when any jurisdiction controls it,
 * *bad to 1 when the record could not be read; *written to 1 when output
 * was produced (only_hits may suppress it).  Returns CORDON_ENOMEM only;
 * bad records are output, not failures. */
int screen__record(cordon_screen_ctx *c, cordon_format fmt, const screen_rec *r,
                   cordon_buf *out, int *controlled, int *bad, int *written);

/* Writes the TEXT/CSV header into out (nothing for JSONL/SDF). */
int screen__header(const cordon_screen *s, cordon_buf *out);
/* Writes the TEXT closing summary into out. */
int screen__footer(const cordon_screen *s, const cordon_screen_stats *st,
                   cordon_buf *out);

/* eval.c: compiles / frees the rules; per-thread state; evaluates c->mol
 * into c->hits and c->alerts. */
int screen__rules_new(cordon_screen *s, cordon_error *err);
void screen__rules_free(cordon_screen *s);
int screen__eval_new(cordon_screen_ctx *c);
void screen__eval_free(cordon_screen_ctx *c);
int screen__eval(cordon_screen_ctx *c);
/* Adds a hit / an alert to the context (eval.c helpers). */
int screen__add_hit(cordon_screen_ctx *c, const screen_hit *h);
int screen__add_alert(cordon_screen_ctx *c, const char *s, size_t n);

/* Writes YYYY-MM-DD (or YYYY-MM / YYYY for partial precision) into buf
 * (>= 16 bytes); "" for 0. */
const char *screen__date(char *buf, int32_t d, int precision);

#endif /* CORDON_SCREEN_INT_H */

/*
 * kb_out.h -- knowledge-base output shared by 'cordon kb' and 'cordon lookup'
 * (and usable by any command that prints KB entries).
 */
#ifndef CORDON_CLI_KB_OUT_H
#define CORDON_CLI_KB_OUT_H

#include <stdio.h>

#include "cordon/kb.h"

/* Loads the KB for --kb DIR (NULL = built in); on failure prints
 * "cordon CMD: message" and returns CLI_EXIT_USAGE, else 0. */
int kbcli_load(const char *cmd, const char *dir, cordon_kb **out);

/* 1 for substance, precursor and class entries (the ones exported). */
int kbcli_is_listing(const cordon_kb_entry *e);

/* Writes a date with its precision: YYYY-MM-DD, YYYY-MM or YYYY; "" for
 * CORDON_KB_DATE_NONE.  buf has at least 16 bytes. */
const char *kbcli_date(char *buf, int32_t d, int precision);

/* One entry as a JSON object on one line (export/lookup --format jsonl). */
void kbcli_entry_json(FILE *f, const cordon_kb_entry *e);
/* TSV header and row (export --format tsv). */
void kbcli_tsv_header(FILE *f);
void kbcli_entry_tsv(FILE *f, const cordon_kb_entry *e);
/* Human-readable block; date (YYYYMMDD, 0 = none) adds an in-force line. */
void kbcli_entry_text(FILE *f, const cordon_kb_entry *e, int32_t date);

/* Parses --kb DIR / --kb=DIR at argv[*i]; returns 1 if consumed (advancing
 * *i), 0 if not this option, -1 on a missing value. */
int kbcli_opt(int argc, char **argv, int *i, const char *name,
              const char **val);

#endif /* CORDON_CLI_KB_OUT_H */

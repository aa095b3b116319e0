/*
 * screen_out.h -- helpers shared by 'cordon explain', 'diff' and 'timeline':
 * options, resolving a query (name, CAS, entry id or SMILES) to a
 * structure, and printing verdicts.
 */
#ifndef CORDON_CLI_SCREEN_OUT_H
#define CORDON_CLI_SCREEN_OUT_H

#include <stdio.h>

#include "cordon/kb.h"
#include "cordon/mol.h"
#include "cordon/rules.h"

#define SCLI_MAX_JUR 32

/* Jurisdiction list from "US,CN" / "all" / NULL (NULL and "all" give
 * njur = 0, meaning every jurisdiction of the rules).  Codes are upper
 * case, UK -> GB.  Returns 0, or -1 on a bad code (too long). */
typedef struct scli_jur {
    char code[SCLI_MAX_JUR][8];
    const char *ptr[SCLI_MAX_JUR];
    int n;
} scli_jur;
int scli_parse_jur(const char *list, scli_jur *out);
/* Fills every jurisdiction of the rules when out->n is 0. */
void scli_all_jur(const cordon_rules *rules, scli_jur *out);

/* Parses YYYY-MM-DD (NULL: today, UTC). Returns 0 or -1. */
int scli_parse_date(const char *s, int32_t *out);

/* Loads the KB and compiles the rules; prints the error and returns
 * CLI_EXIT_USAGE on failure, 0 on success. */
int scli_load(const char *cmd, const char *kbdir, cordon_kb **kb,
              cordon_rules **rules);

/* How a query was resolved. */
enum { SCLI_BY_NAME = 1, SCLI_BY_SMILES = 2, SCLI_ENTRY_ONLY = 3 };
/*
 * Resolves q: a knowledge-base name, synonym, CAS number or entry id
 * (cordon_rules_structure_for_name), else a SMILES or InChI.  Returns
 * SCLI_BY_NAME / SCLI_BY_SMILES with mol filled, SCLI_ENTRY_ONLY when q
 * names an entry without a structure (*entry set), or 0 when q is none of
 * these (the error is printed).
 */
int scli_resolve(const char *cmd, const cordon_rules *rules, const char *q,
                 cordon_mol *mol, const cordon_kb_entry **entry);

/* Writes YYYY-MM-DD / YYYY-MM / YYYY for a period start; "?" when 0. */
const char *scli_date(char *buf, int32_t d, int precision);

/* The result as a JSON object (the fields of cordon screen's "results"). */
void scli_result_json(FILE *f, const cordon_result *r);

/* Relative potency lines (data/kb-extra/potency.txt) for an entry or a
 * name; prints a heading once.  Returns the number printed. */
int scli_potency_text(FILE *f, const cordon_kb_entry *e, const char *name);

#endif /* CORDON_CLI_SCREEN_OUT_H */

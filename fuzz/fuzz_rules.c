/*
 * fuzz_rules.c -- libFuzzer target for the rules engine (src/rules/): the
 * class-definition compiler and the evaluator.  The input's first line is a
 * SMILES; the rest is one .kb file (with [class] entries).  The target
 * loads it, compiles the rules (CORDON_EKB is a normal outcome), and
 * evaluates the molecule on three dates with and without alerts.
 */
#include <stdint.h>
#include <string.h>

#include "cordon/kb.h"
#include "cordon/rules.h"
#include "cordon/smiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t slen = nl ? (size_t)(nl - s) : size;
    cordon_kb *kb = NULL;
    cordon_rules *rules = NULL;
    cordon_verdict *v = NULL;
    cordon_mol *mol = NULL;
    static const int32_t dates[3] = {19850101, 20190501, 20260101};
    int i;
    if (!nl)
        return 0;
    if (cordon_kb_load_buffer(&kb, "fuzz.kb", nl + 1, size - slen - 1, NULL,
                              NULL) != CORDON_OK)
        goto done;
    if (cordon_rules_compile(&rules, kb, NULL, NULL, NULL) != CORDON_OK)
        goto done;
    if (cordon_verdict_new(&v, NULL) != CORDON_OK ||
        cordon_mol_new(&mol, NULL) != CORDON_OK)
        goto done;
    if (cordon_smiles_read(mol, s, slen, NULL, NULL) != CORDON_OK)
        goto done;
    for (i = 0; i < 3; i++) {
        int k, n;
        if (cordon_rules_evaluate(rules, mol, NULL, 0, dates[i],
                                  i == 1 ? CORDON_EVAL_NO_ALERTS
                                         : CORDON_EVAL_ALL_DATES,
                                  v, NULL) != CORDON_OK)
            continue;
        n = cordon_verdict_num_findings(v);
        for (k = 0; k < n; k++) {
            const cordon_finding *f = cordon_verdict_finding(v, k);
            int x = f->expl, r;
            for (r = 0; r < cordon_verdict_expl_num_regions(v, x); r++)
                (void)cordon_verdict_expl_region(v, x, r)->natoms;
            (void)cordon_verdict_expl_text(v, x);
        }
    }
done:
    cordon_mol_free(mol);
    cordon_verdict_free(v);
    cordon_rules_free(rules);
    cordon_kb_free(kb);
    return 0;
}

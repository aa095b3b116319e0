/*
 * fuzz_match.c -- libFuzzer target for matching (src/match/, src/fp/).
 * Input: "SMARTS\nSMILES".  Both are parsed; when both are valid the
 * pattern is matched (first, all, unique) under a small work budget, and
 * the screen fingerprint's guarantee is checked: a pair that matches is
 * never screened out (abort otherwise, so the fuzzer reports it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/cordon.h"
#include "cordon/fp.h"
#include "cordon/match.h"
#include "cordon/smarts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    cordon_query *q = NULL;
    cordon_mol *mol = NULL;
    cordon_matcher *m = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    cordon_match_opts o = CORDON_MATCH_OPTS_INIT;
    cordon_screenfp qfp, mfp;
    cordon_morganfp mg;
    int n = 0, found = 0;
    if (!nl)
        return 0;
    o.max_steps = 20000;
    o.max_matches = 50;
    if (cordon_smarts_compile(&q, s, (size_t)(nl - s), NULL, NULL, &err) !=
        CORDON_OK)
        return 0;
    if (cordon_mol_new(&mol, NULL) != CORDON_OK ||
        cordon_matcher_new(&m, NULL) != CORDON_OK)
        goto done;
    if (cordon_smiles_read(mol, nl + 1, size - (size_t)(nl - s) - 1, NULL,
                           &err) != CORDON_OK)
        goto done;
    (void)cordon_fp_morgan(&mg, mol, &err);
    if (cordon_matcher_bind(m, mol, &err) != CORDON_OK)
        goto done;
    (void)cordon_match_first(m, q, &o, &found, &err);
    o.uniquify = 0;
    (void)cordon_match_all(m, q, &o, &n, &err);
    if (cordon_match_count(m, q, &o, &n, &err) == CORDON_OK && n > 0) {
        cordon_screenfp_query(&qfp, q);
        if (cordon_screenfp_mol(&mfp, mol) == CORDON_OK &&
            !cordon_screenfp_could_match(&qfp, &mfp))
            abort();
        if (cordon_match_mapping(m, n - 1) == NULL)
            abort();
    }
done:
    cordon_matcher_free(m);
    cordon_mol_free(mol);
    cordon_query_free(q);
    return 0;
}

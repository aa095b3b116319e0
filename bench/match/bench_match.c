/*
 * bench_match.c -- screening speed of libcordon's matcher: every molecule
 * of a SMILES file against every pattern of a SMARTS file, "does it match"
 * per (molecule, pattern) as RDKit's FilterCatalog.GetMatches does.
 *
 * usage: bench_match PATTERNS.smarts MOLECULES.smi
 * prints one line: molecules, patterns, (molecule, pattern) hits, CPU
 * seconds for matching alone and for parse + perception + matching, and
 * molecules per CPU-second for each (one thread; CPU time, so a shared
 * machine does not distort the rate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cordon/cordon.h"
#include "cordon/match.h"
#include "cordon/smarts.h"

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    FILE *f;
    char line[65536];
    cordon_query **qs = NULL;
    cordon_mol **mols = NULL;
    int nq = 0, nm = 0, capq = 0, capm = 0, i, j, bad = 0;
    long hits = 0;
    double t0, t1, t2;
    cordon_matcher *m = NULL;
    if (argc != 3) {
        fprintf(stderr, "usage: bench_match PATTERNS MOLECULES\n");
        return 2;
    }
    f = fopen(argv[1], "r");
    if (!f)
        return 2;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \t\r\n");
        cordon_error err = CORDON_ERROR_INIT;
        cordon_query *q;
        if (n == 0 || line[0] == '#')
            continue;
        if (cordon_smarts_compile(&q, line, n, NULL, NULL, &err)) {
            fprintf(stderr, "bad SMARTS %.*s: %s\n", (int)n, line, err.message);
            continue;
        }
        if (nq == capq) {
            capq = capq ? 2 * capq : 64;
            qs = realloc(qs, sizeof *qs * (size_t)capq);
        }
        qs[nq++] = q;
    }
    fclose(f);
    f = fopen(argv[2], "r");
    if (!f)
        return 2;
    t0 = cpu();
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \t\r\n");
        cordon_error err = CORDON_ERROR_INIT;
        cordon_mol *mol;
        if (n == 0)
            continue;
        cordon_mol_new(&mol, NULL);
        if (cordon_smiles_read(mol, line, n, NULL, &err)) {
            bad++;
            cordon_mol_free(mol);
            continue;
        }
        if (nm == capm) {
            capm = capm ? 2 * capm : 1024;
            mols = realloc(mols, sizeof *mols * (size_t)capm);
        }
        mols[nm++] = mol;
    }
    fclose(f);
    t1 = cpu();
    cordon_matcher_new(&m, NULL);
    for (i = 0; i < nm; i++) {
        cordon_error err = CORDON_ERROR_INIT;
        cordon_matcher_bind(m, mols[i], &err);
        for (j = 0; j < nq; j++) {
            int found = 0;
            cordon_match_first(m, qs[j], NULL, &found, &err);
            hits += found;
        }
    }
    t2 = cpu();
    printf("cordon: %d molecules (%d unreadable), %d patterns, %ld hits, "
           "matching %.3f s CPU = %.0f mol/s/core; parse+match %.3f s CPU = "
           "%.0f mol/s/core\n",
           nm, bad, nq, hits, t2 - t1, nm / (t2 - t1), t2 - t0, nm / (t2 - t0));
    cordon_matcher_free(m);
    for (i = 0; i < nm; i++)
        cordon_mol_free(mols[i]);
    for (j = 0; j < nq; j++)
        cordon_query_free(qs[j]);
    free(mols);
    free(qs);
    return 0;
}

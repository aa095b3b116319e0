/*
 * cordon_smiles.c -- SMILES reading speed of libcordon, for bench/run.sh.
 *
 * usage: cordon_smiles FILE.smi
 *
 * Loads FILE ('SMILES [ID]' lines, plain text) into memory, then times on
 * one core (process CPU time):
 *   read  cordon_smiles_read with perception (valence, rings, aromaticity)
 *   can   the same plus canonical SMILES (cordon_smiles_write, CANONICAL)
 * and prints one line per phase:
 *   cordon read N ok M failed S s R mol/s/core
 * Reuses one molecule and one writer, as a pipeline would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cordon/cordon.h"

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct rec {
    const char *s;
    size_t len;
} rec;

static char *load(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, len = 0, got;
    if (!f)
        return NULL;
    do {
        if (len + 65536 > cap) {
            char *nb;
            cap = cap ? cap * 2 : 1 << 20;
            if (!(nb = realloc(buf, cap + 1))) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    buf[len] = '\0';
    *n = len;
    return buf;
}

static rec *split(char *buf, size_t len, size_t *nrec)
{
    size_t cap = 1024, n = 0, pos = 0;
    rec *r = malloc(cap * sizeof *r);
    while (r && pos < len) {
        char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len, k = pos;
        while (k < end && buf[k] != ' ' && buf[k] != '\t' && buf[k] != '\r')
            k++;
        if (k > pos) {
            if (n == cap) {
                rec *nr = realloc(r, 2 * cap * sizeof *r);
                if (!nr) {
                    free(r);
                    return NULL;
                }
                r = nr;
                cap *= 2;
            }
            r[n].s = buf + pos;
            r[n].len = k - pos;
            n++;
        }
        pos = end + 1;
    }
    *nrec = n;
    return r;
}

static void phase(const char *name, const rec *r, size_t n, int canonical,
                  cordon_mol *mol, cordon_smiles_writer *w)
{
    size_t i, ok = 0, bad = 0, bytes = 0;
    double t0 = cpu_seconds(), dt;
    for (i = 0; i < n; i++) {
        const char *out;
        size_t len;
        if (cordon_smiles_read(mol, r[i].s, r[i].len, NULL, NULL) !=
            CORDON_OK) {
            bad++;
            continue;
        }
        if (canonical && cordon_smiles_write(w, mol, CORDON_SMILES_CANONICAL,
                                             &out, &len, NULL) != CORDON_OK) {
            bad++;
            continue;
        }
        if (canonical)
            bytes += len;
        ok++;
    }
    dt = cpu_seconds() - t0;
    printf("cordon %s %zu ok %zu failed %.3f s %.0f mol/s/core\n", name, ok,
           bad, dt, (double)n / dt);
    (void)bytes;
}

int main(int argc, char **argv)
{
    size_t len, n;
    char *buf;
    rec *r;
    cordon_mol *mol = NULL;
    cordon_smiles_writer *w = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: cordon_smiles FILE.smi\n");
        return 2;
    }
    if (!(buf = load(argv[1], &len)) || !(r = split(buf, len, &n))) {
        fprintf(stderr, "cordon_smiles: cannot read %s\n", argv[1]);
        return 2;
    }
    if (cordon_mol_new(&mol, NULL) != CORDON_OK ||
        cordon_smiles_writer_new(&w, NULL) != CORDON_OK)
        return 2;
    phase("read", r, n, 0, mol, w);
    phase("can", r, n, 1, mol, w);
    cordon_smiles_writer_free(w);
    cordon_mol_free(mol);
    free(r);
    free(buf);
    return 0;
}

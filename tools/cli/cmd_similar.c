/* cmd_similar.c -- 'cordon similar': records ranked by Morgan-fingerprint
 * Tanimoto similarity to a query.  See docs/man/cordon-similar.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/cordon.h"
#include "cordon/fp.h"
#include "cordon/reader.h"

const char cmd_similar_help[] =
    "usage: cordon similar [options] QUERY [FILE...]\n"
    "       cordon similar --bits [FILE...]\n"
    "\n"
    "Ranks the molecules of each FILE (SMILES lines 'SMILES [ID]', SDF/MOL\n"
    "or InChI; plain or gzip), or of standard input when none is given or\n"
    "FILE is '-', by Tanimoto similarity to the QUERY SMILES, on Morgan\n"
    "fingerprints of radius 2 folded to 2048 bits (the same bits as RDKit's\n"
    "GetMorganFingerprintAsBitVect(mol, 2, 2048); docs/fingerprints.md).\n"
    "\n"
    "Prints the K most similar records, best first (ties in input order),\n"
    "one a line:\n"
    "\n"
    "  SIMILARITY<TAB>ID<TAB>SMILES\n"
    "\n"
    "SIMILARITY has 4 decimals; SMILES is the record text as read (for SDF\n"
    "and InChI input, the id only is meaningful and SMILES is '-').\n"
    "\n"
    "Options:\n"
    "  -k, --top K          how many records to print (default 10)\n"
    "  -t, --threshold T    only records with similarity >= T (default 0)\n"
    "  --bits               no QUERY: print every record's fingerprint as\n"
    "                       'ID<TAB>BIT BIT ...' (on-bits, ascending)\n"
    "  --format FMT         auto (default), smi, sdf or inchi\n"
    "  -h, --help           this text\n"
    "\n"
    "Records that cannot be read are reported on standard error and skipped.\n"
    "\n"
    "Exit status: 0 done, 3 some records could not be read, 2 usage error,\n"
    "bad query or I/O error.\n";

typedef struct hit {
    double sim;
    size_t order; /* input position, for ties */
    char *id;
    char *text;
} hit;

typedef struct ranking {
    hit *hits; /* sorted best first, n <= k */
    size_t n, k;
} ranking;

static int better(double s1, size_t o1, double s2, size_t o2)
{
    return s1 > s2 || (s1 == s2 && o1 < o2);
}

static char *dup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Inserts a record if it ranks among the k best; -1 on out of memory. */
static int offer(ranking *r, double sim, size_t order, const char *id,
                 const char *text, size_t tlen)
{
    size_t pos;
    hit h;
    if (r->k == 0)
        return 0;
    if (r->n == r->k &&
        !better(sim, order, r->hits[r->n - 1].sim, r->hits[r->n - 1].order))
        return 0;
    h.sim = sim;
    h.order = order;
    h.id = dup(id, strlen(id));
    h.text = dup(text, tlen);
    if (!h.id || !h.text) {
        free(h.id);
        free(h.text);
        return -1;
    }
    if (r->n == r->k) {
        free(r->hits[r->n - 1].id);
        free(r->hits[r->n - 1].text);
        r->n--;
    }
    for (pos = r->n; pos > 0 && better(sim, order, r->hits[pos - 1].sim,
                                       r->hits[pos - 1].order);
         pos--)
        r->hits[pos] = r->hits[pos - 1];
    r->hits[pos] = h;
    r->n++;
    return 0;
}

/* --bits: "ID<TAB>b1 b2 ..." (on-bits, ascending, RDKit's GetOnBits). */
static void print_bits(const char *id, const cordon_morganfp *fp)
{
    int b, first = 1;
    printf("%s\t", id);
    for (b = 0; b < CORDON_MORGAN_BITS; b++)
        if (fp->w[b / 64] >> (b % 64) & 1) {
            printf(first ? "%d" : " %d", b);
            first = 0;
        }
    putchar('\n');
}

/* Ranks (or, with qfp NULL, prints the bits of) the records of path. */
static int similar_file(const char *path, cordon_format fmt, cordon_mol *mol,
                        const cordon_morganfp *qfp, double threshold,
                        ranking *rk, size_t *order)
{
    cordon_reader *r = NULL;
    cordon_reader_opts ro = CORDON_READER_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int rc, status = CLI_EXIT_OK;
    ro.format = fmt;
    if (cordon_reader_open(&r, path, &ro, NULL, &err) != CORDON_OK) {
        cli_warn("similar", "%s: %s", path, err.message);
        return CLI_EXIT_USAGE;
    }
    for (;;) {
        cordon_morganfp fp;
        cordon_error_clear(&err);
        rc = cordon_reader_next(r, mol, &err);
        if (rc == CORDON_ENOTFOUND)
            break;
        if (rc == CORDON_OK)
            rc = cordon_fp_morgan(&fp, mol, &err);
        if (rc == CORDON_OK && !qfp) {
            print_bits(cordon_reader_record_id(r), &fp);
            continue;
        }
        if (rc == CORDON_OK) {
            double sim = cordon_fp_tanimoto(qfp, &fp);
            size_t len = 1;
            const char *text = "-";
            if (cordon_reader_format(r) == CORDON_FMT_SMI)
                text = cordon_reader_record_text(r, &len);
            if (sim >= threshold &&
                offer(rk, sim, (*order)++, cordon_reader_record_id(r), text,
                      len)) {
                cli_warn("similar", "out of memory");
                status = CLI_EXIT_USAGE;
                break;
            }
            continue;
        }
        if (rc == CORDON_EIO || rc == CORDON_ENOMEM) {
            cli_warn("similar", "%s: %s", path, err.message);
            status = CLI_EXIT_USAGE;
            break;
        }
        cli_warn("similar", "%s: record %zu (%s): %s", path, err.record,
                 cordon_reader_record_id(r), err.message);
        status = CLI_EXIT_BADREC;
    }
    cordon_reader_free(r);
    return status;
}

int cmd_similar(int argc, char **argv)
{
    cordon_format fmt = CORDON_FMT_AUTO;
    long k = 10;
    double threshold = 0.0;
    int bits = 0;
    int i, first, npos = 1, status = CLI_EXIT_OK, nfiles = 0;
    size_t order = 0, j;
    cordon_mol *mol = NULL;
    cordon_morganfp qfp;
    cordon_error err = CORDON_ERROR_INIT;
    ranking rk = {NULL, 0, 0};
    const char *query;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cmd_similar_help, stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "-k") || !strcmp(a, "--top")) {
            errno = 0;
            k = v ? strtol(v, &end, 10) : -1;
            if (!v || errno || *end || k < 1 || k > 1000000)
                return cli_usage_error("similar", "bad --top '%s'", v ? v : "");
            i++;
        } else if (!strcmp(a, "-t") || !strcmp(a, "--threshold")) {
            errno = 0;
            threshold = v ? strtod(v, &end) : -1.0;
            if (!v || errno || *end || threshold < 0.0 || threshold > 1.0)
                return cli_usage_error("similar", "bad --threshold '%s'",
                                       v ? v : "");
            i++;
        } else if (!strcmp(a, "--bits")) {
            bits = 1;
        } else if (!strcmp(a, "--format")) {
            int f = v ? cordon_format_from_name(v) : -1;
            if (f < 0)
                return cli_usage_error("similar", "bad --format '%s'",
                                       v ? v : "");
            fmt = (cordon_format)f;
            i++;
        } else if (!strcmp(a, "--")) {
            while (++i < argc)
                argv[npos++] = argv[i];
            break;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("similar", "unknown option '%s'", a);
        } else {
            argv[npos++] = argv[i]; /* options may follow operands */
        }
    }
    argc = npos;
    i = 1;
    if (bits) {
        query = NULL;
    } else {
        if (i >= argc)
            return cli_usage_error("similar", "missing QUERY");
        query = argv[i++];
    }
    first = i;
    rk.k = (size_t)k;
    rk.hits = calloc(rk.k, sizeof *rk.hits);
    if (!rk.hits || cordon_mol_new(&mol, NULL) != CORDON_OK) {
        cli_warn("similar", "out of memory");
        status = CLI_EXIT_USAGE;
        goto done;
    }
    if (query && (cordon_smiles_read(mol, query, strlen(query), NULL, &err) !=
                      CORDON_OK ||
                  cordon_fp_morgan(&qfp, mol, &err) != CORDON_OK)) {
        cli_warn("similar", "bad query SMILES '%s': %s", query, err.message);
        status = CLI_EXIT_USAGE;
        goto done;
    }
    for (i = first; i < argc || (i == first && nfiles == 0); i++) {
        const char *path = i < argc ? argv[i] : "-";
        int rc = similar_file(path, fmt, mol, query ? &qfp : NULL, threshold,
                              &rk, &order);
        nfiles++;
        if (rc == CLI_EXIT_USAGE)
            status = CLI_EXIT_USAGE;
        else if (rc == CLI_EXIT_BADREC && status == CLI_EXIT_OK)
            status = CLI_EXIT_BADREC;
    }
    for (j = 0; j < rk.n; j++)
        printf("%.4f\t%s\t%s\n", rk.hits[j].sim, rk.hits[j].id,
               rk.hits[j].text);
    if (fflush(stdout) != 0) {
        cli_warn("similar", "cannot write output");
        status = CLI_EXIT_USAGE;
    }
done:
    for (j = 0; j < rk.n; j++) {
        free(rk.hits[j].id);
        free(rk.hits[j].text);
    }
    free(rk.hits);
    cordon_mol_free(mol);
    return status;
}

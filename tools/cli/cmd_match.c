/* cmd_match.c -- 'cordon match': records that match SMARTS patterns.  See
 * docs/man/cordon-match.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/cordon.h"
#include "cordon/match.h"
#include "cordon/reader.h"
#include "cordon/smarts.h"

const char cmd_match_help[] =
    "usage: cordon match [options] SMARTS [FILE...]\n"
    "       cordon match [options] --patterns PFILE [FILE...]\n"
    "\n"
    "Reads molecules (SMILES lines 'SMILES [ID]', SDF/MOL or InChI; plain or\n"
    "gzip) from each FILE, or standard input when none is given or FILE is\n"
    "'-', and matches them against a Daylight SMARTS pattern, or against\n"
    "every pattern of PFILE (one 'SMARTS [NAME]' a line; '#' starts a\n"
    "comment line).  Semantics follow RDKit (docs/smarts.md).\n"
    "\n"
    "Output, one line a record unless said otherwise, in input order:\n"
    "  (default)   records that match at least one pattern, as read\n"
    "              ('SMILES ID'; an SDF record is copied whole)\n"
    "  --invert    records that match no pattern\n"
    "  --count     every record: 'ID N1 N2 ...', the number of unique\n"
    "              matches (distinct atom sets, as RDKit's uniquify) of\n"
    "              each pattern in file order, capped at --max-matches\n"
    "  --atoms     per matching (record, pattern): 'ID<TAB>NAME<TAB>M1 M2 "
    "...'\n"
    "              where each match Mk lists the matched atom indices\n"
    "              (0-based, in query atom order) joined by ','\n"
    "\n"
    "Options:\n"
    "  -p, --patterns PFILE  read patterns from PFILE\n"
    "  -c, --count           print unique-match counts\n"
    "  -a, --atoms           print matched atoms\n"
    "  -v, --invert          print records matching nothing\n"
    "  --max-matches N       unique matches counted per pattern (def. 1000)\n"
    "  --max-steps N         matcher work budget per pattern (def. 1000000)\n"
    "  --format FMT          auto (default), smi, sdf or inchi\n"
    "  -h, --help            this text\n"
    "\n"
    "A record that cannot be read is reported on standard error and skipped;\n"
    "a pattern whose work budget runs out counts the matches found so far\n"
    "and is reported on standard error.\n"
    "\n"
    "Exit status: 0 done, 3 some records could not be read, 2 usage error,\n"
    "bad SMARTS or I/O error.\n";

typedef struct pattern {
    cordon_query *q;
    char *name;
} pattern;

typedef struct mopts {
    int count, atoms, invert;
    cordon_match_opts mo;
    cordon_format fmt;
} mopts;

static int add_pattern(pattern **ps, int *n, int *cap, const char *smarts,
                       size_t len, const char *name, size_t nlen,
                       const char *where)
{
    cordon_error err = CORDON_ERROR_INIT;
    cordon_query *q = NULL;
    pattern *p;
    if (cordon_smarts_compile(&q, smarts, len, NULL, NULL, &err) != CORDON_OK) {
        cli_warn("match", "%sbad SMARTS '%.*s': %s", where, (int)len, smarts,
                 err.message);
        return -1;
    }
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 16;
        pattern *t = realloc(*ps, sizeof *t * (size_t)nc);
        if (!t) {
            cordon_query_free(q);
            return -1;
        }
        *ps = t;
        *cap = nc;
    }
    p = &(*ps)[(*n)++];
    p->q = q;
    p->name = malloc(nlen + 1);
    if (!p->name)
        return -1;
    memcpy(p->name, name, nlen);
    p->name[nlen] = '\0';
    return 0;
}

static int read_patterns(const char *path, pattern **ps, int *n, int *cap)
{
    FILE *f = fopen(path, "r");
    char line[8192], where[64];
    int lineno = 0, rc = 0;
    if (!f) {
        cli_warn("match", "%s: %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *s = line, *e, *name, *ne;
        lineno++;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '#' || *s == '\n' || *s == '\r' || *s == '\0')
            continue;
        for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r';
             e++)
            ;
        for (name = e; *name == ' ' || *name == '\t'; name++)
            ;
        for (ne = name; *ne && *ne != '\n' && *ne != '\r'; ne++)
            ;
        while (ne > name && (ne[-1] == ' ' || ne[-1] == '\t'))
            ne--;
        snprintf(where, sizeof where, "%s:%d: ", path, lineno);
        if (ne == name) {
            name = s;
            ne = e;
        }
        if (add_pattern(ps, n, cap, s, (size_t)(e - s), name,
                        (size_t)(ne - name), where)) {
            rc = -1;
            break;
        }
    }
    fclose(f);
    if (rc == 0 && *n == 0) {
        cli_warn("match", "%s: no patterns", path);
        rc = -1;
    }
    return rc;
}

static void print_record(const cordon_reader *r, cordon_format fmt)
{
    size_t len;
    const char *t = cordon_reader_record_text(r, &len);
    if (fmt == CORDON_FMT_SDF) {
        fwrite(t, 1, len, stdout);
        if (len && t[len - 1] != '\n')
            putchar('\n');
        fputs("$$$$\n", stdout);
    } else {
        printf("%.*s %s\n", (int)len, t, cordon_reader_record_id(r));
    }
}

static void print_atoms(const cordon_matcher *m, const cordon_query *q,
                        const char *id, const char *name, int n)
{
    int k, i, na = cordon_query_num_atoms(q);
    printf("%s\t%s\t", id, name);
    for (k = 0; k < n; k++) {
        const int *map = cordon_match_mapping(m, k);
        for (i = 0; i < na; i++)
            printf("%s%d", i ? "," : (k ? " " : ""), map[i]);
    }
    putchar('\n');
}

/* Matches one record against every pattern and prints what is asked. */
static void match_record(cordon_matcher *m, const cordon_reader *r,
                         const pattern *ps, int np, const mopts *o)
{
    const char *id = cordon_reader_record_id(r);
    cordon_error err = CORDON_ERROR_INIT;
    int i, any = 0, n, rc;
    if (o->count)
        fputs(id, stdout);
    for (i = 0; i < np; i++) {
        cordon_error_clear(&err);
        if (o->count || o->atoms)
            rc = cordon_match_count(m, ps[i].q, &o->mo, &n, &err);
        else
            rc = cordon_match_first(m, ps[i].q, &o->mo, &n, &err);
        if (rc == CORDON_ELIMIT) {
            cli_warn("match", "record %s, pattern %s: %s", id, ps[i].name,
                     err.message);
            n = cordon_match_num(m);
        } else if (rc != CORDON_OK) {
            cli_warn("match", "record %s: %s", id, err.message);
            n = 0;
        }
        if (o->count)
            printf(" %d", n);
        if (n > 0 && o->atoms)
            print_atoms(m, ps[i].q, id, ps[i].name, n);
        if (n > 0) {
            any = 1;
            if (!o->count && !o->atoms)
                break;
        }
    }
    if (o->count)
        putchar('\n');
    else if (!o->atoms && any != o->invert)
        print_record(r, cordon_reader_format(r));
}

static int match_file(const char *path, cordon_matcher *m, cordon_mol *mol,
                      const pattern *ps, int np, const mopts *o)
{
    cordon_reader *r = NULL;
    cordon_reader_opts ro = CORDON_READER_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int rc, status = CLI_EXIT_OK;
    ro.format = o->fmt;
    if (cordon_reader_open(&r, path, &ro, NULL, &err) != CORDON_OK) {
        cli_warn("match", "%s: %s", path, err.message);
        return CLI_EXIT_USAGE;
    }
    for (;;) {
        cordon_error_clear(&err);
        rc = cordon_reader_next(r, mol, &err);
        if (rc == CORDON_ENOTFOUND)
            break;
        if (rc == CORDON_OK)
            rc = cordon_matcher_bind(m, mol, &err);
        if (rc == CORDON_OK) {
            match_record(m, r, ps, np, o);
            continue;
        }
        if (rc == CORDON_EIO || rc == CORDON_ENOMEM) {
            cli_warn("match", "%s: %s", path, err.message);
            status = CLI_EXIT_USAGE;
            break;
        }
        cli_warn("match", "%s: record %zu (%s): %s", path, err.record,
                 cordon_reader_record_id(r), err.message);
        status = CLI_EXIT_BADREC;
    }
    cordon_reader_free(r);
    return status;
}

static int num_arg(const char *opt, const char *v, long *out)
{
    char *end;
    long x;
    if (!v)
        return cli_usage_error("match", "%s needs a value", opt);
    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < 1)
        return cli_usage_error("match", "bad %s '%s'", opt, v);
    *out = x;
    return 0;
}

int cmd_match(int argc, char **argv)
{
    mopts o;
    const char *pfile = NULL;
    pattern *ps = NULL;
    int np = 0, cap = 0, i, first, npos = 1, status = CLI_EXIT_OK, nfiles = 0;
    cordon_mol *mol = NULL;
    cordon_matcher *m = NULL;
    cordon_match_opts defaults = CORDON_MATCH_OPTS_INIT;
    memset(&o, 0, sizeof o);
    o.mo = defaults;
    o.fmt = CORDON_FMT_AUTO;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long x;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cmd_match_help, stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "-p") || !strcmp(a, "--patterns")) {
            if (!v)
                return cli_usage_error("match", "%s needs a file", a);
            pfile = v;
            i++;
        } else if (!strcmp(a, "-c") || !strcmp(a, "--count")) {
            o.count = 1;
        } else if (!strcmp(a, "-a") || !strcmp(a, "--atoms")) {
            o.atoms = 1;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--invert")) {
            o.invert = 1;
        } else if (!strcmp(a, "--max-matches")) {
            if (num_arg(a, v, &x))
                return CLI_EXIT_USAGE;
            o.mo.max_matches = x > 1000000 ? 1000000 : (int)x;
            i++;
        } else if (!strcmp(a, "--max-steps")) {
            if (num_arg(a, v, &x))
                return CLI_EXIT_USAGE;
            o.mo.max_steps = x;
            i++;
        } else if (!strcmp(a, "--format")) {
            int f = v ? cordon_format_from_name(v) : -1;
            if (f < 0)
                return cli_usage_error("match", "bad --format '%s'",
                                       v ? v : "");
            o.fmt = (cordon_format)f;
            i++;
        } else if (!strcmp(a, "--")) {
            while (++i < argc)
                argv[npos++] = argv[i];
            break;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("match", "unknown option '%s'", a);
        } else {
            argv[npos++] = argv[i]; /* options may follow operands */
        }
    }
    argc = npos;
    i = 1;
    if (o.count + o.atoms + o.invert > 1)
        return cli_usage_error("match",
                               "--count, --atoms and --invert exclude each "
                               "other");
    if (pfile) {
        if (read_patterns(pfile, &ps, &np, &cap)) {
            status = CLI_EXIT_USAGE;
            goto done;
        }
    } else {
        if (i >= argc)
            return cli_usage_error("match", "missing SMARTS");
        if (add_pattern(&ps, &np, &cap, argv[i], strlen(argv[i]), argv[i],
                        strlen(argv[i]), "")) {
            status = CLI_EXIT_USAGE;
            goto done;
        }
        i++;
    }
    first = i;
    if (cordon_mol_new(&mol, NULL) != CORDON_OK ||
        cordon_matcher_new(&m, NULL) != CORDON_OK) {
        cli_warn("match", "out of memory");
        status = CLI_EXIT_USAGE;
        goto done;
    }
    for (i = first; i < argc || (i == first && nfiles == 0); i++) {
        const char *path = i < argc ? argv[i] : "-";
        int rc = match_file(path, m, mol, ps, np, &o);
        nfiles++;
        if (rc == CLI_EXIT_USAGE)
            status = CLI_EXIT_USAGE;
        else if (rc == CLI_EXIT_BADREC && status == CLI_EXIT_OK)
            status = CLI_EXIT_BADREC;
    }
    if (fflush(stdout) != 0) {
        cli_warn("match", "cannot write output");
        status = CLI_EXIT_USAGE;
    }
done:
    for (i = 0; i < np; i++) {
        cordon_query_free(ps[i].q);
        free(ps[i].name);
    }
    free(ps);
    cordon_matcher_free(m);
    cordon_mol_free(mol);
    return status;
}

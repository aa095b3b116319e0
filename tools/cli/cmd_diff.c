/* cmd_diff.c -- 'cordon diff': what one jurisdiction controls on a date and
 * another does not, and the reverse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/reader.h"
#include "cordon/rules.h"
#include "cordon/smiles.h"
#include "kb_out.h"
#include "screen_out.h"

const char cmd_diff_help[] =
    "usage: cordon diff --jurisdiction A,B [OPTIONS] [FILE]\n"
    "\n"
    "Compares two jurisdictions on one date.  Without FILE: every structure\n"
    "in the knowledge base (all listed substances and precursors of every\n"
    "jurisdiction) is evaluated under A and under B, and the ones A controls\n"
    "and B does not are listed, then the reverse, each with the deciding\n"
    "entry, basis (listed, class with its limbs, precursor), schedule,\n"
    "effective date, citation and the reference's confidence tag (V\n"
    "verified, S secondary, U unverified, D derived).  Listings without a\n"
    "structure are compared by name.  Then the generic (class) definitions\n"
    "in force on each side, with how many of those structures each covers\n"
    "that the other side does not control.\n"
    "With FILE (SMILES, SDF or InChI, as for 'cordon screen'): one line per\n"
    "molecule on which A and B disagree, saying why.\n"
    "\n"
    "Options:\n"
    "  -j, --jurisdiction A,B   the two jurisdictions (required)\n"
    "  -d, --date YYYY-MM-DD    default today (UTC)\n"
    "  -f, --format FMT         text (default), jsonl or csv\n"
    "      --name TEXT          only substances (or records) whose name (id)\n"
    "                           contains TEXT, ignoring case\n"
    "      --basis B            only rows where a side's deciding basis is B:\n"
    "                           listed, class or precursor\n"
    "      --kb DIR             knowledge base directory (default built in)\n"
    "\n"
    "Exit status: 0 no difference, 1 differences found, 2 usage or I/O\n"
    "error, 3 (with FILE) some records unreadable and no difference.\n"
    "See docs/man/cordon-diff.md.\n";

enum { F_TEXT, F_JSONL, F_CSV };

struct row {
    char name[128];
    char smiles[512];
    char id[128];
    cordon_result r[2];
    char lim[2][64];
    const cordon_kb_entry *entry[2];
    const cordon_kb_period *period[2];
};

struct ctx {
    const cordon_rules *rules;
    const cordon_kb *kb;
    scli_jur jur;
    int32_t date;
    int fmt;
    cordon_verdict *v;
    cordon_smiles_writer *w;
    cordon_mol *mol;
    int ndiff, nboth, nstruct;
    const char *name_filter; /* --name: case-insensitive substring */
    int basis_filter;        /* --basis: cordon_basis, 0 = any */
    /* canonical keys seen (structure universe) */
    char **seen;
    size_t nseen, capseen;
    /* per-class counts of structures covered that the other side lacks */
};

static int is_on(int status)
{
    return status != CORDON_NOT_CONTROLLED;
}

/* Evaluates c->mol under both jurisdictions into row. */
static int eval_row(struct ctx *c, struct row *row)
{
    int k;
    if (cordon_rules_evaluate(c->rules, c->mol, c->jur.ptr, 2, c->date,
                              CORDON_EVAL_NO_ALERTS, c->v, NULL) != CORDON_OK ||
        cordon_verdict_num_results(c->v) < 2)
        return -1;
    for (k = 0; k < 2; k++) {
        const cordon_result *r = cordon_verdict_result(c->v, k);
        const cordon_finding *f =
            r->finding >= 0 ? cordon_verdict_finding(c->v, r->finding) : NULL;
        row->r[k] = *r;
        snprintf(row->lim[k], sizeof row->lim[k], "%s", r->limbs);
        row->entry[k] = f ? f->entry : NULL;
        row->period[k] = f ? f->period : NULL;
    }
    return 0;
}

static const char *ef(const cordon_kb_entry *e, const char *k)
{
    const char *v = e ? cordon_kb_entry_field(e, k, 0) : NULL;
    return v ? v : "";
}

static void side_text(const struct row *row, int k)
{
    char d[16];
    const cordon_result *r = &row->r[k];
    if (!is_on(r->status)) {
        printf("not controlled");
        return;
    }
    printf("%s %s, %s", cordon_verdict_status_str(r->status),
           cordon_basis_str(r->basis), ef(row->entry[k], "schedule"));
    if (row->lim[k][0])
        printf(" (limbs %s)", row->lim[k]);
    printf(", %s", row->entry[k] ? cordon_kb_entry_id(row->entry[k]) : "");
    printf(", since %s",
           scli_date(d, r->effective_from,
                     row->period[k] ? row->period[k]->from_precision
                                    : CORDON_KB_DATE_DAY));
    if (row->period[k])
        printf(" (%s, %s)", row->period[k]->kind, row->period[k]->citation);
    printf(" [%s]", r->confidence && *r->confidence ? r->confidence : "?");
}

static void side_json(const struct row *row, int k)
{
    const cordon_result *r = &row->r[k];
    scli_result_json(stdout, r);
}

static void csv_str(const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void side_csv(const struct row *row, int k, int last)
{
    char d[16];
    const cordon_result *r = &row->r[k];
    csv_str(cordon_verdict_status_str(r->status), 0);
    csv_str(cordon_basis_str(r->basis), 0);
    csv_str(r->schedule, 0);
    csv_str(r->entry_id, 0);
    csv_str(row->lim[k], 0);
    csv_str(r->citation, 0);
    csv_str(r->effective_from
                ? scli_date(d, r->effective_from, CORDON_KB_DATE_DAY)
                : "",
            0);
    csv_str(r->confidence, last);
}

static void print_row(struct ctx *c, const struct row *row, const char *kind)
{
    int only = is_on(row->r[0].status) && !is_on(row->r[1].status)   ? 0
               : is_on(row->r[1].status) && !is_on(row->r[0].status) ? 1
                                                                     : 2;
    if (c->fmt == F_JSONL) {
        printf("{\"kind\":\"%s\",\"name\":", kind);
        cli_json_str(stdout, row->name);
        if (row->id[0]) {
            printf(",\"id\":");
            cli_json_str(stdout, row->id);
        }
        printf(",\"smiles\":");
        cli_json_str(stdout, row->smiles);
        printf(",\"only_in\":");
        if (only < 2)
            cli_json_str(stdout, c->jur.ptr[only]);
        else
            printf("null");
        printf(",\"a\":");
        side_json(row, 0);
        printf(",\"b\":");
        side_json(row, 1);
        printf("}\n");
    } else if (c->fmt == F_CSV) {
        csv_str(kind, 0);
        csv_str(row->id[0] ? row->id : row->name, 0);
        csv_str(row->smiles, 0);
        csv_str(only < 2 ? c->jur.ptr[only] : "", 0);
        side_csv(row, 0, 0);
        side_csv(row, 1, 1);
    } else {
        printf("  %-34s %s: ", row->id[0] ? row->id : row->name, c->jur.ptr[0]);
        side_text(row, 0);
        printf("\n  %-34s %s: ", "", c->jur.ptr[1]);
        side_text(row, 1);
        printf("\n");
    }
}

/* 1 if hay contains needle, ASCII case-insensitively. */
static int has_text(const char *hay, const char *needle)
{
    size_t n = strlen(needle), i, j;
    for (i = 0; hay[i]; i++) {
        for (j = 0; j < n && hay[i + j]; j++) {
            char a = hay[i + j], b = needle[j];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
        }
        if (j == n)
            return 1;
    }
    return n == 0;
}

/* --name and --basis: the row is shown. */
static int wanted(const struct ctx *c, const struct row *row)
{
    int k, basis_ok = !c->basis_filter;
    if (c->name_filter &&
        !has_text(row->id[0] ? row->id : row->name, c->name_filter))
        return 0;
    for (k = 0; k < 2; k++)
        basis_ok |= row->r[k].status != CORDON_NOT_CONTROLLED &&
                    row->r[k].basis == c->basis_filter;
    return basis_ok;
}

static int seen_key(struct ctx *c, const char *key)
{
    size_t i;
    char *k;
    for (i = 0; i < c->nseen; i++)
        if (!strcmp(c->seen[i], key))
            return 1;
    if (c->nseen == c->capseen) {
        size_t cap = c->capseen ? c->capseen * 2 : 256;
        char **p = realloc(c->seen, cap * sizeof *p);
        if (!p)
            return 1;
        c->seen = p;
        c->capseen = cap;
    }
    k = malloc(strlen(key) + 1);
    if (!k)
        return 1;
    memcpy(k, key, strlen(key) + 1);
    c->seen[c->nseen++] = k;
    return 0;
}

/* The rows of one direction (which = 0: A not B, 1: B not A, 2: both
 * controlled but with a different status). */
static int kb_rows(struct ctx *c, int which, int print)
{
    int i, n = cordon_kb_num_entries(c->kb), count = 0;
    while (c->nseen)
        free(c->seen[--c->nseen]);
    for (i = 0; i < n; i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(c->kb, i);
        const char *t = cordon_kb_entry_type(e);
        const char *smi = cordon_kb_entry_field(e, "smiles", 0);
        const char *key;
        struct row row;
        size_t len;
        int on0, on1;
        if (!smi || (strcmp(t, "substance") && strcmp(t, "precursor")))
            continue;
        if (cordon_smiles_read(c->mol, smi, strlen(smi), NULL, NULL) !=
            CORDON_OK)
            continue;
        if (cordon_smiles_write(
                c->w, c->mol, CORDON_SMILES_CANONICAL | CORDON_SMILES_NO_STEREO,
                &key, &len, NULL) != CORDON_OK)
            key = smi;
        if (seen_key(c, key))
            continue;
        memset(&row, 0, sizeof row);
        snprintf(row.name, sizeof row.name, "%s", ef(e, "name"));
        snprintf(row.smiles, sizeof row.smiles, "%s", key);
        if (eval_row(c, &row))
            continue;
        if (which == 0)
            c->nstruct++;
        on0 = is_on(row.r[0].status);
        on1 = is_on(row.r[1].status);
        if (((which == 0 && on0 && !on1) || (which == 1 && on1 && !on0) ||
             (which == 2 && on0 && on1 &&
              row.r[0].status != row.r[1].status)) &&
            wanted(c, &row)) {
            count++;
            if (print)
                print_row(c, &row, which == 2 ? "status" : "structure");
        }
    }
    return count;
}

/* Listings of side k without a structure, in force, that the other side
 * has no in-force listing of by name. */
static int name_rows(struct ctx *c, int k)
{
    int i, n = cordon_kb_num_entries(c->kb), count = 0;
    char d[16];
    for (i = 0; i < n; i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(c->kb, i);
        const cordon_kb_entry *hits[64];
        const cordon_kb_period *p = NULL;
        const char *name = ef(e, "name");
        int nh, h, other = 0;
        if (cordon_kb_entry_field(e, "smiles", 0) ||
            strcmp(ef(e, "jurisdiction"), c->jur.ptr[k]) ||
            !strcmp(cordon_kb_entry_type(e), "class") || !kbcli_is_listing(e) ||
            !cordon_kb_entry_in_force(e, c->date, &p) ||
            (c->name_filter && !has_text(name, c->name_filter)) ||
            (c->basis_filter && c->basis_filter != CORDON_BASIS_LISTED &&
             c->basis_filter != CORDON_BASIS_PRECURSOR))
            continue;
        nh = cordon_kb_lookup(c->kb, name, strlen(name), hits, 64);
        for (h = 0; h < nh && h < 64; h++)
            other |= !strcmp(ef(hits[h], "jurisdiction"), c->jur.ptr[1 - k]) &&
                     cordon_kb_entry_in_force(hits[h], c->date, NULL);
        if (other)
            continue;
        count++;
        if (c->fmt == F_JSONL) {
            printf("{\"kind\":\"name\",\"name\":");
            cli_json_str(stdout, name);
            printf(",\"only_in\":\"%s\",\"entry\":", c->jur.ptr[k]);
            cli_json_str(stdout, cordon_kb_entry_id(e));
            printf(",\"schedule\":");
            cli_json_str(stdout, ef(e, "schedule"));
            printf(",\"effective_from\":\"%s\",\"citation\":",
                   scli_date(d, p ? p->from : 0, p ? p->from_precision : 0));
            cli_json_str(stdout, p ? p->citation : "");
            printf(",\"confidence\":\"%s\"}\n", p ? p->confidence : "");
        } else if (c->fmt == F_CSV) {
            csv_str("name", 0);
            csv_str(name, 0);
            csv_str("", 0);
            csv_str(c->jur.ptr[k], 0);
            printf("listed,%s,", cordon_kb_entry_type(e));
            csv_str(ef(e, "schedule"), 0);
            csv_str(cordon_kb_entry_id(e), 0);
            printf(",");
            csv_str(p ? p->citation : "", 0);
            csv_str(scli_date(d, p ? p->from : 0, p ? p->from_precision : 0),
                    0);
            csv_str(p ? p->confidence : "", 0);
            printf(",,,,,,,\n");
        } else {
            printf("  %-34s %s: listed %s, %s, since %s (%s) [%s]; "
                   "no structure in the knowledge base, and %s lists no "
                   "such name\n",
                   name, c->jur.ptr[k], ef(e, "schedule"),
                   cordon_kb_entry_id(e),
                   scli_date(d, p ? p->from : 0, p ? p->from_precision : 0),
                   p ? p->citation : "", p ? p->confidence : "",
                   c->jur.ptr[1 - k]);
        }
    }
    return count;
}

static void class_defs(struct ctx *c)
{
    int i, k, n = cordon_kb_num_entries(c->kb);
    char d[16];
    for (k = 0; k < 2; k++) {
        int any = 0;
        for (i = 0; i < n; i++) {
            const cordon_kb_entry *e = cordon_kb_entry_at(c->kb, i);
            const cordon_kb_period *p = NULL;
            if (strcmp(cordon_kb_entry_type(e), "class") ||
                strcmp(ef(e, "jurisdiction"), c->jur.ptr[k]) ||
                !cordon_kb_entry_in_force(e, c->date, &p))
                continue;
            any = 1;
            if (c->fmt == F_JSONL) {
                printf("{\"kind\":\"class\",\"jurisdiction\":\"%s\","
                       "\"entry\":",
                       c->jur.ptr[k]);
                cli_json_str(stdout, cordon_kb_entry_id(e));
                printf(",\"name\":");
                cli_json_str(stdout, ef(e, "name"));
                printf(",\"schedule\":");
                cli_json_str(stdout, ef(e, "schedule"));
                printf(
                    ",\"effective_from\":\"%s\",\"kind_of_period\":",
                    scli_date(d, p ? p->from : 0, p ? p->from_precision : 0));
                cli_json_str(stdout, p ? p->kind : "");
                printf(",\"citation\":");
                cli_json_str(stdout, p ? p->citation : "");
                printf(",\"confidence\":\"%s\"}\n", p ? p->confidence : "");
            } else if (c->fmt == F_TEXT) {
                printf("  %-2s  %s \"%s\", %s, since %s (%s, %s) [%s]\n",
                       c->jur.ptr[k], cordon_kb_entry_id(e), ef(e, "name"),
                       ef(e, "schedule"),
                       scli_date(d, p ? p->from : 0, p ? p->from_precision : 0),
                       p ? p->kind : "", p ? p->citation : "",
                       p ? p->confidence : "");
            }
        }
        if (!any && c->fmt == F_TEXT)
            printf("  %-2s  (no generic definition in force)\n", c->jur.ptr[k]);
    }
}

static int diff_kb(struct ctx *c)
{
    char d[16];
    int k, n[3] = {0, 0, 0}, m[2];
    if (c->fmt == F_TEXT)
        printf("cordon diff %s vs %s on %s\n", c->jur.ptr[0], c->jur.ptr[1],
               kbcli_date(d, c->date, CORDON_KB_DATE_DAY));
    for (k = 0; k < 2; k++) {
        if (c->fmt == F_TEXT) {
            n[k] = kb_rows(c, k, 0);
            printf("\nControlled in %s, not in %s (%d structures of the "
                   "knowledge base):\n",
                   c->jur.ptr[k], c->jur.ptr[1 - k], n[k]);
        }
        n[k] = kb_rows(c, k, 1);
        if (c->fmt == F_TEXT && !n[k])
            printf("  (none)\n");
        if (c->fmt == F_TEXT)
            printf("\n  Listed in %s without a structure, not listed by name "
                   "in %s:\n",
                   c->jur.ptr[k], c->jur.ptr[1 - k]);
        m[k] = name_rows(c, k);
        if (c->fmt == F_TEXT && !m[k])
            printf("  (none)\n");
    }
    if (c->fmt == F_TEXT)
        printf("\nControlled in both, but with a different status:\n");
    n[2] = kb_rows(c, 2, 1);
    if (c->fmt == F_TEXT && !n[2])
        printf("  (none)\n");
    if (c->fmt == F_TEXT)
        printf("\nGeneric (class) definitions in force on %s:\n",
               kbcli_date(d, c->date, CORDON_KB_DATE_DAY));
    class_defs(c);
    if (c->fmt == F_TEXT)
        printf("\nConfidence tags: V verified, S secondary, U unverified, "
               "D derived (controlled-substances.md §0).\n");
    return n[0] + n[1] + n[2] + m[0] + m[1] ? CLI_EXIT_HIT : CLI_EXIT_OK;
}

static int diff_file(struct ctx *c, const char *path)
{
    cordon_reader *r = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int rc, bad = 0, ndiff = 0;
    if (cordon_reader_open(&r, path, NULL, NULL, &err) != CORDON_OK) {
        cli_warn("diff", "%s", err.message);
        return CLI_EXIT_USAGE;
    }
    if (c->fmt == F_TEXT)
        printf("cordon diff %s vs %s, molecules of %s where they disagree:\n\n",
               c->jur.ptr[0], c->jur.ptr[1], path);
    while ((rc = cordon_reader_next(r, c->mol, &err)) != CORDON_ENOTFOUND) {
        struct row row;
        size_t len;
        const char *txt;
        if (rc == CORDON_EIO) {
            cli_warn("diff", "%s", err.message);
            cordon_reader_free(r);
            return CLI_EXIT_USAGE;
        }
        if (rc != CORDON_OK) {
            bad++;
            cli_warn("diff", "record %zu: %s", err.record, err.message);
            continue;
        }
        memset(&row, 0, sizeof row);
        snprintf(row.id, sizeof row.id, "%s", cordon_reader_record_id(r));
        txt = cordon_reader_record_text(r, &len);
        if (cordon_reader_format(r) == CORDON_FMT_SDF &&
            cordon_smiles_write(c->w, c->mol, 0, &txt, &len, NULL) != CORDON_OK)
            txt = "", len = 0;
        snprintf(row.smiles, sizeof row.smiles, "%.*s", (int)len, txt);
        if (eval_row(c, &row))
            continue;
        if (row.r[0].status != row.r[1].status && wanted(c, &row)) {
            ndiff++;
            print_row(c, &row, "molecule");
        }
    }
    cordon_reader_free(r);
    if (c->fmt == F_TEXT)
        printf("\n%d molecule%s where %s and %s disagree%s\n", ndiff,
               ndiff == 1 ? "" : "s", c->jur.ptr[0], c->jur.ptr[1],
               bad ? " (some records unreadable)" : "");
    return ndiff ? CLI_EXIT_HIT : bad ? CLI_EXIT_BADREC : CLI_EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
    const char *jl = NULL, *dl = NULL, *kbdir = NULL, *fmt = NULL, *file = NULL,
               *val;
    struct ctx c;
    cordon_kb *kb = NULL;
    cordon_rules *rules = NULL;
    int i, r, rc;
    size_t k;
    memset(&c, 0, sizeof c);
    for (i = 1; i < argc; i++) {
        if ((r = kbcli_opt(argc, argv, &i, "--jurisdiction", &val)) ||
            (r = kbcli_opt(argc, argv, &i, "-j", &val)))
            jl = val;
        else if ((r = kbcli_opt(argc, argv, &i, "--date", &val)) ||
                 (r = kbcli_opt(argc, argv, &i, "-d", &val)))
            dl = val;
        else if ((r = kbcli_opt(argc, argv, &i, "--format", &val)) ||
                 (r = kbcli_opt(argc, argv, &i, "-f", &val)))
            fmt = val;
        else if ((r = kbcli_opt(argc, argv, &i, "--kb", &val)))
            kbdir = val;
        else if ((r = kbcli_opt(argc, argv, &i, "--name", &val)))
            c.name_filter = val;
        else if ((r = kbcli_opt(argc, argv, &i, "--basis", &val))) {
            c.basis_filter = !strcmp(val, "listed")  ? CORDON_BASIS_LISTED
                             : !strcmp(val, "class") ? CORDON_BASIS_CLASS
                             : !strcmp(val, "precursor")
                                 ? CORDON_BASIS_PRECURSOR
                                 : -1;
            if (c.basis_filter < 0)
                return cli_usage_error("diff",
                                       "--basis listed|class|precursor");
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("diff", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage_error("diff", "one file at a time");
        else
            file = argv[i];
        if (r < 0)
            return cli_usage_error("diff", "%s needs a value", argv[i]);
    }
    if (!jl || scli_parse_jur(jl, &c.jur) || c.jur.n != 2)
        return cli_usage_error("diff", "--jurisdiction needs two different "
                                       "codes, e.g. CN,US");
    if (scli_parse_date(dl, &c.date))
        return cli_usage_error("diff", "bad date '%s' (want YYYY-MM-DD)", dl);
    c.fmt = !fmt || !strcmp(fmt, "text") ? F_TEXT
            : !strcmp(fmt, "jsonl")      ? F_JSONL
            : !strcmp(fmt, "csv")        ? F_CSV
                                         : -1;
    if (c.fmt < 0)
        return cli_usage_error("diff", "unknown format '%s'", fmt);
    if ((rc = scli_load("diff", kbdir, &kb, &rules)) != 0)
        return rc;
    c.kb = kb;
    c.rules = rules;
    rc = CLI_EXIT_USAGE;
    if (cordon_verdict_new(&c.v, NULL) != CORDON_OK ||
        cordon_smiles_writer_new(&c.w, NULL) != CORDON_OK ||
        cordon_mol_new(&c.mol, NULL) != CORDON_OK)
        goto done;
    if (c.fmt == F_CSV)
        printf("kind,name,smiles,only_in,a_status,a_basis,a_schedule,a_entry,"
               "a_limbs,a_citation,a_effective_from,a_confidence,b_status,"
               "b_basis,b_schedule,b_entry,b_limbs,b_citation,"
               "b_effective_from,b_confidence\n");
    rc = file ? diff_file(&c, file) : diff_kb(&c);
done:
    for (k = 0; k < c.nseen; k++)
        free(c.seen[k]);
    free(c.seen);
    cordon_verdict_free(c.v);
    cordon_smiles_writer_free(c.w);
    cordon_mol_free(c.mol);
    cordon_rules_free(rules);
    cordon_kb_free(kb);
    return rc;
}

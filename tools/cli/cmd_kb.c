/* cmd_kb.c -- 'cordon kb check|export|stats': the knowledge base itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/kb.h"
#include "cordon/rules.h"
#include "kb_out.h"

const char cmd_kb_help[] =
    "usage: cordon kb check  [--kb DIR]\n"
    "       cordon kb export [--kb DIR] [--format jsonl|tsv] [--jurisdiction "
    "J]\n"
    "       cordon kb stats  [--kb DIR] [--jurisdiction J]\n"
    "\n"
    "Check, export and summarise the knowledge base (docs/kb-format.md).\n"
    "Without --kb the knowledge base built into the binary is used; with\n"
    "--kb DIR every *.kb file below DIR.\n"
    "\n"
    "check   validates every file and entry; prints one 'FILE:LINE: message'\n"
    "        line per problem ('FILE:LINE: warning: ...' for warnings), then\n"
    "        a summary line 'kb check: N errors, N warnings, N entries'.\n"
    "        When the format checks pass, the rules are compiled, which\n"
    "        validates the [class] keys (docs/class-definitions.md).\n"
    "export  one line per substance, precursor and class entry: JSON lines\n"
    "        (default) or TSV with a header.  Fields: id, jurisdiction,\n"
    "        instrument, schedule, kind, names, cas, smiles, effective_from,\n"
    "        effective_to, citation, confidence (JSON adds periods, iupac,\n"
    "        file, line).  Dates are as precise as the source (YYYY-MM-DD,\n"
    "        YYYY-MM or YYYY); unknown or open dates are null / empty.\n"
    "stats   entries per jurisdiction, instrument, kind and confidence.\n"
    "--jurisdiction J limits export and stats to one jurisdiction (a code,\n"
    "        UK = GB, or a name from the knowledge base such as 'China').\n"
    "\n"
    "Exit status: 0 success (check: no errors), 1 check found errors,\n"
    "2 usage error or the knowledge base cannot be read.\n";

/* Diagnostics collected for sorting: "FILE:LINE: message" strings. */
typedef struct diag_list {
    char **lines;
    size_t n, cap;
} diag_list;

static void collect(void *ud, const cordon_kb_diag *d)
{
    diag_list *l = ud;
    char buf[1024];
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **nl = realloc(l->lines, cap * sizeof *nl);
        if (!nl)
            return;
        l->lines = nl;
        l->cap = cap;
    }
    snprintf(buf, sizeof buf, "%s:%d: %s%s", d->file, d->line,
             d->warning ? "warning: " : "", d->message);
    l->lines[l->n] = strdup(buf);
    if (l->lines[l->n])
        l->n++;
}

/* Sort key: file, then line number, then text (stable report order). */
static int cmp_diag(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    const char *cx = strchr(x, ':'), *cy = strchr(y, ':');
    size_t lx = cx ? (size_t)(cx - x) : strlen(x);
    size_t ly = cy ? (size_t)(cy - y) : strlen(y);
    int r = strncmp(x, y, lx < ly ? lx : ly);
    long nx, ny;
    if (r || lx != ly)
        return r ? r : (lx < ly ? -1 : 1);
    nx = cx ? strtol(cx + 1, NULL, 10) : 0;
    ny = cy ? strtol(cy + 1, NULL, 10) : 0;
    if (nx != ny)
        return nx < ny ? -1 : 1;
    return strcmp(x, y);
}

/* The keys of [class] entries belong to the rules engine
 * (docs/class-definitions.md): compiling the rules validates them.  Returns
 * the number of errors printed (the compiler stops at the first). */
static int check_rules(const cordon_kb *kb)
{
    cordon_rules *rules = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    const cordon_kb_entry *e;
    int rc = cordon_rules_compile(&rules, kb, NULL, NULL, &err);
    cordon_rules_free(rules);
    if (rc != CORDON_EKB) /* other failures are not the data's */
        return 0;
    e = cordon_kb_find_id(kb, err.rule);
    if (e && err.line)
        printf("%s:%zu: %s\n", cordon_kb_entry_file(e), err.line, err.message);
    else if (e)
        printf("%s:%d: %s\n", cordon_kb_entry_file(e), cordon_kb_entry_line(e),
               err.message);
    else
        printf("kb check: rules: %s\n", err.message);
    return 1;
}

static int kb_check(const char *dir)
{
    diag_list l = {NULL, 0, 0};
    cordon_error err = CORDON_ERROR_INIT;
    int nerr = 0, nwarn = 0, structures = 0, rc, nentries = 0, loaded;
    size_t i;
    cordon_kb *kb = NULL;
    rc = cordon_kb_check(dir, collect, &l, &nerr, &nwarn, &structures, NULL,
                         &err);
    if (rc != CORDON_OK) {
        cli_warn("kb", "%s", err.message);
        for (i = 0; i < l.n; i++)
            free(l.lines[i]);
        free(l.lines);
        return CLI_EXIT_USAGE;
    }
    if (l.n) /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(l.lines, l.n, sizeof *l.lines, cmp_diag);
    for (i = 0; i < l.n; i++) {
        puts(l.lines[i]);
        free(l.lines[i]);
    }
    free(l.lines);
    if (!structures)
        printf("kb check: note: structures were not parsed (no SMILES "
               "reader, or no structures)\n");
    loaded = cordon_kb_load_default(&kb, dir, NULL, &err) == CORDON_OK;
    if (loaded) {
        for (int k = 0; k < cordon_kb_num_entries(kb); k++)
            nentries += kbcli_is_listing(cordon_kb_entry_at(kb, k));
        if (nerr == 0)
            nerr += check_rules(kb);
    }
    cordon_kb_free(kb);
    printf("kb check: %d error%s, %d warning%s, ", nerr, nerr == 1 ? "" : "s",
           nwarn, nwarn == 1 ? "" : "s");
    if (loaded)
        printf("%d entries\n", nentries);
    else
        printf("the knowledge base does not load\n");
    return nerr ? CLI_EXIT_HIT : CLI_EXIT_OK;
}

/* --jurisdiction filter: 1 if e passes (an empty code passes all). */
static int jur_ok(const cordon_kb_entry *e, const char *code)
{
    const char *j = cordon_kb_entry_field(e, "jurisdiction", 0);
    return !code[0] || (j && !strcmp(j, code));
}

/* Resolves the --jurisdiction argument (NULL: none) into code. */
static int resolve_jur(const cordon_kb *kb, const char *arg, char code[3])
{
    code[0] = '\0';
    if (arg && !cordon_kb_jurisdiction(kb, arg, code))
        return cli_usage_error("kb", "unknown jurisdiction '%s'", arg);
    return 0;
}

static int kb_export(const char *dir, const char *format, const char *jarg)
{
    cordon_kb *kb;
    char code[3];
    int i, tsv;
    if (strcmp(format, "jsonl") && strcmp(format, "tsv"))
        return cli_usage_error("kb", "unknown format '%s' (jsonl or tsv)",
                               format);
    tsv = !strcmp(format, "tsv");
    if ((i = kbcli_load("kb", dir, &kb)) != 0)
        return i;
    if ((i = resolve_jur(kb, jarg, code)) != 0) {
        cordon_kb_free(kb);
        return i;
    }
    if (tsv)
        kbcli_tsv_header(stdout);
    for (i = 0; i < cordon_kb_num_entries(kb); i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        if (!kbcli_is_listing(e) || !jur_ok(e, code))
            continue;
        if (tsv)
            kbcli_entry_tsv(stdout, e);
        else
            kbcli_entry_json(stdout, e);
    }
    cordon_kb_free(kb);
    return CLI_EXIT_OK;
}

/* A small counter table (distinct values are few: tens). */
typedef struct tally {
    const char *key[512];
    int count[512];
    int n;
} tally;

static void tally_add(tally *t, const char *k)
{
    int i;
    if (!k)
        k = "(none)";
    for (i = 0; i < t->n; i++)
        if (!strcmp(t->key[i], k)) {
            t->count[i]++;
            return;
        }
    if (t->n < 512) {
        t->key[t->n] = k;
        t->count[t->n++] = 1;
    }
}

static void tally_print(const char *title, tally *t)
{
    int i, j;
    for (i = 1; i < t->n; i++) /* insertion sort by key: n is small */
        for (j = i; j > 0 && strcmp(t->key[j - 1], t->key[j]) > 0; j--) {
            const char *k = t->key[j];
            int c = t->count[j];
            t->key[j] = t->key[j - 1];
            t->count[j] = t->count[j - 1];
            t->key[j - 1] = k;
            t->count[j - 1] = c;
        }
    printf("%s:\n", title);
    for (i = 0; i < t->n; i++)
        printf("  %-28s %6d\n", t->key[i], t->count[i]);
}

static int kb_stats(const char *dir, const char *jarg)
{
    static tally jur, ins, kind, conf;
    cordon_kb *kb;
    char code[3];
    int i, n = 0, files = 0;
    if ((i = kbcli_load("kb", dir, &kb)) != 0)
        return i;
    if ((i = resolve_jur(kb, jarg, code)) != 0) {
        cordon_kb_free(kb);
        return i;
    }
    memset(&jur, 0, sizeof jur);
    memset(&ins, 0, sizeof ins);
    memset(&kind, 0, sizeof kind);
    memset(&conf, 0, sizeof conf);
    for (i = 0; i < cordon_kb_num_entries(kb); i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        if (!strcmp(cordon_kb_entry_type(e), "provenance"))
            files++;
        if (!kbcli_is_listing(e) || !jur_ok(e, code))
            continue;
        n++;
        tally_add(&jur, cordon_kb_entry_field(e, "jurisdiction", 0));
        tally_add(&ins, cordon_kb_entry_field(e, "instrument", 0));
        tally_add(&kind, cordon_kb_entry_type(e));
        tally_add(&conf, cordon_kb_entry_field(e, "confidence", 0));
    }
    printf("files: %d\nentries: %d\n", files, n);
    tally_print("by jurisdiction", &jur);
    tally_print("by instrument", &ins);
    tally_print("by kind", &kind);
    tally_print("by confidence", &conf);
    cordon_kb_free(kb);
    return CLI_EXIT_OK;
}

int cmd_kb(int argc, char **argv)
{
    const char *dir = NULL, *format = "jsonl", *action = NULL, *v;
    const char *jarg = NULL;
    int i, r;
    for (i = 1; i < argc; i++) {
        if ((r = kbcli_opt(argc, argv, &i, "--kb", &v)) != 0) {
            if (r < 0)
                return cli_usage_error("kb", "--kb needs a directory");
            dir = v;
        } else if ((r = kbcli_opt(argc, argv, &i, "--format", &v)) != 0) {
            if (r < 0)
                return cli_usage_error("kb", "--format needs a value");
            format = v;
        } else if ((r = kbcli_opt(argc, argv, &i, "--jurisdiction", &v)) != 0) {
            if (r < 0)
                return cli_usage_error("kb", "--jurisdiction needs a value");
            jarg = v;
        } else if (argv[i][0] == '-') {
            return cli_usage_error("kb", "unknown option '%s'", argv[i]);
        } else if (!action) {
            action = argv[i];
        } else {
            return cli_usage_error("kb", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!action)
        return cli_usage_error("kb", "missing action (check, export, stats)");
    if (!strcmp(action, "check"))
        return kb_check(dir);
    if (!strcmp(action, "export"))
        return kb_export(dir, format, jarg);
    if (!strcmp(action, "stats"))
        return kb_stats(dir, jarg);
    return cli_usage_error("kb", "unknown action '%s'", action);
}

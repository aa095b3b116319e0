/* cmd_lookup.c -- 'cordon lookup NAME|CAS': knowledge-base entries by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/inchi.h"
#include "cordon/kb.h"
#include "cordon/smiles.h"
#include "kb_out.h"

const char cmd_lookup_help[] =
    "usage: cordon lookup [--kb DIR] [--jurisdiction CODE]... [--date DATE]\n"
    "                     [--format text|jsonl] NAME|CAS|ID|INCHIKEY...\n"
    "\n"
    "Prints the knowledge-base entries (substances, precursors, classes)\n"
    "that match a name, synonym, Chinese name, systematic name, CAS number\n"
    "or entry id.  Several words are joined with spaces ('cordon lookup\n"
    "butyryl fentanyl').  Name matching forgives case, spaces, hyphens,\n"
    "Greek letters (alpha = \xce\xb1), o-/m-/p- for ortho/meta/para and\n"
    "acyl spellings of the same group (butyrfentanyl = butyryl fentanyl,\n"
    "acrylfentanyl = acryloylfentanyl; benzoyl is not benzyl); Chinese\n"
    "names match exactly (docs/kb-format.md §9).  A standard InChIKey finds\n"
    "the entries whose structure has the same skeleton (first block).\n"
    "\n"
    "Options:\n"
    "  --kb DIR            load the knowledge base from DIR (default: the\n"
    "                      one built in)\n"
    "  --jurisdiction CODE only entries of CODE (US, CN, GB or UK, UN, CA,\n"
    "                      ...) or of a jurisdiction named in the KB\n"
    "                      ('China'); repeatable\n"
    "  --date YYYY-MM-DD   also say whether each entry is in force that day\n"
    "  --format text|jsonl text (default) or one JSON object per entry with\n"
    "                      the fields of 'cordon kb export'\n"
    "\n"
    "Exit status: 0 at least one entry printed, 1 no match, 2 usage error.\n";

#define MAX_JUR 32

static int jur_wanted(const cordon_kb_entry *e, char jur[][3], int njur)
{
    const char *j = cordon_kb_entry_field(e, "jurisdiction", 0);
    int i;
    if (njur == 0)
        return 1;
    for (i = 0; j && i < njur; i++)
        if (!strcmp(jur[i], j))
            return 1;
    return 0;
}

/* 1 if q has the shape of a standard InChIKey (14-10-1 upper-case). */
static int is_inchikey(const char *q)
{
    int i;
    if (strlen(q) != 27 || q[14] != '-' || q[25] != '-')
        return 0;
    for (i = 0; i < 27; i++)
        if (i != 14 && i != 25 && (q[i] < 'A' || q[i] > 'Z'))
            return 0;
    return 1;
}

/*
 * Entries whose structure has the InChIKey q: the first block (the
 * skeleton) must match, so entries drawn without stereo (the law covers
 * every isomer) are found from a key with stereo.  Computes the key of
 * every structure: tenths of a second for the built-in knowledge base.
 */
static int by_inchikey(const cordon_kb *kb, const char *q,
                       const cordon_kb_entry **hits, int max)
{
    cordon_mol *mol = NULL;
    char key[64];
    int i, n = 0;
    if (cordon_mol_new(&mol, NULL) != CORDON_OK)
        return 0;
    for (i = 0; i < cordon_kb_num_entries(kb); i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        const char *smi = cordon_kb_entry_field(e, "smiles", 0);
        if (!smi || !kbcli_is_listing(e) ||
            cordon_smiles_read(mol, smi, strlen(smi), NULL, NULL) !=
                CORDON_OK ||
            cordon_mol_inchikey(mol, 0, key, NULL) != CORDON_OK ||
            strncmp(key, q, 14))
            continue;
        if (n < max)
            hits[n] = e;
        n++;
    }
    cordon_mol_free(mol);
    return n;
}

static int run(const char *dir, const char *q, const char **jurarg, int njur,
               int32_t date, int jsonl)
{
    cordon_kb *kb;
    const cordon_kb_entry **hits;
    char jur[MAX_JUR][3];
    int n, i, shown = 0, rc;
    if ((rc = kbcli_load("lookup", dir, &kb)) != 0)
        return rc;
    for (i = 0; i < njur; i++)
        if (!cordon_kb_jurisdiction(kb, jurarg[i], jur[i])) {
            cordon_kb_free(kb);
            return cli_usage_error("lookup", "unknown jurisdiction '%s'",
                                   jurarg[i]);
        }
    n = cordon_kb_lookup(kb, q, strlen(q), NULL, 0);
    if (n == 0 && is_inchikey(q))
        n = by_inchikey(kb, q, NULL, 0);
    hits = calloc(n > 0 ? (size_t)n : 1, sizeof *hits);
    if (!hits) {
        cordon_kb_free(kb);
        cli_warn("lookup", "out of memory");
        return CLI_EXIT_USAGE;
    }
    if (is_inchikey(q) && cordon_kb_lookup(kb, q, strlen(q), NULL, 0) == 0)
        n = by_inchikey(kb, q, hits, n);
    else
        n = cordon_kb_lookup(kb, q, strlen(q), hits, n);
    for (i = 0; i < n; i++) {
        if (!jur_wanted(hits[i], jur, njur))
            continue;
        if (jsonl) {
            kbcli_entry_json(stdout, hits[i]);
        } else {
            if (shown)
                putchar('\n');
            kbcli_entry_text(stdout, hits[i], date);
        }
        shown++;
    }
    free(hits);
    cordon_kb_free(kb);
    if (!shown) {
        cli_warn("lookup", "no entry matches '%s'%s", q,
                 njur ? " in the jurisdictions asked for" : "");
        return CLI_EXIT_HIT;
    }
    return CLI_EXIT_OK;
}

int cmd_lookup(int argc, char **argv)
{
    const char *dir = NULL, *v;
    const char *jur[MAX_JUR];
    char q[2048];
    size_t qn = 0;
    int njur = 0, i, r, jsonl = 0;
    int32_t date = 0;
    cordon_error err = CORDON_ERROR_INIT;
    q[0] = '\0';
    for (i = 1; i < argc; i++) {
        if ((r = kbcli_opt(argc, argv, &i, "--kb", &v)) != 0) {
            if (r < 0)
                return cli_usage_error("lookup", "--kb needs a directory");
            dir = v;
        } else if ((r = kbcli_opt(argc, argv, &i, "--jurisdiction", &v)) != 0) {
            if (r < 0 || njur == MAX_JUR)
                return cli_usage_error("lookup",
                                       "--jurisdiction needs a code or name");
            jur[njur++] = v;
        } else if ((r = kbcli_opt(argc, argv, &i, "--date", &v)) != 0) {
            if (r < 0 ||
                cordon_kb_parse_date(&date, v, strlen(v), &err) != CORDON_OK)
                return cli_usage_error("lookup",
                                       "--date needs a date YYYY-MM-DD");
        } else if ((r = kbcli_opt(argc, argv, &i, "--format", &v)) != 0) {
            if (r < 0 || (strcmp(v, "text") && strcmp(v, "jsonl")))
                return cli_usage_error("lookup",
                                       "--format must be text or jsonl");
            jsonl = !strcmp(v, "jsonl");
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            return cli_usage_error("lookup", "unknown option '%s'", argv[i]);
        } else {
            size_t l = strlen(argv[i]);
            if (qn + l + 2 > sizeof q)
                return cli_usage_error("lookup", "query too long");
            if (qn)
                q[qn++] = ' ';
            memcpy(q + qn, argv[i], l + 1);
            qn += l;
        }
    }
    if (qn == 0)
        return cli_usage_error("lookup", "missing NAME or CAS number");
    return run(dir, q, jur, njur, date, jsonl);
}

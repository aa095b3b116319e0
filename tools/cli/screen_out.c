/* screen_out.c -- helpers shared by explain, diff and timeline. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "cordon/inchi.h"
#include "cordon/screen.h"
#include "cordon/smiles.h"
#include "kb_out.h"
#include "screen_out.h"

int scli_parse_jur(const char *list, scli_jur *out)
{
    const char *p = list;
    memset(out, 0, sizeof *out);
    if (!list || !*list || !strcasecmp(list, "all"))
        return 0;
    while (*p) {
        size_t n = strcspn(p, ","), i, k = 0;
        char code[8];
        for (i = 0; i < n; i++) {
            if (p[i] == ' ')
                continue;
            if (k >= 3)
                return -1;
            code[k++] = (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
        }
        code[k] = '\0';
        if (!strcmp(code, "UK"))
            memcpy(code, "GB", 3);
        if (k) {
            int j, dup = 0;
            for (j = 0; j < out->n; j++)
                dup |= !strcmp(out->code[j], code);
            if (!dup && out->n < SCLI_MAX_JUR) {
                memcpy(out->code[out->n], code, k + 1);
                out->ptr[out->n] = out->code[out->n];
                out->n++;
            }
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

void scli_all_jur(const cordon_rules *rules, scli_jur *out)
{
    int i, n;
    if (out->n)
        return;
    n = cordon_rules_num_jurisdictions(rules);
    for (i = 0; i < n && out->n < SCLI_MAX_JUR; i++) {
        snprintf(out->code[out->n], sizeof out->code[0], "%s",
                 cordon_rules_jurisdiction(rules, i));
        out->ptr[out->n] = out->code[out->n];
        out->n++;
    }
}

int scli_parse_date(const char *s, int32_t *out)
{
    if (!s) {
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        *out = (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
                         tm.tm_mday);
        return 0;
    }
    return cordon_kb_parse_date(out, s, strlen(s), NULL) == CORDON_OK ? 0 : -1;
}

int scli_load(const char *cmd, const char *kbdir, cordon_kb **kb,
              cordon_rules **rules)
{
    cordon_error err = CORDON_ERROR_INIT;
    int rc;
    *rules = NULL;
    if ((rc = kbcli_load(cmd, kbdir, kb)) != 0)
        return rc;
    if (cordon_rules_compile(rules, *kb, NULL, NULL, &err) != CORDON_OK) {
        cli_warn(cmd, "cannot compile the rules%s%s: %s",
                 err.rule[0] ? " at " : "", err.rule, err.message);
        cordon_kb_free(*kb);
        *kb = NULL;
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int scli_resolve(const char *cmd, const cordon_rules *rules, const char *q,
                 cordon_mol *mol, const cordon_kb_entry **entry)
{
    cordon_error err = CORDON_ERROR_INIT, serr = CORDON_ERROR_INIT;
    size_t len = strlen(q);
    int rc;
    *entry = NULL;
    rc = cordon_rules_structure_for_name(rules, q, len, mol, entry, &err);
    if (rc == CORDON_OK)
        return SCLI_BY_NAME;
    if (rc == CORDON_ENOTFOUND && *entry)
        return SCLI_ENTRY_ONLY;
    if (len > 6 && !strncmp(q, "InChI=", 6))
        rc = cordon_inchi_read(mol, q, len, &serr);
    else
        rc = cordon_smiles_read(mol, q, len, NULL, &serr);
    if (rc == CORDON_OK)
        return SCLI_BY_SMILES;
    cli_warn(cmd,
             "'%s' is neither a name, CAS number or entry id in the "
             "knowledge base nor a valid structure (%s)",
             q, serr.message);
    return 0;
}

const char *scli_date(char *buf, int32_t d, int precision)
{
    if (!d) {
        snprintf(buf, 16, "?");
        return buf;
    }
    return kbcli_date(buf, d, precision ? precision : CORDON_KB_DATE_DAY);
}

static void json_or_null(FILE *f, const char *s)
{
    if (s && *s)
        cli_json_str(f, s);
    else
        fputs("null", f);
}

void scli_result_json(FILE *f, const cordon_result *r)
{
    char d[16];
    const char *p;
    int first = 1;
    fputs("{\"jurisdiction\":", f);
    cli_json_str(f, r->jurisdiction);
    fprintf(f, ",\"date\":\"%s\",\"status\":",
            kbcli_date(d, r->date, CORDON_KB_DATE_DAY));
    cli_json_str(f, cordon_verdict_status_str(r->status));
    fputs(",\"basis\":", f);
    json_or_null(f, cordon_basis_str(r->basis));
    fputs(",\"schedule\":", f);
    json_or_null(f, r->schedule);
    fputs(",\"entry\":", f);
    json_or_null(f, r->entry_id);
    fputs(",\"name\":", f);
    json_or_null(f, r->name);
    fputs(",\"limbs\":[", f);
    for (p = r->limbs; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n) {
            fprintf(f, "%s\"%.*s\"", first ? "" : ",", (int)n, p);
            first = 0;
        }
        p += n;
        if (*p)
            p++;
    }
    fputs("],\"citation\":", f);
    json_or_null(f, r->citation);
    fputs(",\"effective_from\":", f);
    if (r->effective_from)
        fprintf(f, "\"%s\"",
                kbcli_date(d, r->effective_from, CORDON_KB_DATE_DAY));
    else
        fputs("null", f);
    fputs(",\"confidence\":", f);
    json_or_null(f, r->confidence);
    fputc('}', f);
}

int scli_potency_text(FILE *f, const cordon_kb_entry *e, const char *name)
{
    cordon_potency p[16];
    int n = 0, i;
    if (e)
        n = cordon_potency_for_entry(e, p, 16);
    if (!n && name)
        n = cordon_potency_for_name(name, strlen(name), p, 16);
    if (n > 16)
        n = 16;
    if (!n)
        return 0;
    fprintf(f, "\nRelative potency (context only, never used in a "
               "verdict; data/kb-extra/potency.txt):\n");
    for (i = 0; i < n; i++)
        fprintf(f, "  %s: %s -- %s [%s]\n", p[i].substance, p[i].claim,
                p[i].source, p[i].confidence);
    return n;
}

/* cmd_explain.c -- 'cordon explain': a readable account of one verdict. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cordon/rules.h"
#include "cordon/smiles.h"
#include "kb_out.h"
#include "screen_out.h"

const char cmd_explain_help[] =
    "usage: cordon explain [OPTIONS] SMILES|NAME|CAS\n"
    "\n"
    "Explains the verdict for one substance: per jurisdiction, the status\n"
    "on the date, the deciding entry (an individual listing, a generic\n"
    "definition or a precursor clause) with its citation, period and\n"
    "confidence tag; for a generic definition every region of the core with\n"
    "its atoms, what changed and which limb allows it, and every\n"
    "substituent; other entries that also apply; analogue alerts; and\n"
    "relative potency where the reference gives it, with its source.\n"
    "A name, synonym, CAS number or entry id is looked up in the knowledge\n"
    "base first; anything else is read as SMILES (or InChI).\n"
    "\n"
    "Options:\n"
    "  -j, --jurisdiction LIST  US,CN,... or all (default all)\n"
    "  -d, --date YYYY-MM-DD    default today (UTC)\n"
    "      --kb DIR             knowledge base directory (default built in)\n"
    "\n"
    "Exit status: 0 not controlled anywhere asked, 1 controlled (or a\n"
    "listed precursor) somewhere, 2 usage error or unknown substance.\n"
    "See docs/man/cordon-explain.md.\n";

static const char *atoms_str(char *buf, size_t cap, const int *a, int n)
{
    size_t k = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; i < n && k + 12 < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%d", i ? "," : "", a[i]);
    if (i < n)
        snprintf(buf + k, cap - k, ",...");
    return buf;
}

static void explain_expl(const cordon_verdict *v, int x)
{
    int i, n = cordon_verdict_expl_num_regions(v, x);
    char buf[256];
    const char *t = cordon_verdict_expl_text(v, x);
    if (t && *t)
        printf("      why          %s\n", t);
    for (i = 0; i < n; i++) {
        const cordon_expl_region *r = cordon_verdict_expl_region(v, x, i);
        printf("      %-4s %s: %s", r->region, r->description, r->change);
        if (r->group_class && *r->group_class)
            printf(" by %s", r->group_class);
        if (r->limb && *r->limb)
            printf(" (limb %s)", r->limb);
        printf("; atoms %s\n", atoms_str(buf, sizeof buf, r->atoms, r->natoms));
    }
    n = cordon_verdict_expl_num_substs(v, x);
    for (i = 0; i < n; i++) {
        const cordon_expl_subst *s = cordon_verdict_expl_subst(v, x, i);
        printf("      substituent  %s on %s atom %d, atoms %s%s%s%s\n",
               s->group_class, s->region, s->attach,
               atoms_str(buf, sizeof buf, s->atoms, s->natoms),
               s->limb && *s->limb ? "  (limb " : "  (no limb allows it",
               s->limb && *s->limb ? s->limb : "", ")");
    }
}

static void explain_finding(const cordon_verdict *v, const cordon_finding *f)
{
    char d1[16], d2[16];
    printf("    %s %s %s \"%s\"  schedule %s  match: %s\n",
           f->primary      ? "deciding"
           : f->superseded ? "superseded"
                           : "also",
           cordon_basis_str(f->basis), f->entry_id, f->name, f->schedule,
           f->match);
    printf("      citation     %s\n", f->citation);
    if (f->period)
        printf("      in force     %s..%s  %s  %s  [%s]\n",
               scli_date(d1, f->period->from, f->period->from_precision),
               f->period->to
                   ? scli_date(d2, f->period->to, f->period->to_precision)
                   : "",
               f->period->kind, f->period->citation, f->period->confidence);
    printf("      confidence   %s\n", f->confidence);
    if (f->superseded)
        printf("      note         an individual listing is reported first "
               "(21 CFR 1308.11(h)(30); HALT Act (e)(3))\n");
    if (f->expl >= 0)
        explain_expl(v, f->expl);
}

static int explain(const cordon_rules *rules, const cordon_mol *mol,
                   const scli_jur *jur, int32_t date, const char *name,
                   const cordon_kb_entry *named)
{
    cordon_verdict *v = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int i, j, n, any = 0, npot;
    char d[16];
    if (cordon_verdict_new(&v, NULL) != CORDON_OK)
        return CLI_EXIT_USAGE;
    if (cordon_rules_evaluate(rules, mol, jur->ptr, jur->n, date, 0, v, &err) !=
        CORDON_OK) {
        cli_warn("explain", "%s", err.message);
        cordon_verdict_free(v);
        return CLI_EXIT_USAGE;
    }
    n = cordon_verdict_num_results(v);
    for (i = 0; i < n; i++) {
        const cordon_result *r = cordon_verdict_result(v, i);
        int nf = cordon_verdict_num_findings(v);
        printf("\n%s  %s", r->jurisdiction,
               r->status == CORDON_CONTROLLED  ? "CONTROLLED"
               : r->status == CORDON_PRECURSOR ? "LISTED PRECURSOR"
                                               : "not controlled");
        if (r->status != CORDON_NOT_CONTROLLED) {
            any = 1;
            printf(" -- %s %s", cordon_basis_str(r->basis), r->schedule);
            if (r->limbs && *r->limbs)
                printf(" (limbs %s)", r->limbs);
            printf(", since %s [%s]",
                   scli_date(d, r->effective_from, CORDON_KB_DATE_DAY),
                   r->confidence);
        }
        printf("\n");
        for (j = 0; j < nf; j++) {
            const cordon_finding *f = cordon_verdict_finding(v, j);
            if (!strcmp(f->jurisdiction, r->jurisdiction))
                explain_finding(v, f);
        }
    }
    n = cordon_verdict_num_alerts(v);
    if (n)
        printf("\nAlerts (never verdicts):\n");
    for (i = 0; i < n; i++) {
        const cordon_alert *a = cordon_verdict_alert(v, i);
        if (a->kind == CORDON_ALERT_SIMILAR)
            printf("  %s: similar to %s (%s), Tanimoto %.2f -- possible "
                   "analogue, needs expert review\n",
                   a->jurisdiction, a->name, a->entry_id, a->similarity);
        else
            printf("  %s: %s\n", a->jurisdiction, a->message);
        if (a->expl >= 0)
            explain_expl(v, a->expl);
    }
    npot = scli_potency_text(stdout, named, name);
    for (i = 0; !npot && i < cordon_verdict_num_findings(v); i++) {
        const cordon_finding *f = cordon_verdict_finding(v, i);
        if (f->basis == CORDON_BASIS_LISTED)
            npot = scli_potency_text(stdout, f->entry, NULL);
    }
    cordon_verdict_free(v);
    return any ? CLI_EXIT_HIT : CLI_EXIT_OK;
}

int cmd_explain(int argc, char **argv)
{
    const char *jl = NULL, *dl = NULL, *kbdir = NULL, *q = NULL, *val;
    scli_jur jur;
    int32_t date;
    cordon_kb *kb = NULL;
    cordon_rules *rules = NULL;
    cordon_mol *mol = NULL;
    const cordon_kb_entry *entry = NULL;
    int i, r, how, rc;
    for (i = 1; i < argc; i++) {
        if ((r = kbcli_opt(argc, argv, &i, "--jurisdiction", &val)) ||
            (r = kbcli_opt(argc, argv, &i, "-j", &val))) {
            if (r < 0)
                return cli_usage_error("explain", "%s needs a value", argv[i]);
            jl = val;
        } else if ((r = kbcli_opt(argc, argv, &i, "--date", &val)) ||
                   (r = kbcli_opt(argc, argv, &i, "-d", &val))) {
            if (r < 0)
                return cli_usage_error("explain", "%s needs a value", argv[i]);
            dl = val;
        } else if ((r = kbcli_opt(argc, argv, &i, "--kb", &val))) {
            if (r < 0)
                return cli_usage_error("explain", "--kb needs a value");
            kbdir = val;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("explain", "unknown option '%s'", argv[i]);
        } else if (q) {
            return cli_usage_error("explain", "one substance at a time");
        } else {
            q = argv[i];
        }
    }
    if (!q)
        return cli_usage_error("explain", "no substance given");
    if (scli_parse_jur(jl, &jur))
        return cli_usage_error("explain", "bad jurisdiction list '%s'", jl);
    if (scli_parse_date(dl, &date))
        return cli_usage_error("explain", "bad date '%s' (want YYYY-MM-DD)",
                               dl);
    if ((rc = scli_load("explain", kbdir, &kb, &rules)) != 0)
        return rc;
    scli_all_jur(rules, &jur);
    if (cordon_mol_new(&mol, NULL) != CORDON_OK) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    how = scli_resolve("explain", rules, q, mol, &entry);
    if (!how) {
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (how == SCLI_ENTRY_ONLY) {
        printf("%s names an entry without a structure:\n\n", q);
        kbcli_entry_text(stdout, entry, date);
        scli_potency_text(stdout, entry, q);
        rc = CLI_EXIT_OK;
        goto done;
    }
    {
        cordon_smiles_writer *w = NULL;
        const char *smi = "";
        size_t len;
        char d[16];
        if (cordon_smiles_writer_new(&w, NULL) == CORDON_OK &&
            (cordon_smiles_write(w, mol, CORDON_SMILES_CANONICAL, &smi, &len,
                                 NULL) != CORDON_OK ||
             !len) &&
            cordon_smiles_write(w, mol, 0, &smi, &len, NULL) != CORDON_OK)
            smi = "";
        printf("%s\n", q);
        if (*smi && strcmp(smi, q))
            printf("structure  %s\n", smi);
        if (how == SCLI_BY_NAME && entry)
            printf("source     %s (%s)\n", cordon_kb_entry_id(entry),
                   cordon_kb_entry_field(entry, "structure-source", 0)
                       ? cordon_kb_entry_field(entry, "structure-source", 0)
                       : "knowledge base");
        printf("date       %s\n", kbcli_date(d, date, CORDON_KB_DATE_DAY));
        cordon_smiles_writer_free(w);
    }
    rc = explain(rules, mol, &jur, date, how == SCLI_BY_NAME ? q : NULL, entry);
done:
    cordon_mol_free(mol);
    cordon_rules_free(rules);
    cordon_kb_free(kb);
    return rc;
}

/* cmd_timeline.c -- 'cordon timeline': every change of legal status of one
 * substance across jurisdictions, oldest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cordon/rules.h"
#include "kb_out.h"
#include "screen_out.h"

const char cmd_timeline_help[] =
    "usage: cordon timeline [OPTIONS] NAME|CAS|SMILES\n"
    "\n"
    "Every change of legal status of one substance, across jurisdictions,\n"
    "oldest first: date, jurisdiction, status, basis (listed, class,\n"
    "precursor), schedule, the deciding entry, the instrument or act that\n"
    "started the period, its kind (permanent, temporary, extension,\n"
    "interim) and the reference's confidence tag (V verified, S secondary,\n"
    "U unverified, D derived).  The molecule is evaluated on every date on\n"
    "which the law changes, so a class definition shows up on the day it\n"
    "starts to cover the substance, and a listing that pre-empts it on its\n"
    "own day.  Entries found by name that have no structure are added from\n"
    "their periods.  Relative potency follows where the reference gives it.\n"
    "\n"
    "Options:\n"
    "  -j, --jurisdiction LIST  US,CN,UN,... or all (default all)\n"
    "  -f, --format FMT         text (default) or jsonl (one event a line:\n"
    "                           date, jurisdiction, status, basis, schedule,\n"
    "                           entry, name, limbs, citation, kind,\n"
    "                           confidence)\n"
    "      --kb DIR             knowledge base directory (default built in)\n"
    "\n"
    "Exit status: 0 events printed, 1 never controlled anywhere asked,\n"
    "2 usage error or unknown substance.\n"
    "See docs/man/cordon-timeline.md.\n";

#define MAX_DATES 8192
#define MAX_EVENTS 4096

struct event {
    int32_t date;
    int prec;
    int jur; /* index in the jurisdiction list, for stable ordering */
    const char *jcode;
    int status, basis;
    const cordon_kb_entry *entry;   /* NULL when not controlled */
    const cordon_kb_period *period; /* the period in force, or NULL */
    char limbs[64];
    const char *citation, *kind, *confidence;
    int by_name; /* from a name hit without structure */
};

static int cmp_event(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->jur - y->jur;
}

static int cmp_date(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

struct tl {
    struct event ev[MAX_EVENTS];
    int nev;
    int32_t dates[MAX_DATES];
    int ndates;
};

static void add_event(struct tl *t, const struct event *e)
{
    if (t->nev < MAX_EVENTS)
        t->ev[t->nev++] = *e;
}

/* Evaluates mol on every change date; records where a jurisdiction's
 * (status, basis, entry, limbs) changes. */
static int walk(struct tl *t, const cordon_rules *rules, const cordon_mol *mol,
                const scli_jur *jur)
{
    cordon_verdict *v = NULL;
    struct event prev[SCLI_MAX_JUR];
    int i, k, n;
    memset(prev, 0, sizeof prev);
    if (cordon_verdict_new(&v, NULL) != CORDON_OK)
        return -1;
    n = cordon_rules_change_dates(rules, NULL, t->dates + 1, MAX_DATES - 1);
    if (n > MAX_DATES - 1)
        n = MAX_DATES - 1;
    t->dates[0] = 19000101;
    t->ndates = n + 1;
    qsort(t->dates, (size_t)t->ndates, sizeof t->dates[0], cmp_date);
    for (i = 0; i < t->ndates; i++) {
        if (cordon_rules_evaluate(rules, mol, jur->ptr, jur->n, t->dates[i],
                                  CORDON_EVAL_NO_ALERTS, v, NULL) != CORDON_OK)
            continue;
        for (k = 0; k < cordon_verdict_num_results(v) && k < jur->n; k++) {
            const cordon_result *r = cordon_verdict_result(v, k);
            const cordon_finding *f =
                r->finding >= 0 ? cordon_verdict_finding(v, r->finding) : NULL;
            struct event e;
            memset(&e, 0, sizeof e);
            e.jur = k;
            e.jcode = jur->ptr[k];
            e.status = r->status;
            e.basis = r->basis;
            e.entry = f ? f->entry : NULL;
            snprintf(e.limbs, sizeof e.limbs, "%s", r->limbs ? r->limbs : "");
            e.period = f ? f->period : NULL;
            if (e.status == prev[k].status && e.entry == prev[k].entry &&
                e.period == prev[k].period && !strcmp(e.limbs, prev[k].limbs))
                continue;
            e.date = t->dates[i];
            e.prec = CORDON_KB_DATE_DAY;
            if (f && f->period) {
                e.citation = f->period->citation;
                e.kind = f->period->kind;
                e.confidence = f->period->confidence;
                if (f->period->from) {
                    e.date = f->period->from;
                    e.prec = f->period->from_precision;
                } else {
                    e.prec = CORDON_KB_DATE_NONE;
                }
            }
            prev[k] = e;
            if (i == 0 && e.status == CORDON_NOT_CONTROLLED)
                continue; /* the starting state is not an event */
            add_event(t, &e);
        }
    }
    cordon_verdict_free(v);
    return 0;
}

static int jur_pos(const scli_jur *jur, const char *code)
{
    int i;
    for (i = 0; i < jur->n; i++)
        if (code && !strcmp(jur->ptr[i], code))
            return i;
    return -1;
}

/* Entries found by name (no structure, or not reached by the structure)
 * contribute their periods. */
static void name_events(struct tl *t, const cordon_kb *kb, const char *q,
                        const scli_jur *jur)
{
    const cordon_kb_entry *hits[64];
    int n = cordon_kb_lookup(kb, q, strlen(q), hits, 64), i, p, k;
    if (n > 64)
        n = 64;
    for (i = 0; i < n; i++) {
        int seen = 0;
        const char *code = cordon_kb_entry_field(hits[i], "jurisdiction", 0);
        int j = jur_pos(jur, code);
        if (j < 0)
            continue;
        for (k = 0; k < t->nev && !seen; k++)
            seen = t->ev[k].entry == hits[i];
        if (seen)
            continue;
        for (p = 0; p < cordon_kb_entry_num_periods(hits[i]); p++) {
            const cordon_kb_period *per = cordon_kb_entry_period(hits[i], p);
            struct event e;
            memset(&e, 0, sizeof e);
            e.jur = j;
            e.jcode = jur->ptr[j];
            e.entry = hits[i];
            e.by_name = 1;
            e.status = strcmp(cordon_kb_entry_type(hits[i]), "precursor")
                           ? CORDON_CONTROLLED
                           : CORDON_PRECURSOR;
            e.basis = !strcmp(cordon_kb_entry_type(hits[i]), "class")
                          ? CORDON_BASIS_CLASS
                      : e.status == CORDON_PRECURSOR ? CORDON_BASIS_PRECURSOR
                                                     : CORDON_BASIS_LISTED;
            e.date = per->from;
            e.prec = per->from ? per->from_precision : CORDON_KB_DATE_NONE;
            e.citation = per->citation;
            e.kind = per->kind;
            e.confidence = per->confidence;
            add_event(t, &e);
            if (per->to && !(p + 1 < cordon_kb_entry_num_periods(hits[i]) &&
                             cordon_kb_entry_period(hits[i], p + 1)->from ==
                                 cordon_date_next_day(per->to))) {
                e.date = cordon_date_next_day(per->to);
                e.prec = CORDON_KB_DATE_DAY;
                e.status = CORDON_NOT_CONTROLLED;
                e.basis = CORDON_BASIS_NONE;
                e.kind = "ended";
                add_event(t, &e);
            }
        }
    }
}

static const char *field(const cordon_kb_entry *e, const char *k)
{
    const char *v = e ? cordon_kb_entry_field(e, k, 0) : NULL;
    return v ? v : "";
}

static void print_text(const struct tl *t)
{
    int i;
    char d[16];
    for (i = 0; i < t->nev; i++) {
        const struct event *e = &t->ev[i];
        printf("%-10s  %-2s  %-15s", scli_date(d, e->date, e->prec), e->jcode,
               e->status == CORDON_CONTROLLED  ? "controlled"
               : e->status == CORDON_PRECURSOR ? "precursor"
                                               : "not controlled");
        if (e->entry) {
            printf("  %s %s", cordon_basis_str(e->basis),
                   field(e->entry, "schedule"));
            if (e->limbs[0])
                printf(" (limbs %s)", e->limbs);
            printf("  %s", cordon_kb_entry_id(e->entry));
        }
        if (e->citation)
            printf("  %s", e->citation);
        if (e->kind)
            printf("  %s", e->kind);
        if (e->confidence)
            printf("  [%s]", e->confidence);
        if (e->by_name)
            printf("  (by name)");
        printf("\n");
    }
}

static void jstr(const char *k, const char *v, int first)
{
    printf("%s\"%s\":", first ? "" : ",", k);
    if (v && *v)
        cli_json_str(stdout, v);
    else
        printf("null");
}

static void print_jsonl(const struct tl *t)
{
    int i;
    char d[16];
    for (i = 0; i < t->nev; i++) {
        const struct event *e = &t->ev[i];
        printf("{");
        jstr("date", e->prec ? scli_date(d, e->date, e->prec) : NULL, 1);
        jstr("jurisdiction", e->jcode, 0);
        jstr("status", cordon_verdict_status_str(e->status), 0);
        jstr("basis", cordon_basis_str(e->basis), 0);
        jstr("schedule", field(e->entry, "schedule"), 0);
        jstr("entry", e->entry ? cordon_kb_entry_id(e->entry) : NULL, 0);
        jstr("name", field(e->entry, "name"), 0);
        jstr("limbs", e->limbs, 0);
        jstr("citation", e->citation, 0);
        jstr("kind", e->kind, 0);
        jstr("confidence", e->confidence, 0);
        printf(",\"by_name\":%s}\n", e->by_name ? "true" : "false");
    }
}

static int parse(int argc, char **argv, const char **jl, const char **fmt,
                 const char **kbdir, const char **q)
{
    int i, r;
    const char *val;
    for (i = 1; i < argc; i++) {
        if ((r = kbcli_opt(argc, argv, &i, "--jurisdiction", &val)) ||
            (r = kbcli_opt(argc, argv, &i, "-j", &val))) {
            if (r < 0)
                return cli_usage_error("timeline", "%s needs a value", argv[i]);
            *jl = val;
        } else if ((r = kbcli_opt(argc, argv, &i, "--format", &val)) ||
                   (r = kbcli_opt(argc, argv, &i, "-f", &val))) {
            if (r < 0 || (strcmp(val, "text") && strcmp(val, "jsonl")))
                return cli_usage_error("timeline", "--format text|jsonl");
            *fmt = val;
        } else if ((r = kbcli_opt(argc, argv, &i, "--kb", &val))) {
            if (r < 0)
                return cli_usage_error("timeline", "--kb needs a value");
            *kbdir = val;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("timeline", "unknown option '%s'", argv[i]);
        } else if (*q) {
            return cli_usage_error("timeline", "one substance at a time");
        } else {
            *q = argv[i];
        }
    }
    if (!*q)
        return cli_usage_error("timeline", "no substance given");
    return 0;
}

int cmd_timeline(int argc, char **argv)
{
    const char *jl = NULL, *fmt = "text", *kbdir = NULL, *q = NULL;
    scli_jur jur;
    cordon_kb *kb = NULL;
    cordon_rules *rules = NULL;
    cordon_mol *mol = NULL;
    const cordon_kb_entry *entry = NULL;
    struct tl *t = NULL;
    int how, rc, i, any = 0;
    if ((rc = parse(argc, argv, &jl, &fmt, &kbdir, &q)) != 0)
        return rc;
    if (scli_parse_jur(jl, &jur))
        return cli_usage_error("timeline", "bad jurisdiction list '%s'", jl);
    if ((rc = scli_load("timeline", kbdir, &kb, &rules)) != 0)
        return rc;
    scli_all_jur(rules, &jur);
    rc = CLI_EXIT_USAGE;
    t = calloc(1, sizeof *t);
    if (!t || cordon_mol_new(&mol, NULL) != CORDON_OK)
        goto done;
    how = scli_resolve("timeline", rules, q, mol, &entry);
    if (!how)
        goto done;
    if (how != SCLI_ENTRY_ONLY && walk(t, rules, mol, &jur))
        goto done;
    name_events(t, kb, q, &jur);
    qsort(t->ev, (size_t)t->nev, sizeof t->ev[0], cmp_event);
    if (!strcmp(fmt, "jsonl")) {
        print_jsonl(t);
    } else {
        printf("%s: status changes, oldest first (jurisdictions", q);
        for (i = 0; i < jur.n; i++)
            printf("%s%s", i ? ", " : " ", jur.ptr[i]);
        printf(")\n\n");
        print_text(t);
        if (!t->nev)
            printf("(never controlled in these jurisdictions according to "
                   "the knowledge base)\n");
        if (!scli_potency_text(stdout, entry, q))
            for (i = 0; i < t->nev; i++)
                if (t->ev[i].entry && t->ev[i].basis == CORDON_BASIS_LISTED &&
                    scli_potency_text(stdout, t->ev[i].entry, NULL))
                    break;
    }
    for (i = 0; i < t->nev; i++)
        any |= t->ev[i].status != CORDON_NOT_CONTROLLED;
    rc = any ? CLI_EXIT_OK : CLI_EXIT_HIT;
done:
    free(t);
    cordon_mol_free(mol);
    cordon_rules_free(rules);
    cordon_kb_free(kb);
    return rc;
}

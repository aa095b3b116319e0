/* kb_out.c -- printing knowledge-base entries as text, JSON lines and TSV. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kb_out.h"

int kbcli_load(const char *cmd, const char *dir, cordon_kb **out)
{
    cordon_error err = CORDON_ERROR_INIT;
    if (cordon_kb_load_default(out, dir, NULL, &err) != CORDON_OK) {
        cli_warn(cmd, "cannot load the knowledge base%s%s: %s",
                 dir ? " from " : "", dir ? dir : "", err.message);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int kbcli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n))
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *val = argv[++*i];
    return 1;
}

int kbcli_is_listing(const cordon_kb_entry *e)
{
    const char *t = cordon_kb_entry_type(e);
    return !strcmp(t, "substance") || !strcmp(t, "precursor") ||
           !strcmp(t, "class");
}

const char *kbcli_date(char *buf, int32_t d, int precision)
{
    int y = d / 10000, m = d / 100 % 100, day = d % 100;
    switch (precision) {
    case CORDON_KB_DATE_DAY:
        snprintf(buf, 16, "%04d-%02d-%02d", y, m, day);
        break;
    case CORDON_KB_DATE_MONTH:
        snprintf(buf, 16, "%04d-%02d", y, m);
        break;
    case CORDON_KB_DATE_YEAR:
        snprintf(buf, 16, "%04d", y);
        break;
    default:
        buf[0] = '\0';
    }
    return buf;
}

/* Calls fn for the primary name, then synonyms and Chinese names in file
 * order. */
static void each_name(const cordon_kb_entry *e,
                      void (*fn)(void *ud, const char *s, int first), void *ud)
{
    const char *v = cordon_kb_entry_field(e, "name", 0);
    int first = 1, i, j;
    static const char *const keys[] = {"synonym", "name-zh"};
    if (v) {
        fn(ud, v, first);
        first = 0;
    }
    for (j = 0; j < 2; j++)
        for (i = 0; (v = cordon_kb_entry_field(e, keys[j], i)) != NULL; i++) {
            fn(ud, v, first);
            first = 0;
        }
}

static void json_item(void *ud, const char *s, int first)
{
    FILE *f = ud;
    if (!first)
        fputc(',', f);
    cli_json_str(f, s);
}

static void json_list(FILE *f, const cordon_kb_entry *e, const char *key)
{
    const char *v;
    int i;
    fputc('[', f);
    for (i = 0; (v = cordon_kb_entry_field(e, key, i)) != NULL; i++)
        json_item(f, v, i == 0);
    fputc(']', f);
}

static void json_str_or_null(FILE *f, const char *s)
{
    if (s && *s)
        cli_json_str(f, s);
    else
        fputs("null", f);
}

static const cordon_kb_period *first_period(const cordon_kb_entry *e)
{
    return cordon_kb_entry_period(e, 0);
}

static const cordon_kb_period *last_period(const cordon_kb_entry *e)
{
    return cordon_kb_entry_period(e, cordon_kb_entry_num_periods(e) - 1);
}

/* Citations joined with "; " into buf. */
static const char *citations(const cordon_kb_entry *e, char *buf, size_t cap)
{
    const char *v;
    size_t n = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; (v = cordon_kb_entry_field(e, "citation", i)) != NULL; i++) {
        int w = snprintf(buf + n, cap - n, "%s%s", i ? "; " : "", v);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
    return buf;
}

void kbcli_entry_json(FILE *f, const cordon_kb_entry *e)
{
    const cordon_kb_period *p0 = first_period(e), *pl = last_period(e), *p;
    char d1[16], d2[16], cit[4096];
    int i;
    fputs("{\"id\":", f);
    cli_json_str(f, cordon_kb_entry_id(e));
    fputs(",\"jurisdiction\":", f);
    json_str_or_null(f, cordon_kb_entry_field(e, "jurisdiction", 0));
    fputs(",\"instrument\":", f);
    json_str_or_null(f, cordon_kb_entry_field(e, "instrument", 0));
    fputs(",\"schedule\":", f);
    json_str_or_null(f, cordon_kb_entry_field(e, "schedule", 0));
    fputs(",\"kind\":", f);
    cli_json_str(f, cordon_kb_entry_type(e));
    fputs(",\"names\":[", f);
    each_name(e, json_item, f);
    fputs("],\"cas\":", f);
    json_list(f, e, "cas");
    fputs(",\"smiles\":", f);
    json_str_or_null(f, cordon_kb_entry_field(e, "smiles", 0));
    fputs(",\"effective_from\":", f);
    json_str_or_null(f,
                     p0 ? kbcli_date(d1, p0->from, p0->from_precision) : NULL);
    fputs(",\"effective_to\":", f);
    json_str_or_null(f, pl ? kbcli_date(d2, pl->to, pl->to_precision) : NULL);
    fputs(",\"citation\":", f);
    json_str_or_null(f, citations(e, cit, sizeof cit));
    fputs(",\"confidence\":", f);
    json_str_or_null(f, cordon_kb_entry_field(e, "confidence", 0));
    fputs(",\"periods\":[", f);
    for (i = 0; (p = cordon_kb_entry_period(e, i)) != NULL; i++) {
        fprintf(f, "%s{\"from\":", i ? "," : "");
        json_str_or_null(f, kbcli_date(d1, p->from, p->from_precision));
        fputs(",\"to\":", f);
        json_str_or_null(f, kbcli_date(d2, p->to, p->to_precision));
        fputs(",\"kind\":", f);
        cli_json_str(f, p->kind);
        fputs(",\"citation\":", f);
        cli_json_str(f, p->citation);
        fputs(",\"confidence\":", f);
        cli_json_str(f, p->confidence);
        fputc('}', f);
    }
    fputs("],\"iupac\":", f);
    json_list(f, e, "iupac");
    fputs(",\"file\":", f);
    cli_json_str(f, cordon_kb_entry_file(e));
    fprintf(f, ",\"line\":%d}\n", cordon_kb_entry_line(e));
}

/* TSV cells: tabs and newlines become spaces. */
static void tsv_cell(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void tsv_item(void *ud, const char *s, int first)
{
    FILE *f = ud;
    if (!first)
        fputs("; ", f);
    tsv_cell(f, s);
}

void kbcli_tsv_header(FILE *f)
{
    fputs("id\tjurisdiction\tinstrument\tschedule\tkind\tnames\tcas\tsmiles\t"
          "effective_from\teffective_to\tcitation\tconfidence\n",
          f);
}

void kbcli_entry_tsv(FILE *f, const cordon_kb_entry *e)
{
    const cordon_kb_period *p0 = first_period(e), *pl = last_period(e);
    char d[16], cit[4096];
    const char *v;
    int i;
    tsv_cell(f, cordon_kb_entry_id(e));
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_field(e, "jurisdiction", 0));
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_field(e, "instrument", 0));
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_field(e, "schedule", 0));
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_type(e));
    fputc('\t', f);
    each_name(e, tsv_item, f);
    fputc('\t', f);
    for (i = 0; (v = cordon_kb_entry_field(e, "cas", i)) != NULL; i++)
        tsv_item(f, v, i == 0);
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_field(e, "smiles", 0));
    fputc('\t', f);
    if (p0)
        tsv_cell(f, kbcli_date(d, p0->from, p0->from_precision));
    fputc('\t', f);
    if (pl)
        tsv_cell(f, kbcli_date(d, pl->to, pl->to_precision));
    fputc('\t', f);
    tsv_cell(f, citations(e, cit, sizeof cit));
    fputc('\t', f);
    tsv_cell(f, cordon_kb_entry_field(e, "confidence", 0));
    fputc('\n', f);
}

static void text_list(FILE *f, const cordon_kb_entry *e, const char *key,
                      const char *label)
{
    const char *v;
    int i;
    for (i = 0; (v = cordon_kb_entry_field(e, key, i)) != NULL; i++)
        fprintf(f, "%s%s", i ? "; " : label, v);
    if (i)
        fputc('\n', f);
}

static const char *orq(const cordon_kb_entry *e, const char *key)
{
    const char *v = cordon_kb_entry_field(e, key, 0);
    return v ? v : "?";
}

void kbcli_entry_text(FILE *f, const cordon_kb_entry *e, int32_t date)
{
    const cordon_kb_period *p, *which = NULL;
    char d1[16], d2[16];
    int i;
    fprintf(f, "%s: %s\n", cordon_kb_entry_id(e), orq(e, "name"));
    fprintf(f, "  %s, %s, schedule %s, %s, confidence %s\n",
            orq(e, "jurisdiction"), orq(e, "instrument"), orq(e, "schedule"),
            cordon_kb_entry_type(e), orq(e, "confidence"));
    text_list(f, e, "synonym", "  synonyms: ");
    text_list(f, e, "name-zh", "  chinese: ");
    text_list(f, e, "iupac", "  iupac: ");
    text_list(f, e, "cas", "  cas: ");
    text_list(f, e, "smiles", "  smiles: ");
    for (i = 0; (p = cordon_kb_entry_period(e, i)) != NULL; i++) {
        const char *from = kbcli_date(d1, p->from, p->from_precision);
        fprintf(f, "  period: %s..%s %s, %s [%s]\n", *from ? from : "?",
                kbcli_date(d2, p->to, p->to_precision), p->kind, p->citation,
                p->confidence);
    }
    text_list(f, e, "citation", "  citation: ");
    text_list(f, e, "note", "  note: ");
    if (date) {
        int in = cordon_kb_entry_in_force(e, date, &which);
        fprintf(f, "  in force on %s: %s",
                kbcli_date(d1, date, CORDON_KB_DATE_DAY), in ? "yes" : "no");
        if (in)
            fprintf(f, " (%s, %s [%s])", which->kind, which->citation,
                    which->confidence);
        fputc('\n', f);
    }
    fprintf(f, "  at: %s:%d\n", cordon_kb_entry_file(e),
            cordon_kb_entry_line(e));
}

/*
 * check.c -- full validation of a loaded knowledge base against
 * docs/kb-format.md: keys per type, required and repeated keys, value
 * syntax, references, period order, and uniqueness of ids, names and CAS
 * numbers within one (jurisdiction, instrument, schedule).  Work is
 * O(n log n) in the number of fields (sorting), never quadratic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/smiles.h"
#include "kb/kb_int.h"

/* Key flags. */
#define K_REQ 0x01u  /* required */
#define K_REP 0x02u  /* may repeat */
#define K_DATE 0x04u /* full date */
#define K_JUR 0x08u
#define K_CONF 0x10u
#define K_CAS 0x20u
#define K_COVERS 0x40u
#define K_SMILES 0x80u
#define K_INSTR 0x100u
#define K_KIND 0x200u

typedef struct keyspec {
    const char *key;
    unsigned flags;
} keyspec;

static const keyspec prov_keys[] = {{"source", K_REQ | K_REP},
                                    {"extracted-by", K_REQ},
                                    {"extracted-on", K_REQ | K_DATE},
                                    {"ambiguities", K_REP},
                                    {"note", K_REP},
                                    {NULL, 0}};

static const keyspec jur_keys[] = {
    {"name", K_REQ}, {"alias", K_REP}, {"note", K_REP}, {NULL, 0}};

static const keyspec instr_keys[] = {{"jurisdiction", K_REQ | K_JUR},
                                     {"title", K_REQ},
                                     {"citation", K_REQ},
                                     {"schedule", K_REP},
                                     {"covers", K_COVERS},
                                     {"covers-note", K_REP},
                                     {"period", K_REP},
                                     {"confidence", K_CONF},
                                     {"url", K_REP},
                                     {"source", K_REP},
                                     {"note", K_REP},
                                     {NULL, 0}};

static const keyspec entry_keys[] = {{"jurisdiction", K_REQ | K_JUR},
                                     {"instrument", K_REQ | K_INSTR},
                                     {"schedule", K_REQ},
                                     {"name", K_REQ},
                                     {"synonym", K_REP},
                                     {"name-zh", K_REP},
                                     {"iupac", K_REP},
                                     {"cas", K_REP | K_CAS},
                                     {"smiles", K_SMILES},
                                     {"formula", 0},
                                     {"structure-source", 0},
                                     {"code", K_REP},
                                     {"covers", K_COVERS},
                                     {"covers-note", K_REP},
                                     {"period", K_REQ | K_REP},
                                     {"citation", K_REQ | K_REP},
                                     {"confidence", K_REQ | K_CONF},
                                     {"kind", K_KIND},
                                     {"source", K_REP},
                                     {"note", K_REP},
                                     {NULL, 0}};

static const keyspec *spec_for(int type)
{
    switch (type) {
    case KB_PROVENANCE:
        return prov_keys;
    case KB_JURISDICTION:
        return jur_keys;
    case KB_INSTRUMENT:
        return instr_keys;
    default:
        return entry_keys;
    }
}

static const keyspec *find_spec(const keyspec *s, const char *key)
{
    for (; s->key; s++)
        if (!strcmp(s->key, key))
            return s;
    return NULL;
}

typedef struct ctx {
    const cordon_kb *kb;
    kb_sink *sink;
    cordon_mol *mol;
    int smiles_ok;        /* -1 unknown, 0 reader missing, 1 working */
    const char **formula; /* per entry: formula of its smiles, or NULL */
} ctx;

#define DIAG(c, e, line, ...)                                                  \
    cordon__kb_diag((c)->sink, (e)->file, (line), (e)->id, 0, __VA_ARGS__)

/* Element counts of a formula "C22H28N2O" (parts joined by '.' are
 * summed).  Returns 0, or -1 when the text is not element symbols with
 * counts. */
static int formula_counts(const char *s, int counts[128])
{
    memset(counts, 0, 128 * sizeof counts[0]);
    while (*s) {
        char sym[3] = {0, 0, 0};
        int z, n = 0;
        if (*s == '.') {
            s++;
            continue;
        }
        if (*s < 'A' || *s > 'Z')
            return -1;
        sym[0] = *s++;
        if (*s >= 'a' && *s <= 'z')
            sym[1] = *s++;
        z = cordon_element_number(sym, strlen(sym));
        if (z <= 0 || z >= 128)
            return -1;
        while (*s >= '0' && *s <= '9' && n < 100000)
            n = n * 10 + (*s++ - '0');
        counts[z] += n ? n : 1;
    }
    return 0;
}

/* Hill-order formula of counts: C, H, then the others alphabetically
 * (without carbon, all alphabetically). */
static void formula_text(const int counts[128], char *out, size_t cap)
{
    int order[128], n = 0, first, z, i, j;
    size_t len = 0;
    if (counts[6]) {
        order[n++] = 6;
        if (counts[1])
            order[n++] = 1;
    }
    first = n; /* insertion-sort the rest by symbol */
    for (z = 1; z < 128; z++) {
        if (!counts[z] || (counts[6] && (z == 6 || z == 1)))
            continue;
        for (i = n; i > first && strcmp(cordon_element_symbol(order[i - 1]),
                                        cordon_element_symbol(z)) > 0;
             i--)
            order[i] = order[i - 1];
        order[i] = z;
        n++;
    }
    out[0] = '\0';
    for (j = 0; j < n && len < cap; j++) {
        int w = snprintf(out + len, cap - len, "%s",
                         cordon_element_symbol(order[j]));
        if (w > 0)
            len += (size_t)w;
        if (counts[order[j]] > 1 && len < cap) {
            w = snprintf(out + len, cap - len, "%d", counts[order[j]]);
            if (w > 0)
                len += (size_t)w;
        }
    }
}

/* Records the formula of the perceived molecule c->mol for e and compares
 * it with the entry's formula: line. */
static void check_formula(ctx *c, const cordon_kb_entry *e)
{
    const char *fv = cordon_kb_entry_field(e, "formula", 0);
    int want[128], got[128], a, n, z, line = e->line, k;
    char ws[128], gs[128];
    memset(got, 0, sizeof got);
    n = cordon_mol_num_atoms(c->mol);
    for (a = 0; a < n; a++) {
        z = cordon_mol_atom_elem(c->mol, a);
        if (z > 0 && z < 128)
            got[z]++;
        got[1] += cordon_mol_atom_hcount(c->mol, a);
    }
    formula_text(got, gs, sizeof gs);
    if (c->formula)
        c->formula[e->index] =
            cordon__kb_strndup((cordon_kb *)c->kb, gs, strlen(gs));
    if (!fv)
        return;
    for (k = 0; k < e->nfields; k++)
        if (!strcmp(e->fields[k].key, "formula"))
            line = e->fields[k].line;
    if (formula_counts(fv, want) < 0) {
        DIAG(c, e, line, "formula '%s' is not element symbols with counts", fv);
        return;
    }
    if (!memcmp(want, got, sizeof got))
        return;
    formula_text(want, ws, sizeof ws);
    DIAG(c, e, line, "formula %s does not match the smiles (%s)", ws, gs);
}

/* Entries that give the same CAS number should describe the same
 * substance: warn when their structures have different formulas (a salt
 * entry legitimately differs, hence a warning). */
static void check_cas_structures(ctx *c)
{
    const cordon_kb *kb = c->kb;
    int i = 0, j, k;
    if (!c->formula)
        return;
    while (i < kb->ncas) {
        const char *ref = NULL;
        int refe = -1;
        for (j = i;
             j < kb->ncas && !strcmp(kb->by_cas[j].key, kb->by_cas[i].key);
             j++) {
            const cordon_kb_entry *e = &kb->entries[kb->by_cas[j].entry];
            const char *f = c->formula[e->index];
            int line = e->line;
            if (!f)
                continue;
            if (!ref) {
                ref = f;
                refe = e->index;
                continue;
            }
            if (!strcmp(ref, f))
                continue;
            for (k = 0; k < e->nfields; k++)
                if (!strcmp(e->fields[k].key, "cas") &&
                    !strcmp(e->fields[k].value, kb->by_cas[j].key))
                    line = e->fields[k].line;
            cordon__kb_diag(c->sink, e->file, line, e->id, 1,
                            "CAS number %s: this structure is %s, %s's is %s",
                            kb->by_cas[j].key, f, kb->entries[refe].id, ref);
        }
        i = j;
    }
}

static void check_smiles(ctx *c, const cordon_kb_entry *e, const kb_field *f)
{
    cordon_error err = CORDON_ERROR_INIT;
    int rc;
    if (c->smiles_ok == 0)
        return;
    if (!c->mol && cordon_mol_new(&c->mol, c->kb->alloc) != CORDON_OK) {
        c->smiles_ok = 0;
        return;
    }
    rc = cordon_smiles_read(c->mol, f->value, strlen(f->value), NULL, &err);
    if (rc == CORDON_EINVAL && strstr(err.message, "not implemented")) {
        c->smiles_ok = 0; /* the reader has not landed yet */
        return;
    }
    c->smiles_ok = 1;
    if (rc != CORDON_OK)
        DIAG(c, e, f->line, "smiles does not parse: %s",
             err.message[0] ? err.message : cordon_status_str(rc));
    else
        check_formula(c, e);
}

static void check_value(ctx *c, const cordon_kb_entry *e, const kb_field *f,
                        unsigned flags)
{
    const char *v = f->value, *bad;
    size_t badlen;
    int32_t d;
    if ((flags & K_DATE) &&
        cordon__kb_date(v, strlen(v), 0, &d) != CORDON_KB_DATE_DAY)
        DIAG(c, e, f->line, "%s must be a date YYYY-MM-DD", f->key);
    if ((flags & K_JUR) && !cordon__kb_jurisdiction_ok(v))
        DIAG(c, e, f->line,
             "unknown jurisdiction '%s' (ISO 3166-1 alpha-2, UN or EU)", v);
    if ((flags & K_CONF) && (strlen(v) != 1 || !strchr("VSUD", v[0])))
        DIAG(c, e, f->line, "confidence must be V, S, U or D");
    if ((flags & K_CAS) && !cordon_kb_cas_valid(v, strlen(v)))
        DIAG(c, e, f->line, "bad CAS number '%s' (format or check digit)", v);
    if ((flags & K_COVERS) && cordon__kb_covers_list(v, &bad, &badlen) < 0)
        DIAG(c, e, f->line, "unknown coverage word '%.*s'", (int)badlen, bad);
    if ((flags & K_KIND) && strcmp(v, cordon__kb_type_names[e->type]))
        DIAG(c, e, f->line, "kind '%s' does not match the section type '%s'", v,
             cordon__kb_type_names[e->type]);
    if (flags & K_SMILES) {
        if (e->type == KB_CLASS)
            DIAG(c, e, f->line, "a class entry has no smiles");
        else
            check_smiles(c, e, f);
    }
}

static void check_instrument_ref(ctx *c, const cordon_kb_entry *e,
                                 const kb_field *f)
{
    const cordon_kb_entry *in = cordon_kb_find_id(c->kb, f->value);
    const char *jur = cordon_kb_entry_field(e, "jurisdiction", 0);
    const char *sched = cordon_kb_entry_field(e, "schedule", 0);
    const char *ij;
    int i, n;
    if (!in || in->type != KB_INSTRUMENT) {
        DIAG(c, e, f->line, "unknown instrument '%s'", f->value);
        return;
    }
    ij = cordon_kb_entry_field(in, "jurisdiction", 0);
    if (jur && ij && strcmp(jur, ij))
        DIAG(c, e, f->line, "jurisdiction %s differs from instrument %s's (%s)",
             jur, in->id, ij);
    n = cordon_kb_entry_field_count(in, "schedule");
    if (!sched || n == 0)
        return;
    for (i = 0; i < n; i++)
        if (!strcmp(cordon_kb_entry_field(in, "schedule", i), sched))
            return;
    DIAG(c, e, f->line, "schedule '%s' is not one of instrument %s's", sched,
         in->id);
}

static void check_periods(ctx *c, const cordon_kb_entry *e)
{
    int i;
    for (i = 0; i < e->nperiods; i++) {
        const cordon_kb_period *p = &e->periods[i], *q = p - 1;
        if (p->to && p->from > p->to)
            DIAG(c, e, p->line, "period ends before it starts");
        if (p->from_precision == CORDON_KB_DATE_NONE) {
            if (i > 0)
                DIAG(c, e, p->line, "'?' start only in the first period");
            if (strcmp(p->confidence, "U") && strcmp(p->confidence, "S"))
                DIAG(c, e, p->line,
                     "a period with unknown start must be tagged U or S");
        }
        if (i == 0)
            continue;
        if (q->to == 0)
            DIAG(c, e, p->line,
                 "only the last period may be open (previous period at "
                 "line %d has no end)",
                 q->line);
        else if (p->from < q->from)
            DIAG(c, e, p->line, "periods not in date order");
        else if (p->from <= q->to)
            DIAG(c, e, p->line, "period overlaps the one at line %d", q->line);
    }
}

static void check_entry(ctx *c, const cordon_kb_entry *e)
{
    const keyspec *spec = spec_for(e->type), *s;
    int k, j, count;
    for (k = 0; k < e->nfields; k++) {
        const kb_field *f = &e->fields[k];
        s = find_spec(spec, f->key);
        if (!s) {
            if (e->type != KB_CLASS)
                DIAG(c, e, f->line, "unknown key '%s' in [%s]", f->key,
                     cordon__kb_type_names[e->type]);
            continue;
        }
        if (!(s->flags & K_REP)) {
            for (j = 0; j < k; j++)
                if (!strcmp(e->fields[j].key, f->key))
                    break;
            if (j < k) {
                DIAG(c, e, f->line, "key '%s' repeated (line %d)", f->key,
                     e->fields[j].line);
                continue;
            }
        }
        check_value(c, e, f, s->flags);
        if (s->flags & K_INSTR)
            check_instrument_ref(c, e, f);
    }
    for (s = spec; s->key; s++) {
        if (!(s->flags & K_REQ))
            continue;
        count = cordon_kb_entry_field_count(e, s->key);
        if (count == 0)
            DIAG(c, e, e->line, "[%s %s] has no '%s'",
                 cordon__kb_type_names[e->type], e->id, s->key);
    }
    if (e->type >= KB_SUBSTANCE && e->type != KB_CLASS &&
        cordon_kb_entry_field(e, "smiles", 0) &&
        !cordon_kb_entry_field(e, "structure-source", 0))
        DIAG(c, e, e->line, "entry has smiles but no 'structure-source'");
    if (e->type == KB_JURISDICTION && !cordon__kb_jurisdiction_ok(e->id))
        DIAG(c, e, e->line, "jurisdiction id '%s' is not a code", e->id);
    check_periods(c, e);
}

/* ---- uniqueness ---- */

typedef struct ukey {
    const char *scope; /* jurisdiction \x1f instrument \x1f schedule */
    const char *key;
    const cordon_kb_entry *e;
    int line;
} ukey;

static int cmp_ukey(const void *a, const void *b)
{
    const ukey *x = a, *y = b;
    int r = strcmp(x->scope, y->scope);
    if (r)
        return r;
    if ((r = strcmp(x->key, y->key)) != 0)
        return r;
    if (x->e->index != y->e->index)
        return x->e->index < y->e->index ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static int collect_keys(ctx *c, ukey **out, size_t *n, size_t *cap, int cas)
{
    const cordon_kb *kb = c->kb;
    char key[KB_KEY_CAP];
    int i, k, rc;
    for (i = 0; i < kb->nentries; i++) {
        const cordon_kb_entry *e = &kb->entries[i];
        const char *j, *in, *sc;
        char *scope;
        size_t sl;
        if (e->type < KB_SUBSTANCE)
            continue;
        j = cordon_kb_entry_field(e, "jurisdiction", 0);
        in = cordon_kb_entry_field(e, "instrument", 0);
        sc = cordon_kb_entry_field(e, "schedule", 0);
        if (!j || !in || !sc)
            continue;
        sl = strlen(j) + strlen(in) + strlen(sc) + 3;
        scope = cordon__kb_alloc((cordon_kb *)kb, sl);
        if (!scope)
            return CORDON_ENOMEM;
        memcpy(scope, j, strlen(j));
        scope[strlen(j)] = '\x1f';
        memcpy(scope + strlen(j) + 1, in, strlen(in));
        scope[strlen(j) + 1 + strlen(in)] = '\x1f';
        memcpy(scope + strlen(j) + strlen(in) + 2, sc, strlen(sc) + 1);
        for (k = 0; k < e->nfields; k++) {
            const kb_field *f = &e->fields[k];
            const char *kv;
            if (cas) {
                if (strcmp(f->key, "cas"))
                    continue;
                kv = f->value;
            } else {
                int n1;
                if (strcmp(f->key, "name") && strcmp(f->key, "synonym") &&
                    strcmp(f->key, "name-zh"))
                    continue;
                n1 = cordon_kb_name_key(key, sizeof key, f->value,
                                        strlen(f->value), 0);
                if (n1 <= 0)
                    continue;
                kv = cordon__kb_strndup((cordon_kb *)kb, key, (size_t)n1);
                if (!kv)
                    return CORDON_ENOMEM;
            }
            rc = cordon__grow(kb->alloc, (void **)out, sizeof **out, cap,
                              *n + 1);
            if (rc != CORDON_OK)
                return rc;
            (*out)[*n].scope = scope;
            (*out)[*n].key = kv;
            (*out)[*n].e = e;
            (*out)[*n].line = f->line;
            (*n)++;
        }
    }
    return CORDON_OK;
}

static int check_unique(ctx *c, int cas)
{
    ukey *v = NULL;
    size_t n = 0, cap = 0, i;
    int rc = collect_keys(c, &v, &n, &cap, cas);
    if (rc == CORDON_OK && n > 1) {
        qsort(v, n, sizeof *v, cmp_ukey);
        for (i = 1; i < n; i++) {
            const ukey *a = &v[i - 1], *b = &v[i];
            if (strcmp(a->scope, b->scope) || strcmp(a->key, b->key))
                continue;
            if (a->e == b->e) {
                /* spelling variants that share a key are harmless */
                if (cas)
                    DIAG(c, b->e, b->line,
                         "CAS number repeats line %d of the same entry",
                         a->line);
                continue;
            }
            DIAG(c, b->e, b->line,
                 "%s '%s' also used by %s (%s:%d) in the same jurisdiction, "
                 "instrument and schedule",
                 cas ? "CAS number" : "name key", b->key, a->e->id, a->e->file,
                 a->line);
        }
    }
    cordon__free(c->kb->alloc, v);
    return rc;
}

static int check_ids(ctx *c)
{
    const cordon_kb *kb = c->kb;
    int i;
    for (i = 1; i < kb->nid; i++) {
        const kb_ix *a = &kb->by_id[i - 1], *b = &kb->by_id[i];
        if (!strcmp(a->key, b->key)) {
            const cordon_kb_entry *ea = &kb->entries[a->entry];
            const cordon_kb_entry *eb = &kb->entries[b->entry];
            DIAG(c, eb, eb->line, "duplicate id '%s' (first at %s:%d)", eb->id,
                 ea->file, ea->line);
        }
    }
    return CORDON_OK;
}

int cordon__kb_validate(const cordon_kb *kb, kb_sink *sink, int *structures)
{
    ctx c;
    int i, rc;
    memset(&c, 0, sizeof c);
    c.kb = kb;
    c.sink = sink;
    c.smiles_ok = -1;
    if (kb->nentries)
        c.formula =
            cordon__calloc(kb->alloc, (size_t)kb->nentries, sizeof *c.formula);
    for (i = 0; i < kb->nentries; i++)
        check_entry(&c, &kb->entries[i]);
    check_ids(&c);
    check_cas_structures(&c);
    rc = check_unique(&c, 0);
    if (rc == CORDON_OK)
        rc = check_unique(&c, 1);
    cordon_mol_free(c.mol);
    cordon__free(kb->alloc, (void *)c.formula);
    *structures = c.smiles_ok == 1;
    return rc;
}

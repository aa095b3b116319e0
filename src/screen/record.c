/*
 * record.c -- one record through the screen: parse, evaluate, format.
 * Also the screen object itself (options, jurisdictions, date) and the
 * per-thread context.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cordon/inchi.h"
#include "cordon/molfile.h"
#include "screen/screen_int.h"

int cordon_screen_format_from_name(const char *name)
{
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        return CORDON_SCREEN_JSONL;
    if (!strcmp(name, "csv"))
        return CORDON_SCREEN_CSV;
    if (!strcmp(name, "text") || !strcmp(name, "txt"))
        return CORDON_SCREEN_TEXT;
    if (!strcmp(name, "sdf") || !strcmp(name, "sd"))
        return CORDON_SCREEN_SDF;
    return -1;
}

const char *screen__date(char *buf, int32_t d, int precision)
{
    if (!d) {
        buf[0] = '\0';
        return buf;
    }
    if (precision == CORDON_KB_DATE_YEAR)
        snprintf(buf, 16, "%04d", (int)(d / 10000));
    else if (precision == CORDON_KB_DATE_MONTH)
        snprintf(buf, 16, "%04d-%02d", (int)(d / 10000), (int)(d / 100 % 100));
    else
        snprintf(buf, 16, "%04d-%02d-%02d", (int)(d / 10000),
                 (int)(d / 100 % 100), (int)(d % 100));
    return buf;
}

static int precompute(cordon_screen *s);

/* ---- jurisdictions ---- */

static int jur_index(const cordon_screen *s, const char *code)
{
    int i;
    for (i = 0; i < s->njur; i++)
        if (!strcmp(s->jur[i], code))
            return i;
    return -1;
}

static int jur_add(cordon_screen *s, const char *code, cordon_error *err)
{
    if (jur_index(s, code) >= 0)
        return CORDON_OK;
    if (s->njur == SCREEN_MAX_JUR)
        return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                             "more than %d jurisdictions", SCREEN_MAX_JUR);
    snprintf(s->jur[s->njur++], sizeof s->jur[0], "%s", code);
    return CORDON_OK;
}

/* 1 if the KB has a listing entry for code. */
static int kb_has_jur(const cordon_kb *kb, const char *code)
{
    int i, n = cordon_kb_num_entries(kb);
    for (i = 0; i < n; i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        const char *j = cordon_kb_entry_field(e, "jurisdiction", 0);
        if (j && !strcmp(j, code) &&
            strcmp(cordon_kb_entry_type(e), "instrument") != 0 &&
            strcmp(cordon_kb_entry_type(e), "jurisdiction") != 0)
            return 1;
    }
    return 0;
}

/* Every jurisdiction of the KB: UN first, then alphabetical. */
static int jur_all(cordon_screen *s, cordon_error *err)
{
    int i, j, rc, n = cordon_kb_num_entries(s->kb);
    for (i = 0; i < n; i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(s->kb, i);
        const char *t = cordon_kb_entry_type(e);
        const char *code = cordon_kb_entry_field(e, "jurisdiction", 0);
        if (!code || (strcmp(t, "substance") && strcmp(t, "precursor") &&
                      strcmp(t, "class")))
            continue;
        if ((rc = jur_add(s, code, err)) != CORDON_OK)
            return rc;
    }
    for (i = 1; i < s->njur; i++)
        for (j = i; j > 0; j--) {
            char tmp[8];
            int a_un = !strcmp(s->jur[j - 1], "UN");
            int b_un = !strcmp(s->jur[j], "UN");
            if (a_un || (!b_un && strcmp(s->jur[j - 1], s->jur[j]) <= 0))
                break;
            memcpy(tmp, s->jur[j], sizeof tmp);
            memcpy(s->jur[j], s->jur[j - 1], sizeof tmp);
            memcpy(s->jur[j - 1], tmp, sizeof tmp);
        }
    return CORDON_OK;
}

static int jur_parse(cordon_screen *s, const char *list, cordon_error *err)
{
    const char *p = list;
    int rc;
    if (!list || !*list || !strcasecmp(list, "all"))
        return jur_all(s, err);
    while (*p) {
        char code[8];
        size_t n = strcspn(p, ","), i, k = 0;
        for (i = 0; i < n; i++)
            if (p[i] != ' ' && k < sizeof code - 1)
                code[k++] =
                    (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
        code[k] = '\0';
        if (!strcmp(code, "UK"))
            memcpy(code, "GB", 3);
        if (!strcmp(code, "ALL")) {
            if ((rc = jur_all(s, err)) != CORDON_OK)
                return rc;
        } else if (k) {
            if (k > 3 || !kb_has_jur(s->kb, code))
                return cordon__error(err, CORDON_EINVAL, (size_t)(p - list),
                                     "unknown jurisdiction '%.*s' (the "
                                     "knowledge base has no entries for it)",
                                     (int)n, p);
            if ((rc = jur_add(s, code, err)) != CORDON_OK)
                return rc;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (!s->njur)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "no jurisdiction given");
    return CORDON_OK;
}

static int32_t today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
                     tm.tm_mday);
}

/* ---- the screen object ---- */

cordon_status cordon_screen_new(cordon_screen **out, const cordon_kb *kb,
                                const cordon_screen_opts *opts,
                                const cordon_allocator *alloc,
                                cordon_error *err)
{
    static const cordon_screen_opts defaults = CORDON_SCREEN_OPTS_INIT;
    cordon_screen *s;
    int rc;
    *out = NULL;
    if (!kb)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "no knowledge base");
    s = cordon__calloc(alloc, 1, sizeof *s);
    if (!s)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    s->alloc = alloc;
    s->kb = kb;
    s->opts = opts ? *opts : defaults;
    if (s->opts.format < CORDON_SCREEN_JSONL ||
        s->opts.format > CORDON_SCREEN_SDF) {
        cordon__free(alloc, s);
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "unknown output format");
    }
    s->date = s->opts.date ? s->opts.date : today();
    screen__date(s->date_str, s->date, CORDON_KB_DATE_DAY);
    s->threads = s->opts.threads;
    if (s->threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s->threads = n > 0 ? (int)n : 1;
    }
    if (s->threads > 256)
        s->threads = 256;
    s->opts.jurisdictions = NULL; /* not kept: the caller owns the text */
    if ((rc = jur_parse(s, opts ? opts->jurisdictions : NULL, err)) !=
            CORDON_OK ||
        (rc = screen__rules_new(s, err)) != CORDON_OK) {
        cordon_screen_free(s);
        return rc;
    }
    if (precompute(s) != CORDON_OK) {
        cordon_screen_free(s);
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    }
    *out = s;
    return CORDON_OK;
}

void cordon_screen_free(cordon_screen *s)
{
    if (!s)
        return;
    screen__rules_free(s);
    cordon__buf_free(&s->pre);
    cordon__free(s->alloc, s);
}

int cordon_screen_num_jurisdictions(const cordon_screen *s)
{
    return s->njur;
}

const char *cordon_screen_jurisdiction(const cordon_screen *s, int i)
{
    return i >= 0 && i < s->njur ? s->jur[i] : NULL;
}

int32_t cordon_screen_date(const cordon_screen *s)
{
    return s->date;
}

/* ---- per-thread context ---- */

cordon_status cordon_screen_ctx_new(cordon_screen_ctx **out,
                                    const cordon_screen *s)
{
    cordon_screen_ctx *c = cordon__calloc(s->alloc, 1, sizeof *c);
    *out = NULL;
    if (!c)
        return CORDON_ENOMEM;
    c->s = s;
    c->alerts.alloc = c->one.alloc = c->in.alloc = s->alloc;
    if (cordon_mol_new(&c->mol, s->alloc) != CORDON_OK ||
        cordon_smiles_writer_new(&c->sw, s->alloc) != CORDON_OK ||
        screen__eval_new(c) != CORDON_OK ||
        (s->opts.format == CORDON_SCREEN_SDF &&
         cordon_molfile_writer_new(&c->mw, s->alloc) != CORDON_OK)) {
        cordon_screen_ctx_free(c);
        return CORDON_ENOMEM;
    }
    *out = c;
    return CORDON_OK;
}

void cordon_screen_ctx_free(cordon_screen_ctx *c)
{
    if (!c)
        return;
    screen__eval_free(c);
    cordon_mol_free(c->mol);
    cordon_smiles_writer_free(c->sw);
    cordon_molfile_writer_free(c->mw);
    cordon__buf_free(&c->alerts);
    cordon__buf_free(&c->one);
    cordon__buf_free(&c->in);
    cordon__free(c->s->alloc, c->hits);
    cordon__free(c->s->alloc, c);
}

int screen__add_hit(cordon_screen_ctx *c, const screen_hit *h)
{
    if (c->nhits == c->cap &&
        cordon__grow(c->s->alloc, (void **)&c->hits, sizeof *c->hits, &c->cap,
                     c->nhits + 1))
        return CORDON_ENOMEM;
    c->hits[c->nhits++] = *h;
    return CORDON_OK;
}

int screen__add_alert(cordon_screen_ctx *c, const char *s, size_t n)
{
    if (cordon__buf_put(&c->alerts, s, n) || cordon__buf_putc(&c->alerts, 0))
        return CORDON_ENOMEM;
    c->nalerts++;
    return CORDON_OK;
}

static int is_hit(const screen_hit *h)
{
    return h->hit;
}

/* Orders hits by jurisdiction (stable) and adds a not-controlled line for
 * every jurisdiction without one. */
static int complete_hits(cordon_screen_ctx *c)
{
    const cordon_screen *s = c->s;
    size_t i, j;
    int k;
    uint32_t seen = 0;
    for (i = 0; i < c->nhits; i++)
        if (c->hits[i].jidx >= 0)
            seen |= (uint32_t)1 << c->hits[i].jidx;
    for (k = 0; k < s->njur; k++) {
        if (!(seen & (uint32_t)1 << k)) {
            screen_hit h;
            memset(&h, 0, sizeof h);
            h.jurisdiction = s->jur[k];
            h.status = "not_controlled";
            h.jidx = k;
            if (screen__add_hit(c, &h))
                return CORDON_ENOMEM;
        }
    }
    for (i = 1; i < c->nhits; i++)
        for (j = i; j > 0 && c->hits[j - 1].jidx > c->hits[j].jidx; j--) {
            screen_hit t = c->hits[j];
            c->hits[j] = c->hits[j - 1];
            c->hits[j - 1] = t;
        }
    return CORDON_OK;
}

/* ---- formatting ---- */

/* Appenders for the hot path: capacity is checked inline and the core
 * buffer functions are called only to grow. */
static int oput(cordon_buf *o, const char *s, size_t n)
{
    if (o->len + n < o->cap) {
        memcpy(o->data + o->len, s, n);
        o->len += n;
        o->data[o->len] = '\0';
        return CORDON_OK;
    }
    return cordon__buf_put(o, s, n);
}
#define OPUTS(o, lit) oput((o), (lit), sizeof(lit) - 1)

/* JSON string literal (plain runs are copied a word at a time). */
static int ojson(cordon_buf *o, const char *s, size_t n)
{
    return cordon__buf_json_str(o, s, n);
}

static int put_json_or_null(cordon_buf *o, const char *s)
{
    if (!s || !*s)
        return OPUTS(o, "null");
    return ojson(o, s, strlen(s));
}

static int put_limbs_json(cordon_buf *o, const char *limbs)
{
    const char *p = limbs;
    int first = 1, rc = 0;
    rc |= OPUTS(o, "[");
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n) {
            if (!first)
                rc |= OPUTS(o, ",");
            rc |= ojson(o, p, n);
            first = 0;
        }
        p += n;
        if (*p)
            p++;
    }
    return rc | OPUTS(o, "]");
}

/* The result object of a jurisdiction that does not control the record:
 * it depends only on the jurisdiction and the date. */
static int nc_object(cordon_buf *o, const char *jur, const char *date)
{
    int rc = 0;
    rc |= OPUTS(o, "{\"jurisdiction\":");
    rc |= ojson(o, jur, strlen(jur));
    rc |= OPUTS(o, ",\"date\":\"");
    rc |= oput(o, date, 10);
    rc |= OPUTS(o, "\",\"status\":");
    rc |= put_json_or_null(o, "not_controlled");
    rc |= OPUTS(o, ",\"basis\":null,\"schedule\":null,\"entry\":"
                   "null,\"name\":null,\"limbs\":[],\"citation\":"
                   "null,\"effective_from\":null}");
    return rc;
}

/* Fills s->pre (see screen_int.h). */
static int precompute(cordon_screen *s)
{
    cordon_buf *o = &s->pre;
    int k, rc = 0;
    o->alloc = s->alloc;
    for (k = 0; k < s->njur; k++) {
        s->nc_off[k] = o->len;
        rc |= nc_object(o, s->jur[k], s->date_str);
        s->nc_len[k] = o->len - s->nc_off[k];
    }
    s->tail_off = o->len;
    rc |= OPUTS(o, ",\"results\":[");
    for (k = 0; k < s->njur; k++) {
        if (k)
            rc |= OPUTS(o, ",");
        rc |= nc_object(o, s->jur[k], s->date_str);
    }
    rc |= OPUTS(o, "],\"alerts\":[]}\n");
    s->tail_len = o->len - s->tail_off;
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

static int jsonl_record(cordon_screen_ctx *c, const screen_rec *r,
                        const char *input, cordon_buf *o)
{
    const cordon_screen *s = c->s;
    size_t i;
    const char *a = c->alerts.data;
    char d[16];
    int rc = 0;
    rc |= OPUTS(o, "{\"id\":");
    rc |= ojson(o, r->id, r->id_len);
    rc |= OPUTS(o, ",\"input\":");
    rc |= ojson(o, input, strlen(input));
    if (!c->nhits && !c->nalerts) { /* complete_hits was skipped */
        rc |= oput(o, s->pre.data + s->tail_off, s->tail_len);
        return rc ? CORDON_ENOMEM : CORDON_OK;
    }
    rc |= OPUTS(o, ",\"results\":[");
    for (i = 0; i < c->nhits; i++) {
        const screen_hit *h = &c->hits[i];
        if (i)
            rc |= OPUTS(o, ",");
        if (!is_hit(h) && h->jidx >= 0) {
            rc |= oput(o, s->pre.data + s->nc_off[h->jidx], s->nc_len[h->jidx]);
            continue;
        }
        rc |= OPUTS(o, "{\"jurisdiction\":");
        rc |= ojson(o, h->jurisdiction, strlen(h->jurisdiction));
        rc |= OPUTS(o, ",\"date\":\"");
        rc |= oput(o, s->date_str, 10);
        rc |= OPUTS(o, "\",\"status\":");
        rc |= put_json_or_null(o, h->status);
        if (!is_hit(h)) {
            rc |= OPUTS(o, ",\"basis\":null,\"schedule\":null,\"entry\":"
                           "null,\"name\":null,\"limbs\":[],\"citation\":"
                           "null,\"effective_from\":null}");
            continue;
        }
        rc |= OPUTS(o, ",\"basis\":");
        rc |= put_json_or_null(o, h->basis);
        rc |= OPUTS(o, ",\"schedule\":");
        rc |= put_json_or_null(o, h->schedule);
        rc |= OPUTS(o, ",\"entry\":");
        rc |= put_json_or_null(o, h->entry);
        rc |= OPUTS(o, ",\"name\":");
        rc |= put_json_or_null(o, h->name);
        rc |= OPUTS(o, ",\"limbs\":");
        rc |= put_limbs_json(o, h->limbs);
        rc |= OPUTS(o, ",\"citation\":");
        rc |= put_json_or_null(o, h->citation);
        rc |= OPUTS(o, ",\"effective_from\":");
        rc |= put_json_or_null(
            o, screen__date(d, h->effective_from, h->effective_precision));
        rc |= OPUTS(o, "}");
    }
    rc |= OPUTS(o, "],\"alerts\":[");
    for (i = 0; i < c->nalerts; i++) {
        size_t n = strlen(a);
        if (i)
            rc |= OPUTS(o, ",");
        rc |= ojson(o, a, n);
        a += n + 1;
    }
    rc |= OPUTS(o, "]}\n");
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

/* RFC 4180 field: quoted when it holds a comma, quote or line break; then
 * the separator (a line break after the last field). */
static int csv_field(cordon_buf *o, const char *s, size_t n, int last)
{
    int rc = 0;
    size_t i;
    const char sep = last ? '\n' : ',';
    /* one pass: every byte that needs quoting is below '-' */
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < ',' + 1 &&
            (ch == ',' || ch == '"' || ch == '\n' || ch == '\r'))
            break;
    }
    if (i == n) { /* the usual field: copied with its separator */
        if (o->len + n + 1 < o->cap) {
            memcpy(o->data + o->len, s, n);
            o->len += n;
            o->data[o->len++] = sep;
            o->data[o->len] = '\0';
            return CORDON_OK;
        }
        rc |= cordon__buf_put(o, s, n);
    } else {
        rc |= cordon__buf_putc(o, '"');
        for (i = 0; i < n; i++) {
            if (s[i] == '"')
                rc |= cordon__buf_putc(o, '"');
            rc |= cordon__buf_putc(o, s[i]);
        }
        rc |= cordon__buf_putc(o, '"');
    }
    rc |= cordon__buf_putc(o, sep);
    return rc;
}

static int csv_str(cordon_buf *o, const char *s, int last)
{
    s = s ? s : "";
    return csv_field(o, s, strlen(s), last);
}

static int csv_record(cordon_screen_ctx *c, const screen_rec *r,
                      const char *input, cordon_buf *o)
{
    size_t i, k;
    char d[16], num[32];
    int rc = 0;
    cordon_buf al = CORDON_BUF_INIT;
    const char *a = c->alerts.data;
    al.alloc = c->s->alloc;
    for (k = 0; k < c->nalerts; k++) {
        size_t n = strlen(a);
        rc |= k ? cordon__buf_puts(&al, "; ") : 0;
        rc |= cordon__buf_put(&al, a, n);
        a += n + 1;
    }
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->number);
    for (i = 0; i < c->nhits; i++) {
        const screen_hit *h = &c->hits[i];
        rc |= csv_field(o, r->id, r->id_len, 0);
        rc |= csv_str(o, num, 0);
        rc |= csv_str(o, input, 0);
        rc |= csv_str(o, h->jurisdiction, 0);
        rc |= csv_str(o, c->s->date_str, 0);
        rc |= csv_str(o, h->status, 0);
        rc |= csv_str(o, h->basis, 0);
        rc |= csv_str(o, h->schedule, 0);
        rc |= csv_str(o, h->entry, 0);
        rc |= csv_str(o, h->name, 0);
        rc |= csv_str(o, h->limbs, 0);
        rc |= csv_str(o, h->citation, 0);
        rc |= csv_str(
            o, screen__date(d, h->effective_from, h->effective_precision), 0);
        rc |= csv_str(o, cordon__buf_cstr(&al), 0);
        rc |= csv_str(o, "", 1);
    }
    cordon__buf_free(&al);
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

#define C_RED "\033[1;31m"
#define C_YEL "\033[1;33m"
#define C_DIM "\033[2m"
#define C_BOLD "\033[1m"
#define C_OFF "\033[0m"

static const char *col(const cordon_screen *s, const char *code)
{
    return s->opts.color ? code : "";
}

/* TEXT: one line per record, "  N  VERDICT  id  input", then one line per
 * jurisdiction that controls it and at most TEXT_MAX_ALERTS alert lines. */
#define TEXT_MAX_ALERTS 2
static int text_record(cordon_screen_ctx *c, const screen_rec *r,
                       const char *input, int controlled, cordon_buf *o)
{
    const cordon_screen *s = c->s;
    size_t i;
    const char *a = c->alerts.data;
    int rc = 0, any_ctl = 0;
    char d[16];
    for (i = 0; i < c->nhits; i++)
        any_ctl |= !strcmp(c->hits[i].status, "controlled");
    rc |= cordon__buf_printf(o, "%7llu  ", (unsigned long long)r->number);
    if (!controlled)
        rc |= cordon__buf_printf(o, "%s%-14s%s", col(s, C_DIM),
                                 "not controlled", col(s, C_OFF));
    else
        rc |= cordon__buf_printf(
            o, "%s%-14s%s", col(s, any_ctl ? C_RED : C_YEL),
            any_ctl ? "CONTROLLED" : "PRECURSOR", col(s, C_OFF));
    rc |= cordon__buf_printf(o, "  %s%.*s%s  %s%.70s%s\n", col(s, C_BOLD),
                             (int)r->id_len, r->id, col(s, C_OFF),
                             col(s, C_DIM), input, col(s, C_OFF));
    for (i = 0; controlled && i < c->nhits; i++) {
        const screen_hit *h = &c->hits[i];
        if (!is_hit(h))
            continue;
        rc |= cordon__buf_printf(
            o, "%25s%-3s %-10s %-14s %-9s %s", "", h->jurisdiction, h->status,
            h->schedule ? h->schedule : "", h->basis ? h->basis : "",
            h->name ? h->name : "");
        if (h->limbs[0])
            rc |= cordon__buf_printf(o, " (limbs %s)", h->limbs);
        if (h->effective_from)
            rc |= cordon__buf_printf(
                o, ", since %s",
                screen__date(d, h->effective_from, h->effective_precision));
        if (h->citation && h->citation[0])
            rc |= cordon__buf_printf(o, "  %s%s%s", col(s, C_DIM), h->citation,
                                     col(s, C_OFF));
        rc |= cordon__buf_puts(o, "\n");
    }
    for (i = 0; i < c->nalerts && i < TEXT_MAX_ALERTS; i++) {
        size_t n = strlen(a);
        rc |= cordon__buf_printf(o, "%25s%salert%s %.*s\n", "", col(s, C_YEL),
                                 col(s, C_OFF), (int)n, a);
        a += n + 1;
    }
    if (c->nalerts > TEXT_MAX_ALERTS)
        rc |= cordon__buf_printf(o,
                                 "%25s%s(%zu more alerts: --format jsonl "
                                 "lists them all)%s\n",
                                 "", col(s, C_DIM),
                                 c->nalerts - TEXT_MAX_ALERTS, col(s, C_OFF));
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

static int sdf_item(cordon_buf *o, const char *key, const char *val)
{
    return cordon__buf_printf(o, "> <%s>\n%s\n\n", key, val);
}

/* The input record as it was (MOL block and data items), then the
 * verdicts as data items cordon.controlled, cordon.JUR, cordon.alerts. */
static int sdf_record(cordon_screen_ctx *c, const screen_rec *r,
                      cordon_format fmt, int controlled, cordon_buf *o)
{
    size_t i;
    int rc = 0;
    char d[16], key[32];
    cordon_buf v = CORDON_BUF_INIT;
    const char *a = c->alerts.data;
    v.alloc = c->s->alloc;
    if (fmt == CORDON_FMT_SDF) {
        rc |= cordon__buf_put(o, r->text, r->len);
        if (r->len && r->text[r->len - 1] != '\n')
            rc |= cordon__buf_putc(o, '\n');
    } else {
        /* molio's writer: atoms at (0,0,0), no coordinates are invented */
        const char *mb = NULL;
        size_t mlen = 0;
        if (c->mw &&
            cordon_molfile_write(c->mw, c->mol, 0, &mb, &mlen, NULL) ==
                CORDON_OK &&
            mlen) {
            rc |= cordon__buf_put(o, mb, mlen);
            if (mb[mlen - 1] != '\n')
                rc |= cordon__buf_putc(o, '\n');
        } else {
            rc |= cordon__buf_printf(o, "%.*s\n  cordon\n\n", (int)r->id_len,
                                     r->id);
            rc |= cordon__buf_puts(o, "  0  0  0  0  0  0  0  0  0  0999 "
                                      "V2000\nM  END\n");
        }
        rc |= sdf_item(o, "cordon.input", r->text);
    }
    rc |= sdf_item(o, "cordon.controlled", controlled ? "yes" : "no");
    for (i = 0; i < c->nhits; i++) {
        const screen_hit *h = &c->hits[i];
        cordon__buf_reset(&v);
        rc |= cordon__buf_puts(&v, h->status);
        if (is_hit(h))
            rc |= cordon__buf_printf(
                &v, "; %s %s; %s; %s; %s; since %s", h->basis ? h->basis : "",
                h->schedule ? h->schedule : "", h->entry ? h->entry : "",
                h->name ? h->name : "", h->citation ? h->citation : "",
                screen__date(d, h->effective_from, h->effective_precision));
        snprintf(key, sizeof key, "cordon.%s", h->jurisdiction);
        rc |= sdf_item(o, key, cordon__buf_cstr(&v));
    }
    if (c->nalerts) {
        cordon__buf_reset(&v);
        for (i = 0; i < c->nalerts; i++) {
            size_t n = strlen(a);
            rc |= cordon__buf_put(&v, a, n);
            rc |= cordon__buf_putc(&v, ' ');
            a += n + 1;
        }
        rc |= sdf_item(o, "cordon.alerts", cordon__buf_cstr(&v));
    }
    rc |= cordon__buf_puts(o, "$$$$\n");
    cordon__buf_free(&v);
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

static int error_record(const cordon_screen *s, const screen_rec *r,
                        cordon_format fmt, const char *msg, size_t offset,
                        cordon_buf *o)
{
    int rc = 0;
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->number);
    switch (s->opts.format) {
    case CORDON_SCREEN_JSONL:
        rc |= cordon__buf_puts(o, "{\"id\":");
        rc |= cordon__buf_json_str(o, r->id, r->id_len);
        rc |= cordon__buf_printf(o,
                                 ",\"record\":%s,\"error\":{\"message\":", num);
        rc |= cordon__buf_json_str(o, msg, strlen(msg));
        if (offset == (size_t)-1)
            rc |= cordon__buf_puts(o, ",\"offset\":null}}\n");
        else
            rc |= cordon__buf_printf(o, ",\"offset\":%zu}}\n", offset);
        break;
    case CORDON_SCREEN_CSV:
        rc |= csv_field(o, r->id, r->id_len, 0);
        rc |= csv_str(o, num, 0);
        rc |= csv_field(o, r->text, fmt == CORDON_FMT_SDF ? 0 : r->len, 0);
        rc |= cordon__buf_puts(o, ",,error,,,,,,,,");
        rc |= csv_str(o, msg, 1);
        break;
    case CORDON_SCREEN_TEXT:
        rc |= cordon__buf_printf(o, "%7s  %s%-14s%s  %s%.*s%s  %s", num,
                                 col(s, C_YEL), "UNREADABLE", col(s, C_OFF),
                                 col(s, C_BOLD), (int)r->id_len, r->id,
                                 col(s, C_OFF), msg);
        if (offset != (size_t)-1)
            rc |= cordon__buf_printf(o, " (offset %zu)", offset);
        rc |= cordon__buf_putc(o, '\n');
        break;
    default:
        if (fmt == CORDON_FMT_SDF && r->len) {
            rc |= cordon__buf_put(o, r->text, r->len);
            if (r->text[r->len - 1] != '\n')
                rc |= cordon__buf_putc(o, '\n');
        } else {
            rc |= cordon__buf_printf(o, "%.*s\n  cordon\n\n", (int)r->id_len,
                                     r->id);
            rc |= cordon__buf_puts(o, "  0  0  0  0  0  0  0  0  0  0999 "
                                      "V2000\nM  END\n");
        }
        rc |= sdf_item(o, "cordon.error", msg);
        rc |= cordon__buf_puts(o, "$$$$\n");
        break;
    }
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

static int parse(cordon_screen_ctx *c, cordon_format fmt, const screen_rec *r,
                 cordon_error *e)
{
    int rc;
    switch (fmt) {
    case CORDON_FMT_SDF:
        rc = cordon_molfile_read(c->mol, r->text, r->len, 1, e);
        break;
    case CORDON_FMT_INCHI:
        rc = cordon_inchi_read(c->mol, r->text, r->len, e);
        break;
    default:
        rc = cordon_smiles_read(c->mol, r->text, r->len, NULL, e);
        break;
    }
    /* the title is read only by the MOL block sdf_record writes for SMILES
     * and InChI input */
    if (rc == CORDON_OK && c->s->opts.format == CORDON_SCREEN_SDF &&
        (fmt != CORDON_FMT_SDF || !cordon_mol_title(c->mol)[0]))
        rc = cordon_mol_set_title(c->mol, r->id, r->id_len);
    return rc;
}

int screen__record(cordon_screen_ctx *c, cordon_format fmt, const screen_rec *r,
                   cordon_buf *out, int *controlled, int *bad, int *written)
{
    const cordon_screen *s = c->s;
    cordon_error *e = &c->err;
    const char *input = "";
    size_t i;
    int rc;
    *controlled = *bad = *written = 0;
    c->hit_mask = 0;
    c->nhits = 0;
    c->nalerts = 0;
    cordon__buf_reset(&c->alerts);
    if (r->status != CORDON_OK) {
        *bad = *written = 1;
        return error_record(s, r, fmt, r->msg, (size_t)-1, out);
    }
    /* what error_record reads (the whole struct is 400 bytes) */
    e->message[0] = '\0';
    e->offset = (size_t)-1;
    rc = parse(c, fmt, r, e);
    if (rc == CORDON_ENOMEM)
        return rc;
    if (rc != CORDON_OK) {
        *bad = *written = 1;
        return error_record(s, r, fmt,
                            e->message[0] ? e->message : cordon_status_str(rc),
                            e->offset, out);
    }
    if ((rc = screen__eval(c)) == CORDON_ENOMEM)
        return rc;
    if (rc != CORDON_OK) {
        *bad = *written = 1;
        return error_record(s, r, fmt, "evaluation failed", (size_t)-1, out);
    }
    /* screen__eval leaves out not-controlled results: JSON Lines writes a
     * record without hits or alerts from s->pre, the rest needs every
     * jurisdiction's line */
    if ((c->nhits || c->nalerts || s->opts.format != CORDON_SCREEN_JSONL) &&
        complete_hits(c))
        return CORDON_ENOMEM;
    for (i = 0; i < c->nhits; i++)
        if (is_hit(&c->hits[i])) {
            int k = c->hits[i].jidx;
            *controlled = 1;
            if (k >= 0)
                c->hit_mask |= (uint32_t)1 << k;
        }
    if (s->opts.only_hits && !*controlled)
        return CORDON_OK;
    *written = 1;
    if (fmt != CORDON_FMT_SDF) {
        input = r->text; /* SMILES or InChI as given; NUL-terminated */
    } else {
        size_t n;
        if (cordon_smiles_write(c->sw, c->mol, 0, &input, &n, NULL) !=
            CORDON_OK)
            input = "";
    }
    switch (s->opts.format) {
    case CORDON_SCREEN_CSV:
        rc = csv_record(c, r, input, out);
        break;
    case CORDON_SCREEN_TEXT:
        rc = text_record(c, r, input, *controlled, out);
        break;
    case CORDON_SCREEN_SDF:
        rc = sdf_record(c, r, fmt, *controlled, out);
        break;
    default:
        rc = jsonl_record(c, r, input, out);
        break;
    }
    return rc;
}

int screen__header(const cordon_screen *s, cordon_buf *o)
{
    int i, rc = 0;
    char d[16];
    if (s->opts.format == CORDON_SCREEN_CSV)
        return cordon__buf_puts(o, "id,record,input,jurisdiction,date,status,"
                                   "basis,schedule,entry,name,limbs,citation,"
                                   "effective_from,alerts,error\n");
    if (s->opts.format != CORDON_SCREEN_TEXT)
        return CORDON_OK;
    rc |= cordon__buf_printf(o, "%scordon screen%s  date %s  jurisdictions ",
                             col(s, C_BOLD), col(s, C_OFF),
                             screen__date(d, s->date, CORDON_KB_DATE_DAY));
    for (i = 0; i < s->njur; i++)
        rc |= cordon__buf_printf(o, "%s%s", i ? ", " : "", s->jur[i]);
    rc |= cordon__buf_puts(o, "\n\n");
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

int screen__footer(const cordon_screen *s, const cordon_screen_stats *st,
                   cordon_buf *o)
{
    int rc = 0;
    if (s->opts.format != CORDON_SCREEN_TEXT)
        return CORDON_OK;
    rc |= cordon__buf_printf(
        o,
        "\n%llu records: %s%llu controlled or listed precursor%s, %llu not "
        "controlled, "
        "%llu unreadable\n",
        (unsigned long long)st->records, col(s, st->controlled ? C_RED : ""),
        (unsigned long long)st->controlled, col(s, C_OFF),
        (unsigned long long)(st->records - st->controlled - st->unreadable),
        (unsigned long long)st->unreadable);
    if (st->controlled) {
        int k;
        rc |= cordon__buf_puts(o, "by jurisdiction:");
        for (k = 0; k < s->njur; k++)
            rc |=
                cordon__buf_printf(o, "  %s %llu", s->jur[k],
                                   (unsigned long long)st->by_jurisdiction[k]);
        rc |= cordon__buf_puts(o, "\n");
    }
    return rc ? CORDON_ENOMEM : CORDON_OK;
}

cordon_status cordon_screen_begin(const cordon_screen *s,
                                  cordon_screen_write_fn write_fn, void *wud,
                                  cordon_error *err)
{
    cordon_buf o = CORDON_BUF_INIT;
    int rc;
    o.alloc = s->alloc;
    if ((rc = screen__header(s, &o)) != CORDON_OK) {
        cordon__buf_free(&o);
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    }
    if (o.len && write_fn(wud, o.data, o.len))
        rc = cordon__error(err, CORDON_EIO, (size_t)-1, "cannot write output");
    cordon__buf_free(&o);
    return rc;
}

cordon_status cordon_screen_finish(const cordon_screen *s,
                                   const cordon_screen_stats *st,
                                   cordon_screen_write_fn write_fn, void *wud,
                                   cordon_error *err)
{
    cordon_buf o = CORDON_BUF_INIT;
    int rc;
    o.alloc = s->alloc;
    if ((rc = screen__footer(s, st, &o)) != CORDON_OK) {
        cordon__buf_free(&o);
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    }
    if (o.len && write_fn(wud, o.data, o.len))
        rc = cordon__error(err, CORDON_EIO, (size_t)-1, "cannot write output");
    cordon__buf_free(&o);
    return rc;
}

cordon_status cordon_screen_one(cordon_screen_ctx *c, const char *text,
                                size_t len, const char *id, const char **out,
                                size_t *out_len, int *controlled,
                                cordon_error *err)
{
    screen_rec r;
    cordon_format fmt = CORDON_FMT_SMI;
    int ctl = 0, bad = 0, written = 0, rc;
    memset(&r, 0, sizeof r);
    if (len >= 6 && !memcmp(text, "InChI=", 6))
        fmt = CORDON_FMT_INCHI;
    else if (memchr(text, '\n', len))
        fmt = CORDON_FMT_SDF;
    cordon__buf_reset(&c->in);
    if (cordon__buf_put(&c->in, text, len))
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    r.text = cordon__buf_cstr(&c->in);
    r.len = len;
    r.id = id ? id : "1";
    r.id_len = strlen(r.id);
    r.number = 1;
    r.status = CORDON_OK;
    cordon__buf_reset(&c->one);
    rc = screen__record(c, fmt, &r, &c->one, &ctl, &bad, &written);
    if (rc != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    *out = cordon__buf_cstr(&c->one);
    *out_len = c->one.len;
    if (controlled)
        *controlled = ctl;
    return bad ? cordon__error(err, CORDON_EPARSE, (size_t)-1,
                               "record could not be read")
               : CORDON_OK;
}

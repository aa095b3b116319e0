/*
 * parse.c -- the line-oriented knowledge-base parser (docs/kb-format.md
 * §1-§2).  One pass over the file, bounded line length, no backtracking:
 * "[TYPE ID]" headers open entries, "key: value" lines add fields,
 * "period:" values are parsed into cordon_kb_period as they are read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kb/kb_int.h"

const char *const cordon__kb_type_names[KB_NTYPES] = {
    "provenance", "jurisdiction", "instrument",
    "substance",  "precursor",    "class"};

int cordon__kb_diag(kb_sink *s, const char *file, int line, const char *id,
                    int warning, const char *fmt, ...)
{
    char msg[CORDON_ERROR_MSG_MAX];
    va_list ap;
    cordon_kb_diag d;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (warning)
        s->nwarnings++;
    else
        s->nerrors++;
    if (s->strict && !warning) {
        cordon__error(s->err, CORDON_EPARSE, (size_t)-1, "%s:%d: %s", file,
                      line, msg);
        if (s->err) {
            s->err->line = (size_t)line;
            snprintf(s->err->rule, sizeof s->err->rule, "%s", id ? id : "");
        }
        return CORDON_EPARSE;
    }
    d.file = file;
    d.line = line;
    d.id = id ? id : "";
    d.warning = warning;
    d.message = msg;
    if (s->fn)
        s->fn(s->ud, &d);
    return CORDON_OK;
}

/* Growable scratch arrays for the entry being parsed. */
typedef struct pstate {
    cordon_kb *kb;
    kb_sink *sink;
    const char *path;
    kb_field *fields;
    size_t nfields, capf;
    cordon_kb_period *periods;
    size_t nperiods, capp;
    cordon_kb_entry cur;
    int open;     /* an entry is being collected */
    int skipping; /* the header was bad: ignore lines until the next one */
    int seen_provenance;
} pstate;

static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t l, k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            l = 2;
        else if (c >= 0xe0 && c <= 0xef)
            l = 3;
        else if (c >= 0xf0 && c <= 0xf4)
            l = 4;
        else
            return 0;
        if (i + l > n)
            return 0;
        for (k = 1; k < l; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
        i += l;
    }
    return 1;
}

static int finish_entry(pstate *p)
{
    cordon_kb *kb = p->kb;
    cordon_kb_entry *e;
    int rc;
    if (!p->open)
        return CORDON_OK;
    p->open = 0;
    rc = cordon__grow(kb->alloc, (void **)&kb->entries, sizeof *kb->entries,
                      &kb->cap, (size_t)kb->nentries + 1);
    if (rc != CORDON_OK)
        return rc;
    e = &kb->entries[kb->nentries];
    *e = p->cur;
    e->index = kb->nentries;
    e->nfields = (int)p->nfields;
    e->nperiods = (int)p->nperiods;
    e->fields = NULL;
    e->periods = NULL;
    if (p->nfields) {
        e->fields = cordon__kb_alloc(kb, p->nfields * sizeof *e->fields);
        if (!e->fields)
            return CORDON_ENOMEM;
        memcpy(e->fields, p->fields, p->nfields * sizeof *e->fields);
    }
    if (p->nperiods) {
        e->periods = cordon__kb_alloc(kb, p->nperiods * sizeof *e->periods);
        if (!e->periods)
            return CORDON_ENOMEM;
        memcpy(e->periods, p->periods, p->nperiods * sizeof *e->periods);
    }
    kb->nentries++;
    p->nfields = p->nperiods = 0;
    return CORDON_OK;
}

static int id_ok(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || n > KB_MAX_ID)
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return 0;
    }
    return 1;
}

static int header(pstate *p, const char *s, size_t n, int line)
{
    const char *sp, *id;
    size_t tl, il;
    int t, rc;
    char pid[KB_MAX_LINE + 32];
    if ((rc = finish_entry(p)) != CORDON_OK)
        return rc;
    p->skipping = 1;
    if (n < 2 || s[n - 1] != ']')
        return cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                               "section header must end with ']'");
    s++;
    n -= 2;
    sp = memchr(s, ' ', n);
    tl = sp ? (size_t)(sp - s) : n;
    for (t = 0; t < KB_NTYPES; t++)
        if (strlen(cordon__kb_type_names[t]) == tl &&
            !memcmp(cordon__kb_type_names[t], s, tl))
            break;
    if (t == KB_NTYPES)
        return cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                               "unknown section type '%.*s'", (int)tl, s);
    id = sp ? sp + 1 : s + n;
    il = (size_t)(s + n - id);
    while (il && *id == ' ')
        id++, il--;
    while (il && id[il - 1] == ' ')
        il--;
    if (t == KB_PROVENANCE) {
        if (il)
            return cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                                   "[provenance] takes no id");
        if (p->seen_provenance)
            return cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                                   "second [provenance] section in the file");
        snprintf(pid, sizeof pid, "provenance:%s", p->path);
        id = pid;
        il = strlen(pid);
    } else {
        if (!p->seen_provenance)
            cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                            "file must open with a [provenance] section");
        if (!id_ok(id, il))
            return cordon__kb_diag(
                p->sink, p->path, line, NULL, 0,
                "bad id '%.*s' (want [A-Za-z0-9][A-Za-z0-9._-]*, at most "
                "%d bytes)",
                (int)il, id, KB_MAX_ID);
    }
    if (!p->seen_provenance && p->sink->strict && t != KB_PROVENANCE)
        return CORDON_EPARSE;
    p->seen_provenance = 1;
    memset(&p->cur, 0, sizeof p->cur);
    p->cur.type = t;
    p->cur.file = p->path;
    p->cur.line = line;
    p->cur.id = cordon__kb_strndup(p->kb, id, il);
    if (!p->cur.id)
        return CORDON_ENOMEM;
    p->open = 1;
    p->skipping = 0;
    return CORDON_OK;
}

static int field(pstate *p, const char *s, size_t n, int line)
{
    size_t k = 0, v;
    const char *val, *why = NULL;
    kb_field *f;
    int rc;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') ||
                     (k && ((s[k] >= '0' && s[k] <= '9') || s[k] == '-'))))
        k++;
    if (k == 0 || k >= n || s[k] != ':')
        return cordon__kb_diag(p->sink, p->path, line,
                               p->open ? p->cur.id : NULL, 0,
                               "expected 'key: value', '[TYPE ID]' or a "
                               "'#' comment");
    if (!p->open) {
        if (p->skipping)
            return CORDON_OK; /* the bad header was reported */
        return cordon__kb_diag(p->sink, p->path, line, NULL, 0,
                               p->seen_provenance
                                   ? "field outside a section"
                                   : "file must open with a [provenance] "
                                     "section");
    }
    val = s + k + 1;
    v = n - k - 1;
    while (v && (*val == ' ' || *val == '\t'))
        val++, v--;
    if (v == 0)
        return cordon__kb_diag(p->sink, p->path, line, p->cur.id, 0,
                               "empty value for '%.*s'", (int)k, s);
    if (v > KB_MAX_VALUE)
        return cordon__kb_diag(p->sink, p->path, line, p->cur.id, 0,
                               "value longer than %d bytes", KB_MAX_VALUE);
    rc = cordon__grow(p->kb->alloc, (void **)&p->fields, sizeof *p->fields,
                      &p->capf, p->nfields + 1);
    if (rc != CORDON_OK)
        return rc;
    f = &p->fields[p->nfields];
    f->key = cordon__kb_strndup(p->kb, s, k);
    if (k == 12 && !memcmp(s, "jurisdiction", 12) && v == 2 &&
        !memcmp(val, "UK", 2))
        f->value = cordon__kb_strndup(p->kb, "GB", 2); /* UK = GB */
    else
        f->value = cordon__kb_strndup(p->kb, val, v);
    f->line = line;
    if (!f->key || !f->value)
        return CORDON_ENOMEM;
    p->nfields++;
    if (k == 6 && !memcmp(s, "period", 6)) {
        cordon_kb_period per;
        rc = cordon__kb_period(p->kb, f->value, &per, &why);
        if (rc == -2)
            return CORDON_ENOMEM;
        if (rc < 0)
            return cordon__kb_diag(p->sink, p->path, line, p->cur.id, 0, "%s",
                                   why);
        per.line = line;
        rc = cordon__grow(p->kb->alloc, (void **)&p->periods,
                          sizeof *p->periods, &p->capp, p->nperiods + 1);
        if (rc != CORDON_OK)
            return rc;
        p->periods[p->nperiods++] = per;
    }
    return CORDON_OK;
}

static int line_(pstate *p, const char *s, size_t n, int line)
{
    if (n && s[n - 1] == '\r')
        n--;
    if (n > KB_MAX_LINE)
        return cordon__kb_diag(p->sink, p->path, line,
                               p->open ? p->cur.id : NULL, 0,
                               "line longer than %d bytes", KB_MAX_LINE);
    if (!utf8_ok((const unsigned char *)s, n))
        return cordon__kb_diag(p->sink, p->path, line,
                               p->open ? p->cur.id : NULL, 0, "invalid utf-8");
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || *s == '#')
        return CORDON_OK;
    if (*s == '[')
        return header(p, s, n, line);
    return field(p, s, n, line);
}

int cordon__kb_parse(cordon_kb *kb, const char *path, const char *data,
                     size_t len, kb_sink *sink)
{
    pstate p;
    size_t i = 0;
    int line = 0, rc = CORDON_OK;
    memset(&p, 0, sizeof p);
    p.kb = kb;
    p.sink = sink;
    p.path = cordon__kb_strndup(kb, path, strlen(path));
    if (!p.path)
        return CORDON_ENOMEM;
    if (len > KB_MAX_FILE)
        return cordon__kb_diag(sink, p.path, 0, NULL, 0,
                               "file larger than %u bytes", KB_MAX_FILE)
                   ? CORDON_ELIMIT
                   : CORDON_OK;
    if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
        rc = cordon__kb_diag(sink, p.path, 1, NULL, 0,
                             "byte-order mark at the start of the file");
        if (rc != CORDON_OK)
            return rc;
        i = 3;
    }
    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - data) : len;
        line++;
        if (memchr(data + i, '\0', e - i))
            rc = cordon__kb_diag(sink, p.path, line, NULL, 0, "nul byte");
        else
            rc = line_(&p, data + i, e - i, line);
        if (rc != CORDON_OK)
            goto done;
        i = e + 1;
    }
    rc = finish_entry(&p);
    if (rc == CORDON_OK && !p.seen_provenance)
        rc = cordon__kb_diag(sink, p.path, line ? line : 1, NULL, 0,
                             "file must open with a [provenance] section");
done:
    cordon__free(kb->alloc, p.fields);
    cordon__free(kb->alloc, p.periods);
    return rc;
}

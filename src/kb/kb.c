/*
 * kb.c -- loading the knowledge base (built in or from a directory),
 * accessors, sorted indexes and lookup by id, CAS number and name key.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kb/kb_int.h"

/* Layout written by tools/build/embed.c. */
struct cordon_embedded_file {
    const char *path;
    const unsigned char *data;
    size_t len;
};
extern const struct cordon_embedded_file cordon_kb_embedded[];

/* ---- arena ---- */

#define KB_ALIGN (sizeof(void *) > sizeof(int64_t) ? sizeof(void *) : 8)
#define KB_HDR ((sizeof(kb_chunk) + KB_ALIGN - 1) / KB_ALIGN * KB_ALIGN)

void *cordon__kb_alloc(cordon_kb *kb, size_t n)
{
    kb_chunk *c = kb->arena;
    void *p;
    n = (n + KB_ALIGN - 1) / KB_ALIGN * KB_ALIGN;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        c = cordon__malloc(kb->alloc, KB_HDR + cap);
        if (!c)
            return NULL;
        c->next = kb->arena;
        c->used = 0;
        c->cap = cap;
        kb->arena = c;
    }
    p = (char *)c + KB_HDR + c->used;
    c->used += n;
    return p;
}

char *cordon__kb_strndup(cordon_kb *kb, const char *s, size_t n)
{
    char *p = cordon__kb_alloc(kb, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static cordon_kb *kb_new(const cordon_allocator *alloc)
{
    cordon_kb *kb = cordon__calloc(alloc, 1, sizeof *kb);
    if (kb)
        kb->alloc = alloc;
    return kb;
}

void cordon_kb_free(cordon_kb *kb)
{
    kb_chunk *c, *n;
    if (!kb)
        return;
    for (c = kb->arena; c; c = n) {
        n = c->next;
        cordon__free(kb->alloc, c);
    }
    cordon__free(kb->alloc, kb->entries);
    cordon__free(kb->alloc, kb->by_id);
    cordon__free(kb->alloc, kb->by_cas);
    cordon__free(kb->alloc, kb->by_n2);
    cordon__free(kb->alloc, kb);
}

/* ---- directory walk ---- */

typedef struct pathlist {
    const cordon_allocator *alloc;
    char **v;
    size_t n, cap;
} pathlist;

static void pathlist_free(pathlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        cordon__free(l->alloc, l->v[i]);
    cordon__free(l->alloc, l->v);
}

static int has_kb_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && !strcmp(name + n - 3, ".kb");
}

static int walk(pathlist *l, const char *dir, int depth, cordon_error *err)
{
    DIR *d;
    struct dirent *de;
    int rc = CORDON_OK;
    if (depth > 16)
        return cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                             "%s: directories nested too deep", dir);
    d = opendir(dir);
    if (!d)
        return cordon__error(err,
                             errno == ENOENT ? CORDON_ENOTFOUND : CORDON_EIO,
                             (size_t)-1, "%s: cannot open directory", dir);
    while (rc == CORDON_OK && (de = readdir(d)) != NULL) {
        struct stat st;
        size_t need;
        char *path;
        if (de->d_name[0] == '.')
            continue;
        need = strlen(dir) + strlen(de->d_name) + 2;
        path = cordon__malloc(l->alloc, need);
        if (!path) {
            rc = CORDON_ENOMEM;
            break;
        }
        snprintf(path, need, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0) {
            cordon__free(l->alloc, path);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = walk(l, path, depth + 1, err);
            cordon__free(l->alloc, path);
        } else if (S_ISREG(st.st_mode) && has_kb_suffix(de->d_name)) {
            if (l->n >= KB_MAX_FILES) {
                cordon__free(l->alloc, path);
                rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                                   "%s: more than %d .kb files", dir,
                                   KB_MAX_FILES);
                break;
            }
            rc = cordon__grow(l->alloc, (void **)&l->v, sizeof *l->v, &l->cap,
                              l->n + 1);
            if (rc != CORDON_OK) {
                cordon__free(l->alloc, path);
                break;
            }
            l->v[l->n++] = path;
        } else {
            cordon__free(l->alloc, path);
        }
    }
    closedir(d);
    if (rc == CORDON_ENOMEM)
        cordon__error(err, rc, (size_t)-1, "out of memory");
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int read_file(const cordon_allocator *a, const char *path, char **out,
                     size_t *len, cordon_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    int rc = CORDON_OK;
    if (!f)
        return cordon__error(err, CORDON_EIO, (size_t)-1, "%s: cannot open",
                             path);
    for (;;) {
        if ((rc = cordon__grow(a, (void **)&buf, 1, &cap, n + 65536)) != 0)
            break;
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n > KB_MAX_FILE) {
            rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                               "%s: file larger than %u bytes", path,
                               KB_MAX_FILE);
            break;
        }
    }
    if (rc == CORDON_OK && ferror(f))
        rc = cordon__error(err, CORDON_EIO, (size_t)-1, "%s: read error", path);
    if (rc == CORDON_ENOMEM)
        cordon__error(err, rc, (size_t)-1, "out of memory");
    fclose(f);
    if (rc != CORDON_OK) {
        cordon__free(a, buf);
        return rc;
    }
    *out = buf;
    *len = n;
    return CORDON_OK;
}

/* One file held in memory (cordon_kb_load_buffer). */
typedef struct kb_mem {
    const char *name, *data;
    size_t len;
} kb_mem;

/* Parses every source into kb: mem if not NULL, else dir (NULL or "" =
 * built in). */
static int load_sources(cordon_kb *kb, const char *dir, const kb_mem *mem,
                        kb_sink *sink, cordon_error *err)
{
    int rc = CORDON_OK;
    size_t i, total = 0;
    if (mem) {
        kb->nfiles = 1;
        rc = cordon__kb_parse(kb, mem->name, mem->data, mem->len, sink);
    } else if (!dir || !*dir) {
        const struct cordon_embedded_file *f;
        for (f = cordon_kb_embedded; f->path && rc == CORDON_OK; f++) {
            rc = cordon__kb_parse(kb, f->path, (const char *)f->data, f->len,
                                  sink);
            kb->nfiles++;
        }
    } else {
        pathlist l = {kb->alloc, NULL, 0, 0};
        rc = walk(&l, dir, 0, err);
        if (rc == CORDON_OK)
            qsort(l.v, l.n, sizeof *l.v, cmp_str);
        for (i = 0; rc == CORDON_OK && i < l.n; i++) {
            char *data = NULL;
            size_t len = 0;
            rc = read_file(kb->alloc, l.v[i], &data, &len, err);
            if (rc != CORDON_OK)
                break;
            total += len;
            if (total > KB_MAX_TOTAL)
                rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                                   "%s: knowledge base larger than %u bytes",
                                   dir, KB_MAX_TOTAL);
            else
                rc = cordon__kb_parse(kb, l.v[i], data, len, sink);
            cordon__free(kb->alloc, data);
            kb->nfiles++;
        }
        pathlist_free(&l);
    }
    if (rc == CORDON_ENOMEM)
        cordon__error(err, rc, (size_t)-1, "out of memory");
    return rc;
}

static cordon_status load(cordon_kb **out, const char *dir, const kb_mem *mem,
                          const cordon_allocator *alloc, cordon_error *err)
{
    cordon_kb *kb;
    kb_sink sink;
    int rc;
    if (!out)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null out");
    *out = NULL;
    kb = kb_new(alloc);
    if (!kb)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    memset(&sink, 0, sizeof sink);
    sink.strict = 1;
    sink.err = err;
    rc = load_sources(kb, dir, mem, &sink, err);
    if (rc == CORDON_OK && (rc = cordon__kb_index(kb)) != CORDON_OK)
        cordon__error(err, rc, (size_t)-1, "out of memory");
    if (rc != CORDON_OK) {
        cordon_kb_free(kb);
        return (cordon_status)rc;
    }
    *out = kb;
    return CORDON_OK;
}

cordon_status cordon_kb_load_builtin(cordon_kb **out,
                                     const cordon_allocator *alloc,
                                     cordon_error *err)
{
    return load(out, NULL, NULL, alloc, err);
}

cordon_status cordon_kb_load_dir(cordon_kb **out, const char *dir,
                                 const cordon_allocator *alloc,
                                 cordon_error *err)
{
    if (!dir || !*dir)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "no directory");
    return load(out, dir, NULL, alloc, err);
}

cordon_status cordon_kb_load_default(cordon_kb **out, const char *dir,
                                     const cordon_allocator *alloc,
                                     cordon_error *err)
{
    return load(out, dir, NULL, alloc, err);
}

cordon_status cordon_kb_load_buffer(cordon_kb **out, const char *name,
                                    const char *data, size_t len,
                                    const cordon_allocator *alloc,
                                    cordon_error *err)
{
    kb_mem m;
    if (!name || (!data && len))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null argument");
    m.name = name;
    m.data = data ? data : "";
    m.len = len;
    return load(out, NULL, &m, alloc, err);
}

static cordon_status check(const char *dir, const kb_mem *mem,
                           cordon_kb_diag_fn fn, void *ud, int *nerrors,
                           int *nwarnings, int *structures_checked,
                           const cordon_allocator *alloc, cordon_error *err)
{
    cordon_kb *kb = kb_new(alloc);
    kb_sink sink;
    int rc, structures = 0;
    if (!kb)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    memset(&sink, 0, sizeof sink);
    sink.fn = fn;
    sink.ud = ud;
    sink.err = err;
    rc = load_sources(kb, dir, mem, &sink, err);
    if (rc == CORDON_OK)
        rc = cordon__kb_index(kb);
    if (rc == CORDON_OK)
        rc = cordon__kb_validate(kb, &sink, &structures);
    if (rc == CORDON_ENOMEM)
        cordon__error(err, rc, (size_t)-1, "out of memory");
    if (nerrors)
        *nerrors = sink.nerrors;
    if (nwarnings)
        *nwarnings = sink.nwarnings;
    if (structures_checked)
        *structures_checked = structures;
    cordon_kb_free(kb);
    return (cordon_status)rc;
}

cordon_status cordon_kb_check(const char *dir, cordon_kb_diag_fn fn, void *ud,
                              int *nerrors, int *nwarnings,
                              int *structures_checked,
                              const cordon_allocator *alloc, cordon_error *err)
{
    return check(dir, NULL, fn, ud, nerrors, nwarnings, structures_checked,
                 alloc, err);
}

cordon_status cordon_kb_check_buffer(const char *name, const char *data,
                                     size_t len, cordon_kb_diag_fn fn, void *ud,
                                     int *nerrors, int *nwarnings,
                                     const cordon_allocator *alloc,
                                     cordon_error *err)
{
    kb_mem m;
    if (!name || (!data && len))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null argument");
    m.name = name;
    m.data = data ? data : "";
    m.len = len;
    return check(NULL, &m, fn, ud, nerrors, nwarnings, NULL, alloc, err);
}

/* ---- accessors ---- */

int cordon_kb_num_entries(const cordon_kb *kb)
{
    return kb ? kb->nentries : 0;
}

const cordon_kb_entry *cordon_kb_entry_at(const cordon_kb *kb, int i)
{
    if (!kb || i < 0 || i >= kb->nentries)
        return NULL;
    return &kb->entries[i];
}

const char *cordon_kb_entry_type(const cordon_kb_entry *e)
{
    return cordon__kb_type_names[e->type];
}
const char *cordon_kb_entry_id(const cordon_kb_entry *e)
{
    return e->id;
}
const char *cordon_kb_entry_file(const cordon_kb_entry *e)
{
    return e->file;
}
int cordon_kb_entry_line(const cordon_kb_entry *e)
{
    return e->line;
}

const char *cordon_kb_entry_field(const cordon_kb_entry *e, const char *key,
                                  int i)
{
    int k;
    if (!e || !key)
        return NULL;
    for (k = 0; k < e->nfields; k++)
        if (!strcmp(e->fields[k].key, key) && i-- == 0)
            return e->fields[k].value;
    return NULL;
}

int cordon_kb_entry_field_count(const cordon_kb_entry *e, const char *key)
{
    int k, n = 0;
    if (!e || !key)
        return 0;
    for (k = 0; k < e->nfields; k++)
        if (!strcmp(e->fields[k].key, key))
            n++;
    return n;
}

int cordon_kb_entry_num_periods(const cordon_kb_entry *e)
{
    return e ? e->nperiods : 0;
}

const cordon_kb_period *cordon_kb_entry_period(const cordon_kb_entry *e, int i)
{
    if (!e || i < 0 || i >= e->nperiods)
        return NULL;
    return &e->periods[i];
}

int cordon_kb_entry_in_force(const cordon_kb_entry *e, int32_t date,
                             const cordon_kb_period **which)
{
    int i;
    for (i = 0; e && i < e->nperiods; i++) {
        const cordon_kb_period *p = &e->periods[i];
        if (date >= p->from && (p->to == 0 || date <= p->to)) {
            if (which)
                *which = p;
            return 1;
        }
    }
    if (which)
        *which = NULL;
    return 0;
}

unsigned cordon_kb_entry_covers(const cordon_kb *kb, const cordon_kb_entry *e)
{
    const char *v = cordon_kb_entry_field(e, "covers", 0), *bad;
    size_t badlen;
    long bits;
    if (!v && kb) {
        const cordon_kb_entry *in =
            cordon_kb_find_id(kb, cordon_kb_entry_field(e, "instrument", 0));
        if (in && in->type == KB_INSTRUMENT)
            v = cordon_kb_entry_field(in, "covers", 0);
    }
    if (!v)
        return 0;
    bits = cordon__kb_covers_list(v, &bad, &badlen);
    return bits < 0 ? 0u : (unsigned)bits;
}

/* ---- indexes ---- */

static int cmp_ix(const void *a, const void *b)
{
    const kb_ix *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static int ix_add(cordon_kb *kb, kb_ix **v, int *n, size_t *cap,
                  const char *key, int entry)
{
    int rc =
        cordon__grow(kb->alloc, (void **)v, sizeof **v, cap, (size_t)*n + 1);
    if (rc != CORDON_OK)
        return rc;
    (*v)[*n].key = key;
    (*v)[*n].entry = entry;
    (*n)++;
    return CORDON_OK;
}

static int is_named(const cordon_kb_entry *e)
{
    return e->type == KB_SUBSTANCE || e->type == KB_PRECURSOR ||
           e->type == KB_CLASS;
}

static int is_name_key(const char *k)
{
    return !strcmp(k, "name") || !strcmp(k, "synonym") ||
           !strcmp(k, "name-zh") || !strcmp(k, "iupac");
}

static int add_name(cordon_kb *kb, const char *v, int entry, size_t *cap)
{
    char key[KB_KEY_CAP];
    int n = cordon_kb_name_key(key, sizeof key, v, strlen(v), 1);
    char *s;
    if (n <= 0)
        return CORDON_OK;
    s = cordon__kb_strndup(kb, key, (size_t)n);
    if (!s)
        return CORDON_ENOMEM;
    return ix_add(kb, &kb->by_n2, &kb->nn2, cap, s, entry);
}

int cordon__kb_index(cordon_kb *kb)
{
    size_t cid = 0, ccas = 0, c2 = 0;
    int i, k, rc;
    for (i = 0; i < kb->nentries; i++) {
        cordon_kb_entry *e = &kb->entries[i];
        if ((rc = ix_add(kb, &kb->by_id, &kb->nid, &cid, e->id, i)) != 0)
            return rc;
        if (!is_named(e))
            continue;
        for (k = 0; k < e->nfields; k++) {
            const kb_field *f = &e->fields[k];
            if (!strcmp(f->key, "cas"))
                rc = ix_add(kb, &kb->by_cas, &kb->ncas, &ccas, f->value, i);
            else if (is_name_key(f->key))
                rc = add_name(kb, f->value, i, &c2);
            if (rc != CORDON_OK)
                return rc;
        }
    }
    if (kb->nid)
        qsort(kb->by_id, (size_t)kb->nid, sizeof *kb->by_id, cmp_ix);
    if (kb->ncas)
        qsort(kb->by_cas, (size_t)kb->ncas, sizeof *kb->by_cas, cmp_ix);
    if (kb->nn2)
        qsort(kb->by_n2, (size_t)kb->nn2, sizeof *kb->by_n2, cmp_ix);
    return CORDON_OK;
}

/* First index of key in the sorted array, or n. */
static int ix_lower(const kb_ix *v, int n, const char *key)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const cordon_kb_entry *cordon_kb_find_id(const cordon_kb *kb, const char *id)
{
    int i;
    if (!kb || !id)
        return NULL;
    i = ix_lower(kb->by_id, kb->nid, id);
    if (i < kb->nid && !strcmp(kb->by_id[i].key, id))
        return &kb->entries[kb->by_id[i].entry];
    return NULL;
}

/* Collects the entries under key (distinct, ascending); returns the count. */
static int ix_collect(const cordon_kb *kb, const kb_ix *v, int n,
                      const char *key, const cordon_kb_entry **hits, int max)
{
    int i = ix_lower(v, n, key), total = 0, last = -1;
    for (; i < n && !strcmp(v[i].key, key); i++) {
        const cordon_kb_entry *e = &kb->entries[v[i].entry];
        if (v[i].entry == last || !is_named(e))
            continue;
        last = v[i].entry;
        if (total < max)
            hits[total] = e;
        total++;
    }
    return total;
}

/* Removes a trailing salt or form word from an N2 key ("fentanyl
 * citrate" -> "fentanyl"); returns 1 if one was removed and a name is
 * left.  Listings cover salts where their instrument says so (covers:). */
static int strip_salt(char *key, int *n)
{
    static const char *const salts[] = {
        "hydrochloride", "dihydrochloride", "hcl",      "hydrobromide",
        "citrate",       "sulfate",         "sulphate", "bitartrate",
        "tartrate",      "phosphate",       "maleate",  "fumarate",
        "mesylate",      "acetate",         "oxalate",  "succinate",
        "hemisulfate",   "nitrate",         "freebase", "base"};
    size_t i, l;
    for (i = 0; i < sizeof salts / sizeof salts[0]; i++) {
        l = strlen(salts[i]);
        if ((size_t)*n > l + 2 && !strcmp(key + *n - l, salts[i])) {
            *n -= (int)l;
            key[*n] = '\0';
            return 1;
        }
    }
    return 0;
}

int cordon_kb_lookup(const cordon_kb *kb, const char *q, size_t len,
                     const cordon_kb_entry **hits, int max)
{
    char key[KB_KEY_CAP];
    const cordon_kb_entry *e;
    int n, t;
    if (!kb || !q || len > KB_MAX_VALUE)
        return 0;
    if (!hits)
        max = 0;
    while (len && (*q == ' ' || *q == '\t'))
        q++, len--;
    while (len && (q[len - 1] == ' ' || q[len - 1] == '\t' ||
                   q[len - 1] == '\n' || q[len - 1] == '\r'))
        len--;
    if (len == 0 || len >= sizeof key)
        return 0;
    memcpy(key, q, len);
    key[len] = '\0';
    e = cordon_kb_find_id(kb, key);
    if (e && is_named(e)) {
        if (max > 0)
            hits[0] = e;
        return 1;
    }
    if (cordon_kb_cas_valid(q, len))
        return ix_collect(kb, kb->by_cas, kb->ncas, key, hits, max);
    /* N2 equality includes N1 equality, so one search finds every
     * spelling (butyryl fentanyl in one list, butyrfentanyl in another). */
    n = cordon_kb_name_key(key, sizeof key, q, len, 1);
    if (n <= 0)
        return 0;
    t = ix_collect(kb, kb->by_n2, kb->nn2, key, hits, max);
    if (t == 0 && strip_salt(key, &n))
        t = ix_collect(kb, kb->by_n2, kb->nn2, key, hits, max);
    return t;
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int cordon_kb_jurisdiction(const cordon_kb *kb, const char *s, char out[3])
{
    int i, k;
    if (!s || !out)
        return 0;
    if (strlen(s) == 2) {
        out[0] = (char)toupper((unsigned char)s[0]);
        out[1] = (char)toupper((unsigned char)s[1]);
        out[2] = '\0';
        if (!strcmp(out, "UK"))
            memcpy(out, "GB", 3);
        if (cordon__kb_jurisdiction_ok(out))
            return 1;
    }
    for (i = 0; kb && i < kb->nentries; i++) {
        const cordon_kb_entry *e = &kb->entries[i];
        if (e->type != KB_JURISDICTION || strlen(e->id) != 2)
            continue;
        for (k = 0; k < e->nfields; k++) {
            const kb_field *f = &e->fields[k];
            if ((!strcmp(f->key, "name") || !strcmp(f->key, "alias")) &&
                ieq(f->value, s)) {
                memcpy(out, e->id, 3);
                return 1;
            }
        }
    }
    return 0;
}

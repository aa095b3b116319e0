/*
 * reader.c -- record framing for SMILES, SDF and InChI streams.
 *
 * Bytes come from zlib (plain and gzip files alike) or from memory, through
 * a 64 KiB window; records are framed line by line and handed to the format
 * parsers.  Only the current record is held, so memory is bounded by the
 * largest record (opts.max_record) and not by the file.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cordon/inchi.h"
#include "cordon/molfile.h"
#include "cordon/reader.h"
#include "cordon/smiles.h"
#include "core/core.h"

#define WINDOW (64u * 1024u)

struct cordon_reader {
    const cordon_allocator *alloc;
    cordon_reader_opts opts;
    gzFile gz;       /* NULL when reading memory */
    const char *mem; /* memory input */
    size_t mem_len, mem_pos;
    char *win; /* read window (file input) */
    size_t win_len, win_pos;
    int eof;
    uint64_t consumed, total;
    size_t line_no;  /* lines consumed so far */
    cordon_buf line; /* a line that crossed the window, copied */
    const char *lp;  /* current line (read_line's view), without newline */
    size_t ll;
    char *lw; /* lp when the reader owns those bytes (window or line
                 buffer) and lp[ll] may be overwritten; else NULL */
    /* the current record: into the line when lw allows NUL-terminating
     * in place, else into rec / id */
    const char *rec_text, *id_text;
    size_t rec_len, id_len;
    cordon_buf rec; /* current record text */
    cordon_buf id;  /* current record id */
    size_t rec_no, rec_line;
    int have_peek; /* line holds an unconsumed line */
};

int cordon_format_from_name(const char *name)
{
    if (!strcmp(name, "auto"))
        return CORDON_FMT_AUTO;
    if (!strcmp(name, "smi") || !strcmp(name, "smiles") || !strcmp(name, "can"))
        return CORDON_FMT_SMI;
    if (!strcmp(name, "sdf") || !strcmp(name, "mol") || !strcmp(name, "sd"))
        return CORDON_FMT_SDF;
    if (!strcmp(name, "inchi"))
        return CORDON_FMT_INCHI;
    return -1;
}

static int fill(cordon_reader *r)
{
    int n;
    if (r->eof)
        return 0;
    if (!r->gz) {
        r->eof = 1;
        return 0;
    }
    n = gzread(r->gz, r->win, WINDOW);
    if (n < 0)
        return -1;
    if (n == 0) {
        r->eof = 1;
        return 0;
    }
    r->win_len = (size_t)n;
    r->win_pos = 0;
    return n;
}

/* Reads one line (without its newline or a trailing '\r') into the view
 * r->lp / r->ll: into the input itself when the line lies in memory or in
 * the window whole, else copied into r->line.  The view is valid until the
 * next call.  Returns 1 on a line, 0 at end, <0 error. */
static int read_line(cordon_reader *r)
{
    if (!r->gz) {
        const char *p, *nl;
        size_t rest;
        if (r->mem_pos >= r->mem_len)
            return 0;
        p = r->mem + r->mem_pos;
        rest = r->mem_len - r->mem_pos;
        nl = memchr(p, '\n', rest);
        rest = nl ? (size_t)(nl - p) : rest;
        if (rest > r->opts.max_record)
            return CORDON_ELIMIT;
        r->lp = p;
        r->ll = rest;
        r->lw = NULL; /* the caller's memory */
        r->mem_pos += rest + (nl ? 1 : 0);
        r->consumed = r->mem_pos;
    } else {
        int any = 0;
        cordon__buf_reset(&r->line);
        r->lp = NULL;
        for (;;) {
            const char *p, *nl;
            size_t rest, piece;
            if (r->win_pos >= r->win_len) {
                int f = fill(r);
                if (f < 0)
                    return CORDON_EIO;
                if (f == 0)
                    break;
            }
            any = 1;
            p = r->win + r->win_pos;
            rest = r->win_len - r->win_pos;
            nl = memchr(p, '\n', rest);
            piece = nl ? (size_t)(nl - p) : rest;
            if (r->line.len + piece > r->opts.max_record)
                return CORDON_ELIMIT;
            if (nl && !r->line.len) { /* whole in the window */
                r->lp = r->lw = r->win + r->win_pos;
                r->ll = piece;
            } else if (cordon__buf_put(&r->line, p, piece)) {
                return CORDON_ENOMEM;
            }
            if (nl) {
                r->win_pos += piece + 1;
                r->consumed += piece + 1;
                break;
            }
            r->win_pos = r->win_len;
            r->consumed += rest;
        }
        if (!any)
            return 0;
        if (!r->lp) {
            if (!r->line.data && cordon__buf_put(&r->line, "", 0))
                return CORDON_ENOMEM;
            r->lp = r->lw = r->line.data;
            r->ll = r->line.len;
        }
    }
    if (r->ll && r->lp[r->ll - 1] == '\r')
        r->ll--;
    r->line_no++;
    return 1;
}

/* Index of the first ' ' or '\t' in s[0..n), or n. */
static size_t span_token(const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n), *sp;
    if (tab)
        n = (size_t)(tab - s);
    sp = memchr(s, ' ', n);
    return sp ? (size_t)(sp - s) : n;
}

static int is_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Decides the format from the first lines: a MOL header has "V2000" or
 * "V3000" on its 4th line; InChI lines start with "InChI=". */
static int detect(cordon_reader *r)
{
    char head[4096];
    size_t n = 0, i;
    int lines = 0;
    if (r->gz) {
        if (r->win_len == 0 && fill(r) < 0)
            return CORDON_EIO;
        n = r->win_len < sizeof head - 1 ? r->win_len : sizeof head - 1;
        memcpy(head, r->win, n);
    } else {
        n = r->mem_len < sizeof head - 1 ? r->mem_len : sizeof head - 1;
        memcpy(head, r->mem, n);
    }
    head[n] = '\0';
    for (i = 0; i < n && (head[i] == ' ' || head[i] == '\n' ||
                          head[i] == '\r' || head[i] == '\t');
         i++)
        ;
    if (!strncmp(head + i, "InChI=", 6)) {
        r->opts.format = CORDON_FMT_INCHI;
        return CORDON_OK;
    }
    for (i = 0; i < n && lines < 3; i++)
        if (head[i] == '\n')
            lines++;
    if (lines == 3) {
        const char *eol = strchr(head + i, '\n');
        size_t l = eol ? (size_t)(eol - (head + i)) : strlen(head + i);
        char line4[128];
        if (l >= sizeof line4)
            l = sizeof line4 - 1;
        memcpy(line4, head + i, l);
        line4[l] = '\0';
        if (strstr(line4, "V2000") || strstr(line4, "V3000")) {
            r->opts.format = CORDON_FMT_SDF;
            return CORDON_OK;
        }
    }
    r->opts.format = CORDON_FMT_SMI;
    return CORDON_OK;
}

static cordon_status reader_new(cordon_reader **out,
                                const cordon_reader_opts *opts,
                                const cordon_allocator *alloc)
{
    static const cordon_reader_opts defaults = CORDON_READER_OPTS_INIT;
    cordon_reader *r = cordon__calloc(alloc, 1, sizeof *r);
    *out = NULL;
    if (!r)
        return CORDON_ENOMEM;
    r->alloc = alloc;
    r->opts = opts ? *opts : defaults;
    if (!r->opts.max_record)
        r->opts.max_record = defaults.max_record;
    r->line.alloc = r->rec.alloc = r->id.alloc = alloc;
    *out = r;
    return CORDON_OK;
}

cordon_status cordon_reader_open(cordon_reader **out, const char *path,
                                 const cordon_reader_opts *opts,
                                 const cordon_allocator *alloc,
                                 cordon_error *err)
{
    cordon_reader *r;
    int rc;
    if ((rc = reader_new(&r, opts, alloc)) != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    r->win = cordon__malloc(alloc, WINDOW);
    if (!r->win) {
        cordon_reader_free(r);
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    }
    if (!strcmp(path, "-")) {
        r->gz = gzdopen(dup(0), "rb");
    } else {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            cordon_reader_free(r);
            return cordon__error(err, CORDON_EIO, (size_t)-1,
                                 "%s: is a directory", path);
        }
        r->gz = gzopen(path, "rb");
        if (r->gz && stat(path, &st) == 0 && !gzdirect(r->gz))
            r->total = 0;
        else if (r->gz && stat(path, &st) == 0)
            r->total = (uint64_t)st.st_size;
    }
    if (!r->gz) {
        cordon_reader_free(r);
        return cordon__error(err, CORDON_EIO, (size_t)-1, "cannot open %s",
                             path);
    }
    gzbuffer(r->gz, 128u * 1024u);
    if (r->opts.format == CORDON_FMT_AUTO && (rc = detect(r)) != CORDON_OK) {
        cordon_reader_free(r);
        return cordon__error(err, rc, (size_t)-1, "cannot read %s", path);
    }
    /* gzdirect is only meaningful after the first read */
    if (r->total && !gzdirect(r->gz))
        r->total = 0;
    *out = r;
    return CORDON_OK;
}

cordon_status cordon_reader_open_mem(cordon_reader **out, const char *s,
                                     size_t len, const cordon_reader_opts *opts,
                                     const cordon_allocator *alloc,
                                     cordon_error *err)
{
    cordon_reader *r;
    int rc;
    if ((rc = reader_new(&r, opts, alloc)) != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    r->mem = s;
    r->mem_len = len;
    r->total = len;
    if (r->opts.format == CORDON_FMT_AUTO)
        detect(r);
    *out = r;
    return CORDON_OK;
}

void cordon_reader_free(cordon_reader *r)
{
    if (!r)
        return;
    if (r->gz)
        gzclose(r->gz);
    cordon__free(r->alloc, r->win);
    cordon__buf_free(&r->line);
    cordon__buf_free(&r->rec);
    cordon__buf_free(&r->id);
    cordon__free(r->alloc, r);
}

static int set_default_id(cordon_reader *r)
{
    cordon__buf_reset(&r->id);
    if (cordon__buf_printf(&r->id, "%zu", r->rec_no))
        return CORDON_ENOMEM;
    r->id_text = r->id.data;
    r->id_len = r->id.len;
    return CORDON_OK;
}

/* One SMILES or InChI line: token, then the id (rest of the line, trimmed).
 * A CXSMILES extension "|...|" after the token is skipped. */
static int frame_line_record(cordon_reader *r)
{
    int rc;
    for (;;) {
        const char *s;
        size_t n, i, j, tok;
        rc = read_line(r);
        if (rc <= 0)
            return rc;
        s = r->lp;
        n = r->ll;
        if (is_blank(s, n) || s[0] == '#')
            continue;
        r->rec_no++;
        r->rec_line = r->line_no;
        for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
            ;
        j = tok = i + span_token(s + i, n - i);
        for (; j < n && (s[j] == ' ' || s[j] == '\t'); j++)
            ;
        if (j < n && s[j] == '|') {
            const char *bar = memchr(s + j + 1, '|', n - j - 1);
            if (bar) {
                j = (size_t)(bar - s) + 1;
                for (; j < n && (s[j] == ' ' || s[j] == '\t'); j++)
                    ;
            }
        }
        while (n > j && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (r->lw) {
            /* s[tok] and s[n] are blanks or the line's end (tok < j when
             * there is an id): terminate both in place */
            r->lw[tok] = '\0';
            r->rec_text = s + i;
            r->rec_len = tok - i;
        } else {
            cordon__buf_reset(&r->rec);
            if (cordon__buf_put(&r->rec, s + i, tok - i))
                return CORDON_ENOMEM;
            r->rec_text = r->rec.data;
            r->rec_len = r->rec.len;
        }
        if (n <= j) {
            if (set_default_id(r))
                return CORDON_ENOMEM;
        } else if (r->lw) {
            r->lw[n] = '\0';
            r->id_text = s + j;
            r->id_len = n - j;
        } else {
            cordon__buf_reset(&r->id);
            if (cordon__buf_put(&r->id, s + j, n - j))
                return CORDON_ENOMEM;
            r->id_text = r->id.data;
            r->id_len = r->id.len;
        }
        return 1;
    }
}

/* One SDF record: lines up to "$$$$" (not included). */
static int frame_sdf_record(cordon_reader *r)
{
    int rc, first = 1;
    cordon__buf_reset(&r->rec);
    for (;;) {
        rc = read_line(r);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            if (first || is_blank(r->rec.data ? r->rec.data : "", r->rec.len))
                return 0;
            break;
        }
        if (first) {
            r->rec_line = r->line_no;
            first = 0;
        }
        if (r->ll >= 4 && !memcmp(r->lp, "$$$$", 4) &&
            is_blank(r->lp + 4, r->ll - 4))
            break;
        if (r->rec.len + r->ll + 1 > r->opts.max_record)
            return CORDON_ELIMIT;
        if (cordon__buf_put(&r->rec, r->lp, r->ll) ||
            cordon__buf_putc(&r->rec, '\n'))
            return CORDON_ENOMEM;
    }
    r->rec_no++;
    {
        const char *s = r->rec.data ? r->rec.data : "";
        const char *nl = memchr(s, '\n', r->rec.len);
        size_t n = nl ? (size_t)(nl - s) : r->rec.len, b = 0;
        while (b < n && (s[b] == ' ' || s[b] == '\t'))
            b++;
        while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        cordon__buf_reset(&r->id);
        if (n > b) {
            if (cordon__buf_put(&r->id, s + b, n - b))
                return CORDON_ENOMEM;
            r->id_text = r->id.data;
            r->id_len = r->id.len;
        } else if (set_default_id(r)) {
            return CORDON_ENOMEM;
        }
        r->rec_text = s;
        r->rec_len = r->rec.len;
    }
    return 1;
}

cordon_status cordon_reader_next(cordon_reader *r, cordon_mol *mol,
                                 cordon_error *err)
{
    int rc;
    cordon_smiles_opts so = CORDON_SMILES_OPTS_INIT;
    if (r->opts.format == CORDON_FMT_SDF)
        rc = frame_sdf_record(r);
    else
        rc = frame_line_record(r);
    if (rc == 0) {
        cordon_mol_clear(mol);
        return CORDON_ENOTFOUND;
    }
    if (rc < 0) {
        cordon__error(err, rc, (size_t)-1,
                      rc == CORDON_ELIMIT ? "record longer than %zu bytes"
                                          : "cannot read input (record %zu)",
                      rc == CORDON_ELIMIT ? r->opts.max_record : r->rec_no + 1);
        if (err) {
            err->record = r->rec_no + 1;
            err->line = r->line_no;
        }
        /* a record that is too long is skipped: move past it */
        if (rc == CORDON_ELIMIT)
            r->rec_no++;
        return rc;
    }
    so.perceive = r->opts.perceive;
    switch (r->opts.format) {
    case CORDON_FMT_SDF:
        rc = cordon_molfile_read(mol, r->rec_text, r->rec_len, r->opts.perceive,
                                 err);
        break;
    case CORDON_FMT_INCHI:
        rc = cordon_inchi_read(mol, r->rec_text, r->rec_len, err);
        break;
    default:
        rc = cordon_smiles_read(mol, r->rec_text, r->rec_len, &so, err);
        break;
    }
    if (rc != CORDON_OK) {
        if (err)
            err->record = r->rec_no;
        if (err && r->opts.format != CORDON_FMT_SDF)
            err->line = r->rec_line;
        return rc;
    }
    if (r->opts.format != CORDON_FMT_SDF || !cordon_mol_title(mol)[0])
        if (cordon_mol_set_title(mol, r->id_text, r->id_len))
            return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                 "out of memory");
    return CORDON_OK;
}

cordon_status cordon_reader_next_record(cordon_reader *r, cordon_error *err)
{
    int rc = r->opts.format == CORDON_FMT_SDF ? frame_sdf_record(r)
                                              : frame_line_record(r);
    if (rc == 0)
        return CORDON_ENOTFOUND;
    if (rc > 0)
        return CORDON_OK;
    cordon__error(err, rc, (size_t)-1,
                  rc == CORDON_ELIMIT ? "record longer than %zu bytes"
                                      : "cannot read input (record %zu)",
                  rc == CORDON_ELIMIT ? r->opts.max_record : r->rec_no + 1);
    if (err) {
        err->record = r->rec_no + 1;
        err->line = r->line_no;
    }
    if (rc == CORDON_ELIMIT)
        r->rec_no++;
    return rc;
}

const char *cordon_reader_record_text(const cordon_reader *r, size_t *len)
{
    if (len)
        *len = r->rec_text ? r->rec_len : 0;
    return r->rec_text ? r->rec_text : "";
}

const char *cordon_reader_record_id(const cordon_reader *r)
{
    return r->id_text ? r->id_text : "";
}

size_t cordon_reader_record_number(const cordon_reader *r)
{
    return r->rec_no;
}

size_t cordon_reader_record_line(const cordon_reader *r)
{
    return r->rec_line;
}

cordon_format cordon_reader_format(const cordon_reader *r)
{
    return r->opts.format;
}

uint64_t cordon_reader_bytes_read(const cordon_reader *r)
{
    return r->consumed;
}

uint64_t cordon_reader_bytes_total(const cordon_reader *r)
{
    return r->total;
}
